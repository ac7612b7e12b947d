/**
 * The one error type of the project: a stable code and the same message in Spanish (Mexico) and English. The engine
 * throws it for its own failures (a model that breaks the engine's invariants, results reused on another model);
 * src/workbook/port.ts extends the codes for the hosts, which throw it for every failure they report.
 */
import type { Lang, Text } from './model';

/** Failures of the engine itself: the model or the results to reuse do not hold what the engine requires. */
export type EngineErrorCode = 'invalid_model';

export class TradeTermsError<C extends string = EngineErrorCode> extends Error {
  readonly code: C;
  readonly es: string;
  readonly en: string;

  constructor(code: C, text: Text, options: { cause?: unknown } = {}) {
    super(`${text.es} / ${text.en}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TradeTermsError';
    this.code = code;
    this.es = text.es;
    this.en = text.en;
  }

  /** The message in one language, with the underlying system reason when the text does not already give it. */
  text(lang: Lang): string {
    const reason = this.cause instanceof Error ? this.cause.message : '';
    return reason === '' || this[lang].includes(reason) ? this[lang] : `${this[lang]} (${reason})`;
  }
}
