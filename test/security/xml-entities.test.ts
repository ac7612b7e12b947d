/**
 * The .xlsx reader expands no DTD and fetches nothing (docs/security.md, "XML"): a DOCTYPE is skipped, its entity
 * declarations never read, so a "billion laughs" reference or an external entity (XXE, `SYSTEM "file:///…"`) stays
 * the literal text `&name;`; only the five predefined entities and character references are decoded. Checked through
 * the real reader (openWorkbook → readTables) on a package whose shared strings and worksheet carry such a DOCTYPE,
 * and on the scanner the --into merge uses on the user's parts. The reader's modules import no file, network or
 * process API: the only Node built-in among them is node:zlib (node-inflate.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8 } from 'fflate';
import { readTablesFromBytes } from '../../src/hosts/xlsx/reader';
import { scanXml } from '../../src/hosts/xlsx/sml/xml-scan';
import { handmadePackage, zip } from '../xlsx/reader/package-edit';

const ROOT = resolve(__dirname, '..', '..');

/** Nine levels of ten references each: 10^9 "lol"s (3 GB) if it were ever expanded. */
const LAUGHS = [
  '<!ENTITY lol "lol">',
  ...Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${Array.from({ length: 10 }, () => `&lol${i === 0 ? '' : i};`).join('')}">`,
  ),
].join('');
const DOCTYPE = (root: string) =>
  `<!DOCTYPE ${root} [${LAUGHS}<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">%remote;]>`;

test('shared strings and a worksheet with a hostile DOCTYPE: entities stay literal text, nothing is fetched', async () => {
  const parts = handmadePackage(
    [
      {
        name: 'Datos',
        xml:
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Otra</t></is></c></row>' +
          '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c></row>' +
          '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="inlineStr"><is><t>&lt;&#233;&amp;&lol1;</t></is></c></row>',
        tables: [{ name: 'Datos', ref: 'A1:B3', columns: ['Nombre', 'Otra'] }],
      },
    ],
    ['Nombre', 'PLACEHOLDER_1', 'PLACEHOLDER_2'],
  );
  const withDoctype = (name: string, root: string, edit: (xml: string) => string = (x) => x) => {
    const xml = new TextDecoder().decode(parts.get(name));
    parts.set(name, strToU8(edit(xml.replace(/(<\?xml[^>]*\?>\s*)/, `$1${DOCTYPE(root)}`))));
  };
  withDoctype('xl/sharedStrings.xml', 'sst', (x) =>
    x.replace('PLACEHOLDER_1', '&lol9;').replace('PLACEHOLDER_2', '&xxe;'),
  );
  withDoctype('xl/worksheets/sheet1.xml', 'worksheet');

  const started = Date.now();
  const grids = await readTablesFromBytes(zip(parts), 'entidades.xlsx', ['Datos']);
  expect(grids.get('Datos')).toMatchObject({
    headers: ['Nombre', 'Otra'],
    rows: [
      ['&lol9;', '&xxe;'],
      ['&xxe;', '<é&&lol1;'],
    ],
  });
  expect(Date.now() - started).toBeLessThan(5_000); // nothing was expanded (10^9 laughs would not fit in memory)
});

test('the merge scanner (--into, over the user’s parts) skips a DOCTYPE and decodes only predefined entities', () => {
  const root = scanXml(
    `<?xml version="1.0"?>${DOCTYPE('workbook')}<workbook><sheets><sheet name="&xxe; &amp; &#65;" r:id="rId1"/></sheets></workbook>`,
  );
  expect(root.local).toBe('workbook');
  expect(root.children[0].children[0].attributes.name).toBe('&xxe; & A');
});

test('the reader’s modules import no file, network or process API (only node:zlib, in node-inflate.ts)', () => {
  const dir = join(ROOT, 'src', 'hosts', 'xlsx', 'reader');
  const builtins = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/\bfrom\s+'((?:node:)?[a-z_]+)'|\brequire\(\s*'([^']+)'\s*\)/g)]
        .map((m) => m[1] ?? m[2])
        .filter((m) => m !== 'fflate')
        .map((m) => `${f}: ${m}`),
    );
  expect(builtins).toEqual(['node-inflate.ts: node:zlib']);
});
