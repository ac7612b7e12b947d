/** Excel's failures reach the caller with their details; a hung Excel times out with a clear es/en message. */
import { FakeExcel, FakeOfficeError } from '../fakes/excel';
import { OfficeHost, HostError } from '../../src/hosts/office';
import { fakeWithSmallInputs, hostOn, realisticPlan } from './support';

async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  jest.useRealTimers();
});

test('a hung sync times out after 30 s by default with an es/en message', async () => {
  jest.useFakeTimers();
  const fake = fakeWithSmallInputs();
  fake.hangNextSync();
  const pending = rejection(hostOn(fake).listTables());
  await jest.advanceTimersByTimeAsync(29_999);
  let settled = false;
  void pending.then(() => (settled = true));
  await Promise.resolve();
  expect(settled).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  const err = await pending;
  expect(err.code).toBe('sync_timeout');
  expect(err.es).toBe(
    'Excel no respondió en 30 s al listar las tablas (context.sync). Puede que Excel esté ocupado o que la sesión de Excel en la web se haya desconectado: espere un momento y vuelva a intentarlo; si persiste, recargue el libro.',
  );
  expect(err.en).toBe(
    'Excel did not respond within 30 s while listing the tables (context.sync). Excel may be busy or the Excel on the web session may have disconnected: wait a moment and try again; if it persists, reload the workbook.',
  );
  expect(err.message).toBe(`${err.es} / ${err.en}`);
});

test('reads time out with the configured delay; a write never races a timeout, and a second write is refused meanwhile', async () => {
  jest.useFakeTimers();
  const fake = fakeWithSmallInputs();
  const host = hostOn(fake, { syncTimeoutMs: 5_000 });
  fake.hangNextSync();
  const read = rejection(host.listTables());
  await jest.advanceTimersByTimeAsync(5_000);
  const err = await read;
  expect(err.code).toBe('sync_timeout');
  expect(err.text('es')).toContain('Excel no respondió en 5 s al listar las tablas');
  expect(err.text('en')).toContain('Excel did not respond within 5 s while listing the tables');

  // The first write sync hangs (Excel on the web still working): the write waits, it does not time out.
  fake.hangNextSync(fake.syncCount + 1);
  let settled = false;
  void host.writeResults(realisticPlan()).then(
    () => (settled = true),
    () => (settled = true),
  );
  await jest.advanceTimersByTimeAsync(120_000);
  expect(settled).toBe(false);
  const second = await rejection(host.writeResults(realisticPlan()));
  expect(second.code).toBe('write_in_progress');
  expect(second.es).toBe(
    'Ya se están escribiendo resultados en este libro. Espere a que termine esa escritura antes de iniciar otra.',
  );
  expect(second.en).toBe(
    'Results are already being written to this workbook. Wait for that write to finish before starting another.',
  );
});

test('ItemNotFound surfaces with Excel code, message and debugInfo.errorLocation', async () => {
  const fake = new FakeExcel({ sheets: ['Hoja1'] });
  const err = await rejection(hostOn(fake).selectCell('Errores', 'B4'));
  expect(err.code).toBe('excel_error');
  expect(err.excelCode).toBe('ItemNotFound');
  expect(err.errorLocation).toBe('WorksheetCollection.getItem');
  expect(err.en).toBe(
    "Excel rejected the operation while selecting the cell: ItemNotFound: The requested resource doesn't exist. [WorksheetCollection.getItem]",
  );
  expect(err.es).toBe(
    "Excel rechazó la operación al seleccionar la celda: ItemNotFound: The requested resource doesn't exist. [WorksheetCollection.getItem]",
  );
  expect(err.cause).toBeInstanceOf(FakeOfficeError);
});

test('an error thrown outside a sync (PropertyNotLoaded) is wrapped the same way', async () => {
  // A run whose batch reads a property it never loaded: the fake throws like Office; the host wraps it.
  const fake = new FakeExcel({ sheets: ['Hoja1'] });
  const sloppy: typeof Excel.run = ((batch: (ctx: Excel.RequestContext) => Promise<unknown>) =>
    fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Hoja1').getRange('A1');
      await ctx.sync();
      void r.values;
      return batch(ctx);
    })) as typeof Excel.run;
  const err = await rejection(new OfficeHost({ run: sloppy, requirements: fake.requirements }).listTables());
  expect(err.excelCode).toBe('PropertyNotLoaded');
  expect(err.errorLocation).toBe('Range.values');
});

test('errors that are not Excel errors pass through unchanged', async () => {
  const boom = new TypeError('boom');
  const failing = (() => Promise.reject(boom)) as unknown as typeof Excel.run;
  const host = new OfficeHost({ run: failing, requirements: { isSetSupported: () => true } });
  await expect(host.listTables()).rejects.toBe(boom);
});
