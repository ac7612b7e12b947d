/**
 * The ExcelJS-based reader and writer the .xlsx host used before the streaming reader (src/hosts/xlsx/reader) and the
 * direct writer (src/hosts/xlsx/sml) replaced them. Kept out of the runtime, as an independent reference in tests:
 * the new reader must read what this one read, the new writer must write what this one wrote (and more).
 */
export { tablesFromWorkbook, listTablesOf, readTablesOf, sheetsWithTables, gridOfTable, decodeRange } from './tables';
export { cellValueOf, cellText } from './cells';
export { settleEmptyResults } from './saved-results';
export { writeResultsInto, resultSheetsByRole, printSetup, wrappedLines } from './write';
export { workbookOfTables, xlsxBytesOfTables } from './export';
