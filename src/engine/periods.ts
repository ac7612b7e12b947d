/**
 * Period ids: months "2026-01" and ISO weeks "2026-W05".
 *
 * Terms name their span with period ids that may be of another granularity than the model (a KAM writes an
 * annual term as 2026-01..2026-12 even on a weekly plan), so spans are compared on the calendar: a model period
 * belongs to a span when its anchor day (1st of the month; Thursday of an ISO week, the day that decides the ISO
 * year) falls between the first day of periodFrom and the last day of periodTo.
 */
import type { Period } from './model';

export type PeriodKind = 'month' | 'week';

export interface PeriodKey {
  kind: PeriodKind;
  /** Calendar year (month) or ISO week-numbering year (week). */
  year: number;
  /** Month 1..12 or ISO week 1..53. */
  number: number;
}

const MONTH_ID = /^(\d{4})-(\d{2})$/;
const WEEK_ID = /^(\d{4})-W(\d{2})$/i;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC) of a civil date. */
function epochDay(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday. */
function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Monday of ISO week 1: the week that holds 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = epochDay(year, 1, 4);
  return jan4 - weekday(jan4);
}

/** 52 or 53. */
export function isoWeeksInYear(year: number): number {
  return (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
}

export function parsePeriodId(id: string): PeriodKey | null {
  const s = String(id).trim();
  let m = MONTH_ID.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'month', year, number: month } : null;
  }
  m = WEEK_ID.exec(s);
  if (m) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    return week >= 1 && week <= isoWeeksInYear(year) ? { kind: 'week', year, number: week } : null;
  }
  return null;
}

export function monthId(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function isoWeekId(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function periodFirstDay(k: PeriodKey): number {
  return k.kind === 'month' ? epochDay(k.year, k.number, 1) : isoWeekOneMonday(k.year) + (k.number - 1) * 7;
}

export function periodLastDay(k: PeriodKey): number {
  return k.kind === 'month' ? epochDay(k.year, k.number + 1, 1) - 1 : periodFirstDay(k) + 6;
}

/** The day that places a period on the calendar when spans of another granularity are matched. */
export function periodAnchorDay(k: PeriodKey): number {
  return k.kind === 'month' ? periodFirstDay(k) : periodFirstDay(k) + 3;
}

function mustParse(id: string): PeriodKey {
  const k = parsePeriodId(id);
  if (!k) {
    throw new Error(
      `Periodo inválido "${id}": use "AAAA-MM" (mes) o "AAAA-Wss" (semana ISO). / ` +
        `Invalid period "${id}": use "YYYY-MM" (month) or "YYYY-Www" (ISO week).`,
    );
  }
  return k;
}

/** Orders period ids on the calendar (by first day; a month before a week starting the same day). */
export function comparePeriodIds(a: string, b: string): number {
  const ka = mustParse(a);
  const kb = mustParse(b);
  const d = periodFirstDay(ka) - periodFirstDay(kb);
  if (d !== 0) return d;
  return ka.kind === kb.kind ? 0 : ka.kind === 'month' ? -1 : 1;
}

export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => monthId(year, i + 1));
}

export function isoWeeksOfYear(year: number): string[] {
  return Array.from({ length: isoWeeksInYear(year) }, (_, i) => isoWeekId(year, i + 1));
}

/** Period records in the given order, indexed 0.., year = (ISO) year of the id. */
export function buildPeriods(ids: readonly string[]): Period[] {
  return ids.map((id, index) => ({ id, index, year: mustParse(id).year }));
}

/** Inclusive model period index range of a span, or null when no model period falls inside it. */
export interface PeriodSpan {
  first: number;
  last: number;
}

const anchorsByPeriods = new WeakMap<readonly Period[], Float64Array>();

/** Anchor day of each model period, computed once per period list (read only: shared by every computation on it). */
export function periodAnchors(periods: readonly Period[]): Float64Array {
  let out = anchorsByPeriods.get(periods);
  if (!out) {
    out = new Float64Array(periods.length);
    for (let i = 0; i < periods.length; i++) out[i] = periodAnchorDay(mustParse(periods[i].id));
    anchorsByPeriods.set(periods, out);
  }
  return out;
}

const spansByAnchors = new WeakMap<Float64Array, Map<string, Readonly<PeriodSpan> | null>>();

/**
 * The model periods whose anchor falls in periodFrom … periodTo. Worked out once per model and span: every recompute
 * of a walk-away places the same terms over the same spans, and parsing their period ids each time showed in a run.
 */
export function spanIndexes(anchors: Float64Array, periodFrom: string, periodTo: string): Readonly<PeriodSpan> | null {
  let byKey = spansByAnchors.get(anchors);
  if (!byKey) spansByAnchors.set(anchors, (byKey = new Map<string, Readonly<PeriodSpan> | null>()));
  const key = `${periodFrom}|${periodTo}`;
  let span = byKey.get(key);
  if (span === undefined) {
    span = findSpan(anchors, periodFrom, periodTo);
    byKey.set(key, span);
  }
  return span;
}

function findSpan(anchors: Float64Array, periodFrom: string, periodTo: string): Readonly<PeriodSpan> | null {
  const start = periodFirstDay(mustParse(periodFrom));
  const end = periodLastDay(mustParse(periodTo));
  let first = -1;
  let last = -1;
  for (let i = 0; i < anchors.length; i++) {
    if (anchors[i] >= start && anchors[i] <= end) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? null : { first, last };
}
