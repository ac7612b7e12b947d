/**
 * Every kind of package the SpreadsheetML writer makes passes the shared checker of the rules whose breach makes Excel
 * "repair" a file (test/support/ooxml-check.ts), warnings included: the sample's results in Spanish and in English,
 * sheets with charts in ZIP64 form, hand-made result sheets, the exported input tables, a template with a hidden
 * sheet, drop-downs and a custom XML part.
 */
import * as path from 'node:path';
import { XlsxHost } from '../../../src/hosts/xlsx';
import {
  collectingSink,
  renderWorksheet,
  WorkbookPackage,
  writeResultsPackage,
  writeTablesPackage,
} from '../../../src/hosts/xlsx/sml';
import { nodeDeflater } from '../../../src/hosts/xlsx/sml/node-deflate';
import { INPUT_TABLE_NAMES } from '../../../src/workbook/contract/specs';
import type { ResultsPlan } from '../../../src/workbook/port';
import { expectValidPackage } from '../../support/ooxml-check';
import { scenariosSheet, summarySheet } from '../../support/result-sheets';
import { samplePlan, SAMPLE } from './helpers';

jest.setTimeout(60_000);

async function results(plan: ResultsPlan, zip64?: 'force'): Promise<Uint8Array> {
  const out = collectingSink();
  await writeResultsPackage(plan, out.sink, { deflater: nodeDeflater(), zip64 });
  return out.bytes();
}

test.each(['es', 'en'] as const)('the sample’s results (%s)', async (lang) => {
  expectValidPackage(await results(await samplePlan(lang)), { warnings: 'fail' });
});

test('sheets with charts, in ZIP64 form; hand-made sheets (print setup, bar chart, apostrophe)', async () => {
  const plan = await samplePlan();
  expectValidPackage(await results({ sheets: plan.sheets.filter((s) => s.charts) }, 'force'), { warnings: 'fail' });
  const sam = summarySheet();
  sam.name = "TT Sam's Club";
  sam.role = 'test_sams';
  sam.tables[0].name = 'ttm_SamsSummary';
  expectValidPackage(await results({ sheets: [summarySheet(), scenariosSheet(), sam] }), { warnings: 'fail' });
});

test('the exported input tables', async () => {
  const grids = await new XlsxHost(SAMPLE, path.join(__dirname, 'unused.xlsx')).readTables(INPUT_TABLE_NAMES);
  const out = collectingSink();
  await writeTablesPackage([...grids.values()], out.sink);
  expectValidPackage(out.bytes(), { warnings: 'fail' });
});

test('a template: a hidden sheet, drop-downs, a workbook name, a custom XML part', async () => {
  const out = collectingSink();
  const pkg = new WorkbookPackage(out.sink);
  await pkg.addSheet(
    renderWorksheet(
      {
        name: 'Datos',
        rows: [{ row: 1, cells: [{ col: 1, value: 'Canal' }] }],
        validations: [{ sqref: 'A2:A50', type: 'list', source: 'Canales' }],
      },
      pkg.context,
    ),
  );
  await pkg.addSheet(
    renderWorksheet(
      { name: 'Listas', state: 'hidden', rows: [{ row: 1, cells: [{ col: 1, value: 'moderno' }] }] },
      pkg.context,
    ),
  );
  pkg.addDefinedName('Canales', 'Listas!$A$1:$A$1');
  await pkg.addCustomXml({ xml: '<m xmlns="urn:ttm"/>', schemas: ['urn:ttm'] });
  await pkg.finish();
  expectValidPackage(out.bytes(), { warnings: 'fail' });
});
