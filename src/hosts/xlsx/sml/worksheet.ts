/**
 * A worksheet and the parts it brings (its tables, its drawing and charts), rendered from a plain description
 * (WorksheetSpec) into a RenderedSheet: part paths, content types, relationships and XML, the worksheet's XML as a
 * lazy stream of chunks (text, then the rows as UTF-8 bytes). Elements come in the order of CT_Worksheet's sequence (ECMA-376 §18.3.1.99), which
 * Excel enforces (a misplaced element is a "repair").
 */
import { sheetInFormula } from '../../../workbook/plan-check';
import { chartXml, drawingXml, type ChartSpec } from './chart';
import { letters, type CellInput, type SharedFormulaRole } from './cells';
import {
  CONTENT_TYPES,
  NS,
  REL_TYPES,
  relationshipsXml,
  relativeTarget,
  relsPathOf,
  type PartKind,
  type Relationship,
} from './parts';
import type { StyleBook } from './styles';
import type { StringMode } from './strings';
import { attrs, escapeAttr, escapeText, escapeXmlText, XML_DECLARATION } from './xml';
import { cellBytes, XmlBytes } from './xml-bytes';

// ------------------------------------------------------------------------------------------------ description

export interface CellSpec {
  /** 1-based column. */
  col: number;
  value: CellInput;
  /** cellXfs index from the context's StyleBook (StyleBook.register); none when absent. */
  style?: number;
  /**
   * A formula cell's part in a shared formula: the master (with `ref`, the range, all in this column below it) or a
   * cell of its range, whose formula must be the master's shifted to its row. Group ids are unique in the sheet.
   */
  shared?: SharedFormulaRole;
}

/**
 * One row. The renderer is done with a row (and its cells) when it asks the iterable for the next one, so a producer
 * may reuse the same objects from row to row.
 */
export interface RowSpec {
  /** 1-based row; rows come in increasing order, cells in increasing column order. */
  row: number;
  /** Height in points (a row of wrapped text); Excel's default otherwise. */
  height?: number;
  cells: readonly CellSpec[];
}

export interface ColumnSpec {
  /** 1-based first column, and last (default: the same). */
  min: number;
  max?: number;
  /** Width in characters. */
  width?: number;
  hidden?: boolean;
}

/** An Excel table (ListObject): a header row and at least one data row, styled TableStyleMedium2 with stripes. */
export interface TableSpec {
  /** Name and display name, unique in the workbook. */
  name: string;
  /** 1-based header row and first column. */
  top: number;
  left: number;
  /**
   * Header texts: the header cells must hold exactly these (renderWorksheet does not write them: the rows do). Use
   * tableHeaders() first so they are unique and non-empty, as Excel requires.
   */
  headers: readonly string[];
  /** Data rows (at least 1: an empty table holds one blank row). */
  dataRows: number;
}

/** A list validation (a drop-down) on some cells. */
export interface DataValidationSpec {
  /** Cells it applies to, A1, space-separated ranges ("B2:B200 D2:D200"). */
  sqref: string;
  type: 'list';
  /** The allowed values as a literal list (at most 255 characters in all, none holding a comma or a quote)… */
  values?: readonly string[];
  /** …or a formula giving them, usually a range ("Listas!$A$2:$A$20", no "="). */
  source?: string;
  /** Blank cells pass (default true). */
  allowBlank?: boolean;
  /** The message when a value is refused ('stop' refuses, the default; 'warning', 'information' let it be). */
  error?: { title?: string; message: string; style?: 'stop' | 'warning' | 'information' };
  /** A note shown when a cell is selected. */
  prompt?: { title?: string; message: string };
}

export interface PageSpec {
  orientation?: 'portrait' | 'landscape';
  /** ST_PaperSize: 1 Letter, 9 A4. */
  paperSize?: number;
  /** Percent (10–400): prints at this scale (fitToPage off). */
  scale?: number;
  /** Fit to this many pages wide and tall (0: as many as needed); sets sheetPr/pageSetUpPr fitToPage. */
  fitToWidth?: number;
  fitToHeight?: number;
  /** Inches. Excel's defaults (0.7, 0.7, 0.75, 0.75, 0.3, 0.3) when absent. */
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Odd-page header in header/footer syntax ("&C" + headerFooterText(text)). */
  header?: string;
  /** Print area, A1 on this sheet ("A1:F48"); rows repeated on every page ("1:3"). Written as defined names. */
  printArea?: string;
  printTitleRows?: string;
}

export interface WorksheetSpec {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** The sheet shown when the workbook opens (one per workbook). */
  selected?: boolean;
  /** The used range, A1 ("A1:T252"); A1 when absent. */
  dimension?: string;
  columns?: readonly ColumnSpec[];
  rows: Iterable<RowSpec>;
  /** Frozen panes: this many rows (and columns) stay in view. */
  freeze?: { rows: number; columns?: number };
  tables?: readonly TableSpec[];
  validations?: readonly DataValidationSpec[];
  page?: PageSpec;
  charts?: readonly ChartSpec[];
  /** Sheet-scoped defined names besides the print ones, e.g. the owner marker; refs local A1 ("$A$1"). */
  names?: readonly { name: string; ref: string; hidden?: boolean }[];
  /** Cells holding something, when the caller counts them (RenderedSheet.cells; 0 otherwise). */
  cells?: number;
}

// ------------------------------------------------------------------------------------------------ result

/** One part of a rendered sheet, ready for a zip entry and an Override in [Content_Types].xml. */
export interface RenderedPart {
  path: string;
  contentType: string;
  /**
   * XML text, whole or as a lazy stream of chunks (the worksheet's, which can be read once: text, and its rows as
   * UTF-8 bytes).
   */
  data: string | Iterable<string | Uint8Array>;
}

/** A defined name a sheet needs in workbook.xml. */
export interface RenderedName {
  name: string;
  hidden: boolean;
  /** Sheet-qualified formula text as stored in workbook.xml: 'TT P&L cliente'!$A$1. */
  ref: string;
  /** Scoped to this sheet (localSheetId = the sheet's position in workbook.xml's sheets). */
  sheetScoped: boolean;
}

/**
 * A sheet ready to go into a package: the worksheet part (sheetPart), every part it brings (the worksheet first,
 * then its .rels, tables, drawing, the drawing's .rels and charts) and the defined names workbook.xml must hold for
 * it. Whoever assembles the package adds: the <sheet> element (name, state, r:id of a workbook relationship of type
 * REL_TYPES.worksheet to sheetPart), an Override per part, and the names with localSheetId when sheetScoped.
 *
 * The worksheet's data is produced lazily while it is read: its shared strings (and styles of cells given Dates
 * without one) are added then, so styles.xml and sharedStrings.xml must be written after every worksheet part.
 */
export interface RenderedSheet {
  name: string;
  /** The result sheet's role (renderResultSheet), for the owner marker; undefined for other sheets. */
  role?: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  sheetPart: string;
  parts: RenderedPart[];
  definedNames: RenderedName[];
  /** Cells holding something (titles, headers, values, formulas): what the write report counts. */
  cells: number;
}

/** What rendering needs from the package the sheet goes into. */
export interface SheetContext {
  /** The next free part path of a kind (partAllocator of parts.ts over the package's entries). */
  partName(kind: PartKind): string;
  /** The next table id free in the workbook (tableIdAllocator). */
  nextTableId(): number;
  styles: StyleBook;
  /** Shared strings (a new package) or 'inline' (writing into a user's workbook). */
  strings: StringMode;
}

// ------------------------------------------------------------------------------------------------ rendering

const DEFAULT_MARGINS = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
const TABLE_STYLE = 'TableStyleMedium2';

/** A sheet name as it prints in a reference ('TT P&L cliente'!…). */
export function sheetRef(sheet: string): string {
  return sheetInFormula(sheet);
}

/**
 * Header names Excel accepts for a table: none empty, none repeated (case-insensitive). A repeat or a blank gets a
 * number, as Excel does when a header is typed twice ("Venta", "Venta2"; "Column3"). Write these in the header cells.
 */
export function tableHeaders(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, i) => {
    const base = h === '' ? `Column${i + 1}` : h;
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

export function renderWorksheet(spec: WorksheetSpec, ctx: SheetContext, role?: string): RenderedSheet {
  const sheetPart = ctx.partName('worksheet');
  const rels: Relationship[] = [];
  const parts: RenderedPart[] = [];
  const relTo = (type: string, target: string) => {
    const id = `rId${rels.length + 1}`;
    rels.push({ id, type, target: relativeTarget(sheetPart, target) });
    return id;
  };

  const tableIds: string[] = [];
  const tableParts: RenderedPart[] = [];
  for (const t of spec.tables ?? []) {
    const path = ctx.partName('table');
    tableIds.push(relTo(REL_TYPES.table, path));
    tableParts.push({ path, contentType: CONTENT_TYPES.table, data: tableXml(t, ctx.nextTableId()) });
  }

  let drawingId: string | undefined;
  const drawingParts: RenderedPart[] = [];
  const charts = spec.charts ?? [];
  if (charts.length > 0) {
    const drawing = ctx.partName('drawing');
    drawingId = relTo(REL_TYPES.drawing, drawing);
    const chartRels: Relationship[] = [];
    const chartParts = charts.map((c, i) => {
      const path = ctx.partName('chart');
      chartRels.push({ id: `rId${i + 1}`, type: REL_TYPES.chart, target: relativeTarget(drawing, path) });
      return { path, contentType: CONTENT_TYPES.chart, data: chartXml(c) };
    });
    drawingParts.push(
      {
        path: drawing,
        contentType: CONTENT_TYPES.drawing,
        data: drawingXml(
          charts,
          chartRels.map((r) => r.id),
        ),
      },
      { path: relsPathOf(drawing), contentType: CONTENT_TYPES.relationships, data: relationshipsXml(chartRels) },
      ...chartParts,
    );
  }

  // Checked now, before any of the sheet is written (a literal list Excel would refuse).
  const validations = validationsXml(spec.validations ?? []);
  parts.push({
    path: sheetPart,
    contentType: CONTENT_TYPES.worksheet,
    data: worksheetXml(spec, ctx, { tableIds, drawingId, validations }),
  });
  if (rels.length > 0) {
    parts.push({ path: relsPathOf(sheetPart), contentType: CONTENT_TYPES.relationships, data: relationshipsXml(rels) });
  }
  parts.push(...tableParts, ...drawingParts);

  const q = sheetRef(spec.name);
  const definedNames: RenderedName[] = (spec.names ?? []).map((n) => ({
    name: n.name,
    hidden: n.hidden === true,
    ref: `${q}!${n.ref}`,
    sheetScoped: true,
  }));
  if (spec.page?.printArea) {
    definedNames.push({
      name: '_xlnm.Print_Area',
      hidden: false,
      ref: `${q}!${absoluteArea(spec.page.printArea)}`,
      sheetScoped: true,
    });
  }
  if (spec.page?.printTitleRows) {
    definedNames.push({
      name: '_xlnm.Print_Titles',
      hidden: false,
      ref: `${q}!${absoluteRows(spec.page.printTitleRows)}`,
      sheetScoped: true,
    });
  }
  return {
    name: spec.name,
    role,
    state: spec.state ?? 'visible',
    sheetPart,
    parts,
    definedNames,
    cells: spec.cells ?? 0,
  };
}

/** "A1:F48" → "$A$1:$F$48". */
function absoluteArea(area: string): string {
  return area
    .replace(/\$/g, '')
    .split(':')
    .map((cell) => cell.replace(/^([A-Za-z]+)(\d+)$/, (_, c: string, r: string) => `$${c.toUpperCase()}$${r}`))
    .join(':');
}

/** "1:3" → "$1:$3". */
function absoluteRows(rows: string): string {
  return rows
    .replace(/\$/g, '')
    .split(':')
    .map((r) => `$${r}`)
    .join(':');
}

function tableXml(t: TableSpec, id: number): string {
  const rows = Math.max(1, t.dataRows);
  const ref = `${letters(t.left)}${t.top}:${letters(t.left + t.headers.length - 1)}${t.top + rows}`;
  const columns = t.headers.map((h, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(h)}"/>`).join('');
  return (
    `${XML_DECLARATION}<table xmlns="${NS.main}" id="${id}" name="${escapeAttr(t.name)}" displayName="${escapeAttr(t.name)}"` +
    ` ref="${ref}" totalsRowShown="0"><autoFilter ref="${ref}"/><tableColumns count="${t.headers.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${TABLE_STYLE}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

function* worksheetXml(
  spec: WorksheetSpec,
  ctx: SheetContext,
  refs: { tableIds: readonly string[]; drawingId?: string; validations: string },
): Generator<string | Uint8Array> {
  const page = spec.page;
  const fit = page !== undefined && (page.fitToWidth !== undefined || page.fitToHeight !== undefined);
  let head = `${XML_DECLARATION}<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}">`;
  if (fit) head += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
  head += `<dimension ref="${spec.dimension ?? 'A1'}"/>`;
  head += sheetViewsXml(spec);
  head += '<sheetFormatPr defaultRowHeight="15"/>';
  head += colsXml(spec.columns ?? []);
  yield head;

  // The rows as UTF-8 bytes (xml-bytes.ts): no string per cell for the common ones.
  const out = new XmlBytes();
  let first = true;
  let lastRow = 0;
  for (const row of spec.rows) {
    if (row.row <= lastRow) throw new Error(`${spec.name}: row ${row.row} after row ${lastRow} (rows go in order)`);
    lastRow = row.row;
    if (first) out.ascii('<sheetData>');
    first = false;
    const r = String(row.row);
    out.ascii('<row r="');
    out.ascii(r);
    if (row.height !== undefined) {
      out.ascii('" ht="');
      out.ascii(String(row.height));
      out.ascii('" customHeight="1">');
    } else out.ascii('">');
    let lastCol = 0;
    for (const c of row.cells) {
      if (c.col <= lastCol) throw new Error(`${spec.name}: cell ${letters(c.col)}${r} out of order`);
      lastCol = c.col;
      cellBytes(out, c.col, r, c.value, c.style, ctx.strings, c.shared);
    }
    out.ascii('</row>');
    const full = out.full();
    if (full !== undefined) yield full;
  }
  const rest = out.take();
  if (rest.length > 0) yield rest;
  let tail = first ? '<sheetData/>' : '</sheetData>';
  tail += refs.validations;
  if (page) tail += pageXml(page);
  else tail += marginsXml(DEFAULT_MARGINS);
  if (refs.drawingId) tail += `<drawing r:id="${refs.drawingId}"/>`;
  if (refs.tableIds.length > 0) {
    tail += `<tableParts count="${refs.tableIds.length}">${refs.tableIds.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`;
  }
  yield `${tail}</worksheet>`;
}

function sheetViewsXml(spec: WorksheetSpec): string {
  const sel = spec.selected ? ' tabSelected="1"' : '';
  const f = spec.freeze;
  const rows = f?.rows ?? 0;
  const cols = f?.columns ?? 0;
  if (rows === 0 && cols === 0) return `<sheetViews><sheetView${sel} workbookViewId="0"/></sheetViews>`;
  const topLeft = `${letters(cols + 1)}${rows + 1}`;
  const pane = rows > 0 && cols > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  return (
    `<sheetViews><sheetView${sel} workbookViewId="0">` +
    `<pane${attrs({ xSplit: cols || undefined, ySplit: rows || undefined })} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`
  );
}

function colsXml(columns: readonly ColumnSpec[]): string {
  if (columns.length === 0) return '';
  const sorted = [...columns].sort((a, b) => a.min - b.min);
  const cols = sorted.map(
    (c) =>
      `<col${attrs({
        min: c.min,
        max: c.max ?? c.min,
        width: c.width ?? 9.140625,
        hidden: c.hidden ? true : undefined,
        customWidth: c.width !== undefined ? true : undefined,
      })}/>`,
  );
  return `<cols>${cols.join('')}</cols>`;
}

function validationsXml(list: readonly DataValidationSpec[]): string {
  if (list.length === 0) return '';
  const items = list.map((v) => {
    const formula = v.values !== undefined ? literalList(v.values) : v.source?.replace(/^=/, '');
    if (formula === undefined) throw new Error(`Data validation on ${v.sqref}: neither values nor source`);
    const a = attrs({
      type: v.type,
      errorStyle: v.error?.style && v.error.style !== 'stop' ? v.error.style : undefined,
      allowBlank: v.allowBlank ?? true,
      showInputMessage: v.prompt ? true : undefined,
      showErrorMessage: true,
      errorTitle: v.error?.title,
      error: v.error?.message,
      promptTitle: v.prompt?.title,
      prompt: v.prompt?.message,
      sqref: v.sqref,
    });
    return `<dataValidation${a}><formula1>${escapeXmlText(formula)}</formula1></dataValidation>`;
  });
  return `<dataValidations count="${list.length}">${items.join('')}</dataValidations>`;
}

/** A literal list as a validation formula: "a,b,c", quoted; Excel takes at most 255 characters. */
function literalList(values: readonly string[]): string {
  const bad = values.find((v) => v.includes(',') || v.includes('"'));
  if (bad !== undefined)
    throw new Error(`A literal validation list cannot hold "${bad}" (a comma or a quote): use a source range`);
  const text = values.join(',');
  if (text.length > 255)
    throw new Error(`A literal validation list is ${text.length} characters; Excel takes 255: use a source range`);
  return `"${text}"`;
}

function marginsXml(m: NonNullable<PageSpec['margins']>): string {
  return `<pageMargins${attrs({ left: m.left, right: m.right, top: m.top, bottom: m.bottom, header: m.header, footer: m.footer })}/>`;
}

function pageXml(p: PageSpec): string {
  let xml = marginsXml(p.margins ?? DEFAULT_MARGINS);
  xml += `<pageSetup${attrs({
    paperSize: p.paperSize,
    scale: p.scale,
    fitToWidth: p.fitToWidth,
    fitToHeight: p.fitToHeight,
    orientation: p.orientation,
  })}/>`;
  if (p.header !== undefined) xml += `<headerFooter><oddHeader>${escapeText(p.header)}</oddHeader></headerFooter>`;
  return xml;
}
