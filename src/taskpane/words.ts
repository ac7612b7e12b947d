/**
 * The pane's labels for domain words, derived from the engine's vocabulary and term-kind descriptors (the same
 * source as the contract's allowed values and the result sheets), so the pane and the sheets always agree.
 * Titles (kinds, channels, funding types) are capitalised; measures carry their unit, as the tier headers need it.
 *
 * @example
 * paneWords('es').channels.modern // 'Moderno' (the sheet writes 'moderno')
 * paneWords('en').measures.volume // 'volume (units)'
 */
import type { Lang } from '../engine/model';
import { TERM_KINDS, type TermKind } from '../engine/term-kinds';
import {
  ALLOCATION_KEYS,
  BASES,
  CHANNELS,
  ELASTICITY_FORMS,
  GUARDRAILS,
  labelOf,
  MEASURE_UNITS,
  MEASURES,
  PROMO_FUNDINGS,
  PROMO_MECHANICS,
  ROI_VARIANTS,
  SCENARIO_KINDS,
  SCENARIO_STATUSES,
  SCOPE_KINDS,
  type AllocationKey,
  type Basis,
  type Channel,
  type ElasticityForm,
  type GuardrailId,
  type IdOf,
  type Measure,
  type PromoFunding,
  type PromoMechanic,
  type RoiVariant,
  type ScenarioKind,
  type ScenarioStatus,
  type ScopeKind,
  type Word,
} from '../engine/vocabulary';

function record<const W extends readonly Word[]>(
  words: W,
  text: (id: IdOf<W>) => string,
): Readonly<Record<IdOf<W>, string>> {
  return Object.fromEntries(words.map((w) => [w.id, text(w.id as IdOf<W>)])) as Record<IdOf<W>, string>;
}

export interface PaneWords {
  termKinds: Readonly<Record<TermKind, string>>;
  channels: Readonly<Record<Channel, string>>;
  measures: Readonly<Record<Measure, string>>;
  bases: Readonly<Record<Basis, string>>;
  allocations: Readonly<Record<AllocationKey, string>>;
  /** Event mechanics, capitalised (the first one starts a card's line). */
  promoMechanics: Readonly<Record<PromoMechanic, string>>;
  promoFundings: Readonly<Record<PromoFunding, string>>;
  scopeKinds: Readonly<Record<ScopeKind, string>>;
  roiVariants: Readonly<Record<RoiVariant, string>>;
  elasticityForms: Readonly<Record<ElasticityForm, string>>;
  /** Scenario kinds and statuses, capitalised (badges, pickers). */
  scenarioKinds: Readonly<Record<ScenarioKind, string>>;
  scenarioStatuses: Readonly<Record<ScenarioStatus, string>>;
  /** Finance's limits, capitalised ("Contribución mínima"). */
  guardrails: Readonly<Record<GuardrailId, string>>;
}

export function paneWords(lang: Lang): PaneWords {
  return {
    termKinds: record(TERM_KINDS, (id) => labelOf(TERM_KINDS, id, lang, { sentence: true })),
    channels: record(CHANNELS, (id) => labelOf(CHANNELS, id, lang, { sentence: true })),
    measures: record(MEASURES, (id) => `${labelOf(MEASURES, id, lang)} (${MEASURE_UNITS[id][lang]})`),
    bases: record(BASES, (id) => labelOf(BASES, id, lang)),
    allocations: record(ALLOCATION_KEYS, (id) => labelOf(ALLOCATION_KEYS, id, lang)),
    promoMechanics: record(PROMO_MECHANICS, (id) => labelOf(PROMO_MECHANICS, id, lang)),
    promoFundings: record(PROMO_FUNDINGS, (id) => labelOf(PROMO_FUNDINGS, id, lang, { sentence: true })),
    scopeKinds: record(SCOPE_KINDS, (id) => labelOf(SCOPE_KINDS, id, lang)),
    roiVariants: record(ROI_VARIANTS, (id) => labelOf(ROI_VARIANTS, id, lang)),
    elasticityForms: record(ELASTICITY_FORMS, (id) => labelOf(ELASTICITY_FORMS, id, lang)),
    scenarioKinds: record(SCENARIO_KINDS, (id) => labelOf(SCENARIO_KINDS, id, lang, { sentence: true })),
    scenarioStatuses: record(SCENARIO_STATUSES, (id) => labelOf(SCENARIO_STATUSES, id, lang, { sentence: true })),
    guardrails: record(GUARDRAILS, (id) => labelOf(GUARDRAILS, id, lang, { sentence: true })),
  };
}
