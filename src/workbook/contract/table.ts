/**
 * One input table bound to its spec: headers matched once (es, en or alias; unknown and missing columns reported),
 * then typed cell readers that report located errors and return plain values. Parsers of each table use these.
 */
import type { Text } from '../../engine/model';
import type { CellError, CellFormulaWithoutValue, CellValue, MappedTable, TableGrid, TableSourceFacts } from '../port';
import { isCellError, isFormulaWithoutValue } from '../port';
import { parseA1 } from '../a1';
import { cellAddress, sheetRef } from './address';
import {
  dateFromCell,
  decimalCommaSuggestion,
  foreignDateText,
  isBlank,
  isoDate,
  isPercentText,
  numberFromText,
} from './cells';
import { ErrorSink, type ErrorCode, type Location, type WarningCode } from './errors';
import { closest, squash } from './normalize';
import * as P from './problems';
import type { ColumnId, ColumnSpec, EnumValue, TableSpec } from './specs';

export interface Column {
  spec: ColumnSpec;
  /** 0-based position in grid.headers; -1 when the table lacks the column. */
  index: number;
  /** Header as written in the file, or the spec's header (in the table's language) when absent. */
  header: string;
}

export class BoundTable {
  readonly name: string;
  readonly sheet: string;
  /**
   * False when a required column is missing (reported once, by the header check). The rows are still read so the
   * other columns' errors are listed too; cells of the absent column read as blank without a "blank cell" error.
   */
  readonly usable: boolean;
  private readonly columns = new Map<string, Column>();
  /** Mapped constants, by their (virtual) column index past the grid's own columns. */
  private readonly constants = new Map<number, MappedTable['constants'][number]>();

  constructor(
    readonly spec: TableSpec,
    readonly grid: TableGrid,
    /** The table is named in Spanish: absent columns are named by their Spanish header. */
    readonly spanish: boolean,
    readonly sink: ErrorSink,
  ) {
    this.name = grid.name;
    this.sheet = grid.sheet;
    this.usable = this.bindHeaders();
    if (grid.source) this.reportSource(grid.source);
  }

  /**
   * What the host saw around the table (TableSourceFacts): merged cells are a root cause that explains the errors
   * of the cells they cover; hidden or filtered rows and values typed just below the table are warnings.
   */
  private reportSource(source: TableSourceFacts): void {
    if (source.mergedRanges.length > 0) {
      const cells: string[] = [];
      const lastRow = this.grid.headerRow + this.grid.rows.length;
      for (const ref of source.mergedRanges) {
        const [a, b = a] = ref.split(':');
        const from = parseA1(a);
        const to = parseA1(b);
        for (let r = Math.max(from.row, this.grid.headerRow); r <= Math.min(to.row, lastRow); r++)
          for (let c = from.column; c <= to.column && cells.length < MAX_EXPLAINED_CELLS; c++)
            cells.push(cellAddress(this.sheet, r, c));
      }
      this.sink.rootCause('merged_cells', this.whereTable(), () => P.mergedCells(source.mergedRanges), cells);
    }
    const hidden = Math.max(source.hiddenRowCount ?? 0, source.hiddenRows.length);
    if (hidden > 0)
      this.sink.warning('hidden_rows', this.whereTable(), () =>
        P.hiddenRows(source.hiddenRows, hidden, source.filtered),
      );
    if (source.cellsBelow.length > 0)
      this.sink.warning('rows_below_table', this.whereTable(), () =>
        P.rowsBelowTable(source.cellsBelow.map((a, i) => (i === 0 ? `${sheetRef(this.sheet)}!${a}` : a))),
      );
  }

  /** A user's table read through the saved mapping: its columns bound by the mapping, constants after them. */
  private bindMapped(mapped: MappedTable): void {
    mapped.columns.forEach((id, j) => {
      const spec = id === null ? undefined : this.spec.columns.find((c) => c.id === id);
      if (spec) this.columns.set(spec.id, { spec, index: j, header: String(this.grid.headers[j] ?? '').trim() });
    });
    mapped.constants.forEach((k, i) => {
      const spec = this.spec.columns.find((c) => c.id === k.column);
      if (!spec || this.columns.has(spec.id)) return;
      this.constants.set(this.grid.headers.length + i, k);
      this.columns.set(spec.id, { spec, index: this.grid.headers.length + i, header: spec.es });
    });
  }

  private bindHeaders(): boolean {
    if (this.grid.mappedAs) this.bindMapped(this.grid.mappedAs);
    const byKey = headerKeys(this.spec);
    for (let j = 0; j < (this.grid.mappedAs ? 0 : this.grid.headers.length); j++) {
      const written = String(this.grid.headers[j] ?? '').trim();
      const spec = byKey.get(squash(written));
      const where: Location = {
        at: 'header',
        sheet: this.sheet,
        table: this.name,
        row: this.grid.headerRow,
        column: written,
        address: cellAddress(this.sheet, this.grid.headerRow, this.grid.firstColumn + j),
      };
      if (!spec) {
        this.sink.error('unknown_column', where, () => {
          const names = this.spec.columns.flatMap((c) => [c.es, c.en, ...(c.aliases ?? [])]);
          const near = closest(written, names);
          const col = near === undefined ? undefined : byKey.get(squash(near));
          return P.unknownColumn(
            written,
            this.spec.columns.map((c) => c.es),
            this.spec.columns.map((c) => c.en),
            col && { es: col.es, en: col.en },
          );
        });
        continue;
      }
      const first = this.columns.get(spec.id);
      if (first) {
        this.sink.error('duplicate_column', where, () => P.duplicateColumn(written, first.header, spec.es, spec.en));
        continue;
      }
      this.columns.set(spec.id, { spec, index: j, header: written });
    }
    let usable = true;
    for (const spec of this.spec.columns) {
      if (this.columns.has(spec.id)) continue;
      const header = this.spanish ? spec.es : spec.en;
      this.columns.set(spec.id, { spec, index: -1, header });
      if (spec.required) {
        usable = false;
        this.sink.error('missing_column', { at: 'column', sheet: this.sheet, table: this.name, column: header }, () =>
          P.missingColumn(spec.es, spec.en),
        );
      }
    }
    return usable;
  }

  col(id: ColumnId): Column {
    const c = this.columns.get(id);
    if (!c) throw new Error(`Contract spec ${this.spec.id} has no column "${id}"`);
    return c;
  }

  has(c: Column): boolean {
    return c.index >= 0;
  }

  get rowCount(): number {
    return this.grid.rows.length;
  }

  /** 1-based worksheet row of data row r. */
  rowNumber(r: number): number {
    const origin = this.grid.mappedAs?.origin;
    return origin ? origin.row[r] : this.grid.headerRow + 1 + r;
  }

  cell(r: number, c: Column): CellValue {
    if (c.index < 0) return null;
    if (c.index >= this.grid.headers.length) return this.constants.get(c.index)?.value ?? null;
    const v = this.grid.rows[r][c.index];
    return v === undefined ? null : v;
  }

  /** Rows left entirely blank inside a table are skipped, as Excel users leave them. */
  isBlankRow(r: number): boolean {
    const row = this.grid.rows[r];
    for (let j = 0; j < row.length; j++) if (!isBlank(row[j])) return false;
    return true;
  }

  where(r: number, c: Column): Location {
    const constant = this.constants.get(c.index);
    if (constant) {
      // A constant of the mapping: its cell in the mapping table is the one to fix.
      return {
        at: 'cell',
        sheet: constant.sheet,
        table: this.name,
        row: constant.row,
        column: c.header,
        address: constant.address,
      };
    }
    const row = this.rowNumber(r);
    const origin = this.grid.mappedAs?.origin;
    if (origin) {
      // Built from several tables or unpivoted: the cell's own table, sheet and column.
      const from = origin.tables[origin.tableOf[r]];
      const col = origin.column[r * this.grid.headers.length + c.index];
      const w: Location = { at: 'cell', sheet: from.sheet, table: from.name, row, column: c.header };
      if (c.index >= 0 && col > 0) w.address = cellAddress(from.sheet, row, col);
      return w;
    }
    const w: Location = { at: 'cell', sheet: this.sheet, table: this.name, row, column: c.header };
    if (c.index >= 0) w.address = cellAddress(this.sheet, row, this.grid.firstColumn + c.index);
    return w;
  }

  whereTable(): Location {
    return { at: 'table', sheet: this.sheet, table: this.name };
  }

  whereColumn(c: Column): Location {
    return { at: 'column', sheet: this.sheet, table: this.name, column: c.header };
  }

  error(r: number, c: Column, code: ErrorCode, problem: () => Text): void {
    this.sink.error(code, this.where(r, c), problem);
  }

  warning(r: number, c: Column, code: WarningCode, problem: () => Text): void {
    this.sink.warning(code, this.where(r, c), problem);
  }

  /**
   * Reports a cell that holds no value to read: an Excel error, or a formula with no saved value (which is never
   * taken as blank, so an optional column does not silently fall back to its default). True when reported.
   */
  unreadable(r: number, c: Column, v: CellValue): v is CellError | CellFormulaWithoutValue {
    if (isCellError(v)) {
      this.error(r, c, 'excel_error', () => P.excelError(v));
      return true;
    }
    if (isFormulaWithoutValue(v)) {
      this.error(r, c, 'formula_without_value', () => P.formulaWithoutValue(v));
      return true;
    }
    return false;
  }

  /** Reports a blank cell of a required column; true when the cell is blank. */
  private blank(r: number, c: Column, v: CellValue, blankOk: boolean): boolean {
    if (!isBlank(v)) return false;
    if (c.spec.required && !blankOk && c.index >= 0) this.error(r, c, 'blank_required', P.blankRequired);
    return true;
  }

  /** Trimmed text; '' when blank or unreadable (an Excel error is reported). */
  text(r: number, c: Column, blankOk = false): string {
    const v = this.cell(r, c);
    if (typeof v === 'string') {
      // Most ids need no trimming: skip the copy trim() would make for each of a million cells.
      if (v.length > 0 && v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32) return v;
      const s = v.trim();
      if (s !== '') return s;
    }
    if (this.blank(r, c, v, blankOk)) return '';
    if (this.unreadable(r, c, v)) return '';
    if (typeof v === 'number') return String(v);
    if (v instanceof Date) {
      const d = dateFromCell(v);
      return d ? isoDate(d) : '';
    }
    return String(v);
  }

  /**
   * A number: undefined when blank (blank_required reported for required columns unless blankOk), NaN when
   * invalid (reported). Checks the column's type (integer; percent text only where a rate is allowed) and min/max.
   */
  number(r: number, c: Column, blankOk = false): number | undefined {
    const v = this.cell(r, c);
    let x: number;
    if (typeof v === 'number') x = v;
    else if (this.blank(r, c, v, blankOk)) return undefined;
    else if (typeof v === 'string') {
      x = numberFromText(v);
      if (x === x && isPercentText(v) && !ACCEPTS_PERCENT_TEXT.has(c.spec.type)) {
        this.error(r, c, 'percent_not_allowed', () => P.percentNotAllowed(v, c.spec.unit ?? NUMBER_TEXT));
        return NaN;
      }
    } else if (this.unreadable(r, c, v)) return NaN;
    else x = NaN;
    if (!Number.isFinite(x)) {
      const comma = typeof v === 'string' ? decimalCommaSuggestion(v) : undefined;
      if (comma !== undefined) this.error(r, c, 'decimal_comma', () => P.decimalComma(String(v).trim(), comma));
      else this.error(r, c, 'not_a_number', () => P.notANumber(v));
      return NaN;
    }
    const s = c.spec;
    if (s.type === 'integer' && !Number.isInteger(x)) {
      this.error(r, c, 'not_an_integer', () => P.notAnInteger(x));
      return NaN;
    }
    if (s.min !== undefined && x < s.min) {
      if (s.min === 0) this.error(r, c, 'negative_value', () => P.negative(x));
      else this.error(r, c, 'out_of_range', () => P.outOfRange(x, s.min, s.max));
      return NaN;
    }
    if (s.max !== undefined && x > s.max) {
      if (s.type === 'fraction' && s.max === 1) this.error(r, c, 'rate_above_100', () => P.rateAbove100(x));
      else this.error(r, c, 'out_of_range', () => P.outOfRange(x, s.min, s.max));
      return NaN;
    }
    const size = Math.abs(x);
    if (size > MAX_MAGNITUDE) {
      this.error(r, c, 'value_too_large', () => P.valueTooLarge(x, MAX_MAGNITUDE));
      return NaN;
    }
    const plausible = s.plausibleMax ?? PLAUSIBLE_MAX;
    if (size > plausible) this.warning(r, c, 'implausible_value', () => P.implausibleValue(x, plausible, s.unit));
    return x;
  }

  /** Whether the cell was written as a percentage ("5%"), for columns whose unit depends on the row. */
  wasPercent(r: number, c: Column): boolean {
    return isPercentText(this.cell(r, c));
  }

  /** The model id of an enum cell; undefined when blank or invalid (reported, listing the allowed values). */
  enumId(r: number, c: Column, blankOk = false): string | undefined {
    const v = this.cell(r, c);
    if (this.blank(r, c, v, blankOk)) return undefined;
    if (this.unreadable(r, c, v)) return undefined;
    const values = c.spec.values ?? [];
    const id = enumKeys(values).get(squash(String(v)));
    if (id === undefined) this.error(r, c, 'invalid_enum', () => P.invalidEnum(v, values));
    return id;
  }

  /** sí/no, yes/no, TRUE/FALSE, 1/0 and the column's own words; undefined when blank or invalid (reported). */
  bool(r: number, c: Column): boolean | undefined {
    const v = this.cell(r, c);
    if (typeof v === 'boolean') return v;
    if (this.blank(r, c, v, false)) return undefined;
    if (this.unreadable(r, c, v)) return undefined;
    const b = booleanKeys(c.spec).get(squash(String(v)));
    if (b === undefined) this.error(r, c, 'invalid_boolean', () => P.invalidBoolean(v));
    return b;
  }

  /** ISO date "2026-01-15"; '' when blank or invalid (reported). */
  date(r: number, c: Column): string {
    const v = this.cell(r, c);
    if (this.blank(r, c, v, false)) return '';
    if (this.unreadable(r, c, v)) return '';
    const d = dateFromCell(v);
    if (!d) {
      const foreign = typeof v === 'string' ? foreignDateText(v) : undefined;
      if (foreign)
        this.error(r, c, 'date_text_locale', () =>
          P.dateTextLocale(String(v).trim(), foreign.looks, foreign.suggestion),
        );
      else this.error(r, c, 'invalid_date', () => P.invalidDate(v));
      return '';
    }
    return isoDate(d);
  }

  /** Values separated by ";" or ","; empty when blank. */
  list(r: number, c: Column): string[] {
    const s = this.text(r, c, true);
    if (s === '') return [];
    return s
      .split(/[;,]/)
      .map((x) => x.trim())
      .filter((x) => x !== '');
  }
}

/**
 * Beyond this magnitude a number is an error: doubles hold whole numbers exactly only up to 2^53 ≈ 9e15, so sums
 * and products of such values (volume × price) stop being exact, and no real trade plan comes near it.
 */
export const MAX_MAGNITUDE = 1e15;
/** Above this a number is a warning unless its column says otherwise (ColumnSpec.plausibleMax). */
export const PLAUSIBLE_MAX = 1e12;
/** Cells of merged ranges whose errors a merged_cells cause explains (a whole merged column stays cheap). */
const MAX_EXPLAINED_CELLS = 100_000;

const ACCEPTS_PERCENT_TEXT = new Set(['fraction', 'rate_or_amount', 'measure']);
const NUMBER_TEXT: Text = { es: 'un número', en: 'a number' };

// Lookup maps are built once per spec, not per table or per cell.
const headerCache = new WeakMap<TableSpec, Map<string, ColumnSpec>>();
const enumCache = new WeakMap<readonly EnumValue[], Map<string, string>>();
const booleanCache = new WeakMap<ColumnSpec, Map<string, boolean>>();

/** Squashed header text (es, en, aliases) → column spec. */
export function headerKeys(spec: TableSpec): Map<string, ColumnSpec> {
  let m = headerCache.get(spec);
  if (!m) {
    m = new Map();
    for (const c of spec.columns) for (const name of [c.es, c.en, ...(c.aliases ?? [])]) m.set(squash(name), c);
    headerCache.set(spec, m);
  }
  return m;
}

/** Squashed value text (id, es, en, aliases) → model id. */
export function enumKeys(values: readonly EnumValue[]): Map<string, string> {
  let m = enumCache.get(values);
  if (!m) {
    m = new Map();
    for (const v of values) for (const name of [v.id, v.es, v.en, ...(v.aliases ?? [])]) m.set(squash(name), v.id);
    enumCache.set(values, m);
  }
  return m;
}

const TRUE_WORDS = ['sí', 'si', 's', 'yes', 'y', 'true', 'verdadero', 'x', '1'];
const FALSE_WORDS = ['no', 'n', 'false', 'falso', '0'];

function booleanKeys(spec: ColumnSpec): Map<string, boolean> {
  let m = booleanCache.get(spec);
  if (!m) {
    m = new Map();
    for (const w of [...TRUE_WORDS, ...(spec.trueWords ?? [])]) m.set(squash(w), true);
    for (const w of [...FALSE_WORDS, ...(spec.falseWords ?? [])]) m.set(squash(w), false);
    booleanCache.set(spec, m);
  }
  return m;
}
