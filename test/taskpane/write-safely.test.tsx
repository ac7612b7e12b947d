/** @jest-environment jsdom */
/**
 * The pane's side of writing safely into a live workbook: one write at a time with its progress, Excel waiting for
 * the KAM to leave a cell, an incomplete write that says which sheets it touched, notices after a write, and inputs
 * that changed since they were read (re-read, edits re-applied by term id, vanished terms dropped, recomputed, then
 * written, so the run-info sheet vouches for what was really used).
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { computeModel, type Model } from '../../src/engine';
import { HostError, type MemoryWorkbook } from '../../src/hosts/memory';
import { readModel } from '../../src/workbook/contract';
import { isFormulaCell, type ResultsPlan, type WriteOptions, type WriteReport } from '../../src/workbook/port';
import { buildResultsPlan } from '../../src/workbook/results';
import { politeAnnouncement, renderPane, waitForPhase } from './render';
import { freshWorkbook } from './sample';

/** Changes one input cell of a memory workbook in place, as a colleague typing in Excel would. */
function setInput(wb: MemoryWorkbook, table: string, rowId: string, header: string, value: string | number): void {
  const grid = wb.table(table)!;
  const r = grid.rows.findIndex((row) => row[0] === rowId);
  const c = grid.headers.indexOf(header);
  if (r < 0 || c < 0) throw new Error(`no ${rowId} / ${header} in ${table}`);
  wb.getSheet(grid.sheet)!.setCell(grid.headerRow + 1 + r, grid.firstColumn + c, { value });
}

test('one write at a time, with its progress; Excel waiting for a cell edit is said; notices follow the write', async () => {
  const user = userEvent.setup();
  const host = await freshWorkbook();
  const plans: ResultsPlan[] = [];
  let options: WriteOptions | undefined;
  let finish: (report: WriteReport) => void = () => undefined;
  host.writeResults = (plan, o) => {
    plans.push(plan);
    options = o;
    return new Promise<WriteReport>((resolve) => (finish = resolve));
  };
  renderPane(host);
  await waitForPhase('ready');
  const write = screen.getByTestId('write-results');
  await user.click(write);
  await waitFor(() => expect(plans).toHaveLength(1));
  expect(write).toHaveAttribute('aria-disabled', 'true');
  expect(write).toHaveTextContent('Escribiendo…');
  // A second press while the first write runs starts nothing.
  await user.click(write);
  await user.keyboard('{Enter}');
  expect(plans).toHaveLength(1);
  // Before the host's first batch the size is unknown: an indeterminate bar.
  expect(screen.getByTestId('write-progress')).toHaveTextContent('Preparando la escritura…');
  expect(screen.getByRole('progressbar', { name: 'Progreso de la escritura' })).not.toHaveAttribute('aria-valuenow');

  act(() => options!.onWaiting!('cell_edit'));
  expect(screen.getByTestId('write-waiting')).toHaveTextContent(
    'Excel espera a que salga de la celda que está editando',
  );
  expect(screen.getByTestId('write-waiting')).toHaveTextContent('Presione Entrar o Esc en esa celda');
  act(() => options!.onProgress!(1500, 6000));
  expect(screen.queryByTestId('write-waiting')).not.toBeInTheDocument();
  expect(screen.getByRole('progressbar', { name: 'Progreso de la escritura' })).toHaveAttribute(
    'aria-valuenow',
    '0.25',
  );
  expect(screen.getByTestId('write-progress')).toHaveTextContent('1,500 de 6,000 celdas');

  act(() =>
    finish({
      sheetsWritten: ['TT P&L cliente', 'TT Cascada'],
      cellsWritten: 6000,
      target: 'workbook',
      notices: [
        {
          code: 'chart_fallback',
          es: 'La gráfica de cascada se dibujó como columnas apiladas.',
          en: 'The waterfall chart was drawn as stacked columns.',
        },
      ],
    }),
  );
  const status = await screen.findByTestId('write-status');
  expect(status).toHaveTextContent('Resultados escritos');
  expect(within(screen.getByTestId('write-notices')).getByRole('listitem')).toHaveTextContent(
    'La gráfica de cascada se dibujó como columnas apiladas.',
  );
  // The outcome reached the polite live region; the write button kept the focus all along.
  await waitFor(() => expect(politeAnnouncement()).toContain('Resultados escritos'));
  expect(document.activeElement).toBe(write);
  expect(write).not.toHaveAttribute('aria-disabled', 'true');
}, 60000);

test('an incomplete write says so and lists the sheets it touched; closing the message returns the focus', async () => {
  const user = userEvent.setup();
  const host = await freshWorkbook();
  host.writeResults = () =>
    Promise.reject(
      new HostError(
        'write_incomplete',
        {
          es: 'Excel dejó de responder a media escritura.',
          en: 'Excel stopped answering halfway through the write.',
        },
        { sheetsTouched: ['TT P&L cliente', 'TT Cascada'] },
      ),
    );
  renderPane(host, 'en');
  await waitForPhase('ready');
  await user.click(screen.getByTestId('write-results'));
  const error = await screen.findByTestId('write-error');
  expect(within(error).getByText('Results incomplete')).toBeInTheDocument();
  expect(error).toHaveTextContent('Excel stopped answering halfway through the write.');
  expect(screen.getByTestId('write-incomplete').textContent).toBe(
    'The write stopped and these sheets are incomplete: TT P&L cliente, TT Cascada. Write results again to repair them.',
  );
  await waitFor(() => expect(politeAnnouncement()).toContain('Results incomplete'));
  await user.click(within(error).getByRole('button', { name: 'Dismiss message' }));
  expect(screen.queryByTestId('write-error')).not.toBeInTheDocument();
  expect(document.activeElement).toBe(screen.getByTestId('write-results'));
}, 60000);

test('a write refused because results would overwrite a cell offers to go to that cell', async () => {
  const user = userEvent.setup();
  const host = await freshWorkbook();
  host.writeResults = () =>
    Promise.reject(
      new HostError(
        'results_would_overwrite',
        {
          es: 'La hoja «Condiciones» tiene datos suyos en B2, donde irían los resultados: no se escribió nada.',
          en: 'Sheet "Condiciones" holds your data at B2, where the results would go: nothing was written.',
        },
        { location: { sheet: 'Condiciones', address: 'B2' } },
      ),
    );
  renderPane(host);
  await waitForPhase('ready');
  await user.click(screen.getByTestId('write-results'));
  const error = await screen.findByTestId('write-error');
  expect(error).toHaveTextContent('tiene datos suyos en B2');
  await user.click(within(error).getByRole('button', { name: 'Ir a la celda Condiciones!B2' }));
  expect(host.selection).toEqual({ sheet: 'Condiciones', address: 'B2' });
}, 60000);

test('inputs changed since they were read: re-read, edits re-applied by term id, vanished ones dropped, recomputed, written', async () => {
  const user = userEvent.setup();
  const wb = await freshWorkbook();
  renderPane(wb);
  await waitForPhase('ready');
  await user.selectOptions(screen.getByTestId('customer-picker'), '7ELE');
  // The KAM edits 7ELE-01 (3.5 % → 4 %) and 7ELE-02 (2 % → 3 %).
  for (const [id, rate] of [
    ['7ELE-01', '4'],
    ['7ELE-02', '3'],
  ]) {
    await user.click(screen.getByTestId(`term-${id}-toggle`));
    await user.clear(screen.getByTestId(`term-${id}-rate`));
    await user.type(screen.getByTestId(`term-${id}-rate`), rate);
  }
  // Meanwhile a colleague changes the workbook: 7ELE-02 becomes 7ELE-12, 7ELE-05 pays one point more.
  const rate05 = Number(wb.table('Condiciones')!.rows.find((r) => r[0] === '7ELE-05')![5]);
  setInput(wb, 'Condiciones', '7ELE-02', 'ID condición', '7ELE-12');
  setInput(wb, 'Condiciones', '7ELE-05', 'Tasa o monto', rate05 + 0.01);
  const changed = wb;

  await user.click(screen.getByTestId('write-results'));
  const status = await screen.findByTestId('write-status', undefined, { timeout: 20000 });
  expect(within(status).getByTestId('write-reloaded').textContent).toBe(
    'Las tablas de entrada cambiaron desde que se leyeron: se volvieron a leer, se reaplicaron sus ediciones y se recalculó antes de escribir.',
  );
  expect(within(status).getByTestId('write-dropped').textContent).toBe(
    'Se descartaron sus ediciones de 7ELE-02: ya no están en el libro.',
  );

  // What was written: the changed workbook with the surviving edit (7ELE-01 at 4 %), computed by the engine.
  const parsed = await readModel(changed);
  if (!parsed.ok) throw new Error('the changed sample does not parse');
  const fresh: Model = parsed.model;
  const expected: Model = {
    ...fresh,
    terms: fresh.terms.map((t) => (t.id === '7ELE-01' ? { ...t, rate: 0.04 } : t)),
  };
  const results = computeModel(expected);
  const c = expected.customers.findIndex((x) => x.id === '7ELE');
  const plan = buildResultsPlan(expected, results, {
    lang: 'es',
    source: await changed.describeSource(),
    runAt: new Date(0),
  });
  let compared = 0;
  for (const table of plan.sheets.flatMap((sheet) => sheet.tables)) {
    const got = changed.table(table.name)!;
    table.rows.forEach((row, i) => {
      if (got.rows[i][0] === 'run_at' || got.rows[i][0] === 'scenario_note') return;
      expect(got.rows[i]).toEqual(row.map((cell) => (isFormulaCell(cell) ? cell.result : cell)));
      compared++;
    });
  }
  expect(compared).toBeGreaterThan(100);
  // The pane shows the same figures it wrote: the KPIs of the rebased model, their deltas against the new workbook.
  expect(Number(screen.getByTestId('kpi-net_sales-value').getAttribute('data-value'))).toBeCloseTo(
    results.customers[c].totals.netSales,
    6,
  );
  const baseNet = computeModel(fresh).customers[c].totals.netSales;
  expect(Number(screen.getByTestId('kpi-net_sales-delta').getAttribute('data-value'))).toBeCloseTo(
    results.customers[c].totals.netSales - baseNet,
    6,
  );
  expect(screen.queryByTestId('term-7ELE-02')).not.toBeInTheDocument();
  expect(screen.getByTestId('term-7ELE-12')).toBeInTheDocument();
  // Run info: the scenario names the edit that was applied, not the dropped one; the workbook was written once.
  expect(changed.writes).toBe(1);
  const runInfo = changed
    .tables()
    .filter((t) => t.role === 'result')
    .map((t) => changed.table(t.name)!)
    .flatMap((t) => t.rows)
    .find((r) => r[0] === 'scenario_note');
  const note = runInfo?.[2];
  expect(typeof note).toBe('string');
  expect(note as string).toContain('7ELE-01');
  expect(note as string).not.toContain('7ELE-02');
}, 60000);

test('inputs unchanged: no re-read before writing', async () => {
  const user = userEvent.setup();
  const host = await freshWorkbook();
  let reads = 0;
  let fingerprints = 0;
  const read = host.readTables.bind(host);
  const fingerprint = host.inputFingerprint.bind(host);
  host.readTables = (names) => {
    reads++;
    return read(names);
  };
  host.inputFingerprint = () => {
    fingerprints++;
    return fingerprint();
  };
  renderPane(host);
  await waitForPhase('ready');
  // At load: the fingerprint (it reads the input tables), then the model.
  expect([fingerprints, reads]).toEqual([1, 2]);
  await user.click(screen.getByTestId('write-results'));
  await screen.findByTestId('write-status', undefined, { timeout: 20000 });
  // Before writing: the fingerprint again, equal, so the model is not read again (nor the tables: the memory workbook
  // keeps its fingerprint while no cell changed).
  expect([fingerprints, reads]).toEqual([2, 2]);
  expect(screen.queryByTestId('write-reloaded')).not.toBeInTheDocument();
}, 60000);
