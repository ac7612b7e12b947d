/**
 * runWorkbook lets go of the input grids once the model is parsed: a million-row BaseVolumes grid (~150 MB of arrays)
 * kept alive through compute, lay out and write was marked again by every collection of the old generation (pauses
 * of 0.1–0.2 s each, about a dozen at 1 M rows) and raised the peak RSS by ~200 MB. Checked with a host that hands
 * out grids of its own and, when asked to write, collects garbage and looks whether they are gone.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ResultsPlan, TableGrid, WorkbookHost, WriteReport } from '../../src/workbook/port';
import { runWorkbook } from '../../src/workbook/run';
import { workbook } from './fixtures';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Reads the fixture's tables (fresh grids each time); at write time, whether each grid handed out is still alive. */
function watchingHost(): WorkbookHost & { aliveAtWrite: number[] } {
  const handedOut: WeakRef<TableGrid>[] = [];
  const host = {
    aliveAtWrite: [] as number[],
    listTables: () => Promise.resolve([]),
    readTables: () => {
      const grids = workbook();
      for (const g of grids.values()) handedOut.push(new WeakRef(g));
      return Promise.resolve(grids);
    },
    describeSource: () => Promise.resolve({ name: 'memoria.xlsx', fingerprint: 'f', fingerprintOf: 'tables' as const }),
    writeResults: async (plan: ResultsPlan): Promise<WriteReport> => {
      await new Promise((resolve) => setTimeout(resolve, 0)); // past the job that may still hold them
      gc();
      host.aliveAtWrite.push(handedOut.filter((w) => w.deref() !== undefined).length);
      return { sheetsWritten: plan.sheets.map((s) => s.name), cellsWritten: 0, target: 'memoria', notices: [] };
    },
  };
  return host as unknown as WorkbookHost & { aliveAtWrite: number[] };
}

test('no input grid outlives its parsing: by the time results are written, every one can be collected', async () => {
  const host = watchingHost();
  const outcome = await runWorkbook(host, { lang: 'es', runAt: new Date('2026-12-02T10:00:00Z') });
  expect(outcome.ok).toBe(true);
  expect(outcome.ok && outcome.model.customers.map((c) => c.id)).toEqual(['WMX', 'OXXO']);
  expect(host.aliveAtWrite).toEqual([0]);
});
