/**
 * The host port: the only way the workbook contract, the CLI and the task pane talk to a workbook.
 * Three implementations: src/hosts/office (Excel via Office.js), src/hosts/memory (in-browser demo and tests),
 * src/hosts/xlsx (.xlsx files via ExcelJS). Everything here is plain data: no Office or ExcelJS types leak out.
 */

import { TradeTermsError, type EngineErrorCode } from '../engine/errors';
import type { Text } from '../engine/model';
import { squash } from './contract/normalize';
import type { RangeRef } from './range-source';

/** An Excel error value as read from a cell, e.g. { error: '#N/A' }. */
export interface CellError {
  error: string;
}

/**
 * A formula cell with no calculated value: a file written by a script (openpyxl, an ERP export) and never opened
 * and saved in Excel, or a workbook Excel has not recalculated. It is never read as blank: the contract reports it.
 * `formulaWithoutValue` is the formula text ("=B2*C2"), or '' when the host cannot tell it.
 */
export interface CellFormulaWithoutValue {
  formulaWithoutValue: string;
}

/**
 * One cell value. Dates arrive as Date from .xlsx files and as serial numbers from Office.js;
 * the contract parser accepts both.
 */
export type CellValue = string | number | boolean | null | Date | CellError | CellFormulaWithoutValue;

export function isCellError(v: unknown): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as CellError).error === 'string';
}

export function isFormulaWithoutValue(v: unknown): v is CellFormulaWithoutValue {
  return (
    typeof v === 'object' &&
    v !== null &&
    !(v instanceof Date) &&
    typeof (v as CellFormulaWithoutValue).formulaWithoutValue === 'string'
  );
}

// ---------------------------------------------------------------- errors (thrown by every host)

/** Every failure a host reports (besides the engine's own, which the port passes through). */
export type HostErrorCode =
  | EngineErrorCode
  // reading the input
  | 'input_unreadable'
  | 'input_not_xlsx'
  // file types that are not an .xlsx package, each with its own message (src/hosts/xlsx/reader)
  | 'input_encrypted'
  | 'input_is_xls'
  | 'input_is_ods'
  | 'input_is_text'
  | 'input_not_workbook'
  // more rows than a run can hold (checked from the table ranges before any data is read)
  | 'input_too_large'
  | 'duplicate_table'
  | 'sheet_not_found'
  // the results plan and where it goes (src/workbook/plan-check.ts)
  | 'invalid_sheet_name'
  | 'duplicate_sheet'
  | 'duplicate_result_table'
  | 'sheet_holds_input'
  | 'table_name_taken'
  | 'chart_source_missing'
  | 'invalid_print_setup'
  | 'output_is_input'
  | 'output_unwritable'
  // -o over a file that is not a results file we wrote, a symlink or a non-regular file (needs --force)
  | 'output_exists'
  // --into: the copy must keep the input's kind (.xlsm with macros, .xlsx without)
  | 'output_extension'
  // Excel itself (Office.js)
  | 'sync_timeout'
  | 'excel_error'
  | 'boot_timeout'
  // writing safely into a live workbook
  | 'write_incomplete'
  | 'write_in_progress'
  | 'results_would_overwrite'
  | 'workbook_protected'
  | 'sheet_protected'
  | 'read_only'
  | 'coauthoring_conflict'
  | 'cell_edit_in_progress'
  // saving rows into an input table (saveRows: the scenario tables, the saved mapping)
  | 'table_not_found'
  | 'sheet_not_empty'
  | 'save_rows_invalid'
  | 'rows_would_split_table'
  | 'save_unsupported'
  | 'scenario_not_writable'
  // saving the mapping from the pane (the mapping table lacks a column the mapping needs)
  | 'mapping_not_writable'
  // an agreed scenario exported as the next base (exportTables: a new workbook)
  | 'export_unsupported'
  | 'export_inputs_invalid'
  // the results as a file to keep (downloadResults: the browser demo)
  | 'nothing_to_download';

/** A cell of the workbook a host error points at (results_would_overwrite): sheet name and local address ("C12"). */
export interface HostErrorLocation {
  sheet: string;
  address: string;
}

export interface HostErrorOptions {
  cause?: unknown;
  excelCode?: string;
  errorLocation?: string;
  sheetsTouched?: readonly string[];
  location?: HostErrorLocation;
}

/**
 * The one host error: a code of HostErrorCode and the message in es and en (`message` carries both). Office's own
 * errors keep Excel's code and debugInfo.errorLocation.
 */
export class HostError extends TradeTermsError<HostErrorCode> {
  /** Excel's error code (ItemNotFound, InvalidArgument…) when Excel raised it. */
  readonly excelCode?: string;
  readonly errorLocation?: string;
  /**
   * write_incomplete: the result sheets the failed write had already changed (Excel has no transactions: each sync
   * commits). They are still marked as ours, so the next run finds and repairs them.
   */
  readonly sheetsTouched?: readonly string[];
  /** Where the problem is, when it is a cell (results_would_overwrite): selectCell(location.sheet, location.address). */
  readonly location?: HostErrorLocation;

  constructor(code: HostErrorCode, text: Text, options: HostErrorOptions = {}) {
    super(code, text, { cause: options.cause });
    this.name = 'HostError';
    this.excelCode = options.excelCode;
    this.errorLocation = options.errorLocation;
    if (options.sheetsTouched) this.sheetsTouched = [...options.sheetsTouched];
    if (options.location) this.location = { ...options.location };
  }
}

export { TradeTermsError };

/** An Excel table (ListObject) read as a plain grid. */
export interface TableGrid {
  /** Table name as in Excel (Name Manager), e.g. "Customers". */
  name: string;
  sheet: string;
  /** 1-based worksheet row of the header row. */
  headerRow: number;
  /** 1-based worksheet column of the first column. */
  firstColumn: number;
  headers: string[];
  /** Data rows (no header, no totals row), each of headers.length cells. */
  rows: CellValue[][];
  /** What the host saw around the table that the bad-input diagnoses need (the .xlsx reader fills it). */
  source?: TableSourceFacts;
  /**
   * A user's own table read as a contract table through the workbook's saved mapping (src/workbook/mapping): which
   * contract table it stands for, which contract column each of its columns is (null: not used), and the contract
   * columns the mapping fills with a constant, each located at its cell of the mapping table.
   */
  mappedAs?: MappedTable;
}

export interface MappedTable {
  /** Contract table id ("BaseVolumes"). */
  table: string;
  /** Per column of the grid: the contract column id it holds, or null when the mapping does not use it. */
  columns: readonly (string | null)[];
  constants: readonly { column: string; value: CellValue; sheet: string; address: string; row: number }[];
  /**
   * Where each cell came from when the grid was built from several tables or by unpivoting month columns: per grid
   * row its table (an index into `tables`) and worksheet row, per cell its worksheet column. Absent: the grid is the
   * source table itself, cell for cell.
   */
  origin?: {
    tables: readonly { name: string; sheet: string }[];
    tableOf: Int32Array;
    row: Int32Array;
    /** Worksheet column of cell (r, j) at r × width + j. */
    column: Int32Array;
  };
}

/**
 * Facts about how a table sits in its sheet, beyond its cells: a header row switched off, a totals row, hidden or
 * filtered rows among its data, merged ranges crossing it, values typed just below it. Hosts that cannot see them
 * leave `TableGrid.source` out. Rows are 1-based worksheet rows; ranges and addresses are A1 without the sheet.
 */
export interface TableSourceFacts {
  /** False when the table's header row is switched off (headerRowCount="0"): its first row is data, not headers. */
  headerRowShown: boolean;
  /** The table shows a totals row (left out of rows). */
  totalsRow: boolean;
  /** Worksheet rows of the table's data that are hidden (by hand or by a filter); may list only the first ones. */
  hiddenRows: number[];
  /** How many data rows are hidden, when hiddenRows lists only the first of them. */
  hiddenRowCount?: number;
  /** The table's AutoFilter has at least one column filtered. */
  filtered: boolean;
  /** Merged ranges that overlap the table, A1 ("B4:C4"). */
  mergedRanges: string[];
  /** Non-empty cells in the table's columns in the rows just below it (typed under the table, outside it), A1. */
  cellsBelow: string[];
}

export interface TableInfo {
  name: string;
  sheet: string;
  rowCount: number;
}

/** What a run reports about its source, for the run-info sheet. */
export interface SourceInfo {
  /** File name or workbook title. */
  name: string;
  /** SHA-256 (hex) of the file bytes where a file exists; of the input tables' contents otherwise. */
  fingerprint: string;
  fingerprintOf: 'file' | 'tables';
}

// ---------------------------------------------------------------- result layout (written by every host)

export type NumberFormatKind = 'mxn' | 'mxn_unit' | 'pct' | 'units' | 'integer' | 'text' | 'date' | 'rate';

export interface ResultColumn {
  /** Header text (already in the run's language). */
  header: string;
  /** Stable metric or field id, e.g. "gross_sales". */
  id: string;
  format: NumberFormatKind;
  /** Excel number format code for this column (hosts apply it verbatim). */
  numberFormat: string;
  /** Approximate width in characters. */
  width?: number;
  /** Wrap long text inside the cell (sentences of a summary). */
  wrap?: boolean;
}

/**
 * A cell of a result table: a value, or a live formula in A1 notation relative to the same sheet
 * (e.g. "=[@[Venta neta]]/[@[Venta bruta]]" is NOT used: formulas are plain A1, Excel 2016+ functions only).
 * `result` carries the engine's value of the formula so hosts that cannot calculate can cache it.
 */
export type ResultCell =
  Exclude<CellValue, CellFormulaWithoutValue> | { formula: string; result: number | string | null };

export function isFormulaCell(c: unknown): c is { formula: string; result: number | string | null } {
  return (
    typeof c === 'object' &&
    c !== null &&
    !(c instanceof Date) &&
    typeof (c as { formula?: unknown }).formula === 'string'
  );
}

export interface ResultTable {
  /** Excel table name, unique in the workbook, e.g. "ttm_PnlByCustomer". */
  name: string;
  /** Optional title written in the row above the header. */
  title?: string;
  columns: ResultColumn[];
  /**
   * Data rows. The layout's tables (TableDraft) keep their cells in columns and build these on first read: a host
   * that streams a large table reads tableCells(table) (results/tables.ts) instead, and never builds them.
   */
  rows: ResultCell[][];
  /** Row indexes (0-based in rows) that are totals/subtotals, rendered bold. */
  totalRows?: number[];
  /**
   * Per-cell Excel number formats, parallel to rows: cellFormats[r][c], when set, replaces columns[c].numberFormat
   * for that one cell (a key/value table whose values mix %, MXN and integers). Missing rows or cells keep the
   * column's format.
   */
  cellFormats?: (string | undefined)[][];
}

export type ResultChart = WaterfallChart | BarChart;

export interface WaterfallChart {
  /** Waterfall chart of a customer's price waterfall (hosts pick native type or fallback). */
  kind: 'waterfall';
  title: string;
  /** Table and columns the chart reads (category column, value column). */
  table: string;
  categoryColumn: string;
  valueColumn: string;
}

/** Clustered bars: one series per value column (scenarios side by side), categories from a column. */
export interface BarChart {
  kind: 'bar';
  title: string;
  table: string;
  categoryColumn: string;
  valueColumns: string[];
}

export interface ResultSheet {
  /**
   * Language-independent role of the sheet ("pnl", "waterfall", …). Hosts mark the sheet as ours with a hidden,
   * sheet-scoped defined name carrying it (ownerMarkerName), so a later run in another language finds and replaces
   * it whatever its display name.
   */
  role: string;
  /** Worksheet name (≤ 31 chars), e.g. "TT Cascada". */
  name: string;
  /** Tables stacked vertically, a blank row between them, starting at A1 (or A3 when titled). */
  tables: ResultTable[];
  charts?: ResultChart[];
  /** Freeze panes below the first table's header. */
  freezeHeader: boolean;
  /** How the sheet prints (summaries meant to be taken into a meeting); absent: Excel's defaults. */
  print?: PrintSetup;
}

/**
 * Page setup of a sheet meant to be printed: Letter paper, an explicit scale (never fit-to-page, so the text size is
 * known: a scale of s % prints 11 pt text at 11 × s ÷ 100 pt), the print area, rows repeated on each page and a
 * header with the customer and the date.
 */
export interface PrintSetup {
  paper: 'letter';
  orientation: 'portrait' | 'landscape';
  /** Print scale, percent (10–400). */
  scale: number;
  /** Print area on the sheet, A1 without the sheet name ("A1:F48"). */
  area: string;
  /** Rows repeated at the top of every page ("1:2"), if any. */
  titleRows?: string;
  /** Page header, centre section, plain text. */
  header: string;
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

/**
 * Text of a page header or footer section as Excel stores it: "&" starts a code there ("&D" the date, "&P" the page
 * number, "&12" a font size), so a literal ampersand ("TT P&L", "Procter & Gamble") is written "&&". Both the
 * file format's oddHeader and Office.js's HeaderFooter.centerHeader take this syntax.
 */
export function headerFooterText(text: string): string {
  return text.replace(/&/g, '&&');
}

export interface ResultsPlan {
  /**
   * Sheets to write. Hosts rewrite a previous run's sheet of the same role in place (found by its owner marker,
   * whatever language named it: renamed, never deleted), and never write over input sheets or user content.
   */
  sheets: ResultSheet[];
}

export interface WriteReport {
  sheetsWritten: string[];
  cellsWritten: number;
  /** Where the results went: a file path (xlsx host) or the workbook itself (office, memory). */
  target: string;
  /** What the user should know about a write that succeeded (a chart fell back, manual calculation…). */
  notices?: HostNotice[];
}

/**
 * A non-blocking remark of a host about a write, in both languages: a waterfall chart Excel refused was drawn as
 * stacked columns (chart_fallback); the workbook calculates manually, so formulas show their values after F9
 * (manual_calculation); a previous run's sheets, named in the other language, were renamed and rewritten
 * (results_replaced_other_language); the page setup of sheets meant to be printed could not be applied (Excel before
 * ExcelApi 1.9, or Excel refused it) and those sheets print with Excel's defaults (print_setup_unsupported); an
 * existing file at the output path was replaced because the user said --force (output_replaced).
 */
export interface HostNotice {
  code:
    | 'chart_fallback'
    | 'manual_calculation'
    | 'results_replaced_other_language'
    | 'print_setup_unsupported'
    | 'output_replaced';
  es: string;
  en: string;
}

/** How a write reports while it runs. */
export interface WriteOptions {
  /** After each batch: cells written so far and the plan's total. */
  onProgress?: (written: number, total: number) => void;
  /**
   * Excel is holding the write until the user leaves the cell they are editing (Office: delayForCellEdit); called
   * once, a few seconds into the wait.
   */
  onWaiting?: (reason: 'cell_edit') => void;
}

/**
 * Every result table name starts with this prefix (RESULT_TABLE_NAMES): on a sheet marked as ours, a table with it
 * is a result table (a previous run's ttm_Steps_C7 included), any other table is the user's.
 */
export const RESULT_TABLE_PREFIX = 'ttm_';

export function isResultTableName(name: string): boolean {
  return name.toLowerCase().startsWith(RESULT_TABLE_PREFIX);
}

/**
 * Prefix of the hidden, sheet-scoped defined names that record the cells of a result sheet that are ours besides
 * its tables (titles, chart data): "_ttm_area_1", "_ttm_area_2"… Excel moves them with the cells when the user
 * inserts rows or columns, so the next run clears exactly what it wrote.
 */
export const AREA_NAME_PREFIX = '_ttm_area_';

export function isAreaName(name: string): boolean {
  return name.toLowerCase().startsWith(AREA_NAME_PREFIX);
}

/**
 * Name of the hidden, sheet-scoped defined name that marks a result sheet as ours, carrying its role in the name
 * itself (never in the formula text: desktop Excel returns that localised). Every host writes and reads the same.
 */
export function ownerMarkerName(role: string): string {
  return `_ttm_owner_${role}`;
}

/** The role in an owner marker's name, or null for any other defined name. */
export function roleOfMarker(name: string): string | null {
  const m = /^_ttm_owner_([a-z0-9_]+)$/i.exec(name);
  return m ? m[1].toLowerCase() : null;
}

// ---------------------------------------------------------------- table lookup (shared by every host)

/** Key under which table names compare: case, accents, spaces and punctuation folded ("Parámetros" = "parametros"). */
export function tableNameKey(name: string): string {
  return squash(name);
}

/**
 * Which workbook tables answer readTables(requested), as requested key → workbook table name. A table matches a
 * requested name when their tableNameKey agree, so every documented spelling of a contract table ("Parámetros",
 * "PARAMETROS", "Costo_de_servir") is found whatever the host. A table is keyed by the first requested name it
 * matches; a second table with the same folded name ("Parametros" beside "Parámetros") is keyed by its own name, so
 * the contract sees both and reports the duplicate. Tables nobody asked for are left out.
 */
export function selectTables(available: readonly string[], requested: readonly string[]): Map<string, string> {
  const asked = new Map<string, string>();
  for (const n of requested) {
    const k = tableNameKey(n);
    if (k !== '' && !asked.has(k)) asked.set(k, n);
  }
  const out = new Map<string, string>();
  for (const name of available) {
    const first = asked.get(tableNameKey(name));
    if (first === undefined) continue;
    let key = out.has(first) ? name : first;
    for (let i = 2; out.has(key); i++) key = `${name} (${i})`;
    out.set(key, name);
  }
  return out;
}

export interface WorkbookHost {
  readonly kind: 'office' | 'memory' | 'xlsx';
  /** All tables of the workbook (name, sheet, data-row count). */
  listTables(): Promise<TableInfo[]>;
  /**
   * Reads the named tables, matched by selectTables (case, accents, spaces and punctuation ignored); tables that do
   * not exist are simply absent from the map.
   */
  readTables(names: readonly string[]): Promise<Map<string, TableGrid>>;
  /**
   * Ranges of the user's sheets that are not Excel tables (a saved mapping's sources, src/workbook/range-source.ts):
   * each read as a table would be (its first row the headers; an open range, "Hoja!A3:P", down to its last row with
   * a value), keyed by its `ref`; a range whose sheet does not exist is absent. Only read, never written. Every host
   * of this repository implements it (optional only for test doubles).
   */
  readRanges?(ranges: readonly RangeRef[]): Promise<Map<string, TableGrid>>;
  /** Source identification for the run-info sheet. */
  describeSource(): Promise<SourceInfo>;
  /**
   * Checks, before the run computes anything, that the results can be written where they will go (a file host: the
   * folder can be created and written, an existing file may be replaced), so a bad output path fails in a moment,
   * not after minutes of computing. Absent when writing needs no preparation.
   */
  prepareOutput?(): Promise<void>;
  /**
   * SHA-256 (hex) of the contract's input tables as they are now, read afresh (INPUT_TABLE_NAMES matched as
   * readTables matches them; tablesFingerprint of src/workbook/fingerprint.ts, the function describeSource uses for a
   * 'tables' fingerprint). Result tables never count, so writing results does not change it, and it does not depend
   * on what was read before. The pane takes one when it reads and one before writing: when they differ, the inputs
   * changed and it reads and recomputes first. Every host of this repository implements it (optional only for test
   * doubles).
   */
  inputFingerprint?(): Promise<string>;
  /**
   * Writes result sheets. Must refuse (throw a HostError, checkResultsPlan of src/workbook/plan-check.ts) before
   * writing anything if the plan is invalid, a sheet name collides with a sheet that holds an input table, or a
   * result would land on a non-empty cell that is not ours (results_would_overwrite, located). A previous run's
   * sheets (found by their owner marker, in any language) are rewritten in place: renamed, never deleted, so user
   * formulas and charts pointing at them keep working. A failure part-way throws write_incomplete with the sheets
   * touched; a second write while one runs throws write_in_progress. The xlsx host writes a NEW file; it never
   * rewrites the input file.
   */
  writeResults(plan: ResultsPlan, options?: WriteOptions): Promise<WriteReport>;
  /** Selects a cell so the user can fix it (office: activates sheet and range; others may no-op). */
  selectCell?(sheet: string, address: string): Promise<void>;
  /**
   * The one write into input tables, and only on the user's explicit action ("Save scenario", "Set status", "Save
   * mapping"): in one table, the data rows whose key cell equals `key` are replaced by `rows` (already in the table's
   * column order), or the table is created (`create`) when it does not exist yet. Only the scenario tables
   * (Scenarios, ScenarioChanges, keyed by scenario) and the saved mapping (ttm_Mapeo, keyed by contract table) are
   * ever written this way; no other cell of the workbook changes. Hosts that cannot write into their source (xlsx) do
   * not offer it.
   */
  saveRows?(request: SaveRowsRequest): Promise<SaveRowsReport>;
  /**
   * Input tables (an agreed scenario as next year's base: agreedAsBase of src/workbook/scenario-export.ts) written as
   * a NEW workbook made of these tables only, each on its sheet at its place (workbookOfTables of
   * src/hosts/xlsx/export.ts); never into, or over, the user's workbook. `name` is the file name to offer
   * ("sample-trade-terms-base-WMX-P1.xlsx"). Office opens the new workbook in Excel (Excel.createWorkbook, ExcelApi
   * 1.8), the memory host hands the file to its download callback, the xlsx host writes it at its output path. A host
   * that cannot deliver it throws export_unsupported (es/en, saying what to do instead) before building anything.
   */
  exportTables?(grids: readonly TableGrid[], name: string): Promise<TablesExportReport>;
  /**
   * The results written last, as a file the user keeps: the browser demo hands a copy of the .xlsx it opened, with
   * the result sheets merged in as `trade-terms run --into` writes them, to its download callback. Hosts whose results
   * already live in a file or in Excel (xlsx, office) do not offer it.
   */
  downloadResults?(): Promise<TablesExportReport>;
  /**
   * Adds input tables the workbook lacks (the template's: src/workbook/template.ts), each on a NEW sheet with an
   * example row, never touching an existing sheet or table: a table whose name the workbook already has is skipped,
   * and a sheet name already taken gets " (2)". Drop-down lists go on the columns `dropDowns` names where the host
   * can write data validation (Office: ExcelApi 1.8); elsewhere the tables are added without them and the report
   * says so. Hosts that cannot change their source (xlsx) do not offer it.
   */
  addInputTables?(request: AddInputTablesRequest): Promise<AddInputTablesReport>;
}

export interface AddInputTablesRequest {
  /** The tables to add (name, sheet, headers, example rows), in order; an instructions table may be among them. */
  tables: readonly TableGrid[];
  /** Per table name: the drop-down lists, by 0-based column index. */
  dropDowns: ReadonlyMap<string, readonly { column: number; values: readonly string[] }[]>;
  /** Per table name: Excel number formats by 0-based column index (fractions, money, dates). */
  numberFormats: ReadonlyMap<string, readonly (string | undefined)[]>;
}

export interface AddInputTablesReport {
  /** Tables created, each with its sheet. */
  added: { table: string; sheet: string }[];
  /** Tables skipped because the workbook already has one of that name. */
  skipped: string[];
  /** Whether the drop-down lists were written (false: the host or this Excel cannot write data validation). */
  dropDowns: boolean;
}

/** Where exportTables put the new workbook. */
export interface TablesExportReport {
  /** The file name offered (office, memory) or the path written (xlsx). */
  target: string;
  /**
   * How it was delivered: opened in Excel as a new, unsaved workbook (office); handed to the browser as a download
   * (memory); written as a file (xlsx).
   */
  delivery: 'new_workbook' | 'download' | 'file';
}

export interface SaveRowsRequest {
  /** The workbook table to write (its name as readTables returned it), or null to create it. */
  table: string | null;
  /**
   * Where and how to create the table when `table` is null: a new sheet of that name, headers at A1; `hidden` hides a
   * sheet it adds (the saved mapping's: Home > Format > Unhide shows it), never one that existed.
   */
  create?: { name: string; sheet: string; headers: string[]; hidden?: boolean };
  /** 0-based column of the key, and the key whose rows are replaced (compared like ids: trimmed, case folded). */
  keyColumn: number;
  key: string;
  rows: CellValue[][];
}

/**
 * The key a row is saved under, from its key cell: text or a number, trimmed and case folded (as the contract compares
 * ids: " wmx-p1" is "WMX-P1"); '' for a blank cell or anything else, which never matches a key.
 */
export function saveRowsKey(v: CellValue | undefined): string {
  if (typeof v === 'string') return v.trim().toUpperCase();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

export interface SaveRowsReport {
  table: string;
  sheet: string;
  rowsRemoved: number;
  rowsAdded: number;
}
