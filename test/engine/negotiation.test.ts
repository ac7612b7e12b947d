/**
 * The negotiation by hand. WMT: gross sales G = 240,000 (24,000 u × $10), COGS 96,000, an off-invoice rebate R at
 * rate r on gross sales: contribution % of net = 1 − 96,000 ÷ (240,000 × (1 − r)) = 1 − 0.4 ÷ (1 − r).
 */
import {
  applyScenario,
  computeModel,
  computeScenario,
  walkAway,
  fmtMillions,
  leverValue,
  leverWalkAway,
  negotiation,
  negotiationSentences,
  numericLevers,
  withLever,
  type Model,
  type Scenario,
  type Term,
} from '../../src/engine';
import { buildModel, customer, product, term } from './build';

const MONTHS = Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`);

function model(terms: Term[], settings: Partial<Model['settings']> = {}, scenarios: Scenario[] = []): Model {
  const m = buildModel({
    customers: [customer({ id: 'WMT', name: 'Walmart' })],
    products: ['A', 'B'].map((sku) => product({ sku, cogsPerUnit: 4 })),
    lines: ['A', 'B'].flatMap((sku) =>
      MONTHS.map((period) => ({ customer: 'WMT', sku, period, baseline: 1_000, list: 10 })),
    ),
    terms,
    settings,
  });
  return {
    ...m,
    retailerMargins: [{ customerId: 'WMT', scope: { kind: 'all', values: [] }, frontMargin: 0.2 }],
    scenarios,
  };
}

const R = term({ id: 'R', customerId: 'WMT', rate: 0.03 });
const proposal: Scenario = {
  id: 'P',
  customerId: 'WMT',
  name: 'Anual',
  kind: 'proposal',
  changes: [{ target: 'term', id: 'R', field: 'rate', value: 0.05 }],
};

describe('walk-away of a lever against a guardrail', () => {
  test('a smooth lever: the rebate can go up to 1 − 0.4 ÷ 0.45 = 11.11 % before contribution falls under 55 %', () => {
    const m = model([R], { minContributionPct: 0.55 });
    const w = leverWalkAway(
      m,
      computeModel(m),
      proposal,
      { target: 'term', id: 'R', field: 'rate' },
      'min_contribution_pct',
    )!;
    const exact = 1 - 0.4 / 0.45;
    expect(w.result.status).toBe('found');
    expect(w.result.from).toBe(0.05);
    expect(w.result.walkAway!.value).toBeLessThanOrEqual(exact);
    expect(w.result.walkAway!.value).toBeGreaterThan(exact - 0.00001);
    expect(w.unit).toBe('pct');
    expect(w.sentence.es).toBe('Puede llegar hasta 11.11 % antes de que la contribución baje de 55.0 %.');
    expect(w.sentence.en).toBe('You can go up to 11.11% before contribution falls under 55.0%.');
  });

  test('against the trade budget: 12,000 ÷ 240,000 = 5 %, an explicit limit overriding none in Settings', () => {
    const m = model([R]);
    const r = computeModel(m);
    const ref = { target: 'term', id: 'R', field: 'rate' } as const;
    expect(leverWalkAway(m, r, proposal, ref, 'trade_budget')).toBeNull();
    const s = withLever(proposal, ref, 0.03);
    const w = leverWalkAway(m, r, s, ref, 'trade_budget', 12_000)!;
    expect(w.result.walkAway!.value).toBeGreaterThan(0.04999);
    expect(w.result.walkAway!.value).toBeLessThanOrEqual(0.05);
    // Interpolation pins the exact root, 5 %, where spend equals the limit (the limit itself is acceptable): 5.00 %.
    expect(w.sentence.es).toBe('Puede llegar hasta 5.00 % antes de que el gasto comercial supere $12 mil.');
    expect(w.result.evaluations).toBeLessThan(14); // the scan (11) plus a few interpolation steps, not 8 bisections
  });

  test('a tier bound: lowering the 5 % tier’s threshold under the 24,000 u reached is a jump at 24,000', () => {
    // 1 % up to 30,000 u, 5 % above: 24,000 u earn 1 % (contribution 1 − 0.4 ÷ 0.99 = 59.6 %); at 5 %: 57.9 % < 58 %.
    const tiered = term({
      id: 'T',
      customerId: 'WMT',
      tiers: [
        { from: 0, to: 30_000, rate: 0.01 },
        { from: 30_000, to: null, rate: 0.05 },
      ],
    });
    const m = model([tiered], { minContributionPct: 0.58 });
    const s: Scenario = { id: 'S', customerId: 'WMT', changes: [] };
    const ref = { target: 'term_tier', id: 'T', index: 1, field: 'from' } as const;
    expect(leverValue(m, s, ref)).toBe(30_000);
    const w = leverWalkAway(m, computeModel(m), s, ref, 'min_contribution_pct')!;
    expect(w.result.walkAway).toMatchObject({ value: 24_000, kind: 'jump', included: true });
    expect(w.unit).toBe('units');
    // the bound moves the tier below with it: the bands stay contiguous
    expect(applyScenario(m, withLever(s, ref, 23_999)).model.terms[0].tiers).toEqual([
      { from: 0, to: 23_999, rate: 0.01 },
      { from: 23_999, to: null, rate: 0.05 },
    ]);
  });

  test('no value in range reaches the limit: said plainly', () => {
    const m = model([R], { minContributionPct: 0.1 });
    const w = leverWalkAway(
      m,
      computeModel(m),
      proposal,
      { target: 'term', id: 'R', field: 'rate' },
      'min_contribution_pct',
    )!;
    // the search goes up to 3 × 5 % … 25 %; contribution there is 1 − 0.4 ÷ 0.75 = 46.7 % > 10 %
    expect(w.result.status).toBe('none_in_range');
    expect(w.result.walkAway).toBeNull();
    expect(w.sentence.en).toContain(
      'No value of the R rate from 5.00% up to 25.00% makes contribution fall under 10.0%',
    );
  });
});

test('the numeric levers of a scenario, and the lever set at a value replaces its change', () => {
  const s: Scenario = {
    id: 'S',
    customerId: 'WMT',
    changes: [
      { target: 'term', id: 'R', field: 'rate', value: 0.04 },
      { target: 'term_present', id: 'X', value: false },
      { target: 'volume', scope: { kind: 'all', values: [] }, changePct: 0.1 },
    ],
  };
  expect(numericLevers(s)).toEqual([
    { target: 'term', id: 'R', field: 'rate' },
    { target: 'volume', change: 2 },
  ]);
  const t = withLever(s, { target: 'volume', change: 2 }, 0.2);
  expect(t.changes[2]).toEqual({ target: 'volume', scope: { kind: 'all', values: [] }, changePct: 0.2 });
  expect(s.changes[2]).toMatchObject({ changePct: 0.1 });
  expect(leverValue(model([R]), s, { target: 'term', id: 'R', field: 'rate' })).toBe(0.04);
});

describe('the negotiation of a customer and its sentences', () => {
  const counter: Scenario = {
    id: 'C',
    customerId: 'WMT',
    name: 'Contra',
    kind: 'counter_proposal',
    changes: [{ target: 'term', id: 'R', field: 'rate', value: 0.08 }],
  };
  const m = model([R], { minContributionPct: 0.55, maxTradeSpendPct: 0.1 }, [proposal, counter]);
  const n = negotiation(m, computeModel(m), 'WMT');

  test('scenarios, their guardrails and walk-aways', () => {
    expect(n.scenarios.map((s) => s.scenario.id)).toEqual(['P', 'C']);
    // the counter-proposal at 8 %: contribution 1 − 0.4 ÷ 0.92 = 56.5 % ≥ 55 %; spend 8 % ≤ 10 %
    expect(n.scenarios[1].checks.map((c) => [c.id, c.pass])).toEqual([
      ['min_contribution_pct', true],
      ['max_trade_spend_pct', true],
    ]);
    expect(n.scenarios[1].walkAways.map((w) => [w.guardrail, w.result.status])).toEqual([
      ['min_contribution_pct', 'found'],
      ['max_trade_spend_pct', 'found'],
    ]);
  });

  test('sentences in es and en: the cost in MXN and pp of net sales, contribution against the minimum', () => {
    // P: 2 % more of 240,000 = 4,800 ÷ 232,800 net = 2.1 pp; contribution 1 − 0.4 ÷ 0.95 = 57.9 %
    // C: 5 % more = 12,000 = 5.2 pp; the retailer gets what the maker gives: the joint value is unchanged
    expect(negotiationSentences(n, 'es')).toEqual([
      'La propuesta «Anual» cuesta $5 mil (2.1 pp de venta neta) y deja la contribución en 57.9 %, sobre el mínimo de 55.0 %.',
      'El detallista gana $5 mil de margen; el valor conjunto sube $0.',
      'Tasa de R: puede llegar hasta 11.11 % antes de que la contribución baje de 55.0 %.',
      'La contrapropuesta «Contra» cuesta $12 mil (5.2 pp de venta neta) y deja la contribución en 56.5 %, sobre el mínimo de 55.0 %.',
      'El detallista gana $12 mil de margen; el valor conjunto sube $0.',
      'Tasa de R: puede llegar hasta 11.11 % antes de que la contribución baje de 55.0 %.',
    ]);
    expect(negotiationSentences(n, 'en')[3]).toBe(
      'The counter-proposal "Contra" costs MXN 12 k (5.2 pp of net sales) and leaves contribution at 56.5%, above the 55.0% minimum.',
    );
  });

  test('money for sentences in millions or thousands', () => {
    expect(fmtMillions(1_234_567, 'es')).toBe('$1.2 mdp');
    expect(fmtMillions(-845_400, 'en')).toBe('-MXN 845 k');
    expect(fmtMillions(312, 'es')).toBe('$312');
  });
});

test('a lever whose metric rises then falls: contribution against a list price change with elasticity', () => {
  // One SKU, 12,000 u a year at $10, COGS $4, no terms; linear elasticity −2 on the shopper's price (proportional to
  // the list price here: no margin table, no taxes, full pass-through): Q = 12,000 (1 − 2x) for a change x, and
  // contribution = (10 (1 + x) − 4) × 12,000 (1 − 2x) = 12,000 (6 − 2x − 20x²): 72,000 today, 72,600 at most (x = −5 %).
  // Against 71,000 it crosses at 20x² + 2x − 1/12 = 0: x = (−2 ± √(4 + 20/3)) ÷ 40 = +3.165 % and −13.165 %.
  const m: Model = {
    ...buildModel({
      customers: [customer({ id: 'WMT' })],
      products: [product({ sku: 'A', cogsPerUnit: 4 })],
      lines: MONTHS.map((period) => ({ customer: 'WMT', sku: 'A', period, baseline: 1_000, list: 10 })),
      settings: { elasticityForm: 'linear', passThrough: 1 },
    }),
    elasticities: [{ scope: { kind: 'all', values: [] }, ownPrice: -2, promotional: -2 }],
  };
  const base = computeModel(m);
  const s = (x: number): Scenario => ({
    id: 'PX',
    customerId: 'WMT',
    changes: [
      { target: 'price_change', scope: { kind: 'all', values: [] }, effectiveDate: '2026-01-01', changePct: x },
    ],
  });
  const contribution = (x: number) => computeScenario(m, base, s(x)).customers[0].totals.contribution;
  expect(contribution(0)).toBeCloseTo(72_000, 6);
  expect(contribution(-0.05)).toBeCloseTo(72_600, 6);
  const root = (sign: 1 | -1) => (-2 + sign * Math.sqrt(4 + 20 / 3)) / 40;
  // Conceding on price goes down: the walk-away is the crossing below today's price; the one above is listed too.
  const r = walkAway({
    metric: contribution,
    from: 0,
    min: -0.3,
    max: 0.3,
    limit: 71_000,
    acceptable: 'above',
    concession: 'down',
    tolerance: 0.00001,
  });
  expect(r.status).toBe('found');
  expect(r.walkAway!.value).toBeGreaterThanOrEqual(root(-1));
  expect(r.walkAway!.value).toBeLessThan(root(-1) + 0.00001);
  expect(r.crossings.map((c) => c.at)).toEqual([expect.closeTo(root(-1), 4), expect.closeTo(root(1), 4)]);
  // Raising the price instead, the nearest crossing is the one above.
  const up = walkAway({
    metric: contribution,
    from: 0,
    min: -0.3,
    max: 0.3,
    limit: 71_000,
    acceptable: 'above',
    concession: 'up',
    tolerance: 0.00001,
  });
  expect(up.walkAway!.value).toBeCloseTo(root(1), 4);
  expect(up.walkAway!.value).toBeLessThanOrEqual(root(1));
});
