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

/** Where a temp file for `target` goes: the same folder (so the rename is atomic), hidden, unique. */
export function tempPathFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** Opens a temp file for `target` (its folder is created when missing). */
export async function openAtomic(target: string): Promise<AtomicFile> {
  await fs.mkdir(path.dirname(target), { recursive: true });
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
