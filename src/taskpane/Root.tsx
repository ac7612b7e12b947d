/**
 * Owns the workbook host: Excel's, or in the browser demo the bundled sample / a file the user opens. The App is
 * re-mounted per host so its state always belongs to one workbook.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import type { Lang } from '../engine/model';
import type { WorkbookHost } from '../workbook/port';
import { App } from './App';
import { DemoBar, type DemoDownload } from './components/DemoBar';
import { ErrorBoundary } from './components/ErrorBoundary';
import { LiveAnnouncer } from './components/LiveAnnouncer';
import { loadPickedFile } from './demo';
import { errorText } from './errors';
import { texts } from './i18n';

declare global {
  interface Window {
    /** The browser demo's workbook, for the end-to-end test (never set inside Office). */
    __ttmHost?: WorkbookHost;
  }
}

export type RootProps = { lang: Lang; theme: Theme } & (
  { demo: false; initialHost: WorkbookHost } | { demo: true; loadInitialHost: () => Promise<WorkbookHost> }
);

export function Root(props: RootProps) {
  const { lang, theme } = props;
  const t = texts(lang);
  const [host, setHost] = useState<WorkbookHost | null>(props.demo ? null : props.initialHost);
  const [hostError, setHostError] = useState<unknown>(null);
  const [opening, setOpening] = useState(props.demo);
  const [generation, setGeneration] = useState(0);
  const [download, setDownload] = useState<DemoDownload>({ status: 'idle' });

  const adoptHost = useCallback(
    (next: WorkbookHost) => {
      if (props.demo) window.__ttmHost = next;
      setHost(next);
      setHostError(null);
      setDownload({ status: 'idle' });
      setGeneration((g) => g + 1);
    },
    [props.demo],
  );

  const loadInitial = props.demo ? props.loadInitialHost : null;
  useEffect(() => {
    if (!loadInitial) return;
    let live = true;
    loadInitial()
      .then(
        (h) => {
          if (live) adoptHost(h);
        },
        (e: unknown) => {
          if (live) setHostError(e);
        },
      )
      .finally(() => {
        if (live) setOpening(false);
      });
    return () => {
      live = false;
    };
  }, [loadInitial, adoptHost]);

  // An event handler: a file that cannot be opened is shown in the pane (hostError), so nothing is left to await.
  const openFile = (file: File): void => {
    setOpening(true);
    loadPickedFile(file)
      .then(adoptHost)
      .catch(setHostError)
      .finally(() => setOpening(false));
  };

  // An event handler: the outcome (the file name, or the error) is shown in the demo bar.
  const downloadResults = host?.downloadResults?.bind(host);
  const onDownload = downloadResults
    ? (): void => {
        setDownload({ status: 'downloading' });
        downloadResults().then(
          (r) => setDownload({ status: 'done', text: r.target }),
          (e: unknown) => setDownload({ status: 'failed', text: errorText(e, lang) }),
        );
      }
    : undefined;

  return (
    <FluentProvider theme={theme} lang={lang === 'en' ? 'en' : 'es-MX'} style={{ minHeight: '100vh' }}>
      {/* Message bars, write outcomes and recomputed KPIs reach screen readers through its live regions. */}
      <LiveAnnouncer>
        <main style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
          {props.demo ? (
            <DemoBar t={t} busy={opening} onOpen={openFile} onDownload={onDownload} download={download} />
          ) : null}
          {hostError ? (
            <MessageBar intent="error" layout="multiline" data-testid="host-error">
              <MessageBarBody>
                <MessageBarTitle>{t.loadFailed}</MessageBarTitle>
                {errorText(hostError, lang)}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {opening && !host ? <Spinner label={t.loading} /> : null}
          {host ? (
            <ErrorBoundary key={generation} lang={lang} title={t.paneFailed}>
              <App host={host} lang={lang} />
            </ErrorBoundary>
          ) : null}
        </main>
      </LiveAnnouncer>
    </FluentProvider>
  );
}

/** Shown when boot itself fails (office.js missing, Office refused to start): bilingual, since no language is known. */
export function BootFailure({ error }: { error: unknown }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 12 }}>
        <MessageBar intent="error" layout="multiline" data-testid="boot-error">
          <MessageBarBody>
            <MessageBarTitle>No se pudo iniciar el panel / The pane could not start</MessageBarTitle>
            {errorText(error, 'es')}
            {errorText(error, 'es') !== errorText(error, 'en') ? ` / ${errorText(error, 'en')}` : ''}
          </MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}
