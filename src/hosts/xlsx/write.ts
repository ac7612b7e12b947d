/**
 * A ResultsPlan written into an ExcelJS workbook: real Excel tables with number formats, frozen headers, column
 * widths and bold totals; formulas carry the engine's value as their cached result so Excel (and viewers that never
 * recalculate) show numbers straight away. Pure over the workbook object: no fs.
 * Charts are not written: ExcelJS cannot create them (the Office host draws them).
 */
import type { CellErrorValue, CellValue as ExcelValue, Workbook, Worksheet } from 'exceljs';
import { isCellError, isFormulaCell, type ResultCell, type ResultSheet, type ResultsPlan } from '../../workbook/port';
import { isValidSheetName, placeTables } from '../../workbook/results-layout';

/** A number Excel cannot store (NaN, ±∞) is written as #NUM! so the defect shows in the sheet instead of hiding. */
const NOT_A_NUMBER: CellErrorValue = { error: '#NUM!' };

function excelResult(v: number | string | null): number | string | CellErrorValue | undefined {
  if (v === null) return undefined;
  if (typeof v === 'number' && !Number.isFinite(v)) return NOT_A_NUMBER;
  return v;
}

function excelValue(c: ResultCell): ExcelValue {
  if (isFormulaCell(c)) {
    // Plan formulas are written as typed in Excel ("=A1+B1"); the file format stores them without "=".
    const formula = c.formula.startsWith('=') ? c.formula.slice(1) : c.formula;
    return { formula, result: excelResult(c.result) } as ExcelValue;
  }
  if (isCellError(c)) return { error: c.error } as CellErrorValue;
  if (typeof c === 'number' && !Number.isFinite(c)) return NOT_A_NUMBER;
  return c;
}

function checkPlan(plan: ResultsPlan): void {
  const sheetNames = new Set<string>();
  const tableNames = new Set<string>();
  for (const sheet of plan.sheets) {
    if (!isValidSheetName(sheet.name)) {
      throw new Error(
        `Nombre de hoja no válido para Excel: "${sheet.name}" / invalid Excel sheet name: "${sheet.name}"`,
      );
    }
    const key = sheet.name.toLowerCase();
    if (sheetNames.has(key)) throw new Error(`Hoja repetida / duplicate sheet: "${sheet.name}"`);
    sheetNames.add(key);
    for (const t of sheet.tables) {
      const tk = t.name.toLowerCase();
      if (tableNames.has(tk)) throw new Error(`Tabla repetida / duplicate table: "${t.name}"`);
      tableNames.add(tk);
    }
  }
}

function writeSheet(ws: Worksheet, sheet: ResultSheet): number {
  const places = placeTables(sheet.tables);
  const widths: number[] = [];
  let cells = 0;
  sheet.tables.forEach((table, ti) => {
    const at = places[ti];
    if (table.title && at.titleRow !== undefined) {
      const title = ws.getCell(at.titleRow, 1);
      title.value = table.title;
      title.font = { bold: true, size: 13 };
      cells++;
    }
    const width = table.columns.length;
    // Excel tables always hold at least one data row.
    const rows = table.rows.length > 0 ? table.rows : [new Array<ResultCell>(width).fill(null)];
    ws.addTable({
      name: table.name,
      ref: `A${at.headerRow}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: table.columns.map((c) => ({ name: c.header, filterButton: true })),
      rows: rows.map((r) => r.map(excelValue)),
    });
    cells += width;
    const header = ws.getRow(at.headerRow);
    for (let j = 0; j < width; j++) {
      header.getCell(j + 1).alignment = { wrapText: true, vertical: 'top' };
    }
    const bold = new Set(table.totalRows ?? []);
    rows.forEach((r, i) => {
      const wsRow = ws.getRow(at.firstDataRow + i);
      for (let j = 0; j < width; j++) {
        const cell = wsRow.getCell(j + 1);
        cell.numFmt = table.columns[j].numberFormat;
        if (bold.has(i)) cell.font = { bold: true };
        if (r[j] !== null && r[j] !== undefined) cells++;
      }
    });
    table.columns.forEach((c, j) => {
      widths[j] = Math.max(widths[j] ?? 0, c.width ?? Math.max(10, Math.min(40, c.header.length + 2)));
    });
  });
  widths.forEach((w, j) => {
    ws.getColumn(j + 1).width = w;
  });
  return cells;
}

/** Adds the plan's sheets to `wb` (a new workbook: existing sheets are never replaced). Returns what was written. */
export function writeResultsInto(wb: Workbook, plan: ResultsPlan): { sheetsWritten: string[]; cellsWritten: number } {
  checkPlan(plan);
  let cellsWritten = 0;
  for (const sheet of plan.sheets) {
    if (wb.getWorksheet(sheet.name)) {
      throw new Error(`La hoja "${sheet.name}" ya existe / sheet "${sheet.name}" already exists`);
    }
    const first = sheet.tables.length > 0 ? placeTables(sheet.tables)[0] : undefined;
    const ws = wb.addWorksheet(sheet.name, {
      views:
        sheet.freezeHeader && first
          ? [{ state: 'frozen', xSplit: 0, ySplit: first.headerRow, topLeftCell: `A${first.headerRow + 1}` }]
          : [],
    });
    cellsWritten += writeSheet(ws, sheet);
  }
  return { sheetsWritten: plan.sheets.map((s) => s.name), cellsWritten };
}
