/**
 * Input tables written as a NEW workbook (an agreed scenario exported as the next base): each table on its own
 * sheet at the place it had (header row and first column), as an Excel table with its headers, its rows and the
 * number formats of the contract's column types. Nothing of the user's workbook is rewritten.
 */
import ExcelJS from 'exceljs';
import { matchTableName, type ColumnSpec } from '../../../src/workbook/contract/specs';
import { headerKeys } from '../../../src/workbook/contract/table';
import { squash } from '../../../src/workbook/contract/normalize';
import type { CellValue, TableGrid } from '../../../src/workbook/port';

const FORMAT: Partial<Record<ColumnSpec['type'], string>> = {
  fraction: '0.0%',
  money: '$#,##0.00',
  date: 'yyyy-mm-dd',
};

export function workbookOfTables(grids: readonly TableGrid[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trade Terms Modeller';
  for (const g of grids) {
    const ws = wb.getWorksheet(g.sheet) ?? wb.addWorksheet(g.sheet);
    const spec = matchTableName(g.name)?.spec;
    const keys = spec ? headerKeys(spec) : undefined;
    // An Excel table holds at least one data row: an empty table gets one blank row (the contract skips it).
    const rows: CellValue[][] = g.rows.length > 0 ? g.rows : [g.headers.map(() => null)];
    ws.addTable({
      name: g.name,
      ref: `${columnName(g.firstColumn)}${g.headerRow}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: g.headers.map((name) => ({ name, filterButton: true })),
      rows: rows.map((r) => r.map(cellOf)),
    });
    g.headers.forEach((h, j) => {
      const col = ws.getColumn(g.firstColumn + j);
      col.width = Math.max(col.width ?? 0, Math.min(40, h.length + 4));
      const type = keys?.get(squash(h))?.type;
      const fmt = type ? FORMAT[type] : undefined;
      if (!fmt) return;
      for (let r = 0; r < rows.length; r++) ws.getCell(g.headerRow + 1 + r, g.firstColumn + j).numFmt = fmt;
    });
  }
  return wb;
}

/**
 * The .xlsx bytes of workbookOfTables: what the office host opens as a new workbook and the memory host hands to its
 * download. Hosts import this module lazily (`await import('../xlsx/export')`), so ExcelJS stays out of the pane's
 * initial JavaScript.
 */
export async function xlsxBytesOfTables(grids: readonly TableGrid[]): Promise<Uint8Array> {
  // A Node Buffer in Node, the browser build's Buffer (a Uint8Array) in the browser: either is copied into a plain one.
  const out: ArrayBuffer | Uint8Array = await workbookOfTables(grids).xlsx.writeBuffer();
  return new Uint8Array(out);
}

function cellOf(v: CellValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date)) return null; // an error or formula cell is not input data
  return v;
}

function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
