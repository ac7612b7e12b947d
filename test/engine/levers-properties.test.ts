/**
 * Properties of promotions and price changes on random models (issue 8): with no promotions and no price changes
 * every number is unchanged; gross − every deduction = net to the centavo; an event with zero uplift and zero
 * funding changes nothing; no output is NaN or Infinity.
 */
import fc from 'fast-check';
import { computeModel, type Model, type ModelResults, type PriceChange, type Promotion } from '../../src/engine';
import { modelArb } from './arbitraries';

const RUNS = 120;
const centavo = 0.005;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30];

const windowArb = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 40 }))
  .map(([m, d, len]) => {
    const from = new Date(Date.UTC(2026, m - 1, Math.min(d, MONTH_DAYS[m - 1])));
    const to = new Date(from.getTime() + len * 86_400_000);
    return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  });

function promotionArb(model: Model): fc.Arbitrary<Promotion> {
  return fc
    .record({
      customer: fc.constantFrom(...model.customers.map((c) => c.id)),
      sku: fc.constantFrom(...model.products.map((p) => p.sku)),
      buy: windowArb,
      store: windowArb,
      price: fc.boolean(),
      depth: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
      funding: fc.constantFrom('off_invoice' as const, 'bill_back' as const, 'scan_back' as const, 'lump_sum' as const),
      rate: fc.double({ min: 0, max: 30, noNaN: true }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      uplift: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: null }),
      cann: fc.double({ min: 0, max: 0.5, noNaN: true }),
      fb: fc.double({ min: 0, max: 0.5, noNaN: true }),
      dip: fc.double({ min: 0, max: 0.5, noNaN: true }),
      fixed: fc.integer({ min: 0, max: 50_000 }),
    })
    .map((r) => ({
      id: `E-${r.customer}-${r.sku}-${r.store.from}`,
      customerId: r.customer,
      scope: { kind: 'sku' as const, values: [r.sku] },
      buyWindow: r.buy,
      inStoreWindow: r.store,
      mechanics: r.price ? ['price_off_pct' as const] : ['display' as const],
      depth: r.price ? r.depth : 0,
      funding: r.funding,
      fundingRate: r.funding === 'lump_sum' ? r.rate * 1_000 : r.rate,
      makerShare: r.share,
      passThrough: 1,
      uplift: r.uplift,
      cannibalisation: r.cann,
      forwardBuy: r.fb,
      dip: r.dip,
      fixedCosts: r.fixed,
    }));
}

const leversArb = modelArb.chain((model) =>
  fc
    .record({
      promotions: fc.array(promotionArb(model), { maxLength: 4 }),
      change: fc.option(
        fc.record({ pct: fc.double({ min: -0.2, max: 0.2, noNaN: true }), day: fc.integer({ min: 1, max: 150 }) }),
        { nil: undefined },
      ),
      elasticity: fc.double({ min: -3, max: 0, noNaN: true }),
    })
    .map(({ promotions, change, elasticity }): Model => {
      const unique = promotions.filter((p, k) => promotions.findIndex((q) => q.id === p.id) === k);
      const priceChanges: PriceChange[] = change
        ? [
            {
              customerId: '',
              scope: { kind: 'all', values: [] },
              effectiveDate: new Date(Date.UTC(2026, 0, change.day)).toISOString().slice(0, 10),
              newListPrice: null,
              changePct: change.pct,
            },
          ]
        : [];
      return {
        ...model,
        promotions: unique,
        priceChanges,
        elasticities: [{ scope: { kind: 'all', values: [] }, ownPrice: elasticity, promotional: elasticity * 2 }],
      };
    }),
);

function everyNumberFinite(r: ModelResults): void {
  for (const c of r.customers) for (const v of Object.values(c.totals)) expect(Number.isFinite(v)).toBe(true);
  for (const e of r.promotions ?? []) {
    for (const [k, v] of Object.entries(e)) {
      if (typeof v === 'number') expect([k, Number.isFinite(v)]).toEqual([k, true]);
      if (v !== null && typeof v === 'object' && 'value' in v) {
        const m = v as { value: number | null; reason: unknown };
        expect(m.value === null ? m.reason !== null : Number.isFinite(m.value)).toBe(true);
      }
    }
  }
}

test('no promotions and no price changes: every number as without the lever tables', () => {
  fc.assert(
    fc.property(modelArb, (model) => {
      const plain = computeModel(model);
      const empty = computeModel({ ...model, promotions: [], priceChanges: [], elasticities: [], retailerMargins: [] });
      expect(empty.customers.map((c) => c.totals)).toEqual(plain.customers.map((c) => c.totals));
      expect(empty.terms.map((t) => t.amount)).toEqual(plain.terms.map((t) => t.amount));
    }),
    { numRuns: 60 },
  );
});

test('with events and a price change: gross − on-invoice − off-invoice = net to the centavo; nothing NaN or Infinity', () => {
  let withEvents = 0;
  fc.assert(
    fc.property(leversArb, (model) => {
      const r = computeModel(model);
      if ((model.promotions ?? []).length > 0) withEvents++;
      for (const c of r.customers) {
        const t = c.totals;
        expect(Math.abs(t.grossSales - t.onInvoice - t.offInvoice - t.netSales)).toBeLessThan(centavo);
        expect(t.promoSpend).toBeLessThanOrEqual(t.onInvoice + t.offInvoice + centavo);
      }
      everyNumberFinite(r);
    }),
    { numRuns: RUNS },
  );
  expect(withEvents).toBeGreaterThan(RUNS * 0.5);
});

test('an event with zero uplift, zero funding and no timing shifts changes nothing', () => {
  fc.assert(
    fc.property(leversArb, (model) => {
      const inert = (model.promotions ?? []).map((p) => ({
        ...p,
        uplift: 0,
        fundingRate: 0,
        fixedCosts: 0,
        forwardBuy: 0,
        dip: 0,
        cannibalisation: 0,
      }));
      const base = computeModel({ ...model, promotions: [] });
      const r = computeModel({ ...model, promotions: inert });
      expect(r.customers.map((c) => c.totals)).toEqual(base.customers.map((c) => c.totals));
    }),
    { numRuns: RUNS },
  );
});
