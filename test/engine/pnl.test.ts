import { computeModel, marginPct, metricValue, sumTotals, waterfallOf } from '../../src/engine';
import { buildModel, costToServe, customer, product, term } from './build';

describe('customer P&L, cost-to-serve, financing and taxes', () => {
  // OXXO, 60 payment days, cost of capital 11 %.
  //  SNK (botana, IEPS 8 % ad valorem, IVA 16 %, 0.1 kg/u, COGS $6): 1,000 u × $10 = 10,000
  //  BEB (refresco 0.6 L, IEPS $1.6451/L, IVA 16 %, COGS $4): 1,000 u × $12 = 12,000
  //  FRJ (frijol, basic food: IVA 0 %, no IEPS, 1 kg/u, COGS $20): 100 u × $30 = 3,000
  const model = () =>
    buildModel({
      customers: [customer({ id: 'OXXO', channel: 'convenience', paymentDays: 60 })],
      products: [
        product({ sku: 'SNK', ivaRate: 0.16, iepsKind: 'ad_valorem', iepsRate: 0.08, kgPerUnit: 0.1, cogsPerUnit: 6 }),
        product({
          sku: 'BEB',
          ivaRate: 0.16,
          iepsKind: 'per_litre',
          iepsRate: 1.6451,
          litresPerUnit: 0.6,
          kgPerUnit: 0.6,
          cogsPerUnit: 4,
        }),
        product({ sku: 'FRJ', ivaRate: 0, kgPerUnit: 1, cogsPerUnit: 20 }),
      ],
      lines: [
        { customer: 'OXXO', sku: 'SNK', period: '2026-01', baseline: 1_000, list: 10 },
        { customer: 'OXXO', sku: 'BEB', period: '2026-01', baseline: 1_000, list: 12 },
        { customer: 'OXXO', sku: 'FRJ', period: '2026-02', baseline: 100, list: 30 },
      ],
      costToServe: [
        costToServe({ customerId: 'OXXO', kind: 'freight', basis: 'kg', rate: 0.5 }),
        costToServe({
          customerId: 'OXXO',
          kind: 'promotoria',
          basis: 'fixed_amount',
          rate: 1_000,
          allocation: 'gross_sales',
          periodFrom: '2026-01',
          periodTo: '2026-01',
        }),
      ],
    });

  test('financing cost of payment days = invoice × days ÷ 365 × cost of capital', () => {
    const r = computeModel(model());
    // SNK: 10,000 × 60 / 365 × 0.11 = 180.8219178...
    expect(r.lines.financingCost[0]).toBeCloseTo((10_000 * 60 * 0.11) / 365, 10);
    expect(r.lines.financingCost[0]).toBeCloseTo(180.82191781, 6);
    // customer: 25,000 × 60 / 365 × 0.11 = 452.0547945...
    expect(r.customers[0].totals.financingCost).toBeCloseTo(452.05479452, 6);
  });

  test('taxes: IEPS ad valorem and per litre; IVA on a base that includes IEPS; 0 % basic food', () => {
    const r = computeModel(model());
    // SNK: IEPS 8 % × 10,000 = 800; IVA 16 % × (10,000 + 800) = 1,728
    expect(r.lines.ieps[0]).toBeCloseTo(800, 9);
    expect(r.lines.iva[0]).toBeCloseTo(1_728, 9);
    // BEB: IEPS 1,000 u × 0.6 L × 1.6451 = 987.06; IVA 16 % × (12,000 + 987.06) = 2,077.9296
    expect(r.lines.ieps[1]).toBeCloseTo(987.06, 9);
    expect(r.lines.iva[1]).toBeCloseTo(2_077.9296, 9);
    expect(r.lines.ieps[2]).toBe(0);
    expect(r.lines.iva[2]).toBe(0);
    // taxes are not revenue: net sales = invoice sales (no terms)
    expect(r.customers[0].totals.netSales).toBe(25_000);
  });

  test('cost-to-serve rows (per kg, fixed allocated by gross) plus financing, below or inside the waterfall', () => {
    const r = computeModel(model());
    // freight $0.50/kg: SNK 100 kg → 50; BEB 600 kg → 300; FRJ 100 kg → 50
    // promotoría $1,000 in January by gross 10,000 : 12,000 → 454.55 / 545.45 (100,000 centavos: 45,454.5 / 54,545.5,
    // tie on .5 → the earlier line gets the centavo)
    const fin = (x: number) => (x * 60 * 0.11) / 365;
    expect(r.lines.costToServe[0]).toBeCloseTo(50 + 454.55 + fin(10_000), 9);
    expect(r.lines.costToServe[1]).toBeCloseTo(300 + 545.45 + fin(12_000), 9);
    expect(r.lines.costToServe[2]).toBeCloseTo(50 + fin(3_000), 9);
    const t = r.customers[0].totals;
    // COGS = 6,000 + 4,000 + 2,000 = 12,000; gross profit = 25,000 − 12,000 = 13,000
    expect(t.cogs).toBe(12_000);
    expect(t.grossProfit).toBe(13_000);
    // contribution = 13,000 − (400 + 1,000 + 452.0547945) = 11,147.9452055
    expect(t.contribution).toBeCloseTo(13_000 - 1_400 - fin(25_000), 9);
    // below the waterfall (default): pocket price = net ÷ volume = 25,000 / 2,100
    expect(r.customers[0].waterfall.costToServePerUnit).toBe(0);
    expect(r.customers[0].waterfall.pocketPrice).toBeCloseTo(25_000 / 2_100, 12);
    const inside = waterfallOf(t, 'inside_waterfall');
    expect(inside.costToServePerUnit).toBeCloseTo((1_400 + fin(25_000)) / 2_100, 12);
    expect(inside.pocketPrice).toBeCloseTo((25_000 - 1_400 - fin(25_000)) / 2_100, 12);
    expect(inside.leakage).toBeCloseTo(inside.listPrice - inside.pocketPrice, 12);
  });

  test('the waterfall per unit from summed money', () => {
    const m = model();
    m.costToServe = [];
    m.terms = [
      term({
        id: 'D',
        customerId: 'OXXO',
        kind: 'on_invoice_discount',
        onInvoice: true,
        basis: 'gross_sales',
        rate: 0.1,
      }),
      term({ id: 'R', customerId: 'OXXO', basis: 'invoice_sales', rate: 0.05 }),
    ];
    m.customers[0].paymentDays = 0;
    const w = computeModel(m).customers[0].waterfall;
    // gross 25,000 / 2,100 u; on-invoice 2,500; invoice 22,500; off 1,125; net 21,375; COGS 12,000
    expect(w.listPrice).toBeCloseTo(25_000 / 2_100, 12);
    expect(w.onInvoicePerUnit).toBeCloseTo(2_500 / 2_100, 12);
    expect(w.invoicePrice).toBeCloseTo(22_500 / 2_100, 12);
    expect(w.offInvoicePerUnit).toBeCloseTo(1_125 / 2_100, 12);
    expect(w.pocketPrice).toBeCloseTo(21_375 / 2_100, 12);
    expect(w.pocketMargin).toBeCloseTo((21_375 - 12_000) / 2_100, 12);
    expect(w.leakage).toBeCloseTo(3_625 / 2_100, 12);
  });
});

describe('margins come from summed money, never averaged percentages', () => {
  // Line 1: net 100, COGS 50 → margin 50 %. Line 2: net 900, COGS 810 → margin 10 %.
  // Average of line % = 30 %; aggregate = (50 + 90) / 1,000 = 14 %.
  const r = computeModel(
    buildModel({
      customers: [customer({ id: 'AMZ', channel: 'ecommerce' })],
      products: [product({ sku: 'P1', cogsPerUnit: 5 }), product({ sku: 'P2', cogsPerUnit: 9 })],
      lines: [
        { customer: 'AMZ', sku: 'P1', period: '2026-01', baseline: 10, list: 10 },
        { customer: 'AMZ', sku: 'P2', period: '2026-01', baseline: 90, list: 10 },
      ],
    }),
  );

  test('customer gross margin % = Σ gross profit ÷ Σ net sales = 14 %', () => {
    const t = r.customers[0].totals;
    expect(metricValue('gross_margin_pct', t, 'below_waterfall')).toBeCloseTo(0.14, 12);
    const p1 = r.customers[0].byProduct.get(0)!;
    const p2 = r.customers[0].byProduct.get(1)!;
    expect(marginPct(p1.grossProfit, p1.netSales)).toBeCloseTo(0.5, 12);
    expect(marginPct(p2.grossProfit, p2.netSales)).toBeCloseTo(0.1, 12);
    expect(metricValue('gross_margin_pct', sumTotals([p1, p2]), 'below_waterfall')).toBeCloseTo(0.14, 12);
  });

  test('marginPct: denominator 0 → NaN, not Infinity', () => {
    expect(marginPct(5, 0)).toBeNaN();
    expect(waterfallOf(sumTotals([]), 'below_waterfall').listPrice).toBeNaN();
  });

  test('portfolio = sum of customers; roll-ups by product and period', () => {
    expect(r.portfolio.netSales).toBe(1_000);
    expect(r.customers[0].byPeriod[0].grossProfit).toBe(140);
    expect(r.customers[0].byPeriod[1].grossProfit).toBe(0);
    expect(r.customers[0].byProduct.size).toBe(2);
  });
});
