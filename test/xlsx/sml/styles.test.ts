/**
 * StyleBook: one cellXfs entry per distinct style; over a user's stylesheet (fromXml), every existing entry keeps its
 * index and its bytes, and only the appended entries and the count attributes differ from the original text.
 */
import { promises as fs } from 'node:fs';
import { unzipSync } from 'fflate';
import { scanXml, StyleBook } from '../../../src/hosts/xlsx/sml';
import { HostError } from '../../../src/workbook/port';
import { kid, kids, parseXml, SAMPLE } from './helpers';

/** A stylesheet as Excel writes one: markup compatibility, x14ac attributes, extLst, custom formats. */
const EXCEL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0.00"/><numFmt numFmtId="170" formatCode="[&gt;=100]0;0.0"/></numFmts><fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Aptos Narrow"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><color theme="1"/><name val="Aptos Narrow"/><family val="2"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/><extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst></styleSheet>`;

/**
 * The original text back from a spliced one: appended children removed and counts restored. Equal to the original
 * means nothing else changed, byte for byte.
 */
function unsplice(xml: string, appended: readonly string[], counts: Record<string, number>): string {
  let out = xml;
  for (const a of appended) {
    const at = out.lastIndexOf(a); // appended entries come last in their container
    out = out.slice(0, at) + out.slice(at + a.length);
  }
  for (const [el, n] of Object.entries(counts)) out = out.replace(new RegExp(`(<${el} count=")\\d+(")`), `$1${n}$2`);
  return out;
}

describe('StyleBook.fresh', () => {
  test('one xf per distinct style, whatever the number of cells; built-in and custom number formats', () => {
    const book = StyleBook.fresh();
    expect(book.register({})).toBe(0);
    const money = book.register({ numFmt: '"$"#,##0.00' });
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      seen.add(book.register({ numFmt: '"$"#,##0.00' }));
      seen.add(book.register({ numFmt: '0.0%', bold: i % 2 === 0 }));
      seen.add(book.register({ wrap: true, vertical: 'top' }));
    }
    expect(seen.size).toBe(4);
    expect(seen.has(money)).toBe(true);
    const doc = parseXml(book.toXml());
    expect(Number(kid(doc, 'cellXfs')!.attrs.count)).toBe(5);
    expect(kids(kid(doc, 'cellXfs')!, 'xf')).toHaveLength(5);
    expect(kids(kid(doc, 'numFmts')!, 'numFmt').map((n) => [n.attrs.numFmtId, n.attrs.formatCode])).toEqual([
      ['164', '"$"#,##0.00'],
      ['165', '0.0%'],
    ]);
    // Built-in codes take Excel's ids: 0.00% is 10, #,##0 is 3; a date format is never id 14 (locale-dependent).
    const pct = book.register({ numFmt: '0.00%' });
    const units = book.register({ numFmt: '#,##0' });
    const date = book.register({ numFmt: 'yyyy-mm-dd' });
    const xfs = kids(kid(parseXml(book.toXml()), 'cellXfs')!, 'xf');
    expect([pct, units, date].map((i) => xfs[i].attrs.numFmtId)).toEqual(['10', '3', '166']);
  });

  test('fonts: bold, italic and size each a font of their own, derived from the default', () => {
    const book = StyleBook.fresh();
    book.register({ bold: true, size: 13 });
    book.register({ italic: true });
    book.register({ bold: true });
    const fonts = kids(kid(parseXml(book.toXml()), 'fonts')!, 'font');
    expect(fonts.map((f) => f.children.map((c) => `${c.name}${c.attrs.val ?? ''}`).join(' '))).toEqual([
      'sz11 color nameCalibri family2 schememinor',
      'b sz13 color nameCalibri family2 schememinor',
      'i sz11 color nameCalibri family2 schememinor',
      'b sz11 color nameCalibri family2 schememinor',
    ]);
  });
});

describe('StyleBook.fromXml', () => {
  test('untouched, it gives the original back', () => {
    const book = StyleBook.fromXml(EXCEL_STYLES);
    expect(book.changed).toBe(false);
    expect(book.toXml()).toBe(EXCEL_STYLES);
  });

  test('appends what it needs after the existing entries; everything else byte-identical', () => {
    const book = StyleBook.fromXml(EXCEL_STYLES);
    // An existing custom format is reused (no new numFmt); a new one takes an id above the highest (170).
    expect(book.register({ numFmt: '"$"#,##0.00' })).toBe(3);
    expect(book.register({ numFmt: '0.0%', bold: true })).toBe(4);
    expect(book.register({ numFmt: '0.0%', bold: true })).toBe(4);
    expect(book.register({ wrap: true, vertical: 'top' })).toBe(5);
    expect(book.changed).toBe(true);
    const xml = book.toXml();
    const numFmt = '<numFmt numFmtId="171" formatCode="0.0%"/>';
    // The new font copies the workbook's default font (Aptos Narrow), bold.
    const font =
      '<font><b/><sz val="11"/><color theme="1"/><name val="Aptos Narrow"/><family val="2"/><scheme val="minor"/></font>';
    const xfs = [
      '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
      '<xf numFmtId="171" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>',
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
    ];
    expect(xml).toContain(`<numFmt numFmtId="170" formatCode="[&gt;=100]0;0.0"/>${numFmt}</numFmts>`);
    expect(xml).toContain(`${font}</fonts>`);
    expect(xml).toContain(`${xfs.join('')}</cellXfs>`);
    expect(xml).toContain('<numFmts count="3">');
    expect(xml).toContain('<fonts count="3" x14ac:knownFonts="1">');
    expect(xml).toContain('<cellXfs count="6">');
    expect(unsplice(xml, [numFmt, font, ...xfs], { numFmts: 2, fonts: 2, cellXfs: 3 })).toBe(EXCEL_STYLES);
    parseXml(xml); // well-formed
  });

  test('a stylesheet without numFmts gets one as its first child; a prefixed one gets prefixed entries', () => {
    const plain = EXCEL_STYLES.replace(/<numFmts.*?<\/numFmts>/, '');
    const a = StyleBook.fromXml(plain);
    a.register({ numFmt: '0.000' });
    expect(a.toXml()).toContain('main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts><fonts');

    const prefixed = plain
      .replace(/<(\/?)(?!\?)([a-zA-Z])/g, '<$1x:$2')
      .replace('xmlns="http', 'xmlns:x="http')
      .replace(/<(\/?)x:x14:/g, '<$1x14:');
    const b = StyleBook.fromXml(prefixed);
    expect(b.register({ numFmt: '0.000', italic: true })).toBe(3);
    const xml = b.toXml();
    expect(xml).toContain('<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="0.000"/></x:numFmts>');
    expect(xml).toContain('<x:font><x:i/><x:sz val="11"/>');
    expect(xml).toContain('<x:xf numFmtId="164" fontId="2"');
    parseXml(xml);
  });

  test('a self-closing container is opened', () => {
    const empty = EXCEL_STYLES.replace(/<numFmts.*?<\/numFmts>/, '<numFmts count="0"/>');
    const book = StyleBook.fromXml(empty);
    book.register({ numFmt: '0.000' });
    expect(book.toXml()).toContain('<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts>');
  });

  test('the sample workbook’s own stylesheet: spliced, and only spliced', async () => {
    const files = unzipSync(new Uint8Array(await fs.readFile(SAMPLE)));
    const original = new TextDecoder().decode(files['xl/styles.xml']);
    const doc = parseXml(original);
    const count = (el: string) => kid(doc, el)?.children.length ?? 0;
    const book = StyleBook.fromXml(original);
    const at = book.register({ numFmt: '0.0000 "u"', bold: true, size: 13, wrap: true, vertical: 'top' });
    expect(at).toBe(count('cellXfs'));
    const xml = book.toXml();
    const after = parseXml(xml);
    expect(kid(after, 'cellXfs')!.children).toHaveLength(count('cellXfs') + 1);
    expect(kid(after, 'fonts')!.children).toHaveLength(count('fonts') + 1);
    expect(Number(kid(after, 'cellXfs')!.attrs.count)).toBe(count('cellXfs') + 1);
    // Removing the children beyond the original's and restoring the counts gives the original, byte for byte.
    const scanned = scanXml(xml);
    const appended = ['numFmts', 'fonts', 'cellXfs'].flatMap((el) => {
      const c = scanned.children.find((x) => x.local === el);
      const n = count(el);
      return c && c.children.length > n ? [xml.slice(c.children[n].start, c.endTagStart)] : [];
    });
    expect(appended).toHaveLength(original.includes('<numFmts') ? 3 : 2);
    expect(
      unsplice(xml, appended, { numFmts: count('numFmts'), fonts: count('fonts'), cellXfs: count('cellXfs') }),
    ).toBe(original);
  });

  test('text that is not a stylesheet is refused with a bilingual HostError', () => {
    expect(() => StyleBook.fromXml('<styleSheet><fonts>')).toThrow(HostError);
    expect(() => StyleBook.fromXml('<other/>')).toThrow(/stylesheet/);
  });
});
