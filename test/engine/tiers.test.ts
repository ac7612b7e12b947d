import {
  allUnitsMoney,
  marginalBands,
  marginalMoney,
  reachedTier,
  tierLumpSum,
  tierRate,
  type Tier,
} from '../../src/engine';

// Bono por volumen: 0–10,000 u → 1 %; 10,000–20,000 u → 2 %; 20,000 u and up → 3 %.
const tiers: Tier[] = [
  { from: 0, to: 10_000, rate: 0.01 },
  { from: 10_000, to: 20_000, rate: 0.02 },
  { from: 20_000, to: null, rate: 0.03 },
];

describe('tiers', () => {
  test('all-units and marginal give different money on the same tiers', () => {
    // 25,000 units at $100 → basis (gross sales) $2,500,000.
    // all-units: tier 3 reached → 3 % × 2,500,000 = 75,000.
    expect(allUnitsMoney(tiers, 25_000, 2_500_000)).toBeCloseTo(75_000, 6);
    // marginal: bands 10,000 / 10,000 / 5,000 units → basis 1,000,000 / 1,000,000 / 500,000
    //   = 1 % × 1,000,000 + 2 % × 1,000,000 + 3 % × 500,000 = 10,000 + 20,000 + 15,000 = 45,000.
    expect(marginalMoney(tiers, 25_000, 2_500_000)).toBeCloseTo(45_000, 6);
    expect(Array.from(marginalBands(tiers, 25_000))).toEqual([10_000, 10_000, 5_000]);
  });

  test('the first tier is reached at its From; a later tier only above its From (the bound closes the tier below)', () => {
    expect(reachedTier(tiers, tiers[0].from)).toBe(0);
    expect(reachedTier(tiers, 9_999)).toBe(0);
    expect(reachedTier(tiers, 10_000)).toBe(0);
    expect(reachedTier(tiers, 10_000.01)).toBe(1);
    expect(reachedTier(tiers, NaN)).toBe(-1);
  });

  test('a measure below the first tier earns 0; gaps earn 0 under marginal', () => {
    const gapped: Tier[] = [
      { from: 5_000, to: 8_000, rate: 0.01 },
      { from: 10_000, to: null, rate: 0.02 },
    ];
    expect(allUnitsMoney(gapped, 4_000, 400_000)).toBe(0);
    expect(marginalMoney(gapped, 4_000, 400_000)).toBe(0);
    // 12,000 u at $10 = 120,000: bands 3,000 (5k–8k) and 2,000 (10k–12k); 8k–10k is a gap.
    // 1 % × 120,000 × 3,000/12,000 + 2 % × 120,000 × 2,000/12,000 = 300 + 400 = 700.
    expect(marginalMoney(gapped, 12_000, 120_000)).toBeCloseTo(700, 9);
    // effective marginal rate = 700 / 120,000
    expect(tierRate(gapped, 'marginal', 12_000)).toBeCloseTo(700 / 120_000, 12);
  });

  test('volume basis: marginal MXN per unit per band', () => {
    const perUnit: Tier[] = [
      { from: 0, to: 1_000, rate: 0.5 },
      { from: 1_000, to: null, rate: 0.8 },
    ];
    // 1,500 u: 1,000 × $0.50 + 500 × $0.80 = 500 + 400 = 900; all-units 1,500 × 0.80 = 1,200.
    expect(marginalMoney(perUnit, 1_500, 1_500)).toBeCloseTo(900, 9);
    expect(allUnitsMoney(perUnit, 1_500, 1_500)).toBeCloseTo(1_200, 9);
  });

  test('tiered lump sums: all-units pays the tier reached, marginal adds every step reached', () => {
    const steps: Tier[] = [
      { from: 1_000, to: 2_000, rate: 10_000 },
      { from: 2_000, to: null, rate: 25_000 },
    ];
    expect(tierLumpSum(steps, 'all_units', 2_500)).toBe(25_000);
    expect(tierLumpSum(steps, 'marginal', 2_500)).toBe(35_000);
    expect(tierLumpSum(steps, 'marginal', 999)).toBe(0);
  });
});
