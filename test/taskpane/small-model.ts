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
