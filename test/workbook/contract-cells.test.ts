/** Low-level readers: numbers typed as text, dates, periods, ISO weeks and A1 addresses. */
import { cellAddress, columnLetters, sheetRef } from '../../src/workbook/contract/address';
import {
  dateFromCell,
  decimalCommaSuggestion,
  foreignDateText,
  numberFromText,
} from '../../src/workbook/contract/cells';
import { isoWeeksInYear } from '../../src/engine/periods';
import { fiscalPeriods, isoWeekOf, parsePeriod, periodId } from '../../src/workbook/contract/periods';

test('numbers typed as text', () => {
  expect(numberFromText('5%')).toBe(0.05);
  expect(numberFromText(' 5 % ')).toBe(0.05);
  expect(numberFromText('1.5%')).toBe(0.015);
  expect(numberFromText('1,234.5')).toBe(1234.5);
  expect(numberFromText('$1,234,567')).toBe(1234567);
  expect(numberFromText('-3')).toBe(-3);
  expect(numberFromText('.5')).toBe(0.5);
  for (const bad of ['1,5', '12,34', '', '$', 'abc', '1.2.3', '5%%', '1 000']) expect(numberFromText(bad)).toBeNaN();
});

test('dates: Date (UTC midnight from .xlsx), Office.js serials, ISO and day-first text', () => {
  expect(dateFromCell(new Date(Date.UTC(2026, 1, 28)))).toEqual({ y: 2026, m: 2, d: 28 });
  // 46023 days after 1899-12-30 is 2026-01-01; the time of day (0.75) is ignored.
  expect(dateFromCell(46023.75)).toEqual({ y: 2026, m: 1, d: 1 });
  expect(dateFromCell('2026-03-05')).toEqual({ y: 2026, m: 3, d: 5 });
  expect(dateFromCell('05/03/2026')).toEqual({ y: 2026, m: 3, d: 5 });
  expect(dateFromCell('29/02/2026')).toBeNull(); // 2026 is not a leap year
  expect(dateFromCell('2026-13-01')).toBeNull();
  expect(dateFromCell(true)).toBeNull();
});

test('ISO weeks: 52 or 53 per year, week 1 holds the first Thursday', () => {
  expect([2020, 2021, 2025, 2026, 2027].map(isoWeeksInYear)).toEqual([53, 52, 52, 53, 52]);
  expect(isoWeekOf({ y: 2026, m: 1, d: 1 })).toEqual({ year: 2026, week: 1 }); // a Thursday
  expect(isoWeekOf({ y: 2027, m: 1, d: 1 })).toEqual({ year: 2026, week: 53 }); // a Friday
  expect(isoWeekOf({ y: 2024, m: 12, d: 30 })).toEqual({ year: 2025, week: 1 }); // a Monday
  expect(
    fiscalPeriods(2027, 'week')
      .map((p) => p.id)
      .slice(-2),
  ).toEqual(['2027-W51', '2027-W52']);
});

test('period cells', () => {
  expect(parsePeriod('2026-01', 'month')).toEqual({ kind: 'month', year: 2026, number: 1 });
  expect(parsePeriod(' 2026/7 ', 'month')).toEqual({ kind: 'month', year: 2026, number: 7 });
  expect(parsePeriod('07/2026', 'month')).toEqual({ kind: 'month', year: 2026, number: 7 });
  expect(parsePeriod('2026-W05', 'month')).toEqual({ kind: 'week', year: 2026, number: 5 });
  expect(parsePeriod('2026w53', 'week')).toEqual({ kind: 'week', year: 2026, number: 53 });
  expect(parsePeriod('2027-W53', 'week')).toBeNull(); // 2027 has 52 ISO weeks
  expect(parsePeriod('2026-00', 'month')).toBeNull();
  expect(parsePeriod(2026, 'month')).toBeNull(); // a bare year is not a date serial
  expect(parsePeriod(46054, 'month')).toEqual({ kind: 'month', year: 2026, number: 2 }); // 2026-02-01
  expect(parsePeriod(46054, 'week')).toEqual({ kind: 'week', year: 2026, number: 5 }); // Sunday 2026-02-01 closes week 5
  expect(periodId({ kind: 'week', year: 2026, number: 5 })).toBe('2026-W05');
});

test('A1 addresses quote sheet names as Excel does', () => {
  expect([1, 26, 27, 28, 702, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  expect(sheetRef('Clientes')).toBe('Clientes');
  expect(sheetRef('Parámetros')).toBe('Parámetros');
  expect(sheetRef('Base Volúmenes')).toBe("'Base Volúmenes'");
  expect(sheetRef("O'Brien y Cía")).toBe("'O''Brien y Cía'");
  expect(sheetRef('AB12')).toBe("'AB12'"); // would read as a cell reference
  expect(sheetRef('2026')).toBe("'2026'");
  expect(cellAddress('Base Volúmenes', 4, 3)).toBe("'Base Volúmenes'!C4");
});

describe('text that is almost a number or a date: what it most likely means', () => {
  test('a decimal comma gives the number to type; a thousands comma is not one', () => {
    expect(decimalCommaSuggestion('1,5')).toBe('1.5');
    expect(decimalCommaSuggestion('0,05')).toBe('0.05');
    expect(decimalCommaSuggestion('1.234,56')).toBe('1234.56');
    expect(decimalCommaSuggestion('-12,5 %')).toBe('-12.5%');
    expect(decimalCommaSuggestion('1,234')).toBeUndefined(); // read as 1234
    expect(decimalCommaSuggestion('abc')).toBeUndefined();
  });

  test('foreign date texts: month first, points, two-digit years, month names; day/month/year is ours', () => {
    expect(foreignDateText('01/15/2026')).toEqual({
      looks: { es: 'parece mes/día/año, como en EE. UU.', en: 'it looks like month/day/year, as in the US' },
      suggestion: '2026-01-15',
    });
    expect(foreignDateText('15.01.2026')?.suggestion).toBe('2026-01-15');
    expect(foreignDateText('15-01-26')).toEqual({
      looks: { es: 'año de dos dígitos', en: 'a two-digit year' },
      suggestion: '2026-01-15',
    });
    expect(foreignDateText('15-ene-2026')?.suggestion).toBe('2026-01-15');
    expect(foreignDateText('Jan 15, 2026')?.suggestion).toBe('2026-01-15');
    expect(foreignDateText('31/02/2026')).toBeUndefined(); // our format, an impossible date: invalid_date
    expect(foreignDateText('mañana')).toBeUndefined();
  });
});
