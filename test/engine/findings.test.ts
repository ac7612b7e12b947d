import { computeModel, isoWeeksOfYear } from '../../src/engine';
import { buildModel, costToServe, customer, product, termById, term } from './build';

const base = () =>
  buildModel({
    customers: [customer({ id: 'WMT' })],
    products: [product({ sku: 'A', category: 'Botanas' })],
    lines: [{ customer: 'WMT', sku: 'A', period: '2026-01', baseline: 100, list: 10 }],
  });

describe('findings (non-blocking, es + en)', () => {
  test('a term without agreed date is a finding, and is still modelled', () => {
    const m = base();
    m.terms = [term({ id: 'T1', customerId: 'WMT', rate: 0.02, agreedDate: '' })];
    const r = computeModel(m);
    const t = termById(r.terms, 'T1');
    expect(t.amount).toBeCloseTo(20, 12); // 2 % × 1,000
    expect(t.findings).toHaveLength(1);
    expect(t.findings[0]).toMatchObject({
      code: 'no_agreed_basis',
      severity: 'warning',
      termId: 'T1',
      customerId: 'WMT',
    });
    expect(t.findings[0].es).toContain(
      'sin base acordada (no hay fecha de acuerdo por escrito): es un hallazgo, no un número',
    );
    expect(t.findings[0].en).toContain('no agreed basis');
    expect(r.findings).toEqual(t.findings);
  });

  test('scope matching no line (unknown category, span outside the model) pays 0 and says so', () => {
    const m = base();
    m.terms = [
      term({ id: 'CAT', customerId: 'WMT', rate: 0.02, scope: { kind: 'category', values: ['Lácteos'] } }),
      term({
        id: 'SPAN',
        customerId: 'WMT',
        basis: 'fixed_amount',
        rate: 5_000,
        periodFrom: '2027-01',
        periodTo: '2027-12',
      }),
      term({ id: 'WHO', customerId: 'XXX', rate: 0.02 }),
    ];
    const r = computeModel(m);
    expect(r.terms.map((t) => t.amount)).toEqual([0, 0, 0]);
    expect(r.findings.map((f) => f.code)).toEqual([
      'scope_matches_no_line',
      'scope_matches_no_line',
      'unknown_customer',
    ]);
    expect(r.accruals).toHaveLength(0);
    expect(r.customers[0].totals.offInvoice).toBe(0);
  });

  test('cost-to-serve outside the lines is reported, not allocated', () => {
    const m = base();
    m.costToServe = [
      costToServe({ customerId: 'WMT', basis: 'fixed_amount', rate: 100, periodFrom: '2026-06', periodTo: '2026-06' }),
    ];
    const r = computeModel(m);
    expect(r.findings.map((f) => f.code)).toEqual(['cost_to_serve_matches_no_line']);
    expect(r.customers[0].totals.costToServe).toBe(0);
  });

  test('an invalid period id throws with a bilingual message (validation belongs to the workbook layer)', () => {
    const m = base();
    m.terms = [term({ id: 'BAD', customerId: 'WMT', periodFrom: '2026-1' })];
    expect(() => computeModel(m)).toThrow(/Periodo inválido "2026-1".*Invalid period "2026-1"/);
  });

  test('lines not grouped by customer throw', () => {
    const m = buildModel({
      customers: [customer({ id: 'A' }), customer({ id: 'B' })],
      products: [product({ sku: 'P' })],
      periods: ['2026-01', '2026-02'],
      lines: [
        { customer: 'A', sku: 'P', period: '2026-01', baseline: 1, list: 1 },
        { customer: 'A', sku: 'P', period: '2026-02', baseline: 1, list: 1 },
        { customer: 'B', sku: 'P', period: '2026-01', baseline: 1, list: 1 },
      ],
    });
    expect(computeModel(m).customers[0].totals.volume).toBe(2);
    m.lines.customer.set([0, 1, 0]); // A, B, A: A's lines are split
    expect(() => computeModel(m)).toThrow(/not contiguous/);
  });
});

describe('weekly models with monthly term spans', () => {
  test('an annual term written 2026-01..2026-12 covers the 53 ISO weeks of 2026', () => {
    const weeks = isoWeeksOfYear(2026);
    const r = computeModel(
      buildModel({
        periods: weeks,
        customers: [customer({ id: 'SEV', channel: 'convenience' })],
        products: [product({ sku: 'A' })],
        lines: weeks.map((w) => ({ customer: 'SEV', sku: 'A', period: w, baseline: 10, list: 10 })),
        terms: [
          term({ id: 'YEAR', customerId: 'SEV', rate: 0.01 }),
          term({ id: 'Q1', customerId: 'SEV', rate: 0.01, periodFrom: '2026-01', periodTo: '2026-03' }),
        ],
      }),
    );
    // 53 weeks × 100 = 5,300 → 1 % = 53; Q1 = W01..W13 = 1,300 → 13
    expect(termById(r.terms, 'YEAR').amount).toBeCloseTo(53, 12);
    expect(termById(r.terms, 'Q1').amount).toBeCloseTo(13, 12);
    expect(r.accruals.filter((a) => a.termId === 'Q1' && a.policy === 'forecast_year_end')).toHaveLength(13);
  });
});
