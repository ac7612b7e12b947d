/**
 * Walk-away and room (issue 9): for any numeric lever of a scenario (a rebate rate, a tier bound, a display fee, a
 * list price change, an event's depth) and any metric with a limit, where the metric reaches the limit. Generic:
 * the caller passes the metric as a function of the lever's value (each call is one recompute of the scenario), so
 * this module knows nothing of models. Metrics need not be monotone and may jump at tier bounds; see docs/engine.md
 * "Walk-away".
 *
 * @example
 * // "You can go up to 2.7 % before contribution falls under 28 %."
 * walkAway({ metric: (r) => contributionPctAt(r), from: 0.01, min: 0, max: 0.1, limit: 0.28, acceptable: 'above',
 *            concession: 'up', tolerance: 0.0001 });
 */
import type { Lang, Text } from './model';

export type LeverDirection = 'up' | 'down';

export interface WalkAwayQuery {
  /** The metric as a function of the lever's value (the caller recomputes the scenario with the lever at x). NaN = undefined. */
  metric: (x: number) => number;
  /** Current value of the lever (where the search starts). */
  from: number;
  /** Range of the lever to search, min < max, min ≤ from ≤ max. */
  min: number;
  max: number;
  /** The limit the metric must stay on the right side of. */
  limit: number;
  /** Which side of the limit is acceptable (the limit itself is acceptable): contribution % 'above' 28 %. */
  acceptable: 'above' | 'below';
  /** Direction of concession: the way the KAM gives more (a rebate rate up, a price down…). */
  concession: LeverDirection;
  /**
   * Lever values where the metric may jump (tier bounds, in lever units). Each is scanned on either side, at
   * ± tolerance ÷ 2, so that a jump is seen and reported as the bound itself.
   */
  breakpoints?: readonly number[];
  /** Absolute tolerance on the lever: each root is bracketed to at most this width (> 0). */
  tolerance: number;
  /** Intervals of the uniform scan over [min, max] (default 8). */
  samples?: number;
  /**
   * Cap on evaluations of the metric (default 40). The scan is always done in full (samples + 2 + 2 per breakpoint
   * inside the range, at most); bisection stops at the cap, refining the walk-away crossing first.
   */
  maxEvaluations?: number;
  /**
   * Refine each crossing by bracketed interpolation (the Illinois variant of regula falsi) instead of bisection: on a
   * smooth metric the root is pinned in two or three evaluations instead of ⌈log2(width ÷ tolerance)⌉. The bracket
   * still always holds the root; each step lands at least tolerance ÷ 2 inside it, and an undefined (NaN) end falls
   * back to bisection. Walk-aways whose every evaluation recomputes a customer use it.
   */
  interpolate?: boolean;
}

export interface Crossing {
  /**
   * Where the metric crosses the limit. A root: the acceptable end of the final bracket (within `tolerance` of the
   * exact root and never past it). A jump: the breakpoint itself (see `boundAcceptable`).
   */
  at: number;
  kind: 'root' | 'jump';
  /** Final bracket, lo < hi: the metric is acceptable at one end and not at the other. */
  lo: number;
  hi: number;
  /** The way the lever goes from the crossing to stay acceptable. */
  acceptableTowards: LeverDirection;
  /** The metric at the bracket's acceptable end and at its other end (null there: undefined beyond, never NaN). */
  metricAcceptable: number;
  metricBeyond: number | null;
  /**
   * Jumps only: whether the metric at exactly the bound is still acceptable. The contract puts a shared tier bound
   * in the tier it closes (docs/workbook.md "Tier bounds"), so the bound takes the value of one side; this says which.
   */
  boundAcceptable?: boolean;
  /** False only when `maxEvaluations` ran out before the bracket reached the tolerance. */
  withinTolerance: boolean;
}

export type WalkAwayStatus = 'found' | 'none_in_range' | 'already_beyond' | 'undefined_at_current' | 'invalid';

export interface WalkAway {
  /** The last acceptable lever value, going from `from` in the direction of concession (the crossing's `at`). */
  value: number;
  kind: 'root' | 'jump';
  /** Whether `value` itself is acceptable: always for a root; for a jump, whether the bound still is. */
  included: boolean;
  /** The metric is undefined (NaN) past the crossing rather than beyond the limit. */
  undefinedBeyond: boolean;
}

export interface WalkAwayResult {
  status: WalkAwayStatus;
  /** The nearest crossing from `from` in the direction of concession, or null (see `reason`). */
  walkAway: WalkAway | null;
  /** Room: |walkAway − from| in lever units (null when there is no walk-away). */
  room: number | null;
  /** Every crossing found in [min, max], sorted by lever value (empty when the search did not run). */
  crossings: Crossing[];
  /** The current value is already beyond the limit, or the metric is undefined there: no search is run. */
  alreadyBeyond: boolean;
  /** The lever's current value and the end of the range in the direction of concession. */
  from: number;
  end: number;
  /** The query's limit and acceptable side, for the sentence. */
  limit: number;
  acceptable: 'above' | 'below';
  /** The metric at `from`; null where it is undefined there or the query is invalid (`reason` says which). */
  current: number | null;
  /** Why walkAway is null, or a note on it (undefined beyond, tolerance not reached); null otherwise. */
  reason: Text | null;
  /** Evaluations of the metric made. */
  evaluations: number;
}

const REASONS = {
  alreadyBeyond: {
    es: 'El valor actual ya está del lado inaceptable del límite: no hay margen que buscar.',
    en: 'The current value is already on the wrong side of the limit: there is no room to search.',
  },
  undefinedAtCurrent: {
    es: 'La métrica no está definida en el valor actual: no hay desde dónde buscar.',
    en: 'The metric is undefined at the current value: there is nothing to search from.',
  },
  noneInRange: {
    es: 'Ningún valor del rango, en la dirección de la concesión, lleva la métrica al límite.',
    en: 'No value in the range, in the direction of concession, takes the metric to the limit.',
  },
  undefinedBeyond: {
    es: 'Más allá de este valor la métrica no está definida.',
    en: 'Beyond this value the metric is undefined.',
  },
  notWithinTolerance: {
    es: 'Se agotaron las evaluaciones antes de llegar a la tolerancia: el valor es aproximado.',
    en: 'The evaluations ran out before the tolerance was reached: the value is approximate.',
  },
} satisfies Record<string, Text>;

/** A metric value as results carry it: undefined (NaN) is null, never NaN. */
const orNull = (m: number): number | null => (m === m ? m : null);

const DEFAULT_SAMPLES = 8;
const DEFAULT_MAX_EVALUATIONS = 40;
/** A change across a breakpoint this many times larger than the neighbouring slopes predict is a jump. */
const JUMP_FACTOR = 4;

function invalid(q: WalkAwayQuery): Text | null {
  const finite = [q.from, q.min, q.max, q.limit, q.tolerance].every(Number.isFinite);
  if (!finite) return { es: 'Consulta inválida: hay valores no numéricos.', en: 'Invalid query: non-numeric values.' };
  if (!(q.min < q.max && q.min <= q.from && q.from <= q.max))
    return {
      es: 'Consulta inválida: el rango debe cumplir mínimo < máximo y contener el valor actual.',
      en: 'Invalid query: the range must have min < max and contain the current value.',
    };
  if (!(q.tolerance > 0))
    return {
      es: 'Consulta inválida: la tolerancia debe ser positiva.',
      en: 'Invalid query: the tolerance must be positive.',
    };
  const samples = q.samples ?? DEFAULT_SAMPLES;
  if (!(Number.isInteger(samples) && samples >= 1))
    return {
      es: 'Consulta inválida: las muestras deben ser un entero ≥ 1.',
      en: 'Invalid query: samples must be an integer ≥ 1.',
    };
  return null;
}

/**
 * Where the metric reaches the limit as the lever moves. Scans a grid over [min, max] holding `from`, both ends,
 * `samples` uniform intervals and each breakpoint ± tolerance ÷ 2; bisects every sign change (acceptable ↔ not,
 * NaN counting as not acceptable) to `tolerance`; a sign change across a breakpoint whose gap in the metric does not
 * shrink like the neighbouring slopes is a jump, reported at the bound. The walk-away is the nearest crossing from
 * `from` in the direction of concession. Evaluations: the grid plus ⌈log2(width ÷ tolerance)⌉ per bisected crossing
 * plus one per jump (the metric at the bound), capped by `maxEvaluations`.
 */
export function walkAway(q: WalkAwayQuery): WalkAwayResult {
  const end = q.concession === 'up' ? q.max : q.min;
  const base = {
    from: q.from,
    end,
    limit: q.limit,
    acceptable: q.acceptable,
    crossings: [] as Crossing[],
    walkAway: null,
    room: null,
  };
  const bad = invalid(q);
  if (bad) return { ...base, status: 'invalid', alreadyBeyond: false, current: null, reason: bad, evaluations: 0 };

  const tol = q.tolerance;
  const maxEvaluations = q.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  const values = new Map<number, number>();
  const at = (x: number): number => {
    let m = values.get(x);
    if (m === undefined) {
      m = q.metric(x);
      values.set(x, m);
    }
    return m;
  };
  const ok = (m: number): boolean => m === m && (q.acceptable === 'above' ? m >= q.limit : m <= q.limit);

  const current = at(q.from);
  if (!ok(current)) {
    const undef = current !== current;
    return {
      ...base,
      status: undef ? 'undefined_at_current' : 'already_beyond',
      alreadyBeyond: true,
      current: undef ? null : current,
      reason: undef ? REASONS.undefinedAtCurrent : REASONS.alreadyBeyond,
      evaluations: values.size,
    };
  }

  // The scan grid.
  const samples = q.samples ?? DEFAULT_SAMPLES;
  const clamp = (x: number) => Math.min(q.max, Math.max(q.min, x));
  const bps = (q.breakpoints ?? []).filter((b) => Number.isFinite(b) && b >= q.min && b <= q.max);
  const raw = [q.min, q.max, q.from];
  for (const b of bps) raw.push(clamp(b - tol / 2), clamp(b + tol / 2));
  // Uniform samples, except those within tolerance ÷ 4 of a point already there (0.15 vs 0.2 × 6 ÷ 8).
  const fixed = raw.length;
  for (let k = 1; k < samples; k++) {
    const x = q.min + ((q.max - q.min) * k) / samples;
    if (!raw.slice(0, fixed).some((y) => Math.abs(x - y) < tol / 4)) raw.push(x);
  }
  const grid = [...new Set(raw)].sort((a, b) => a - b);
  const m = grid.map(at);
  const okAt = m.map(ok);

  // Sign changes between consecutive grid points: segment i spans grid[i], grid[i + 1].
  const changes: number[] = [];
  for (let i = 0; i + 1 < grid.length; i++) if (okAt[i] !== okAt[i + 1]) changes.push(i);
  const fromIndex = grid.indexOf(q.from);
  const walkIndex =
    q.concession === 'up' ? changes.find((i) => i >= fromIndex) : changes.filter((i) => i + 1 <= fromIndex).pop();
  // Refine the walk-away's crossing first, then the others nearest `from` first.
  const distance = (i: number) => Math.min(Math.abs(grid[i] - q.from), Math.abs(grid[i + 1] - q.from));
  const order = [...changes].sort(
    (a, b) => Number(b === walkIndex) - Number(a === walkIndex) || distance(a) - distance(b),
  );

  const slope = (i: number, j: number): number => {
    if (i < 0 || j >= grid.length) return 0;
    const s = Math.abs(m[j] - m[i]) / (grid[j] - grid[i]);
    return Number.isFinite(s) ? s : 0;
  };

  const byIndex = new Map<number, Crossing>();
  for (const i of order) {
    let lo = grid[i];
    let hi = grid[i + 1];
    let mLo = m[i];
    let mHi = m[i + 1];
    const loOk = okAt[i];
    const bound = hi - lo <= tol * (1 + 1e-9) ? bps.find((b) => b >= lo && b <= hi) : undefined;
    let jump = false;
    if (bound !== undefined) {
      // Unrefined: the segment is a breakpoint's neighbourhood. A jump when the gap beats the neighbouring slopes.
      const gap = Math.abs(mHi - mLo);
      const predicted = Math.max(slope(i - 1, i), slope(i + 1, i + 2)) * (hi - lo);
      jump = !(gap === gap) || gap > JUMP_FACTOR * predicted;
    }
    // Illinois: the metric's distance to the limit at each end, halved at an end kept twice in a row.
    let fLo = mLo - q.limit;
    let fHi = mHi - q.limit;
    let kept = 0; // −1: lo was kept last step, +1: hi was
    while (!jump && hi - lo > tol && values.size < maxEvaluations) {
      let mid = lo + (hi - lo) / 2;
      if (q.interpolate && Number.isFinite(fLo) && Number.isFinite(fHi) && fLo !== fHi) {
        const guess = lo + (fLo * (hi - lo)) / (fLo - fHi);
        mid = Math.min(hi - tol / 2, Math.max(lo + tol / 2, guess));
      }
      if (mid <= lo || mid >= hi) break;
      const mm = at(mid);
      if (ok(mm) === loOk) {
        [lo, mLo, fLo] = [mid, mm, mm - q.limit];
        if (kept === 1) fHi /= 2;
        kept = 1;
      } else {
        [hi, mHi, fHi] = [mid, mm, mm - q.limit];
        if (kept === -1) fLo /= 2;
        kept = -1;
      }
    }
    const crossing: Crossing = {
      at: loOk ? lo : hi,
      kind: jump ? 'jump' : 'root',
      lo,
      hi,
      acceptableTowards: loOk ? 'down' : 'up',
      metricAcceptable: loOk ? mLo : mHi,
      metricBeyond: orNull(loOk ? mHi : mLo),
      withinTolerance: jump || hi - lo <= tol * (1 + 1e-9),
    };
    if (jump && bound !== undefined) {
      crossing.at = bound;
      crossing.boundAcceptable = ok(at(bound));
    }
    byIndex.set(i, crossing);
  }

  const crossings = changes.map((i) => byIndex.get(i)!);
  const walk = walkIndex === undefined ? undefined : byIndex.get(walkIndex);
  const result = { ...base, crossings, alreadyBeyond: false, current, evaluations: values.size };
  if (!walk) return { ...result, status: 'none_in_range', reason: REASONS.noneInRange };
  const undefinedBeyond = walk.metricBeyond === null;
  return {
    ...result,
    status: 'found',
    walkAway: {
      value: walk.at,
      kind: walk.kind,
      included: walk.kind === 'root' || walk.boundAcceptable === true,
      undefinedBeyond,
    },
    room: Math.abs(walk.at - q.from),
    reason: !walk.withinTolerance ? REASONS.notWithinTolerance : undefinedBeyond ? REASONS.undefinedBeyond : null,
  };
}

export interface WalkAwayLabels {
  /** The lever, with its article: "la tasa del rebate" / "the rebate rate". */
  lever: Text;
  /** The metric, with its article where the language needs it: "la contribución" / "contribution". */
  metric: Text;
  /** The limit as text: "28 %" / "28%". */
  limit: Text;
  /** A lever value as text. */
  format: (x: number, lang: Lang) => string;
}

/**
 * The result as one sentence, in "usted" for Spanish.
 *
 * @example
 * walkAwaySentence(r, labels, 'es') // 'Puede llegar hasta 3.4 % antes de que la contribución baje de 28 %.'
 * walkAwaySentence(r, labels, 'en') // 'You can go up to 3.4% before contribution falls under 28%.'
 */
export function walkAwaySentence(r: WalkAwayResult, labels: WalkAwayLabels, lang: Lang): string {
  const es = lang === 'es';
  const metric = labels.metric[lang];
  const limit = labels.limit[lang];
  const lever = labels.lever[lang];
  const f = (x: number) => labels.format(x, lang);
  const up = r.end >= r.from;
  const goes = es ? 'Puede llegar hasta' : up ? 'You can go up to' : 'You can go down to';
  // The way the metric goes wrong: acceptable above the limit → it falls under it.
  const above = r.acceptable === 'above';
  const crosses = es ? (above ? 'baje de' : 'supere') : above ? 'falls under' : 'rises above';
  const beyondWord = es ? (above ? 'por debajo de' : 'por encima de') : above ? 'under' : 'above';
  switch (r.status) {
    case 'invalid':
      return r.reason ? r.reason[lang] : '';
    case 'undefined_at_current':
      return es
        ? `En el valor actual (${f(r.from)}) no se puede calcular ${metric}: no hay desde dónde buscar.`
        : `At the current value (${f(r.from)}), ${metric} cannot be computed: there is nothing to search from.`;
    case 'already_beyond':
      return es
        ? `En el valor actual (${f(r.from)}), ${metric} ya está ${beyondWord} ${limit}: no hay margen.`
        : `At the current value (${f(r.from)}), ${metric} is already ${beyondWord} ${limit}: there is no room.`;
    case 'none_in_range':
      return es
        ? `Ningún valor de ${lever} entre ${f(r.from)} y ${f(r.end)} hace que ${metric} ${crosses} ${limit}: puede llegar hasta ${f(r.end)}.`
        : `No value of ${lever} from ${f(r.from)} ${up ? 'up' : 'down'} to ${f(r.end)} makes ${metric} ${above ? 'fall under' : 'rise above'} ${limit}: you can go all the way to ${f(r.end)}.`;
    case 'found': {
      const w = r.walkAway!;
      const v = f(w.value);
      if (w.undefinedBeyond)
        return es
          ? `Puede llegar hasta ${v}; más allá no se puede calcular ${metric}.`
          : `${goes} ${v}; beyond it ${metric} cannot be computed.`;
      if (w.kind === 'jump' && !w.included)
        return es
          ? `Puede acercarse a ${v} sin llegar: en ${v} ${metric} salta ${beyondWord} ${limit}.`
          : `${goes}, but not including, ${v}: at ${v} ${metric} jumps ${beyondWord} ${limit}.`;
      const sentence = es
        ? `${goes} ${v} antes de que ${metric} ${crosses} ${limit}`
        : `${goes} ${v} before ${metric} ${crosses} ${limit}`;
      if (w.kind === 'jump')
        return es
          ? `${sentence} (salta en ese límite; en ${v} exacto todavía se cumple).`
          : `${sentence} (it jumps at that bound; at exactly ${v} it still holds).`;
      return `${sentence}.`;
    }
  }
}
