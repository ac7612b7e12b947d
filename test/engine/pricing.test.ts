/**
 * Price changes as levers: a period split at the effective day, each part at its own price; the own-price
 * response through the retailer's margin, taxes and pass-through; and every later stage (tiers) sees it.
 */
import { computeModel, type Model, type PriceChange } from '../../src/engine';
import { buildModel, customer, product, term, termById } from './build';

function julyModel(changes: PriceChange[], extra: Partial<Model> = {}, terms: Model['terms'] = []): Model {
  const m = buildModel({
    customers: [customer({ id: 'SOR' })],
    products: [product({ sku: 'A', category: 'Básicos', ivaRate: 0, iepsKind: 'none', iepsRate: 0, cogsPerUnit: 4 })],
    lines: [{ customer: 'SOR', sku: 'A', period: '2026-07', baseline: 1_000, list: 10 }],
    terms,
  });
  return { ...m, priceChanges: changes, ...extra };
}

const plus6From16July: PriceChange = {
  customerId: '',
  scope: { kind: 'all', values: [] },
  effectiveDate: '2026-07-16',
  newListPrice: null,
  changePct: 0.06,
};

test('no price changes: every number as before', () => {
  const r = computeModel(julyModel([]));
  expect(r.customers[0].totals.grossSales).toBe(10_000);
});

test('+6 % from 16 July splits July by days: 15/31 at $10.00, 16/31 at $10.60', () => {
  const r = computeModel(julyModel([plus6From16July]));
  // gross = 1,000 × (15/31 × 10 + 16/31 × 10.60) = 10,309.68; volume unchanged (no elasticity)
  expect(r.customers[0].totals.volume).toBeCloseTo(1_000, 9);
  expect(r.customers[0].totals.grossSales).toBeCloseTo(1_000 * ((15 / 31) * 10 + (16 / 31) * 10.6), 9);
  expect(r.customers[0].totals.grossSales).toBeCloseTo(10_309.677, 3);
});

test('with ε = −2 the part after the change answers the shopper price (margin 30 %, no taxes, full pass-through)', () => {
  const m = julyModel([plus6From16July], {
    retailerMargins: [{ customerId: 'SOR', scope: { kind: 'all', values: [] }, frontMargin: 0.3 }],
    elasticities: [{ scope: { kind: 'category', values: ['Básicos'] }, ownPrice: -2, promotional: -3 }],
  });
  const r = computeModel(m);
  // shopper price ∝ list (cost ÷ 0.7, no taxes): ratio 1.06 → f = 1.06^−2 = 0.889996
  const f = Math.pow(1.06, -2);
  const volume = 1_000 * (15 / 31 + (16 / 31) * f);
  expect(r.customers[0].totals.volume).toBeCloseTo(volume, 9);
  expect(r.customers[0].totals.grossSales).toBeCloseTo(1_000 * ((15 / 31) * 10 + (16 / 31) * f * 10.6), 9);
  expect(r.customers[0].totals.cogs).toBeCloseTo(volume * 4, 9);
});

test('half pass-through: the shopper sees half the change; linear form', () => {
  const m = julyModel([{ ...plus6From16July, effectiveDate: '2026-07-01' }], {
    elasticities: [{ scope: { kind: 'all', values: [] }, ownPrice: -2, promotional: -3 }],
  });
  m.settings = { ...m.settings, passThrough: 0.5, elasticityForm: 'linear' };
  // whole July at 10.60; shopper price +3 % → linear factor 1 − 2 × 3 % = 0.94
  const r = computeModel(m);
  expect(r.customers[0].totals.volume).toBeCloseTo(940, 9);
  expect(r.customers[0].totals.grossSales).toBeCloseTo(940 * 10.6, 9);
});

test('a new list price for one SKU and one customer only; changes chain in date order', () => {
  const m = julyModel([
    {
      customerId: 'SOR',
      scope: { kind: 'sku', values: ['A'] },
      effectiveDate: '2026-07-01',
      newListPrice: 12,
      changePct: 0,
    },
    {
      customerId: 'SOR',
      scope: { kind: 'all', values: [] },
      effectiveDate: '2026-07-21',
      newListPrice: null,
      changePct: 0.1,
    },
    {
      customerId: 'OTHER',
      scope: { kind: 'all', values: [] },
      effectiveDate: '2026-07-01',
      newListPrice: 99,
      changePct: 0,
    },
  ]);
  // 1–20 July at $12 (20/31), 21–31 July at $13.20 (11/31)
  const r = computeModel(m);
  expect(r.customers[0].totals.grossSales).toBeCloseTo(1_000 * ((20 / 31) * 12 + (11 / 31) * 13.2), 9);
});

test('a price increase that cuts volume below a tier takes the tier away (later stages see the lever)', () => {
  const tiered = [
    term({
      id: 'R',
      customerId: 'SOR',
      tiers: [
        { from: 0, to: 950, rate: 0.01 },
        { from: 950, to: null, rate: 0.03 },
      ],
    }),
  ];
  const base = computeModel(julyModel([], {}, tiered));
  expect(termById(base.terms, 'R').amount).toBeCloseTo(300, 9); // 1,000 u > 950: 3 % × 10,000
  const m = julyModel(
    [{ ...plus6From16July, effectiveDate: '2026-07-01' }],
    {
      elasticities: [{ scope: { kind: 'all', values: [] }, ownPrice: -2, promotional: -3 }],
    },
    tiered,
  );
  const r = computeModel(m);
  // 1,000 × 1.06^−2 = 889.996 u < 950 → 1 % × 889.996 × 10.60
  expect(termById(r.terms, 'R').amount).toBeCloseTo(0.01 * 1_000 * Math.pow(1.06, -2) * 10.6, 9);
});

test('a closed period (actual volume) takes the new price but keeps its actual volume (no elasticity on actuals)', () => {
  const m = julyModel([{ ...plus6From16July, effectiveDate: '2026-07-01' }], {
    elasticities: [{ scope: { kind: 'all', values: [] }, ownPrice: -2, promotional: -3 }],
  });
  m.lines.actualVolume[0] = 1_100;
  const r = computeModel(m);
  expect(r.customers[0].totals.volume).toBe(1_100);
  expect(r.customers[0].totals.grossSales).toBeCloseTo(1_100 * 10.6, 9);
});
