/**
 * Raw DEFLATE decompression behind a small streaming interface, so the reader runs the same in the browser (fflate,
 * pure JavaScript) and in Node (node:zlib, native and about three times faster: node-inflate.ts injects it).
 */
import { Inflate } from 'fflate';
import { pumpThrough, rawDeflateStreams } from '../web-streams';

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

/**
 * The browser's own raw-deflate decompressor (DecompressionStream 'deflate-raw', native code: about twice as fast as
 * fflate on a large sheet), or undefined where the platform has none; callers fall back to fflateInflater.
 */
export function webStreamsInflater(): Inflater | undefined {
  const Ctor = rawDeflateStreams('DecompressionStream');
  return Ctor && { open: (_target, sink) => pumpThrough(Ctor, sink) };
}
