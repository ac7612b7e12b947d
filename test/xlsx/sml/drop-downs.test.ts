/**
 * Drop-down lists in a tables workbook (writeTablesPackage's dropDowns, as `trade-terms init` writes them): a short
 * list is a literal in the validation; one too long for a literal (255 characters) reads from a hidden sheet. Read
 * back by ExcelJS (an independent reader); the package passes the strict OOXML checks.
 */
import ExcelJS from 'exceljs';
import { collectingSink, writeTablesPackage } from '../../../src/hosts/xlsx/sml';
import { expectValidPackage } from '../../support/ooxml-check';

test('literal and sheet-sourced lists, over the data rows and the rows below', async () => {
  const long = Array.from({ length: 40 }, (_, i) => `valor número ${i + 1}`);
  const out = collectingSink();
  await writeTablesPackage(
    [
      {
        name: 'Datos',
        sheet: 'Datos',
        headerRow: 2,
        firstColumn: 2,
        headers: ['Corto', 'Largo'],
        rows: [['sí', 'valor número 3']],
      },
    ],
    out.sink,
    {
      dropDowns: new Map([
        [
          'Datos',
          [
            { column: 0, values: ['sí', 'no'] },
            { column: 1, values: long },
          ],
        ],
      ]),
    },
  );
  const bytes = out.bytes();
  expectValidPackage(bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Datos')!;
  expect(ws.getCell('B3').dataValidation).toMatchObject({ type: 'list', formulae: ['"sí,no"'] });
  expect(ws.getCell('B1003').dataValidation).toMatchObject({ type: 'list' }); // 1,000 rows below the data
  expect(ws.getCell('B1004').dataValidation).toBeUndefined();
  expect(ws.getCell('C3').dataValidation).toMatchObject({ type: 'list', formulae: ['ttm_listas!$A$1:$A$40'] });
  const lists = wb.getWorksheet('ttm_listas')!;
  expect(lists.state).toBe('hidden');
  expect(lists.getColumn(1).values.slice(1)).toEqual(long);
});
