/** @jest-environment jsdom */
/**
 * The reader core runs in the browser (the in-browser demo loads workbooks with it): no Node built-ins, no Buffer,
 * fflate as its inflater. Read here in jsdom, where Node's globals are absent. jsdom lacks the TextDecoder and
 * TextEncoder every browser has: they are lent from Node before the reader is loaded.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import { INPUT_TABLE_NAMES } from '../../../src/workbook/contract/specs';

test('reads the sample in a browser environment', async () => {
  expect(typeof window).toBe('object');
  const file = readFileSync(path.join(__dirname, '..', '..', '..', 'assets', 'sample-trade-terms.xlsx'));
  const bytes = new Uint8Array(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  Object.assign(globalThis, { TextDecoder: NodeTextDecoder, TextEncoder: NodeTextEncoder });
  // jest's jsdom still lends Node's Buffer: taken away while the reader loads and runs.
  const scope = globalThis as { Buffer?: unknown };
  const buffer = scope.Buffer;
  delete scope.Buffer;
  try {
    expect(typeof scope.Buffer).toBe('undefined');
    const { openWorkbook } = await import('../../../src/hosts/xlsx/reader');
    const wb = await openWorkbook(bytes, 'sample-trade-terms.xlsx');
    const grids = await wb.readTables(INPUT_TABLE_NAMES);
    expect(grids.size).toBe(15);
    expect(grids.get('Clientes')!.rows.length).toBe(8);
  } finally {
    scope.Buffer = buffer;
  }
});
