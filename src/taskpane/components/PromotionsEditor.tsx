/**
 * The selected customer's promotional events, ranked by the headline ROI, each a card with its mechanics, windows
 * and key figures (lift, incremental units, maker spend, incremental profit, ROI, full cost and ROI on it,
 * break-even uplift), and, once opened, its editable depth, uplift, funding type and rate, maker's share and windows.
 * Then the price changes that apply to the customer, with their date and size editable and the volume response the
 * engine gives them. As in the terms editor, every accepted change is dispatched at once and the cards are memoised,
 * so only the figures that moved repaint.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Caption1,
  Card,
  Field,
  Select,
  Text,
  makeStyles,
  tokens,
  type AccordionToggleEventHandler,
} from '@fluentui/react-components';
import { idsOf, PROMO_FUNDINGS, type PromotionResult } from '../../engine';
import type { Lang, PriceChange, PromoFunding, Promotion, RoiVariant } from '../../engine/model';
import { fromPercentPoints, toPercentPoints } from '../format';
import type { Texts } from '../i18n';
import { priceChangeTitleOf, promotionViewOf, sameShownPromotion, scopeTextOf, type Figure } from '../lever-views';
import { hasDepth, isMoneyDepth, type PaneEdit, type PromotionNumber, type PromotionWindow } from '../promo-edits';
import { isEdited, ownerKey, type EditOwner } from '../state';
import type { FieldIssues } from '../term-edits';
import { Amount } from './PnlSummary';
import { DateField } from './DateField';
import { NumberField } from './NumberField';
import { EditorWalkAway, type LeverOption } from './WalkAway';

const FUNDINGS = idsOf(PROMO_FUNDINGS);

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingHorizontalS, gap: tokens.spacingVerticalXS, minWidth: 0 },
  headerButton: {
    paddingLeft: 0,
    paddingRight: 0,
    minHeight: '32px',
    height: 'auto',
    textAlign: 'start',
    whiteSpace: 'normal',
  },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  metaLines: { display: 'flex', flexDirection: 'column' },
  // Label above value, as many columns as fit: two in a 320 px pane, four in a wide one.
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(128px, 1fr))',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  figure: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  figureLabel: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  figureValue: {
    margin: 0,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  // The value does not wrap; its note (why it is undefined, what the full cost is made of) does.
  figureNote: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightRegular,
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
  },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginLeft: 0,
    marginRight: 0,
    paddingTop: tokens.spacingVerticalXS,
  },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(132px, 1fr))',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    alignItems: 'start',
  },
  select: { minWidth: 0, width: '100%' },
  tag: { whiteSpace: 'normal', height: 'auto', minHeight: '20px', textAlign: 'start' },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  stale: { color: tokens.colorNeutralForeground3 },
});

const NO_ISSUES: FieldIssues = {};

/** Id of an event's card element. */
export const promotionCardId = (id: string) => `ttm-promo-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function Figures({ figures, promotionId }: { figures: readonly Figure[]; promotionId: string }) {
  const styles = useStyles();
  return (
    <dl className={styles.figures} data-testid={`promo-${promotionId}-figures`}>
      {figures.map((fig) => (
        <div key={fig.id} className={styles.figure}>
          <dt className={styles.figureLabel}>{fig.label}</dt>
          <dd
            className={styles.figureValue}
            data-testid={`promo-${promotionId}-${fig.id}`}
            data-value={fig.raw === null ? '' : String(fig.raw)}
          >
            <Amount short={fig.value} exact={fig.exact} />
            {fig.note ? <div className={styles.figureNote}>{fig.note}</div> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

interface PromotionCardProps {
  promotion: Promotion;
  result: PromotionResult | undefined;
  variant: RoiVariant;
  issues: FieldIssues;
  edited: boolean;
  t: Texts;
  lang: Lang;
  onEdit: (edit: PaneEdit) => void;
}

function sameCardProps(a: PromotionCardProps, b: PromotionCardProps): boolean {
  return (
    a.promotion === b.promotion &&
    a.variant === b.variant &&
    a.issues === b.issues &&
    a.edited === b.edited &&
    a.t === b.t &&
    a.lang === b.lang &&
    a.onEdit === b.onEdit &&
    sameShownPromotion(a.result, b.result)
  );
}

/** An event's numeric edit from what its input shows (percent points for fractions). */
function numberEdit(promotionId: string, field: PromotionNumber, shown: number | null, percent: boolean): PaneEdit {
  return {
    kind: 'promotion',
    promotionId,
    field,
    value: shown === null ? null : percent ? fromPercentPoints(shown) : shown,
  };
}

function windowEdit(promotionId: string, window: PromotionWindow, end: 'from' | 'to', date: string): PaneEdit {
  return { kind: 'promotionWindow', promotionId, window, end, date };
}

/** The event's numeric fields a walk-away can search: depth, uplift (when given), funding and the maker's share. */
function promotionLevers(p: Promotion, t: Texts): LeverOption[] {
  const lever = (field: 'depth' | 'uplift' | 'fundingRate' | 'makerShare', label: string): LeverOption => ({
    key: field,
    label,
    ref: { target: 'promotion', id: p.id, field },
  });
  const out: LeverOption[] = [];
  if (hasDepth(p)) out.push(lever('depth', isMoneyDepth(p) ? t.depthAmount : t.depthPct));
  out.push(lever('fundingRate', p.funding === 'lump_sum' ? t.fundingLumpSum : t.fundingPerUnit));
  out.push(lever('makerShare', t.makerShare));
  if (p.uplift !== null) out.push(lever('uplift', t.uplift));
  return out;
}

const PromotionCard = memo(function PromotionCard(props: PromotionCardProps) {
  const { promotion: p, result, variant, issues, edited, t, lang, onEdit } = props;
  const styles = useStyles();
  const id = p.id;
  const view = promotionViewOf(p, result, variant, t, lang);
  const moneyDepth = isMoneyDepth(p);
  // Stable callbacks per field: the NumberFields and DateFields are memoised on them.
  const onDepth = useCallback(
    (v: number | null) => onEdit(numberEdit(id, 'depth', v ?? 0, !moneyDepth)),
    [onEdit, id, moneyDepth],
  );
  const onUplift = useCallback((v: number | null) => onEdit(numberEdit(id, 'uplift', v, true)), [onEdit, id]);
  const onFundingRate = useCallback(
    (v: number | null) => onEdit(numberEdit(id, 'fundingRate', v ?? 0, false)),
    [onEdit, id],
  );
  const onMakerShare = useCallback(
    (v: number | null) => onEdit(numberEdit(id, 'makerShare', v ?? 0, true)),
    [onEdit, id],
  );
  const onBuyFrom = useCallback((d: string) => onEdit(windowEdit(id, 'buyWindow', 'from', d)), [onEdit, id]);
  const onBuyTo = useCallback((d: string) => onEdit(windowEdit(id, 'buyWindow', 'to', d)), [onEdit, id]);
  const onStoreFrom = useCallback((d: string) => onEdit(windowEdit(id, 'inStoreWindow', 'from', d)), [onEdit, id]);
  const onStoreTo = useCallback((d: string) => onEdit(windowEdit(id, 'inStoreWindow', 'to', d)), [onEdit, id]);
  const windowCallbacks = {
    buyWindow: { from: onBuyFrom, to: onBuyTo },
    inStoreWindow: { from: onStoreFrom, to: onStoreTo },
  };
  const issue = (field: string) => (issues[field] ? t.tierIssues[issues[field]] : undefined);
  const stale = Object.keys(issues).length > 0;
  const lump = p.funding === 'lump_sum';
  const levers = useMemo(() => promotionLevers(p, t), [p, t]);
  return (
    <Card
      className={styles.card}
      id={promotionCardId(id)}
      tabIndex={-1}
      data-testid={`promo-${id}`}
      aria-label={`${id} · ${view.mechanics}`}
    >
      <AccordionItem value={id}>
        <AccordionHeader
          as="h3"
          size="small"
          expandIconPosition="end"
          button={{ className: styles.headerButton, 'data-testid': `promo-${id}-toggle` } as object}
        >
          <Text weight="semibold" size={300}>
            {id} · {view.mechanics}
          </Text>
        </AccordionHeader>
        <div className={styles.metaLines}>
          {view.windows.map((w) => (
            <Caption1 key={w} className={styles.meta}>
              {w}
            </Caption1>
          ))}
          <Caption1 className={styles.meta}>{t.promoFundings[p.funding]}</Caption1>
        </div>
        {stale || edited ? (
          <div className={styles.badges}>
            {edited ? (
              <Badge appearance="filled" color="informative" shape="rounded" className={styles.tag}>
                {t.edited}
              </Badge>
            ) : null}
            {stale ? <Caption1 className={styles.stale}>{t.lastValid}</Caption1> : null}
          </div>
        ) : null}
        <Figures figures={view.figures} promotionId={id} />
        <AccordionPanel className={styles.panel}>
          <div className={styles.fields}>
            {hasDepth(p) ? (
              <NumberField
                label={moneyDepth ? t.depthAmount : t.depthPct}
                context={id}
                value={moneyDepth ? p.depth : toPercentPoints(p.depth)}
                invalidText={t.invalidNumber}
                issue={issue('depth')}
                testId={`promo-${id}-depth`}
                onCommit={onDepth}
              />
            ) : null}
            <NumberField
              label={t.uplift}
              context={id}
              allowEmpty
              placeholder={t.upliftFromElasticity}
              value={p.uplift === null ? null : toPercentPoints(p.uplift)}
              hint={view.upliftApplied ?? undefined}
              invalidText={t.invalidNumber}
              issue={issue('uplift')}
              testId={`promo-${id}-uplift`}
              onCommit={onUplift}
            />
            <FundingSelect promotionId={id} funding={p.funding} t={t} onEdit={onEdit} />
            <NumberField
              label={lump ? t.fundingLumpSum : t.fundingPerUnit}
              context={id}
              value={p.fundingRate}
              invalidText={t.invalidNumber}
              issue={issue('fundingRate')}
              testId={`promo-${id}-fundingRate`}
              onCommit={onFundingRate}
            />
            <NumberField
              label={t.makerShare}
              context={id}
              value={toPercentPoints(p.makerShare)}
              invalidText={t.invalidNumber}
              issue={issue('makerShare')}
              testId={`promo-${id}-makerShare`}
              onCommit={onMakerShare}
            />
          </div>
          <div className={styles.fields}>
            {(['buyWindow', 'inStoreWindow'] as const).map((w) =>
              (['from', 'to'] as const).map((end) => {
                const label = w === 'buyWindow' ? t.buyWindow : t.inStoreWindow;
                return (
                  <DateField
                    key={`${w}.${end}`}
                    label={end === 'from' ? t.windowFrom(label) : t.windowTo(label)}
                    context={id}
                    value={p[w][end]}
                    placeholder={t.dateFormat}
                    invalidText={t.invalidDate}
                    issue={issue(`${w}.${end}`)}
                    testId={`promo-${id}-${w}-${end}`}
                    onCommit={windowCallbacks[w][end]}
                  />
                );
              }),
            )}
          </div>
          <EditorWalkAway levers={levers} subject={p} context={id} t={t} lang={lang} testId={`promo-${id}-walkaway`} />
        </AccordionPanel>
      </AccordionItem>
    </Card>
  );
}, sameCardProps);

function FundingSelect(props: {
  promotionId: string;
  funding: PromoFunding;
  t: Texts;
  onEdit: (edit: PaneEdit) => void;
}) {
  const { promotionId, funding, t, onEdit } = props;
  const styles = useStyles();
  return (
    <Field label={t.funding}>
      <Select
        className={styles.select}
        value={funding}
        aria-label={`${t.funding} · ${promotionId}`}
        data-testid={`promo-${promotionId}-funding`}
        onChange={(_, d) => onEdit({ kind: 'promotionFunding', promotionId, funding: d.value as PromoFunding })}
      >
        {FUNDINGS.map((f) => (
          <option key={f} value={f}>
            {t.promoFundings[f]}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A customer with more events than this sees their cards closed (edited ones and ones with issues open). */
export const FEW_EVENTS = 3;

export interface PromotionsEditorProps {
  /** The customer's events, already ranked. */
  promotions: readonly Promotion[];
  results: ReadonlyMap<string, PromotionResult>;
  variant: RoiVariant;
  issues: Readonly<Record<string, FieldIssues>>;
  edited: readonly EditOwner[];
  t: Texts;
  lang: Lang;
  onEdit: (edit: PaneEdit) => void;
}

export function PromotionsEditor(props: PromotionsEditorProps) {
  const { promotions, results, variant, issues, edited, t, lang, onEdit } = props;
  const styles = useStyles();
  // Cards the KAM opened or closed by hand; the others follow the defaults.
  const [choices, setChoices] = useState<Readonly<Record<string, boolean>>>({});
  const few = promotions.length <= FEW_EVENTS;
  const open = promotions
    .filter(
      (p) =>
        choices[p.id] ??
        (few || isEdited(edited, 'promotion', p.id) || ownerKey({ kind: 'promotion', id: p.id }) in issues),
    )
    .map((p) => p.id);
  const onToggle: AccordionToggleEventHandler<string> = (_, data) =>
    setChoices((c) => ({ ...c, [data.value]: data.openItems.includes(data.value) }));
  if (promotions.length === 0) return <Text>{t.noPromotions}</Text>;
  return (
    <div className={styles.list} data-testid="promotions-editor">
      <Caption1 className={styles.meta}>{t.promotionsRanked(t.roiVariants[variant])}</Caption1>
      <Accordion<string> multiple collapsible openItems={open} onToggle={onToggle} className={styles.list}>
        {promotions.map((p) => (
          <PromotionCard
            key={p.id}
            promotion={p}
            result={results.get(p.id)}
            variant={variant}
            issues={issues[ownerKey({ kind: 'promotion', id: p.id })] ?? NO_ISSUES}
            edited={isEdited(edited, 'promotion', p.id)}
            t={t}
            lang={lang}
            onEdit={onEdit}
          />
        ))}
      </Accordion>
    </div>
  );
}

interface PriceChangeCardProps {
  index: number;
  change: PriceChange;
  /** Customer's name when the change is its own; null when it applies to every customer. */
  onlyFor: string | null;
  volumeResponse: string;
  issues: FieldIssues;
  edited: boolean;
  t: Texts;
  lang: Lang;
  onEdit: (edit: PaneEdit) => void;
}

const PriceChangeCard = memo(function PriceChangeCard(props: PriceChangeCardProps) {
  const { index, change, onlyFor, volumeResponse, issues, edited, t, lang, onEdit } = props;
  const styles = useStyles();
  const name = t.priceChangeOwner(index + 1);
  const byPrice = change.newListPrice !== null;
  const onDate = useCallback((date: string) => onEdit({ kind: 'priceChangeDate', index, date }), [onEdit, index]);
  const onPct = useCallback(
    (v: number | null) => onEdit({ kind: 'priceChangePct', index, changePct: fromPercentPoints(v ?? 0) }),
    [onEdit, index],
  );
  const onPrice = useCallback(
    (v: number | null) => onEdit({ kind: 'priceChangePrice', index, newListPrice: v ?? 0 }),
    [onEdit, index],
  );
  const issue = (field: string) => (issues[field] ? t.tierIssues[issues[field]] : undefined);
  return (
    <Card className={styles.card} data-testid={`price-change-${index}`} aria-label={name}>
      <Text as="h3" weight="semibold" size={300}>
        {priceChangeTitleOf(change, t, lang)}
      </Text>
      <div className={styles.metaLines}>
        <Caption1 className={styles.meta}>
          {onlyFor === null ? t.priceChangeEveryone : t.priceChangeOnly(onlyFor)}
        </Caption1>
        <Caption1 className={styles.meta}>{scopeTextOf(change.scope, t)}</Caption1>
      </div>
      {edited ? (
        <div className={styles.badges}>
          <Badge appearance="filled" color="informative" shape="rounded" className={styles.tag}>
            {t.edited}
          </Badge>
        </div>
      ) : null}
      <div className={styles.fields}>
        <DateField
          label={t.effectiveDate}
          context={name}
          value={change.effectiveDate}
          placeholder={t.dateFormat}
          invalidText={t.invalidDate}
          issue={issue('effectiveDate')}
          testId={`price-change-${index}-date`}
          onCommit={onDate}
        />
        {byPrice ? (
          <NumberField
            label={t.newListPrice}
            context={name}
            value={change.newListPrice}
            invalidText={t.invalidNumber}
            issue={issue('newListPrice')}
            testId={`price-change-${index}-price`}
            onCommit={onPrice}
          />
        ) : (
          <NumberField
            label={t.changePct}
            context={name}
            value={toPercentPoints(change.changePct)}
            invalidText={t.invalidNumber}
            issue={issue('changePct')}
            testId={`price-change-${index}-pct`}
            onCommit={onPct}
          />
        )}
      </div>
      <Caption1 data-testid={`price-change-${index}-response`}>{volumeResponse}</Caption1>
    </Card>
  );
});

export interface PriceChangesEditorProps {
  changes: readonly { index: number; change: PriceChange; volumeResponse: string }[];
  customerName: string;
  issues: Readonly<Record<string, FieldIssues>>;
  edited: readonly EditOwner[];
  t: Texts;
  lang: Lang;
  onEdit: (edit: PaneEdit) => void;
}

export function PriceChangesEditor(props: PriceChangesEditorProps) {
  const { changes, customerName, issues, edited, t, lang, onEdit } = props;
  const styles = useStyles();
  if (changes.length === 0) return <Text>{t.noPriceChanges}</Text>;
  return (
    <div className={styles.list} data-testid="price-changes-editor">
      {changes.map(({ index, change, volumeResponse }) => (
        <PriceChangeCard
          key={index}
          index={index}
          change={change}
          onlyFor={change.customerId === '' ? null : customerName}
          volumeResponse={volumeResponse}
          issues={issues[ownerKey({ kind: 'price_change', id: String(index) })] ?? NO_ISSUES}
          edited={isEdited(edited, 'price_change', String(index))}
          t={t}
          lang={lang}
          onEdit={onEdit}
        />
      ))}
    </div>
  );
}
