/**
 * The whole run (read → validate → compute → write) on the bundled sample through the Office host and the fake:
 * the round trips the issue promises, and the input tables untouched.
 */
import { FakeExcel } from '../fakes/excel';
import { runWorkbook } from '../../src/workbook/run';
import type { ResultsPlan, WorkbookHost } from '../../src/workbook/port';
import { hostOn, sampleTables } from './support';

/** Counts the fake's syncs per host call (and keeps the plans written). */
function counted(
  host: WorkbookHost,
  fake: FakeExcel,
  log: Record<string, number>,
  plans: ResultsPlan[] = [],
): WorkbookHost {
  const wrap =
    <A extends unknown[], R>(name: string, f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const before = fake.syncCount;
      try {
        return await f(...a);
      } finally {
        log[name] = (log[name] ?? 0) + fake.syncCount - before;
      }
    };
  return {
    kind: host.kind,
    listTables: wrap('listTables', () => host.listTables()),
    readTables: wrap('readTables', (names: readonly string[]) => host.readTables(names)),
    describeSource: wrap('describeSource', () => host.describeSource()),
    writeResults: wrap('writeResults', (plan, options) => {
      plans.push(plan);
      return host.writeResults(plan, options);
    }),
  };
}

test('the sample runs through the Office host: read in 2 syncs, written in 2 + chunks + 2, inputs untouched', async () => {
  const tables = await sampleTables();
  const fake = new FakeExcel({ workbookName: 'sample-trade-terms.xlsx', sheets: ['Léame'] });
  for (const t of tables) fake.seedTable(t);
  const inputSheets = new Set(tables.map((t) => t.sheet));
  const before = new Map(tables.map((t) => [t.name, JSON.stringify(fake.table(t.name))]));
  const syncs: Record<string, number> = {};
  const plans: ResultsPlan[] = [];

  const outcome = await runWorkbook(counted(hostOn(fake), fake, syncs, plans), {
    lang: 'es',
    runAt: new Date(Date.UTC(2026, 0, 15)),
  });
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.es).join('\n'));

  expect(syncs.readTables).toBe(2);
  expect(syncs.describeSource).toBe(1); // the inputs were just read: only the workbook name is fetched
  const written = fake.syncs.slice(-syncs.writeResults);
  const dataBytes = written.reduce((n, s) => n + s.requestBytes, 0);
  // 2 inspection syncs + one per started 4 MB of cells (each sync carries at most 4 MB) + all charts in one sync +
  // the last sync (widths, frozen panes, one recalculation) + one for the page setup when a sheet is to be printed.
  const printing = plans[0].sheets.some((s) => s.print !== undefined) ? 1 : 0;
  expect(syncs.writeResults).toBeLessThanOrEqual(5 + printing + Math.floor(dataBytes / (4 * 1024 * 1024)));
  for (const s of fake.syncs) {
    expect(s.requestBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(s.responseBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
  }

  expect(fake.writes.filter((w) => inputSheets.has(w.sheet))).toEqual([]);
  for (const t of tables) expect(JSON.stringify(fake.table(t.name))).toBe(before.get(t.name));
  expect(outcome.report.sheetsWritten.length).toBeGreaterThan(3);
  for (const s of outcome.report.sheetsWritten) expect(fake.sheetNames()).toContain(s);
  // Every chart of the plan drawn: waterfalls native (the fake implements ExcelApi 1.9), bar charts clustered.
  const charts = outcome.report.sheetsWritten.flatMap((s) => fake.charts(s));
  const planned = plans[0].sheets.flatMap((s) => s.charts ?? []);
  expect(charts.length).toBeGreaterThan(0);
  expect(charts.filter((c) => c.chartType === 'Waterfall')).toHaveLength(
    planned.filter((c) => c.kind === 'waterfall').length,
  );
  expect(charts.filter((c) => c.chartType === 'BarClustered')).toHaveLength(
    planned.filter((c) => c.kind === 'bar').length,
  );
  expect(charts).toHaveLength(planned.length);
});

test('a bad workbook: every contract error comes back with its address, and nothing is written', async () => {
  const tables = await sampleTables();
  // Break the first numeric cell of the first data row of every table: an Excel error where a number belongs.
  const broken = tables.map((t) => {
    const rows = t.rows.map((r) => [...r]);
    const j = rows[0]?.findIndex((v) => typeof v === 'number') ?? -1;
    if (j >= 0) rows[0][j] = { error: '#REF!' };
    return { ...t, rows, brokenColumn: j };
  });
  const fake = new FakeExcel({ sheets: ['Léame'] });
  for (const t of broken) fake.seedTable(t);
  const outcome = await runWorkbook(hostOn(fake), { lang: 'es' });
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  const addresses = outcome.errors.map((e) => e.address);
  for (const t of broken.filter((b) => b.brokenColumn >= 0 && b.headers.length > 0)) {
    const where = `${t.sheet.includes(' ') ? `'${t.sheet}'` : t.sheet}!`;
    expect(addresses.some((a) => a?.startsWith(where))).toBe(true);
  }
  expect(fake.writes).toEqual([]);
  expect(fake.syncs.every((s) => s.requestBytes === 0)).toBe(true);
});
