/**
 * Promotional events, sell-out to sell-in, in the engine's volumes stage (after prices, before terms): each event
 * changes its customer's line volumes and places its funding on the lines, so tiers, growth, accruals and the P&L
 * see it; then each event is measured (lift, spend by funding type, incremental profit, ROI in both variants,
 * break-even uplift).
 *
 * Per line i of the event's customer × scope (v = volume before promotions, s = in-store share of the period's
 * days, b = buy-window share, U = uplift):
 *   lift         = U × v × s                               shoppers' extra purchases, sold in to the maker in the same periods
 *   forward buy  = fb × v × b                              extra sell-in in the buy window …
 *   fb payback   = −Σ forward buy, spread over the window of the same length after the buy window (by v)   … a timing shift
 *   dip          = −dip × Σ lift, spread over the window of the same length after the in-store window (by v)
 *   cannibalised = −c × lift of the period, taken from the customer's other SKUs of the same categories (by v × s)
 *   incremental units = lift − cannibalised − dip
 * Uplift U is given, or from the promotional elasticity ε: U = (1 − d)^ε − 1, with d the shelf depth =
 * pass-through × depth (price % off; money off ÷ the shopper's price; multibuy N×M: 1 − M ÷ N).
 *
 * A closed period (a line with an actual volume) already holds the event's effects: its volume stands, and its lift
 * is measured as (actual − baseline) × s (post-event evaluation); forward buy, dip and cannibalisation are not
 * moved in or out of it.
 *
 * Funding (maker's share × rate × units, MXN):
 *   off-invoice  on every unit bought in the buy window (baseline, lift and forward buy): b × (v′ − fb) + fb,
 *                taken off the invoice, so on-invoice % terms see the lower invoice price
 *   bill-back    on the same units, paid after proof of performance (off-invoice spend)
 *   scan-back    on units sold to shoppers in the in-store window: v × s + lift
 *   lump sum     the rate is the amount, spread over the in-store window by v × s
 * Fixed costs (display fee, folleto, promotoría) are the maker's, spread like a lump sum.
 *
 * Metrics (null with a reason when undefined, never NaN or Infinity):
 *   incremental profit = Σ (lift − dip) × m − Σ cannibalised × m′, with m the promoted line's unit contribution
 *                        before promotional funding (invoice price − variable off-invoice terms − COGS per unit)
 *                        and m′ that of the cannibalised SKU's line
 *   ROI (VARIANT)      gross = incremental profit ÷ spend (pays back above 1.0); net = (profit − spend) ÷ spend (above 0)
 *   cost per incremental unit = spend ÷ incremental units
 *   break-even uplift  = (a × Q + F) ÷ (m − a) ÷ Q, a = maker funding per unit, Q = baseline in the window, F = fixed
 *                        costs; a price cut funded by the maker (F = 0): D ÷ (M − D) as fractions of price;
 *                        "cannot break even" when m ≤ a
 */
import type { Model, Period, Promotion, Text } from './model';
import type { LineResults } from './results';
import { productMask } from './scope';
import { taxAt, taxTable } from './taxes';
import { elasticitiesOf, frontMarginsOf } from './pricing';
import { followingWindow, windowShares } from './windows';

/** A metric that may be undefined: the value, or null and why. */
export interface Maybe {
  value: number | null;
  reason: Text | null;
}

const defined = (value: number): Maybe =>
  Number.isFinite(value) ? { value, reason: null } : { value: null, reason: REASONS.notFinite };

const REASONS = {
  noSpend: { es: 'sin inversión del fabricante', en: 'no maker spend' },
  noIncremental: {
    es: 'sin unidades incrementales',
    en: 'no incremental units',
  },
  noBaseline: {
    es: 'sin volumen base en la ventana',
    en: 'no baseline volume in the window',
  },
  cannotBreakEven: {
    es: 'no puede recuperarse: el apoyo por unidad iguala o supera la contribución por unidad',
    en: 'cannot break even: the funding per unit is at or above the contribution per unit',
  },
  notFinite: { es: 'no está definido', en: 'undefined' },
} satisfies Record<string, Text>;

export interface PromotionSpend {
  off_invoice: number;
  bill_back: number;
  scan_back: number;
  lump_sum: number;
  fixed_costs: number;
}

export interface PromotionResult {
  promotionId: string;
  customerId: string;
  /** Shoppers' baseline units in the in-store window. */
  baseline: number;
  /** Lift ÷ baseline; 0 without a baseline to divide by (none in the window, or too small for a finite ratio). */
  upliftPct: number;
  /**
   * Where the uplift came from: given in the table, the promotional elasticity, or the actual volume of closed
   * periods (every in-store day is in a closed period: post-event evaluation).
   */
  upliftFrom: 'given' | 'elasticity' | 'none' | 'actuals';
  shelfDepth: number;
  lift: number;
  forwardBuy: number;
  /** Forward buy not paid back within the model's periods (the year ends first). */
  forwardBuyBeyondPeriods: number;
  dip: number;
  cannibalised: number;
  incrementalUnits: number;
  /** Maker's spend by funding type (maker's share), MXN; `total` includes fixed costs. */
  spend: PromotionSpend & { total: number };
  /** Funding paid by the retailer (the rest of the funding), MXN. */
  retailerFunding: number;
  incrementalProfit: number;
  roiGross: Maybe;
  roiNet: Maybe;
  costPerIncrementalUnit: Maybe;
  breakEvenUplift: Maybe;
  /** Price-cut form D ÷ (M − D) (no fixed costs); null with the reason when it cannot break even. */
  breakEvenPriceCut: Maybe;
  /** Change in every other term's money the event triggers (with − without), MXN: set by the engine. */
  termsEffect: number;
  fullCost: number;
  roiFullCostGross: Maybe;
  roiFullCostNet: Maybe;
  /** Retailer's front margin on promotion (shelf at the deal ex-IVA − cost net of funding) ÷ shelf; volume-weighted. */
  retailerMarginOnPromotion: Maybe;
  /** What the retailer's shelf sales give up at the deal: shelf depth × shelf price before IVA × units sold in store. */
  shelfDiscount: number;
  /**
   * The maker's off-invoice money of the event per period (bill-back, scan-back, lump sum, fixed costs; index =
   * period index): what finance provisions, period by period. The off-invoice allowance is off the invoice itself.
   */
  offInvoiceByPeriod: Float64Array;
}

/** What the engine places before terms: money per line, and what the metrics need later. */
export interface PromotionPlacement {
  results: PromotionResult[];
  /** Maker's off-invoice allowance per line of the customer (index i − start), to value contributions before funding. */
  onInvoice: Float64Array;
  /** First line of the customer: the arrays above are indexed from it. */
  start: number;
  /** Per event, its lines and per-line quantities for the metrics (indexes into the model's lines). */
  detail: {
    lines: Int32Array;
    liftNet: Float64Array;
    /** The cannibalised lines (global indexes) and the units each lost, in line order. */
    cannibalised: { lines: Int32Array; units: Float64Array };
    /** Lines the event touched (its own and the cannibalised ones), global indexes. */
    changed: Int32Array;
    /** Per changed line (same order): volume the event added or took (with − without). */
    volumeDelta: Float64Array;
    /** Per changed line (same order): the event's maker off-invoice allowance (taken off the invoice). */
    allowance: Float64Array;
    makerPerUnit: number;
    baselineValue: number;
  }[];
}

/** The fields of an event the plan reads, in one fixed shape. */
interface EventParams {
  id: string;
  scope: Promotion['scope'];
  buyWindow: Promotion['buyWindow'];
  inStoreWindow: Promotion['inStoreWindow'];
  mechanics: Promotion['mechanics'];
  depth: number;
  multibuy: Promotion['multibuy'];
  funding: Promotion['funding'];
  fundingRate: number;
  makerShare: number;
  passThrough: number;
  uplift: number | null;
  cannibalisation: number;
  cannibalisedScope: Promotion['cannibalisedScope'];
  forwardBuy: number;
  dip: number;
  fixedCosts: number;
}

function eventParams(p: Promotion): EventParams {
  return {
    id: p.id,
    scope: p.scope,
    buyWindow: p.buyWindow,
    inStoreWindow: p.inStoreWindow,
    mechanics: p.mechanics,
    depth: p.depth,
    multibuy: p.multibuy,
    funding: p.funding,
    fundingRate: p.fundingRate,
    makerShare: p.makerShare,
    passThrough: p.passThrough,
    uplift: p.uplift,
    cannibalisation: p.cannibalisation,
    cannibalisedScope: p.cannibalisedScope,
    forwardBuy: p.forwardBuy,
    dip: p.dip,
    fixedCosts: p.fixedCosts,
  };
}

function shelfDepth(p: EventParams, shopperPrice: number): number {
  const pt = Math.min(1, Math.max(0, p.passThrough));
  if (p.mechanics.includes('price_off_pct')) return pt * p.depth;
  if (p.mechanics.includes('price_off_amount')) return shopperPrice > 0 ? pt * (p.depth / shopperPrice) : 0;
  if (p.mechanics.includes('multibuy') && p.multibuy && p.multibuy.buy > 0) {
    return pt * (1 - p.multibuy.pay / p.multibuy.buy);
  }
  return 0;
}

/** Where each run of one product starts in lines [start, end), then `end`: runs[r] … runs[r + 1]. */
function productRuns(product: Int32Array, start: number, end: number): Int32Array {
  let n = 0;
  for (let i = start; i < end; i++) if (i === start || product[i] !== product[i - 1]) n++;
  const runs = new Int32Array(n + 1);
  let r = 0;
  for (let i = start; i < end; i++) if (i === start || product[i] !== product[i - 1]) runs[r++] = i;
  runs[n] = end;
  return runs;
}

interface EventScratch {
  x0: Int32Array;
  xProduct: Int32Array;
  xPeriod: Int32Array;
  xClosed: Uint8Array;
  xV0: Float64Array;
  xBaseline: Float64Array;
  lift: Float64Array;
  fbIn: Float64Array;
  payback: Float64Array;
  dipOut: Float64Array;
  allowance: Float64Array;
  grouped: Int32Array;
  groupStart: Int32Array;
  groupFill: Int32Array;
  groupProduct: Int32Array;
  /** Per product: its SKU group in the current event, −1 outside (reset after each event). */
  slotOf: Int32Array;
  victims: Int32Array;
  vPeriod: Int32Array;
  vClosed: Uint8Array;
  vV0: Float64Array;
  vByPeriod: Int32Array;
  cannOut: Float64Array;
}
const eventScratchByLines = new WeakMap<Model['lines'], EventScratch>();

/** The per-event buffers of a plan, for up to m lines and np products: kept per model lines, grown when needed. */
function eventScratch(lines: Model['lines'], m: number, np: number): EventScratch {
  let s = eventScratchByLines.get(lines);
  if (!s || s.lift.length < m || s.slotOf.length < np) {
    const f = () => new Float64Array(m);
    const k = () => new Int32Array(m);
    s = {
      x0: k(),
      xProduct: k(),
      xPeriod: k(),
      xClosed: new Uint8Array(m),
      xV0: f(),
      xBaseline: f(),
      lift: f(),
      fbIn: f(),
      payback: f(),
      dipOut: f(),
      allowance: f(),
      grouped: k(),
      groupStart: new Int32Array(m + 1),
      groupFill: k(),
      groupProduct: k(),
      slotOf: new Int32Array(np).fill(-1),
      victims: k(),
      vPeriod: k(),
      vClosed: new Uint8Array(m),
      vV0: f(),
      vByPeriod: k(),
      cannOut: f(),
    };
    eventScratchByLines.set(lines, s);
  }
  return s;
}

/**
 * Spreads `amount` over the lines idx[a … b) (positions into the dense buffers) by weight v0 × share of the line's
 * period (0 for a closed line) into `into`; returns what could not be placed (no weight), as spread() did.
 */
function spreadDense(
  amount: number,
  idx: Int32Array,
  a: number,
  b: number,
  closed: Uint8Array,
  v0: Float64Array,
  period: Int32Array,
  shares: Float64Array,
  into: Float64Array,
): number {
  let total = 0;
  for (let y = a; y < b; y++) {
    const x = idx[y];
    total += closed[x] === 1 ? 0 : v0[x] * shares[period[x]];
  }
  if (!(total > 0)) return amount;
  for (let y = a; y < b; y++) {
    const x = idx[y];
    into[x] += (amount * (closed[x] === 1 ? 0 : v0[x] * shares[period[x]])) / total;
  }
  return 0;
}

/**
 * Applies one customer's promotions to its lines [start, end) in `out` (volume, gross and invoice sales, COGS, and
 * the funding on onInvoice / offInvoice), before any term. Returns the events' placement for the metrics, which
 * finishPromotions completes once terms are evaluated.
 */
interface PromotionPlan {
  placement: PromotionPlacement;
  delta: Float64Array;
  onInv: Float64Array;
  offInv: Float64Array;
  price: Float64Array;
}

/**
 * A customer's plan depends only on the model's lines, products, periods, customers, promotions, price levers and
 * two settings: a live edit of a term keeps them all, so the last plan is reused (models are never mutated in
 * place; every edit makes new objects, which is what is compared).
 */
const planCache = new WeakMap<
  Model['lines'],
  Map<number, { inputs: readonly unknown[]; plan: PromotionPlan | null }>
>();

function planInputs(model: Model): readonly unknown[] {
  return [
    model.products,
    model.periods,
    model.customers,
    model.promotions,
    model.priceChanges,
    model.retailerMargins,
    model.elasticities,
    model.taxRates,
    model.settings.passThrough,
    model.settings.elasticityForm,
  ];
}

/**
 * Line buffers (one customer long) of plans used no more, per model lines: a walk-away plans a large customer dozens
 * of times, and allocating five fresh buffers each time (7 MB on a customer of 180k lines) kept the collector busy.
 */
const freeBuffers = new WeakMap<Model['lines'], Float64Array[]>();
const lastUncached = new WeakMap<Model['lines'], PromotionPlan>();
const MAX_FREE_BUFFERS = 16;

function releasePlan(lines: Model['lines'], plan: PromotionPlan | null): void {
  if (plan) for (const b of [plan.delta, plan.onInv, plan.offInv, plan.price]) releaseBuffer(lines, b);
}
function releaseBuffer(lines: Model['lines'], b: Float64Array): void {
  let free = freeBuffers.get(lines);
  if (!free) freeBuffers.set(lines, (free = []));
  if (free.length < MAX_FREE_BUFFERS) free.push(b);
}
/** A buffer of m doubles, recycled when one is free (zeroed when asked: others are overwritten in full). */
function lineBuffer(lines: Model['lines'], m: number, zero: boolean): Float64Array {
  const free = freeBuffers.get(lines);
  const k = free ? free.findIndex((b) => b.length === m) : -1;
  if (k < 0) return new Float64Array(m);
  const b = free!.splice(k, 1)[0];
  if (zero) b.fill(0);
  return b;
}

/** Fresh result objects for a run (the metrics are completed per run; the plan's own stay untouched). */
function freshPlacement(p: PromotionPlacement): PromotionPlacement {
  return {
    ...p,
    results: p.results.map((r) => ({ ...r, spend: { ...r.spend } })),
  };
}

export function applyPromotions(
  model: Model,
  out: LineResults,
  customerIndex: number,
  start: number,
  end: number,
  cogsPerUnit: Float64Array,
  cacheable = false,
): PromotionPlacement | null {
  let plan: PromotionPlan | null;
  if (cacheable) {
    const inputs = planInputs(model);
    let byCustomer = planCache.get(model.lines);
    if (!byCustomer) {
      byCustomer = new Map<number, { inputs: readonly unknown[]; plan: PromotionPlan | null }>();
      planCache.set(model.lines, byCustomer);
    }
    const hit = byCustomer.get(customerIndex);
    if (hit && hit.inputs.every((x, k) => x === inputs[k])) plan = hit.plan;
    else {
      // The plan it replaces is used no more (its placement lived only while its customer was computed).
      if (hit) releasePlan(model.lines, hit.plan);
      plan = planPromotions(model, out, customerIndex, start, end);
      byCustomer.set(customerIndex, { inputs, plan });
    }
  } else {
    // The last uncached plan's placement is used no more either: the computation that read it is over.
    releasePlan(model.lines, lastUncached.get(model.lines) ?? null);
    plan = planPromotions(model, out, customerIndex, start, end);
    if (plan) lastUncached.set(model.lines, plan);
    else lastUncached.delete(model.lines);
  }
  if (plan === null) return null;
  writePlan(plan, model, out, start, end, cogsPerUnit);
  return freshPlacement(plan.placement);
}

/** Writes a plan's volumes and money on the customer's lines; prices per unit stay as the prices stage left them. */
function writePlan(
  plan: PromotionPlan,
  model: Model,
  out: LineResults,
  start: number,
  end: number,
  cogs: Float64Array,
): void {
  const { delta, onInv, offInv, price } = plan;
  const product = model.lines.product;
  for (let i = start; i < end; i++) {
    const k = i - start;
    const d = delta[k];
    if (d !== 0) {
      const v = Math.max(0, out.volume[i] + d);
      out.promoVolume[i] += v - out.volume[i];
      const g = v * price[k];
      out.volume[i] = v;
      out.grossSales[i] = g;
      out.invoiceSales[i] = g;
      out.cogs[i] = v * cogs[product[i]];
    }
    if (onInv[k] !== 0) {
      out.onInvoice[i] += onInv[k];
      out.invoiceSales[i] -= onInv[k];
    }
    if (offInv[k] !== 0) out.offInvoice[i] += offInv[k];
    out.promoSpend[i] += onInv[k] + offInv[k];
    out.promoOnInvoice[i] += onInv[k];
  }
}

/** The shares of each period an event's windows cover (read only: shared by every plan of the same windows). */
interface EventShares {
  sIn: Float64Array;
  sBuy: Float64Array;
  sAfterBuy: Float64Array;
  sAfterStore: Float64Array;
}
const eventSharesByPeriods = new WeakMap<readonly Period[], Map<string, EventShares>>();

/**
 * An event's window shares, worked out once per period list and windows: a walk-away plans a customer's events dozens
 * of times, and parsing four windows' dates each time cost more than planning a small customer's events.
 */
function eventShares(periods: readonly Period[], p: EventParams): EventShares {
  let byKey = eventSharesByPeriods.get(periods);
  if (!byKey) eventSharesByPeriods.set(periods, (byKey = new Map<string, EventShares>()));
  const key = `${p.inStoreWindow.from}|${p.inStoreWindow.to}|${p.buyWindow.from}|${p.buyWindow.to}`;
  let shares = byKey.get(key);
  if (!shares) {
    shares = {
      sIn: windowShares(periods, p.inStoreWindow),
      sBuy: windowShares(periods, p.buyWindow),
      sAfterBuy: windowShares(periods, followingWindow(p.buyWindow)),
      sAfterStore: windowShares(periods, followingWindow(p.inStoreWindow)),
    };
    byKey.set(key, shares);
  }
  return shares;
}

/** The customer's events measured on its lines as they stand after the prices and volumes levers. */
function planPromotions(
  model: Model,
  out: LineResults,
  customerIndex: number,
  start: number,
  end: number,
): PromotionPlan | null {
  const customer = model.customers[customerIndex];
  const events = (model.promotions ?? []).filter((p) => p.customerId === customer.id);
  if (events.length === 0) return null;
  const { lines, products, periods } = model;
  const m = end - start; // the customer's lines: every buffer below is indexed i − start
  const volume0 = lineBuffer(lines, m, false); // before promotions, index i − start
  volume0.set(out.volume.subarray(start, end));
  const price = lineBuffer(lines, m, false);
  for (let i = start; i < end; i++) {
    const v = out.volume[i];
    price[i - start] = v !== 0 ? out.grossSales[i] / v : lines.listPrice[i];
  }
  const delta = lineBuffer(lines, m, true); // volume change per line
  const onInv = lineBuffer(lines, m, true);
  const placement: PromotionPlacement = {
    results: [],
    detail: [],
    onInvoice: onInv,
    start,
  };
  const offInv = lineBuffer(lines, m, true);
  const taxes = taxTable(model);
  // Per product, looked up once for all the events' lines.
  const margins = frontMarginsOf(model, customer.id, products.length);
  const elasticities = elasticitiesOf(model);
  // Per-event buffers, dense (indexed by the event's line x, or victim y), shared by the plans of a model's lines (a
  // walk-away plans a large customer dozens of times); accumulators are zeroed per event.
  const sc = eventScratch(lines, m, products.length);
  const { x0, xProduct, xPeriod, xClosed, xV0, xBaseline, lift, fbIn, payback, dipOut, allowance } = sc;
  const { grouped, groupStart, groupFill, groupProduct, slotOf } = sc;
  const { victims, vPeriod, vClosed, vV0, vByPeriod, cannOut } = sc;
  const periodStart = new Int32Array(periods.length + 1);
  const periodFill = new Int32Array(periods.length);
  // The customer's product runs (lines come sorted by product, then period): an event visits only its products' runs.
  const runs = productRuns(lines.product, start, end);
  const { product: lineProduct, period: linePeriod, actualVolume, baselineVolume } = lines;

  for (const event of events) {
    // One shape for every event (events of scenarios are copies with other property orders): the loops below read
    // no object whose shape varies, so the compiled code is not thrown away from one event or plan to the next.
    const p = eventParams(event);
    const mask = productMask(products, p.scope);
    const { sIn, sBuy, sAfterBuy, sAfterStore } = eventShares(periods, p);
    // Only the periods a window touches can change: an event of three weeks reads its SKUs' lines of those weeks
    // (and the weeks after, for paybacks and the dip), not the whole year.
    const touched = new Uint8Array(periods.length);
    for (let k = 0; k < periods.length; k++) touched[k] = sIn[k] + sBuy[k] + sAfterBuy[k] + sAfterStore[k] > 0 ? 1 : 0;
    // The event's lines, and per line x (their position, in line order) what the loops below read, gathered once:
    // every loop then runs over dense buffers instead of scattered lines of a large customer.
    let n = 0;
    for (let r = 0; r + 1 < runs.length; r++) {
      const a = runs[r];
      if (mask !== null && mask[lineProduct[a]] !== 1) continue;
      const b = runs[r + 1];
      for (let i = a; i < b; i++) if (touched[linePeriod[i]] === 1) x0[n++] = i;
    }
    const evLines = x0.slice(0, n);
    for (let x = 0; x < n; x++) {
      const i = evLines[x];
      xProduct[x] = lineProduct[i];
      xPeriod[x] = linePeriod[i];
      xClosed[x] = actualVolume[i] === actualVolume[i] ? 1 : 0;
      xV0[x] = volume0[i - start];
      xBaseline[x] = baselineVolume[i];
    }
    payback.fill(0, 0, n);
    dipOut.fill(0, 0, n);
    allowance.fill(0, 0, n);

    // Uplift, per line (the shelf depth depends on the shopper's price for money-off deals).
    let upliftFrom: PromotionResult['upliftFrom'] = p.uplift !== null ? 'given' : 'none';
    let depthSum = 0;
    let depthWeight = 0;
    let retailerMarginSum = 0;
    let shelfDiscount = 0;
    let retailerMarginWeight = 0;
    const perUnitFunding = p.funding === 'lump_sum' ? 0 : p.fundingRate;
    for (let x = 0; x < n; x++) {
      const j = xProduct[x];
      const per = xPeriod[x];
      const closed = xClosed[x] === 1;
      // The build-up of price-buildup.ts, inline (no object per line): retailer cost, shelf before IVA, shopper.
      const tx = taxAt(taxes, j, per);
      const retailerCost = price[evLines[x] - start] * (1 + taxes.iepsAdValorem[tx]) + taxes.iepsPerUnit[tx];
      const shelf = retailerCost / (1 - margins[j]);
      const shopper = shelf * (1 + taxes.ivaRate[tx]);
      const d = shelfDepth(p, shopper);
      let u = p.uplift ?? 0;
      if (p.uplift === null) {
        const e = elasticities[j]?.promotional;
        if (e !== undefined && e !== 0 && d > 0 && d < 1) {
          u = Math.pow(1 - d, e) - 1;
          upliftFrom = 'elasticity';
        }
      }
      // Closed: the baseline is the plan's, and the lift what actually happened over it.
      const w = (closed ? xBaseline[x] : xV0[x]) * sIn[per];
      depthSum += d * w;
      depthWeight += w;
      const l = closed ? (xV0[x] - xBaseline[x]) * sIn[per] : u * w;
      lift[x] = l;
      // The retailer's margin while the deal runs: shelf at the deal ÷ its cost net of the whole per-unit funding.
      const dealShelf = shelf * (1 - d);
      shelfDiscount += d * shelf * (w + l); // units sold in store: baseline + lift (or the actual)
      if (dealShelf > 0) {
        const weight = w * (1 + u);
        retailerMarginSum += ((dealShelf - (retailerCost - perUnitFunding)) / dealShelf) * weight;
        retailerMarginWeight += weight;
      }
    }
    let liftTotal = 0;
    let inStoreOpen = 0;
    let inStoreClosed = 0;
    for (let x = 0; x < n; x++) {
      liftTotal += lift[x];
      if (sIn[xPeriod[x]] > 0) {
        if (xClosed[x] === 1) inStoreClosed++;
        else inStoreOpen++;
      }
    }
    if (inStoreClosed > 0 && inStoreOpen === 0) upliftFrom = 'actuals';

    // Forward buy in the buy window, paid back in the window after it, per SKU (SKUs in order of first appearance,
    // each SKU's lines in line order: `grouped`, SKU g's lines at groupStart[g] … groupStart[g + 1]).
    let fbTotal = 0;
    let fbLost = 0;
    let groups = 0;
    groupStart[0] = 0;
    for (let x = 0; x < n; x++) {
      const fb = xClosed[x] === 1 ? 0 : p.forwardBuy * xV0[x] * sBuy[xPeriod[x]];
      fbIn[x] = fb;
      fbTotal += fb;
      const j = xProduct[x];
      let g = slotOf[j];
      if (g < 0) {
        slotOf[j] = g = groups;
        groupProduct[groups] = j;
        groupStart[++groups] = 0;
      }
      groupStart[g + 1]++;
    }
    for (let g = 0; g < groups; g++) groupStart[g + 1] += groupStart[g];
    for (let g = 0; g < groups; g++) groupFill[g] = groupStart[g];
    for (let x = 0; x < n; x++) grouped[groupFill[slotOf[xProduct[x]]]++] = x;
    let dipTotal = 0;
    for (let g = 0; g < groups; g++) {
      const a = groupStart[g];
      const b = groupStart[g + 1];
      let fbSku = 0;
      let liftSku = 0;
      for (let y = a; y < b; y++) {
        fbSku += fbIn[grouped[y]];
        liftSku += lift[grouped[y]];
      }
      fbLost += spreadDense(fbSku, grouped, a, b, xClosed, xV0, xPeriod, sAfterBuy, payback);
      const dipSku = p.dip * liftSku;
      dipTotal += dipSku - spreadDense(dipSku, grouped, a, b, xClosed, xV0, xPeriod, sAfterStore, dipOut);
    }

    // Cannibalisation: per period, from the customer's other SKUs of the promoted categories (or the given scope).
    let nv = 0;
    let cannTotal = 0;
    if (p.cannibalisation > 0) {
      const categories = new Set<string>();
      for (let g = 0; g < groups; g++) categories.add(products[groupProduct[g]].category);
      const cannMask =
        p.cannibalisedScope !== undefined
          ? productMask(products, p.cannibalisedScope)
          : productMask(products, {
              kind: 'category',
              values: [...categories],
            });
      // The victims: the scope's lines in the in-store window, of SKUs not promoted, in line order.
      for (let r = 0; r + 1 < runs.length; r++) {
        const a = runs[r];
        const j = lineProduct[a];
        if ((cannMask !== null && cannMask[j] !== 1) || slotOf[j] >= 0) continue;
        for (let i = a; i < runs[r + 1]; i++) if (sIn[linePeriod[i]] > 0) victims[nv++] = i;
      }
    }
    if (nv > 0) {
      // Victims by period (line order within each), as `grouped` is by SKU.
      const P = periods.length;
      periodStart.fill(0, 0, P + 1);
      for (let y = 0; y < nv; y++) {
        const i = victims[y];
        vPeriod[y] = linePeriod[i];
        vClosed[y] = actualVolume[i] === actualVolume[i] ? 1 : 0;
        vV0[y] = volume0[i - start];
        periodStart[vPeriod[y] + 1]++;
      }
      for (let k = 0; k < P; k++) periodStart[k + 1] += periodStart[k];
      for (let k = 0; k < P; k++) periodFill[k] = periodStart[k];
      for (let y = 0; y < nv; y++) vByPeriod[periodFill[vPeriod[y]]++] = y;
      cannOut.fill(0, 0, nv);
      const liftByPeriod = new Float64Array(P);
      for (let x = 0; x < n; x++) liftByPeriod[xPeriod[x]] += lift[x];
      for (let k = 0; k < P; k++) {
        if (liftByPeriod[k] === 0) continue;
        const amount = p.cannibalisation * liftByPeriod[k];
        cannTotal +=
          amount -
          spreadDense(amount, vByPeriod, periodStart[k], periodStart[k + 1], vClosed, vV0, vPeriod, sIn, cannOut);
      }
    }

    // Volume changes: the event's own lines, then the cannibalised ones (other SKUs, so never the same line).
    let cut = 0;
    for (let y = 0; y < nv; y++) if (cannOut[y] !== 0) cut++;
    const changed = new Int32Array(n + cut);
    const volumeDelta = new Float64Array(n + cut);
    const allowanceOf = new Float64Array(n + cut);
    const cannLines = new Int32Array(cut);
    const cannUnits = new Float64Array(cut);
    changed.set(evLines);
    for (let x = 0; x < n; x++) volumeDelta[x] = (xClosed[x] === 1 ? 0 : lift[x]) + fbIn[x] - payback[x] - dipOut[x];
    for (let y = 0, z = 0; y < nv; y++) {
      if (cannOut[y] === 0) continue;
      changed[n + z] = victims[y];
      volumeDelta[n + z] = 0 - cannOut[y];
      cannLines[z] = victims[y];
      cannUnits[z] = cannOut[y];
      z++;
    }
    for (let x = 0; x < changed.length; x++) delta[changed[x] - start] += volumeDelta[x];

    // Funding units and money (maker's share), placed per line.
    const share = Math.min(1, Math.max(0, p.makerShare));
    const spend: PromotionSpend = {
      off_invoice: 0,
      bill_back: 0,
      scan_back: 0,
      lump_sum: 0,
      fixed_costs: 0,
    };
    /** The maker's off-invoice money of the event per period (what finance provisions): not the off-invoice allowance. */
    const offByPeriod = new Float64Array(periods.length);
    let fundingTotal = 0;
    if (p.funding !== 'lump_sum') {
      // The spend of the event's funding type, summed in line order as before (a local: no keyed store per line).
      let spent = 0;
      for (let x = 0; x < n; x++) {
        const k = xPeriod[x];
        // Sell-in of the period with the lift (before timing shifts); a closed period's actual already holds it.
        const liftIn = xClosed[x] === 1 ? 0 : lift[x];
        const vAfter = xV0[x] + liftIn;
        const u = p.funding === 'scan_back' ? xV0[x] * sIn[k] + liftIn : sBuy[k] * vAfter + fbIn[x];
        const money = p.fundingRate * u;
        fundingTotal += money;
        const maker = share * money;
        if (p.funding === 'off_invoice') {
          onInv[evLines[x] - start] += maker;
          allowance[x] += maker;
        } else {
          offInv[evLines[x] - start] += maker;
          offByPeriod[k] += maker;
        }
        spent += maker;
      }
      spend[p.funding] += spent;
    }
    allowanceOf.set(allowance.subarray(0, n));
    // Lump sums and fixed costs: spread over the in-store window (else the buy window) by volume; the same weights
    // give their periods, for the accrual schedule.
    const lumpWeight = (x: number) => xV0[x] * sIn[xPeriod[x]] || xV0[x] * sBuy[xPeriod[x]];
    const lump = (amount: number): boolean => {
      let w = 0;
      for (let x = 0; x < n; x++) w += lumpWeight(x);
      if (!(w > 0)) return false;
      for (let x = 0; x < n; x++) offInv[evLines[x] - start] += (amount * lumpWeight(x)) / w;
      for (let x = 0; x < n; x++) offByPeriod[xPeriod[x]] += (amount * lumpWeight(x)) / w;
      return true;
    };
    if (p.funding === 'lump_sum') {
      fundingTotal = p.fundingRate;
      const maker = share * p.fundingRate;
      // Placed, or nothing to place (0 is its own spread): the spend is the maker's share.
      if (lump(maker) || maker === 0) spend.lump_sum = maker;
    }
    if (p.fixedCosts !== 0) {
      if (lump(p.fixedCosts) || p.fixedCosts === 0) spend.fixed_costs = p.fixedCosts;
    }
    const total = spend.off_invoice + spend.bill_back + spend.scan_back + spend.lump_sum + spend.fixed_costs;
    let baseline = 0;
    for (let x = 0; x < n; x++) baseline += (xClosed[x] === 1 ? xBaseline[x] : xV0[x]) * sIn[xPeriod[x]];

    placement.results.push({
      promotionId: p.id,
      customerId: customer.id,
      baseline,
      // A baseline so small that the ratio overflows (a volume of 1e-320 units) counts as none, as a zero one does.
      upliftPct: baseline > 0 && Number.isFinite(liftTotal / baseline) ? liftTotal / baseline : 0,
      upliftFrom,
      shelfDepth: depthWeight > 0 ? depthSum / depthWeight : 0,
      lift: liftTotal,
      forwardBuy: fbTotal,
      forwardBuyBeyondPeriods: fbLost,
      dip: dipTotal,
      cannibalised: cannTotal,
      incrementalUnits: liftTotal - cannTotal - dipTotal,
      spend: { ...spend, total },
      retailerFunding: fundingTotal - share * fundingTotal,
      shelfDiscount,
      offInvoiceByPeriod: offByPeriod,
      incrementalProfit: 0,
      roiGross: { value: null, reason: null },
      roiNet: { value: null, reason: null },
      costPerIncrementalUnit: { value: null, reason: null },
      breakEvenUplift: { value: null, reason: null },
      breakEvenPriceCut: { value: null, reason: null },
      termsEffect: 0,
      fullCost: total,
      roiFullCostGross: { value: null, reason: null },
      roiFullCostNet: { value: null, reason: null },
      retailerMarginOnPromotion:
        retailerMarginWeight > 0
          ? defined(retailerMarginSum / retailerMarginWeight)
          : { value: null, reason: REASONS.noBaseline },
    });
    const liftNet = new Float64Array(n);
    for (let x = 0; x < n; x++) liftNet[x] = lift[x] - dipOut[x];
    placement.detail.push({
      lines: evLines,
      liftNet,
      cannibalised: { lines: cannLines, units: cannUnits },
      changed,
      volumeDelta,
      allowance: allowanceOf,
      makerPerUnit: p.funding === 'lump_sum' ? 0 : share * p.fundingRate,
      baselineValue: baseline,
    });
    for (let g = 0; g < groups; g++) slotOf[groupProduct[g]] = -1;
  }

  releaseBuffer(lines, volume0);
  return { placement, delta, onInv, offInv, price };
}

/** Unit contribution before promotional funding of one line, from the line's money after terms. */
export type UnitContribution = (i: number) => number;

/**
 * Completes the events' metrics once terms are evaluated: incremental profit from unit contributions, both ROI
 * variants, cost per incremental unit, break-even uplift, and the full-cost figures from `termsEffect` (set by the
 * caller: the change in every other term's money with the event minus without it).
 */
export function finishPromotions(
  model: Model,
  placement: PromotionPlacement,
  contribution: UnitContribution,
  price: (i: number) => number,
): void {
  placement.results.forEach((r, k) => {
    const d = placement.detail[k];
    const p = model.promotions!.find((x) => x.id === r.promotionId)!;
    let profit = 0;
    d.lines.forEach((i, a) => {
      profit += d.liftNet[a] * contribution(i);
    });
    const cann = d.cannibalised;
    for (let z = 0; z < cann.lines.length; z++) profit -= cann.units[z] * contribution(cann.lines[z]);
    // Unit contribution and price of the event's lines, weighted by their baseline volume.
    let weight = 0;
    let mAvg = 0;
    let pAvg = 0;
    for (const i of d.lines) {
      const w = model.lines.baselineVolume[i];
      weight += w;
      mAvg += contribution(i) * w;
      pAvg += price(i) * w;
    }
    mAvg = weight > 0 ? mAvg / weight : 0;
    pAvg = weight > 0 ? pAvg / weight : 0;
    r.incrementalProfit = profit;
    const S = r.spend.total;
    r.roiGross = S > 0 ? defined(profit / S) : { value: null, reason: REASONS.noSpend };
    r.roiNet = S > 0 ? defined((profit - S) / S) : { value: null, reason: REASONS.noSpend };
    r.costPerIncrementalUnit =
      r.incrementalUnits > 0 ? defined(S / r.incrementalUnits) : { value: null, reason: REASONS.noIncremental };
    const a = d.makerPerUnit;
    if (!(d.baselineValue > 0)) {
      r.breakEvenUplift = { value: null, reason: REASONS.noBaseline };
    } else if (mAvg <= a) {
      r.breakEvenUplift = { value: null, reason: REASONS.cannotBreakEven };
    } else {
      const lump = p.funding === 'lump_sum' ? r.spend.lump_sum : 0;
      r.breakEvenUplift = defined((a * d.baselineValue + p.fixedCosts + lump) / (mAvg - a) / d.baselineValue);
    }
    // Price-cut form with D and M as fractions of price: D ÷ (M − D).
    if (pAvg > 0 && a > 0) {
      const D = a / pAvg;
      const M = mAvg / pAvg;
      r.breakEvenPriceCut = M > D ? defined(D / (M - D)) : { value: null, reason: REASONS.cannotBreakEven };
    } else {
      r.breakEvenPriceCut = { value: null, reason: REASONS.noSpend };
    }
    r.fullCost = S + r.termsEffect;
    r.roiFullCostGross = r.fullCost > 0 ? defined(profit / r.fullCost) : { value: null, reason: REASONS.noSpend };
    r.roiFullCostNet =
      r.fullCost > 0 ? defined((profit - r.fullCost) / r.fullCost) : { value: null, reason: REASONS.noSpend };
  });
}
