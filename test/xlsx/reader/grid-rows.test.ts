/**
 * The rows the table collector makes (TablesSink): every data row as wide as the table, blank cells null, whatever
 * the width (rows up to 12 wide come from array literals, wider ones from a filled array: grid.ts blankRow), a row
 * with no cell at all inside the table kept blank, trailing blank rows dropped.
 */
import { TablesSink } from '../../../src/hosts/xlsx/reader/grid';
import type { TableDef } from '../../../src/hosts/xlsx/reader/workbook';

function tableOf(width: number, rows: number): TableDef {
  const range = { top: 2, left: 3, bottom: 2 + rows, right: 2 + width };
  return {
    name: `T${width}`,
    displayName: `T${width}`,
    sheet: 'Hoja1',
    part: 'xl/worksheets/sheet1.xml',
    ref: '',
    range,
    headerRowCount: 1,
    totalsRowCount: 0,
    totalsRowShown: false,
    columns: Array.from({ length: width }, (_, j) => `C${j + 1}`),
    autoFilter: false,
    filtered: false,
  };
}

test.each(Array.from({ length: 14 }, (_, k) => k + 1))('a table %i columns wide', (width) => {
  const def = tableOf(width, 4);
  const sink = new TablesSink([def], [def.range]);
  const { top, left } = def.range;
  sink.beginRow(top, false);
  for (let j = 0; j < width; j++) sink.cell(top, left + j, `C${j + 1}`);
  // Row 1: only its last cell; row 2: nothing at all; row 3: only its first cell; row 4: blank text only (dropped).
  sink.beginRow(top + 1, false);
  sink.cell(top + 1, left + width - 1, 7.5);
  sink.beginRow(top + 3, false);
  sink.cell(top + 3, left, 'x');
  sink.beginRow(top + 4, false);
  sink.cell(top + 4, left, '');
  const [grid] = sink.grids('Hoja1');
  const blank = () => Array.from({ length: width }, () => null);
  const last = blank() as (number | null)[];
  last[width - 1] = 7.5;
  const first = blank() as (string | null)[];
  first[0] = 'x';
  expect(grid.headers).toEqual(def.columns);
  expect(grid.rows).toEqual([last, blank(), first]);
  // Each row its own array: filling one leaves the others blank.
  grid.rows[1][0] = 1;
  expect(grid.rows.map((r) => r[0])).toEqual(width === 1 ? [7.5, 1, 'x'] : [null, 1, 'x']);
});
