/** @jest-environment jsdom */
/**
 * The pane's mapping editor on an ERP workbook (the sample's volumes, customers and terms under the KAM's own tables
 * and headers, no mapping yet): the model's tables with their status; a table mapped by picking its source (the
 * suggestions taken at once, one click to take them again after a change), the coverage, what is left to decide,
 * the preview as the model reads it; saved (a hidden mapping sheet), the workbook read again and ready with the same
 * numbers as the fixture's own mapping; edited; removed.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { computeModel } from '../../src/engine';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { readModel } from '../../src/workbook/contract';
import { BASE_VOLUMES } from '../../src/workbook/contract/specs';
import { loadMemoryWorkbookFromXlsx } from '../../src/hosts/memory';
import { erpExport, erpRangeExport, SALES_RANGE } from '../fixtures/mapped-workbooks';
import { Kit } from '../fixtures/broken-workbooks';
import { renderPane, waitForPhase } from './render';

async function unmappedErp(): Promise<{ host: MemoryWorkbook; reference: MemoryWorkbook }> {
  const k = await erpExport();
  const reference = MemoryWorkbook.fromTables(
    'erp.xlsx',
    k.tables.map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) })),
  );
  k.drop('ttm_Mapeo');
  return { host: MemoryWorkbook.fromTables('erp.xlsx', k.tables), reference };
}

const mappingRows = async (host: Pick<MemoryWorkbook, 'readTables'>) =>
  ((await host.readTables(['ttm_Mapeo'])).get('ttm_Mapeo')?.rows ?? []).filter((r) => r[1] !== null);

test('an ERP workbook mapped from the pane: suggestions, coverage, preview, save, edit and remove', async () => {
  const user = userEvent.setup();
  const { host, reference } = await unmappedErp();
  renderPane(host, 'es');
  await waitForPhase('invalid');

  await user.click(screen.getByTestId('mapping-open'));
  const list = await screen.findByTestId('mapping-tables');
  expect(within(list).getByTestId('mapping-table-BaseVolumes').textContent).toContain('Falta (obligatoria)');
  expect(within(list).getByTestId('mapping-table-Products').textContent).toContain('En el libro');
  // A table the workbook has is not mapped over.
  expect(screen.queryByTestId('mapping-edit-Products')).toBeNull();

  // VolumenesBase from the ERP's sales: the first pick takes the suggestions.
  await user.click(screen.getByTestId('mapping-edit-BaseVolumes'));
  const editor = await screen.findByTestId('mapping-editor');
  expect(within(editor).getByRole('heading').textContent).toBe('Mapeo de VolumenesBase');
  expect(within(editor).getByText('La vista previa aparece cuando no queda nada por decidir.')).toBeTruthy();
  await user.click(within(screen.getByTestId('mapping-source-VentasERP')).getByRole('checkbox'));
  await waitFor(() => expect(screen.getByTestId('mapping-preview')).toBeTruthy());
  // Every column of VolumenesBase read from the ERP's own (the table has exactly these eight).
  expect(BASE_VOLUMES.columns).toHaveLength(8);
  expect(screen.getByTestId('mapping-coverage').textContent).toBe(
    'CoberturaLeídas de su tabla (8): ID cliente, SKU, Periodo, Volumen base, Volumen real, Precio de lista, Volumen año anterior, Precio de lista año anterior',
  );
  const select = (id: string) => within(screen.getByTestId(`mapping-column-${id}`)).getByRole('combobox');
  expect(select('customerId')).toHaveValue('column:Cve. cliente');
  expect(select('actualVolume')).toHaveValue('column:Ctd. facturada');
  // The preview: the sample's first sale as the model reads it (Walmart, the 600 ml bottle, January 2026).
  const preview = screen.getByTestId('mapping-preview');
  expect(preview.textContent).toContain('Vista previa: 3 de 2,904 filas');
  const firstRow = within(preview)
    .getAllByRole('row')
    .slice(1, 4)
    .map((r) => within(r).getAllByRole('cell')[0].textContent);
  expect(firstRow).toEqual(['WMX', 'BOT-001', '2026-01']);

  // A required column unmapped: said, and saving waits; one click takes the suggestions again.
  await user.selectOptions(select('customerId'), '');
  expect(screen.getByTestId('mapping-coverage-missing').textContent).toBe('Obligatorias sin mapear (1): ID cliente');
  await user.selectOptions(select('actualVolume'), '');
  expect(screen.getByTestId('mapping-coverage-default').textContent).toBe(
    'Con su valor predeterminado (1): Volumen real',
  );
  expect(screen.getByTestId('mapping-issues').textContent).toContain(
    '«ID cliente» es obligatoria: elija su columna o escriba una constante.',
  );
  expect(screen.getByTestId('mapping-save')).toBeDisabled();
  expect(
    within(screen.getByTestId('mapping-column-customerId')).getByText('Sugerida: Columna «Cve. cliente»'),
  ).toBeTruthy();
  await user.click(screen.getByTestId('mapping-accept'));
  expect(select('customerId')).toHaveValue('column:Cve. cliente');
  expect(select('actualVolume')).toHaveValue('column:Ctd. facturada');
  expect(screen.queryByTestId('mapping-issues')).toBeNull();

  await user.click(screen.getByTestId('mapping-save'));
  await screen.findByTestId('mapping-saved');
  expect(screen.getByTestId('mapping-saved').textContent).toBe(
    'Mapeo de VolumenesBase guardado en la hoja «ttm_Mapeo» (nueva, oculta); el libro se volvió a leer.',
  );
  expect(host.getSheet('ttm_Mapeo')!.hidden).toBe(true);
  expect(await mappingRows(host)).toHaveLength(8);
  await waitFor(() =>
    expect(screen.getByTestId('mapping-table-BaseVolumes').textContent).toContain('Mapeada desde VentasERP'),
  );

  // Clientes and Condiciones the same way: then the workbook reads, with the numbers of the fixture's mapping.
  for (const [table, source] of [
    ['Customers', 'CatalogoClientes'],
    ['Terms', 'AcuerdosKAM'],
  ]) {
    await user.click(screen.getByTestId(`mapping-edit-${table}`));
    await screen.findByTestId('mapping-editor');
    await user.click(within(screen.getByTestId(`mapping-source-${source}`)).getByRole('checkbox'));
    await waitFor(() => expect(screen.getByTestId('mapping-preview')).toBeTruthy());
    await user.click(screen.getByTestId('mapping-save'));
    await waitFor(() => expect(screen.getByTestId(`mapping-table-${table}`).textContent).toContain(source));
  }
  await waitForPhase('ready', 30000);
  const mapped = await readModel(host);
  const expected = await readModel(reference);
  if (!mapped.ok || !expected.ok) throw new Error('both workbooks should read');
  expect(computeModel(mapped.model).portfolio).toEqual(computeModel(expected.model).portfolio);

  // Edited: the actuals no longer read; only that table's rows change.
  await user.click(screen.getByTestId('mapping-edit-BaseVolumes'));
  await waitFor(() => expect(select('actualVolume')).toHaveValue('column:Ctd. facturada'));
  await user.selectOptions(select('actualVolume'), '');
  await user.click(screen.getByTestId('mapping-save'));
  await screen.findByTestId('mapping-saved');
  await waitFor(async () =>
    expect((await mappingRows(host)).filter((r) => r[1] === 'VolumenesBase').map((r) => r[2])).not.toContain(
      'Volumen real',
    ),
  );

  // Removed: Condiciones comes from nowhere again, and the contract says so.
  await user.click(screen.getByTestId('mapping-remove-Terms'));
  await waitFor(() =>
    expect(screen.getByTestId('mapping-saved').textContent).toBe(
      'Se quitó el mapeo de Condiciones; el libro se volvió a leer.',
    ),
  );
  await waitForPhase('invalid');
  expect((await mappingRows(host)).filter((r) => r[1] === 'Condiciones')).toEqual([]);
  expect(
    screen
      .getAllByTestId('contract-error')
      .map((e) => e.textContent)
      .join(' '),
  ).toContain('Condiciones');
}, 120000);

test('a source that is a plain range: typed, checked, suggested, previewed and saved', async () => {
  const user = userEvent.setup();
  const bytes = await erpRangeExport((k) => void k.drop('ttm_Mapeo'));
  const host = await loadMemoryWorkbookFromXlsx(bytes, 'erp-rango.xlsx');
  renderPane(host, 'es');
  await waitForPhase('invalid');
  await user.click(screen.getByTestId('mapping-open'));
  await user.click(await screen.findByTestId('mapping-edit-BaseVolumes'));
  await screen.findByTestId('mapping-editor');
  // The sales are no table: only the catalogue and the terms are listed.
  expect(screen.queryByTestId('mapping-source-VentasERP')).toBeNull();

  const input = within(screen.getByTestId('mapping-sources')).getByRole('textbox');
  await user.type(input, 'Ventas A3 a H');
  await user.click(screen.getByTestId('mapping-range-add'));
  expect(screen.getByTestId('mapping-sources').textContent).toContain(
    'No es un rango: escriba la hoja, «!» y las celdas, p. ej. Ventas!A3:H.',
  );
  await user.clear(input);
  await user.type(input, SALES_RANGE);
  await user.click(screen.getByTestId('mapping-range-add'));
  await waitFor(() => expect(screen.getByTestId('mapping-preview')).toBeTruthy());
  expect(screen.getByTestId('mapping-source-range').textContent).toBe(`Rango ${SALES_RANGE}`);
  expect(screen.getByTestId('mapping-preview').textContent).toContain('Vista previa: 3 de 2,904 filas');
  await user.click(screen.getByTestId('mapping-save'));
  await screen.findByTestId('mapping-saved');
  const rows = await mappingRows(host);
  expect(rows).toHaveLength(8);
  expect(new Set(rows.map((r) => r[3]))).toEqual(new Set([SALES_RANGE]));
}, 60000);

test('a mapping of a table the workbook also has: the problem shown, and the mapping removed in one click', async () => {
  const user = userEvent.setup();
  const k = await erpExport();
  // The contract's own Clientes back in the workbook beside the mapping of the ERP catalogue.
  const clientes = (await Kit.sample()).table('Clientes');
  const host = MemoryWorkbook.fromTables('erp.xlsx', [...k.tables, clientes]);
  renderPane(host, 'es');
  await waitForPhase('invalid');
  expect(screen.getAllByTestId('contract-error')[0].textContent).toContain(
    'el libro ya tiene la tabla Clientes; quite sus filas del mapeo o la tabla.',
  );
  await user.click(screen.getByTestId('mapping-open'));
  expect((await screen.findByTestId('mapping-errors')).textContent).toContain('el libro ya tiene la tabla Clientes');
  expect(screen.getByTestId('mapping-table-Customers').textContent).toContain('En el libro');
  expect(screen.queryByTestId('mapping-edit-Customers')).toBeNull();
  await user.click(screen.getByTestId('mapping-remove-Customers'));
  await waitForPhase('ready', 30000);
  expect((await mappingRows(host)).filter((r) => r[1] === 'Clientes')).toEqual([]);
}, 60000);
