/** @jest-environment jsdom */
/**
 * What axe-core does not catch and a screen-reader user hears: every id an ARIA attribute points at exists (message
 * bars used to point their label at a title that was not there), the waterfall's steps are read once (as its
 * description, not also inside its name), every rate field names its term, message bars and recomputed KPIs reach
 * the polite live region, and focus never falls to the page body. (axe-core itself runs in the Chromium test.)
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Model } from '../../src/engine';
import { politeAnnouncement, renderPane, waitForPhase } from './render';
import { freshWorkbook, sampleGrids, sampleModel } from './sample';

const IDREF_ATTRIBUTES = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'for'];

/** Every (element, attribute, id) whose id is not in the document. */
function danglingIdRefs(): string[] {
  const missing: string[] = [];
  for (const attr of IDREF_ATTRIBUTES) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          missing.push(`${el.tagName.toLowerCase()}[data-testid=${el.getAttribute('data-testid')}] ${attr}=${id}`);
        }
      }
    }
  }
  return missing;
}

let model: Model;
beforeAll(async () => {
  model = await sampleModel();
}, 60000);

test('every ARIA id reference resolves: loaded, findings, card open, edited, invalid edit, written', async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await waitForPhase('ready');
  expect(danglingIdRefs()).toEqual([]);
  // Every message bar is named by text that is there.
  await user.selectOptions(screen.getByTestId('customer-picker'), '7ELE');
  expect(screen.getByTestId('customer-findings').querySelector('[role=group]')).toHaveAccessibleName(
    '1 hallazgo del cliente',
  );
  await user.click(screen.getByTestId('term-7ELE-01-toggle'));
  expect(danglingIdRefs()).toEqual([]);
  const rate = screen.getByTestId('term-7ELE-01-rate');
  await user.clear(rate);
  await user.type(rate, '4');
  expect(screen.getByTestId('edited-banner')).toHaveAccessibleName(
    'Escenario editado en el panel (no se ha modificado el libro).',
  );
  expect(danglingIdRefs()).toEqual([]);
  await user.clear(rate);
  await user.type(rate, '150');
  expect(await screen.findByTestId('edit-issues')).toHaveAccessibleName(
    'Las ediciones marcadas no son válidas; los indicadores muestran el último cálculo válido.',
  );
  expect(danglingIdRefs()).toEqual([]);
  await user.clear(rate);
  await user.type(rate, '4');
  await user.click(screen.getByTestId('write-results'));
  await screen.findByTestId('write-status', undefined, { timeout: 20000 });
  expect(screen.getByTestId('write-status')).toHaveAccessibleName('Resultados escritos');
  expect(danglingIdRefs()).toEqual([]);
}, 60000);

test('an invalid workbook: the error list is named by its title, and every reference resolves', async () => {
  const grids = await sampleGrids();
  const terms = grids.find((g) => g.name === 'Condiciones')!;
  terms.rows[0][terms.headers.indexOf('Tasa o monto')] = 1.5;
  renderPane(await freshWorkbook(grids));
  await waitForPhase('invalid');
  expect(screen.getByRole('group', { name: 'El libro tiene 1 error' })).toBeInTheDocument();
  expect(danglingIdRefs()).toEqual([]);
  // The list was announced, politely.
  await waitFor(() => expect(politeAnnouncement()).toContain('El libro tiene 1 error'));
}, 60000);

test('the waterfall is named by its title and described by its steps, once; each rate field names its term', async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await waitForPhase('ready');
  const chart = screen.getByTestId('waterfall');
  const customer = model.customers[0];
  expect(chart).toHaveAccessibleName(`Cascada de precio por unidad · ${customer.name}`);
  expect(chart).toHaveAccessibleDescription(/^Precio de lista: \$[\d,.]+; Desc\. en factura: /);

  await user.selectOptions(screen.getByTestId('customer-picker'), '7ELE');
  for (const id of ['7ELE-01', '7ELE-02', '7ELE-03']) await user.click(screen.getByTestId(`term-${id}-toggle`));
  expect(screen.getByRole('textbox', { name: 'Tasa (%) · Descuento en factura 7ELE-01' })).toBeInTheDocument();
  expect(screen.getByRole('textbox', { name: 'Tasa (%) · Bono por volumen 7ELE-02' })).toBeInTheDocument();
  expect(screen.getByRole('textbox', { name: 'Monto fijo (MXN) · Cuota de exhibición 7ELE-03' })).toBeInTheDocument();
  // No two inputs share a name.
  const names = screen.getAllByRole('textbox').map((el) => el.getAttribute('aria-label') ?? el.id);
  expect(new Set(names).size).toBe(names.length);
}, 60000);

test('the KPI strip: each row names its KPI, exact value and change; the P&L reads exact amounts', async () => {
  renderPane(await freshWorkbook(), 'en');
  await waitForPhase('ready');
  const strip = screen.getByTestId('kpi-strip');
  expect(strip).toHaveAccessibleName('Customer KPIs');
  const rows = within(strip).getAllByRole('listitem');
  expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual([
    'kpi-gross_sales',
    'kpi-trade_spend_pct',
    'kpi-net_sales',
    'kpi-gross_margin_pct',
    'kpi-contribution_pct',
  ]);
  expect(rows[0]).toHaveAccessibleName(/^Gross sales: \$[\d,]+\.\d\d; change against the workbook: \$0\.00$/);
  expect(rows[0]).toHaveAccessibleDescription(/Formula: volume × list price/);
  // The P&L shows "$109.4M" and says the exact amount (hover title, screen readers).
  const gross = screen.getByTestId('pnl-gross_sales-amount');
  expect(gross.getAttribute('title')).toMatch(/^\$[\d,]+\.\d\d$/);
  expect(within(gross).getByText(/M$/)).toHaveAttribute('aria-hidden', 'true');
}, 60000);

test('the scenarios section: named tables and controls, every reference resolves, a save is announced', async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await waitForPhase('ready');
  await user.selectOptions(screen.getByTestId('customer-picker'), 'WMX');
  const section = screen.getByTestId('scenarios-section');
  expect(section).toHaveAccessibleName('Escenarios de negociación');
  // The pick of scenarios is a named group of checkboxes, each named by its scenario.
  expect(within(section).getByRole('group', { name: 'Escenarios del cliente' })).toBeInTheDocument();
  expect(within(section).getByRole('checkbox', { name: 'WMX-P1 · Propuesta anual' })).toBeChecked();
  // Tables named; each value cell is read with its scenario and its measure (headers), never a dangling id.
  const compare = within(section).getByRole('table', { name: /^Escenarios de Walmart de México/ });
  const cell = within(compare).getByTestId('cmp-contribution-1');
  const headers = (cell.getAttribute('headers') ?? '').split(' ').map((id) => document.getElementById(id)!.textContent);
  expect(headers).toEqual(['Contribución', 'WMX-P1WMX-P1 · Propuesta anual · Propuesta · Enviado']);
  expect(within(section).getByRole('table', { name: /^Barreras de Walmart de México/ })).toBeInTheDocument();
  expect(within(section).getByRole('table', { name: 'Dar y recibir de WMX-P1' })).toBeInTheDocument();
  expect(within(section).getByRole('switch', { name: /^Variante secuencial/ })).toBeInTheDocument();
  expect(danglingIdRefs()).toEqual([]);

  // A scenario's detail and its walk-away: disclosure buttons that say whether they are open.
  const details = within(section).getByRole('button', { name: 'Detalle de WMX-P1' });
  await user.click(details);
  expect(details).toHaveAttribute('aria-expanded', 'true');
  const toggle = within(section).getByRole('button', { name: '¿Hasta dónde puedo llegar? · WMX-P1' });
  await user.click(toggle);
  expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const group = within(section).getByRole('group', { name: '¿Hasta dónde puedo llegar? · WMX-P1' });
  expect(within(group).getByRole('combobox', { name: 'Campo' })).toBeInTheDocument();
  expect(within(group).getByRole('combobox', { name: 'Barrera' })).toBeInTheDocument();
  await user.click(within(group).getByRole('button', { name: 'Calcular' }));
  const sentence = await within(group).findByTestId('scenario-WMX-P1-walkaway-sentence', undefined, { timeout: 20000 });
  // The sentence reaches screen readers politely.
  await waitFor(() => expect(politeAnnouncement()).toContain(sentence.textContent ?? ''));
  expect(danglingIdRefs()).toEqual([]);

  // An edit: the draft's checkbox and the create form, every field labelled.
  await user.click(screen.getByTestId('term-WMX-03-toggle'));
  const rate = screen.getByTestId('term-WMX-03-rate');
  await user.clear(rate);
  await user.type(rate, '11.5');
  expect(within(section).getByRole('checkbox', { name: 'Borrador · sus ediciones sin guardar' })).toBeChecked();
  const create = within(section).getByTestId('scenario-create');
  for (const name of ['ID del escenario', 'Tipo', 'Nombre', 'Autor', 'Notas'])
    expect(within(create).getByLabelText(name)).toBeInTheDocument();
  expect(within(create).getByRole('group', { name: 'Condiciones que el escenario quita' })).toBeInTheDocument();
  expect(danglingIdRefs()).toEqual([]);
  // Saved: the outcome is a message bar, announced politely; the focus is not lost to the body.
  const save = within(create).getByRole('button', { name: 'Guardar escenario en el libro' });
  await user.click(save);
  expect(await screen.findByTestId('scenario-saved', undefined, { timeout: 20000 })).toBeInTheDocument();
  await waitFor(() => expect(politeAnnouncement()).toContain('Escenario WMX-P2 guardado'));
  expect(document.activeElement).not.toBe(document.body);
  expect(danglingIdRefs()).toEqual([]);
}, 90000);
