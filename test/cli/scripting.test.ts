/**
 * The CLI as a script runs it: `npm run build:cli`, then `node bin/trade-terms.js …` in a child process, its real
 * exit code and stdout. For every exit (0, 1, 2, 3) --json prints exactly one JSON object whose first keys are the
 * documented envelope (docs/cli.md); nothing is written where the exit says so; an output path that cannot be
 * created fails at once (each such test runs under a few seconds' timeout, and the child is killed past it, so a
 * regression to the old endless loop fails the test instead of hanging the suite).
 *
 * Exit 3 cannot be provoked from outside the process without a test hook in product code, and there is none: that
 * test runs the same BUILT lib/cli/main.js in a child process, with one injected dependency (a clock that gives an
 * invalid date, through the CliIo seam main() already has), and process.exit(code) as bin/trade-terms.js does.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compoundFile } from '../xlsx/reader/compound-file';
import { tinyInputTables, writeInputWorkbook } from './input';

const repo = path.resolve(__dirname, '..', '..');
const BIN = path.join(repo, 'bin', 'trade-terms.js');
const BUILT_MAIN = path.join(repo, 'lib', 'cli', 'main.js');
const SAMPLE = path.join(repo, 'assets', 'sample-trade-terms.xlsx');
const ENVELOPE = ['ok', 'exitCode', 'error', 'errors', 'warnings', 'output'];
const asRoot = process.getuid?.() === 0;
/**
 * Root may write into a folder without write permission. As root the test drops to the user "nobody" (65534) with
 * util-linux's setpriv (part of every Debian system; the test fails, never skips, without it), running a copy of the
 * built CLI in a folder "nobody" can read: a fresh clone may sit in a folder only root can enter (mktemp -d is 0700).
 */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
const asUser: string[] | undefined = !asRoot
  ? []
  : SETPRIV
    ? [SETPRIV, '--reuid=65534', '--regid=65534', '--clear-groups']
    : undefined;

/** A spawned run fails fast or is killed at this point (the test's own timeout is a little longer). */
const CHILD_TIMEOUT_MS = 6_000;
const TEST_TIMEOUT_MS = 8_000;

beforeAll(() => {
  // The tests run what `npx trade-terms` runs: the compiled lib/, built from the sources under test. A build that
  // fails (a type error anywhere under src/cli, src/hosts/xlsx, src/workbook, src/engine) fails every test here.
  try {
    execFileSync('npm', ['run', 'build:cli'], { cwd: repo, stdio: 'pipe' });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run build:cli failed:\n${String(stdout ?? '')}${String(stderr ?? '')}`, { cause: e });
  }
}, 180_000);

/**
 * The built CLI copied where any user can read it (bin, lib, package.json and its one runtime package, fflate), for
 * the run as "nobody"; made once. Returns the copy's bin/trade-terms.js.
 */
let readable: Promise<string> | undefined;
function readableCli(): Promise<string> {
  readable ??= (async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-cli-copy-'));
    for (const part of ['bin', 'lib', 'package.json', path.join('node_modules', 'fflate')])
      await fs.cp(path.join(repo, part), path.join(root, part), { recursive: true });
    execFileSync('chmod', ['-R', 'a+rX', root]);
    return path.join(root, 'bin', 'trade-terms.js');
  })();
  return readable;
}
afterAll(async () => {
  if (readable) await fs.rm(path.dirname(path.dirname(await readable)), { recursive: true, force: true });
});

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-cli-scripting-'));
});
afterEach(async () => {
  await fs.chmod(dir, 0o755).catch(() => undefined);
  await fs.rm(dir, { recursive: true, force: true });
});

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `node <args>` (after `prefix`, a command that runs it as another user) in `cwd`, killed past the timeout. */
function spawned(
  args: string[],
  cwd: string,
  prefix: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<Ran> {
  const [command, ...rest] = [...prefix, process.execPath, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, rest, {
      cwd,
      env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: CHILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** `node bin/trade-terms.js …` in the test's folder. */
const cli = (argv: string[]) => spawned([BIN, ...argv], dir);

interface Doc {
  ok: boolean;
  exitCode: number;
  error: { code: string; message: string; es: string; en: string; detail: string | null } | null;
  errors: { code: string; address: string | null; sheet: string; table: string; es: string; en: string }[];
  warnings: unknown[];
  output: string | null;
  [key: string]: unknown;
}

/** stdout is exactly one JSON object (JSON.parse refuses two), starting with the envelope's keys; its exit agrees. */
function oneDocument(r: Ran): Doc {
  expect(r.signal).toBeNull(); // not killed by the timeout
  expect(r.stdout.endsWith('}\n')).toBe(true);
  const doc = JSON.parse(r.stdout) as Doc;
  expect(typeof doc === 'object' && doc !== null && !Array.isArray(doc)).toBe(true);
  expect(Object.keys(doc).slice(0, ENVELOPE.length)).toEqual(ENVELOPE);
  expect(doc.exitCode).toBe(r.code);
  expect(doc.ok).toBe(r.code === 0);
  return doc;
}

async function tinyInput(): Promise<string> {
  const input = path.join(dir, 'cuenta.xlsx');
  await writeInputWorkbook(input);
  return input;
}

describe('exit 0', () => {
  test('run --json: the report inside the envelope, the file written', async () => {
    const input = await tinyInput();
    const r = await cli(['run', input, '-o', 'r.xlsx', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = oneDocument(r);
    expect(doc).toMatchObject({ ok: true, exitCode: 0, error: null, errors: [], warnings: [], notices: [] });
    expect(doc.output).toBe(path.join(dir, 'r.xlsx'));
    expect((await fs.stat(doc.output!)).size).toBeGreaterThan(1000);
    expect(doc.portfolio).toMatchObject({ gross_sales: 4600, net_sales: 4006, contribution: 1020 });
    expect((doc.source as { name: string }).name).toBe('cuenta.xlsx');
  });

  test('the built CLI runs from its one-file bundle, with the code cache the build made accepted by V8', async () => {
    const input = await tinyInput();
    const r = await spawned([BIN, 'run', input, '-o', 'r.xlsx'], dir, [], { TTM_STAGE_TIMINGS: '1' });
    expect(r.code).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.startsWith('{"ttm_cli_load"'));
    expect(line).toBeDefined();
    const load = (JSON.parse(line!) as { ttm_cli_load: { bundle: boolean; codeCache: string; ms: number } })
      .ttm_cli_load;
    expect(load).toMatchObject({ bundle: true, codeCache: 'accepted' });
    expect(load.ms).toBeGreaterThan(0);
    const stagesLine = r.stderr.split('\n').find((l) => l.startsWith('{"ttm_stage_ms"'));
    const stages = JSON.parse(stagesLine!) as { ttm_stage_ms: object; ttm_page_faults: Record<string, number> };
    const names = ['reading', 'validating', 'computing', 'laying_out', 'writing'];
    expect(Object.keys(stages.ttm_stage_ms)).toEqual(names);
    // Each stage's first-touched pages: counted from the process's own minor page faults (a run touches new memory).
    expect(Object.keys(stages.ttm_page_faults)).toEqual(names);
    for (const n of names) expect(stages.ttm_page_faults[n]).toBeGreaterThanOrEqual(0);
    expect(Object.values(stages.ttm_page_faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  test('export-base --json: the base written, its scenario and notes', async () => {
    const r = await cli(['export-base', SAMPLE, '--scenario', 'WMX-P1', '-o', 'base.xlsx', '--json']);
    expect(r.code).toBe(0);
    const doc = oneDocument(r);
    expect(doc).toMatchObject({ error: null, errors: [], output: path.join(dir, 'base.xlsx'), scenario: 'WMX-P1' });
    expect(await fs.readdir(dir)).toEqual(['base.xlsx']);
    const notes = doc.notes as { es: string; en: string }[];
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.some((n) => n.en.includes('WMX-P1, WMX-C1'))).toBe(true);
  });
});

describe('exit 1: every error, nothing written', () => {
  test('run --json on an invalid workbook', async () => {
    const tables = tinyInputTables();
    tables.find((t) => t.name === 'VolumenesBase')!.rows[1][3] = 'cien';
    tables.find((t) => t.name === 'Condiciones')!.rows[2][1] = 'SORIANA';
    const input = path.join(dir, 'mal.xlsx');
    await writeInputWorkbook(input, tables);
    const r = await cli(['run', input, '-o', 'r.xlsx', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = oneDocument(r);
    expect(doc).toMatchObject({ ok: false, exitCode: 1, error: null, warnings: [], output: null });
    expect(doc.errors.map((e) => e.address).sort()).toEqual(['Condiciones!B4', "'Volúmenes base'!D3"].sort());
    expect(doc.errors.find((e) => e.address === 'Condiciones!B4')).toMatchObject({
      code: 'unknown_customer',
      sheet: 'Condiciones',
      table: 'Condiciones',
    });
    expect(doc.totals).toMatchObject({ errors: 2, causes: 2, warnings: 0 }); // the report's own keys follow
    expect(await fs.readdir(dir)).toEqual(['mal.xlsx']);
  });

  test('export-base --json with a scenario the workbook does not have', async () => {
    const r = await cli(['export-base', SAMPLE, '--scenario', 'NOPE', '-o', 'x.xlsx', '--json']);
    expect(r.code).toBe(1);
    const doc = oneDocument(r);
    expect(doc).toMatchObject({ error: null, output: null });
    expect(doc.errors).toEqual([
      expect.objectContaining({
        code: 'scenario_not_writable',
        sheet: '',
        table: '',
        en: 'The scenario "NOPE" does not exist in the Scenarios table.',
        es: 'El escenario «NOPE» no existe en la tabla Escenarios.',
      }),
    ]);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});

describe('exit 2: usage errors', () => {
  test.each([
    [['--json'], 'Missing command (for example: run <workbook.xlsx>).'],
    [['run', 'a.xlsx', '--fast', '--json'], 'Unknown option: --fast'],
    // parseArgs stops at "-o" (its value would be "--json") before it reads --json: the CLI reads argv itself.
    [['run', 'a.xlsx', '-o', '--json'], '-o needs the results file path.'],
    [['run', 'a.xlsx', '--json=yes'], '--json takes no value.'],
    [['export-base', 'a.xlsx', '--json'], 'export-base needs exactly one --scenario <id>: the agreed scenario.'],
  ])('%j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    const doc = oneDocument(r);
    expect(doc).toMatchObject({ ok: false, errors: [], warnings: [], output: null });
    expect(doc.error).toMatchObject({ code: 'usage_error', message, en: message, detail: null });
    expect(doc.error!.es).not.toBe(message); // both languages, always
    // The human message still reaches stderr (docs/cli.md: exits 2 and 3 write it there with --json too).
    expect(r.stderr).toBe(`trade-terms: ${message}\nRun \`trade-terms --help\` for usage.\n`);
  });

  test('after "--", --json is a file name: no JSON, the usual stderr', async () => {
    const r = await cli(['run', '--', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Could not read the input file');
  });
});

describe('exit 2: inputs that cannot be used, outputs that need --force', () => {
  test.each([
    ['missing', () => Promise.resolve(path.join(dir, 'no-existe.xlsx')), 'input_unreadable', /^ENOENT: no such file/],
    [
      'an Excel 97-2003 .xls',
      async () => {
        const f = path.join(dir, 'ventas.xlsx');
        await fs.writeFile(f, compoundFile([{ name: 'Workbook', data: new Uint8Array(9000).fill(9) }]));
        return f;
      },
      'input_is_xls',
      null,
    ],
    [
      'a CSV named .xlsx',
      async () => {
        const f = path.join(dir, 'datos.xlsx');
        await fs.writeFile(f, 'a,b\n1,2\n');
        return f;
      },
      'input_is_text',
      null,
    ],
  ])('%s', async (_, make, code, detail) => {
    const input = await make();
    const before = await fs.readdir(dir);
    const r = await cli(['run', input, '-o', 'r.xlsx', '--json']);
    expect(r.code).toBe(2);
    const doc = oneDocument(r);
    expect(doc).toMatchObject({ errors: [], output: null });
    expect(doc.error!.code).toBe(code);
    expect(doc.error!.en).toContain(path.basename(input));
    expect(doc.error!.es).toContain(path.basename(input));
    if (detail) expect(doc.error!.detail).toMatch(detail);
    else expect(doc.error!.detail).toBeNull();
    expect(r.stderr.startsWith(`trade-terms: ${doc.error!.en}`)).toBe(true);
    expect(await fs.readdir(dir)).toEqual(before);
  });

  test('an existing file that is not ours: output_exists, left as it was', async () => {
    const input = await tinyInput();
    await fs.writeFile(path.join(dir, 'mio.xlsx'), 'my own notes');
    const r = await cli(['run', input, '-o', 'mio.xlsx', '--json']);
    expect(r.code).toBe(2);
    expect(oneDocument(r).error!.code).toBe('output_exists');
    expect(await fs.readFile(path.join(dir, 'mio.xlsx'), 'utf8')).toBe('my own notes');
  });
});

describe('exit 2: output paths that cannot be created fail at once', () => {
  const procMissing = () => `/proc/ttm-no-such-${process.pid}/r.xlsx`;
  type Case = [string, () => Promise<string>, RegExp];
  const cases: Case[] = [
    // Node's mkdir(…, { recursive: true }) never settled here: /proc answers ENOENT for a folder it will not make.
    ['a folder that cannot be made under /proc', () => Promise.resolve(procMissing()), /does not take new files/],
    ['a file in /proc itself', () => Promise.resolve('/proc/r.xlsx'), /does not take new files/],
    ['a file in /sys (refused to root too)', () => Promise.resolve('/sys/r.xlsx'), /no permission to write there/],
    [
      'a path whose parent is a regular file',
      async () => {
        await fs.writeFile(path.join(dir, 'notas.txt'), 'x');
        return path.join(dir, 'notas.txt', 'r.xlsx');
      },
      /part of the path is not a folder/,
    ],
    [
      'a deeper path under a regular file',
      async () => {
        await fs.writeFile(path.join(dir, 'notas.txt'), 'x');
        return path.join(dir, 'notas.txt', 'a', 'b', 'r.xlsx');
      },
      /part of the path is not a folder/,
    ],
    [
      // The link exists (mkdir says EEXIST), its target does not: no folder can be made through it.
      'a folder below a broken symbolic link',
      async () => {
        await fs.symlink(path.join(dir, 'gone'), path.join(dir, 'roto'));
        return path.join(dir, 'roto', 'sub', 'r.xlsx');
      },
      /part of the path is not a folder \(it is a file or a broken link\)/,
    ],
    ['a name too long (300 characters)', () => Promise.resolve(path.join(dir, `${'n'.repeat(300)}.xlsx`)), /too long/],
  ];

  test.each(cases)(
    '%s',
    async (_, make, why) => {
      const input = await tinyInput();
      const target = await make();
      const before = (await fs.readdir(dir)).sort();
      const r = await cli(['run', input, '-o', target, '--json']);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(2);
      const doc = oneDocument(r);
      expect(doc).toMatchObject({ ok: false, errors: [], output: null });
      expect(doc.error!.code).toBe('output_unwritable');
      expect(doc.error!.en).toMatch(why);
      // Located: both languages name the path.
      expect(doc.error!.en.startsWith(`Cannot write to "${target}": `)).toBe(true);
      expect(doc.error!.es.startsWith(`No se puede escribir en «${target}»: `)).toBe(true);
      expect(doc.error!.en.endsWith('Choose another output path; nothing was written.')).toBe(true);
      expect(doc.error!.detail).toMatch(/^E[A-Z]+: /); // the system's own message
      expect((await fs.readdir(dir)).sort()).toEqual(before); // nothing written, no temp file left
      expect(r.stderr).toContain(`trade-terms: Cannot write to "${target}"`);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'a folder without write permission (as root: run as "nobody", from a copy of the CLI it can read)',
    async () => {
      if (!asUser) throw new Error('running as root without util-linux setpriv: apt-get install -y util-linux');
      const input = await tinyInput();
      // Readable by the user the CLI runs as; the folder it is asked to write into is not writable by it.
      await fs.chmod(dir, 0o755);
      await fs.chmod(input, 0o644);
      const locked = path.join(dir, 'cerrada');
      await fs.mkdir(locked, { mode: 0o555 });
      await fs.chmod(locked, 0o555); // whatever the umask did
      const r = await spawned(
        [asRoot ? await readableCli() : BIN, 'run', input, '-o', path.join(locked, 'r.xlsx'), '--json'],
        dir,
        asUser,
      );
      expect(r.code).toBe(2);
      const doc = oneDocument(r);
      expect(doc.error!.code).toBe('output_unwritable');
      expect(doc.error!.en).toBe(
        `Cannot write to "${path.join(locked, 'r.xlsx')}": there is no permission to write there. Choose another output path; nothing was written.`,
      );
      expect(doc.error!.detail).toMatch(/^EACCES: permission denied, open /);
      expect(await fs.readdir(locked)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    '--into and export-base fail the same way; without --json stdout stays empty',
    async () => {
      const input = await tinyInput();
      const into = await cli(['run', input, '--into', procMissing(), '--json']);
      expect(into.code).toBe(2);
      expect(oneDocument(into).error!.code).toBe('output_unwritable');
      const base = await cli(['export-base', SAMPLE, '--scenario', 'WMX-P1', '-o', procMissing()]);
      expect(base.signal).toBeNull();
      expect(base.code).toBe(2);
      expect(base.stdout).toBe('');
      expect(base.stderr).toContain(`trade-terms: Cannot write to "${procMissing()}": that location does not take`);
      expect(await fs.readdir(dir)).toEqual(['cuenta.xlsx']);
    },
    TEST_TIMEOUT_MS * 2,
  );
});

describe('exit 3', () => {
  test('an internal error: one document with internal_error and the stack, nothing written', async () => {
    const input = await tinyInput();
    // The built CLI with one injected dependency (see the file comment): a clock that gives an invalid date.
    const entry = `require(${JSON.stringify(BUILT_MAIN)})
      .main(process.argv.slice(1), { now: () => new Date(NaN) })
      .then((code) => process.exit(code));`;
    const r = await spawned(['-e', entry, 'run', input, '-o', 'r.xlsx', '--json'], dir);
    expect(r.code).toBe(3);
    const doc = oneDocument(r);
    expect(doc).toMatchObject({ ok: false, exitCode: 3, errors: [], warnings: [], output: null });
    expect(doc.error).toMatchObject({
      code: 'internal_error',
      message: 'Internal error of trade-terms: please report it with its technical detail.',
      en: 'Internal error of trade-terms: please report it with its technical detail.',
      es: 'Error interno de trade-terms: repórtelo con su detalle técnico.',
    });
    expect(doc.error!.detail).toMatch(/^RangeError: Invalid time value\n {4}at /);
    expect(doc.error!.detail).toContain(path.join('lib', 'cli', 'main.js')); // the built code ran
    expect(r.stderr).toMatch(
      /^trade-terms: internal error \(please report it with this detail\): RangeError: Invalid time value\n/,
    );
    expect(await fs.readdir(dir)).toEqual(['cuenta.xlsx']);
  });
});
