/**
 * Per-unit price waterfall from summed money ÷ summed volume:
 * list − on-invoice = invoice price − off-invoice [− cost-to-serve when placed inside] = pocket price;
 * pocket − COGS = pocket margin; leakage = list − pocket. All NaN when the volume is 0 (or too small to divide by).
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
  const w: Waterfall = {
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
  // A volume so small (1e-320 units) that money ÷ volume overflows is no volume to price: all NaN, never Infinity.
  return Object.values(w).every((x) => x === x && Number.isFinite(x)) ? w : noVolume(w);
}

function noVolume(w: Waterfall): Waterfall {
  for (const k of Object.keys(w) as (keyof Waterfall)[]) w[k] = NaN;
  return w;
}
