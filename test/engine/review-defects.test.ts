/**
 * Correctness defects found in review (issue 6), each pinned by hand-computed values: formula texts that add up
 * (rates shown with their precision), a missed first tier is a finding and not "condition met", one documented tier
 * bound convention (shared bounds, capped last tier) and whole-unit ranges typed the textbook way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { computeModel, type Model, type Term, type Tier } from '../../src/engine';
import { parseModel } from '../../src/workbook/contract';
import { edit } from '../workbook/fixtures';
import { buildModel, customer, product, term, termById } from './build';

function oneLine(volume: number, terms: Term[], list = 10, prior = 0): Model {
  return buildModel({
    customers: [customer({ id: 'WMT' })],
    products: [product({ sku: 'A' })],
    lines: [{ customer: 'WMT', sku: 'A', period: '2026-05', baseline: volume, list, prior }],
    terms,
  });
}

/** Every "$n" and "n units/u" number in a text, in order. */
const numbers = (s: string) => [...s.matchAll(/-?\$?([\d,]+(?:\.\d+)?)/g)].map((m) => Number(m[1].replace(/,/g, '')));

describe('defect 3: formula texts show each input with its precision, and their arithmetic checks', () => {
  test('$0.125 per unit × 1,000 u = $125.00 (was "$0.13/unit")', () => {
    const r = computeModel(oneLine(1_000, [term({ id: 'V', customerId: 'WMT', basis: 'volume', rate: 0.125 })]));
    const t = termById(r.terms, 'V');
    expect(t.amount).toBe(125);
    expect(t.formula.en).toBe('$0.125/unit × volume 1,000 units = $125.00');
    expect(t.formula.es).toBe('$0.125/u × volumen 1,000 u = $125.00');
    const [rate, basis, amount] = numbers(t.formula.en);
    expect(rate * basis).toBeCloseTo(amount, 2);
  });

  test('a percentage keeps its decimals: 1.25 % × $10,000.00 = $125.00', () => {
    const r = computeModel(oneLine(1_000, [term({ id: 'P', customerId: 'WMT', rate: 0.0125 })]));
    const f = termById(r.terms, 'P').formula.en;
    expect(f).toBe('1.25% × gross sales $10,000.00 = $125.00');
  });

  test('a rate with more decimals than centavos: $0.3333/u × 300 u = $99.99', () => {
    const r = computeModel(oneLine(300, [term({ id: 'V', customerId: 'WMT', basis: 'volume', rate: 0.3333 })]));
    const t = termById(r.terms, 'V');
    expect(t.formula.en).toBe('$0.3333/unit × volume 300 units = $99.99');
    expect(t.amount).toBeCloseTo(99.99, 9);
  });
});

describe('defect 4: a missed growth tier is a finding with the gap, and the condition is not met', () => {
  // Prior year 1,000 u, this year 1,020 u: growth 2 %. Growth tiers start at 5 %: nothing is paid.
  const tiers: Tier[] = [
    { from: 0.05, to: 0.1, rate: 0.01 },
    { from: 0.1, to: null, rate: 0.02 },
  ];
  const r = computeModel(
    oneLine(
      1_020,
      [
        term({
          id: 'G',
          customerId: 'WMT',
          kind: 'growth_rebate',
          tierMeasure: 'growth',
          tiers,
          growth: { payOn: 'whole', priceNeutral: true },
        }),
      ],
      10,
      1_000,
    ),
  );
  const g = termById(r.terms, 'G');

  test('amount 0, condition not met', () => {
    expect(g.amount).toBe(0);
    expect(g.conditionMet).toBe(false);
  });

  test('finding tier_not_reached with the gap to the first tier in percentage points', () => {
    const f = g.findings.find((x) => x.code === 'tier_not_reached');
    expect(f).toBeDefined();
    expect(f!.severity).toBe('warning');
    expect(f!.en).toBe(
      'Term G: the first tier is not reached (achieved 2.0%; tier 1 starts at 5.0%; 3.00 pp short); nothing is paid.',
    );
    expect(f!.es).toBe(
      'Término G: no alcanza el primer escalón (logrado 2.0 %; el escalón 1 empieza en 5.0 %; faltan 3.00 pp); no se paga.',
    );
    expect(r.findings).toContainEqual(f);
  });

  test('a volume tier reached raises no tier finding', () => {
    const ok = computeModel(
      oneLine(1_500, [term({ id: 'V', customerId: 'WMT', tiers: [{ from: 1_000, to: null, rate: 0.01 }] })]),
    );
    expect(termById(ok.terms, 'V').findings.map((f) => f.code)).not.toContain('tier_not_reached');
    expect(termById(ok.terms, 'V').conditionMet).toBe(true);
  });
});

describe('defect 5: one tier bound convention', () => {
  const capped: Tier[] = [
    { from: 0, to: 100, rate: 0.01 },
    { from: 100, to: 350, rate: 0.02 },
    { from: 350, to: 500, rate: 0.03 },
  ];
  const at = (volume: number, tiers: Tier[]) => {
    const r = computeModel(
      oneLine(volume, [
        term({ id: 'AU', customerId: 'WMT', tiers, tierMethod: 'all_units' }),
        term({ id: 'MG', customerId: 'WMT', tiers, tierMethod: 'marginal' }),
      ]),
    );
    return { au: termById(r.terms, 'AU'), mg: termById(r.terms, 'MG') };
  };

  test('exactly at a shared bound (100 u) the lower tier pays under all-units', () => {
    // gross 1,000: all-units 1 % × 1,000 = 10; marginal 100 u at 1 % = 10
    const { au, mg } = at(100, capped);
    expect(au.amount).toBeCloseTo(10, 9);
    expect(mg.amount).toBeCloseTo(10, 9);
  });

  test('above a capped last tier nothing more is earned, under both methods', () => {
    // 600 u, gross 6,000, cap 500 u.
    // all-units: 3 % on the basis up to the cap = 3 % × 6,000 × 500 ÷ 600 = 150
    // marginal: 1 % × 1,000 + 2 % × 2,500 + 3 % × 1,500 = 10 + 50 + 45 = 105 (the 100 u above the cap earn nothing)
    const { au, mg } = at(600, capped);
    expect(au.amount).toBeCloseTo(150, 9);
    expect(mg.amount).toBeCloseTo(105, 9);
    expect(au.formula.en).toBe(
      'tier 3 reached (volume 600 units > 350 units), all units: 3.0% × gross sales $6,000.00 × cap 500 units ÷ 600 units = $150.00',
    );
    // at the cap exactly both still pay in full: 3 % × 5,000 = 150; marginal 10 + 50 + 45 = 105
    expect(at(500, capped).au.amount).toBeCloseTo(150, 9);
    expect(at(500, capped).mg.amount).toBeCloseTo(105, 9);
  });

  test('textbook whole-unit ranges "1–100, 101–350, 351–500" mean the same bands as 0/100/350/500', () => {
    const wb = edit('Escalones', (t) => {
      t.rows = [
        ['WMX-02', 1, 100, 0.01],
        ['WMX-02', 101, 350, 0.02],
        ['WMX-02', 351, 500, 0.03],
      ];
    });
    const res = parseModel(wb);
    if (!res.ok) throw new Error(res.errors.map((e) => e.en).join('\n'));
    expect(res.model.terms.find((x) => x.id === 'WMX-02')!.tiers).toEqual(capped);
    // and the money is the same at every volume, both methods
    for (const v of [50, 100, 101, 349, 350, 351, 500, 777]) {
      expect(at(v, res.model.terms.find((x) => x.id === 'WMX-02')!.tiers)).toEqual(at(v, capped));
    }
  });

  test('a gap that is not a whole-unit step is still an error', () => {
    const wb = edit('Escalones', (t) => {
      t.rows = [
        ['WMX-02', 0, 100, 0.01],
        ['WMX-02', 150, null, 0.02],
      ];
    });
    const res = parseModel(wb);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors.map((e) => e.code)).toContain('tiers_gap');
  });
});

describe('defect 7: docs/workbook.md says exactly how on-invoice discounts combine', () => {
  // list $100 × 1 u; a 10 % and a 5 % on-invoice discount
  const invoicePrice = (basis: 'invoice_sales' | 'gross_sales') =>
    computeModel(
      oneLine(
        1,
        [
          term({ id: 'D1', customerId: 'WMT', kind: 'on_invoice_discount', onInvoice: true, basis, rate: 0.1 }),
          term({ id: 'D2', customerId: 'WMT', kind: 'on_invoice_discount', onInvoice: true, basis, rate: 0.05 }),
        ],
        100,
      ),
    ).customers[0].totals.invoiceSales;

  test('they cascade on invoice sales ($85.50) and add on gross sales ($85.00), as the docs state', () => {
    expect(invoicePrice('invoice_sales')).toBeCloseTo(85.5, 9);
    expect(invoicePrice('gross_sales')).toBeCloseTo(85, 9);
    const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'workbook.md'), 'utf8');
    expect(doc).toContain(
      'on invoice sales $100 × 0.90 × 0.95 = $85.50; on gross sales $100 × (1 − 0.10 − 0.05) = $85.00',
    );
    expect(doc).not.toContain('cascade in row order: list × (1 − d1) × (1 − d2).');
  });
});
