import { createHash } from 'node:crypto';
import { HostError, MemoryWorkbook } from '../../src/hosts/memory';
import { columnLetters, parseA1, toA1 } from '../../src/workbook/a1';
import { sha256Hex } from '../../src/workbook/fingerprint';
import type { ResultsPlan, TableGrid } from '../../src/workbook/port';

const customers: TableGrid = {
  name: 'Customers',
  sheet: 'Clientes',
  headerRow: 3,
  firstColumn: 2, // B
  headers: ['Id', 'Nombre', 'Días de crédito'],
  rows: [
    ['WMT', 'Walmart de México', 60],
    ['OXX', 'OXXO', 30],
  ],
};
const settings: TableGrid = {
  name: 'Settings',
  sheet: 'Configuración',
  headerRow: 1,
  firstColumn: 1,
  headers: ['Parámetro', 'Valor'],
  rows: [['Año fiscal', 2026]],
};

const nodeDigest = (bytes: Uint8Array) => Promise.resolve(createHash('sha256').update(bytes).digest('hex'));

function workbook() {
  return MemoryWorkbook.fromTables('libro.xlsx', [customers, settings], { digest: nodeDigest });
}

const plan: ResultsPlan = {
  sheets: [
    {
      role: 'test_sheet_35',
      name: 'TT P&L',
      freezeHeader: true,
      tables: [
        {
          name: 'ttm_Pnl',
          title: 'P&L por cliente',
          columns: [
            { header: 'Cliente', id: 'customer', format: 'text', numberFormat: 'General' },
            { header: 'Venta bruta', id: 'gross_sales', format: 'mxn', numberFormat: '"$"#,##0.00' },
            { header: 'Venta neta', id: 'net_sales', format: 'mxn', numberFormat: '"$"#,##0.00' },
            { header: '% neta', id: 'net_pct', format: 'pct', numberFormat: '0.0%' },
          ],
          rows: [
            ['WMT', 1000, 800, { formula: '=C4/B4', result: 0.8 }],
            ['OXX', 500, 450, { formula: 'C5/B5', result: 0.9 }],
          ],
          totalRows: [1],
        },
        {
          name: 'ttm_Empty',
          columns: [{ header: 'Nada', id: 'x', format: 'text', numberFormat: 'General' }],
          rows: [],
        },
      ],
    },
  ],
};

describe('A1 addresses', () => {
  test('columns and cells round-trip', () => {
    expect(columnLetters(1)).toBe('A');
    expect(columnLetters(26)).toBe('Z');
    expect(columnLetters(27)).toBe('AA');
    expect(columnLetters(16384)).toBe('XFD');
    expect(parseA1('$AB$12')).toEqual({ row: 12, column: 28 });
    expect(toA1(12, 28)).toBe('AB12');
    expect(() => parseA1('12B')).toThrow(RangeError);
  });
});

describe('sha256Hex (fallback when crypto.subtle is absent)', () => {
  test.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('FIPS 180-2 vector %j', (text, hex) => {
    expect(sha256Hex(new TextEncoder().encode(text))).toBe(hex);
  });

  test('equals node crypto on lengths around the 55/56/64-byte padding edges', () => {
    for (const n of [55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});

describe('MemoryWorkbook reads', () => {
  test('lists tables with their sheets and data-row counts', async () => {
    expect(await workbook().listTables()).toEqual([
      { name: 'Customers', sheet: 'Clientes', rowCount: 2 },
      { name: 'Settings', sheet: 'Configuración', rowCount: 1 },
    ]);
  });

  test('reads tables case-insensitively, keyed as asked, from the cells at their position', async () => {
    const wb = workbook();
    const got = await wb.readTables(['customers', 'Missing']);
    expect([...got.keys()]).toEqual(['customers']);
    expect(got.get('customers')).toEqual(customers);
    // Header "Id" sits at B3 because the table starts at row 3, column 2; WMT's credit days at D4.
    expect(wb.getSheet('Clientes')!.cell('B3')!.value).toBe('Id');
    expect(wb.getSheet('clientes')!.cell('D4')!.value).toBe(60);
  });

  test('fingerprints file bytes when loaded from a file, else the input tables', async () => {
    const bytes = new TextEncoder().encode('PK fake xlsx bytes');
    const fromFile = new MemoryWorkbook({ name: 'a.xlsx', fileBytes: bytes, digest: nodeDigest });
    expect(await fromFile.describeSource()).toEqual({
      name: 'a.xlsx',
      fingerprint: createHash('sha256').update(bytes).digest('hex'),
      fingerprintOf: 'file',
    });
    const a = await workbook().describeSource();
    expect(a.fingerprintOf).toBe('tables');
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Same contents, same fingerprint; one changed cell, another one.
    expect((await workbook().describeSource()).fingerprint).toBe(a.fingerprint);
    const changed = MemoryWorkbook.fromTables(
      'libro.xlsx',
      [{ ...customers, rows: [['WMT', 'Walmart de México', 45], customers.rows[1]] }, settings],
      { digest: nodeDigest },
    );
    expect((await changed.describeSource()).fingerprint).not.toBe(a.fingerprint);
  });

  test('the default digest (crypto.subtle in node) gives the standard SHA-256', async () => {
    const bytes = new TextEncoder().encode('abc');
    const wb = new MemoryWorkbook({ name: 'x', fileBytes: bytes });
    expect((await wb.describeSource()).fingerprint).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('MemoryWorkbook writes results', () => {
  test('writes values, formulas with cached results, number formats, totals bold, frozen header', async () => {
    const wb = workbook();
    const report = await wb.writeResults(plan);
    // Cells: title 1 + headers 4 + 2×4 data in ttm_Pnl, header 1 in ttm_Empty = 14.
    expect(report).toEqual({ sheetsWritten: ['TT P&L'], cellsWritten: 14, target: 'libro.xlsx', notices: [] });
    expect(wb.resultSheetNames()).toEqual(['TT P&L']);
    const s = wb.getSheet('TT P&L')!;
    // Titled table: title at A1, header two rows below (A3), data from row 4 (placeTables).
    expect(s.cell('A1')).toEqual({ value: 'P&L por cliente', bold: true });
    expect(s.cell('B3')!.value).toBe('Venta bruta');
    expect(s.cell('B4')).toEqual({ value: 1000, numberFormat: '"$"#,##0.00', bold: undefined });
    expect(s.cell('D4')).toEqual({ value: 0.8, formula: '=C4/B4', numberFormat: '0.0%', bold: undefined });
    expect(s.cell('D5')).toEqual({ value: 0.9, formula: '=C5/B5', numberFormat: '0.0%', bold: true });
    expect(s.frozenRows).toBe(3);
    // Second table after one blank row: ttm_Pnl ends at row 5, so its header is at row 7.
    expect(s.cell('A7')!.value).toBe('Nada');
    expect(wb.table('ttm_Pnl')!.rows).toEqual([
      ['WMT', 1000, 800, 0.8],
      ['OXX', 500, 450, 0.9],
    ]);
  });

  test('a cell with its own number format (cellFormats) overrides its column; the rest keep the column format', async () => {
    const wb = workbook();
    const withCellFormats = structuredClone(plan);
    // Row 0, column 1 (B4) as %; row 1, column 3 (D5) as integer; row 1, column 1 left to the column (MXN).
    withCellFormats.sheets[0].tables[0].cellFormats = [
      [undefined, '0.0%'],
      [undefined, undefined, undefined, '0'],
    ];
    await wb.writeResults(withCellFormats);
    const s = wb.getSheet('TT P&L')!;
    expect(s.cell('B4')!.numberFormat).toBe('0.0%');
    expect(s.cell('D5')!.numberFormat).toBe('0');
    expect(s.cell('B5')!.numberFormat).toBe('"$"#,##0.00');
    expect(s.cell('D4')!.numberFormat).toBe('0.0%');
    expect(s.cell('C4')!.numberFormat).toBe('"$"#,##0.00');
  });

  test('a second run replaces its own result sheet instead of adding one', async () => {
    const wb = workbook();
    await wb.writeResults(plan);
    const again = structuredClone(plan);
    again.sheets[0].tables[0].rows[0][1] = 1234;
    await wb.writeResults(again);
    expect(wb.sheetNames()).toEqual(['Clientes', 'Configuración', 'TT P&L']);
    expect(wb.getSheet('TT P&L')!.cell('B4')!.value).toBe(1234);
    expect(wb.tables().filter((t) => t.name === 'ttm_Pnl')).toHaveLength(1);
  });

  test('refuses a plan that touches a sheet holding input tables, and writes nothing at all', async () => {
    const wb = workbook();
    const bad: ResultsPlan = {
      sheets: [plan.sheets[0], { ...plan.sheets[0], role: 'other', name: 'CLIENTES', tables: [] }],
    };
    const err = await wb.writeResults(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe('sheet_holds_input');
    expect((err as HostError).es).toContain('«Clientes» contiene tablas que no son de resultados (Customers)');
    expect((err as HostError).en).toContain('holds tables that are not results (Customers); nothing was written');
    // Nothing written, not even the valid first sheet; inputs unchanged.
    expect(wb.sheetNames()).toEqual(['Clientes', 'Configuración']);
    expect((await wb.readTables(['Customers'])).get('Customers')).toEqual(customers);
    expect(wb.writes).toBe(0);
  });

  test('refuses result table names that clash with input tables, and invalid sheet names', async () => {
    const wb = workbook();
    const clash: ResultsPlan = {
      sheets: [{ ...plan.sheets[0], tables: [{ ...plan.sheets[0].tables[0], name: 'settings' }] }],
    };
    await expect(wb.writeResults(clash)).rejects.toMatchObject({ code: 'table_name_taken' });
    await expect(wb.writeResults({ sheets: [{ ...plan.sheets[0], name: 'A/B' }] })).rejects.toMatchObject({
      code: 'invalid_sheet_name',
    });
    expect(wb.sheetNames()).toEqual(['Clientes', 'Configuración']);
  });

  test('selectCell records the selection (sheet-qualified addresses too) and rejects unknown sheets', async () => {
    const wb = workbook();
    await wb.selectCell('clientes', 'Clientes!$D$4');
    expect(wb.selection).toEqual({ sheet: 'Clientes', address: 'D4' });
    await wb.selectCell('Configuración', "'Configuración'!B2");
    expect(wb.selection).toEqual({ sheet: 'Configuración', address: 'B2' });
    await expect(wb.selectCell('Nope', 'A1')).rejects.toMatchObject({ code: 'sheet_not_found' });
  });
});

describe('grids and fingerprint kept while nothing changes', () => {
  test('the same grid and fingerprint until a cell changes; a change gives fresh ones', async () => {
    const wb = MemoryWorkbook.fromTables('cache.xlsx', [
      {
        name: 'Clientes',
        sheet: 'Clientes',
        headerRow: 1,
        firstColumn: 1,
        headers: ['ID cliente', 'Nombre'],
        rows: [['WMX', 'Walmart']],
      },
    ]);
    const a = await wb.readTables(['Clientes']);
    const b = await wb.readTables(['Clientes']);
    expect(b.get('Clientes')).toBe(a.get('Clientes'));
    const f1 = await wb.inputFingerprint();
    expect(await wb.inputFingerprint()).toBe(f1);
    wb.getSheet('Clientes')!.setCell(2, 2, { value: 'Walmart de México' });
    const c = await wb.readTables(['Clientes']);
    expect(c.get('Clientes')).not.toBe(a.get('Clientes'));
    expect(c.get('Clientes')!.rows).toEqual([['WMX', 'Walmart de México']]);
    expect(await wb.inputFingerprint()).not.toBe(f1);
  });
});

test('a table as laid out is read back as the same grid, kept or rebuilt from its cells', async () => {
  const grids: TableGrid[] = [
    {
      name: 'Clientes',
      sheet: 'Clientes',
      headerRow: 3,
      firstColumn: 2,
      headers: ['ID cliente', 'Nombre', 'Días de crédito'],
      rows: [
        ['WMX', 'Walmart', 90],
        ['SOR', '', null],
        ['OXXO', 'OXXO'], // a short row reads back with a blank last cell
      ],
    },
  ];
  const kept = MemoryWorkbook.fromTables('a.xlsx', grids);
  const rebuilt = MemoryWorkbook.fromTables('b.xlsx', grids);
  rebuilt.getSheet('Clientes')!.setCell(1, 1, { value: 'nota' }); // outside the table: drops the kept grid
  const a = (await kept.readTables(['Clientes'])).get('Clientes');
  const b = (await rebuilt.readTables(['Clientes'])).get('Clientes');
  expect(a).toEqual(b);
  expect(b!.rows[2]).toEqual(['OXXO', 'OXXO', null]);
});

test('tables placed on one sheet become its cells when first read, and a later change wins over what was placed', () => {
  const wb = MemoryWorkbook.fromTables('dos.xlsx', [
    {
      name: 'A',
      sheet: 'Datos',
      headerRow: 1,
      firstColumn: 1,
      headers: ['x', 'y'],
      rows: [
        [1, null],
        [2, 'b'],
      ],
    },
    { name: 'B', sheet: 'Datos', headerRow: 1, firstColumn: 4, headers: ['z'], rows: [['c']] },
  ]);
  const sheet = wb.getSheet('Datos')!;
  sheet.setCell(3, 2, { value: 'cambiado' }); // inside A's rows, after it was placed
  expect(sheet.cell('A1')?.value).toBe('x');
  expect(sheet.valueAt(2, 1)).toBe(1);
  expect(sheet.cellAt(2, 2)).toBeUndefined(); // null values make no cell
  expect(sheet.valueAt(3, 2)).toBe('cambiado');
  expect(sheet.cell('D2')?.value).toBe('c');
  expect(sheet.cellCount).toBe(7); // x, y, 1, 2, cambiado, z, c
  expect(sheet.usedRect()).toEqual({ top: 1, left: 1, bottom: 3, right: 4 });
});
