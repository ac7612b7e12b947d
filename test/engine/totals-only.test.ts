/**
 * Walk-away searches against a P&L guardrail compute the customer's totals only (totalsOnly: no per-product roll-up)
 * and read the maker's figures (makerView) instead of the whole view. Proof, on the sample and a perturbed 3x sample:
 * at every numeric lever of every scenario, at three values, the totals-only recompute (full and off-invoice fast
 * path) gives exactly the totals, the terms (formulas included, built when read) and the P&L guardrails' values of
 * the full recompute, no accrual rows and the base's event results (the events are placed, not measured); and a
 * search against another
 * guardrail that finds a maker-only view left by a P&L search in the shared views gives what a fresh search gives.
 */
import {
  applyScenario,
  computeModel,
  computeScenario,
  guardrailValue,
  leverValue,
  leverWalkAway,
  makerView,
  numericLevers,
  partiesView,
  PNL_GUARDRAILS,
  recomputeOffInvoiceTerms,
  withLever,
  type Model,
  type PartiesView,
} from '../../src/engine';
import { isDeepStrictEqual } from 'node:util';
import { perturbedSample, sampleModel } from './sample-models';

function check(model: Model): number {
  const base = computeModel(model);
  let compared = 0;
  let eventsMoved = 0;
  for (const scenario of model.scenarios ?? []) {
    const own = applyScenario(model, scenario);
    const c = own.customerIndex;
    const ownResults = computeScenario(model, base, scenario, { keepPromotions: true });
    for (const lever of numericLevers(scenario)) {
      const from = leverValue(model, scenario, lever);
      for (const x of [from, from * 0.5, from * 1.5 + 0.01]) {
        const s = withLever(scenario, lever, x);
        const applied = applyScenario(model, s).model;
        const full = computeScenario(model, base, s, { keepPromotions: true });
        const lean = computeScenario(model, base, s, { keepPromotions: true, scratch: true, totalsOnly: true });
        expect(lean.customers[c].totals).toEqual(full.customers[c].totals);
        // Terms whole (formulas built when read), no accrual rows.
        expect(lean.terms).toEqual(full.terms);
        expect(lean.accruals).toEqual([]);
        // The events are placed (the totals above hold them) but not measured: their results are the base's, also
        // where the lever moves them (a full recompute measures them again).
        expect(lean.promotions).toEqual(base.promotions);
        if (!isDeepStrictEqual(full.promotions, base.promotions)) eventsMoved++;
        const want = partiesView(applied, full, c);
        const got = makerView(lean, c);
        for (const g of PNL_GUARDRAILS) expect(guardrailValue(g, got)).toEqual(guardrailValue(g, want));
        const { priceIndex: _a, worstPromotion: _b, ...wantMaker } = want.maker;
        const { priceIndex: _c, worstPromotion: _d, ...gotMaker } = got.maker;
        expect(gotMaker).toEqual(wantMaker);
        // The off-invoice fast path on the scenario's own results.
        const moved = { ...own.model, terms: applied.terms };
        const fast = recomputeOffInvoiceTerms(moved, own.model, ownResults, c, { keepPromotions: true });
        if (fast) {
          const fastLean = recomputeOffInvoiceTerms(moved, own.model, ownResults, c, {
            keepPromotions: true,
            scratch: true,
            totalsOnly: true,
          })!;
          expect(fastLean.customers[c].totals).toEqual(fast.customers[c].totals);
          expect(fastLean.customers[c].byPeriod).toEqual(fast.customers[c].byPeriod);
        }
        compared++;
      }
      // A price-index search after a P&L one, sharing their views, equals a fresh price-index search.
      const views = new Map<number, PartiesView>();
      leverWalkAway(model, base, scenario, lever, 'min_contribution_pct', undefined, views);
      const shared = leverWalkAway(model, base, scenario, lever, 'min_price_index', undefined, views);
      expect(shared).toEqual(leverWalkAway(model, base, scenario, lever, 'min_price_index'));
    }
  }
  expect(eventsMoved).toBeGreaterThan(0);
  return compared;
}

test('the sample: totals-only recomputes give the P&L guardrails the same values', async () => {
  expect(check(await sampleModel())).toBeGreaterThan(20);
});

test('a perturbed sample three times its size: the same', async () => {
  expect(check(perturbedSample(await sampleModel(), 3, 5))).toBeGreaterThan(20);
});
