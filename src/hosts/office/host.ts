/**
 * OfficeHost: the workbook port over Excel's JavaScript API (Office.js).
 *
 * Excel.run is injected, so production passes the real one and tests pass the fake. Excel's errors are wrapped with
 * their code, message and debugInfo.errorLocation, never swallowed; known states (a cell being edited, a protected or
 * read-only workbook, a co-author's clash) get their own es/en message (messages.ts).
 *
 * Reads keep a timeout on each context.sync (Excel on the web can hang; a read abandoned by its timeout changes
 * nothing). Writes never race a timeout: Office.js cannot cancel a sync, so a timed-out write would go on in Excel
 * while a retry interleaves with it. A write instead waits for Excel, reports progress, and a second write while one
 * runs is refused (write.ts explains the write).
 *
 * Round trips: reading tables takes 2 syncs when everything fits in one response (metadata + a sample of rows,
 * then all values), one more per ~4 MB chunk otherwise, and one more when a table is named with a spelling Excel's
 * own lookup misses ("Parámetros" for "Parametros": tables are matched by the port's selectTables). Results never
 * go into input tables: the shared plan check (src/workbook/plan-check.ts) refuses a result sheet whose name matches
 * a sheet holding any table that is not a result table before the write starts. The one write into an input table is
 * saveRows, on the user's explicit "Save scenario" (save-rows.ts).
 *
 * Formulas without a value: Excel calculates every formula, so in automatic calculation Range.values is what the
 * user sees (a formula returning "" is a blank cell). When Excel says the workbook is not calculated
 * (Application.calculationState not "Done", ExcelApi 1.9; without it, manual calculation mode), the formulas are
 * read too and a formula cell whose value is empty is handed to the contract as a formula without value (an
 * error, never a blank). A stale non-empty value (manual calculation, edited inputs) cannot be told from a current
 * one through Office.js.
 */
import type {
  CellValue,
  ResultsPlan,
  SaveRowsReport,
  SaveRowsRequest,
  SourceInfo,
  TableGrid,
  TableInfo,
  TablesExportReport,
  WorkbookHost,
  WriteOptions,
  WriteReport,
} from '../../workbook/port';
import { HostError, selectTables, tableNameKey } from '../../workbook/port';
import { localPart, parseA1 } from '../../workbook/a1';
import { fromOfficeCell, fromOfficeValue } from './cells';
import { exportUnsupported, fromExcel, syncTimeout, writeInProgress, type Phase } from './messages';
import { base64Of } from './base64';
import { CHUNK_BUDGET, packRows, rowBytes, splitBatch, type RowSegment } from './payload';
import { defaultDigest, tablesBytes, tablesFingerprint, type Digest } from '../../workbook/fingerprint';
import { ResultsWriter } from './write';
import { RowsSaver } from './save-rows';
import { INPUT_TABLE_NAMES } from '../../workbook/contract/specs';

export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export interface OfficeHostOptions {
  /** Excel.run (tests pass FakeExcel.run). */
  run: typeof Excel.run;
  /** Office.context.requirements. */
  requirements: Requirements;
  /**
   * Excel.createWorkbook (ExcelApi 1.8): opens a base64 .xlsx as a new workbook in Excel (tests pass the fake's).
   * Without it, exportTables refuses (export_unsupported).
   */
  createWorkbook?: (base64File: string) => Promise<void>;
  /** Timeout of each context.sync (default 30 s). */
  syncTimeoutMs?: number;
  /** SHA-256 of bytes as hex (default: Web Crypto, else a TypeScript implementation). */
  hash?: Digest;
  /** Bytes per sync for values (default 4 MB, under Excel on the web's 5 MB limit). */
  chunkBytes?: number;
  /** A write sync waiting this long calls onWaiting('cell_edit') (default 3 s). */
  cellEditNoticeMs?: number;
}

/** What Excel accepts as a table name: a letter, _ or \ first, then letters, digits, _ . or \. */
const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;
/** Rows read in the first sync to estimate each table's bytes per row. */
const SAMPLE_ROWS = 32;

interface TableProbe {
  table: Excel.Table;
  sheet: Excel.Worksheet;
  header: Excel.Range;
  body: Excel.Range;
  sample: Excel.Range;
}

function isPayloadLimit(e: unknown): boolean {
  return (
    e instanceof HostError &&
    (e.excelCode === 'RequestPayloadSizeLimitExceeded' || e.excelCode === 'ResponsePayloadSizeLimitExceeded')
  );
}

/** Average JSON bytes of the sampled rows that belong to the table. */
function bytesPerRow(sample: unknown[][], rowCount: number): number {
  const n = Math.min(sample.length, rowCount);
  if (n <= 0) return 1;
  let total = 0;
  for (let i = 0; i < n; i++) total += rowBytes(sample[i]);
  return Math.ceil(total / n);
}

export class OfficeHost implements WorkbookHost {
  readonly kind = 'office' as const;
  private readonly run: typeof Excel.run;
  private readonly requirements: Requirements;
  private readonly createWorkbook?: (base64File: string) => Promise<void>;
  private readonly syncTimeoutMs: number;
  private readonly hash: Digest;
  private readonly chunkBytes: number;
  private readonly cellEditNoticeMs: number;
  /** Tables read so far (by lower-case name): the run's inputs, fingerprinted by describeSource. */
  private readonly inputs = new Map<string, TableGrid>();
  /** A write is running (writeResults refuses a second one). */
  private writing = false;

  constructor(options: OfficeHostOptions) {
    this.run = options.run;
    this.requirements = options.requirements;
    this.createWorkbook = options.createWorkbook;
    this.syncTimeoutMs = options.syncTimeoutMs ?? 30_000;
    this.hash = options.hash ?? defaultDigest;
    this.chunkBytes = options.chunkBytes ?? CHUNK_BUDGET;
    this.cellEditNoticeMs = options.cellEditNoticeMs ?? 3_000;
  }

  // ------------------------------------------------------------------------------------------ plumbing

  /**
   * One context.sync of a read, with a timeout; Excel's errors come back wrapped (code, message, errorLocation).
   * Never used for writes: a timeout cancels nothing in Excel.
   */
  private async sync(context: Excel.RequestContext, phase: Phase): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(syncTimeout(phase, this.syncTimeoutMs)), this.syncTimeoutMs);
    });
    try {
      await Promise.race([context.sync(), timeout]);
    } catch (e) {
      throw fromExcel(e, phase);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Excel.run with errors raised outside a sync (e.g. PropertyNotLoaded) wrapped the same way. */
  private async exec<T>(phase: Phase, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.run(batch);
    } catch (e) {
      throw fromExcel(e, phase);
    }
  }

  private supports(version: string): boolean {
    return this.requirements.isSetSupported('ExcelApi', version);
  }

  // ------------------------------------------------------------------------------------------ reads

  async listTables(): Promise<TableInfo[]> {
    return this.exec('list_tables', async (context) => {
      const tables = context.workbook.tables.load('items/name, items/worksheet/name, items/rows/count');
      await this.sync(context, 'list_tables');
      return tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name, rowCount: t.rows.count }));
    });
  }

  async readTables(names: readonly string[]): Promise<Map<string, TableGrid>> {
    const out = await this.readGrids(names, 'read_tables');
    for (const grid of out.values()) this.inputs.set(grid.name.toLowerCase(), grid);
    return out;
  }

  /** Reads tables without remembering them as the run's inputs (inputFingerprint compares, it does not replace). */
  private async readGrids(names: readonly string[], phase: Phase): Promise<Map<string, TableGrid>> {
    const out = new Map<string, TableGrid>();
    if (!names.some((n) => tableNameKey(n) !== '')) return out;
    // Names Excel can look up itself (case-insensitively) are probed in the first sync; a name no Excel table can
    // have (spaces, punctuation: contract aliases like "Costo de servir") is matched through the list of tables.
    const direct: string[] = [];
    const seen = new Set<string>();
    for (const n of names) {
      if (!TABLE_NAME.test(n) || seen.has(n.toLowerCase())) continue;
      seen.add(n.toLowerCase());
      direct.push(n);
    }

    return this.exec(phase, async (context) => {
      const probe = (name: string): TableProbe => {
        const table = context.workbook.tables.getItemOrNullObject(name).load('name');
        const sheet = table.worksheet.load('name');
        const header = table.getHeaderRowRange().load('values, address');
        const body = table.getDataBodyRange().load('address, rowCount, columnCount');
        const sample = header.getRowsBelow(SAMPLE_ROWS).load('values');
        return { table, sheet, header, body, sample };
      };
      // Sync 1: every table's name, whether Excel has calculated, and for each name Excel can look up: where the
      // table is, its headers, size and a sample of rows for the byte estimate.
      const all = context.workbook.tables.load('items/name');
      // Application.calculationState: ExcelApi 1.9 (Excel.CalculationState); calculationMode (get): 1.1.
      const app = context.workbook.application.load(
        this.supports('1.9') ? 'calculationMode, calculationState' : 'calculationMode',
      );
      const probes = direct.map(probe);
      await this.sync(context, phase);
      const byName = new Map<string, TableProbe>();
      for (const p of probes) if (!p.table.isNullObject) byName.set(p.table.name.toLowerCase(), p);

      // Which tables answer (the port's matcher); one more sync for those only another spelling finds.
      const selected = selectTables(
        all.items.map((t) => t.name),
        names,
      );
      const others = [...selected.values()].filter((n) => !byName.has(n.toLowerCase()));
      if (others.length > 0) {
        const more = others.map(probe);
        await this.sync(context, phase);
        for (const p of more) if (!p.table.isNullObject) byName.set(p.table.name.toLowerCase(), p);
      }
      const chosen: [string, TableProbe][] = [];
      for (const [key, name] of selected) {
        const p = byName.get(name.toLowerCase());
        if (p) chosen.push([key, p]);
      }
      const found = chosen.map(([, p]) => p);

      // A workbook Excel has not calculated: formulas are read too, so one without a value is not taken as blank.
      const calculated = this.supports('1.9') ? app.calculationState === 'Done' : app.calculationMode !== 'Manual';
      const what = calculated ? 'values' : 'values, formulas';

      // Syncs 2…: the values, all at once when they fit in one response, else in row chunks of about 4 MB.
      const rows: CellValue[][][] = found.map((p) => new Array<CellValue[]>(p.body.rowCount));
      const queue: RowSegment[][] = packRows(
        found.map((p) => ({
          rows: p.body.rowCount,
          bytesPerRow: bytesPerRow(p.sample.values, p.body.rowCount) * (calculated ? 1 : 2),
        })),
        this.chunkBytes,
      );
      while (queue.length > 0) {
        const batch = queue.shift()!;
        const loads = batch.map((seg) => {
          const p = found[seg.table];
          const range =
            seg.start === 0 && seg.count === p.body.rowCount
              ? p.body
              : p.body.getRow(seg.start).getResizedRange(seg.count - 1, 0);
          return { seg, range: range.load(what) };
        });
        try {
          await this.sync(context, phase);
        } catch (e) {
          // The estimate came from a sample: when Excel still finds the payload too big, halve the batch and retry.
          const halves = isPayloadLimit(e) ? splitBatch(batch) : null;
          if (!halves) throw e;
          queue.unshift(...halves);
          continue;
        }
        for (const { seg, range } of loads) {
          const values = range.values;
          const formulas = calculated ? undefined : range.formulas;
          const target = rows[seg.table];
          for (let i = 0; i < seg.count; i++) {
            target[seg.start + i] = formulas
              ? values[i].map((v, j) => fromOfficeCell(v, formulas[i][j]))
              : values[i].map(fromOfficeValue);
          }
        }
      }

      chosen.forEach(([key, p], i) => {
        const { row, column } = parseA1(p.header.address);
        const grid: TableGrid = {
          name: p.table.name,
          sheet: p.sheet.name,
          headerRow: row,
          firstColumn: column,
          headers: (p.header.values[0] ?? []).map((h: string | number | boolean | null | undefined) =>
            h === null || h === undefined ? '' : String(h),
          ),
          rows: rows[i],
        };
        out.set(key, grid);
      });
      return out;
    });
  }

  async describeSource(): Promise<SourceInfo> {
    const name = await this.exec('describe_source', async (context) => {
      context.workbook.load('name');
      await this.sync(context, 'describe_source');
      return context.workbook.name;
    });
    if (this.inputs.size === 0) {
      // Nothing read yet: the contract's input tables are the inputs.
      await this.readTables(INPUT_TABLE_NAMES);
    }
    const fingerprint = await this.hash(tablesBytes(this.inputs.values()));
    return { name: name || 'Libro', fingerprint, fingerprintOf: 'tables' };
  }

  /**
   * The contract's input tables as they are now (INPUT_TABLE_NAMES, matched as readTables matches them),
   * fingerprinted with tablesFingerprint: read afresh, without replacing what the run read. Equal to describeSource's
   * fingerprint while nothing changed since the run read them.
   */
  async inputFingerprint(): Promise<string> {
    const grids = await this.readGrids(INPUT_TABLE_NAMES, 'input_fingerprint');
    return tablesFingerprint(grids.values(), this.hash);
  }

  // ------------------------------------------------------------------------------------------ writes

  /**
   * Writes the plan safely (src/hosts/office/write.ts): previous results found by their owner markers and rewritten
   * in place, nothing written over cells that are not ours, no timeout on write syncs, charts guarded. One write at
   * a time: a second call while one runs is refused (write_in_progress) rather than interleaved with it in Excel.
   * Excel.run({ delayForCellEdit: true }) makes Excel hold the batch while the user edits a cell instead of failing.
   */
  async writeResults(plan: ResultsPlan, options: WriteOptions = {}): Promise<WriteReport> {
    if (this.writing) throw writeInProgress();
    this.writing = true;
    try {
      const settings = {
        supports: (v: string) => this.supports(v),
        chunkBytes: this.chunkBytes,
        cellEditNoticeMs: this.cellEditNoticeMs,
      };
      const batch = (context: Excel.RequestContext) => new ResultsWriter(context, plan, settings, options).write();
      try {
        return await this.run({ delayForCellEdit: true }, batch);
      } catch (e) {
        throw fromExcel(e, 'write_results');
      }
    } finally {
      this.writing = false;
    }
  }

  /**
   * Replaces the rows of one key in an input table, or creates the table (src/hosts/office/save-rows.ts): the one
   * write into input tables, on the user's "Save scenario". Like writeResults: one write at a time, no timeout on its
   * syncs, Excel.run({ delayForCellEdit: true }).
   */
  async saveRows(request: SaveRowsRequest): Promise<SaveRowsReport> {
    if (this.writing) throw writeInProgress();
    this.writing = true;
    try {
      const settings = { supports: (v: string) => this.supports(v), chunkBytes: this.chunkBytes };
      try {
        return await this.run({ delayForCellEdit: true }, (context) =>
          new RowsSaver(context, request, settings).save(),
        );
      } catch (e) {
        throw fromExcel(e, 'save_rows');
      }
    } finally {
      this.writing = false;
    }
  }

  // ------------------------------------------------------------------------------------------ a new workbook

  /**
   * Input tables (an agreed scenario as the next base) opened in Excel as a NEW workbook: the .xlsx bytes of
   * xlsxBytesOfTables (the direct writer, imported lazily so it stays out of the pane's initial JavaScript), base64-encoded, to
   * Excel.createWorkbook (ExcelApi 1.8, gated: the manifest's minimum is 1.7). Excel shows the new workbook unsaved,
   * in a window of its own; the pane stays with the user's workbook, which nothing here reads or writes. Where 1.8 is
   * missing it throws export_unsupported (saying to use the CLI's export-base) before building anything; Excel's own
   * refusal (e.g. an extension-hardening policy) comes back wrapped with its code.
   */
  async exportTables(grids: readonly TableGrid[], name: string): Promise<TablesExportReport> {
    const create = this.createWorkbook;
    if (!create || !this.supports('1.8')) throw exportUnsupported();
    const { xlsxBytesOfTables } = await import(/* webpackChunkName: "xlsx-io" */ '../xlsx/bytes');
    const base64 = base64Of(await xlsxBytesOfTables(grids));
    try {
      await create(base64);
    } catch (e) {
      throw fromExcel(e, 'export_tables');
    }
    return { target: name, delivery: 'new_workbook' };
  }

  // ------------------------------------------------------------------------------------------ navigation

  async selectCell(sheetName: string, address: string): Promise<void> {
    await this.exec('select_cell', async (context) => {
      const ws = context.workbook.worksheets.getItem(sheetName);
      ws.activate();
      ws.getRange(localPart(address)).select();
      await this.sync(context, 'select_cell');
    });
  }
}
