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

/** Excel's dates run from 1900-01-01 (serial 1) to 9999-12-31 (serial 2,958,465); nothing outside is a date. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 9999;
const LAST_SERIAL = 2_958_465;

function validYmd(y: number, m: number, d: number): YMD | null {
  if (y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12 || d < 1) return null;
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
    return validYmd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v >= LAST_SERIAL + 1) return null;
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

// "1,5", "0,05", "1.234,56", "$ 12,5 %": a comma followed by other than exactly three digits, or points as thousands.
const DECIMAL_COMMA = /^([+-])?\s*(\$)?\s*(\d{1,3}(?:\.\d{3})+|\d+),(\d+)\s*(%)?$/;

/**
 * The number a text written with a decimal comma means, as it must be typed here ("1,5" → "1.5"); undefined when
 * the text is not such a number. "1,234" is a thousands separator (read as 1234), never a decimal comma.
 */
export function decimalCommaSuggestion(s: string): string | undefined {
  const m = DECIMAL_COMMA.exec(s.trim());
  if (!m) return undefined;
  const thousandsPoints = m[3].includes('.');
  if (!thousandsPoints && m[4].length === 3) return undefined;
  return `${m[1] === '-' ? '-' : ''}${m[3].replace(/\./g, '')}.${m[4]}${m[5] ? '%' : ''}`;
}

const MONTHS: Record<string, number> = {
  ene: 1,
  jan: 1,
  feb: 2,
  mar: 3,
  abr: 4,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  ago: 8,
  aug: 8,
  sep: 9,
  set: 9,
  oct: 10,
  nov: 11,
  dic: 12,
  dec: 12,
};

/**
 * What a date typed as text in a format we do not read looks like, and the ISO date it most likely means (only
 * when that is unambiguous): "01/15/2026" (month first, as in the US), "15.01.2026", "15-01-26", "15-ene-2026",
 * "Jan 15, 2026". undefined when the text does not look like a date at all.
 */
export function foreignDateText(s: string): { looks: { es: string; en: string }; suggestion?: string } | undefined {
  const t = s.trim().toLowerCase();
  let m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const a = +m[1];
    const b = +m[3];
    const y = m[4].length === 2 ? 2000 + +m[4] : +m[4];
    if (m[4].length === 2)
      return {
        looks: { es: 'año de dos dígitos', en: 'a two-digit year' },
        suggestion: b <= 12 ? isoOrUndefined(y, b, a) : isoOrUndefined(y, a, b),
      };
    if (m[2] === '/' && a <= 12 && b > 12)
      return {
        looks: { es: 'parece mes/día/año, como en EE. UU.', en: 'it looks like month/day/year, as in the US' },
        suggestion: isoOrUndefined(y, a, b),
      };
    // Day/month/year with "/" is read: one that fails is an impossible date (31/02), not a foreign format.
    if (m[2] === '/') return undefined;
    return {
      looks: { es: `separada con «${m[2]}»`, en: `separated with "${m[2]}"` },
      suggestion: b <= 12 ? isoOrUndefined(y, b, a) : undefined,
    };
  }
  m = /^(\d{1,2})[\s/.-]*([a-záéíóú]{3,})\.?[\s/.,-]*(\d{4})$/.exec(t);
  const n = m ? undefined : /^([a-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  const [day, month, year] = m ? [+m[1], m[2], +m[3]] : n ? [+n[2], n[1], +n[3]] : [0, '', 0];
  const mm = MONTHS[month.normalize('NFD').replace(/\p{M}/gu, '').slice(0, 3)];
  if (mm === undefined) return undefined;
  return {
    looks: { es: 'el mes escrito con letras', en: 'the month written in letters' },
    suggestion: isoOrUndefined(year, mm, day),
  };
}

function isoOrUndefined(y: number, m: number, d: number): string | undefined {
  const ymd = validYmd(y, m, d);
  return ymd ? isoDate(ymd) : undefined;
}
