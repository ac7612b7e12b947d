/**
 * The .xlsx I/O as bytes in memory, for the browser (the demo's downloads, Office's new workbook) and tests: the
 * same reader, writer and merge as the CLI, with the platform's CompressionStream / DecompressionStream (fflate where
 * there is none) in place of node:zlib. Hosts import this module lazily
 * (`await import('../xlsx/bytes')`), so the .xlsx code stays out of the pane's initial JavaScript.
 */
import type { ResultsPlan, TableGrid } from '../../workbook/port';
import { openWorkbook, sniffBytes, workbookPackage, fflateInflater, webStreamsInflater } from './reader';
import { collectingSink, fflateDeflater, writeResultsPackage, writeTablesPackage } from './sml';
import { webStreamsDeflater } from './sml/web-deflate';
import { mergeResultsPackage, type MergeReport } from './merge/merge';

const deflater = () => webStreamsDeflater() ?? fflateDeflater();

/** Input tables as a NEW workbook (an agreed scenario exported as the next base). */
export async function xlsxBytesOfTables(grids: readonly TableGrid[]): Promise<Uint8Array> {
  const out = collectingSink();
  await writeTablesPackage(grids, out.sink, { deflater: deflater() });
  return out.bytes();
}

/** A results plan as a NEW workbook. */
export async function xlsxBytesOfResults(plan: ResultsPlan): Promise<Uint8Array> {
  const out = collectingSink();
  await writeResultsPackage(plan, out.sink, { deflater: deflater() });
  return out.bytes();
}

/**
 * A copy of the workbook `bytes` with the plan's sheets merged in (added, or replacing a previous run's), every other
 * part byte-identical: what `trade-terms run --into` writes.
 */
export async function xlsxBytesWithResults(
  bytes: Uint8Array,
  name: string,
  plan: ResultsPlan,
): Promise<{ bytes: Uint8Array; report: MergeReport }> {
  const inflater = webStreamsInflater() ?? fflateInflater;
  const archive = sniffBytes(bytes, name);
  const pkg = await workbookPackage(archive, name, inflater);
  const workbook = await openWorkbook(bytes, name, { inflate: inflater });
  const out = collectingSink();
  const report = await mergeResultsPackage({ archive, workbook, workbookPart: pkg.workbookPart }, plan, out.sink, {
    inflater,
    deflater: deflater(),
  });
  return { bytes: out.bytes(), report };
}
