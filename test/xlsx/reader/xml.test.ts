/**
 * The byte scanner under the reader: the same events whatever the chunking, the XML it must understand (entities,
 * CDATA, comments, processing instructions, DOCTYPE, prefixes, quotes), skipping, and a cut document.
 */
import fc from 'fast-check';
import { XmlScanner, XmlTruncatedError, type XmlHandler } from '../../../src/hosts/xlsx/reader/xml';

const NAMES = ['row', 'c', 'v', 't', 'skipme', 'a'];

/** Every event as text: "open c {r=A1,t=s}", "text v 12", "close c". */
function events(chunks: readonly Uint8Array[], options: { skip?: string } = {}): string[] {
  const out: string[] = [];
  const handler: XmlHandler = {
    open(x, name, selfClosing) {
      const attrs = ['r', 't', 's', 'x:id'].map((a) => [a, x.attr(a)]).filter(([, v]) => v !== undefined);
      out.push(
        `open ${NAMES[name] ?? '?'}${selfClosing ? '/' : ''} {${attrs.map(([a, v]) => `${a}=${v}`).join(',')}} ns:${x.attrNs('id') ?? ''}`,
      );
      if (options.skip !== undefined && NAMES[name] === options.skip) x.skip();
      else if (name === 2 || name === 3) x.capture();
    },
    close(x, name) {
      if (name === 2 || name === 3) out.push(`text ${NAMES[name]} ${JSON.stringify(x.text())}`);
      out.push(`close ${NAMES[name] ?? '?'}`);
    },
  };
  const scanner = new XmlScanner(NAMES, handler);
  for (const c of chunks) scanner.write(c);
  scanner.end();
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Splits bytes at the given cut points. */
function cut(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const sorted = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of sorted) {
    out.push(bytes.slice(at, p));
    at = p;
  }
  out.push(bytes.slice(at));
  return out;
}

const DOCUMENT =
  '<?xml version="1.0" encoding="UTF-8"?>\r\n<!DOCTYPE x [<!ENTITY e "no">]><!-- a <c> in a comment -->' +
  '<x:ws xmlns:x="urn:main" xmlns:r="urn:rels"><x:row r="1"><x:c r="A1" t=\'s\' ><x:v>12</x:v></x:c >' +
  '<c r="B1" t="inlineStr"><is><t>caf\u00e9 &amp; &lt;t&gt; &#233;&#x20AC; &unknown; \u6771\u4eac\r\nline</t></is></c>' +
  '<c r="C1" t="str"><v><![CDATA[<not> & markup]]> and <?pi x?>text</v></c><c r="D1"/><c r="E1" x:id="rId7" s="a>b"/>' +
  '<skipme><c r="Z1"><v>no</v></c><skipme><v>nested</v></skipme><![CDATA[</skipme>]]></skipme>' +
  '<a><v>after</v></a></x:row></x:ws>';

test('the same events whatever the chunking, down to one byte at a time', () => {
  const bytes = utf8(DOCUMENT);
  const whole = events([bytes]);
  expect(whole).toContain('text t "café & <t> é€ &unknown; 東京\\nline"');
  expect(whole).toContain('text v "<not> & markup and text"');
  expect(whole).toContain('open c/ {r=E1,s=a>b,x:id=rId7} ns:rId7');
  expect(whole).toContain('open c {r=A1,t=s} ns:');
  expect(whole).toContain('open c {r=Z1} ns:'); // not skipped here (see below)
  expect(whole).toContain('text v "nested"');
  const oneByOne = events(Array.from(bytes, (b) => new Uint8Array([b])));
  expect(oneByOne).toEqual(whole);
  fc.assert(
    fc.property(fc.array(fc.nat(bytes.length), { maxLength: 30 }), (points) => {
      expect(events(cut(bytes, points))).toEqual(whole);
    }),
    { numRuns: 300 },
  );
});

test('a skipped element hides its content, nested same-name elements and CDATA included, at any chunking', () => {
  const bytes = utf8(DOCUMENT);
  const whole = events([bytes], { skip: 'skipme' });
  expect(whole.filter((e) => e.includes('Z1') || e.includes('nested'))).toEqual([]);
  expect(whole).toContain('text v "after"');
  expect(whole.filter((e) => e.startsWith('close skipme'))).toEqual([]);
  fc.assert(
    fc.property(fc.array(fc.nat(bytes.length), { maxLength: 30 }), (points) => {
      expect(events(cut(bytes, points), { skip: 'skipme' })).toEqual(whole);
    }),
    { numRuns: 300 },
  );
});

test('UTF-8 and UTF-16 byte order marks', () => {
  const xml = '<row r="1"><c r="A1"><v>ñ</v></c></row>';
  const expected = events([utf8(xml)]);
  expect(events([new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(xml)])])).toEqual(expected);
  const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
  expect(events(cut(utf16, [1, 2, 3, 7, 8, 41]))).toEqual(expected);
});

test('a document cut inside markup is an error at its end', () => {
  expect(() => events([utf8('<row r="1"><c r="A1"><v>1</v></c')])).toThrow(XmlTruncatedError);
  expect(() => events([utf8('<row r="1"><c r="A1" t="s')])).toThrow(XmlTruncatedError);
  expect(events([utf8('<row/>trailing text')])).toEqual(['open row/ {} ns:', 'close row']);
});
