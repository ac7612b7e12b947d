/**
 * The streaming, table-scoped .xlsx reader (no ExcelJS): openWorkbook / readTablesFromBytes, the file-type sniffing
 * that tells an encrypted file, an .xls, an .ods or a CSV apart, and the zip layer (raw entries for copying).
 * Browser-safe; the Node inflater is imported from './node-inflate' by Node code only.
 */
export {
  openWorkbook,
  readTablesFromBytes,
  maxCellsForHeap,
  DEFAULT_MAX_CELLS,
  BYTES_PER_CELL,
  type ReadOptions,
  type XlsxWorkbook,
} from './read';
export type { SheetInfo, DefinedName, TableDef } from './workbook';
export { sniffBytes, workbookPackage, type WorkbookPackage } from './sniff';
export { ZipArchive, ZipError, partKey, type ZipEntry } from './zip';
export {
  fflateInflater,
  webStreamsInflater,
  type Inflater,
  type InflateStream,
  type InflateSink,
  type InflateTarget,
} from './inflate';
export { BELOW_ROWS } from './grid';
export { excelDate } from './sheet';
