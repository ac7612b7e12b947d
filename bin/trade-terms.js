#!/usr/bin/env node
// Entry of `npx trade-terms`: runs the built CLI (npm ci/install builds it via the prepare script; see cli-loader.js).
'use strict';
const path = require('path');
const { loadCli } = require('./cli-loader');

const startedAt = performance.now();
let cli;
try {
  cli = loadCli(path.join(__dirname, '..', 'lib'));
} catch (err) {
  if (err && err.code === 'TTM_NOT_BUILT') {
    process.stderr.write('trade-terms: the CLI is not built yet; run `npm install` (or `npm run build:cli`).\n');
    process.exit(2);
  }
  throw err;
}
if (process.env.TTM_STAGE_TIMINGS === '1') {
  // For `npm run bench:e2e`: how the CLI was loaded and what loading it cost.
  const load = { bundle: cli.bundle, codeCache: cli.codeCache, ms: performance.now() - startedAt };
  process.stderr.write(`${JSON.stringify({ ttm_cli_load: load })}\n`);
}
// V8 tuned to the size of the run once its input tables are known (src/cli/tiering.ts); an older build lacks it.
const tiering = cli.exports.tieringTuner ? cli.exports.tieringTuner() : undefined;
cli.exports.main(process.argv.slice(2), tiering ? { tiering } : {}).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(String((err && err.stack) || err) + '\n');
    process.exit(1);
  },
);
