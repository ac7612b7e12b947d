/** The customer × SKU tables (P&L and waterfall): their opening columns and their row order with totals. */
import type { Lang, Model, ModelResults, PnlTotals } from '../../engine';
import type { ResultCell, ResultColumn } from '../port';
import { LEVELS } from './names';
import { productsOf, type Columns, type TableDraft } from './tables';

/** The level and who-and-what columns that open the P&L and the waterfall tables. */
export function customerSkuColumns(cols: Columns): ResultColumn[] {
  return [
    cols.field('level', 'text', 16),
    cols.field('customer_id', 'text', 12),
    cols.field('customer_name', 'text', 26),
    cols.field('sku', 'text', 14),
    cols.field('description', 'text', 30),
  ];
}

/** The figures a customer × SKU table puts in each kind of row (r = the sheet row being added). */
export interface CustomerSkuFigures {
  sku(r: number, t: PnlTotals): Record<string, ResultCell>;
  /** Over the customer's SKU rows first..last (last < first: the customer has none). */
  customerTotal(r: number, t: PnlTotals, first: number, last: number): Record<string, ResultCell>;
  /** Over every row from the table's first to last (last < first: the table is empty). */
  portfolioTotal(r: number, t: PnlTotals, last: number): Record<string, ResultCell>;
}

/**
 * Per customer (Customers order) its SKU rows (product order) then its total row; the portfolio total last.
 * Writes the level and identity cells; the sheet supplies the figures.
 */
export function fillCustomerSkuRows(
  d: TableDraft,
  model: Model,
  results: ModelResults,
  lang: Lang,
  figures: CustomerSkuFigures,
): void {
  // Each customer's SKU rows and total, and the portfolio total.
  d.reserve(d.rowCount + results.customers.reduce((n, cr) => n + cr.byProduct.size + 1, 1));
  results.customers.forEach((cr, c) => {
    const customer = model.customers[c];
    const who = { customer_id: customer.id, customer_name: customer.name };
    const first = d.nextRow;
    for (const p of productsOf(cr.byProduct)) {
      const product = model.products[p];
      const cells = figures.sku(d.nextRow, cr.byProduct.get(p)!);
      d.add({ level: LEVELS.sku[lang], ...who, sku: product.sku, description: product.description, ...cells });
    }
    const total = figures.customerTotal(d.nextRow, cr.totals, first, d.nextRow - 1);
    d.add({ level: LEVELS.customerTotal[lang], ...who, ...total }, true);
  });
  const portfolio = figures.portfolioTotal(d.nextRow, results.portfolio, d.nextRow - 1);
  d.add({ level: LEVELS.portfolioTotal[lang], ...portfolio }, true);
}
