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
import type { Model, Promotion, PriceChange, Scope, Term, Text } from './model';
import type { ModelResults, PnlTotals } from './results';
import { recomputeCustomer } from './engine';
import { marginPct, tradeSpend } from './pnl';
import { retailerPnl } from './retailer';
import type { Lever } from './stages';
import { productMask } from './scope';

/** One lever of a scenario: what it changes and the new value. */
export type ScenarioChange =
  | { target: 'term'; id: string; field: 'rate'; value: number }
  | { target: 'term_tier'; id: string; index: number; field: 'from' | 'to' | 'rate'; value: number | null }
  | { target: 'term_present'; id: string; value: boolean }
  | { target: 'promotion'; id: string; field: PromotionField; value: number | null }
  | { target: 'promotion_add'; promotion: Promotion }
  | { target: 'promotion_present'; id: string; value: boolean }
  | { target: 'price_change'; scope: Scope; effectiveDate: string; changePct: number }
  | { target: 'volume'; scope: Scope; changePct: number }
  | { target: 'cost'; index: number; field: 'rate'; value: number };

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

export interface Scenario {
  id: string;
  customerId: string;
  changes: readonly ScenarioChange[];
}

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
        terms[k] = { ...terms[k], rate: ch.value };
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
        costs ??= [...base.costToServe];
        const own = costs.map((r, k) => [r, k] as const).filter(([r]) => r.customerId === scenario.customerId);
        const hit = own[ch.index];
        if (!hit)
          fail(
            `${scenario.customerId} no tiene costo ${ch.index + 1}.`,
            `${scenario.customerId} has no cost ${ch.index + 1}.`,
          );
        costs[hit[1]] = { ...hit[0], rate: ch.value };
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
export function computeScenario(base: Model, baseResults: ModelResults, scenario: Scenario): ModelResults {
  const applied = applyScenario(base, scenario);
  if (applied.model.terms !== base.terms && applied.model.terms.length !== base.terms.length) {
    // Removing a term changes the term list: every other customer's results are the base's, looked up by id.
    const previous = {
      ...baseResults,
      terms: baseResults.terms.filter((t) => applied.model.terms.some((x) => x.id === t.termId)),
    };
    return recomputeCustomer(applied.model, previous, applied.customerIndex, { levers: applied.levers });
  }
  return recomputeCustomer(applied.model, baseResults, applied.customerIndex, { levers: applied.levers });
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
  };
  retailer: { purchases: number; sales: number; front: number; back: number; total: number; totalPct: number | null };
  /** Maker's contribution + retailer's total margin: the value the two create together on our products. */
  joint: number;
}

const pct = (x: number) => (Number.isFinite(x) ? x : null);

export function partiesView(model: Model, results: ModelResults, customerIndex: number): PartiesView {
  const t: PnlTotals = results.customers[customerIndex].totals;
  const r = retailerPnl(model, results)[customerIndex];
  return {
    maker: {
      grossSales: t.grossSales,
      tradeSpend: tradeSpend(t),
      tradeSpendPct: pct(marginPct(tradeSpend(t), t.grossSales)),
      promoSpend: t.promoSpend,
      netSales: t.netSales,
      grossProfit: t.grossProfit,
      contribution: t.contribution,
      contributionPct: pct(marginPct(t.contribution, t.netSales)),
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
    const results = computeScenario(base, baseResults, s);
    const b = partiesView(base, baseResults, applied.customerIndex);
    baseView ??= b;
    const v = partiesView(applied.model, results, applied.customerIndex);
    out.push({
      scenarioId: s.id,
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
    });
  }
  return { base: baseView ?? partiesView(base, baseResults, 0), scenarios: out };
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
): Ledger {
  const c = base.customers.findIndex((x) => x.id === scenario.customerId);
  const b = partiesView(base, baseResults, c);
  const valueOf = (changes: readonly ScenarioChange[]) => {
    const s = { ...scenario, changes };
    const applied = applyScenario(base, s);
    const v = partiesView(applied.model, computeScenario(base, baseResults, s), c);
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

/** Limits finance sets (Settings), each optional. */
export interface GuardrailLimits {
  /** Minimum customer contribution, % of net sales. */
  minContributionPct?: number;
  /** Minimum gross margin, % of net sales. */
  minGrossMarginPct?: number;
  /** Maximum trade spend, % of gross sales. */
  maxTradeSpendPct?: number;
  /** Trade budget per customer, MXN (trade spend may not exceed it). */
  tradeBudget?: Readonly<Record<string, number>>;
  /** Maximum promotional spend, % of gross sales. */
  maxPromoSpendPct?: number;
}

export interface GuardrailCheck {
  id: 'min_contribution_pct' | 'min_gross_margin_pct' | 'max_trade_spend_pct' | 'trade_budget' | 'max_promo_spend_pct';
  label: Text;
  limit: number;
  value: number | null;
  pass: boolean;
  /** Distance to the limit on the acceptable side (+) or beyond it (−), in the limit's unit. */
  distance: number | null;
}

export function guardrails(view: PartiesView, customerId: string, limits: GuardrailLimits): GuardrailCheck[] {
  const out: GuardrailCheck[] = [];
  const atLeast = (id: GuardrailCheck['id'], label: Text, limit: number, value: number | null) =>
    out.push({
      id,
      label,
      limit,
      value,
      pass: value !== null && value >= limit,
      distance: value === null ? null : value - limit,
    });
  const atMost = (id: GuardrailCheck['id'], label: Text, limit: number, value: number | null) =>
    out.push({
      id,
      label,
      limit,
      value,
      pass: value !== null && value <= limit,
      distance: value === null ? null : limit - value,
    });
  const m = view.maker;
  const gm = m.netSales !== 0 ? m.grossProfit / m.netSales : null;
  if (limits.minContributionPct !== undefined) {
    atLeast(
      'min_contribution_pct',
      { es: 'Contribución mínima (% de venta neta)', en: 'Minimum contribution (% of net sales)' },
      limits.minContributionPct,
      m.contributionPct,
    );
  }
  if (limits.minGrossMarginPct !== undefined) {
    atLeast(
      'min_gross_margin_pct',
      { es: 'Margen bruto mínimo', en: 'Minimum gross margin' },
      limits.minGrossMarginPct,
      gm,
    );
  }
  if (limits.maxTradeSpendPct !== undefined) {
    atMost(
      'max_trade_spend_pct',
      { es: 'Gasto comercial máximo (% de venta bruta)', en: 'Maximum trade spend (% of gross sales)' },
      limits.maxTradeSpendPct,
      m.tradeSpendPct,
    );
  }
  const budget = limits.tradeBudget?.[customerId];
  if (budget !== undefined) {
    atMost(
      'trade_budget',
      { es: 'Presupuesto comercial del cliente', en: "Customer's trade budget" },
      budget,
      m.tradeSpend,
    );
  }
  if (limits.maxPromoSpendPct !== undefined) {
    const promo = m.grossSales !== 0 ? m.promoSpend / m.grossSales : null;
    atMost(
      'max_promo_spend_pct',
      { es: 'Gasto promocional máximo (% de venta bruta)', en: 'Maximum promotional spend (% of gross sales)' },
      limits.maxPromoSpendPct,
      promo,
    );
  }
  return out;
}
