import {
  buildPeriods,
  comparePeriodIds,
  isoWeeksInYear,
  isoWeeksOfYear,
  monthsOfYear,
  parsePeriodId,
  periodAnchors,
  spanIndexes,
} from '../../src/engine';

describe('period ids', () => {
  test('parses months and ISO weeks, rejects malformed ids', () => {
    expect(parsePeriodId('2026-01')).toEqual({ kind: 'month', year: 2026, number: 1 });
    expect(parsePeriodId('2026-W05')).toEqual({ kind: 'week', year: 2026, number: 5 });
    expect(parsePeriodId('2026-13')).toBeNull();
    expect(parsePeriodId('2025-W53')).toBeNull(); // 2025 has 52 ISO weeks
    expect(parsePeriodId('enero')).toBeNull();
  });

  test('ISO years: 2026 starts on a Thursday so it has 53 weeks; 2025 has 52', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksOfYear(2025)).toHaveLength(52);
    expect(isoWeeksOfYear(2026)[52]).toBe('2026-W53');
  });

  test('orders on the calendar, across granularities', () => {
    expect(comparePeriodIds('2026-01', '2026-02')).toBeLessThan(0);
    expect(comparePeriodIds('2026-W10', '2026-W09')).toBeGreaterThan(0);
    // 2026-W01 starts Monday 2025-12-29, before 2026-01 (1 January)
    expect(comparePeriodIds('2026-W01', '2026-01')).toBeLessThan(0);
    expect(() => comparePeriodIds('2026-1', '2026-02')).toThrow(/Periodo inválido.*Invalid period/);
  });

  test('a monthly span over a weekly model takes the weeks whose Thursday falls inside', () => {
    const weeks = buildPeriods(isoWeeksOfYear(2026));
    const anchors = periodAnchors(weeks);
    // Q1 2026 = 1 Jan .. 31 Mar. W01 Thursday = 1 Jan (in); W13 Thursday = 26 Mar (in); W14 Thursday = 2 Apr (out).
    expect(spanIndexes(anchors, '2026-01', '2026-03')).toEqual({ first: 0, last: 12 });
    // A weekly span over a monthly model: W01..W09 = 29 Dec 2025 .. 1 Mar 2026 → Jan, Feb, Mar (1 March is inside).
    const months = buildPeriods(monthsOfYear(2026));
    expect(spanIndexes(periodAnchors(months), '2026-W01', '2026-W09')).toEqual({ first: 0, last: 2 });
    expect(spanIndexes(periodAnchors(months), '2027-01', '2027-12')).toBeNull();
  });

  test('spans are worked out once per period list: the same answer again, and a bad period id fails every time', () => {
    const months = buildPeriods(monthsOfYear(2026));
    expect(periodAnchors(months)).toBe(periodAnchors(months));
    const q2 = spanIndexes(periodAnchors(months), '2026-04', '2026-06');
    expect(q2).toEqual({ first: 3, last: 5 });
    expect(spanIndexes(periodAnchors(months), '2026-04', '2026-06')).toBe(q2);
    // Another period list of the same ids has its own anchors and spans.
    const again = buildPeriods(monthsOfYear(2026));
    expect(periodAnchors(again)).not.toBe(periodAnchors(months));
    expect(spanIndexes(periodAnchors(again), '2026-04', '2026-06')).toEqual({ first: 3, last: 5 });
    for (let k = 0; k < 2; k++) {
      expect(() => spanIndexes(periodAnchors(months), '2026-13', '2026-12')).toThrow(/Invalid period "2026-13"/);
    }
  });
});
