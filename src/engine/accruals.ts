/**
 * Accruals (provisiones) of a term, per period of its span, under both interim-tier policies.
 *
 * tier_reached_so_far: cumulative(m) = the term's money on the year-to-date measure and year-to-date basis
 *   (lump sums: money on the YTD measure × share of the allocation key elapsed).
 * forecast_year_end: forecast(m) = used up to m + plan (baseline) after m;
 *   cumulative(m) = money(forecast) × YTD basis ÷ forecast basis (the forecast effective rate on the YTD basis).
 * accrual(m) = cumulative(m) − cumulative(m−1); runRate(m) = previous effective rate × basis of m (first period,
 * or while no earlier rate exists: the current rate); trueUp = accrual − runRate (the catch-up when the tier
 * changes). At the last period both windows ARE the annual window, so final cumulative = the annual amount.
 */
import type { InterimTierPolicy, Period, Term } from './model';
import type { AccrualRow } from './results';
import type { TermWindows } from './measures';
import type { CompiledTerm } from './rebates';
import { evaluateTerm, measureQuantity, noNegativeZero, primaryMeasureValue } from './rebates';

export const INTERIM_TIER_POLICIES: readonly InterimTierPolicy[] = ['tier_reached_so_far', 'forecast_year_end'];

/** Running state of one policy's accrual schedule. */
class Schedule {
  readonly rows: AccrualRow[] = [];
  private prevCumulative = 0;
  private prevBasisYtd = 0;
  private prevRate = NaN;

  constructor(
    private readonly term: Term,
    private readonly policy: InterimTierPolicy,
  ) {}

  /**
   * rate NaN = undefined (no basis yet), and so is a rate that overflowed (money over a basis of 1e-320): the run
   * rate then uses the last defined rate, else the current one.
   */
  push(
    periodId: string,
    basisYtd: number,
    cumulative: number,
    rawRate: number,
    ytdMeasure: number,
    tierMeasureUsed: number,
  ): void {
    const rate = Number.isFinite(rawRate) ? rawRate : NaN;
    const accrual = cumulative - this.prevCumulative;
    const runRateRate = this.prevRate === this.prevRate ? this.prevRate : rate === rate ? rate : 0;
    let runRate = runRateRate * (basisYtd - this.prevBasisYtd);
    // Float noise (≈1e-11) is not a true-up: book it as run rate so accrual = runRate + trueUp stays exact.
    if (Math.abs(accrual - runRate) < 1e-6) runRate = accrual;
    this.rows.push({
      termId: this.term.id,
      customerId: this.term.customerId,
      periodId,
      policy: this.policy,
      ytdMeasure,
      tierMeasureUsed,
      effectiveRate: rate === rate ? rate : 0,
      cumulative,
      accrual,
      runRate,
      trueUp: accrual - runRate,
    });
    this.prevCumulative = cumulative;
    this.prevBasisYtd = basisYtd;
    if (rate === rate) this.prevRate = rate;
  }
}

/** Rows of both policies (tier_reached_so_far first), period by period over the term's span. */
export function termAccruals(
  ct: CompiledTerm,
  windows: TermWindows,
  periods: readonly Period[],
  annualBasis: number,
): AccrualRow[] {
  const term: Term = ct.term;
  const q = ct.basisQuantity;
  const soFar = new Schedule(term, 'tier_reached_so_far');
  const forecast = new Schedule(term, 'forecast_year_end');
  // A flat rate (no tiers, condition, growth or lump sum) is the same rate under both policies:
  // cumulative = rate × YTD basis, computed without evaluating the term each period.
  const linear = !ct.isFixed && term.tiers.length === 0 && !term.condition && !ct.needsGrowth;
  const measureQ = measureQuantity(ct.primaryMeasure);
  for (let m = windows.first; m <= windows.last; m++) {
    const id = periods[m].id;
    if (linear && measureQ !== null) {
      const basisYtd = windows.ytdOf(q, m) * ct.basisScale;
      const cumulative = noNegativeZero(term.rate * basisYtd); // the annual money is rate × basis, bit for bit at the end
      const ytdMeasure = windows.ytdOf(measureQ, m);
      soFar.push(id, basisYtd, cumulative, basisYtd !== 0 ? term.rate : NaN, ytdMeasure, ytdMeasure);
      const forecastRate = windows.forecastOf(q, m) !== 0 ? term.rate : 0;
      forecast.push(id, basisYtd, cumulative, forecastRate, ytdMeasure, windows.forecastOf(measureQ, m));
      continue;
    }
    const ytd = windows.ytd(m);
    const basisYtd = ytd[q] * ct.basisScale;
    const evYtd = evaluateTerm(ct, ytd);
    const ytdMeasure = primaryMeasureValue(ct, ytd, evYtd);
    const cumYtd = ct.isFixed ? (annualBasis !== 0 ? evYtd.money * (basisYtd / annualBasis) : 0) : evYtd.money;
    soFar.push(id, basisYtd, cumYtd, basisYtd !== 0 ? cumYtd / basisYtd : NaN, ytdMeasure, ytdMeasure);
    const fc = windows.forecast(m);
    const evF = evaluateTerm(ct, fc);
    const cumF = evF.basis !== 0 ? evF.money * (basisYtd / evF.basis) : 0;
    forecast.push(
      id,
      basisYtd,
      cumF,
      evF.basis !== 0 ? evF.money / evF.basis : 0,
      ytdMeasure,
      primaryMeasureValue(ct, fc, evF),
    );
  }
  return soFar.rows.concat(forecast.rows);
}
