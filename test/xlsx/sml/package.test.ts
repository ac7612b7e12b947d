/**
 * New packages beyond the results, at the API level (the next issue's template with drop-downs and a saved mapping
 * uses them): hidden sheets, list validations from a literal list or a range, workbook-scoped names, custom XML
 * parts; read back by ExcelJS and checked structurally. And the layering: only node-deflate.ts touches Node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { collectingSink, renderWorksheet, WorkbookPackage, type WorksheetSpec } from '../../../src/hosts/xlsx/sml';
import { kid, kids, packageProblems, parseXml, relsOf, unzipText } from './helpers';

const MAPPING = '<mapping xmlns="urn:ttm:mapping:1"><table name="Customers" sheet="Clientes"/></mapping>';

async function template() {
  const out = collectingSink();
  const pkg = new WorkbookPackage(out.sink, { creator: 'Pruebas & Co', date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) });
  const bold = pkg.context.styles.register({ bold: true });
  const lists: WorksheetSpec = {
    name: 'Listas',
    state: 'hidden',
    rows: ['Canal', 'moderno', 'conveniencia', 'mayoreo'].map((v, i) => ({
      row: i + 1,
      cells: [{ col: 1, value: v }],
    })),
  };
  const data: WorksheetSpec = {
    name: 'Clientes',
    selected: true,
    dimension: 'A1:C3',
    columns: [{ min: 1, max: 3, width: 18 }],
    rows: [
      { row: 1, cells: ['Id', 'Canal', 'Activo'].map((v, i) => ({ col: i + 1, value: v, style: bold })) },
      { row: 2, cells: [{ col: 1, value: 'WMT' }] },
    ],
    freeze: { rows: 1, columns: 1 },
    validations: [
      {
        sqref: 'B2:B200',
        type: 'list',
        source: 'Canales',
        error: { title: 'Canal', message: 'Elija un canal de la lista' },
      },
      {
        sqref: 'C2:C200 E2:E200',
        type: 'list',
        values: ['sí', 'no'],
        allowBlank: false,
        prompt: { message: '¿Activo?' },
      },
    ],
  };
  await pkg.addSheet(renderWorksheet(data, pkg.context));
  await pkg.addSheet(renderWorksheet(lists, pkg.context));
  pkg.addDefinedName('Canales', 'Listas!$A$2:$A$4');
  const itemId = await pkg.addCustomXml({ xml: MAPPING, schemas: ['urn:ttm:mapping:1'] });
  await pkg.finish();
  return { bytes: out.bytes(), itemId };
}

test('the package is structurally sound', async () => {
  const { bytes } = await template();
  expect(packageProblems(unzipText(bytes))).toEqual([]);
});

test('a hidden sheet: state="hidden" in workbook.xml, read as hidden; the visible one is the active tab', async () => {
  const { bytes } = await template();
  const book = parseXml(unzipText(bytes).get('xl/workbook.xml')!);
  const sheets = kids(kid(book, 'sheets')!, 'sheet');
  expect(sheets.map((s) => [s.attrs.name, s.attrs.state])).toEqual([
    ['Clientes', undefined],
    ['Listas', 'hidden'],
  ]);
  expect(kid(kid(book, 'bookViews')!, 'workbookView')!.attrs.activeTab).toBe('0');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  expect(wb.getWorksheet('Listas')!.state).toBe('hidden');
  expect(wb.getWorksheet('Clientes')!.state).toBe('visible');
  expect(wb.getWorksheet('Clientes')!.views[0]).toMatchObject({
    state: 'frozen',
    xSplit: 1,
    ySplit: 1,
    topLeftCell: 'B2',
  });
  expect(wb.definedNames.getRanges('Canales').ranges).toEqual(['Listas!$A$2:$A$4']);
});

test('list validations, from a named range and from a literal list, read back by ExcelJS', async () => {
  const { bytes } = await template();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Clientes')!;
  expect(ws.getCell('B2').dataValidation).toMatchObject({
    type: 'list',
    allowBlank: true,
    formulae: ['Canales'],
    showErrorMessage: true,
    errorTitle: 'Canal',
    error: 'Elija un canal de la lista',
  });
  expect(ws.getCell('B200').dataValidation).toMatchObject({ type: 'list', formulae: ['Canales'] });
  expect(ws.getCell('E7').dataValidation).toMatchObject({ type: 'list', formulae: ['"sí,no"'], prompt: '¿Activo?' });
  expect(ws.getCell('C2').dataValidation.allowBlank).toBeFalsy();
  expect(ws.getCell('D2').dataValidation).toBeUndefined();
  const sheet = unzipText(bytes).get('xl/worksheets/sheet1.xml')!;
  expect(sheet).toContain('<dataValidations count="2">');
});

test('a literal list Excel would refuse is refused before anything is written', () => {
  const ctx = new WorkbookPackage(collectingSink().sink).context;
  const spec = (values: string[]): WorksheetSpec => ({
    name: 'S',
    rows: [],
    validations: [{ sqref: 'A1', type: 'list', values }],
  });
  const render = (values: string[]) => renderWorksheet(spec(values), ctx);
  expect(() => render(['a,b'])).toThrow(/comma/);
  expect(() => render(['x'.repeat(256)])).toThrow(/255/);
});

test('a custom XML part: the item as given, its properties, related from the workbook', async () => {
  const { bytes, itemId } = await template();
  const files = unzipText(bytes);
  expect(files.get('customXml/item1.xml')).toBe(MAPPING);
  const props = parseXml(files.get('customXml/itemProps1.xml')!);
  expect(props.attrs['ds:itemID']).toBe(`{${itemId}}`);
  expect(itemId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  expect(kid(kid(props, 'ds:schemaRefs')!, 'ds:schemaRef')!.attrs['ds:uri']).toBe('urn:ttm:mapping:1');
  expect([...relsOf(files, 'customXml/item1.xml').values()]).toEqual([
    {
      type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps',
      target: 'customXml/itemProps1.xml',
    },
  ]);
  const fromBook = [...relsOf(files, 'xl/workbook.xml').values()].filter((r) => r.type.endsWith('/customXml'));
  expect(fromBook).toEqual([expect.objectContaining({ target: 'customXml/item1.xml' })]);
  expect(files.get('[Content_Types].xml')).toContain(
    '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>',
  );
  // ExcelJS opens it (and keeps the data).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  expect(wb.getWorksheet('Clientes')!.getCell('A2').value).toBe('WMT');
});

test('document properties: the creator and the dates given; the sheet names in app.xml', async () => {
  const { bytes } = await template();
  const files = unzipText(bytes);
  expect(files.get('docProps/core.xml')).toContain('<dc:creator>Pruebas &amp; Co</dc:creator>');
  expect(files.get('docProps/core.xml')).toContain(
    '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-02T03:04:05Z</dcterms:created>',
  );
  expect(files.get('docProps/app.xml')).toContain('<vt:lpstr>Clientes</vt:lpstr><vt:lpstr>Listas</vt:lpstr>');
  expect(files.get('xl/workbook.xml')).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>');
});

test('a workbook with no sheet, or none visible, is refused', async () => {
  await expect(new WorkbookPackage(collectingSink().sink).finish()).rejects.toThrow(/at least one sheet/);
  const pkg = new WorkbookPackage(collectingSink().sink);
  await pkg.addSheet(renderWorksheet({ name: 'H', state: 'hidden', rows: [] }, pkg.context));
  await expect(pkg.finish()).rejects.toThrow(/visible/);
});

test('only node-deflate.ts imports Node built-ins, and nothing in the writer imports ExcelJS', () => {
  const dir = path.join(__dirname, '..', '..', '..', 'src', 'hosts', 'xlsx', 'sml');
  const offenders = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => {
      const code = readFileSync(path.join(dir, f), 'utf8');
      const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      return imports
        .filter((i) => (i.startsWith('node:') && f !== 'node-deflate.ts') || i === 'exceljs' || i === 'jszip')
        .map((i) => `${f} imports ${i}`);
    });
  expect(offenders).toEqual([]);
});
