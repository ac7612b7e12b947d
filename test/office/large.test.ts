/**
 * 1 M cells through Excel on the web's 5 MB payload limit: the fake throws above it, so passing proves chunking.
 */
import { FakeExcel, PAYLOAD_LIMIT } from '../fakes/excel';
import { CHUNK_BUDGET } from '../../src/hosts/office/payload';
import type { ResultsPlan } from '../../src/workbook/port';
import { hostOn } from './support';

const ROWS = 100_000;
const COLS = 10;
/** Six-digit integers only, so every row has the same JSON length. */
const cell = (i: number, j: number): number => 100_000 + ((i * 7 + j * 13) % 900_000);

function bigRows(): number[][] {
  return Array.from({ length: ROWS }, (_, i) => Array.from({ length: COLS }, (_, j) => cell(i, j)));
}

test('a 100,000 × 10 table is read in 4 MB chunks: 1 + 2 syncs, no response over 5 MB', async () => {
  const fake = new FakeExcel({ sheets: ['Volúmenes'] });
  fake.seedTable({
    name: 'BaseVolumes',
    sheet: 'Volúmenes',
    headers: Array.from({ length: COLS }, (_, j) => `c${j}`),
    rows: bigRows(),
  });
  const grids = await hostOn(fake).readTables(['BaseVolumes']);

  // A row is "[" + 10 × 6 digits + 9 commas + "]" = 71 bytes, 72 with its separator: 7.2 MB in all.
  // Rows per 4 MB chunk = floor(4,194,304 / 72) = 58,254 → chunks of 58,254 and 41,746 rows → 2 value syncs.
  expect(Math.floor(CHUNK_BUDGET / 72)).toBe(58_254);
  expect(fake.syncCount).toBe(3);
  expect(fake.syncs.map((s) => s.error)).toEqual([undefined, undefined, undefined]);
  // Values of chunk 1: 58,254 rows × 71 + 58,253 commas + 2 brackets = 4,194,289 bytes (plus the row-range address).
  expect(fake.syncs[1].responseBytes).toBeGreaterThanOrEqual(4_194_289);
  expect(fake.syncs[1].responseBytes).toBeLessThan(4_194_289 + 100);
  for (const s of fake.syncs) expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);

  const g = grids.get('BaseVolumes')!;
  expect(g.rows).toHaveLength(ROWS);
  expect(g.rows[0]).toEqual(Array.from({ length: COLS }, (_, j) => cell(0, j)));
  expect(g.rows[58_253][9]).toBe(cell(58_253, 9)); // last row of chunk 1
  expect(g.rows[58_254][0]).toBe(cell(58_254, 0)); // first row of chunk 2
  expect(g.rows[ROWS - 1][COLS - 1]).toBe(cell(ROWS - 1, COLS - 1));
  expect(fake.writes).toEqual([]);
});

test('when the sample underestimates the rows, a too-large response is halved and retried', async () => {
  const fake = new FakeExcel({ sheets: ['S'] });
  // 32 short rows for the sample, then 60,000 rows of 100 characters: ≈ 6.2 MB, estimated at ≈ 0.3 MB.
  const rows = [
    ...Array.from({ length: 32 }, () => ['x']),
    ...Array.from({ length: 60_000 }, (_, i) => [`${'y'.repeat(94)}${String(i).padStart(6, '0')}`]),
  ];
  fake.seedTable({ name: 'Notes', sheet: 'S', headers: ['Nota'], rows });
  const grids = await hostOn(fake).readTables(['Notes']);
  // Sync 1 metadata; sync 2 everything → ResponsePayloadSizeLimitExceeded; syncs 3 and 4 the two halves.
  expect(fake.syncs.map((s) => s.error ?? 'ok')).toEqual(['ok', 'ResponsePayloadSizeLimitExceeded', 'ok', 'ok']);
  expect(grids.get('Notes')!.rows).toHaveLength(60_032);
  expect(grids.get('Notes')!.rows[60_031]).toEqual([`${'y'.repeat(94)}059999`]);
});

test('a 1 M-cell result is written in 4 MB chunks: 2 + 2 + 1 syncs, no request over 5 MB, progress per chunk', async () => {
  const fake = new FakeExcel({ sheets: ['Entrada'] });
  fake.seedTable({ name: 'Customers', sheet: 'Entrada', headers: ['Id'], rows: [['WMT']] });
  const plan: ResultsPlan = {
    sheets: [
      {
        role: 'test_sheet_67',
        name: 'TT Líneas',
        freezeHeader: true,
        tables: [
          {
            name: 'ttm_Lines',
            columns: Array.from({ length: COLS }, (_, j) => ({
              id: `c${j}`,
              header: `c${j}`,
              format: 'units' as const,
              numberFormat: '#,##0',
            })),
            rows: bigRows(),
          },
        ],
      },
    ],
  };
  const progress: [number, number][] = [];
  const report = await hostOn(fake).writeResults(plan, { onProgress: (w, t) => progress.push([w, t]) });
  // 2 inspection syncs + 7.2 MB of cells in two requests of at most 4 MB + the last sync (widths, recalculation).
  expect(fake.syncCount).toBe(5);
  for (const s of fake.syncs) {
    expect(s.error).toBeUndefined();
    expect(s.requestBytes).toBeLessThanOrEqual(CHUNK_BUDGET);
  }
  // Request bytes in all: header '["c0",…,"c9"]' = 2 + 10 × 4 + 9 = 51 → '[[…]]' 53; rows in two arrays:
  // 100,000 × 71 + 99,998 commas + 4 brackets = 7,200,002; ten formats '[["#,##0"]]' × 11 = 110; the owner marker's
  // name '"_ttm_owner_test_sheet_67"' 26 and its empty comment '""' 2 → 7,200,193.
  expect(fake.syncs.reduce((n, s) => n + s.requestBytes, 0)).toBe(7_200_193);
  // Progress after each data sync: cells so far of the plan's total.
  expect(progress.at(-1)).toEqual([COLS + ROWS * COLS, COLS + ROWS * COLS]);
  expect(progress).toHaveLength(2);
  expect(report.cellsWritten).toBe(COLS + ROWS * COLS);

  const t = fake.table('ttm_Lines');
  expect(t.address).toBe("'TT Líneas'!A1:J100001");
  expect(t.rows).toHaveLength(ROWS);
  expect(t.rows[77_777]).toEqual(Array.from({ length: COLS }, (_, j) => cell(77_777, j)));
  expect(fake.writes.some((w) => w.sheet === 'Entrada')).toBe(false);
});
