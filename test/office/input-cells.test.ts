/**
 * Issue 6 through the Office host (fake Excel): a formula Excel has not calculated is a located error, never a
 * blank cell; every documented table spelling is found, in the same two syncs when the name is exact.
 */
import { FakeExcel, type SeedTable } from '../fakes/excel';
import { parseModel, readModel, type ParseResult } from '../../src/workbook/contract';
import type { TableGrid } from '../../src/workbook/port';
import { workbook } from '../workbook/fixtures';

/** What the fixture parses to, in counts: a table found under another name must give the same model. */
function summary(res: ParseResult): unknown {
  if (!res.ok) return res.errors;
  const m = res.model;
  return {
    settings: m.settings,
    customers: m.customers.length,
    products: m.products.length,
    lines: m.lines.n,
    terms: m.terms.map((t) => [t.id, t.tiers.length]),
    costToServe: m.costToServe.length,
  };
}
const BASELINE = summary(parseModel(workbook()));
import { hostOn } from './support';

type Override = { table: string; row: number; header: string; value: SeedTable['rows'][number][number] };

function fakeOf(grids: Map<string, TableGrid>, cells: Override[] = []): FakeExcel {
  const fake = new FakeExcel({ sheets: ['Portada'] });
  for (const g of grids.values()) {
    const rows = g.rows.map((r) => [...r]) as SeedTable['rows'];
    for (const c of cells.filter((x) => x.table === g.name)) rows[c.row][g.headers.indexOf(c.header)] = c.value;
    fake.seedTable({ ...g, rows });
  }
  return fake;
}

describe('a formula Excel has not calculated', () => {
  test('manual calculation, calculation pending: an empty formula cell is a located es/en error', async () => {
    const fake = fakeOf(workbook(), [
      { table: 'Clientes', row: 1, header: 'Participación CEDIS', value: { formula: '=D3/100' } },
      { table: 'Clientes', row: 0, header: 'Días de crédito', value: { formula: '=30*3' } },
    ]);
    fake.state.calculationMode = 'Manual';
    fake.state.calculationState = 'Pending';
    const res = await readModel(hostOn(fake));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors.map((e) => [e.code, e.address])).toEqual([
      ['formula_without_value', 'Clientes!D2'],
      ['formula_without_value', 'Clientes!E3'],
    ]);
    expect(res.errors[1].es).toBe(
      'Tabla Clientes, fila 3, columna «Participación CEDIS» (Clientes!E3): fórmula sin valor guardado (=D3/100): ' +
        'abra y guarde el archivo en Excel, o recalcúlelo.',
    );
    expect(res.errors[1].en).toBe(
      'Table Clientes, row 3, column "Participación CEDIS" (Clientes!E3): formula without a saved value ' +
        '(=D3/100): open and save the file in Excel, or recalculate it.',
    );
  });

  test('manual calculation on an Excel without calculationState (ExcelApi 1.7): still an error', async () => {
    const grids = workbook();
    const fake = new FakeExcel({ sheets: ['Portada'], apiVersion: '1.7' });
    for (const g of grids.values()) {
      const rows = g.rows.map((r) => [...r]) as SeedTable['rows'];
      if (g.name === 'Clientes') rows[1][4] = { formula: '=D3/100' };
      fake.seedTable({ ...g, rows });
    }
    fake.state.calculationMode = 'Manual';
    const res = await readModel(hostOn(fake));
    expect(res.ok ? [] : res.errors.map((e) => [e.code, e.address])).toEqual([
      ['formula_without_value', 'Clientes!E3'],
    ]);
  });

  test('calculated formulas read as their values; one that returns "" is blank, as the user sees it', async () => {
    const fake = fakeOf(workbook(), [
      { table: 'Clientes', row: 0, header: 'Días de crédito', value: { formula: '=E2*0', value: 0 } },
      { table: 'Clientes', row: 1, header: 'Participación CEDIS', value: { formula: '=IF(D3>60,0.5,"")', value: '' } },
    ]);
    fake.state.calculationMode = 'Manual'; // manual, but nothing pending: every value is current
    const res = await readModel(hostOn(fake));
    expect(res.ok ? [] : res.errors).toEqual([]);
    if (!res.ok) return;
    expect(res.model.customers.map((c) => [c.id, c.paymentDays, c.dcShare])).toEqual([
      ['WMX', 0, 0.9],
      ['OXXO', 30, 0],
    ]);
  });

  test('automatic calculation: values only, nothing more is loaded (two syncs, no formulas)', async () => {
    const fake = fakeOf(workbook());
    const host = hostOn(fake);
    const grids = await host.readTables(['Clientes']);
    expect(fake.syncCount).toBe(2);
    expect(grids.get('Clientes')!.rows[1]).toEqual(['OXXO', 'Cadena Comercial OXXO', 'Conveniencia', 30, null]);
  });
});

describe('table names', () => {
  test.each([
    ['Parámetros', 'Parametros'],
    ['PARÁMETROS', 'Parametros'],
    ['Configuración', 'Parametros'],
    ['Volúmenes', 'VolumenesBase'],
    ['Volumenes_Base', 'VolumenesBase'],
    ['Costo_de_servir', 'CostoServir'],
    ['Condiciones_comerciales', 'Condiciones'],
  ])('a table named %s is found', async (name, replaces) => {
    const grids = workbook();
    const g = grids.get(replaces)!;
    grids.delete(replaces);
    grids.set(name, { ...g, name });
    const res = await readModel(hostOn(fakeOf(grids)));
    expect(summary(res)).toEqual(BASELINE);
  });

  test('exact names (any case) still take two syncs; another spelling takes one more', async () => {
    const exact = fakeOf(workbook());
    await readModel(hostOn(exact));
    expect(exact.syncCount).toBe(2);

    const grids = workbook();
    const g = grids.get('Parametros')!;
    grids.delete('Parametros');
    grids.set('Parámetros', { ...g, name: 'Parámetros' });
    const accented = fakeOf(grids);
    const read = await hostOn(accented).readTables(['Settings', 'Parametros', 'Configuración', 'Clientes']);
    expect([...read.keys()].sort()).toEqual(['Clientes', 'Parametros']);
    expect(read.get('Parametros')!.name).toBe('Parámetros');
    expect(accented.syncCount).toBe(3);
  });
});
