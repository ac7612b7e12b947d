/**
 * Which cell styles (xl/styles.xml, cellXfs) show a number as a date. The test is ExcelJS's, so a workbook reads the
 * same as it did through ExcelJS: a custom format code is a date when, once its backslash escapes are undone and its
 * [bracketed] and "quoted" sections removed, it still holds one of y m d h M s b. Elapsed-time formats ([h]:mm) are
 * dates by that test too. Built-in formats are dates for ids 14–22 and 45–47 (as ExcelJS has them) and for the East
 * Asian date ids 27–36 and 50–58, which Excel shows as dates (ExcelJS knows no code for them and reads numbers).
 * Style 0 is never a date: ExcelJS ignores s="0", and Excel's style 0 is General.
 */
import { scanXml, type XmlHandler, type XmlScanner } from './xml';

/** ExcelJS's isDateFmt on a format code as stored (escapes undone as ExcelJS's numFmt parser does). */
export function isDateFormatCode(code: string): boolean {
  const plain = code
    .replace(/[\\](.)/g, '$1')
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(plain);
}

/** Built-in number formats (no numFmt element needed) that show a date or a time. */
export function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** Per cellXfs index, 1 when the style shows numbers as dates. */
export function parseDateStyles(xml: Uint8Array | string): Uint8Array {
  const custom = new Map<number, string>();
  const numFmtIds: number[] = [];
  let inCellXfs = false;
  let inNumFmts = false;
  const handler: XmlHandler = {
    open(x: XmlScanner, name: number) {
      if (name === 0 && inNumFmts) {
        // Only the workbook's list counts: a dxf (conditional format) has numFmt elements of its own.
        const id = Number(x.attr('numFmtId'));
        const code = x.attr('formatCode');
        if (Number.isInteger(id) && code) custom.set(id, code);
      } else if (name === 1) {
        inCellXfs = true;
      } else if (name === 2 && inCellXfs) {
        numFmtIds.push(parseInt(x.attr('numFmtId') ?? '0', 10) || 0);
      } else if (name === 3) {
        inNumFmts = true;
      }
    },
    close(_x: XmlScanner, name: number) {
      if (name === 1) inCellXfs = false;
      else if (name === 3) inNumFmts = false;
    },
  };
  scanXml(xml, ['numFmt', 'cellXfs', 'xf', 'numFmts'], handler);
  const dates = new Uint8Array(numFmtIds.length);
  numFmtIds.forEach((id, i) => {
    if (i === 0 || id === 0) return;
    const code = custom.get(id);
    dates[i] = (code !== undefined ? isDateFormatCode(code) : isBuiltInDateFormat(id)) ? 1 : 0;
  });
  return dates;
}
