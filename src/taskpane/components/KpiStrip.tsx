/**
 * The selected customer's KPIs as a compact strip that sticks to the top of the pane while the KAM scrolls to a term
 * and edits it: each KPI's value (long amounts abbreviated) and its change against the workbook's own values (MXN or
 * percentage points). Each row is focusable; its tooltip gives the exact value, the workbook's value, the exact
 * change and the formula. One grid (subgrid rows), so values and changes line up in columns.
 */
import { forwardRef, type ReactNode } from 'react';
import { Caption1, Tooltip, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { KpiId } from '../views';

export interface Kpi {
  id: KpiId;
  /** The metric's full label (tooltip, accessible name). */
  label: string;
  /** Its short label in the strip. */
  short: string;
  /** Shown value: percentages, or money abbreviated from $100,000 on ("$109.4 mdp"). */
  value: string;
  /** The exact value ("$109,363,924.40"). */
  exact: string;
  /** The unrounded number behind value (a data attribute for tests and support). */
  raw: number;
  /** The workbook's own value (before the pane's edits) and its exact text. */
  base: number;
  baseExact: string;
  /** Change against the workbook: "+$1.6 mdp", "-0.4 pp", "±0"; exact: "+$1,575,000.12", "-0.42 pp". */
  delta: string;
  deltaExact: string;
  deltaRaw: number;
  /** 1: the change helps the maker's P&L, -1: it hurts, 0: none. Colour only; the sign is in the text. */
  direction: 1 | -1 | 0;
  /** Formula text of the metric (from the engine's METRICS registry), in the pane's language. */
  formula: string;
}

const useStyles = makeStyles({
  strip: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto auto',
    columnGap: tokens.spacingHorizontalS,
    rowGap: '1px',
  },
  row: {
    display: 'grid',
    gridColumn: '1 / -1',
    gridTemplateColumns: 'subgrid',
    alignItems: 'baseline',
    paddingTop: '1px',
    paddingBottom: '1px',
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  head: { color: tokens.colorNeutralForeground3 },
  label: { minWidth: 0, overflowWrap: 'anywhere' },
  num: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  value: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  delta: { color: tokens.colorNeutralForeground2 },
  good: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
});

export interface KpiStripProps {
  items: readonly Kpi[];
  formulaLabel: string;
  /** Column headings: the scenario's value, the change against the workbook. */
  valueHeader: string;
  deltaHeader: string;
  /** Tooltip and accessible name of a row. */
  tooltip: (k: Kpi) => string;
  aria: (k: Kpi) => string;
  /** The heading, inside the sticky strip. */
  heading: ReactNode;
  className?: string;
}

export const KpiStrip = forwardRef<HTMLElement, KpiStripProps & { labelledBy: string }>(function KpiStrip(
  { items, formulaLabel, valueHeader, deltaHeader, tooltip, aria, heading, className, labelledBy },
  ref,
) {
  const styles = useStyles();
  return (
    <section ref={ref} className={className} aria-labelledby={labelledBy} data-testid="kpi-strip">
      {heading}
      <ul className={styles.strip}>
        {/* Column headings: visual only, every row's accessible name says what its figures are. */}
        <li className={mergeClasses(styles.row, styles.head)} aria-hidden="true">
          <span />
          <Caption1 className={styles.num}>{valueHeader}</Caption1>
          <Caption1 className={styles.num}>{deltaHeader}</Caption1>
        </li>
        {items.map((k) => (
          <Tooltip
            key={k.id}
            content={`${tooltip(k)} · ${formulaLabel}: ${k.formula}`}
            relationship="description"
            withArrow
          >
            <li className={styles.row} tabIndex={0} data-testid={`kpi-${k.id}`} aria-label={aria(k)}>
              <Caption1 className={styles.label}>{k.short}</Caption1>
              <span
                className={mergeClasses(styles.num, styles.value)}
                data-testid={`kpi-${k.id}-value`}
                data-value={String(k.raw)}
              >
                {k.value}
              </span>
              <Caption1
                className={mergeClasses(
                  styles.num,
                  styles.delta,
                  k.direction > 0 ? styles.good : k.direction < 0 ? styles.bad : undefined,
                )}
                data-testid={`kpi-${k.id}-delta`}
                data-value={String(k.deltaRaw)}
              >
                {k.delta}
              </Caption1>
            </li>
          </Tooltip>
        ))}
      </ul>
    </section>
  );
});
