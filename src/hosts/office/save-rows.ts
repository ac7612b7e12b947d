/**
 * Saving rows into an input table of the live workbook (WorkbookHost.saveRows: the scenario tables, on the user's
 * "Save scenario"). One RowsSaver per save, inside one Excel.run({ delayForCellEdit: true }); the host lets one write
 * run at a time (results or rows).
 *
 * Replacing. Sync 1 finds the table (getItemOrNullObject, ExcelApi 1.4), its sheet and protection, its headers and
 * body size; sync 2 (more for a long table, ~4 MB a sync) reads its key column. Then the new rows are appended
 * (TableRowCollection.add with several rows, 1.4) and only after that the old rows of the key are deleted, bottom-up
 * so the positions of the rows still to delete do not move (TableRow.delete, 1.1). Excel has no transactions: a save
 * that stops part-way (write_incomplete) has lost nothing, the table may hold the new rows beside the old ones, and
 * saving again replaces both. Rows are packed into syncs of about 4 MB (payload.ts); a batch Excel still finds too
 * large is halved and retried, as results are.
 *
 * Creating. When the table does not exist yet: a new sheet (or an existing one of that name that is empty), the
 * headers at A1 and the rows below them written as values, then a table over them, given its name; a new sheet is
 * hidden when the request says so (the saved mapping's).
 *
 * Refused before anything is written, each with its es/en message: a malformed request (checkSaveRows), a table that
 * is gone, a read-only workbook (1.8, where known), a protected sheet, a protected workbook structure when a sheet
 * must be added, a sheet of the new table's name that holds content, a table name taken.
 */
import type { CellValue, SaveRowsReport, SaveRowsRequest } from '../../workbook/port';
import { saveRowsKey } from '../../workbook/port';
import {
  checkSaveRows,
  definedNameTaken,
  sheetNotEmpty,
  tableNameTaken,
  tableNotFound,
} from '../../workbook/plan-check';
import { areaAddress } from '../../workbook/a1';
import { excelSerial, textForExcel } from './cells';
import { fromExcel, readOnlyWorkbook, saveIncomplete, sheetProtected, workbookProtected, type Phase } from './messages';
import { ACTION_OVERHEAD, packWrites, rowBytes, splitWriteBatch, type WriteBatch, type WriteStep } from './payload';

export interface SaverSettings {
  supports(version: string): boolean;
  /** Bytes per sync (about 4 MB). */
  chunkBytes: number;
}

const PHASE: Phase = 'save_rows';
/** A generous estimate of a key cell's JSON in a response ("WMX-P1-CONTRAPROPUESTA", quotes, comma). */
const KEY_BYTES = 64;

/** A saved cell as Office takes it: text stays text (a leading apostrophe when Excel would convert it). */
export function toOfficeValue(v: CellValue): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v === '' ? '' : textForExcel(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return excelSerial(v);
  // checkSaveRows refused errors and formulas before: nothing else reaches here.
  throw new TypeError(`saveRows: not a value: ${JSON.stringify(v)}`);
}

function isPayloadLimit(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

export class RowsSaver {
  private writing = false;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly request: SaveRowsRequest,
    private readonly settings: SaverSettings,
  ) {}

  private async sync(): Promise<void> {
    try {
      await this.context.sync();
    } catch (e) {
      throw fromExcel(e, PHASE);
    }
  }

  async save(): Promise<SaveRowsReport> {
    checkSaveRows(this.request);
    return this.request.table === null ? this.create() : this.replace(this.request.table);
  }

  /** Runs the write steps in syncs of about 4 MB; a failure after the first is a save left incomplete. */
  private async run(steps: WriteStep<Excel.RequestContext>[], table: string, sheet: string): Promise<void> {
    const queue: WriteBatch<Excel.RequestContext>[] = [...packWrites(steps, this.settings.chunkBytes).batches];
    while (queue.length > 0) {
      const batch = queue.shift()!;
      for (const item of batch) item.apply(this.context);
      try {
        await this.context.sync();
      } catch (e) {
        const halves = isPayloadLimit(e) ? splitWriteBatch(batch) : null;
        if (halves) {
          queue.unshift(...halves);
          continue;
        }
        const err = fromExcel(e, PHASE);
        throw this.writing ? saveIncomplete(table, sheet, err) : err;
      }
      this.writing = true;
    }
  }

  private async replace(name: string): Promise<SaveRowsReport> {
    const wb = this.context.workbook;
    // Sync 1: the table, its sheet and protection, its headers and size; the workbook's read-only state.
    if (this.settings.supports('1.8')) wb.load('readOnly'); // Workbook.readOnly: ExcelApi 1.8
    const table = wb.tables.getItemOrNullObject(name).load('name');
    const ws = table.worksheet.load('name');
    const protection = ws.protection.load('protected'); // ExcelApi 1.2
    const header = table.getHeaderRowRange().load('values');
    const body = table.getDataBodyRange().load('rowCount');
    await this.sync();
    if (table.isNullObject) throw tableNotFound(name);
    const columns = (header.values[0] ?? []).length;
    checkSaveRows(this.request, columns, table.name);
    if (this.settings.supports('1.8') && wb.readOnly) throw readOnlyWorkbook();
    if (protection.protected) throw sheetProtected(ws.name);

    // Sync 2…: the key column, in slices that keep each response well under the 5 MB limit.
    const key = saveRowsKey(this.request.key);
    const perSync = Math.max(1, Math.floor(this.settings.chunkBytes / KEY_BYTES));
    const matches: number[] = [];
    for (let start = 0; start < body.rowCount; start += perSync) {
      const count = Math.min(perSync, body.rowCount - start);
      const keys = body
        .getCell(start, this.request.keyColumn)
        .getResizedRange(count - 1, 0)
        .load('values');
      await this.sync();
      keys.values.forEach((r, i) => {
        if (saveRowsKey(typeof r[0] === 'string' || typeof r[0] === 'number' ? r[0] : null) === key)
          matches.push(start + i);
      });
    }

    // The new rows first (appended), then the old rows of the key, bottom-up: nothing is lost if a sync fails.
    const values = this.request.rows.map((r) => r.map(toOfficeValue));
    const steps: WriteStep<Excel.RequestContext>[] = [];
    if (values.length > 0) {
      steps.push({
        kind: 'rows',
        rowBytes: values.map(rowBytes),
        apply: (context, start, end) => {
          context.workbook.tables.getItem(table.name).rows.add(undefined, values.slice(start, end));
        },
      });
    }
    for (const i of [...matches].reverse()) {
      steps.push({
        kind: 'fixed',
        bytes: ACTION_OVERHEAD,
        apply: (context) => context.workbook.tables.getItem(table.name).rows.getItemAt(i).delete(),
      });
    }
    await this.run(steps, table.name, ws.name);
    return { table: table.name, sheet: ws.name, rowsRemoved: matches.length, rowsAdded: values.length };
  }

  private async create(): Promise<SaveRowsReport> {
    const c = this.request.create!;
    const wb = this.context.workbook;
    // Sync 1: whether the workbook can take a sheet, whether the sheet exists and is empty, whether the name is free.
    if (this.settings.supports('1.8')) wb.load('readOnly');
    const structure = wb.protection.load('protected'); // ExcelApi 1.7
    const sheet = wb.worksheets.getItemOrNullObject(c.sheet).load('name, protection/protected');
    const tableTaken = wb.tables.getItemOrNullObject(c.name).load('name, worksheet/name');
    const nameTaken = wb.names.getItemOrNullObject(c.name).load('name');
    await this.sync();
    if (this.settings.supports('1.8') && wb.readOnly) throw readOnlyWorkbook();
    if (!tableTaken.isNullObject) throw tableNameTaken(tableTaken.name, tableTaken.worksheet.name);
    if (!nameTaken.isNullObject) throw definedNameTaken(c.name);
    const exists = !sheet.isNullObject;
    if (exists) {
      // Sync 2, when a sheet of that name exists: it must be empty (a user's sheet is never written over).
      const used = sheet.getUsedRangeOrNullObject(true).load('address'); // ExcelApi 1.4
      await this.sync();
      if (!used.isNullObject) throw sheetNotEmpty(sheet.name, c.name);
      if (sheet.protection.protected) throw sheetProtected(sheet.name);
    } else if (structure.protected) throw workbookProtected();
    const sheetName = exists ? sheet.name : c.sheet;

    const width = c.headers.length;
    const headers = [c.headers.map(textForExcel)];
    const values = this.request.rows.map((r) => r.map(toOfficeValue));
    const steps: WriteStep<Excel.RequestContext>[] = [
      {
        kind: 'fixed',
        bytes: rowBytes(headers[0]) + 2 * ACTION_OVERHEAD,
        apply: (context) => {
          const ws = exists
            ? context.workbook.worksheets.getItem(sheetName)
            : context.workbook.worksheets.add(sheetName);
          ws.getRange(areaAddress(1, 1, 1, width)).values = headers;
          // Worksheet.visibility (ExcelApi 1.1), as a string: the enum object exists only inside Excel.
          if (!exists && c.hidden) ws.visibility = 'Hidden';
        },
      },
    ];
    if (values.length > 0) {
      steps.push({
        kind: 'rows',
        rowBytes: values.map(rowBytes),
        apply: (context, start, end) => {
          const range = areaAddress(2 + start, 1, end - start, width);
          context.workbook.worksheets.getItem(sheetName).getRange(range).values = values.slice(start, end);
        },
      });
    }
    steps.push({
      kind: 'fixed',
      bytes: 2 * ACTION_OVERHEAD,
      apply: (context) => {
        const ws = context.workbook.worksheets.getItem(sheetName);
        ws.tables.add(areaAddress(1, 1, 1 + Math.max(1, values.length), width), true).name = c.name;
      },
    });
    await this.run(steps, c.name, sheetName);
    return { table: c.name, sheet: sheetName, rowsRemoved: 0, rowsAdded: values.length };
  }
}
