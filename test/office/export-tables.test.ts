/**
 * exportTables through the Office host: input tables opened in Excel as a NEW workbook (Excel.createWorkbook with the
 * .xlsx bytes in base64, ExcelApi 1.8), never written into the user's. The fake keeps each workbook it was asked to
 * create; ExcelJS reads it back. Below 1.8 the host refuses with export_unsupported (saying to use the CLI) and
 * nothing is created; Excel's own refusal comes back wrapped with its code.
 */
import ExcelJS from 'exceljs';
import { FakeExcel } from '../fakes/excel';
import { HostError } from '../../src/hosts/office';
import { readTablesOf } from '../support/exceljs';
import { computeModel, computeScenario } from '../../src/engine';
import { parseModel, readModel } from '../../src/workbook/contract';
import { INPUT_TABLE_NAMES } from '../../src/workbook/contract/specs';
import { exportAgreedBase } from '../../src/workbook/scenario-export';
import type { TableGrid } from '../../src/workbook/port';
import { base64Of } from '../../src/hosts/office/base64';
import { hostOn, sampleTables } from './support';

jest.setTimeout(60_000);

/** The workbook Excel was asked to open, as ExcelJS reads the base64 .xlsx. */
async function opened(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a HostError');
}

/** Two small input tables, written where they were (the second at C4). */
const GRIDS: TableGrid[] = [
  {
    name: 'Clientes',
    sheet: 'Clientes',
    headerRow: 1,
    firstColumn: 1,
    headers: ['ID cliente', 'Nombre', 'Canal'],
    rows: [
      ['WMX', 'Walmart de México', 'autoservicio'],
      ['OXXO', 'OXXO', 'conveniencia'],
    ],
  },
  {
    name: 'Condiciones',
    sheet: 'Condiciones',
    headerRow: 4,
    firstColumn: 3,
    headers: ['ID condición', 'ID cliente', 'Tasa'],
    rows: [
      ['WMX-03', 'WMX', 0.11],
      ['OXXO-04', 'OXXO', null],
    ],
  },
];

test('the tables open in Excel as a new workbook holding exactly them; the user’s workbook is not touched', async () => {
  const fake = new FakeExcel({ workbookName: 'Tratos 2026.xlsx', sheets: ['Portada'] });
  const host = hostOn(fake);
  const report = await host.exportTables(GRIDS, 'Tratos 2026-base-WMX-P1.xlsx');
  expect(report).toEqual({ target: 'Tratos 2026-base-WMX-P1.xlsx', delivery: 'new_workbook' });
  expect(fake.createdWorkbooks).toHaveLength(1);
  expect(fake.syncCount).toBe(0); // nothing sent to the user's workbook
  expect(fake.sheetNames()).toEqual(['Portada']);

  const wb = await opened(fake.createdWorkbooks[0]);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Clientes', 'Condiciones']);
  const back = readTablesOf(wb, ['Clientes', 'Condiciones']);
  expect(back.get('Clientes')).toEqual(GRIDS[0]);
  expect(back.get('Condiciones')).toEqual(GRIDS[1]);
  expect(wb.getWorksheet('Condiciones')!.getCell('E5').value).toBe(0.11);
});

test('the agreed WMX-P1 through the host: read from the fake, opened as a base whose figures are the scenario’s', async () => {
  const tables = await sampleTables();
  const fake = new FakeExcel({ workbookName: 'sample-trade-terms.xlsx', sheets: ['Léame'] });
  for (const t of tables) fake.seedTable(t);
  const before = new Map(tables.map((t) => [t.name, JSON.stringify(fake.table(t.name))]));
  const host = hostOn(fake);
  const old = await readModel(host);
  if (!old.ok) throw new Error(old.errors.map((e) => e.en).join('\n'));
  const p1 = old.model.scenarios!.find((s) => s.id === 'WMX-P1')!;

  const report = await exportAgreedBase(host, { ...p1, status: 'agreed' });
  expect(report.target).toBe('sample-trade-terms-base-WMX-P1.xlsx');
  expect(report.delivery).toBe('new_workbook');
  expect(report.notes.map((n) => n.es)).toContain(
    'Se quitaron los escenarios de WMX (WMX-P1, WMX-C1): eran relativos a la base anterior.',
  );
  // The user's workbook: only read.
  expect(fake.writes).toEqual([]);
  for (const t of tables) expect([t.name, JSON.stringify(fake.table(t.name))]).toEqual([t.name, before.get(t.name)]);

  const wb = await opened(fake.createdWorkbooks[0]);
  const grids = readTablesOf(wb, INPUT_TABLE_NAMES);
  // WMX-P1's levers, in the cells: WMX-03's rate 10 % → 11 %, two exhibitions copied from WMX-EXH-JUG, +0.5 % list
  // price from 2026-02-01; its customer's scenarios gone.
  const terms = grids.get('Condiciones')!;
  const rate = terms.headers.indexOf('Tasa o monto');
  expect(terms.rows.filter((r) => r[0] === 'WMX-03').map((r) => r[rate])).toEqual([0.11]);
  expect(terms.rows.filter((r) => r[0] === 'WMX-09').map((r) => r[rate])).toEqual([0.04]); // not a lever: as it was
  const promos = grids.get('Promociones')!;
  expect(promos.rows.map((r) => r[0]).filter((id) => typeof id === 'string' && id.startsWith('WMX-EXH'))).toEqual([
    'WMX-EXH-JUG',
    'WMX-EXH-JUL',
    'WMX-EXH-AGO',
  ]);
  const parsed = parseModel(grids);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.en).join('\n'));
  expect(parsed.model.scenarios!.map((s) => s.id)).toEqual(['OXXO-T3', 'MELI-HS']);
  expect(parsed.model.priceChanges!.map((c) => [c.effectiveDate, c.changePct])).toContainEqual(['2026-02-01', 0.005]);

  const expected = computeScenario(old.model, computeModel(old.model), p1);
  const actual = computeModel(parsed.model);
  const k = old.model.customers.findIndex((c) => c.id === 'WMX');
  for (const f of ['grossSales', 'onInvoice', 'offInvoice', 'netSales', 'contribution', 'promoSpend'] as const)
    expect([f, actual.customers[k].totals[f]]).toEqual([f, expect.closeTo(expected.customers[k].totals[f], 2)]);
});

test('below ExcelApi 1.8 (the manifest asks for 1.7): export_unsupported naming the CLI, nothing created', async () => {
  const fake = new FakeExcel({ apiVersion: '1.7' });
  const e = await rejection(hostOn(fake).exportTables(GRIDS, 'x.xlsx'));
  expect(e.code).toBe('export_unsupported');
  expect(e.es).toContain('Excel.createWorkbook requiere ExcelApi 1.8');
  expect(e.es).toContain('npx trade-terms export-base <su libro.xlsx> --scenario <ID>');
  expect(e.en).toContain('Excel.createWorkbook needs ExcelApi 1.8');
  expect(e.en).toContain('npx trade-terms export-base <your workbook.xlsx> --scenario <ID>');
  expect(fake.createdWorkbooks).toEqual([]);
  // A host made without Excel.createWorkbook says the same.
  const none = await rejection(hostOn(new FakeExcel(), { createWorkbook: undefined }).exportTables(GRIDS, 'x.xlsx'));
  expect(none.code).toBe('export_unsupported');
});

test('Excel refusing the new workbook: its code and message reach the user, wrapped, never swallowed', async () => {
  const fake = new FakeExcel();
  fake.failCreateWorkbook('AccessDenied');
  const e = await rejection(hostOn(fake).exportTables(GRIDS, 'x.xlsx'));
  expect(e.excelCode).toBe('AccessDenied');
  expect(e.errorLocation).toBe('Excel.createWorkbook');
  expect(e.es).toContain('al abrir la base exportada como libro nuevo');
  expect(e.en).toContain('while opening the exported base as a new workbook');
  expect(fake.createdWorkbooks).toEqual([]);
});

test('base64 as RFC 4648 writes it: padding by length, and every byte value', () => {
  const bytes = (t: string) => new TextEncoder().encode(t);
  expect(base64Of(bytes(''))).toBe('');
  expect(base64Of(bytes('M'))).toBe('TQ==');
  expect(base64Of(bytes('Ma'))).toBe('TWE=');
  expect(base64Of(bytes('Man'))).toBe('TWFu');
  expect(base64Of(bytes('México'))).toBe('TcOpeGljbw==');
  const all = Uint8Array.from({ length: 256 * 40 + 2 }, (_, i) => (i * 7) % 256); // past one 8 KB line, then 2 left
  expect(base64Of(all)).toBe(Buffer.from(all).toString('base64'));
});
