/** The price build-up for each Mexican tax profile, price points, elasticity and the price index, by hand. */
import {
  passedThrough,
  priceBuildUp,
  priceIndex,
  toPricePoint,
  volumeFactor,
  type TaxProduct,
} from '../../src/engine/price-buildup';

const snack: TaxProduct = { iepsKind: 'ad_valorem', iepsRate: 0.08, litresPerUnit: 0, ivaRate: 0.16 };
const sugaryDrink: TaxProduct = { iepsKind: 'per_litre', iepsRate: 3.0818, litresPerUnit: 0.6, ivaRate: 0.16 };
const juice: TaxProduct = { iepsKind: 'none', iepsRate: 0, litresPerUnit: 1, ivaRate: 0.16 };
const basicFood: TaxProduct = { iepsKind: 'none', iepsRate: 0, litresPerUnit: 0, ivaRate: 0 };

describe('price build-up per tax profile', () => {
  test('snack: IEPS 8 % ad valorem on the invoice price, IVA 16 % on a base that includes IEPS', () => {
    // list 20 − 1 on invoice = 19; IEPS 8 % × 19 = 1.52; cost 20.52; ÷ (1 − 25 %) = 27.36; IVA 16 % = 4.3776
    const b = priceBuildUp({ listPrice: 20, onInvoicePerUnit: 1, product: snack, frontMargin: 0.25 });
    expect(b.invoicePrice).toBe(19);
    expect(b.ieps).toBeCloseTo(1.52, 12);
    expect(b.retailerCost).toBeCloseTo(20.52, 12);
    expect(b.shelfPriceExIva).toBeCloseTo(27.36, 12);
    expect(b.iva).toBeCloseTo(4.3776, 12);
    expect(b.consumerPrice).toBeCloseTo(31.7376, 12);
    expect(b.frontMargin).toBeCloseTo(0.25, 12); // margin on price: (27.36 − 20.52) ÷ 27.36
    expect(b.frontMarginPerUnit).toBeCloseTo(6.84, 12);
  });

  test('sugary drink: IEPS quota 3.0818 per litre × 0.6 L, and IVA', () => {
    // invoice 12; IEPS 1.84908; cost 13.84908; ÷ 0.80 = 17.31135; IVA 2.769816; consumer 20.081166
    const b = priceBuildUp({ listPrice: 12, onInvoicePerUnit: 0, product: sugaryDrink, frontMargin: 0.2 });
    expect(b.ieps).toBeCloseTo(1.84908, 12);
    expect(b.shelfPriceExIva).toBeCloseTo(17.31135, 12);
    expect(b.iva).toBeCloseTo(2.769816, 12);
    expect(b.consumerPrice).toBeCloseTo(20.081166, 12);
  });

  test('juice: IVA only', () => {
    // 15 ÷ 0.70 = 21.428571…; × 1.16 = 24.857142…
    const b = priceBuildUp({ listPrice: 15, onInvoicePerUnit: 0, product: juice, frontMargin: 0.3 });
    expect(b.ieps).toBe(0);
    expect(b.shelfPriceExIva).toBeCloseTo(15 / 0.7, 12);
    expect(b.consumerPrice).toBeCloseTo((15 / 0.7) * 1.16, 12);
  });

  test('basic food: neither IEPS nor IVA', () => {
    const b = priceBuildUp({ listPrice: 30, onInvoicePerUnit: 0, product: basicFood, frontMargin: 0.15 });
    expect(b.iva).toBe(0);
    expect(b.consumerPrice).toBeCloseTo(30 / 0.85, 12);
  });

  test('a margin of 100 % or more is undefined, with the reason in es and en, never Infinity', () => {
    const b = priceBuildUp({ listPrice: 30, onInvoicePerUnit: 0, product: basicFood, frontMargin: 1 });
    expect(b.consumerPrice).toBe(0);
    expect(b.undefinedReason?.en).toContain('below 100 %');
    expect(b.undefinedReason?.es).toContain('menor que 100 %');
  });
});

describe('price points', () => {
  test('the snack at $31.7376 goes to $31.90; IVA is backed out and the retailer margin absorbs it', () => {
    const b = priceBuildUp({
      listPrice: 20,
      onInvoicePerUnit: 1,
      product: snack,
      frontMargin: 0.25,
      pricePoint: { ending: 0.9 },
    });
    expect(b.consumerPrice).toBe(31.9);
    expect(b.shelfPriceExIva).toBeCloseTo(27.5, 12); // 31.90 ÷ 1.16
    expect(b.iva).toBeCloseTo(4.4, 12);
    expect(b.frontMargin).toBeCloseTo((27.5 - 20.52) / 27.5, 12); // 25.38 %
    expect(b.consumerPriceUnrounded).toBeCloseTo(31.7376, 12);
  });

  test('nearest, up and down', () => {
    expect(toPricePoint(31.2, { ending: 0.9 })).toBe(30.9); // 0.30 below vs 0.70 above
    expect(toPricePoint(31.2, { ending: 0.9, direction: 'up' })).toBe(31.9);
    expect(toPricePoint(31.95, { ending: 0.9, direction: 'down' })).toBe(31.9);
    expect(toPricePoint(31.9, { ending: 0.9, direction: 'up' })).toBe(31.9); // already on a point
    expect(toPricePoint(12.49, { ending: 0 })).toBe(12);
  });
});

describe('elasticity and pass-through', () => {
  test('constant elasticity: a 10 % price rise with ε = −1.5 keeps 1.1^−1.5 = 86.68 % of the volume', () => {
    expect(volumeFactor(10, 11, -1.5)).toBeCloseTo(Math.pow(1.1, -1.5), 12);
    expect(volumeFactor(10, 11, -1.5)).toBeCloseTo(0.866784, 6);
  });

  test('linear: 1 + ε × 10 % = 85 %; never below 0', () => {
    expect(volumeFactor(10, 11, -1.5, 'linear')).toBeCloseTo(0.85, 12);
    expect(volumeFactor(10, 30, -1.5, 'linear')).toBe(0);
  });

  test('a retailer passing 60 % of a $2.00 shelf increase moves the shopper price by $1.20', () => {
    expect(passedThrough(30, 32, 0.6)).toBeCloseTo(31.2, 12);
  });
});

describe('price index', () => {
  test('per litre: own $20 for 0.6 L against a competitor at $30 per litre → 111.1', () => {
    const r = priceIndex({ price: 20, litresPerUnit: 0.6, kgPerUnit: 0 }, { price: 30, basis: 'litre' }, 'litre');
    expect(r.value).toBeCloseTo((20 / 0.6 / 30) * 100, 9);
  });

  test('a competitor pack quoted per unit with its size; a missing size is null with a reason', () => {
    const r = priceIndex(
      { price: 20, litresPerUnit: 0.6, kgPerUnit: 0 },
      { price: 36, basis: 'unit', size: 1.2 },
      'litre',
    );
    expect(r.value).toBeCloseTo((20 / 0.6 / (36 / 1.2)) * 100, 9);
    const missing = priceIndex({ price: 20, litresPerUnit: 0, kgPerUnit: 0 }, { price: 30, basis: 'kg' }, 'kg');
    expect(missing.value).toBeNull();
    expect(missing.reason?.en).toBe('own pack size in kg is missing');
  });
});
