/**
 * Scenarios of a negotiation (issue 9): a scenario is the base model plus a list of levers, applied without copying
 * the model — copy-on-write of the one customer's touched terms, promotions and price changes — and computed as a
 * recompute of that customer. On top: the comparison of scenarios for both parties (the maker's customer P&L, the
 * retailer's P&L on our products, the joint value), the give/get ledger (every lever valued for both sides, adding
 * up exactly to the scenario's total change) and the guardrails finance sets.
 *
 * @example
 * const s = { id: 'P1', customerId: 'WMX', changes: [{ target: 'term', id: 'WMX-02', field: 'rate', value: 0.03 }] };
 * const r = computeScenario(base, baseResults, s); // ModelResults with WMX recomputed
 */
import type { Model, Promotion, PriceChange, Scenario, ScenarioChange, Term, Text } from './model';
import type { ModelResults, PnlTotals } from './results';
import { recomputeCustomer, recomputeOffInvoiceTerms } from './engine';
import { marginPct, tradeSpend } from './pnl';
import { retailerPnlOf } from './retailer';
import type { Lever } from './stages';
import { productMask } from './scope';
import { customerPriceIndex } from './price-index';
import { GUARDRAILS, idsOf, type GuardrailId } from './vocabulary';

/** A scenario applied: the model (sharing every untouched object with the base) and its volume levers. */
export interface AppliedScenario {
  model: Model;
  levers: Lever[];
  customerIndex: number;
}

function fail(es: string, en: string): never {
  throw new Error(`${es} / ${en}`);
}

/**
 * The base plus the scenario's levers. The base is never modified: arrays are copied only where a lever touches
 * them, and only the touched objects are new. A lever whose target does not exist is an error, not ignored.
 */
export function applyScenario(base: Model, scenario: Scenario): AppliedScenario {
  const c = base.customers.findIndex((x) => x.id === scenario.customerId);
  if (c < 0) fail(`El cliente ${scenario.customerId} no existe.`, `Customer ${scenario.customerId} does not exist.`);
  let terms: Term[] | null = null;
  let promotions: Promotion[] | null = null;
  let priceChanges: PriceChange[] | null = null;
  let costs: Model['costToServe'] | null = null;
  const removedTerms = new Set<string>();
  const removedPromotions = new Set<string>();
  const levers: Lever[] = [];
  const termIndex = (id: string) => {
    const k = (terms ?? base.terms).findIndex((t) => t.id === id && t.customerId === scenario.customerId);
    if (k < 0) fail(`El término ${id} no es de ${scenario.customerId}.`, `Term ${id} is not ${scenario.customerId}'s.`);
    return k;
  };
  const promoIndex = (id: string) => {
    const list = promotions ?? base.promotions ?? [];
    const k = list.findIndex((p) => p.id === id && p.customerId === scenario.customerId);
    if (k < 0) {
      fail(`La promoción ${id} no es de ${scenario.customerId}.`, `Promotion ${id} is not ${scenario.customerId}'s.`);
    }
    return k;
  };
  for (const ch of scenario.changes) {
    switch (ch.target) {
      case 'term': {
        terms ??= [...base.terms];
        const k = termIndex(ch.id);
        terms[k] = ch.field === 'rate' ? { ...terms[k], rate: ch.value } : { ...terms[k], basis: ch.value };
        break;
      }
      case 'term_tier': {
        terms ??= [...base.terms];
        const k = termIndex(ch.id);
        const tiers = [...terms[k].tiers];
        if (!tiers[ch.index])
          fail(`${ch.id} no tiene escalón ${ch.index + 1}.`, `${ch.id} has no tier ${ch.index + 1}.`);
        const tier = { ...tiers[ch.index] };
        if (ch.field === 'to') tier.to = ch.value;
        else tier[ch.field] = ch.value ?? 0;
        tiers[ch.index] = tier;
        // Tiers share their bounds: moving one moves its neighbour's too, so the bands stay contiguous.
        if (ch.field === 'from' && ch.index > 0) tiers[ch.index - 1] = { ...tiers[ch.index - 1], to: tier.from };
        if (ch.field === 'to' && ch.value !== null && tiers[ch.index + 1])
          tiers[ch.index + 1] = { ...tiers[ch.index + 1], from: ch.value };
        terms[k] = { ...terms[k], tiers };
        break;
      }
      case 'term_present':
        termIndex(ch.id);
        if (ch.value) removedTerms.delete(ch.id);
        else removedTerms.add(ch.id);
        break;
      case 'promotion': {
        promotions ??= [...(base.promotions ?? [])];
        const k = promoIndex(ch.id);
        promotions[k] = { ...promotions[k], [ch.field]: ch.field === 'uplift' ? ch.value : (ch.value ?? 0) };
        break;
      }
      case 'promotion_add':
        promotions ??= [...(base.promotions ?? [])];
        promotions.push({ ...ch.promotion, customerId: scenario.customerId });
        break;
      case 'promotion_present':
        promoIndex(ch.id);
        if (ch.value) removedPromotions.delete(ch.id);
        else removedPromotions.add(ch.id);
        break;
      case 'price_change':
        priceChanges ??= [...(base.priceChanges ?? [])];
        priceChanges.push({
          customerId: scenario.customerId,
          scope: ch.scope,
          effectiveDate: ch.effectiveDate,
          newListPrice: null,
          changePct: ch.changePct,
        });
        break;
      case 'volume': {
        // A volume assumption: the customer's planned volume in scope × (1 + change), in the volumes stage.
        const mask = productMask(base.products, ch.scope);
        const factor = 1 + ch.changePct;
        levers.push({
          id: `volume:${scenario.id}:${levers.length}`,
          stage: 'volumes',
          apply: (l) => {
            if (l.customerIndex !== c) return;
            for (let i = l.start; i < l.end; i++) {
              if (mask === null || mask[base.lines.product[i]] === 1) l.volume[i] *= factor;
            }
          },
        });
        break;
      }
      case 'cost': {
        // Every cost-to-serve row of the customer of that kind takes the new rate.
        costs ??= [...base.costToServe];
        let hits = 0;
        costs.forEach((r, k) => {
          if (r.customerId !== scenario.customerId || r.kind !== ch.kind) return;
          costs![k] = { ...r, rate: ch.value };
          hits++;
        });
        if (hits === 0)
          fail(
            `${scenario.customerId} no tiene costo de servir «${ch.kind}».`,
            `${scenario.customerId} has no "${ch.kind}" cost to serve.`,
          );
        break;
      }
    }
  }
  let nextTerms = terms ?? base.terms;
  if (removedTerms.size > 0) nextTerms = nextTerms.filter((t) => !removedTerms.has(t.id));
  let nextPromotions = promotions ?? base.promotions;
  if (removedPromotions.size > 0) nextPromotions = (nextPromotions ?? []).filter((p) => !removedPromotions.has(p.id));
  const model: Model = {
    ...base,
    terms: nextTerms,
    costToServe: costs ?? base.costToServe,
    ...(nextPromotions !== undefined ? { promotions: nextPromotions } : {}),
    ...(priceChanges ? { priceChanges } : {}),
  };
  return { model, levers, customerIndex: c };
}

/**
 * A scenario's results: its customer recomputed on top of the base results (every other customer is the base's).
 * A removed term keeps no result (the recompute is on the scenario's own term list).
 */
export function computeScenario(
  base: Model,
  baseResults: ModelResults,
  scenario: Scenario,
  /**
   * keepPromotions: the caller reads no event result (ROI), so they may stay the base's (see recomputeOffInvoiceTerms).
   * scratch: the caller reads the results at once and drops them (a search): line buffers are reused between calls,
   * and the results' line columns hold only the scenario's customer's lines (its totals, terms and events are whole).
   * totalsOnly: the caller reads the customer's totals only (makerView): its per-product roll-up is left empty and
   * the results hold no accrual rows; with keepPromotions as well, the customer's events are not measured and the
   * results hold the base's event results (see recomputeCustomer).
   */
  options: { keepPromotions?: boolean; scratch?: boolean; totalsOnly?: boolean } = {},
): ModelResults {
  const applied = applyScenario(base, scenario);
  // Levers of off-invoice terms and costs only: the base's lines are kept and only the changed terms are redone.
  if (applied.levers.length === 0) {
    const fast = recomputeOffInvoiceTerms(applied.model, base, baseResults, applied.customerIndex, options);
    if (fast) return fast;
  }
  if (applied.model.terms !== base.terms && applied.model.terms.length !== base.terms.length) {
    // Removing a term changes the term list: every other customer's results are the base's, looked up by id.
    const previous = {
      ...baseResults,
      terms: baseResults.terms.filter((t) => applied.model.terms.some((x) => x.id === t.termId)),
    };
    return recomputeCustomer(applied.model, previous, applied.customerIndex, {
      levers: applied.levers,
      scratch: options.scratch,
      totalsOnly: options.totalsOnly,
      keepPromotions: options.keepPromotions,
    });
  }
  return recomputeCustomer(applied.model, baseResults, applied.customerIndex, {
    levers: applied.levers,
    scratch: options.scratch,
    totalsOnly: options.totalsOnly,
    keepPromotions: options.keepPromotions,
  });
}

/** What both parties see of one customer under a scenario, MXN (percentages as fractions). */
export interface PartiesView {
  maker: {
    grossSales: number;
    tradeSpend: number;
    tradeSpendPct: number | null;
    promoSpend: number;
    netSales: number;
    grossProfit: number;
    contribution: number;
    contributionPct: number | null;
    grossMarginPct: number | null;
    /** Volume-weighted consumer price index against the competition (null: no competitor price). */
    priceIndex: number | null;
    /** The customer's event with the lowest ROI in the settings' variant (null: no event with a defined ROI). */
    worstPromotion: { id: string; roi: number } | null;
  };
  retailer: { purchases: number; sales: number; front: number; back: number; total: number; totalPct: number | null };
  /** Maker's contribution + retailer's total margin: the value the two create together on our products. */
  joint: number;
}

const pct = (x: number) => (Number.isFinite(x) ? x : null);

function worstPromotion(model: Model, results: ModelResults, c: number): { id: string; roi: number } | null {
  const id = model.customers[c].id;
  const gross = model.settings.roiVariant === 'gross_roi';
  let worst: { id: string; roi: number } | null = null;
  for (const p of results.promotions ?? []) {
    if (p.customerId !== id) continue;
    const roi = (gross ? p.roiGross : p.roiNet).value;
    if (roi !== null && (worst === null || roi < worst.roi)) worst = { id: p.promotionId, roi };
  }
  return worst;
}

/** The maker's P&L figures of a view, from the customer's totals alone. */
function makerFigures(t: PnlTotals): Omit<PartiesView['maker'], 'priceIndex' | 'worstPromotion'> {
  return {
    grossSales: t.grossSales,
    tradeSpend: tradeSpend(t),
    tradeSpendPct: pct(marginPct(tradeSpend(t), t.grossSales)),
    promoSpend: t.promoSpend,
    netSales: t.netSales,
    grossProfit: t.grossProfit,
    contribution: t.contribution,
    contributionPct: pct(marginPct(t.contribution, t.netSales)),
    grossMarginPct: pct(marginPct(t.grossProfit, t.netSales)),
  };
}

/**
 * Views that hold the maker's P&L figures only (makerView): their price index, worst event and retailer figures are
 * not computed (null and 0), so only the P&L guardrails may read them.
 */
const makerOnly = new WeakSet<PartiesView>();

/** Whether a view holds the maker's P&L figures only (see makerView). */
export function isMakerOnlyView(view: PartiesView): boolean {
  return makerOnly.has(view);
}

/**
 * The maker's P&L figures of the customer under a scenario, the same numbers as partiesView's, without the price
 * index, the worst event or the retailer's P&L (which read the per-product roll-up): for searches against the P&L
 * guardrails, whose results may be computed with totalsOnly.
 */
export function makerView(results: ModelResults, customerIndex: number): PartiesView {
  const t = results.customers[customerIndex].totals;
  const view: PartiesView = {
    maker: { ...makerFigures(t), priceIndex: null, worstPromotion: null },
    retailer: { purchases: 0, sales: 0, front: 0, back: 0, total: 0, totalPct: null },
    joint: t.contribution,
  };
  makerOnly.add(view);
  return view;
}

export function partiesView(model: Model, results: ModelResults, customerIndex: number): PartiesView {
  const t: PnlTotals = results.customers[customerIndex].totals;
  const r = retailerPnlOf(model, results, customerIndex);
  return {
    maker: {
      ...makerFigures(t),
      priceIndex: customerPriceIndex(model, results, customerIndex),
      worstPromotion: worstPromotion(model, results, customerIndex),
    },
    retailer: {
      purchases: r.purchases,
      sales: r.sales,
      front: r.front,
      back: r.back,
      total: r.total,
      totalPct: r.totalPct,
    },
    joint: t.contribution + r.total,
  };
}

/** A scenario next to the base: both parties' figures and their deltas (MXN; percentage points for ratios). */
export interface ScenarioComparison {
  scenarioId: string;
  view: PartiesView;
  delta: {
    makerContribution: number;
    makerContributionPp: number | null;
    makerTradeSpend: number;
    makerTradeSpendPp: number | null;
    makerNetSales: number;
    retailerTotal: number;
    retailerTotalPp: number | null;
    joint: number;
  };
}

const pp = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

export function compareScenarios(
  base: Model,
  baseResults: ModelResults,
  scenarios: readonly Scenario[],
): { base: PartiesView; scenarios: ScenarioComparison[] } {
  const out: ScenarioComparison[] = [];
  let baseView: PartiesView | null = null;
  for (const s of scenarios) {
    const applied = applyScenario(base, s);
    // Read into a view below and dropped: the recompute may reuse its line buffers (scratch).
    const results = computeScenario(base, baseResults, s, { scratch: true });
    const b = partiesView(base, baseResults, applied.customerIndex);
    baseView ??= b;
    out.push(comparisonOf(s.id, partiesView(applied.model, results, applied.customerIndex), b));
  }
  return { base: baseView ?? partiesView(base, baseResults, 0), scenarios: out };
}

/** A scenario's view next to the base's view of its customer. */
export function comparisonOf(scenarioId: string, v: PartiesView, b: PartiesView): ScenarioComparison {
  return {
    scenarioId,
    view: v,
    delta: {
      makerContribution: v.maker.contribution - b.maker.contribution,
      makerContributionPp: pp(v.maker.contributionPct, b.maker.contributionPct),
      makerTradeSpend: v.maker.tradeSpend - b.maker.tradeSpend,
      makerTradeSpendPp: pp(v.maker.tradeSpendPct, b.maker.tradeSpendPct),
      makerNetSales: v.maker.netSales - b.maker.netSales,
      retailerTotal: v.retailer.total - b.retailer.total,
      retailerTotalPp: pp(v.retailer.totalPct, b.retailer.totalPct),
      joint: v.joint - b.joint,
    },
  };
}

/**
 * Whether computeScenario may give other results with keepPromotions than without: only when its off-invoice fast
 * path is tried (no volume levers), the events are the base's and the customer has some (then the kept events'
 * results are the base's). Otherwise both are the same computation, and one's view stands for the other's.
 */
export function keptPromotionsMayDiffer(base: Model, applied: AppliedScenario): boolean {
  if (applied.levers.length > 0 || applied.model.promotions !== base.promotions) return false;
  const id = base.customers[applied.customerIndex].id;
  return (base.promotions ?? []).some((p) => p.customerId === id);
}

/** VARIANT of the give/get attribution. */
export type LedgerAttribution = 'standalone' | 'sequential';

export interface LedgerLine {
  /** Index of the lever in the scenario, or -1 for the interaction residual. */
  change: number;
  /** What the maker gives (−) or gets (+) in contribution, and the retailer in total margin, MXN. */
  maker: number;
  retailer: number;
  /** As fractions of the base's net sales. */
  makerPctOfNetSales: number | null;
  retailerPctOfNetSales: number | null;
}

export interface Ledger {
  attribution: LedgerAttribution;
  lines: LedgerLine[];
  total: { maker: number; retailer: number };
  /** How the lines add up, in es and en. */
  method: Text;
}

/**
 * The give/get ledger. standalone (default): each lever alone against the base, plus an interaction residual (all
 * levers together minus the sum of the singles), so the lines add up to the total exactly. sequential: each lever
 * on top of the ones listed before it (the order matters; no residual).
 */
export function giveGetLedger(
  base: Model,
  baseResults: ModelResults,
  scenario: Scenario,
  attribution: LedgerAttribution = 'standalone',
  /**
   * The scenario's view with its events' results kept (computeScenario with keepPromotions), when the caller has it:
   * the ledger's total is read from it instead of recomputing the scenario.
   */
  scenarioView?: PartiesView,
): Ledger {
  const c = base.customers.findIndex((x) => x.id === scenario.customerId);
  const b = partiesView(base, baseResults, c);
  const valueOf = (changes: readonly ScenarioChange[]) => {
    if (scenarioView && (changes === scenario.changes || (changes.length === 1 && scenario.changes.length === 1))) {
      // The scenario itself (one lever alone is the whole scenario): the same computation as the caller's.
      return {
        maker: scenarioView.maker.contribution - b.maker.contribution,
        retailer: scenarioView.retailer.total - b.retailer.total,
      };
    }
    const s = { ...scenario, changes };
    const applied = applyScenario(base, s);
    // Read into a view at once and dropped: the recompute may reuse its line buffers (scratch). The ledger reads the
    // maker's contribution and the retailer's total, never an event's ROI: the events may keep the base's results.
    const v = partiesView(
      applied.model,
      computeScenario(base, baseResults, s, { scratch: true, keepPromotions: true }),
      c,
    );
    return { maker: v.maker.contribution - b.maker.contribution, retailer: v.retailer.total - b.retailer.total };
  };
  const net = b.maker.netSales;
  const line = (change: number, maker: number, retailer: number): LedgerLine => ({
    change,
    maker,
    retailer,
    makerPctOfNetSales: net !== 0 ? maker / net : null,
    retailerPctOfNetSales: net !== 0 ? retailer / net : null,
  });
  const total = valueOf(scenario.changes);
  const lines: LedgerLine[] = [];
  if (attribution === 'standalone') {
    let sm = 0;
    let sr = 0;
    scenario.changes.forEach((ch, k) => {
      const v = valueOf([ch]);
      sm += v.maker;
      sr += v.retailer;
      lines.push(line(k, v.maker, v.retailer));
    });
    lines.push(line(-1, total.maker - sm, total.retailer - sr));
  } else {
    let prev = { maker: 0, retailer: 0 };
    scenario.changes.forEach((_, k) => {
      const v = k === scenario.changes.length - 1 ? total : valueOf(scenario.changes.slice(0, k + 1));
      lines.push(line(k, v.maker - prev.maker, v.retailer - prev.retailer));
      prev = v;
    });
  }
  return {
    attribution,
    lines,
    total,
    method:
      attribution === 'standalone'
        ? {
            es: 'cada palanca sola contra la base, más la interacción (todas juntas menos la suma de cada una): suma exactamente el cambio total',
            en: 'each lever alone against the base, plus the interaction (all together minus the sum of the singles): adds up exactly to the total change',
          }
        : {
            es: 'cada palanca sobre las anteriores, en el orden de la lista: suma exactamente el cambio total',
            en: 'each lever on top of the ones before it, in the listed order: adds up exactly to the total change',
          },
  };
}

/** Limits finance sets (Settings and the Customers table's trade budget), each optional. */
export interface GuardrailLimits {
  /** Minimum customer contribution, % of net sales. */
  minContributionPct?: number;
  /** Minimum gross margin, % of net sales. */
  minGrossMarginPct?: number;
  /** Maximum trade spend, % of gross sales. */
  maxTradeSpendPct?: number;
  /** The customer's trade budget, MXN (trade spend may not exceed it). */
  tradeBudget?: number;
  /** Maximum promotional spend, % of gross sales. */
  maxPromoSpendPct?: number;
  /** Price-index corridor (own consumer price ÷ competitor's × 100, volume-weighted). */
  minPriceIndex?: number;
  maxPriceIndex?: number;
  /** Minimum ROI of the customer's worst event, in the settings' ROI variant. */
  minPromotionRoi?: number;
}

/** The limits that apply to one customer: the settings' and the customer's own budget. */
export function guardrailLimits(model: Model, customerId: string): GuardrailLimits {
  const s = model.settings;
  const out: GuardrailLimits = {};
  const set = <K extends keyof GuardrailLimits>(k: K, v: number | null | undefined) => {
    if (v !== null && v !== undefined) out[k] = v;
  };
  set('minContributionPct', s.minContributionPct);
  set('minGrossMarginPct', s.minGrossMarginPct);
  set('maxTradeSpendPct', s.maxTradeSpendPct);
  set('tradeBudget', model.customers.find((c) => c.id === customerId)?.tradeBudget);
  set('maxPromoSpendPct', s.maxPromoSpendPct);
  set('minPriceIndex', s.minPriceIndex);
  set('maxPriceIndex', s.maxPriceIndex);
  set('minPromotionRoi', s.minPromotionRoi);
  return out;
}

export interface GuardrailCheck {
  id: GuardrailId;
  /** How the value is measured (es, en), with the unit. */
  label: Text;
  unit: 'pct' | 'mxn' | 'index' | 'ratio';
  limit: number;
  /** 'min': the value must be at or above the limit; 'max': at or below. */
  side: 'min' | 'max';
  value: number | null;
  pass: boolean;
  /** Distance to the limit on the acceptable side (+) or beyond it (−), in the limit's unit. */
  distance: number | null;
  /** What the value refers to when it is one item's (the worst event's id). */
  about?: string;
}

/** The figure each guardrail reads, its side and unit: declared once, checked and labelled from here. */
export const GUARDRAIL_SPECS: Readonly<
  Record<GuardrailId, { key: keyof GuardrailLimits; side: 'min' | 'max'; unit: GuardrailCheck['unit']; label: Text }>
> = {
  min_contribution_pct: {
    key: 'minContributionPct',
    side: 'min',
    unit: 'pct',
    label: { es: 'Contribución (% de venta neta)', en: 'Contribution (% of net sales)' },
  },
  min_gross_margin_pct: {
    key: 'minGrossMarginPct',
    side: 'min',
    unit: 'pct',
    label: { es: 'Margen bruto (% de venta neta)', en: 'Gross margin (% of net sales)' },
  },
  max_trade_spend_pct: {
    key: 'maxTradeSpendPct',
    side: 'max',
    unit: 'pct',
    label: { es: 'Gasto comercial (% de venta bruta)', en: 'Trade spend (% of gross sales)' },
  },
  trade_budget: {
    key: 'tradeBudget',
    side: 'max',
    unit: 'mxn',
    label: { es: 'Gasto comercial contra presupuesto (MXN)', en: 'Trade spend against budget (MXN)' },
  },
  max_promo_spend_pct: {
    key: 'maxPromoSpendPct',
    side: 'max',
    unit: 'pct',
    label: { es: 'Gasto promocional (% de venta bruta)', en: 'Promotional spend (% of gross sales)' },
  },
  min_price_index: {
    key: 'minPriceIndex',
    side: 'min',
    unit: 'index',
    label: { es: 'Índice de precio contra competencia', en: 'Price index against competition' },
  },
  max_price_index: {
    key: 'maxPriceIndex',
    side: 'max',
    unit: 'index',
    label: { es: 'Índice de precio contra competencia', en: 'Price index against competition' },
  },
  min_promotion_roi: {
    key: 'minPromotionRoi',
    side: 'min',
    unit: 'ratio',
    label: { es: 'ROI del peor evento', en: 'ROI of the worst event' },
  },
};

export const GUARDRAIL_IDS = idsOf(GUARDRAILS);

/** Guardrails whose value is one of the maker's P&L figures (a makerView holds them). */
export const PNL_GUARDRAILS: ReadonlySet<GuardrailId> = new Set<GuardrailId>([
  'min_contribution_pct',
  'min_gross_margin_pct',
  'max_trade_spend_pct',
  'trade_budget',
  'max_promo_spend_pct',
]);

/** The value a guardrail reads from both parties' view. */
export function guardrailValue(id: GuardrailId, view: PartiesView): { value: number | null; about?: string } {
  const m = view.maker;
  switch (id) {
    case 'min_contribution_pct':
      return { value: m.contributionPct };
    case 'min_gross_margin_pct':
      return { value: m.grossMarginPct };
    case 'max_trade_spend_pct':
      return { value: m.tradeSpendPct };
    case 'trade_budget':
      return { value: m.tradeSpend };
    case 'max_promo_spend_pct':
      return { value: m.grossSales !== 0 ? m.promoSpend / m.grossSales : null };
    case 'min_price_index':
    case 'max_price_index':
      return { value: m.priceIndex };
    case 'min_promotion_roi':
      return m.worstPromotion ? { value: m.worstPromotion.roi, about: m.worstPromotion.id } : { value: null };
  }
}

/**
 * Each limit set, passed or failed, with the distance to it. A guardrail whose figure does not exist for the
 * customer (no competitor price, no event with a defined ROI) is listed as not passing, with a null value.
 */
export function guardrails(view: PartiesView, limits: GuardrailLimits): GuardrailCheck[] {
  const out: GuardrailCheck[] = [];
  for (const id of GUARDRAIL_IDS) {
    const spec = GUARDRAIL_SPECS[id];
    const limit = limits[spec.key];
    if (limit === undefined) continue;
    const { value, about } = guardrailValue(id, view);
    const distance = value === null ? null : spec.side === 'min' ? value - limit : limit - value;
    out.push({
      id,
      label: spec.label,
      unit: spec.unit,
      limit,
      side: spec.side,
      value,
      pass: distance !== null && distance >= 0,
      distance,
      ...(about !== undefined ? { about } : {}),
    });
  }
  return out;
}
