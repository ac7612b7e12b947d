import { computeModel } from '../../src/engine';
import { buildModel, customer, product, termById, term } from './build';

// One line: 1,000 units × list $100 = gross sales $100,000 (January 2026).
function model(terms: ReturnType<typeof term>[]) {
  return buildModel({
    customers: [customer({ id: 'WMT', name: 'Walmart de México' })],
    products: [product({ sku: 'A' })],
    lines: [{ customer: 'WMT', sku: 'A', period: '2026-01', baseline: 1_000, list: 100 }],
    terms,
  });
}

describe('on-invoice discounts', () => {
  test('% on invoice sales cascade in term order: L × (1 − d1) × (1 − d2)', () => {
    const r = computeModel(
      model([
        term({
          id: 'D1',
          customerId: 'WMT',
          kind: 'on_invoice_discount',
          onInvoice: true,
          basis: 'invoice_sales',
          rate: 0.1,
        }),
        term({
          id: 'D2',
          customerId: 'WMT',
          kind: 'on_invoice_discount',
          onInvoice: true,
          basis: 'invoice_sales',
          rate: 0.05,
        }),
      ]),
    );
    // D1 = 10 % × 100,000 = 10,000; D2 = 5 % × (100,000 − 10,000) = 4,500.
    expect(termById(r.terms, 'D1').amount).toBeCloseTo(10_000, 9);
    expect(termById(r.terms, 'D2').amount).toBeCloseTo(4_500, 9);
    // invoice = 1,000 × 100 × 0.90 × 0.95 = 85,500; invoice price 85.50
    expect(r.lines.invoiceSales[0]).toBeCloseTo(85_500, 9);
    expect(r.customers[0].waterfall.invoicePrice).toBeCloseTo(85.5, 12);
    expect(termById(r.terms, 'D2').formula.es).toBe(
      '5.0 % × venta factura tras descuentos previos $90,000.00 = $4,500.00',
    );
    expect(termById(r.terms, 'D2').formula.en).toBe(
      '5.0% × invoice sales after earlier discounts $90,000.00 = $4,500.00',
    );
  });

  test('% on gross sales apply to list (additive): L × (1 − d1 − d2)', () => {
    const r = computeModel(
      model([
        term({
          id: 'D1',
          customerId: 'WMT',
          kind: 'on_invoice_discount',
          onInvoice: true,
          basis: 'gross_sales',
          rate: 0.1,
        }),
        term({
          id: 'D2',
          customerId: 'WMT',
          kind: 'on_invoice_discount',
          onInvoice: true,
          basis: 'gross_sales',
          rate: 0.05,
        }),
      ]),
    );
    // 10,000 + 5,000 = 15,000 → invoice 85,000 (vs 85,500 cascaded)
    expect(r.customers[0].totals.onInvoice).toBeCloseTo(15_000, 9);
    expect(r.customers[0].totals.invoiceSales).toBeCloseTo(85_000, 9);
  });

  test('MXN per unit and an on-invoice lump sum; off-invoice % of invoice sales reads the final invoice', () => {
    const r = computeModel(
      model([
        term({ id: 'U', customerId: 'WMT', kind: 'on_invoice_discount', onInvoice: true, basis: 'volume', rate: 2 }),
        term({
          id: 'F',
          customerId: 'WMT',
          kind: 'on_invoice_discount',
          onInvoice: true,
          basis: 'fixed_amount',
          rate: 1_000,
        }),
        term({ id: 'PP', customerId: 'WMT', kind: 'prompt_payment_discount', basis: 'invoice_sales', rate: 0.02 }),
      ]),
    );
    // U = $2 × 1,000 u = 2,000; F = 1,000; invoice = 100,000 − 3,000 = 97,000; PP = 2 % × 97,000 = 1,940.
    expect(termById(r.terms, 'U').amount).toBe(2_000);
    expect(termById(r.terms, 'U').formula.es).toBe('$2.00/u × volumen 1,000 u = $2,000.00');
    expect(termById(r.terms, 'F').amount).toBe(1_000);
    expect(termById(r.terms, 'PP').amount).toBeCloseTo(1_940, 9);
    expect(r.customers[0].totals.netSales).toBeCloseTo(95_060, 9);
  });
});
