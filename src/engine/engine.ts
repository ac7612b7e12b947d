/**
 * computeModel: the whole engine over columnar lines.
 *
 * Per customer (a contiguous line range): on-invoice terms in term order (each % on invoice sales cascades on the
 * price left by the earlier ones), then off-invoice terms, then net sales, cost-to-serve and financing, COGS,
 * contribution and taxes; then per-product / per-period roll-ups. Each term is measured once over its whole span
 * (per-period sums of the quantities it needs), evaluated, placed back on its lines and accrued under both
 * interim-tier policies.
 */
import type { CostToServe, Model, Term } from './model';
import type { AccrualRow, CustomerResult, Finding, LineResults, ModelResults, PnlTotals, TermResult } from './results';
import { periodAnchors, spanIndexes } from './periods';
import { productMask, scopeRanges, selectionKey, type LineSelection, type ProductRuns } from './scope';
import { SumsCache, TermWindows, type LineBook, type Quantity } from './measures';
import { compileTerm, evaluateTerm, primaryMeasureValue, type CompiledTerm } from './rebates';
import { allocationScratch, placeLumpSum, type AllocationScratch } from './allocation';
import { INTERIM_TIER_POLICIES, termAccruals } from './accruals';
import { termFormula, measureText, gapText } from './formulas';
import { applyCostToServe } from './costToServe';
import { financingCost } from './financing';
import { TradeTermsError } from './errors';
import { taxTable, type TaxTable } from './taxes';
import { closeCustomerLines, PNL_FIELDS, sumTotals } from './pnl';
import { waterfallOf } from './waterfall';
import { inStageOrder, type Lever } from './stages';
import { modelLevers } from './pricing';
import { applyPromotions, finishPromotions, type PromotionPlacement, type PromotionResult } from './promotions';
import { fmtPct } from './format';
import {
  costToServeMatchesNoLine,
  growthReferenceZero,
  manualActualMissing,
  noAgreedBasis,
  nominalReferenceFallback,
  scopeMatchesNoLine,
  targetMissed,
  tierNotReached,
  unknownTermCustomer,
} from './findings';

interface Context {
  model: Model;
  nPeriods: number;
  anchors: Float64Array;
  /** Customer line range [start, end). */
  start: Int32Array;
  end: Int32Array;
  /** Runs of one customer × product, so scoped terms visit only their products' lines. */
  runs: ProductRuns;
  /** Term indexes per customer, in term order. */
  termsOf: number[][];
  costRowsOf: number[][];
  cogs: Float64Array;
  taxes: TaxTable;
  /** Allocation buffers sized for the largest customer, found or made on first use. */
  scratch: AllocationScratch | null;
  /** Levers of the prices and volumes stages (stages.ts); empty for the model as it is. */
  levers: readonly Lever[];
  /** How many of them the caller passed (ComputeOptions.levers), besides the model's own price changes. */
  userLevers: number;
  variableOffScratch?: Float64Array;
  /** Per-line price the prices-stage levers rewrite (global indexes), made on first use. */
  leverPrice?: Float64Array;
  /**
   * A search's recompute that reads the customer's totals only (totalsOnly): no accrual rows, and each term's formula
   * text built when read instead of for every recompute.
   */
  lean?: boolean;
  /**
   * A search that reads the customer's totals and no event result (totalsOnly and keepPromotions): the customer's
   * events are placed (their volumes and money are in the P&L) but not measured (ROI, the effect on other terms).
   */
  eventsUnread?: boolean;
  /** Terms / cost-to-serve rows whose customer id is not in Customers. */
  orphanTerms: number[];
  orphanCostRows: number[];
}

function fail(es: string, en: string): never {
  throw new TradeTermsError('invalid_model', { es, en });
}

/** Where each customer's lines and product runs are: a scan of every line, kept per Lines object (lines never change). */
interface LineLayout {
  start: Int32Array;
  end: Int32Array;
  runs: ProductRuns;
}
const LAYOUTS = new WeakMap<Model['lines'], { nc: number; np: number; nt: number; layout: LineLayout }>();

/**
 * The layout of the model's lines. computeModel always scans (and records the layout); recomputeCustomer, whose
 * caller guarantees the same lines, takes the recorded one: a scenario shares its base's lines.
 */
function lineLayout(model: Model, recorded: boolean): LineLayout {
  const { lines, customers, products, periods } = model;
  const cached = recorded ? LAYOUTS.get(lines) : undefined;
  if (cached && cached.nc === customers.length && cached.np === products.length && cached.nt === periods.length) {
    return cached.layout;
  }
  const nc = customers.length;
  const start = new Int32Array(nc);
  const end = new Int32Array(nc);
  const seen = new Uint8Array(nc);
  const { customer, product, period } = lines;
  const np = products.length;
  const nt = periods.length;
  const runStart: number[] = [];
  const runFirst = new Int32Array(nc);
  const runEnd = new Int32Array(nc);
  let current = -1;
  let currentProduct = -1;
  for (let i = 0; i < lines.n; i++) {
    const c = customer[i];
    const j = product[i];
    const p = period[i];
    if (c < 0 || c >= nc || j < 0 || j >= np || p < 0 || p >= nt) {
      fail(
        `Línea ${i}: índice fuera de rango (cliente ${c}, producto ${j}, periodo ${p}).`,
        `Line ${i}: index out of range (customer ${c}, product ${j}, period ${p}).`,
      );
    }
    if (c !== current) {
      if (seen[c]) {
        fail(
          `Las líneas del cliente ${customers[c].id} no son contiguas (deben ordenarse por cliente, producto, periodo).`,
          `Lines of customer ${customers[c].id} are not contiguous (they must be sorted by customer, product, period).`,
        );
      }
      if (current >= 0) {
        end[current] = i;
        runEnd[current] = runStart.length;
      }
      seen[c] = 1;
      start[c] = i;
      runFirst[c] = runStart.length;
      current = c;
      currentProduct = -1;
    }
    if (j !== currentProduct) {
      runStart.push(i);
      currentProduct = j;
    }
  }
  if (current >= 0) {
    end[current] = lines.n;
    runEnd[current] = runStart.length;
  }
  runStart.push(lines.n);
  const layout = { start, end, runs: { start: Int32Array.from(runStart), first: runFirst, end: runEnd } };
  LAYOUTS.set(lines, { nc, np, nt, layout });
  return layout;
}

/** COGS per unit of every product, kept per product list (read-only; a search prepares dozens of recomputes). */
const cogsByProducts = new WeakMap<readonly Model['products'][number][], Float64Array>();
function cogsOf(products: Model['products']): Float64Array {
  let cogs = cogsByProducts.get(products);
  if (!cogs) {
    cogs = new Float64Array(products.length);
    for (let j = 0; j < products.length; j++) cogs[j] = products[j].cogsPerUnit;
    cogsByProducts.set(products, cogs);
  }
  return cogs;
}

function prepare(model: Model, levers: readonly Lever[] = [], userLevers = 0, sameLines = false): Context {
  const { customers, products, periods } = model;
  const { start, end, runs } = lineLayout(model, sameLines);
  const index = new Map<string, number>();
  customers.forEach((c, k) => index.set(c.id, k));
  const termsOf: number[][] = customers.map(() => []);
  const costRowsOf: number[][] = customers.map(() => []);
  const orphanTerms: number[] = [];
  const orphanCostRows: number[] = [];
  model.terms.forEach((t, k) => {
    const c = index.get(t.customerId);
    if (c === undefined) orphanTerms.push(k);
    else termsOf[c].push(k);
  });
  model.costToServe.forEach((r, k) => {
    const c = index.get(r.customerId);
    if (c === undefined) orphanCostRows.push(k);
    else costRowsOf[c].push(k);
  });
  return {
    model,
    nPeriods: periods.length,
    anchors: periodAnchors(periods),
    start,
    end,
    runs,
    termsOf,
    costRowsOf,
    cogs: cogsOf(products),
    taxes: taxTable(model),
    scratch: null,
    levers,
    userLevers,
    orphanTerms,
    orphanCostRows,
  };
}

/**
 * The 16 line columns, each its own buffer: under ~32 MB each, so the C allocator recycles freed columns of an
 * earlier run instead of mapping (and page-faulting) fresh memory every time.
 */
function allocateLineResults(n: number): LineResults {
  const f = () => new Float64Array(n);
  return {
    volume: f(),
    grossSales: f(),
    onInvoice: f(),
    invoiceSales: f(),
    offInvoice: f(),
    netSales: f(),
    cogs: f(),
    grossProfit: f(),
    costToServe: f(),
    financingCost: f(),
    contribution: f(),
    ieps: f(),
    iva: f(),
    promoSpend: f(),
    promoVolume: f(),
    promoOnInvoice: f(),
  };
}

function copyLineResults(r: LineResults): LineResults {
  const out = allocateLineResults(r.volume.length);
  for (const f of PNL_FIELDS) out[f].set(r[f]);
  return out;
}

/**
 * Line columns to recompute customer lines [s, e) into. Scratch recomputes (a search: a walk-away recomputes one
 * customer dozens of times) share one buffer per model lines, whatever results they start from: copying every line of
 * a million-line model each time cost more than the recompute. The buffer holds `previous`'s lines [s, e) (copied on
 * every call: the last call may have left another scenario's money there) and nothing meaningful elsewhere: it is
 * allocated zeroed and only the ranges recomputed are ever written, so the memory of other customers' lines is never
 * touched. The results built on it are valid only for the recomputed customer, and only until the next scratch
 * recompute on the same lines: callers read what they need of that customer at once (scratch: true).
 */
const scratchLines = new WeakMap<Model['lines'], LineResults>();
/** Which model lines a results' line columns were scratch-recomputed on (for releaseScratch). */
const scratchKey = new WeakMap<LineResults, Model['lines']>();
/** Results made by keepCustomerLines: the customer's range of the line columns, copied (indexed i − s). */
const keptRanges = new WeakMap<ModelResults, { s: number; e: number; cols: LineResults }>();
/** Per model lines, zeroed line columns never written: the line columns of results made by keepCustomerLines. */
const phantomLines = new WeakMap<Model['lines'], LineResults>();

/**
 * Lets go of the line buffer scratch recomputes on `results` used (as large as its lines: 128 MB on a million lines,
 * of which only the recomputed customers' ranges were ever touched), once a search is over.
 */
export function releaseScratch(results: ModelResults): void {
  const key = scratchKey.get(results.lines);
  if (key) scratchLines.delete(key);
}
function linesToRecompute(
  lines: Model['lines'],
  previous: ModelResults,
  s: number,
  e: number,
  scratch: boolean,
  /**
   * The caller writes every column of [s, e) before reading any (a full recompute of the customer: baseLines resets
   * or sets each column, closing sets the rest): the previous lines there need not be copied.
   */
  whole = false,
): LineResults {
  const kept = keptRanges.get(previous);
  const copyRange = (into: LineResults) => {
    for (const f of PNL_FIELDS) {
      if (kept && s >= kept.s && e <= kept.e) into[f].set(kept.cols[f].subarray(s - kept.s, e - kept.s), s);
      else into[f].set(previous.lines[f].subarray(s, e), s);
    }
  };
  if (!scratch) {
    const out = copyLineResults(previous.lines);
    if (kept) copyRange(out);
    return out;
  }
  let buf = scratchLines.get(lines);
  if (!buf) scratchLines.set(lines, (buf = allocateLineResults(previous.lines.volume.length)));
  scratchKey.set(previous.lines, lines);
  if (!whole) copyRange(buf);
  return buf;
}

/**
 * The results with only customer c's line columns kept (a copy of its range; the results' own line columns are
 * zero and shared): a scenario's own results kept while its levers are searched, to recompute that customer from
 * (recomputeCustomer, recomputeOffInvoiceTerms, which read its range from the copy). Their line columns are not
 * meant to be read. Every other part of the results is shared.
 */
export function keepCustomerLines(model: Model, results: ModelResults, c: number): ModelResults {
  const { start, end } = lineLayout(model, true);
  const s = start[c];
  const e = end[c];
  const cols = allocateLineResults(e - s);
  for (const f of PNL_FIELDS) cols[f].set(results.lines[f].subarray(s, e));
  let phantom = phantomLines.get(model.lines);
  if (!phantom) phantomLines.set(model.lines, (phantom = allocateLineResults(model.lines.n)));
  const kept = { ...results, lines: phantom };
  keptRanges.set(kept, { s, e, cols });
  return kept;
}

/**
 * Volume, gross sales, invoice sales before any term, COGS; the columns terms add into are reset when reused
 * (fresh columns are zero already, and leaving them untouched spares first-touch page faults).
 */
function baseLines(ctx: Context, out: LineResults, s: number, e: number, reused: boolean): void {
  const { lines } = ctx.model;
  const { actualVolume, baselineVolume, listPrice, product } = lines;
  const cogs = ctx.cogs;
  for (let i = s; i < e; i++) {
    const a = actualVolume[i];
    const v = a === a ? a : baselineVolume[i]; // volumeAt: actual when present
    const g = v * listPrice[i];
    out.volume[i] = v;
    out.grossSales[i] = g;
    out.invoiceSales[i] = g;
    out.cogs[i] = v * cogs[product[i]];
  }
  if (ctx.levers.length > 0) applyLevers(ctx, out, s, e);
  if (reused) {
    out.onInvoice.fill(0, s, e);
    out.offInvoice.fill(0, s, e);
    out.costToServe.fill(0, s, e);
    out.promoSpend.fill(0, s, e);
    out.promoVolume.fill(0, s, e);
    out.promoOnInvoice.fill(0, s, e);
  }
}

/**
 * Per-line work buffers of a model's lines, one per use, kept while the lines live: a recompute of one customer
 * writes and reads only its range, and a fresh model-sized buffer per recompute (8 MB each on a million lines) made
 * a walk-away's dozens of recomputes mostly work for the garbage collector. computeModel is synchronous, so runs never
 * share them at once.
 */
const lineScratchByLines = new WeakMap<Model['lines'], Map<string, Float64Array>>();
function lineScratch(lines: Model['lines'], use: 'price' | 'variableOff'): Float64Array {
  let byUse = lineScratchByLines.get(lines);
  if (!byUse) lineScratchByLines.set(lines, (byUse = new Map<string, Float64Array>()));
  let b = byUse.get(use);
  if (!b) byUse.set(use, (b = new Float64Array(lines.n)));
  return b;
}

/**
 * The prices and volumes stages: each lever rewrites the price and volume of every customer's lines in [s, e), in
 * stage order, then gross sales, invoice sales and COGS follow from them, before any term is evaluated. Only runs
 * when levers are given, so the plain path stays one fused pass.
 */
function applyLevers(ctx: Context, out: LineResults, s: number, e: number): void {
  const { lines } = ctx.model;
  const price = (ctx.leverPrice ??= lineScratch(lines, 'price'));
  price.set(lines.listPrice.subarray(s, e), s);
  const levers = inStageOrder(ctx.levers);
  for (let c = 0; c < ctx.start.length; c++) {
    const start = Math.max(ctx.start[c], s);
    const end = Math.min(ctx.end[c], e);
    if (start >= end) continue;
    for (const lever of levers) lever.apply({ customerIndex: c, start, end, price, volume: out.volume });
  }
  const cogs = ctx.cogs;
  for (let i = s; i < e; i++) {
    const v = out.volume[i];
    const g = v * price[i];
    out.grossSales[i] = g;
    out.invoiceSales[i] = g;
    out.cogs[i] = v * cogs[lines.product[i]];
  }
}

function emptyTermResult(term: Term, nPeriods: number, findings: Finding[]): TermResult {
  return {
    termId: term.id,
    customerId: term.customerId,
    kind: term.kind,
    onInvoice: term.onInvoice,
    amount: 0,
    basisValue: 0,
    measureValue: NaN,
    effectiveRate: 0,
    conditionMet: term.condition === undefined,
    byPeriod: new Float64Array(nPeriods),
    formula: { es: 'sin líneas en el alcance y la vigencia → $0.00', en: 'no lines in scope and span → $0.00' },
    findings,
  };
}

/**
 * Allocation buffers per model lines, kept while the model lives (recomputes of the same model reuse them; they
 * are internal scratch and never part of a result). computeModel is synchronous, so runs never share them at once.
 */
const scratchByLines = new WeakMap<Model['lines'], AllocationScratch>();

function scratchFor(ctx: Context, range: { start: number; end: number }): AllocationScratch {
  const need = range.end - range.start;
  if (ctx.scratch === null || ctx.scratch.idx.length < need) {
    const lines = ctx.model.lines;
    let scratch = scratchByLines.get(lines);
    if (!scratch || scratch.idx.length < need) {
      let largest = need;
      for (let c = 0; c < ctx.start.length; c++) largest = Math.max(largest, ctx.end[c] - ctx.start[c]);
      scratch = allocationScratch(largest);
      scratchByLines.set(lines, scratch);
    }
    ctx.scratch = scratch;
  }
  return ctx.scratch;
}

/** Off-invoice money at a rate per unit of a basis quantity, placed in one pass per selection and quantity. */
interface DeferredPlacement {
  sel: LineSelection;
  quantity: Quantity;
  k: number;
}

function placeAtRate(
  out: LineResults,
  lines: Model['lines'],
  sel: LineSelection,
  q: Quantity,
  k: number,
  onInvoice: boolean,
  into?: Float64Array,
): void {
  const src = q === 'volume' ? out.volume : q === 'gross_sales' ? out.grossSales : out.invoiceSales;
  const target = into ?? (onInvoice ? out.onInvoice : out.offInvoice);
  const invoice = out.invoiceSales;
  const period = lines.period;
  const rg = sel.ranges;
  const p0 = sel.firstPeriod;
  const p1 = sel.lastPeriod;
  for (let r = 0; r < rg.length; r += 2) {
    const b = rg[r + 1];
    for (let i = rg[r]; i < b; i++) {
      const p = period[i];
      if (p < p0 || p > p1) continue;
      const v = k * src[i];
      target[i] += v;
      if (onInvoice) invoice[i] -= v; // the cascade: later on-invoice % terms see the reduced invoice
    }
  }
}

/**
 * Measures, evaluates and places one term. On-invoice money is placed at once (the next on-invoice term's basis
 * depends on it); off-invoice money at a rate is deferred into `deferred` and placed in batches.
 */
function applyTerm(
  ctx: Context,
  out: LineResults,
  cache: SumsCache,
  c: number,
  t: number,
  accruals: AccrualRow[],
  deferred: Map<string, DeferredPlacement>,
  aggregates?: TermAggregate[],
  into?: Float64Array,
): TermResult {
  const { model, nPeriods } = ctx;
  const { lines } = model;
  const term = model.terms[t];
  const customer = model.customers[c];
  const findings: Finding[] = [];
  if (!term.agreedDate || !term.agreedDate.trim()) findings.push(noAgreedBasis(term));

  const span = spanIndexes(ctx.anchors, term.periodFrom, term.periodTo);
  if (!span) {
    findings.push(scopeMatchesNoLine(term));
    return emptyTermResult(term, nPeriods, findings);
  }
  const products = productMask(model.products, term.scope);
  const sel: LineSelection = {
    start: ctx.start[c],
    end: ctx.end[c],
    firstPeriod: span.first,
    lastPeriod: span.last,
    products,
    ranges: scopeRanges(ctx.runs, c, ctx.start[c], ctx.end[c], lines.product, products),
  };
  const selKey = selectionKey(term.scope, span.first, span.last);
  let ct: CompiledTerm = compileTerm(term, customer);
  let sums = cache.sum(sel, selKey, ct.quantities, ct.reference);
  if (sums.lineCount === 0) {
    findings.push(scopeMatchesNoLine(term));
    return emptyTermResult(term, nPeriods, findings);
  }
  let windows = new TermWindows(sums);
  if (ct.isFixed && ct.basisQuantity !== 'lines' && !(windows.annual()[ct.basisQuantity] > 0)) {
    // No volume / sales to weigh a lump sum by: split it evenly (and say so in the formula).
    ct = compileTerm({ ...term, allocation: 'even' }, customer);
    sums = cache.sum(sel, selKey, ct.quantities, ct.reference);
    windows = new TermWindows(sums);
  }
  const annual = windows.annual();
  const ev = evaluateTerm(ct, annual);
  const money = ev.money;
  aggregates?.push({ ct, annual, products: sel.products, first: span.first, last: span.last, money });

  // Place the money on the lines; byPeriod from the same per-period sums.
  const byPeriod = new Float64Array(nPeriods);
  const q = ct.basisQuantity;
  if (ct.isFixed) {
    const key = q === 'volume' ? out.volume : q === 'gross_sales' ? out.grossSales : null;
    const target = into ?? (term.onInvoice ? out.onInvoice : out.offInvoice);
    placeLumpSum(
      money,
      sel,
      lines,
      key,
      scratchFor(ctx, sel),
      target,
      term.onInvoice ? out.invoiceSales : null,
      byPeriod,
    );
  } else {
    const total = annual[q];
    const k = total !== 0 ? money / total : 0;
    if (k !== 0) {
      const used = sums.sums.get(q)!.used;
      for (let p = span.first; p <= span.last; p++) byPeriod[p] = k * used[p];
      if (term.onInvoice) placeAtRate(out, lines, sel, q, k, true);
      else {
        const key = `${selKey}|${q}`;
        const d = deferred.get(key);
        if (d) d.k += k;
        else deferred.set(key, { sel, quantity: q, k });
      }
    }
  }

  if (ev.growthUndefined) findings.push(growthReferenceZero(term));
  if (ct.reference && !ct.reference.volume && !ct.reference.priceNeutral && sums.referenceFallbacks > 0) {
    findings.push(nominalReferenceFallback(term, sums.referenceFallbacks));
  }
  if (!ev.conditionMet && !ev.growthUndefined) {
    const cond = term.condition;
    if (cond) {
      if (cond.measure === 'manual' && ev.conditionValue !== ev.conditionValue)
        findings.push(manualActualMissing(term));
      else {
        findings.push(
          targetMissed(
            term,
            measureText(cond.measure, ev.conditionValue, 'es'),
            measureText(cond.measure, ev.conditionValue, 'en'),
            measureText(cond.measure, cond.target, 'es'),
            measureText(cond.measure, cond.target, 'en'),
          ),
        );
      }
    } else if (term.growth) {
      findings.push(targetMissed(term, fmtPct(ev.growth, 'es'), fmtPct(ev.growth, 'en'), '> 0.0 %', '> 0.0%'));
    }
  }

  const tierMissed = term.tiers.length > 0 && ev.tierIndex < 0 && !ev.growthUndefined;
  if (term.tiers.length > 0 && !ev.growthUndefined && ev.tierMeasure === ev.tierMeasure) {
    findings.push(...tierFindings(term, ev.tierIndex, ev.tierMeasure));
  }

  // On-invoice terms are taken off the invoice itself: nothing is provisioned for them.
  if (!term.onInvoice && !ctx.lean)
    for (const row of termAccruals(ct, windows, model.periods, ev.basis)) accruals.push(row);

  const result: TermResult = {
    termId: term.id,
    customerId: term.customerId,
    kind: term.kind,
    onInvoice: term.onInvoice,
    amount: money,
    basisValue: ev.payBasis,
    measureValue: primaryMeasureValue(ct, annual, ev),
    // 0 without a basis, and with one so small (1e-320) that the ratio overflows: never Infinity.
    effectiveRate: ev.payBasis !== 0 && Number.isFinite(money / ev.payBasis) ? money / ev.payBasis : 0,
    conditionMet: ev.conditionMet && !tierMissed,
    byPeriod,
    formula: ctx.lean ? NO_FORMULA : termFormula(ct, ev),
    findings,
  };
  if (ctx.lean) {
    Object.defineProperty(result, 'formula', { get: () => termFormula(ct, ev), enumerable: true, configurable: true });
  }
  return result;
}

const NO_FORMULA = { es: '', en: '' };

/** A missed first tier is a finding, with the gap to it in the tier measure's unit. */
function tierFindings(term: Term, reached: number, measure: number): Finding[] {
  if (reached >= 0) return [];
  const m = term.tierMeasure;
  const text = (v: number) => ({ es: measureText(m, v, 'es'), en: measureText(m, v, 'en') });
  const first = term.tiers[0].from;
  const gap = { es: gapText(m, first - measure, 'es'), en: gapText(m, first - measure, 'en') };
  return [tierNotReached(term, text(measure), text(first), gap)];
}

interface CustomerPart {
  customer: CustomerResult;
  terms: Map<number, TermResult>;
  accruals: Map<number, AccrualRow[]>;
  findings: Finding[];
  promotions: PromotionResult[];
}

/** One customer: promotions (volumes stage, before terms), terms, cost-to-serve, closing. */
function computeCustomerPart(ctx: Context, out: LineResults, c: number, perProduct = true): CustomerPart {
  const { model } = ctx;
  const { lines } = model;
  const s = ctx.start[c];
  const e = ctx.end[c];
  // Only the model's own levers: a caller's levers are not part of the plan's cache key.
  const promo = applyPromotions(model, out, c, s, e, ctx.cogs, ctx.userLevers === 0);
  // What each term was evaluated on, for measuring the events: not kept when nobody reads the events' results.
  const measure = promo !== null && ctx.eventsUnread !== true;
  const aggregates: TermAggregate[] = [];
  const book: LineBook = { lines, volume: out.volume, grossSales: out.grossSales, invoiceSales: out.invoiceSales };
  const cache = new SumsCache(book, ctx.nPeriods);
  const deferred = new Map<string, DeferredPlacement>();
  const terms = new Map<number, TermResult>();
  const accruals = new Map<number, AccrualRow[]>();
  const findings: Finding[] = [];

  for (const onInvoice of [true, false]) {
    cache.invoiceFinal = !onInvoice;
    for (const t of ctx.termsOf[c]) {
      if (model.terms[t].onInvoice !== onInvoice) continue;
      const rows: AccrualRow[] = [];
      terms.set(t, applyTerm(ctx, out, cache, c, t, rows, deferred, measure ? aggregates : undefined));
      accruals.set(t, rows);
    }
  }
  for (const d of deferred.values()) placeAtRate(out, lines, d.sel, d.quantity, d.k, false);
  if (measure) measurePromotionsOf(ctx, out, c, promo, deferred, aggregates);

  applyCustomerCosts(ctx, out, c, book, findings);

  return {
    customer: closeCustomer(ctx, out, c, s, e, perProduct),
    terms,
    accruals,
    findings,
    promotions: promo?.results ?? [],
  };
}

/**
 * Closes the customer's lines s … e once its terms and costs are placed (financing at its payment days, taxes) and
 * gives its result: totals, waterfall and the per-period (and, with perProduct, per-product) roll-ups.
 */
function closeCustomer(
  ctx: Context,
  out: LineResults,
  c: number,
  s: number,
  e: number,
  perProduct: boolean,
): CustomerResult {
  const { settings, customers } = ctx.model;
  const customer = customers[c];
  const financingRate = financingCost(1, customer.paymentDays, settings.daysInYear, settings.costOfCapital);
  const roll = closeCustomerLines(
    out,
    ctx.model.lines,
    s,
    e,
    ctx.nPeriods,
    { financingRate, ...ctx.taxes },
    perProduct,
  );
  return {
    customerId: customer.id,
    totals: roll.totals,
    waterfall: waterfallOf(roll.totals, settings.costToServePlacement),
    byProduct: roll.byProduct,
    byPeriod: roll.byPeriod,
  };
}

/** The customer's cost-to-serve rows added into out.costToServe on its lines; a row covering no line is a finding. */
function applyCustomerCosts(ctx: Context, out: LineResults, c: number, book: LineBook, findings: Finding[]): void {
  const { model } = ctx;
  const s = ctx.start[c];
  const e = ctx.end[c];
  for (const r of ctx.costRowsOf[c]) {
    const row = model.costToServe[r];
    const span = spanIndexes(ctx.anchors, row.periodFrom, row.periodTo);
    const covered = span
      ? applyCostToServe(
          row,
          {
            start: s,
            end: e,
            firstPeriod: span.first,
            lastPeriod: span.last,
            products: null,
            ranges: Int32Array.of(s, e),
          },
          book,
          model.products,
          out.costToServe,
          scratchFor(ctx, { start: s, end: e }),
        )
      : 0;
    if (covered === 0) findings.push(costToServeMatchesNoLine(row, costRowLabel(row, r)));
  }
}

/** What a term was evaluated on, kept while promotions are measured: its aggregates over its selection. */
interface TermAggregate {
  ct: CompiledTerm;
  annual: Record<Quantity, number>;
  products: Uint8Array | null;
  first: number;
  last: number;
  money: number;
}

/**
 * Completes a customer's event metrics: unit contributions before promotional funding (invoice price before the
 * promotional allowance − variable off-invoice terms − COGS, per unit), and each event's effect on the other terms.
 *
 * The effect is exact without recomputing the customer: every term's money is a function of its annual aggregates
 * over its selection (evaluateTerm), so the money without the event is the term evaluated on its aggregates less
 * what the event changed on the selected lines — volume, gross sales at the line's price, and invoice sales at the
 * line's invoice-to-gross ratio before the event's own off-invoice allowance. Tiers, growth and conditions follow.
 */
function measurePromotionsOf(
  ctx: Context,
  out: LineResults,
  c: number,
  promo: PromotionPlacement,
  deferred: Map<string, DeferredPlacement>,
  aggregates: readonly TermAggregate[],
): void {
  const { model } = ctx;
  const { lines } = model;
  // Rate-based off-invoice term money per line (global indexes; only this customer's range is cleared and written):
  // one buffer per model lines, not one per customer or per run.
  const variableOff = (ctx.variableOffScratch ??= lineScratch(lines, 'variableOff'));
  variableOff.fill(0, ctx.start[c], ctx.end[c]);
  for (const d of deferred.values()) placeAtRate(out, lines, d.sel, d.quantity, d.k, false, variableOff);
  const contribution = (i: number): number => {
    const v = out.volume[i];
    if (!(v > 0)) return 0;
    return (out.invoiceSales[i] + promo.onInvoice[i - promo.start] - variableOff[i] - out.cogs[i]) / v;
  };
  const price = (i: number): number => (out.volume[i] > 0 ? out.grossSales[i] / out.volume[i] : lines.listPrice[i]);
  promo.results.forEach((r, k) => {
    const { changed, volumeDelta, allowance } = promo.detail[k];
    // Per touched line, once: the volume, gross sales and invoice sales the event added.
    const nc = changed.length;
    const dV = new Float64Array(nc);
    const dG = new Float64Array(nc);
    const dI = new Float64Array(nc);
    for (let x = 0; x < nc; x++) {
      const i = changed[x];
      const v = volumeDelta[x];
      const oi = allowance[x];
      const g = v * price(i);
      const gross = out.grossSales[i];
      const ratio = gross !== 0 ? (out.invoiceSales[i] + oi) / gross : 1;
      dV[x] = v;
      dG[x] = g;
      dI[x] = ratio * g - oi;
    }
    let effect = 0;
    for (const a of aggregates) {
      let dv = 0;
      let dg = 0;
      let di = 0;
      for (let x = 0; x < nc; x++) {
        const i = changed[x];
        const p = lines.period[i];
        if (p < a.first || p > a.last || (a.products !== null && a.products[lines.product[i]] === 0)) continue;
        dv += dV[x];
        dg += dG[x];
        di += dI[x];
      }
      if (dv === 0 && dg === 0 && di === 0) continue;
      const without = { ...a.annual, volume: a.annual.volume - dv };
      without.gross_sales = a.annual.gross_sales - dg;
      without.invoice_sales = a.annual.invoice_sales - di;
      effect += a.money - evaluateTerm(a.ct, without).money;
    }
    r.termsEffect = effect;
  });
  finishPromotions(model, promo, contribution, price);
}

function costRowLabel(row: CostToServe, k: number): string {
  return row.source ? `${row.source.table}!${row.source.row}` : `#${k + 1}`;
}

function orphanCostFinding(model: Model, k: number): Finding {
  const row = model.costToServe[k];
  return {
    code: 'unknown_customer',
    severity: 'warning',
    es: `Costo de servir ${costRowLabel(row, k)}: el cliente "${row.customerId}" no existe en Clientes; no se asigna.`,
    en: `Cost-to-serve ${costRowLabel(row, k)}: customer "${row.customerId}" is not in Customers; it is not allocated.`,
    customerId: row.customerId,
  };
}

function assemble(
  ctx: Context,
  out: LineResults,
  customers: CustomerResult[],
  termAt: (t: number) => TermResult,
  accrualsAt: (t: number) => readonly AccrualRow[],
  costFindings: Finding[],
  promotions: readonly PromotionResult[] = [],
): ModelResults {
  const { model } = ctx;
  const terms: TermResult[] = [];
  const accruals: AccrualRow[] = [];
  const findings: Finding[] = [];
  for (let t = 0; t < model.terms.length; t++) {
    const tr = termAt(t);
    terms.push(tr);
    for (const f of tr.findings) findings.push(f);
    if (!ctx.lean) for (const row of accrualsAt(t)) accruals.push(row);
  }
  for (const f of costFindings) findings.push(f);
  if (!ctx.lean) for (const e of promotions) for (const row of promotionAccruals(e, model.periods)) accruals.push(row);
  const portfolio = sumTotals(customers.map((c) => c.totals));
  const events = model.promotions ?? [];
  const order = new Map(events.map((p, k) => [p.id, k]));
  return {
    ...(events.length > 0
      ? { promotions: [...promotions].sort((a, b) => order.get(a.promotionId)! - order.get(b.promotionId)!) }
      : {}),
    lines: out,
    customers,
    portfolio,
    portfolioWaterfall: waterfallOf(portfolio, model.settings.costToServePlacement),
    terms,
    accruals,
    findings,
  };
}

/**
 * A promotion's accrual schedule: its off-invoice money (bill-back, scan-back, lump sum, fixed costs) provisioned in
 * the periods it falls in, from the first to the last; no tiers, so both interim policies give the same rows and
 * there is no true-up. The event id stands in the term column.
 */
function promotionAccruals(e: PromotionResult, periods: Model['periods']): AccrualRow[] {
  const money = e.offInvoiceByPeriod;
  let first = -1;
  let last = -1;
  for (let k = 0; k < money.length; k++) {
    if (money[k] === 0) continue;
    if (first < 0) first = k;
    last = k;
  }
  if (first < 0) return [];
  const rows: AccrualRow[] = [];
  for (const policy of INTERIM_TIER_POLICIES) {
    let cumulative = 0;
    for (let k = first; k <= last; k++) {
      cumulative += money[k];
      rows.push({
        termId: e.promotionId,
        customerId: e.customerId,
        periodId: periods[k].id,
        policy,
        ytdMeasure: NaN,
        tierMeasureUsed: NaN,
        effectiveRate: NaN,
        cumulative,
        accrual: money[k],
        runRate: money[k],
        trueUp: 0,
      });
    }
  }
  return rows;
}

function orphanTermResult(ctx: Context, t: number): TermResult {
  const term = ctx.model.terms[t];
  const findings: Finding[] = [unknownTermCustomer(term)];
  if (!term.agreedDate || !term.agreedDate.trim()) findings.unshift(noAgreedBasis(term));
  return {
    ...emptyTermResult(term, ctx.nPeriods, findings),
    formula: {
      es: `cliente desconocido "${term.customerId}" → $0.00`,
      en: `unknown customer "${term.customerId}" → $0.00`,
    },
  };
}

export interface ComputeOptions {
  /**
   * Results of an earlier run on a model with the same number of lines, whose line columns may be overwritten
   * (the caller must not read them afterwards). Saves allocating and first-touching 13 × n doubles per run,
   * which dominates live recomputes of large models.
   */
  reuse?: ModelResults;
  /** Levers of the prices and volumes stages, applied before terms (stages.ts). */
  levers?: readonly Lever[];
}

function reusableLines(n: number, reuse: ModelResults | undefined): LineResults {
  if (!reuse) return allocateLineResults(n);
  for (const f of PNL_FIELDS) {
    if (reuse.lines[f].length !== n) {
      fail(
        'Los resultados a reutilizar tienen otro número de líneas.',
        'The results to reuse have a different number of lines.',
      );
    }
  }
  return reuse.lines;
}

/** The whole engine: line money, term results, accruals under both policies, roll-ups and findings. */
export function computeModel(model: Model, options: ComputeOptions = {}): ModelResults {
  const ctx = prepare(model, [...modelLevers(model), ...(options.levers ?? [])], options.levers?.length ?? 0);
  const out = reusableLines(model.lines.n, options.reuse);
  baseLines(ctx, out, 0, model.lines.n, options.reuse !== undefined);
  const termResults = new Array<TermResult | undefined>(model.terms.length);
  const accrualRows = new Array<readonly AccrualRow[]>(model.terms.length);
  const customers: CustomerResult[] = [];
  const costFindings: Finding[] = [];
  const promotions: PromotionResult[] = [];
  for (let c = 0; c < model.customers.length; c++) {
    const part = computeCustomerPart(ctx, out, c);
    customers.push(part.customer);
    promotions.push(...part.promotions);
    for (const [t, r] of part.terms) termResults[t] = r;
    for (const [t, rows] of part.accruals) accrualRows[t] = rows;
    for (const f of part.findings) costFindings.push(f);
  }
  for (const t of ctx.orphanTerms) termResults[t] = orphanTermResult(ctx, t);
  for (const k of ctx.orphanCostRows) costFindings.push(orphanCostFinding(model, k));
  return assemble(
    ctx,
    out,
    customers,
    (t) => termResults[t]!,
    (t) => accrualRows[t] ?? [],
    costFindings,
    promotions,
  );
}

/**
 * Recomputes one customer after a KAM edits its terms, cost-to-serve rows or payment days, reusing `previous` for
 * every other customer. The caller guarantees that nothing else changed: same lines (count and order), same
 * customers, products and periods, and other customers' terms and cost rows unchanged. Returns a new results
 * object (previous is not modified). Throws when `previous` lacks a term of another customer. With `scratch`, the
 * line columns are a buffer shared by scratch recomputes, holding only this customer's lines (see linesToRecompute).
 * With `totalsOnly` (a search that reads the customer's totals only), its per-product roll-up is left empty, the
 * results hold no accrual rows, and each of its terms' formula text is built when read. With `keepPromotions` as
 * well (the caller reads no event result either), the customer's events move its P&L as always but are not measured,
 * and the results hold `previous`'s event results as they are, whatever the model changed in its events (so they may
 * list an event the model removed, or lack one it added). Without totalsOnly, keepPromotions changes nothing here: a
 * view of the results reads the events' ROI (its worst event).
 */
export function recomputeCustomer(
  model: Model,
  previous: ModelResults,
  customerIndex: number,
  options: Pick<ComputeOptions, 'levers'> & { scratch?: boolean; totalsOnly?: boolean; keepPromotions?: boolean } = {},
): ModelResults {
  const ctx = prepare(model, [...modelLevers(model), ...(options.levers ?? [])], options.levers?.length ?? 0, true);
  const c = customerIndex;
  if (c < 0 || c >= model.customers.length) {
    fail(`Índice de cliente ${c} fuera de rango.`, `Customer index ${c} out of range.`);
  }
  if (previous.lines.volume.length !== model.lines.n || previous.customers.length !== model.customers.length) {
    fail('Los resultados previos no corresponden a este modelo.', 'The previous results do not belong to this model.');
  }
  ctx.lean = options.totalsOnly === true;
  ctx.eventsUnread = ctx.lean && options.keepPromotions === true;
  const out = linesToRecompute(model.lines, previous, ctx.start[c], ctx.end[c], options.scratch === true, true);
  baseLines(ctx, out, ctx.start[c], ctx.end[c], true);
  const part = computeCustomerPart(ctx, out, c, options.totalsOnly !== true);
  const customerId = model.customers[c].id;
  const prevTerms = new Map(previous.terms.map((r) => [r.termId, r]));
  const prevAccruals = new Map<string, AccrualRow[]>();
  for (const row of ctx.lean ? [] : previous.accruals) {
    let list = prevAccruals.get(row.termId);
    if (!list) prevAccruals.set(row.termId, (list = []));
    list.push(row);
  }
  const orphans = new Set(ctx.orphanTerms);
  const termAt = (t: number): TermResult => {
    const own = part.terms.get(t);
    if (own) return own;
    if (orphans.has(t)) return orphanTermResult(ctx, t);
    const prev = prevTerms.get(model.terms[t].id);
    if (!prev) {
      fail(
        `El término ${model.terms[t].id} no está en los resultados previos; recalcule todo el modelo.`,
        `Term ${model.terms[t].id} is not in the previous results; recompute the whole model.`,
      );
    }
    return prev;
  };
  const accrualsAt = (t: number): readonly AccrualRow[] =>
    part.accruals.get(t) ?? (orphans.has(t) ? [] : (prevAccruals.get(model.terms[t].id) ?? []));
  const customers = previous.customers.slice();
  customers[c] = part.customer;
  const previousCostFindings = previous.findings.filter((f) => f.termId === undefined && f.customerId !== customerId);
  const otherPromotions = (previous.promotions ?? []).filter((r) => r.customerId !== customerId);
  return assemble(
    ctx,
    out,
    customers,
    termAt,
    accrualsAt,
    [...previousCostFindings, ...part.findings],
    ctx.eventsUnread ? (previous.promotions ?? []) : [...otherPromotions, ...part.promotions],
  );
}

/**
 * A scenario's recompute when only the customer's OFF-invoice terms (rates, tiers, basis, removals) and cost-to-serve
 * rows changed: nothing before the terms stage moves (volumes, prices, invoice sales: off-invoice money is no other
 * term's basis or measure), so the base's lines are kept, each changed term's money is taken off its lines at its old
 * value and put back at its new one, the costs are redone when they changed, and the customer's lines are closed
 * again. Every other result is the base's. Returns null when the change is of another kind (an on-invoice term, a
 * term added, an event of the customer, different lines, prices or settings): the caller then recomputes the
 * customer in full. Equal to the full recompute up to floating-point order (a property test checks it).
 *
 * Options as recomputeCustomer's (scratch, totalsOnly).
 *
 * @example
 * recomputeOffInvoiceTerms(scenarioModel, base, baseResults, 0) ?? recomputeCustomer(scenarioModel, baseResults, 0)
 */
export function recomputeOffInvoiceTerms(
  model: Model,
  base: Model,
  previous: ModelResults,
  customerIndex: number,
  options: { keepPromotions?: boolean; scratch?: boolean; totalsOnly?: boolean } = {},
): ModelResults | null {
  const c = customerIndex;
  const customer = model.customers[c];
  if (
    !customer ||
    model.lines !== base.lines ||
    model.customers !== base.customers ||
    model.products !== base.products ||
    model.periods !== base.periods ||
    model.settings !== base.settings ||
    model.priceChanges !== base.priceChanges ||
    model.elasticities !== base.elasticities ||
    model.taxRates !== base.taxRates ||
    previous.lines.volume.length !== model.lines.n ||
    previous.customers.length !== model.customers.length
  ) {
    return null;
  }
  const own = (p: { customerId: string }) => p.customerId === customer.id;
  // An event's results (its ROI counts what the terms take from its incremental volume) depend on the terms: a
  // customer with events is recomputed whole, unless the caller reads no event result (keepPromotions: the events'
  // results are the base's, everything else exact; the walk-away's searches on the P&L guardrails).
  if (model.promotions !== base.promotions) return null;
  if (!options.keepPromotions && (base.promotions ?? []).some(own)) return null;
  // Terms: other customers' and the customer's on-invoice terms the same objects; none added.
  const before = new Map(base.terms.map((t) => [t.id, t]));
  const changed = new Set<string>();
  for (const t of model.terms) {
    const b = before.get(t.id);
    if (b === t) continue;
    if (!b || t.customerId !== customer.id || b.customerId !== customer.id || t.onInvoice || b.onInvoice) return null;
    changed.add(t.id);
  }
  const kept = new Set(model.terms.map((t) => t.id));
  for (const b of base.terms) {
    if (kept.has(b.id)) continue;
    if (b.customerId !== customer.id || b.onInvoice) return null;
    changed.add(b.id);
  }
  const otherCosts = (m: Model) => m.costToServe.filter((r) => !own(r));
  const [oc, bc] = [otherCosts(model), otherCosts(base)];
  if (oc.length !== bc.length || oc.some((r, k) => r !== bc[k])) return null;
  const ownCosts = (m: Model) => m.costToServe.filter(own);
  const [mc, bcc] = [ownCosts(model), ownCosts(base)];
  const costsChanged = mc.length !== bcc.length || mc.some((r, k) => r !== bcc[k]);
  // Nothing changed: the base's results are the scenario's (exactly).
  if (changed.size === 0 && !costsChanged) return previous;

  const ctx = prepare(model, [], 0, true);
  ctx.lean = options.totalsOnly === true;
  const out = linesToRecompute(model.lines, previous, ctx.start[c], ctx.end[c], options.scratch === true);
  const s = ctx.start[c];
  const e = ctx.end[c];
  const { lines } = model;
  const book: LineBook = { lines, volume: out.volume, grossSales: out.grossSales, invoiceSales: out.invoiceSales };
  // Each changed term's money on its lines, old and new, in buffers of the model's lines (only [s, e) is used).
  const scratch = offTermScratch(lines);
  const [oldMoney, newMoney] = scratch;
  oldMoney.fill(0, s, e);
  newMoney.fill(0, s, e);
  const place = (cx: Context, t: number, into: Float64Array, accruals: AccrualRow[]): TermResult => {
    const cache = new SumsCache(book, cx.nPeriods);
    cache.invoiceFinal = true;
    const deferred = new Map<string, DeferredPlacement>();
    const r = applyTerm(cx, out, cache, c, t, accruals, deferred, undefined, into);
    for (const d of deferred.values()) placeAtRate(out, lines, d.sel, d.quantity, d.k, false, into);
    return r;
  };
  if (changed.size > 0) {
    const baseCtx = prepare(base, [], 0, true);
    baseCtx.lean = true; // the old terms' results are dropped: only their money is used
    base.terms.forEach((t, k) => {
      if (changed.has(t.id)) place(baseCtx, k, oldMoney, []);
    });
  }
  const terms = new Map<number, TermResult>();
  const accruals = new Map<number, AccrualRow[]>();
  model.terms.forEach((t, k) => {
    if (!changed.has(t.id)) return;
    const rows: AccrualRow[] = [];
    terms.set(k, place(ctx, k, newMoney, rows));
    accruals.set(k, rows);
  });
  const customers = previous.customers.slice();
  const costFindings: Finding[] = [];
  const { settings } = model;
  if (costsChanged) {
    // Costs redone from scratch and the customer's lines closed again (closing adds financing into the cost column).
    const off = out.offInvoice;
    for (let i = s; i < e; i++) off[i] += newMoney[i] - oldMoney[i];
    out.costToServe.fill(0, s, e);
    applyCustomerCosts(ctx, out, c, book, costFindings);
    customers[c] = closeCustomer(ctx, out, c, s, e, options.totalsOnly !== true);
  } else {
    // Only off-invoice money moved: net sales, gross profit and contribution move by the same amount on each line,
    // and every roll-up by its sum (invoice sales, financing, taxes and costs are unchanged).
    customers[c] = shiftOffInvoice(
      previous.customers[c],
      out,
      lines,
      s,
      e,
      newMoney,
      oldMoney,
      settings,
      options.totalsOnly !== true,
    );
    for (const f of previous.findings) if (f.termId === undefined && f.customerId === customer.id) costFindings.push(f);
  }
  const prevTerms = new Map(previous.terms.map((r) => [r.termId, r]));
  const prevAccruals = new Map<string, AccrualRow[]>();
  for (const row of ctx.lean ? [] : previous.accruals) {
    let list = prevAccruals.get(row.termId);
    if (!list) prevAccruals.set(row.termId, (list = []));
    list.push(row);
  }
  const orphans = new Set(ctx.orphanTerms);
  const termAt = (t: number): TermResult => {
    const mine = terms.get(t);
    if (mine) return mine;
    if (orphans.has(t)) return orphanTermResult(ctx, t);
    const prev = prevTerms.get(model.terms[t].id);
    if (!prev) {
      fail(
        `El término ${model.terms[t].id} no está en los resultados previos; recalcule todo el modelo.`,
        `Term ${model.terms[t].id} is not in the previous results; recompute the whole model.`,
      );
    }
    return prev;
  };
  const accrualsAt = (t: number): readonly AccrualRow[] =>
    accruals.get(t) ?? (orphans.has(t) ? [] : (prevAccruals.get(model.terms[t].id) ?? []));
  const previousCostFindings = previous.findings.filter((f) => f.termId === undefined && f.customerId !== customer.id);
  return assemble(
    ctx,
    out,
    customers,
    termAt,
    accrualsAt,
    [...previousCostFindings, ...costFindings],
    previous.promotions ?? [],
  );
}

/** Two per-line buffers of a model's lines for the old and new money of changed terms (kept per Lines object). */
const offTermBuffers = new WeakMap<Model['lines'], [Float64Array, Float64Array]>();
function offTermScratch(lines: Model['lines']): [Float64Array, Float64Array] {
  let b = offTermBuffers.get(lines);
  if (!b) offTermBuffers.set(lines, (b = [new Float64Array(lines.n), new Float64Array(lines.n)]));
  return b;
}

/**
 * The customer's results with Δ = new − old off-invoice money on each line of [s, e): off-invoice up by Δ, net sales,
 * gross profit and contribution down by Δ, on the lines (written into `out`) and in every roll-up.
 */
function shiftOffInvoice(
  prev: CustomerResult,
  out: LineResults,
  lines: Model['lines'],
  s: number,
  e: number,
  newMoney: Float64Array,
  oldMoney: Float64Array,
  settings: Model['settings'],
  /** false: the per-product roll-up is left empty (a search that reads the totals only). */
  perProduct = true,
): CustomerResult {
  const { offInvoice, netSales, grossProfit, contribution } = out;
  const { product, period } = lines;
  const byPeriod = new Float64Array(prev.byPeriod.length);
  const byProduct = new Map<number, number>();
  let total = 0;
  let i = s;
  while (i < e) {
    const j = product[i];
    let sum = 0;
    for (; i < e && product[i] === j; i++) {
      const d = newMoney[i] - oldMoney[i];
      if (d === 0) continue;
      offInvoice[i] += d;
      netSales[i] -= d;
      grossProfit[i] -= d;
      contribution[i] -= d;
      byPeriod[period[i]] += d;
      sum += d;
    }
    if (sum !== 0 && perProduct) byProduct.set(j, (byProduct.get(j) ?? 0) + sum);
    total += sum;
  }
  const shifted = (t: PnlTotals, d: number): PnlTotals =>
    d === 0
      ? t
      : {
          ...t,
          offInvoice: t.offInvoice + d,
          netSales: t.netSales - d,
          grossProfit: t.grossProfit - d,
          contribution: t.contribution - d,
        };
  const totals = shifted(prev.totals, total);
  const products = perProduct ? new Map(prev.byProduct) : new Map<number, PnlTotals>();
  for (const [j, d] of byProduct) products.set(j, shifted(products.get(j)!, d));
  return {
    customerId: prev.customerId,
    totals,
    waterfall: waterfallOf(totals, settings.costToServePlacement),
    byProduct: products,
    byPeriod: prev.byPeriod.map((t, p) => shifted(t, byPeriod[p])),
  };
}
