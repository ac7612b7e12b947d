/**
 * Names and fixed texts of the results: sheet names (both languages), Excel table names, column labels, the level
 * values that tell detail rows from totals, and the run context every sheet reads.
 */
import type { Lang, Negotiation, Text } from '../../engine';
import type { ContractError } from '../contract/errors';
import type { EnumValue } from '../contract/specs';
import type { SourceInfo } from '../port';

export type ResultSheetId =
  | 'pnl'
  | 'waterfall'
  | 'waterfall_chart'
  | 'spend'
  | 'accruals'
  | 'promotions'
  | 'prices'
  | 'retailer'
  | 'findings'
  | 'run_info'
  | 'scenarios'
  | 'give_get'
  | 'walk_away';

/** Result sheet names in both languages (≤ 31 chars), so hosts can find and replace a previous run's sheets. */
export const RESULT_SHEET_NAMES: Record<ResultSheetId, Text> = {
  pnl: { es: 'TT P&L cliente', en: 'TT Customer P&L' },
  waterfall: { es: 'TT Cascada', en: 'TT Waterfall' },
  waterfall_chart: { es: 'TT Cascada gráfica', en: 'TT Waterfall chart' },
  spend: { es: 'TT Gasto por término', en: 'TT Spend by term' },
  accruals: { es: 'TT Provisiones', en: 'TT Accruals' },
  promotions: { es: 'TT Promociones', en: 'TT Promotions' },
  prices: { es: 'TT Precios', en: 'TT Prices' },
  retailer: { es: 'TT Vista del detallista', en: 'TT Retailer view' },
  findings: { es: 'TT Hallazgos', en: 'TT Findings' },
  run_info: { es: 'TT Info corrida', en: 'TT Run info' },
  scenarios: { es: 'TT Escenarios', en: 'TT Scenarios' },
  give_get: { es: 'TT Dar y recibir', en: 'TT Give and get' },
  walk_away: { es: 'TT Punto de retiro', en: 'TT Walk-away' },
};

/**
 * The two summaries of each negotiated customer, one sheet each (≤ 31 chars with the customer id): the internal
 * negotiation summary and the customer-facing proposal letter. Their roles carry the customer id.
 */
export const SUMMARY_SHEETS = {
  summary: { es: 'TT Resumen ', en: 'TT Summary ' },
  letter: { es: 'TT Carta ', en: 'TT Letter ' },
} satisfies Record<string, Text>;

/** Excel table names of the results (language-neutral, stable between runs). */
export const RESULT_TABLE_NAMES = {
  pnl: 'ttm_CustomerPnl',
  waterfall: 'ttm_Waterfall',
  spend: 'ttm_SpendByTerm',
  accruals: 'ttm_Accruals',
  promotions: 'ttm_Promotions',
  prices: 'ttm_Prices',
  retailer: 'ttm_RetailerView',
  findings: 'ttm_Findings',
  runInfo: 'ttm_RunInfo',
  /** Per negotiated customer (1-based position in Customers). */
  scenarios: (c: number) => `ttm_Scenarios_C${c}`,
  scenarioChart: (c: number) => `ttm_ScenarioChart_C${c}`,
  scenarioSteps: (c: number, s: number) => `ttm_ScenarioSteps_C${c}_S${s}`,
  giveGet: 'ttm_GiveGet',
  walkAway: 'ttm_WalkAway',
  summary: (c: number, part: string) => `ttm_Summary_C${c}_${part}`,
  letter: (c: number, part: string) => `ttm_Letter_C${c}_${part}`,
  /** Per customer (1-based position in Customers) or the portfolio: ttm_Steps_C1, ttm_Steps_Portfolio. */
  steps: (customerPosition: number | 'portfolio') =>
    customerPosition === 'portfolio' ? 'ttm_Steps_Portfolio' : `ttm_Steps_C${customerPosition}`,
};

/** Native charts are heavy in Excel: the portfolio and the first customers get one, every customer gets the data. */
export const MAX_WATERFALL_CHARTS = 25;

export const LABELS = {
  level: { es: 'Nivel', en: 'Level' },
  customer_id: { es: 'Cliente', en: 'Customer' },
  customer_name: { es: 'Nombre del cliente', en: 'Customer name' },
  sku: { es: 'SKU', en: 'SKU' },
  description: { es: 'Descripción', en: 'Description' },
  term_id: { es: 'Término', en: 'Term' },
  kind: { es: 'Tipo', en: 'Kind' },
  invoice_side: { es: 'En / fuera de factura', en: 'On / off invoice' },
  basis: { es: 'Base', en: 'Basis' },
  customer_gross_sales: { es: 'Venta bruta del cliente', en: 'Customer gross sales' },
  pct_of_customer_gross: { es: 'Monto % de venta bruta del cliente', en: 'Amount % of customer gross sales' },
  condition_met: { es: 'Condición cumplida', en: 'Condition met' },
  agreed_date: { es: 'Fecha de acuerdo', en: 'Agreed date' },
  evidence: { es: 'Evidencia', en: 'Evidence' },
  formula: { es: 'Fórmula aplicada', en: 'Formula applied' },
  period: { es: 'Periodo', en: 'Period' },
  policy: { es: 'Política de escalón interino', en: 'Interim-tier policy' },
  policy_selected: { es: 'Política elegida en Parámetros', en: 'Policy selected in Settings' },
  measure: { es: 'Medida', en: 'Measure' },
  severity: { es: 'Severidad', en: 'Severity' },
  code: { es: 'Código', en: 'Code' },
  message: { es: 'Mensaje', en: 'Message' },
  step: { es: 'Paso', en: 'Step' },
  step_value: { es: 'MXN por unidad', en: 'MXN per unit' },
  is_total: { es: 'Es subtotal', en: 'Is subtotal' },
  key: { es: 'Clave', en: 'Key' },
  // promotions
  promotion_id: { es: 'Promoción', en: 'Promotion' },
  mechanics: { es: 'Mecánica', en: 'Mechanic' },
  funding: { es: 'Financiamiento', en: 'Funding' },
  buy_window: { es: 'Ventana de compra', en: 'Buy window' },
  in_store_window: { es: 'Ventana en tienda', en: 'In-store window' },
  baseline_units: { es: 'Base en tienda (u)', en: 'Baseline in store (u)' },
  uplift_pct: { es: 'Incremento %', en: 'Uplift %' },
  lift_units: { es: 'Incremento (u)', en: 'Lift (u)' },
  forward_buy_units: { es: 'Compra anticipada (u)', en: 'Forward buy (u)' },
  dip_units: { es: 'Baja posterior (u)', en: 'Post-promotion dip (u)' },
  cannibalised_units: { es: 'Canibalizado (u)', en: 'Cannibalised (u)' },
  incremental_units: { es: 'Unidades incrementales', en: 'Incremental units' },
  spend_off_invoice: { es: 'Inversión fuera de factura (OI)', en: 'Spend off-invoice' },
  spend_bill_back: { es: 'Inversión bill-back', en: 'Spend bill-back' },
  spend_scan_back: { es: 'Inversión scan-back', en: 'Spend scan-back' },
  spend_lump_sum: { es: 'Inversión monto fijo', en: 'Spend lump sum' },
  spend_fixed: { es: 'Costos fijos', en: 'Fixed costs' },
  spend_total: { es: 'Inversión del fabricante', en: 'Maker spend' },
  retailer_funding: { es: 'Aporte del detallista', en: 'Retailer funding' },
  incremental_profit: { es: 'Utilidad incremental', en: 'Incremental profit' },
  roi_gross: { es: 'ROI bruto', en: 'Gross ROI' },
  roi_net: { es: 'ROI neto', en: 'Net ROI' },
  cost_per_incremental_unit: { es: 'Costo por unidad incremental', en: 'Cost per incremental unit' },
  break_even_uplift: { es: 'Incremento de equilibrio', en: 'Break-even uplift' },
  break_even_price_cut: { es: 'Equilibrio D ÷ (M − D)', en: 'Break-even D ÷ (M − D)' },
  terms_effect: { es: 'Efecto en otros términos', en: 'Effect on other terms' },
  full_cost: { es: 'Costo total', en: 'Full cost' },
  roi_full_cost: { es: 'ROI sobre costo total', en: 'ROI on full cost' },
  retailer_margin_promo: { es: 'Margen del detallista en promoción', en: 'Retailer margin on promotion' },
  notes: { es: 'Notas', en: 'Notes' },
  // prices
  volume: { es: 'Volumen', en: 'Volume' },
  list_price: { es: 'Precio de lista', en: 'List price' },
  on_invoice_per_unit: { es: 'Descuento en factura por unidad', en: 'On-invoice per unit' },
  invoice_price: { es: 'Precio factura', en: 'Invoice price' },
  ieps_per_unit: { es: 'IEPS por unidad', en: 'IEPS per unit' },
  retailer_cost: { es: 'Costo del detallista', en: 'Retailer cost' },
  front_margin: { es: 'Margen frontal (sobre precio)', en: 'Front margin (on price)' },
  shelf_ex_iva: { es: 'Anaquel sin IVA', en: 'Shelf before IVA' },
  iva_rate: { es: 'Tasa de IVA', en: 'IVA rate' },
  iva_per_unit: { es: 'IVA por unidad', en: 'IVA per unit' },
  consumer_price: { es: 'Precio al consumidor', en: 'Consumer price' },
  consumer_unrounded: { es: 'Precio al consumidor sin redondear', en: 'Consumer price before rounding' },
  front_margin_applied: { es: 'Margen frontal resultante', en: 'Resulting front margin' },
  front_margin_per_unit: { es: 'Margen frontal por unidad', en: 'Front margin per unit' },
  competitor: { es: 'Competidor', en: 'Competitor' },
  price_index: { es: 'Índice de precio', en: 'Price index' },
  ieps_total: { es: 'IEPS (venta del fabricante)', en: "IEPS (maker's sale)" },
  // retailer view
  retailer_purchases: { es: 'Compras del detallista a costo', en: "Retailer's purchases at cost" },
  retailer_regular_sales: { es: 'Ventas a precio de anaquel regular', en: 'Sales at regular shelf price' },
  retailer_promo_discount: { es: 'Descuento de las promociones en anaquel', en: 'Promotional discount at the shelf' },
  retailer_sales: { es: 'Ventas del detallista (sin IVA)', en: "Retailer's sales (before IVA)" },
  retailer_front: { es: 'Margen frontal', en: 'Front margin' },
  retailer_back: { es: 'Margen trasero (nuestro dinero fuera de factura)', en: 'Back margin (our off-invoice money)' },
  retailer_total: { es: 'Margen total', en: 'Total margin' },
  retailer_front_pct: { es: 'Margen frontal %', en: 'Front margin %' },
  retailer_back_pct: { es: 'Margen trasero %', en: 'Back margin %' },
  retailer_total_pct: { es: 'Margen total %', en: 'Total margin %' },
  iva_total: { es: 'IVA (venta del fabricante)', en: "IVA (maker's sale)" },
  item: { es: 'Concepto', en: 'Item' },
  value: { es: 'Valor', en: 'Value' },
  // scenarios
  scenario_id: { es: 'Escenario', en: 'Scenario' },
  scenario_kind: { es: 'Tipo', en: 'Kind' },
  scenario_status: { es: 'Estatus', en: 'Status' },
  metric: { es: 'Métrica', en: 'Metric' },
  metric_id: { es: 'Clave de métrica', en: 'Metric key' },
  party: { es: 'Parte', en: 'Party' },
  base: { es: 'Base', en: 'Base' },
  lever_no: { es: 'Núm.', en: 'No.' },
  lever: { es: 'Palanca', en: 'Lever' },
  maker_mxn: { es: 'Fabricante (MXN)', en: 'Maker (MXN)' },
  retailer_mxn: { es: 'Detallista (MXN)', en: 'Retailer (MXN)' },
  maker_pct_net: { es: 'Fabricante % venta neta', en: 'Maker % of net sales' },
  retailer_pct_net: { es: 'Detallista % venta neta', en: 'Retailer % of net sales' },
  guardrail: { es: 'Barrera', en: 'Guardrail' },
  limit: { es: 'Límite', en: 'Limit' },
  current_value: { es: 'Valor actual', en: 'Current value' },
  walk_away_value: { es: 'Punto de retiro', en: 'Walk-away' },
  room: { es: 'Margen de maniobra', en: 'Room' },
  crossing_kind: { es: 'Tipo de cruce', en: 'Crossing' },
  other_crossings: { es: 'Otros cruces', en: 'Other crossings' },
  status: { es: 'Resultado', en: 'Result' },
  sentence: { es: 'En palabras', en: 'In words' },
  roi: { es: 'ROI', en: 'ROI' },
} satisfies Record<string, Text>;

/** First-column values that tell detail rows from totals (also the SUMIF criteria of portfolio rows). */
export const LEVELS = {
  sku: { es: 'SKU', en: 'SKU' },
  term: { es: 'Término', en: 'Term' },
  customerTotal: { es: 'Total cliente', en: 'Customer total' },
  portfolioTotal: { es: 'Total portafolio', en: 'Portfolio total' },
} satisfies Record<string, Text>;

export const YES: Text = { es: 'Sí', en: 'Yes' };
export const NO: Text = { es: 'No', en: 'No' };

export function enumLabel(values: readonly EnumValue[], id: string, lang: Lang): string {
  return values.find((v) => v.id === id)?.[lang] ?? id;
}

/** What a run tells the layout besides the model and its results. */
export interface ResultsContext {
  lang: Lang;
  source: SourceInfo;
  runAt: Date;
  scenarioNote?: string;
  /** Version of the engine/app that computed the results (the CLI passes package.json's). */
  engineVersion?: string;
  /** Only these scenarios (CLI --scenario); default every scenario of the workbook. */
  scenarioIds?: readonly string[];
  /** The negotiations already computed for this run (negotiationsOf), so they are not computed twice. */
  negotiations?: readonly Negotiation[];
  /** The input workbook's warnings (hidden rows, values typed below a table…), listed on the findings sheet. */
  inputWarnings?: readonly ContractError[];
}
