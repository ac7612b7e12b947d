/**
 * TableGrid.source through the Office host (src/hosts/office/table-facts.ts): the header row switched off, a totals
 * row, hidden and filtered rows, merged cells and values typed below a table, as Excel reports them, so the contract
 * diagnoses in Excel what it diagnoses in .xlsx files. The fake Excel models each API the way Excel answers it,
 * gated by its requirement set; the first block pins those semantics.
 */
import { FakeExcel, FakeOfficeError, PAYLOAD_LIMIT, type FakeRequestContext, type SeedTable } from '../fakes/excel';
import { parseModel } from '../../src/workbook/contract';
import type { ContractError } from '../../src/workbook/contract/errors';
import { INPUT_TABLE_NAMES } from '../../src/workbook/contract/specs';
import { HostError, type TableGrid } from '../../src/workbook/port';
import { HIDDEN_BLOCKS, HIDDEN_ROWS_LISTED, HIDDEN_ROWS_SCANNED } from '../../src/hosts/office/table-facts';
import { EXPECTED } from '../fixtures/broken-workbooks-expected';
import { hostOn, sampleTables } from './support';

type Batch<T> = (ctx: FakeRequestContext) => Promise<T>;
/** FakeExcel.run is typed as Excel.run for the host; tests drive it with the fake's own context type. */
function run<T>(fake: FakeExcel, batch: Batch<T>): Promise<T> {
  return (fake.run as unknown as (b: Batch<T>) => Promise<T>)(batch);
}

async function failure(p: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FakeOfficeError) return e;
    throw e;
  }
  throw new Error('expected the promise to reject');
}

/** Customers at B3 (header row 3, data rows 4–8) on sheet Clientes. */
const CUSTOMERS: SeedTable = {
  name: 'Customers',
  sheet: 'Clientes',
  headerRow: 3,
  firstColumn: 2,
  headers: ['Id', 'Nombre', 'Días'],
  rows: [
    ['WMT', 'Walmart de México', 60],
    ['OXXO', 'OXXO', 30],
    ['MELI', 'Mercado Libre', 15],
    ['SOR', 'Soriana', 45],
    ['CHE', 'Chedraui', 30],
  ],
};

function fakeWith(options: ConstructorParameters<typeof FakeExcel>[0] = {}, table: Partial<SeedTable> = {}): FakeExcel {
  const fake = new FakeExcel({ sheets: ['Portada'], ...options });
  fake.seedTable({ ...CUSTOMERS, ...table });
  return fake;
}

async function readOne(fake: FakeExcel, name = 'Customers'): Promise<TableGrid> {
  const grids = await hostOn(fake).readTables([name]);
  const grid = grids.get(name);
  if (!grid) throw new Error(`${name} not read`);
  return grid;
}

const NOTHING = {
  headerRowShown: true,
  totalsRow: false,
  hiddenRows: [],
  filtered: false,
  mergedRanges: [],
  cellsBelow: [],
};

describe('the fake Excel answers as Excel does', () => {
  test('Range.rowHidden: false when no row is hidden, true when all are, null when some are; getVisibleView; bytes counted', async () => {
    const fake = fakeWith();
    fake.hideRows('Clientes', [5, 6]);
    const got = await run(fake, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Clientes');
      const none = s.getRange('B4:D4').load('rowHidden');
      const all = s.getRange('B5:D6').load('rowHidden');
      const some = s.getRange('B4:D8').load('rowHidden');
      const view = s.getRange('B4:D8').getVisibleView().load('rowCount, values');
      await ctx.sync();
      return [none.rowHidden, all.rowHidden, some.rowHidden, view.rowCount, view.values];
    });
    expect(got).toEqual([
      false,
      true,
      null,
      3,
      [
        ['WMT', 'Walmart de México', 60],
        ['SOR', 'Soriana', 45],
        ['CHE', 'Chedraui', 30],
      ],
    ]);
    expect(fake.hiddenRows('Clientes')).toEqual([5, 6]);
    // Loads are measured like the others: "false" + "true" + "null" + "3" + the visible rows' JSON.
    expect(fake.syncs[0].responseBytes).toBe(5 + 4 + 4 + 1 + JSON.stringify(got[4]).length + 1); // "é" is 2 bytes
  });

  test('setting Range.rowHidden hides and shows whole rows', async () => {
    const fake = fakeWith();
    await run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Clientes').getRange('B5:B7').rowHidden = true;
      ctx.workbook.worksheets.getItem('Clientes').getRange('A6').rowHidden = false;
      await ctx.sync();
    });
    expect(fake.hiddenRows('Clientes')).toEqual([5, 7]);
  });

  test('getMergedAreasOrNullObject: the merged blocks starting in the range, a null object when none; ExcelApi 1.13', async () => {
    const fake = fakeWith({ apiVersion: '1.13' });
    fake.mergeCells('Clientes', 'B4:B5');
    fake.mergeCells('Clientes', 'C7:D7');
    fake.mergeCells('Clientes', 'A2:B3'); // reaches into the table from above: not the table range's (office-js#3611)
    expect(fake.readValues('Clientes!B4:B5')).toEqual([['WMT'], ['']]); // only the top-left value stays
    const got = await run(fake, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Clientes');
      const table = s.getRange('B3:D8').getMergedAreasOrNullObject().load('areas/items/address, areaCount, address');
      const none = s.getRange('F1:G9').getMergedAreasOrNullObject().load('areas/items/address');
      await ctx.sync();
      return {
        areas: table.areas.items.map((r) => r.address),
        count: table.areaCount,
        address: table.address,
        none: none.isNullObject,
      };
    });
    expect(got).toEqual({
      areas: ['Clientes!B4:B5', 'Clientes!C7:D7'],
      count: 2,
      address: 'Clientes!B4:B5, Clientes!C7:D7',
      none: true,
    });

    const old = fakeWith({ apiVersion: '1.12' });
    const err = await failure(
      run(old, async (ctx) => {
        ctx.workbook.worksheets.getItem('Clientes').getRange('B3:D8').getMergedAreasOrNullObject().load('address');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ApiNotFound');
  });

  test('a table without its header row starts at its first data row; a totals row ends it; getHeaderRowRange fails', async () => {
    const fake = fakeWith({}, { showHeaders: false, totals: ['Total', null, 180] });
    const got = await run(fake, async (ctx) => {
      const t = ctx.workbook.tables.getItem('Customers').load('showHeaders, showTotals');
      const range = t.getRange().load('address');
      const body = t.getDataBodyRange().load('address');
      const totals = t.getTotalRowRange().load('values');
      const names = t.columns.load('items/name');
      await ctx.sync();
      return {
        flags: [t.showHeaders, t.showTotals],
        range: range.address,
        body: body.address,
        totals: totals.values,
        names: names.items.map((c) => c.name),
      };
    });
    expect(got).toEqual({
      flags: [false, true],
      range: 'Clientes!B4:D9',
      body: 'Clientes!B4:D8',
      totals: [['Total', '', 180]],
      names: ['Id', 'Nombre', 'Días'],
    });
    expect(fake.readValues('Clientes!B3:D3')).toEqual([['', '', '']]); // Excel empties the row
    const err = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.tables.getItem('Customers').getHeaderRowRange().load('values');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
  });

  test('Table.autoFilter.isDataFiltered: ExcelApi 1.9', async () => {
    const fake = fakeWith();
    fake.filterTable('Customers', [6]);
    const filtered = await run(fake, async (ctx) => {
      const f = ctx.workbook.tables.getItem('Customers').autoFilter.load('isDataFiltered, enabled');
      await ctx.sync();
      return [f.isDataFiltered, f.enabled];
    });
    expect(filtered).toEqual([true, true]);
    expect(fake.hiddenRows('Clientes')).toEqual([6]);

    const old = fakeWith({ apiVersion: '1.8' });
    const err = await failure(
      run(old, async (ctx) => {
        ctx.workbook.tables.getItem('Customers').load('autoFilter/isDataFiltered');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ApiNotFound');
  });
});

describe('TableGrid.source from the Office host', () => {
  test('a table with nothing to report: every fact false or empty, still 2 syncs', async () => {
    const fake = fakeWith({ apiVersion: '1.13' });
    const grid = await readOne(fake);
    expect(grid.source).toEqual(NOTHING);
    expect(fake.syncCount).toBe(2);
  });

  test('rows hidden by hand: listed (1-based worksheet rows) in one more sync', async () => {
    const fake = fakeWith();
    fake.hideRows('Clientes', [2, 5, 7, 9]); // rows 2 and 9 are outside the table
    const grid = await readOne(fake);
    expect(grid.source).toEqual({ ...NOTHING, hiddenRows: [5, 7] });
    expect(grid.rows).toHaveLength(5); // hidden rows are read like the others
    expect(fake.syncCount).toBe(3);
    expect(fake.syncs.map((s) => s.error)).toEqual([undefined, undefined, undefined]);
  });

  test('every data row hidden: Range.rowHidden says so, no sync more', async () => {
    const fake = fakeWith();
    fake.hideRows('Clientes', [4, 5, 6, 7, 8]);
    const grid = await readOne(fake);
    expect(grid.source?.hiddenRows).toEqual([4, 5, 6, 7, 8]);
    expect(grid.source?.hiddenRowCount).toBeUndefined();
    expect(fake.syncCount).toBe(2);
  });

  test('a filtered table: filtered, and the rows the filter hides', async () => {
    const fake = fakeWith();
    fake.filterTable('Customers', [4, 6]);
    const grid = await readOne(fake);
    expect(grid.source).toEqual({ ...NOTHING, hiddenRows: [4, 6], filtered: true });
  });

  test('merged cells in the key column (ExcelApi 1.13): their ranges, without the sheet', async () => {
    const fake = fakeWith({ apiVersion: '1.13' });
    fake.mergeCells('Clientes', 'B5:B6');
    const grid = await readOne(fake);
    expect(grid.source).toEqual({ ...NOTHING, mergedRanges: ['B5:B6'] });
    expect(grid.rows.map((r) => r[0])).toEqual(['WMT', 'OXXO', null, 'SOR', 'CHE']);
    expect(fake.syncCount).toBe(2);
  });

  test('the header row switched off: the first data row stands as the headers, as the .xlsx reader reads it', async () => {
    const fake = fakeWith({}, { showHeaders: false });
    // Row 4 stands as the headers; its hiding is no data row's.
    fake.hideRows('Clientes', [4, 7]);
    const grid = await readOne(fake);
    expect(grid).toMatchObject({
      headerRow: 4,
      firstColumn: 2,
      headers: ['WMT', 'Walmart de México', '60'],
      rows: [
        ['OXXO', 'OXXO', 30],
        ['MELI', 'Mercado Libre', 15],
        ['SOR', 'Soriana', 45],
        ['CHE', 'Chedraui', 30],
      ],
    });
    expect(grid.source).toEqual({ ...NOTHING, headerRowShown: false, hiddenRows: [7] });
  });

  test('a totals row: reported and left out of the rows; values below it are below the table', async () => {
    const fake = fakeWith({}, { totals: ['Total', null, { formula: '=SUBTOTAL(109,D4:D8)', value: 180 }] });
    fake.seedCells('Clientes', 'B10:D10', [['HEB', '', '']]);
    const grid = await readOne(fake);
    expect(grid.rows).toHaveLength(5);
    expect(grid.rows[4]).toEqual(['CHE', 'Chedraui', 30]);
    expect(grid.source).toEqual({ ...NOTHING, totalsRow: true, cellsBelow: ['B10'] });
  });

  test('values typed below: the 3 rows under the table, in its columns, not those of another table', async () => {
    const fake = fakeWith();
    fake.seedCells('Clientes', 'A9:E9', [['a', 'HEB', 'H-E-B México', '', 'e']]); // A and E: outside the columns
    fake.seedCells('Clientes', 'D11:D12', [[7], [8]]); // row 12: more than 3 rows below
    let grid = await readOne(fake);
    expect(grid.source?.cellsBelow).toEqual(['B9', 'C9', 'D11']);
    expect(fake.syncCount).toBe(2);

    // A table of the user's starts in row 11: its header cells are its own, located in one more sync.
    const other = fakeWith();
    other.seedCells('Clientes', 'B9', [['HEB']]);
    other.seedTable({
      name: 'Notas',
      sheet: 'Clientes',
      headerRow: 11,
      firstColumn: 2,
      headers: ['Nota'],
      rows: [['x']],
    });
    grid = await readOne(other);
    expect(grid.source?.cellsBelow).toEqual(['B9']);
    expect(other.syncCount).toBe(3);

    // A table read in the same call is located by the first sync.
    const both = fakeWith();
    both.seedTable({
      name: 'Notas',
      sheet: 'Clientes',
      headerRow: 10,
      firstColumn: 3,
      headers: ['Nota'],
      rows: [['x']],
    });
    const grids = await hostOn(both).readTables(['Customers', 'Notas']);
    expect(grids.get('Customers')!.source?.cellsBelow).toEqual([]);
    expect(both.syncCount).toBe(2);
  });

  test('ExcelApi 1.7 (the manifest minimum): no filter or merged ranges asked, nothing throws, hidden rows found', async () => {
    const fake = fakeWith({ apiVersion: '1.7' });
    fake.filterTable('Customers', [5]);
    fake.mergeCells('Clientes', 'B7:B8');
    const grid = await readOne(fake);
    expect(grid.source).toEqual({ ...NOTHING, hiddenRows: [5] });
    expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
  });

  test('inputFingerprint reads cells only: no sync for hidden rows', async () => {
    const fake = fakeWith();
    fake.hideRows('Clientes', [5]);
    await hostOn(fake).inputFingerprint();
    expect(fake.syncCount).toBe(2);
  });

  test('a sync that fails while hidden rows are looked at is reported, never swallowed', async () => {
    const fake = fakeWith();
    fake.hideRows('Clientes', [5]);
    fake.failSync(2, 'GeneralException');
    await expect(hostOn(fake).readTables(['Customers'])).rejects.toBeInstanceOf(HostError);
  });
});

describe('a 100,000-row table', () => {
  const ROWS = 100_000;
  const big = (): FakeExcel => {
    const fake = new FakeExcel({ sheets: ['Volúmenes'], apiVersion: '1.13' });
    fake.seedTable({
      name: 'BaseVolumes',
      sheet: 'Volúmenes',
      headers: ['Cliente', 'SKU', 'Periodo', 'Volumen'],
      rows: Array.from({ length: ROWS }, (_, i) => [`C${i % 97}`, `SKU${i % 1013}`, '2026-01', 1000 + (i % 5000)]),
    });
    return fake;
  };

  test('a few hidden rows: all listed, in 2 syncs more than values need, every response small', async () => {
    const fake = big();
    fake.hideRows('Volúmenes', [3, 40_000, 40_001, 99_999, 100_001]);
    const grid = await readOne(fake, 'BaseVolumes');
    expect(grid.rows).toHaveLength(ROWS);
    expect(grid.source).toEqual({ ...NOTHING, hiddenRows: [3, 40_000, 40_001, 99_999, 100_001] });
    // Sync 1, the count and HIDDEN_BLOCKS blocks, the rows of the 4 mixed blocks one by one, the values (≈ 3.6 MB).
    expect(fake.syncCount).toBe(4);
    const [, count, scan] = fake.syncs;
    expect(count.responseBytes).toBeLessThan(HIDDEN_BLOCKS * 5 + 100);
    expect(scan.responseBytes).toBeLessThan(4 * Math.ceil(ROWS / HIDDEN_BLOCKS) * 5 + 100);
    for (const s of fake.syncs) {
      expect(s.error).toBeUndefined();
      expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    }
  });

  test('a third of its rows filtered out: the first ones listed, the exact count beside them', async () => {
    const fake = big();
    const hidden = Array.from({ length: ROWS }, (_, i) => i + 2).filter((r) => r % 3 === 0);
    fake.filterTable('BaseVolumes', hidden);
    const grid = await readOne(fake, 'BaseVolumes');
    const source = grid.source!;
    expect(source.filtered).toBe(true);
    expect(source.hiddenRowCount).toBe(hidden.length);
    // Every block is mixed: the list stops after the rows scanned one by one (HIDDEN_ROWS_SCANNED, rows 2–2,001).
    expect(source.hiddenRows).toEqual(hidden.filter((r) => r <= HIDDEN_ROWS_SCANNED + 1));
    expect(source.hiddenRows.length).toBeLessThanOrEqual(HIDDEN_ROWS_LISTED);
    expect(fake.syncCount).toBe(4);
    for (const s of fake.syncs) expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(fake.syncs[2].responseBytes).toBeLessThan(HIDDEN_ROWS_SCANNED * 5 + 100);

    // The contract counts them all.
    const warning = diagnosisOf(new Map([['BaseVolumes', grid]])).warnings.find((w) => w.code === 'hidden_rows');
    expect(warning?.en).toContain(`${hidden.length} rows of the table are hidden or filtered out (rows 3, 6, 9,`);
  });

  test('rows hidden in long runs: whole blocks listed without looking at each row, the list capped', async () => {
    // Rows 1,002–51,001 are exactly blocks 5–254 (200 rows each): one sync settles them all.
    const fake = big();
    fake.hideRows(
      'Volúmenes',
      Array.from({ length: 50_000 }, (_, i) => i + 1_002),
    );
    let source = (await readOne(fake, 'BaseVolumes')).source!;
    expect(source.hiddenRows).toEqual(Array.from({ length: HIDDEN_ROWS_LISTED }, (_, i) => i + 1_002));
    expect(source.hiddenRowCount).toBe(50_000);
    expect(fake.syncCount).toBe(3);

    // Rows 1,050–51,049: the first block is mixed and looked at row by row; the list is full before the last one.
    const other = big();
    other.hideRows(
      'Volúmenes',
      Array.from({ length: 50_000 }, (_, i) => i + 1_050),
    );
    source = (await readOne(other, 'BaseVolumes')).source!;
    expect(source.hiddenRows).toEqual(Array.from({ length: HIDDEN_ROWS_LISTED }, (_, i) => i + 1_050));
    expect(source.hiddenRowCount).toBe(50_000);
    expect(other.syncCount).toBe(4);
    expect(other.syncs[2].responseBytes).toBeLessThan(Math.ceil(ROWS / HIDDEN_BLOCKS) * 6 + 100);
  });
});

// ------------------------------------------------------------------------------------------------ the contract

interface Problem {
  code: string;
  address: string | null;
  count: number;
  es: string;
  en: string;
}
const problem = (e: ContractError): Problem => ({
  code: e.code,
  address: e.address ?? null,
  count: e.count ?? 1,
  es: e.es,
  en: e.en,
});

function diagnosisOf(grids: Map<string, TableGrid>): { errors: Problem[]; warnings: Problem[] } {
  const result = parseModel(grids);
  return { errors: result.ok ? [] : result.errors.map(problem), warnings: result.warnings.map(problem) };
}

describe('the contract diagnoses in Excel what it diagnoses in .xlsx files (the catalogue of broken workbooks)', () => {
  let sample: SeedTable[];
  beforeAll(async () => {
    sample = await sampleTables();
  });

  /** The bundled sample seeded into a fake Excel, one table changed by `edit`, read through the Office host. */
  async function diagnose(
    apiVersion: string,
    change: (fake: FakeExcel) => void,
    seed: (t: SeedTable) => SeedTable = (t) => t,
  ): Promise<{ errors: Problem[]; warnings: Problem[] }> {
    const fake = new FakeExcel({ sheets: ['Léame'], apiVersion });
    for (const t of sample) fake.seedTable(seed(t));
    change(fake);
    const diagnosis = diagnosisOf(await hostOn(fake).readTables(INPUT_TABLE_NAMES));
    expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
    return diagnosis;
  }

  const expected = (id: string) => ({ errors: EXPECTED[id].errors, warnings: EXPECTED[id].warnings });

  test('the sample as it is: nothing to report', async () => {
    expect(await diagnose('1.13', () => undefined)).toEqual({ errors: [], warnings: [] });
  });

  test('header row switched off: header_row_off (an error)', async () => {
    const got = await diagnose(
      '1.9',
      () => undefined,
      (t) => (t.name === 'Clientes' ? { ...t, showHeaders: false } : t),
    );
    expect(got).toEqual(expected('header-row-off'));
  });

  test('merged key cells: merged_cells (an error, the root cause of the blank it leaves)', async () => {
    const got = await diagnose('1.13', (fake) => fake.mergeCells('Clientes', 'A2:A3'));
    expect(got).toEqual(expected('merged-key-cells'));
  });

  test('a customer typed below the table: rows_below_table (a warning)', async () => {
    const got = await diagnose('1.9', (fake) => {
      const t = sample.find((x) => x.name === 'Clientes')!;
      const row = t.rows.length + 2; // the header in row 1, one row below the last
      fake.seedCells('Clientes', `A${row}:C${row}`, [['HEB', 'H-E-B México', 'moderno']]);
    });
    expect(got).toEqual(expected('rows-below-table'));
  });

  test('two rows hidden: hidden_rows (a warning)', async () => {
    const got = await diagnose('1.9', (fake) => fake.hideRows('Volúmenes base', [5, 6]));
    expect(got).toEqual(expected('hidden-rows'));
  });

  test('a filter left on: hidden_rows, "or filtered out", with the exact count beyond the rows listed', async () => {
    const got = await diagnose('1.9', (fake) => {
      const t = sample.find((x) => x.name === 'VolumenesBase')!;
      fake.filterTable(
        'VolumenesBase',
        t.rows.map((r, i) => (r[0] === 'WMX' ? -1 : i + 2)).filter((r) => r > 0),
      );
    });
    expect(got).toEqual(expected('filtered-rows'));
  });

  test('ExcelApi 1.7: the same workbook with merged cells and a filter reads without them, and nothing throws', async () => {
    const got = await diagnose('1.7', (fake) => {
      fake.mergeCells('Clientes', 'A2:A3');
      fake.filterTable('VolumenesBase', [5, 6]);
    });
    // No merged range to explain the blank key; the hidden rows are still reported, as hidden rather than filtered.
    expect(got.errors.map((e) => e.code)).not.toContain('merged_cells');
    expect(got.warnings).toEqual(expected('hidden-rows').warnings);
  });
});
