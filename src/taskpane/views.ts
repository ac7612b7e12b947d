/**
 * What the pane shows for a customer, as plain data built from the engine's results: KPI cards, waterfall steps
 * and P&L rows, with labels and formulas from the engine's METRICS registry (the same texts the result sheets use).
 */
import { METRIC_BY_ID, metricValue, type CostToServePlacement, type Lang } from '../engine';
import type { CustomerResult, PnlTotals } from '../engine/results';
import type { Kpi } from './components/KpiCards';
import type { PnlRow } from './components/PnlSummary';
import type { WaterfallStep } from './components/WaterfallChart';
import { formatters } from './format';
import type { Texts } from './i18n';

function metric(id: string) {
  const m = METRIC_BY_ID.get(id);
  if (!m) throw new Error(`Unknown metric ${id}`);
  return m;
}

/** The five KPIs of issue 3: gross sales, trade spend % of gross, net sales, gross margin %, contribution %. */
export const KPI_IDS = ['gross_sales', 'trade_spend_pct', 'net_sales', 'gross_margin_pct', 'contribution_pct'] as const;

export function kpisOf(totals: PnlTotals, placement: CostToServePlacement, lang: Lang): Kpi[] {
  const f = formatters(lang);
  return KPI_IDS.map((id) => {
    const m = metric(id);
    const v = metricValue(id, totals, placement);
    return { id, label: m[lang], value: m.unit === 'pct' ? f.pct(v) : f.money(v), raw: v, formula: m.formula[lang] };
  });
}

/**
 * list → on-invoice → invoice → off-invoice → (cost-to-serve, when the setting puts it inside) → pocket → COGS →
 * pocket margin, per unit.
 */
export function waterfallStepsOf(result: CustomerResult, placement: CostToServePlacement, t: Texts): WaterfallStep[] {
  const w = result.waterfall;
  const steps: WaterfallStep[] = [
    { id: 'list_price', label: t.steps.list, value: w.listPrice, kind: 'total' },
    { id: 'on_invoice_per_unit', label: t.steps.onInvoice, value: -w.onInvoicePerUnit, kind: 'delta' },
    { id: 'invoice_price', label: t.steps.invoice, value: w.invoicePrice, kind: 'total' },
    { id: 'off_invoice_per_unit', label: t.steps.offInvoice, value: -w.offInvoicePerUnit, kind: 'delta' },
  ];
  if (placement === 'inside_waterfall') {
    steps.push({ id: 'cost_to_serve_per_unit', label: t.steps.costToServe, value: -w.costToServePerUnit, kind: 'delta' });
  }
  steps.push(
    { id: 'pocket_price', label: t.steps.pocket, value: w.pocketPrice, kind: 'total' },
    { id: 'cogs_per_unit', label: t.steps.cogs, value: -w.cogsPerUnit, kind: 'delta' },
    { id: 'pocket_margin', label: t.steps.pocketMargin, value: w.pocketMargin, kind: 'total' },
  );
  return steps;
}

const PNL_LINES: { id: string; subtotal: boolean; sign: 1 | -1 }[] = [
  { id: 'gross_sales', subtotal: true, sign: 1 },
  { id: 'on_invoice', subtotal: false, sign: -1 },
  { id: 'invoice_sales', subtotal: true, sign: 1 },
  { id: 'off_invoice', subtotal: false, sign: -1 },
  { id: 'net_sales', subtotal: true, sign: 1 },
  { id: 'cogs', subtotal: false, sign: -1 },
  { id: 'gross_profit', subtotal: true, sign: 1 },
  { id: 'cost_to_serve', subtotal: false, sign: -1 },
  { id: 'contribution', subtotal: true, sign: 1 },
];

/** Deductions shown negative; every share is the line's money ÷ the customer's summed gross sales. */
export function pnlRowsOf(totals: PnlTotals, placement: CostToServePlacement, lang: Lang): PnlRow[] {
  const f = formatters(lang);
  return PNL_LINES.map(({ id, subtotal, sign }) => {
    const amount = sign * metricValue(id, totals, placement);
    return {
      id,
      label: metric(id)[lang],
      amount: f.money(amount),
      pctOfGross: totals.grossSales !== 0 ? f.pct(amount / totals.grossSales) : '—',
      subtotal,
    };
  });
}
