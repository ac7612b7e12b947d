/**
 * Shared pieces of the e2e tests in headless Chromium: the browser they launch (CHROMIUM, launchDemoBrowser), the
 * checks of a fresh build and of local-only requests, element overflow, axe-core (WCAG 2.1 A/AA) and the live
 * regions' text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** One element that does not fit: its own content overflows it, or it reaches past the viewport. */
export interface Overflow {
  /** A short CSS-like path to the element (tag, test id, first class). */
  element: string;
  text: string;
  scrollWidth: number;
  clientWidth: number;
  left: number;
  right: number;
  viewport: number;
}

/**
 * Every visible element whose content is wider than its box (scrollWidth > clientWidth) or which extends beyond the
 * viewport horizontally. Visually hidden text for screen readers (1 × 1 px, clipped) is left out: it overflows by
 * design. One pixel of tolerance for subpixel layout.
 */
export function findOverflow(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const describe = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 4; e = e.parentElement) {
        const id = e.getAttribute('data-testid');
        const cls = [...e.classList].find((c) => c.startsWith('fui-'));
        parts.unshift(`${e.tagName.toLowerCase()}${id ? `[${id}]` : ''}${cls ? `.${cls}` : ''}`);
        if (id) break;
      }
      return parts.join(' > ');
    };
    const srOnly = (el: Element): boolean => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const r = e.getBoundingClientRect();
        const s = getComputedStyle(e);
        if (r.width <= 1 && r.height <= 1 && (s.overflow === 'hidden' || s.clipPath !== 'none')) return true;
      }
      return false;
    };
    const found: Overflow[] = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue; // SVG parts: the svg box counts
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered (display: none, empty)
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.position === 'fixed') continue; // tooltips' hidden portals, overlays
      if (srOnly(el)) continue;
      const tooWide = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
      const outside = r.right > viewport + 1 || r.left < -1;
      if (tooWide || outside) {
        found.push({
          element: describe(el),
          text: (el.textContent ?? '').trim().slice(0, 60),
          scrollWidth: el.scrollWidth,
          clientWidth: el.clientWidth,
          left: Math.round(r.left),
          right: Math.round(r.right),
          viewport,
        });
      }
    }
    return found;
  });
}

/** axe-core's source, injected through the DevTools protocol (the page's CSP allows no inline script). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core with the WCAG 2.0/2.1 A and AA rules on the whole page; the violations, each with its elements. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Let motion settle first: a message bar fading in has, for a moment, text too faint for its contrast to count.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  // And background work: a table still computing is dimmed (aria-busy) on purpose until its numbers are in; on a
  // loaded machine it can still be so when the check would run.
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null, undefined, {
    timeout: 30_000,
  });
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[]; html: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`),
    }));
  });
}

/** The text of the pane's polite live region (role="status"): what screen readers were last told. */
export async function politeLiveText(page: Page): Promise<string> {
  return ((await page.getByTestId('live-polite').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------- the build and the browser, shared by the e2e tests

const ROOT = path.join(__dirname, '..', '..');

function newestMtime(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newestMtime(path.join(p, n))));
}

/** The sources a production build of the pane is made from. */
const BUILD_INPUTS = [
  'src/taskpane',
  'src/hosts/memory',
  'src/hosts/xlsx',
  'src/engine',
  'src/workbook',
  'webpack.config.js',
];

/**
 * The build must exist, be a production build (bundle-size.json), and be newer than its inputs (`more` beside the
 * sources, e.g. the bundled sample): a test never runs against old code.
 */
export function assertFreshProductionBuild(more: readonly string[] = []): void {
  const dist = path.join(ROOT, 'dist');
  let builtAt: number;
  try {
    statSync(path.join(dist, 'index.html'));
    builtAt = statSync(path.join(dist, 'bundle-size.json')).mtimeMs;
  } catch {
    throw new Error('No production build in dist/: run `npm run build` before this test.');
  }
  const stale = [...BUILD_INPUTS, ...more].filter((p) => newestMtime(path.join(ROOT, p)) > builtAt);
  if (stale.length > 0) throw new Error(`dist/ is older than ${stale.join(', ')}: run \`npm run build\` again.`);
}

/** Whether a request stays on this machine (the tests fail on any other). */
export function isLocal(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

/**
 * Debian's Chromium, headless, on a fresh profile (playwright-core refuses --user-data-dir in launch() args;
 * launchPersistentContext passes the profile): the options every e2e test launches it with.
 */
export const CHROMIUM: { executablePath: string; headless: boolean; args: string[] } = {
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
};

/**
 * The demo's browser for a test: Chromium (CHROMIUM) on the fresh profile `profileDir`, about a task pane's width,
 * es-MX; every request that would leave this machine recorded in `foreignRequests` and aborted, console and page
 * errors recorded in `consoleErrors`. The caller closes the context.
 */
export async function launchDemoBrowser(
  profileDir: string,
  record: { consoleErrors: string[]; foreignRequests: string[] },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    ...CHROMIUM,
    viewport: { width: 420, height: 900 },
    locale: 'es-MX',
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    record.foreignRequests.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') record.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => record.consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!isLocal(r.url())) record.foreignRequests.push(r.url());
  });
  return { context, page };
}
