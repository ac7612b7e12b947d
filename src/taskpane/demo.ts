/**
 * The browser demo's workbooks: the bundled sample (fetched from the same origin) or a file the user picks. The
 * in-memory workbook comes with the .xlsx reader, in its lazy chunk: the pane inside Excel never loads either.
 */
import type { MemoryWorkbook } from '../hosts/memory';

const memoryHost = () => import(/* webpackChunkName: "xlsx-io" */ '../hosts/memory/load-xlsx');

export const SAMPLE_URL = 'assets/sample-trade-terms.xlsx';
export const SAMPLE_NAME = 'sample-trade-terms.xlsx';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The demo's download (the memory host's exportTables: an agreed scenario as the next base): the bytes as a Blob
 * behind an <a download> that is clicked once, then removed. The file is made in this browser; nothing is uploaded.
 */
export function downloadFile(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: XLSX_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The browser has taken the URL by then; revoking it later still lets a slow download start.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

export async function loadBundledSample(): Promise<MemoryWorkbook> {
  const response = await fetch(SAMPLE_URL);
  if (!response.ok) {
    throw new Error(
      `No se pudo cargar el libro de ejemplo (${SAMPLE_URL}: HTTP ${response.status}). / The sample workbook could not be loaded (${SAMPLE_URL}: HTTP ${response.status}).`,
    );
  }
  const { loadMemoryWorkbookFromXlsx } = await memoryHost();
  return loadMemoryWorkbookFromXlsx(await response.arrayBuffer(), SAMPLE_NAME, { download: downloadFile });
}

export async function loadPickedFile(file: File): Promise<MemoryWorkbook> {
  const { loadMemoryWorkbookFromXlsx } = await memoryHost();
  return loadMemoryWorkbookFromXlsx(await file.arrayBuffer(), file.name, { download: downloadFile });
}
