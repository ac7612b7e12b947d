/**
 * Date windows over the model's periods. A promotion's buy and in-store windows and a price change's effective
 * date are days; the model's lines are months or ISO weeks. A window is spread over the periods by days of
 * overlap: its share of a period = overlapping days ÷ days in the period (volume is assumed even across a
 * period's days).
 *
 * @example
 * // July 2026 has 31 days; a window 2026-07-10 … 2026-07-20 covers 11 of them
 * windowShares(buildPeriods(monthsOfYear(2026)), { from: '2026-07-10', to: '2026-07-20' })[6] // 11 / 31
 */
import type { Period } from './model';
import { parsePeriodId, periodFirstDay, periodLastDay } from './periods';

/** Inclusive ISO dates "YYYY-MM-DD". */
export interface DateWindow {
  from: string;
  to: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date, or NaN when it is not a valid date. */
export function dayOf(iso: string): number {
  const m = ISO_DATE.exec(iso.trim());
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t / 86_400_000;
}

/** ISO date of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

const daysCache = new WeakMap<readonly Period[], { first: Int32Array; last: Int32Array }>();

/** First and last day (inclusive) of each period (computed once per period list). */
export function periodDays(periods: readonly Period[]): { first: Int32Array; last: Int32Array } {
  let days = daysCache.get(periods);
  if (!days) {
    const first = new Int32Array(periods.length);
    const last = new Int32Array(periods.length);
    periods.forEach((p, k) => {
      const key = parsePeriodId(p.id)!;
      first[k] = periodFirstDay(key);
      last[k] = periodLastDay(key);
    });
    days = { first, last };
    daysCache.set(periods, days);
  }
  return days;
}

/** Share (0..1) of each period covered by the window, by days of overlap. */
export function windowShares(periods: readonly Period[], span: DateWindow): Float64Array {
  const out = new Float64Array(periods.length);
  const a = dayOf(span.from);
  const b = dayOf(span.to);
  if (!(a <= b)) return out;
  const { first, last } = periodDays(periods);
  for (let k = 0; k < periods.length; k++) {
    const lo = Math.max(a, first[k]);
    const hi = Math.min(b, last[k]);
    if (hi >= lo) out[k] = (hi - lo + 1) / (last[k] - first[k] + 1);
  }
  return out;
}

/**
 * The window of the same length that starts the day after `span` ends: where forward-bought stock is sold off
 * and where shoppers' pantry loading shows as a dip.
 */
export function followingWindow(span: DateWindow): DateWindow {
  const a = dayOf(span.from);
  const b = dayOf(span.to);
  return { from: isoOfDay(b + 1), to: isoOfDay(b + (b - a + 1)) };
}
