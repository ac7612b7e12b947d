/**
 * The saved mapping written from the pane (src/workbook/mapping/store.ts) through the port: an ERP workbook without a
 * mapping gets one, table by table, from the suggestions; the model it reads is the one the hand-written mapping of
 * the fixture gives; editing replaces only that table's rows; removing takes them out; the user's tables never change.
 */
import { computeModel } from '../../src/engine';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { readModel } from '../../src/workbook/contract';
import { BASE_VOLUMES, CUSTOMERS, TERMS } from '../../src/workbook/contract/specs';
import { suggestDraft, type TableDraft } from '../../src/workbook/mapping/draft';
import { readInputTables } from '../../src/workbook/mapping/mapping';
import { readMappingContext, saveTableMapping } from '../../src/workbook/mapping/store';
import type { TableGrid } from '../../src/workbook/port';
import { erpExport, mappingTable } from '../fixtures/mapped-workbooks';

async function unmapped(): Promise<{
  host: MemoryWorkbook;
  sources: Map<string, TableGrid>;
  reference: MemoryWorkbook;
}> {
  const k = await erpExport();
  const reference = MemoryWorkbook.fromTables(
    'erp.xlsx',
    k.tables.map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) })),
  );
  k.drop('ttm_Mapeo');
  const host = MemoryWorkbook.fromTables('erp.xlsx', k.tables);
  const sources = new Map(k.tables.map((t) => [t.name, t]));
  return { host, sources, reference };
}

const snapshot = async (host: MemoryWorkbook, names: string[]) =>
  JSON.stringify([...(await host.readTables(names)).values()].map((g) => [g.name, g.headers, g.rows]));

test('what the workbook holds: the user’s own tables as sources, the contract tables it has, the fiscal year', async () => {
  const { host } = await unmapped();
  const context = await readMappingContext(host);
  expect(context.tables.map((t) => t.name).sort()).toEqual(['AcuerdosKAM', 'CatalogoClientes', 'VentasERP']);
  expect(context.native.has('Products')).toBe(true);
  expect(context.native.has('BaseVolumes')).toBe(false);
  expect(context.mapping).toBeNull();
  // The sample's Parámetros: Año fiscal 2026.
  expect(context.fiscalYear).toBe(2026);
});

test('created table by table from the suggestions: the same model as the fixture’s own mapping; the user’s tables untouched', async () => {
  const { host, sources, reference } = await unmapped();
  const before = await snapshot(host, ['VentasERP', 'CatalogoClientes', 'AcuerdosKAM']);
  const missing = await readModel(host);
  expect(missing.ok).toBe(false);
  for (const [spec, source] of [
    [BASE_VOLUMES, 'VentasERP'],
    [CUSTOMERS, 'CatalogoClientes'],
    [TERMS, 'AcuerdosKAM'],
  ] as const) {
    const context = await readMappingContext(host);
    const report = await saveTableMapping(
      host,
      context,
      spec.id,
      suggestDraft(spec, [sources.get(source)!]).draft,
      'es',
    );
    expect(report.table).toBe('ttm_Mapeo');
    expect(report.created).toBe(spec === BASE_VOLUMES);
  }
  // The first save made the table, on a hidden sheet of its own.
  expect(host.getSheet('ttm_Mapeo')!.hidden).toBe(true);
  const mapped = await readModel(host);
  const expected = await readModel(reference);
  expect(mapped.ok && expected.ok).toBe(true);
  if (!mapped.ok || !expected.ok) return;
  const got = computeModel(mapped.model);
  const want = computeModel(expected.model);
  expect(got.portfolio.netSales).toBeGreaterThan(0);
  expect(got.portfolio).toEqual(want.portfolio);
  expect(got.customers.map((c) => c.totals)).toEqual(want.customers.map((c) => c.totals));
  expect(await snapshot(host, ['VentasERP', 'CatalogoClientes', 'AcuerdosKAM'])).toBe(before);
});

test('edited: only that table’s rows replaced; removed: its rows gone and the table missing again', async () => {
  const { host, sources } = await unmapped();
  for (const [spec, source] of [
    [BASE_VOLUMES, 'VentasERP'],
    [CUSTOMERS, 'CatalogoClientes'],
  ] as const)
    await saveTableMapping(
      host,
      await readMappingContext(host),
      spec.id,
      suggestDraft(spec, [sources.get(source)!]).draft,
      'es',
    );
  const rowsOf = async () => (await host.readTables(['ttm_Mapeo'])).get('ttm_Mapeo')!.rows.filter((r) => r[1] !== null);
  const customers = (await rowsOf()).filter((r) => r[1] === 'Clientes');
  expect((await rowsOf()).filter((r) => r[1] === 'VolumenesBase')).toHaveLength(8);

  // Edited: actuals no longer read (a plan only), the price from its column as before.
  const plan = suggestDraft(BASE_VOLUMES, [sources.get('VentasERP')!]).draft;
  const { actualVolume: _gone, ...rest } = plan.columns;
  const edited: TableDraft = { ...plan, columns: rest };
  const report = await saveTableMapping(host, await readMappingContext(host), 'BaseVolumes', edited, 'es');
  expect([report.rowsRemoved, report.rowsAdded]).toEqual([8, 7]);
  expect((await rowsOf()).filter((r) => r[1] === 'VolumenesBase').map((r) => r[2])).not.toContain('Volumen real');
  expect((await rowsOf()).filter((r) => r[1] === 'Clientes')).toEqual(customers);

  // Removed: the customers come from nowhere, so the contract says Clientes is missing.
  const removed = await saveTableMapping(host, await readMappingContext(host), 'Customers', null, 'es');
  expect(removed.rowsRemoved).toBe(customers.length);
  expect((await rowsOf()).filter((r) => r[1] === 'Clientes')).toEqual([]);
  const parsed = await readModel(host);
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return;
  expect(parsed.errors.map((e) => e.code)).toContain('missing_table');
  expect(parsed.errors.find((e) => e.code === 'missing_table')!.es).toContain('Clientes');
});

test('a mapping typed by hand in English is replaced, not doubled, when saved from a Spanish pane', async () => {
  const k = await erpExport();
  const mapping = k.table('ttm_Mapeo');
  // The volumes' rows under the English table name.
  for (const r of mapping.rows) if (r[1] === 'VolumenesBase') r[1] = 'BaseVolumes';
  const host = MemoryWorkbook.fromTables('erp.xlsx', k.tables);
  const draft = suggestDraft(BASE_VOLUMES, [k.table('VentasERP')]).draft;
  const report = await saveTableMapping(host, await readMappingContext(host), 'BaseVolumes', draft, 'es');
  expect([report.rowsRemoved, report.rowsAdded]).toEqual([8, 8]);
  const rows = (await host.readTables(['ttm_Mapeo'])).get('ttm_Mapeo')!.rows;
  expect(rows.filter((r) => r[1] === 'BaseVolumes')).toEqual([]);
  expect(rows.filter((r) => r[1] === 'VolumenesBase')).toHaveLength(8);
  expect((await readModel(host)).ok).toBe(true);
  // A mapping table typed without a «Tabla» column cannot be keyed: refused, nothing written.
  const bare = MemoryWorkbook.fromTables('x.xlsx', [
    { ...mappingTable([]), headers: ['Versión', 'Columna'], rows: [[1, 'ID cliente']] },
  ]);
  await expect(
    saveTableMapping(bare, await readMappingContext(bare), 'BaseVolumes', draft, 'es'),
  ).rejects.toMatchObject({
    code: 'mapping_not_writable',
  });
});

test('a saved mapping’s problems are the ones a run reports: none for the fixture, a missing source at the mapping’s cell', async () => {
  const k = await erpExport();
  const whole = MemoryWorkbook.fromTables('erp.xlsx', k.tables);
  expect((await readMappingContext(whole)).errors).toEqual([]);
  k.drop('VentasERP');
  const host = MemoryWorkbook.fromTables('erp.xlsx', k.tables);
  const context = await readMappingContext(host);
  expect(context.errors.map((e) => e.code)).toContain('mapping_source_missing');
  expect(context.errors.every((e) => e.table === 'ttm_Mapeo')).toBe(true);
  expect(context.errors).toEqual((await readInputTables(host)).errors);
});
