/**
 * Every contract error of the workbook, in the pane's language, each with where it is and a button that selects
 * the cell (in Excel; the demo records the selection).
 */
import { useId } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { Lang } from '../../engine/model';
import type { ContractError } from '../../workbook/contract';
import type { Texts } from '../i18n';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  warning: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  where: { color: tokens.colorNeutralForeground3 },
  message: { overflowWrap: 'anywhere' },
  goTo: { alignSelf: 'flex-start' },
});

/** "Clientes!D7 · tabla Customers · fila 7 · columna Canal" (what exists of it). */
export function errorLocation(e: ContractError, t: Texts): string {
  const parts: string[] = [];
  if (e.address) parts.push(e.address.includes('!') ? e.address : `${e.sheet}!${e.address}`);
  else if (e.sheet) parts.push(e.sheet);
  if (e.table) parts.push(e.table);
  if (e.row !== undefined) parts.push(`${t.row} ${e.row}`);
  if (e.column !== undefined && e.column !== '') parts.push(`${t.column} ${e.column}`);
  return parts.join(' · ');
}

export interface ContractErrorListProps {
  errors: readonly ContractError[];
  /** errors block writing; warnings are listed for information. */
  severity?: 'error' | 'warning';
  lang: Lang;
  t: Texts;
  /** Absent when the host cannot select cells. */
  onGoToCell?: (e: ContractError) => void;
}

export function ContractErrorList({ errors, severity = 'error', lang, t, onGoToCell }: ContractErrorListProps) {
  const styles = useStyles();
  const titleId = useId();
  const isError = severity === 'error';
  // Each entry is one cause; the title counts every cell, as the CLI's summary does.
  const total = errors.reduce((n, e) => n + (e.count ?? 1) + (e.explains ?? 0), 0);
  return (
    <section aria-labelledby={titleId}>
      {/* The bar is labelled by its title: the title carries our id, so the bar must point at it (Fluent's default
          points at an id of its own that the title no longer has). */}
      <MessageBar intent={severity} layout="multiline" politeness="polite" aria-labelledby={titleId}>
        <MessageBarBody>
          <MessageBarTitle id={titleId}>{isError ? t.errorsTitle(total) : t.warningsTitle(total)}</MessageBarTitle>
          {isError ? t.errorsIntro : t.warningsIntro}
        </MessageBarBody>
      </MessageBar>
      <ul className={styles.list} data-testid={isError ? 'contract-errors' : 'contract-warnings'}>
        {errors.map((e, i) => {
          const where = errorLocation(e, t);
          return (
            <li
              key={i}
              className={isError ? styles.item : mergeClasses(styles.item, styles.warning)}
              data-testid={isError ? 'contract-error' : 'contract-warning'}
            >
              <Text className={styles.message}>{e[lang]}</Text>
              <Text size={200} className={styles.where} data-testid="contract-error-where">
                {where}
              </Text>
              {onGoToCell && e.address ? (
                <Button
                  size="small"
                  appearance="secondary"
                  className={styles.goTo}
                  onClick={() => onGoToCell(e)}
                  aria-label={t.goToCellAria(where)}
                >
                  {t.goToCell}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
