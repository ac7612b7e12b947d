/**
 * The fiscal year against the volume plan. A wrong year in Settings (2025 while the plan is 2026) would put every
 * BaseVolumes row outside the fiscal year: one error on the fiscal-year cell says so, instead of one per row. A
 * right year with a few stray rows still gets one error per stray row (the resolver reports them).
 */
import type { Periodicity } from '../../engine/model';
import type { CellValue } from '../port';
import type { ErrorSink, Location } from './errors';
import type { ParsedSettings } from './parse-settings';
import { parsePeriod } from './periods';
import * as P from './problems';
import type { BoundTable } from './table';

/** Readable BaseVolumes periods of the workbook's periodicity, counted per year (invalid and mixed ones are not). */
export function periodYears(t: BoundTable, periodicity: Periodicity): Map<number, number> {
  const c = t.col('period');
  const counts = new Map<number, number>();
  // A plan repeats few distinct period cells over many rows: each distinct value is parsed once.
  const byValue = new Map<CellValue, number>();
  const byTime = new Map<number, number>();
  for (let r = 0; r < t.rowCount; r++) {
    const v = t.cell(r, c);
    const cache = v instanceof Date ? byTime : byValue;
    const key = v instanceof Date ? v.getTime() : v;
    let year = (cache as Map<unknown, number>).get(key);
    if (year === undefined) {
      const p = parsePeriod(v, periodicity);
      year = p && p.kind === periodicity ? p.year : 0;
      (cache as Map<unknown, number>).set(key, year);
    }
    if (year !== 0) counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return counts;
}

/**
 * True when the BaseVolumes periods may be checked against the fiscal year one by one. False (after one error
 * located on Settings > Fiscal year) when most readable BaseVolumes periods fall outside it; also false when the
 * Settings table is absent or unusable (already reported) or its fiscal year is invalid (already reported).
 */
export function checkFiscalYear(
  settingsTable: BoundTable | null,
  parsed: ParsedSettings,
  baseVolumes: BoundTable | null,
  sink: ErrorSink,
): boolean {
  if (!settingsTable || !settingsTable.usable || !parsed.fiscalYearValid) return false;
  if (!baseVolumes) return true;
  const fiscalYear = parsed.settings.fiscalYear;
  const years = periodYears(baseVolumes, parsed.settings.periodicity);
  let total = 0;
  let mostRows = 0;
  let mostYear = fiscalYear;
  for (const [year, n] of years) {
    total += n;
    if (n > mostRows || (n === mostRows && year < mostYear)) [mostRows, mostYear] = [n, year];
  }
  const outside = total - (years.get(fiscalYear) ?? 0);
  if (outside * 2 <= total) return true;
  const found = [...years.keys()].sort((a, b) => a - b);
  // The cell to fix, or the table that lacks the Fiscal year row.
  const where: Location = parsed.fiscalYearAt ?? settingsTable.whereTable();
  sink.error('fiscal_year_mismatch', where, () =>
    P.fiscalYearMismatch({
      fiscalYear,
      given: parsed.fiscalYearGiven,
      outside,
      total,
      firstYear: found[0],
      lastYear: found[found.length - 1],
      likelyYear: mostYear,
    }),
  );
  return false;
}

/**
 * The stated periodicity against the volume plan: a monthly plan under Settings > Periodicity = weekly (or the
 * reverse) would make every BaseVolumes row a mixed-periodicity error. When most readable periods are of the other
 * kind, one error on the Periodicity cell says so and the rows are not reported one by one (false); a few stray
 * rows of the other kind are still reported each (true).
 */
export function checkPeriodicity(parsed: ParsedSettings, baseVolumes: BoundTable | null, sink: ErrorSink): boolean {
  if (!parsed.periodicityGiven || !parsed.periodicityAt || !baseVolumes || !baseVolumes.usable) return true;
  const periodicity = parsed.settings.periodicity;
  const c = baseVolumes.col('period');
  const kinds = new Map<CellValue, Periodicity | null>();
  let total = 0;
  let other = 0;
  let otherKind: Periodicity = periodicity;
  for (let r = 0; r < baseVolumes.rowCount; r++) {
    const v = baseVolumes.cell(r, c);
    const key = v instanceof Date ? v.getTime() : v;
    let kind = kinds.get(key);
    if (kind === undefined) {
      kind = parsePeriod(v, periodicity)?.kind ?? null;
      kinds.set(key, kind);
    }
    if (kind === null) continue;
    total++;
    if (kind !== periodicity) {
      other++;
      otherKind = kind;
    }
  }
  if (other * 2 <= total) return true;
  sink.error('periodicity_mismatch', parsed.periodicityAt, () =>
    P.periodicityMismatch(periodicity, otherKind, other, total),
  );
  return false;
}
