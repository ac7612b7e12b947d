/** saveRows in the memory host: the same semantics as in Excel, on the in-memory workbook. */
import { HostError, MemoryWorkbook } from '../../src/hosts/memory';
import type { SaveRowsRequest, TableGrid } from '../../src/workbook/port';

const CHANGE_HEADERS = ['ID escenario', 'Objeto', 'ID objetivo', 'Valor nuevo'];
const scenarios: TableGrid = {
  name: 'Escenarios',
  sheet: 'Escenarios',
  headerRow: 1,
  firstColumn: 1,
  headers: ['ID escenario', 'ID cliente', 'Nombre'],
  rows: [
    ['WMX-P1', 'WMX', 'Propuesta'],
    ['OXXO-P1', 'OXXO', 'Tercer trimestre'],
  ],
};
/** Changes at B3 (rows 4–8), a table below them in the same columns (B11) and one beside them (H3). */
const changes = (): TableGrid[] => [
  {
    name: 'CambiosEscenario',
    sheet: 'Cambios de escenario',
    headerRow: 3,
    firstColumn: 2,
    headers: CHANGE_HEADERS,
    rows: [
      ['WMX-P1', 'condición', 'WMX-01', 0.035],
      ['OXXO-P1', 'volumen', null, -0.05],
      [' wmx-p1 ', 'costo de servir', 'flete', 0.02],
      ['WMX-C1', 'condición', 'WMX-03', 0.1],
      ['WMX-P1X', 'condición', 'WMX-01', 0.04],
    ],
  },
  {
    name: 'Abajo',
    sheet: 'Cambios de escenario',
    headerRow: 11,
    firstColumn: 2,
    headers: ['Nota'],
    rows: [['debajo']],
  },
  {
    name: 'Notas',
    sheet: 'Cambios de escenario',
    headerRow: 3,
    firstColumn: 8,
    headers: ['Nota'],
    rows: [['Revisar con finanzas']],
  },
];

const book = () => MemoryWorkbook.fromTables('libro.xlsx', [scenarios, ...changes()]);
const replaceWmx = (): SaveRowsRequest => ({
  table: 'CambiosEscenario',
  keyColumn: 0,
  key: 'WMX-P1',
  rows: [
    ['WMX-P1', 'escalón', 'WMX-02', 1800],
    ['WMX-P1', 'volumen', null, 0.1],
    ['WMX-P1', 'promoción', '2026-01', null],
  ],
});

async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

test('the rows of one key are replaced (case and spaces folded); the rest of the workbook is untouched', async () => {
  const wb = book();
  const report = await wb.saveRows(replaceWmx());
  expect(report).toEqual({ table: 'CambiosEscenario', sheet: 'Cambios de escenario', rowsRemoved: 2, rowsAdded: 3 });
  expect(wb.table('CambiosEscenario')!.rows).toEqual([
    ['OXXO-P1', 'volumen', null, -0.05],
    ['WMX-C1', 'condición', 'WMX-03', 0.1],
    ['WMX-P1X', 'condición', 'WMX-01', 0.04],
    ['WMX-P1', 'escalón', 'WMX-02', 1800],
    ['WMX-P1', 'volumen', null, 0.1],
    ['WMX-P1', 'promoción', '2026-01', null],
  ]);
  expect(wb.table('Escenarios')).toEqual(scenarios);
  expect(wb.table('Notas')).toEqual(changes()[2]);
  // The table grew by one row: the table below it in its columns moved down with it, as in Excel.
  expect(wb.table('Abajo')).toMatchObject({ headerRow: 12, rows: [['debajo']] });
  expect(wb.getSheet('Cambios de escenario')!.cell('B11')).toBeUndefined();
});

test('saving again replaces rather than duplicates; an empty save removes the key; the table shrinks back', async () => {
  const wb = book();
  await wb.saveRows(replaceWmx());
  await wb.saveRows(replaceWmx());
  expect(wb.table('CambiosEscenario')!.rows).toHaveLength(6);
  expect(await wb.saveRows({ ...replaceWmx(), rows: [] })).toMatchObject({ rowsRemoved: 3, rowsAdded: 0 });
  expect(wb.table('CambiosEscenario')!.rows.map((r) => r[0])).toEqual(['OXXO-P1', 'WMX-C1', 'WMX-P1X']);
  expect(wb.table('Abajo')).toMatchObject({ headerRow: 9, rows: [['debajo']] });
  expect(await wb.readTables(['CambiosEscenario'])).toHaveProperty('size', 1);
});

test('a table that does not exist yet is created on its sheet, and read back like any input table', async () => {
  const wb = MemoryWorkbook.fromTables('libro.xlsx', [scenarios]);
  const report = await wb.saveRows({
    table: null,
    create: { name: 'CambiosEscenario', sheet: 'Cambios de escenario', headers: CHANGE_HEADERS },
    keyColumn: 0,
    key: 'WMX-P1',
    rows: replaceWmx().rows,
  });
  expect(report).toEqual({ table: 'CambiosEscenario', sheet: 'Cambios de escenario', rowsRemoved: 0, rowsAdded: 3 });
  const grids = await wb.readTables(['ScenarioChanges', 'CambiosEscenario']);
  expect(grids.get('CambiosEscenario')).toEqual({
    name: 'CambiosEscenario',
    sheet: 'Cambios de escenario',
    headerRow: 1,
    firstColumn: 1,
    headers: CHANGE_HEADERS,
    rows: replaceWmx().rows,
  });
  expect(wb.sheetNames()).toEqual(['Escenarios', 'Cambios de escenario']);
});

test('refused, and nothing changes: a protected sheet, a table gone, a sheet with content, a name taken', async () => {
  const wb = book();
  wb.protectSheet('Cambios de escenario');
  const protectedSheet = await rejection(wb.saveRows(replaceWmx()));
  expect(protectedSheet.code).toBe('sheet_protected');
  expect(protectedSheet.es).toBe(
    'La hoja «Cambios de escenario» está protegida, así que no se escribió nada. Quite la protección en Revisar > Desproteger hoja y vuelva a escribir.',
  );
  expect(wb.table('CambiosEscenario')).toEqual(changes()[0]);
  wb.protectSheet('Cambios de escenario', false);
  expect((await rejection(wb.saveRows({ ...replaceWmx(), table: 'Palancas' }))).code).toBe('table_not_found');
  const create = (name: string, sheet: string): SaveRowsRequest => ({
    table: null,
    create: { name, sheet, headers: ['ID escenario'] },
    keyColumn: 0,
    key: 'S1',
    rows: [['S1']],
  });
  const full = await rejection(wb.saveRows(create('Nuevos', 'Escenarios')));
  expect(full.code).toBe('sheet_not_empty');
  expect(full.location).toEqual({ sheet: 'Escenarios', address: 'A1' });
  expect((await rejection(wb.saveRows(create('escenarios', 'Otra')))).code).toBe('table_name_taken');
  expect(wb.sheetNames()).toEqual(['Escenarios', 'Cambios de escenario']);
});

test('a table below that only partly shares the columns would be split: refused before anything moves', async () => {
  const [own, , beside] = changes();
  const straddling: TableGrid = {
    ...changes()[1],
    name: 'Cruzada',
    firstColumn: 4,
    headers: ['a', 'b', 'c', 'd'],
    rows: [[1, 2, 3, 4]],
  };
  const wb = MemoryWorkbook.fromTables('libro.xlsx', [own, straddling, beside]);
  const err = await rejection(wb.saveRows(replaceWmx()));
  expect(err.code).toBe('rows_would_split_table');
  expect(err.en).toBe(
    'Changing the rows of table "CambiosEscenario" would move the cells below it and split table "Cruzada" on sheet "Cambios de escenario"; nothing was saved. Move "Cruzada" to other columns or another sheet and save again.',
  );
  expect(wb.table('CambiosEscenario')).toEqual(own);
  expect(wb.table('Cruzada')).toEqual(straddling);
});

test('results on a protected sheet are refused as well', async () => {
  const wb = book();
  await wb.writeResults({
    sheets: [{ role: 'x', name: 'TT Hoja', freezeHeader: false, tables: [] }],
  });
  wb.protectSheet('TT Hoja');
  const err = await rejection(
    wb.writeResults({ sheets: [{ role: 'x', name: 'TT Hoja', freezeHeader: false, tables: [] }] }),
  );
  expect(err.code).toBe('sheet_protected');
});
