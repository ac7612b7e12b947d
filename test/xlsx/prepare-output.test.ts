/**
 * A valid workbook and an output that cannot be written: the run says so before it computes anything (a large plan
 * takes minutes to compute), and leaves nothing behind; a writable output is probed without a trace.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XlsxHost } from '../../src/hosts/xlsx/host';
import { HostError } from '../../src/workbook/port';
import { runWorkbook, type RunStage } from '../../src/workbook/run';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-prepare-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test.each([
  ['a folder that cannot be created (/proc)', '/proc/ttm-nope/r.xlsx'],
  ['a path whose parent is a file', path.join(SAMPLE, 'r.xlsx')],
])('%s: output_unwritable before computing', async (_what, target) => {
  const stages: RunStage[] = [];
  const run = runWorkbook(new XlsxHost(SAMPLE, target), { lang: 'es', onProgress: (s) => stages.push(s) });
  await expect(run).rejects.toMatchObject({ code: 'output_unwritable' });
  await expect(run).rejects.toBeInstanceOf(HostError);
  expect(stages).toEqual(['reading', 'validating']);
});

test('an existing file that is not ours: output_exists before computing', async () => {
  const target = path.join(dir, 'mine.xlsx');
  await fs.writeFile(target, 'my notes');
  const stages: RunStage[] = [];
  await expect(
    runWorkbook(new XlsxHost(SAMPLE, target), { lang: 'en', onProgress: (s) => stages.push(s) }),
  ).rejects.toMatchObject({ code: 'output_exists' });
  expect(stages).toEqual(['reading', 'validating']);
  expect(await fs.readFile(target, 'utf8')).toBe('my notes');
});

test('a writable output: the probe leaves no file behind, the run then writes the results', async () => {
  const target = path.join(dir, 'new', 'folder', 'r.xlsx');
  const host = new XlsxHost(SAMPLE, target);
  await host.prepareOutput();
  expect(await fs.readdir(path.dirname(target))).toEqual([]);
  const outcome = await runWorkbook(host, { lang: 'es' });
  expect(outcome.ok).toBe(true);
  expect(await fs.readdir(path.dirname(target))).toEqual(['r.xlsx']);
});
