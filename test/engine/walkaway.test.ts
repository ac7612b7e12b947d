import {
  computeModel,
  fmtNumber,
  marginPct,
  walkAway,
  walkAwaySentence,
  type Lang,
  type Term,
  type WalkAwayLabels,
  type WalkAwayQuery,
} from '../../src/engine';
import { buildModel, customer, product, term } from './build';

/** A rate as percent with one decimal, rounded toward zero so that the sentence never overstates the room. */
const pct1 = (x: number, lang: Lang) =>
  `${fmtNumber(Math.floor(x * 1000 + 1e-9) / 10, 1)}${lang === 'es' ? ' %' : '%'}`;
const rateLabels: WalkAwayLabels = {
  lever: { es: 'la tasa del rebate', en: 'the rebate rate' },
  metric: { es: 'la contribución', en: 'contribution' },
  limit: { es: '28 %', en: '28%' },
  format: pct1,
};

describe('walk-away on a smooth lever', () => {
  // Contribution % = 0.40 − 2 × rate: it reaches 28 % at rate = 0.06 exactly.
  const linear: WalkAwayQuery = {
    metric: (x) => 0.4 - 2 * x,
    from: 0.01,
    min: 0,
    max: 0.1,
    limit: 0.28,
    acceptable: 'above',
    concession: 'up',
    tolerance: 0.0001,
  };

  test('the root within its tolerance, on the acceptable side, with a bounded number of evaluations', () => {
    const r = walkAway(linear);
    expect(r.status).toBe('found');
    expect(r.alreadyBeyond).toBe(false);
    expect(r.walkAway).toMatchObject({ kind: 'root', included: true, undefinedBeyond: false });
    const v = r.walkAway!.value;
    // never past the root, and within the tolerance of it
    expect(v).toBeLessThanOrEqual(0.06);
    expect(v).toBeGreaterThanOrEqual(0.06 - 0.0001);
    expect(0.4 - 2 * v).toBeGreaterThanOrEqual(0.28);
    expect(r.room).toBeCloseTo(v - 0.01, 15);
    // Grid: 0, 0.0125, …, 0.1 (9 points) + from 0.01 = 10. The change lies in [0.05, 0.0625] (width 0.0125);
    // bisection to 0.0001 halves it ⌈log2(125)⌉ = 7 times: 10 + 7 = 17 evaluations.
    expect(r.evaluations).toBe(17);
    expect(r.crossings).toHaveLength(1);
    const c = r.crossings[0];
    expect(c.hi - c.lo).toBeCloseTo(0.0125 / 128, 15);
    expect(c.lo).toBeLessThanOrEqual(0.06);
    expect(c.hi).toBeGreaterThan(0.06);
    expect(c).toMatchObject({ kind: 'root', acceptableTowards: 'down', withinTolerance: true });
    expect(r.reason).toBeNull();
  });

  test('counts every call of the metric (no point is evaluated twice)', () => {
    let calls = 0;
    const r = walkAway({
      ...linear,
      metric: (x) => {
        calls++;
        return 0.4 - 2 * x;
      },
    });
    expect(r.evaluations).toBe(calls);
  });

  test('the sentence, es and en', () => {
    const r = walkAway(linear);
    // walk-away ∈ [0.0599, 0.06]: rounded down, 5.9 %
    expect(walkAwaySentence(r, rateLabels, 'es')).toBe(
      'Puede llegar hasta 5.9 % antes de que la contribución baje de 28 %.',
    );
    expect(walkAwaySentence(r, rateLabels, 'en')).toBe('You can go up to 5.9% before contribution falls under 28%.');
  });

  test('a limit to stay below, conceding downward', () => {
    // Effective rate = 0.2 − x must stay at or below 9 % as the index x goes down from 0.15: it reaches 9 % at 0.11.
    const r = walkAway({
      metric: (x) => 0.2 - x,
      from: 0.15,
      min: 0,
      max: 0.2,
      limit: 0.09,
      acceptable: 'below',
      concession: 'down',
      tolerance: 0.001,
    });
    expect(r.walkAway!.value).toBeGreaterThanOrEqual(0.11);
    expect(r.walkAway!.value).toBeLessThanOrEqual(0.111);
    expect(r.crossings).toHaveLength(1);
    expect(r.crossings[0].acceptableTowards).toBe('up');
    expect(r.end).toBe(0);
    // Grid 0, 0.025, …, 0.2 (from among them); the change in [0.1, 0.125] halved ⌈log2(25)⌉ = 5 times.
    expect(r.evaluations).toBe(14);
    const labels: WalkAwayLabels = {
      lever: { es: 'el índice', en: 'the index' },
      metric: { es: 'la tasa efectiva', en: 'the effective rate' },
      limit: { es: '9 %', en: '9%' },
      // rounded up: toward the current value when conceding down
      format: (x, lang) => `${fmtNumber(Math.ceil(x * 1000 - 1e-9) / 10, 1)}${lang === 'es' ? ' %' : '%'}`,
    };
    expect(walkAwaySentence(r, labels, 'en')).toBe(
      'You can go down to 11.1% before the effective rate rises above 9%.',
    );
    expect(walkAwaySentence(r, labels, 'es')).toBe(
      'Puede llegar hasta 11.1 % antes de que la tasa efectiva supere 9 %.',
    );
  });
});

describe('walk-away on a metric that is not monotone', () => {
  // Contribution against a price change x with elasticity: 10 − (x − 5)², limit 6 → acceptable on [3, 7].
  const parabola = (from: number, concession: 'up' | 'down'): WalkAwayQuery => ({
    metric: (x) => 10 - (x - 5) ** 2,
    from,
    min: 0,
    max: 10,
    limit: 6,
    acceptable: 'above',
    concession,
    tolerance: 0.01,
  });

  test('both crossings are found and listed in order', () => {
    const r = walkAway(parabola(5, 'up'));
    expect(r.crossings.map((c) => c.kind)).toEqual(['root', 'root']);
    const [a, b] = r.crossings;
    expect(a.at).toBeGreaterThanOrEqual(3);
    expect(a.at).toBeLessThanOrEqual(3.01);
    expect(a.acceptableTowards).toBe('up');
    expect(b.at).toBeLessThanOrEqual(7);
    expect(b.at).toBeGreaterThanOrEqual(6.99);
    expect(b.acceptableTowards).toBe('down');
    // Grid 0, 1.25, …, 10 (9 points, from = 5 is one); changes in [2.5, 3.75] and [6.25, 7.5], each halved
    // ⌈log2(1.25 ÷ 0.01)⌉ = 7 times: 9 + 14 = 23.
    expect(r.evaluations).toBe(23);
  });

  test('the crossing reported is the nearest in the direction of concession', () => {
    // From 4, conceding up: the far crossing at 7 (room ≈ 3), not the nearer one at 3 behind.
    const up = walkAway(parabola(4, 'up'));
    expect(up.walkAway!.value).toBeCloseTo(7, 1);
    expect(up.walkAway!.value).toBeLessThanOrEqual(7);
    expect(up.room!).toBeCloseTo(3, 1);
    expect(up.crossings).toHaveLength(2);
    // From 4, conceding down: 3 (room ≈ 1).
    const down = walkAway(parabola(4, 'down'));
    expect(down.walkAway!.value).toBeCloseTo(3, 1);
    expect(down.walkAway!.value).toBeGreaterThanOrEqual(3);
    expect(down.room!).toBeCloseTo(1, 1);
    expect(down.crossings).toHaveLength(2);
  });

  test('a crossing only behind the current value: none in the direction of concession, the other still listed', () => {
    const r = walkAway({ ...parabola(5, 'up'), max: 6 });
    expect(r.status).toBe('none_in_range');
    expect(r.walkAway).toBeNull();
    expect(r.room).toBeNull();
    expect(r.crossings).toHaveLength(1);
    expect(r.crossings[0].at).toBeCloseTo(3, 1);
  });

  test('the evaluation cap refines the walk-away first', () => {
    // 9 grid points + 7 for the walk-away at 7 = 16: the crossing at 3 keeps its scan bracket [2.5, 3.75].
    const r = walkAway({ ...parabola(5, 'up'), maxEvaluations: 16 });
    expect(r.evaluations).toBe(16);
    expect(r.walkAway!.value).toBeCloseTo(7, 1);
    expect(r.reason).toBeNull();
    expect(r.crossings[0]).toMatchObject({ lo: 2.5, hi: 3.75, at: 3.75, withinTolerance: false });
    expect(r.crossings[1].withinTolerance).toBe(true);
  });

  test('when the cap stops the walk-away itself, the reason says the value is approximate', () => {
    const r = walkAway({ ...parabola(5, 'up'), maxEvaluations: 9 });
    expect(r.evaluations).toBe(9);
    // scan bracket [6.25, 7.5]: the last acceptable point scanned
    expect(r.walkAway!.value).toBe(6.25);
    expect(r.reason!.en).toMatch(/approximate/);
  });
});

describe('walk-away across a tier bound', () => {
  // A tiered metric: 1 % tier up to a measure of 1,000 (the bound belongs to the tier it closes), 5 % above.
  // Contribution % = 1 − 7,000 ÷ (10,000 × (1 − rate)): 29.29 % at 1 %, 26.32 % at 5 %.
  const contributionAt = (rate: number) => 1 - 7_000 / (10_000 * (1 - rate));
  const stepped = (measure: number) => contributionAt(measure <= 1_000 ? 0.01 : 0.05);
  const query: WalkAwayQuery = {
    metric: stepped,
    from: 500,
    min: 0,
    max: 2_000,
    limit: 0.28,
    acceptable: 'above',
    concession: 'up',
    breakpoints: [1_000],
    tolerance: 1,
  };
  const unitLabels: WalkAwayLabels = {
    lever: { es: 'el volumen', en: 'the volume' },
    metric: { es: 'la contribución', en: 'contribution' },
    limit: { es: '28 %', en: '28%' },
    format: (x) => fmtNumber(x, 0),
  };

  test('the jump is reported as the bound, which is still acceptable (it belongs to the lower tier)', () => {
    const r = walkAway(query);
    expect(r.walkAway).toEqual({ value: 1_000, kind: 'jump', included: true, undefinedBeyond: false });
    expect(r.room).toBe(500);
    expect(r.crossings).toHaveLength(1);
    const c = r.crossings[0];
    expect(c).toMatchObject({ at: 1_000, kind: 'jump', lo: 1_000, hi: 1_000.5, boundAcceptable: true });
    expect(c.metricAcceptable).toBeCloseTo(1 - 7_000 / 9_900, 12);
    expect(c.metricBeyond).toBeCloseTo(1 - 7_000 / 9_500, 12);
    // Grid 0, 250, …, 2,000 (1,000 and from among them) + 999.5 and 1,000.5 = 11; no bisection.
    expect(r.evaluations).toBe(11);
    expect(walkAwaySentence(r, unitLabels, 'en')).toBe(
      'You can go up to 1,000 before contribution falls under 28% (it jumps at that bound; at exactly 1,000 it still holds).',
    );
    expect(walkAwaySentence(r, unitLabels, 'es')).toBe(
      'Puede llegar hasta 1,000 antes de que la contribución baje de 28 % (salta en ese límite; en 1,000 exacto todavía se cumple).',
    );
  });

  test('a bound off the scan grid is evaluated once; when it belongs to the far side it is not included', () => {
    // The same tiers with the bound in the upper tier (measure ≥ 1,000 earns 5 %); 7 samples: 1,000 is off the grid.
    const r = walkAway({ ...query, metric: (x) => contributionAt(x < 1_000 ? 0.01 : 0.05), samples: 7 });
    expect(r.walkAway).toEqual({ value: 1_000, kind: 'jump', included: false, undefinedBeyond: false });
    expect(r.crossings[0]).toMatchObject({ lo: 999.5, hi: 1_000.5, boundAcceptable: false });
    // 8 grid points + from + 999.5 and 1,000.5 + the bound itself = 12
    expect(r.evaluations).toBe(12);
    expect(walkAwaySentence(r, unitLabels, 'en')).toBe(
      'You can go up to, but not including, 1,000: at 1,000 contribution jumps under 28%.',
    );
    expect(walkAwaySentence(r, unitLabels, 'es')).toBe(
      'Puede acercarse a 1,000 sin llegar: en 1,000 la contribución salta por debajo de 28 %.',
    );
  });

  test('conceding down towards the bound', () => {
    // The lever is the bound itself: a measure of 1,000 stays in the 1 % tier while the bound is ≥ 1,000.
    const r = walkAway({
      ...query,
      metric: (bound) => contributionAt(1_000 <= bound ? 0.01 : 0.05),
      from: 1_500,
      concession: 'down',
    });
    expect(r.walkAway).toMatchObject({ value: 1_000, kind: 'jump', included: true });
    expect(r.room).toBe(500);
  });

  test('a smooth root that happens to sit on a breakpoint is a root, not a jump', () => {
    // 0.28 + (1,000 − x) × 0.0001: exactly the limit at 1,000, with the same slope on both sides.
    const r = walkAway({ ...query, metric: (x) => 0.28 + (1_000 - x) * 0.0001 });
    expect(r.walkAway).toMatchObject({ value: 1_000, kind: 'root', included: true });
  });

  test('without the breakpoint declared, the jump is still bracketed to the tolerance (as a root)', () => {
    const r = walkAway({ ...query, breakpoints: [] });
    expect(r.walkAway!.kind).toBe('root');
    expect(r.walkAway!.value).toBeLessThanOrEqual(1_000);
    expect(r.walkAway!.value).toBeGreaterThan(999);
  });
});

describe('no solution, already beyond, undefined values, invalid queries', () => {
  const base: WalkAwayQuery = {
    metric: (x) => 0.4 - x,
    from: 0.01,
    min: 0,
    max: 0.1,
    limit: 0.28,
    acceptable: 'above',
    concession: 'up',
    tolerance: 0.0001,
  };

  test('no value in range reaches the limit: null, with the reason and the sentence', () => {
    // 0.40 − 0.10 = 30 % at the end of the range: never under 28 %.
    const r = walkAway(base);
    expect(r.status).toBe('none_in_range');
    expect(r.walkAway).toBeNull();
    expect(r.room).toBeNull();
    expect(r.crossings).toEqual([]);
    expect(r.evaluations).toBe(10);
    expect(r.reason).toEqual({
      es: 'Ningún valor del rango, en la dirección de la concesión, lleva la métrica al límite.',
      en: 'No value in the range, in the direction of concession, takes the metric to the limit.',
    });
    expect(walkAwaySentence(r, rateLabels, 'es')).toBe(
      'Ningún valor de la tasa del rebate entre 1.0 % y 10.0 % hace que la contribución baje de 28 %: puede llegar hasta 10.0 %.',
    );
    expect(walkAwaySentence(r, rateLabels, 'en')).toBe(
      'No value of the rebate rate from 1.0% up to 10.0% makes contribution fall under 28%: you can go all the way to 10.0%.',
    );
  });

  test('already beyond at the current value: no search (one evaluation)', () => {
    const r = walkAway({ ...base, from: 0.15, max: 0.2 });
    expect(r.status).toBe('already_beyond');
    expect(r.alreadyBeyond).toBe(true);
    expect(r.walkAway).toBeNull();
    expect(r.current).toBeCloseTo(0.25, 15);
    expect(r.evaluations).toBe(1);
    expect(r.reason!.es).toMatch(/ya está del lado inaceptable/);
    expect(walkAwaySentence(r, rateLabels, 'es')).toBe(
      'En el valor actual (15.0 %), la contribución ya está por debajo de 28 %: no hay margen.',
    );
    expect(walkAwaySentence(r, rateLabels, 'en')).toBe(
      'At the current value (15.0%), contribution is already under 28%: there is no room.',
    );
  });

  test('the limit itself is acceptable', () => {
    const r = walkAway({ ...base, metric: () => 0.28 });
    expect(r.status).toBe('none_in_range');
  });

  test('a NaN region counts as not acceptable: the walk-away stops where the metric becomes undefined', () => {
    // Net sales vanish past 5 %: contribution % undefined there.
    const r = walkAway({ ...base, metric: (x) => (x > 0.05 ? NaN : 0.4 - x) });
    expect(r.status).toBe('found');
    expect(r.walkAway).toEqual({ value: 0.05, kind: 'root', included: true, undefinedBeyond: true });
    expect(r.crossings[0].metricBeyond).toBeNull();
    expect(r.reason).toEqual({
      es: 'Más allá de este valor la métrica no está definida.',
      en: 'Beyond this value the metric is undefined.',
    });
    expect(r.evaluations).toBe(17);
    expect(walkAwaySentence(r, rateLabels, 'en')).toBe(
      'You can go up to 5.0%; beyond it contribution cannot be computed.',
    );
    expect(walkAwaySentence(r, rateLabels, 'es')).toBe(
      'Puede llegar hasta 5.0 %; más allá no se puede calcular la contribución.',
    );
  });

  test('undefined everywhere: said so, no crash', () => {
    const r = walkAway({ ...base, metric: () => NaN });
    expect(r.status).toBe('undefined_at_current');
    expect(r.alreadyBeyond).toBe(true);
    expect(r.current).toBeNull();
    expect(r.reason).toEqual({
      es: 'La métrica no está definida en el valor actual: no hay desde dónde buscar.',
      en: 'The metric is undefined at the current value: there is nothing to search from.',
    });
    expect(walkAwaySentence(r, rateLabels, 'en')).toBe(
      'At the current value (1.0%), contribution cannot be computed: there is nothing to search from.',
    );
  });

  test('invalid queries are answered with a reason, never evaluated', () => {
    let calls = 0;
    const metric = () => ++calls;
    for (const q of [
      { ...base, metric, min: 0.2 },
      { ...base, metric, from: 0.5 },
      { ...base, metric, tolerance: 0 },
      { ...base, metric, samples: 0 },
      { ...base, metric, limit: NaN },
    ]) {
      const r = walkAway(q);
      expect(r.status).toBe('invalid');
      expect(r.reason!.en).toMatch(/^Invalid query/);
      expect(r.evaluations).toBe(0);
    }
    expect(calls).toBe(0);
  });
});

describe('walk-away on the engine: the rate of a volume rebate against customer contribution %', () => {
  // One line: 1,000 u × $10 = 10,000 gross, COGS $7/u = 7,000, no payment days, no cost-to-serve. An off-invoice
  // rebate at rate r on gross sales: net sales 10,000 (1 − r), contribution 10,000 (1 − r) − 7,000 (linear in r),
  // contribution % = 1 − 7,000 ÷ (10,000 (1 − r)) ≥ 28 % ⇔ 1 − r ≥ 0.7 ÷ 0.72 ⇔ r ≤ 1 ÷ 36 = 2.777… %.
  const model = (rebate: Partial<Term>) =>
    buildModel({
      customers: [customer({ id: 'OXXO' })],
      products: [product({ sku: 'SNK', cogsPerUnit: 7 })],
      lines: [{ customer: 'OXXO', sku: 'SNK', period: '2026-01', baseline: 1_000, list: 10 }],
      terms: [term({ id: 'VR', customerId: 'OXXO', ...rebate })],
    });
  const contributionPct = (rebate: Partial<Term>) => {
    const t = computeModel(model(rebate)).customers[0].totals;
    return marginPct(t.contribution, t.netSales);
  };

  test('the model is what the hand calculation says', () => {
    const t = computeModel(model({ rate: 0.02 })).customers[0].totals;
    expect(t.netSales).toBeCloseTo(9_800, 9);
    expect(t.contribution).toBeCloseTo(2_800, 9);
  });

  test('the walk-away rate is 1/36 within the tolerance: "up to 2.7 % before contribution falls under 28 %"', () => {
    const r = walkAway({
      metric: (rate) => contributionPct({ rate }),
      from: 0.01,
      min: 0,
      max: 0.1,
      limit: 0.28,
      acceptable: 'above',
      concession: 'up',
      tolerance: 0.0001,
    });
    const v = r.walkAway!.value;
    expect(v).toBeLessThanOrEqual(1 / 36);
    expect(v).toBeGreaterThanOrEqual(1 / 36 - 0.0001);
    expect(r.room).toBeCloseTo(v - 0.01, 15);
    // Grid 10 (0, 0.0125, …, 0.1 and from); the change in [0.025, 0.0375] halved 7 times.
    expect(r.evaluations).toBe(17);
    expect(walkAwaySentence(r, rateLabels, 'es')).toBe(
      'Puede llegar hasta 2.7 % antes de que la contribución baje de 28 %.',
    );
  });

  test('a tier bound as the lever: the jump is at the measure, and the bound convention keeps it acceptable', () => {
    // Tiers 0–B at 1 %, B+ at 5 %, measure 1,000 u. B ≥ 1,000 keeps the measure in the first tier (a bound belongs to
    // the tier it closes): 29.29 %; B < 1,000 reaches the 5 % tier: 26.32 %. Lowering B concedes.
    const atBound = (B: number) =>
      contributionPct({
        tierMeasure: 'volume',
        tiers: [
          { from: 0, to: B, rate: 0.01 },
          { from: B, to: null, rate: 0.05 },
        ],
      });
    expect(atBound(1_000)).toBeCloseTo(1 - 7_000 / 9_900, 12);
    expect(atBound(999)).toBeCloseTo(1 - 7_000 / 9_500, 12);
    const r = walkAway({
      metric: atBound,
      from: 1_500,
      min: 500,
      max: 2_000,
      limit: 0.28,
      acceptable: 'above',
      concession: 'down',
      breakpoints: [1_000],
      tolerance: 1,
    });
    expect(r.walkAway).toEqual({ value: 1_000, kind: 'jump', included: true, undefinedBeyond: false });
    expect(r.room).toBe(500);
    // Grid 500, 687.5, …, 2,000 (9 points, 1,000 and from off it) + from + 999.5, 1,000.5 + the bound = 13
    expect(r.evaluations).toBe(13);
  });
});

describe('interpolating refinement (interpolate: true)', () => {
  const linear: WalkAwayQuery = {
    metric: (x) => 0.4 - 2 * x,
    from: 0.01,
    min: 0,
    max: 0.1,
    limit: 0.28,
    acceptable: 'above',
    concession: 'up',
    tolerance: 0.0001,
    interpolate: true,
  };

  test('a linear metric: the secant hits the root at once, one more step closes the bracket (12 evaluations, not 17)', () => {
    const r = walkAway(linear);
    // Scan: 10 points, as in bisection. Bracket [0.05, 0.0625], distances 0.02 and −0.005 from the limit: the secant
    // lands at 0.05 + 0.02 × 0.0125 ÷ 0.025 = 0.06, where 0.4 − 0.12 = 0.28 meets the limit (acceptable); the next
    // secant guess is within a hair of 0.06 and is moved tolerance ÷ 2 inside the bracket, to 0.06005 (0.2799, not
    // acceptable): the bracket [0.06, 0.06005] is narrower than the tolerance. 10 + 2 = 12.
    expect(r.evaluations).toBe(12);
    expect(r.walkAway).toMatchObject({ value: 0.06, kind: 'root', included: true });
    expect(r.crossings[0].lo).toBe(0.06);
    expect(r.crossings[0].hi).toBeCloseTo(0.06005, 15);
  });

  test('a convex metric (where plain regula falsi creeps from one side): bracketed to the tolerance in 13 evaluations', () => {
    // 0.4 − 30x² reaches 0.28 at √0.004 = 0.0632456; bisection needs 17 evaluations for the same tolerance.
    const r = walkAway({ ...linear, metric: (x) => 0.4 - 30 * x * x });
    expect(r.evaluations).toBe(13);
    const c = r.crossings[0];
    expect(c.hi - c.lo).toBeLessThanOrEqual(0.0001);
    expect(c.lo).toBeLessThanOrEqual(Math.sqrt(0.004));
    expect(c.hi).toBeGreaterThan(Math.sqrt(0.004));
    expect(r.walkAway!.value).toBe(c.lo);
    expect(0.4 - 30 * c.lo * c.lo).toBeGreaterThanOrEqual(0.28);
  });

  test('an undefined end (NaN) cannot be interpolated: the refinement bisects, exactly as without interpolation', () => {
    const metric = (x: number) => (x < 0.055 ? 0.4 - 2 * x : NaN);
    const withIt = walkAway({ ...linear, metric });
    const without = walkAway({ ...linear, metric, interpolate: false });
    expect(withIt.evaluations).toBe(17);
    expect(withIt).toEqual(without);
    expect(withIt.walkAway).toMatchObject({ value: 0.05498046875, undefinedBeyond: true });
  });
});
