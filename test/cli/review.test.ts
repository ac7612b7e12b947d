/**
 * Review findings on the CLI: output piped to another program arrives whole, and one broken header no longer hides
 * the other errors of the workbook.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { parseJsonDoc, tinyInputTables, writeInputWorkbook } from './input';

const repo = path.resolve(__dirname, '..', '..');

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-cli-review-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * Runs the CLI the way bin/trade-terms.js does (process.exit as soon as main resolves) with its stdout going
 * through a real pipe to `cat`, as in `trade-terms run x.xlsx --json | jq` (node's own child pipes are socket pairs
 * with larger buffers, which hide the problem); pipefail hands back the CLI's own exit code.
 */
function runPiped(argv: string[], reader = 'cat'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const entry = "require('./src/cli/main').main(process.argv.slice(1)).then((code) => process.exit(code))";
  const script = `set -o pipefail; "$0" -r tsx/cjs -e "$1" "\${@:2}" | ${reader}`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, process.execPath, entry, ...argv], {
      cwd: repo,
      env: { ...process.env, LANG: 'es_MX.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

test('--json piped to another program is complete (bin exits as soon as main resolves)', async () => {
  const tables = tinyInputTables();
  const volumes = tables.find((t) => t.name === 'VolumenesBase')!;
  // 300 rows each naming its own customer that does not exist: 300 causes, about 170 KB of JSON.
  for (let i = 0; i < 300; i++) volumes.rows.push([`NADIE-${i}`, 'P1', '2026-01', 1, 10]);
  const input = path.join(dir, 'muchos-errores.xlsx');
  await writeInputWorkbook(input, tables);

  const r = await runPiped(['run', input, '--json', '-o', path.join(dir, 'out.xlsx')]);
  expect(r.code).toBe(1);
  // Before the fix a pipe got only what fit in its buffer (64 KiB for `| jq`) and JSON.parse failed.
  expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(65536);
  const doc = parseJsonDoc(r.stdout);
  expect(doc.ok).toBe(false);
  expect(doc.errors).toHaveLength(300);
  // The tiny workbook's 8 volume rows come first (sheet rows 2–9): the first bad row is sheet row 10.
  expect(doc.errors[0]).toMatchObject({ code: 'unknown_customer', address: "'Volúmenes base'!A10", row: 10 });
  expect(doc.errors[299]).toMatchObject({ address: "'Volúmenes base'!A309" });
  expect(await fs.readdir(dir)).toEqual(['muchos-errores.xlsx']); // no results file
}, 60_000);

test('a reader that stops early (`| head`) is not a failure: exit code of the run, no EPIPE crash', async () => {
  const tables = tinyInputTables();
  const volumes = tables.find((t) => t.name === 'VolumenesBase')!;
  for (let i = 0; i < 300; i++) volumes.rows.push(['NADIE', 'P1', '2026-01', 1, 10]);
  const input = path.join(dir, 'muchos-errores.xlsx');
  await writeInputWorkbook(input, tables);

  const r = await runPiped(['run', input, '--json'], 'head -c 100');
  expect(Buffer.byteLength(r.stdout)).toBe(100); // head's share
  // The --json envelope's first keys (docs/cli.md), then the errors.
  expect(r.stdout.startsWith('{\n  "ok": false,\n  "exitCode": 1,\n  "error": null,\n  "errors": [\n    {\n')).toBe(
    true,
  );
  expect(r.stderr).not.toContain('EPIPE');
  expect(r.code).toBe(1); // the run's own code (invalid input), not a crash
}, 60_000);

test('main flushes its output before returning, also when the run fails', async () => {
  const calls: string[] = [];
  const code = await main(['run', path.join(dir, 'no-existe.xlsx')], {
    stdout: () => calls.push('stdout'),
    stderr: () => calls.push('stderr'),
    env: { LANG: 'es_MX.UTF-8' },
    cwd: dir,
    stderrIsTTY: false,
    flush: () => {
      calls.push('flush');
      return Promise.resolve();
    },
  });
  expect(code).toBe(2);
  expect(calls[calls.length - 1]).toBe('flush');
  expect(calls.filter((c) => c === 'flush')).toHaveLength(1);
});

test('a missing column, a bad cell and an unknown customer are all listed in one run, located, es and en', async () => {
  const tables = tinyInputTables();
  const customers = tables.find((t) => t.name === 'Clientes')!;
  // Delete "Canal" (the third column) from Clientes.
  const canal = customers.headers.indexOf('Canal');
  customers.headers = customers.headers.filter((_, j) => j !== canal);
  customers.rows = customers.rows.map((r) => r.filter((_, j) => j !== canal));
  // Clientes now has ID, Nombre, Días de crédito, Participación CEDIS: "Días de crédito" of OXXO is C3.
  customers.rows[1][2] = 'treinta';
  const volumes = tables.find((t) => t.name === 'VolumenesBase')!;
  volumes.rows[4][0] = 'SORIANA'; // A6
  const input = path.join(dir, 'varios.xlsx');
  await writeInputWorkbook(input, tables);

  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    env: {},
    cwd: dir,
    stderrIsTTY: false,
  };
  expect(await main(['run', input, '--lang', 'es'], io)).toBe(1);
  const es = err.join('');
  expect(es).toContain('El libro tiene 3 errores:');
  expect(es).toContain('1. Tabla Clientes (hoja Clientes), columna «Canal»: falta la columna obligatoria «Canal»');
  // Root causes first: the missing column, then the customer that does not exist, then the bad cell.
  expect(es).toContain(
    "2. Tabla VolumenesBase, fila 6, columna «ID cliente» ('Volúmenes base'!A6): el cliente «SORIANA» no existe en la tabla Clientes.",
  );
  expect(es).toContain(
    '3. Tabla Clientes, fila 3, columna «Días de crédito» (Clientes!C3): «treinta» no es un número.',
  );
  expect(out.join('')).toBe('');

  err.length = 0;
  expect(await main(['run', input, '--lang', 'en'], io)).toBe(1);
  const en = err.join('');
  expect(en).toContain('The workbook has 3 errors:');
  expect(en).toContain('3. Table Clientes, row 3, column "Días de crédito" (Clientes!C3): "treinta" is not a number.');
  expect(en).toContain('No results file was written; fix the workbook and run again.');
  expect(await fs.readdir(dir)).toEqual(['varios.xlsx']);
});
