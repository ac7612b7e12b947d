/**
 * Ranges of the user's sheets that are not Excel tables, as a mapping's source ("Ventas!A3:H200", "'PL WMX'!A5:P":
 * from row 5 to the last row with a value in A…P). The range's first row holds the headers, the rows below it the
 * data, read like a table's: one implementation of what a range reads as, for every host's readRanges.
 *
 * @example parseRangeRef("'PL WMX'!A5:P") // → { ref: "'PL WMX'!A5:P", sheet: 'PL WMX', top: 5, left: 1, right: 16, bottom: null }
 */
import { MAX_COLUMNS, MAX_ROWS } from './a1';
import { isCellError, isFormulaWithoutValue, type CellValue, type TableGrid } from './port';

export interface RangeRef {
  /** As the mapping writes it (trimmed): the key its grid is returned under, and the grid's name. */
  ref: string;
  sheet: string;
  /** The header row and the columns (1-based, inclusive). */
  top: number;
  left: number;
  right: number;
  /** The last row, or null: down to the last row with a value in the range's columns. */
  bottom: number | null;
}

const REF = /^(?:'((?:[^']|'')+)'|([^'!][^!]*))!\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)?$/;

const columnOf = (letters: string): number =>
  [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** A range reference of a mapping's «Origen», or undefined when the text is not one (a table name). */
export function parseRangeRef(text: string): RangeRef | undefined {
  const ref = text.trim();
  const m = REF.exec(ref);
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2].trim();
  const top = Number(m[4]);
  const a = columnOf(m[3]);
  const b = columnOf(m[5]);
  const bottom = m[6] === undefined ? null : Number(m[6]);
  if (top < 1 || top > MAX_ROWS || a > MAX_COLUMNS || b > MAX_COLUMNS || (bottom !== null && bottom > MAX_ROWS))
    return undefined;
  if (bottom !== null && bottom < top) return undefined;
  return { ref, sheet, top, left: Math.min(a, b), right: Math.max(a, b), bottom };
}

/** Whether a mapping's source names a range ("Hoja!A1:F20") rather than a table. */
export const isRangeRef = (text: string): boolean => parseRangeRef(text) !== undefined;

const blank = (v: CellValue | undefined) => v === null || v === undefined || v === '';

/**
 * A range's cells (its rows from the header row down, as wide as the range) as a grid: the first row's texts as
 * headers, the rows below as data, blank rows at the end left out (an open range stops at its last value).
 */
export function rangeGrid(r: RangeRef, sheet: string, cells: readonly (readonly CellValue[])[]): TableGrid {
  const width = r.right - r.left + 1;
  const headerCells = cells[0] ?? [];
  // As a table's header cells read (src/hosts/xlsx/reader/grid.ts): an error as its code, a formula without value blank.
  const headers = Array.from({ length: width }, (_, j) => {
    const h = headerCells[j];
    if (h === null || h === undefined || isFormulaWithoutValue(h)) return '';
    if (isCellError(h)) return h.error;
    return h instanceof Date ? h.toISOString() : String(h);
  });
  let last = cells.length - 1;
  while (last >= 1 && (cells[last] ?? []).every(blank)) last--;
  const rows: CellValue[][] = [];
  for (let i = 1; i <= last; i++) {
    const row = cells[i] ?? [];
    rows.push(Array.from({ length: width }, (_, j) => row[j] ?? null));
  }
  return { name: r.ref, sheet, headerRow: r.top, firstColumn: r.left, headers, rows };
}
