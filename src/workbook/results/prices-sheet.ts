/**
 * Sheet "TT Precios" / "TT Prices": the price build-up per customer × SKU, from the year's money (volume-weighted
 * prices), consistent with the P&L's tax layer — list, on-invoice per unit, invoice price, IEPS per unit, retailer
 * cost, front margin (margin on price), the consumer price (rounded to Settings' price ending, if any: IVA backed
 * out, the retailer's margin absorbing the difference), shelf before IVA, IVA, the retailer's margin per unit and
 * the margin it amounts to, the price index against the latest competitor price; then the maker's taxes (IEPS and IVA on the maker's sale),
 * which equal the P&L's. Live formulas for the arithmetic of the build-up.
 */
import { competitorIndexOf, shelfPriceOf, type Lang, type Model, type ModelResults } from '../../engine';
import type { ResultSheet } from '../port';
import { LEVELS, RESULT_SHEET_NAMES, RESULT_TABLE_NAMES } from './names';
import { num, productsOf, ratioFormula, res, SheetDraft, type Columns } from './tables';

export function pricesSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const sheet = new SheetDraft('prices', RESULT_SHEET_NAMES.prices[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.prices, [
    cols.field('level', 'text', 8),
    cols.field('customer_id', 'text', 10),
    cols.field('sku', 'text', 12),
    cols.field('description', 'text', 26),
    cols.field('volume', 'units', 12),
    cols.field('list_price', 'mxn_unit', 12),
    cols.field('on_invoice_per_unit', 'mxn_unit', 12),
    cols.field('invoice_price', 'mxn_unit', 12),
    cols.field('ieps_per_unit', 'mxn_unit', 12),
    cols.field('retailer_cost', 'mxn_unit', 12),
    cols.field('front_margin', 'pct', 11),
    cols.field('iva_rate', 'pct', 8),
    cols.field('consumer_unrounded', 'mxn_unit', 12),
    cols.field('consumer_price', 'mxn_unit', 12),
    cols.field('shelf_ex_iva', 'mxn_unit', 12),
    cols.field('iva_per_unit', 'mxn_unit', 12),
    cols.field('front_margin_per_unit', 'mxn_unit', 12),
    cols.field('front_margin_applied', 'pct', 11),
    cols.field('competitor', 'text', 20),
    cols.field('price_index', 'rate', 10, '0.0'),
    cols.field('ieps_total', 'mxn', 16),
    cols.field('iva_total', 'mxn', 16),
  ]);
  const ending = model.settings.pricePointEnding;
  // The row's formulas, one template a column (the same text on every row, shifted).
  const f = {
    invoice_price: d.rowFormula((a) => `=${a('list_price')}-${a('on_invoice_per_unit')}`),
    retailer_cost: d.rowFormula((a) => `=${a('invoice_price')}+${a('ieps_per_unit')}`),
    consumer_unrounded: d.rowFormula((a) => `=${a('retailer_cost')}/(1-${a('front_margin')})*(1+${a('iva_rate')})`),
    consumer_price: d.rowFormula((a) =>
      ending === null ? `=${a('consumer_unrounded')}` : `=ROUND(${a('consumer_unrounded')}-${ending},0)+${ending}`,
    ),
    shelf_ex_iva: d.rowFormula((a) => `=${a('consumer_price')}/(1+${a('iva_rate')})`),
    iva_per_unit: d.rowFormula((a) => `=${a('consumer_price')}-${a('shelf_ex_iva')}`),
    front_margin_per_unit: d.rowFormula((a) => `=${a('shelf_ex_iva')}-${a('retailer_cost')}`),
    front_margin_applied: d.rowFormula((a) => ratioFormula(a('front_margin_per_unit'), a('shelf_ex_iva'))),
    ieps_total: d.rowFormula((a) => `=${a('ieps_per_unit')}*${a('volume')}`),
    iva_total: d.rowFormula((a) => `=${a('iva_rate')}*(${a('invoice_price')}+${a('ieps_per_unit')})*${a('volume')}`),
  };
  // At most a row per customer and SKU (those sold).
  d.reserve(results.customers.reduce((n, cr) => n + cr.byProduct.size, 0));
  model.customers.forEach((c, ci) => {
    const cr = results.customers[ci];
    for (const j of productsOf(cr.byProduct)) {
      const t = cr.byProduct.get(j)!;
      if (!(t.volume > 0)) continue;
      const product = model.products[j];
      const row = d.nextRow;
      const {
        list,
        onInvoice,
        invoice,
        ieps,
        cost,
        frontMargin: margin,
        unrounded,
        consumer,
        shelf,
      } = shelfPriceOf(model, c.id, j, t);
      const iva = consumer - shelf;
      const { competitor: comp, index } = competitorIndexOf(model, c.id, j, consumer);
      d.add({
        level: LEVELS.sku[lang],
        customer_id: c.id,
        sku: product.sku,
        description: product.description,
        volume: t.volume,
        list_price: list,
        on_invoice_per_unit: onInvoice,
        invoice_price: f.invoice_price.cell(row, invoice),
        ieps_per_unit: ieps,
        retailer_cost: f.retailer_cost.cell(row, cost),
        front_margin: margin,
        iva_rate: product.ivaRate,
        consumer_unrounded: f.consumer_unrounded.cell(row, unrounded),
        consumer_price: f.consumer_price.cell(row, consumer),
        shelf_ex_iva: f.shelf_ex_iva.cell(row, shelf),
        iva_per_unit: f.iva_per_unit.cell(row, iva),
        front_margin_per_unit: f.front_margin_per_unit.cell(row, shelf - cost),
        front_margin_applied: f.front_margin_applied.cell(row, res(shelf > 0 ? (shelf - cost) / shelf : NaN)),
        competitor: comp?.competitor ?? '',
        price_index: num(index ?? NaN),
        ieps_total: f.ieps_total.cell(row, t.ieps),
        iva_total: f.iva_total.cell(row, t.iva),
      });
    }
  });
  return sheet.toSheet();
}
