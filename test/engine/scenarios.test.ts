/**
 * Scenarios by hand. One customer WMT, products A and B at $10 list, $4 COGS, 1,000 u a month each (24,000 u,
 * gross sales 240,000, COGS 96,000), a 3 % off-invoice rebate R on gross sales, the retailer's front margin 20 %.
 * Base: trade spend 7,200, net 232,800, gross profit 136,800 = contribution (no cost-to-serve, no payment days);
 * the retailer buys at 240,000, sells at 300,000 (front 60,000) and earns the rebate as back margin (7,200).
 */
import {
  compareScenarios,
  computeModel,
  computeScenario,
  applyScenario,
  giveGetLedger,
  guardrails,
  guardrailLimits,
  partiesView,
  type Model,
  type Promotion,
  type Scenario,
} from '../../src/engine';
import { buildModel, customer, product, term } from './build';

const MONTHS = Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`);

function model(): Model {
  const m = buildModel({
    customers: [customer({ id: 'WMT' }), customer({ id: 'SOR' })],
    products: ['A', 'B'].map((sku) => product({ sku, category: 'Botanas', cogsPerUnit: 4 })),
    lines: ['WMT', 'SOR'].flatMap((c) =>
      ['A', 'B'].flatMap((sku) => MONTHS.map((period) => ({ customer: c, sku, period, baseline: 1_000, list: 10 }))),
    ),
    terms: [term({ id: 'R', customerId: 'WMT', rate: 0.03 }), term({ id: 'S', customerId: 'SOR', rate: 0.05 })],
  });
  return {
    ...m,
    promotions: [],
    retailerMargins: [
      { customerId: 'WMT', scope: { kind: 'all', values: [] }, frontMargin: 0.2 },
      { customerId: 'SOR', scope: { kind: 'all', values: [] }, frontMargin: 0.2 },
    ],
  };
}

const july = { from: '2026-07-01', to: '2026-07-31' };
const deal: Promotion = {
  id: 'P',
  customerId: 'WMT',
  scope: { kind: 'sku', values: ['A'] },
  buyWindow: july,
  inStoreWindow: july,
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
};

const base = model();
const baseResults = computeModel(base);

test('the base seen by both parties: contribution 136,800 (58.76 % of net), retailer 67,200, joint 204,000', () => {
  const v = partiesView(base, baseResults, 0);
  expect(v.maker.grossSales).toBeCloseTo(240_000, 6);
  expect(v.maker.tradeSpend).toBeCloseTo(7_200, 6);
  expect(v.maker.tradeSpendPct).toBeCloseTo(0.03, 12);
  expect(v.maker.netSales).toBeCloseTo(232_800, 6);
  expect(v.maker.contribution).toBeCloseTo(136_800, 6);
  expect(v.maker.contributionPct).toBeCloseTo(136_800 / 232_800, 12);
  expect(v.retailer.total).toBeCloseTo(67_200, 6);
  expect(v.joint).toBeCloseTo(204_000, 6);
});

test('a scenario with no levers is the base, and applying one never modifies the base', () => {
  const before = JSON.stringify({ terms: base.terms, promotions: base.promotions, costs: base.costToServe });
  const volume = Float64Array.from(base.lines.baselineVolume);
  const r = computeScenario(base, baseResults, { id: 'none', customerId: 'WMT', changes: [] });
  expect(r.customers[0].totals.contribution).toBeCloseTo(136_800, 6);
  const s: Scenario = {
    id: 'all',
    customerId: 'WMT',
    changes: [
      { target: 'term', id: 'R', field: 'rate', value: 0.05 },
      { target: 'promotion_add', promotion: deal },
      { target: 'volume', scope: { kind: 'all', values: [] }, changePct: 0.1 },
    ],
  };
  const applied = applyScenario(base, s);
  expect(applied.model.terms[0].rate).toBe(0.05);
  expect(applied.model.terms[1]).toBe(base.terms[1]); // untouched objects are shared, not copied
  computeScenario(base, baseResults, s);
  expect(JSON.stringify({ terms: base.terms, promotions: base.promotions, costs: base.costToServe })).toBe(before);
  expect(Array.from(base.lines.baselineVolume)).toEqual(Array.from(volume));
  expect(base.terms[0].rate).toBe(0.03);
});

test('the rebate from 3 % to 5 %: the maker gives 4,800, the retailer gets 4,800, the joint value is unchanged', () => {
  const { base: b, scenarios } = compareScenarios(base, baseResults, [
    { id: 'R5', customerId: 'WMT', changes: [{ target: 'term', id: 'R', field: 'rate', value: 0.05 }] },
  ]);
  expect(b.maker.contribution).toBeCloseTo(136_800, 6);
  const [c] = scenarios;
  expect(c.view.maker.contribution).toBeCloseTo(132_000, 6);
  expect(c.delta.makerContribution).toBeCloseTo(-4_800, 6);
  expect(c.delta.makerTradeSpend).toBeCloseTo(4_800, 6);
  expect(c.delta.makerTradeSpendPp).toBeCloseTo(0.02, 12);
  // 132,000 / 228,000 − 136,800 / 232,800
  expect(c.delta.makerContributionPp).toBeCloseTo(132_000 / 228_000 - 136_800 / 232_800, 12);
  expect(c.delta.retailerTotal).toBeCloseTo(4_800, 6);
  expect(c.delta.joint).toBeCloseTo(0, 6);
});

test('only the scenario customer is recomputed: Soriana keeps its base figures', () => {
  const r = computeScenario(base, baseResults, {
    id: 'R5',
    customerId: 'WMT',
    changes: [{ target: 'term', id: 'R', field: 'rate', value: 0.05 }],
  });
  // Soriana: 240,000 − 5 % = 228,000 net, − 96,000 COGS
  expect(r.customers[1].totals.contribution).toBeCloseTo(132_000, 6);
  expect(r.customers[1].totals).toEqual(baseResults.customers[1].totals);
});

test('a +10 % volume assumption: +24,000 gross sales, the maker gets 0.97 × 24,000 − 9,600 = 13,680', () => {
  const { scenarios } = compareScenarios(base, baseResults, [
    { id: 'V', customerId: 'WMT', changes: [{ target: 'volume', scope: { kind: 'all', values: [] }, changePct: 0.1 }] },
  ]);
  expect(scenarios[0].view.maker.grossSales).toBeCloseTo(264_000, 6);
  expect(scenarios[0].delta.makerContribution).toBeCloseTo(13_680, 6);
  // retailer: front 20 % of a 25 % larger shelf on 24,000 more purchases = 6,000, back 3 % × 24,000 = 720
  expect(scenarios[0].delta.retailerTotal).toBeCloseTo(6_720, 6);
});

test('removing the rebate: the maker gets its 7,200 back, the retailer loses it; the term has no result', () => {
  const s: Scenario = { id: 'noR', customerId: 'WMT', changes: [{ target: 'term_present', id: 'R', value: false }] };
  const r = computeScenario(base, baseResults, s);
  expect(r.terms.map((t) => t.termId)).toEqual(['S']);
  expect(r.customers[0].totals.contribution).toBeCloseTo(144_000, 6);
  expect(r.customers[1].totals.contribution).toBeCloseTo(132_000, 6);
  const [c] = compareScenarios(base, baseResults, [s]).scenarios;
  expect(c.delta.retailerTotal).toBeCloseTo(-7_200, 6);
});

describe('the give/get ledger', () => {
  // Rebate to 5 % and +10 % volume. Alone: −4,800 and +13,680 for the maker. Together: gross 264,000, spend
  // 13,200, COGS 105,600 → contribution 145,200, +8,400 = −4,800 + 13,680 − 480 (the extra 2 % on the extra 24,000).
  const s: Scenario = {
    id: 'G',
    customerId: 'WMT',
    changes: [
      { target: 'term', id: 'R', field: 'rate', value: 0.05 },
      { target: 'volume', scope: { kind: 'all', values: [] }, changePct: 0.1 },
    ],
  };

  test('standalone: each lever alone plus the interaction residual, adding up to the total exactly', () => {
    const l = giveGetLedger(base, baseResults, s);
    expect(l.attribution).toBe('standalone');
    expect(l.total.maker).toBeCloseTo(8_400, 6);
    expect(l.lines.map((x) => x.change)).toEqual([0, 1, -1]);
    expect(l.lines[0].maker).toBeCloseTo(-4_800, 6);
    expect(l.lines[1].maker).toBeCloseTo(13_680, 6);
    expect(l.lines[2].maker).toBeCloseTo(-480, 6);
    expect(l.lines[0].retailer).toBeCloseTo(4_800, 6);
    expect(l.lines[1].retailer).toBeCloseTo(6_720, 6);
    expect(l.lines[2].retailer).toBeCloseTo(480, 6);
    expect(l.lines[0].makerPctOfNetSales).toBeCloseTo(-4_800 / 232_800, 12);
    const sum = l.lines.reduce((a, x) => a + x.maker, 0);
    expect(sum).toBe(l.total.maker);
  });

  test('sequential: the volume lever is valued at the new rate (13,200), no residual', () => {
    const l = giveGetLedger(base, baseResults, s, 'sequential');
    expect(l.lines.map((x) => x.change)).toEqual([0, 1]);
    expect(l.lines[0].maker).toBeCloseTo(-4_800, 6);
    expect(l.lines[1].maker).toBeCloseTo(13_200, 6);
    expect(l.lines[0].maker + l.lines[1].maker).toBeCloseTo(l.total.maker, 9);
    expect(l.method.en).toMatch(/order/);
  });

  test('independent levers leave no interaction', () => {
    const l = giveGetLedger(base, baseResults, {
      id: 'I',
      customerId: 'WMT',
      changes: [
        { target: 'term', id: 'R', field: 'rate', value: 0.04 },
        { target: 'promotion_add', promotion: { ...deal, uplift: 0 } },
      ],
    });
    // The deal with no uplift: 1,000 u of A in July at $2 off-invoice = −2,000; the rebate +1 % = −2,400.
    expect(l.lines[0].maker).toBeCloseTo(-2_400, 6);
    expect(l.lines[1].maker).toBeCloseTo(-2_000, 6);
    expect(l.lines[2].maker).toBeCloseTo(0, 6);
  });
});

test('levers on things that are not the customer’s are errors in es and en', () => {
  expect(() =>
    computeScenario(base, baseResults, {
      id: 'x',
      customerId: 'WMT',
      changes: [{ target: 'term', id: 'S', field: 'rate', value: 0.1 }],
    }),
  ).toThrow("El término S no es de WMT. / Term S is not WMT's.");
  expect(() => applyScenario(base, { id: 'x', customerId: 'OXXO', changes: [] })).toThrow(/Customer OXXO/);
  expect(() =>
    applyScenario(base, {
      id: 'x',
      customerId: 'WMT',
      changes: [{ target: 'term_tier', id: 'R', index: 0, field: 'rate', value: 0.1 }],
    }),
  ).toThrow('R no tiene escalón 1. / R has no tier 1.');
});

describe('guardrails', () => {
  const v = partiesView(base, baseResults, 0);

  test('each limit passes or fails with its distance in the limit’s unit', () => {
    const checks = guardrails(v, {
      minContributionPct: 0.6,
      minGrossMarginPct: 0.5,
      maxTradeSpendPct: 0.025,
      tradeBudget: 10_000,
      maxPromoSpendPct: 0.01,
    });
    const by = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(by.min_contribution_pct.pass).toBe(false);
    expect(by.min_contribution_pct.distance).toBeCloseTo(136_800 / 232_800 - 0.6, 12);
    // gross margin = contribution here (no cost-to-serve): 58.8 % ≥ 50 %
    expect(by.min_gross_margin_pct.pass).toBe(true);
    expect(by.min_gross_margin_pct.value).toBeCloseTo(136_800 / 232_800, 12);
    expect(by.max_trade_spend_pct.pass).toBe(false);
    expect(by.max_trade_spend_pct.distance).toBeCloseTo(-0.005, 12);
    expect(by.trade_budget.pass).toBe(true);
    expect(by.trade_budget.distance).toBeCloseTo(2_800, 6);
    expect(by.max_promo_spend_pct.value).toBe(0);
    expect(by.max_promo_spend_pct.pass).toBe(true);
  });

  test('only the limits set are checked, from Settings and the customer’s own budget', () => {
    expect(guardrails(v, {})).toEqual([]);
    const m: Model = {
      ...base,
      settings: { ...base.settings, minContributionPct: 0.28 },
      customers: [{ ...base.customers[0], tradeBudget: 5_000 }, base.customers[1]],
    };
    expect(guardrailLimits(m, 'WMT')).toEqual({ minContributionPct: 0.28, tradeBudget: 5_000 });
    expect(guardrailLimits(m, 'SOR')).toEqual({ minContributionPct: 0.28 });
    const [budget] = guardrails(v, { tradeBudget: 5_000 });
    expect(budget.pass).toBe(false);
    expect(budget.distance).toBeCloseTo(-2_200, 6);
  });

  test('the price-index corridor reads the volume-weighted index: A at 125, B at 100 → 112.5', () => {
    // Consumer price = $10 ÷ (1 − 20 %) = $12.50 for both SKUs (no IVA); competitors at $10 and $12.50.
    const m: Model = {
      ...base,
      competitorPrices: [
        { customerId: '', sku: 'A', competitor: 'X', price: 10, unitBasis: 'unit', size: null, date: '2026-01-01' },
        {
          customerId: 'WMT',
          sku: 'B',
          competitor: 'Y',
          price: 12.5,
          unitBasis: 'unit',
          size: null,
          date: '2026-01-01',
        },
      ],
    };
    const view = partiesView(m, computeModel(m), 0);
    expect(view.maker.priceIndex).toBeCloseTo(112.5, 9);
    const [low, high] = guardrails(view, { minPriceIndex: 95, maxPriceIndex: 110 });
    expect([low.id, low.pass, low.distance]).toEqual(['min_price_index', true, expect.closeTo(17.5, 9)]);
    expect([high.id, high.pass, high.distance]).toEqual(['max_price_index', false, expect.closeTo(-2.5, 9)]);
    // Soriana has no competitor price of its own on B, and the all-customer one only on A: its index is A's
    expect(partiesView(m, computeModel(m), 1).maker.priceIndex).toBeCloseTo(125, 9);
    expect(guardrails(partiesView(base, baseResults, 0), { minPriceIndex: 95 })[0]).toMatchObject({
      value: null,
      pass: false,
    });
  });

  test('the minimum ROI reads the customer’s worst event and names it', () => {
    const m: Model = {
      ...base,
      promotions: [deal, { ...deal, id: 'Q', scope: { kind: 'sku', values: ['B'] }, uplift: 0.1 }],
    };
    const r = computeModel(m);
    const [p, q] = r.promotions!;
    expect(q.roiGross.value!).toBeLessThan(p.roiGross.value!);
    const [check] = guardrails(partiesView(m, r, 0), { minPromotionRoi: 1 });
    expect(check.about).toBe('Q');
    expect(check.value).toBe(q.roiGross.value);
    expect(check.pass).toBe(q.roiGross.value! >= 1);
  });
});
