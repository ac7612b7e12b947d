/**
 * The selected customer's terms, editable: flat rates, fixed amounts, tiers (add, remove, edit) and payment days.
 * Every accepted change is dispatched at once, so the KPIs above recompute while the KAM types.
 */
import { memo } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Card,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Customer, Term, Tier } from '../../engine/model';
import { fromPercentPoints, toPercentPoints } from '../format';
import type { Texts } from '../i18n';
import { isFractionMeasure, isFractionRate, type FieldIssues, type TermEdit } from '../term-edits';
import { NumberField } from './NumberField';

const useStyles = makeStyles({
  terms: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  card: { padding: tokens.spacingHorizontalM },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  tierCell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
});

export interface TermsEditorProps {
  customer: Customer;
  terms: readonly Term[];
  issues: Readonly<Record<string, FieldIssues>>;
  edited: readonly string[];
  t: Texts;
  onEdit(edit: TermEdit): void;
}

function rateUnit(term: Term): { label: (t: Texts) => string; unit: string } {
  if (isFractionRate(term)) return { label: (t) => t.rate, unit: '%' };
  if (term.basis === 'fixed_amount') return { label: (t) => t.fixedAmount, unit: 'MXN' };
  return { label: (t) => t.ratePerUnit, unit: 'MXN/u' };
}

const toShownRate = (term: Term, rate: number) => (isFractionRate(term) ? toPercentPoints(rate) : rate);
const fromShownRate = (term: Term, shown: number) => (isFractionRate(term) ? fromPercentPoints(shown) : shown);
const toShownBound = (term: Term, v: number) => (isFractionMeasure(term) ? toPercentPoints(v) : v);
const fromShownBound = (term: Term, v: number) => (isFractionMeasure(term) ? fromPercentPoints(v) : v);

function TierTable({ term, issues, t, onEdit }: { term: Term; issues: FieldIssues; t: Texts; onEdit: TermsEditorProps['onEdit'] }) {
  const styles = useStyles();
  const boundUnit = isFractionMeasure(term) ? '%' : undefined;
  const { unit } = rateUnit(term);
  const setTier = (index: number, tier: Partial<Tier>) => onEdit({ kind: 'tier', termId: term.id, index, tier });
  const issue = (field: string) => (issues[field] ? t.tierIssues[issues[field]] : undefined);
  return (
    <>
      <Table size="extra-small" aria-label={`${t.tiers} ${term.id}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t.tierFrom}</TableHeaderCell>
            <TableHeaderCell>{t.tierTo}</TableHeaderCell>
            <TableHeaderCell>{t.tierRate}</TableHeaderCell>
            <TableHeaderCell aria-label={t.removeTier} />
          </TableRow>
        </TableHeader>
        <TableBody>
          {term.tiers.map((tier, i) => (
            <TableRow key={i} data-testid={`tier-${term.id}-${i}`}>
              <TableCell className={styles.tierCell}>
                <NumberField
                  hideLabel
                  size="small"
                  label={`${t.tierFrom} (${term.id}, ${i + 1})`}
                  value={toShownBound(term, tier.from)}
                  unit={boundUnit}
                  invalidText={t.invalidNumber}
                  issue={issue(`tier.${i}.from`)}
                  testId={`tier-${term.id}-${i}-from`}
                  onCommit={(v) => setTier(i, { from: fromShownBound(term, v ?? 0) })}
                />
              </TableCell>
              <TableCell className={styles.tierCell}>
                <NumberField
                  hideLabel
                  size="small"
                  allowEmpty
                  label={`${t.tierTo} (${term.id}, ${i + 1})`}
                  value={tier.to === null ? null : toShownBound(term, tier.to)}
                  unit={boundUnit}
                  invalidText={t.invalidNumber}
                  issue={issue(`tier.${i}.to`)}
                  testId={`tier-${term.id}-${i}-to`}
                  onCommit={(v) => setTier(i, { to: v === null ? null : fromShownBound(term, v) })}
                />
              </TableCell>
              <TableCell className={styles.tierCell}>
                <NumberField
                  hideLabel
                  size="small"
                  label={`${t.tierRate} (${term.id}, ${i + 1})`}
                  value={toShownRate(term, tier.rate)}
                  unit={unit}
                  invalidText={t.invalidNumber}
                  issue={issue(`tier.${i}.rate`)}
                  testId={`tier-${term.id}-${i}-rate`}
                  onCommit={(v) => setTier(i, { rate: fromShownRate(term, v ?? 0) })}
                />
              </TableCell>
              <TableCell className={styles.tierCell}>
                <Button
                  size="small"
                  appearance="subtle"
                  aria-label={`${t.removeTier} ${i + 1} (${term.id})`}
                  onClick={() => onEdit({ kind: 'removeTier', termId: term.id, index: i })}
                >
                  ×
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div>
        <Button size="small" onClick={() => onEdit({ kind: 'addTier', termId: term.id })} aria-label={`${t.addTier} (${term.id})`}>
          {t.addTier}
        </Button>
      </div>
    </>
  );
}

const NO_ISSUES: FieldIssues = {};

/**
 * Memoised: an edit replaces only its own term object, so the other cards skip rendering and the edit repaints
 * fast (the pane's edit→paint target is 50 ms).
 */
const TermCard = memo(function TermCard({ term, issues, edited, t, onEdit }: { term: Term; issues: FieldIssues; edited: boolean; t: Texts; onEdit: TermsEditorProps['onEdit'] }) {
  const styles = useStyles();
  const { label, unit } = rateUnit(term);
  const hasTiers = term.tiers.length > 0;
  return (
    <Card className={styles.card} data-testid={`term-${term.id}`} aria-label={`${t.termKinds[term.kind]} ${term.id}`}>
      <CardHeader
        header={
          <Text weight="semibold">
            {t.termKinds[term.kind]} · {term.id}
          </Text>
        }
        description={term.description ? <Caption1>{term.description}</Caption1> : undefined}
      />
      <div className={styles.badges}>
        <Badge appearance="outline">{term.onInvoice ? t.onInvoice : t.offInvoice}</Badge>
        {hasTiers ? <Badge appearance="outline">{`${t.tierMethod}: ${term.tierMethod === 'marginal' ? t.marginal : t.allUnits}`}</Badge> : null}
        {hasTiers ? <Badge appearance="outline">{`${t.measuredOn}: ${t.measures[term.tierMeasure]}`}</Badge> : null}
        {edited ? (
          <Badge appearance="filled" color="warning">
            {t.edited}
          </Badge>
        ) : null}
      </div>
      {hasTiers ? (
        <TierTable term={term} issues={issues} t={t} onEdit={onEdit} />
      ) : (
        <NumberField
          label={label(t)}
          value={toShownRate(term, term.rate)}
          unit={unit}
          invalidText={t.invalidNumber}
          issue={issues.rate ? t.tierIssues[issues.rate] : undefined}
          testId={`term-${term.id}-rate`}
          onCommit={(v) => onEdit({ kind: 'rate', termId: term.id, rate: fromShownRate(term, v ?? 0) })}
        />
      )}
    </Card>
  );
});

export function TermsEditor({ customer, terms, issues, edited, t, onEdit }: TermsEditorProps) {
  const styles = useStyles();
  const customerIssues = issues[`customer:${customer.id}`] ?? {};
  return (
    <div className={styles.terms} data-testid="terms-editor">
      <NumberField
        label={t.paymentDays}
        value={customer.paymentDays}
        unit={undefined}
        invalidText={t.invalidNumber}
        issue={customerIssues.paymentDays ? t.tierIssues[customerIssues.paymentDays] : undefined}
        testId="payment-days"
        onCommit={(v) => onEdit({ kind: 'paymentDays', customerId: customer.id, days: v ?? 0 })}
      />
      {terms.length === 0 ? <Text>{t.noTerms}</Text> : null}
      {terms.map((term) => (
        <TermCard
          key={term.id}
          term={term}
          issues={issues[`term:${term.id}`] ?? NO_ISSUES}
          edited={edited.includes(`term:${term.id}`)}
          t={t}
          onEdit={onEdit}
        />
      ))}
    </div>
  );
}
