/** Pure parts of the office host: payload packing, cell conversion, A1, SHA-256, waterfall levels. */
import { createHash, randomBytes } from 'node:crypto';
import {
  ACTION_OVERHEAD,
  packRows,
  packWrites,
  rowBytes,
  splitBatch,
  splitWriteBatch,
  utf8Length,
  type WriteStep,
} from '../../src/hosts/office/payload';
import { fromOfficeValue, textForExcel, toOfficeInput, excelSerial } from '../../src/hosts/office/cells';
import { areaAddress, parseA1 as topLeft } from '../../src/workbook/a1';
import { sha256Hex } from '../../src/workbook/fingerprint';
import { levelRows } from '../../src/hosts/office/waterfall-chart';

describe('packRows', () => {
  test('fills batches up to the budget, splitting a table where a batch is full', () => {
    // Budget 100: table 0 has 5 rows of 10 (50), table 1 has 12 rows of 10 (120) → [5 + 5], [7].
    expect(
      packRows(
        [
          { rows: 5, bytesPerRow: 10 },
          { rows: 12, bytesPerRow: 10 },
        ],
        100,
      ),
    ).toEqual([
      [
        { table: 0, start: 0, count: 5 },
        { table: 1, start: 0, count: 5 },
      ],
      [{ table: 1, start: 5, count: 7 }],
    ]);
  });
  test('a row bigger than the budget still travels, alone', () => {
    expect(packRows([{ rows: 2, bytesPerRow: 500 }], 100)).toEqual([
      [{ table: 0, start: 0, count: 1 }],
      [{ table: 0, start: 1, count: 1 }],
    ]);
  });
  test('splitBatch halves segments, then rows; a single row cannot be split', () => {
    expect(splitBatch([{ table: 0, start: 0, count: 9 }])).toEqual([
      [{ table: 0, start: 0, count: 5 }],
      [{ table: 0, start: 5, count: 4 }],
    ]);
    expect(splitBatch([{ table: 0, start: 0, count: 1 }])).toBeNull();
    expect(
      splitBatch([
        { table: 0, start: 0, count: 1 },
        { table: 1, start: 0, count: 1 },
      ]),
    ).toHaveLength(2);
  });
});

describe('packWrites', () => {
  test('splits row steps at row boundaries and keeps order', () => {
    const log: string[] = [];
    const steps: WriteStep<null>[] = [
      { kind: 'fixed', bytes: 50, apply: () => log.push('add') },
      // 10 rows of 100 bytes, budget 500: 50 + (200 overhead + 2 rows) = 450; then 200 + 3 rows = 500 twice;
      // then 200 + 2 rows = 400, and the table step (10) fits in that last batch → 410.
      { kind: 'rows', rowBytes: Array(10).fill(100), apply: (_c, a, b) => log.push(`rows ${a}-${b}`) },
      { kind: 'fixed', bytes: 10, apply: () => log.push('table') },
    ];
    expect(ACTION_OVERHEAD).toBe(200);
    const { batches, bytes } = packWrites(steps, 500);
    for (const b of batches) for (const item of b) item.apply(null);
    expect(log).toEqual(['add', 'rows 0-2', 'rows 2-5', 'rows 5-8', 'rows 8-10', 'table']);
    expect(bytes).toEqual([450, 500, 500, 410]);
  });
  test('rowBytes is the JSON length plus its separating comma', () => {
    expect(rowBytes([1, 'ab', true])).toBe('[1,"ab",true]'.length + 1);
  });
  test('sizes are UTF-8 bytes, not characters: accents count 2, a dash 3, an emoji 4', () => {
    expect(utf8Length('México')).toBe(7);
    expect(utf8Length('—')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(rowBytes(['Cascada — Walmart de México'])).toBe(
      new TextEncoder().encode('["Cascada — Walmart de México"]').length + 1,
    );
    for (const s of ['', 'abc', 'ñandú', '€ 1 000', '𝄞 clef', 'a\u0000b']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
  test('a batch Excel finds too large splits into halves: items apart, then one row step at its middle row', () => {
    const log: string[] = [];
    const steps: WriteStep<null>[] = [
      {
        kind: 'rows',
        rowBytes: Array(8).fill(10),
        cellsPerRow: 3,
        sheet: 'S',
        apply: (_c, a, b) => log.push(`${a}-${b}`),
      },
    ];
    const { batches } = packWrites(steps, 10_000);
    expect(batches).toHaveLength(1);
    const halves = splitWriteBatch(batches[0]);
    expect(halves).not.toBeNull();
    const [first, second] = halves!;
    for (const item of [...first, ...second]) item.apply(null);
    expect(log).toEqual(['0-4', '4-8']);
    expect(first[0]).toMatchObject({ cells: 12, sheet: 'S', bytes: ACTION_OVERHEAD + 40 });
    // Down to a single row, which cannot be split.
    let one = first;
    while (one[0].cells > 3) one = splitWriteBatch(one)![0];
    expect(splitWriteBatch(one)).toBeNull();
    const two: WriteStep<null>[] = [
      { kind: 'fixed', bytes: 5, apply: () => log.push('a') },
      { kind: 'fixed', bytes: 5, apply: () => log.push('b') },
    ];
    const [x, y] = splitWriteBatch(packWrites(two, 100).batches[0])!;
    expect([x.length, y.length]).toEqual([1, 1]);
  });
});

describe('cells', () => {
  test('Office values to port values', () => {
    expect(fromOfficeValue('')).toBeNull();
    expect(fromOfficeValue('#DIV/0!')).toEqual({ error: '#DIV/0!' });
    expect(fromOfficeValue('#N/D')).toBe('#N/D'); // not an Excel error code: text
    expect(fromOfficeValue(0)).toBe(0);
    expect(fromOfficeValue(false)).toBe(false);
  });
  test('text Excel would convert gets the apostrophe prefix', () => {
    expect(['2026-01', '7501055300075', '=x', '-5 %', 'TRUE', 'Jan-26', "'quoted", ' 12'].map(textForExcel)).toEqual([
      "'2026-01",
      "'7501055300075",
      "'=x",
      "'-5 %",
      "'TRUE",
      "'Jan-26",
      "''quoted",
      "' 12",
    ]);
    expect(['Walmart de México', 'OXXO', 'Total'].map(textForExcel)).toEqual(['Walmart de México', 'OXXO', 'Total']);
  });
  test('result cells to Office input', () => {
    expect(toOfficeInput({ formula: 'SUM(A1:A2)', result: 3 })).toBe('=SUM(A1:A2)');
    expect(toOfficeInput(null)).toBe('');
    expect(toOfficeInput(NaN)).toBe('');
    expect(toOfficeInput({ error: '#N/A' })).toBe('=NA()');
    expect(toOfficeInput(new Date(Date.UTC(2026, 0, 31)))).toBe(46053); // 2026-01-31 = 46023 + 30
    expect(excelSerial(new Date(Date.UTC(1900, 0, 1)))).toBe(2);
  });
});

describe('A1', () => {
  test('addresses', () => {
    expect(areaAddress(3, 1, 8, 2)).toBe('A3:B10');
    expect(areaAddress(7, 28, 1, 1)).toBe('AB7');
    expect(topLeft("'TT P&L'!$AB$12:AC40")).toEqual({ row: 12, column: 28 });
  });
});

describe('sha256Hex', () => {
  test('FIPS 180-4 vectors and agreement with Node on random data', () => {
    const enc = new TextEncoder();
    expect(sha256Hex(enc.encode(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(enc.encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(enc.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    for (const n of [55, 56, 64, 1000, 100_003]) {
      const data = randomBytes(n);
      expect(sha256Hex(new Uint8Array(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('levelRows', () => {
  test('levels from totalRows when given (the first row always a level)', () => {
    expect(levelRows([100, -10, 90, -15, 75], [2, 4])).toEqual([true, false, true, false, true]);
  });
  test('otherwise a row equal to the running level (within half a centavo) is a level', () => {
    // 100 → −10 → 90 (= level) → −15 → 75.004 (= 75 within 0.005) → −40
    expect(levelRows([100, -10, 90, -15, 75.004, -40])).toEqual([true, false, true, false, true, false]);
  });
});
