export interface IdleOptions {
  /** Wait at least this long (ms) first. */
  delayMs?: number;
  /** Longest wait (ms) for an idle period once the delay is over. */
  timeoutMs?: number;
}

/**
 * Runs a task once the page has been quiet for a while: after `delayMs`, at the browser's next idle period
 * (requestIdleCallback, at most `timeoutMs` later), or right after the delay where there is no such API (Safari,
 * so Excel on Mac; jsdom). Returns a cancel function, so an effect can drop the task on clean-up.
 */
export function whenIdle(task: () => void, { delayMs = 0, timeoutMs = 1000 }: IdleOptions = {}): () => void {
  const w = typeof window !== 'undefined' ? window : undefined;
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof w?.requestIdleCallback === 'function')
      idle = w.requestIdleCallback(() => task(), { timeout: timeoutMs });
    else task();
  }, delayMs);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) w?.cancelIdleCallback(idle);
  };
}
