/**
 * `trade-terms export-base`: an agreed scenario written into the input tables of a NEW workbook. Read back, the new
 * workbook is valid and its base IS the scenario: the engine gives for it what computeScenario gave for the scenario
 * on the old base, to the centavo, and every other customer is unchanged; the customer's scenarios are gone; the
 * input file is untouched.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeModel, computeScenario } from '../../src/engine';
import { XlsxHost } from '../../src/hosts/xlsx';
import { readModel } from '../../src/workbook/contract';
import { main } from '../../src/cli/main';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');
jest.setTimeout(60_000);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-export-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { LANG: 'es_MX.UTF-8' },
    cwd: dir,
    stderrIsTTY: false,
    now: () => new Date(Date.UTC(2026, 10, 2, 12, 0)),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const sha = async (f: string) =>
  createHash('sha256')
    .update(await fs.readFile(f))
    .digest('hex');

test.each(['WMX-P1', 'WMX-C1'])('%s exported as the base gives the scenario’s own figures', async (id) => {
  const before = await sha(SAMPLE);
  const r = await run(['export-base', SAMPLE, '--scenario', id]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const file = path.join(dir, 'out', `sample-trade-terms-base-${id}.xlsx`);
  expect(r.stdout).toContain(
    `Base con el escenario ${id} escrita en: ${path.join('out', `sample-trade-terms-base-${id}.xlsx`)}`,
  );
  expect(r.stdout).toContain('Se quitaron los escenarios de WMX (WMX-P1, WMX-C1)');
  expect(await sha(SAMPLE)).toBe(before);

  const old = await readModel(new XlsxHost(SAMPLE, path.join(dir, 'unused.xlsx')));
  const exported = await readModel(new XlsxHost(file, path.join(dir, 'unused2.xlsx')));
  if (!old.ok) throw new Error('sample invalid');
  if (!exported.ok) throw new Error(exported.errors.map((e) => e.en).join('\n'));
  const scenario = old.model.scenarios!.find((s) => s.id === id)!;
  const expected = computeScenario(old.model, computeModel(old.model), scenario);
  const actual = computeModel(exported.model);
  old.model.customers.forEach((c, k) => {
    for (const f of ['grossSales', 'onInvoice', 'offInvoice', 'netSales', 'contribution', 'promoSpend'] as const)
      expect([c.id, f, actual.customers[k].totals[f]]).toEqual([
        c.id,
        f,
        expect.closeTo(expected.customers[k].totals[f], 2),
      ]);
  });
  expect(exported.model.scenarios!.map((s) => s.id)).toEqual(['OXXO-T3', 'MELI-HS']);
});

test('an unknown scenario: exit 1, nothing written; export-base needs exactly one --scenario', async () => {
  const r = await run(['export-base', SAMPLE, '--scenario', 'NOPE', '-o', 'x.xlsx']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('El escenario «NOPE» no existe en la tabla Escenarios.');
  await expect(fs.access(path.join(dir, 'x.xlsx'))).rejects.toThrow();
  const u = await run(['export-base', SAMPLE]);
  expect(u.code).toBe(2);
  expect(u.stderr).toContain('export-base necesita exactamente un --scenario <id>');
});
