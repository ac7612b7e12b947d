/**
 * A streaming zip writer (PKWARE APPNOTE 6.3): entries go to a sink as they are produced, so a worksheet of a million
 * rows is never held whole, neither as XML nor compressed.
 *
 * - addEntry(name, data): bytes or text known whole are compressed first and written with their sizes in the local
 *   header; text arriving as an (async) iterable of pieces (strings, or UTF-8 bytes) is compressed as it comes, with a
 *   data descriptor after it.
 * - addRaw(name, entry): another zip's entry copied byte for byte, still compressed (merging into a user's workbook
 *   copies its parts this way, never recompressing them).
 * - ZIP64 where needed: an entry of 4 GiB or more, an offset past 4 GiB, more than 65,535 entries. `zip64: 'force'`
 *   writes every ZIP64 structure regardless, which is how the tests exercise that path without 4 GiB of data.
 *   A streamed entry only learns its size at its end: its local header has no ZIP64 extra field unless forced, and its
 *   data descriptor takes 8-byte sizes when it outgrew 4 GiB (as Go's archive/zip does); readers go by the central
 *   directory, which is exact.
 *
 * Compression goes through a Deflater: fflate's (pure JavaScript, the browser's) by default, or one injected, such
 * as Node's zlib (node-deflate.ts), which compresses on another thread while this one produces XML.
 */
import { Deflate } from 'fflate';
import { crc32 as jsCrc32 } from './crc32';

/** Where the zip's bytes go, in order. A returned promise is awaited before the next chunk (backpressure). */
export type ZipSink = (chunk: Uint8Array) => void | Promise<void>;

/** Compressed bytes of one entry, in order. The deflater leaves a chunk unchanged once handed over. */
export type DeflateSink = (chunk: Uint8Array) => void;

/**
 * One entry's raw DEFLATE stream (RFC 1951: no zlib or gzip wrapper), the counterpart of the reader's InflateStream
 * (src/hosts/xlsx/reader/inflate.ts).
 */
export interface DeflateStream {
  /**
   * Compresses the next bytes (`final` on the last piece, which may be empty); the final piece settles once every
   * compressed byte has reached the sink. A pushed chunk is the stream's: the writer never changes it afterwards, so
   * a stream may keep it queued past the promise.
   */
  push(chunk: Uint8Array, final: boolean): void | Promise<void>;
  /** Releases the stream when the entry is abandoned before its final piece (its producer failed). */
  abort?(): void;
}

/** A DEFLATE implementation for the zip writer: fflate's by default, Node's zlib injected (node-deflate.ts). */
export interface Deflater {
  open(sink: DeflateSink): DeflateStream;
  /**
   * The whole of a small entry at once, when the platform does that faster than a stream (Node: zlib's synchronous
   * call spares a thread-pool round trip per part: a results file has a hundred small parts).
   */
  deflateSync?(data: Uint8Array): Uint8Array;
  /** CRC-32 of `data` continuing from `crc`, when the platform has a faster one than the writer's own. */
  crc32?(data: Uint8Array, crc: number): number;
}

/** fflate's DEFLATE (pure JavaScript, synchronous): works everywhere, the browser included. */
export function fflateDeflater(level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6): Deflater {
  return {
    open(sink) {
      const d = new Deflate({ level }, (chunk) => {
        if (chunk.length > 0) sink(chunk);
      });
      return { push: (chunk, final) => d.push(chunk, final) };
    },
  };
}

/** An entry already compressed in another zip, copied as it is. */
export interface RawEntry {
  /** 0 stored, 8 deflated (any method is copied; readers must know it). */
  method: number;
  crc32: number;
  compressedSize: number;
  /** Uncompressed size. */
  size: number;
  /** Exactly compressedSize bytes. */
  data: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
}

/** A piece of a streamed entry: text, or UTF-8 bytes (which the writer leaves unchanged once it has them). */
export type EntryPiece = string | Uint8Array;

export type EntryData = Uint8Array | string | Iterable<EntryPiece> | AsyncIterable<EntryPiece>;

/** A small entry's pieces as one text, or as one run of bytes when some came as bytes. */
function joinPieces(pieces: readonly EntryPiece[]): string | Uint8Array {
  if (pieces.every((p) => typeof p === 'string')) return pieces.join('');
  return concatBytes(pieces.map((p) => (typeof p === 'string' ? encoder.encode(p) : p)));
}

export interface ZipWriterOptions {
  deflater?: Deflater;
  /** 'auto' (default): ZIP64 only where sizes, offsets or counts need it; 'force': everywhere (tests). */
  zip64?: 'auto' | 'force';
  /** Modification time of every entry (default: now). */
  date?: Date;
}

interface CentralRecord {
  name: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  zip64: boolean;
}

const U32 = 0xffffffff;
const U16 = 0xffff;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
/** Strings are gathered into chunks of about this many characters before they are encoded and compressed. */
const TEXT_CHUNK = 1 << 16;
/** Parts up to this size (characters of text, or bytes) are deflated in one call, when the deflater offers one. */
const SMALL_ENTRY = 1 << 20;

const encoder = new TextEncoder();

export class ZipWriter {
  private readonly deflater: Deflater;
  private readonly crc: (data: Uint8Array, crc: number) => number;
  private readonly force: boolean;
  private readonly time: number;
  private readonly day: number;
  private readonly records: CentralRecord[] = [];
  private readonly used = new Set<string>();
  private offset = 0;
  private busy = false;
  private done = false;
  /** Why an entry failed: its bytes are half in the sink, so the zip cannot be completed. */
  private failed: unknown;

  constructor(
    private readonly sink: ZipSink,
    options: ZipWriterOptions = {},
  ) {
    this.deflater = options.deflater ?? fflateDeflater();
    const native = this.deflater.crc32?.bind(this.deflater);
    this.crc = native ?? jsCrc32;
    this.force = options.zip64 === 'force';
    const d = options.date ?? new Date();
    // MS-DOS date and time (local time, two-second resolution); years before 1980 cannot be stored.
    const year = Math.max(1980, d.getFullYear());
    this.time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
    this.day = ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  }

  /** Entry names written so far. */
  get names(): ReadonlySet<string> {
    return this.used;
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.offset;
  }

  /** Adds a compressed entry. Entries are written one at a time: await each before the next. */
  async addEntry(name: string, data: EntryData): Promise<void> {
    const nameBytes = this.begin(name);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await this.whole(nameBytes, data);
      else await this.streamed(nameBytes, data);
    } catch (e) {
      this.failed = e;
      throw e;
    } finally {
      this.busy = false;
    }
  }

  /** Adds an entry copied from another zip, still compressed (see RawEntry). */
  async addRaw(name: string, raw: RawEntry): Promise<void> {
    const nameBytes = this.begin(name);
    try {
      const offset = this.offset;
      const zip64 = this.force || raw.size >= U32 || raw.compressedSize >= U32;
      await this.emit(
        this.localHeader(nameBytes, FLAG_UTF8, raw.method, raw.crc32, raw.compressedSize, raw.size, zip64),
      );
      let copied = 0;
      if (raw.data instanceof Uint8Array) {
        copied = raw.data.length;
        await this.emit(raw.data);
      } else {
        for await (const chunk of raw.data) {
          copied += chunk.length;
          await this.emit(chunk);
        }
      }
      if (copied !== raw.compressedSize) {
        throw new Error(`zip: ${name} holds ${copied} compressed bytes, not the ${raw.compressedSize} announced`);
      }
      this.records.push({ ...this.sizes(raw), name: nameBytes, flags: FLAG_UTF8, method: raw.method, offset, zip64 });
    } catch (e) {
      this.failed = e;
      throw e;
    } finally {
      this.busy = false;
    }
  }

  /** Writes the central directory; the zip is complete when this resolves. */
  async finish(): Promise<{ entries: number; bytes: number }> {
    if (this.busy) throw new Error('zip: finish() while an entry is being written');
    if (this.failed !== undefined)
      throw new Error('zip: an entry failed; the zip cannot be completed', { cause: this.failed });
    if (this.done) throw new Error('zip: finish() called twice');
    this.done = true;
    const start = this.offset;
    for (const r of this.records) await this.emit(this.centralHeader(r));
    const size = this.offset - start;
    const count = this.records.length;
    const zip64 = this.force || count >= U16 || start >= U32 || size >= U32;
    if (zip64) {
      const end64 = this.offset;
      const rec = new DataView(new ArrayBuffer(56));
      rec.setUint32(0, 0x06064b50, true);
      setU64(rec, 4, 44);
      rec.setUint16(12, 45, true);
      rec.setUint16(14, 45, true);
      setU64(rec, 24, count);
      setU64(rec, 32, count);
      setU64(rec, 40, size);
      setU64(rec, 48, start);
      await this.emit(new Uint8Array(rec.buffer));
      const loc = new DataView(new ArrayBuffer(20));
      loc.setUint32(0, 0x07064b50, true);
      setU64(loc, 8, end64);
      loc.setUint32(16, 1, true);
      await this.emit(new Uint8Array(loc.buffer));
    }
    const eocd = new DataView(new ArrayBuffer(22));
    eocd.setUint32(0, 0x06054b50, true);
    eocd.setUint16(8, zip64 ? U16 : count, true);
    eocd.setUint16(10, zip64 ? U16 : count, true);
    eocd.setUint32(12, zip64 ? U32 : size, true);
    eocd.setUint32(16, zip64 ? U32 : start, true);
    await this.emit(new Uint8Array(eocd.buffer));
    return { entries: count, bytes: this.offset };
  }

  // ------------------------------------------------------------------------------------------ entries

  private begin(name: string): Uint8Array {
    if (this.done) throw new Error('zip: entry added after finish()');
    if (this.failed !== undefined)
      throw new Error('zip: an entry failed; the zip cannot be continued', { cause: this.failed });
    if (this.busy) throw new Error('zip: entries are written one at a time (await the previous one)');
    if (name === '' || name.startsWith('/') || name.includes('\\')) throw new Error(`zip: bad entry name "${name}"`);
    const key = name.toLowerCase(); // OPC part names compare case-insensitively
    if (this.used.has(key)) throw new Error(`zip: duplicate entry ${name}`);
    this.used.add(key);
    this.busy = true;
    return encoder.encode(name);
  }

  /** Data known whole: compressed first, then written with its sizes in the local header. */
  private async whole(name: Uint8Array, data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    const parts: Uint8Array[] = [];
    if (this.deflater.deflateSync && bytes.length <= SMALL_ENTRY) parts.push(this.deflater.deflateSync(bytes));
    else await this.deflater.open((c) => parts.push(c)).push(bytes, true);
    const compressedSize = parts.reduce((n, p) => n + p.length, 0);
    const crc = this.crc(bytes, 0);
    const offset = this.offset;
    const zip64 = this.force || bytes.length >= U32 || compressedSize >= U32;
    await this.emit(this.localHeader(name, FLAG_UTF8, 8, crc, compressedSize, bytes.length, zip64));
    for (const p of parts) await this.emit(p);
    this.records.push({ name, flags: FLAG_UTF8, method: 8, crc, compressedSize, size: bytes.length, offset, zip64 });
  }

  /**
   * Text arriving in pieces (strings, or UTF-8 bytes already made: a worksheet's rows): compressed as it comes,
   * sizes and CRC in a data descriptor after the data.
   */
  private async streamed(name: Uint8Array, data: Iterable<EntryPiece> | AsyncIterable<EntryPiece>): Promise<void> {
    // A part that turns out small is written whole (sizes in its header, no data descriptor, one deflate call).
    const iterator = Symbol.asyncIterator in data ? data[Symbol.asyncIterator]() : data[Symbol.iterator]();
    const head: EntryPiece[] = [];
    let length = 0;
    for (;;) {
      if (length >= SMALL_ENTRY) break;
      const next = await iterator.next();
      if (next.done) return this.whole(name, joinPieces(head));
      head.push(next.value);
      length += next.value.length;
    }
    const rest: AsyncIterable<EntryPiece> = {
      [Symbol.asyncIterator]: () => ({ next: async () => iterator.next() }),
    };
    await this.streamedFrom(name, head, rest);
  }

  private async streamedFrom(name: Uint8Array, head: EntryPiece[], data: AsyncIterable<EntryPiece>): Promise<void> {
    const offset = this.offset;
    const flags = FLAG_UTF8 | FLAG_DESCRIPTOR;
    await this.emit(this.localHeader(name, flags, 8, 0, 0, 0, this.force));
    const pending: Uint8Array[] = [];
    const stream = this.deflater.open((c) => pending.push(c));
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    const drain = async () => {
      while (pending.length > 0) {
        const c = pending.shift()!;
        compressedSize += c.length;
        await this.emit(c);
      }
    };
    const push = async (bytes: Uint8Array) => {
      crc = this.crc(bytes, crc);
      size += bytes.length;
      await stream.push(bytes, false);
      await drain();
    };
    // Strings are gathered into chunks before they are encoded; bytes go as they come, after the text before them.
    let buf = '';
    const take = async (piece: EntryPiece) => {
      if (typeof piece === 'string') {
        buf += piece;
        if (buf.length < TEXT_CHUNK) return;
      }
      if (buf !== '') {
        await push(encoder.encode(buf));
        buf = '';
      }
      if (typeof piece !== 'string' && piece.length > 0) await push(piece);
    };
    try {
      for (const piece of head) await take(piece);
      for await (const piece of data) await take(piece);
      if (buf !== '') await push(encoder.encode(buf));
      await stream.push(new Uint8Array(0), true);
    } catch (e) {
      stream.abort?.();
      throw e;
    }
    await drain();
    const zip64 = this.force || size >= U32 || compressedSize >= U32;
    const dd = new DataView(new ArrayBuffer(zip64 ? 24 : 16));
    dd.setUint32(0, 0x08074b50, true);
    dd.setUint32(4, crc, true);
    if (zip64) {
      setU64(dd, 8, compressedSize);
      setU64(dd, 16, size);
    } else {
      dd.setUint32(8, compressedSize, true);
      dd.setUint32(12, size, true);
    }
    await this.emit(new Uint8Array(dd.buffer));
    this.records.push({ name, flags, method: 8, crc, compressedSize, size, offset, zip64 });
  }

  private sizes(raw: RawEntry): Pick<CentralRecord, 'crc' | 'compressedSize' | 'size'> {
    return { crc: raw.crc32 >>> 0, compressedSize: raw.compressedSize, size: raw.size };
  }

  // ------------------------------------------------------------------------------------------ records

  private localHeader(
    name: Uint8Array,
    flags: number,
    method: number,
    crc: number,
    compressedSize: number,
    size: number,
    zip64: boolean,
  ): Uint8Array {
    const extra = zip64 ? 20 : 0;
    const h = new DataView(new ArrayBuffer(30 + name.length + extra));
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, zip64 ? 45 : 20, true);
    h.setUint16(6, flags, true);
    h.setUint16(8, method, true);
    h.setUint16(10, this.time, true);
    h.setUint16(12, this.day, true);
    h.setUint32(14, crc, true);
    h.setUint32(18, zip64 ? U32 : compressedSize, true);
    h.setUint32(22, zip64 ? U32 : size, true);
    h.setUint16(26, name.length, true);
    h.setUint16(28, extra, true);
    const out = new Uint8Array(h.buffer);
    out.set(name, 30);
    if (zip64) {
      const at = 30 + name.length;
      h.setUint16(at, 0x0001, true);
      h.setUint16(at + 2, 16, true);
      setU64(h, at + 4, size);
      setU64(h, at + 12, compressedSize);
    }
    return out;
  }

  private centralHeader(r: CentralRecord): Uint8Array {
    // The ZIP64 extra field holds, in this order, only the values its header fields mark as 0xFFFFFFFF.
    const big = this.force || r.zip64;
    const fields: number[] = [];
    if (big || r.size >= U32) fields.push(r.size);
    if (big || r.compressedSize >= U32) fields.push(r.compressedSize);
    if (this.force || r.offset >= U32) fields.push(r.offset);
    const extra = fields.length > 0 ? 4 + 8 * fields.length : 0;
    const h = new DataView(new ArrayBuffer(46 + r.name.length + extra));
    const version = extra > 0 ? 45 : 20;
    h.setUint32(0, 0x02014b50, true);
    h.setUint16(4, version, true);
    h.setUint16(6, version, true);
    h.setUint16(8, r.flags, true);
    h.setUint16(10, r.method, true);
    h.setUint16(12, this.time, true);
    h.setUint16(14, this.day, true);
    h.setUint32(16, r.crc, true);
    h.setUint32(20, big || r.compressedSize >= U32 ? U32 : r.compressedSize, true);
    h.setUint32(24, big || r.size >= U32 ? U32 : r.size, true);
    h.setUint16(28, r.name.length, true);
    h.setUint16(30, extra, true);
    h.setUint32(42, this.force || r.offset >= U32 ? U32 : r.offset, true);
    const out = new Uint8Array(h.buffer);
    out.set(r.name, 46);
    if (extra > 0) {
      const at = 46 + r.name.length;
      h.setUint16(at, 0x0001, true);
      h.setUint16(at + 2, 8 * fields.length, true);
      fields.forEach((v, i) => setU64(h, at + 4 + 8 * i, v));
    }
    return out;
  }

  private async emit(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    this.offset += chunk.length;
    await this.sink(chunk);
  }
}

function setU64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value >>> 0, true);
  view.setUint32(at + 4, Math.floor(value / 0x100000000), true);
}

// ------------------------------------------------------------------------------------------------ sinks

/** A sink that keeps every chunk, for a browser Blob (`new Blob(chunks)`) or a test. */
export function collectingSink(): { sink: ZipSink; chunks: Uint8Array[]; bytes(): Uint8Array<ArrayBuffer> } {
  const chunks: Uint8Array[] = [];
  return {
    sink: (c) => {
      chunks.push(c);
    },
    chunks,
    bytes: () => concatBytes(chunks),
  };
}

/** The MIME type of an .xlsx file, for a browser Blob or a download. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The bytes a writer sends to its sink, gathered in one array (a browser download, a test):
 * `await bytesOf((sink) => writeResultsPackage(plan, sink))`.
 */
export async function bytesOf(write: (sink: ZipSink) => Promise<unknown>): Promise<Uint8Array<ArrayBuffer>> {
  const out = collectingSink();
  await write(out.sink);
  return out.bytes();
}

/** The chunks as one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
