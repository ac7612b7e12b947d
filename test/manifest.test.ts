/**
 * manifest.xml: valid against Microsoft's XSDs (the same function `npm run validate` runs) and against the
 * project's own rules. Each check is also shown failing on a broken manifest, so none can pass vacuously.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MANIFEST,
  ROOT,
  manifestRuleProblems,
  pngSize,
  validateAgainstSchema,
  validateManifest,
} from '../scripts/validate-manifest';
import { ICON_SIZES, drawIcon, encodePng } from '../scripts/make-icons';

const xml = readFileSync(MANIFEST, 'utf8');

test('manifest.xml passes the XSD schemas and the project rules', async () => {
  expect(await validateManifest()).toEqual({ schema: [], rules: [] });
});

test('the XSD validation rejects a manifest that breaks the schema', async () => {
  // Permissions moved before DefaultSettings (wrong order) and a misspelt permission value.
  const broken = xml
    .replace('<Permissions>ReadWriteDocument</Permissions>', '')
    .replace('<DefaultSettings>', '<Permissions>ReadWriteEverything</Permissions>\n  <DefaultSettings>');
  const errors = await validateAgainstSchema(broken);
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.join('\n')).toMatch(/Permissions/);
});

test('the declared values: GUID, Workbook host, ExcelApi 1.7, es-MX with en-US, ReadWriteDocument', () => {
  expect(/<Id>([0-9a-f-]{36})<\/Id>/.exec(xml)?.[1]).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  );
  expect(xml).toContain('<Host Name="Workbook"/>');
  expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.7"/>');
  expect(xml).toContain('<DefaultLocale>es-MX</DefaultLocale>');
  expect(xml).toContain('<Override Locale="en-US" Value="Trade Terms Modeller"/>');
  expect(xml).toContain('<Permissions>ReadWriteDocument</Permissions>');
  expect(xml).toContain('<Action xsi:type="ShowTaskpane">');
});

test('every project rule catches its own breakage', () => {
  const cases: [string, string, RegExp][] = [
    ['<Id>d6550182-1e9a-4342-a290-5211bf713c96</Id>', '<Id>not-a-guid</Id>', /Id is not a GUID/],
    ['https://localhost:3000/assets/icon-64.png', 'http://localhost:3000/assets/icon-64.png', /not https/],
    [
      'https://localhost:3000/index.html"/>\n      </bt:Urls>',
      'https://example.com/help.html"/>\n      </bt:Urls>',
      /outside the base/,
    ],
    [
      'https://localhost:3000/assets/icon-80.png',
      'https://localhost:3000/assets/icon-64.png',
      /is 64×64, declared 80×80/,
    ],
    ['https://localhost:3000/assets/icon-128.png', 'https://localhost:3000/assets/missing.png', /does not exist/],
    ['<Host Name="Workbook"/>', '<Host Name="Document"/>', /Workbook/],
    ['MinVersion="1.7"', 'MinVersion="1.9"', /ExcelApi 1.7, found 1.9/],
    ['<DefaultLocale>es-MX</DefaultLocale>', '<DefaultLocale>en-US</DefaultLocale>', /es-MX/],
    ['<Override Locale="en-US" Value="Trade Terms Modeller"/>', '', /DisplayName has no en-US override/],
    ['<bt:Override Locale="en-US" Value="Model terms"/>', '', /TTM.Button.Label has no en-US override/],
    [
      '<AppDomain>https://localhost:3000</AppDomain>',
      '<AppDomain>https://localhost:30001</AppDomain>',
      /AppDomain outside/,
    ],
  ];
  for (const [from, to, problem] of cases) {
    expect(xml).toContain(from);
    const problems = manifestRuleProblems(xml.replace(from, to));
    expect(problems.join('\n')).toMatch(problem);
  }
});

test('icons are committed, real PNGs of their sizes, and exactly what make-icons draws', () => {
  for (const size of ICON_SIZES) {
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'assets', `icon-${size}.png`)));
    expect(pngSize(bytes)).toEqual({ width: size, height: size });
    expect(Buffer.from(bytes).equals(encodePng(size, drawIcon(size)))).toBe(true);
  }
  expect(pngSize(new TextEncoder().encode('GIF89a, not a png at all'))).toBeNull();
});

test('the icon shows the waterfall: a dark full bar at left, a light step, transparent corners', () => {
  const px = drawIcon(128);
  const at = (x: number, y: number): number[] => Array.from(px.subarray((y * 128 + x) * 4, (y * 128 + x) * 4 + 4));
  expect(at(20, 60)).toEqual([0x2f, 0x55, 0x97, 255]); // first level bar
  expect(at(50, 25)).toEqual([0x5b, 0x9b, 0xd5, 255]); // first step, near the top
  expect(at(50, 80)[3]).toBe(0); // below the floating step: transparent
  expect(at(2, 2)[3]).toBe(0);
});
