/**
 * FakeExcel: a project-owned, typed fake of the part of the Excel JavaScript API the office host uses.
 *
 * It enforces what makes Office add-ins hard: proxies must be loaded and synced before their properties are read;
 * writes are queued and applied at sync, in order, with no rollback of earlier actions when one fails; each sync's
 * request and response payloads are measured in UTF-8 bytes (JSON of values / formulas / numberFormat writes and of
 * every loaded value) and Excel on the web's 5 MB limit is enforced; Excel's error codes (ItemNotFound,
 * InvalidArgument, ItemAlreadyExists, ApiNotFound, Request/ResponsePayloadSizeLimitExceeded, PropertyNotLoaded,
 * AccessDenied, UnsupportedOperation, InvalidOperationInCellEditMode…) are raised as OfficeExtension.Error-shaped
 * objects. Requirement sets are modelled by one ExcelApi version.
 *
 * What real Excel does that tests must see: a formula in Excel's invariant syntax only (a semicolon separator is
 * InvalidArgument; a localised function name such as SUMA is stored and evaluates to #NAME?); renaming a sheet
 * rewrites the formulas pointing at it, deleting one turns them into #REF! (evaluate); protected workbooks, sheets
 * and read-only workbooks refuse writes (AccessDenied); a user editing a cell makes every sync fail
 * (InvalidOperationInCellEditMode) unless the run asked delayForCellEdit, which then waits; syncs can be slow, hang,
 * or fail with an injected error after some of their actions ran; chart properties can be refused per chart type.
 * How a table sits in its sheet: hidden rows (hideRows; Range.rowHidden true/false/null, getVisibleView), merged
 * blocks (mergeCells; getMergedAreasOrNullObject, ExcelApi 1.13, the blocks starting in the range), a header row
 * switched off and a totals row (SeedTable.showHeaders, totals; Table.getRange, getDataBodyRange, getTotalRowRange
 * follow), a filter (filterTable; Table.autoFilter.isDataFiltered, ExcelApi 1.9).
 *
 * Tests seed tables straight into the document (seedTable) and read back what the host wrote (readValues,
 * table, writes, syncs).
 */
import { FakeOfficeError } from './errors';
import {
  type Rect,
  columnLetters,
  fullAddress,
  parseLocal,
  splitSheet,
  rectColumns,
  rectRows,
  localAddress,
  overlaps,
  MAX_ROWS,
} from './address';
import {
  type ChartState,
  type PageLayoutState,
  type SheetState,
  type StoredValue,
  type TableState,
  type WriteRecord,
  WorkbookState,
  bodyRect,
  getFormula,
  getNumberFormat,
  getValue,
  headerRect,
  isBoldAt,
  setCell,
  setNumberFormat,
} from './state';
import { FakeRequestContext, type FakeHost, type SyncTransaction } from './proxies';
import { evaluateCells, type EvalCell } from './formulas';
import type { FakeErrorCode } from './errors';

export { FakeOfficeError } from './errors';
export type { WriteRecord, ChartState, TableState, PageLayoutState } from './state';
export { FakeRequestContext, jsonBytes, utf8Bytes } from './proxies';
export { EXCEL_FUNCTIONS, functionNames } from './formulas';

/** 5 MB, Excel on the web's limit for a request and for a response. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface SyncRecord {
  /** 1-based, counting every sync of this fake. */
  index: number;
  requestBytes: number;
  responseBytes: number;
  actions: number;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
  /** Error code when the sync failed. */
  error?: string;
}

export interface FakeExcelOptions {
  /** ExcelApi requirement set version the simulated Excel implements, e.g. "1.9" (default) or "1.7". */
  apiVersion?: string;
  workbookName?: string;
  /** Sheets created empty at start (default one sheet "Hoja1"). */
  sheets?: string[];
  /** Every sync takes this long (ms, on timers: jest fake timers can advance it). */
  syncDelayMs?: number;
}

/** An error a test makes a sync raise, after `afterActions` of its actions ran (Excel has no rollback). */
interface InjectedFailure {
  code: FakeErrorCode;
  afterActions: number;
}

/** Table data a test seeds (shaped like the host port's TableGrid; Dates become Excel serial numbers). */
export interface SeedTable {
  name: string;
  sheet: string;
  /** 1-based header row (default 1) and first column (default 1). */
  headerRow?: number;
  firstColumn?: number;
  headers: string[];
  rows: (string | number | boolean | null | Date | { error: string } | SeedFormula)[][];
  /**
   * false: the header row is switched off (Table Design > Header Row), as Excel leaves it: `headers` stay the
   * columns' names, the header row's cells (row `headerRow`) are empty and the table starts at the row below.
   */
  showHeaders?: boolean;
  /** A totals row (Table.showTotals) right below the data rows, holding these cells. */
  totals?: (string | number | boolean | null | SeedFormula)[];
}

/**
 * A formula cell. With `value` it holds that calculated result; without, it has none yet: the state of a file
 * written by a script (openpyxl, an ERP export) and opened without recalculating, which Excel shows as empty.
 */
export interface SeedFormula {
  formula: string;
  value?: StoredValue;
}

function isSeedFormula(v: unknown): v is SeedFormula {
  return typeof v === 'object' && v !== null && typeof (v as SeedFormula).formula === 'string';
}

function versionAtLeast(have: string, need: string): boolean {
  const a = have.split('.').map(Number);
  const b = need.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Excel's serial date (1900 system, days since 1899-12-30, UTC). */
export function toSerial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function seedValue(v: Exclude<SeedTable['rows'][number][number], SeedFormula>): StoredValue {
  if (v === null) return '';
  if (v instanceof Date) return toSerial(v);
  if (typeof v === 'object') return v.error; // Excel's values API returns error cells as their text, e.g. "#N/A"
  return v;
}

export class FakeExcel implements FakeHost {
  readonly state: WorkbookState;
  readonly apiVersion: string;
  readonly syncs: SyncRecord[] = [];
  /** Excel.run options of each run, in order. */
  readonly runs: { delayForCellEdit: boolean }[] = [];
  private hangAt = new Set<number>();
  private failAt = new Map<number, InjectedFailure>();
  private slowAt = new Map<number, number>();
  private syncDelayMs: number;
  private cellEdit = false;
  private cellEditEnded: (() => void)[] = [];

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.9';
    this.state = new WorkbookState(options.workbookName ?? 'Libro1.xlsx');
    this.syncDelayMs = options.syncDelayMs ?? 0;
    for (const s of options.sheets ?? ['Hoja1']) this.state.addSheet(s, 'FakeExcel');
  }

  /** Like Office.context.requirements. */
  readonly requirements = {
    isSetSupported: (name: string, version?: string): boolean =>
      name === 'ExcelApi' && versionAtLeast(this.apiVersion, version ?? '1.1'),
  };

  supports(version: string): boolean {
    return versionAtLeast(this.apiVersion, version);
  }

  /**
   * Like Excel.run: a fresh request context per batch; after the batch resolves, anything still queued is sent in
   * one final sync (as Office.js does), which also counts as a sync.
   */
  readonly run = (async <T>(
    first: ((context: FakeRequestContext) => Promise<T>) | { delayForCellEdit?: boolean },
    second?: (context: FakeRequestContext) => Promise<T>,
  ): Promise<T> => {
    const batch = typeof first === 'function' ? first : second;
    const options = typeof first === 'function' ? {} : first;
    if (typeof batch !== 'function') throw new Error('FakeExcel.run: only run(batch) and run(options, batch)');
    const context = new FakeRequestContext(this);
    context.delayForCellEdit = options.delayForCellEdit === true;
    this.runs.push({ delayForCellEdit: context.delayForCellEdit });
    const result = await batch(context);
    if (context.queue.length > 0) await context.sync();
    return result;
  }) as unknown as typeof Excel.run;

  /** The base64 .xlsx of each workbook opened through createWorkbook, in order. */
  readonly createdWorkbooks: string[] = [];
  private createWorkbookFailure: FakeErrorCode | null = null;

  /**
   * Like Excel.createWorkbook (ExcelApi 1.8): opens a base64-encoded .xlsx as a new workbook of its own, apart from
   * this document (nothing here changes; no sync). Below 1.8 it is ApiNotFound, as a missing API is; text that is not
   * standard base64 of a zip package (an .xlsx) is InvalidArgument.
   */
  readonly createWorkbook = (base64File?: string): Promise<void> =>
    Promise.resolve().then(() => {
      const where = 'Excel.createWorkbook';
      if (!this.supports('1.8'))
        throw new FakeOfficeError('ApiNotFound', where, `needs ExcelApi 1.8, fake implements ${this.apiVersion}`);
      if (this.createWorkbookFailure)
        throw new FakeOfficeError(this.createWorkbookFailure, where, 'injected by the test');
      const text = base64File ?? '';
      if (text !== '') {
        const zip = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04": every .xlsx is a zip package
        const bytes = /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0 ? Buffer.from(text, 'base64') : null;
        if (!bytes || zip.some((b, i) => bytes[i] !== b))
          throw new FakeOfficeError('InvalidArgument', where, 'not a base64-encoded .xlsx');
      }
      this.createdWorkbooks.push(text);
    });

  /** The next createWorkbook calls fail with `code` (an extension-hardening policy, say: Excel's own refusal). */
  failCreateWorkbook(code: FakeErrorCode | null): void {
    this.createWorkbookFailure = code;
  }

  /** The next sync (or the sync with this 1-based index) never settles, like a hung Excel on the web. */
  hangNextSync(index = this.syncs.length + 1): void {
    this.hangAt.add(index);
  }

  /**
   * The sync with this 1-based index fails with `code` (GeneralException, AccessDenied, Conflict…) after running
   * `afterActions` of its actions: what ran stays, as in Excel.
   */
  failSync(index: number, code: FakeErrorCode, afterActions = 0): void {
    this.failAt.set(index, { code, afterActions });
  }

  failNextSync(code: FakeErrorCode, afterActions = 0): void {
    this.failSync(this.syncs.length + 1, code, afterActions);
  }

  /** The sync with this 1-based index takes `ms` (on timers). */
  slowSync(index: number, ms: number): void {
    this.slowAt.set(index, ms);
  }

  /** The user starts editing a cell: syncs fail (InvalidOperationInCellEditMode) or, with delayForCellEdit, wait. */
  enterCellEdit(): void {
    this.cellEdit = true;
  }

  /** The user leaves the cell: waiting syncs go on. */
  exitCellEdit(): void {
    this.cellEdit = false;
    for (const resume of this.cellEditEnded.splice(0)) resume();
  }

  get editingCell(): boolean {
    return this.cellEdit;
  }

  /** Protects the workbook's structure (Workbook.protection.protected): no sheet added, deleted or renamed. */
  protectWorkbook(on = true): void {
    this.state.protected = on;
  }

  /** Protects a sheet (Worksheet.protection.protected): its cells, tables, charts and names refuse writes. */
  protectSheet(name: string, on = true): void {
    this.sheetOf(name).protected = on;
  }

  /** Opens the workbook read-only (Workbook.readOnly): every write is refused. */
  setReadOnly(on = true): void {
    this.state.readOnly = on;
  }

  /** Charts of `chartType` refuse `property` ('title', 'legend', 'series', 'position', 'name'): UnsupportedOperation. */
  failChartProperty(chartType: string, property: 'title' | 'legend' | 'series' | 'position' | 'name'): void {
    this.state.chartFailures.add(`${chartType}:${property}`);
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  /** Forgets sync records and write records (the document stays). */
  resetCounters(): void {
    this.syncs.length = 0;
    this.state.writes.length = 0;
  }

  sync(context: FakeRequestContext): Promise<void> {
    const actions = context.queue;
    context.queue = [];
    const record: SyncRecord = {
      index: this.syncs.length + 1,
      requestBytes: actions.reduce((n, a) => n + a.requestBytes, 0),
      responseBytes: 0,
      actions: actions.length,
      suspendedCalculation: false,
      suspendedScreenUpdating: false,
    };
    this.syncs.push(record);
    if (this.hangAt.has(record.index)) return new Promise<void>(() => undefined);
    const fail = (e: FakeOfficeError): never => {
      record.error = e.code;
      throw e;
    };
    const waitForCell = async (): Promise<void> => {
      if (!this.cellEdit) return;
      if (!context.delayForCellEdit)
        fail(new FakeOfficeError('InvalidOperationInCellEditMode', 'ClientRequestContext.sync', 'editing a cell'));
      await new Promise<void>((resume) => this.cellEditEnded.push(resume));
    };
    const delay = this.slowAt.get(record.index) ?? this.syncDelayMs;
    const injected = this.failAt.get(record.index);
    // A microtask boundary like a real round trip: nothing the host does after sync() runs before it settles.
    return Promise.resolve()
      .then(waitForCell)
      .then(() => (delay > 0 ? new Promise<void>((r) => setTimeout(r, delay)) : undefined))
      .then(() => {
        try {
          if (record.requestBytes > PAYLOAD_LIMIT) {
            throw new FakeOfficeError(
              'RequestPayloadSizeLimitExceeded',
              'ClientRequestContext.sync',
              `${record.requestBytes} bytes`,
            );
          }
          const tx: SyncTransaction = {
            responseBytes: 0,
            commits: [],
            suspendedCalculation: false,
            suspendedScreenUpdating: false,
          };
          this.state.currentSync = record.index;
          for (const [i, action] of actions.entries()) {
            if (injected && i >= injected.afterActions) {
              throw new FakeOfficeError(injected.code, 'ClientRequestContext.sync', 'injected by the test');
            }
            if (action.minApi && !this.supports(action.minApi)) {
              throw new FakeOfficeError(
                'ApiNotFound',
                action.location,
                `needs ExcelApi ${action.minApi}, fake implements ${this.apiVersion}`,
              );
            }
            action.run(tx);
          }
          record.responseBytes = tx.responseBytes;
          record.suspendedCalculation = tx.suspendedCalculation;
          record.suspendedScreenUpdating = tx.suspendedScreenUpdating;
          if (tx.responseBytes > PAYLOAD_LIMIT) {
            throw new FakeOfficeError(
              'ResponsePayloadSizeLimitExceeded',
              'ClientRequestContext.sync',
              `${tx.responseBytes} bytes`,
            );
          }
          if (injected) throw new FakeOfficeError(injected.code, 'ClientRequestContext.sync', 'injected by the test');
          for (const commit of tx.commits) commit();
        } catch (e) {
          record.error = e instanceof FakeOfficeError ? e.code : String(e);
          throw e;
        }
      });
  }

  // ---------------------------------------------------------------------------------------- seeding (no syncs)

  addSheet(name: string): SheetState {
    return this.state.findSheet(name) ?? this.state.addSheet(name, 'FakeExcel.addSheet');
  }

  /** Writes a table straight into the document (not counted as a sync or a write). */
  seedTable(t: SeedTable): TableState {
    const sheet = this.addSheet(t.sheet);
    const r0 = (t.headerRow ?? 1) - 1;
    const c0 = (t.firstColumn ?? 1) - 1;
    t.headers.forEach((h, j) => setCell(sheet, r0, c0 + j, h, undefined));
    t.rows.forEach((row, i) => {
      if (row.length !== t.headers.length) throw new Error(`seedTable ${t.name}: row ${i} has ${row.length} cells`);
      row.forEach((v, j) => {
        if (!isSeedFormula(v)) return setCell(sheet, r0 + 1 + i, c0 + j, seedValue(v), undefined);
        const formula = v.formula.startsWith('=') ? v.formula : `=${v.formula}`;
        setCell(sheet, r0 + 1 + i, c0 + j, '', formula);
        if (v.value !== undefined) sheet.values[r0 + 1 + i][c0 + j] = v.value;
      });
    });
    const rect: Rect = { r0, c0, r1: r0 + Math.max(1, t.rows.length), c1: c0 + t.headers.length - 1 };
    const table = this.state.addTable(sheet, rect, 'FakeExcel.seedTable');
    this.state.renameTable(table, t.name, 'FakeExcel.seedTable');
    if (t.totals) {
      if (t.totals.length !== t.headers.length)
        throw new Error(`seedTable ${t.name}: totals have ${t.totals.length} cells`);
      const r = r0 + table.dataRows + 1;
      t.totals.forEach((v, j) => {
        if (!isSeedFormula(v)) return setCell(sheet, r, c0 + j, seedValue(v), undefined);
        setCell(sheet, r, c0 + j, '', v.formula.startsWith('=') ? v.formula : `=${v.formula}`);
        if (v.value !== undefined) sheet.values[r][c0 + j] = v.value;
      });
      table.showTotals = true;
    }
    if (t.showHeaders === false) {
      // Excel keeps the names and empties the row: the table starts at its first data row.
      table.columnNames = Array.from({ length: table.columns }, (_, j) => String(getValue(sheet, r0, c0 + j)));
      for (let j = 0; j < table.columns; j++) setCell(sheet, r0, c0 + j, '', undefined);
      table.showHeaders = false;
    }
    return table;
  }

  /**
   * Hides whole worksheet rows (1-based), as Home > Format > Hide Rows does (or shows them again with
   * `hidden` false). Range.rowHidden and Range.getVisibleView see them.
   */
  hideRows(sheetName: string, rows: Iterable<number>, hidden = true): void {
    const sheet = this.sheetOf(sheetName);
    for (const row of rows) {
      if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS) throw new Error(`FakeExcel.hideRows: row ${row}`);
      if (hidden) sheet.hiddenRows.add(row - 1);
      else sheet.hiddenRows.delete(row - 1);
    }
  }

  /** The hidden rows of a sheet (1-based, ascending). */
  hiddenRows(sheetName: string): number[] {
    return [...this.sheetOf(sheetName).hiddenRows].map((r) => r + 1).sort((a, b) => a - b);
  }

  /**
   * A filter criterion on a table's AutoFilter (Table.autoFilter.isDataFiltered becomes true) that hides these
   * worksheet rows (1-based), as Excel hides the rows a filter leaves out.
   */
  filterTable(name: string, hiddenRows: Iterable<number>): void {
    const t = this.state.findTable(name);
    if (!t) throw new Error(`FakeExcel: no table "${name}"`);
    t.filtered = true;
    this.hideRows(t.sheet.name, hiddenRows);
  }

  /**
   * Merges a block ("A2:A3"), as Home > Merge & Center does: only its top-left cell keeps its value, the others are
   * emptied. Range.getMergedAreasOrNullObject (ExcelApi 1.13) reports it.
   */
  mergeCells(sheetName: string, address: string): void {
    const sheet = this.sheetOf(sheetName);
    const rect = parseLocal(address, 'FakeExcel.mergeCells');
    if (rect.r0 === rect.r1 && rect.c0 === rect.c1) throw new Error(`FakeExcel.mergeCells: ${address} is one cell`);
    if (sheet.merges.some((m) => overlaps(m, rect)))
      throw new Error(`FakeExcel.mergeCells: ${address} overlaps a merge`);
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) if (r !== rect.r0 || c !== rect.c0) setCell(sheet, r, c, '', undefined);
    sheet.merges.push(rect);
  }

  /** Writes plain cells (e.g. a note above a table) straight into the document; "=…" strings are formulas. */
  seedCells(sheetName: string, address: string, values: StoredValue[][]): void {
    const sheet = this.addSheet(sheetName);
    const rect = parseLocal(address, 'FakeExcel.seedCells');
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v === 'string' && v.startsWith('=')) setCell(sheet, rect.r0 + i, rect.c0 + j, '', v);
        else setCell(sheet, rect.r0 + i, rect.c0 + j, v, undefined);
      }),
    );
  }

  // ---------------------------------------------------------------------------------------- reading back

  private sheetOf(name: string): SheetState {
    const s = this.state.findSheet(name);
    if (!s) throw new Error(`FakeExcel: no sheet "${name}"`);
    return s;
  }

  private rectOf(address: string): { sheet: SheetState; rect: Rect } {
    const { sheet, local } = splitSheet(address);
    if (sheet === undefined) throw new Error(`FakeExcel: use Sheet!A1 addresses, got "${address}"`);
    return { sheet: this.sheetOf(sheet), rect: parseLocal(local, 'FakeExcel') };
  }

  sheetNames(): string[] {
    return this.state.liveSheets().map((s) => s.name);
  }

  /**
   * What Excel would show in these cells ("Sheet!A1" each): formulas calculated over the whole workbook (unknown
   * function → #NAME?, reference to a deleted sheet → #REF!), constants as stored.
   */
  evaluate(...addresses: string[]): (string | number | boolean)[] {
    const sheets = new Map<string, EvalCell[][]>();
    for (const s of this.state.liveSheets()) {
      const rows = Math.max(s.values.length, s.formulas.length);
      const grid: EvalCell[][] = [];
      for (let r = 0; r < rows; r++) {
        const width = Math.max(s.values[r]?.length ?? 0, s.formulas[r]?.length ?? 0);
        const row: EvalCell[] = [];
        for (let c = 0; c < width; c++) {
          const f = getFormula(s, r, c);
          const v = getValue(s, r, c);
          row.push(f ?? (v === '' ? null : v));
        }
        grid.push(row);
      }
      sheets.set(s.name, grid);
    }
    const targets = addresses.map((a) => {
      const { sheet, rect } = this.rectOf(a);
      return { sheet: sheet.name, row: rect.r0, column: rect.c0 };
    });
    return evaluateCells(sheets, targets);
  }

  /** A sheet's defined names (sheet-scoped), or the workbook's when no sheet is given. */
  names(sheet?: string): { name: string; visible: boolean; address?: string }[] {
    const list = sheet === undefined ? this.state.names : this.sheetOf(sheet).names;
    return list.map((n) => ({
      name: n.name,
      visible: n.visible,
      ...(n.ref ? { address: fullAddress(n.ref.sheet.name, n.ref.rect) } : {}),
    }));
  }

  /** Calls of Application.calculate, in order. */
  get calculations(): readonly string[] {
    return this.state.calculations;
  }

  /** Stored values ('' for empty and for formula cells: the fake does not calculate). */
  readValues(address: string): StoredValue[][] {
    const { sheet, rect } = this.rectOf(address);
    return this.mapRect(rect, (r, c) => getValue(sheet, r, c));
  }

  /** Formula text where a cell has one, else its value. */
  readFormulas(address: string): (StoredValue | string)[][] {
    const { sheet, rect } = this.rectOf(address);
    return this.mapRect(rect, (r, c) => getFormula(sheet, r, c) ?? getValue(sheet, r, c));
  }

  readNumberFormats(address: string): string[][] {
    const { sheet, rect } = this.rectOf(address);
    return this.mapRect(rect, (r, c) => getNumberFormat(sheet, r, c));
  }

  isBold(address: string): boolean {
    const { sheet, rect } = this.rectOf(address);
    return isBoldAt(sheet, rect.r0, rect.c0);
  }

  /** Whether every cell of the range wraps its text (RangeFormat.wrapText). */
  isWrapped(address: string): boolean {
    const { sheet, rect } = this.rectOf(address);
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) {
        let wrap = false;
        for (let i = sheet.wrap.length - 1; i >= 0; i--) {
          const x = sheet.wrap[i];
          if (r >= x.rect.r0 && r <= x.rect.r1 && c >= x.rect.c0 && c <= x.rect.c1) {
            wrap = x.wrap;
            break;
          }
        }
        if (!wrap) return false;
      }
    return true;
  }

  /** The blocks of rows a host asked Excel to autofit (RangeFormat.autofitRows). */
  autofittedRows(sheet: string): string[] {
    return this.sheetOf(sheet).autofittedRows.map(localAddress);
  }

  /** What a host set of the sheet's page layout (margins in points); {} when nothing was set. */
  pageLayout(sheet: string): PageLayoutState {
    return this.sheetOf(sheet).pageLayout;
  }

  frozenRows(sheet: string): number {
    return this.sheetOf(sheet).frozenRows;
  }

  autofitted(sheet: string): string[] {
    return this.sheetOf(sheet).autofitted.map(localAddress);
  }

  columnWidth(sheet: string, column: number): number | undefined {
    return this.sheetOf(sheet).columnWidths.get(column);
  }

  charts(sheet: string): ChartState[] {
    return this.sheetOf(sheet).charts.filter((c) => !c.deleted);
  }

  tableNames(): string[] {
    return this.state.liveTables().map((t) => t.name);
  }

  /** A table as its sheet shows it: address, headers, body values. */
  table(name: string): {
    sheet: string;
    address: string;
    bodyAddress: string;
    headers: string[];
    rows: StoredValue[][];
    style: string;
  } {
    const t = this.state.findTable(name);
    if (!t) throw new Error(`FakeExcel: no table "${name}"`);
    const h = headerRect(t);
    const b = bodyRect(t);
    return {
      sheet: t.sheet.name,
      address: fullAddress(t.sheet.name, { ...h, r1: b.r1 }),
      bodyAddress: fullAddress(t.sheet.name, b),
      headers: this.mapRect(h, (r, c) => String(getValue(t.sheet, r, c)))[0],
      rows: this.mapRect(b, (r, c) => getValue(t.sheet, r, c)),
      style: t.style,
    };
  }

  get writes(): readonly WriteRecord[] {
    return this.state.writes;
  }

  get selection(): { sheet: string; address: string } | null {
    return this.state.selection;
  }

  get activeSheet(): string | null {
    return this.state.activeSheet?.name ?? null;
  }

  private mapRect<V>(rect: Rect, fn: (r: number, c: number) => V): V[][] {
    const out: V[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: V[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) row.push(fn(r, c));
      out.push(row);
    }
    return out;
  }
}

/** Helpers tests use to build addresses. */
export { columnLetters, rectRows, rectColumns, setNumberFormat };
