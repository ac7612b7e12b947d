/**
 * Sheet "TT Vista del detallista" / "TT Retailer view": the retailer's P&L on our products per customer
 * (src/engine/retailer.ts): purchases at cost, shelf sales less the deals' shelf discount, front, back and total
 * margin, in MXN and as % of the retailer's sales, with a portfolio row. Live formulas for the arithmetic.
 */
import { retailerPnl, type Lang, type Model, type ModelResults } from '../../engine';
import type { ResultSheet } from '../port';
import { LEVELS, RESULT_SHEET_NAMES, RESULT_TABLE_NAMES } from './names';
import { fx, ratioFormula, res, SheetDraft, type Columns } from './tables';

export function retailerSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const sheet = new SheetDraft('retailer', RESULT_SHEET_NAMES.retailer[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.retailer, [
    cols.field('level', 'text', 16),
    cols.field('customer_id', 'text', 10),
    cols.field('customer_name', 'text', 26),
    cols.field('retailer_purchases', 'mxn', 18),
    cols.field('retailer_regular_sales', 'mxn', 18),
    cols.field('retailer_promo_discount', 'mxn', 18),
    cols.field('retailer_sales', 'mxn', 18),
    cols.field('retailer_front', 'mxn', 17),
    cols.field('retailer_back', 'mxn', 20),
    cols.field('retailer_total', 'mxn', 17),
    cols.field('retailer_front_pct', 'pct', 11),
    cols.field('retailer_back_pct', 'pct', 11),
    cols.field('retailer_total_pct', 'pct', 11),
  ]);
  const rows = retailerPnl(model, results);
  const first = d.nextRow;
  const derived = (r: number, x: { sales: number; front: number; back: number; total: number }) => {
    const a = (id: string) => d.at(id, r);
    return {
      retailer_sales: fx(`=${a('retailer_regular_sales')}-${a('retailer_promo_discount')}`, x.sales),
      retailer_front: fx(`=${a('retailer_sales')}-${a('retailer_purchases')}`, x.front),
      retailer_total: fx(`=${a('retailer_front')}+${a('retailer_back')}`, x.total),
      retailer_front_pct: fx(
        ratioFormula(a('retailer_front'), a('retailer_sales')),
        res(x.sales > 0 ? x.front / x.sales : NaN),
      ),
      retailer_back_pct: fx(
        ratioFormula(a('retailer_back'), a('retailer_sales')),
        res(x.sales > 0 ? x.back / x.sales : NaN),
      ),
      retailer_total_pct: fx(
        ratioFormula(a('retailer_total'), a('retailer_sales')),
        res(x.sales > 0 ? x.total / x.sales : NaN),
      ),
    };
  };
  model.customers.forEach((c, k) => {
    const x = rows[k];
    const r = d.nextRow;
    d.add({
      level: LEVELS.customerTotal[lang],
      customer_id: c.id,
      customer_name: c.name,
      retailer_purchases: x.purchases,
      retailer_regular_sales: x.regularSales,
      retailer_promo_discount: x.promotionalDiscount,
      retailer_back: x.back,
      ...derived(r, x),
    });
  });
  const last = d.nextRow - 1;
  const sum = (f: (x: (typeof rows)[number]) => number) => rows.reduce((s, x) => s + f(x), 0);
  const total = {
    sales: sum((x) => x.sales),
    front: sum((x) => x.front),
    back: sum((x) => x.back),
    total: sum((x) => x.total),
  };
  const r = d.nextRow;
  const sumOf = (id: string, v: number) => (last >= first ? fx(`=SUM(${d.range(id, first, last)})`, v) : v);
  d.add(
    {
      level: LEVELS.portfolioTotal[lang],
      retailer_purchases: sumOf(
        'retailer_purchases',
        sum((x) => x.purchases),
      ),
      retailer_regular_sales: sumOf(
        'retailer_regular_sales',
        sum((x) => x.regularSales),
      ),
      retailer_promo_discount: sumOf(
        'retailer_promo_discount',
        sum((x) => x.promotionalDiscount),
      ),
      retailer_back: sumOf('retailer_back', total.back),
      ...derived(r, total),
    },
    true,
  );
  return sheet.toSheet();
}
