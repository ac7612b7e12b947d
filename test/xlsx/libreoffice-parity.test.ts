/**
 * LibreOffice as an independent check of the results workbook: the bundled sample is run through the CLI's own
 * path (runWorkbook over the .xlsx host), the written file is recalculated by LibreOffice Calc headless (forced
 * full recalculation, test/support/libreoffice.ts), and EVERY formula cell of every result sheet must give, in
 * LibreOffice, the value the engine cached in it: within half a centavo for numbers, exactly for text and booleans.
 * LibreOffice is required (CI installs it, .ci/run): a missing soffice fails this test, it never skips.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { computeModel, METRIC_BY_ID, type MetricId, type ModelResults } from '../../src/engine';
import { XlsxHost } from '../../src/hosts/xlsx';
import { tablesFromWorkbook } from '../support/exceljs';
import { readModel } from '../../src/workbook/contract';
import { RESULT_TABLE_NAMES, LEVELS } from '../../src/workbook/results-layout';
import { runWorkbook } from '../../src/workbook/run';
import { recalcWithLibreOffice } from '../support/libreoffice';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');
/**
 * Half a centavo, absolute. No relative tolerance is needed: the sample's largest figures are in the millions and
 * LibreOffice 7.4 keeps 15 significant digits, so its rounding is below 1e-6 there.
 */
const HALF_CENTAVO = 0.005;

jest.setTimeout(240_000); // two LibreOffice runs (a few seconds each; far more on a loaded CI machine)

type Value = number | string | boolean | null | { error: string };

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A formula's cached result as ExcelJS reads it (read through cell.result: cell.value drops 0, false, ""). */
function resultOf(cell: ExcelJS.Cell): Value {
  const r = cell.result as unknown;
  if (r === undefined || r === null || r === '') return null;
  if (r instanceof Date) return (r.getTime() - EXCEL_EPOCH) / 86_400_000;
  if (typeof r === 'number' || typeof r === 'string' || typeof r === 'boolean') return r;
  if (typeof r === 'object' && typeof (r as { error?: unknown }).error === 'string')
    return { error: (r as { error: string }).error };
  return JSON.stringify(r);
}

/** Value of any cell of the recalculated file (a formula's result, else the plain value). */
function valueOf(cell: ExcelJS.Cell): Value {
  if (cell.type === ExcelJS.ValueType.Formula) return resultOf(cell);
  const v = cell.value as unknown;
  if (v === undefined || v === null || v === '') return null;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH) / 86_400_000;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && typeof (v as { error?: unknown }).error === 'string')
    return { error: (v as { error: string }).error };
  return JSON.stringify(v);
}

const show = (v: Value) => (v !== null && typeof v === 'object' ? v.error : JSON.stringify(v));

function same(engine: Value, lo: Value): boolean {
  if (typeof engine === 'number' && typeof lo === 'number') return Math.abs(engine - lo) <= HALF_CENTAVO;
  if (engine !== null && typeof engine === 'object')
    return lo !== null && typeof lo === 'object' && lo.error === engine.error;
  return engine === lo;
}

interface Mismatch {
  at: string;
  formula: string;
  engine: string;
  libreOffice: string;
}

/** Every formula cell of `written` against the same address of `recalculated`. */
function parity(written: ExcelJS.Workbook, recalculated: ExcelJS.Workbook) {
  const mismatches: Mismatch[] = [];
  const perSheet: Record<string, number> = {};
  let checked = 0;
  let maxNumberDiff = 0;
  written.eachSheet((ws) => {
    const lo = recalculated.getWorksheet(ws.name);
    perSheet[ws.name] = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        checked++;
        perSheet[ws.name]++;
        const engine = resultOf(cell);
        const loCell = lo?.getCell(cell.address);
        const got: Value = loCell ? valueOf(loCell) : null;
        if (typeof engine === 'number' && typeof got === 'number')
          maxNumberDiff = Math.max(maxNumberDiff, Math.abs(engine - got));
        const problem = !lo
          ? 'sheet missing in LibreOffice output'
          : loCell?.type !== ExcelJS.ValueType.Formula
            ? 'not a formula in LibreOffice output'
            : undefined;
        if (problem || !same(engine, got))
          mismatches.push({
            at: `'${ws.name}'!${cell.address}`,
            formula: `=${cell.formula}`,
            engine: show(engine),
            libreOffice: problem ? `${show(got)} (${problem})` : show(got),
          });
      }),
    );
  });
  return { checked, perSheet, mismatches, maxNumberDiff };
}

async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

let dir: string;
let written: ExcelJS.Workbook;
let recalculated: ExcelJS.Workbook;
let engineResults: ModelResults;
let resultsPath: string;
let loSeconds: number;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-lo-parity-'));
  resultsPath = path.join(dir, 'resultados.xlsx');
  // The CLI's path: `trade-terms run` is runWorkbook over an XlsxHost (src/cli/main.ts).
  const outcome = await runWorkbook(new XlsxHost(SAMPLE, resultsPath), {
    lang: 'es',
    runAt: new Date(Date.UTC(2026, 10, 28, 12, 0)),
  });
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.es).join('\n'));

  // The engine's own numbers, read and computed again independently of the run.
  const parsed = await readModel(new XlsxHost(SAMPLE, path.join(dir, 'unused.xlsx')));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.en).join('\n'));
  engineResults = computeModel(parsed.model);

  const t0 = Date.now();
  const { xlsxPath } = recalcWithLibreOffice(resultsPath, path.join(dir, 'libreoffice'));
  loSeconds = (Date.now() - t0) / 1000;
  [written, recalculated] = await Promise.all([readXlsx(resultsPath), readXlsx(xlsxPath)]);
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test('LibreOffice recalculates every formula of the results to the value the engine cached in it', () => {
  const { checked, perSheet, mismatches, maxNumberDiff } = parity(written, recalculated);
  console.log(
    `LibreOffice parity: ${checked} formula cells checked in ${loSeconds.toFixed(1)} s of LibreOffice ` +
      `(${Object.entries(perSheet)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ')}); largest numeric difference ${maxNumberDiff.toExponential(2)}`,
  );
  // Not vacuous: the sample's results hold thousands of formulas (5,529 when this test was written).
  expect(checked).toBeGreaterThan(1000);
  const report = mismatches
    .slice(0, 50)
    .map((m) => `${m.at}  ${m.formula}  engine ${m.engine}  LibreOffice ${m.libreOffice}`)
    .join('\n');
  expect(`${mismatches.length} mismatch(es)\n${report}`).toBe('0 mismatch(es)\n');
});

test("the cached values are the engine's numbers (spot checks against computeModel)", () => {
  const pnl = tablesFromWorkbook(written).find((t) => t.name === RESULT_TABLE_NAMES.pnl);
  if (!pnl) throw new Error(`no table ${RESULT_TABLE_NAMES.pnl}`);
  const ws = written.getWorksheet(pnl.sheet)!;
  const lo = recalculated.getWorksheet(pnl.sheet)!;
  const col = (metric: MetricId) => {
    const j = pnl.headers.indexOf(METRIC_BY_ID.get(metric)!.es);
    if (j < 0) throw new Error(`no column ${metric} in ${pnl.name}`);
    return j;
  };
  const rowWhere = (level: string, customer?: string) => {
    const i = pnl.rows.findIndex((r) => r[0] === level && (customer === undefined || r[1] === customer));
    if (i < 0) throw new Error(`no row ${level} ${customer ?? ''}`);
    return i;
  };
  /** The formula cell at (data row i, column j): its cached result and LibreOffice's value. */
  const at = (i: number, j: number) => {
    const address = { row: pnl.headerRow + 1 + i, col: pnl.firstColumn + j };
    const cell = ws.getCell(address.row, address.col);
    expect(cell.type).toBe(ExcelJS.ValueType.Formula);
    return { cached: resultOf(cell), libreOffice: valueOf(lo.getCell(address.row, address.col)) };
  };

  const portfolio = rowWhere(LEVELS.portfolioTotal.es);
  const first = engineResults.customers[0];
  const firstTotal = rowWhere(LEVELS.customerTotal.es, first.customerId);
  const checks: [number, MetricId, number][] = [
    [portfolio, 'net_sales', engineResults.portfolio.netSales],
    [portfolio, 'gross_profit', engineResults.portfolio.grossProfit],
    [portfolio, 'contribution', engineResults.portfolio.contribution],
    [firstTotal, 'net_sales', first.totals.netSales],
    [firstTotal, 'contribution', first.totals.contribution],
  ];
  for (const [i, metric, want] of checks) {
    const { cached, libreOffice } = at(i, col(metric));
    expect(cached).toBeCloseTo(want, 6);
    expect(Math.abs((libreOffice as number) - want)).toBeLessThanOrEqual(HALF_CENTAVO);
  }
  expect(engineResults.portfolio.netSales).toBeGreaterThan(1_000_000); // a real portfolio, not zeros
});

test('LibreOffice really recalculates (a wrong cached value in a copy comes back corrected)', async () => {
  // Poison the cached value of one formula in a copy: with LibreOffice's default (never recalculate OOXML) the
  // copy would echo the wrong value back and the parity above would compare our numbers with themselves.
  const zip = await JSZip.loadAsync(await fs.readFile(resultsPath));
  const sheetXml = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(sheetXml)!.async('string');
  const m = /<c r="([A-Z]+\d+)"[^>]*><f>[^<]+<\/f><v>([^<]+)<\/v><\/c>/.exec(xml);
  if (!m) throw new Error(`no formula with a cached value in ${sheetXml}`);
  const [whole, address, cached] = m;
  expect(Math.abs(Number(cached))).toBeGreaterThan(1);
  zip.file(sheetXml, xml.replace(whole, whole.replace(`<v>${cached}</v>`, '<v>-123.45</v>')));
  const canary = path.join(dir, 'canary.xlsx');
  await fs.writeFile(canary, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

  const { xlsxPath } = recalcWithLibreOffice(canary, path.join(dir, 'libreoffice'));
  const back = await readXlsx(xlsxPath);
  const got = valueOf(back.worksheets[0].getCell(address));
  expect(typeof got).toBe('number');
  expect(Math.abs((got as number) - Number(cached))).toBeLessThanOrEqual(HALF_CENTAVO);
});
