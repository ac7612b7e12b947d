/**
 * Zip bombs: a part the reader holds whole (workbook, relationships, styles, shared strings) is refused before it is
 * inflated when its declared size is beyond any real workbook's, and never inflates past the size its directory
 * declares (a forged size cannot make it fill memory). Worksheets are streamed and bounded by input_too_large.
 */
import { deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { nodeInflater } from '../../src/hosts/xlsx/reader/node-inflate';
import { fflateInflater } from '../../src/hosts/xlsx/reader';
import { ZipArchive, MAX_WHOLE_PART } from '../../src/hosts/xlsx/reader/zip';

/** A one-entry zip whose local and central headers declare `declared` bytes for `deflated`. */
function forgedZip(name: string, deflated: Uint8Array, declared: number, crc = 0): Uint8Array {
  const n = strToU8(name);
  const local = new Uint8Array(30 + n.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, deflated.length, true);
  lv.setUint32(22, declared, true);
  lv.setUint16(26, n.length, true);
  local.set(n, 30);
  const central = new Uint8Array(46 + n.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, deflated.length, true);
  cv.setUint32(24, declared, true);
  cv.setUint16(28, n.length, true);
  cv.setUint32(42, 0, true);
  central.set(n, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + deflated.length, true);
  const out = new Uint8Array(local.length + deflated.length + central.length + end.length);
  out.set(local, 0);
  out.set(deflated, local.length);
  out.set(central, local.length + deflated.length);
  out.set(end, local.length + deflated.length + central.length);
  return out;
}

test('a part declared larger than any real workbook part is refused before inflating', async () => {
  const zip = new ZipArchive(forgedZip('xl/workbook.xml', deflateRawSync(Buffer.alloc(1000, 32)), MAX_WHOLE_PART + 1));
  const entry = zip.entry('xl/workbook.xml')!;
  await expect(zip.read(entry, nodeInflater)).rejects.toThrow(/refused before inflating/);
});

test('a part padded a thousand times (a zip bomb, 100 MB of spaces from 100 KB) is refused before inflating', async () => {
  const padding = Buffer.alloc(100 * 1024 * 1024, 32);
  const zip = new ZipArchive(zipSync({ 'xl/workbook.xml': [new Uint8Array(padding), { level: 9 }] }));
  const entry = zip.entry('xl/workbook.xml')!;
  expect(entry.size / entry.compressedSize).toBeGreaterThan(500);
  await expect(zip.read(entry, nodeInflater)).rejects.toThrow(/refused before inflating/);
});

test.each([
  ['node:zlib in one call', nodeInflater],
  ['fflate, streamed', fflateInflater],
])('a forged small size never inflates past it (%s)', async (_name, inflater) => {
  // 50 MB of spaces declared as 1 KB: inflation stops at the declared size, it does not produce the 50 MB.
  const zip = new ZipArchive(forgedZip('xl/styles.xml', deflateRawSync(Buffer.alloc(50 * 1024 * 1024, 32)), 1024));
  const entry = zip.entry('xl/styles.xml')!;
  await expect(zip.read(entry, inflater)).rejects.toThrow(/xl\/styles\.xml/);
});
