/** The .xlsx host: ExcelJS over files (Node). tables/cells/write are pure and reusable by the in-browser host. */
export { XlsxHost } from './host';
export { HostError, type HostErrorCode } from '../../workbook/port';
export { tablesFromWorkbook, listTablesOf, readTablesOf, sheetsWithTables, gridOfTable, decodeRange } from './tables';
export { cellValueOf, cellText } from './cells';
export { settleEmptyResults } from './saved-results';
export { writeResultsInto, resultSheetsByRole } from './write';
