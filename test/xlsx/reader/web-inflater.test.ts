/** The browser's native DecompressionStream as the reader's inflater (Node 20 has it too, so it is tested here). */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { fflateInflater, readTablesFromBytes, webStreamsInflater } from '../../../src/hosts/xlsx/reader';
import { INPUT_TABLE_NAMES } from '../../../src/workbook/contract/specs';

const SAMPLE = path.join(__dirname, '..', '..', '..', 'assets', 'sample-trade-terms.xlsx');

test('the sample reads the same through DecompressionStream as through fflate', async () => {
  const web = webStreamsInflater();
  expect(web).toBeDefined();
  const bytes = readFileSync(SAMPLE);
  const a = await readTablesFromBytes(bytes, 'sample', INPUT_TABLE_NAMES, { inflate: web });
  const b = await readTablesFromBytes(bytes, 'sample', INPUT_TABLE_NAMES, { inflate: fflateInflater });
  expect([...a.keys()]).toEqual([...b.keys()]);
  expect(a.get('VolumenesBase')!.rows).toHaveLength(2904);
  expect(a).toEqual(b);
});

test('chunks in, every byte out in order; corrupt data rejects', async () => {
  const web = webStreamsInflater()!;
  const text = 'Volumen base '.repeat(50_000);
  const packed = deflateRawSync(Buffer.from(text));
  const out: Uint8Array[] = [];
  const stream = web.open({ name: 'x', compressedSize: packed.length, size: text.length }, (c) => out.push(c.slice()));
  for (let at = 0; at < packed.length; at += 1000)
    await stream.push(packed.subarray(at, Math.min(packed.length, at + 1000)), at + 1000 >= packed.length);
  expect(Buffer.concat(out).toString()).toBe(text);
  const bad = web.open({ name: 'y', compressedSize: 4, size: 10 }, () => undefined);
  await expect(bad.push(Uint8Array.of(0xff, 0xff, 0xff, 0xff), true)).rejects.toBeDefined();
});
