/** Dated tax rates: the rate in force on a period's first day applies to the period, for the products it scopes. */
import { computeModel, type Model, type TaxRate } from '../../src/engine';
import { buildModel, customer, product } from './build';

const MONTHS = Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`);

function model(taxRates: TaxRate[]): Model {
  const m = buildModel({
    customers: [customer({ id: 'OXXO' })],
    products: [
      // A sugary drink, 12 × 600 ml = 7.2 L a unit, with last year's quota as its own rate.
      product({
        sku: 'REF',
        category: 'Refrescos',
        litresPerUnit: 7.2,
        iepsKind: 'per_litre',
        iepsRate: 1.6451,
        ivaRate: 0.16,
      }),
      product({ sku: 'BOT', category: 'Botanas', iepsKind: 'ad_valorem', iepsRate: 0.08, ivaRate: 0.16 }),
    ],
    lines: ['REF', 'BOT'].flatMap((sku) =>
      MONTHS.map((period) => ({ customer: 'OXXO', sku, period, baseline: 100, list: 100 })),
    ),
    terms: [],
  });
  return { ...m, taxRates };
}

const quota2026: TaxRate = {
  kind: 'ieps_per_litre',
  scope: { kind: 'all', values: [] },
  effectiveDate: '2026-07-01',
  rate: 3.0818,
};

test('without dated rates every period uses the product’s own rate', () => {
  const r = computeModel(model([]));
  // REF: 100 u × 7.2 L × 1.6451 = 1,184.472 a month
  expect(r.customers[0].byPeriod[0].ieps - 100 * 0.08 * 100).toBeCloseTo(1_184.472, 9);
});

test('a per-litre quota from 1 July: June at 1.6451, July at 3.0818; the ad valorem snack untouched; IVA on a base with IEPS', () => {
  const r = computeModel(model([quota2026]));
  const june = r.customers[0].byPeriod[5];
  const july = r.customers[0].byPeriod[6];
  const snack = 100 * 100 * 0.08; // 800 a month
  expect(june.ieps - snack).toBeCloseTo(100 * 7.2 * 1.6451, 9);
  expect(july.ieps - snack).toBeCloseTo(100 * 7.2 * 3.0818, 9); // 2,218.896
  // IVA 16 % × (invoice 20,000 + IEPS) in July
  expect(july.iva).toBeCloseTo(0.16 * (20_000 + july.ieps), 9);
});

test('an IVA rate scoped to a category, and an ad valorem rate for snacks only', () => {
  const r = computeModel(
    model([
      { kind: 'iva', scope: { kind: 'category', values: ['Refrescos'] }, effectiveDate: '2026-01-01', rate: 0.08 },
      { kind: 'ieps_ad_valorem', scope: { kind: 'all', values: [] }, effectiveDate: '2026-01-01', rate: 0.09 },
    ]),
  );
  const jan = r.customers[0].byPeriod[0];
  const refIeps = 100 * 7.2 * 1.6451;
  const botIeps = 100 * 100 * 0.09;
  expect(jan.ieps).toBeCloseTo(refIeps + botIeps, 9);
  expect(jan.iva).toBeCloseTo(0.08 * (10_000 + refIeps) + 0.16 * (10_000 + botIeps), 9);
});
