/**
 * The pane's scenario figures are computed on the engine's scratch line buffers (shared by every scratch recompute of
 * the workbook's lines) instead of a copy of every line. Proof that nothing changes for the KAM: on the sample and a
 * perturbed 3x sample, every scenario and every one of its levers alone, taken one after the other (each finds the
 * buffer left by another customer's or scenario's money), gives the view and guardrails of a plain recompute; the
 * figures taken first are still those after all the others (they hold no reference into the buffer); and the
 * workbook's own results are never written.
 */
import {
  applyScenario,
  computeModel,
  computeScenario,
  guardrailLimits,
  guardrails,
  partiesView,
  PNL_FIELDS,
  type Model,
  type Scenario,
} from '../../src/engine';
import { scenarioFigures } from '../../src/taskpane/scenario-views';
import { perturbedSample, sampleModel } from '../engine/sample-models';

function plainFigures(model: Model, base: ReturnType<typeof computeModel>, s: Scenario) {
  const applied = applyScenario(model, s);
  const view = partiesView(applied.model, computeScenario(model, base, s), applied.customerIndex);
  return { view, checks: guardrails(view, guardrailLimits(model, s.customerId)) };
}

function check(model: Model): number {
  const base = computeModel(model);
  const before = PNL_FIELDS.map((f) => Float64Array.from(base.lines[f]));
  const scenarios: Scenario[] = (model.scenarios ?? []).flatMap((s) => [
    s,
    ...s.changes.map((ch, k) => ({ ...s, id: `${s.id}#${k}`, changes: [ch] })),
  ]);
  const expected = scenarios.map((s) => plainFigures(model, base, s));
  const taken = scenarios.map((s) => scenarioFigures(model, base, s));
  scenarios.forEach((_, k) => expect(taken[k]).toEqual(expected[k]));
  // Cached per scenario object: the same figures again, without a recompute.
  scenarios.forEach((s, k) => expect(scenarioFigures(model, base, s)).toBe(taken[k]));
  PNL_FIELDS.forEach((f, k) => expect(base.lines[f]).toEqual(before[k]));
  return scenarios.length;
}

test('scenario figures on scratch buffers equal a plain recompute (the sample)', async () => {
  expect(check(await sampleModel())).toBeGreaterThanOrEqual(8);
});

test('scenario figures on scratch buffers equal a plain recompute (a perturbed 3x sample)', async () => {
  expect(check(perturbedSample(await sampleModel(), 3, 7))).toBeGreaterThanOrEqual(8);
});
