/**
 * Every function name the product writes into Excel is an Excel 2016 English function name: Office.js takes
 * formulas in the invariant (English) syntax whatever the user's language, and a name Excel does not know would
 * show #NAME? in every cell. Scans the results plan of the bundled sample in both languages, plus the chart data
 * blocks the Office host writes beside them (native and stacked), against the committed list of Excel 2016
 * functions (test/fakes/excel/excel-2016-functions.txt).
 */
import { computeModel } from '../../src/engine';
import { XlsxHost } from '../../src/hosts/xlsx';
import { waterfallBlock } from '../../src/hosts/office/waterfall-chart';
import { readModel } from '../../src/workbook/contract/parse';
import { isFormulaCell, type ResultsPlan } from '../../src/workbook/port';
import { buildResultsPlan } from '../../src/workbook/results';
import { EXCEL_FUNCTIONS, functionNames } from '../fakes/excel';
import { SAMPLE_PATH } from './support';

async function samplePlans(): Promise<ResultsPlan[]> {
  const parsed = await readModel(new XlsxHost(SAMPLE_PATH, '/nonexistent/out.xlsx'));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.en).join('\n'));
  const results = computeModel(parsed.model);
  const source = { name: 'sample', fingerprint: '0', fingerprintOf: 'file' as const };
  return (['es', 'en'] as const).map((lang) =>
    buildResultsPlan(parsed.model, results, { lang, source, runAt: new Date(Date.UTC(2026, 0, 15)) }),
  );
}

/** Every formula text the Office host would write for a plan: table cells and chart data blocks. */
function formulasOf(plan: ResultsPlan): string[] {
  const out: string[] = [];
  for (const sheet of plan.sheets) {
    for (const table of sheet.tables)
      for (const row of table.rows) for (const cell of row) if (isFormulaCell(cell)) out.push(cell.formula);
    for (const chart of sheet.charts ?? []) {
      for (const style of ['native', 'stacked'] as const) {
        for (const row of waterfallBlock(sheet, chart, style).cells)
          for (const v of row) if (typeof v === 'string' && v.startsWith('=')) out.push(v);
      }
    }
  }
  return out;
}

test('every function the results use is an Excel 2016 English function', async () => {
  const plans = await samplePlans();
  const used = new Map<string, number>();
  for (const plan of plans) {
    const formulas = formulasOf(plan);
    expect(formulas.length).toBeGreaterThan(1000);
    for (const f of formulas) for (const name of functionNames(f)) used.set(name, (used.get(name) ?? 0) + 1);
  }
  const unknown = [...used.keys()].filter((n) => !EXCEL_FUNCTIONS.has(n));
  expect(unknown).toEqual([]);
  // The product's vocabulary of functions, so a new one is a conscious choice (add it here once checked above).
  expect([...used.keys()].sort()).toEqual(expect.arrayContaining(['IF', 'MAX', 'MIN', 'SUM', 'SUMIF']));
});
