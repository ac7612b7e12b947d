/**
 * The .xlsx host: the streaming reader (./reader), the direct writer (./sml) and the merge into a copy of the user's
 * workbook (./merge), over files in Node (XlsxHost) and as bytes in memory (./bytes, also used in the browser).
 */
export { XlsxHost, type XlsxHostOptions } from './host';
export { HostError, type HostErrorCode } from '../../workbook/port';
export { openWorkbook, readTablesFromBytes, type XlsxWorkbook } from './reader';
export { xlsxBytesOfTables, xlsxBytesOfResults, xlsxBytesWithResults } from './bytes';
