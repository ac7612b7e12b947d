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
import { defaultTierMeasure, TERM_KINDS, termKind } from '../../engine/term-kinds';
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
  /** Tiers typed as whole-unit ranges ("1–100, 101–350"), read as contiguous bands. */
  wholeUnitRanges?: boolean;
}

/**
 * Textbook tiers "1–100, 101–350, 351–500" count whole units (or whole pesos): the next From is the previous To
 * + 1. That is unambiguous on a volume or sales measure with whole-number bounds, and means the same bands as
 * "0–100, 100–350, 350–500": both typings give the same money under both tier methods.
 */
function isWholeUnitStep(prevTo: number, from: number, measure: Measure): boolean {
  const counted = measure === 'volume' || measure === 'gross_sales' || measure === 'invoice_sales';
  return counted && Number.isInteger(prevTo) && Number.isInteger(from) && from === prevTo + 1;
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
export function readCustomer(t: BoundTable, r: number, ctx: ParseContext): string {
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

export function readScope(t: BoundTable, r: number, ctx: ParseContext): Scope {
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
    if ((kind !== undefined && termKind(kind).requires.includes('target')) || measure !== undefined) {
      t.error(r, cTarget, 'target_required', P.targetRequired);
    }
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
    const descriptor = kind === undefined ? undefined : termKind(kind);
    const onInvoice = t.bool(r, c.onInvoice) ?? descriptor?.defaults.onInvoice ?? false;
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
    if (descriptor?.requires.includes('growth_pay_on') && payOn === undefined && isBlank(t.cell(r, c.growthPayOn))) {
      t.error(r, c.growthPayOn, 'growth_pay_on_required', P.growthPayOnRequired);
    }
    const term: Term = {
      id,
      customerId,
      kind: kind ?? TERM_KINDS[0].id, // a blank or unknown kind is already an error: nothing is written
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
    if (descriptor?.permits.includes('growth') && payOn) term.growth = { payOn, priceNeutral };
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
    let lower = from;
    if (prev) {
      if (from < prev.from)
        t.error(r, c.from, 'tiers_not_ascending', () => P.tiersNotAscending(from, prev.from, prev.row));
      else if (prev.to === null || from < prev.to)
        t.error(r, c.from, 'tiers_overlap', () => P.tiersOverlap(from, prev.to, prev.row));
      else if (isWholeUnitStep(prev.to, from, draft.term.tierMeasure)) {
        // "1–100, 101–350": whole-unit ranges; the band starts where the previous one ends (docs: Tier bounds).
        lower = prev.to;
        draft.wholeUnitRanges = true;
      } else if (from > prev.to) t.error(r, c.from, 'tiers_gap', () => P.tiersGap(from, prev.to as number, prev.row));
    }
    draft.lastTier = { from, to: to ?? null, row: t.rowNumber(r) };
    draft.term.tiers.push({ from: lower, to: to ?? null, rate: rate === undefined || Number.isNaN(rate) ? 0 : rate });
  }
}

/** Checks that need both tables: a flat term needs a rate; a tiered one ignores it (warning). */
export function finishTerms(terms: ParsedTerms): void {
  const t = terms.table;
  const cRate = t.col('rate');
  for (const d of terms.drafts) {
    // Whole-unit ranges start at the first unit: "1–100" is the band from 0 to 100.
    if (d.wholeUnitRanges && d.term.tiers[0].from === 1) d.term.tiers[0].from = 0;
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
