/**
 * The browser demo's "Download with results": a copy of the .xlsx it opened with the result sheets merged in, as
 * `trade-terms run --into` writes it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadMemoryWorkbookFromXlsx, HostError } from '../../src/hosts/memory';
import { openWorkbook } from '../../src/hosts/xlsx/reader';
import { runWorkbook } from '../../src/workbook/run';
import { checkPackage } from '../support/ooxml-check';
import { zipEntries } from '../fixtures/merge-fixture';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');

describe('MemoryWorkbook.downloadResults', () => {
  test('before any write it says to write first; after one, the copy holds the results and the file otherwise unchanged', async () => {
    const bytes = readFileSync(SAMPLE);
    const downloads: { bytes: Uint8Array; name: string }[] = [];
    const memory = await loadMemoryWorkbookFromXlsx(bytes, 'sample-trade-terms.xlsx', {
      download: (b, name) => {
        downloads.push({ bytes: b, name });
      },
    });
    const early = await memory.downloadResults().catch((e: unknown) => e);
    expect(early).toBeInstanceOf(HostError);
    expect((early as HostError).code).toBe('nothing_to_download');
    expect((early as HostError).es).toBe('Todavía no hay resultados que descargar: primero use «Escribir resultados».');

    const outcome = await runWorkbook(memory, { lang: 'en', runAt: new Date('2026-10-15T12:00:00Z') });
    expect(outcome.ok).toBe(true);
    expect(await memory.downloadResults()).toEqual({
      target: 'sample-trade-terms-with-results.xlsx',
      delivery: 'download',
    });
    expect(downloads.map((d) => d.name)).toEqual(['sample-trade-terms-with-results.xlsx']);
    const copy = downloads[0].bytes;
    expect(checkPackage(copy).filter((p) => p.severity === 'error')).toEqual([]);
    const wb = await openWorkbook(copy, 'copy');
    expect(wb.ownerMarkers().get('pnl')).toBe('TT Customer P&L');
    // The user's sheets, byte for byte.
    const before = zipEntries(bytes);
    const after = zipEntries(copy);
    for (const [name, data] of before) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
      expect([name, Buffer.compare(Buffer.from(after.get(name)!), Buffer.from(data))]).toEqual([name, 0]);
    }
  }, 60000);

  test('a workbook with nowhere to download to says how to get the copy instead', async () => {
    const memory = await loadMemoryWorkbookFromXlsx(readFileSync(SAMPLE), 'sample-trade-terms.xlsx');
    const err = await memory.downloadResults().catch((e: unknown) => e);
    expect((err as HostError).code).toBe('export_unsupported');
    expect((err as HostError).en).toContain('run the command line with --into');
  });
});
