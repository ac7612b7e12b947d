/**
 * The pane's state as a plain reducer, testable without React: the workbook's model, the KAM's edited copy, the
 * engine's results for it, contract errors, edit issues and the write status. computeModel is pure, so the
 * reducer stays deterministic while recomputing on every valid edit.
 */
import { computeModel, recomputeCustomer } from '../engine';
import type { Model } from '../engine/model';
import type { ModelResults } from '../engine/results';
import type { ContractError } from '../workbook/contract';
import type { WriteReport } from '../workbook/port';
import { applyEdit, paymentDaysIssue, termIssues, type FieldIssues, type TermEdit } from './term-edits';

export type WriteState =
  | { status: 'idle' }
  | { status: 'writing' }
  | { status: 'done'; report: WriteReport }
  /** The error itself is kept so it can be shown in whichever language the pane is in. */
  | { status: 'failed'; error: unknown };

export interface PaneState {
  phase: 'loading' | 'ready' | 'invalid' | 'failed';
  /** The model as read from the workbook (what Reset returns to). */
  baseModel: Model | null;
  /** The model with the pane's edits. */
  model: Model | null;
  /** Engine results of the last valid edited model. */
  results: ModelResults | null;
  customerId: string | null;
  contractErrors: readonly ContractError[];
  /** Non-blocking findings of the contract (the model still computes). */
  warnings: readonly ContractError[];
  loadError: unknown;
  /** Edit issues by owner key (ownerKey); the model is not recomputed while any exist. */
  issues: Readonly<Record<string, FieldIssues>>;
  /** Terms and customers changed in the pane, in the order first edited. */
  edited: readonly EditOwner[];
  /** Increments on every applied edit (drives the edit→paint measure). */
  revision: number;
  write: WriteState;
}

export type PaneAction =
  | { type: 'loadStarted' }
  | { type: 'loaded'; model: Model; warnings?: readonly ContractError[] }
  | { type: 'invalid'; errors: readonly ContractError[] }
  | { type: 'loadFailed'; error: unknown }
  | { type: 'selectCustomer'; customerId: string }
  | { type: 'edit'; edit: TermEdit }
  /** Quiet time after a load: run an edit's computation and re-render once, before the KAM's first edit. */
  | { type: 'warmUp' }
  | { type: 'writeStarted' }
  | { type: 'writeDone'; report: WriteReport }
  | { type: 'writeFailed'; error: unknown }
  | { type: 'dismissWrite' };

/** The engine as the reducer uses it: whole model on load, one customer on an edit of its terms. */
export interface Engine {
  compute(model: Model): ModelResults;
  recomputeCustomer(model: Model, previous: ModelResults, customerIndex: number): ModelResults;
}

const realEngine: Engine = { compute: computeModel, recomputeCustomer };

export const initialPaneState: PaneState = {
  phase: 'loading',
  baseModel: null,
  model: null,
  results: null,
  customerId: null,
  contractErrors: [],
  warnings: [],
  loadError: null,
  issues: {},
  edited: [],
  revision: 0,
  write: { status: 'idle' },
};

/** What an edit changed: a term, or a customer's own fields (payment days). */
export interface EditOwner {
  kind: 'term' | 'customer';
  id: string;
}

/** The key of an owner in `issues` (built, never parsed back: the owner object carries kind and id). */
export function ownerKey(owner: EditOwner): string {
  return `${owner.kind}:${owner.id}`;
}

/** Whether the pane edited this term or customer. */
export function isEdited(edited: readonly EditOwner[], kind: EditOwner['kind'], id: string): boolean {
  return edited.some((o) => o.kind === kind && o.id === id);
}

function ownerOf(edit: TermEdit): EditOwner {
  return edit.kind === 'paymentDays' ? { kind: 'customer', id: edit.customerId } : { kind: 'term', id: edit.termId };
}

function issuesOf(model: Model, owner: EditOwner): FieldIssues {
  const { kind, id } = owner;
  if (kind === 'term') {
    const term = model.terms.find((t) => t.id === id);
    return term ? termIssues(term) : {};
  }
  const customer = model.customers.find((c) => c.id === id);
  const days = customer ? paymentDaysIssue(customer.paymentDays) : undefined;
  return days ? { paymentDays: days } : {};
}

/** Index of the customer an edit belongs to (-1 when the term's customer is unknown). */
function customerIndexOf(model: Model, edit: TermEdit): number {
  const id = edit.kind === 'paymentDays' ? edit.customerId : model.terms.find((t) => t.id === edit.termId)?.customerId;
  return model.customers.findIndex((c) => c.id === id);
}

/**
 * Results after an edit: only the edited customer is recomputed (every customer's money is independent of the
 * others'), on top of the previous valid results; the whole model when there are none to build on.
 */
function resultsAfterEdit(engine: Engine, model: Model, previous: ModelResults | null, edit: TermEdit): ModelResults {
  const c = customerIndexOf(model, edit);
  return previous && c >= 0 ? engine.recomputeCustomer(model, previous, c) : engine.compute(model);
}

/** The reducer, over an injectable engine (tests can count or replace computations). */
export function createPaneReducer(engine: Engine = realEngine) {
  return function paneReducer(state: PaneState, action: PaneAction): PaneState {
    switch (action.type) {
      case 'loadStarted':
        return { ...state, phase: 'loading', loadError: null, write: { status: 'idle' } };
      case 'loaded': {
        const { model } = action;
        // Keep the customer picked before a Reset when it still exists.
        const keep = state.customerId && model.customers.some((c) => c.id === state.customerId);
        return {
          ...initialPaneState,
          phase: 'ready',
          baseModel: model,
          model,
          warnings: action.warnings ?? [],
          results: engine.compute(model),
          customerId: keep ? state.customerId : (model.customers[0]?.id ?? null),
        };
      }
      case 'invalid':
        return { ...initialPaneState, phase: 'invalid', contractErrors: action.errors };
      case 'loadFailed':
        return { ...initialPaneState, phase: 'failed', loadError: action.error };
      case 'selectCustomer':
        return { ...state, customerId: action.customerId };
      case 'edit': {
        if (!state.model) return state;
        const model = applyEdit(state.model, action.edit);
        const owner = ownerOf(action.edit);
        const ownIssues = issuesOf(model, owner);
        const issues = { ...state.issues };
        const key = ownerKey(owner);
        if (Object.keys(ownIssues).length > 0) issues[key] = ownIssues;
        else delete issues[key];
        const valid = Object.keys(issues).length === 0;
        // After invalid edits, state.results lags behind several edits: rebuild it whole, once, when valid again.
        const wasValid = Object.keys(state.issues).length === 0;
        return {
          ...state,
          model,
          issues,
          results: !valid
            ? state.results
            : wasValid
              ? resultsAfterEdit(engine, model, state.results, action.edit)
              : engine.compute(model),
          edited: isEdited(state.edited, owner.kind, owner.id) ? state.edited : [...state.edited, owner],
          revision: state.revision + 1,
          write: { status: 'idle' },
        };
      }
      case 'warmUp': {
        // A first edit is otherwise the first run of recomputeCustomer and of React's update path through the pane:
        // V8 compiles that code lazily and tiers it up in the background, which on 2 cores competes with the edit.
        // Recomputing the selected customer from the unchanged model gives equal numbers in new objects, so the
        // KPIs, waterfall and P&L re-render through the code an edit runs while nothing on screen changes, and
        // nothing is measured (the revision stays). Only before the first edit.
        if (state.phase !== 'ready' || state.revision > 0 || !state.model || !state.results) return state;
        const c = state.model.customers.findIndex((x) => x.id === state.customerId);
        if (c < 0) return state;
        return { ...state, results: engine.recomputeCustomer(state.model, state.results, c) };
      }
      case 'writeStarted':
        return { ...state, write: { status: 'writing' } };
      case 'writeDone':
        return { ...state, write: { status: 'done', report: action.report } };
      case 'writeFailed':
        return { ...state, write: { status: 'failed', error: action.error } };
      case 'dismissWrite':
        return { ...state, write: { status: 'idle' } };
    }
  };
}

export const paneReducer = createPaneReducer();

/** Whether results may be written: a valid workbook, no pending edit issues, not already writing. */
export function canWrite(state: PaneState): boolean {
  return (
    state.phase === 'ready' &&
    state.contractErrors.length === 0 &&
    Object.keys(state.issues).length === 0 &&
    state.results !== null &&
    state.write.status !== 'writing'
  );
}
