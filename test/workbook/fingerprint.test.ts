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

describe('tablesBytes in pieces is the JSON of the whole, byte for byte', () => {
  // The format as first written: one JSON text of every table, encoded at once.
  const reference = (tables: TableGrid[]): Uint8Array => {
    const cellJson = (v: CellValue): unknown =>
      v instanceof Date
        ? { date: v.toISOString() }
        : typeof v === 'object' && v !== null && 'error' in v
          ? { error: v.error }
          : v;
    const sorted = [...tables].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
    return new TextEncoder().encode(
      JSON.stringify(
        sorted.map((t) => [t.name, t.sheet, t.headerRow, t.firstColumn, t.headers, t.rows.map((r) => r.map(cellJson))]),
      ),
    );
  };

  // mulberry32: the same tables on every run.
  let seed = 20261202;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const texts = [
    'SKU-001',
    'año «ñ»',
    'Soriana',
    'quote " and \\ back',
    'tab\tline\n',
    '\ud83d\ude00 emoji',
    'lone \ud800',
    '',
    ' x ',
  ];
  const cell = (): CellValue => {
    const k = Math.floor(random() * 12);
    if (k <= 3) return Math.round(random() * 1e6) / 100;
    if (k <= 6) return texts[Math.floor(random() * texts.length)];
    if (k === 7) return null;
    if (k === 8) return random() < 0.5;
    if (k === 9) return random() < 0.02 ? new Date(Date.UTC(2026, Math.floor(random() * 12), 1)) : -0;
    if (k === 10) return random() < 0.02 ? { error: '#DIV/0!' } : random() < 0.5 ? NaN : 1e21;
    return random() < 0.05 ? { formulaWithoutValue: '=A1*2' } : Infinity;
  };
  const table = (name: string, rows: number, width: number): TableGrid =>
    grid(
      name,
      Array.from({ length: rows }, () => Array.from({ length: width }, cell)),
      Array.from({ length: width }, (_, j) => `Col ${j} ñ`),
    );

  test.each([0, 1, 4095, 4096, 4097, 8192, 10_001])('%d rows', (rows) => {
    const tables = [table('Ventas', rows, 5), table('clientes', 3, 2), table('Árbol', 0, 1)];
    expect(Buffer.from(tablesBytes(tables)).equals(Buffer.from(reference(tables)))).toBe(true);
  });

  test('a table of only plain rows, and one whose every row has a date, past several pieces', () => {
    const plain = grid(
      'P',
      Array.from({ length: 9000 }, (_, i) => [i, `SKU-${i}`, i % 7 === 0 ? null : i / 3]),
    );
    const dated = grid(
      'D',
      Array.from({ length: 9000 }, (_, i) => [new Date(Date.UTC(2026, 0, 1 + (i % 365))), 'x', i]),
    );
    expect(Buffer.from(tablesBytes([plain, dated])).equals(Buffer.from(reference([plain, dated])))).toBe(true);
  });
});
