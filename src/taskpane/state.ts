/**
 * The pane's state as a plain reducer, testable without React: the workbook's model, the KAM's edited copy, the
 * engine's results for it, contract errors, edit issues and the write status. computeModel is pure, so the
 * reducer stays deterministic while recomputing on every valid edit.
 */
import { computeModel, recomputeCustomer } from '../engine';
import type { Model, PriceChange } from '../engine/model';
import type { ModelResults } from '../engine/results';
import type { ContractError } from '../workbook/contract';
import type { WriteReport } from '../workbook/port';
import { applyEdit, paymentDaysIssue, termIssues, type FieldIssues } from './term-edits';
import { applyLeverEdit, isLeverEdit, priceChangeIssues, promotionIssues, type PaneEdit } from './promo-edits';

/** What a write found when the workbook's inputs had changed since they were read (it re-read them first). */
export interface ReloadNote {
  /** Edits dropped because their term, customer, event or price change is no longer in the workbook. */
  dropped: readonly EditOwner[];
}

export type WriteState =
  | { status: 'idle' }
  /** total is null until the host reports its first batch; waiting: Excel holds the write for a cell edit. */
  | { status: 'writing'; written: number; total: number | null; waiting: boolean; reload?: ReloadNote }
  | { status: 'done'; report: WriteReport; reload?: ReloadNote }
  /** The error itself is kept so it can be shown in whichever language the pane is in. */
  | { status: 'failed'; error: unknown; reload?: ReloadNote };

export interface PaneState {
  phase: 'loading' | 'ready' | 'invalid' | 'failed';
  /** The model as read from the workbook (what Reset returns to). */
  baseModel: Model | null;
  /** The model with the pane's edits. */
  model: Model | null;
  /** Engine results of the last valid edited model. */
  results: ModelResults | null;
  /** Engine results of the workbook's own values (baseModel): what the KPI deltas compare with. */
  baseResults: ModelResults | null;
  /** host.inputFingerprint() taken just before the model was read; null when the host has none. */
  inputFingerprint: string | null;
  customerId: string | null;
  contractErrors: readonly ContractError[];
  /** Non-blocking findings of the contract (the model still computes). */
  warnings: readonly ContractError[];
  loadError: unknown;
  /** Edit issues by owner key (ownerKey); the model is not recomputed while any exist. */
  issues: Readonly<Record<string, FieldIssues>>;
  /** Terms, customers, events and price changes changed in the pane, in the order first edited. */
  edited: readonly EditOwner[];
  /** Increments on every applied edit (drives the edit→paint measure). */
  revision: number;
  write: WriteState;
}

export type PaneAction =
  | { type: 'loadStarted' }
  | { type: 'loaded'; model: Model; warnings?: readonly ContractError[]; fingerprint?: string | null }
  | { type: 'invalid'; errors: readonly ContractError[]; warnings?: readonly ContractError[]; write?: WriteState }
  | { type: 'loadFailed'; error: unknown }
  | { type: 'selectCustomer'; customerId: string }
  | { type: 'edit'; edit: PaneEdit }
  /** Quiet time after a load: run an edit's computation and re-render once, before the KAM's first edit. */
  | { type: 'warmUp' }
  | { type: 'writeStarted' }
  | { type: 'writeProgress'; written: number; total: number }
  | { type: 'writeWaiting' }
  /** A write found the inputs changed: the workbook re-read, the pane's edits re-applied and recomputed. */
  | {
      type: 'reloaded';
      rebased: Rebased;
      baseResults: ModelResults;
      results: ModelResults;
      fingerprint: string | null;
      warnings: readonly ContractError[];
    }
  /**
   * The workbook read again after a scenario was saved into it: its fresh model, with the pane's edits that the
   * scenario did not take re-applied (the write under way, if any, is left as it is).
   */
  | {
      type: 'rebased';
      rebased: Rebased;
      baseResults: ModelResults;
      results: ModelResults;
      fingerprint: string | null;
      warnings: readonly ContractError[];
    }
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
  baseResults: null,
  inputFingerprint: null,
  customerId: null,
  contractErrors: [],
  warnings: [],
  loadError: null,
  issues: {},
  edited: [],
  revision: 0,
  write: { status: 'idle' },
};

/**
 * What an edit changed: a term, a customer's own fields (payment days), a promotional event, or a price change (whose
 * id is its index in Model.priceChanges, as a string: the table's rows have no id).
 */
export interface EditOwner {
  kind: 'term' | 'customer' | 'promotion' | 'price_change';
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

function ownerOf(edit: PaneEdit): EditOwner {
  switch (edit.kind) {
    case 'paymentDays':
      return { kind: 'customer', id: edit.customerId };
    case 'promotion':
    case 'promotionFunding':
    case 'promotionWindow':
      return { kind: 'promotion', id: edit.promotionId };
    case 'priceChangeDate':
    case 'priceChangePct':
    case 'priceChangePrice':
      return { kind: 'price_change', id: String(edit.index) };
    default:
      return { kind: 'term', id: edit.termId };
  }
}

function issuesOf(model: Model, owner: EditOwner): FieldIssues {
  const { kind, id } = owner;
  switch (kind) {
    case 'term': {
      const term = model.terms.find((t) => t.id === id);
      return term ? termIssues(term) : {};
    }
    case 'promotion': {
      const p = model.promotions?.find((x) => x.id === id);
      return p ? promotionIssues(p) : {};
    }
    case 'price_change': {
      const c = model.priceChanges?.[Number(id)];
      return c ? priceChangeIssues(c) : {};
    }
    case 'customer': {
      const customer = model.customers.find((c) => c.id === id);
      const days = customer ? paymentDaysIssue(customer.paymentDays) : undefined;
      return days ? { paymentDays: days } : {};
    }
  }
}

/**
 * What an edit makes stale: one customer (its index; -1 when its customer is unknown), or the whole model. A term,
 * payment days or an event belong to one customer; a price change to its customer, or to every customer when its
 * customerId is '' (each customer's prices, volumes and so every term and KPI move).
 */
export function reachOf(model: Model, edit: PaneEdit): number | 'model' {
  let id: string | undefined;
  switch (edit.kind) {
    case 'paymentDays':
      id = edit.customerId;
      break;
    case 'promotion':
    case 'promotionFunding':
    case 'promotionWindow':
      id = model.promotions?.find((p) => p.id === edit.promotionId)?.customerId;
      break;
    case 'priceChangeDate':
    case 'priceChangePct':
    case 'priceChangePrice': {
      const change = model.priceChanges?.[edit.index];
      if (!change || change.customerId === '') return 'model';
      id = change.customerId;
      break;
    }
    default:
      id = model.terms.find((t) => t.id === edit.termId)?.customerId;
  }
  return model.customers.findIndex((c) => c.id === id);
}

/**
 * Results after an edit: only the edited customer is recomputed (every customer's money is independent of the
 * others'), on top of the previous valid results; the whole model when the edit reaches every customer (a price
 * change for all) or there are no results to build on.
 */
function resultsAfterEdit(engine: Engine, model: Model, previous: ModelResults | null, edit: PaneEdit): ModelResults {
  const reach = reachOf(model, edit);
  if (reach === 'model' || !previous || reach < 0) return engine.compute(model);
  return engine.recomputeCustomer(model, previous, reach);
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
        const results = engine.compute(model);
        return {
          ...initialPaneState,
          phase: 'ready',
          baseModel: model,
          model,
          warnings: action.warnings ?? [],
          results,
          baseResults: results,
          inputFingerprint: action.fingerprint ?? null,
          customerId: keep ? state.customerId : (model.customers[0]?.id ?? null),
        };
      }
      case 'invalid':
        return {
          ...initialPaneState,
          phase: 'invalid',
          contractErrors: action.errors,
          warnings: action.warnings ?? [],
          write: action.write ?? initialPaneState.write,
        };
      case 'loadFailed':
        return { ...initialPaneState, phase: 'failed', loadError: action.error };
      case 'selectCustomer':
        return { ...state, customerId: action.customerId };
      case 'edit': {
        if (!state.model) return state;
        const model = isLeverEdit(action.edit)
          ? applyLeverEdit(state.model, action.edit)
          : applyEdit(state.model, action.edit);
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
          // An edit during a write changes the scenario, not the write under way (its progress stays shown).
          write: state.write.status === 'writing' ? state.write : { status: 'idle' },
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
        return { ...state, write: { status: 'writing', written: 0, total: null, waiting: false } };
      case 'writeProgress':
        if (state.write.status !== 'writing') return state;
        // Progress means Excel is writing again: no longer waiting for a cell edit.
        return { ...state, write: { ...state.write, written: action.written, total: action.total, waiting: false } };
      case 'writeWaiting':
        if (state.write.status !== 'writing') return state;
        return { ...state, write: { ...state.write, waiting: true } };
      case 'reloaded': {
        const { rebased } = action;
        const keep = state.customerId && rebased.model.customers.some((c) => c.id === state.customerId);
        return {
          ...state,
          baseModel: rebased.baseModel,
          model: rebased.model,
          results: action.results,
          baseResults: action.baseResults,
          warnings: action.warnings,
          inputFingerprint: action.fingerprint,
          issues: rebased.issues,
          edited: rebased.edited,
          customerId: keep ? state.customerId : (rebased.model.customers[0]?.id ?? null),
          write:
            state.write.status === 'writing'
              ? { ...state.write, reload: { dropped: rebased.dropped } }
              : { status: 'writing', written: 0, total: null, waiting: false, reload: { dropped: rebased.dropped } },
        };
      }
      case 'rebased': {
        const { rebased } = action;
        const keep = state.customerId && rebased.model.customers.some((c) => c.id === state.customerId);
        return {
          ...state,
          phase: 'ready',
          contractErrors: [],
          loadError: null,
          baseModel: rebased.baseModel,
          model: rebased.model,
          results: action.results,
          baseResults: action.baseResults,
          warnings: action.warnings,
          inputFingerprint: action.fingerprint,
          issues: rebased.issues,
          edited: rebased.edited,
          customerId: keep ? state.customerId : (rebased.model.customers[0]?.id ?? null),
        };
      }
      case 'writeDone':
        return { ...state, write: { status: 'done', report: action.report, reload: reloadOf(state.write) } };
      case 'writeFailed':
        return { ...state, write: { status: 'failed', error: action.error, reload: reloadOf(state.write) } };
      case 'dismissWrite':
        return { ...state, write: { status: 'idle' } };
    }
  };
}

function reloadOf(write: WriteState): ReloadNote | undefined {
  return write.status === 'idle' ? undefined : write.reload;
}

export const paneReducer = createPaneReducer();

/** The workbook's fresh model with the pane's edits re-applied by term, customer and event id (price changes by what they apply to). */
export interface Rebased {
  /** The workbook's model as just read. */
  baseModel: Model;
  /** baseModel with the edits that still apply. */
  model: Model;
  edited: readonly EditOwner[];
  /** Edits whose term, customer, event or price change is no longer in the workbook. */
  dropped: readonly EditOwner[];
  /** Issues of the re-applied edits (a term whose basis changed may refuse its rate now). */
  issues: Readonly<Record<string, FieldIssues>>;
}

/** A price change's identity in a re-read table: who and what it applies to. */
const priceChangeKey = (c: PriceChange) => `${c.customerId}|${c.scope.kind}|${c.scope.values.join('\u0001')}`;

/**
 * Where a price change the pane edited sits in a re-read table: the row with the same customer and scope that still
 * holds the workbook's values the edit started from (`original`), else the only row with that customer and scope;
 * -1 when none (or several) match.
 */
function freshPriceChangeIndex(fresh: readonly PriceChange[], mine: PriceChange, original?: PriceChange): number {
  const key = priceChangeKey(mine);
  const same = fresh.map((c, i) => (priceChangeKey(c) === key ? i : -1)).filter((i) => i >= 0);
  if (original) {
    const exact = same.find(
      (i) =>
        fresh[i].effectiveDate === original.effectiveDate &&
        fresh[i].changePct === original.changePct &&
        fresh[i].newListPrice === original.newListPrice,
    );
    if (exact !== undefined) return exact;
  }
  return same.length === 1 ? same[0] : -1;
}

/**
 * Re-applies the pane's edits to a model read again from the workbook: for each edited term, its rate and tiers
 * (the fields the pane edits) replace the fresh term's, whose other fields are the workbook's current ones; for each
 * edited customer, its payment days; for each edited event (by id), its depth, uplift, funding, maker's share and
 * windows; for each edited price change (matched by customer and scope, see freshPriceChangeIndex), its date and
 * size. Edits whose term, customer, event or price change vanished are dropped and listed. `base` is the model the
 * edits started from (the previous read), to tell apart price changes of the same customer and scope.
 */
export function rebaseEdits(fresh: Model, edited: Model, owners: readonly EditOwner[], base?: Model): Rebased {
  let model = fresh;
  const kept: EditOwner[] = [];
  const dropped: EditOwner[] = [];
  for (const owner of owners) {
    if (owner.kind === 'term') {
      const mine = edited.terms.find((t) => t.id === owner.id);
      const at = fresh.terms.findIndex((t) => t.id === owner.id);
      if (!mine || at < 0) {
        dropped.push(owner);
        continue;
      }
      const terms = model.terms.slice();
      terms[at] = { ...model.terms[at], rate: mine.rate, tiers: mine.tiers };
      model = { ...model, terms };
    } else if (owner.kind === 'customer') {
      const mine = edited.customers.find((c) => c.id === owner.id);
      const at = fresh.customers.findIndex((c) => c.id === owner.id);
      if (!mine || at < 0) {
        dropped.push(owner);
        continue;
      }
      const customers = model.customers.slice();
      customers[at] = { ...model.customers[at], paymentDays: mine.paymentDays };
      model = { ...model, customers };
    } else if (owner.kind === 'promotion') {
      const mine = edited.promotions?.find((p) => p.id === owner.id);
      const list = model.promotions ?? [];
      const at = list.findIndex((p) => p.id === owner.id);
      if (!mine || at < 0) {
        dropped.push(owner);
        continue;
      }
      const promotions = list.slice();
      const { depth, uplift, funding, fundingRate, makerShare, buyWindow, inStoreWindow } = mine;
      promotions[at] = { ...list[at], depth, uplift, funding, fundingRate, makerShare, buyWindow, inStoreWindow };
      model = { ...model, promotions };
    } else {
      const index = Number(owner.id);
      const mine = edited.priceChanges?.[index];
      const list = model.priceChanges ?? [];
      const at = mine ? freshPriceChangeIndex(list, mine, base?.priceChanges?.[index]) : -1;
      if (!mine || at < 0) {
        dropped.push(owner);
        continue;
      }
      const priceChanges = list.slice();
      const { effectiveDate, changePct, newListPrice } = mine;
      priceChanges[at] = { ...list[at], effectiveDate, changePct, newListPrice };
      model = { ...model, priceChanges };
      kept.push({ kind: 'price_change', id: String(at) });
      continue;
    }
    kept.push(owner);
  }
  const issues: Record<string, FieldIssues> = {};
  for (const owner of kept) {
    const found = issuesOf(model, owner);
    if (Object.keys(found).length > 0) issues[ownerKey(owner)] = found;
  }
  return { baseModel: fresh, model, edited: kept, dropped, issues };
}

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
