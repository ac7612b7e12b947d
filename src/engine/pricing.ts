/**
 * Price changes as levers of the prices and volumes stages (stages.ts). A change applies from its effective day:
 * a period it falls inside is split by days (windows.ts), each part at its own price; when the SKU has an
 * own-price elasticity, the part after the change answers the shopper's price change (price-buildup.ts: through
 * the retailer's margin, the taxes and pass-through), so volume and every later stage (terms, tiers, P&L) see it.
 *
 * Per line, with s the share of the period's days on or after the change, L the price before and P after, f the
 * volume factor of the new shopper price:
 *   volume = v × ((1 − s) + s × f)          gross sales = v × ((1 − s) × L + s × f × P)
 *   price  = gross sales ÷ volume            (the volume-weighted price of the period)
 * Several changes on one line chain in date order (each % applies to the price in force before it). A closed period
 * (a line with an actual volume) takes the new price but keeps its actual volume: the response already happened.
 *
 * @example
 * // 1,000 u in July at $10, +6 % from 16 July (16 of 31 days), no elasticity:
 * // price = 10 × 15/31 + 10.60 × 16/31 = $10.3097
 */
import type { Elasticity, Model, PriceChange, Product, RetailerMargin } from './model';
import type { Lever } from './stages';
import { productMask } from './scope';
import { passedThrough, priceBuildUp, volumeFactor } from './price-buildup';
import { windowShares } from './windows';

/** The most specific scoped row for a product: SKU before brand before category before all (last row wins ties). */
export function scopedFor<R extends { scope: Model['terms'][number]['scope'] }>(
  rows: readonly R[],
  products: readonly Product[],
  j: number,
): R | undefined {
  const rank = { sku: 3, brand: 2, category: 1, all: 0 } as const;
  let best: R | undefined;
  let bestRank = -1;
  for (const r of rows) {
    const mask = productMask(products, r.scope);
    if (mask !== null && mask[j] === 0) continue;
    const k = rank[r.scope.kind];
    if (k >= bestRank) {
      best = r;
      bestRank = k;
    }
  }
  return best;
}

/** Front margin of a customer × product (0 when the table has none: the shopper's price then moves with cost). */
export function frontMarginOf(model: Model, customerId: string, j: number): number {
  const rows = (model.retailerMargins ?? []).filter((r) => r.customerId === customerId);
  return scopedFor<RetailerMargin>(rows, model.products, j)?.frontMargin ?? 0;
}

export function elasticityOf(model: Model, j: number): Elasticity | undefined {
  return scopedFor<Elasticity>(model.elasticities ?? [], model.products, j);
}

interface Segmented {
  /** Per line: volume factor and price of the period (volume-weighted), NaN where no change touches the line. */
  factor: Float64Array;
  price: Float64Array;
}

/** Per line, the period's volume factor and volume-weighted price under the model's price changes. */
export function segmentLines(model: Model): Segmented | null {
  const changes = model.priceChanges ?? [];
  if (changes.length === 0) return null;
  const { lines, products, periods, customers } = model;
  const n = lines.n;
  const factor = new Float64Array(n).fill(NaN);
  const price = new Float64Array(n).fill(NaN);
  const sorted = [...changes].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
  );
  const shares = sorted.map((c) => windowShares(periods, { from: c.effectiveDate, to: '9999-12-31' }));
  const masks = sorted.map((c) => productMask(products, c.scope));
  const passThrough = model.settings.passThrough;
  const form = model.settings.elasticityForm;
  for (let i = 0; i < n; i++) {
    const closed = lines.actualVolume[i] === lines.actualVolume[i]; // actual volume: the response already happened
    const j = lines.product[i];
    const p = lines.period[i];
    const customerId = customers[lines.customer[i]].id;
    const before = lines.listPrice[i];
    let covered = 0; // share of the period already given a price by earlier segments (from the end)
    // Walk segments from the latest change back: [s_k, s_{k+1}) carries the price after change k.
    const segs: { share: number; price: number }[] = [];
    let current = before;
    const applicable: number[] = [];
    for (let k = 0; k < sorted.length; k++) {
      const c = sorted[k];
      if (c.customerId !== '' && c.customerId !== customerId) continue;
      if (masks[k] !== null && masks[k]![j] === 0) continue;
      applicable.push(k);
    }
    if (applicable.length === 0) continue;
    const prices: number[] = [];
    for (const k of applicable) {
      const c = sorted[k];
      current = c.newListPrice !== null ? c.newListPrice : current * (1 + c.changePct);
      prices.push(current);
    }
    for (let a = applicable.length - 1; a >= 0; a--) {
      const s = shares[applicable[a]][p];
      const share = Math.max(0, s - covered);
      if (share > 0) segs.push({ share, price: prices[a] });
      covered = Math.max(covered, s);
    }
    segs.push({ share: 1 - covered, price: before });
    const e = closed ? 0 : (elasticityOf(model, j)?.ownPrice ?? 0);
    let volume = 0;
    let gross = 0;
    if (e !== 0) {
      const margin = frontMarginOf(model, customerId, j);
      const product = products[j];
      const shopper = (list: number) =>
        priceBuildUp({ listPrice: list, onInvoicePerUnit: 0, product, frontMargin: margin }).consumerPrice;
      const base = shopper(before);
      for (const g of segs) {
        const f =
          g.price === before ? 1 : volumeFactor(base, passedThrough(base, shopper(g.price), passThrough), e, form);
        volume += g.share * f;
        gross += g.share * f * g.price;
      }
    } else {
      for (const g of segs) {
        volume += g.share;
        gross += g.share * g.price;
      }
    }
    factor[i] = volume;
    price[i] = volume > 0 ? gross / volume : before;
  }
  return { factor, price };
}

/** The model's own levers (price changes), in stage order: prices, then the volume response. */
export function modelLevers(model: Model): Lever[] {
  const seg = segmentLines(model);
  if (seg === null) return [];
  return [
    {
      id: 'price_changes',
      stage: 'prices',
      apply: (l) => {
        for (let i = l.start; i < l.end; i++) if (seg.price[i] === seg.price[i]) l.price[i] = seg.price[i];
      },
    },
    {
      id: 'price_response',
      stage: 'volumes',
      apply: (l) => {
        for (let i = l.start; i < l.end; i++) if (seg.factor[i] === seg.factor[i]) l.volume[i] *= seg.factor[i];
      },
    },
  ];
}

export type { PriceChange };
