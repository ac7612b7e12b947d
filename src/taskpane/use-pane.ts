/**
 * React side of the pane state: loading through the host, edits (timed), writing results safely (one write at a
 * time, progress, inputs changed since they were read), going to a cell.
 */
import { startTransition, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { computeModel } from '../engine';
import type { Lang, Model } from '../engine/model';
import type { Scenario } from '../engine/model';
import { readModel, type ContractError } from '../workbook/contract';
import type { AddInputTablesReport, WorkbookHost } from '../workbook/port';
import { missingTablesRequest } from '../workbook/template';
import { saveScenario as saveScenarioRows } from '../workbook/scenario-rows';
import { exportAgreedBase, type AgreedBaseReport } from '../workbook/scenario-export';
import { whenIdle } from './idle';
import { markEdit, markPaintAfterCommit } from './perf';
import { APP_VERSION } from './version';
import {
  canWrite,
  initialPaneState,
  ownerKey,
  paneReducer,
  rebaseEdits,
  type EditOwner,
  type PaneState,
} from './state';
import type { PaneEdit } from './promo-edits';
import { paneFailure } from './errors';

/**
 * What the results' run-info sheet says about edits made in the pane (none: the workbook's own values): terms,
 * payment days, events by id, and price changes by their date and whom they apply to (from `model`, the edited
 * model; by position without it).
 */
export function scenarioNoteOf(edited: readonly EditOwner[], lang: Lang, model?: Model): string | undefined {
  if (edited.length === 0) return undefined;
  const ids = (kind: EditOwner['kind']) => edited.filter((o) => o.kind === kind).map((o) => o.id);
  const terms = ids('term');
  const days = ids('customer');
  const events = ids('promotion');
  const prices = ids('price_change').map((id) => {
    const change = model?.priceChanges?.[Number(id)];
    if (!change) return `#${Number(id) + 1}`;
    const who =
      change.customerId === '' ? (lang === 'es' ? 'todos los clientes' : 'every customer') : change.customerId;
    return `${change.effectiveDate} (${who})`;
  });
  const parts: string[] = [];
  if (lang === 'es') {
    if (terms.length) parts.push(`términos ${terms.join(', ')}`);
    if (days.length) parts.push(`días de crédito de ${days.join(', ')}`);
    if (events.length) parts.push(`promociones ${events.join(', ')}`);
    if (prices.length) parts.push(`cambios de precio ${prices.join(', ')}`);
    return `Escenario editado en el panel (${parts.join('; ')}); el libro conserva sus valores de entrada.`;
  }
  if (terms.length) parts.push(`terms ${terms.join(', ')}`);
  if (days.length) parts.push(`payment days of ${days.join(', ')}`);
  if (events.length) parts.push(`promotions ${events.join(', ')}`);
  if (prices.length) parts.push(`price changes ${prices.join(', ')}`);
  return `Scenario edited in the pane (${parts.join('; ')}); the workbook keeps its input values.`;
}

/**
 * The host's fingerprint of its input tables, when it has one (test doubles may not): a write compares it with the
 * one taken at load to tell whether the inputs changed in between.
 */
function inputFingerprintOf(host: WorkbookHost): Promise<string> | null {
  return host.inputFingerprint ? host.inputFingerprint() : null;
}

/**
 * A scenario saved into the workbook (Scenarios and ScenarioChanges tables) on the KAM's explicit action: under way,
 * done (rows written, then the workbook read again) or failed. Kept apart from the pane state, so a re-read after the
 * save does not clear its message.
 */
export type ScenarioSaveState =
  | { status: 'idle' }
  | { status: 'saving'; scenarioId: string }
  | { status: 'saved'; scenarioId: string; rows: { scenarios: number; changes: number }; consumed: boolean }
  | { status: 'failed'; scenarioId: string; error: unknown };

/**
 * An agreed scenario exported as next year's base (a NEW workbook: Excel opens it, or the demo downloads it), on the
 * KAM's explicit action: under way, done (where it went and what to know) or failed. The user's workbook is only read.
 */
export type BaseExportState =
  | { status: 'idle' }
  | { status: 'exporting'; scenarioId: string }
  | { status: 'exported'; scenarioId: string; report: AgreedBaseReport }
  | { status: 'failed'; scenarioId: string; error: unknown };

/** Quiet time after a load before the edit path is warmed up (ms). */
const WARM_UP_AFTER_MS = 1000;

/** Creating the missing input tables: idle, under way, done (what was created) or failed. */
export type TablesAddState =
  | { status: 'idle' }
  | { status: 'adding' }
  | { status: 'added'; report: AddInputTablesReport }
  | { status: 'failed'; error: unknown };

export function usePane(host: WorkbookHost, lang: Lang) {
  const [state, dispatch] = useReducer(paneReducer, initialPaneState);
  const [selectError, setSelectError] = useState<unknown>(null);
  const [loads, setLoads] = useState(0);
  /** True from a write's start until it settles: a second click (or Enter held down) starts nothing. */
  const writing = useRef(false);
  /** True while a scenario is saved and the workbook read again: one save at a time, never during a write. */
  const saving = useRef(false);
  const [scenarioSave, setScenarioSave] = useState<ScenarioSaveState>({ status: 'idle' });
  /** True while a base is exported: one at a time. */
  const exporting = useRef(false);
  const [baseExport, setBaseExport] = useState<BaseExportState>({ status: 'idle' });
  const [tablesAdd, setTablesAdd] = useState<TablesAddState>({ status: 'idle' });

  useEffect(() => {
    let live = true;
    dispatch({ type: 'loadStarted' });
    // The fingerprint first, then the read: a change in between makes the next write read again (never the reverse,
    // where a change would go unseen).
    const load = async () => {
      const fingerprint = (await inputFingerprintOf(host)) ?? null;
      return { fingerprint, parsed: await readModel(host) };
    };
    load().then(
      ({ fingerprint, parsed }) => {
        if (!live) return;
        if (parsed.ok) dispatch({ type: 'loaded', model: parsed.model, warnings: parsed.warnings, fingerprint });
        else dispatch({ type: 'invalid', errors: parsed.errors, warnings: parsed.warnings });
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

  const edit = useCallback((e: PaneEdit) => {
    markEdit();
    dispatch({ type: 'edit', edit: e });
  }, []);

  const selectCustomer = useCallback((customerId: string) => dispatch({ type: 'selectCustomer', customerId }), []);

  /** Reset = read the workbook again (its current values, edits dropped). */
  const reset = useCallback(() => setLoads((n) => n + 1), []);

  /**
   * Writes the results; never rejects (a failure is dispatched as 'writeFailed' and shown in the pane). When the
   * workbook's inputs changed since they were read, it reads them again, re-applies the pane's edits and
   * recomputes first, so the run-info sheet vouches for the inputs really used.
   */
  const writeResults = async (at: PaneState): Promise<void> => {
    if (writing.current || saving.current || !canWrite(at) || !at.model || !at.results || !at.baseModel) return;
    writing.current = true;
    dispatch({ type: 'writeStarted' });
    try {
      let { model, results, edited, warnings } = at;
      const fingerprint = await inputFingerprintOf(host);
      if (fingerprint !== null && fingerprint !== at.inputFingerprint) {
        const parsed = await readModel(host);
        if (!parsed.ok) {
          const failure = paneFailure('inputs_changed_invalid');
          dispatch({
            type: 'invalid',
            errors: parsed.errors,
            warnings: parsed.warnings,
            write: { status: 'failed', error: failure },
          });
          return;
        }
        const rebased = rebaseEdits(parsed.model, at.model, at.edited, at.baseModel);
        const baseResults = computeModel(rebased.baseModel);
        const valid = Object.keys(rebased.issues).length === 0;
        results = valid ? (rebased.edited.length > 0 ? computeModel(rebased.model) : baseResults) : at.results;
        model = rebased.model;
        edited = rebased.edited;
        warnings = parsed.warnings;
        dispatch({ type: 'reloaded', rebased, baseResults, results, fingerprint, warnings: parsed.warnings });
        if (!valid) {
          dispatch({ type: 'writeFailed', error: paneFailure('edits_invalid_after_reload') });
          return;
        }
      }
      const source = await host.describeSource();
      // The result sheets' layouts load with the first write (a chunk of their own), not with the pane.
      const { buildResultsPlan } = await import(/* webpackChunkName: "results" */ '../workbook/results');
      const plan = buildResultsPlan(model, results, {
        lang,
        source,
        runAt: new Date(),
        scenarioNote: scenarioNoteOf(edited, lang, model),
        engineVersion: APP_VERSION,
        inputWarnings: warnings,
      });
      const report = await host.writeResults(plan, {
        onProgress: (written, total) => dispatch({ type: 'writeProgress', written, total }),
        onWaiting: () => dispatch({ type: 'writeWaiting' }),
      });
      dispatch({ type: 'writeDone', report });
    } catch (error) {
      dispatch({ type: 'writeFailed', error }); // shown in the pane's MessageBar, in its language
    } finally {
      writing.current = false;
    }
  };
  // An event handler: fire and forget is safe, writeResults handles its own failures.
  const write = (): void => void writeResults(state);

  /**
   * Saves a scenario into the workbook (only ever on the KAM's explicit action), then reads the workbook again so the
   * scenario comes back from its tables. The pane's edits are re-applied on the fresh model, except `consumed`: the
   * ones the scenario now holds (a scenario created from the edits). Resolves true when saved; never rejects (a
   * failure is shown in the scenarios section).
   */
  const saveScenarioAt = async (
    at: PaneState,
    scenario: Scenario,
    consumed: readonly EditOwner[],
  ): Promise<boolean> => {
    if (saving.current || writing.current || at.phase !== 'ready' || !at.model || !at.baseModel || !at.results)
      return false;
    saving.current = true;
    setScenarioSave({ status: 'saving', scenarioId: scenario.id });
    try {
      const report = await saveScenarioRows(host, scenario, lang);
      const fingerprint = (await inputFingerprintOf(host)) ?? null;
      const parsed = await readModel(host);
      if (!parsed.ok) {
        dispatch({ type: 'invalid', errors: parsed.errors, warnings: parsed.warnings });
      } else {
        const gone = new Set(consumed.map(ownerKey));
        const kept = at.edited.filter((o) => !gone.has(ownerKey(o)));
        const rebased = rebaseEdits(parsed.model, at.model, kept, at.baseModel);
        const baseResults = computeModel(rebased.baseModel);
        const valid = Object.keys(rebased.issues).length === 0;
        const results = valid ? (rebased.edited.length > 0 ? computeModel(rebased.model) : baseResults) : at.results;
        dispatch({ type: 'rebased', rebased, baseResults, results, fingerprint, warnings: parsed.warnings });
      }
      setScenarioSave({
        status: 'saved',
        scenarioId: scenario.id,
        rows: { scenarios: report.scenarios.rowsAdded, changes: report.changes.rowsAdded },
        consumed: consumed.length > 0,
      });
      return true;
    } catch (error) {
      setScenarioSave({ status: 'failed', scenarioId: scenario.id, error });
      return false;
    } finally {
      saving.current = false;
    }
  };
  // An event handler: saveScenarioAt handles its own failures.
  const saveScenario = (scenario: Scenario, consumed: readonly EditOwner[] = []): Promise<boolean> =>
    saveScenarioAt(state, scenario, consumed);
  const dismissScenarioSave = useCallback(() => setScenarioSave({ status: 'idle' }), []);

  /**
   * Exports an agreed scenario, as the pane shows it, as next year's base: the input tables read afresh with its levers
   * written in, handed to the host's exportTables (a new workbook; never the user's). Never rejects: the outcome, or
   * the host's error, is shown by the scenario.
   */
  const exportBase = useCallback(
    async (scenario: Scenario): Promise<void> => {
      if (exporting.current) return;
      exporting.current = true;
      setBaseExport({ status: 'exporting', scenarioId: scenario.id });
      try {
        const report = await exportAgreedBase(host, scenario);
        setBaseExport({ status: 'exported', scenarioId: scenario.id, report });
      } catch (error) {
        setBaseExport({ status: 'failed', scenarioId: scenario.id, error });
      } finally {
        exporting.current = false;
      }
    },
    [host],
  );
  const dismissBaseExport = useCallback(() => setBaseExport({ status: 'idle' }), []);

  // An event handler: a failure to select the cell is shown in the pane (selectError), so nothing is left to await.
  const selectCell = host.selectCell?.bind(host);
  const goToAddress = selectCell
    ? (sheet: string, address: string): void => {
        setSelectError(null);
        selectCell(sheet, address).catch(setSelectError);
      }
    : undefined;
  const goToCell = goToAddress ? (e: ContractError): void => goToAddress(e.sheet, e.address!) : undefined;

  const dismissWrite = useCallback(() => dispatch({ type: 'dismissWrite' }), []);

  /**
   * Creates the input tables the workbook lacks (the template's, in the pane's language) on new sheets, then reads
   * the workbook again. Never rejects: the outcome or the host's error is shown next to the errors.
   */
  const addMissingTables = useCallback(async (): Promise<void> => {
    if (!host.addInputTables) return;
    setTablesAdd({ status: 'adding' });
    try {
      const existing = (await host.listTables()).map((t) => t.name);
      const report = await host.addInputTables(missingTablesRequest(lang, existing));
      setTablesAdd({ status: 'added', report });
      reset();
    } catch (error) {
      setTablesAdd({ status: 'failed', error });
    }
  }, [host, lang, reset]);

  return {
    state,
    edit,
    selectCustomer,
    reset,
    write,
    dismissWrite,
    goToCell,
    goToAddress,
    selectError,
    saveScenario,
    scenarioSave,
    dismissScenarioSave,
    canSaveScenarios: typeof host.saveRows === 'function',
    exportBase,
    baseExport,
    dismissBaseExport,
    canExportBase: typeof host.exportTables === 'function',
    addMissingTables,
    tablesAdd,
    canAddTables: typeof host.addInputTables === 'function',
  };
}
