/** React side of the pane state: loading through the host, edits (timed), writing results, going to a cell. */
import { startTransition, useCallback, useEffect, useReducer, useState } from 'react';
import type { Lang } from '../engine/model';
import { readModel, type ContractError } from '../workbook/contract';
import type { WorkbookHost } from '../workbook/port';
import { buildResultsPlan } from '../workbook/results';
import { whenIdle } from './idle';
import { markEdit, markPaintAfterCommit } from './perf';
import { APP_VERSION } from './version';
import { canWrite, initialPaneState, paneReducer, type PaneState } from './state';
import type { TermEdit } from './term-edits';

/** What the results' run-info sheet says about edits made in the pane (none: the workbook's own values). */
export function scenarioNoteOf(state: PaneState, lang: Lang): string | undefined {
  if (state.edited.length === 0) return undefined;
  const terms = state.edited.filter((o) => o.kind === 'term').map((o) => o.id);
  const days = state.edited.filter((o) => o.kind === 'customer').map((o) => o.id);
  const parts: string[] = [];
  if (lang === 'es') {
    if (terms.length) parts.push(`términos ${terms.join(', ')}`);
    if (days.length) parts.push(`días de crédito de ${days.join(', ')}`);
    return `Escenario editado en el panel (${parts.join('; ')}); el libro conserva sus valores de entrada.`;
  }
  if (terms.length) parts.push(`terms ${terms.join(', ')}`);
  if (days.length) parts.push(`payment days of ${days.join(', ')}`);
  return `Scenario edited in the pane (${parts.join('; ')}); the workbook keeps its input values.`;
}

/** Quiet time after a load before the edit path is warmed up (ms). */
const WARM_UP_AFTER_MS = 1000;

export function usePane(host: WorkbookHost, lang: Lang) {
  const [state, dispatch] = useReducer(paneReducer, initialPaneState);
  const [selectError, setSelectError] = useState<unknown>(null);
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let live = true;
    dispatch({ type: 'loadStarted' });
    readModel(host).then(
      (parsed) => {
        if (!live) return;
        if (parsed.ok) dispatch({ type: 'loaded', model: parsed.model, warnings: parsed.warnings });
        else dispatch({ type: 'invalid', errors: parsed.errors });
      },
      (error: unknown) => {
        if (live) dispatch({ type: 'loadFailed', error });
      },
    );
    return () => {
      live = false;
    };
  }, [host, loads]);

  // Once a workbook is loaded and nothing has been edited, warm the edit path while the KAM reads the pane (see the
  // reducer's 'warmUp'). Not at once: its own compiling must not overlap an edit made right after the load (that
  // made such a first edit slower, not faster). As a transition React renders it in slices and yields to input.
  const untouched = state.revision === 0;
  useEffect(() => {
    if (state.phase !== 'ready' || !untouched) return;
    return whenIdle(() => startTransition(() => dispatch({ type: 'warmUp' })), { delayMs: WARM_UP_AFTER_MS });
  }, [state.phase, state.baseModel, untouched]);

  // After React committed an edit's results, time until the browser painted them.
  useEffect(() => {
    if (state.revision > 0) markPaintAfterCommit();
  }, [state.revision]);

  const edit = useCallback((e: TermEdit) => {
    markEdit();
    dispatch({ type: 'edit', edit: e });
  }, []);

  const selectCustomer = useCallback((customerId: string) => dispatch({ type: 'selectCustomer', customerId }), []);

  /** Reset = read the workbook again (its current values, edits dropped). */
  const reset = useCallback(() => setLoads((n) => n + 1), []);

  /** Writes the results; never rejects (a failure is dispatched as 'writeFailed' and shown in the pane). */
  const writeResults = async (): Promise<void> => {
    if (!canWrite(state) || !state.model || !state.results) return;
    dispatch({ type: 'writeStarted' });
    try {
      const source = await host.describeSource();
      const plan = buildResultsPlan(state.model, state.results, {
        lang,
        source,
        runAt: new Date(),
        scenarioNote: scenarioNoteOf(state, lang),
        engineVersion: APP_VERSION,
      });
      dispatch({ type: 'writeDone', report: await host.writeResults(plan) });
    } catch (error) {
      dispatch({ type: 'writeFailed', error }); // shown in the pane's MessageBar, in its language
    }
  };
  // An event handler: fire and forget is safe, writeResults handles its own failures.
  const write = (): void => void writeResults();

  // An event handler: a failure to select the cell is shown in the pane (selectError), so nothing is left to await.
  const selectCell = host.selectCell?.bind(host);
  const goToCell = selectCell
    ? (e: ContractError): void => {
        setSelectError(null);
        selectCell(e.sheet, e.address!).catch(setSelectError);
      }
    : undefined;

  const dismissWrite = useCallback(() => dispatch({ type: 'dismissWrite' }), []);

  return { state, edit, selectCustomer, reset, write, dismissWrite, goToCell, selectError };
}
