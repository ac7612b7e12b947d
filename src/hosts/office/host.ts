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
 * own lookup misses ("Parámetros" for "Parametros": tables are matched by the port's selectTables). Each table comes
 * with its TableSourceFacts (table-facts.ts), loaded in the first sync; one more sync only when some (not all) of a
 * table's data rows are hidden (two for a table longer than HIDDEN_BLOCKS rows) or values just below a table may be
 * the cells of another table of its sheet that was not read. Results never
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
  TableSourceFacts,
  WorkbookHost,
  WriteOptions,
  WriteReport,
} from '../../workbook/port';
import {
  HostError,
  selectTables,
  tableNameKey,
  type AddInputTablesReport,
  type AddInputTablesRequest,
} from '../../workbook/port';
import { areaAddress, localPart, MAX_ROWS, parseA1 } from '../../workbook/a1';
import { rangeGrid, type RangeRef } from '../../workbook/range-source';
import { fromOfficeCell, fromOfficeValue } from './cells';
import { exportUnsupported, fromExcel, syncTimeout, writeInProgress, type Phase } from './messages';
import { base64Of } from './base64';
import { CHUNK_BUDGET, packRows, rowBytes, splitBatch, type RowSegment } from './payload';
import { defaultDigest, tablesBytes, tablesFingerprint, type Digest } from '../../workbook/fingerprint';
import { ResultsWriter } from './write';
import { addInputTables } from './add-tables';
import { RowsSaver } from './save-rows';
import { INPUT_TABLE_NAMES } from '../../workbook/contract/specs';
import { inputTablesOf } from '../../workbook/mapping/mapping';
import {
  HiddenRowsSearch,
  blockOf,
  cellsBelow,
  loadFacts,
  nonEmptyBelow,
  sourceFacts,
  type FactsLoads,
} from './table-facts';

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
  /** name, showHeaders, showTotals. */
  table: Excel.Table;
  sheet: Excel.Worksheet;
  /** The whole table (header row when shown, body, totals row when shown): address. */
  range: Excel.Range;
  /**
   * The first row of the table's range: the headers, or, with the header row switched off, the first data row, which
   * then stands as the grid's headers (as the .xlsx reader reads such a table, so the contract says header_row_off).
   */
  first: Excel.Range;
  /** The data body: address, size and rowHidden. */
  body: Excel.Range;
  /** The rows under `first`, for the byte estimate. */
  sample: Excel.Range;
  facts: FactsLoads;
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

  /**
   * Ranges that are not tables (a mapping's sources, src/workbook/range-source.ts), read as tables are: sync 1 finds
   * each sheet (WorksheetCollection.getItemOrNullObject, ExcelApi 1.4) and whether Excel has calculated; sync 2 the
   * last used row of an open range's columns (Range.getUsedRangeOrNullObject(true), 1.4) and a sample of rows for the
   * byte estimate; syncs 3… the values in chunks of about 4 MB (formulas too when Excel has not calculated). A range
   * on a sheet that does not exist is absent. Only read.
   */
  async readRanges(ranges: readonly RangeRef[]): Promise<Map<string, TableGrid>> {
    const out = await this.readRangeGrids(ranges, 'read_tables');
    for (const grid of out.values()) this.inputs.set(grid.name.toLowerCase(), grid);
    return out;
  }

  /** readRanges without remembering them as the run's inputs (inputFingerprint compares, it does not replace). */
  private readRangeGrids(ranges: readonly RangeRef[], phase: Phase): Promise<Map<string, TableGrid>> {
    return this.exec(phase, async (context) => {
      const app = context.workbook.application.load(
        this.supports('1.9') ? 'calculationMode, calculationState' : 'calculationMode',
      );
      const probes = ranges.map((r) => ({
        r,
        ws: context.workbook.worksheets.getItemOrNullObject(r.sheet).load('name'),
      }));
      await this.sync(context, phase);
      const live = probes
        .filter((p) => !p.ws.isNullObject)
        .map(({ r, ws }) => {
          const width = r.right - r.left + 1;
          const reach = (r.bottom ?? MAX_ROWS) - r.top + 1;
          const used =
            r.bottom === null
              ? ws
                  .getRange(areaAddress(r.top, r.left, reach, width))
                  .getUsedRangeOrNullObject(true)
                  .load('rowIndex, rowCount')
              : null;
          const sample = ws
            .getRange(areaAddress(r.top, r.left, Math.min(reach, SAMPLE_ROWS + 1), width))
            .load('values');
          return { r, ws, width, used, sample };
        });
      await this.sync(context, phase);
      const heights = live.map(({ r, used }) => {
        if (r.bottom !== null) return r.bottom - r.top + 1;
        if (!used || used.isNullObject) return 1;
        return Math.max(1, used.rowIndex + used.rowCount - r.top + 1);
      });
      const cells = await this.readRowChunks(
        context,
        phase,
        app,
        live.map((p, i) => ({ rows: heights[i], sample: p.sample.values })),
        (seg) => {
          const { r, ws, width } = live[seg.table];
          return ws.getRange(areaAddress(r.top + seg.start, r.left, seg.count, width));
        },
      );
      return new Map(live.map((p, i) => [p.r.ref, rangeGrid(p.r, p.ws.name, cells[i])]));
    });
  }

  /**
   * The rows of several blocks (tables' bodies, ranges), read in syncs of about 4 MB each, estimated from each
   * block's sampled rows; a batch Excel still finds too large is halved and retried. `rangeOf` gives the range of a
   * segment of a block. A workbook Excel has not calculated (`app`, loaded with calculationMode, and
   * calculationState where 1.9 has it) is read with its formulas too, so a formula without a value is not taken as
   * blank.
   */
  private async readRowChunks(
    context: Excel.RequestContext,
    phase: Phase,
    app: Excel.Application,
    blocks: readonly { rows: number; sample: unknown[][] }[],
    rangeOf: (seg: RowSegment) => Excel.Range,
  ): Promise<CellValue[][][]> {
    const calculated = this.supports('1.9') ? app.calculationState === 'Done' : app.calculationMode !== 'Manual';
    const what = calculated ? 'values' : 'values, formulas';
    const rows = blocks.map((b) => new Array<CellValue[]>(b.rows));
    const queue: RowSegment[][] = packRows(
      blocks.map((b) => ({ rows: b.rows, bytesPerRow: bytesPerRow(b.sample, b.rows) * (calculated ? 1 : 2) })),
      this.chunkBytes,
    );
    while (queue.length > 0) {
      const batch = queue.shift()!;
      const loads = batch.map((seg) => ({ seg, range: rangeOf(seg).load(what) }));
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
    return rows;
  }

  /**
   * Reads tables without remembering them as the run's inputs (inputFingerprint compares, it does not replace).
   * `facts` false leaves TableGrid.source out and spares the syncs hidden rows take (a fingerprint needs only cells).
   */
  private async readGrids(names: readonly string[], phase: Phase, facts = true): Promise<Map<string, TableGrid>> {
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
      const supports = (v: string): boolean => this.supports(v);
      const probe = (name: string): TableProbe => {
        // Table.showHeaders, showTotals: ExcelApi 1.1; Range.rowHidden, getRowsBelow: 1.2.
        const table = context.workbook.tables.getItemOrNullObject(name).load('name, showHeaders, showTotals');
        const sheet = table.worksheet.load('name');
        const range = table.getRange().load('address');
        const first = range.getRow(0).load('values');
        const body = table.getDataBodyRange().load('address, rowCount, columnCount, rowHidden');
        const sample = first.getRowsBelow(SAMPLE_ROWS).load('values');
        return { table, sheet, range, first, body, sample, facts: loadFacts(table, range, supports) };
      };
      // Sync 1: every table's name and sheet, whether Excel has calculated, and for each name Excel can look up:
      // where the table is, its headers, size, a sample of rows for the byte estimate and its source facts.
      const all = context.workbook.tables.load('items/name, items/worksheet/name');
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
      // With the header row switched off, the body's first row stands as the headers (TableProbe.first).
      const offsets = found.map((p): 0 | 1 => (p.table.showHeaders ? 0 : 1));
      const dataRows = found.map((p, i) => Math.max(0, p.body.rowCount - offsets[i]));
      const sources = facts ? await this.readFacts(context, phase, found, offsets, [...byName.values()], all) : [];

      // Syncs 2…: the values, all at once when they fit in one response, else in row chunks of about 4 MB.
      const rows = await this.readRowChunks(
        context,
        phase,
        app,
        found.map((p, i) => ({ rows: dataRows[i], sample: p.sample.values })),
        (seg) => {
          const p = found[seg.table];
          const offset = offsets[seg.table];
          return offset === 0 && seg.start === 0 && seg.count === p.body.rowCount
            ? p.body
            : p.body.getRow(offset + seg.start).getResizedRange(seg.count - 1, 0);
        },
      );

      chosen.forEach(([key, p], i) => {
        const { row, column } = parseA1(p.range.address);
        const grid: TableGrid = {
          name: p.table.name,
          sheet: p.sheet.name,
          headerRow: row,
          firstColumn: column,
          headers: (p.first.values[0] ?? []).map((h: string | number | boolean | null | undefined) =>
            h === null || h === undefined ? '' : String(h),
          ),
          rows: rows[i],
        };
        if (facts) grid.source = sources[i];
        out.set(key, grid);
      });
      return out;
    });
  }

  /**
   * The source facts of the tables found (table-facts.ts), after the first sync loaded them. One more sync only when
   * some of a table's data rows are hidden (their count and which ones), or when values below a table may belong to
   * another table of its sheet that was not probed (its range); one after that when a long table's hidden rows need
   * looking at row by row.
   */
  private async readFacts(
    context: Excel.RequestContext,
    phase: Phase,
    found: readonly TableProbe[],
    offsets: readonly (0 | 1)[],
    probed: readonly TableProbe[],
    all: Excel.TableCollection,
  ): Promise<TableSourceFacts[]> {
    const searches = found.map((p, i) => new HiddenRowsSearch(p.body, offsets[i]));
    // Where the tables lie, by sheet: the probed ones are known; a sheet's others are located (one range address
    // each) only when values lie below a table of that sheet, as they may be another table's cells.
    const placed: { sheet: string; name: string; range: Excel.Range }[] = probed.map((p) => ({
      sheet: p.sheet.name,
      name: p.table.name.toLowerCase(),
      range: p.range,
    }));
    const below = found.map((p) => {
      const block = blockOf(p.range.address);
      return nonEmptyBelow(p.facts.below.values, block.bottom + 1, block.left);
    });
    const located = new Set(placed.map((t) => t.name));
    let locating = false;
    found.forEach((p, i) => {
      if (below[i].length === 0) return;
      for (const t of all.items) {
        const name = t.name.toLowerCase();
        if (t.worksheet.name !== p.sheet.name || located.has(name)) continue;
        located.add(name);
        locating = true;
        const range = context.workbook.tables.getItem(t.name).getRange().load('address');
        placed.push({ sheet: p.sheet.name, name, range });
      }
    });
    const pending = searches.filter((s) => !s.done);
    for (const s of pending) s.queueBlocks();
    if (pending.length > 0 || locating) await this.sync(context, phase);
    const more = pending.filter((s) => s.queueRows());
    if (more.length > 0) await this.sync(context, phase);
    for (const s of more) s.finish();

    return found.map((p, i) => {
      const own = p.table.name.toLowerCase();
      const others = placed
        .filter((t) => t.sheet === p.sheet.name && t.name !== own)
        .map((t) => blockOf(t.range.address));
      return sourceFacts(p.table, p.facts, searches[i].result!, cellsBelow(below[i], others));
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
    // The contract's tables, the saved mapping and the user's tables it reads (src/workbook/mapping).
    const grids = await inputTablesOf(
      (names) => this.readGrids(names, 'input_fingerprint', false),
      (ranges) => this.readRangeGrids(ranges, 'input_fingerprint'),
    );
    return tablesFingerprint(grids, this.hash);
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

  /** The template's missing input tables on new sheets (./add-tables.ts); drop-down lists from ExcelApi 1.8. */
  async addInputTables(request: AddInputTablesRequest): Promise<AddInputTablesReport> {
    return this.exec('add_tables', (context) =>
      addInputTables(context, request, this.supports('1.8'), () => this.sync(context, 'add_tables')),
    );
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
