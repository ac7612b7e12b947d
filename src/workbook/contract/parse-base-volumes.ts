/**
 * BaseVolumes → Model.lines (columnar). Linear in the rows: ids resolve through Maps, period cells through a cache
 * of distinct values, and the sort into customer × product × period order is a stable three-pass counting sort
 * (skipped when the table is already in that order). Duplicate keys are then adjacent.
 */
import { allocateLines, type Lines } from '../../engine/model';
import { isBlank } from './cells';
import { PERIOD_BAD, PERIOD_BLANK, type ParseContext } from './context';
import * as P from './problems';
import type { BoundTable } from './table';

export function parseBaseVolumes(t: BoundTable, ctx: ParseContext): Lines {
  const n = t.rowCount;
  const lines = allocateLines(n);
  const c = {
    customer: t.col('customerId'),
    sku: t.col('sku'),
    period: t.col('period'),
    baseline: t.col('baselineVolume'),
    actual: t.col('actualVolume'),
    list: t.col('listPrice'),
    prior: t.col('priorVolume'),
    priorPrice: t.col('priorListPrice'),
  };
  const customers = ctx.customers;
  const products = ctx.products;
  let k = 0;
  for (let r = 0; r < n; r++) {
    const rawCustomer = t.cell(r, c.customer);
    // Only a row whose first key cell is blank can be an entirely blank row.
    if (isBlank(rawCustomer) && t.isBlankRow(r)) continue;
    const customerId = t.text(r, c.customer);
    const sku = t.text(r, c.sku);
    const period = ctx.periods.read(t, r, c.period);
    const baseline = t.number(r, c.baseline);
    const actual = t.number(r, c.actual);
    const list = t.number(r, c.list);
    const prior = t.number(r, c.prior);
    const priorPrice = t.number(r, c.priorPrice);

    let customer = -1;
    if (customerId !== '' && customers) {
      customer = customers.index.find(customerId);
      if (customer < 0) t.error(r, c.customer, 'unknown_customer', () => P.unknownCustomer(customerId.trim()));
    }
    let product = -1;
    if (sku !== '' && products) {
      product = products.index.find(sku);
      if (product < 0) t.error(r, c.sku, 'unknown_sku', () => P.unknownSku(sku));
    }
    if (customer < 0 || product < 0 || period === PERIOD_BAD || period === PERIOD_BLANK) continue;
    lines.customer[k] = customer;
    lines.product[k] = product;
    lines.period[k] = period;
    lines.baselineVolume[k] = baseline ?? NaN;
    if (actual !== undefined) lines.actualVolume[k] = actual;
    lines.listPrice[k] = list ?? NaN;
    lines.priorVolume[k] = prior ?? 0;
    if (priorPrice !== undefined) lines.priorListPrice[k] = priorPrice;
    lines.sourceRow![k] = t.rowNumber(r);
    k++;
  }
  const keyed = truncate(lines, k);
  const sorted = sortLines(keyed, customers?.list.length ?? 0, products?.list.length ?? 0, ctx.periods.periods.length);
  reportDuplicates(t, ctx, sorted);
  reportGaps(t, ctx, sorted);
  return sorted;
}

function truncate(lines: Lines, k: number): Lines {
  if (k === lines.n) return lines;
  return {
    n: k,
    customer: lines.customer.subarray(0, k),
    product: lines.product.subarray(0, k),
    period: lines.period.subarray(0, k),
    baselineVolume: lines.baselineVolume.subarray(0, k),
    actualVolume: lines.actualVolume.subarray(0, k),
    listPrice: lines.listPrice.subarray(0, k),
    priorVolume: lines.priorVolume.subarray(0, k),
    priorListPrice: lines.priorListPrice.subarray(0, k),
    sourceRow: lines.sourceRow!.subarray(0, k),
  };
}

function inOrder(l: Lines): boolean {
  for (let i = 1; i < l.n; i++) {
    const dc = l.customer[i] - l.customer[i - 1];
    if (dc > 0) continue;
    if (dc < 0) return false;
    const dp = l.product[i] - l.product[i - 1];
    if (dp > 0) continue;
    if (dp < 0) return false;
    if (l.period[i] < l.period[i - 1]) return false;
  }
  return true;
}

/**
 * Lines in customer (Customers order), product (Products order), period order; stable, so file order breaks ties.
 * Sorted in place and returned: each column is permuted through one scratch column of its type (a second set of
 * columns was 60 MB of fresh memory on a million lines, each page of it a fault).
 */
export function sortLines(l: Lines, nCustomers: number, nProducts: number, nPeriods: number): Lines {
  if (inOrder(l)) return l;
  let order = new Int32Array(l.n);
  for (let i = 0; i < l.n; i++) order[i] = i;
  let spare = new Int32Array(l.n);
  // Least significant key first: each counting-sort pass is stable.
  for (const [key, size] of [
    [l.period, nPeriods],
    [l.product, nProducts],
    [l.customer, nCustomers],
  ] as const) {
    const start = new Int32Array(size + 1);
    for (let i = 0; i < l.n; i++) start[key[i] + 1]++;
    for (let v = 0; v < size; v++) start[v + 1] += start[v];
    for (let i = 0; i < l.n; i++) {
      const row = order[i];
      spare[start[key[row]]++] = row;
    }
    [order, spare] = [spare, order];
  }
  // `spare` is free now: the scratch for the integer columns.
  for (const col of [l.customer, l.product, l.period, l.sourceRow!]) permuteInts(col, order, spare);
  const doubles = new Float64Array(l.n);
  for (const col of [l.baselineVolume, l.actualVolume, l.listPrice, l.priorVolume, l.priorListPrice]) {
    permuteDoubles(col, order, doubles);
  }
  return l;
}

/**
 * col[i] ← col[order[i]] for every i, through tmp. One function per array type, not one generic: each stays
 * monomorphic, so V8 compiles its loop for that element kind.
 */
function permuteInts(col: Int32Array, order: Int32Array, tmp: Int32Array): void {
  for (let i = 0; i < order.length; i++) tmp[i] = col[order[i]];
  col.set(tmp);
}

/** permuteInts for the columns of doubles. */
function permuteDoubles(col: Float64Array, order: Int32Array, tmp: Float64Array): void {
  for (let i = 0; i < order.length; i++) tmp[i] = col[order[i]];
  col.set(tmp);
}

function reportDuplicates(t: BoundTable, ctx: ParseContext, l: Lines): void {
  const c = t.col('customerId');
  let firstRow = 0;
  for (let i = 1; i < l.n; i++) {
    if (l.customer[i] !== l.customer[i - 1] || l.product[i] !== l.product[i - 1] || l.period[i] !== l.period[i - 1]) {
      continue;
    }
    // Rows of one key are adjacent and in file order: name the first one.
    if (
      i === 1 ||
      l.customer[i - 2] !== l.customer[i] ||
      l.product[i - 2] !== l.product[i] ||
      l.period[i - 2] !== l.period[i]
    ) {
      firstRow = l.sourceRow![i - 1];
    }
    const row = l.sourceRow![i];
    const first = firstRow;
    const key = `${ctx.customers!.list[l.customer[i]].id} × ${ctx.products!.list[l.product[i]].sku} × ${ctx.periods.periods[l.period[i]].id}`;
    t.error(row - t.grid.headerRow - 1, c, 'duplicate_key', () => P.duplicateKey(key, first));
  }
}

/** Every period between the first and the last one with volume must have at least one row. */
function reportGaps(t: BoundTable, ctx: ParseContext, l: Lines): void {
  // Under a doubtful fiscal year (reported once) rows of other years were set aside: their gaps mean nothing.
  if (!ctx.periods.fiscalYearKnown) return;
  const periods = ctx.periods.periods;
  const used = new Uint8Array(periods.length);
  for (let i = 0; i < l.n; i++) used[l.period[i]] = 1;
  const first = used.indexOf(1);
  const last = used.lastIndexOf(1);
  if (first < 0) return;
  const missing: string[] = [];
  for (let p = first; p <= last; p++) if (!used[p]) missing.push(periods[p].id);
  if (missing.length === 0) return;
  t.sink.error('periods_not_contiguous', t.whereColumn(t.col('period')), () =>
    P.periodsNotContiguous(periods[first].id, periods[last].id, missing),
  );
}
