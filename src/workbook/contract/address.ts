/** A1 addresses as Excel writes them, so an error can point at (and the task pane can select) the cell. */

import { columnLetters } from '../a1';

export { columnLetters };

const PLAIN_SHEET = /^[\p{L}_][\p{L}\p{N}_.]*$/u;
const LOOKS_LIKE_A1 = /^[A-Za-z]{1,3}[0-9]+$/;
const LOOKS_LIKE_R1C1 = /^[Rr]([0-9]+)?([Cc]([0-9]+)?)?$/;

/** Sheet name as it must appear before "!": quoted when Excel would quote it ('Base Volúmenes'!C4). */
export function sheetRef(sheet: string): string {
  const plain = PLAIN_SHEET.test(sheet) && !LOOKS_LIKE_A1.test(sheet) && !LOOKS_LIKE_R1C1.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** "Clientes!D7" for 1-based row and column. */
export function cellAddress(sheet: string, row: number, column: number): string {
  return `${sheetRef(sheet)}!${columnLetters(column)}${row}`;
}
