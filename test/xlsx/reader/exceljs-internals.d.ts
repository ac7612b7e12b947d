/** ExcelJS's own conversions, which the reader must match (imported by cells.test.ts only; no typings ship). */
declare module 'exceljs/lib/utils/utils' {
  const utils: {
    excelToDate(serial: number, date1904: boolean): Date;
    isDateFmt(format: string): boolean;
  };
  export default utils;
}

declare module 'exceljs/lib/utils/shared-formula' {
  export function slideFormula(formula: string, fromCell: string, toCell: string): string;
}
