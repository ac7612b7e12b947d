/**
 * Number text for formulas and findings. Deterministic (no Intl/ICU differences between Node, browsers and
 * Excel hosts): es-MX and en both write 12,345,678.90 with "$" for MXN; percentages differ only in the space
 * ("2.0 %" es-MX, "2.0%" en).
 */
import type { Lang } from './model';

export function fmtNumber(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return x !== x ? '—' : x > 0 ? '∞' : '-∞';
  const fixed = Math.abs(x).toFixed(decimals);
  const dot = fixed.indexOf('.');
  const int = dot < 0 ? fixed : fixed.slice(0, dot);
  const frac = dot < 0 ? '' : fixed.slice(dot);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = x < 0 && Number(fixed) !== 0;
  return (negative ? '-' : '') + grouped + frac;
}

/** "$12,345.68"; negative "-$12,345.68". */
export function fmtMoney(x: number): string {
  if (!Number.isFinite(x)) return fmtNumber(x, 2);
  const s = fmtNumber(x, 2);
  return s.startsWith('-') ? `-$${s.slice(1)}` : `$${s}`;
}

/** Units: whole numbers without decimals, otherwise up to 2. */
export function fmtUnits(x: number): string {
  return fmtNumber(x, Number.isInteger(x) ? 0 : 2);
}

/** A fraction as percent with at least one and at most four decimals: 0.02 → "2.0 %" (es) / "2.0%" (en). */
export function fmtPct(rate: number, lang: Lang): string {
  if (!Number.isFinite(rate)) return fmtNumber(rate, 1);
  let s = fmtNumber(rate * 100, 4);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '.0');
  return lang === 'es' ? `${s} %` : `${s}%`;
}

/**
 * Money per unit with every decimal it has, at least 2 and at most 6: 0.125 → "$0.125", 2 → "$2.00",
 * 1/3 → "$0.333333". Formula texts use it for rates, so that "rate × basis = amount" checks by hand.
 */
export function fmtMoneyRate(x: number): string {
  if (!Number.isFinite(x)) return fmtNumber(x, 2);
  let s = fmtNumber(x, 6);
  s = s.replace(/0+$/, '');
  const decimals = s.length - s.indexOf('.') - 1;
  if (decimals < 2) s = fmtNumber(x, 2);
  return s.startsWith('-') ? `-$${s.slice(1)}` : `$${s}`;
}
