import fc from 'fast-check';
import { computeModel, recomputeCustomer, sumTotals, type ModelResults } from '../../src/engine';
import { modelArb } from './arbitraries';
import { sum } from './build';

const RUNS = 150;
const centavo = 0.005;

/**
 * How many generated cases exercise non-zero money: identities such as gross − terms = net hold trivially when every
 * term computes to 0, so the generators must mostly produce terms that pay. Every property below records its cases;
 * the last test checks the shares (a model with some non-zero term money: at least 60 %; terms that pay: at least
 * half of all generated terms).
 */
const tally = { cases: 0, casesWithMoney: 0, terms: 0, termsWithMoney: 0 };
function record(r: ModelResults): ModelResults {
  const paying = r.terms.filter((t) => t.amount !== 0).length;
  tally.cases++;
  if (paying > 0) tally.casesWithMoney++;
  tally.terms += r.terms.length;
  tally.termsWithMoney += paying;
  return r;
}

describe('engine identities on random models', () => {
  test('reconciliation per customer: gross − Σ on-invoice terms − Σ off-invoice terms = net sales (to the centavo)', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const r = record(computeModel(model));
        for (const c of r.customers) {
          const own = r.terms.filter((t) => t.customerId === c.customerId);
          const on = sum(own.filter((t) => t.onInvoice).map((t) => t.amount));
          const off = sum(own.filter((t) => !t.onInvoice).map((t) => t.amount));
          expect(Math.abs(c.totals.grossSales - on - off - c.totals.netSales)).toBeLessThan(centavo);
          expect(Math.abs(on - c.totals.onInvoice)).toBeLessThan(centavo);
          expect(Math.abs(off - c.totals.offInvoice)).toBeLessThan(centavo);
          expect(Math.abs(c.totals.grossSales - c.totals.onInvoice - c.totals.invoiceSales)).toBeLessThan(centavo);
        }
        const p = sumTotals(r.customers.map((c) => c.totals));
        expect(Math.abs(p.contribution - r.portfolio.contribution)).toBeLessThan(1e-9);
      }),
      { numRuns: RUNS },
    );
  });

  test('accruals: Σ accrual = final cumulative = annual amount, under both policies; Σ byPeriod = amount', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const r = record(computeModel(model));
        for (const t of r.terms) {
          const tol = 1e-7 * Math.max(1, Math.abs(t.amount));
          expect(Math.abs(sum(t.byPeriod) - t.amount)).toBeLessThan(Math.max(tol, 1e-6));
          for (const policy of ['tier_reached_so_far', 'forecast_year_end'] as const) {
            const rows = r.accruals.filter((a) => a.termId === t.termId && a.policy === policy);
            if (t.onInvoice) {
              expect(rows).toEqual([]); // taken off the invoice: nothing to provision
              continue;
            }
            if (rows.length === 0) {
              expect(t.amount).toBe(0);
              continue;
            }
            expect(rows[rows.length - 1].cumulative).toBe(t.amount);
            expect(Math.abs(sum(rows.map((a) => a.accrual)) - t.amount)).toBeLessThan(Math.max(tol, 1e-6));
            for (const a of rows) expect(a.accrual).toBeCloseTo(a.runRate + a.trueUp, 6);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('lump sums are placed in whole centavos and sum back exactly', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const r = record(computeModel(model));
        model.terms.forEach((term, k) => {
          if (term.basis !== 'fixed_amount') return;
          const t = r.terms[k];
          expect(Math.abs(t.amount * 100 - Math.round(t.amount * 100))).toBeLessThan(1e-6); // whole centavos
          expect(Math.round(sum(t.byPeriod) * 100)).toBe(Math.round(t.amount * 100));
        });
      }),
      { numRuns: RUNS },
    );
  });

  test('recomputeCustomer after editing one customer equals a full recompute', () => {
    fc.assert(
      fc.property(modelArb, fc.double({ min: 0.5, max: 1.5, noNaN: true }), (model, factor) => {
        const before = record(computeModel(model));
        const c = model.customers.length - 1;
        const id = model.customers[c].id;
        model.terms = model.terms.map((t) => (t.customerId === id ? { ...t, rate: t.rate * factor } : t));
        model.customers[c] = { ...model.customers[c], paymentDays: model.customers[c].paymentDays + 15 };
        const partial: ModelResults = recomputeCustomer(model, before, c);
        const full = computeModel(model);
        expect(partial.terms).toEqual(full.terms);
        expect(partial.customers).toEqual(full.customers);
        expect(partial.portfolio).toEqual(full.portfolio);
        expect(partial.lines).toEqual(full.lines);
        expect(new Set(partial.accruals)).toEqual(new Set(full.accruals));
        expect(partial.findings.length).toBe(full.findings.length);
      }),
      { numRuns: 60 },
    );
  });

  test('most generated cases exercise non-zero term money', () => {
    if (tally.cases === 0) return; // run alone (-t): nothing was generated
    expect(tally.cases).toBeGreaterThanOrEqual(RUNS);
    expect(tally.casesWithMoney / tally.cases).toBeGreaterThanOrEqual(0.6);
    expect(tally.termsWithMoney / tally.terms).toBeGreaterThanOrEqual(0.5);
  });
});
