/**
 * Bring your own workbook, end to end in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) on
 * the production build's browser demo: the KAM opens an ERP workbook (the sample's volumes, customers and terms under
 * their own tables and headers: test/fixtures/mapped-workbooks.ts, with no mapping yet) through the demo's file
 * picker. The pane says what is missing; in "Sus propias tablas" the KAM maps VolumenesBase from the ERP's sales
 * (picking the table takes the suggestions; the coverage and a preview of the rows as the model reads them are
 * shown), Clientes from the catalogue and Condiciones from the hand-typed terms, saving each (a hidden ttm_Mapeo
 * sheet in the in-memory workbook, checked through window.__ttmHost). The workbook is read again and the pane is
 * ready with the sample's customers. Then the KAM edits the volumes' mapping (no actuals) and removes the terms',
 * and the pane says Condiciones is missing again. axe-core (WCAG 2.0/2.1 A and AA) finds nothing with the editor open;
 * nothing overflows at 320 px in Spanish or English. Screenshots: test-output/e2e-mapping.png (the editor),
 * e2e-mapping-320-es.png and e2e-mapping-320-en.png.
 *
 * Any console error, page error or request to a non-localhost URL fails the test. Needs `npm run build` first.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { serveStatic, type StaticServer } from '../../scripts/serve-demo';
import { erpExport } from '../fixtures/mapped-workbooks';
import { assertFreshProductionBuild, axeViolations, findOverflow, launchDemoBrowser } from './pane-page';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'test-output');

let server: StaticServer;
let context: BrowserContext;
let page: Page;
let profile: string;
let erpFile: string;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  assertFreshProductionBuild();
  const k = await erpExport();
  k.drop('ttm_Mapeo');
  profile = mkdtempSync(path.join(tmpdir(), 'ttm-chromium-'));
  erpFile = path.join(profile, 'ventas-erp.xlsx');
  writeFileSync(erpFile, await k.bytes());
  server = await serveStatic(DIST, 0);
  ({ context, page } = await launchDemoBrowser(path.join(profile, 'chromium'), { consoleErrors, foreignRequests }));
  mkdirSync(OUT, { recursive: true });
}, 120000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens the ERP workbook in the demo (its file picker) and waits for the pane to list what is missing. */
async function openErp(lang: 'es' | 'en'): Promise<void> {
  await page.goto(`${server.url}index.html?lang=${lang}`);
  await page.locator('[data-testid=app][data-phase=ready]').waitFor({ timeout: 60000 });
  await page.setInputFiles('[data-testid=open-file]', erpFile);
  await page.locator('[data-testid=app][data-phase=invalid]').waitFor({ timeout: 60000 });
}

/** The saved mapping's rows in the demo's in-memory workbook, and whether its sheet is hidden. */
function mappingInWorkbook(): Promise<{ rows: unknown[][]; hidden: boolean | null }> {
  return page.evaluate(`(async () => {
    const host = window.__ttmHost;
    const grids = await host.readTables(['ttm_Mapeo']);
    const grid = grids.get('ttm_Mapeo');
    const sheet = host.getSheet ? host.getSheet('ttm_Mapeo') : undefined;
    return { rows: grid ? grid.rows.filter((r) => r[1] !== null) : [], hidden: sheet ? sheet.hidden : null };
  })()`);
}

async function mapTable(table: string, source: string): Promise<void> {
  await page.getByTestId(`mapping-edit-${table}`).click();
  await page.getByTestId('mapping-editor').waitFor();
  await page.getByTestId(`mapping-source-${source}`).getByRole('checkbox').check();
  await page.getByTestId('mapping-preview').waitFor({ timeout: 30000 });
}

async function save(): Promise<void> {
  await page.getByTestId('mapping-save').click();
  await page.getByTestId('mapping-editor').waitFor({ state: 'detached', timeout: 30000 });
  await page.getByTestId('mapping-saved').waitFor();
}

test('an ERP workbook mapped in the pane: created, the model reads; edited; removed', async () => {
  await openErp('es');
  const errors = await page.getByTestId('contract-error').allTextContents();
  expect(errors.join(' ')).toContain('VolumenesBase');

  await page.getByTestId('mapping-open').click();
  await page.getByTestId('mapping-tables').waitFor();
  expect(await page.getByTestId('mapping-table-BaseVolumes').textContent()).toContain('Falta (obligatoria)');
  await mapTable('BaseVolumes', 'VentasERP');
  expect(await page.getByTestId('mapping-coverage-read').textContent()).toMatch(
    /^Leídas de su tabla \(8\): ID cliente, /,
  );
  const preview = page.getByTestId('mapping-preview');
  expect(await preview.locator('caption').textContent()).toBe(
    'Vista previa: 3 de 2,904 filas, como las leerá el modelo',
  );
  // The sample's first sale: Walmart (WMX), the 600 ml bottle (BOT-001), January 2026.
  const firstColumn = await preview.locator('tbody tr td:nth-of-type(1)').allTextContents();
  expect(firstColumn.slice(0, 3)).toEqual(['WMX', 'BOT-001', '2026-01']);
  expect({ state: 'editor', violations: await axeViolations(page) }).toEqual({ state: 'editor', violations: [] });
  await page.getByTestId('mapping-section').screenshot({ path: path.join(OUT, 'e2e-mapping.png') });

  await save();
  const first = await mappingInWorkbook();
  expect(first.hidden).toBe(true);
  expect(first.rows.map((r) => r[2])).toEqual([
    'ID cliente',
    'SKU',
    'Periodo',
    'Volumen base',
    'Volumen real',
    'Precio de lista',
    'Volumen año anterior',
    'Precio de lista año anterior',
  ]);

  await mapTable('Customers', 'CatalogoClientes');
  await save();
  await mapTable('Terms', 'AcuerdosKAM');
  await save();
  await page.locator('[data-testid=app][data-phase=ready]').waitFor({ timeout: 60000 });
  const customers = await page.getByTestId('customer-picker').locator('option').allTextContents();
  expect(customers.length).toBeGreaterThan(3);
  expect(customers.some((c) => c.includes('(WMX)'))).toBe(true);
  expect((await mappingInWorkbook()).rows.filter((r) => r[1] === 'Condiciones').length).toBeGreaterThan(10);

  // Edited: the actuals no longer read.
  await page.getByTestId('mapping-edit-BaseVolumes').click();
  const actual = page.getByTestId('mapping-column-actualVolume').getByRole('combobox');
  await expect_(async () => (await actual.inputValue()) === 'column:Ctd. facturada');
  await actual.selectOption('');
  await save();
  const edited = (await mappingInWorkbook()).rows.filter((r) => r[1] === 'VolumenesBase').map((r) => r[2]);
  expect(edited).toHaveLength(7);
  expect(edited).not.toContain('Volumen real');

  // Removed: Condiciones is missing again, and the pane says so.
  await page.getByTestId('mapping-remove-Terms').click();
  await page.locator('[data-testid=app][data-phase=invalid]').waitFor({ timeout: 60000 });
  expect(await page.getByTestId('mapping-saved').textContent()).toBe(
    'Se quitó el mapeo de Condiciones; el libro se volvió a leer.',
  );
  expect((await mappingInWorkbook()).rows.filter((r) => r[1] === 'Condiciones')).toEqual([]);
  expect((await page.getByTestId('contract-error').allTextContents()).join(' ')).toContain('Condiciones');

  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
}, 240000);

test('at 320 px, in Spanish and English, the editor fits', async () => {
  await page.setViewportSize({ width: 320, height: 900 });
  for (const lang of ['es', 'en'] as const) {
    await openErp(lang);
    await page.getByTestId('mapping-open').click();
    await mapTable('BaseVolumes', 'VentasERP');
    expect({ lang, overflow: await findOverflow(page) }).toEqual({ lang, overflow: [] });
    await page.getByTestId('mapping-section').screenshot({ path: path.join(OUT, `e2e-mapping-320-${lang}.png`) });
  }
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
}, 240000);

/** Polls until `check` holds (10 s at most). */
async function expect_(check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 10000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met within 10 s');
    await page.waitForTimeout(100);
  }
}
