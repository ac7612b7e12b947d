/**
 * Dates the engine cannot read never pass the contract (found by fuzzing): Excel's dates run from 1900-01-01 (serial
 * 1) to 9999-12-31 (serial 2,958,465); a serial or a date outside is not a date. And a scenario that copies a
 * promotion whose own dates did not read answers with the located errors instead of crashing.
 */
import { parseModel } from '../../src/workbook/contract';
import { dateFromCell } from '../../src/workbook/contract/cells';
import { Kit } from '../fixtures/broken-workbooks';

test("dates outside Excel's range are not dates", () => {
  expect(dateFromCell(2_958_465)).toEqual({ y: 9999, m: 12, d: 31 });
  expect(dateFromCell(2_958_466)).toBeNull();
  expect(dateFromCell(1e308)).toBeNull();
  expect(dateFromCell(new Date(Date.UTC(10000, 0, 1)))).toBeNull();
  expect(dateFromCell(new Date(Date.UTC(999, 0, 1)))).toBeNull();
  expect(dateFromCell('1899-12-31')).toBeNull();
  expect(dateFromCell('31/12/9999')).toEqual({ y: 9999, m: 12, d: 31 });
});

test('a buy date one past 9999-12-31 is an invalid_date, located', async () => {
  const k = await Kit.sample();
  k.set('Promociones', 0, 'Compra desde', 2_958_466);
  const r = parseModel(new Map(k.tables.map((t) => [t.name, t])));
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.errors.map((e) => [e.code, e.address])).toEqual([['invalid_date', 'Promociones!E2']]);
});

test('a scenario copying a promotion whose buy window did not read: the located errors, no crash', async () => {
  const k = await Kit.sample();
  // WMX-EXH-JUG (Promociones row 6) is the template of two copies in CambiosEscenario.
  k.set('Promociones', 4, 'Compra desde', 'exhibición');
  const r = parseModel(new Map(k.tables.map((t) => [t.name, t])));
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.errors.map((e) => [e.code, e.address])).toEqual([['invalid_date', 'Promociones!E6']]);
});
