export { MemoryWorkbook, MemorySheet } from './memory-workbook';
export { HostError, type HostErrorCode } from '../../workbook/port';
export type { Download, MemoryCell, MemoryTable, MemoryWorkbookOptions } from './memory-workbook';
export { loadMemoryWorkbookFromXlsx } from './load-xlsx';
export { sha256Hex, defaultDigest, type Digest } from '../../workbook/fingerprint';
export { columnLetters, parseA1, toA1 } from '../../workbook/a1';
