/** KPI cards of the selected customer; each card's formula is its tooltip and its accessible description. */
import { Card, Caption1, Text, Tooltip, makeStyles, tokens } from '@fluentui/react-components';

export interface Kpi {
  id: string;
  label: string;
  value: string;
  /** The unrounded number behind value (a data attribute for tests and support). */
  raw: number;
  /** Formula text of the metric (from the engine's METRICS registry), in the pane's language. */
  formula: string;
}

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(132px, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  card: { padding: tokens.spacingHorizontalS, gap: tokens.spacingVerticalXXS },
  value: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export function KpiCards({ items, formulaLabel }: { items: readonly Kpi[]; formulaLabel: string }) {
  const styles = useStyles();
  return (
    <div className={styles.grid} role="list">
      {items.map((k) => (
        <Tooltip key={k.id} content={`${formulaLabel}: ${k.formula}`} relationship="description" withArrow>
          <Card
            className={styles.card}
            role="listitem"
            tabIndex={0}
            data-testid={`kpi-${k.id}`}
            aria-label={`${k.label}: ${k.value}`}
          >
            <Caption1>{k.label}</Caption1>
            <Text className={styles.value} data-testid={`kpi-${k.id}-value`} data-value={String(k.raw)}>
              {k.value}
            </Text>
          </Card>
        </Tooltip>
      ))}
    </div>
  );
}
