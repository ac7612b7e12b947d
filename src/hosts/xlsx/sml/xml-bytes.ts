/**
 * Worksheet XML written straight as UTF-8 bytes, chunk by chunk. A million-row sheet written as strings made a few
 * hundred million short strings (each cell's template, nested), then flattened and encoded them: on the 1 M results
 * (269 M characters of XML) the encoding alone took 0.8 s and the strings kept the young-generation collector busy.
 * Here the common cells (numbers, shared strings, empty styled cells, a shared formula's follower with its number) go
 * byte by byte into one buffer; any other cell is cellXml's own string, encoded in place. The bytes are cellXml's,
 * exactly (test/xlsx/sml/xml-bytes.test.ts checks it cell kind by cell kind).
 */
import { cellXml, letters, type CellInput, type FormulaInput, type SharedFormulaRole } from './cells';
import type { StringMode } from './strings';

const encoder = new TextEncoder();

/**
 * Bytes handed over at a time. 256 KB: a quarter of the zip writer's round trips to zlib that 64 KB chunks made, and
 * the 1 M write about 0.5 s shorter in one process (medians of 12: 3.17 s against 3.81 s; 1 MB chunks 3.33 s).
 */
const CHUNK_BYTES = 1 << 18;

/** A growing buffer of UTF-8 bytes, handed over in chunks of about `chunk` bytes. */
export class XmlBytes {
  /** Starts small (a short sheet never needs a chunk's room) and keeps the room it grew to for the next chunk. */
  private buf = new Uint8Array(1 << 14);
  private pos = 0;

  constructor(private readonly chunk = CHUNK_BYTES) {}

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  /** Characters known to be ASCII (markup, digits, cell references, a number's text). */
  ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Any text, as UTF-8 (ASCII byte by byte; the rest through TextEncoder). */
  text(s: string): void {
    const n = s.length;
    this.room(n * 3);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = p + encoder.encodeInto(s.slice(i), buf.subarray(p)).written;
        return;
      }
      buf[p++] = c;
    }
    this.pos = p;
  }

  /** A non-negative whole number's digits (shared-string indexes, style ids). */
  uint(n: number): void {
    if (n < 10) {
      this.room(1);
      this.buf[this.pos++] = 48 + n;
      return;
    }
    this.ascii(String(n));
  }

  /** The bytes so far when they reach a chunk (the buffer is then the caller's, and a new one begins). */
  full(): Uint8Array | undefined {
    return this.pos >= this.chunk ? this.take() : undefined;
  }

  /** The bytes so far (possibly none), handed over. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    // The next chunk's room: as much as this one grew to, up to a chunk and a long row (no need to zero more).
    this.buf = new Uint8Array(Math.min(this.buf.length, this.chunk + (1 << 16)));
    this.pos = 0;
    return out;
  }
}

/**
 * One cell as cellXml(letters(col) + row, value, s, strings, shared) would write it, into `out`. `row` is the row
 * number's text.
 */
export function cellBytes(
  out: XmlBytes,
  col: number,
  row: string,
  value: CellInput,
  s: number | undefined,
  strings: StringMode,
  shared?: SharedFormulaRole,
): void {
  if (shared === undefined) {
    if (typeof value === 'number' && Number.isFinite(value)) {
      open(out, col, row, s);
      out.ascii('><v>');
      out.ascii(String(value));
      out.ascii('</v></c>');
      return;
    }
    if (typeof value === 'string' && strings !== 'inline') {
      open(out, col, row, s);
      out.ascii(' t="s"><v>');
      out.uint(strings.add(value));
      out.ascii('</v></c>');
      return;
    }
    if (value === null || value === undefined) {
      if (!s) return;
      open(out, col, row, s);
      out.ascii('/>');
      return;
    }
  } else if (shared.ref === undefined && typeof value === 'object' && value !== null && !(value instanceof Date)) {
    // A shared formula's follower: its group id and its cached number (other results as cellXml writes them).
    const r = (value as FormulaInput).result;
    if (typeof r === 'number' && Number.isFinite(r)) {
      open(out, col, row, s);
      out.ascii('><f t="shared" si="');
      out.uint(shared.si);
      out.ascii('"/><v>');
      out.ascii(String(r));
      out.ascii('</v></c>');
      return;
    }
  }
  out.text(cellXml(letters(col) + row, value, s, strings, shared));
}

/** '<c r="B12"' and the style attribute. */
function open(out: XmlBytes, col: number, row: string, s: number | undefined): void {
  out.ascii('<c r="');
  out.ascii(letters(col));
  out.ascii(row);
  if (s) {
    out.ascii('" s="');
    out.uint(s);
    out.ascii('"');
  } else out.ascii('"');
}
