/**
 * `trade-terms init`: a new workbook with every input table (headers in the user's language, one example row each,
 * Settings with every key at its default), real Excel drop-down lists on the enumerated and yes/no columns, and an
 * instructions table. As written it passes the contract with no error or warning and runs; it is never written over
 * a file that is not ours.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { XlsxHost } from '../../src/hosts/xlsx/host';
import { readTablesFromBytes } from '../../src/hosts/xlsx/reader';
import { parseModel } from '../../src/workbook/contract';
import { INPUT_TABLES, INPUT_TABLE_NAMES, SETTING_SPECS } from '../../src/workbook/contract/specs';
import { runWorkbook } from '../../src/workbook/run';
import { expectValidPackage } from '../support/ooxml-check';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-init-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: {},
    cwd: dir,
    stderrIsTTY: false,
  });
  return { code, out: out.join(''), err: err.join('') };
}

/** The list a cell's drop-down offers: literal values, or the cells of the hidden lists sheet it points at. */
function dropDown(wb: ExcelJS.Workbook, sheet: string, address: string): string[] | undefined {
  const v = wb.getWorksheet(sheet)!.getCell(address).dataValidation;
  if (!v || v.type !== 'list') return undefined;
  const f = v.formulae[0] as string;
  if (f.startsWith('"')) return f.slice(1, -1).split(',');
  const m = /^(\w+)!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(f);
  if (!m) throw new Error(`unexpected list source ${f}`);
  const lists = wb.getWorksheet(m[1])!;
  expect(lists.state).toBe('hidden');
  const out: string[] = [];
  for (let r = Number(m[3]); r <= Number(m[4]); r++) out.push(lists.getCell(`${m[2]}${r}`).text);
  return out;
}

test.each([
  ['es', 'plantilla.xlsx'],
  ['en', 'template.xlsx'],
] as const)('init --lang %s: every table, drop-downs, instructions; valid as written; it runs', async (lang, name) => {
  const r = await run(['init', name, '--lang', lang]);
  expect(r.code).toBe(0);
  const file = path.join(dir, name);
  expect(r.out).toContain(
    lang === 'es' ? 'Plantilla escrita en: plantilla.xlsx' : 'Template written to: template.xlsx',
  );
  const bytes = new Uint8Array(await fs.readFile(file));
  expectValidPackage(bytes);

  // Every contract table, named and headed in the chosen language, read back by the reader like any workbook.
  const grids = await readTablesFromBytes(bytes, name, INPUT_TABLE_NAMES);
  expect([...grids.values()].map((g) => g.name).sort()).toEqual(INPUT_TABLES.map((s) => s[lang]).sort());
  for (const spec of INPUT_TABLES) {
    const g = [...grids.values()].find((x) => x.name === spec[lang])!;
    expect(g.headers).toEqual(spec.columns.map((c) => c[lang]));
    expect(g.rows).toHaveLength(spec.id === 'Settings' ? SETTING_SPECS.length : 1);
  }
  const parsed = parseModel(grids);
  expect(parsed.ok && parsed.warnings).toEqual([]);
  const outcome = await runWorkbook(new XlsxHost(file, path.join(dir, `${lang}-results.xlsx`)), { lang });
  expect(outcome.ok).toBe(true);

  // Real Excel data validation: read back by ExcelJS, an independent reader.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const customers = lang === 'es' ? 'Clientes' : 'Customers';
  const channels =
    lang === 'es'
      ? ['moderno', 'conveniencia', 'e-commerce', 'mayoreo', 'tradicional']
      : ['modern', 'convenience', 'e-commerce', 'wholesale', 'traditional'];
  expect(dropDown(wb, customers, 'C2')).toEqual(channels);
  expect(dropDown(wb, customers, 'C500')).toEqual(channels); // rows typed later get it too
  expect(dropDown(wb, customers, 'B2')).toBeUndefined(); // a name is free text
  const terms = lang === 'es' ? 'Condiciones' : 'Terms';
  // Term kinds: all 13 of them.
  const kinds = dropDown(wb, terms, 'C2')!;
  expect(kinds).toHaveLength(13);
  expect(kinds[0]).toBe(lang === 'es' ? 'descuento en factura' : 'on-invoice discount');
  expect(dropDown(wb, terms, 'D2')).toEqual(lang === 'es' ? ['sí', 'no'] : ['yes', 'no']);

  // The instructions: each table, then each of its columns (Settings: its keys too).
  const instructions = lang === 'es' ? 'Instrucciones' : 'Instructions';
  const ins = (await readTablesFromBytes(bytes, name, [instructions])).get(instructions)!;
  const columns = INPUT_TABLES.reduce((n, s) => n + 1 + s.columns.length, 0) + SETTING_SPECS.length;
  expect(ins.rows).toHaveLength(columns);
  const channelRow = ins.rows.find((row) => row[0] === customers && row[1] === (lang === 'es' ? 'Canal' : 'Channel'))!;
  expect(channelRow[2]).toBe(lang === 'es' ? 'sí' : 'yes');
  expect(channelRow[6]).toBe(channels.join(', '));
});

test('init never writes over a file that is not ours; --force does; a missing path is a usage error', async () => {
  const mine = path.join(dir, 'mine.xlsx');
  await fs.writeFile(mine, 'my notes');
  const refused = await run(['init', 'mine.xlsx', '--lang', 'en']);
  expect(refused.code).toBe(2);
  expect(refused.err).toContain('already exists');
  expect(await fs.readFile(mine, 'utf8')).toBe('my notes');
  expect((await run(['init', 'mine.xlsx', '--force'])).code).toBe(0);
  expect((await fs.readFile(mine)).subarray(0, 2).toString()).toBe('PK');

  const usage = await run(['init', '--lang', 'es']);
  expect(usage.code).toBe(2);
  expect(usage.err).toContain('init necesita exactamente la ruta del libro nuevo');
  expect((await run(['init', 'a.xlsx', '-o', 'b.xlsx'])).code).toBe(2);
});
