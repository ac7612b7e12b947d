/**
 * "Your own tables": the shell of the mapping editor, always in the pane (its heading, what it is for, the outcome of
 * the last save, the button that opens it). The editor itself (MappingEditor: the model's tables with where each
 * comes from, one table's mapping with suggestions, coverage and preview) loads when the KAM opens it, so the pane's
 * first load does not carry it. Saving or removing writes only the mapping table (a hidden sheet); the user's tables
 * are only read.
 */
import { lazy, Suspense, useId } from 'react';
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Lang } from '../../engine/model';
import { INPUT_TABLES } from '../../workbook/contract/specs';
import { errorText } from '../errors';
import type { Texts } from '../i18n';
import type { MappingTools } from '../use-mapping';

const MappingEditor = lazy(() => import(/* webpackChunkName: "mapping" */ './MappingEditor'));

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  wrap: { overflowWrap: 'anywhere', minWidth: 0 },
});

export interface MappingSectionProps {
  tools: MappingTools;
  lang: Lang;
  t: Texts;
}

export function MappingSection({ tools, lang, t }: MappingSectionProps) {
  const styles = useStyles();
  const headingId = useId();
  const { context, outcome } = tools;
  const name = (id: string) => {
    const spec = INPUT_TABLES.find((s) => s.id === id)!;
    return lang === 'es' ? spec.es : spec.en;
  };
  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid="mapping-section">
      <Text as="h2" weight="semibold" size={400} id={headingId}>
        {t.mappingTitle}
      </Text>
      <Caption1 className={styles.wrap}>{t.mappingIntro}</Caption1>

      {outcome.status === 'saved' ? (
        <MessageBar intent="success" layout="multiline" politeness="polite" data-testid="mapping-saved">
          <MessageBarBody className={styles.wrap}>
            {outcome.removed
              ? t.mappingRemoved(name(outcome.tableId))
              : t.mappingSaved(name(outcome.tableId), outcome.report.sheet, outcome.report.created)}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {outcome.status === 'failed' ? (
        <MessageBar intent="error" layout="multiline" politeness="polite" data-testid="mapping-save-failed">
          <MessageBarBody className={styles.wrap}>
            <MessageBarTitle>{t.mappingSaveFailed}</MessageBarTitle>
            {errorText(outcome.error, lang)}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {context.status === 'closed' ? (
        <div>
          <Button onClick={tools.open} data-testid="mapping-open">
            {t.mappingOpen}
          </Button>
        </div>
      ) : (
        <Suspense fallback={<Spinner size="tiny" label={t.mappingLoading} />}>
          <MappingEditor tools={tools} lang={lang} t={t} />
        </Suspense>
      )}
    </section>
  );
}
