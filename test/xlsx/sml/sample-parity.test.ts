/**
 * The sample's results written by the SpreadsheetML writer and by the ExcelJS writer it replaces, both read back with
 * ExcelJS (an independent reader here): the same sheets in the same order, every cell the same (value, formula,
 * cached result, number format, bold, wrap), the same tables, frozen panes, column widths, row heights and page
 * setup. What differs is what the new writer adds: the waterfall blocks beside the tables (right of the widest
 * table), real charts instead of the note saying there are none, and owner markers that are sheet-scoped and hidden.
 * The package itself passes the structural checks (helpers.ts).
 */
import ExcelJS from 'exceljs';
import { tablesFromWorkbook, writeResultsInto } from '../../support/exceljs';
import { collectingSink, writeResultsPackage } from '../../../src/hosts/xlsx/sml';
import { nodeDeflater } from '../../../src/hosts/xlsx/sml/node-deflate';
import { ownerMarkerName, type ResultsPlan } from '../../../src/workbook/port';
import { kids, packageProblems, parseXml, relsOf, samplePlan, unzipText } from './helpers';

jest.setTimeout(60_000);

let plan: ResultsPlan;
let ours: ExcelJS.Workbook;
let theirs: ExcelJS.Workbook;
let files: Map<string, string>;
let report: Awaited<ReturnType<typeof writeResultsPackage>>;

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

beforeAll(async () => {
  plan = await samplePlan();
  const out = collectingSink();
  report = await writeResultsPackage(plan, out.sink, { deflater: nodeDeflater() });
  const bytes = out.bytes();
  files = unzipText(bytes);
  ours = await load(bytes);
  const wb = new ExcelJS.Workbook();
  writeResultsInto(wb, plan);
  theirs = await load(new Uint8Array(await wb.xlsx.writeBuffer()));
});

type Shown = { kind: string; value: unknown; formula?: string };

/** A cell as comparable data: formulas with their cached result, '' and absent results alike. */
function shown(cell: ExcelJS.Cell): Shown {
  const v = cell.value as unknown;
  if (cell.type === ExcelJS.ValueType.Formula) {
    const r = cell.result as unknown;
    return { kind: 'formula', formula: cell.formula, value: r === '' || r === undefined ? null : r };
  }
  if (v instanceof Date) return { kind: 'date', value: v.getTime() };
  return { kind: typeof v, value: v ?? null };
}

function style(cell: ExcelJS.Cell) {
  return {
    numFmt: cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined,
    bold: cell.font?.bold === true,
    size: cell.font?.size ?? 11,
    wrap: cell.alignment?.wrapText === true,
    vertical: cell.alignment?.vertical,
  };
}

/** Columns of the sheet's tables (the old note and the new blocks sit right of them). */
function widest(name: string): number {
  const sheet = plan.sheets.find((s) => s.name === name)!;
  return Math.max(0, ...sheet.tables.map((t) => t.columns.length));
}

test('the package is well-formed: content types, relationships, schema order, tables over their header cells', () => {
  expect(packageProblems(files)).toEqual([]);
  expect(report.sheetsWritten).toEqual(plan.sheets.map((s) => s.name));
});

test('the same sheets, in the same order', () => {
  expect(ours.worksheets.map((w) => w.name)).toEqual(theirs.worksheets.map((w) => w.name));
  expect(ours.worksheets.map((w) => w.name)).toEqual(plan.sheets.map((s) => s.name));
});

test('every cell the ExcelJS writer wrote is there, with the same value, formula, cached result and format', () => {
  const diffs: string[] = [];
  let compared = 0;
  let formulas = 0;
  for (const old of theirs.worksheets) {
    const ws = ours.getWorksheet(old.name)!;
    const noteColumn = widest(old.name) + 2;
    old.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        // The note saying the .xlsx has no charts is gone: the charts are there.
        if (c === noteColumn && r <= 2 && plan.sheets.find((s) => s.name === old.name)!.charts) return;
        const mine = ws.getCell(r, c);
        compared++;
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
        const a = JSON.stringify({ ...shown(cell), ...style(cell) });
        const b = JSON.stringify({ ...shown(mine), ...style(mine) });
        if (a !== b && diffs.length < 20) diffs.push(`'${old.name}'!${cell.address}: ExcelJS ${a}\n   sml ${b}`);
      }),
    );
  }
  expect(diffs).toEqual([]);
  expect(compared).toBeGreaterThan(30_000);
  expect(formulas).toBeGreaterThan(5_000);
});

test('the only cells added are the waterfall blocks, right of the widest table, on sheets with charts', () => {
  const added: string[] = [];
  for (const ws of ours.worksheets) {
    const old = theirs.getWorksheet(ws.name)!;
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (old.getCell(r, c).value !== null) return;
        const sheet = plan.sheets.find((s) => s.name === ws.name)!;
        if (!sheet.charts || c < widest(ws.name) + 2) added.push(`'${ws.name}'!${cell.address}`);
      }),
    );
  }
  expect(added).toEqual([]);
});

test('the same tables (names, places, headers, rows), frozen panes, widths, row heights and page setup', () => {
  const grids = (wb: ExcelJS.Workbook) => tablesFromWorkbook(wb).map((g) => ({ ...g, rows: JSON.stringify(g.rows) }));
  expect(grids(ours)).toEqual(grids(theirs));
  let frozen = 0;
  let printAreas = 0;
  let tallRows = 0;
  for (const old of theirs.worksheets) {
    const ws = ours.getWorksheet(old.name)!;
    const view = (w: ExcelJS.Worksheet) => {
      const v = (w.views ?? [])[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
      return v?.state === 'frozen' ? { ySplit: v.ySplit, topLeftCell: v.topLeftCell } : null;
    };
    expect([old.name, view(ws)]).toEqual([old.name, view(old)]);
    if (view(ws)) frozen++;
    for (let c = 1; c <= widest(old.name); c++) {
      expect([old.name, c, ws.getColumn(c).width]).toEqual([old.name, c, old.getColumn(c).width]);
    }
    old.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.height) {
        tallRows++;
        expect([old.name, r, ws.getRow(r).height]).toEqual([old.name, r, row.height]);
      }
    });
    const page = (w: ExcelJS.Worksheet) => {
      const p = w.pageSetup;
      return {
        paperSize: p.paperSize,
        orientation: p.orientation,
        scale: p.fitToPage ? undefined : p.scale,
        fitToPage: p.fitToPage ?? false,
        fitToWidth: p.fitToPage ? p.fitToWidth : undefined,
        fitToHeight: p.fitToPage ? p.fitToHeight : undefined,
        margins: p.margins,
        printArea: p.printArea,
        printTitlesRow: p.printTitlesRow,
        header: w.headerFooter?.oddHeader,
      };
    };
    expect([old.name, page(ws)]).toEqual([old.name, page(old)]);
    if (ws.pageSetup.printArea) printAreas++;
  }
  // Not vacuous: the sample has frozen sheets, sheets meant to be printed and rows of wrapped text.
  expect([frozen, printAreas, tallRows > 10]).toEqual([11, 6, true]);
});

test('owner markers are sheet-scoped and hidden, on each sheet’s A1; print names as the ExcelJS writer wrote', () => {
  const book = parseXml(files.get('xl/workbook.xml')!);
  const sheets = kids(kids(book, 'sheets')[0], 'sheet').map((s) => s.attrs.name);
  const names = kids(kids(book, 'definedNames')[0], 'definedName').map((n) => ({
    name: n.attrs.name,
    local: n.attrs.localSheetId === undefined ? undefined : sheets[Number(n.attrs.localSheetId)],
    hidden: n.attrs.hidden === '1',
    ref: n.text,
  }));
  plan.sheets.forEach((s) => {
    const quoted = /^[A-Za-z_][\w.]*$/.test(s.name) ? s.name : `'${s.name.replace(/'/g, "''")}'`;
    expect(names).toContainEqual({ name: ownerMarkerName(s.role), local: s.name, hidden: true, ref: `${quoted}!$A$1` });
  });
  // The print names, as ExcelJS wrote them (it reads both back into the sheets' page setup: compared above).
  const print = names.filter((n) => n.name.startsWith('_xlnm.'));
  expect(print.length).toBeGreaterThan(6);
  expect(print.every((n) => n.local !== undefined && !n.hidden)).toBe(true);
  // Workbook-wide markers are gone: every _ttm_ name is scoped to its sheet.
  expect(names.filter((n) => n.name.startsWith('_ttm_') && (!n.local || !n.hidden))).toEqual([]);
});

test('every chart of the plan is a chart part, related from its sheet’s drawing, titled as the plan says', () => {
  const book = parseXml(files.get('xl/workbook.xml')!);
  const wbRels = relsOf(files, 'xl/workbook.xml');
  for (const s of kids(kids(book, 'sheets')[0], 'sheet')) {
    const sheet = plan.sheets.find((p) => p.name === s.attrs.name)!;
    const part = wbRels.get(s.attrs['r:id'])!.target;
    const drawings = [...relsOf(files, part).values()].filter((r) => r.type.endsWith('/drawing'));
    if (!sheet.charts) {
      expect(drawings).toEqual([]);
      continue;
    }
    expect(drawings).toHaveLength(1);
    const charts = [...relsOf(files, drawings[0].target).values()].map((r) => files.get(r.target)!);
    expect(charts.map((xml) => /<a:t>([^<]*)<\/a:t>/.exec(xml)![1])).toEqual(
      sheet.charts.map((c) => c.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')),
    );
    charts.forEach((xml, i) => {
      expect(xml).toContain('<c:roundedCorners val="0"/>');
      if (sheet.charts![i].kind === 'waterfall') {
        expect(xml).toContain('<c:grouping val="stacked"/>');
        expect(xml).toContain('<a:noFill/>'); // the invisible base series
      } else expect(xml).toContain('<c:barDir val="bar"/><c:grouping val="clustered"/>');
    });
  }
});
