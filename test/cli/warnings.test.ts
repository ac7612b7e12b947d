/**
 * Warnings are never silent in the CLI: counted in the summary on stdout, each listed and located on stderr, after
 * the results or after the errors that stopped the run, and in --json.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { BROKEN_WORKBOOKS, Kit } from '../fixtures/broken-workbooks';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-cli-warnings-'));
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
    now: () => new Date('2026-12-01T12:00:00Z'),
  });
  return { code, out: out.join(''), err: err.join('') };
}

async function entryFile(id: string, edit?: (k: Kit) => void): Promise<string> {
  const entry = BROKEN_WORKBOOKS.find((b) => b.id === id)!;
  const kit = await Kit.sample();
  edit?.(kit);
  const file = path.join(dir, `${id}.xlsx`);
  await fs.writeFile(file, await entry.make(kit));
  return file;
}

const HIDDEN_ES =
  'Tabla VolumenesBase (hoja Volúmenes base): 2 filas de la tabla están ocultas (filas 5, 6) y se incluyen en el cálculo';

test('a run with hidden rows: the summary counts the warning, stderr lists it located, --json carries it', async () => {
  const file = await entryFile('hidden-rows');
  const r = await run(['run', file, '-o', path.join(dir, 'r1.xlsx'), '--lang', 'es']);
  expect(r.code).toBe(0);
  expect(r.out).toContain(
    '1 aviso del libro de entrada (no detienen el cálculo): se listan al final y en la hoja «TT Hallazgos».',
  );
  expect(r.err).toContain(`Avisos del libro de entrada:\n- ${HIDDEN_ES}`);

  const j = await run(['run', file, '-o', path.join(dir, 'r2.xlsx'), '--json', '--lang', 'en']);
  expect(j.code).toBe(0);
  const doc = JSON.parse(j.out) as { warnings: { code: string; es: string }[]; totals: { warnings: number } };
  expect(doc.warnings.map((w) => w.code)).toEqual(['hidden_rows']);
  expect(doc.warnings[0].es).toContain(HIDDEN_ES);
  expect(doc.totals.warnings).toBe(1);
});

test('an invalid workbook with hidden rows: the errors, then the warnings, and nothing written', async () => {
  const file = await entryFile('hidden-rows', (k) => k.set('Clientes', 0, 'Canal', 'hiper'));
  const r = await run(['run', file, '-o', path.join(dir, 'r3.xlsx'), '--lang', 'es']);
  expect(r.code).toBe(1);
  expect(r.err).toContain(
    'El libro tiene 1 error:\n1. Tabla Clientes, fila 2, columna «Canal» (Clientes!C2): «hiper» no es un valor válido',
  );
  expect(r.err).toContain(`Avisos del libro de entrada:\n- ${HIDDEN_ES}`);
  expect(r.err.indexOf('Avisos')).toBeGreaterThan(r.err.indexOf('El libro tiene'));
  await expect(fs.stat(path.join(dir, 'r3.xlsx'))).rejects.toThrow();
});
