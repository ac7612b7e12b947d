/** Reading typed values out of raw cells the way Excel users write them. */
import type { CellValue } from '../port';

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

// "1234", "1,234.50", "$ 1,234.50", "-3.5", "5%", "5 %", ".5". Commas only as thousands separators, so a
// European "1,5" is rejected instead of silently read as 15.
const NUMBER_TEXT = /^([+-])?\s*\$?\s*(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?\s*(%)?$/;

/** Number typed as text (Excel's green-triangle cells); NaN when it is not a number. "5%" → 0.05. */
export function numberFromText(s: string): number {
  const m = NUMBER_TEXT.exec(s.trim());
  if (!m || (m[2] === '' && m[3] === undefined)) return NaN;
  const digits = (m[2] ?? '').replace(/,/g, '') + (m[3] ?? '');
  const x = Number(digits) * (m[1] === '-' ? -1 : 1);
  return m[4] ? x / 100 : x;
}

export function isPercentText(v: CellValue): boolean {
  return typeof v === 'string' && v.includes('%');
}

const MS_PER_DAY = 86_400_000;
// Excel serial 25569 is 1970-01-01 (the 1900 leap-year bug only shifts dates before March 1900).
const EXCEL_EPOCH_OFFSET = 25569;

/** Excel date serial → UTC calendar parts. */
export function serialToDate(serial: number): Date {
  return new Date(Math.round((Math.floor(serial) - EXCEL_EPOCH_OFFSET) * MS_PER_DAY));
}

export interface YMD {
  y: number;
  m: number;
  d: number;
}

function validYmd(y: number, m: number, d: number): YMD | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim ? { y, m, d } : null;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const DMY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A calendar date from a cell: an Excel date (Date from .xlsx, serial number from Office.js) or text
 * "2026-01-15" / "15/01/2026" (day first, as written in Mexico). Dates from .xlsx are UTC midnight.
 */
export function dateFromCell(v: CellValue): YMD | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return { y: v.getUTCFullYear(), m: v.getUTCMonth() + 1, d: v.getUTCDate() };
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1) return null;
    const d = serialToDate(v);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
  }
  if (typeof v === 'string') {
    const s = v.trim();
    let m = ISO_DATE.exec(s);
    if (m) return validYmd(+m[1], +m[2], +m[3]);
    m = DMY_DATE.exec(s);
    if (m) return validYmd(+m[3], +m[2], +m[1]);
  }
  return null;
}

export function isoDate(d: YMD): string {
  return `${d.y}-${pad2(d.m)}-${pad2(d.d)}`;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
