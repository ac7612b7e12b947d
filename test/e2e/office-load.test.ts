/**
 * End to end in real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) on the production
 * build: the add-in page (dist/taskpane.html) never shows the browser demo.
 * - Inside "Excel" (the page opened as Office opens it, with its `_host_Info` query parameter) while office.js cannot
 *   be downloaded (every request to appsforoffice.microsoft.com fails, as offline or behind a blocking proxy): the
 *   es/en message in Office's language, no pane, no sample workbook fetched.
 * - Opened in a plain browser with office.js available (Microsoft's CDN answered from the copy the demo ships): the
 *   "open it from Excel" message, whose link leads to the demo page, where the demo still runs on the sample.
 * Requests anywhere else than localhost (and the simulated CDN) fail the test; screenshots go to test-output/.
 *
 * Needs a production build first: `npm run build` (npm test runs it before jest).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import { serveStatic, type StaticServer } from '../../scripts/serve-demo';
import { CHROMIUM } from './pane-page';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'test-output');
const CDN = 'https://appsforoffice.microsoft.com/';
const CDN_FOLDER = `${CDN}lib/1/hosted/`;

/** The add-in page must be built from the current sources. */
function assertFreshBuild(): void {
  let builtAt: number;
  try {
    builtAt = statSync(path.join(DIST, 'taskpane.html')).mtimeMs;
  } catch {
    throw new Error('No build in dist/: run `npm run build` before this test.');
  }
  const inputs = [
    'src/taskpane/index.tsx',
    'src/taskpane/load-failure.ts',
    'src/taskpane/taskpane.html',
    'src/hosts/office/environment.ts',
    'webpack.config.js',
  ];
  const stale = inputs.filter((p) => statSync(path.join(ROOT, p)).mtimeMs > builtAt);
  if (stale.length) throw new Error(`dist/ is older than ${stale.join(', ')}: run \`npm run build\` again.`);
  if (!/data-ttm-page="?addin"?/.test(readFileSync(path.join(DIST, 'taskpane.html'), 'utf8'))) {
    throw new Error('dist/taskpane.html has no data-ttm-page="addin": run `npm run build` again.');
  }
}

const isLocal = (url: string): boolean => {
  const u = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(u.protocol)) return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
};

let server: StaticServer;
let context: BrowserContext;
let profile: string;
/** What the (simulated) Office CDN does: refuse every request, or answer from dist/ like Microsoft's would. */
let cdnMode: 'offline' | 'online' = 'offline';
const cdnRequests: string[] = [];
const foreignRequests: string[] = [];
const localRequests: string[] = [];

async function routeAll(route: Route): Promise<void> {
  const url = route.request().url();
  if (isLocal(url)) {
    localRequests.push(url);
    return route.continue();
  }
  if (url.startsWith(CDN)) {
    cdnRequests.push(url);
    if (cdnMode === 'offline') return route.abort('internetdisconnected');
    const file = url.startsWith(CDN_FOLDER)
      ? path.join(DIST, new URL(url).pathname.slice('/lib/1/hosted/'.length))
      : '';
    try {
      if (file && statSync(file).isFile()) {
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(file) });
      }
    } catch {
      // not in dist/: Microsoft's CDN would have it, but the pane does not need it outside Office
    }
    return route.fulfill({ status: 404, body: '' });
  }
  foreignRequests.push(url);
  return route.abort();
}

beforeAll(async () => {
  assertFreshBuild();
  server = await serveStatic(DIST, 0);
  profile = mkdtempSync(path.join(tmpdir(), 'ttm-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM,
    viewport: { width: 360, height: 640 }, // a narrow task pane
    locale: 'es-MX',
  });
  await context.route('**/*', routeAll);
  mkdirSync(OUT, { recursive: true });
}, 120000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

beforeEach(() => {
  cdnRequests.length = 0;
  foreignRequests.length = 0;
  localRequests.length = 0;
});

/** Opens a page and records its page errors (console errors about the refused office.js are expected). */
async function open(url: string): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  return { page, pageErrors };
}

const sampleOrWorkbookRequests = (): string[] =>
  localRequests.filter((u) => /sample-trade-terms\.xlsx|exceljs|xlsx-table/i.test(u));

test('inside "Excel" with office.js unreachable: the message in Office\'s language, never the demo', async () => {
  cdnMode = 'offline';
  for (const [locale, title, retry] of [
    ['en-US', 'Office could not be loaded (office.js)', 'Retry'],
    ['es-MX', 'No se pudo cargar Office (office.js)', 'Reintentar'],
  ] as const) {
    cdnRequests.length = 0;
    localRequests.length = 0;
    const { page, pageErrors } = await open(
      `${server.url}taskpane.html?_host_Info=Excel$Win32$16.01$${locale}$$$$0&_host_Info_Id=1`,
    );
    const alert = page.getByTestId('load-failure');
    await alert.waitFor({ timeout: 30000 });
    expect(await alert.getAttribute('data-reason')).toBe('office-js-missing');
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await alert.textContent()).toContain('appsforoffice.microsoft.com');
    expect(await page.getByTestId('load-failure-retry').textContent()).toBe(retry);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale === 'en-US' ? 'en' : 'es-MX');
    // Give a wrongly started demo time to show itself, then check it did not.
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('app').count()).toBe(0);
    expect(await page.getByTestId('demo-bar').count()).toBe(0);
    expect(sampleOrWorkbookRequests()).toEqual([]);
    expect(cdnRequests).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
    expect(pageErrors).toEqual([]);
    if (locale === 'es-MX') await page.screenshot({ path: path.join(OUT, 'e2e-office-load-failure.png') });
    await page.close();
  }
  expect(foreignRequests).toEqual([]);
}, 120000);

test('opened outside Excel with office.js: "open it from Excel", and its link opens the working demo', async () => {
  cdnMode = 'online';
  const { page, pageErrors } = await open(`${server.url}taskpane.html`);
  const alert = page.getByTestId('load-failure');
  await alert.waitFor({ timeout: 30000 });
  expect(await alert.getAttribute('data-reason')).toBe('no-office-host');
  expect(await page.locator('h1').textContent()).toBe('Este panel se abre desde Excel'); // the browser's es-MX
  expect(cdnRequests[0]).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js'); // office.js did load
  await page.waitForTimeout(1000);
  expect(await page.getByTestId('app').count()).toBe(0);
  expect(sampleOrWorkbookRequests()).toEqual([]);
  await page.screenshot({ path: path.join(OUT, 'e2e-office-load-no-host.png') });

  // The demo page, from the message's link: the pane runs on the bundled sample, with its demo bar.
  await page.getByTestId('load-failure-demo').click();
  await page.waitForURL(/\/index\.html$/);
  await page.locator('[data-testid=app][data-phase=ready]').waitFor({ timeout: 60000 });
  expect(await page.getByTestId('demo-bar').count()).toBe(1);
  expect(await page.getByTestId('load-failure').count()).toBe(0);
  expect(sampleOrWorkbookRequests().some((u) => u.endsWith('assets/sample-trade-terms.xlsx'))).toBe(true);
  expect(pageErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
  await page.close();
}, 120000);
