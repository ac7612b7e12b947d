/**
 * Fuzzing in `npm test`: 1,050 generated workbooks (valid, corrupted grids, damaged .xlsx bytes) through the whole
 * pipeline, checked by test/fuzz/check.ts (no exception but an unreadable file's HostError, no NaN or Infinity in any
 * output, every error located, the input unchanged). The seed is fixed so `npm test` runs the same cases every time;
 * FUZZ_SEED=<n> runs others, and a failure prints its seed and shrunk case (fast-check) to reproduce it. The long run
 * (10,000 cases, a new seed each time) is `npm run fuzz`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { bytesCaseArb, corruptCaseArb, loadSample, validCaseArb, type Sample } from './arbitraries';
import { caseProperty, type Tally } from './check';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_511);

let sample: Sample;
let tmpDir: string;
beforeAll(async () => {
  sample = await loadSample();
  tmpDir = mkdtempSync(path.join(tmpdir(), 'fuzz-'));
});
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));

const count = (tally: Tally, suffix: string) =>
  [...tally].filter(([k]) => k.endsWith(suffix)).reduce((n, [, v]) => n + v, 0);
const known = (tally: Tally) => [...tally].filter(([k]) => k.includes(':known:'));

test('350 valid workbooks: each one runs, with no NaN or Infinity anywhere in its results', async () => {
  const tally: Tally = new Map();
  await fc.assert(caseProperty(sample, validCaseArb, { tmpDir }, tally), { numRuns: 350, seed: SEED });
  // The generator stays useful: nearly every cut of the sample is a workbook the contract accepts.
  expect(count(tally, ':ok')).toBeGreaterThanOrEqual(300);
});

test('450 corrupted workbooks: every one answered with located errors or valid results, the grids unchanged', async () => {
  const tally: Tally = new Map();
  await fc.assert(caseProperty(sample, corruptCaseArb, { tmpDir }, tally), { numRuns: 450, seed: SEED + 1 });
  expect(count(tally, ':invalid')).toBeGreaterThan(200);
  expect(count(tally, ':ok')).toBeGreaterThan(20);
  expect(known(tally).reduce((n, [, v]) => n + v, 0)).toBe(0);
});

test('250 damaged .xlsx files: unreadable ones refused with a HostError, readable ones answered, the bytes unchanged', async () => {
  const tally: Tally = new Map();
  await fc.assert(caseProperty(sample, bytesCaseArb, { tmpDir }, tally), { numRuns: 250, seed: SEED + 2 });
  expect(count(tally, ':unreadable')).toBeGreaterThan(20);
  expect(count(tally, ':invalid')).toBeGreaterThan(20);
  expect(count(tally, ':ok')).toBeGreaterThan(20);
});
