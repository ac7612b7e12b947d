/** bootOffice: outside Office (no office.js, or office.js with host null) and inside Excel. */
import { FakeExcel } from '../fakes/excel';
import { bootOffice, OfficeHost, HostError } from '../../src/hosts/office';

const g = globalThis as { Office?: unknown; Excel?: unknown };

afterEach(() => {
  delete g.Office;
  delete g.Excel;
  jest.useRealTimers();
});

function officeStub(
  info: { host: string | null; platform: string | null },
  context: Record<string, unknown> = {},
): unknown {
  return { onReady: () => Promise.resolve(info), context };
}

test('without office.js (Office undefined): not in Office, browser language or es-MX', async () => {
  const env = await bootOffice();
  expect(env.inOffice).toBe(false);
  expect(env.host).toBeUndefined();
  const expected = typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'es-MX';
  expect(env.displayLanguage).toBe(expected);
});

test('office.js loaded outside Office (onReady gives host null): not in Office, telemetry frame switched off', async () => {
  g.Office = officeStub({ host: null, platform: null });
  const calls: string[] = [];
  const endpoint = { loadProxyFrame: () => void calls.push('frame'), writeLog: () => void calls.push('log') };
  (globalThis as { OSF?: unknown }).OSF = { Logger: { ulsEndpoint: endpoint } };
  try {
    const env = await bootOffice();
    expect(env).toMatchObject({ inOffice: false });
    expect(env.host).toBeUndefined();
    endpoint.loadProxyFrame();
    endpoint.writeLog();
    expect(calls).toEqual([]); // replaced by no-ops: the demo contacts nothing outside localhost
  } finally {
    delete (globalThis as { OSF?: unknown }).OSF;
  }
});

test('inside Excel: display language, theme and an Office host built on Excel.run', async () => {
  const fake = new FakeExcel({ sheets: ['Clientes'] });
  fake.seedTable({ name: 'Customers', sheet: 'Clientes', headers: ['Id'], rows: [['WMT']] });
  g.Excel = { run: fake.run };
  g.Office = officeStub(
    { host: 'Excel', platform: 'OfficeOnline' },
    {
      displayLanguage: 'en-US',
      officeTheme: {
        bodyBackgroundColor: '#262626',
        bodyForegroundColor: '#ffffff',
        controlBackgroundColor: '#333333',
        controlForegroundColor: '#eeeeee',
      },
      requirements: fake.requirements,
    },
  );
  const env = await bootOffice();
  expect(env.inOffice).toBe(true);
  expect(env.displayLanguage).toBe('en-US');
  expect(env.theme).toEqual({
    bodyBackgroundColor: '#262626',
    bodyForegroundColor: '#ffffff',
    controlBackgroundColor: '#333333',
    controlForegroundColor: '#eeeeee',
  });
  expect(env.host).toBeInstanceOf(OfficeHost);
  expect(env.host!.kind).toBe('office');
  expect(await env.host!.listTables()).toEqual([{ name: 'Customers', sheet: 'Clientes', rowCount: 1 }]);
});

test('another Office application: in Office, but no workbook host', async () => {
  g.Office = officeStub(
    { host: 'Word', platform: 'PC' },
    { displayLanguage: 'es-MX', requirements: { isSetSupported: () => true } },
  );
  const env = await bootOffice();
  expect(env).toMatchObject({ inOffice: true, displayLanguage: 'es-MX' });
  expect(env.host).toBeUndefined();
  expect(env.theme).toBeUndefined();
});

test('Office.onReady that never answers: a boot timeout in es and en', async () => {
  jest.useFakeTimers();
  g.Office = { onReady: () => new Promise(() => undefined), context: {} };
  const pending = bootOffice({ readyTimeoutMs: 15_000 }).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(15_000);
  const err = (await pending) as HostError;
  expect(err).toBeInstanceOf(HostError);
  expect(err.code).toBe('boot_timeout');
  expect(err.es).toBe('Office no terminó de iniciar en 15 s (Office.onReady). Cierre y vuelva a abrir el complemento.');
  expect(err.en).toBe('Office did not finish starting within 15 s (Office.onReady). Close and reopen the add-in.');
});
