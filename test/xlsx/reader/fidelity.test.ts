/**
 * The bundled sample, and the sample as LibreOffice saves it (one conversion), read by the new reader give the same
 * grids as the ExcelJS path it replaces (readTablesOf + settleEmptyResults), for every contract input table.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { openWorkbook, readTablesFromBytes } from '../../../src/hosts/xlsx/reader';
import { settleEmptyResults } from '../../support/exceljs';
import { tablesFromWorkbook } from '../../support/exceljs';
import { nodeInflater } from '../../../src/hosts/xlsx/reader/node-inflate';
import { INPUT_TABLE_NAMES } from '../../../src/workbook/contract/specs';
import { recalcWithLibreOffice } from '../../support/libreoffice';
import { choppyInflater, exceljsTables, withoutSource } from './package-edit';

const SAMPLE = path.join(__dirname, '..', '..', '..', 'assets', 'sample-trade-terms.xlsx');

async function expectSameAsExcelJS(bytes: Uint8Array, name: string): Promise<void> {
  const reference = await exceljsTables(bytes, INPUT_TABLE_NAMES);
  expect(reference.size).toBeGreaterThanOrEqual(15); // every contract table is there: the comparison is not vacuous
  for (const inflate of [undefined, nodeInflater, choppyInflater(3, 4096)]) {
    const mine = await readTablesFromBytes(bytes, name, INPUT_TABLE_NAMES, { inflate });
    expect([...mine.keys()]).toEqual([...reference.keys()]);
    expect(withoutSource(mine)).toStrictEqual(reference);
    for (const grid of mine.values()) {
      expect(grid.source).toEqual({
        headerRowShown: true,
        totalsRow: false,
        hiddenRows: [],
        filtered: false,
        mergedRanges: [],
        cellsBelow: [],
      });
    }
  }
}

test('the bundled sample reads exactly as through ExcelJS, for every input table', async () => {
  await expectSameAsExcelJS(new Uint8Array(await fs.readFile(SAMPLE)), 'sample-trade-terms.xlsx');
});

test('every table of the sample, in sheet order, as tablesFromWorkbook (the memory host loader) gives them', async () => {
  const bytes = new Uint8Array(await fs.readFile(SAMPLE));
  const exceljs = new ExcelJS.Workbook();
  await exceljs.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const reference = tablesFromWorkbook(exceljs);
  await settleEmptyResults(reference, bytes);
  const mine = await (await openWorkbook(bytes, 'sample-trade-terms.xlsx')).readAllTables();
  expect(mine.map(({ source: _source, ...g }) => g)).toStrictEqual(reference);
});

test('the sample lists its tables and sheets without reading any cell', async () => {
  const wb = await openWorkbook(new Uint8Array(await fs.readFile(SAMPLE)), 'sample-trade-terms.xlsx');
  expect(wb.tables().length).toBe(15);
  expect(wb.tables().find((t) => t.name === 'VolumenesBase')).toMatchObject({ sheet: 'Volúmenes base' });
  expect(wb.sheets[0]).toMatchObject({ name: 'Léeme', state: 'visible', kind: 'worksheet' });
  expect(wb.date1904).toBe(false);
  expect(wb.ownerMarkers().size).toBe(0);
});

describe('the sample as LibreOffice saves it', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-reader-lo-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('reads exactly as through ExcelJS (other shared strings, styles and table parts)', async () => {
    const { xlsxPath } = recalcWithLibreOffice(SAMPLE, dir);
    await expectSameAsExcelJS(new Uint8Array(await fs.readFile(xlsxPath)), 'sample-lo.xlsx');
  }, 240_000);
});
