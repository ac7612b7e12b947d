/** Sheet "TT Provisiones" / "TT Accruals": the monthly accrual schedule per term and interim-tier policy. */
import { type AccrualRow, type Lang, type Measure, type Model, type ModelResults, type Term } from '../../engine';
import { INTERIM_POLICY_VALUES, MEASURE_VALUES, PROMO_FUNDING_VALUES, TERM_KIND_VALUES } from '../contract/specs';
import type { ResultSheet } from '../port';
import { enumLabel, NO, RESULT_SHEET_NAMES, RESULT_TABLE_NAMES, YES } from './names';
import { rateKind } from './spend-sheet';
import { fx, NUMBER_FORMAT, num, SheetDraft, type Columns } from './tables';

/** The measure a term's tiers or target are read on (what ytdMeasure counts). */
function primaryMeasure(term: Term): Measure {
  if (term.tiers.length > 0) return term.tierMeasure;
  if (term.condition) return term.condition.measure;
  if (term.growth) return 'growth';
  if (term.basis === 'gross_sales' || term.basis === 'invoice_sales') return term.basis;
  if (term.basis === 'fixed_amount' && term.allocation === 'gross_sales') return 'gross_sales';
  return 'volume';
}

const PROMOTION = { es: 'promoción', en: 'promotion' };

export function accrualsSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const selected = model.settings.interimTierPolicy;
  const sheet = new SheetDraft('accruals', RESULT_SHEET_NAMES.accruals[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.accruals, [
    cols.field('term_id', 'text', 12),
    cols.field('customer_id', 'text', 12),
    cols.field('kind', 'text', 22),
    cols.field('period', 'text', 10),
    cols.field('policy', 'text', 22),
    cols.field('policy_selected', 'text', 12),
    cols.field('measure', 'text', 14),
    // Growth and manual scores are fractions, volumes and sales are not: each gets its own column and format, as
    // the effective rate does, so a 4.9 % growth never reads as "0.05".
    cols.metricAs('ytd_measure', 'ytd_measure', 'rate', '', 16, NUMBER_FORMAT),
    cols.metricAs('ytd_measure', 'ytd_measure_pct', 'rate', ' (%)', 12),
    cols.metricAs('tier_measure_used', 'tier_measure_used', 'rate', '', 16, NUMBER_FORMAT),
    cols.metricAs('tier_measure_used', 'tier_measure_used_pct', 'rate', ' (%)', 12),
    cols.metricAs('accrual_effective_rate', 'accrual_rate_pct', 'rate', ' (%)', 12),
    cols.metricAs('accrual_effective_rate', 'accrual_rate_unit', 'mxn_unit', ' (MXN/u)', 12),
    cols.metric('run_rate'),
    cols.metric('true_up'),
    cols.metric('accrual'),
    cols.metric('cumulative_accrual'),
  ]);
  const terms = new Map(model.terms.map((t, i) => [t.id, { term: t, order: i }] as const));
  const events = new Map((model.promotions ?? []).map((p) => [p.id, p] as const));
  const periodOrder = new Map(model.periods.map((p) => [p.id, p.index]));
  // Term (workbook order) → selected policy first → period: each group reads as a running schedule.
  const rows = [...results.accruals].sort((a, b) => {
    const ta = terms.get(a.termId)?.order ?? Infinity;
    const tb = terms.get(b.termId)?.order ?? Infinity;
    if (ta !== tb) return ta - tb;
    // Promotions (after the terms) grouped by event, so each reads as its own running schedule.
    if (a.termId !== b.termId) return a.termId < b.termId ? -1 : 1;
    if (a.policy !== b.policy)
      return a.policy === selected ? -1 : b.policy === selected ? 1 : a.policy < b.policy ? -1 : 1;
    return (periodOrder.get(a.periodId) ?? 0) - (periodOrder.get(b.periodId) ?? 0);
  });
  let previous: AccrualRow | undefined;
  for (const row of rows) {
    const term = terms.get(row.termId)?.term;
    const kind = term ? rateKind(term) : 'pct';
    const measure = term ? primaryMeasure(term) : 'volume';
    const fractionMeasure = measure === 'growth' || measure === 'manual';
    const r = d.nextRow;
    const a = (id: string) => d.at(id, r);
    const continues = previous !== undefined && previous.termId === row.termId && previous.policy === row.policy;
    d.add({
      term_id: row.termId,
      customer_id: row.customerId,
      kind: term
        ? enumLabel(TERM_KIND_VALUES, term.kind, lang)
        : events.has(row.termId)
          ? `${PROMOTION[lang]} (${enumLabel(PROMO_FUNDING_VALUES, events.get(row.termId)!.funding, lang)})`
          : '',
      period: row.periodId,
      policy: enumLabel(INTERIM_POLICY_VALUES, row.policy, lang),
      policy_selected: (row.policy === selected ? YES : NO)[lang],
      measure: term ? enumLabel(MEASURE_VALUES, measure, lang) : '',
      [fractionMeasure ? 'ytd_measure_pct' : 'ytd_measure']: num(row.ytdMeasure),
      [fractionMeasure ? 'tier_measure_used_pct' : 'tier_measure_used']: num(row.tierMeasureUsed),
      accrual_rate_pct: kind === 'pct' ? num(row.effectiveRate) : null,
      accrual_rate_unit: kind === 'unit' ? num(row.effectiveRate) : null,
      run_rate: row.runRate,
      true_up: row.trueUp,
      accrual: fx(`=${a('run_rate')}+${a('true_up')}`, row.accrual),
      // Running schedule: the cumulative of the row above (same term and policy) plus this period's accrual.
      cumulative_accrual: fx(
        continues ? `=${d.at('cumulative_accrual', r - 1)}+${a('accrual')}` : `=${a('accrual')}`,
        row.cumulative,
      ),
    });
    previous = row;
  }
  return sheet.toSheet();
}
