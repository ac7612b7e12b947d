'use strict';
/**
 * Loads the built CLI for bin/trade-terms.js (and for scripts/build-cli.js, which makes the code cache with it).
 *
 * `npm run build:cli` compiles src/ into lib/ (tsc), bundles lib/cli/main.js into lib/cli/main.bundle.js and saves
 * V8's code cache of a run on the bundled sample next to it (main.bundle.cache). A run then neither resolves and reads
 * ~130 modules nor compiles the functions it calls: about a fifth of a run on the sample.
 *
 * The cache file starts with the SHA-256 of the bundle it was made from (see cacheFileBytes): V8 itself checks only
 * its version, its flags and the source's length, and would run a same-length edited bundle's old code. A cache of
 * another bundle is not handed to V8 ('stale'); one V8 rejects ('rejected') or cannot read ('absent') costs only the
 * compile it would have saved.
 *
 * lib/cli/main.js itself is loaded when there is no bundle, or when the bundle is older than it (a bare `tsc` after
 * the build rewrites main.js): never a stale bundle.
 */
const { createHash } = require('crypto');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

/** Bytes of the bundle's SHA-256 at the start of the cache file. */
const DIGEST_BYTES = 32;

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

const digestOf = (bytes) => createHash('sha256').update(bytes).digest();

/** The cache file for a bundle: its SHA-256, then V8's cached data. */
function cacheFileBytes(bundleBytes, cachedData) {
  return Buffer.concat([digestOf(bundleBytes), cachedData]);
}

/** V8's cached data from the cache file when it was made from these bundle bytes; why not otherwise. */
function cachedDataFor(cacheFile, bundleBytes) {
  let bytes;
  try {
    bytes = fs.readFileSync(cacheFile);
  } catch {
    return { state: 'absent' }; // missing or unreadable: the cache only ever saves time
  }
  if (bytes.length <= DIGEST_BYTES || !bytes.subarray(0, DIGEST_BYTES).equals(digestOf(bundleBytes))) {
    return { state: 'stale' };
  }
  return { state: 'found', data: bytes.subarray(DIGEST_BYTES) };
}

/**
 * The CLI module ({ main }) and how it was loaded: `bundle` (false: lib/cli/main.js), `codeCache` ('accepted',
 * 'rejected' by V8, 'stale' — made from another bundle —, 'absent', or 'off' when not asked for) and, for the bundle,
 * the vm.Script it ran and the bundle's bytes (the build makes the cache from them). Throws when nothing is built.
 * Options: codeCache false (compile without the cache), bundleOnly (the bundle whatever its age; the build's check).
 */
function loadCli(libDir, options = {}) {
  const files = cliFiles(libDir);
  const compiledAt = mtimeMs(files.compiled);
  const bundledAt = mtimeMs(files.bundle);
  if (compiledAt === undefined && bundledAt === undefined) {
    throw Object.assign(new Error(`The CLI is not built (${files.compiled} is missing).`), { code: 'TTM_NOT_BUILT' });
  }
  const stale = bundledAt === undefined || (compiledAt !== undefined && bundledAt < compiledAt);
  if (stale && !options.bundleOnly) {
    return { exports: require(files.compiled), bundle: false, codeCache: 'off', script: undefined };
  }
  const bytes = fs.readFileSync(files.bundle);
  const cache = options.codeCache === false ? { state: 'off' } : cachedDataFor(files.cache, bytes);
  // Module.wrap keeps line numbers (the wrapper adds no line), so stack traces point into the bundle as it is.
  const script = new vm.Script(Module.wrap(bytes.toString('utf8')), { filename: files.bundle, cachedData: cache.data });
  const codeCache = cache.state !== 'found' ? cache.state : script.cachedDataRejected ? 'rejected' : 'accepted';
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
  return { exports: mod.exports, bundle: true, codeCache, script, bundleBytes: bytes };
}

module.exports = { loadCli, cliFiles, cacheFileBytes };
