/**
 * The fake Excel must not lie: each test pins one Excel semantic the office host relies on.
 */
import { FakeExcel, FakeOfficeError, PAYLOAD_LIMIT, toSerial } from '../fakes/excel';
import type { FakeRequestContext } from '../fakes/excel';

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

function seeded(): FakeExcel {
  const fake = new FakeExcel({ sheets: ['Clientes'] });
  fake.seedTable({
    name: 'Customers',
    sheet: 'Clientes',
    headerRow: 2,
    firstColumn: 2,
    headers: ['Id', 'Nombre', 'Días'],
    rows: [
      ['WMT', 'Walmart de México', 60],
      ['OXXO', 'OXXO', 30],
    ],
  });
  return fake;
}

describe('load before read', () => {
  test('reading an unloaded property throws PropertyNotLoaded with Office text and debugInfo', async () => {
    const fake = seeded();
    const err = await failure(
      run(fake, async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('Clientes').getRange('B2:D4');
        await ctx.sync();
        return r.values; // never loaded
      }),
    );
    expect(err.code).toBe('PropertyNotLoaded');
    expect(err.message).toBe(
      "The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
    );
    expect(err.debugInfo).toMatchObject({ code: 'PropertyNotLoaded', errorLocation: 'Range.values' });
  });

  test('a load is readable only after the sync', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Clientes').getRange('B2:D4').load('values, address, rowCount');
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.address).toBe('Clientes!B2:D4');
      expect(r.rowCount).toBe(3);
      expect(r.values).toEqual([
        ['Id', 'Nombre', 'Días'],
        ['WMT', 'Walmart de México', 60],
        ['OXXO', 'OXXO', 30],
      ]);
    });
  });

  test('loaded values are a snapshot: a later write is not seen until loaded again', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Clientes');
      const a = sheet.getRange('D3').load('values');
      await ctx.sync();
      sheet.getRange('D3').values = [[90]];
      await ctx.sync();
      expect(a.values).toEqual([[60]]);
      a.load('values');
      await ctx.sync();
      expect(a.values).toEqual([[90]]);
    });
  });

  test('collections expose items only after load', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(/not available/);
      const tables = ctx.workbook.tables.load('items/name, items/worksheet/name, items/rows/count');
      sheets.load('items/name');
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['Clientes']);
      expect(tables.items.map((t) => [t.name, t.worksheet.name, t.rows.count])).toEqual([['Customers', 'Clientes', 2]]);
      expect(() => tables.items[0].style).toThrow(/'style' is not available/);
    });
  });
});

describe('queued writes', () => {
  test('writes reach the document only at sync, and the proxy reads back what it was given', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Clientes').getRange('F1:G1');
      r.values = [['a', 1]];
      expect(r.values).toEqual([['a', 1]]); // Office.js keeps the assigned value on the proxy
      expect(fake.readValues('Clientes!F1:G1')).toEqual([['', '']]);
      await ctx.sync();
      expect(fake.readValues('Clientes!F1:G1')).toEqual([['a', 1]]);
    });
    expect(fake.writes).toEqual([{ sync: 1, sheet: 'Clientes', target: 'F1:G1', op: 'values' }]);
  });

  test('Excel.run sends what is still queued in one final sync', async () => {
    const fake = seeded();
    await run(fake, (ctx) => {
      ctx.workbook.worksheets.getItem('Clientes').getRange('A1').values = [['x']];
      return Promise.resolve();
    });
    expect(fake.syncCount).toBe(1);
    expect(fake.readValues('Clientes!A1')).toEqual([['x']]);
  });

  test('a failing action stops the batch; earlier actions stay applied (no rollback)', async () => {
    const fake = seeded();
    const err = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem('Clientes').getRange('A1').values = [['before']];
        ctx.workbook.worksheets.getItem('Nope').getRange('A1').values = [['never']];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
    expect(err.debugInfo.errorLocation).toBe('WorksheetCollection.getItem');
    expect(fake.readValues('Clientes!A1')).toEqual([['before']]);
    expect(fake.syncs[0].error).toBe('ItemNotFound');
  });

  test('strings are parsed like typing: numbers and ISO months convert, an apostrophe keeps text', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Clientes').getRange('F1:F5').values = [
        ['0750'],
        ['2026-01'],
        ["'2026-01"],
        ['12%'],
        ['=SUM(D3:D4)'],
      ];
      await ctx.sync();
    });
    // 2026-01-01 is serial 46023 (days since 1899-12-30).
    expect(toSerial(new Date(Date.UTC(2026, 0, 1)))).toBe(46023);
    expect(fake.readValues('Clientes!F1:F4')).toEqual([[750], [46023], ['2026-01'], [0.12]]);
    expect(fake.readFormulas('Clientes!F5')).toEqual([['=SUM(D3:D4)']]);
    expect(fake.readValues('Clientes!F5')).toEqual([['']]); // the fake does not calculate
  });

  test('a single value is copied to the whole range; mismatched arrays are InvalidArgument', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Clientes');
      s.getRange('F1:G2').numberFormat = [['0.00%']];
      s.getRange('H1:H2').values = 'x' as unknown as unknown[][];
      await ctx.sync();
    });
    expect(fake.readNumberFormats('Clientes!F1:G2')).toEqual([
      ['0.00%', '0.00%'],
      ['0.00%', '0.00%'],
    ]);
    expect(fake.readValues('Clientes!H1:H2')).toEqual([['x'], ['x']]);
    const err = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem('Clientes').getRange('F1:G2').values = [[1, 2, 3]];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('InvalidArgument');
    expect(err.debugInfo.errorLocation).toBe('Range.values');
  });

  test('bad addresses and unbounded updates are InvalidArgument', async () => {
    const fake = seeded();
    for (const address of ['A0', 'ZZZZ1', 'A1:', 'A1048577']) {
      const err = await failure(
        run(fake, async (ctx) => {
          ctx.workbook.worksheets.getItem('Clientes').getRange(address).load('values');
          await ctx.sync();
        }),
      );
      expect(err.code).toBe('InvalidArgument');
    }
    const err = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem('Clientes').getRange('A:B').numberFormat = [['0']];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });

  test('non-finite numbers are refused (JSON would silently send null)', async () => {
    const fake = seeded();
    const err = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem('Clientes').getRange('A1').values = [[NaN]];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });
});

describe('null objects', () => {
  test('getItemOrNullObject: isNullObject after sync; children of a null object load without error', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      const missing = ctx.workbook.tables.getItemOrNullObject('Products').load('name');
      const found = ctx.workbook.tables.getItemOrNullObject('customers').load('name');
      const missingSheet = missing.worksheet.load('name');
      const missingBody = missing.getDataBodyRange().load('values');
      expect(() => missing.isNullObject).toThrow(/not available/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(missingSheet.isNullObject).toBe(true);
      expect(missingBody.values).toBeUndefined(); // Office.js returns undefined for a null object's properties
      expect(found.isNullObject).toBe(false);
      expect(found.name).toBe('Customers'); // table names are case-insensitive
    });
  });

  test('acting on a null object fails with ItemNotFound', async () => {
    const fake = seeded();
    const err = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject('Nope').getRange('A1').values = [[1]];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
  });
});

describe('sheets, tables, names', () => {
  test('duplicate sheet names are ItemAlreadyExists (case-insensitive); invalid ones InvalidArgument', async () => {
    const fake = seeded();
    expect(
      (await failure(run(fake, async (ctx) => void (ctx.workbook.worksheets.add('clientes'), await ctx.sync())))).code,
    ).toBe('ItemAlreadyExists');
    expect(
      (await failure(run(fake, async (ctx) => void (ctx.workbook.worksheets.add('a/b'), await ctx.sync())))).code,
    ).toBe('InvalidArgument');
    expect(
      (await failure(run(fake, async (ctx) => void (ctx.workbook.worksheets.add('x'.repeat(32)), await ctx.sync()))))
        .code,
    ).toBe('InvalidArgument');
  });

  test('tables.add makes headers unique text, keeps one body row, and names must be free and valid', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      const s = ctx.workbook.worksheets.add('R');
      s.getRange('A1:C1').values = [['Monto', 'Monto', '']];
      const t = s.tables.add('A1:C1', true);
      t.name = 'ttm_Test';
      await ctx.sync();
    });
    expect(fake.table('ttm_Test')).toMatchObject({
      sheet: 'R',
      address: 'R!A1:C2',
      headers: ['Monto', 'Monto2', 'Column3'],
      rows: [['', '', '']],
    });
    for (const name of ['customers', 'A1', 'has space', '1abc']) {
      const err = await failure(
        run(fake, async (ctx) => {
          const s = ctx.workbook.worksheets.getItem('R');
          s.getRange('E1').values = [['h']];
          s.tables.add('E1:E2', true).name = name;
          await ctx.sync();
        }),
      );
      expect(err.code).toBe('InvalidArgument');
    }
    const overlap = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem('R').tables.add('B2:D3', true);
        await ctx.sync();
      }),
    );
    expect(overlap.code).toBe('InvalidArgument');
  });

  test('rows.add appends rows and pushes cells below the table down', async () => {
    const fake = seeded();
    fake.seedCells('Clientes', 'B6', [['nota']]);
    await run(fake, async (ctx) => {
      ctx.workbook.tables.getItem('Customers').rows.add(undefined, [['SOR', 'Soriana', 45]]);
      await ctx.sync();
    });
    expect(fake.table('Customers').rows).toEqual([
      ['WMT', 'Walmart de México', 60],
      ['OXXO', 'OXXO', 30],
      ['SOR', 'Soriana', 45],
    ]);
    // The body grows into row 5; the blank row 5 and the note in row 6 move down one row.
    expect(fake.readValues('Clientes!B5:B7')).toEqual([['SOR'], [''], ['nota']]);
  });

  test('deleting a sheet removes its tables; the last visible sheet cannot be deleted', async () => {
    const fake = seeded();
    fake.addSheet('Otra');
    await run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Clientes').delete();
      await ctx.sync();
    });
    expect(fake.sheetNames()).toEqual(['Otra']);
    expect(fake.tableNames()).toEqual([]);
    const err = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem('Otra').delete();
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('InvalidOperation');
  });

  test('names.add and getItemOrNullObject', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      ctx.workbook.names.add('TasaCapital', ctx.workbook.worksheets.getItem('Clientes').getRange('D3'));
      const n = ctx.workbook.names.getItemOrNullObject('tasacapital').load('formula');
      await ctx.sync();
      expect(n.isNullObject).toBe(false);
      expect(n.formula).toBe('=Clientes!$D$3');
    });
  });
});

describe('payload limits and counters', () => {
  test('request bytes are the JSON length of values/formulas/numberFormat writes', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Clientes');
      s.getRange('F1:G2').values = [
        [1, 2],
        [3, 4],
      ]; // '[[1,2],[3,4]]' = 13 bytes
      s.getRange('F3').numberFormat = [['0.0%']]; // '[["0.0%"]]' = 10 bytes
      await ctx.sync();
    });
    expect(fake.syncs[0]).toMatchObject({ index: 1, requestBytes: 23, responseBytes: 0, actions: 4 });
  });

  test('response bytes are the JSON length of what was loaded', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Clientes').getRange('D3:D4').load('values'); // '[[60],[30]]' = 11 bytes
      await ctx.sync();
    });
    expect(fake.syncs[0].responseBytes).toBe(11);
  });

  test('a request over 5 MB is refused whole: nothing is applied', async () => {
    const fake = seeded();
    const big = Array.from({ length: 600_000 }, () => [123456789]); // 12 bytes a row ≈ 7.2 MB
    const err = await failure(
      run(fake, async (ctx) => {
        const s = ctx.workbook.worksheets.getItem('Clientes');
        s.getRange('A1').values = [['first']];
        s.getRange('K1:K600000').values = big;
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.syncs[0].requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(fake.readValues('Clientes!A1')).toEqual([['']]);
  });

  test('a response over 5 MB fails the sync and delivers nothing', async () => {
    const fake = seeded();
    fake.seedTable({
      name: 'Big',
      sheet: 'Big',
      headers: ['a'],
      rows: Array.from({ length: 500_000 }, () => ['abcdefghij']), // 14 bytes a row = 7 MB
    });
    let range: { values: unknown } | undefined;
    const err = await failure(
      run(fake, async (ctx) => {
        range = ctx.workbook.tables.getItem('Big').getDataBodyRange().load('values');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ResponsePayloadSizeLimitExceeded');
    expect(() => range!.values).toThrow(/not available/);
  });

  test('requirement sets: isSetSupported and ApiNotFound for newer APIs', async () => {
    const fake = new FakeExcel({ apiVersion: '1.7' });
    expect(fake.requirements.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(fake.requirements.isSetSupported('ExcelApi', '1.8')).toBe(false);
    expect(fake.requirements.isSetSupported('ExcelApi', '1.10')).toBe(false);
    expect(new FakeExcel({ apiVersion: '1.10' }).requirements.isSetSupported('ExcelApi', '1.9')).toBe(true);
    const err = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ApiNotFound');
    expect(err.debugInfo.errorLocation).toBe('Application.suspendScreenUpdatingUntilNextSync');
  });

  test('a hung sync never settles', async () => {
    const fake = seeded();
    fake.hangNextSync();
    let settled = false;
    void run(fake, async (ctx) => {
      await ctx.sync();
    }).finally(() => {
      settled = true;
    });
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    expect(fake.syncCount).toBe(1);
  });
});

describe('charts and layout', () => {
  test('charts.add derives one series per value column; Waterfall needs ExcelApi 1.9', async () => {
    const fake = seeded();
    fake.seedCells('Clientes', 'F1', [
      ['Concepto', 'Base', 'Sube'],
      ['Lista', 0, 100],
      ['Desc.', 90, 10],
    ]);
    await run(fake, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Clientes');
      const c = s.charts.add('ColumnStacked', s.getRange('F1:H3'), 'Columns');
      c.title.text = 'Cascada';
      c.series.getItemAt(0).format.fill.clear();
      c.setPosition('J1', 'Q18');
      await ctx.sync();
    });
    const [chart] = fake.charts('Clientes');
    expect(chart).toMatchObject({
      chartType: 'ColumnStacked',
      title: 'Cascada',
      position: { start: 'J1', end: 'Q18' },
    });
    expect(chart.series.map((s) => [s.name, s.fill])).toEqual([
      ['Base', 'none'],
      ['Sube', 'automatic'],
    ]);
    const old = new FakeExcel({ apiVersion: '1.8', sheets: ['S'] });
    old.seedCells('S', 'A1', [
      ['c', 'v'],
      ['a', 1],
    ]);
    const err = await failure(
      run(old, async (ctx) => {
        const s = ctx.workbook.worksheets.getItem('S');
        s.charts.add('Waterfall', s.getRange('A1:B2'), 'Columns');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ApiNotFound');
  });

  test('freeze panes, autofit, widths and bold are recorded', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Clientes');
      s.freezePanes.freezeRows(2);
      s.getRange('B2:D4').format.autofitColumns();
      s.getRange('C1').format.columnWidth = 120;
      s.getRange('B4:D4').format.font.bold = true;
      const font = s.getRange('B4:D4').format.font.load('bold');
      const mixed = s.getRange('B3:D4').format.font.load('bold');
      await ctx.sync();
      expect(font.bold).toBe(true);
      expect(mixed.bold).toBeNull(); // Office returns null when cells differ
    });
    expect(fake.frozenRows('Clientes')).toBe(2);
    expect(fake.autofitted('Clientes')).toEqual(['B2:D4']);
    expect(fake.columnWidth('Clientes', 2)).toBe(120);
    expect(fake.isBold('Clientes!C4')).toBe(true);
    expect(fake.isBold('Clientes!C3')).toBe(false);
  });

  test('select activates the range sheet and records the selection', async () => {
    const fake = seeded();
    fake.addSheet('Otra');
    await run(fake, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Otra');
      s.activate();
      s.getRange('C7').select();
      await ctx.sync();
    });
    expect(fake.activeSheet).toBe('Otra');
    expect(fake.selection).toEqual({ sheet: 'Otra', address: 'C7' });
  });
});
