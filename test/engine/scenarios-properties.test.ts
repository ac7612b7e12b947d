/**
 * Properties of scenarios on random models (issue 9): a scenario with no levers is the base exactly; applying and
 * computing levers never modifies the base model; the give/get ledger adds up to the scenario's total change
 * (standalone with its interaction line, and sequential), for random levers.
 */
import fc from 'fast-check';
import {
  applyScenario,
  computeModel,
  computeScenario,
  giveGetLedger,
  recomputeCustomer,
  recomputeOffInvoiceTerms,
  type Model,
  type Scenario,
  type ScenarioChange,
} from '../../src/engine';
import { modelArb } from './arbitraries';

const RUNS = 80;

/** Random levers on what the model holds for its first customer: term rates, removals, volume, costs. */
function scenarioArb(model: Model): fc.Arbitrary<Scenario> {
  const customerId = model.customers[0].id;
  const terms = model.terms.filter((t) => t.customerId === customerId && t.tiers.length === 0);
  const costs = model.costToServe.filter((c) => c.customerId === customerId);
  const levers: fc.Arbitrary<ScenarioChange>[] = [
    fc
      .record({
        pct: fc.double({ min: -0.3, max: 0.5, noNaN: true }),
        sku: fc.constantFrom(...model.products.map((p) => p.sku)),
      })
      .map(({ pct, sku }) => ({
        target: 'volume' as const,
        scope: { kind: 'sku' as const, values: [sku] },
        changePct: pct,
      })),
  ];
  if (terms.length > 0) {
    levers.push(
      fc
        .record({ t: fc.constantFrom(...terms), k: fc.double({ min: 0, max: 2, noNaN: true }) })
        .map(({ t, k }) => ({ target: 'term' as const, id: t.id, field: 'rate' as const, value: t.rate * k })),
      fc.constantFrom(...terms).map((t) => ({ target: 'term_present' as const, id: t.id, value: false })),
    );
  }
  const tiered = model.terms.filter((t) => t.customerId === customerId && t.tiers.length > 0);
  if (tiered.length > 0) {
    levers.push(
      fc.record({ t: fc.constantFrom(...tiered), k: fc.double({ min: 0, max: 2, noNaN: true }) }).map(({ t, k }) => ({
        target: 'term_tier' as const,
        id: t.id,
        index: t.tiers.length - 1,
        field: 'rate' as const,
        value: t.tiers[t.tiers.length - 1].rate * k,
      })),
    );
  }
  if (costs.length > 0) {
    levers.push(
      fc
        .record({ c: fc.constantFrom(...costs), k: fc.double({ min: 0, max: 2, noNaN: true }) })
        .map(({ c, k }) => ({ target: 'cost' as const, kind: c.kind, field: 'rate' as const, value: c.rate * k })),
    );
  }
  return fc
    .array(fc.oneof(...levers), { minLength: 1, maxLength: 4 })
    .map((changes) => ({ id: 'S', customerId, changes }));
}

const caseArb = modelArb.chain((model) => scenarioArb(model).map((scenario) => ({ model, scenario })));

/** Scenarios that mostly hold off-invoice term and cost levers only (the fast path's case), sometimes others. */
const offInvoiceCaseArb = modelArb.chain((model) =>
  scenarioArb(model).map((scenario) => {
    const offOnly = scenario.changes.filter(
      (ch) =>
        ch.target === 'cost' ||
        ((ch.target === 'term' || ch.target === 'term_present' || ch.target === 'term_tier') &&
          !model.terms.find((t) => t.id === ch.id)!.onInvoice),
    );
    return { model, scenario: offOnly.length > 0 ? { ...scenario, changes: offOnly } : scenario };
  }),
);

test('a scenario with no levers equals the base exactly', () => {
  fc.assert(
    fc.property(modelArb, (model) => {
      const base = computeModel(model);
      model.customers.forEach((c, k) => {
        const r = computeScenario(model, base, { id: 'none', customerId: c.id, changes: [] });
        expect(r.customers[k].totals).toEqual(base.customers[k].totals);
        expect(r.terms.map((t) => t.amount)).toEqual(base.terms.map((t) => t.amount));
      });
    }),
    { numRuns: 40 },
  );
});

test('applying and computing levers never modifies the base model', () => {
  fc.assert(
    fc.property(caseArb, ({ model, scenario }) => {
      const snapshot = JSON.stringify({ t: model.terms, c: model.costToServe, p: model.promotions ?? null });
      const volumes = Array.from(model.lines.baselineVolume);
      const actual = Array.from(model.lines.actualVolume);
      const base = computeModel(model);
      applyScenario(model, scenario);
      computeScenario(model, base, scenario);
      giveGetLedger(model, base, scenario);
      expect(JSON.stringify({ t: model.terms, c: model.costToServe, p: model.promotions ?? null })).toBe(snapshot);
      expect(Array.from(model.lines.baselineVolume)).toEqual(volumes);
      expect(Array.from(model.lines.actualVolume)).toEqual(actual);
    }),
    { numRuns: RUNS },
  );
});

test('the ledger adds up to the total change: standalone with its interaction, and sequential', () => {
  fc.assert(
    fc.property(caseArb, ({ model, scenario }) => {
      const base = computeModel(model);
      const scale = Math.max(1, Math.abs(base.customers[0].totals.grossSales));
      const change =
        computeScenario(model, base, scenario).customers[0].totals.contribution - base.customers[0].totals.contribution;
      for (const attribution of ['standalone', 'sequential'] as const) {
        const l = giveGetLedger(model, base, scenario, attribution);
        const maker = l.lines.reduce((a, x) => a + x.maker, 0);
        const retailer = l.lines.reduce((a, x) => a + x.retailer, 0);
        expect(Math.abs(maker - l.total.maker)).toBeLessThan(1e-9 * scale);
        expect(Math.abs(retailer - l.total.retailer)).toBeLessThan(1e-9 * scale);
        expect(l.lines.filter((x) => x.change >= 0)).toHaveLength(scenario.changes.length);
        expect(Math.abs(l.total.maker - change)).toBeLessThan(1e-9 * scale);
      }
    }),
    { numRuns: RUNS },
  );
});

test('off-invoice levers take the fast path, and it equals recomputing the customer in full', () => {
  let fast = 0;
  fc.assert(
    fc.property(offInvoiceCaseArb, ({ model, scenario }) => {
      const base = computeModel(model);
      const applied = applyScenario(model, scenario);
      const quick = applied.levers.length === 0 ? recomputeOffInvoiceTerms(applied.model, model, base, 0) : null;
      const offOnly = scenario.changes.every(
        (ch) =>
          ch.target === 'cost' ||
          ((ch.target === 'term' || ch.target === 'term_present' || ch.target === 'term_tier') &&
            !model.terms.find((t) => t.id === ch.id)!.onInvoice),
      );
      const ownEvents = (model.promotions ?? []).some((p) => p.customerId === scenario.customerId);
      expect(quick !== null).toBe(offOnly && !ownEvents);
      if (!quick) return;
      fast++;
      const previous = { ...base, terms: base.terms.filter((t) => applied.model.terms.some((x) => x.id === t.termId)) };
      const full = recomputeCustomer(applied.model, previous, 0);
      const scale = Math.max(1, Math.abs(full.customers[0].totals.grossSales));
      for (const [k, v] of Object.entries(full.customers[0].totals))
        expect([
          k,
          Math.abs(v - quick.customers[0].totals[k as keyof (typeof quick.customers)[0]['totals']]) <= 1e-9 * scale,
        ]).toEqual([k, true]);
      expect(quick.terms.map((t) => t.termId)).toEqual(full.terms.map((t) => t.termId));
      quick.terms.forEach((t, k) =>
        expect(Math.abs(t.amount - full.terms[k].amount)).toBeLessThanOrEqual(1e-9 * scale),
      );
      expect(quick.accruals.length).toBe(full.accruals.length);
      expect(quick.findings.map((f) => f.code).sort()).toEqual(full.findings.map((f) => f.code).sort());
      for (let i = 0; i < model.lines.n; i++)
        expect(Math.abs(quick.lines.contribution[i] - full.lines.contribution[i])).toBeLessThanOrEqual(1e-9 * scale);
    }),
    { numRuns: RUNS },
  );
  expect(fast).toBeGreaterThan(RUNS * 0.3);
});
