/**
 * Edits of the price levers a KAM makes in the pane, applied to the engine model immutably like term edits
 * (term-edits.ts): a promotional event's depth, uplift, funding type and rate, maker's share and windows, and a
 * price change's effective date and size. Each edit replaces one Promotion or PriceChange object; every other row,
 * and the columnar lines, are shared. The checks mirror the workbook contract's, so a refused value shows on its
 * field and is never computed.
 */
import type { Model, PriceChange, PromoFunding, Promotion } from '../engine/model';
import type { DateWindow } from '../engine';
import type { FieldIssues, TermEdit } from './term-edits';

/** The event's numeric fields the pane edits; uplift null = from the promotional elasticity. */
export type PromotionNumber = 'depth' | 'uplift' | 'fundingRate' | 'makerShare';
export type PromotionWindow = 'buyWindow' | 'inStoreWindow';

export type PromotionEdit =
  | { kind: 'promotion'; promotionId: string; field: PromotionNumber; value: number | null }
  | { kind: 'promotionFunding'; promotionId: string; funding: PromoFunding }
  | { kind: 'promotionWindow'; promotionId: string; window: PromotionWindow; end: keyof DateWindow; date: string };

/** A price change is addressed by its index in Model.priceChanges (the table's rows have no id). */
export type PriceChangeEdit =
  | { kind: 'priceChangeDate'; index: number; date: string }
  | { kind: 'priceChangePct'; index: number; changePct: number }
  | { kind: 'priceChangePrice'; index: number; newListPrice: number };

export type LeverEdit = PromotionEdit | PriceChangeEdit;

/** Any edit the pane makes: a term's, a customer's payment days, an event's or a price change's. */
export type PaneEdit = TermEdit | LeverEdit;

export function isLeverEdit(edit: PaneEdit): edit is LeverEdit {
  return edit.kind.startsWith('promotion') || edit.kind.startsWith('priceChange');
}

function replacePromotion(model: Model, promotionId: string, change: (p: Promotion) => Promotion): Model {
  const list = model.promotions ?? [];
  const at = list.findIndex((p) => p.id === promotionId);
  if (at < 0) throw new Error(`Unknown promotion ${promotionId}`);
  const promotions = list.slice();
  promotions[at] = change(list[at]);
  return { ...model, promotions };
}

function replacePriceChange(model: Model, index: number, change: (c: PriceChange) => PriceChange): Model {
  const list = model.priceChanges ?? [];
  if (index < 0 || index >= list.length) throw new Error(`Unknown price change ${index}`);
  const priceChanges = list.slice();
  priceChanges[index] = change(list[index]);
  return { ...model, priceChanges };
}

export function applyLeverEdit(model: Model, edit: LeverEdit): Model {
  switch (edit.kind) {
    case 'promotion':
      return replacePromotion(model, edit.promotionId, (p) => {
        if (edit.field === 'uplift') return { ...p, uplift: edit.value };
        return { ...p, [edit.field]: edit.value ?? 0 };
      });
    case 'promotionFunding':
      return replacePromotion(model, edit.promotionId, (p) => ({ ...p, funding: edit.funding }));
    case 'promotionWindow':
      return replacePromotion(model, edit.promotionId, (p) => ({
        ...p,
        [edit.window]: { ...p[edit.window], [edit.end]: edit.date },
      }));
    case 'priceChangeDate':
      return replacePriceChange(model, edit.index, (c) => ({ ...c, effectiveDate: edit.date }));
    case 'priceChangePct':
      return replacePriceChange(model, edit.index, (c) => ({ ...c, changePct: edit.changePct }));
    case 'priceChangePrice':
      return replacePriceChange(model, edit.index, (c) => ({ ...c, newListPrice: edit.newListPrice }));
  }
}

/** Whether text is a real calendar day written yyyy-mm-dd (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1;
}

/** Whether the event's depth is money off per unit (MXN), as opposed to a fraction of the price. */
export const isMoneyDepth = (p: Promotion) =>
  !p.mechanics.includes('price_off_pct') && p.mechanics.includes('price_off_amount');

/** Whether the event has a depth to edit (a price reduction in % or pesos; multibuys have N×M instead). */
export const hasDepth = (p: Promotion) =>
  p.mechanics.includes('price_off_pct') || p.mechanics.includes('price_off_amount');

const negative = (v: number) => !Number.isFinite(v) || v < 0;

/**
 * Problems of an edited event, keyed by field: "depth", "uplift", "fundingRate", "makerShare",
 * "buyWindow.from|to", "inStoreWindow.from|to".
 */
export function promotionIssues(p: Promotion): FieldIssues {
  const issues: FieldIssues = {};
  if (hasDepth(p)) {
    if (negative(p.depth)) issues.depth = 'negative';
    else if (!isMoneyDepth(p) && p.depth > 1) issues.depth = 'pctRange';
  }
  if (p.uplift !== null && negative(p.uplift)) issues.uplift = 'negative';
  if (negative(p.fundingRate)) issues.fundingRate = 'negative';
  if (negative(p.makerShare)) issues.makerShare = 'negative';
  else if (p.makerShare > 1) issues.makerShare = 'pctRange';
  for (const w of ['buyWindow', 'inStoreWindow'] as const) {
    const { from, to } = p[w];
    if (!isIsoDate(from)) issues[`${w}.from`] = 'date';
    if (!isIsoDate(to)) issues[`${w}.to`] = 'date';
    else if (isIsoDate(from) && to < from) issues[`${w}.to`] = 'dateOrder';
  }
  return issues;
}

/** Problems of an edited price change: "effectiveDate", "changePct" (above −100 %), "newListPrice" (≥ 0). */
export function priceChangeIssues(c: PriceChange): FieldIssues {
  const issues: FieldIssues = {};
  if (!isIsoDate(c.effectiveDate)) issues.effectiveDate = 'date';
  if (c.newListPrice !== null) {
    if (negative(c.newListPrice)) issues.newListPrice = 'negative';
  } else if (!Number.isFinite(c.changePct) || c.changePct <= -1) issues.changePct = 'priceDrop';
  return issues;
}
