/**
 * The results plan of the hand-computed tiny model (see fixture.ts for every number used here).
 */
import { computeModel, METRIC_BY_ID, type MetricId, type Model } from '../../src/engine';
import type { ResultCell, ResultSheet, ResultTable, SourceInfo } from '../../src/workbook/port';
import {
  buildResultsPlan,
  columnLetter,
  isValidSheetName,
  placeTables,
  RESULT_SHEET_NAMES,
  type ResultsContext,
} from '../../src/workbook/results';
import { tinyModel } from './fixture';
import { recalcPlan } from './recalc';

const source: SourceInfo = { name: 'cuenta.xlsx', fingerprint: 'ab'.repeat(32), fingerprintOf: 'file' };
const runAt = new Date(Date.UTC(2026, 2, 1, 15, 30));
const ctx = (lang: 'es' | 'en'): ResultsContext => ({
  lang,
  source,
  runAt,
  scenarioNote: 'base 2026',
  engineVersion: '0.1.0',
});

function plan(lang: 'es' | 'en', model: Model = tinyModel()) {
  return buildResultsPlan(model, computeModel(model), ctx(lang));
}

function sheetOf(p: ReturnType<typeof plan>, name: string): ResultSheet {
  const s = p.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Cell of a table by column id and 0-based data row. */
function cell(t: ResultTable, row: number, id: string): ResultCell {
  const j = t.columns.findIndex((c) => c.id === id);
  if (j < 0) throw new Error(`no column ${id}`);
  return plain(t.rows[row][j]);
}

/** A formula cell as plain data (a row formula's text is built when read): what every host reads of it. */
function plain(c: ResultCell): ResultCell {
  return typeof c === 'object' && c !== null && 'formula' in c ? { formula: c.formula, result: c.result } : c;
}

/** The value a cell shows: a formula's cached result or the plain value. */
function shown(c: ResultCell): unknown {
  return typeof c === 'object' && c !== null && 'formula' in c ? c.result : c;
}

describe('buildResultsPlan (es)', () => {
  const p = plan('es');

  test('sheets, names (≤ 31 chars, valid for Excel) and table names', () => {
    expect(p.sheets.map((s) => s.name)).toEqual([
      'TT P&L cliente',
      'TT Cascada',
      'TT Cascada gráfica',
      'TT Gasto por término',
      'TT Provisiones',
      'TT Precios',
      'TT Vista del detallista',
      'TT Hallazgos',
      'TT Info corrida',
    ]);
    for (const names of Object.values(RESULT_SHEET_NAMES)) {
      expect(isValidSheetName(names.es) && isValidSheetName(names.en)).toBe(true);
    }
    expect(p.sheets.flatMap((s) => s.tables.map((t) => t.name))).toEqual([
      'ttm_CustomerPnl',
      'ttm_Waterfall',
      'ttm_Steps_Portfolio',
      'ttm_Steps_C1',
      'ttm_Steps_C2',
      'ttm_SpendByTerm',
      'ttm_Accruals',
      'ttm_Prices',
      'ttm_RetailerView',
      'ttm_Findings',
      'ttm_RunInfo',
    ]);
    expect(p.sheets.map((s) => s.freezeHeader)).toEqual([true, true, false, true, true, true, true, true, true]);
  });

  test('customer P&L: per-SKU rows, customer totals and portfolio, with live formulas and engine values', () => {
    const t = sheetOf(p, 'TT P&L cliente').tables[0];
    expect(t.columns.map((c) => c.header).slice(5, 12)).toEqual([
      'Volumen',
      'Venta bruta',
      'Descuentos en factura',
      'Venta factura',
      'Gasto fuera de factura',
      'Venta neta',
      'Gasto comercial',
    ]);
    expect(t.columns.find((c) => c.id === 'gross_sales')!.numberFormat).toBe('"$"#,##0.00');
    expect(t.columns.find((c) => c.id === 'gross_margin_pct')!.numberFormat).toBe('0.0%');
    expect(t.columns.find((c) => c.id === 'volume')!.numberFormat).toBe('#,##0');
    // Columns: F volume, G gross, H on-invoice, I invoice, J off-invoice, K net, L trade spend, M trade %, N COGS,
    // O gross profit, P GM %, Q cost-to-serve, R financing, S contribution, T contribution %. Data starts on row 2.
    expect(t.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['SKU', 'WMT', 'P1'],
      ['SKU', 'WMT', 'P2'],
      ['Total cliente', 'WMT', null],
      ['SKU', 'OXXO', 'P1'],
      ['SKU', 'OXXO', 'P2'],
      ['Total cliente', 'OXXO', null],
      ['Total portafolio', null, null],
    ]);
    expect(t.totalRows).toEqual([2, 5, 6]);

    // WMT P1 (sheet row 2): 200 u, gross 2,000, on-invoice 100 → invoice 1,900, off 38 → net 1,862, COGS 1,200.
    expect(cell(t, 0, 'gross_sales')).toBe(2000);
    expect(cell(t, 0, 'invoice_sales')).toEqual({ formula: '=G2-H2', result: 1900 });
    expect(cell(t, 0, 'net_sales')).toEqual({ formula: '=I2-J2', result: 1862 });
    expect(cell(t, 0, 'trade_spend')).toEqual({ formula: '=H2+J2', result: 138 });
    expect(cell(t, 0, 'trade_spend_pct')).toEqual({ formula: '=IF(G2=0,"",L2/G2)', result: 138 / 2000 });
    expect(cell(t, 0, 'gross_profit')).toEqual({ formula: '=K2-N2', result: 662 });
    expect(cell(t, 0, 'gross_margin_pct')).toEqual({ formula: '=IF(K2=0,"",O2/K2)', result: 662 / 1862 });
    // cost-to-serve 138 = freight 0.5 × 200 + financing 1,900 × 73/365 × 10 % (38)
    expect(cell(t, 0, 'cost_to_serve')).toBe(138);
    expect(cell(t, 0, 'financing_cost')).toBe(38);
    expect(cell(t, 0, 'contribution')).toEqual({ formula: '=O2-Q2', result: 524 });

    // WMT total (row 4): sums of rows 2..3; ratios from the summed money (276 / 4,000), never averaged.
    expect(cell(t, 2, 'gross_sales')).toEqual({ formula: '=SUM(G2:G3)', result: 4000 });
    expect(cell(t, 2, 'contribution')).toEqual({ formula: '=SUM(S2:S3)', result: 1098 });
    expect(cell(t, 2, 'trade_spend_pct')).toEqual({ formula: '=IF(G4=0,"",L4/G4)', result: 276 / 4000 });
    expect(cell(t, 2, 'contribution_pct')).toEqual({ formula: '=IF(K4=0,"",S4/K4)', result: 1098 / 3724 });

    // OXXO P2 sold nothing: ratios stay blank ("" instead of #DIV/0!).
    expect(cell(t, 4, 'gross_margin_pct')).toEqual({ formula: '=IF(K6=0,"",O6/K6)', result: '' });
    // OXXO total: off-invoice 300 listing fee + 18 tiered rebate.
    expect(shown(cell(t, 5, 'off_invoice'))).toBe(318);
    expect(shown(cell(t, 5, 'contribution'))).toBe(-78);

    // Portfolio (row 8): SUMIF over the SKU rows only, so customer subtotals are not counted twice.
    expect(cell(t, 6, 'gross_sales')).toEqual({ formula: '=SUMIF($A$2:$A$7,"SKU",G2:G7)', result: 4600 });
    expect(shown(cell(t, 6, 'net_sales'))).toBe(4006);
    expect(shown(cell(t, 6, 'contribution'))).toBe(1020);
    expect(shown(cell(t, 6, 'contribution_pct'))).toBeCloseTo(1020 / 4006, 12);
  });

  test('price waterfall per SKU and per customer (volume-weighted from the SKU rows)', () => {
    const t = sheetOf(p, 'TT Cascada').tables[0];
    // G list, H on-invoice/u, I invoice price, J off-invoice/u, K cost-to-serve/u, L pocket, M COGS/u, N margin,
    // O margin %, P leakage, Q leakage %.
    // WMT P1: list 10, on 100/200 = 0.5, invoice 9.5, off 38/200 = 0.19, CtS below the waterfall → 0,
    // pocket 9.31, COGS 6, margin 3.31, leakage 0.69.
    expect(cell(t, 0, 'list_price')).toBe(10);
    expect(cell(t, 0, 'on_invoice_per_unit')).toBe(0.5);
    expect(cell(t, 0, 'invoice_price')).toEqual({ formula: '=G2-H2', result: 9.5 });
    expect(cell(t, 0, 'off_invoice_per_unit')).toBe(0.19);
    expect(cell(t, 0, 'cost_to_serve_per_unit')).toBe(0);
    expect(cell(t, 0, 'pocket_price')).toEqual({ formula: '=I2-J2-K2', result: 9.31 });
    expect(cell(t, 0, 'pocket_margin')).toEqual({ formula: '=L2-M2', result: expect.closeTo(3.31, 12) as unknown });
    expect(cell(t, 0, 'leakage')).toEqual({ formula: '=G2-L2', result: expect.closeTo(0.69, 12) as unknown });
    // WMT total: list 4,000 / 300, pocket 3,724 / 300.
    expect(cell(t, 2, 'list_price')).toEqual({
      formula: '=IF(SUM($F$2:$F$3)=0,"",SUMPRODUCT($F$2:$F$3,G2:G3)/SUM($F$2:$F$3))',
      result: 4000 / 300,
    });
    expect(shown(cell(t, 2, 'pocket_price'))).toBeCloseTo(3724 / 300, 12);
    // OXXO P2 sold nothing: no per-unit figures.
    expect(cell(t, 4, 'volume')).toBe(0);
    expect(cell(t, 4, 'list_price')).toBeNull();
    expect(cell(t, 4, 'pocket_price')).toBeNull();
    // OXXO total: off-invoice 318 / 60 = 5.3 per unit, pocket 10 − 5.3 = 4.7, margin 4.7 − 6 = −1.3.
    expect(shown(cell(t, 5, 'off_invoice_per_unit'))).toBeCloseTo(5.3, 12);
    expect(shown(cell(t, 5, 'pocket_margin'))).toBeCloseTo(-1.3, 12);
    // Portfolio: SKU rows only.
    expect(cell(t, 6, 'volume')).toEqual({ formula: '=SUMIF($A$2:$A$7,"SKU",$F$2:$F$7)', result: 360 });
    expect(cell(t, 6, 'list_price')).toEqual({
      formula: '=IF(F8=0,"",SUMPRODUCT(--($A$2:$A$7="SKU"),$F$2:$F$7,G2:G7)/F8)',
      result: 4600 / 360,
    });
  });

  test('waterfall chart data: signed steps with subtotal formulas, and a chart per table', () => {
    const s = sheetOf(p, 'TT Cascada gráfica');
    const [portfolio, wmt] = s.tables;
    expect(portfolio.title).toBe('Cascada de precio por unidad: portafolio');
    expect(wmt.title).toBe('Cascada de precio por unidad: Walmart de México (WMT)');
    // Titled tables: title row 1, header row 3, steps on rows 4..10.
    expect(placeTables(s.tables)[0]).toEqual({ titleRow: 1, headerRow: 3, firstDataRow: 4, lastRow: 10 });
    expect(placeTables(s.tables)[1].headerRow).toBe(14);
    // WMT: 13.3333 − 0.6667 (200/300) = 12.6667 invoice; − 0.2533 (76/300) = 12.4133 pocket; − 8 = 4.4133.
    expect(wmt.rows.map((r) => [r[0], shown(r[1]), r[2]])).toEqual([
      ['Precio de lista', 4000 / 300, true],
      ['− Descuentos en factura', -200 / 300, false],
      ['= Precio factura', 3800 / 300, true],
      ['− Fuera de factura', -76 / 300, false],
      ['= Precio de bolsillo', 3724 / 300, true],
      ['− Costo unitario', -8, false],
      ['= Margen de bolsillo', 3724 / 300 - 8, true],
    ]);
    expect(wmt.rows[2][1]).toEqual({ formula: '=B15+B16', result: 3800 / 300 });
    expect(wmt.rows[4][1]).toEqual({ formula: '=B17+B18', result: 3724 / 300 });
    expect(s.charts).toEqual([
      expect.objectContaining({
        kind: 'waterfall',
        table: 'ttm_Steps_Portfolio',
        categoryColumn: 'Paso',
        valueColumn: 'MXN por unidad',
      }),
      expect.objectContaining({ table: 'ttm_Steps_C1' }),
      expect.objectContaining({ table: 'ttm_Steps_C2' }),
    ]);
  });

  test('spend by term: every term with basis, effective rate, amount, % of customer gross, agreement and formula', () => {
    const t = sheetOf(p, 'TT Gasto por término').tables[0];
    expect(t.rows.map((r) => [r[0], r[1], shown(cell({ ...t, rows: [r] }, 0, 'term_amount'))])).toEqual([
      ['Término', 'WMT-01', 200],
      ['Término', 'WMT-02', 76],
      ['Total cliente', null, 276],
      ['Término', 'OXXO-01', 300],
      ['Término', 'OXXO-02', 18],
      ['Total cliente', null, 318],
      ['Total portafolio', null, 594],
    ]);
    expect(cell(t, 0, 'kind')).toBe('descuento en factura');
    expect(cell(t, 0, 'invoice_side')).toBe('En factura');
    expect(cell(t, 0, 'basis')).toBe('venta bruta');
    expect(cell(t, 0, 'term_basis')).toBe(4000);
    expect(cell(t, 0, 'effective_rate_pct')).toBe(0.05);
    expect(cell(t, 0, 'effective_rate_unit')).toBeNull();
    expect(cell(t, 0, 'pct_of_customer_gross')).toEqual({ formula: '=IF(L2=0,"",K2/L2)', result: 0.05 });
    expect(cell(t, 0, 'agreed_date')).toEqual(new Date(Date.UTC(2026, 0, 15)));
    expect(cell(t, 0, 'formula')).toBe('5.0 % × venta bruta $4,000.00 = $200.00');
    // Listing fee: $300 over 60 units = $5 per unit; no agreed date.
    expect(cell(t, 3, 'basis')).toBe('monto fijo (asignado por volumen)');
    expect(cell(t, 3, 'effective_rate_unit')).toBe(5);
    expect(cell(t, 3, 'effective_rate_pct')).toBeNull();
    expect(cell(t, 3, 'agreed_date')).toBeNull();
    expect(cell(t, 3, 'condition_met')).toBe('Sí');
    expect(cell(t, 2, 'term_amount')).toEqual({ formula: '=SUM(K2:K3)', result: 276 });
    // OXXO: 318 of 600 gross = 53 %.
    expect(shown(cell(t, 5, 'pct_of_customer_gross'))).toBeCloseTo(0.53, 12);
    expect(cell(t, 6, 'term_amount')).toEqual({ formula: '=SUMIF($A$2:$A$7,"Término",K2:K7)', result: 594 });
    expect(shown(cell(t, 6, 'pct_of_customer_gross'))).toBeCloseTo(594 / 4600, 12);
  });

  test('accruals under both policies, the selected one first and marked, with running formulas', () => {
    const t = sheetOf(p, 'TT Provisiones').tables[0];
    const oxxo = t.rows.map((r, i) => ({ r, i })).filter(({ r }) => r[0] === 'OXXO-02');
    // Settings select forecast year-end (default): its rows come first.
    expect(oxxo.map(({ r }) => [r[3], r[4], r[5]])).toEqual([
      ['2026-01', 'pronóstico de cierre', 'Sí'],
      ['2026-02', 'pronóstico de cierre', 'Sí'],
      ['2026-01', 'nivel alcanzado', 'No'],
      ['2026-02', 'nivel alcanzado', 'No'],
    ]);
    // Tier reached so far, February: run rate 1 % × 300 = 3 plus true-up 12 = 15; cumulative 3 + 15 = 18.
    const feb = oxxo[3].i;
    const row = feb + 2; // sheet row
    expect(cell(t, feb, 'run_rate')).toBe(3);
    expect(cell(t, feb, 'true_up')).toBe(12);
    expect(cell(t, feb, 'accrual')).toEqual({ formula: `=N${row}+O${row}`, result: 15 });
    expect(cell(t, feb, 'cumulative_accrual')).toEqual({ formula: `=Q${row - 1}+P${row}`, result: 18 });
    expect(cell(t, feb, 'accrual_rate_pct')).toBe(0.03);
    expect(cell(t, feb, 'ytd_measure')).toBe(60);
    expect(cell(t, feb, 'measure')).toBe('volumen');
    // The first period of a schedule starts the running total.
    expect(cell(t, oxxo[2].i, 'cumulative_accrual')).toEqual({ formula: `=P${oxxo[2].i + 2}`, result: 3 });
    // 3 off-invoice terms × 2 policies × 2 periods; the on-invoice discount WMT-01 is not provisioned
    expect(t.rows).toHaveLength(12);
    expect(t.rows.some((r) => r[0] === 'WMT-01')).toBe(false);
  });

  test('findings and run info', () => {
    const f = sheetOf(p, 'TT Hallazgos').tables[0];
    expect(f.rows).toHaveLength(1);
    expect(f.rows[0].slice(0, 4)).toEqual(['Advertencia', 'no_agreed_basis', 'OXXO', 'OXXO-01']);
    expect(f.rows[0][4]).toContain('sin base acordada');

    const info = sheetOf(p, 'TT Info corrida').tables[0];
    const byKey = new Map(info.rows.map((r) => [r[0], r[2]]));
    expect(byKey.get('source_file')).toBe('cuenta.xlsx');
    expect(byKey.get('source_fingerprint')).toBe('ab'.repeat(32));
    expect(byKey.get('run_at')).toBe('2026-03-01T15:30:00.000Z');
    expect(byKey.get('engine_version')).toBe('0.1.0');
    expect(byKey.get('language')).toBe('es-MX');
    expect(byKey.get('scenario_note')).toBe('base 2026');
    expect(byKey.get('settings.costOfCapital')).toBe(0.1);
    expect(byKey.get('settings.costToServePlacement')).toBe('debajo');
    expect(byKey.get('settings.interimTierPolicy')).toBe('pronóstico de cierre');
    expect(byKey.get('settings.fiscalYear')).toBe(2026);
    expect(byKey.get('lines')).toBe(8);
    // 12 calculation settings and 7 guardrails; an unset guardrail says it is not checked
    expect(info.rows.filter((r) => typeof r[0] === 'string' && r[0].startsWith('settings.'))).toHaveLength(19);
    expect(byKey.get('settings.minContributionPct')).toBe('no se revisa');
    expect(byKey.get('settings.pricePointEnding')).toBe('sin redondeo');
  });

  test('run info does not present the ROI variant as in use when the workbook has no promotions', () => {
    for (const lang of ['es', 'en'] as const) {
      const info = sheetOf(plan(lang), RESULT_SHEET_NAMES.run_info[lang]).tables[0];
      const row = info.rows.find((r) => r[0] === 'settings.roiVariant')!;
      const [item, value] = [row[1], row[2]];
      if (lang === 'es') {
        expect(item).toBe('Variante de ROI (no se usa en esta corrida)');
        expect(value).toBe('ROI bruto: sin uso; el libro no tiene promociones: no se calcula ROI');
      } else {
        expect(item).toBe('ROI variant (not used in this run)');
        expect(value).toBe('gross ROI: not used; the workbook has no promotions: no ROI is computed');
      }
      // Settings the engine does use are shown plainly.
      expect(info.rows.find((r) => r[0] === 'settings.interimTierPolicy')![1]).not.toMatch(/usa|used/);
    }
  });

  test('run info values carry their own number format: rates as %, integers as integers, text as General', () => {
    const info = sheetOf(p, 'TT Info corrida').tables[0];
    const value = info.columns.findIndex((c) => c.id === 'value');
    expect(info.columns[value].numberFormat).toBe('General');
    const formatOf = (key: string) => {
      const r = info.rows.findIndex((x) => x[0] === key);
      if (r < 0) throw new Error(`no row ${key}`);
      return info.cellFormats?.[r]?.[value];
    };
    expect(info.cellFormats).toHaveLength(info.rows.length);
    expect(formatOf('settings.costOfCapital')).toBe('0.0%'); // 0.1 shows as 10.0%
    expect(formatOf('settings.fiscalYear')).toBe('0'); // 2026, not 2,026
    expect(formatOf('settings.daysInYear')).toBe('0');
    expect(formatOf('settings.moneyDecimals')).toBe('0');
    expect(formatOf('lines')).toBe('#,##0');
    expect(formatOf('customers')).toBe('#,##0');
    // Text and choices keep the column's format.
    expect(formatOf('source_file')).toBeUndefined();
    expect(formatOf('settings.currency')).toBeUndefined();
    expect(formatOf('settings.interimTierPolicy')).toBeUndefined();
    // Other tables keep column formats only.
    expect(
      p.sheets
        .flatMap((s) => s.tables)
        .filter((t) => t.cellFormats)
        .map((t) => t.name),
    ).toEqual(['ttm_RunInfo']);
  });

  test('one way to write pesos: "$" number formats, MXN where a header names the currency, never MX$', () => {
    for (const lang of ['es', 'en'] as const) {
      const columns = plan(lang).sheets.flatMap((s) => s.tables.flatMap((t) => t.columns));
      const money = columns.filter((c) => c.format === 'mxn' || c.format === 'mxn_unit');
      expect(money.length).toBeGreaterThan(10);
      for (const c of money) expect(c.numberFormat).toMatch(/^"\$"#,##0/);
      for (const c of columns) {
        expect(c.numberFormat).not.toContain('MX');
        expect(c.header).not.toMatch(/MX\$|\$\//); // "$/u" → "MXN/u"
      }
      const spend = columns.find((c) => c.id === 'effective_rate_unit')!;
      expect(spend.header).toMatch(/\(MXN\/u\)$/);
      expect(columns.find((c) => c.id === 'accrual_rate_unit')!.header).toMatch(/\(MXN\/u\)$/);
    }
  });

  test('every metric column header is the engine METRICS label', () => {
    for (const s of p.sheets) {
      for (const t of s.tables) {
        for (const c of t.columns) {
          const m = METRIC_BY_ID.get(c.id as MetricId);
          if (m) expect(c.header).toBe(m.es);
        }
      }
    }
  });
});

describe('buildResultsPlan (en) and settings', () => {
  test('English names, labels and SUMIF criteria', () => {
    const p = plan('en');
    expect(p.sheets.map((s) => s.name)).toEqual([
      'TT Customer P&L',
      'TT Waterfall',
      'TT Waterfall chart',
      'TT Spend by term',
      'TT Accruals',
      'TT Prices',
      'TT Retailer view',
      'TT Findings',
      'TT Run info',
    ]);
    const pnl = p.sheets[0].tables[0];
    expect(pnl.columns.find((c) => c.id === 'gross_sales')!.header).toBe('Gross sales');
    expect(pnl.rows[2][0]).toBe('Customer total');
    expect(pnl.rows[6][0]).toBe('Portfolio total');
    const spend = p.sheets[3].tables[0];
    expect(shown(spend.rows[6][spend.columns.findIndex((c) => c.id === 'term_amount')])).toBe(594);
    expect((spend.rows[6][spend.columns.findIndex((c) => c.id === 'term_amount')] as { formula: string }).formula).toBe(
      '=SUMIF($A$2:$A$7,"Term",K2:K7)',
    );
    expect(spend.rows[3][spend.columns.findIndex((c) => c.id === 'basis')]).toBe('fixed amount (allocated by volume)');
  });

  test('money decimals set the MXN format; cost-to-serve inside the waterfall lowers the pocket price', () => {
    const model = tinyModel();
    model.settings.moneyDecimals = 0;
    model.settings.costToServePlacement = 'inside_waterfall';
    const p = plan('es', model);
    const pnl = p.sheets[0].tables[0];
    expect(pnl.columns.find((c) => c.id === 'gross_sales')!.numberFormat).toBe('"$"#,##0');
    const w = p.sheets[1].tables[0];
    // WMT P1: cost-to-serve 138 / 200 = 0.69 per unit → pocket 9.5 − 0.19 − 0.69 = 8.62.
    expect(cell(w, 0, 'cost_to_serve_per_unit')).toBe(0.69);
    expect(shown(cell(w, 0, 'pocket_price'))).toBeCloseTo(8.62, 12);
    const steps = p.sheets[2].tables[1];
    expect(steps.rows.map((r) => r[0])).toContain('− Costo de servir');
    // Portfolio table has 8 steps now (rows 4..11): WMT's title is on row 13, header 15, steps from row 16.
    expect(steps.rows[5][1]).toEqual({
      formula: '=B18+B19+B20',
      result: expect.closeTo((3724 - 226) / 300, 12) as unknown,
    });
  });

  test('a customer with no lines gets a total row of values and no waterfall chart table', () => {
    const model = tinyModel();
    model.customers.push({ id: 'SOR', name: 'Soriana', channel: 'modern', paymentDays: 30, dcShare: 0 });
    const p = plan('es', model);
    const pnl = p.sheets[0].tables[0];
    // Rows: WMT P1, P2, total; OXXO P1, P2, total; SOR total (row 8, index 6); portfolio (row 9).
    expect(pnl.rows[6].slice(0, 2)).toEqual(['Total cliente', 'SOR']);
    expect(cell(pnl, 6, 'gross_sales')).toBe(0);
    expect(cell(pnl, 6, 'contribution_pct')).toEqual({ formula: '=IF(K8=0,"",S8/K8)', result: '' });
    expect(cell(pnl, 7, 'gross_sales')).toEqual({ formula: '=SUMIF($A$2:$A$8,"SKU",G2:G8)', result: 4600 });
    expect(p.sheets[2].tables.map((t) => t.name)).toEqual(['ttm_Steps_Portfolio', 'ttm_Steps_C1', 'ttm_Steps_C2']);
    expect(recalcPlan(p).mismatches).toEqual([]);
  });
});

describe('formulas recalculate to their cached results (HyperFormula)', () => {
  test.each([
    ['es', 'below_waterfall'],
    ['en', 'inside_waterfall'],
  ] as const)('%s, cost-to-serve %s', (lang, placement) => {
    const model = tinyModel();
    model.settings.costToServePlacement = placement;
    const { checked, mismatches } = recalcPlan(plan(lang, model));
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });
});

test('columnLetter', () => {
  expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
});
