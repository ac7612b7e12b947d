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
import { fx, num, productsOf, ratioFormula, res, SheetDraft, type Columns } from './tables';

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
  model.customers.forEach((c, ci) => {
    const cr = results.customers[ci];
    for (const j of productsOf(cr.byProduct)) {
      const t = cr.byProduct.get(j)!;
      if (!(t.volume > 0)) continue;
      const product = model.products[j];
      const row = d.nextRow;
      const a = (id: string) => d.at(id, row);
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
      const ending = model.settings.pricePointEnding;
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
        invoice_price: fx(`=${a('list_price')}-${a('on_invoice_per_unit')}`, invoice),
        ieps_per_unit: ieps,
        retailer_cost: fx(`=${a('invoice_price')}+${a('ieps_per_unit')}`, cost),
        front_margin: margin,
        iva_rate: product.ivaRate,
        consumer_unrounded: fx(`=${a('retailer_cost')}/(1-${a('front_margin')})*(1+${a('iva_rate')})`, unrounded),
        consumer_price: fx(
          ending === null ? `=${a('consumer_unrounded')}` : `=ROUND(${a('consumer_unrounded')}-${ending},0)+${ending}`,
          consumer,
        ),
        shelf_ex_iva: fx(`=${a('consumer_price')}/(1+${a('iva_rate')})`, shelf),
        iva_per_unit: fx(`=${a('consumer_price')}-${a('shelf_ex_iva')}`, iva),
        front_margin_per_unit: fx(`=${a('shelf_ex_iva')}-${a('retailer_cost')}`, shelf - cost),
        front_margin_applied: fx(
          ratioFormula(a('front_margin_per_unit'), a('shelf_ex_iva')),
          res(shelf > 0 ? (shelf - cost) / shelf : NaN),
        ),
        competitor: comp?.competitor ?? '',
        price_index: num(index ?? NaN),
        ieps_total: fx(`=${a('ieps_per_unit')}*${a('volume')}`, t.ieps),
        iva_total: fx(`=${a('iva_rate')}*(${a('invoice_price')}+${a('ieps_per_unit')})*${a('volume')}`, t.iva),
      });
    }
  });
  return sheet.toSheet();
}
