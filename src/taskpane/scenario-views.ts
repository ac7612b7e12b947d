/**
 * What the pane shows of a customer's negotiation, as plain data built from the engine: each scenario's view for
 * both parties (computeScenario, recomputing that customer only; cached per workbook read and scenario object, so
 * an edit recomputes the pane's draft and nothing else), the comparison cells with their deltas against the base
 * (MXN; percentage points for ratios), the guardrails ✔/✘ with the distance to each limit, the give/get ledger, and
 * the limits a walk-away can be searched against. Labels from i18n and the engine's registries.
 */
import {
  applyScenario,
  computeScenario,
  fmtGuardrail,
  giveGetLedger,
  GUARDRAIL_IDS,
  GUARDRAIL_SPECS,
  guardrailLimits,
  guardrails,
  METRIC_BY_ID,
  partiesView,
  describeChange,
  type GuardrailCheck,
  type GuardrailId,
  type Ledger,
  type LedgerAttribution,
  type MetricId,
  type PartiesView,
} from '../engine';
import type { Lang, Model, Scenario } from '../engine/model';
import type { ModelResults } from '../engine/results';
import { compactMoney, formatters, pointsDelta } from './format';
import { localeOf, type Texts } from './i18n';

/** One column of the comparison: the base, a workbook scenario or the pane's draft. */
export interface ScenarioColumn {
  key: string;
  /** Short heading (the scenario's id, «Base», «Borrador»). */
  title: string;
  /** Its name, kind and status, for the heading's tooltip and accessible name. */
  detail: string;
  view: PartiesView;
  checks: GuardrailCheck[];
}

/** Both parties' figures and the guardrails of a scenario: the engine's, cached per read and scenario object. */
export interface ScenarioFigures {
  view: PartiesView;
  checks: GuardrailCheck[];
}

const figuresCache = new WeakMap<ModelResults, WeakMap<Scenario, ScenarioFigures>>();

/**
 * A workbook scenario's figures: computeScenario of its customer on the workbook's results, once per object. On the
 * scratch line buffers the ledger's recomputes use (the view is read at once and holds plain numbers): a plain
 * recompute copies every line of the workbook first, a quarter of a second per scenario at 300k lines.
 */
export function scenarioFigures(base: Model, baseResults: ModelResults, scenario: Scenario): ScenarioFigures {
  let byScenario = figuresCache.get(baseResults);
  if (!byScenario) figuresCache.set(baseResults, (byScenario = new WeakMap()));
  const hit = byScenario.get(scenario);
  if (hit) return hit;
  const applied = applyScenario(base, scenario);
  const results = computeScenario(base, baseResults, scenario, { scratch: true });
  const view = partiesView(applied.model, results, applied.customerIndex);
  const figures = { view, checks: guardrails(view, guardrailLimits(base, scenario.customerId)) };
  byScenario.set(scenario, figures);
  return figures;
}

/** The figures of a model already computed (the base, or the pane's edited model when it is the draft exactly). */
export function modelFigures(model: Model, results: ModelResults, customerIndex: number): ScenarioFigures {
  const view = partiesView(model, results, customerIndex);
  return { view, checks: guardrails(view, guardrailLimits(model, model.customers[customerIndex].id)) };
}

const ledgerCache = new WeakMap<ModelResults, WeakMap<Scenario, Partial<Record<LedgerAttribution, Ledger>>>>();

/** A scenario's give/get ledger (each lever recomputes the customer): cached per read, scenario and attribution. */
export function scenarioLedger(
  base: Model,
  baseResults: ModelResults,
  scenario: Scenario,
  attribution: LedgerAttribution,
): Ledger {
  let byScenario = ledgerCache.get(baseResults);
  if (!byScenario) ledgerCache.set(baseResults, (byScenario = new WeakMap()));
  let byAttribution = byScenario.get(scenario);
  if (!byAttribution) byScenario.set(scenario, (byAttribution = {}));
  return (byAttribution[attribution] ??= giveGetLedger(base, baseResults, scenario, attribution));
}

export type CompareRowId =
  'contribution' | 'contribution_pct' | 'trade_spend' | 'trade_spend_pct' | 'retailer_total' | 'joint_value';

interface CompareRowSpec {
  id: CompareRowId;
  party: 'maker' | 'retailer' | 'joint';
  unit: 'mxn' | 'pct';
  /** 1: up is good for the maker, -1: up is bad, 0: the other party's money (no colour). */
  good: 1 | -1 | 0;
  /** The engine's metric whose formula the row shows, when there is one. */
  metric?: MetricId;
  value: (v: PartiesView) => number | null;
}

/** The comparison's rows: the maker's contribution and trade spend (MXN and %), the retailer's margin, the joint value. */
export const COMPARE_ROWS: readonly CompareRowSpec[] = [
  {
    id: 'contribution',
    party: 'maker',
    unit: 'mxn',
    good: 1,
    metric: 'contribution',
    value: (v) => v.maker.contribution,
  },
  {
    id: 'contribution_pct',
    party: 'maker',
    unit: 'pct',
    good: 1,
    metric: 'contribution_pct',
    value: (v) => v.maker.contributionPct,
  },
  {
    id: 'trade_spend',
    party: 'maker',
    unit: 'mxn',
    good: -1,
    metric: 'trade_spend',
    value: (v) => v.maker.tradeSpend,
  },
  {
    id: 'trade_spend_pct',
    party: 'maker',
    unit: 'pct',
    good: -1,
    metric: 'trade_spend_pct',
    value: (v) => v.maker.tradeSpendPct,
  },
  { id: 'retailer_total', party: 'retailer', unit: 'mxn', good: 0, value: (v) => v.retailer.total },
  { id: 'joint_value', party: 'joint', unit: 'mxn', good: 1, value: (v) => v.joint },
];

export interface CompareCell {
  /** Shown value (money abbreviated) and its exact text; raw number (null: not defined). */
  value: string;
  exact: string;
  raw: number | null;
  /** Change against the base (null in the base's own column): shown, exact, raw (MXN or a fraction for pp). */
  delta: string | null;
  deltaExact: string | null;
  deltaRaw: number | null;
  /** 1 helps the maker, -1 hurts it, 0 neither or not the maker's money. */
  direction: 1 | -1 | 0;
}

export interface CompareRow {
  id: CompareRowId;
  label: string;
  /** Full name and formula, for the tooltip. */
  hint: string;
  cells: CompareCell[];
}

const exactPoints = new Map<Lang, Intl.NumberFormat>();

/** Percentage points with two decimals, signed: the exact figure behind "+1.5 pp". */
export function exactPointsText(fraction: number, lang: Lang): string {
  let f = exactPoints.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: 'exceptZero',
    });
    exactPoints.set(lang, f);
  }
  return Number.isFinite(fraction) ? `${f.format(fraction * 100)}\u00a0pp` : '—';
}

const signedMoney = new Map<Lang, Intl.NumberFormat>();

function exactSignedMoney(value: number, lang: Lang): string {
  let f = signedMoney.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), {
      style: 'currency',
      currency: 'MXN',
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: 'exceptZero',
    });
    signedMoney.set(lang, f);
  }
  return Number.isFinite(value) ? f.format(value) : '—';
}

function cellOf(spec: CompareRowSpec, v: PartiesView, base: PartiesView | null, lang: Lang): CompareCell {
  const f = formatters(lang);
  const x = spec.value(v);
  const pct = spec.unit === 'pct';
  const shown = x === null ? '—' : pct ? f.pct(x) : compactMoney(x, lang);
  const exact = x === null ? '—' : pct ? f.pct(x) : f.money(x);
  if (base === null)
    return { value: shown, exact, raw: x, delta: null, deltaExact: null, deltaRaw: null, direction: 0 };
  const b = spec.value(base);
  const d = x === null || b === null ? null : x - b;
  if (d === null) return { value: shown, exact, raw: x, delta: '—', deltaExact: '—', deltaRaw: null, direction: 0 };
  const rounded = pct ? Math.round(d * 1000) : Math.round(d * 100);
  const sign = rounded === 0 ? 0 : rounded > 0 ? 1 : -1;
  return {
    value: shown,
    exact,
    raw: x,
    delta: pct ? pointsDelta(d, lang) : compactMoney(d, lang, { signed: true }),
    deltaExact: pct ? exactPointsText(d, lang) : exactSignedMoney(d, lang),
    deltaRaw: d,
    direction: sign === 0 || spec.good === 0 ? 0 : ((sign * spec.good) as 1 | -1),
  };
}

/** The comparison's rows over the columns; the first column is the base (no delta). */
export function compareRowsOf(columns: readonly ScenarioColumn[], t: Texts, lang: Lang): CompareRow[] {
  const base = columns[0]?.view ?? null;
  return COMPARE_ROWS.map((spec) => {
    const metric = spec.metric ? METRIC_BY_ID.get(spec.metric) : undefined;
    const hint = metric ? `${metric[lang]} · ${t.formula}: ${metric.formula[lang]}` : t.scnRowHints[spec.id];
    return {
      id: spec.id,
      label: t.scnRows[spec.id],
      hint,
      cells: columns.map((c, k) => cellOf(spec, c.view, k === 0 ? null : base, lang)),
    };
  });
}

export interface GuardrailCell {
  pass: boolean;
  /** The distance to the limit, signed in its unit ("+0.28 pp", "-$341.1 mil"), or "—" when there is no value. */
  distance: string;
  /** Everything in words: value, limit, passed or not, distance. */
  full: string;
  /** The raw distance (limit's unit; fractions for %), for tests. */
  distanceRaw: number | null;
}

export interface GuardrailRow {
  id: GuardrailId;
  label: string;
  cells: (GuardrailCell | null)[];
}

function distanceText(check: GuardrailCheck, lang: Lang): string {
  const d = check.distance;
  if (d === null) return '—';
  switch (check.unit) {
    case 'pct':
      return exactPointsText(d, lang);
    case 'mxn':
      return compactMoney(d, lang, { signed: true });
    default: {
      const s = fmtGuardrail(Math.abs(d), check.unit, lang);
      return d === 0 ? s : `${d > 0 ? '+' : '-'}${s}`;
    }
  }
}

/** The guardrails of each column, one row per limit (the same limits apply to every column of a customer). */
export function guardrailRowsOf(columns: readonly ScenarioColumn[], t: Texts, lang: Lang): GuardrailRow[] {
  const ids = GUARDRAIL_IDS.filter((id) => columns.some((c) => c.checks.some((x) => x.id === id)));
  return ids.map((id) => ({
    id,
    label: t.guardrails[id],
    cells: columns.map((c) => {
      const check = c.checks.find((x) => x.id === id);
      if (!check) return null;
      const limit = fmtGuardrail(check.limit, check.unit, lang);
      const value = check.value === null ? t.scnNoValue : fmtGuardrail(check.value, check.unit, lang);
      const distance = distanceText(check, lang);
      const about = check.about ? ` (${check.about})` : '';
      return {
        pass: check.pass,
        distance,
        distanceRaw: check.distance,
        full: t.scnGuardrailFull(
          check.label[lang],
          `${value}${about}`,
          check.side === 'min' ? t.scnMin(limit) : t.scnMax(limit),
          check.pass,
          distance,
        ),
      };
    }),
  }));
}

export interface LedgerLineView {
  key: string;
  label: string;
  maker: { value: string; exact: string; raw: number };
  retailer: { value: string; exact: string; raw: number };
  interaction: boolean;
}

export interface LedgerView {
  lines: LedgerLineView[];
  total: LedgerLineView;
  method: string;
}

function amount(x: number, lang: Lang) {
  return { value: compactMoney(x, lang, { signed: true }), exact: exactSignedMoney(x, lang), raw: x };
}

/** The ledger's lines in words: each lever as the engine describes it (before → after), the interaction, the total. */
export function ledgerViewOf(base: Model, scenario: Scenario, ledger: Ledger, t: Texts, lang: Lang): LedgerView {
  const lines = ledger.lines.map((l, k) => ({
    key: `${l.change}:${k}`,
    label: l.change < 0 ? t.scnInteraction : describeChange(base, scenario, scenario.changes[l.change])[lang],
    maker: amount(l.maker, lang),
    retailer: amount(l.retailer, lang),
    interaction: l.change < 0,
  }));
  return {
    lines,
    total: {
      key: 'total',
      label: t.scnLedgerTotal,
      maker: amount(ledger.total.maker, lang),
      retailer: amount(ledger.total.retailer, lang),
      interaction: false,
    },
    method: ledger.method[lang],
  };
}

export interface GuardrailOption {
  id: GuardrailId;
  /** "Contribución mínima: 28.0 %". */
  label: string;
}

/** The limits that apply to a customer (Settings and its trade budget), in the engine's order, for a walk-away. */
export function guardrailOptionsOf(model: Model, customerId: string, t: Texts, lang: Lang): GuardrailOption[] {
  const limits = guardrailLimits(model, customerId);
  return GUARDRAIL_IDS.flatMap((id) => {
    const spec = GUARDRAIL_SPECS[id];
    const limit = limits[spec.key];
    return limit === undefined ? [] : [{ id, label: `${t.guardrails[id]}: ${fmtGuardrail(limit, spec.unit, lang)}` }];
  });
}
