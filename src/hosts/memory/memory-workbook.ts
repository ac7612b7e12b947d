/**
 * MemoryWorkbook: an in-browser workbook (sheets of cells, Excel-like tables) behind the host port, so the task
 * pane runs as a demo without Office and UI tests run without Excel. No ExcelJS here: loading a .xlsx lives in
 * load-xlsx.ts and is imported lazily.
 */
import type {
  CellValue,
  ResultChart,
  ResultSheet,
  ResultsPlan,
  SourceInfo,
  TableGrid,
  TableInfo,
  WorkbookHost,
  WriteReport,
} from '../../workbook/port';
import { HostError, isCellError, isFormulaCell, isFormulaWithoutValue, selectTables } from '../../workbook/port';
import { checkResultsPlan, invalidSheetName } from '../../workbook/plan-check';
import { MAX_COLUMNS, parseA1, toA1 } from '../../workbook/a1';
import { defaultDigest, tablesBytes, type Digest } from '../../workbook/fingerprint';
import { isValidSheetName, placeTables } from '../../workbook/results-layout';

export interface MemoryCell {
  /** The value; for a formula cell, its cached result. */
  value: CellValue;
  /** Formula text with the leading "=", when the cell holds a formula. */
  formula?: string;
  /** Excel number format code, e.g. "#,##0.00". */
  numberFormat?: string;
  bold?: boolean;
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
}

const key = (row: number, column: number) => (row - 1) * MAX_COLUMNS + (column - 1);

export class MemorySheet {
  private readonly cells = new Map<number, MemoryCell>();
  /** Rows frozen at the top (0 = none). */
  frozenRows = 0;
  readonly charts: ResultChart[] = [];

  constructor(readonly name: string) {}

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
  }

  get cellCount(): number {
    return this.cells.size;
  }
}

export interface MemoryWorkbookOptions {
  /** File or workbook name shown in the run-info sheet. */
  name: string;
  /** Bytes of the loaded file: the fingerprint is taken over them when present. */
  fileBytes?: Uint8Array;
  /** SHA-256 implementation (hex); injectable for node tests. */
  digest?: Digest;
}

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
  private readonly sheets: MemorySheet[] = [];
  private readonly tableDefs: MemoryTable[] = [];
  /** Last cell selected through selectCell (the demo's "go to cell"). */
  selection: { sheet: string; address: string } | null = null;
  /** Number of successful writeResults calls. */
  writes = 0;

  constructor(options: MemoryWorkbookOptions) {
    this.name = options.name;
    this.fileBytes = options.fileBytes;
    this.digest = options.digest ?? defaultDigest;
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

  /** Sheets created by writeResults, in workbook order. */
  resultSheetNames(): string[] {
    const inputSheets = new Set(this.inputSheetNames().map((s) => s.toLowerCase()));
    const withResults = new Set(this.tableDefs.filter((t) => t.role === 'result').map((t) => t.sheet.toLowerCase()));
    return this.sheets
      .map((s) => s.name)
      .filter((n) => withResults.has(n.toLowerCase()) && !inputSheets.has(n.toLowerCase()));
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
    grid.headers.forEach((h, c) => sheet.setCell(grid.headerRow, grid.firstColumn + c, { value: h }));
    grid.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined) sheet.setCell(grid.headerRow + 1 + r, grid.firstColumn + c, { value: v });
      }),
    );
    this.tableDefs.push({
      name: grid.name,
      sheet: sheet.name,
      headerRow: grid.headerRow,
      firstColumn: grid.firstColumn,
      columnCount: grid.headers.length,
      rowCount: grid.rows.length,
      role: 'input',
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

  async describeSource(): Promise<SourceInfo> {
    if (this.fileBytes) {
      return { name: this.name, fingerprint: await this.digest(this.fileBytes), fingerprintOf: 'file' };
    }
    return { name: this.name, fingerprint: await this.digest(this.inputTablesBytes()), fingerprintOf: 'tables' };
  }

  writeResults(plan: ResultsPlan): Promise<WriteReport> {
    return settled(() => {
      this.assertWritable(plan);
      let cellsWritten = 0;
      for (const resultSheet of plan.sheets) cellsWritten += this.writeSheet(resultSheet);
      this.writes++;
      return { sheetsWritten: plan.sheets.map((s) => s.name), cellsWritten, target: this.name };
    });
  }

  selectCell(sheet: string, address: string): Promise<void> {
    return settled(() => this.select(sheet, address));
  }

  // ------------------------------------------------------------------ internals

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

  private inputSheetNames(): string[] {
    return [...new Set(this.tableDefs.filter((t) => t.role === 'input').map((t) => t.sheet))];
  }

  private findTable(name: string): MemoryTable | undefined {
    const lower = name.toLowerCase();
    return this.tableDefs.find((t) => t.name.toLowerCase() === lower);
  }

  private gridOf(def: MemoryTable): TableGrid {
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
    return { name: def.name, sheet: def.sheet, headerRow: def.headerRow, firstColumn: def.firstColumn, headers, rows };
  }

  /** Canonical bytes of the input tables (sorted by name) when no file bytes exist. */
  private inputTablesBytes(): Uint8Array {
    return tablesBytes(this.tableDefs.filter((t) => t.role === 'input').map((t) => this.gridOf(t)));
  }

  /** Every check happens before the first cell is written, so a refused plan leaves the workbook untouched. */
  private assertWritable(plan: ResultsPlan): void {
    checkResultsPlan(
      plan,
      this.tableDefs.map((t) => ({ name: t.name, sheet: t.sheet, role: t.role })),
    );
  }

  /** Replaces (or creates) one result sheet; returns the number of cells written. */
  private writeSheet(plan: ResultSheet): number {
    const lower = plan.name.toLowerCase();
    const at = this.sheets.findIndex((s) => s.name.toLowerCase() === lower);
    const sheet = new MemorySheet(plan.name);
    if (at >= 0) this.sheets[at] = sheet;
    else this.sheets.push(sheet);
    for (let i = this.tableDefs.length - 1; i >= 0; i--) {
      if (this.tableDefs[i].sheet.toLowerCase() === lower) this.tableDefs.splice(i, 1);
    }

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
          if (isFormulaCell(cell)) {
            const formula = cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
            sheet.setCell(headerRow + 1 + r, 1 + c, { value: cell.result, formula, numberFormat, bold });
          } else {
            sheet.setCell(headerRow + 1 + r, 1 + c, { value: cell, numberFormat, bold });
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
    return cells;
  }
}

function assertSheetName(name: string): void {
  if (!isValidSheetName(name)) throw invalidSheetName(name);
}
