/**
 * The --json envelope (src/cli/json-envelope.ts) on its own, and the exits main() must answer with it in-process:
 * an internal error anywhere (even before the run starts) is exit 3 with its document, never a rejected promise
 * (bin/trade-terms.js would turn that into exit 1 with no JSON). The spawned, built CLI is tested in scripting.test.ts.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type CliIo } from '../../src/cli/main';
import {
  ENVELOPE_KEYS,
  failureDocument,
  hostJsonError,
  internalJsonError,
  invalidInputDocument,
  jsonText,
  successDocument,
  usageJsonError,
} from '../../src/cli/json-envelope';
import { HostError } from '../../src/workbook/port';
import { writeInputWorkbook } from './input';

describe('the envelope', () => {
  test('success: the six keys first, then the body as it is; ok, exitCode and error are the envelope’s', () => {
    const doc = successDocument(
      { ok: 'body says', exitCode: 9, error: 'x', output: '/tmp/r.xlsx', source: { name: 'a.xlsx' }, warnings: [1] },
      { notices: [] },
    );
    expect(Object.keys(doc)).toEqual([...ENVELOPE_KEYS, 'source', 'notices']);
    expect(doc).toEqual({
      ok: true,
      exitCode: 0,
      error: null,
      errors: [],
      warnings: [1],
      output: '/tmp/r.xlsx',
      source: { name: 'a.xlsx' },
      notices: [],
    });
    expect(() => successDocument({}, { output: 'twice' })).toThrow('"output" is already in the --json document');
  });

  test('invalid input: errors and whatever else the body carries (counts, totals) are kept; output is null', () => {
    const body = { ok: false, count: 2, errors: [{ code: 'a' }, { code: 'b' }], totals: { errors: 2 } };
    const doc = invalidInputDocument(body);
    expect(Object.keys(doc)).toEqual([...ENVELOPE_KEYS, 'count', 'totals']);
    expect(doc).toMatchObject({ ok: false, exitCode: 1, error: null, warnings: [], output: null, count: 2 });
    expect(doc.errors).toEqual(body.errors);
  });

  test('failure: the error object, empty lists, null output (or the file an internal error left)', () => {
    const usage = failureDocument(2, usageJsonError({ es: 'Opción desconocida: -x', en: 'Unknown option: -x' }, 'en'));
    expect(usage).toEqual({
      ok: false,
      exitCode: 2,
      error: {
        code: 'usage_error',
        message: 'Unknown option: -x',
        es: 'Opción desconocida: -x',
        en: 'Unknown option: -x',
        detail: null,
      },
      errors: [],
      warnings: [],
      output: null,
    });
    const boom = new RangeError('Invalid time value');
    const internal = failureDocument(
      3,
      internalJsonError({ es: 'Error interno.', en: 'Internal error.' }, boom, 'es'),
      '/tmp/r.xlsx',
    );
    expect(internal.error).toEqual({
      code: 'internal_error',
      message: 'Error interno.',
      es: 'Error interno.',
      en: 'Internal error.',
      detail: boom.stack,
    });
    expect(internal.output).toBe('/tmp/r.xlsx');
  });

  test('a host error keeps its code and both languages; its cause is the detail', () => {
    const cause = Object.assign(new Error("EACCES: permission denied, open '/x/.r.tmp'"), { code: 'EACCES' });
    const e = new HostError('output_unwritable', { es: 'No se puede escribir.', en: 'Cannot write.' }, { cause });
    expect(hostJsonError(e, 'es')).toEqual({
      code: 'output_unwritable',
      message: 'No se puede escribir.',
      es: 'No se puede escribir.',
      en: 'Cannot write.',
      detail: "EACCES: permission denied, open '/x/.r.tmp'",
    });
    expect(hostJsonError(new HostError('input_is_xls', { es: 'x', en: 'y' }), 'en').detail).toBeNull();
  });

  test('a body that is not an object, or lists that are not arrays, are refused (an internal error)', () => {
    expect(() => successDocument([1, 2])).toThrow(TypeError);
    expect(() => successDocument(null)).toThrow(TypeError);
    expect(() => invalidInputDocument({ errors: 'none' })).toThrow('"errors" of a --json document must be an array');
    expect(() => successDocument({ output: 3 })).toThrow('"output" of a --json document must be a path or null');
  });

  test('jsonText: one object, a trailing newline, C1 and bidi characters escaped and parsing back unchanged', () => {
    const name = 'a\x1b[1m\x9b2J\u202eb\u2028c\x7f';
    const text = jsonText(successDocument({ name }));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('"name": "a\\u001b[1m\\u009b2J\\u202eb\\u2028c\\u007f"');
    expect((JSON.parse(text) as { name: string }).name).toBe(name);
  });
});

describe('main() answers every failure with its exit code and one document', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-cli-envelope-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function run(argv: string[], io: Partial<CliIo> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { LANG: 'en_US.UTF-8' },
      cwd: dir,
      stderrIsTTY: false,
      now: () => new Date(Date.UTC(2026, 2, 1, 12, 0)),
      ...io,
    });
    return { code, stdout: out, stderr: err.join('') };
  }

  // Exit 3 is provoked here by an injected clock (the CliIo seam tests already use): no product code path is kept
  // open for it. An invalid date fails deep in the run (the run-info sheet's timestamp), a throwing clock before it.
  test.each([
    ['a clock that gives an invalid date', () => new Date(NaN), 'RangeError: Invalid time value'],
    [
      'a clock that throws before the run starts',
      () => {
        throw new Error('reloj roto');
      },
      'Error: reloj roto',
    ],
  ])('%s: exit 3, error internal_error with the stack, nothing written', async (_, now, first) => {
    const input = path.join(dir, 'cuenta.xlsx');
    await writeInputWorkbook(input);
    const r = await run(['run', input, '-o', 'r.xlsx', '--json'], { now });
    expect(r.code).toBe(3);
    expect(r.stdout).toHaveLength(1); // one write: the whole document
    const doc = JSON.parse(r.stdout[0]) as Record<string, unknown> & { error: Record<string, unknown> };
    expect(Object.keys(doc)).toEqual([...ENVELOPE_KEYS]);
    expect(doc).toMatchObject({ ok: false, exitCode: 3, errors: [], warnings: [], output: null });
    expect(doc.error).toMatchObject({
      code: 'internal_error',
      message: 'Internal error of trade-terms: please report it with its technical detail.',
      es: 'Error interno de trade-terms: repórtelo con su detalle técnico.',
    });
    expect(String(doc.error.detail).startsWith(`${first}\n    at `)).toBe(true);
    // stderr carries the human report as well (documented for exits 2 and 3).
    expect(r.stderr.startsWith(`trade-terms: internal error (please report it with this detail): ${first}\n`)).toBe(
      true,
    );
    expect(await fs.readdir(dir)).toEqual(['cuenta.xlsx']);

    // Without --json: nothing on stdout, the same report on stderr.
    const text = await run(['run', input, '-o', 'r.xlsx'], { now });
    expect(text.code).toBe(3);
    expect(text.stdout).toEqual([]);
    expect(text.stderr).toContain(first);
  });

  test('--help --json is a document too (exit 0, no file, the usage text)', async () => {
    const r = await run(['--help', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout.join('')) as Record<string, unknown>;
    expect(doc).toMatchObject({ ok: true, exitCode: 0, error: null, errors: [], warnings: [], output: null });
    expect(doc.usage).toContain('Exit codes: 0 success');
    expect(r.stderr).toBe('');
  });
});
