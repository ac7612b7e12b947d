/** Writing results through the Office host into the fake Excel. */
import { HyperFormula } from 'hyperformula';
import { FakeExcel } from '../fakes/excel';
import { HostError } from '../../src/hosts/office';
import { MXN, PCT, SMALL_INPUTS, fakeWithSmallInputs, hostOn, realisticPlan } from './support';
import type { ResultsPlan } from '../../src/workbook/port';

const INPUT_SHEETS = ['Clientes', 'Productos', 'Volúmenes'];

async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('writeResults', () => {
  test('a realistic plan: 2 syncs to inspect, 1 of data, 1 of charts, 1 last; calculation suspended, recalculated once', async () => {
    const fake = fakeWithSmallInputs({ workbookName: 'Condiciones 2026.xlsx' });
    const report = await hostOn(fake).writeResults(realisticPlan());
    // Inspection (workbook, sheets, tables; then each sheet's names and charts), the data, the chart, the last sync
    // (widths and frozen panes, screen updating suspended, one recalculation).
    expect(fake.syncCount).toBe(5);
    expect(fake.syncs[0].requestBytes).toBe(0); // the inspection only loads
    expect(fake.syncs[1].requestBytes).toBe(0);
    expect(fake.syncs[2]).toMatchObject({ suspendedCalculation: true, suspendedScreenUpdating: false });
    expect(fake.syncs[4]).toMatchObject({ suspendedCalculation: false, suspendedScreenUpdating: true });
    expect(fake.calculations).toEqual(['Recalculate']);
    expect(fake.runs.at(-1)).toEqual({ delayForCellEdit: true });
    expect(report.notices).toEqual([]);
    expect(report.sheetsWritten).toEqual(['TT Cascada', 'TT P&L', 'TT Provisiones']);
    expect(report.target).toBe('Condiciones 2026.xlsx');
    // Cells: waterfall title 1 + header 2 + 7×2 = 17, chart block (native: header + start + 3 steps) 5×2 = 10;
    // P&L header 5 + 3×5 = 20; accruals title 1 + header 3 + 2×3 = 10, notes header 1 → 58.
    expect(report.cellsWritten).toBe(58);
    expect(fake.sheetNames()).toEqual(['Portada', ...INPUT_SHEETS, 'TT Cascada', 'TT P&L', 'TT Provisiones']);
  });

  test('tables land where the results layout places them, with formats, formulas, bold totals and frozen headers', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());

    // Titled first table: title in A1, header in row 3, data from row 4.
    expect(fake.readValues("'TT Cascada'!A1")).toEqual([['Cascada de precio por unidad — Walmart de México']]);
    expect(fake.isBold("'TT Cascada'!A1")).toBe(true);
    expect(fake.table('ttm_Waterfall')).toMatchObject({
      sheet: 'TT Cascada',
      address: "'TT Cascada'!A3:B10",
      headers: ['Concepto', 'MXN por unidad'],
      style: 'TableStyleMedium2',
    });
    expect(fake.table('ttm_Waterfall').rows[2]).toEqual(['Precio factura', 90]);
    expect(fake.readNumberFormats("'TT Cascada'!B4:B10").flat()).toEqual(Array(7).fill(MXN));
    expect(fake.isBold("'TT Cascada'!A6")).toBe(true); // total row 2 → sheet row 4 + 2
    expect(fake.isBold("'TT Cascada'!A5")).toBe(false);
    expect(fake.frozenRows('TT Cascada')).toBe(3);

    // Untitled: header in row 1; live formulas stay formulas; percentages formatted.
    expect(fake.table('ttm_PnlByCustomer').address).toBe("'TT P&L'!A1:E4");
    expect(fake.readFormulas("'TT P&L'!D2:E4")).toEqual([
      ['=B2-C2', '=C2/B2'],
      ['=B3-C3', '=C3/B3'],
      ['=SUM(D2:D3)', '=C4/B4'],
    ]);
    expect(fake.readNumberFormats("'TT P&L'!E2:E4").flat()).toEqual([PCT, PCT, PCT]);
    expect(fake.isBold("'TT P&L'!A4")).toBe(true);
    expect(fake.frozenRows('TT P&L')).toBe(1);

    // Periods stay text (Excel would turn "2026-01" into a date); the second table starts after one blank row.
    expect(fake.table('ttm_Accruals').rows).toEqual([
      ['WMT-01', '2026-01', 12345.67],
      ['WMT-01', '2026-02', 0],
    ]);
    expect(fake.table('ttm_Accruals').address).toBe("'TT Provisiones'!A3:C5");
    // An empty table keeps one blank data row, as Excel does.
    expect(fake.table('ttm_AccrualNotes')).toMatchObject({ address: "'TT Provisiones'!A7:A8", rows: [['']] });
    expect(fake.frozenRows('TT Provisiones')).toBe(0);

    // Widths: autofit the used area, then the stated width (28 chars → (28×7+5)×0.75 ≈ 151 points).
    expect(fake.autofitted('TT Cascada')).toEqual(['A1:B10']);
    expect(fake.columnWidth('TT Cascada', 0)).toBe(151);
  });

  test('cells with their own number format (run info: %, integers) override their column, in runs per column', async () => {
    const fake = fakeWithSmallInputs();
    const general = { format: 'text' as const, numberFormat: 'General' };
    const plan: ResultsPlan = {
      sheets: [
        {
          role: 'test_sheet_85',
          name: 'TT Info corrida',
          freezeHeader: true,
          tables: [
            {
              name: 'ttm_RunInfo',
              columns: [
                { id: 'key', header: 'Clave', ...general },
                { id: 'value', header: 'Valor', ...general },
              ],
              rows: [
                ['source_file', 'cuenta.xlsx'],
                ['settings.fiscalYear', 2026],
                ['settings.costOfCapital', 0.11],
                ['settings.moneyDecimals', 2],
                ['settings.daysInYear', 365],
              ],
              // Rows 1, 3 and 4 as integers, row 2 as %: data rows 2..6 → B3 '0', B4 '0.0%', B5:B6 '0'.
              cellFormats: [[], [undefined, '0'], [undefined, PCT], [undefined, '0'], [undefined, '0']],
            },
          ],
        },
      ],
    };
    await hostOn(fake).writeResults(plan);
    expect(fake.readValues("'TT Info corrida'!B4")).toEqual([[0.11]]);
    expect(fake.readNumberFormats("'TT Info corrida'!A2:B6")).toEqual([
      ['General', 'General'],
      ['General', '0'],
      ['General', PCT],
      ['General', '0'],
      ['General', '0'],
    ]);
    // Three override writes after the column's: B3, B4 and the run B5:B6.
    const formatWrites = fake.writes
      .filter((w) => w.sheet === 'TT Info corrida' && w.op === 'numberFormat')
      .map((w) => w.target);
    expect(formatWrites).toEqual(['A2:A6', 'B2:B6', 'B3', 'B4', 'B5:B6']);
  });

  test('input tables and input sheets are never written', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    const touched = new Set(fake.writes.map((w) => w.sheet));
    for (const s of INPUT_SHEETS) expect(touched.has(s)).toBe(false);
    expect(fake.writes.some((w) => ['Customers', 'Products', 'BaseVolumes'].includes(w.target))).toBe(false);
    expect(fake.table('Customers').rows).toEqual(SMALL_INPUTS[0].rows.map((r) => r.map((v) => (v === null ? '' : v))));
  });

  test('writing again replaces the previous result sheets', async () => {
    const fake = fakeWithSmallInputs();
    const host = hostOn(fake);
    await host.writeResults(realisticPlan());
    const plan = realisticPlan();
    plan.sheets[1].tables[0].rows[0][1] = 2_000_000;
    await host.writeResults(plan);
    expect(fake.sheetNames().filter((s) => s.startsWith('TT '))).toEqual(['TT Cascada', 'TT P&L', 'TT Provisiones']);
    expect(fake.table('ttm_PnlByCustomer').rows[0][1]).toBe(2_000_000);
    expect(
      fake
        .tableNames()
        .filter((t) => t.startsWith('ttm_'))
        .sort(),
    ).toEqual(['ttm_AccrualNotes', 'ttm_Accruals', 'ttm_PnlByCustomer', 'ttm_Waterfall']);
  });

  test('a result sheet named like a sheet holding an input table: refused before any write', async () => {
    const fake = fakeWithSmallInputs();
    const plan = realisticPlan();
    plan.sheets[2].name = 'clientes';
    const err = await rejection(hostOn(fake).writeResults(plan));
    expect(err.code).toBe('sheet_holds_input');
    expect(err.es).toBe(
      'La hoja «Clientes» contiene tablas que no son de resultados (Customers); no se escribió nada. Cambie el nombre de la hoja o mueva esas tablas.',
    );
    expect(err.en).toContain('Sheet "Clientes" holds tables that are not results (Customers); nothing was written.');
    expect(fake.syncCount).toBe(2); // the inspection only
    expect(fake.writes).toEqual([]);
  });

  test('a result table name used on another sheet, a bad or repeated sheet name: refused, nothing written', async () => {
    const fake = fakeWithSmallInputs();
    fake.seedTable({ name: 'ttm_Waterfall', sheet: 'Copia', headers: ['x'], rows: [[1]] });
    expect((await rejection(hostOn(fake).writeResults(realisticPlan()))).code).toBe('table_name_taken');

    const bad = realisticPlan();
    bad.sheets[0].name = 'TT: Cascada';
    expect((await rejection(hostOn(fake).writeResults(bad))).code).toBe('invalid_sheet_name');
    const twice = realisticPlan();
    twice.sheets[1].name = 'tt cascada';
    expect((await rejection(hostOn(fake).writeResults(twice))).code).toBe('duplicate_sheet');
    expect(fake.writes).toEqual([]);
  });

  test('older Excel: calculation is suspended from ExcelApi 1.6 (below our 1.7 minimum), screen updating from 1.9', async () => {
    const v18 = fakeWithSmallInputs({ apiVersion: '1.8' });
    await hostOn(v18).writeResults(realisticPlan());
    expect(v18.syncs[2]).toMatchObject({ suspendedCalculation: true, suspendedScreenUpdating: false });
    expect(v18.syncs.at(-1)).toMatchObject({ suspendedScreenUpdating: false });
    const v17 = fakeWithSmallInputs({ apiVersion: '1.7' });
    await hostOn(v17).writeResults(realisticPlan());
    expect(v17.syncs[2]).toMatchObject({ suspendedCalculation: true, suspendedScreenUpdating: false });
    expect(v17.syncs.every((s) => s.error === undefined)).toBe(true);
  });
});

describe('waterfall chart', () => {
  test('ExcelApi 1.9: a native Waterfall over the start level and the steps (live formulas)', async () => {
    const fake = fakeWithSmallInputs({ apiVersion: '1.9' });
    await hostOn(fake).writeResults(realisticPlan());
    const [chart] = fake.charts('TT Cascada');
    // Block beside the widest table (2 columns) after one blank column: D, from the header row 3.
    expect(chart).toMatchObject({
      chartType: 'Waterfall',
      title: 'Cascada Walmart de México',
      source: { sheet: 'TT Cascada' },
      legendVisible: false,
      position: { start: 'G1', end: 'N10' }, // beside the block, over the table's rows (title 1 … last 10)
    });
    expect(fake.readFormulas("'TT Cascada'!D3:E7")).toEqual([
      ['Concepto', 'MXN por unidad'],
      ['=$A$4', '=$B$4'], // list price: the start level
      ['=$A$5', '=$B$5'], // on-invoice discount
      ['=$A$7', '=$B$7'], // off-invoice
      ['=$A$9', '=$B$9'], // COGS
    ]);
    expect(chart.series.map((s) => s.name)).toEqual(['MXN por unidad']);
  });

  test('ExcelApi 1.8: a stacked-column fallback whose formulas give the floating bars', async () => {
    const fake = fakeWithSmallInputs({ apiVersion: '1.8' });
    await hostOn(fake).writeResults(realisticPlan());
    const [chart] = fake.charts('TT Cascada');
    expect(chart.chartType).toBe('ColumnStacked');
    expect(chart.series.map((s) => s.fill)).toEqual(['none', '#2F5597', '#2F5597']);
    expect(chart.legendVisible).toBe(false);

    // Evaluate what the host wrote (the fake does not calculate): a real formula engine over the sheet.
    const grid = fake.readFormulas("'TT Cascada'!A1:I10").map((r) => r.map((v) => (v === '' ? null : v)));
    const hf = HyperFormula.buildFromSheets({ S: grid }, { licenseKey: 'gpl-v3' });
    const at = (a1: string): unknown => hf.getCellValue(hf.simpleCellAddressFromString(a1, 0)!);
    const bars = [4, 5, 6, 7, 8, 9, 10].map((r) => [at(`E${r}`), at(`F${r}`), at(`G${r}`)]);
    // Levels 100, 90, 75, 35 stand on zero; steps float: −10 from 90 to 100, −15 from 75 to 90, −40 from 35 to 75.
    expect(bars).toEqual([
      [0, 100, 0],
      [90, 10, 0],
      [0, 90, 0],
      [75, 15, 0],
      [0, 75, 0],
      [35, 40, 0],
      [0, 35, 0],
    ]);
    hf.destroy();
  });

  test('a plan whose chart names a missing column is refused before writing', async () => {
    const fake = fakeWithSmallInputs();
    const plan: ResultsPlan = realisticPlan();
    plan.sheets[0].charts = [
      { kind: 'waterfall', title: 'x', table: 'ttm_Waterfall', categoryColumn: 'step', valueColumn: 'nope' },
    ];
    expect((await rejection(hostOn(fake).writeResults(plan))).code).toBe('chart_source_missing');
    expect(fake.writes).toEqual([]);
  });
});

test('selectCell activates the sheet and selects the range', async () => {
  const fake = new FakeExcel({ sheets: ['A', 'B'] });
  await hostOn(fake).selectCell('B', 'B!D12');
  expect(fake.activeSheet).toBe('B');
  expect(fake.selection).toEqual({ sheet: 'B', address: 'D12' });
  expect(fake.syncCount).toBe(1);
});
