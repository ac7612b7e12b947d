import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { checkOutputTarget, type OutputTargetOptions } from '../../src/hosts/xlsx/output-target';
import { HostError } from '../../src/workbook/port';

const OURS = new TextEncoder().encode('ours');
const opts = (over: Partial<OutputTargetOptions> = {}): OutputTargetOptions => ({
  force: false,
  ours: (b) => b.length === OURS.length && b.every((x, i) => x === OURS[i]),
  writes: 'results',
  ...over,
});

async function codeOf(p: Promise<unknown>): Promise<{ code: string; es: string; en: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return { code: e.code, es: e.es, en: e.en };
    throw e;
  }
  throw new Error('expected a HostError');
}

describe('checkOutputTarget: what may be replaced', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ttm-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true })); // read-only files go too: the folder is writable

  test('a path with nothing there, and a results file we wrote, are written without a word', async () => {
    expect(await checkOutputTarget(path.join(dir, 'nuevo.xlsx'), opts())).toEqual({});
    const ours = path.join(dir, 'resultados.xlsx');
    writeFileSync(ours, OURS);
    expect(await checkOutputTarget(ours, opts())).toEqual({});
  });

  test("the user's own file needs --force, and the message says what it is and what would replace it", async () => {
    const theirs = path.join(dir, 'plan.xlsx');
    writeFileSync(theirs, 'their workbook');
    const e = await codeOf(checkOutputTarget(theirs, opts()));
    expect(e.code).toBe('output_exists');
    expect(e.es).toBe(
      `«${theirs}» ya existe y es un archivo que no es un libro de resultados de Trade Terms Modeller; no se reemplaza sin --force (se escribiría un libro de resultados en su lugar). Elija otra ruta de salida, o agregue --force si quiere reemplazarlo. No se escribió nada.`,
    );
    expect(e.en).toContain('is a file that is not a results workbook of Trade Terms Modeller');
    expect(await checkOutputTarget(theirs, opts({ force: true }))).toEqual({
      replaced: {
        es: `Se reemplazó «${theirs}» (un archivo que no es un libro de resultados de Trade Terms Modeller), como pidió --force.`,
        en: `Replaced "${theirs}" (a file that is not a results workbook of Trade Terms Modeller), as --force asked.`,
      },
    });
  });

  test('an unreadable predicate (not a workbook at all) counts as not ours, never as an internal error', async () => {
    const junk = path.join(dir, 'junk.xlsx');
    writeFileSync(junk, 'x');
    const e = await codeOf(
      checkOutputTarget(
        junk,
        opts({
          ours: () => {
            throw new Error('not a zip');
          },
        }),
      ),
    );
    expect(e.code).toBe('output_exists');
  });

  test('a symbolic link, even to our own results, needs --force', async () => {
    const ours = path.join(dir, 'r2.xlsx');
    writeFileSync(ours, OURS);
    const link = path.join(dir, 'enlace.xlsx');
    symlinkSync(ours, link);
    const e = await codeOf(checkOutputTarget(link, opts({ writes: 'copy' })));
    expect(e.code).toBe('output_exists');
    expect(e.es).toContain('ya existe y es un enlace simbólico');
    expect(e.es).toContain('se escribiría una copia de su libro con los resultados');
    expect((await checkOutputTarget(link, opts({ force: true }))).replaced?.en).toBe(
      `Replaced "${link}" (a symbolic link), as --force asked.`,
    );
  });

  test('a read-only file (no write permission for anyone) needs --force, even when it is our own results', async () => {
    const ro = path.join(dir, 'solo-lectura.xlsx');
    writeFileSync(ro, OURS);
    chmodSync(ro, 0o444);
    const e = await codeOf(checkOutputTarget(ro, opts()));
    expect(e.code).toBe('output_exists');
    expect(e.es).toContain('ya existe y es un archivo de solo lectura');
    expect((await checkOutputTarget(ro, opts({ force: true }))).replaced?.en).toContain('(a read-only file)');
  });

  test('a FIFO needs --force; a folder and a device are never replaced', async () => {
    const fifo = path.join(dir, 'tuberia');
    execFileSync('mkfifo', [fifo]);
    expect((await codeOf(checkOutputTarget(fifo, opts()))).en).toContain('is a named pipe (FIFO)');
    const folder = path.join(dir, 'carpeta.xlsx');
    mkdirSync(folder);
    const f = await codeOf(checkOutputTarget(folder, opts({ force: true })));
    expect(f).toMatchObject({ code: 'output_unwritable' });
    expect(f.es).toBe(
      `No se puede escribir en «${folder}»: es una carpeta. Elija otra ruta de salida; no se escribió nada.`,
    );
    const dev = await codeOf(checkOutputTarget('/dev/null', opts({ force: true })));
    expect(dev.en).toBe(
      'Cannot write to "/dev/null": it is a device. Choose another output path; nothing was written.',
    );
  });
});
