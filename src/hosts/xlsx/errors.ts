/** Failures of the .xlsx host, in both languages, so the CLI can print them in the run's language. */
import type { Lang, Text } from '../../engine/model';

export type XlsxHostErrorCode = 'input_unreadable' | 'input_not_xlsx' | 'output_is_input' | 'output_unwritable';

export class XlsxHostError extends Error {
  readonly code: XlsxHostErrorCode;
  readonly es: string;
  readonly en: string;
  constructor(code: XlsxHostErrorCode, text: Text, cause?: unknown) {
    super(`${text.es} / ${text.en}`, cause === undefined ? undefined : { cause });
    this.name = 'XlsxHostError';
    this.code = code;
    this.es = text.es;
    this.en = text.en;
  }

  /** The message in one language, with the underlying system reason when there is one. */
  text(lang: Lang): string {
    const reason = this.cause instanceof Error ? ` (${this.cause.message})` : '';
    return this[lang] + reason;
  }
}
