import { applyEdit, paymentDaysIssue, termIssues } from '../../src/taskpane/term-edits';
import { smallModel } from './small-model';

const term = () => smallModel().terms[0];

describe('term edits', () => {
  test('adding a tier closes the open last tier where the new one starts (twice its start)', () => {
    const m = applyEdit(smallModel(), { kind: 'addTier', termId: 'WMX-01' });
    expect(m.terms[0].tiers).toEqual([
      { from: 0, to: 150, rate: 0.01 },
      { from: 150, to: 300, rate: 0.02 },
      { from: 300, to: null, rate: 0.02 },
    ]);
    expect(termIssues(m.terms[0])).toEqual({});
  });

  test('removing the open last tier reopens the new last one', () => {
    const m = applyEdit(smallModel(), { kind: 'removeTier', termId: 'WMX-01', index: 1 });
    expect(m.terms[0].tiers).toEqual([{ from: 0, to: null, rate: 0.01 }]);
  });

  test('edits never mutate the model they start from, and share its lines', () => {
    const before = smallModel();
    const after = applyEdit(before, { kind: 'rate', termId: 'WMX-01', rate: 0.04 });
    expect(before.terms[0].rate).toBe(0);
    expect(after.terms[0].rate).toBe(0.04);
    expect(after.lines).toBe(before.lines);
  });

  test('tier checks: ascending, non-overlapping, open end only last, rates 0..100 %', () => {
    const t = term();
    expect(
      termIssues({
        ...t,
        tiers: [
          { from: 0, to: 100, rate: 0.01 },
          { from: 50, to: null, rate: 0.02 },
        ],
      }),
    ).toEqual({ 'tier.1.from': 'ascending' });
    expect(
      termIssues({
        ...t,
        tiers: [
          { from: 0, to: null, rate: 0.01 },
          { from: 50, to: null, rate: 0.02 },
        ],
      }),
    ).toEqual({
      'tier.0.to': 'openEndLast',
      'tier.1.from': 'ascending',
    });
    expect(termIssues({ ...t, tiers: [{ from: 10, to: 10, rate: 0.01 }] })).toEqual({ 'tier.0.to': 'toAfterFrom' });
    expect(termIssues({ ...t, tiers: [{ from: 0, to: null, rate: 1.01 }] })).toEqual({ 'tier.0.rate': 'rateRange' });
    expect(termIssues({ ...t, tiers: [{ from: -1, to: null, rate: -0.01 }] })).toEqual({
      'tier.0.rate': 'negative',
      'tier.0.from': 'negative',
    });
    // A gap between tiers is allowed (no money in the gap), only overlap is not.
    expect(
      termIssues({
        ...t,
        tiers: [
          { from: 0, to: 100, rate: 0.01 },
          { from: 120, to: null, rate: 0.02 },
        ],
      }),
    ).toEqual({});
  });

  test('MXN per unit and fixed amounts may exceed 1; growth tiers may start below 0', () => {
    const t = term();
    expect(termIssues({ ...t, basis: 'volume', tiers: [], rate: 2.5 })).toEqual({});
    expect(termIssues({ ...t, basis: 'fixed_amount', tiers: [], rate: 180000 })).toEqual({});
    expect(termIssues({ ...t, tierMeasure: 'growth', tiers: [{ from: -0.05, to: null, rate: 0.01 }] })).toEqual({});
  });

  test('payment days are whole days 0..365', () => {
    expect(paymentDaysIssue(60)).toBeUndefined();
    expect(paymentDaysIssue(-1)).toBe('days');
    expect(paymentDaysIssue(30.5)).toBe('days');
  });
});
