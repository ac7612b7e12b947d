/**
 * Contract errors: every problem of the input workbook, located (sheet, table, row, column, A1 address) and
 * worded in Spanish (Mexico) and English, each message readable on its own.
 */
import type { Lang, Text } from '../../engine/model';
import type { CellValue } from '../port';
import { isCellError, isFormulaWithoutValue } from '../port';
import { sheetRef } from './address';

export interface ContractError {
  /** Stable id of the problem, e.g. "rate_above_100" (ERROR_CODES, WARNING_CODES). */
  code: string;
  /** Worksheet name ('' when the problem is a missing table). */
  sheet: string;
  /** Table name as in the workbook (the contract's name when the table is missing). */
  table: string;
  /** 1-based worksheet row (of the first cell, when the entry stands for several). */
  row?: number;
  /** Header as written in the file, or the spec's header when the column is missing. */
  column?: string;
  /** "Clientes!D7" style; sheet names with spaces are quoted: 'Volúmenes base'!C4. */
  address?: string;
  es: string;
  en: string;
  /**
   * How many cells or rows this one cause stands for, when more than one (the same problem in several places is
   * one entry). too_many_errors: how many errors were counted but not listed.
   */
  count?: number;
  /** The first addresses of a cause found in several cells, in reading order (at most MAX_ADDRESSES). */
  addresses?: string[];
  /** Errors of other kinds not listed because this cause explains them (cells inside a merged range…). */
  explains?: number;
}

/** Totals of a validation, as numbers (the lists may be grouped and capped; these never are). */
export interface ProblemTotals {
  /** Error cells or rows found, every one counted. */
  errors: number;
  /** Distinct causes among them (each listed once, with its count). */
  causes: number;
  warnings: number;
  warningCauses: number;
  /** Errors not listed because a root cause listed above explains them. */
  explained: number;
}

/** Every error code the contract reports (docs/workbook.md lists each one). */
export const ERROR_CODES = [
  'missing_table',
  'duplicate_table',
  'empty_table',
  'missing_column',
  'unknown_column',
  'duplicate_column',
  'blank_required',
  'not_a_number',
  'excel_error',
  'formula_without_value',
  'percent_not_allowed',
  'not_an_integer',
  'negative_value',
  'out_of_range',
  'rate_above_100',
  'invalid_enum',
  'invalid_boolean',
  'invalid_date',
  'invalid_period',
  'mixed_periodicity',
  'period_outside_fiscal_year',
  'fiscal_year_mismatch',
  'periodicity_mismatch',
  'period_from_after_to',
  'periods_not_contiguous',
  'unknown_customer',
  'unknown_sku',
  'unknown_category',
  'unknown_brand',
  'unknown_term',
  'duplicate_key',
  'tiers_not_ascending',
  'tiers_overlap',
  'tiers_gap',
  'tier_bounds',
  'growth_pay_on_required',
  'target_required',
  'scope_values_required',
  'rate_required',
  'ieps_rate_required',
  'ieps_litres_required',
  'unknown_setting',
  'duplicate_setting',
  'price_change_value_required',
  'dates_reversed',
  'depth_required',
  'invalid_multibuy',
  'promotion_overlap',
  'unknown_scenario',
  'unknown_promotion',
  'unknown_tier',
  'unknown_cost',
  'lever_other_customer',
  'action_not_for_target',
  'field_not_for_target',
  'header_row_off',
  'merged_cells',
  'mapping_invalid',
  'mapping_source_missing',
  'value_too_large',
  'date_text_locale',
  'decimal_comma',
  'too_many_errors',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Problems that do not block the model. */
export const WARNING_CODES = [
  'settings_empty',
  'ieps_rate_ignored',
  'rate_ignored_with_tiers',
  'rows_below_table',
  'hidden_rows',
  'implausible_value',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** Where a problem is; `at` picks the wording of the location. */
export interface Location {
  at: 'workbook' | 'table' | 'header' | 'column' | 'row' | 'cell';
  sheet: string;
  table: string;
  row?: number;
  column?: string;
  address?: string;
}

/**
 * Root causes first: a problem of the file's structure explains the rows under it, a duplicate key explains the
 * references that then point at the wrong row, and a missing key explains every row that cites it. Lower ranks are
 * listed first and are never hidden by the cap.
 */
const RANK: Partial<Record<ErrorCode, number>> = {
  missing_table: 0,
  duplicate_table: 0,
  header_row_off: 0,
  merged_cells: 0,
  mapping_invalid: 0,
  mapping_source_missing: 0,
  missing_column: 0,
  duplicate_column: 0,
  unknown_column: 0,
  empty_table: 0,
  fiscal_year_mismatch: 0,
  periodicity_mismatch: 0,
  duplicate_key: 1,
  duplicate_setting: 1,
  unknown_customer: 2,
  unknown_sku: 2,
  unknown_category: 2,
  unknown_brand: 2,
  unknown_term: 2,
  unknown_scenario: 2,
  unknown_promotion: 2,
  unknown_tier: 2,
  unknown_cost: 2,
};
const OTHER_RANK = 3;

/** A missing key is one cause wherever it is cited: grouped across tables and columns. */
const ACROSS_TABLES: ReadonlySet<string> = new Set(
  Object.entries(RANK)
    .filter(([, r]) => r === 2)
    .map(([c]) => c),
);

/** At most this many causes are listed (root causes always are); the others are counted. */
export const MAX_ERRORS = 500;
/** Addresses kept per cause (its message shows the first few). */
export const MAX_ADDRESSES = 20;
const SHOWN_ADDRESSES = 5;
/** Distinct causes remembered; beyond this a file with a million different bad values costs counters only. */
const MAX_TRACKED = 10_000;

interface Cause {
  code: ErrorCode | WarningCode;
  rank: number;
  first: Location;
  problem: Text;
  count: number;
  addresses: string[];
  /** Per table (in order of first appearance): its sheet, count and first addresses. */
  places: Map<string, { sheet: string; count: number; addresses: string[] }>;
  explains: number;
}

class CauseList {
  readonly causes = new Map<string, Cause>();
  /** Problems counted once MAX_TRACKED causes are remembered. */
  untracked = 0;
  total = 0;

  add(code: ErrorCode | WarningCode, where: Location, problem: () => Text): Cause | undefined {
    this.total++;
    const p = problem();
    const key = ACROSS_TABLES.has(code)
      ? `${code}\u0000${p.en}`
      : `${code}\u0000${where.sheet}\u0000${where.table}\u0000${where.at === 'cell' || where.at === 'column' ? (where.column ?? '') : ''}\u0000${p.en}`;
    let c = this.causes.get(key);
    if (!c) {
      if (this.causes.size >= MAX_TRACKED) {
        this.untracked++;
        return undefined;
      }
      c = {
        code,
        rank: RANK[code as ErrorCode] ?? OTHER_RANK,
        first: where,
        problem: p,
        count: 0,
        addresses: [],
        places: new Map(),
        explains: 0,
      };
      this.causes.set(key, c);
    }
    c.count++;
    const where1 =
      where.address ?? (where.row !== undefined ? `${sheetPrefix(where.sheet)}${where.row}:${where.row}` : undefined);
    if (where1 !== undefined && c.addresses.length < MAX_ADDRESSES) c.addresses.push(where1);
    let place = c.places.get(where.table);
    if (!place) {
      place = { sheet: where.sheet, count: 0, addresses: [] };
      c.places.set(where.table, place);
    }
    place.count++;
    if (where1 !== undefined && place.addresses.length < SHOWN_ADDRESSES) place.addresses.push(where1);
    return c;
  }

  /** Causes in the order to list them: root causes first, then as found. */
  ordered(): Cause[] {
    return [...this.causes.values()].sort((a, b) => a.rank - b.rank);
  }
}

function sheetPrefix(sheet: string): string {
  return sheet === '' ? '' : `${sheetRef(sheet)}!`;
}

/**
 * Collects the problems of one validation and hands them back grouped by cause: the same problem in many cells is
 * one entry with its count and first addresses; root causes come first, and the cells a root cause explains (the
 * other cells of a merged range) are counted against it instead of listed.
 */
export class ErrorSink {
  private readonly errorList = new CauseList();
  private readonly warningList = new CauseList();
  /** Full addresses ("'Hoja'!B5") whose own errors a root cause already explains, with that cause. */
  private readonly explained = new Map<string, Cause>();
  private explainedCount = 0;

  constructor(private readonly cap = MAX_ERRORS) {}

  get errorCount(): number {
    return this.errorList.total;
  }

  /** The problem text is built once per cell; identical problems share one entry. */
  error(code: ErrorCode, where: Location, problem: () => Text): void {
    if (where.address !== undefined) {
      const root = this.explained.get(where.address);
      if (root) {
        root.explains++;
        this.explainedCount++;
        this.errorList.total++;
        return;
      }
    }
    this.errorList.add(code, where, problem);
  }

  /**
   * A root cause that explains every other error in `cells` (full addresses, as cellAddress writes them): those
   * errors are counted against it, not listed. Report it before reading the cells.
   */
  rootCause(code: ErrorCode, where: Location, problem: () => Text, cells: Iterable<string>): void {
    const c = this.errorList.add(code, where, problem);
    if (!c) return;
    for (const a of cells) this.explained.set(a, c);
  }

  warning(code: WarningCode, where: Location, problem: () => Text): void {
    this.warningList.add(code, where, problem);
  }

  get errors(): ContractError[] {
    return this.allErrors();
  }

  get warnings(): ContractError[] {
    return this.warningList.ordered().map(entry);
  }

  totals(): ProblemTotals {
    return {
      errors: this.errorList.total,
      causes: this.errorList.causes.size + this.errorList.untracked,
      warnings: this.warningList.total,
      warningCauses: this.warningList.causes.size + this.warningList.untracked,
      explained: this.explainedCount,
    };
  }

  /** Every cause, root causes first; past the cap the other causes are counted in a closing entry. */
  allErrors(): ContractError[] {
    const ordered = this.errorList.ordered();
    const listed: ContractError[] = [];
    let hiddenCauses = this.errorList.untracked;
    let hiddenErrors = this.errorList.untracked;
    for (const c of ordered) {
      if (c.rank < OTHER_RANK || listed.length < this.cap) listed.push(entry(c));
      else {
        hiddenCauses++;
        hiddenErrors += c.count;
      }
    }
    if (hiddenCauses === 0) return listed;
    const shown = listed.length;
    listed.push({
      code: 'too_many_errors',
      sheet: '',
      table: '',
      count: hiddenErrors,
      es: `… y ${hiddenCauses} ${hiddenCauses === 1 ? 'causa más' : 'causas más'} (${hiddenErrors} ${hiddenErrors === 1 ? 'celda' : 'celdas'}); se muestran las primeras ${shown}: corríjalas y vuelva a validar.`,
      en: `… and ${hiddenCauses} more ${hiddenCauses === 1 ? 'cause' : 'causes'} (${hiddenErrors} ${hiddenErrors === 1 ? 'cell' : 'cells'}); the first ${shown} are shown: fix them and validate again.`,
    });
    return listed;
  }
}

/** One cause as a ContractError: located at its first cell, its text naming every table and the first addresses. */
function entry(c: Cause): ContractError {
  const e = located(c.code, c.first, c.problem);
  if (c.explains > 0) {
    e.explains = c.explains;
    e.es += ` (Esto explica ${c.explains} ${c.explains === 1 ? 'error más' : 'errores más'} en esas celdas, que no se listan.)`;
    e.en += ` (This explains ${c.explains} more ${c.explains === 1 ? 'error' : 'errors'} in those cells, not listed.)`;
  }
  if (c.count <= 1) return e;
  e.count = c.count;
  e.addresses = c.addresses;
  if (c.places.size === 1) {
    const w = c.first;
    const unit =
      w.at === 'row' ? (['fila', 'filas', 'row', 'rows'] as const) : (['celda', 'celdas', 'cell', 'cells'] as const);
    const list = { es: shortList(c.addresses, c.count, 'es'), en: shortList(c.addresses, c.count, 'en') };
    const [es, en] = groupPrefix(w, c.count, unit, list);
    e.es = `${es}: ${c.problem.es}`;
    e.en = `${en}: ${c.problem.en}`;
    return e;
  }
  const places = [...c.places.entries()];
  const where = (lang: Lang) =>
    places.map(([table, p]) => `${table}, ${p.count} (${shortList(p.addresses, p.count, lang)})`).join('; ');
  e.es = `${capitalize(c.problem.es)} Aparece en ${c.count} celdas de ${places.length} tablas: ${where('es')}.`;
  e.en = `${capitalize(c.problem.en)} It appears in ${c.count} cells of ${places.length} tables: ${where('en')}.`;
  return e;
}

/** "'Volúmenes base'!A2, A3, A4 y 525 más": the sheet named once, later cells of the same sheet by address only. */
function shortList(addresses: readonly string[], count: number, lang: Lang): string {
  const shown = addresses.slice(0, SHOWN_ADDRESSES);
  let sheet = '';
  const parts = shown.map((a) => {
    const bang = a.lastIndexOf('!');
    const s = bang < 0 ? '' : a.slice(0, bang + 1);
    const out = s === sheet ? a.slice(bang + 1) : a;
    sheet = s;
    return out;
  });
  const more = count - shown.length;
  if (more <= 0) return parts.join(', ');
  return lang === 'es' ? `${parts.join(', ')} y ${more} más` : `${parts.join(', ')} and ${more} more`;
}

function groupPrefix(
  w: Location,
  count: number,
  unit: readonly [string, string, string, string],
  list: { es: string; en: string },
): [string, string] {
  const es = `${count} ${unit[1]} (${list.es})`;
  const en = `${count} ${unit[3]} (${list.en})`;
  switch (w.at) {
    case 'cell':
    case 'column':
      return [
        `Tabla ${w.table} (hoja ${w.sheet}), columna «${w.column}», ${es}`,
        `Table ${w.table} (sheet ${w.sheet}), column "${w.column}", ${en}`,
      ];
    case 'workbook':
      return [capitalize(es), capitalize(en)];
    default:
      return [`Tabla ${w.table} (hoja ${w.sheet}), ${es}`, `Table ${w.table} (sheet ${w.sheet}), ${en}`];
  }
}

function located(code: ErrorCode | WarningCode, w: Location, p: Text): ContractError {
  const e: ContractError = { code, sheet: w.sheet, table: w.table, es: '', en: '' };
  if (w.row !== undefined) e.row = w.row;
  if (w.column !== undefined) e.column = w.column;
  if (w.address !== undefined) e.address = w.address;
  const [es, en] = prefix(w);
  e.es = es ? `${es}: ${p.es}` : capitalize(p.es);
  e.en = en ? `${en}: ${p.en}` : capitalize(p.en);
  return e;
}

function prefix(w: Location): [string, string] {
  switch (w.at) {
    case 'workbook':
      return ['', ''];
    case 'table':
      return [`Tabla ${w.table} (hoja ${w.sheet})`, `Table ${w.table} (sheet ${w.sheet})`];
    case 'header':
      return [
        `Tabla ${w.table}, encabezado «${w.column}» (${w.address})`,
        `Table ${w.table}, header "${w.column}" (${w.address})`,
      ];
    case 'column':
      return [
        `Tabla ${w.table} (hoja ${w.sheet}), columna «${w.column}»`,
        `Table ${w.table} (sheet ${w.sheet}), column "${w.column}"`,
      ];
    case 'row':
      return [`Tabla ${w.table} (hoja ${w.sheet}), fila ${w.row}`, `Table ${w.table} (sheet ${w.sheet}), row ${w.row}`];
    case 'cell':
      // A cell of a column the table lacks has no address: name the sheet instead.
      return [
        `Tabla ${w.table}, fila ${w.row}, columna «${w.column}» (${w.address ?? `hoja ${w.sheet}`})`,
        `Table ${w.table}, row ${w.row}, column "${w.column}" (${w.address ?? `sheet ${w.sheet}`})`,
      ];
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The message of an error in one language (each message already names table, row, column and value). */
export function formatContractError(e: ContractError, lang: Lang): string {
  return e[lang];
}

/**
 * A numbered list of causes under a one-line summary with the exact totals (every cell counted, even past the cap
 * or grouped into one cause), for the CLI and logs.
 */
export function formatContractErrors(errors: readonly ContractError[], lang: Lang): string {
  const listed = errors.filter((e) => e.code !== 'too_many_errors');
  const more = errors.find((e) => e.code === 'too_many_errors');
  const total = listed.reduce((n, e) => n + (e.count ?? 1) + (e.explains ?? 0), 0) + (more?.count ?? 0);
  const count =
    lang === 'es' ? (total === 1 ? '1 error' : `${total} errores`) : total === 1 ? '1 error' : `${total} errors`;
  const causes = listed.length;
  const grouped =
    causes === total
      ? ''
      : lang === 'es'
        ? ` de ${causes} ${causes === 1 ? 'causa' : 'causas'}${more ? ' listadas' : ''}`
        : ` from ${causes} ${causes === 1 ? 'cause' : 'causes'}${more ? ' listed' : ''}`;
  const head = lang === 'es' ? `El libro tiene ${count}${grouped}:` : `The workbook has ${count}${grouped}:`;
  return [head, ...errors.map((e, i) => `${i + 1}. ${e[lang]}`)].join('\n');
}

/** A cell value as quoted in a message: text in «» (es) or "" (en), numbers as Excel shows them unformatted. */
export function showValue(v: CellValue, lang: Lang): string {
  if (v === null || v === '') return lang === 'es' ? '(vacía)' : '(blank)';
  if (typeof v === 'string') return lang === 'es' ? `«${v}»` : `"${v}"`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return lang === 'es' ? (v ? 'VERDADERO' : 'FALSO') : v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10);
  if (isCellError(v)) return v.error;
  if (isFormulaWithoutValue(v))
    return v.formulaWithoutValue || (lang === 'es' ? '(fórmula sin valor)' : '(formula without a value)');
  return String(v);
}

/** "0.05 (5 %)" style: a fraction with its percentage, so "1.5 is above 100 %" reads as 150 %. */
export function showFraction(x: number): string {
  return `${x} (${pct(x)})`;
}

export function pct(x: number): string {
  return `${Number((x * 100).toPrecision(12))} %`;
}

/** "a, b y c" / "a, b or c" style lists of allowed values. */
export function listOf(values: readonly string[], lang: Lang, conj: 'and' | 'or' = 'or'): string {
  if (values.length <= 1) return values.join('');
  const word = lang === 'es' ? (conj === 'and' ? 'y' : 'o') : conj;
  return `${values.slice(0, -1).join(', ')} ${word} ${values[values.length - 1]}`;
}
