/**
 * The fake Excel learns what real Excel does, so the host's tests catch it (issue 7, item 9): Excel's invariant
 * formula syntax, localised function names, references that follow a rename or break on a deletion, sheet-scoped
 * hidden names, protection, cell-edit mode, slow and failing syncs, refused chart properties, UTF-8 payloads.
 */
import { EXCEL_FUNCTIONS, FakeExcel, FakeOfficeError, PAYLOAD_LIMIT, functionNames, utf8Bytes } from '../fakes/excel';
import type { FakeRequestContext } from '../fakes/excel';

type Batch<T> = (ctx: FakeRequestContext) => Promise<T>;
function run<T>(fake: FakeExcel, batch: Batch<T>, options?: { delayForCellEdit?: boolean }): Promise<T> {
  const r = fake.run as unknown as (a: unknown, b?: unknown) => Promise<T>;
  return options ? r(options, batch) : r(batch);
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

const write = (fake: FakeExcel, sheet: string, address: string, formulas: unknown[][]): Promise<void> =>
  run(fake, async (ctx) => {
    ctx.workbook.worksheets.getItem(sheet).getRange(address).formulas = formulas;
    await ctx.sync();
  });

afterEach(() => jest.useRealTimers());

describe('formulas', () => {
  test('a formula with semicolon separators (a Spanish Excel’s syntax) does not parse: InvalidArgument', async () => {
    const fake = new FakeExcel({ sheets: ['S'] });
    const err = await failure(write(fake, 'S', 'A3', [['=SUMA(A1;A2)']]));
    expect(err.code).toBe('InvalidArgument');
    expect(err.debugInfo.errorLocation).toBe('Range.formulas');
    expect(fake.readFormulas('S!A3')).toEqual([['']]);
    // Inside a string or a quoted sheet name a semicolon is text, not a separator.
    await write(fake, 'S', 'A4', [['=IF(A1>0,"a;b","c")']]);
    expect((await failure(write(fake, 'S', 'A5', [['=SUM((A1,A2)']]))).code).toBe('InvalidArgument');
  });

  test('a localised function name is stored and evaluates to #NAME?; the English one calculates', async () => {
    const fake = new FakeExcel({ sheets: ['S'] });
    fake.seedCells('S', 'A1:A2', [[2], [3]]);
    await write(fake, 'S', 'B1:B2', [['=SUMA(A1,A2)'], ['=SUM(A1,A2)']]);
    expect(fake.readFormulas('S!B1')).toEqual([['=SUMA(A1,A2)']]);
    expect(fake.evaluate('S!B1', 'S!B2')).toEqual(['#NAME?', 5]);
    expect(functionNames('=SI(A1>0,SUMA(B1:B2),"SUM(")')).toEqual(['SI', 'SUMA']);
  });

  test('renaming a sheet rewrites the formulas pointing at it; deleting it turns them into #REF!', async () => {
    const fake = new FakeExcel({ sheets: ['Hoja1', 'TT Cascada'] });
    fake.seedCells('TT Cascada', 'B2', [[7]]);
    fake.seedCells('Hoja1', 'A1:C1', [["='TT Cascada'!B2+1", '=Hoja1!A1*2', '="TT Cascada!B2"']]);
    await run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('TT Cascada').name = 'TT Waterfall';
      await ctx.sync();
    });
    expect(fake.readFormulas('Hoja1!A1:C1')).toEqual([["='TT Waterfall'!B2+1", '=Hoja1!A1*2', '="TT Cascada!B2"']]);
    expect(fake.evaluate('Hoja1!A1', 'Hoja1!B1')).toEqual([8, 16]);
    await run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('TT Waterfall').delete();
      await ctx.sync();
    });
    expect(fake.readFormulas('Hoja1!A1')).toEqual([['=#REF!B2+1']]);
    expect(fake.evaluate('Hoja1!A1', 'Hoja1!B1')).toEqual(['#REF!', '#REF!']);
  });

  test('the Excel 2016 function list is the committed test data', () => {
    expect(EXCEL_FUNCTIONS.size).toBeGreaterThan(450);
    for (const f of ['SUM', 'SUMIF', 'SUMPRODUCT', 'IF', 'IFERROR', 'MIN', 'MAX', 'NA', 'ROUND', 'INDEX', 'MATCH'])
      expect(EXCEL_FUNCTIONS.has(f)).toBe(true);
    // Spanish names and functions newer than Excel 2016 are not in it.
    for (const f of ['SUMA', 'SI', 'BUSCARV', 'XLOOKUP', 'TEXTJOIN', 'IFS', 'LET'])
      expect(EXCEL_FUNCTIONS.has(f)).toBe(false);
  });
});

describe('names, used ranges and tables', () => {
  test('sheet-scoped hidden names go with their sheet: renamed with it, gone when it is deleted', async () => {
    const fake = new FakeExcel({ sheets: ['A', 'B'] });
    await run(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('B');
      ws.names.add('_ttm_owner_pnl', ws.getRange('A1')).visible = false;
      await ctx.sync();
      const names = ws.names.load('items/name, items/visible');
      const wbNames = ctx.workbook.names.load('items/name');
      await ctx.sync();
      expect(names.items.map((n) => [n.name, n.visible])).toEqual([['_ttm_owner_pnl', false]]);
      expect(wbNames.items).toEqual([]); // not workbook-scoped
      ws.name = 'C';
      const range = ws.names.getItem('_ttm_owner_pnl').getRange().load('address');
      await ctx.sync();
      expect(range.address).toBe('C!A1');
    });
    expect(fake.names('C')).toEqual([{ name: '_ttm_owner_pnl', visible: false, address: 'C!A1' }]);
    // The same name on another sheet is another name.
    await run(fake, async (ctx) => {
      const a = ctx.workbook.worksheets.getItem('A');
      a.names.add('_ttm_owner_pnl', a.getRange('B2'));
      await ctx.sync();
    });
    expect(fake.names('A')).toHaveLength(1);
  });

  test('getUsedRangeOrNullObject: the used block of a range, or a null object', async () => {
    const fake = new FakeExcel({ sheets: ['S'] });
    fake.seedCells('S', 'C5', [['nota']]);
    fake.seedCells('S', 'E7', [['=C5']]);
    await run(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      const empty = ws.getRange('A1:B10').getUsedRangeOrNullObject(true).load('address');
      const used = ws.getRange('A1:Z20').getUsedRangeOrNullObject(true).load('address');
      await ctx.sync();
      expect(empty.isNullObject).toBe(true);
      expect(used.address).toBe('S!C5:E7');
    });
  });

  test('convertToRange keeps every cell and drops the table object; resize (ExcelApi 1.13) keeps the header row', async () => {
    const fake = new FakeExcel({ sheets: ['S'], apiVersion: '1.13' });
    fake.seedTable({ name: 'T', sheet: 'S', headers: ['a', 'b'], rows: [[1, 2]] });
    fake.seedTable({ name: 'U', sheet: 'S', headerRow: 5, headers: ['x'], rows: [[9]] });
    await run(fake, async (ctx) => {
      ctx.workbook.tables.getItem('U').convertToRange();
      ctx.workbook.tables.getItem('T').resize('A1:C3');
      await ctx.sync();
    });
    expect(fake.tableNames()).toEqual(['T']);
    expect(fake.readValues('S!A5:A6')).toEqual([['x'], [9]]);
    expect(fake.table('T').headers).toEqual(['a', 'b', 'Column3']);
    const moved = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.tables.getItem('T').resize('A2:C3');
        await ctx.sync();
      }),
    );
    expect(moved.code).toBe('InvalidArgument');
    const old = new FakeExcel({ sheets: ['S'], apiVersion: '1.12' });
    old.seedTable({ name: 'T', sheet: 'S', headers: ['a'], rows: [[1]] });
    const err = await failure(
      run(old, async (ctx) => {
        ctx.workbook.tables.getItem('T').resize('A1:A4');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ApiNotFound');
  });
});

describe('Excel states', () => {
  test('a protected sheet, a protected workbook structure, a read-only workbook: AccessDenied', async () => {
    const fake = new FakeExcel({ sheets: ['S', 'T'] });
    fake.protectSheet('S');
    expect((await failure(write(fake, 'S', 'A1', [[1]]))).code).toBe('AccessDenied');
    await write(fake, 'T', 'A1', [[1]]);
    fake.protectWorkbook();
    const add = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.add('Nueva');
        await ctx.sync();
      }),
    );
    expect(add.code).toBe('AccessDenied');
    await write(fake, 'T', 'A2', [[2]]); // cells of an unprotected sheet still take writes
    fake.setReadOnly();
    expect((await failure(write(fake, 'T', 'A3', [[3]]))).code).toBe('AccessDenied');
    await run(fake, async (ctx) => {
      const p = ctx.workbook.protection.load('protected');
      const s = ctx.workbook.worksheets.getItem('S').protection.load('protected');
      ctx.workbook.load('readOnly');
      await ctx.sync();
      expect([p.protected, s.protected, ctx.workbook.readOnly]).toEqual([true, true, true]);
    });
  });

  test('cell-edit mode: a sync fails, unless the run asked delayForCellEdit, which waits for the user', async () => {
    const fake = new FakeExcel({ sheets: ['S'] });
    fake.enterCellEdit();
    expect((await failure(write(fake, 'S', 'A1', [[1]]))).code).toBe('InvalidOperationInCellEditMode');
    let done = false;
    const waiting = run(
      fake,
      async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1').values = [[1]];
        await ctx.sync();
        done = true;
      },
      { delayForCellEdit: true },
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    fake.exitCellEdit();
    await waiting;
    expect(fake.readValues('S!A1')).toEqual([[1]]);
    expect(fake.runs.map((r) => r.delayForCellEdit)).toEqual([false, true]);
  });

  test('injected failures keep what ran before them (no rollback); slow syncs take their time', async () => {
    jest.useFakeTimers();
    const fake = new FakeExcel({ sheets: ['S'] });
    fake.failNextSync('GeneralException', 2); // getRange('A1') and its write run, then the sync fails
    const err = await failure(
      run(fake, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('S');
        ws.getRange('A1').values = [[1]];
        ws.getRange('A2').values = [[2]];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('GeneralException');
    expect(fake.readValues('S!A1:A2')).toEqual([[1], ['']]);
    fake.slowSync(fake.syncCount + 1, 5_000);
    let done = false;
    const slow = write(fake, 'S', 'A3', [[3]]).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(4_999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await slow;
    expect(done).toBe(true);
  });

  test('a chart property refused for a chart type: UnsupportedOperation (OfficeDev/office-js#2041)', async () => {
    const fake = new FakeExcel({ sheets: ['S'] });
    fake.seedCells('S', 'A1:B3', [
      ['c', 'v'],
      ['a', 1],
      ['b', 2],
    ]);
    fake.failChartProperty('Waterfall', 'title');
    const err = await failure(
      run(fake, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('S');
        const c = ws.charts.add('Waterfall', ws.getRange('A1:B3'), 'Columns');
        c.name = 'w';
        c.title.text = 'Cascada';
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('UnsupportedOperation');
    expect(err.debugInfo.errorLocation).toBe('ChartTitle.text');
    expect(fake.charts('S').map((c) => c.name)).toEqual(['w']); // created before the refusal: it stays
  });

  test('payloads are counted in UTF-8 bytes: 5 MB of accented text is more than 5 M characters can say', async () => {
    expect(utf8Bytes('México')).toBe(7);
    const fake = new FakeExcel({ sheets: ['S'] });
    const row = ['ñ'.repeat(1000)];
    const rows = Array.from({ length: 2_700 }, () => row); // 2.7 M characters, 5.4 M bytes
    const err = await failure(write(fake, 'S', 'A1:A2700', rows));
    expect(err.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.syncs[0].requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(JSON.stringify(rows).length).toBeLessThan(PAYLOAD_LIMIT);
  });
});
