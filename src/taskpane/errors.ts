/** Turns any failure into a message in the pane's language; adapters attach es/en texts, others give a message. */
import type { Lang } from '../engine/model';

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
