/** @jest-environment jsdom */
/**
 * The scenarios section on the hand-computable negotiated model (small-model.ts, smallNegotiationModel): the
 * comparison's values and deltas for both parties, the guardrails with their distances, the ledger with its
 * interaction line and the sequential variant, a draft made of the pane's edits saved as a scenario, a status saved,
 * and the walk-away of a scenario's rate with the engine's sentence, set into the scenario and saved.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { computeModel, type Model, type Scenario } from '../../src/engine';
import { ScenariosSection, type ScenariosSectionProps } from '../../src/taskpane/components/ScenariosSection';
import { texts } from '../../src/taskpane/i18n';
import { todayIso } from '../../src/taskpane/scenario-draft';
import { applyEdit } from '../../src/taskpane/term-edits';
import { inFluent } from './render';
import { smallNegotiationModel } from './small-model';

function props(base: Model, over: Partial<ScenariosSectionProps> = {}): ScenariosSectionProps {
  const results = computeModel(base);
  return {
    customer: base.customers[0],
    customerIndex: 0,
    baseModel: base,
    baseResults: results,
    model: base,
    results,
    edited: [],
    editsValid: true,
    canSave: true,
    writing: false,
    saveState: { status: 'idle' },
    onSave: jest.fn(() => Promise.resolve(true)),
    onDismissSave: jest.fn(),
    canExport: true,
    exportState: { status: 'idle' },
    onExport: jest.fn(),
    onDismissExport: jest.fn(),
    author: '',
    onAuthor: jest.fn(),
    t: texts('es'),
    lang: 'es',
    ...over,
  };
}

const cell = (row: string, column: number) => screen.getByTestId(`cmp-${row}-${column}`);
const value = (row: string, column: number) => Number(cell(row, column).getAttribute('data-value'));
const delta = (row: string, column: number) => Number(cell(row, column).getAttribute('data-delta'));
/** The delta as shown (an abbreviated one is aria-hidden beside its exact text for screen readers). */
const deltaText = (row: string, column: number) => {
  const el = screen.getByTestId(`cmp-${row}-${column}-delta`);
  return (el.querySelector('[aria-hidden=true]') ?? el).textContent?.replace(/\s/g, ' ');
};

test('compare: base and three scenarios side by side, deltas in MXN and pp for both parties, checked by hand', () => {
  render(inFluent(<ScenariosSection {...props(smallNegotiationModel())} />));
  const table = screen.getByRole('table', { name: 'Escenarios de Walmart de México contra la base' });
  expect(
    within(table)
      .getAllByRole('columnheader')
      .map((h) => h.getAttribute('title')),
  ).toEqual([
    'Base: el libro tal como está',
    'WMX-P1 · Propuesta anual · Propuesta · Enviado',
    'WMX-C1 · Contrapropuesta · Contrapropuesta · Borrador',
    'WMX-X1 · Sin bono · Otro · Rechazado',
  ]);
  // Base: rebate 2 % × 2,000 = 40; contribution 760 = 38.78 % of 1,960; the retailer's margin is the rebate.
  expect([
    value('contribution', 0),
    value('trade_spend', 0),
    value('retailer_total', 0),
    value('joint_value', 0),
  ]).toEqual([760, 40, 40, 800]);
  expect(value('contribution_pct', 0)).toBeCloseTo(760 / 1960, 12);
  expect(cell('contribution', 0).textContent).toBe('$760.00');
  expect(screen.queryByTestId('cmp-contribution-0-delta')).toBeNull();
  // WMX-P1, tier 2 at 3 %: rebate 60; contribution 740 of 1,940.
  expect([value('contribution', 1), delta('contribution', 1)]).toEqual([740, -20]);
  expect(deltaText('contribution', 1)).toBe('-$20.00');
  expect(delta('contribution_pct', 1)).toBeCloseTo(740 / 1940 - 760 / 1960, 12);
  expect(deltaText('contribution_pct', 1)).toBe('-0.6 pp');
  expect([value('trade_spend', 1), delta('trade_spend', 1)]).toEqual([60, 20]);
  expect(delta('trade_spend_pct', 1)).toBeCloseTo(0.01, 12);
  expect(deltaText('trade_spend_pct', 1)).toBe('+1.0 pp');
  expect([value('retailer_total', 1), delta('retailer_total', 1)]).toEqual([60, 20]);
  expect([value('joint_value', 1), delta('joint_value', 1)]).toEqual([800, 0]);
  expect(deltaText('joint_value', 1)).toBe('±0');
  // WMX-C1: 200 u stay in tier 1, rebate 20.
  expect([value('contribution', 2), delta('contribution', 2), delta('retailer_total', 2)]).toEqual([780, 20, -20]);
  expect(deltaText('contribution_pct', 2)).toBe('+0.6 pp');
  expect(deltaText('trade_spend_pct', 2)).toBe('-1.0 pp');
  // WMX-X1: no rebate at all.
  expect([
    value('contribution', 3),
    delta('contribution', 3),
    value('trade_spend', 3),
    value('retailer_total', 3),
  ]).toEqual([800, 40, 0, 0]);
  expect(value('contribution_pct', 3)).toBeCloseTo(0.4, 12);
});

test('guardrails: ✔/✘ with the distance to each limit, in words for screen readers', () => {
  render(inFluent(<ScenariosSection {...props(smallNegotiationModel())} />));
  const g = (id: string, k: number) => screen.getByTestId(`guard-${id}-${k}`);
  expect(g('min_contribution_pct', 0)).toHaveAttribute('data-pass', 'true');
  expect(g('min_contribution_pct', 0).textContent).toMatch(/^✔\s\+0\.28\spp/);
  expect(Number(g('min_contribution_pct', 1).getAttribute('data-distance'))).toBeCloseTo(740 / 1940 - 0.385, 12);
  expect(g('min_contribution_pct', 1)).toHaveAttribute('data-pass', 'false');
  expect(g('min_contribution_pct', 1).textContent).toContain(
    'Contribución (% de venta neta): 38.1 % (mínimo 38.5 %); no cumple, distancia al límite -0.36',
  );
  expect(g('max_trade_spend_pct', 1).textContent).toMatch(/^✘\s-0\.50\spp/);
  expect(g('trade_budget', 1).textContent).toMatch(/^✘\s-\$10\.00/);
  expect(g('trade_budget', 2).textContent).toMatch(/^✔\s\+\$30\.00/);
  expect(g('trade_budget', 3)).toHaveAttribute('data-distance', '50');
});

test('ledger: each lever alone, the interaction line, the total; the sequential variant, labelled', async () => {
  const user = userEvent.setup();
  render(inFluent(<ScenariosSection {...props(smallNegotiationModel())} />));
  await user.selectOptions(screen.getByTestId('ledger-scenario'), 'WMX-C1');
  const line = (k: number | 'total', side: 'maker' | 'retailer') =>
    Number(screen.getByTestId(k === 'total' ? `ledger-total-${side}` : `ledger-line-${k}-${side}`).dataset.value);
  expect(within(screen.getByTestId('ledger-line-0')).getByRole('rowheader', { hidden: true }).textContent).toBe(
    'WMX-01, escalón 2: tasa 2.0 % → 3.0 %',
  );
  expect([line(0, 'maker'), line(0, 'retailer'), line(1, 'maker'), line(1, 'retailer')]).toEqual([-20, 20, 20, -20]);
  expect(screen.getByTestId('ledger-line-2').textContent).toContain('Interacción (todas juntas − suma de cada una)');
  expect([line(2, 'maker'), line(2, 'retailer'), line('total', 'maker'), line('total', 'retailer')]).toEqual([
    20, -20, 20, -20,
  ]);
  expect(screen.getByTestId('ledger-method').textContent).toContain('más la interacción');

  await user.click(screen.getByRole('switch', { name: 'Variante secuencial: cada palanca sobre las anteriores' }));
  expect([line(0, 'maker'), line(1, 'maker'), line('total', 'maker')]).toEqual([-20, 40, 20]);
  expect(screen.queryByTestId('ledger-line-2')).toBeNull();
  expect(screen.getByTestId('ledger-total').textContent).toContain('Cambio total');
  expect(screen.queryByText('Interacción (todas juntas − suma de cada una)')).toBeNull();
  expect(screen.getByTestId('ledger-method').textContent).toContain('cada palanca sobre las anteriores');
});

test('up to three compared: a fourth cannot be picked until one is removed', async () => {
  const user = userEvent.setup();
  const base = smallNegotiationModel();
  // The pane edited the rebate: the draft is a fourth candidate.
  const model = applyEdit(base, { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.025 } });
  const p = props(base, { model, edited: [{ kind: 'term', id: 'WMX-01' }] });
  render(inFluent(<ScenariosSection {...p} results={computeModel(model)} />));
  // By default the draft comes first: base, draft, WMX-P1, WMX-C1.
  expect(screen.getByTestId('scenario-draft-compare')).toBeChecked();
  expect(screen.getByTestId('scenario-WMX-X1-compare')).toBeDisabled();
  expect(screen.getByText('Ya eligió 3: quite uno para elegir otro.')).toBeInTheDocument();
  // The draft's column: the pane's own results (rebate 2.5 % = 50, contribution 750).
  expect([value('contribution', 1), delta('contribution', 1)]).toEqual([750, -10]);
  await user.click(screen.getByTestId('scenario-WMX-P1-compare'));
  await user.click(screen.getByTestId('scenario-WMX-X1-compare'));
  expect(
    within(screen.getByTestId('scenario-compare'))
      .getAllByRole('columnheader')
      .map((h) => h.querySelector('[aria-hidden=true]')?.textContent),
  ).toEqual(['Base', 'Borrador', 'WMX-C1', 'WMX-X1']);
});

test('create from edits: the levers in words, name, kind, author, notes; Save passes the scenario and the edits it takes', async () => {
  const user = userEvent.setup();
  const base = smallNegotiationModel();
  const model = [
    { kind: 'tier', termId: 'WMX-01', index: 1, tier: { from: 180 } } as const,
    { kind: 'tier', termId: 'WMX-01', index: 0, tier: { to: 180 } } as const,
    { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.025 } } as const,
    { kind: 'paymentDays', customerId: 'WMX', days: 30 } as const,
  ].reduce(applyEdit, base);
  const edited = [
    { kind: 'term', id: 'WMX-01' },
    { kind: 'customer', id: 'WMX' },
  ] as const;
  const onSave = jest.fn((_s: Scenario, _c: unknown) => Promise.resolve(true));
  let author = '';
  const { rerender } = render(
    inFluent(
      <ScenariosSection
        {...props(base, { model, results: computeModel(model), edited: [...edited], onSave })}
        onAuthor={(a) => (author = a)}
      />,
    ),
  );
  const create = screen.getByTestId('scenario-create');
  expect(
    within(screen.getByTestId('scenario-create-changes'))
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual(['WMX-01, escalón 2: tasa 2.0 % → 2.5 %', 'WMX-01, escalón 2: desde 150 → 180']);
  expect(screen.getByTestId('scenario-create-left-out').textContent).toContain('días de crédito de WMX');
  // Payment days are not in the scenario: the draft's column is recomputed from its levers alone (rebate 50).
  expect(screen.getByText(/El borrador compara solo lo que cabe en un escenario/)).toBeInTheDocument();
  expect(value('contribution', 1)).toBe(750);

  await user.selectOptions(within(create).getByTestId('scenario-new-kind'), 'counter_proposal');
  expect(within(create).getByTestId('scenario-new-id')).toHaveValue('WMX-C2');
  await user.type(within(create).getByTestId('scenario-new-name'), 'Contrapropuesta con umbral');
  await user.type(within(create).getByTestId('scenario-new-notes'), 'Umbral más bajo');
  await user.type(within(create).getByTestId('scenario-new-author'), 'L');
  expect(author).toBe('L');
  rerender(
    inFluent(
      <ScenariosSection
        {...props(base, { model, results: computeModel(model), edited: [...edited], onSave })}
        author="Luis Pérez"
      />,
    ),
  );
  await user.click(within(create).getByTestId('scenario-create-save'));
  expect(onSave).toHaveBeenCalledTimes(1);
  expect(onSave.mock.calls[0][0]).toEqual({
    id: 'WMX-C2',
    customerId: 'WMX',
    changes: [
      { target: 'term_tier', id: 'WMX-01', index: 1, field: 'rate', value: 0.025 },
      { target: 'term_tier', id: 'WMX-01', index: 1, field: 'from', value: 180 },
    ],
    name: 'Contrapropuesta con umbral',
    kind: 'counter_proposal',
    status: 'draft',
    author: 'Luis Pérez',
    date: todayIso(),
    notes: 'Umbral más bajo',
  });
  // The term is in the scenario (consumed); the payment days stay a pane edit.
  expect(onSave.mock.calls[0][1]).toEqual([{ kind: 'term', id: 'WMX-01' }]);
});

test('an id taken, or edits refused, block the save with the reason', async () => {
  const user = userEvent.setup();
  const base = smallNegotiationModel();
  const model = applyEdit(base, { kind: 'tier', termId: 'WMX-01', index: 1, tier: { rate: 0.025 } });
  const p = props(base, { model, results: computeModel(model), edited: [{ kind: 'term', id: 'WMX-01' }] });
  const { rerender } = render(inFluent(<ScenariosSection {...p} />));
  const id = screen.getByTestId('scenario-new-id');
  await user.clear(id);
  await user.type(id, 'wmx-p1');
  expect(screen.getByText('Ya existe el escenario wmx-p1.')).toBeInTheDocument();
  expect(screen.getByTestId('scenario-create-save')).toHaveAttribute('aria-disabled', 'true');
  rerender(inFluent(<ScenariosSection {...p} editsValid={false} />));
  expect(screen.getByTestId('scenario-create-hint').textContent).toBe(
    'Corrija las ediciones marcadas antes de crear un escenario.',
  );
  rerender(inFluent(<ScenariosSection {...p} canSave={false} />));
  await user.clear(id);
  await user.type(id, 'WMX-P9');
  expect(screen.getByTestId('scenario-create-hint').textContent).toBe(
    'Este libro no permite guardar escenarios desde el panel.',
  );
  expect(screen.getByTestId('scenario-create-save')).toHaveAttribute('aria-disabled', 'true');
});

test('status: picked in the detail, saved with the scenario as it is (its levers unchanged)', async () => {
  const user = userEvent.setup();
  const base = smallNegotiationModel();
  const onSave = jest.fn((_s: Scenario, _c: unknown) => Promise.resolve(true));
  render(inFluent(<ScenariosSection {...props(base, { onSave })} />));
  expect(screen.getByTestId('scenario-WMX-P1-status').textContent).toBe('Enviado');
  await user.click(screen.getByRole('button', { name: 'Detalle de WMX-P1' }));
  expect(screen.getByRole('button', { name: 'Detalle de WMX-P1' })).toHaveAttribute('aria-expanded', 'true');
  await user.selectOptions(screen.getByRole('combobox', { name: 'Estado · WMX-P1' }), 'agreed');
  expect(screen.getByTestId('scenario-WMX-P1').textContent).toContain('Cambios sin guardar');
  await user.click(screen.getByTestId('scenario-WMX-P1-save'));
  expect(onSave).toHaveBeenCalledWith({ ...base.scenarios![0], status: 'agreed' }, []);
  // Saved: the pane reads the workbook again; the unsaved mark is gone.
  expect(await screen.findByTestId('scenario-WMX-P1')).not.toHaveTextContent('Cambios sin guardar');
});

test("walk-away of a scenario's rate: the engine's sentence and value, set into the scenario, then saved", async () => {
  const user = userEvent.setup();
  const flat = smallNegotiationModel({ flat: true });
  // WMX-P1 at 2.2 %: by hand, contribution ≥ 38.5 % of net sales needs 2,000 × (1 − r) ≥ 1,200 ÷ 0.615, r ≤ 2.439 %.
  const base: Model = {
    ...flat,
    scenarios: [{ ...flat.scenarios![0], changes: [{ target: 'term', id: 'WMX-01', field: 'rate', value: 0.022 }] }],
  };
  const onSave = jest.fn((_s: Scenario, _c: unknown) => Promise.resolve(true));
  render(inFluent(<ScenariosSection {...props(base, { onSave })} />));
  await user.click(screen.getByRole('button', { name: 'Detalle de WMX-P1' }));
  await user.click(screen.getByTestId('scenario-WMX-P1-walkaway-toggle'));
  const group = screen.getByRole('group', { name: '¿Hasta dónde puedo llegar? · WMX-P1' });
  expect(within(group).getByTestId('scenario-WMX-P1-walkaway-guardrail')).toHaveDisplayValue(
    'Contribución mínima: 38.5 %',
  );
  await user.click(within(group).getByTestId('scenario-WMX-P1-walkaway-run'));
  expect(await within(group).findByTestId('scenario-WMX-P1-walkaway-sentence')).toHaveTextContent(
    'Puede llegar hasta 2.43 % antes de que la contribución baje de 38.5 %.',
  );
  expect(within(group).getByTestId('scenario-WMX-P1-walkaway-value')).toHaveAttribute('data-value', '0.0243');
  await user.click(within(group).getByRole('button', { name: 'Usar 2.43 % en tasa de WMX-01 · WMX-P1' }));
  expect(screen.getByTestId('scenario-WMX-P1-levers').textContent).toBe(
    'WMX-01 (bono por volumen): tasa 2.0 % → 2.43 %',
  );
  // The comparison follows the scenario as set: rebate 2.43 % × 2,000 = 48.60.
  expect(value('contribution', 1)).toBeCloseTo(751.4, 9);
  await user.click(screen.getByTestId('scenario-WMX-P1-save'));
  expect(onSave.mock.calls[0][0].changes).toEqual([{ target: 'term', id: 'WMX-01', field: 'rate', value: 0.0243 }]);
});
