/**
 * The negotiation of one customer: its scenarios next to the base for both parties, each scenario's ledger and
 * guardrails, the walk-away point of each numeric lever against each limit finance set, the events ranked by ROI,
 * and a few plain sentences generated from the numbers. Every numeric lever kind is declared once in LEVER_KINDS
 * with what conceding means for it, the range searched, its tolerance and its unit (the walk-away reads them).
 *
 * @example
 * const n = negotiation(model, results, 'WMX');
 * n.scenarios[1].walkAways[0].sentence.es // 'Puede llegar hasta 11.4 % antes de que la contribución baje de 28 %.'
 * negotiationSentences(n, 'es') // ['La contrapropuesta cuesta $1.0 mdp (0.9 pp de venta neta) y deja …']
 */
import type { Lang, Model, PromotionField, Scenario, ScenarioChange, Term, Text } from './model';
import type { ModelResults, PnlTotals } from './results';
import { fmtNumber, fmtPct } from './format';
import { keepCustomerLines, recomputeOffInvoiceTerms, releaseScratch } from './engine';
import {
  applyScenario,
  comparisonOf,
  computeScenario,
  giveGetLedger,
  GUARDRAIL_SPECS,
  guardrailLimits,
  guardrails,
  guardrailValue,
  isMakerOnlyView,
  keptPromotionsMayDiffer,
  makerView,
  partiesView,
  PNL_GUARDRAILS,
  type GuardrailCheck,
  type Ledger,
  type LedgerAttribution,
  type PartiesView,
  type ScenarioComparison,
} from './scenarios';
import { labelOf, LEVER_FIELDS, SCENARIO_KINDS, type GuardrailId } from './vocabulary';
import { walkAway, walkAwaySentence, type LeverDirection, type WalkAwayResult } from './walkaway';

/** A numeric lever of a scenario: what it sets. price_change and volume levers are the scenario's change `change`. */
export type LeverRef =
  | { target: 'term'; id: string; field: 'rate' }
  | { target: 'term_tier'; id: string; index: number; field: 'from' | 'to' | 'rate' }
  | { target: 'promotion'; id: string; field: PromotionField }
  | { target: 'price_change'; change: number }
  | { target: 'volume'; change: number }
  | { target: 'cost'; kind: Extract<ScenarioChange, { target: 'cost' }>['kind'] };

export type LeverUnit = 'pct' | 'mxn' | 'mxn_unit' | 'units' | 'ratio';

/** What a lever kind means for the search: the way a concession goes, the range, the tolerance and the unit. */
interface LeverKind {
  concession: LeverDirection;
  unit: (model: Model, ref: LeverRef, customerId: string) => LeverUnit;
  /** Range searched around the current value x. */
  range: (x: number, unit: LeverUnit) => [number, number];
}

const TOLERANCE: Readonly<Record<LeverUnit, number>> = {
  pct: 0.00001, // 0.001 pp: a sentence shows 0.01 pp, rounded towards the current value
  mxn: 100,
  mxn_unit: 0.01,
  units: 1,
  ratio: 0.001,
};

/** Up to three times the current value, and at least a useful span of the unit. */
function upward(x: number, unit: LeverUnit): [number, number] {
  const span =
    unit === 'pct' ? 0.2 : unit === 'mxn' ? 1_000_000 : unit === 'mxn_unit' ? 10 : unit === 'units' ? 1e6 : 2;
  const max = Math.max(3 * x, x + span);
  return [0, unit === 'pct' ? Math.min(1, max) : max];
}

const termUnit = (model: Model, ref: LeverRef): LeverUnit => {
  const term = model.terms.find((t) => 'id' in ref && t.id === ref.id);
  if (!term) return 'pct';
  if (ref.target === 'term_tier' && ref.field !== 'rate') {
    return term.tierMeasure === 'volume' ? 'units' : term.tierMeasure.endsWith('sales') ? 'mxn' : 'pct';
  }
  return term.basis === 'fixed_amount' ? 'mxn' : term.basis === 'volume' ? 'mxn_unit' : 'pct';
};

/** The lever kinds, each declared once: the walk-away, the tables and the pane read them from here. */
export const LEVER_KINDS: Readonly<Record<string, LeverKind>> = {
  'term.rate': { concession: 'up', unit: termUnit, range: upward },
  'term_tier.rate': { concession: 'up', unit: termUnit, range: upward },
  // A lower threshold makes a tier easier to reach: conceding goes down.
  'term_tier.from': { concession: 'down', unit: termUnit, range: (x, u) => [0, Math.max(2 * x, upward(x, u)[1])] },
  'term_tier.to': { concession: 'down', unit: termUnit, range: (x, u) => [0, Math.max(2 * x, upward(x, u)[1])] },
  'promotion.depth': {
    concession: 'up',
    unit: (m, ref) => {
      const p = (m.promotions ?? []).find((x) => 'id' in ref && x.id === ref.id);
      return p?.mechanics.includes('price_off_amount') ? 'mxn_unit' : 'pct';
    },
    range: (x, u) => (u === 'pct' ? [0, 0.9] : upward(x, u)),
  },
  'promotion.fundingRate': {
    concession: 'up',
    unit: (m, ref) =>
      (m.promotions ?? []).find((x) => 'id' in ref && x.id === ref.id)?.funding === 'lump_sum' ? 'mxn' : 'mxn_unit',
    range: upward,
  },
  'promotion.fixedCosts': { concession: 'up', unit: () => 'mxn', range: upward },
  'promotion.makerShare': { concession: 'up', unit: () => 'pct', range: () => [0, 1] },
  'promotion.passThrough': { concession: 'down', unit: () => 'pct', range: () => [0, 1] },
  // Assumptions, not concessions: how far they can fall before a limit breaks.
  'promotion.uplift': { concession: 'down', unit: () => 'pct', range: (x) => [-0.5, Math.max(2, 2 * x)] },
  'promotion.cannibalisation': { concession: 'up', unit: () => 'pct', range: () => [0, 1] },
  'promotion.forwardBuy': { concession: 'up', unit: () => 'pct', range: () => [0, 1] },
  'promotion.dip': { concession: 'up', unit: () => 'pct', range: () => [0, 1] },
  // Giving up list price: the increase goes down.
  'price_change.changePct': {
    concession: 'down',
    unit: () => 'pct',
    range: (x) => [Math.min(-0.3, x), Math.max(0.3, x)],
  },
  'volume.changePct': { concession: 'down', unit: () => 'pct', range: (x) => [Math.min(-0.9, x), Math.max(1, x)] },
  'cost.rate': { concession: 'up', unit: costUnit, range: upward },
};

function costUnit(model: Model, ref: LeverRef, customerId: string): LeverUnit {
  const c = model.costToServe.find((x) => ref.target === 'cost' && x.kind === ref.kind && x.customerId === customerId);
  if (!c) return 'mxn_unit';
  return c.basis === 'fixed_amount'
    ? 'mxn'
    : c.basis === 'gross_sales' || c.basis === 'invoice_sales'
      ? 'pct'
      : 'mxn_unit';
}

export function leverKindOf(ref: LeverRef): string {
  const field = 'field' in ref ? ref.field : ref.target === 'cost' ? 'rate' : 'changePct';
  return `${ref.target}.${field}`;
}

/** The numeric levers a scenario sets, in its order (removals and added events are not numeric). */
export function numericLevers(scenario: Scenario): LeverRef[] {
  const out: LeverRef[] = [];
  scenario.changes.forEach((ch, k) => {
    switch (ch.target) {
      case 'term':
        if (ch.field === 'rate') out.push({ target: 'term', id: ch.id, field: 'rate' });
        break;
      case 'term_tier':
        if (ch.value !== null) out.push({ target: 'term_tier', id: ch.id, index: ch.index, field: ch.field });
        break;
      case 'promotion':
        if (ch.value !== null) out.push({ target: 'promotion', id: ch.id, field: ch.field });
        break;
      case 'price_change':
        out.push({ target: 'price_change', change: k });
        break;
      case 'volume':
        out.push({ target: 'volume', change: k });
        break;
      case 'cost':
        out.push({ target: 'cost', kind: ch.kind });
        break;
      default:
        break;
    }
  });
  return out;
}

const sameLever = (ch: ScenarioChange, k: number, ref: LeverRef): boolean => {
  switch (ref.target) {
    case 'term':
      return ch.target === 'term' && ch.field === 'rate' && ch.id === ref.id;
    case 'term_tier':
      return ch.target === 'term_tier' && ch.id === ref.id && ch.index === ref.index && ch.field === ref.field;
    case 'promotion':
      return ch.target === 'promotion' && ch.id === ref.id && ch.field === ref.field;
    case 'price_change':
    case 'volume':
      return k === ref.change && ch.target === ref.target;
    case 'cost':
      return ch.target === 'cost' && ch.kind === ref.kind;
  }
};

/** The lever's value in the scenario: its last change, or the base's value when the scenario does not set it. */
export function leverValue(model: Model, scenario: Scenario, ref: LeverRef): number {
  for (let k = scenario.changes.length - 1; k >= 0; k--) {
    const ch = scenario.changes[k];
    if (!sameLever(ch, k, ref)) continue;
    if (ch.target === 'price_change' || ch.target === 'volume') return ch.changePct;
    if ('value' in ch && typeof ch.value === 'number') return ch.value;
  }
  // Not set by the scenario: what the scenario's model holds (an added event's fields included).
  const m = applyScenario(model, scenario).model;
  switch (ref.target) {
    case 'term':
      return m.terms.find((t) => t.id === ref.id)?.rate ?? NaN;
    case 'term_tier': {
      const tier = m.terms.find((t) => t.id === ref.id)?.tiers[ref.index];
      const v = tier?.[ref.field];
      return typeof v === 'number' ? v : NaN;
    }
    case 'promotion': {
      const v = (m.promotions ?? []).find((p) => p.id === ref.id)?.[ref.field];
      return typeof v === 'number' ? v : NaN;
    }
    case 'cost':
      return m.costToServe.find((c) => c.customerId === scenario.customerId && c.kind === ref.kind)?.rate ?? NaN;
    default:
      return NaN;
  }
}

/** The scenario with the lever at x: its change replaced (the last one that sets it), or appended. */
export function withLever(scenario: Scenario, ref: LeverRef, x: number): Scenario {
  const changes = [...scenario.changes];
  let at = -1;
  for (let k = changes.length - 1; k >= 0 && at < 0; k--) if (sameLever(changes[k], k, ref)) at = k;
  const next: ScenarioChange =
    ref.target === 'term'
      ? { target: 'term', id: ref.id, field: 'rate', value: x }
      : ref.target === 'term_tier'
        ? { target: 'term_tier', id: ref.id, index: ref.index, field: ref.field, value: x }
        : ref.target === 'promotion'
          ? { target: 'promotion', id: ref.id, field: ref.field, value: x }
          : ref.target === 'cost'
            ? { target: 'cost', kind: ref.kind, field: 'rate', value: x }
            : {
                ...(changes[ref.change] as Extract<ScenarioChange, { target: 'price_change' | 'volume' }>),
                changePct: x,
              };
  if (at >= 0) changes[at] = next;
  else changes.push(next);
  return { ...scenario, changes };
}

/** The lever named for people: "tasa de WMX-03" / "WMX-03 rate", "escalón 3 de WMX-02: tasa". */
export function leverLabel(scenario: Scenario, ref: LeverRef, unit?: LeverUnit): Text {
  const field = (f: string) => LEVER_FIELDS.find((w) => w.id === f)!;
  switch (ref.target) {
    case 'term':
      // A fixed fee is an amount, not a rate.
      return unit === 'mxn'
        ? { es: `monto de ${ref.id}`, en: `${ref.id} amount` }
        : { es: `tasa de ${ref.id}`, en: `${ref.id} rate` };
    case 'term_tier':
      return {
        es: `${field(ref.field).es} del escalón ${ref.index + 1} de ${ref.id}`,
        en: `${ref.id} tier ${ref.index + 1} ${field(ref.field).en}`,
      };
    case 'promotion':
      return { es: `${field(ref.field).es} de ${ref.id}`, en: `${ref.id} ${field(ref.field).en}` };
    case 'price_change':
      return { es: 'cambio de precio de lista', en: 'list price change' };
    case 'volume':
      return { es: 'supuesto de volumen', en: 'volume assumption' };
    case 'cost': {
      void scenario;
      return { es: `tasa de costo de servir (${ref.kind})`, en: `cost-to-serve rate (${ref.kind})` };
    }
  }
}

/** How a metric is named in a sentence, with its article where Spanish needs one. */
const METRIC_WORDS: Readonly<Record<GuardrailId, Text>> = {
  min_contribution_pct: { es: 'la contribución', en: 'contribution' },
  min_gross_margin_pct: { es: 'el margen bruto', en: 'gross margin' },
  max_trade_spend_pct: { es: 'el gasto comercial', en: 'trade spend' },
  trade_budget: { es: 'el gasto comercial', en: 'trade spend' },
  max_promo_spend_pct: { es: 'el gasto promocional', en: 'promotional spend' },
  min_price_index: { es: 'el índice de precio', en: 'the price index' },
  max_price_index: { es: 'el índice de precio', en: 'the price index' },
  min_promotion_roi: { es: 'el ROI del peor evento', en: "the worst event's ROI" },
};

/** A value in its unit: 3.4 %, $1,250,000, $12.50 per unit, 1,800 u, 1.25. */
export function fmtLever(x: number, unit: LeverUnit, lang: Lang): string {
  switch (unit) {
    case 'pct': {
      const s = fmtNumber(x * 100, 2);
      return lang === 'es' ? `${s} %` : `${s}%`;
    }
    case 'mxn':
      return `$${fmtNumber(x, 0)}`;
    case 'mxn_unit':
      return `$${fmtNumber(x, 2)}`;
    case 'units':
      return fmtNumber(x, 0);
    case 'ratio':
      return fmtNumber(x, 2);
  }
}

/** A guardrail's value or limit in its unit. */
export function fmtGuardrail(x: number, unit: GuardrailCheck['unit'], lang: Lang): string {
  return unit === 'pct'
    ? fmtPct(Math.round(x * 1000) / 1000, lang)
    : unit === 'mxn'
      ? fmtMillions(x, lang)
      : fmtNumber(x, unit === 'index' ? 1 : 2);
}

/** Money for sentences: "$1.2 mdp" / "MXN 1.2 M" from a million up, "$845 mil" / "MXN 845 k" below. */
export function fmtMillions(x: number, lang: Lang): string {
  const a = Math.abs(x);
  const sign = x < 0 ? '-' : '';
  if (a >= 1e6) return lang === 'es' ? `${sign}$${fmtNumber(a / 1e6, 1)} mdp` : `${sign}MXN ${fmtNumber(a / 1e6, 1)} M`;
  if (a >= 1e3) return lang === 'es' ? `${sign}$${fmtNumber(a / 1e3, 0)} mil` : `${sign}MXN ${fmtNumber(a / 1e3, 0)} k`;
  return lang === 'es' ? `${sign}$${fmtNumber(a, 0)}` : `${sign}MXN ${fmtNumber(a, 0)}`;
}

export interface LeverWalkAway {
  lever: LeverRef;
  leverLabel: Text;
  unit: LeverUnit;
  guardrail: GuardrailId;
  limit: number;
  result: WalkAwayResult;
  sentence: Text;
}

/**
 * How far a lever of the scenario can go before a guardrail's metric reaches its limit (the settings' limit unless
 * one is given). null when no limit applies. Each evaluation recomputes the scenario's customer with the lever at x.
 */
export function leverWalkAway(
  model: Model,
  baseResults: ModelResults,
  scenario: Scenario,
  lever: LeverRef,
  guardrail: GuardrailId,
  limit?: number,
  views: Map<number, PartiesView> = new Map(),
  /** The scenario's own results, when the caller searches several of its levers (computed here otherwise). */
  own?: () => ScenarioOwn,
): LeverWalkAway | null {
  const spec = GUARDRAIL_SPECS[guardrail];
  const lim = limit ?? guardrailLimits(model, scenario.customerId)[spec.key];
  if (lim === undefined) return null;
  const kind = LEVER_KINDS[leverKindOf(lever)];
  const unit = kind.unit(model, lever, scenario.customerId);
  const from = leverValue(model, scenario, lever);
  const [min, max] = kind.range(from, unit);
  const c = model.customers.findIndex((x) => x.id === scenario.customerId);
  // Guardrails on the P&L read no event's ROI: the events' results may stay the base's, which keeps an off-invoice
  // lever on the fast path for a customer with events (the same P&L as a full recompute; a test checks it).
  const keepPromotions = guardrail !== 'min_promotion_roi';
  // An off-invoice term's lever moves nothing before the terms stage, whatever else the scenario changes (a price, a
  // volume): the scenario is computed once at its own value and each value of the lever is an off-invoice delta on it.
  // A cost-to-serve lever moves nothing before the customer's costs: each value redoes only the costs and the closing.
  const costLever = lever.target === 'cost';
  const onScenario =
    keepPromotions && searchedOnScenario(model, lever)
      ? (own?.() ?? scenarioOwn(model, baseResults, scenario))
      : undefined;
  // A P&L guardrail reads the customer's totals only: its searches compute no per-product roll-up and no view of
  // the price index, the events or the retailer (the same maker figures: makerView).
  const totalsOnly = PNL_GUARDRAILS.has(guardrail);
  const resultsAt = (s: Scenario, applied: Model): ModelResults => {
    if (onScenario) {
      // Only what the lever sets is taken from the model at x: the scenario's other changes are there too, as other
      // objects of the same values, and each would be redone as a changed term. (Costs are redone whole anyway.)
      const atX = costLever
        ? { ...onScenario.model, costToServe: applied.costToServe }
        : { ...onScenario.model, terms: withTermOf(onScenario.model.terms, applied.terms, lever) };
      const fast = recomputeOffInvoiceTerms(atX, onScenario.model, onScenario.results, c, {
        keepPromotions,
        scratch: true,
        totalsOnly,
      });
      if (fast) return fast;
    }
    // Each value's results are read into a view at once and dropped: the recompute may reuse its line buffers.
    return computeScenario(model, baseResults, s, { keepPromotions, scratch: true, totalsOnly });
  };
  const metric = (x: number): number => {
    // The customer's view at x is the same whatever the P&L guardrail: searches of one lever share it (`views`). A
    // view of the maker's figures only serves P&L guardrails: another guardrail computes the whole view again.
    let view = keepPromotions ? views.get(x) : undefined;
    if (view === undefined || (!totalsOnly && isMakerOnlyView(view))) {
      const s = withLever(scenario, lever, x);
      const applied = applyScenario(model, s).model;
      const results = resultsAt(s, applied);
      view = totalsOnly ? makerView(results, c) : partiesView(applied, results, c);
      if (keepPromotions) views.set(x, view);
    }
    return guardrailValue(guardrail, view).value ?? NaN;
  };
  // A tier bound jumps where it crosses the measure the term reaches.
  const breakpoints: number[] = [];
  if (lever.target === 'term_tier' && lever.field !== 'rate') {
    // Read at once (the term's measure): on the scratch buffers, which hold the same results but copy no lines.
    const measure = computeScenario(model, baseResults, scenario, { scratch: true }).terms.find(
      (t) => t.termId === lever.id,
    )?.measureValue;
    if (measure !== undefined && Number.isFinite(measure)) breakpoints.push(measure);
  }
  const result = walkAway({
    metric,
    from,
    min: Math.min(min, from),
    max: Math.max(max, from),
    limit: lim,
    acceptable: spec.side === 'min' ? 'above' : 'below',
    concession: kind.concession,
    breakpoints,
    tolerance: TOLERANCE[unit],
    interpolate: true,
    // A guardrail's metric moves with one lever monotonically between tier bounds, and the bounds are in the grid as
    // breakpoints: four intervals find its crossings (the sample's and a 10× workbook's walk-aways are the same as with
    // eight), and each scan point is a recompute of the customer.
    samples: 4,
  });
  const label = leverLabel(scenario, lever, unit);
  const labels = {
    // Spanish nouns differ in gender: the lever is named through «palanca», which is always feminine.
    lever: { es: `la palanca «${label.es}»`, en: `the ${label.en}` },
    metric: METRIC_WORDS[guardrail],
    limit: { es: fmtGuardrail(lim, spec.unit, 'es'), en: fmtGuardrail(lim, spec.unit, 'en') },
    format: (x: number, lang: Lang) => fmtLever(roundTowards(x, from, unit), unit, lang),
  };
  return {
    lever,
    leverLabel: label,
    unit,
    guardrail,
    limit: lim,
    result,
    sentence: { es: walkAwaySentence(result, labels, 'es'), en: walkAwaySentence(result, labels, 'en') },
  };
}

/**
 * A lever value rounded to its display step (0.01 pp, whole pesos or units, centavos) towards the current value
 * `from`: never past the limit, so a sentence never overstates the room and setting a field to it keeps the guardrail.
 *
 * @example
 * roundTowards(0.111105, 0.05, 'pct') // 0.1111
 */
export function roundTowards(x: number, from: number, unit: LeverUnit): number {
  const step = unit === 'pct' ? 0.0001 : unit === 'mxn' || unit === 'units' ? 1 : 0.01;
  const q = x / step;
  const r = (x >= from ? Math.floor(q + 1e-9) : Math.ceil(q - 1e-9)) * step;
  return Number(r.toPrecision(12));
}

/** Whether a lever sets an off-invoice term of the model (its searches are off-invoice deltas on the scenario). */
function offInvoiceTermLever(model: Model, lever: LeverRef): boolean {
  const term =
    lever.target === 'term' || lever.target === 'term_tier' ? model.terms.find((t) => t.id === lever.id) : undefined;
  return term !== undefined && !term.onInvoice;
}

/** The scenario's own terms with the lever's term as it is at x. */
function withTermOf(own: readonly Term[], atX: readonly Term[], lever: LeverRef): Term[] {
  const id = lever.target === 'term' || lever.target === 'term_tier' ? lever.id : undefined;
  const moved = atX.find((t) => t.id === id);
  return own.map((t) => (moved !== undefined && t.id === id ? moved : t));
}

/**
 * Whether a lever's searches are deltas on the scenario's own results (ScenarioOwn): an off-invoice term's (only its
 * money moves) and a cost-to-serve rate's (only the customer's costs and closing move).
 */
function searchedOnScenario(model: Model, lever: LeverRef): boolean {
  return lever.target === 'cost' || offInvoiceTermLever(model, lever);
}

/**
 * The scenario's own model and results (keepPromotions): what its off-invoice and cost levers' searches are deltas on. The
 * results' line columns need hold only the scenario's customer's lines (the searches read no other).
 */
export interface ScenarioOwn {
  model: Model;
  results: ModelResults;
}

function scenarioOwn(model: Model, baseResults: ModelResults, scenario: Scenario): ScenarioOwn {
  const applied = applyScenario(model, scenario);
  // Computed on the scratch buffers and only the customer's lines kept: its searches read nothing else, and a copy of
  // every line (128 MB on a million lines) per scenario cost more than the recompute.
  const results = computeScenario(model, baseResults, scenario, { keepPromotions: true, scratch: true });
  return { model: applied.model, results: keepCustomerLines(applied.model, results, applied.customerIndex) };
}

/** Guardrails a walk-away is searched against, in order: the ones that bound what the maker gives. */
export const WALK_AWAY_GUARDRAILS: readonly GuardrailId[] = [
  'min_contribution_pct',
  'max_trade_spend_pct',
  'trade_budget',
];

export interface ScenarioNegotiation {
  scenario: Scenario;
  comparison: ScenarioComparison;
  /** The scenario's customer's P&L totals, from the same results as the comparison's view (its waterfall reads them). */
  totals: PnlTotals;
  checks: GuardrailCheck[];
  ledger: Ledger;
  walkAways: LeverWalkAway[];
}

export interface Negotiation {
  customerId: string;
  customerName: string;
  base: PartiesView;
  baseChecks: GuardrailCheck[];
  scenarios: ScenarioNegotiation[];
  /** The customer's events in the base, best ROI first (settings' variant; undefined ROI last). */
  promotionsByRoi: { id: string; roi: number | null; spend: number; incrementalProfit: number }[];
}

export interface NegotiationOptions {
  attribution?: LedgerAttribution;
  /** Search the walk-away of every numeric lever (default true). */
  walkAways?: boolean;
  /** Only these scenarios (ids); default every scenario of the customer. */
  only?: readonly string[];
  /**
   * Keep the searches' line buffers when done (default false: released). For a caller that negotiates several
   * customers on the same results and calls releaseScratch(baseResults) after the last: each release made the next
   * customer allocate them again (128 MB on a million lines, zeroed by the allocator: 0.1–0.3 s each).
   */
  keepScratch?: boolean;
}

/** Everything the negotiation of one customer needs, from the model's scenarios. */
export function negotiation(
  model: Model,
  baseResults: ModelResults,
  customerId: string,
  options: NegotiationOptions = {},
): Negotiation {
  const c = model.customers.findIndex((x) => x.id === customerId);
  const customer = model.customers[c];
  const limits = guardrailLimits(model, customerId);
  const base = partiesView(model, baseResults, c);
  const list = (model.scenarios ?? []).filter(
    (s) => s.customerId === customerId && (!options.only || options.only.includes(s.id)),
  );
  const searchedLimit = WALK_AWAY_GUARDRAILS.some((g) => limits[GUARDRAIL_SPECS[g].key] !== undefined);
  const scenarios = list.map((scenario): ScenarioNegotiation => {
    const applied = applyScenario(model, scenario);
    const walks = options.walkAways !== false;
    // The scenario's own results (events' results kept), computed once: for the searches of its off-invoice term and
    // cost-to-serve levers (when there are some), the ledger's total and, when it is the same computation, the
    // comparison.
    let ownResults: ScenarioOwn | undefined =
      walks && searchedLimit && numericLevers(scenario).some((l) => searchedOnScenario(model, l))
        ? scenarioOwn(model, baseResults, scenario)
        : undefined;
    const own = () => (ownResults ??= scenarioOwn(model, baseResults, scenario));
    // Read into a view at once and dropped: the recompute may reuse its line buffers (scratch). The customer's totals
    // are an object of their own, kept for the scenario's waterfall.
    const kept =
      ownResults?.results ?? computeScenario(model, baseResults, scenario, { keepPromotions: true, scratch: true });
    const keptView = partiesView(applied.model, kept, c);
    let totals = kept.customers[c].totals;
    let view = keptView;
    if (keptPromotionsMayDiffer(model, applied)) {
      const full = computeScenario(model, baseResults, scenario, { scratch: true });
      view = partiesView(applied.model, full, c);
      totals = full.customers[c].totals;
    }
    const comparison = comparisonOf(scenario.id, view, base);
    const walkAways: LeverWalkAway[] = [];
    if (walks) {
      for (const lever of numericLevers(scenario)) {
        // At its current value the lever gives the scenario itself: the comparison's view, already computed.
        const views = new Map<number, PartiesView>([[leverValue(model, scenario, lever), comparison.view]]);
        for (const g of WALK_AWAY_GUARDRAILS) {
          const w = leverWalkAway(model, baseResults, scenario, lever, g, undefined, views, own);
          if (w) walkAways.push(w);
        }
      }
    }
    return {
      scenario,
      comparison,
      totals,
      checks: guardrails(comparison.view, limits),
      ledger: giveGetLedger(model, baseResults, scenario, options.attribution, keptView),
      walkAways,
    };
  });
  const gross = model.settings.roiVariant === 'gross_roi';
  const promotionsByRoi = (baseResults.promotions ?? [])
    .filter((p) => p.customerId === customerId)
    .map((p) => ({
      id: p.promotionId,
      roi: (gross ? p.roiGross : p.roiNet).value,
      spend: p.spend.total,
      incrementalProfit: p.incrementalProfit,
    }))
    .sort((a, b) => (b.roi ?? -Infinity) - (a.roi ?? -Infinity));
  // The searches are over: their line buffers need not outlive them (unless the caller has more customers to search).
  if (options.keepScratch !== true) releaseScratch(baseResults);
  return {
    customerId,
    customerName: customer.name,
    base,
    baseChecks: guardrails(base, limits),
    scenarios,
    promotionsByRoi,
  };
}

/** The article each scenario kind takes in Spanish (a sentence starts with it). */
const KIND_ARTICLE_ES: Readonly<Record<NonNullable<Scenario['kind']>, string>> = {
  base: 'La',
  proposal: 'La',
  counter_proposal: 'La',
  other: 'El escenario',
};

/** The scenario in a sentence: 'La contrapropuesta «Contrapropuesta Walmart»', 'The proposal "Annual"'. */
function scenarioWord(s: Scenario, lang: Lang): string {
  const kind = s.kind ?? 'proposal';
  const name = s.name && s.name !== s.id ? s.name : s.id;
  if (lang === 'en') return `The ${labelOf(SCENARIO_KINDS, kind, 'en')} "${name}"`;
  return kind === 'other'
    ? `El escenario «${name}»`
    : `${KIND_ARTICLE_ES[kind]} ${labelOf(SCENARIO_KINDS, kind, 'es')} «${name}»`;
}

/** A value against its limit, with one more decimal when both would read the same. */
function againstLimit(c: GuardrailCheck, lang: Lang): [string, string] {
  let v = fmtGuardrail(c.value ?? NaN, c.unit, lang);
  let l = fmtGuardrail(c.limit, c.unit, lang);
  if (v === l && c.unit === 'pct') {
    v = fmtPct(Math.round((c.value ?? NaN) * 100_000) / 100_000, lang);
    l = fmtPct(c.limit, lang);
  }
  return [v, l];
}

/**
 * Plain sentences from the numbers, for the internal summary: what each scenario costs or earns the maker, where it
 * leaves contribution against the minimum, which guardrails it breaks, and how far the first lever can go.
 *
 * @example
 * // 'Contrapropuesta «Contrapropuesta Walmart» cuesta $1.0 mdp (0.9 pp de venta neta) y deja la contribución en
 * //  27.6 %, bajo el mínimo de 28.0 %.'
 */
export function negotiationSentences(n: Negotiation, lang: Lang): string[] {
  const out: string[] = [];
  const net = n.base.maker.netSales;
  const es = lang === 'es';
  for (const s of n.scenarios) {
    const d = s.comparison.delta.makerContribution;
    const who = scenarioWord(s.scenario, lang);
    const pp = net !== 0 ? fmtNumber((Math.abs(d) / net) * 100, 1) : '—';
    const money = fmtMillions(Math.abs(d), lang);
    const head =
      d < 0
        ? es
          ? `${who} cuesta ${money} (${pp} pp de venta neta)`
          : `${who} costs ${money} (${pp} pp of net sales)`
        : es
          ? `${who} aporta ${money} (${pp} pp de venta neta)`
          : `${who} adds ${money} (${pp} pp of net sales)`;
    const pct = s.comparison.view.maker.contributionPct;
    const floor = s.checks.find((c) => c.id === 'min_contribution_pct');
    let tail = '';
    if (pct !== null) {
      const level = fmtPct(Math.round(pct * 1000) / 1000, lang);
      tail = es ? ` y deja la contribución en ${level}` : ` and leaves contribution at ${level}`;
      if (floor) {
        const lim = fmtPct(floor.limit, lang);
        tail += floor.pass
          ? es
            ? `, sobre el mínimo de ${lim}`
            : `, above the ${lim} minimum`
          : es
            ? `, bajo el mínimo de ${lim}`
            : `, under the ${lim} minimum`;
      }
    }
    out.push(`${head}${tail}.`);
    const retailer = s.comparison.delta.retailerTotal;
    out.push(
      es
        ? `El detallista ${retailer >= 0 ? 'gana' : 'pierde'} ${fmtMillions(Math.abs(retailer), lang)} de margen; el valor conjunto ${s.comparison.delta.joint >= 0 ? 'sube' : 'baja'} ${fmtMillions(Math.abs(s.comparison.delta.joint), lang)}.`
        : `The retailer ${retailer >= 0 ? 'gains' : 'loses'} ${fmtMillions(Math.abs(retailer), lang)} of margin; the joint value ${s.comparison.delta.joint >= 0 ? 'rises' : 'falls'} by ${fmtMillions(Math.abs(s.comparison.delta.joint), lang)}.`,
    );
    const failed = s.checks.filter((c) => !c.pass && c.id !== 'min_contribution_pct');
    if (failed.length > 0) {
      const list = failed
        .map((c) => {
          if (c.value === null) return c.label[lang];
          const [v, l] = againstLimit(c, lang);
          return `${c.label[lang]} ${v} (${es ? 'límite' : 'limit'} ${l})`;
        })
        .join('; ');
      out.push(es ? `Rompe: ${list}.` : `It breaks: ${list}.`);
    }
    const first = s.walkAways.find((w) => w.guardrail === 'min_contribution_pct' && w.result.status === 'found');
    if (first) {
      // Which lever the sentence is about, in front of it: "Tasa de WMX-03: puede llegar hasta 14.44 % …".
      const label = first.leverLabel[lang];
      const text = first.sentence[lang];
      out.push(`${label.charAt(0).toUpperCase()}${label.slice(1)}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`);
    }
  }
  return out;
}
