/** Turns any failure into a message in the pane's language; adapters attach es/en texts, others give a message. */
import { TradeTermsError } from '../engine/errors';
import type { Lang, Text } from '../engine/model';

interface Bilingual {
  es: string;
  en: string;
  text?: (lang: Lang) => string;
}

function isBilingual(e: unknown): e is Bilingual {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as Bilingual).es === 'string' &&
    typeof (e as Bilingual).en === 'string'
  );
}

export function errorText(error: unknown, lang: Lang): string {
  if (isBilingual(error)) return typeof error.text === 'function' ? error.text(lang) : error[lang];
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** Failures the pane itself reports (a write it stopped), with their es/en texts. */
export type PaneFailureCode = 'inputs_changed_invalid' | 'edits_invalid_after_reload';

const PANE_FAILURES: Record<PaneFailureCode, Text> = {
  inputs_changed_invalid: {
    es: 'Las tablas de entrada cambiaron desde que se leyeron y ahora tienen errores: no se escribió nada. Corríjalos en el libro y vuelva a escribir resultados.',
    en: 'The input tables changed since they were read and now have errors: nothing was written. Fix them in the workbook and write results again.',
  },
  edits_invalid_after_reload: {
    es: 'Las tablas de entrada cambiaron desde que se leyeron. Se volvieron a leer y se reaplicaron sus ediciones, pero algunas ya no son válidas (están marcadas): no se escribió nada.',
    en: 'The input tables changed since they were read. They were read again and your edits re-applied, but some are no longer valid (they are marked): nothing was written.',
  },
};

export function paneFailure(code: PaneFailureCode): TradeTermsError<PaneFailureCode> {
  return new TradeTermsError(code, PANE_FAILURES[code]);
}

/** The host's error code, when the failure is a host (or engine) error. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof TradeTermsError ? (error as TradeTermsError<string>).code : undefined;
}

/** The sheets an incomplete write touched (HostError 'write_incomplete'); empty when unknown. */
export function sheetsTouchedOf(error: unknown): string[] {
  const sheets = (error as { sheetsTouched?: unknown } | null)?.sheetsTouched;
  return Array.isArray(sheets) ? sheets.filter((s): s is string => typeof s === 'string') : [];
}
