/**
 * The engine's findings for the selected customer (a term without agreed basis, a missed target, a scope that
 * matches no line...), compact, above the numbers: a finding is not a number, so the KAM sees it before the KPIs.
 * Each finding about a term has a button that brings the term's card into view and focus.
 */
import { useId } from 'react';
import {
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Lang } from '../../engine/model';
import type { Finding } from '../../engine/results';
import type { Texts } from '../i18n';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { overflowWrap: 'anywhere' },
  show: { whiteSpace: 'nowrap' },
});

export interface CustomerFindingsProps {
  findings: readonly Finding[];
  lang: Lang;
  t: Texts;
  /** Brings a term's card into view; absent: no buttons. */
  onShowTerm?: (termId: string) => void;
}

export function CustomerFindings({ findings, lang, t, onShowTerm }: CustomerFindingsProps) {
  const styles = useStyles();
  const titleId = useId();
  if (findings.length === 0) {
    return <Caption1 data-testid="customer-findings-none">{t.noFindings}</Caption1>;
  }
  const intent = findings.some((f) => f.severity === 'warning') ? 'warning' : 'info';
  return (
    <section aria-labelledby={titleId} data-testid="customer-findings">
      {/* Labelled by its title, which carries our id (see ContractErrorList). */}
      <MessageBar intent={intent} layout="multiline" politeness="polite" aria-labelledby={titleId}>
        <MessageBarBody>
          <MessageBarTitle id={titleId}>{t.findingsTitle(findings.length)}</MessageBarTitle>
          {t.findingsIntro(findings.length)}
          <ul className={styles.list}>
            {findings.map((f, i) => (
              <li
                key={`${f.code}-${f.termId ?? ''}-${i}`}
                className={styles.item}
                data-testid="customer-finding"
                data-code={f.code}
              >
                {f.severity === 'info' ? `${t.findingNote}: ` : ''}
                {f[lang]}
                {onShowTerm && f.termId ? (
                  <>
                    {' '}
                    <Link as="button" inline className={styles.show} onClick={() => onShowTerm(f.termId!)}>
                      {t.showTerm(f.termId)}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </MessageBarBody>
      </MessageBar>
    </section>
  );
}
