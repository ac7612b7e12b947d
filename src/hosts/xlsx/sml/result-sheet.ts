/**
 * A result sheet of the plan (ResultSheet) as a worksheet with its tables and charts, feature for feature what the
 * ExcelJS writer (src/hosts/xlsx/write.ts) wrote, plus real charts and sheet-scoped hidden owner markers:
 * - tables where placeTables puts them (the plan's formulas point at those rows), TableStyleMedium2 with row stripes
 *   and filter buttons; a title two rows above a titled table, bold 13 pt;
 * - header cells wrapped and top-aligned, the header row as tall as its longest wrapped header;
 * - columns of sentences (wrap, or text columns at least 40 wide) wrapped, their rows as tall as their text;
 * - per-column number formats, per-cell ones where the table has them (cellFormats); total rows bold;
 * - column widths: the widest table's, column by column;
 * - formulas without "=" with the engine's value cached (NaN or infinity as #NUM!);
 * - panes frozen below the first table's header (freezeHeader);
 * - page setup: a sheet with a PrintSetup prints on Letter at its scale with its margins, print area, title rows and
 *   centre header; any other landscape A4, one page wide, its frozen header repeated on every page;
 * - defined names, all sheet-scoped: the owner marker _ttm_owner_<role> (hidden, on A1), and _ttm_area_<n> (hidden)
 *   over each title and chart block, as the Office host records the cells it owns besides its tables.
 */
import {
  AREA_NAME_PREFIX,
  headerFooterText,
  ownerMarkerName,
  type ResultCell,
  type ResultSheet,
  type ResultTable,
} from '../../../workbook/port';
import { placeTables, rowCountOf, RowFormula, tableCells } from '../../../workbook/results/tables';
import { letters, type SharedFormulaRole } from './cells';
import { layoutCharts, type ChartBlock } from './result-charts';
import {
  renderWorksheet,
  tableHeaders,
  type CellSpec,
  type ColumnSpec,
  type PageSpec,
  type RenderedSheet,
  type RowSpec,
  type SheetContext,
  type WorksheetSpec,
} from './worksheet';

/** Points per line of 11-pt Calibri, Excel's default row height. */
const LINE_HEIGHT = 15;
/** Text columns at least this wide hold sentences (formula texts, messages): they wrap instead of running off-page. */
const WRAP_FROM_WIDTH = 40;
/** Letter: paper size 1 of ST_PaperSize (ECMA-376 §18.3.1.63); A4 is 9. */
const LETTER = 1;
const A4 = 9;
/** How a date shows where its column has no format of its own. */
const DATE_FORMAT = 'yyyy-mm-dd';

/**
 * Lines a text takes when wrapped at word boundaries in a column `width` characters wide. Excel and LibreOffice
 * do not grow a row to fit wrapped text on opening a file, so the writer sets the height itself.
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, Math.floor(width) - 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= room) used = need;
      else {
        if (used > 0) lines++;
        // A word longer than the column breaks across lines.
        lines += Math.floor(Math.max(0, word.length - 1) / room);
        used = word.length % room || room;
      }
    }
  }
  return lines;
}

/** Column widths of a result sheet: for each column, the widest of the tables' (stated, or from the header). */
export function resultColumnWidths(sheet: Pick<ResultSheet, 'tables'>): number[] {
  const widths: number[] = [];
  for (const table of sheet.tables) {
    table.columns.forEach((c, j) => {
      widths[j] = Math.max(widths[j] ?? 0, c.width ?? Math.max(10, Math.min(40, c.header.length + 2)));
    });
  }
  return widths;
}

export interface ResultSheetOptions {
  /** The sheet shown when the workbook opens. */
  selected?: boolean;
}

/**
 * Renders one result sheet into parts for a package (see RenderedSheet). Pure: the context says which part names
 * and table ids are free and keeps the styles and strings. The plan is assumed checked (checkResultsPlan).
 */
export function renderResultSheet(
  sheet: ResultSheet,
  ctx: SheetContext,
  options: ResultSheetOptions = {},
): RenderedSheet {
  const places = placeTables(sheet.tables);
  const widths = resultColumnWidths(sheet);
  const { blocks, charts } = layoutCharts(sheet, widths);
  const headers = sheet.tables.map((t) => tableHeaders(t.columns.map((c) => c.header)));

  const columns: ColumnSpec[] = widths.map((w, j) => ({ min: j + 1, width: w }));
  for (const b of blocks) b.widths.forEach((w, k) => columns.push({ min: b.column + k, width: w }));

  const first = places[0];
  const frozen = sheet.freezeHeader && first !== undefined;
  const lastRow = Math.max(1, ...places.map((p) => p.lastRow));
  const lastColumn = Math.max(1, widths.length, ...blocks.map((b) => b.column + b.header.length - 1));

  const names: NonNullable<WorksheetSpec['names']>[number][] = [
    { name: ownerMarkerName(sheet.role), ref: '$A$1', hidden: true },
  ];
  const areas = [
    ...places.flatMap((p) => (p.titleRow !== undefined ? [`$A$${p.titleRow}`] : [])),
    ...blocks.map(
      (b) => `$${letters(b.column)}$${b.row}:$${letters(b.column + b.header.length - 1)}$${b.row + b.rows.length}`,
    ),
  ];
  areas.forEach((ref, i) => names.push({ name: `${AREA_NAME_PREFIX}${i + 1}`, ref, hidden: true }));

  const spec: WorksheetSpec = {
    name: sheet.name,
    selected: options.selected,
    dimension: `A1:${letters(lastColumn)}${lastRow}`,
    columns,
    rows: resultRows(sheet, ctx, widths, headers, blocks),
    freeze: frozen ? { rows: first.headerRow } : undefined,
    tables: sheet.tables.map((t, i) => ({
      name: t.name,
      top: places[i].headerRow,
      left: 1,
      headers: headers[i],
      dataRows: Math.max(1, rowCountOf(t)),
    })),
    page: pageOf(sheet, frozen ? first.headerRow : undefined),
    charts,
    names,
    cells: countCells(sheet, blocks),
  };
  return renderWorksheet(spec, ctx, sheet.role);
}

function pageOf(sheet: ResultSheet, frozenHeaderRow: number | undefined): PageSpec {
  const p = sheet.print;
  if (!p) {
    // Printed or saved as PDF, a 20-column P&L would split into pages of four columns each: landscape, one page
    // wide (as many pages tall as needed), the frozen header repeated on every page.
    return {
      orientation: 'landscape',
      paperSize: A4,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitleRows: frozenHeaderRow !== undefined ? `1:${frozenHeaderRow}` : undefined,
    };
  }
  // An explicit scale, never fit-to-page: the text prints at a known size.
  return {
    orientation: p.orientation,
    paperSize: LETTER,
    scale: p.scale,
    margins: { ...p.margins },
    header: `&C${headerFooterText(p.header)}`,
    printArea: p.area,
    printTitleRows: p.titleRows,
  };
}

function countCells(sheet: ResultSheet, blocks: readonly ChartBlock[]): number {
  let n = 0;
  for (const t of sheet.tables) {
    if (t.title) n++;
    n += t.columns.length + tableCells(t).filledCount;
  }
  for (const b of blocks) n += b.header.length + b.rows.length * b.header.length;
  return n;
}

/** The styles of a table's body cells: per column, plain / bold total / top-aligned / both. */
class BodyStyles {
  private readonly cache: number[][];
  constructor(
    private readonly ctx: SheetContext,
    private readonly table: ResultTable,
    private readonly wraps: readonly boolean[],
  ) {
    this.cache = table.columns.map(() => []);
  }

  of(i: number, j: number, bold: boolean, top: boolean, date: boolean): number {
    let own = this.table.cellFormats?.[i]?.[j];
    // The column's own style, registered once: no style description made for each of a million cells.
    if (own === undefined && !date) {
      const known = this.cache[j][(bold ? 1 : 0) + (top ? 2 : 0)];
      if (known !== undefined) return known;
    }
    // A date is a serial number in the file: in a General cell it would show as one (46096), so it shows as a date.
    if (date && (own ?? this.table.columns[j].numberFormat) === 'General') own = DATE_FORMAT;
    const numFmt = own ?? this.table.columns[j].numberFormat;
    const style = { numFmt, bold, wrap: this.wraps[j], vertical: this.wraps[j] || top ? ('top' as const) : undefined };
    if (own !== undefined) return this.ctx.styles.register(style);
    const k = (bold ? 1 : 0) + (top ? 2 : 0);
    return (this.cache[j][k] ??= this.ctx.styles.register(style));
  }
}

function* resultRows(
  sheet: ResultSheet,
  ctx: SheetContext,
  widths: readonly number[],
  headers: readonly string[][],
  blocks: readonly ChartBlock[],
): Generator<RowSpec> {
  const places = placeTables(sheet.tables);
  const titleStyle = ctx.styles.register({ bold: true, size: 13 });
  const headerStyle = ctx.styles.register({ wrap: true, vertical: 'top' });
  const blockStyles = blocks.map((b) => b.formats.map((numFmt) => ctx.styles.register({ numFmt })));
  let nextSi = 0;
  for (let ti = 0; ti < sheet.tables.length; ti++) {
    const table = sheet.tables[ti];
    const at = places[ti];
    const mine = blocks.map((b, k) => ({ b, k })).filter(({ b }) => b.table === ti);
    if (table.title && at.titleRow !== undefined) {
      yield { row: at.titleRow, cells: [{ col: 1, value: table.title, style: titleStyle }] };
    }

    let headerLines = 1;
    const headerCells: CellSpec[] = headers[ti].map((h, j) => {
      headerLines = Math.max(headerLines, wrappedLines(table.columns[j].header, widths[j]));
      return { col: j + 1, value: h, style: headerStyle };
    });
    for (const { b } of mine) {
      b.header.forEach((h, k) => {
        headerLines = Math.max(headerLines, wrappedLines(h, b.widths[k]));
        headerCells.push({ col: b.column + k, value: h, style: headerStyle });
      });
    }
    yield { row: at.headerRow, height: headerLines > 1 ? headerLines * LINE_HEIGHT : undefined, cells: headerCells };

    const width = table.columns.length;
    const wraps = table.columns.map((c, j) => c.wrap === true || (c.format === 'text' && widths[j] >= WRAP_FROM_WIDTH));
    const anyWrap = wraps.some((w) => w);
    const styles = new BodyStyles(ctx, table, wraps);
    const bold = new Set(table.totalRows ?? []);
    // An Excel table holds at least one data row: an empty table gets one blank (styled) row.
    // Cell by cell from the table's columns: no array per row of a million-row table is ever built.
    const body = tableCells(table);
    const n = Math.max(1, body.rowCount);
    const cells: CellSpec[] = Array.from({ length: width }, (_, j) => ({ col: j + 1, value: null }));
    const values: ResultCell[] = new Array<ResultCell>(width).fill(null);
    // Shared formulas: a run of one row-formula template down a column is written once, at its top (the master),
    // with the range it covers; the cells below carry only the group id. Per column: the run's last row and group.
    const runEnd = new Array<number>(width).fill(-1);
    const runSi = new Array<number>(width).fill(0);
    const roles: SharedFormulaRole[] = Array.from({ length: width }, () => ({ si: 0 }));
    /** The shared-formula role of the row formula at (i, j), or undefined when it stands alone. */
    const sharedRole = (i: number, j: number, f: RowFormula): SharedFormulaRole | undefined => {
      if (i <= runEnd[j]) {
        const role = roles[j];
        role.si = runSi[j];
        role.ref = undefined;
        return role;
      }
      if (f.row !== at.firstDataRow + i) return undefined;
      let end = i;
      for (;;) {
        const next = body.cell(end + 1, j);
        if (!(next instanceof RowFormula) || next.template !== f.template || next.row !== f.row + (end + 1 - i)) break;
        end++;
      }
      if (end === i) return undefined;
      runEnd[j] = end;
      runSi[j] = nextSi++;
      const col = letters(j + 1);
      return { si: runSi[j], ref: `${col}${f.row}:${col}${at.firstDataRow + end}` };
    };
    for (let i = 0; i < n; i++) {
      // One set of cell objects serves every row (the renderer reads a row before it asks for the next): a million
      // rows allocate no ten million of them. Each cell is read once, before the row's height needs the wrapped ones.
      cells.length = width;
      let lines = 1;
      for (let j = 0; j < width; j++) {
        const value = (values[j] = body.cell(i, j));
        if (anyWrap && wraps[j] && typeof value === 'string') lines = Math.max(lines, wrappedLines(value, widths[j]));
      }
      // A row of wrapped sentences reads from the top, every cell of it (Excel's default is the bottom).
      const top = lines > 1;
      const isBold = bold.has(i);
      for (let j = 0; j < width; j++) {
        const cell = cells[j];
        const value = values[j];
        cell.value = value;
        cell.style = styles.of(i, j, isBold, top, value instanceof Date);
        cell.shared = value instanceof RowFormula ? sharedRole(i, j, value) : undefined;
      }
      for (const { b, k } of mine) {
        const row = b.rows[i];
        if (row) row.forEach((value, c) => cells.push({ col: b.column + c, value, style: blockStyles[k][c] }));
      }
      yield { row: at.firstDataRow + i, height: top ? lines * LINE_HEIGHT : undefined, cells };
    }
  }
}
