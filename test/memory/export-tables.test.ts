/**
 * exportTables through the memory host (the browser demo): the agreed scenario's base as a NEW .xlsx handed to the
 * download callback. Read back, its tables parse and its Walmart figures are what computeScenario gives for WMX-P1 on
 * the old base; the in-memory workbook is not changed. Without a callback: export_unsupported, nothing built.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { HostError, loadMemoryWorkbookFromXlsx, MemoryWorkbook } from '../../src/hosts/memory';
import { readTablesOf } from '../support/exceljs';
import { computeModel, computeScenario, type Scenario } from '../../src/engine';
import { parseModel, readModel } from '../../src/workbook/contract';
import { INPUT_TABLE_NAMES } from '../../src/workbook/contract/specs';
import { exportAgreedBase } from '../../src/workbook/scenario-export';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');
jest.setTimeout(60_000);

test('WMX-P1 agreed: the download gets a workbook whose tables parse and whose Walmart figures are the scenario’s', async () => {
  const files: { bytes: Uint8Array; name: string }[] = [];
  const memory = await loadMemoryWorkbookFromXlsx(readFileSync(SAMPLE), 'sample-trade-terms.xlsx', {
    download: (bytes, name) => {
      files.push({ bytes, name });
    },
  });
  const before = memory.tables().map((t) => JSON.stringify(memory.table(t.name)));
  const old = await readModel(memory);
  if (!old.ok) throw new Error('sample invalid');
  const p1 = old.model.scenarios!.find((s) => s.id === 'WMX-P1')!;

  const report = await exportAgreedBase(memory, { ...p1, status: 'agreed' });
  expect(report).toEqual({
    scenarioId: 'WMX-P1',
    target: 'sample-trade-terms-base-WMX-P1.xlsx',
    delivery: 'download',
    notes: [
      {
        es: 'Se quitaron los escenarios de WMX (WMX-P1, WMX-C1): eran relativos a la base anterior.',
        en: "WMX's scenarios (WMX-P1, WMX-C1) were taken out: they were relative to the old base.",
      },
      {
        es: 'El año fiscal, los periodos y los volúmenes del año anterior no cambian: actualícelos para el nuevo año.',
        en: "The fiscal year, the periods and the prior year's volumes are unchanged: roll them forward for the new year.",
      },
    ],
  });
  expect(files.map((f) => f.name)).toEqual(['sample-trade-terms-base-WMX-P1.xlsx']);
  expect(memory.tables().map((t) => JSON.stringify(memory.table(t.name)))).toEqual(before);
  expect(memory.writes).toBe(0);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(files[0].bytes) as unknown as ExcelJS.Buffer);
  const parsed = parseModel(readTablesOf(wb, INPUT_TABLE_NAMES));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.en).join('\n'));
  expect(parsed.model.scenarios!.map((s) => s.id)).toEqual(['OXXO-T3', 'MELI-HS']);
  // WMX-03's rate is the scenario's 11 % (10 % in the sample).
  expect(parsed.model.terms.find((t) => t.id === 'WMX-03')?.rate).toBe(0.11);
  expect(old.model.terms.find((t) => t.id === 'WMX-03')?.rate).toBe(0.1);

  const expected = computeScenario(old.model, computeModel(old.model), p1);
  const actual = computeModel(parsed.model);
  const k = old.model.customers.findIndex((c) => c.id === 'WMX');
  expect(parsed.model.customers[k].id).toBe('WMX');
  for (const f of ['grossSales', 'onInvoice', 'offInvoice', 'netSales', 'contribution', 'promoSpend'] as const)
    expect([f, actual.customers[k].totals[f]]).toEqual([f, expect.closeTo(expected.customers[k].totals[f], 2)]);
  // The scenario changes Walmart's figures: the comparison above is not of the base with itself.
  const base = computeModel(old.model).customers[k].totals;
  expect(Math.abs(actual.customers[k].totals.contribution - base.contribution)).toBeGreaterThan(1000);
});

test('no download callback: export_unsupported in es and en, naming the CLI', async () => {
  const memory = MemoryWorkbook.fromTables('libro.xlsx', [
    { name: 'Clientes', sheet: 'Clientes', headerRow: 1, firstColumn: 1, headers: ['ID cliente'], rows: [['WMX']] },
  ]);
  const e = await memory.exportTables([], 'x.xlsx').catch((err: unknown) => err);
  expect(e).toBeInstanceOf(HostError);
  expect((e as HostError).code).toBe('export_unsupported');
  expect((e as HostError).es).toContain('npx trade-terms export-base <su libro.xlsx> --scenario <ID>');
  expect((e as HostError).en).toContain('npx trade-terms export-base <your workbook.xlsx> --scenario <ID>');
});

test('the scenario as the pane shows it is exported (an unsaved lever included); a broken workbook is refused', async () => {
  const files: Uint8Array[] = [];
  const memory = await loadMemoryWorkbookFromXlsx(readFileSync(SAMPLE), 'Tratos/2026 v2.xlsx', {
    download: (bytes) => {
      files.push(bytes);
    },
  });
  const old = await readModel(memory);
  if (!old.ok) throw new Error('sample invalid');
  const p1 = old.model.scenarios!.find((s) => s.id === 'WMX-P1')!;
  const shown: Scenario = {
    ...p1,
    changes: p1.changes.map((c) =>
      c.target === 'term' && c.field === 'rate' && c.id === 'WMX-03' ? { ...c, value: 0.115 } : c,
    ),
  };
  const report = await exportAgreedBase(memory, shown);
  expect(report.target).toBe('2026 v2-base-WMX-P1.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(files[0]) as unknown as ExcelJS.Buffer);
  const parsed = parseModel(readTablesOf(wb, INPUT_TABLE_NAMES));
  expect(parsed.ok && parsed.model.terms.find((t) => t.id === 'WMX-03')?.rate).toBe(0.115);

  // Input tables that break the contract (no Products table): nothing is built.
  const broken = MemoryWorkbook.fromTables(
    'libro.xlsx',
    [memory.table('Clientes')!, memory.table('Escenarios')!, memory.table('CambiosEscenario')!],
    { download: (bytes) => void files.push(bytes) },
  );
  const e = await exportAgreedBase(broken, p1).catch((err: unknown) => err);
  expect((e as HostError).code).toBe('export_inputs_invalid');
  expect((e as HostError).es).toMatch(/^Las tablas de entrada tienen errores, así que no se exportó la base: /);
  expect(files).toHaveLength(1);
});
