/**
 * Formula injection, xlsx host (the CLI): text beginning with = + - @ is written as a string cell (shared string,
 * t="s"), never as a formula (<f>), through the host's real write paths: a new results workbook, the results merged
 * into a copy of the input (--into) and an exported base (exportTables). Checked in the package's XML (the only <f>
 * of the sheet is the plan's own formula) and read back with ExcelJS (each text a string cell).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { XlsxHost } from '../../src/hosts/xlsx';
import { xlsxBytesOfTables } from '../../src/hosts/xlsx/bytes';
import {
  FORMULA_LIKE_TEXTS,
  FORMULA_SHEET,
  PLAN_FORMULA_CELL,
  asStringCells,
  formulaTextGrid,
  formulaTextPlan,
  planTextCells,
  xlsxCells,
} from '../security/formula-texts';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-formula-text-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The text of every <f> element of every worksheet part (entities decoded). */
function formulasIn(bytes: Uint8Array): string[] {
  const parts = unzipSync(bytes);
  return Object.entries(parts)
    .filter(([name]) => /^xl\/worksheets\/[^/]+\.xml$/.test(name))
    .flatMap(([, data]) => [...strFromU8(data).matchAll(/<f(?:\s[^>]*)?>([^<]*)<\/f>/g)].map((m) => m[1]))
    .map((f) =>
      f
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
}

async function expectTextsAsText(bytes: Uint8Array): Promise<void> {
  const cells = planTextCells();
  expect(await xlsxCells(bytes, FORMULA_SHEET, cells)).toEqual(asStringCells(cells.map((c) => c.text)));
  // The only <f> of the package: the plan's own formula (the total).
  expect(formulasIn(bytes)).toEqual([PLAN_FORMULA_CELL.formula.slice(1)]);
}

test('a new results workbook: the title, the headers and every text cell are string cells', async () => {
  const input = path.join(dir, 'entrada.xlsx');
  await fs.writeFile(input, await xlsxBytesOfTables([formulaTextGrid()]));
  const output = path.join(dir, 'resultados.xlsx');
  await new XlsxHost(input, output).writeResults(formulaTextPlan());
  await expectTextsAsText(new Uint8Array(await fs.readFile(output)));
});

test('--into, the results merged into a copy of the input: the same, and the input is unchanged', async () => {
  const input = path.join(dir, 'entrada.xlsx');
  const inputBytes = await xlsxBytesOfTables([formulaTextGrid()]);
  await fs.writeFile(input, inputBytes);
  const output = path.join(dir, 'copia.xlsx');
  await new XlsxHost(input, output, { into: true }).writeResults(formulaTextPlan());
  await expectTextsAsText(new Uint8Array(await fs.readFile(output)));
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  expect(sha(new Uint8Array(await fs.readFile(input)))).toBe(sha(inputBytes));
});

test('exportTables: the exported base holds the headers and texts as string cells, and no formula', async () => {
  const input = path.join(dir, 'entrada.xlsx');
  await fs.writeFile(input, await xlsxBytesOfTables([formulaTextGrid()]));
  const output = path.join(dir, 'base.xlsx');
  const grid = formulaTextGrid();
  await new XlsxHost(input, output).exportTables([grid]);
  const bytes = new Uint8Array(await fs.readFile(output));
  const cells = [
    ...grid.headers.map((_, j) => ({ row: 1, column: 1 + j })),
    ...FORMULA_LIKE_TEXTS.map((_, i) => ({ row: 2 + i, column: 2 })),
  ];
  expect(await xlsxCells(bytes, grid.sheet, cells)).toEqual(asStringCells([...grid.headers, ...FORMULA_LIKE_TEXTS]));
  expect(formulasIn(bytes)).toEqual([]);
});
