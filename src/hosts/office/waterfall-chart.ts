/**
 * Data layout of the charts beside the result tables on the same sheet. Pure: no Office types.
 *
 * Waterfall charts (a customer's price waterfall). The chart's table (ResultChart.table) lists the waterfall top to
 * bottom: the first row and the "level" rows (invoice price, pocket price…) hold levels; the other rows hold signed
 * steps (deductions negative). Level rows are the table's totalRows when it has them; otherwise a row whose value
 * equals the running level is a level.
 * - Native (ExcelApi 1.9, chart type Waterfall): category | step. Office.js has no API for "set as total", so the
 *   native chart gets the starting level and the steps; intermediate levels show as the connector lines' height.
 * - Fallback (stacked columns): category | base (no fill) | above zero | below zero | level before | level after.
 *   Levels are drawn as full bars and steps float between the levels before and after them; a bar crossing zero
 *   is split into its parts above and below zero (stacked columns stack positives up and negatives down).
 *
 * Bar charts (scenarios side by side): clustered bars (BarClustered, ExcelApi 1.1), category | one column per value
 * column, so each value column is a series named by its header. The block gathers columns that need not be next to
 * each other in the table (a chart's source is one rectangle).
 *
 * Every cell of a block is a live formula on the table's cells, so the chart follows edits finance makes.
 */
import type { BarChart, ResultChart, ResultSheet, WaterfallChart } from '../../workbook/port';
import { placeTables } from '../../workbook/results/tables';
import { absoluteCell, areaAddress, columnLetters, toA1 } from '../../workbook/a1';
import { chartColumnIndex } from '../../workbook/plan-check';
import { numericValue } from './cells';
import { chartSourceMissing } from './messages';

/** Cents: a row within half a centavo of the running level is a level. */
const LEVEL_TOLERANCE = 0.005;

export type WaterfallStyle = 'native' | 'stacked';

export interface ChartBlock {
  kind: ResultChart['kind'];
  /** native and stacked: a waterfall's two layouts; bar: the clustered bars. */
  style: WaterfallStyle | 'bar';
  /** Excel.ChartType of the chart drawn over the block. */
  chartType: 'Waterfall' | 'ColumnStacked' | 'BarClustered';
  /** A legend names the series when there are several (scenarios side by side). */
  legend: boolean;
  title: string;
  /** 1-based top-left of the block (its header row). */
  row: number;
  column: number;
  /** Header row then one row per plotted category; strings starting with "=" are formulas. */
  cells: (string | number)[][];
  /** Number format of each block column (categories 'General'). */
  numberFormats: string[];
  /** Local address of the chart's source (header + plotted rows, category column + series columns). */
  sourceAddress: string;
  /** Series drawn without fill (the stacked fallback's base). */
  hiddenSeries: number[];
  /** Cells the chart covers: 8 columns right of the block, the rows of its table from title to last row. */
  position: { start: string; end: string };
}

/** Kept for callers of the waterfall-only layout. */
export type WaterfallBlock = ChartBlock;

/** Which rows of the chart's table are levels (see module comment). */
export function levelRows(values: readonly number[], totalRows?: readonly number[]): boolean[] {
  if (totalRows && totalRows.length > 0) {
    const set = new Set(totalRows);
    return values.map((_, i) => i === 0 || set.has(i));
  }
  let level = 0;
  return values.map((v, i) => {
    if (i === 0 || Math.abs(v - level) <= LEVEL_TOLERANCE) {
      level = v;
      return true;
    }
    level += v;
    return false;
  });
}

const BILINGUAL = {
  base: 'Base',
  before: 'Nivel antes / Level before',
  after: 'Nivel después / Level after',
};

/**
 * Lays out the block and chart for one ResultChart of a sheet: a waterfall in the style asked, a bar chart in its
 * one layout (style does not apply).
 */
export function chartBlock(sheet: ResultSheet, chart: ResultChart, style: WaterfallStyle): ChartBlock {
  return chart.kind === 'bar' ? barBlock(sheet, chart) : waterfallLayout(sheet, chart, style);
}

/** The same as chartBlock (its name from when every chart was a waterfall). */
export const waterfallBlock = chartBlock;

/** The chart's table, its placement and the block's top-left (one blank column right of the widest table). */
function anchor(sheet: ResultSheet, chart: ResultChart, columns: string[]) {
  const ti = sheet.tables.findIndex((t) => t.name === chart.table);
  const table = sheet.tables[ti];
  if (!table) throw chartSourceMissing(chart.title, chart.table, columns[0], sheet.name);
  const indexes = columns.map((key) => {
    const i = chartColumnIndex(table, key);
    if (i < 0) throw chartSourceMissing(chart.title, chart.table, key, sheet.name);
    return i;
  });
  const placement = placeTables(sheet.tables)[ti];
  const widest = Math.max(...sheet.tables.map((t) => t.columns.length));
  return { table, placement, indexes, column: widest + 2, row: placement.headerRow };
}

/** Where the chart goes: 8 columns right of its block, over its table's rows (title to last row). */
function chartPosition(
  placement: ReturnType<typeof placeTables>[number],
  column: number,
  blockWidth: number,
): ChartBlock['position'] {
  const chartColumn = column + blockWidth + 1;
  // The chart covers its table's rows (title to last row), so the charts of stacked tables never overlap.
  const top = placement.titleRow ?? placement.headerRow;
  return {
    start: `${columnLetters(chartColumn)}${top}`,
    end: `${columnLetters(chartColumn + 7)}${placement.lastRow}`,
  };
}

function barBlock(sheet: ResultSheet, chart: BarChart): ChartBlock {
  const { table, placement, indexes, column, row } = anchor(sheet, chart, [
    chart.categoryColumn,
    ...chart.valueColumns,
  ]);
  const ref = (i: number, j: number): string => `=${absoluteCell(placement.firstDataRow + i, 1 + j)}`;
  const cells: (string | number)[][] = [
    indexes.map((j) => table.columns[j].header),
    // An empty table still holds one (blank) row in Excel: the chart plots it rather than having no data.
    ...Array.from({ length: Math.max(1, table.rows.length) }, (_, i) => indexes.map((j) => ref(i, j))),
  ];
  return {
    kind: 'bar',
    style: 'bar',
    chartType: 'BarClustered',
    legend: chart.valueColumns.length > 1,
    title: chart.title,
    row,
    column,
    cells,
    numberFormats: indexes.map((j, k) => (k === 0 ? 'General' : table.columns[j].numberFormat)),
    sourceAddress: areaAddress(row, column, cells.length, indexes.length),
    hiddenSeries: [],
    position: chartPosition(placement, column, indexes.length),
  };
}

function waterfallLayout(sheet: ResultSheet, chart: WaterfallChart, style: WaterfallStyle): ChartBlock {
  const { table, placement, indexes, column, row } = anchor(sheet, chart, [chart.categoryColumn, chart.valueColumn]);
  const [cat, val] = indexes;

  const values = table.rows.map((r) => numericValue(r[val]));
  const levels = levelRows(values, table.totalRows);
  const catRef = (i: number): string => `=${absoluteCell(placement.firstDataRow + i, 1 + cat)}`;
  const valRef = (i: number): string => absoluteCell(placement.firstDataRow + i, 1 + val);
  const valueFormat = table.columns[val].numberFormat;
  const catHeader = table.columns[cat].header;
  const valHeader = table.columns[val].header;

  let cells: (string | number)[][];
  let numberFormats: string[];
  let seriesColumns: number;
  let hiddenSeries: number[];
  if (style === 'native') {
    const plotted = values.map((_, i) => i).filter((i) => i === 0 || !levels[i]);
    cells = [[catHeader, valHeader], ...plotted.map((i) => [catRef(i), `=${valRef(i)}`])];
    numberFormats = ['General', valueFormat];
    seriesColumns = 1;
    hiddenSeries = [];
  } else {
    // Columns of the block: 0 category, 1 base, 2 above, 3 below, 4 before, 5 after.
    const ref = (c: number, r: number): string => toA1(r, column + c);
    cells = [[catHeader, BILINGUAL.base, `${valHeader} +`, `${valHeader} −`, BILINGUAL.before, BILINGUAL.after]];
    values.forEach((_, i) => {
      const r = row + 1 + i;
      const b = ref(4, r);
      const a = ref(5, r);
      const lo = `MIN(${b},${a})`;
      const hi = `MAX(${b},${a})`;
      const before = levels[i] || i === 0 ? 0 : `=${ref(5, r - 1)}`;
      const after = levels[i] ? `=${valRef(i)}` : `=${b}+${valRef(i)}`;
      cells.push([
        catRef(i),
        `=IF(${lo}>=0,${lo},IF(${hi}<=0,${hi},0))`,
        `=MAX(${hi},0)-MAX(${lo},0)`,
        `=MIN(${lo},0)-MIN(${hi},0)`,
        before,
        after,
      ]);
    });
    numberFormats = ['General', valueFormat, valueFormat, valueFormat, valueFormat, valueFormat];
    seriesColumns = 3;
    hiddenSeries = [0];
  }
  return {
    kind: 'waterfall',
    style,
    chartType: style === 'native' ? 'Waterfall' : 'ColumnStacked',
    legend: false,
    title: chart.title,
    row,
    column,
    cells,
    numberFormats,
    sourceAddress: areaAddress(row, column, cells.length, 1 + seriesColumns),
    hiddenSeries,
    position: chartPosition(placement, column, cells[0].length),
  };
}
