/**
 * Scratch recomputes (computeScenario with scratch: true) share one zeroed buffer per model lines and copy only the
 * scenario's customer's lines into it; keepCustomerLines keeps only a copy of those lines. Proof: on the sample and a
 * perturbed 3x sample, every scenario and every one of its levers alone, computed on scratch one after the other (so
 * each finds the buffer left by another customer's or another scenario's money), gives the customer's lines, totals,
 * terms and events of the plain recompute, bit for bit; and an off-invoice delta recomputed from the kept lines (plain
 * and on scratch) equals the one from the plain results.
 */
import {
  applyScenario,
  computeModel,
  computeScenario,
  keepCustomerLines,
  negotiation,
  PNL_FIELDS,
  recomputeOffInvoiceTerms,
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
        for (const f of PNL_FIELDS) {
          expect(Array.from(scratch.lines[f].subarray(a, b))).toEqual(Array.from(plain.lines[f].subarray(a, b)));
        }
        // Kept lines: an off-invoice delta on them (which reads the customer's lines) equals one on the plain results.
        const kept = keepCustomerLines(model, scratch, c);
        const own = applyScenario(model, s).model;
        const id = model.customers[c].id;
        const t = own.terms.findIndex((x) => x.customerId === id && !x.onInvoice && x.tiers.length === 0);
        expect(t).toBeGreaterThanOrEqual(0);
        const moved = { ...own, terms: own.terms.map((x, k) => (k === t ? { ...x, rate: x.rate + 0.01 } : x)) };
        const opts = { keepPromotions: true };
        const want = recomputeOffInvoiceTerms(moved, own, plain, c, opts)!;
        for (const fromKept of [
          recomputeOffInvoiceTerms(moved, own, kept, c, opts)!,
          recomputeOffInvoiceTerms(moved, own, kept, c, { ...opts, scratch: true })!,
        ]) {
          expect(fromKept.customers[c]).toEqual(want.customers[c]);
          for (const f of PNL_FIELDS) {
            expect(Array.from(fromKept.lines[f].subarray(a, b))).toEqual(Array.from(want.lines[f].subarray(a, b)));
          }
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

test('negotiations share one scratch buffer across customers when asked, and let it go after the last', async () => {
  const model = await sampleModel();
  const base = computeModel(model);
  const s = (model.scenarios ?? [])[0];
  const customers = [...new Set((model.scenarios ?? []).map((x) => x.customerId))];
  expect(customers.length).toBeGreaterThan(1);
  // A scratch recompute's line columns are the buffer itself: the same object while it is kept, a new one once let go.
  const buffer = () => computeScenario(model, base, s, { keepPromotions: true, scratch: true }).lines;
  const first = buffer();
  expect(buffer()).toBe(first);
  for (const id of customers) negotiation(model, base, id, { keepScratch: true });
  expect(buffer()).toBe(first);
  negotiation(model, base, customers[0]);
  const second = buffer();
  expect(second).not.toBe(first);
  releaseScratch(base);
});
