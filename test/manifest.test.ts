/**
 * manifest.xml (the development manifest): valid against Microsoft's XSDs (the same function `npm run validate`
 * runs), against the project's own rules, and exactly what scripts/manifest-template.ts renders. Each rule is also
 * shown failing on a broken manifest, so none can pass vacuously. The production manifest: manifest-prod.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  MANIFEST,
  ROOT,
  devManifestDrift,
  manifestRuleProblems,
  pngSize,
  validateAgainstSchema,
  validateManifest,
} from '../scripts/validate-manifest';
import { ENGLISH_LOCALES, manifestVersion, packageVersion } from '../scripts/manifest-template';
import { ICON_SIZES, drawIcon, encodePng } from '../scripts/make-icons';

const xml = readFileSync(MANIFEST, 'utf8');

test('manifest.xml passes the XSD schemas and the project rules, and is what the template renders', async () => {
  expect(await validateManifest()).toEqual({ schema: [], rules: [] });
  expect(devManifestDrift()).toBeNull();
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

test('the declared values: GUID, Workbook host, ExcelApi 1.7, es-MX with English overrides, ReadWriteDocument', () => {
  expect(/<Id>([0-9a-f-]{36})<\/Id>/.exec(xml)?.[1]).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  );
  expect(xml).toContain('<Host Name="Workbook"/>');
  expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.7"/>');
  expect(xml).toContain('<DefaultLocale>es-MX</DefaultLocale>');
  for (const locale of ['en-US', 'en-GB', 'en-AU', 'en-CA']) {
    expect(xml).toContain(`<Override Locale="${locale}" Value="Trade Terms Modeller"/>`);
    expect(xml).toContain(`<bt:Override Locale="${locale}" Value="Model terms"/>`);
  }
  expect(xml).toContain('<Permissions>ReadWriteDocument</Permissions>');
  expect(xml).toContain('<Action xsi:type="ShowTaskpane">');
  expect(xml).not.toContain('<AppDomains>');
});

test('the development manifest stays on localhost: the pane, icons and support page', () => {
  expect(xml).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
  expect(xml).toContain('<SupportUrl DefaultValue="https://localhost:3000/index.html"/>');
  expect(xml).toContain('<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>');
  expect(xml).toContain('<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>');
});

test('the manifest Version is package.json version + ".0", and refuses versions it cannot hold', () => {
  const version = packageVersion();
  expect(xml).toContain(`<Version>${version}.0</Version>`);
  expect(manifestVersion('0.1.0')).toBe('0.1.0.0');
  expect(manifestVersion('12.3.45')).toBe('12.3.45.0');
  expect(() => manifestVersion('1.0.0-beta.1')).toThrow(/pre-release/);
  expect(() => manifestVersion('1.0')).toThrow(/MAJOR.MINOR.PATCH/);
  expect(() => manifestVersion('123456.0.0')).toThrow(/5 digits/);
  // A manifest whose Version lags package.json is a rule problem (regenerate it).
  expect(manifestRuleProblems(xml.replace(`<Version>${version}.0</Version>`, '<Version>0.0.9.0</Version>'))).toEqual([
    expect.stringMatching(/Version is 0\.0\.9\.0, package\.json says .* regenerate/),
  ]);
});

test('every project rule catches its own breakage', () => {
  const en = (locale: string, value: string) => `<Override Locale="${locale}" Value="${value}"/>`;
  const cases: [string, string, RegExp][] = [
    ['<Id>d6550182-1e9a-4342-a290-5211bf713c96</Id>', '<Id>not-a-guid</Id>', /Id is not a GUID/],
    ['https://localhost:3000/assets/icon-64.png"', 'http://localhost:3000/assets/icon-64.png"', /not https/],
    [
      '<bt:Url id="TTM.Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
      '<bt:Url id="TTM.Taskpane.Url" DefaultValue="https://example.com/taskpane.html"/>',
      /outside the base/,
    ],
    [
      '<bt:Image id="TTM.Icon.80" DefaultValue="https://localhost:3000/assets/icon-80.png"/>',
      '<bt:Image id="TTM.Icon.80" DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
      /is 64×64, declared 80×80/,
    ],
    [
      '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
      '<IconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
      /IconUrl: .* is 64×64, declared 32×32/,
    ],
    [
      '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
      '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-80.png"/>',
      /HighResolutionIconUrl: .* is 80×80, declared 64×64/,
    ],
    [
      '<bt:Image id="TTM.Icon.48" DefaultValue="https://localhost:3000/assets/icon-48.png"/>',
      '<bt:Image id="TTM.Icon.48" DefaultValue="https://localhost:3000/assets/missing.png"/>',
      /does not exist/,
    ],
    ['<bt:Image size="80" resid="TTM.Icon.80"/>', '', /ribbon icon list 1 has no 80px image/],
    ['<bt:Image size="40" resid="TTM.Icon.40"/>', '', /ribbon icon list 1 declares 16,20,24,32,48,64,80/],
    ['<SupportUrl DefaultValue="https://localhost:3000/index.html"/>', '', /SupportUrl is missing/],
    ['<Host Name="Workbook"/>', '<Host Name="Document"/>', /Workbook/],
    ['MinVersion="1.7"', 'MinVersion="1.9"', /ExcelApi 1.7, found 1.9/],
    ['<DefaultLocale>es-MX</DefaultLocale>', '<DefaultLocale>en-US</DefaultLocale>', /es-MX/],
    [en('en-GB', 'Trade Terms Modeller'), '', /DisplayName has no English override for en-GB/],
    [en('en-AU', 'Trade Terms Modeller'), en('en-AU', 'Trade Terms Modeler'), /different English locales/],
    [en('en-US', 'Trade Terms Modeller'), en('es-MX', 'Trade Terms Modeller'), /overrides its own default locale/],
    ['<bt:Override Locale="en-US" Value="Model terms"/>', '', /TTM.Button.Label has no English override for en-US/],
    [
      '  <Hosts>\n',
      '  <AppDomains>\n    <AppDomain>https://localhost:3000</AppDomain>\n  </AppDomains>\n  <Hosts>\n',
      /AppDomains/,
    ],
  ];
  for (const [from, to, problem] of cases) {
    expect(xml).toContain(from);
    const problems = manifestRuleProblems(xml.replace(from, to));
    expect(problems.join('\n')).toMatch(problem);
  }
});

test('English overrides cover every English locale the template lists, in every localized element', () => {
  const elements = 2 + 5; // DisplayName, Description; 3 short + 2 long strings
  for (const locale of ENGLISH_LOCALES) {
    expect(xml.split(`Locale="${locale}"`).length - 1).toBe(elements);
  }
});

test('icons are committed, real PNGs of their sizes, exactly what make-icons draws, and nothing stale', () => {
  for (const size of ICON_SIZES) {
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'assets', `icon-${size}.png`)));
    expect(pngSize(bytes)).toEqual({ width: size, height: size });
    expect(Buffer.from(bytes).equals(encodePng(size, drawIcon(size)))).toBe(true);
  }
  const committed = readdirSync(join(ROOT, 'assets')).filter((f) => /^icon-\d+\.png$/.test(f));
  expect(committed.sort()).toEqual(ICON_SIZES.map((s) => `icon-${s}.png`).sort());
  expect(ICON_SIZES).toEqual([16, 20, 24, 32, 40, 48, 64, 80]);
  expect(pngSize(new TextEncoder().encode('GIF89a, not a png at all'))).toBeNull();
});

test('the icon shows the waterfall: a dark full bar at left, a light step, transparent corners', () => {
  const px = drawIcon(64);
  const at = (x: number, y: number): number[] => Array.from(px.subarray((y * 64 + x) * 4, (y * 64 + x) * 4 + 4));
  expect(at(10, 30)).toEqual([0x2f, 0x55, 0x97, 255]); // first level bar
  expect(at(25, 12)).toEqual([0x5b, 0x9b, 0xd5, 255]); // first step, near the top
  expect(at(25, 40)[3]).toBe(0); // below the floating step: transparent
  expect(at(1, 1)[3]).toBe(0);
});
