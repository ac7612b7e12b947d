/** ExcelJS writes no chart: the note beside the data says which kinds the sheet would have, and where to insert one. */
import ExcelJS from 'exceljs';
import { writeResultsInto } from '../../src/hosts/xlsx/write';
import type { ResultSheet } from '../../src/workbook/port';
import { scenariosSheet } from '../support/result-sheets';

function notes(sheet: ResultSheet): unknown[] {
  const wb = new ExcelJS.Workbook();
  writeResultsInto(wb, { sheets: [sheet] });
  const ws = wb.getWorksheet(sheet.name)!;
  // Five columns of table, one blank: the note is in G1:G2.
  return [ws.getCell('G1').value, ws.getCell('G2').value];
}

test('a sheet with bar charts only: the bar-chart note, in Spanish for a Spanish sheet name', () => {
  expect(notes(scenariosSheet())).toEqual([
    'Nota: este archivo .xlsx no trae las gráficas de barras (el complemento de Excel sí las dibuja).',
    'Para ver una: seleccione la tabla y use Insertar > Gráfico de columnas o de barras > Barra agrupada.',
  ]);
});

test('a sheet with both kinds, named in English (a result sheet name of the run language)', () => {
  const sheet = scenariosSheet();
  sheet.name = 'TT Waterfall chart'; // an English result sheet name (RESULT_SHEET_NAMES)
  sheet.charts!.push({
    kind: 'waterfall',
    title: 'w',
    table: 'ttm_ScenarioCompare',
    categoryColumn: 'metric',
    valueColumn: 'base',
  });
  expect(notes(sheet)).toEqual([
    'Note: this .xlsx file carries no waterfall or bar charts (the Excel add-in draws them).',
    'To see one: select the table and use Insert > Waterfall chart, or Insert > Column or Bar Chart > Clustered Bar.',
  ]);
});
