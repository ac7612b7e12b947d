/**
 * "¿Hasta dónde puedo llegar? / How far can I go?": for a numeric lever (a term's rate, a tier bound or rate, an
 * event's depth, funding, maker's share or uplift, a scenario's lever) and a guardrail with a limit (Settings or the
 * customer's trade budget), the engine's walk-away (leverWalkAway: about 20 recomputes of the customer) with its
 * sentence and value, and a button that sets the lever to that value. The search runs only when the KAM asks (never
 * on a keystroke), after a busy state has been painted. Editor cards get the pane's search through
 * LeverToolsContext, which stays the same object while the KAM edits, so memoised cards do not re-render for it.
 */
import { createContext, useContext, useEffect, useId, useRef, useState } from 'react';
import {
  Button,
  Caption1,
  Field,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
  useAnnounce,
} from '@fluentui/react-components';
import { fmtLever, fmtNumber, roundTowards, type GuardrailId, type LeverRef, type LeverWalkAway } from '../../engine';
import type { Lang } from '../../engine/model';
import { errorText } from '../errors';
import type { Texts } from '../i18n';
import type { GuardrailOption } from '../scenario-views';

/** A lever the panel can search: its key among the card's levers, its label and what it sets. */
export interface LeverOption {
  key: string;
  label: string;
  ref: LeverRef;
}

export type WalkAwayOutcome =
  | { kind: 'done'; walkAway: LeverWalkAway }
  /** The guardrail has no limit for the customer (nothing to search against). */
  | { kind: 'noLimit' }
  /** The pane's edits are refused somewhere: its results are stale, no search on them. */
  | { kind: 'invalidEdits' }
  | { kind: 'failed'; error: unknown };

/** What an editor card needs for its walk-away: the customer's limits, the search and the edit that applies a value. */
export interface LeverTools {
  guardrails: readonly GuardrailOption[];
  run: (ref: LeverRef, guardrail: GuardrailId) => WalkAwayOutcome;
  apply: (ref: LeverRef, value: number) => void;
}

export const LeverToolsContext = createContext<LeverTools | null>(null);

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  toggle: { alignSelf: 'flex-start', paddingLeft: 0, minWidth: 0, height: 'auto', textAlign: 'start' },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  fields: {
    display: 'grid',
    // auto-fit: a single select (one lever) takes the whole width, its long options readable.
    gridTemplateColumns: 'repeat(auto-fit, minmax(132px, 1fr))',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    alignItems: 'end',
  },
  select: { minWidth: 0, width: '100%' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  sentence: { overflowWrap: 'anywhere' },
  figure: { fontVariantNumeric: 'tabular-nums' },
  note: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

/** Runs a task after the browser painted what is on screen now (the busy state): a frame, then a task. */
function afterPaint(task: () => void): () => void {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    timer = setTimeout(() => {
      if (!cancelled) task();
    }, 0);
  };
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(later) : undefined;
  if (frame === undefined) later();
  return () => {
    cancelled = true;
    if (frame !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

interface Computed {
  outcome: WalkAwayOutcome;
  /** What the search ran on (a term, an event, a scenario): another object now means the result is stale. */
  subject: unknown;
  lever: string;
  guardrail: GuardrailId;
}

export interface WalkAwayPanelProps {
  levers: readonly LeverOption[];
  guardrails: readonly GuardrailOption[];
  run: (ref: LeverRef, guardrail: GuardrailId) => WalkAwayOutcome;
  /** Sets the lever to a value; absent: the value is shown only. */
  apply?: (ref: LeverRef, value: number) => void;
  /** The object the levers belong to; a result computed for an earlier one says so. */
  subject: unknown;
  /** What the levers belong to, in accessible names ("WMX-03", "WMX-P1"). */
  context: string;
  /** The lever picked first (default: the first). */
  defaultLever?: string;
  t: Texts;
  lang: Lang;
  testId: string;
}

/** The walk-away value as the sentence shows it (the value a field takes), or null when there is none. */
function valueOf(w: LeverWalkAway): { value: number; usable: boolean } | null {
  const found = w.result.walkAway;
  if (w.result.status !== 'found' || !found) return null;
  return { value: roundTowards(found.value, w.result.from, w.unit), usable: found.included };
}

/** Room between the current value and the walk-away: percentage points for a rate, the lever's unit otherwise. */
function roomText(w: LeverWalkAway, value: number, lang: Lang): string {
  const room = Math.abs(value - w.result.from);
  return w.unit === 'pct' ? `${fmtNumber(room * 100, 2)}\u00a0pp` : fmtLever(room, w.unit, lang);
}

export function WalkAwayPanel(props: WalkAwayPanelProps) {
  const { levers, guardrails, run, apply, subject, context, defaultLever, t, lang, testId } = props;
  const styles = useStyles();
  const { announce } = useAnnounce();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [leverKey, setLeverKey] = useState<string>(defaultLever ?? levers[0]?.key ?? '');
  const defaultGuardrail = guardrails.find((g) => g.id === 'min_contribution_pct')?.id ?? guardrails[0]?.id;
  const [guardrail, setGuardrail] = useState<GuardrailId | undefined>(defaultGuardrail);
  const [busy, setBusy] = useState(false);
  const [computed, setComputed] = useState<Computed | null>(null);
  const cancel = useRef<(() => void) | null>(null);
  useEffect(() => () => cancel.current?.(), []);

  const lever = levers.find((l) => l.key === leverKey) ?? levers[0];
  const chosenGuardrail = guardrails.some((g) => g.id === guardrail) ? guardrail : defaultGuardrail;
  if (!lever) return null;

  const start = () => {
    if (busy || !chosenGuardrail) return;
    setBusy(true);
    setComputed(null);
    const at = { subject, lever: lever.key, guardrail: chosenGuardrail, ref: lever.ref };
    cancel.current = afterPaint(() => {
      let outcome: WalkAwayOutcome;
      try {
        outcome = run(at.ref, at.guardrail);
      } catch (error) {
        outcome = { kind: 'failed', error };
      }
      setComputed({ outcome, subject: at.subject, lever: at.lever, guardrail: at.guardrail });
      setBusy(false);
      if (outcome.kind === 'done') announce(outcome.walkAway.sentence[lang], { polite: true });
    });
  };

  const shown = computed && computed.lever === lever.key && computed.guardrail === chosenGuardrail ? computed : null;
  const stale = shown !== null && shown.subject !== subject;
  const outcome = shown?.outcome;
  const w = outcome?.kind === 'done' ? outcome.walkAway : null;
  const v = w ? valueOf(w) : null;
  const valueText = v && w ? fmtLever(v.value, w.unit, lang) : '';

  return (
    <div className={styles.root} data-testid={testId}>
      <Button
        appearance="transparent"
        size="small"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={t.waGroup(context)}
        onClick={() => setOpen((o) => !o)}
        data-testid={`${testId}-toggle`}
      >
        {t.waButton}
      </Button>
      {open ? (
        <div id={panelId} role="group" aria-label={t.waGroup(context)} className={styles.panel}>
          {guardrails.length === 0 ? (
            <Caption1 className={styles.note}>{t.waNoLimits}</Caption1>
          ) : (
            <>
              <div className={styles.fields}>
                {levers.length > 1 ? (
                  <Field label={t.waLever}>
                    <Select
                      className={styles.select}
                      value={lever.key}
                      onChange={(_, d) => {
                        setLeverKey(d.value);
                        setComputed(null);
                      }}
                      data-testid={`${testId}-lever`}
                    >
                      {levers.map((l) => (
                        <option key={l.key} value={l.key}>
                          {l.label}
                        </option>
                      ))}
                    </Select>
                  </Field>
                ) : null}
                <Field label={t.waGuardrail}>
                  <Select
                    className={styles.select}
                    value={chosenGuardrail}
                    onChange={(_, d) => {
                      setGuardrail(d.value as GuardrailId);
                      setComputed(null);
                    }}
                    data-testid={`${testId}-guardrail`}
                  >
                    {guardrails.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.label}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
              {levers.length === 1 ? <Caption1 className={styles.note}>{lever.label}</Caption1> : null}
              <div className={styles.actions}>
                <Button
                  size="small"
                  disabledFocusable={busy}
                  icon={busy ? <Spinner size="tiny" /> : undefined}
                  onClick={start}
                  data-testid={`${testId}-run`}
                >
                  {busy ? t.waBusy : t.waRun}
                </Button>
              </div>
            </>
          )}
          {outcome?.kind === 'invalidEdits' ? <Caption1 className={styles.note}>{t.waInvalid}</Caption1> : null}
          {outcome?.kind === 'noLimit' ? <Caption1 className={styles.note}>{t.waNoLimits}</Caption1> : null}
          {outcome?.kind === 'failed' ? (
            <Caption1 className={styles.note}>{`${t.waFailed}: ${errorText(outcome.error, lang)}`}</Caption1>
          ) : null}
          {w ? (
            <>
              <Text size={200} className={styles.sentence} data-testid={`${testId}-sentence`}>
                {w.sentence[lang]}
              </Text>
              {v ? (
                <Caption1 className={styles.figure} data-testid={`${testId}-value`} data-value={String(v.value)}>
                  {`${t.waValue(valueText)} · ${t.waRoom(roomText(w, v.value, lang))}`}
                </Caption1>
              ) : null}
              {stale ? <Caption1 className={styles.note}>{t.waStale}</Caption1> : null}
              {v && v.usable && apply && !stale ? (
                <div>
                  <Button
                    size="small"
                    appearance="primary"
                    aria-label={t.waUseAria(valueText, `${lever.label} · ${context}`)}
                    onClick={() => {
                      apply(lever.ref, v.value);
                      announce(t.waUsed(valueText), { polite: true });
                    }}
                    data-testid={`${testId}-use`}
                  >
                    {t.waUse(valueText)}
                  </Button>
                </div>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** An editor card's walk-away: the pane's search on its edited model (nothing without LeverToolsContext). */
export function EditorWalkAway(props: Omit<WalkAwayPanelProps, 'guardrails' | 'run' | 'apply'>) {
  const tools = useContext(LeverToolsContext);
  if (!tools || props.levers.length === 0) return null;
  return <WalkAwayPanel {...props} guardrails={tools.guardrails} run={tools.run} apply={tools.apply} />;
}
