/**
 * Issue 6 through the in-browser host: every documented table spelling is found, and a .xlsx opened in the
 * browser with a formula that has no saved value reports it instead of reading it as blank.
 */
import ExcelJS from 'exceljs';
import { loadMemoryWorkbookFromXlsx, MemoryWorkbook } from '../../src/hosts/memory';
import { parseModel, readModel, type ParseResult } from '../../src/workbook/contract';
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

const digest = () => Promise.resolve('0'.repeat(64));

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
    const wb = MemoryWorkbook.fromTables('libro', [...grids.values()], { digest });
    const res = await readModel(wb);
    expect(summary(res)).toEqual(BASELINE);
  });

  test('readTables keys a table by the first name asked for that matches it', async () => {
    const grids = workbook();
    const g = grids.get('Parametros')!;
    const wb = MemoryWorkbook.fromTables('libro', [{ ...g, name: 'Parámetros' }], { digest });
    const read = await wb.readTables(['Settings', 'Parametros', 'Configuración']);
    expect([...read.keys()]).toEqual(['Parametros']);
    expect(read.get('Parametros')!.name).toBe('Parámetros');
  });
});

test('a .xlsx with a formula that has no saved value: a located error, not a blank cell', async () => {
  const excel = new ExcelJS.Workbook();
  for (const g of workbook().values()) {
    const ws = excel.getWorksheet(g.sheet) ?? excel.addWorksheet(g.sheet);
    const rows: unknown[][] = g.rows.map((r) => [...r]);
    if (g.name === 'Clientes') rows[1][4] = { formula: 'D3/100' };
    ws.addTable({
      name: g.name,
      ref: `${String.fromCharCode(64 + g.firstColumn)}${g.headerRow}`,
      headerRow: true,
      columns: g.headers.map((name) => ({ name })),
      rows: rows as ExcelJS.CellValue[][],
    });
  }
  const bytes = new Uint8Array(await excel.xlsx.writeBuffer());
  const wb = await loadMemoryWorkbookFromXlsx(bytes, 'script.xlsx', { digest });
  const res = await readModel(wb);
  expect(res.ok ? [] : res.errors.map((e) => [e.code, e.address])).toEqual([['formula_without_value', 'Clientes!E3']]);
});
