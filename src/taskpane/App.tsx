/** The pane: customer picker, KPIs, waterfall, P&L, terms editor, write/reset, and contract errors. */
import { useId, useMemo } from 'react';
import {
  Button,
  Caption1,
  Divider,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Subtitle2,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Lang } from '../engine/model';
import type { WorkbookHost } from '../workbook/port';
import { ContractErrorList } from './components/ContractErrorList';
import { CustomerFindings } from './components/CustomerFindings';
import { KpiCards } from './components/KpiCards';
import { PnlSummary } from './components/PnlSummary';
import { TermsEditor, termCardId } from './components/TermsEditor';
import { WaterfallChart } from './components/WaterfallChart';
import { errorText } from './errors';
import { formatters } from './format';
import { texts } from './i18n';
import { canWrite } from './state';
import { usePane } from './use-pane';
import { customerFindingsOf, financingTextOf, kpisOf, pnlRowsOf, waterfallStepsOf } from './views';
import type { TermResult } from '../engine/results';

const useStyles = makeStyles({
  app: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px', minWidth: 0 },
  // A native select is as wide as its longest option ("Walmart de México (WMX) · Autoservicio"): let it shrink to
  // the pane (320 px) and clip the text instead of widening the page.
  picker: { minWidth: 0, maxWidth: '100%' },
  pickerSelect: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
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
});

/** Brings a term's card into view and gives it focus (keyboard users land on it). */
function showTermCard(termId: string): void {
  const card = document.getElementById(termCardId(termId));
  if (!card) return;
  card.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  card.focus({ preventScroll: true });
}

export function App({ host, lang }: { host: WorkbookHost; lang: Lang }) {
  const styles = useStyles();
  const t = texts(lang);
  const f = formatters(lang);
  const { state, edit, selectCustomer, reset, write, dismissWrite, goToCell, selectError } = usePane(host, lang);
  const ids = { kpi: useId(), waterfall: useId(), pnl: useId(), terms: useId(), writeHint: useId() };

  const model = state.model;
  const customer = model?.customers.find((c) => c.id === state.customerId) ?? null;
  const customerIndex = model && customer ? model.customers.indexOf(customer) : -1;
  const customerResult = customerIndex >= 0 ? state.results?.customers[customerIndex] : undefined;
  const placement = model?.settings.costToServePlacement ?? 'below_waterfall';
  const hasIssues = Object.keys(state.issues).length > 0;
  const writable = canWrite(state);
  const termResults = useMemo(
    () => new Map<string, TermResult>((state.results?.terms ?? []).map((r) => [r.termId, r])),
    [state.results],
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
  const writeHint =
    state.phase === 'invalid'
      ? t.writeBlocked
      : hasIssues
        ? t.writeBlockedByEdits
        : state.phase === 'ready' && state.edited.length > 0
          ? t.writeScenario
          : null;

  return (
    <div className={styles.app} data-testid="app" data-phase={state.phase}>
      <Title3 as="h1">{t.appTitle}</Title3>

      {state.phase === 'loading' ? <Spinner label={t.loading} /> : null}

      {state.phase === 'failed' ? (
        <MessageBar intent="error" layout="multiline" data-testid="load-error">
          <MessageBarBody>
            <MessageBarTitle>{t.loadFailed}</MessageBarTitle>
            {errorText(state.loadError, lang)}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {state.phase === 'invalid' ? (
        <ContractErrorList errors={state.contractErrors} lang={lang} t={t} onGoToCell={goToCell} />
      ) : null}

      {selectError ? (
        <MessageBar intent="error" data-testid="select-error">
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

      {state.phase === 'ready' && customer && customerResult ? (
        <>
          <CustomerFindings findings={findings} lang={lang} t={t} onShowTerm={showTermCard} />

          {state.warnings.length > 0 ? (
            <ContractErrorList errors={state.warnings} severity="warning" lang={lang} t={t} onGoToCell={goToCell} />
          ) : null}

          <section className={styles.section} aria-labelledby={ids.kpi}>
            <Subtitle2 as="h2" id={ids.kpi}>
              {t.kpiTitle}
            </Subtitle2>
            <KpiCards items={kpisOf(customerResult.totals, placement, lang)} formulaLabel={t.formula} />
          </section>

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
              terms={model!.terms.filter((term) => term.customerId === customer.id)}
              results={termResults}
              issues={state.issues}
              edited={state.edited}
              t={t}
              lang={lang}
              paymentDaysHint={financingTextOf(customerResult.totals, customer, model!.settings, t, lang)}
              onEdit={edit}
            />
          </section>
        </>
      ) : null}

      {state.phase !== 'loading' ? (
        <section className={styles.actionBar} data-testid="action-bar">
          {/* The scenario's state sits by Write/Reset, at the end of the page: shown above the KPIs, it pushed the
              whole pane down on the first edit (relayout, repaint and raster of every card), the main reason that
              edit took twice as long as the next ones. Fixed multiline layout: no reflow re-render after paint. */}
          {hasIssues ? (
            <MessageBar intent="error" layout="multiline" data-testid="edit-issues">
              <MessageBarBody>{t.editIssues}</MessageBarBody>
            </MessageBar>
          ) : state.edited.length > 0 ? (
            <MessageBar intent="warning" layout="multiline" data-testid="edited-banner">
              <MessageBarBody>{t.editedModel}</MessageBarBody>
            </MessageBar>
          ) : null}
          <div className={styles.actions}>
            <Button
              appearance="primary"
              disabled={!writable}
              icon={state.write.status === 'writing' ? <Spinner size="tiny" /> : undefined}
              aria-describedby={writeHint ? ids.writeHint : undefined}
              onClick={write}
              data-testid="write-results"
            >
              {state.write.status === 'writing' ? t.writing : t.write}
            </Button>
            <Button onClick={reset} title={t.resetHint} data-testid="reset">
              {t.reset}
            </Button>
          </div>
          {writeHint ? (
            <Caption1 id={ids.writeHint} data-testid="write-hint">
              {writeHint}
            </Caption1>
          ) : null}
          {state.write.status === 'done' ? (
            <MessageBar intent="success" layout="multiline" data-testid="write-status">
              <MessageBarBody data-testid="write-status-message">
                <MessageBarTitle>{t.written}</MessageBarTitle>
                {t.writtenDetail(state.write.report.sheetsWritten.join(', '), f.units(state.write.report.cellsWritten))}
              </MessageBarBody>
              <MessageBarActions
                containerAction={
                  <Button
                    appearance="transparent"
                    size="small"
                    aria-label={t.dismiss}
                    onClick={dismissWrite}
                    data-testid="dismiss-write"
                  >
                    ×
                  </Button>
                }
              />
            </MessageBar>
          ) : null}
          {state.write.status === 'failed' ? (
            <MessageBar intent="error" layout="multiline" data-testid="write-error">
              <MessageBarBody data-testid="write-error-message">
                <MessageBarTitle>{t.writeFailed}</MessageBarTitle>
                {errorText(state.write.error, lang)}
              </MessageBarBody>
              <MessageBarActions
                containerAction={
                  <Button appearance="transparent" size="small" aria-label={t.dismiss} onClick={dismissWrite}>
                    ×
                  </Button>
                }
              />
            </MessageBar>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
