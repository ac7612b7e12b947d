/**
 * The committed sample (assets/sample-trade-terms.xlsx): read through the .xlsx host like the CLI does, it parses
 * with no error, holds what the brief asks for, equals what `npm run sample` generates, and lands every customer's
 * trade spend at 12–25 % of gross sales.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import { computeModel, idsOf, productMask, TERM_KINDS, windowShares, type Model } from '../../src/engine';
import { XlsxHost } from '../../src/hosts/xlsx';
import { readModel, type ContractError } from '../../src/workbook/contract';
import type { TableGrid } from '../../src/workbook/port';
import { buildSample, FICTION_NOTE, SAMPLE_PATH, writeSample } from '../../scripts/generate-sample';

let model: Model;
let warnings: ContractError[];
let grids: Map<string, TableGrid>;

beforeAll(async () => {
  const host = new XlsxHost(SAMPLE_PATH, path.join(os.tmpdir(), 'ttm-sample-never-written.xlsx'));
  const res = await readModel(host);
  if (!res.ok) throw new Error(res.errors.map((e) => e.es).join('\n'));
  model = res.model;
  warnings = res.warnings;
  grids = await host.readTables(buildSample().map((t) => t.name));
});

test('parses with zero errors and zero warnings', () => {
  expect(warnings).toEqual([]);
});

test('≥ 8 customers across every channel, with the retailers of the brief and payment days 30–90', () => {
  expect(model.customers.length).toBeGreaterThanOrEqual(8);
  const names = model.customers.map((c) => c.name).join(' | ');
  for (const n of ['Walmart de México', 'Soriana', 'Chedraui', 'OXXO', '7-Eleven', 'Amazon', 'Mercado Libre'])
    expect(names).toContain(n);
  expect(new Set(model.customers.map((c) => c.channel))).toEqual(
    new Set(['modern', 'convenience', 'ecommerce', 'wholesale']),
  );
  for (const c of model.customers) expect(c.paymentDays >= 30 && c.paymentDays <= 90).toBe(true);
});

test('≥ 40 SKUs with the four tax profiles', () => {
  expect(model.products.length).toBeGreaterThanOrEqual(40);
  const profile = (p: Model['products'][number]) => `${p.category}: IVA ${p.ivaRate}, IEPS ${p.iepsKind} ${p.iepsRate}`;
  expect(new Set(model.products.map(profile))).toEqual(
    new Set([
      'Botanas: IVA 0.16, IEPS ad_valorem 0.08',
      'Refrescos: IVA 0.16, IEPS per_litre 3.0818',
      'Bebidas saborizadas: IVA 0.16, IEPS per_litre 3.0818',
      'Jugos: IVA 0.16, IEPS none 0',
      'Básicos: IVA 0, IEPS none 0',
    ]),
  );
  for (const p of model.products.filter((x) => x.iepsKind === 'per_litre')) expect(p.litresPerUnit).toBeGreaterThan(0);
});

test('12 months of 2026; actuals within ±8 % for January–September only (plus the uplift of the events there); prior year 4–6 % lower', () => {
  expect(model.settings).toMatchObject({ fiscalYear: 2026, periodicity: 'month', currency: 'MXN' });
  expect(model.periods.map((p) => p.id)).toEqual(
    Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
  );
  const l = model.lines;
  const seen = new Set<string>();
  const off: string[] = [];
  // The closed months hold what their events did: a line's actual may exceed ±8 % by the event's uplift × its share
  // of the month in store.
  const eventUplift = new Float64Array(l.n);
  for (const p of model.promotions ?? []) {
    const shares = windowShares(model.periods, p.inStoreWindow);
    const mask = productMask(model.products, p.scope);
    for (let i = 0; i < l.n; i++) {
      if (model.customers[l.customer[i]].id !== p.customerId || (mask !== null && mask[l.product[i]] === 0)) continue;
      eventUplift[i] += (p.uplift ?? 0.25) * shares[l.period[i]];
    }
  }
  for (let i = 0; i < l.n; i++) {
    seen.add(`${l.customer[i]}|${l.product[i]}`);
    const closed = l.period[i] < 9;
    if (Number.isNaN(l.actualVolume[i]) === closed) off.push(`row ${l.sourceRow![i]}: actual present = ${!closed}`);
    // Volumes are whole cases, so rounding widens each band by a case or two.
    const actualDev = Math.abs(l.actualVolume[i] / l.baselineVolume[i] - 1);
    if (closed && actualDev > 0.08 + eventUplift[i] + 1 / l.baselineVolume[i]) {
      off.push(`row ${l.sourceRow![i]}: actual ${actualDev}`);
    }
    const growth = l.baselineVolume[i] / l.priorVolume[i] - 1;
    if (growth < 0.04 - 2 / l.priorVolume[i] || growth > 0.06 + 2 / l.priorVolume[i])
      off.push(`row ${l.sourceRow![i]}: growth ${growth}`);
    // The base list is January's (2025's price); the 2026 list (+5.5 % from February, PriceChanges) is 4–6 % above
    // the prior year's.
    const priceUp = (l.listPrice[i] * (1 + model.priceChanges![0].changePct)) / l.priorListPrice[i] - 1;
    if (priceUp < 0.0399 || priceUp > 0.0601) off.push(`row ${l.sourceRow![i]}: price ${priceUp}`);
  }
  expect(off).toEqual([]);
  expect(l.n).toBe(seen.size * 12);
});

test('terms: every kind, both tier methods, growth on the excess (price-neutral) and on the whole base, one term without agreed date', () => {
  const terms = model.terms;
  expect(new Set(terms.map((t) => t.kind))).toEqual(new Set(idsOf(TERM_KINDS)));
  expect(new Set(terms.filter((t) => t.tiers.length > 0).map((t) => t.tierMethod))).toEqual(
    new Set(['all_units', 'marginal']),
  );
  expect(terms.some((t) => t.growth?.payOn === 'excess' && t.growth.priceNeutral)).toBe(true);
  expect(terms.some((t) => t.growth?.payOn === 'whole' && t.tiers.length > 0 && t.tierMeasure === 'growth')).toBe(true);
  expect(terms.some((t) => t.condition?.measure === 'manual')).toBe(true);
  expect(terms.filter((t) => t.agreedDate === '').map((t) => t.id)).toEqual(['7ELE-03']);
  // Cascading on-invoice discounts at the wholesaler; cost-to-serve on kg, litres, % and lump sums.
  expect(terms.filter((t) => t.customerId === 'MAY' && t.kind === 'on_invoice_discount')).toHaveLength(2);
  expect(new Set(model.costToServe.map((c) => c.basis))).toEqual(
    new Set(['invoice_sales', 'fixed_amount', 'kg', 'litres']),
  );
});

test('each customer spends 12–25 % of gross sales on trade terms (on- plus off-invoice, computed by the engine)', () => {
  const results = computeModel(model);
  expect(results.customers).toHaveLength(model.customers.length);
  for (const c of results.customers) {
    const share = (c.totals.onInvoice + c.totals.offInvoice) / c.totals.grossSales;
    expect([c.customerId, share >= 0.12 && share <= 0.25]).toEqual([c.customerId, true]);
  }
});

test('the committed file holds exactly what the generator builds (and the generator is deterministic)', () => {
  const first = buildSample();
  expect(buildSample()).toEqual(first);
  for (const t of first) {
    const g = grids.get(t.name)!;
    expect({
      name: g.name,
      sheet: g.sheet,
      headerRow: g.headerRow,
      firstColumn: g.firstColumn,
      headers: g.headers,
    }).toEqual({
      name: t.name,
      sheet: t.sheet,
      headerRow: 1,
      firstColumn: 1,
      headers: t.headers,
    });
    expect(g.rows).toEqual(t.rows);
  }
});

test('writing twice gives identical bytes; the file says the company is fictional and formats its input columns', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-sample-'));
  const a = path.join(dir, 'a.xlsx');
  const b = path.join(dir, 'b.xlsx');
  await writeSample(a);
  await writeSample(b);
  expect((await fs.readFile(a)).equals(await fs.readFile(b))).toBe(true);
  expect((await fs.readFile(a)).equals(await fs.readFile(SAMPLE_PATH))).toBe(true);
  await fs.rm(dir, { recursive: true });

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE_PATH);
  const readme = wb.getWorksheet('Léeme')!;
  expect(readme.getCell('A2').value).toBe(FICTION_NOTE);
  expect(FICTION_NOTE).toBe('Botanas y Bebidas del Valle, S.A. de C.V. — empresa ficticia, datos sintéticos');
  const fmt = (sheet: string, a1: string) => wb.getWorksheet(sheet)!.getCell(a1).numFmt;
  expect(fmt('Volúmenes base', 'F2')).toBe('$#,##0.00'); // Precio de lista
  expect(fmt('Volúmenes base', 'D2')).toBe('#,##0'); // Volumen base
  expect(fmt('Clientes', 'E2')).toBe('0.0%'); // Participación CEDIS
  expect(fmt('Productos', 'H2')).toBe('$#,##0.00'); // Costo por unidad
  expect(fmt('Productos', 'I2')).toBe('0.0%'); // Tasa IVA
  expect(fmt('Condiciones', 'F2')).toBe('0.0%'); // 3 % on-invoice discount
  expect(wb.getWorksheet('Clientes')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
});

test('IEPS quotas per litre are dated data: 1.6451 from 2025, 3.0818 from 2026, for the sugary drinks', () => {
  expect((model.taxRates ?? []).map((r) => [r.kind, r.scope.values.join(), r.effectiveDate, r.rate])).toEqual([
    ['ieps_per_litre', 'Refrescos', '2025-01-01', 1.6451],
    ['ieps_per_litre', 'Bebidas saborizadas', '2025-01-01', 1.6451],
    ['ieps_per_litre', 'Refrescos', '2026-01-01', 3.0818],
    ['ieps_per_litre', 'Bebidas saborizadas', '2026-01-01', 3.0818],
  ]);
});
