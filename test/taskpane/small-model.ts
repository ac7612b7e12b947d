/**
 * A hand-computable model for pane tests: Walmart (WMX), one SKU at list $10.00 and COGS $6.00/unit, 100 units in
 * each of January and February 2026, one off-invoice volume rebate on gross sales with all-units tiers
 * [0, 150) 1 % and [150, ∞) 2 %. By hand: gross 2 × 100 × 10 = 2,000; volume 200 reaches tier 2, rebate
 * 2 % × 2,000 = 40; net 1,960; COGS 1,200; gross profit 760; no cost-to-serve and 0 payment days: contribution 760.
 */
import { allocateLines, DEFAULT_SETTINGS, type Model } from '../../src/engine';
import { term } from '../engine/build';

export function smallModel(): Model {
  const lines = allocateLines(2);
  for (let i = 0; i < 2; i++) {
    lines.customer[i] = 0;
    lines.product[i] = 0;
    lines.period[i] = i;
    lines.baselineVolume[i] = 100;
    lines.listPrice[i] = 10;
  }
  return {
    settings: { ...DEFAULT_SETTINGS, fiscalYear: 2026, periodicity: 'month' },
    customers: [{ id: 'WMX', name: 'Walmart de México', channel: 'modern', paymentDays: 0, dcShare: 0 }],
    products: [
      {
        sku: 'BOT-001',
        description: 'Papas 45 g',
        category: 'Botanas',
        brand: 'Crujimax',
        packSize: '20 x 45 g',
        litresPerUnit: 0,
        kgPerUnit: 0.9,
        cogsPerUnit: 6,
        ivaRate: 0.16,
        iepsKind: 'ad_valorem',
        iepsRate: 0.08,
      },
    ],
    periods: [
      { id: '2026-01', index: 0, year: 2026 },
      { id: '2026-02', index: 1, year: 2026 },
    ],
    lines,
    terms: [
      term({
        id: 'WMX-01',
        customerId: 'WMX',
        periodTo: '2026-02',
        tiers: [
          { from: 0, to: 150, rate: 0.01 },
          { from: 150, to: null, rate: 0.02 },
        ],
        agreedDate: '2025-11-28',
        evidenceRef: 'Carta 2026',
        description: 'Bono por volumen anual',
      }),
    ],
    costToServe: [],
  };
}

/**
 * The small model negotiated (issue 9): finance's limits (contribution ≥ 38.5 % of net sales, trade spend ≤ 2.5 % of
 * gross sales, a trade budget of $50) and three scenarios of WMX. By hand, the rebate is an off-invoice transfer
 * (the retailer has no front margin here: its purchases $2,160 = invoice $2,000 + IEPS 8 % are its sales), so the
 * retailer's total margin is the rebate and the joint value stays $800 in every scenario:
 * - base: rebate 2 % × 2,000 = 40; contribution 760 = 38.78 % of 1,960; trade spend 40 = 2.0 %; retailer 40.
 * - WMX-P1 (tier 2 at 3 %): rebate 60; contribution 740 = 38.14 % of 1,940 (−20, −0.63 pp); trade spend 60 = 3.0 %
 *   (+20, +1.0 pp); retailer 60 (+20). Fails all three limits: −0.36 pp, −0.5 pp, −$10.
 * - WMX-C1 (tier 2 at 3 % and from 250): 200 u stay in tier 1, rebate 1 % = 20; contribution 780 = 39.39 % of 1,980
 *   (+20, +0.62 pp); trade spend 20 = 1.0 % (−20, −1.0 pp); retailer 20 (−20). Ledger: the rate alone −20 for us,
 *   the threshold alone +20, interaction +20 (total +20); sequential: −20 then +40.
 * - WMX-X1 (WMX-01 removed): contribution 800 = 40 % (+40); trade spend 0; retailer 0 (−40).
 * `flat`: WMX-01 is a flat 2 % rebate on gross sales instead (the same money in the base); WMX-P1 sets its rate to
 * 3 % (the same money as above) and there is no WMX-C1.
 */
export function smallNegotiationModel(options: { flat?: boolean } = {}): Model {
  const m = smallModel();
  const negotiated = tieredNegotiation(m);
  if (!options.flat) return negotiated;
  return {
    ...negotiated,
    terms: [{ ...m.terms[0], tiers: [], rate: 0.02 }],
    scenarios: negotiated
      .scenarios!.filter((s) => s.id !== 'WMX-C1')
      .map((s) =>
        s.id === 'WMX-P1' ? { ...s, changes: [{ target: 'term', id: 'WMX-01', field: 'rate', value: 0.03 }] } : s,
      ),
  };
}

function tieredNegotiation(m: Model): Model {
  const terms = m.terms;
  return {
    ...m,
    settings: { ...m.settings, minContributionPct: 0.385, maxTradeSpendPct: 0.025 },
    customers: [{ ...m.customers[0], tradeBudget: 50 }],
    terms,
    scenarios: [
      {
        id: 'WMX-P1',
        customerId: 'WMX',
        name: 'Propuesta anual',
        kind: 'proposal',
        status: 'sent',
        author: 'Ana López',
        date: '2025-10-20',
        notes: '',
        changes: [{ target: 'term_tier', id: 'WMX-01', index: 1, field: 'rate', value: 0.03 }],
      },
      {
        id: 'WMX-C1',
        customerId: 'WMX',
        name: 'Contrapropuesta',
        kind: 'counter_proposal',
        status: 'draft',
        author: 'Ana López',
        date: '2025-11-05',
        notes: 'Más tasa a cambio de un umbral más alto',
        changes: [
          { target: 'term_tier', id: 'WMX-01', index: 1, field: 'rate', value: 0.03 },
          { target: 'term_tier', id: 'WMX-01', index: 1, field: 'from', value: 250 },
        ],
      },
      {
        id: 'WMX-X1',
        customerId: 'WMX',
        name: 'Sin bono',
        kind: 'other',
        status: 'rejected',
        author: '',
        date: '',
        notes: '',
        changes: [{ target: 'term_present', id: 'WMX-01', value: false }],
      },
    ],
  };
}
