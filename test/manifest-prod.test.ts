/**
 * The production manifest (`npm run build:prod` / `npm run manifest:prod`): generated here with example settings
 * into a temporary folder, then checked like AppSource's validator would offline (no localhost, https only, icons of
 * their declared sizes, SupportUrl present and https, version n.n.n.n in step with package.json) and against the
 * XSD. Without its settings the generator refuses, names each missing one and says how to set it, and writes
 * nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeManifest } from '../scripts/make-manifest';
import {
  EXAMPLE_PRODUCTION_ENV,
  ProductionSettingsError,
  RIBBON_ICON_SIZES,
  packageVersion,
  productionSettings,
} from '../scripts/manifest-template';
import { ROOT, checkManifestXml, manifestUrls, pngSize, storeRuleProblems } from '../scripts/validate-manifest';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttm-manifest-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function generate(env: Record<string, string | undefined> = EXAMPLE_PRODUCTION_ENV): Promise<string> {
  const out = join(dir, `manifest-${Math.random().toString(36).slice(2)}.xml`);
  await makeManifest('production', { env, out });
  return readFileSync(out, 'utf8');
}

test('with example settings: XSD-valid, project rules and AppSource offline rules pass', async () => {
  const xml = await generate();
  expect(await checkManifestXml(xml, 'production')).toEqual({
    schema: [],
    rules: [],
    store: [],
    // 0.x is fine for a private deployment; AppSource's "greater or equal to 1.0" check is reported, not enforced.
    warnings: Number(packageVersion().split('.')[0]) < 1 ? [expect.stringMatching(/below 1\.0/)] : [],
  });
});

test('no localhost anywhere: every URL is https under the base, or the support page', async () => {
  const xml = await generate();
  const urls = manifestUrls(xml);
  expect(urls.length).toBeGreaterThan(10);
  for (const u of urls) {
    const url = new URL(u);
    expect(url.protocol).toBe('https:');
    expect(url.hostname).not.toMatch(/^(localhost|127\.|\[::1\])/);
    expect(u.startsWith(EXAMPLE_PRODUCTION_ENV.TTM_BASE_URL) || u === EXAMPLE_PRODUCTION_ENV.TTM_SUPPORT_URL).toBe(
      true,
    );
  }
  expect(xml).not.toMatch(/localhost|127\.0\.0\.1/);
  expect(xml).toContain(`<SourceLocation DefaultValue="${EXAMPLE_PRODUCTION_ENV.TTM_BASE_URL}taskpane.html"/>`);
  expect(xml).toContain(`<SupportUrl DefaultValue="${EXAMPLE_PRODUCTION_ENV.TTM_SUPPORT_URL}"/>`);
  expect(xml).toContain(`<bt:Url id="TTM.Help.Url" DefaultValue="${EXAMPLE_PRODUCTION_ENV.TTM_SUPPORT_URL}"/>`);
  expect(xml).toContain('<ProviderName>Example Distribuidora S.A. de C.V.</ProviderName>');
});

test('icons: 32 and 64 for the add-in, 16/20/24/32/40/48/64/80 on the ribbon, each file of its declared size', async () => {
  const xml = await generate();
  const base = EXAMPLE_PRODUCTION_ENV.TTM_BASE_URL;
  const sizeOf = (url: string) => pngSize(new Uint8Array(readFileSync(join(ROOT, url.slice(base.length)))));
  const iconUrl = /<IconUrl DefaultValue="([^"]+)"/.exec(xml)![1];
  const hiRes = /<HighResolutionIconUrl DefaultValue="([^"]+)"/.exec(xml)![1];
  expect(sizeOf(iconUrl)).toEqual({ width: 32, height: 32 });
  expect(sizeOf(hiRes)).toEqual({ width: 64, height: 64 });
  expect(RIBBON_ICON_SIZES).toEqual([16, 20, 24, 32, 40, 48, 64, 80]);
  for (const size of RIBBON_ICON_SIZES) {
    const url = new RegExp(`<bt:Image id="TTM\\.Icon\\.${size}" DefaultValue="([^"]+)"/>`).exec(xml)![1];
    expect(sizeOf(url)).toEqual({ width: size, height: size });
    expect(xml.split(`<bt:Image size="${size}" resid="TTM.Icon.${size}"/>`).length - 1).toBe(2); // group + button
  }
});

test('the version is package.json version + ".0"', async () => {
  const xml = await generate();
  expect(xml).toContain(`<Version>${packageVersion()}.0</Version>`);
});

test('the AppSource rules fail on localhost, http, a missing SupportUrl, a bad version, a wrong icon size', async () => {
  const xml = await generate();
  const base = EXAMPLE_PRODUCTION_ENV.TTM_BASE_URL;
  expect(
    storeRuleProblems(xml.replace(`${base}assets/icon-16.png`, 'https://localhost:3000/assets/icon-16.png')),
  ).toMatchObject({ problems: [expect.stringMatching(/local machine \(localhost\)/)] });
  expect(
    storeRuleProblems(xml.replace(`${base}taskpane.html"/>`, 'http://addins.example.com/taskpane.html"/>')),
  ).toMatchObject({ problems: [expect.stringMatching(/not https/)] });
  expect(storeRuleProblems(xml.replace(/<SupportUrl [^>]+>/, '')).problems).toEqual([
    expect.stringMatching(/Missing Support URL/),
  ]);
  expect(storeRuleProblems(xml.replace(/<Version>[^<]+<\/Version>/, '<Version>1.0.0.0.1</Version>')).problems).toEqual([
    expect.stringMatching(/not n\.n\.n\.n/),
  ]);
  expect(storeRuleProblems(xml.replace(/<Version>[^<]+<\/Version>/, '<Version>2.3.0.0</Version>')).warnings).toEqual(
    [],
  );
  expect(storeRuleProblems(xml.replace(/<Version>[^<]+<\/Version>/, '<Version>0.9.0.0</Version>')).warnings).toEqual([
    expect.stringMatching(/AppSource's validation rejects it/),
  ]);
  // A wrong icon size is a project rule, so the production check fails on it too (nothing is written).
  const wrongIcon = xml.replace(
    `<IconUrl DefaultValue="${base}assets/icon-32.png"/>`,
    `<IconUrl DefaultValue="${base}assets/icon-48.png"/>`,
  );
  expect((await checkManifestXml(wrongIcon, 'production')).rules).toEqual([
    expect.stringMatching(/IconUrl: .*icon-48\.png is 48×48, declared 32×32/),
  ]);
});

test('refuses without its settings, naming each one and how to set it; nothing is written', async () => {
  const out = join(dir, 'refused.xml');
  await expect(makeManifest('production', { env: {}, out })).rejects.toThrow(ProductionSettingsError);
  expect(existsSync(out)).toBe(false);
  let message = '';
  try {
    productionSettings({ TTM_PROVIDER: ' ' });
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(/TTM_BASE_URL is not set/);
  expect(message).toMatch(/TTM_SUPPORT_URL is not set/);
  expect(message).toMatch(/TTM_PROVIDER is not set/);
  expect(message).toMatch(/npm run build:prod/);
  expect(message).toMatch(/PowerShell/);
  expect(message).toMatch(/docs\/addin\.md/);
});

test('refuses settings that would make a manifest Office or AppSource rejects', () => {
  const bad = (over: Record<string, string>): string => {
    try {
      productionSettings({ ...EXAMPLE_PRODUCTION_ENV, ...over });
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };
  expect(bad({ TTM_BASE_URL: 'http://addins.example.com/' })).toMatch(/TTM_BASE_URL must be an https URL/);
  expect(bad({ TTM_BASE_URL: 'https://localhost:3000/' })).toMatch(/TTM_BASE_URL points at this machine/);
  expect(bad({ TTM_BASE_URL: 'https://127.0.0.1/' })).toMatch(/points at this machine/);
  expect(bad({ TTM_BASE_URL: 'addins.example.com' })).toMatch(/TTM_BASE_URL is not a URL/);
  expect(bad({ TTM_BASE_URL: 'https://addins.example.com/?v=1' })).toMatch(/\?query/);
  expect(bad({ TTM_SUPPORT_URL: 'http://www.example.com/help' })).toMatch(/TTM_SUPPORT_URL must be an https URL/);
  expect(bad({ TTM_PROVIDER: 'x'.repeat(126) })).toMatch(/125/);
  // A base without its trailing slash is accepted as the folder it names.
  expect(productionSettings({ ...EXAMPLE_PRODUCTION_ENV, TTM_BASE_URL: 'https://addins.example.com/tt' }).baseUrl).toBe(
    'https://addins.example.com/tt/',
  );
});

test('the command line: `npm run manifest:prod` without settings exits 1 with the explanation', () => {
  const env = { ...process.env };
  delete env.TTM_BASE_URL;
  delete env.TTM_PROVIDER;
  delete env.TTM_SUPPORT_URL;
  const out = join(dir, 'cli.xml');
  const run = spawnSync(
    process.execPath,
    [require.resolve('tsx/cli'), 'scripts/make-manifest.ts', 'production', '--out', out],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    },
  );
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/Cannot make the production manifest/);
  expect(run.stderr).toMatch(/TTM_BASE_URL is not set/);
  expect(existsSync(out)).toBe(false);
  const ok = spawnSync(
    process.execPath,
    [require.resolve('tsx/cli'), 'scripts/make-manifest.ts', 'production', '--out', out],
    {
      cwd: ROOT,
      env: { ...env, ...EXAMPLE_PRODUCTION_ENV },
      encoding: 'utf8',
    },
  );
  expect(ok.status).toBe(0);
  expect(readFileSync(out, 'utf8')).toContain(EXAMPLE_PRODUCTION_ENV.TTM_BASE_URL);
}, 60000);

test('npm run build makes the dev manifest and the pane without settings; build:prod checks its settings first', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.build).toBe('webpack --mode production && tsx scripts/make-manifest.ts development');
  expect(pkg.scripts['build:prod']).toMatch(/^tsx scripts\/make-manifest\.ts production --check && npm run build && /);
  expect(pkg.scripts['manifest:prod']).toBe('tsx scripts/make-manifest.ts production');
});
