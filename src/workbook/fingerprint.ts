/**
 * Source fingerprints: SHA-256 of a file's bytes, or of the input tables' contents when no file exists (Office).
 * Browsers give crypto.subtle only in secure contexts (https, localhost) and Node tests may lack it, so a small pure
 * implementation (FIPS 180-4) backs it up; both return lowercase hex.
 */
import { isCellError, type CellValue, type TableGrid } from './port';

export type Digest = (bytes: Uint8Array) => Promise<string>;

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

export function sha256Hex(data: Uint8Array): string {
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const bitLength = data.length * 8;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  // Message length in bits as a 64-bit big-endian integer (high word first; lengths beyond 2^53 bits are not a concern).
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15];
      const b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0] + a) >>> 0;
    h[1] = (h[1] + b) >>> 0;
    h[2] = (h[2] + c) >>> 0;
    h[3] = (h[3] + d) >>> 0;
    h[4] = (h[4] + e) >>> 0;
    h[5] = (h[5] + f) >>> 0;
    h[6] = (h[6] + g) >>> 0;
    h[7] = (h[7] + hh) >>> 0;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
}

function toHex(buffer: ArrayBuffer): string {
  let hex = '';
  for (const b of new Uint8Array(buffer)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** crypto.subtle when the context offers it, else the pure implementation. */
export const defaultDigest: Digest = async (bytes) => {
  // Structural type: this module also compiles for Node without the DOM lib.
  const subtle = (
    globalThis as { crypto?: { subtle?: { digest(alg: string, data: ArrayBuffer): Promise<ArrayBuffer> } } }
  ).crypto?.subtle;
  if (subtle && typeof subtle.digest === 'function') {
    // Copy into a plain ArrayBuffer: subtle.digest rejects views over SharedArrayBuffer.
    return toHex(await subtle.digest('SHA-256', bytes.slice().buffer));
  }
  return sha256Hex(bytes);
};

function cellJson(v: CellValue): unknown {
  if (v instanceof Date) return { date: v.toISOString() };
  if (isCellError(v)) return { error: v.error };
  return v;
}

/** A row whose JSON is already the fingerprint's: no date or error cell (cellJson changes nothing else). */
function plainRow(row: readonly CellValue[]): boolean {
  for (let j = 0; j < row.length; j++) {
    const v = row[j];
    if (typeof v === 'object' && v !== null && (v instanceof Date || isCellError(v))) return false;
  }
  return true;
}

/** Rows stringified and encoded at a time (see tablesBytes). */
const ROWS_PER_PIECE = 4096;

/**
 * UTF-8 bytes of the tables, ordered by name (case-insensitive), each with its place, headers and rows: the JSON of
 * [[name, sheet, headerRow, firstColumn, headers, rows], …] with dates as {"date": ISO} and errors as {"error": text}.
 *
 * Made in pieces of a few thousand rows, byte for byte that JSON: one string of a whole 300k-row table takes two
 * bytes a character as soon as one accented name is in it, and encoding it then takes V8's slow path (most of a
 * second in a browser); pieces without such a character stay one-byte strings. Rows without dates or errors are
 * stringified as they are, not copied cell by cell.
 *
 * @example
 * new TextDecoder().decode(tablesBytes([{ name: 'T', sheet: 'S', headerRow: 1, firstColumn: 1, headers: ['A'], rows: [[1]] }]))
 * // '[["T","S",1,1,["A"],[[1]]]]'
 */
export function tablesBytes(tables: Iterable<TableGrid>): Uint8Array {
  const sorted = [...tables].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  let size = 0;
  const put = (text: string) => {
    const bytes = encoder.encode(text);
    pieces.push(bytes);
    size += bytes.length;
  };
  put('[');
  sorted.forEach((t, k) => {
    const head = JSON.stringify([t.name, t.sheet, t.headerRow, t.firstColumn, t.headers]);
    put(`${k > 0 ? ',' : ''}${head.slice(0, -1)},[`);
    for (let i = 0; i < t.rows.length; i += ROWS_PER_PIECE) {
      const rows: unknown[][] = t.rows.slice(i, i + ROWS_PER_PIECE);
      for (let r = 0; r < rows.length; r++) {
        const row = t.rows[i + r];
        if (row !== undefined && !plainRow(row)) rows[r] = row.map(cellJson);
      }
      const json = JSON.stringify(rows); // "[…]": its brackets are the table's, written around all the pieces
      put(`${i > 0 ? ',' : ''}${json.slice(1, -1)}`);
    }
    put(']]');
  });
  put(']');
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The fingerprint of input tables' contents: SHA-256 (hex) of tablesBytes. describeSource uses it when no file
 * exists (fingerprintOf 'tables') and every host's inputFingerprint uses it always, so two takes compare equal
 * exactly when the tables are the same.
 */
export function tablesFingerprint(tables: Iterable<TableGrid>, digest: Digest = defaultDigest): Promise<string> {
  return digest(tablesBytes(tables));
}
