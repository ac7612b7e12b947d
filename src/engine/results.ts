/**
 * The engine's output: plain typed data. Per-line money is columnar (same order as Model.lines);
 * every aggregate is a sum of money, and every percentage is computed from summed money (never averaged).
 */
import type { TermKind, InterimTierPolicy } from './model';
import type { FindingCode } from './finding-codes';
import type { PromotionResult } from './promotions';

/** Money per line, columnar, length = lines.n. All MXN except volume (units). */
export interface LineResults {
  volume: Float64Array;
  grossSales: Float64Array;
  onInvoice: Float64Array;
  invoiceSales: Float64Array;
  /** Contractual off-invoice trade spend (promotional spend joins in a later issue). */
  offInvoice: Float64Array;
  netSales: Float64Array;
  cogs: Float64Array;
  grossProfit: Float64Array;
  /** Cost-to-serve items plus financing cost of payment days. */
  costToServe: Float64Array;
  financingCost: Float64Array;
  contribution: Float64Array;
  /** Tax layer on invoice sales (not revenue). */
  ieps: Float64Array;
  iva: Float64Array;
  /** Of which promotional: the maker's promotional spend (inside onInvoice / offInvoice), MXN. */
  promoSpend: Float64Array;
  /** Of which promotional: the volume change promotions make (lift, forward buy, dip, cannibalisation), units. */
  promoVolume: Float64Array;
  /** Of promoSpend, the off-invoice allowances taken off the invoice (inside onInvoice), MXN. */
  promoOnInvoice: Float64Array;
}

/** Summed money for any group of lines (a customer × SKU, a customer, a period, the portfolio...). */
export interface PnlTotals {
  volume: number;
  grossSales: number;
  onInvoice: number;
  invoiceSales: number;
  offInvoice: number;
  netSales: number;
  cogs: number;
  grossProfit: number;
  costToServe: number;
  financingCost: number;
  contribution: number;
  ieps: number;
  iva: number;
  promoSpend: number;
  promoVolume: number;
  promoOnInvoice: number;
}

/** Per-unit price waterfall derived from PnlTotals (sums ÷ volume). */
export interface Waterfall {
  listPrice: number;
  onInvoicePerUnit: number;
  invoicePrice: number;
  offInvoicePerUnit: number;
  /** Cost-to-serve per unit when the placement setting puts it inside the waterfall, else 0. */
  costToServePerUnit: number;
  pocketPrice: number;
  cogsPerUnit: number;
  pocketMargin: number;
  /** list − pocket. */
  leakage: number;
}

/** Accrual (provisión) of one term in one period under an interim-tier policy. */
export interface AccrualRow {
  termId: string;
  customerId: string;
  periodId: string;
  policy: InterimTierPolicy;
  /** Measure reached year-to-date (units or MXN) at the end of this period. */
  ytdMeasure: number;
  /** Measure the policy uses to pick the tier (forecast year-end or YTD). */
  tierMeasureUsed: number;
  /** Effective rate applied (money ÷ basis), for display. */
  effectiveRate: number;
  /** Cumulative accrual at the end of this period. */
  cumulative: number;
  /** Accrual booked in this period = cumulative − previous cumulative = runRate + trueUp. */
  accrual: number;
  /** Part of the accrual at the previous effective rate on this period's basis. */
  runRate: number;
  /** Catch-up when the tier (effective rate) changes. */
  trueUp: number;
}

export interface TermResult {
  termId: string;
  customerId: string;
  kind: TermKind;
  onInvoice: boolean;
  /** Total money of the term over its span (MXN, positive = cost to the maker). */
  amount: number;
  /** The basis the rate was applied to (MXN or units), for the effective rate. */
  basisValue: number;
  /** Measure tiers/targets were evaluated on. */
  measureValue: number;
  /** Rate actually applied (for tiered: of the reached tier; for marginal: money ÷ basis). */
  effectiveRate: number;
  /**
   * Whether what the term pays on was met: its condition/target, its growth threshold and, when tiered, its first
   * tier (true when the term has none of these).
   */
  conditionMet: boolean;
  /** Amount per period (index = period index), sums to amount. */
  byPeriod: Float64Array;
  /** Formula text as applied, in both languages, e.g. "3 % × venta factura 12,345,678.00". */
  formula: { es: string; en: string };
  /** Non-blocking findings (no agreed date, target missed, scope matches no line...). */
  findings: Finding[];
}

export interface Finding {
  code: FindingCode;
  severity: 'info' | 'warning';
  es: string;
  en: string;
  termId?: string;
  customerId?: string;
}

export interface CustomerResult {
  customerId: string;
  totals: PnlTotals;
  waterfall: Waterfall;
  /** Per product index present for this customer: totals over all periods. */
  byProduct: Map<number, PnlTotals>;
  /** Per period index: totals over all products. */
  byPeriod: PnlTotals[];
}

export interface ModelResults {
  lines: LineResults;
  /** Promotional events, in the order of Model.promotions (absent when the model has none). */
  promotions?: PromotionResult[];
  customers: CustomerResult[];
  portfolio: PnlTotals;
  portfolioWaterfall: Waterfall;
  terms: TermResult[];
  accruals: AccrualRow[];
  findings: Finding[];
}
