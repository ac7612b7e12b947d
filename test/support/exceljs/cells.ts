/**
 * ExcelJS cell ↔ port CellValue. Pure over ExcelJS objects (types only), so the in-browser memory host can reuse it.
 */
import type { Cell } from 'exceljs';
import { isCellError, isFormulaWithoutValue, type CellValue } from '../../../src/workbook/port';

interface RichTextRun {
  text: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

/** Rich text, a hyperlink's text or a plain scalar, flattened to a string. */
function plainText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (isObject(v) && Array.isArray(v.richText)) {
    return (v.richText as RichTextRun[]).map((run) => run.text ?? '').join('');
  }
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v); // any other ExcelJS value object: readable text, never "[object Object]"
}

/** A formula's cached result (or any raw ExcelJS value) as a CellValue. */
function fromRaw(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (isObject(v)) {
    if (typeof v.error === 'string') return { error: v.error };
    if (Array.isArray(v.richText)) return plainText(v);
    if ('hyperlink' in v) return plainText(v.text);
  }
  return plainText(v);
}

/**
 * The value a user sees in the cell: formula cells give their saved result (read through `cell.result`, because
 * ExcelJS's `cell.value` drops results that are 0, false or ""); a formula with no saved result (a file written by
 * a script or an export, never calculated) is a formula without value, never a blank.
 */
export function cellValueOf(cell: Cell | undefined): CellValue {
  if (!cell) return null;
  const v = cell.value as unknown;
  if (isObject(v) && ('formula' in v || 'sharedFormula' in v)) {
    // A hyperlinked formula is parsed as a hyperlink whose text is the result; handled by fromRaw below.
    const result = cell.result as unknown;
    if (result === undefined || result === null) return { formulaWithoutValue: `=${formulaText(cell, v)}` };
    return fromRaw(result);
  }
  return fromRaw(v);
}

/** The formula of a cell; a shared formula's follower cells give their own translated formula. */
function formulaText(cell: Cell, v: Record<string, unknown>): string {
  const own = (cell as { formula?: unknown }).formula;
  if (typeof own === 'string' && own !== '') return own;
  const shared = v.formula ?? v.sharedFormula;
  return typeof shared === 'string' ? shared : '';
}

/** Header text of a cell: the displayed value as a string ('' when empty). */
export function cellText(cell: Cell | undefined): string {
  const v = cellValueOf(cell);
  if (v === null) return '';
  if (isCellError(v)) return v.error;
  if (isFormulaWithoutValue(v)) return '';
  return plainText(v);
}
