/**
 * writeTablesPackage against workbookOfTables (the ExcelJS export it replaces): the sample's input tables, plus an
 * empty one and one with dates, written by both and read back with ExcelJS give the same tables at the same places,
 * the same cells, number formats and column widths.
 */
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxHost } from '../../../src/hosts/xlsx';
import { tablesFromWorkbook } from '../../support/exceljs';
import { workbookOfTables } from '../../support/exceljs';
import { collectingSink, writeTablesPackage } from '../../../src/hosts/xlsx/sml';
import { INPUT_TABLE_NAMES } from '../../../src/workbook/contract/specs';
import { HostError, type TableGrid } from '../../../src/workbook/port';
import { packageProblems, SAMPLE, unzipText } from './helpers';

jest.setTimeout(60_000);

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

let grids: TableGrid[];
let ours: ExcelJS.Workbook;
let theirs: ExcelJS.Workbook;
let files: Map<string, string>;

beforeAll(async () => {
  const read = await new XlsxHost(SAMPLE, path.join(__dirname, 'unused.xlsx')).readTables(INPUT_TABLE_NAMES);
  grids = [...read.values()].map((g) => ({ ...g, source: undefined }));
  grids.push(
    { name: 'Vacía', sheet: 'Extra', headerRow: 2, firstColumn: 3, headers: ['Uno', 'Dos'], rows: [] },
    {
      name: 'Fechas',
      sheet: 'Extra',
      headerRow: 6,
      firstColumn: 2,
      headers: ['Cuándo', 'Cuánto'],
      rows: [
        [new Date(Date.UTC(2026, 0, 31)), 1.5],
        [{ error: '#N/A' }, { formulaWithoutValue: '=A1' }],
      ],
    },
  );
  const out = collectingSink();
  await writeTablesPackage(grids, out.sink);
  files = unzipText(out.bytes());
  ours = await load(out.bytes());
  theirs = await load(new Uint8Array(await workbookOfTables(grids).xlsx.writeBuffer()));
});

test('structurally sound, the same sheets', () => {
  expect(packageProblems(files)).toEqual([]);
  expect(ours.worksheets.map((w) => w.name)).toEqual(theirs.worksheets.map((w) => w.name));
  expect(grids.length).toBeGreaterThan(10);
});

test('the same tables at the same places, with the same headers and rows', () => {
  const norm = (wb: ExcelJS.Workbook) =>
    tablesFromWorkbook(wb)
      .map((g) => ({ ...g, rows: JSON.stringify(g.rows) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  expect(norm(ours)).toEqual(norm(theirs));
});

test('every cell, number format and column width as the ExcelJS export wrote them', () => {
  const diffs: string[] = [];
  let cells = 0;
  for (const old of theirs.worksheets) {
    const ws = ours.getWorksheet(old.name)!;
    old.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells++;
        const mine = ws.getCell(r, c);
        // A date in a column the contract gives no format: ExcelJS shows it in the system's short date (id 14,
        // "mm-dd-yy"), the new writer as yyyy-mm-dd, as dates are everywhere else in these files.
        const fmt = cell.value instanceof Date && cell.numFmt === 'mm-dd-yy' ? 'yyyy-mm-dd' : cell.numFmt;
        const a = JSON.stringify([cell.value, fmt ?? null]);
        const b = JSON.stringify([mine.value, mine.numFmt ?? null]);
        if (a !== b && diffs.length < 20) diffs.push(`'${old.name}'!${cell.address}: ExcelJS ${a}, sml ${b}`);
      }),
    );
    for (let c = 1; c <= old.columnCount; c++) {
      const w = old.getColumn(c).width;
      if (w !== undefined && ws.getColumn(c).width !== w)
        diffs.push(`'${old.name}' column ${c}: ${w} vs ${ws.getColumn(c).width}`);
    }
  }
  expect(diffs).toEqual([]);
  expect(cells).toBeGreaterThan(1000);
});

test('refusals, before anything is written: no tables, a table twice, a sheet name Excel refuses', async () => {
  const out = collectingSink();
  await expect(writeTablesPackage([], out.sink)).rejects.toThrow(HostError);
  const g = grids[0];
  await expect(writeTablesPackage([g, { ...g, sheet: 'Otra' }], out.sink)).rejects.toThrow(/appears twice/);
  await expect(writeTablesPackage([{ ...g, sheet: 'a/b' }], out.sink)).rejects.toThrow(/not a valid Excel sheet name/);
  expect(out.chunks).toHaveLength(0);
});
