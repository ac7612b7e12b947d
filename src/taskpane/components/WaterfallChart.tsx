/**
 * A small horizontal waterfall (fits a narrow task pane): totals drawn from zero, deductions floating from the
 * running price. The SVG is an image named by its title, described by the list of every step for screen readers.
 */
import { useId } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

export interface WaterfallStep {
  id: string;
  label: string;
  /** Totals: the price (or margin) itself; deltas: the signed change (negative = deduction). */
  value: number;
  kind: 'total' | 'delta';
}

export interface WaterfallChartProps {
  title: string;
  steps: readonly WaterfallStep[];
  format: (value: number) => string;
}

const ROW = 22;
const LABEL_W = 112;
const VALUE_W = 84;
const WIDTH = 300;

const useStyles = makeStyles({
  svg: { display: 'block', width: '100%', maxWidth: `${WIDTH}px`, height: 'auto' },
  total: { fill: tokens.colorBrandBackground },
  negative: { fill: tokens.colorPaletteRedBackground3 },
  positive: { fill: tokens.colorPaletteGreenBackground3 },
  text: { fill: tokens.colorNeutralForeground1, fontSize: '11px', fontFamily: tokens.fontFamilyBase },
  axis: { stroke: tokens.colorNeutralStroke1 },
});

/** Bar extents for each step: [start, end] in value units. */
export function waterfallBars(steps: readonly WaterfallStep[]): { start: number; end: number }[] {
  let running = 0;
  return steps.map((s) => {
    if (s.kind === 'total') {
      running = s.value;
      return { start: 0, end: s.value };
    }
    const start = running;
    running += s.value;
    return { start, end: running };
  });
}

export function WaterfallChart({ title, steps, format }: WaterfallChartProps) {
  const styles = useStyles();
  const titleId = useId();
  const descId = useId();
  const bars = waterfallBars(steps);
  const lo = Math.min(0, ...bars.map((b) => Math.min(b.start, b.end)));
  const hi = Math.max(0, ...bars.map((b) => Math.max(b.start, b.end)));
  const span = hi - lo || 1;
  const plotW = WIDTH - LABEL_W - VALUE_W;
  const x = (v: number) => LABEL_W + ((v - lo) / span) * plotW;
  const height = steps.length * ROW + 4;
  const description = steps.map((s) => `${s.label}: ${format(s.value)}`).join('; ');

  return (
    <svg
      className={styles.svg}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      // The name is the title alone and the description the step list, once: naming it by title and desc together
      // made screen readers read the steps twice (as part of the name, then as the description).
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-testid="waterfall"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <line className={styles.axis} x1={x(0)} x2={x(0)} y1={0} y2={height} />
      {steps.map((s, i) => {
        const { start, end } = bars[i];
        const y = i * ROW + 3;
        const left = x(Math.min(start, end));
        const w = Math.max(1, Math.abs(x(end) - x(start)));
        const cls = s.kind === 'total' ? styles.total : s.value < 0 ? styles.negative : styles.positive;
        return (
          <g key={s.id} data-step={s.id}>
            <title>{`${s.label}: ${format(s.value)}`}</title>
            <text className={styles.text} x={0} y={y + 13}>
              {s.label}
            </text>
            <rect className={cls} x={left} y={y} width={w} height={ROW - 6} rx={2} />
            <text className={styles.text} x={WIDTH} y={y + 13} textAnchor="end">
              {format(s.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
