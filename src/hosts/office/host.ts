/**
 * OfficeHost: the workbook port over Excel's JavaScript API (Office.js).
 *
 * Excel.run is injected, so production passes the real one and tests pass the fake. Every round trip is a
 * context.sync wrapped in a timeout (Excel on the web can hang), and Excel's errors are wrapped with their code,
 * message and debugInfo.errorLocation, never swallowed.
 *
 * Round trips: reading tables takes 2 syncs when everything fits in one response (metadata + a sample of rows,
 * then all values), one more per ~4 MB chunk otherwise, and one more when a table is named with a spelling Excel's
 * own lookup misses ("Parámetros" for "Parametros": tables are matched by the port's selectTables); writing results
 * takes 1 sync to inspect the workbook plus one per ~4 MB of cells (everything else rides along). Input tables are
 * never written: the shared plan check (src/workbook/plan-check.ts) refuses a result sheet whose name matches a
 * sheet holding any table that is not a result table before the write starts.
 *
 * Formulas without a value: Excel calculates every formula, so in automatic calculation Range.values is what the
 * user sees (a formula returning "" is a blank cell). When Excel says the workbook is not calculated
 * (Application.calculationState not "Done", ExcelApi 1.8; without it, manual calculation mode), the formulas are
 * read too and a formula cell whose value is empty is handed to the contract as a formula without value (an
 * error, never a blank). A stale non-empty value (manual calculation, edited inputs) cannot be told from a current
 * one through Office.js.
 */
import type {
  CellValue,
  ResultCell,
  ResultSheet,
  ResultsPlan,
  ResultTable,
  SourceInfo,
  TableGrid,
  TableInfo,
  WorkbookHost,
  WriteReport,
} from '../../workbook/port';
import { HostError, selectTables, tableNameKey } from '../../workbook/port';
import { checkResultsPlan } from '../../workbook/plan-check';
import { placeTables } from '../../workbook/results-layout';
import { areaAddress, columnLetters, localPart, parseA1, toA1 } from '../../workbook/a1';
import { fromOfficeCell, fromOfficeValue, textForExcel, toOfficeInput } from './cells';
import { fromExcel, syncTimeout, type Phase } from './messages';
import {
  CHUNK_BUDGET,
  ACTION_OVERHEAD,
  packRows,
  packWrites,
  rowBytes,
  splitBatch,
  type RowSegment,
  type WriteStep,
} from './payload';
import { defaultDigest, tablesBytes, type Digest } from '../../workbook/fingerprint';
import { waterfallBlock } from './waterfall-chart';

export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export interface OfficeHostOptions {
  /** Excel.run (tests pass FakeExcel.run). */
  run: typeof Excel.run;
  /** Office.context.requirements. */
  requirements: Requirements;
  /** Timeout of each context.sync (default 30 s). */
  syncTimeoutMs?: number;
  /** SHA-256 of bytes as hex (default: Web Crypto, else a TypeScript implementation). */
  hash?: Digest;
  /** Bytes per sync for values (default 4 MB, under Excel on the web's 5 MB limit). */
  chunkBytes?: number;
}

/** What Excel accepts as a table name: a letter, _ or \ first, then letters, digits, _ . or \. */
const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;
/** Rows read in the first sync to estimate each table's bytes per row. */
const SAMPLE_ROWS = 32;
const TABLE_STYLE = 'TableStyleMedium2';
const CHART_COLOR = '#2F5597';
/** Excel column width is in points; result columns give characters (about 7 px each, plus padding). */
const pointsForChars = (chars: number): number => Math.round((chars * 7 + 5) * 0.75);

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
  private readonly syncTimeoutMs: number;
  private readonly hash: Digest;
  private readonly chunkBytes: number;
  /** Tables read so far (by lower-case name): the run's inputs, fingerprinted by describeSource. */
  private readonly inputs = new Map<string, TableGrid>();

  constructor(options: OfficeHostOptions) {
    this.run = options.run;
    this.requirements = options.requirements;
    this.syncTimeoutMs = options.syncTimeoutMs ?? 30_000;
    this.hash = options.hash ?? defaultDigest;
    this.chunkBytes = options.chunkBytes ?? CHUNK_BUDGET;
  }

  // ------------------------------------------------------------------------------------------ plumbing

  /** One context.sync with a timeout; Excel's errors come back wrapped (code, message, errorLocation). */
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

    return this.exec('read_tables', async (context) => {
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
      const app = context.workbook.application.load(
        this.supports('1.8') ? 'calculationMode, calculationState' : 'calculationMode',
      );
      const probes = direct.map(probe);
      await this.sync(context, 'read_tables');
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
        await this.sync(context, 'read_tables');
        for (const p of more) if (!p.table.isNullObject) byName.set(p.table.name.toLowerCase(), p);
      }
      const chosen: [string, TableProbe][] = [];
      for (const [key, name] of selected) {
        const p = byName.get(name.toLowerCase());
        if (p) chosen.push([key, p]);
      }
      const found = chosen.map(([, p]) => p);

      // A workbook Excel has not calculated: formulas are read too, so one without a value is not taken as blank.
      const calculated = this.supports('1.8') ? app.calculationState === 'Done' : app.calculationMode !== 'Manual';
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
          await this.sync(context, 'read_tables');
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
        this.inputs.set(grid.name.toLowerCase(), grid);
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
      // Nothing read yet: the workbook's tables are the inputs.
      const all = await this.listTables();
      await this.readTables(all.map((t) => t.name));
    }
    const fingerprint = await this.hash(tablesBytes(this.inputs.values()));
    return { name: name || 'Libro', fingerprint, fingerprintOf: 'tables' };
  }

  // ------------------------------------------------------------------------------------------ writes

  async writeResults(plan: ResultsPlan): Promise<WriteReport> {
    // The plan's own problems, before Excel is asked anything.
    checkResultsPlan(plan);

    return this.exec('write_results', async (context) => {
      // Sync 1: what the workbook holds, to refuse before writing anything.
      const workbook = context.workbook;
      const sheets = workbook.worksheets.load('items/name');
      const tables = workbook.tables.load('items/name, items/worksheet/name');
      workbook.load('name');
      await this.sync(context, 'write_results');

      // Against the workbook: Excel does not know which tables are results, so the plan's table names tell.
      checkResultsPlan(
        plan,
        tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
      );

      const existing = new Set(sheets.items.map((s) => s.name.toLowerCase()));
      const native = this.supports('1.9');
      const steps: WriteStep<Excel.RequestContext>[] = [];
      let cells = 0;
      for (const sheet of plan.sheets)
        cells += this.sheetSteps(sheet, existing.has(sheet.name.toLowerCase()), native, steps);

      // Syncs 2…: the writes, about 4 MB each, calculation and screen updating suspended where Excel allows.
      const { batches } = packWrites(steps, this.chunkBytes);
      const suspendCalculation = this.supports('1.8');
      const suspendScreen = this.supports('1.9');
      for (const batch of batches) {
        if (suspendCalculation) workbook.application.suspendApiCalculationUntilNextSync();
        if (suspendScreen) workbook.application.suspendScreenUpdatingUntilNextSync();
        for (const apply of batch) apply(context);
        await this.sync(context, 'write_results');
      }
      return { sheetsWritten: plan.sheets.map((s) => s.name), cellsWritten: cells, target: workbook.name || 'Libro' };
    });
  }

  /** The steps that (re)create one result sheet; returns the number of cells written. */
  private sheetSteps(
    plan: ResultSheet,
    exists: boolean,
    native: boolean,
    steps: WriteStep<Excel.RequestContext>[],
  ): number {
    let ws: Excel.Worksheet | undefined;
    const sheet = (): Excel.Worksheet => {
      if (!ws) throw new Error(`internal: sheet "${plan.name}" used before it was added`);
      return ws;
    };
    const fixed = (bytes: number, apply: (context: Excel.RequestContext) => void): void => {
      steps.push({ kind: 'fixed', bytes: bytes + ACTION_OVERHEAD, apply });
    };
    let cells = 0;

    fixed(0, (context) => {
      if (exists) context.workbook.worksheets.getItem(plan.name).delete();
      ws = context.workbook.worksheets.add(plan.name);
    });

    const placements = placeTables(plan.tables);
    const widest = Math.max(1, ...plan.tables.map((t) => t.columns.length));
    let lastRow = 1;
    plan.tables.forEach((table, ti) => {
      const place = placements[ti];
      const cols = table.columns.length;
      lastRow = Math.max(lastRow, place.lastRow);
      if (table.title) {
        const title = [[textForExcel(table.title)]];
        fixed(rowBytes(title[0]), () => {
          const r = sheet().getRange(toA1(place.titleRow!, 1));
          r.values = title;
          r.format.font.bold = true;
        });
        cells++;
      }
      const header = [table.columns.map((c) => textForExcel(c.header))];
      fixed(rowBytes(header[0]), () => {
        sheet().getRange(areaAddress(place.headerRow, 1, 1, cols)).values = header;
      });
      cells += cols;

      const input = table.rows.map((row: ResultCell[]) => row.map(toOfficeInput));
      steps.push({
        kind: 'rows',
        rowBytes: input.map(rowBytes),
        apply: (_context, start, end) => {
          sheet().getRange(areaAddress(place.firstDataRow + start, 1, end - start, cols)).formulas = input.slice(
            start,
            end,
          );
        },
      });
      cells += input.length * cols;

      const bodyRows = Math.max(1, table.rows.length);
      fixed(0, () => {
        const s = sheet();
        table.columns.forEach((c, j) => {
          // One format for the whole column: Excel copies a single value to every cell of the range.
          s.getRange(areaAddress(place.firstDataRow, 1 + j, bodyRows, 1)).numberFormat = [[c.numberFormat]];
        });
        const t = s.tables.add(areaAddress(place.headerRow, 1, 1 + bodyRows, cols), true);
        t.name = table.name;
        t.style = TABLE_STYLE;
        for (const [from, count] of runs(table.totalRows ?? [])) {
          s.getRange(areaAddress(place.firstDataRow + from, 1, count, cols)).format.font.bold = true;
        }
      });
      // Cells with their own format (a run-info value in %, MXN or integers) override their column's, after it.
      const own = cellFormatRuns(table);
      if (own.length > 0) {
        fixed(
          own.reduce((n, f) => n + JSON.stringify([[f.numberFormat]]).length + ACTION_OVERHEAD, 0),
          () => {
            const s = sheet();
            for (const f of own)
              s.getRange(areaAddress(place.firstDataRow + f.row, 1 + f.column, f.count, 1)).numberFormat = [
                [f.numberFormat],
              ];
          },
        );
      }
    });

    // Charts: a data block beside the tables (live formulas) and a native or stacked-column waterfall.
    for (const chart of plan.charts ?? []) {
      const block = waterfallBlock(plan, chart, native ? 'native' : 'stacked');
      const rowsInBlock = block.cells;
      fixed(JSON.stringify(rowsInBlock).length, () => {
        const s = sheet();
        s.getRange(areaAddress(block.row, block.column, rowsInBlock.length, rowsInBlock[0].length)).formulas =
          rowsInBlock.map((r) => r.map((v) => (typeof v === 'string' && !v.startsWith('=') ? textForExcel(v) : v)));
        block.numberFormats.forEach((f, j) => {
          s.getRange(areaAddress(block.row + 1, block.column + j, rowsInBlock.length - 1, 1)).numberFormat = [[f]];
        });
        const c = s.charts.add(native ? 'Waterfall' : 'ColumnStacked', s.getRange(block.sourceAddress), 'Columns');
        c.title.text = block.title;
        c.legend.visible = false;
        c.setPosition(block.position.start, block.position.end);
        if (!native) {
          for (let i = 0; i < 3; i++) {
            const series = c.series.getItemAt(i);
            if (block.hiddenSeries.includes(i)) series.format.fill.clear();
            else series.format.fill.setSolidColor(CHART_COLOR);
          }
          c.series.getItemAt(0).gapWidth = 60;
        }
      });
      cells += rowsInBlock.length * rowsInBlock[0].length;
      lastRow = Math.max(lastRow, block.row + rowsInBlock.length - 1);
    }

    // Widths after the data: autofit what has no stated width, then the stated widths; freeze the header.
    const widths = new Map<number, number>();
    for (const t of plan.tables) {
      t.columns.forEach((c, j) => {
        if (c.width !== undefined) widths.set(j + 1, Math.max(widths.get(j + 1) ?? 0, c.width));
      });
    }
    fixed(0, () => {
      const s = sheet();
      s.getRange(`A1:${columnLetters(widest)}${lastRow}`).format.autofitColumns();
      for (const [col, chars] of widths)
        s.getRange(`${columnLetters(col)}1`).format.columnWidth = pointsForChars(chars);
      if (plan.freezeHeader && placements.length > 0) s.freezePanes.freezeRows(placements[0].headerRow);
    });
    return cells;
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

/** Consecutive row indexes as [first, count] runs, so adjacent total rows take one action. */
/** ResultTable.cellFormats as vertical runs of one format in one column (0-based data row and column). */
function cellFormatRuns(table: ResultTable): { row: number; column: number; count: number; numberFormat: string }[] {
  const out: { row: number; column: number; count: number; numberFormat: string }[] = [];
  const formats = table.cellFormats ?? [];
  for (let c = 0; c < table.columns.length; c++) {
    let open: (typeof out)[number] | undefined;
    for (let r = 0; r < table.rows.length; r++) {
      const f = formats[r]?.[c];
      if (f !== undefined && open?.numberFormat === f) open.count++;
      else if (f !== undefined) out.push((open = { row: r, column: c, count: 1, numberFormat: f }));
      else open = undefined;
    }
  }
  return out;
}

function runs(indexes: readonly number[]): [number, number][] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === i) last[1]++;
    else out.push([i, 1]);
  }
  return out;
}
