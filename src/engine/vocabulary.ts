/**
 * The trade's vocabulary, declared once: every domain list is a constant array of words (id, es-MX and en label,
 * other accepted spellings), and its type is derived from the array. The workbook contract (allowed values and
 * their spellings), the result sheets, the pane, the CLI and the docs all take their labels from here, so a word
 * reads the same everywhere.
 *
 * Labels are written as they appear in a cell (lower case except proper nouns and acronyms); `labelOf(…,
 * { sentence: true })` capitalises the first letter for a title.
 *
 * @example
 * labelOf(CHANNELS, 'modern', 'es') // 'moderno'
 * labelOf(MEASURES, 'growth', 'en', { sentence: true }) // 'Growth'
 */
import type { Lang, Text } from './text';

/** One word of a domain list. */
export interface Word<Id extends string = string> {
  readonly id: Id;
  readonly es: string;
  readonly en: string;
  /** Other spellings accepted when reading a workbook (matching folds case, accents, spaces and punctuation). */
  readonly aliases?: readonly string[];
}

/** The ids of a word list, as a union type. */
export type IdOf<W extends readonly Word[]> = W[number]['id'];

/** Ids of a word list, in its order. */
export function idsOf<const W extends readonly Word[]>(words: W): readonly IdOf<W>[] {
  return words.map((w) => w.id as IdOf<W>);
}

/** Finds a word by id; throws on an id the list does not hold (ids are typed, so that is a programming error). */
export function wordOf<W extends readonly Word[]>(words: W, id: IdOf<W>): W[number] {
  const w = words.find((x) => x.id === id);
  if (!w) throw new Error(`"${id}" is not in this word list`);
  return w;
}

/** A word's label in a language; `sentence` capitalises the first letter (titles, pane cards). */
export function labelOf<W extends readonly Word[]>(
  words: W,
  id: IdOf<W>,
  lang: Lang,
  options: { sentence?: boolean } = {},
): string {
  const s = wordOf(words, id)[lang];
  return options.sentence ? s.charAt(0).toLocaleUpperCase(lang === 'es' ? 'es-MX' : 'en') + s.slice(1) : s;
}

/** Both labels of a word. */
export function textOf<W extends readonly Word[]>(words: W, id: IdOf<W>): Text {
  const w = wordOf(words, id);
  return { es: w.es, en: w.en };
}

// ---------------------------------------------------------------- customers and products

export const CHANNELS = [
  { id: 'modern', es: 'moderno', en: 'modern', aliases: ['canal moderno', 'autoservicio', 'modern trade'] },
  {
    id: 'convenience',
    es: 'conveniencia',
    en: 'convenience',
    aliases: ['tiendas de conveniencia', 'convenience store'],
  },
  { id: 'ecommerce', es: 'e-commerce', en: 'e-commerce', aliases: ['comercio electrónico', 'en línea', 'online'] },
  { id: 'wholesale', es: 'mayoreo', en: 'wholesale', aliases: ['mayorista', 'mayoristas'] },
  { id: 'traditional', es: 'tradicional', en: 'traditional', aliases: ['canal tradicional', 'abarrotes'] },
] as const satisfies readonly Word[];
export type Channel = IdOf<typeof CHANNELS>;

export const IEPS_KINDS = [
  { id: 'none', es: 'sin IEPS', en: 'none', aliases: ['ninguno', 'no aplica', 'exento', 'no'] },
  { id: 'ad_valorem', es: 'ad valorem', en: 'ad valorem', aliases: ['tasa', 'porcentaje', 'percentage'] },
  { id: 'per_litre', es: 'cuota por litro', en: 'per litre', aliases: ['por litro', 'cuota', 'per liter'] },
] as const satisfies readonly Word[];
export type IepsKind = IdOf<typeof IEPS_KINDS>;

// ---------------------------------------------------------------- terms

const GROSS = {
  id: 'gross_sales',
  es: 'venta bruta',
  en: 'gross sales',
  aliases: ['ventas brutas', 'venta de lista'],
} as const;
const INVOICE = {
  id: 'invoice_sales',
  es: 'venta factura',
  en: 'invoice sales',
  aliases: ['venta facturada', 'ventas factura'],
} as const;
const VOLUME = {
  id: 'volume',
  es: 'volumen',
  en: 'volume',
  aliases: ['por unidad', 'per unit', 'unidades', 'units'],
} as const;
const FIXED = {
  id: 'fixed_amount',
  es: 'monto fijo',
  en: 'fixed amount',
  aliases: ['fijo', 'fixed', 'suma fija', 'lump sum'],
} as const;

/** What a term's rate multiplies. gross = volume × list; invoice = after on-invoice discounts. */
export const BASES = [GROSS, INVOICE, VOLUME, FIXED] as const satisfies readonly Word[];
export type Basis = IdOf<typeof BASES>;

/** How fixed money is spread over the lines in scope. */
export const ALLOCATION_KEYS = [
  { id: 'volume', es: 'volumen', en: 'volume', aliases: ['unidades', 'units', 'por volumen'] },
  { id: 'gross_sales', es: 'venta bruta', en: 'gross sales', aliases: ['ventas brutas', 'por venta bruta'] },
  { id: 'even', es: 'partes iguales', en: 'even split', aliases: ['igual', 'equal', 'equal split', 'even'] },
] as const satisfies readonly Word[];
export type AllocationKey = IdOf<typeof ALLOCATION_KEYS>;

export const SCOPE_KINDS = [
  { id: 'all', es: 'todos', en: 'all', aliases: ['todo', 'todos los SKU', 'all SKUs'] },
  { id: 'category', es: 'categoría', en: 'category', aliases: ['categorías', 'categories'] },
  { id: 'brand', es: 'marca', en: 'brand', aliases: ['marcas', 'brands'] },
  { id: 'sku', es: 'SKU', en: 'SKU', aliases: ['lista de SKU', 'SKU list', 'SKUs'] },
] as const satisfies readonly Word[];
export type ScopeKind = IdOf<typeof SCOPE_KINDS>;

/** all_units (retroactive): the reached tier's rate applies to the whole base. marginal (stepped): each rate to its band. */
export const TIER_METHODS = [
  { id: 'all_units', es: 'todas las unidades', en: 'all units', aliases: ['retroactivo', 'retroactive'] },
  { id: 'marginal', es: 'marginal', en: 'marginal', aliases: ['escalonado', 'incremental', 'stepped'] },
] as const satisfies readonly Word[];
export type TierMethod = IdOf<typeof TIER_METHODS>;

/** What tiers, targets and growth are measured on. */
export const MEASURES = [
  { id: 'volume', es: 'volumen', en: 'volume', aliases: ['unidades', 'units'] },
  { id: 'gross_sales', es: 'venta bruta', en: 'gross sales', aliases: ['ventas brutas'] },
  { id: 'invoice_sales', es: 'venta factura', en: 'invoice sales', aliases: ['venta facturada'] },
  { id: 'growth', es: 'crecimiento', en: 'growth', aliases: ['crecimiento vs año anterior'] },
  {
    id: 'manual',
    es: 'cumplimiento capturado',
    en: 'entered achievement',
    aliases: ['manual', 'captura manual', 'manual entry', 'cumplimiento'],
  },
] as const satisfies readonly Word[];
export type Measure = IdOf<typeof MEASURES>;

/** Unit each measure is counted in (pane headers, formula texts). */
export const MEASURE_UNITS: Readonly<Record<Measure, Text>> = {
  volume: { es: 'unidades', en: 'units' },
  gross_sales: { es: 'MXN', en: 'MXN' },
  invoice_sales: { es: 'MXN', en: 'MXN' },
  growth: { es: '%', en: '%' },
  manual: { es: '%', en: '%' },
};

export const GROWTH_PAY_ON = [
  { id: 'excess', es: 'excedente', en: 'excess', aliases: ['sobre el excedente', 'incremento', 'increment'] },
  { id: 'whole', es: 'total', en: 'whole', aliases: ['base completa', 'whole base'] },
] as const satisfies readonly Word[];
export type GrowthPayOn = IdOf<typeof GROWTH_PAY_ON>;

// ---------------------------------------------------------------- cost-to-serve

export const COST_TO_SERVE_KINDS = [
  { id: 'freight', es: 'flete', en: 'freight', aliases: ['fletes', 'transporte', 'transport'] },
  { id: 'warehousing', es: 'almacenaje', en: 'warehousing', aliases: ['almacén', 'storage'] },
  { id: 'promotoria', es: 'promotoría', en: 'merchandising', aliases: ['promotores', 'in-store merchandising'] },
  { id: 'demonstrators', es: 'demostradoras', en: 'demonstrators', aliases: ['edecanes', 'degustación', 'sampling'] },
  {
    id: 'portal_fees',
    es: 'cuotas de portal',
    en: 'portal fees',
    aliases: ['portal', 'portal de proveedores', 'supplier portal'],
  },
  { id: 'other', es: 'otro', en: 'other', aliases: ['otros'] },
] as const satisfies readonly Word[];
export type CostToServeKind = IdOf<typeof COST_TO_SERVE_KINDS>;

export const COST_BASES = [
  GROSS,
  INVOICE,
  VOLUME,
  { id: 'kg', es: 'kg', en: 'kg', aliases: ['por kg', 'kilos', 'kilogramos', 'per kg'] },
  { id: 'litres', es: 'litros', en: 'litres', aliases: ['por litro', 'liters', 'per litre', 'per liter'] },
  FIXED,
] as const satisfies readonly Word[];
export type CostBasis = IdOf<typeof COST_BASES>;

// ---------------------------------------------------------------- settings

export const CURRENCIES = [
  { id: 'MXN', es: 'MXN', en: 'MXN', aliases: ['pesos', 'peso mexicano'] },
] as const satisfies readonly Word[];
export type Currency = IdOf<typeof CURRENCIES>;

export const PERIODICITIES = [
  { id: 'month', es: 'mensual', en: 'monthly', aliases: ['mes', 'meses', 'month'] },
  { id: 'week', es: 'semanal', en: 'weekly', aliases: ['semana', 'semanas', 'week', 'semana ISO', 'ISO week'] },
] as const satisfies readonly Word[];
export type Periodicity = IdOf<typeof PERIODICITIES>;

export const COST_TO_SERVE_PLACEMENTS = [
  { id: 'inside_waterfall', es: 'dentro', en: 'inside', aliases: ['dentro de la cascada', 'inside the waterfall'] },
  {
    id: 'below_waterfall',
    es: 'debajo',
    en: 'below',
    aliases: ['debajo de la cascada', 'below the waterfall', 'abajo'],
  },
] as const satisfies readonly Word[];
export type CostToServePlacement = IdOf<typeof COST_TO_SERVE_PLACEMENTS>;

export const INTERIM_POLICIES = [
  { id: 'forecast_year_end', es: 'pronóstico de cierre', en: 'forecast year-end', aliases: ['pronóstico', 'forecast'] },
  {
    id: 'tier_reached_so_far',
    es: 'nivel alcanzado',
    en: 'tier reached so far',
    aliases: ['alcanzado', 'reached so far'],
  },
] as const satisfies readonly Word[];
export type InterimTierPolicy = IdOf<typeof INTERIM_POLICIES>;

export const ROI_VARIANTS = [
  { id: 'gross_roi', es: 'ROI bruto', en: 'gross ROI', aliases: ['ROI'] },
  { id: 'net_roi', es: 'ROI neto', en: 'net ROI' },
] as const satisfies readonly Word[];
export type RoiVariant = IdOf<typeof ROI_VARIANTS>;

/** VARIANT of the own-price volume response: constant elasticity Q1/Q0 = (P1/P0)^ε, or linear 1 + ε (P1/P0 − 1). */
export const ELASTICITY_FORMS = [
  { id: 'constant', es: 'constante', en: 'constant', aliases: ['elasticidad constante', 'constant elasticity', 'log'] },
  { id: 'linear', es: 'lineal', en: 'linear', aliases: ['linear response'] },
] as const satisfies readonly Word[];
export type ElasticityForm = IdOf<typeof ELASTICITY_FORMS>;

// ---------------------------------------------------------------- promotions

/** Promotion mechanics; an event may combine several (a price reduction with a display and a folleto). */
export const PROMO_MECHANICS = [
  // Labels must not fold to the same key: "descuento %" and "descuento $" would (punctuation is ignored).
  {
    id: 'price_off_pct',
    es: 'descuento porcentual',
    en: 'price reduction %',
    aliases: ['descuento %', 'TPR', 'rebaja porcentual', 'price reduction'],
  },
  {
    id: 'price_off_amount',
    es: 'descuento en pesos',
    en: 'money off',
    aliases: ['rebaja en pesos', 'pesos de descuento', 'money off per unit'],
  },
  { id: 'multibuy', es: 'multicompra', en: 'multibuy', aliases: ['NxM', '2x1', '3x2', 'lleva 3 paga 2'] },
  { id: 'feature', es: 'folleto', en: 'feature', aliases: ['encarte', 'revista', 'flyer'] },
  { id: 'display', es: 'exhibición', en: 'display', aliases: ['exhibición adicional', 'cabecera', 'isla', 'end cap'] },
] as const satisfies readonly Word[];
export type PromoMechanic = IdOf<typeof PROMO_MECHANICS>;

/** Who is paid how: each funding type pays on different units (promotions.ts). */
export const PROMO_FUNDINGS = [
  {
    id: 'off_invoice',
    es: 'fuera de factura (OI)',
    en: 'off-invoice',
    aliases: ['OI', 'descuento en factura promocional'],
  },
  { id: 'bill_back', es: 'bill-back', en: 'bill-back', aliases: ['nota de crédito', 'reembolso'] },
  { id: 'scan_back', es: 'scan-back', en: 'scan-back', aliases: ['por desplazamiento', 'scan'] },
  { id: 'lump_sum', es: 'monto fijo', en: 'lump sum', aliases: ['cuota fija', 'fixed fee'] },
] as const satisfies readonly Word[];
export type PromoFunding = IdOf<typeof PROMO_FUNDINGS>;

/** Unit basis of a price comparison: per unit (pieza), per litre or per kg. */
export const UNIT_BASES = [
  { id: 'unit', es: 'pieza', en: 'unit', aliases: ['por pieza', 'unidad', 'per unit', 'pza'] },
  { id: 'litre', es: 'litro', en: 'litre', aliases: ['por litro', 'l', 'liter', 'per litre'] },
  { id: 'kg', es: 'kg', en: 'kg', aliases: ['por kg', 'kilo', 'kilogramo', 'per kg'] },
] as const satisfies readonly Word[];
export type UnitBasis = IdOf<typeof UNIT_BASES>;

/** Dated tax rates (TaxRates table): which rate a row sets. */
export const TAX_RATE_KINDS = [
  { id: 'ieps_per_litre', es: 'IEPS cuota por litro', en: 'IEPS per litre', aliases: ['cuota IEPS', 'IEPS por litro'] },
  { id: 'ieps_ad_valorem', es: 'IEPS ad valorem', en: 'IEPS ad valorem', aliases: ['IEPS tasa', 'IEPS %'] },
  { id: 'iva', es: 'IVA', en: 'IVA', aliases: ['VAT', 'IVA tasa'] },
] as const satisfies readonly Word[];
export type TaxRateKind = IdOf<typeof TAX_RATE_KINDS>;

// ---------------------------------------------------------------- scenarios

/** What a scenario is in the negotiation. */
export const SCENARIO_KINDS = [
  { id: 'base', es: 'base', en: 'base', aliases: ['escenario base', 'actual', 'current'] },
  { id: 'proposal', es: 'propuesta', en: 'proposal', aliases: ['oferta', 'offer'] },
  {
    id: 'counter_proposal',
    es: 'contrapropuesta',
    en: 'counter-proposal',
    aliases: ['contra propuesta', 'contraoferta', 'counter proposal', 'counteroffer', 'counter-offer'],
  },
  { id: 'other', es: 'otro', en: 'other', aliases: ['otra', 'alternativa', 'alternative'] },
] as const satisfies readonly Word[];
export type ScenarioKind = IdOf<typeof SCENARIO_KINDS>;

export const SCENARIO_STATUSES = [
  { id: 'draft', es: 'borrador', en: 'draft', aliases: ['en preparación'] },
  { id: 'sent', es: 'enviado', en: 'sent', aliases: ['enviada', 'presentado', 'presentada', 'submitted'] },
  { id: 'agreed', es: 'acordado', en: 'agreed', aliases: ['acordada', 'aceptado', 'aceptada', 'firmado', 'accepted'] },
  { id: 'rejected', es: 'rechazado', en: 'rejected', aliases: ['rechazada', 'declined'] },
] as const satisfies readonly Word[];
export type ScenarioStatus = IdOf<typeof SCENARIO_STATUSES>;

/** What a lever of a scenario (a ScenarioChanges row) acts on. */
export const LEVER_TARGETS = [
  { id: 'term', es: 'condición', en: 'term', aliases: ['término', 'condición comercial'] },
  { id: 'term_tier', es: 'escalón', en: 'tier', aliases: ['escalón de condición', 'term tier'] },
  { id: 'promotion', es: 'promoción', en: 'promotion', aliases: ['evento', 'event', 'promo'] },
  { id: 'price_change', es: 'cambio de precio', en: 'price change', aliases: ['precio', 'price', 'aumento de precio'] },
  { id: 'volume', es: 'volumen', en: 'volume', aliases: ['supuesto de volumen', 'volume assumption'] },
  { id: 'cost', es: 'costo de servir', en: 'cost to serve', aliases: ['costo', 'cost'] },
] as const satisfies readonly Word[];
export type LeverTarget = IdOf<typeof LEVER_TARGETS>;

/** What a lever does to its target. */
export const LEVER_ACTIONS = [
  { id: 'set', es: 'cambiar', en: 'change', aliases: ['modificar', 'set', 'fijar'] },
  { id: 'add', es: 'agregar', en: 'add', aliases: ['añadir', 'nuevo', 'nueva', 'new'] },
  { id: 'remove', es: 'quitar', en: 'remove', aliases: ['eliminar', 'retirar', 'delete', 'drop'] },
] as const satisfies readonly Word[];
export type LeverAction = IdOf<typeof LEVER_ACTIONS>;

/** The fields a lever can set, with the target they belong to. */
export const LEVER_FIELDS = [
  { id: 'rate', es: 'tasa', en: 'rate', aliases: ['tasa o monto', 'monto', 'cuota', 'fee', 'amount', '%'] },
  { id: 'basis', es: 'base', en: 'basis', aliases: ['base de cálculo'] },
  { id: 'from', es: 'desde', en: 'from', aliases: ['límite inferior', 'lower bound'] },
  { id: 'to', es: 'hasta', en: 'to', aliases: ['límite superior', 'upper bound'] },
  { id: 'depth', es: 'profundidad', en: 'depth', aliases: ['descuento', 'discount'] },
  { id: 'fundingRate', es: 'fondeo', en: 'funding', aliases: ['tasa de fondeo', 'funding rate', 'monto de fondeo'] },
  { id: 'makerShare', es: 'participación del fabricante', en: 'maker share', aliases: ['participación'] },
  { id: 'passThrough', es: 'traslado al anaquel', en: 'pass-through', aliases: ['traslado'] },
  { id: 'uplift', es: 'incremento', en: 'uplift', aliases: ['lift', 'alza'] },
  { id: 'cannibalisation', es: 'canibalización', en: 'cannibalisation', aliases: ['cannibalization'] },
  { id: 'forwardBuy', es: 'compra anticipada', en: 'forward buy' },
  { id: 'dip', es: 'caída posterior', en: 'post-event dip', aliases: ['dip', 'caída'] },
  { id: 'fixedCosts', es: 'costos fijos', en: 'fixed costs', aliases: ['exhibición', 'display fee', 'costo fijo'] },
  { id: 'changePct', es: 'cambio %', en: 'change %', aliases: ['cambio', 'change', 'aumento %'] },
] as const satisfies readonly Word[];
export type LeverField = IdOf<typeof LEVER_FIELDS>;

/** Which fields each target takes on a "change" row. */
export const LEVER_FIELDS_OF: Readonly<Record<LeverTarget, readonly LeverField[]>> = {
  term: ['rate', 'basis'],
  term_tier: ['from', 'to', 'rate'],
  promotion: [
    'depth',
    'fundingRate',
    'makerShare',
    'passThrough',
    'uplift',
    'cannibalisation',
    'forwardBuy',
    'dip',
    'fixedCosts',
  ],
  price_change: ['changePct'],
  volume: ['changePct'],
  cost: ['rate'],
};

/** Limits finance sets on a scenario (Settings keys, and the Customers table's trade budget). */
export const GUARDRAILS = [
  { id: 'min_contribution_pct', es: 'contribución mínima', en: 'minimum contribution' },
  { id: 'min_gross_margin_pct', es: 'margen bruto mínimo', en: 'minimum gross margin' },
  { id: 'max_trade_spend_pct', es: 'gasto comercial máximo', en: 'maximum trade spend' },
  { id: 'trade_budget', es: 'presupuesto comercial', en: 'trade budget' },
  { id: 'max_promo_spend_pct', es: 'gasto promocional máximo', en: 'maximum promotional spend' },
  { id: 'min_price_index', es: 'índice de precio mínimo', en: 'minimum price index' },
  { id: 'max_price_index', es: 'índice de precio máximo', en: 'maximum price index' },
  { id: 'min_promotion_roi', es: 'ROI mínimo de promoción', en: 'minimum promotion ROI' },
] as const satisfies readonly Word[];
export type GuardrailId = IdOf<typeof GUARDRAILS>;
