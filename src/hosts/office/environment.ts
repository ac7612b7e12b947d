/**
 * The pane's only entry into the office folder: waits for Office, says whether the pane runs inside Excel, and
 * builds the Office host there. Works with office.js loaded outside Office (Office.onReady resolves with host
 * null: the browser demo) and without office.js at all (`Office` undefined: it failed to load, e.g. offline or
 * behind a proxy): both give inOffice false, and officeJsLoaded tells them apart.
 */
import { OfficeHost } from './host';
import { bootTimeout } from './messages';

export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
}

export interface OfficeEnvironment {
  /** True when Office hosts the pane (any Office application). */
  inOffice: boolean;
  /**
   * False when office.js is not on the page at all (the script failed to load: offline, a proxy, a blocked CDN).
   * The add-in page then shows an error, never the browser demo (src/taskpane/index.tsx).
   */
  officeJsLoaded: boolean;
  /** Office's display language ("es-MX", "en-US"); the browser's outside Office. */
  displayLanguage: string;
  /** Office theme colours where the host exposes them. */
  theme?: OfficeThemeColors;
  /** The workbook host, present when the pane runs in Excel. */
  host?: OfficeHost;
}

export interface BootOptions {
  /** How long to wait for Office.onReady (default 20 s). */
  readyTimeoutMs?: number;
}

/**
 * office.js running outside Office starts a usage-telemetry logger that, a few seconds later, frames Microsoft's
 * telemetry service. Outside Office (the browser demo) the pane must contact nothing but its own origin, so the
 * logger's endpoint is switched off once Office.onReady says no Office host is present.
 */
function silenceTelemetryOutsideOffice(): void {
  type Endpoint = { loadProxyFrame?: () => void; writeLog?: () => void };
  const endpoint = (globalThis as { OSF?: { Logger?: { ulsEndpoint?: Endpoint } } }).OSF?.Logger?.ulsEndpoint;
  if (endpoint) {
    endpoint.loadProxyFrame = () => undefined;
    endpoint.writeLog = () => undefined;
  }
}

function browserLanguage(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'es-MX';
}

export async function bootOffice(options: BootOptions = {}): Promise<OfficeEnvironment> {
  const office = typeof Office === 'undefined' ? undefined : Office;
  if (!office || typeof office.onReady !== 'function') {
    return { inOffice: false, officeJsLoaded: false, displayLanguage: browserLanguage() };
  }

  const ms = options.readyTimeoutMs ?? 20_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    office.onReady(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(bootTimeout(ms)), ms);
    }),
  ]).finally(() => clearTimeout(timer));

  if (info.host === null || info.host === undefined) {
    silenceTelemetryOutsideOffice();
    return { inOffice: false, officeJsLoaded: true, displayLanguage: browserLanguage() };
  }

  const context = office.context;
  const t = context.officeTheme;
  const theme: OfficeThemeColors | undefined = t
    ? {
        bodyBackgroundColor: t.bodyBackgroundColor,
        bodyForegroundColor: t.bodyForegroundColor,
        controlBackgroundColor: t.controlBackgroundColor,
        controlForegroundColor: t.controlForegroundColor,
      }
    : undefined;
  const inExcel = String(info.host) === 'Excel' && typeof Excel !== 'undefined';
  return {
    inOffice: true,
    officeJsLoaded: true,
    displayLanguage: context.displayLanguage || browserLanguage(),
    theme,
    host: inExcel
      ? new OfficeHost({
          run: Excel.run,
          requirements: context.requirements,
          createWorkbook: (base64File) => Excel.createWorkbook(base64File),
        })
      : undefined,
  };
}
