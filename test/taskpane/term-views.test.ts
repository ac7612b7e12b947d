/**
 * What each term card and the findings section say, as plain data (views.ts): the variant a term computes with,
 * its agreement, the engine's money and applied formula, and the engine's findings for a customer.
 */
import { computeModel, type Model, type Term } from '../../src/engine';
import { formatDate, formatInput, parseNumberInput } from '../../src/taskpane/format';
import { texts } from '../../src/taskpane/i18n';
import { customerFindingsOf, financingTextOf, termVariantsOf, termViewOf } from '../../src/taskpane/views';
import { sampleModel } from './sample';
import { smallModel } from './small-model';

const es = texts('es');
const en = texts('en');
const pctEs = (v: number) =>
  new Intl.NumberFormat('es-MX', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

function withTerm(model: Model, id: string, change: Partial<Term>): Model {
  return { ...model, terms: model.terms.map((t) => (t.id === id ? { ...t, ...change } : t)) };
}

describe('a term card names its variant and shows the money it produces (small model, by hand)', () => {
  test('all-units vs marginal tiers: same tiers, different label and money', () => {
    const allUnits = smallModel();
    const marginal = withTerm(allUnits, 'WMX-01', { tierMethod: 'marginal' });
    const resultOf = (m: Model) => computeModel(m).terms[0];

    // All units: volume 200 reaches [150, ∞) → 2 % × gross 2,000 = 40.
    const a = termViewOf(allUnits.terms[0], resultOf(allUnits), es, 'es');
    expect(a.variants).toEqual([
      'Fuera de factura',
      'Base: venta bruta',
      'Escalones: todas las unidades (retroactivo)',
      'Medida: volumen (unidades)',
    ]);
    expect(a.amount).toBe('$40.00');
    expect(a.amountRaw).toBeCloseTo(40, 9);
    expect(a.formula).toBe(resultOf(allUnits).formula.es);
    expect(a.formula).toContain('$40.00');

    // Marginal: 150 of the 200 units in [0, 150) → 1 % × (150/200 × 2,000 = 1,500) = 15, plus
    // 50 units in [150, ∞) → 2 % × (50/200 × 2,000 = 500) = 10; total 25.
    const m = termViewOf(marginal.terms[0], resultOf(marginal), en, 'en');
    expect(m.variants).toEqual([
      'Off invoice',
      'Basis: gross sales',
      'Tiers: marginal (stepped)',
      'Measure: volume (units)',
    ]);
    expect(m.amount).toBe('$25.00');
    expect(m.amountRaw).toBeCloseTo(25, 9);
    expect(m.formula).toBe(resultOf(marginal).formula.en);
    expect(m.formula).toContain('$25.00');
  });

  test('agreement: date read as people read it, or the missing basis called out', () => {
    const model = smallModel();
    const result = computeModel(model).terms[0];
    expect(termViewOf(model.terms[0], result, es, 'es').agreement).toEqual({
      agreed: true,
      text: 'Acordada por escrito: 28 nov 2025',
      evidence: 'evidencia Carta 2026',
    });
    expect(termViewOf(model.terms[0], result, en, 'en').agreement).toEqual({
      agreed: true,
      text: 'Agreed in writing: Nov 28, 2025',
      evidence: 'evidence Carta 2026',
    });
    const unagreed = withTerm(model, 'WMX-01', { agreedDate: '' });
    const view = termViewOf(unagreed.terms[0], computeModel(unagreed).terms[0], es, 'es');
    expect(view.agreement).toEqual({
      agreed: false,
      text: 'Sin base acordada (sin fecha de acuerdo por escrito)',
      evidence: 'evidencia Carta 2026',
    });
    expect(view.findings).toBe(1); // the engine's no_agreed_basis finding
    expect(view.span).toBe('Vigencia: 2026-01 a 2026-02');
  });

  test('before any computation there is no money to show', () => {
    const model = smallModel();
    const view = termViewOf(model.terms[0], undefined, es, 'es');
    expect(view.amount).toBeNull();
    expect(view.formula).toBeNull();
  });

  test('growth rebates name what they pay on and the reference; fixed amounts their allocation', () => {
    const base = smallModel().terms[0];
    const growth: Term = {
      ...base,
      kind: 'growth_rebate',
      tiers: [],
      tierMeasure: 'growth',
      growth: { payOn: 'excess', priceNeutral: true },
    };
    expect(termVariantsOf(growth, es)).toEqual([
      'Fuera de factura',
      'Base: venta bruta',
      'Crecimiento: paga sobre el excedente',
      'Neutral a precio (año anterior a precios actuales)',
    ]);
    expect(termVariantsOf({ ...growth, growth: { payOn: 'whole', priceNeutral: false } }, en)).toEqual([
      'Off invoice',
      'Basis: gross sales',
      'Growth: pays on the whole base',
      'Reference at nominal prices',
    ]);
    const fixed: Term = {
      ...base,
      kind: 'display_fee',
      basis: 'fixed_amount',
      rate: 85000,
      tiers: [],
      allocation: 'even',
    };
    expect(termVariantsOf(fixed, es)).toEqual(['Fuera de factura', 'Base: monto fijo', 'Asignación: partes iguales']);
  });

  test('a condition shows its target, the achievement entered and whether it is met', () => {
    const base = smallModel();
    const met = withTerm(base, 'WMX-01', {
      kind: 'target_bonus',
      tiers: [],
      rate: 0.02,
      condition: { measure: 'manual', target: 0.9, actual: 0.93 },
    });
    const view = termViewOf(met.terms[0], computeModel(met).terms[0], es, 'es');
    expect(view.condition).toBe(
      `Condición: cumplimiento capturado (%) ≥ ${pctEs(0.9)} · logrado ${pctEs(0.93)} · cumplida`,
    );
    // 2 % × gross 2,000 = 40 when met.
    expect(view.amountRaw).toBeCloseTo(40, 9);
    // Volume target 250 units, volume is 200: not met, nothing paid.
    const missed = withTerm(base, 'WMX-01', {
      kind: 'target_bonus',
      tiers: [],
      rate: 0.02,
      condition: { measure: 'volume', target: 250 },
    });
    const v2 = termViewOf(missed.terms[0], computeModel(missed).terms[0], en, 'en');
    expect(v2.condition).toBe('Condition: volume (units) ≥ 250 · not met');
    expect(v2.amountRaw).toBe(0);
  });
});

describe('the sample workbook', () => {
  let model: Model;
  beforeAll(async () => {
    model = await sampleModel();
  }, 60000);

  test("7-Eleven's findings: 7ELE-03 has no agreed basis; Walmart has none", () => {
    const results = computeModel(model);
    const seven = customerFindingsOf(results, model, '7ELE');
    expect(seven.map((f) => [f.code, f.termId, f.severity])).toEqual([['no_agreed_basis', '7ELE-03', 'warning']]);
    expect(seven[0].es).toContain('sin base acordada');
    expect(customerFindingsOf(results, model, 'WMX')).toEqual([]);
    const lump = model.terms.find((t) => t.id === '7ELE-03')!;
    const card = termViewOf(
      lump,
      results.terms.find((r) => r.termId === '7ELE-03'),
      es,
      'es',
    );
    // A lump sum: money = the amount agreed in the workbook (its "rate"), spread evenly.
    const agreed = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' }).format(lump.rate);
    expect(lump.basis).toBe('fixed_amount');
    expect(card.amount).toBe(agreed);
    expect(card.formula).toBe(`monto fijo ${agreed}, asignado por partes iguales`);
    expect(card.agreement.agreed).toBe(false);
  });

  test("the payment days' financing cost: invoice sales × days ÷ days in year × cost of capital", () => {
    const results = computeModel(model);
    const c = model.customers.findIndex((x) => x.id === '7ELE');
    const totals = results.customers[c].totals;
    const customer = model.customers[c];
    // By hand from the engine's invoice sales: 45 days, 365-day year, 11 % cost of capital.
    expect([customer.paymentDays, model.settings.daysInYear, model.settings.costOfCapital]).toEqual([45, 365, 0.11]);
    expect(totals.financingCost).toBeCloseTo((totals.invoiceSales * 45 * 0.11) / 365, 6);
    const money = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' });
    expect(financingTextOf(totals, customer, model.settings, es, 'es')).toBe(
      `Costo financiero: ${money.format(totals.financingCost)} = venta factura ${money.format(totals.invoiceSales)} × 45 días ÷ 365 × costo de capital ${pctEs(0.11)}`,
    );
  });
});

describe('inputs and dates', () => {
  test('numbers in inputs are grouped and read back to the same value', () => {
    expect(formatInput(1500000)).toBe('1,500,000');
    expect(formatInput(360000.5)).toBe('360,000.5');
    expect(formatInput(3.5)).toBe('3.5');
    expect(formatInput(0.1 + 0.2)).toBe('0.3'); // float noise dropped
    expect(formatInput(NaN)).toBe('');
    for (const v of [1500000, 360000.5, 3.5, 0.035, 85000]) expect(parseNumberInput(formatInput(v))).toBe(v);
  });

  test('ISO dates in the locale, calendar day kept; anything else as written', () => {
    expect(formatDate('2025-11-28', 'es')).toBe('28 nov 2025');
    expect(formatDate('2025-01-01', 'en')).toBe('Jan 1, 2025');
    expect(formatDate('2025-02-30', 'es')).toBe('2025-02-30');
    expect(formatDate('28/11/2025', 'es')).toBe('28/11/2025');
  });
});
