/**
 * Which page is running, and what the add-in page shows when it cannot run the pane.
 *
 * The browser demo runs only on the demo page (index.html, `<html data-ttm-page="demo">`), never on the add-in page
 * Excel opens (taskpane.html). Deciding by page rather than by sniffing for Office is the robust choice: Office marks
 * its webviews in ways that are neither documented nor stable (the `_host_Info` query parameter, which office.js also
 * looks for in window.name and keeps in sessionStorage; `window.external` / `chrome.webview` /
 * `webkit.messageHandlers` bridges that differ per platform and version), and a missed detection would put the demo's
 * fictional sample inside a real workbook. The page marker cannot be missed: it is in the HTML Excel loads.
 *
 * On the add-in page, without an Office host, the pane is replaced by a message: office.js did not load (offline, a
 * proxy or firewall blocking appsforoffice.microsoft.com), or the page was opened outside Excel. It is plain DOM,
 * with its own es/en texts, because nothing else can be relied on at that point: no Office, no Fluent theme, no
 * i18n module. Its language is Office's when the host info Office hands the page names one, the browser's otherwise.
 */

export type PageKind = 'addin' | 'demo';
export type LoadFailureReason = 'office-js-missing' | 'no-office-host';
export type FailureLang = 'es' | 'en';

/** The page's kind from its `<html data-ttm-page>`; anything but "demo" is the add-in page (no demo by accident). */
export function pageKind(doc: Document): PageKind {
  return doc.documentElement.dataset.ttmPage === 'demo' ? 'demo' : 'addin';
}

/**
 * Office's UI locale from the host info Office gives an add-in page, read the way office.js reads it: the
 * `_host_Info` query parameter, else window.name's JSON `hostInfo`, else sessionStorage `hostInfoValue`; fields
 * separated by "$" (or "|"): host, platform, version, locale, … e.g. "Excel$Win32$16.01$en-US$$$$0". Best effort:
 * null when none is found.
 */
export function hostLocale(win: Window): string | null {
  const candidates: (() => string | null | undefined)[] = [
    () => new URLSearchParams(win.location.search).get('_host_Info'),
    () => (JSON.parse(win.name) as { hostInfo?: string } | null)?.hostInfo,
    () => win.sessionStorage.getItem('hostInfoValue'),
  ];
  for (const read of candidates) {
    let value: string | null | undefined;
    try {
      value = read();
    } catch {
      continue; // window.name is not JSON, or storage is blocked
    }
    if (!value) continue;
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // keep it as it is
    }
    const parts = decoded.split(decoded.includes('$') ? '$' : '|');
    const locale = parts[3]?.trim();
    if (locale && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(locale)) return locale;
  }
  return null;
}

/** English for en-*, Spanish (the pane's default) for everything else. */
export function failureLanguage(win: Window): FailureLang {
  const nav = win.navigator;
  const locale = hostLocale(win) ?? nav.languages?.[0] ?? nav.language ?? 'es-MX';
  return /^en(-|$)/i.test(locale) ? 'en' : 'es';
}

interface FailureText {
  title: string;
  body: string;
  action: string;
}

type FailureTexts = Record<LoadFailureReason, FailureText> & { retry: string; demo: string };

export const LOAD_FAILURE_TEXTS: Record<FailureLang, FailureTexts> = {
  es: {
    'office-js-missing': {
      title: 'No se pudo cargar Office (office.js)',
      body:
        'El panel necesita office.js, la biblioteca de Microsoft que lo conecta con Excel, y no se pudo descargar ' +
        'de appsforoffice.microsoft.com. Puede que no haya conexión a internet o que un proxy o firewall bloquee ' +
        'ese sitio.',
      action:
        'Revise la conexión (o pida a su área de TI que permita https://appsforoffice.microsoft.com) y vuelva a ' +
        'abrir el panel.',
    },
    'no-office-host': {
      title: 'Este panel se abre desde Excel',
      body:
        'Esta página es el complemento de Excel y solo funciona dentro de Excel: ábralo desde Inicio > Modelar ' +
        'condiciones. Si ya lo abrió desde Excel, cierre el panel y vuelva a abrirlo.',
      action: 'Para probar el panel en un navegador, sin Excel, abra la demostración.',
    },
    retry: 'Reintentar',
    demo: 'Abrir la demostración',
  },
  en: {
    'office-js-missing': {
      title: 'Office could not be loaded (office.js)',
      body:
        "The pane needs office.js, Microsoft's library that connects it to Excel, and it could not be downloaded " +
        'from appsforoffice.microsoft.com. You may be offline, or a proxy or firewall may be blocking that site.',
      action:
        'Check the connection (or ask your IT team to allow https://appsforoffice.microsoft.com) and open the ' +
        'pane again.',
    },
    'no-office-host': {
      title: 'This pane opens from Excel',
      body:
        'This page is the Excel add-in and only works inside Excel: open it from Home > Model terms. If you did ' +
        'open it from Excel, close the pane and open it again.',
      action: 'To try the pane in a browser, without Excel, open the demo.',
    },
    retry: 'Retry',
    demo: 'Open the demo',
  },
};

/** The demo page, next to the add-in page. */
export const DEMO_PAGE = 'index.html';

/** Replaces the container's content with the message (an alert, so screen readers announce it). */
export function showLoadFailure(container: HTMLElement, reason: LoadFailureReason, lang: FailureLang): void {
  const doc = container.ownerDocument;
  const texts = LOAD_FAILURE_TEXTS[lang];
  const text = texts[reason];
  doc.documentElement.lang = lang === 'en' ? 'en' : 'es-MX';
  doc.title = `${text.title} · Trade Terms Modeller`;
  doc.body.style.margin = '0';

  const box = doc.createElement('section');
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'load-failure';
  box.dataset.reason = reason;
  Object.assign(box.style, {
    margin: '12px',
    padding: '12px 16px',
    borderLeft: '4px solid #c50f1f',
    background: '#fdf3f4',
    color: '#242424',
    fontFamily: '"Segoe UI", "Segoe UI Web (West European)", system-ui, -apple-system, sans-serif',
    fontSize: '14px',
    lineHeight: '20px',
  });
  const title = doc.createElement('h1');
  title.textContent = text.title;
  Object.assign(title.style, { fontSize: '16px', lineHeight: '22px', margin: '0 0 8px', fontWeight: '600' });
  const body = doc.createElement('p');
  body.textContent = text.body;
  body.style.margin = '0 0 8px';
  const action = doc.createElement('p');
  action.textContent = text.action;
  action.style.margin = '0 0 12px';
  box.append(title, body, action);

  if (reason === 'office-js-missing') {
    const retry = doc.createElement('button');
    retry.type = 'button';
    retry.textContent = texts.retry;
    retry.dataset.testid = 'load-failure-retry';
    Object.assign(retry.style, { font: 'inherit', padding: '4px 12px', cursor: 'pointer' });
    retry.addEventListener('click', () => doc.defaultView?.location.reload());
    box.append(retry);
  } else {
    const link = doc.createElement('a');
    link.href = DEMO_PAGE;
    link.textContent = texts.demo;
    link.dataset.testid = 'load-failure-demo';
    link.style.color = '#0f6cbd';
    box.append(link);
  }
  container.replaceChildren(box);
}
