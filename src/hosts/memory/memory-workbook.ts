/**
 * MemoryWorkbook: an in-browser workbook (sheets of cells, Excel-like tables) behind the host port, so the task
 * pane runs as a demo without Office and UI tests run without Excel. No ExcelJS here: loading a .xlsx lives in
 * load-xlsx.ts and is imported lazily.
 *
 * Results are written as the Office host writes them (src/hosts/office/write.ts), with the model standing in for
 * Excel's defined names: each result sheet keeps its owner marker (ownerMarkerName(role)) and the blocks of its
 * cells that are ours besides its tables (areas). A later run, in any language, finds the sheet by its marker,
 * renames it in place (formulas pointing at it follow), clears what was ours and writes the new results, never over
 * a cell that is not ours (results_would_overwrite, located). User cells elsewhere on the sheet stay.
 */
import type {
  CellValue,
  HostNotice,
  PrintSetup,
  ResultChart,
  ResultSheet,
  ResultsPlan,
  SourceInfo,
  TableGrid,
  TableInfo,
  TablesExportReport,
  TableSourceFacts,
  WorkbookHost,
  WriteOptions,
  WriteReport,
} from '../../workbook/port';
import {
  HostError,
  isCellError,
  isFormulaCell,
  isFormulaWithoutValue,
  isResultTableName,
  ownerMarkerName,
  saveRowsKey,
  selectTables,
  type AddInputTablesReport,
  type AddInputTablesRequest,
  type SaveRowsReport,
  type SaveRowsRequest,
} from '../../workbook/port';
import {
  checkResultsPlan,
  checkSaveRows,
  invalidSheetName,
  rowsWouldSplitTable,
  sheetNotEmpty,
  sheetProtected,
  tableNameTaken,
  tableNotFound,
  isOurTable,
  renameSheetRefs,
  replacedOtherLanguageNotice,
  resultsWouldOverwrite,
  sheetFootprint,
  sheetNameTaken,
  subtractAll,
  type CellRect,
  type ExistingTable,
} from '../../workbook/plan-check';
import { MAX_COLUMNS, parseA1, toA1 } from '../../workbook/a1';
import { inputTablesOf } from '../../workbook/mapping/mapping';
import { rangeGrid, type RangeRef } from '../../workbook/range-source';
import { defaultDigest, tablesBytes, tablesFingerprint, type Digest } from '../../workbook/fingerprint';
import { isValidSheetName, placeTables } from '../../workbook/results/tables';
import { RESULT_SHEET_NAMES } from '../../workbook/results/names';

export interface MemoryCell {
  /** The value; for a formula cell, its cached result. */
  value: CellValue;
  /** Formula text with the leading "=", when the cell holds a formula. */
  formula?: string;
  /** Excel number format code, e.g. "#,##0.00". */
  numberFormat?: string;
  bold?: boolean;
  /** Text wraps inside the cell (a result column with wrap: true). */
  wrap?: boolean;
}

export interface MemoryTable {
  name: string;
  sheet: string;
  headerRow: number;
  firstColumn: number;
  columnCount: number;
  /** Data rows below the header. */
  rowCount: number;
  /** input: read by the contract, never written; result: created by writeResults. */
  role: 'input' | 'result';
  /**
   * How the table sat in the file it was loaded from (hidden rows, merged cells…: the reader's TableSourceFacts),
   * handed back with its grid so the demo diagnoses what the CLI does; the in-memory workbook never changes them.
   */
  source?: TableSourceFacts;
}

const key = (row: number, column: number) => (row - 1) * MAX_COLUMNS + (column - 1);

/** A block of values laid on a sheet at once (a table's header row and its rows), not yet turned into cells. */
interface PendingBlock {
  top: number;
  left: number;
  rows: readonly (readonly CellValue[])[];
}

export class MemorySheet {
  private readonly store = new Map<number, MemoryCell>();
  /**
   * Blocks placed by placeBlock, in order, laid into cells the first time anything reads or changes the sheet's
   * cells: opening a 300k-row workbook in the demo spent 1.6 s making two million cells that the run never reads
   * (the table's grid is kept and read instead; results go to sheets of their own).
   */
  private pending: PendingBlock[] = [];
  private get cells(): Map<number, MemoryCell> {
    if (this.pending.length > 0) {
      const blocks = this.pending;
      this.pending = [];
      for (const b of blocks)
        b.rows.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v !== null && v !== undefined) this.store.set(key(b.top + r, b.left + c), { value: v });
          }),
        );
    }
    return this.store;
  }
  /** Rows frozen at the top (0 = none). */
  frozenRows = 0;
  readonly charts: ResultChart[] = [];
  /** How the sheet prints, as the last results plan asked (absent: Excel's defaults). */
  print: PrintSetup | undefined = undefined;
  /**
   * Sheet-scoped owner markers (ownerMarkerName(role)), as the Office host keeps them in hidden defined names: the
   * sheet is a previous run's result sheet of that role, whatever its name.
   */
  readonly markers = new Set<string>();
  /** The blocks of cells besides result tables that a previous run wrote (titles). */
  areas: CellRect[] = [];
  /** Every cell is ours: a result sheet marked workbook-wide in a .xlsx (the CLI's), whose areas are not known. */
  ownedWhole = false;
  /** Protected (Review > Protect Sheet): nothing is written on it, results or saved rows (sheet_protected). */
  protected = false;
  /** Hidden (Home > Format > Hide sheet): the saved mapping's sheet when the pane created it. */
  hidden = false;

  /**
   * Called on every change of the sheet's cells: the workbook drops the grids and fingerprint it keeps for them.
   * Cells are changed only through setCell, placeBlock, clear and shiftRows (never by editing a MemoryCell in place).
   */
  onChange: () => void = () => undefined;

  constructor(public name: string) {}

  cell(address: string): MemoryCell | undefined {
    const { row, column } = parseA1(address);
    return this.cells.get(key(row, column));
  }

  cellAt(row: number, column: number): MemoryCell | undefined {
    return this.cells.get(key(row, column));
  }

  /** The cell's value (a formula's cached result), null when empty. */
  valueAt(row: number, column: number): CellValue {
    return this.cells.get(key(row, column))?.value ?? null;
  }

  setCell(row: number, column: number, cell: MemoryCell): void {
    this.cells.set(key(row, column), cell);
    this.onChange();
  }

  /**
   * Values from (top, left) down and across, as setCell of each non-empty one would place them; laid into cells when
   * the sheet's cells are first read or changed. The rows are kept as given: callers never change them afterwards.
   */
  placeBlock(top: number, left: number, rows: readonly (readonly CellValue[])[]): void {
    this.pending.push({ top, left, rows });
    this.onChange();
  }

  get cellCount(): number {
    return this.cells.size;
  }

  /** Every cell, with its 1-based row and column. */
  *entries(): IterableIterator<{ row: number; column: number; cell: MemoryCell }> {
    for (const [k, cell] of this.cells) {
      yield { row: Math.floor(k / MAX_COLUMNS) + 1, column: (k % MAX_COLUMNS) + 1, cell };
    }
  }

  /** The first non-empty cell of a block, row by row, or undefined. */
  firstUsed(r: CellRect): { row: number; column: number } | undefined {
    let best: { row: number; column: number } | undefined;
    for (const e of this.entries()) {
      if (e.row < r.top || e.row > r.bottom || e.column < r.left || e.column > r.right) continue;
      if (isEmpty(e.cell)) continue;
      if (!best || e.row < best.row || (e.row === best.row && e.column < best.column)) best = e;
    }
    return best && { row: best.row, column: best.column };
  }

  /** Empties a block (values, formulas, formats). */
  clear(r: CellRect): void {
    this.onChange();
    for (const e of [...this.entries()]) {
      if (e.row >= r.top && e.row <= r.bottom && e.column >= r.left && e.column <= r.right)
        this.cells.delete(key(e.row, e.column));
    }
  }

  /**
   * Moves the cells of columns left..right from row `from` down by `delta` rows (up when negative), as Excel inserts
   * or deletes cells when a table grows or shrinks. Cells moved above `from` would be overwritten: callers clear that
   * band first.
   */
  shiftRows(from: number, left: number, right: number, delta: number): void {
    if (delta === 0) return;
    this.onChange();
    const moved = [...this.entries()].filter((e) => e.row >= from && e.column >= left && e.column <= right);
    for (const e of moved) this.cells.delete(key(e.row, e.column));
    for (const e of moved) this.cells.set(key(e.row + delta, e.column), e.cell);
  }

  /** The block holding every cell of the sheet, or undefined for an empty sheet. */
  usedRect(): CellRect | undefined {
    let r: CellRect | undefined;
    for (const e of this.entries()) {
      r = r
        ? {
            top: Math.min(r.top, e.row),
            left: Math.min(r.left, e.column),
            bottom: Math.max(r.bottom, e.row),
            right: Math.max(r.right, e.column),
          }
        : { top: e.row, left: e.column, bottom: e.row, right: e.column };
    }
    return r;
  }
}

function isEmpty(cell: MemoryCell): boolean {
  return cell.formula === undefined && (cell.value === null || cell.value === '');
}

/** Where one plan sheet goes (see the Office host's write.ts for the same rules). */
interface MemoryTarget {
  plan: ResultSheet;
  kind: 'new' | 'marked' | 'legacy' | 'named';
  sheet?: MemorySheet;
  old: CellRect[];
  fresh: { titles: CellRect[]; tables: CellRect[] };
}

export interface MemoryWorkbookOptions {
  /** File or workbook name shown in the run-info sheet. */
  name: string;
  /** Bytes of the loaded file: the fingerprint is taken over them when present. */
  fileBytes?: Uint8Array;
  /** SHA-256 implementation (hex); injectable for node tests. */
  digest?: Digest;
  /**
   * Hands a file to the user (the browser demo: a Blob behind an <a download>; tests: a spy). exportTables gives it the
   * new workbook's .xlsx bytes and file name; without it, exportTables refuses (export_unsupported).
   */
  download?: Download;
  /**
   * Reads ranges that are not tables from the file the workbook was loaded from (its cells outside tables are not
   * kept in memory): the .xlsx reader's readRanges. Without it, ranges are read from the cells in memory.
   */
  rangesFromFile?: (ranges: readonly RangeRef[]) => Promise<Map<string, TableGrid>>;
}

/** Gives the user a file: its bytes and the name to save it under. */
export type Download = (bytes: Uint8Array, name: string) => void | Promise<void>;

/**
 * Runs a host call's synchronous work the way an async method would: its result resolved, anything it throws a
 * rejection (callers of the port handle failures with .catch / try-await, never a synchronous throw).
 */
function settled<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

export class MemoryWorkbook implements WorkbookHost {
  readonly kind = 'memory' as const;
  readonly name: string;
  private readonly fileBytes?: Uint8Array;
  private readonly digest: Digest;
  private readonly download?: Download;
  private readonly rangesFromFile?: MemoryWorkbookOptions['rangesFromFile'];
  private readonly sheets: MemorySheet[] = [];
  private readonly tableDefs: MemoryTable[] = [];
  /** Last cell selected through selectCell (the demo's "go to cell"). */
  selection: { sheet: string; address: string } | null = null;
  /** Number of successful writeResults calls. */
  writes = 0;
  /** The plan of the last successful write: what downloadResults merges into a copy of the file. */
  private lastPlan?: ResultsPlan;
  /**
   * Grids and the input fingerprint as last built, valid while nothing changed: the pane reads the tables and takes
   * their fingerprint on load and before each write, and a 300k-row workbook takes most of a second to lay out again.
   * The grids handed out are shared: callers read them (the contract does; an export copies on write).
   */
  private grids = new Map<MemoryTable, TableGrid>();
  private fingerprint?: Promise<string>;
  /** A change on `sheet` drops the grids of its tables; without a sheet (tables added, renamed, re-roled), all. */
  private readonly changed = (sheet?: MemorySheet): void => {
    this.fingerprint = undefined;
    if (this.grids.size === 0) return;
    if (sheet === undefined) {
      this.grids = new Map();
      this.gridSheets.clear();
    } else if (this.gridSheets.delete(sheet)) {
      // Called on every cell written: only a sheet with kept grids costs more than this lookup.
      for (const def of this.grids.keys()) if (this.getSheet(def.sheet) === sheet) this.grids.delete(def);
    }
  };
  /** Sheets holding a table whose grid is kept. */
  private readonly gridSheets = new Set<MemorySheet>();

  constructor(options: MemoryWorkbookOptions) {
    this.name = options.name;
    this.fileBytes = options.fileBytes;
    this.digest = options.digest ?? defaultDigest;
    this.download = options.download;
    this.rangesFromFile = options.rangesFromFile;
  }

  /** A workbook holding the given tables as input tables, each on its sheet at its position. */
  static fromTables(name: string, grids: readonly TableGrid[], options: Omit<MemoryWorkbookOptions, 'name'> = {}) {
    const wb = new MemoryWorkbook({ name, ...options });
    for (const g of grids) wb.addTable(g);
    return wb;
  }

  // ------------------------------------------------------------------ inspection (demo and tests)

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  getSheet(name: string): MemorySheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** Result sheets (those carrying an owner marker), in workbook order. */
  resultSheetNames(): string[] {
    return this.sheets.filter((s) => s.markers.size > 0).map((s) => s.name);
  }

  /**
   * Marks a sheet as a result sheet of `role` (a .xlsx read from the CLI carries its markers workbook-wide): its
   * ttm_ tables become result tables and, its areas being unknown, all its cells count as ours.
   */
  markResultSheet(name: string, role: string): void {
    this.changed(); // tables, their rows or roles may change below
    const sheet = this.getSheet(name);
    if (!sheet) return;
    sheet.markers.add(ownerMarkerName(role));
    sheet.ownedWhole = true;
    for (const t of this.tableDefs)
      if (t.sheet.toLowerCase() === name.toLowerCase() && isResultTableName(t.name)) t.role = 'result';
  }

  tables(): readonly MemoryTable[] {
    return this.tableDefs;
  }

  /** Reads a table (input or result) as a grid. */
  table(name: string): TableGrid | undefined {
    const def = this.findTable(name);
    return def ? this.gridOf(def) : undefined;
  }

  // ------------------------------------------------------------------ building

  addSheet(name: string): MemorySheet {
    const existing = this.getSheet(name);
    if (existing) return existing;
    assertSheetName(name);
    const sheet = new MemorySheet(name);
    sheet.onChange = () => this.changed(sheet);
    this.sheets.push(sheet);
    return sheet;
  }

  /** Places an input table's header and rows on its sheet and registers it. */
  addTable(grid: TableGrid): void {
    if (this.findTable(grid.name)) {
      throw new HostError('duplicate_table', {
        es: `Ya existe una tabla llamada «${grid.name}».`,
        en: `A table named "${grid.name}" already exists.`,
      });
    }
    const sheet = this.addSheet(grid.sheet);
    sheet.placeBlock(grid.headerRow, grid.firstColumn, [grid.headers, ...grid.rows]);
    const def: MemoryTable = {
      name: grid.name,
      sheet: sheet.name,
      headerRow: grid.headerRow,
      firstColumn: grid.firstColumn,
      columnCount: grid.headers.length,
      rowCount: grid.rows.length,
      role: 'input',
      ...(grid.source ? { source: grid.source } : {}),
    };
    this.tableDefs.push(def);
    this.fingerprint = undefined; // a new input table: the other tables' grids stay valid
    // The grid just laid out is what reading it back gives (a 300k-row table takes half a second to read back):
    // kept as the table's grid until a cell of its sheet changes. Its rows are shared, never changed in place.
    this.gridSheets.add(sheet);
    this.grids.set(def, {
      ...(def.source ? { source: def.source } : {}),
      name: def.name,
      sheet: def.sheet,
      headerRow: def.headerRow,
      firstColumn: def.firstColumn,
      headers: grid.headers.map((h) => String(h)),
      rows: grid.rows.map((r) =>
        r.length === def.columnCount
          ? r
          : Array.from({ length: def.columnCount }, (_, c) => (c < r.length ? (r[c] ?? null) : null)),
      ),
    });
  }

  // ------------------------------------------------------------------ WorkbookHost

  listTables(): Promise<TableInfo[]> {
    return settled(() => this.tableDefs.map((t) => ({ name: t.name, sheet: t.sheet, rowCount: t.rowCount })));
  }

  readTables(names: readonly string[]): Promise<Map<string, TableGrid>> {
    return settled(() => {
      const out = new Map<string, TableGrid>();
      for (const [key, name] of selectTables(
        this.tableDefs.map((t) => t.name),
        names,
      ))
        out.set(key, this.gridOf(this.findTable(name)!));
      return out;
    });
  }

  /**
   * Ranges that are not tables (a mapping's sources), as range-source.ts reads them: from the file the workbook was
   * loaded from, else from the cells in memory (an open range down to its last value in the range's columns).
   */
  readRanges(ranges: readonly RangeRef[]): Promise<Map<string, TableGrid>> {
    if (this.rangesFromFile) return this.rangesFromFile(ranges);
    return settled(() => {
      const out = new Map<string, TableGrid>();
      for (const r of ranges) {
        const sheet = this.getSheet(r.sheet);
        if (!sheet) continue;
        let bottom = r.bottom ?? r.top;
        if (r.bottom === null)
          for (const e of sheet.entries())
            if (e.column >= r.left && e.column <= r.right && e.row > bottom && !isEmpty(e.cell)) bottom = e.row;
        const cells: CellValue[][] = [];
        for (let row = r.top; row <= bottom; row++)
          cells.push(Array.from({ length: r.right - r.left + 1 }, (_, j) => sheet.valueAt(row, r.left + j)));
        out.set(r.ref, rangeGrid(r, sheet.name, cells));
      }
      return out;
    });
  }

  async describeSource(): Promise<SourceInfo> {
    if (this.fileBytes) {
      return { name: this.name, fingerprint: await this.digest(this.fileBytes), fingerprintOf: 'file' };
    }
    return { name: this.name, fingerprint: await this.digest(this.inputTablesBytes()), fingerprintOf: 'tables' };
  }

  /** The input tables as they are now (the contract's, the saved mapping and its sources), fingerprinted. */
  inputFingerprint(): Promise<string> {
    this.fingerprint ??= inputTablesOf(
      (names) => this.readTables(names),
      (ranges) => this.readRanges(ranges),
    ).then((g) => tablesFingerprint(g, this.digest));
    return this.fingerprint;
  }

  writeResults(plan: ResultsPlan, options: WriteOptions = {}): Promise<WriteReport> {
    return settled(() => {
      // Every check happens before the first cell is written, so a refused plan leaves the workbook untouched.
      const targets = this.targetsOf(plan);
      const notices: HostNotice[] = [];
      const renamed = targets
        .filter((t) => t.kind === 'marked' && t.sheet && t.sheet.name !== t.plan.name)
        .map((t) => ({ from: t.sheet!.name, to: t.plan.name }));
      if (renamed.length > 0) notices.push(replacedOtherLanguageNotice(renamed));
      let cellsWritten = 0;
      for (const t of targets) cellsWritten += this.writeSheet(t);
      this.writes++;
      this.lastPlan = plan;
      options.onProgress?.(cellsWritten, cellsWritten);
      return { sheetsWritten: plan.sheets.map((s) => s.name), cellsWritten, target: this.name, notices };
    });
  }

  selectCell(sheet: string, address: string): Promise<void> {
    return settled(() => this.select(sheet, address));
  }

  /**
   * The rows of one key in an input table replaced, or the table created, as the Office host does it
   * (src/hosts/office/save-rows.ts): the other rows keep their order and the new rows follow them; the cells below
   * the table in its columns move with it (a table below that only partly shares them refuses the save:
   * rows_would_split_table); a protected sheet refuses it (sheet_protected). Every check comes first: a refused
   * save changes nothing.
   */
  saveRows(request: SaveRowsRequest): Promise<SaveRowsReport> {
    return settled(() => {
      checkSaveRows(request);
      return request.table === null ? this.createTable(request) : this.replaceRows(request.table, request);
    });
  }

  /**
   * Input tables (an agreed scenario as the next base) as a NEW .xlsx handed to the download callback: the bytes of
   * xlsxBytesOfTables (src/hosts/xlsx/bytes.ts, imported lazily, in the chunk that opens .xlsx files), under `name`. This workbook is
   * neither read nor changed. Without a download callback it throws export_unsupported before building anything.
   */
  async exportTables(grids: readonly TableGrid[], name: string): Promise<TablesExportReport> {
    const download = this.download;
    if (!download) {
      throw new HostError('export_unsupported', {
        es:
          'Este libro en memoria no tiene a dónde descargar archivos, así que la base no se exportó; el libro no ' +
          'cambió. Exporte la base con la línea de comandos: npx trade-terms export-base <su libro.xlsx> --scenario <ID>.',
        en:
          'This in-memory workbook has nowhere to download files to, so the base was not exported; the workbook did ' +
          'not change. Export the base from the command line: npx trade-terms export-base <your workbook.xlsx> --scenario <ID>.',
      });
    }
    const { xlsxBytesOfTables } = await import(/* webpackChunkName: "xlsx-io" */ '../xlsx/bytes');
    await download(await xlsxBytesOfTables(grids), name);
    return { target: name, delivery: 'download' };
  }

  /**
   * The results written last, as a file to keep: a copy of the .xlsx this workbook was opened from with the result
   * sheets merged in (as `trade-terms run --into` writes it: every other part of the file byte-identical), or a new
   * workbook of the result sheets when there is no file. Rows saved into the scenario tables here are in this
   * in-memory workbook only, not in the copy. Throws nothing_to_download before any write, export_unsupported
   * without a download callback.
   */
  /**
   * The template's missing input tables, each on a new sheet ("Clientes (2)" when the name is taken); tables the
   * workbook already has are skipped. The in-browser workbook has no data validation: no drop-downs (said so).
   */
  addInputTables(request: AddInputTablesRequest): Promise<AddInputTablesReport> {
    try {
      return Promise.resolve(this.addTemplateTables(request));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private addTemplateTables(request: AddInputTablesRequest): AddInputTablesReport {
    const report: AddInputTablesReport = { added: [], skipped: [], dropDowns: false };
    for (const grid of request.tables) {
      if (this.findTable(grid.name)) {
        report.skipped.push(grid.name);
        continue;
      }
      let sheet = grid.sheet;
      for (let i = 2; this.getSheet(sheet); i++) sheet = `${grid.sheet.slice(0, 31 - ` (${i})`.length)} (${i})`;
      this.addTable({ ...grid, sheet });
      report.added.push({ table: grid.name, sheet });
    }
    return report;
  }

  async downloadResults(): Promise<TablesExportReport> {
    const download = this.download;
    if (!download) {
      throw new HostError('export_unsupported', {
        es: 'Este libro en memoria no tiene a dónde descargar archivos; corra la línea de comandos con --into para una copia de su libro con los resultados.',
        en: 'This in-memory workbook has nowhere to download files to; run the command line with --into for a copy of your workbook with the results.',
      });
    }
    const plan = this.lastPlan;
    if (!plan) {
      throw new HostError('nothing_to_download', {
        es: 'Todavía no hay resultados que descargar: primero use «Escribir resultados».',
        en: 'There are no results to download yet: use "Write results" first.',
      });
    }
    const io = await import(/* webpackChunkName: "xlsx-io" */ '../xlsx/bytes');
    const stem = this.name.replace(/\.(xlsx|xlsm)$/i, '');
    // The file is named in the language the results were written in (their run-info sheet's name says which).
    const lang = plan.sheets.some((s) => s.name === RESULT_SHEET_NAMES.run_info.en) ? 'en' : 'es';
    if (this.fileBytes) {
      const macro = /\.xlsm$/i.test(this.name);
      const name = `${stem}-${lang === 'es' ? 'con-resultados' : 'with-results'}.${macro ? 'xlsm' : 'xlsx'}`;
      const { bytes } = await io.xlsxBytesWithResults(this.fileBytes, this.name, plan);
      await download(bytes, name);
      return { target: name, delivery: 'download' };
    }
    const name = `${stem}-${lang === 'es' ? 'resultados' : 'results'}.xlsx`;
    await download(await io.xlsxBytesOfResults(plan), name);
    return { target: name, delivery: 'download' };
  }

  /** Protects a sheet (or lifts it): writes onto it are refused, as Excel refuses them. */
  protectSheet(name: string, on = true): void {
    const sheet = this.getSheet(name);
    if (!sheet) throw new Error(`MemoryWorkbook: no sheet "${name}"`);
    sheet.protected = on;
  }

  // ------------------------------------------------------------------ internals

  private replaceRows(name: string, request: SaveRowsRequest): SaveRowsReport {
    this.changed(); // tables, their rows or roles may change below
    const def = this.findTable(name);
    if (!def) throw tableNotFound(name);
    checkSaveRows(request, def.columnCount, def.name);
    const sheet = this.getSheet(def.sheet)!;
    if (sheet.protected) throw sheetProtected(sheet.name);
    const key = saveRowsKey(request.key);
    const old = this.gridOf(def).rows;
    const kept = old.filter((r) => saveRowsKey(r[request.keyColumn]) !== key);
    const rows = [...kept, ...request.rows];
    // A table always holds one body row in Excel: the extent below the header never drops under one row.
    const delta = Math.max(1, rows.length) - Math.max(1, old.length);
    const left = def.firstColumn;
    const right = def.firstColumn + def.columnCount - 1;
    const below = def.headerRow + Math.max(1, old.length) + 1;
    for (const t of this.tableDefs) {
      if (t === def || t.sheet.toLowerCase() !== def.sheet.toLowerCase() || t.headerRow < below) continue;
      const inside = t.firstColumn >= left && t.firstColumn + t.columnCount - 1 <= right;
      const outside = t.firstColumn + t.columnCount - 1 < left || t.firstColumn > right;
      if (!inside && !outside) throw rowsWouldSplitTable(def.name, t.name, sheet.name);
    }
    // Checked: now the body is rewritten and what is below moves with it.
    sheet.clear({ top: def.headerRow + 1, left, bottom: below - 1, right });
    sheet.shiftRows(below, left, right, delta);
    for (const t of this.tableDefs) {
      const inside = t.firstColumn >= left && t.firstColumn + t.columnCount - 1 <= right;
      if (t !== def && t.sheet.toLowerCase() === def.sheet.toLowerCase() && t.headerRow >= below && inside)
        t.headerRow += delta;
    }
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined) sheet.setCell(def.headerRow + 1 + r, left + c, { value: v });
      }),
    );
    def.rowCount = rows.length;
    return {
      table: def.name,
      sheet: sheet.name,
      rowsRemoved: old.length - kept.length,
      rowsAdded: request.rows.length,
    };
  }

  private createTable(request: SaveRowsRequest): SaveRowsReport {
    this.changed(); // tables, their rows or roles may change below
    const c = request.create!;
    const taken = this.findTable(c.name);
    if (taken) throw tableNameTaken(taken.name, taken.sheet);
    const existing = this.getSheet(c.sheet);
    if (existing && existing.usedRect()) throw sheetNotEmpty(existing.name, c.name);
    if (existing?.protected) throw sheetProtected(existing.name);
    if (!existing && !isValidSheetName(c.sheet)) throw invalidSheetName(c.sheet);
    this.addTable({
      name: c.name,
      sheet: c.sheet,
      headerRow: 1,
      firstColumn: 1,
      headers: [...c.headers],
      rows: request.rows,
    });
    if (!existing && c.hidden) this.getSheet(c.sheet)!.hidden = true;
    return { table: c.name, sheet: existing?.name ?? c.sheet, rowsRemoved: 0, rowsAdded: request.rows.length };
  }

  private select(sheet: string, address: string): void {
    const target = this.getSheet(sheet);
    if (!target) {
      throw new HostError('sheet_not_found', {
        es: `No existe la hoja «${sheet}».`,
        en: `Sheet "${sheet}" does not exist.`,
      });
    }
    // Contract errors may carry "Sheet!B7"; the cell part is what gets selected.
    const cellPart = address.slice(address.lastIndexOf('!') + 1);
    const { row, column } = parseA1(cellPart); // throws on a malformed address rather than recording nonsense
    this.selection = { sheet: target.name, address: toA1(row, column) };
  }

  private findTable(name: string): MemoryTable | undefined {
    const lower = name.toLowerCase();
    return this.tableDefs.find((t) => t.name.toLowerCase() === lower);
  }

  private gridOf(def: MemoryTable): TableGrid {
    let grid = this.grids.get(def);
    if (!grid) {
      this.grids.set(def, (grid = this.buildGrid(def)));
      const sheet = this.getSheet(def.sheet);
      if (sheet) this.gridSheets.add(sheet);
    }
    return grid;
  }

  private buildGrid(def: MemoryTable): TableGrid {
    const sheet = this.getSheet(def.sheet)!;
    const headers: string[] = [];
    for (let c = 0; c < def.columnCount; c++) {
      const v = sheet.valueAt(def.headerRow, def.firstColumn + c);
      headers.push(v === null || isFormulaWithoutValue(v) ? '' : isCellError(v) ? v.error : String(v));
    }
    const rows: CellValue[][] = [];
    for (let r = 1; r <= def.rowCount; r++) {
      const row: CellValue[] = [];
      for (let c = 0; c < def.columnCount; c++) row.push(sheet.valueAt(def.headerRow + r, def.firstColumn + c));
      rows.push(row);
    }
    const grid: TableGrid = {
      name: def.name,
      sheet: def.sheet,
      headerRow: def.headerRow,
      firstColumn: def.firstColumn,
      headers,
      rows,
    };
    if (def.source) grid.source = def.source;
    return grid;
  }

  /** Canonical bytes of the input tables (sorted by name) when no file bytes exist. */
  private inputTablesBytes(): Uint8Array {
    return tablesBytes(this.tableDefs.filter((t) => t.role === 'input').map((t) => this.gridOf(t)));
  }

  /** Where each plan sheet goes, every check done (plan, inputs, names, cells not ours): nothing written yet. */
  private targetsOf(plan: ResultsPlan): MemoryTarget[] {
    checkResultsPlan(plan);
    const lower = (x: string): string => x.toLowerCase();
    const taken = new Set<MemorySheet>();
    const targets: MemoryTarget[] = plan.sheets.map((s) => {
      const marker = lower(ownerMarkerName(s.role));
      const marked = this.sheets.filter((x) => !taken.has(x) && [...x.markers].some((m) => lower(m) === marker));
      const sameName = this.getSheet(s.name);
      const ours = (x: MemorySheet): boolean =>
        this.tableDefs.some((t) => lower(t.sheet) === lower(x.name) && t.role === 'result');
      let kind: MemoryTarget['kind'];
      let sheet = marked.find((x) => lower(x.name) === lower(s.name)) ?? marked[0];
      if (sheet) kind = 'marked';
      else if (sameName && !taken.has(sameName)) {
        sheet = sameName;
        kind = ours(sameName) ? 'legacy' : 'named';
      } else kind = 'new';
      if (sheet) {
        taken.add(sheet);
        if (sameName && sameName !== sheet) throw sheetNameTaken(s.name, sheet.name);
      }
      const fp = sheetFootprint(s);
      const old: CellRect[] = [];
      if (sheet && kind !== 'named') {
        for (const t of this.tableDefs)
          if (lower(t.sheet) === lower(sheet.name) && t.role === 'result') old.push(tableRect(t));
        old.push(...sheet.areas);
        const used = sheet.usedRect();
        if ((kind === 'legacy' || sheet.ownedWhole) && used) old.push(used);
      }
      return { plan: s, kind, sheet, old, fresh: { titles: fp.titles, tables: fp.tables.map((t) => t.rect) } };
    });

    // The plan against the workbook: tables on the sheets written into must be ours.
    const into = new Map<string, string>();
    for (const t of targets) if (t.sheet) into.set(lower(t.sheet.name), t.plan.name);
    const existing: ExistingTable[] = this.tableDefs.map((t) => {
      const target = targets.find((x) => x.sheet && lower(x.sheet.name) === lower(t.sheet));
      if (!target) return { name: t.name, sheet: t.sheet, role: t.role };
      const result = target.kind !== 'named' && t.role === 'result' && isOurTable(t.name, target.plan);
      return { name: t.name, sheet: t.sheet, role: result ? 'result' : 'input' };
    });
    checkResultsPlan(plan, existing, into);

    // A protected sheet takes no results (as in Excel: sheet_protected, nothing written).
    for (const t of targets) if (t.sheet?.protected) throw sheetProtected(t.sheet.name);

    // Never over a cell that is not ours.
    for (const t of targets) {
      if (!t.sheet) continue;
      for (const r of subtractAll([...t.fresh.titles, ...t.fresh.tables], t.old)) {
        const hit = t.sheet.firstUsed(r);
        if (hit) throw resultsWouldOverwrite(t.sheet.name, toA1(hit.row, hit.column));
      }
    }
    return targets;
  }

  /** Renames a sheet in place; every formula pointing at it follows, as in Excel. */
  private renameSheet(sheet: MemorySheet, to: string): void {
    this.changed(); // tables, their rows or roles may change below
    const from = sheet.name;
    for (const s of this.sheets) {
      for (const e of s.entries()) {
        if (e.cell.formula !== undefined) e.cell.formula = renameSheetRefs(e.cell.formula, from, to);
      }
    }
    for (const t of this.tableDefs) if (t.sheet.toLowerCase() === from.toLowerCase()) t.sheet = to;
    if (this.selection?.sheet === from) this.selection = { ...this.selection, sheet: to };
    sheet.name = to;
  }

  /** Rewrites (or creates) one result sheet in place; returns the number of cells written. */
  private writeSheet(target: MemoryTarget): number {
    this.changed(); // tables, their rows or roles may change below
    const plan = target.plan;
    let sheet = target.sheet;
    if (!sheet) {
      sheet = new MemorySheet(plan.name);
      this.sheets.push(sheet);
    } else if (sheet.name !== plan.name) {
      this.renameSheet(sheet, plan.name);
    }
    // What was ours goes: old result tables, their cells, the old areas, the old charts.
    for (const r of target.old) sheet.clear(r);
    const lower = sheet.name.toLowerCase();
    for (let i = this.tableDefs.length - 1; i >= 0; i--) {
      const t = this.tableDefs[i];
      if (t.sheet.toLowerCase() === lower && t.role === 'result') this.tableDefs.splice(i, 1);
    }
    sheet.charts.length = 0;
    sheet.markers.add(ownerMarkerName(plan.role));
    sheet.areas = [...target.fresh.titles];
    sheet.ownedWhole = false;
    sheet.frozenRows = 0;

    let cells = 0;
    const placements = placeTables(plan.tables);
    plan.tables.forEach((table, ti) => {
      const { titleRow, headerRow } = placements[ti];
      if (table.title && titleRow !== undefined) {
        sheet.setCell(titleRow, 1, { value: table.title, bold: true });
        cells++;
      }
      table.columns.forEach((col, c) => {
        sheet.setCell(headerRow, 1 + c, { value: col.header, bold: true });
        cells++;
      });
      const totals = new Set(table.totalRows ?? []);
      table.rows.forEach((row, r) => {
        row.forEach((cell, c) => {
          const numberFormat = table.cellFormats?.[r]?.[c] ?? table.columns[c]?.numberFormat;
          const bold = totals.has(r) || undefined;
          const wrap = table.columns[c]?.wrap || undefined;
          if (isFormulaCell(cell)) {
            const formula = cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
            sheet.setCell(headerRow + 1 + r, 1 + c, { value: cell.result, formula, numberFormat, bold, wrap });
          } else {
            sheet.setCell(headerRow + 1 + r, 1 + c, { value: cell, numberFormat, bold, wrap });
          }
          cells++;
        });
      });
      this.tableDefs.push({
        name: table.name,
        sheet: plan.name,
        headerRow,
        firstColumn: 1,
        columnCount: table.columns.length,
        rowCount: table.rows.length,
        role: 'result',
      });
    });
    if (plan.freezeHeader && placements.length > 0) sheet.frozenRows = placements[0].headerRow;
    if (plan.charts) sheet.charts.push(...plan.charts);
    sheet.print = plan.print && { ...plan.print, margins: { ...plan.print.margins } };
    return cells;
  }
}

/** A table's cells, header row to last row (an empty table still holds one blank row, as in Excel). */
function tableRect(t: MemoryTable): CellRect {
  return {
    top: t.headerRow,
    left: t.firstColumn,
    bottom: t.headerRow + Math.max(1, t.rowCount),
    right: t.firstColumn + t.columnCount - 1,
  };
}

function assertSheetName(name: string): void {
  if (!isValidSheetName(name)) throw invalidSheetName(name);
}
