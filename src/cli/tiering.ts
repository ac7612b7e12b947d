/**
 * V8's tiering tuned to the size of a run. V8 hands a function to its optimising compiler once it has run its
 * interrupt budget of bytecode (66 KB), a setting made for long-lived pages: a run on a small workbook is over in half
 * a second, and most of what it compiles (on the second core, while the first runs) is compiled too late to pay off.
 * Eight times the budget makes such a run about a third faster; on a million base-volume rows it made the run slower
 * (hot loops optimised later). So a run takes it while its input holds fewer than SMALL_RUN_CELLS cells, and gives it
 * back as soon as its reads pass that (a mapped workbook reads its sources after the contract's tables). Measured on
 * Node 20's V8 11.3 only; another V8 (Node 22's tiers through Maglev first) keeps its own tiering. Performance only:
 * the results are the same either way. Figures: docs/performance.md, "Seventh session".
 *
 * @example
 * const tune = tieringTuner(); // bin/trade-terms.js passes it to main() as io.tiering
 * tune(23_240); // the sample's base volumes: '--interrupt-budget=540672' from here on
 * tune(2_000_000); // a mapped source read later: '--interrupt-budget=67584' (V8's own) again
 */
import { setFlagsFromString } from 'node:v8';

/** Input cells (from the table ranges) below which a run is small: about 120k base-volume rows (8 columns). */
export const SMALL_RUN_CELLS = 1_000_000;

/** V8 11.3's own interrupt budget, and eight times it for a small run. */
export const V8_INTERRUPT_BUDGET = 66 * 1024;
export const SMALL_RUN_INTERRUPT_BUDGET = 8 * V8_INTERRUPT_BUDGET;

/** The V8 the budgets were measured on (process.versions.v8). */
export const TUNED_V8 = /^11\.3\./;

/**
 * The io.tiering hook of one process: told the cells of each read of the run's input (ReadOptions.onCells), it raises
 * the budget while their sum is small and restores V8's own, for good, once it is not. Returns the flag it set, if any.
 */
export function tieringTuner(
  setFlags: (flags: string) => void = setFlagsFromString,
  v8Version: string = process.versions.v8,
): (cells: number) => string | undefined {
  const tuned = TUNED_V8.test(v8Version);
  let total = 0;
  let raised = false;
  let large = false;
  const set = (budget: number) => {
    const flag = `--interrupt-budget=${budget}`;
    setFlags(flag);
    return flag;
  };
  return (cells) => {
    total += cells;
    if (!tuned || large) return undefined;
    if (total >= SMALL_RUN_CELLS) {
      large = true;
      if (!raised) return undefined;
      raised = false;
      return set(V8_INTERRUPT_BUDGET);
    }
    if (raised) return undefined;
    raised = true;
    return set(SMALL_RUN_INTERRUPT_BUDGET);
  };
}
