/**
 * The cell conversions, checked against ExcelJS's own functions on many inputs: dates from serials in both systems,
 * which number formats are dates, shared formulas moved to a follower, and numbers read straight from the bytes
 * (which must equal Number() on the same text, to the last bit).
 */
import fc from 'fast-check';
import excelUtils from 'exceljs/lib/utils/utils';
import { slideFormula as exceljsSlide } from 'exceljs/lib/utils/shared-formula';
import { excelDate, SheetScanner, type CellSink } from '../../../src/hosts/xlsx/reader/sheet';
import { isDateFormatCode, isBuiltInDateFormat } from '../../../src/hosts/xlsx/reader/styles';
import { slideFormula } from '../../../src/hosts/xlsx/reader/formula';
import { toA1 } from '../../../src/workbook/a1';
import type { CellValue } from '../../../src/workbook/port';

/** The value the sheet scanner reads for one cell written as `cellXml` (styles: 1 is a date style). */
function cellValue(cellXml: string, date1904 = false): CellValue {
  const values: CellValue[] = [];
  const sink: CellSink = {
    minColumn: 1,
    maxColumn: 16384,
    beginRow: () => true,
    cell: (_row, _column, value) => values.push(value),
  };
  const scanner = new SheetScanner(
    { sharedStrings: ['cero', 'uno'], dateStyles: new Uint8Array([0, 1]), date1904 },
    sink,
  );
  scanner.write(new TextEncoder().encode(`<worksheet><sheetData><row r="1">${cellXml}</row></sheetData></worksheet>`));
  scanner.end();
  expect(values).toHaveLength(1);
  return values[0];
}

test('dates: the same instant as ExcelJS for any serial, in the 1900 and the 1904 system', () => {
  fc.assert(
    fc.property(fc.double({ min: -1000, max: 2958465, noNaN: true }), fc.boolean(), (serial, is1904) => {
      expect(excelDate(serial, is1904).getTime()).toBe(excelUtils.excelToDate(serial, is1904).getTime());
    }),
    { numRuns: 2000 },
  );
  // A fraction of a day where multiplying by 86,400,000 at once rounds one millisecond off ExcelJS's instant.
  expect(excelDate(1809079.818631661, false).getTime()).toBe(154095334729775);
  expect(cellValue('<c r="A1" s="1"><v>46037</v></c>')).toEqual(new Date(Date.UTC(2026, 0, 15)));
  expect(cellValue('<c r="A1" s="1"><v>46037</v></c>', true)).toEqual(new Date(Date.UTC(2030, 0, 16)));
  expect(cellValue('<c r="A1" s="0"><v>46037</v></c>')).toBe(46037);
});

test('number formats: dates exactly when ExcelJS says so (after its escape handling)', () => {
  const codes = [
    'General',
    '0',
    '0.00',
    '#,##0',
    'yyyy-mm-dd',
    'dd/mm/yyyy hh:mm',
    '[h]:mm:ss',
    'mm:ss.0',
    '"día" 0',
    '[Red]0.00',
    '[$-409]mmm-yy;@',
    '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy',
    '0\\d',
    '#,##0.00 "MXN"',
    '_(* #,##0_)',
    '@',
    'AM/PM',
    '0.00E+00',
    '# ?/?',
    'B1yyyy',
    '[DBNum1]General',
    '"m"0',
    'hh"h"',
    'YYYY',
    'D',
    's',
  ];
  for (const code of codes)
    expect([code, isDateFormatCode(code)]).toEqual([code, excelUtils.isDateFmt(code.replace(/[\\](.)/g, '$1'))]);
  fc.assert(
    fc.property(fc.stringMatching(/^[0#.,ymdhsMbDYH"[\]\\$ \-;@AP/]{0,12}$/), (code) => {
      expect(isDateFormatCode(code)).toBe(excelUtils.isDateFmt(code.replace(/[\\](.)/g, '$1')));
    }),
    { numRuns: 3000 },
  );
  expect([14, 22, 27, 36, 45, 47, 50, 58].every(isBuiltInDateFormat)).toBe(true);
  expect([0, 1, 13, 23, 26, 37, 44, 48, 49, 59, 164].some(isBuiltInDateFormat)).toBe(false);
});

test('shared formulas: the follower’s formula is ExcelJS’s, character for character', () => {
  const formulas = [
    'B2*2',
    '$B$2*C2',
    'SUM(A1:A10)/COUNT($A$1:A10)',
    'Hoja2!B3+Sheet_1!$C4',
    "'Otra hoja'!B2",
    'LOG10(A1)+ATAN2(B1,C1)',
    'IF(A1>0,"A1",B$1)',
    '$XFD1+XFE1+ABC1',
    'Tabla1[Col]+D4',
    'a1+b2',
  ];
  fc.assert(
    fc.property(
      fc.constantFrom(...formulas),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 40 }),
      (f, rows, columns) => {
        const from = toA1(5, 3);
        const to = toA1(5 + rows, 3 + columns);
        expect(slideFormula(f, rows, columns)).toBe(exceljsSlide(f, from, to));
      },
    ),
    { numRuns: 2000 },
  );
  // Off the sheet's edge Excel shows #REF! (ExcelJS throws, and the whole file fails to load).
  expect(slideFormula('A1-B2', -1, 0)).toBe('#REF!-B1');
});

test('numbers read in place equal Number() on their text, to the last bit, in every form Excel and others write', () => {
  const check = (text: string) => {
    const v = cellValue(`<c r="A1"><v>${text}</v></c>`);
    // Past the largest double Number() gives ±Infinity: the reader keeps the text instead (no Infinity leaves it).
    const expected = Number.isFinite(Number(text)) ? Number(text) : text;
    expect(Object.is(v, expected) ? text : [text, v]).toBe(text);
  };
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 17 }), (d, digits) => {
      check(String(d));
      check(d.toPrecision(digits));
      check(d.toExponential(digits - 1).toUpperCase());
    }),
    { numRuns: 5000 },
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 999999999 }),
      fc.integer({ min: 0, max: 22 }),
      fc.boolean(),
      (m, scale, negative) => {
        const s = String(m).padStart(scale + 1, '0');
        check(
          `${negative ? '-' : ''}${s.slice(0, s.length - scale)}${scale > 0 ? `.${s.slice(s.length - scale)}` : ''}`,
        );
      },
    ),
    { numRuns: 5000 },
  );
  for (const text of [
    '0',
    '-0',
    '007',
    '.5',
    '5.',
    '1E-3',
    '1e+308',
    '4.9E-324',
    '123456789012345678',
    '0.1000000000000000055511151231257827',
  ]) {
    check(text);
  }
  expect(cellValue('<c r="A1"><v>12abc</v></c>')).toBe(12); // ExcelJS's parseFloat reading of junk
});

test('shared strings, booleans, errors and text results by cell type', () => {
  expect(cellValue('<c r="A1" t="s"><v>1</v></c>')).toBe('uno');
  expect(cellValue('<c r="A1" t="s"><v> 1</v></c>')).toBe('uno');
  expect(cellValue('<c r="A1" t="b"><v>1</v></c>')).toBe(true);
  expect(cellValue('<c r="A1" t="b"><v>0</v></c>')).toBe(false);
  expect(cellValue('<c r="A1" t="e"><v>#REF!</v></c>')).toEqual({ error: '#REF!' });
  expect(cellValue('<c r="A1" t="str"><v>0123</v></c>')).toBe('0123');
  expect(cellValue('<c r="A1" t="d"><v>2026-01-15T06:00:00</v></c>')).toEqual(new Date(Date.UTC(2026, 0, 15, 6)));
  expect(cellValue('<c r="A1" t="d"><v>2026-01-15</v></c>')).toEqual(new Date(Date.UTC(2026, 0, 15)));
  expect(cellValue('<c r="A1" s="1"/>')).toBeNull();
  expect(cellValue('<c r="A1" t="n"><v></v></c>')).toBeNull();
  expect(cellValue('<c r="A1" s="1"><f>TODAY()</f><v>46037</v></c>')).toEqual(new Date(Date.UTC(2026, 0, 15)));
  expect(cellValue('<c r="A1"><f t="array" ref="A1:A2">ROW(A1:A2)</f></c>')).toEqual({
    formulaWithoutValue: '=ROW(A1:A2)',
  });
  expect(cellValue('<c r="A1"><f></f><v>5</v></c>')).toBe(5); // an empty <f> is no formula, as ExcelJS
  expect(cellValue('<c r="A1"><f t="shared" si="9"/></c>')).toEqual({ formulaWithoutValue: '' }); // no master seen
});
