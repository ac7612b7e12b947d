/**
 * Number formatting for the pane: Intl for es-MX / en-US, money in MXN. Rounding happens only here. Pesos show as
 * "$" in both languages, as Mexican finance writes them and as the result sheets (number format "$"#,##0.00) and the
 * CLI summary do; where a currency must be named (headers, units) the text says MXN.
 */
import type { Lang } from '../engine/model';
import { localeOf } from './i18n';

export interface Formatters {
  /** MXN with centavos, "$1,234.56" in both languages (en-US Intl alone would write "MX$"). */
  money: (value: number) => string;
  /** Percentage of a fraction with one decimal, e.g. 0.1234 → "12.3 %" / "12.3%". */
  pct: (value: number) => string;
  /** Whole units. */
  units: (value: number) => string;
  /** Plain number as typed in an input: no grouping, up to 6 decimals. */
  plain: (value: number) => string;
}

const cache = new Map<Lang, Formatters>();

export function formatters(lang: Lang): Formatters {
  const hit = cache.get(lang);
  if (hit) return hit;
  const locale = localeOf(lang);
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'MXN',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const units = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const dash = '—';
  const f: Formatters = {
    money: (v) => (Number.isFinite(v) ? money.format(v) : dash),
    pct: (v) => (Number.isFinite(v) ? pct.format(v) : dash),
    units: (v) => (Number.isFinite(v) ? units.format(v) : dash),
    plain: (v) => (Number.isFinite(v) ? String(Number(v.toPrecision(12))) : ''),
  };
  cache.set(lang, f);
  return f;
}

const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/**
 * An ISO date ("2025-11-28") as people read it: "28 nov 2025" (es-MX) / "Nov 28, 2025" (en-US). The date is a
 * calendar day, so it is formatted in UTC (never shifted by the machine's time zone). Other text is shown as is.
 */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.getUTCMonth() !== Number(m[2]) - 1) return iso; // 2025-02-30 and the like
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(lang, f);
  }
  return f.format(date);
}

const inputFormat = new Intl.NumberFormat('en-US', { useGrouping: true, maximumFractionDigits: 12 });

/**
 * A number as an input shows it before the user types: thousands grouped so 1500000 reads as 1,500,000 (both
 * es-MX and en-US group with "," and use "." for decimals, which parseNumberInput reads back), no rounding beyond
 * float noise.
 */
export function formatInput(value: number): string {
  if (!Number.isFinite(value)) return '';
  return inputFormat.format(Number(value.toPrecision(12)));
}

/**
 * Parses what a user typed in a numeric input. es-MX and en-US both use "." for decimals and "," for thousands,
 * so commas and spaces are dropped. Empty or non-numeric text gives NaN.
 */
export function parseNumberInput(text: string): number {
  const cleaned = text.replace(/[\s,_]/g, '').replace(/%$/, '');
  if (cleaned === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return NaN;
  return Number(cleaned);
}

/** A fraction shown as percent points for editing (0.035 → 3.5), without float noise. */
export function toPercentPoints(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

export function fromPercentPoints(points: number): number {
  return Number((points / 100).toPrecision(15));
}
