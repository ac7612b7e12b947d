/**
 * Which lines a term (or a cost-to-serve row) covers: one customer's contiguous line range, the products its
 * scope names (all, categories, brands or SKUs; matched trimmed and case-insensitively) and the model periods of
 * its span. Computed once per term as line ranges: a customer's lines come in runs of one product, so a scoped term
 * visits only the runs of its products (a one-SKU term reads ~52 lines, not the customer's ~100k), and the per-line
 * test is a period range check, no allocation.
 */
import type { Lines, Product, Scope } from './model';

export interface LineSelection {
  /** Customer line range [start, end). */
  start: number;
  end: number;
  /** Inclusive model period index range. */
  firstPeriod: number;
  lastPeriod: number;
  /** products[j] = 1 when product j is in scope; null = every product. */
  products: Uint8Array | null;
  /**
   * The lines to visit, as pairs [from, to) in line order inside [start, end): the runs of in-scope products
   * (everything in [start, end) when products is null). Only the period range remains to be checked per line.
   */
  ranges: Int32Array;
}

/** Runs of consecutive lines of one customer and product: run k = lines [start[k], start[k + 1]). */
export interface ProductRuns {
  /** Start line of each run, plus a final n. */
  start: Int32Array;
  /** Per customer: its runs are first[c] .. end[c] − 1. */
  first: Int32Array;
  end: Int32Array;
}

/** Line ranges of the runs whose product is in the mask (adjacent runs merged), for customer c's lines [start, end). */
export function scopeRanges(
  runs: ProductRuns,
  c: number,
  start: number,
  end: number,
  product: Int32Array,
  mask: Uint8Array | null,
): Int32Array {
  if (mask === null) return Int32Array.of(start, end);
  const out: number[] = [];
  for (let k = runs.first[c]; k < runs.end[c]; k++) {
    const a = runs.start[k];
    if (mask[product[a]] !== 1) continue;
    const b = runs.start[k + 1];
    if (out.length > 0 && out[out.length - 1] === a) out[out.length - 1] = b;
    else out.push(a, b);
  }
  return Int32Array.from(out);
}

function norm(s: string): string {
  return String(s).trim().toLowerCase();
}

/** Masks already built per product list, by scope: a scenario's recomputes (a walk-away makes dozens) reuse them. */
const masks = new WeakMap<readonly Product[], Map<string, Uint8Array>>();

/** Product mask of a scope, or null for scope 'all'. The mask is shared: read it, never write it. */
export function productMask(products: readonly Product[], scope: Scope): Uint8Array | null {
  if (scope.kind === 'all') return null;
  let byScope = masks.get(products);
  if (!byScope) masks.set(products, (byScope = new Map<string, Uint8Array>()));
  const key = `${scope.kind}\u0000${scope.values.map(norm).join('\u0001')}`;
  let mask = byScope.get(key);
  if (!mask) byScope.set(key, (mask = buildMask(products, scope)));
  return mask;
}

function buildMask(products: readonly Product[], scope: Scope): Uint8Array {
  const wanted = new Set(scope.values.map(norm));
  const mask = new Uint8Array(products.length);
  for (let j = 0; j < products.length; j++) {
    const p = products[j];
    const key = scope.kind === 'category' ? p.category : scope.kind === 'brand' ? p.brand : p.sku;
    mask[j] = wanted.has(norm(key)) ? 1 : 0;
  }
  return mask;
}

/** Identity of a selection within one customer: same key ⇒ same lines. */
export function selectionKey(scope: Scope, firstPeriod: number, lastPeriod: number): string {
  const values = scope.kind === 'all' ? '' : [...new Set(scope.values.map(norm))].sort().join('\u0001');
  return `${firstPeriod}:${lastPeriod}:${scope.kind}:${values}`;
}

/** Writes the selected line indexes into `out` (capacity ≥ end − start); returns how many. */
export function selectInto(sel: LineSelection, lines: Lines, out: Int32Array): number {
  const { period } = lines;
  const rg = sel.ranges;
  let k = 0;
  for (let r = 0; r < rg.length; r += 2) {
    const b = rg[r + 1];
    for (let i = rg[r]; i < b; i++) {
      const p = period[i];
      if (p < sel.firstPeriod || p > sel.lastPeriod) continue;
      out[k++] = i;
    }
  }
  return k;
}
