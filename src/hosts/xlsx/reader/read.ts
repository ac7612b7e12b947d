/**
 * The public reader: an .xlsx file's tables as port TableGrids, read straight from the package's XML. Pure (no fs,
 * no Node built-ins): the xlsx host injects node:zlib's inflater (node-inflate.ts), the browser uses fflate.
 *
 * Cost model: opening reads only the small parts (workbook, relationships, table parts). readTables checks the size
 * of what it was asked for from the table ranges alone (input_too_large, before any cell is read), then reads the
 * shared strings and styles once, and streams each sheet that holds a requested table exactly once, whatever the
 * number of tables on it; a sheet holding none is never decompressed. A second, targeted pass over a sheet happens
 * only for merged ranges crossing a table, or a shared formula without value whose master lies outside the tables.
 */
import {
  HostError,
  roleOfMarker,
  selectTables,
  type CellValue,
  type TableGrid,
  type TableInfo,
} from '../../../workbook/port';
import { BELOW_ROWS, slaveValue, TablesSink } from './grid';
import { fflateInflater, type Inflater } from './inflate';
import { notXlsxText, tooLargeText } from './messages';
import type { CellRange } from './ranges';
import { MAX_ROWS } from '../../../workbook/a1';
import type { RangeRef } from '../../../workbook/range-source';
import { SharedStringsParser } from './shared-strings';
import { MAX_COLUMN, scanSheet, StopScan, type CellSink, type SheetContext, type SheetScanner } from './sheet';
import { sniffBytes, workbookPackage, type WorkbookPackage } from './sniff';
import { parseDateStyles } from './styles';
import {
  loadWorkbookModel,
  sheetOfReference,
  type DefinedName,
  type SheetInfo,
  type TableDef,
  type WorkbookModel,
} from './workbook';

/**
 * Cells (of the requested tables' ranges) one run reads at most by default. A cell costs about 100 bytes by the time
 * the engine holds it, so 40 M cells is about 4 GB: Node's default heap on a 16 GB machine. The Node host may lower it
 * from the actual heap limit (maxCellsForHeap).
 */
export const DEFAULT_MAX_CELLS = 40_000_000;
/** Heap bytes budgeted per cell read (the grid's value, then the engine's copies of it). */
export const BYTES_PER_CELL = 100;

/** The cell limit a heap of `heapLimitBytes` affords (e.g. v8.getHeapStatistics().heap_size_limit). */
export function maxCellsForHeap(heapLimitBytes: number): number {
  return Math.max(1, Math.floor(heapLimitBytes / BYTES_PER_CELL));
}

export interface ReadOptions {
  /** Raw-deflate decompressor; default fflate (pure JavaScript). Node: nodeInflater of node-inflate.ts. */
  inflate?: Inflater;
  /** Most cells readTables reads in one call (from the table ranges); default DEFAULT_MAX_CELLS. */
  maxCells?: number;
  /** Rows under each table looked at for stray values (TableSourceFacts.cellsBelow); default BELOW_ROWS. */
  belowRows?: number;
  /**
   * Told the cells each read reads: its tables' and closed ranges' from their ranges once the size guard passed,
   * before any is read; its open ranges' ("A3:P") as read, after. The CLI tunes V8 for the size of the run
   * (src/cli/tiering.ts).
   */
  onCells?: (cells: number) => void;
}

export interface XlsxWorkbook {
  /** The file name messages use. */
  readonly name: string;
  /** Every sheet, in workbook order. */
  readonly sheets: readonly SheetInfo[];
  readonly date1904: boolean;
  readonly definedNames: readonly DefinedName[];
  /** Every table: name, sheet and data-row count from its range (range rows − header − totals row). */
  tables(): TableInfo[];
  /** Every table with what its part says (range, header and totals rows, columns, filters). */
  tableDefs(): readonly TableDef[];
  /** Names of the sheets that hold at least one table (input sheets a results writer must never replace). */
  sheetsWithTables(): string[];
  /**
   * Result sheets of a previous run by role, from their owner markers ("_ttm_owner_<role>"): workbook-scoped with
   * the sheet in the reference (the xlsx host's form) or sheet-scoped (localSheetId, the Office host's form).
   */
  ownerMarkers(): Map<string, string>;
  /**
   * The named tables matched by the port's selectTables, keyed as it says; missing tables are absent. Throws
   * input_too_large before reading any cell when their ranges hold more than the cell limit.
   */
  readTables(names: readonly string[]): Promise<Map<string, TableGrid>>;
  /**
   * Ranges that are not tables (a mapping's sources), keyed by their ref: read in the same pass a table is, as a table
   * whose first row is its header; an open range ("A3:P") down to its last row with a value. A range on a sheet the
   * workbook does not have is absent. Only closed ranges count toward the size guard (an open one's size is known
   * only once read).
   */
  readRanges(ranges: readonly RangeRef[]): Promise<Map<string, TableGrid>>;
  /**
   * Every table as a grid, in sheet order (as tablesFromWorkbook of src/hosts/xlsx/tables.ts, which the memory
   * host's loader uses), two tables of the same name included. Same size guard.
   */
  readAllTables(): Promise<TableGrid[]>;
}

/** Opens an .xlsx from its bytes: sniffs the file type, then reads the workbook's small parts. */
export async function openWorkbook(bytes: Uint8Array, name: string, options: ReadOptions = {}): Promise<XlsxWorkbook> {
  const inflater = options.inflate ?? fflateInflater;
  const zip = sniffBytes(bytes, name);
  const pkg = await workbookPackage(zip, name, inflater);
  const model = await damagedIfFails(name, () => loadWorkbookModel(pkg, inflater));
  return new Workbook(pkg, model, name, inflater, options);
}

/** openWorkbook, then readTables. */
export async function readTablesFromBytes(
  bytes: Uint8Array,
  name: string,
  names: readonly string[],
  options: ReadOptions = {},
): Promise<Map<string, TableGrid>> {
  return (await openWorkbook(bytes, name, options)).readTables(names);
}

/** Runs `f`; anything but a HostError means the package is damaged, said so naming the file. */
async function damagedIfFails<T>(name: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (cause) {
    if (cause instanceof HostError) throw cause;
    throw new HostError('input_not_xlsx', notXlsxText(name, 'damaged'), { cause });
  }
}

const rowsOf = (r: CellRange) => r.bottom - r.top + 1;
const columnsOf = (r: CellRange) => r.right - r.left + 1;

class Workbook implements XlsxWorkbook {
  readonly sheets: readonly SheetInfo[];
  readonly date1904: boolean;
  readonly definedNames: readonly DefinedName[];
  private context?: Promise<SheetContext>;

  constructor(
    private readonly pkg: WorkbookPackage,
    private readonly model: WorkbookModel,
    readonly name: string,
    private readonly inflater: Inflater,
    private readonly options: ReadOptions,
  ) {
    this.sheets = model.sheets;
    this.date1904 = model.date1904;
    this.definedNames = model.definedNames;
  }

  tables(): TableInfo[] {
    return this.model.tables.map((t) => ({
      name: t.name,
      sheet: t.sheet,
      rowCount: Math.max(0, rowsOf(t.range) - 1 - Math.max(0, t.totalsRowCount)),
    }));
  }

  tableDefs(): readonly TableDef[] {
    return this.model.tables;
  }

  sheetsWithTables(): string[] {
    const holding = new Set(this.model.tables.map((t) => t.sheet));
    return this.sheets.filter((s) => holding.has(s.name)).map((s) => s.name);
  }

  ownerMarkers(): Map<string, string> {
    const out = new Map<string, string>();
    const names = new Set(this.sheets.map((s) => s.name));
    for (const d of this.definedNames) {
      const role = roleOfMarker(d.name);
      if (!role || out.has(role)) continue;
      const sheet = d.localSheetId !== undefined ? this.sheets[d.localSheetId]?.name : sheetOfReference(d.formula);
      if (sheet !== undefined && names.has(sheet)) out.set(role, sheet);
    }
    return out;
  }

  async readTables(names: readonly string[]): Promise<Map<string, TableGrid>> {
    const defs = this.model.tables;
    const selected = selectTables(
      defs.map((t) => t.name),
      names,
    );
    const wanted = new Map<string, TableDef>(); // workbook table name → its (first) definition
    for (const tableName of selected.values()) {
      if (!wanted.has(tableName))
        wanted.set(
          tableName,
          defs.find((t) => t.name === tableName)!,
        );
    }
    const grids = new Map<string, TableGrid>();
    for (const g of await this.read([...wanted.values()])) grids.set(g.name, g);
    const out = new Map<string, TableGrid>();
    const given = new Set<TableGrid>();
    for (const [key, tableName] of selected) {
      const g = grids.get(tableName);
      if (!g) continue;
      // A grid of its own per key, as readTablesOf: the same table under two keys is two grids.
      out.set(key, given.has(g) ? structuredClone(g) : g);
      given.add(g);
    }
    return out;
  }

  readAllTables(): Promise<TableGrid[]> {
    return this.read(this.model.tables);
  }

  async readRanges(ranges: readonly RangeRef[]): Promise<Map<string, TableGrid>> {
    const defs: TableDef[] = [];
    const closed: TableDef[] = [];
    for (const r of ranges) {
      const sheet = this.sheets.find((s) => s.name.toLowerCase() === r.sheet.toLowerCase());
      if (!sheet || defs.some((d) => d.name === r.ref)) continue;
      const def: TableDef = {
        name: r.ref,
        displayName: r.ref,
        sheet: sheet.name,
        part: '',
        ref: r.ref,
        range: { top: r.top, left: r.left, right: r.right, bottom: r.bottom ?? MAX_ROWS },
        headerRowCount: 1,
        totalsRowCount: 0,
        totalsRowShown: false,
        columns: [],
        autoFilter: false,
        filtered: false,
      };
      defs.push(def);
      if (r.bottom !== null) closed.push(def);
    }
    const out = new Map<string, TableGrid>();
    for (const g of await this.read(defs, closed)) out.set(g.name, g);
    return out;
  }

  /**
   * The grids of `tables` (after the size guard on `sized`), in workbook order: each sheet streamed once for all of
   * its own.
   */
  private async read(tables: readonly TableDef[], sized: readonly TableDef[] = tables): Promise<TableGrid[]> {
    this.checkSize(sized);
    if (tables.length === 0) return [];
    const ctx = await damagedIfFails(this.name, () => this.sheetContext());
    const out: TableGrid[] = [];
    for (const sheet of this.sheets) {
      const onSheet = tables.filter((t) => t.sheet === sheet.name);
      if (onSheet.length > 0) out.push(...(await damagedIfFails(this.name, () => this.readSheet(sheet, onSheet, ctx))));
    }
    // Open ranges are sized only once read (header row included, as the ranges are counted).
    const open = new Set(tables.filter((t) => !sized.includes(t)).map((t) => t.name));
    if (open.size > 0 && this.options.onCells) {
      let cells = 0;
      for (const g of out) if (open.has(g.name)) cells += (g.rows.length + 1) * g.headers.length;
      this.options.onCells(cells);
    }
    return out;
  }

  /** input_too_large, from the ranges alone, when the tables hold more cells than the limit. */
  private checkSize(tables: readonly TableDef[]): void {
    const limit = this.options.maxCells ?? DEFAULT_MAX_CELLS;
    let total = 0;
    let largest: TableDef | undefined;
    for (const t of tables) {
      total += rowsOf(t.range) * columnsOf(t.range);
      if (!largest || rowsOf(t.range) * columnsOf(t.range) > rowsOf(largest.range) * columnsOf(largest.range)) {
        largest = t;
      }
    }
    if (total > limit && largest) {
      const rows = Math.max(0, rowsOf(largest.range) - 1 - Math.max(0, largest.totalsRowCount));
      throw new HostError('input_too_large', tooLargeText(this.name, largest.name, rows, total, limit));
    }
    this.options.onCells?.(total);
  }

  /** Shared strings and date styles, read once, only when a table is read. */
  private sheetContext(): Promise<SheetContext> {
    this.context ??= (async () => {
      const { zip } = this.pkg;
      const stylesEntry = this.model.stylesPart ? zip.entry(this.model.stylesPart) : undefined;
      const dateStyles = stylesEntry ? parseDateStyles(await zip.read(stylesEntry, this.inflater)) : new Uint8Array(0);
      const sstEntry = this.model.sharedStringsPart ? zip.entry(this.model.sharedStringsPart) : undefined;
      let sharedStrings: string[] = [];
      if (sstEntry) {
        const parser = new SharedStringsParser();
        await zip.stream(sstEntry, (chunk) => parser.write(chunk), this.inflater);
        sharedStrings = parser.end();
      }
      return { sharedStrings, dateStyles, date1904: this.model.date1904 };
    })();
    return this.context;
  }

  /** One pass over the sheet for all its requested tables (and a targeted one when merges or formulas need it). */
  private async readSheet(sheet: SheetInfo, tables: readonly TableDef[], ctx: SheetContext): Promise<TableGrid[]> {
    const { zip } = this.pkg;
    const entry = sheet.part === undefined ? undefined : zip.entry(sheet.part);
    const relationships = this.model.sheetRelationships.get(sheet.name) ?? [];
    const allRanges = this.model.tables.filter((t) => t.sheet === sheet.name).map((t) => t.range);
    const sink = new TablesSink(tables, allRanges, this.options.belowRows ?? BELOW_ROWS);
    if (!entry) return sink.grids(sheet.name);
    let scanner: SheetScanner | undefined;
    const extras = await scanSheet(zip, entry, ctx, sink, this.inflater, (s) => (scanner = s));
    const work = sink.settle(extras, relationships);
    const unresolved = scanner?.unresolved ?? [];
    if (work.slaves.length > 0 || unresolved.length > 0) {
      const targets = [...work.slaves.map((s) => ({ row: s.master.top, column: s.master.left })), ...unresolved];
      const probe = new ProbeSink(targets);
      await scanSheet(zip, entry, ctx, probe, this.inflater, (s) => (probe.scanner = s));
      for (const { row, column } of unresolved) sink.replace(row, column, probe.valueAt(row, column), work.linked);
      for (const s of work.slaves) {
        const { top, left } = s.master;
        const linked = work.linked.has(`${top}:${left}`);
        s.set(slaveValue(probe.valueAt(top, left), probe.formulaAt(top, left), linked));
      }
    }
    return sink.grids(sheet.name);
  }
}

/** Reads a few cells, every cell of the rows before them decoded (so shared formula masters are all seen). */
class ProbeSink implements CellSink {
  minColumn = 1;
  maxColumn = MAX_COLUMN;
  scanner?: SheetScanner;
  private readonly wanted = new Set<string>();
  private readonly rows = new Set<number>();
  private readonly found = new Map<string, { value: CellValue; formula?: string }>();
  private lastRow = 0;
  private inTargetRow = false;

  constructor(targets: readonly { row: number; column: number }[]) {
    for (const t of targets) {
      this.wanted.add(`${t.row}:${t.column}`);
      this.rows.add(t.row);
      if (t.row > this.lastRow) this.lastRow = t.row;
    }
  }

  beginRow(row: number): boolean {
    // Past the last target with every target found: the rest of the sheet is not needed (rows come in order; if
    // they do not, or a target cell does not exist, the scan simply runs to the end).
    if (row > this.lastRow && this.found.size === this.wanted.size) throw new StopScan();
    this.inTargetRow = this.rows.has(row);
    return true;
  }

  cell(row: number, column: number, value: CellValue): void {
    if (!this.inTargetRow) return;
    const key = `${row}:${column}`;
    if (this.wanted.has(key)) this.found.set(key, { value, formula: this.scanner?.slaveFormula() });
  }

  valueAt(row: number, column: number): CellValue {
    return this.found.get(`${row}:${column}`)?.value ?? null;
  }

  formulaAt(row: number, column: number): string | undefined {
    return this.found.get(`${row}:${column}`)?.formula;
  }
}
