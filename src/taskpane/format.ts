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

/**
 * Where long amounts start to abbreviate: below it an amount is exact, with centavos ("$99,999.99", 10 characters,
 * fits a KPI row or a P&L cell of a 320 px pane); from it on, thousands, millions and thousands of millions.
 */
export const COMPACT_FROM = 100_000;

/**
 * Abbreviations as Mexican finance reads them. In Spanish "M" means miles to many readers, so millions are "mdp"
 * (millones de pesos) and thousands of millions "mil mdp"; English uses K, M and B. A non-breaking space keeps the
 * number and its unit on one line.
 */
const SCALES: Record<Lang, readonly { size: number; suffix: string }[]> = {
  es: [
    { size: 1e9, suffix: '\u00a0mil\u00a0mdp' },
    { size: 1e6, suffix: '\u00a0mdp' },
    { size: 1e3, suffix: '\u00a0mil' },
  ],
  en: [
    { size: 1e9, suffix: 'B' },
    { size: 1e6, suffix: 'M' },
    { size: 1e3, suffix: 'K' },
  ],
};

export interface CompactOptions {
  /** Always show the sign ("+$1.6 mdp", "-$23.5 mil"); zero shows as "±0". For deltas. */
  signed?: boolean;
}

const compactCache = new Map<string, { exact: Intl.NumberFormat; scaled: Intl.NumberFormat }>();

function compactFormats(lang: Lang, signed: boolean) {
  const k = `${lang}:${signed ? 's' : ''}`;
  let hit = compactCache.get(k);
  if (!hit) {
    const locale = localeOf(lang);
    const signDisplay = signed ? 'exceptZero' : 'auto';
    hit = {
      exact: new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: 'MXN',
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        signDisplay,
      }),
      scaled: new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: 'MXN',
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
        signDisplay,
      }),
    };
    compactCache.set(k, hit);
  }
  return hit;
}

/**
 * Money short enough for a narrow pane: exact with centavos below COMPACT_FROM, else one decimal of thousands,
 * millions or thousands of millions.
 *
 * @example
 * compactMoney(109_363_924.4, 'es') // '$109.4 mdp'
 * compactMoney(109_363_924.4, 'en') // '$109.4M'
 * compactMoney(512_480, 'es') // '$512.5 mil'
 * compactMoney(99_999.99, 'es') // '$99,999.99'
 * compactMoney(-1_575_000, 'en', { signed: true }) // '-$1.6M'
 */
export function compactMoney(value: number, lang: Lang, options: CompactOptions = {}): string {
  if (!Number.isFinite(value)) return '—';
  const signed = options.signed === true;
  const { exact, scaled } = compactFormats(lang, signed);
  const abs = Math.abs(value);
  if (abs < COMPACT_FROM) {
    if (signed && Math.round(value * 100) === 0) return '±0';
    return exact.format(value);
  }
  const scales = SCALES[lang];
  // The largest scale the amount reaches; one up when rounding to one decimal reaches the next ("$1.0 mdp" for
  // 999,960, never "$1,000.0 mil").
  let at = scales.findIndex((s) => abs >= s.size);
  if (at < 0) at = scales.length - 1;
  if (at > 0 && Math.round((abs / scales[at].size) * 10) >= 10_000) at -= 1;
  const { size, suffix } = scales[at];
  return `${scaled.format(value / size)}${suffix}`;
}

/** Whether compactMoney abbreviates this amount (the exact value is then worth a tooltip). */
export function isAbbreviated(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) >= COMPACT_FROM;
}

const pointsCache = new Map<Lang, Intl.NumberFormat>();

/**
 * A change of a percentage in percentage points, signed, one decimal: 0.015 → "+1.5 pp", -0.0042 → "-0.4 pp";
 * a change that rounds to zero is "±0.0 pp". "pp" reads "puntos porcentuales" in Spanish and "percentage points"
 * in English.
 */
export function pointsDelta(fractionDelta: number, lang: Lang): string {
  if (!Number.isFinite(fractionDelta)) return '—';
  let f = pointsCache.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    });
    pointsCache.set(lang, f);
  }
  const points = fractionDelta * 100;
  const text = f.format(points);
  return Math.round(points * 10) === 0 ? `±${text.replace(/^[+-]/, '')}\u00a0pp` : `${text}\u00a0pp`;
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
