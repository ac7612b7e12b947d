/**
 * V8's tiering tuned to the size of a run. V8 sends a function to its optimising compiler (TurboFan) once the function
 * has run about 66 KB of bytecode (its interrupt budget), a setting made for long-lived pages. A CLI run on a small
 * workbook is over in half a second: most of the functions it calls reach that budget and are compiled, on the second
 * core, while the first runs them, and little of the run is left to use the compiled code. With eight times the
 * budget the sample's run took 0.35 s against 0.51 s (medians of 21 alternating runs, 2-vCPU VM; compute 183 → 109 ms,
 * write 128 → 74 ms; TurboFan compiled 42 functions instead of 122, and the process's CPU time went from ~1.2 s to
 * ~0.55 s), 30k rows 0.99 s against 1.11 s; on the 1 M-row workbook the same budget made the run ~0.5 s
 * slower (its hot loops optimised later), and half the default gained nothing there. So only runs whose
 * input tables hold fewer than SMALL_RUN_CELLS cells take it; larger ones keep V8's own. Performance only: the
 * results are the same either way. Measured on V8 11 (Node 20) only: another V8 (Node 22's tiers through Maglev first,
 * and one without the flag would print an error) keeps its own tiering until measured there.
 *
 * @example
 * const tune = tieringTuner(); // bin/trade-terms.js passes it to main() as io.tiering
 * tune(45_000); // the sample: '--interrupt-budget=540672' for the rest of the run
 */
import { setFlagsFromString } from 'node:v8';

/** Input cells (from the table ranges) below which a run is small: about 120k base-volume rows (8 columns). */
export const SMALL_RUN_CELLS = 1_000_000;

/** Eight times V8's default interrupt budget (66 KB of bytecode; Node 20's V8 11.3). */
export const SMALL_RUN_INTERRUPT_BUDGET = 8 * 66 * 1024;

/** The V8 versions the budget was measured on (process.versions.v8). */
export const TUNED_V8 = /^11\./;

/**
 * The io.tiering hook of one process: the first read's cell count decides (a run reads its input tables once; a
 * mapping's extra ranges are small), later calls change nothing. Returns whether it raised the budget.
 */
export function tieringTuner(
  setFlags: (flags: string) => void = setFlagsFromString,
  v8Version: string = process.versions.v8,
): (cells: number) => boolean {
  let decided = false;
  return (cells) => {
    if (decided) return false;
    decided = true;
    if (!TUNED_V8.test(v8Version) || !(cells < SMALL_RUN_CELLS)) return false;
    setFlags(`--interrupt-budget=${SMALL_RUN_INTERRUPT_BUDGET}`);
    return true;
  };
}
