/** The memory host keeps what a sheet meant to be printed asks for, so the pane and the tests can read it. */
import { MemoryWorkbook } from '../../src/hosts/memory';
import { summarySheet } from '../support/result-sheets';

test('the print setup is kept per sheet (a copy), replaced by the next run, dropped when the plan has none', async () => {
  const wb = new MemoryWorkbook({ name: 'libro.xlsx' });
  const plan = { sheets: [summarySheet()] };
  await wb.writeResults(plan);
  expect(wb.getSheet('TT Resumen')!.print).toEqual({
    paper: 'letter',
    orientation: 'portrait',
    scale: 90,
    area: 'A1:B6',
    titleRows: '1:3',
    header: 'Walmart de México — P&L — 2026-01-15',
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.25, footer: 0.25 },
  });
  plan.sheets[0].print!.margins.left = 9; // the plan is the caller's: the sheet holds its own copy
  expect(wb.getSheet('TT Resumen')!.print!.margins.left).toBe(0.5);

  const landscape = summarySheet();
  landscape.print = { ...landscape.print!, orientation: 'landscape', scale: 75 };
  await wb.writeResults({ sheets: [landscape] });
  expect(wb.getSheet('TT Resumen')!.print).toMatchObject({ orientation: 'landscape', scale: 75 });

  const none = summarySheet();
  delete none.print;
  await wb.writeResults({ sheets: [none] });
  expect(wb.getSheet('TT Resumen')!.print).toBeUndefined();
});

test('cells of a wrapped column are marked wrap; the others and the header are not', async () => {
  const wb = new MemoryWorkbook({ name: 'libro.xlsx' });
  await wb.writeResults({ sheets: [summarySheet()] });
  const s = wb.getSheet('TT Resumen')!;
  expect(['B4', 'B5', 'B6'].map((a) => s.cell(a)?.wrap)).toEqual([true, true, true]);
  expect(['A4', 'B3'].map((a) => s.cell(a)?.wrap)).toEqual([undefined, undefined]);
});

test('a print setup Excel would refuse is refused before anything is written', async () => {
  const wb = new MemoryWorkbook({ name: 'libro.xlsx' });
  const bad = summarySheet();
  bad.print = { ...bad.print!, scale: 5 };
  await expect(wb.writeResults({ sheets: [bad] })).rejects.toMatchObject({ code: 'invalid_print_setup' });
  expect(wb.sheetNames()).toEqual([]);
});
