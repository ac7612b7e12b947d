/**
 * The writer reads a result table's cells from its columns (tableCells) and never builds its rows (issue 10: a
 * million-row plan held as arrays per row was most of the 1 M run's collection time). Written from the columns or
 * from rows read first (as a test or another host would), the package is the same, part for part.
 */
import { collectingSink, writeResultsPackage } from '../../../src/hosts/xlsx/sml';
import { nodeDeflater } from '../../../src/hosts/xlsx/sml/node-deflate';
import type { ResultsPlan } from '../../../src/workbook/port';
import { RESULT_SHEET_NAMES } from '../../../src/workbook/results';
import { samplePlan, unzipText } from './helpers';

async function parts(plan: ResultsPlan): Promise<Map<string, string>> {
  const out = collectingSink();
  await writeResultsPackage(plan, out.sink, { deflater: nodeDeflater() });
  return unzipText(out.bytes());
}

const LINE_SHEETS = [RESULT_SHEET_NAMES.pnl.es, RESULT_SHEET_NAMES.waterfall.es, RESULT_SHEET_NAMES.prices.es];

/** Whether a table still keeps its cells in columns: its rows are an accessor nothing has read. */
const unread = (t: object) => typeof Object.getOwnPropertyDescriptor(t, 'rows')?.get === 'function';

test('the package is the same written from the tables’ columns or from their rows', async () => {
  const fromColumns = await samplePlan();
  const lineSheets = fromColumns.sheets.filter((s) => LINE_SHEETS.includes(s.name));
  expect(lineSheets).toHaveLength(LINE_SHEETS.length);
  // Writing builds no row of a line-level table (small tables a chart or the print scale reads may be built).
  const columns = await parts(fromColumns);
  expect(lineSheets.flatMap((s) => s.tables).every(unread)).toBe(true);

  const fromRows = await samplePlan();
  for (const s of fromRows.sheets) for (const t of s.tables) expect(t.rows.length).toBeGreaterThanOrEqual(0);
  expect(fromRows.sheets.flatMap((s) => s.tables).some(unread)).toBe(false);
  const rows = await parts(fromRows);

  expect([...columns.keys()].sort()).toEqual([...rows.keys()].sort());
  // docProps/core.xml holds the time of writing: the two writes may fall in different seconds.
  columns.delete('docProps/core.xml');
  for (const [name, text] of columns) expect({ name, text }).toEqual({ name, text: rows.get(name) });
  // The line-level sheets hold shared formulas (runs of one template down a column), read from the columns too.
  const pnl = fromColumns.sheets.findIndex((s) => s.name === RESULT_SHEET_NAMES.pnl.es);
  expect(columns.get(`xl/worksheets/sheet${pnl + 1}.xml`)).toMatch(/<f t="shared" ref="[A-Z]+\d+:[A-Z]+\d+" si="0">/);
});
