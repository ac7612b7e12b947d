/**
 * Command line of `trade-terms`: `run <input.xlsx> [-o <out.xlsx>] [--json] [--lang es|en] [--scenario <id>]…` and
 * `--help`.
 * Parsing is pure; anything it cannot understand is a usage error (exit 2) described in both languages.
 */
import type { Lang, Text } from '../engine/model';

export type Command =
  | { kind: 'help'; lang?: Lang }
  | {
      kind: 'run';
      input: string;
      output?: string;
      /** --into: the results go into a COPY of the input workbook at this path (the input itself is never written). */
      into?: string;
      json: boolean;
      lang?: Lang;
      scenarios?: string[];
      /** --force: replace an existing output that is not a results file we wrote (or a symlink, a read-only file). */
      force?: boolean;
    }
  | {
      kind: 'export_base';
      input: string;
      output?: string;
      scenario: string;
      lang?: Lang;
      force?: boolean;
      /** --json: the outcome as one JSON document on stdout (./json-envelope.ts). */
      json?: boolean;
    }
  | {
      /** init <out.xlsx>: a new workbook with the input tables, drop-downs, one example row each and instructions. */
      kind: 'init';
      output: string;
      lang?: Lang;
      force?: boolean;
      json?: boolean;
    }
  | { kind: 'usage_error'; message: Text; lang?: Lang };

function isLang(v: string | undefined): v is Lang {
  return v === 'es' || v === 'en';
}

export function parseArgs(argv: readonly string[]): Command {
  const positional: string[] = [];
  let output: string | undefined;
  let into: string | undefined;
  let force = false;
  let json = false;
  let lang: Lang | undefined;
  let help = false;
  const scenarios: string[] = [];
  const usage = (message: Text): Command => ({ kind: 'usage_error', message, lang });

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    // "--name=value" and "--name value" are both accepted.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) return undefined;
      i++;
      return next;
    };
    switch (name) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--json':
        if (inline !== undefined) return usage({ es: '--json no lleva valor.', en: '--json takes no value.' });
        json = true;
        break;
      case '-o':
      case '--output': {
        const v = value();
        if (!v) {
          return usage({
            es: `${name} necesita la ruta del archivo de resultados.`,
            en: `${name} needs the results file path.`,
          });
        }
        output = v;
        break;
      }
      case '--into': {
        const v = value();
        if (!v) {
          return usage({
            es: '--into necesita la ruta de la copia de su libro que llevará los resultados.',
            en: '--into needs the path of the copy of your workbook that will hold the results.',
          });
        }
        into = v;
        break;
      }
      case '--force':
        if (inline !== undefined) return usage({ es: '--force no lleva valor.', en: '--force takes no value.' });
        force = true;
        break;
      case '--lang': {
        const v = value();
        if (!isLang(v)) {
          return usage({
            es: `--lang acepta "es" o "en"${v ? `, no "${v}"` : ''}.`,
            en: `--lang takes "es" or "en"${v ? `, not "${v}"` : ''}.`,
          });
        }
        lang = v;
        break;
      }
      case '--scenario': {
        const v = value();
        if (!v) {
          return usage({
            es: '--scenario necesita el ID de un escenario (tabla Escenarios).',
            en: '--scenario needs a scenario ID (Scenarios table).',
          });
        }
        scenarios.push(v);
        break;
      }
      default:
        return usage({ es: `Opción desconocida: ${arg}`, en: `Unknown option: ${arg}` });
    }
  }

  if (help) return { kind: 'help', lang };
  const [command, ...rest] = positional;
  if (command === undefined) {
    return usage({
      es: 'Falta el comando (por ejemplo: run <libro.xlsx>).',
      en: 'Missing command (for example: run <workbook.xlsx>).',
    });
  }
  if (command !== 'run' && command !== 'export-base' && command !== 'init')
    return usage({ es: `Comando desconocido: ${command}`, en: `Unknown command: ${command}` });
  if (command === 'init') {
    if (rest.length !== 1 || output !== undefined || into !== undefined || scenarios.length > 0) {
      return usage({
        es: 'init necesita exactamente la ruta del libro nuevo: trade-terms init <nuevo.xlsx> [--lang es|en] [--force].',
        en: 'init needs exactly the path of the new workbook: trade-terms init <new.xlsx> [--lang es|en] [--force].',
      });
    }
    return { kind: 'init', output: rest[0], lang, ...(force ? { force } : {}), ...(json ? { json } : {}) };
  }
  if (rest.length === 0) {
    return usage({ es: 'Falta el archivo de entrada (.xlsx).', en: 'Missing the input file (.xlsx).' });
  }
  if (rest.length > 1) {
    return usage({
      es: `Sobran argumentos: ${rest.slice(1).join(' ')} (se espera un solo archivo de entrada).`,
      en: `Unexpected arguments: ${rest.slice(1).join(' ')} (one input file expected).`,
    });
  }
  if (command === 'export-base') {
    if (scenarios.length !== 1) {
      return usage({
        es: 'export-base necesita exactamente un --scenario <id>: el escenario acordado.',
        en: 'export-base needs exactly one --scenario <id>: the agreed scenario.',
      });
    }
    if (into !== undefined) {
      return usage({
        es: 'export-base escribe un libro nuevo: use -o, no --into.',
        en: 'export-base writes a new workbook: use -o, not --into.',
      });
    }
    return {
      kind: 'export_base',
      input: rest[0],
      output,
      scenario: scenarios[0],
      lang,
      ...(force ? { force } : {}),
      ...(json ? { json } : {}),
    };
  }
  if (into !== undefined && output !== undefined) {
    return usage({
      es: 'Use -o (un libro nuevo con los resultados) o --into (una copia de su libro con los resultados), no ambos.',
      en: 'Use -o (a new workbook with the results) or --into (a copy of your workbook with the results), not both.',
    });
  }
  return {
    kind: 'run',
    input: rest[0],
    output,
    ...(into !== undefined ? { into } : {}),
    json,
    lang,
    ...(scenarios.length > 0 ? { scenarios } : {}),
    ...(force ? { force } : {}),
  };
}

/**
 * Whether the command line asks for JSON, read from argv itself: a usage error stops parseArgs before it reaches a
 * later --json, and the document is printed all the same. "--json" or "--json=…" before a "--" counts (the latter is
 * itself a usage error, answered in JSON); after "--" it is a file name.
 */
export function jsonRequested(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--json' || arg.startsWith('--json=')) return true;
  }
  return false;
}

/** Language from the environment (POSIX precedence LC_ALL > LC_MESSAGES > LANG): "en…" → en, anything else es. */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return locale !== undefined && locale.toLowerCase().startsWith('en') ? 'en' : 'es';
}

/** Default path of an exported base: out/<input-name>-base-<scenario id>.xlsx. */
export function defaultBasePath(input: string, scenario: string): string {
  const base = input.replace(/\\/g, '/').split('/').pop() ?? input;
  const stem = base.replace(/\.(xlsx|xlsm)$/i, '');
  return `out/${stem}-base-${scenario.replace(/[^\w.-]+/g, '_')}.xlsx`;
}

/** Default results path, relative to the working directory: out/<input-name>-resultados.xlsx (es) / -results (en). */
export function defaultOutputPath(input: string, lang: Lang): string {
  const base = input.replace(/\\/g, '/').split('/').pop() ?? input;
  const stem = base.replace(/\.(xlsx|xlsm)$/i, '');
  return `out/${stem}-${lang === 'es' ? 'resultados' : 'results'}.xlsx`;
}

export const USAGE: Text = {
  es: `Trade Terms Modeller: calcula condiciones comerciales, cascada de precios y P&L por cliente de un libro .xlsx.

Uso:
  trade-terms run <entrada.xlsx> [-o <salida.xlsx> | --into <copia.xlsx>] [--json] [--lang es|en]
                       [--scenario <id>] [--force]
  trade-terms export-base <entrada.xlsx> --scenario <id> [-o <salida.xlsx>] [--json]
                       El escenario acordado como nueva base: las tablas de entrada con sus palancas escritas,
                       en un libro NUEVO (por omisión out/<nombre>-base-<id>.xlsx); el suyo no se toca.
  trade-terms init <nuevo.xlsx> [--lang es|en] [--force]
                       Un libro NUEVO para empezar un modelo: cada tabla de entrada con sus encabezados, listas
                       desplegables, formatos y un renglón de ejemplo, y una hoja de instrucciones.
  trade-terms --help

Opciones:
  -o, --output <ruta>  Libro de resultados (nuevo; nunca se modifica el de entrada).
                       Por omisión: out/<nombre>-resultados.xlsx
  --into <ruta>        Una COPIA de su libro con las hojas de resultados agregadas (o reemplazadas, si ya
                       las tiene de una corrida anterior); todo lo demás (hojas, gráficas, tablas dinámicas,
                       macros) queda idéntico. Su libro de entrada no se modifica.
  --force              Reemplazar un archivo de salida existente que no sea un libro de resultados de esta
                       herramienta (o un enlace simbólico o un archivo de solo lectura). Sin --force, no se toca.
  --json               En la salida estándar imprime JSON (todas las métricas con su id; comparaciones,
                       dar y recibir, barreras y puntos de retiro de los escenarios) en lugar del resumen;
                       el libro de resultados se escribe igual (-o). Con cualquier código de salida,
                       un solo documento JSON con ok, exitCode, error, errors, warnings y output
                       (docs/cli.md).
  --lang es|en         Idioma de mensajes y resultados (por omisión, del entorno: LC_ALL, LC_MESSAGES, LANG).
  --scenario <id>      Solo ese escenario (tabla Escenarios); se puede repetir. Por omisión, todos: cada uno
                       con su comparación, dar y recibir, barreras, punto de retiro y resúmenes.
  -h, --help           Esta ayuda.

Códigos de salida: 0 correcto, 1 libro de entrada con errores (todos listados; no se escribe resultado),
2 uso incorrecto, archivo ilegible o que no es un libro .xlsx, demasiados renglones, o salida que no se
puede escribir (o que pide --force), 3 error interno.`,
  en: `Trade Terms Modeller: computes trade terms, the price waterfall and customer P&L of an .xlsx workbook.

Usage:
  trade-terms run <input.xlsx> [-o <output.xlsx> | --into <copy.xlsx>] [--json] [--lang es|en]
                       [--scenario <id>] [--force]
  trade-terms export-base <input.xlsx> --scenario <id> [-o <output.xlsx>] [--json]
                       The agreed scenario as the new base: the input tables with its levers written in, in a
                       NEW workbook (default out/<name>-base-<id>.xlsx); yours is never touched.
  trade-terms init <new.xlsx> [--lang es|en] [--force]
                       A NEW workbook to start a model from: every input table with its headers, drop-down lists,
                       formats and one example row, and an instructions sheet.
  trade-terms --help

Options:
  -o, --output <path>  Results workbook (a new file; the input is never modified).
                       Default: out/<name>-results.xlsx
  --into <path>        A COPY of your workbook with the result sheets added (or replaced, when a previous run
                       left them); everything else (sheets, charts, pivot tables, macros) stays identical.
                       Your input workbook is never modified.
  --force              Replace an existing output file that is not a results workbook of this tool (or a
                       symbolic link, or a read-only file). Without --force it is left alone.
  --json               Prints JSON on standard output (every metric with its id; the scenarios' comparisons,
                       give and get, guardrails and walk-away points) instead of the summary; the results
                       workbook is still written (-o). Whatever the exit code, one JSON document with
                       ok, exitCode, error, errors, warnings and output (docs/cli.md).
  --lang es|en         Language of messages and results (default from the environment: LC_ALL, LC_MESSAGES, LANG).
  --scenario <id>      Only that scenario (Scenarios table); may be repeated. Default: all of them, each with
                       its comparison, give and get, guardrails, walk-away points and summaries.
  -h, --help           This help.

Exit codes: 0 success, 1 invalid input workbook (all errors listed; no results written),
2 usage error, a file that is unreadable or not an .xlsx workbook, too many rows, or an output that cannot
be written (or needs --force), 3 internal error.`,
};
