/** A1 ranges as the package stores them (table refs, merged cells, hyperlinks): "B3:H40", "$b$3:$h$40", "B3". */
import { areaAddress } from '../../../workbook/a1';

/** 1-based bounds, inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

/** Letters of a column ("A", "xfd") → 1-based number, 0 when not letters. */
export function columnOf(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) return 0;
    n = n * 26 + (c - 96);
  }
  return n;
}

function corner(a1: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(a1.trim());
  if (!m) return undefined;
  const col = columnOf(m[1]);
  const row = Number(m[2]);
  return row >= 1 && row <= MAX_ROWS && col >= 1 && col <= MAX_COLUMNS ? { row, col } : undefined;
}

/** A range or single cell, with or without "$", any case; undefined when it is not one (a whole row, a name). */
export function decodeRange(ref: string): CellRange | undefined {
  const parts = ref.split(':');
  if (parts.length > 2) return undefined;
  const a = corner(parts[0]);
  const b = parts.length > 1 ? corner(parts[1]) : a;
  if (!a || !b) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** "B4:C4" (a single cell stays "B4"). */
export function formatRange(r: CellRange): string {
  return areaAddress(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
}

export function overlaps(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function contains(r: CellRange, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}
