/** A1 addresses for the in-memory workbook: 1-based rows and columns, as Excel numbers them. */

export const MAX_COLUMNS = 16384; // XFD
export const MAX_ROWS = 1048576;

/** 1 → "A", 27 → "AA". */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1 || column > MAX_COLUMNS) {
    throw new RangeError(`Column out of range: ${column}`);
  }
  let s = '';
  let n = column;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = (n - 1 - r) / 26;
  }
  return s;
}

export function toA1(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

export interface CellPosition {
  row: number;
  column: number;
}

/** Parses "B7", "$B$7" or "b7" (a single cell; the first cell of a range such as "B7:D9"). */
export function parseA1(address: string): CellPosition {
  const first = address.split(':')[0].replace(/\$/g, '').trim().toUpperCase();
  const m = /^([A-Z]{1,3})([0-9]{1,7})$/.exec(first);
  if (!m) throw new RangeError(`Not an A1 cell address: "${address}"`);
  let column = 0;
  for (const ch of m[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROWS || column > MAX_COLUMNS) throw new RangeError(`Cell address out of range: "${address}"`);
  return { row, column };
}
