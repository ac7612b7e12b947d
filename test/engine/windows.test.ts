/** Date windows spread over months and ISO weeks by days of overlap. */
import { buildPeriods, isoWeeksOfYear, monthsOfYear } from '../../src/engine';
import { dayOf, followingWindow, isoOfDay, windowShares } from '../../src/engine/windows';

const months = buildPeriods(monthsOfYear(2026));

test('a window inside July covers 11 of its 31 days', () => {
  const s = windowShares(months, { from: '2026-07-10', to: '2026-07-20' });
  expect(s[6]).toBeCloseTo(11 / 31, 12);
  expect(Array.from(s).filter((x) => x > 0)).toHaveLength(1);
});

test('Buen Fin 2026-11-13 … 2026-11-16 and a window across a month end', () => {
  expect(windowShares(months, { from: '2026-11-13', to: '2026-11-16' })[10]).toBeCloseTo(4 / 30, 12);
  const s = windowShares(months, { from: '2026-06-25', to: '2026-07-05' });
  expect(s[5]).toBeCloseTo(6 / 30, 12); // 25–30 June
  expect(s[6]).toBeCloseTo(5 / 31, 12); // 1–5 July
});

test('ISO weeks: 2026-W01 runs Monday 2025-12-29 to Sunday 2026-01-04', () => {
  const weeks = buildPeriods(isoWeeksOfYear(2026));
  const s = windowShares(weeks, { from: '2026-01-01', to: '2026-01-07' });
  expect(s[0]).toBeCloseTo(4 / 7, 12); // Thu 1 – Sun 4 January
  expect(s[1]).toBeCloseTo(3 / 7, 12); // Mon 5 – Wed 7 January
});

test('invalid or reversed windows cover nothing; dates round-trip', () => {
  expect(Array.from(windowShares(months, { from: '2026-02-30', to: '2026-03-01' })).every((x) => x === 0)).toBe(true);
  expect(Array.from(windowShares(months, { from: '2026-05-02', to: '2026-05-01' })).every((x) => x === 0)).toBe(true);
  expect(isoOfDay(dayOf('2026-12-31'))).toBe('2026-12-31');
  expect(followingWindow({ from: '2026-07-01', to: '2026-07-10' })).toEqual({ from: '2026-07-11', to: '2026-07-20' });
});
