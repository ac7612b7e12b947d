/**
 * The Promotions and Prices result sheets: one row per event ranked by ROI, per customer × SKU price build-up whose
 * IEPS equals the P&L's tax layer; every formula recalculates (HyperFormula) to the engine's cached value.
 */
import { computeModel, type Model, type Promotion } from '../../src/engine';
import { buildResultsPlan, RESULT_SHEET_NAMES } from '../../src/workbook/results';
import { buildModel, customer, product } from '../engine/build';
import { recalcPlan } from './recalc';

const MONTHS = Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`);

function model(): Model {
  const m = buildModel({
    customers: [customer({ id: 'WMT', name: 'Walmart' })],
    products: [
      product({ sku: 'A', category: 'Botanas', cogsPerUnit: 4, ivaRate: 0.16, iepsKind: 'ad_valorem', iepsRate: 0.08 }),
      product({ sku: 'B', category: 'Botanas', cogsPerUnit: 4, ivaRate: 0.16, iepsKind: 'ad_valorem', iepsRate: 0.08 }),
    ],
    lines: ['A', 'B'].flatMap((sku) =>
      MONTHS.map((period) => ({ customer: 'WMT', sku, period, baseline: 1_000, list: 10 })),
    ),
    terms: [],
  });
  const event = (p: Partial<Promotion>): Promotion => ({
    id: 'P',
    customerId: 'WMT',
    scope: { kind: 'sku', values: ['A'] },
    buyWindow: { from: '2026-07-01', to: '2026-07-31' },
    inStoreWindow: { from: '2026-07-01', to: '2026-07-31' },
    mechanics: ['price_off_pct'],
    depth: 0.2,
    funding: 'off_invoice',
    fundingRate: 2,
    makerShare: 1,
    passThrough: 1,
    uplift: 0.5,
    cannibalisation: 0,
    forwardBuy: 0,
    dip: 0,
    fixedCosts: 0,
    ...p,
  });
  return {
    ...m,
    promotions: [
      event({ id: 'LOW', uplift: 0.1 }), // ROI 100 × 6 ÷ (2 × 1,100) = 0.27
      event({
        id: 'HIGH',
        scope: { kind: 'sku', values: ['B'] },
        uplift: 0.6,
        inStoreWindow: { from: '2026-09-01', to: '2026-09-30' },
        buyWindow: { from: '2026-09-01', to: '2026-09-30' },
      }),
    ],
    retailerMargins: [{ customerId: 'WMT', scope: { kind: 'all', values: [] }, frontMargin: 0.25 }],
    competitorPrices: [
      { customerId: '', sku: 'A', competitor: 'Marca X', price: 12, unitBasis: 'unit', size: null, date: '2026-01-10' },
    ],
  };
}

const m = model();
const results = computeModel(m);
const plan = buildResultsPlan(m, results, {
  lang: 'es',
  source: { name: 'x.xlsx', fingerprint: 'f', fingerprintOf: 'tables' },
  runAt: new Date(Date.UTC(2026, 0, 1)),
});
const sheet = (name: string) => plan.sheets.find((s) => s.name === name)!;

test('every formula of the plan recalculates to the engine value (HyperFormula)', () => {
  const { checked, mismatches } = recalcPlan(plan);
  expect(mismatches).toEqual([]);
  expect(checked).toBeGreaterThan(100);
});

test('Promotions: ranked by gross ROI, with the engine’s figures', () => {
  const t = sheet(RESULT_SHEET_NAMES.promotions.es).tables[0];
  const col = (id: string) => t.columns.findIndex((c) => c.id === id);
  expect(t.rows.map((r) => r[col('promotion_id')])).toEqual(['HIGH', 'LOW']);
  const low = t.rows[1];
  // LOW: lift 100 u; 1,100 u bought × $2 = $2,200; profit 100 × (10 − 4) = 600; ROI 600 ÷ 2,200
  expect(low[col('lift_units')]).toBeCloseTo(100, 9);
  expect((low[col('spend_total')] as { result: number }).result).toBeCloseTo(2_200, 9);
  expect(low[col('incremental_profit')]).toBeCloseTo(600, 9);
  expect((low[col('roi_gross')] as { result: number }).result).toBeCloseTo(600 / 2_200, 12);
  expect(low[col('formula')]).toContain('ROI 0.27 = $600.00 ÷ $2,200.00');
});

test('Prices: the build-up of SKU A for Walmart, and IEPS equal to the P&L tax layer', () => {
  const t = sheet(RESULT_SHEET_NAMES.prices.es).tables[0];
  const col = (id: string) => t.columns.findIndex((c) => c.id === id);
  const a = t.rows.find((r) => r[col('sku')] === 'A')!;
  const v = (id: string) => {
    const cell = a[col(id)];
    return typeof cell === 'object' && cell !== null && 'result' in cell ? (cell.result as number) : (cell as number);
  };
  // A: 12,100 u; gross 121,000; off-invoice allowance 2 × 1,100 = 2,200 → invoice price (121,000 − 2,200) ÷ 12,100
  const invoice = (121_000 - 2_200) / 12_100;
  expect(v('invoice_price')).toBeCloseTo(invoice, 9);
  expect(v('ieps_per_unit')).toBeCloseTo(0.08 * invoice, 9);
  expect(v('retailer_cost')).toBeCloseTo(1.08 * invoice, 9);
  expect(v('shelf_ex_iva')).toBeCloseTo((1.08 * invoice) / 0.75, 9);
  expect(v('consumer_price')).toBeCloseTo(((1.08 * invoice) / 0.75) * 1.16, 9);
  expect(v('price_index')).toBeCloseTo((((1.08 * invoice) / 0.75) * 1.16 * 100) / 12, 9);
  const ieps = t.rows.reduce((s, r) => s + ((r[col('ieps_total')] as { result: number }).result ?? 0), 0);
  expect(ieps).toBeCloseTo(results.customers[0].totals.ieps, 6);
});

test('no promotions: no Promotions sheet', () => {
  const plain = { ...m, promotions: [] };
  const p = buildResultsPlan(plain, computeModel(plain), {
    lang: 'en',
    source: { name: 'x.xlsx', fingerprint: 'f', fingerprintOf: 'tables' },
    runAt: new Date(Date.UTC(2026, 0, 1)),
  });
  expect(p.sheets.map((s) => s.name)).not.toContain(RESULT_SHEET_NAMES.promotions.en);
  expect(p.sheets.map((s) => s.name)).toContain(RESULT_SHEET_NAMES.prices.en);
});

test('Prices with a price ending of $0.90: the consumer price rounded, IVA backed out, the margin absorbs it', () => {
  const rounded = { ...m, settings: { ...m.settings, pricePointEnding: 0.9 } };
  const p = buildResultsPlan(rounded, computeModel(rounded), {
    lang: 'en',
    source: { name: 'x.xlsx', fingerprint: 'f', fingerprintOf: 'tables' },
    runAt: new Date(Date.UTC(2026, 0, 1)),
  });
  expect(recalcPlan(p).mismatches).toEqual([]);
  const t = p.sheets.find((s) => s.name === RESULT_SHEET_NAMES.prices.en)!.tables[0];
  const col = (id: string) => t.columns.findIndex((c) => c.id === id);
  const a = t.rows.find((r) => r[col('sku')] === 'A')!;
  const v = (id: string) => (a[col(id)] as { result: number }).result;
  const unrounded = v('consumer_unrounded');
  // nearest price ending in .90
  const expected = Math.round(unrounded - 0.9) + 0.9;
  expect(v('consumer_price')).toBeCloseTo(expected, 9);
  expect(Math.round((v('consumer_price') % 1) * 100)).toBe(90);
  expect(v('shelf_ex_iva')).toBeCloseTo(expected / 1.16, 9);
  expect(v('front_margin_applied')).toBeCloseTo((expected / 1.16 - v('retailer_cost')) / (expected / 1.16), 12);
});
