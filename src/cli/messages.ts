/**
 * How the CLI prints a host failure (unreadable input, not an .xlsx, unwritable output): the product's own sentence
 * in the run's language, then, on its own line and marked as such, the original message of the system or library
 * that failed (Node, ExcelJS, JSZip write it in English). The Spanish sentence never has English spliced into it.
 */
import type { Lang } from '../engine/model';
import { withTechnicalDetail } from '../engine/errors';

/** An error carrying its message in both languages (the hosts' errors), with the underlying failure as its cause. */
export interface BilingualError {
  readonly es: string;
  readonly en: string;
  readonly cause?: unknown;
}

/** "trade-terms: <sentence>" and, when the cause says more, "  <technical detail label>: <original message>". */
export function hostErrorText(e: BilingualError, lang: Lang): string {
  return withTechnicalDetail(`trade-terms: ${e[lang]}`, e.cause, lang, '  ');
}
