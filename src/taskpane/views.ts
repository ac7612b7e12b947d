/**
 * What the pane shows for a customer, as plain data built from the engine's results: KPI cards, waterfall steps
 * and P&L rows, with labels and formulas from the engine's METRICS registry (the same texts the result sheets use).
 */
import { METRIC_BY_ID, metricValue, type CostToServePlacement, type Lang, type MetricId } from '../engine';
import type { Customer, Measure, Model, Settings, Term } from '../engine/model';
import type { CustomerResult, Finding, ModelResults, PnlTotals, TermResult } from '../engine/results';
import type { Kpi } from './components/KpiStrip';
import type { PnlRow } from './components/PnlSummary';
import type { WaterfallStep } from './components/WaterfallChart';
import { compactMoney, formatDate, formatters, pointsDelta } from './format';
import { localeOf, texts, type Texts } from './i18n';

function metric(id: MetricId) {
  const m = METRIC_BY_ID.get(id);
  if (!m) throw new Error(`Unknown metric ${id}`);
  return m;
}

/** The five KPIs of issue 3: gross sales, trade spend % of gross, net sales, gross margin %, contribution %. */
export const KPI_IDS = ['gross_sales', 'trade_spend_pct', 'net_sales', 'gross_margin_pct', 'contribution_pct'] as const;
export type KpiId = (typeof KPI_IDS)[number];

/** Whether a KPI going up is good for the maker's P&L (trade spend going up is not). */
const GOOD_WHEN_UP: Record<KpiId, boolean> = {
  gross_sales: true,
  trade_spend_pct: false,
  net_sales: true,
  gross_margin_pct: true,
  contribution_pct: true,
};

const exactPoints = new Map<Lang, Intl.NumberFormat>();

/** A change in percentage points with two decimals, for the exact figure behind "+1.5 pp". */
function exactPointsDelta(fractionDelta: number, lang: Lang): string {
  let f = exactPoints.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: 'exceptZero',
    });
    exactPoints.set(lang, f);
  }
  return Number.isFinite(fractionDelta) ? `${f.format(fractionDelta * 100)}\u00a0pp` : '—';
}

const signedMoney = new Map<Lang, Intl.NumberFormat>();

function exactMoneyDelta(delta: number, lang: Lang): string {
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
  return Number.isFinite(delta) ? f.format(delta) : '—';
}

/**
 * The KPIs of a customer and, against the workbook's own values (base), how much each moved: MXN for money (short,
 * with the exact figure beside it), percentage points for percentages. Without base, every delta is zero.
 */
export function kpisOf(
  totals: PnlTotals,
  placement: CostToServePlacement,
  lang: Lang,
  base: PnlTotals = totals,
): Kpi[] {
  const f = formatters(lang);
  const t = texts(lang);
  return KPI_IDS.map((id) => {
    const m = metric(id);
    const v = metricValue(id, totals, placement);
    const b = metricValue(id, base, placement);
    const d = v - b;
    const pct = m.unit === 'pct';
    const rounded = pct ? Math.round(d * 1000) : Math.round(d * 100);
    const sign = rounded === 0 || !Number.isFinite(d) ? 0 : rounded > 0 ? 1 : -1;
    return {
      id,
      label: m[lang],
      short: t.kpiShort[id],
      value: pct ? f.pct(v) : compactMoney(v, lang),
      exact: pct ? f.pct(v) : f.money(v),
      raw: v,
      base: b,
      baseExact: pct ? f.pct(b) : f.money(b),
      delta: pct ? pointsDelta(d, lang) : compactMoney(d, lang, { signed: true }),
      deltaExact: pct ? exactPointsDelta(d, lang) : exactMoneyDelta(d, lang),
      deltaRaw: d,
      direction: sign === 0 ? 0 : sign > 0 === GOOD_WHEN_UP[id] ? 1 : -1,
      formula: m.formula[lang],
    };
  });
}

/**
 * list → on-invoice → invoice → off-invoice → (cost-to-serve, when the setting puts it inside) → pocket → COGS →
 * pocket margin, per unit.
 */
export function waterfallStepsOf(result: CustomerResult, placement: CostToServePlacement, t: Texts): WaterfallStep[] {
  const w = result.waterfall;
  const steps: WaterfallStep[] = [
    { id: 'list_price', label: t.steps.list, value: w.listPrice, kind: 'total' },
    { id: 'on_invoice_per_unit', label: t.steps.onInvoice, value: -w.onInvoicePerUnit, kind: 'delta' },
    { id: 'invoice_price', label: t.steps.invoice, value: w.invoicePrice, kind: 'total' },
    { id: 'off_invoice_per_unit', label: t.steps.offInvoice, value: -w.offInvoicePerUnit, kind: 'delta' },
  ];
  if (placement === 'inside_waterfall') {
    steps.push({
      id: 'cost_to_serve_per_unit',
      label: t.steps.costToServe,
      value: -w.costToServePerUnit,
      kind: 'delta',
    });
  }
  steps.push(
    { id: 'pocket_price', label: t.steps.pocket, value: w.pocketPrice, kind: 'total' },
    { id: 'cogs_per_unit', label: t.steps.cogs, value: -w.cogsPerUnit, kind: 'delta' },
    { id: 'pocket_margin', label: t.steps.pocketMargin, value: w.pocketMargin, kind: 'total' },
  );
  return steps;
}

const PNL_LINES: { id: MetricId; subtotal: boolean; sign: 1 | -1 }[] = [
  { id: 'gross_sales', subtotal: true, sign: 1 },
  { id: 'on_invoice', subtotal: false, sign: -1 },
  { id: 'invoice_sales', subtotal: true, sign: 1 },
  { id: 'off_invoice', subtotal: false, sign: -1 },
  { id: 'net_sales', subtotal: true, sign: 1 },
  { id: 'cogs', subtotal: false, sign: -1 },
  { id: 'gross_profit', subtotal: true, sign: 1 },
  { id: 'cost_to_serve', subtotal: false, sign: -1 },
  { id: 'contribution', subtotal: true, sign: 1 },
];

/** Deductions shown negative; every share is the line's money ÷ the customer's summed gross sales. */
export function pnlRowsOf(totals: PnlTotals, placement: CostToServePlacement, lang: Lang): PnlRow[] {
  const f = formatters(lang);
  return PNL_LINES.map(({ id, subtotal, sign }) => {
    const amount = sign * metricValue(id, totals, placement);
    return {
      id,
      label: metric(id)[lang],
      amount: compactMoney(amount, lang),
      amountExact: f.money(amount),
      amountRaw: amount,
      pctOfGross: totals.grossSales !== 0 ? f.pct(amount / totals.grossSales) : '—',
      subtotal,
    };
  });
}

/** How a term computes, as labelled tags: the variants the domain says must be named beside the money. */
export function termVariantsOf(term: Term, t: Texts): string[] {
  const tags = [term.onInvoice ? t.onInvoice : t.offInvoice, `${t.basis}: ${t.bases[term.basis]}`];
  if (term.tiers.length > 0) {
    tags.push(`${t.tierMethod}: ${term.tierMethod === 'marginal' ? t.marginal : t.allUnits}`);
    tags.push(`${t.measuredOn}: ${t.measures[term.tierMeasure]}`);
  }
  if (term.growth) {
    tags.push(t.growthPayOn[term.growth.payOn]);
    tags.push(term.growth.priceNeutral ? t.priceNeutral.yes : t.priceNeutral.no);
  }
  if (term.basis === 'fixed_amount') tags.push(`${t.allocation}: ${t.allocations[term.allocation]}`);
  return tags;
}

/** A condition's target or achievement in the unit of its measure. */
function measureAmount(measure: Measure, v: number, lang: Lang): string {
  const f = formatters(lang);
  if (measure === 'gross_sales' || measure === 'invoice_sales') return f.money(v);
  if (measure === 'volume') return f.units(v);
  return f.pct(v); // growth and manual achievement scores are fractions
}

export interface TermView {
  variants: string[];
  /** "Condición: volumen (unidades) ≥ 10,000 · cumplida", or null when the term has none. */
  condition: string | null;
  span: string;
  /** Written agreement: its date or the missing-basis warning, and the evidence reference when there is one. */
  agreement: { agreed: boolean; text: string; evidence: string | null };
  /** The engine's money and applied formula; null before the first computation. */
  amount: string | null;
  amountRaw: number;
  formula: string | null;
  findings: number;
}

export function termViewOf(term: Term, result: TermResult | undefined, t: Texts, lang: Lang): TermView {
  const f = formatters(lang);
  let condition: string | null = null;
  if (term.condition) {
    const c = term.condition;
    condition = t.condition(t.measures[c.measure], measureAmount(c.measure, c.target, lang));
    if (c.measure === 'manual' && c.actual !== undefined && Number.isFinite(c.actual)) {
      condition += ` · ${t.conditionAchieved(measureAmount('manual', c.actual, lang))}`;
    }
    if (result) condition += ` · ${result.conditionMet ? t.conditionMet : t.conditionNotMet}`;
  }
  const agreed = term.agreedDate.trim() !== '';
  const evidence = term.evidenceRef.trim();
  return {
    variants: termVariantsOf(term, t),
    condition,
    span: t.span(term.periodFrom, term.periodTo),
    agreement: {
      agreed,
      text: agreed ? t.agreed(formatDate(term.agreedDate.trim(), lang)) : t.notAgreed,
      evidence: evidence ? t.evidence(evidence) : null,
    },
    amount: result ? f.money(result.amount) : null,
    amountRaw: result ? result.amount : NaN,
    formula: result ? result.formula[lang] : null,
    findings: result ? result.findings.length : 0,
  };
}

/** The engine's findings about one customer: its terms' and its cost-to-serve rows'. */
export function customerFindingsOf(results: ModelResults, model: Model, customerId: string): Finding[] {
  const own = new Set(model.terms.filter((term) => term.customerId === customerId).map((term) => term.id));
  return results.findings.filter((f) => f.customerId === customerId || (f.termId !== undefined && own.has(f.termId)));
}

/** The financing cost of the customer's payment days as the engine computed it, with its formula and inputs. */
export function financingTextOf(
  totals: PnlTotals,
  customer: Customer,
  settings: Settings,
  t: Texts,
  lang: Lang,
): string {
  const f = formatters(lang);
  return t.financing(
    f.money(totals.financingCost),
    f.money(totals.invoiceSales),
    f.units(customer.paymentDays),
    f.units(settings.daysInYear),
    f.pct(settings.costOfCapital),
  );
}
