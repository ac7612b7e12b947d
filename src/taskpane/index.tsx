/**
 * The pane's single boot, the same in Excel and in a plain browser: office.js is already on the page
 * (taskpane.html), bootOffice() tells whether we run inside Excel. Inside: the Office host. Outside, it depends on
 * the page (load-failure.ts says why the page decides, not a guess about Office):
 * - the demo page (index.html): an in-memory workbook opened from the bundled sample;
 * - the add-in page (taskpane.html): never the demo. office.js missing (offline, a proxy) or no Office host shows a
 *   plain es/en message instead, before React renders anything.
 */
import { createRoot, type Root as ReactRoot } from 'react-dom/client';
import { bootOffice } from '../hosts/office/environment';
import { langFromDisplayLanguage } from './i18n';
import { DEMO_DARK_OFFICE_THEME, fluentThemeFor } from './theme';
import { BootFailure, Root } from './Root';
import { loadBundledSample } from './demo';
import { failureLanguage, pageKind, showLoadFailure } from './load-failure';

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  const page = pageKind(document);
  let root: ReactRoot | null = null;
  try {
    const env = await bootOffice();
    if (!env.inOffice && page === 'addin') {
      showLoadFailure(container, env.officeJsLoaded ? 'no-office-host' : 'office-js-missing', failureLanguage(window));
      return;
    }
    root = createRoot(container);
    // The browser demo may ask for a language in its URL (?lang=en); inside Office the display language rules.
    const asked = env.inOffice ? null : new URLSearchParams(window.location.search).get('lang');
    const lang = langFromDisplayLanguage(asked ?? env.displayLanguage);
    document.documentElement.lang = lang === 'en' ? 'en' : 'es-MX';
    // The demo can also preview Office's dark theme (?theme=dark); inside Office the Office theme rules.
    const askedTheme = env.inOffice ? null : new URLSearchParams(window.location.search).get('theme');
    const theme = fluentThemeFor(askedTheme === 'dark' ? DEMO_DARK_OFFICE_THEME : env.theme);
    // The page behind the pane takes the theme's background too (no light frame around a dark pane).
    document.body.style.margin = '0';
    document.body.style.backgroundColor = theme.colorNeutralBackground1;
    if (env.inOffice) {
      if (!env.host) throw new Error('Office started without a workbook host / Office inició sin un host de libro');
      root.render(<Root lang={lang} theme={theme} demo={false} initialHost={env.host} />);
    } else {
      root.render(<Root lang={lang} theme={theme} demo loadInitialHost={loadBundledSample} />);
    }
  } catch (error) {
    (root ?? createRoot(container)).render(<BootFailure error={error} />);
  }
}

void main();
