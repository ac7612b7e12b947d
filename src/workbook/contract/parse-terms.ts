/** Terms, their TermTiers and CostToServe: the money rules of each customer. */
import type {
  AllocationKey,
  Basis,
  Condition,
  CostToServe,
  CostToServeKind,
  Measure,
  Scope,
  ScopeKind,
  Term,
  TermKind,
  Text,
  TierMethod,
} from '../../engine/model';
import { isBlank } from './cells';
import { parsePeriodId, periodFirstDay, periodLastDay } from '../../engine/periods';
import { IdIndex, type ParseContext } from './context';
import { sourceOf } from './parse-customers';
import * as P from './problems';
import { SCOPE_KIND_VALUES } from './specs';
import type { BoundTable, Column } from './table';

type AnyBasis = CostToServe['basis'];

/** Per term, what the TermTiers pass and the final checks need. */
interface TermDraft {
  term: Term;
  r: number;
  /** The rate cell was blank (allowed only when tiers exist). */
  rateBlank: boolean;
  /** Basis as read; undefined when blank or invalid (already reported). */
  basis: Basis | undefined;
  lastTier?: { from: number; to: number | null; row: number };
}

export interface ParsedTerms {
  terms: Term[];
  index: IdIndex;
  drafts: TermDraft[];
  table: BoundTable;
}

const SALES_BASES: ReadonlySet<string> = new Set(['gross_sales', 'invoice_sales']);
const PERCENT_MEASURES: ReadonlySet<string> = new Set(['growth', 'manual']);

const EXPECTED: Record<string, Text> = {
  volume: { es: 'MXN por unidad', en: 'MXN per unit' },
  fixed_amount: { es: 'un monto en MXN', en: 'an MXN amount' },
  kg: { es: 'MXN por kg', en: 'MXN per kg' },
  litres: { es: 'MXN por litro', en: 'MXN per litre' },
  measure: { es: 'unidades o MXN', en: 'units or MXN' },
};

/**
 * A rate on a sales basis is a fraction ≤ 100 %; on any other basis it is money (MXN per unit, per kg, per litre,
 * or the lump sum of a fixed amount or of a tier of a tiered lump sum) and "5%" is a mistake.
 */
function checkRate(t: BoundTable, r: number, c: Column, x: number, basis: AnyBasis | undefined): void {
  if (basis === undefined || Number.isNaN(x)) return;
  if (SALES_BASES.has(basis)) {
    if (x > 1) t.error(r, c, 'rate_above_100', () => P.rateAbove100(x));
  } else if (t.wasPercent(r, c)) {
    t.error(r, c, 'percent_not_allowed', () => P.percentNotAllowed(t.cell(r, c), EXPECTED[basis]));
  }
}

/** Targets and tier bounds are growth fractions (or manual scores) or else units / MXN. */
function checkMeasureValue(
  t: BoundTable,
  r: number,
  c: Column,
  x: number | undefined,
  measure: Measure | undefined,
): void {
  if (x === undefined || Number.isNaN(x) || measure === undefined || PERCENT_MEASURES.has(measure)) return;
  if (t.wasPercent(r, c))
    t.error(r, c, 'percent_not_allowed', () => P.percentNotAllowed(t.cell(r, c), EXPECTED.measure));
}

function defaultTierMeasure(kind: TermKind | undefined, basis: Basis | undefined): Measure {
  if (kind === 'volume_rebate') return 'volume';
  if (kind === 'growth_rebate') return 'growth';
  if (basis === 'gross_sales' || basis === 'invoice_sales') return basis;
  return 'volume';
}

/** First and last period ids, defaulting to the whole fiscal year; reports from after to. */
function readSpan(t: BoundTable, r: number, ctx: ParseContext): { from: string; to: string } {
  const cFrom = t.col('periodFrom');
  const periods = ctx.periods.periods;
  const from = ctx.periods.readSpanEnd(t, r, cFrom);
  const to = ctx.periods.readSpanEnd(t, r, t.col('periodTo'));
  if (from === null || to === null) return { from: '', to: '' };
  const span = { from: from ?? periods[0].id, to: to ?? periods[periods.length - 1].id };
  const first = parsePeriodId(span.from)!;
  const last = parsePeriodId(span.to)!;
  if (periodFirstDay(first) > periodLastDay(last)) {
    t.error(r, cFrom, 'period_from_after_to', () => P.periodFromAfterTo(span.from, span.to));
  }
  return span;
}

/** Customer id as written in Customers; '' when blank or unknown (reported). */
function readCustomer(t: BoundTable, r: number, ctx: ParseContext): string {
  const c = t.col('customerId');
  const raw = t.text(r, c);
  if (raw === '' || !ctx.customers) return raw;
  const i = ctx.customers.index.find(raw);
  if (i < 0) {
    t.error(r, c, 'unknown_customer', () => P.unknownCustomer(raw));
    return '';
  }
  return ctx.customers.list[i].id;
}

function readScope(t: BoundTable, r: number, ctx: ParseContext): Scope {
  const cValues = t.col('scopeValues');
  const kind = (t.enumId(r, t.col('scopeKind')) ?? 'all') as ScopeKind;
  if (kind === 'all') return { kind, values: [] };
  const raw = t.list(r, cValues);
  if (raw.length === 0) {
    t.error(r, cValues, 'scope_values_required', () =>
      P.scopeValuesRequired(SCOPE_KIND_VALUES.find((v) => v.id === kind)!),
    );
    return { kind, values: [] };
  }
  const products = ctx.products;
  if (!products) return { kind, values: raw };
  // Values are stored as spelled in Products so the engine can compare them exactly.
  const values: string[] = [];
  for (const v of raw) {
    if (kind === 'sku') {
      const i = products.index.find(v);
      if (i < 0) t.error(r, cValues, 'unknown_sku', () => P.unknownSku(v));
      else values.push(products.list[i].sku);
    } else {
      const name = (kind === 'category' ? products.categories : products.brands).find(v);
      if (name === undefined) t.error(r, cValues, `unknown_${kind}`, () => P.unknownScopeValue(kind, v));
      else values.push(name);
    }
  }
  return { kind, values };
}

function readCondition(t: BoundTable, r: number, kind: TermKind | undefined): Condition | undefined {
  const cTarget = t.col('target');
  const measure = t.enumId(r, t.col('conditionMeasure')) as Measure | undefined;
  const target = t.number(r, cTarget);
  const achieved = t.number(r, t.col('achieved'));
  const effective = measure ?? 'volume';
  checkMeasureValue(t, r, cTarget, target, effective);
  if (target === undefined) {
    if (kind === 'target_bonus' || measure !== undefined) t.error(r, cTarget, 'target_required', P.targetRequired);
    return undefined;
  }
  if (Number.isNaN(target)) return undefined;
  const condition: Condition = { measure: effective, target };
  if (effective === 'manual') condition.actual = achieved ?? NaN;
  return condition;
}

export function parseTerms(t: BoundTable, ctx: ParseContext): ParsedTerms {
  const out: ParsedTerms = { terms: [], index: new IdIndex(), drafts: [], table: t };
  const c = {
    id: t.col('id'),
    kind: t.col('kind'),
    onInvoice: t.col('onInvoice'),
    basis: t.col('basis'),
    rate: t.col('rate'),
    allocation: t.col('allocation'),
    tierMethod: t.col('tierMethod'),
    tierMeasure: t.col('tierMeasure'),
    growthPayOn: t.col('growthPayOn'),
    priceNeutral: t.col('priceNeutral'),
    agreedDate: t.col('agreedDate'),
    evidenceRef: t.col('evidenceRef'),
    description: t.col('description'),
  };
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const id = t.text(r, c.id);
    const customerId = readCustomer(t, r, ctx);
    const kind = t.enumId(r, c.kind) as TermKind | undefined;
    const onInvoice = t.bool(r, c.onInvoice) ?? kind === 'on_invoice_discount';
    const basis = t.enumId(r, c.basis) as Basis | undefined;
    const rate = t.number(r, c.rate, true);
    if (rate !== undefined) checkRate(t, r, c.rate, rate, basis);
    const allocation = (t.enumId(r, c.allocation) ?? 'gross_sales') as AllocationKey;
    const scope = readScope(t, r, ctx);
    const span = readSpan(t, r, ctx);
    const tierMethod = (t.enumId(r, c.tierMethod) ?? 'all_units') as TierMethod;
    const tierMeasure = (t.enumId(r, c.tierMeasure) as Measure | undefined) ?? defaultTierMeasure(kind, basis);
    const condition = readCondition(t, r, kind);
    const payOn = t.enumId(r, c.growthPayOn) as 'excess' | 'whole' | undefined;
    const priceNeutral = t.bool(r, c.priceNeutral) ?? false;
    if (kind === 'growth_rebate' && payOn === undefined && isBlank(t.cell(r, c.growthPayOn))) {
      t.error(r, c.growthPayOn, 'growth_pay_on_required', P.growthPayOnRequired);
    }
    const term: Term = {
      id,
      customerId,
      kind: kind ?? 'on_invoice_discount',
      onInvoice,
      basis: basis ?? 'gross_sales',
      rate: rate === undefined || Number.isNaN(rate) ? 0 : rate,
      allocation,
      scope,
      periodFrom: span.from,
      periodTo: span.to,
      tierMethod,
      tierMeasure,
      tiers: [],
      agreedDate: t.date(r, c.agreedDate),
      evidenceRef: t.text(r, c.evidenceRef),
      description: t.text(r, c.description),
      source: sourceOf(t, r),
    };
    if (kind === 'growth_rebate' && payOn) term.growth = { payOn, priceNeutral };
    if (condition) term.condition = condition;
    if (id === '') continue;
    const earlier = out.index.add(id, t.rowNumber(r));
    if (earlier >= 0) {
      t.error(r, c.id, 'duplicate_key', () => P.duplicateKey(id, out.index.rows[earlier]));
      continue;
    }
    out.terms.push(term);
    out.drafts.push({ term, r, rateBlank: rate === undefined, basis });
  }
  return out;
}

/** Attaches tiers to their terms, checking each term's bands are ascending, contiguous and non-overlapping. */
export function parseTermTiers(t: BoundTable, terms: ParsedTerms | null): void {
  const c = { termId: t.col('termId'), from: t.col('from'), to: t.col('to'), rate: t.col('rate') };
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const termId = t.text(r, c.termId);
    const from = t.number(r, c.from);
    const to = t.number(r, c.to);
    const rate = t.number(r, c.rate);
    if (termId === '' || !terms) continue;
    const i = terms.index.find(termId);
    if (i < 0) {
      t.error(r, c.termId, 'unknown_term', () => P.unknownTerm(termId));
      continue;
    }
    const draft = terms.drafts[i];
    checkMeasureValue(t, r, c.from, from, draft.term.tierMeasure);
    checkMeasureValue(t, r, c.to, to, draft.term.tierMeasure);
    if (rate !== undefined) checkRate(t, r, c.rate, rate, draft.basis);
    if (from === undefined || Number.isNaN(from) || (to !== undefined && Number.isNaN(to))) continue;
    if (to !== undefined && to <= from) {
      t.error(r, c.to, 'tier_bounds', () => P.tierBounds(from, to));
      continue;
    }
    const prev = draft.lastTier;
    if (prev) {
      if (from < prev.from)
        t.error(r, c.from, 'tiers_not_ascending', () => P.tiersNotAscending(from, prev.from, prev.row));
      else if (prev.to === null || from < prev.to)
        t.error(r, c.from, 'tiers_overlap', () => P.tiersOverlap(from, prev.to, prev.row));
      else if (from > prev.to) t.error(r, c.from, 'tiers_gap', () => P.tiersGap(from, prev.to as number, prev.row));
    }
    draft.lastTier = { from, to: to ?? null, row: t.rowNumber(r) };
    draft.term.tiers.push({ from, to: to ?? null, rate: rate === undefined || Number.isNaN(rate) ? 0 : rate });
  }
}

/** Checks that need both tables: a flat term needs a rate; a tiered one ignores it (warning). */
export function finishTerms(terms: ParsedTerms): void {
  const t = terms.table;
  const cRate = t.col('rate');
  for (const d of terms.drafts) {
    if (d.term.tiers.length === 0 && d.rateBlank) t.error(d.r, cRate, 'rate_required', P.rateRequired);
    if (d.term.tiers.length > 0 && !d.rateBlank && d.term.rate !== 0) {
      const rate = d.term.rate;
      t.warning(d.r, cRate, 'rate_ignored_with_tiers', () => P.rateIgnoredWithTiers(rate));
    }
  }
}

export function parseCostToServe(t: BoundTable, ctx: ParseContext): CostToServe[] {
  const out: CostToServe[] = [];
  const c = {
    kind: t.col('kind'),
    basis: t.col('basis'),
    rate: t.col('rate'),
    allocation: t.col('allocation'),
    description: t.col('description'),
  };
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const customerId = readCustomer(t, r, ctx);
    const kind = t.enumId(r, c.kind) as CostToServeKind | undefined;
    const basis = t.enumId(r, c.basis) as AnyBasis | undefined;
    const rate = t.number(r, c.rate);
    if (rate !== undefined) checkRate(t, r, c.rate, rate, basis);
    const allocation = (t.enumId(r, c.allocation) ?? 'gross_sales') as AllocationKey;
    const span = readSpan(t, r, ctx);
    out.push({
      customerId,
      kind: kind ?? 'other',
      basis: basis ?? 'fixed_amount',
      rate: rate === undefined || Number.isNaN(rate) ? 0 : rate,
      allocation,
      periodFrom: span.from,
      periodTo: span.to,
      description: t.text(r, c.description),
      source: sourceOf(t, r),
    });
  }
  return out;
}
