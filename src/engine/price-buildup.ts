/**
 * The price build-up per customer × SKU, from the maker's list price to the shopper's price, consistent with the
 * engine's tax layer (taxes.ts):
 *
 *   list price − on-invoice discounts            = invoice price (maker's price to the retailer)
 *   + IEPS (ad valorem on the invoice price, or quota × litres per unit; levied on the maker's sale, so it is part
 *     of the retailer's cost)                    = retailer cost
 *   ÷ (1 − retailer front margin)                = shelf price before IVA  (front margin is a MARGIN ON PRICE:
 *                                                  (shelf − cost) ÷ shelf, not a markup on cost)
 *   × (1 + IVA rate)                             = consumer price (IVA on a base that includes IEPS)
 *
 * Optional price-point rounding puts the consumer price on a price point (e.g. endings .90); IVA is backed out of
 * the rounded price and the retailer's margin absorbs the difference. Undefined figures are null with a reason,
 * never NaN or Infinity.
 *
 * @example
 * // a snack: list $20, 5 % on invoice, IEPS 8 % ad valorem, IVA 16 %, retailer margin 25 %
 * priceBuildUp({ listPrice: 20, onInvoicePerUnit: 1, product: snack, frontMargin: 0.25 })
 * // invoice 19.00; IEPS 1.52; retailer cost 20.52; shelf before IVA 27.36; IVA 4.3776; consumer 31.7376
 */
import type { ElasticityForm, Product, Text } from './model';

export type TaxProduct = Pick<Product, 'iepsKind' | 'iepsRate' | 'litresPerUnit' | 'ivaRate'>;

/** A price point rule: the consumer price ends in `ending` pesos past a whole peso (0.9 → $x.90). */
export interface PricePoint {
  /** Cents the price ends in, as a fraction of a peso: 0.9 → $x.90; 0.5 → $x.50; 0 → whole pesos. */
  ending: number;
  /** nearest (default), up or down. */
  direction?: 'nearest' | 'up' | 'down';
}

export interface PriceBuildUpInput {
  listPrice: number;
  /** On-invoice discounts per unit (terms and promotional off-invoice allowances), MXN. */
  onInvoicePerUnit: number;
  product: TaxProduct;
  /** Retailer front margin on the shelf price before IVA, fraction (0 ≤ m < 1). */
  frontMargin: number;
  pricePoint?: PricePoint;
}

export interface PriceBuildUp {
  listPrice: number;
  onInvoicePerUnit: number;
  invoicePrice: number;
  ieps: number;
  retailerCost: number;
  /** Front margin applied (after price-point rounding, the margin that results). */
  frontMargin: number;
  /** Retailer's front margin per unit, MXN (shelf before IVA − retailer cost). */
  frontMarginPerUnit: number;
  shelfPriceExIva: number;
  iva: number;
  consumerPrice: number;
  /** Consumer price before price-point rounding. */
  consumerPriceUnrounded: number;
  /** Why the shelf and consumer prices could not be computed (they are then 0 and this says why), else null. */
  undefinedReason: Text | null;
}

/** IEPS per unit on a maker's price: ad valorem × price, or quota × litres per unit. */
export function iepsPerUnit(product: TaxProduct, invoicePrice: number): number {
  switch (product.iepsKind) {
    case 'ad_valorem':
      return product.iepsRate * invoicePrice;
    case 'per_litre':
      return product.iepsRate * product.litresPerUnit;
    case 'none':
      return 0;
  }
}

/** The nearest price ending in `ending` (…9.90 style endings are expressed as 0.9 of a peso). */
export function toPricePoint(price: number, point: PricePoint): number {
  const e = ((point.ending % 1) + 1) % 1;
  const below = Math.floor(price - e) + e;
  const above = below + 1;
  const near = (x: number) => Math.round(x * 100) / 100;
  if (Math.abs(price - near(below)) < 1e-9) return near(below);
  switch (point.direction ?? 'nearest') {
    case 'up':
      return near(above);
    case 'down':
      return near(below);
    default:
      // A tie goes up, like Excel's ROUND (the Prices sheet writes =ROUND(price − ending, 0) + ending).
      return price - below < above - price ? near(below) : near(above);
  }
}

export function priceBuildUp(input: PriceBuildUpInput): PriceBuildUp {
  const { listPrice, onInvoicePerUnit, product } = input;
  const invoicePrice = listPrice - onInvoicePerUnit;
  const ieps = iepsPerUnit(product, invoicePrice);
  const retailerCost = invoicePrice + ieps;
  const m = input.frontMargin;
  if (!(m >= 0 && m < 1)) {
    return {
      listPrice,
      onInvoicePerUnit,
      invoicePrice,
      ieps,
      retailerCost,
      frontMargin: m,
      frontMarginPerUnit: 0,
      shelfPriceExIva: 0,
      iva: 0,
      consumerPrice: 0,
      consumerPriceUnrounded: 0,
      undefinedReason: {
        es: 'el margen frontal del detallista debe ser de al menos 0 % y menor que 100 %',
        en: "the retailer's front margin must be at least 0 % and below 100 %",
      },
    };
  }
  const shelfUnrounded = retailerCost / (1 - m);
  const consumerUnrounded = shelfUnrounded * (1 + product.ivaRate);
  let shelf = shelfUnrounded;
  let consumer = consumerUnrounded;
  if (input.pricePoint) {
    consumer = toPricePoint(consumerUnrounded, input.pricePoint);
    shelf = consumer / (1 + product.ivaRate); // IVA backed out; the retailer's margin absorbs the difference
  }
  const frontMarginPerUnit = shelf - retailerCost;
  return {
    listPrice,
    onInvoicePerUnit,
    invoicePrice,
    ieps,
    retailerCost,
    frontMargin: shelf > 0 ? frontMarginPerUnit / shelf : 0,
    frontMarginPerUnit,
    shelfPriceExIva: shelf,
    iva: consumer - shelf,
    consumerPrice: consumer,
    consumerPriceUnrounded: consumerUnrounded,
    undefinedReason: null,
  };
}

/**
 * Volume factor Q1 ÷ Q0 for a consumer price going from p0 to p1 with own-price elasticity ε (negative):
 * constant: (p1 ÷ p0)^ε; linear: 1 + ε × (p1 ÷ p0 − 1), floored at 0.
 */
export function volumeFactor(p0: number, p1: number, elasticity: number, form: ElasticityForm = 'constant'): number {
  if (!(p0 > 0) || !(p1 > 0)) return 1;
  const ratio = p1 / p0;
  if (form === 'linear') return Math.max(0, 1 + elasticity * (ratio - 1));
  return Math.pow(ratio, elasticity);
}

/**
 * The shopper's new price when the maker's price changes and the retailer passes only part of it on: the shelf
 * moves by pass-through × the change the full build-up would make.
 */
export function passedThrough(consumerBefore: number, consumerFull: number, passThrough: number): number {
  return consumerBefore + passThrough * (consumerFull - consumerBefore);
}

/** Unit bases a competitor price can be quoted on. */
export type { UnitBasis } from './vocabulary';
import type { UnitBasis } from './vocabulary';

/**
 * Price index = own price ÷ competitor price × 100 on the same unit basis (per litre or kg when pack sizes
 * differ). null (with the reason) when a size or the competitor price is missing.
 */
export function priceIndex(
  own: { price: number; litresPerUnit: number; kgPerUnit: number },
  competitor: { price: number; basis: UnitBasis; size?: number },
  basis: UnitBasis,
): { value: number | null; reason: Text | null } {
  const per = (price: number, size: number) => (size > 0 ? price / size : NaN);
  const ownPer = basis === 'unit' ? own.price : per(own.price, basis === 'litre' ? own.litresPerUnit : own.kgPerUnit);
  const compPer =
    competitor.basis === basis
      ? competitor.price
      : competitor.size !== undefined
        ? per(competitor.price, competitor.size)
        : NaN;
  if (!Number.isFinite(ownPer)) {
    return {
      value: null,
      reason: { es: `falta el contenido del empaque propio en ${basis}`, en: `own pack size in ${basis} is missing` },
    };
  }
  if (!(compPer > 0)) {
    return {
      value: null,
      reason: { es: 'falta el precio del competidor o es cero', en: 'the competitor price is missing or zero' },
    };
  }
  const value = (ownPer / compPer) * 100;
  if (!Number.isFinite(value)) {
    // A competitor price so close to zero (1e-320) that the ratio overflows: no index, as with a zero price.
    return {
      value: null,
      reason: {
        es: 'el precio del competidor es tan cercano a cero que el índice no es un número',
        en: 'the competitor price is so close to zero that the index is not a number',
      },
    };
  }
  return { value, reason: null };
}
