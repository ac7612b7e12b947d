/**
 * The memory host writes results like the Office host (issue 7): owner markers in its model, previous results
 * found whatever language named them and rewritten in place, user cells kept, never written over.
 */
import { createHash } from 'node:crypto';
import { HostError, MemoryWorkbook } from '../../src/hosts/memory';
import { ownerMarkerName, type ResultsPlan, type TableGrid } from '../../src/workbook/port';

const nodeDigest = (bytes: Uint8Array) => Promise.resolve(createHash('sha256').update(bytes).digest('hex'));

const customers: TableGrid = {
  name: 'Customers',
  sheet: 'Clientes',
  headerRow: 1,
  firstColumn: 1,
  headers: ['Id', 'Nombre'],
  rows: [
    ['WMT', 'Walmart de México'],
    ['OXX', 'OXXO'],
  ],
};

const workbook = (): MemoryWorkbook => MemoryWorkbook.fromTables('libro.xlsx', [customers], { digest: nodeDigest });

function plan(lang: 'es' | 'en', rows = 2): ResultsPlan {
  return {
    sheets: [
      {
        role: 'pnl',
        name: lang === 'es' ? 'TT P&L cliente' : 'TT Customer P&L',
        freezeHeader: true,
        tables: [
          {
            name: 'ttm_CustomerPnl',
            title: lang === 'es' ? 'P&L por cliente' : 'P&L by customer',
            columns: [
              { header: lang === 'es' ? 'Cliente' : 'Customer', id: 'c', format: 'text', numberFormat: 'General' },
              { header: lang === 'es' ? 'Venta bruta' : 'Gross sales', id: 'g', format: 'mxn', numberFormat: '0' },
            ],
            rows: Array.from({ length: rows }, (_, i) => [`C${i + 1}`, 100 * (i + 1)]),
          },
        ],
      },
    ],
  };
}

async function rejection(p: Promise<unknown>): Promise<HostError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (e instanceof HostError) return e;
  throw new Error('expected a HostError');
}

test('the owner marker lives in the model; a Spanish run then an English one rewrites the same sheet, renamed', async () => {
  const wb = workbook();
  await wb.writeResults(plan('es'));
  const sheet = wb.getSheet('TT P&L cliente')!;
  expect([...sheet.markers]).toEqual([ownerMarkerName('pnl')]);
  expect(wb.resultSheetNames()).toEqual(['TT P&L cliente']);

  const report = await wb.writeResults(plan('en'));
  expect(wb.getSheet('TT Customer P&L')).toBe(sheet); // the same sheet object: renamed, not recreated
  expect(wb.sheetNames()).toEqual(['Clientes', 'TT Customer P&L']);
  expect(wb.table('ttm_CustomerPnl')!.headers).toEqual(['Customer', 'Gross sales']);
  expect(wb.tables().filter((t) => t.name === 'ttm_CustomerPnl')).toHaveLength(1);
  expect(report.notices).toEqual([
    {
      code: 'results_replaced_other_language',
      es: 'Se reemplazaron los resultados anteriores, escritos en otro idioma: «TT P&L cliente» ahora se llama «TT Customer P&L». Las fórmulas y gráficas que apuntan a esas hojas siguen funcionando.',
      en: 'The previous results, written in another language, were replaced: "TT P&L cliente" is now "TT Customer P&L". Formulas and charts pointing at those sheets keep working.',
    },
  ]);
});

test('user cells survive a re-run, and a user formula pointing at the sheet follows its rename', async () => {
  const wb = workbook();
  await wb.writeResults(plan('es', 3));
  wb.getSheet('TT P&L cliente')!.setCell(2, 5, { value: 'Revisar con finanzas' }); // E2, beside the table
  wb.addSheet('Resumen').setCell(1, 1, { value: 200, formula: "='TT P&L cliente'!B5*1" });
  await wb.writeResults(plan('en', 1));
  const s = wb.getSheet('TT Customer P&L')!;
  expect(s.cell('E2')!.value).toBe('Revisar con finanzas');
  expect(wb.getSheet('Resumen')!.cell('A1')!.formula).toBe("='TT Customer P&L'!B5*1");
  // The shorter table's old rows are gone (they were ours); the title and header are the English ones.
  expect(s.cell('A1')!.value).toBe('P&L by customer');
  expect(s.cell('A5')).toBeUndefined();
  expect(s.cell('A6')).toBeUndefined();
});

test('taller results over a user note: refused with the cell, nothing written', async () => {
  const wb = workbook();
  await wb.writeResults(plan('es'));
  wb.getSheet('TT P&L cliente')!.setCell(7, 2, { value: 'no borrar' }); // B7, below the table (rows 3-5)
  const err = await rejection(wb.writeResults(plan('es', 5)));
  expect(err.code).toBe('results_would_overwrite');
  expect(err.location).toEqual({ sheet: 'TT P&L cliente', address: 'B7' });
  expect(err.en).toContain("would cover 'TT P&L cliente'!B7, which holds content that is not results");
  expect(wb.writes).toBe(1);
  expect(wb.table('ttm_CustomerPnl')!.rows).toHaveLength(2);
});

test('a sheet of the results’ name that is not ours: written into only where it is empty, then marked', async () => {
  const wb = workbook();
  wb.addSheet('TT P&L cliente').setCell(20, 1, { value: 'mío' });
  await wb.writeResults(plan('es'));
  expect(wb.getSheet('TT P&L cliente')!.cell('A20')!.value).toBe('mío');
  expect([...wb.getSheet('TT P&L cliente')!.markers]).toEqual([ownerMarkerName('pnl')]);
  const other = workbook();
  other.addSheet('TT P&L cliente').setCell(1, 1, { value: 'mío' });
  expect((await rejection(other.writeResults(plan('es')))).location).toEqual({
    sheet: 'TT P&L cliente',
    address: 'A1',
  });
});

test('the English name taken by a sheet that is not ours blocks the rename', async () => {
  const wb = workbook();
  await wb.writeResults(plan('es'));
  wb.addSheet('TT Customer P&L');
  const err = await rejection(wb.writeResults(plan('en')));
  expect(err.code).toBe('results_would_overwrite');
  expect(err.es).toContain('Ya existe una hoja «TT Customer P&L» que no es de resultados');
});

test('inputFingerprint: changes with an input cell, not with results; equals describeSource of the tables', async () => {
  const wb = workbook();
  const before = await wb.inputFingerprint();
  expect((await wb.describeSource()).fingerprint).toBe(before);
  await wb.writeResults(plan('es'));
  expect(await wb.inputFingerprint()).toBe(before);
  wb.getSheet('Clientes')!.setCell(2, 2, { value: 'Walmart' });
  expect(await wb.inputFingerprint()).not.toBe(before);
});

test('progress is reported once the (synchronous) write is done', async () => {
  const wb = workbook();
  const seen: [number, number][] = [];
  const report = await wb.writeResults(plan('es'), { onProgress: (w, t) => seen.push([w, t]) });
  expect(seen).toEqual([[report.cellsWritten, report.cellsWritten]]);
});
