/**
 * bin/cli-loader.js: the built CLI comes from the one-file bundle with V8's code cache when the build made them, from
 * lib/cli/main.js when there is no bundle or the bundle is older (a bare `tsc` after the build: never a stale bundle),
 * and a cache V8 rejects (another Node, other flags, another bundle) only costs the compile. Fake builds in a temp
 * folder; the real build's bundle and cache are checked in scripting.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';

interface Loaded {
  exports: { main: () => string };
  bundle: boolean;
  codeCache: 'accepted' | 'rejected' | 'absent' | 'off';
  script?: { createCachedData(): Buffer };
}
const { loadCli, cliFiles } = jest.requireActual<{
  loadCli: (libDir: string, options?: { codeCache?: boolean }) => Loaded;
  cliFiles: (libDir: string) => { compiled: string; bundle: string; cache: string };
}>('../../bin/cli-loader.js');

let lib: string;
beforeEach(() => {
  lib = mkdtempSync(path.join(os.tmpdir(), 'ttm-cli-loader-'));
  mkdirSync(path.join(lib, 'cli'));
});
afterEach(() => rmSync(lib, { recursive: true, force: true }));

/** The compiled entry: says it is lib. */
function compiled(at: Date): void {
  const file = cliFiles(lib).compiled;
  writeFileSync(file, "exports.main = () => 'lib';\n");
  utimesSync(file, at, at);
}

/** A bundle: says it is the bundle, from its own folder, with a Node built-in through its require. */
function bundle(at: Date): void {
  const file = cliFiles(lib).bundle;
  writeFileSync(file, "const p = require('path');\nexports.main = () => 'bundle:' + p.basename(__dirname);\n");
  utimesSync(file, at, at);
}

const EARLIER = new Date('2026-12-01T10:00:00Z');
const LATER = new Date('2026-12-01T10:00:05Z');

test('nothing built: an error the bin turns into "run npm install"', () => {
  let error: unknown;
  try {
    loadCli(lib);
  } catch (e) {
    error = e;
  }
  expect((error as { code?: string } | undefined)?.code).toBe('TTM_NOT_BUILT');
  expect(String(error)).toContain(path.join(lib, 'cli', 'main.js'));
});

test('no bundle: lib/cli/main.js', () => {
  compiled(EARLIER);
  const cli = loadCli(lib);
  expect(cli).toMatchObject({ bundle: false, codeCache: 'off' });
  expect(cli.exports.main()).toBe('lib');
});

test('a bundle newer than main.js runs, with the code cache it was saved with', () => {
  compiled(EARLIER);
  bundle(LATER);
  const first = loadCli(lib);
  expect(first).toMatchObject({ bundle: true, codeCache: 'absent' });
  expect(first.exports.main()).toBe('bundle:cli');
  writeFileSync(cliFiles(lib).cache, first.script!.createCachedData());
  const second = loadCli(lib);
  expect(second).toMatchObject({ bundle: true, codeCache: 'accepted' });
  expect(second.exports.main()).toBe('bundle:cli');
  expect(loadCli(lib, { codeCache: false })).toMatchObject({ bundle: true, codeCache: 'off' });
});

test('a cache V8 rejects: the bundle still runs, compiled as if there were none', () => {
  bundle(LATER);
  writeFileSync(cliFiles(lib).cache, Buffer.from('not a code cache, or one of another bundle'));
  const cli = loadCli(lib);
  expect(cli).toMatchObject({ bundle: true, codeCache: 'rejected' });
  expect(cli.exports.main()).toBe('bundle:cli');
  expect(readFileSync(cliFiles(lib).cache, 'utf8')).toBe('not a code cache, or one of another bundle'); // never rewritten
});

test('a bundle older than main.js (tsc ran after the build) is not used', () => {
  bundle(EARLIER);
  compiled(LATER);
  const cli = loadCli(lib);
  expect(cli).toMatchObject({ bundle: false });
  expect(cli.exports.main()).toBe('lib');
});
