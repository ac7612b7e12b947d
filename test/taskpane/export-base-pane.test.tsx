/** @jest-environment jsdom */
/**
 * «Exportar como nueva base» in the whole pane, on the bundled sample in an in-memory workbook: a scenario set to
 * agreed offers it; the click reads the input tables, writes the scenario's levers in and hands a NEW .xlsx to the
 * host's download; the pane says where it went and what to roll forward. A host that cannot export shows the button
 * disabled with the reason; a host error is shown with its own text.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import { readTablesOf } from '../support/exceljs';
import { MemoryWorkbook } from '../../src/hosts/memory';
import { parseModel } from '../../src/workbook/contract';
import { INPUT_TABLE_NAMES } from '../../src/workbook/contract/specs';
import { renderPane, waitForPhase } from './render';
import { nodeDigest, sampleGrids } from './sample';

jest.setTimeout(90_000);

async function paneOn(host: MemoryWorkbook) {
  const user = userEvent.setup();
  renderPane(host);
  await waitForPhase('ready');
  await user.selectOptions(screen.getByTestId('customer-picker'), 'WMX');
  return user;
}

/** Opens WMX-P1's detail and sets its status to agreed (in the pane: not saved). */
async function agreeP1(user: ReturnType<typeof userEvent.setup>) {
  expect(screen.queryByTestId('scenario-WMX-P1-export')).toBeNull(); // «Enviado»: nothing to export yet
  await user.click(screen.getByRole('button', { name: 'Detalle de WMX-P1' }));
  await user.selectOptions(screen.getByRole('combobox', { name: 'Estado · WMX-P1' }), 'agreed');
}

test('an agreed scenario exported: a new .xlsx downloaded with its levers, the notes shown, the workbook unchanged', async () => {
  const files: { bytes: Uint8Array; name: string }[] = [];
  const host = MemoryWorkbook.fromTables('sample-trade-terms.xlsx', await sampleGrids(), {
    digest: nodeDigest,
    download: (bytes, name) => {
      files.push({ bytes, name });
    },
  });
  const before = host.tables().map((t) => JSON.stringify(host.table(t.name)));
  const user = await paneOn(host);
  await agreeP1(user);

  const button = screen.getByRole('button', { name: 'Exportar como nueva base · WMX-P1' });
  expect(button).toHaveTextContent('Exportar como nueva base');
  expect(button).toHaveAccessibleDescription(
    'Se exporta tal como se ve aquí, con sus cambios sin guardar; guárdelo para que el libro registre el acuerdo. Este libro no cambia.',
  );
  // A scenario that is not agreed offers no export.
  expect(screen.queryByTestId('scenario-WMX-C1-export')).toBeNull();
  await user.click(button);

  const done = await screen.findByTestId('scenario-WMX-P1-exported', undefined, { timeout: 30000 });
  expect(done).toHaveTextContent('Base con WMX-P1 exportada');
  expect(done).toHaveTextContent(
    'Se descargó «sample-trade-terms-base-WMX-P1.xlsx»: las tablas de entrada con las palancas de WMX-P1. Su libro no cambió.',
  );
  expect(
    within(done)
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual([
    'Se quitaron los escenarios de WMX (WMX-P1, WMX-C1): eran relativos a la base anterior.',
    'El año fiscal, los periodos y los volúmenes del año anterior no cambian: actualícelos para el nuevo año.',
  ]);

  expect(files.map((f) => f.name)).toEqual(['sample-trade-terms-base-WMX-P1.xlsx']);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(files[0].bytes) as unknown as ExcelJS.Buffer);
  const parsed = parseModel(readTablesOf(wb, INPUT_TABLE_NAMES));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.en).join('\n'));
  expect(parsed.model.terms.find((t) => t.id === 'WMX-03')?.rate).toBe(0.11); // 10 % in the sample
  expect(parsed.model.scenarios!.map((s) => s.id)).toEqual(['OXXO-T3', 'MELI-HS']);
  // The user's workbook: nothing written, the status change still only in the pane.
  expect(host.tables().map((t) => JSON.stringify(host.table(t.name)))).toEqual(before);
  expect(screen.getByTestId('scenario-WMX-P1-status')).toHaveTextContent('Acordado');

  await user.click(within(done).getByRole('button', { name: 'Cerrar mensaje' }));
  expect(screen.queryByTestId('scenario-WMX-P1-exported')).toBeNull();
});

test('a host without exportTables: the button is disabled and says what to do instead', async () => {
  const host = MemoryWorkbook.fromTables('sample-trade-terms.xlsx', await sampleGrids(), { digest: nodeDigest });
  Object.defineProperty(host, 'exportTables', { value: undefined });
  const user = await paneOn(host);
  await agreeP1(user);
  const button = screen.getByRole('button', { name: 'Exportar como nueva base · WMX-P1' });
  expect(button).toHaveAttribute('aria-disabled', 'true');
  expect(button).toHaveAccessibleDescription(
    'Este libro no puede exportar una base desde el panel: use npx trade-terms export-base <su libro.xlsx> --scenario <ID>.',
  );
  await user.click(button);
  expect(screen.queryByTestId('scenario-WMX-P1-exported')).toBeNull();
  expect(screen.queryByTestId('scenario-WMX-P1-export-error')).toBeNull();
});

test("the host's error is shown with its own text (a memory workbook with nowhere to download to)", async () => {
  const host = MemoryWorkbook.fromTables('sample-trade-terms.xlsx', await sampleGrids(), { digest: nodeDigest });
  const user = await paneOn(host);
  await agreeP1(user);
  await user.click(screen.getByRole('button', { name: 'Exportar como nueva base · WMX-P1' }));
  const error = await screen.findByTestId('scenario-WMX-P1-export-error', undefined, { timeout: 30000 });
  expect(error).toHaveTextContent('No se exportó la base');
  expect(error).toHaveTextContent(
    'Este libro en memoria no tiene a dónde descargar archivos, así que la base no se exportó; el libro no cambió.',
  );
  await waitFor(() => expect(screen.getByRole('button', { name: /^Exportar como nueva base/ })).toBeEnabled());
});
