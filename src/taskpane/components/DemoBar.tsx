/** The browser demo's banner: says it is a demo and lets the user open another .xlsx (read locally). */
import { useId, useRef } from 'react';
import { Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { Texts } from '../i18n';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hidden: { display: 'none' },
});

export interface DemoDownload {
  status: 'idle' | 'downloading' | 'done' | 'failed';
  /** The file name handed to the browser (done) or the error text (failed). */
  text?: string;
}

export function DemoBar({
  t,
  busy,
  onOpen,
  onDownload,
  download = { status: 'idle' },
}: {
  t: Texts;
  busy: boolean;
  onOpen: (file: File) => void;
  /** The workbook can be downloaded with its results (the memory host's downloadResults). */
  onDownload?: () => void;
  download?: DemoDownload;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const downloadHintId = useId();
  const bannerId = useId();
  return (
    // No title: the bar is labelled by its first line (Fluent's default label points at a title that is not there).
    <MessageBar intent="info" layout="multiline" politeness="polite" aria-labelledby={bannerId} data-testid="demo-bar">
      <MessageBarBody>
        <div id={bannerId}>{t.demoBanner}</div>
        <div data-testid="demo-next">{t.demoNext}</div>
        <div className={styles.row}>
          <Button size="small" disabled={busy} aria-describedby={hintId} onClick={() => input.current?.click()}>
            {t.openFile}
          </Button>
          <Caption1 id={hintId}>{t.openFileHint}</Caption1>
          <input
            ref={input}
            className={styles.hidden}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="open-file"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = ''; // the same file can be opened again
              if (file) onOpen(file);
            }}
          />
        </div>
        {onDownload ? (
          <div className={styles.row}>
            <Button
              size="small"
              disabled={busy || download.status === 'downloading'}
              aria-describedby={downloadHintId}
              onClick={onDownload}
              data-testid="download-results"
            >
              {t.downloadResults}
            </Button>
            <Caption1 id={downloadHintId}>{t.downloadResultsHint}</Caption1>
          </div>
        ) : null}
        {download.status === 'done' && download.text ? (
          <div role="status" data-testid="download-status">
            {t.downloadedResults(download.text)}
          </div>
        ) : null}
        {download.status === 'failed' ? (
          <div role="alert" data-testid="download-error">
            {t.downloadFailed}: {download.text}
          </div>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
