import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { loadMemoryWorkbookFromXlsx, HostError } from '../../src/hosts/memory';
import { tablesFromWorkbook } from '../support/exceljs';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');

describe('loadMemoryWorkbookFromXlsx', () => {
  test('holds every sheet and every table of the file, cell for cell as the xlsx reader sees them', async () => {
    const bytes = readFileSync(SAMPLE);
    const memory = await loadMemoryWorkbookFromXlsx(bytes, 'sample-trade-terms.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(memory.sheetNames()).toEqual(wb.worksheets.map((w) => w.name));
    const grids = tablesFromWorkbook(wb);
    expect(grids.length).toBeGreaterThanOrEqual(6);
    for (const g of grids) {
      // The cells as ExcelJS reads them; and, besides, how the table sat in the file (the reader's source facts).
      const { source, ...cells } = memory.table(g.name)!;
      expect(cells).toEqual(g);
      expect(source).toMatchObject({ headerRowShown: true, hiddenRows: [], mergedRanges: [], cellsBelow: [] });
    }
    expect(memory.resultSheetNames()).toEqual([]);
    // The fingerprint is the file's SHA-256, as the xlsx host computes it.
    expect(await memory.describeSource()).toEqual({
      name: 'sample-trade-terms.xlsx',
      fingerprint: createHash('sha256').update(bytes).digest('hex'),
      fingerprintOf: 'file',
    });
  }, 60000);

  test('bytes that are not a .xlsx give a bilingual error naming the file and what it is', async () => {
    const err = await loadMemoryWorkbookFromXlsx(new TextEncoder().encode('id,name\n1,x\n'), 'clientes.csv').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe('input_is_text');
    expect((err as HostError).es).toContain('«clientes.csv» es un archivo de texto (CSV o separado por tabulaciones)');
    expect((err as HostError).en).toContain('"clientes.csv" is a text file (CSV or tab-separated)');
    const cut = await loadMemoryWorkbookFromXlsx(readFileSync(SAMPLE).subarray(0, 500), 'plan.xlsx').catch(
      (e: unknown) => e,
    );
    expect((cut as HostError).code).toBe('input_not_xlsx');
    expect((cut as HostError).es).toContain('«plan.xlsx» no es un libro .xlsx válido: está dañado o incompleto');
  });
});
