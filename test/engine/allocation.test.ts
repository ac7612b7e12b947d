import fc from 'fast-check';
import { allocateCentavos, allocateLumpSum } from '../../src/engine';
import { allocationScratch, placeLumpSum } from '../../src/engine/allocation';
import { allocateLines } from '../../src/engine/model';
import { sum } from './build';

describe('lump-sum allocation (largest remainder, whole centavos)', () => {
  test('1,000,000.01 over 7 lines evenly sums back exactly', () => {
    // 100,000,001 centavos / 7 = 14,285,714.43 → floors 14,285,714 × 7 = 99,999,998; 3 centavos left go to the
    // three largest remainders; all remainders tie, so lines 0, 1, 2 (earliest first).
    const cents = allocateCentavos(1_000_000.01, new Float64Array(7).fill(1));
    expect(Array.from(cents)).toEqual([14285715, 14285715, 14285715, 14285714, 14285714, 14285714, 14285714]);
    expect(sum(cents)).toBe(100_000_001);
    const mxn = allocateLumpSum(1_000_000.01, new Float64Array(7).fill(1));
    expect(mxn[0]).toBe(142857.15);
    expect(mxn[6]).toBe(142857.14);
    expect(Math.round(sum(mxn) * 100)).toBe(100_000_001);
  });

  test('weighted by volume: the leftover centavo goes to the largest remainder', () => {
    // $100 = 10,000 centavos by weights 1:2:3 → 1,666.67 / 3,333.33 / 5,000 → floors 1,666 / 3,333 / 5,000 = 9,999;
    // the 1 left goes to remainder .67 (line 0): 16.67 + 33.33 + 50.00 = 100.00.
    expect(Array.from(allocateLumpSum(100, [1, 2, 3]))).toEqual([16.67, 33.33, 50]);
  });

  test('negative amounts, zero weights (even split) and errors', () => {
    expect(Array.from(allocateLumpSum(-0.05, [1, 1]))).toEqual([-0.03, -0.02]);
    expect(Array.from(allocateLumpSum(0.03, [0, 0, 0]))).toEqual([0.01, 0.01, 0.01]);
    expect(() => allocateLumpSum(10, [])).toThrow(/no lines/);
    expect(() => allocateLumpSum(10, [1, -1])).toThrow(/Invalid allocation weight/);
    expect(allocateLumpSum(0, [])).toHaveLength(0);
  });

  /** Parts sum exactly, each within one centavo of its exact share, and equal a largest-remainder split by sorting. */
  const matchesReference = (amount: number, weights: number[]) => {
    const parts = allocateCentavos(amount, weights);
    const total = Math.round(Math.abs(amount) * 100) * (amount < 0 ? -1 : 1) + 0; // + 0: no -0
    expect(sum(parts)).toBe(total);
    const W = sum(weights);
    for (let i = 0; i < parts.length; i++) {
      expect(Number.isInteger(parts[i])).toBe(true);
      const exact = W > 0 ? (Math.abs(total) * weights[i]) / W : Math.abs(total) / weights.length;
      expect(Math.abs(Math.abs(parts[i]) - exact)).toBeLessThan(1 + 1e-6);
    }
    // Reference largest-remainder by sorting: same parts.
    const abs = Math.abs(total);
    const exacts = weights.map((w) => (W > 0 ? (abs * w) / W : abs / weights.length));
    const ref = exacts.map(Math.floor);
    let left = abs - ref.reduce((a, b) => a + b, 0);
    const order = exacts
      .map((_, i) => i)
      .sort((a, b) => exacts[b] - Math.floor(exacts[b]) - (exacts[a] - Math.floor(exacts[a])) || a - b);
    for (const i of order)
      if (left > 0) {
        ref[i] += 1;
        left--;
      }
    if (left === 0) expect(Array.from(parts, Math.abs)).toEqual(ref);
  };
  const weight = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 5 }));

  // Up to 60 parts, many runs; then 100 to 6,000 parts, crossing the 4,096 buckets the remainders' histogram can have.
  test.each([
    ['1 to 60 parts', 1, 60, 300],
    ['100 to 6,000 parts', 100, 6000, 40],
  ])(
    'property (%s): parts sum exactly, each within one centavo of its exact share, remainders go to the largest',
    (_name, minLength, maxLength, numRuns) => {
      fc.assert(
        fc.property(
          fc.double({ min: -5e7, max: 5e7, noNaN: true }),
          fc.array(weight, { minLength, maxLength }),
          matchesReference,
        ),
        { numRuns },
      );
    },
  );
});

describe('placeLumpSum on reused scratch buffers', () => {
  // The engine keeps one AllocationScratch per model lines and places every lump sum through it: whatever an earlier
  // split left in its buffers (the threshold bucket's remainders included), each split is allocateCentavos's.
  const capacity = 5000;
  const scratch = allocationScratch(capacity);
  const lines = allocateLines(capacity);
  test('property: the same parts as allocateCentavos, split after split', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5e7, max: 5e7, noNaN: true }),
        fc.integer({ min: 1, max: capacity }),
        fc.oneof(fc.constant('even'), fc.constant('weighted')),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (amount, n, kind, seed) => {
          let s = seed;
          const key = new Float64Array(capacity).map(() => {
            s = (s * 1103515245 + 12345) % 2 ** 31;
            return kind === 'even' ? 1 : s % 7;
          });
          const add = new Float64Array(capacity);
          const sel = { start: 0, end: n, firstPeriod: 0, lastPeriod: 0, products: null, ranges: Int32Array.of(0, n) };
          placeLumpSum(amount, sel, lines, key, scratch, add, null, null);
          const want = allocateLumpSum(amount, key.subarray(0, n));
          // Added into a zeroed column: a part of −0 lands as 0.
          expect(Array.from(add.subarray(0, n))).toEqual(Array.from(want, (x) => x + 0));
        },
      ),
      { numRuns: 150 },
    );
  });
});
