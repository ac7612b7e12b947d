/**
 * The selected customer's terms, editable: flat rates, fixed amounts, tiers (add, remove, edit) and payment days.
 * Each card names the variant the term uses (on/off invoice, basis, all-units vs marginal tiers, growth on the
 * excess or the whole base, price-neutral or nominal reference, allocation) and shows the engine's money with the
 * formula as applied, so a KAM and Finance read the same number the same way. Every accepted change is dispatched
 * at once, so the KPIs and the amounts recompute while the KAM types. The cards are a Fluent Accordion whose open
 * items the pane decides (openTerms): a customer with many terms fits a narrow pane with its cards closed.
 */
import { memo, useCallback, useMemo } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Card,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  type AccordionToggleEventHandler,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { Customer, Lang, Measure, Term, Tier } from '../../engine/model';
import type { TermResult } from '../../engine/results';
import { fromPercentPoints, toPercentPoints } from '../format';
import type { Texts } from '../i18n';
import { isFractionMeasure, isFractionRate, type FieldIssues, type TermEdit } from '../term-edits';
import { isEdited, ownerKey, type EditOwner } from '../state';
import { termViewOf } from '../views';
import { NumberField } from './NumberField';
import { EditorWalkAway, type LeverOption } from './WalkAway';

const useStyles = makeStyles({
  terms: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  cards: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: {
    padding: tokens.spacingHorizontalS,
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  // The disclosure button spans the card; its text wraps in a narrow pane.
  headerButton: {
    paddingLeft: 0,
    paddingRight: 0,
    minHeight: '32px',
    height: 'auto',
    textAlign: 'start',
    whiteSpace: 'normal',
  },
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginLeft: 0,
    marginRight: 0,
    paddingTop: tokens.spacingVerticalXS,
  },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  // Variant tags can be long ("Neutral a precio (año anterior a precios actuales)"): let them wrap in a narrow pane.
  tag: {
    whiteSpace: 'normal',
    height: 'auto',
    minHeight: '20px',
    textAlign: 'start',
    paddingTop: '1px',
    paddingBottom: '1px',
  },
  nowrap: { whiteSpace: 'nowrap' },
  metaLines: { display: 'flex', flexDirection: 'column' },
  meta: { color: tokens.colorNeutralForeground3 },
  notAgreed: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  money: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  formula: { overflowWrap: 'anywhere', fontFamily: tokens.fontFamilyBase },
  stale: { color: tokens.colorNeutralForeground3 },
  tierTable: { tableLayout: 'fixed', width: '100%' },
  tierCell: {
    verticalAlign: 'top',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: '2px',
    paddingRight: '2px',
  },
  removeCol: { width: '32px' },
  // Fluent's small button is 64 px wide at least: far too wide for the "×" column of a narrow pane.
  removeButton: { minWidth: '28px', width: '28px', paddingLeft: 0, paddingRight: 0 },
});

export interface TermsEditorProps {
  customer: Customer;
  terms: readonly Term[];
  /** The engine's result per term id (of the last valid computation). */
  results: ReadonlyMap<string, TermResult>;
  issues: Readonly<Record<string, FieldIssues>>;
  edited: readonly EditOwner[];
  t: Texts;
  lang: Lang;
  /** Financing cost of the payment days, shown under them. */
  paymentDaysHint?: string;
  /** Terms whose card is open (the rest show their heading, amount and badges only). */
  openTerms: readonly string[];
  onToggleTerm: (termId: string, open: boolean) => void;
  onEdit: (edit: TermEdit) => void;
}

function rateUnit(term: Term): { label: (t: Texts) => string; unit: string } {
  if (isFractionRate(term)) return { label: (t) => t.rate, unit: '%' };
  if (term.basis === 'fixed_amount') return { label: (t) => t.fixedAmount, unit: 'MXN' };
  return { label: (t) => t.ratePerUnit, unit: 'MXN/u' };
}

/** Unit of tier bounds, for the column header: units, MXN or growth percent points. */
function boundUnitOf(measure: Measure): string {
  if (measure === 'volume') return 'u';
  if (measure === 'gross_sales' || measure === 'invoice_sales') return 'MXN';
  return '%';
}

const toShownRate = (term: Term, rate: number) => (isFractionRate(term) ? toPercentPoints(rate) : rate);

/**
 * The term's numeric fields a walk-away can search: its rate, or each tier's rate, the bound each tier shares with
 * the one below (its «from»; the engine moves both tiers) and the last tier's cap.
 */
function termLevers(term: Term, t: Texts): LeverOption[] {
  const { label, unit } = rateUnit(term);
  if (term.tiers.length === 0)
    return [{ key: 'rate', label: label(t), ref: { target: 'term', id: term.id, field: 'rate' } }];
  const bound = boundUnitOf(term.tierMeasure);
  const last = term.tiers.length - 1;
  return term.tiers.flatMap((tier, i): LeverOption[] => {
    const own = (field: 'from' | 'to' | 'rate', text: string): LeverOption => ({
      key: `tier.${i}.${field}`,
      label: t.waTierField(i + 1, text),
      ref: { target: 'term_tier', id: term.id, index: i, field },
    });
    const out = [own('rate', `${t.tierRate} (${unit})`)];
    if (i > 0) out.push(own('from', `${t.tierFrom} (${bound})`));
    if (i === last && tier.to !== null) out.push(own('to', `${t.tierToShort} (${bound})`));
    return out;
  });
}

/** The tier the term's measure reaches (its rate is the walk-away's first pick), or the first. */
function reachedTier(term: Term, result: TermResult | undefined): number {
  const m = result?.measureValue;
  if (m === undefined || !Number.isFinite(m)) return 0;
  return term.tiers.reduce((at, tier, i) => (m >= tier.from ? i : at), 0);
}

interface TierRowProps {
  termId: string;
  index: number;
  /** Unchanged tiers keep their object through an edit (applyEdit copies only the edited one). */
  tier: Tier;
  fractionRate: boolean;
  fractionBound: boolean;
  boundUnit: string;
  rateUnit: string;
  fromIssue?: string;
  toIssue?: string;
  rateIssue?: string;
  t: Texts;
  onEdit: TermsEditorProps['onEdit'];
}

/**
 * One tier's inputs. Memoised, with callbacks stable per term and index: an edit re-renders only the row whose tier
 * changed (and in it only the input whose value moved), not every input of the card on every keystroke.
 */
const TierRow = memo(function TierRow(props: TierRowProps) {
  const {
    termId,
    index: i,
    tier,
    fractionRate,
    fractionBound,
    boundUnit,
    rateUnit,
    fromIssue,
    toIssue,
    rateIssue,
    t,
    onEdit,
  } = props;
  const styles = useStyles();
  const shownBound = (v: number) => (fractionBound ? toPercentPoints(v) : v);
  const onFrom = useCallback(
    (v: number | null) =>
      onEdit({ kind: 'tier', termId, index: i, tier: { from: fractionBound ? fromPercentPoints(v ?? 0) : (v ?? 0) } }),
    [onEdit, termId, i, fractionBound],
  );
  const onTo = useCallback(
    (v: number | null) =>
      onEdit({
        kind: 'tier',
        termId,
        index: i,
        tier: { to: v === null ? null : fractionBound ? fromPercentPoints(v) : v },
      }),
    [onEdit, termId, i, fractionBound],
  );
  const onRate = useCallback(
    (v: number | null) =>
      onEdit({ kind: 'tier', termId, index: i, tier: { rate: fractionRate ? fromPercentPoints(v ?? 0) : (v ?? 0) } }),
    [onEdit, termId, i, fractionRate],
  );
  return (
    <TableRow data-testid={`tier-${termId}-${i}`}>
      <TableCell className={styles.tierCell}>
        <NumberField
          hideLabel
          size="small"
          label={`${t.tierFrom} (${boundUnit}) (${termId}, ${i + 1})`}
          value={shownBound(tier.from)}
          invalidText={t.invalidNumber}
          issue={fromIssue}
          testId={`tier-${termId}-${i}-from`}
          onCommit={onFrom}
        />
      </TableCell>
      <TableCell className={styles.tierCell}>
        <NumberField
          hideLabel
          size="small"
          allowEmpty
          label={`${t.tierTo} (${boundUnit}) (${termId}, ${i + 1})`}
          placeholder={t.noLimit}
          value={tier.to === null ? null : shownBound(tier.to)}
          invalidText={t.invalidNumber}
          issue={toIssue}
          testId={`tier-${termId}-${i}-to`}
          onCommit={onTo}
        />
      </TableCell>
      <TableCell className={styles.tierCell}>
        <NumberField
          hideLabel
          size="small"
          label={`${t.tierRate} (${rateUnit}) (${termId}, ${i + 1})`}
          value={fractionRate ? toPercentPoints(tier.rate) : tier.rate}
          invalidText={t.invalidNumber}
          issue={rateIssue}
          testId={`tier-${termId}-${i}-rate`}
          onCommit={onRate}
        />
      </TableCell>
      <TableCell className={mergeClasses(styles.tierCell, styles.removeCol)}>
        <Button
          size="small"
          appearance="subtle"
          className={styles.removeButton}
          aria-label={`${t.removeTier} ${i + 1} (${termId})`}
          title={t.removeTier}
          onClick={() => onEdit({ kind: 'removeTier', termId, index: i })}
        >
          ×
        </Button>
      </TableCell>
    </TableRow>
  );
});

function TierTable({
  term,
  issues,
  t,
  onEdit,
}: {
  term: Term;
  issues: FieldIssues;
  t: Texts;
  onEdit: TermsEditorProps['onEdit'];
}) {
  const styles = useStyles();
  const boundUnit = boundUnitOf(term.tierMeasure);
  const { unit } = rateUnit(term);
  const issue = (field: string) => (issues[field] ? t.tierIssues[issues[field]] : undefined);
  // Units go in the headers, not inside each input, so three inputs and a button fit in 320 px.
  return (
    <>
      <Table size="extra-small" className={styles.tierTable} aria-label={`${t.tiers} ${term.id}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.tierCell}>{`${t.tierFrom} (${boundUnit})`}</TableHeaderCell>
            <TableHeaderCell className={styles.tierCell}>{`${t.tierToShort} (${boundUnit})`}</TableHeaderCell>
            <TableHeaderCell className={styles.tierCell}>{`${t.tierRate} (${unit})`}</TableHeaderCell>
            <TableHeaderCell className={mergeClasses(styles.tierCell, styles.removeCol)} aria-label={t.removeTier} />
          </TableRow>
        </TableHeader>
        <TableBody>
          {term.tiers.map((tier, i) => (
            <TierRow
              key={i}
              termId={term.id}
              index={i}
              tier={tier}
              fractionRate={isFractionRate(term)}
              fractionBound={isFractionMeasure(term)}
              boundUnit={boundUnit}
              rateUnit={unit}
              fromIssue={issue(`tier.${i}.from`)}
              toIssue={issue(`tier.${i}.to`)}
              rateIssue={issue(`tier.${i}.rate`)}
              t={t}
              onEdit={onEdit}
            />
          ))}
        </TableBody>
      </Table>
      <div>
        <Button
          size="small"
          onClick={() => onEdit({ kind: 'addTier', termId: term.id })}
          aria-label={`${t.addTier} (${term.id})`}
        >
          {t.addTier}
        </Button>
      </div>
    </>
  );
}

const NO_ISSUES: FieldIssues = {};

/** Id of a term's card, so the findings list can bring the KAM to it. */
export const termCardId = (termId: string) => `ttm-term-${termId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

interface TermCardProps {
  term: Term;
  result: TermResult | undefined;
  issues: FieldIssues;
  edited: boolean;
  t: Texts;
  lang: Lang;
  onEdit: TermsEditorProps['onEdit'];
}

/** What a card shows of its term result: a recomputed result with the same money and formula repaints nothing. */
function sameShownResult(a: TermResult | undefined, b: TermResult | undefined, lang: Lang): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.amount === b.amount &&
    a.formula[lang] === b.formula[lang] &&
    a.conditionMet === b.conditionMet &&
    a.findings.length === b.findings.length
  );
}

function sameCardProps(prev: TermCardProps, next: TermCardProps): boolean {
  return (
    prev.term === next.term &&
    prev.issues === next.issues &&
    prev.edited === next.edited &&
    prev.t === next.t &&
    prev.lang === next.lang &&
    prev.onEdit === next.onEdit &&
    sameShownResult(prev.result, next.result, next.lang)
  );
}

/**
 * Memoised: an edit replaces only its own term object, and recomputing the customer gives new result objects for
 * all its terms but new money only where it changed; so only the cards whose figures moved re-render and the edit
 * repaints fast (the pane's edit→paint target is 50 ms). A card is an accordion item: its heading is the disclosure
 * button, its amount and badges always show, its detail and inputs only while open.
 */
const TermCard = memo(function TermCard({ term, result, issues, edited, t, lang, onEdit }: TermCardProps) {
  const styles = useStyles();
  const { label, unit } = rateUnit(term);
  const hasTiers = term.tiers.length > 0;
  const view = termViewOf(term, result, t, lang);
  const fractionRate = isFractionRate(term);
  const onRate = useCallback(
    (v: number | null) =>
      onEdit({ kind: 'rate', termId: term.id, rate: fractionRate ? fromPercentPoints(v ?? 0) : (v ?? 0) }),
    [onEdit, term.id, fractionRate],
  );
  // While this term's edit is refused, its money is the last valid computation: say so.
  const stale = Object.keys(issues).length > 0;
  const name = `${t.termKinds[term.kind]} ${term.id}`;
  const levers = useMemo(() => termLevers(term, t), [term, t]);
  return (
    <Card
      className={styles.card}
      id={termCardId(term.id)}
      tabIndex={-1}
      data-testid={`term-${term.id}`}
      aria-label={name}
    >
      <AccordionItem value={term.id}>
        <AccordionHeader
          as="h3"
          size="small"
          expandIconPosition="end"
          button={{ className: styles.headerButton, 'data-testid': `term-${term.id}-toggle` } as object}
        >
          <Text weight="semibold" size={300}>
            {t.termKinds[term.kind]} · {term.id}
          </Text>
        </AccordionHeader>
        <div className={styles.summary}>
          {view.amount !== null ? (
            <Text size={200}>
              {t.amount}
              {stale ? <span className={styles.stale}>{` (${t.lastValid})`}</span> : null}{' '}
              <Text
                size={300}
                weight="semibold"
                className={styles.amount}
                data-testid={`term-${term.id}-amount`}
                data-value={String(view.amountRaw)}
              >
                {view.amount}
              </Text>
            </Text>
          ) : null}
          {view.findings > 0 ? (
            <Badge appearance="filled" color="warning" shape="rounded" className={styles.tag}>
              {t.findingCount(view.findings)}
            </Badge>
          ) : null}
          {edited ? (
            <Badge appearance="filled" color="informative" shape="rounded" className={styles.tag}>
              {t.edited}
            </Badge>
          ) : null}
        </div>
        <AccordionPanel className={styles.panel}>
          {term.description ? <Caption1>{term.description}</Caption1> : null}
          <div className={styles.badges} data-testid={`term-${term.id}-variants`}>
            {view.variants.map((v) => (
              <Badge key={v} appearance="outline" shape="rounded" className={styles.tag}>
                {v}
              </Badge>
            ))}
          </div>
          <div className={styles.metaLines}>
            <Caption1 className={styles.meta}>{view.span}</Caption1>
            <Caption1
              className={view.agreement.agreed ? styles.meta : styles.notAgreed}
              data-testid={`term-${term.id}-agreement`}
            >
              {view.agreement.text}
              {view.agreement.evidence ? (
                <>
                  {' · '}
                  <span className={styles.nowrap}>{view.agreement.evidence}</span>
                </>
              ) : null}
            </Caption1>
          </div>
          {view.condition ? <Caption1 data-testid={`term-${term.id}-condition`}>{view.condition}</Caption1> : null}
          {view.formula !== null ? (
            <div className={styles.money}>
              <Caption1 className={styles.formula} data-testid={`term-${term.id}-formula`}>
                {`${t.appliedFormula}: ${view.formula}`}
              </Caption1>
            </div>
          ) : null}
          {hasTiers ? (
            <TierTable term={term} issues={issues} t={t} onEdit={onEdit} />
          ) : (
            <NumberField
              label={label(t)}
              context={name}
              value={toShownRate(term, term.rate)}
              unit={unit}
              invalidText={t.invalidNumber}
              issue={issues.rate ? t.tierIssues[issues.rate] : undefined}
              testId={`term-${term.id}-rate`}
              onCommit={onRate}
            />
          )}
          <EditorWalkAway
            levers={levers}
            defaultLever={hasTiers ? `tier.${reachedTier(term, result)}.rate` : 'rate'}
            subject={term}
            context={name}
            t={t}
            lang={lang}
            testId={`term-${term.id}-walkaway`}
          />
        </AccordionPanel>
      </AccordionItem>
    </Card>
  );
}, sameCardProps);

export function TermsEditor({
  customer,
  terms,
  results,
  issues,
  edited,
  t,
  lang,
  paymentDaysHint,
  openTerms,
  onToggleTerm,
  onEdit,
}: TermsEditorProps) {
  const styles = useStyles();
  const customerIssues = issues[ownerKey({ kind: 'customer', id: customer.id })] ?? {};
  const onPaymentDays = useCallback(
    (v: number | null) => onEdit({ kind: 'paymentDays', customerId: customer.id, days: v ?? 0 }),
    [onEdit, customer.id],
  );
  const onToggle: AccordionToggleEventHandler<string> = (_, data) =>
    onToggleTerm(data.value, data.openItems.includes(data.value));
  const someClosed = terms.some((term) => !openTerms.includes(term.id));
  return (
    <div className={styles.terms} data-testid="terms-editor">
      <NumberField
        label={t.paymentDays}
        context={customer.name}
        value={customer.paymentDays}
        unit={t.days}
        hint={paymentDaysHint}
        invalidText={t.invalidNumber}
        issue={customerIssues.paymentDays ? t.tierIssues[customerIssues.paymentDays] : undefined}
        testId="payment-days"
        onCommit={onPaymentDays}
      />
      {terms.length === 0 ? <Text>{t.noTerms}</Text> : null}
      {someClosed ? <Caption1 className={styles.meta}>{t.termsCollapsedHint}</Caption1> : null}
      <Accordion<string>
        multiple
        collapsible
        openItems={openTerms as string[]}
        onToggle={onToggle}
        className={styles.cards}
      >
        {terms.map((term) => (
          <TermCard
            key={term.id}
            term={term}
            result={results.get(term.id)}
            issues={issues[ownerKey({ kind: 'term', id: term.id })] ?? NO_ISSUES}
            edited={isEdited(edited, 'term', term.id)}
            t={t}
            lang={lang}
            onEdit={onEdit}
          />
        ))}
      </Accordion>
    </div>
  );
}
