/**
 * Scratch recomputes (computeScenario with scratch: true) reuse one zeroed buffer per previous results and copy only
 * the scenario's customer's lines into it; keepCustomerLines keeps only those lines. Proof: on the sample and a
 * perturbed 3x sample, every scenario and every one of its levers alone, computed on scratch one after the other (so
 * each finds the buffer left by another customer's or another scenario's money), gives the customer's lines, totals,
 * terms and events of the plain recompute, bit for bit; and keepCustomerLines holds them.
 */
import {
  applyScenario,
  computeModel,
  computeScenario,
  keepCustomerLines,
  PNL_FIELDS,
  releaseScratch,
  type Model,
  type Scenario,
} from '../../src/engine';
import { perturbedSample, sampleModel } from './sample-models';

function customerRange(model: Model, c: number): [number, number] {
  let s = -1;
  let e = -1;
  for (let i = 0; i < model.lines.n; i++) {
    if (model.lines.customer[i] !== c) continue;
    if (s < 0) s = i;
    e = i + 1;
  }
  return [s, e];
}

function check(model: Model): number {
  const base = computeModel(model);
  const scenarios: Scenario[] = (model.scenarios ?? []).flatMap((s) => [
    s,
    ...s.changes.map((ch, k) => ({ ...s, id: `${s.id}#${k}`, changes: [ch] })),
  ]);
  let compared = 0;
  // Twice, the second time in reverse: the buffer always holds what another scenario left.
  for (const list of [scenarios, [...scenarios].reverse()]) {
    for (const s of list) {
      for (const keepPromotions of [false, true]) {
        const c = applyScenario(model, s).customerIndex;
        const [a, b] = customerRange(model, c);
        const plain = computeScenario(model, base, s, { keepPromotions });
        const scratch = computeScenario(model, base, s, { keepPromotions, scratch: true });
        expect(scratch.customers[c]).toEqual(plain.customers[c]);
        expect(scratch.terms).toEqual(plain.terms);
        expect(scratch.promotions).toEqual(plain.promotions);
        const kept = keepCustomerLines(model, scratch, c);
        for (const f of PNL_FIELDS) {
          expect(Array.from(scratch.lines[f].subarray(a, b))).toEqual(Array.from(plain.lines[f].subarray(a, b)));
          expect(Array.from(kept.lines[f].subarray(a, b))).toEqual(Array.from(plain.lines[f].subarray(a, b)));
        }
        compared++;
      }
    }
  }
  releaseScratch(base);
  return compared;
}

test('the sample: scratch recomputes equal the plain ones on the customer', async () => {
  expect(check(await sampleModel())).toBeGreaterThan(40);
});

test('a perturbed sample three times its size: the same', async () => {
  expect(check(perturbedSample(await sampleModel(), 3, 7))).toBeGreaterThan(40);
});
