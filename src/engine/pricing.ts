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
import { passedThrough, volumeFactor } from './price-buildup';
import { taxAt, taxTable } from './taxes';
import { windowShares } from './windows';

/** The most specific scoped row for a product: SKU before brand before category before all (last row wins ties). */
export function scopedFor<R extends { scope: Model['terms'][number]['scope'] }>(
  rows: readonly R[],
  products: readonly Product[],
  j: number,
): R | undefined {
  return scopedTable(rows, products)[j];
}

/** The most specific row for every product at once (each row's product mask built once). */
export function scopedTable<R extends { scope: Model['terms'][number]['scope'] }>(
  rows: readonly R[],
  products: readonly Product[],
): (R | undefined)[] {
  const rank = { sku: 3, brand: 2, category: 1, all: 0 } as const;
  const best: (R | undefined)[] = new Array<R | undefined>(products.length).fill(undefined);
  const bestRank = new Int8Array(products.length).fill(-1);
  for (const r of rows) {
    const mask = productMask(products, r.scope);
    const k = rank[r.scope.kind];
    for (let j = 0; j < products.length; j++) {
      if ((mask === null || mask[j] === 1) && k >= bestRank[j]) {
        best[j] = r;
        bestRank[j] = k;
      }
    }
  }
  return best;
}

/**
 * Per-product lookups of a model's scoped tables, built once per model (a lookup per line would build a product
 * mask per row per line: quadratic on a million lines).
 */
interface PriceLookups {
  margins: Map<string, Float64Array>;
  elasticities: (Elasticity | undefined)[];
}
/**
 * Kept per product list and checked against the two tables they come from: a scenario's model is a new object
 * sharing them with the base, and a walk-away makes dozens of such models.
 */
const lookupCache = new WeakMap<
  readonly Product[],
  { margins: Model['retailerMargins']; elasticities: Model['elasticities']; value: PriceLookups }
>();

function lookups(model: Model): PriceLookups {
  const hit = lookupCache.get(model.products);
  let l =
    hit && hit.margins === model.retailerMargins && hit.elasticities === model.elasticities ? hit.value : undefined;
  if (!l) {
    const { products } = model;
    const margins = new Map<string, Float64Array>();
    const byCustomer = new Map<string, RetailerMargin[]>();
    for (const r of model.retailerMargins ?? []) {
      const list = byCustomer.get(r.customerId) ?? [];
      list.push(r);
      byCustomer.set(r.customerId, list);
    }
    for (const [customerId, rows] of byCustomer) {
      margins.set(
        customerId,
        Float64Array.from(scopedTable(rows, products), (r) => r?.frontMargin ?? 0),
      );
    }
    l = { margins, elasticities: scopedTable(model.elasticities ?? [], products) };
    lookupCache.set(products, { margins: model.retailerMargins, elasticities: model.elasticities, value: l });
  }
  return l;
}

/** Front margin of a customer × product (0 when the table has none: the shopper's price then moves with cost). */
export function frontMarginOf(model: Model, customerId: string, j: number): number {
  return lookups(model).margins.get(customerId)?.[j] ?? 0;
}

/**
 * The front margins of one customer, by product (frontMarginOf for every product at once), for per-line loops: one
 * lookup per call instead of one per line. Shared: read it, never write it.
 */
export function frontMarginsOf(model: Model, customerId: string, products: number): Float64Array {
  return lookups(model).margins.get(customerId) ?? new Float64Array(products);
}

/** elasticityOf for every product at once (shared: read it, never write it). */
export function elasticitiesOf(model: Model): readonly (Elasticity | undefined)[] {
  return lookups(model).elasticities;
}

export function elasticityOf(model: Model, j: number): Elasticity | undefined {
  return lookups(model).elasticities[j];
}

/** Own-price elasticity of every product (0 without one), kept with the lookups (read-only). */
const ownByLookups = new WeakMap<PriceLookups, Float64Array>();
function ownElasticities(model: Model): Float64Array {
  const l = lookups(model);
  let own = ownByLookups.get(l);
  if (!own) {
    own = new Float64Array(l.elasticities.length);
    for (let j = 0; j < own.length; j++) own[j] = l.elasticities[j]?.ownPrice ?? 0;
    ownByLookups.set(l, own);
  }
  return own;
}

interface Segmented {
  /** Per line: volume factor and price of the period (volume-weighted), NaN where no change touches the line. */
  factor: Float64Array;
  price: Float64Array;
}

/**
 * The segments of a model's lines, computed range by range as the stages ask for them: a scenario that moves one
 * customer's price is recomputed for that customer's lines only (a walk-away does it dozens of times on a
 * million-line model), into buffers the size of that range (not of the model's lines).
 */
interface LazySegments {
  /** Factor and price for lines [start, end), indexed i − start; computed on the first call for that range. */
  range(start: number, end: number): Segmented;
  /** The ranges computed so far, by "start:end". */
  ranges: Map<string, Segmented>;
}

/** Per line, the period's volume factor and volume-weighted price under the model's price changes. */
export function segmentLines(model: Model): Segmented | null {
  return lazySegments(model)?.range(0, model.lines.n) ?? null;
}

/** Segments of ranges used no more (their model's segments were replaced in the cache), to fill again. */
const freeRanges = new WeakMap<Model['lines'], Segmented[]>();

function lazySegments(model: Model): LazySegments | null {
  const changes = model.priceChanges ?? [];
  if (changes.length === 0) return null;
  const ranges = new Map<string, Segmented>();
  let fill: ((from: number, to: number, into: Segmented) => void) | undefined;
  const buffers = (m: number): Segmented => {
    const free = freeRanges.get(model.lines);
    const k = free ? free.findIndex((x) => x.factor.length === m) : -1;
    if (k < 0) return { factor: new Float64Array(m).fill(NaN), price: new Float64Array(m).fill(NaN) };
    const seg = free!.splice(k, 1)[0];
    seg.factor.fill(NaN);
    seg.price.fill(NaN);
    return seg;
  };
  return {
    ranges,
    range(start, end) {
      const key = `${start}:${end}`;
      let seg = ranges.get(key);
      if (!seg) {
        seg = buffers(end - start);
        fill ??= segmentFiller(model);
        fill(start, end, seg);
        ranges.set(key, seg);
      }
      return seg;
    },
  };
}

/**
 * Fills factor and price for lines [from, to) into buffers indexed i − from (the per-model setup done once, the
 * per-customer lookups once per customer, the per-line work in fillSegments: one function for every model, so a
 * walk-away's price values, each a new model, run compiled code from the start).
 */
function segmentFiller(model: Model): (from: number, to: number, into: Segmented) => void {
  const changes = model.priceChanges ?? [];
  const { lines, products, periods } = model;
  const sorted = [...changes].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
  );
  const nc = sorted.length;
  const np = products.length;
  const st: FillState = {
    model,
    lines,
    nc,
    np,
    // Each change as plain numbers (its new price, NaN for none, and its %), in date order.
    newPrice: Float64Array.from(sorted, (c) => (c.newListPrice !== null ? c.newListPrice : NaN)),
    hasNewPrice: Uint8Array.from(sorted, (c) => (c.newListPrice !== null ? 1 : 0)),
    changePct: Float64Array.from(sorted, (c) => c.changePct),
    customerIds: sorted.map((c) => c.customerId),
    shares: sorted.map((c) => windowShares(periods, { from: c.effectiveDate, to: '9999-12-31' })),
    masks: sorted.map((c) => productMask(products, c.scope)),
    passThrough: model.settings.passThrough,
    form: model.settings.elasticityForm,
    ownElasticity: ownElasticities(model),
    taxes: taxTable(model),
    applicable: new Int32Array(np * nc),
    count: new Int32Array(np),
    margins: new Float64Array(np),
    customerOf: -1,
    after: new Float64Array(nc),
  };
  return (from, to, into) => fillSegments(st, from, to, into);
}

interface FillState {
  model: Model;
  lines: Model['lines'];
  nc: number;
  np: number;
  newPrice: Float64Array;
  hasNewPrice: Uint8Array;
  changePct: Float64Array;
  customerIds: string[];
  shares: Float64Array[];
  masks: (Uint8Array | null)[];
  passThrough: number;
  form: Model['settings']['elasticityForm'];
  ownElasticity: Float64Array;
  taxes: ReturnType<typeof taxTable>;
  /** Per product of the current customer: the changes that apply, in date order (applicable[j × nc …], count[j]). */
  applicable: Int32Array;
  count: Int32Array;
  /** The current customer's front margins. */
  margins: Float64Array;
  customerOf: number;
  /** Per line scratch: the price after each applicable change (no allocation per line). */
  after: Float64Array;
}

/** Looked up when the customer changes, not per line: the changes that apply to each product, and the margins. */
function forCustomer(st: FillState, ci: number): void {
  const customerId = st.model.customers[ci].id;
  const { nc, np, applicable, count, customerIds, masks } = st;
  for (let j = 0; j < np; j++) {
    let na = 0;
    for (let k = 0; k < nc; k++) {
      if (customerIds[k] !== '' && customerIds[k] !== customerId) continue;
      const mask = masks[k];
      if (mask !== null && mask[j] === 0) continue;
      applicable[j * nc + na++] = k;
    }
    count[j] = na;
  }
  st.margins = frontMarginsOf(st.model, customerId, np);
  st.customerOf = ci;
}

function fillSegments(st: FillState, from: number, to: number, into: Segmented): void {
  const { factor, price } = into;
  const { nc, applicable, count, after, shares, taxes, ownElasticity, newPrice, hasNewPrice, changePct } = st;
  const { passThrough, form } = st;
  const { product, period, customer, listPrice, actualVolume } = st.lines;
  for (let i = from; i < to; i++) {
    const j = product[i];
    const p = period[i];
    if (customer[i] !== st.customerOf) forCustomer(st, customer[i]);
    const na = count[j];
    if (na === 0) continue;
    const at = j * nc;
    const before = listPrice[i];
    let current = before;
    for (let a = 0; a < na; a++) {
      const k = applicable[at + a];
      current = hasNewPrice[k] === 1 ? newPrice[k] : current * (1 + changePct[k]);
      after[a] = current;
    }
    // A closed period (actual volume) takes the price but not the response: it already happened.
    const e = actualVolume[i] === actualVolume[i] ? 0 : ownElasticity[j];
    // The shopper's price of a list price, linear in it: the build-up of price-buildup.ts inline (no object per
    // line): (list × (1 + IEPS ad valorem) + IEPS per unit) ÷ (1 − front margin) × (1 + IVA).
    let k1 = 0;
    let k0 = 0;
    if (e !== 0) {
      const margin = st.margins[j];
      const t = taxAt(taxes, j, p);
      const scale = (1 + taxes.ivaRate[t]) / (1 - margin);
      k1 = (1 + taxes.iepsAdValorem[t]) * scale;
      k0 = taxes.iepsPerUnit[t] * scale;
    }
    const shopper0 = k1 * before + k0;
    // Segments from the latest change back: the part of the period on or after change a, not yet given a price.
    let covered = 0;
    let volume = 0;
    let gross = 0;
    for (let a = na - 1; a >= 0; a--) {
      const sh = shares[applicable[at + a]][p];
      const part = sh - covered;
      if (part > 0) {
        const pr = after[a];
        const f =
          e === 0 || pr === before
            ? 1
            : volumeFactor(shopper0, passedThrough(shopper0, k1 * pr + k0, passThrough), e, form);
        volume += part * f;
        gross += part * f * pr;
        covered = sh;
      }
    }
    volume += 1 - covered;
    gross += (1 - covered) * before;
    factor[i - from] = volume;
    price[i - from] = volume > 0 ? gross / volume : before;
  }
}

/**
 * The segments depend only on the lines, the products, the periods, the price changes, margins, elasticities and
 * two settings: a live edit of a term, a payment day or a promotion keeps all of them, so the segments of the last
 * run are reused (a model is never mutated in place: every edit makes new objects, which is what is compared).
 */
interface SegmentsEntry {
  inputs: readonly unknown[];
  seg: LazySegments | null;
}
const segmentsCache = new WeakMap<Model['lines'], SegmentsEntry>();

function segmentsOf(model: Model): LazySegments | null {
  const inputs = [
    model.products,
    model.periods,
    model.customers,
    model.priceChanges,
    model.retailerMargins,
    model.elasticities,
    model.taxRates,
    model.settings.passThrough,
    model.settings.elasticityForm,
  ];
  const hit = segmentsCache.get(model.lines);
  if (hit && hit.inputs.every((x, k) => x === inputs[k])) return hit.seg;
  if (hit?.seg) {
    // Replaced: its levers belonged to a computation that is over (a walk-away's price values follow one another),
    // so its buffers are filled again for the next model instead of allocating new ones.
    let free = freeRanges.get(model.lines);
    if (!free) freeRanges.set(model.lines, (free = []));
    for (const r of hit.seg.ranges.values()) if (free.length < 8) free.push(r);
  }
  const seg = lazySegments(model);
  segmentsCache.set(model.lines, { inputs, seg });
  return seg;
}

/** The model's own levers (price changes), in stage order: prices, then the volume response. */
export function modelLevers(model: Model): Lever[] {
  const seg = segmentsOf(model);
  if (seg === null) return [];
  return [
    {
      id: 'price_changes',
      stage: 'prices',
      apply: (l) => {
        const { price } = seg.range(l.start, l.end);
        const out = l.price;
        for (let i = l.start, k = 0; i < l.end; i++, k++) {
          const x = price[k];
          if (x === x) out[i] = x;
        }
      },
    },
    {
      id: 'price_response',
      stage: 'volumes',
      apply: (l) => {
        const { factor } = seg.range(l.start, l.end);
        const volume = l.volume;
        for (let i = l.start, k = 0; i < l.end; i++, k++) {
          const f = factor[k];
          if (f === f) volume[i] *= f;
        }
      },
    },
  ];
}

export type { PriceChange };
