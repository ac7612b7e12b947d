/**
 * Acceptance on the bundled sample, read back from the results workbook the run writes: for every customer,
 * gross sales minus each deduction (every term's money on the spend sheet) equals net sales to the centavo, and
 * the customer's trade-spend % is the summed money ratio (not an average of SKU percentages).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxHost } from '../../src/hosts/xlsx';
import { runWorkbook } from '../../src/workbook/run';
import { LEVELS, RESULT_TABLE_NAMES } from '../../src/workbook/results';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');
const CENTAVO = 0.005;

type Row = Record<string, unknown>;

/** Rows of a written Excel table as header → value (formula cells, shared ones too, give their cached result). */
function tableRows(wb: ExcelJS.Workbook, tableName: string): Row[] {
  for (const ws of wb.worksheets) {
    const t = ws
      .getTables()
      .map((x) => (x as unknown as { table?: ExcelJS.TableProperties }).table ?? x)
      .find((x) => (x as ExcelJS.TableProperties).name === tableName) as
      (ExcelJS.TableProperties & { tableRef?: string; ref: string }) | undefined;
    if (!t) continue;
    const ref = t.tableRef ?? t.ref;
    const [a, b] = ref.split(':');
    const top = Number(a.replace(/[A-Z]+/, ''));
    const bottom = Number(b.replace(/[A-Z]+/, ''));
    const headerRow = ws.getRow(top);
    const headers: string[] = [];
    headerRow.eachCell({ includeEmpty: true }, (c, col) => (headers[col] = c.text));
    const rows: Row[] = [];
    for (let r = top + 1; r <= bottom; r++) {
      const row: Row = {};
      ws.getRow(r).eachCell({ includeEmpty: true }, (c, col) => {
        const v = c.value as unknown;
        // A formula, or a shared formula's follower ({ sharedFormula: 'I5', result }): its cached result.
        row[headers[col]] =
          v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)
            ? (c as unknown as { result: unknown }).result
            : v;
      });
      rows.push(row);
    }
    return rows;
  }
  throw new Error(`table ${tableName} not found`);
}

let dir: string;
let wb: ExcelJS.Workbook;
let inputHashBefore: Buffer;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-acceptance-'));
  inputHashBefore = await fs.readFile(SAMPLE);
  const out = path.join(dir, 'results.xlsx');
  const outcome = await runWorkbook(new XlsxHost(SAMPLE, out), { lang: 'es', runAt: new Date(Date.UTC(2026, 10, 28)) });
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.es).join('\n'));
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('the input workbook is byte-for-byte unchanged', async () => {
  expect((await fs.readFile(SAMPLE)).equals(inputHashBefore)).toBe(true);
});

test('every customer: gross sales − each term deduction − each event’s spend = net sales, to the centavo', () => {
  const pnl = tableRows(wb, RESULT_TABLE_NAMES.pnl);
  const spend = tableRows(wb, RESULT_TABLE_NAMES.spend);
  const events = tableRows(wb, RESULT_TABLE_NAMES.promotions);
  expect(events.length).toBeGreaterThanOrEqual(15);
  const totals = pnl.filter((r) => r['Nivel'] === LEVELS.customerTotal.es);
  expect(totals.length).toBe(8);
  for (const t of totals) {
    const customer = t['Cliente'];
    const terms = spend.filter((r) => r['Nivel'] === LEVELS.term.es && r['Cliente'] === customer);
    expect(terms.length).toBeGreaterThan(0);
    const promo = events
      .filter((r) => r['Cliente'] === customer)
      .reduce((s, r) => s + Number(r['Inversión del fabricante']), 0);
    // The P&L's own promotional line carries the same money as the customer's events.
    expect(Math.abs(Number(t['Gasto promocional (incluido en gasto comercial)']) - promo)).toBeLessThan(CENTAVO);
    const deductions = terms.reduce((s, r) => s + Number(r['Monto del término']), 0) + promo;
    const gross = Number(t['Venta bruta']);
    const net = Number(t['Venta neta']);
    expect(Math.abs(gross - deductions - net)).toBeLessThan(CENTAVO);
    // on-invoice + off-invoice columns carry the same money as the terms and the events
    expect(
      Math.abs(Number(t['Descuentos en factura']) + Number(t['Gasto fuera de factura']) - deductions),
    ).toBeLessThan(CENTAVO);
    // trade spend % is the ratio of summed money
    expect(Number(t['Gasto comercial % de venta bruta'])).toBeCloseTo(deductions / gross, 12);
  }
});

test('portfolio total equals the sum of the customer totals, and its margins come from summed money', () => {
  const pnl = tableRows(wb, RESULT_TABLE_NAMES.pnl);
  const customers = pnl.filter((r) => r['Nivel'] === LEVELS.customerTotal.es);
  const portfolio = pnl.find((r) => r['Nivel'] === LEVELS.portfolioTotal.es)!;
  const sum = (k: string) => customers.reduce((s, r) => s + Number(r[k]), 0);
  for (const k of ['Venta bruta', 'Venta neta', 'Utilidad bruta', 'Contribución del cliente']) {
    expect(Math.abs(Number(portfolio[k]) - sum(k))).toBeLessThan(CENTAVO);
  }
  const margin = Number(portfolio['Margen bruto %']);
  expect(margin).toBeCloseTo(sum('Utilidad bruta') / sum('Venta neta'), 12);
  // …and not the average of the customers' margins (they differ on this sample)
  const avg = customers.reduce((s, r) => s + Number(r['Margen bruto %']), 0) / customers.length;
  expect(Math.abs(margin - avg)).toBeGreaterThan(1e-4);
});
