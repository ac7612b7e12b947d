/** Sheets meant to be printed, through the Office host: page layout (ExcelApi 1.9), wrapped columns, older Excel. */
import { FakeExcel } from '../fakes/excel';
import { HostError } from '../../src/hosts/office';
import type { ResultSheet, ResultsPlan } from '../../src/workbook/port';
import { summarySheet } from '../support/result-sheets';
import { fakeWithSmallInputs, hostOn, realisticPlan } from './support';

const plan = (): ResultsPlan => ({ sheets: [summarySheet()] });

async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

test('ExcelApi 1.9: Letter, the orientation, an explicit scale, margins in points, print area, title rows, header', async () => {
  const fake = fakeWithSmallInputs({ apiVersion: '1.9' });
  const report = await hostOn(fake).writeResults(plan());
  expect(report.notices).toEqual([]);
  expect(fake.pageLayout('TT Resumen')).toEqual({
    paperSize: 'Letter',
    orientation: 'Portrait',
    zoom: { scale: 90 },
    // setPrintMargins('Inches', …): 0.5 in = 36 pt, 0.75 in = 54 pt, 0.25 in = 18 pt.
    margins: { left: 36, right: 36, top: 54, bottom: 54, header: 18, footer: 18 },
    printArea: 'A1:B6',
    printTitleRows: '1:3',
    // "&" starts a code in a header: the literal ampersand of "P&L" is written "&&".
    centerHeader: 'Walmart de México — P&&L — 2026-01-15',
  });
  // Inspection 2, data 1, last sync 1, then the page setup in a sync of its own.
  expect(fake.syncCount).toBe(5);
  expect(fake.writes.filter((w) => w.op.startsWith('pageLayout')).every((w) => w.sync === 5)).toBe(true);
});

test('sheets without a print setup get none, and add no sync', async () => {
  const fake = fakeWithSmallInputs();
  await hostOn(fake).writeResults(realisticPlan());
  expect(fake.syncCount).toBe(5); // as before print setups existed (office-host-write.test.ts)
  for (const s of ['TT Cascada', 'TT P&L', 'TT Provisiones']) expect(fake.pageLayout(s)).toEqual({});
});

test('a wrapped column wraps its data cells, from the top; its rows are autofitted after the widths', async () => {
  const fake = fakeWithSmallInputs();
  await hostOn(fake).writeResults(plan());
  expect(fake.isWrapped("'TT Resumen'!B4:B6")).toBe(true);
  expect(fake.isWrapped("'TT Resumen'!A4")).toBe(false);
  expect(fake.isWrapped("'TT Resumen'!B3")).toBe(false); // the header is not a data cell
  const ops = (op: string) => fake.writes.filter((w) => w.sheet === 'TT Resumen' && w.op === op);
  expect(ops('verticalAlignment').map((w) => w.target)).toEqual(['B4:B6']);
  expect(fake.autofittedRows('TT Resumen')).toEqual(['A4:B6']);
  const fit = fake.writes.indexOf(ops('autofitRows')[0]);
  expect(ops('columnWidth').length).toBeGreaterThan(0);
  expect(ops('columnWidth').every((w) => fake.writes.indexOf(w) < fit)).toBe(true);
});

test('older Excel (ExcelApi 1.8): the results are written, the page setup is skipped, a notice says so', async () => {
  const fake = fakeWithSmallInputs({ apiVersion: '1.8' });
  const report = await hostOn(fake).writeResults(plan());
  expect(fake.table('ttm_Summary').rows).toHaveLength(3);
  expect(fake.pageLayout('TT Resumen')).toEqual({});
  expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
  expect(report.notices).toEqual([
    {
      code: 'print_setup_unsupported',
      es: 'Esta versión de Excel no deja a los complementos configurar la impresión (ExcelApi 1.9), así que la hoja «TT Resumen» se imprime con la configuración de Excel. Para imprimir en carta, con escala, área y encabezado: Diseño de página > Configurar página.',
      en: 'This version of Excel does not let add-ins set up printing (ExcelApi 1.9), so sheet "TT Resumen" prints with Excel\'s settings. To print on Letter with a scale, print area and header: Page Layout > Page Setup.',
    },
  ]);
});

test('Excel refusing the page setup does not fail the write: a notice carries Excel’s code', async () => {
  const fake = fakeWithSmallInputs();
  fake.failSync(5, 'GeneralException');
  const report = await hostOn(fake).writeResults(plan());
  expect(fake.table('ttm_Summary').rows[1]).toEqual([
    'Contrapropuesta',
    'Walmart pide 2 % más de descuento en factura',
  ]);
  expect(report.notices).toHaveLength(1);
  expect(report.notices![0].code).toBe('print_setup_unsupported');
  expect(report.notices![0].es).toContain('Los resultados se escribieron, pero Excel no aceptó toda la configuración');
  expect(report.notices![0].en).toContain('GeneralException');
});

test('a print setup Excel would refuse is refused before anything is written (shared plan check)', async () => {
  const cases: [Partial<NonNullable<ResultSheet['print']>>, string][] = [
    [{ scale: 500 }, 'the print scale is 500 % and Excel takes a whole number from 10 to 400'],
    [{ area: 'A1:B' }, 'the print area "A1:B" is not an A1 range (A1:F48)'],
    [{ titleRows: 'A1:B2' }, 'the rows to repeat "A1:B2" are not whole rows (1:2)'],
    [{ header: 'x'.repeat(254) }, 'the page header is 256 characters long and Excel takes 255'],
  ];
  for (const [change, en] of cases) {
    const fake = new FakeExcel();
    const p = plan();
    p.sheets[0].print = { ...p.sheets[0].print!, ...change };
    const err = await rejection(hostOn(fake).writeResults(p));
    expect(err.code).toBe('invalid_print_setup');
    expect(err.en).toBe(`The print setup of sheet "TT Resumen" is not valid: ${en}; nothing was written.`);
    expect(fake.writes).toEqual([]);
  }
});
