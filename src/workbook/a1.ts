/**
 * A1 addresses, as Excel numbers rows and columns (1-based). One implementation for the contract's error
 * addresses, the result layouts and every host.
 */

export const MAX_COLUMNS = 16384; // XFD
export const MAX_ROWS = 1048576;

export interface CellPosition {
  row: number;
  column: number;
}

/** 1 → "A", 27 → "AA", 16384 → "XFD". */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1 || column > MAX_COLUMNS) {
    throw new RangeError(`Column out of range: ${column}`);
  }
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "B7" for row 7, column 2. */
export function toA1(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** "B3:F40" for a block (a single cell stays "B3"). */
export function areaAddress(row: number, column: number, rows: number, columns: number): string {
  const a = toA1(row, column);
  return rows === 1 && columns === 1 ? a : `${a}:${toA1(row + rows - 1, column + columns - 1)}`;
}

/** "$B$7". */
export function absoluteCell(row: number, column: number): string {
  return `$${columnLetters(column)}$${row}`;
}

/** The local part of an address ("Sheet!B3" → "B3", "'My sheet'!B3:C4" → "B3:C4"). */
export function localPart(address: string): string {
  return address.slice(address.lastIndexOf('!') + 1);
}

/** First cell of "B7", "$B$7", "b7", "B7:D9" or "Sheet!B7:D9" as 1-based row and column. */
export function parseA1(address: string): CellPosition {
  const first = localPart(address).split(':')[0].replace(/\$/g, '').trim().toUpperCase();
  const m = /^([A-Z]{1,3})([0-9]{1,7})$/.exec(first);
  if (!m) throw new RangeError(`Not an A1 cell address: "${address}"`);
  let column = 0;
  for (const ch of m[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROWS || column > MAX_COLUMNS)
    throw new RangeError(`Cell address out of range: "${address}"`);
  return { row, column };
}
