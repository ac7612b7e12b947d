/** A1 addresses for the fake: parsing and printing, 0-based rectangles, Excel's grid limits. */
import { FakeOfficeError } from './errors';

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** 0-based inclusive rectangle. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function rectRows(r: Rect): number {
  return r.r1 - r.r0 + 1;
}
export function rectColumns(r: Rect): number {
  return r.c1 - r.c0 + 1;
}

export function columnLetters(c: number): string {
  let n = c + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Splits "Sheet!A1:B2" / "'My sheet'!A1" into sheet (unquoted) and local address. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

/** Parses a local A1 address (cell, area, whole columns "A:C", whole rows "2:5"); throws InvalidArgument. */
export function parseLocal(local: string, location: string): Rect {
  const bad = (): FakeOfficeError => new FakeOfficeError('InvalidArgument', location, `bad address "${local}"`);
  const parts = local.split(':');
  if (parts.length < 1 || parts.length > 2 || parts.some((p) => p === '')) throw bad();
  const a = parts[0];
  const b = parts[1] ?? parts[0];
  let rect: Rect;
  const ca = CELL.exec(a);
  const cb = CELL.exec(b);
  if (ca && cb) {
    rect = {
      r0: Number(ca[2]) - 1,
      c0: columnIndex(ca[1]),
      r1: Number(cb[2]) - 1,
      c1: columnIndex(cb[1]),
    };
  } else if (parts.length === 2 && COL.test(a) && COL.test(b)) {
    rect = { r0: 0, r1: MAX_ROWS - 1, c0: columnIndex(COL.exec(a)![1]), c1: columnIndex(COL.exec(b)![1]) };
  } else if (parts.length === 2 && ROW.test(a) && ROW.test(b)) {
    rect = { r0: Number(ROW.exec(a)![1]) - 1, r1: Number(ROW.exec(b)![1]) - 1, c0: 0, c1: MAX_COLUMNS - 1 };
  } else {
    throw bad();
  }
  const norm: Rect = {
    r0: Math.min(rect.r0, rect.r1),
    r1: Math.max(rect.r0, rect.r1),
    c0: Math.min(rect.c0, rect.c1),
    c1: Math.max(rect.c0, rect.c1),
  };
  if (norm.r0 < 0 || norm.c0 < 0 || norm.r1 >= MAX_ROWS || norm.c1 >= MAX_COLUMNS) throw bad();
  return norm;
}

export function checkRect(rect: Rect, location: string): Rect {
  if (
    !Number.isInteger(rect.r0) ||
    !Number.isInteger(rect.c0) ||
    !Number.isInteger(rect.r1) ||
    !Number.isInteger(rect.c1) ||
    rect.r0 < 0 ||
    rect.c0 < 0 ||
    rect.r1 < rect.r0 ||
    rect.c1 < rect.c0 ||
    rect.r1 >= MAX_ROWS ||
    rect.c1 >= MAX_COLUMNS
  ) {
    throw new FakeOfficeError('InvalidArgument', location, `range outside the grid: ${JSON.stringify(rect)}`);
  }
  return rect;
}

export function localAddress(r: Rect): string {
  const a = `${columnLetters(r.c0)}${r.r0 + 1}`;
  if (r.r0 === r.r1 && r.c0 === r.c1) return a;
  return `${a}:${columnLetters(r.c1)}${r.r1 + 1}`;
}

/** Sheet names are quoted when they hold anything but letters, digits and underscores (as Excel prints them). */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function fullAddress(sheet: string, r: Rect): string {
  return `${quoteSheet(sheet)}!${localAddress(r)}`;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

/** A1-looking names ("A1", "XFD1048576") and R1C1-looking ones are not valid table or defined names. */
export function looksLikeReference(name: string): boolean {
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[RrCc]$/.test(name);
}
