/**
 * The charts of a result sheet, laid out as the Office host lays out its stacked-column fallback
 * (src/hosts/office/waterfall-chart.ts), so a file written here and a workbook written by the add-in look alike.
 *
 * Waterfall (a customer's price waterfall, ResultChart.table listing it top to bottom): the table's first row and its
 * level rows (totalRows; otherwise a row equal to the running level) are levels drawn as full bars from zero; every
 * other row is a signed step floating between the level before and after it. Excel 2016's native waterfall is a
 * chartex part LibreOffice cannot draw at all, so the chart is a stacked column chart over a helper block one blank
 * column right of the widest table, on the table's rows: category | base | above zero | below zero | level before |
 * level after. The base series has no fill and no line, so the visible bars float; a bar crossing zero is split into
 * its parts above and below zero, because stacked columns stack positives up and negatives down (Excel and
 * LibreOffice alike). Every block cell is a live formula on the table's cells, cached with its value: edit a step and
 * the chart follows, in Excel and in LibreOffice, while a viewer that never recalculates still draws it (literal
 * numLit series would draw too, but never follow an edit). The block is visible, as the add-in's is: Excel leaves
 * hidden cells out of a chart unless plotVisOnly is switched off, and the numbers explain the bars.
 *
 * Bar (scenarios side by side): clustered horizontal bars, one series per value column named by its header cell,
 * categories from the category column, all read straight from the table (no block needed).
 *
 * Charts sit right of the blocks (or of the tables), eight columns wide, each over its table's rows (title to last
 * row) and at least MIN_CHART_ROWS tall, stacked so that none overlaps the one before.
 */
import {
  isFormulaCell,
  type BarChart,
  type ResultCell,
  type ResultSheet,
  type WaterfallChart,
} from '../../../workbook/port';
import { chartColumnIndex } from '../../../workbook/plan-check';
import { placeTables, type TablePlacement } from '../../../workbook/results/tables';
import type { CellInput } from './cells';
import { letters } from './cells';
import type { ChartSpec } from './chart';
import { sheetRef } from './worksheet';

/** Cents: a row within half a centavo of the running level is a level. */
const LEVEL_TOLERANCE = 0.005;
/** The stacked fallback's colour in the add-in (CHART_COLOR of src/hosts/office/write.ts). */
const BAR_COLOR = '2F5597';
const CHART_WIDTH = 8;
/** Rows a chart covers at least: a waterfall table's title to the blank row after it. */
const MIN_CHART_ROWS = 11;
const BLOCK_WIDTH = 6;

const BLOCK_HEADERS = { base: 'Base', before: 'Nivel antes / Level before', after: 'Nivel después / Level after' };

/** A waterfall's helper cells: a header row, then one row per table row, on the table's own rows. */
export interface ChartBlock {
  /** Index of the chart's table in the sheet. */
  table: number;
  /** 1-based header row (the table's) and first column. */
  row: number;
  column: number;
  header: string[];
  rows: CellInput[][];
  /** Number format of each block column. */
  formats: string[];
  widths: number[];
}

export interface SheetCharts {
  blocks: ChartBlock[];
  charts: ChartSpec[];
}

/** Which rows of a waterfall's values are levels (see module comment). */
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

/** What a cell counts as in a chart or a formula on it: its number (a formula's cached one), else 0. */
function numberOf(c: ResultCell | undefined): number {
  const v = isFormulaCell(c) ? c.result : c;
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** A cell's number for a chart cache, or null (a gap) when it holds none. */
function numberOrGap(c: ResultCell | undefined): number | null {
  const v = isFormulaCell(c) ? c.result : c;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** What "=$A$5" on this cell gives: its text or number; a blank gives 0, as in Excel. */
function referenced(c: ResultCell | undefined): string | number {
  const v = isFormulaCell(c) ? c.result : c;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

/** A cell as a chart category: its text, a number as digits, a blank as ''. */
function textOf(c: ResultCell | undefined): string {
  const v = isFormulaCell(c) ? c.result : c;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

const abs = (row: number, column: number) => `$${letters(column)}$${row}`;
const rel = (row: number, column: number) => `${letters(column)}${row}`;

/** The blocks and charts of a sheet; `widths` are its table columns' widths (for the block's category column). */
export function layoutCharts(sheet: ResultSheet, widths: readonly number[]): SheetCharts {
  const charts = sheet.charts ?? [];
  if (charts.length === 0 || sheet.tables.length === 0) return { blocks: [], charts: [] };
  const places = placeTables(sheet.tables);
  const widest = Math.max(...sheet.tables.map((t) => t.columns.length));
  const q = sheetRef(sheet.name);

  // Waterfall blocks: one blank column right of the widest table; a second waterfall of one table goes beside.
  const lanes = new Map<number, number>();
  const blocks: ChartBlock[] = [];
  const blockOf = new Map<WaterfallChart, ChartBlock>();
  for (const chart of charts) {
    if (chart.kind !== 'waterfall') continue;
    const ti = tableIndex(sheet, chart);
    const lane = lanes.get(ti) ?? 0;
    lanes.set(ti, lane + 1);
    const block = waterfallBlock(sheet, chart, ti, places[ti], widest + 2 + lane * (BLOCK_WIDTH + 1), widths);
    blocks.push(block);
    blockOf.set(chart, block);
  }
  const maxLanes = Math.max(0, ...lanes.values());
  const chartColumn = widest + 2 + maxLanes * (BLOCK_WIDTH + 1);

  let below = 0; // last row taken by the chart before
  const specs = charts.map((chart, i): ChartSpec => {
    const ti = tableIndex(sheet, chart);
    const place = places[ti];
    const top = Math.max(place.titleRow ?? place.headerRow, below + 1);
    const bottom = top + Math.max(place.lastRow - (place.titleRow ?? place.headerRow), MIN_CHART_ROWS - 1);
    below = bottom;
    const at = { from: { row: top, column: chartColumn }, to: { row: bottom, column: chartColumn + CHART_WIDTH - 1 } };
    const name = `ttm_chart_${i + 1}`;
    return chart.kind === 'waterfall'
      ? {
          ...waterfallChart(
            q,
            chart,
            blockOf.get(chart)!,
            sheet.tables[ti].columns[chartColumnIndex(sheet.tables[ti], chart.valueColumn)].numberFormat,
          ),
          ...at,
          name,
        }
      : { ...barChart(q, sheet, chart, ti, place), ...at, name };
  });
  return { blocks, charts: specs };
}

function tableIndex(sheet: ResultSheet, chart: WaterfallChart | BarChart): number {
  const ti = sheet.tables.findIndex((t) => t.name === chart.table);
  if (ti < 0) throw new Error(`${sheet.name}: chart "${chart.title}" reads table ${chart.table}, not on the sheet`);
  return ti;
}

function waterfallBlock(
  sheet: ResultSheet,
  chart: WaterfallChart,
  ti: number,
  place: TablePlacement,
  column: number,
  widths: readonly number[],
): ChartBlock {
  const table = sheet.tables[ti];
  const cat = chartColumnIndex(table, chart.categoryColumn);
  const val = chartColumnIndex(table, chart.valueColumn);
  // An empty table still holds one (blank) row: the block plots it rather than having no data.
  const n = Math.max(1, table.rows.length);
  const values = Array.from({ length: n }, (_, i) => numberOf(table.rows[i]?.[val]));
  const levels = levelRows(values, table.totalRows);
  const valueFormat = table.columns[val].numberFormat;
  const valHeader = table.columns[val].header;
  const rows: CellInput[][] = [];
  let after = 0;
  for (let i = 0; i < n; i++) {
    const r = place.firstDataRow + i;
    const valRef = abs(r, 1 + val);
    const [b, a] = [rel(r, column + 4), rel(r, column + 5)];
    const before = levels[i] ? 0 : after;
    after = levels[i] ? values[i] : before + values[i];
    const lo = Math.min(before, after);
    const hi = Math.max(before, after);
    const minMax = `MIN(${b},${a})`;
    const maxMax = `MAX(${b},${a})`;
    rows.push([
      { formula: abs(r, 1 + cat), result: referenced(table.rows[i]?.[cat]) },
      { formula: `IF(${minMax}>=0,${minMax},IF(${maxMax}<=0,${maxMax},0))`, result: lo >= 0 ? lo : hi <= 0 ? hi : 0 },
      { formula: `MAX(${maxMax},0)-MAX(${minMax},0)`, result: Math.max(hi, 0) - Math.max(lo, 0) },
      { formula: `MIN(${minMax},0)-MIN(${maxMax},0)`, result: Math.min(lo, 0) - Math.min(hi, 0) },
      levels[i] ? 0 : { formula: rel(r - 1, column + 5), result: before },
      levels[i] ? { formula: valRef, result: after } : { formula: `${b}+${valRef}`, result: after },
    ]);
  }
  return {
    table: ti,
    row: place.headerRow,
    column,
    header: [
      table.columns[cat].header,
      BLOCK_HEADERS.base,
      `${valHeader} +`,
      `${valHeader} −`,
      BLOCK_HEADERS.before,
      BLOCK_HEADERS.after,
    ],
    rows,
    formats: ['General', valueFormat, valueFormat, valueFormat, valueFormat, valueFormat],
    widths: [Math.max(12, widths[cat] ?? 12), 14, 14, 14, 14, 14],
  };
}

type Placed = Omit<ChartSpec, 'from' | 'to' | 'name'>;

function waterfallChart(q: string, chart: WaterfallChart, block: ChartBlock, valueFormat: string): Placed {
  const first = block.row + 1;
  const last = block.row + block.rows.length;
  const range = (k: number) => `${q}!${abs(first, block.column + k)}:${abs(last, block.column + k)}`;
  const cache = (k: number) => block.rows.map((r) => (r[k] as { result: number }).result ?? 0);
  const series = [1, 2, 3].map((k) => ({
    name: { ref: `${q}!${abs(block.row, block.column + k)}`, cache: [block.header[k]] },
    values: { ref: range(k), cache: cache(k) },
    hidden: k === 1,
    color: k === 1 ? undefined : BAR_COLOR,
  }));
  return {
    kind: 'stackedColumn',
    title: chart.title,
    categories: { ref: range(0), cache: block.rows.map((r) => String((r[0] as { result: string | number }).result)) },
    series,
    legend: false,
    valueFormat,
  };
}

function barChart(q: string, sheet: ResultSheet, chart: BarChart, ti: number, place: TablePlacement): Placed {
  const table = sheet.tables[ti];
  const n = Math.max(1, table.rows.length);
  const first = place.firstDataRow;
  const last = first + n - 1;
  const column = (j: number) => `${q}!${abs(first, 1 + j)}:${abs(last, 1 + j)}`;
  const cat = chartColumnIndex(table, chart.categoryColumn);
  const values = chart.valueColumns.map((key) => chartColumnIndex(table, key));
  return {
    kind: 'clusteredBar',
    title: chart.title,
    categories: {
      ref: column(cat),
      cache: Array.from({ length: n }, (_, i) => textOf(table.rows[i]?.[cat])),
    },
    series: values.map((j) => ({
      name: { ref: `${q}!${abs(place.headerRow, 1 + j)}`, cache: [table.columns[j].header] },
      values: { ref: column(j), cache: Array.from({ length: n }, (_, i) => numberOrGap(table.rows[i]?.[j])) },
    })),
    legend: values.length > 1,
    valueFormat: table.columns[values[0]].numberFormat,
  };
}
