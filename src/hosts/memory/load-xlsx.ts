/**
 * Opens a .xlsx into a MemoryWorkbook with the same streaming reader as the CLI (fflate in the browser). The reader
 * is imported lazily so it lands in a separate chunk, out of the pane's initial JavaScript.
 */
import { MemoryWorkbook, type Download } from './memory-workbook';
import type { Digest } from '../../workbook/fingerprint';

export async function loadMemoryWorkbookFromXlsx(
  bytes: ArrayBuffer | Uint8Array,
  name: string,
  options: { digest?: Digest; download?: Download } = {},
): Promise<MemoryWorkbook> {
  const { openWorkbook, webStreamsInflater } = await import(/* webpackChunkName: "xlsx-io" */ '../xlsx/reader');
  const fileBytes = bytes instanceof Uint8Array ? bytes.slice() : new Uint8Array(bytes.slice(0));
  // A file that is not an .xlsx (encrypted, .xls, .ods, a CSV, a damaged zip) throws its own located HostError.
  // The browser's native decompressor where it has one (about twice as fast as fflate on a large sheet).
  const workbook = await openWorkbook(fileBytes, name, { inflate: webStreamsInflater() });
  const memory = new MemoryWorkbook({
    name,
    fileBytes,
    digest: options.digest,
    download: options.download,
    // A mapping's ranges that are not tables: their cells are not kept in memory, the file is read for them.
    rangesFromFile: (ranges) => workbook.readRanges(ranges),
  });
  for (const sheet of workbook.sheets) memory.addSheet(sheet.name);
  // Every table, in sheet order (two whose names fold alike both kept: the contract reports the duplicate).
  for (const grid of await workbook.readAllTables()) memory.addTable(grid);
  // Result sheets a previous run wrote (owner markers, sheet-scoped or the older workbook-wide form) stay ours.
  for (const [role, sheet] of workbook.ownerMarkers()) memory.markResultSheet(sheet, role);
  return memory;
}
