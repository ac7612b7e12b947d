/** The retailer's P&L on our products, by hand: purchases at cost, shelf sales less the deals' shelf discount, margins. */
import { computeModel, retailerPnl, type Model, type Promotion } from '../../src/engine';
import { buildModel, customer, product, term } from './build';

const MONTHS = Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`);

function model(promotions: Promotion[], terms = [] as Model['terms']): Model {
  const m = buildModel({
    customers: [customer({ id: 'WMT' })],
    products: ['A', 'B'].map((sku) => product({ sku, category: 'Botanas', cogsPerUnit: 4 })),
    lines: ['A', 'B'].flatMap((sku) =>
      MONTHS.map((period) => ({ customer: 'WMT', sku, period, baseline: 1_000, list: 10 })),
    ),
    terms,
  });
  return {
    ...m,
    promotions,
    retailerMargins: [{ customerId: 'WMT', scope: { kind: 'all', values: [] }, frontMargin: 0.2 }],
  };
}

const july = { from: '2026-07-01', to: '2026-07-31' };
const event: Promotion = {
  id: 'P',
  customerId: 'WMT',
  scope: { kind: 'sku', values: ['A'] },
  buyWindow: july,
  inStoreWindow: july,
  mechanics: ['price_off_pct'],
  depth: 0.2,
  funding: 'off_invoice',
  fundingRate: 2,
  makerShare: 1,
  passThrough: 1,
  uplift: 0.5,
  cannibalisation: 0,
  forwardBuy: 0,
  dip: 0,
  fixedCosts: 0,
};

test('no deals, a 3 % rebate: purchases 240,000, sales ÷ 0.8 = 300,000, front 60,000, back 7,200', () => {
  const m = model([], [term({ id: 'R', customerId: 'WMT', rate: 0.03 })]);
  const [r] = retailerPnl(m, computeModel(m));
  expect(r.purchases).toBeCloseTo(240_000, 6);
  expect(r.sales).toBeCloseTo(300_000, 6);
  expect(r.front).toBeCloseTo(60_000, 6);
  expect(r.back).toBeCloseTo(7_200, 6);
  expect(r.total).toBeCloseTo(67_200, 6);
  expect(r.totalPct).toBeCloseTo(0.224, 12);
});

test('a 20 % deal funded off-invoice: cheaper purchases, the shelf discount on the 1,500 u sold in July', () => {
  const m = model([event]);
  const [r] = retailerPnl(m, computeModel(m));
  // purchases: 24,500 u × $10 − $2 × 1,500 u = 242,000; regular shelf: (242,000 + 3,000) ÷ 0.8 = 306,250;
  // shelf discount: 20 % × $12.50 × 1,500 u = 3,750 → sales 302,500; front 60,500; back 0
  expect(r.purchases).toBeCloseTo(242_000, 6);
  expect(r.regularSales).toBeCloseTo(306_250, 6);
  expect(r.promotionalDiscount).toBeCloseTo(3_750, 6);
  expect(r.sales).toBeCloseTo(302_500, 6);
  expect(r.front).toBeCloseTo(60_500, 6);
  expect(r.back).toBe(0);
  expect(r.totalPct).toBeCloseTo(60_500 / 302_500, 12);
});
