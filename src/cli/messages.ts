/**
 * How the CLI prints a host failure (unreadable input, not an .xlsx, unwritable output): the product's own sentence
 * in the run's language, then, on its own line and marked as such, the original message of the system or library
 * that failed (Node, ExcelJS, JSZip write it in English). The Spanish sentence never has English spliced into it.
 * Both are made safe for a terminal first (./terminal.ts): a file name or a cell quoted in them may hold controls.
 */
import type { Lang, Text } from '../engine/model';
import { withTechnicalDetail } from '../engine/errors';
import { terminalSafe } from './terminal';

/** An error carrying its message in both languages (the hosts' errors), with the underlying failure as its cause. */
export interface BilingualError {
  readonly es: string;
  readonly en: string;
  readonly cause?: unknown;
}

/** "trade-terms: <sentence>" and, when the cause says more, "  <technical detail label>: <original message>". */
export function hostErrorText(e: BilingualError, lang: Lang): string {
  const cause = e.cause instanceof Error ? new Error(terminalSafe(e.cause.message)) : e.cause;
  return withTechnicalDetail(`trade-terms: ${terminalSafe(e[lang])}`, cause, lang, '  ');
}

/** The line after a usage error. */
export const USAGE_HINT: Text = {
  es: 'Use `trade-terms --help` para ver el uso.',
  en: 'Run `trade-terms --help` for usage.',
};

/** An internal error (exit 3), as the --json document's error.message (its stack trace is error.detail). */
export const INTERNAL_ERROR: Text = {
  es: 'Error interno de trade-terms: repórtelo con su detalle técnico.',
  en: 'Internal error of trade-terms: please report it with its technical detail.',
};

/** An internal error on stderr: this lead, then the stack trace. */
export const INTERNAL_ERROR_LEAD: Text = {
  es: 'error interno (repórtelo con este detalle)',
  en: 'internal error (please report it with this detail)',
};
