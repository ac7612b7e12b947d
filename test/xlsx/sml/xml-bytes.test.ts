/**
 * Worksheet rows written as UTF-8 bytes (xml-bytes.ts) are cellXml's text, byte for byte: every kind of cell (the
 * fast ones and those it leaves to cellXml), with and without a style, shared and inline strings, shared formulas'
 * masters and followers; a whole worksheet equals the one made cell by cell with cellXml; chunks are handed over
 * whole and never changed afterwards.
 */
import { cellXml, renderWorksheet, SharedStrings, WorkbookPackage, type CellInput } from '../../../src/hosts/xlsx/sml';
import type { SharedFormulaRole } from '../../../src/hosts/xlsx/sml/cells';
import { cellBytes, XmlBytes } from '../../../src/hosts/xlsx/sml/xml-bytes';

const utf8 = new TextDecoder();

// mulberry32: the same cells on every run.
let seed = 20261202;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

const TEXTS = ['SKU-001', 'Bonificación «ñ»', 'P&L <neto>', ' leading blank', '😀 emoji', 'lone \ud800', '_x0041_', ''];
const NUMBERS = [0, -0, 1, 7, 10, 123456789, -42, 0.1, 1 / 3, -2.5e-7, 1e21, 2 ** 53 + 2, NaN, Infinity, -Infinity];

function randomCell(): { value: CellInput; shared?: SharedFormulaRole } {
  switch (Math.floor(random() * 10)) {
    case 0:
    case 1:
    case 2:
      return { value: random() < 0.5 ? pick(NUMBERS) : Math.round(random() * 1e8) / 100 };
    case 3:
    case 4:
      return { value: pick(TEXTS) };
    case 5:
      return { value: pick([null, undefined, true, false]) };
    case 6:
      return { value: pick([new Date(Date.UTC(2026, 0, 31)), { error: '#N/A' }, new Date(Number.NaN)]) };
    case 7: {
      const result = pick([null, undefined, 12.5, -0, NaN, 'texto', true, { error: '#DIV/0!' }]);
      return { value: { formula: pick(['=A1*2', 'SUM(B2:B9)', '=\'Hoja «ñ»\'!C3&"<x>"']), result } };
    }
    default: {
      // A shared formula's master or follower; sometimes a role on a cell that is not a formula.
      const si = Math.floor(random() * 12);
      const shared: SharedFormulaRole = random() < 0.3 ? { si, ref: `C5:C${6 + si}` } : { si };
      const value =
        random() < 0.85 ? { formula: '=C4+1', result: pick([3, 0.25, -0, NaN, null, 'x', false]) } : pick(NUMBERS);
      return { value, shared };
    }
  }
}

test('each cell, written as bytes, is cellXml’s text in UTF-8 (4,000 random cells, shared and inline strings)', () => {
  for (const inline of [false, true]) {
    const a = new SharedStrings();
    const b = new SharedStrings();
    const out = new XmlBytes(1 << 20);
    let expected = '';
    for (let k = 0; k < 2000; k++) {
      const col = 1 + Math.floor(random() * 800);
      const row = String(1 + Math.floor(random() * 1_048_576));
      const s = pick([undefined, 0, 1, 9, 10, 123]);
      const { value, shared } = randomCell();
      expected += cellXml(`${colLetters(col)}${row}`, value, s, inline ? 'inline' : a, shared);
      cellBytes(out, col, row, value, s, inline ? 'inline' : b, shared);
    }
    expect(utf8.decode(out.take())).toBe(expected);
    // The same strings, in the same order: the shared-string table is the same.
    if (!inline) expect([...b.toXml()].join('')).toBe([...a.toXml()].join(''));
  }
});

test('text goes as UTF-8 whatever it holds; digits; chunks are handed over whole and left unchanged', () => {
  const out = new XmlBytes(16);
  out.text('año ');
  out.text('😀 «ñ» €');
  out.uint(7);
  out.uint(1234567);
  const chunk = out.full()!;
  expect(chunk).toBeDefined();
  const copy = Uint8Array.from(chunk);
  expect(Buffer.from(chunk).equals(Buffer.from(new TextEncoder().encode('año 😀 «ñ» €71234567')))).toBe(true);
  expect(out.full()).toBeUndefined(); // a new chunk has begun, empty
  out.ascii('x'.repeat(100)); // grows past its room
  expect(out.take()).toHaveLength(100);
  expect(chunk).toEqual(copy);
});

function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

test('a worksheet’s rows as bytes equal the same rows made cell by cell with cellXml', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => ({
    row: 2 + i * 2,
    height: i % 7 === 0 ? 30.75 : undefined,
    cells: Array.from({ length: 1 + (i % 9) }, (_, j) => ({
      col: 1 + j * 3,
      style: j % 2 ? 3 : undefined,
      ...randomCell(),
    })),
  }));
  const pkg = new WorkbookPackage(() => undefined);
  const rendered = renderWorksheet(
    {
      name: 'Hoja',
      rows: rows.map((r) => ({
        ...r,
        cells: r.cells.map((c) => ({ col: c.col, value: c.value, style: c.style, shared: c.shared })),
      })),
    },
    pkg.context,
  );
  const pieces = [...(rendered.parts[0].data as Iterable<string | Uint8Array>)];
  expect(pieces.filter((p) => typeof p !== 'string').length).toBeGreaterThan(1); // several chunks
  const written = pieces.map((p) => (typeof p === 'string' ? p : utf8.decode(p))).join('');
  const strings = new SharedStrings();
  let expected = '<sheetData>';
  for (const r of rows) {
    expected += r.height !== undefined ? `<row r="${r.row}" ht="${r.height}" customHeight="1">` : `<row r="${r.row}">`;
    for (const c of r.cells) expected += cellXml(`${colLetters(c.col)}${r.row}`, c.value, c.style, strings, c.shared);
    expected += '</row>';
  }
  expected += '</sheetData>';
  const start = written.indexOf('<sheetData>');
  const end = written.indexOf('</sheetData>') + '</sheetData>'.length;
  expect(written.slice(start, end)).toBe(expected);
  expect(written.endsWith('</worksheet>')).toBe(true);
});

test('a worksheet without rows has an empty sheetData', () => {
  const pkg = new WorkbookPackage(() => undefined);
  const rendered = renderWorksheet({ name: 'Vacía', rows: [] }, pkg.context);
  const pieces = [...(rendered.parts[0].data as Iterable<string | Uint8Array>)];
  expect(pieces.every((p) => typeof p === 'string')).toBe(true);
  expect(pieces.join('')).toContain('<sheetData/>');
});
