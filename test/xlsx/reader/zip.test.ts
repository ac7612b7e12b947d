/**
 * The zip layer: the central directory (zip64 included), entries by OPC part name, streamed and whole inflation,
 * raw entries copied byte for byte into another archive, and the errors a damaged archive raises.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import {
  fflateInflater,
  partKey,
  readTablesFromBytes,
  ZipArchive,
  ZipError,
  type ZipEntry,
} from '../../../src/hosts/xlsx/reader';
import { nodeInflater } from '../../../src/hosts/xlsx/reader/node-inflate';
import { INPUT_TABLE_NAMES } from '../../../src/workbook/contract/specs';

const SAMPLE = path.join(__dirname, '..', '..', '..', 'assets', 'sample-trade-terms.xlsx');

interface Item {
  name: string;
  method: number;
  data: Uint8Array; // as stored (compressed for method 8)
  size: number;
  crc: number;
}

/**
 * Writes a zip with every size and offset in zip64 form (0xFFFFFFFF in the classic fields, the real values in
 * zip64 extra fields and end records), optionally with data descriptors after each entry.
 */
function zip64(items: readonly Item[], options: { descriptors?: boolean } = {}): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const extra = (values: number[]) => {
    const b = Buffer.alloc(4 + values.length * 8);
    b.writeUInt16LE(1, 0);
    b.writeUInt16LE(values.length * 8, 2);
    values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + i * 8));
    return b;
  };
  for (const it of items) {
    const name = Buffer.from(it.name, 'utf8');
    const localExtra = extra([it.size, it.data.length]);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt16LE(0x800 | (options.descriptors ? 8 : 0), 6);
    local.writeUInt16LE(it.method, 8);
    local.writeUInt32LE(options.descriptors ? 0 : it.crc, 14);
    local.writeUInt32LE(0xffffffff, 18);
    local.writeUInt32LE(0xffffffff, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    chunks.push(local, name, localExtra, Buffer.from(it.data));
    let written = 30 + name.length + localExtra.length + it.data.length;
    if (options.descriptors) {
      const d = Buffer.alloc(24);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(it.crc, 4);
      d.writeBigUInt64LE(BigInt(it.data.length), 8);
      d.writeBigUInt64LE(BigInt(it.size), 16);
      chunks.push(d);
      written += 24;
    }
    const centralExtra = extra([it.size, it.data.length, offset]);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(45, 4);
    c.writeUInt16LE(45, 6);
    c.writeUInt16LE(0x800 | (options.descriptors ? 8 : 0), 8);
    c.writeUInt16LE(it.method, 10);
    c.writeUInt32LE(it.crc, 16);
    c.writeUInt32LE(0xffffffff, 20);
    c.writeUInt32LE(0xffffffff, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(centralExtra.length, 30);
    c.writeUInt32LE(0xffffffff, 42);
    central.push(c, name, centralExtra);
    offset += written;
  }
  const cd = Buffer.concat(central);
  const eocd64 = Buffer.alloc(56);
  eocd64.writeUInt32LE(0x06064b50, 0);
  eocd64.writeBigUInt64LE(44n, 4);
  eocd64.writeUInt16LE(45, 12);
  eocd64.writeUInt16LE(45, 14);
  eocd64.writeBigUInt64LE(BigInt(items.length), 24);
  eocd64.writeBigUInt64LE(BigInt(items.length), 32);
  eocd64.writeBigUInt64LE(BigInt(cd.length), 40);
  eocd64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(0xffff, 8);
  eocd.writeUInt16LE(0xffff, 10);
  eocd.writeUInt32LE(0xffffffff, 12);
  eocd.writeUInt32LE(0xffffffff, 16);
  return new Uint8Array(Buffer.concat([...chunks, cd, eocd64, locator, eocd]));
}

/** The sample's entries, raw (compressed as they are) or freshly deflated. */
async function sampleItems(fresh: boolean): Promise<Item[]> {
  const archive = new ZipArchive(new Uint8Array(await fs.readFile(SAMPLE)));
  const items: Item[] = [];
  for (const e of archive.entries) {
    if (e.name.endsWith('/')) continue;
    if (!fresh) {
      items.push({ name: e.name, method: e.method, data: archive.raw(e), size: e.size, crc: e.crc32 });
      continue;
    }
    const plain = await archive.read(e);
    items.push({ name: e.name, method: 8, data: deflateRawSync(plain), size: plain.length, crc: crc32(plain) >>> 0 });
  }
  return items;
}

test('part names compare as OPC says: no leading slash, percent-decoded, case folded', () => {
  expect(partKey('/xl/Worksheets/Sheet%201.xml')).toBe('xl/worksheets/sheet 1.xml');
  expect(partKey('xl\\workbook.xml')).toBe('xl/workbook.xml');
  expect(partKey('xl/100%.xml')).toBe('xl/100%.xml'); // a lone % is a character, not an escape
});

test('a zip64 archive (sizes and offsets in zip64 records) with data descriptors reads as the original', async () => {
  const original = new Uint8Array(await fs.readFile(SAMPLE));
  const expected = await readTablesFromBytes(original, 's.xlsx', INPUT_TABLE_NAMES);
  for (const descriptors of [false, true]) {
    const bytes = zip64(await sampleItems(true), { descriptors });
    const archive = new ZipArchive(bytes);
    expect(archive.entries.length).toBeGreaterThan(40);
    expect(await readTablesFromBytes(bytes, 's.xlsx', INPUT_TABLE_NAMES, { inflate: nodeInflater })).toStrictEqual(
      expected,
    );
  }
});

test('raw entries copied byte for byte into another archive read the same (and keep their CRC)', async () => {
  const original = new Uint8Array(await fs.readFile(SAMPLE));
  const items = await sampleItems(false);
  const copy = zip64(items);
  const archive = new ZipArchive(copy);
  const source = new ZipArchive(original);
  for (const e of archive.entries) {
    const from = source.entry(e.name)!;
    expect(Buffer.compare(Buffer.from(archive.raw(e)), Buffer.from(source.raw(from)))).toBe(0);
    expect(e.crc32).toBe(from.crc32);
    expect(crc32(await archive.read(e)) >>> 0).toBe(e.crc32);
  }
  expect(await readTablesFromBytes(copy, 'c.xlsx', INPUT_TABLE_NAMES)).toStrictEqual(
    await readTablesFromBytes(original, 'c.xlsx', INPUT_TABLE_NAMES),
  );
});

test('streamed inflation gives the same bytes in chunks, with fflate and with node:zlib', async () => {
  const archive = new ZipArchive(new Uint8Array(await fs.readFile(SAMPLE)));
  const entry = archive.entry('xl/worksheets/sheet5.xml')!;
  const whole = await archive.read(entry);
  expect(whole.length).toBe(entry.size);
  for (const inflater of [fflateInflater, nodeInflater]) {
    const pieces: Uint8Array[] = [];
    await archive.stream(entry, (c) => pieces.push(c.slice()), inflater);
    expect(Buffer.compare(Buffer.concat(pieces), Buffer.from(whole))).toBe(0);
  }
});

describe('damaged archives', () => {
  const one = (): { bytes: Uint8Array; entry: ZipEntry } => {
    const plain = Buffer.from('<x>'.repeat(5000));
    const bytes = zip64([
      { name: 'a.xml', method: 8, data: deflateRawSync(plain), size: plain.length, crc: crc32(plain) >>> 0 },
    ]);
    return { bytes, entry: new ZipArchive(bytes).entries[0] };
  };

  test('a size that does not match the directory is an error, not a short part', async () => {
    const { bytes } = one();
    const lying = zip64([
      {
        name: 'a.xml',
        method: 8,
        data: new ZipArchive(bytes).raw(new ZipArchive(bytes).entries[0]),
        size: 20000,
        crc: 0,
      },
    ]);
    await expect(new ZipArchive(lying).read(new ZipArchive(lying).entries[0])).rejects.toThrow(
      /holds 15000 bytes where the directory says 20000/,
    );
  });

  test('corrupt deflate data is a ZipError with the inflater’s reason as its cause, with both inflaters', async () => {
    const { bytes, entry } = one();
    const damaged = bytes.slice();
    damaged.fill(0xff, entry.dataOffset, entry.dataOffset + 8);
    for (const inflater of [fflateInflater, nodeInflater]) {
      const archive = new ZipArchive(damaged);
      const error = await archive.read(archive.entries[0], inflater).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZipError);
      expect((error as ZipError).cause).toBeDefined();
    }
  });

  test('streamed, a sheet declaring the wrong size or holding corrupt data is a ZipError, with both inflaters', async () => {
    const { bytes } = one();
    const declaring = (size: number) => {
      const lying = zip64([
        { name: 'a.xml', method: 8, data: new ZipArchive(bytes).raw(new ZipArchive(bytes).entries[0]), size, crc: 0 },
      ]);
      return new ZipArchive(lying);
    };
    const damaged = bytes.slice();
    const first = new ZipArchive(bytes).entries[0];
    damaged.fill(0xff, first.dataOffset, first.dataOffset + 8);
    for (const inflater of [fflateInflater, nodeInflater]) {
      const pieces: Uint8Array[] = [];
      const more = declaring(20000);
      await expect(more.stream(more.entries[0], (c) => pieces.push(c), inflater)).rejects.toThrow(
        /holds 15000 bytes where the directory says 20000/,
      );
      const less = declaring(1000);
      await expect(less.stream(less.entries[0], () => undefined, inflater)).rejects.toThrow(
        /inflates past the 1000 bytes its directory declares/,
      );
      const corrupt = new ZipArchive(damaged);
      const error = await corrupt.stream(corrupt.entries[0], () => undefined, inflater).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZipError);
      expect((error as ZipError).cause).toBeDefined();
    }
  });

  test('node:zlib inflates a sheet of up to 4 MB in one call (one chunk), a larger one in chunks as it streams', async () => {
    const row = (i: number) => `<row r="${i}"><c r="A${i}"><v>${i}</v></c></row>`;
    const xml = (rows: number) => Buffer.from(Array.from({ length: rows }, (_, i) => row(i + 1)).join(''));
    const small = xml(70_000); // ~3.2 MB: more than one chunk of the streamed path (1 MB)
    const large = xml(150_000); // ~6.9 MB
    const archive = new ZipArchive(
      zip64(
        [small, large].map((plain, k) => ({
          name: `s${k}.xml`,
          method: 8,
          data: deflateRawSync(plain),
          size: plain.length,
          crc: crc32(plain) >>> 0,
        })),
      ),
    );
    for (const [k, plain] of [small, large].entries()) {
      const pieces: Uint8Array[] = [];
      await archive.stream(archive.entries[k], (c) => pieces.push(c.slice()), nodeInflater);
      expect(Buffer.compare(Buffer.concat(pieces), plain)).toBe(0);
      if (k === 0) expect(pieces).toHaveLength(1);
      else expect(pieces.length).toBeGreaterThan(1);
    }
  });

  test('no end record, a cut central directory, an unknown method, zip encryption', () => {
    const { bytes, entry } = one();
    expect(() => new ZipArchive(bytes.subarray(0, bytes.length - 30))).toThrow(ZipError);
    const method = bytes.slice();
    const view = new DataView(method.buffer);
    const central = Buffer.from(method).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.setUint16(central + 10, 12, true); // bzip2
    const archive = new ZipArchive(method);
    return Promise.all([
      expect(archive.read(archive.entries[0])).rejects.toThrow(/compression method 12/),
      (async () => {
        const encrypted = bytes.slice();
        new DataView(encrypted.buffer).setUint16(central + 8, 0x801, true);
        const a = new ZipArchive(encrypted);
        await expect(a.read(a.entries[0])).rejects.toThrow(/zip encryption/);
        expect(entry.flags & 1).toBe(0);
      })(),
    ]);
  });
});
