/**
 * A tiny model whose every result is computed by hand below, for the results layout and .xlsx writing tests.
 *
 * Periods 2026-01, 2026-02. Settings: cost of capital 10 %, 365 days, cost-to-serve below the waterfall.
 * Customers: WMT (73 payment days → financing = invoice × 73/365 × 10 % = invoice × 2 %), OXXO (0 days).
 * Products: P1 list $10, COGS $6; P2 list $20, COGS $12.
 * Lines: WMT P1 100 + 100 u; WMT P2 50 + 50 u; OXXO P1 30 + 30 u; OXXO P2 0 + 0 u.
 * Terms: WMT-01 on-invoice 5 % of gross; WMT-02 off-invoice 2 % of invoice sales (no tiers);
 *        OXXO-01 listing fee $300 fixed, allocated by volume, no agreed date (a finding);
 *        OXXO-02 volume rebate on gross, all-units tiers on volume: [0, 50) 1 %, [50, ∞) 3 %.
 *          Year: 60 u → 3 % × 600 = 18. Accrual, tier reached so far: Jan YTD 30 u → 1 % × 300 = 3;
 *          Feb YTD 60 u → 18, so accrual 15 = run rate 1 % × 300 = 3 + true-up 12.
 *          Forecast year-end: tier of 60 u from January: 9 + 9, no true-up.
 * Cost-to-serve: WMT freight $0.50 per unit.
 *
 *                vol   gross  on-inv invoice off-inv   net   COGS    GP    CtS (fin)  contribution
 *   WMT  P1      200   2,000   100   1,900     38   1,862  1,200   662   138  (38)     524
 *   WMT  P2      100   2,000   100   1,900     38   1,862  1,200   662    88  (38)     574
 *   WMT  total   300   4,000   200   3,800     76   3,724  2,400 1,324   226  (76)   1,098
 *   OXXO P1       60     600     0     600    318     282    360   -78     0           -78
 *   OXXO P2        0       0     0       0      0       0      0     0     0             0
 *   OXXO total    60     600     0     600    318     282    360   -78     0           -78
 *   Portfolio    360   4,600   200   4,400    394   4,006  2,760 1,246   226  (76)   1,020
 *
 * CtS WMT P1 = 0.5 × 200 + 1,900 × 2 % = 100 + 38; P2 = 0.5 × 100 + 38 = 88.
 */
import { allocateLines, DEFAULT_SETTINGS, type Model, type Term } from '../../src/engine';
import { term as engineTerm } from '../engine/build';

/** Terms of this fixture span its two months. */
const term = (t: Partial<Term> & Pick<Term, 'id' | 'customerId' | 'kind'>): Term =>
  engineTerm({ periodTo: '2026-02', ...t });

export function tinyModel(): Model {
  const rows: [number, number, number, number, number][] = [
    // customer, product, period, volume, list price
    [0, 0, 0, 100, 10],
    [0, 0, 1, 100, 10],
    [0, 1, 0, 50, 20],
    [0, 1, 1, 50, 20],
    [1, 0, 0, 30, 10],
    [1, 0, 1, 30, 10],
    [1, 1, 0, 0, 20],
    [1, 1, 1, 0, 20],
  ];
  const lines = allocateLines(rows.length);
  rows.forEach(([c, p, m, v, list], i) => {
    lines.customer[i] = c;
    lines.product[i] = p;
    lines.period[i] = m;
    lines.baselineVolume[i] = v;
    lines.listPrice[i] = list;
    lines.sourceRow![i] = i + 2;
  });
  const product = (sku: string, cogsPerUnit: number) => ({
    sku,
    description: `Producto ${sku}`,
    category: 'Botanas',
    brand: 'Marca',
    packSize: '1 pza',
    litresPerUnit: 0,
    kgPerUnit: 0,
    cogsPerUnit,
    ivaRate: 0,
    iepsKind: 'none' as const,
    iepsRate: 0,
  });
  return {
    settings: { ...DEFAULT_SETTINGS, costOfCapital: 0.1, daysInYear: 365, costToServePlacement: 'below_waterfall' },
    customers: [
      { id: 'WMT', name: 'Walmart de México', channel: 'modern', paymentDays: 73, dcShare: 0 },
      { id: 'OXXO', name: 'OXXO', channel: 'convenience', paymentDays: 0, dcShare: 0 },
    ],
    products: [product('P1', 6), product('P2', 12)],
    periods: [
      { id: '2026-01', index: 0, year: 2026 },
      { id: '2026-02', index: 1, year: 2026 },
    ],
    lines,
    terms: [
      term({ id: 'WMT-01', customerId: 'WMT', kind: 'on_invoice_discount', onInvoice: true, rate: 0.05 }),
      term({ id: 'WMT-02', customerId: 'WMT', kind: 'volume_rebate', basis: 'invoice_sales', rate: 0.02 }),
      term({
        id: 'OXXO-01',
        customerId: 'OXXO',
        kind: 'listing_fee',
        basis: 'fixed_amount',
        rate: 300,
        allocation: 'volume',
        agreedDate: '',
        evidenceRef: '',
      }),
      term({
        id: 'OXXO-02',
        customerId: 'OXXO',
        kind: 'volume_rebate',
        tiers: [
          { from: 0, to: 50, rate: 0.01 },
          { from: 50, to: null, rate: 0.03 },
        ],
      }),
    ],
    costToServe: [
      {
        customerId: 'WMT',
        kind: 'freight',
        basis: 'volume',
        rate: 0.5,
        allocation: 'volume',
        periodFrom: '2026-01',
        periodTo: '2026-02',
        description: 'flete',
      },
    ],
  };
}
