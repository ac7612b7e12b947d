/** README's "Using it" section agrees with the CLI: every exit code of the help and every result sheet. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { USAGE } from '../../src/cli/args';
import { RESULT_SHEET_NAMES } from '../../src/workbook/results';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const usingIt = readme.slice(readme.indexOf('## Using it'), readme.indexOf('## Architecture'));
const flat = usingIt.replace(/\s+/g, ' ');

test('README lists every exit code the CLI help lists (0 to 3)', () => {
  const codes = [...USAGE.en.matchAll(/(\d) (success|invalid|usage|internal)/g)].map((m) => m[1]);
  expect(codes).toEqual(['0', '1', '2', '3']);
  expect(flat).toMatch(/Exit codes: 0 success; 1 invalid workbook .*; 2 usage error.*; 3 internal error/);
});

test('README names every result sheet, the waterfall chart sheet included, in both languages', () => {
  for (const name of Object.values(RESULT_SHEET_NAMES)) {
    expect(flat).toContain(name.en);
    expect(flat).toContain(name.es);
  }
});

test('README keeps exactly its two set-up commands', () => {
  const setUp = readme.slice(readme.indexOf('## Set up'), readme.indexOf('## Using it'));
  expect(setUp.match(/^ {4}\S.*$/gm)).toEqual(['    npm install && npm run demo', '    npm test']);
});
