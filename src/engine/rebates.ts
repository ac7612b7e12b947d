/**
 * The money of one term on a window of its measures (the whole span for the P&L; year-to-date or forecast
 * windows for accruals). Covers every variant: flat % / MXN per unit, tiered all-units and marginal, growth on
 * the excess or on the whole base (price-neutral or nominal reference), target/conditional, fixed lump sums
 * (flat or tiered), centralización on the DC-delivered share.
 */
import type { Customer, Measure, Term, Text } from './model';
import { termKind } from './term-kinds';
import type { Agg, Quantity, ReferenceRule } from './measures';
import { reachedTier, tierLumpSum, tierRate } from './tiers';

export interface CompiledTerm {
  term: Term;
  isFixed: boolean;
  /** Quantity the rate multiplies (for fixed amounts: the allocation key's quantity). */
  basisQuantity: Quantity;
  /** Share of the basis that pays, from the kind's descriptor (centralización: the DC-delivered share); else 1. */
  basisScale: number;
  /** What that share is, for the formula text; null when the whole basis pays. */
  basisScaleText: Text | null;
  needsGrowth: boolean;
  /** Current measure of growth: volume for a volume basis, gross sales otherwise. */
  growthQuantity: Quantity;
  reference: ReferenceRule | null;
  /** Measure shown in accrual rows and used when nothing else names one. */
  primaryMeasure: Measure;
  /** Every quantity the term needs summed. */
  quantities: Set<Quantity>;
}

export function measureQuantity(m: Measure): Quantity | null {
  return m === 'volume' || m === 'gross_sales' || m === 'invoice_sales' ? m : null;
}

export function compileTerm(term: Term, customer: Pick<Customer, 'dcShare'>): CompiledTerm {
  const isFixed = term.basis === 'fixed_amount';
  const basisQuantity: Quantity = isFixed
    ? term.allocation === 'volume'
      ? 'volume'
      : term.allocation === 'gross_sales'
        ? 'gross_sales'
        : 'lines'
    : term.basis === 'volume'
      ? 'volume'
      : term.basis === 'gross_sales'
        ? 'gross_sales'
        : 'invoice_sales';
  const hasTiers = term.tiers.length > 0;
  const share = termKind(term.kind).basisShare;
  const needsGrowth =
    term.growth !== undefined || (hasTiers && term.tierMeasure === 'growth') || term.condition?.measure === 'growth';
  const growthQuantity: Quantity = term.basis === 'volume' ? 'volume' : 'gross_sales';
  const primaryMeasure: Measure = hasTiers
    ? term.tierMeasure
    : term.condition
      ? term.condition.measure
      : term.growth
        ? 'growth'
        : basisQuantity === 'gross_sales' || basisQuantity === 'invoice_sales'
          ? basisQuantity
          : 'volume';
  const quantities = new Set<Quantity>([basisQuantity]);
  const add = (m: Measure) => {
    const q = measureQuantity(m);
    if (q) quantities.add(q);
  };
  if (hasTiers) add(term.tierMeasure);
  if (term.condition) add(term.condition.measure);
  add(primaryMeasure);
  if (needsGrowth) {
    quantities.add(growthQuantity);
    quantities.add('reference');
  }
  return {
    term,
    isFixed,
    basisQuantity,
    basisScale: share && !isFixed ? share.of(customer) : 1,
    basisScaleText: share && !isFixed ? share.text : null,
    needsGrowth,
    growthQuantity,
    reference: needsGrowth
      ? { volume: growthQuantity === 'volume', priceNeutral: term.growth ? term.growth.priceNeutral : true }
      : null,
    primaryMeasure,
    quantities,
  };
}

export interface TermEvaluation {
  /** MXN, positive = cost to the maker. */
  money: number;
  /** Basis summed over the window (× the kind's basis share); allocation weights for fixed amounts. */
  basis: number;
  /** The same sum before the basis share (what the formula text shows as the basis). */
  basisUnscaled: number;
  /** What the rate multiplied: basis, or the excess over the reference for growth paid on the excess. */
  payBasis: number;
  /** Rate per unit of payBasis before the condition: flat rate, tier rate, marginal money ÷ payBasis; lump for fixed. */
  rate: number;
  /** Tier reached (−1 none or no tiers). */
  tierIndex: number;
  tierMeasure: number;
  conditionMet: boolean;
  conditionValue: number;
  growth: number;
  growthCurrent: number;
  growthReference: number;
  growthUndefined: boolean;
  /** Fixed amounts: lump sum due before the condition (centavos), else NaN. */
  lumpSum: number;
}

function round2(x: number): number {
  return noNegativeZero(Math.round(x * 100) / 100);
}

/** A rate of 0 on a negative basis gives −0; money cells never show "-0.00". */
export function noNegativeZero(x: number): number {
  return x === 0 ? 0 : x;
}

export function measureValue(ct: CompiledTerm, agg: Agg, m: Measure, growth: number): number {
  switch (m) {
    case 'volume':
    case 'gross_sales':
    case 'invoice_sales':
      return agg[m];
    case 'growth':
      return growth;
    case 'manual': {
      const a = ct.term.condition?.actual;
      return a === undefined ? NaN : a;
    }
  }
}

export function evaluateTerm(ct: CompiledTerm, agg: Agg): TermEvaluation {
  const { term } = ct;
  const hasTiers = term.tiers.length > 0;
  let growth = NaN;
  let growthCurrent = NaN;
  let growthReference = NaN;
  let growthUndefined = false;
  if (ct.needsGrowth) {
    growthCurrent = agg[ct.growthQuantity];
    growthReference = agg.reference;
    // Undefined without a reference, and with one so small (1e-320) that the ratio overflows: never Infinity.
    const g = growthCurrent / growthReference - 1;
    if (growthReference > 0 && Number.isFinite(g)) growth = g;
    else growthUndefined = true;
  }
  let conditionMet = true;
  let conditionValue = NaN;
  if (term.condition) {
    conditionValue = measureValue(ct, agg, term.condition.measure, growth);
    conditionMet = conditionValue >= term.condition.target; // NaN (not entered / undefined growth) → not met
  }
  const tierMeasure = hasTiers ? measureValue(ct, agg, term.tierMeasure, growth) : NaN;
  const tierIndex = hasTiers ? reachedTier(term.tiers, tierMeasure) : -1;
  const basisUnscaled = agg[ct.basisQuantity];
  const basis = basisUnscaled * ct.basisScale;
  if (term.growth && !hasTiers && !term.condition) {
    // A growth plan with neither growth tiers nor a condition has growth > 0 as its implied threshold, for a rate
    // and for a lump sum alike (paying on a decline is no growth plan).
    conditionMet = growth > 0;
  }

  const paid = conditionMet && !growthUndefined;
  let money: number;
  let payBasis = basis;
  let rate: number;
  let lumpSum = NaN;
  if (ct.isFixed) {
    lumpSum = round2(hasTiers ? tierLumpSum(term.tiers, term.tierMethod, tierMeasure) : term.rate);
    rate = lumpSum;
    money = paid ? lumpSum : 0;
  } else {
    if (term.growth && term.growth.payOn === 'excess') {
      // Excess = current − reference; on an invoice-sales basis the reference is restated at the current
      // invoice/gross ratio, i.e. excess = basis × (current − reference) ÷ current.
      payBasis =
        growthReference > 0 && growthCurrent > growthReference
          ? (basis * (growthCurrent - growthReference)) / growthCurrent
          : 0;
    }
    rate = hasTiers ? tierRate(term.tiers, term.tierMethod, tierMeasure) : term.rate;
    money = paid ? noNegativeZero(rate * payBasis) : 0;
  }
  return {
    money,
    basis,
    basisUnscaled,
    payBasis,
    rate,
    tierIndex,
    tierMeasure,
    conditionMet,
    conditionValue,
    growth,
    growthCurrent,
    growthReference,
    growthUndefined,
    lumpSum,
  };
}

/** Measure value shown for the term (tier measure, else condition measure, else growth, else the basis quantity). */
export function primaryMeasureValue(ct: CompiledTerm, agg: Agg, ev: TermEvaluation): number {
  return measureValue(ct, agg, ct.primaryMeasure, ev.growth);
}
