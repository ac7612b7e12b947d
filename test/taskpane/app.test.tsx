/** @jest-environment jsdom */
/**
 * The pane on the bundled sample, in jsdom: KPIs equal the engine's numbers formatted for es-MX / en-US, an edited
 * tier recomputes to computeModel's value on the same edited model, an invalid workbook lists every error and
 * cannot write, and writing puts the result sheets into the in-memory workbook.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { computeModel, metricValue, type Model } from '../../src/engine';
import { parseModel } from '../../src/workbook/contract';
import { buildResultsPlan } from '../../src/workbook/results';
import { isFormulaCell, type TableGrid, type WorkbookHost } from '../../src/workbook/port';
import { compactMoney } from '../../src/taskpane/format';
import { money, pct, politeAnnouncement, renderPane, waitForPhase as ready } from './render';
import { freshWorkbook, sampleGrids, sampleModel, tieredRebateOf, withTierRate } from './sample';

const kpiText = (id: string) => screen.getByTestId(`kpi-${id}-value`).textContent;
/** The unrounded number a KPI shows (its data-value). */
const kpiValue = (id: string) => Number(screen.getByTestId(`kpi-${id}-value`).getAttribute('data-value'));
/** Long amounts show abbreviated ("$109.4 mdp"); the number behind them is the engine's. */
const expectMoneyKpi = (id: string, value: number, lang: 'es' | 'en' = 'es') => {
  expect(kpiText(id)).toBe(compactMoney(value, lang));
  expect(kpiValue(id)).toBeCloseTo(value, 6);
};

function totalsOf(model: Model, customerId: string) {
  const c = model.customers.findIndex((x) => x.id === customerId);
  return computeModel(model).customers[c].totals;
}

let model: Model;
beforeAll(async () => {
  model = await sampleModel();
}, 60000);

test('picking a customer shows its KPIs: the engine values, formatted for es-MX in MXN', async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await ready();
  const { customerId } = tieredRebateOf(model);
  const other = model.customers.find((c) => c.id !== customerId)!;
  await user.selectOptions(screen.getByTestId('customer-picker'), other.id);
  await user.selectOptions(screen.getByTestId('customer-picker'), customerId);

  const placement = model.settings.costToServePlacement;
  const totals = totalsOf(model, customerId);
  // Gross sales: the engine's volume × list price after the workbook's price changes and the volume's response to them
  // (reconciled line by line in test/acceptance).
  const gross = totals.grossSales;
  expectMoneyKpi('gross_sales', gross);
  expectMoneyKpi('net_sales', totals.netSales);
  // The exact amount is the row's accessible name (and its tooltip).
  expect(screen.getByTestId('kpi-net_sales')).toHaveAccessibleName(
    `Venta neta: ${money('es').format(totals.netSales)}; cambio contra el libro: $0.00`,
  );
  expect(screen.getByTestId('kpi-net_sales-delta').textContent).toBe('±0');
  // Percentages from summed money: trade spend ÷ gross, gross profit ÷ net, contribution ÷ net.
  expect(kpiText('trade_spend_pct')).toBe(pct('es').format((totals.onInvoice + totals.offInvoice) / totals.grossSales));
  expect(kpiText('gross_margin_pct')).toBe(pct('es').format(totals.grossProfit / totals.netSales));
  expect(kpiText('contribution_pct')).toBe(pct('es').format(metricValue('contribution_pct', totals, placement)));
  expect(metricValue('contribution_pct', totals, placement)).toBeCloseTo(totals.contribution / totals.netSales, 12);
  // The P&L table's net sales line and the waterfall's list price come from the same results.
  expect(
    within(screen.getByTestId('pnl-net_sales')).getByText(money('es').format(totals.netSales)),
  ).toBeInTheDocument();
  expect(screen.getByTestId('waterfall').querySelector('desc')!.textContent).toContain(
    money('es').format(totals.grossSales / totals.volume),
  );
}, 60000);

test('editing the reached tier rate recomputes the KPIs to computeModel on the edited model', async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await ready();
  const { customerId, term } = tieredRebateOf(model);
  await user.selectOptions(screen.getByTestId('customer-picker'), customerId);

  // The tier the customer's volume reaches: editing it must move the money (all-units and marginal alike).
  const reached = computeModel(model).terms.find((r) => r.termId === term.id)!.measureValue;
  const index = term.tiers.reduce((at, tier, i) => (reached >= tier.from ? i : at), 0);
  const newRate = term.tiers[index].rate + 0.01;
  const before = totalsOf(model, customerId);
  const after = totalsOf(withTierRate(model, term.id, index, newRate), customerId);
  expect(after.offInvoice + after.onInvoice).toBeGreaterThan(before.offInvoice + before.onInvoice);

  expectMoneyKpi('net_sales', before.netSales);
  expect(screen.queryByTestId('edited-banner')).not.toBeInTheDocument();
  // The customer has many terms: their cards start closed; the KAM opens the one to edit.
  expect(screen.queryByTestId(`tier-${term.id}-${index}-rate`)).not.toBeInTheDocument();
  await user.click(screen.getByTestId(`term-${term.id}-toggle`));
  const input = screen.getByTestId(`tier-${term.id}-${index}-rate`);
  await user.clear(input);
  await user.type(input, String(Number((newRate * 100).toPrecision(12))));

  await waitFor(() => expect(kpiValue('net_sales')).toBeCloseTo(after.netSales, 6));
  expect(kpiText('net_sales')).toBe(compactMoney(after.netSales, 'es'));
  expect(kpiText('trade_spend_pct')).toBe(pct('es').format((after.onInvoice + after.offInvoice) / after.grossSales));
  expect(kpiText('contribution_pct')).toBe(pct('es').format(after.contribution / after.netSales));
  // Each KPI says how far it moved from the workbook's own value: MXN for money, percentage points for percentages.
  expect(screen.getByTestId('kpi-net_sales-delta').textContent).toBe(
    compactMoney(after.netSales - before.netSales, 'es', { signed: true }),
  );
  expect(Number(screen.getByTestId('kpi-net_sales-delta').getAttribute('data-value'))).toBeCloseTo(
    after.netSales - before.netSales,
    6,
  );
  const spendPoints =
    ((after.onInvoice + after.offInvoice) / after.grossSales -
      (before.onInvoice + before.offInvoice) / before.grossSales) *
    100;
  expect(screen.getByTestId('kpi-trade_spend_pct-delta').textContent).toBe(`+${spendPoints.toFixed(1)}\u00a0pp`);
  expect(screen.getByTestId('kpi-gross_sales-delta').textContent).toBe('±0');
  // Once the KAM pauses, screen readers hear the KPIs that moved, with their exact figures.
  await waitFor(() => expect(politeAnnouncement()).toMatch(/^Indicadores recalculados\. /));
  expect(politeAnnouncement()).toContain(`Venta neta ${money('es').format(after.netSales)}`);
  // The scenario notice sits in the Write/Reset bar at the end of the pane: appearing there moves nothing above it.
  expect(within(screen.getByTestId('action-bar')).getByTestId('edited-banner').textContent).toBe(
    'Escenario editado en el panel (no se ha modificado el libro).',
  );

  // Reset goes back to the workbook's values.
  await user.click(screen.getByTestId('reset'));
  await ready();
  await waitFor(() => expect(kpiValue('net_sales')).toBeCloseTo(before.netSales, 6));
  expect(screen.getByTestId('kpi-net_sales-delta').textContent).toBe('±0');
}, 60000);

test('an invalid tier edit is refused with its reason and blocks writing until fixed', async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await ready();
  const { customerId, term } = tieredRebateOf(model);
  await user.selectOptions(screen.getByTestId('customer-picker'), customerId);
  await user.click(screen.getByTestId(`term-${term.id}-toggle`));
  const input = screen.getByTestId(`tier-${term.id}-0-rate`);
  await user.clear(input);
  await user.type(input, '150');
  expect(await screen.findByText('La tasa debe estar entre 0 % y 100 %.')).toBeInTheDocument();
  // Disabled but focusable (aria-disabled): a button that disables itself must not drop the focus to the body.
  expect(screen.getByTestId('write-results')).toHaveAttribute('aria-disabled', 'true');
  // While an edit is refused, the bar says the KPIs show the last valid calculation (instead of the scenario notice).
  const bar = within(screen.getByTestId('action-bar'));
  expect(bar.getByTestId('edit-issues').textContent).toBe(
    'Las ediciones marcadas no son válidas; los indicadores muestran el último cálculo válido.',
  );
  expect(bar.queryByTestId('edited-banner')).not.toBeInTheDocument();
  await user.clear(input);
  await user.type(input, String(term.tiers[0].rate * 100));
  await waitFor(() => expect(screen.getByTestId('write-results')).not.toHaveAttribute('aria-disabled', 'true'));
  expect(bar.queryByTestId('edit-issues')).not.toBeInTheDocument();
  expect(bar.getByTestId('edited-banner')).toBeInTheDocument();
}, 60000);

/** Three problems put into the sample by hand: a negative volume, a rate above 100 %, an unknown customer. */
async function brokenGrids(): Promise<TableGrid[]> {
  const grids = await sampleGrids();
  const table = (name: string) => grids.find((g) => g.name === name)!;
  const set = (g: TableGrid, row: number, header: string, v: string | number) => {
    const j = g.headers.indexOf(header);
    if (j < 0) throw new Error(`no ${header} in ${g.name}: ${g.headers.join(', ')}`);
    g.rows[row][j] = v;
  };
  set(table('VolumenesBase'), 0, 'Volumen base', -5);
  set(table('Condiciones'), 0, 'Tasa o monto', 1.5);
  set(table('Condiciones'), 1, 'ID cliente', 'NOEXISTE');
  return grids;
}

test('an invalid workbook lists every error with its address, offers "Ir a la celda", and writes nothing', async () => {
  const user = userEvent.setup();
  const grids = await brokenGrids();
  const expected = parseModel(new Map(grids.map((g) => [g.name, g])));
  if (expected.ok) throw new Error('the broken sample parsed');
  // Exactly the three planted problems, each located: the header is row 1 of each sheet, so data row 0 is row 2.
  // Root causes first: the customer that does not exist, then the rest in table and row order.
  expect(expected.errors.map((e) => [e.code, e.address])).toEqual([
    ['unknown_customer', 'Condiciones!B3'],
    ['negative_value', "'Volúmenes base'!D2"],
    ['rate_above_100', 'Condiciones!F2'],
  ]);

  const host = await freshWorkbook(grids);
  renderPane(host);
  await ready();
  const items = screen.getAllByTestId('contract-error');
  expect(items).toHaveLength(expected.errors.length);
  expected.errors.forEach((e, i) => {
    expect(items[i].textContent).toContain(e.es);
    if (e.address) expect(items[i].textContent).toContain(e.address);
  });
  expect(screen.getByText('El libro tiene 3 errores')).toBeInTheDocument();
  const write = screen.getByTestId('write-results');
  expect(write).toHaveAttribute('aria-disabled', 'true');

  // "Go to cell" selects the error's cell in the workbook.
  await user.click(within(items[1]).getByRole('button', { name: /Ir a la celda/ }));
  expect(host.selection).toEqual({ sheet: 'Volúmenes base', address: 'D2' });
  await user.click(within(items[0]).getByRole('button', { name: /Ir a la celda/ }));
  expect(host.selection).toEqual({ sheet: 'Condiciones', address: 'B3' });

  await user.click(write); // disabled: nothing happens
  expect(host.resultSheetNames()).toEqual([]);
  expect(host.writes).toBe(0);
}, 60000);

test('Write results puts every result sheet into the workbook with the engine values', async () => {
  const user = userEvent.setup();
  const host = await freshWorkbook();
  renderPane(host);
  await ready();
  await user.click(screen.getByTestId('write-results'));
  await waitFor(
    () =>
      expect(
        screen.queryByTestId('write-error')?.textContent ?? screen.getByTestId('write-status').textContent,
      ).toMatch(/^Resultados escritos/),
    { timeout: 20000 },
  );
  const status = screen.getByTestId('write-status');

  const plan = buildResultsPlan(model, computeModel(model), {
    lang: 'es',
    source: await host.describeSource(),
    runAt: new Date(0),
  });
  const names = plan.sheets.map((s) => s.name);
  expect(host.resultSheetNames()).toEqual(names);
  expect(status.textContent).toContain(names.join(', '));
  for (const sheet of plan.sheets) {
    for (const table of sheet.tables) {
      const written = host.table(table.name)!;
      expect(written.headers).toEqual(table.columns.map((c) => c.header));
      const expectedRows = table.rows.map((r) => r.map((c) => (isFormulaCell(c) ? c.result : c)));
      const keyOf = (row: unknown[]) => row[0];
      expect(written.rows.length).toBe(expectedRows.length);
      written.rows.forEach((row, i) => {
        if (keyOf(row) === 'run_at') return; // the run's own timestamp
        expect(row).toEqual(expectedRows[i]);
      });
    }
  }
  // Input tables untouched, cell for cell.
  for (const grid of await sampleGrids()) expect(host.table(grid.name)).toEqual(grid);
}, 60000);

test('English: labels, money in "$" (not MX$) and the same numbers', async () => {
  renderPane(await freshWorkbook(), 'en');
  await ready();
  const first = model.customers[0];
  const totals = totalsOf(model, first.id);
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Trade terms');
  expect(screen.getByText('Write results')).toBeInTheDocument();
  expect(within(screen.getByTestId('kpi-gross_sales')).getByText('Gross sales')).toBeInTheDocument();
  expect(within(screen.getByTestId('pnl-gross_sales')).getByText('Gross sales')).toBeInTheDocument();
  expectMoneyKpi('gross_sales', totals.grossSales, 'en');
  expect(kpiText('gross_sales')).toMatch(/^\$\d+\.\dM$/); // "$109.4M": M means millions in English
  expect(
    within(screen.getByTestId('pnl-gross_sales')).getByText(money('en').format(totals.grossSales)),
  ).toBeInTheDocument();
}, 60000);

test('a failing write is shown in a MessageBar with the host message, in the pane language', async () => {
  const user = userEvent.setup();
  const wb = await freshWorkbook();
  const refusing: WorkbookHost = {
    kind: 'memory',
    listTables: () => wb.listTables(),
    readTables: (names) => wb.readTables(names),
    describeSource: () => wb.describeSource(),
    writeResults: () =>
      Promise.reject(
        Object.assign(new Error('x'), { es: 'El libro está protegido.', en: 'The workbook is protected.' }),
      ),
  };
  renderPane(refusing, 'en');
  await ready();
  await user.click(screen.getByTestId('write-results'));
  await screen.findByTestId('write-error');
  expect(screen.getByTestId('write-error-message').textContent).toBe(
    'Results were not writtenThe workbook is protected.',
  );
  // The message stays until the user dismisses it.
  await user.click(screen.getByRole('button', { name: 'Dismiss message' }));
  expect(screen.queryByTestId('write-error')).not.toBeInTheDocument();
}, 60000);

test('term cards: all open for a customer with few terms; closed beyond three, an edited one stays open', async () => {
  const user = userEvent.setup();
  // Mercado Libre with two terms only (MELI-03 and MELI-04 taken out of the workbook).
  const grids = await sampleGrids();
  const terms = grids.find((g) => g.name === 'Condiciones')!;
  const id = terms.headers.indexOf('ID condición');
  terms.rows = terms.rows.filter((r) => r[id] !== 'MELI-03' && r[id] !== 'MELI-04');
  const tiers = grids.find((g) => g.name === 'Escalones')!;
  tiers.rows = tiers.rows.filter((r) => r[0] !== 'MELI-03' && r[0] !== 'MELI-04');
  // and the scenario lever on MELI-04 with it (a lever on a missing term is an error)
  const levers = grids.find((g) => g.name === 'CambiosEscenario')!;
  const target = levers.headers.indexOf('ID objetivo');
  levers.rows = levers.rows.filter((r) => r[target] !== 'MELI-04');
  renderPane(await freshWorkbook(grids));
  await ready();
  const expanded = (termId: string) => screen.getByTestId(`term-${termId}-toggle`).getAttribute('aria-expanded');

  await user.selectOptions(screen.getByTestId('customer-picker'), 'MELI');
  expect([expanded('MELI-01'), expanded('MELI-02')]).toEqual(['true', 'true']);
  expect(screen.queryByText('Abra una condición para ver su detalle y editarla.')).not.toBeInTheDocument();

  await user.selectOptions(screen.getByTestId('customer-picker'), 'WMX');
  expect(expanded('WMX-01')).toBe('false');
  expect(screen.getByText('Abra una condición para ver su detalle y editarla.')).toBeInTheDocument();
  await user.click(screen.getByTestId('term-WMX-01-toggle'));
  await user.clear(screen.getByTestId('term-WMX-01-rate'));
  await user.type(screen.getByTestId('term-WMX-01-rate'), '4');
  await user.click(screen.getByTestId('term-WMX-02-toggle'));
  // Away and back: the KAM's own choices stay (WMX-01 edited and open, WMX-02 opened by hand).
  await user.selectOptions(screen.getByTestId('customer-picker'), 'SOR');
  await user.selectOptions(screen.getByTestId('customer-picker'), 'WMX');
  expect([expanded('WMX-01'), expanded('WMX-02'), expanded('WMX-03')]).toEqual(['true', 'true', 'false']);
  // Closed by hand, an edited card closes; its heading still says it was edited.
  await user.click(screen.getByTestId('term-WMX-01-toggle'));
  expect(expanded('WMX-01')).toBe('false');
  expect(within(screen.getByTestId('term-WMX-01')).getByText('Editada')).toBeInTheDocument();
}, 60000);
