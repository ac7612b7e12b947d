/** State shared by the table parsers: the error sink, the settings and the indexes of earlier tables. */
import type { Customer, Period, Periodicity, Product, Settings } from '../../engine/model';
import type { CellValue } from '../port';
import { isBlank } from './cells';
import type { ErrorSink } from './errors';
import { idKey, squash } from './normalize';
import { fiscalPeriods, parsePeriod, periodId } from './periods';
import * as P from './problems';
import type { BoundTable, Column } from './table';

/**
 * Customer ids and SKUs: matched ignoring case and surrounding spaces, returned as first written. Lookups of an
 * already-seen spelling hit the exact map, so a million-row table allocates no key per row.
 */
export class IdIndex {
  readonly ids: string[] = [];
  /** 1-based worksheet row where each id was defined. */
  readonly rows: number[] = [];
  private readonly exact = new Map<string, number>();
  private readonly folded = new Map<string, number>();

  /** Adds an id; returns the index of an equal id added earlier (a duplicate), else -1. */
  add(id: string, row: number): number {
    const k = idKey(id);
    const earlier = this.folded.get(k);
    if (earlier !== undefined) return earlier;
    this.folded.set(k, this.ids.length);
    this.exact.set(id, this.ids.length);
    this.lastRaw = '';
    this.ids.push(id);
    this.rows.push(row);
    return -1;
  }

  private lastRaw = '';
  private lastIndex = -1;

  find(raw: string): number {
    // Rows come grouped by customer and SKU: the previous answer is usually the answer.
    if (raw === this.lastRaw) return this.lastIndex;
    const i = this.findUncached(raw);
    this.lastRaw = raw;
    this.lastIndex = i;
    return i;
  }

  private findUncached(raw: string): number {
    const i = this.exact.get(raw);
    if (i !== undefined) return i;
    const j = this.folded.get(idKey(raw));
    if (j === undefined) return -1;
    this.exact.set(raw, j);
    return j;
  }
}

/** Category or brand names as written in Products, matched ignoring case, accents and spacing. */
export class NameIndex {
  private readonly names = new Map<string, string>();
  add(name: string): void {
    const k = squash(name);
    if (!this.names.has(k)) this.names.set(k, name);
  }
  find(raw: string): string | undefined {
    return this.names.get(squash(raw));
  }
}

export const PERIOD_BLANK = -1;
/** Reported (invalid, mixed, outside the fiscal year), or unchecked because the fiscal year itself is in doubt. */
export const PERIOD_BAD = -2;
const INVALID = -3;
const MIXED = -4;
const OUTSIDE = -5;

/** Period cells → index in the fiscal year's periods, cached per distinct cell value. */
export class PeriodResolver {
  readonly periods: Period[];
  private readonly byText = new Map<string, number>();
  private readonly byNumber = new Map<number, number>();
  private readonly byTime = new Map<number, number>();

  constructor(
    readonly fiscalYear: number,
    /**
     * False when Settings > Fiscal year is invalid, or does not match the BaseVolumes periods (already reported
     * once, see fiscal-year.ts), or Settings is missing: periods of other years are then not reported one by one.
     */
    readonly fiscalYearKnown: boolean,
    readonly periodicity: Periodicity,
    readonly periodicityFromSettings: boolean,
    /** False when Settings > Periodicity disagrees with most BaseVolumes periods (reported once, fiscal-year.ts). */
    readonly periodicityKnown = true,
  ) {
    this.periods = fiscalPeriods(fiscalYear, periodicity);
  }

  private status(v: CellValue): number {
    if (typeof v === 'string') return this.cached(this.byText, v, v);
    if (typeof v === 'number') return this.cached(this.byNumber, v, v);
    if (v instanceof Date) return this.cached(this.byTime, v.getTime(), v);
    return INVALID;
  }

  private cached<K>(cache: Map<K, number>, key: K, v: CellValue): number {
    let s = cache.get(key);
    if (s === undefined) {
      s = this.classify(v);
      cache.set(key, s);
    }
    return s;
  }

  private classify(v: CellValue): number {
    const p = parsePeriod(v, this.periodicity);
    if (!p) return INVALID;
    if (p.kind !== this.periodicity) return this.periodicityKnown ? MIXED : PERIOD_BAD;
    if (p.year !== this.fiscalYear) return this.fiscalYearKnown ? OUTSIDE : PERIOD_BAD;
    return p.number - 1;
  }

  /**
   * A span end of a term or cost row: a period id of the workbook's periodicity, or in a weekly workbook also a
   * month of the fiscal year (an annual term written 2026-01..2026-12 on a weekly plan; the engine places weeks in
   * months by calendar). undefined when blank, null when reported.
   */
  readSpanEnd(t: BoundTable, r: number, c: Column): string | undefined | null {
    const v = t.cell(r, c);
    if (this.periodicity === 'week' && typeof v === 'string') {
      const p = parsePeriod(v, 'week');
      if (p && p.kind === 'month' && (p.year === this.fiscalYear || !this.fiscalYearKnown)) return periodId(p);
    }
    const i = this.read(t, r, c, true);
    return i === PERIOD_BLANK ? undefined : i === PERIOD_BAD ? null : this.periods[i].id;
  }

  /** Index of the period in cell (r, c); PERIOD_BLANK when blank, PERIOD_BAD when reported. */
  read(t: BoundTable, r: number, c: Column, blankOk = false): number {
    const v = t.cell(r, c);
    const s = this.status(v);
    if (s >= 0 || s === PERIOD_BAD) return s;
    if (isBlank(v)) {
      // An absent column is reported once by the header check, not once per row.
      if (c.spec.required && !blankOk && t.has(c)) t.error(r, c, 'blank_required', P.blankRequired);
      return PERIOD_BLANK;
    }
    if (t.unreadable(r, c, v)) return PERIOD_BAD;
    if (s === INVALID) t.error(r, c, 'invalid_period', () => P.invalidPeriod(v));
    else {
      const p = parsePeriod(v, this.periodicity)!;
      if (s === MIXED)
        t.error(r, c, 'mixed_periodicity', () =>
          P.mixedPeriodicity(periodId(p), p.kind, this.periodicity, this.periodicityFromSettings),
        );
      else t.error(r, c, 'period_outside_fiscal_year', () => P.periodOutsideFiscalYear(periodId(p), this.fiscalYear));
    }
    return PERIOD_BAD;
  }
}

export interface ParseContext {
  sink: ErrorSink;
  settings: Settings;
  periods: PeriodResolver;
  /** null when the Customers table is missing, empty or lacks its id column: references to it are not checked. */
  customers: { list: Customer[]; index: IdIndex } | null;
  products: { list: Product[]; index: IdIndex; categories: NameIndex; brands: NameIndex } | null;
}
