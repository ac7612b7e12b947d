'use strict';
/**
 * Loads the built CLI for bin/trade-terms.js (and for scripts/build-cli.js, which makes the code cache with it).
 *
 * `npm run build:cli` compiles src/ into lib/ (tsc), bundles lib/cli/main.js into lib/cli/main.bundle.js and saves
 * V8's code cache of a run on the bundled sample next to it (main.bundle.cache). A run then neither resolves and reads
 * ~130 modules nor compiles the functions it calls: about a fifth of a run on the sample. V8 checks the cache against
 * its own version, its flags and the source; a cache it rejects costs only the compile it would have saved.
 *
 * lib/cli/main.js itself is loaded when there is no bundle, or when the bundle is older than it (a bare `tsc` after
 * the build): never a stale bundle.
 */
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

/** Where the build puts each file, under lib/. */
function cliFiles(libDir) {
  const dir = path.join(libDir, 'cli');
  return {
    compiled: path.join(dir, 'main.js'),
    bundle: path.join(dir, 'main.bundle.js'),
    cache: path.join(dir, 'main.bundle.cache'),
  };
}

function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * The CLI module ({ main }) and how it was loaded: `bundle` (false: lib/cli/main.js), `codeCache` ('accepted',
 * 'rejected', 'absent', or 'off' when not asked for) and, for the bundle, the vm.Script it ran (the build makes the
 * cache from it). Throws when nothing is built.
 */
function loadCli(libDir, options = {}) {
  const files = cliFiles(libDir);
  const compiledAt = mtimeMs(files.compiled);
  const bundledAt = mtimeMs(files.bundle);
  if (compiledAt === undefined && bundledAt === undefined) {
    throw Object.assign(new Error(`The CLI is not built (${files.compiled} is missing).`), { code: 'TTM_NOT_BUILT' });
  }
  if (bundledAt === undefined || (compiledAt !== undefined && bundledAt < compiledAt)) {
    return { exports: require(files.compiled), bundle: false, codeCache: 'off', script: undefined };
  }
  const source = fs.readFileSync(files.bundle, 'utf8');
  let cachedData;
  if (options.codeCache !== false) {
    try {
      cachedData = fs.readFileSync(files.cache);
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
  }
  // Module.wrap keeps line numbers (the wrapper adds no line), so stack traces point into the bundle as it is.
  const script = new vm.Script(Module.wrap(source), { filename: files.bundle, cachedData });
  const codeCache =
    options.codeCache === false
      ? 'off'
      : cachedData === undefined
        ? 'absent'
        : script.cachedDataRejected
          ? 'rejected'
          : 'accepted';
  const mod = { exports: {}, filename: files.bundle, id: files.bundle, loaded: false };
  const wrapper = script.runInThisContext();
  wrapper.call(
    mod.exports,
    mod.exports,
    Module.createRequire(files.bundle),
    mod,
    files.bundle,
    path.dirname(files.bundle),
  );
  mod.loaded = true;
  return { exports: mod.exports, bundle: true, codeCache, script };
}

module.exports = { loadCli, cliFiles };
