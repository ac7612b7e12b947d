/**
 * Shared building blocks of the result sheets: where tables land (placeTables, which every host follows), number
 * formats, and the drafts and column factory the sheet modules fill row by row, with their cell helpers.
 */
import { columnLetters } from '../a1';
import { METRIC_BY_ID, type Lang, type MetricId, type MetricUnit, type PnlTotals } from '../../engine';
import type { NumberFormatKind, ResultCell, ResultChart, ResultColumn, ResultSheet, ResultTable } from '../port';
import { LABELS } from './names';

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
    const lastRow = headerRow + Math.max(rowCountOf(t), 1);
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
export const NUMBER_FORMAT = '#,##0.00';

// ---------------------------------------------------------------- row formulas

/** Where the row number goes in a template's text (never in a formula: a control character). */
const ROW_MARK = '\u0001';

/**
 * A formula that reads cells of its own row only ("=G5-H5" on row 5, "=G6-H6" on row 6): its text split where the
 * row number goes. A line-level table puts the same formula in every row of a column, so one template serves the
 * column, each cell holds only its row, and the text is built only when a host reads it.
 */
export class FormulaTemplate {
  /** The text around the row numbers: "=G", "-H", "" for "=G5-H5". */
  readonly parts: readonly string[];
  constructor(text: string) {
    this.parts = text.split(ROW_MARK);
  }

  /** The formula's text on a sheet row. */
  at(row: number): string {
    const p = this.parts;
    const r = String(row);
    let s = p[0];
    for (let k = 1; k < p.length; k++) s += r + p[k];
    return s;
  }

  /** The formula on a row with its cached result, as a plan cell. */
  cell(row: number, result: number | string | null): RowFormula {
    return new RowFormula(this, row, result);
  }
}

/**
 * A formula cell of the plan made from a template: `formula` is the text on its row (as every host reads it); a
 * writer that knows templates may instead write runs of one template down a column as one shared formula.
 */
export class RowFormula {
  constructor(
    readonly template: FormulaTemplate,
    readonly row: number,
    readonly result: number | string | null,
  ) {}

  get formula(): string {
    return this.template.at(this.row);
  }
}

// ---------------------------------------------------------------- cells kept in columns

/**
 * A result table's cells, read one at a time. A host that streams a large table reads it so: a table made by a
 * TableDraft keeps its cells in columns (numbers in typed arrays, one reference per text or template), and its
 * `rows` — an array per row, a boxed number per cell — are built only when something reads them.
 */
export interface TableCells {
  readonly rowCount: number;
  /** Cells that are not blank. */
  readonly filledCount: number;
  /** The cell at data row i (0-based) and column j; null when blank or outside the table. */
  cell(i: number, j: number): ResultCell;
}

/** Where a draft's table keeps its columns (not an enumerable property: a copy or a comparison sees rows only). */
const CELLS = Symbol('tableCells');

type WithCells = { [CELLS]?: TableCells };

/** Data rows of a table, without building its rows. */
export function rowCountOf(t: Pick<ResultTable, 'rows'>): number {
  return (t as WithCells)[CELLS]?.rowCount ?? t.rows.length;
}

/** A table's cells one at a time: its columns when a draft made it, its rows otherwise. */
export function tableCells(t: ResultTable): TableCells {
  const own = (t as WithCells)[CELLS];
  if (own) return own;
  const rows = t.rows;
  let filled = 0;
  for (const r of rows) for (const c of r) if (c !== null && c !== undefined) filled++;
  return { rowCount: rows.length, filledCount: filled, cell: (i, j) => rows[i]?.[j] ?? null };
}

/** What a column holds in a row (ColumnCells.kind). */
const BLANK = 0;
const NUMBER = 1;
const TEXT = 2;
/** A row formula on its own row, its result a number / '' / null (the template in `ref`, the number in `num`). */
const ROW_FORMULA = 3;
const ROW_FORMULA_BLANK = 4;
const ROW_FORMULA_NULL = 5;
/** Anything else (a date, a boolean, a plain formula): the cell itself in `ref`. */
const OTHER = 6;

/** One column's cells: per row a kind, a number, and a reference (text, template or cell) when the kind needs one. */
interface ColumnCells {
  kind: Uint8Array;
  num: Float64Array;
  ref: unknown[] | undefined;
}

// ---------------------------------------------------------------- table drafting

/** A table being filled row by row, knowing the sheet row of every row so formulas can point at cells. */
export class TableDraft implements TableCells {
  readonly totalRows: number[] = [];
  private count = 0;
  private filled = 0;
  private capacity = 0;
  private readonly store: ColumnCells[];
  /** Per-cell number formats by row (sparse), for the few tables whose columns mix units. */
  private readonly formats = new Map<number, (string | undefined)[]>();
  private readonly position = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly columns: ResultColumn[],
    readonly headerRow: number,
    readonly title?: string,
  ) {
    this.store = columns.map(() => ({ kind: new Uint8Array(0), num: new Float64Array(0), ref: undefined }));
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
    return this.headerRow + 1 + this.count;
  }

  get lastRow(): number {
    return this.headerRow + Math.max(this.count, 1);
  }

  get rowCount(): number {
    return this.count;
  }

  get filledCount(): number {
    return this.filled;
  }

  col(id: string): string {
    const i = this.position.get(id);
    if (i === undefined) throw new Error(`${this.name}: no column ${id}`);
    return columnLetter(i + 1);
  }

  at(id: string, row: number): string {
    return `${this.col(id)}${row}`;
  }

  /**
   * A formula of one row's cells, as a template: `build` writes the text with `a(id)` for the column's cell on the
   * row (a reference to the same row is all `a` gives: ranges and other rows need a plain formula).
   */
  rowFormula(build: (a: (id: string) => string) => string): FormulaTemplate {
    return new FormulaTemplate(build((id) => `${this.col(id)}${ROW_MARK}`));
  }

  /** "G2:G40", or "$G$2:$G$40" when the same range is repeated across a row of formulas. */
  range(id: string, from: number, to: number, absolute = false): string {
    const c = this.col(id);
    return absolute ? `$${c}$${from}:$${c}$${to}` : `${c}${from}:${c}${to}`;
  }

  add(cells: Readonly<Record<string, ResultCell | undefined>>, total = false): number {
    const row = this.nextRow;
    const r = this.count;
    if (r === this.capacity) this.grow();
    for (const id in cells) {
      const j = this.position.get(id);
      if (j === undefined) throw new Error(`${this.name}: no column ${id}`);
      this.put(this.store[j], r, row, cells[id] ?? null);
    }
    if (total) this.totalRows.push(r);
    this.count = r + 1;
    return row;
  }

  /** Stores a cell of the new row r (on sheet row `row`), whose cells are all blank until then. */
  private put(col: ColumnCells, r: number, row: number, v: ResultCell): void {
    let kind: number;
    let ref: unknown;
    if (v === null) kind = BLANK;
    else if (typeof v === 'number') {
      kind = NUMBER;
      col.num[r] = v;
    } else if (typeof v === 'string') {
      kind = TEXT;
      ref = v;
    } else if (v instanceof RowFormula && v.row === row && typeof v.result === 'number') {
      kind = ROW_FORMULA;
      col.num[r] = v.result;
      ref = v.template;
    } else if (v instanceof RowFormula && v.row === row && (v.result === '' || v.result === null)) {
      kind = v.result === '' ? ROW_FORMULA_BLANK : ROW_FORMULA_NULL;
      ref = v.template;
    } else {
      kind = OTHER;
      ref = v;
    }
    if (kind === BLANK) return;
    this.filled++;
    col.kind[r] = kind;
    // Made as long as the typed arrays and kept so: an array written first far from its start would go sparse (slow).
    if (ref !== undefined) (col.ref ??= new Array<unknown>(this.capacity).fill(undefined))[r] = ref;
  }

  /**
   * Room for `rows` rows in all, when the caller knows how many are coming (a line-level table): the columns are
   * allocated once instead of doubling from 16 (at 80k rows, 13 copies of every column and ~200 MB of fresh pages).
   */
  reserve(rows: number): void {
    if (rows > this.capacity) this.grow(rows);
  }

  private grow(to = Math.max(16, this.capacity * 2)): void {
    const capacity = to;
    for (const col of this.store) {
      const kind = new Uint8Array(capacity);
      kind.set(col.kind);
      const num = new Float64Array(capacity);
      num.set(col.num);
      col.kind = kind;
      col.num = num;
      if (col.ref !== undefined) {
        const ref = new Array<unknown>(capacity).fill(undefined);
        for (let k = 0; k < this.count; k++) ref[k] = col.ref[k];
        col.ref = ref;
      }
    }
    this.capacity = capacity;
  }

  cell(i: number, j: number): ResultCell {
    const col = this.store[j];
    if (col === undefined || !(i >= 0 && i < this.count)) return null;
    switch (col.kind[i]) {
      case NUMBER:
        return col.num[i];
      case TEXT:
      case OTHER:
        return col.ref![i] as ResultCell;
      case ROW_FORMULA:
        return new RowFormula(col.ref![i] as FormulaTemplate, this.headerRow + 1 + i, col.num[i]);
      case ROW_FORMULA_BLANK:
        return new RowFormula(col.ref![i] as FormulaTemplate, this.headerRow + 1 + i, '');
      case ROW_FORMULA_NULL:
        return new RowFormula(col.ref![i] as FormulaTemplate, this.headerRow + 1 + i, null);
      default:
        return null;
    }
  }

  /** Row i as an array of cells (what `rows` of the table holds). */
  rowAt(i: number): ResultCell[] {
    const out = new Array<ResultCell>(this.columns.length);
    for (let j = 0; j < out.length; j++) out[j] = this.cell(i, j);
    return out;
  }

  /** Every row as arrays of cells (read by hosts that take a table whole: Office, the browser demo). */
  get rows(): ResultCell[][] {
    return Array.from({ length: this.count }, (_, i) => this.rowAt(i));
  }

  /** Gives one cell of the last added row its own number format (the column's format elsewhere). */
  formatLast(id: string, numberFormat: string): void {
    const i = this.position.get(id);
    if (i === undefined) throw new Error(`${this.name}: no column ${id}`);
    const r = this.count - 1;
    const formats = this.formats.get(r) ?? this.columns.map(() => undefined);
    formats[i] = numberFormat;
    this.formats.set(r, formats);
  }

  /**
   * The plan's table. Its `rows` are built from the columns on first read and kept (a host taking the table whole
   * reads them); a host that streams reads tableCells(table), which are these columns, and never builds them.
   */
  toTable(): ResultTable {
    const t = { name: this.name, columns: this.columns } as ResultTable;
    // Once read (or set), the rows are the table: whoever holds them may change them, so the columns are let go.
    const settle = (rows: ResultCell[][]) => {
      delete (t as WithCells)[CELLS];
      Object.defineProperty(t, 'rows', { value: rows, writable: true, enumerable: true, configurable: true });
      return rows;
    };
    Object.defineProperty(t, 'rows', {
      get: () => settle(this.rows),
      set: settle,
      enumerable: true,
      configurable: true,
    });
    Object.defineProperty(t, CELLS, { value: this, enumerable: false, configurable: true });
    if (this.title) t.title = this.title;
    if (this.totalRows.length > 0) t.totalRows = this.totalRows;
    if (this.formats.size > 0) t.cellFormats = Array.from({ length: this.count }, (_, r) => this.formats.get(r) ?? []);
    return t;
  }
}

export class SheetDraft {
  readonly tables: TableDraft[] = [];
  readonly charts: ResultChart[] = [];
  constructor(
    /** Language-independent role of the sheet (its ownership marker): the same in es and en. */
    readonly role: string,
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
      role: this.role,
      name: this.name,
      tables: this.tables.map((t) => t.toTable()),
      freezeHeader: this.freezeHeader,
    };
    if (this.charts.length > 0) s.charts = this.charts;
    return s;
  }
}

export const FORMAT_OF_UNIT: Record<MetricUnit, NumberFormatKind> = {
  mxn: 'mxn',
  mxn_unit: 'mxn_unit',
  pct: 'pct',
  units: 'units',
  rate: 'rate',
};

/** Column factory for one run (language and money decimals). */
export class Columns {
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

  /** A column whose header is data (a scenario's name): the caller keeps headers unique within the table. */
  named(id: string, header: string, format: NumberFormatKind, width: number, numberFormat?: string): ResultColumn {
    return this.make(id, header, format, width, numberFormat);
  }

  /** A metric column: header from the engine's METRICS registry. */
  metric(id: MetricId, width?: number, headerSuffix = ''): ResultColumn {
    const m = METRIC_BY_ID.get(id)!; // every MetricId is in the registry
    const format = FORMAT_OF_UNIT[m.unit];
    const w = width ?? (format === 'pct' ? 12 : format === 'units' ? 12 : format === 'mxn_unit' ? 15 : 17);
    return this.make(id, m[this.lang] + headerSuffix, format, w);
  }

  field(id: keyof typeof LABELS, format: NumberFormatKind, width: number, numberFormat?: string): ResultColumn {
    return this.make(id, LABELS[id][this.lang], format, width, numberFormat);
  }

  /** A metric shown in another unit than its registry one (e.g. effective rate as % and as MXN/unit). */
  metricAs(
    id: MetricId,
    columnId: string,
    format: NumberFormatKind,
    headerSuffix: string,
    width: number,
    numberFormat?: string,
  ): ResultColumn {
    const m = METRIC_BY_ID.get(id)!;
    return this.make(columnId, m[this.lang] + headerSuffix, format, width, numberFormat);
  }
}

/** Engine number as a cell value: NaN (undefined ratio or per-unit of nothing) is written blank. */
export function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Cached result of a formula whose Excel value is "" when undefined (IF(den=0,"",...)). */
export function res(x: number): number | string {
  return Number.isFinite(x) ? x : '';
}

export function fx(formula: string, result: number | string | null): ResultCell {
  return { formula, result };
}

/** IF(den=0,"",num/den): a ratio that stays blank instead of #DIV/0!. */
export function ratioFormula(numRef: string, denRef: string): string {
  return `=IF(${denRef}=0,"",${numRef}/${denRef})`;
}

/** Sorted product indexes of a customer's SKU rows. */
export function productsOf(byProduct: Map<number, PnlTotals>): number[] {
  return [...byProduct.keys()].sort((a, b) => a - b);
}
