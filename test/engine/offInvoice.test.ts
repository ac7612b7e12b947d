import { computeModel } from '../../src/engine';
import { buildModel, customer, product, sum, termById, term } from './build';

// WMT buys two SKUs in Jan and Feb 2026:
//   A (Botanas/Crujis): Jan 1,000 u × $10, Feb 3,000 u × $10 → gross 10,000 + 30,000
//   B (Bebidas/Frescola): Jan 2,000 u × $20 → gross 40,000
// gross sales = 80,000; volume = 6,000 u.
function model(terms: ReturnType<typeof term>[], dcShare = 0.6) {
  return buildModel({
    customers: [customer({ id: 'WMT', dcShare })],
    products: [
      product({ sku: 'A', category: 'Botanas', brand: 'Crujis' }),
      product({ sku: 'B', category: 'Bebidas', brand: 'Frescola' }),
    ],
    lines: [
      { customer: 'WMT', sku: 'A', period: '2026-01', baseline: 1_000, list: 10 },
      { customer: 'WMT', sku: 'A', period: '2026-02', baseline: 3_000, list: 10 },
      { customer: 'WMT', sku: 'B', period: '2026-01', baseline: 2_000, list: 20 },
    ],
    terms,
  });
}

describe('off-invoice terms', () => {
  test('bases: % of gross, % of invoice, MXN per unit; scope by category / brand / SKU; span', () => {
    const r = computeModel(
      model([
        term({ id: 'G', customerId: 'WMT', kind: 'coop_marketing', basis: 'gross_sales', rate: 0.02 }),
        term({
          id: 'D',
          customerId: 'WMT',
          kind: 'on_invoice_discount',
          onInvoice: true,
          basis: 'gross_sales',
          rate: 0.1,
          scope: { kind: 'category', values: ['bebidas'] },
        }),
        term({
          id: 'I',
          customerId: 'WMT',
          kind: 'merma_allowance',
          basis: 'invoice_sales',
          rate: 0.03,
          scope: { kind: 'brand', values: ['Frescola'] },
        }),
        term({
          id: 'V',
          customerId: 'WMT',
          kind: 'logistics_allowance',
          basis: 'volume',
          rate: 0.5,
          scope: { kind: 'sku', values: ['A'] },
          periodFrom: '2026-02',
          periodTo: '2026-02',
        }),
      ]),
    );
    // G = 2 % × 80,000 = 1,600
    expect(termById(r.terms, 'G').amount).toBeCloseTo(1_600, 9);
    // D = 10 % × 40,000 (Bebidas only) = 4,000 → B invoice 36,000; I = 3 % × 36,000 = 1,080
    expect(termById(r.terms, 'D').amount).toBeCloseTo(4_000, 9);
    expect(termById(r.terms, 'I').amount).toBeCloseTo(1_080, 9);
    // V = $0.50 × 3,000 u (A, February only) = 1,500, all in February
    expect(termById(r.terms, 'V').amount).toBeCloseTo(1_500, 9);
    expect(Array.from(termById(r.terms, 'V').byPeriod.slice(0, 3))).toEqual([0, 1_500, 0]);
    // net = 80,000 − 4,000 − (1,600 + 1,080 + 1,500) = 71,820
    expect(r.customers[0].totals.netSales).toBeCloseTo(71_820, 9);
    // G is placed ∝ gross: A-Jan 10,000/80,000 × 1,600 = 200 (plus nothing else on A-Jan)
    expect(r.lines.offInvoice[0]).toBeCloseTo(200, 9);
  });

  test('centralización: the rate applies to the basis × the DC-delivered share', () => {
    const r = computeModel(
      model([term({ id: 'C', customerId: 'WMT', kind: 'centralizacion', basis: 'gross_sales', rate: 0.05 })]),
    );
    // 5 % × 80,000 × 0.6 = 2,400
    const c = termById(r.terms, 'C');
    expect(c.amount).toBeCloseTo(2_400, 9);
    expect(c.basisValue).toBeCloseTo(48_000, 9);
    expect(c.formula.es).toBe('5.0 % × venta bruta $80,000.00 × 60.0 % entregado vía CEDIS = $2,400.00');
    expect(c.formula.en).toBe('5.0% × gross sales $80,000.00 × 60.0% delivered through the DC = $2,400.00');
  });

  test('fixed lump sum allocated by volume, gross sales or evenly, in whole centavos', () => {
    const r = computeModel(
      model([
        term({
          id: 'LV',
          customerId: 'WMT',
          kind: 'listing_fee',
          basis: 'fixed_amount',
          rate: 1_000,
          allocation: 'volume',
        }),
        term({
          id: 'LG',
          customerId: 'WMT',
          kind: 'display_fee',
          basis: 'fixed_amount',
          rate: 1_000,
          allocation: 'gross_sales',
        }),
        term({
          id: 'LE',
          customerId: 'WMT',
          kind: 'coop_marketing',
          basis: 'fixed_amount',
          rate: 1_000,
          allocation: 'even',
        }),
      ]),
    );
    const lv = termById(r.terms, 'LV');
    // by volume 1,000 : 3,000 : 2,000 of 6,000 → line order A-Jan, A-Feb, B-Jan = 166.67, 500.00, 333.33
    // (100,000 centavos: 16,666.67 / 50,000 / 33,333.33 → floors sum 99,999; the centavo goes to .67 = A-Jan)
    expect(lv.amount).toBe(1_000);
    // by period: Jan = 166.67 + 333.33 = 500.00, Feb = 500.00
    expect(lv.byPeriod[0]).toBeCloseTo(500, 9);
    expect(lv.byPeriod[1]).toBeCloseTo(500, 9);
    expect(lv.formula.es).toBe('monto fijo $1,000.00, asignado por volumen');
    // LG by gross 10,000 : 30,000 : 40,000 → 125 / 375 / 500; LE even → 333.34 / 333.33 / 333.33
    const offA1 = 166.67 + 125 + 333.34;
    expect(r.lines.offInvoice[0]).toBeCloseTo(offA1, 9);
    expect(r.lines.offInvoice[1]).toBeCloseTo(500 + 375 + 333.33, 9);
    expect(r.lines.offInvoice[2]).toBeCloseTo(333.33 + 500 + 333.33, 9);
    expect(Math.round(sum(r.lines.offInvoice) * 100)).toBe(300_000);
  });

  test('an awkward lump sum over 7 lines sums back exactly', () => {
    const lines = Array.from({ length: 7 }, (_, k) => ({
      customer: 'OXXO',
      sku: `S${k}`,
      period: '2026-03',
      baseline: 10,
      list: 1,
    }));
    const r = computeModel(
      buildModel({
        customers: [customer({ id: 'OXXO', channel: 'convenience' })],
        products: Array.from({ length: 7 }, (_, k) => product({ sku: `S${k}` })),
        lines,
        terms: [
          term({
            id: 'ALTA',
            customerId: 'OXXO',
            kind: 'listing_fee',
            basis: 'fixed_amount',
            rate: 1_000_000.01,
            allocation: 'even',
          }),
        ],
      }),
    );
    // 142,857.15 × 3 + 142,857.14 × 4 = 1,000,000.01
    expect(Array.from(r.lines.offInvoice)).toEqual([
      142857.15, 142857.15, 142857.15, 142857.14, 142857.14, 142857.14, 142857.14,
    ]);
    expect(Math.round(sum(r.lines.offInvoice) * 100)).toBe(100_000_001);
    expect(termById(r.terms, 'ALTA').byPeriod[2]).toBeCloseTo(1_000_000.01, 6);
  });

  test('e-commerce: marketplace commission (% of gross) and fulfilment fee (MXN per unit)', () => {
    const r = computeModel(
      model([
        term({ id: 'COM', customerId: 'WMT', kind: 'marketplace_commission', basis: 'gross_sales', rate: 0.15 }),
        term({
          id: 'FUL',
          customerId: 'WMT',
          kind: 'fulfilment_fee',
          basis: 'volume',
          rate: 4.5,
          scope: { kind: 'sku', values: ['B'] },
        }),
      ]),
    );
    // commission 15 % × 80,000 = 12,000; fulfilment $4.50 × 2,000 u (B) = 9,000
    expect(termById(r.terms, 'COM').amount).toBeCloseTo(12_000, 9);
    expect(termById(r.terms, 'FUL').amount).toBeCloseTo(9_000, 9);
    expect(termById(r.terms, 'FUL').formula.en).toBe('$4.50/unit × volume 2,000 units = $9,000.00');
    // net = 80,000 − 21,000 = 59,000
    expect(r.customers[0].totals.netSales).toBeCloseTo(59_000, 9);
  });
});
