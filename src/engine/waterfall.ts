/**
 * Per-unit price waterfall from summed money ÷ summed volume:
 * list − on-invoice = invoice price − off-invoice [− cost-to-serve when placed inside] = pocket price;
 * pocket − COGS = pocket margin; leakage = list − pocket. All NaN when the volume is 0.
 */
import type { CostToServePlacement } from './model';
import type { PnlTotals, Waterfall } from './results';

export function waterfallOf(t: PnlTotals, placement: CostToServePlacement): Waterfall {
  const v = t.volume;
  const per = (x: number) => (v === 0 ? NaN : x / v);
  const inside = placement === 'inside_waterfall';
  const costToServePerUnit = inside ? per(t.costToServe) : v === 0 ? NaN : 0;
  const listPrice = per(t.grossSales);
  const pocketPrice = per(t.netSales - (inside ? t.costToServe : 0));
  const cogsPerUnit = per(t.cogs);
  return {
    listPrice,
    onInvoicePerUnit: per(t.onInvoice),
    invoicePrice: per(t.invoiceSales),
    offInvoicePerUnit: per(t.offInvoice),
    costToServePerUnit,
    pocketPrice,
    cogsPerUnit,
    pocketMargin: pocketPrice - cogsPerUnit,
    leakage: listPrice - pocketPrice,
  };
}
