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

  /**
   * The message in one language and, when the underlying failure says more, its original message on a line of its
   * own, labelled as technical detail: a library's English never lands inside the Spanish sentence.
   */
  text(lang: Lang): string {
    return withTechnicalDetail(this[lang], this.cause, lang);
  }
}

/** Label of the line that carries a library's or the system's original message (written in English by them). */
export const TECHNICAL_DETAIL: Text = {
  es: 'Detalle técnico (mensaje original, en inglés)',
  en: 'Technical detail (original message)',
};

/**
 * "sentence" plus, when `cause` is an Error whose message the sentence does not already hold, a second line
 * "<technical detail>: <original message>".
 *
 * @example
 * withTechnicalDetail('No se pudo leer el archivo.', new Error('EACCES'), 'es')
 * // 'No se pudo leer el archivo.\nDetalle técnico (mensaje original, en inglés): EACCES'
 */
export function withTechnicalDetail(sentence: string, cause: unknown, lang: Lang, indent = ''): string {
  const reason = cause instanceof Error ? cause.message.trim() : '';
  if (reason === '' || sentence.includes(reason)) return sentence;
  return `${sentence}\n${indent}${TECHNICAL_DETAIL[lang]}: ${reason}`;
}
