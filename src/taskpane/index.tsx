/**
 * The pane's single boot, the same in Excel and in a plain browser: office.js is already on the page
 * (taskpane.html), bootOffice() tells whether we run inside Excel. Inside: the Office host. Outside (the browser
 * demo, Office.onReady with host null): an in-memory workbook opened from the bundled sample.
 */
import { createRoot } from 'react-dom/client';
import { bootOffice } from '../hosts/office/environment';
import { langFromDisplayLanguage } from './i18n';
import { DEMO_DARK_OFFICE_THEME, fluentThemeFor } from './theme';
import { BootFailure, Root } from './Root';
import { loadBundledSample } from './demo';

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  const root = createRoot(container);
  try {
    const env = await bootOffice();
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
    root.render(<BootFailure error={error} />);
  }
}

void main();
