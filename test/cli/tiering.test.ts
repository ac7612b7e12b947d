/**
 * The CLI's V8 tuning (src/cli/tiering.ts): while the cells a run reads add up to fewer than SMALL_RUN_CELLS, V8's
 * interrupt budget is raised eightfold; once they do not (a mapped workbook's sources come after its tables), V8's own
 * is restored for good; only on the V8 it was measured on. And `trade-terms run` tells the hook each read's cells.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { SMALL_RUN_CELLS, tieringTuner } from '../../src/cli/tiering';
import { openWorkbook } from '../../src/hosts/xlsx/reader';
import type { TableDef } from '../../src/hosts/xlsx/reader/workbook';
import { INPUT_TABLE_NAMES } from '../../src/workbook/contract/specs';
import { MAPPING_TABLE_NAMES } from '../../src/workbook/mapping/mapping';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');
const ERP_RANGE = path.join(__dirname, '..', 'fixtures', 'mapped', 'erp-range.xlsx');
/** Node 20's V8, the one the budget was measured on. */
const V8_11 = '11.3.244.8-node.30';
const RAISED = '--interrupt-budget=540672';
const OWN = '--interrupt-budget=67584';

function tuner(v8 = V8_11) {
  const flags: string[] = [];
  return { flags, tune: tieringTuner((f) => flags.push(f), v8) };
}

describe('tieringTuner', () => {
  test('a small run raises the budget to eight times V8 11.3’s 66 KB, once', () => {
    const { flags, tune } = tuner();
    expect(tune(23_240)).toBe(RAISED);
    expect(tune(1_188)).toBeUndefined();
    expect(tune(0)).toBeUndefined();
    expect(flags).toEqual([RAISED]);
  });

  test('a read that takes the run past the threshold restores V8’s own budget, for good', () => {
    const { flags, tune } = tuner();
    tune(1_732);
    expect(tune(SMALL_RUN_CELLS - 1_732)).toBe(OWN);
    expect(tune(10)).toBeUndefined();
    expect(flags).toEqual([RAISED, OWN]);
  });

  test('just under the threshold in all is still small', () => {
    const { flags, tune } = tuner();
    tune(1_732);
    tune(SMALL_RUN_CELLS - 1_733);
    expect(flags).toEqual([RAISED]);
  });

  test('a large first read keeps V8’s own tiering throughout', () => {
    const { flags, tune } = tuner();
    expect(tune(SMALL_RUN_CELLS)).toBeUndefined();
    expect(tune(5)).toBeUndefined();
    expect(flags).toEqual([]);
  });

  test('another V8 (Node 21’s 11.8, Node 22’s 12.4) is left alone', () => {
    for (const v8 of ['11.8.172.17-node.20', '12.4.254.21-node.33']) {
      const { flags, tune } = tuner(v8);
      expect(tune(23_240)).toBeUndefined();
      expect(flags).toEqual([]);
    }
  });
});

async function cellsHeard(input: string): Promise<number[]> {
  const heard: number[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'ttm-tiering-'));
  try {
    const code = await main(['run', input, '-o', path.join(dir, 'r.xlsx'), '--lang', 'en'], {
      stdout: () => undefined,
      stderr: () => undefined,
      cwd: dir,
      env: {},
      tiering: (cells) => heard.push(cells),
    });
    expect(code).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return heard;
}

/** A table's cells by its range, header row included ("A1:H2905": 2,905 × 8). */
function cellsOf(t: TableDef): number {
  return (t.range.bottom - t.range.top + 1) * (t.range.right - t.range.left + 1);
}

test('trade-terms run on the sample tells io.tiering its input tables’ cells, in one read', async () => {
  const wb = await openWorkbook(readFileSync(SAMPLE), 'sample');
  const inputs = wb.tableDefs().filter((t) => INPUT_TABLE_NAMES.includes(t.name));
  expect(inputs.length).toBeGreaterThan(5);
  const expected = inputs.reduce((n, t) => n + cellsOf(t), 0);
  expect(await cellsHeard(SAMPLE)).toEqual([expected]);
  // Small: its base volumes alone are 2,905 × 8 = 23,240 cells.
  expect(expected).toBeGreaterThan(23_240);
  expect(expected).toBeLessThan(SMALL_RUN_CELLS);
});

test('a mapped workbook: its tables first, then its sources, the open range by the cells read', async () => {
  // erp-range.xlsx: the contract's tables (Parametros…CambiosEscenario) and its mapping (ttm_Mapeo), then the source tables
  // (CatalogoClientes A1:F9, AcuerdosKAM A1:U54), then its open range 'Ventas ERP'!A3:H, read as 2,905 rows × 8.
  const heard = await cellsHeard(ERP_RANGE);
  expect(heard.slice(1)).toEqual([9 * 6 + 54 * 21, 0, 2_905 * 8]);
  const wb = await openWorkbook(readFileSync(ERP_RANGE), 'erp');
  const first = wb.tableDefs().filter((t) => [...INPUT_TABLE_NAMES, ...MAPPING_TABLE_NAMES].includes(t.name));
  expect(first.map((t) => t.name)).toContain('ttm_Mapeo');
  expect(heard[0]).toBe(first.reduce((n, t) => n + cellsOf(t), 0));
});
