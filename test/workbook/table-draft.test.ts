/**
 * A TableDraft keeps its cells in columns (issue 10: a million-row table held as an array per row and a boxed number
 * per cell was most of the 1 M run's collection time and 120 MB of its peak). The plan's table gives the same cells
 * through `rows` (built on first read) and through tableCells (read in place), and once its rows are read they are
 * the table: a change to them is what every reader sees.
 */
import {
  Columns,
  placeTables,
  rowCountOf,
  RowFormula,
  tableCells,
  TableDraft,
} from '../../src/workbook/results/tables';
import type { ResultCell } from '../../src/workbook/port';

const cols = new Columns('en', '"$"#,##0.00');

/** A titled table (title row 1, header row 3, data from row 4) of every kind of cell. */
function draft(): { d: TableDraft; day: Date } {
  const d = new TableDraft(
    'ttm_Test',
    [
      cols.field('level', 'text', 16),
      cols.field('customer_id', 'text', 12),
      cols.named('a', 'A', 'mxn', 12),
      cols.named('b', 'B', 'mxn', 12),
      cols.named('diff', 'A − B', 'mxn', 12),
      cols.named('other', 'Other', 'text', 12),
    ],
    3,
    'Title',
  );
  const diff = d.rowFormula((a) => `${a('a')}-${a('b')}`);
  const ratio = d.rowFormula((a) => `IF(${a('b')}=0,"",${a('a')}/${a('b')})`);
  const day = new Date(Date.UTC(2026, 0, 31));
  // Row 4: numbers, a row formula with a number, a date.
  d.add({ level: 'SKU', customer_id: 'WMX', a: 10, b: 4, diff: diff.cell(d.nextRow, 6), other: day });
  // Row 5: a formula whose result is '' (undefined ratio), -0, a boolean; customer_id left blank.
  d.add({ level: 'SKU', a: -0, b: 0, diff: ratio.cell(d.nextRow, ''), other: true });
  // Row 6: a formula with no cached result, a formula made for another row (kept as it is), a plain formula.
  d.add({ level: 'SKU', a: 1.5, diff: diff.cell(d.nextRow, null), other: diff.cell(99, 7), b: undefined });
  // Row 7: a total with a plain (non-template) formula.
  d.add({ level: 'Total', a: { formula: 'SUM(C4:C6)', result: 11.5 } }, true);
  return { d, day };
}

describe('a TableDraft keeps its cells in columns', () => {
  test('tableCells reads each cell as rows hold it: numbers, text, dates, booleans, formulas, blanks', () => {
    const { d, day } = draft();
    const t = d.toTable();
    const cells = tableCells(t);
    expect(cells.rowCount).toBe(4);
    // 6 + 5 (customer_id blank) + 4 (customer_id and b blank) + 2
    expect(cells.filledCount).toBe(17);
    expect(cells.cell(0, 0)).toBe('SKU');
    expect(cells.cell(0, 2)).toBe(10);
    expect(cells.cell(0, 5)).toBe(day);
    expect(cells.cell(1, 1)).toBeNull();
    expect(Object.is(cells.cell(1, 2), -0)).toBe(true);
    expect(cells.cell(1, 5)).toBe(true);
    const f = cells.cell(0, 4) as RowFormula;
    expect(f).toBeInstanceOf(RowFormula);
    expect([f.formula, f.result, f.row]).toEqual(['C4-D4', 6, 4]);
    const blank = cells.cell(1, 4) as RowFormula;
    expect([blank.formula, blank.result]).toEqual(['IF(D5=0,"",C5/D5)', '']);
    expect((cells.cell(2, 4) as RowFormula).result).toBeNull();
    // A row formula made for another row stays that very cell (the writer writes it alone, not shared).
    const moved = cells.cell(2, 5) as RowFormula;
    expect([moved.formula, moved.row, moved.result]).toEqual(['C99-D99', 99, 7]);
    expect(cells.cell(3, 2)).toEqual({ formula: 'SUM(C4:C6)', result: 11.5 });
    // Outside the table: blank.
    expect(cells.cell(4, 0)).toBeNull();
    expect(cells.cell(0, 6)).toBeNull();
    expect(t.totalRows).toEqual([3]);
  });

  test('rows hold the same cells, built when first read', () => {
    const { d, day } = draft();
    const t = d.toTable();
    const plain = (c: ResultCell) => (c instanceof RowFormula ? { formula: c.formula, result: c.result } : c);
    expect(t.rows.map((r) => r.map(plain))).toEqual([
      ['SKU', 'WMX', 10, 4, { formula: 'C4-D4', result: 6 }, day],
      ['SKU', null, -0, 0, { formula: 'IF(D5=0,"",C5/D5)', result: '' }, true],
      ['SKU', null, 1.5, null, { formula: 'C6-D6', result: null }, { formula: 'C99-D99', result: 7 }],
      ['Total', null, { formula: 'SUM(C4:C6)', result: 11.5 }, null, null, null],
    ]);
  });

  test('placing tables counts their rows without building them', () => {
    const { d } = draft();
    const t = d.toTable();
    expect(placeTables([t])).toEqual([{ titleRow: 1, headerRow: 3, firstDataRow: 4, lastRow: 7 }]);
    expect(rowCountOf(t)).toBe(4);
    // Still an accessor: nothing read the rows.
    expect(typeof Object.getOwnPropertyDescriptor(t, 'rows')?.get).toBe('function');
    expect(tableCells(t)).toBe(d);
  });

  test('once read, the rows are the table: a change to them is what tableCells and placeTables see', () => {
    const { d } = draft();
    const t = d.toTable();
    t.rows[0][2] = 12;
    t.rows.push(['Extra', null, null, null, null, null]);
    const cells = tableCells(t);
    expect(cells).not.toBe(d);
    expect(cells.cell(0, 2)).toBe(12);
    expect(cells.rowCount).toBe(5);
    expect(cells.filledCount).toBe(18);
    expect(placeTables([t])[0].lastRow).toBe(8);
    // Rows set whole replace the columns the same way.
    const u = draft().d.toTable();
    u.rows = [['Only', null, null, null, null, null]];
    expect(rowCountOf(u)).toBe(1);
    expect(tableCells(u).cell(0, 0)).toBe('Only');
  });

  test('a copy of the table (spread, JSON) carries its rows', () => {
    const { d } = draft();
    const copy = { ...d.toTable() };
    expect(copy.rows).toHaveLength(4);
    expect(rowCountOf(copy)).toBe(4);
    const json = JSON.parse(JSON.stringify(d.toTable())) as { rows: unknown[][] };
    expect(json.rows[0].slice(0, 4)).toEqual(['SKU', 'WMX', 10, 4]);
  });

  test('a table of many rows grows its columns and keeps every value', () => {
    const d = new TableDraft('ttm_Big', [cols.named('n', 'N', 'mxn', 12), cols.named('s', 'S', 'text', 12)], 1);
    const f = d.rowFormula((a) => `${a('n')}*2`);
    for (let i = 0; i < 5000; i++) {
      // Text only from row 3,000: the column's references start far from its first row.
      d.add(i < 3000 ? { n: i / 8 } : { n: f.cell(d.nextRow, i / 4), s: `r${i}` });
    }
    const cells = tableCells(d.toTable());
    expect(cells.rowCount).toBe(5000);
    expect(cells.filledCount).toBe(3000 + 2 * 2000);
    expect(cells.cell(2999, 0)).toBe(374.875);
    expect(cells.cell(2999, 1)).toBeNull();
    const last = cells.cell(4999, 0) as RowFormula;
    expect([last.formula, last.result]).toEqual(['A5001*2', 1249.75]);
    expect(cells.cell(4999, 1)).toBe('r4999');
  });

  test('room reserved for the rows coming keeps the rows already there, and more rows than reserved still fit', () => {
    const d = new TableDraft('ttm_Reserved', [cols.named('n', 'N', 'mxn', 12), cols.named('s', 'S', 'text', 12)], 1);
    for (let i = 0; i < 20; i++) d.add({ n: i, s: `a${i}` });
    d.reserve(100);
    d.reserve(50); // less than reserved: nothing changes
    for (let i = 20; i < 150; i++) d.add({ n: i, s: `a${i}` });
    const cells = tableCells(d.toTable());
    expect(cells.rowCount).toBe(150);
    expect([cells.cell(19, 0), cells.cell(19, 1), cells.cell(99, 1), cells.cell(149, 0)]).toEqual([
      19,
      'a19',
      'a99',
      149,
    ]);
  });
});
