/**
 * Which lines a term (or a cost-to-serve row) covers: one customer's contiguous line range, the products its
 * scope names (all, categories, brands or SKUs; matched trimmed and case-insensitively) and the model periods of
 * its span. Computed once per term; the per-line test is two array reads and a range check, no allocation.
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
}

function norm(s: string): string {
  return String(s).trim().toLowerCase();
}

/** Product mask of a scope, or null for scope 'all'. */
export function productMask(products: readonly Product[], scope: Scope): Uint8Array | null {
  if (scope.kind === 'all') return null;
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
  const { period, product } = lines;
  const mask = sel.products;
  let k = 0;
  for (let i = sel.start; i < sel.end; i++) {
    const p = period[i];
    if (p < sel.firstPeriod || p > sel.lastPeriod || (mask !== null && mask[product[i]] !== 1)) continue;
    out[k++] = i;
  }
  return k;
}
