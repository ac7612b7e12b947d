/**
 * Tier money. Tiers are ascending, contiguous bands on a measure (units, MXN or growth fraction).
 *
 * Bound convention (docs/workbook.md, "Tier bounds"): the first tier is reached when the measure reaches its From
 * (≥, like a target); every later tier starts above the previous tier's To, so a measure exactly at a shared bound
 * stays in the lower tier ("0–100, 100–350": 100 units earn the first tier's rate). Above a capped last tier (a To
 * on the last row) nothing more is earned: marginal pays no band above the cap, all-units pays the last rate on
 * the share of the basis up to the cap (basis × To ÷ measure).
 *
 * all_units (retroactive): the rate of the tier reached applies to the whole basis.
 * marginal (stepped): each rate applies to the part of the basis inside its band. When the measure is not the
 * basis (volume tiers paying a % of sales), band i's basis = basis × band_i measure ÷ total measure: every unit is
 * assumed to carry the average price (average-price assumption).
 * A measure below the first tier's `from` earns nothing; gaps between tiers earn nothing under marginal. Marginal
 * bands start at 0 at the lowest (growth tiers may start below 0: under marginal a decline band pays nothing).
 */
import type { Tier, TierMethod } from './model';

/**
 * Index of the tier reached, −1 when none (or the measure is NaN): the first tier at measure ≥ its From, a later
 * one at measure > its From (a shared bound belongs to the tier it closes).
 */
export function reachedTier(tiers: readonly Tier[], measure: number): number {
  let reached = -1;
  for (let i = 0; i < tiers.length; i++) if (i === 0 ? measure >= tiers[i].from : measure > tiers[i].from) reached = i;
  return reached;
}

/** The last tier's To when the measure is above it (the cap binds), else null. */
export function capBinding(tiers: readonly Tier[], measure: number): number | null {
  const last = tiers.length > 0 ? tiers[tiers.length - 1].to : null;
  return last !== null && measure > last ? last : null;
}

/** Rate per unit of basis under all-units: the reached tier's rate, scaled by cap ÷ measure above a capped last tier. */
export function allUnitsRate(tiers: readonly Tier[], measure: number): number {
  const t = reachedTier(tiers, measure);
  if (t < 0) return 0;
  const cap = capBinding(tiers, measure);
  return cap === null ? tiers[t].rate : (tiers[t].rate * cap) / measure;
}

/**
 * Part of the measure inside each band: max(0, min(measure, to) − max(from, 0)); all 0 for NaN. Bands are cut at 0
 * because the basis is shared out over the measure's range [0, measure]: a growth band below 0 (a decline) holds no
 * part of the basis, and counting it would make the shares add up to more than the whole basis.
 */
export function marginalBands(tiers: readonly Tier[], measure: number): Float64Array {
  const out = new Float64Array(tiers.length);
  for (let i = 0; i < tiers.length; i++) {
    const upper = tiers[i].to ?? Infinity;
    const lower = tiers[i].from > 0 ? tiers[i].from : 0;
    const inside = Math.min(measure, upper) - lower;
    out[i] = inside > 0 ? inside : 0;
  }
  return out;
}

export function allUnitsMoney(tiers: readonly Tier[], measure: number, basis: number): number {
  return allUnitsRate(tiers, measure) * basis;
}

/** Σ rate_i × basis × band_i ÷ measure (band_i when the basis is the measure). 0 when the measure is not positive. */
export function marginalMoney(tiers: readonly Tier[], measure: number, basis: number): number {
  if (!(measure > 0)) return 0;
  const bands = marginalBands(tiers, measure);
  let money = 0;
  for (let i = 0; i < tiers.length; i++) money += tiers[i].rate * ((basis * bands[i]) / measure);
  return money;
}

/** Rate per unit of basis: all_units → rate reached; marginal → money ÷ basis. */
export function tierRate(tiers: readonly Tier[], method: TierMethod, measure: number): number {
  return method === 'all_units' ? allUnitsRate(tiers, measure) : marginalMoney(tiers, measure, 1);
}

/**
 * Tiered lump sums (basis fixed_amount): the tier rate is the MXN amount of that step. all_units pays the amount of
 * the tier reached; marginal ("stepped") adds the amounts of every tier reached.
 */
export function tierLumpSum(tiers: readonly Tier[], method: TierMethod, measure: number): number {
  const t = reachedTier(tiers, measure);
  if (t < 0) return 0;
  if (method === 'all_units') return tiers[t].rate;
  let sum = 0;
  for (let i = 0; i <= t; i++) sum += tiers[i].rate;
  return sum;
}
