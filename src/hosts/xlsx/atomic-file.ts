/**
 * A file written whole or not at all (Node): chunks stream into a temp file beside the target, which is renamed
 * over the target only once everything is on disk. A failed write, or a run stopped with Ctrl+C (SIGINT) or killed
 * politely (SIGTERM), removes the temp file: no half-written workbook is ever left where Excel could open it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, promises as fs, rmSync } from 'node:fs';
import * as path from 'node:path';

/** Temp files being written now, removed if the process is stopped by a signal. */
const pending = new Map<string, number | undefined>();
let listening = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const [temp, fd] of pending) {
    try {
      if (fd !== undefined) closeSync(fd);
    } catch {
      // the descriptor may already be closed; removing the file is what matters
    }
    rmSync(temp, { force: true });
  }
  pending.clear();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  listening = false;
  // Re-raise with the default handler, so the exit status says which signal stopped the run (130, 143).
  process.kill(process.pid, signal);
}

function watchSignals(): void {
  if (listening) return;
  listening = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function unwatchIfIdle(): void {
  if (pending.size > 0 || !listening) return;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  listening = false;
}

export interface AtomicFile {
  /** Appends bytes (awaiting each write keeps memory flat however large the file). */
  write(chunk: Uint8Array): Promise<void>;
  /** Flushes, closes and renames the temp file over the target. */
  commit(): Promise<void>;
  /** Closes and removes the temp file; the target is left as it was. */
  abort(): Promise<void>;
}

/** The longest file name most file systems take (ext4, APFS, NTFS: 255 bytes or UTF-16 units). */
const MAX_NAME_BYTES = 255;

/**
 * Where a temp file for `target` goes: the same folder (so the rename is atomic), hidden, unique. The target's name
 * is shortened in it when the temp name would pass 255 bytes, so any name the folder takes can be written.
 */
export function tempPathFor(target: string): string {
  const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let name = path.basename(target);
  const room = MAX_NAME_BYTES - 1 - Buffer.byteLength(suffix);
  if (Buffer.byteLength(name) > room) {
    while (Buffer.byteLength(name) > room) name = name.slice(0, -1);
    if (/[\uD800-\uDBFF]$/.test(name)) name = name.slice(0, -1); // never half of a surrogate pair
  }
  return path.join(path.dirname(target), `.${name}${suffix}`);
}

const errnoOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/**
 * Creates the folder `dir` and its missing parents, one level at a time, and fails at once when one cannot be made.
 * Node's own mkdir(dir, { recursive: true }) (Node 20) never settles when a parent exists but refuses a child with
 * ENOENT, as /proc does (`-o /proc/x/r.xlsx` spun forever): it makes the parent again (EEXIST) and retries. Here
 * the only failure that is not final is "already there, and a folder" (another process made it meanwhile); a
 * broken symbolic link on the way fails too (EEXIST from mkdir, and no folder behind it).
 */
export async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ;) {
    let st;
    try {
      st = await fs.stat(at);
    } catch (e) {
      const parent = path.dirname(at);
      if (errnoOf(e) !== 'ENOENT' || parent === at) throw e;
      missing.push(at);
      at = parent;
      continue;
    }
    if (!st.isDirectory()) {
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), {
        code: 'ENOTDIR',
        syscall: 'mkdir',
        path: at,
      });
    }
    break;
  }
  for (const folder of missing.reverse()) {
    try {
      await fs.mkdir(folder);
    } catch (e) {
      if (errnoOf(e) !== 'EEXIST') throw e;
      const isFolder = await fs.stat(folder).then(
        (st) => st.isDirectory(),
        () => false, // a dangling symbolic link: EEXIST from mkdir, ENOENT from stat, and no folder either way
      );
      if (!isFolder) throw e;
    }
  }
}

/** Opens a temp file for `target` (its folder is created when missing; see makeFolder). */
export async function openAtomic(target: string): Promise<AtomicFile> {
  await makeFolder(path.dirname(target));
  const temp = tempPathFor(target);
  watchSignals();
  pending.set(temp, undefined);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temp, 'wx', 0o644);
  } catch (e) {
    pending.delete(temp);
    unwatchIfIdle();
    throw e;
  }
  pending.set(temp, handle.fd);
  let done = false;
  const finish = () => {
    done = true;
    pending.delete(temp);
    unwatchIfIdle();
  };
  return {
    async write(chunk) {
      let off = 0;
      while (off < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, off, chunk.length - off);
        off += bytesWritten;
      }
    },
    async commit() {
      if (done) throw new Error('atomic file already finished');
      try {
        await handle.sync();
        await handle.close();
        await fs.rename(temp, target);
      } catch (e) {
        await handle.close().catch(() => undefined); // already closed when the rename failed
        await fs.rm(temp, { force: true });
        finish();
        throw e;
      }
      finish();
    },
    async abort() {
      if (done) return;
      await handle.close().catch(() => undefined); // closing twice is the only failure, and harmless here
      await fs.rm(temp, { force: true });
      finish();
    },
  };
}

/** Bytes gathered before a write to the file: a zip arrives as hundreds of small headers and parts. */
const WRITE_BUFFER = 1 << 20;

/**
 * Writes everything `produce` sends to its sink into `target` atomically. Small chunks are gathered into writes of
 * about a megabyte (each file write is a round trip to the thread pool); large ones go straight through.
 */
export async function writeAtomically(
  target: string,
  produce: (sink: (chunk: Uint8Array) => Promise<void>) => Promise<void>,
): Promise<void> {
  const file = await openAtomic(target);
  let pending: Uint8Array[] = [];
  let size = 0;
  const flush = async () => {
    if (size === 0) return;
    const whole = new Uint8Array(size);
    let at = 0;
    for (const c of pending) {
      whole.set(c, at);
      at += c.length;
    }
    pending = [];
    size = 0;
    await file.write(whole);
  };
  try {
    await produce(async (chunk) => {
      if (chunk.length >= WRITE_BUFFER) {
        await flush();
        await file.write(chunk);
        return;
      }
      // The writer may reuse a chunk's memory once the sink returns: keep a copy.
      pending.push(chunk.slice());
      size += chunk.length;
      if (size >= WRITE_BUFFER) await flush();
    });
    await flush();
  } catch (e) {
    await file.abort();
    throw e;
  }
  await file.commit();
}
