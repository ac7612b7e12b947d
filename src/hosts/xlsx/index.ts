/** The .xlsx host: ExcelJS over files (Node). tables/cells/write are pure and reusable by the in-browser host. */
export { XlsxHost } from './host';
export { XlsxHostError, type XlsxHostErrorCode } from './errors';
export { tablesFromWorkbook, listTablesOf, readTablesOf, sheetsWithTables, gridOfTable, decodeRange } from './tables';
export { cellValueOf, cellText } from './cells';
export { writeResultsInto } from './write';
