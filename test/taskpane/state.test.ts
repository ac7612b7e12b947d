import { computeModel, recomputeCustomer, type Model } from '../../src/engine';
import type { ContractError } from '../../src/workbook/contract';
import {
  canWrite,
  createPaneReducer,
  initialPaneState,
  paneReducer,
  rebaseEdits,
  type PaneState,
} from '../../src/taskpane/state';
import { smallModel } from './small-model';

const loaded = (): PaneState => paneReducer(initialPaneState, { type: 'loaded', model: smallModel() });

describe('pane reducer', () => {
  test('loading computes the whole model and picks the first customer', () => {
    const s = loaded();
    expect(s.phase).toBe('ready');
    expect(s.customerId).toBe('WMX');
    // Hand computation in small-model.ts: gross 2,000, rebate 2 % = 40, net 1,960, gross profit 760.
    expect(s.results!.customers[0].totals.grossSales).toBeCloseTo(2000, 9);
    expect(s.results!.customers[0].totals.netSales).toBeCloseTo(1960, 9);
    expect(s.results!.customers[0].totals.grossProfit).toBeCloseTo(760, 9);
    expect(canWrite(s)).toBe(true);
  });

  test('editing the reached tier rate recomputes: 5 % × 2,000 = 100, net 1,900', () => {
    const s = paneReducer(loaded(), {
      type: 'edit',
      edit: { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.05 } },
    });
    expect(s.results!.customers[0].totals.offInvoice).toBeCloseTo(100, 9);
    expect(s.results!.customers[0].totals.netSales).toBeCloseTo(1900, 9);
    expect(s.edited).toEqual([{ kind: 'term', id: 'WMX-01' }]);
    expect(s.revision).toBe(1);
    // The workbook's model is untouched: Reset goes back to it.
    expect(s.baseModel!.terms[0].tiers[1].rate).toBe(0.02);
  });

  test('moving the tier boundary above the volume drops to tier 1: 1 % × 2,000 = 20', () => {
    let s = loaded();
    s = paneReducer(s, { type: 'edit', edit: { kind: 'tier', termId: 'WMX-01', index: 0, tier: { to: 250 } } });
    // Transiently overlapping/out of order? [0,250) then [150,∞): the second starts inside the first.
    expect(s.issues['term:WMX-01']).toEqual({ 'tier.1.from': 'ascending' });
    expect(canWrite(s)).toBe(false);
    // Results stay at the last valid computation (rebate 40) while the edit is invalid.
    expect(s.results!.customers[0].totals.offInvoice).toBeCloseTo(40, 9);
    s = paneReducer(s, { type: 'edit', edit: { kind: 'tier', termId: 'WMX-01', index: 1, tier: { from: 250 } } });
    expect(s.issues).toEqual({});
    expect(s.results!.customers[0].totals.offInvoice).toBeCloseTo(20, 9);
    expect(canWrite(s)).toBe(true);
  });

  test('rates above 100 % and bad payment days are refused with a reason', () => {
    let s = paneReducer(loaded(), {
      type: 'edit',
      edit: { kind: 'tier', termId: 'WMX-01', index: 0, tier: { rate: 1.5 } },
    });
    expect(s.issues['term:WMX-01']).toEqual({ 'tier.0.rate': 'rateRange' });
    s = paneReducer(s, { type: 'edit', edit: { kind: 'paymentDays', customerId: 'WMX', days: 12.5 } });
    expect(s.issues['customer:WMX']).toEqual({ paymentDays: 'days' });
    expect(canWrite(s)).toBe(false);
  });

  test('payment days recompute the financing cost: 2,000 invoice sales × 73/365 × 11 % = 44', () => {
    const s = paneReducer(loaded(), { type: 'edit', edit: { kind: 'paymentDays', customerId: 'WMX', days: 73 } });
    // Invoice sales = gross 2,000 (the rebate is off invoice); 2,000 × 73/365 × 0.11 = 44.
    expect(s.results!.customers[0].totals.financingCost).toBeCloseTo(44, 9);
    expect(s.results!.customers[0].totals.contribution).toBeCloseTo(760 - 44, 9);
  });

  test('an edit recomputes only the edited customer, on top of the previous results', () => {
    const calls: string[] = [];
    const reducer = createPaneReducer({
      compute: (m: Model) => (calls.push('all'), computeModel(m)),
      recomputeCustomer: (m, prev, c) => (calls.push(`customer ${c}`), recomputeCustomer(m, prev, c)),
    });
    let s = reducer(initialPaneState, { type: 'loaded', model: smallModel() });
    s = reducer(s, { type: 'edit', edit: { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.03 } } });
    expect(calls).toEqual(['all', 'customer 0']);
    expect(s.results!.customers[0].totals.offInvoice).toBeCloseTo(60, 9); // 3 % × 2,000
  });

  test('an invalid workbook keeps every contract error and cannot write', () => {
    const errors: ContractError[] = [
      {
        code: 'negative_volume',
        sheet: 'Volúmenes',
        table: 'VolumenesBase',
        row: 5,
        column: 'Volumen base',
        address: "'Volúmenes'!E5",
        es: 'a',
        en: 'a',
      },
      { code: 'missing_table', sheet: '', table: 'Terms', es: 'b', en: 'b' },
    ];
    const s = paneReducer(loaded(), { type: 'invalid', errors });
    expect(s.phase).toBe('invalid');
    expect(s.contractErrors).toBe(errors);
    expect(s.model).toBeNull();
    expect(canWrite(s)).toBe(false);
  });

  test('write lifecycle: writing blocks a second write; failures keep the error object', () => {
    let s = paneReducer(loaded(), { type: 'writeStarted' });
    expect(canWrite(s)).toBe(false);
    const boom = new Error('boom');
    s = paneReducer(s, { type: 'writeFailed', error: boom });
    expect(s.write).toEqual({ status: 'failed', error: boom, reload: undefined });
    expect(canWrite(s)).toBe(true);
    s = paneReducer(s, { type: 'writeDone', report: { sheetsWritten: ['TT P&L'], cellsWritten: 10, target: 'x' } });
    expect(s.write.status).toBe('done');
  });

  test('warm-up before the first edit: the selected customer recomputed to the same numbers, nothing else changes', () => {
    const calls: string[] = [];
    const reducer = createPaneReducer({
      compute: (m: Model) => (calls.push('all'), computeModel(m)),
      recomputeCustomer: (m, prev, c) => (calls.push(`customer ${c}`), recomputeCustomer(m, prev, c)),
    });
    const before = reducer(initialPaneState, { type: 'loaded', model: smallModel() });
    const warm = reducer(before, { type: 'warmUp' });
    // The edit path itself (one customer on top of the previous results), not a whole-model compute.
    expect(calls).toEqual(['all', 'customer 0']);
    expect(warm.results).not.toBe(before.results);
    // Same numbers as loaded: gross 2,000, rebate 2 % × 2,000 = 40, net 1,960, gross profit 760 (small-model.ts).
    expect(warm.results!.customers[0].totals.grossSales).toBeCloseTo(2000, 9);
    expect(warm.results!.customers[0].totals.offInvoice).toBeCloseTo(40, 9);
    expect(warm.results!.customers[0].totals.netSales).toBeCloseTo(1960, 9);
    expect(warm.results!.customers[0].totals.grossProfit).toBeCloseTo(760, 9);
    // Not an edit: no revision (so no edit → paint measure), no edited owner, the workbook model untouched.
    expect(warm.revision).toBe(0);
    expect(warm.edited).toEqual([]);
    expect(warm.model).toBe(before.model);
    expect(canWrite(warm)).toBe(true);
  });

  test('warm-up after an edit, or before a workbook is ready, changes nothing', () => {
    const calls: string[] = [];
    const reducer = createPaneReducer({
      compute: (m: Model) => (calls.push('all'), computeModel(m)),
      recomputeCustomer: (m, prev, c) => (calls.push(`customer ${c}`), recomputeCustomer(m, prev, c)),
    });
    expect(reducer(initialPaneState, { type: 'warmUp' })).toBe(initialPaneState);
    let s = reducer(initialPaneState, { type: 'loaded', model: smallModel() });
    s = reducer(s, { type: 'edit', edit: { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.03 } } });
    expect(reducer(s, { type: 'warmUp' })).toBe(s);
    expect(calls).toEqual(['all', 'customer 0']); // the load and the edit only
  });

  test('Reset (loaded again) drops edits and keeps the picked customer', () => {
    let s = paneReducer(loaded(), { type: 'edit', edit: { kind: 'rate', termId: 'WMX-01', rate: 0.5 } });
    s = paneReducer(s, { type: 'loaded', model: smallModel() });
    expect(s.edited).toEqual([]);
    expect(s.customerId).toBe('WMX');
    expect(s.results!.customers[0].totals.offInvoice).toBeCloseTo(40, 9);
  });

  test("the workbook's own results are kept apart from the edited ones (the KPI deltas compare with them)", () => {
    let s = paneReducer(initialPaneState, { type: 'loaded', model: smallModel(), fingerprint: 'abc' });
    expect(s.baseResults).toBe(s.results);
    expect(s.inputFingerprint).toBe('abc');
    s = paneReducer(s, { type: 'edit', edit: { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.05 } } });
    expect(s.results!.customers[0].totals.netSales).toBeCloseTo(1900, 9);
    expect(s.baseResults!.customers[0].totals.netSales).toBeCloseTo(1960, 9);
    expect(s.inputFingerprint).toBe('abc');
  });

  test('a write reports progress and Excel waiting for a cell edit; an edit meanwhile keeps the write shown', () => {
    let s = paneReducer(loaded(), { type: 'writeStarted' });
    expect(s.write).toEqual({ status: 'writing', written: 0, total: null, waiting: false });
    s = paneReducer(s, { type: 'writeWaiting' });
    expect(s.write).toMatchObject({ status: 'writing', waiting: true });
    // Progress means Excel writes again.
    s = paneReducer(s, { type: 'writeProgress', written: 500, total: 2000 });
    expect(s.write).toEqual({ status: 'writing', written: 500, total: 2000, waiting: false });
    s = paneReducer(s, { type: 'edit', edit: { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.03 } } });
    expect(s.write.status).toBe('writing');
    expect(canWrite(s)).toBe(false);
    // Late reports after the write settled change nothing.
    s = paneReducer(s, { type: 'writeDone', report: { sheetsWritten: ['TT P&L'], cellsWritten: 2000, target: 'x' } });
    expect(paneReducer(s, { type: 'writeProgress', written: 1, total: 2 })).toBe(s);
    expect(paneReducer(s, { type: 'writeWaiting' })).toBe(s);
  });

  test('re-read inputs: edits re-applied by id over the new values; vanished terms dropped and listed', () => {
    const base = smallModel();
    // The pane edited WMX-01's tier 2 rate and the customer's payment days.
    let s = paneReducer(loaded(), {
      type: 'edit',
      edit: { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.05 } },
    });
    s = paneReducer(s, { type: 'edit', edit: { kind: 'paymentDays', customerId: 'WMX', days: 73 } });
    // Meanwhile the workbook changed: WMX-01's description, the list price, and a term the pane had edited is gone.
    const ghost = { kind: 'term' as const, id: 'WMX-99' };
    const fresh = {
      ...base,
      terms: [{ ...base.terms[0], description: 'Bono renegociado' }],
      lines: { ...base.lines, listPrice: base.lines.listPrice.map(() => 11) },
    };
    const rebased = rebaseEdits(fresh, s.model!, [...s.edited, ghost]);
    expect(rebased.edited).toEqual([
      { kind: 'term', id: 'WMX-01' },
      { kind: 'customer', id: 'WMX' },
    ]);
    expect(rebased.dropped).toEqual([ghost]);
    expect(rebased.issues).toEqual({});
    // The pane's own fields win (rates, tiers, payment days); the workbook's others are its new ones.
    expect(rebased.model.terms[0].tiers[1].rate).toBe(0.05);
    expect(rebased.model.terms[0].description).toBe('Bono renegociado');
    expect(rebased.model.customers[0].paymentDays).toBe(73);
    expect(rebased.baseModel).toBe(fresh);

    const results = computeModel(rebased.model);
    const baseResults = computeModel(fresh);
    s = paneReducer(s, { type: 'writeStarted' });
    s = paneReducer(s, {
      type: 'reloaded',
      rebased,
      results,
      baseResults,
      fingerprint: 'new',
      warnings: [],
    });
    expect(s.model).toBe(rebased.model);
    expect(s.baseModel).toBe(fresh);
    expect(s.inputFingerprint).toBe('new');
    // Gross 2 × 100 × $11 = 2,200; the edited 5 % rebate = 110.
    expect(s.results!.customers[0].totals.offInvoice).toBeCloseTo(110, 9);
    expect(s.baseResults!.customers[0].totals.offInvoice).toBeCloseTo(44, 9); // the workbook's 2 % of 2,200
    expect(s.write).toMatchObject({ status: 'writing', reload: { dropped: [ghost] } });
    s = paneReducer(s, { type: 'writeDone', report: { sheetsWritten: [], cellsWritten: 0, target: 'x' } });
    expect(s.write).toMatchObject({ status: 'done', reload: { dropped: [ghost] } });
  });

  test('an edit that no longer fits the re-read term is marked again', () => {
    // The term paid MXN per unit when the KAM typed 1.50 per unit for tier 2 (valid then)...
    const base = smallModel();
    const perUnit = { ...base, terms: [{ ...base.terms[0], basis: 'volume' as const }] };
    let s = paneReducer(initialPaneState, { type: 'loaded', model: perUnit });
    s = paneReducer(s, { type: 'edit', edit: { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 1.5 } } });
    expect(s.issues).toEqual({});
    // ...and the workbook now says it pays a share of gross sales: 150 % is refused, so the write must not go on.
    expect(rebaseEdits(base, s.model!, s.edited).issues).toEqual({ 'term:WMX-01': { 'tier.1.rate': 'rateRange' } });
    expect(rebaseEdits(perUnit, s.model!, s.edited).issues).toEqual({});
  });
});
