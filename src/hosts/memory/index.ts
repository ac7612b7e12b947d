export { MemoryWorkbook, MemorySheet, MemoryHostError } from './memory-workbook';
export type { MemoryCell, MemoryTable, MemoryWorkbookOptions } from './memory-workbook';
export { loadMemoryWorkbookFromXlsx } from './load-xlsx';
export { sha256Hex, defaultDigest } from './sha256';
export type { Digest } from './sha256';
export { columnLetters, parseA1, toA1 } from './a1';
