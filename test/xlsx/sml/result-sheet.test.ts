/**
 * renderResultSheet on hand-made sheets: the cells Excel is strict about (non-finite numbers, formulas without a
 * cached value, text that looks like a formula, dates), empty tables, header names Excel refuses, a sheet name with an
 * apostrophe in its print names, the waterfall block's arithmetic and chart, bar charts, and the context a merge into
 * a user's workbook gives (inline strings, its styles, part names and table ids already taken).
 */
import ExcelJS from 'exceljs';
import {
  collectingSink,
  partAllocator,
  renderResultSheet,
  StyleBook,
  tableIdAllocator,
  writeResultsPackage,
  type RenderedSheet,
} from '../../../src/hosts/xlsx/sml';
import { HostError, type ResultColumn, type ResultSheet } from '../../../src/workbook/port';
import { scenariosSheet, summarySheet } from '../../support/result-sheets';
import { kid, kids, packageProblems, parseXml, unzipText } from './helpers';

const text = (id: string, header: string, width?: number): ResultColumn => ({
  id,
  header,
  format: 'text',
  numberFormat: 'General',
  width,
});
const money = (id: string, header: string): ResultColumn => ({
  id,
  header,
  format: 'mxn',
  numberFormat: '"$"#,##0.00',
});

async function written(sheets: ResultSheet[]) {
  const out = collectingSink();
  const report = await writeResultsPackage({ sheets }, out.sink, { date: new Date(Date.UTC(2026, 0, 1)) });
  const bytes = out.bytes();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return { report, files: unzipText(bytes), wb };
}

/** A waterfall whose fourth step crosses zero: 10, −4 → 6 (level), −8 → −2, level −2. */
function waterfallSheet(): ResultSheet {
  return {
    role: 'test_waterfall',
    name: 'TT Cascada',
    freezeHeader: false,
    tables: [
      {
        name: 'ttm_Steps',
        title: 'Cascada',
        columns: [text('step', 'Paso', 20), money('value', 'MXN por unidad')],
        rows: [
          ['Precio', 10],
          ['− Descuento', -4],
          ['= Neto', { formula: '=B4+B5', result: 6 }],
          ['− Costo', -8],
          ['= Margen', { formula: '=B6+B7', result: -2 }],
        ],
        totalRows: [0, 2, 4],
      },
    ],
    charts: [
      {
        kind: 'waterfall',
        title: 'Cascada & margen',
        table: 'ttm_Steps',
        categoryColumn: 'step',
        valueColumn: 'value',
      },
    ],
  };
}

test('non-finite numbers are #NUM!, a formula without a result has no value, text like a formula stays text', async () => {
  const sheet: ResultSheet = {
    role: 'test_cells',
    name: 'TT Celdas',
    freezeHeader: true,
    tables: [
      {
        name: 'ttm_Cells',
        columns: [
          text('a', 'A'),
          text('b', 'B'),
          { id: 'd', header: 'Fecha', format: 'date', numberFormat: 'yyyy-mm-dd' },
        ],
        rows: [
          [Number.NaN, { formula: '=1/0', result: Number.POSITIVE_INFINITY }, new Date(Date.UTC(2026, 2, 15))],
          ['=SUM(A1:A9)', { formula: 'A2*2', result: null }, new Date(Date.UTC(1900, 0, 1))],
          ['+52 55', new Date(Date.UTC(2026, 0, 2)), true],
          [{ error: '#N/A' }, { formula: '=IF(A2="","",A2)', result: '' }, null],
        ],
      },
    ],
  };
  const { files, wb } = await written([sheet]);
  const xml = files.get('xl/worksheets/sheet1.xml')!;
  expect(xml).toContain('<c r="A2" t="e"><v>#NUM!</v></c>');
  expect(xml).toContain('<c r="B2" t="e"><f>1/0</f><v>#NUM!</v></c>');
  expect(xml).toMatch(/<c r="B3"><f>A2\*2<\/f><\/c>/);
  expect(xml).toContain('<c r="B5" t="str"><f>IF(A2="","",A2)</f><v></v></c>');
  expect(xml).not.toContain('<f>SUM(A1:A9)</f>');
  const ws = wb.getWorksheet('TT Celdas')!;
  expect(ws.getCell('A3').value).toBe('=SUM(A1:A9)');
  expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
  expect([ws.getCell('A4').value, ws.getCell('C4').value]).toEqual(['+52 55', true]);
  // A date in a General column shows as a date, not as its serial number.
  expect([ws.getCell('B4').value, ws.getCell('B4').numFmt]).toEqual([new Date(Date.UTC(2026, 0, 2)), 'yyyy-mm-dd']);
  expect(ws.getCell('A5').value).toEqual({ error: '#N/A' });
  // Dates: serial numbers in the 1900 system (1900-01-01 is 1), shown with the column's format.
  expect(xml).toMatch(/<c r="C2" s="\d+"><v>46096<\/v><\/c>/);
  expect(xml).toMatch(/<c r="C3" s="\d+"><v>1<\/v><\/c>/);
  expect(ws.getCell('C2').value).toEqual(new Date(Date.UTC(2026, 2, 15)));
  expect(ws.getCell('C2').numFmt).toBe('yyyy-mm-dd');
});

test('an empty table holds one blank, formatted row; repeated or blank headers get Excel’s numbering', async () => {
  const sheet: ResultSheet = {
    role: 'test_empty',
    name: 'TT Vacía',
    freezeHeader: true,
    tables: [
      { name: 'ttm_Empty', columns: [text('a', 'Nombre'), money('b', 'nombre'), money('c', '')], rows: [] },
      { name: 'ttm_Next', title: 'Siguiente', columns: [text('a', 'X')], rows: [['x']] },
    ],
  };
  const { files, wb } = await written([sheet]);
  expect(packageProblems(files)).toEqual([]);
  const table = parseXml(files.get('xl/tables/table1.xml')!);
  expect(table.attrs.ref).toBe('A1:C2');
  expect(kids(kid(table, 'tableColumns')!, 'tableColumn').map((c) => c.attrs.name)).toEqual([
    'Nombre',
    'nombre2',
    'Column3',
  ]);
  const ws = wb.getWorksheet('TT Vacía')!;
  expect([ws.getCell('B1').value, ws.getCell('C1').value]).toEqual(['nombre2', 'Column3']);
  expect(ws.getCell('B2').value).toBeNull();
  expect(ws.getCell('B2').numFmt).toBe('"$"#,##0.00');
  // The next table starts where placeTables puts it: title on row 4, header on row 6.
  expect([ws.getCell('A4').value, ws.getCell('A6').value, ws.getCell('A7').value]).toEqual(['Siguiente', 'X', 'x']);
  expect(parseXml(files.get('xl/tables/table2.xml')!).attrs.ref).toBe('A6:A7');
});

test('a sheet name with an apostrophe keeps its print area and title rows (quotes doubled)', async () => {
  const sam = summarySheet();
  sam.name = "TT Sam's Club";
  const { files, wb } = await written([sam]);
  const book = files.get('xl/workbook.xml')!;
  expect(book).toContain(
    '<definedName name="_xlnm.Print_Area" localSheetId="0">\'TT Sam\'\'s Club\'!$A$1:$B$6</definedName>',
  );
  expect(book).toContain(
    '<definedName name="_xlnm.Print_Titles" localSheetId="0">\'TT Sam\'\'s Club\'!$1:$3</definedName>',
  );
  expect(book).toContain(
    '<definedName name="_ttm_owner_test_summary" localSheetId="0" hidden="1">\'TT Sam\'\'s Club\'!$A$1</definedName>',
  );
  expect(book).toContain(
    '<definedName name="_ttm_area_1" localSheetId="0" hidden="1">\'TT Sam\'\'s Club\'!$A$1</definedName>',
  );
  const ws = wb.getWorksheet("TT Sam's Club")!;
  expect(ws.pageSetup).toMatchObject({ paperSize: 1, orientation: 'portrait', scale: 90 });
  expect(ws.headerFooter.oddHeader).toBe('&CWalmart de México — P&&L — 2026-01-15');
  // No fit-to-page: the sheet prints at its scale.
  expect(files.get('xl/worksheets/sheet1.xml')).not.toContain('fitToPage');
});

test('the waterfall block: levels from zero, steps floating, a step crossing zero split above and below', async () => {
  const { files, wb } = await written([waterfallSheet()]);
  expect(packageProblems(files)).toEqual([]);
  const ws = wb.getWorksheet('TT Cascada')!;
  // Table A3:B8 (title A1); the block one blank column right: D3:I8.
  expect([3, 4, 5, 6, 7, 8, 9].map((c) => ws.getCell(3, c).value)).toEqual([
    null,
    'Paso',
    'Base',
    'MXN por unidad +',
    'MXN por unidad −',
    'Nivel antes / Level before',
    'Nivel después / Level after',
  ]);
  const row = (r: number) =>
    [4, 5, 6, 7, 8, 9].map((c) => {
      const cell = ws.getCell(r, c);
      return cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
    });
  expect([4, 5, 6, 7, 8].map(row)).toEqual([
    ['Precio', 0, 10, 0, 0, 10],
    ['− Descuento', 6, 4, 0, 10, 6],
    ['= Neto', 0, 6, 0, 0, 6],
    ['− Costo', 0, 6, -2, 6, -2],
    ['= Margen', 0, 0, -2, 0, -2],
  ]);
  expect(ws.getCell('E5').formula).toBe('IF(MIN(H5,I5)>=0,MIN(H5,I5),IF(MAX(H5,I5)<=0,MAX(H5,I5),0))');
  expect(ws.getCell('I5').formula).toBe('H5+$B$5');
  expect(ws.getCell('H5').formula).toBe('I4');
  expect(ws.getCell('D4').formula).toBe('$A$4');
  expect(ws.getCell('F5').numFmt).toBe('"$"#,##0.00');
  const chart = files.get('xl/charts/chart1.xml')!;
  const series = kids(kid(kid(kid(parseXml(chart), 'c:chart')!, 'c:plotArea')!, 'c:barChart')!, 'c:ser');
  expect(series).toHaveLength(3);
  expect(kid(series[0], 'c:spPr')!.children.map((c) => c.name)).toEqual(['a:noFill', 'a:ln']);
  const cache = (s: (typeof series)[number]) =>
    kids(kid(kid(kid(s, 'c:val')!, 'c:numRef')!, 'c:numCache')!, 'c:pt').map((p) => Number(kid(p, 'c:v')!.text));
  expect(series.map(cache)).toEqual([
    [0, 6, 0, 0, 0],
    [10, 4, 6, 6, 0],
    [0, 0, 0, -2, -2],
  ]);
  expect(chart).toContain("<c:f>'TT Cascada'!$F$4:$F$8</c:f>");
  expect(chart).toContain("<c:f>'TT Cascada'!$D$4:$D$8</c:f>");
  expect(chart).toContain('<a:t>Cascada &amp; margen</a:t>');
  expect(chart).toContain('<c:numFmt formatCode="&quot;$&quot;#,##0" sourceLinked="0"/>');
  // The drawing: the chart right of the block (column K = 11, 0-based 10), named as the Office host names it.
  const drawing = parseXml(files.get('xl/drawings/drawing1.xml')!);
  const anchor = kid(drawing, 'xdr:twoCellAnchor')!;
  expect(kid(kid(anchor, 'xdr:from')!, 'xdr:col')!.text).toBe('10');
  expect(files.get('xl/drawings/drawing1.xml')).toContain('name="ttm_chart_1"');
  // The block is an area of ours, as the Office host records it.
  expect(files.get('xl/workbook.xml')).toContain(
    '<definedName name="_ttm_area_2" localSheetId="0" hidden="1">\'TT Cascada\'!$D$3:$I$8</definedName>',
  );
});

test('a bar chart: one series per value column named by its header cell, a legend, straight from the table', async () => {
  const { files } = await written([scenariosSheet()]);
  expect(packageProblems(files)).toEqual([]);
  const chart = files.get('xl/charts/chart1.xml')!;
  expect(chart).toContain('<c:barDir val="bar"/><c:grouping val="clustered"/>');
  const refs = [...chart.matchAll(/<c:f>([^<]+)<\/c:f>/g)].map((m) => m[1]);
  expect(refs).toEqual([
    "'TT Escenarios'!$C$1",
    "'TT Escenarios'!$A$2:$A$4",
    "'TT Escenarios'!$C$2:$C$4",
    "'TT Escenarios'!$D$1",
    "'TT Escenarios'!$A$2:$A$4",
    "'TT Escenarios'!$D$2:$D$4",
    "'TT Escenarios'!$E$1",
    "'TT Escenarios'!$A$2:$A$4",
    "'TT Escenarios'!$E$2:$E$4",
  ]);
  expect(chart).toContain('<c:legend>');
  expect(chart).toContain('<c:v>1060000</c:v>');
  // No block for bars: the chart one blank column right of the table (column G = 0-based 6).
  expect(files.get('xl/drawings/drawing1.xml')).toContain('<xdr:from><xdr:col>6</xdr:col>');
});

test('charts of one sheet never overlap; every chart named ttm_chart_N', () => {
  const sheet = scenariosSheet();
  const second = { ...waterfallSheet().tables[0], name: 'ttm_Steps2' };
  sheet.tables.push(waterfallSheet().tables[0], second);
  sheet.charts!.push(
    { kind: 'waterfall', title: 'uno', table: 'ttm_Steps', categoryColumn: 'step', valueColumn: 'value' },
    { kind: 'waterfall', title: 'dos', table: 'ttm_Steps', categoryColumn: 'step', valueColumn: 'value' },
    { kind: 'waterfall', title: 'tres', table: 'ttm_Steps2', categoryColumn: 'step', valueColumn: 'value' },
  );
  const { partName, nextTableId } = { partName: partAllocator(), nextTableId: tableIdAllocator() };
  const rendered = renderResultSheet(sheet, { partName, nextTableId, styles: StyleBook.fresh(), strings: 'inline' });
  const drawing = rendered.parts.find((p) => p.path.startsWith('xl/drawings/drawing'))!.data as string;
  const boxes = kids(parseXml(drawing), 'xdr:twoCellAnchor').map((a) => {
    const at = (tag: string) => kid(a, tag)!;
    const n = (m: ReturnType<typeof at>, t: string) => Number(kid(m, t)!.text);
    return {
      top: n(at('xdr:from'), 'xdr:row'),
      bottom: n(at('xdr:to'), 'xdr:row'),
      left: n(at('xdr:from'), 'xdr:col'),
    };
  });
  expect(boxes).toHaveLength(4);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom);
  // Two waterfalls of one table: their blocks side by side, the charts right of both.
  expect(new Set(boxes.map((b) => b.left)).size).toBe(1);
  expect(boxes[0].left).toBe(5 + 2 + 2 * 7 - 1);
  expect([...drawing.matchAll(/name="(ttm_chart_\d+)"/g)].map((m) => m[1])).toEqual([
    'ttm_chart_1',
    'ttm_chart_2',
    'ttm_chart_3',
    'ttm_chart_4',
  ]);
});

describe('the context of a merge into a user’s workbook', () => {
  function merged(): RenderedSheet {
    const existing = [
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/tables/table1.xml',
      'xl/charts/chart4.xml',
    ];
    const styles = StyleBook.fromXml(
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="10"/><name val="Arial"/></font></fonts><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>',
    );
    return renderResultSheet(waterfallSheet(), {
      partName: partAllocator(existing),
      nextTableId: tableIdAllocator([1, 7]),
      styles,
      strings: 'inline',
    });
  }

  test('parts take free names, the table a free id, strings are inline, names are sheet-qualified', () => {
    const r = merged();
    expect(r.sheetPart).toBe('xl/worksheets/sheet3.xml');
    expect(r.parts.map((p) => p.path)).toEqual([
      'xl/worksheets/sheet3.xml',
      'xl/worksheets/_rels/sheet3.xml.rels',
      'xl/tables/table2.xml',
      'xl/drawings/drawing1.xml',
      'xl/drawings/_rels/drawing1.xml.rels',
      'xl/charts/chart5.xml',
    ]);
    expect(r.parts[2].data).toContain(' id="8" name="ttm_Steps"');
    // The head and tail as text, the rows as UTF-8 bytes.
    const utf8 = new TextDecoder();
    const sheet = [...(r.parts[0].data as Iterable<string | Uint8Array>)]
      .map((piece) => (typeof piece === 'string' ? piece : utf8.decode(piece)))
      .join('');
    expect(sheet).not.toContain('t="s"');
    // The workbook's one xf stays 0: ours come after it.
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr"><is><t>Cascada</t></is></c>');
    expect(r.parts[1].data).toContain('Target="../tables/table2.xml"');
    expect(r.parts[4].data).toContain('Target="../charts/chart5.xml"');
    expect(r.definedNames).toContainEqual({
      name: '_ttm_owner_test_waterfall',
      hidden: true,
      ref: "'TT Cascada'!$A$1",
      sheetScoped: true,
    });
    expect(r.role).toBe('test_waterfall');
    expect(r.cells).toBe(1 + 2 + 10 + 6 + 5 * 6);
  });

  test('the plan is checked first: an invalid one throws its HostError and writes nothing', async () => {
    const out = collectingSink();
    const bad = waterfallSheet();
    bad.name = 'TT: inválida';
    await expect(writeResultsPackage({ sheets: [bad] }, out.sink)).rejects.toThrow(HostError);
    expect(out.chunks).toHaveLength(0);
  });
});
