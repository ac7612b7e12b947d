/**
 * Independent review: small hand-computed cases at the edges of each variant (band edges, zero weights, negative
 * growth, empty scopes, quarter spans, ISO weeks...). Every expected number is worked out in the comment beside it.
 */
import {
  allocateLines,
  computeModel,
  isoWeeksOfYear,
  monthsOfYear,
  type AccrualRow,
  type InterimTierPolicy,
  type Model,
  type Term,
  type Tier,
} from '../../src/engine';
import { scopeRanges } from '../../src/engine/scope';
import { buildModel, costToServe, customer, product, sum, term, termById, type LineSpec } from './build';

const tiers3: Tier[] = [
  { from: 0, to: 1_000, rate: 0.01 },
  { from: 1_000, to: 2_000, rate: 0.02 },
  { from: 2_000, to: null, rate: 0.03 },
];

function oneLine(volume: number, terms: Term[], list = 10): Model {
  return buildModel({
    customers: [customer({ id: 'WMT' })],
    products: [product({ sku: 'A' })],
    lines: [{ customer: 'WMT', sku: 'A', period: '2026-05', baseline: volume, list }],
    terms,
  });
}

function amountsAt(volume: number): { au: number; mg: number } {
  const r = computeModel(
    oneLine(volume, [
      term({ id: 'AU', customerId: 'WMT', tiers: tiers3, tierMethod: 'all_units' }),
      term({ id: 'MG', customerId: 'WMT', tiers: tiers3, tierMethod: 'marginal' }),
    ]),
  );
  return { au: termById(r.terms, 'AU').amount, mg: termById(r.terms, 'MG').amount };
}

function policyRows(all: readonly AccrualRow[], id: string, policy: InterimTierPolicy): AccrualRow[] {
  return all.filter((x) => x.termId === id && x.policy === policy);
}

describe('tiers at exact band edges (first From inclusive; a shared bound belongs to the tier it closes)', () => {
  test('999 u: tier 1 under both methods', () => {
    // gross 9,990: all-units 1 % × 9,990 = 99.90; marginal band 1 = 999 u → 1 % × 9,990 = 99.90
    const { au, mg } = amountsAt(999);
    expect(au).toBeCloseTo(99.9, 9);
    expect(mg).toBeCloseTo(99.9, 9);
  });

  test('exactly 1,000 u: still tier 1 under all-units (the bound closes tier 1); marginal has nothing in band 2 yet', () => {
    // gross 10,000: all-units 1 % × 10,000 = 100; marginal band 1 = min(1,000, 1,000) − 0 = 1,000 → 1 % × 10,000 = 100
    const { au, mg } = amountsAt(1_000);
    expect(au).toBeCloseTo(100, 9);
    expect(mg).toBeCloseTo(100, 9);
  });

  test('1,001 u: all-units tier 2; marginal 1,000 u at 1 % + 1 u at 2 %', () => {
    // gross 10,010: all-units 2 % × 10,010 = 200.20; marginal 1 % × 10,000 + 2 % × 10 = 100.20
    const { au, mg } = amountsAt(1_001);
    expect(au).toBeCloseTo(200.2, 9);
    expect(mg).toBeCloseTo(100.2, 9);
  });

  test('exactly 2,000 u: all-units tier 2 (not 3); marginal 1,000 u at 1 % + 1,000 u at 2 %', () => {
    // gross 20,000: all-units 2 % × 20,000 = 400; marginal 1 % × 10,000 + 2 % × 10,000 = 300
    const { au, mg } = amountsAt(2_000);
    expect(au).toBeCloseTo(400, 9);
    expect(mg).toBeCloseTo(300, 9);
  });

  test('below a first tier starting above 0 earns 0 under both methods', () => {
    const t: Tier[] = [
      { from: 500, to: 1_000, rate: 0.01 },
      { from: 1_000, to: null, rate: 0.02 },
    ];
    const r = computeModel(
      oneLine(499, [
        term({ id: 'AU', customerId: 'WMT', tiers: t, tierMethod: 'all_units' }),
        term({ id: 'MG', customerId: 'WMT', tiers: t, tierMethod: 'marginal' }),
      ]),
    );
    expect(termById(r.terms, 'AU').amount).toBe(0);
    expect(termById(r.terms, 'MG').amount).toBe(0);
    expect(termById(r.terms, 'AU').formula.en).toContain('below the first tier (500 units)');
    // 1,200 u: marginal bands [500,1,000) = 500 u, [1,000, ∞) = 200 u; units below 500 earn nothing:
    // 1 % × 5,000 + 2 % × 2,000 = 50 + 40 = 90
    const r2 = computeModel(oneLine(1_200, [term({ id: 'MG', customerId: 'WMT', tiers: t, tierMethod: 'marginal' })]));
    expect(termById(r2.terms, 'MG').amount).toBeCloseTo(90, 9);
  });

  test('marginal volume tiers paying % of sales: each band at the average price', () => {
    // A: 1,000 u × $10 = 10,000; B: 500 u × $20 = 10,000 → measure 1,500 u, gross 20,000, average $13.333/u.
    // band 1 = 1,000 u → 1 % × 20,000 × 1,000/1,500 = 133.333…; band 2 = 500 u → 2 % × 20,000 × 500/1,500 = 133.333…
    // total 266.67 (not 1 % × 10,000 + 2 % × 10,000 = 300, which would be the actual price of the later units)
    const r = computeModel(
      buildModel({
        customers: [customer({ id: 'WMT' })],
        products: [product({ sku: 'A' }), product({ sku: 'B' })],
        lines: [
          { customer: 'WMT', sku: 'A', period: '2026-01', baseline: 1_000, list: 10 },
          { customer: 'WMT', sku: 'B', period: '2026-02', baseline: 500, list: 20 },
        ],
        terms: [term({ id: 'MG', customerId: 'WMT', tiers: tiers3, tierMethod: 'marginal' })],
      }),
    );
    const mg = termById(r.terms, 'MG');
    expect(mg.amount).toBeCloseTo(800 / 3, 9);
    // placed back ∝ gross sales: half each
    expect(r.lines.offInvoice[0]).toBeCloseTo(400 / 3, 9);
    expect(r.lines.offInvoice[1]).toBeCloseTo(400 / 3, 9);
    expect(mg.formula.es).toBe(
      'escalonado marginal (volumen 1,500 u, venta bruta $20,000.00): 1.0 % × $13,333.33 + 2.0 % × $6,666.67 = $266.67',
    );
  });
});

describe('growth rebates', () => {
  // Prior year 1,000 u at $9 (nominal); this year 1,100 u at $10 → gross 11,000.
  function growthModel(volume: number, t: Partial<Term>): Model {
    return buildModel({
      customers: [customer({ id: 'SOR' })],
      products: [product({ sku: 'A' })],
      lines: [{ customer: 'SOR', sku: 'A', period: '2026-03', baseline: volume, list: 10, prior: 1_000, priorList: 9 }],
      terms: [term({ id: 'G', customerId: 'SOR', kind: 'growth_rebate', rate: 0.05, tierMeasure: 'growth', ...t })],
    });
  }

  test('price-neutral vs nominal reference, excess vs whole', () => {
    const run = (priceNeutral: boolean, payOn: 'excess' | 'whole') =>
      termById(computeModel(growthModel(1_100, { growth: { priceNeutral, payOn } })).terms, 'G');
    // price-neutral: R = 1,000 × $10 = 10,000; C = 11,000; growth 10 %; excess 1,000 → 5 % × 1,000 = 50
    const pnEx = run(true, 'excess');
    expect(pnEx.measureValue).toBeCloseTo(0.1, 12);
    expect(pnEx.amount).toBeCloseTo(50, 9);
    expect(pnEx.basisValue).toBeCloseTo(1_000, 9);
    // whole: 5 % × 11,000 = 550
    expect(run(true, 'whole').amount).toBeCloseTo(550, 9);
    // nominal: R = 1,000 × $9 = 9,000; growth 22.2 %; excess 2,000 → 100; whole still 550
    const nomEx = run(false, 'excess');
    expect(nomEx.measureValue).toBeCloseTo(11_000 / 9_000 - 1, 12);
    expect(nomEx.amount).toBeCloseTo(100, 9);
    expect(run(false, 'whole').amount).toBeCloseTo(550, 9);
    expect(nomEx.formula.en).toContain('prior year at nominal prices');
  });

  test('negative growth pays nothing, on the excess or on the whole, with a target-missed finding', () => {
    for (const payOn of ['excess', 'whole'] as const) {
      // 900 u × $10 = 9,000 vs R 10,000 → growth −10 %
      const g = termById(computeModel(growthModel(900, { growth: { priceNeutral: true, payOn } })).terms, 'G');
      expect(g.measureValue).toBeCloseTo(-0.1, 12);
      expect(g.amount).toBe(0);
      expect(g.conditionMet).toBe(false);
      expect(g.findings.map((f) => f.code)).toContain('target_missed');
    }
  });

  test('growth tiers, whole base: −10 % is below a first tier at 0 %', () => {
    const tiers: Tier[] = [
      { from: 0, to: 0.05, rate: 0.01 },
      { from: 0.05, to: null, rate: 0.03 },
    ];
    const neg = computeModel(growthModel(900, { tiers, growth: { priceNeutral: true, payOn: 'whole' } }));
    expect(termById(neg.terms, 'G').amount).toBe(0);
    // +10 % → tier 2: 3 % × 11,000 = 330
    const pos = computeModel(growthModel(1_100, { tiers, growth: { priceNeutral: true, payOn: 'whole' } }));
    expect(termById(pos.terms, 'G').amount).toBeCloseTo(330, 9);
  });

  test('growth tiers starting below 0: all-units pays the decline tier, marginal never pays more than the top rate', () => {
    // tiers: −5 %..0 → 0.5 %; ≥ 0 → 2 %, paid on the whole base. R = 1,000 u × $10 = 10,000 (price-neutral).
    const tiers: Tier[] = [
      { from: -0.05, to: 0, rate: 0.005 },
      { from: 0, to: null, rate: 0.02 },
    ];
    const run = (volume: number, tierMethod: 'all_units' | 'marginal') =>
      termById(
        computeModel(growthModel(volume, { tiers, tierMethod, growth: { priceNeutral: true, payOn: 'whole' } })).terms,
        'G',
      );
    // +5 % (1,050 u → 10,500): all-units 2 % × 10,500 = 210. Marginal: the basis is shared over growth 0..5 %, all of
    // it in the 2 % band → 210 (counting the −5 %..0 band too gave (0.5 % × 5 + 2 % × 5) ÷ 5 = 2.5 % → 262.50).
    expect(run(1_050, 'all_units').amount).toBeCloseTo(210, 9);
    const up = run(1_050, 'marginal');
    expect(up.amount).toBeCloseTo(210, 9);
    expect(up.effectiveRate).toBeCloseTo(0.02, 12);
    // −4 % (960 u → 9,600): all-units reaches the decline tier: 0.5 % × 9,600 = 48; marginal: no band above 0 → 0
    expect(run(960, 'all_units').amount).toBeCloseTo(48, 9);
    const down = run(960, 'marginal');
    expect(down.amount).toBe(0);
    expect(down.formula.en).toContain('marginal tiers (growth -4.0%, gross sales $9,600.00): no band above 0 = $0.00');
  });

  test('volume basis: MXN per unit on the excess units', () => {
    // R = 1,000 u; C = 1,100 u; excess 100 u × $2 = 200
    const g = termById(
      computeModel(growthModel(1_100, { basis: 'volume', rate: 2, growth: { priceNeutral: true, payOn: 'excess' } }))
        .terms,
      'G',
    );
    expect(g.amount).toBeCloseTo(200, 9);
  });

  test('reference zero: growth undefined, pays 0 with a finding; the formula does not print a volume as money', () => {
    const m = buildModel({
      customers: [customer({ id: 'SOR' })],
      products: [product({ sku: 'A' })],
      lines: [{ customer: 'SOR', sku: 'A', period: '2026-03', baseline: 100, list: 10 }],
      terms: [
        term({
          id: 'G',
          customerId: 'SOR',
          kind: 'growth_rebate',
          basis: 'volume',
          rate: 1,
          growth: { priceNeutral: true, payOn: 'whole' },
        }),
      ],
    });
    const g = termById(computeModel(m).terms, 'G');
    expect(g.amount).toBe(0);
    expect(g.findings.map((f) => f.code)).toContain('growth_reference_zero');
    expect(g.formula.es).toBe('referencia del año anterior = 0: crecimiento indefinido → $0.00');
    expect(g.formula.en).toBe('prior-year reference = 0: growth undefined → $0.00');
  });

  test('a lump sum tied to a growth plan (no tiers, no condition) is paid only on growth', () => {
    // fixed 5,000.00 conditional on growth > 0: −10 % → 0 with target_missed; +10 % → 5,000
    const lump = {
      basis: 'fixed_amount' as const,
      rate: 5_000,
      growth: { priceNeutral: true, payOn: 'whole' as const },
    };
    const neg = termById(computeModel(growthModel(900, lump)).terms, 'G');
    expect(neg.amount).toBe(0);
    expect(neg.conditionMet).toBe(false);
    expect(neg.findings.map((f) => f.code)).toContain('target_missed');
    expect(termById(computeModel(growthModel(1_100, lump)).terms, 'G').amount).toBe(5_000);
  });
});

describe('target bonus', () => {
  const cond = (target: number) => ({
    kind: 'target_bonus' as const,
    rate: 0.01,
    condition: { measure: 'volume' as const, target },
  });

  test('met at exactly the target, missed one unit below', () => {
    // 1,000 u × $10 = 10,000: target 1,000 → met → 1 % × 10,000 = 100; target 1,001 → 0
    expect(
      termById(computeModel(oneLine(1_000, [term({ id: 'T', customerId: 'WMT', ...cond(1_000) })])).terms, 'T').amount,
    ).toBeCloseTo(100, 9);
    const missed = termById(
      computeModel(oneLine(1_000, [term({ id: 'T', customerId: 'WMT', ...cond(1_001) })])).terms,
      'T',
    );
    expect(missed.amount).toBe(0);
    expect(missed.conditionMet).toBe(false);
    expect(missed.findings.map((f) => f.code)).toEqual(['target_missed']);
    expect(missed.formula.en).toBe(
      '1.0% × gross sales $10,000.00 = $100.00; condition missed: volume 1,000 units < 1,001 units → $0.00',
    );
  });

  test('manual: entered achievement vs target; not entered = not met', () => {
    const manual = (actual: number | undefined) =>
      termById(
        computeModel(
          oneLine(1_000, [
            term({
              id: 'M',
              customerId: 'WMT',
              kind: 'display_fee',
              basis: 'fixed_amount',
              rate: 12_000,
              condition: { measure: 'manual', target: 0.9, actual },
            }),
          ]),
        ).terms,
        'M',
      );
    expect(manual(0.95).amount).toBe(12_000); // 0.95 ≥ 0.90
    expect(manual(0.9).amount).toBe(12_000); // inclusive
    expect(manual(0.89).amount).toBe(0);
    const none = manual(undefined);
    expect(none.amount).toBe(0);
    expect(none.findings.map((f) => f.code)).toEqual(['manual_actual_missing']);
  });
});

describe('lump sums', () => {
  test('zero-weight lines get nothing; the centavo left over goes to the largest remainder', () => {
    // $100.00 by volume over 0, 1, 2 u: exact 0, 33.333…, 66.666… → 0.00, 33.33, 66.67 (sum 100.00)
    const m = buildModel({
      customers: [customer({ id: 'OXX' })],
      products: [product({ sku: 'A' }), product({ sku: 'B' }), product({ sku: 'C' })],
      lines: [
        { customer: 'OXX', sku: 'A', period: '2026-01', baseline: 0, list: 10 },
        { customer: 'OXX', sku: 'B', period: '2026-01', baseline: 1, list: 10 },
        { customer: 'OXX', sku: 'C', period: '2026-01', baseline: 2, list: 10 },
      ],
      terms: [
        term({
          id: 'L',
          customerId: 'OXX',
          kind: 'listing_fee',
          basis: 'fixed_amount',
          rate: 100,
          allocation: 'volume',
        }),
      ],
    });
    const r = computeModel(m);
    expect(Array.from(r.lines.offInvoice)).toEqual([0, 33.33, 66.67]);
    expect(termById(r.terms, 'L').amount).toBe(100);
  });

  test('every weight zero: an even split, and the formula says so', () => {
    // $100.00 over 3 lines of 0 u: 33.34 + 33.33 + 33.33
    const m = buildModel({
      customers: [customer({ id: 'OXX' })],
      products: [product({ sku: 'A' }), product({ sku: 'B' }), product({ sku: 'C' })],
      lines: ['A', 'B', 'C'].map((sku) => ({ customer: 'OXX', sku, period: '2026-01', baseline: 0, list: 10 })),
      terms: [
        term({
          id: 'L',
          customerId: 'OXX',
          kind: 'listing_fee',
          basis: 'fixed_amount',
          rate: 100,
          allocation: 'volume',
        }),
      ],
    });
    const r = computeModel(m);
    expect(Array.from(r.lines.offInvoice)).toEqual([33.34, 33.33, 33.33]);
    expect(termById(r.terms, 'L').formula.en).toBe('fixed amount $100.00, allocated by even split');
  });
});

describe('on-invoice cascade order', () => {
  test('term order decides the money: % on invoice cascades, % on gross is additive on list', () => {
    // list $100, 1 u. D1 10 % invoice → 10; D2 5 % gross → 5 (on list); D3 5 % invoice → 5 % × (100 − 10 − 5) = 4.25.
    // total 19.25, invoice 80.75
    const d1 = term({
      id: 'D1',
      customerId: 'WMT',
      kind: 'on_invoice_discount',
      onInvoice: true,
      basis: 'invoice_sales',
      rate: 0.1,
    });
    const d2 = term({
      id: 'D2',
      customerId: 'WMT',
      kind: 'on_invoice_discount',
      onInvoice: true,
      basis: 'gross_sales',
      rate: 0.05,
    });
    const d3 = term({
      id: 'D3',
      customerId: 'WMT',
      kind: 'on_invoice_discount',
      onInvoice: true,
      basis: 'invoice_sales',
      rate: 0.05,
    });
    const a = computeModel(oneLine(1, [d1, d2, d3], 100));
    expect(termById(a.terms, 'D3').amount).toBeCloseTo(4.25, 12);
    expect(a.lines.invoiceSales[0]).toBeCloseTo(80.75, 12);
    // D3 first: D3 = 5, D1 = 10 % × 95 = 9.5, D2 = 5 → 19.5, invoice 80.5
    const b = computeModel(oneLine(1, [d3, d1, d2], 100));
    expect(termById(b.terms, 'D1').amount).toBeCloseTo(9.5, 12);
    expect(b.lines.invoiceSales[0]).toBeCloseTo(80.5, 12);
    // an off-invoice % of invoice sales listed before the on-invoice terms still sees the final invoice: 2 % × 80.75
    const off = term({
      id: 'OFF',
      customerId: 'WMT',
      kind: 'prompt_payment_discount',
      basis: 'invoice_sales',
      rate: 0.02,
    });
    const c = computeModel(oneLine(1, [off, d1, d2, d3], 100));
    expect(termById(c.terms, 'OFF').amount).toBeCloseTo(1.615, 12);
  });
});

describe('centralización × dcShare', () => {
  function cedis(dcShare: number) {
    // 1,000 u × $10 = 10,000; 2 % × 10,000 × dcShare
    return computeModel(
      buildModel({
        customers: [customer({ id: 'SOR', dcShare })],
        products: [product({ sku: 'A' })],
        lines: [{ customer: 'SOR', sku: 'A', period: '2026-02', baseline: 1_000, list: 10 }],
        terms: [term({ id: 'C', customerId: 'SOR', kind: 'centralizacion', basis: 'invoice_sales', rate: 0.02 })],
      }),
    );
  }

  test('only the DC-delivered share pays', () => {
    const r = cedis(0.6);
    // 2 % × 10,000 × 60 % = 120
    expect(termById(r.terms, 'C').amount).toBeCloseTo(120, 9);
    expect(r.lines.offInvoice[0]).toBeCloseTo(120, 9);
    expect(termById(r.terms, 'C').formula.es).toBe(
      '2.0 % × venta factura $10,000.00 × 60.0 % entregado vía CEDIS = $120.00',
    );
  });

  test('no DC delivery: 0, and the formula still shows the real basis', () => {
    const c = termById(cedis(0).terms, 'C');
    expect(c.amount).toBe(0);
    expect(c.formula.en).toBe('2.0% × invoice sales $10,000.00 × 0.0% delivered through the DC = $0.00');
  });
});

describe('cost-to-serve inside vs below the waterfall', () => {
  function run(placement: 'inside_waterfall' | 'below_waterfall') {
    // 100 u × $10 = 1,000; off-invoice 10 % = 100 → net 900; freight $1/u = 100; COGS $5/u = 500; payment days 0
    return computeModel(
      buildModel({
        customers: [customer({ id: 'CHE' })],
        products: [product({ sku: 'A', cogsPerUnit: 5 })],
        lines: [{ customer: 'CHE', sku: 'A', period: '2026-01', baseline: 100, list: 10 }],
        terms: [term({ id: 'R', customerId: 'CHE', rate: 0.1 })],
        costToServe: [costToServe({ customerId: 'CHE', basis: 'volume', rate: 1 })],
        settings: { costToServePlacement: placement },
      }),
    );
  }

  test('inside: pocket = 9 − 1 = 8, leakage 2, pocket margin 3', () => {
    const w = run('inside_waterfall').customers[0].waterfall;
    expect(w.costToServePerUnit).toBeCloseTo(1, 12);
    expect(w.pocketPrice).toBeCloseTo(8, 12);
    expect(w.leakage).toBeCloseTo(2, 12);
    expect(w.pocketMargin).toBeCloseTo(3, 12);
  });

  test('below: pocket = 9, leakage 1; the P&L contribution is the same either way (900 − 500 − 100 = 300)', () => {
    const r = run('below_waterfall');
    const w = r.customers[0].waterfall;
    expect(w.costToServePerUnit).toBe(0);
    expect(w.pocketPrice).toBeCloseTo(9, 12);
    expect(w.leakage).toBeCloseTo(1, 12);
    expect(r.customers[0].totals.contribution).toBeCloseTo(300, 9);
    expect(run('inside_waterfall').customers[0].totals.contribution).toBeCloseTo(300, 9);
  });
});

describe('accruals', () => {
  // Quarter-long all-units rebate (Apr–Jun) in a 12-month model; plan 400 u/month at $10; April actual 600 u.
  // tiers: < 1,000 u → 1 %; ≥ 1,000 u → 2 %.
  // Tier 2 starts above 999 u (a shared bound belongs to the tier it closes), so 1,000 u reach it.
  const qTiers: Tier[] = [
    { from: 0, to: 999, rate: 0.01 },
    { from: 999, to: null, rate: 0.02 },
  ];
  function quarter(): Model {
    const lines: LineSpec[] = monthsOfYear(2026).map((p, k) => ({
      customer: 'SOR',
      sku: 'A',
      period: p,
      baseline: 400,
      actual: k === 3 ? 600 : undefined,
      list: 10,
    }));
    return buildModel({
      customers: [customer({ id: 'SOR' })],
      products: [product({ sku: 'A' })],
      lines,
      terms: [term({ id: 'Q', customerId: 'SOR', periodFrom: '2026-04', periodTo: '2026-06', tiers: qTiers })],
    });
  }

  test('a quarter-long term accrues only in its quarter; both policies end at the annual amount', () => {
    const r = computeModel(quarter());
    const q = termById(r.terms, 'Q');
    // quarter volume 600 + 400 + 400 = 1,400 u → 2 % × 14,000 = 280; byPeriod 2 % × 6,000 / 4,000 / 4,000
    expect(q.amount).toBeCloseTo(280, 9);
    expect(Array.from(q.byPeriod).map((x) => Math.round(x * 100) / 100)).toEqual([
      0, 0, 0, 120, 80, 80, 0, 0, 0, 0, 0, 0,
    ]);
    const so = policyRows(r.accruals, 'Q', 'tier_reached_so_far');
    const fc = policyRows(r.accruals, 'Q', 'forecast_year_end');
    expect(so.map((x) => x.periodId)).toEqual(['2026-04', '2026-05', '2026-06']);
    // so far: Apr 600 u → 1 % × 6,000 = 60; May 1,000 u → tier 2: 2 % × 10,000 = 200, accrual 140 = run rate 1 % × 4,000
    // (40) + true-up 100; Jun 2 % × 14,000 = 280, accrual 80, no true-up
    expect(so.map((x) => x.cumulative)).toEqual([60, 200, 280].map((x): unknown => expect.closeTo(x, 9)));
    expect(so[1].runRate).toBeCloseTo(40, 9);
    expect(so[1].trueUp).toBeCloseTo(100, 9);
    expect(so[2].trueUp).toBeCloseTo(0, 9);
    // forecast: April forecast 600 + 400 + 400 = 1,400 u → 2 % from the start: 120, 80, 80; no true-up
    expect(fc.map((x) => x.accrual)).toEqual([120, 80, 80].map((x): unknown => expect.closeTo(x, 9)));
    expect(fc.map((x) => x.trueUp)).toEqual([0, 0, 0].map((x): unknown => expect.closeTo(x, 9)));
    expect(sum(so.map((x) => x.accrual))).toBeCloseTo(q.amount, 9);
    expect(fc[2].cumulative).toBe(q.amount);
  });

  test('forecast policy: the true-up when actuals push the forecast across a tier', () => {
    // Plan 300 u/month (quarter plan 900 u → tier 1); April actual 500 u: April forecast 500 + 300 + 300 = 1,100 u → tier 2.
    // Accrual April = 2 % × 5,000 = 100 (first period: run rate at the current rate, true-up 0).
    // May actual 150 u: forecast 500 + 150 + 300 = 950 u → tier 1: cumulative 1 % × 6,500 = 65 → accrual −35;
    // run rate 2 % × 1,500 = 30, true-up −65 (= −1 % × 6,500).
    const lines: LineSpec[] = monthsOfYear(2026).map((p, k) => ({
      customer: 'SOR',
      sku: 'A',
      period: p,
      baseline: 300,
      actual: k === 3 ? 500 : k === 4 ? 150 : undefined,
      list: 10,
    }));
    const r = computeModel(
      buildModel({
        customers: [customer({ id: 'SOR' })],
        products: [product({ sku: 'A' })],
        lines,
        terms: [term({ id: 'Q', customerId: 'SOR', periodFrom: '2026-04', periodTo: '2026-06', tiers: qTiers })],
      }),
    );
    const fc = policyRows(r.accruals, 'Q', 'forecast_year_end');
    expect(fc[0].cumulative).toBeCloseTo(100, 9);
    expect(fc[0].trueUp).toBeCloseTo(0, 9);
    expect(fc[1].cumulative).toBeCloseTo(65, 9);
    expect(fc[1].runRate).toBeCloseTo(30, 9);
    expect(fc[1].trueUp).toBeCloseTo(-65, 9);
    // June: 950 u → 1 % × 9,500 = 95 = annual
    expect(fc[2].cumulative).toBe(termById(r.terms, 'Q').amount);
    expect(termById(r.terms, 'Q').amount).toBeCloseTo(95, 9);
  });

  test('weekly plan, 53 ISO weeks: tier reached in W45 (true-up), forecast at tier 2 from W01; both end at the annual amount', () => {
    // plan 100 u/week at $10, actual 150 u in W01–W10. Tiers: up to 4,999 u → 1 %; above 4,999 u → 2 %.
    // Annual: 10 × 150 + 43 × 100 = 5,800 u → 2 % × 58,000 = 1,160.
    const weeks = isoWeeksOfYear(2026);
    const r = computeModel(
      buildModel({
        customers: [customer({ id: 'AMZ' })],
        products: [product({ sku: 'A' })],
        periods: weeks,
        lines: weeks.map((p, k) => ({
          customer: 'AMZ',
          sku: 'A',
          period: p,
          baseline: 100,
          actual: k < 10 ? 150 : undefined,
          list: 10,
        })),
        terms: [
          term({
            id: 'R',
            customerId: 'AMZ',
            tiers: [
              { from: 0, to: 4_999, rate: 0.01 },
              { from: 4_999, to: null, rate: 0.02 },
            ],
          }),
        ],
      }),
    );
    const amount = termById(r.terms, 'R').amount;
    expect(amount).toBeCloseTo(1_160, 9);
    const so = policyRows(r.accruals, 'R', 'tier_reached_so_far');
    const fc = policyRows(r.accruals, 'R', 'forecast_year_end');
    expect(so.length).toBe(53);
    // YTD reaches 5,000 u in W45 (1,500 + 35 × 100): cumulative 2 % × 50,000 = 1,000 after 1 % × 49,000 = 490 in W44;
    // accrual 510 = run rate 1 % × 1,000 (10) + true-up 500
    expect(so[43].cumulative).toBeCloseTo(490, 9);
    expect(so[44].accrual).toBeCloseTo(510, 9);
    expect(so[44].runRate).toBeCloseTo(10, 9);
    expect(so[44].trueUp).toBeCloseTo(500, 9);
    // forecast in W01: 150 + 52 × 100 = 5,350 u → 2 % at once: 2 % × 1,500 = 30, and never a true-up after
    expect(fc[0].tierMeasureUsed).toBe(5_350);
    expect(fc[0].accrual).toBeCloseTo(30, 9);
    expect(Math.max(...fc.map((x) => Math.abs(x.trueUp)))).toBeLessThan(1e-9);
    expect(so[52].cumulative).toBe(amount);
    expect(fc[52].cumulative).toBe(amount);
    expect(sum(so.map((x) => x.accrual))).toBeCloseTo(amount, 9);
    expect(sum(fc.map((x) => x.accrual))).toBeCloseTo(amount, 9);
  });

  test('weekly plan: a calendar-year term covers the 53 ISO weeks of 2026; W01..W52 leaves W53 out', () => {
    const weeks = isoWeeksOfYear(2026);
    expect(weeks.length).toBe(53);
    const m = buildModel({
      customers: [customer({ id: 'AMZ' })],
      products: [product({ sku: 'A' })],
      periods: weeks,
      lines: weeks.map((p) => ({ customer: 'AMZ', sku: 'A', period: p, baseline: 10, list: 10 })),
      terms: [
        term({ id: 'Y', customerId: 'AMZ', rate: 0.01 }),
        term({ id: 'W', customerId: 'AMZ', rate: 0.01, periodFrom: '2026-W01', periodTo: '2026-W52' }),
        // Q2 in months on a weekly plan: weeks whose Thursday falls in Apr–Jun = W14 (Thu 2 Apr) .. W26 (Thu 25 Jun)
        term({ id: 'Q2', customerId: 'AMZ', rate: 0.01, periodFrom: '2026-04', periodTo: '2026-06' }),
      ],
    });
    const r = computeModel(m);
    // 53 × 100 × 1 % = 53; 52 × 1 = 52; 13 weeks → 13
    expect(termById(r.terms, 'Y').amount).toBeCloseTo(53, 9);
    expect(termById(r.terms, 'W').amount).toBeCloseTo(52, 9);
    expect(termById(r.terms, 'Q2').amount).toBeCloseTo(13, 9);
    const q2 = policyRows(r.accruals, 'Q2', 'forecast_year_end');
    expect(q2.map((x) => x.periodId)).toEqual(weeks.slice(13, 26));
    expect(policyRows(r.accruals, 'Y', 'tier_reached_so_far').length).toBe(53);
  });
});

describe('financing and taxes', () => {
  test('financing cost of payment days, IEPS per litre and ad valorem, IVA on a base incl. IEPS', () => {
    const r = computeModel(
      buildModel({
        customers: [customer({ id: 'CHE', paymentDays: 30 })],
        products: [
          product({ sku: 'REF', litresPerUnit: 0.6, ivaRate: 0.16, iepsKind: 'per_litre', iepsRate: 3.0818 }),
          product({ sku: 'BOT', ivaRate: 0.16, iepsKind: 'ad_valorem', iepsRate: 0.08 }),
          product({ sku: 'FRI', ivaRate: 0 }),
        ],
        lines: [
          { customer: 'CHE', sku: 'REF', period: '2026-01', baseline: 100, list: 15 },
          { customer: 'CHE', sku: 'BOT', period: '2026-01', baseline: 100, list: 10 },
          { customer: 'CHE', sku: 'FRI', period: '2026-01', baseline: 100, list: 20 },
        ],
        // 10 % on-invoice lowers the invoice sales that IEPS ad valorem, IVA and financing are computed on
        terms: [
          term({
            id: 'D',
            customerId: 'CHE',
            kind: 'on_invoice_discount',
            onInvoice: true,
            basis: 'invoice_sales',
            rate: 0.1,
          }),
        ],
        settings: { costOfCapital: 0.11, daysInYear: 365 },
      }),
    );
    const L = r.lines;
    // REF: invoice 1,350; IEPS = 3.0818 × 100 × 0.6 = 184.908; IVA = 16 % × (1,350 + 184.908) = 245.58528
    expect(L.ieps[0]).toBeCloseTo(184.908, 9);
    expect(L.iva[0]).toBeCloseTo(245.58528, 9);
    // BOT: invoice 900; IEPS = 8 % × 900 = 72; IVA = 16 % × 972 = 155.52
    expect(L.ieps[1]).toBeCloseTo(72, 9);
    expect(L.iva[1]).toBeCloseTo(155.52, 9);
    // FRI: invoice 1,800; no IEPS, IVA 0 %
    expect(L.ieps[2]).toBe(0);
    expect(L.iva[2]).toBe(0);
    // financing = invoice × 30 / 365 × 11 %: total invoice 4,050 → 4,050 × 30 × 0.11 / 365 = 36.6164…
    expect(r.customers[0].totals.financingCost).toBeCloseTo((4_050 * 30 * 0.11) / 365, 9);
    expect(L.financingCost[0]).toBeCloseTo((1_350 * 30 * 0.11) / 365, 9);
    // taxes are not revenue: net sales = invoice sales
    expect(r.customers[0].totals.netSales).toBeCloseTo(4_050, 9);
  });
});

describe('empty cases give 0 and findings, not NaN money or throws', () => {
  test('a customer with no lines and a term whose scope matches nothing', () => {
    const m = buildModel({
      customers: [customer({ id: 'WMT' }), customer({ id: 'EMPTY' })],
      products: [product({ sku: 'A', brand: 'Crujis' })],
      lines: [{ customer: 'WMT', sku: 'A', period: '2026-01', baseline: 10, list: 10 }],
      terms: [
        term({ id: 'NOBRAND', customerId: 'WMT', rate: 0.05, scope: { kind: 'brand', values: ['NoExiste'] } }),
        term({ id: 'NOSPAN', customerId: 'WMT', rate: 0.05, periodFrom: '2027-01', periodTo: '2027-12' }),
        term({ id: 'E1', customerId: 'EMPTY', rate: 0.05 }),
        term({
          id: 'E2',
          customerId: 'EMPTY',
          basis: 'fixed_amount',
          rate: 1_000,
          condition: { measure: 'volume', target: 1 },
        }),
      ],
      costToServe: [costToServe({ customerId: 'EMPTY', basis: 'fixed_amount', rate: 500 })],
    });
    const r = computeModel(m);
    for (const id of ['NOBRAND', 'NOSPAN', 'E1', 'E2']) {
      const t = termById(r.terms, id);
      expect(t.amount).toBe(0);
      expect(t.effectiveRate).toBe(0);
      expect(t.findings.map((f) => f.code)).toEqual(['scope_matches_no_line']);
      expect(sum(t.byPeriod)).toBe(0);
    }
    // Spanish sentences name the scope and the cost kind in Spanish (not the internal ids "brand" / "freight")
    const noBrand = termById(r.terms, 'NOBRAND').findings[0];
    expect(noBrand.es).toBe(
      'Término NOBRAND: su alcance (marca: NoExiste, 2026-01..2026-12) no coincide con ninguna línea de WMT; su monto es $0.00.',
    );
    expect(noBrand.en).toBe(
      'Term NOBRAND: its scope (brand: NoExiste, 2026-01..2026-12) matches no line of WMT; its amount is $0.00.',
    );
    const cost = r.findings.find((f) => f.code === 'cost_to_serve_matches_no_line')!;
    expect(cost.es).toBe(
      'Costo de servir #1 (flete, 2026-01..2026-12) no coincide con ninguna línea de EMPTY; no se asigna.',
    );
    const empty = r.customers[1];
    expect(empty.totals.grossSales).toBe(0);
    expect(empty.totals.netSales).toBe(0);
    expect(empty.waterfall.pocketPrice).toBeNaN(); // no volume: per-unit figures are undefined, not Infinity
    expect(r.findings.map((f) => f.code)).toContain('cost_to_serve_matches_no_line');
    // the portfolio is WMT alone: 10 × 10 = 100, no deductions
    expect(r.portfolio.netSales).toBe(100);
    expect(r.accruals.filter((x) => x.customerId === 'EMPTY')).toEqual([]);
  });
});

describe("scoped terms visit only their products' line runs", () => {
  test('scopeRanges merges adjacent in-scope runs and skips the others', () => {
    // lines 0-1 product 0, 2 product 1, 3 product 0, 4 product 2 (one customer: runs start at 0, 2, 3, 4; end 5)
    const runs = { start: Int32Array.of(0, 2, 3, 4, 5), first: Int32Array.of(0), end: Int32Array.of(4) };
    const product = Int32Array.of(0, 0, 1, 0, 2);
    expect(Array.from(scopeRanges(runs, 0, 0, 5, product, Uint8Array.of(1, 0, 0)))).toEqual([0, 2, 3, 4]);
    expect(Array.from(scopeRanges(runs, 0, 0, 5, product, Uint8Array.of(1, 1, 0)))).toEqual([0, 4]);
    expect(Array.from(scopeRanges(runs, 0, 0, 5, product, Uint8Array.of(0, 0, 0)))).toEqual([]);
    expect(Array.from(scopeRanges(runs, 0, 0, 5, product, null))).toEqual([0, 5]);
  });

  test('SKU and category scopes place money on exactly their lines, even when a product comes back later', () => {
    // One customer; products A, B (category X) and C (Y); every line list $10. Lines in this order:
    // A Jan 1 u, A Feb 2 u, B Jan 4 u, A Mar 8 u, C Jan 16 u (A appears in two runs).
    const lines = allocateLines(5);
    const rows: [number, number, number][] = [
      [0, 0, 1],
      [0, 1, 2],
      [1, 0, 4],
      [0, 2, 8],
      [2, 0, 16],
    ];
    rows.forEach(([j, p, v], i) => {
      lines.product[i] = j;
      lines.period[i] = p;
      lines.baselineVolume[i] = v;
      lines.listPrice[i] = 10;
    });
    const base: Model = buildModel({ customers: [customer({ id: 'SOR' })], products: [], lines: [] });
    const model: Model = {
      ...base,
      products: [
        product({ sku: 'A', category: 'X' }),
        product({ sku: 'B', category: 'X' }),
        product({ sku: 'C', category: 'Y' }),
      ],
      lines,
      terms: [
        // A: 10 % × (1 + 2 + 8) × $10 = 11.00 on lines 0, 1, 3
        term({ id: 'SKU', customerId: 'SOR', rate: 0.1, scope: { kind: 'sku', values: ['a '] } }),
        // X: 20 % × (1 + 2 + 4 + 8) × $10 = 30.00 on lines 0-3
        term({ id: 'CAT', customerId: 'SOR', rate: 0.2, scope: { kind: 'category', values: ['X'] } }),
        // $7.00 listing fee on A, by volume 1 : 2 : 8 → 0.64, 1.27, 5.09 (exact 0.636…, 1.272…, 5.090…)
        term({ id: 'FEE', customerId: 'SOR', basis: 'fixed_amount', rate: 7, scope: { kind: 'sku', values: ['A'] } }),
      ],
    };
    const r = computeModel(model);
    expect(termById(r.terms, 'SKU').amount).toBeCloseTo(11, 12);
    expect(termById(r.terms, 'CAT').amount).toBeCloseTo(30, 12);
    // line money: SKU + CAT + FEE
    const expected = [1 + 2 + 0.64, 2 + 4 + 1.27, 0 + 8 + 0, 8 + 16 + 5.09, 0];
    Array.from(r.lines.offInvoice).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 9));
  });
});
