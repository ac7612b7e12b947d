/**
 * What a term is measured and based on, summed per period over the term's lines, "used" (actual when present,
 * else baseline) and "plan" (baseline). Tiers, targets, growth and accruals are all evaluated on windows of these
 * per-period sums, so each line is read once per quantity and every window is O(1).
 */
import type { Lines } from './model';
import type { LineSelection } from './scope';

/**
 * volume (units), gross_sales and invoice_sales (MXN), lines (count, the even allocation key),
 * reference (prior-year volume or prior-year sales, for growth).
 */
export type Quantity = 'volume' | 'gross_sales' | 'invoice_sales' | 'lines' | 'reference';

/** Line-level money the terms read while a customer is computed. */
export interface LineBook {
  lines: Lines;
  volume: Float64Array;
  grossSales: Float64Array;
  /** Running invoice sales while on-invoice terms are applied; final invoice sales afterwards. */
  invoiceSales: Float64Array;
}

/** How the growth reference values the prior year. */
export interface ReferenceRule {
  /** Prior volume (volume basis) rather than prior sales. */
  volume: boolean;
  /** Prior volume × current list price; else × prior list price (falling back per line when it is missing). */
  priceNeutral: boolean;
}

export interface PeriodSums {
  /** Index = model period index; only the span is filled. */
  used: Float64Array;
  plan: Float64Array;
}

export interface TermSums {
  sums: Map<Quantity, PeriodSums>;
  first: number;
  last: number;
  /** Lines selected by the term. */
  lineCount: number;
  /** Lines whose nominal reference fell back to the current price (prior list price missing). */
  referenceFallbacks: number;
}

function sumTerm(
  book: LineBook,
  sel: LineSelection,
  quantities: ReadonlySet<Quantity>,
  nPeriods: number,
  reference: ReferenceRule | null,
): TermSums {
  const { lines } = book;
  const period = lines.period;
  const baseline = lines.baselineVolume;
  const list = lines.listPrice;
  const prior = lines.priorVolume;
  const priorList = lines.priorListPrice;
  const volume = book.volume;
  const gross = book.grossSales;
  const invoice = book.invoiceSales;
  const rg = sel.ranges;
  const p0 = sel.firstPeriod;
  const p1 = sel.lastPeriod;
  // One fused pass; the flags are loop-invariant so the branches predict perfectly.
  const wantVolume = quantities.has('volume');
  const wantGross = quantities.has('gross_sales');
  const wantInvoice = quantities.has('invoice_sales');
  const wantLines = quantities.has('lines');
  const wantReference = quantities.has('reference');
  const refVolume = reference === null || reference.volume;
  const refNeutral = reference !== null && reference.priceNeutral;
  const arr = (on: boolean) => (on ? new Float64Array(nPeriods) : null);
  const volU = arr(wantVolume);
  const volP = arr(wantVolume);
  const grossU = arr(wantGross);
  const grossP = arr(wantGross);
  const invU = arr(wantInvoice);
  const invP = arr(wantInvoice);
  const linesU = arr(wantLines);
  const refU = arr(wantReference);
  let lineCount = 0;
  let referenceFallbacks = 0;
  for (let r = 0; r < rg.length; r += 2) {
    const b = rg[r + 1];
    for (let i = rg[r]; i < b; i++) {
      const p = period[i];
      if (p < p0 || p > p1) continue;
      lineCount++;
      if (volU !== null) {
        volU[p] += volume[i];
        volP![p] += baseline[i];
      }
      if (grossU !== null) {
        grossU[p] += gross[i];
        grossP![p] += baseline[i] * list[i];
      }
      if (invU !== null) {
        const g = gross[i];
        const planGross = baseline[i] * list[i];
        invU[p] += invoice[i];
        // The line's invoice ÷ gross ratio applied to its plan; undefined over no gross sales, or over so little
        // (1e-320) that the ratio overflows: the plan's gross sales then, never Infinity.
        const scaled = planGross * (invoice[i] / g);
        invP![p] += g !== 0 && Number.isFinite(scaled) ? scaled : planGross;
      }
      if (linesU !== null) linesU[p] += 1;
      if (refU !== null) {
        if (refVolume) refU[p] += prior[i];
        else if (refNeutral) refU[p] += prior[i] * list[i];
        else {
          const pp = priorList[i];
          if (pp === pp) refU[p] += prior[i] * pp;
          else {
            refU[p] += prior[i] * list[i];
            referenceFallbacks++;
          }
        }
      }
    }
  }
  const sums = new Map<Quantity, PeriodSums>();
  if (volU) sums.set('volume', { used: volU, plan: volP! });
  if (grossU) sums.set('gross_sales', { used: grossU, plan: grossP! });
  if (invU) sums.set('invoice_sales', { used: invU, plan: invP! });
  if (linesU) sums.set('lines', { used: linesU, plan: linesU }); // every line is planned too
  if (refU) sums.set('reference', { used: refU, plan: refU }); // the prior year is known for every period
  return { sums, first: p0, last: p1, lineCount, referenceFallbacks };
}

/**
 * A customer's period sums by selection and quantity, so terms over the same scope and span read each line once.
 * Volume, gross sales, line counts and references never change while a customer is computed; invoice sales change
 * with every on-invoice term, so they are cached only once `invoiceFinal` is set (after the on-invoice phase).
 */
export class SumsCache {
  private readonly sums = new Map<string, PeriodSums>();
  private readonly lineCounts = new Map<string, number>();
  private readonly fallbacks = new Map<string, number>();
  invoiceFinal = false;

  constructor(
    private readonly book: LineBook,
    private readonly nPeriods: number,
  ) {}

  sum(
    sel: LineSelection,
    selKey: string,
    quantities: ReadonlySet<Quantity>,
    reference: ReferenceRule | null,
  ): TermSums {
    const refKey = reference === null || reference.volume ? 'volume' : reference.priceNeutral ? 'neutral' : 'nominal';
    const keyOf = (q: Quantity) => (q === 'reference' ? `${selKey}|reference:${refKey}` : `${selKey}|${q}`);
    const cacheable = (q: Quantity) => q !== 'invoice_sales' || this.invoiceFinal;
    const missing = new Set<Quantity>();
    for (const q of quantities) if (!cacheable(q) || !this.sums.has(keyOf(q))) missing.add(q);
    let lineCount = this.lineCounts.get(selKey);
    const out = new Map<Quantity, PeriodSums>();
    if (missing.size > 0 || lineCount === undefined) {
      const fresh = sumTerm(this.book, sel, missing, this.nPeriods, reference);
      lineCount = fresh.lineCount;
      this.lineCounts.set(selKey, lineCount);
      for (const [q, v] of fresh.sums) {
        out.set(q, v);
        if (cacheable(q)) this.sums.set(keyOf(q), v);
      }
      if (missing.has('reference')) this.fallbacks.set(keyOf('reference'), fresh.referenceFallbacks);
    }
    for (const q of quantities) if (!out.has(q)) out.set(q, this.sums.get(keyOf(q))!);
    return {
      sums: out,
      first: sel.firstPeriod,
      last: sel.lastPeriod,
      lineCount,
      referenceFallbacks: quantities.has('reference') ? (this.fallbacks.get(keyOf('reference')) ?? 0) : 0,
    };
  }
}

/** Quantities summed over a window of the span. */
export type Agg = Record<Quantity, number>;

/**
 * Prefix sums of each quantity over the span, so that
 *  ytd(m)      = Σ_{first..m} used            (reference: Σ_{first..m})
 *  forecast(m) = Σ_{first..m} used + Σ_{m+1..last} plan   (reference: whole span)
 *  annual      = ytd(last) = forecast(last)   (bit-for-bit: the plan tail of the last period is exactly 0)
 */
export class TermWindows {
  private readonly quantities: Quantity[] = [];
  private readonly prefixUsed: Float64Array[] = [];
  private readonly suffixPlan: Float64Array[] = [];
  readonly first: number;
  readonly last: number;

  constructor(ts: TermSums) {
    this.first = ts.first;
    this.last = ts.last;
    const len = ts.last - ts.first + 1;
    for (const [q, s] of ts.sums) {
      const pre = new Float64Array(len);
      let acc = 0;
      for (let k = 0; k < len; k++) {
        acc += s.used[ts.first + k];
        pre[k] = acc;
      }
      const suf = new Float64Array(len + 1); // suf[k] = Σ plan of positions ≥ k; suf[len] = 0
      acc = 0;
      for (let k = len - 1; k >= 0; k--) {
        acc += s.plan[ts.first + k];
        suf[k] = acc;
      }
      this.quantities.push(q);
      this.prefixUsed.push(pre);
      this.suffixPlan.push(suf);
    }
  }

  private slot(q: Quantity): number {
    const i = this.quantities.indexOf(q);
    if (i < 0) throw new Error(`quantity ${q} was not summed for this term`);
    return i;
  }

  /** Σ used of q over the span up to model period m (inclusive). */
  ytdOf(q: Quantity, m: number): number {
    return this.prefixUsed[this.slot(q)][m - this.first];
  }

  /** Σ used of q up to m + Σ plan after m; the reference over the whole span. */
  forecastOf(q: Quantity, m: number): number {
    const i = this.slot(q);
    if (q === 'reference') return this.prefixUsed[i][this.last - this.first];
    const k = m - this.first;
    return this.prefixUsed[i][k] + this.suffixPlan[i][k + 1];
  }

  /** Used quantities of the span up to model period m (inclusive). */
  ytd(m: number): Agg {
    const a: Agg = { volume: 0, gross_sales: 0, invoice_sales: 0, lines: 0, reference: 0 };
    const k = m - this.first;
    for (let i = 0; i < this.quantities.length; i++) a[this.quantities[i]] = this.prefixUsed[i][k];
    return a;
  }

  /** Used up to m, plan after m; the reference over the whole span. */
  forecast(m: number): Agg {
    const a: Agg = { volume: 0, gross_sales: 0, invoice_sales: 0, lines: 0, reference: 0 };
    const k = m - this.first;
    const lastK = this.last - this.first;
    for (let i = 0; i < this.quantities.length; i++) {
      const q = this.quantities[i];
      a[q] = q === 'reference' ? this.prefixUsed[i][lastK] : this.prefixUsed[i][k] + this.suffixPlan[i][k + 1];
    }
    return a;
  }

  annual(): Agg {
    return this.ytd(this.last);
  }
}
