/**
 * The browser's native CompressionStream as the writer's deflater (Node 20 has it too, so it is tested here): every
 * byte comes back through an independent inflater, a workbook written with it reads back as the one written with
 * fflate, and a platform without it falls back.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { readTablesFromBytes } from '../../../src/hosts/xlsx/reader';
import { collectingSink, fflateDeflater, writeTablesPackage, ZipWriter } from '../../../src/hosts/xlsx/sml';
import { webStreamsDeflater } from '../../../src/hosts/xlsx/sml/web-deflate';
import { xlsxBytesOfTables } from '../../../src/hosts/xlsx/bytes';
import { INPUT_TABLE_NAMES } from '../../../src/workbook/contract/specs';
import type { TableGrid } from '../../../src/workbook/port';

const SAMPLE = path.join(__dirname, '..', '..', '..', 'assets', 'sample-trade-terms.xlsx');

test('a stream pushed in pieces (an empty final one included) inflates back to every byte, in order', async () => {
  const web = webStreamsDeflater()!;
  expect(web).toBeDefined();
  const text = Array.from({ length: 60_000 }, (_, i) => `<c r="A${i + 1}"><v>${(i * 0.37).toFixed(2)}</v></c>`).join(
    '',
  );
  const bytes = Buffer.from(text);
  const out: Uint8Array[] = [];
  const stream = web.open((c) => out.push(c));
  for (let at = 0; at < bytes.length; at += 65_536) await stream.push(bytes.subarray(at, at + 65_536), false);
  await stream.push(new Uint8Array(0), true);
  expect(out.length).toBeGreaterThan(0);
  const packed = Buffer.concat(out);
  expect(packed.length).toBeLessThan(bytes.length / 3);
  expect(inflateRawSync(packed).toString()).toBe(text);
  // Small parts in one call: the same raw DEFLATE.
  expect(inflateRawSync(web.deflateSync!(Buffer.from('Volumen base'))).toString()).toBe('Volumen base');
});

test('an entry written through it and one through fflate read back the same; over 1 MB it streams', async () => {
  const sample = [...(await readTablesFromBytes(readFileSync(SAMPLE), 'sample', INPUT_TABLE_NAMES)).values()];
  // A table of 40k rows beside the sample's: over 1 MB of sheet XML.
  const history: TableGrid = {
    name: 'HistoricoVentas',
    sheet: 'Histórico',
    headerRow: 1,
    firstColumn: 1,
    headers: ['Cliente', 'Material', 'Cantidad'],
    rows: Array.from({ length: 40_000 }, (_, i) => [`C${i % 97}`, `SKU-${i % 503}`, i * 0.37]),
  };
  const grids = [...sample, history];
  const names = [...INPUT_TABLE_NAMES, history.name];
  const written = async (deflater: ReturnType<typeof fflateDeflater>) => {
    const out = collectingSink();
    await writeTablesPackage(grids, out.sink, { deflater, date: new Date(Date.UTC(2026, 11, 2)) });
    return out.bytes();
  };
  let streams = 0;
  const web = webStreamsDeflater()!;
  const counting = { ...web, open: (sink: Parameters<typeof web.open>[0]) => (streams++, web.open(sink)) };
  const a = await readTablesFromBytes(await written(counting), 'web', names);
  const b = await readTablesFromBytes(await written(fflateDeflater()), 'fflate', names);
  expect(a.get('VolumenesBase')!.rows).toHaveLength(2904);
  expect(a.get(history.name)!.rows).toEqual(history.rows);
  expect(a).toEqual(b);
  expect(streams).toBeGreaterThan(0); // the history's sheet is over 1 MB of XML: it went through the stream
  // What the demo's "export as next base" writes uses it too.
  expect(await readTablesFromBytes(await xlsxBytesOfTables(grids), 'bytes', names)).toEqual(b);
});

test('a producer that fails mid-entry aborts the stream and the error reaches the caller', async () => {
  const web = webStreamsDeflater()!;
  let aborted: { push: (c: Uint8Array, f: boolean) => unknown } | undefined;
  const watched = {
    ...web,
    open: (sink: Parameters<typeof web.open>[0]) => {
      const stream = web.open(sink);
      return {
        ...stream,
        abort: () => {
          stream.abort!();
          aborted = stream;
        },
      };
    },
  };
  const zip = new ZipWriter(() => undefined, { deflater: watched });
  function* failing() {
    yield '<sheetData>'.repeat(200_000);
    throw new Error('no more rows');
  }
  await expect(zip.addEntry('xl/worksheets/sheet1.xml', failing())).rejects.toThrow('no more rows');
  // The stream was aborted: the platform's compressor takes nothing more.
  expect(aborted).toBeDefined();
  await expect(Promise.resolve(aborted!.push(Uint8Array.of(1, 2, 3), true))).rejects.toThrow('zip entry abandoned');
});

test('without CompressionStream (or without its raw format) there is none: callers use fflate', () => {
  const g = globalThis as { CompressionStream?: unknown };
  const saved = g.CompressionStream;
  try {
    delete g.CompressionStream;
    expect(webStreamsDeflater()).toBeUndefined();
    g.CompressionStream = class {
      constructor(format: string) {
        if (format !== 'gzip') throw new TypeError(`unsupported ${format}`);
      }
    };
    expect(webStreamsDeflater()).toBeUndefined();
  } finally {
    g.CompressionStream = saved;
  }
});
