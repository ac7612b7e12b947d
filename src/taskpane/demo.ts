/** The browser demo's workbooks: the bundled sample (fetched from the same origin) or a file the user picks. */
import { loadMemoryWorkbookFromXlsx, type MemoryWorkbook } from '../hosts/memory';

export const SAMPLE_URL = 'assets/sample-trade-terms.xlsx';
export const SAMPLE_NAME = 'sample-trade-terms.xlsx';

export async function loadBundledSample(): Promise<MemoryWorkbook> {
  const response = await fetch(SAMPLE_URL);
  if (!response.ok) {
    throw new Error(
      `No se pudo cargar el libro de ejemplo (${SAMPLE_URL}: HTTP ${response.status}). / The sample workbook could not be loaded (${SAMPLE_URL}: HTTP ${response.status}).`,
    );
  }
  return loadMemoryWorkbookFromXlsx(await response.arrayBuffer(), SAMPLE_NAME);
}

export async function loadPickedFile(file: File): Promise<MemoryWorkbook> {
  return loadMemoryWorkbookFromXlsx(await file.arrayBuffer(), file.name);
}
