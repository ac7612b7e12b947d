/**
 * Promotions, hand-computed: every funding type pays on its own units, forward buy is a pure timing shift, the dip
 * and cannibalisation (valued at the victim SKU's own contribution), both ROI variants and the full-cost ROI with
 * the tier-crossing effect, break-even uplift in both forms and "cannot break even", uplift from the promotional
 * elasticity for each price mechanic.
 *
 * Model: customer WMT, SKUs A and B (category Botanas), 1,000 u a month each at $10 list, COGS $4, no taxes, no
 * retailer margin unless stated (shopper price = $10), 2026 months.
 */
import { computeModel, type Model, type Promotion, type Term } from '../../src/engine';
import { buildModel, customer, product, term, termById } from './build';

const MONTHS = Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`);

function model(promotions: Promotion[], opts: { skus?: string[]; terms?: Term[] } = {}): Model {
  const skus = opts.skus ?? ['A', 'B'];
  const m = buildModel({
    customers: [customer({ id: 'WMT' })],
    // B costs more to make: cannibalised units are valued at B's own contribution ($5), not A's ($6).
    products: skus.map((sku) => product({ sku, category: 'Botanas', cogsPerUnit: sku === 'B' ? 5 : 4 })),
    lines: skus.flatMap((sku) => MONTHS.map((period) => ({ customer: 'WMT', sku, period, baseline: 1_000, list: 10 }))),
    terms: opts.terms ?? [],
  });
  return { ...m, promotions };
}

const JULY = { from: '2026-07-01', to: '2026-07-31' };

function promo(p: Partial<Promotion>): Promotion {
  return {
    id: 'P1',
    customerId: 'WMT',
    scope: { kind: 'sku', values: ['A'] },
    buyWindow: JULY,
    inStoreWindow: JULY,
    mechanics: ['price_off_pct'],
    depth: 0.2,
    funding: 'off_invoice',
    fundingRate: 2,
    makerShare: 1,
    passThrough: 1,
    uplift: 0.5,
    cannibalisation: 0,
    forwardBuy: 0,
    dip: 0,
    fixedCosts: 0,
    ...p,
  };
}

/** Line index of SKU × month in the model above (A = 0, B = 1). */
const at = (sku: 0 | 1, month: number) => sku * 12 + (month - 1);

describe('off-invoice: pays on every unit bought in the buy window, off the invoice', () => {
  const r = computeModel(model([promo({})]));
  const e = r.promotions![0];

  test('lift 50 % of July baseline = 500 u; volume and invoice sales of July', () => {
    expect(e.baseline).toBeCloseTo(1_000, 9);
    expect(e.lift).toBeCloseTo(500, 9);
    expect(r.lines.volume[at(0, 7)]).toBeCloseTo(1_500, 9);
    // 1,500 u bought in the buy window × $2 = $3,000 taken off the invoice: 15,000 − 3,000
    expect(r.lines.onInvoice[at(0, 7)]).toBeCloseTo(3_000, 9);
    expect(r.lines.invoiceSales[at(0, 7)]).toBeCloseTo(12_000, 9);
    expect(e.spend.off_invoice).toBeCloseTo(3_000, 9);
    expect(e.spend.total).toBeCloseTo(3_000, 9);
  });

  test('incremental profit = 500 u × $6 (10 − 4, before funding); ROI gross 1.0, net 0; $6 per incremental unit', () => {
    expect(e.incrementalUnits).toBeCloseTo(500, 9);
    expect(e.incrementalProfit).toBeCloseTo(3_000, 9);
    expect(e.roiGross.value).toBeCloseTo(1, 12);
    expect(e.roiNet.value).toBeCloseTo(0, 12);
    expect(e.costPerIncrementalUnit.value).toBeCloseTo(6, 12);
  });

  test('break-even uplift: (a·Q + F) ÷ (m − a) ÷ Q = 2 × 1,000 ÷ 4 ÷ 1,000 = 50 %; price cut D ÷ (M − D) = 0.2 ÷ 0.4', () => {
    expect(e.breakEvenUplift.value).toBeCloseTo(0.5, 12);
    expect(e.breakEvenPriceCut.value).toBeCloseTo(0.5, 12);
  });

  test('no other term: full cost = spend; retailer margin on promotion 0 (shelf 8, cost 10 − 2)', () => {
    expect(e.termsEffect).toBeCloseTo(0, 9);
    expect(e.fullCost).toBeCloseTo(3_000, 9);
    expect(e.retailerMarginOnPromotion.value).toBeCloseTo(0, 12);
  });

  test('gross − every deduction = net still holds, to the centavo', () => {
    const t = r.customers[0].totals;
    expect(Math.round((t.grossSales - t.onInvoice - t.offInvoice - t.netSales) * 100)).toBe(0);
  });
});

describe('bill-back, scan-back and lump sum', () => {
  test('bill-back: the same units as off-invoice, paid after the invoice (invoice sales untouched)', () => {
    const r = computeModel(model([promo({ funding: 'bill_back' })]));
    expect(r.lines.invoiceSales[at(0, 7)]).toBeCloseTo(15_000, 9);
    expect(r.lines.offInvoice[at(0, 7)]).toBeCloseTo(3_000, 9);
    expect(r.promotions![0].spend.bill_back).toBeCloseTo(3_000, 9);
  });

  test('scan-back: only units sold to shoppers in the in-store window (1–15 July, buy window all of June–July)', () => {
    const r = computeModel(
      model([
        promo({
          funding: 'scan_back',
          inStoreWindow: { from: '2026-07-01', to: '2026-07-15' },
          buyWindow: { from: '2026-06-01', to: '2026-07-31' },
        }),
      ]),
    );
    // shoppers: baseline 1,000 × 15/31 + lift 50 % × 1,000 × 15/31 = 725.81 u × $2 = $1,451.61
    const units = 1_000 * (15 / 31) * 1.5;
    expect(r.promotions![0].spend.scan_back).toBeCloseTo(2 * units, 9);
    expect(r.lines.offInvoice[at(0, 6)]).toBe(0); // nothing on June purchases
  });

  test('lump sum $10,000 with a 60 % maker share: maker $6,000, retailer $4,000; plus $1,500 fixed costs', () => {
    const r = computeModel(
      model([promo({ funding: 'lump_sum', fundingRate: 10_000, makerShare: 0.6, fixedCosts: 1_500 })]),
    );
    const e = r.promotions![0];
    expect(e.spend.lump_sum).toBeCloseTo(6_000, 9);
    expect(e.retailerFunding).toBeCloseTo(4_000, 9);
    expect(e.spend.fixed_costs).toBe(1_500);
    expect(e.spend.total).toBeCloseTo(7_500, 9);
    expect(r.lines.offInvoice[at(0, 7)]).toBeCloseTo(7_500, 9);
    // incremental profit 500 × 6 = 3,000: gross ROI 0.4, net ROI −0.6
    expect(e.roiGross.value).toBeCloseTo(0.4, 12);
    expect(e.roiNet.value).toBeCloseTo(-0.6, 12);
  });
});

describe('forward buy, dip and cannibalisation', () => {
  test('forward buy is a pure timing shift funded at the deal rate: zero incremental units', () => {
    // buy window 16–30 June (½ of June): forward buy 40 % × 1,000 × ½ = 200 u in June, paid back 1–15 July
    const r = computeModel(
      model([promo({ uplift: 0, forwardBuy: 0.4, buyWindow: { from: '2026-06-16', to: '2026-06-30' } })]),
    );
    const e = r.promotions![0];
    expect(e.forwardBuy).toBeCloseTo(200, 9);
    expect(r.lines.volume[at(0, 6)]).toBeCloseTo(1_200, 9);
    expect(r.lines.volume[at(0, 7)]).toBeCloseTo(800, 9);
    expect(r.customers[0].totals.volume).toBeCloseTo(24_000, 9); // the year unchanged
    expect(e.incrementalUnits).toBeCloseTo(0, 9);
    // funded on units bought in the buy window: ½ × 1,000 (baseline) + 200 (forward buy) = 700 u × $2
    expect(e.spend.off_invoice).toBeCloseTo(1_400, 9);
  });

  test('dip 20 % of the lift in August; cannibalisation 30 % of the lift from B, valued at B’s contribution', () => {
    const r = computeModel(model([promo({ dip: 0.2, cannibalisation: 0.3 })]));
    const e = r.promotions![0];
    expect(e.dip).toBeCloseTo(100, 9);
    expect(e.cannibalised).toBeCloseTo(150, 9);
    expect(r.lines.volume[at(0, 8)]).toBeCloseTo(900, 9); // A, August
    expect(r.lines.volume[at(1, 7)]).toBeCloseTo(850, 9); // B, July
    expect(e.incrementalUnits).toBeCloseTo(250, 9); // 500 − 150 − 100
    // (500 − 100) × $6 − 150 × $5 (B's own contribution, 10 − 5) = 2,400 − 750 = 1,650
    expect(e.incrementalProfit).toBeCloseTo(1_650, 9);
    // The P&L's own promotional lines: net promotional volume 250 u, promotional spend $3,000 (inside on-invoice)
    expect(r.customers[0].totals.promoVolume).toBeCloseTo(250, 9);
    expect(r.customers[0].totals.promoSpend).toBeCloseTo(e.spend.total, 9);
    expect(r.customers[0].totals.onInvoice).toBeCloseTo(e.spend.total, 9);
  });
});

describe('full-cost ROI: the tier-crossing effect', () => {
  // One SKU, 12,000 u a year. All-units volume rebate on gross sales: 1 % up to 12,200 u, 2 % above.
  const rebate = term({
    id: 'R',
    customerId: 'WMT',
    tiers: [
      { from: 0, to: 12_200, rate: 0.01 },
      { from: 12_200, to: null, rate: 0.02 },
    ],
  });

  test('the event lifts the year to 12,500 u: the whole year’s rebate goes to 2 %, to the centavo', () => {
    const without = computeModel(model([], { skus: ['A'], terms: [rebate] }));
    expect(termById(without.terms, 'R').amount).toBeCloseTo(1_200, 9); // 1 % × 120,000
    const r = computeModel(model([promo({})], { skus: ['A'], terms: [rebate] }));
    expect(termById(r.terms, 'R').amount).toBeCloseTo(2_500, 9); // 2 % × 125,000
    const e = r.promotions![0];
    expect(Math.round(e.termsEffect * 100) / 100).toBe(1_300);
    expect(e.fullCost).toBeCloseTo(3_000 + 1_300, 9);
    // incremental profit: 500 u × (10 − 2 % rebate rate × 10 − 4) = 500 × 5.80 = 2,900
    expect(e.incrementalProfit).toBeCloseTo(2_900, 9);
    expect(e.roiFullCostGross.value).toBeCloseTo(2_900 / 4_300, 12);
    expect(e.roiFullCostNet.value).toBeCloseTo((2_900 - 4_300) / 4_300, 12);
  });
});

describe('uplift from the promotional elasticity, per mechanic', () => {
  const withElasticity = (p: Partial<Promotion>, marginModel = false) => {
    const m = model([promo({ uplift: null, ...p })]);
    m.elasticities = [{ scope: { kind: 'all', values: [] }, ownPrice: -1.5, promotional: -3 }];
    if (marginModel) m.retailerMargins = [{ customerId: 'WMT', scope: { kind: 'all', values: [] }, frontMargin: 0.2 }];
    return computeModel(m).promotions![0];
  };

  test('20 % off with half pass-through: shelf depth 10 %, uplift 0.9^−3 − 1 = 37.17 %', () => {
    const e = withElasticity({ depth: 0.2, passThrough: 0.5 });
    expect(e.shelfDepth).toBeCloseTo(0.1, 12);
    expect(e.upliftPct).toBeCloseTo(Math.pow(0.9, -3) - 1, 12);
    expect(e.upliftFrom).toBe('elasticity');
  });

  test('2x1: depth 1 − 1/2 = 50 %, uplift 0.5^−3 − 1 = 700 %', () => {
    const e = withElasticity({ mechanics: ['multibuy'], multibuy: { buy: 2, pay: 1 }, depth: 0 });
    expect(e.shelfDepth).toBeCloseTo(0.5, 12);
    expect(e.upliftPct).toBeCloseTo(7, 12);
  });

  test('$2 off a $12.50 shelf price (retailer margin 20 %): depth 16 %', () => {
    const e = withElasticity({ mechanics: ['price_off_amount'], depth: 2 }, true);
    expect(e.shelfDepth).toBeCloseTo(0.16, 12);
    expect(e.upliftPct).toBeCloseTo(Math.pow(0.84, -3) - 1, 12);
  });

  test('a display alone has no price depth: no uplift unless given', () => {
    const e = withElasticity({ mechanics: ['display'], depth: 0 });
    expect(e.upliftPct).toBe(0);
    expect(e.upliftFrom).toBe('none');
  });
});

describe('undefined metrics are null with a reason, never NaN or Infinity', () => {
  test('funding at or above the unit contribution cannot break even', () => {
    const e = computeModel(model([promo({ fundingRate: 7 })])).promotions![0];
    expect(e.breakEvenUplift.value).toBeNull();
    expect(e.breakEvenUplift.reason?.en).toContain('cannot break even');
    expect(e.breakEvenPriceCut.value).toBeNull();
  });

  test('an event with zero uplift and zero funding changes nothing; its ROI is null (no spend)', () => {
    const base = computeModel(model([]));
    const r = computeModel(model([promo({ uplift: 0, fundingRate: 0 })]));
    expect(r.customers[0].totals).toEqual(base.customers[0].totals);
    const e = r.promotions![0];
    expect(e.roiGross).toEqual({ value: null, reason: { es: 'sin inversión del fabricante', en: 'no maker spend' } });
    expect(e.costPerIncrementalUnit.value).toBeNull();
  });
});

describe('a closed period already holds the event: post-event evaluation', () => {
  test('July closed with an actual of 1,400 u: volume stands, lift measured as 1,400 − 1,000 = 400 u, funding on actual units', () => {
    const m = model([promo({})]);
    m.lines.actualVolume[at(0, 7)] = 1_400;
    const r = computeModel(m);
    const e = r.promotions![0];
    expect(r.lines.volume[at(0, 7)]).toBe(1_400);
    expect(e.lift).toBeCloseTo(400, 9);
    expect(e.baseline).toBeCloseTo(1_000, 9);
    expect(e.upliftPct).toBeCloseTo(0.4, 12);
    expect(e.spend.off_invoice).toBeCloseTo(2 * 1_400, 9);
    // profit on the measured lift: 400 × (10 − 4)
    expect(e.incrementalProfit).toBeCloseTo(2_400, 9);
    expect(r.customers[0].totals.promoVolume).toBe(0);
  });
});

describe('every mechanic × funding type: funding on its own units, uplift from the mechanic', () => {
  const mechanics: [Promotion['mechanics'], Partial<Promotion>][] = [
    [['price_off_pct'], { depth: 0.2 }],
    [['price_off_amount'], { depth: 2 }],
    [['multibuy'], { depth: 0, multibuy: { buy: 3, pay: 2 } }],
    [['feature'], { depth: 0 }],
    [['display'], { depth: 0 }],
  ];
  const fundings: Promotion['funding'][] = ['off_invoice', 'bill_back', 'scan_back', 'lump_sum'];
  for (const [mech, extra] of mechanics) {
    for (const funding of fundings) {
      test(`${mech.join('+')} × ${funding}`, () => {
        const r = computeModel(
          model([promo({ mechanics: mech, ...extra, funding, fundingRate: funding === 'lump_sum' ? 9_000 : 2 })]),
        );
        const e = r.promotions![0];
        // uplift 50 % given: 500 u of lift in July whatever the mechanic; July is both windows: 1,500 u bought,
        // 1,500 u sold to shoppers
        expect(e.lift).toBeCloseTo(500, 9);
        const expected = funding === 'lump_sum' ? 9_000 : 2 * 1_500;
        expect(e.spend[funding]).toBeCloseTo(expected, 9);
        expect(e.spend.total).toBeCloseTo(expected, 9);
        // off-invoice lowers invoice sales; the others are off-invoice spend
        const onInvoice = funding === 'off_invoice' ? expected : 0;
        expect(r.lines.onInvoice[at(0, 7)]).toBeCloseTo(onInvoice, 9);
        expect(r.lines.offInvoice[at(0, 7)]).toBeCloseTo(expected - onInvoice, 9);
        // shelf depth by mechanic: 20 %; $2 off a $10 shopper price; 3x2 = 1 − 2/3; none for feature and display
        const depth = { price_off_pct: 0.2, price_off_amount: 0.2, multibuy: 1 / 3, feature: 0, display: 0 }[mech[0]];
        expect(e.shelfDepth).toBeCloseTo(depth, 12);
      });
    }
  }
});

test('an event whose in-store days are all closed says its uplift is measured on actuals', () => {
  const m = model([promo({})]);
  m.lines.actualVolume[at(0, 7)] = 1_250;
  expect(computeModel(m).promotions![0].upliftFrom).toBe('actuals');
  expect(computeModel(model([promo({})])).promotions![0].upliftFrom).toBe('given');
});

describe('the promotion plan reused between recomputes is never stale', () => {
  const cold = (m: Model): Model => ({ ...m, promotions: m.promotions && m.promotions.map((p) => ({ ...p })) });

  test('editing an event (a new promotions array) recomputes it; editing a term reuses the plan with equal numbers', () => {
    const m = model([promo({})], { terms: [term({ id: 'R', customerId: 'WMT', rate: 0.02 })] });
    const first = computeModel(m);
    const edited = { ...m, promotions: [promo({ uplift: 0.8 })] };
    const afterEventEdit = computeModel(edited);
    expect(afterEventEdit.promotions![0].lift).toBeCloseTo(800, 9);
    expect(afterEventEdit.customers[0].totals).toEqual(computeModel(cold(edited)).customers[0].totals);
    // A term edit keeps the promotions: the plan is reused, and the numbers equal a computation from scratch.
    const termEdit = { ...m, terms: [term({ id: 'R', customerId: 'WMT', rate: 0.05 })] };
    const reused = computeModel(termEdit);
    expect(reused.customers[0].totals).toEqual(computeModel(cold(termEdit)).customers[0].totals);
    expect(reused.promotions![0]).toEqual(computeModel(cold(termEdit)).promotions![0]);
    expect(reused.customers[0].totals.offInvoice).not.toBe(first.customers[0].totals.offInvoice);
  });
});

describe('bill-backs, scan-backs and lump sums are provisioned in their periods', () => {
  test('a bill-back in July: one accrual row per policy, $3,000, no true-up; an off-invoice allowance none', () => {
    const r = computeModel(model([promo({ funding: 'bill_back' })]));
    const rows = r.accruals.filter((a) => a.termId === 'P1');
    expect(rows.map((a) => [a.policy, a.periodId, a.accrual, a.cumulative, a.trueUp])).toEqual([
      ['tier_reached_so_far', '2026-07', expect.closeTo(3_000, 9), expect.closeTo(3_000, 9), 0],
      ['forecast_year_end', '2026-07', expect.closeTo(3_000, 9), expect.closeTo(3_000, 9), 0],
    ]);
    const oi = computeModel(model([promo({})]));
    expect(oi.accruals.filter((a) => a.termId === 'P1')).toEqual([]);
  });

  test('a $6,100 lump sum over 16 June – 15 July: split by the days in store (15 of 30, 15 of 31) and cumulated', () => {
    const r = computeModel(
      model([
        promo({
          funding: 'lump_sum',
          fundingRate: 6_100,
          inStoreWindow: { from: '2026-06-16', to: '2026-07-15' },
          buyWindow: { from: '2026-06-16', to: '2026-07-15' },
        }),
      ]),
    );
    const rows = r.accruals.filter((a) => a.termId === 'P1' && a.policy === 'forecast_year_end');
    // weights 1,000 × 15/30 = 500 (June) and 1,000 × 15/31 = 483.87 (July) of 983.87
    const june = (6_100 * 500) / (500 + (1_000 * 15) / 31);
    expect(rows.map((a) => a.periodId)).toEqual(['2026-06', '2026-07']);
    expect(rows[0].accrual).toBeCloseTo(june, 9);
    expect(rows[1].cumulative).toBeCloseTo(6_100, 9);
  });
});
