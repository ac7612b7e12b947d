/**
 * The pane's screen-reader announcer: Fluent's announce context (MessageBar announces itself through it when it
 * appears; the pane announces recomputed KPIs and a write's start through useAnnounce) backed by two persistent,
 * visually hidden live regions, one polite (role="status") and one assertive (role="alert").
 *
 * Fluent's own AriaLiveAnnouncer is not used: where document.ariaNotify exists (recent Chromium, so Edge's WebView2)
 * it leaves nothing in the page, and otherwise it writes every message, polite or not, into an assertive region that
 * it empties after half a second. Here a message stays in its region until the next one replaces it, so it can be
 * read back (the end-to-end test does), and polite messages wait for the screen reader to finish speaking.
 */
import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { AnnounceProvider, makeStyles, type AnnounceContextValue } from '@fluentui/react-components';

const useStyles = makeStyles({
  // Visually hidden, still read: the usual clip pattern (display: none or visibility: hidden would silence it).
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** Messages announced in the same tick are read as one (a write's outcome and its recomputed KPIs). */
const BATCH_MS = 50;

type Options = Parameters<AnnounceContextValue['announce']>[1];

interface Queued {
  message: string;
  batchId?: string;
}

const sentence = (m: string) => (/[.!?…:]$/.test(m) ? m : `${m}.`);

export function LiveAnnouncer({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const polite = useRef<HTMLDivElement>(null);
  const assertive = useRef<HTMLDivElement>(null);
  const queues = useRef<{ polite: Queued[]; alert: Queued[] }>({ polite: [], alert: [] });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    timer.current = undefined;
    const write = (region: HTMLDivElement | null, queued: Queued[]) => {
      if (!region || queued.length === 0) return;
      // A new child node each time: the same text announced twice is still a change screen readers notice.
      const span = region.ownerDocument.createElement('span');
      span.textContent = queued.map((q) => sentence(q.message.trim())).join(' ');
      region.replaceChildren(span);
    };
    const { polite: p, alert: a } = queues.current;
    queues.current = { polite: [], alert: [] };
    write(polite.current, p);
    write(assertive.current, a);
  }, []);

  const announce = useCallback(
    (message: string, options: Options = {}) => {
      if (message.trim() === '') return;
      const queue = options.alert && !options.polite ? queues.current.alert : queues.current.polite;
      // A message with the batch id of one still queued replaces it (the KPIs of several quick edits: only the last).
      const same = options.batchId ? queue.findIndex((q) => q.batchId === options.batchId) : -1;
      if (same >= 0) queue.splice(same, 1);
      queue.push({ message, batchId: options.batchId });
      timer.current ??= setTimeout(flush, BATCH_MS);
    },
    [flush],
  );

  useEffect(
    () => () => {
      if (timer.current !== undefined) clearTimeout(timer.current);
    },
    [],
  );

  const value = useMemo<AnnounceContextValue>(() => ({ announce }), [announce]);
  return (
    <AnnounceProvider value={value}>
      {children}
      <div ref={polite} className={styles.hidden} role="status" aria-live="polite" data-testid="live-polite" />
      <div ref={assertive} className={styles.hidden} role="alert" aria-live="assertive" data-testid="live-alert" />
    </AnnounceProvider>
  );
}
