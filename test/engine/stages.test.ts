/** The stage order prices → volumes → terms → P&L: levers rewrite lines before terms, so tiers see their effect. */
import { computeModel, recomputeCustomer, type Lever, type Model } from '../../src/engine';
import { buildModel, customer, product, term, termById } from './build';

// One line: 1,000 u at $10. All-units volume rebate: 1 % up to 1,000 u, 2 % above.
function model(): Model {
  return buildModel({
    customers: [customer({ id: 'WMT' })],
    products: [product({ sku: 'A', cogsPerUnit: 4 })],
    lines: [{ customer: 'WMT', sku: 'A', period: '2026-05', baseline: 1_000, list: 10 }],
    terms: [
      term({
        id: 'R',
        customerId: 'WMT',
        tiers: [
          { from: 0, to: 1_000, rate: 0.01 },
          { from: 1_000, to: null, rate: 0.02 },
        ],
      }),
    ],
  });
}

const uplift = (k: number): Lever => ({
  id: 'uplift',
  stage: 'volumes',
  apply: (l) => {
    for (let i = l.start; i < l.end; i++) l.volume[i] *= k;
  },
});

test('no levers: 1 % × $10,000 = $100', () => {
  expect(termById(computeModel(model()).terms, 'R').amount).toBeCloseTo(100, 9);
});

test('a volume lever that lifts the year over the tier makes the whole rebate 2 % (the tier-crossing effect)', () => {
  const r = computeModel(model(), { levers: [uplift(1.1)] });
  // 1,100 u × $10 = $11,000 → tier 2: 2 % × 11,000 = 220; COGS 1,100 × 4 = 4,400
  expect(r.customers[0].totals.volume).toBeCloseTo(1_100, 9);
  expect(r.customers[0].totals.grossSales).toBeCloseTo(11_000, 9);
  expect(r.customers[0].totals.cogs).toBeCloseTo(4_400, 9);
  expect(termById(r.terms, 'R').amount).toBeCloseTo(220, 9);
  // the same through a one-customer recompute
  expect(
    termById(recomputeCustomer(model(), computeModel(model()), 0, { levers: [uplift(1.1)] }).terms, 'R').amount,
  ).toBeCloseTo(220, 9);
});

test('prices run before volumes whatever the order given: a volume response sees the new price', () => {
  // volume responds to price: v × 10 ÷ price. Price +25 % → $12.50 → 800 u; gross 800 × 12.50 = 10,000 → 1 % = 100.
  // (Volumes first would give 1,000 u × $12.50 = 12,500 → 2 % = 250.)
  const response: Lever = {
    id: 'response',
    stage: 'volumes',
    apply: (l) => {
      for (let i = l.start; i < l.end; i++) l.volume[i] *= 10 / l.price[i];
    },
  };
  const increase: Lever = {
    id: 'price',
    stage: 'prices',
    apply: (l) => {
      for (let i = l.start; i < l.end; i++) l.price[i] *= 1.25;
    },
  };
  const r = computeModel(model(), { levers: [response, increase] });
  expect(r.customers[0].totals.volume).toBeCloseTo(800, 9);
  expect(termById(r.terms, 'R').amount).toBeCloseTo(100, 9);
});

test('levers never touch the model', () => {
  const m = model();
  computeModel(m, { levers: [uplift(2)] });
  expect(m.lines.baselineVolume[0]).toBe(1_000);
  expect(m.lines.listPrice[0]).toBe(10);
});
