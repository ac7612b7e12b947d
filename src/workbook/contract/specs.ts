/**
 * The workbook contract as data: every input table, its accepted names, and its columns with type, unit,
 * allowed values and descriptions in Spanish (Mexico) and English. The parser, the docs and the sample generator
 * read these specs, so a column exists in exactly one place.
 */
import type { Text } from '../../engine/model';
import * as V from '../../engine/vocabulary';
import type { Word } from '../../engine/vocabulary';
import { TERM_KINDS } from '../../engine/term-kinds';
import { squash as squashName } from './normalize';

export type TableId =
  | 'Customers'
  | 'Products'
  | 'BaseVolumes'
  | 'Terms'
  | 'TermTiers'
  | 'CostToServe'
  | 'Settings'
  | 'PriceChanges'
  | 'RetailerMargins'
  | 'Elasticities'
  | 'CompetitorPrices'
  | 'Promotions'
  | 'TaxRates'
  | 'Scenarios'
  | 'ScenarioChanges';

/**
 * - fraction: a rate 0..1; Excel stores 5 % as 0.05, text "5%" / "5 %" is accepted too.
 * - rate_or_amount: a fraction or MXN depending on another column of the row (basis, IEPS kind).
 * - measure: units, MXN or a growth fraction depending on the term's measure.
 * - list: text values separated by ";" or ",".
 */
export type ColumnType =
  | 'text'
  | 'number'
  | 'integer'
  | 'money'
  | 'fraction'
  | 'rate_or_amount'
  | 'measure'
  | 'date'
  | 'period'
  | 'enum'
  | 'boolean'
  | 'list';

/** One allowed value of an enum column: the model id, its es and en names, and other accepted spellings. */
export interface EnumValue {
  id: string;
  es: string;
  en: string;
  aliases?: string[];
}

export interface ColumnSpec<Id extends string = string> {
  /** Model field (or setting) id. */
  id: Id;
  es: string;
  en: string;
  /** Other accepted header texts (matching folds case, accents, spaces and punctuation). */
  aliases?: string[];
  type: ColumnType;
  /** Required: the column must exist and its cells must not be blank. */
  required: boolean;
  min?: number;
  max?: number;
  /** Values above this are accepted with an implausible_value warning (a barcode pasted as a price). */
  plausibleMax?: number;
  unit?: Text;
  values?: EnumValue[];
  /** Extra words accepted by boolean columns, e.g. "fuera de factura" for On invoice = no. */
  trueWords?: string[];
  falseWords?: string[];
  description: Text;
  /** What a blank optional cell means. */
  blank?: Text;
  example: string | number | boolean;
}

export interface TableSpec<C extends string = string> {
  id: TableId;
  en: string;
  es: string;
  /** Other accepted table names. */
  aliases: string[];
  required: boolean;
  /** A required table with no data rows is an error. */
  mustHaveRows: boolean;
  description: Text;
  columns: ColumnSpec<C>[];
}

/**
 * Plausible ceilings (implausible_value warnings above them): a consumer good's price or cost per unit in MXN, the
 * units of one customer × SKU × period line, litres or kilograms per unit.
 */
const PER_UNIT_PRICE = 1e6;
const LINE_UNITS = 1e9;
const PER_UNIT_SIZE = 1e4;

/** Keeps a column's literal id, so the ids of a table's columns are a union type (ColumnId). */
function column<const Id extends string>(c: ColumnSpec<Id>): ColumnSpec<Id> {
  return c;
}

/** Keeps the union of a table's column ids in its type. */
function table<C extends string>(spec: TableSpec<C>): TableSpec<C> {
  return spec;
}

// ---------------------------------------------------------------- allowed values

// Every list comes from the engine's vocabulary and term-kind descriptors: one declaration per word.
const values = (words: readonly Word[]): EnumValue[] =>
  words.map((w) => ({ id: w.id, es: w.es, en: w.en, aliases: w.aliases ? [...w.aliases] : undefined }));

export const CHANNEL_VALUES = values(V.CHANNELS);
export const IEPS_KIND_VALUES = values(V.IEPS_KINDS);
export const TERM_KIND_VALUES = values(TERM_KINDS);
export const TERM_BASIS_VALUES = values(V.BASES);
export const COST_BASIS_VALUES = values(V.COST_BASES);
export const ALLOCATION_VALUES = values(V.ALLOCATION_KEYS);
export const SCOPE_KIND_VALUES = values(V.SCOPE_KINDS);
export const TIER_METHOD_VALUES = values(V.TIER_METHODS);
export const MEASURE_VALUES = values(V.MEASURES);
export const GROWTH_PAY_ON_VALUES = values(V.GROWTH_PAY_ON);
export const COST_KIND_VALUES = values(V.COST_TO_SERVE_KINDS);
export const CURRENCY_VALUES = values(V.CURRENCIES);
export const PERIODICITY_VALUES = values(V.PERIODICITIES);
export const PLACEMENT_VALUES = values(V.COST_TO_SERVE_PLACEMENTS);
export const INTERIM_POLICY_VALUES = values(V.INTERIM_POLICIES);
export const ROI_VARIANT_VALUES = values(V.ROI_VARIANTS);
export const ELASTICITY_FORM_VALUES = values(V.ELASTICITY_FORMS);
export const PROMO_MECHANIC_VALUES = values(V.PROMO_MECHANICS);
export const PROMO_FUNDING_VALUES = values(V.PROMO_FUNDINGS);
export const UNIT_BASIS_VALUES = values(V.UNIT_BASES);
export const TAX_RATE_KIND_VALUES = values(V.TAX_RATE_KINDS);
export const SCENARIO_KIND_VALUES = values(V.SCENARIO_KINDS);
export const SCENARIO_STATUS_VALUES = values(V.SCENARIO_STATUSES);
export const LEVER_TARGET_VALUES = values(V.LEVER_TARGETS);
export const LEVER_ACTION_VALUES = values(V.LEVER_ACTIONS);
export const LEVER_FIELD_VALUES = values(V.LEVER_FIELDS);

const t = (es: string, en: string): Text => ({ es, en });
const UNITS = t('unidades', 'units');
const MXN_PER_UNIT = t('MXN por unidad', 'MXN per unit');
const FRACTION = t('%', '%');

// ---------------------------------------------------------------- shared columns

const customerIdColumn = (description: Text): ColumnSpec<'customerId'> => ({
  id: 'customerId',
  es: 'ID cliente',
  en: 'Customer ID',
  aliases: ['Clave cliente', 'Cliente', 'Customer'],
  type: 'text',
  required: true,
  description,
  example: 'WMX',
});

const periodColumn = <Id extends 'periodFrom' | 'periodTo'>(id: Id): ColumnSpec<Id> =>
  id === 'periodFrom'
    ? {
        id,
        es: 'Periodo desde',
        en: 'Period from',
        aliases: ['Desde', 'From', 'Inicio', 'Start'],
        type: 'period',
        required: false,
        description: t('Primer periodo cubierto (incluido).', 'First period covered (inclusive).'),
        blank: t('el primer periodo del año fiscal', 'the first period of the fiscal year'),
        example: '2026-01',
      }
    : {
        id,
        es: 'Periodo hasta',
        en: 'Period to',
        aliases: ['Hasta', 'To', 'Fin', 'End'],
        type: 'period',
        required: false,
        description: t('Último periodo cubierto (incluido).', 'Last period covered (inclusive).'),
        blank: t('el último periodo del año fiscal', 'the last period of the fiscal year'),
        example: '2026-12',
      };

const allocationColumn: ColumnSpec<'allocation'> = {
  id: 'allocation',
  es: 'Asignación',
  en: 'Allocation',
  aliases: ['Llave de asignación', 'Allocation key', 'Prorrateo'],
  type: 'enum',
  values: ALLOCATION_VALUES,
  required: false,
  description: t(
    'Cómo se reparte un monto fijo entre SKU y periodos del alcance.',
    'How a fixed amount is spread over the SKUs and periods in scope.',
  ),
  blank: t('venta bruta', 'gross sales'),
  example: 'venta bruta',
};

const descriptionColumn = (example: string): ColumnSpec<'description'> => ({
  id: 'description',
  es: 'Descripción',
  en: 'Description',
  aliases: ['Comentario', 'Notas', 'Notes'],
  type: 'text',
  required: false,
  description: t('Texto libre.', 'Free text.'),
  example,
});

const scopeKindColumn = column({
  id: 'scopeKind',
  es: 'Alcance',
  en: 'Scope',
  aliases: ['Tipo de alcance', 'Scope kind'],
  type: 'enum',
  values: SCOPE_KIND_VALUES,
  required: false,
  description: t('A qué productos aplica.', 'Which products it applies to.'),
  blank: t('todos', 'all'),
  example: 'todos',
});

const scopeValuesColumn = column({
  id: 'scopeValues',
  es: 'Valores del alcance',
  en: 'Scope values',
  aliases: ['Lista de alcance', 'Scope list'],
  type: 'list',
  required: false,
  description: t(
    'Categorías, marcas o SKU separados por ";" o ","; obligatorio si el alcance no es "todos".',
    'Categories, brands or SKUs separated by ";" or ","; required unless the scope is "all".',
  ),
  example: 'Botanas; Refrescos',
});

/** A customer column where a blank cell means every customer. */
const anyCustomerColumn = (description: Text): ColumnSpec<'customerId'> => ({
  ...customerIdColumn(description),
  required: false,
  blank: t('todos los clientes', 'every customer'),
});

/** A required ISO date column. */
const dateColumn = <Id extends string>(
  id: Id,
  es: string,
  en: string,
  aliases: string[],
  description: Text,
  example: string,
  required = true,
  blank?: Text,
): ColumnSpec<Id> => ({ id, es, en, aliases, type: 'date', required, description, blank, example });

// ---------------------------------------------------------------- tables

export const CUSTOMERS = table({
  id: 'Customers',
  en: 'Customers',
  es: 'Clientes',
  aliases: [],
  required: true,
  mustHaveRows: true,
  description: t(
    'Un renglón por cliente (cadena o distribuidor) con su canal y sus condiciones de pago.',
    'One row per customer (retail chain or distributor) with its channel and payment terms.',
  ),
  columns: [
    column({
      id: 'id',
      es: 'ID cliente',
      en: 'Customer ID',
      aliases: ['Clave cliente', 'Código de cliente', 'ID'],
      type: 'text',
      required: true,
      description: t(
        'Clave única del cliente; la usan las demás tablas.',
        'Unique customer key used by the other tables.',
      ),
      example: 'WMX',
    }),
    column({
      id: 'name',
      es: 'Nombre',
      en: 'Name',
      aliases: ['Cliente', 'Nombre del cliente', 'Customer name', 'Customer'],
      type: 'text',
      required: true,
      description: t('Nombre comercial del cliente.', 'Trading name of the customer.'),
      example: 'Walmart de México',
    }),
    column({
      id: 'channel',
      es: 'Canal',
      en: 'Channel',
      type: 'enum',
      values: CHANNEL_VALUES,
      required: true,
      description: t('Canal de venta.', 'Sales channel.'),
      example: 'moderno',
    }),
    column({
      id: 'paymentDays',
      es: 'Días de crédito',
      en: 'Payment days',
      aliases: ['Plazo de pago', 'Días crédito', 'Credit days'],
      type: 'integer',
      required: true,
      min: 0,
      max: 365,
      unit: t('días', 'days'),
      description: t(
        'Plazo de pago pactado; genera el costo financiero = venta factura × días / días del año × costo de capital.',
        'Agreed payment days; drive the financing cost = invoice sales × days / days in year × cost of capital.',
      ),
      example: 90,
    }),
    column({
      id: 'dcShare',
      es: 'Participación CEDIS',
      en: 'DC share',
      aliases: ['Centralización %', '% CEDIS', 'Share via DC'],
      type: 'fraction',
      required: false,
      min: 0,
      max: 1,
      unit: FRACTION,
      description: t(
        'Parte del volumen que se entrega en el centro de distribución (CEDIS) del cliente; base de la centralización.',
        "Share of volume delivered through the customer's distribution centre (DC); base of the DC allowance.",
      ),
      blank: t('0 %', '0 %'),
      example: 0.9,
    }),
    column({
      id: 'tradeBudget',
      es: 'Presupuesto comercial',
      en: 'Trade budget',
      aliases: ['Presupuesto', 'Budget', 'Presupuesto de inversión comercial'],
      type: 'money',
      required: false,
      min: 0,
      unit: t('MXN al año', 'MXN a year'),
      description: t(
        'Tope del gasto comercial del año con el cliente (condiciones y promociones): una barrera de los escenarios.',
        "Cap on the year's trade spend with the customer (terms and promotions): a guardrail of the scenarios.",
      ),
      blank: t('sin tope', 'no cap'),
      example: 12000000,
    }),
  ],
});

export const PRODUCTS = table({
  id: 'Products',
  en: 'Products',
  es: 'Productos',
  aliases: [],
  required: true,
  mustHaveRows: true,
  description: t(
    'Un renglón por SKU (unidad de venta) con su costo y su perfil fiscal (IVA, IEPS).',
    'One row per SKU (selling unit) with its cost and tax profile (IVA, IEPS).',
  ),
  columns: [
    column({
      id: 'sku',
      es: 'SKU',
      en: 'SKU',
      aliases: ['Código', 'Código de producto', 'Clave producto', 'Product code'],
      type: 'text',
      required: true,
      description: t('Clave única del producto.', 'Unique product key.'),
      example: 'BOT-001',
    }),
    column({
      id: 'description',
      es: 'Descripción',
      en: 'Description',
      aliases: ['Producto', 'Nombre del producto', 'Product', 'Product name'],
      type: 'text',
      required: true,
      description: t('Descripción del producto.', 'Product description.'),
      example: 'Papas Crujimax sal 45 g',
    }),
    column({
      id: 'category',
      es: 'Categoría',
      en: 'Category',
      type: 'text',
      required: true,
      description: t(
        'Categoría; puede usarse como alcance de una condición.',
        'Category; usable as the scope of a term.',
      ),
      example: 'Botanas',
    }),
    column({
      id: 'brand',
      es: 'Marca',
      en: 'Brand',
      type: 'text',
      required: true,
      description: t('Marca; puede usarse como alcance de una condición.', 'Brand; usable as the scope of a term.'),
      example: 'Crujimax',
    }),
    column({
      id: 'packSize',
      es: 'Presentación',
      en: 'Pack size',
      aliases: ['Empaque', 'Pack'],
      type: 'text',
      required: false,
      description: t(
        'Contenido de la unidad de venta, como en el empaque.',
        'Contents of the selling unit, as printed.',
      ),
      example: '20 x 45 g',
    }),
    column({
      id: 'litresPerUnit',
      es: 'Litros por unidad',
      en: 'Litres per unit',
      aliases: ['Litros', 'L por unidad', 'Liters per unit'],
      type: 'number',
      plausibleMax: PER_UNIT_SIZE,
      required: false,
      min: 0,
      unit: t('L', 'L'),
      description: t(
        'Litros por unidad de venta; base de la cuota IEPS por litro.',
        'Litres per selling unit; base of the per-litre IEPS quota.',
      ),
      blank: t('0', '0'),
      example: 7.2,
    }),
    column({
      id: 'kgPerUnit',
      es: 'Kg por unidad',
      en: 'Kg per unit',
      aliases: ['Kilos por unidad', 'Kilogramos por unidad', 'Kg'],
      type: 'number',
      plausibleMax: PER_UNIT_SIZE,
      required: false,
      min: 0,
      unit: t('kg', 'kg'),
      description: t(
        'Kilogramos por unidad de venta; base de costos por kg.',
        'Kilograms per selling unit; base of per-kg costs.',
      ),
      blank: t('0', '0'),
      example: 0.9,
    }),
    column({
      id: 'cogsPerUnit',
      es: 'Costo por unidad',
      en: 'COGS per unit',
      aliases: ['Costo unitario', 'Costo de venta por unidad', 'Unit cost', 'COGS'],
      type: 'money',
      plausibleMax: PER_UNIT_PRICE,
      required: true,
      min: 0,
      unit: MXN_PER_UNIT,
      description: t('Costo de venta por unidad, sin impuestos.', 'Cost of goods sold per unit, ex-tax.'),
      example: 112.5,
    }),
    column({
      id: 'ivaRate',
      es: 'Tasa IVA',
      en: 'IVA rate',
      aliases: ['IVA', 'VAT rate', 'VAT'],
      type: 'fraction',
      required: true,
      min: 0,
      max: 1,
      unit: FRACTION,
      description: t(
        '16 % general; 0 % para la mayoría de los alimentos básicos.',
        '16 % general; 0 % for most basic foods.',
      ),
      example: 0.16,
    }),
    column({
      id: 'iepsKind',
      es: 'Tipo IEPS',
      en: 'IEPS kind',
      aliases: ['IEPS tipo', 'IEPS type'],
      type: 'enum',
      values: IEPS_KIND_VALUES,
      required: false,
      description: t(
        'Sin IEPS, ad valorem (8 % botanas de alta densidad calórica) o cuota por litro (bebidas azucaradas).',
        'None, ad valorem (8 % high-calorie snacks) or per-litre quota (sugary drinks).',
      ),
      blank: t('sin IEPS', 'none'),
      example: 'ad valorem',
    }),
    column({
      id: 'iepsRate',
      es: 'Tasa o cuota IEPS',
      en: 'IEPS rate',
      aliases: ['IEPS', 'Tasa IEPS', 'Cuota IEPS', 'IEPS rate or quota'],
      type: 'rate_or_amount',
      required: false,
      min: 0,
      unit: t('% (ad valorem) o MXN por litro', '% (ad valorem) or MXN per litre'),
      description: t(
        'Ad valorem: fracción (8 % = 0.08). Por litro: MXN por litro vigente (3.0818 en 2026). Dato fechado, nunca una constante.',
        'Ad valorem: fraction (8 % = 0.08). Per litre: MXN per litre in force (3.0818 in 2026). Dated data, never a constant.',
      ),
      blank: t('0', '0'),
      example: 0.08,
    }),
  ],
});

export const BASE_VOLUMES = table({
  id: 'BaseVolumes',
  en: 'BaseVolumes',
  es: 'VolumenesBase',
  aliases: ['Volumenes'],
  required: true,
  mustHaveRows: true,
  description: t(
    'Un renglón por cliente × SKU × periodo: volumen base (plan), volumen real de periodos cerrados, precio de lista y año anterior.',
    'One row per customer × SKU × period: baseline (plan) volume, actual volume of closed periods, list price and prior year.',
  ),
  columns: [
    customerIdColumn(t('Cliente (de la tabla Clientes).', 'Customer (from the Customers table).')),
    column({
      id: 'sku',
      es: 'SKU',
      en: 'SKU',
      aliases: ['Código', 'Clave producto', 'Product code'],
      type: 'text',
      required: true,
      description: t('Producto (de la tabla Productos).', 'Product (from the Products table).'),
      example: 'BOT-001',
    }),
    column({
      id: 'period',
      es: 'Periodo',
      en: 'Period',
      aliases: ['Período', 'Mes', 'Semana', 'Month', 'Week'],
      type: 'period',
      required: true,
      description: t(
        'Mes "2026-01" o semana ISO "2026-W05"; una fecha de Excel cuenta como su mes (o su semana ISO en libros semanales).',
        'Month "2026-01" or ISO week "2026-W05"; an Excel date counts as its month (or its ISO week in weekly workbooks).',
      ),
      example: '2026-01',
    }),
    column({
      id: 'baselineVolume',
      es: 'Volumen base',
      en: 'Baseline volume',
      aliases: ['Volumen plan', 'Volumen planeado', 'Plan volume', 'Baseline'],
      type: 'number',
      plausibleMax: LINE_UNITS,
      required: true,
      min: 0,
      unit: UNITS,
      description: t('Volumen esperado sin promociones (plan).', 'Volume expected with no promotion (plan).'),
      example: 1200,
    }),
    column({
      id: 'actualVolume',
      es: 'Volumen real',
      en: 'Actual volume',
      aliases: ['Real', 'Actual'],
      type: 'number',
      plausibleMax: LINE_UNITS,
      required: false,
      min: 0,
      unit: UNITS,
      description: t(
        'Volumen real de un periodo cerrado; cuando existe, reemplaza al base.',
        'Actual volume of a closed period; when present it replaces the baseline.',
      ),
      blank: t('periodo abierto (se usa el volumen base)', 'open period (the baseline is used)'),
      example: 1236,
    }),
    column({
      id: 'listPrice',
      es: 'Precio de lista',
      en: 'List price',
      aliases: ['Precio lista', 'Precio'],
      type: 'money',
      plausibleMax: PER_UNIT_PRICE,
      required: true,
      min: 0,
      unit: MXN_PER_UNIT,
      description: t('Precio de lista por unidad, sin impuestos.', 'List price per unit, ex-tax.'),
      example: 228,
    }),
    column({
      id: 'priorVolume',
      es: 'Volumen año anterior',
      en: 'Prior-year volume',
      aliases: ['Volumen AA', 'Volumen año pasado', 'PY volume', 'Last year volume'],
      type: 'number',
      plausibleMax: LINE_UNITS,
      required: false,
      min: 0,
      unit: UNITS,
      description: t(
        'Volumen del mismo periodo del año anterior; referencia de los planes de crecimiento.',
        'Volume of the same period last year; reference of growth plans.',
      ),
      blank: t('0', '0'),
      example: 1150,
    }),
    column({
      id: 'priorListPrice',
      es: 'Precio de lista año anterior',
      en: 'Prior-year list price',
      aliases: ['Precio AA', 'Precio año anterior', 'PY list price', 'Last year list price'],
      type: 'money',
      plausibleMax: PER_UNIT_PRICE,
      required: false,
      min: 0,
      unit: MXN_PER_UNIT,
      description: t(
        'Precio de lista del año anterior; sin él, el crecimiento solo se mide a precio neutral.',
        'Last year list price; without it growth can only be measured price-neutrally.',
      ),
      blank: t('no disponible', 'not available'),
      example: 216.5,
    }),
  ],
});

export const TERMS = table({
  id: 'Terms',
  en: 'Terms',
  es: 'Condiciones',
  aliases: ['Condiciones comerciales'],
  required: true,
  mustHaveRows: true,
  description: t(
    'Un renglón por condición comercial pactada con un cliente (descuentos, bonos, cuotas, comisiones).',
    'One row per trade term agreed with a customer (discounts, rebates, fees, commissions).',
  ),
  columns: [
    column({
      id: 'id',
      es: 'ID condición',
      en: 'Term ID',
      aliases: ['Clave condición', 'Condición', 'Term'],
      type: 'text',
      required: true,
      description: t(
        'Clave única de la condición; la usa la tabla Escalones.',
        'Unique term key; used by the TermTiers table.',
      ),
      example: 'WMX-01',
    }),
    customerIdColumn(t('Cliente (de la tabla Clientes).', 'Customer (from the Customers table).')),
    column({
      id: 'kind',
      es: 'Tipo',
      en: 'Kind',
      aliases: ['Tipo de condición', 'Term kind', 'Type'],
      type: 'enum',
      values: TERM_KIND_VALUES,
      required: true,
      description: t('Tipo de condición.', 'Kind of term.'),
      example: 'descuento en factura',
    }),
    column({
      id: 'onInvoice',
      es: 'En factura',
      en: 'On invoice',
      aliases: ['Factura', 'On-invoice'],
      type: 'boolean',
      required: false,
      trueWords: ['en factura', 'on invoice'],
      falseWords: ['fuera de factura', 'off invoice', 'nota de crédito', 'credit note'],
      description: t(
        'Sí: reduce el precio factura. No: se paga o acredita después (nota de crédito).',
        'Yes: reduces the invoice price. No: paid or credited afterwards (credit note).',
      ),
      blank: t(
        'sí para descuento en factura, no para los demás tipos',
        'yes for on-invoice discount, no for every other kind',
      ),
      example: 'sí',
    }),
    column({
      id: 'basis',
      es: 'Base',
      en: 'Basis',
      aliases: ['Base de cálculo', 'Calculation basis'],
      type: 'enum',
      values: TERM_BASIS_VALUES,
      required: true,
      description: t('Sobre qué se aplica la tasa.', 'What the rate multiplies.'),
      example: 'venta bruta',
    }),
    column({
      id: 'rate',
      es: 'Tasa o monto',
      en: 'Rate or amount',
      aliases: ['Tasa', 'Monto', 'Rate', 'Amount', 'Valor', 'Value'],
      type: 'rate_or_amount',
      required: true,
      min: 0,
      unit: t(
        '% (base venta), MXN por unidad (base volumen) o MXN (monto fijo)',
        '% (sales basis), MXN per unit (volume basis) or MXN (fixed amount)',
      ),
      description: t(
        'Fracción de la base (3 % = 0.03), MXN por unidad o monto fijo en MXN. Puede quedar vacía cuando la condición tiene escalones.',
        'Fraction of the basis (3 % = 0.03), MXN per unit or a fixed MXN amount. May be blank when the term has tiers.',
      ),
      example: 0.03,
    }),
    allocationColumn,
    scopeKindColumn,
    scopeValuesColumn,
    periodColumn('periodFrom'),
    periodColumn('periodTo'),
    column({
      id: 'tierMethod',
      es: 'Método de escalones',
      en: 'Tier method',
      aliases: ['Tipo de escalones'],
      type: 'enum',
      values: TIER_METHOD_VALUES,
      required: false,
      description: t(
        'Todas las unidades (retroactivo): la tasa del escalón alcanzado aplica a toda la base. Marginal: cada tasa aplica solo a su tramo.',
        'All units (retroactive): the reached tier rate applies to the whole base. Marginal: each rate applies only to its band.',
      ),
      blank: t('todas las unidades', 'all units'),
      example: 'todas las unidades',
    }),
    column({
      id: 'tierMeasure',
      es: 'Medida de escalones',
      en: 'Tier measure',
      type: 'enum',
      values: MEASURE_VALUES,
      required: false,
      description: t('Sobre qué se miden los escalones.', 'What the tiers are measured on.'),
      blank: t(
        'volumen para bono por volumen, crecimiento para plan de crecimiento, la base de la condición en los demás',
        "volume for volume rebates, growth for growth rebates, the term's basis otherwise",
      ),
      example: 'volumen',
    }),
    column({
      id: 'growthPayOn',
      es: 'Crecimiento pagado sobre',
      en: 'Growth pays on',
      aliases: ['Pago de crecimiento', 'Growth pay-on'],
      type: 'enum',
      values: GROWTH_PAY_ON_VALUES,
      required: false,
      description: t(
        'Plan de crecimiento: paga sobre el excedente contra el año anterior o sobre la base completa. Obligatorio en planes de crecimiento.',
        'Growth rebate: pays on the excess over prior year or on the whole base. Required for growth rebates.',
      ),
      example: 'excedente',
    }),
    column({
      id: 'priceNeutral',
      es: 'Precio neutral',
      en: 'Price neutral',
      aliases: ['Crecimiento a precio neutral', 'Price-neutral growth'],
      type: 'boolean',
      required: false,
      description: t(
        'Sí: la referencia del año anterior se reexpresa a precios de lista actuales.',
        'Yes: the prior-year reference is restated at current list prices.',
      ),
      blank: t('no', 'no'),
      example: 'sí',
    }),
    column({
      id: 'conditionMeasure',
      es: 'Medida de condición',
      en: 'Condition measure',
      aliases: ['Medida de la meta', 'Target measure'],
      type: 'enum',
      values: MEASURE_VALUES,
      required: false,
      description: t('Medida de la meta que condiciona el pago.', 'Measure of the target that conditions payment.'),
      blank: t('volumen cuando hay meta', 'volume when a target is given'),
      example: 'manual',
    }),
    column({
      id: 'target',
      es: 'Meta',
      en: 'Target',
      aliases: ['Objetivo'],
      type: 'measure',
      required: false,
      unit: t('unidades, MXN o % según la medida', 'units, MXN or % by measure'),
      description: t(
        'La condición se paga solo si la medida alcanza la meta. Obligatoria en bono por objetivo.',
        'The term pays only if the measure reaches the target. Required for target bonuses.',
      ),
      example: 0.9,
    }),
    column({
      id: 'achieved',
      es: 'Logrado (manual)',
      en: 'Achieved (manual)',
      aliases: ['Logrado', 'Achieved'],
      type: 'measure',
      required: false,
      description: t(
        'Valor logrado capturado por el KAM cuando la medida es manual (p. ej. distribución numérica 0.93).',
        'Achieved value entered by the KAM when the measure is manual (e.g. numeric distribution 0.93).',
      ),
      blank: t('aún no se sabe (cuenta como no cumplida)', 'not known yet (counts as not met)'),
      example: 0.93,
    }),
    column({
      id: 'agreedDate',
      es: 'Fecha de acuerdo',
      en: 'Agreed date',
      aliases: ['Fecha acordada', 'Fecha de firma', 'Date agreed'],
      type: 'date',
      required: false,
      description: t(
        'Fecha del acuerdo por escrito. Sin fecha, la condición no tiene base pactada: es un hallazgo.',
        'Date of the written agreement. Without it the term has no agreed basis: a finding.',
      ),
      blank: t('sin acuerdo documentado (hallazgo)', 'no documented agreement (finding)'),
      example: '2025-11-28',
    }),
    column({
      id: 'evidenceRef',
      es: 'Referencia de evidencia',
      en: 'Evidence reference',
      aliases: ['Evidencia', 'Evidence', 'Referencia'],
      type: 'text',
      required: false,
      description: t(
        'Carta de negociación, contrato o correo que respalda la condición.',
        'Terms letter, contract or e-mail backing the term.',
      ),
      example: 'Carta WMX-2026-01',
    }),
    descriptionColumn('Descuento comercial en factura'),
  ],
});

export const TERM_TIERS = table({
  id: 'TermTiers',
  en: 'TermTiers',
  es: 'Escalones',
  aliases: ['Tiers'],
  required: false,
  mustHaveRows: false,
  description: t(
    'Escalones de las condiciones escalonadas, en orden ascendente; "Hasta" es exclusivo y debe igualar el "Desde" del siguiente.',
    'Tiers of tiered terms, ascending; "To" is exclusive and must equal the next tier\'s "From".',
  ),
  columns: [
    column({
      id: 'termId',
      es: 'ID condición',
      en: 'Term ID',
      aliases: ['Clave condición', 'Condición', 'Term'],
      type: 'text',
      required: true,
      description: t('Condición (de la tabla Condiciones).', 'Term (from the Terms table).'),
      example: 'WMX-02',
    }),
    column({
      id: 'from',
      es: 'Desde',
      en: 'From',
      aliases: ['Mínimo', 'Min', 'Lower bound'],
      type: 'measure',
      required: true,
      min: 0,
      unit: t('unidades, MXN o % según la medida', 'units, MXN or % by measure'),
      description: t('Límite inferior del tramo (incluido).', 'Lower bound of the band (inclusive).'),
      example: 0,
    }),
    column({
      id: 'to',
      es: 'Hasta',
      en: 'To',
      aliases: ['Máximo', 'Max', 'Upper bound'],
      type: 'measure',
      required: false,
      min: 0,
      unit: t('unidades, MXN o % según la medida', 'units, MXN or % by measure'),
      description: t('Límite superior del tramo (excluido).', 'Upper bound of the band (exclusive).'),
      blank: t('sin límite (último escalón)', 'no upper bound (last tier)'),
      example: 150000,
    }),
    column({
      id: 'rate',
      es: 'Tasa',
      en: 'Rate',
      aliases: ['Tasa o monto', 'Rate or amount', 'Monto', 'Amount'],
      type: 'rate_or_amount',
      required: true,
      min: 0,
      unit: t('% o MXN según la base de la condición', "% or MXN by the term's basis"),
      description: t(
        'Tasa del escalón: fracción de la base (base venta), MXN por unidad (base volumen) o, en un monto fijo escalonado, el monto en MXN del escalón.',
        'Tier rate: fraction of the basis (sales basis), MXN per unit (volume basis) or, for a tiered fixed amount, the MXN amount of the tier.',
      ),
      example: 0.01,
    }),
  ],
});

export const COST_TO_SERVE = table({
  id: 'CostToServe',
  en: 'CostToServe',
  es: 'CostoServir',
  aliases: ['Costo de servir', 'Costos de servir'],
  required: false,
  mustHaveRows: false,
  description: t(
    'Costos de atender a cada cliente que no son condiciones comerciales: fletes, almacenaje, promotoría, demostradoras, cuotas de portal.',
    'Costs of serving each customer that are not trade terms: freight, warehousing, merchandising, demonstrators, portal fees.',
  ),
  columns: [
    customerIdColumn(t('Cliente (de la tabla Clientes).', 'Customer (from the Customers table).')),
    column({
      id: 'kind',
      es: 'Tipo',
      en: 'Kind',
      aliases: ['Concepto', 'Type'],
      type: 'enum',
      values: COST_KIND_VALUES,
      required: true,
      description: t('Tipo de costo.', 'Kind of cost.'),
      example: 'flete',
    }),
    column({
      id: 'basis',
      es: 'Base',
      en: 'Basis',
      aliases: ['Base de cálculo', 'Calculation basis'],
      type: 'enum',
      values: COST_BASIS_VALUES,
      required: true,
      description: t('Sobre qué se aplica la tasa.', 'What the rate multiplies.'),
      example: 'venta factura',
    }),
    column({
      id: 'rate',
      es: 'Tasa o monto',
      en: 'Rate or amount',
      aliases: ['Tasa', 'Monto', 'Rate', 'Amount', 'Valor', 'Value'],
      type: 'rate_or_amount',
      required: true,
      min: 0,
      unit: t('%, MXN por unidad, kg o litro, o MXN', '%, MXN per unit, kg or litre, or MXN'),
      description: t(
        'Fracción (base venta), MXN por unidad, por kg o por litro, o monto fijo en MXN.',
        'Fraction (sales basis), MXN per unit, per kg or per litre, or a fixed MXN amount.',
      ),
      example: 0.025,
    }),
    allocationColumn,
    periodColumn('periodFrom'),
    periodColumn('periodTo'),
    descriptionColumn('Flete a CEDIS'),
  ],
});

export const SETTINGS = table({
  id: 'Settings',
  en: 'Settings',
  es: 'Parametros',
  aliases: ['Configuración'],
  required: true,
  mustHaveRows: false,
  description: t(
    'Parámetros del modelo: una clave por renglón (Parámetro | Valor). Las claves que falten toman su valor predeterminado.',
    'Model settings: one key per row (Setting | Value). Missing keys take their default.',
  ),
  columns: [
    column({
      id: 'key',
      es: 'Parámetro',
      en: 'Setting',
      aliases: ['Clave', 'Key', 'Concepto'],
      type: 'text',
      required: true,
      description: t('Nombre del parámetro (en español o en inglés).', 'Setting name (Spanish or English).'),
      example: 'Año fiscal',
    }),
    column({
      id: 'value',
      es: 'Valor',
      en: 'Value',
      type: 'text',
      required: true,
      description: t('Valor del parámetro; vacío = valor predeterminado.', 'Setting value; blank = default.'),
      example: 2026,
    }),
    descriptionColumn('Año calendario del plan'),
  ],
});

// ---------------------------------------------------------------- prices and promotions (optional tables)

export const PRICE_CHANGES = table({
  id: 'PriceChanges',
  en: 'PriceChanges',
  es: 'CambiosPrecio',
  aliases: ['Cambios de precio', 'Price changes', 'Aumentos de precio'],
  required: false,
  mustHaveRows: false,
  description: t(
    'Cambios del precio de lista desde una fecha, por cliente (o todos) y SKU, categoría o marca (o todos): un nuevo precio de lista o un cambio en %. Un periodo en el que cae la fecha se divide por días.',
    'List price changes from a date, per customer (or all) and SKU, category or brand (or all): a new list price or a % change. A period the date falls in is split by days.',
  ),
  columns: [
    anyCustomerColumn(t('Cliente; vacío = todos los clientes.', 'Customer; blank = every customer.')),
    scopeKindColumn,
    scopeValuesColumn,
    dateColumn(
      'effectiveDate',
      'Fecha efectiva',
      'Effective date',
      ['Vigente desde', 'Desde', 'Effective from'],
      t('Día desde el que aplica el nuevo precio.', 'Day from which the new price applies.'),
      '2026-02-01',
    ),
    column({
      id: 'newListPrice',
      es: 'Nuevo precio de lista',
      en: 'New list price',
      aliases: ['Precio nuevo', 'New price'],
      type: 'money',
      plausibleMax: PER_UNIT_PRICE,
      required: false,
      min: 0,
      unit: MXN_PER_UNIT,
      description: t(
        'Precio de lista por unidad desde la fecha (o use «Cambio %»).',
        'List price per unit from the date (or use "Change %").',
      ),
      blank: t('se usa «Cambio %»', '"Change %" is used'),
      example: 21.5,
    }),
    column({
      id: 'changePct',
      es: 'Cambio %',
      en: 'Change %',
      aliases: ['Aumento %', 'Incremento %', 'Change'],
      type: 'fraction',
      required: false,
      min: -1,
      max: 1,
      unit: FRACTION,
      description: t(
        'Cambio sobre el precio de lista de cada renglón (6 % = 0.06); se usa cuando no hay nuevo precio.',
        "Change of each line's own list price (6 % = 0.06); used when no new price is given.",
      ),
      blank: t('se usa «Nuevo precio de lista»', '"New list price" is used'),
      example: '6%',
    }),
    descriptionColumn('Aumento anual de lista'),
  ],
});

export const RETAILER_MARGINS = table({
  id: 'RetailerMargins',
  en: 'RetailerMargins',
  es: 'MargenesDetallista',
  aliases: ['Márgenes del detallista', 'Retailer margins', 'Margenes'],
  required: false,
  mustHaveRows: false,
  description: t(
    'Margen frontal del detallista sobre su precio de anaquel sin IVA (margen sobre precio, no markup), por cliente y SKU, categoría o marca.',
    "The retailer's front margin on its shelf price before IVA (margin on price, not markup), per customer and SKU, category or brand.",
  ),
  columns: [
    customerIdColumn(t('Cliente (de la tabla Clientes).', 'Customer (from the Customers table).')),
    scopeKindColumn,
    scopeValuesColumn,
    column({
      id: 'frontMargin',
      es: 'Margen frontal',
      en: 'Front margin',
      aliases: ['Margen', 'Margin', 'Margen sobre precio'],
      type: 'fraction',
      required: true,
      min: 0,
      max: 0.99,
      unit: FRACTION,
      description: t(
        '(Anaquel sin IVA − costo del detallista) ÷ anaquel sin IVA.',
        '(Shelf before IVA − retailer cost) ÷ shelf before IVA.',
      ),
      example: '25%',
    }),
  ],
});

export const ELASTICITIES = table({
  id: 'Elasticities',
  en: 'Elasticities',
  es: 'Elasticidades',
  aliases: ['Elasticidad', 'Elasticity'],
  required: false,
  mustHaveRows: false,
  description: t(
    'Elasticidades precio propia y promocional por SKU, categoría o marca (la más específica gana).',
    'Own-price and promotional elasticities per SKU, category or brand (the most specific wins).',
  ),
  columns: [
    scopeKindColumn,
    scopeValuesColumn,
    column({
      id: 'ownPrice',
      es: 'Elasticidad precio',
      en: 'Own-price elasticity',
      aliases: ['Elasticidad propia', 'Price elasticity'],
      type: 'number',
      plausibleMax: PER_UNIT_PRICE,
      required: true,
      min: -10,
      max: 0,
      description: t(
        '%Δ volumen ÷ %Δ precio al consumidor (negativa, p. ej. −1.5).',
        '%Δ volume ÷ %Δ consumer price (negative, e.g. −1.5).',
      ),
      example: -1.5,
    }),
    column({
      id: 'promotional',
      es: 'Elasticidad promocional',
      en: 'Promotional elasticity',
      aliases: ['Elasticidad de promoción', 'Promo elasticity'],
      type: 'number',
      required: false,
      min: -10,
      max: 0,
      description: t(
        'Para el incremento de una promoción sin incremento capturado: (1 − profundidad en anaquel)^ε − 1.',
        'For the uplift of a promotion without an entered uplift: (1 − shelf depth)^ε − 1.',
      ),
      blank: t('la elasticidad precio', 'the own-price elasticity'),
      example: -3,
    }),
  ],
});

export const COMPETITOR_PRICES = table({
  id: 'CompetitorPrices',
  en: 'CompetitorPrices',
  es: 'PreciosCompetencia',
  aliases: ['Precios de la competencia', 'Competitor prices'],
  required: false,
  mustHaveRows: false,
  description: t(
    'Precio al consumidor de un competidor por SKU propio comparable, para el índice de precio sobre la misma base unitaria (pieza, litro o kg).',
    "A competitor's consumer price against a comparable own SKU, for the price index on the same unit basis (unit, litre or kg).",
  ),
  columns: [
    anyCustomerColumn(t('Cliente; vacío = todos los clientes.', 'Customer; blank = every customer.')),
    column({
      id: 'sku',
      es: 'SKU',
      en: 'SKU',
      aliases: ['Clave', 'Producto', 'Product'],
      type: 'text',
      required: true,
      description: t('SKU propio con el que se compara.', 'Own SKU it is compared with.'),
      example: 'BOT-001',
    }),
    column({
      id: 'competitor',
      es: 'Competidor',
      en: 'Competitor',
      aliases: ['Marca competidora', 'Competing brand'],
      type: 'text',
      required: true,
      description: t('Producto o marca de la competencia.', 'Competing product or brand.'),
      example: 'Marca X 600 ml',
    }),
    column({
      id: 'price',
      es: 'Precio',
      en: 'Price',
      aliases: ['Precio al consumidor', 'Consumer price'],
      type: 'money',
      plausibleMax: PER_UNIT_PRICE,
      required: true,
      min: 0,
      unit: t('MXN con IVA', 'MXN with IVA'),
      description: t('Precio al consumidor, en la base unitaria indicada.', 'Consumer price, on the unit basis given.'),
      example: 18.9,
    }),
    column({
      id: 'unitBasis',
      es: 'Base unitaria',
      en: 'Unit basis',
      aliases: ['Base', 'Unidad', 'Basis'],
      type: 'enum',
      values: UNIT_BASIS_VALUES,
      required: false,
      description: t('Por pieza, por litro o por kg.', 'Per unit, per litre or per kg.'),
      blank: t('pieza', 'unit'),
      example: 'pieza',
    }),
    column({
      id: 'size',
      es: 'Contenido',
      en: 'Size',
      aliases: ['Tamaño', 'Litros o kg', 'Pack size'],
      type: 'number',
      required: false,
      min: 0,
      unit: t('litros o kg por pieza', 'litres or kg per unit'),
      description: t(
        'Litros o kg del empaque del competidor cuando el precio es por pieza: el índice se calcula por litro o kg.',
        "Litres or kg of the competitor's pack when the price is per unit: the index is then per litre or kg.",
      ),
      blank: t('se compara por pieza', 'compared per unit'),
      example: 0.6,
    }),
    dateColumn(
      'date',
      'Fecha',
      'Date',
      ['Fecha de levantamiento', 'Observed on'],
      t('Fecha en que se observó el precio.', 'Date the price was observed.'),
      '2026-01-15',
      false,
      t('sin fecha', 'no date'),
    ),
  ],
});

export const PROMOTIONS = table({
  id: 'Promotions',
  en: 'Promotions',
  es: 'Promociones',
  aliases: ['Eventos', 'Eventos promocionales', 'Promotional events'],
  required: false,
  mustHaveRows: false,
  description: t(
    'Un renglón por evento: cliente, productos, ventanas de compra y en tienda, mecánica, financiamiento y supuestos de volumen (docs/engine.md, "Promociones").',
    'One row per event: customer, products, buy and in-store windows, mechanic, funding and volume assumptions (docs/engine.md, "Promotions").',
  ),
  columns: [
    column({
      id: 'id',
      es: 'ID promoción',
      en: 'Promotion ID',
      aliases: ['ID evento', 'Evento', 'Event ID', 'Promoción'],
      type: 'text',
      required: true,
      description: t('Clave única del evento.', 'Unique event key.'),
      example: 'SOR-JR-01',
    }),
    customerIdColumn(t('Cliente (de la tabla Clientes).', 'Customer (from the Customers table).')),
    scopeKindColumn,
    scopeValuesColumn,
    dateColumn(
      'buyFrom',
      'Compra desde',
      'Buy from',
      ['Inicio de compra', 'Buy start'],
      t('Primer día en que el detallista compra al precio del trato.', 'First day the retailer buys at the deal.'),
      '2026-06-15',
    ),
    dateColumn(
      'buyTo',
      'Compra hasta',
      'Buy to',
      ['Fin de compra', 'Buy end'],
      t('Último día de compra al precio del trato.', 'Last day of buying at the deal.'),
      '2026-08-10',
    ),
    dateColumn(
      'inStoreFrom',
      'En tienda desde',
      'In store from',
      ['Inicio en tienda', 'In-store start'],
      t('Primer día en que el comprador ve la promoción.', 'First day shoppers see the promotion.'),
      '2026-06-26',
      false,
      t('la ventana de compra', 'the buy window'),
    ),
    dateColumn(
      'inStoreTo',
      'En tienda hasta',
      'In store to',
      ['Fin en tienda', 'In-store end'],
      t('Último día en tienda.', 'Last day in store.'),
      '2026-08-16',
      false,
      t('la ventana de compra', 'the buy window'),
    ),
    column({
      id: 'mechanics',
      es: 'Mecánica',
      en: 'Mechanic',
      aliases: ['Mecánicas', 'Mechanics', 'Tipo de promoción'],
      type: 'list',
      values: PROMO_MECHANIC_VALUES,
      required: true,
      description: t(
        'Una o varias separadas por «;»: descuento %, descuento $, multicompra, folleto, exhibición.',
        'One or more separated by ";": price reduction %, money off, multibuy, feature, display.',
      ),
      example: 'descuento %; exhibición',
    }),
    column({
      id: 'depth',
      es: 'Profundidad',
      en: 'Depth',
      aliases: ['Descuento', 'Depth of discount'],
      type: 'rate_or_amount',
      required: false,
      min: 0,
      unit: t('% o MXN por unidad según la mecánica', '% or MXN per unit by mechanic'),
      description: t(
        'Descuento %: fracción del precio en anaquel; descuento $: MXN por unidad; multicompra: se toma de «Multicompra».',
        'Price reduction %: fraction of the shelf price; money off: MXN per unit; multibuy: taken from "Multibuy".',
      ),
      blank: t('0 (sin rebaja de precio)', '0 (no price reduction)'),
      example: '20%',
    }),
    column({
      id: 'multibuy',
      es: 'Multicompra',
      en: 'Multibuy',
      aliases: ['NxM', 'Lleva paga', 'Buy pay'],
      type: 'text',
      required: false,
      description: t(
        '«2x1», «3x2», «lleva 3 paga 2»: la profundidad es 1 − paga ÷ lleva.',
        '"2x1", "3x2", "buy 3 pay 2": the depth is 1 − pay ÷ buy.',
      ),
      example: '3x2',
    }),
    column({
      id: 'funding',
      es: 'Financiamiento',
      en: 'Funding',
      aliases: ['Tipo de apoyo', 'Funding type'],
      type: 'enum',
      values: PROMO_FUNDING_VALUES,
      required: true,
      description: t(
        'Fuera de factura (OI): cada unidad comprada en la ventana de compra; bill-back: las mismas, pagadas después; scan-back: cada unidad vendida al comprador en la ventana en tienda; monto fijo.',
        'Off-invoice: every unit bought in the buy window; bill-back: the same, paid later; scan-back: every unit sold to shoppers in the in-store window; lump sum.',
      ),
      example: 'fuera de factura (OI)',
    }),
    column({
      id: 'fundingRate',
      es: 'Apoyo',
      en: 'Funding rate',
      aliases: ['Apoyo por unidad', 'Monto del apoyo', 'Allowance'],
      type: 'money',
      required: true,
      min: 0,
      unit: t('MXN por unidad, o MXN (monto fijo)', 'MXN per unit, or MXN (lump sum)'),
      description: t('Apoyo por unidad, o el monto fijo total.', 'Allowance per unit, or the total lump sum.'),
      example: 3.5,
    }),
    column({
      id: 'makerShare',
      es: 'Participación del fabricante',
      en: 'Maker share',
      aliases: ['Participación', 'Share'],
      type: 'fraction',
      required: false,
      min: 0,
      max: 1,
      unit: FRACTION,
      description: t('Parte del apoyo que paga el fabricante.', 'Share of the funding the maker pays.'),
      blank: t('100 %', '100 %'),
      example: '100%',
    }),
    column({
      id: 'passThrough',
      es: 'Traslado al anaquel',
      en: 'Pass-through',
      aliases: ['Traslado', 'Pass through'],
      type: 'fraction',
      required: false,
      min: 0,
      max: 1,
      unit: FRACTION,
      description: t('Parte de la profundidad que llega al anaquel.', 'Share of the depth that reaches the shelf.'),
      blank: t('Parámetros > Traslado al anaquel', 'Settings > Pass-through'),
      example: '100%',
    }),
    column({
      id: 'uplift',
      es: 'Incremento esperado',
      en: 'Expected uplift',
      aliases: ['Incremento', 'Uplift', 'Lift %'],
      type: 'fraction',
      required: false,
      min: 0,
      max: 20,
      unit: FRACTION,
      description: t(
        'Incremento de las compras del consumidor sobre la base en la ventana en tienda.',
        "Increase of shoppers' purchases over baseline in the in-store window.",
      ),
      blank: t('de la elasticidad promocional', 'from the promotional elasticity'),
      example: '35%',
    }),
    column({
      id: 'cannibalisation',
      es: 'Canibalización',
      en: 'Cannibalisation',
      aliases: ['Canibalizacion', 'Cannibalization'],
      type: 'fraction',
      required: false,
      min: 0,
      max: 1,
      unit: FRACTION,
      description: t(
        'Parte del incremento que se quita a otros SKU propios de la misma categoría.',
        'Share of the lift taken from own other SKUs of the same category.',
      ),
      blank: t('0', '0'),
      example: '10%',
    }),
    column({
      id: 'forwardBuy',
      es: 'Compra anticipada',
      en: 'Forward buy',
      aliases: ['Forward buy %', 'Compra adelantada'],
      type: 'fraction',
      required: false,
      min: 0,
      max: 5,
      unit: FRACTION,
      description: t(
        'Compra extra del detallista en la ventana de compra, como fracción de la base; se descuenta después.',
        "Retailer's extra buying in the buy window, as a fraction of baseline; taken out afterwards.",
      ),
      blank: t('0', '0'),
      example: '15%',
    }),
    column({
      id: 'dip',
      es: 'Baja posterior',
      en: 'Post-promotion dip',
      aliases: ['Baja', 'Dip'],
      type: 'fraction',
      required: false,
      min: 0,
      max: 1,
      unit: FRACTION,
      description: t(
        'Parte del incremento que el consumidor deja de comprar después (despensa).',
        'Share of the lift shoppers do not buy afterwards (pantry loading).',
      ),
      blank: t('0', '0'),
      example: '10%',
    }),
    column({
      id: 'fixedCosts',
      es: 'Costos fijos',
      en: 'Fixed costs',
      aliases: ['Cuota de exhibición', 'Folleto', 'Fixed fees'],
      type: 'money',
      required: false,
      min: 0,
      unit: t('MXN', 'MXN'),
      description: t(
        'Cuota de exhibición, folleto, promotoría del evento.',
        'Display fee, folleto, merchandising of the event.',
      ),
      blank: t('0', '0'),
      example: 150000,
    }),
    column({
      id: 'stacks',
      es: 'Acumulable',
      en: 'Stacks',
      aliases: ['Se acumula', 'Stackable'],
      type: 'boolean',
      required: false,
      description: t(
        'Sí: puede coincidir con otro evento acumulable en el mismo cliente, SKU y día (sus efectos se suman).',
        'Yes: may overlap another stackable event on the same customer, SKU and day (their effects add up).',
      ),
      blank: t('no: un traslape es un error', 'no: an overlap is an error'),
      example: 'no',
    }),
    descriptionColumn('Julio Regalado'),
  ],
});

export const TAX_RATES = table({
  id: 'TaxRates',
  en: 'TaxRates',
  es: 'TasasImpuesto',
  aliases: ['Tasas de impuesto', 'Impuestos', 'Tax rates'],
  required: false,
  mustHaveRows: false,
  description: t(
    'Tasas de impuesto fechadas: la cuota de IEPS por litro, la tasa de IEPS ad valorem o la de IVA desde una fecha, para los productos del alcance; sin renglón vale la tasa del producto.',
    "Dated tax rates: the IEPS quota per litre, the IEPS ad valorem rate or the IVA rate from a date, for the products in scope; without a row the product's own rate holds.",
  ),
  columns: [
    column({
      id: 'kind',
      es: 'Impuesto',
      en: 'Tax',
      aliases: ['Tipo', 'Kind'],
      type: 'enum',
      values: TAX_RATE_KIND_VALUES,
      required: true,
      description: t(
        'IEPS cuota por litro (productos con IEPS por litro), IEPS ad valorem (productos ad valorem) o IVA.',
        'IEPS per litre (products with a per-litre IEPS), IEPS ad valorem (ad valorem products) or IVA.',
      ),
      example: 'IEPS cuota por litro',
    }),
    scopeKindColumn,
    scopeValuesColumn,
    dateColumn(
      'effectiveDate',
      'Vigente desde',
      'Effective from',
      ['Fecha', 'Desde', 'Effective date'],
      t(
        'Día desde el que rige la tasa (un periodo toma la vigente en su primer día).',
        'Day from which the rate holds (a period takes the one in force on its first day).',
      ),
      '2026-01-01',
    ),
    column({
      id: 'rate',
      es: 'Tasa o cuota',
      en: 'Rate or quota',
      aliases: ['Tasa', 'Cuota', 'Rate'],
      type: 'rate_or_amount',
      required: true,
      min: 0,
      unit: t('MXN por litro, o %', 'MXN per litre, or %'),
      description: t('Cuota en MXN por litro, o tasa (8 % = 0.08).', 'Quota in MXN per litre, or a rate (8 % = 0.08).'),
      example: 3.0818,
    }),
  ],
});

// ---------------------------------------------------------------- scenarios (optional tables)

export const SCENARIOS = table({
  id: 'Scenarios',
  en: 'Scenarios',
  es: 'Escenarios',
  aliases: ['Escenarios de negociación', 'Negotiation scenarios'],
  required: false,
  mustHaveRows: false,
  description: t(
    'Un renglón por escenario de la negociación de un cliente: la base son las tablas tal como están; cada escenario suma sus palancas (tabla CambiosEscenario).',
    "One row per scenario of a customer's negotiation: the base is the tables as they are; each scenario adds its levers (ScenarioChanges table).",
  ),
  columns: [
    column({
      id: 'id',
      es: 'ID escenario',
      en: 'Scenario ID',
      aliases: ['Escenario', 'Scenario', 'ID'],
      type: 'text',
      required: true,
      description: t('Clave única del escenario.', 'Unique scenario key.'),
      example: 'WMX-P1',
    }),
    customerIdColumn(t('Cliente que se negocia.', 'Customer being negotiated.')),
    column({
      id: 'name',
      es: 'Nombre',
      en: 'Name',
      aliases: ['Nombre del escenario', 'Scenario name'],
      type: 'text',
      required: false,
      description: t('Nombre corto para columnas y resúmenes.', 'Short name for columns and summaries.'),
      blank: t('el ID', 'the ID'),
      example: 'Propuesta anual',
    }),
    column({
      id: 'kind',
      es: 'Tipo',
      en: 'Kind',
      aliases: ['Tipo de escenario', 'Scenario kind'],
      type: 'enum',
      values: SCENARIO_KIND_VALUES,
      required: false,
      description: t(
        'Propuesta (nuestra), contrapropuesta (del cliente), base u otro.',
        "Proposal (ours), counter-proposal (the customer's), base or other.",
      ),
      blank: t('propuesta', 'proposal'),
      example: 'propuesta',
    }),
    column({
      id: 'status',
      es: 'Estatus',
      en: 'Status',
      aliases: ['Estado', 'State'],
      type: 'enum',
      values: SCENARIO_STATUS_VALUES,
      required: false,
      description: t('Borrador, enviado, acordado o rechazado.', 'Draft, sent, agreed or rejected.'),
      blank: t('borrador', 'draft'),
      example: 'borrador',
    }),
    column({
      id: 'author',
      es: 'Autor',
      en: 'Author',
      aliases: ['Elaboró', 'Preparado por', 'Prepared by'],
      type: 'text',
      required: false,
      description: t(
        'Quién lo preparó (Excel no da el nombre del usuario a los complementos).',
        'Who prepared it (Excel does not give add-ins the user name).',
      ),
      example: 'Ana López',
    }),
    dateColumn(
      'date',
      'Fecha',
      'Date',
      ['Fecha del escenario'],
      t('Fecha del escenario.', 'Date of the scenario.'),
      '2026-10-15',
      false,
      t('sin fecha', 'no date'),
    ),
    column({
      id: 'notes',
      es: 'Notas',
      en: 'Notes',
      aliases: ['Comentarios', 'Comments', 'Descripción', 'Description'],
      type: 'text',
      required: false,
      description: t('Texto libre.', 'Free text.'),
      example: 'Un punto más de crecimiento a cambio de 6 % de lista',
    }),
  ],
});

export const SCENARIO_CHANGES = table({
  id: 'ScenarioChanges',
  en: 'ScenarioChanges',
  es: 'CambiosEscenario',
  aliases: ['Cambios de escenario', 'Palancas', 'Levers', 'Scenario changes'],
  required: false,
  mustHaveRows: false,
  description: t(
    'Las palancas de cada escenario, una por renglón, en orden: qué cambia (condición, escalón, promoción, cambio de precio, volumen, costo de servir), su ID, el campo y el valor nuevo. Un cambio sobre algo que no existe es un error.',
    "Each scenario's levers, one per row, in order: what it changes (term, tier, promotion, price change, volume, cost to serve), its ID, the field and the new value. A change on something missing is an error.",
  ),
  columns: [
    column({
      id: 'scenarioId',
      es: 'ID escenario',
      en: 'Scenario ID',
      aliases: ['Escenario', 'Scenario'],
      type: 'text',
      required: true,
      description: t('Escenario (de la tabla Escenarios).', 'Scenario (from the Scenarios table).'),
      example: 'WMX-P1',
    }),
    column({
      id: 'action',
      es: 'Acción',
      en: 'Action',
      type: 'enum',
      values: LEVER_ACTION_VALUES,
      required: false,
      description: t(
        'Cambiar un campo; agregar (una promoción copiada de otra, un cambio de precio); quitar (una condición o una promoción).',
        'Change a field; add (a promotion copied from another, a price change); remove (a term or a promotion).',
      ),
      blank: t('cambiar', 'change'),
      example: 'cambiar',
    }),
    column({
      id: 'target',
      es: 'Objeto',
      en: 'Target',
      aliases: ['Qué cambia', 'What changes', 'Palanca', 'Lever'],
      type: 'enum',
      values: LEVER_TARGET_VALUES,
      required: true,
      description: t('Qué cambia.', 'What changes.'),
      example: 'condición',
    }),
    column({
      id: 'targetId',
      es: 'ID objetivo',
      en: 'Target ID',
      aliases: ['ID', 'Clave'],
      type: 'text',
      required: false,
      description: t(
        'ID de la condición o de la promoción (la nueva, al agregar); tipo de costo de servir (flete, almacenaje…); vacío para precio y volumen.',
        'ID of the term or promotion (the new one, when adding); cost-to-serve kind (freight, storage…); blank for price and volume.',
      ),
      example: 'WMX-02',
    }),
    column({
      id: 'tier',
      es: 'Escalón',
      en: 'Tier',
      aliases: ['Núm. escalón', 'Tier no.'],
      type: 'integer',
      required: false,
      min: 1,
      max: 99,
      description: t(
        'Número de escalón (1 = el primero) para un cambio de escalón.',
        'Tier number (1 = the first) for a tier change.',
      ),
      example: 2,
    }),
    column({
      id: 'field',
      es: 'Campo',
      en: 'Field',
      aliases: ['Concepto', 'Qué campo'],
      type: 'enum',
      values: LEVER_FIELD_VALUES,
      required: false,
      description: t(
        'Campo que cambia: tasa o base (condición); desde, hasta o tasa (escalón); profundidad, fondeo, incremento, costos fijos… (promoción); cambio % (precio, volumen); tasa (costo).',
        'Field that changes: rate or basis (term); from, to or rate (tier); depth, funding, uplift, fixed costs… (promotion); change % (price, volume); rate (cost).',
      ),
      blank: t('tasa; cambio % para precio y volumen', 'rate; change % for price and volume'),
      example: 'tasa',
    }),
    column({
      id: 'value',
      es: 'Valor nuevo',
      en: 'New value',
      aliases: ['Valor', 'Value', 'Nuevo valor'],
      type: 'text',
      required: false,
      description: t(
        'El valor nuevo, en la unidad del campo (5 % = 0.05; MXN; unidades); vacío en «incremento» = el de la elasticidad, en «hasta» = sin límite.',
        'The new value, in the field\'s unit (5 % = 0.05; MXN; units); blank for "uplift" = from the elasticity, for "to" = no upper bound.',
      ),
      example: '3.5%',
    }),
    scopeKindColumn,
    scopeValuesColumn,
    dateColumn(
      'dateFrom',
      'Desde',
      'From',
      ['Fecha efectiva', 'Effective date', 'Vigente desde', 'En tienda desde'],
      t(
        'Fecha efectiva de un cambio de precio; primer día en tienda de una promoción agregada.',
        'Effective date of a price change; first in-store day of an added promotion.',
      ),
      '2026-03-01',
      false,
      t('la de la promoción copiada', 'that of the promotion copied'),
    ),
    dateColumn(
      'dateTo',
      'Hasta',
      'To',
      ['En tienda hasta'],
      t('Último día en tienda de una promoción agregada.', 'Last in-store day of an added promotion.'),
      '2026-03-14',
      false,
      t('la de la promoción copiada', 'that of the promotion copied'),
    ),
    column({
      id: 'basedOn',
      es: 'Copia de',
      en: 'Copy of',
      aliases: ['Basada en', 'Based on', 'Plantilla', 'Template'],
      type: 'text',
      required: false,
      description: t(
        'Al agregar una promoción: el evento (tabla Promociones) cuya mecánica, fondeo y supuestos se copian.',
        'When adding a promotion: the event (Promotions table) whose mechanic, funding and assumptions are copied.',
      ),
      example: 'WMX-JR-01',
    }),
    descriptionColumn('Un punto más de bono de crecimiento'),
  ],
});

/** Keys of the Settings table; value cells are read with the same rules as columns of the same type. */
export const SETTING_SPECS: ColumnSpec[] = [
  {
    id: 'fiscalYear',
    es: 'Año fiscal',
    en: 'Fiscal year',
    aliases: ['Año', 'Ejercicio', 'Year'],
    type: 'integer',
    required: false,
    min: 2000,
    max: 2100,
    description: t('Año calendario del plan (enero a diciembre).', 'Calendar year of the plan (January to December).'),
    blank: t('2026', '2026'),
    example: 2026,
  },
  {
    id: 'currency',
    es: 'Moneda',
    en: 'Currency',
    type: 'enum',
    values: CURRENCY_VALUES,
    required: false,
    description: t('Moneda de todos los montos.', 'Currency of every amount.'),
    blank: t('MXN', 'MXN'),
    example: 'MXN',
  },
  {
    id: 'periodicity',
    es: 'Periodicidad',
    en: 'Periodicity',
    type: 'enum',
    values: PERIODICITY_VALUES,
    required: false,
    description: t(
      'Meses o semanas ISO; todos los periodos del libro deben ser de este tipo.',
      'Months or ISO weeks; every period of the workbook must be of this kind.',
    ),
    blank: t('la de los periodos de la tabla VolumenesBase', 'that of the BaseVolumes periods'),
    example: 'mensual',
  },
  {
    id: 'costOfCapital',
    es: 'Costo de capital',
    en: 'Cost of capital',
    aliases: ['Costo de capital anual', 'Annual cost of capital', 'WACC'],
    type: 'fraction',
    required: false,
    min: 0,
    max: 1,
    unit: FRACTION,
    description: t(
      'Tasa anual para el costo financiero de los días de crédito.',
      'Annual rate for the financing cost of payment days.',
    ),
    blank: t('11 %', '11 %'),
    example: 0.11,
  },
  {
    id: 'costToServePlacement',
    es: 'Ubicación del costo de servir',
    en: 'Cost-to-serve placement',
    aliases: ['Costo de servir', 'Cost to serve'],
    type: 'enum',
    values: PLACEMENT_VALUES,
    required: false,
    description: t(
      'Dentro: el costo de servir baja el precio de bolsillo en la cascada. Debajo: solo en el estado de resultados.',
      'Inside: cost-to-serve lowers the pocket price in the waterfall. Below: only in the P&L.',
    ),
    blank: t('debajo', 'below'),
    example: 'debajo',
  },
  {
    id: 'interimTierPolicy',
    es: 'Política de escalón interino',
    en: 'Interim-tier policy',
    aliases: ['Escalón interino', 'Interim tier', 'Política de provisión'],
    type: 'enum',
    values: INTERIM_POLICY_VALUES,
    required: false,
    description: t(
      'Provisión mensual de bonos escalonados: con el escalón del pronóstico de cierre o con el alcanzado a la fecha (con ajuste al cambiar).',
      'Monthly accrual of tiered rebates: at the forecast year-end tier or the tier reached so far (with a true-up when it changes).',
    ),
    blank: t('pronóstico de cierre', 'forecast year-end'),
    example: 'pronóstico de cierre',
  },
  {
    id: 'roiVariant',
    es: 'Variante de ROI',
    en: 'ROI variant',
    type: 'enum',
    values: ROI_VARIANT_VALUES,
    required: false,
    description: t(
      'ROI bruto = utilidad incremental / inversión (recupera arriba de 1.0); ROI neto = (utilidad − inversión) / inversión (arriba de 0).',
      'Gross ROI = incremental profit / spend (pays back above 1.0); net ROI = (profit − spend) / spend (above 0).',
    ),
    blank: t('ROI bruto', 'gross ROI'),
    example: 'ROI bruto',
  },
  {
    id: 'passThrough',
    es: 'Traslado al anaquel',
    en: 'Pass-through',
    aliases: ['Pass-through', 'Traslado', 'Traspaso al anaquel'],
    type: 'fraction',
    required: false,
    min: 0,
    max: 1,
    description: t(
      'Parte de un cambio en el precio del fabricante que el detallista traslada al precio de anaquel.',
      "Share of a change in the maker's price that the retailer passes on to the shelf price.",
    ),
    blank: t('100 %', '100 %'),
    example: '100%',
  },
  {
    id: 'elasticityForm',
    es: 'Forma de la elasticidad',
    en: 'Elasticity form',
    aliases: ['Elasticidad', 'Elasticity'],
    type: 'enum',
    values: ELASTICITY_FORM_VALUES,
    required: false,
    description: t(
      'Respuesta del volumen al precio al consumidor: constante Q1/Q0 = (P1/P0)^ε, o lineal 1 + ε (P1/P0 − 1).',
      'Volume response to the consumer price: constant Q1/Q0 = (P1/P0)^ε, or linear 1 + ε (P1/P0 − 1).',
    ),
    blank: t('constante', 'constant'),
    example: 'constante',
  },
  {
    id: 'pricePointEnding',
    es: 'Terminación de precio',
    en: 'Price ending',
    aliases: ['Punto de precio', 'Price point', 'Terminación'],
    type: 'number',
    required: false,
    min: 0,
    max: 0.99,
    description: t(
      'Centavos en que termina el precio al consumidor (0.90 → $x.90), redondeado al más cercano; el margen del detallista absorbe la diferencia.',
      "Cents the consumer price ends in (0.90 → $x.90), rounded to the nearest; the retailer's margin absorbs the difference.",
    ),
    blank: t('sin redondeo', 'no rounding'),
    example: 0.9,
  },
  {
    id: 'moneyDecimals',
    es: 'Decimales de dinero',
    en: 'Money decimals',
    aliases: ['Decimales', 'Decimals'],
    type: 'integer',
    required: false,
    min: 0,
    max: 6,
    description: t(
      'Decimales al escribir montos en los resultados (el cálculo no redondea).',
      'Decimals when writing money to results (calculation does not round).',
    ),
    blank: t('2', '2'),
    example: 2,
  },
  {
    id: 'daysInYear',
    es: 'Días del año',
    en: 'Days in year',
    aliases: ['Días por año', 'Days per year'],
    type: 'integer',
    required: false,
    min: 360,
    max: 366,
    description: t(
      'Días del año en la fórmula del costo financiero (365 o 360).',
      'Days in the year in the financing cost formula (365 or 360).',
    ),
    blank: t('365', '365'),
    example: 365,
  },
  {
    id: 'minContributionPct',
    es: 'Contribución mínima',
    en: 'Minimum contribution',
    aliases: ['Margen de contribución mínimo', 'Minimum contribution margin', 'Piso de contribución'],
    type: 'fraction',
    required: false,
    min: -1,
    max: 1,
    unit: FRACTION,
    description: t(
      'Barrera: contribución del cliente mínima, como % de su venta neta.',
      "Guardrail: the customer's minimum contribution, as % of its net sales.",
    ),
    blank: t('no se revisa', 'not checked'),
    example: '28%',
  },
  {
    id: 'minGrossMarginPct',
    es: 'Margen bruto mínimo',
    en: 'Minimum gross margin',
    aliases: ['Utilidad bruta mínima'],
    type: 'fraction',
    required: false,
    min: -1,
    max: 1,
    unit: FRACTION,
    description: t(
      'Barrera: utilidad bruta mínima, como % de la venta neta.',
      'Guardrail: minimum gross profit, as % of net sales.',
    ),
    blank: t('no se revisa', 'not checked'),
    example: '40%',
  },
  {
    id: 'maxTradeSpendPct',
    es: 'Gasto comercial máximo',
    en: 'Maximum trade spend',
    aliases: ['Inversión comercial máxima', 'Max trade spend'],
    type: 'fraction',
    required: false,
    min: 0,
    max: 1,
    unit: FRACTION,
    description: t(
      'Barrera: gasto comercial (condiciones y promociones) máximo, como % de la venta bruta.',
      'Guardrail: maximum trade spend (terms and promotions), as % of gross sales.',
    ),
    blank: t('no se revisa', 'not checked'),
    example: '22%',
  },
  {
    id: 'maxPromoSpendPct',
    es: 'Gasto promocional máximo',
    en: 'Maximum promotional spend',
    aliases: ['Inversión promocional máxima'],
    type: 'fraction',
    required: false,
    min: 0,
    max: 1,
    unit: FRACTION,
    description: t(
      'Barrera: gasto promocional del fabricante máximo, como % de la venta bruta.',
      "Guardrail: the maker's maximum promotional spend, as % of gross sales.",
    ),
    blank: t('no se revisa', 'not checked'),
    example: '6%',
  },
  {
    id: 'minPriceIndex',
    es: 'Índice de precio mínimo',
    en: 'Minimum price index',
    aliases: ['Índice mínimo'],
    type: 'number',
    required: false,
    min: 0,
    description: t(
      'Barrera: índice de precio al consumidor contra la competencia (100 = igual), mínimo; ponderado por volumen.',
      'Guardrail: consumer price index against the competition (100 = same), minimum; volume-weighted.',
    ),
    blank: t('no se revisa', 'not checked'),
    example: 95,
  },
  {
    id: 'maxPriceIndex',
    es: 'Índice de precio máximo',
    en: 'Maximum price index',
    aliases: ['Índice máximo'],
    type: 'number',
    required: false,
    min: 0,
    description: t(
      'Barrera: índice de precio al consumidor contra la competencia, máximo.',
      'Guardrail: consumer price index against the competition, maximum.',
    ),
    blank: t('no se revisa', 'not checked'),
    example: 110,
  },
  {
    id: 'minPromotionRoi',
    es: 'ROI mínimo de promoción',
    en: 'Minimum promotion ROI',
    aliases: ['ROI mínimo', 'Minimum ROI'],
    type: 'number',
    required: false,
    description: t(
      'Barrera: el ROI del peor evento del cliente, en la variante de ROI de los parámetros.',
      "Guardrail: the ROI of the customer's worst event, in the settings' ROI variant.",
    ),
    blank: t('no se revisa', 'not checked'),
    example: 1,
  },
];

type ColumnsOf<T> = T extends TableSpec<infer C> ? C : never;
/** Every column id of every input table, as a union: `BoundTable.col` takes only these. */
export type ColumnId = ColumnsOf<
  | typeof SETTINGS
  | typeof CUSTOMERS
  | typeof PRODUCTS
  | typeof BASE_VOLUMES
  | typeof TERMS
  | typeof TERM_TIERS
  | typeof COST_TO_SERVE
  | typeof PRICE_CHANGES
  | typeof RETAILER_MARGINS
  | typeof ELASTICITIES
  | typeof COMPETITOR_PRICES
  | typeof PROMOTIONS
  | typeof TAX_RATES
  | typeof SCENARIOS
  | typeof SCENARIO_CHANGES
>;

/** Every input table, in parsing order (a table only refers to tables before it). */
export const INPUT_TABLES: readonly TableSpec[] = [
  SETTINGS,
  CUSTOMERS,
  PRODUCTS,
  BASE_VOLUMES,
  TERMS,
  TERM_TIERS,
  COST_TO_SERVE,
  PRICE_CHANGES,
  RETAILER_MARGINS,
  ELASTICITIES,
  COMPETITOR_PRICES,
  PROMOTIONS,
  TAX_RATES,
  SCENARIOS,
  SCENARIO_CHANGES,
];

/** Every table name the contract accepts (English, Spanish and aliases), for host.readTables. */
export const INPUT_TABLE_NAMES: readonly string[] = INPUT_TABLES.flatMap((s) => [s.en, s.es, ...s.aliases]);

export function tableSpec(name: string): TableSpec | undefined {
  return matchTableName(name)?.spec;
}

/** Which contract table a workbook table name is, and whether the name used is the Spanish one. */
export function matchTableName(name: string): { spec: TableSpec; spanish: boolean } | undefined {
  const key = squashName(name);
  for (const spec of INPUT_TABLES) {
    if (squashName(spec.en) === key) return { spec, spanish: false };
    if (squashName(spec.es) === key || spec.aliases.some((a) => squashName(a) === key)) return { spec, spanish: true };
  }
  return undefined;
}
