/**
 * Formula injection, Office host: text beginning with = + - @ reaches Excel with Excel's "keep as text" apostrophe,
 * so Excel stores it as text (never a formula, never a number), through the host's real write paths: writeResults
 * (title, headers, cells), saveRows (creating a table, then replacing its rows) and exportTables (a new workbook
 * from .xlsx bytes). What the host handed to Range.values / Range.formulas / TableRowCollection.add is recorded by
 * wrapping the fake's setters; what Excel keeps is the fake's cell (a formula cell has a formula and the value '').
 */
import ExcelJS from 'exceljs';
import { FakeExcel } from '../fakes/excel';
import { FakeRange, FakeTableRowCollection } from '../fakes/excel/proxies';
import type { ResultsPlan } from '../../src/workbook/port';
import {
  FORMULA_HEADERS,
  FORMULA_LIKE_TEXTS,
  FORMULA_ROWS,
  FORMULA_SHEET,
  FORMULA_TABLE,
  formulaTextGrid,
  formulaTextPlan,
  formulaTextSaveRequest,
} from '../security/formula-texts';
import { fakeWithSmallInputs, hostOn } from './support';

/** Every cell input the host hands to the fake (Range.values, Range.formulas, TableRowCollection.add), as handed. */
const handed: unknown[] = [];
const restore: (() => void)[] = [];

beforeAll(() => {
  for (const prop of ['values', 'formulas'] as const) {
    const original = Object.getOwnPropertyDescriptor(FakeRange.prototype, prop)!;
    Object.defineProperty(FakeRange.prototype, prop, {
      ...original,
      set(this: FakeRange, v: unknown) {
        handed.push(v);
        original.set!.call(this, v);
      },
    });
    restore.push(() => Object.defineProperty(FakeRange.prototype, prop, original));
  }
  const add = Object.getOwnPropertyDescriptor(FakeTableRowCollection.prototype, 'add')!;
  const original = add.value as FakeTableRowCollection['add'];
  Object.defineProperty(FakeTableRowCollection.prototype, 'add', {
    ...add,
    value(this: FakeTableRowCollection, ...args: Parameters<FakeTableRowCollection['add']>) {
      handed.push(args[1]);
      return original.apply(this, args);
    },
  });
  restore.push(() => Object.defineProperty(FakeTableRowCollection.prototype, 'add', add));
});

afterAll(() => restore.forEach((r) => r()));
beforeEach(() => (handed.length = 0));

/** The strings handed to Excel as cell input. */
function handedStrings(): string[] {
  return handed
    .flatMap((v) => (Array.isArray(v) ? (v as unknown[]).flat(2) : [v]))
    .filter((v) => typeof v === 'string');
}

/** Each text was handed with the apostrophe, never bare (bare, Excel would parse it as typing does). */
function expectHandedAsText(texts: readonly string[]): void {
  const strings = handedStrings();
  for (const t of texts) {
    expect(strings).toContain(`'${t}`);
    expect(strings).not.toContain(t);
  }
}

const a = (sheet: string, ref: string) => `'${sheet}'!${ref}`;

test('writeResults: the title, the headers and every text cell are text in Excel; only the formula cell is one', async () => {
  const fake = fakeWithSmallInputs();
  await hostOn(fake).writeResults(formulaTextPlan());
  const last = FORMULA_ROWS.firstData + FORMULA_LIKE_TEXTS.length - 1;

  // What Excel keeps: the texts as values (a formula cell would read '' here, "+1" would read the number 1).
  expect(fake.readValues(a(FORMULA_SHEET, 'A1'))).toEqual([[FORMULA_LIKE_TEXTS[0]]]);
  expect(fake.readValues(a(FORMULA_SHEET, `A${FORMULA_ROWS.header}:C${FORMULA_ROWS.header}`))).toEqual([
    FORMULA_HEADERS,
  ]);
  expect(fake.table(FORMULA_TABLE).headers).toEqual(FORMULA_HEADERS);
  expect(fake.readValues(a(FORMULA_SHEET, `A${FORMULA_ROWS.firstData}:C${last}`))).toEqual(
    FORMULA_LIKE_TEXTS.map((t, i) => [t, i + 1, t]),
  );
  // …and no formula anywhere but the total's.
  expect(fake.readFormulas(a(FORMULA_SHEET, `A${FORMULA_ROWS.firstData}:C${last}`))).toEqual(
    FORMULA_LIKE_TEXTS.map((t, i) => [t, i + 1, t]),
  );
  expect(fake.readFormulas(a(FORMULA_SHEET, `B${last + 1}`))).toEqual([[`=SUM(B4:B${last})`]]);
  expect(fake.readValues(a(FORMULA_SHEET, `B${last + 1}`))).toEqual([['']]);

  // What the host handed to Excel: each text behind Excel's "keep as text" apostrophe.
  expectHandedAsText([...FORMULA_LIKE_TEXTS, ...FORMULA_HEADERS]);
});

test('saveRows: a table created, then its rows replaced: the texts stay text', async () => {
  const fake = new FakeExcel({ sheets: ['Portada'] });
  const host = hostOn(fake);
  const grid = formulaTextGrid();
  const expected = FORMULA_LIKE_TEXTS.map((t, i) => ['N1', t, i + 1]);

  await host.saveRows(formulaTextSaveRequest(null));
  expect(fake.table(grid.name).headers).toEqual(grid.headers);
  expect(fake.table(grid.name).rows).toEqual(expected);
  expectHandedAsText([...FORMULA_LIKE_TEXTS, ...grid.headers.filter((h) => /^[=+\-@]/.test(h))]);

  handed.length = 0;
  await host.saveRows(formulaTextSaveRequest(grid.name));
  expect(fake.table(grid.name).rows).toEqual(expected);
  expect(fake.readValues(a(grid.sheet, `B2:B${1 + expected.length}`)).flat()).toEqual([...FORMULA_LIKE_TEXTS]);
  expectHandedAsText(FORMULA_LIKE_TEXTS);
});

test('exportTables: the new workbook Excel opens holds the texts as text cells', async () => {
  const fake = new FakeExcel({ sheets: ['Portada'] });
  await hostOn(fake).exportTables([formulaTextGrid()], 'Notas-base.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(fake.createdWorkbooks[0], 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Notas')!;
  const grid = formulaTextGrid();
  grid.headers.forEach((h, j) => {
    expect(ws.getCell(1, 1 + j).value).toBe(h);
    expect(ws.getCell(1, 1 + j).type).toBe(ExcelJS.ValueType.String);
  });
  FORMULA_LIKE_TEXTS.forEach((t, i) => {
    expect(ws.getCell(2 + i, 2).value).toBe(t);
    expect(ws.getCell(2 + i, 2).type).toBe(ExcelJS.ValueType.String);
  });
});

/**
 * A chart's data block copies the table's column headers into its header row (in the Scenarios sheet, the
 * scenarios' names): a scenario named "=HYPERLINK(…)" must stay text there too, not become a live formula beside
 * its bar chart (it did: TT Escenarios!L31 on the sample, until the block's header row went through textForExcel).
 */
test('a chart data block: a formula-like column header (a scenario named "=…") is written as text', async () => {
  // The bar chart's block copies the table's headers into its header row; its other cells are its own formulas.
  const plan: ResultsPlan = formulaTextPlan();
  const sheet = plan.sheets[0];
  sheet.charts = [
    { kind: 'bar', title: 'Montos', table: FORMULA_TABLE, categoryColumn: 'concept', valueColumns: ['amount'] },
  ];
  sheet.tables[0].columns[1].header = FORMULA_LIKE_TEXTS[0];
  const fake = fakeWithSmallInputs();
  await hostOn(fake).writeResults(plan);
  // The block starts one blank column right of the table (A:C), on its header row: E3.
  expect(fake.readValues(a(FORMULA_SHEET, `E${FORMULA_ROWS.header}:F${FORMULA_ROWS.header}`))).toEqual([
    [FORMULA_HEADERS[0], FORMULA_LIKE_TEXTS[0]],
  ]);
});
