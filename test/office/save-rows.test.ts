/** saveRows through the Office host: the rows of one key replaced in an input table, or the table created. */
import { FakeExcel } from '../fakes/excel';
import { HostError } from '../../src/hosts/office';
import type { SaveRowsRequest } from '../../src/workbook/port';
import { hostOn } from './support';

const CHANGE_HEADERS = ['ID escenario', 'Objeto', 'ID objetivo', 'Valor nuevo'];

/** Scenarios, their changes (rows 2–6) with a user's note below them (A8) and a table beside them (G1). */
function seeded(options: ConstructorParameters<typeof FakeExcel>[0] = {}): FakeExcel {
  const fake = new FakeExcel({ sheets: ['Portada'], ...options });
  fake.seedTable({
    name: 'Escenarios',
    sheet: 'Escenarios',
    headers: ['ID escenario', 'ID cliente', 'Nombre'],
    rows: [
      ['WMX-P1', 'WMX', 'Propuesta'],
      ['OXXO-P1', 'OXXO', 'Tercer trimestre'],
    ],
  });
  fake.seedTable({
    name: 'CambiosEscenario',
    sheet: 'Cambios de escenario',
    headers: CHANGE_HEADERS,
    rows: [
      ['WMX-P1', 'condición', 'WMX-01', 0.035],
      ['OXXO-P1', 'volumen', null, -0.05],
      [' wmx-p1 ', 'costo de servir', 'flete', 0.02], // the same key: case and surrounding spaces fold
      ['WMX-C1', 'condición', 'WMX-03', 0.1],
      ['WMX-P1X', 'condición', 'WMX-01', 0.04], // another key that merely starts the same
    ],
  });
  fake.seedTable({
    name: 'Notas',
    sheet: 'Cambios de escenario',
    firstColumn: 7,
    headers: ['Nota'],
    rows: [['Revisar con finanzas'], ['Cerrar en octubre']],
  });
  fake.seedCells('Cambios de escenario', 'A8', [['nota del usuario']]);
  fake.resetCounters();
  return fake;
}

const replaceWmx = (): SaveRowsRequest => ({
  table: 'CambiosEscenario',
  keyColumn: 0,
  key: 'WMX-P1',
  rows: [
    ['WMX-P1', 'escalón', 'WMX-02', 1800],
    ['WMX-P1', 'volumen', null, 0.1],
    ['WMX-P1', 'promoción', '2026-01', null], // text Excel would turn into a date stays text
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

test('the rows of one key are replaced: others keep their order, new rows follow, nothing else changes', async () => {
  const fake = seeded();
  const before = { scenarios: fake.table('Escenarios'), notes: fake.table('Notas') };
  const report = await hostOn(fake).saveRows(replaceWmx());
  expect(report).toEqual({ table: 'CambiosEscenario', sheet: 'Cambios de escenario', rowsRemoved: 2, rowsAdded: 3 });
  expect(fake.table('CambiosEscenario')).toMatchObject({
    address: "'Cambios de escenario'!A1:D7",
    headers: CHANGE_HEADERS,
    rows: [
      ['OXXO-P1', 'volumen', '', -0.05],
      ['WMX-C1', 'condición', 'WMX-03', 0.1],
      ['WMX-P1X', 'condición', 'WMX-01', 0.04],
      ['WMX-P1', 'escalón', 'WMX-02', 1800],
      ['WMX-P1', 'volumen', '', 0.1],
      ['WMX-P1', 'promoción', '2026-01', ''],
    ],
  });
  expect(fake.table('Escenarios')).toEqual(before.scenarios);
  expect(fake.table('Notas')).toEqual(before.notes);
  // The table grew by one row: the user's note below it moved down with it, as Excel inserts cells.
  expect(fake.readValues("'Cambios de escenario'!A8:A9")).toEqual([[''], ['nota del usuario']]);
  // 2 syncs to look (table, then its key column), 1 to write: the new rows appended, then the old ones deleted
  // bottom-up, so their positions hold and a failure in between loses nothing.
  expect(fake.syncCount).toBe(3);
  expect(fake.writes.map((w) => [w.sync, w.op])).toEqual([
    [3, 'addRows'],
    [3, 'deleteRow'],
    [3, 'deleteRow'],
  ]);
  expect(fake.runs.at(-1)).toEqual({ delayForCellEdit: true });
});

test('saving the same rows again replaces them, and removing every row of a key leaves the others', async () => {
  const fake = seeded();
  const host = hostOn(fake);
  await host.saveRows(replaceWmx());
  const once = fake.table('CambiosEscenario').rows;
  const again = await host.saveRows(replaceWmx());
  expect(again).toMatchObject({ rowsRemoved: 3, rowsAdded: 3 });
  expect(fake.table('CambiosEscenario').rows).toEqual(once);
  const none = await host.saveRows({ ...replaceWmx(), rows: [] });
  expect(none).toMatchObject({ rowsRemoved: 3, rowsAdded: 0 });
  expect(fake.table('CambiosEscenario').rows.map((r) => r[0])).toEqual(['OXXO-P1', 'WMX-C1', 'WMX-P1X']);
});

test('a table that does not exist yet is created on a new sheet: headers at A1, the rows, a table named over them', async () => {
  const fake = new FakeExcel({ sheets: ['Portada'] });
  const report = await hostOn(fake).saveRows({
    table: null,
    create: { name: 'Escenarios', sheet: 'Escenarios', headers: ['ID escenario', 'ID cliente', 'Fecha'] },
    keyColumn: 0,
    key: 'WMX-P1',
    rows: [['WMX-P1', 'WMX', '2026-10-15']],
  });
  expect(report).toEqual({ table: 'Escenarios', sheet: 'Escenarios', rowsRemoved: 0, rowsAdded: 1 });
  expect(fake.sheetNames()).toEqual(['Portada', 'Escenarios']);
  expect(fake.table('Escenarios')).toMatchObject({
    address: 'Escenarios!A1:C2',
    headers: ['ID escenario', 'ID cliente', 'Fecha'],
    rows: [['WMX-P1', 'WMX', '2026-10-15']], // the date as text: the contract reads it either way
  });
  // An empty sheet of that name is used; one holding anything is not written over.
  const empty = new FakeExcel({ sheets: ['Escenarios'] });
  await hostOn(empty).saveRows({
    table: null,
    create: { name: 'Escenarios', sheet: 'escenarios', headers: ['ID escenario'] },
    keyColumn: 0,
    key: 'S1',
    rows: [],
  });
  expect(empty.table('Escenarios')).toMatchObject({ address: 'Escenarios!A1:A2', rows: [['']] });
});

test('a table created on a new sheet that should be hidden (the saved mapping): the sheet is hidden, an existing one never', async () => {
  const fake = new FakeExcel({ sheets: ['Portada', 'Vacía'] });
  const create = { name: 'ttm_Mapeo', sheet: 'ttm_Mapeo', headers: ['Versión', 'Tabla'], hidden: true };
  await hostOn(fake).saveRows({ table: null, create, keyColumn: 1, key: 'Clientes', rows: [[1, 'Clientes']] });
  const visibility = (name: string) => fake.state.sheets.find((s) => s.name === name)!.visibility;
  expect(visibility('ttm_Mapeo')).toBe('Hidden');
  expect(fake.table('ttm_Mapeo')).toMatchObject({ address: 'ttm_Mapeo!A1:B2', rows: [[1, 'Clientes']] });
  // An empty sheet of the user's that takes the table keeps its visibility.
  await hostOn(fake).saveRows({
    table: null,
    create: { ...create, name: 'ttm_Mapping', sheet: 'Vacía' },
    keyColumn: 1,
    key: 'Clientes',
    rows: [[1, 'Clientes']],
  });
  expect(visibility('Vacía')).toBe('Visible');
});

test('creating over a sheet with content, or under a name taken: refused, located, nothing written', async () => {
  const fake = new FakeExcel({ sheets: ['Escenarios'] });
  fake.seedCells('Escenarios', 'C5', [['mis notas']]);
  fake.resetCounters();
  const create = (name: string): SaveRowsRequest => ({
    table: null,
    create: { name, sheet: 'Escenarios', headers: ['ID escenario'] },
    keyColumn: 0,
    key: 'S1',
    rows: [['S1']],
  });
  const full = await rejection(hostOn(fake).saveRows(create('Escenarios')));
  expect(full.code).toBe('sheet_not_empty');
  expect(full.location).toEqual({ sheet: 'Escenarios', address: 'A1' });
  expect(full.es).toBe(
    'Para crear la tabla «Escenarios» hace falta una hoja «Escenarios» nueva, y ya existe una con contenido; no se guardó nada. Cambie el nombre de esa hoja (o mueva su contenido) y vuelva a guardar.',
  );
  fake.seedTable({ name: 'Tabla1', sheet: 'Otra', headers: ['x'], rows: [['y']] });
  fake.resetCounters();
  expect((await rejection(hostOn(fake).saveRows(create('tabla1')))).code).toBe('table_name_taken');
  expect(fake.writes).toEqual([]);
});

test('a protected sheet or a read-only workbook refuses the save before anything changes', async () => {
  const fake = seeded();
  const before = fake.table('CambiosEscenario');
  fake.protectSheet('Cambios de escenario');
  const err = await rejection(hostOn(fake).saveRows(replaceWmx()));
  expect(err.code).toBe('sheet_protected');
  expect(err.en).toBe(
    'Sheet "Cambios de escenario" is protected, so nothing was written. Unprotect it in Review > Unprotect Sheet and write again.',
  );
  fake.protectSheet('Cambios de escenario', false);
  fake.setReadOnly();
  expect((await rejection(hostOn(fake).saveRows(replaceWmx()))).code).toBe('read_only');
  expect(fake.writes).toEqual([]);
  expect(fake.table('CambiosEscenario')).toEqual(before);
  // A new sheet in a workbook whose structure is protected.
  const locked = new FakeExcel();
  locked.protectWorkbook();
  const structure = await rejection(
    hostOn(locked).saveRows({
      table: null,
      create: { name: 'Escenarios', sheet: 'Escenarios', headers: ['ID escenario'] },
      keyColumn: 0,
      key: 'S1',
      rows: [['S1']],
    }),
  );
  expect(structure.code).toBe('workbook_protected');
});

test('a table that is gone, or a malformed request: refused with what is wrong, nothing written', async () => {
  const fake = seeded();
  const gone = await rejection(hostOn(fake).saveRows({ ...replaceWmx(), table: 'Palancas' }));
  expect(gone.code).toBe('table_not_found');
  const wrongKey = await rejection(hostOn(fake).saveRows({ ...replaceWmx(), rows: [['WMX-C1', 'x', 'y', 1]] }));
  expect(wrongKey.code).toBe('save_rows_invalid');
  expect(wrongKey.es).toBe(
    'No se guardó nada en la tabla «CambiosEscenario»: la fila 1 no lleva la clave «WMX-P1» en su columna clave.',
  );
  const narrow = await rejection(hostOn(fake).saveRows({ ...replaceWmx(), rows: [['WMX-P1', 'x']] }));
  expect(narrow.en).toBe(
    'Nothing was saved into table "CambiosEscenario": row 1 has 2 cells and the table has 4 columns.',
  );
  const error = await rejection(
    hostOn(fake).saveRows({ ...replaceWmx(), rows: [['WMX-P1', 'x', 'y', { error: '#N/A' }]] }),
  );
  expect(error.code).toBe('save_rows_invalid');
  expect(fake.writes).toEqual([]);
});

test('rows packed by bytes; a save that fails part-way loses nothing, says so, and saving again repairs it', async () => {
  const fake = seeded();
  // A tiny budget: the key column is read 4 keys a sync (syncs 2–3) and each new row travels in its own sync
  // (4, 5, 6), so the failure of sync 5 lands between two of them.
  const host = hostOn(fake, { chunkBytes: 260 });
  fake.failSync(5, 'GeneralException');
  const err = await rejection(host.saveRows(replaceWmx()));
  expect(err.code).toBe('write_incomplete');
  expect(err.sheetsTouched).toEqual(['Cambios de escenario']);
  expect(err.en).toContain('Saving into table "CambiosEscenario" stopped part-way:');
  expect(err.en).toContain('the table may hold the new rows beside the previous ones (none was lost)');
  // The old rows are all there, one new row too.
  expect(
    fake.table('CambiosEscenario').rows.filter((r) => String(r[0]).trim().toUpperCase() === 'WMX-P1'),
  ).toHaveLength(3);
  await host.saveRows(replaceWmx()); // its syncs come after the failed one's
  expect(fake.table('CambiosEscenario').rows.map((r) => r[1])).toEqual([
    'volumen',
    'condición',
    'condición',
    'escalón',
    'volumen',
    'promoción',
  ]);
  expect(fake.syncs.every((s) => s.requestBytes <= 260 + 200)).toBe(true);
});

test('one write at a time: a save or a results write while a save runs is refused at once', async () => {
  const fake = seeded({ syncDelayMs: 5 });
  const host = hostOn(fake);
  const first = host.saveRows(replaceWmx());
  expect((await rejection(host.saveRows(replaceWmx()))).code).toBe('write_in_progress');
  expect((await rejection(host.writeResults({ sheets: [] }))).code).toBe('write_in_progress');
  await first;
  expect(fake.table('CambiosEscenario').rows).toHaveLength(6);
});
