/**
 * Review findings on error collection: one mistake must not hide the other errors of the file, nor bury them under
 * hundreds of consequential "does not exist" errors. Positions come from fixtures.ts.
 */
import type { TableGrid } from '../../src/workbook/port';
import { edit, errorsOf, setCell, workbook } from './fixtures';

/** Removes a column (header and cells) from a grid, as deleting it in Excel does. */
function dropColumn(t: TableGrid, header: string): void {
  const j = t.headers.indexOf(header);
  if (j < 0) throw new Error(`no header ${header}`);
  // A new array: fixtures share their header constants between workbooks.
  t.headers = t.headers.filter((_, k) => k !== j);
  t.rows = t.rows.map((row) => row.filter((_, k) => k !== j));
}

const codes = (wb: Map<string, TableGrid>) => errorsOf(wb).map((e) => [e.code, e.address ?? e.column ?? '']);

describe('a table that lacks a required column is still read', () => {
  test('the missing column is one error and the other columns still report theirs, in the same run', () => {
    const wb = edit('Clientes', (t) => {
      dropColumn(t, 'Días de crédito');
      setCell(t, 1, 'Canal', 'supermercado'); // Clientes!C3 (row 3: header row 1, second data row)
    });
    const errors = errorsOf(wb);
    // Before: only missing_column; the invalid channel showed up only after the header was fixed.
    expect(errors.map((e) => [e.code, e.address ?? e.column])).toEqual([
      ['missing_column', 'Días de crédito'],
      ['invalid_enum', 'Clientes!C3'],
    ]);
    expect(errors[1].es).toBe(
      'Tabla Clientes, fila 3, columna «Canal» (Clientes!C3): «supermercado» no es un valor válido; valores permitidos: moderno, conveniencia, e-commerce, mayoreo, tradicional.',
    );
    expect(errors[1].en).toBe(
      'Table Clientes, row 3, column "Canal" (Clientes!C3): "supermercado" is not a valid value; allowed values: modern, convenience, e-commerce, wholesale, traditional.',
    );
  });

  test('a missing required period column is one error, not one "blank cell" per row', () => {
    const wb = edit('VolumenesBase', (t) => {
      dropColumn(t, 'Periodo');
      // VolumenesBase starts at B3; without Periodo, "Volumen base" moves from E to D. Data row 1 is sheet row 5.
      setCell(t, 1, 'Volumen base', -900);
    });
    expect(codes(wb)).toEqual([
      ['missing_column', 'Periodo'],
      ['negative_value', "'Volúmenes base'!D5"],
    ]);
  });

  test('Products without its SKU column: its other errors are listed, and SKU references are not checked', () => {
    const wb = edit('Productos', (t) => {
      dropColumn(t, 'SKU');
      // Costo por unidad moves from H to G; data row 0 is sheet row 2.
      setCell(t, 0, 'Costo por unidad', 'ciento diez');
    });
    // BaseVolumes and the SKU scope of OXXO-01 name SKUs; without the key column none can be checked.
    expect(codes(wb)).toEqual([
      ['missing_column', 'SKU'],
      ['not_a_number', 'Productos!G2'],
    ]);
  });

  test('a TermTiers table without "Desde" does not also call its tiered terms rate-less', () => {
    const wb = edit('Escalones', (t) => dropColumn(t, 'Desde'));
    expect(codes(wb)).toEqual([['missing_column', 'Desde']]);
  });
});

describe('an empty master table does not turn every reference into an error', () => {
  test('empty Clientes: one empty_table error, no "customer does not exist" for each volume, term and cost row', () => {
    const wb = edit('Clientes', (t) => {
      t.rows = [];
    });
    // Before: 6 BaseVolumes + 5 Terms + 3 CostToServe rows each reported an unknown customer (on a real file, 500+).
    expect(codes(wb)).toEqual([['empty_table', '']]);
    expect(errorsOf(wb)[0].es).toBe(
      'Tabla Clientes (hoja Clientes): la tabla no tiene datos; se necesita al menos un renglón.',
    );
    expect(errorsOf(wb)[0].en).toBe(
      'Table Clientes (sheet Clientes): the table has no data rows; at least one is needed.',
    );
  });

  test('empty Productos: one error, no unknown SKU in volumes or in a SKU scope', () => {
    const wb = edit('Productos', (t) => {
      t.rows = [[null, null, null, null, null, null, null, null, null, null, null]]; // Excel's one blank row
    });
    expect(codes(wb)).toEqual([['empty_table', '']]);
  });

  test('empty Condiciones: one error, no "term does not exist" for each tier', () => {
    const wb = edit('Condiciones', (t) => {
      t.rows = [];
    });
    expect(codes(wb)).toEqual([['empty_table', '']]);
  });

  test('references are still checked against a table that has data', () => {
    const wb = workbook();
    setCell(wb.get('VolumenesBase')!, 0, 'SKU', 'REF-999'); // VolumenesBase starts at B3: SKU is column C, row 4
    expect(codes(wb)).toEqual([['unknown_sku', "'Volúmenes base'!C4"]]);
  });
});
