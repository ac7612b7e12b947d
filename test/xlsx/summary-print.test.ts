/**
 * Each negotiation summary prints on one Letter page. The sample's summaries (internal and customer letter, per
 * negotiated customer) are written by the .xlsx host's own writer into a workbook of their own, LibreOffice prints
 * it to PDF (Carlito stands in for Calibri with the same metrics, so the page breaks fall where Excel's do), and
 * pdftotext reads it: every page carries its sheet's header (customer and date), so the pages of each sheet are
 * counted from it; the figures printed match the engine's. LibreOffice, Carlito and poppler-utils are required (CI
 * installs them, .ci/run): a missing one fails this test, it never skips.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { computeModel, fmtNumber, negotiation } from '../../src/engine';
import { XlsxHost } from '../../src/hosts/xlsx';
import { writeResultsInto } from '../support/exceljs';
import { readModel } from '../../src/workbook/contract';
import { buildResultsPlan } from '../../src/workbook/results';
import { toPdf } from '../support/libreoffice';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');
jest.setTimeout(240_000);

test('every summary sheet of the sample prints on exactly one Letter page, with the engine’s figures', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-print-'));
  const parsed = await readModel(new XlsxHost(SAMPLE, path.join(dir, 'unused.xlsx')));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.en).join('\n'));
  const model = parsed.model;
  const results = computeModel(model);
  const plan = buildResultsPlan(model, results, {
    lang: 'es',
    source: { name: 'muestra.xlsx', fingerprint: 'ab'.repeat(32), fingerprintOf: 'file' },
    runAt: new Date('2026-11-02T10:00:00Z'),
  });
  const summaries = plan.sheets.filter((s) => s.print);
  expect(summaries.map((s) => s.name)).toEqual([
    'TT Resumen WMX',
    'TT Carta WMX',
    'TT Resumen OXXO',
    'TT Carta OXXO',
    'TT Resumen MELI',
    'TT Carta MELI',
  ]);
  const wb = new ExcelJS.Workbook();
  writeResultsInto(wb, { sheets: summaries });
  const file = path.join(dir, 'resumenes.xlsx');
  await wb.xlsx.writeFile(file);

  const { pages } = toPdf(file, dir);
  // One page per sheet: six pages, each with its own header, in the workbook's order.
  const headers = summaries.map((s) => s.print!.header);
  expect(pages).toHaveLength(summaries.length);
  pages.forEach((page, k) => expect(page).toContain(headers[k]));

  // The figures printed are the engine's (numbers as the sheets format them).
  const wmx = negotiation(model, results, 'WMX');
  const money = (x: number) => `$${fmtNumber(x, 2)}`;
  expect(pages[0]).toContain(money(wmx.base.maker.contribution));
  expect(pages[0]).toContain(money(wmx.scenarios[0].comparison.view.maker.contribution));
  expect(pages[0]).toContain(`${fmtNumber(wmx.scenarios[1].comparison.view.maker.contributionPct! * 100, 1)}%`);
  expect(pages[0]).toMatch(/Contrapropuesta\s+Walmart/); // a header that wraps in its cell
  // the letter shows the retailer's total margin with the proposal, and never our contribution
  const letter = pages[1];
  expect(letter).toContain(money(wmx.scenarios[0].comparison.view.retailer.total));
  expect(letter).not.toContain(money(wmx.base.maker.contribution));
  expect(letter).not.toMatch(/contribuci[oó]n/i);
  await fs.rm(dir, { recursive: true, force: true });
});
