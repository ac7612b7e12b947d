/**
 * Excel tables (ListObjects) of an ExcelJS workbook as plain grids. Pure over the workbook object (no fs), so the
 * in-browser memory host reuses it on a workbook it loaded from bytes.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { selectTables, type CellValue, type TableGrid, type TableInfo } from '../../../src/workbook/port';
import { cellText, cellValueOf } from './cells';

/** What ExcelJS keeps of a table it parsed from a file (its public typings describe tables being created). */
interface LoadedTableModel {
  name: string;
  /** Whole table range, header and totals rows included, e.g. "B3:H40". */
  tableRef?: string;
  /** Set instead of tableRef on tables added in this session (top-left cell only). */
  ref?: string;
  totalsRow?: boolean;
  columns: { name: string }[];
  rows?: unknown[][];
}

interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "B3:H40" (or a single "B3") → 1-based bounds. */
export function decodeRange(ref: string): CellRange {
  const parts = ref.replace(/\$/g, '').split(':');
  const corner = (a1: string) => {
    const m = /^([A-Za-z]{1,3})(\d+)$/.exec(a1.trim());
    if (!m) throw new Error(`Rango de tabla no válido / invalid table range: "${ref}"`);
    return { col: columnNumber(m[1]), row: Number(m[2]) };
  };
  const a = corner(parts[0]);
  const b = parts.length > 1 ? corner(parts[1]) : a;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

function tableModels(ws: Worksheet): LoadedTableModel[] {
  // ExcelJS types getTables() as tuples; at run time it returns Table objects whose .model is the parsed table.
  const tables = (ws as unknown as { tables?: Record<string, { model: LoadedTableModel }> }).tables ?? {};
  return Object.values(tables).map((t) => t.model);
}

function rangeOf(model: LoadedTableModel): CellRange {
  if (model.tableRef) return decodeRange(model.tableRef);
  // A table created in this session (never saved): ref is its top-left cell, the size comes from its data.
  const tl = decodeRange(model.ref ?? 'A1');
  const height = 1 + (model.rows?.length ?? 0) + (model.totalsRow ? 1 : 0);
  return { top: tl.top, left: tl.left, bottom: tl.top + height - 1, right: tl.left + model.columns.length - 1 };
}

function isEmptyRow(row: readonly CellValue[]): boolean {
  return row.every((v) => v === null || v === '');
}

/**
 * Reads one table. The first row of the range is always taken as the header: Excel writes headerRowCount only when
 * it is 0 and ExcelJS then reports every Excel-made table as header-less, so its flag cannot be trusted; contract
 * tables always have headers. The totals row is left out. Trailing blank rows are dropped (a table Excel shows as
 * empty still holds one blank row), interior ones are kept so worksheet row numbers stay right.
 */
export function gridOfTable(ws: Worksheet, model: LoadedTableModel): TableGrid {
  const r = rangeOf(model);
  const headerRow = r.top;
  const width = r.right - r.left + 1;
  const headerCells = ws.findRow(headerRow);
  const headers: string[] = [];
  for (let j = 0; j < width; j++) {
    const text = cellText(headerCells?.findCell(r.left + j));
    headers.push(text !== '' ? text : (model.columns[j]?.name ?? ''));
  }
  const lastDataRow = r.bottom - (model.totalsRow ? 1 : 0);
  const rows: CellValue[][] = [];
  for (let i = headerRow + 1; i <= lastDataRow; i++) {
    const wsRow = ws.findRow(i);
    const row = new Array<CellValue>(width);
    for (let j = 0; j < width; j++) row[j] = wsRow ? cellValueOf(wsRow.findCell(r.left + j)) : null;
    rows.push(row);
  }
  while (rows.length > 0 && isEmptyRow(rows[rows.length - 1])) rows.pop();
  return { name: model.name, sheet: ws.name, headerRow, firstColumn: r.left, headers, rows };
}

/** Every table of the workbook as a grid, in sheet order. */
export function tablesFromWorkbook(wb: Workbook): TableGrid[] {
  const grids: TableGrid[] = [];
  wb.eachSheet((ws) => {
    for (const model of tableModels(ws)) grids.push(gridOfTable(ws, model));
  });
  return grids;
}

/** Name, sheet and data-row count of every table. */
export function listTablesOf(wb: Workbook): TableInfo[] {
  return tablesFromWorkbook(wb).map((g) => ({ name: g.name, sheet: g.sheet, rowCount: g.rows.length }));
}

/** The named tables matched by the port's selectTables, keyed as it says; missing tables are absent. */
export function readTablesOf(wb: Workbook, names: readonly string[]): Map<string, TableGrid> {
  const found: { ws: Worksheet; model: LoadedTableModel }[] = [];
  wb.eachSheet((ws) => {
    for (const model of tableModels(ws)) found.push({ ws, model });
  });
  const out = new Map<string, TableGrid>();
  for (const [key, name] of selectTables(
    found.map((t) => t.model.name),
    names,
  )) {
    const t = found.find((x) => x.model.name === name)!;
    out.set(key, gridOfTable(t.ws, t.model));
  }
  return out;
}

/** Names of sheets that hold at least one table (inputs a results writer must never replace). */
export function sheetsWithTables(wb: Workbook): string[] {
  const names: string[] = [];
  wb.eachSheet((ws) => {
    if (tableModels(ws).length > 0) names.push(ws.name);
  });
  return names;
}
