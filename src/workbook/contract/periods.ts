/**
 * Period cells: calendar months "2026-01" and ISO-8601 weeks "2026-W05" as users type them, or Excel dates.
 * Period ids, ISO week counts and the fiscal-year period list come from the engine (src/engine/periods.ts).
 */
import type { Period, Periodicity } from '../../engine/model';
import {
  buildPeriods,
  isoWeekId,
  isoWeeksInYear,
  isoWeeksOfYear,
  monthId,
  monthsOfYear,
  type PeriodKey,
} from '../../engine/periods';
import type { CellValue } from '../port';
import { dateFromCell, type YMD } from './cells';

export type { PeriodKey };

export function periodId(p: PeriodKey): string {
  return p.kind === 'month' ? monthId(p.year, p.number) : isoWeekId(p.year, p.number);
}

/** ISO week (Monday-based; week 1 holds the year's first Thursday) of a calendar date. */
export function isoWeekOf(d: YMD): { year: number; week: number } {
  const date = new Date(Date.UTC(d.y, d.m - 1, d.d));
  const weekday = date.getUTCDay() || 7; // Monday 1 … Sunday 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week decides the ISO year
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return { year, week };
}

// A bare number is a date serial only within 1950..2199; 2026 or 202601 are not dates.
const SERIAL_1950 = 18264;
const SERIAL_2200 = 109575;

const MONTH = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/;
const MONTH_FIRST = /^(\d{1,2})\s*[-/]\s*(\d{4})$/;
// "W" (week) or "S" (semana): "2026-W05", "2026W5", "2026-S05".
const WEEK = /^(\d{4})\s*-?\s*[WwSs]\s*(\d{1,2})$/;

/**
 * Reads a period cell. Text "2026-01" / "01/2026" is a month, "2026-W05" a week; an Excel date (Date or serial)
 * counts as its month in monthly workbooks and as its ISO week in weekly ones. null when not a period.
 */
export function parsePeriod(v: CellValue, datesAs: Periodicity): PeriodKey | null {
  if (typeof v === 'string') {
    const s = v.trim();
    let m = MONTH.exec(s);
    if (m) return month(+m[1], +m[2]);
    m = WEEK.exec(s);
    if (m) {
      const year = +m[1];
      const n = +m[2];
      return n >= 1 && n <= isoWeeksInYear(year) ? { kind: 'week', year, number: n } : null;
    }
    m = MONTH_FIRST.exec(s);
    if (m) return month(+m[2], +m[1]);
  }
  if (typeof v === 'number' && !(v >= SERIAL_1950 && v < SERIAL_2200)) return null;
  const d = dateFromCell(v);
  if (!d) return null;
  if (datesAs === 'month') return { kind: 'month', year: d.y, number: d.m };
  const w = isoWeekOf(d);
  return { kind: 'week', year: w.year, number: w.week };
}

function month(year: number, n: number): PeriodKey | null {
  return n >= 1 && n <= 12 ? { kind: 'month', year, number: n } : null;
}

/** The ordered, contiguous periods of a fiscal year: 12 months or 52/53 ISO weeks. */
export function fiscalPeriods(year: number, periodicity: Periodicity): Period[] {
  return buildPeriods(periodicity === 'month' ? monthsOfYear(year) : isoWeeksOfYear(year));
}
