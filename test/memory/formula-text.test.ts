/**
 * Formula injection, memory host (the browser demo): text beginning with = + - @ is kept as a text cell (a value,
 * no formula), through the host's real write paths: writeResults (title, headers, cells), saveRows (creating a
 * table, then replacing its rows), and the files it hands to the download callback (exportTables, downloadResults
 * as a new workbook and as a copy of the file it was opened from), read back with ExcelJS.
 */
import { MemoryWorkbook } from '../../src/hosts/memory';
import { xlsxBytesOfTables } from '../../src/hosts/xlsx/bytes';
import {
  FORMULA_LIKE_TEXTS,
  FORMULA_SHEET,
  PLAN_FORMULA_CELL,
  asStringCells,
  formulaTextGrid,
  formulaTextPlan,
  formulaTextSaveRequest,
  planTextCells,
  xlsxCells,
} from '../security/formula-texts';

jest.setTimeout(30_000);

test('writeResults: the title, the headers and every text cell are text cells; only the formula cell is one', async () => {
  const memory = new MemoryWorkbook({ name: 'Libro.xlsx' });
  await memory.writeResults(formulaTextPlan());
  const sheet = memory.getSheet(FORMULA_SHEET)!;
  const cells = planTextCells();
  // A text cell: the text as its value and no formula (a formula cell carries `formula`).
  expect(cells.map((c) => [sheet.cellAt(c.row, c.column)?.value, sheet.cellAt(c.row, c.column)?.formula])).toEqual(
    cells.map((c) => [c.text, undefined]),
  );
  expect(sheet.cellAt(PLAN_FORMULA_CELL.row, PLAN_FORMULA_CELL.column)?.formula).toBe(PLAN_FORMULA_CELL.formula);
});

test('saveRows: a table created, then its rows replaced: the texts stay text cells', async () => {
  const grid = formulaTextGrid();
  const memory = new MemoryWorkbook({ name: 'Libro.xlsx' });
  const expected = FORMULA_LIKE_TEXTS.map((t, i) => ['N1', t, i + 1]);
  for (const table of [null, grid.name]) {
    await memory.saveRows(formulaTextSaveRequest(table));
    expect(memory.table(grid.name)).toMatchObject({ headers: grid.headers, rows: expected });
    const sheet = memory.getSheet(grid.sheet)!;
    grid.headers.forEach((h, j) =>
      expect([sheet.cellAt(1, 1 + j)?.value, sheet.cellAt(1, 1 + j)?.formula]).toEqual([h, undefined]),
    );
    FORMULA_LIKE_TEXTS.forEach((t, i) => {
      expect(sheet.cellAt(2 + i, 2)?.value).toBe(t);
      expect(sheet.cellAt(2 + i, 2)?.formula).toBeUndefined();
    });
  }
});

test('exportTables: the downloaded workbook holds the texts as text cells', async () => {
  const files: Uint8Array[] = [];
  const memory = new MemoryWorkbook({ name: 'Libro.xlsx', download: (bytes) => void files.push(bytes) });
  const grid = formulaTextGrid();
  await memory.exportTables([grid], 'Notas-base.xlsx');
  const cells = [
    ...grid.headers.map((_, j) => ({ row: 1, column: 1 + j })),
    ...FORMULA_LIKE_TEXTS.map((_, i) => ({ row: 2 + i, column: 2 })),
  ];
  expect(await xlsxCells(files[0], grid.sheet, cells)).toEqual(asStringCells([...grid.headers, ...FORMULA_LIKE_TEXTS]));
});

test('downloadResults, as a new workbook and as a copy of the opened file: the texts are text cells', async () => {
  const cells = planTextCells();
  const fileBytes = await xlsxBytesOfTables([formulaTextGrid()]);
  for (const opened of [undefined, fileBytes]) {
    const files: Uint8Array[] = [];
    const memory = MemoryWorkbook.fromTables('Libro.xlsx', [formulaTextGrid()], {
      fileBytes: opened,
      download: (bytes) => void files.push(bytes),
    });
    await memory.writeResults(formulaTextPlan());
    await memory.downloadResults();
    expect(await xlsxCells(files[0], FORMULA_SHEET, cells)).toEqual(asStringCells(cells.map((c) => c.text)));
    const [total] = await xlsxCells(files[0], FORMULA_SHEET, [PLAN_FORMULA_CELL]);
    expect(total.value).toMatchObject({ formula: PLAN_FORMULA_CELL.formula.slice(1) });
  }
});
