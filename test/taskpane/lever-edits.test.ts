/**
 * Edits of events and price changes in the pane's reducer, on the bundled sample: each replaces one Promotion or
 * PriceChange object (the rest shared), refused values show per field and block writing, an event edit recomputes
 * only its customer and a price change for every customer recomputes the whole model, both equal to computeModel on
 * the same edited model. Re-reading the workbook re-applies them; the scenario note names them.
 */
import { computeModel, recomputeCustomer, type Model, type ModelResults } from '../../src/engine';
import { applyLeverEdit, priceChangeIssues, promotionIssues } from '../../src/taskpane/promo-edits';
import { canWrite, createPaneReducer, initialPaneState, rebaseEdits, type PaneState } from '../../src/taskpane/state';
import { scenarioNoteOf } from '../../src/taskpane/use-pane';
import { priceChangesOf, rankPromotions, volumeResponseOf } from '../../src/taskpane/lever-views';
import { texts } from '../../src/taskpane/i18n';
import { sampleModel } from './sample';

let model: Model;
beforeAll(async () => {
  model = await sampleModel();
}, 60000);

/** A reducer whose engine counts whole-model and one-customer computations. */
function counting() {
  const calls = { compute: 0, customer: [] as number[] };
  const reducer = createPaneReducer({
    compute: (m) => {
      calls.compute += 1;
      return computeModel(m);
    },
    recomputeCustomer: (m, prev, c) => {
      calls.customer.push(c);
      return recomputeCustomer(m, prev, c);
    },
  });
  return { calls, reducer };
}

const loadedWith = (reducer: ReturnType<typeof createPaneReducer>): PaneState =>
  reducer(initialPaneState, { type: 'loaded', model });

function expectSameTotals(actual: ModelResults, expected: ModelResults) {
  expected.customers.forEach((c, i) => {
    expect(actual.customers[i].totals.netSales).toBeCloseTo(c.totals.netSales, 4);
    expect(actual.customers[i].totals.contribution).toBeCloseTo(c.totals.contribution, 4);
    expect(actual.customers[i].totals.volume).toBeCloseTo(c.totals.volume, 6);
  });
}

test('an event edit replaces one Promotion object and shares everything else', () => {
  const id = model.promotions![0].id;
  const edited = applyLeverEdit(model, { kind: 'promotion', promotionId: id, field: 'uplift', value: 0.5 });
  expect(edited.promotions![0]).not.toBe(model.promotions![0]);
  expect(edited.promotions![0].uplift).toBe(0.5);
  expect(model.promotions![0].uplift).not.toBe(0.5);
  expect(edited.promotions![1]).toBe(model.promotions![1]);
  expect(edited.lines).toBe(model.lines);
  expect(edited.terms).toBe(model.terms);
  const windowed = applyLeverEdit(edited, {
    kind: 'promotionWindow',
    promotionId: id,
    window: 'inStoreWindow',
    end: 'to',
    date: '2026-12-31',
  });
  expect(windowed.promotions![0].inStoreWindow).toEqual({
    from: model.promotions![0].inStoreWindow.from,
    to: '2026-12-31',
  });
  expect(windowed.promotions![0].buyWindow).toBe(model.promotions![0].buyWindow);
});

test('refused event and price-change values, per field', () => {
  const p = model.promotions!.find((x) => x.mechanics.includes('price_off_pct'))!;
  expect(promotionIssues(p)).toEqual({});
  expect(promotionIssues({ ...p, depth: 1.5, uplift: -0.1, fundingRate: -1, makerShare: 2 })).toEqual({
    depth: 'pctRange',
    uplift: 'negative',
    fundingRate: 'negative',
    makerShare: 'pctRange',
  });
  expect(
    promotionIssues({
      ...p,
      buyWindow: { from: '2026-05-10', to: '2026-05-01' },
      inStoreWindow: { from: '2026-02-30', to: '2026-03-01' },
    }),
  ).toEqual({ 'buyWindow.to': 'dateOrder', 'inStoreWindow.from': 'date' });
  // Money off per unit: pesos, no 100 % ceiling.
  const money = model.promotions!.find((x) => x.mechanics.includes('price_off_amount'))!;
  expect(promotionIssues({ ...money, depth: 150 })).toEqual({});
  const pc = model.priceChanges![0];
  expect(priceChangeIssues(pc)).toEqual({});
  expect(priceChangeIssues({ ...pc, changePct: -1, effectiveDate: '2026-13-01' })).toEqual({
    changePct: 'priceDrop',
    effectiveDate: 'date',
  });
});

test('an event edit recomputes only its customer, to computeModel on the edited model', () => {
  const { calls, reducer } = counting();
  let s = loadedWith(reducer);
  const event = model.promotions!.find((p) => p.customerId === 'SOR')!;
  s = reducer(s, { type: 'edit', edit: { kind: 'promotion', promotionId: event.id, field: 'uplift', value: 0.6 } });
  const sor = model.customers.findIndex((c) => c.id === 'SOR');
  expect(calls.customer).toEqual([sor]);
  expect(calls.compute).toBe(1); // the load only
  const expected = computeModel(s.model!);
  expectSameTotals(s.results!, expected);
  const r = s.results!.promotions!.find((x) => x.promotionId === event.id)!;
  const e = expected.promotions!.find((x) => x.promotionId === event.id)!;
  expect(r.incrementalProfit).toBeCloseTo(e.incrementalProfit, 4);
  expect(r.roiGross.value!).toBeCloseTo(e.roiGross.value!, 9);
  expect(s.edited).toEqual([{ kind: 'promotion', id: event.id }]);
  expect(s.baseModel!.promotions).toBe(model.promotions);
});

test('a price change for every customer recomputes the whole model; an invalid one blocks writing', () => {
  const { calls, reducer } = counting();
  let s = loadedWith(reducer);
  const index = model.priceChanges!.findIndex((c) => c.customerId === '');
  expect(index).toBeGreaterThanOrEqual(0);
  s = reducer(s, { type: 'edit', edit: { kind: 'priceChangePct', index, changePct: 0.08 } });
  expect(calls.customer).toEqual([]);
  expect(calls.compute).toBe(2);
  const expected = computeModel(s.model!);
  expectSameTotals(s.results!, expected);
  // Every customer moved against the workbook.
  const base = computeModel(model);
  base.customers.forEach((c, i) =>
    expect(s.results!.customers[i].totals.grossSales).not.toBeCloseTo(c.totals.grossSales, 0),
  );
  expect(s.edited).toEqual([{ kind: 'price_change', id: String(index) }]);

  s = reducer(s, { type: 'edit', edit: { kind: 'priceChangeDate', index, date: '2026-02-3' } });
  // The DateField never commits such text; the reducer still refuses it if it comes.
  expect(s.issues[`price_change:${index}`]).toEqual({ effectiveDate: 'date' });
  expect(canWrite(s)).toBe(false);
  s = reducer(s, { type: 'edit', edit: { kind: 'priceChangeDate', index, date: '2026-03-01' } });
  expect(canWrite(s)).toBe(true);
  expectSameTotals(s.results!, computeModel(s.model!));
});

test('a re-read workbook gets the edited events and price changes back; the scenario note names them', () => {
  const { reducer } = counting();
  let s = loadedWith(reducer);
  const event = model.promotions![0];
  s = reducer(s, { type: 'edit', edit: { kind: 'promotion', promotionId: event.id, field: 'depth', value: 0.3 } });
  s = reducer(s, { type: 'edit', edit: { kind: 'promotionFunding', promotionId: event.id, funding: 'scan_back' } });
  s = reducer(s, { type: 'edit', edit: { kind: 'priceChangePct', index: 0, changePct: 0.07 } });
  // The workbook changed meanwhile: a new row before the price change, an event removed.
  const fresh: Model = {
    ...model,
    priceChanges: [
      {
        customerId: 'WMX',
        scope: { kind: 'all', values: [] },
        effectiveDate: '2026-06-01',
        newListPrice: null,
        changePct: 0.02,
      },
      ...model.priceChanges!,
    ],
    promotions: model.promotions!.filter((p) => p.id !== model.promotions![1].id),
  };
  const ghost = { kind: 'promotion' as const, id: model.promotions![1].id };
  const rebased = rebaseEdits(fresh, s.model!, [...s.edited, ghost], s.baseModel!);
  expect(rebased.edited).toEqual([
    { kind: 'promotion', id: event.id },
    { kind: 'price_change', id: '1' },
  ]);
  expect(rebased.dropped).toEqual([ghost]);
  const p = rebased.model.promotions!.find((x) => x.id === event.id)!;
  expect(p.depth).toBe(0.3);
  expect(p.funding).toBe('scan_back');
  expect(rebased.model.priceChanges![1].changePct).toBe(0.07);
  expect(rebased.model.priceChanges![0].changePct).toBe(0.02);

  expect(scenarioNoteOf(s.edited, 'es', s.model!)).toBe(
    `Escenario editado en el panel (promociones ${event.id}; cambios de precio ${model.priceChanges![0].effectiveDate} (todos los clientes)); el libro conserva sus valores de entrada.`,
  );
  expect(scenarioNoteOf(s.edited, 'en', s.model!)).toContain(`promotions ${event.id}; price changes`);
});

test('views: events ranked by headline ROI, price changes per customer with the volume response', () => {
  const results = computeModel(model);
  const byId = new Map(results.promotions!.map((r) => [r.promotionId, r]));
  const sor = model.promotions!.filter((p) => p.customerId === 'SOR');
  const ranked = rankPromotions(sor, byId, 'gross_roi').map((p) => byId.get(p.id)!.roiGross.value!);
  expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
  const net = rankPromotions(sor, byId, 'net_roi').map((p) => byId.get(p.id)!.roiNet.value!);
  expect(net).toEqual([...net].sort((a, b) => b - a));

  const changes = priceChangesOf(model, 'SOR');
  expect(changes.map((c) => c.index)).toEqual(
    model.priceChanges!.map((c, i) => (c.customerId === '' || c.customerId === 'SOR' ? i : -1)).filter((i) => i >= 0),
  );
  const text = volumeResponseOf(model, 'SOR', changes[0].change, texts('es'), 'es');
  expect(text).toMatch(/^Respuesta del volumen: elasticidad constante; /);
  // Every own-price elasticity of the sample's categories, with a true minus sign.
  for (const e of model.elasticities!)
    expect(text).toContain(`${String(e.ownPrice).replace('-', '\u2212')} (${e.scope.values.join(', ')})`);
  expect(text).toMatch(/traslado al anaquel 90\.0\s?%\.$/);
});
