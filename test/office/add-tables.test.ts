/**
 * WorkbookHost.addInputTables through Excel (the fake): an empty workbook gets every input table of the template on
 * new sheets, with drop-down lists from ExcelApi 1.8 (long lists from a hidden sheet), and then reads as a valid
 * model; nothing existing is touched (a taken sheet name gets " (2)", an existing table is skipped); below 1.8 the
 * tables come without drop-downs and the report says so.
 */
import { FakeExcel } from '../fakes/excel';
import { parseModel } from '../../src/workbook/contract';
import { INPUT_TABLES, INPUT_TABLE_NAMES } from '../../src/workbook/contract/specs';
import { missingTablesRequest } from '../../src/workbook/template';
import { hostOn } from './support';

const listOf = (fake: FakeExcel, sheet: string, col: number) =>
  fake.state.sheets.find((s) => s.name === sheet)!.validations.find((v) => v.rect.c0 === col && v.rect.r0 === 1)?.rule
    .list.source;

test('an empty workbook: every input table on new sheets, drop-downs, instructions; then it reads as a valid model', async () => {
  const fake = new FakeExcel({ sheets: ['Portada', 'Condiciones'] });
  fake.state.sheets[1].values[0] = ['mis notas'];
  const host = hostOn(fake);
  const report = await host.addInputTables(missingTablesRequest('es', []));
  expect(report.dropDowns).toBe(true);
  expect(report.skipped).toEqual([]);
  expect(report.added.map((a) => a.table)).toEqual([...INPUT_TABLES.map((s) => s.es), 'Instrucciones']);
  // The user's own sheet named "Condiciones" is left alone: the table goes to "Condiciones (2)".
  expect(report.added.find((a) => a.table === 'Condiciones')!.sheet).toBe('Condiciones (2)');
  expect(fake.state.sheets.find((s) => s.name === 'Condiciones')!.values[0]).toEqual(['mis notas']);

  // Drop-downs: literal lists (channels in column C of Clientes; term kinds in C of Condiciones).
  expect(listOf(fake, 'Clientes', 2)).toBe('moderno,conveniencia,e-commerce,mayoreo,tradicional');
  expect(listOf(fake, 'Condiciones (2)', 2)!.split(',')).toHaveLength(13);

  const grids = await host.readTables(INPUT_TABLE_NAMES);
  const parsed = parseModel(grids);
  expect(parsed.ok && parsed.warnings).toEqual([]);
});

test('tables the workbook has are skipped; below ExcelApi 1.8 the tables come without drop-downs', async () => {
  const fake = new FakeExcel({ sheets: ['Hoja1'], apiVersion: '1.7' });
  fake.seedTable({
    name: 'Clientes',
    sheet: 'Hoja1',
    headerRow: 1,
    firstColumn: 1,
    headers: ['ID cliente', 'Nombre', 'Canal', 'Días de crédito'],
    rows: [['WMX', 'Walmart de México', 'moderno', 90]],
  });
  const host = hostOn(fake);
  const request = missingTablesRequest('en', ['Clientes']);
  expect(request.tables.map((t) => t.name)).not.toContain('Customers');
  const report = await host.addInputTables({
    ...request,
    tables: [...request.tables, { ...request.tables[0], name: 'Clientes' }],
  });
  expect(report.dropDowns).toBe(false);
  expect(report.skipped).toEqual(['Clientes']);
  expect(fake.state.sheets.every((s) => s.validations.length === 0)).toBe(true);
  expect(report.added.map((a) => a.table)).toContain('Instructions');
});

test('a list too long for a literal (255 characters) is read from a hidden sheet', async () => {
  const fake = new FakeExcel({ sheets: ['Hoja1'] });
  const long = Array.from({ length: 40 }, (_, i) => `valor número ${i + 1}`);
  const report = await hostOn(fake).addInputTables({
    tables: [
      { name: 'Listas', sheet: 'Listas', headerRow: 1, firstColumn: 1, headers: ['A', 'B'], rows: [['x', 'y']] },
    ],
    dropDowns: new Map([['Listas', [{ column: 1, values: long }]]]),
    numberFormats: new Map(),
  });
  expect(report.dropDowns).toBe(true);
  expect(listOf(fake, 'Listas', 1)).toBe("='ttm_listas'!$A$1:$A$40");
  const lists = fake.state.sheets.find((s) => s.name === 'ttm_listas')!;
  expect(lists.visibility).toBe('Hidden');
  expect(lists.values.map((r) => r[0])).toEqual(long);
});
