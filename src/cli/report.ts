/**
 * What the CLI prints after a run: a short per-customer summary for people (pesos as "$" like the pane and the result
 * sheets, money headers naming MXN) and, with --json, every metric keyed by its stable id for
 * machines.
 */
import {
  fmtMoney,
  fmtNumber,
  METRIC_BY_ID,
  METRICS,
  metricValue,
  type Lang,
  type Model,
  type ModelResults,
  type Negotiation,
  type PnlTotals,
} from '../engine';
import type { ContractError, ProblemTotals } from '../workbook/contract/errors';
import type { SourceInfo } from '../workbook/port';
import { settingsNotUsed } from '../workbook/results';

/** Columns of the summary: customer, gross sales, trade spend %, net sales, contribution %. */
const SUMMARY_METRICS = ['gross_sales', 'trade_spend_pct', 'net_sales', 'contribution_pct'] as const;

/**
 * The engine's own number text ("$1,234.50", "12.3%" in both languages, "—" when undefined), not Intl: the result
 * sheets' text, and no ICU set-up (~20 ms, a tenth of a run on the sample) for five lines of text. It differs from
 * Intl's only at exact half-centavo ties of a double (toFixed's rounding) and for a negative that rounds to zero
 * ("$0.00", not "-$0.00").
 */
const summaryMoney = (x: number) => (Number.isFinite(x) ? fmtMoney(x) : '—');
const summaryPct = (x: number) => (Number.isFinite(x) ? `${fmtNumber(x * 100, 1)}%` : '—');

/** A plain-text table: first column left-aligned, numbers right-aligned, a rule under the header and above the total. */
function textTable(header: string[], rows: string[][], total: string[]): string {
  const all = [header, ...rows, total];
  const widths = header.map((_, j) => Math.max(...all.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line), rule, line(total)].join('\n');
}

export function summaryTable(model: Model, results: ModelResults, lang: Lang): string {
  const placement = model.settings.costToServePlacement;
  const cells = (t: PnlTotals) =>
    SUMMARY_METRICS.map((id) => {
      const v = metricValue(id, t, placement);
      return METRIC_BY_ID.get(id)!.unit === 'pct' ? summaryPct(v) : summaryMoney(v);
    });
  const header = [
    lang === 'es' ? 'Cliente' : 'Customer',
    ...SUMMARY_METRICS.map((id) => {
      const m = METRIC_BY_ID.get(id)!;
      return m.unit === 'mxn' ? `${m[lang]} (MXN)` : m[lang];
    }),
  ];
  const rows = results.customers.map((cr, c) => {
    const customer = model.customers[c];
    return [`${customer.name} (${customer.id})`, ...cells(cr.totals)];
  });
  return textTable(header, rows, [lang === 'es' ? 'Portafolio' : 'Portfolio', ...cells(results.portfolio)]);
}

/** Every P&L and waterfall metric of a group of lines, keyed by metric id (undefined ratios → null). */
function metricsOf(t: PnlTotals, model: Model): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const m of METRICS) {
    if (m.group !== 'pnl' && m.group !== 'waterfall') continue;
    const v = metricValue(m.id, t, model.settings.costToServePlacement);
    out[m.id] = Number.isFinite(v) ? v : null;
  }
  return out;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface JsonRunInfo {
  output: string;
  source: SourceInfo;
  runAt: Date;
  lang: Lang;
  warnings: readonly ContractError[];
  negotiations?: readonly Negotiation[];
}

/** The --json document of a successful run. Term and accrual fields carry their metric ids as keys. */
export function jsonReport(model: Model, results: ModelResults, info: JsonRunInfo): unknown {
  return {
    ok: true,
    output: info.output,
    source: info.source,
    runAt: info.runAt.toISOString(),
    lang: info.lang,
    settings: model.settings,
    /** Settings read and echoed above that this run's results do not use (the ROI variant without promotions…). */
    settingsNotUsedYet: Object.entries(settingsNotUsed(model)).map(([id, why]) => ({ id, es: why.es, en: why.en })),
    metrics: METRICS.map((m) => ({ id: m.id, unit: m.unit, group: m.group, es: m.es, en: m.en, formula: m.formula })),
    portfolio: metricsOf(results.portfolio, model),
    customers: results.customers.map((cr, c) => {
      const customer = model.customers[c];
      return {
        id: customer.id,
        name: customer.name,
        channel: customer.channel,
        metrics: metricsOf(cr.totals, model),
        products: [...cr.byProduct.keys()]
          .sort((a, b) => a - b)
          .map((p) => ({ sku: model.products[p].sku, metrics: metricsOf(cr.byProduct.get(p)!, model) })),
      };
    }),
    terms: results.terms.map((tr) => ({
      termId: tr.termId,
      customerId: tr.customerId,
      kind: tr.kind,
      onInvoice: tr.onInvoice,
      conditionMet: tr.conditionMet,
      metrics: {
        term_amount: finite(tr.amount),
        term_basis: finite(tr.basisValue),
        term_measure: finite(tr.measureValue),
        effective_rate: finite(tr.effectiveRate),
      },
      formula: tr.formula,
    })),
    accruals: results.accruals.map((a) => ({
      termId: a.termId,
      customerId: a.customerId,
      periodId: a.periodId,
      policy: a.policy,
      selected: a.policy === model.settings.interimTierPolicy,
      metrics: {
        ytd_measure: finite(a.ytdMeasure),
        tier_measure_used: finite(a.tierMeasureUsed),
        accrual_effective_rate: finite(a.effectiveRate),
        run_rate: finite(a.runRate),
        true_up: finite(a.trueUp),
        accrual: finite(a.accrual),
        cumulative_accrual: finite(a.cumulative),
      },
    })),
    findings: results.findings,
    totals: totalsOf([], info.warnings),
    warnings: info.warnings.map((w) => jsonProblem(w, info.lang)),
    negotiations: (info.negotiations ?? []).map((n) => jsonNegotiation(n)),
  };
}

/**
 * A customer's negotiation for --json: each scenario with its levers, both parties' figures and deltas, its
 * ledger, guardrails and walk-away points (lever values in their own unit: fractions for rates).
 */
function jsonNegotiation(n: Negotiation): unknown {
  return {
    customerId: n.customerId,
    base: n.base,
    baseGuardrails: n.baseChecks,
    promotionsByRoi: n.promotionsByRoi,
    scenarios: n.scenarios.map((s) => ({
      id: s.scenario.id,
      name: s.scenario.name,
      kind: s.scenario.kind,
      status: s.scenario.status,
      author: s.scenario.author,
      date: s.scenario.date,

      changes: s.scenario.changes.map(({ source, ...ch }) => ch),
      parties: s.comparison.view,
      delta: s.comparison.delta,
      ledger: s.ledger,
      guardrails: s.checks,
      walkAways: s.walkAways.map((w) => ({
        lever: w.lever,
        label: w.leverLabel,
        unit: w.unit,
        guardrail: w.guardrail,
        limit: w.limit,
        status: w.result.status,
        from: w.result.from,
        walkAway: w.result.walkAway,
        room: w.result.room,
        crossings: w.result.crossings.map((c) => ({ at: c.at, kind: c.kind })),
        evaluations: w.result.evaluations,
        sentence: w.sentence,
      })),
    })),
  };
}

/** One contract error or warning for --json: located, both languages, and its count when it stands for several. */
function jsonProblem(e: ContractError, lang: Lang): unknown {
  return {
    code: e.code,
    sheet: e.sheet,
    table: e.table,
    row: e.row ?? null,
    column: e.column ?? null,
    address: e.address ?? null,
    count: e.count ?? 1,
    addresses: e.addresses ?? (e.address ? [e.address] : []),
    explains: e.explains ?? 0,
    message: e[lang],
    es: e.es,
    en: e.en,
  };
}

/** Totals when the parser's are not at hand: every listed cause counted with its cells. */
export function totalsOf(errors: readonly ContractError[], warnings: readonly ContractError[]): ProblemTotals {
  const cells = (list: readonly ContractError[]) => list.reduce((n, e) => n + (e.count ?? 1) + (e.explains ?? 0), 0);
  return {
    errors: cells(errors),
    causes: errors.filter((e) => e.code !== 'too_many_errors').length,
    warnings: cells(warnings),
    warningCauses: warnings.length,
    explained: errors.reduce((n, e) => n + (e.explains ?? 0), 0),
  };
}

/** The --json document of an invalid input: every cause, located, root causes first; warnings; exact totals. */
export function jsonErrors(
  errors: readonly ContractError[],
  lang: Lang,
  more: { warnings?: readonly ContractError[]; totals?: ProblemTotals } = {},
): unknown {
  const warnings = more.warnings ?? [];
  return {
    ok: false,
    totals: more.totals ?? totalsOf(errors, warnings),
    errors: errors.map((e) => jsonProblem(e, lang)),
    warnings: warnings.map((w) => jsonProblem(w, lang)),
  };
}
