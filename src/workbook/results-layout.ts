/**
 * Result sheets as plain data (ResultsPlan): customer P&L, price waterfall (+ chart data), spend by term, accruals,
 * findings and run info, in the run's language. Every host writes the same plan.
 *
 * Formulas are plain A1 with Excel 2016 functions (SUM, SUMIF, SUMPRODUCT, IF), written where they let finance
 * audit the arithmetic: derived columns of a row (invoice = gross − on-invoice ...), totals over the rows above,
 * ratios from summed money. Each carries the engine's value as its cached result. Money is written at full
 * precision; Settings.moneyDecimals sets the decimals of the MXN number format (display rounding only).
 * Totals sit inside the tables and are told apart by the first column (Nivel / Level): portfolio rows sum the
 * "SKU" (or term) rows with SUMIF, so they never double-count customer subtotals.
 */
import { columnLetters } from './a1';
import {
  marginPct,
  METRIC_BY_ID,
  metricValue,
  waterfallOf,
  type AccrualRow,
  type CostToServePlacement,
  type Lang,
  type Measure,
  type MetricUnit,
  type Model,
  type ModelResults,
  type PnlTotals,
  type Settings,
  type Term,
  type Text,
} from '../engine';
import {
  ALLOCATION_VALUES,
  INTERIM_POLICY_VALUES,
  MEASURE_VALUES,
  SETTING_SPECS,
  TERM_BASIS_VALUES,
  TERM_KIND_VALUES,
  type EnumValue,
} from './contract/specs';
import type {
  NumberFormatKind,
  ResultCell,
  ResultChart,
  ResultColumn,
  ResultSheet,
  ResultsPlan,
  ResultTable,
  SourceInfo,
} from './port';

// ---------------------------------------------------------------- placement (shared with every host)

/** Where a table of a result sheet lands. Formulas in the plan point at these rows, so hosts must follow it. */
export interface TablePlacement {
  /** Row of the title (when the table has one). */
  titleRow?: number;
  headerRow: number;
  firstDataRow: number;
  /** Last data row (an empty table still occupies one blank data row, as in Excel). */
  lastRow: number;
}

/**
 * Tables start in column A and stack downwards from row 1: a titled table has its title two rows above its
 * header (so the first one starts at A3), and one blank row separates consecutive tables.
 */
export function placeTables(tables: readonly Pick<ResultTable, 'title' | 'rows'>[]): TablePlacement[] {
  const out: TablePlacement[] = [];
  let row = 1;
  for (const t of tables) {
    const titleRow = t.title ? row : undefined;
    const headerRow = t.title ? row + 2 : row;
    const lastRow = headerRow + Math.max(t.rows.length, 1);
    out.push({ titleRow, headerRow, firstDataRow: headerRow + 1, lastRow });
    row = lastRow + 2;
  }
  return out;
}

/** 1-based column number → letters (1 → A, 27 → AA). */
export const columnLetter = columnLetters;

/** Sheet names Excel accepts: 1–31 characters, none of : \ / ? * [ ], not starting or ending with '. */
export function isValidSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !/^'|'$/.test(name);
}

// ---------------------------------------------------------------- number formats

export const NUMBER_FORMATS: Record<NumberFormatKind, string> = {
  mxn: '"$"#,##0.00',
  mxn_unit: '"$"#,##0.0000',
  pct: '0.0%',
  units: '#,##0',
  integer: '0',
  text: 'General',
  date: 'yyyy-mm-dd',
  rate: '0.00%',
};

/** MXN with the decimals the Settings ask for (2 → '"$"#,##0.00', 0 → '"$"#,##0'). */
export function mxnFormat(decimals: number): string {
  const d = Math.max(0, Math.min(6, Math.round(decimals)));
  return d === 0 ? '"$"#,##0' : `"$"#,##0.${'0'.repeat(d)}`;
}

/** Plain numbers of mixed units (MXN, units, growth fractions) in one column. */
const NUMBER_FORMAT = '#,##0.00';

// ---------------------------------------------------------------- names and texts

export type ResultSheetId = 'pnl' | 'waterfall' | 'waterfall_chart' | 'spend' | 'accruals' | 'findings' | 'run_info';

/** Result sheet names in both languages (≤ 31 chars), so hosts can find and replace a previous run's sheets. */
export const RESULT_SHEET_NAMES: Record<ResultSheetId, Text> = {
  pnl: { es: 'TT P&L cliente', en: 'TT Customer P&L' },
  waterfall: { es: 'TT Cascada', en: 'TT Waterfall' },
  waterfall_chart: { es: 'TT Cascada gráfica', en: 'TT Waterfall chart' },
  spend: { es: 'TT Gasto por término', en: 'TT Spend by term' },
  accruals: { es: 'TT Provisiones', en: 'TT Accruals' },
  findings: { es: 'TT Hallazgos', en: 'TT Findings' },
  run_info: { es: 'TT Info corrida', en: 'TT Run info' },
};

/** Excel table names of the results (language-neutral, stable between runs). */
export const RESULT_TABLE_NAMES = {
  pnl: 'ttm_CustomerPnl',
  waterfall: 'ttm_Waterfall',
  spend: 'ttm_SpendByTerm',
  accruals: 'ttm_Accruals',
  findings: 'ttm_Findings',
  runInfo: 'ttm_RunInfo',
  /** Per customer (1-based position in Customers) or the portfolio: ttm_Steps_C1, ttm_Steps_Portfolio. */
  steps: (customerPosition: number | 'portfolio') =>
    customerPosition === 'portfolio' ? 'ttm_Steps_Portfolio' : `ttm_Steps_C${customerPosition}`,
};

/** Native charts are heavy in Excel: the portfolio and the first customers get one, every customer gets the data. */
export const MAX_WATERFALL_CHARTS = 25;

const LABELS = {
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
  item: { es: 'Concepto', en: 'Item' },
  value: { es: 'Valor', en: 'Value' },
} satisfies Record<string, Text>;

/** First-column values that tell detail rows from totals (also the SUMIF criteria of portfolio rows). */
export const LEVELS = {
  sku: { es: 'SKU', en: 'SKU' },
  term: { es: 'Término', en: 'Term' },
  customerTotal: { es: 'Total cliente', en: 'Customer total' },
  portfolioTotal: { es: 'Total portafolio', en: 'Portfolio total' },
} satisfies Record<string, Text>;

const YES: Text = { es: 'Sí', en: 'Yes' };
const NO: Text = { es: 'No', en: 'No' };

function enumLabel(values: readonly EnumValue[], id: string, lang: Lang): string {
  return values.find((v) => v.id === id)?.[lang] ?? id;
}

// ---------------------------------------------------------------- table drafting

export interface ResultsContext {
  lang: Lang;
  source: SourceInfo;
  runAt: Date;
  scenarioNote?: string;
  /** Version of the engine/app that computed the results (the CLI passes package.json's). */
  engineVersion?: string;
}

/** A table being filled row by row, knowing the sheet row of every row so formulas can point at cells. */
class TableDraft {
  readonly rows: ResultCell[][] = [];
  readonly totalRows: number[] = [];
  /** Per-cell number formats by row (sparse), for the few tables whose columns mix units. */
  private readonly formats = new Map<number, (string | undefined)[]>();
  private readonly position = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly columns: ResultColumn[],
    readonly headerRow: number,
    readonly title?: string,
  ) {
    const headers = new Set<string>();
    columns.forEach((c, i) => {
      const h = c.header.toLowerCase();
      if (this.position.has(c.id) || headers.has(h)) {
        throw new Error(`Columna repetida en ${name}: ${c.id} / duplicate column in ${name}: ${c.id}`);
      }
      headers.add(h);
      this.position.set(c.id, i);
    });
  }

  get firstRow(): number {
    return this.headerRow + 1;
  }

  /** Sheet row the next added row will occupy. */
  get nextRow(): number {
    return this.headerRow + 1 + this.rows.length;
  }

  get lastRow(): number {
    return this.headerRow + Math.max(this.rows.length, 1);
  }

  col(id: string): string {
    const i = this.position.get(id);
    if (i === undefined) throw new Error(`${this.name}: no column ${id}`);
    return columnLetter(i + 1);
  }

  at(id: string, row: number): string {
    return `${this.col(id)}${row}`;
  }

  /** "G2:G40", or "$G$2:$G$40" when the same range is repeated across a row of formulas. */
  range(id: string, from: number, to: number, absolute = false): string {
    const c = this.col(id);
    return absolute ? `$${c}$${from}:$${c}$${to}` : `${c}${from}:${c}${to}`;
  }

  add(cells: Readonly<Record<string, ResultCell | undefined>>, total = false): number {
    const row = this.nextRow;
    const values: ResultCell[] = this.columns.map(() => null);
    for (const [id, v] of Object.entries(cells)) {
      const i = this.position.get(id);
      if (i === undefined) throw new Error(`${this.name}: no column ${id}`);
      values[i] = v ?? null;
    }
    if (total) this.totalRows.push(this.rows.length);
    this.rows.push(values);
    return row;
  }

  /** Gives one cell of the last added row its own number format (the column's format elsewhere). */
  formatLast(id: string, numberFormat: string): void {
    const i = this.position.get(id);
    if (i === undefined) throw new Error(`${this.name}: no column ${id}`);
    const r = this.rows.length - 1;
    const formats = this.formats.get(r) ?? this.columns.map(() => undefined);
    formats[i] = numberFormat;
    this.formats.set(r, formats);
  }

  toTable(): ResultTable {
    const t: ResultTable = { name: this.name, columns: this.columns, rows: this.rows };
    if (this.title) t.title = this.title;
    if (this.totalRows.length > 0) t.totalRows = this.totalRows;
    if (this.formats.size > 0) t.cellFormats = this.rows.map((_, r) => this.formats.get(r) ?? []);
    return t;
  }
}

class SheetDraft {
  readonly tables: TableDraft[] = [];
  readonly charts: ResultChart[] = [];
  constructor(
    readonly name: string,
    readonly freezeHeader: boolean,
  ) {}

  /** Starts the next table below the previous one (which must be complete), following placeTables. */
  table(name: string, columns: ResultColumn[], title?: string): TableDraft {
    const prev = this.tables[this.tables.length - 1];
    const start = prev ? prev.lastRow + 2 : 1;
    const t = new TableDraft(name, columns, title ? start + 2 : start, title);
    this.tables.push(t);
    return t;
  }

  toSheet(): ResultSheet {
    const s: ResultSheet = {
      name: this.name,
      tables: this.tables.map((t) => t.toTable()),
      freezeHeader: this.freezeHeader,
    };
    if (this.charts.length > 0) s.charts = this.charts;
    return s;
  }
}

const FORMAT_OF_UNIT: Record<MetricUnit, NumberFormatKind> = {
  mxn: 'mxn',
  mxn_unit: 'mxn_unit',
  pct: 'pct',
  units: 'units',
  rate: 'rate',
};

/** Column factory for one run (language and money decimals). */
class Columns {
  constructor(
    private readonly lang: Lang,
    private readonly moneyFormat: string,
  ) {}

  private make(
    id: string,
    header: string,
    format: NumberFormatKind,
    width: number,
    numberFormat?: string,
  ): ResultColumn {
    return {
      id,
      header,
      format,
      numberFormat: numberFormat ?? (format === 'mxn' ? this.moneyFormat : NUMBER_FORMATS[format]),
      width,
    };
  }

  /** A metric column: header from the engine's METRICS registry. */
  metric(id: string, width?: number, headerSuffix = ''): ResultColumn {
    const m = METRIC_BY_ID.get(id);
    if (!m) throw new Error(`Métrica desconocida / unknown metric: ${id}`);
    const format = FORMAT_OF_UNIT[m.unit];
    const w = width ?? (format === 'pct' ? 12 : format === 'units' ? 12 : format === 'mxn_unit' ? 15 : 17);
    return this.make(id, m[this.lang] + headerSuffix, format, w);
  }

  field(id: keyof typeof LABELS, format: NumberFormatKind, width: number, numberFormat?: string): ResultColumn {
    return this.make(id, LABELS[id][this.lang], format, width, numberFormat);
  }

  /** A metric shown in another unit than its registry one (e.g. effective rate as % and as MXN/unit). */
  metricAs(
    id: string,
    columnId: string,
    format: NumberFormatKind,
    headerSuffix: string,
    width: number,
    numberFormat?: string,
  ): ResultColumn {
    const m = METRIC_BY_ID.get(id);
    if (!m) throw new Error(`Métrica desconocida / unknown metric: ${id}`);
    return this.make(columnId, m[this.lang] + headerSuffix, format, width, numberFormat);
  }
}

/** Engine number as a cell value: NaN (undefined ratio or per-unit of nothing) is written blank. */
function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Cached result of a formula whose Excel value is "" when undefined (IF(den=0,"",...)). */
function res(x: number): number | string {
  return Number.isFinite(x) ? x : '';
}

function fx(formula: string, result: number | string | null): ResultCell {
  return { formula, result };
}

/** IF(den=0,"",num/den): a ratio that stays blank instead of #DIV/0!. */
function ratioFormula(numRef: string, denRef: string): string {
  return `=IF(${denRef}=0,"",${numRef}/${denRef})`;
}

/** Sorted product indexes of a customer's SKU rows. */
function productsOf(byProduct: Map<number, PnlTotals>): number[] {
  return [...byProduct.keys()].sort((a, b) => a - b);
}

// ---------------------------------------------------------------- customer × SKU tables (P&L and waterfall)

/** The level and who-and-what columns that open the P&L and the waterfall tables. */
function customerSkuColumns(cols: Columns): ResultColumn[] {
  return [
    cols.field('level', 'text', 16),
    cols.field('customer_id', 'text', 12),
    cols.field('customer_name', 'text', 26),
    cols.field('sku', 'text', 14),
    cols.field('description', 'text', 30),
  ];
}

/** The figures a customer × SKU table puts in each kind of row (r = the sheet row being added). */
interface CustomerSkuFigures {
  sku(r: number, t: PnlTotals): Record<string, ResultCell>;
  /** Over the customer's SKU rows first..last (last < first: the customer has none). */
  customerTotal(r: number, t: PnlTotals, first: number, last: number): Record<string, ResultCell>;
  /** Over every row from the table's first to last (last < first: the table is empty). */
  portfolioTotal(r: number, t: PnlTotals, last: number): Record<string, ResultCell>;
}

/**
 * Per customer (Customers order) its SKU rows (product order) then its total row; the portfolio total last.
 * Writes the level and identity cells; the sheet supplies the figures.
 */
function fillCustomerSkuRows(
  d: TableDraft,
  model: Model,
  results: ModelResults,
  lang: Lang,
  figures: CustomerSkuFigures,
): void {
  results.customers.forEach((cr, c) => {
    const customer = model.customers[c];
    const who = { customer_id: customer.id, customer_name: customer.name };
    const first = d.nextRow;
    for (const p of productsOf(cr.byProduct)) {
      const product = model.products[p];
      const cells = figures.sku(d.nextRow, cr.byProduct.get(p)!);
      d.add({ level: LEVELS.sku[lang], ...who, sku: product.sku, description: product.description, ...cells });
    }
    const total = figures.customerTotal(d.nextRow, cr.totals, first, d.nextRow - 1);
    d.add({ level: LEVELS.customerTotal[lang], ...who, ...total }, true);
  });
  const portfolio = figures.portfolioTotal(d.nextRow, results.portfolio, d.nextRow - 1);
  d.add({ level: LEVELS.portfolioTotal[lang], ...portfolio }, true);
}

// ---------------------------------------------------------------- customer P&L

/** P&L money columns: those a SKU row takes from the engine, and those derived by a formula of the row. */
const PNL_SOURCE = ['volume', 'gross_sales', 'on_invoice', 'off_invoice', 'cogs', 'cost_to_serve', 'financing_cost'];
const PNL_MONEY = [...PNL_SOURCE, 'invoice_sales', 'net_sales', 'trade_spend', 'gross_profit', 'contribution'];

function pnlSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const placement = model.settings.costToServePlacement;
  const sheet = new SheetDraft(RESULT_SHEET_NAMES.pnl[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.pnl, [
    ...customerSkuColumns(cols),
    cols.metric('volume'),
    cols.metric('gross_sales'),
    cols.metric('on_invoice'),
    cols.metric('invoice_sales'),
    cols.metric('off_invoice'),
    cols.metric('net_sales'),
    cols.metric('trade_spend'),
    cols.metric('trade_spend_pct'),
    cols.metric('cogs'),
    cols.metric('gross_profit'),
    cols.metric('gross_margin_pct'),
    cols.metric('cost_to_serve'),
    cols.metric('financing_cost'),
    cols.metric('contribution'),
    cols.metric('contribution_pct'),
  ]);
  const v = (id: string, t: PnlTotals) => metricValue(id, t, placement);
  const ratios = (r: number, t: PnlTotals): Record<string, ResultCell> => ({
    trade_spend_pct: fx(ratioFormula(d.at('trade_spend', r), d.at('gross_sales', r)), res(v('trade_spend_pct', t))),
    gross_margin_pct: fx(ratioFormula(d.at('gross_profit', r), d.at('net_sales', r)), res(v('gross_margin_pct', t))),
    contribution_pct: fx(ratioFormula(d.at('contribution', r), d.at('net_sales', r)), res(v('contribution_pct', t))),
  });
  /** A total row: each money column summed over the rows first..last, or the engine's value when there are none. */
  const total = (r: number, t: PnlTotals, first: number, last: number, sumOf: (id: string) => string) => ({
    ...Object.fromEntries(PNL_MONEY.map((id) => [id, last >= first ? fx(sumOf(id), v(id, t)) : v(id, t)])),
    ...ratios(r, t),
  });

  fillCustomerSkuRows(d, model, results, lang, {
    sku: (r, t) => {
      const a = (id: string) => d.at(id, r);
      return {
        ...Object.fromEntries(PNL_SOURCE.map((id) => [id, v(id, t)])),
        invoice_sales: fx(`=${a('gross_sales')}-${a('on_invoice')}`, t.invoiceSales),
        net_sales: fx(`=${a('invoice_sales')}-${a('off_invoice')}`, t.netSales),
        trade_spend: fx(`=${a('on_invoice')}+${a('off_invoice')}`, v('trade_spend', t)),
        gross_profit: fx(`=${a('net_sales')}-${a('cogs')}`, t.grossProfit),
        contribution: fx(`=${a('gross_profit')}-${a('cost_to_serve')}`, t.contribution),
        ...ratios(r, t),
      };
    },
    customerTotal: (r, t, first, last) => total(r, t, first, last, (id) => `=SUM(${d.range(id, first, last)})`),
    portfolioTotal: (r, t, last) => {
      const level = d.range('level', d.firstRow, Math.max(last, d.firstRow), true);
      return total(
        r,
        t,
        d.firstRow,
        last,
        (id) => `=SUMIF(${level},"${LEVELS.sku[lang]}",${d.range(id, d.firstRow, last)})`,
      );
    },
  });
  return sheet.toSheet();
}

// ---------------------------------------------------------------- price waterfall

const WATERFALL_SOURCE = [
  'list_price',
  'on_invoice_per_unit',
  'off_invoice_per_unit',
  'cost_to_serve_per_unit',
  'cogs_per_unit',
];

function waterfallSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const placement = model.settings.costToServePlacement;
  const sheet = new SheetDraft(RESULT_SHEET_NAMES.waterfall[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.waterfall, [
    ...customerSkuColumns(cols),
    cols.metric('volume'),
    cols.metric('list_price'),
    cols.metric('on_invoice_per_unit'),
    cols.metric('invoice_price'),
    cols.metric('off_invoice_per_unit'),
    cols.metric('cost_to_serve_per_unit'),
    cols.metric('pocket_price'),
    cols.metric('cogs_per_unit'),
    cols.metric('pocket_margin'),
    cols.metric('pocket_margin_pct'),
    cols.metric('leakage'),
    cols.metric('leakage_pct'),
  ]);
  const v = (id: string, t: PnlTotals) => metricValue(id, t, placement);

  /** Invoice price, pocket price, margin and leakage from the row's own per-unit inputs. */
  const derived = (r: number, t: PnlTotals): Record<string, ResultCell> => {
    const a = (id: string) => d.at(id, r);
    return {
      invoice_price: fx(`=${a('list_price')}-${a('on_invoice_per_unit')}`, v('invoice_price', t)),
      pocket_price: fx(
        `=${a('invoice_price')}-${a('off_invoice_per_unit')}-${a('cost_to_serve_per_unit')}`,
        v('pocket_price', t),
      ),
      pocket_margin: fx(`=${a('pocket_price')}-${a('cogs_per_unit')}`, v('pocket_margin', t)),
      pocket_margin_pct: fx(ratioFormula(a('pocket_margin'), a('pocket_price')), res(v('pocket_margin_pct', t))),
      leakage: fx(`=${a('list_price')}-${a('pocket_price')}`, v('leakage', t)),
      leakage_pct: fx(ratioFormula(a('leakage'), a('list_price')), res(v('leakage_pct', t))),
    };
  };
  /**
   * A total row over some rows: their volume, then (unless nothing sold) each per-unit input volume-weighted =
   * summed money ÷ summed volume, rebuilt from the SKU rows, and the derived figures.
   */
  const total = (r: number, t: PnlTotals, volumeFormula: string, weightedOf: (id: string) => string) => {
    const cells: Record<string, ResultCell> = { volume: fx(volumeFormula, t.volume) };
    if (t.volume !== 0) {
      for (const id of WATERFALL_SOURCE) cells[id] = fx(weightedOf(id), res(v(id, t)));
      Object.assign(cells, derived(r, t));
    }
    return cells;
  };

  fillCustomerSkuRows(d, model, results, lang, {
    // Per-unit figures of nothing sold are undefined: left blank rather than shown as 0.
    sku: (r, t) =>
      t.volume === 0
        ? { volume: t.volume }
        : {
            volume: t.volume,
            ...Object.fromEntries(WATERFALL_SOURCE.map((id) => [id, num(v(id, t))])),
            ...derived(r, t),
          },
    customerTotal: (r, t, first, last) => {
      if (last < first) return { volume: 0 };
      const vol = d.range('volume', first, last, true);
      return total(
        r,
        t,
        `=SUM(${d.range('volume', first, last)})`,
        (id) => `=IF(SUM(${vol})=0,"",SUMPRODUCT(${vol},${d.range(id, first, last)})/SUM(${vol}))`,
      );
    },
    portfolioTotal: (r, t, last) => {
      if (last < d.firstRow) return { volume: 0 };
      const level = d.range('level', d.firstRow, last, true);
      const vol = d.range('volume', d.firstRow, last, true);
      const sku = `"${LEVELS.sku[lang]}"`;
      const volHere = d.at('volume', r);
      return total(
        r,
        t,
        `=SUMIF(${level},${sku},${vol})`,
        (id) =>
          `=IF(${volHere}=0,"",SUMPRODUCT(--(${level}=${sku}),${vol},${d.range(id, d.firstRow, last)})/${volHere})`,
      );
    },
  });
  return sheet.toSheet();
}

const STEP_TEXT = {
  list: { es: 'Precio de lista', en: 'List price' },
  onInvoice: { es: '− Descuentos en factura', en: '− On-invoice discounts' },
  invoice: { es: '= Precio factura', en: '= Invoice price' },
  offInvoice: { es: '− Fuera de factura', en: '− Off-invoice' },
  costToServe: { es: '− Costo de servir', en: '− Cost-to-serve' },
  pocket: { es: '= Precio de bolsillo', en: '= Pocket price' },
  cogs: { es: '− Costo unitario', en: '− COGS' },
  margin: { es: '= Margen de bolsillo', en: '= Pocket margin' },
} satisfies Record<string, Text>;

/** Per-unit waterfall steps (signed: deductions negative, subtotals as formulas), one table per customer. */
function waterfallChartSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const placement: CostToServePlacement = model.settings.costToServePlacement;
  const inside = placement === 'inside_waterfall';
  const sheet = new SheetDraft(RESULT_SHEET_NAMES.waterfall_chart[lang], false);
  const stepCol = cols.field('step', 'text', 28);
  const valueCol = cols.field('step_value', 'mxn_unit', 16);
  const columns = [stepCol, valueCol, cols.field('is_total', 'text', 12)];

  const entity = (name: string, title: string, t: PnlTotals) => {
    const w = waterfallOf(t, placement);
    const d = sheet.table(name, columns, title);
    const step = (text: Text, value: ResultCell, isTotal: boolean) =>
      d.add({ step: text[lang], step_value: value, is_total: isTotal }, isTotal);
    const B = (row: number) => d.at('step_value', row);
    const list = step(STEP_TEXT.list, w.listPrice, true);
    const on = step(STEP_TEXT.onInvoice, -w.onInvoicePerUnit, false);
    const invoice = step(STEP_TEXT.invoice, fx(`=${B(list)}+${B(on)}`, w.invoicePrice), true);
    const off = step(STEP_TEXT.offInvoice, -w.offInvoicePerUnit, false);
    const cts = inside ? step(STEP_TEXT.costToServe, -w.costToServePerUnit, false) : undefined;
    const pocketFormula = `=${B(invoice)}+${B(off)}${cts !== undefined ? `+${B(cts)}` : ''}`;
    const pocket = step(STEP_TEXT.pocket, fx(pocketFormula, w.pocketPrice), true);
    const cogs = step(STEP_TEXT.cogs, -w.cogsPerUnit, false);
    step(STEP_TEXT.margin, fx(`=${B(pocket)}+${B(cogs)}`, w.pocketMargin), true);
    if (sheet.charts.length < MAX_WATERFALL_CHARTS) {
      sheet.charts.push({
        kind: 'waterfall',
        title,
        table: name,
        categoryColumn: stepCol.header,
        valueColumn: valueCol.header,
      });
    }
  };

  const titleOf = (who: string) =>
    lang === 'es' ? `Cascada de precio por unidad: ${who}` : `Price waterfall per unit: ${who}`;
  // A waterfall of nothing sold has no per-unit figures: such customers get no table.
  if (results.portfolio.volume !== 0) {
    entity(
      RESULT_TABLE_NAMES.steps('portfolio'),
      titleOf(lang === 'es' ? 'portafolio' : 'portfolio'),
      results.portfolio,
    );
  }
  results.customers.forEach((cr, c) => {
    if (cr.totals.volume === 0) return;
    const customer = model.customers[c];
    entity(RESULT_TABLE_NAMES.steps(c + 1), titleOf(`${customer.name} (${customer.id})`), cr.totals);
  });
  return sheet.toSheet();
}

// ---------------------------------------------------------------- spend by term

/** How a term's effective rate reads: a fraction of sales, MXN per unit, or nothing meaningful (even split). */
function rateKind(term: Term): 'pct' | 'unit' | 'none' {
  if (term.basis === 'volume') return 'unit';
  if (term.basis === 'fixed_amount') {
    return term.allocation === 'volume' ? 'unit' : term.allocation === 'gross_sales' ? 'pct' : 'none';
  }
  return 'pct';
}

function basisText(term: Term, lang: Lang): string {
  const basis = enumLabel(TERM_BASIS_VALUES, term.basis, lang);
  if (term.basis !== 'fixed_amount') return basis;
  const key = enumLabel(ALLOCATION_VALUES, term.allocation, lang);
  return lang === 'es' ? `${basis} (asignado por ${key})` : `${basis} (allocated by ${key})`;
}

/** ISO "2026-01-15" → a date cell; anything else stays text so nothing the KAM typed is lost. */
function dateCell(iso: string): ResultCell {
  const s = iso.trim();
  if (s === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return s;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? s : d;
}

function spendSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const sheet = new SheetDraft(RESULT_SHEET_NAMES.spend[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.spend, [
    cols.field('level', 'text', 16),
    cols.field('term_id', 'text', 12),
    cols.field('customer_id', 'text', 12),
    cols.field('customer_name', 'text', 24),
    cols.field('kind', 'text', 22),
    cols.field('invoice_side', 'text', 14),
    cols.field('basis', 'text', 24),
    cols.metricAs('term_basis', 'term_basis', 'rate', '', 18, NUMBER_FORMAT),
    cols.metricAs('effective_rate', 'effective_rate_pct', 'rate', ' (%)', 12),
    cols.metricAs('effective_rate', 'effective_rate_unit', 'mxn_unit', ' ($/u)', 12),
    cols.metric('term_amount'),
    cols.field('customer_gross_sales', 'mxn', 17),
    cols.field('pct_of_customer_gross', 'pct', 14),
    cols.field('condition_met', 'text', 11),
    cols.field('agreed_date', 'date', 12),
    cols.field('evidence', 'text', 20),
    cols.field('formula', 'text', 70),
  ]);
  const customerIndex = new Map(model.customers.map((c, i) => [c.id, i]));
  // Terms grouped by customer in Customers order; terms of unknown customers last, grouped by the id they name.
  const groups = new Map<string, number[]>();
  for (const c of model.customers) groups.set(c.id, []);
  results.terms.forEach((tr, t) => {
    const list = groups.get(tr.customerId) ?? [];
    list.push(t);
    groups.set(tr.customerId, list);
  });

  for (const [customerId, termIndexes] of groups) {
    if (termIndexes.length === 0) continue;
    const c = customerIndex.get(customerId);
    const who = { customer_id: customerId, customer_name: c === undefined ? '' : model.customers[c].name };
    const gross = c === undefined ? 0 : results.customers[c].totals.grossSales;
    const first = d.nextRow;
    for (const t of termIndexes) {
      const term = model.terms[t];
      const tr = results.terms[t];
      const r = d.nextRow;
      const kind = rateKind(term);
      d.add({
        level: LEVELS.term[lang],
        term_id: term.id,
        ...who,
        kind: enumLabel(TERM_KIND_VALUES, term.kind, lang),
        invoice_side: term.onInvoice
          ? lang === 'es'
            ? 'En factura'
            : 'On invoice'
          : lang === 'es'
            ? 'Fuera de factura'
            : 'Off invoice',
        basis: basisText(term, lang),
        term_basis: num(tr.basisValue),
        effective_rate_pct: kind === 'pct' ? num(tr.effectiveRate) : null,
        effective_rate_unit: kind === 'unit' ? num(tr.effectiveRate) : null,
        term_amount: tr.amount,
        customer_gross_sales: gross,
        pct_of_customer_gross: fx(
          ratioFormula(d.at('term_amount', r), d.at('customer_gross_sales', r)),
          res(marginPct(tr.amount, gross)),
        ),
        condition_met: (tr.conditionMet ? YES : NO)[lang],
        agreed_date: dateCell(term.agreedDate),
        evidence: term.evidenceRef,
        formula: tr.formula[lang],
      });
    }
    const last = d.nextRow - 1;
    const r = d.nextRow;
    const amount = termIndexes.reduce((s, t) => s + results.terms[t].amount, 0);
    d.add(
      {
        level: LEVELS.customerTotal[lang],
        ...who,
        term_amount: fx(`=SUM(${d.range('term_amount', first, last)})`, amount),
        customer_gross_sales: gross,
        pct_of_customer_gross: fx(
          ratioFormula(d.at('term_amount', r), d.at('customer_gross_sales', r)),
          res(marginPct(amount, gross)),
        ),
      },
      true,
    );
  }

  const last = d.nextRow - 1;
  const r = d.nextRow;
  const amount = results.terms.reduce((s, tr) => s + tr.amount, 0);
  const gross = results.portfolio.grossSales;
  d.add(
    {
      level: LEVELS.portfolioTotal[lang],
      term_amount:
        last >= d.firstRow
          ? fx(
              `=SUMIF(${d.range('level', d.firstRow, last, true)},"${LEVELS.term[lang]}",${d.range('term_amount', d.firstRow, last)})`,
              amount,
            )
          : 0,
      customer_gross_sales: gross,
      pct_of_customer_gross: fx(
        ratioFormula(d.at('term_amount', r), d.at('customer_gross_sales', r)),
        res(marginPct(amount, gross)),
      ),
    },
    true,
  );
  return sheet.toSheet();
}

// ---------------------------------------------------------------- accruals

/** The measure a term's tiers or target are read on (what ytdMeasure counts). */
function primaryMeasure(term: Term): Measure {
  if (term.tiers.length > 0) return term.tierMeasure;
  if (term.condition) return term.condition.measure;
  if (term.growth) return 'growth';
  if (term.basis === 'gross_sales' || term.basis === 'invoice_sales') return term.basis;
  if (term.basis === 'fixed_amount' && term.allocation === 'gross_sales') return 'gross_sales';
  return 'volume';
}

function accrualsSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const selected = model.settings.interimTierPolicy;
  const sheet = new SheetDraft(RESULT_SHEET_NAMES.accruals[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.accruals, [
    cols.field('term_id', 'text', 12),
    cols.field('customer_id', 'text', 12),
    cols.field('kind', 'text', 22),
    cols.field('period', 'text', 10),
    cols.field('policy', 'text', 22),
    cols.field('policy_selected', 'text', 12),
    cols.field('measure', 'text', 14),
    // Growth and manual scores are fractions, volumes and sales are not: each gets its own column and format, as
    // the effective rate does, so a 4.9 % growth never reads as "0.05".
    cols.metricAs('ytd_measure', 'ytd_measure', 'rate', '', 16, NUMBER_FORMAT),
    cols.metricAs('ytd_measure', 'ytd_measure_pct', 'rate', ' (%)', 12),
    cols.metricAs('tier_measure_used', 'tier_measure_used', 'rate', '', 16, NUMBER_FORMAT),
    cols.metricAs('tier_measure_used', 'tier_measure_used_pct', 'rate', ' (%)', 12),
    cols.metricAs('accrual_effective_rate', 'accrual_rate_pct', 'rate', ' (%)', 12),
    cols.metricAs('accrual_effective_rate', 'accrual_rate_unit', 'mxn_unit', ' ($/u)', 12),
    cols.metric('run_rate'),
    cols.metric('true_up'),
    cols.metric('accrual'),
    cols.metric('cumulative_accrual'),
  ]);
  const terms = new Map(model.terms.map((t, i) => [t.id, { term: t, order: i }] as const));
  const periodOrder = new Map(model.periods.map((p) => [p.id, p.index]));
  // Term (workbook order) → selected policy first → period: each group reads as a running schedule.
  const rows = [...results.accruals].sort((a, b) => {
    const ta = terms.get(a.termId)?.order ?? Infinity;
    const tb = terms.get(b.termId)?.order ?? Infinity;
    if (ta !== tb) return ta - tb;
    if (a.policy !== b.policy)
      return a.policy === selected ? -1 : b.policy === selected ? 1 : a.policy < b.policy ? -1 : 1;
    return (periodOrder.get(a.periodId) ?? 0) - (periodOrder.get(b.periodId) ?? 0);
  });
  let previous: AccrualRow | undefined;
  for (const row of rows) {
    const term = terms.get(row.termId)?.term;
    const kind = term ? rateKind(term) : 'pct';
    const measure = term ? primaryMeasure(term) : 'volume';
    const fractionMeasure = measure === 'growth' || measure === 'manual';
    const r = d.nextRow;
    const a = (id: string) => d.at(id, r);
    const continues = previous !== undefined && previous.termId === row.termId && previous.policy === row.policy;
    d.add({
      term_id: row.termId,
      customer_id: row.customerId,
      kind: term ? enumLabel(TERM_KIND_VALUES, term.kind, lang) : '',
      period: row.periodId,
      policy: enumLabel(INTERIM_POLICY_VALUES, row.policy, lang),
      policy_selected: (row.policy === selected ? YES : NO)[lang],
      measure: term ? enumLabel(MEASURE_VALUES, measure, lang) : '',
      [fractionMeasure ? 'ytd_measure_pct' : 'ytd_measure']: num(row.ytdMeasure),
      [fractionMeasure ? 'tier_measure_used_pct' : 'tier_measure_used']: num(row.tierMeasureUsed),
      accrual_rate_pct: kind === 'pct' ? num(row.effectiveRate) : null,
      accrual_rate_unit: kind === 'unit' ? num(row.effectiveRate) : null,
      run_rate: row.runRate,
      true_up: row.trueUp,
      accrual: fx(`=${a('run_rate')}+${a('true_up')}`, row.accrual),
      // Running schedule: the cumulative of the row above (same term and policy) plus this period's accrual.
      cumulative_accrual: fx(
        continues ? `=${d.at('cumulative_accrual', r - 1)}+${a('accrual')}` : `=${a('accrual')}`,
        row.cumulative,
      ),
    });
    previous = row;
  }
  return sheet.toSheet();
}

// ---------------------------------------------------------------- findings and run info

function findingsSheet(results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const sheet = new SheetDraft(RESULT_SHEET_NAMES.findings[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.findings, [
    cols.field('severity', 'text', 13),
    cols.field('code', 'text', 26),
    cols.field('customer_id', 'text', 12),
    cols.field('term_id', 'text', 12),
    cols.field('message', 'text', 110),
  ]);
  const severity = { warning: { es: 'Advertencia', en: 'Warning' }, info: { es: 'Información', en: 'Info' } };
  for (const f of results.findings) {
    d.add({
      severity: severity[f.severity][lang],
      code: f.code,
      customer_id: f.customerId ?? null,
      term_id: f.termId ?? null,
      message: f[lang],
    });
  }
  if (results.findings.length === 0) d.add({ message: lang === 'es' ? 'Sin hallazgos.' : 'No findings.' });
  return sheet.toSheet();
}

const FINGERPRINT_OF: Record<SourceInfo['fingerprintOf'], Text> = {
  file: { es: 'del archivo', en: 'of the file' },
  tables: { es: 'de las tablas de entrada', en: 'of the input tables' },
};

function settingValue(settings: Settings, id: keyof Settings, lang: Lang): ResultCell {
  const spec = SETTING_SPECS.find((s) => s.id === id);
  const raw = settings[id];
  if (typeof raw === 'string' && spec?.values) return enumLabel(spec.values, raw, lang);
  return raw;
}

/**
 * The number format a setting's value shows with, from the type its Settings row is read with: a rate as a
 * percentage (0.11 → 11.0 %), money as MXN, a year or a count of days as a plain integer (2026, not 2,026).
 * undefined for text and choices (the column's General format).
 */
function settingFormat(id: keyof Settings, moneyFormat: string): string | undefined {
  switch (SETTING_SPECS.find((s) => s.id === id)?.type) {
    case 'fraction':
      return NUMBER_FORMATS.pct;
    case 'money':
      return moneyFormat;
    case 'integer':
      return NUMBER_FORMATS.integer;
    case 'number':
      return NUMBER_FORMAT;
    default:
      return undefined;
  }
}

function runInfoSheet(model: Model, results: ModelResults, ctx: ResultsContext, cols: Columns): ResultSheet {
  const { lang, source } = ctx;
  const sheet = new SheetDraft(RESULT_SHEET_NAMES.run_info[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.runInfo, [
    cols.field('key', 'text', 30),
    cols.field('item', 'text', 44),
    cols.field('value', 'text', 70),
  ]);
  const row = (key: string, item: Text, value: ResultCell, numberFormat?: string) => {
    d.add({ key, item: item[lang], value });
    if (numberFormat !== undefined && typeof value === 'number') d.formatLast('value', numberFormat);
  };
  row('source_file', { es: 'Archivo de origen', en: 'Source file' }, source.name);
  row(
    'source_fingerprint',
    {
      es: `Huella SHA-256 ${FINGERPRINT_OF[source.fingerprintOf].es}`,
      en: `SHA-256 fingerprint ${FINGERPRINT_OF[source.fingerprintOf].en}`,
    },
    source.fingerprint,
  );
  row(
    'run_at',
    { es: 'Fecha y hora de la corrida (ISO 8601, UTC)', en: 'Run time (ISO 8601, UTC)' },
    ctx.runAt.toISOString(),
  );
  row('engine_version', { es: 'Versión del motor', en: 'Engine version' }, ctx.engineVersion ?? '—');
  row('language', { es: 'Idioma', en: 'Language' }, lang === 'es' ? 'es-MX' : 'en');
  row('scenario_note', { es: 'Nota del escenario', en: 'Scenario note' }, ctx.scenarioNote ?? '');
  const settings = model.settings;
  for (const id of Object.keys(settings) as (keyof Settings)[]) {
    const spec = SETTING_SPECS.find((s) => s.id === id);
    row(
      `settings.${id}`,
      spec ? { es: spec.es, en: spec.en } : { es: id, en: id },
      settingValue(settings, id, lang),
      settingFormat(id, mxnFormat(settings.moneyDecimals)),
    );
  }
  const periods = model.periods;
  const span = periods.length > 0 ? `${periods[0].id} … ${periods[periods.length - 1].id}` : '';
  const count = NUMBER_FORMATS.units;
  row('customers', { es: 'Clientes', en: 'Customers' }, model.customers.length, count);
  row('products', { es: 'Productos (SKU)', en: 'Products (SKUs)' }, model.products.length, count);
  row('periods', { es: `Periodos (${span})`, en: `Periods (${span})` }, periods.length, count);
  row('lines', { es: 'Líneas cliente × SKU × periodo', en: 'Customer × SKU × period lines' }, model.lines.n, count);
  row('terms', { es: 'Términos', en: 'Terms' }, model.terms.length, count);
  row(
    'cost_to_serve_rows',
    { es: 'Renglones de costo de servir', en: 'Cost-to-serve rows' },
    model.costToServe.length,
    count,
  );
  row('findings', { es: 'Hallazgos', en: 'Findings' }, results.findings.length, count);
  return sheet.toSheet();
}

// ---------------------------------------------------------------- the plan

/**
 * The result sheets of a run, in the run's language. The P&L comes first (it is what a KAM opens the file for);
 * run info last. Sheets do not reference each other, so hosts may write them in any order.
 */
export function buildResultsPlan(model: Model, results: ModelResults, ctx: ResultsContext): ResultsPlan {
  const cols = new Columns(ctx.lang, mxnFormat(model.settings.moneyDecimals));
  return {
    sheets: [
      pnlSheet(model, results, ctx.lang, cols),
      waterfallSheet(model, results, ctx.lang, cols),
      waterfallChartSheet(model, results, ctx.lang, cols),
      spendSheet(model, results, ctx.lang, cols),
      accrualsSheet(model, results, ctx.lang, cols),
      findingsSheet(results, ctx.lang, cols),
      runInfoSheet(model, results, ctx, cols),
    ],
  };
}
