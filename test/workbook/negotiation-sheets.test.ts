/**
 * The negotiation's result sheets on a hand-checked model. WMT: 24,000 u × $10 = 240,000 gross sales, COGS 96,000,
 * rebate R 3 % off invoice (7,200), the retailer's front margin 20 %. Proposal P: R at 5 % (the maker gives 4,800,
 * the retailer gets 4,800); counter-proposal C: R at 8 % and +10 % volume.
 */
import { computeModel, type Model, type Scenario } from '../../src/engine';
import type { ResultSheet, ResultTable } from '../../src/workbook/port';
import { buildResultsPlan } from '../../src/workbook/results';
import { cellsOf, internalFigures, letterScenario, MIN_PRINT_SCALE } from '../../src/workbook/results/summary-sheets';
import { negotiation } from '../../src/engine';
import { buildModel, customer, product, term } from '../engine/build';

const MONTHS = Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`);
const P: Scenario = {
  id: 'P',
  customerId: 'WMT',
  name: 'Anual',
  kind: 'proposal',
  status: 'sent',
  author: 'Ana',
  date: '2026-10-15',
  changes: [{ target: 'term', id: 'R', field: 'rate', value: 0.05 }],
};
const C: Scenario = {
  id: 'C',
  customerId: 'WMT',
  name: 'Contra',
  kind: 'counter_proposal',
  changes: [
    { target: 'term', id: 'R', field: 'rate', value: 0.08 },
    { target: 'volume', scope: { kind: 'all', values: [] }, changePct: 0.1 },
  ],
};

function model(): Model {
  const m = buildModel({
    customers: [customer({ id: 'WMT', name: 'Walmart' }), customer({ id: 'SOR', name: 'Soriana' })],
    products: ['A', 'B'].map((sku) => product({ sku, cogsPerUnit: 4 })),
    lines: ['WMT', 'SOR'].flatMap((c) =>
      ['A', 'B'].flatMap((sku) => MONTHS.map((period) => ({ customer: c, sku, period, baseline: 1_000, list: 10 }))),
    ),
    terms: [term({ id: 'R', customerId: 'WMT', rate: 0.03 }), term({ id: 'S', customerId: 'SOR', rate: 0.02 })],
    settings: { minContributionPct: 0.55, maxTradeSpendPct: 0.1 },
  });
  return {
    ...m,
    retailerMargins: [{ customerId: 'WMT', scope: { kind: 'all', values: [] }, frontMargin: 0.2 }],
    scenarios: [P, C],
  };
}

const m = model();
const results = computeModel(m);
const plan = (lang: 'es' | 'en', scenarioIds?: string[]) =>
  buildResultsPlan(m, results, {
    lang,
    source: { name: 'x.xlsx', fingerprint: 'ab'.repeat(32), fingerprintOf: 'file' },
    runAt: new Date('2026-11-02T10:00:00Z'),
    scenarioIds,
  });
const es = plan('es');
const sheet = (p: { sheets: ResultSheet[] }, role: string) => p.sheets.find((s) => s.role === role)!;
const table = (s: ResultSheet, name: string): ResultTable => s.tables.find((t) => t.name === name)!;
const value = (c: unknown) => (typeof c === 'object' && c !== null && 'result' in c ? c.result : c);
const row = (t: ResultTable, id: string) => t.rows.find((r) => r[0] === id)!.map(value);

test('only customers with scenarios get the negotiation sheets; names fit in 31 characters', () => {
  expect(es.sheets.map((s) => s.role)).toEqual(
    expect.arrayContaining(['scenarios', 'give_get', 'walk_away', 'summary_wmt', 'letter_wmt']),
  );
  expect(es.sheets.some((s) => s.role.endsWith('_sor'))).toBe(false);
  for (const s of es.sheets) expect(s.name.length).toBeLessThanOrEqual(31);
  expect(sheet(es, 'summary_wmt').name).toBe('TT Resumen WMT');
  expect(sheet(plan('en'), 'letter_wmt').name).toBe('TT Letter WMT');
});

test('comparison: scenarios as columns, both parties, deltas in MXN and pp as live formulas', () => {
  const t = table(sheet(es, 'scenarios'), 'ttm_Scenarios_C1');
  expect(t.columns.map((c) => c.header)).toEqual([
    'Clave de métrica',
    'Parte',
    'Métrica',
    'Base',
    'Anual',
    'Δ Anual',
    'Contra',
    'Δ Contra',
  ]);
  // contribution: base 136,800; P 132,000 (−4,800); C: 264,000 × 0.92 − 105,600 = 137,280 (+480)
  expect(row(t, 'contribution').slice(3)).toEqual([
    expect.closeTo(136_800, 6),
    expect.closeTo(132_000, 6),
    expect.closeTo(-4_800, 6),
    expect.closeTo(137_280, 6),
    expect.closeTo(480, 6),
  ]);
  const r = t.rows.findIndex((x) => x[0] === 'contribution');
  // the title takes rows 1–2 and the header row 3: data row r sits on sheet row r + 4
  const delta = t.rows[r][5] as { formula: string; result: number };
  expect(delta.formula).toBe(`=E${r + 4}-D${r + 4}`);
  expect(delta.result).toBeCloseTo(-4_800, 6);
  // trade spend %: 3 % → 5 %: +2.00 pp, written as 2 with a pp format
  const pct = t.rows.findIndex((x) => x[0] === 'trade_spend_pct');
  expect(value(t.rows[pct][5])).toBeCloseTo(2, 9);
  expect(t.cellFormats![pct][5]).toBe('+0.00" pp";-0.00" pp";0.00" pp"');
  // the retailer gets what the maker gives in P: +4,800 of back margin
  expect(row(t, 'retailer_total')[5]).toBeCloseTo(4_800, 6);
  expect(row(t, 'joint_value')[5]).toBeCloseTo(0, 6);
  // guardrails: C's trade spend is 8 % ≤ 10 % (+2.00 pp); contribution 1 − 0.4 ÷ 0.92 = 56.5 % ≥ 55 %
  expect(row(t, 'guardrail.max_trade_spend_pct')).toEqual([
    'guardrail.max_trade_spend_pct',
    'Fabricante',
    'Barrera: Gasto comercial (% de venta bruta) ≤ 10.0 %',
    '✔ +7.00 pp',
    '✔ +5.00 pp',
    null,
    '✔ +2.00 pp',
    null,
  ]);
  // the chart's data and its bars
  const chart = sheet(es, 'scenarios').charts!.find((c) => c.kind === 'bar')!;
  expect(chart).toMatchObject({ table: 'ttm_ScenarioChart_C1', valueColumns: ['Base', 'Anual', 'Contra'] });
  expect(sheet(es, 'scenarios').charts!.filter((c) => c.kind === 'waterfall')).toHaveLength(2);
});

test('give and get: each lever for both sides and the total as a SUM of the lines', () => {
  const t = table(sheet(es, 'give_get'), 'ttm_GiveGet');
  expect(t.title).toContain('cada palanca sola contra la base, más la interacción');
  const c = t.rows.filter((x) => x[1] === 'C').map((x) => x.map(value));
  // C alone: R 3 → 8 % = −12,000; +10 % volume at 3 %: 0.97 × 24,000 − 9,600 = 13,680; together: +480 → −1,200
  expect(c.map((x) => [x[2], x[3], x[4]])).toEqual([
    [1, 'R (bono por volumen): tasa 3.0 % → 8.0 %', expect.closeTo(-12_000, 6)],
    [2, 'Volumen +10.0 % (todos los productos)', expect.closeTo(13_680, 6)],
    [null, 'Interacción (todas juntas − suma de cada una)', expect.closeTo(-1_200, 6)],
    [null, 'Total del escenario', expect.closeTo(480, 6)],
  ]);
  const total = t.rows.find((x) => x[1] === 'C' && x[3] === 'Total del escenario')!;
  expect((total[4] as { formula: string }).formula).toMatch(/^=SUM\(E\d+:E\d+\)$/);
});

test('walk-away table: the lever, the limit, where it stops and the sentence', () => {
  const t = table(sheet(es, 'walk_away'), 'ttm_WalkAway');
  const first = t.rows[0].map(value);
  expect(first.slice(0, 4)).toEqual(['WMT', 'P', 'tasa de R', 'Contribución (% de venta neta) ≥']);
  expect(first[4]).toBe(0.55);
  expect(first[5]).toBe(0.05);
  expect(first[6]).toBe('punto encontrado');
  expect(first[7]).toBeCloseTo(1 - 0.4 / 0.45, 4);
  expect(first[11]).toBe('Puede llegar hasta 11.11 % antes de que la contribución baje de 55.0 %.');
});

test('the internal summary prints on one Letter page at ≥ 8 pt, with the sentences from the numbers', () => {
  const s = sheet(es, 'summary_wmt');
  expect(s.print).toMatchObject({ paper: 'letter', orientation: 'portrait', titleRows: '1:1' });
  expect(s.print!.scale).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
  expect(s.print!.scale).toBeLessThanOrEqual(100);
  expect(s.print!.header).toBe('Walmart (WMT) · uso interno · 2026-11-02');
  expect(s.print!.area).toMatch(/^A1:E\d+$/);
  const cells = cellsOf(s);
  expect(cells).toContain(
    'La propuesta «Anual» cuesta $5 mil (2.1 pp de venta neta) y deja la contribución en 57.9 %, sobre el mínimo de 55.0 %.',
  );
  expect(cells).toContain('Contribución (% de venta neta) ≥ 55.0 %');
});

test('the customer’s letter shows what the retailer gets and gives, and none of our figures', () => {
  const s = sheet(es, 'letter_wmt');
  const n = negotiation(m, results, 'WMT');
  const shown = letterScenario(n)!;
  expect(shown.scenario.id).toBe('P');
  const cells = cellsOf(s);
  const numbers = cells.map(value).filter((x): x is number => typeof x === 'number');
  for (const secret of internalFigures(n, shown)) {
    expect(numbers.some((x) => Math.abs(x - secret) < 1e-9 * Math.max(1, Math.abs(secret)))).toBe(false);
  }
  const text = cells
    .filter((x): x is string => typeof x === 'string')
    .join('\n')
    .toLowerCase();
  for (const word of ['contribución', 'mínimo', 'barrera', 'punto de retiro', 'utilidad', 'costo de ventas', '55'])
    expect(text).not.toContain(word);
  expect(text).toContain('lo que walmart recibe');
  expect(cells).toContain('R (bono por volumen): tasa 3.0 % → 5.0 %');
  expect(s.print!.scale).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
});

test('--scenario: only the scenarios named are computed', () => {
  const p = plan('es', ['C']);
  const t = table(sheet(p, 'scenarios'), 'ttm_Scenarios_C1');
  expect(t.columns.map((c) => c.header).slice(4)).toEqual(['Contra', 'Δ Contra']);
});
