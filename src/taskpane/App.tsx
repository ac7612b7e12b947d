/**
 * The pane: customer picker, KPI strip, findings, waterfall, P&L, terms editor, promotions and price changes,
 * write/reset, and contract errors.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import {
  Button,
  Caption1,
  Divider,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Spinner,
  Subtitle2,
  Text,
  Title3,
  makeStyles,
  tokens,
  useAnnounce,
} from '@fluentui/react-components';
import { leverWalkAway, type GuardrailId, type LeverRef } from '../engine';
import type { Lang } from '../engine/model';
import { HostError, type WorkbookHost } from '../workbook/port';
import { MissingTables } from './components/MissingTables';
import { MappingSection } from './components/MappingSection';
import { ContractErrorList } from './components/ContractErrorList';
import { CustomerFindings } from './components/CustomerFindings';
import { KpiStrip, type Kpi } from './components/KpiStrip';
import { PnlSummary } from './components/PnlSummary';
import { PriceChangesEditor, PromotionsEditor } from './components/PromotionsEditor';
import { ScenariosSection } from './components/ScenariosSection';
import { LeverToolsContext, type LeverTools, type WalkAwayOutcome } from './components/WalkAway';
import { TermsEditor, termCardId } from './components/TermsEditor';
import { WaterfallChart } from './components/WaterfallChart';
import { errorCode, errorText, sheetsTouchedOf } from './errors';
import { formatters } from './format';
import { texts, type Texts } from './i18n';
import { priceChangesOf, rankPromotions, volumeResponseOf } from './lever-views';
import { canWrite, isEdited, ownerKey, type EditOwner, type PaneState, type ReloadNote } from './state';
import { walkAwayEdits } from './scenario-draft';
import { guardrailOptionsOf } from './scenario-views';
import { usePane } from './use-pane';
import { useMapping } from './use-mapping';
import { customerFindingsOf, financingTextOf, kpisOf, pnlRowsOf, waterfallStepsOf } from './views';
import type { TermResult } from '../engine/results';
import type { PromotionResult } from '../engine';

/** A customer with more terms than this sees their cards closed (edited ones and ones a finding leads to open). */
export const FEW_TERMS = 3;

/** Quiet time after the last edit before the recomputed KPIs are announced to screen readers (ms). */
const ANNOUNCE_KPIS_AFTER_MS = 700;

const useStyles = makeStyles({
  app: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px', minWidth: 0 },
  // A native select is as wide as its longest option ("Walmart de México (WMX) · Autoservicio"): let it shrink to
  // the pane (320 px) and clip the text instead of widening the page.
  picker: { minWidth: 0, maxWidth: '100%' },
  pickerSelect: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  // The KPIs stay at the top of the pane while the KAM scrolls down to a term and edits it. They come after the
  // findings (a finding is not a number: the KAM reads it first) and stick once those scroll away.
  kpiStrip: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  kpiHeading: { margin: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  // Narrower padding than Fluent's 12 px: Write and Reset side by side in a 320 px pane (one row less at the bottom).
  actionButton: { paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS },
  // Write/Reset stay reachable at the bottom of the pane while the KAM scrolls through a customer's terms.
  actionBar: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  wrap: { overflowWrap: 'anywhere' },
});

/**
 * Keeps what the browser scrolls into view (a focused input, a card a finding leads to) clear of the sticky KPI strip
 * at the top and the Write/Reset bar at the bottom: the document's scroll padding follows their heights.
 */
function useStickyScrollPadding(
  top: RefObject<HTMLElement | null>,
  bottom: RefObject<HTMLElement | null>,
  active: boolean,
) {
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const update = () => {
      root.style.scrollPaddingTop = top.current ? `${top.current.offsetHeight + 8}px` : '';
      root.style.scrollPaddingBottom = bottom.current ? `${bottom.current.offsetHeight + 8}px` : '';
    };
    const observer = new ResizeObserver(update);
    if (top.current) observer.observe(top.current);
    if (bottom.current) observer.observe(bottom.current);
    update();
    return () => {
      observer.disconnect();
      root.style.scrollPaddingTop = '';
      root.style.scrollPaddingBottom = '';
    };
  }, [top, bottom, active]);
}

/** What screen readers hear once the KAM pauses after an edit: the KPIs that moved against the workbook. */
function kpiAnnouncement(kpis: readonly Kpi[], t: Texts): string {
  const moved = kpis.filter((k) => k.direction !== 0);
  if (moved.length === 0) return t.kpisUnchanged;
  return t.kpisRecomputed(moved.map((k) => t.kpiSpoken(k.label, k.exact, k.deltaExact)).join('; '));
}

/** How the pane names an edited owner in a message: its id, or "cambio de precio 1" (price changes have none). */
function ownerLabel(owner: EditOwner, t: Texts): string {
  return owner.kind === 'price_change' ? t.priceChangeOwner(Number(owner.id) + 1) : owner.id;
}

/** The edits a write re-applied after the inputs changed, and those it dropped: under the write's message. */
function ReloadLines({ reload, t }: { reload: ReloadNote | undefined; t: Texts }) {
  if (!reload) return null;
  return (
    <>
      <div data-testid="write-reloaded">{t.inputsChanged}</div>
      {reload.dropped.length > 0 ? (
        <div data-testid="write-dropped">{t.editsDropped(reload.dropped.map((o) => ownerLabel(o, t)).join(', '))}</div>
      ) : null}
    </>
  );
}

export function App({ host, lang }: { host: WorkbookHost; lang: Lang }) {
  const styles = useStyles();
  const t = texts(lang);
  const f = formatters(lang);
  const { announce } = useAnnounce();
  const {
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
    canSaveScenarios,
    exportBase,
    baseExport,
    dismissBaseExport,
    canExportBase,
    addMissingTables,
    tablesAdd,
    canAddTables,
  } = usePane(host, lang);
  const mapping = useMapping(host, lang, reset);
  const ids = {
    kpi: useId(),
    waterfall: useId(),
    pnl: useId(),
    terms: useId(),
    promotions: useId(),
    prices: useId(),
    writeHint: useId(),
  };
  const strip = useRef<HTMLElement>(null);
  const bar = useRef<HTMLElement>(null);
  const writeButton = useRef<HTMLButtonElement>(null);
  // Cards the KAM opened or closed by hand; the others follow the defaults (see openTerms).
  const [termChoices, setTermChoices] = useState<Readonly<Record<string, boolean>>>({});
  // The author of the scenarios the KAM saves: Excel gives an add-in no user name, so it is typed once per session.
  const [author, setAuthor] = useState('');

  const model = state.model;
  const customer = model?.customers.find((c) => c.id === state.customerId) ?? null;
  const customerIndex = model && customer ? model.customers.indexOf(customer) : -1;
  const customerResult = customerIndex >= 0 ? state.results?.customers[customerIndex] : undefined;
  // The workbook's own figures for the same customer (by id: a re-read workbook may order customers otherwise).
  const baseIndex = state.baseModel?.customers.findIndex((c) => c.id === state.customerId) ?? -1;
  const baseResult = baseIndex >= 0 ? state.baseResults?.customers[baseIndex] : undefined;
  const placement = model?.settings.costToServePlacement ?? 'below_waterfall';
  const hasIssues = Object.keys(state.issues).length > 0;
  const writable = canWrite(state);
  const writing = state.write.status === 'writing';
  const showCustomer = state.phase === 'ready' && customer !== null && customerResult !== undefined;
  useStickyScrollPadding(strip, bar, showCustomer);

  const termResults = useMemo(
    () => new Map<string, TermResult>((state.results?.terms ?? []).map((r) => [r.termId, r])),
    [state.results],
  );
  const promotionResults = useMemo(
    () => new Map<string, PromotionResult>((state.results?.promotions ?? []).map((r) => [r.promotionId, r])),
    [state.results],
  );
  // The workbook's own event results: the ranking follows them, so a card does not move while the KAM types in it.
  const basePromotionResults = useMemo(
    () => new Map<string, PromotionResult>((state.baseResults?.promotions ?? []).map((r) => [r.promotionId, r])),
    [state.baseResults],
  );
  const roiVariant = model?.settings.roiVariant ?? 'gross_roi';
  const customerPromotions = useMemo(
    () =>
      model && customer
        ? rankPromotions(
            (model.promotions ?? []).filter((p) => p.customerId === customer.id),
            basePromotionResults,
            roiVariant,
          )
        : [],
    [model, customer, basePromotionResults, roiVariant],
  );
  const customerPriceChanges = useMemo(
    () =>
      model && customer
        ? priceChangesOf(model, customer.id).map((x) => ({
            ...x,
            volumeResponse: volumeResponseOf(model, customer.id, x.change, t, lang),
          }))
        : [],
    [model, customer, t, lang],
  );
  const findings = useMemo(
    () => (model && state.results && customer ? customerFindingsOf(state.results, model, customer.id) : []),
    [model, state.results, customer],
  );
  // Findings per customer, so the picker tells which other customers need a look.
  const findingCounts = useMemo(() => {
    const counts = new Map<string, number>();
    if (model && state.results)
      for (const c of model.customers) counts.set(c.id, customerFindingsOf(state.results, model, c.id).length);
    return counts;
  }, [model, state.results]);
  const kpis = useMemo(
    () => (customerResult ? kpisOf(customerResult.totals, placement, lang, baseResult?.totals) : []),
    [customerResult, baseResult, placement, lang],
  );
  const customerTerms = useMemo(
    () => (model && customer ? model.terms.filter((term) => term.customerId === customer.id) : []),
    [model, customer],
  );
  const openTerms = useMemo(() => {
    const few = customerTerms.length <= FEW_TERMS;
    return customerTerms
      .filter(
        (term) =>
          termChoices[term.id] ??
          (few || isEdited(state.edited, 'term', term.id) || ownerKey({ kind: 'term', id: term.id }) in state.issues),
      )
      .map((term) => term.id);
  }, [customerTerms, termChoices, state.edited, state.issues]);

  // The walk-away of an editor's field: searched on the pane's edited model when the KAM asks (never per keystroke).
  // The tools stay the same object while the KAM edits (they read the state at call time), so memoised cards do
  // not re-render for them.
  const latest = useRef({ state, edit });
  useLayoutEffect(() => {
    latest.current = { state, edit };
  });
  const runWalkAway = useCallback((ref: LeverRef, guardrail: GuardrailId): WalkAwayOutcome => {
    const s = latest.current.state;
    if (!s.model || !s.results || !s.customerId || Object.keys(s.issues).length > 0) return { kind: 'invalidEdits' };
    const w = leverWalkAway(s.model, s.results, { id: '', customerId: s.customerId, changes: [] }, ref, guardrail);
    return w ? { kind: 'done', walkAway: w } : { kind: 'noLimit' };
  }, []);
  const applyWalkAway = useCallback((ref: LeverRef, value: number) => {
    const { state: s, edit: dispatchEdit } = latest.current;
    if (!s.model) return;
    for (const e of walkAwayEdits(s.model, ref, value)) dispatchEdit(e);
  }, []);
  const guardrailOptions = useMemo(
    () => (state.baseModel && state.customerId ? guardrailOptionsOf(state.baseModel, state.customerId, t, lang) : []),
    [state.baseModel, state.customerId, t, lang],
  );
  const leverTools = useMemo<LeverTools>(
    () => ({ guardrails: guardrailOptions, run: runWalkAway, apply: applyWalkAway }),
    [guardrailOptions, runWalkAway, applyWalkAway],
  );

  // After an edit, once the KAM pauses, screen readers hear the KPIs that moved (politely, never mid-typing).
  const kpiMessage = state.revision > 0 && kpis.length > 0 ? kpiAnnouncement(kpis, t) : '';
  useEffect(() => {
    if (!kpiMessage) return;
    const timer = setTimeout(() => announce(kpiMessage, { polite: true, batchId: 'kpis' }), ANNOUNCE_KPIS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [kpiMessage, state.revision, announce]);

  const writeHint =
    state.phase === 'invalid'
      ? t.writeBlocked
      : hasIssues
        ? t.writeBlockedByEdits
        : state.phase === 'ready' && state.edited.length > 0
          ? t.writeScenario
          : null;

  const startWrite = () => {
    if (!writable) return;
    announce(t.writeStartedAnnounce, { polite: true });
    write();
  };
  // A closed message gives focus back to the button that produced it, never to the page body.
  const closeWriteMessage = () => {
    dismissWrite();
    writeButton.current?.focus();
  };
  const toggleTerm = (termId: string, open: boolean) => setTermChoices((c) => ({ ...c, [termId]: open }));
  /** A finding's link: opens the term's card, brings it into view and puts focus on its heading button. */
  const showTermCard = (termId: string) => {
    flushSync(() => setTermChoices((c) => ({ ...c, [termId]: true })));
    const card = document.getElementById(termCardId(termId));
    if (!card) return;
    card.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    const heading = card.querySelector<HTMLElement>('button[aria-expanded]');
    (heading ?? card).focus({ preventScroll: true });
  };

  return (
    <div className={styles.app} data-testid="app" data-phase={state.phase}>
      <Title3 as="h1">{t.appTitle}</Title3>

      {state.phase === 'loading' ? <Spinner label={t.loading} /> : null}

      {state.phase === 'failed' ? (
        <MessageBar intent="error" layout="multiline" politeness="polite" data-testid="load-error">
          <MessageBarBody>
            <MessageBarTitle>{t.loadFailed}</MessageBarTitle>
            {errorText(state.loadError, lang)}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <MissingTables
        offer={
          canAddTables && state.phase === 'invalid' && state.contractErrors.some((e) => e.code === 'missing_table')
        }
        state={tablesAdd}
        onAdd={() => void addMissingTables()}
        lang={lang}
        t={t}
      />

      {state.phase === 'invalid' ? (
        <>
          <ContractErrorList errors={state.contractErrors} lang={lang} t={t} onGoToCell={goToCell} />
          {state.warnings.length > 0 ? (
            <ContractErrorList errors={state.warnings} severity="warning" lang={lang} t={t} onGoToCell={goToCell} />
          ) : null}
        </>
      ) : null}

      {selectError ? (
        <MessageBar intent="error" politeness="polite" data-testid="select-error">
          <MessageBarBody>
            <MessageBarTitle>{t.selectFailed}</MessageBarTitle>
            {errorText(selectError, lang)}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {state.phase === 'ready' && model ? (
        model.customers.length === 0 ? (
          <Caption1>{t.noCustomers}</Caption1>
        ) : (
          <Field label={t.customer}>
            <Select
              className={styles.picker}
              select={{ className: styles.pickerSelect }}
              value={state.customerId ?? ''}
              onChange={(_, d) => selectCustomer(d.value)}
              data-testid="customer-picker"
            >
              {model.customers.map((c) => (
                <option key={c.id} value={c.id}>
                  {`${c.name} (${c.id}) · ${t.channels[c.channel]}`}
                  {findingCounts.get(c.id) ? ` · ${t.findingCount(findingCounts.get(c.id)!)}` : ''}
                </option>
              ))}
            </Select>
          </Field>
        )
      ) : null}

      {showCustomer ? (
        <LeverToolsContext.Provider value={leverTools}>
          <CustomerFindings findings={findings} lang={lang} t={t} onShowTerm={showTermCard} />

          {state.warnings.length > 0 ? (
            <ContractErrorList errors={state.warnings} severity="warning" lang={lang} t={t} onGoToCell={goToCell} />
          ) : null}

          <KpiStrip
            ref={strip}
            className={styles.kpiStrip}
            labelledBy={ids.kpi}
            heading={
              <Text as="h2" weight="semibold" size={300} id={ids.kpi} className={styles.kpiHeading}>
                {t.kpiTitle}
              </Text>
            }
            items={kpis}
            formulaLabel={t.formula}
            valueHeader={t.kpiValueHeader}
            deltaHeader={t.kpiVsWorkbook}
            tooltip={(k) => t.kpiTooltip(k.label, k.exact, k.baseExact, k.deltaExact)}
            aria={(k) => t.kpiAria(k.label, k.exact, k.deltaExact)}
          />

          <section className={styles.section} aria-labelledby={ids.waterfall}>
            <Subtitle2 as="h2" id={ids.waterfall}>
              {t.waterfallTitle}
            </Subtitle2>
            <WaterfallChart
              title={`${t.waterfallAria} · ${customer.name}`}
              steps={waterfallStepsOf(customerResult, placement, t)}
              format={f.money}
            />
          </section>

          <section className={styles.section} aria-labelledby={ids.pnl}>
            <Subtitle2 as="h2" id={ids.pnl}>
              {t.pnlTitle}
            </Subtitle2>
            <PnlSummary
              caption={`${t.pnlTitle} · ${customer.name}`}
              rows={pnlRowsOf(customerResult.totals, placement, lang)}
              headers={[t.pnlLine, t.pnlAmount, t.pnlPctGross]}
            />
          </section>

          <Divider />

          <section className={styles.section} aria-labelledby={ids.terms}>
            <Subtitle2 as="h2" id={ids.terms}>
              {t.termsTitle}
            </Subtitle2>
            <TermsEditor
              customer={customer}
              terms={customerTerms}
              results={termResults}
              issues={state.issues}
              edited={state.edited}
              t={t}
              lang={lang}
              paymentDaysHint={financingTextOf(customerResult.totals, customer, model!.settings, t, lang)}
              openTerms={openTerms}
              onToggleTerm={toggleTerm}
              onEdit={edit}
            />
          </section>

          <section className={styles.section} aria-labelledby={ids.promotions} data-testid="promotions-section">
            <Subtitle2 as="h2" id={ids.promotions}>
              {t.promotionsTitle}
            </Subtitle2>
            <PromotionsEditor
              key={customer.id}
              promotions={customerPromotions}
              results={promotionResults}
              variant={roiVariant}
              issues={state.issues}
              edited={state.edited}
              t={t}
              lang={lang}
              onEdit={edit}
            />
          </section>

          <section className={styles.section} aria-labelledby={ids.prices} data-testid="price-changes-section">
            <Subtitle2 as="h2" id={ids.prices}>
              {t.priceChangesTitle}
            </Subtitle2>
            <PriceChangesEditor
              changes={customerPriceChanges}
              customerName={customer.name}
              issues={state.issues}
              edited={state.edited}
              t={t}
              lang={lang}
              onEdit={edit}
            />
          </section>

          <Divider />

          <ScenariosSection
            key={customer.id}
            customer={customer}
            customerIndex={customerIndex}
            baseModel={state.baseModel!}
            baseResults={state.baseResults!}
            model={model!}
            results={state.results!}
            edited={state.edited}
            editsValid={!hasIssues}
            canSave={canSaveScenarios}
            writing={writing}
            saveState={scenarioSave}
            onSave={saveScenario}
            onDismissSave={dismissScenarioSave}
            canExport={canExportBase}
            exportState={baseExport}
            onExport={(scenario) => void exportBase(scenario)}
            onDismissExport={dismissBaseExport}
            author={author}
            onAuthor={setAuthor}
            t={t}
            lang={lang}
          />
        </LeverToolsContext.Provider>
      ) : null}

      {mapping.canSave ? (
        <>
          <Divider />
          <MappingSection tools={mapping} lang={lang} t={t} />
        </>
      ) : null}

      {/* Always there, Write/Reset included: a button that vanished (the pane re-reading after Reset) would drop the
          keyboard focus to the page body. */}
      <section ref={bar} className={styles.actionBar} data-testid="action-bar">
        {/* The scenario's state sits by Write/Reset, at the end of the page: shown above the KPIs, it pushed the
            whole pane down on the first edit (relayout, repaint and raster of every card), the main reason that
            edit took twice as long as the next ones. Fixed multiline layout: no reflow re-render after paint. */}
        <ScenarioBanner state={state} t={t} />
        <div className={styles.actions}>
          {/* Focusable while disabled: pressing it must not drop the focus to the body when a write starts. */}
          <Button
            ref={writeButton}
            className={styles.actionButton}
            appearance="primary"
            disabledFocusable={!writable}
            icon={writing ? <Spinner size="tiny" /> : undefined}
            aria-describedby={writeHint ? ids.writeHint : undefined}
            onClick={startWrite}
            data-testid="write-results"
          >
            {writing ? t.writing : t.write}
          </Button>
          <Button
            className={styles.actionButton}
            onClick={reset}
            title={t.resetHint}
            disabledFocusable={state.phase === 'loading' || writing}
            data-testid="reset"
          >
            {t.reset}
          </Button>
        </div>
        {writeHint ? (
          <Caption1 id={ids.writeHint} data-testid="write-hint">
            {writeHint}
          </Caption1>
        ) : null}
        <WriteStatus state={state} lang={lang} t={t} onClose={closeWriteMessage} onGoToCell={goToAddress} />
      </section>
    </div>
  );
}

/** The scenario's state by Write/Reset: edits refused, or an edited scenario. Announced when it appears. */
function ScenarioBanner({ state, t }: { state: PaneState; t: Texts }) {
  const bodyId = useId();
  if (state.phase !== 'ready') return null;
  // No title: each bar is labelled by its body (Fluent's default label points at a title that is not there).
  if (Object.keys(state.issues).length > 0) {
    return (
      <MessageBar
        intent="error"
        layout="multiline"
        politeness="polite"
        aria-labelledby={bodyId}
        data-testid="edit-issues"
      >
        <MessageBarBody id={bodyId}>{t.editIssues}</MessageBarBody>
      </MessageBar>
    );
  }
  if (state.edited.length > 0) {
    return (
      <MessageBar
        intent="warning"
        layout="multiline"
        politeness="polite"
        aria-labelledby={bodyId}
        data-testid="edited-banner"
      >
        <MessageBarBody id={bodyId}>{t.editedModel}</MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}

/** A write under way (progress, Excel waiting for a cell edit), done (sheets, notices) or failed (incomplete). */
function WriteStatus({
  state,
  lang,
  t,
  onClose,
  onGoToCell,
}: {
  state: PaneState;
  lang: Lang;
  t: Texts;
  onClose: () => void;
  /** Absent when the host cannot select cells. */
  onGoToCell?: (sheet: string, address: string) => void;
}) {
  const styles = useStyles();
  const f = formatters(lang);
  const w = state.write;
  const close = (testId?: string) => (
    <MessageBarActions
      containerAction={
        <Button appearance="transparent" size="small" aria-label={t.dismiss} onClick={onClose} data-testid={testId}>
          ×
        </Button>
      }
    />
  );
  if (w.status === 'writing') {
    const fraction = w.total ? Math.min(1, w.written / w.total) : undefined;
    return (
      <>
        <Field
          label={t.writeProgress}
          hint={w.total ? t.writeProgressCells(f.units(w.written), f.units(w.total)) : t.writeStarting}
          data-testid="write-progress"
        >
          <ProgressBar value={fraction} max={1} thickness="large" />
        </Field>
        {w.reload ? (
          <MessageBar intent="info" layout="multiline" politeness="polite" data-testid="write-reload-note">
            <MessageBarBody>
              <MessageBarTitle>{t.writing}</MessageBarTitle>
              <ReloadLines reload={w.reload} t={t} />
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {w.waiting ? (
          <MessageBar intent="warning" layout="multiline" politeness="polite" data-testid="write-waiting">
            <MessageBarBody>
              <MessageBarTitle>{t.waitingCellEditTitle}</MessageBarTitle>
              {t.waitingCellEdit}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </>
    );
  }
  if (w.status === 'done') {
    const notices = w.report.notices ?? [];
    return (
      <MessageBar intent="success" layout="multiline" politeness="polite" data-testid="write-status">
        <MessageBarBody data-testid="write-status-message" className={styles.wrap}>
          <MessageBarTitle>{t.written}</MessageBarTitle>
          {t.writtenDetail(w.report.sheetsWritten.join(', '), f.units(w.report.cellsWritten))}
          <ReloadLines reload={w.reload} t={t} />
          {notices.length > 0 ? (
            <ul className={styles.list} aria-label={t.notices} data-testid="write-notices">
              {notices.map((n) => (
                <li key={n.code}>{n[lang]}</li>
              ))}
            </ul>
          ) : null}
        </MessageBarBody>
        {close('dismiss-write')}
      </MessageBar>
    );
  }
  if (w.status === 'failed') {
    const incomplete = errorCode(w.error) === 'write_incomplete';
    // A cell in the way (results_would_overwrite): the KAM can go to it, as with the workbook's errors.
    const at = w.error instanceof HostError ? w.error.location : undefined;
    const where = at ? (at.address.includes('!') ? at.address : `${at.sheet}!${at.address}`) : '';
    return (
      <MessageBar intent="error" layout="multiline" politeness="polite" data-testid="write-error">
        <MessageBarBody data-testid="write-error-message" className={styles.wrap}>
          <MessageBarTitle>{incomplete ? t.writeIncompleteTitle : t.writeFailed}</MessageBarTitle>
          {errorText(w.error, lang)}
          {incomplete ? (
            <div data-testid="write-incomplete">{t.writeIncomplete(sheetsTouchedOf(w.error).join(', '))}</div>
          ) : null}
          <ReloadLines reload={w.reload} t={t} />
          {at && onGoToCell ? (
            <div>
              <Button
                size="small"
                onClick={() => onGoToCell(at.sheet, at.address)}
                aria-label={t.goToCellAria(where)}
                data-testid="write-error-go-to-cell"
              >
                {t.goToCell}
              </Button>
            </div>
          ) : null}
        </MessageBarBody>
        {close('dismiss-write-error')}
      </MessageBar>
    );
  }
  return null;
}
