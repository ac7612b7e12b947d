/**
 * Writes the add-in manifest (scripts/manifest-template.ts says what is in it).
 *
 *   tsx scripts/make-manifest.ts development            manifest.xml (localhost), rewritten only when out of date
 *   tsx scripts/make-manifest.ts production [--out F]   dist/manifest.xml (or F) from TTM_BASE_URL, TTM_PROVIDER and
 *                                                       TTM_SUPPORT_URL; exits 1 without them, with how to set them
 *   tsx scripts/make-manifest.ts production --check     only checks the settings (npm run build:prod runs it first,
 *                                                       so a missing setting fails before the build)
 *
 * Every manifest it writes has passed the XSD and the project's rules, the production one also AppSource's offline
 * rules (scripts/validate-manifest.ts); a failing one is not written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import {
  DEV_MANIFEST,
  PRODUCTION_MANIFEST,
  ProductionSettingsError,
  ROOT,
  devSettings,
  productionSettings,
  renderManifest,
  type ManifestSettings,
} from './manifest-template';
import { checkManifestXml } from './validate-manifest';

export interface MakeResult {
  file: string;
  written: boolean;
  settings: ManifestSettings;
  warnings: string[];
}

/** Renders, checks and writes one manifest; throws (nothing written) when the settings or the checks fail. */
export async function makeManifest(
  flavour: 'development' | 'production',
  options: { env?: Record<string, string | undefined>; out?: string; root?: string } = {},
): Promise<MakeResult> {
  const root = options.root ?? ROOT;
  const settings = flavour === 'development' ? devSettings(root) : productionSettings(options.env ?? {}, root);
  const file = resolve(options.out ?? (flavour === 'development' ? DEV_MANIFEST : PRODUCTION_MANIFEST));
  const xml = renderManifest(settings, flavour);
  const report = await checkManifestXml(xml, flavour, root);
  const failures = [
    ...report.schema.map((e) => `schema: ${e}`),
    ...report.rules.map((e) => `rule: ${e}`),
    ...report.store.map((e) => `AppSource rule: ${e}`),
  ];
  if (failures.length) {
    throw new Error(`The ${flavour} manifest fails its checks; nothing written:\n  ${failures.join('\n  ')}`);
  }
  const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (current !== xml) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, xml);
  }
  return { file, written: current !== xml, settings, warnings: report.warnings };
}

async function main(args: string[]): Promise<void> {
  const flavour = args[0];
  if (flavour !== 'development' && flavour !== 'production') {
    throw new Error('usage: tsx scripts/make-manifest.ts development | production [--out <file>] [--check]');
  }
  if (args.includes('--check')) {
    if (flavour === 'production') productionSettings(process.env);
    console.log('production manifest settings: ok');
    return;
  }
  const at = args.indexOf('--out');
  const out = at >= 0 ? args[at + 1] : undefined;
  const result = await makeManifest(flavour, { env: process.env, out });
  const where = relative(process.cwd(), result.file) || result.file;
  for (const w of result.warnings) console.warn(`warning: ${w}`);
  if (flavour === 'development') {
    console.log(result.written ? `${where} updated (Version ${result.settings.version})` : `${where} is up to date`);
  } else {
    console.log(
      `${where}: production manifest for ${result.settings.baseUrl} (Version ${result.settings.version}, ` +
        `provider "${result.settings.providerName}", support ${result.settings.supportUrl}). Deploy dist/ at that URL, ` +
        'then install this manifest (docs/addin.md, "Production manifest").',
    );
  }
}

if (/make-manifest\.[tj]s$/.test(process.argv[1] ?? '')) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof ProductionSettingsError || e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
