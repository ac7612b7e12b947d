import { computeModel, type Term, type Tier } from '../../src/engine';
import { buildModel, customer, product, termById, term, type LineSpec } from './build';

const volumeTiers: Tier[] = [
  { from: 0, to: 10_000, rate: 0.01 },
  { from: 10_000, to: 20_000, rate: 0.02 },
  { from: 20_000, to: null, rate: 0.03 },
];

function soriana(lines: LineSpec[], terms: Term[]) {
  return buildModel({
    customers: [customer({ id: 'SOR', name: 'Soriana' })],
    products: [product({ sku: 'A', category: 'Botanas' }), product({ sku: 'B', category: 'Bebidas' })],
    lines,
    terms,
  });
}

describe('tiered volume rebates through the engine', () => {
  // 25,000 u: A 15,000 u × $100 (1,500,000) + B 10,000 u × $100 (1,000,000) → gross 2,500,000.
  const lines: LineSpec[] = [
    { customer: 'SOR', sku: 'A', period: '2026-03', baseline: 15_000, list: 100 },
    { customer: 'SOR', sku: 'B', period: '2026-09', baseline: 10_000, list: 100 },
  ];

  test('all-units vs marginal on the same tiers, measured over the whole span and scope', () => {
    const r = computeModel(
      soriana(lines, [
        term({ id: 'AU', customerId: 'SOR', tiers: volumeTiers, tierMethod: 'all_units' }),
        term({ id: 'MG', customerId: 'SOR', tiers: volumeTiers, tierMethod: 'marginal' }),
      ]),
    );
    const au = termById(r.terms, 'AU');
    const mg = termById(r.terms, 'MG');
    // all-units: 3 % × 2,500,000 = 75,000; marginal: 10,000 + 20,000 + 15,000 = 45,000 (see tiers.test.ts)
    expect(au.amount).toBeCloseTo(75_000, 6);
    expect(mg.amount).toBeCloseTo(45_000, 6);
    expect(au.effectiveRate).toBeCloseTo(0.03, 12);
    expect(mg.effectiveRate).toBeCloseTo(0.018, 12);
    expect(au.measureValue).toBe(25_000);
    // allocated back ∝ basis: A = 1,500,000/2,500,000 × 45,000 = 27,000 (March), B = 18,000 (September)
    expect(r.lines.offInvoice[0]).toBeCloseTo(75_000 * 0.6 + 27_000, 6);
    expect(mg.byPeriod[2]).toBeCloseTo(27_000, 6);
    expect(mg.byPeriod[8]).toBeCloseTo(18_000, 6);
    expect(au.formula.es).toBe(
      'escalón 3 alcanzado (volumen 25,000 u > 20,000 u), todas las unidades: 3.0 % × venta bruta $2,500,000.00 = $75,000.00',
    );
    expect(mg.formula.en).toBe(
      'marginal tiers (volume 25,000 units, gross sales $2,500,000.00): 1.0% × $1,000,000.00 + 2.0% × $1,000,000.00 + 3.0% × $500,000.00 = $45,000.00',
    );
  });

  test('a category scope measures only its lines: Botanas 15,000 u → tier 2', () => {
    const r = computeModel(
      soriana(lines, [
        term({ id: 'BOT', customerId: 'SOR', tiers: volumeTiers, scope: { kind: 'category', values: ['Botanas'] } }),
      ]),
    );
    // 2 % × 1,500,000 = 30,000
    expect(termById(r.terms, 'BOT').amount).toBeCloseTo(30_000, 6);
  });

  test('volume tiers paying MXN per unit (basis volume), marginal', () => {
    const r = computeModel(
      soriana(lines, [
        term({
          id: 'PU',
          customerId: 'SOR',
          basis: 'volume',
          tierMethod: 'marginal',
          tiers: [
            { from: 0, to: 20_000, rate: 0.2 },
            { from: 20_000, to: null, rate: 0.5 },
          ],
        }),
      ]),
    );
    // 20,000 × $0.20 + 5,000 × $0.50 = 4,000 + 2,500 = 6,500
    expect(termById(r.terms, 'PU').amount).toBeCloseTo(6_500, 9);
  });

  test('actual volume replaces baseline where the period is closed', () => {
    const r = computeModel(
      soriana(
        [
          { customer: 'SOR', sku: 'A', period: '2026-03', baseline: 15_000, actual: 5_000, list: 100 },
          { customer: 'SOR', sku: 'B', period: '2026-09', baseline: 10_000, list: 100 },
        ],
        [term({ id: 'AU', customerId: 'SOR', tiers: volumeTiers })],
      ),
    );
    // 5,000 + 10,000 = 15,000 u → tier 2: 2 % × 1,500,000 = 30,000
    expect(r.customers[0].totals.volume).toBe(15_000);
    expect(termById(r.terms, 'AU').amount).toBeCloseTo(30_000, 6);
  });
});

describe('growth rebates (plan de crecimiento)', () => {
  // Current: 1,200 u × $110 = 132,000. Prior year: 1,000 u at $100 (nominal 100,000; restated at $110: 110,000).
  const line: LineSpec = {
    customer: 'SOR',
    sku: 'A',
    period: '2026-05',
    baseline: 1_200,
    list: 110,
    prior: 1_000,
    priorList: 100,
  };
  const growth = (t: Partial<Term> & { id: string }) =>
    term({
      customerId: 'SOR',
      kind: 'growth_rebate',
      basis: 'gross_sales',
      growth: { payOn: 'excess', priceNeutral: true },
      tierMeasure: 'growth',
      ...t,
    });

  test('price-neutral vs nominal reference, paid on the excess', () => {
    const r = computeModel(
      soriana(
        [line],
        [
          growth({ id: 'PN', rate: 0.05 }),
          growth({ id: 'NOM', rate: 0.05, growth: { payOn: 'excess', priceNeutral: false } }),
        ],
      ),
    );
    // price-neutral: growth = 132,000 / 110,000 − 1 = 20 %; excess 22,000 × 5 % = 1,100
    const pn = termById(r.terms, 'PN');
    expect(pn.measureValue).toBeCloseTo(0.2, 12);
    expect(pn.amount).toBeCloseTo(1_100, 9);
    expect(pn.basisValue).toBeCloseTo(22_000, 9);
    // nominal: growth = 132,000 / 100,000 − 1 = 32 %; excess 32,000 × 5 % = 1,600
    const nom = termById(r.terms, 'NOM');
    expect(nom.measureValue).toBeCloseTo(0.32, 12);
    expect(nom.amount).toBeCloseTo(1_600, 9);
    expect(pn.formula.es).toBe(
      'crecimiento 20.0 % = $132,000.00 / $110,000.00 − 1 (referencia: año anterior a precios actuales (neutral a precio)); ' +
        '5.0 % × excedente sobre la referencia $22,000.00 (de venta bruta $132,000.00) = $1,100.00',
    );
  });

  test('on the excess vs on the whole base', () => {
    const r = computeModel(
      soriana(
        [line],
        [
          growth({ id: 'EX', rate: 0.02 }),
          growth({ id: 'WH', rate: 0.02, growth: { payOn: 'whole', priceNeutral: true } }),
        ],
      ),
    );
    // excess: 2 % × 22,000 = 440; whole: 2 % × 132,000 = 2,640
    expect(termById(r.terms, 'EX').amount).toBeCloseTo(440, 9);
    expect(termById(r.terms, 'WH').amount).toBeCloseTo(2_640, 9);
  });

  test('growth tiers: all-units and marginal on the growth fraction', () => {
    const tiers: Tier[] = [
      { from: 0, to: 0.1, rate: 0.01 },
      { from: 0.1, to: 0.25, rate: 0.03 },
      { from: 0.25, to: null, rate: 0.05 },
    ];
    const whole = { payOn: 'whole' as const, priceNeutral: true };
    const r = computeModel(
      soriana(
        [line],
        [
          growth({ id: 'AU', tiers, growth: whole }),
          growth({ id: 'AUN', tiers, growth: { payOn: 'whole', priceNeutral: false } }),
          growth({ id: 'MG', tiers, growth: whole, tierMethod: 'marginal' }),
          growth({ id: 'MGX', tiers, tierMethod: 'marginal' }),
        ],
      ),
    );
    // price-neutral 20 % → tier 2: 3 % × 132,000 = 3,960; nominal 32 % → tier 3: 5 % × 132,000 = 6,600
    expect(termById(r.terms, 'AU').amount).toBeCloseTo(3_960, 9);
    expect(termById(r.terms, 'AUN').amount).toBeCloseTo(6_600, 9);
    // marginal on the whole: bands 10 % and 10 % of 20 % → 1 % × 66,000 + 3 % × 66,000 = 660 + 1,980 = 2,640
    expect(termById(r.terms, 'MG').amount).toBeCloseTo(2_640, 9);
    // marginal on the excess 22,000: 1 % × 11,000 + 3 % × 11,000 = 110 + 330 = 440
    expect(termById(r.terms, 'MGX').amount).toBeCloseTo(440, 9);
  });

  test('volume basis: growth in units, excess in units × MXN per unit', () => {
    const r = computeModel(soriana([line], [growth({ id: 'VOL', basis: 'volume', rate: 3 })]));
    // 1,200 vs 1,000 u → excess 200 u × $3 = 600
    expect(termById(r.terms, 'VOL').amount).toBeCloseTo(600, 9);
    expect(termById(r.terms, 'VOL').measureValue).toBeCloseTo(0.2, 12);
  });

  test('invoice-sales basis: the reference is restated at the current invoice/gross ratio', () => {
    const r = computeModel(
      soriana(
        [line],
        [
          term({
            id: 'D',
            customerId: 'SOR',
            kind: 'on_invoice_discount',
            onInvoice: true,
            basis: 'gross_sales',
            rate: 0.1,
          }),
          growth({ id: 'INV', basis: 'invoice_sales', rate: 0.05 }),
        ],
      ),
    );
    // invoice 118,800; excess = 118,800 × (132,000 − 110,000) / 132,000 = 19,800; 5 % → 990
    expect(termById(r.terms, 'INV').amount).toBeCloseTo(990, 9);
  });

  test('decline: nothing on the excess; a flat rebate on the whole needs growth > 0 (finding)', () => {
    const down: LineSpec = { ...line, baseline: 900 }; // 99,000 vs 110,000 → −10 %
    const r = computeModel(
      soriana(
        [down],
        [
          growth({ id: 'EX', rate: 0.05 }),
          growth({ id: 'WH', rate: 0.02, growth: { payOn: 'whole', priceNeutral: true } }),
        ],
      ),
    );
    expect(termById(r.terms, 'EX').amount).toBe(0);
    expect(termById(r.terms, 'WH').amount).toBe(0);
    expect(termById(r.terms, 'WH').conditionMet).toBe(false);
    expect(termById(r.terms, 'WH').findings.map((f) => f.code)).toEqual(['target_missed']);
  });

  test('reference zero: growth undefined, pays 0 with a finding', () => {
    const r = computeModel(soriana([{ ...line, prior: 0 }], [growth({ id: 'Z', rate: 0.05 })]));
    const z = termById(r.terms, 'Z');
    expect(z.amount).toBe(0);
    expect(z.findings.map((f) => f.code)).toEqual(['growth_reference_zero']);
    expect(z.formula.en).toBe('prior-year reference = 0: growth undefined → $0.00');
  });

  test('nominal reference without prior list price falls back to price-neutral per line, with a finding', () => {
    const r = computeModel(
      soriana(
        [line, { customer: 'SOR', sku: 'B', period: '2026-05', baseline: 100, list: 50, prior: 100 }],
        [growth({ id: 'NOM', rate: 0.05, growth: { payOn: 'excess', priceNeutral: false } })],
      ),
    );
    // current 132,000 + 5,000 = 137,000; reference 100,000 (A nominal) + 100 × $50 (B restated) = 105,000
    // excess 32,000 × 5 % = 1,600
    const t = termById(r.terms, 'NOM');
    expect(t.amount).toBeCloseTo(1_600, 9);
    expect(t.findings.map((f) => f.code)).toEqual(['nominal_reference_fallback']);
  });
});

describe('target / conditional terms', () => {
  const lines: LineSpec[] = [{ customer: 'SOR', sku: 'A', period: '2026-04', baseline: 1_200, list: 50 }]; // 60,000
  const bonus = (t: Partial<Term> & { id: string }) =>
    term({ customerId: 'SOR', kind: 'target_bonus', basis: 'gross_sales', rate: 0.01, ...t });

  test('met pays, missed pays 0 with conditionMet false and a finding', () => {
    const r = computeModel(
      soriana(lines, [
        bonus({ id: 'MET', condition: { measure: 'volume', target: 1_000 } }),
        bonus({ id: 'MISS', condition: { measure: 'gross_sales', target: 75_000 } }),
      ]),
    );
    // met: 1,200 u ≥ 1,000 → 1 % × 60,000 = 600
    expect(termById(r.terms, 'MET').amount).toBeCloseTo(600, 9);
    expect(termById(r.terms, 'MET').conditionMet).toBe(true);
    const miss = termById(r.terms, 'MISS');
    expect(miss.amount).toBe(0);
    expect(miss.conditionMet).toBe(false);
    expect(miss.findings[0].code).toBe('target_missed');
    expect(miss.findings[0].es).toBe(
      'Término MISS: meta no cumplida (logrado $60,000.00; meta $75,000.00); no se paga.',
    );
    expect(miss.formula.es).toBe(
      '1.0 % × venta bruta $60,000.00 = $600.00; condición no cumplida: venta bruta $60,000.00 < $75,000.00 → $0.00',
    );
  });

  test('manual condition (display compliance) on a fixed display fee', () => {
    const r = computeModel(
      soriana(lines, [
        bonus({
          id: 'OK',
          kind: 'display_fee',
          basis: 'fixed_amount',
          rate: 25_000,
          condition: { measure: 'manual', target: 0.9, actual: 0.95 },
        }),
        bonus({
          id: 'NA',
          kind: 'display_fee',
          basis: 'fixed_amount',
          rate: 25_000,
          condition: { measure: 'manual', target: 0.9, actual: NaN },
        }),
        bonus({
          id: 'LOW',
          kind: 'display_fee',
          basis: 'fixed_amount',
          rate: 25_000,
          condition: { measure: 'manual', target: 0.9, actual: 0.8 },
        }),
      ]),
    );
    expect(termById(r.terms, 'OK').amount).toBe(25_000);
    expect(termById(r.terms, 'NA').amount).toBe(0);
    expect(termById(r.terms, 'NA').findings.map((f) => f.code)).toEqual(['manual_actual_missing']);
    expect(termById(r.terms, 'LOW').amount).toBe(0);
    expect(termById(r.terms, 'LOW').findings.map((f) => f.code)).toEqual(['target_missed']);
  });

  test('growth target on a flat rate', () => {
    const withPrior: LineSpec[] = [{ ...lines[0], prior: 1_000 }]; // 60,000 vs 50,000 restated → +20 %
    const r = computeModel(
      soriana(withPrior, [
        bonus({ id: 'G15', condition: { measure: 'growth', target: 0.15 } }),
        bonus({ id: 'G25', condition: { measure: 'growth', target: 0.25 } }),
      ]),
    );
    expect(termById(r.terms, 'G15').amount).toBeCloseTo(600, 9);
    expect(termById(r.terms, 'G25').amount).toBe(0);
  });

  test('tiered lump sum: a volume-stepped bonus', () => {
    const steps: Tier[] = [
      { from: 1_000, to: 2_000, rate: 10_000 },
      { from: 2_000, to: null, rate: 25_000 },
    ];
    const r = computeModel(
      soriana(lines, [
        bonus({ id: 'AU', basis: 'fixed_amount', tiers: steps }),
        bonus({ id: 'MG', basis: 'fixed_amount', tiers: steps, tierMethod: 'marginal' }),
      ]),
    );
    // 1,200 u reaches step 1 only: 10,000 under both methods
    expect(termById(r.terms, 'AU').amount).toBe(10_000);
    expect(termById(r.terms, 'MG').amount).toBe(10_000);
  });
});
