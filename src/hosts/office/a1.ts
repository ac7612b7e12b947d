/** A1 addresses the Office host builds and reads (1-based rows and columns, as the results layout uses). */
import { columnLetter } from '../../workbook/results-layout';

export { columnLetter };

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

export function areaAddress(row: number, column: number, rows: number, columns: number): string {
  const a = cellAddress(row, column);
  return rows === 1 && columns === 1 ? a : `${a}:${cellAddress(row + rows - 1, column + columns - 1)}`;
}

export function absoluteCell(row: number, column: number): string {
  return `$${columnLetter(column)}$${row}`;
}

/** Top-left cell of "Sheet!B3:F40" / "'My sheet'!B3" as 1-based row and column. */
export function topLeft(address: string): { row: number; column: number } {
  const local = address.slice(address.lastIndexOf('!') + 1).split(':')[0].replace(/\$/g, '');
  const m = /^([A-Za-z]{1,3})(\d+)$/.exec(local);
  if (!m) throw new Error(`Unexpected address from Excel: ${address}`);
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), column };
}

/** The local part of an address ("Sheet!B3" → "B3"). */
export function localPart(address: string): string {
  return address.slice(address.lastIndexOf('!') + 1);
}
