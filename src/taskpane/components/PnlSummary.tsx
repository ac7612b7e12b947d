/** The selected customer's P&L summary: money and share of gross sales, both from summed money. */
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';

export interface PnlRow {
  id: string;
  label: string;
  amount: string;
  pctOfGross: string;
  /** Subtotal lines are bold. */
  subtotal: boolean;
}

const useStyles = makeStyles({
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  subtotal: { fontWeight: tokens.fontWeightSemibold },
});

export function PnlSummary(props: { caption: string; rows: readonly PnlRow[]; headers: [string, string, string] }) {
  const styles = useStyles();
  const [line, amount, pct] = props.headers;
  return (
    <Table size="small" aria-label={props.caption} data-testid="pnl">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{line}</TableHeaderCell>
          <TableHeaderCell className={styles.num}>{amount}</TableHeaderCell>
          <TableHeaderCell className={styles.num}>{pct}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.rows.map((r) => (
          <TableRow key={r.id} className={r.subtotal ? styles.subtotal : undefined} data-testid={`pnl-${r.id}`}>
            <TableCell>{r.label}</TableCell>
            <TableCell className={styles.num}>{r.amount}</TableCell>
            <TableCell className={styles.num}>{r.pctOfGross}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
