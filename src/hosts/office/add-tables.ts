/**
 * The template's input tables added to the open workbook (WorkbookHost.addInputTables): each on a new sheet, with
 * its headers, example rows, number formats and, from ExcelApi 1.8, drop-down lists (Range.dataValidation). Nothing
 * existing is touched: tables the workbook already has are skipped and a taken sheet name gets " (2)". Lists too
 * long for a literal (255 characters) read from a hidden sheet, as the .xlsx writer does.
 */
import type { AddInputTablesReport, AddInputTablesRequest, CellValue } from '../../workbook/port';
import { DROP_DOWN_ROWS, fitsLiteralList, LISTS_SHEET } from '../../workbook/template';
import { columnLetters } from '../../workbook/a1';
import { excelSerial, textForExcel } from './cells';

function officeValue(v: CellValue): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return excelSerial(v);
  if (typeof v === 'string') return textForExcel(v);
  return '';
}

/** A sheet name not taken (case-insensitive, as Excel compares them): "Clientes", else "Clientes (2)"… */
function freeName(name: string, taken: Set<string>): string {
  let n = name;
  for (let i = 2; taken.has(n.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    n = `${name.slice(0, 31 - suffix.length)}${suffix}`;
  }
  taken.add(n.toLowerCase());
  return n;
}

export async function addInputTables(
  context: Excel.RequestContext,
  request: AddInputTablesRequest,
  validation: boolean,
  sync: () => Promise<void>,
): Promise<AddInputTablesReport> {
  const sheets = context.workbook.worksheets.load('items/name');
  const tables = context.workbook.tables.load('items/name');
  await sync();
  const takenSheets = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const takenTables = new Set(tables.items.map((t) => t.name.toLowerCase()));
  const report: AddInputTablesReport = { added: [], skipped: [], dropDowns: validation };

  const longLists: string[][] = [];
  let listsSheet: Excel.Worksheet | undefined;
  let listsName = '';
  const listSource = (values: readonly string[]): string => {
    if (!listsSheet) {
      listsName = freeName(LISTS_SHEET, takenSheets);
      listsSheet = context.workbook.worksheets.add(listsName);
      listsSheet.visibility = 'Hidden'; // Excel.SheetVisibility.hidden, as a string: the enum object exists only inside Excel
    }
    longLists.push([...values]);
    const col = columnLetters(longLists.length);
    listsSheet.getRange(`${col}1:${col}${values.length}`).values = values.map((v) => [textForExcel(v)]);
    return `='${listsName.replace(/'/g, "''")}'!$${col}$1:$${col}$${values.length}`;
  };

  for (const grid of request.tables) {
    if (takenTables.has(grid.name.toLowerCase())) {
      report.skipped.push(grid.name);
      continue;
    }
    takenTables.add(grid.name.toLowerCase());
    const sheetName = freeName(grid.sheet, takenSheets);
    const ws = context.workbook.worksheets.add(sheetName);
    const width = grid.headers.length;
    const last = columnLetters(width);
    const rows = Math.max(1, grid.rows.length);
    ws.getRange(`A1:${last}1`).values = [grid.headers.map((h) => textForExcel(h))];
    const body = ws.getRange(`A2:${last}${rows + 1}`);
    body.values = Array.from({ length: rows }, (_, i) =>
      Array.from({ length: width }, (_, j) => officeValue(grid.rows[i]?.[j] ?? null)),
    );
    // Formats on the example rows: a table carries its columns' formats down to the rows added later.
    const formats = request.numberFormats.get(grid.name) ?? [];
    formats.forEach((f, j) => {
      if (!f) return;
      const col = columnLetters(j + 1);
      ws.getRange(`${col}2:${col}${rows + 1}`).numberFormat = Array.from({ length: rows }, () => [f]);
    });
    const table = ws.tables.add(`A1:${last}${rows + 1}`, true);
    table.name = grid.name;
    if (validation) {
      for (const d of request.dropDowns.get(grid.name) ?? []) {
        const col = columnLetters(d.column + 1);
        const range = ws.getRange(`${col}2:${col}${rows + 1 + DROP_DOWN_ROWS}`);
        const source = fitsLiteralList(d.values) ? d.values.join(',') : listSource(d.values);
        range.dataValidation.rule = { list: { inCellDropDown: true, source } };
      }
    }
    ws.getRange(`A1:${last}1`).format.autofitColumns();
    await sync();
    report.added.push({ table: grid.name, sheet: sheetName });
  }
  return report;
}
