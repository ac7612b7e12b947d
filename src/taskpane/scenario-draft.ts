/**
 * The pane's unsaved edits of one customer as a scenario (issue 9): each edited term rate, tier field and promotion
 * field becomes a ScenarioChange, plus the terms the KAM chose to remove. What a ScenarioChanges row cannot hold
 * (payment days, tiers added or removed, tier bounds with a gap between them, an event's funding type or windows, a
 * price change table row) is listed as left out, so the KAM knows it stays a pane edit. Every term's changes are
 * checked by applying them to the workbook's model with the engine (applyScenario): a term is in the scenario only
 * as exactly as the engine rebuilds it. Also here: the pane edits that set a lever to a walk-away value, and that
 * value rounded as the engine's sentence shows it.
 *
 * @example
 * const d = draftOf(baseModel, model, edited, 'WMX');
 * d.changes // [{ target: 'term', id: 'WMX-03', field: 'rate', value: 0.115 }]
 * d.exact // true: the pane's own results for WMX are the scenario's
 */
import { applyScenario, type LeverRef } from '../engine';
import type { Model, Promotion, Scenario, ScenarioChange, ScenarioKind, Term } from '../engine/model';
import type { PaneEdit, PromotionNumber } from './promo-edits';
import { ownerKey, type EditOwner } from './state';

/** Why an edit cannot go into a scenario (texts in i18n: scnLeftOut). */
export type LeftOutReason =
  'paymentDays' | 'tiersAddedOrRemoved' | 'tierBounds' | 'funding' | 'windows' | 'priceChange';

export interface LeftOut {
  owner: EditOwner;
  reason: LeftOutReason;
}

export interface Draft {
  /** The customer's edits as levers, in the order the KAM first edited them; removed terms last. */
  changes: ScenarioChange[];
  /** Edits that reach the customer and that no ScenarioChanges row can hold. */
  leftOut: LeftOut[];
  /** Owners whose every edit is in `changes` (or whose term the scenario removes): a saved scenario consumes them. */
  consumed: EditOwner[];
  /** Edited owners that reach the customer (its terms, payment days, events, its price changes and everyone's). */
  owners: EditOwner[];
  /**
   * The pane's edited model gives this customer exactly the scenario's figures (nothing left out, nothing removed):
   * its results can stand for the scenario's without recomputing.
   */
  exact: boolean;
}

/** The promotion fields the pane edits that are scenario levers (funding type and windows are not). */
const PROMOTION_LEVERS: readonly PromotionNumber[] = ['depth', 'uplift', 'fundingRate', 'makerShare'];

const tierChange = (
  id: string,
  index: number,
  field: 'from' | 'to' | 'rate',
  value: number | null,
): ScenarioChange => ({
  target: 'term_tier',
  id,
  index,
  field,
  value,
});

function sameTiers(a: Term, b: Term): boolean {
  return (
    a.rate === b.rate &&
    a.tiers.length === b.tiers.length &&
    a.tiers.every((t, i) => t.from === b.tiers[i].from && t.to === b.tiers[i].to && t.rate === b.tiers[i].rate)
  );
}

/** The term as the engine rebuilds it from the workbook's model and these changes (null when it refuses them). */
function rebuilt(base: Model, customerId: string, termId: string, changes: readonly ScenarioChange[]): Term | null {
  try {
    const m = applyScenario(base, { id: '', customerId, changes }).model;
    return m.terms.find((t) => t.id === termId) ?? null;
  } catch {
    return null;
  }
}

/**
 * A term's edits as levers. A bound two tiers share is one lever (the engine moves both): it is written once, as
 * the upper tier's «from». Tiers added or removed, and bounds that leave a gap between tiers, have no lever: only the
 * rates go in then.
 */
function termDraft(base: Model, b: Term, e: Term): { changes: ScenarioChange[]; reason: LeftOutReason | null } {
  const rates: ScenarioChange[] = [];
  const bounds: ScenarioChange[] = [];
  if (e.rate !== b.rate) rates.push({ target: 'term', id: e.id, field: 'rate', value: e.rate });
  if (e.tiers.length !== b.tiers.length) return { changes: rates, reason: 'tiersAddedOrRemoved' };
  e.tiers.forEach((tier, i) => {
    const was = b.tiers[i];
    const next = e.tiers[i + 1];
    if (tier.from !== was.from) bounds.push(tierChange(e.id, i, 'from', tier.from));
    const shared = next !== undefined && tier.to !== null && tier.to === next.from && next.from !== b.tiers[i + 1].from;
    if (tier.to !== was.to && !shared) bounds.push(tierChange(e.id, i, 'to', tier.to));
    if (tier.rate !== was.rate) rates.push(tierChange(e.id, i, 'rate', tier.rate));
  });
  const all = [...rates, ...bounds];
  const again = rebuilt(base, b.customerId, b.id, all);
  if (again && sameTiers(again, e)) return { changes: all, reason: null };
  return { changes: rates, reason: 'tierBounds' };
}

function promotionDraft(b: Promotion, e: Promotion): { changes: ScenarioChange[]; reasons: LeftOutReason[] } {
  const changes: ScenarioChange[] = [];
  for (const field of PROMOTION_LEVERS) {
    if (e[field] !== b[field]) changes.push({ target: 'promotion', id: e.id, field, value: e[field] });
  }
  const reasons: LeftOutReason[] = [];
  if (e.funding !== b.funding) reasons.push('funding');
  const windowMoved = (['buyWindow', 'inStoreWindow'] as const).some(
    (w) => e[w].from !== b[w].from || e[w].to !== b[w].to,
  );
  if (windowMoved) reasons.push('windows');
  return { changes, reasons };
}

/**
 * The draft scenario of one customer from the pane's edits: `base` is the workbook's model, `model` the edited one,
 * `edited` the owners the pane changed, `removed` the customer's terms the KAM chose to remove.
 */
export function draftOf(
  base: Model,
  model: Model,
  edited: readonly EditOwner[],
  customerId: string,
  removed: readonly string[] = [],
): Draft {
  const changes: ScenarioChange[] = [];
  const leftOut: LeftOut[] = [];
  const consumed: EditOwner[] = [];
  const owners: EditOwner[] = [];
  const gone = new Set(removed);
  for (const owner of edited) {
    switch (owner.kind) {
      case 'term': {
        const e = model.terms.find((t) => t.id === owner.id);
        const b = base.terms.find((t) => t.id === owner.id);
        if (!e || !b || e.customerId !== customerId) break;
        owners.push(owner);
        if (gone.has(owner.id)) {
          consumed.push(owner);
          break;
        }
        const d = termDraft(base, b, e);
        changes.push(...d.changes);
        if (d.reason) leftOut.push({ owner, reason: d.reason });
        else consumed.push(owner);
        break;
      }
      case 'customer':
        if (owner.id !== customerId) break;
        owners.push(owner);
        leftOut.push({ owner, reason: 'paymentDays' });
        break;
      case 'promotion': {
        const e = model.promotions?.find((p) => p.id === owner.id);
        const b = base.promotions?.find((p) => p.id === owner.id);
        if (!e || !b || e.customerId !== customerId) break;
        owners.push(owner);
        const d = promotionDraft(b, e);
        changes.push(...d.changes);
        for (const reason of d.reasons) leftOut.push({ owner, reason });
        if (d.reasons.length === 0) consumed.push(owner);
        break;
      }
      case 'price_change': {
        const c = model.priceChanges?.[Number(owner.id)];
        if (!c || (c.customerId !== '' && c.customerId !== customerId)) break;
        owners.push(owner);
        leftOut.push({ owner, reason: 'priceChange' });
        break;
      }
    }
  }
  for (const id of removed) changes.push({ target: 'term_present', id, value: false });
  return { changes, leftOut, consumed, owners, exact: leftOut.length === 0 && removed.length === 0 };
}

/** Whether an owner is among these (by kind and id). */
export function hasOwner(list: readonly EditOwner[], owner: EditOwner): boolean {
  return list.some((o) => ownerKey(o) === ownerKey(owner));
}

/** Ids start with the kind's letter, as the sample's do: WMX-P1 (proposal), WMX-C1 (counter-proposal). */
const ID_LETTER: Readonly<Record<ScenarioKind, string>> = {
  base: 'B',
  proposal: 'P',
  counter_proposal: 'C',
  other: 'E',
};

/** The first free id for a customer's new scenario of a kind: WMX-P2 when WMX-P1 exists (ids compared as the contract does). */
export function suggestScenarioId(scenarios: readonly Scenario[], customerId: string, kind: ScenarioKind): string {
  const taken = new Set(scenarios.map((s) => scenarioKey(s.id)));
  for (let n = 1; ; n++) {
    const id = `${customerId}-${ID_LETTER[kind]}${n}`;
    if (!taken.has(scenarioKey(id))) return id;
  }
}

/** A scenario id as the contract compares ids: trimmed, case folded. */
export const scenarioKey = (id: string): string => id.trim().toUpperCase();

/** Today as a calendar day, yyyy-mm-dd, in the machine's time zone (the date a KAM would write). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The pane edits that set a lever of the edited model to `value` (model units: fractions, MXN, units). A tier bound
 * is shared with its neighbour, as the engine moves it: both move, in the order that never makes the tiers overlap.
 */
export function walkAwayEdits(model: Model, ref: LeverRef, value: number): PaneEdit[] {
  switch (ref.target) {
    case 'term':
      return [{ kind: 'rate', termId: ref.id, rate: value }];
    case 'term_tier': {
      const own: PaneEdit = { kind: 'tier', termId: ref.id, index: ref.index, tier: { [ref.field]: value } };
      if (ref.field === 'rate') return [own];
      const tiers = model.terms.find((t) => t.id === ref.id)?.tiers ?? [];
      const old = tiers[ref.index]?.[ref.field];
      const neighbour =
        ref.field === 'from'
          ? ref.index > 0
            ? { index: ref.index - 1, tier: { to: value } }
            : null
          : ref.index + 1 < tiers.length
            ? { index: ref.index + 1, tier: { from: value } }
            : null;
      if (!neighbour) return [own];
      const other: PaneEdit = { kind: 'tier', termId: ref.id, ...neighbour };
      // Moving a bound up: the upper tier's «from» first; down: the lower tier's «to» first. Never an overlap between.
      const upperFirst = typeof old === 'number' && value > old;
      const [upper, lower] = ref.field === 'from' ? [own, other] : [other, own];
      return upperFirst ? [upper, lower] : [lower, upper];
    }
    case 'promotion':
      if ((PROMOTION_LEVERS as readonly string[]).includes(ref.field)) {
        return [{ kind: 'promotion', promotionId: ref.id, field: ref.field as PromotionNumber, value }];
      }
      return [];
    default:
      return [];
  }
}

/** The lever a scenario's change sets, when it is numeric (as the engine's numericLevers lists them). */
export function leverOfChange(ch: ScenarioChange, index: number): LeverRef | null {
  switch (ch.target) {
    case 'term':
      return ch.field === 'rate' ? { target: 'term', id: ch.id, field: 'rate' } : null;
    case 'term_tier':
      return ch.value === null ? null : { target: 'term_tier', id: ch.id, index: ch.index, field: ch.field };
    case 'promotion':
      return ch.value === null ? null : { target: 'promotion', id: ch.id, field: ch.field };
    case 'price_change':
      return { target: 'price_change', change: index };
    case 'volume':
      return { target: 'volume', change: index };
    case 'cost':
      return { target: 'cost', kind: ch.kind };
    default:
      return null;
  }
}
