/**
 * The selected customer's negotiation (issue 9): its scenarios from the workbook (Scenarios and ScenarioChanges
 * tables) with kind and status; up to three of them, the pane's unsaved edits (the draft) among them, side by side
 * with the base for both parties (the maker's contribution and trade spend in MXN and %, the retailer's total margin,
 * the joint value; deltas in MXN and percentage points), finance's guardrails ✔/✘ with the distance to each limit,
 * and the give/get ledger of one of them (standalone with its interaction line, or the sequential variant). Each
 * scenario's status and levers can be changed ("¿Hasta dónde puedo llegar?" on each numeric lever) and saved; the
 * KAM's edits become a new scenario with a name, kind, author and notes. Nothing is written to the workbook but on an
 * explicit "Guardar", through the host's saveRows (the scenario tables only).
 *
 * Speed: a workbook scenario's figures and ledger are computed once per read (cached by object); an edit recomputes
 * only the draft: none at all when the pane's own results are the draft's (every edit of the customer is a lever),
 * one computeScenario of this customer otherwise. The draft's ledger (one recompute per lever) waits until the KAM
 * pauses.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Subtitle2,
  Switch,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  describeChange,
  giveGetLedger,
  idsOf,
  LEVER_KINDS,
  leverKindOf,
  leverLabel,
  leverWalkAway,
  SCENARIO_KINDS,
  SCENARIO_STATUSES,
  withLever,
  type Ledger,
  type LedgerAttribution,
  type LeverRef,
} from '../../engine';
import type { Customer, Lang, Model, Scenario, ScenarioKind, ScenarioStatus } from '../../engine/model';
import type { ModelResults } from '../../engine/results';
import { errorText } from '../errors';
import type { Texts } from '../i18n';
import { whenIdle } from '../idle';
import { draftOf, leverOfChange, scenarioKey, suggestScenarioId, todayIso, type LeftOut } from '../scenario-draft';
import {
  compareRowsOf,
  guardrailOptionsOf,
  guardrailRowsOf,
  ledgerViewOf,
  modelFigures,
  scenarioFigures,
  scenarioLedger,
  type CompareRow,
  type GuardrailRow,
  type LedgerView,
  type ScenarioColumn,
} from '../scenario-views';
import type { EditOwner } from '../state';
import type { BaseExportState, ScenarioSaveState } from '../use-pane';
import { Amount } from './PnlSummary';
import { WalkAwayPanel, type LeverOption, type WalkAwayOutcome } from './WalkAway';

/** The draft's key among the compared columns (a workbook scenario id never starts with a space). */
export const DRAFT_KEY = ' draft';
const BASE_KEY = ' base';
/** Scenarios compared at once beside the base. */
export const MAX_COMPARED = 3;

const KINDS = idsOf(SCENARIO_KINDS);
const STATUSES = idsOf(SCENARIO_STATUSES);

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  wrap: { overflowWrap: 'anywhere' },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: '6px' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  checkbox: { alignItems: 'flex-start' },
  checkboxLabel: { overflowWrap: 'anywhere', fontWeight: tokens.fontWeightSemibold },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  tag: { whiteSpace: 'normal', height: 'auto', minHeight: '20px', textAlign: 'start' },
  detailToggle: { alignSelf: 'flex-start', paddingLeft: 0, minWidth: 0 },
  detail: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  levers: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  // Columns of equal width, labels on a row of their own above the values: four columns fit a 320 px pane.
  table: { width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse' },
  colHead: {
    textAlign: 'end',
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    padding: '2px',
    overflowWrap: 'anywhere',
    verticalAlign: 'bottom',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  rowHead: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    paddingTop: tokens.spacingVerticalXS,
    paddingLeft: '2px',
    overflowWrap: 'anywhere',
  },
  cell: {
    textAlign: 'end',
    verticalAlign: 'top',
    padding: '0 2px 2px',
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: 'tabular-nums',
    overflowWrap: 'anywhere',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  // Amounts keep "$30.9 mdp" together (a no-break space) and break only when a column is narrower than that.
  value: { fontWeight: tokens.fontWeightSemibold },
  delta: { color: tokens.colorNeutralForeground2 },
  good: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  total: { fontWeight: tokens.fontWeightSemibold },
  pending: { opacity: 0.6 },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(132px, 1fr))',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    alignItems: 'start',
  },
  wide: { gridColumn: '1 / -1' },
  input: { minWidth: 0, width: '100%' },
  group: { display: 'flex', flexDirection: 'column', minWidth: 0 },
});

export interface ScenariosSectionProps {
  customer: Customer;
  customerIndex: number;
  /** The workbook's model and results (the base; its scenarios are the workbook's). */
  baseModel: Model;
  baseResults: ModelResults;
  /** The pane's edited model and the results of its last valid computation. */
  model: Model;
  results: ModelResults;
  edited: readonly EditOwner[];
  /** No edit is refused (the edited results are current). */
  editsValid: boolean;
  /** The host can save rows into the workbook. */
  canSave: boolean;
  /** Results are being written: a save waits. */
  writing: boolean;
  saveState: ScenarioSaveState;
  onSave: (scenario: Scenario, consumed: readonly EditOwner[]) => Promise<boolean>;
  onDismissSave: () => void;
  /** The host can export an agreed scenario as next year's base (exportTables: a new workbook). */
  canExport: boolean;
  /** The last base export (shown by its scenario). */
  exportState: BaseExportState;
  onExport: (scenario: Scenario) => void;
  onDismissExport: () => void;
  /** The author typed last (Excel gives the add-in no user name), shared by every customer. */
  author: string;
  onAuthor: (author: string) => void;
  t: Texts;
  lang: Lang;
}

/** How the pane names an edited owner in a list: its id, or "cambio de precio 1". */
function ownerText(o: EditOwner, t: Texts): string {
  return o.kind === 'price_change' ? t.priceChangeOwner(Number(o.id) + 1) : o.id;
}

const leftOutText = (l: LeftOut, t: Texts) => t.scnLeftOut[l.reason](ownerText(l.owner, t));

/**
 * A short amount whose unit may go to the next line ("$25.0" / "mdp") when a column of a 320 px pane is narrower
 * than it: better than breaking inside the unit.
 */
const soft = (text: string) => text.replace(/\u00a0/g, ' ');

export function ScenariosSection(props: ScenariosSectionProps) {
  const { customer, customerIndex, baseModel, baseResults, model, results, edited, editsValid, t, lang } = props;
  const styles = useStyles();
  const ids = { title: useId(), list: useId(), compare: useId(), guard: useId(), ledger: useId(), create: useId() };

  // Scenarios changed in the pane and not saved yet (a status picked, a lever set to its walk-away), by id.
  const [overrides, setOverrides] = useState<Readonly<Record<string, Scenario>>>({});
  // The KAM's pick of columns; null: the default (the draft when there is one, then the workbook's order).
  const [selection, setSelection] = useState<readonly string[] | null>(null);
  const [removed, setRemoved] = useState<readonly string[]>([]);
  const [ledgerKey, setLedgerKey] = useState<string | null>(null);
  const [attribution, setAttribution] = useState<LedgerAttribution>('standalone');

  const own = useMemo(
    () => (baseModel.scenarios ?? []).filter((s) => s.customerId === customer.id),
    [baseModel, customer.id],
  );
  const scenarios = useMemo(() => own.map((s) => overrides[s.id] ?? s), [own, overrides]);
  const draft = useMemo(
    () => draftOf(baseModel, model, edited, customer.id, removed),
    [baseModel, model, edited, customer.id, removed],
  );
  const hasDraft = draft.owners.length > 0 || removed.length > 0;
  // The draft's levers as a scenario (what the comparison and the ledger compute; name and notes do not matter).
  const draftLevers = useMemo<Scenario>(
    () => ({ id: DRAFT_KEY, customerId: customer.id, changes: draft.changes }),
    [customer.id, draft.changes],
  );

  const available = useMemo(
    () => [...(hasDraft ? [DRAFT_KEY] : []), ...scenarios.map((s) => s.id)],
    [hasDraft, scenarios],
  );
  const shown = useMemo(
    () => (selection ?? available).filter((k) => available.includes(k)).slice(0, MAX_COMPARED),
    [selection, available],
  );

  const baseFigures = useMemo(
    () => modelFigures(baseModel, baseResults, customerIndex),
    [baseModel, baseResults, customerIndex],
  );
  // The draft's figures: the pane's own results when they are the draft's, else one recompute of this customer.
  const draftFigures = useMemo(() => {
    if (!hasDraft || !editsValid) return null;
    return draft.exact
      ? modelFigures(model, results, customerIndex)
      : scenarioFigures(baseModel, baseResults, draftLevers);
  }, [hasDraft, editsValid, draft.exact, model, results, customerIndex, baseModel, baseResults, draftLevers]);

  const columns = useMemo((): ScenarioColumn[] => {
    const cols: ScenarioColumn[] = [{ key: BASE_KEY, title: t.scnBase, detail: t.scnBaseDetail, ...baseFigures }];
    for (const key of shown) {
      if (key === DRAFT_KEY) {
        if (draftFigures) cols.push({ key, title: t.scnDraft, detail: t.scnDraftDetail, ...draftFigures });
        continue;
      }
      const s = scenarios.find((x) => x.id === key);
      if (!s) continue;
      const detail = [
        s.name && s.name !== s.id ? s.name : '',
        t.scenarioKinds[s.kind ?? 'proposal'],
        t.scenarioStatuses[s.status ?? 'draft'],
      ]
        .filter(Boolean)
        .join(' · ');
      cols.push({ key, title: s.id, detail: `${s.id} · ${detail}`, ...scenarioFigures(baseModel, baseResults, s) });
    }
    return cols;
  }, [shown, scenarios, baseFigures, draftFigures, baseModel, baseResults, t]);
  const compareRows = useMemo(() => compareRowsOf(columns, t, lang), [columns, t, lang]);
  const guardrailRows = useMemo(() => guardrailRowsOf(columns, t, lang), [columns, t, lang]);

  // The ledger's scenario: the KAM's pick among the compared ones, else the first.
  const ledgerOf = ledgerKey !== null && shown.includes(ledgerKey) ? ledgerKey : (shown[0] ?? null);
  const ledgerScenario =
    ledgerOf === null
      ? null
      : ledgerOf === DRAFT_KEY
        ? draftLevers
        : (scenarios.find((s) => s.id === ledgerOf) ?? null);
  const workbookLedger = useMemo(
    () =>
      ledgerScenario && ledgerOf !== DRAFT_KEY
        ? scenarioLedger(baseModel, baseResults, ledgerScenario, attribution)
        : null,
    [ledgerScenario, ledgerOf, baseModel, baseResults, attribution],
  );
  // The draft's ledger recomputes each lever: only once the KAM pauses, never on every keystroke.
  const [draftLedger, setDraftLedger] = useState<{
    scenario: Scenario;
    attribution: LedgerAttribution;
    ledger: Ledger;
  } | null>(null);
  const wantDraftLedger = ledgerOf === DRAFT_KEY && editsValid && draftLevers.changes.length > 0;
  useEffect(() => {
    if (!wantDraftLedger) return;
    return whenIdle(
      () =>
        setDraftLedger({
          scenario: draftLevers,
          attribution,
          ledger: giveGetLedger(baseModel, baseResults, draftLevers, attribution),
        }),
      { delayMs: 300 },
    );
  }, [wantDraftLedger, draftLevers, attribution, baseModel, baseResults]);
  let ledgerView: LedgerView | null = null;
  let ledgerPending = false;
  if (ledgerOf === DRAFT_KEY) {
    if (draftLedger) ledgerView = ledgerViewOf(baseModel, draftLedger.scenario, draftLedger.ledger, t, lang);
    ledgerPending =
      wantDraftLedger && !(draftLedger?.scenario === draftLevers && draftLedger.attribution === attribution);
  } else if (workbookLedger && ledgerScenario) {
    ledgerView = ledgerViewOf(baseModel, ledgerScenario, workbookLedger, t, lang);
  }

  const guardrailOptions = useMemo(
    () => guardrailOptionsOf(baseModel, customer.id, t, lang),
    [baseModel, customer.id, t, lang],
  );

  const saving = props.saveState.status === 'saving';
  const saveBlocked = !props.canSave ? t.scnSaveUnavailable : props.writing ? t.scnWaitWrite : null;

  const toggleCompared = (key: string, on: boolean) => {
    const now = shown.filter((k) => k !== key);
    setSelection(on ? [...now, key].slice(0, MAX_COMPARED) : now);
  };
  const setOverride = (s: Scenario) => setOverrides((o) => ({ ...o, [s.id]: s }));
  const dropOverride = (id: string) =>
    setOverrides((o) => {
      const next = { ...o };
      delete next[id];
      return next;
    });
  const saveExisting = (s: Scenario) => {
    void props.onSave(s, []).then((ok) => {
      if (ok) dropOverride(s.id);
    });
  };
  const created = (id: string) => {
    setRemoved([]);
    if (selection !== null) setSelection(selection.map((k) => (k === DRAFT_KEY ? id : k)));
    if (ledgerKey === DRAFT_KEY) setLedgerKey(id);
  };

  return (
    <section className={styles.section} aria-labelledby={ids.title} data-testid="scenarios-section">
      <Subtitle2 as="h2" id={ids.title}>
        {t.scnTitle}
      </Subtitle2>
      <Caption1 className={styles.meta}>{t.scnIntro}</Caption1>
      <SaveStatus state={props.saveState} t={t} lang={lang} onClose={props.onDismissSave} />

      <div className={styles.block}>
        <Text as="h3" weight="semibold" size={300} id={ids.list} className={styles.heading}>
          {t.scnListTitle}
        </Text>
        {own.length === 0 ? <Caption1>{t.scnNone}</Caption1> : null}
        <div role="group" aria-labelledby={ids.list} className={styles.group}>
          <Caption1 className={styles.meta}>
            {shown.length >= MAX_COMPARED && available.length > MAX_COMPARED ? t.scnPickFull : t.scnPick}
          </Caption1>
          <ul className={styles.list} data-testid="scenario-list">
            {hasDraft ? (
              <li className={styles.item} data-testid="scenario-draft">
                <Checkbox
                  className={styles.checkbox}
                  label={{ children: t.scnDraftPick, className: styles.checkboxLabel }}
                  checked={shown.includes(DRAFT_KEY)}
                  disabled={!shown.includes(DRAFT_KEY) && shown.length >= MAX_COMPARED}
                  onChange={(_, d) => toggleCompared(DRAFT_KEY, d.checked === true)}
                  data-testid="scenario-draft-compare"
                />
                {!editsValid ? <Caption1 className={styles.meta}>{t.scnDraftInvalid}</Caption1> : null}
                {editsValid && !draft.exact && draft.leftOut.length > 0 ? (
                  <Caption1 className={styles.meta}>{t.scnDraftPartial}</Caption1>
                ) : null}
              </li>
            ) : null}
            {scenarios.map((s) => (
              <ScenarioItem
                key={s.id}
                scenario={s}
                modified={s.id in overrides}
                compared={shown.includes(s.id)}
                full={shown.length >= MAX_COMPARED}
                baseModel={baseModel}
                baseResults={baseResults}
                guardrails={guardrailOptions}
                saveBlocked={saveBlocked}
                saving={saving}
                onCompare={(on) => toggleCompared(s.id, on)}
                onChange={setOverride}
                onDiscard={() => dropOverride(s.id)}
                onSave={() => saveExisting(s)}
                exportBlocked={props.canExport ? null : t.scnExportUnavailable}
                exportState={
                  props.exportState.status !== 'idle' && props.exportState.scenarioId === s.id
                    ? props.exportState
                    : null
                }
                onExport={() => props.onExport(s)}
                onDismissExport={props.onDismissExport}
                t={t}
                lang={lang}
              />
            ))}
          </ul>
        </div>
      </div>

      <div className={styles.block}>
        <Text as="h3" weight="semibold" size={300} id={ids.compare} className={styles.heading}>
          {t.scnCompareTitle}
        </Text>
        {columns.length > 1 ? (
          <CompareTable columns={columns} rows={compareRows} caption={t.scnCompareCaption(customer.name)} t={t} />
        ) : (
          <Caption1>{t.scnCompareNone}</Caption1>
        )}
      </div>

      <div className={styles.block}>
        <Text as="h3" weight="semibold" size={300} id={ids.guard} className={styles.heading}>
          {t.scnGuardrailsTitle}
        </Text>
        {guardrailRows.length === 0 ? (
          <Caption1>{t.scnNoGuardrails}</Caption1>
        ) : (
          <GuardrailTable
            columns={columns}
            rows={guardrailRows}
            caption={t.scnGuardrailsCaption(customer.name)}
            t={t}
          />
        )}
      </div>

      <div className={styles.block}>
        <Text as="h3" weight="semibold" size={300} id={ids.ledger} className={styles.heading}>
          {t.scnLedgerTitle}
        </Text>
        {shown.length === 0 ? (
          <Caption1>{t.scnCompareNone}</Caption1>
        ) : (
          <>
            <div className={styles.form}>
              <Field label={t.scnLedgerScenario}>
                <Select
                  className={styles.input}
                  value={ledgerOf ?? ''}
                  onChange={(_, d) => setLedgerKey(d.value)}
                  data-testid="ledger-scenario"
                >
                  {shown.map((k) => (
                    <option key={k} value={k}>
                      {k === DRAFT_KEY ? t.scnDraft : k}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Switch
              label={t.scnSequential}
              checked={attribution === 'sequential'}
              onChange={(_, d) => setAttribution(d.checked ? 'sequential' : 'standalone')}
              data-testid="ledger-sequential"
            />
            {ledgerPending ? (
              <Caption1 className={styles.meta} data-testid="ledger-pending">
                {t.scnLedgerPending}
              </Caption1>
            ) : null}
            {ledgerView ? (
              <LedgerTable
                view={ledgerView}
                caption={t.scnLedgerCaption(ledgerOf === DRAFT_KEY ? t.scnDraft : (ledgerOf ?? ''))}
                pending={ledgerPending}
                t={t}
              />
            ) : null}
          </>
        )}
      </div>

      <CreateScenario
        customer={customer}
        baseModel={baseModel}
        draftLevers={draftLevers}
        leftOut={draft.leftOut}
        consumed={draft.consumed}
        hasEdits={draft.owners.length > 0}
        removed={removed}
        onRemoved={setRemoved}
        editsValid={editsValid}
        saveBlocked={saveBlocked}
        saving={saving}
        onSave={props.onSave}
        onCreated={created}
        author={props.author}
        onAuthor={props.onAuthor}
        headingId={ids.create}
        t={t}
        lang={lang}
      />
    </section>
  );
}

/** The outcome of the last save: under way, done (with what was written), or why it failed. */
function SaveStatus(props: { state: ScenarioSaveState; t: Texts; lang: Lang; onClose: () => void }) {
  const { state, t, lang, onClose } = props;
  const styles = useStyles();
  if (state.status === 'idle') return null;
  if (state.status === 'saving') return <Spinner size="tiny" label={t.scnSaving(state.scenarioId)} />;
  const close = (
    <MessageBarActions
      containerAction={
        <Button appearance="transparent" size="small" aria-label={t.dismiss} onClick={onClose}>
          ×
        </Button>
      }
    />
  );
  if (state.status === 'saved') {
    return (
      <MessageBar intent="success" layout="multiline" politeness="polite" data-testid="scenario-saved">
        <MessageBarBody className={styles.wrap}>
          <MessageBarTitle>{t.scnSaved(state.scenarioId)}</MessageBarTitle>
          {t.scnSavedDetail}
          {state.consumed ? <div>{t.scnSavedConsumed}</div> : null}
        </MessageBarBody>
        {close}
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="error" layout="multiline" politeness="polite" data-testid="scenario-save-error">
      <MessageBarBody className={styles.wrap}>
        <MessageBarTitle>{t.scnSaveFailed}</MessageBarTitle>
        {errorText(state.error, lang)}
      </MessageBarBody>
      {close}
    </MessageBar>
  );
}

interface ScenarioItemProps {
  scenario: Scenario;
  modified: boolean;
  compared: boolean;
  full: boolean;
  baseModel: Model;
  baseResults: ModelResults;
  guardrails: ReturnType<typeof guardrailOptionsOf>;
  saveBlocked: string | null;
  saving: boolean;
  onCompare: (on: boolean) => void;
  onChange: (s: Scenario) => void;
  onDiscard: () => void;
  onSave: () => void;
  /** Why the base cannot be exported (the host has no exportTables), or null. */
  exportBlocked: string | null;
  /** The last base export when it was this scenario's. */
  exportState: Exclude<BaseExportState, { status: 'idle' }> | null;
  onExport: () => void;
  onDismissExport: () => void;
  t: Texts;
  lang: Lang;
}

/**
 * One scenario of the workbook: pick it for the comparison; its detail sets its status and levers, and saves them; an
 * agreed one can be exported as next year's base (a new workbook).
 */
function ScenarioItem(props: ScenarioItemProps) {
  const { scenario: s, modified, compared, full, baseModel, baseResults, t, lang } = props;
  const styles = useStyles();
  const detailId = useId();
  const [open, setOpen] = useState(false);
  const kind = s.kind ?? 'proposal';
  const status = s.status ?? 'draft';
  const meta = t.scnMeta(s.author ?? '', s.date ?? '');
  const levers = useMemo(
    () =>
      s.changes.flatMap((ch, k): LeverOption[] => {
        const ref = leverOfChange(ch, k);
        if (!ref) return [];
        const unit = LEVER_KINDS[leverKindOf(ref)]?.unit(baseModel, ref, s.customerId);
        return [{ key: String(k), label: leverLabel(s, ref, unit)[lang], ref }];
      }),
    [s, baseModel, lang],
  );
  const run = (ref: LeverRef, g: Parameters<typeof leverWalkAway>[4]): WalkAwayOutcome => {
    const w = leverWalkAway(baseModel, baseResults, s, ref, g);
    return w ? { kind: 'done', walkAway: w } : { kind: 'noLimit' };
  };
  return (
    <li className={styles.item} data-testid={`scenario-${s.id}`}>
      <Checkbox
        className={styles.checkbox}
        label={{
          children: s.name && s.name !== s.id ? `${s.id} · ${s.name}` : s.id,
          className: styles.checkboxLabel,
        }}
        checked={compared}
        disabled={!compared && full}
        onChange={(_, d) => props.onCompare(d.checked === true)}
        data-testid={`scenario-${s.id}-compare`}
      />
      <div className={styles.badges}>
        <Badge appearance="outline" shape="rounded" className={styles.tag} data-testid={`scenario-${s.id}-kind`}>
          {t.scenarioKinds[kind]}
        </Badge>
        <Badge
          appearance="tint"
          color={status === 'agreed' ? 'success' : status === 'rejected' ? 'danger' : 'informative'}
          shape="rounded"
          className={styles.tag}
          data-testid={`scenario-${s.id}-status`}
        >
          {t.scenarioStatuses[status]}
        </Badge>
        {modified ? (
          <Badge appearance="filled" color="warning" shape="rounded" className={styles.tag}>
            {t.scnModified}
          </Badge>
        ) : null}
      </div>
      {meta ? <Caption1 className={styles.meta}>{meta}</Caption1> : null}
      {s.notes ? <Caption1 className={styles.meta}>{s.notes}</Caption1> : null}
      <Button
        appearance="transparent"
        size="small"
        className={styles.detailToggle}
        aria-expanded={open}
        aria-controls={open ? detailId : undefined}
        aria-label={t.scnDetailsAria(s.id)}
        onClick={() => setOpen((o) => !o)}
        data-testid={`scenario-${s.id}-details`}
      >
        {t.scnDetails}
      </Button>
      {open ? (
        <div id={detailId} className={styles.detail}>
          <Field label={t.scnStatus}>
            <Select
              className={styles.input}
              value={status}
              aria-label={`${t.scnStatus} · ${s.id}`}
              onChange={(_, d) => props.onChange({ ...s, status: d.value as ScenarioStatus })}
              data-testid={`scenario-${s.id}-status-select`}
            >
              {STATUSES.map((x) => (
                <option key={x} value={x}>
                  {t.scenarioStatuses[x]}
                </option>
              ))}
            </Select>
          </Field>
          <Text weight="semibold" size={200}>
            {t.scnLevers}
          </Text>
          {s.changes.length === 0 ? (
            <Caption1>{t.scnNoLevers}</Caption1>
          ) : (
            <ol className={styles.levers} data-testid={`scenario-${s.id}-levers`}>
              {s.changes.map((ch, k) => (
                <li key={k}>
                  <Caption1>{describeChange(baseModel, s, ch)[lang]}</Caption1>
                </li>
              ))}
            </ol>
          )}
          {levers.length > 0 ? (
            <WalkAwayPanel
              levers={levers}
              guardrails={props.guardrails}
              run={run}
              apply={(ref, value) => props.onChange(withLever(s, ref, value))}
              subject={s}
              context={s.id}
              t={t}
              lang={lang}
              testId={`scenario-${s.id}-walkaway`}
            />
          ) : null}
          {modified ? (
            <div className={styles.actions}>
              <Button
                appearance="primary"
                size="small"
                disabledFocusable={props.saving || props.saveBlocked !== null}
                onClick={props.onSave}
                data-testid={`scenario-${s.id}-save`}
              >
                {t.scnSave}
              </Button>
              <Button size="small" onClick={props.onDiscard} data-testid={`scenario-${s.id}-discard`}>
                {t.scnDiscard}
              </Button>
            </div>
          ) : null}
          <Caption1 className={styles.meta}>{props.saveBlocked ?? t.scnSaveWhere}</Caption1>
        </div>
      ) : null}
      {status === 'agreed' ? (
        <ExportBase
          scenarioId={s.id}
          modified={modified}
          blocked={props.exportBlocked}
          state={props.exportState}
          onExport={props.onExport}
          onDismiss={props.onDismissExport}
          t={t}
          lang={lang}
        />
      ) : null}
    </li>
  );
}

/**
 * «Exportar como nueva base» of an agreed scenario: its levers written into the input tables of a NEW workbook (Excel
 * opens it, or the demo downloads it); this workbook is only read. Then where it went and what to roll forward, or
 * why it failed. Disabled, with the reason, when the host cannot export.
 */
function ExportBase(props: {
  scenarioId: string;
  modified: boolean;
  blocked: string | null;
  state: Exclude<BaseExportState, { status: 'idle' }> | null;
  onExport: () => void;
  onDismiss: () => void;
  t: Texts;
  lang: Lang;
}) {
  const { scenarioId: id, state, t, lang } = props;
  const styles = useStyles();
  const hintId = useId();
  const busy = state?.status === 'exporting';
  const close = (
    <MessageBarActions
      containerAction={
        <Button appearance="transparent" size="small" aria-label={t.dismiss} onClick={props.onDismiss}>
          ×
        </Button>
      }
    />
  );
  return (
    <div className={styles.detail} data-testid={`scenario-${id}-export-block`}>
      <div className={styles.actions}>
        <Button
          size="small"
          disabledFocusable={busy || props.blocked !== null}
          aria-label={`${t.scnExport} · ${id}`}
          aria-describedby={hintId}
          onClick={props.onExport}
          data-testid={`scenario-${id}-export`}
        >
          {t.scnExport}
        </Button>
        {busy ? <Spinner size="tiny" label={t.scnExporting(id)} /> : null}
      </div>
      <Caption1 id={hintId} className={styles.meta} data-testid={`scenario-${id}-export-hint`}>
        {props.blocked ?? (props.modified ? t.scnExportUnsaved : t.scnExportWhere)}
      </Caption1>
      {state?.status === 'exported' ? (
        <MessageBar intent="success" layout="multiline" politeness="polite" data-testid={`scenario-${id}-exported`}>
          <MessageBarBody className={styles.wrap}>
            <MessageBarTitle>{t.scnExported(id)}</MessageBarTitle>
            {t.scnExportDelivery[state.report.delivery](state.report.target, id)}
            {state.report.notes.length > 0 ? (
              <ul className={styles.levers} data-testid={`scenario-${id}-export-notes`}>
                {state.report.notes.map((n, k) => (
                  <li key={k}>{n[lang]}</li>
                ))}
              </ul>
            ) : null}
          </MessageBarBody>
          {close}
        </MessageBar>
      ) : null}
      {state?.status === 'failed' ? (
        <MessageBar intent="error" layout="multiline" politeness="polite" data-testid={`scenario-${id}-export-error`}>
          <MessageBarBody className={styles.wrap}>
            <MessageBarTitle>{t.scnExportFailed}</MessageBarTitle>
            {errorText(state.error, lang)}
          </MessageBarBody>
          {close}
        </MessageBar>
      ) : null}
    </div>
  );
}

/** The column headings of a comparison: each scenario's id, its name, kind and status for screen readers. */
function ColumnHeads({ columns, idBase }: { columns: readonly ScenarioColumn[]; idBase: string }) {
  const styles = useStyles();
  return (
    <thead>
      <tr>
        {columns.map((c, k) => (
          <th key={c.key} id={`${idBase}-c${k}`} scope="col" className={styles.colHead} title={c.detail}>
            <span aria-hidden="true">{c.title}</span>
            <span className={styles.srOnly}>{c.detail}</span>
          </th>
        ))}
      </tr>
    </thead>
  );
}

function CompareTable(props: {
  columns: readonly ScenarioColumn[];
  rows: readonly CompareRow[];
  caption: string;
  t: Texts;
}) {
  const { columns, rows, caption } = props;
  const styles = useStyles();
  const idBase = useId();
  return (
    <table className={styles.table} aria-label={caption} data-testid="scenario-compare">
      <ColumnHeads columns={columns} idBase={idBase} />
      {rows.map((r) => (
        <tbody key={r.id} data-testid={`cmp-${r.id}`}>
          <tr>
            <th
              id={`${idBase}-${r.id}`}
              scope="rowgroup"
              colSpan={columns.length}
              className={styles.rowHead}
              title={r.hint}
            >
              {r.label}
            </th>
          </tr>
          <tr>
            {r.cells.map((cell, k) => (
              <td
                key={columns[k].key}
                headers={`${idBase}-${r.id} ${idBase}-c${k}`}
                className={styles.cell}
                data-testid={`cmp-${r.id}-${k}`}
                data-value={cell.raw === null ? '' : String(cell.raw)}
                data-delta={cell.deltaRaw === null ? '' : String(cell.deltaRaw)}
              >
                <div className={styles.value}>
                  <Amount short={soft(cell.value)} exact={cell.exact} />
                </div>
                {cell.delta !== null ? (
                  <div
                    className={mergeClasses(
                      styles.delta,
                      cell.direction > 0 ? styles.good : cell.direction < 0 ? styles.bad : undefined,
                    )}
                    data-testid={`cmp-${r.id}-${k}-delta`}
                  >
                    <Amount short={soft(cell.delta)} exact={cell.deltaExact ?? cell.delta} />
                  </div>
                ) : null}
              </td>
            ))}
          </tr>
        </tbody>
      ))}
    </table>
  );
}

function GuardrailTable(props: {
  columns: readonly ScenarioColumn[];
  rows: readonly GuardrailRow[];
  caption: string;
  t: Texts;
}) {
  const { columns, rows, caption, t } = props;
  const styles = useStyles();
  const idBase = useId();
  return (
    <table className={styles.table} aria-label={caption} data-testid="scenario-guardrails">
      <ColumnHeads columns={columns} idBase={idBase} />
      {rows.map((r) => (
        <tbody key={r.id} data-testid={`guard-${r.id}`}>
          <tr>
            <th id={`${idBase}-${r.id}`} scope="rowgroup" colSpan={columns.length} className={styles.rowHead}>
              {r.label}
            </th>
          </tr>
          <tr>
            {r.cells.map((cell, k) => (
              <td
                key={columns[k].key}
                headers={`${idBase}-${r.id} ${idBase}-c${k}`}
                className={mergeClasses(styles.cell, cell ? (cell.pass ? styles.good : styles.bad) : undefined)}
                title={cell?.full}
                data-testid={`guard-${r.id}-${k}`}
                data-pass={cell ? String(cell.pass) : ''}
                data-distance={cell?.distanceRaw === null || !cell ? '' : String(cell.distanceRaw)}
              >
                {cell ? (
                  <>
                    <span aria-hidden="true">{`${cell.pass ? '✔' : '✘'}\u00a0${soft(cell.distance)}`}</span>
                    <span className={styles.srOnly}>{cell.full}</span>
                  </>
                ) : (
                  t.scnNoValue
                )}
              </td>
            ))}
          </tr>
        </tbody>
      ))}
    </table>
  );
}

function LedgerTable(props: { view: LedgerView; caption: string; pending: boolean; t: Texts }) {
  const { view, caption, pending, t } = props;
  const styles = useStyles();
  const idBase = useId();
  const line = (l: LedgerView['lines'][number], k: number, total = false) => (
    <tbody key={l.key} data-testid={total ? 'ledger-total' : `ledger-line-${k}`}>
      <tr>
        <th
          id={`${idBase}-l${k}`}
          scope="rowgroup"
          colSpan={2}
          className={mergeClasses(styles.rowHead, total ? styles.total : undefined)}
        >
          {l.label}
        </th>
      </tr>
      <tr className={total ? styles.total : undefined}>
        {(['maker', 'retailer'] as const).map((side) => (
          <td
            key={side}
            headers={`${idBase}-l${k} ${idBase}-${side}`}
            className={styles.cell}
            data-testid={`${total ? 'ledger-total' : `ledger-line-${k}`}-${side}`}
            data-value={String(l[side].raw)}
          >
            <Amount short={soft(l[side].value)} exact={l[side].exact} />
          </td>
        ))}
      </tr>
    </tbody>
  );
  return (
    <>
      <Caption1 className={styles.meta}>{t.scnLedgerSigns}</Caption1>
      <table
        className={mergeClasses(styles.table, pending ? styles.pending : undefined)}
        aria-label={caption}
        aria-busy={pending}
        data-testid="ledger"
      >
        <thead>
          <tr>
            <th id={`${idBase}-maker`} scope="col" className={styles.colHead}>
              {t.scnLedgerMaker}
            </th>
            <th id={`${idBase}-retailer`} scope="col" className={styles.colHead}>
              {t.scnLedgerRetailer}
            </th>
          </tr>
        </thead>
        {view.lines.map((l, k) => line(l, k))}
        {line(view.total, view.lines.length, true)}
      </table>
      <Caption1 className={styles.meta} data-testid="ledger-method">
        {t.scnLedgerMethod(view.method)}
      </Caption1>
    </>
  );
}

interface CreateScenarioProps {
  customer: Customer;
  /** The workbook's model: its scenarios' ids are taken. */
  baseModel: Model;
  draftLevers: Scenario;
  leftOut: readonly LeftOut[];
  consumed: readonly EditOwner[];
  hasEdits: boolean;
  removed: readonly string[];
  onRemoved: (ids: readonly string[]) => void;
  editsValid: boolean;
  saveBlocked: string | null;
  saving: boolean;
  onSave: (scenario: Scenario, consumed: readonly EditOwner[]) => Promise<boolean>;
  onCreated: (id: string) => void;
  author: string;
  onAuthor: (author: string) => void;
  headingId: string;
  t: Texts;
  lang: Lang;
}

/** The KAM's edits as a new scenario: its levers in words, what stays a pane edit, its name, kind, author, notes. */
function CreateScenario(props: CreateScenarioProps) {
  const { customer, baseModel, draftLevers, leftOut, removed, t, lang } = props;
  const styles = useStyles();
  const [kind, setKind] = useState<ScenarioKind>('proposal');
  const [typedId, setTypedId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const all = baseModel.scenarios ?? [];
  const suggested = suggestScenarioId(all, customer.id, kind);
  const id = typedId ?? suggested;
  const taken = all.some((s) => scenarioKey(s.id) === scenarioKey(id));
  const idIssue = id.trim() === '' ? t.scnIdRequired : taken ? t.scnIdTaken(id.trim()) : undefined;
  const terms = useMemo(() => baseModel.terms.filter((x) => x.customerId === customer.id), [baseModel, customer.id]);
  const changes = draftLevers.changes;
  const blocked = !props.editsValid
    ? t.scnFixEdits
    : changes.length === 0 && (props.hasEdits || removed.length > 0)
      ? t.scnNoChanges
      : props.saveBlocked;
  const canCreate = changes.length > 0 && !idIssue && blocked === null && !props.saving;

  const save = () => {
    if (!canCreate) return;
    const scenario: Scenario = {
      id: id.trim(),
      customerId: customer.id,
      changes,
      name: name.trim() || id.trim(),
      kind,
      status: 'draft',
      author: props.author.trim(),
      date: todayIso(),
      notes: notes.trim(),
    };
    void props.onSave(scenario, props.consumed).then((ok) => {
      if (!ok) return;
      setTypedId(null);
      setName('');
      setNotes('');
      props.onCreated(scenario.id);
    });
  };

  return (
    <div className={styles.block} data-testid="scenario-create">
      <Text as="h3" weight="semibold" size={300} id={props.headingId} className={styles.heading}>
        {t.scnCreateTitle}
      </Text>
      {!props.hasEdits && removed.length === 0 ? <Caption1>{t.scnCreateEmpty}</Caption1> : null}
      {changes.length > 0 ? (
        <div className={styles.group}>
          <Text weight="semibold" size={200}>
            {t.scnChanges}
          </Text>
          <ol className={styles.levers} data-testid="scenario-create-changes">
            {changes.map((ch, k) => (
              <li key={k}>
                <Caption1>{describeChange(baseModel, draftLevers, ch)[lang]}</Caption1>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {leftOut.length > 0 ? (
        <div className={styles.group} data-testid="scenario-create-left-out">
          <Caption1>{t.scnLeftOutTitle}</Caption1>
          <ul className={styles.levers}>
            {leftOut.map((l, k) => (
              <li key={k}>
                <Caption1>{leftOutText(l, t)}</Caption1>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {terms.length > 0 ? (
        <div role="group" aria-label={t.scnRemoveTerms} className={styles.group}>
          <Caption1 aria-hidden="true">{t.scnRemoveTerms}</Caption1>
          {terms.map((term) => (
            <Checkbox
              key={term.id}
              label={`${t.termKinds[term.kind]} · ${term.id}`}
              checked={removed.includes(term.id)}
              onChange={(_, d) =>
                props.onRemoved(d.checked ? [...removed, term.id] : removed.filter((x) => x !== term.id))
              }
              data-testid={`scenario-remove-${term.id}`}
            />
          ))}
        </div>
      ) : null}
      <div className={styles.form}>
        <Field label={t.scnId} validationState={idIssue ? 'error' : 'none'} validationMessage={idIssue}>
          <Input
            className={styles.input}
            value={id}
            onChange={(_, d) => setTypedId(d.value)}
            data-testid="scenario-new-id"
          />
        </Field>
        <Field label={t.scnKind}>
          <Select
            className={styles.input}
            value={kind}
            onChange={(_, d) => setKind(d.value as ScenarioKind)}
            data-testid="scenario-new-kind"
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t.scenarioKinds[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.scnName} className={styles.wide}>
          <Input
            className={styles.input}
            value={name}
            placeholder={id}
            onChange={(_, d) => setName(d.value)}
            data-testid="scenario-new-name"
          />
        </Field>
        <Field label={t.scnAuthor} hint={t.scnAuthorHint} className={styles.wide}>
          <Input
            className={styles.input}
            value={props.author}
            onChange={(_, d) => props.onAuthor(d.value)}
            data-testid="scenario-new-author"
          />
        </Field>
        <Field label={t.scnNotes} className={styles.wide}>
          <Textarea
            className={styles.input}
            value={notes}
            resize="vertical"
            onChange={(_, d) => setNotes(d.value)}
            data-testid="scenario-new-notes"
          />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" disabledFocusable={!canCreate} onClick={save} data-testid="scenario-create-save">
          {t.scnSaveNew}
        </Button>
      </div>
      <Caption1 className={styles.meta} data-testid="scenario-create-hint">
        {blocked ?? t.scnSaveWhere}
      </Caption1>
    </div>
  );
}
