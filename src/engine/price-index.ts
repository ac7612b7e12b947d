/**
 * The shelf price a customer's shoppers see for one SKU over the year, built from the P&L's money (volume-weighted:
 * list, on-invoice, IEPS per unit) and the retailer's front margin, rounded to the price ending; and the price index
 * against the latest competitor price. One place for the Prices sheet and the price-index guardrail.
 *
 * @example
 * const s = shelfPriceOf(model, 'WMX', j, totals); // { list, invoice, cost, consumer, shelf, … }
 * customerPriceIndex(model, results, 0); // 104.2: volume-weighted over the SKUs with a competitor price
 */
import type { CompetitorPrice, Model, UnitBasis } from './model';
import type { ModelResults, PnlTotals } from './results';
import { priceIndex, toPricePoint } from './price-buildup';
import { frontMarginOf } from './pricing';

export interface ShelfPrice {
  list: number;
  onInvoice: number;
  invoice: number;
  ieps: number;
  /** Retailer's cost per unit = invoice price + IEPS per unit. */
  cost: number;
  frontMargin: number;
  /** cost ÷ (1 − front margin) × (1 + IVA). */
  unrounded: number;
  /** The consumer price at its price point (Settings' price ending), IVA included. */
  consumer: number;
  shelf: number;
}

export function shelfPriceOf(model: Model, customerId: string, j: number, t: PnlTotals): ShelfPrice {
  const product = model.products[j];
  const list = t.grossSales / t.volume;
  const onInvoice = t.onInvoice / t.volume;
  const invoice = t.invoiceSales / t.volume;
  const ieps = t.ieps / t.volume; // the P&L's tax layer: ad valorem × invoice price, or quota × litres
  const frontMargin = frontMarginOf(model, customerId, j);
  const cost = invoice + ieps;
  const unrounded = (cost / (1 - frontMargin)) * (1 + product.ivaRate);
  // Price point: the consumer price rounded to its ending, IVA backed out, the retailer's margin absorbs it.
  const ending = model.settings.pricePointEnding;
  const consumer = ending === null ? unrounded : toPricePoint(unrounded, { ending });
  return {
    list,
    onInvoice,
    invoice,
    ieps,
    cost,
    frontMargin,
    unrounded,
    consumer,
    shelf: consumer / (1 + product.ivaRate),
  };
}

/**
 * The competitor rows of each SKU, in table order, kept per CompetitorPrices table (a model never changes in place): a
 * price index over a customer's thousands of SKUs looks each up instead of filtering the whole table per SKU.
 */
const rowsBySku = new WeakMap<readonly CompetitorPrice[], Map<string, CompetitorPrice[]>>();
const NO_ROWS: readonly CompetitorPrice[] = [];
function competitorRowsBySku(model: Model): Map<string, CompetitorPrice[]> {
  const table = model.competitorPrices ?? NO_ROWS;
  let map = rowsBySku.get(table);
  if (!map) {
    map = new Map();
    for (const p of table) {
      const list = map.get(p.sku);
      if (list) list.push(p);
      else map.set(p.sku, [p]);
    }
    rowsBySku.set(table, map);
  }
  return map;
}

/** The competitor price for a customer × SKU: the customer's own rows before the all-customer ones, latest first. */
export function latestCompetitor(model: Model, customerId: string, sku: string): CompetitorPrice | undefined {
  const rows = (competitorRowsBySku(model).get(sku) ?? []).filter(
    (p) => p.customerId === customerId || p.customerId === '',
  );
  rows.sort((x, y) => (x.customerId === y.customerId ? (x.date < y.date ? 1 : -1) : x.customerId === '' ? 1 : -1));
  return rows[0];
}

/** Own consumer price against the latest competitor price, ×100 (null without a competitor price or a size). */
export function competitorIndexOf(
  model: Model,
  customerId: string,
  j: number,
  consumer: number,
): { competitor: CompetitorPrice | undefined; index: number | null } {
  const product = model.products[j];
  const comp = latestCompetitor(model, customerId, product.sku);
  if (!comp) return { competitor: undefined, index: null };
  // A competitor quoted per unit with a size is compared per litre (or kg) of our own pack.
  const basis: UnitBasis =
    comp.unitBasis !== 'unit'
      ? comp.unitBasis
      : comp.size !== null
        ? product.litresPerUnit > 0
          ? 'litre'
          : 'kg'
        : 'unit';
  const index = priceIndex(
    { price: consumer, litresPerUnit: product.litresPerUnit, kgPerUnit: product.kgPerUnit },
    { price: comp.price, basis: comp.unitBasis, size: comp.size ?? undefined },
    basis,
  ).value;
  return { competitor: comp, index };
}

/**
 * A customer's price index: the SKUs' indexes weighted by their volume, over the SKUs that have one (null when
 * none has a competitor price, or the weighted sum overflows).
 */
export function customerPriceIndex(model: Model, results: ModelResults, customerIndex: number): number | null {
  const c = model.customers[customerIndex];
  let weighted = 0;
  let volume = 0;
  for (const [j, t] of results.customers[customerIndex].byProduct) {
    if (!(t.volume > 0)) continue;
    // No competitor price: no index (the shelf price is not worth building).
    if (!latestCompetitor(model, c.id, model.products[j].sku)) continue;
    const { index } = competitorIndexOf(model, c.id, j, shelfPriceOf(model, c.id, j, t).consumer);
    if (index === null) continue;
    weighted += index * t.volume;
    volume += t.volume;
  }
  const index = weighted / volume;
  return volume > 0 && Number.isFinite(index) ? index : null;
}
