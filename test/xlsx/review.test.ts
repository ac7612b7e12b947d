/**
 * Review findings on how the results workbook reads and prints: wrapped headers and sentences get row heights
 * (Excel and LibreOffice do not grow rows on opening a file), sheets print landscape one page wide with the header
 * repeated, the chart sheet says the .xlsx has no charts, and accrual measures that are fractions show as %.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { computeModel } from '../../src/engine';
import { XlsxHost } from '../../src/hosts/xlsx';
import { wrappedLines } from '../../src/hosts/xlsx/sml';
import { openWorkbook } from '../../src/hosts/xlsx/reader';
import { textOf, zipEntries } from '../fixtures/merge-fixture';
import type { ResultTable, SourceInfo } from '../../src/workbook/port';
import { buildResultsPlan } from '../../src/workbook/results-layout';
import { tinyModel } from './fixture';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-xlsx-review-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const source: SourceInfo = { name: 'cuenta.xlsx', fingerprint: 'cd'.repeat(32), fingerprintOf: 'file' };
const runAt = new Date(Date.UTC(2026, 2, 1, 15, 30));

async function writeTiny(lang: 'es' | 'en'): Promise<ExcelJS.Workbook> {
  const model = tinyModel();
  const plan = buildResultsPlan(model, computeModel(model), { lang, source, runAt });
  const input = path.join(dir, 'cuenta.xlsx');
  await fs.writeFile(input, 'not read by writeResults');
  const output = path.join(dir, `out-${lang}.xlsx`);
  await new XlsxHost(input, output).writeResults(plan);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(output);
  return wb;
}

test('wrappedLines counts word-wrapped lines in a column of a given width', () => {
  // Width 12 leaves 11 characters per line: "Gasto comercial % de venta bruta" → "Gasto" + "comercial %" + "de venta" + "bruta"?
  // Greedy: "Gasto" (5) + " comercial" = 15 > 11 → line 2 "comercial %" (11) → line 3 "de venta" (8) + " bruta" = 14 > 11
  // → line 4 "bruta". 4 lines.
  expect(wrappedLines('Gasto comercial % de venta bruta', 12)).toBe(4);
  expect(wrappedLines('Venta bruta', 17)).toBe(1);
  // A 25-character word in a 10-wide column (9 per line) takes 3 lines.
  expect(wrappedLines('x'.repeat(25), 10)).toBe(3);
  expect(wrappedLines('', 10)).toBe(1);
});

describe('the results workbook as a user opens or prints it', () => {
  test('wrapped header rows are tall enough for their longest header', async () => {
    const wb = await writeTiny('es');
    const pnl = wb.getWorksheet('TT P&L cliente')!;
    // "Gasto comercial % de venta bruta" in its 12-wide column takes 4 lines (see above), but the longest header
    // is "Costo financiero de días de crédito (incluido en costo de servir)": 5 lines × 15 pt.
    expect(pnl.getCell('M1').value).toBe('Gasto comercial % de venta bruta');
    expect(pnl.getColumn(13).width).toBe(12);
    expect(pnl.getRow(1).height).toBe(75);
    expect(pnl.getCell('M1').alignment).toMatchObject({ wrapText: true });
    // Data rows of numbers keep the default height.
    expect(pnl.getRow(2).height).toBeUndefined();
  });

  test('long sentences (the formula applied) wrap in their column and their rows grow to show them', async () => {
    const wb = await writeTiny('es');
    const ws = wb.getWorksheet('TT Gasto por término')!;
    const header = ws.getRow(1).values as unknown[];
    const col = header.indexOf('Fórmula aplicada');
    expect(ws.getColumn(col).width).toBe(70);
    let tall = 0;
    for (let r = 2; r <= ws.rowCount; r++) {
      const text = ws.getCell(r, col).value;
      if (typeof text !== 'string') continue;
      expect(ws.getCell(r, col).alignment).toMatchObject({ wrapText: true });
      const lines = wrappedLines(text, 70);
      expect(ws.getRow(r).height).toBe(lines > 1 ? lines * 15 : undefined);
      if (lines > 1) {
        tall++;
        // Every cell of a tall row reads from the top, next to the start of its sentence.
        expect(ws.getCell(r, 2).alignment).toMatchObject({ vertical: 'top' });
      }
    }
    // OXXO-02's formula (tier reached, all units, rate × basis) is longer than 70 characters.
    expect(tall).toBeGreaterThan(0);
  });

  test('every sheet prints landscape, one page wide, with the header row repeated', async () => {
    const wb = await writeTiny('es');
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
    expect(wb.getWorksheet('TT P&L cliente')!.pageSetup.printTitlesRow).toBe('1:1');
    // The chart-data sheet has titled tables and no frozen header: nothing to repeat.
    expect(wb.getWorksheet('TT Cascada gráfica')!.pageSetup.printTitlesRow).toBeUndefined();
  });

  test('the waterfall-chart sheet carries native charts, titled in the run language; a sheet without charts has none', async () => {
    for (const lang of ['es', 'en'] as const) {
      await writeTiny(lang);
      const bytes = await fs.readFile(path.join(dir, `out-${lang}.xlsx`));
      const parts = zipEntries(bytes);
      const sheets = (await openWorkbook(bytes, 'out')).sheets;
      const relsOf = (name: string) => {
        const part = sheets.find((x) => x.name === name)!.part!;
        const rels = parts.get(part.replace(/([^/]+)$/, '_rels/$1.rels'));
        return rels ? textOf(rels) : '';
      };
      const chartSheet = lang === 'es' ? 'TT Cascada gráfica' : 'TT Waterfall chart';
      const drawing = /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(relsOf(chartSheet))?.[1];
      expect(drawing).toBeDefined();
      const charts = [...textOf(parts.get(`xl/drawings/_rels/${drawing}.rels`)!).matchAll(/charts\/(chart\d+\.xml)/g)];
      expect(charts.length).toBeGreaterThan(0);
      const chart = textOf(parts.get(`xl/charts/${charts[0][1]}`)!);
      // The waterfall: stacked columns whose first series (the base) is invisible.
      expect(chart).toContain('<c:grouping val="stacked"/>');
      expect(chart).toMatch(/<c:ser>.*?<c:spPr><a:noFill\/>/s);
      expect(chart).toContain(lang === 'es' ? 'Cascada' : 'Waterfall');
      expect(relsOf(lang === 'es' ? 'TT P&L cliente' : 'TT Customer P&L')).not.toContain('drawing');
    }
  });
});

describe('accruals: measures that are fractions are shown as %', () => {
  /**
   * The tiny model plus a growth rebate on WMT: 5 % of gross sales, paid on the whole base. Prior-year volumes are
   * 80 % of this year's (prices unchanged), so growth = 1 / 0.8 − 1 = 25 % in every month and year to date:
   * e.g. January 2,000 / 1,600 − 1 (WMT: 100 × $10 + 50 × $20 now, 80 × $10 + 40 × $20 a year ago).
   */
  function withGrowth() {
    const model = tinyModel();
    for (let i = 0; i < model.lines.n; i++) model.lines.priorVolume[i] = 0.8 * model.lines.baselineVolume[i];
    const base = model.terms.find((t) => t.id === 'WMT-02')!;
    model.terms.push({
      ...base,
      id: 'WMT-03',
      kind: 'growth_rebate',
      basis: 'gross_sales',
      rate: 0.05,
      tierMeasure: 'growth',
      growth: { payOn: 'whole', priceNeutral: false },
      tiers: [],
      agreedDate: '2026-01-15',
      evidenceRef: 'carta',
    });
    return model;
  }

  function accruals(lang: 'es' | 'en'): ResultTable {
    const model = withGrowth();
    const plan = buildResultsPlan(model, computeModel(model), { lang, source, runAt });
    return plan.sheets.find((s) => s.tables[0]?.name === 'ttm_Accruals')!.tables[0];
  }

  test('growth goes to the (%) columns with a percent format; volume stays in the quantity columns', () => {
    const t = accruals('es');
    const j = (id: string) => t.columns.findIndex((c) => c.id === id);
    expect(t.columns[j('ytd_measure_pct')]).toMatchObject({
      header: 'Medida acumulada del año (%)',
      numberFormat: '0.00%',
    });
    expect(t.columns[j('tier_measure_used_pct')]).toMatchObject({
      header: 'Medida para el escalón (%)',
      numberFormat: '0.00%',
    });
    expect(t.columns[j('ytd_measure')].numberFormat).toBe('#,##0.00');

    const growth = t.rows.filter((r) => r[j('term_id')] === 'WMT-03');
    expect(growth.length).toBeGreaterThan(0);
    for (const r of growth) {
      expect(r[j('measure')]).toBe('crecimiento');
      expect(r[j('ytd_measure')]).toBeNull();
      expect(r[j('tier_measure_used')]).toBeNull();
      expect(r[j('ytd_measure_pct')]).toBeCloseTo(0.25, 12);
      expect(r[j('tier_measure_used_pct')]).toBeCloseTo(0.25, 12);
    }
    // OXXO-02 (volume tiers), February, tier reached so far: 60 units year to date (fixture.ts), a quantity.
    const feb = t.rows.find(
      (r) => r[j('term_id')] === 'OXXO-02' && r[j('period')] === '2026-02' && r[j('policy')] === 'nivel alcanzado',
    )!;
    expect(feb[j('ytd_measure')]).toBe(60);
    expect(feb[j('ytd_measure_pct')]).toBeNull();
  });

  test('the selected-policy column names the Settings table as the workbook does (Parámetros, not "Ajustes")', () => {
    expect(accruals('es').columns.find((c) => c.id === 'policy_selected')!.header).toBe(
      'Política elegida en Parámetros',
    );
    expect(accruals('en').columns.find((c) => c.id === 'policy_selected')!.header).toBe('Policy selected in Settings');
  });

  test('English headers', () => {
    const t = accruals('en');
    expect(t.columns.map((c) => c.header)).toEqual(
      expect.arrayContaining([
        'Year-to-date measure',
        'Year-to-date measure (%)',
        'Measure used for the tier',
        'Measure used for the tier (%)',
      ]),
    );
  });
});
