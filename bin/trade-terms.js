#!/usr/bin/env node
// Entry of `npx trade-terms`: runs the compiled CLI (npm ci/install compiles it via the prepare script).
'use strict';
const path = require('path');
const fs = require('fs');
const compiled = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
if (!fs.existsSync(compiled)) {
  process.stderr.write('trade-terms: the CLI is not built yet; run `npm install` (or `npm run build:cli`).\n');
  process.exit(2);
}
require(compiled)
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(String((err && err.stack) || err) + '\n');
      process.exit(1);
    },
  );
