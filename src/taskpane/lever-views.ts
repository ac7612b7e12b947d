/**
 * What the pane shows of a customer's price levers, as plain data built from the model and the engine's results:
 * its promotional events ranked by the headline ROI (settings.roiVariant) with their key figures, and the price
 * changes that apply to it with the volume response the engine gives them (elasticity form, the SKUs' own-price
 * elasticities, pass-through). Labels come from the engine's vocabulary through words.ts.
 */
import { elasticityOf, productMask, type Maybe, type PromotionResult } from '../engine';
import type { Lang, Lines, Model, PriceChange, Promotion, RoiVariant, Scope } from '../engine/model';
import { compactMoney, formatDate, formatters } from './format';
import { localeOf, type Texts } from './i18n';

/** The ROI the workbook's settings make the headline: gross or net. */
export function headlineRoi(r: PromotionResult, variant: RoiVariant): Maybe {
  return variant === 'net_roi' ? r.roiNet : r.roiGross;
}

export function fullCostRoi(r: PromotionResult, variant: RoiVariant): Maybe {
  return variant === 'net_roi' ? r.roiFullCostNet : r.roiFullCostGross;
}

/**
 * Events ranked by their headline ROI in `results`, highest first; events whose ROI is undefined (or that have no
 * result) go last; ties keep the workbook's order.
 */
export function rankPromotions(
  promotions: readonly Promotion[],
  results: ReadonlyMap<string, PromotionResult>,
  variant: RoiVariant,
): Promotion[] {
  const roi = (p: Promotion) => {
    const r = results.get(p.id);
    return r ? headlineRoi(r, variant).value : null;
  };
  return promotions
    .map((p, i) => ({ p, i, v: roi(p) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      return b.v - a.v || a.i - b.i;
    })
    .map((x) => x.p);
}

/** One key figure of an event: shown (maybe abbreviated), exact (hover), raw; a reason when undefined. */
export interface Figure {
  id: 'lift' | 'incremental' | 'spend' | 'profit' | 'roi' | 'fullCost' | 'roiFullCost' | 'breakEven';
  label: string;
  value: string;
  exact: string;
  raw: number | null;
  /** Why the figure is undefined ("sin inversión del fabricante"), or how it is made up (full cost). */
  note: string | null;
}

export interface PromotionView {
  /** "Descuento porcentual + exhibición + folleto" (and the N×M of a multibuy). */
  mechanics: string;
  windows: string[];
  figures: Figure[];
  /** The uplift the engine applied and where it came from (given, elasticity). */
  upliftApplied: string | null;
}

const ratioFormats = new Map<Lang, Intl.NumberFormat>();

/** ROI as a ratio with two decimals, as the Promotions result sheet writes it ("0.38"). */
function ratio(value: number, lang: Lang): string {
  let f = ratioFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    ratioFormats.set(lang, f);
  }
  return f.format(value);
}

const signedMoney = new Map<Lang, Intl.NumberFormat>();

function exactSigned(value: number, lang: Lang): string {
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
  return f.format(value);
}

const capitalise = (s: string, lang: Lang) =>
  s.charAt(0).toLocaleUpperCase(lang === 'es' ? 'es-MX' : 'en') + s.slice(1);

export function promotionViewOf(
  p: Promotion,
  r: PromotionResult | undefined,
  variant: RoiVariant,
  t: Texts,
  lang: Lang,
): PromotionView {
  const f = formatters(lang);
  const mechanics = p.mechanics
    .map((m) =>
      m === 'multibuy' && p.multibuy
        ? `${t.promoMechanics[m]} (${t.multibuy(f.units(p.multibuy.buy), f.units(p.multibuy.pay))})`
        : t.promoMechanics[m],
    )
    .join(' + ');
  const windows = [
    t.windowSpan(t.buyWindow, formatDate(p.buyWindow.from, lang), formatDate(p.buyWindow.to, lang)),
    t.windowSpan(t.inStoreWindow, formatDate(p.inStoreWindow.from, lang), formatDate(p.inStoreWindow.to, lang)),
  ];
  if (!r) return { mechanics: capitalise(mechanics, lang), windows, figures: [], upliftApplied: null };
  const money = (id: Figure['id'], label: string, v: number, note: string | null = null): Figure => ({
    id,
    label,
    value: compactMoney(v, lang),
    exact: f.money(v),
    raw: v,
    note,
  });
  const units = (id: Figure['id'], label: string, v: number): Figure => ({
    id,
    label,
    value: f.units(v),
    exact: f.units(v),
    raw: v,
    note: null,
  });
  const maybe = (id: Figure['id'], label: string, m: Maybe, show: (v: number) => string): Figure =>
    m.value === null
      ? { id, label, value: '—', exact: '—', raw: null, note: m.reason ? m.reason[lang] : null }
      : { id, label, value: show(m.value), exact: show(m.value), raw: m.value, note: null };
  const roiLabel = capitalise(t.roiVariants[variant], lang);
  return {
    mechanics: capitalise(mechanics, lang),
    windows,
    figures: [
      units('lift', t.figLift, r.lift),
      units('incremental', t.figIncremental, r.incrementalUnits),
      money('spend', t.figSpend, r.spend.total),
      money('profit', t.figProfit, r.incrementalProfit),
      maybe('roi', roiLabel, headlineRoi(r, variant), (v) => ratio(v, lang)),
      money(
        'fullCost',
        t.figFullCost,
        r.fullCost,
        t.figFullCostHint(f.money(r.spend.total), exactSigned(r.termsEffect, lang)),
      ),
      maybe('roiFullCost', t.figRoiFullCost(roiLabel), fullCostRoi(r, variant), (v) => ratio(v, lang)),
      maybe('breakEven', t.figBreakEven, r.breakEvenUplift, f.pct),
    ],
    upliftApplied: t.upliftApplied(f.pct(r.upliftPct), t.upliftFrom[r.upliftFrom]),
  };
}

/** Whether two results show the same figures (a recompute gives new objects with mostly equal numbers). */
export function sameShownPromotion(a: PromotionResult | undefined, b: PromotionResult | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const same = (x: Maybe, y: Maybe) => x.value === y.value && x.reason === y.reason;
  return (
    a.lift === b.lift &&
    a.incrementalUnits === b.incrementalUnits &&
    a.spend.total === b.spend.total &&
    a.incrementalProfit === b.incrementalProfit &&
    a.fullCost === b.fullCost &&
    a.termsEffect === b.termsEffect &&
    a.upliftPct === b.upliftPct &&
    a.upliftFrom === b.upliftFrom &&
    same(a.roiGross, b.roiGross) &&
    same(a.roiNet, b.roiNet) &&
    same(a.roiFullCostGross, b.roiFullCostGross) &&
    same(a.roiFullCostNet, b.roiFullCostNet) &&
    same(a.breakEvenUplift, b.breakEvenUplift)
  );
}

/** The price changes that apply to a customer (its own and those for every customer), with their model index. */
export function priceChangesOf(model: Model, customerId: string): { index: number; change: PriceChange }[] {
  return (model.priceChanges ?? [])
    .map((change, index) => ({ index, change }))
    .filter(({ change }) => change.customerId === '' || change.customerId === customerId);
}

export function scopeTextOf(scope: Scope, t: Texts): string {
  return scope.kind === 'all' ? t.scopeAll : t.scopeOf(t.scopeKinds[scope.kind], scope.values.join(', '));
}

/** Products sold to each customer (indexes), from the lines once per lines object. */
const productsByCustomer = new WeakMap<Lines, Map<number, number[]>>();

function customerProducts(lines: Lines, customerIndex: number): readonly number[] {
  let all = productsByCustomer.get(lines);
  if (!all) {
    const sets = new Map<number, Set<number>>();
    for (let i = 0; i < lines.n; i++) {
      const c = lines.customer[i];
      let s = sets.get(c);
      if (!s) sets.set(c, (s = new Set()));
      s.add(lines.product[i]);
    }
    all = new Map([...sets].map(([c, s]) => [c, [...s].sort((a, b) => a - b)]));
    productsByCustomer.set(lines, all);
  }
  return all.get(customerIndex) ?? [];
}

const elasticityFormats = new Map<Lang, Intl.NumberFormat>();

/** An elasticity with a true minus sign: −1.8. */
function elasticityText(value: number, lang: Lang): string {
  let f = elasticityFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2 });
    elasticityFormats.set(lang, f);
  }
  return f.format(value).replace('-', '\u2212');
}

/**
 * How the customer's volume answers a price change, as the engine computes it: the elasticity form of the settings,
 * each own-price elasticity that covers the customer's SKUs in the change's scope (with the scope it is given on),
 * how many of those SKUs have none (their volume does not move), and the pass-through to the shelf.
 *
 * @example
 * // "Respuesta del volumen: elasticidad constante; −1.8 (Botanas), −1.4 (Refrescos); traslado al anaquel 90.0 %."
 */
export function volumeResponseOf(model: Model, customerId: string, change: PriceChange, t: Texts, lang: Lang): string {
  const c = model.customers.findIndex((x) => x.id === customerId);
  const mask = productMask(model.products, change.scope);
  const items = new Map<string, string>();
  let without = 0;
  for (const j of c >= 0 ? customerProducts(model.lines, c) : []) {
    if (mask !== null && mask[j] !== 1) continue;
    const e = elasticityOf(model, j);
    if (!e || e.ownPrice === 0) {
      without += 1;
      continue;
    }
    const scope = e.scope.kind === 'all' ? t.scopeAll : e.scope.values.join(', ');
    const key = `${e.ownPrice}|${scope}`;
    if (!items.has(key)) items.set(key, t.elasticityItem(elasticityText(e.ownPrice, lang), scope));
  }
  const parts = [...items.values()].join(', ');
  const list = items.size === 0 ? t.noElasticity : without > 0 ? `${parts}; ${t.withoutElasticity(without)}` : parts;
  return t.volumeResponse(
    t.elasticityForms[model.settings.elasticityForm],
    list,
    formatters(lang).pct(model.settings.passThrough),
  );
}

/** A price change's title: from when (as people read dates). */
export function priceChangeTitleOf(change: PriceChange, t: Texts, lang: Lang): string {
  return t.priceChangeName(formatDate(change.effectiveDate, lang));
}
