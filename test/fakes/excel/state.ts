/**
 * The fake workbook's document state: what Excel would hold. Proxies (proxies.ts) only reach it at sync time.
 * Cells are kept in sparse row arrays so a test can hold a 1 M-cell table without a million objects.
 */
import { FakeOfficeError } from './errors';
import { type Rect, rectColumns, rectRows, looksLikeReference, overlaps } from './address';
import { rewriteSheetRefs } from './formulas';

/** A stored cell value; '' is an empty cell (as Excel returns it). */
export type StoredValue = string | number | boolean;

export type SheetVisibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface SheetState {
  id: string;
  name: string;
  visibility: SheetVisibility;
  deleted: boolean;
  values: (StoredValue | undefined)[][];
  formulas: (string | undefined)[][];
  numberFormats: (string | undefined)[][];
  /** Font bold settings in the order applied (last match wins). */
  bold: { rect: Rect; bold: boolean }[];
  columnWidths: Map<number, number>;
  autofitted: Rect[];
  frozenRows: number;
  charts: ChartState[];
  /** Sheet-scoped defined names (Worksheet.names, ExcelApi 1.4). */
  names: NameState[];
  /** Worksheet.protection.protected (ExcelApi 1.2): cell, table, chart and name writes are refused (AccessDenied). */
  protected: boolean;
  /** RangeFormat.wrapText and verticalAlignment settings in the order applied (last match wins). */
  wrap: { rect: Rect; wrap: boolean }[];
  verticalAlignment: { rect: Rect; value: string }[];
  /** RangeFormat.autofitRows calls. */
  autofittedRows: Rect[];
  /** Worksheet.pageLayout (ExcelApi 1.9): only what a host set (undefined: Excel's default). */
  pageLayout: PageLayoutState;
  /**
   * Hidden rows (0-based), by hand or by a filter: Range.rowHidden and getVisibleView read them. Whole sheet rows, so
   * they stay where they are when a table's cells shift (rows.add, TableRow.delete), as in Excel.
   */
  hiddenRows: Set<number>;
  /** Merged blocks (Range.getMergedAreasOrNullObject); only a block's top-left cell holds a value. */
  merges: Rect[];
  /** Range.dataValidation list rules (ExcelApi 1.8), by the range they were set on. */
  validations: { rect: Rect; rule: { list: { inCellDropDown: boolean; source: string } } }[];
}

/** A sheet's page setup as the fake stores it: margins in points, as PageLayout reports them. */
export interface PageLayoutState {
  paperSize?: string;
  orientation?: string;
  zoom?: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  margins?: { left?: number; right?: number; top?: number; bottom?: number; header?: number; footer?: number };
  /** Local addresses ("A1:F48", "1:2"). */
  printArea?: string;
  printTitleRows?: string;
  centerHeader?: string;
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  /** Header row (0-based) and first column. */
  r0: number;
  c0: number;
  /** Data rows (the body always holds at least one row, as in Excel). */
  dataRows: number;
  columns: number;
  style: string;
  /**
   * Table.showHeaders: false when the header row is switched off. Row r0 is then outside the table (its cells
   * cleared, as Excel does) and the table starts at r0 + 1; `columnNames` keeps the columns' names.
   */
  showHeaders: boolean;
  /** Table.showTotals: a totals row right below the body (row r0 + dataRows + 1), inside the table's range. */
  showTotals: boolean;
  /** The column names while the header row is off (Excel keeps them; TableColumn.name reads them). */
  columnNames?: string[];
  /** Table.autoFilter.isDataFiltered (ExcelApi 1.9): a filter criterion hides some of its rows. */
  filtered: boolean;
  deleted: boolean;
}

export interface SeriesState {
  name: string;
  /** 'automatic', 'none' or a colour. */
  fill: string;
  gapWidth?: number;
  hasDataLabels: boolean;
}

export interface ChartState {
  id: string;
  name: string;
  sheet: SheetState;
  chartType: string;
  source: { sheet: string; rect: Rect };
  seriesBy: string;
  title: string;
  titleVisible: boolean;
  legendVisible: boolean;
  series: SeriesState[];
  position?: { start: string; end?: string };
  deleted: boolean;
}

export interface NameState {
  name: string;
  /** Formula of a constant or formula name; range names print theirs from `ref`. */
  formula: string;
  comment: string;
  visible: boolean;
  /** A range name's cells: they follow the sheet (renamed with it); null once its sheet is deleted (#REF!). */
  ref?: { sheet: SheetState; rect: Rect } | null;
  /** The sheet of a sheet-scoped name. */
  scopeSheet?: SheetState;
}

/** One mutation of the document, recorded so tests can prove which sheets and tables were written. */
export interface WriteRecord {
  /** 1-based index of the sync that applied it. */
  sync: number;
  sheet: string;
  /** Address, table or chart name the write touched. */
  target: string;
  op: string;
}

const INVALID_SHEET_CHARS = /[:\\/?*[\]]/;

export function checkSheetName(name: unknown, location: string): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 31 ||
    INVALID_SHEET_CHARS.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'") ||
    name.toLowerCase() === 'history'
  ) {
    throw new FakeOfficeError('InvalidArgument', location, `invalid worksheet name ${JSON.stringify(name)}`);
  }
  return name;
}

export function checkDefinedName(name: unknown, location: string): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 255 ||
    !/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) ||
    looksLikeReference(name)
  ) {
    throw new FakeOfficeError('InvalidArgument', location, `invalid table or defined name ${JSON.stringify(name)}`);
  }
  return name;
}

export class WorkbookState {
  name: string;
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  names: NameState[] = [];
  activeSheet: SheetState | null = null;
  selection: { sheet: string; address: string } | null = null;
  calculationMode = 'Automatic';
  /**
   * Application.calculationState: 'Done' once every formula is calculated; 'Pending' while cells wait for a
   * calculation (manual mode after an edit, or a file opened without recalculating); 'Calculating' during one.
   */
  calculationState: 'Done' | 'Calculating' | 'Pending' = 'Done';
  /** Workbook.protection.protected (ExcelApi 1.7): sheets cannot be added, deleted or renamed (AccessDenied). */
  protected = false;
  /** Workbook.readOnly (ExcelApi 1.8): every write is refused (AccessDenied). */
  readOnly = false;
  /** Application.calculate calls (type each). */
  calculations: string[] = [];
  /** Chart properties Excel refuses for a chart type ("Waterfall:title"): UnsupportedOperation. */
  chartFailures = new Set<string>();
  writes: WriteRecord[] = [];
  /** Index of the sync being applied (for WriteRecord). */
  currentSync = 0;
  private nextId = 1;

  constructor(name: string) {
    this.name = name;
  }

  newId(prefix: string): string {
    return `{${prefix}-${this.nextId++}}`;
  }

  record(sheet: string, target: string, op: string): void {
    this.writes.push({ sync: this.currentSync, sheet, target, op });
  }

  liveSheets(): SheetState[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  findSheet(name: string): SheetState | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => !s.deleted && (s.name.toLowerCase() === key || s.id === name));
  }

  findTable(name: string): TableState | undefined {
    const key = name.toLowerCase();
    return this.tables.find((t) => !t.deleted && (t.name.toLowerCase() === key || t.id === name));
  }

  liveTables(): TableState[] {
    return this.tables.filter((t) => !t.deleted);
  }

  addSheet(name: string | undefined, location: string): SheetState {
    let sheetName = name;
    if (sheetName === undefined) {
      let n = this.sheets.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      sheetName = `Sheet${n}`;
    }
    checkSheetName(sheetName, location);
    if (this.findSheet(sheetName)) {
      throw new FakeOfficeError('ItemAlreadyExists', location, `worksheet "${sheetName}" exists`);
    }
    const sheet: SheetState = {
      id: this.newId('sheet'),
      name: sheetName,
      visibility: 'Visible',
      deleted: false,
      values: [],
      formulas: [],
      numberFormats: [],
      bold: [],
      columnWidths: new Map(),
      autofitted: [],
      frozenRows: 0,
      charts: [],
      names: [],
      protected: false,
      wrap: [],
      verticalAlignment: [],
      autofittedRows: [],
      pageLayout: {},
      hiddenRows: new Set(),
      merges: [],
      validations: [],
    };
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  deleteSheet(sheet: SheetState, location: string): void {
    const visible = this.liveSheets().filter((s) => s.visibility === 'Visible');
    if (sheet.visibility === 'Visible' && visible.length <= 1) {
      throw new FakeOfficeError('InvalidOperation', location, 'a workbook must keep one visible sheet');
    }
    sheet.deleted = true;
    for (const t of this.tables) if (t.sheet === sheet) t.deleted = true;
    for (const c of sheet.charts) c.deleted = true;
    sheet.names = [];
    // Excel turns every reference to a deleted sheet into #REF! (=Hoja2!A1 becomes =#REF!A1), names included.
    this.rewriteFormulas(sheet.name, null);
    for (const n of this.names) if (n.ref?.sheet === sheet) n.ref = null;
    if (this.activeSheet === sheet)
      this.activeSheet = this.liveSheets().find((s) => s.visibility === 'Visible') ?? null;
  }

  renameSheet(sheet: SheetState, name: unknown, location: string): void {
    const newName = checkSheetName(name, location);
    const other = this.findSheet(newName);
    if (other && other !== sheet)
      throw new FakeOfficeError('ItemAlreadyExists', location, `worksheet "${newName}" exists`);
    // Excel rewrites every formula that points at the sheet, so references follow the rename.
    if (newName !== sheet.name) this.rewriteFormulas(sheet.name, newName);
    sheet.name = newName;
  }

  /** Rewrites references to sheet `from` in every formula of the workbook (see rewriteSheetRefs). */
  private rewriteFormulas(from: string, to: string | null): void {
    for (const s of this.liveSheets()) {
      for (const row of s.formulas) {
        if (!row) continue;
        for (let c = 0; c < row.length; c++) {
          const f = row[c];
          if (f !== undefined) row[c] = rewriteSheetRefs(f, from, to);
        }
      }
    }
  }

  /** Refuses a change of the workbook's structure (add, delete, rename a sheet) as Excel does when protected. */
  assertStructureWritable(location: string): void {
    if (this.readOnly) throw new FakeOfficeError('AccessDenied', location, 'the workbook is read-only');
    if (this.protected) throw new FakeOfficeError('AccessDenied', location, 'the workbook structure is protected');
  }

  /** Refuses a change of a sheet's cells, tables, charts or names when the sheet or the workbook forbids it. */
  assertSheetWritable(sheet: SheetState, location: string): void {
    if (this.readOnly) throw new FakeOfficeError('AccessDenied', location, 'the workbook is read-only');
    if (sheet.protected) throw new FakeOfficeError('AccessDenied', location, `sheet "${sheet.name}" is protected`);
  }

  nameInUse(name: string, except?: TableState): boolean {
    const key = name.toLowerCase();
    return (
      this.liveTables().some((t) => t !== except && t.name.toLowerCase() === key) ||
      this.names.some((n) => n.name.toLowerCase() === key)
    );
  }

  renameTable(table: TableState, name: unknown, location: string): void {
    const newName = checkDefinedName(name, location);
    if (this.nameInUse(newName, table)) {
      throw new FakeOfficeError(
        'InvalidArgument',
        location,
        `the name "${newName}" is already used by a table or name`,
      );
    }
    table.name = newName;
  }

  /** Creates a table over rect (header = first row). A header-only rect gets one empty body row, like Excel. */
  addTable(sheet: SheetState, rect: Rect, location: string): TableState {
    for (const t of this.liveTables()) {
      if (t.sheet === sheet && overlaps(tableRect(t), rect)) {
        throw new FakeOfficeError('InvalidArgument', location, `overlaps table "${t.name}"`);
      }
    }
    let n = this.tables.length + 1;
    while (this.nameInUse(`Table${n}`)) n++;
    const table: TableState = {
      id: this.newId('table'),
      name: `Table${n}`,
      sheet,
      r0: rect.r0,
      c0: rect.c0,
      dataRows: Math.max(1, rectRows(rect) - 1),
      columns: rectColumns(rect),
      style: 'TableStyleMedium2',
      showHeaders: true,
      showTotals: false,
      filtered: false,
      deleted: false,
    };
    // Excel makes headers text, unique and non-blank ("Column1", "Amount2").
    const seen = new Set<string>();
    for (let c = 0; c < table.columns; c++) {
      const raw = getValue(sheet, rect.r0, rect.c0 + c);
      let h = raw === '' || raw === undefined ? `Column${c + 1}` : String(raw);
      const base = h;
      let k = 2;
      while (seen.has(h.toLowerCase())) h = `${base}${k++}`;
      seen.add(h.toLowerCase());
      setCell(sheet, rect.r0, rect.c0 + c, h, undefined);
    }
    this.tables.push(table);
    return table;
  }
}

/** The whole table (Table.getRange): header row when shown, body, totals row when shown. */
export function tableRect(t: TableState): Rect {
  return {
    r0: t.showHeaders ? t.r0 : t.r0 + 1,
    c0: t.c0,
    r1: t.r0 + t.dataRows + (t.showTotals ? 1 : 0),
    c1: t.c0 + t.columns - 1,
  };
}
/** The totals row (below the body); only meaningful while showTotals. */
export function totalsRect(t: TableState): Rect {
  const r = t.r0 + t.dataRows + 1;
  return { r0: r, c0: t.c0, r1: r, c1: t.c0 + t.columns - 1 };
}
export function headerRect(t: TableState): Rect {
  return { r0: t.r0, c0: t.c0, r1: t.r0, c1: t.c0 + t.columns - 1 };
}
export function bodyRect(t: TableState): Rect {
  return { r0: t.r0 + 1, c0: t.c0, r1: t.r0 + t.dataRows, c1: t.c0 + t.columns - 1 };
}

export function getValue(sheet: SheetState, r: number, c: number): StoredValue {
  return sheet.values[r]?.[c] ?? '';
}
export function getFormula(sheet: SheetState, r: number, c: number): string | undefined {
  return sheet.formulas[r]?.[c];
}
export function getNumberFormat(sheet: SheetState, r: number, c: number): string {
  return sheet.numberFormats[r]?.[c] ?? 'General';
}

/** Stores a constant (formula undefined) or a formula (value '' because the fake does not calculate). */
export function setCell(
  sheet: SheetState,
  r: number,
  c: number,
  value: StoredValue,
  formula: string | undefined,
): void {
  (sheet.values[r] ??= [])[c] = formula === undefined ? value : '';
  if (formula !== undefined) (sheet.formulas[r] ??= [])[c] = formula;
  else if (sheet.formulas[r]?.[c] !== undefined) sheet.formulas[r][c] = undefined;
}

export function setNumberFormat(sheet: SheetState, r: number, c: number, format: string): void {
  (sheet.numberFormats[r] ??= [])[c] = format;
}

export function isBoldAt(sheet: SheetState, r: number, c: number): boolean {
  for (let i = sheet.bold.length - 1; i >= 0; i--) {
    const { rect, bold } = sheet.bold[i];
    if (r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1) return bold;
  }
  return false;
}

/** How many rows of r0..r1 (0-based, inclusive) are hidden. */
export function hiddenRowsIn(sheet: SheetState, r0: number, r1: number): number {
  const hidden = sheet.hiddenRows;
  if (hidden.size === 0) return 0;
  let n = 0;
  if (hidden.size < r1 - r0 + 1) {
    for (const r of hidden) if (r >= r0 && r <= r1) n++;
  } else {
    for (let r = r0; r <= r1; r++) if (hidden.has(r)) n++;
  }
  return n;
}

/** Range.rowHidden: true when every row of the block is hidden, false when none is, null when some are. */
export function rowHiddenOf(sheet: SheetState, rect: Rect): boolean | null {
  const n = hiddenRowsIn(sheet, rect.r0, rect.r1);
  return n === 0 ? false : n === rect.r1 - rect.r0 + 1 ? true : null;
}
