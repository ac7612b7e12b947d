/**
 * The engine's input model: plain typed data, no Office, DOM or Node.
 *
 * Money is MXN as doubles (like Excel); rates are fractions (0.05 = 5 %); volumes are selling units.
 * Base volumes are columnar (typed arrays) because a real planning file reaches ~1 M customer×SKU×period lines
 * and row objects would cost ~10× the memory.
 */

import type {
  AllocationKey,
  Basis,
  Channel,
  CostBasis,
  CostToServeKind,
  CostToServePlacement,
  Currency,
  ElasticityForm,
  GrowthPayOn,
  IepsKind,
  InterimTierPolicy,
  Measure,
  Periodicity,
  PromoFunding,
  PromoMechanic,
  RoiVariant,
  ScenarioKind,
  ScenarioStatus,
  ScopeKind,
  TaxRateKind,
  TierMethod,
  UnitBasis,
} from './vocabulary';
import type { TermKind } from './term-kinds';
import type { DateWindow } from './windows';

// The domain lists and their types live in ./vocabulary and ./term-kinds (declared once, with their labels).
export type {
  AllocationKey,
  Basis,
  Channel,
  CostBasis,
  CostToServeKind,
  CostToServePlacement,
  Currency,
  ElasticityForm,
  GrowthPayOn,
  IepsKind,
  InterimTierPolicy,
  Measure,
  Periodicity,
  PromoFunding,
  PromoMechanic,
  RoiVariant,
  ScenarioKind,
  ScenarioStatus,
  ScopeKind,
  TaxRateKind,
  TermKind,
  TierMethod,
  UnitBasis,
};
export type { Lang, Text } from './text';

/** Where a row came from, so engine findings can be located in the workbook. */
export interface SourceRef {
  sheet: string;
  table: string;
  /** 1-based worksheet row of the data row (header row + n). */
  row: number;
}

export interface Customer {
  id: string;
  name: string;
  channel: Channel;
  /** Días de crédito. */
  paymentDays: number;
  /** Centralización: share of volume delivered through the retailer's DC (CEDIS), 0..1. */
  dcShare: number;
  /** Trade budget for the year, MXN: a guardrail on the customer's trade spend (null: none). */
  tradeBudget?: number | null;
  source?: SourceRef;
}

export interface Product {
  sku: string;
  description: string;
  category: string;
  brand: string;
  /** Free text as printed on the pack, e.g. "12 x 600 ml". */
  packSize: string;
  /** Litres per selling unit (0 when not a beverage). Base of the IEPS per-litre quota. */
  litresPerUnit: number;
  /** Kilograms per selling unit (0 when not known). */
  kgPerUnit: number;
  /** Cost of goods sold per selling unit, MXN. */
  cogsPerUnit: number;
  /** IVA rate, fraction: 0.16 or 0. */
  ivaRate: number;
  iepsKind: IepsKind;
  /** ad_valorem: fraction (0.08); per_litre: MXN per litre (dated data, never a constant in code); none: 0. */
  iepsRate: number;
  source?: SourceRef;
}

export interface Period {
  /** "2026-01" (month) or "2026-W05" (ISO week). */
  id: string;
  /** 0-based position in the model's ordered period list. */
  index: number;
  /** Fiscal year the period belongs to. */
  year: number;
}

/**
 * Customer × SKU × period lines, columnar. Indexes point into Model.customers / products / periods.
 * Lines are sorted by customer, then product, then period (the workbook layer guarantees it).
 */
export interface Lines {
  n: number;
  customer: Int32Array;
  product: Int32Array;
  period: Int32Array;
  /** Planned (baseline) volume, units. */
  baselineVolume: Float64Array;
  /** Actual volume for closed periods; NaN where the period is not closed. Volume used = actual when present. */
  actualVolume: Float64Array;
  /** List price per unit, MXN (ex-tax). */
  listPrice: Float64Array;
  /** Prior-year volume of the same customer × SKU × period, units (0 when none). */
  priorVolume: Float64Array;
  /** Prior-year list price per unit; NaN when not given (then growth can only be measured price-neutrally). */
  priorListPrice: Float64Array;
  /** Source row of each line (1-based worksheet row), for located findings. */
  sourceRow?: Int32Array;
}

export interface Scope {
  kind: ScopeKind;
  /** Categories, brands or SKUs; empty for 'all'. */
  values: string[];
}

export interface Tier {
  /** Inclusive lower bound of the band on the term's measure (units, MXN or growth fraction). */
  from: number;
  /** Exclusive upper bound; null = no upper bound. */
  to: number | null;
  /** Fraction of the basis, or MXN per unit when the basis is volume. */
  rate: number;
}

/** Growth rebates (plan de crecimiento). */
export interface GrowthRule {
  /** excess: pay on current − reference; whole: pay on the whole current base once the threshold is met. */
  payOn: GrowthPayOn;
  /** Restate the prior-year reference at current list prices (price-neutral growth). */
  priceNeutral: boolean;
}

/** Target / conditional terms: paid only if measure ≥ target. */
export interface Condition {
  measure: Measure;
  /** Units, MXN, growth fraction, or (manual) an achievement score such as display compliance 0..1. */
  target: number;
  /** For measure 'manual': the achieved value entered by the KAM (NaN when not yet known: counts as not met). */
  actual?: number;
}

export interface Term {
  /** Unique per workbook, e.g. "WMT-01". */
  id: string;
  customerId: string;
  kind: TermKind;
  /** On-invoice terms reduce the invoice price; off-invoice ones are paid/credited afterwards. */
  onInvoice: boolean;
  basis: Basis;
  /** Fraction of the basis; MXN per unit when basis = volume; MXN lump sum when basis = fixed_amount. Ignored when tiers exist. */
  rate: number;
  /** Allocation of fixed amounts (and of tier money computed on an aggregate) to lines. */
  allocation: AllocationKey;
  scope: Scope;
  /** First and last period ids covered (inclusive). Tiers and targets are measured over this whole span. */
  periodFrom: string;
  periodTo: string;
  tierMethod: TierMethod;
  /** Measure of tiers; when blank in the workbook, the kind's default (its descriptor in term-kinds.ts). */
  tierMeasure: Measure;
  /** Ascending, non-overlapping bands; empty = flat rate. */
  tiers: Tier[];
  growth?: GrowthRule;
  condition?: Condition;
  /** ISO date the term was agreed in writing; empty = no agreed basis (a finding, not a number). */
  agreedDate: string;
  evidenceRef: string;
  description: string;
  source?: SourceRef;
}

export interface CostToServe {
  customerId: string;
  kind: CostToServeKind;
  /** invoice/gross: fraction; volume: MXN per unit; kg / litres: MXN per kg or litre; fixed_amount: MXN. */
  basis: CostBasis;
  rate: number;
  allocation: AllocationKey;
  periodFrom: string;
  periodTo: string;
  description: string;
  source?: SourceRef;
}

export interface Settings {
  fiscalYear: number;
  currency: Currency;
  periodicity: Periodicity;
  /** Annual cost of capital for the financing cost of payment days, fraction. */
  costOfCapital: number;
  costToServePlacement: CostToServePlacement;
  interimTierPolicy: InterimTierPolicy;
  /** Used by the promotions issue. */
  roiVariant: RoiVariant;
  /** Decimals for money written to result cells (values stay doubles in the engine). */
  moneyDecimals: number;
  /** Days in the year for the financing cost formula. */
  daysInYear: number;
  /** Share of a change in the maker's price that retailers pass on to the shelf (0..1). */
  passThrough: number;
  /** VARIANT of the own-price volume response: constant elasticity (default) or linear. */
  elasticityForm: ElasticityForm;
  /**
   * Price point of the consumer price, as the cents it ends in (0.9 → $x.90), rounded to the nearest; null: no
   * rounding. The retailer's margin absorbs the difference (price-buildup.ts).
   */
  pricePointEnding: number | null;
  /** Guardrails on a scenario (null: not checked). Percentages are fractions; the price index is ×100. */
  minContributionPct: number | null;
  minGrossMarginPct: number | null;
  maxTradeSpendPct: number | null;
  maxPromoSpendPct: number | null;
  minPriceIndex: number | null;
  maxPriceIndex: number | null;
  minPromotionRoi: number | null;
}

export const DEFAULT_SETTINGS: Settings = {
  fiscalYear: 2026,
  currency: 'MXN',
  periodicity: 'month',
  costOfCapital: 0.11,
  costToServePlacement: 'below_waterfall',
  interimTierPolicy: 'forecast_year_end',
  roiVariant: 'gross_roi',
  moneyDecimals: 2,
  daysInYear: 365,
  passThrough: 1,
  elasticityForm: 'constant',
  pricePointEnding: null,
  minContributionPct: null,
  minGrossMarginPct: null,
  maxTradeSpendPct: null,
  maxPromoSpendPct: null,
  minPriceIndex: null,
  maxPriceIndex: null,
  minPromotionRoi: null,
};

/**
 * A list price change from a date (PriceChanges table): a new list price per unit, or a % change of each line's own
 * list price. It applies from its effective day on; a period it falls inside is split by days (pricing.ts).
 */
export interface PriceChange {
  /** Customer id, or '' for every customer. */
  customerId: string;
  scope: Scope;
  /** ISO date "YYYY-MM-DD" from which the new price applies. */
  effectiveDate: string;
  /** New list price per unit, MXN; null when the change is a %. */
  newListPrice: number | null;
  /** Change as a fraction (0.06 = +6 %), used when newListPrice is null. */
  changePct: number;
  source?: SourceRef;
}

/** The retailer's front margin on the shelf price before IVA (RetailerMargins table), per customer × scope. */
export interface RetailerMargin {
  customerId: string;
  scope: Scope;
  /** Margin on price, fraction: (shelf before IVA − retailer cost) ÷ shelf before IVA. */
  frontMargin: number;
  source?: SourceRef;
}

/** Own-price and promotional elasticities (Elasticities table), per SKU, category or all. */
export interface Elasticity {
  scope: Scope;
  /** Own-price elasticity ε (negative): %ΔQ ÷ %ΔP of the consumer price. */
  ownPrice: number;
  /** Promotional elasticity (negative), for uplift = (1 − shelf depth)^ε − 1. */
  promotional: number;
  source?: SourceRef;
}

/**
 * A promotional event (Promotions table). Lift is measured on shoppers' purchases (sell-out) in the in-store
 * window and reaches the maker's sell-in in the same periods; forward buy and the dip are timing shifts (see
 * promotions.ts for every formula).
 */
export interface Promotion {
  id: string;
  customerId: string;
  scope: Scope;
  /** When the retailer buys at the deal (off-invoice and bill-back pay on units bought here). */
  buyWindow: DateWindow;
  /** When shoppers see it (lift, scan-back). */
  inStoreWindow: DateWindow;
  mechanics: PromoMechanic[];
  /** price_off_pct: fraction off the shelf price; price_off_amount: MXN off the shelf price per unit; else 0. */
  depth: number;
  /** multibuy: buy N, pay M (2x1 → 2, 1): depth = 1 − M ÷ N. */
  multibuy?: { buy: number; pay: number };
  funding: PromoFunding;
  /** Funding per unit, MXN (off_invoice, bill_back, scan_back); the total for lump_sum. */
  fundingRate: number;
  /** Maker's share of the funding (the retailer pays the rest), 0..1. */
  makerShare: number;
  /** Share of the deal the retailer passes to the shelf, 0..1. */
  passThrough: number;
  /** Expected uplift of shoppers' purchases as a fraction of baseline; null: from the promotional elasticity. */
  uplift: number | null;
  /** Share of the lift taken from the maker's own other SKUs (same category unless cannibalisedScope says). */
  cannibalisation: number;
  cannibalisedScope?: Scope;
  /** Extra sell-in in the buy window as a fraction of the baseline bought there, taken out of the following weeks. */
  forwardBuy: number;
  /** Pantry loading: share of the lift that shoppers do not buy in the window after the event. */
  dip: number;
  /** Fixed costs of the event (display fee, folleto, promotoría), MXN, paid by the maker. */
  fixedCosts: number;
  source?: SourceRef;
}

/** A competitor's consumer price against an own SKU (CompetitorPrices table), for the price index. */
export interface CompetitorPrice {
  /** Customer id, or '' for every customer. */
  customerId: string;
  sku: string;
  competitor: string;
  /** Consumer price with IVA, MXN, on `unitBasis`. */
  price: number;
  unitBasis: UnitBasis;
  /** Litres or kg of the competitor's pack when the price is per unit (the index then compares per litre or kg). */
  size: number | null;
  /** ISO date the price was observed, '' when not given. */
  date: string;
  source?: SourceRef;
}

/**
 * A tax rate from a date (TaxRates table): an IEPS quota per litre (MXN), an IEPS ad valorem rate or an IVA rate
 * (fractions), for the products in scope of the matching tax profile. The rate in force on a period's first day
 * applies to the period; without a row, the product's own rate does (taxes.ts).
 */
export interface TaxRate {
  kind: TaxRateKind;
  scope: Scope;
  /** ISO date "YYYY-MM-DD". */
  effectiveDate: string;
  rate: number;
  source?: SourceRef;
}

export interface Model {
  settings: Settings;
  customers: Customer[];
  products: Product[];
  /** Ordered, contiguous. */
  periods: Period[];
  lines: Lines;
  terms: Term[];
  costToServe: CostToServe[];
  /** Price levers (absent or empty: prices as the base volumes give them). */
  priceChanges?: PriceChange[];
  retailerMargins?: RetailerMargin[];
  elasticities?: Elasticity[];
  /** Promotional events (absent or empty: no promotion). */
  promotions?: Promotion[];
  competitorPrices?: CompetitorPrice[];
  /** Dated tax rates (absent or empty: each product's own rates). */
  taxRates?: TaxRate[];
  /** Scenarios of the negotiation (Scenarios and ScenarioChanges tables); the base is the model itself. */
  scenarios?: Scenario[];
}

/** Numeric fields of a promotion a scenario can set. */
export type PromotionField =
  | 'depth'
  | 'fundingRate'
  | 'makerShare'
  | 'passThrough'
  | 'uplift'
  | 'cannibalisation'
  | 'forwardBuy'
  | 'dip'
  | 'fixedCosts';

/** One lever of a scenario: what it changes and the new value (a ScenarioChanges row). */
export type ScenarioChange = (
  | { target: 'term'; id: string; field: 'rate'; value: number }
  | { target: 'term'; id: string; field: 'basis'; value: Basis }
  | { target: 'term_tier'; id: string; index: number; field: 'from' | 'to' | 'rate'; value: number | null }
  | { target: 'term_present'; id: string; value: boolean }
  | { target: 'promotion'; id: string; field: PromotionField; value: number | null }
  /** basedOn: the event it was copied from (ScenarioChanges' «Copia de»), kept so the row can be written back. */
  | { target: 'promotion_add'; promotion: Promotion; basedOn?: string }
  | { target: 'promotion_present'; id: string; value: boolean }
  | { target: 'price_change'; scope: Scope; effectiveDate: string; changePct: number }
  | { target: 'volume'; scope: Scope; changePct: number }
  | { target: 'cost'; kind: CostToServeKind; field: 'rate'; value: number }
) & { source?: SourceRef };

/** A scenario: the base plus levers, for one customer, with what the Scenarios table says about it. */
export interface Scenario {
  id: string;
  customerId: string;
  changes: readonly ScenarioChange[];
  name?: string;
  kind?: ScenarioKind;
  status?: ScenarioStatus;
  author?: string;
  /** ISO date (yyyy-mm-dd) or ''. */
  date?: string;
  notes?: string;
  source?: SourceRef;
}

/** Volume used by the engine for line i: actual when the period is closed, else baseline. */
export function volumeAt(lines: Lines, i: number): number {
  const a = lines.actualVolume[i];
  return a === a ? a : lines.baselineVolume[i]; // a === a is false only for NaN
}

/** Allocates empty columnar lines of length n. */
export function allocateLines(n: number): Lines {
  const actual = new Float64Array(n).fill(NaN);
  const priorPrice = new Float64Array(n).fill(NaN);
  return {
    n,
    customer: new Int32Array(n),
    product: new Int32Array(n),
    period: new Int32Array(n),
    baselineVolume: new Float64Array(n),
    actualVolume: actual,
    listPrice: new Float64Array(n),
    priorVolume: new Float64Array(n),
    priorListPrice: priorPrice,
    sourceRow: new Int32Array(n),
  };
}
