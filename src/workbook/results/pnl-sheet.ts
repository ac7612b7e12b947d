/** Sheet "TT P&L cliente" / "TT Customer P&L": the customer × SKU P&L with row formulas and SUM/SUMIF totals. */
import { metricValue, type Lang, type MetricId, type Model, type ModelResults, type PnlTotals } from '../../engine';
import type { ResultCell, ResultSheet } from '../port';
import { customerSkuColumns, fillCustomerSkuRows } from './customer-sku';
import { LEVELS, RESULT_SHEET_NAMES, RESULT_TABLE_NAMES } from './names';
import { fx, ratioFormula, res, SheetDraft, type Columns } from './tables';

/** P&L money columns: those a SKU row takes from the engine, and those derived by a formula of the row. */
const PNL_SOURCE: readonly MetricId[] = [
  'volume',
  'promo_volume',
  'gross_sales',
  'on_invoice',
  'off_invoice',
  'promo_spend',
  'cogs',
  'cost_to_serve',
  'financing_cost',
];
const PNL_MONEY: readonly MetricId[] = [
  ...PNL_SOURCE,
  'invoice_sales',
  'net_sales',
  'trade_spend',
  'gross_profit',
  'contribution',
];

export function pnlSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const placement = model.settings.costToServePlacement;
  const sheet = new SheetDraft('pnl', RESULT_SHEET_NAMES.pnl[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.pnl, [
    ...customerSkuColumns(cols),
    cols.metric('volume'),
    cols.metric('gross_sales'),
    cols.metric('on_invoice'),
    cols.metric('invoice_sales'),
    cols.metric('off_invoice'),
    cols.metric('net_sales'),
    cols.metric('trade_spend'),
    cols.metric('trade_spend_pct'),
    cols.metric('cogs'),
    cols.metric('gross_profit'),
    cols.metric('gross_margin_pct'),
    cols.metric('cost_to_serve'),
    cols.metric('financing_cost'),
    cols.metric('contribution'),
    cols.metric('contribution_pct'),
    // Of which promotional (already inside the lines above): their own columns, last, so the P&L reads as before.
    cols.metric('promo_volume'),
    cols.metric('promo_spend'),
  ]);
  const v = (id: MetricId, t: PnlTotals) => metricValue(id, t, placement);
  // The formulas of a row, one template per column (the same text on every row, shifted).
  const f = {
    invoice_sales: d.rowFormula((a) => `=${a('gross_sales')}-${a('on_invoice')}`),
    net_sales: d.rowFormula((a) => `=${a('invoice_sales')}-${a('off_invoice')}`),
    trade_spend: d.rowFormula((a) => `=${a('on_invoice')}+${a('off_invoice')}`),
    gross_profit: d.rowFormula((a) => `=${a('net_sales')}-${a('cogs')}`),
    contribution: d.rowFormula((a) => `=${a('gross_profit')}-${a('cost_to_serve')}`),
    trade_spend_pct: d.rowFormula((a) => ratioFormula(a('trade_spend'), a('gross_sales'))),
    gross_margin_pct: d.rowFormula((a) => ratioFormula(a('gross_profit'), a('net_sales'))),
    contribution_pct: d.rowFormula((a) => ratioFormula(a('contribution'), a('net_sales'))),
  };
  const ratios = (r: number, t: PnlTotals): Record<string, ResultCell> => ({
    trade_spend_pct: f.trade_spend_pct.cell(r, res(v('trade_spend_pct', t))),
    gross_margin_pct: f.gross_margin_pct.cell(r, res(v('gross_margin_pct', t))),
    contribution_pct: f.contribution_pct.cell(r, res(v('contribution_pct', t))),
  });
  /** A total row: each money column summed over the rows first..last, or the engine's value when there are none. */
  const total = (r: number, t: PnlTotals, first: number, last: number, sumOf: (id: string) => string) => ({
    ...Object.fromEntries(PNL_MONEY.map((id) => [id, last >= first ? fx(sumOf(id), v(id, t)) : v(id, t)])),
    ...ratios(r, t),
  });

  fillCustomerSkuRows(d, model, results, lang, {
    sku: (r, t) => {
      const cells: Record<string, ResultCell> = ratios(r, t);
      for (const id of PNL_SOURCE) cells[id] = v(id, t);
      cells.invoice_sales = f.invoice_sales.cell(r, t.invoiceSales);
      cells.net_sales = f.net_sales.cell(r, t.netSales);
      cells.trade_spend = f.trade_spend.cell(r, v('trade_spend', t));
      cells.gross_profit = f.gross_profit.cell(r, t.grossProfit);
      cells.contribution = f.contribution.cell(r, t.contribution);
      return cells;
    },
    customerTotal: (r, t, first, last) => total(r, t, first, last, (id) => `=SUM(${d.range(id, first, last)})`),
    portfolioTotal: (r, t, last) => {
      const level = d.range('level', d.firstRow, Math.max(last, d.firstRow), true);
      return total(
        r,
        t,
        d.firstRow,
        last,
        (id) => `=SUMIF(${level},"${LEVELS.sku[lang]}",${d.range(id, d.firstRow, last)})`,
      );
    },
  });
  return sheet.toSheet();
}
