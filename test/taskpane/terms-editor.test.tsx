/** @jest-environment jsdom */
/**
 * The terms editor's inputs report the edit the KAM means: the right term, tier index and field, converted from
 * what is shown (percent points) to what the model holds (fractions). The tier rows and inputs are memoised with
 * callbacks built once per term and index, so these checks also run after re-renders where some rows are skipped
 * and after a tier is removed (the rows shift index).
 */
import { fireEvent, render, screen } from '@testing-library/react';
import type { Customer, Term } from '../../src/engine';
import { TermsEditor } from '../../src/taskpane/components/TermsEditor';
import { texts } from '../../src/taskpane/i18n';
import type { TermEdit } from '../../src/taskpane/term-edits';
import { term } from '../engine/build';
import { inFluent } from './render';

const es = texts('es');
const customer: Customer = { id: 'WMX', name: 'Walmart de México', channel: 'modern', paymentDays: 30, dcShare: 0 };

/** Growth tiers: bounds and rates are fractions, shown as percent points. */
const growth = term({
  id: 'WMX-09',
  customerId: 'WMX',
  kind: 'growth_rebate',
  tierMeasure: 'growth',
  tiers: [
    { from: 0, to: 0.05, rate: 0.01 },
    { from: 0.05, to: null, rate: 0.02 },
  ],
});
/** Volume tiers: bounds in units, shown as they are. */
const volume = term({
  id: 'WMX-02',
  customerId: 'WMX',
  tiers: [
    { from: 0, to: 360000, rate: 0.02 },
    { from: 360000, to: null, rate: 0.03 },
  ],
});
/** A flat rate on gross sales. */
const flat = term({ id: 'WMX-01', customerId: 'WMX', kind: 'on_invoice_discount', onInvoice: true, rate: 0.035 });

function editor(
  terms: Term[],
  onEdit: (e: TermEdit) => void,
  open: readonly string[] = terms.map((x) => x.id),
  onToggleTerm: (termId: string, open: boolean) => void = () => undefined,
) {
  return inFluent(
    <TermsEditor
      customer={customer}
      terms={terms}
      results={new Map()}
      issues={{}}
      edited={[]}
      t={es}
      lang="es"
      openTerms={open}
      onToggleTerm={onToggleTerm}
      onEdit={onEdit}
    />,
  );
}

const type = (testId: string, text: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value: text } });

test('each input reports its term, tier index and field, in model units', () => {
  const edits: TermEdit[] = [];
  render(editor([flat, volume, growth], (e) => edits.push(e)));

  type('tier-WMX-09-1-from', '7.5'); // 7.5 points of growth = 0.075
  type('tier-WMX-09-0-rate', '3'); // 3 % = 0.03
  type('tier-WMX-09-0-to', ''); // empty "to" = no upper limit
  type('tier-WMX-02-1-from', '400,000'); // units stay units
  type('term-WMX-01-rate', '4'); // 4 % = 0.04
  type('payment-days', '45');
  expect(edits).toEqual([
    { kind: 'tier', termId: 'WMX-09', index: 1, tier: { from: 0.075 } },
    { kind: 'tier', termId: 'WMX-09', index: 0, tier: { rate: 0.03 } },
    { kind: 'tier', termId: 'WMX-09', index: 0, tier: { to: null } },
    { kind: 'tier', termId: 'WMX-02', index: 1, tier: { from: 400000 } },
    { kind: 'rate', termId: 'WMX-01', rate: 0.04 },
    { kind: 'paymentDays', customerId: 'WMX', days: 45 },
  ]);
});

test('after a re-render that changes one tier, and after removing a tier, the rows still report the right edit', () => {
  const edits: TermEdit[] = [];
  const onEdit = (e: TermEdit) => edits.push(e);
  const { rerender } = render(editor([growth], onEdit));

  // Tier 1 changes (a new object); tier 0 keeps its object, so its row is not re-rendered.
  const changed: Term = { ...growth, tiers: [growth.tiers[0], { ...growth.tiers[1], rate: 0.04 }] };
  rerender(editor([changed], onEdit));
  expect(screen.getByTestId<HTMLInputElement>('tier-WMX-09-1-rate').value).toBe('4');
  type('tier-WMX-09-0-from', '1'); // the skipped row: 1 point = 0.01, index 0
  type('tier-WMX-09-1-to', '12'); // the re-rendered row: 12 points = 0.12, index 1

  // Remove tier 0: the old tier 1 becomes row 0 and reports index 0.
  fireEvent.click(screen.getByRole('button', { name: `${es.removeTier} 1 (WMX-09)` }));
  const removed: Term = { ...changed, tiers: [changed.tiers[1]] };
  rerender(editor([removed], onEdit));
  expect(screen.getByTestId<HTMLInputElement>('tier-WMX-09-0-rate').value).toBe('4');
  type('tier-WMX-09-0-rate', '4.5'); // 4.5 % = 0.045
  expect(edits).toEqual([
    { kind: 'tier', termId: 'WMX-09', index: 0, tier: { from: 0.01 } },
    { kind: 'tier', termId: 'WMX-09', index: 1, tier: { to: 0.12 } },
    { kind: 'removeTier', termId: 'WMX-09', index: 0 },
    { kind: 'tier', termId: 'WMX-09', index: 0, tier: { rate: 0.045 } },
  ]);
});

test('every input is named with what it belongs to: the term for a rate, the customer for payment days', () => {
  render(editor([flat, volume], () => undefined));
  // The visible label comes first (label in name), then the term it belongs to.
  expect(screen.getByRole('textbox', { name: 'Tasa (%) · Descuento en factura WMX-01' })).toBe(
    screen.getByTestId('term-WMX-01-rate'),
  );
  expect(screen.getByRole('textbox', { name: 'Días de crédito · Walmart de México' })).toBe(
    screen.getByTestId('payment-days'),
  );
  expect(screen.getByRole('textbox', { name: 'Tasa (%) (WMX-02, 2)' })).toBe(screen.getByTestId('tier-WMX-02-1-rate'));
});

test('a closed card shows its heading as a disclosure button, no inputs; the button asks to open it', () => {
  const toggles: [string, boolean][] = [];
  render(
    editor(
      [flat, volume],
      () => undefined,
      ['WMX-02'],
      (id, open) => toggles.push([id, open]),
    ),
  );
  const closed = screen.getByRole('button', { name: 'Descuento en factura · WMX-01' });
  expect(closed).toHaveAttribute('aria-expanded', 'false');
  expect(screen.queryByTestId('term-WMX-01-rate')).not.toBeInTheDocument();
  expect(screen.getByTestId('term-WMX-02-toggle')).toHaveAttribute('aria-expanded', 'true');
  expect(screen.getByTestId('tier-WMX-02-0-rate')).toBeInTheDocument();
  expect(screen.getByText(es.termsCollapsedHint)).toBeInTheDocument();
  fireEvent.click(closed);
  fireEvent.click(screen.getByTestId('term-WMX-02-toggle'));
  expect(toggles).toEqual([
    ['WMX-01', true],
    ['WMX-02', false],
  ]);
});
