/** XML escaping of the SpreadsheetML writer, the splicing scanner, and what Excel's readers make of it. */
import ExcelJS from 'exceljs';
import {
  collectingSink,
  escapeAttr,
  escapeText,
  escapeXmlText,
  renderWorksheet,
  scanXml,
  Splicer,
  WorkbookPackage,
  xstring,
} from '../../../src/hosts/xlsx/sml';
import { parseXml, unzipText } from './helpers';

describe('SpreadsheetML strings', () => {
  test('markup characters are escaped in text and attributes', () => {
    expect(escapeText('P&L <neto> "x" \'y\'')).toBe('P&amp;L &lt;neto&gt; "x" \'y\'');
    expect(escapeAttr('P&L <neto> "x"')).toBe('P&amp;L &lt;neto&gt; &quot;x&quot;');
    expect(escapeAttr('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    expect(escapeText('a\tb\nc')).toBe('a\tb\nc'); // legal in element text
  });

  test('characters XML 1.0 refuses become _xHHHH_, as Excel writes them', () => {
    expect(xstring('a\u0001b\u001Fc\u000Bd')).toBe('a_x0001_b_x001F_c_x000B_d');
    expect(xstring('\uFFFE\uFFFF')).toBe('_xFFFE__xFFFF_');
    expect(xstring('lone \uD800 high')).toBe('lone _xD800_ high');
    expect(xstring('pair 😀 kept')).toBe('pair 😀 kept');
  });

  test('a literal _xHHHH_ is protected as _x005F_xHHHH_; other underscores stay', () => {
    expect(xstring('code _x0041_ here')).toBe('code _x005F_x0041_ here');
    expect(xstring('snake_case _xyz_ _x12_')).toBe('snake_case _xyz_ _x12_');
  });

  test('plain XML text (charts) has no _x escape: illegal characters become U+FFFD', () => {
    expect(escapeXmlText('a\u0001b & _x0041_')).toBe('a\uFFFDb &amp; _x0041_');
  });

  test('every escaped string comes back exactly through ExcelJS (cells and table column names)', async () => {
    const texts = [
      'P&L <cliente>',
      ' leading and trailing ',
      'a\u0001b',
      'code _x0041_ here',
      'línea 1\nlínea 2',
      '=SUM(A1)',
      '+52',
      '-3',
      '@home',
    ];
    const out = collectingSink();
    const pkg = new WorkbookPackage(out.sink);
    const headers = ['Texto & "comillas"', 'Otra'];
    await pkg.addSheet(
      renderWorksheet(
        {
          name: "Hoja 'de' P&L",
          rows: [
            { row: 1, cells: headers.map((h, j) => ({ col: j + 1, value: h })) },
            ...texts.map((t, i) => ({ row: i + 2, cells: [{ col: 1, value: t }] })),
          ],
          tables: [{ name: 'Textos', top: 1, left: 1, headers, dataRows: texts.length }],
        },
        pkg.context,
      ),
    );
    await pkg.finish();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.bytes()) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Hoja 'de' P&L")!;
    // ExcelJS decodes _xHHHH_ as Excel does: the control character and the literal _x0041_ come back as they were.
    expect(texts.map((_, i) => ws.getCell(i + 2, 1).value)).toEqual(texts);
    for (let i = 0; i < texts.length; i++) expect(ws.getCell(i + 2, 1).type).toBe(ExcelJS.ValueType.String);
    const table = unzipText(out.bytes()).get('xl/tables/table1.xml')!;
    expect(parseXml(table).children[1].children.map((c) => c.attrs.name)).toEqual(headers);
  });
});

describe('scanXml and Splicer', () => {
  test('elements, attributes with ">" and entities, prefixes, comments, CDATA and offsets', () => {
    const xml =
      '<?xml version="1.0"?><!-- c --><x:root xmlns:x="u"><x:a f="[&gt;=1]0" g=\'>\'/><![CDATA[<no/>]]><x:b>t</x:b></x:root>';
    const root = scanXml(xml);
    expect([root.qname, root.local, root.prefix]).toEqual(['x:root', 'root', 'x']);
    expect(root.children.map((c) => c.local)).toEqual(['a', 'b']);
    expect(root.children[0].attributes).toEqual({ f: '[>=1]0', g: '>' });
    const b = root.children[1];
    expect(xml.slice(b.start, b.end)).toBe('<x:b>t</x:b>');
    expect(xml.slice(b.startTagEnd, b.endTagStart)).toBe('t');
    expect(() => scanXml('<a><b></a>')).toThrow();
    const s = new Splicer();
    s.replace(b.startTagEnd, b.endTagStart, 'u');
    s.replace(b.end, b.end, '<x:c/>');
    expect(s.apply(xml)).toBe(xml.replace('<x:b>t</x:b>', '<x:b>u</x:b><x:c/>'));
  });
});
