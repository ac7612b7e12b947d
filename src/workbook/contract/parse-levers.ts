/**
 * The optional tables of prices and promotions: PriceChanges, RetailerMargins, Elasticities, CompetitorPrices and
 * Promotions. Each row is checked like every other table (located es/en errors); cross-row rules: a price change
 * needs a new price or a %; a promotion's windows run forward, a price mechanic has a depth, a multibuy reads
 * "NxM"; events that overlap on the same customer × SKU × day are an error unless both stack.
 */
import type {
  CompetitorPrice,
  Elasticity,
  PriceChange,
  Promotion,
  PromoFunding,
  PromoMechanic,
  RetailerMargin,
  TaxRate,
  TaxRateKind,
  UnitBasis,
} from '../../engine/model';
import { dayOf, isoOfDay } from '../../engine/windows';
import { IdIndex, type ParseContext } from './context';
import { sourceOf } from './parse-customers';
import { readCustomer, readScope } from './parse-terms';
import * as P from './problems';
import { PROMO_MECHANIC_VALUES } from './specs';
import { enumKeys, type BoundTable } from './table';
import { squash } from './normalize';

/** Customer of a row where a blank cell means every customer (''). */
function anyCustomer(t: BoundTable, r: number, ctx: ParseContext): string {
  const raw = t.text(r, t.col('customerId'), true);
  return raw === '' ? '' : readCustomer(t, r, ctx);
}

function fractionOr(t: BoundTable, r: number, id: Parameters<BoundTable['col']>[0], fallback: number): number {
  const x = t.number(r, t.col(id), true);
  return x === undefined || Number.isNaN(x) ? fallback : x;
}

export function parsePriceChanges(t: BoundTable, ctx: ParseContext): PriceChange[] {
  const out: PriceChange[] = [];
  const cNew = t.col('newListPrice');
  const cPct = t.col('changePct');
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const customerId = anyCustomer(t, r, ctx);
    const scope = readScope(t, r, ctx);
    const effectiveDate = t.date(r, t.col('effectiveDate'));
    const newListPrice = t.number(r, cNew, true);
    const changePct = t.number(r, cPct, true);
    if (newListPrice === undefined && changePct === undefined) {
      t.error(r, cNew, 'price_change_value_required', P.priceChangeValueRequired);
    }
    out.push({
      customerId,
      scope,
      effectiveDate,
      newListPrice: newListPrice === undefined || Number.isNaN(newListPrice) ? null : newListPrice,
      changePct: changePct === undefined || Number.isNaN(changePct) ? 0 : changePct,
      source: sourceOf(t, r),
    });
  }
  return out;
}

export function parseRetailerMargins(t: BoundTable, ctx: ParseContext): RetailerMargin[] {
  const out: RetailerMargin[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const customerId = readCustomer(t, r, ctx);
    const scope = readScope(t, r, ctx);
    const m = t.number(r, t.col('frontMargin'));
    out.push({ customerId, scope, frontMargin: m === undefined || Number.isNaN(m) ? 0 : m, source: sourceOf(t, r) });
  }
  return out;
}

export function parseElasticities(t: BoundTable, ctx: ParseContext): Elasticity[] {
  const out: Elasticity[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const scope = readScope(t, r, ctx);
    const own = t.number(r, t.col('ownPrice'));
    const ownPrice = own === undefined || Number.isNaN(own) ? 0 : own;
    const promotional = fractionOr(t, r, 'promotional', ownPrice);
    out.push({ scope, ownPrice, promotional, source: sourceOf(t, r) });
  }
  return out;
}

export function parseCompetitorPrices(t: BoundTable, ctx: ParseContext): CompetitorPrice[] {
  const out: CompetitorPrice[] = [];
  const cSku = t.col('sku');
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const customerId = anyCustomer(t, r, ctx);
    let sku = t.text(r, cSku);
    if (sku !== '' && ctx.products) {
      const i = ctx.products.index.find(sku);
      if (i < 0) t.error(r, cSku, 'unknown_sku', () => P.unknownSku(sku));
      else sku = ctx.products.list[i].sku;
    }
    const price = t.number(r, t.col('price'));
    const size = t.number(r, t.col('size'), true);
    out.push({
      customerId,
      sku,
      competitor: t.text(r, t.col('competitor')),
      price: price === undefined || Number.isNaN(price) ? 0 : price,
      unitBasis: (t.enumId(r, t.col('unitBasis'), true) ?? 'unit') as UnitBasis,
      size: size === undefined || Number.isNaN(size) ? null : size,
      date: t.date(r, t.col('date')),
      source: sourceOf(t, r),
    });
  }
  return out;
}

/** "2x1", "3 x 2", "2×1", "lleva 3 paga 2", "buy 3 pay 2" → { buy, pay }; null when it does not read. */
export function parseMultibuy(text: string): { buy: number; pay: number } | null {
  const s = text.trim().toLowerCase();
  const m = /^(\d+)\s*[x×]\s*(\d+)$/.exec(s) ?? /^(?:lleva|buy)\s*(\d+)\s*,?\s*(?:paga|pay)\s*(\d+)$/.exec(s);
  if (!m) return null;
  const buy = Number(m[1]);
  const pay = Number(m[2]);
  return buy > 0 && pay >= 0 && pay < buy ? { buy, pay } : null;
}

const PRICE_MECHANICS: ReadonlySet<PromoMechanic> = new Set(['price_off_pct', 'price_off_amount']);

export function parsePromotions(t: BoundTable, ctx: ParseContext): Promotion[] {
  const out: Promotion[] = [];
  const rows: number[] = [];
  const stacks: boolean[] = [];
  const index = new IdIndex();
  const c = {
    id: t.col('id'),
    buyFrom: t.col('buyFrom'),
    buyTo: t.col('buyTo'),
    inStoreFrom: t.col('inStoreFrom'),
    inStoreTo: t.col('inStoreTo'),
    mechanics: t.col('mechanics'),
    depth: t.col('depth'),
    multibuy: t.col('multibuy'),
  };
  const mechanicKeys = enumKeys(PROMO_MECHANIC_VALUES);
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const id = t.text(r, c.id);
    const customerId = readCustomer(t, r, ctx);
    const scope = readScope(t, r, ctx);
    const buyFrom = t.date(r, c.buyFrom);
    const buyTo = t.date(r, c.buyTo);
    if (buyFrom && buyTo && dayOf(buyTo) < dayOf(buyFrom)) {
      t.error(r, c.buyTo, 'dates_reversed', () => P.datesReversed(buyFrom, buyTo));
    }
    const storeFrom = t.date(r, c.inStoreFrom) || buyFrom;
    const storeTo = t.date(r, c.inStoreTo) || buyTo;
    if (storeFrom && storeTo && dayOf(storeTo) < dayOf(storeFrom)) {
      t.error(r, c.inStoreTo, 'dates_reversed', () => P.datesReversed(storeFrom, storeTo));
    }
    const mechanics: PromoMechanic[] = [];
    const words = t.list(r, c.mechanics);
    if (words.length === 0) t.error(r, c.mechanics, 'blank_required', P.blankRequired);
    for (const word of words) {
      const m = mechanicKeys.get(squash(word)) as PromoMechanic | undefined;
      if (m === undefined) t.error(r, c.mechanics, 'invalid_enum', () => P.invalidEnum(word, PROMO_MECHANIC_VALUES));
      else if (!mechanics.includes(m)) mechanics.push(m);
    }
    const depthRaw = t.number(r, c.depth, true);
    const depth = depthRaw === undefined || Number.isNaN(depthRaw) ? 0 : depthRaw;
    const priceMechanic = mechanics.find((m) => PRICE_MECHANICS.has(m));
    if (priceMechanic && !(depth > 0) && !Number.isNaN(depthRaw ?? 0)) {
      const word = PROMO_MECHANIC_VALUES.find((v) => v.id === priceMechanic)!;
      t.error(r, c.depth, 'depth_required', () => P.depthRequired(word));
    }
    if (priceMechanic === 'price_off_pct' && depth > 1)
      t.error(r, c.depth, 'rate_above_100', () => P.rateAbove100(depth));
    let multibuy: { buy: number; pay: number } | undefined;
    const mbText = t.text(r, c.multibuy, true);
    if (mechanics.includes('multibuy') || mbText !== '') {
      const parsed = parseMultibuy(mbText);
      if (parsed) multibuy = parsed;
      else t.error(r, c.multibuy, 'invalid_multibuy', () => P.invalidMultibuy(mbText));
    }
    const funding = (t.enumId(r, t.col('funding')) ?? 'off_invoice') as PromoFunding;
    const fundingRate = fractionOr(t, r, 'fundingRate', 0);
    const upliftRaw = t.number(r, t.col('uplift'), true);
    const promotion: Promotion = {
      id,
      customerId,
      scope,
      buyWindow: { from: buyFrom, to: buyTo },
      inStoreWindow: { from: storeFrom, to: storeTo },
      mechanics,
      depth: priceMechanic ? depth : 0,
      ...(multibuy ? { multibuy } : {}),
      funding,
      fundingRate,
      makerShare: fractionOr(t, r, 'makerShare', 1),
      passThrough: fractionOr(t, r, 'passThrough', ctx.settings.passThrough),
      uplift: upliftRaw === undefined || Number.isNaN(upliftRaw) ? null : upliftRaw,
      cannibalisation: fractionOr(t, r, 'cannibalisation', 0),
      forwardBuy: fractionOr(t, r, 'forwardBuy', 0),
      dip: fractionOr(t, r, 'dip', 0),
      fixedCosts: fractionOr(t, r, 'fixedCosts', 0),
      source: sourceOf(t, r),
    };
    if (id === '') continue;
    const earlier = index.add(id, t.rowNumber(r));
    if (earlier >= 0) {
      t.error(r, c.id, 'duplicate_key', () => P.duplicateKey(id, index.rows[earlier]));
      continue;
    }
    out.push(promotion);
    rows.push(r);
    stacks.push(t.bool(r, t.col('stacks')) ?? false);
  }
  checkOverlaps(t, ctx, out, rows, stacks);
  return out;
}

/**
 * Two events of the same customer whose in-store windows share a day and whose scopes share a SKU overlap: an
 * error on the later row unless both stack. Only the first shared SKU and day are named.
 */
function checkOverlaps(
  t: BoundTable,
  ctx: ParseContext,
  events: readonly Promotion[],
  rows: readonly number[],
  stacks: readonly boolean[],
): void {
  const products = ctx.products?.list;
  if (!products) return;
  const skusOf = (p: Promotion): Set<string> => {
    const values = new Set(p.scope.values.map((v) => squash(v)));
    return new Set(
      products
        .filter((x) => {
          if (p.scope.kind === 'all') return true;
          const key = p.scope.kind === 'category' ? x.category : p.scope.kind === 'brand' ? x.brand : x.sku;
          return values.has(squash(key));
        })
        .map((x) => x.sku),
    );
  };
  const sets = events.map(skusOf);
  for (let b = 0; b < events.length; b++) {
    for (let a = 0; a < b; a++) {
      const [ea, eb] = [events[a], events[b]];
      if (ea.customerId !== eb.customerId || (stacks[a] && stacks[b])) continue;
      const from = Math.max(dayOf(ea.inStoreWindow.from), dayOf(eb.inStoreWindow.from));
      const to = Math.min(dayOf(ea.inStoreWindow.to), dayOf(eb.inStoreWindow.to));
      if (!(from <= to)) continue;
      const shared = [...sets[b]].find((s) => sets[a].has(s));
      if (shared === undefined) continue;
      const day = isoOfDay(from);
      t.error(rows[b], t.col('inStoreFrom'), 'promotion_overlap', () =>
        P.promotionOverlap(eb.id, ea.id, t.rowNumber(rows[a]), shared, day),
      );
      break;
    }
  }
}

/** Dated tax rates: an IEPS quota is MXN per litre (a "%" there is a mistake); an ad valorem or IVA rate is ≤ 100 %. */
export function parseTaxRates(t: BoundTable, ctx: ParseContext): TaxRate[] {
  const out: TaxRate[] = [];
  const cRate = t.col('rate');
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const kind = t.enumId(r, t.col('kind')) as TaxRateKind | undefined;
    const scope = readScope(t, r, ctx);
    const effectiveDate = t.date(r, t.col('effectiveDate'));
    const rate = t.number(r, cRate);
    if (rate !== undefined && !Number.isNaN(rate) && kind !== undefined) {
      if (kind === 'ieps_per_litre' && t.wasPercent(r, cRate)) {
        t.error(r, cRate, 'percent_not_allowed', () => P.percentNotAllowed(t.cell(r, cRate), PER_LITRE));
      } else if (kind !== 'ieps_per_litre' && rate > 1) {
        t.error(r, cRate, 'rate_above_100', () => P.rateAbove100(rate));
      }
    }
    if (kind === undefined || rate === undefined || Number.isNaN(rate)) continue;
    out.push({ kind, scope, effectiveDate, rate, source: sourceOf(t, r) });
  }
  return out;
}

const PER_LITRE = { es: 'MXN por litro', en: 'MXN per litre' };
