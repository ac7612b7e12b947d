/**
 * The retailer's view of a customer's business with us: its P&L on our products, so both sides of a negotiation
 * are on the table.
 *
 *   purchases at cost = invoice sales + IEPS          (what the retailer pays us; IVA is creditable, so left out)
 *   sales             = Σ volume × regular shelf price before IVA − what the deals give up at the shelf
 *                       (regular shelf = cost before deal allowances ÷ (1 − front margin), per customer × SKU)
 *   front margin      = sales − purchases at cost
 *   back margin       = our off-invoice money to the retailer (rebates, fees, bill-backs, scan-backs, lump sums)
 *   total margin      = front + back; each also as % of sales
 * Percentages of nothing are null with a reason, never NaN.
 *
 * @example
 * retailerPnl(model, results)[0] // { customerId: 'WMX', purchases, sales, front, back, total, totalPct, … }
 */
import type { Model, Text } from './model';
import type { ModelResults } from './results';
import { frontMarginsOf } from './pricing';

export interface RetailerPnl {
  customerId: string;
  purchases: number;
  /** Shelf sales before the deals' shelf discounts. */
  regularSales: number;
  /** Shelf sales given up at the deals (promotions' shelf depth × shelf price × units sold in store). */
  promotionalDiscount: number;
  sales: number;
  front: number;
  back: number;
  total: number;
  frontPct: number | null;
  backPct: number | null;
  totalPct: number | null;
  /** Why the percentages are null (no sales), else null. */
  reason: Text | null;
}

export function retailerPnl(model: Model, results: ModelResults): RetailerPnl[] {
  return model.customers.map((_, ci) => retailerPnlOf(model, results, ci));
}

/** retailerPnl of one customer (index into model.customers): what a scenario's view needs, without the others. */
export function retailerPnlOf(model: Model, results: ModelResults, ci: number): RetailerPnl {
  {
    const c = model.customers[ci];
    const cr = results.customers[ci];
    let purchases = 0;
    let regularSales = 0;
    const margins = frontMarginsOf(model, c.id, model.products.length);
    for (const [j, t] of cr.byProduct) {
      purchases += t.invoiceSales + t.ieps;
      // The regular shelf price comes from the regular cost: before the deals' off-invoice allowances, which the
      // retailer keeps (they lower its purchases) while the shelf discount it gives is counted below.
      regularSales += (t.invoiceSales + t.promoOnInvoice + t.ieps) / (1 - margins[j]);
    }
    let promotionalDiscount = 0;
    for (const e of results.promotions ?? []) if (e.customerId === c.id) promotionalDiscount += e.shelfDiscount;
    const sales = regularSales - promotionalDiscount;
    const front = sales - purchases;
    const back = cr.totals.offInvoice;
    const total = front + back;
    // Sales so small (1e-320) that a margin over them overflows are as good as none: null with the same reason.
    const defined = sales > 0 && [front, back, total].every((x) => Number.isFinite(x / sales));
    const pct = (x: number) => (defined ? x / sales : null);
    return {
      customerId: c.id,
      purchases,
      regularSales,
      promotionalDiscount,
      sales,
      front,
      back,
      total,
      frontPct: pct(front),
      backPct: pct(back),
      totalPct: pct(total),
      reason: defined ? null : { es: 'sin ventas del detallista', en: 'no retailer sales' },
    };
  }
}
