/**
 * Sheets meant to be printed, in the .xlsx the CLI writes: what ExcelJS puts in the package, read back from the
 * zip. Excel is stricter than LibreOffice: the worksheet's children must come in the ECMA-376 order (CT_Worksheet,
 * §18.3.1.99), the print area and title rows are sheet-scoped defined names (localSheetId) with the sheet name
 * quoted, and "&" in a header is a code unless doubled.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { writeResultsInto } from '../support/exceljs';
import type { ResultsPlan } from '../../src/workbook/port';
import { summarySheet } from '../support/result-sheets';

/** CT_Worksheet's children, in the order the schema's sequence requires. */
const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** The names of the worksheet's direct children, in file order. */
function children(xml: string): string[] {
  const body = xml.slice(xml.indexOf('>', xml.indexOf('<worksheet')) + 1, xml.lastIndexOf('</worksheet>'));
  const out: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:]*)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = m;
    if (close) depth--;
    else {
      if (depth === 0) out.push(name);
      if (!selfClose) depth++;
    }
  }
  return out;
}

function attributes(xml: string, element: string): Record<string, string> {
  const m = new RegExp(`<${element} ([^>]*?)/?>`).exec(xml);
  if (!m) throw new Error(`no <${element}>`);
  return Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
}

async function written(plan: ResultsPlan) {
  const wb = new ExcelJS.Workbook();
  const report = writeResultsInto(wb, plan);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const zip = await JSZip.loadAsync(bytes);
  const read = (p: string) => zip.file(p)!.async('string');
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return { report, read, back };
}

test('Letter, portrait, scale 90 %, no fit-to-page, the margins, the header with "&" doubled, in schema order', async () => {
  const { read, report } = await written({ sheets: [summarySheet()] });
  expect(report.notices).toEqual([]);
  const sheet = await read('xl/worksheets/sheet1.xml');
  expect(attributes(sheet, 'pageSetup')).toMatchObject({ paperSize: '1', orientation: 'portrait', scale: '90' });
  expect(attributes(sheet, 'pageMargins')).toEqual({
    left: '0.5',
    right: '0.5',
    top: '0.75',
    bottom: '0.75',
    header: '0.25',
    footer: '0.25',
  });
  // Fit-to-page lives in sheetPr/pageSetUpPr: absent, so Excel prints at the scale.
  expect(sheet).not.toContain('fitToPage');
  expect(sheet).toContain(
    '<headerFooter><oddHeader>&amp;CWalmart de México — P&amp;&amp;L — 2026-01-15</oddHeader></headerFooter>',
  );
  const order = children(sheet);
  expect(order).toEqual([
    'dimension',
    'sheetFormatPr',
    'cols',
    'sheetData',
    'pageMargins',
    'pageSetup',
    'headerFooter',
    'tableParts',
  ]);
  const positions = order.map((c) => WORKSHEET_ORDER.indexOf(c));
  expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
});

test('the print area and the title rows are sheet-scoped defined names, absolute, with the sheet quoted', async () => {
  const { read } = await written({ sheets: [summarySheet()] });
  const book = await read('xl/workbook.xml');
  expect(book).toContain(
    '<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;TT Resumen&apos;!$A$1:$B$6</definedName>',
  );
  expect(book).toContain(
    '<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;TT Resumen&apos;!$1:$3</definedName>',
  );
  // definedNames sits between sheets and calcPr (CT_Workbook's sequence).
  expect(book.indexOf('</sheets>')).toBeLessThan(book.indexOf('<definedNames>'));
  expect(book.indexOf('</definedNames>')).toBeLessThan(book.indexOf('<calcPr'));
});

test('ExcelJS reads the setup back as written; the wrapped column wraps its data cells only', async () => {
  const { back } = await written({ sheets: [summarySheet()] });
  const ws = back.getWorksheet('TT Resumen')!;
  expect(ws.pageSetup).toMatchObject({
    paperSize: 1,
    orientation: 'portrait',
    scale: 90,
    fitToPage: false,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.25, footer: 0.25 },
  });
  expect(ws.headerFooter.oddHeader).toBe('&CWalmart de México — P&&L — 2026-01-15');
  for (const a of ['B4', 'B5', 'B6'])
    expect(ws.getCell(a).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
  expect(ws.getCell('A5').alignment?.wrapText).toBeFalsy(); // a short text column is not wrapped
  // The row of the long note grows to its lines (30 characters wide: 3 lines of 15 points).
  expect(ws.getRow(4).height).toBe(45);
});

test('a sheet name with an apostrophe: no print-area names (ExcelJS would corrupt them), the rest, and a notice', async () => {
  const sam = summarySheet();
  sam.name = "TT Sam's Club";
  const { read, report } = await written({ sheets: [sam] });
  const book = await read('xl/workbook.xml');
  expect(book).not.toContain('_xlnm.Print_Area');
  expect(book).not.toContain('_xlnm.Print_Titles');
  expect(attributes(await read('xl/worksheets/sheet1.xml'), 'pageSetup')).toMatchObject({
    paperSize: '1',
    scale: '90',
  });
  expect(report.notices).toEqual([
    {
      code: 'print_setup_unsupported',
      es: "La hoja «TT Sam's Club» se imprime en carta con su escala, márgenes y encabezado, pero el archivo no trae su área de impresión ni las filas que se repiten en cada página: la biblioteca que escribe el .xlsx no las escribe bien cuando el nombre de la hoja lleva un apóstrofo. Defínalas en Excel (Diseño de página > Área de impresión e Imprimir títulos).",
      en: 'Sheet "TT Sam\'s Club" prints on Letter with its scale, margins and header, but the file carries neither its print area nor the rows repeated on every page: the library writing the .xlsx gets them wrong when the sheet name holds an apostrophe. Set them in Excel (Page Layout > Print Area and Print Titles).',
    },
  ]);
});

test('a sheet without a print setup keeps the landscape, one-page-wide default', async () => {
  const plain = summarySheet();
  delete plain.print;
  plain.freezeHeader = true;
  const { read } = await written({ sheets: [plain] });
  const sheet = await read('xl/worksheets/sheet1.xml');
  expect(attributes(sheet, 'pageSetup')).toMatchObject({ paperSize: '9', orientation: 'landscape', fitToHeight: '0' });
  expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
  expect(sheet).not.toContain('headerFooter');
  expect(await read('xl/workbook.xml')).toContain('&apos;TT Resumen&apos;!$1:$3</definedName>');
});
