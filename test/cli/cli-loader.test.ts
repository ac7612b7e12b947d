/**
 * bin/cli-loader.js: the built CLI comes from the one-file bundle with V8's code cache when the build made them, from
 * lib/cli/main.js when there is no bundle or the bundle is older (a bare `tsc` after the build: never a stale bundle);
 * a cache made from another bundle is never handed to V8 (V8 would run a same-length bundle's old code), and one V8
 * rejects or that cannot be read only costs the compile. Fake builds in a temp folder; the real build's bundle and
 * cache are checked in scripting.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';

interface Loaded {
  exports: { main: () => string };
  bundle: boolean;
  codeCache: 'accepted' | 'rejected' | 'stale' | 'absent' | 'off';
  script?: { createCachedData(): Buffer };
  bundleBytes?: Buffer;
}
const { loadCli, cliFiles, cacheFileBytes } = jest.requireActual<{
  loadCli: (libDir: string, options?: { codeCache?: boolean; bundleOnly?: boolean }) => Loaded;
  cliFiles: (libDir: string) => { compiled: string; bundle: string; cache: string };
  cacheFileBytes: (bundleBytes: Buffer, cachedData: Buffer) => Buffer;
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

/** A bundle: says it is the bundle (and its tag), from its own folder, with a Node built-in through its require. */
function bundle(at: Date, tag = 'v1'): void {
  const file = cliFiles(lib).bundle;
  const source = `const p = require('path');\nexports.main = () => 'bundle:' + p.basename(__dirname) + ':${tag}';\n`;
  writeFileSync(file, source);
  utimesSync(file, at, at);
}

/** What the build saves after a run: the bundle's digest and V8's cached data. */
function saveCache(cli: Loaded): void {
  writeFileSync(cliFiles(lib).cache, cacheFileBytes(cli.bundleBytes!, cli.script!.createCachedData()));
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
  expect(first.exports.main()).toBe('bundle:cli:v1');
  saveCache(first);
  const second = loadCli(lib);
  expect(second).toMatchObject({ bundle: true, codeCache: 'accepted' });
  expect(second.exports.main()).toBe('bundle:cli:v1');
  expect(loadCli(lib, { codeCache: false })).toMatchObject({ bundle: true, codeCache: 'off' });
});

test("the cache of another bundle of the same length is not used: the new bundle's code runs", () => {
  bundle(LATER, 'v1');
  saveCache(loadCli(lib));
  bundle(LATER, 'v2'); // V8 alone would accept v1's cache for it (same length) and run v1
  const cli = loadCli(lib);
  expect(cli).toMatchObject({ bundle: true, codeCache: 'stale' });
  expect(cli.exports.main()).toBe('bundle:cli:v2');
});

test('a cache V8 rejects, or one that cannot be read: the bundle still runs, compiled as if there were none', () => {
  bundle(LATER);
  // Made without loading the bundle first: in one process V8 reuses its own compile of the same script and would not
  // even look at the cache.
  const bundleBytes = readFileSync(cliFiles(lib).bundle);
  writeFileSync(cliFiles(lib).cache, cacheFileBytes(bundleBytes, Buffer.from('not V8 cached data')));
  const rejected = loadCli(lib);
  expect(rejected).toMatchObject({ bundle: true, codeCache: 'rejected' });
  expect(rejected.exports.main()).toBe('bundle:cli:v1');
  rmSync(cliFiles(lib).cache);
  mkdirSync(cliFiles(lib).cache); // a folder where the file should be: EISDIR
  const unreadable = loadCli(lib);
  expect(unreadable).toMatchObject({ bundle: true, codeCache: 'absent' });
  expect(unreadable.exports.main()).toBe('bundle:cli:v1');
});

test('a bundle older than main.js (tsc ran after the build) is not used, unless the build asks for it', () => {
  bundle(EARLIER);
  compiled(LATER);
  const cli = loadCli(lib);
  expect(cli).toMatchObject({ bundle: false });
  expect(cli.exports.main()).toBe('lib');
  expect(loadCli(lib, { bundleOnly: true }).exports.main()).toBe('bundle:cli:v1');
});
