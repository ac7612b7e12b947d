/** Languages of every user-facing text: Spanish (Mexico) first, English. */
export type Lang = 'es' | 'en';

/** A text in both languages. */
export interface Text {
  es: string;
  en: string;
}
