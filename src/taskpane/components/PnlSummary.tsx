/**
 * The selected customer's P&L summary: money and share of gross sales, both from summed money. Amounts from
 * $100,000 on are abbreviated ("$109.4 mdp") so three columns fit a 320 px pane; the exact amount is the cell's
 * tooltip (title) and what a screen reader reads.
 */
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';

export interface PnlRow {
  id: string;
  label: string;
  /** Shown amount (abbreviated when long), its exact text and number. */
  amount: string;
  amountExact: string;
  amountRaw: number;
  pctOfGross: string;
  /** Subtotal lines are bold. */
  subtotal: boolean;
}

const useStyles = makeStyles({
  table: { tableLayout: 'auto', width: '100%' },
  // Narrow paddings: label, amount and share fit 296 px (a 320 px pane) with "Contribución" and "$109.4 mdp" whole.
  cell: { paddingLeft: '4px', paddingRight: '4px' },
  // Labels wrap between words ("Contribución del cliente"), never inside one.
  label: { overflowWrap: 'normal' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  subtotal: { fontWeight: tokens.fontWeightSemibold },
  // Read by screen readers, not shown (the abbreviation is shown instead).
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  // Fluent's table cells are flex boxes; the headers' text must wrap in a narrow pane.
  headerWrap: { whiteSpace: 'normal' },
});

/** An abbreviated amount: the abbreviation shown, the exact amount on hover and for screen readers. */
export function Amount({ short, exact, testId }: { short: string; exact: string; testId?: string }) {
  const styles = useStyles();
  if (short === exact) return <span data-testid={testId}>{exact}</span>;
  return (
    <span title={exact} data-testid={testId} data-exact={exact}>
      <span aria-hidden="true">{short}</span>
      <span className={styles.srOnly}>{exact}</span>
    </span>
  );
}

export function PnlSummary(props: { caption: string; rows: readonly PnlRow[]; headers: [string, string, string] }) {
  const styles = useStyles();
  const [line, amount, pct] = props.headers;
  return (
    <Table size="small" aria-label={props.caption} data-testid="pnl" className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.cell}>{line}</TableHeaderCell>
          <TableHeaderCell className={mergeClasses(styles.cell, styles.num)} button={{ className: styles.headerWrap }}>
            {amount}
          </TableHeaderCell>
          <TableHeaderCell className={mergeClasses(styles.cell, styles.num)} button={{ className: styles.headerWrap }}>
            {pct}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.rows.map((r) => (
          <TableRow key={r.id} className={r.subtotal ? styles.subtotal : undefined} data-testid={`pnl-${r.id}`}>
            <TableCell className={mergeClasses(styles.cell, styles.label)}>{r.label}</TableCell>
            <TableCell className={mergeClasses(styles.cell, styles.num)}>
              <Amount short={r.amount} exact={r.amountExact} testId={`pnl-${r.id}-amount`} />
            </TableCell>
            <TableCell className={mergeClasses(styles.cell, styles.num)}>{r.pctOfGross}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
