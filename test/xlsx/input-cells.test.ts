/**
 * Issue 6 through the .xlsx host (ExcelJS): a formula cell with no saved result is a located error, never a blank
 * cell (a formula whose saved result is 0 still reads as 0); every documented table spelling is found.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxHost } from '../../src/hosts/xlsx';
import { parseModel, readModel, type ParseResult } from '../../src/workbook/contract';
import type { CellValue, TableGrid } from '../../src/workbook/port';
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

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-xlsx-cells-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

type XlsxCell = CellValue | { formula: string; result?: number | string };

/** The fixture grids as real Excel tables in a .xlsx file; `cells` overrides cells by table, data row and header. */
async function writeWorkbook(
  grids: Map<string, TableGrid>,
  cells: { table: string; row: number; header: string; value: XlsxCell }[] = [],
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids.values()) {
    const ws = wb.getWorksheet(g.sheet) ?? wb.addWorksheet(g.sheet);
    const rows: XlsxCell[][] = g.rows.map((r) => [...r]);
    for (const c of cells.filter((x) => x.table === g.name)) rows[c.row][g.headers.indexOf(c.header)] = c.value;
    ws.addTable({
      name: g.name,
      ref: `${String.fromCharCode(64 + g.firstColumn)}${g.headerRow}`,
      headerRow: true,
      columns: g.headers.map((name) => ({ name })),
      rows: rows,
    });
  }
  const file = path.join(dir, 'in.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const hostOf = (file: string) => new XlsxHost(file, path.join(dir, 'out.xlsx'));

describe('a formula with no saved value (script-written files, ERP exports)', () => {
  test('is a located es/en error in an optional column, where blank would have meant the default', async () => {
    const file = await writeWorkbook(workbook(), [
      { table: 'Clientes', row: 1, header: 'Participación CEDIS', value: { formula: 'D3/100' } },
    ]);
    const res = await readModel(hostOf(file));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors).toEqual([
      {
        code: 'formula_without_value',
        sheet: 'Clientes',
        table: 'Clientes',
        row: 3,
        column: 'Participación CEDIS',
        address: 'Clientes!E3',
        es:
          'Tabla Clientes, fila 3, columna «Participación CEDIS» (Clientes!E3): fórmula sin valor guardado (=D3/100): ' +
          'abra y guarde el archivo en Excel, o recalcúlelo.',
        en:
          'Table Clientes, row 3, column "Participación CEDIS" (Clientes!E3): formula without a saved value ' +
          '(=D3/100): open and save the file in Excel, or recalculate it.',
      },
    ]);
  });

  test('is the same error in a required column (not "blank required")', async () => {
    const file = await writeWorkbook(workbook(), [
      { table: 'Clientes', row: 0, header: 'Días de crédito', value: { formula: '30*3' } },
      { table: 'VolumenesBase', row: 0, header: 'Periodo', value: { formula: 'TEXT(TODAY(),"yyyy-mm")' } },
    ]);
    const res = await readModel(hostOf(file));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors.map((e) => [e.code, e.address])).toEqual([
      ['formula_without_value', 'Clientes!D2'],
      ['formula_without_value', "'Volúmenes base'!D4"],
    ]);
  });

  test('a formula Excel calculated to "" (saved as empty text, dropped by ExcelJS) is a blank cell', async () => {
    const file = await writeWorkbook(workbook(), [
      { table: 'Clientes', row: 0, header: 'Participación CEDIS', value: { formula: 'IF(D2>60,"",0.5)', result: '' } },
    ]);
    const res = await readModel(hostOf(file));
    expect(res.ok ? [] : res.errors).toEqual([]);
    if (!res.ok) return;
    expect(res.model.customers[0]).toMatchObject({ id: 'WMX', dcShare: 0 });
  });

  test('a formula whose saved result is 0 (dropped from ExcelJS cell.value) still reads as 0', async () => {
    const file = await writeWorkbook(workbook(), [
      { table: 'Clientes', row: 0, header: 'Días de crédito', value: { formula: 'E2*0', result: 0 } },
      { table: 'Clientes', row: 0, header: 'Participación CEDIS', value: { formula: '1-1', result: 0 } },
    ]);
    const grids = await hostOf(file).readTables(['Clientes']);
    expect(grids.get('Clientes')!.rows[0]).toEqual(['WMX', 'Walmart de México', 'moderno', 0, 0]);
    const res = await readModel(hostOf(file));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.model.customers[0]).toMatchObject({ id: 'WMX', paymentDays: 0, dcShare: 0 });
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
    const res = await readModel(hostOf(await writeWorkbook(grids)));
    expect(summary(res)).toEqual(BASELINE);
  });

  test('readTables finds a table under any documented spelling, keyed as asked', async () => {
    const grids = workbook();
    const g = grids.get('Parametros')!;
    grids.delete('Parametros');
    grids.set('Parámetros', { ...g, name: 'Parámetros' });
    const read = await hostOf(await writeWorkbook(grids)).readTables(['Settings', 'Parametros', 'Configuración']);
    expect([...read.keys()]).toEqual(['Parametros']);
    expect(read.get('Parametros')!.name).toBe('Parámetros');
  });
});
