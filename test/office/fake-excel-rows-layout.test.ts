/**
 * The fake Excel must not lie (continued): table rows deleted and added, the page layout, wrapped text. Each test
 * pins one Excel semantic the office host relies on.
 */
import { FakeExcel, FakeOfficeError } from '../fakes/excel';
import type { FakeRequestContext } from '../fakes/excel';

type Batch<T> = (ctx: FakeRequestContext) => Promise<T>;
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

/** A three-row table at A1 and, below it, one inside its columns (A8) and a note (A6). */
function seeded(below: { firstColumn: number } = { firstColumn: 1 }): FakeExcel {
  const fake = new FakeExcel({ sheets: ['Hoja'] });
  fake.seedTable({
    name: 'T',
    sheet: 'Hoja',
    headers: ['k', 'v'],
    rows: [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ],
  });
  fake.seedTable({ name: 'Abajo', sheet: 'Hoja', headerRow: 8, ...below, headers: ['x'], rows: [['y']] });
  fake.seedCells('Hoja', 'A6', [['nota']]);
  return fake;
}

describe('table rows', () => {
  test('TableRow.delete removes the row; the cells and tables below in its columns move up', async () => {
    const fake = seeded();
    await run(fake, async (ctx) => {
      ctx.workbook.tables.getItem('T').rows.getItemAt(1).delete();
      await ctx.sync();
    });
    expect(fake.table('T').rows).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
    expect(fake.readValues('Hoja!A5:A6')).toEqual([['nota'], ['']]);
    expect(fake.table('Abajo').address).toBe('Hoja!A7:A8');
  });

  test('the last body row is emptied, not removed: a table keeps one row', async () => {
    const fake = new FakeExcel({ sheets: ['Hoja'] });
    fake.seedTable({ name: 'T', sheet: 'Hoja', headers: ['k'], rows: [['a']] });
    await run(fake, async (ctx) => {
      ctx.workbook.tables.getItem('T').rows.getItemAt(0).delete();
      await ctx.sync();
    });
    expect(fake.table('T')).toMatchObject({ address: 'Hoja!A1:A2', rows: [['']] });
  });

  test('a table below that only partly shares the columns cannot move: InvalidOperation, nothing changes', async () => {
    const fake = seeded({ firstColumn: 2 });
    fake.seedTable({ name: 'Ancha', sheet: 'Hoja', headerRow: 10, headers: ['p', 'q', 'r'], rows: [[1, 2, 3]] });
    const e = await failure(
      run(fake, async (ctx) => {
        ctx.workbook.tables.getItem('T').rows.getItemAt(0).delete();
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('InvalidOperation');
    expect(fake.table('T').rows).toHaveLength(3);
  });

  test('rows and row deletes on a protected sheet: AccessDenied', async () => {
    const fake = seeded();
    fake.protectSheet('Hoja');
    for (const act of [
      (ctx: FakeRequestContext) => ctx.workbook.tables.getItem('T').rows.add(undefined, [['d', 4]]),
      (ctx: FakeRequestContext) => ctx.workbook.tables.getItem('T').rows.getItemAt(0).delete(),
    ]) {
      const e = await failure(
        run(fake, async (ctx) => {
          act(ctx);
          await ctx.sync();
        }),
      );
      expect(e.code).toBe('AccessDenied');
    }
    expect(fake.table('T').rows).toHaveLength(3);
  });
});

describe('page layout (ExcelApi 1.9)', () => {
  test('margins set in inches read back in points; the settings a host made are kept', async () => {
    const fake = new FakeExcel({ sheets: ['Hoja'] });
    const read = await run(fake, async (ctx) => {
      const layout = ctx.workbook.worksheets.getItem('Hoja').pageLayout;
      layout.setPrintMargins('Inches', { left: 1, top: 0.5 });
      layout.setPrintMargins('Centimeters', { right: 2.54 });
      layout.load('leftMargin, topMargin');
      await ctx.sync();
      return [layout.leftMargin, layout.topMargin];
    });
    expect(read).toEqual([72, 36]);
    expect(fake.pageLayout('Hoja').margins).toEqual({ left: 72, top: 36, right: 72 });
  });

  test('what Office.js refuses: a scale outside 10–400, title rows that are not whole rows, an older Excel', async () => {
    const fake = new FakeExcel({ sheets: ['Hoja'] });
    const bad = [
      (ctx: FakeRequestContext) => (ctx.workbook.worksheets.getItem('Hoja').pageLayout.zoom = { scale: 401 }),
      (ctx: FakeRequestContext) => ctx.workbook.worksheets.getItem('Hoja').pageLayout.setPrintTitleRows('A1:B2'),
      (ctx: FakeRequestContext) =>
        (ctx.workbook.worksheets.getItem('Hoja').pageLayout.headersFooters.defaultForAllPages.centerHeader = 'x'.repeat(
          256,
        )),
    ];
    for (const act of bad) {
      const e = await failure(
        run(fake, async (ctx) => {
          act(ctx);
          await ctx.sync();
        }),
      );
      expect(e.code).toBe('InvalidArgument');
    }
    const old = new FakeExcel({ sheets: ['Hoja'], apiVersion: '1.8' });
    const e = await failure(
      run(old, async (ctx) => {
        ctx.workbook.worksheets.getItem('Hoja').pageLayout.paperSize = 'Letter';
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('ApiNotFound');
    expect(fake.pageLayout('Hoja')).toEqual({});
  });
});

test('wrapText is per cell, last setting wins, and reads back null over a mixed range', async () => {
  const fake = new FakeExcel({ sheets: ['Hoja'] });
  const mixed = await run(fake, async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Hoja');
    ws.getRange('A1:A3').format.wrapText = true;
    ws.getRange('A2').format.wrapText = false;
    const f = ws.getRange('A1:A3').format.load('wrapText');
    await ctx.sync();
    return f.wrapText;
  });
  expect(mixed).toBeNull();
  expect(fake.isWrapped('Hoja!A1')).toBe(true);
  expect(fake.isWrapped('Hoja!A2')).toBe(false);
});
