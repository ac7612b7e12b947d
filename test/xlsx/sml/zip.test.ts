/**
 * The streaming zip writer: entries of every kind read back by fflate and by ExcelJS (JSZip), raw entries copied byte
 * for byte, the ZIP64 structures (forced, instead of 4 GiB of data), the CRC, and its refusals.
 */
import { promises as fs } from 'node:fs';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import {
  bytesOf,
  collectingSink,
  concatBytes,
  XLSX_MIME,
  crc32,
  fflateDeflater,
  writeResultsPackage,
  ZipWriter,
  type Deflater,
} from '../../../src/hosts/xlsx/sml';
import { nodeDeflater } from '../../../src/hosts/xlsx/sml/node-deflate';
import { SAMPLE } from './helpers';
import { scenariosSheet, summarySheet } from '../../support/result-sheets';

const text = new TextDecoder();

/** The entries of a zip (no ZIP64) from its central directory: name, method, CRC, sizes and compressed bytes. */
function rawEntries(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let e = zip.length - 22;
  while (view.getUint32(e, true) !== 0x06054b50) e--;
  const count = view.getUint16(e + 10, true);
  let at = view.getUint32(e + 16, true);
  const out = [];
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const entry = {
      name: text.decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
    };
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.push({ ...entry, data: zip.slice(dataAt, dataAt + entry.compressedSize) });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

function* lines(n: number): Generator<string> {
  for (let i = 0; i < n; i++) yield `<row r="${i + 1}"><c r="A${i + 1}"><v>${i * 1.5}</v></c></row>`;
}

async function* slowly(parts: string[]): AsyncGenerator<string> {
  for (const p of parts) {
    await new Promise((r) => setTimeout(r, 1));
    yield p;
  }
}

const deflaters: [string, () => Deflater][] = [
  ['fflate', () => fflateDeflater()],
  ['node zlib', () => nodeDeflater()],
];

describe.each(deflaters)('entries deflated with %s', (_, make) => {
  test('bytes, a string, an iterable and an async iterable of strings come back as written', async () => {
    const out = collectingSink();
    const zip = new ZipWriter(out.sink, { deflater: make() });
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    await zip.addEntry('bin/data.bin', bytes);
    await zip.addEntry('text.txt', 'hola, señor — ¿qué tal? 😀');
    await zip.addEntry('empty.txt', '');
    await zip.addEntry('xl/worksheets/sheet1.xml', lines(50_000));
    await zip.addEntry('async.xml', slowly(['<a>', 'ñ'.repeat(70_000), '</a>']));
    const { entries, bytes: size } = await zip.finish();
    const files = unzipSync(out.bytes());
    expect(entries).toBe(5);
    expect(size).toBe(out.bytes().length);
    expect(files['bin/data.bin']).toEqual(bytes);
    expect(text.decode(files['text.txt'])).toBe('hola, señor — ¿qué tal? 😀');
    expect(files['empty.txt']).toHaveLength(0);
    expect(text.decode(files['xl/worksheets/sheet1.xml'])).toBe([...lines(50_000)].join(''));
    expect(text.decode(files['async.xml'])).toBe(`<a>${'ñ'.repeat(70_000)}</a>`);
  });

  test('pieces of text and of UTF-8 bytes mixed come back in their order, small (whole) and large (streamed)', async () => {
    const utf8 = new TextEncoder();
    const pieces = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        i % 3 === 1 ? utf8.encode(`<b>${i} ñ</b>`.repeat(50)) : `<t>${i}€</t>`.repeat(40),
      );
    const asText = (list: (string | Uint8Array)[]) =>
      list.map((p) => (typeof p === 'string' ? p : text.decode(p))).join('');
    const small = pieces(30);
    const large = pieces(3000); // ~2.5 MB: past the size written whole
    const out = collectingSink();
    const zip = new ZipWriter(out.sink, { deflater: make() });
    await zip.addEntry('small.xml', small);
    await zip.addEntry('large.xml', large);
    async function* later() {
      for (const piece of large) yield await Promise.resolve(piece);
    }
    await zip.addEntry('async.xml', later());
    await zip.addEntry('bytes-only.xml', [utf8.encode('<x>'), new Uint8Array(0), utf8.encode('</x>')]);
    await zip.finish();
    const files = unzipSync(out.bytes());
    expect(text.decode(files['small.xml'])).toBe(asText(small));
    expect(text.decode(files['large.xml'])).toBe(asText(large));
    expect(text.decode(files['async.xml'])).toBe(asText(large));
    expect(text.decode(files['bytes-only.xml'])).toBe('<x></x>');
    // The small one has its sizes in its local header (written whole); the large one a data descriptor.
    const flags = (name: string) => {
      const raw = out.bytes();
      const at = Buffer.from(raw).indexOf(Buffer.from(name)) - 30;
      return new DataView(raw.buffer, raw.byteOffset).getUint16(at + 6, true);
    };
    expect(flags('small.xml') & 0x0008).toBe(0);
    expect(flags('large.xml') & 0x0008).toBe(0x0008);
  });
});

test('a streamed entry goes out in chunks, not as one block at the end', async () => {
  const out = collectingSink();
  const zip = new ZipWriter(out.sink, { deflater: nodeDeflater({ level: 1 }) });
  let produced = 0;
  let chunksWhileProducing = 0;
  function* watched(): Generator<string> {
    for (let i = 0; i < 200; i++) {
      produced++;
      if (produced === 150) chunksWhileProducing = out.chunks.length;
      // Random digits barely compress: every 64 K of them is compressed output to deliver.
      yield Array.from({ length: 4096 }, () => Math.random().toString(36).slice(2)).join('');
    }
  }
  await zip.addEntry('random.txt', watched());
  await zip.finish();
  expect(chunksWhileProducing).toBeGreaterThan(10);
});

test('raw entries are copied byte for byte, still compressed, and read back whole', async () => {
  const source = new Uint8Array(await fs.readFile(SAMPLE));
  const entries = rawEntries(source);
  const out = collectingSink();
  const zip = new ZipWriter(out.sink);
  for (const e of entries) {
    // Half of them as chunk streams, as a merge reading the user's file in pieces would hand them over.
    const data = e.name.length % 2 ? e.data : [e.data.subarray(0, 10), e.data.subarray(10)];
    await zip.addRaw(e.name, {
      method: e.method,
      crc32: e.crc32,
      compressedSize: e.compressedSize,
      size: e.size,
      data,
    });
  }
  await zip.finish();
  const copied = rawEntries(out.bytes());
  expect(copied.map((e) => [e.name, e.method, e.crc32, e.size])).toEqual(
    entries.map((e) => [e.name, e.method, e.crc32, e.size]),
  );
  copied.forEach((e, i) => expect(Buffer.compare(e.data, entries[i].data)).toBe(0));
  const original = unzipSync(source);
  const back = unzipSync(out.bytes());
  expect(Object.keys(back)).toEqual(Object.keys(original));
  for (const name of Object.keys(original)) expect(back[name]).toEqual(original[name]);
  // And ExcelJS opens the copy as the workbook it is.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.bytes()) as unknown as ExcelJS.Buffer);
  expect(wb.worksheets.length).toBeGreaterThan(3);
});

test('a raw entry whose data is not its announced size is refused', async () => {
  const zip = new ZipWriter(collectingSink().sink);
  await expect(
    zip.addRaw('a.xml', { method: 8, crc32: 0, compressedSize: 10, size: 20, data: new Uint8Array(9) }),
  ).rejects.toThrow(/9 compressed bytes, not the 10/);
});

describe('ZIP64, forced', () => {
  async function forced(): Promise<Uint8Array> {
    const out = collectingSink();
    const zip = new ZipWriter(out.sink, { zip64: 'force' });
    await zip.addEntry('whole.txt', 'entero');
    await zip.addEntry('streamed.xml', lines(1000));
    await zip.addRaw('raw.txt', {
      method: 0,
      crc32: crc32(new TextEncoder().encode('crudo')),
      compressedSize: 5,
      size: 5,
      data: new TextEncoder().encode('crudo'),
    });
    await zip.finish();
    return out.bytes();
  }

  test('every record carries its ZIP64 form, and fflate reads the entries back', async () => {
    const bytes = await forced();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = bytes.length - 22;
    expect(view.getUint32(eocd, true)).toBe(0x06054b50);
    expect([view.getUint16(eocd + 10, true), view.getUint32(eocd + 12, true), view.getUint32(eocd + 16, true)]).toEqual(
      [0xffff, 0xffffffff, 0xffffffff],
    );
    const locator = eocd - 20;
    expect(view.getUint32(locator, true)).toBe(0x07064b50);
    const record = Number(view.getBigUint64(locator + 8, true));
    expect(view.getUint32(record, true)).toBe(0x06064b50);
    expect(Number(view.getBigUint64(record + 32, true))).toBe(3); // entries
    const cd = Number(view.getBigUint64(record + 48, true));
    expect(view.getUint32(cd, true)).toBe(0x02014b50);
    expect([view.getUint16(cd + 6, true), view.getUint32(cd + 20, true), view.getUint32(cd + 42, true)]).toEqual([
      45, 0xffffffff, 0xffffffff,
    ]);
    expect(view.getUint16(cd + 46 + view.getUint16(cd + 28, true), true)).toBe(0x0001); // the ZIP64 extra field
    // Streamed entries end with a 24-byte data descriptor (8-byte sizes).
    const files = unzipSync(bytes);
    expect(text.decode(files['whole.txt'])).toBe('entero');
    expect(text.decode(files['streamed.xml'])).toBe([...lines(1000)].join(''));
    expect(text.decode(files['raw.txt'])).toBe('crudo');
  });

  test('a whole results package in ZIP64 form opens in ExcelJS', async () => {
    const out = collectingSink();
    await writeResultsPackage({ sheets: [summarySheet(), scenariosSheet()] }, out.sink, { zip64: 'force' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.bytes()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['TT Resumen', 'TT Escenarios']);
    expect(wb.getWorksheet('TT Escenarios')!.getCell('C2').value).toBe(1_000_000);
  });
});

test('CRC-32: the check value, and the same as zlib’s on any data', () => {
  expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  const data = new Uint8Array(100_003).map(() => Math.floor(Math.random() * 256));
  expect(crc32(data)).toBe(zlibCrc32(data));
  expect(crc32(data.subarray(50_000), crc32(data.subarray(0, 50_000)))).toBe(zlibCrc32(data));
});

test('refusals: a duplicate name (case-insensitive), two entries at once, anything after finish', async () => {
  const zip = new ZipWriter(collectingSink().sink);
  await zip.addEntry('xl/a.xml', '<a/>');
  await expect(zip.addEntry('XL/A.xml', '<a/>')).rejects.toThrow(/duplicate/);
  const first = zip.addEntry('b.xml', lines(10));
  await expect(zip.addEntry('c.xml', '<c/>')).rejects.toThrow(/one at a time/);
  await first;
  await zip.finish();
  await expect(zip.addEntry('d.xml', '<d/>')).rejects.toThrow(/after finish/);
  expect(concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])])).toEqual(new Uint8Array([1, 2, 3]));
});

test('a producer failing mid-entry: its error, the deflate stream released, the zip never completed', async () => {
  const zip = new ZipWriter(collectingSink().sink, { deflater: nodeDeflater() });
  function* failing(): Generator<string> {
    yield 'x'.repeat(100_000);
    throw new Error('row 12 of TT P&L cannot be written');
  }
  await expect(zip.addEntry('a.xml', failing())).rejects.toThrow('row 12 of TT P&L');
  await expect(zip.addEntry('b.xml', '<b/>')).rejects.toThrow(/an entry failed/);
  await expect(zip.finish()).rejects.toThrow(/cannot be completed/);
});

test('bytesOf gathers what a writer sends to its sink', async () => {
  const bytes = await bytesOf((sink) => writeResultsPackage({ sheets: [summarySheet()] }, sink));
  expect(Object.keys(unzipSync(bytes))).toContain('xl/worksheets/sheet1.xml');
  expect(new Blob([bytes], { type: XLSX_MIME }).size).toBe(bytes.length);
});
