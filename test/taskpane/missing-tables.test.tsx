/** @jest-environment jsdom */
/**
 * A workbook without the input tables: the pane lists the missing tables and offers to create them; one click adds
 * every input table on new sheets (the in-browser workbook: without drop-downs, which the message says), reads the
 * workbook again, and the pane is ready on the template's example model. Nothing the workbook had is touched.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { INPUT_TABLES } from '../../src/workbook/contract/specs';
import { renderPane, waitForPhase } from './render';

test('missing tables: offered, created on new sheets, then the pane is ready', async () => {
  const user = userEvent.setup();
  const host = MemoryWorkbook.fromTables('libro-nuevo.xlsx', [
    {
      name: 'Notas',
      sheet: 'Clientes',
      headerRow: 1,
      firstColumn: 1,
      headers: ['Nota'],
      rows: [['mi lista de clientes']],
    },
  ]);
  renderPane(host, 'es');
  await waitForPhase('invalid');
  expect(screen.getAllByTestId('contract-error')[0].textContent).toContain('Falta la tabla');
  const offer = screen.getByTestId('add-tables-offer');
  expect(offer.textContent).toContain('Faltan tablas de entrada');

  await user.click(screen.getByTestId('add-tables'));
  await waitForPhase('ready', 30000);
  const added = screen.getByTestId('tables-added').textContent ?? '';
  expect(added).toContain('Se crearon Parametros, Clientes (Clientes (2)), Productos');
  expect(added).toContain('sin ellas');
  expect(screen.queryByTestId('add-tables-offer')).toBeNull();

  // Every input table is there, the user's own sheet untouched.
  const names = (await host.listTables()).map((t) => t.name);
  for (const spec of INPUT_TABLES) expect(names).toContain(spec.es);
  expect((await host.readTables(['Notas'])).get('Notas')!.rows).toEqual([['mi lista de clientes']]);
}, 60000);
