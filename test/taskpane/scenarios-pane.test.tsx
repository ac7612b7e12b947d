/** @jest-environment jsdom */
/**
 * The scenarios section in the whole pane, on the bundled sample in an in-memory workbook (its saveRows real): a
 * status saved through saveScenario with the scenario as it is, a scenario created from a term edit and read back
 * from the tables, and the walk-away of a term's rate with the engine's sentence, set into the field.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { computeModel, leverWalkAway, metricValue, type Model, type Scenario } from '../../src/engine';
import { readModel } from '../../src/workbook/contract';
import { saveScenario } from '../../src/workbook/scenario-rows';
import { todayIso } from '../../src/taskpane/scenario-draft';
import { renderPane, waitForPhase } from './render';
import { freshWorkbook, sampleModel } from './sample';

jest.mock('../../src/workbook/scenario-rows', () => {
  const actual = jest.requireActual<typeof import('../../src/workbook/scenario-rows')>(
    '../../src/workbook/scenario-rows',
  );
  return { ...actual, saveScenario: jest.fn(actual.saveScenario) };
});
const saved = saveScenario as jest.MockedFunction<typeof saveScenario>;

let model: Model;
beforeAll(async () => {
  model = await sampleModel();
}, 60000);
beforeEach(() => saved.mockClear());

test("a scenario's status: saved through saveScenario with the scenario as it is, then read back from the tables", async () => {
  const user = userEvent.setup();
  const host = await freshWorkbook();
  renderPane(host);
  await waitForPhase('ready');
  await user.selectOptions(screen.getByTestId('customer-picker'), 'WMX');
  const p1 = model.scenarios!.find((s) => s.id === 'WMX-P1')!;
  expect(screen.getByTestId('scenario-WMX-P1-status')).toHaveTextContent('Enviado');
  await user.click(screen.getByRole('button', { name: 'Detalle de WMX-P1' }));
  await user.selectOptions(screen.getByRole('combobox', { name: 'Estado · WMX-P1' }), 'agreed');
  await user.click(screen.getByTestId('scenario-WMX-P1-save'));
  await screen.findByTestId('scenario-saved', undefined, { timeout: 20000 });
  expect(screen.getByTestId('scenario-saved')).toHaveTextContent('Escenario WMX-P1 guardado');

  expect(saved).toHaveBeenCalledTimes(1);
  const [toHost, scenario, lang] = saved.mock.calls[0];
  expect(toHost).toBe(host);
  expect(lang).toBe('es');
  expect(scenario).toEqual({ ...p1, status: 'agreed' });
  // The badge now comes from the re-read table, which says «acordado»; the other scenarios are untouched.
  expect(screen.getByTestId('scenario-WMX-P1-status')).toHaveTextContent('Acordado');
  expect(screen.getByTestId('scenario-WMX-C1-status')).toHaveTextContent('Borrador');
  const again = await readModel(host);
  const back = again.ok ? again.model.scenarios!.find((s) => s.id === 'WMX-P1') : undefined;
  expect(back?.status).toBe('agreed');
  const withoutSource = (s: Scenario | undefined) => s?.changes.map(({ source: _s, ...c }) => c);
  expect(withoutSource(back)).toEqual(withoutSource(p1));
}, 90000);

test('create from edits: a term rate edited becomes a scenario, saved, read back, and the edit leaves the pane', async () => {
  const user = userEvent.setup();
  const host = await freshWorkbook();
  renderPane(host);
  await waitForPhase('ready');
  await user.selectOptions(screen.getByTestId('customer-picker'), '7ELE');
  await user.click(screen.getByTestId('term-7ELE-01-toggle'));
  const rate = screen.getByTestId('term-7ELE-01-rate');
  await user.clear(rate);
  await user.type(rate, '4.5');
  const create = screen.getByTestId('scenario-create');
  expect(within(create).getByTestId('scenario-create-changes')).toHaveTextContent(
    '7ELE-01 (descuento en factura): tasa 3.5 % → 4.5 %',
  );
  // The draft is compared beside the base: the pane's own figures for 7-Eleven.
  const seven = model.customers.findIndex((c) => c.id === '7ELE');
  const editedTotals = computeModel({
    ...model,
    terms: model.terms.map((t) => (t.id === '7ELE-01' ? { ...t, rate: 0.045 } : t)),
  }).customers[seven].totals;
  expect(Number(screen.getByTestId('cmp-contribution-1').dataset.value)).toBeCloseTo(editedTotals.contribution, 6);
  expect(Number(screen.getByTestId('cmp-contribution_pct-1').dataset.value)).toBeCloseTo(
    metricValue('contribution_pct', editedTotals, model.settings.costToServePlacement),
    12,
  );

  await user.type(within(create).getByTestId('scenario-new-name'), 'Descuento 4.5');
  await user.type(within(create).getByTestId('scenario-new-author'), 'Luis Pérez (KAM)');
  await user.click(within(create).getByTestId('scenario-create-save'));
  await screen.findByTestId('scenario-saved', undefined, { timeout: 20000 });

  const expected: Scenario = {
    id: '7ELE-P1',
    customerId: '7ELE',
    changes: [{ target: 'term', id: '7ELE-01', field: 'rate', value: 0.045 }],
    name: 'Descuento 4.5',
    kind: 'proposal',
    status: 'draft',
    author: 'Luis Pérez (KAM)',
    date: todayIso(),
    notes: '',
  };
  expect(saved.mock.calls[0][1]).toEqual(expected);
  // Read back: the scenario is listed from the tables; the edit is in it, no longer in the pane.
  expect(screen.getByTestId('scenario-7ELE-P1-compare')).toBeInTheDocument();
  expect(screen.getByTestId('scenario-saved')).toHaveTextContent(
    'Las ediciones que guardó en el escenario ya no están en el panel.',
  );
  expect(screen.queryByTestId('edited-banner')).toBeNull();
  expect(screen.queryByTestId('scenario-draft')).toBeNull();
  const again = await readModel(host);
  expect(again.ok).toBe(true);
  const back = again.ok ? again.model.scenarios!.find((s) => s.id === '7ELE-P1') : undefined;
  expect(back).toMatchObject({ ...expected, changes: [expect.objectContaining(expected.changes[0])] });
  // And it is compared with the base straight away, as the tables say.
  expect(Number(screen.getByTestId('cmp-contribution-1').dataset.value)).toBeCloseTo(editedTotals.contribution, 6);
}, 90000);

test("walk-away on a term rate: the engine's sentence for the pane's model, and «Usar» sets the rate", async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await waitForPhase('ready');
  await user.selectOptions(screen.getByTestId('customer-picker'), '7ELE');
  await user.click(screen.getByTestId('term-7ELE-01-toggle'));
  const card = screen.getByTestId('term-7ELE-01');
  await user.click(
    within(card).getByRole('button', { name: '¿Hasta dónde puedo llegar? · Descuento en factura 7ELE-01' }),
  );
  const group = within(card).getByRole('group', { name: '¿Hasta dónde puedo llegar? · Descuento en factura 7ELE-01' });
  const guardrail = within(group).getByTestId('term-7ELE-01-walkaway-guardrail');
  expect(guardrail).toHaveDisplayValue(/^Contribución mínima: /);
  // Trade spend's ceiling: a limit the on-invoice discount reaches inside its range.
  await user.selectOptions(guardrail, 'max_trade_spend_pct');
  await user.click(within(group).getByTestId('term-7ELE-01-walkaway-run'));
  const sentence = await within(group).findByTestId('term-7ELE-01-walkaway-sentence', undefined, { timeout: 20000 });

  const w = leverWalkAway(
    model,
    computeModel(model),
    { id: '', customerId: '7ELE', changes: [] },
    { target: 'term', id: '7ELE-01', field: 'rate' },
    'max_trade_spend_pct',
  )!;
  expect(sentence).toHaveTextContent(w.sentence.es);
  expect(w.result.status).toBe('found');
  const value = Number(within(group).getByTestId('term-7ELE-01-walkaway-value').dataset.value);
  expect(value).toBeLessThanOrEqual(w.result.walkAway!.value);
  expect(value).toBeGreaterThan(w.result.walkAway!.value - 0.0001);
  await user.click(within(group).getByTestId('term-7ELE-01-walkaway-use'));
  await waitFor(() =>
    expect(screen.getByTestId('term-7ELE-01-rate')).toHaveValue(String(Number((value * 100).toPrecision(12)))),
  );
  expect(screen.getByTestId('edited-banner')).toBeInTheDocument();
}, 90000);
