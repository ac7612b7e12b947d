/**
 * Matching of what people type: headers, table names, setting keys and enum values are compared after folding
 * case, accents, spaces and punctuation, so "Días de crédito", "dias de credito" and " DIAS-DE-CREDITO " agree.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_ALNUM = /[^a-z0-9]/g;

/** Folds case, accents, spaces and punctuation: "Aportación/Co-op" → "aportacioncoop". */
export function squash(s: string): string {
  return s.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(NOT_ALNUM, '');
}

/** Key of a customer id or SKU: surrounding spaces and case do not make a different id. */
export function idKey(s: string): string {
  return s.trim().toUpperCase();
}

/** Levenshtein distance, for "did you mean" suggestions on short header texts. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length];
}

/** The candidate closest to `typed` (squashed comparison), if it is close enough to be a plausible typo. */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const t = squash(typed);
  if (t.length === 0) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(t, squash(c));
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(t.length / 4)) ? best : undefined;
}
