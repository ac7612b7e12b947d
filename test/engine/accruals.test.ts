import { computeModel, monthsOfYear, type AccrualRow, type InterimTierPolicy, type Tier } from '../../src/engine';
import { buildModel, customer, product, sum, termById, term, type LineSpec } from './build';

// Yearly all-units volume rebate on gross sales: up to 5,999 u → 1 %; above 5,999 to 10,000 u → 2 %; above 10,000 u
// → 3 % (a shared bound belongs to the tier it closes, so 6,000 u reach tier 2).
const tiers: Tier[] = [
  { from: 0, to: 5_999, rate: 0.01 },
  { from: 5_999, to: 10_000, rate: 0.02 },
  { from: 10_000, to: null, rate: 0.03 },
];

// Plan: 700 u a month at $10 (8,400 u a year → tier 2). Actuals Jan–Jun: 1,000 u a month (closed periods).
// Used volume = 6 × 1,000 + 6 × 700 = 10,200 u → tier 3 for the year: 3 % × 102,000 = 3,060.
function chedraui(method: 'all_units' | 'marginal' = 'all_units') {
  const lines: LineSpec[] = monthsOfYear(2026).map((p, k) => ({
    customer: 'CHE',
    sku: 'A',
    period: p,
    baseline: 700,
    actual: k < 6 ? 1_000 : undefined,
    list: 10,
  }));
  return buildModel({
    customers: [customer({ id: 'CHE', name: 'Chedraui' })],
    products: [product({ sku: 'A' })],
    lines,
    terms: [term({ id: 'R', customerId: 'CHE', tiers, tierMethod: method })],
  });
}

function rows(all: readonly AccrualRow[], policy: InterimTierPolicy): AccrualRow[] {
  return all.filter((r) => r.policy === policy);
}

describe('accruals of a yearly tiered rebate, month by month', () => {
  const r = computeModel(chedraui());
  const annual = termById(r.terms, 'R').amount;

  test('the annual computation', () => {
    expect(annual).toBeCloseTo(3_060, 9);
  });

  test('tier reached so far: catch-up in June (tier 2) and December (tier 3)', () => {
    const a = rows(r.accruals, 'tier_reached_so_far');
    expect(a.map((x) => x.periodId)).toEqual(monthsOfYear(2026));
    // Jan–May: YTD ≤ 5,000 u → 1 % × 10,000 a month = 100 each; cumulative May = 500
    expect(a[4].cumulative).toBeCloseTo(500, 9);
    expect(a[4].trueUp).toBeCloseTo(0, 9);
    // June: YTD 6,000 u → 2 % × 60,000 = 1,200; accrual 700 = run rate 1 % × 10,000 (100) + true-up 600
    expect(a[5].ytdMeasure).toBe(6_000);
    expect(a[5].cumulative).toBeCloseTo(1_200, 9);
    expect(a[5].accrual).toBeCloseTo(700, 9);
    expect(a[5].runRate).toBeCloseTo(100, 9);
    expect(a[5].trueUp).toBeCloseTo(600, 9);
    expect(a[5].effectiveRate).toBeCloseTo(0.02, 12);
    // July: 6,700 u, 2 % × 67,000 = 1,340: accrual 140 at the run rate, no true-up
    expect(a[6].accrual).toBeCloseTo(140, 9);
    expect(a[6].trueUp).toBeCloseTo(0, 9);
    // December: YTD 10,200 u → 3 % × 102,000 = 3,060; November was 2 % × 95,000 = 1,900
    // accrual 1,160 = run rate 2 % × 7,000 (140) + true-up 1,020 (= 1 % × 102,000)
    expect(a[10].cumulative).toBeCloseTo(1_900, 9);
    expect(a[11].accrual).toBeCloseTo(1_160, 9);
    expect(a[11].runRate).toBeCloseTo(140, 9);
    expect(a[11].trueUp).toBeCloseTo(1_020, 9);
    expect(a[11].cumulative).toBe(annual);
    expect(sum(a.map((x) => x.accrual))).toBeCloseTo(annual, 9);
  });

  test('forecast year-end: forecast tier 2 until June, true-up when the forecast reaches tier 3', () => {
    const a = rows(r.accruals, 'forecast_year_end');
    // Jan forecast = 1,000 actual + 11 × 700 plan = 8,700 u → 2 %: cumulative 2 % × 10,000 = 200 (no true-up in month 1)
    expect(a[0].tierMeasureUsed).toBe(8_700);
    expect(a[0].cumulative).toBeCloseTo(200, 9);
    expect(a[0].runRate).toBeCloseTo(200, 9);
    expect(a[0].trueUp).toBeCloseTo(0, 9);
    // May forecast = 5,000 + 7 × 700 = 9,900 → still 2 %: cumulative 2 % × 50,000 = 1,000
    expect(a[4].tierMeasureUsed).toBe(9_900);
    expect(a[4].cumulative).toBeCloseTo(1_000, 9);
    // June forecast = 6,000 + 6 × 700 = 10,200 → 3 %: cumulative 3 % × 60,000 = 1,800;
    // accrual 800 = run rate 2 % × 10,000 (200) + true-up 600
    expect(a[5].tierMeasureUsed).toBe(10_200);
    expect(a[5].accrual).toBeCloseTo(800, 9);
    expect(a[5].runRate).toBeCloseTo(200, 9);
    expect(a[5].trueUp).toBeCloseTo(600, 9);
    // Jul–Dec: 3 % × 7,000 = 210 a month, no true-up
    for (let m = 6; m < 12; m++) {
      expect(a[m].accrual).toBeCloseTo(210, 9);
      expect(a[m].trueUp).toBeCloseTo(0, 9);
    }
    expect(a[11].cumulative).toBe(annual);
    expect(sum(a.map((x) => x.accrual))).toBeCloseTo(annual, 9);
  });

  test('marginal tiers: both policies end on the annual amount', () => {
    const m = computeModel(chedraui('marginal'));
    // 10,200 u: bands 5,999 / 4,001 / 200 of 10,200 on 102,000 → 1 % × 59,990 + 2 % × 40,010 + 3 % × 2,000
    //         = 599.90 + 800.20 + 60 = 1,460.10
    const amount = termById(m.terms, 'R').amount;
    expect(amount).toBeCloseTo(1_460.1, 9);
    for (const policy of ['tier_reached_so_far', 'forecast_year_end'] as const) {
      const a = rows(m.accruals, policy);
      expect(a[11].cumulative).toBe(amount);
      expect(sum(a.map((x) => x.accrual))).toBeCloseTo(amount, 9);
      a.forEach((x) => expect(x.accrual).toBeCloseTo(x.runRate + x.trueUp, 9));
    }
  });

  test('the P&L places the term at the annual effective rate: byPeriod = 3 % × period gross', () => {
    const t = termById(r.terms, 'R');
    expect(t.byPeriod[0]).toBeCloseTo(300, 9); // 3 % × 10,000
    expect(t.byPeriod[11]).toBeCloseTo(210, 9); // 3 % × 7,000
    expect(sum(t.byPeriod)).toBeCloseTo(3_060, 9);
  });

  test('a conditional lump sum accrues by its allocation key, with the catch-up when the target is met', () => {
    const model = chedraui();
    model.terms = [
      term({
        id: 'EXH',
        customerId: 'CHE',
        kind: 'display_fee',
        basis: 'fixed_amount',
        rate: 12_000,
        allocation: 'even',
        condition: { measure: 'volume', target: 9_000 },
      }),
    ];
    const x = computeModel(model);
    // met for the year (10,200 ≥ 9,000): 12,000, 1,000 a month evenly
    expect(termById(x.terms, 'EXH').amount).toBe(12_000);
    const so = rows(x.accruals, 'tier_reached_so_far');
    // YTD volume reaches 9,000 in November (Oct: 6,000 + 4 × 700 = 8,800; Nov: 9,500):
    // Jan–Oct cumulative 0; Nov cumulative 12,000 × 11/12 = 11,000 (all of it catch-up); Dec + 1,000
    expect(so[9].cumulative).toBe(0);
    expect(so[10].cumulative).toBeCloseTo(11_000, 9);
    expect(so[10].trueUp).toBeCloseTo(11_000, 9);
    expect(so[11].accrual).toBeCloseTo(1_000, 9);
    expect(so[11].cumulative).toBe(12_000);
    const fy = rows(x.accruals, 'forecast_year_end');
    // forecast Jan = 8,700 < 9,000 → 0; Feb = 2,000 + 10 × 700 = 9,000 → met: cumulative 12,000 × 2/12 = 2,000
    expect(fy[0].cumulative).toBe(0);
    expect(fy[1].cumulative).toBeCloseTo(2_000, 9);
    expect(fy[11].cumulative).toBe(12_000);
  });
});
