/**
 * Writing a results plan into the live workbook, safely (issue 7). One ResultsWriter per write, inside one
 * Excel.run({ delayForCellEdit: true }).
 *
 * Ownership. Each result sheet carries a hidden, sheet-scoped defined name whose name holds its role
 * (ownerMarkerName: "_ttm_owner_pnl"; Worksheet.names, ExcelApi 1.4; NamedItem.visible, 1.1). The marker, not the
 * sheet's display name, says which sheet a run replaces, so a run in English replaces a run in Spanish. The name's
 * formula is never read (desktop Excel returns it localised). Besides its tables (named ttm_…), the cells a sheet
 * holds that are ours (titles, chart data) are recorded as hidden sheet-scoped names "_ttm_area_N" whose ranges
 * Excel keeps up to date when the user inserts rows or columns; the next run asks Excel for those ranges
 * (NamedItem.getRangeOrNullObject, 1.4).
 *
 * In place. A previous run's sheet is never deleted (that would turn every formula pointing at it into #REF!, and
 * drop what the user added): it is renamed when the language changed (worksheet.name, references follow), its old
 * charts and areas go, each old table either resizes to its new extent (Table.resize, ExcelApi 1.13, when its
 * header stays put) or loses only its table object (Table.convertToRange, 1.2: "all data is preserved"), the cells
 * that were ours and are no longer are cleared, and the new results are written over the same cells. User cells
 * outside our footprint survive. Before anything is written, every cell the new results will occupy that was not
 * ours must be empty (Range.getUsedRangeOrNullObject(true), 1.4), else results_would_overwrite names the cells.
 *
 * Syncs. Inspection: 1 (workbook, sheets, tables, protection) + 1 (each sheet's names and charts, table ranges) +
 * 1 when old areas exist (their ranges) + 1 when cells must be checked (what the new results would cover). Then one
 * sync per ~4 MB of writes, each with calculation suspended (suspendApiCalculationUntilNextSync, ExcelApi 1.6: it
 * lasts one sync); the charts after the data, all in one sync (one each when Excel refuses one); one last sync
 * for widths and frozen panes with screen updating suspended (ExcelApi 1.9, one sync) that recalculates once
 * (Application.calculate, 1.1) unless the workbook calculates manually. No write sync races a timeout (a timeout cancels nothing in Excel, and a retry
 * would interleave with the write still running); a sync that waits longer than a few seconds calls
 * onWaiting('cell_edit') (Excel delays the batch while the user edits a cell). Excel has no transactions: a
 * failure after the first write sync throws write_incomplete with the sheets touched, and the next run repairs them
 * (they carry their markers from the first sync on).
 */
import type {
  PrintSetup,
  ResultSheet,
  ResultsPlan,
  ResultTable,
  HostNotice,
  WriteOptions,
  WriteReport,
  ResultCell,
} from '../../workbook/port';
import {
  AREA_NAME_PREFIX,
  headerFooterText,
  isAreaName,
  isResultTableName,
  ownerMarkerName,
} from '../../workbook/port';
import {
  checkResultsPlan,
  isOurTable,
  rect,
  rectAddress,
  resultsWouldOverwrite,
  sheetFootprint,
  sheetNameTaken,
  subtractAll,
  type CellRect,
  type ExistingTable,
} from '../../workbook/plan-check';
import { placeTables } from '../../workbook/results/tables';
import { areaAddress, columnLetters, localPart, parseA1, toA1 } from '../../workbook/a1';
import { textForExcel, toOfficeInput } from './cells';
import {
  chartFallbackNotice,
  fromExcel,
  manualCalculationNotice,
  printSetupNotApplied,
  printSetupUnsupported,
  readOnlyWorkbook,
  replacedOtherLanguageNotice,
  sheetProtected,
  workbookProtected,
  writeIncomplete,
} from './messages';
import {
  ACTION_OVERHEAD,
  jsonBytes,
  packWrites,
  rowBytes,
  splitWriteBatch,
  type WriteBatch,
  type WriteStep,
} from './payload';
import { chartBlock, type ChartBlock } from './waterfall-chart';

export interface WriterSettings {
  supports(version: string): boolean;
  /** Bytes per write sync (about 4 MB). */
  chunkBytes: number;
  /** How long a sync may wait before onWaiting('cell_edit') is called. */
  cellEditNoticeMs: number;
}

const TABLE_STYLE = 'TableStyleMedium2';
const CHART_COLOR = '#2F5597';
/** Excel column width is in points; result columns give characters (about 7 px each, plus padding). */
const pointsForChars = (chars: number): number => Math.round((chars * 7 + 5) * 0.75);
const lower = (s: string): string => s.toLowerCase();

/** "Sheet!A3:B10" (or "A3") as a block of cells. */
export function rectOfAddress(address: string): CellRect {
  const [a, b] = localPart(address).split(':');
  const tl = parseA1(a);
  const br = parseA1(b ?? a);
  return { top: tl.row, left: tl.column, bottom: br.row, right: br.column };
}

type TargetKind = 'new' | 'marked' | 'legacy' | 'named';

/** Where one plan sheet goes and what of that sheet is ours already. */
interface Target {
  plan: ResultSheet;
  /** new: no such sheet yet; marked: a previous run's (owner marker); legacy: a sheet of the same name written
   * before markers existed, or marked only workbook-wide (a .xlsx from the CLI), whose used range is all ours;
   * named: an unmarked sheet of the same name holding none of our tables (nothing on it is ours). */
  kind: TargetKind;
  /** Current name of the existing sheet. */
  current?: string;
  hasSheetMarker: boolean;
  oldTables: { name: string; rect: CellRect }[];
  oldAreaNames: string[];
  oldAreas: CellRect[];
  ourCharts: string[];
  legacyUsed?: CellRect;
  /** The new results' cells. */
  titles: CellRect[];
  tables: { name: string; rect: CellRect }[];
  /** Each chart's data: native, a waterfall's ExcelApi 1.9 layout; stacked, the block drawn otherwise (the stacked
   * waterfall, or a bar chart's only layout), whose room is reserved either way. */
  blocks: { chartIndex: number; native?: ChartBlock; stacked: ChartBlock; rect: CellRect }[];
}

interface ChartJob {
  sheet: string;
  name: string;
  native: ChartBlock | undefined;
  stacked: ChartBlock;
}

export class ResultsWriter {
  private readonly notices: HostNotice[] = [];
  private readonly touched = new Set<string>();
  private waited = false;
  private writing = false;
  /** Per sheet, the old tables resized in place (their table object stays). */
  private readonly keptTables = new Map<string, Set<string>>();

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly plan: ResultsPlan,
    private readonly settings: WriterSettings,
    private readonly options: WriteOptions,
  ) {}

  /**
   * One sync, never raced by a timeout (it waits for Excel); when it waits longer than a few seconds, Excel is most
   * likely holding the batch while the user edits a cell (delayForCellEdit): onWaiting says so, once per write.
   */
  private async rawSync(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onWaiting = this.options.onWaiting;
    if (onWaiting && !this.waited) {
      timer = setTimeout(() => {
        this.waited = true;
        onWaiting('cell_edit');
      }, this.settings.cellEditNoticeMs);
    }
    try {
      await this.context.sync();
    } finally {
      clearTimeout(timer);
    }
  }

  /** rawSync with Excel's errors explained; once writing started, any failure is a write left incomplete. */
  private async sync(): Promise<void> {
    try {
      await this.rawSync();
    } catch (e) {
      const err = fromExcel(e, 'write_results');
      throw this.writing ? writeIncomplete([...this.touched], err) : err;
    }
  }

  async write(): Promise<WriteReport> {
    checkResultsPlan(this.plan);
    const { targets, workbookName, manual } = await this.inspect();

    const native = this.settings.supports('1.9');
    const steps: WriteStep<Excel.RequestContext>[] = [];
    const charts: ChartJob[] = [];
    let cells = 0;
    for (const t of targets) {
      this.prepareStep(t, steps);
      cells += this.dataSteps(t, native, steps, charts);
    }

    // Syncs of data, about 4 MB each; one Excel refuses as too large is halved and retried.
    this.writing = true;
    const { batches } = packWrites(steps, this.settings.chunkBytes);
    const queue: WriteBatch<Excel.RequestContext>[] = [...batches];
    let written = 0;
    while (queue.length > 0) {
      const batch = queue.shift()!;
      this.context.workbook.application.suspendApiCalculationUntilNextSync();
      for (const item of batch) item.apply(this.context);
      try {
        await this.rawSync();
      } catch (e) {
        const halves = isPayloadLimit(e) ? splitWriteBatch(batch) : null;
        if (halves) {
          queue.unshift(...halves);
          continue;
        }
        for (const item of batch) if (item.sheet) this.touched.add(item.sheet);
        throw writeIncomplete([...this.touched], fromExcel(e, 'write_results'));
      }
      for (const item of batch) if (item.sheet) this.touched.add(item.sheet);
      written += batch.reduce((n, item) => n + item.cells, 0);
      this.options.onProgress?.(written, cells);
    }

    await this.drawCharts(charts);
    await this.finish(targets, manual);
    await this.printSetup();
    return {
      sheetsWritten: this.plan.sheets.map((s) => s.name),
      cellsWritten: cells,
      target: workbookName || 'Libro',
      notices: this.notices,
    };
  }

  // ------------------------------------------------------------------------------------------ inspection

  private async inspect(): Promise<{ targets: Target[]; workbookName: string; manual: boolean }> {
    const { context, plan, settings } = this;
    const wb = context.workbook;

    // Sync 1: the workbook, its sheets (and their protection), its tables, and workbook-wide owner markers (a .xlsx
    // written by the CLI marks its sheets that way).
    wb.load(settings.supports('1.8') ? 'name, readOnly' : 'name'); // Workbook.readOnly: ExcelApi 1.8
    const protection = wb.protection.load('protected'); // ExcelApi 1.7
    const app = wb.application.load('calculationMode'); // get: ExcelApi 1.1
    const sheets = wb.worksheets.load('items/name, items/protection/protected'); // Worksheet.protection: 1.2
    const tables = wb.tables.load('items/name, items/worksheet/name');
    const workbookMarkers = plan.sheets.map((s) => ({
      role: s.role,
      range: wb.names.getItemOrNullObject(ownerMarkerName(s.role)).getRangeOrNullObject().load('worksheet/name'),
    }));
    await this.sync();

    const sheetList = sheets.items.map((s) => ({ name: s.name, protected: s.protection.protected }));
    const tableList = tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name }));
    const markedWorkbookWide = new Map<string, string>();
    for (const m of workbookMarkers) if (!m.range.isNullObject) markedWorkbookWide.set(m.role, m.range.worksheet.name);

    // Sync 2: every sheet's names (owner markers, areas) and charts; where our tables are; the used range of
    // sheets named like a plan sheet or marked workbook-wide (such a sheet, from before markers or from the CLI, is
    // ours whole).
    const planNames = new Set(plan.sheets.map((s) => lower(s.name)));
    for (const sheet of markedWorkbookWide.values()) planNames.add(lower(sheet));
    const perSheet = sheetList.map((s) => {
      const ws = wb.worksheets.getItem(s.name);
      return {
        ...s,
        names: ws.names.load('items/name'),
        charts: ws.charts.load('items/name'),
        used: planNames.has(lower(s.name)) ? ws.getUsedRangeOrNullObject().load('address') : undefined,
      };
    });
    const ours = (name: string): boolean =>
      isResultTableName(name) || plan.sheets.some((s) => s.tables.some((t) => lower(t.name) === lower(name)));
    const tableRanges = tableList
      .filter((t) => ours(t.name))
      .map((t) => ({ ...t, range: wb.tables.getItem(t.name).getRange().load('address') }));
    await this.sync();

    const sheetInfo = new Map(perSheet.map((p) => [lower(p.name), p]));
    const tablesOn = (sheet: string): { name: string; rect: CellRect }[] =>
      tableRanges
        .filter((t) => lower(t.sheet) === lower(sheet))
        .map((t) => ({ name: t.name, rect: rectOfAddress(t.range.address) }));

    // Which existing sheet each plan sheet goes to.
    const taken = new Set<string>();
    const targets: Target[] = [];
    for (const s of plan.sheets) {
      const marker = lower(ownerMarkerName(s.role));
      const marked = perSheet
        .filter((p) => !taken.has(lower(p.name)) && p.names.items.some((n) => lower(n.name) === marker))
        .map((p) => p.name);
      const wide = markedWorkbookWide.get(s.role);
      const chosen = marked.find((n) => lower(n) === lower(s.name)) ?? marked[0];
      const footprint = this.footprint(s);
      const base = { plan: s, oldAreaNames: [], oldAreas: [], ourCharts: [], oldTables: [], ...footprint };
      let target: Target;
      if (chosen) {
        const info = sheetInfo.get(lower(chosen))!;
        target = {
          ...base,
          kind: 'marked',
          current: chosen,
          hasSheetMarker: true,
          oldTables: tablesOn(chosen).filter((t) => isOurTable(t.name, s)),
          oldAreaNames: info.names.items.map((n) => n.name).filter(isAreaName),
          ourCharts: info.charts.items.map((c) => c.name).filter(isResultTableName),
        };
      } else if (wide && !taken.has(lower(wide)) && sheetInfo.has(lower(wide))) {
        target = this.legacy(base, wide, sheetInfo.get(lower(wide))!, tablesOn(wide), s);
      } else if (sheetInfo.has(lower(s.name)) && !taken.has(lower(s.name))) {
        const info = sheetInfo.get(lower(s.name))!;
        const on = tablesOn(info.name);
        target = on.some((t) => isOurTable(t.name, s))
          ? this.legacy(base, info.name, info, on, s)
          : { ...base, kind: 'named', current: info.name, hasSheetMarker: false };
      } else {
        target = { ...base, kind: 'new', hasSheetMarker: false };
      }
      if (target.current !== undefined) taken.add(lower(target.current));
      if (target.current !== undefined && target.current !== s.name) {
        const clash = sheetInfo.get(lower(s.name));
        if (clash && lower(clash.name) !== lower(target.current)) throw sheetNameTaken(s.name, target.current);
      }
      targets.push(target);
    }

    // The plan against the workbook: the tables on the sheets we write into are ours or refuse the write.
    const into = new Map<string, string>();
    for (const t of targets) if (t.current !== undefined) into.set(lower(t.current), t.plan.name);
    const existing: ExistingTable[] = tableList.map((t) => {
      const target = targets.find((x) => x.current !== undefined && lower(x.current) === lower(t.sheet));
      if (!target) return { name: t.name, sheet: t.sheet };
      const result = target.kind !== 'named' && isOurTable(t.name, target.plan);
      return { name: t.name, sheet: t.sheet, role: result ? 'result' : 'input' };
    });
    checkResultsPlan(plan, existing, into);

    // Known Excel states, before anything is written.
    if (settings.supports('1.8') && wb.readOnly) throw readOnlyWorkbook();
    const structural = targets.some((t) => t.kind === 'new' || t.current !== t.plan.name);
    if (structural && protection.protected) throw workbookProtected();
    for (const t of targets) {
      if (t.current !== undefined && sheetInfo.get(lower(t.current))?.protected) throw sheetProtected(t.current);
    }

    // Sync 3 (when old areas exist): where they are now.
    const areaRanges = targets.flatMap((t) =>
      t.oldAreaNames.map((n) => ({
        target: t,
        range: wb.worksheets.getItem(t.current!).names.getItem(n).getRangeOrNullObject().load('address'),
      })),
    );
    if (areaRanges.length > 0) {
      await this.sync();
      for (const a of areaRanges) if (!a.range.isNullObject) a.target.oldAreas.push(rectOfAddress(a.range.address));
    }

    // Sync 4 (when results go onto existing sheets): every cell they would cover that was not ours must be empty.
    const probes = targets.flatMap((t) => {
      if (t.current === undefined) return [];
      const ws = wb.worksheets.getItem(t.current);
      const fresh = [...t.titles, ...t.tables.map((x) => x.rect), ...t.blocks.map((b) => b.rect)];
      const old = [...t.oldTables.map((x) => x.rect), ...t.oldAreas, ...(t.legacyUsed ? [t.legacyUsed] : [])];
      return subtractAll(fresh, old).map((r) => ({
        target: t,
        used: ws.getRange(rectAddress(r)).getUsedRangeOrNullObject(true).load('address'),
      }));
    });
    if (probes.length > 0) {
      await this.sync();
      const hit = probes.find((p) => !p.used.isNullObject);
      if (hit) throw resultsWouldOverwrite(hit.target.current!, localPart(hit.used.address));
    }

    const renamed = targets
      .filter((t) => t.current !== undefined && t.current !== t.plan.name && t.kind === 'marked')
      .map((t) => ({ from: t.current!, to: t.plan.name }));
    if (renamed.length > 0) this.notices.push(replacedOtherLanguageNotice(renamed));
    const manual = app.calculationMode === 'Manual';
    if (manual) this.notices.push(manualCalculationNotice());
    return { targets, workbookName: wb.name, manual };
  }

  private legacy(
    base: Omit<Target, 'kind' | 'hasSheetMarker'>,
    name: string,
    info: { charts: Excel.ChartCollection; used?: Excel.Range },
    on: { name: string; rect: CellRect }[],
    s: ResultSheet,
  ): Target {
    return {
      ...base,
      kind: 'legacy',
      current: name,
      hasSheetMarker: false,
      oldTables: on.filter((t) => isOurTable(t.name, s)),
      // Written before charts were named: every chart on it is a previous run's.
      ourCharts: info.charts.items.map((c) => c.name),
      legacyUsed: info.used && !info.used.isNullObject ? rectOfAddress(info.used.address) : undefined,
    };
  }

  /** The cells a plan sheet will occupy: titles, tables, and each chart's data block (room for the stacked one). */
  private footprint(s: ResultSheet): Pick<Target, 'titles' | 'tables' | 'blocks'> {
    const { titles, tables } = sheetFootprint(s);
    const native = this.settings.supports('1.9');
    const blocks = (s.charts ?? []).map((chart, chartIndex) => {
      const stacked = chartBlock(s, chart, 'stacked');
      return {
        chartIndex,
        native: native && chart.kind === 'waterfall' ? chartBlock(s, chart, 'native') : undefined,
        stacked,
        rect: rect(stacked.row, stacked.column, stacked.cells.length, stacked.cells[0].length),
      };
    });
    return { titles, tables, blocks };
  }

  // ------------------------------------------------------------------------------------------ write steps

  /**
   * The first step of a sheet, in one sync: the sheet (added, or found and renamed), its owner marker, the old
   * charts, areas and table objects gone, the cells that were ours cleared, the new areas recorded.
   */
  private prepareStep(t: Target, steps: WriteStep<Excel.RequestContext>[]): void {
    const name = t.plan.name;
    const resize = this.settings.supports('1.13'); // Table.resize
    const kept = resize
      ? t.oldTables.flatMap((o) => {
          const n = t.tables.find((x) => lower(x.name) === lower(o.name));
          return n && n.rect.top === o.rect.top && n.rect.left === o.rect.left ? [{ name: o.name, rect: n.rect }] : [];
        })
      : [];
    const keptNames = new Set(kept.map((k) => lower(k.name)));
    const converted = t.oldTables.filter((o) => !keptNames.has(lower(o.name)));
    const clear = subtractAll(
      [...t.oldTables.map((o) => o.rect), ...t.oldAreas, ...(t.legacyUsed ? [t.legacyUsed] : [])],
      kept.map((k) => k.rect),
    );
    const areas = [...t.titles, ...t.blocks.map((b) => b.rect)];
    const actions =
      3 +
      t.oldAreaNames.length +
      t.ourCharts.length +
      converted.length +
      2 * kept.length +
      clear.length +
      2 * areas.length;
    steps.push({
      kind: 'fixed',
      bytes: actions * ACTION_OVERHEAD,
      sheet: name,
      apply: (context) => {
        const sheets = context.workbook.worksheets;
        const ws = t.current === undefined ? sheets.add(name) : sheets.getItem(t.current);
        if (t.current !== undefined && t.current !== name) ws.name = name;
        if (!t.hasSheetMarker) ws.names.add(ownerMarkerName(t.plan.role), ws.getRange('A1')).visible = false;
        for (const c of t.ourCharts) ws.charts.getItem(c).delete();
        if (t.current !== undefined) ws.freezePanes.unfreeze();
        for (const o of converted) ws.tables.getItem(o.name).convertToRange();
        for (const k of kept) ws.tables.getItem(k.name).resize(ws.getRange(rectAddress(k.rect)));
        for (const r of clear) ws.getRange(rectAddress(r)).clear('All');
        for (const k of kept) ws.getRange(rectAddress({ ...k.rect, top: k.rect.top + 1 })).clear('All');
        // The old areas are forgotten only once their cells are cleared: a failure in between leaves nothing of
        // ours unrecorded, so the next run still finds it.
        for (const n of t.oldAreaNames) ws.names.getItem(n).delete();
        areas.forEach((r, i) => {
          ws.names.add(`${AREA_NAME_PREFIX}${i + 1}`, ws.getRange(rectAddress(r))).visible = false;
        });
      },
    });
    this.keptTables.set(name, keptNames);
  }

  /** The data of a sheet (titles, headers, rows, tables, formats, chart data); returns the cells written. */
  private dataSteps(t: Target, native: boolean, steps: WriteStep<Excel.RequestContext>[], charts: ChartJob[]): number {
    const plan = t.plan;
    const name = plan.name;
    const sheet = (context: Excel.RequestContext): Excel.Worksheet => context.workbook.worksheets.getItem(name);
    const kept = this.keptTables.get(name) ?? new Set<string>();
    const fixed = (bytes: number, cells: number, apply: (context: Excel.RequestContext) => void): void => {
      steps.push({ kind: 'fixed', bytes: bytes + ACTION_OVERHEAD, cells, sheet: name, apply });
    };
    let cells = 0;
    const placements = placeTables(plan.tables);
    plan.tables.forEach((table, ti) => {
      const place = placements[ti];
      const cols = table.columns.length;
      if (table.title) {
        const title = [[textForExcel(table.title)]];
        fixed(rowBytes(title[0]), 1, (context) => {
          const r = sheet(context).getRange(toA1(place.titleRow!, 1));
          r.values = title;
          r.format.font.bold = true;
        });
        cells++;
      }
      const header = [table.columns.map((c) => textForExcel(c.header))];
      fixed(rowBytes(header[0]), cols, (context) => {
        sheet(context).getRange(areaAddress(place.headerRow, 1, 1, cols)).values = header;
      });
      cells += cols;

      const input = table.rows.map((row: ResultCell[]) => row.map(toOfficeInput));
      steps.push({
        kind: 'rows',
        rowBytes: input.map(rowBytes),
        cellsPerRow: cols,
        sheet: name,
        apply: (context, start, end) => {
          sheet(context).getRange(areaAddress(place.firstDataRow + start, 1, end - start, cols)).formulas = input.slice(
            start,
            end,
          );
        },
      });
      cells += input.length * cols;

      const bodyRows = Math.max(1, table.rows.length);
      const keep = kept.has(lower(table.name));
      fixed(jsonBytes(table.columns.map((c) => c.numberFormat)), 0, (context) => {
        const s = sheet(context);
        // One format for the whole column: Excel copies a single value to every cell of the range.
        table.columns.forEach((c, j) => {
          s.getRange(areaAddress(place.firstDataRow, 1 + j, bodyRows, 1)).numberFormat = [[c.numberFormat]];
        });
        const tbl = keep
          ? s.tables.getItem(table.name)
          : s.tables.add(areaAddress(place.headerRow, 1, 1 + bodyRows, cols), true);
        if (!keep) tbl.name = table.name;
        tbl.style = TABLE_STYLE;
        s.getRange(areaAddress(place.firstDataRow, 1, bodyRows, cols)).format.font.bold = false;
        // Columns of sentences wrap inside their cells (RangeFormat.wrapText, ExcelApi 1.1), read from the top.
        table.columns.forEach((c, j) => {
          if (!c.wrap) return;
          const body = s.getRange(areaAddress(place.firstDataRow, 1 + j, bodyRows, 1)).format;
          body.wrapText = true;
          body.verticalAlignment = 'Top';
        });
        for (const [from, count] of runs(table.totalRows ?? [])) {
          s.getRange(areaAddress(place.firstDataRow + from, 1, count, cols)).format.font.bold = true;
        }
      });
      // Cells with their own format (a run-info value in %, MXN or integers) override their column's, after it.
      const own = cellFormatRuns(table);
      if (own.length > 0) {
        fixed(
          own.reduce((n, f) => n + jsonBytes([[f.numberFormat]]) + ACTION_OVERHEAD, 0),
          0,
          (context) => {
            const s = sheet(context);
            for (const f of own)
              s.getRange(areaAddress(place.firstDataRow + f.row, 1 + f.column, f.count, 1)).numberFormat = [
                [f.numberFormat],
              ];
          },
        );
      }
    });

    // Chart data: a block beside the tables (live formulas); the charts themselves come after all the data.
    for (const b of t.blocks) {
      const block = native && b.native ? b.native : b.stacked;
      cells += this.blockStep(name, block, steps);
      charts.push({
        sheet: name,
        name: `ttm_chart_${b.chartIndex + 1}`,
        native: native ? b.native : undefined,
        stacked: b.stacked,
      });
    }
    return cells;
  }

  /** Writes a chart's data block (formulas and number formats); returns its cells. */
  private blockStep(sheetName: string, block: ChartBlock, steps: WriteStep<Excel.RequestContext>[]): number {
    const rows = blockRows(block);
    const cells = rows.length * rows[0].length;
    steps.push({
      kind: 'fixed',
      bytes: jsonBytes(rows) + ACTION_OVERHEAD * (1 + block.numberFormats.length),
      cells,
      sheet: sheetName,
      apply: (context) => writeBlock(context.workbook.worksheets.getItem(sheetName), block, rows),
    });
    return cells;
  }

  // ------------------------------------------------------------------------------------------ charts

  /**
   * The charts, after all the data: every chart in one sync first. When Excel refuses one (a chart property it does
   * not support on this platform: OfficeDev/office-js#2041, Chart.title of a Waterfall raising UnsupportedOperation;
   * OfficeDev/office-js-docs#910, its series), what that sync left is removed and each chart is drawn in its own
   * guarded sync: a refused native waterfall falls back to the stacked-column chart over its own data block, a chart
   * that cannot be drawn at all is left out. Neither aborts the write: the chart_fallback notice says which.
   */
  private async drawCharts(charts: readonly ChartJob[]): Promise<void> {
    if (charts.length === 0) return;
    const ws = (job: ChartJob): Excel.Worksheet => this.context.workbook.worksheets.getItem(job.sheet);
    try {
      for (const job of charts) addChart(ws(job), job.native ?? job.stacked, job.name);
      await this.rawSync();
      return;
    } catch {
      // One chart was refused: charts added before it stay (no rollback), maybe half set. Start over, one by one.
    }
    const left = charts.map((job) => ({ job, chart: ws(job).charts.getItemOrNullObject(job.name).load('name') }));
    await this.sync();
    for (const l of left) if (!l.chart.isNullObject) l.chart.delete();

    const fellBack: string[] = [];
    const notDrawn: ChartBlock[] = [];
    for (const job of charts) {
      try {
        addChart(ws(job), job.native ?? job.stacked, job.name);
        await this.rawSync();
        continue;
      } catch {
        // fall through: the fallback below
      }
      if (!job.native) {
        // Nothing to fall back to (a stacked waterfall already, or a bar chart): left out, its data stays.
        notDrawn.push(job.stacked);
        await this.removeChart(job).catch(() => undefined); // best effort: never a half-drawn chart
        continue;
      }
      try {
        // What the refused chart left behind goes, then the stacked columns over their own block.
        await this.removeChart(job);
        this.context.workbook.application.suspendApiCalculationUntilNextSync();
        writeBlock(ws(job), job.stacked, blockRows(job.stacked));
        addChart(ws(job), job.stacked, job.name);
        await this.rawSync();
        fellBack.push(job.stacked.title);
      } catch {
        notDrawn.push(job.stacked);
        await this.removeChart(job).catch(() => undefined); // best effort: never a half-drawn chart
      }
    }
    if (fellBack.length > 0 || notDrawn.length > 0) this.notices.push(chartFallbackNotice(fellBack, notDrawn));
  }

  /** Deletes a chart of ours by name if a refused sync left it (queued: it goes with the next sync). */
  private async removeChart(job: ChartJob): Promise<void> {
    const leftover = this.context.workbook.worksheets
      .getItem(job.sheet)
      .charts.getItemOrNullObject(job.name)
      .load('name');
    await this.sync(); // callers catch: a chart that cannot be cleaned up is reported as not drawn
    if (!leftover.isNullObject) leftover.delete();
  }

  // ------------------------------------------------------------------------------------------ page setup

  /**
   * Sheets meant to be printed get their page setup in one sync of their own, after everything else: the page
   * layout API is ExcelApi 1.9, above the manifest's 1.7 minimum, so on an older Excel the sheets keep Excel's
   * defaults and a notice says so; Excel refusing a setting (a platform without headers and footers) is reported the
   * same way, with Excel's code. Neither fails the write: the results are all there.
   */
  private async printSetup(): Promise<void> {
    const sheets = this.plan.sheets.filter((s) => s.print !== undefined);
    if (sheets.length === 0) return;
    const names = sheets.map((s) => s.name);
    if (!this.settings.supports('1.9')) {
      this.notices.push(printSetupUnsupported(names));
      return;
    }
    for (const s of sheets) applyPrintSetup(this.context.workbook.worksheets.getItem(s.name), s.print!);
    try {
      await this.rawSync();
    } catch (e) {
      this.notices.push(printSetupNotApplied(names, fromExcel(e, 'write_results')));
    }
  }

  // ------------------------------------------------------------------------------------------ last sync

  /** Widths and frozen headers of every sheet, screen updating suspended; one recalculation at the end. */
  private async finish(targets: readonly Target[], manual: boolean): Promise<void> {
    const app = this.context.workbook.application;
    if (this.settings.supports('1.9')) app.suspendScreenUpdatingUntilNextSync(); // lasts this one sync
    for (const t of targets) {
      const plan = t.plan;
      const s = this.context.workbook.worksheets.getItem(plan.name);
      const placements = placeTables(plan.tables);
      const widest = Math.max(1, ...plan.tables.map((x) => x.columns.length));
      const lastRow = Math.max(1, ...placements.map((p) => p.lastRow));
      const widths = new Map<number, number>();
      for (const table of plan.tables) {
        table.columns.forEach((c, j) => {
          if (c.width !== undefined) widths.set(j + 1, Math.max(widths.get(j + 1) ?? 0, c.width));
        });
      }
      s.getRange(`A1:${columnLetters(widest)}${lastRow}`).format.autofitColumns();
      for (const [col, chars] of widths)
        s.getRange(`${columnLetters(col)}1`).format.columnWidth = pointsForChars(chars);
      // Rows of a table with wrapped text grow to their lines, once the widths are final (autofitRows, 1.2).
      plan.tables.forEach((table, ti) => {
        if (!table.columns.some((c) => c.wrap)) return;
        const place = placements[ti];
        const rows = Math.max(1, table.rows.length);
        s.getRange(areaAddress(place.firstDataRow, 1, rows, table.columns.length)).format.autofitRows();
      });
      if (plan.freezeHeader && placements.length > 0) s.freezePanes.freezeRows(placements[0].headerRow);
    }
    // Calculation was suspended sync by sync: recalculate once, unless the user chose manual calculation.
    if (!manual) app.calculate('Recalculate');
    for (const t of targets) this.touched.add(t.plan.name);
    await this.sync();
  }
}

/**
 * The page setup of one sheet (Worksheet.pageLayout, ExcelApi 1.9): Letter, the orientation, an explicit print scale
 * (zoom { scale } and no fit-to-page, so text prints at a known size), margins given in inches (setPrintMargins takes
 * the unit; the PageLayout margin properties are in points), the print area, the rows repeated on each page and the
 * centre header (HeaderFooterGroup.defaultForAllPages.centerHeader, 1.9; "&" escaped as "&&": headerFooterText).
 */
function applyPrintSetup(ws: Excel.Worksheet, p: PrintSetup): void {
  const layout = ws.pageLayout;
  layout.paperSize = 'Letter';
  layout.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  layout.zoom = { scale: p.scale };
  const m = p.margins;
  layout.setPrintMargins('Inches', {
    left: m.left,
    right: m.right,
    top: m.top,
    bottom: m.bottom,
    header: m.header,
    footer: m.footer,
  });
  layout.setPrintArea(p.area);
  if (p.titleRows) layout.setPrintTitleRows(p.titleRows);
  layout.headersFooters.defaultForAllPages.centerHeader = headerFooterText(p.header);
}

/**
 * A block's cells as Office input: the header row is the table's column headers (a scenario's name among them), so
 * always text, whatever it begins with; below it, strings beginning with "=" are the block's own formulas.
 */
function blockRows(block: ChartBlock): (string | number)[][] {
  return block.cells.map((r, i) =>
    r.map((v) => (typeof v === 'string' && (i === 0 || !v.startsWith('=')) ? textForExcel(v) : v)),
  );
}

function writeBlock(ws: Excel.Worksheet, block: ChartBlock, rows: (string | number)[][]): void {
  ws.getRange(areaAddress(block.row, block.column, rows.length, rows[0].length)).formulas = rows;
  block.numberFormats.forEach((f, j) => {
    ws.getRange(areaAddress(block.row + 1, block.column + j, rows.length - 1, 1)).numberFormat = [[f]];
  });
}

/**
 * Draws a chart over its block: Waterfall (ExcelApi 1.9), ColumnStacked or BarClustered (1.1), series by columns so
 * the block's header row names them (a bar chart's series are its value columns' headers).
 */
function addChart(ws: Excel.Worksheet, block: ChartBlock, name: string): void {
  const c = ws.charts.add(block.chartType, ws.getRange(block.sourceAddress), 'Columns');
  c.name = name; // ours by name: the next run deletes charts named ttm_…, never the user's
  c.title.text = block.title;
  c.legend.visible = block.legend;
  c.setPosition(block.position.start, block.position.end);
  if (block.style === 'stacked') {
    for (let i = 0; i < 3; i++) {
      const series = c.series.getItemAt(i);
      if (block.hiddenSeries.includes(i)) series.format.fill.clear();
      else series.format.fill.setSolidColor(CHART_COLOR);
    }
    c.series.getItemAt(0).gapWidth = 60;
  }
}

function isPayloadLimit(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

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

/** Consecutive row indexes as [first, count] runs, so adjacent total rows take one action. */
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
