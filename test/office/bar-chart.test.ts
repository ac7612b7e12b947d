/** Clustered bar charts through the Office host: a live data block beside the table, one series per value column. */
import { HostError } from '../../src/hosts/office';
import type { ResultsPlan } from '../../src/workbook/port';
import { MXN, scenariosSheet } from '../support/result-sheets';
import { fakeWithSmallInputs, hostOn, realisticPlan } from './support';

async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

test('a BarClustered chart over a block of live formulas: category and each value column, series by header', async () => {
  const fake = fakeWithSmallInputs();
  const report = await hostOn(fake).writeResults({ sheets: [scenariosSheet()] });
  expect(report.notices).toEqual([]);
  // The table is A1:E4; the block starts one blank column to its right (G) on its header row.
  expect(fake.readFormulas("'TT Escenarios'!G1:J4")).toEqual([
    ['Métrica', 'Base', 'Propuesta', 'Contrapropuesta'],
    ['=$A$2', '=$C$2', '=$D$2', '=$E$2'],
    ['=$A$3', '=$C$3', '=$D$3', '=$E$3'],
    ['=$A$4', '=$C$4', '=$D$4', '=$E$4'],
  ]);
  expect(fake.readNumberFormats("'TT Escenarios'!H2:J4").flat()).toEqual(Array(9).fill(MXN));
  const [chart] = fake.charts('TT Escenarios');
  expect(chart).toMatchObject({
    name: 'ttm_chart_1',
    chartType: 'BarClustered',
    title: 'Walmart de México por escenario',
    seriesBy: 'Columns',
    legendVisible: true, // three series: the legend names the scenarios
    // Beside the block (G..J, one blank column), 8 columns wide, over the table's rows 1–4.
    position: { start: 'L1', end: 'S4' },
  });
  expect(chart.source).toMatchObject({ sheet: 'TT Escenarios', rect: { r0: 0, c0: 6, r1: 3, c1: 9 } });
  expect(chart.series.map((s) => [s.name, s.fill])).toEqual([
    ['Base', 'automatic'],
    ['Propuesta', 'automatic'],
    ['Contrapropuesta', 'automatic'],
  ]);
  // The block is ours: recorded as an area, so the next run clears it.
  await hostOn(fake).writeResults({ sheets: [scenariosSheet()] });
  expect(fake.charts('TT Escenarios').map((c) => c.name)).toEqual(['ttm_chart_1']);
});

test('one value column: no legend; a waterfall on another sheet of the same plan stays native', async () => {
  const sheet = scenariosSheet();
  const [bar] = sheet.charts!;
  if (bar.kind === 'bar') bar.valueColumns = ['p1'];
  const plan: ResultsPlan = { sheets: [...realisticPlan().sheets, sheet] };
  const fake = fakeWithSmallInputs({ apiVersion: '1.9' });
  await hostOn(fake).writeResults(plan);
  expect(fake.charts('TT Escenarios').map((c) => [c.chartType, c.legendVisible, c.series.length])).toEqual([
    ['BarClustered', false, 1],
  ]);
  expect(fake.charts('TT Cascada').map((c) => c.chartType)).toEqual(['Waterfall']);
  expect(fake.readFormulas("'TT Escenarios'!G1:H2")).toEqual([
    ['Métrica', 'Propuesta'],
    ['=$A$2', '=$D$2'],
  ]);
});

test('ExcelApi 1.7 (the minimum): bar charts are ExcelApi 1.1, drawn the same', async () => {
  const fake = fakeWithSmallInputs({ apiVersion: '1.7' });
  const report = await hostOn(fake).writeResults({ sheets: [scenariosSheet()] });
  expect(fake.charts('TT Escenarios').map((c) => c.chartType)).toEqual(['BarClustered']);
  expect(report.notices).toEqual([]);
});

test('a bar chart Excel refuses is left out with a notice naming where to insert one; the data stays', async () => {
  const fake = fakeWithSmallInputs();
  fake.failChartProperty('BarClustered', 'title');
  const report = await hostOn(fake).writeResults({ sheets: [scenariosSheet()] });
  expect(fake.charts('TT Escenarios')).toEqual([]);
  expect(fake.table('ttm_ScenarioCompare').rows).toHaveLength(3);
  expect(fake.readFormulas("'TT Escenarios'!G2")).toEqual([['=$A$2']]);
  expect(report.notices).toEqual([
    {
      code: 'chart_fallback',
      es: 'No se pudo dibujar la gráfica de «Walmart de México por escenario»; sus datos sí están en la hoja (Insertar > Gráfico de columnas o de barras > Barra agrupada).',
      en: 'The chart of "Walmart de México por escenario" could not be drawn; its data is on the sheet (Insert > Column or Bar Chart > Clustered Bar).',
    },
  ]);
});

test('every value column of a bar chart must be in its table: refused, located, before anything is written', async () => {
  const fake = fakeWithSmallInputs();
  const sheet = scenariosSheet();
  const [bar] = sheet.charts!;
  if (bar.kind === 'bar') bar.valueColumns = ['base', 'p2'];
  const err = await rejection(hostOn(fake).writeResults({ sheets: [sheet] }));
  expect(err.code).toBe('chart_source_missing');
  expect(err.es).toBe(
    'El gráfico «Walmart de México por escenario» lee la columna «p2» de la tabla «ttm_ScenarioCompare», que no está en la hoja «TT Escenarios»; no se escribió nada.',
  );
  expect(err.location).toEqual({ sheet: 'TT Escenarios', address: 'A1' });
  expect(fake.writes).toEqual([]);
  expect(fake.syncCount).toBe(0);
});
