/**
 * The calculation engine's public API: pure TypeScript over plain typed data (no Office, DOM, Node or I/O).
 * Formulas and variants are documented in docs/engine.md.
 */
export * from './model';
export * from './vocabulary';
export * from './term-kinds';
export * from './finding-codes';
export { type PromotionResult, type PromotionSpend, type Maybe } from './promotions';
export {
  priceBuildUp,
  toPricePoint,
  volumeFactor,
  passedThrough,
  priceIndex,
  iepsPerUnit,
  type PriceBuildUp,
} from './price-buildup';
export { windowShares, dayOf, type DateWindow } from './windows';
export { frontMarginOf, elasticityOf } from './pricing';
export { retailerPnl, type RetailerPnl } from './retailer';
export { shelfPriceOf, latestCompetitor, competitorIndexOf, customerPriceIndex, type ShelfPrice } from './price-index';
export * from './scenarios';
export { STAGES, inStageOrder, type Stage, type Lever, type LeverLines } from './stages';
export * from './results';
export {
  computeModel,
  recomputeCustomer,
  recomputeOffInvoiceTerms,
  releaseScratch,
  keepCustomerLines,
  type ComputeOptions,
} from './engine';
export { TradeTermsError, type EngineErrorCode } from './errors';
export {
  METRICS,
  METRIC_BY_ID,
  metricValue,
  type Metric,
  type MetricId,
  type MetricUnit,
  type MetricGroup,
} from './metrics';
export { sumTotals, marginPct, emptyTotals, tradeSpend, PNL_FIELDS } from './pnl';
export { waterfallOf } from './waterfall';
export {
  parsePeriodId,
  monthId,
  isoWeekId,
  isoWeeksInYear,
  monthsOfYear,
  isoWeeksOfYear,
  buildPeriods,
  comparePeriodIds,
  periodAnchors,
  spanIndexes,
  type PeriodKey,
  type PeriodKind,
  type PeriodSpan,
} from './periods';
export { productMask } from './scope';
export {
  reachedTier,
  capBinding,
  allUnitsRate,
  allUnitsMoney,
  marginalBands,
  marginalMoney,
  tierRate,
  tierLumpSum,
} from './tiers';
export { allocateCentavos, allocateLumpSum } from './allocation';
export { financingCost } from './financing';
export { iepsOf, ivaOf } from './taxes';
export { INTERIM_TIER_POLICIES } from './accruals';
export { fmtMoney, fmtMoneyRate, fmtPct, fmtUnits, fmtNumber } from './format';
export {
  walkAway,
  walkAwaySentence,
  type WalkAwayQuery,
  type WalkAwayResult,
  type WalkAway,
  type WalkAwayStatus,
  type WalkAwayLabels,
  type Crossing,
  type LeverDirection,
} from './walkaway';
export * from './negotiation';
export { describeChange } from './lever-text';
