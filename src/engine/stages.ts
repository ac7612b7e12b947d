/**
 * The engine's stage order, explicit: prices → volumes → terms → P&L. A lever (a promotion, a price change, an
 * elasticity response) belongs to the prices or the volumes stage: it rewrites the per-line price or volume of a
 * customer's lines before any term is evaluated, so rebates, tiers, growth, accruals and the P&L all see it.
 * Levers run in stage order, then in the order given.
 *
 * @example
 * // +10 % volume on every line of the first customer
 * const uplift: Lever = { id: 'uplift', stage: 'volumes', apply: (l) => { for (let i = l.start; i < l.end; i++) l.volume[i] *= 1.1; } };
 * computeModel(model, { levers: [uplift] });
 */
export const STAGES = ['prices', 'volumes', 'terms', 'pnl'] as const;
export type Stage = (typeof STAGES)[number];

/** One customer's lines [start, end) as a lever sees them: price and volume per line, writable. */
export interface LeverLines {
  customerIndex: number;
  start: number;
  end: number;
  /** List price per line (MXN per unit, ex-tax), a copy of the model's: the prices stage may rewrite it. */
  price: Float64Array;
  /** Volume used per line (actual when present, else baseline): the volumes stage may rewrite it. */
  volume: Float64Array;
}

export interface Lever {
  id: string;
  stage: Extract<Stage, 'prices' | 'volumes'>;
  apply(lines: LeverLines): void;
}

/** Levers sorted by stage (stable within a stage). */
export function inStageOrder(levers: readonly Lever[]): Lever[] {
  return levers
    .map((l, k) => ({ l, k }))
    .sort((a, b) => STAGES.indexOf(a.l.stage) - STAGES.indexOf(b.l.stage) || a.k - b.k)
    .map((x) => x.l);
}
