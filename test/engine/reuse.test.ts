import { computeModel, recomputeCustomer } from '../../src/engine';
import { buildModel, customer, product, term, termById } from './build';

const model = () =>
  buildModel({
    customers: [customer({ id: 'WMT', paymentDays: 30 }), customer({ id: 'SOR' })],
    products: [product({ sku: 'A', cogsPerUnit: 5 })],
    lines: [
      { customer: 'WMT', sku: 'A', period: '2026-01', baseline: 100, list: 10 },
      { customer: 'SOR', sku: 'A', period: '2026-01', baseline: 50, list: 12 },
    ],
    terms: [
      term({ id: 'W1', customerId: 'WMT', rate: 0.05 }),
      term({ id: 'S1', customerId: 'SOR', kind: 'listing_fee', basis: 'fixed_amount', rate: 60 }),
    ],
  });

describe('live recompute', () => {
  test('computeModel with reuse overwrites the earlier columns and gives the same results as a fresh run', () => {
    const m = model();
    const first = computeModel(m);
    const columns = first.lines.offInvoice;
    m.terms[0] = { ...m.terms[0], rate: 0.08 };
    const fresh = computeModel(m);
    const reused = computeModel(m, { reuse: first });
    expect(reused.lines.offInvoice).toBe(columns); // same buffer
    expect(reused.lines).toEqual(fresh.lines);
    expect(reused.customers).toEqual(fresh.customers);
    // WMT: 8 % × 1,000 = 80 (was 50)
    expect(reused.lines.offInvoice[0]).toBeCloseTo(80, 12);
    const other = buildModel({ customers: [customer({ id: 'X' })], products: [product({ sku: 'A' })], lines: [] });
    expect(() => computeModel(other, { reuse: fresh })).toThrow(/different number of lines/);
  });

  test('recomputeCustomer replaces one customer and keeps the others', () => {
    const m = model();
    const before = computeModel(m);
    m.terms[0] = { ...m.terms[0], rate: 0.1 };
    const after = recomputeCustomer(m, before, 0);
    // WMT: 10 % × 1,000 = 100; SOR unchanged: 60 listing fee
    expect(termById(after.terms, 'W1').amount).toBeCloseTo(100, 12);
    expect(termById(after.terms, 'S1')).toBe(termById(before.terms, 'S1'));
    expect(after.customers[1]).toBe(before.customers[1]);
    expect(after.portfolio.offInvoice).toBeCloseTo(160, 12);
    expect(before.lines.offInvoice[0]).toBeCloseTo(50, 12); // previous results untouched
    expect(() => recomputeCustomer(m, before, 5)).toThrow(/out of range/);
  });
});
