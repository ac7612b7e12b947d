/** The pane: customer picker, KPIs, waterfall, P&L, terms editor, write/reset, and contract errors. */
import { useId } from 'react';
import {
  Button,
  Caption1,
  Divider,
  Field,
  MessageBar,
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
import { KpiCards } from './components/KpiCards';
import { PnlSummary } from './components/PnlSummary';
import { TermsEditor } from './components/TermsEditor';
import { WaterfallChart } from './components/WaterfallChart';
import { errorText } from './errors';
import { formatters } from './format';
import { texts } from './i18n';
import { canWrite } from './state';
import { usePane } from './use-pane';
import { kpisOf, pnlRowsOf, waterfallStepsOf } from './views';

const useStyles = makeStyles({
  app: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

export function App({ host, lang }: { host: WorkbookHost; lang: Lang }) {
  const styles = useStyles();
  const t = texts(lang);
  const f = formatters(lang);
  const { state, edit, selectCustomer, reset, write, goToCell, selectError } = usePane(host, lang);
  const ids = { kpi: useId(), waterfall: useId(), pnl: useId(), terms: useId() };

  const model = state.model;
  const customer = model?.customers.find((c) => c.id === state.customerId) ?? null;
  const customerIndex = model && customer ? model.customers.indexOf(customer) : -1;
  const customerResult = customerIndex >= 0 ? state.results?.customers[customerIndex] : undefined;
  const placement = model?.settings.costToServePlacement ?? 'below_waterfall';
  const hasIssues = Object.keys(state.issues).length > 0;
  const writable = canWrite(state);

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
            <Select value={state.customerId ?? ''} onChange={(_, d) => selectCustomer(d.value)} data-testid="customer-picker">
              {model.customers.map((c) => (
                <option key={c.id} value={c.id}>
                  {`${c.name} (${c.id}) · ${t.channels[c.channel]}`}
                </option>
              ))}
            </Select>
          </Field>
        )
      ) : null}

      {state.phase === 'ready' && customer && customerResult ? (
        <>
          {state.edited.length > 0 ? (
            <MessageBar intent="warning" data-testid="edited-banner">
              <MessageBarBody>{t.editedModel}</MessageBarBody>
            </MessageBar>
          ) : null}
          {hasIssues ? (
            <MessageBar intent="error" data-testid="edit-issues">
              <MessageBarBody>{t.editIssues}</MessageBarBody>
            </MessageBar>
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
            <WaterfallChart title={`${t.waterfallAria} · ${customer.name}`} steps={waterfallStepsOf(customerResult, placement, t)} format={f.money} />
          </section>

          <section className={styles.section} aria-labelledby={ids.pnl}>
            <Subtitle2 as="h2" id={ids.pnl}>
              {t.pnlTitle}
            </Subtitle2>
            <PnlSummary caption={`${t.pnlTitle} · ${customer.name}`} rows={pnlRowsOf(customerResult.totals, placement, lang)} headers={[t.pnlLine, t.pnlAmount, t.pnlPctGross]} />
          </section>

          <Divider />

          <section className={styles.section} aria-labelledby={ids.terms}>
            <Subtitle2 as="h2" id={ids.terms}>
              {t.termsTitle}
            </Subtitle2>
            <TermsEditor
              customer={customer}
              terms={model!.terms.filter((term) => term.customerId === customer.id)}
              issues={state.issues}
              edited={state.edited}
              t={t}
              onEdit={edit}
            />
          </section>
        </>
      ) : null}

      {state.phase === 'ready' && state.warnings.length > 0 ? (
        <ContractErrorList errors={state.warnings} severity="warning" lang={lang} t={t} onGoToCell={goToCell} />
      ) : null}

      {state.phase !== 'loading' ? (
        <section className={styles.section}>
          <div className={styles.actions}>
            <Button appearance="primary" disabled={!writable} onClick={() => void write()} data-testid="write-results">
              {state.write.status === 'writing' ? t.writing : t.write}
            </Button>
            <Button onClick={reset} title={t.resetHint} data-testid="reset">
              {t.reset}
            </Button>
          </div>
          {state.phase === 'invalid' ? <Caption1>{t.writeBlocked}</Caption1> : null}
          {state.write.status === 'done' ? (
            <MessageBar intent="success" layout="multiline" data-testid="write-status">
              <MessageBarBody>
                <MessageBarTitle>{t.written}</MessageBarTitle>
                {t.writtenDetail(state.write.report.sheetsWritten.join(', '), f.units(state.write.report.cellsWritten))}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {state.write.status === 'failed' ? (
            <MessageBar intent="error" layout="multiline" data-testid="write-error">
              <MessageBarBody>
                <MessageBarTitle>{t.writeFailed}</MessageBarTitle>
                {errorText(state.write.error, lang)}
              </MessageBarBody>
            </MessageBar>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
