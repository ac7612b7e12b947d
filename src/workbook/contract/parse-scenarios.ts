/**
 * The negotiation's scenarios: the Scenarios table (one row per scenario of a customer) and the ScenarioChanges
 * table (its levers, one per row, in order). Each lever is checked against what it targets — a term, tier,
 * promotion or cost-to-serve kind of the scenario's customer — so a change on something missing is a located error,
 * never ignored. The value cell is read with the field's own type (a rate, MXN, units, a basis).
 */
import type {
  Basis,
  CostToServe,
  CostToServeKind,
  Promotion,
  PromotionField,
  Scenario,
  ScenarioChange,
  ScenarioKind,
  ScenarioStatus,
  Term,
} from '../../engine/model';
import { LEVER_FIELDS_OF, type LeverAction, type LeverField, type LeverTarget } from '../../engine/vocabulary';
import { dayOf, isoOfDay } from '../../engine/windows';
import { IdIndex, type ParseContext } from './context';
import { sourceOf } from './parse-customers';
import { readCustomer, readScope } from './parse-terms';
import * as P from './problems';
import {
  COST_KIND_VALUES,
  LEVER_ACTION_VALUES,
  LEVER_FIELD_VALUES,
  LEVER_TARGET_VALUES,
  TERM_BASIS_VALUES,
  type ColumnSpec,
} from './specs';
import { enumKeys, type BoundTable, type Column } from './table';
import { squash } from './normalize';

export function parseScenarios(t: BoundTable, ctx: ParseContext): Scenario[] {
  const out: Scenario[] = [];
  const index = new IdIndex();
  const cId = t.col('id');
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const id = t.text(r, cId);
    const customerId = readCustomer(t, r, ctx);
    const name = t.text(r, t.col('name'), true);
    const kind = (t.enumId(r, t.col('kind'), true) ?? 'proposal') as ScenarioKind;
    const status = (t.enumId(r, t.col('status'), true) ?? 'draft') as ScenarioStatus;
    const author = t.text(r, t.col('author'), true);
    const date = t.date(r, t.col('date'));
    const notes = t.text(r, t.col('notes'), true);
    if (id === '') continue;
    const earlier = index.add(id, t.rowNumber(r));
    if (earlier >= 0) {
      t.error(r, cId, 'duplicate_key', () => P.duplicateKey(id, index.rows[earlier]));
      continue;
    }
    out.push({
      id,
      customerId,
      changes: [],
      name: name || id,
      kind,
      status,
      author,
      date,
      notes,
      source: sourceOf(t, r),
    });
  }
  return out;
}

/** What the levers may point at: the model's terms, promotions and costs as parsed. */
export interface LeverTargets {
  terms: readonly Term[];
  promotions: readonly Promotion[];
  costToServe: readonly CostToServe[];
}

/** The value cell read as the field's type: a column spec of its own, named «Valor nuevo (tasa)». */
function valueSpec(field: LeverField, target: LeverTarget, base: ColumnSpec): ColumnSpec {
  const s = (type: ColumnSpec['type'], min?: number, max?: number, extra?: Partial<ColumnSpec>): ColumnSpec => ({
    ...base,
    type,
    min,
    max,
    ...extra,
  });
  switch (field) {
    case 'basis':
      return s('enum', undefined, undefined, { values: TERM_BASIS_VALUES });
    case 'from':
    case 'to':
      return s('measure', 0);
    case 'makerShare':
    case 'passThrough':
    case 'cannibalisation':
    case 'forwardBuy':
    case 'dip':
      return s('fraction', 0, 1);
    case 'uplift':
      return s('fraction', -1);
    case 'fixedCosts':
      return s('money', 0);
    case 'changePct':
      return target === 'volume' ? s('fraction', -1, 10) : s('fraction', -1, 1);
    default:
      return s('rate_or_amount', 0);
  }
}

/** Fields a blank value means something for: the elasticity's uplift, a tier with no upper bound. */
const BLANK_MEANS: ReadonlySet<LeverField> = new Set(['uplift', 'to']);

export function parseScenarioChanges(
  t: BoundTable,
  ctx: ParseContext,
  scenarios: readonly Scenario[],
  targets: LeverTargets,
): void {
  const c = {
    scenario: t.col('scenarioId'),
    action: t.col('action'),
    target: t.col('target'),
    targetId: t.col('targetId'),
    tier: t.col('tier'),
    field: t.col('field'),
    value: t.col('value'),
    dateFrom: t.col('dateFrom'),
    dateTo: t.col('dateTo'),
    basedOn: t.col('basedOn'),
  };
  const byId = new Map(scenarios.map((s) => [squash(s.id), s]));
  const costKeys = enumKeys(COST_KIND_VALUES);
  // Promotions a scenario adds, so later rows of the same scenario can change them.
  const added = new Map<Scenario, Set<string>>();
  const fieldWord = (f: LeverField) => LEVER_FIELD_VALUES.find((v) => v.id === f)!;
  const targetWord = (x: LeverTarget) => LEVER_TARGET_VALUES.find((v) => v.id === x)!;
  const actionWord = (x: LeverAction) => LEVER_ACTION_VALUES.find((v) => v.id === x)!;
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const sid = t.text(r, c.scenario);
    const scenario = sid === '' ? undefined : byId.get(squash(sid));
    if (sid !== '' && !scenario) t.error(r, c.scenario, 'unknown_scenario', () => P.unknownScenario(sid));
    const action = (t.enumId(r, c.action, true) ?? 'set') as LeverAction;
    const target = t.enumId(r, c.target) as LeverTarget | undefined;
    const targetId = t.text(r, c.targetId, true);
    let field = t.enumId(r, c.field, true) as LeverField | undefined;
    if (!scenario || target === undefined) continue;
    const customerId = scenario.customerId;
    const changes = scenario.changes as ScenarioChange[];
    const source = sourceOf(t, r);
    const push = (ch: ScenarioChange) => changes.push({ ...ch, source });
    const allowed: Record<LeverTarget, readonly LeverAction[]> = {
      term: ['set', 'remove'],
      term_tier: ['set'],
      promotion: ['set', 'add', 'remove'],
      price_change: ['set', 'add'],
      volume: ['set'],
      cost: ['set'],
    };
    if (!allowed[target].includes(action)) {
      t.error(r, c.action, 'action_not_for_target', () =>
        P.actionNotForTarget(actionWord(action), targetWord(target), allowed[target].map(actionWord)),
      );
      continue;
    }
    if (action === 'set') {
      field ??= target === 'price_change' || target === 'volume' ? 'changePct' : 'rate';
      if (!LEVER_FIELDS_OF[target].includes(field)) {
        const f = field;
        t.error(r, c.field, 'field_not_for_target', () =>
          P.fieldNotForTarget(fieldWord(f), targetWord(target), LEVER_FIELDS_OF[target].map(fieldWord)),
        );
        continue;
      }
    }
    const needsId = target === 'term' || target === 'term_tier' || target === 'promotion' || target === 'cost';
    if (needsId && targetId === '') {
      t.error(r, c.targetId, 'blank_required', P.blankRequired);
      continue;
    }
    const value = (f: LeverField): number | null | undefined => {
      const col: Column = {
        spec: valueSpec(f, target, c.value.spec),
        index: c.value.index,
        header: `${c.value.header} (${t.spanish ? fieldWord(f).es : fieldWord(f).en})`,
      };
      const x = t.number(r, col, BLANK_MEANS.has(f));
      if (x === undefined) return BLANK_MEANS.has(f) ? null : undefined;
      return Number.isNaN(x) ? undefined : x;
    };
    switch (target) {
      case 'term':
      case 'term_tier': {
        const term = termOf(t, r, c.targetId, targets.terms, targetId, customerId);
        if (!term) continue;
        if (action === 'remove') {
          push({ target: 'term_present', id: term.id, value: false });
          continue;
        }
        if (target === 'term' && field === 'basis') {
          const col: Column = {
            spec: valueSpec('basis', target, c.value.spec),
            index: c.value.index,
            header: c.value.header,
          };
          const basis = t.enumId(r, col) as Basis | undefined;
          if (basis !== undefined) push({ target: 'term', id: term.id, field: 'basis', value: basis });
          continue;
        }
        if (target === 'term') {
          const v = value('rate');
          if (v !== undefined && v !== null) push({ target: 'term', id: term.id, field: 'rate', value: v });
          continue;
        }
        const tier = t.number(r, c.tier);
        if (tier === undefined || Number.isNaN(tier)) continue;
        if (tier > term.tiers.length) {
          t.error(r, c.tier, 'unknown_tier', () => P.unknownTier(term.id, tier, term.tiers.length));
          continue;
        }
        const v = value(field!);
        if (v !== undefined) {
          push({ target: 'term_tier', id: term.id, index: tier - 1, field: field as 'from' | 'to' | 'rate', value: v });
        }
        continue;
      }
      case 'promotion': {
        const own = added.get(scenario) ?? new Set<string>();
        added.set(scenario, own);
        if (action === 'add') {
          const templateId = t.text(r, c.basedOn);
          if (templateId === '') continue;
          const template = targets.promotions.find((p) => squash(p.id) === squash(templateId));
          if (!template) {
            t.error(r, c.basedOn, 'unknown_promotion', () => P.unknownPromotion(templateId));
            continue;
          }
          if (targets.promotions.some((p) => squash(p.id) === squash(targetId)) || own.has(squash(targetId))) {
            t.error(r, c.targetId, 'duplicate_key', () => P.promotionIdTaken(targetId));
            continue;
          }
          const promotion = copyPromotion(t, r, ctx, c, template, targetId, customerId);
          if (!promotion) continue;
          own.add(squash(targetId));
          push({ target: 'promotion_add', promotion, basedOn: template.id });
          continue;
        }
        const known =
          own.has(squash(targetId)) ||
          targets.promotions.some((p) => squash(p.id) === squash(targetId) && p.customerId === customerId);
        if (!known) {
          if (targets.promotions.some((p) => squash(p.id) === squash(targetId) && p.customerId === '')) continue;
          const other = targets.promotions.find((p) => squash(p.id) === squash(targetId));
          t.error(r, c.targetId, other ? 'lever_other_customer' : 'unknown_promotion', () =>
            other ? P.leverOtherCustomer(targetId, other.customerId, customerId) : P.unknownPromotion(targetId),
          );
          continue;
        }
        const id =
          targets.promotions.find((p) => squash(p.id) === squash(targetId))?.id ??
          changes.find(
            (x): x is Extract<ScenarioChange, { target: 'promotion_add' }> =>
              x.target === 'promotion_add' && squash(x.promotion.id) === squash(targetId),
          )!.promotion.id;
        if (action === 'remove') {
          push({ target: 'promotion_present', id, value: false });
          continue;
        }
        const v = value(field!);
        if (v !== undefined) push({ target: 'promotion', id, field: field as PromotionField, value: v });
        continue;
      }
      case 'price_change': {
        const v = value('changePct');
        const scope = readScope(t, r, ctx);
        const effectiveDate = t.date(r, c.dateFrom);
        if (effectiveDate === '') t.error(r, c.dateFrom, 'blank_required', P.blankRequired);
        if (v === undefined || v === null || effectiveDate === '') continue;
        push({ target: 'price_change', scope, effectiveDate, changePct: v });
        continue;
      }
      case 'volume': {
        const v = value('changePct');
        const scope = readScope(t, r, ctx);
        if (v === undefined || v === null) continue;
        push({ target: 'volume', scope, changePct: v });
        continue;
      }
      case 'cost': {
        const kind = costKeys.get(squash(targetId)) as CostToServeKind | undefined;
        if (kind === undefined) {
          t.error(r, c.targetId, 'invalid_enum', () => P.invalidEnum(targetId, COST_KIND_VALUES));
          continue;
        }
        if (!targets.costToServe.some((x) => x.customerId === customerId && x.kind === kind)) {
          t.error(r, c.targetId, 'unknown_cost', () => P.unknownCost(targetId, customerId));
          continue;
        }
        const v = value('rate');
        if (v !== undefined && v !== null) push({ target: 'cost', kind, field: 'rate', value: v });
        continue;
      }
    }
  }
}

/** The term a lever names, if it is the scenario customer's (located errors otherwise). */
function termOf(
  t: BoundTable,
  r: number,
  col: Column,
  terms: readonly Term[],
  id: string,
  customerId: string,
): Term | undefined {
  const term = terms.find((x) => squash(x.id) === squash(id));
  if (!term) {
    t.error(r, col, 'unknown_term', () => P.unknownTerm(id));
    return undefined;
  }
  // A term whose own customer cell is wrong has its error already: no second error here.
  if (term.customerId === '') return undefined;
  if (term.customerId !== customerId) {
    t.error(r, col, 'lever_other_customer', () => P.leverOtherCustomer(id, term.customerId, customerId));
    return undefined;
  }
  return term;
}

/**
 * A promotion added by a scenario: a copy of an existing event (mechanic, funding, assumptions) for the scenario's
 * customer, with its own id, its in-store window from the row (the buy window keeps the template's lead) and, when
 * given, its own scope.
 */
function copyPromotion(
  t: BoundTable,
  r: number,
  ctx: ParseContext,
  c: { dateFrom: Column; dateTo: Column },
  template: Promotion,
  id: string,
  customerId: string,
): Promotion | undefined {
  // A template whose own windows did not read (its row's date errors are already reported) cannot be shifted.
  const days = [template.buyWindow.from, template.buyWindow.to, template.inStoreWindow.from, template.inStoreWindow.to];
  if (!days.every((d) => d !== '' && Number.isFinite(dayOf(d)))) return undefined;
  const from = t.date(r, c.dateFrom) || template.inStoreWindow.from;
  const to = t.date(r, c.dateTo) || template.inStoreWindow.to;
  if (dayOf(to) < dayOf(from)) {
    t.error(r, c.dateTo, 'dates_reversed', () => P.datesReversed(from, to));
    return undefined;
  }
  const shift = dayOf(from) - dayOf(template.inStoreWindow.from);
  const scopeGiven = t.text(r, t.col('scopeKind'), true) !== '';
  const { source: _source, ...rest } = template;
  void _source;
  return {
    ...rest,
    id,
    customerId,
    scope: scopeGiven ? readScope(t, r, ctx) : template.scope,
    inStoreWindow: { from, to },
    buyWindow: {
      from: isoOfDay(dayOf(template.buyWindow.from) + shift),
      to: isoOfDay(dayOf(template.buyWindow.to) + shift + (dayOf(to) - dayOf(from)) - windowLength(template)),
    },
  };
}

const windowLength = (p: Promotion) => dayOf(p.inStoreWindow.to) - dayOf(p.inStoreWindow.from);
