/**
 * A scenario's recompute reuses what earlier computations of the same lines left: the customer's promotion plan
 * (cached, or its line buffers recycled once replaced), the price changes' segments of its line range, per-event
 * buffers and the scratch line buffers. Proof: on the sample and a perturbed 3x sample, each scenario, each of its
 * changes alone, and each numeric lever at three values (the walk-away's sequence of recomputes, so every cache is
 * replaced and every buffer recycled), computed one after the other, equals a computation of the same model from
 * nothing (computeModel on a copy of the lines, which no cache knows), bit for bit: the customer's lines, totals, roll-
 * ups, terms, accruals and events.
 */
import {
  applyScenario,
  computeModel,
  computeScenario,
  leverValue,
  numericLevers,
  PNL_FIELDS,
  withLever,
  type Model,
  type ModelResults,
  type Scenario,
} from '../../src/engine';
import { perturbedSample, sampleModel } from './sample-models';

function fresh(model: Model, s: Scenario): { results: ModelResults; c: number } {
  const applied = applyScenario(model, s);
  const lines = { ...model.lines };
  return { results: computeModel({ ...applied.model, lines }, { levers: applied.levers }), c: applied.customerIndex };
}

function check(model: Model): number {
  const base = computeModel(model);
  const runs: Scenario[] = [];
  for (const s of model.scenarios ?? []) {
    runs.push(s, ...s.changes.map((ch, k) => ({ ...s, id: `${s.id}#${k}`, changes: [ch] })));
    for (const lever of numericLevers(s)) {
      const x = leverValue(model, s, lever);
      for (const f of [0.5, 1.5, 0.9]) runs.push(withLever(s, lever, x === 0 ? f - 0.5 : x * f));
    }
  }
  for (const s of runs) {
    const got = computeScenario(model, base, s);
    const { results: want, c } = fresh(model, s);
    const id = model.customers[c].id;
    expect(got.customers[c]).toEqual(want.customers[c]);
    const own = <T extends { customerId: string }>(xs: readonly T[] | undefined) =>
      (xs ?? []).filter((x) => x.customerId === id);
    expect(own(got.terms)).toEqual(own(want.terms));
    expect(own(got.accruals)).toEqual(own(want.accruals));
    expect(own(got.promotions)).toEqual(own(want.promotions));
    for (let i = 0; i < model.lines.n; i++) {
      if (model.lines.customer[i] !== c) continue;
      for (const f of PNL_FIELDS)
        if (!Object.is(got.lines[f][i], want.lines[f][i]))
          expect([f, i, got.lines[f][i]]).toEqual([f, i, want.lines[f][i]]);
    }
  }
  return runs.length;
}

test('the sample: every recompute equals a computation from nothing', async () => {
  expect(check(await sampleModel())).toBeGreaterThan(50);
});

test('a perturbed sample three times its size: the same', async () => {
  expect(check(perturbedSample(await sampleModel(), 3, 11))).toBeGreaterThan(50);
});
