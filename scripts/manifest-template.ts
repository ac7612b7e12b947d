/**
 * The add-in's manifest, written from one description for both flavours:
 *
 * - development: `manifest.xml` in the repository, every URL under https://localhost:3000/ (the webpack dev server);
 *   `npm run build` rewrites it when it is out of date (e.g. after a version bump) and `npm run validate` fails on
 *   drift;
 * - production: `npm run build:prod` (or `npm run manifest:prod` after a build) writes dist/manifest.xml from three
 *   build-time settings, TTM_BASE_URL, TTM_PROVIDER and TTM_SUPPORT_URL, and refuses to run without them.
 *
 * What the manifest says (each point checked against Microsoft's add-in-only manifest reference):
 * - Version: package.json's version plus ".0" (the Version element takes 1 to 4 dot-separated parts of at most
 *   5 digits; four parts keep the usual n.n.n.n form), so a release bump moves both.
 * - Icons: IconUrl 32×32 and HighResolutionIconUrl 64×64 (the sizes the IconUrl / HighResolutionIconUrl references
 *   give for task-pane add-ins); ribbon images 16, 32 and 80 (mandatory) plus 20, 24, 40, 48 and 64 (supported), as
 *   the Resources reference lists them. The PNGs are drawn by scripts/make-icons.ts.
 * - Languages: DefaultLocale es-MX; the DefaultValue applies to every locale without an Override ("Control
 *   localization from the manifest", Localization for Office Add-ins). English gets one Override per English locale,
 *   because the same article recommends a separate Override for each area of a language family (de-de and de-at)
 *   rather than the bare language ("de"), which not every Office application and platform supports.
 * - SupportUrl (required by AppSource's validation, "Missing Support URL") and the Get Started "learn more" link go
 *   to the support page; in development both point at the browser demo.
 * - No AppDomains: the pane never navigates away from its own origin, and the AppDomain reference says listing the
 *   SourceLocation's own domain "has no effect and may be misleading" (and that localhost needs none).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ADDIN_HIGH_RESOLUTION_ICON_SIZE,
  ADDIN_ICON_SIZE,
  RIBBON_ICON_SIZES_OPTIONAL,
  RIBBON_ICON_SIZES_REQUIRED,
} from './make-icons';

export const ROOT = resolve(__dirname, '..');
export const DEV_MANIFEST = join(ROOT, 'manifest.xml');
export const PRODUCTION_MANIFEST = join(ROOT, 'dist', 'manifest.xml');

/** The add-in's identity: one GUID for both flavours (Office keys installed and sideloaded add-ins by it). */
export const ADDIN_ID = 'd6550182-1e9a-4342-a290-5211bf713c96';
export const DEFAULT_LOCALE = 'es-MX';
/**
 * English-speaking locales that get the English texts. Office's own display languages include English (en-US) and
 * English (United Kingdom) (en-GB); the others are regional settings Office clients report for English users.
 */
export const ENGLISH_LOCALES = [
  'en-US',
  'en-GB',
  'en-AU',
  'en-CA',
  'en-IE',
  'en-IN',
  'en-NZ',
  'en-SG',
  'en-ZA',
] as const;
export const RIBBON_ICON_SIZES = [...RIBBON_ICON_SIZES_REQUIRED, ...RIBBON_ICON_SIZES_OPTIONAL].sort((a, b) => a - b);

export interface ManifestSettings {
  /** Where the built pane (dist/) is served, ending in "/": taskpane.html and assets/ live under it. */
  baseUrl: string;
  /** ProviderName: the individual or company that distributes the add-in. */
  providerName: string;
  /** SupportUrl and the Get Started "learn more" link. */
  supportUrl: string;
  /** The Version element (see manifestVersion). */
  version: string;
}

export const DEV_BASE_URL = 'https://localhost:3000/';

/** package.json's version. */
export function packageVersion(root = ROOT): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** "0.1.0" → "0.1.0.0". Refuses what the Version element cannot hold (pre-release tags, parts over 5 digits). */
export function manifestVersion(pkgVersion: string): string {
  if (!/^\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(pkgVersion)) {
    throw new Error(
      `package.json version "${pkgVersion}" cannot become a manifest Version: it must be MAJOR.MINOR.PATCH with up to 5 digits ` +
        'per part and no pre-release tag (the manifest Version is that plus ".0").',
    );
  }
  return `${pkgVersion}.0`;
}

export function devSettings(root = ROOT): ManifestSettings {
  return {
    baseUrl: DEV_BASE_URL,
    providerName: 'Trade Terms Modeller (local development build)',
    supportUrl: `${DEV_BASE_URL}index.html`,
    version: manifestVersion(packageVersion(root)),
  };
}

/** Settings that look like a real deployment: what `npm run validate` and the tests generate a production manifest with. */
export const EXAMPLE_PRODUCTION_ENV = {
  TTM_BASE_URL: 'https://addins.example.com/trade-terms/',
  TTM_PROVIDER: 'Example Distribuidora S.A. de C.V.',
  TTM_SUPPORT_URL: 'https://www.example.com/soporte/trade-terms',
} as const;

export const PRODUCTION_SETTINGS_HELP = `Set them in the environment of the build, for example:
  bash/zsh:    TTM_BASE_URL=https://addins.contoso.com/trade-terms/ TTM_PROVIDER="Contoso S.A. de C.V." \\
               TTM_SUPPORT_URL=https://contoso.com/support npm run build:prod
  PowerShell:  $env:TTM_BASE_URL="https://addins.contoso.com/trade-terms/"; $env:TTM_PROVIDER="Contoso S.A. de C.V.";
               $env:TTM_SUPPORT_URL="https://contoso.com/support"; npm run build:prod
  TTM_BASE_URL     https URL where dist/ is deployed (taskpane.html and assets/ are served under it)
  TTM_PROVIDER     ProviderName: the company or person that distributes the add-in
  TTM_SUPPORT_URL  https page where users get help (AppSource requires one)
See docs/addin.md, "Production manifest".`;

/** The production settings could not be read: every problem, then how to set them. */
export class ProductionSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Cannot make the production manifest:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${PRODUCTION_SETTINGS_HELP}`,
    );
    this.name = 'ProductionSettingsError';
  }
}

const LOCAL_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$|\.localhost$/i;

/** True for hosts that only exist on the developer's machine. */
export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.test(hostname);
}

/** A public https URL (problems listed by name), or null and the problem. */
function publicHttpsUrl(name: string, value: string | undefined): { url?: URL; problem?: string } {
  if (value === undefined || value.trim() === '') return { problem: `${name} is not set` };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { problem: `${name} is not a URL: "${value}"` };
  }
  if (url.protocol !== 'https:')
    return { problem: `${name} must be an https URL (Office loads add-ins over https only): ${value}` };
  if (isLocalHost(url.hostname)) return { problem: `${name} points at this machine (${url.hostname}): ${value}` };
  if (url.username || url.password) return { problem: `${name} must not hold a user name or password: ${value}` };
  if (url.hash) return { problem: `${name} must not have a #fragment: ${value}` };
  return { url };
}

/** Reads TTM_BASE_URL, TTM_PROVIDER and TTM_SUPPORT_URL; throws ProductionSettingsError listing every problem. */
export function productionSettings(env: Record<string, string | undefined>, root = ROOT): ManifestSettings {
  const problems: string[] = [];
  const base = publicHttpsUrl('TTM_BASE_URL', env.TTM_BASE_URL);
  if (base.problem) problems.push(base.problem);
  else if (base.url && base.url.search) problems.push(`TTM_BASE_URL must not have a ?query: ${env.TTM_BASE_URL}`);
  const support = publicHttpsUrl('TTM_SUPPORT_URL', env.TTM_SUPPORT_URL);
  if (support.problem) problems.push(support.problem);
  const provider = (env.TTM_PROVIDER ?? '').trim();
  if (!provider) problems.push('TTM_PROVIDER is not set');
  else if (provider.length > 125)
    problems.push(`TTM_PROVIDER is ${provider.length} characters; the manifest allows 125`);
  if (problems.length) throw new ProductionSettingsError(problems);
  const baseUrl = base.url!.href.endsWith('/') ? base.url!.href : `${base.url!.href}/`;
  return {
    baseUrl,
    providerName: provider,
    supportUrl: support.url!.href,
    version: manifestVersion(packageVersion(root)),
  };
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Texts shown by Office (es-MX default, English overrides). */
const TEXTS = {
  displayName: { es: 'Modelador de Condiciones Comerciales', en: 'Trade Terms Modeller' },
  description: {
    es: 'Modele condiciones comerciales con cadenas y mayoristas: bonificaciones, descuentos, cuotas y días de crédito, con el P&L y la cascada de precio de cada cliente.',
    en: "Model trade terms with retailers and wholesalers: rebates, discounts, fees and payment days, with each customer's P&L and price waterfall.",
  },
  shortStrings: [
    ['TTM.GetStarted.Title', 'Condiciones comerciales listas', 'Trade terms are ready'],
    ['TTM.Group.Label', 'Condiciones comerciales', 'Trade terms'],
    ['TTM.Button.Label', 'Modelar condiciones', 'Model terms'],
  ],
  longStrings: [
    [
      'TTM.GetStarted.Description',
      'Abra el panel desde Inicio > Modelar condiciones para ver el P&L de cada cliente y cambiar sus condiciones.',
      "Open the pane from Home > Model terms to see each customer's P&L and change its terms.",
    ],
    [
      'TTM.Button.Tooltip',
      'Abre el panel para revisar y cambiar las condiciones comerciales de cada cliente y escribir los resultados en el libro.',
      "Opens the pane to review and change each customer's trade terms and write the results to the workbook.",
    ],
  ],
} as const;

function overrides(indent: string, element: 'Override' | 'bt:Override', english: string): string {
  return ENGLISH_LOCALES.map((l) => `${indent}<${element} Locale="${l}" Value="${escapeXml(english)}"/>`).join('\n');
}

function strings(list: readonly (readonly [string, string, string])[]): string {
  return list
    .map(
      ([id, es, en]) =>
        `        <bt:String id="${id}" DefaultValue="${escapeXml(es)}">\n${overrides('          ', 'bt:Override', en)}\n        </bt:String>`,
    )
    .join('\n');
}

/** The manifest XML for one set of settings. */
export function renderManifest(s: ManifestSettings, flavour: 'development' | 'production'): string {
  const base = escapeXml(s.baseUrl.endsWith('/') ? s.baseUrl : `${s.baseUrl}/`);
  const icon = (size: number): string => `${base}assets/icon-${size}.png`;
  const ribbonIcons = (indent: string): string =>
    RIBBON_ICON_SIZES.map((size) => `${indent}<bt:Image size="${size}" resid="TTM.Icon.${size}"/>`).join('\n');
  const header =
    flavour === 'development'
      ? `  Development manifest, generated by scripts/make-manifest.ts (edit scripts/manifest-template.ts, then run
  \`npm run manifest:dev\`): every URL is under ${base} (\`npm run dev-server\`). The production manifest
  is made by \`npm run build:prod\` from TTM_BASE_URL, TTM_PROVIDER and TTM_SUPPORT_URL (docs/addin.md).`
      : `  Production manifest, generated by scripts/make-manifest.ts from TTM_BASE_URL, TTM_PROVIDER and TTM_SUPPORT_URL
  (docs/addin.md, "Production manifest"). Regenerate it rather than editing it.`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!--
  Trade Terms Modeller: add-in-only XML manifest for Excel (task pane).
${header}
  Newer Excel features (ExcelApi 1.8 read-only state; 1.9 calculation state, Waterfall charts, page layout and
  screen-updating suspension; 1.13 table resize) are gated at run time with Office.context.requirements.isSetSupported,
  so 1.7 is the declared minimum (calculation suspension is 1.6, below it).
-->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
           xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides"
           xsi:type="TaskPaneApp">
  <Id>${ADDIN_ID}</Id>
  <Version>${escapeXml(s.version)}</Version>
  <ProviderName>${escapeXml(s.providerName)}</ProviderName>
  <DefaultLocale>${DEFAULT_LOCALE}</DefaultLocale>
  <DisplayName DefaultValue="${escapeXml(TEXTS.displayName.es)}">
${overrides('    ', 'Override', TEXTS.displayName.en)}
  </DisplayName>
  <Description DefaultValue="${escapeXml(TEXTS.description.es)}">
${overrides('    ', 'Override', TEXTS.description.en)}
  </Description>
  <IconUrl DefaultValue="${icon(ADDIN_ICON_SIZE)}"/>
  <HighResolutionIconUrl DefaultValue="${icon(ADDIN_HIGH_RESOLUTION_ICON_SIZE)}"/>
  <SupportUrl DefaultValue="${escapeXml(s.supportUrl)}"/>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="ExcelApi" MinVersion="1.7"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${base}taskpane.html"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="TTM.GetStarted.Title"/>
            <Description resid="TTM.GetStarted.Description"/>
            <LearnMoreUrl resid="TTM.Help.Url"/>
          </GetStarted>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="TTM.Group">
                <Label resid="TTM.Group.Label"/>
                <Icon>
${ribbonIcons('                  ')}
                </Icon>
                <Control xsi:type="Button" id="TTM.OpenPane">
                  <Label resid="TTM.Button.Label"/>
                  <Supertip>
                    <Title resid="TTM.Button.Label"/>
                    <Description resid="TTM.Button.Tooltip"/>
                  </Supertip>
                  <Icon>
${ribbonIcons('                    ')}
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>TTM.Taskpane</TaskpaneId>
                    <SourceLocation resid="TTM.Taskpane.Url"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
${RIBBON_ICON_SIZES.map((size) => `        <bt:Image id="TTM.Icon.${size}" DefaultValue="${icon(size)}"/>`).join('\n')}
      </bt:Images>
      <bt:Urls>
        <bt:Url id="TTM.Taskpane.Url" DefaultValue="${base}taskpane.html"/>
        <bt:Url id="TTM.Help.Url" DefaultValue="${escapeXml(s.supportUrl)}"/>
      </bt:Urls>
      <bt:ShortStrings>
${strings(TEXTS.shortStrings)}
      </bt:ShortStrings>
      <bt:LongStrings>
${strings(TEXTS.longStrings)}
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}
