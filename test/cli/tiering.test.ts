/**
 * The CLI's V8 tuning (src/cli/tiering.ts): a run whose input tables hold fewer than SMALL_RUN_CELLS cells raises V8's
 * interrupt budget once; larger runs keep V8's own; and `trade-terms run` tells the hook the cells of its input tables
 * before reading them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { SMALL_RUN_CELLS, SMALL_RUN_INTERRUPT_BUDGET, TUNED_V8, tieringTuner } from '../../src/cli/tiering';
import { openWorkbook } from '../../src/hosts/xlsx/reader';
import { INPUT_TABLE_NAMES } from '../../src/workbook/contract/specs';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');
/** Node 20's V8, the one the budget was measured on. */
const V8_11 = '11.3.244.8-node.30';

describe('tieringTuner', () => {
  test("a small run raises the budget to eight times V8 11.3's 66 KB, once", () => {
    const flags: string[] = [];
    const tune = tieringTuner((f) => flags.push(f), V8_11);
    expect(tune(45_000)).toBe(true);
    expect(flags).toEqual(['--interrupt-budget=540672']);
    expect(SMALL_RUN_INTERRUPT_BUDGET).toBe(540_672);
    // Later reads (a mapping's ranges) change nothing, whatever their size.
    expect(tune(10)).toBe(false);
    expect(tune(5_000_000)).toBe(false);
    expect(flags).toHaveLength(1);
  });

  test("a large run keeps V8's own tiering; the first read decides", () => {
    const flags: string[] = [];
    const tune = tieringTuner((f) => flags.push(f), V8_11);
    expect(tune(SMALL_RUN_CELLS)).toBe(false);
    expect(tune(45_000)).toBe(false);
    expect(flags).toEqual([]);
  });

  test('only on the V8 it was measured on (Node 20): another keeps its own tiering', () => {
    const flags: string[] = [];
    expect(tieringTuner((f) => flags.push(f), '12.4.254.21-node.33')(45_000)).toBe(false);
    expect(tieringTuner((f) => flags.push(f), '11.3.244.8-node.30')(45_000)).toBe(true);
    expect(flags).toEqual(['--interrupt-budget=540672']);
    expect('11.3.244.8-node.30').toMatch(TUNED_V8);
  });

  test('just under the threshold is small', () => {
    const flags: string[] = [];
    expect(tieringTuner((f) => flags.push(f), V8_11)(SMALL_RUN_CELLS - 1)).toBe(true);
    expect(flags).toHaveLength(1);
  });
});

test('trade-terms run tells io.tiering the cells of the input tables it reads, once, and runs as usual', async () => {
  // What the sample's input tables hold by their ranges (header rows included), read from the file itself.
  const wb = await openWorkbook(readFileSync(SAMPLE), 'sample');
  const cellsOf = (ref: string): number => {
    const [, c1, r1, c2, r2] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref)!;
    const col = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return (Number(r2) - Number(r1) + 1) * (col(c2) - col(c1) + 1);
  };
  const inputs = wb.tableDefs().filter((t) => INPUT_TABLE_NAMES.includes(t.name));
  expect(inputs.length).toBeGreaterThan(5);
  const expected = inputs.reduce((n, t) => n + cellsOf(t.ref), 0);
  const heard: number[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'ttm-tiering-'));
  try {
    const out: string[] = [];
    const code = await main(['run', SAMPLE, '-o', path.join(dir, 'r.xlsx'), '--lang', 'en'], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      cwd: dir,
      env: {},
      tiering: (cells) => heard.push(cells),
    });
    expect(code).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(heard).toEqual([expected]);
  // The sample is small: its base volumes alone are 2,904 rows.
  expect(expected).toBeGreaterThan(2_904 * 5);
  expect(expected).toBeLessThan(SMALL_RUN_CELLS);
});
