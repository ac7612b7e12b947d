/**
 * A ResultsPlan written into an ExcelJS workbook: real Excel tables with number formats, frozen headers, column
 * widths and bold totals; formulas carry the engine's value as their cached result so Excel (and viewers that never
 * recalculate) show numbers straight away. Pure over the workbook object: no fs.
 * Charts are not written: ExcelJS cannot create them (the Office host draws them); a note on the sheet says so.
 *
 * Ownership: each result sheet gets the same owner marker as in the other hosts (ownerMarkerName(role)), but
 * workbook-scoped, with the sheet in its reference ('TT Cascada'!$A$1). The Office host writes it sheet-scoped and
 * hidden; ExcelJS 4.4 cannot: its defined-names model keeps only a name and its ranges (no localSheetId, no hidden
 * attribute; it writes localSheetId only for the print areas and titles it makes itself). The Office host and the
 * memory loader recognise this workbook-wide form too. Reading it back takes the sheet from the reference as the
 * file stores it (the file format's invariant syntax, never a localised formula). A marked sheet found here is
 * replaced whole, in place: same position, renamed when the language changed, formulas elsewhere pointing at it
 * rewritten to the new name. The CLI always writes a new workbook, so this only matters to callers that pass one
 * holding a previous run's results.
 */
import type { CellErrorValue, CellValue as ExcelValue, PageSetup, Workbook, Worksheet } from 'exceljs';
import {
  headerFooterText,
  HostError,
  isCellError,
  isFormulaCell,
  isResultTableName,
  ownerMarkerName,
  roleOfMarker,
  type HostNotice,
  type PrintSetup,
  type ResultCell,
  type ResultSheet,
  type ResultsPlan,
} from '../../../src/workbook/port';
import {
  checkResultsPlan,
  renameSheetRefs,
  sheetInFormula,
  sheetNameTaken,
  type ExistingTable,
} from '../../../src/workbook/plan-check';
import { placeTables, RESULT_SHEET_NAMES } from '../../../src/workbook/results-layout';
import { tablesFromWorkbook } from './tables';

/** Points per line of 11-pt Calibri, Excel's default row height. */
const LINE_HEIGHT = 15;
/** Text columns at least this wide hold sentences (formula texts, messages): they wrap instead of running off-page. */
const WRAP_FROM_WIDTH = 40;

/**
 * Lines a text takes when wrapped at word boundaries in a column `width` characters wide. Excel and LibreOffice
 * do not grow a row to fit wrapped text on opening a file, so the writer sets the height itself.
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, Math.floor(width) - 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= room) used = need;
      else {
        if (used > 0) lines++;
        // A word longer than the column breaks across lines.
        lines += Math.floor(Math.max(0, word.length - 1) / room);
        used = word.length % room || room;
      }
    }
  }
  return lines;
}

/**
 * Sheets whose plan asks for charts get a note saying the .xlsx has none, in the language of the sheet's name, for
 * the kinds of chart the sheet asks for (waterfall, bar or both), with where Excel inserts one by hand.
 */
const CHARTS_NOT_WRITTEN: Record<'waterfall' | 'bar' | 'both', Record<'es' | 'en', [string, string]>> = {
  waterfall: {
    es: [
      'Nota: este archivo .xlsx no trae las gráficas de cascada (el complemento de Excel sí las dibuja).',
      'Para ver una: seleccione la tabla y use Insertar > Gráfico de cascada.',
    ],
    en: [
      'Note: this .xlsx file carries no waterfall charts (the Excel add-in draws them).',
      'To see one: select the table and use Insert > Waterfall chart.',
    ],
  },
  bar: {
    es: [
      'Nota: este archivo .xlsx no trae las gráficas de barras (el complemento de Excel sí las dibuja).',
      'Para ver una: seleccione la tabla y use Insertar > Gráfico de columnas o de barras > Barra agrupada.',
    ],
    en: [
      'Note: this .xlsx file carries no bar charts (the Excel add-in draws them).',
      'To see one: select the table and use Insert > Column or Bar Chart > Clustered Bar.',
    ],
  },
  both: {
    es: [
      'Nota: este archivo .xlsx no trae las gráficas de cascada ni las de barras (el complemento de Excel sí las dibuja).',
      'Para ver una: seleccione la tabla y use Insertar > Gráfico de cascada, o Insertar > Gráfico de columnas o de barras > Barra agrupada.',
    ],
    en: [
      'Note: this .xlsx file carries no waterfall or bar charts (the Excel add-in draws them).',
      'To see one: select the table and use Insert > Waterfall chart, or Insert > Column or Bar Chart > Clustered Bar.',
    ],
  },
};

function sheetLang(name: string): 'es' | 'en' {
  return Object.values(RESULT_SHEET_NAMES).some((n) => n.en === name && n.es !== name) ? 'en' : 'es';
}

/** A number Excel cannot store (NaN, ±∞) is written as #NUM! so the defect shows in the sheet instead of hiding. */
const NOT_A_NUMBER: CellErrorValue = { error: '#NUM!' };

function excelResult(v: number | string | null): number | string | CellErrorValue | undefined {
  if (v === null) return undefined;
  if (typeof v === 'number' && !Number.isFinite(v)) return NOT_A_NUMBER;
  return v;
}

function excelValue(c: ResultCell): ExcelValue {
  if (isFormulaCell(c)) {
    // Plan formulas are written as typed in Excel ("=A1+B1"); the file format stores them without "=".
    const formula = c.formula.startsWith('=') ? c.formula.slice(1) : c.formula;
    return { formula, result: excelResult(c.result) };
  }
  if (isCellError(c)) return { error: c.error } as CellErrorValue;
  if (typeof c === 'number' && !Number.isFinite(c)) return NOT_A_NUMBER;
  return c;
}

function writeSheet(ws: Worksheet, sheet: ResultSheet): number {
  const places = placeTables(sheet.tables);
  // Column widths first: the widest table of the sheet sets them, and wrapped rows are measured against them.
  const widths: number[] = [];
  for (const table of sheet.tables) {
    table.columns.forEach((c, j) => {
      widths[j] = Math.max(widths[j] ?? 0, c.width ?? Math.max(10, Math.min(40, c.header.length + 2)));
    });
  }
  widths.forEach((w, j) => {
    ws.getColumn(j + 1).width = w;
  });
  let cells = 0;
  sheet.tables.forEach((table, ti) => {
    const at = places[ti];
    if (table.title && at.titleRow !== undefined) {
      const title = ws.getCell(at.titleRow, 1);
      title.value = table.title;
      title.font = { bold: true, size: 13 };
      cells++;
    }
    const width = table.columns.length;
    // Excel tables always hold at least one data row.
    const rows = table.rows.length > 0 ? table.rows : [new Array<ResultCell>(width).fill(null)];
    ws.addTable({
      name: table.name,
      ref: `A${at.headerRow}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: table.columns.map((c) => ({ name: c.header, filterButton: true })),
      rows: rows.map((r) => r.map(excelValue)),
    });
    cells += width;
    const header = ws.getRow(at.headerRow);
    let headerLines = 1;
    for (let j = 0; j < width; j++) {
      header.getCell(j + 1).alignment = { wrapText: true, vertical: 'top' };
      headerLines = Math.max(headerLines, wrappedLines(table.columns[j].header, widths[j]));
    }
    if (headerLines > 1) header.height = headerLines * LINE_HEIGHT;
    const wraps = table.columns.map((c, j) => c.wrap === true || (c.format === 'text' && widths[j] >= WRAP_FROM_WIDTH));
    const bold = new Set(table.totalRows ?? []);
    rows.forEach((r, i) => {
      const wsRow = ws.getRow(at.firstDataRow + i);
      let lines = 1;
      for (let j = 0; j < width; j++) {
        const cell = wsRow.getCell(j + 1);
        cell.numFmt = table.cellFormats?.[i]?.[j] ?? table.columns[j].numberFormat;
        if (bold.has(i)) cell.font = { bold: true };
        if (wraps[j]) {
          cell.alignment = { wrapText: true, vertical: 'top' };
          if (typeof r[j] === 'string') lines = Math.max(lines, wrappedLines(r[j] as string, widths[j]));
        }
        if (r[j] !== null && r[j] !== undefined) cells++;
      }
      if (lines > 1) {
        wsRow.height = lines * LINE_HEIGHT;
        // The row reads from the top, as its wrapped sentence does (Excel's default is the bottom).
        for (let j = 0; j < width; j++) {
          const cell = wsRow.getCell(j + 1);
          cell.alignment = { ...(cell.alignment ?? {}), vertical: 'top' };
        }
      }
    });
  });
  if (sheet.charts && sheet.charts.length > 0 && sheet.tables.length > 0) {
    // ExcelJS cannot write charts: say so beside the data (rows 1-2, one blank column right of the widest table).
    const column = widths.length + 2;
    const kinds = new Set(sheet.charts.map((c) => c.kind));
    const texts = CHARTS_NOT_WRITTEN[kinds.size > 1 ? 'both' : kinds.has('bar') ? 'bar' : 'waterfall'];
    texts[sheetLang(sheet.name)].forEach((text, i) => {
      const note = ws.getCell(1 + i, column);
      note.value = text;
      note.font = { italic: true };
      cells++;
    });
    ws.getColumn(column).width = Math.max(...texts.es.map((t) => t.length)) + 2;
  }
  return cells;
}

/** The sheet a defined name's first range is on ("'TT P&L'!$A$1" → "TT P&L"), as the file stores it. */
function sheetOfRange(range: string): string | undefined {
  const bang = range.lastIndexOf('!');
  if (bang < 0) return undefined;
  const sheet = range.slice(0, bang);
  return sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/** Result sheets of a workbook by role, from their owner markers (workbook-scoped names). */
export function resultSheetsByRole(wb: Workbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of wb.definedNames.model) {
    const role = roleOfMarker(n.name);
    const sheet = n.ranges[0] === undefined ? undefined : sheetOfRange(n.ranges[0]);
    if (role && sheet && wb.getWorksheet(sheet) && !out.has(role)) out.set(role, sheet);
  }
  return out;
}

/** Marks a sheet as the result sheet of `role`: a workbook-scoped owner marker on its A1 (see the module comment). */
function mark(wb: Workbook, sheet: string, role: string): void {
  const name = ownerMarkerName(role);
  wb.definedNames.model = [
    ...wb.definedNames.model.filter((n) => n.name.toLowerCase() !== name.toLowerCase()),
    { name, ranges: [`${sheetInFormula(sheet)}!$A$1`] },
  ];
}

function existingTables(wb: Workbook, owned: ReadonlySet<string>): ExistingTable[] {
  return tablesFromWorkbook(wb).map((g) => ({
    name: g.name,
    sheet: g.sheet,
    role: owned.has(g.sheet.toLowerCase()) && isResultTableName(g.name) ? 'result' : 'input',
  }));
}

function sheetExists(sheet: string): HostError {
  return new HostError('sheet_holds_input', {
    es: `La hoja «${sheet}» ya existe en el libro de resultados, que no reemplaza hojas; no se escribió nada.`,
    en: `Sheet "${sheet}" already exists in the results workbook, which replaces no sheet; nothing was written.`,
  });
}

/**
 * Adds the plan's sheets to `wb`, each marked as ours. A sheet `wb` already holds is replaced only when it carries
 * the owner marker of the plan sheet's role (a previous run's, in any language); any other sheet of the same name is
 * never replaced. Returns what was written.
 */
export function writeResultsInto(
  wb: Workbook,
  plan: ResultsPlan,
): { sheetsWritten: string[]; cellsWritten: number; renamed: { from: string; to: string }[]; notices: HostNotice[] } {
  checkResultsPlan(plan);
  const byRole = resultSheetsByRole(wb);
  const targets = new Map<string, string>(); // plan sheet name → the marked sheet it replaces
  const into = new Map<string, string>(); // marked sheet (lower case) → plan sheet name
  for (const sheet of plan.sheets) {
    const old = byRole.get(sheet.role);
    if (old === undefined) continue;
    targets.set(sheet.name, old);
    into.set(old.toLowerCase(), sheet.name);
  }
  checkResultsPlan(plan, existingTables(wb, new Set(into.keys())), into);
  for (const sheet of plan.sheets) {
    const old = targets.get(sheet.name);
    const same = wb.getWorksheet(sheet.name);
    if (same && (old === undefined || same.name.toLowerCase() !== old.toLowerCase())) {
      throw old === undefined ? sheetExists(sheet.name) : sheetNameTaken(sheet.name, old);
    }
  }
  const renamed: { from: string; to: string }[] = [];
  const notices: HostNotice[] = [];
  let cellsWritten = 0;
  for (const sheet of plan.sheets) {
    const first = sheet.tables.length > 0 ? placeTables(sheet.tables)[0] : undefined;
    // A previous run's sheet goes, and the new one takes its place (same position); formulas follow its new name.
    const old = targets.has(sheet.name) ? wb.getWorksheet(targets.get(sheet.name)) : undefined;
    // ExcelJS orders sheets by orderNo (workbook.worksheets), which its typings leave out.
    const orderNo = old && 'orderNo' in old && typeof old.orderNo === 'number' ? old.orderNo : undefined;
    if (old) {
      if (old.name !== sheet.name) {
        renamed.push({ from: old.name, to: sheet.name });
        renameFormulaRefs(wb, old.name, sheet.name);
      }
      wb.removeWorksheet(old.id);
    }
    const ws = wb.addWorksheet(sheet.name, {
      views:
        sheet.freezeHeader && first
          ? [{ state: 'frozen', xSplit: 0, ySplit: first.headerRow, topLeftCell: `A${first.headerRow + 1}` }]
          : [],
      // A sheet meant to be printed says how (Letter, its scale, area, header: printSetup). Any other: printed or
      // saved as PDF, a 20-column P&L would split into pages of four columns each, so landscape, one page wide (as
      // many pages tall as needed), the frozen header repeated on every page.
      pageSetup: sheet.print
        ? printSetup(sheet.name, sheet.print)
        : {
            orientation: 'landscape',
            paperSize: 9, // A4; Letter users get the same fit-to-width scaling
            fitToPage: true,
            fitToWidth: 1,
            fitToHeight: 0,
            ...(sheet.freezeHeader && first ? { printTitlesRow: `1:${first.headerRow}` } : {}),
          },
      ...(sheet.print ? { headerFooter: { oddHeader: `&C${headerFooterText(sheet.print.header)}` } } : {}),
    });
    if (sheet.print && !namesPrintRanges(sheet.name)) notices.push(printRangesNotWritten(sheet.name));
    if (orderNo !== undefined) Object.assign(ws, { orderNo });
    mark(wb, sheet.name, sheet.role);
    cellsWritten += writeSheet(ws, sheet);
  }
  return { sheetsWritten: plan.sheets.map((s) => s.name), cellsWritten, renamed, notices };
}

/**
 * ExcelJS's page setup for a sheet meant to be printed. Letter is paper size 1 of the file format (ECMA-376
 * §18.3.1.63). An explicit scale and fitToPage false: the text prints at a known size. ExcelJS turns the print area
 * and the title rows into the sheet-scoped defined names _xlnm.Print_Area and _xlnm.Print_Titles, prefixing "$" to
 * each part it splits at ":"; the area is handed over as "A$1:F$48" so the name reads $A$1:$F$48, as Excel writes
 * it (a bare "A1" would give the mixed $A1). It quotes the sheet name without doubling an apostrophe in it, which
 * Excel rejects as a corrupt file (exceljs/exceljs#3071): such a sheet gets neither name (printRangesNotWritten).
 */
export function printSetup(sheetName: string, p: PrintSetup): Partial<PageSetup> {
  return {
    paperSize: LETTER,
    orientation: p.orientation,
    scale: p.scale,
    fitToPage: false,
    margins: { ...p.margins },
    ...(namesPrintRanges(sheetName)
      ? {
          printArea: p.area
            .replace(/\$/g, '')
            .split(':')
            .map((cell) => cell.replace(/^([A-Za-z]+)(\d+)$/, '$1$$$2'))
            .join(':'),
          ...(p.titleRows ? { printTitlesRow: p.titleRows.replace(/\$/g, '') } : {}),
        }
      : {}),
  };
}

/** Paper size 1, Letter (ECMA-376 §18.3.1.63): a valid value ExcelJS 4.4's PaperSize typing leaves out. */
const LETTER = 1 as PageSetup['paperSize'];

/** Whether ExcelJS can name this sheet in a print area (see printSetup). */
function namesPrintRanges(sheetName: string): boolean {
  return !sheetName.includes("'");
}

function printRangesNotWritten(sheet: string): HostNotice {
  return {
    code: 'print_setup_unsupported',
    es: `La hoja «${sheet}» se imprime en carta con su escala, márgenes y encabezado, pero el archivo no trae su área de impresión ni las filas que se repiten en cada página: la biblioteca que escribe el .xlsx no las escribe bien cuando el nombre de la hoja lleva un apóstrofo. Defínalas en Excel (Diseño de página > Área de impresión e Imprimir títulos).`,
    en: `Sheet "${sheet}" prints on Letter with its scale, margins and header, but the file carries neither its print area nor the rows repeated on every page: the library writing the .xlsx gets them wrong when the sheet name holds an apostrophe. Set them in Excel (Page Layout > Print Area and Print Titles).`,
  };
}

/** Every formula of the workbook pointing at sheet `from` points at `to` instead (Excel does this on a rename). */
function renameFormulaRefs(wb: Workbook, from: string, to: string): void {
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown;
        if (v && typeof v === 'object' && 'formula' in v && typeof v.formula === 'string') {
          const f = v as { formula: string; result?: unknown };
          const next = renameSheetRefs(f.formula, from, to);
          if (next !== f.formula) cell.value = { ...f, formula: next } as ExcelValue;
        }
      });
    });
  });
}
