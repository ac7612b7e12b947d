/**
 * Ranges that are not Excel tables as a mapping's source (src/workbook/range-source.ts): the references a KAM types,
 * what a range reads as, and the in-memory workbook reading them from its cells (the fingerprint seeing an edit).
 */
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { readModel } from '../../src/workbook/contract';
import { parseRangeRef, rangeGrid } from '../../src/workbook/range-source';
import type { TableGrid } from '../../src/workbook/port';
import { Kit } from '../fixtures/broken-workbooks';
import { mappingTable, mappingRows } from '../fixtures/mapped-workbooks';

test('range references: quoted sheet names, absolute marks, open ranges; anything else is a table name', () => {
  expect(parseRangeRef("'PL WMX'!A5:P")).toEqual({
    ref: "'PL WMX'!A5:P",
    sheet: 'PL WMX',
    top: 5,
    left: 1,
    right: 16,
    bottom: null,
  });
  expect(parseRangeRef(' Ventas!$B$3:$H$200 ')).toEqual({
    ref: 'Ventas!$B$3:$H$200',
    sheet: 'Ventas',
    top: 3,
    left: 2,
    right: 8,
    bottom: 200,
  });
  // An apostrophe doubled inside a quoted name; columns written right to left are put in order.
  expect(parseRangeRef("'Plan d''OXXO'!H1:A9")).toMatchObject({ sheet: "Plan d'OXXO", left: 1, right: 8 });
  expect(parseRangeRef('AA1:AB3')).toBeUndefined(); // no sheet
  expect(parseRangeRef('VentasERP')).toBeUndefined(); // a table name
  expect(parseRangeRef('Ventas!A10:C2')).toBeUndefined(); // ends above its start
  expect(parseRangeRef('Ventas!A0:C2')).toBeUndefined();
  expect(parseRangeRef('Ventas!XFE1:XFE2')).toBeUndefined(); // past the last column
});

test('what a range reads as: the first row as headers, blank rows at the end dropped, as wide as the range', () => {
  const r = parseRangeRef('Ventas!B3:D')!;
  const grid = rangeGrid(r, 'Ventas', [
    ['Cliente', 'Material', { error: '#N/A' }],
    ['WMX', 'BOT-001'],
    [null, null, null],
    ['SOR', 'BOT-002', 12],
    ['', null, null],
  ]);
  expect(grid).toEqual({
    name: 'Ventas!B3:D',
    sheet: 'Ventas',
    headerRow: 3,
    firstColumn: 2,
    headers: ['Cliente', 'Material', '#N/A'],
    rows: [
      ['WMX', 'BOT-001', null],
      [null, null, null], // a blank row between data is kept (the contract says so)
      ['SOR', 'BOT-002', 12],
    ],
  });
});

test('the in-memory workbook reads a range from its cells; an edit in it changes the inputs’ fingerprint', async () => {
  const k = await Kit.sample();
  const customers = k.table('Clientes');
  k.drop('Clientes');
  const ref = "'Mis clientes'!B2:G";
  const source: TableGrid = { ...customers, name: ref };
  const host = MemoryWorkbook.fromTables('rango.xlsx', [...k.tables, mappingTable(mappingRows('Customers', source))]);
  host.addSheet('Mis clientes');
  const sheet = host.getSheet('Mis clientes')!;
  sheet.setCell(1, 2, { value: 'Catálogo de cadenas' }); // a title above the range
  [customers.headers, ...customers.rows].forEach((row, i) =>
    row.forEach((v, j) => {
      if (v !== null) sheet.setCell(2 + i, 2 + j, { value: v });
    }),
  );
  const read = await host.readRanges([parseRangeRef(ref)!]);
  expect(read.get(ref)!.headers).toEqual(customers.headers);
  expect(read.get(ref)!.rows).toEqual(customers.rows);
  const parsed = await readModel(host);
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.model.customers.map((c) => c.id)).toEqual(customers.rows.map((r) => r[0]));
  // The first customer comes from the user's own sheet, row 3 (the headers are in row 2).
  expect(parsed.model.customers[0].source).toEqual({ sheet: 'Mis clientes', table: ref, row: 3 });

  const before = await host.inputFingerprint();
  sheet.setCell(3, 4, { value: 'autoservicio' });
  expect(await host.inputFingerprint()).not.toBe(before);
});
