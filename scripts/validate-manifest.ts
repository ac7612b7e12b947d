/**
 * `npm run validate`: checks manifest.xml offline.
 * 1. Against Microsoft's XSD schemas for task-pane manifests (schemas/office-addin-manifest/, see its NOTICE.md),
 *    with xmllint-wasm (libxml2 compiled to WebAssembly: no native tool needed).
 * 2. Against the project's own rules, which no schema states: a GUID id, every URL https under one base, icon files
 *    present as real PNGs of the declared sizes, Workbook host, ExcelApi 1.7, es-MX default with en-US overrides.
 * Exits 1 listing every problem; 0 when the manifest passes both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

export const ROOT = resolve(__dirname, '..');
export const MANIFEST = join(ROOT, 'manifest.xml');
/** The repository's copy; CI also has the shared original next to the clone. */
export const SCHEMA_DIRS = [
  join(ROOT, 'schemas', 'office-addin-manifest'),
  join(ROOT, '..', 'shared', 'schemas', 'office-addin-manifest'),
];
const MAIN_SCHEMA = 'OfficeAppManifestV1_1.xsd';
const IMPORTED_SCHEMAS = [
  'OfficeAppBasicTypesV1_0.xsd',
  'TaskPaneAppVersionOverridesV1_0.xsd',
  'MailAppVersionOverridesV1_0.xsd',
  'MailAppVersionOverridesV1_1.xsd',
];

export function schemaDir(): string {
  const dir = SCHEMA_DIRS.find((d) => existsSync(join(d, MAIN_SCHEMA)));
  if (!dir) {
    throw new Error(
      `Manifest schemas not found (looked in ${SCHEMA_DIRS.join(' and ')}). ` +
        'Restore schemas/office-addin-manifest/ from git, or place ../shared next to the clone.',
    );
  }
  return dir;
}

/** XSD validation; resolves with libxml2's messages (empty when valid). */
export async function validateAgainstSchema(xml: string, dir = schemaDir()): Promise<string[]> {
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  const result = await validateXML({
    xml: [{ fileName: 'manifest.xml', contents: xml }],
    schema: [{ fileName: MAIN_SCHEMA, contents: read(MAIN_SCHEMA) }],
    preload: IMPORTED_SCHEMAS.map((f) => ({ fileName: f, contents: read(f) })),
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The project's own rules (see the header); `root` is where assets/ lives. Returns problems (empty when fine). */
export function manifestRuleProblems(xml: string, root = ROOT): string[] {
  const problems: string[] = [];
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');

  const id = /<Id>\s*([^<]*?)\s*<\/Id>/.exec(body)?.[1];
  if (!id || !GUID.test(id)) problems.push(`Id is not a GUID: ${id ?? '(missing)'}`);

  // Every URL: https, under one base (scheme + host + port + first path segments shared by all).
  const urls = [...body.matchAll(/"(https?:\/\/[^"]+)"|>(https?:\/\/[^<\s]+)</g)].map((m) => m[1] ?? m[2]);
  const skip = new Set(['http://schemas.microsoft.com', 'http://www.w3.org']);
  const appUrls = urls.filter((u) => ![...skip].some((s) => u.startsWith(s)));
  if (appUrls.length === 0) problems.push('no add-in URLs found');
  for (const u of appUrls) if (!u.startsWith('https://')) problems.push(`URL is not https: ${u}`);
  const sourceLocation = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(body)?.[1];
  const base = sourceLocation ? sourceLocation.slice(0, sourceLocation.lastIndexOf('/') + 1) : undefined;
  if (!base) problems.push('DefaultSettings/SourceLocation is missing');
  else {
    for (const u of appUrls) {
      const bare = u.endsWith('/') ? u : `${u}/`;
      if (!u.startsWith(base) && bare !== base) problems.push(`URL outside the base ${base}: ${u}`);
    }
  }

  // Icons: files under assets/, real PNGs whose pixel size is the size the manifest declares.
  const declared: { url: string; size: number; where: string }[] = [];
  const iconUrl = /<IconUrl\s+DefaultValue="([^"]+)"/.exec(body)?.[1];
  const hiRes = /<HighResolutionIconUrl\s+DefaultValue="([^"]+)"/.exec(body)?.[1];
  if (iconUrl) declared.push({ url: iconUrl, size: 64, where: 'IconUrl' });
  else problems.push('IconUrl is missing');
  if (hiRes) declared.push({ url: hiRes, size: 128, where: 'HighResolutionIconUrl' });
  else problems.push('HighResolutionIconUrl is missing');
  const images = new Map<string, string>();
  for (const m of body.matchAll(/<bt:Image\s+id="([^"]+)"\s+DefaultValue="([^"]+)"\s*\/>/g)) images.set(m[1], m[2]);
  for (const m of body.matchAll(/<bt:Image\s+size="(\d+)"\s+resid="([^"]+)"\s*\/>/g)) {
    const url = images.get(m[2]);
    if (!url) problems.push(`icon resid ${m[2]} has no bt:Image resource`);
    else declared.push({ url, size: Number(m[1]), where: `ribbon icon ${m[2]}` });
  }
  for (const ribbon of [16, 32, 80]) {
    if (!declared.some((d) => d.where.startsWith('ribbon') && d.size === ribbon))
      problems.push(`no ${ribbon}px ribbon icon`);
  }
  for (const d of declared) {
    if (!base || !d.url.startsWith(base)) continue;
    const file = join(root, ...d.url.slice(base.length).split('/'));
    if (!existsSync(file)) {
      problems.push(`${d.where}: ${d.url} → ${file} does not exist`);
      continue;
    }
    const size = pngSize(new Uint8Array(readFileSync(file)));
    if (!size) problems.push(`${d.where}: ${file} is not a PNG`);
    else if (size.width !== d.size || size.height !== d.size) {
      problems.push(`${d.where}: ${file} is ${size.width}×${size.height}, declared ${d.size}×${d.size}`);
    }
  }

  // Host, requirement set, permissions, languages.
  if (!/<Hosts>\s*<Host\s+Name="Workbook"\s*\/>\s*<\/Hosts>/.test(body))
    problems.push('Hosts must be exactly Workbook');
  const sets = /<Sets\b[^>]*>([\s\S]*?)<\/Sets>/.exec(body);
  const excelSet = sets ? /<Set\s+Name="ExcelApi"\s+MinVersion="([^"]+)"\s*\/>/.exec(sets[1]) : null;
  if (!excelSet || excelSet[1] !== '1.7')
    problems.push(`requirement set must be ExcelApi 1.7, found ${excelSet?.[1] ?? 'none'}`);
  if (!/<Permissions>\s*ReadWriteDocument\s*<\/Permissions>/.test(body))
    problems.push('Permissions must be ReadWriteDocument');
  if (!/<DefaultLocale>\s*es-MX\s*<\/DefaultLocale>/.test(body)) problems.push('DefaultLocale must be es-MX');
  for (const el of ['DisplayName', 'Description']) {
    const m = new RegExp(`<${el}\\b[^>]*>([\\s\\S]*?)</${el}>`).exec(body);
    if (!m || !/<Override\s+Locale="en-US"\s+Value="[^"]+"\s*\/>/.test(m[1]))
      problems.push(`${el} has no en-US override`);
  }
  for (const m of body.matchAll(
    /<bt:String\s+id="([^"]+)"[^>]*>([\s\S]*?)<\/bt:String>|<bt:String\s+id="([^"]+)"[^>]*\/>/g,
  )) {
    const inner = m[2] ?? '';
    if (!/<bt:Override\s+Locale="en-US"/.test(inner)) problems.push(`string ${m[1] ?? m[3]} has no en-US override`);
  }
  if (!/<Action\s+xsi:type="ShowTaskpane"/.test(body) || !/<OfficeTab\s+id="TabHome"/.test(body)) {
    problems.push('the Home tab must have a button that shows the task pane');
  }
  const appDomains = [...body.matchAll(/<AppDomain>\s*([^<]*?)\s*<\/AppDomain>/g)].map((m) => m[1]);
  for (const d of appDomains) {
    const domain = d.replace(/\/$/, '');
    if (!base || (domain !== new URL(base).origin && !`${domain}/`.startsWith(base)))
      problems.push(`AppDomain outside the base: ${d}`);
  }
  return problems;
}

export async function validateManifest(path = MANIFEST): Promise<{ schema: string[]; rules: string[] }> {
  const xml = readFileSync(path, 'utf8');
  return { schema: await validateAgainstSchema(xml), rules: manifestRuleProblems(xml) };
}

async function main(): Promise<void> {
  const { schema, rules } = await validateManifest();
  for (const e of schema) console.error(`schema: ${e}`);
  for (const e of rules) console.error(`rule: ${e}`);
  if (schema.length || rules.length) {
    console.error(`manifest.xml: ${schema.length} schema error(s), ${rules.length} rule problem(s)`);
    process.exit(1);
  }
  console.log(`manifest.xml is valid (XSD: ${schemaDir()}; project rules: ok)`);
}

if (/validate-manifest\.[tj]s$/.test(process.argv[1] ?? '')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
