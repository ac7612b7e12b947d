/**
 * Result sheets as plain data (ResultsPlan): customer P&L, price waterfall (+ chart data), spend by term, accruals,
 * findings and run info, in the run's language. Every host writes the same plan.
 *
 * Formulas are plain A1 with Excel 2016 functions (SUM, SUMIF, SUMPRODUCT, IF), written where they let finance
 * audit the arithmetic: derived columns of a row (invoice = gross − on-invoice ...), totals over the rows above,
 * ratios from summed money. Each carries the engine's value as its cached result. Money is written at full
 * precision; Settings.moneyDecimals sets the decimals of the MXN number format (display rounding only).
 * Totals sit inside the tables and are told apart by the first column (Nivel / Level): portfolio rows sum the
 * "SKU" (or term) rows with SUMIF, so they never double-count customer subtotals.
 *
 * One module per sheet (pnl-sheet, waterfall-sheet, waterfall-chart-sheet, spend-sheet, accruals-sheet,
 * findings-sheet, run-info-sheet); tables.ts holds the shared placement, formats and table drafts, names.ts the names
 * and labels.
 */
import { negotiation, releaseScratch, type Model, type ModelResults, type Negotiation } from '../../engine';
import { giveGetSheet } from './give-get-sheet';
import { scenariosSheet } from './scenarios-sheet';
import { internalSummary, proposalLetter } from './summary-sheets';
import { walkAwaySheet } from './walk-away-sheet';
import type { ResultsPlan } from '../port';
import { accrualsSheet } from './accruals-sheet';
import { findingsSheet } from './findings-sheet';
import type { ResultsContext } from './names';
import { pnlSheet } from './pnl-sheet';
import { pricesSheet } from './prices-sheet';
import { promotionsSheet } from './promotions-sheet';
import { retailerSheet } from './retailer-sheet';
import { runInfoSheet } from './run-info-sheet';
import { spendSheet } from './spend-sheet';
import { Columns, mxnFormat } from './tables';
import { waterfallChartSheet } from './waterfall-chart-sheet';
import { waterfallSheet } from './waterfall-sheet';

export {
  LEVELS,
  MAX_WATERFALL_CHARTS,
  RESULT_SHEET_NAMES,
  RESULT_TABLE_NAMES,
  SUMMARY_SHEETS,
  type ResultSheetId,
  type ResultsContext,
} from './names';
export { settingsNotUsed } from './run-info-sheet';
export { columnLetter, isValidSheetName, mxnFormat, NUMBER_FORMATS, placeTables, type TablePlacement } from './tables';

/**
 * The result sheets of a run, in the run's language. The P&L comes first (it is what a KAM opens the file for);
 * run info last. Sheets do not reference each other, so hosts may write them in any order.
 */
export function buildResultsPlan(model: Model, results: ModelResults, ctx: ResultsContext): ResultsPlan {
  const money = mxnFormat(model.settings.moneyDecimals);
  const cols = new Columns(ctx.lang, money);
  const negotiations = ctx.negotiations ?? negotiationsOf(model, results, ctx);
  const date = ctx.runAt.toISOString().slice(0, 10);
  return {
    sheets: [
      pnlSheet(model, results, ctx.lang, cols),
      waterfallSheet(model, results, ctx.lang, cols),
      waterfallChartSheet(model, results, ctx.lang, cols),
      spendSheet(model, results, ctx.lang, cols),
      accrualsSheet(model, results, ctx.lang, cols),
      ...optional(promotionsSheet(model, results, ctx.lang, cols)),
      pricesSheet(model, results, ctx.lang, cols),
      retailerSheet(model, results, ctx.lang, cols),
      ...optional(scenariosSheet(model, negotiations, ctx.lang, cols, money)),
      ...optional(giveGetSheet(model, negotiations, ctx.lang, cols)),
      ...optional(walkAwaySheet(negotiations, ctx.lang, cols, money)),
      ...negotiations.flatMap((n) => [
        internalSummary(model, n, ctx.lang, cols, money, date),
        ...optional(proposalLetter(model, n, ctx.lang, cols, money, date)),
      ]),
      findingsSheet(results, ctx.lang, cols, ctx.inputWarnings),
      runInfoSheet(model, results, ctx, cols),
    ],
  };
}

/** The negotiation of each customer with scenarios (only the scenarios asked for, when the run names some). */
export function negotiationsOf(
  model: Model,
  results: ModelResults,
  ctx: Pick<ResultsContext, 'scenarioIds'>,
): Negotiation[] {
  const wanted = ctx.scenarioIds;
  const scenarios = (model.scenarios ?? []).filter((s) => !wanted || wanted.includes(s.id));
  const customers = model.customers.filter((c) => scenarios.some((s) => s.customerId === c.id));
  try {
    // One set of search buffers for every customer, let go after the last.
    return customers.map((c) =>
      negotiation(model, results, c.id, { keepScratch: true, ...(wanted ? { only: wanted } : {}) }),
    );
  } finally {
    releaseScratch(results);
  }
}

function optional<T>(x: T | null): T[] {
  return x === null ? [] : [x];
}
