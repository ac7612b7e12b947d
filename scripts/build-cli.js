'use strict';
/**
 * The second half of `npm run build:cli`, after tsc has compiled src/ into lib/: bundles lib/cli/main.js into one
 * file (esbuild; fflate and the Node built-ins as they are) and saves V8's code cache of a run of that bundle on the
 * bundled sample, which bin/cli-loader.js hands back to V8 on every run. Both files are written to a temporary name
 * and renamed, so a CLI starting meanwhile loads the old pair or the new one, never half of one.
 *
 * Both only save time: when anything here fails (esbuild's binary missing, the sample's run failing), the bundle and
 * cache are removed, so the bin runs lib/cli/main.js as tsc built it, and a warning says why — `npm install` does
 * not fail for them. test/cli/scripting.test.ts fails instead when the built CLI does not run from its bundle with
 * the cache accepted.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { loadCli, cliFiles, cacheFileBytes } = require('../bin/cli-loader');

const ROOT = path.join(__dirname, '..');
const LIB = path.join(ROOT, 'lib');
const SAMPLE = path.join(ROOT, 'assets', 'sample-trade-terms.xlsx');
const files = cliFiles(LIB);

function writeAtomically(file, bytes) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, file);
}

async function build() {
  const esbuild = require('esbuild');
  const bundled = esbuild.buildSync({
    entryPoints: [files.compiled],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    outfile: files.bundle,
    logLevel: 'warning',
  });
  // The cache of the previous bundle would only be stale: drop it before the new bundle lands.
  fs.rmSync(files.cache, { force: true });
  writeAtomically(files.bundle, bundled.outputFiles[0].contents);

  const cli = loadCli(LIB, { codeCache: false, bundleOnly: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttm-build-cli-'));
  try {
    const quiet = () => undefined;
    const code = await cli.exports.main(['run', SAMPLE, '-o', path.join(dir, 'resultados.xlsx')], {
      stdout: quiet,
      stderr: quiet,
      env: { LANG: 'es_MX.UTF-8' },
      stderrIsTTY: false,
      progressDelayMs: Infinity,
    });
    if (code !== 0) throw new Error(`the bundled CLI exited ${code} on ${SAMPLE}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // After the run: the cache then holds every function the run compiled, not only the top level.
  writeAtomically(files.cache, cacheFileBytes(cli.bundleBytes, cli.script.createCachedData()));
}

build().catch((err) => {
  fs.rmSync(files.bundle, { force: true });
  fs.rmSync(files.cache, { force: true });
  process.stderr.write(
    `build-cli: no one-file bundle this time (the CLI runs from lib/cli/main.js, only slower to start): ${String(
      (err && err.stack) || err,
    )}\n`,
  );
});
