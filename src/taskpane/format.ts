/** Number formatting for the pane: Intl for es-MX / en-US, money in MXN. Rounding happens only here. */
import type { Lang } from '../engine/model';
import { localeOf } from './i18n';

export interface Formatters {
  /** MXN with centavos, e.g. "$1,234.56" (es-MX) / "MX$1,234.56" (en-US). */
  money(value: number): string;
  /** Percentage of a fraction with one decimal, e.g. 0.1234 → "12.3 %" / "12.3%". */
  pct(value: number): string;
  /** Whole units. */
  units(value: number): string;
  /** Plain number as typed in an input: no grouping, up to 6 decimals. */
  plain(value: number): string;
}

const cache = new Map<Lang, Formatters>();

export function formatters(lang: Lang): Formatters {
  const hit = cache.get(lang);
  if (hit) return hit;
  const locale = localeOf(lang);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'MXN', minimumFractionDigits: 2, maximumFractionDigits: 2 });
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
