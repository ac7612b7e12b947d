/** @jest-environment jsdom */
/**
 * The pane's promotions and price changes on the bundled sample, in jsdom: Soriana's events listed ranked by the
 * headline ROI with the engine's figures (computed here with computeModel, never typed in), an edited uplift
 * recomputes the KPIs and the event's figures to computeModel on the same edited model, an invalid depth shows on
 * its field and blocks writing, an edited price change for every customer recomputes every customer, and every new
 * input's accessible name carries its event.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { computeModel, type Model, type Promotion, type PromotionResult } from '../../src/engine';
import { compactMoney } from '../../src/taskpane/format';
import { money, renderPane, waitForPhase as ready } from './render';
import { freshWorkbook, sampleModel } from './sample';

let model: Model;
beforeAll(async () => {
  model = await sampleModel();
}, 60000);

const kpiValue = (id: string) => Number(screen.getByTestId(`kpi-${id}-value`).getAttribute('data-value'));
const figure = (promotionId: string, id: string) => screen.getByTestId(`promo-${promotionId}-${id}`);
const figureValue = (promotionId: string, id: string) => Number(figure(promotionId, id).getAttribute('data-value'));

function withPromotion(m: Model, id: string, change: Partial<Promotion>): Model {
  return { ...m, promotions: m.promotions!.map((p) => (p.id === id ? { ...p, ...change } : p)) };
}

function customerTotals(m: Model, customerId: string) {
  return computeModel(m).customers[m.customers.findIndex((c) => c.id === customerId)].totals;
}

/** Card order as shown: the event ids of the promotion cards, top to bottom. */
function shownOrder(): string[] {
  const editor = screen.getByTestId('promotions-editor');
  return [...editor.querySelectorAll<HTMLElement>('[id^="ttm-promo-"]')].map((el) =>
    el.getAttribute('data-testid')!.replace(/^promo-/, ''),
  );
}

async function openSoriana() {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await ready();
  await user.selectOptions(screen.getByTestId('customer-picker'), 'SOR');
  return user;
}

test("Soriana's events are listed ranked by gross ROI with the engine's figures", async () => {
  await openSoriana();
  const results = computeModel(model).promotions!.filter((r) => r.customerId === 'SOR');
  expect(results.length).toBeGreaterThan(1);
  const ranked = [...results].sort((a, b) => b.roiGross.value! - a.roiGross.value!);
  expect(model.settings.roiVariant).toBe('gross_roi');
  expect(shownOrder()).toEqual(ranked.map((r) => r.promotionId));
  const section = screen.getByTestId('promotions-section');
  expect(within(section).getByRole('heading', { level: 2, name: 'Promociones' })).toBeInTheDocument();
  expect(section.textContent).toContain('Ordenadas por ROI bruto del libro');

  const check = (r: PromotionResult) => {
    const id = r.promotionId;
    expect(figureValue(id, 'lift')).toBeCloseTo(r.lift, 6);
    expect(figureValue(id, 'incremental')).toBeCloseTo(r.incrementalUnits, 6);
    expect(figureValue(id, 'spend')).toBeCloseTo(r.spend.total, 6);
    expect(figureValue(id, 'profit')).toBeCloseTo(r.incrementalProfit, 6);
    expect(figureValue(id, 'roi')).toBeCloseTo(r.roiGross.value!, 9);
    expect(figureValue(id, 'fullCost')).toBeCloseTo(r.fullCost, 6);
    expect(figureValue(id, 'roiFullCost')).toBeCloseTo(r.roiFullCostGross.value!, 9);
    expect(figureValue(id, 'breakEven')).toBeCloseTo(r.breakEvenUplift.value!, 9);
    // Money abbreviated like the rest of the pane, the exact amount on hover.
    expect(figure(id, 'spend').textContent).toContain(compactMoney(r.spend.total, 'es'));
    if (Math.abs(r.spend.total) >= 100_000) {
      expect(figure(id, 'spend').querySelector('[title]')).toHaveAttribute('title', money('es').format(r.spend.total));
    }
    expect(figure(id, 'roi').textContent).toBe(r.roiGross.value!.toFixed(2));
  };
  results.forEach(check);
  // Header: id, mechanics and windows from the vocabulary.
  const top = screen.getByTestId(`promo-${ranked[0].promotionId}`);
  expect(within(top).getByRole('heading', { level: 3 }).textContent).toContain(ranked[0].promotionId);
  expect(top.textContent).toMatch(/Compra: .+ a .+/);
  expect(top.textContent).toMatch(/En tienda: .+ a .+/);
}, 60000);

test("editing an event's uplift recomputes the KPIs and its figures to computeModel on the edited model", async () => {
  const user = await openSoriana();
  const before = customerTotals(model, 'SOR');
  // An event in periods still open (a closed period's actual volume already holds what the event did).
  const event = model.promotions!.find(
    (p) =>
      p.customerId === 'SOR' &&
      p.uplift !== null &&
      Math.abs(customerTotals(withPromotion(model, p.id, { uplift: 0.6 }), 'SOR').netSales - before.netSales) > 1,
  )!;
  expect(event).toBeDefined();
  const edited = withPromotion(model, event.id, { uplift: 0.6 });
  const after = customerTotals(edited, 'SOR');
  const expected = computeModel(edited).promotions!.find((r) => r.promotionId === event.id)!;

  // Four events: the cards start closed; the KAM opens the one to edit.
  expect(screen.queryByTestId(`promo-${event.id}-uplift`)).not.toBeInTheDocument();
  await user.click(screen.getByTestId(`promo-${event.id}-toggle`));
  const input = screen.getByTestId(`promo-${event.id}-uplift`);
  await user.clear(input);
  await user.type(input, '60');

  await waitFor(() => expect(kpiValue('net_sales')).toBeCloseTo(after.netSales, 4));
  expect(kpiValue('contribution_pct')).toBeCloseTo(after.contribution / after.netSales, 9);
  expect(screen.getByTestId('kpi-net_sales-delta').textContent).toBe(
    compactMoney(after.netSales - before.netSales, 'es', { signed: true }),
  );
  expect(figureValue(event.id, 'profit')).toBeCloseTo(expected.incrementalProfit, 4);
  expect(figureValue(event.id, 'roi')).toBeCloseTo(expected.roiGross.value!, 9);
  expect(figureValue(event.id, 'lift')).toBeCloseTo(expected.lift, 4);
  expect(screen.getByTestId('edited-banner')).toBeInTheDocument();
  // Emptied, the uplift comes from the promotional elasticity.
  await user.clear(input);
  const fromElasticity = computeModel(withPromotion(model, event.id, { uplift: null })).promotions!.find(
    (r) => r.promotionId === event.id,
  )!;
  expect(fromElasticity.upliftFrom).toBe('elasticity');
  await waitFor(() => expect(figureValue(event.id, 'lift')).toBeCloseTo(fromElasticity.lift, 4));
  expect(screen.getByTestId(`promo-${event.id}`).textContent).toContain('de la elasticidad promocional');
}, 60000);

test('an invalid depth shows on its field and blocks writing', async () => {
  const user = await openSoriana();
  const event = model.promotions!.find((p) => p.customerId === 'SOR' && p.mechanics.includes('price_off_pct'))!;
  await user.click(screen.getByTestId(`promo-${event.id}-toggle`));
  const depth = screen.getByTestId(`promo-${event.id}-depth`);
  await user.clear(depth);
  await user.type(depth, '150');
  await waitFor(() => expect(screen.getByText('Debe estar entre 0 % y 100 %.')).toBeInTheDocument());
  expect(depth).toHaveAttribute('aria-invalid', 'true');
  expect(screen.getByTestId('write-results')).toHaveAttribute('aria-disabled', 'true');
  expect(screen.getByTestId('write-hint').textContent).toBe(
    'Corrija las ediciones marcadas antes de escribir resultados.',
  );
  // A window that ends before it starts is refused the same way.
  await user.clear(depth);
  await user.type(depth, '25');
  await waitFor(() => expect(screen.getByTestId('write-results')).not.toHaveAttribute('aria-disabled', 'true'));
  const to = screen.getByTestId(`promo-${event.id}-buyWindow-to`);
  await user.clear(to);
  await user.type(to, '2026-01-01');
  await waitFor(() =>
    expect(screen.getByText('La ventana debe terminar el mismo día de su inicio o después.')).toBeInTheDocument(),
  );
  expect(screen.getByTestId('write-results')).toHaveAttribute('aria-disabled', 'true');
}, 60000);

test('editing the price change % recomputes every customer', async () => {
  const user = await openSoriana();
  const index = model.priceChanges!.findIndex((c) => c.customerId === '');
  const edited: Model = {
    ...model,
    priceChanges: model.priceChanges!.map((c, i) => (i === index ? { ...c, changePct: 0.08 } : c)),
  };
  const expected = computeModel(edited);
  const card = screen.getByTestId(`price-change-${index}`);
  expect(card.textContent).toContain('Todos los clientes: una edición recalcula todo el libro.');
  expect(screen.getByTestId(`price-change-${index}-response`).textContent).toMatch(
    /^Respuesta del volumen: elasticidad constante; −1\.8 \(Botanas\)/,
  );
  const pctInput = screen.getByTestId(`price-change-${index}-pct`);
  expect(pctInput).toHaveValue('5.5');
  await user.clear(pctInput);
  await user.type(pctInput, '8');
  const at = (id: string) => model.customers.findIndex((c) => c.id === id);
  await waitFor(() => expect(kpiValue('gross_sales')).toBeCloseTo(expected.customers[at('SOR')].totals.grossSales, 4));
  // Another customer's figures are already recomputed when the KAM picks it.
  for (const other of ['WMX', 'OXXO']) {
    await user.selectOptions(screen.getByTestId('customer-picker'), other);
    expect(kpiValue('gross_sales')).toBeCloseTo(expected.customers[at(other)].totals.grossSales, 4);
    expect(kpiValue('net_sales')).toBeCloseTo(expected.customers[at(other)].totals.netSales, 4);
    expect(screen.getByTestId(`price-change-${index}-pct`)).toHaveValue('8');
  }
}, 60000);

test("the new inputs' accessible names carry their event or price change", async () => {
  const user = await openSoriana();
  const event = model.promotions!.find((p) => p.customerId === 'SOR' && p.mechanics.includes('price_off_pct'))!;
  await user.click(screen.getByTestId(`promo-${event.id}-toggle`));
  const card = screen.getByTestId(`promo-${event.id}`);
  for (const name of [
    'Profundidad (%)',
    'Incremento esperado (%)',
    'Apoyo por unidad (MXN)',
    'Parte del fabricante (%)',
    'Compra desde',
    'Compra hasta',
    'En tienda desde',
    'En tienda hasta',
  ]) {
    expect(within(card).getByRole('textbox', { name: `${name} · ${event.id}` })).toBeInTheDocument();
  }
  const funding = within(card).getByRole('combobox', { name: `Tipo de apoyo · ${event.id}` });
  expect(funding).toHaveValue(event.funding);
  expect(
    within(screen.getByTestId('price-changes-section')).getByRole('textbox', {
      name: 'Cambio (%) · cambio de precio 1',
    }),
  ).toBeInTheDocument();
  // Funding type from the vocabulary's list; choosing one recomputes.
  await user.selectOptions(funding, 'scan_back');
  const expected = computeModel(withPromotion(model, event.id, { funding: 'scan_back' })).promotions!.find(
    (r) => r.promotionId === event.id,
  )!;
  await waitFor(() => expect(figureValue(event.id, 'spend')).toBeCloseTo(expected.spend.total, 4));
}, 60000);
