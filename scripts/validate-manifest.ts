/**
 * `npm run validate`: checks the add-in manifests offline, both flavours of scripts/manifest-template.ts:
 * - manifest.xml (development, localhost), which must also be exactly what the template renders (no drift);
 * - a production manifest rendered with example settings (EXAMPLE_PRODUCTION_ENV), as `npm run build:prod` makes it.
 *
 * Each is checked
 * 1. against Microsoft's XSD schemas for task-pane manifests (schemas/office-addin-manifest/, see its NOTICE.md),
 *    with xmllint-wasm (libxml2 compiled to WebAssembly: no native tool needed);
 * 2. against the project's own rules, which no schema states (manifestRuleProblems): a GUID id, every URL https,
 *    the add-in's own URLs under one base and no AppDomains, icon files present as real PNGs of their declared sizes (32 and 64 for
 *    IconUrl / HighResolutionIconUrl, 16/20/24/32/40/48/64/80 on the ribbon), Workbook host, ExcelApi 1.7, es-MX
 *    default with one English Override per English locale, Version = package.json's version + ".0";
 * 3. the production one also against the checks AppSource's validation service applies that can be made offline
 *    (storeRuleProblems). Its messages, as `office-addin-manifest validate` prints them (quoted in
 *    OfficeDev/generator-office#741 and #618, Office-Add-in-Commands#31): "The manifest source location URLs should
 *    not be localhost", "Localhost Manifest Icon URL", "Invalid Manifest Resource Urls: Urls should be secured,
 *    non-localhost and valid", "Invalid Manifest AppDomain Urls", "Missing Support URL", "Manifest Version Correct
 *    Structure" and "Manifest Version Correct Value: The manifest version number is greater or equal to 1.0". The
 *    last one is a warning here: a version below 1.0 is a release decision, and only AppSource rejects it.
 * Exits 1 listing every problem; 0 when both manifests pass.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { ADDIN_HIGH_RESOLUTION_ICON_SIZE, ADDIN_ICON_SIZE, RIBBON_ICON_SIZES_REQUIRED } from './make-icons';
import {
  DEFAULT_LOCALE,
  DEV_MANIFEST,
  ENGLISH_LOCALES,
  EXAMPLE_PRODUCTION_ENV,
  RIBBON_ICON_SIZES,
  devSettings,
  isLocalHost,
  manifestVersion,
  packageVersion,
  productionSettings,
  renderManifest,
} from './manifest-template';

export const ROOT = resolve(__dirname, '..');
export const MANIFEST = DEV_MANIFEST;
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
/** The Version element as this project writes it: four parts of at most 5 digits (the XSD allows 1 to 4). */
const VERSION_4_PARTS = /^\d{1,5}(\.\d{1,5}){3}$/;
const SCHEMA_NAMESPACES = ['http://schemas.microsoft.com', 'http://www.w3.org'];

const unescapeXml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const withoutComments = (xml: string): string => xml.replace(/<!--[\s\S]*?-->/g, '');
const attr = (body: string, element: string): string | undefined => {
  const m = new RegExp(`<${element}\\s+DefaultValue="([^"]+)"`).exec(body);
  return m ? unescapeXml(m[1]) : undefined;
};

/** Every http(s) URL in attributes or element text, except the XML namespaces. */
export function manifestUrls(xml: string): string[] {
  const body = withoutComments(xml);
  return [...body.matchAll(/"(https?:\/\/[^"]+)"|>\s*(https?:\/\/[^<\s]+)\s*</g)]
    .map((m) => unescapeXml(m[1] ?? m[2]))
    .filter((u) => !SCHEMA_NAMESPACES.some((s) => u.startsWith(s)));
}

/** SupportUrl and the Get Started help link: pages for people, allowed outside the add-in's base. */
function externalPages(body: string): Set<string> {
  const pages = new Set<string>();
  const support = attr(body, 'SupportUrl');
  if (support) pages.add(support);
  const help = /<bt:Url\s+id="TTM\.Help\.Url"\s+DefaultValue="([^"]+)"/.exec(body)?.[1];
  if (help) pages.add(unescapeXml(help));
  return pages;
}

/** The Override values of one element (DisplayName, Description, a bt:String), by locale. */
function overridesOf(inner: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of inner.matchAll(/<(?:bt:)?Override\s+Locale="([^"]+)"\s+Value="([^"]*)"\s*\/>/g)) {
    map.set(m[1], unescapeXml(m[2]));
  }
  return map;
}

function localeProblems(what: string, inner: string): string[] {
  const problems: string[] = [];
  const found = overridesOf(inner);
  const missing = ENGLISH_LOCALES.filter((l) => !found.has(l));
  if (missing.length) problems.push(`${what} has no English override for ${missing.join(', ')}`);
  if ([...found.keys()].some((l) => l.toLowerCase() === DEFAULT_LOCALE.toLowerCase())) {
    // "You may only specify a single override per language, including for the default locale" (Localization docs).
    problems.push(`${what} overrides its own default locale ${DEFAULT_LOCALE}`);
  }
  const english = new Set(ENGLISH_LOCALES.filter((l) => found.has(l)).map((l) => found.get(l)));
  if (english.size > 1) problems.push(`${what} says different things in different English locales`);
  return problems;
}

/**
 * The project's own rules (see the header), for both flavours; `root` is where package.json and assets/ live.
 * Returns problems (empty when fine).
 */
export function manifestRuleProblems(xml: string, root = ROOT): string[] {
  const problems: string[] = [];
  const body = withoutComments(xml);

  const id = /<Id>\s*([^<]*?)\s*<\/Id>/.exec(body)?.[1];
  if (!id || !GUID.test(id)) problems.push(`Id is not a GUID: ${id ?? '(missing)'}`);

  const version = /<Version>\s*([^<]*?)\s*<\/Version>/.exec(body)?.[1];
  const expectedVersion = manifestVersion(packageVersion(root));
  if (version !== expectedVersion) {
    problems.push(
      `Version is ${version ?? '(missing)'}, package.json says ${expectedVersion} (package version + ".0"): regenerate the manifest`,
    );
  }

  // Every URL https; the add-in's own (pane, icons) under the base of SourceLocation; pages for people anywhere.
  const appUrls = manifestUrls(body);
  if (appUrls.length === 0) problems.push('no add-in URLs found');
  for (const u of appUrls) if (!u.startsWith('https://')) problems.push(`URL is not https: ${u}`);
  const sourceLocation = attr(body, 'SourceLocation');
  const base = sourceLocation ? sourceLocation.slice(0, sourceLocation.lastIndexOf('/') + 1) : undefined;
  if (!base) problems.push('DefaultSettings/SourceLocation is missing');
  const pages = externalPages(body);
  if (base) {
    for (const u of appUrls)
      if (!pages.has(u) && !u.startsWith(base)) problems.push(`URL outside the base ${base}: ${u}`);
  }
  // AppDomains: none. The pane stays on its own origin; listing the SourceLocation's own domain "has no effect and
  // may be misleading" (AppDomain element reference).
  if (/<AppDomains?>/.test(body)) problems.push('AppDomains is not used by this add-in: remove it');
  const support = attr(body, 'SupportUrl');
  if (!support) problems.push('SupportUrl is missing');

  // Icons: files under the base, real PNGs whose pixel size is the size the manifest declares.
  const declared: { url: string; size: number; where: string }[] = [];
  const iconUrl = attr(body, 'IconUrl');
  const hiRes = attr(body, 'HighResolutionIconUrl');
  if (iconUrl) declared.push({ url: iconUrl, size: ADDIN_ICON_SIZE, where: 'IconUrl' });
  else problems.push('IconUrl is missing');
  if (hiRes) declared.push({ url: hiRes, size: ADDIN_HIGH_RESOLUTION_ICON_SIZE, where: 'HighResolutionIconUrl' });
  else problems.push('HighResolutionIconUrl is missing');
  const images = new Map<string, string>();
  for (const m of body.matchAll(/<bt:Image\s+id="([^"]+)"\s+DefaultValue="([^"]+)"\s*\/>/g)) {
    images.set(m[1], unescapeXml(m[2]));
  }
  const iconLists = [...body.matchAll(/<Icon>([\s\S]*?)<\/Icon>/g)].map((m) => m[1]);
  if (iconLists.length === 0) problems.push('no ribbon icons');
  iconLists.forEach((list, i) => {
    const sizes: number[] = [];
    for (const m of list.matchAll(/<bt:Image\s+size="(\d+)"\s+resid="([^"]+)"\s*\/>/g)) {
      const size = Number(m[1]);
      sizes.push(size);
      const url = images.get(m[2]);
      if (!url) problems.push(`icon resid ${m[2]} has no bt:Image resource`);
      else declared.push({ url, size, where: `ribbon icon ${m[2]}` });
    }
    for (const required of RIBBON_ICON_SIZES_REQUIRED) {
      if (!sizes.includes(required)) problems.push(`ribbon icon list ${i + 1} has no ${required}px image`);
    }
    const sorted = [...sizes].sort((a, b) => a - b).join(',');
    if (sorted !== RIBBON_ICON_SIZES.join(',')) {
      problems.push(
        `ribbon icon list ${i + 1} declares ${sorted}; the project declares ${RIBBON_ICON_SIZES.join(',')}`,
      );
    }
  });
  for (const d of declared) {
    if (!base || !d.url.startsWith(base)) {
      problems.push(`${d.where}: ${d.url} is not under the base ${base ?? '(none)'}`);
      continue;
    }
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
  if (!new RegExp(`<DefaultLocale>\\s*${DEFAULT_LOCALE}\\s*</DefaultLocale>`).test(body))
    problems.push(`DefaultLocale must be ${DEFAULT_LOCALE}`);
  for (const el of ['DisplayName', 'Description']) {
    const m = new RegExp(`<${el}\\b[^>]*>([\\s\\S]*?)</${el}>`).exec(body);
    if (!m) problems.push(`${el} has no English overrides (it has no Override at all)`);
    else problems.push(...localeProblems(el, m[1]));
  }
  for (const m of body.matchAll(
    /<bt:String\s+id="([^"]+)"[^>]*>([\s\S]*?)<\/bt:String>|<bt:String\s+id="([^"]+)"[^>]*\/>/g,
  )) {
    problems.push(...localeProblems(`string ${m[1] ?? m[3]}`, m[2] ?? ''));
  }
  if (!/<Action\s+xsi:type="ShowTaskpane"/.test(body) || !/<OfficeTab\s+id="TabHome"/.test(body)) {
    problems.push('the Home tab must have a button that shows the task pane');
  }
  return problems;
}

/** AppSource's offline-checkable rules (see the header) for a manifest meant to be deployed. */
export function storeRuleProblems(xml: string): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const body = withoutComments(xml);
  const urls = [
    ...manifestUrls(body),
    ...[...body.matchAll(/<AppDomain>\s*([^<]*?)\s*<\/AppDomain>/g)].map((m) => m[1]),
  ];
  for (const u of new Set(urls)) {
    let url: URL;
    try {
      url = new URL(u);
    } catch {
      problems.push(`not a valid URL: ${u}`);
      continue;
    }
    if (url.protocol !== 'https:') problems.push(`URL is not https: ${u}`);
    if (isLocalHost(url.hostname)) problems.push(`URL points at the local machine (${url.hostname}): ${u}`);
  }
  const support = attr(body, 'SupportUrl');
  if (!support) problems.push('SupportUrl is missing (AppSource: "Missing Support URL")');
  const version = /<Version>\s*([^<]*?)\s*<\/Version>/.exec(body)?.[1] ?? '';
  if (!VERSION_4_PARTS.test(version)) problems.push(`Version "${version}" is not n.n.n.n with up to 5 digits per part`);
  else if (Number(version.split('.')[0]) < 1) {
    warnings.push(
      `Version ${version} is below 1.0: AppSource's validation rejects it ("Manifest Version Correct Value"); ` +
        "set package.json's version to 1.0.0 or later before submitting to AppSource",
    );
  }
  return { problems, warnings };
}

export interface ManifestReport {
  schema: string[];
  rules: string[];
  store: string[];
  warnings: string[];
}

/** Every check for one manifest's XML; the AppSource rules only for a production manifest. */
export async function checkManifestXml(
  xml: string,
  flavour: 'development' | 'production',
  root = ROOT,
): Promise<ManifestReport> {
  const store = flavour === 'production' ? storeRuleProblems(xml) : { problems: [], warnings: [] };
  return {
    schema: await validateAgainstSchema(xml),
    rules: manifestRuleProblems(xml, root),
    store: store.problems,
    warnings: store.warnings,
  };
}

/** XSD and project rules of a manifest file (default: the development manifest.xml). */
export async function validateManifest(path = MANIFEST): Promise<{ schema: string[]; rules: string[] }> {
  const xml = readFileSync(path, 'utf8');
  return { schema: await validateAgainstSchema(xml), rules: manifestRuleProblems(xml) };
}

/** manifest.xml differs from what the template renders for development (null when it is current). */
export function devManifestDrift(root = ROOT): string | null {
  const want = renderManifest(devSettings(root), 'development');
  const have = existsSync(join(root, 'manifest.xml')) ? readFileSync(join(root, 'manifest.xml'), 'utf8') : '';
  return have === want
    ? null
    : 'manifest.xml is not what scripts/manifest-template.ts renders: run `npm run manifest:dev`';
}

function print(name: string, r: ManifestReport): number {
  for (const e of r.schema) console.error(`${name}: schema: ${e}`);
  for (const e of r.rules) console.error(`${name}: rule: ${e}`);
  for (const e of r.store) console.error(`${name}: AppSource rule: ${e}`);
  for (const w of r.warnings) console.warn(`${name}: warning: ${w}`);
  return r.schema.length + r.rules.length + r.store.length;
}

async function main(): Promise<void> {
  const dev = await checkManifestXml(readFileSync(MANIFEST, 'utf8'), 'development');
  const drift = devManifestDrift();
  if (drift) dev.rules.push(drift);
  const production = await checkManifestXml(
    renderManifest(productionSettings(EXAMPLE_PRODUCTION_ENV), 'production'),
    'production',
  );
  const failures = print('manifest.xml', dev) + print('production manifest (example settings)', production);
  if (failures) {
    console.error(`${failures} manifest problem(s)`);
    process.exit(1);
  }
  console.log(
    `manifest.xml and a production manifest (example settings, ${EXAMPLE_PRODUCTION_ENV.TTM_BASE_URL}) are valid ` +
      `(XSD: ${schemaDir()}; project rules: ok; AppSource offline rules: ok)`,
  );
}

if (/validate-manifest\.[tj]s$/.test(process.argv[1] ?? '')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
