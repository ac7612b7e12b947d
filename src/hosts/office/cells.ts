/**
 * Office.js cell values ↔ the port's CellValue. Office returns empty cells as "", dates as serial numbers and
 * error cells as their text ("#N/A"); it accepts only strings, numbers and booleans, and it parses strings the way
 * typing does ("2026-01" becomes a date, "7501055300075" a number), so text that Excel would convert is written
 * with a leading apostrophe, Excel's own "keep as text" prefix.
 */
import { isCellError, isFormulaCell, type CellValue, type ResultCell } from '../../workbook/port';

const EXCEL_ERRORS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#PYTHON!',
]);

/** One value of Range.values as the port sees it. */
export function fromOfficeValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return EXCEL_ERRORS.has(v) ? { error: v } : v;
  // Outside Range.values' documented string | number | boolean: readable text, never "[object Object]".
  return JSON.stringify(v);
}

/**
 * One cell read with both Range.values and Range.formulas (a workbook Excel has not calculated): a formula whose
 * value is empty has no value yet, which the contract reports instead of reading a blank.
 */
export function fromOfficeCell(value: unknown, formula: unknown): CellValue {
  if (value === '' && typeof formula === 'string' && formula.startsWith('=')) return { formulaWithoutValue: formula };
  return fromOfficeValue(value);
}

export function fromOfficeRows(rows: readonly (readonly unknown[])[]): CellValue[][] {
  return rows.map((row) => row.map(fromOfficeValue));
}

/** Excel's serial date (1900 date system): days since 1899-12-30, UTC. */
export function excelSerial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

// Strings Excel would turn into numbers, dates, times, booleans or formulas when written (as when typed).
const COERCIBLE = [
  /^\s/, // leading space before a number still parses
  /^['=+\-@$€£(.]/,
  /^\d/,
  /^(true|false|verdadero|falso)$/i,
  /^[A-Za-zÁÉÍÓÚáéíóú]{3,10}\.?[-\s/]\d{1,4}$/, // "Jan-26", "ene 2026"
];

/** Text as Excel must receive it to stay text. */
export function textForExcel(s: string): string {
  return COERCIBLE.some((re) => re.test(s)) ? `'${s}` : s;
}

/** What goes into Range.formulas for one result cell: a formula, a number, a boolean or text. */
export function toOfficeInput(c: ResultCell): string | number | boolean {
  if (isFormulaCell(c)) return c.formula.startsWith('=') ? c.formula : `=${c.formula}`;
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? c : ''; // NaN/∞ have no Excel value: leave blank
  if (typeof c === 'boolean') return c;
  if (c instanceof Date) return excelSerial(c);
  if (isCellError(c)) return c.error === '#N/A' ? '=NA()' : textForExcel(c.error);
  return textForExcel(String(c));
}

/** Numeric value of a result cell for the chart layout (formula cells carry the engine's result). */
export function numericValue(c: ResultCell | undefined): number {
  const v = isFormulaCell(c) ? c.result : c;
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
