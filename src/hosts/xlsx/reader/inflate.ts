/**
 * Raw DEFLATE decompression behind a small streaming interface, so the reader runs the same in the browser (fflate,
 * pure JavaScript) and in Node (node:zlib, native and about three times faster: node-inflate.ts injects it).
 */
import { Inflate } from 'fflate';

/**
 * Decompressed bytes of one zip entry, in order. The inflater must leave a chunk's bytes unchanged after handing it
 * over (the reader keeps a view on a few bytes of it, a formula's text, until the cell ends): fflate and node:zlib
 * allocate fresh output.
 */
export type InflateSink = (chunk: Uint8Array) => void;

/** One raw-deflate stream: compressed bytes in, decompressed chunks out to the sink given to Inflater.open. */
export interface InflateStream {
  /**
   * Feeds the next compressed bytes (`final` on the last piece). May deliver output synchronously or later; the
   * promise, when one is returned, settles once this piece is consumed (and, for the final piece, once every output
   * chunk has reached the sink). A corrupt stream throws or rejects.
   */
  push(chunk: Uint8Array, final: boolean): void | Promise<void>;
  /** Releases the stream when the reader stops before the final piece (its consumer failed). */
  abort?(): void;
}

/** What the reader is inflating: lets an injected inflater size its buffers (and tests see what was inflated). */
export interface InflateTarget {
  /** Entry name in the zip, e.g. "xl/worksheets/sheet1.xml". */
  name: string;
  compressedSize: number;
  size: number;
}

export interface Inflater {
  open(target: InflateTarget, sink: InflateSink): InflateStream;
  /**
   * A small entry inflated in one call, when the platform does it faster than a stream (Node: zlib's synchronous
   * call spares a thread-pool round trip per part; a workbook has dozens of small parts).
   */
  inflateSync?(data: Uint8Array, maxLength?: number): Uint8Array;
}

/** The default, everywhere: fflate's synchronous streaming Inflate. */
export const fflateInflater: Inflater = {
  open(_target, sink) {
    const inflate = new Inflate((data) => {
      if (data.length > 0) sink(data);
    });
    return { push: (chunk, final) => inflate.push(chunk, final) };
  },
};

/** The structural part of the platform's DecompressionStream this module needs (no DOM typings in the engine build). */
interface DecompressionStreamLike {
  writable: {
    getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void>; abort(): Promise<void> };
  };
  readable: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } };
}
type DecompressionStreamCtor = new (format: string) => DecompressionStreamLike;

/**
 * The browser's own raw-deflate decompressor (DecompressionStream 'deflate-raw', native code: about twice as fast as
 * fflate on a large sheet), or undefined where the platform has none; callers fall back to fflateInflater.
 */
export function webStreamsInflater(): Inflater | undefined {
  const Ctor = (globalThis as { DecompressionStream?: DecompressionStreamCtor }).DecompressionStream;
  if (typeof Ctor !== 'function') return undefined;
  try {
    new Ctor('deflate-raw');
  } catch {
    return undefined; // an engine without the raw format: the caller uses fflate
  }
  return {
    open(_target, sink) {
      const ds = new Ctor('deflate-raw');
      const writer = ds.writable.getWriter();
      const reader = ds.readable.getReader();
      const pumped = (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          if (value && value.length > 0) sink(value);
        }
      })();
      // A failed pump rejects `pumped`; it is awaited at the end (and write() rejects too), so nothing is lost.
      pumped.catch(() => undefined);
      return {
        async push(chunk, final) {
          await writer.write(chunk);
          if (final) {
            await writer.close();
            await pumped;
          }
        },
        abort() {
          void writer.abort().catch(() => undefined); // already errored: nothing more to stop
        },
      };
    },
  };
}
