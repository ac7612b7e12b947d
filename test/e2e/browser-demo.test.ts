/**
 * End to end in real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): the production
 * build's browser demo (dist/index.html: real office.js outside Office → in-memory workbook from the bundled
 * sample). Picks a customer, changes a rebate tier rate, checks the KPIs against computeModel on the same edited
 * model computed here in Node, writes results and checks the memory workbook's result sheets through
 * window.__ttmHost, reads the edit→paint measures (window.__ttmPerf; every edit, the first included, under 150 ms),
 * and saves test-output/e2e-pane.png.
 * Any console error, page error or request to a non-localhost URL fails the test.
 *
 * Needs a production build first: `npm run build` (npm test runs it before jest). The test refuses a missing or
 * stale dist/ rather than testing old code.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { computeModel, metricValue, type Model } from '../../src/engine';
import { loadMemoryWorkbookFromXlsx } from '../../src/hosts/memory';
import { readModel } from '../../src/workbook/contract';
import { isFormulaCell } from '../../src/workbook/port';
import { buildResultsPlan } from '../../src/workbook/results';
import { serveStatic, type StaticServer } from '../../scripts/serve-demo';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'test-output');
const SAMPLE = path.join(ROOT, 'assets', 'sample-trade-terms.xlsx');

function newestMtime(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newestMtime(path.join(p, n))));
}

/** The build must exist, be a production build (bundle-size.json), and be newer than its inputs. */
function assertFreshProductionBuild(): void {
  const built = path.join(DIST, 'bundle-size.json');
  let builtAt: number;
  try {
    statSync(path.join(DIST, 'index.html'));
    builtAt = statSync(built).mtimeMs;
  } catch {
    throw new Error('No production build in dist/: run `npm run build` before this test.');
  }
  const inputs = [
    'src/taskpane',
    'src/hosts/memory',
    'src/engine',
    'src/workbook',
    'webpack.config.js',
    'assets/sample-trade-terms.xlsx',
  ];
  const stale = inputs.filter((p) => newestMtime(path.join(ROOT, p)) > builtAt);
  if (stale.length > 0) throw new Error(`dist/ is older than ${stale.join(', ')}: run \`npm run build\` again.`);
}

const isLocal = (url: string) => {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
};

const money = new Intl.NumberFormat('es-MX', {
  style: 'currency',
  currency: 'MXN',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

let server: StaticServer;
let context: BrowserContext;
let page: Page;
let profile: string;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  assertFreshProductionBuild();
  server = await serveStatic(DIST, 0);
  profile = mkdtempSync(path.join(tmpdir(), 'ttm-chromium-'));
  // playwright-core refuses --user-data-dir in launch() args; launchPersistentContext passes the fresh profile.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 420, height: 900 }, // about a task pane's width
    locale: 'es-MX',
  });
  // Belt and braces: record and abort anything that is not localhost.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!isLocal(r.url())) foreignRequests.push(r.url());
  });
}, 120000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function kpi(id: string): Promise<{ text: string; value: number }> {
  const el = page.getByTestId(`kpi-${id}-value`);
  return {
    text: ((await el.textContent()) ?? '').replace(/\s/g, ' '),
    value: Number(await el.getAttribute('data-value')),
  };
}

test('browser demo: pick a customer, change a rebate tier, KPIs follow the engine, write results', async () => {
  // ---- expected values, computed here in Node from the same sample file
  const bytes = readFileSync(SAMPLE);
  const nodeWorkbook = await loadMemoryWorkbookFromXlsx(bytes, 'sample-trade-terms.xlsx');
  const parsed = await readModel(nodeWorkbook);
  if (!parsed.ok) throw new Error('the sample does not parse');
  const model = parsed.model;
  const term = model.terms.find((t) => t.kind === 'volume_rebate' && t.tiers.length > 1 && t.basis !== 'volume')!;
  const customerIndex = model.customers.findIndex((c) => c.id === term.customerId);
  const reached = computeModel(model).terms.find((r) => r.termId === term.id)!.measureValue;
  const tierIndex = term.tiers.reduce((at, tier, i) => (reached >= tier.from ? i : at), 0);
  const newRatePoints = Number((term.tiers[tierIndex].rate * 100 + 1.5).toFixed(6)); // e.g. 2 % → 3.5 %
  const edited: Model = {
    ...model,
    terms: model.terms.map((t) =>
      t.id !== term.id
        ? t
        : { ...t, tiers: t.tiers.map((x, i) => (i === tierIndex ? { ...x, rate: newRatePoints / 100 } : x)) },
    ),
  };
  const placement = model.settings.costToServePlacement;
  const before = computeModel(model).customers[customerIndex].totals;
  const editedResults = computeModel(edited);
  const after = editedResults.customers[customerIndex].totals;
  expect(after.netSales).toBeLessThan(before.netSales);

  // ---- the demo
  await page.goto(`${server.url}index.html?lang=es`);
  await page.locator('[data-testid=app][data-phase=ready]').waitFor({ timeout: 60000 });
  await page.getByTestId('customer-picker').selectOption(term.customerId);
  expect(await kpi('net_sales')).toEqual({ text: money.format(before.netSales), value: before.netSales });

  // A few edits to sample edit→paint, ending on the rate the expectation uses.
  const rateInput = page.getByTestId(`tier-${term.id}-${tierIndex}-rate`);
  const steps = [1, 0.5, -0.5, 0.25, 2, -0.25, 0.75, 0].map((d) => Number((newRatePoints + d).toFixed(6)));
  for (const [k, points] of steps.entries()) {
    await rateInput.fill(String(points));
    // One edit, one measure: wait for its paint before the next edit.
    await page.waitForFunction(
      (n) => (window as { __ttmPerf?: { samples: number[] } }).__ttmPerf?.samples.length === n,
      k + 1,
    );
  }
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=kpi-net_sales-value]')?.getAttribute('data-value') === want,
    String(after.netSales),
  );
  expect(await kpi('net_sales')).toEqual({ text: money.format(after.netSales), value: after.netSales });
  expect((await kpi('trade_spend_pct')).value).toBe(metricValue('trade_spend_pct', after, placement));
  expect((await kpi('gross_margin_pct')).value).toBe(metricValue('gross_margin_pct', after, placement));
  expect((await kpi('contribution_pct')).value).toBe(metricValue('contribution_pct', after, placement));
  // The edited term's card shows the engine's money for it and the formula as applied.
  const termAfter = editedResults.terms.find((r) => r.termId === term.id)!;
  expect(Number(await page.getByTestId(`term-${term.id}-amount`).getAttribute('data-value'))).toBe(termAfter.amount);
  expect(await page.getByTestId(`term-${term.id}-amount`).textContent()).toBe(money.format(termAfter.amount));
  expect(await page.getByTestId(`term-${term.id}-formula`).textContent()).toBe(
    `Fórmula aplicada: ${termAfter.formula.es}`,
  );

  // ---- write results into the in-memory workbook
  await page.getByTestId('write-results').click();
  await page.getByTestId('write-status').waitFor({ timeout: 30000 });
  const written = await page.evaluate(() => {
    const host = (
      window as unknown as {
        __ttmHost: {
          resultSheetNames(): string[];
          tables(): { name: string; role: string }[];
          table(n: string): { headers: string[]; rows: unknown[][] };
        };
      }
    ).__ttmHost;
    const tables: Record<string, { headers: string[]; rows: unknown[][] }> = {};
    for (const t of host.tables()) if (t.role === 'result') tables[t.name] = host.table(t.name);
    return { sheets: host.resultSheetNames(), tables: JSON.parse(JSON.stringify(tables)) as typeof tables };
  });
  const source = {
    name: 'sample-trade-terms.xlsx',
    fingerprint: createHash('sha256').update(bytes).digest('hex'),
    fingerprintOf: 'file' as const,
  };
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const plan = buildResultsPlan(edited, editedResults, {
    lang: 'es',
    source,
    runAt: new Date(0),
    engineVersion: version,
  });
  expect(written.sheets).toEqual(plan.sheets.map((s) => s.name));
  let cellsCompared = 0;
  for (const table of plan.sheets.flatMap((s) => s.tables)) {
    const got = written.tables[table.name];
    expect(got.headers).toEqual(table.columns.map((c) => c.header));
    expect(got.rows).toHaveLength(table.rows.length);
    table.rows.forEach((row, i) => {
      const key = got.rows[i][0];
      if (key === 'run_at') return; // the run's own time
      if (key === 'scenario_note') {
        expect(String(got.rows[i][2])).toContain(term.id);
        return;
      }
      const want: unknown = JSON.parse(JSON.stringify(row.map((c) => (isFormulaCell(c) ? c.result : c))));
      expect(got.rows[i]).toEqual(want);
      cellsCompared += row.length;
    });
  }
  expect(cellsCompared).toBeGreaterThan(1000);

  // ---- edit→paint measures, screenshot, and a clean console/network record
  const perf = await page.evaluate(() => (window as { __ttmPerf?: { last: number; samples: number[] } }).__ttmPerf!);
  expect(perf.samples).toHaveLength(steps.length);
  for (const ms of perf.samples) expect(Number.isFinite(ms) && ms > 0).toBe(true);
  mkdirSync(OUT, { recursive: true });
  const sorted = [...perf.samples].sort((a, b) => a - b);
  const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
  writeFileSync(
    path.join(OUT, 'e2e-perf.json'),
    JSON.stringify(
      {
        measure: 'ttm-edit → ttm-paint (ms)',
        samples: perf.samples,
        first: perf.samples[0],
        median,
        max: sorted[sorted.length - 1],
        lines: model.lines.n,
      },
      null,
      2,
    ) + '\n',
  );
  // Every edit, the first one included, repaints well inside a bound that holds on a loaded 2-core CI machine (the
  // target is 50 ms; quiet-machine figures are in docs/performance.md). Listed, so a failure names the slow edits.
  const EDIT_TO_PAINT_BOUND_MS = 150;
  expect(perf.samples.map((ms, k) => ({ edit: k + 1, ms })).filter((e) => !(e.ms < EDIT_TO_PAINT_BOUND_MS))).toEqual(
    [],
  );
  // A viewport as tall as the page, so the sticky Write/Reset bar is drawn at the bottom of the full-page shot.
  const fullHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 420, height: fullHeight });
  await page.screenshot({ path: path.join(OUT, 'e2e-pane.png'), fullPage: true });

  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
}, 180000);
