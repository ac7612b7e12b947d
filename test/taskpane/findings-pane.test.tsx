/** @jest-environment jsdom */
/**
 * The pane as a KAM reads one customer (7-Eleven in the sample): the engine's findings above the numbers with a
 * way to the term, each term's variant, money and applied formula (following edits), the financing cost of the
 * payment days, and what the write button says about what it will write.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { computeModel, type Model } from '../../src/engine';
import { money, renderPane, waitForPhase } from './render';
import { freshWorkbook, sampleModel } from './sample';

/** This file's pane always loads cleanly. */
const ready = () => waitForPhase('ready');

let model: Model;
/**
 * 7-Eleven's gross sales and invoice sales as the engine computes them (volume × list price after the workbook's
 * price changes and the volume's response; reconciled in test/acceptance), and its lump sum 7ELE-03.
 */
let sevenGross: number;
let sevenInvoice: number;
let lumpEs: string;
let lumpEn: string;
beforeAll(async () => {
  model = await sampleModel();
  const c = model.customers.findIndex((x) => x.id === '7ELE');
  ({ grossSales: sevenGross, invoiceSales: sevenInvoice } = computeModel(model).customers[c].totals);
  const lump = model.terms.find((t) => t.id === '7ELE-03')!;
  lumpEs = money('es').format(lump.rate);
  lumpEn = money('en').format(lump.rate);
}, 60000);

test("7-Eleven: the engine's finding on 7ELE-03 is listed first and leads to the term's card", async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await ready();
  // Walmart (first customer) has no findings: the pane says so rather than staying silent.
  expect(screen.getByTestId('customer-findings-none').textContent).toBe('Sin hallazgos para este cliente.');

  // The picker tells which customers have findings before one is picked.
  const option = (id: string) => screen.getByRole('option', { name: new RegExp(`\\(${id}\\)`) }).textContent;
  expect(option('7ELE')).toBe('7-Eleven México (7ELE) · Conveniencia · 1 hallazgo');
  expect(option('WMX')).toBe('Walmart de México (WMX) · Moderno');

  await user.selectOptions(screen.getByTestId('customer-picker'), '7ELE');
  const section = screen.getByTestId('customer-findings');
  const expected = computeModel(model).findings.filter((f) => f.customerId === '7ELE');
  expect(expected.map((f) => f.code)).toEqual(['no_agreed_basis']);
  const items = within(section).getAllByTestId('customer-finding');
  expect(items).toHaveLength(1);
  expect(items[0].textContent).toContain(expected[0].es);
  expect(within(section).getByText('1 hallazgo del cliente')).toBeInTheDocument();
  // It comes before the KPIs in reading (and tab) order.
  expect(
    section.compareDocumentPosition(screen.getByTestId('kpi-gross_sales')) & Node.DOCUMENT_POSITION_FOLLOWING,
  ).toBeGreaterThan(0);

  // 7-Eleven has more terms than fit: their cards start closed. The finding's link opens 7ELE-03's card and puts
  // the focus on its heading button.
  expect(screen.getByTestId('term-7ELE-03-toggle')).toHaveAttribute('aria-expanded', 'false');
  expect(screen.queryByTestId('term-7ELE-03-agreement')).not.toBeInTheDocument();
  await user.click(within(section).getByRole('button', { name: 'Ver condición 7ELE-03' }));
  const card = screen.getByTestId('term-7ELE-03');
  expect(document.activeElement).toBe(screen.getByTestId('term-7ELE-03-toggle'));
  expect(screen.getByTestId('term-7ELE-03-toggle')).toHaveAttribute('aria-expanded', 'true');
  expect(screen.getByTestId('term-7ELE-03-agreement').textContent).toBe(
    'Sin base acordada (sin fecha de acuerdo por escrito)',
  );
  expect(within(card).getByText('1 hallazgo')).toBeInTheDocument();
  expect(screen.getByTestId('term-7ELE-03-amount').textContent).toBe(lumpEs);
  expect(screen.getByTestId('term-7ELE-03-formula').textContent).toBe(
    `Fórmula aplicada: monto fijo ${lumpEs}, asignado por partes iguales`,
  );
  expect(
    within(screen.getByTestId('term-7ELE-03-variants')).getByText('Asignación: partes iguales'),
  ).toBeInTheDocument();
}, 60000);

test("a term's money and formula follow an edit of its rate: 3.5 % → 4 % of gross sales", async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await ready();
  await user.selectOptions(screen.getByTestId('customer-picker'), '7ELE');
  await user.click(screen.getByTestId('term-7ELE-01-toggle'));

  // 7ELE-01 is an on-invoice discount of 3.5 % on gross sales: 0.035 × gross.
  expect(within(screen.getByTestId('term-7ELE-01-variants')).getByText('En factura')).toBeInTheDocument();
  expect(within(screen.getByTestId('term-7ELE-01-variants')).getByText('Base: venta bruta')).toBeInTheDocument();
  const before = 0.035 * sevenGross;
  expect(screen.getByTestId('term-7ELE-01-amount').textContent).toBe(money('es').format(before));
  expect(screen.getByTestId('term-7ELE-01-formula').textContent).toBe(
    `Fórmula aplicada: 3.5 % × venta bruta ${money('es').format(sevenGross)} = ${money('es').format(before)}`,
  );

  // The financing cost of 45 payment days: invoice sales × 45 ÷ 365 × 11 %.
  const invoice = sevenInvoice;
  expect(screen.getByTestId('terms-editor').textContent).toContain(
    `Costo financiero: ${money('es').format((invoice * 45 * 0.11) / 365)} = venta factura ${money('es').format(invoice)} × 45 días`,
  );

  const input = screen.getByTestId('term-7ELE-01-rate');
  await user.clear(input);
  await user.type(input, '4');
  const after = 0.04 * sevenGross;
  await waitFor(() => expect(screen.getByTestId('term-7ELE-01-amount').textContent).toBe(money('es').format(after)));
  expect(Number(screen.getByTestId('term-7ELE-01-amount').getAttribute('data-value'))).toBeCloseTo(after, 6);
  expect(screen.getByTestId('term-7ELE-01-formula').textContent).toBe(
    `Fórmula aplicada: 4.0 % × venta bruta ${money('es').format(sevenGross)} = ${money('es').format(after)}`,
  );
  // Writing now writes the edited scenario, and the pane says so next to the button.
  expect(screen.getByTestId('write-hint').textContent).toBe(
    'Se escribirán los resultados del escenario editado; las tablas de entrada no cambian.',
  );

  // A refused value keeps the last valid money, marked as such, and tells why the button is disabled.
  await user.clear(input);
  await user.type(input, '150');
  expect(await screen.findByText('La tasa debe estar entre 0 % y 100 %.')).toBeInTheDocument();
  // Typing "150" went through "1" and "15" (valid, computed live) before "150": the last valid rate is 15 %.
  expect(screen.getByTestId('term-7ELE-01-amount').textContent).toBe(money('es').format(0.15 * sevenGross));
  expect(within(screen.getByTestId('term-7ELE-01')).getByText(/último cálculo válido/)).toBeInTheDocument();
  expect(screen.getByTestId('write-results')).toHaveAttribute('aria-disabled', 'true');
  expect(screen.getByTestId('write-hint').textContent).toBe(
    'Corrija las ediciones marcadas antes de escribir resultados.',
  );
  const writeButton = screen.getByTestId('write-results');
  expect(writeButton.getAttribute('aria-describedby')).toBe(screen.getByTestId('write-hint').id);
}, 60000);

test('English: findings, variants and amounts in en-US', async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook(), 'en');
  await ready();
  await user.selectOptions(screen.getByTestId('customer-picker'), '7ELE');
  const section = screen.getByTestId('customer-findings');
  expect(within(section).getByText('1 finding for this customer')).toBeInTheDocument();
  await user.click(within(section).getByRole('button', { name: 'Show term 7ELE-03' }));
  await user.click(screen.getByTestId('term-7ELE-02-toggle'));
  expect(screen.getByTestId('term-7ELE-03-agreement').textContent).toBe('No agreed basis (no written agreement date)');
  expect(screen.getByTestId('term-7ELE-03-amount').textContent).toBe(lumpEn);
  expect(screen.getByTestId('term-7ELE-03-formula').textContent).toBe(
    `Applied formula: fixed amount ${lumpEn}, allocated by even split`,
  );
  // 7ELE-02 was agreed in writing: the date reads as en-US.
  expect(screen.getByTestId('term-7ELE-02-agreement').textContent).toMatch(
    /^Agreed in writing: [A-Z][a-z]{2} \d{1,2}, \d{4}/,
  );
}, 60000);

test('the write status can be dismissed; tier bounds read grouped (360,000)', async () => {
  const user = userEvent.setup();
  renderPane(await freshWorkbook());
  await ready();
  // Walmart's volume rebate WMX-02: tiers on volume; bounds grouped, units in the column header.
  await user.click(screen.getByTestId('term-WMX-02-toggle'));
  const from = screen.getByTestId<HTMLInputElement>('tier-WMX-02-1-from');
  expect(from.value).toBe(String(model.terms.find((t) => t.id === 'WMX-02')!.tiers[1].from.toLocaleString('en-US')));
  expect(from.value).toBe('360,000');
  expect(screen.getByRole('textbox', { name: 'Desde (u) (WMX-02, 2)' })).toBe(from);

  await user.click(screen.getByTestId('write-results'));
  await screen.findByTestId('write-status', undefined, { timeout: 20000 });
  await user.click(screen.getByRole('button', { name: 'Cerrar mensaje' }));
  expect(screen.queryByTestId('write-status')).not.toBeInTheDocument();
  // The focus goes back to the button that produced the message, not to the page body.
  expect(document.activeElement).toBe(screen.getByTestId('write-results'));
}, 60000);
