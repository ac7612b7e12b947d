/**
 * The pane's labels for domain words, derived from the engine's vocabulary and term-kind descriptors (the same
 * source as the contract's allowed values and the result sheets), so the pane and the sheets always agree.
 * Titles (kinds, channels) are capitalised; measures carry their unit, as the tier headers need it.
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
  labelOf,
  MEASURE_UNITS,
  MEASURES,
  type AllocationKey,
  type Basis,
  type Channel,
  type IdOf,
  type Measure,
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
}

export function paneWords(lang: Lang): PaneWords {
  return {
    termKinds: record(TERM_KINDS, (id) => labelOf(TERM_KINDS, id, lang, { sentence: true })),
    channels: record(CHANNELS, (id) => labelOf(CHANNELS, id, lang, { sentence: true })),
    measures: record(MEASURES, (id) => `${labelOf(MEASURES, id, lang)} (${MEASURE_UNITS[id][lang]})`),
    bases: record(BASES, (id) => labelOf(BASES, id, lang)),
    allocations: record(ALLOCATION_KEYS, (id) => labelOf(ALLOCATION_KEYS, id, lang)),
  };
}
