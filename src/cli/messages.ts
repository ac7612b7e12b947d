/**
 * How the CLI prints a host failure (unreadable input, not an .xlsx, unwritable output): the product's own sentence
 * in the run's language, then, on its own line and marked as such, the original message of the system or library
 * that failed (Node, ExcelJS, JSZip write it in English). The Spanish sentence never has English spliced into it.
 */
import type { Lang, Text } from '../engine/model';

const DETAIL: Text = {
  es: 'Detalle técnico (mensaje original, en inglés)',
  en: 'Technical detail (original message)',
};

/** An error carrying its message in both languages (the hosts' errors), with the underlying failure as its cause. */
export interface BilingualError {
  readonly es: string;
  readonly en: string;
  readonly cause?: unknown;
}

/** "trade-terms: <sentence>" and, when the cause says more, "  <technical detail label>: <original message>". */
export function hostErrorText(e: BilingualError, lang: Lang): string {
  const text = `trade-terms: ${e[lang]}`;
  const reason = e.cause instanceof Error ? e.cause.message.trim() : '';
  if (reason === '' || e[lang].includes(reason)) return text;
  return `${text}\n  ${DETAIL[lang]}: ${reason}`;
}
