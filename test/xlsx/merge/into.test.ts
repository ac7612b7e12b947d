/**
 * `trade-terms run in.xlsx --into out.xlsx`: results merged into a copy of the user's workbook. The fixture holds a
 * chart, a pivot table, defined names, a calcChain, extra sheets and (as .xlsm) a macro project; the copy must keep
 * every one of its parts byte for byte except the few a merge must touch, and those only gain or lose our entries.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../../src/cli/main';
import { openWorkbook } from '../../../src/hosts/xlsx/reader';
import { editPackage, mergeFixture, textOf, zipEntries } from '../../fixtures/merge-fixture';
import { checkPackage, formatProblem } from '../../support/ooxml-check';
import { recalcWithLibreOffice } from '../../support/libreoffice';

/** Parts a merge may change; every other part of the user's package must come back byte-identical. */
const MAY_CHANGE = new Set([
  '[Content_Types].xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'docProps/app.xml',
  'xl/styles.xml',
  'xl/calcChain.xml',
]);

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    stderrIsTTY: false,
    progressDelayMs: 1e9,
    now: () => new Date('2026-10-15T12:00:00Z'),
    flush: () => Promise.resolve(),
  });
  return { code, stdout, stderr };
}

function errors(bytes: Uint8Array): string[] {
  return checkPackage(bytes)
    .filter((p) => p.severity === 'error')
    .map(formatProblem);
}

/** Every element of `tag` in the original part is still in the changed one, verbatim (our entries only added). */
function keepsAll(before: string, after: string, tag: RegExp): void {
  for (const m of before.matchAll(tag)) expect(after).toContain(m[0]);
}

describe('--into: results in a copy of the user workbook', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ttm-into-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const input = path.join(dir, 'plan.xlsx');
  const inputBytes = mergeFixture();
  writeFileSync(input, inputBytes);
  const first = path.join(dir, 'plan-con-resultados.xlsx');
  let firstBytes: Uint8Array;

  beforeAll(async () => {
    const r = await run(['run', input, '--into', first, '--lang', 'es']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Copia de su libro con los resultados escrita en:');
    firstBytes = readFileSync(first);
  });

  test('the input file is never modified', () => {
    expect(Buffer.compare(readFileSync(input), Buffer.from(inputBytes))).toBe(0);
  });

  test("every part of the user's package is byte-identical except the listed ones, which only gain our entries", () => {
    const before = zipEntries(inputBytes);
    const after = zipEntries(firstBytes);
    const changed: string[] = [];
    for (const [name, data] of before) {
      const now = after.get(name);
      expect(now).toBeDefined();
      if (Buffer.compare(Buffer.from(now!), Buffer.from(data)) !== 0) changed.push(name);
    }
    expect(changed.filter((n) => !MAY_CHANGE.has(n))).toEqual([]);
    expect(changed).toEqual(expect.arrayContaining(['xl/workbook.xml', '[Content_Types].xml']));
    const text = (m: Map<string, Uint8Array>, n: string) => textOf(m.get(n)!);
    keepsAll(
      text(before, 'xl/workbook.xml'),
      text(after, 'xl/workbook.xml'),
      /<sheet [^>]*\/>|<definedName [^>]*>[^<]*<\/definedName>|<pivotCache [^>]*\/>/g,
    );
    expect(text(after, 'xl/workbook.xml')).toContain('fullCalcOnLoad="1"');
    keepsAll(
      text(before, 'xl/_rels/workbook.xml.rels'),
      text(after, 'xl/_rels/workbook.xml.rels'),
      /<Relationship [^>]*\/>/g,
    );
    keepsAll(text(before, '[Content_Types].xml'), text(after, '[Content_Types].xml'), /<(Default|Override) [^>]*\/>/g);
    keepsAll(text(before, 'docProps/app.xml'), text(after, 'docProps/app.xml'), /<vt:lpstr>[^<]*<\/vt:lpstr>/g);
    // New parts are ours: result sheets, their tables and their charts.
    const added = [...after.keys()].filter((n) => !before.has(n));
    expect(added.every((n) => /^xl\/(worksheets|tables|drawings|charts)\//.test(n))).toBe(true);
    expect(added.some((n) => n.startsWith('xl/charts/'))).toBe(true);
  });

  test('the copy is a sound package: no Excel repair rule broken, the result sheets marked as ours', async () => {
    expect(errors(firstBytes)).toEqual([]);
    const wb = await openWorkbook(firstBytes, 'copia');
    const markers = wb.ownerMarkers();
    expect(markers.get('pnl')).toBe('TT P&L cliente');
    expect(markers.get('run_info')).toBe('TT Info corrida');
    // The user's sheets come first, in their order; ours after them.
    const names = wb.sheets.map((s) => s.name);
    expect(names.slice(0, 3)).toEqual(['Léeme', 'Parámetros', 'Clientes']);
    expect(names).toContain('Notas KAM');
    expect(names.indexOf('TT P&L cliente')).toBeGreaterThan(names.indexOf('Pivote'));
  });

  test('ExcelJS opens the copy with the user sheets and ours', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(firstBytes as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('Notas KAM')).toBeDefined();
    expect(wb.getWorksheet('TT P&L cliente')?.getCell('A1').value).toBeTruthy();
  });

  test('re-running in the other language replaces only our sheets, in place, and keeps every user part', async () => {
    const second = path.join(dir, 'segunda.xlsx');
    writeFileSync(second, firstBytes);
    // The copy is ours (it carries the run-info marker): it is replaced without --force.
    const again = path.join(dir, 'again.xlsx');
    const r = await run(['run', second, '--into', again, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('TT P&L cliente'); // the notice names the sheets renamed by the language change
    const a = zipEntries(firstBytes);
    const b = zipEntries(readFileSync(again));
    const wbA = await openWorkbook(firstBytes, 'a');
    const wbB = await openWorkbook(readFileSync(again), 'b');
    expect(wbB.sheets.length).toBe(wbA.sheets.length);
    expect(wbB.ownerMarkers().get('pnl')).toBe('TT Customer P&L');
    expect(wbB.sheets.map((s) => s.name).indexOf('TT Customer P&L')).toBe(
      wbA.sheets.map((s) => s.name).indexOf('TT P&L cliente'),
    );
    // The user's parts: identical to the first copy (and so to the input).
    for (const [name, data] of zipEntries(inputBytes)) {
      if (MAY_CHANGE.has(name)) continue;
      expect([name, Buffer.compare(Buffer.from(b.get(name)!), Buffer.from(data))]).toEqual([name, 0]);
    }
    // No part of the first run is left behind: same number of tables and charts.
    const count = (m: Map<string, Uint8Array>, re: RegExp) => [...m.keys()].filter((n) => re.test(n)).length;
    expect(count(b, /^xl\/tables\//)).toBe(count(a, /^xl\/tables\//));
    expect(count(b, /^xl\/charts\//)).toBe(count(a, /^xl\/charts\//));
    expect(errors(readFileSync(again))).toEqual([]);
  });

  test("calcChain entries of our replaced sheets go (Excel would offer a repair); the user's stay", async () => {
    const wb = await openWorkbook(firstBytes, 'a');
    const ours = wb.sheets.find((s) => s.name === 'TT P&L cliente')!;
    const withChain = editPackage(firstBytes, {
      'xl/calcChain.xml': (xml) => xml.replace('</calcChain>', `<c r="C5" i="${ours.sheetId}"/></calcChain>`),
    });
    const src = path.join(dir, 'con-cadena.xlsx');
    writeFileSync(src, withChain);
    const out = path.join(dir, 'con-cadena-2.xlsx');
    expect((await run(['run', src, '--into', out, '--lang', 'es'])).code).toBe(0);
    const before = textOf(zipEntries(withChain).get('xl/calcChain.xml')!);
    const after = textOf(zipEntries(readFileSync(out)).get('xl/calcChain.xml')!);
    expect(after).toBe(before.replace(`<c r="C5" i="${ours.sheetId}"/>`, ''));
  });

  test('a macro-enabled workbook stays .xlsm with its macro project; an .xlsx name for it is refused', async () => {
    const xlsm = path.join(dir, 'plan.xlsm');
    const macroBytes = mergeFixture({ macro: true });
    writeFileSync(xlsm, macroBytes);
    const wrong = await run(['run', xlsm, '--into', path.join(dir, 'copia.xlsx'), '--lang', 'en']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('so the copy with the results must end in .xlsm, not ".xlsx"');
    const out = path.join(dir, 'copia.xlsm');
    expect((await run(['run', xlsm, '--into', out])).code).toBe(0);
    const before = zipEntries(macroBytes);
    const after = zipEntries(readFileSync(out));
    expect(
      Buffer.compare(Buffer.from(after.get('xl/vbaProject.bin')!), Buffer.from(before.get('xl/vbaProject.bin')!)),
    ).toBe(0);
    expect(textOf(after.get('[Content_Types].xml')!)).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    expect(errors(readFileSync(out))).toEqual([]);
  });

  test("an existing file that is not ours is not replaced without --force; the user's workbook, never", async () => {
    const theirs = path.join(dir, 'otro.xlsx');
    writeFileSync(theirs, inputBytes);
    const r = await run(['run', input, '--into', theirs, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file that is not a results workbook of Trade Terms Modeller');
    expect(Buffer.compare(readFileSync(theirs), Buffer.from(inputBytes))).toBe(0);
    const forced = await run(['run', input, '--into', theirs, '--lang', 'en', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain(`Replaced "${theirs}"`);
    const self = await run(['run', input, '--into', input]);
    expect(self.code).toBe(2);
  });

  test("LibreOffice opens the copy and keeps its pivot table and charts (ours and the user's)", () => {
    const outDir = path.join(dir, 'lo');
    const { xlsxPath } = recalcWithLibreOffice(first, outDir, { formats: ['xlsx'] });
    const back = zipEntries(readFileSync(xlsxPath));
    expect([...back.keys()].some((n) => n.startsWith('xl/pivotTables/'))).toBe(true);
    expect([...back.keys()].filter((n) => n.startsWith('xl/charts/chart')).length).toBeGreaterThan(1);
  });
});
