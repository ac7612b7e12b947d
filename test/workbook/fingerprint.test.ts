// The input-tables fingerprint is stored in run info and compared across takes: its bytes are a format to keep.
import { createHash } from 'node:crypto';
import { tablesBytes, tablesFingerprint } from '../../src/workbook/fingerprint';
import type { CellValue, TableGrid } from '../../src/workbook/port';

const grid = (name: string, rows: CellValue[][], headers = ['A', 'B', 'C']): TableGrid => ({
  name,
  sheet: `Hoja ${name}`,
  headerRow: 3,
  firstColumn: 2,
  headers,
  rows,
});

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('tablesBytes', () => {
  test('the JSON of [name, sheet, headerRow, firstColumn, headers, rows] per table, sorted by name', () => {
    const tables = [
      grid('zeta', [[1, 'x', true]]),
      grid('Alfa', [
        [new Date(Date.UTC(2026, 0, 31)), { error: '#N/A' }, null],
        [0.1, 'año «ñ»', false],
      ]),
    ];
    expect(text(tablesBytes(tables))).toBe(
      '[["Alfa","Hoja Alfa",3,2,["A","B","C"],[[{"date":"2026-01-31T00:00:00.000Z"},{"error":"#N/A"},null],' +
        '[0.1,"año «ñ»",false]]],["zeta","Hoja zeta",3,2,["A","B","C"],[[1,"x",true]]]]',
    );
  });

  test('tablesFingerprint is the SHA-256 of those bytes', async () => {
    const tables = [grid('T', [[1, 'a', null]])];
    const expected = createHash('sha256').update('[["T","Hoja T",3,2,["A","B","C"],[[1,"a",null]]]]').digest('hex');
    expect(await tablesFingerprint(tables)).toBe(expected);
  });
});
