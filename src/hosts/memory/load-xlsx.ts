/**
 * Opens a .xlsx into a MemoryWorkbook. ExcelJS and the xlsx table reader are imported lazily so they land in a
 * separate chunk, out of the pane's initial JavaScript.
 */
import { HostError } from '../../workbook/port';
import { MemoryWorkbook, type Download } from './memory-workbook';
import type { Digest } from '../../workbook/fingerprint';

export async function loadMemoryWorkbookFromXlsx(
  bytes: ArrayBuffer | Uint8Array,
  name: string,
  options: { digest?: Digest; download?: Download } = {},
): Promise<MemoryWorkbook> {
  const [excelModule, { tablesFromWorkbook }, { settleEmptyResults }, { resultSheetsByRole }] = await Promise.all([
    import(/* webpackChunkName: "exceljs" */ 'exceljs'),
    import(/* webpackChunkName: "exceljs" */ '../xlsx/tables'),
    import(/* webpackChunkName: "exceljs" */ '../xlsx/saved-results'),
    import(/* webpackChunkName: "exceljs" */ '../xlsx/write'),
  ]);
  // CommonJS/UMD interop differs between webpack and ts-jest: the Workbook class sits on the module or its default.
  const ExcelJS = (excelModule as { Workbook?: unknown }).Workbook ? excelModule : excelModule.default;
  const fileBytes = bytes instanceof Uint8Array ? bytes.slice() : new Uint8Array(bytes.slice(0));
  const workbook = new ExcelJS.Workbook();
  try {
    // JSZip underneath reads any ArrayBuffer: no Node Buffer needed in the browser.
    await workbook.xlsx.load(fileBytes.buffer);
  } catch (cause) {
    // The library's own message goes on a separate, labelled line (HostError.text), never inside the sentence.
    throw new HostError(
      'input_not_xlsx',
      {
        es: `«${name}» no es un libro .xlsx válido (¿está dañado o es otro formato, como .xls o .csv?).`,
        en: `"${name}" is not a valid .xlsx workbook (is it damaged, or another format such as .xls or .csv?).`,
      },
      { cause },
    );
  }
  const memory = new MemoryWorkbook({ name, fileBytes, digest: options.digest, download: options.download });
  for (const ws of workbook.worksheets) memory.addSheet(ws.name);
  const grids = tablesFromWorkbook(workbook);
  await settleEmptyResults(grids, fileBytes);
  for (const grid of grids) memory.addTable(grid);
  // Result sheets a previous run wrote (the CLI's workbook-scoped owner markers) stay recognised as ours.
  for (const [role, sheet] of resultSheetsByRole(workbook)) memory.markResultSheet(sheet, role);
  return memory;
}
