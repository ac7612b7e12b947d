/**
 * What the fuzzer found, fixed at the root: each shrunk counterexample runs again through the fuzz case runner, next
 * to a focused check of the module that was wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { computeModel, walkAway } from '../../src/engine';
import { priceIndex } from '../../src/engine/price-buildup';
import { waterfallOf } from '../../src/engine/waterfall';
import { allocateLumpSum } from '../../src/engine/allocation';
import { retailerPnl } from '../../src/engine/retailer';
import { readTablesFromBytes, xlsxBytesOfTables } from '../../src/hosts/xlsx';
import { HostError, type TableGrid } from '../../src/workbook/port';
import { parseModel } from '../../src/workbook/contract/parse';
import { negotiationsOf } from '../../src/workbook/results';
import { baseGrids, gridMap, loadSample, type FuzzCase, type Sample } from './arbitraries';
import { runCase } from './check';

let sample: Sample;
let tmpDir: string;
beforeAll(async () => {
  sample = await loadSample();
  tmpDir = mkdtempSync(path.join(tmpdir(), 'fuzz-regressions-'));
});
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));

const base = (over: Partial<FuzzCase['base']> = {}): FuzzCase['base'] => ({
  customers: [0],
  skus: [0],
  monthFrom: 0,
  months: 1,
  without: [],
  rowSeed: 0,
  english: false,
  periodsAsDates: false,
  edits: [],
  ...over,
});

describe('walk-away: an undefined metric is null, never NaN', () => {
  const found: FuzzCase = {
    kind: 'valid',
    base: base({ customers: [0, 3], skus: [12] }),
    mutations: [],
    host: 'grid',
    lang: 'es',
  };

  test('shrunk counterexample: Walmart and OXXO, one SKU, one month', async () => {
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('ok');
  });

  test("the lever's walk-aways carry null where the metric is undefined (current, beyond a crossing)", () => {
    const parsed = parseModel(gridMap(baseGrids(sample, found.base)));
    if (!parsed.ok) throw new Error(parsed.errors[0].en);
    const walks = negotiationsOf(parsed.model, computeModel(parsed.model), {}).flatMap((n) =>
      n.scenarios.flatMap((s) => s.walkAways.map((w) => w.result)),
    );
    expect(walks.some((r) => r.status === 'undefined_at_current' && r.current === null)).toBe(true);
    for (const r of walks) {
      expect(r.current === null || Number.isFinite(r.current)).toBe(true);
      for (const c of r.crossings) expect(c.metricBeyond === null || Number.isFinite(c.metricBeyond)).toBe(true);
    }
    const invalid = walkAway({
      metric: () => 1,
      from: 0,
      min: 1,
      max: 0,
      limit: 0,
      acceptable: 'above',
      concession: 'up',
      tolerance: 1,
    });
    expect(invalid).toMatchObject({ status: 'invalid', current: null });
  });
});

describe('.xlsx reader: no NaN, Infinity or Invalid Date leaves it', () => {
  test('shrunk counterexample: a huge negative number in a date column read back', async () => {
    const found: FuzzCase = {
      kind: 'bytes',
      base: base({ without: ['TermTiers', 'CostToServe', 'RetailerMargins', 'Promotions'] }),
      mutations: [{ kind: 'set', table: 171, row: 0, column: 297, value: -99974431.00000001 }],
      bytes: { kind: 'none' },
      via: 'reader',
      host: 'grid',
      lang: 'es',
    };
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('invalid');
  });

  test('a date serial beyond JavaScript dates stays a number; text that is no number or date stays text', async () => {
    const grid: TableGrid = {
      name: 'Escenarios',
      sheet: 'Escenarios',
      headerRow: 1,
      firstColumn: 1,
      headers: ['ID escenario', 'Fecha', 'Notas'],
      rows: [
        ['A', -1e8, 111111],
        ['B', 46023, 222222],
        ['C', 46024, 333333],
        ['D', 46025, 444444],
      ],
    };
    const parts = unzipSync(await xlsxBytesOfTables([grid]));
    const sheet = Object.keys(parts).find((n) => /worksheets\/sheet\d+\.xml$/.test(n))!;
    parts[sheet] = strToU8(
      strFromU8(parts[sheet])
        .replace('<v>111111</v>', '<v>abc</v>')
        .replace('<v>222222</v>', '<v>1e999</v>')
        .replace('<v>333333</v>', '<v>NaN</v>')
        .replace(/<c r="B5"([^>]*)><v>46025<\/v>/, '<c r="B5"$1 t="d"><v>not a date</v>'),
    );
    const read = await readTablesFromBytes(zipSync(parts), 'damaged.xlsx', ['Escenarios']);
    const rows = read.get('Escenarios')!.rows;
    expect(rows.map((r) => r[1])).toEqual([
      -1e8,
      new Date(Date.UTC(2026, 0, 1)),
      new Date(Date.UTC(2026, 0, 2)),
      'not a date',
    ]);
    expect(rows.map((r) => r[2])).toEqual(['abc', '1e999', 'NaN', 444444]);
  });
});

describe('tables writer: tables that overlap are refused with a HostError, not an internal error', () => {
  test('shrunk counterexample: Settings moved onto the Customers sheet, at the same cell', async () => {
    const found: FuzzCase = {
      kind: 'bytes',
      base: base(),
      mutations: [{ kind: 'renameSheet', table: 0, name: 'Clientes' }],
      bytes: { kind: 'flip', at: [0], xor: 1 },
      via: 'reader',
      host: 'grid',
      lang: 'es',
    };
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('unreadable');
  });

  test('export_inputs_invalid names both tables; a table without columns too', async () => {
    const t = (name: string, headerRow: number, firstColumn: number, headers = ['A', 'B']): TableGrid => ({
      name,
      sheet: 'Hoja',
      headerRow,
      firstColumn,
      headers,
      rows: [[1, 2]],
    });
    const refused = (grids: TableGrid[]) =>
      xlsxBytesOfTables(grids).then(
        () => undefined,
        (e: unknown) => e,
      );
    const overlap = await refused([t('Uno', 1, 1), t('Dos', 2, 2)]);
    expect(overlap).toBeInstanceOf(HostError);
    expect(overlap).toMatchObject({ code: 'export_inputs_invalid' });
    expect((overlap as HostError).en).toBe(
      'Tables "Uno" and "Dos" take the same cells of sheet "Hoja"; nothing was written.',
    );
    expect(await refused([t('Uno', 1, 1, [])])).toMatchObject({ code: 'export_inputs_invalid' });
    // Side by side and one under the other (a blank row between) is fine.
    await expect(xlsxBytesOfTables([t('Uno', 1, 1), t('Dos', 1, 3), t('Tres', 4, 1)])).resolves.toBeInstanceOf(
      Uint8Array,
    );
  });
});

describe('promotions: uplift over a vanishing baseline', () => {
  const found: FuzzCase = {
    kind: 'bytes',
    base: base({ monthFrom: 3, edits: [{ table: 3, row: 0, cell: 0, op: { kind: 'scale', factor: 5e-324 } }] }),
    mutations: [],
    bytes: { kind: 'flip', at: [0, 0], xor: 1 },
    via: 'reader',
    host: 'grid',
    lang: 'es',
  };

  test('shrunk counterexample: a base volume of 5e-324 units', async () => {
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('ok');
  });

  test('upliftPct stays finite (0, as without a baseline)', () => {
    const parsed = parseModel(gridMap(baseGrids(sample, found.base)));
    if (!parsed.ok) throw new Error(parsed.errors[0].en);
    const promotions = computeModel(parsed.model).promotions ?? [];
    expect(promotions.length).toBeGreaterThan(0);
    for (const p of promotions) expect(Number.isFinite(p.upliftPct)).toBe(true);
    expect(promotions.some((p) => p.baseline > 0 && p.baseline < 1e-300 && p.upliftPct === 0)).toBe(true);
  });
});

describe('price index against a vanishing competitor price', () => {
  const found: FuzzCase = {
    kind: 'corrupt',
    base: base({
      without: ['CostToServe'],
      edits: [{ table: 24, row: 0, cell: 0, op: { kind: 'scale', factor: 5e-324 } }],
    }),
    mutations: [{ kind: 'set', table: 0, row: 0, column: 569, value: 0 }],
    host: 'grid',
    lang: 'es',
  };

  test('shrunk counterexample: a competitor price of 5e-324', async () => {
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('ok');
  });

  test('priceIndex is null with its reason when the ratio overflows', () => {
    const own = { price: 30, litresPerUnit: 0.6, kgPerUnit: 0 };
    expect(priceIndex(own, { price: 5e-324, basis: 'unit' }, 'unit')).toEqual({
      value: null,
      reason: {
        es: 'el precio del competidor es tan cercano a cero que el índice no es un número',
        en: 'the competitor price is so close to zero that the index is not a number',
      },
    });
    expect(priceIndex(own, { price: 25, basis: 'unit' }, 'unit').value).toBeCloseTo(120, 12);
  });
});

describe('growth over a vanishing prior-year reference', () => {
  const found: FuzzCase = {
    kind: 'bytes',
    base: base({
      without: ['TaxRates', 'Scenarios', 'ScenarioChanges'],
      edits: [{ table: 27, row: 0, cell: 8, op: { kind: 'scale', factor: 5e-324 } }],
    }),
    mutations: [],
    bytes: { kind: 'flip', at: [0, 0], xor: 1 },
    via: 'reader',
    host: 'grid',
    lang: 'es',
  };

  test('shrunk counterexample: a prior-year volume of 5e-324 units', async () => {
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('ok');
  });

  test("the growth plan's measure is undefined (NaN in the engine, null in every output), not Infinity", () => {
    const parsed = parseModel(gridMap(baseGrids(sample, found.base)));
    if (!parsed.ok) throw new Error(parsed.errors[0].en);
    const results = computeModel(parsed.model);
    const growthPlan = results.terms.find((t) => t.kind === 'growth_rebate');
    expect(growthPlan).toBeDefined();
    expect(growthPlan!.measureValue).toBeNaN();
    expect(growthPlan!.conditionMet).toBe(false);
    for (const a of results.accruals) expect(Number.isFinite(a.ytdMeasure) || Number.isNaN(a.ytdMeasure)).toBe(true);
  });
});

describe('effective rates over a vanishing basis', () => {
  const found: FuzzCase = {
    kind: 'valid',
    base: base({
      monthFrom: 9,
      months: 2,
      without: ['CostToServe', 'RetailerMargins', 'Elasticities', 'TaxRates'],
      edits: [{ table: 25, row: 1, cell: 0, op: { kind: 'extreme', value: 5e-324 } }],
    }),
    mutations: [],
    host: 'grid',
    lang: 'es',
  };

  test('shrunk counterexample: a base volume of 5e-324 units in November', async () => {
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('ok');
  });

  test("terms' and accruals' rates stay finite; each accrual is still run rate + true-up", () => {
    const parsed = parseModel(gridMap(baseGrids(sample, found.base)));
    if (!parsed.ok) throw new Error(parsed.errors[0].en);
    const results = computeModel(parsed.model);
    for (const t of results.terms) expect(Number.isFinite(t.effectiveRate)).toBe(true);
    for (const a of results.accruals) {
      for (const x of [a.cumulative, a.accrual, a.runRate, a.trueUp]) expect(Number.isFinite(x)).toBe(true);
      expect(a.runRate + a.trueUp).toBeCloseTo(a.accrual, 6);
    }
  });
});

describe('price waterfall over a vanishing volume', () => {
  const found: FuzzCase = {
    kind: 'valid',
    base: base({
      customers: [0, 3],
      skus: [0, 3],
      without: [
        'TermTiers',
        'CostToServe',
        'PriceChanges',
        'RetailerMargins',
        'Elasticities',
        'Promotions',
        'Scenarios',
        'ScenarioChanges',
      ],
      edits: [{ table: 24, row: 131, cell: 6, op: { kind: 'extreme', value: 5e-324 } }],
    }),
    mutations: [],
    host: 'grid',
    lang: 'es',
  };

  test('shrunk counterexample: OXXO with a volume of 5e-324 units', async () => {
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('ok');
  });

  test('every per-unit figure is NaN (undefined, null in the outputs), none is Infinity', () => {
    const w = waterfallOf(
      { ...computeModel(parseOk(found)).portfolio, volume: 5e-324, offInvoice: 1000 },
      'below_waterfall',
    );
    expect(Object.values(w).every((x) => Number.isNaN(x))).toBe(true);
  });
});

function parseOk(c: FuzzCase) {
  const parsed = parseModel(gridMap(baseGrids(sample, c.base)));
  if (!parsed.ok) throw new Error(parsed.errors[0].en);
  return parsed.model;
}

describe('lump sums beyond whole centavos', () => {
  const found: FuzzCase = {
    kind: 'valid',
    base: base({
      skus: [17],
      monthFrom: 6,
      months: 6,
      without: ['TermTiers', 'PriceChanges', 'Promotions'],
      rowSeed: 21403071,
      edits: [{ table: 28, row: 82, cell: 0, op: { kind: 'extreme', value: 1e15 } }],
    }),
    mutations: [],
    host: 'grid',
    lang: 'es',
  };

  test('shrunk counterexample: a walk-away search taking a 1e15 lump sum to 3e15 pesos', async () => {
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('ok');
  });

  test('an amount past 2^53 centavos is split in exact shares instead of throwing "Incomplete allocation"', () => {
    const parts = allocateLumpSum(3e15, [1, 2, 3, 0.5]);
    expect(parts.every(Number.isFinite)).toBe(true);
    expect(parts[1] / parts[0]).toBeCloseTo(2, 12);
    expect(parts.reduce((a, b) => a + b, 0) / 3e15).toBeCloseTo(1, 12);
    expect(allocateLumpSum(-3e15, [0, 0])).toEqual(Float64Array.from([-1.5e15, -1.5e15]));
    // Below the limit the split is in whole centavos, exact.
    expect(Array.from(allocateLumpSum(1000.01, [1, 1, 1]))).toEqual([333.34, 333.34, 333.33]);
  });
});

describe("retailer's margins over vanishing sales", () => {
  const found: FuzzCase = {
    kind: 'valid',
    base: base({ monthFrom: 10, edits: [{ table: 18, row: 0, cell: 0, op: { kind: 'extreme', value: 5e-324 } }] }),
    mutations: [],
    host: 'grid',
    lang: 'es',
  };

  test('shrunk counterexample: a volume of 5e-324 units in November', async () => {
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('ok');
  });

  test('the percentages are null with their reason, not Infinity', () => {
    const model = parseOk(found);
    const p = retailerPnl(model, computeModel(model))[0];
    expect(p.sales).toBeGreaterThan(0);
    expect(p.sales).toBeLessThan(1e-300);
    expect(p).toMatchObject({ frontPct: null, backPct: null, totalPct: null, reason: { en: 'no retailer sales' } });
  });
});

describe("a term's forecast over a line with vanishing gross sales", () => {
  const found: FuzzCase = {
    kind: 'valid',
    base: base({
      monthFrom: 1,
      months: 11,
      without: ['TermTiers', 'TaxRates'],
      edits: [{ table: 29, row: 35, cell: 2, op: { kind: 'scale', factor: 5e-324 } }],
    }),
    mutations: [],
    host: 'grid',
    lang: 'es',
  };

  test('shrunk counterexample: a list price of 1e-321 in April', async () => {
    await expect(runCase(sample, found, { tmpDir })).resolves.toBe('ok');
  });

  test("the forecast-policy accruals' measures stay finite", () => {
    const model = parseOk(found);
    for (const a of computeModel(model).accruals) {
      expect(Number.isNaN(a.tierMeasureUsed) || Number.isFinite(a.tierMeasureUsed)).toBe(true);
      expect(Number.isNaN(a.ytdMeasure) || Number.isFinite(a.ytdMeasure)).toBe(true);
    }
  });
});
