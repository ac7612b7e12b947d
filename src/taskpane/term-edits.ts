/**
 * Edits a KAM makes in the pane, applied to the engine model immutably (lines are shared, never copied), and the
 * checks an edited term must pass before it is computed: the same rules the workbook contract enforces on tiers
 * (ascending, non-overlapping, rates 0..100 %).
 */
import type { Customer, Model, Term, Tier } from '../engine/model';

export type TermEdit =
  | { kind: 'rate'; termId: string; rate: number }
  | { kind: 'tier'; termId: string; index: number; tier: Partial<Tier> }
  | { kind: 'addTier'; termId: string }
  | { kind: 'removeTier'; termId: string; index: number }
  | { kind: 'paymentDays'; customerId: string; days: number };

/** Whether the term's rate (and tier rates) are fractions of money, as opposed to MXN per unit or a lump sum. */
export function isFractionRate(term: Term): boolean {
  return term.basis === 'gross_sales' || term.basis === 'invoice_sales';
}

/** Whether tier bounds are fractions (growth) shown as percent points. */
export function isFractionMeasure(term: Term): boolean {
  return term.tierMeasure === 'growth';
}

function replaceTerm(model: Model, termId: string, change: (t: Term) => Term): Model {
  const at = model.terms.findIndex((t) => t.id === termId);
  if (at < 0) throw new Error(`Unknown term ${termId}`);
  const terms = model.terms.slice();
  terms[at] = change(model.terms[at]);
  return { ...model, terms };
}

/** A new tier after the last one: starts where the last ends (or at twice its start), same rate. */
function nextTier(tiers: readonly Tier[]): Tier {
  if (tiers.length === 0) return { from: 0, to: null, rate: 0 };
  const last = tiers[tiers.length - 1];
  const from = last.to ?? (last.from > 0 ? last.from * 2 : 1);
  return { from, to: null, rate: last.rate };
}

export function applyEdit(model: Model, edit: TermEdit): Model {
  switch (edit.kind) {
    case 'rate':
      return replaceTerm(model, edit.termId, (t) => ({ ...t, rate: edit.rate }));
    case 'tier':
      return replaceTerm(model, edit.termId, (t) => {
        if (edit.index < 0 || edit.index >= t.tiers.length) throw new Error(`Term ${t.id} has no tier ${edit.index}`);
        const tiers = t.tiers.slice();
        tiers[edit.index] = { ...tiers[edit.index], ...edit.tier };
        return { ...t, tiers };
      });
    case 'addTier':
      return replaceTerm(model, edit.termId, (t) => {
        const tiers = t.tiers.slice();
        const last = tiers[tiers.length - 1];
        const added = nextTier(tiers);
        // Close the previous open-ended tier where the new one starts.
        if (last && last.to === null) tiers[tiers.length - 1] = { ...last, to: added.from };
        tiers.push(added);
        return { ...t, tiers };
      });
    case 'removeTier':
      return replaceTerm(model, edit.termId, (t) => {
        const tiers = t.tiers.filter((_, i) => i !== edit.index);
        // Removing the open-ended last tier reopens the new last one, so volume above stays covered.
        if (edit.index === t.tiers.length - 1 && tiers.length > 0 && t.tiers[edit.index].to === null) {
          tiers[tiers.length - 1] = { ...tiers[tiers.length - 1], to: null };
        }
        return { ...t, tiers };
      });
    case 'paymentDays': {
      const at = model.customers.findIndex((c) => c.id === edit.customerId);
      if (at < 0) throw new Error(`Unknown customer ${edit.customerId}`);
      const customers: Customer[] = model.customers.slice();
      customers[at] = { ...customers[at], paymentDays: edit.days };
      return { ...model, customers };
    }
  }
}

/** Why an edit is refused; texts live in i18n (tierIssues) so the language can change at any time. */
export type IssueCode =
  | 'rateRange'
  | 'negative'
  | 'toAfterFrom'
  | 'ascending'
  | 'openEndLast'
  | 'days'
  /** A share or depth outside 0..100 %. */
  | 'pctRange'
  /** Not a calendar day written yyyy-mm-dd. */
  | 'date'
  /** A window that ends before it starts. */
  | 'dateOrder'
  /** A price change of −100 % or less. */
  | 'priceDrop';

/** Problems of one edited term, keyed by field: "rate", "tier.<i>.from", "tier.<i>.to", "tier.<i>.rate". */
export type FieldIssues = Record<string, IssueCode>;

export function termIssues(term: Term): FieldIssues {
  const issues: FieldIssues = {};
  const fraction = isFractionRate(term);
  const checkRate = (field: string, rate: number) => {
    if (!Number.isFinite(rate) || rate < 0) issues[field] = 'negative';
    else if (fraction && rate > 1) issues[field] = 'rateRange';
  };
  if (term.tiers.length === 0) checkRate('rate', term.rate);
  term.tiers.forEach((tier, i) => {
    checkRate(`tier.${i}.rate`, tier.rate);
    if (!isFractionMeasure(term) && tier.from < 0) issues[`tier.${i}.from`] = 'negative';
    if (tier.to !== null && !(tier.to > tier.from)) issues[`tier.${i}.to`] = 'toAfterFrom';
    if (tier.to === null && i < term.tiers.length - 1) issues[`tier.${i}.to`] = 'openEndLast';
    const prev = term.tiers[i - 1];
    if (prev && (prev.to === null || tier.from < prev.to || tier.from <= prev.from)) {
      issues[`tier.${i}.from`] = 'ascending';
    }
  });
  return issues;
}

export function paymentDaysIssue(days: number): IssueCode | undefined {
  return Number.isInteger(days) && days >= 0 && days <= 365 ? undefined : 'days';
}
