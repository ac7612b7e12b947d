/**
 * The pieces under the CLI's output-path failures (scripting.test.ts runs them through the built CLI): folders made
 * one level at a time (Node's recursive mkdir never settled under /proc), temp names that fit however long the
 * target's name, and the plain-words reason for each system error, the read-only file system included (a container
 * without privileges cannot mount one, so that reason is checked here from the error code alone).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeFolder, tempPathFor, writeAtomically } from '../../src/hosts/xlsx/atomic-file';
import { unwritable, unwritableReason } from '../../src/hosts/xlsx/output-target';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-output-paths-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

describe('makeFolder', () => {
  test('makes every missing level; an existing folder is fine, twice or concurrently', async () => {
    const deep = path.join(dir, 'a', 'b', 'c');
    await makeFolder(deep);
    expect((await fs.stat(deep)).isDirectory()).toBe(true);
    await makeFolder(deep);
    await Promise.all([makeFolder(path.join(dir, 'x', 'y')), makeFolder(path.join(dir, 'x', 'y', 'z'))]);
    expect((await fs.stat(path.join(dir, 'x', 'y', 'z'))).isDirectory()).toBe(true);
  });

  test('under /proc it fails at once with ENOENT (Node’s recursive mkdir never settled)', async () => {
    const target = `/proc/ttm-no-such-${process.pid}/a/b`;
    await expect(makeFolder(target)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 3_000);

  test('through a regular file, a file in its place, or a broken link: it fails and makes nothing', async () => {
    await fs.writeFile(path.join(dir, 'f'), 'x');
    await expect(makeFolder(path.join(dir, 'f', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(makeFolder(path.join(dir, 'f'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await fs.symlink(path.join(dir, 'gone'), path.join(dir, 'roto'));
    let failure: unknown;
    await makeFolder(path.join(dir, 'roto', 'sub')).catch((e: unknown) => (failure = e));
    expect(errno(failure)).toBe('EEXIST');
    expect((await fs.readdir(dir)).sort()).toEqual(['f', 'roto']);
  }, 3_000);
});

describe('temp names', () => {
  test('a target name near the 255-byte limit still gets a temp name that fits, and is written', async () => {
    const name = `${'ñ'.repeat(120)}.xlsx`; // 245 bytes in UTF-8
    expect(Buffer.byteLength(name)).toBe(245);
    const temp = path.basename(tempPathFor(path.join(dir, name)));
    expect(Buffer.byteLength(temp)).toBeLessThanOrEqual(255);
    expect(temp.startsWith('.ññ')).toBe(true);
    expect(temp).toMatch(/\.\d+\.[0-9a-f]{8}\.tmp$/);
    await writeAtomically(path.join(dir, name), (sink) => sink(new TextEncoder().encode('hola')));
    expect(await fs.readdir(dir)).toEqual([name]);
  });

  test('a short name is kept whole', () => {
    expect(path.basename(tempPathFor('/x/resultados.xlsx'))).toMatch(/^\.resultados\.xlsx\.\d+\.[0-9a-f]{8}\.tmp$/);
  });
});

describe('unwritableReason', () => {
  test.each([
    ['EROFS', 'it is on a read-only file system', 'está en un sistema de archivos de solo lectura'],
    ['EACCES', 'there is no permission to write there', 'no hay permiso para escribir ahí'],
    ['EPERM', 'there is no permission to write there', 'no hay permiso para escribir ahí'],
    ['ENOTDIR', 'part of the path is not a folder (it is a file or a broken link)', 'una parte de la ruta'],
    ['ENAMETOOLONG', 'the name or the path is too long', 'el nombre o la ruta es demasiado largo'],
    ['ENOENT', 'that location does not take new files (or its folder cannot be created)', 'esa ubicación'],
    ['ENOSPC', 'the disk is full', 'no queda espacio en el disco'],
  ])('%s: "%s"', (code, en, es) => {
    const cause = Object.assign(new Error(`${code}: something, open '/x/.r.tmp'`), { code });
    const why = unwritableReason(cause);
    expect(why?.en).toBe(en);
    expect(why?.es.startsWith(es)).toBe(true);
    const e = unwritable('/montado/r.xlsx', why!, cause);
    expect(e.code).toBe('output_unwritable');
    expect(e.en).toBe(`Cannot write to "/montado/r.xlsx": ${en}. Choose another output path; nothing was written.`);
    expect(e.es.startsWith(`No se puede escribir en «/montado/r.xlsx»: ${es}`)).toBe(true);
    expect(e.cause).toBe(cause);
  });

  test('an error without a known code has no reason of its own (the caller keeps its general sentence)', () => {
    expect(unwritableReason(new Error('disco lleno'))).toBeUndefined();
    expect(unwritableReason(undefined)).toBeUndefined();
  });
});
