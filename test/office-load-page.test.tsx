/** @jest-environment jsdom */
/**
 * The add-in page never runs the browser demo (src/taskpane/load-failure.ts, index.tsx): in jsdom, the real boot
 * (index.tsx) on taskpane.html's markup, with office.js missing or without an Office host, shows the es/en message
 * and never opens the sample; on the demo page's markup the demo still starts. Plus the pieces: page kind, Office's
 * locale from the host info Office hands the page, and bootOffice telling "office.js missing" from "no host".
 * The same in real Chromium on the built pages: test/e2e/office-load.test.ts.
 */
import { waitFor } from '@testing-library/dom';
import { bootOffice } from '../src/hosts/office/environment';
import {
  LOAD_FAILURE_TEXTS,
  failureLanguage,
  hostLocale,
  pageKind,
  showLoadFailure,
} from '../src/taskpane/load-failure';

const loadBundledSample = jest.fn(() => new Promise<never>(() => undefined));
jest.mock('../src/taskpane/demo', () => ({
  ...jest.requireActual<object>('../src/taskpane/demo'),
  loadBundledSample: () => loadBundledSample(),
}));

const g = globalThis as { Office?: unknown };

function setPage(page: string | null, search = ''): HTMLElement {
  document.documentElement.lang = 'es-MX';
  if (page === null) delete document.documentElement.dataset.ttmPage;
  else document.documentElement.dataset.ttmPage = page;
  document.body.innerHTML = '<div id="root"></div>';
  window.history.replaceState(null, '', `/taskpane.html${search}`);
  return document.getElementById('root')!;
}

function setLanguages(languages: string[]): void {
  Object.defineProperty(window.navigator, 'languages', { value: languages, configurable: true });
  Object.defineProperty(window.navigator, 'language', { value: languages[0], configurable: true });
}

afterEach(() => {
  delete g.Office;
  window.name = '';
  window.sessionStorage.clear();
  loadBundledSample.mockClear();
  setLanguages(['en-US']);
});

async function boot(): Promise<void> {
  await jest.isolateModulesAsync(async () => {
    await import('../src/taskpane/index');
  });
}

test('the page kind comes from <html data-ttm-page>; anything but "demo" is the add-in page', () => {
  setPage('demo');
  expect(pageKind(document)).toBe('demo');
  setPage('addin');
  expect(pageKind(document)).toBe('addin');
  setPage(null);
  expect(pageKind(document)).toBe('addin');
  setPage('Demo');
  expect(pageKind(document)).toBe('addin');
});

test("Office's locale from the host info, as office.js reads it: query, then window.name, then sessionStorage", () => {
  setPage('addin', '?_host_Info=Excel$Win32$16.01$en-GB$$$$0');
  expect(hostLocale(window)).toBe('en-GB');
  setPage('addin', `?_host_Info=${encodeURIComponent('Excel|Mac|16.00|es-MX|||')}`);
  expect(hostLocale(window)).toBe('es-MX');
  setPage('addin');
  expect(hostLocale(window)).toBeNull();
  window.name = JSON.stringify({ hostInfo: 'Excel$Web$16.00$en-US$$$$0' });
  expect(hostLocale(window)).toBe('en-US');
  window.name = 'not json';
  window.sessionStorage.setItem('hostInfoValue', 'Excel$Win32$16.01$es-ES$$$$0');
  expect(hostLocale(window)).toBe('es-ES');
  window.sessionStorage.setItem('hostInfoValue', 'Excel$Win32$16.01$<script>$$$$0');
  expect(hostLocale(window)).toBeNull();
});

test("the message's language: Office's when the host info names it, else the browser's; English for en-*", () => {
  setLanguages(['es-MX', 'en-US']);
  setPage('addin', '?_host_Info=Excel$Win32$16.01$en-US$$$$0');
  expect(failureLanguage(window)).toBe('en');
  setLanguages(['en-US']);
  setPage('addin', '?_host_Info=Excel$Win32$16.01$es-MX$$$$0');
  expect(failureLanguage(window)).toBe('es');
  setPage('addin');
  expect(failureLanguage(window)).toBe('en');
  setLanguages(['fr-FR']);
  expect(failureLanguage(window)).toBe('es');
  setLanguages(['en-AU']);
  expect(failureLanguage(window)).toBe('en');
});

test('bootOffice tells office.js missing from office.js without an Office host', async () => {
  expect(await bootOffice()).toMatchObject({ inOffice: false, officeJsLoaded: false });
  g.Office = { onReady: () => Promise.resolve({ host: null, platform: null }), context: {} };
  expect(await bootOffice()).toMatchObject({ inOffice: false, officeJsLoaded: true });
  g.Office = {
    onReady: () => Promise.resolve({ host: 'Word', platform: 'PC' }),
    context: { displayLanguage: 'en-US' },
  };
  expect(await bootOffice()).toMatchObject({ inOffice: true, officeJsLoaded: true });
});

test('the message: an alert with a title, what happened and what to do, in Spanish or English', () => {
  const root = setPage('addin');
  showLoadFailure(root, 'office-js-missing', 'es');
  const alert = root.querySelector('[role=alert]')!;
  expect(alert).toHaveAttribute('data-testid', 'load-failure');
  expect(alert).toHaveAttribute('data-reason', 'office-js-missing');
  expect(alert.querySelector('h1')).toHaveTextContent('No se pudo cargar Office (office.js)');
  expect(alert).toHaveTextContent(/appsforoffice\.microsoft\.com/);
  expect(alert.querySelector('button')).toHaveTextContent('Reintentar');
  expect(document.documentElement.lang).toBe('es-MX');
  expect(document.title).toBe('No se pudo cargar Office (office.js) · Trade Terms Modeller');

  showLoadFailure(root, 'no-office-host', 'en');
  expect(root.querySelectorAll('[role=alert]')).toHaveLength(1);
  expect(root.querySelector('h1')).toHaveTextContent(LOAD_FAILURE_TEXTS.en['no-office-host'].title);
  expect(root.querySelector('a')).toHaveAttribute('href', 'index.html');
  expect(root.querySelector('a')).toHaveTextContent('Open the demo');
  expect(document.documentElement.lang).toBe('en');
  for (const lang of ['es', 'en'] as const) {
    for (const reason of ['office-js-missing', 'no-office-host'] as const) {
      const t = LOAD_FAILURE_TEXTS[lang][reason];
      expect(t.title && t.body && t.action).toBeTruthy();
    }
  }
});

test('boot on the add-in page, office.js failed to load inside "Excel": the message, never the demo', async () => {
  setLanguages(['es-MX']);
  const root = setPage('addin', '?_host_Info=Excel$Win32$16.01$en-US$$$$0&_host_Info_2=x');
  await boot();
  await waitFor(() => expect(root.querySelector('[data-testid=load-failure]')).not.toBeNull());
  const alert = root.querySelector('[data-testid=load-failure]')!;
  expect(alert).toHaveAttribute('data-reason', 'office-js-missing');
  expect(alert.querySelector('h1')).toHaveTextContent('Office could not be loaded (office.js)'); // Office's en-US
  expect(root.querySelector('[data-testid=app]')).toBeNull();
  expect(loadBundledSample).not.toHaveBeenCalled();
});

test('boot on the add-in page with office.js but no Office host (opened in a browser): the message, no demo', async () => {
  setLanguages(['es-MX']);
  g.Office = { onReady: () => Promise.resolve({ host: null, platform: null }), context: {} };
  const root = setPage('addin');
  await boot();
  await waitFor(() => expect(root.querySelector('[data-testid=load-failure]')).not.toBeNull());
  expect(root.querySelector('[data-testid=load-failure]')).toHaveAttribute('data-reason', 'no-office-host');
  expect(root.querySelector('h1')).toHaveTextContent('Este panel se abre desde Excel');
  expect(loadBundledSample).not.toHaveBeenCalled();
});

test('boot on the demo page without Office: the demo opens the bundled sample', async () => {
  g.Office = { onReady: () => Promise.resolve({ host: null, platform: null }), context: {} };
  const root = setPage('demo');
  await boot();
  await waitFor(() => expect(loadBundledSample).toHaveBeenCalledTimes(1));
  expect(root.querySelector('[data-testid=load-failure]')).toBeNull();
});
