/** Reading through the Office host, against the fake Excel that enforces Office's load/sync semantics. */
import { createHash } from 'node:crypto';
import { FakeExcel, toSerial } from '../fakes/excel';
import { SMALL_INPUTS, fakeWithSmallInputs, hostOn, sampleTables } from './support';

describe('readTables', () => {
  test('reads the requested tables in 2 syncs, as plain grids, and writes nothing', async () => {
    const fake = fakeWithSmallInputs();
    const host = hostOn(fake);
    // Contract names in both languages and aliases, most absent: all probed in the first sync.
    const grids = await host.readTables([
      'customers',
      'Clientes',
      'Products',
      'Productos',
      'BaseVolumes',
      'Volumenes',
      'Terms',
      'Customers',
    ]);
    expect(fake.syncCount).toBe(2);
    expect(fake.writes).toEqual([]);
    expect([...grids.keys()]).toEqual(['customers', 'Products', 'BaseVolumes']);
    expect(grids.get('customers')).toEqual({
      name: 'Customers',
      sheet: 'Clientes',
      headerRow: 3,
      firstColumn: 2,
      headers: ['Id', 'Nombre', 'Canal', 'Días de crédito', 'Centralización'],
      rows: [
        ['WMT', 'Walmart de México', 'moderno', 60, 0.8],
        ['OXXO', 'OXXO', 'conveniencia', 30, 1],
        ['MELI', 'Mercado Libre', 'e-commerce', 15, null], // empty cell: Office's "" becomes null
      ],
      // How the table sits in its sheet (test/office/table-source.test.ts): nothing to report here.
      source: {
        headerRowShown: true,
        totalsRow: false,
        hiddenRows: [],
        filtered: false,
        mergedRanges: [],
        cellsBelow: [],
      },
    });
    // Excel returns error cells as their text; the port gets a CellError. SKUs stay text.
    expect(grids.get('BaseVolumes')!.rows[1]).toEqual(['WMT', '7501055300082', '2026-01', 8000, { error: '#N/A' }]);
  });

  test('the tables of the bundled sample read back exactly in 2 syncs', async () => {
    const tables = await sampleTables();
    const fake = new FakeExcel({ sheets: ['Portada'] });
    for (const t of tables) fake.seedTable(t);
    const grids = await hostOn(fake).readTables(tables.map((t) => t.name));
    expect(fake.syncCount).toBe(2);
    expect(grids.size).toBe(tables.length);
    for (const t of tables) {
      const g = grids.get(t.name)!;
      expect(g.headers).toEqual(t.headers);
      expect(g.headerRow).toBe(t.headerRow);
      expect(g.firstColumn).toBe(t.firstColumn);
      // Cell by cell: empty → null, dates as Excel serials (what Office.js returns), the rest unchanged.
      const expected = t.rows.map((r) =>
        r.map((v) => (v === null || v === '' ? null : v instanceof Date ? toSerial(v) : v)),
      );
      expect(g.rows).toEqual(expected);
    }
    expect(fake.writes).toEqual([]);
  });

  test('no requested table exists: one sync, empty map', async () => {
    const fake = fakeWithSmallInputs();
    const grids = await hostOn(fake).readTables(['Terms', 'Condiciones']);
    expect(grids.size).toBe(0);
    expect(fake.syncCount).toBe(1);
  });

  test('accented table names are found; names no Excel table can have (spaces) are matched through the list', async () => {
    const fake = new FakeExcel({ sheets: ['Parámetros'] });
    fake.seedTable({
      name: 'Configuración',
      sheet: 'Parámetros',
      headers: ['Parámetro', 'Valor'],
      rows: [['Año fiscal', 2026]],
    });
    const host = hostOn(fake);
    const grids = await host.readTables(['Costo de servir', 'Configuración']);
    expect([...grids.keys()]).toEqual(['Configuración']);
    expect(grids.get('Configuración')!.rows).toEqual([['Año fiscal', 2026]]);
    expect(fake.syncCount).toBe(2);
    // Names with spaces are not looked up by name (Excel would reject them) but matched against the table list.
    expect((await host.readTables(['Condiciones comerciales', 'Costos de servir'])).size).toBe(0);
    expect(fake.syncCount).toBe(3); // one sync: the list of tables, nothing matched
  });

  test('an empty name list costs no sync', async () => {
    const fake = fakeWithSmallInputs();
    expect((await hostOn(fake).readTables([])).size).toBe(0);
    expect(fake.syncCount).toBe(0);
  });
});

describe('listTables and describeSource', () => {
  test('listTables: every table with its sheet and data-row count, in one sync', async () => {
    const fake = fakeWithSmallInputs();
    expect(await hostOn(fake).listTables()).toEqual([
      { name: 'Customers', sheet: 'Clientes', rowCount: 3 },
      { name: 'Products', sheet: 'Productos', rowCount: 2 },
      { name: 'BaseVolumes', sheet: 'Volúmenes', rowCount: 3 },
    ]);
    expect(fake.syncCount).toBe(1);
  });

  test('describeSource: workbook name and SHA-256 of the tables read, as canonical JSON', async () => {
    const fake = new FakeExcel({ workbookName: 'Plan 2026.xlsx', sheets: ['S'] });
    fake.seedTable({ name: 'T', sheet: 'S', headers: ['a', 'b'], rows: [[1, 'x']] });
    const host = hostOn(fake);
    await host.readTables(['T']);
    // Canonical form: [[name, sheet, headerRow, firstColumn, headers, rows]] sorted by name.
    const expected = createHash('sha256').update('[["T","S",1,1,["a","b"],[[1,"x"]]]]', 'utf8').digest('hex');
    expect(await host.describeSource()).toEqual({
      name: 'Plan 2026.xlsx',
      fingerprint: expected,
      fingerprintOf: 'tables',
    });
  });

  test('describeSource before any read fingerprints every table; an injected hash is used', async () => {
    const fake = fakeWithSmallInputs();
    const seen: string[] = [];
    const host = hostOn(fake, {
      hash: (bytes) => {
        seen.push(new TextDecoder().decode(bytes));
        return Promise.resolve('f'.repeat(64));
      },
    });
    const info = await host.describeSource();
    expect(info.fingerprint).toBe('f'.repeat(64));
    const parsed = JSON.parse(seen[0]) as unknown[][];
    expect(parsed.map((t) => t[0])).toEqual(['BaseVolumes', 'Customers', 'Products']);
    expect(parsed[1][5]).toEqual(SMALL_INPUTS[0].rows);
  });

  test('an unnamed workbook falls back to "Libro"', async () => {
    const fake = new FakeExcel({ workbookName: '', sheets: ['S'] });
    fake.seedTable({ name: 'T', sheet: 'S', headers: ['a'], rows: [[1]] });
    const host = hostOn(fake);
    await host.readTables(['T']);
    expect((await host.describeSource()).name).toBe('Libro');
  });
});
