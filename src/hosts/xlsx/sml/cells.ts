/**
 * Cell values as SpreadsheetML <c> elements (ECMA-376 §18.3.1.4): numbers, booleans, errors, text (shared or inline),
 * dates as serial numbers (1900 date system), formulas with their cached result. Text is always a string cell, so
 * text beginning with "=", "+", "-" or "@" stays text; only FormulaInput makes a formula.
 */
import { columnLetters } from '../../../workbook/a1';
import type { StringMode } from './strings';
import { escapeText, textElement } from './xml';

export interface CellErrorInput {
  error: string;
}

/** A formula ("=A1+B1" or "A1+B1": the file stores it without "=") with the value it had when written. */
export interface FormulaInput {
  formula: string;
  /** Cached result: shown until Excel recalculates; null or absent writes none. */
  result?: number | string | boolean | CellErrorInput | null;
}

export type CellInput = string | number | boolean | Date | null | undefined | CellErrorInput | FormulaInput;

/** Excel has no NaN or infinity: such a number is written as #NUM!, so the defect shows instead of hiding. */
export const NOT_A_NUMBER = '#NUM!';

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const LEAP_BUG_END = Date.UTC(1900, 2, 1);

/**
 * A date as Excel's serial number, 1900 date system, from its UTC fields. Before 1 March 1900 the serial is one less
 * than the day count, because Excel counts a 29 February 1900 that never was.
 */
export function excelSerial(d: Date): number {
  const t = d.getTime();
  return (t - EPOCH_1900) / DAY_MS - (t < LEAP_BUG_END ? 1 : 0);
}

export function isFormulaInput(v: unknown): v is FormulaInput {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as FormulaInput).formula === 'string';
}

function isErrorInput(v: unknown): v is CellErrorInput {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as CellErrorInput).error === 'string';
}

/** Column letters by 1-based index, cached: a million rows of the same columns. */
const LETTERS: string[] = [];
export function letters(column: number): string {
  return (LETTERS[column] ??= columnLetters(column));
}

/** ' s="12"' by cellXfs index, and a shared formula's follower element by group: the same few strings a million times. */
const STYLE_ATTRS: string[] = [];
const SHARED_FOLLOWERS: string[] = [];

/** A cell's style attribute, ' s="12"', or '' for none (0 or undefined). */
export function styleAttr(s: number | undefined): string {
  return s ? (STYLE_ATTRS[s] ??= ` s="${s}"`) : '';
}

/**
 * A formula cell's part in a shared formula (ECMA-376 §18.3.1.40): the master cell (top of the run) carries the text
 * and the range `ref` it is shared over; the cells below carry only the group `si`, their formula being the master's
 * shifted to their row (as Excel, LibreOffice and ExcelJS read it).
 */
export interface SharedFormulaRole {
  si: number;
  /** The master's: "I5:I83262". */
  ref?: string;
}

/**
 * The <c> element of one cell, or '' for an empty cell without a style. `ref` is its A1 address, `s` its cellXfs
 * index (0 or undefined: none); `shared` its role in a shared formula (a formula cell only).
 */
export function cellXml(
  ref: string,
  value: CellInput,
  s: number | undefined,
  strings: StringMode,
  shared?: SharedFormulaRole,
): string {
  const st = styleAttr(s);
  if (shared !== undefined && typeof value === 'object' && value !== null && !(value instanceof Date)) {
    if (shared.ref === undefined) {
      return resultXml(
        ref,
        (SHARED_FOLLOWERS[shared.si] ??= `<f t="shared" si="${shared.si}"/>`),
        value as FormulaInput,
        st,
      );
    }
    const text = formulaText(value as FormulaInput);
    return resultXml(
      ref,
      `<f t="shared" ref="${shared.ref}" si="${shared.si}">${escapeText(text)}</f>`,
      value as FormulaInput,
      st,
    );
  }
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value)
        ? `<c r="${ref}"${st}><v>${value}</v></c>`
        : `<c r="${ref}"${st} t="e"><v>${NOT_A_NUMBER}</v></c>`;
    case 'string':
      if (strings === 'inline') return `<c r="${ref}"${st} t="inlineStr"><is>${textElement(value)}</is></c>`;
      return `<c r="${ref}"${st} t="s"><v>${strings.add(value)}</v></c>`;
    case 'boolean':
      return `<c r="${ref}"${st} t="b"><v>${value ? 1 : 0}</v></c>`;
    case 'undefined':
      return st ? `<c r="${ref}"${st}/>` : '';
    default:
  }
  if (value === null) return st ? `<c r="${ref}"${st}/>` : '';
  if (value instanceof Date) {
    const serial = excelSerial(value);
    return Number.isFinite(serial)
      ? `<c r="${ref}"${st}><v>${serial}</v></c>`
      : `<c r="${ref}"${st} t="e"><v>${NOT_A_NUMBER}</v></c>`;
  }
  if (isFormulaInput(value)) return formulaXml(ref, value, st);
  if (isErrorInput(value)) return `<c r="${ref}"${st} t="e"><v>${escapeText(value.error)}</v></c>`;
  throw new TypeError(`Not a cell value at ${ref}: ${JSON.stringify(value)}`);
}

function formulaText(value: FormulaInput): string {
  const formula = value.formula;
  return formula.startsWith('=') ? formula.slice(1) : formula;
}

function formulaXml(ref: string, value: FormulaInput, st: string): string {
  return resultXml(ref, `<f>${escapeText(formulaText(value))}</f>`, value, st);
}

/** A formula cell: its <f> element `f` and its cached result. */
function resultXml(ref: string, f: string, value: FormulaInput, st: string): string {
  const r = value.result;
  if (r === null || r === undefined) return `<c r="${ref}"${st}>${f}</c>`;
  switch (typeof r) {
    case 'number':
      return Number.isFinite(r)
        ? `<c r="${ref}"${st}>${f}<v>${r}</v></c>`
        : `<c r="${ref}"${st} t="e">${f}<v>${NOT_A_NUMBER}</v></c>`;
    case 'string':
      return `<c r="${ref}"${st} t="str">${f}<v>${escapeText(r)}</v></c>`;
    case 'boolean':
      return `<c r="${ref}"${st} t="b">${f}<v>${r ? 1 : 0}</v></c>`;
    default:
      return `<c r="${ref}"${st} t="e">${f}<v>${escapeText(r.error)}</v></c>`;
  }
}
