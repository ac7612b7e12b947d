/**
 * The one JSON document `--json` prints on stdout, whatever the exit code (docs/cli.md). Every document starts with
 * the same six keys, always present, so a script reads `.exitCode`, `.error`, `.errors` or `.output` without checking
 * whether they exist:
 *
 *   ok        true only for exit 0
 *   exitCode  0 success, 1 invalid input (every error in `errors`, nothing written), 2 usage or file problem,
 *             3 internal error: the process's own exit code
 *   error     null for 0 and 1; for 2 and 3 the one error that stopped the run: { code, message, es, en, detail }
 *   errors    the located errors of an invalid workbook (exit 1: ./report.ts jsonErrors); [] for 0, 2 and 3
 *   warnings  the input's warnings on success; [] otherwise
 *   output    the file written, or null when nothing was written
 *
 * What follows depends on the exit: a successful `run` carries the rest of ./report.ts jsonReport (source, settings,
 * metrics, portfolio, customers…), exit 1 whatever else jsonErrors returns. This module wraps those documents and
 * never changes what is inside them.
 */
import { inspect } from 'node:util';
import type { Lang, Text } from '../engine/model';
import type { BilingualError } from './messages';

export type ExitCode = 0 | 1 | 2 | 3;

/** The error of an exit 2 or 3. */
export interface JsonError {
  /** A host's error code (input_is_xls, output_unwritable…), usage_error, or internal_error. */
  code: string;
  /** `es` or `en`, in the run's language. */
  message: string;
  es: string;
  en: string;
  /**
   * The technical cause in the words of whoever failed (Node's "EACCES: permission denied, open '…'", a library's
   * message), or the stack trace of an internal error; null when there is none.
   */
  detail: string | null;
}

export interface JsonEnvelope {
  ok: boolean;
  exitCode: ExitCode;
  error: JsonError | null;
  errors: unknown[];
  warnings: unknown[];
  output: string | null;
  [key: string]: unknown;
}

/** The keys every document has, in this order, before anything else. */
export const ENVELOPE_KEYS = ['ok', 'exitCode', 'error', 'errors', 'warnings', 'output'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The envelope around `body`: its own keys first, then the body's. The body may fill `errors`, `warnings` and
 * `output` (each keeps its place among the first six keys); `ok`, `exitCode` and `error` are the envelope's alone.
 */
function envelope(exitCode: ExitCode, error: JsonError | null, body: unknown): JsonEnvelope {
  if (!isRecord(body)) throw new TypeError(`a --json document must be an object, not ${JSON.stringify(body)}`);
  const doc: JsonEnvelope = { ok: exitCode === 0, exitCode, error, errors: [], warnings: [], output: null };
  for (const [key, value] of Object.entries(body)) {
    if (key === 'ok' || key === 'exitCode' || key === 'error') continue;
    if ((key === 'errors' || key === 'warnings') && !Array.isArray(value))
      throw new TypeError(`"${key}" of a --json document must be an array`);
    if (key === 'output' && value !== null && typeof value !== 'string')
      throw new TypeError('"output" of a --json document must be a path or null');
    doc[key] = value;
  }
  return doc;
}

/**
 * Exit 0: a successful run's document (./report.ts jsonReport, or a smaller one for export-base and --help), with
 * `extra` keys after the body's (the run's notices).
 */
export function successDocument(body: unknown, extra: Record<string, unknown> = {}): JsonEnvelope {
  const doc = envelope(0, null, body);
  for (const [key, value] of Object.entries(extra)) {
    if (key in doc) throw new TypeError(`"${key}" is already in the --json document`);
    doc[key] = value;
  }
  return doc;
}

/** Exit 1: an invalid input, its located errors as ./report.ts jsonErrors lists them; nothing was written. */
export function invalidInputDocument(body: unknown): JsonEnvelope {
  const doc = envelope(1, null, body);
  doc.output = null;
  return doc;
}

/**
 * Exit 2 (usage or file problem) or 3 (internal error). `output` is null but for an internal error that came
 * after the file was written (then the file is there, and the document says where).
 */
export function failureDocument(exitCode: 2 | 3, error: JsonError, output: string | null = null): JsonEnvelope {
  return envelope(exitCode, error, { output });
}

/** The cause of a failure as its original message (an Error's message, or the thrown value as text). */
function detailOf(cause: unknown): string | null {
  if (cause === undefined || cause === null) return null;
  const text = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : inspect(cause);
  return text.trim() === '' ? null : text;
}

/** A host's error (unreadable input, unwritable output…): its code, its sentence in both languages, its cause. */
export function hostJsonError(e: BilingualError & { readonly code: string }, lang: Lang): JsonError {
  return { code: e.code, message: e[lang], es: e.es, en: e.en, detail: detailOf(e.cause) };
}

/** A command line the CLI could not understand. */
export function usageJsonError(message: Text, lang: Lang): JsonError {
  return { code: 'usage_error', message: message[lang], es: message.es, en: message.en, detail: null };
}

/** A failure of the CLI itself: the bug report's text, with the stack trace as the detail. */
export function internalJsonError(sentence: Text, err: Error, lang: Lang): JsonError {
  return {
    code: 'internal_error',
    message: sentence[lang],
    es: sentence.es,
    en: sentence.en,
    detail: err.stack ?? err.message,
  };
}

/**
 * Characters JSON.stringify leaves raw that a terminal may still act on: DEL, the C1 controls (U+009B starts an
 * escape sequence), the line and paragraph separators, the bidi embeddings, overrides and isolates. (It escapes
 * U+0000–U+001F itself.) They can only stand inside a string of the document, where \uXXXX means the same
 * character: the parsed document is identical, and `--json` shown on a terminal cannot drive it.
 */
const JSON_RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The document as printed: indented two spaces, one trailing newline, every control written as an escape. */
export function jsonText(doc: JsonEnvelope): string {
  const text = JSON.stringify(doc, null, 2).replace(
    JSON_RAW_UNSAFE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${text}\n`;
}
