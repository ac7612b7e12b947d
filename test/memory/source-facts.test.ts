/**
 * The browser demo diagnoses what the CLI does: a workbook opened in the in-memory host keeps how its tables sat in
 * the file (hidden rows, merged cells…), so the contract's warnings and errors about them reach the pane.
 */
import { loadMemoryWorkbookFromXlsx } from '../../src/hosts/memory';
import { readModel } from '../../src/workbook/contract';
import { BROKEN_WORKBOOKS, Kit } from '../fixtures/broken-workbooks';
import { EXPECTED } from '../fixtures/broken-workbooks-expected';

test.each(['hidden-rows', 'merged-key-cells', 'rows-below-table'])(
  '%s: the same diagnosis as the .xlsx host',
  async (id) => {
    const entry = BROKEN_WORKBOOKS.find((b) => b.id === id)!;
    const host = await loadMemoryWorkbookFromXlsx(await entry.make(await Kit.sample()), `${id}.xlsx`);
    const parsed = await readModel(host);
    const codes = parsed.ok ? [] : parsed.errors.map((e) => e.code);
    expect({ codes, warnings: parsed.warnings.map((w) => w.es) }).toEqual({
      codes: EXPECTED[id].errors.map((e) => e.code),
      warnings: EXPECTED[id].warnings.map((w) => w.es),
    });
  },
);
