/**
 * Edit → repaint timing with the User Timing API: 'ttm-edit' when an edit is dispatched, 'ttm-paint' after the
 * browser painted the recomputed pane, and a 'ttm-edit-to-paint' measure. The last measures are exposed on
 * window.__ttmPerf for the end-to-end test and docs/performance.md.
 */

export interface TtmPerf {
  /** Last edit → paint duration, ms. */
  last: number | null;
  /** Every measured edit, ms, oldest first (capped). */
  samples: number[];
}

declare global {
  interface Window {
    __ttmPerf?: TtmPerf;
  }
}

const EDIT = 'ttm-edit';
const PAINT = 'ttm-paint';
const MEASURE = 'ttm-edit-to-paint';
const MAX_SAMPLES = 200;
let pending = false;

function userTiming(): Performance | null {
  const p = typeof performance !== 'undefined' ? performance : null;
  return p && typeof p.mark === 'function' && typeof p.measure === 'function' ? p : null;
}

export function markEdit(): void {
  const p = userTiming();
  if (!p) return;
  if (!pending) p.mark(EDIT); // several keystrokes before one paint count from the first
  pending = true;
}

/** Call after React committed an edit: marks once the frame with the new content has been painted. */
export function markPaintAfterCommit(): void {
  const p = userTiming();
  if (!p || !pending || typeof window === 'undefined') return;
  const finish = () => {
    if (!pending) return;
    pending = false;
    p.mark(PAINT);
    const m = p.measure(MEASURE, EDIT, PAINT) as PerformanceMeasure | undefined;
    const duration = m?.duration ?? p.getEntriesByName(MEASURE).at(-1)?.duration ?? NaN;
    const perf = (window.__ttmPerf ??= { last: null, samples: [] });
    perf.last = duration;
    perf.samples.push(duration);
    if (perf.samples.length > MAX_SAMPLES) perf.samples.shift();
    p.clearMarks(EDIT);
    p.clearMarks(PAINT);
    p.clearMeasures(MEASURE);
  };
  // rAF runs before the next paint; a task queued from it runs after that paint.
  if (typeof window.requestAnimationFrame === 'function') window.requestAnimationFrame(() => setTimeout(finish, 0));
  else setTimeout(finish, 0);
}
