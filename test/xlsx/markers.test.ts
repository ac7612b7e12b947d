/**
 * The .xlsx host marks its result sheets with the same owner markers as the other hosts (workbook-scoped: ExcelJS
 * cannot write a sheet-scoped or hidden defined name, see src/hosts/xlsx/write.ts), recognises them when a
 * workbook it writes into already holds a previous run's results, and the memory host recognises them on loading.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { computeModel, type Lang } from '../../src/engine';
import { XlsxHost, HostError } from '../../src/hosts/xlsx';
import { resultSheetsByRole, writeResultsInto } from '../support/exceljs';
import { loadMemoryWorkbookFromXlsx } from '../../src/hosts/memory';
import { ownerMarkerName, type ResultsPlan } from '../../src/workbook/port';
import { buildResultsPlan, RESULT_SHEET_NAMES } from '../../src/workbook/results';
import { tinyModel } from './fixture';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-markers-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function planIn(lang: Lang): ResultsPlan {
  const model = tinyModel();
  const source = { name: 'entrada.xlsx', fingerprint: '0'.repeat(64), fingerprintOf: 'file' as const };
  return buildResultsPlan(model, computeModel(model), { lang, source, runAt: new Date(Date.UTC(2026, 0, 15)) });
}

async function inputFile(): Promise<string> {
  const file = path.join(dir, 'entrada.xlsx');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Clientes').addTable({
    name: 'Customers',
    ref: 'A1',
    columns: [{ name: 'Id' }, { name: 'Nombre' }],
    rows: [['WMT', 'Walmart de México']],
  });
  await wb.xlsx.writeFile(file);
  return file;
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

test('a file written in Spanish carries an owner marker per result sheet, read back with ExcelJS', async () => {
  const out = path.join(dir, 'resultados.xlsx');
  const plan = planIn('es');
  await new XlsxHost(await inputFile(), out).writeResults(plan);
  const wb = await read(out);
  const byRole = resultSheetsByRole(wb);
  expect(Object.fromEntries(byRole)).toEqual(Object.fromEntries(plan.sheets.map((s) => [s.role, s.name])));
  const model = wb.definedNames.model.find((n) => n.name === ownerMarkerName('pnl'));
  expect(model?.ranges).toEqual([`'${RESULT_SHEET_NAMES.pnl.es}'!$A$1`]);
});

test('the same workbook re-run in English: its sheets replaced in place, renamed, no "table name taken"', async () => {
  const out = path.join(dir, 'resultados.xlsx');
  await new XlsxHost(await inputFile(), out).writeResults(planIn('es'));
  const wb = await read(out);
  const order = wb.worksheets.map((w) => w.name);
  // A user's sheet pointing at the P&L, and a formula that must follow the rename.
  const mine = wb.addWorksheet('Resumen');
  mine.getCell('A1').value = { formula: `'${RESULT_SHEET_NAMES.pnl.es}'!C2*2`, result: 0 };

  const en = planIn('en');
  const written = writeResultsInto(wb, en);
  expect(written.sheetsWritten).toEqual(en.sheets.map((s) => s.name));
  expect(written.renamed[0]).toEqual({ from: RESULT_SHEET_NAMES.pnl.es, to: RESULT_SHEET_NAMES.pnl.en });
  // Same places, English names, the user's sheet kept (last).
  expect(wb.worksheets.map((w) => w.name)).toEqual([...en.sheets.map((s) => s.name), 'Resumen']);
  expect(order).toHaveLength(en.sheets.length);
  expect(mine.getCell('A1').formula).toBe(`'${RESULT_SHEET_NAMES.pnl.en}'!C2*2`);
  expect(Object.fromEntries(resultSheetsByRole(wb))).toEqual(
    Object.fromEntries(en.sheets.map((s) => [s.role, s.name])),
  );
  // And it saves and reloads as a valid workbook holding the English results only.
  const again = path.join(dir, 'results.xlsx');
  await wb.xlsx.writeFile(again);
  const reloaded = await read(again);
  expect(reloaded.worksheets.map((w) => w.name)).toEqual([...en.sheets.map((s) => s.name), 'Resumen']);
});

test('a sheet of a result’s name that carries no marker is never replaced', () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(RESULT_SHEET_NAMES.pnl.es).getCell('A1').value = 'mío';
  let err: unknown;
  try {
    writeResultsInto(wb, planIn('es'));
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(HostError);
  expect((err as HostError).code).toBe('sheet_holds_input');
  expect(wb.getWorksheet(RESULT_SHEET_NAMES.pnl.es)!.getCell('A1').value).toBe('mío');
});

test('the memory host loads a results file with its result sheets recognised, and rewrites them in English', async () => {
  const out = path.join(dir, 'resultados.xlsx');
  await new XlsxHost(await inputFile(), out).writeResults(planIn('es'));
  const memory = await loadMemoryWorkbookFromXlsx(await fs.readFile(out), 'resultados.xlsx');
  const es = planIn('es');
  expect(memory.resultSheetNames()).toEqual(es.sheets.map((s) => s.name));
  const report = await memory.writeResults(planIn('en'));
  expect(memory.resultSheetNames()).toEqual(planIn('en').sheets.map((s) => s.name));
  expect(report.notices?.[0].code).toBe('results_replaced_other_language');
});

test('inputFingerprint reads the file again: a change saved since the run read it shows; results never count', async () => {
  const input = await inputFile();
  const host = new XlsxHost(input, path.join(dir, 'out.xlsx'));
  await host.readTables(['Customers']);
  const before = await host.inputFingerprint();
  await host.writeResults(planIn('es'));
  expect(await host.inputFingerprint()).toBe(before);
  const wb = await read(input);
  wb.getWorksheet('Clientes')!.getCell('B2').value = 'Walmart';
  await wb.xlsx.writeFile(input);
  expect(await host.inputFingerprint()).not.toBe(before);
});
