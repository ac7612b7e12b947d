/**
 * A direct SpreadsheetML (.xlsx) writer: results and exported tables written as XML parts into a streaming zip, with
 * real Excel tables and charts, no ExcelJS. Pure (no fs, no Node built-ins except node-deflate.ts, imported apart):
 * bytes go to a sink, a file in Node or a Blob in the browser.
 *
 * - writeResultsPackage(plan, sink, options): a new workbook of the plan's sheets.
 * - writeTablesPackage(grids, sink, options): a new workbook of input tables (the next base).
 * - renderResultSheet(sheet, ctx) → RenderedSheet: one result sheet's parts, names and content types, for a merge
 *   into a user's workbook (StyleBook.fromXml for its styles, 'inline' strings, partAllocator / tableIdAllocator over
 *   its entries); WorkbookPackage + renderWorksheet for other new workbooks (hidden sheets, drop-downs, custom XML).
 * - ZipWriter (addEntry, addRaw, ZIP64), collectingSink, fflateDeflater; nodeDeflater in ./node-deflate.
 */
export { writeResultsPackage, type ResultsPackageReport } from './results-package';
export { writeTablesPackage } from './tables-package';
export { renderResultSheet, resultColumnWidths, wrappedLines, type ResultSheetOptions } from './result-sheet';
export { layoutCharts, levelRows, type ChartBlock, type SheetCharts } from './result-charts';
export {
  renderWorksheet,
  sheetRef,
  tableHeaders,
  type CellSpec,
  type ColumnSpec,
  type DataValidationSpec,
  type PageSpec,
  type RenderedName,
  type RenderedPart,
  type RenderedSheet,
  type RowSpec,
  type SheetContext,
  type TableSpec,
  type WorksheetSpec,
} from './worksheet';
export { WorkbookPackage, type CustomXmlPart, type PackageOptions } from './package';
export { StyleBook, type CellStyle } from './styles';
export { SharedStrings, type StringMode } from './strings';
export { cellXml, excelSerial, type CellInput, type FormulaInput, type CellErrorInput } from './cells';
export { chartXml, drawingXml, type ChartSpec, type ChartSeriesSpec, type ChartRef } from './chart';
export {
  CONTENT_TYPES,
  REL_TYPES,
  NS,
  partAllocator,
  tableIdAllocator,
  relsPathOf,
  relativeTarget,
  relationshipsXml,
  contentTypesXml,
  type PartKind,
  type Relationship,
} from './parts';
export {
  ZipWriter,
  fflateDeflater,
  collectingSink,
  concatBytes,
  bytesOf,
  XLSX_MIME,
  type Deflater,
  type DeflateStream,
  type RawEntry,
  type EntryData,
  type ZipSink,
  type ZipWriterOptions,
} from './zip';
export { crc32 } from './crc32';
export { escapeText, escapeAttr, escapeXmlText, escapeXmlAttr, xstring } from './xml';
export { scanXml, Splicer, type ScannedElement } from './xml-scan';
