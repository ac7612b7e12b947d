/** Sheet "TT Cascada" / "TT Waterfall": the customer × SKU price waterfall per unit, volume-weighted totals. */
import {
  marginPct,
  metricValue,
  waterfallOf,
  type Lang,
  type MetricId,
  type Model,
  type ModelResults,
  type PnlTotals,
  type Waterfall,
} from '../../engine';
import type { ResultCell, ResultSheet } from '../port';
import { customerSkuColumns, fillCustomerSkuRows } from './customer-sku';
import { LEVELS, RESULT_SHEET_NAMES, RESULT_TABLE_NAMES } from './names';
import { fx, num, ratioFormula, res, SheetDraft, type Columns } from './tables';

const WATERFALL_SOURCE: readonly MetricId[] = [
  'list_price',
  'on_invoice_per_unit',
  'off_invoice_per_unit',
  'cost_to_serve_per_unit',
  'cogs_per_unit',
];

/** The per-unit metrics as metricValue reads them from waterfallOf (the two ratios from the fields named). */
const WATERFALL_FIELD: Partial<Record<MetricId, keyof Waterfall>> = {
  list_price: 'listPrice',
  on_invoice_per_unit: 'onInvoicePerUnit',
  invoice_price: 'invoicePrice',
  off_invoice_per_unit: 'offInvoicePerUnit',
  cost_to_serve_per_unit: 'costToServePerUnit',
  pocket_price: 'pocketPrice',
  cogs_per_unit: 'cogsPerUnit',
  pocket_margin: 'pocketMargin',
  pocket_margin_pct: 'pocketMargin',
  leakage: 'leakage',
  leakage_pct: 'leakage',
};

export function waterfallSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const placement = model.settings.costToServePlacement;
  const sheet = new SheetDraft('waterfall', RESULT_SHEET_NAMES.waterfall[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.waterfall, [
    ...customerSkuColumns(cols),
    cols.metric('volume'),
    cols.metric('list_price'),
    cols.metric('on_invoice_per_unit'),
    cols.metric('invoice_price'),
    cols.metric('off_invoice_per_unit'),
    cols.metric('cost_to_serve_per_unit'),
    cols.metric('pocket_price'),
    cols.metric('cogs_per_unit'),
    cols.metric('pocket_margin'),
    cols.metric('pocket_margin_pct'),
    cols.metric('leakage'),
    cols.metric('leakage_pct'),
  ]);
  // The waterfall of the row last asked for: metricValue would rebuild it for each of a row's dozen figures.
  let lastTotals: PnlTotals | undefined;
  let lastWaterfall: Waterfall | undefined;
  const v = (id: MetricId, t: PnlTotals): number => {
    const field = WATERFALL_FIELD[id];
    if (field === undefined) return metricValue(id, t, placement);
    if (t !== lastTotals) {
      lastWaterfall = waterfallOf(t, placement);
      lastTotals = t;
    }
    const w = lastWaterfall!;
    if (id === 'pocket_margin_pct') return marginPct(w.pocketMargin, w.pocketPrice);
    if (id === 'leakage_pct') return marginPct(w.leakage, w.listPrice);
    return w[field];
  };
  /** Per-unit figures of nothing sold (or of a volume too small to divide by: 1e-320 units) are undefined. */
  const unpriced = (t: PnlTotals) => t.volume === 0 || Number.isNaN(v('list_price', t));

  /** Invoice price, pocket price, margin and leakage from the row's own per-unit inputs (one template a column). */
  const f = {
    invoice_price: d.rowFormula((a) => `=${a('list_price')}-${a('on_invoice_per_unit')}`),
    pocket_price: d.rowFormula(
      (a) => `=${a('invoice_price')}-${a('off_invoice_per_unit')}-${a('cost_to_serve_per_unit')}`,
    ),
    pocket_margin: d.rowFormula((a) => `=${a('pocket_price')}-${a('cogs_per_unit')}`),
    pocket_margin_pct: d.rowFormula((a) => ratioFormula(a('pocket_margin'), a('pocket_price'))),
    leakage: d.rowFormula((a) => `=${a('list_price')}-${a('pocket_price')}`),
    leakage_pct: d.rowFormula((a) => ratioFormula(a('leakage'), a('list_price'))),
  };
  const derived = (r: number, t: PnlTotals, cells: Record<string, ResultCell>): Record<string, ResultCell> => {
    cells.invoice_price = f.invoice_price.cell(r, v('invoice_price', t));
    cells.pocket_price = f.pocket_price.cell(r, v('pocket_price', t));
    cells.pocket_margin = f.pocket_margin.cell(r, v('pocket_margin', t));
    cells.pocket_margin_pct = f.pocket_margin_pct.cell(r, res(v('pocket_margin_pct', t)));
    cells.leakage = f.leakage.cell(r, v('leakage', t));
    cells.leakage_pct = f.leakage_pct.cell(r, res(v('leakage_pct', t)));
    return cells;
  };
  /**
   * A total row over some rows: their volume, then (unless nothing sold) each per-unit input volume-weighted =
   * summed money ÷ summed volume, rebuilt from the SKU rows, and the derived figures.
   */
  const total = (r: number, t: PnlTotals, volumeFormula: string, weightedOf: (id: string) => string) => {
    const cells: Record<string, ResultCell> = { volume: fx(volumeFormula, t.volume) };
    if (!unpriced(t)) {
      for (const id of WATERFALL_SOURCE) cells[id] = fx(weightedOf(id), res(v(id, t)));
      derived(r, t, cells);
    }
    return cells;
  };

  fillCustomerSkuRows(d, model, results, lang, {
    // Per-unit figures of nothing sold are undefined: left blank rather than shown as 0.
    sku: (r, t) =>
      unpriced(t)
        ? { volume: t.volume }
        : (() => {
            const cells: Record<string, ResultCell> = { volume: t.volume };
            for (const id of WATERFALL_SOURCE) cells[id] = num(v(id, t));
            return derived(r, t, cells);
          })(),
    customerTotal: (r, t, first, last) => {
      if (last < first) return { volume: 0 };
      const vol = d.range('volume', first, last, true);
      return total(
        r,
        t,
        `=SUM(${d.range('volume', first, last)})`,
        (id) => `=IF(SUM(${vol})=0,"",SUMPRODUCT(${vol},${d.range(id, first, last)})/SUM(${vol}))`,
      );
    },
    portfolioTotal: (r, t, last) => {
      if (last < d.firstRow) return { volume: 0 };
      const level = d.range('level', d.firstRow, last, true);
      const vol = d.range('volume', d.firstRow, last, true);
      const sku = `"${LEVELS.sku[lang]}"`;
      const volHere = d.at('volume', r);
      return total(
        r,
        t,
        `=SUMIF(${level},${sku},${vol})`,
        (id) =>
          `=IF(${volHere}=0,"",SUMPRODUCT(--(${level}=${sku}),${vol},${d.range(id, d.firstRow, last)})/${volHere})`,
      );
    },
  });
  return sheet.toSheet();
}
