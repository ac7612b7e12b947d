/** Sheet "TT Cascada" / "TT Waterfall": the customer × SKU price waterfall per unit, volume-weighted totals. */
import { metricValue, type Lang, type MetricId, type Model, type ModelResults, type PnlTotals } from '../../engine';
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
  const v = (id: MetricId, t: PnlTotals) => metricValue(id, t, placement);
  /** Per-unit figures of nothing sold (or of a volume too small to divide by: 1e-320 units) are undefined. */
  const unpriced = (t: PnlTotals) => t.volume === 0 || Number.isNaN(v('list_price', t));

  /** Invoice price, pocket price, margin and leakage from the row's own per-unit inputs. */
  const derived = (r: number, t: PnlTotals): Record<string, ResultCell> => {
    const a = (id: string) => d.at(id, r);
    return {
      invoice_price: fx(`=${a('list_price')}-${a('on_invoice_per_unit')}`, v('invoice_price', t)),
      pocket_price: fx(
        `=${a('invoice_price')}-${a('off_invoice_per_unit')}-${a('cost_to_serve_per_unit')}`,
        v('pocket_price', t),
      ),
      pocket_margin: fx(`=${a('pocket_price')}-${a('cogs_per_unit')}`, v('pocket_margin', t)),
      pocket_margin_pct: fx(ratioFormula(a('pocket_margin'), a('pocket_price')), res(v('pocket_margin_pct', t))),
      leakage: fx(`=${a('list_price')}-${a('pocket_price')}`, v('leakage', t)),
      leakage_pct: fx(ratioFormula(a('leakage'), a('list_price')), res(v('leakage_pct', t))),
    };
  };
  /**
   * A total row over some rows: their volume, then (unless nothing sold) each per-unit input volume-weighted =
   * summed money ÷ summed volume, rebuilt from the SKU rows, and the derived figures.
   */
  const total = (r: number, t: PnlTotals, volumeFormula: string, weightedOf: (id: string) => string) => {
    const cells: Record<string, ResultCell> = { volume: fx(volumeFormula, t.volume) };
    if (!unpriced(t)) {
      for (const id of WATERFALL_SOURCE) cells[id] = fx(weightedOf(id), res(v(id, t)));
      Object.assign(cells, derived(r, t));
    }
    return cells;
  };

  fillCustomerSkuRows(d, model, results, lang, {
    // Per-unit figures of nothing sold are undefined: left blank rather than shown as 0.
    sku: (r, t) =>
      unpriced(t)
        ? { volume: t.volume }
        : {
            volume: t.volume,
            ...Object.fromEntries(WATERFALL_SOURCE.map((id) => [id, num(v(id, t))])),
            ...derived(r, t),
          },
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
