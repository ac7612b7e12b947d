/**
 * The metric registry: every number the product shows has a stable id, an es-MX and an en label, its formula
 * text in both languages and a unit. Hosts pick number formats by unit; the CLI's --json keys are these ids.
 */
import type { CostToServePlacement, Text } from './model';
import type { PnlTotals } from './results';
import { marginPct, tradeSpend } from './pnl';
import { waterfallOf } from './waterfall';

/** mxn: money; mxn_unit: money per unit; pct: fraction shown as %; units: volume; rate: fraction or MXN per unit. */
export type MetricUnit = 'mxn' | 'mxn_unit' | 'pct' | 'units' | 'rate';
/** pnl and waterfall metrics are computed from PnlTotals (metricValue); term and accrual ones are fields of rows. */
export type MetricGroup = 'pnl' | 'waterfall' | 'term' | 'accrual';

export interface Metric<Id extends string = MetricId> {
  id: Id;
  es: string;
  en: string;
  formula: Text;
  unit: MetricUnit;
  group: MetricGroup;
}

function m<const Id extends string>(
  id: Id,
  es: string,
  en: string,
  fes: string,
  fen: string,
  unit: MetricUnit,
  group: MetricGroup,
): Metric<Id> {
  return { id, es, en, formula: { es: fes, en: fen }, unit, group };
}

const METRIC_LIST = [
  // Customer P&L
  m(
    'volume',
    'Volumen',
    'Volume',
    'volumen real si existe, si no volumen base (plan)',
    'actual volume when present, else baseline (plan) volume',
    'units',
    'pnl',
  ),
  m('gross_sales', 'Venta bruta', 'Gross sales', 'volumen × precio de lista', 'volume × list price', 'mxn', 'pnl'),
  m(
    'on_invoice',
    'Descuentos en factura',
    'On-invoice discounts',
    'Σ términos en factura (% en cascada sobre el precio tras descuentos previos; % sobre lista; $/u; montos fijos asignados)',
    'Σ on-invoice terms (cascading % on the price after earlier discounts; % of list; MXN/unit; allocated lump sums)',
    'mxn',
    'pnl',
  ),
  m(
    'invoice_sales',
    'Venta factura',
    'Invoice sales',
    'venta bruta − descuentos en factura',
    'gross sales − on-invoice discounts',
    'mxn',
    'pnl',
  ),
  m(
    'off_invoice',
    'Gasto fuera de factura',
    'Off-invoice trade spend',
    'Σ términos fuera de factura (bonificaciones, crecimiento, metas, pronto pago, centralización, cuotas...)',
    'Σ off-invoice terms (rebates, growth, targets, prompt payment, DC allowance, fees...)',
    'mxn',
    'pnl',
  ),
  m(
    'trade_spend',
    'Gasto comercial',
    'Trade spend',
    'descuentos en factura + gasto fuera de factura',
    'on-invoice discounts + off-invoice trade spend',
    'mxn',
    'pnl',
  ),
  m(
    'promo_spend',
    'Gasto promocional (incluido en gasto comercial)',
    'Promotional spend (included in trade spend)',
    'Σ apoyos del fabricante a promociones (fuera de factura OI, bill-back, scan-back, montos fijos) + costos fijos de los eventos',
    "Σ maker's promotional funding (off-invoice, bill-back, scan-back, lump sums) + the events' fixed costs",
    'mxn',
    'pnl',
  ),
  m(
    'promo_volume',
    'Volumen promocional neto',
    'Net promotional volume',
    'incremento + compra anticipada − su recompra − baja posterior − canibalización',
    'lift + forward buy − its payback − post-promotion dip − cannibalisation',
    'units',
    'pnl',
  ),
  m(
    'trade_spend_pct',
    'Gasto comercial % de venta bruta',
    'Trade spend % of gross sales',
    'Σ gasto comercial ÷ Σ venta bruta',
    'Σ trade spend ÷ Σ gross sales',
    'pct',
    'pnl',
  ),
  m(
    'net_sales',
    'Venta neta',
    'Net sales',
    'venta factura − gasto fuera de factura',
    'invoice sales − off-invoice trade spend',
    'mxn',
    'pnl',
  ),
  m('cogs', 'Costo de ventas', 'COGS', 'volumen × costo unitario', 'volume × unit cost', 'mxn', 'pnl'),
  m('gross_profit', 'Utilidad bruta', 'Gross profit', 'venta neta − costo de ventas', 'net sales − COGS', 'mxn', 'pnl'),
  m(
    'gross_margin_pct',
    'Margen bruto %',
    'Gross margin %',
    'Σ utilidad bruta ÷ Σ venta neta',
    'Σ gross profit ÷ Σ net sales',
    'pct',
    'pnl',
  ),
  m(
    'cost_to_serve',
    'Costo de servir',
    'Cost-to-serve',
    'Σ renglones de costo de servir + costo financiero de días de crédito',
    'Σ cost-to-serve rows + financing cost of payment days',
    'mxn',
    'pnl',
  ),
  m(
    'financing_cost',
    'Costo financiero de días de crédito (incluido en costo de servir)',
    'Financing cost of payment days (included in cost-to-serve)',
    'venta factura × días de crédito ÷ días del año × costo de capital anual',
    'invoice sales × payment days ÷ days in year × annual cost of capital',
    'mxn',
    'pnl',
  ),
  m(
    'contribution',
    'Contribución del cliente',
    'Customer contribution',
    'utilidad bruta − costo de servir',
    'gross profit − cost-to-serve',
    'mxn',
    'pnl',
  ),
  m(
    'contribution_pct',
    'Contribución % de venta neta',
    'Contribution % of net sales',
    'Σ contribución ÷ Σ venta neta',
    'Σ contribution ÷ Σ net sales',
    'pct',
    'pnl',
  ),
  m(
    'ieps',
    'IEPS',
    'IEPS (excise)',
    'ad valorem: tasa × venta factura; cuota: cuota por litro × volumen × litros por unidad',
    'ad valorem: rate × invoice sales; quota: MXN per litre × volume × litres per unit',
    'mxn',
    'pnl',
  ),
  m(
    'iva',
    'IVA',
    'IVA (VAT)',
    'tasa de IVA × (venta factura + IEPS)',
    'IVA rate × (invoice sales + IEPS)',
    'mxn',
    'pnl',
  ),
  // Price waterfall (per unit)
  m(
    'list_price',
    'Precio de lista',
    'List price',
    'Σ venta bruta ÷ Σ volumen',
    'Σ gross sales ÷ Σ volume',
    'mxn_unit',
    'waterfall',
  ),
  m(
    'on_invoice_per_unit',
    'Descuento en factura por unidad',
    'On-invoice per unit',
    'Σ descuentos en factura ÷ Σ volumen',
    'Σ on-invoice discounts ÷ Σ volume',
    'mxn_unit',
    'waterfall',
  ),
  m(
    'invoice_price',
    'Precio factura',
    'Invoice price',
    'Σ venta factura ÷ Σ volumen',
    'Σ invoice sales ÷ Σ volume',
    'mxn_unit',
    'waterfall',
  ),
  m(
    'off_invoice_per_unit',
    'Fuera de factura por unidad',
    'Off-invoice per unit',
    'Σ gasto fuera de factura ÷ Σ volumen',
    'Σ off-invoice trade spend ÷ Σ volume',
    'mxn_unit',
    'waterfall',
  ),
  m(
    'cost_to_serve_per_unit',
    'Costo de servir por unidad (en cascada)',
    'Cost-to-serve per unit (in waterfall)',
    'Σ costo de servir ÷ Σ volumen si el ajuste lo pone dentro de la cascada; si no 0 (queda abajo, en el P&L)',
    'Σ cost-to-serve ÷ Σ volume when the setting places it inside the waterfall; else 0 (it stays below, in the P&L)',
    'mxn_unit',
    'waterfall',
  ),
  m(
    'pocket_price',
    'Precio de bolsillo (neto neto)',
    'Pocket price (net-net)',
    'precio factura − fuera de factura por unidad − costo de servir por unidad (si va en cascada)',
    'invoice price − off-invoice per unit − cost-to-serve per unit (when inside)',
    'mxn_unit',
    'waterfall',
  ),
  m(
    'cogs_per_unit',
    'Costo unitario',
    'COGS per unit',
    'Σ costo de ventas ÷ Σ volumen',
    'Σ COGS ÷ Σ volume',
    'mxn_unit',
    'waterfall',
  ),
  m(
    'pocket_margin',
    'Margen de bolsillo por unidad',
    'Pocket margin per unit',
    'precio de bolsillo − costo unitario',
    'pocket price − COGS per unit',
    'mxn_unit',
    'waterfall',
  ),
  m(
    'pocket_margin_pct',
    'Margen de bolsillo %',
    'Pocket margin %',
    'margen de bolsillo ÷ precio de bolsillo (margen sobre precio, no markup)',
    'pocket margin ÷ pocket price (margin on price, not markup)',
    'pct',
    'waterfall',
  ),
  m(
    'leakage',
    'Fuga de margen por unidad',
    'Margin leakage per unit',
    'precio de lista − precio de bolsillo',
    'list price − pocket price',
    'mxn_unit',
    'waterfall',
  ),
  m(
    'leakage_pct',
    'Fuga de margen % de lista',
    'Margin leakage % of list',
    'fuga ÷ precio de lista',
    'leakage ÷ list price',
    'pct',
    'waterfall',
  ),
  // Terms
  m(
    'term_amount',
    'Monto del término',
    'Term amount',
    'tasa aplicada × base (o monto fijo), si se cumple la condición; ver la fórmula de cada término',
    "rate applied × basis (or fixed amount) when the condition is met; see each term's formula",
    'mxn',
    'term',
  ),
  m(
    'term_basis',
    'Base del término',
    'Term basis',
    'Σ base en alcance y vigencia (× participación CEDIS en centralización; excedente sobre la referencia en crecimiento sobre excedente; Σ llave de asignación en montos fijos)',
    'Σ basis in scope and span (× DC share for centralización; excess over the reference for growth on the excess; Σ allocation key for fixed amounts)',
    'rate',
    'term',
  ),
  m(
    'term_measure',
    'Medida del término',
    'Term measure',
    'medida de escalones/meta sobre toda la vigencia y alcance (volumen, venta, crecimiento = actual ÷ referencia − 1)',
    'tier/target measure over the whole span and scope (volume, sales, growth = current ÷ reference − 1)',
    'rate',
    'term',
  ),
  m('effective_rate', 'Tasa efectiva', 'Effective rate', 'monto ÷ base', 'amount ÷ basis', 'rate', 'term'),
  // Accruals
  m(
    'ytd_measure',
    'Medida acumulada del año',
    'Year-to-date measure',
    'Σ medida de los periodos de la vigencia hasta el periodo',
    "Σ measure of the span's periods up to the period",
    'rate',
    'accrual',
  ),
  m(
    'tier_measure_used',
    'Medida para el escalón',
    'Measure used for the tier',
    'pronóstico al cierre (real a la fecha + plan restante) o acumulado a la fecha, según la política',
    'year-end forecast (actual to date + remaining plan) or year to date, per the policy',
    'rate',
    'accrual',
  ),
  m(
    'accrual_effective_rate',
    'Tasa de provisión',
    'Accrual rate',
    'provisión acumulada ÷ base acumulada (pronóstico: monto pronosticado ÷ base pronosticada)',
    'cumulative accrual ÷ YTD basis (forecast: forecast amount ÷ forecast basis)',
    'rate',
    'accrual',
  ),
  m(
    'cumulative_accrual',
    'Provisión acumulada',
    'Cumulative accrual',
    'a la fecha: monto del término sobre medida y base acumuladas; pronóstico: (monto pronosticado ÷ base pronosticada) × base acumulada',
    'so far: term money on the year-to-date measure and basis; forecast: (forecast amount ÷ forecast basis) × year-to-date basis',
    'mxn',
    'accrual',
  ),
  m(
    'accrual',
    'Provisión del periodo',
    'Period accrual',
    'provisión acumulada − provisión acumulada del periodo anterior',
    'cumulative accrual − previous cumulative accrual',
    'mxn',
    'accrual',
  ),
  m(
    'run_rate',
    'Provisión a tasa vigente',
    'Run-rate accrual',
    'tasa efectiva del periodo anterior × base del periodo',
    "previous period's effective rate × period basis",
    'mxn',
    'accrual',
  ),
  m(
    'true_up',
    'Ajuste por cambio de escalón',
    'True-up',
    'provisión del periodo − provisión a tasa vigente',
    'period accrual − run-rate accrual',
    'mxn',
    'accrual',
  ),
] as const;

/** Every metric id, as a union: a misspelt id does not compile. */
export type MetricId = (typeof METRIC_LIST)[number]['id'];
export const METRICS: readonly Metric[] = METRIC_LIST;

export const METRIC_BY_ID: ReadonlyMap<MetricId, Metric> = new Map(METRICS.map((x) => [x.id, x]));

/** Value of a pnl or waterfall metric for any group of lines' totals (ratios from summed money). */
export function metricValue(id: MetricId, t: PnlTotals, placement: CostToServePlacement): number {
  switch (id) {
    case 'volume':
      return t.volume;
    case 'gross_sales':
      return t.grossSales;
    case 'on_invoice':
      return t.onInvoice;
    case 'invoice_sales':
      return t.invoiceSales;
    case 'off_invoice':
      return t.offInvoice;
    case 'trade_spend':
      return tradeSpend(t);
    case 'promo_spend':
      return t.promoSpend;
    case 'promo_volume':
      return t.promoVolume;
    case 'trade_spend_pct':
      return marginPct(tradeSpend(t), t.grossSales);
    case 'net_sales':
      return t.netSales;
    case 'cogs':
      return t.cogs;
    case 'gross_profit':
      return t.grossProfit;
    case 'gross_margin_pct':
      return marginPct(t.grossProfit, t.netSales);
    case 'cost_to_serve':
      return t.costToServe;
    case 'financing_cost':
      return t.financingCost;
    case 'contribution':
      return t.contribution;
    case 'contribution_pct':
      return marginPct(t.contribution, t.netSales);
    case 'ieps':
      return t.ieps;
    case 'iva':
      return t.iva;
  }
  const w = waterfallOf(t, placement);
  switch (id) {
    case 'list_price':
      return w.listPrice;
    case 'on_invoice_per_unit':
      return w.onInvoicePerUnit;
    case 'invoice_price':
      return w.invoicePrice;
    case 'off_invoice_per_unit':
      return w.offInvoicePerUnit;
    case 'cost_to_serve_per_unit':
      return w.costToServePerUnit;
    case 'pocket_price':
      return w.pocketPrice;
    case 'cogs_per_unit':
      return w.cogsPerUnit;
    case 'pocket_margin':
      return w.pocketMargin;
    case 'pocket_margin_pct':
      return marginPct(w.pocketMargin, w.pocketPrice);
    case 'leakage':
      return w.leakage;
    case 'leakage_pct':
      return marginPct(w.leakage, w.listPrice);
  }
  throw new Error(
    `La métrica "${id}" no se calcula desde totales del P&L. / Metric "${id}" is not computed from P&L totals.`,
  );
}
