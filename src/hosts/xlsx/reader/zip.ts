/**
 * A zip archive read from its central directory, over the bytes of the whole file (no copy). Entries are found by
 * OPC part name (case-insensitive, leading "/" and percent-encoding ignored); their data is inflated whole or
 * streamed in chunks through an Inflater, or handed out raw (compressed) for copying byte for byte into another zip.
 * ZIP64 archives (more than 65 535 entries or 4 GB) are read through their zip64 end records and extra fields.
 */
import { fflateInflater, type Inflater } from './inflate';

export interface ZipEntry {
  /** Name as stored (a leading "/" kept when the writer put one). */
  name: string;
  /** 0 stored, 8 deflated (others are refused when read). */
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  /** General purpose flags (bit 0: encrypted with zip's own encryption). */
  flags: number;
  localHeaderOffset: number;
  /** Where the entry's (compressed) data starts in the archive. */
  dataOffset: number;
}

/** A damaged or unsupported archive; the reader turns it into a HostError naming the file. */
export class ZipError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/**
 * Parts read whole (everything but the worksheets, which are streamed) may inflate to at most this many bytes, and
 * past BOMB_FLOOR to at most MAX_RATIO times their compressed size: real parts (shared strings, styles) compress 5 to
 * 50 times; padding of a zip bomb about 1,000 times (deflate's ceiling).
 */
export const MAX_WHOLE_PART = 512 * 1024 * 1024;
export const MAX_RATIO = 500;
const BOMB_FLOOR = 64 * 1024 * 1024;

/** Parts up to this size are inflated in one call when the inflater offers one (inflateSync). */
const SMALL_PART = 4 << 20;
/** Compressed bytes handed to the inflater per push: bounds each decompressed chunk to a few MB. */
const PUSH_BYTES = 1 << 20;

/** The key an OPC part name is looked up by: no leading slash, percent-decoded, case folded. */
export function partKey(name: string): string {
  let n = name.startsWith('/') ? name.slice(1) : name;
  if (n.indexOf('%') >= 0) {
    try {
      n = decodeURIComponent(n);
    } catch {
      // A lone "%" is a literal character of the name, not an escape: keep the name as written.
    }
  }
  return n.replace(/\\/g, '/').toLowerCase();
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x100000000;
}

/** Names are UTF-8 when flagged (bit 11) or plain ASCII; otherwise code page 437, read as Latin-1 (OPC names are ASCII). */
function decodeName(bytes: Uint8Array, utf8: boolean): string {
  let ascii = true;
  for (const b of bytes) {
    if (b >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii || utf8) return new TextDecoder('utf-8').decode(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

export class ZipArchive {
  readonly entries: readonly ZipEntry[];
  private readonly byKey = new Map<string, ZipEntry>();
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.entries = this.readCentralDirectory();
    for (const e of this.entries) {
      const key = partKey(e.name);
      if (!e.name.endsWith('/') && !this.byKey.has(key)) this.byKey.set(key, e);
    }
  }

  /** The entry of an OPC part name ("/xl/workbook.xml", "XL/Workbook.xml"…), or undefined. */
  entry(partName: string): ZipEntry | undefined {
    return this.byKey.get(partKey(partName));
  }

  /** The entry's compressed bytes as stored (a view, no copy): for copying it into another zip unchanged. */
  raw(entry: ZipEntry): Uint8Array {
    const end = entry.dataOffset + entry.compressedSize;
    if (end > this.bytes.length) throw new ZipError(`entry ${entry.name} runs past the end of the archive`);
    return this.bytes.subarray(entry.dataOffset, end);
  }

  /**
   * Streams the entry's decompressed bytes to `onChunk` in order. Checks the size the directory declares (a cut or
   * damaged entry never passes for a complete one); the CRC is not recomputed, which would cost a second pass.
   */
  async stream(
    entry: ZipEntry,
    onChunk: (chunk: Uint8Array) => void,
    inflater: Inflater = fflateInflater,
  ): Promise<void> {
    if (entry.flags & 1) throw new ZipError(`entry ${entry.name} is encrypted with zip encryption`);
    const data = this.raw(entry);
    let produced = 0;
    if (entry.method === 0) {
      for (let at = 0; at < data.length; at += PUSH_BYTES) {
        const piece = data.subarray(at, Math.min(data.length, at + PUSH_BYTES));
        produced += piece.length;
        onChunk(piece);
      }
    } else if (entry.method === 8 && inflater.inflateSync && entry.size <= SMALL_PART) {
      // A small part or sheet in one call: no round trip to zlib's thread pool (and an idle main thread) per chunk.
      let out: Uint8Array;
      try {
        out = inflater.inflateSync(data, entry.size + 1);
      } catch (cause) {
        // Node's zlib stops past the limit with ERR_BUFFER_TOO_LARGE: the entry holds more than it declares.
        const past = (cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        throw new ZipError(
          past
            ? `entry ${entry.name} inflates past the ${entry.size} bytes its directory declares`
            : `entry ${entry.name} could not be decompressed`,
          { cause },
        );
      }
      if (out.length > entry.size) {
        throw new ZipError(`entry ${entry.name} inflates past the ${entry.size} bytes its directory declares`);
      }
      produced = out.length;
      if (out.length > 0) onChunk(out);
    } else if (entry.method === 8) {
      // The consumer's own failure (a HostError of the sheet reader) passes through unchanged, never as a zip error.
      let failed: { error: unknown } | undefined;
      const stream = inflater.open(
        { name: entry.name, compressedSize: entry.compressedSize, size: entry.size },
        (c) => {
          if (failed) return;
          produced += c.length;
          if (produced > entry.size) {
            // Stopped as soon as it passes its declared size: a forged directory cannot make a part fill memory.
            failed = {
              error: new ZipError(`entry ${entry.name} inflates past the ${entry.size} bytes its directory declares`),
            };
            return;
          }
          try {
            onChunk(c);
          } catch (error) {
            failed = { error };
          }
        },
      );
      try {
        if (data.length === 0) await stream.push(data, true);
        for (let at = 0; at < data.length && !failed; at += PUSH_BYTES) {
          const end = Math.min(data.length, at + PUSH_BYTES);
          await stream.push(data.subarray(at, end), end === data.length);
        }
      } catch (cause) {
        stream.abort?.();
        if (!failed) throw new ZipError(`entry ${entry.name} could not be decompressed`, { cause });
      }
      if (failed) {
        stream.abort?.();
        throw failed.error;
      }
    } else {
      throw new ZipError(`entry ${entry.name} uses compression method ${entry.method}, not deflate`);
    }
    if (produced !== entry.size) {
      throw new ZipError(`entry ${entry.name} holds ${produced} bytes where the directory says ${entry.size}`);
    }
  }

  /** The entry's decompressed bytes, whole (for the small parts: relationships, workbook, tables, styles). */
  async read(entry: ZipEntry, inflater?: Inflater): Promise<Uint8Array> {
    // Refused before inflating: a part held whole that would fill memory (a zip bomb, or a forged directory).
    if (entry.size > MAX_WHOLE_PART || (entry.size > BOMB_FLOOR && entry.size > entry.compressedSize * MAX_RATIO)) {
      throw new ZipError(
        `entry ${entry.name} would inflate to ${entry.size} bytes from ${entry.compressedSize}: refused before inflating (a part read whole may hold at most ${MAX_WHOLE_PART} bytes, or ${MAX_RATIO} times its compressed size)`,
      );
    }
    // A small part arrives in one chunk (stream inflates it in one call when the inflater can).
    const chunks: Uint8Array[] = [];
    let length = 0;
    await this.stream(
      entry,
      (c) => {
        chunks.push(c.slice());
        length += c.length;
      },
      inflater,
    );
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(length);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private readCentralDirectory(): ZipEntry[] {
    const { view, bytes } = this;
    const n = bytes.length;
    if (n < 22) throw new ZipError('too short to be a zip archive');
    // The end record sits in the last 22 bytes plus a comment of up to 65 535 bytes.
    let eocd = -1;
    for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
      if (view.getUint32(i, true) === EOCD && i + 22 + view.getUint16(i + 20, true) <= n) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('no end of central directory record (the file is cut or not a zip)');
    let count = view.getUint16(eocd + 10, true);
    let size = view.getUint32(eocd + 12, true);
    let offset = view.getUint32(eocd + 16, true);
    const locator = eocd - 20;
    if (locator >= 0 && view.getUint32(locator, true) === EOCD64_LOCATOR) {
      const at = u64(view, locator + 8);
      if (at + 56 > n || view.getUint32(at, true) !== EOCD64) throw new ZipError('damaged zip64 end record');
      count = u64(view, at + 32);
      size = u64(view, at + 40);
      offset = u64(view, at + 48);
    }
    if (offset + size > n) throw new ZipError('the central directory lies past the end of the file (cut?)');
    const entries: ZipEntry[] = [];
    let p = offset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > n || view.getUint32(p, true) !== CENTRAL) throw new ZipError('damaged central directory');
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const crc32 = view.getUint32(p + 16, true);
      let compressedSize = view.getUint32(p + 20, true);
      let uncompressed = view.getUint32(p + 24, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      let localHeaderOffset = view.getUint32(p + 42, true);
      if (p + 46 + nameLength + extraLength > n) throw new ZipError('damaged central directory');
      const name = decodeName(bytes.subarray(p + 46, p + 46 + nameLength), (flags & 0x800) !== 0);
      // Zip64 extra field: the 64-bit values, in this order, of those fields saturated at 0xFFFFFFFF.
      for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength;) {
        const id = view.getUint16(x, true);
        const len = view.getUint16(x + 2, true);
        if (id === 0x0001) {
          let q = x + 4;
          const end = x + 4 + len;
          if (uncompressed === MAX32 && q + 8 <= end) {
            uncompressed = u64(view, q);
            q += 8;
          }
          if (compressedSize === MAX32 && q + 8 <= end) {
            compressedSize = u64(view, q);
            q += 8;
          }
          if (localHeaderOffset === MAX32 && q + 8 <= end) localHeaderOffset = u64(view, q);
        }
        x += 4 + len;
      }
      if (localHeaderOffset + 30 > n || view.getUint32(localHeaderOffset, true) !== LOCAL) {
        throw new ZipError(`damaged local header of ${name}`);
      }
      const dataOffset =
        localHeaderOffset +
        30 +
        view.getUint16(localHeaderOffset + 26, true) +
        view.getUint16(localHeaderOffset + 28, true);
      entries.push({ name, method, compressedSize, size: uncompressed, crc32, flags, localHeaderOffset, dataOffset });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }
}

/** Whether the bytes start like a zip archive (a local file header, or the end record of an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}
