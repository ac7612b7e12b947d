/** The browser demo's banner: says it is a demo and lets the user open another .xlsx (read locally). */
import { useId, useRef } from 'react';
import { Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { Texts } from '../i18n';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hidden: { display: 'none' },
});

export function DemoBar({ t, busy, onOpen }: { t: Texts; busy: boolean; onOpen: (file: File) => void }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
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
      </MessageBarBody>
    </MessageBar>
  );
}
