/**
 * The pane's edits as a scenario (create-from-edits): each edit becomes the ScenarioChange the engine rebuilds the
 * same term or event from, what no ScenarioChanges row can hold is listed as left out, and the walk-away's edits keep
 * tiers valid at every step.
 */
import { applyScenario, numericLevers, type Model, type Scenario } from '../../src/engine';
import { applyLeverEdit, type PaneEdit } from '../../src/taskpane/promo-edits';
import { draftOf, leverOfChange, suggestScenarioId, todayIso, walkAwayEdits } from '../../src/taskpane/scenario-draft';
import { roundTowards } from '../../src/engine';
import { applyEdit, termIssues } from '../../src/taskpane/term-edits';
import { isLeverEdit } from '../../src/taskpane/promo-edits';
import type { EditOwner } from '../../src/taskpane/state';
import { sampleModel } from './sample';
import { smallModel, smallNegotiationModel } from './small-model';

const term: EditOwner = { kind: 'term', id: 'WMX-01' };

function edited(base: Model, ...edits: PaneEdit[]): Model {
  return edits.reduce((m, e) => (isLeverEdit(e) ? applyLeverEdit(m, e) : applyEdit(m, e)), base);
}

describe('draftOf: the edits of a customer as levers', () => {
  test('a tier rate: one tier lever, exact (the pane results are the scenario), the term consumed', () => {
    const base = smallModel();
    const model = edited(base, { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.03 } });
    const d = draftOf(base, model, [term], 'WMX');
    expect(d.changes).toEqual([{ target: 'term_tier', id: 'WMX-01', index: 1, field: 'rate', value: 0.03 }]);
    expect(d).toMatchObject({ leftOut: [], consumed: [term], owners: [term], exact: true });
  });

  test("a bound two tiers share is one lever, written as the upper tier's «from»; the engine rebuilds the tiers", () => {
    const base = smallModel();
    const model = edited(
      base,
      { kind: 'tier', termId: 'WMX-01', index: 1, tier: { from: 200 } },
      { kind: 'tier', termId: 'WMX-01', index: 0, tier: { to: 200 } },
    );
    const d = draftOf(base, model, [term], 'WMX');
    expect(d.changes).toEqual([{ target: 'term_tier', id: 'WMX-01', index: 1, field: 'from', value: 200 }]);
    expect(d.exact).toBe(true);
    const rebuilt = applyScenario(base, { id: 'x', customerId: 'WMX', changes: d.changes }).model.terms[0];
    expect(rebuilt.tiers).toEqual(model.terms[0].tiers);
  });

  test('a gap between tiers has no lever: the rates go in, the bounds are left out and the term stays a pane edit', () => {
    const base = smallModel();
    const model = edited(
      base,
      { kind: 'tier', termId: 'WMX-01', index: 0, tier: { to: 140 } },
      { kind: 'tier', termId: 'WMX-01', index: 0, tier: { rate: 0.015 } },
    );
    const d = draftOf(base, model, [term], 'WMX');
    expect(d.changes).toEqual([{ target: 'term_tier', id: 'WMX-01', index: 0, field: 'rate', value: 0.015 }]);
    expect(d.leftOut).toEqual([{ owner: term, reason: 'tierBounds' }]);
    expect(d.consumed).toEqual([]);
    expect(d.exact).toBe(false);
  });

  test('tiers added or removed, and payment days, are left out', () => {
    const base = smallModel();
    const model = edited(
      base,
      { kind: 'addTier', termId: 'WMX-01' },
      { kind: 'paymentDays', customerId: 'WMX', days: 30 },
    );
    const days: EditOwner = { kind: 'customer', id: 'WMX' };
    const d = draftOf(base, model, [term, days], 'WMX');
    expect(d.changes).toEqual([]);
    expect(d.leftOut).toEqual([
      { owner: term, reason: 'tiersAddedOrRemoved' },
      { owner: days, reason: 'paymentDays' },
    ]);
    expect(d.exact).toBe(false);
  });

  test('an edit back to the workbook value is no lever; a removed term is one, last, and consumes its edits', () => {
    const base = smallModel();
    const back = edited(
      base,
      { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.05 } },
      { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.02 } },
    );
    expect(draftOf(base, back, [term], 'WMX')).toMatchObject({ changes: [], exact: true, consumed: [term] });
    const gone = draftOf(
      base,
      edited(base, { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.05 } }),
      [term],
      'WMX',
      ['WMX-01'],
    );
    expect(gone.changes).toEqual([{ target: 'term_present', id: 'WMX-01', value: false }]);
    expect(gone).toMatchObject({ consumed: [term], exact: false });
  });

  test('events: depth, funding rate, share and uplift are levers; funding type and windows are left out', async () => {
    const base = await sampleModel();
    const p = base.promotions!.find((x) => x.customerId === 'WMX' && x.uplift !== null)!;
    const owner: EditOwner = { kind: 'promotion', id: p.id };
    const model = edited(
      base,
      { kind: 'promotion', promotionId: p.id, field: 'makerShare', value: 0.5 },
      { kind: 'promotion', promotionId: p.id, field: 'uplift', value: null },
      { kind: 'promotionFunding', promotionId: p.id, funding: p.funding === 'lump_sum' ? 'bill_back' : 'lump_sum' },
      { kind: 'promotionWindow', promotionId: p.id, window: 'inStoreWindow', end: 'to', date: p.inStoreWindow.to },
    );
    const d = draftOf(base, model, [owner], 'WMX');
    expect(d.changes).toEqual([
      { target: 'promotion', id: p.id, field: 'uplift', value: null },
      { target: 'promotion', id: p.id, field: 'makerShare', value: 0.5 },
    ]);
    expect(d.leftOut).toEqual([{ owner, reason: 'funding' }]);
    expect(d.consumed).toEqual([]);
    // Another customer's draft does not see the event.
    expect(draftOf(base, model, [owner], 'OXXO')).toMatchObject({ changes: [], owners: [], exact: true });
  }, 60000);

  test("a price change reaches its customer (or every customer) and is left out; another customer's term is not", async () => {
    const base = await sampleModel();
    const index = base.priceChanges!.findIndex((c) => c.customerId === '');
    expect(index).toBeGreaterThanOrEqual(0);
    const other = base.terms.find((x) => x.customerId === 'OXXO' && x.tiers.length === 0)!;
    const model = edited(
      base,
      { kind: 'priceChangePct', index, changePct: 0.07 },
      { kind: 'rate', termId: other.id, rate: other.rate + 0.01 },
    );
    const owners: EditOwner[] = [
      { kind: 'price_change', id: String(index) },
      { kind: 'term', id: other.id },
    ];
    const d = draftOf(base, model, owners, 'WMX');
    expect(d.leftOut).toEqual([{ owner: owners[0], reason: 'priceChange' }]);
    expect(d.changes).toEqual([]);
    expect(d.owners).toEqual([owners[0]]);
  }, 60000);
});

describe('walk-away edits', () => {
  test('a shared bound moves both tiers, never overlapping on the way (up and down)', () => {
    const base = smallModel();
    for (const value of [250, 100]) {
      for (const ref of [
        { target: 'term_tier', id: 'WMX-01', index: 1, field: 'from' },
        { target: 'term_tier', id: 'WMX-01', index: 0, field: 'to' },
      ] as const) {
        let m = base;
        for (const e of walkAwayEdits(base, ref, value)) {
          m = applyEdit(m, e as Parameters<typeof applyEdit>[1]);
          expect(termIssues(m.terms[0])).toEqual({});
        }
        expect(m.terms[0].tiers.map((t) => [t.from, t.to])).toEqual([
          [0, value],
          [value, null],
        ]);
      }
    }
  });

  test('rates and event fields are one edit each', () => {
    const m = smallModel();
    expect(walkAwayEdits(m, { target: 'term', id: 'WMX-01', field: 'rate' }, 0.024)).toEqual([
      { kind: 'rate', termId: 'WMX-01', rate: 0.024 },
    ]);
    expect(walkAwayEdits(m, { target: 'promotion', id: 'E1', field: 'depth' }, 0.3)).toEqual([
      { kind: 'promotion', promotionId: 'E1', field: 'depth', value: 0.3 },
    ]);
    expect(walkAwayEdits(m, { target: 'promotion', id: 'E1', field: 'dip' }, 0.3)).toEqual([]);
  });

  test("values round to the sentence's precision towards the current value (never past the limit)", () => {
    expect(roundTowards(0.0243902, 0.02, 'pct')).toBe(0.0243);
    expect(roundTowards(0.01561, 0.02, 'pct')).toBe(0.0157);
    expect(roundTowards(0.0156, 0.02, 'pct')).toBe(0.0156);
    expect(roundTowards(140_733.9, 115_000, 'mxn')).toBe(140_733);
    expect(roundTowards(1.234, 2, 'mxn_unit')).toBe(1.24);
  });
});

test('numeric levers of a scenario, by change: as the engine lists them', () => {
  const s: Scenario = smallNegotiationModel().scenarios!.find((x) => x.id === 'WMX-C1')!;
  const mine = s.changes.map((ch, k) => leverOfChange(ch, k)).filter((x) => x !== null);
  expect(mine).toEqual(numericLevers(s));
  expect(leverOfChange({ target: 'term_present', id: 'WMX-01', value: false }, 0)).toBeNull();
});

test('a new id per kind, the first free one (ids compared as the contract does); today as yyyy-mm-dd', () => {
  const scenarios = smallNegotiationModel().scenarios!;
  expect(suggestScenarioId(scenarios, 'WMX', 'proposal')).toBe('WMX-P2');
  expect(suggestScenarioId([...scenarios, { id: ' wmx-p2 ', customerId: 'WMX', changes: [] }], 'WMX', 'proposal')).toBe(
    'WMX-P3',
  );
  expect(suggestScenarioId(scenarios, 'WMX', 'other')).toBe('WMX-E1');
  expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
});
