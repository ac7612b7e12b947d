/**
 * Test helper: recalculates result formulas with HyperFormula (GPL, dev-only) and lists every formula whose
 * computed value differs from the cached result the plan (or the written file) carries.
 */
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import { isCellError, isFormulaCell, type ResultsPlan } from '../../src/workbook/port';
import { placeTables } from '../../src/workbook/results-layout';

type Raw = string | number | boolean | null;
interface Cached {
  sheet: string;
  row: number; // 0-based
  col: number; // 0-based
  formula: string;
  result: unknown;
}

export interface Mismatch {
  at: string;
  formula: string;
  cached: unknown;
  computed: unknown;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const serial = (d: Date) => (d.getTime() - EXCEL_EPOCH) / 86_400_000;

function compare(sheets: Record<string, Raw[][]>, cached: Cached[]): { checked: number; mismatches: Mismatch[] } {
  // Array arithmetic lets SUMPRODUCT(--(range="SKU"), ...) evaluate as it does in Excel.
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', useArrayArithmetic: true });
  const mismatches: Mismatch[] = [];
  for (const c of cached) {
    const sheet = hf.getSheetId(c.sheet)!;
    const computed = hf.getCellValue({ sheet, row: c.row, col: c.col });
    const want = c.result === undefined || c.result === null ? '' : c.result;
    const got = computed === null ? '' : computed;
    const same =
      typeof want === 'number' && typeof got === 'number'
        ? Math.abs(want - got) <= 1e-9 * Math.max(1, Math.abs(want))
        : want === got;
    if (!same)
      mismatches.push({ at: `${c.sheet}!R${c.row + 1}C${c.col + 1}`, formula: c.formula, cached: want, computed: got });
  }
  hf.destroy();
  return { checked: cached.length, mismatches };
}

/** Lays a plan out exactly as the hosts do (placeTables) and recalculates it. */
export function recalcPlan(plan: ResultsPlan): { checked: number; mismatches: Mismatch[] } {
  const sheets: Record<string, Raw[][]> = {};
  const cached: Cached[] = [];
  for (const sheet of plan.sheets) {
    const grid: Raw[][] = [];
    const put = (r: number, c: number, v: Raw) => {
      while (grid.length <= r) grid.push([]);
      grid[r][c] = v;
    };
    const places = placeTables(sheet.tables);
    sheet.tables.forEach((t, ti) => {
      const p = places[ti];
      if (t.title && p.titleRow) put(p.titleRow - 1, 0, t.title);
      t.columns.forEach((c, j) => put(p.headerRow - 1, j, c.header));
      t.rows.forEach((row, i) =>
        row.forEach((cell, j) => {
          const r = p.firstDataRow - 1 + i;
          if (isFormulaCell(cell)) {
            put(r, j, cell.formula);
            cached.push({ sheet: sheet.name, row: r, col: j, formula: cell.formula, result: cell.result });
          } else if (cell instanceof Date) put(r, j, serial(cell));
          else if (isCellError(cell)) put(r, j, null);
          else if (typeof cell === 'string' && cell.startsWith('=')) put(r, j, `'${cell}`);
          else put(r, j, cell);
        }),
      );
    });
    sheets[sheet.name] = grid.map((r) => Array.from(r, (v) => (v === undefined ? null : v)));
  }
  return compare(sheets, cached);
}

/** Reads a written results file back (formulas and their cached results) and recalculates it. */
export function recalcWorkbook(wb: ExcelJS.Workbook): { checked: number; mismatches: Mismatch[] } {
  const sheets: Record<string, Raw[][]> = {};
  const cached: Cached[] = [];
  wb.eachSheet((ws) => {
    const grid: Raw[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        while (grid.length < r) grid.push([]);
        const v = cell.value as unknown;
        let raw: Raw;
        if (cell.type === ExcelJS.ValueType.Formula) {
          raw = `=${cell.formula}`;
          const result = cell.result instanceof Date ? serial(cell.result) : cell.result;
          cached.push({ sheet: ws.name, row: r - 1, col: c - 1, formula: raw, result });
        } else if (v instanceof Date) raw = serial(v);
        else if (typeof v === 'object' && v !== null) raw = null;
        // Text that starts with "=" ("= Precio factura", a waterfall total's label) is text, as in Excel: HyperFormula
        // takes the apostrophe prefix to mean so.
        else if (typeof v === 'string' && v.startsWith('=')) raw = `'${v}`;
        else raw = v as Raw;
        grid[r - 1][c - 1] = raw;
      });
    });
    sheets[ws.name] = grid.map((r) => Array.from(r, (v) => (v === undefined ? null : v)));
  });
  return compare(sheets, cached);
}
