import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeAtomically } from '../../src/hosts/xlsx/atomic-file';

const bytes = (s: string) => new TextEncoder().encode(s);

/** Each test's own folder, all removed at the end. */
const made: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ttm-atomic-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('writeAtomically', () => {
  test('the target gets every chunk, and no temp file stays behind', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'sub', 'resultados.xlsx');
    await writeAtomically(target, async (sink) => {
      await sink(bytes('uno,'));
      await sink(bytes('dos'));
    });
    expect(readFileSync(target, 'utf8')).toBe('uno,dos');
    expect(readdirSync(path.dirname(target))).toEqual(['resultados.xlsx']);
  });

  test('a failure part-way leaves the old target as it was and removes the temp file', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'resultados.xlsx');
    writeFileSync(target, 'anterior');
    await expect(
      writeAtomically(target, async (sink) => {
        await sink(bytes('medio archivo'));
        throw new Error('disco lleno');
      }),
    ).rejects.toThrow('disco lleno');
    expect(readFileSync(target, 'utf8')).toBe('anterior');
    expect(readdirSync(dir)).toEqual(['resultados.xlsx']);
  });

  test.each(['SIGINT', 'SIGTERM'] as const)(
    '%s while writing removes the temp file and stops with that signal',
    async (signal) => {
      const dir = tempDir();
      const target = path.join(dir, 'resultados.xlsx');
      const script = `
      const { writeAtomically } = require(${JSON.stringify(path.join(__dirname, '../../src/hosts/xlsx/atomic-file.ts'))});
      writeAtomically(${JSON.stringify(target)}, async (sink) => {
        await sink(new Uint8Array(1000));
        process.stdout.write('writing\\n');
        await new Promise((r) => setTimeout(r, 30000));
      });`;
      const child = spawn(process.execPath, ['-r', 'tsx/cjs', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(true);
      child.kill(signal);
      const [, how] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.once('exit', (code, sig) => resolve([code, sig])),
      );
      expect(how).toBe(signal);
      expect(readdirSync(dir)).toEqual([]);
    },
    30000,
  );
});
