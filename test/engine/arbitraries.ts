/** fast-check generators of small but complete models: every term kind, basis, tier method, growth and condition. */
import fc from 'fast-check';
import {
  ALLOCATION_KEYS as ALLOCATION_WORDS,
  BASES as BASIS_WORDS,
  COST_TO_SERVE_KINDS as COST_KIND_WORDS,
  idsOf,
  monthsOfYear,
  TERM_KINDS as TERM_KIND_WORDS,
  type CostToServe,
  type Model,
  type Scope,
  type Term,
  type Tier,
} from '../../src/engine';
import { buildModel, customer, product, term, type LineSpec } from './build';

const TERM_KINDS = idsOf(TERM_KIND_WORDS);
const BASES = idsOf(BASIS_WORDS);
const ALLOCATION_KEYS = idsOf(ALLOCATION_WORDS);
const COST_TO_SERVE_KINDS = idsOf(COST_KIND_WORDS);

const cents = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);

/** The value with probability p (in whole percent), else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | undefined> =>
  fc.oneof(
    { arbitrary: arb, weight: Math.round(p * 100) },
    { arbitrary: fc.constant(undefined), weight: Math.round((1 - p) * 100) },
  );

const tiersArb = (
  measure: 'volume' | 'gross_sales' | 'invoice_sales' | 'growth',
  basis: string,
): fc.Arbitrary<Tier[]> => {
  const step =
    measure === 'growth'
      ? fc.double({ min: 0.01, max: 0.3, noNaN: true })
      : fc.integer({ min: 1, max: measure === 'volume' ? 4_000 : 200_000 });
  const rate =
    basis === 'fixed_amount'
      ? cents(50_000)
      : basis === 'volume'
        ? cents(3)
        : fc.double({ min: 0, max: 0.1, noNaN: true });
  return fc.array(fc.tuple(step, rate), { minLength: 1, maxLength: 3 }).chain((steps) =>
    fc.oneof(fc.constant(0), fc.constant(steps[0][0] / 2)).map((start) => {
      let from = start;
      return steps.map(([w, r], k) => {
        const t: Tier = { from, to: k === steps.length - 1 ? null : from + w, rate: r };
        from += w;
        return t;
      });
    }),
  );
};

function termArb(customerId: string, id: string, nPeriods: number): fc.Arbitrary<Term> {
  return fc
    .record({
      kind: fc.constantFrom(...TERM_KINDS),
      onInvoice: fc.boolean(),
      basis: fc.constantFrom(...BASES),
      allocation: fc.constantFrom(...ALLOCATION_KEYS),
      // Weighted so that most terms cover lines with sales: a scope matching nothing (Lácteos, a SKU the customer
      // does not sell) still comes up, but as the exception (see the non-zero share checked in properties.test.ts).
      scope: fc.oneof(
        { arbitrary: fc.constant<Scope>({ kind: 'all', values: [] }), weight: 3 },
        {
          arbitrary: fc
            .constantFrom('Botanas', 'Bebidas', 'Lácteos')
            .map((v) => ({ kind: 'category' as const, values: [v] })),
          weight: 1,
        },
        { arbitrary: fc.constantFrom('P0', 'P1', 'P2').map((v) => ({ kind: 'sku' as const, values: [v] })), weight: 1 },
      ),
      from: fc.integer({ min: 0, max: nPeriods - 1 }),
      len: fc.integer({ min: 1, max: nPeriods }),
      tiered: fc.boolean(),
      tierMethod: fc.constantFrom('all_units' as const, 'marginal' as const),
      tierMeasure: fc.constantFrom(
        'volume' as const,
        'gross_sales' as const,
        'invoice_sales' as const,
        'growth' as const,
      ),
      // A third of the terms are growth plans and a quarter carry a condition: both often pay nothing (a decline, a
      // target missed), which is worth generating, but not so often that most terms compute to zero.
      growth: sometimes(
        fc.record({ payOn: fc.constantFrom('excess' as const, 'whole' as const), priceNeutral: fc.boolean() }),
        1 / 3,
      ),
      condition: sometimes(
        fc.oneof(
          fc.record({ measure: fc.constant('volume' as const), target: fc.integer({ min: 0, max: 8_000 }) }),
          fc.record({ measure: fc.constant('gross_sales' as const), target: fc.integer({ min: 0, max: 500_000 }) }),
          fc.record({
            measure: fc.constant('growth' as const),
            target: fc.double({ min: -0.2, max: 0.3, noNaN: true }),
          }),
          fc.record({
            measure: fc.constant('manual' as const),
            target: fc.constant(0.9),
            actual: fc.constantFrom(0.5, 0.95, 1, NaN),
          }),
        ),
        1 / 4,
      ),
      agreed: fc.boolean(),
    })
    .chain((r) => {
      const rate =
        r.basis === 'fixed_amount'
          ? cents(100_000)
          : r.basis === 'volume'
            ? cents(3)
            : fc.double({ min: 0, max: r.onInvoice ? 0.15 : 0.08, noNaN: true });
      const tiers = r.tiered ? tiersArb(r.tierMeasure, r.basis) : fc.constant([] as Tier[]);
      return fc.tuple(rate, tiers).map(([rateValue, tierList]) => {
        const months = monthsOfYear(2026);
        const last = Math.min(nPeriods - 1, r.from + r.len - 1);
        return term({
          id,
          customerId,
          kind: r.kind,
          onInvoice: r.onInvoice,
          basis: r.basis,
          rate: rateValue,
          allocation: r.allocation,
          scope: r.scope,
          periodFrom: months[r.from],
          periodTo: months[last],
          tierMethod: r.tierMethod,
          tierMeasure: r.tierMeasure,
          tiers: tierList,
          growth: r.growth,
          condition: r.condition,
          agreedDate: r.agreed ? '2026-01-10' : '',
        });
      });
    });
}

export const modelArb: fc.Arbitrary<Model> = fc
  .record({
    nCustomers: fc.integer({ min: 1, max: 3 }),
    nPeriods: fc.integer({ min: 2, max: 6 }),
  })
  .chain(({ nCustomers, nPeriods }) => {
    const months = monthsOfYear(2026).slice(0, nPeriods);
    const custIds = Array.from({ length: nCustomers }, (_, k) => `C${k}`);
    const lineArb = (c: string, sku: string, period: string): fc.Arbitrary<LineSpec> =>
      fc
        .record({
          baseline: fc.integer({ min: 0, max: 3_000 }),
          actual: fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: undefined, freq: 2 }),
          list: fc.integer({ min: 100, max: 20_000 }).map((x) => x / 100),
          // Prior-year volume a little below this year's on average: growth is more often up than down.
          prior: fc.integer({ min: 0, max: 2_400 }),
          priorList: fc.option(
            fc.integer({ min: 100, max: 20_000 }).map((x) => x / 100),
            { nil: undefined, freq: 2 },
          ),
        })
        .map((v) => ({ customer: c, sku, period, ...v }));
    const customerLines = (c: string) =>
      fc
        .subarray(['P0', 'P1', 'P2'], { minLength: 1 })
        .chain((skus) => fc.tuple(...skus.flatMap((s) => months.map((p) => lineArb(c, s, p)))));
    const costArb = (c: string): fc.Arbitrary<CostToServe> =>
      fc
        .record({
          kind: fc.constantFrom(...COST_TO_SERVE_KINDS),
          basis: fc.constantFrom(
            'gross_sales' as const,
            'invoice_sales' as const,
            'volume' as const,
            'kg' as const,
            'litres' as const,
            'fixed_amount' as const,
          ),
          allocation: fc.constantFrom(...ALLOCATION_KEYS),
          rate: cents(5_000),
        })
        .map((r) => ({
          customerId: c,
          ...r,
          rate: r.basis === 'gross_sales' || r.basis === 'invoice_sales' ? r.rate / 100_000 : r.rate,
          periodFrom: months[0],
          periodTo: months[nPeriods - 1],
          description: '',
        }));
    return fc
      .record({
        customers: fc.tuple(
          ...custIds.map((id) =>
            fc
              .record({
                dcShare: fc.double({ min: 0, max: 1, noNaN: true }),
                paymentDays: fc.integer({ min: 0, max: 90 }),
              })
              .map((c) => customer({ id, ...c })),
          ),
        ),
        lines: fc.tuple(...custIds.map(customerLines)),
        terms: fc.tuple(
          ...custIds.map((c) =>
            fc
              .integer({ min: 0, max: 6 })
              .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => termArb(c, `${c}-T${k}`, nPeriods)))),
          ),
        ),
        costs: fc.tuple(...custIds.map((c) => fc.array(costArb(c), { maxLength: 2 }))),
        cogs: fc.tuple(cents(50), cents(50), cents(50)),
      })
      .map((g) =>
        buildModel({
          periods: months,
          customers: g.customers,
          products: [
            product({
              sku: 'P0',
              category: 'Botanas',
              cogsPerUnit: g.cogs[0],
              ivaRate: 0.16,
              iepsKind: 'ad_valorem',
              iepsRate: 0.08,
              kgPerUnit: 0.2,
            }),
            product({
              sku: 'P1',
              category: 'Bebidas',
              cogsPerUnit: g.cogs[1],
              ivaRate: 0.16,
              iepsKind: 'per_litre',
              iepsRate: 3.0818,
              litresPerUnit: 0.6,
              kgPerUnit: 0.6,
            }),
            product({ sku: 'P2', category: 'Bebidas', cogsPerUnit: g.cogs[2] }),
          ],
          lines: g.lines.flat(),
          terms: g.terms.flat(),
          costToServe: g.costs.flat(),
        }),
      );
  });
