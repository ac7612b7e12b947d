/**
 * End to end in real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): the production
 * build's browser demo (dist/index.html: real office.js outside Office → in-memory workbook from the bundled
 * sample).
 *
 * 1. Picks a customer, opens a term's card, changes a rebate tier rate, checks the KPIs (and their change against
 *    the workbook) against computeModel on the same edited model computed here in Node, writes results and checks
 *    the memory workbook's result sheets through window.__ttmHost, reads the edit→paint measures (window.__ttmPerf;
 *    every edit, the first included, under 150 ms), and saves test-output/e2e-pane.png. axe-core (WCAG 2.0/2.1 A and
 *    AA) finds nothing in every state it visits: loaded, edited, an edit with an invalid value, written, and the
 *    workbook's error list (a cell broken in the workbook, then Restablecer). A write's outcome and a recompute reach
 *    the polite live region.
 * 2. The same by keyboard alone (Tab, Shift+Tab, arrows, Enter, Space and typing the rate): pick a customer, open a
 *    term, edit its rate, write.
 * 3. At 320 and 400 px, in Spanish and English: no element overflows (scrollWidth > clientWidth) or leaves the
 *    viewport, loaded and with every card of a customer open; the sticky KPI strip with its changes stays in view
 *    beside the edited field; axe-core finds nothing there either; screenshots test-output/pane-<width>-<lang>.png
 *    (viewport) and -full.png.
 *
 * Any console error, page error or request to a non-localhost URL fails the test.
 *
 * Needs a production build first: `npm run build` (npm test runs it before jest). The test refuses a missing or
 * stale dist/ rather than testing old code.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { computeModel, metricValue, type Model } from '../../src/engine';
import { compactMoney } from '../../src/taskpane/format';
import { loadMemoryWorkbookFromXlsx } from '../../src/hosts/memory';
import { readModel } from '../../src/workbook/contract';
import { isFormulaCell } from '../../src/workbook/port';
import { buildResultsPlan } from '../../src/workbook/results';
import { serveStatic, type StaticServer } from '../../scripts/serve-demo';
import { openWorkbook } from '../../src/hosts/xlsx/reader';
import { zipEntries } from '../fixtures/merge-fixture';
import {
  assertFreshProductionBuild,
  axeViolations,
  findOverflow,
  politeLiveText,
  launchDemoBrowser,
} from './pane-page';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'test-output');
const SAMPLE = path.join(ROOT, 'assets', 'sample-trade-terms.xlsx');

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
  assertFreshProductionBuild(['assets/sample-trade-terms.xlsx']);
  server = await serveStatic(DIST, 0);
  profile = mkdtempSync(path.join(tmpdir(), 'ttm-chromium-'));
  ({ context, page } = await launchDemoBrowser(profile, { consoleErrors, foreignRequests }));
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

/** axe-core on the page as it is: no violation of WCAG 2.0/2.1 A or AA, listed by rule when there is one. */
async function expectNoAxeViolations(state: string): Promise<void> {
  const violations = await axeViolations(page);
  expect({ state, violations }).toEqual({ state, violations: [] });
}

/** Waits until the polite live region says something matching. */
async function waitForLive(pattern: RegExp, timeout = 15000): Promise<string> {
  await page.waitForFunction(
    ([source, flags]) =>
      new RegExp(source, flags).test(document.querySelector('[data-testid=live-polite]')?.textContent ?? ''),
    [pattern.source, pattern.flags] as const,
    { timeout },
  );
  return politeLiveText(page);
}

let model: Model;
/** The sample's tiered volume rebate on money, the tier its volume reaches and the rate the edits end on. */
let term: Model['terms'][number];
let tierIndex: number;
let newRatePoints: number;
const sampleBytes = readFileSync(SAMPLE);

beforeAll(async () => {
  const nodeWorkbook = await loadMemoryWorkbookFromXlsx(sampleBytes, 'sample-trade-terms.xlsx');
  const parsed = await readModel(nodeWorkbook);
  if (!parsed.ok) throw new Error('the sample does not parse');
  model = parsed.model;
  term = model.terms.find((t) => t.kind === 'volume_rebate' && t.tiers.length > 1 && t.basis !== 'volume')!;
  const reached = computeModel(model).terms.find((r) => r.termId === term.id)!.measureValue;
  tierIndex = term.tiers.reduce((at, tier, i) => (reached >= tier.from ? i : at), 0);
  newRatePoints = Number((term.tiers[tierIndex].rate * 100 + 1.5).toFixed(6)); // e.g. 2 % → 3.5 %
}, 60000);

test('browser demo: pick a customer, change a rebate tier, KPIs follow the engine, write results', async () => {
  // ---- expected values, computed here in Node from the same sample file
  const bytes = sampleBytes;
  const customerIndex = model.customers.findIndex((c) => c.id === term.customerId);
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
  // Long amounts are abbreviated ("$109.4 mdp"); the number behind them is the engine's.
  expect(await kpi('net_sales')).toEqual({
    text: compactMoney(before.netSales, 'es').replace(/\s/g, ' '),
    value: before.netSales,
  });
  await expectNoAxeViolations('loaded');

  // The customer has many terms: their cards start closed. Open the rebate's card.
  await page.getByTestId(`term-${term.id}-toggle`).click();
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
  // The edit→paint measures of exactly these edits (the ones below add their own).
  const perf = await page.evaluate(() => (window as { __ttmPerf?: { last: number; samples: number[] } }).__ttmPerf!);
  expect(await kpi('net_sales')).toEqual({
    text: compactMoney(after.netSales, 'es').replace(/\s/g, ' '),
    value: after.netSales,
  });
  // Its change against the workbook's own value, in the strip beside the edit.
  expect(Number(await page.getByTestId('kpi-net_sales-delta').getAttribute('data-value'))).toBeCloseTo(
    after.netSales - before.netSales,
    6,
  );
  expect((await page.getByTestId('kpi-net_sales-delta').textContent())?.replace(/\s/g, ' ')).toBe(
    compactMoney(after.netSales - before.netSales, 'es', { signed: true }).replace(/\s/g, ' '),
  );
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
  // The recompute reached the polite live region, with the KPIs that moved.
  expect(await waitForLive(/^Indicadores recalculados\. /)).toContain(`Venta neta ${money.format(after.netSales)}`);
  await expectNoAxeViolations('edited');

  // ---- an invalid value: refused on the field, writing blocked; then the valid value again
  await rateInput.fill('150');
  await page.getByTestId('edit-issues').waitFor();
  expect(await page.getByTestId('write-results').getAttribute('aria-disabled')).toBe('true');
  await expectNoAxeViolations('edit with an invalid value');
  await rateInput.fill(String(newRatePoints));
  await page.getByTestId('edit-issues').waitFor({ state: 'detached' });
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=kpi-net_sales-value]')?.getAttribute('data-value') === want,
    String(after.netSales),
  );

  // ---- write results into the in-memory workbook
  await page.getByTestId('write-results').click();
  await page.getByTestId('write-status').waitFor({ timeout: 30000 });
  // The outcome reached the polite live region; the focus stayed on the button.
  expect(await waitForLive(/Resultados escritos/)).toMatch(/Hojas: TT /);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('write-results');
  await expectNoAxeViolations('written');
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

  // ---- download a copy of the opened file with the results merged in (the same merge as `trade-terms run --into`)
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    page.getByTestId('download-results').click(),
  ]);
  expect(download.suggestedFilename()).toBe('sample-trade-terms-con-resultados.xlsx');
  const copy = readFileSync(await download.path());
  await page.getByTestId('download-status').waitFor();
  const copied = await openWorkbook(copy, 'copia');
  expect(copied.ownerMarkers().get('pnl')).toBe('TT P&L cliente');
  const userParts = zipEntries(bytes);
  const copyParts = zipEntries(copy);
  for (const [name, data] of userParts) {
    if (!/^xl\/(worksheets\/sheet\d+|tables\/table\d+|sharedStrings)\.xml$/.test(name)) continue;
    expect([name, Buffer.compare(Buffer.from(copyParts.get(name)!), Buffer.from(data))]).toEqual([name, 0]);
  }
  await expectNoAxeViolations('downloaded');

  // ---- edit→paint measures, screenshot, and a clean console/network record
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
  await page.setViewportSize({ width: 420, height: 900 });

  // ---- the workbook's error list: a rate above 100 % typed into the workbook, then Restablecer (Reset)
  await page.evaluate(() => {
    const host = (
      window as unknown as {
        __ttmHost: {
          table(n: string): { headers: string[]; headerRow: number; firstColumn: number };
          getSheet(n: string): { setCell(row: number, column: number, cell: { value: number }): void };
        };
      }
    ).__ttmHost;
    const terms = host.table('Condiciones');
    const column = terms.firstColumn + terms.headers.indexOf('Tasa o monto');
    host.getSheet('Condiciones').setCell(terms.headerRow + 1, column, { value: 1.5 });
  });
  await page.getByTestId('reset').click();
  await page.locator('[data-testid=app][data-phase=invalid]').waitFor({ timeout: 60000 });
  expect(await page.getByTestId('contract-error').count()).toBe(1);
  expect(await waitForLive(/El libro tiene 1 error/)).toContain('No se escribe nada mientras existan errores');
  // Reset kept the focus (its button stays while the workbook is read again).
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reset');
  await expectNoAxeViolations('error list');

  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
}, 240000);

/** Presses a key until the focused element is the one wanted (by test id); fails after `limit` presses. */
async function pressUntilFocused(key: string, testId: string, limit: number): Promise<number> {
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  for (let n = 0; n < limit; n++) {
    if ((await focused()) === testId) return n;
    await page.keyboard.press(key);
  }
  if ((await focused()) === testId) return limit;
  throw new Error(`${testId} not reached with ${limit} × ${key}; focus is on ${await focused()}`);
}

test('keyboard only: pick a customer, open a term, edit its rate, write; the live region tells each outcome', async () => {
  // 7-Eleven's on-invoice discount 7ELE-01: a flat rate on gross sales.
  const flat = model.terms.find((t) => t.id === '7ELE-01')!;
  const customerAt = model.customers.findIndex((c) => c.id === flat.customerId);
  const edited: Model = {
    ...model,
    terms: model.terms.map((t) => (t.id === flat.id ? { ...t, rate: 0.045 } : t)),
  };
  const after = computeModel(edited).customers[customerAt].totals;

  await page.goto(`${server.url}index.html?lang=es`);
  await page.locator('[data-testid=app][data-phase=ready]').waitFor({ timeout: 60000 });
  // From the top of the page: Tab to the customer picker, arrows to the customer (the first one is shown).
  await pressUntilFocused('Tab', 'customer-picker', 20);
  for (let i = 0; i < customerAt; i++) await page.keyboard.press('ArrowDown');
  expect(await page.getByTestId('customer-picker').inputValue()).toBe(flat.customerId);
  await page.getByTestId(`term-${flat.id}-toggle`).waitFor();
  // Tab to the term's card and open it with Enter, then Space closes and opens it again.
  await pressUntilFocused('Tab', `term-${flat.id}-toggle`, 80);
  await page.keyboard.press('Enter');
  await page.getByTestId(`term-${flat.id}-rate`).waitFor();
  await page.keyboard.press('Space');
  await page.getByTestId(`term-${flat.id}-rate`).waitFor({ state: 'detached' });
  await page.keyboard.press('Space');
  // Tab into the rate (keyboard focus selects its text) and type the new one.
  await pressUntilFocused('Tab', `term-${flat.id}-rate`, 10);
  await page.keyboard.type('4.5');
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=kpi-net_sales-value]')?.getAttribute('data-value') === want,
    String(after.netSales),
  );
  expect(await waitForLive(/^Indicadores recalculados\. /)).toContain(`Venta neta ${money.format(after.netSales)}`);
  // Shift+Tab back to the field, then Tab on to Write results (the bar at the end of the pane) and press Enter.
  await page.keyboard.press('Shift+Tab');
  await pressUntilFocused('Tab', `term-${flat.id}-rate`, 5);
  await pressUntilFocused('Tab', 'write-results', 120);
  await page.keyboard.press('Enter');
  expect(await waitForLive(/Resultados escritos/, 30000)).toMatch(/Hojas: TT /);
  expect(await page.evaluate(() => (window as unknown as { __ttmHost: { writes: number } }).__ttmHost.writes)).toBe(1);
  await expectNoAxeViolations('written by keyboard');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('write-results');
  // Closing the message by keyboard gives the focus back to Write results.
  await pressUntilFocused('Tab', 'dismiss-write', 5);
  await page.keyboard.press('Enter');
  await page.getByTestId('write-status').waitFor({ state: 'detached' });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('write-results');
  expect(consoleErrors).toEqual([]);
}, 120000);

test.each([
  [320, 'es'],
  [320, 'en'],
  [400, 'es'],
  [400, 'en'],
] as const)(
  'at %i px in %s: nothing overflows; the KPI strip and its changes stay in view beside the edit',
  async (width, lang) => {
    const height = 720;
    await page.setViewportSize({ width, height });
    await page.goto(`${server.url}index.html?lang=${lang}`);
    await page.locator('[data-testid=app][data-phase=ready]').waitFor({ timeout: 60000 });
    await page.getByTestId('customer-picker').selectOption(term.customerId);
    expect(await findOverflow(page)).toEqual([]);
    await expectNoAxeViolations(`${width} px ${lang}: loaded`);

    // Open the rebate's card, bring its reached tier's rate into view and edit it.
    await page.getByTestId(`term-${term.id}-toggle`).click();
    const rate = page.getByTestId(`tier-${term.id}-${tierIndex}-rate`);
    await rate.scrollIntoViewIfNeeded();
    await rate.fill(String(newRatePoints));
    await page.waitForFunction(() => document.querySelector('[data-testid=kpi-net_sales-delta]')?.textContent !== '±0');
    await page.getByTestId(`term-${term.id}`).evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await rate.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300); // the card's open motion and the tooltip-free repaint

    const strip = (await page.getByTestId('kpi-strip').boundingBox())!;
    const field = (await rate.boundingBox())!;
    const bar = (await page.getByTestId('action-bar').boundingBox())!;
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500); // scrolled far below the strip's place
    // The strip is in the viewport, whole; the edited field too, below the strip and above the Write/Reset bar.
    expect(strip.y).toBeGreaterThanOrEqual(0);
    expect(strip.y + strip.height).toBeLessThanOrEqual(height);
    expect(field.y).toBeGreaterThanOrEqual(strip.y + strip.height);
    expect(field.y + field.height).toBeLessThanOrEqual(bar.y);
    expect(strip.height).toBeLessThan(height / 4); // compact
    expect(await page.getByTestId('kpi-net_sales-delta').isVisible()).toBe(true);
    expect(await findOverflow(page)).toEqual([]);
    await expectNoAxeViolations(`${width} px ${lang}: edited`);
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, `pane-${width}-${lang}.png`) });

    // Every card of the customer open: still nothing overflows. Full-page shot with a viewport as tall as the page.
    const closed = page.locator('[data-testid$=-toggle][aria-expanded=false]');
    while ((await closed.count()) > 0) await closed.first().click();
    await page.waitForTimeout(400);
    expect(await findOverflow(page)).toEqual([]);
    await expectNoAxeViolations(`${width} px ${lang}: every card open`);
    const fullHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width, height: fullHeight });
    await page.screenshot({ path: path.join(OUT, `pane-${width}-${lang}-full.png`), fullPage: true });
    expect(consoleErrors).toEqual([]);
  },
  120000,
);

test('promotions: an event edit and a price change for every customer, KPIs follow the engine, fit 320 px', async () => {
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(`${server.url}index.html`);
  await page.locator('[data-testid=app][data-phase=ready]').waitFor({ timeout: 60000 });
  await page.getByTestId('customer-picker').selectOption('SOR');
  const sor = model.customers.findIndex((c) => c.id === 'SOR');
  const before = computeModel(model).customers[sor].totals;
  // An event whose uplift moves Soriana's money (periods still open), edited to 60 %.
  const withUplift = (id: string): Model => ({
    ...model,
    promotions: model.promotions!.map((p) => (p.id === id ? { ...p, uplift: 0.6 } : p)),
  });
  const event = model.promotions!.find(
    (p) =>
      p.customerId === 'SOR' &&
      Math.abs(computeModel(withUplift(p.id)).customers[sor].totals.netSales - before.netSales) > 1,
  )!;
  const edited = withUplift(event.id);
  const after = computeModel(edited).customers[sor].totals;
  const samplesBefore = await page.evaluate(() => window.__ttmPerf?.samples.length ?? 0);
  await page.getByTestId(`promo-${event.id}-toggle`).click();
  const uplift = page.getByTestId(`promo-${event.id}-uplift`);
  await uplift.scrollIntoViewIfNeeded();
  await uplift.fill('60');
  await page.waitForFunction(
    (expected) =>
      Math.abs(
        Number(document.querySelector('[data-testid=kpi-net_sales-value]')?.getAttribute('data-value')) - expected,
      ) < 1e-4,
    after.netSales,
  );
  expect((await kpi('net_sales')).value).toBeCloseTo(after.netSales, 4);

  // The price change for every customer: the whole model recomputes.
  const index = model.priceChanges!.findIndex((c) => c.customerId === '');
  const both: Model = {
    ...edited,
    priceChanges: edited.priceChanges!.map((c, i) => (i === index ? { ...c, changePct: 0.08 } : c)),
  };
  const all = computeModel(both);
  const pct = page.getByTestId(`price-change-${index}-pct`);
  await pct.scrollIntoViewIfNeeded();
  await pct.fill('8');
  await page.waitForFunction(
    (expected) =>
      Math.abs(
        Number(document.querySelector('[data-testid=kpi-gross_sales-value]')?.getAttribute('data-value')) - expected,
      ) < 1e-4,
    all.customers[sor].totals.grossSales,
  );
  expect((await kpi('net_sales')).value).toBeCloseTo(all.customers[sor].totals.netSales, 4);
  await page.waitForTimeout(200);
  const samples = await page.evaluate((from) => window.__ttmPerf!.samples.slice(from), samplesBefore);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    path.join(OUT, 'e2e-perf-levers.json'),
    JSON.stringify(
      { measure: 'ttm-edit → ttm-paint (ms)', edits: ['event uplift', 'price change for all'], samples },
      null,
      2,
    ) + '\n',
  );
  expect(samples).toHaveLength(2);
  expect(samples.filter((ms) => !(ms < 150))).toEqual([]);
  await expectNoAxeViolations('event and price change edited');

  // At 320 px, every event card open: nothing overflows, and axe still finds nothing.
  await page.setViewportSize({ width: 320, height: 720 });
  const closed = page.locator('[data-testid^=promo-][data-testid$=-toggle][aria-expanded=false]');
  while ((await closed.count()) > 0) await closed.first().click();
  await page.waitForTimeout(400);
  expect(await findOverflow(page)).toEqual([]);
  await expectNoAxeViolations('320 px: every event open');
  await page.getByTestId('promotions-section').screenshot({ path: path.join(OUT, 'pane-320-promotions.png') });
  expect(consoleErrors).toEqual([]);
}, 120000);
