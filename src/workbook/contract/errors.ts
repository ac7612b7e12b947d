/**
 * Contract errors: every problem of the input workbook, located (sheet, table, row, column, A1 address) and
 * worded in Spanish (Mexico) and English, each message readable on its own.
 */
import type { Lang, Text } from '../../engine/model';
import type { CellValue } from '../port';
import { isCellError, isFormulaWithoutValue } from '../port';

export interface ContractError {
  /** Stable id of the problem, e.g. "rate_above_100" (ERROR_CODES, WARNING_CODES). */
  code: string;
  /** Worksheet name ('' when the problem is a missing table). */
  sheet: string;
  /** Table name as in the workbook (the contract's name when the table is missing). */
  table: string;
  /** 1-based worksheet row. */
  row?: number;
  /** Header as written in the file, or the spec's header when the column is missing. */
  column?: string;
  /** "Clientes!D7" style; sheet names with spaces are quoted: 'Volúmenes base'!C4. */
  address?: string;
  es: string;
  en: string;
  /** too_many_errors only: how many errors were counted but not listed. */
  count?: number;
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
  'too_many_errors',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Problems that do not block the model. */
export const WARNING_CODES = ['settings_empty', 'ieps_rate_ignored', 'rate_ignored_with_tiers'] as const;
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

/** More errors than this are counted, not listed: a file with a whole bad column stays readable. */
export const MAX_ERRORS = 500;

export class ErrorSink {
  readonly errors: ContractError[] = [];
  readonly warnings: ContractError[] = [];
  private overflow = 0;

  constructor(private readonly cap = MAX_ERRORS) {}

  get errorCount(): number {
    return this.errors.length + this.overflow;
  }

  /** The problem text is built lazily so a million bad cells cost a counter, not a million strings. */
  error(code: ErrorCode, where: Location, problem: () => Text): void {
    if (this.errors.length >= this.cap) {
      this.overflow++;
      return;
    }
    this.errors.push(located(code, where, problem()));
  }

  warning(code: WarningCode, where: Location, problem: () => Text): void {
    if (this.warnings.length >= this.cap) return;
    this.warnings.push(located(code, where, problem()));
  }

  /** All errors, with a closing "and N more" when some were only counted. */
  allErrors(): ContractError[] {
    if (this.overflow === 0) return this.errors;
    const n = this.overflow;
    return [
      ...this.errors,
      {
        code: 'too_many_errors',
        sheet: '',
        table: '',
        count: n,
        es: `… y ${n} errores más (se muestran los primeros ${this.cap}; corrija estos y vuelva a validar).`,
        en: `… and ${n} more errors (the first ${this.cap} are shown; fix these and validate again).`,
      },
    ];
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

/** A numbered list of errors under a one-line summary (the exact total, even past the cap), for the CLI and logs. */
export function formatContractErrors(errors: readonly ContractError[], lang: Lang): string {
  const listed = errors.filter((e) => e.code !== 'too_many_errors').length;
  const total = listed + (errors.find((e) => e.code === 'too_many_errors')?.count ?? 0);
  const count =
    lang === 'es' ? (total === 1 ? '1 error' : `${total} errores`) : total === 1 ? '1 error' : `${total} errors`;
  const shown =
    total === listed ? '' : lang === 'es' ? `; se listan los primeros ${listed}` : `; the first ${listed} are listed`;
  const head = lang === 'es' ? `El libro tiene ${count}${shown}:` : `The workbook has ${count}${shown}:`;
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
