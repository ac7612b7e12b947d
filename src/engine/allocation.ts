/**
 * Lump sums (cuotas de alta, exhibición, aportaciones, fixed cost-to-serve) spread over lines by a key
 * (volume, gross sales, even split), in whole centavos with the largest-remainder method: each line gets the floor
 * of its exact share, and the centavos left over go one each to the lines with the largest remainders (ties: the
 * earlier line). The parts sum back EXACTLY to the lump sum in centavos (up to 2^53 centavos, about 90 trillion pesos;
 * beyond, doubles hold no whole centavo and the parts are the exact shares).
 */
import type { Lines } from './model';
import { type LineSelection } from './scope';

/** k-th smallest (0-based) of a scratch array, reordering it (iterative quickselect, median of three). */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

const BUCKETS = 4096;

/**
 * Histogram buckets for n remainders: about one per remainder, at most BUCKETS. The threshold found does not depend
 * on it (it is the left-th largest remainder whatever the buckets); a split over a few hundred lines, as the
 * negotiations' recomputes of a small customer make by the hundred, then neither clears nor scans 4,096 of them.
 */
function bucketsFor(n: number): number {
  let b = 16;
  while (b < n && b < BUCKETS) b *= 2;
  return b;
}

/**
 * How the leftover centavos are handed out: every part whose remainder is above `threshold` gets one, and the
 * first `ties` parts (in order) whose remainder equals it get one too.
 */
interface Leftover {
  threshold: number;
  ties: number;
}

const NONE: Leftover = { threshold: Infinity, ties: 0 };

/**
 * Fills floors[0..n) and remainder[0..n) for `cents` split by weights (total = Σ weights; ≤ 0 → even split) and
 * finds who gets the leftover centavos. The threshold is the left-th largest remainder: a histogram of the
 * remainders finds its bucket, a quickselect runs on that bucket only (O(n) even on ~100k lines).
 */
function splitCentavos(
  cents: number,
  weights: ArrayLike<number>,
  n: number,
  total: number,
  floors: Float64Array,
  remainder: Float64Array,
): Leftover {
  const even = !(total > 0);
  const buckets = bucketsFor(n);
  const hist = new Int32Array(buckets);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const exact = even ? cents / n : (cents * weights[i]) / total;
    const whole = Math.floor(exact);
    const r = exact - whole;
    floors[i] = whole;
    remainder[i] = r;
    assigned += whole;
    const b = (r * buckets) | 0;
    hist[b < buckets ? b : buckets - 1]++;
  }
  const left = cents - assigned;
  if (left === 0) return NONE;
  if (left < 0) {
    // Floating-point shares can overshoot by a centavo or two: take them back from the smallest remainders.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => remainder[a] - remainder[b] || b - a);
    let over = -left;
    for (let k = 0; k < n && over > 0; k++) {
      if (floors[order[k]] > 0) {
        floors[order[k]] -= 1;
        over--;
      }
    }
    if (over !== 0) throw new Error(`Asignación incompleta. / Incomplete allocation.`);
    return NONE;
  }
  let above = 0;
  let bucket = buckets - 1;
  for (; bucket > 0; bucket--) {
    if (above + hist[bucket] >= left) break;
    above += hist[bucket];
  }
  const inBucket = new Float64Array(hist[bucket]);
  let k = 0;
  for (let i = 0; i < n; i++) {
    let b = (remainder[i] * buckets) | 0;
    if (b >= buckets) b = buckets - 1;
    if (b === bucket) inBucket[k++] = remainder[i];
  }
  const threshold = selectKth(inBucket, inBucket.length - (left - above));
  let greater = above;
  for (let j = 0; j < inBucket.length; j++) if (inBucket[j] > threshold) greater++;
  return { threshold, ties: left - greater };
}

/**
 * The split of `cents` by weights into parts[0..n), as whole centavos signed like the amount: every part its floor,
 * plus one centavo for the largest remainders (ties to the first parts), so the parts add up to exactly `cents`.
 * One rule for allocateCentavos and placeLumpSum, so both split a lump sum the same way.
 */
function settleCentavos(
  cents: number,
  sign: number,
  weights: ArrayLike<number>,
  n: number,
  total: number,
  parts: Float64Array,
  remainder: Float64Array,
): void {
  if (cents > Number.MAX_SAFE_INTEGER) {
    // Beyond 2^53 centavos (about 90 trillion pesos) a double holds no whole centavo: floors cannot be settled one
    // centavo at a time, so the parts are the exact shares, as close to the amount as doubles go.
    const even = !(total > 0);
    for (let i = 0; i < n; i++) parts[i] = sign * (even ? cents / n : cents * (weights[i] / total));
    return;
  }
  const { threshold, ties } = splitCentavos(cents, weights, n, total, parts, remainder);
  let quota = ties;
  for (let i = 0; i < n; i++) {
    const r = remainder[i];
    let p = parts[i];
    if (r > threshold) p += 1;
    else if (r === threshold && quota > 0) {
      p += 1;
      quota--;
    }
    parts[i] = sign * p;
  }
}

function checkAmount(amount: number): void {
  if (!Number.isFinite(amount)) {
    throw new Error(`Monto a asignar no finito: ${amount}. / Amount to allocate is not finite: ${amount}.`);
  }
}

function noLines(amount: number): never {
  throw new Error(
    `No hay líneas a las que asignar ${amount.toFixed(2)} MXN. / There are no lines to allocate ${amount.toFixed(2)} MXN to.`,
  );
}

function badWeight(i: number, w: number): never {
  throw new Error(
    `Peso de asignación inválido en la parte ${i}: ${w}. / Invalid allocation weight at part ${i}: ${w}.`,
  );
}

/**
 * Whole centavos per part (signed like the amount), summing exactly to round(amount × 100).
 * Weights must be finite and ≥ 0; when they sum to 0 the split is even. Throws when there is money but no part.
 */
export function allocateCentavos(amount: number, weights: ArrayLike<number>): Float64Array {
  checkAmount(amount);
  const n = weights.length;
  const parts = new Float64Array(n);
  const cents = Math.round(Math.abs(amount) * 100);
  if (cents === 0) return parts;
  if (n === 0) noLines(amount);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w >= 0) || w === Infinity) badWeight(i, w);
    total += w;
  }
  settleCentavos(cents, amount < 0 ? -1 : 1, weights, n, total, parts, new Float64Array(n));
  return parts;
}

/** MXN parts (centavos ÷ 100) of a lump sum. */
export function allocateLumpSum(amount: number, weights: ArrayLike<number>): Float64Array {
  const parts = allocateCentavos(amount, weights);
  for (let i = 0; i < parts.length; i++) parts[i] = parts[i] / 100;
  return parts;
}

/** Reusable buffers for allocations inside one engine run (no per-allocation garbage on ~100k-line customers). */
export interface AllocationScratch {
  idx: Int32Array;
  weights: Float64Array;
  floors: Float64Array;
  remainder: Float64Array;
}

export function allocationScratch(capacity: number): AllocationScratch {
  return {
    idx: new Int32Array(capacity),
    weights: new Float64Array(capacity),
    floors: new Float64Array(capacity),
    remainder: new Float64Array(capacity),
  };
}

/**
 * Places a lump sum on the selected lines by a key column (null = even split; a key summing to 0 splits evenly),
 * in whole centavos — the same split as allocateCentavos — : add[i] += part, subtract[i] −= part (on-invoice lump
 * sums lower invoice sales), byPeriod accumulates per model period. `scratch` must hold sel.end − sel.start
 * entries. Returns the lines covered.
 */
export function placeLumpSum(
  amount: number,
  sel: LineSelection,
  lines: Lines,
  key: Float64Array | null,
  scratch: AllocationScratch,
  add: Float64Array,
  subtract: Float64Array | null,
  byPeriod: Float64Array | null,
): number {
  checkAmount(amount);
  const { idx, weights, floors, remainder } = scratch;
  const { period } = lines;
  const rg = sel.ranges;
  let n = 0;
  let total = 0;
  for (let r = 0; r < rg.length; r += 2) {
    const b = rg[r + 1];
    for (let i = rg[r]; i < b; i++) {
      const p = period[i];
      if (p < sel.firstPeriod || p > sel.lastPeriod) continue;
      const w = key === null ? 1 : key[i];
      if (!(w >= 0) || w === Infinity) badWeight(n, w);
      idx[n] = i;
      weights[n] = w;
      total += w;
      n++;
    }
  }
  const cents = Math.round(Math.abs(amount) * 100);
  if (n === 0 || cents === 0) return n;
  settleCentavos(cents, amount < 0 ? -1 : 1, weights, n, total, floors, remainder);
  for (let k = 0; k < n; k++) {
    const i = idx[k];
    const v = floors[k] / 100; // centavos → MXN exactly as allocateLumpSum
    add[i] += v;
    if (subtract !== null) subtract[i] -= v;
    if (byPeriod !== null) byPeriod[period[i]] += v;
  }
  return n;
}
