/**
 * negotiation() computes each scenario's own results once and reads the comparison, the ledger's total and the
 * walk-aways' starting point from them, instead of recomputing the scenario for each. Proof: the negotiation equals
 * the one assembled from the public pieces, each computing for itself (compareScenarios, giveGetLedger and
 * leverWalkAway per lever × guardrail, as negotiation() did before), bit for bit, on the sample and on a perturbed
 * sample three times its size, for every scenario and both ledger attributions. The scenario's totals kept for its
 * waterfall equal a fresh full recompute's.
 */
import {
  applyScenario,
  compareScenarios,
  computeModel,
  computeScenario,
  giveGetLedger,
  leverValue,
  leverWalkAway,
  negotiation,
  numericLevers,
  WALK_AWAY_GUARDRAILS,
  type LedgerAttribution,
  type Model,
  type ModelResults,
  type PartiesView,
  type Scenario,
  type ScenarioOwn,
} from '../../src/engine';
import { perturbedSample, sampleModel } from './sample-models';

/** The negotiation's scenarios as the public pieces give them, each recomputing what it needs. */
function reference(model: Model, results: ModelResults, customerId: string, attribution: LedgerAttribution) {
  const list = (model.scenarios ?? []).filter((s) => s.customerId === customerId);
  const comparisons = compareScenarios(model, results, list).scenarios;
  return list.map((scenario, k) => {
    let ownResults: ScenarioOwn | undefined;
    const own = () =>
      (ownResults ??= {
        model: applyScenario(model, scenario).model,
        results: computeScenario(model, results, scenario, { keepPromotions: true }),
      });
    const walkAways = numericLevers(scenario).flatMap((lever) => {
      const views = new Map<number, PartiesView>([[leverValue(model, scenario, lever), comparisons[k].view]]);
      return WALK_AWAY_GUARDRAILS.flatMap((g) => {
        const w = leverWalkAway(model, results, scenario, lever, g, undefined, views, own);
        return w ? [w] : [];
      });
    });
    return {
      comparison: comparisons[k],
      ledger: giveGetLedger(model, results, scenario, attribution),
      walkAways,
    };
  });
}

/**
 * The sample's scenarios plus three whose paths differ: off-invoice term levers alone on a customer with events (the
 * comparison then reads the events' own results, the ledger and the searches the kept ones), a cost lever alone, an
 * on-invoice term's rate alone (the one lever is the whole scenario), and a tier bound (its search reads the term's
 * measure).
 */
function withMoreScenarios(model: Model): Model {
  const more: Scenario[] = [
    {
      id: 'WMX-T',
      customerId: 'WMX',
      changes: [
        { target: 'term', id: 'WMX-03', field: 'rate', value: 0.115 },
        { target: 'term_tier', id: 'WMX-02', index: 1, field: 'rate', value: 0.03 },
      ],
    },
    { id: 'MELI-C', customerId: 'MELI', changes: [{ target: 'cost', kind: 'freight', field: 'rate', value: 1.3 }] },
    { id: 'WMX-ON', customerId: 'WMX', changes: [{ target: 'term', id: 'WMX-01', field: 'rate', value: 0.06 }] },
    // A tier bound: its walk-away reads the term's measure for the jump.
    {
      id: 'WMX-TB',
      customerId: 'WMX',
      changes: [{ target: 'term_tier', id: 'WMX-02', index: 1, field: 'from', value: 400_000 }],
    },
  ];
  return { ...model, scenarios: [...(model.scenarios ?? []), ...more] };
}

function check(model: Model): number {
  const results = computeModel(model);
  let scenarios = 0;
  const customers = [...new Set((model.scenarios ?? []).map((s) => s.customerId))];
  for (const attribution of ['standalone', 'sequential'] as const) {
    for (const id of customers) {
      const n = negotiation(model, results, id, { attribution });
      const ref = reference(model, results, id, attribution);
      expect(n.scenarios).toHaveLength(ref.length);
      n.scenarios.forEach((s, k) => {
        expect(s.comparison).toEqual(ref[k].comparison);
        expect(s.ledger).toEqual(ref[k].ledger);
        expect(s.walkAways).toEqual(ref[k].walkAways);
        // The totals the scenarios sheet draws the scenario's waterfall from: a fresh full recompute's.
        const c = model.customers.findIndex((x) => x.id === id);
        expect(s.totals).toEqual(computeScenario(model, results, s.scenario).customers[c].totals);
        scenarios++;
      });
    }
  }
  return scenarios;
}

test('the sample: every scenario equals the one assembled from the public pieces', async () => {
  const model = withMoreScenarios(await sampleModel());
  expect(check(model)).toBe(2 * 8);
});

test('a perturbed sample three times its size: the same', async () => {
  const model = withMoreScenarios(perturbedSample(await sampleModel(), 3, 20261201));
  expect(model.lines.n).toBe(3 * 2904);
  expect(check(model)).toBe(2 * 8);
});
