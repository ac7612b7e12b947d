/**
 * The platform's raw DEFLATE streams (CompressionStream / DecompressionStream 'deflate-raw', native code), shared by
 * the reader's inflater and the writer's deflater: the same push-and-pump over a web TransformStream either way.
 * Structural types only: this module also compiles without the DOM typings.
 */

interface RawDeflateStream {
  writable: {
    getWriter(): {
      write(chunk: Uint8Array): Promise<void>;
      close(): Promise<void>;
      abort(reason?: unknown): Promise<void>;
    };
  };
  readable: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } };
}
type RawDeflateStreamCtor = new (format: string) => RawDeflateStream;

/** The platform's constructor when it has the raw format, else undefined (callers fall back to fflate). */
export function rawDeflateStreams(kind: 'CompressionStream' | 'DecompressionStream'): RawDeflateStreamCtor | undefined {
  const Ctor = (globalThis as Partial<Record<typeof kind, RawDeflateStreamCtor>>)[kind];
  if (typeof Ctor !== 'function') return undefined;
  try {
    new Ctor('deflate-raw');
  } catch {
    return undefined; // an engine without the raw format
  }
  return Ctor;
}

/**
 * One stream through a new `Ctor('deflate-raw')`: bytes pushed in order, every output chunk handed to `sink` as it
 * comes; the final push settles once every output chunk has reached the sink.
 */
export function pumpThrough(
  Ctor: RawDeflateStreamCtor,
  sink: (chunk: Uint8Array) => void,
): { push(chunk: Uint8Array, final: boolean): Promise<void>; abort(): void } {
  const stream = new Ctor('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
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
      if (chunk.length > 0) await writer.write(chunk);
      if (final) {
        await writer.close();
        await pumped;
      }
    },
    abort() {
      // Already errored: nothing more to stop. A reason, so anything still waiting on the stream learns why.
      void writer.abort(new Error('zip entry abandoned')).catch(() => undefined);
    },
  };
}
