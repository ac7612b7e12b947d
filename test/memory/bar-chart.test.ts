/** The memory host keeps a bar chart's spec as the plan gives it, and refuses one whose source is missing. */
import { MemoryWorkbook } from '../../src/hosts/memory';
import { scenariosSheet } from '../support/result-sheets';

test('the chart spec is kept on its sheet; a second run replaces it', async () => {
  const wb = new MemoryWorkbook({ name: 'libro.xlsx' });
  await wb.writeResults({ sheets: [scenariosSheet()] });
  expect(wb.getSheet('TT Escenarios')!.charts).toEqual([
    {
      kind: 'bar',
      title: 'Walmart de México por escenario',
      table: 'ttm_ScenarioCompare',
      categoryColumn: 'metric',
      valueColumns: ['base', 'Propuesta', 'c1'],
    },
  ]);
  await wb.writeResults({ sheets: [scenariosSheet()] });
  expect(wb.getSheet('TT Escenarios')!.charts).toHaveLength(1);
});

test('a value column the table lacks: chart_source_missing, located, nothing written', async () => {
  const wb = new MemoryWorkbook({ name: 'libro.xlsx' });
  const sheet = scenariosSheet();
  sheet.charts = [
    { kind: 'bar', title: 'x', table: 'ttm_ScenarioCompare', categoryColumn: 'metric', valueColumns: ['p9'] },
  ];
  await expect(wb.writeResults({ sheets: [sheet] })).rejects.toMatchObject({
    code: 'chart_source_missing',
    location: { sheet: 'TT Escenarios', address: 'A1' },
  });
  sheet.charts = [{ kind: 'bar', title: 'x', table: 'ttm_Nope', categoryColumn: 'metric', valueColumns: ['p1'] }];
  await expect(wb.writeResults({ sheets: [sheet] })).rejects.toMatchObject({ code: 'chart_source_missing' });
  sheet.charts = [
    { kind: 'bar', title: 'x', table: 'ttm_ScenarioCompare', categoryColumn: 'metric', valueColumns: [] },
  ];
  await expect(wb.writeResults({ sheets: [sheet] })).rejects.toMatchObject({
    code: 'chart_source_missing',
    en: 'Bar chart "x" names no column of table "ttm_ScenarioCompare" to plot; nothing was written.',
  });
  expect(wb.sheetNames()).toEqual([]);
});
