/**
 * Sheet "TT Cascada gráfica" / "TT Waterfall chart": the chart data (per-unit steps, one table per customer and the
 * portfolio) and the native waterfall charts drawn from it.
 */
import {
  waterfallOf,
  type CostToServePlacement,
  type Lang,
  type Model,
  type ModelResults,
  type PnlTotals,
  type Text,
} from '../../engine';
import type { ResultCell, ResultSheet } from '../port';
import { MAX_WATERFALL_CHARTS, RESULT_SHEET_NAMES, RESULT_TABLE_NAMES } from './names';
import { fx, SheetDraft, type Columns } from './tables';

const STEP_TEXT = {
  list: { es: 'Precio de lista', en: 'List price' },
  onInvoice: { es: '− Descuentos en factura', en: '− On-invoice discounts' },
  invoice: { es: '= Precio factura', en: '= Invoice price' },
  offInvoice: { es: '− Fuera de factura', en: '− Off-invoice' },
  costToServe: { es: '− Costo de servir', en: '− Cost-to-serve' },
  pocket: { es: '= Precio de bolsillo', en: '= Pocket price' },
  cogs: { es: '− Costo unitario', en: '− COGS' },
  margin: { es: '= Margen de bolsillo', en: '= Pocket margin' },
} satisfies Record<string, Text>;

/** Per-unit waterfall steps (signed: deductions negative, subtotals as formulas), one table per customer. */
export function waterfallChartSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const placement: CostToServePlacement = model.settings.costToServePlacement;
  const sheet = new SheetDraft('waterfall_chart', RESULT_SHEET_NAMES.waterfall_chart[lang], false);

  const entity = (name: string, title: string, t: PnlTotals) =>
    waterfallSteps(sheet, name, title, t, placement, lang, cols, sheet.charts.length < MAX_WATERFALL_CHARTS);

  const titleOf = (who: string) =>
    lang === 'es' ? `Cascada de precio por unidad: ${who}` : `Price waterfall per unit: ${who}`;
  // A waterfall of nothing sold has no per-unit figures: such customers get no table.
  if (hasWaterfall(results.portfolio, placement)) {
    entity(
      RESULT_TABLE_NAMES.steps('portfolio'),
      titleOf(lang === 'es' ? 'portafolio' : 'portfolio'),
      results.portfolio,
    );
  }
  results.customers.forEach((cr, c) => {
    if (!hasWaterfall(cr.totals, placement)) return;
    const customer = model.customers[c];
    entity(RESULT_TABLE_NAMES.steps(c + 1), titleOf(`${customer.name} (${customer.id})`), cr.totals);
  });
  return sheet.toSheet();
}

/**
 * Whether totals have per-unit figures: not when nothing was sold, nor when the volume is too small to divide by
 * (1e-320 units: the engine's waterfall is then undefined, NaN, throughout).
 */
export function hasWaterfall(t: PnlTotals, placement: CostToServePlacement): boolean {
  return t.volume !== 0 && !Number.isNaN(waterfallOf(t, placement).listPrice);
}

/**
 * One waterfall's per-unit steps as a titled table on the sheet (signed: deductions negative, subtotals as
 * formulas), and its native waterfall chart when `chart` is set. The scenario sheet draws one per scenario.
 */
export function waterfallSteps(
  sheet: SheetDraft,
  name: string,
  title: string,
  t: PnlTotals,
  placement: CostToServePlacement,
  lang: Lang,
  cols: Columns,
  chart: boolean,
): void {
  const inside = placement === 'inside_waterfall';
  const stepCol = cols.field('step', 'text', 28);
  const valueCol = cols.field('step_value', 'mxn_unit', 16);
  const columns = [stepCol, valueCol, cols.field('is_total', 'text', 12)];
  const w = waterfallOf(t, placement);
  const d = sheet.table(name, columns, title);
  const step = (text: Text, value: ResultCell, isTotal: boolean) =>
    d.add({ step: text[lang], step_value: value, is_total: isTotal }, isTotal);
  const B = (row: number) => d.at('step_value', row);
  const list = step(STEP_TEXT.list, w.listPrice, true);
  const on = step(STEP_TEXT.onInvoice, -w.onInvoicePerUnit, false);
  const invoice = step(STEP_TEXT.invoice, fx(`=${B(list)}+${B(on)}`, w.invoicePrice), true);
  const off = step(STEP_TEXT.offInvoice, -w.offInvoicePerUnit, false);
  const cts = inside ? step(STEP_TEXT.costToServe, -w.costToServePerUnit, false) : undefined;
  const pocketFormula = `=${B(invoice)}+${B(off)}${cts !== undefined ? `+${B(cts)}` : ''}`;
  const pocket = step(STEP_TEXT.pocket, fx(pocketFormula, w.pocketPrice), true);
  const cogs = step(STEP_TEXT.cogs, -w.cogsPerUnit, false);
  step(STEP_TEXT.margin, fx(`=${B(pocket)}+${B(cogs)}`, w.pocketMargin), true);
  if (chart) {
    sheet.charts.push({
      kind: 'waterfall',
      title,
      table: name,
      categoryColumn: stepCol.header,
      valueColumn: valueCol.header,
    });
  }
}
