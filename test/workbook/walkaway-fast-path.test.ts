/**
 * The walk-away's fast path (src/engine/negotiation.ts leverWalkAway): an off-invoice term's lever is searched as an
 * off-invoice delta on the scenario computed once, and a customer's events keep the base's results while the P&L
 * guardrails are searched. On the sample's real scenarios (customers with events, scenarios that also move a price
 * or a volume) the customer's P&L must be exactly what a full recompute gives, at every lever value. A cost-to-serve
 * rate's lever is searched the same way, as a delta of the customer's costs on the scenario.
 */
import {
  applyScenario,
  computeModel,
  computeScenario,
  partiesView,
  recomputeOffInvoiceTerms,
  withLever,
  leverValue,
  type Model,
  type ModelResults,
  type PartiesView,
  type Scenario,
} from '../../src/engine';
import * as engine from '../../src/engine/engine';
import { leverWalkAway, numericLevers, type LeverRef, type LeverWalkAway } from '../../src/engine/negotiation';
import { sampleModel } from '../engine/sample-models';

/** The delta's maker figures equal the full recompute's (money to the centavo's millionth, ratios to 1e-12). */
function expectSameMaker(label: unknown[], a: PartiesView['maker'], b: PartiesView['maker']): void {
  for (const k of ['grossSales', 'tradeSpend', 'promoSpend', 'netSales', 'grossProfit', 'contribution'] as const)
    expect([...label, k, a[k]]).toEqual([...label, k, expect.closeTo(b[k], 6)]);
  for (const k of ['tradeSpendPct', 'contributionPct', 'grossMarginPct'] as const)
    expect([...label, k, a[k]]).toEqual([...label, k, expect.closeTo(b[k]!, 12)]);
}

/** Contribution % of the scenario's customer with the lever at x, by a full recompute. */
function contributionAt(model: Model, base: ModelResults, scenario: Scenario, lever: LeverRef, c: number) {
  return (x: number): number => {
    const s = withLever(scenario, lever, x);
    return partiesView(applyScenario(model, s).model, computeScenario(model, base, s), c).maker.contributionPct!;
  };
}

/** The walk-away is where full recomputes cross the floor: acceptable there, not at the crossing's other end. */
function expectCrossesLikeFull(w: LeverWalkAway | null, at: (x: number) => number, limit: number): void {
  expect(w!.result.status).toBe('found');
  const [crossing] = w!.result.crossings;
  expect(at(w!.result.walkAway!.value)).toBeGreaterThanOrEqual(limit);
  expect(at(crossing.hi)).toBeLessThan(limit);
}

test('off-invoice term levers: the delta on the scenario equals the full recompute, events and other levers included', async () => {
  const model = await sampleModel();
  const base = computeModel(model);
  let compared = 0;
  let withEvents = 0;
  let withOtherLevers = 0;
  for (const scenario of model.scenarios ?? []) {
    const c = model.customers.findIndex((x) => x.id === scenario.customerId);
    const own = applyScenario(model, scenario);
    const ownResults = computeScenario(model, base, scenario, { keepPromotions: true });
    for (const lever of numericLevers(scenario)) {
      if (lever.target !== 'term' && lever.target !== 'term_tier') continue;
      const term = model.terms.find((t) => t.id === lever.id)!;
      if (term.onInvoice) continue;
      const from = leverValue(model, scenario, lever);
      for (const x of [from * 0.5, from, from * 1.5 + 0.01]) {
        const s = withLever(scenario, lever, x);
        const applied = applyScenario(model, s);
        const fast = recomputeOffInvoiceTerms({ ...own.model, terms: applied.model.terms }, own.model, ownResults, c, {
          keepPromotions: true,
        });
        expect(fast).not.toBeNull();
        const full = computeScenario(model, base, s); // customers with events: recomputed whole
        expectSameMaker(
          [scenario.id, lever, x],
          partiesView(applied.model, fast!, c).maker,
          partiesView(applied.model, full, c).maker,
        );
        compared++;
      }
      if ((model.promotions ?? []).some((p) => p.customerId === scenario.customerId)) withEvents++;
      if (own.levers.length > 0) withOtherLevers++;
    }
  }
  // The sample exercises what the fast path claims: customers with events, scenarios with a price or volume lever.
  expect(compared).toBeGreaterThanOrEqual(15);
  expect(withEvents).toBeGreaterThan(0);
  expect(withOtherLevers).toBeGreaterThan(0);
});

test('cost-to-serve levers: each value is a cost delta on the scenario, equal to the full recompute, and the search recomputes no customer', async () => {
  const model = await sampleModel();
  const base = computeModel(model);
  let searched = 0;
  let withEvents = 0;
  let withOtherLevers = 0;
  for (const scenario of model.scenarios ?? []) {
    const c = model.customers.findIndex((x) => x.id === scenario.customerId);
    const own = applyScenario(model, scenario);
    const ownResults = computeScenario(model, base, scenario, { keepPromotions: true });
    for (const lever of numericLevers(scenario)) {
      if (lever.target !== 'cost') continue;
      if ((model.promotions ?? []).some((p) => p.customerId === scenario.customerId)) withEvents++;
      if (own.levers.length > 0) withOtherLevers++;
      const from = leverValue(model, scenario, lever);
      const contribution = contributionAt(model, base, scenario, lever, c);
      for (const x of [0, from * 0.5, from, from * 3 + 0.25]) {
        const applied = applyScenario(model, withLever(scenario, lever, x));
        const moved = { ...own.model, costToServe: applied.model.costToServe };
        const fast = recomputeOffInvoiceTerms(moved, own.model, ownResults, c, { keepPromotions: true });
        expect(fast).not.toBeNull();
        const full = computeScenario(model, base, withLever(scenario, lever, x));
        expectSameMaker(
          [scenario.id, x],
          partiesView(applied.model, fast!, c).maker,
          partiesView(applied.model, full, c).maker,
        );
      }
      // A floor the current freight rate clears, reached at a higher rate: the search runs on cost deltas alone.
      const limit = contribution(from) - 0.01;
      const full = jest.spyOn(engine, 'recomputeCustomer');
      const w = leverWalkAway(model, base, scenario, lever, 'min_contribution_pct', limit, new Map(), () => ({
        model: own.model,
        results: ownResults,
      }));
      expect(full).not.toHaveBeenCalled();
      full.mockRestore();
      expectCrossesLikeFull(w, contribution, limit);
      expect(w!.result.walkAway!.value).toBeGreaterThan(from);
      searched++;
    }
  }
  // The sample's cost lever is on a customer with events, in a scenario that also moves an event and a volume.
  expect(searched).toBeGreaterThan(0);
  expect(withEvents).toBeGreaterThan(0);
  expect(withOtherLevers).toBeGreaterThan(0);
});

test('a scenario with several term levers: each search redoes only its own lever’s term, and finds what full recomputes find', async () => {
  const model = await sampleModel();
  const base = computeModel(model);
  let searched = 0;
  for (const scenario of model.scenarios ?? []) {
    const c = model.customers.findIndex((x) => x.id === scenario.customerId);
    const termLevers = numericLevers(scenario).filter(
      (l): l is Extract<LeverRef, { id: string }> =>
        (l.target === 'term' || l.target === 'term_tier') && !model.terms.find((t) => t.id === l.id)!.onInvoice,
    );
    if (termLevers.length < 2) continue;
    const own = applyScenario(model, scenario);
    const ownResults = computeScenario(model, base, scenario, { keepPromotions: true });
    for (const lever of termLevers) {
      const contribution = contributionAt(model, base, scenario, lever, c);
      const from = leverValue(model, scenario, lever);
      // A floor halfway between contribution now and at the end of the lever's range (where the concession goes).
      const { end } = leverWalkAway(model, base, scenario, lever, 'min_contribution_pct', 0)!.result;
      const limit = (contribution(from) + contribution(end)) / 2;
      // A tier's rate that the customer does not reach moves nothing: its search finds nothing to cross.
      const moves = contribution(end) < contribution(from);
      const delta = jest.spyOn(engine, 'recomputeOffInvoiceTerms');
      const w = leverWalkAway(model, base, scenario, lever, 'min_contribution_pct', limit, new Map(), () => ({
        model: own.model,
        results: ownResults,
      }));
      // Every value: the scenario's own terms with one term object replaced, the lever's.
      expect(delta.mock.calls.length).toBeGreaterThan(3);
      for (const [atX, onScenario] of delta.mock.calls) {
        const replaced = atX.terms.filter((t, k) => t !== onScenario.terms[k]).map((t) => t.id);
        expect(replaced).toEqual([lever.id]);
      }
      delta.mockRestore();
      if (!moves) continue;
      expectCrossesLikeFull(w, contribution, limit);
      searched++;
    }
  }
  // WMX-C1 moves three of Walmart's off-invoice terms (two of which move its contribution).
  expect(searched).toBeGreaterThanOrEqual(2);
});
