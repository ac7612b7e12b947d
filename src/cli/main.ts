/**
 * `trade-terms` CLI. main() returns the exit code (never calls process.exit, never rejects for a failure of the run)
 * and writes through injected writers, so tests run it in-process. Exit: 0 success, 1 invalid input (all errors,
 * nothing written), 2 usage error / unreadable input / unwritable output, 3 internal error (docs/cli.md).
 *
 * With --json, stdout carries exactly one JSON document for every exit (./json-envelope.ts); exits 2 and 3 also write
 * their human message to stderr, as without --json, so a log shows why the run stopped. Everything printed for
 * people passes through ./terminal.ts first: text from the workbook, a file name or the command line cannot move the
 * cursor, recolour the terminal, reorder a line or start a fake one.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { negotiationSentences, type Lang, type Model } from '../engine';
import { XlsxHost } from '../hosts/xlsx/host';
import { HostError, type HostErrorCode } from '../workbook/port';
import { formatContractErrors, type ContractError } from '../workbook/contract/errors';
import { runWorkbook } from '../workbook/run';
import { INSTRUCTIONS_TABLE, missingTablesRequest } from '../workbook/template';
import { defaultBasePath, defaultOutputPath, jsonRequested, langFromEnv, parseArgs, USAGE, type Command } from './args';
import { mappingFailure, parseModel } from '../workbook/contract/parse';
import { readContractTables } from '../workbook/mapping/mapping';
import { agreedAsBase } from '../workbook/scenario-export';
import { progressDisplay } from './progress';
import { hostErrorText, INTERNAL_ERROR, INTERNAL_ERROR_LEAD, USAGE_HINT } from './messages';
import { nextSteps, SAMPLE_WORKBOOK } from './next-steps';
import { jsonErrors, jsonReport, summaryTable } from './report';
import {
  failureDocument,
  hostJsonError,
  internalJsonError,
  invalidInputDocument,
  jsonText,
  successDocument,
  usageJsonError,
  type JsonEnvelope,
} from './json-envelope';
import { terminalSafe, terminalSafeLines } from './terminal';

export { tieringTuner } from './tiering';

/** Host errors about the files the user named (exit 2); any other failure is internal (exit 3). */
const FILE_ERRORS: ReadonlySet<HostErrorCode> = new Set<HostErrorCode>([
  'input_unreadable',
  'input_not_xlsx',
  'input_encrypted',
  'input_is_xls',
  'input_is_ods',
  'input_is_text',
  'input_not_workbook',
  'input_too_large',
  'output_is_input',
  'output_unwritable',
  'output_exists',
  'output_extension',
  'sheet_holds_input',
]);

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stderrIsTTY: boolean;
  /** Progress shows only for runs longer than this (1 s). */
  progressDelayMs: number;
  now: () => Date;
  /**
   * Resolves once everything written has left the process. bin/trade-terms.js calls process.exit() as soon as main
   * resolves, and writes to a pipe are asynchronous: without this, `--json | jq` got only the first 64 KiB.
   */
  flush?: () => Promise<void>;
  /**
   * Told the cells of each read of the run's input (its tables and a mapping's sources; ReadOptions.onCells): the
   * process's V8 tuning, bin/trade-terms.js passes tieringTuner(). Tests leave it out: their process is not tuned.
   */
  tiering?: (cells: number) => void;
}

/** Waits until a stream has handed every queued write to the OS (the callback of a write runs after earlier ones). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', resolve); // destroyed after an error: nothing more will leave
    stream.write('', () => {
      stream.off('close', resolve);
      resolve();
    });
  });
}

let quietOnClosedPipe = false;
/**
 * `trade-terms run x.xlsx --json | head` closes the pipe before the output ends: the reader wanted no more, so
 * EPIPE is not a failure of the run. Any other output error still surfaces.
 */
function ignoreClosedPipes(): void {
  if (quietOnClosedPipe) return;
  quietOnClosedPipe = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
}

function defaultIo(): CliIo {
  ignoreClosedPipes();
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    progressDelayMs: 1000,
    now: () => new Date(),
    flush: async () => {
      await Promise.all([drained(process.stdout), drained(process.stderr)]);
    },
  };
}

/** Version recorded in the run-info sheet: package.json two folders up (src/cli or lib/cli). */
function appVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version;
  } catch {
    return undefined; // metadata only: the run-info sheet then shows "—"
  }
}

/**
 * TTM_STAGE_TIMINGS=1 (for `npm run bench:e2e`): one JSON line on stderr after the run with the milliseconds of each
 * stage (read, validate, compute, lay out, write), the RSS at the end of each, the memory pages each touched first
 * (minor page faults: ~10 µs each on a virtual machine) and the process's peak RSS, measured by the process itself.
 */
function stageTimings(
  env: CliIo['env'],
): { mark(stage: string): void; report(write: (t: string) => void): void } | undefined {
  if (env.TTM_STAGE_TIMINGS !== '1') return undefined;
  const ms: Record<string, number> = {};
  const rssMb: Record<string, number> = {};
  const faults: Record<string, number> = {};
  let current: string | undefined;
  let since = performance.now();
  let faultsSince = process.resourceUsage().minorPageFault;
  const close = () => {
    const now = performance.now();
    const faulted = process.resourceUsage().minorPageFault;
    if (current !== undefined) {
      ms[current] = (ms[current] ?? 0) + (now - since);
      rssMb[current] = Math.round(process.memoryUsage.rss() / 2 ** 20);
      faults[current] = (faults[current] ?? 0) + (faulted - faultsSince);
    }
    since = now;
    faultsSince = faulted;
  };
  return {
    mark(stage) {
      if (stage === current) return;
      close();
      current = stage;
    },
    report(write) {
      close();
      current = undefined;
      const peakRssMb = process.resourceUsage().maxRSS / 1024;
      write(
        `${JSON.stringify({ ttm_stage_ms: ms, ttm_peak_rss_mb: Math.round(peakRssMb), ttm_rss_mb_after: rssMb, ttm_page_faults: faults })}\n`,
      );
    },
  };
}

/** A contract error with its cell address when the message does not already show it. */
function withAddress(e: ContractError): ContractError {
  if (!e.address || (e.es.includes(e.address) && e.en.includes(e.address))) return e;
  return { ...e, es: `${e.es} [${e.address}]`, en: `${e.en} [${e.address}]` };
}

/** A contract error as a terminal shows it: a cell's text quoted in it cannot start a line of its own. */
function shownError(e: ContractError): ContractError {
  return { ...e, es: terminalSafe(e.es), en: terminalSafe(e.en) };
}

/** The model as the summary table shows it: customer names and ids (the workbook's text) made terminal-safe. */
function shownModel(model: Model): Model {
  return {
    ...model,
    customers: model.customers.map((c) => ({ ...c, id: terminalSafe(c.id), name: terminalSafe(c.name) })),
  };
}

const NOTHING_WRITTEN = {
  es: 'No se escribió ningún archivo de resultados; corrija el libro y vuelva a correr.',
  en: 'No results file was written; fix the workbook and run again.',
};

function shownPath(target: string, cwd: string): string {
  const rel = path.relative(cwd, target);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : target;
}

/** Warnings as --json lists them everywhere (./report.ts owns the shape: it is read from jsonErrors, not copied). */
function warningsAsJson(warnings: readonly ContractError[], lang: Lang): unknown[] {
  const listed = (jsonErrors([], lang, { warnings }) as { warnings?: unknown }).warnings;
  if (!Array.isArray(listed)) throw new TypeError('jsonErrors gave no warnings list');
  return listed;
}

/** What one invocation prints, and how: the run's language, JSON or text, and what is already out. */
interface Reply {
  io: CliIo;
  json: boolean;
  lang: Lang;
  /** The JSON document is printed at most once: a failure after it goes to stderr only. */
  documentPrinted: boolean;
  /** The file the run wrote, once it is written (an internal error after the write still says where it is). */
  written: string | null;
}

const line = (write: (t: string) => void, text: string) => write(text.endsWith('\n') ? text : `${text}\n`);

function printDocument(reply: Reply, doc: JsonEnvelope): void {
  const text = jsonText(doc); // built whole before a byte is written: a failure while building prints nothing
  reply.documentPrinted = true;
  reply.io.stdout(text);
}

/** Exit 2 for a host's error about the files the user named. */
function fileProblem(reply: Reply, e: HostError): 2 {
  if (reply.json) printDocument(reply, failureDocument(2, hostJsonError(e, reply.lang)));
  line(reply.io.stderr, hostErrorText(e, reply.lang));
  return 2;
}

/** An error's stack made terminal-safe: its message whole (it may quote the workbook), then each frame. */
function shownStack(err: Error): string {
  const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  return [`${err.name}: ${terminalSafe(err.message)}`, ...frames.map((f) => terminalSafeLines(f))].join('\n');
}

/** Exit 3: a failure of the CLI itself, with its stack trace for the bug report. */
function internalFailure(reply: Reply, e: unknown): 3 {
  const err = e instanceof Error ? e : new Error(String(e));
  if (reply.json && !reply.documentPrinted) {
    printDocument(reply, failureDocument(3, internalJsonError(INTERNAL_ERROR, err, reply.lang), reply.written));
  }
  line(reply.io.stderr, `trade-terms: ${INTERNAL_ERROR_LEAD[reply.lang]}: ${shownStack(err)}`);
  return 3;
}

export async function main(argv: string[], ioOverrides: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = { ...defaultIo(), ...ioOverrides };
  const reply: Reply = { io, json: jsonRequested(argv), lang: 'es', documentPrinted: false, written: null };
  try {
    reply.lang = langFromEnv(io.env);
    return await runCli(argv, reply);
  } catch (e) {
    // Whatever escaped the run's own handling is still an internal error with its exit code and its document.
    return internalFailure(reply, e);
  } finally {
    await io.flush?.();
  }
}

async function runCli(argv: string[], reply: Reply): Promise<number> {
  const { io } = reply;
  const cmd = parseArgs(argv);
  const lang: Lang = cmd.lang ?? reply.lang;
  reply.lang = lang;
  /** The input's warnings, on stderr, each located (after the results, or after the errors that stopped the run). */
  const printWarnings = (warnings: readonly ContractError[]) => {
    if (warnings.length === 0) return;
    line(io.stderr, lang === 'es' ? 'Avisos del libro de entrada:' : 'Input workbook warnings:');
    for (const w of warnings) line(io.stderr, `- ${terminalSafe(withAddress(w)[lang])}`);
  };

  if (cmd.kind === 'help') {
    if (reply.json) printDocument(reply, successDocument({ usage: USAGE[lang] }));
    else line(io.stdout, USAGE[lang]);
    return 0;
  }
  if (cmd.kind === 'usage_error') {
    if (reply.json) printDocument(reply, failureDocument(2, usageJsonError(cmd.message, lang)));
    line(io.stderr, `trade-terms: ${terminalSafe(cmd.message[lang])}`);
    line(io.stderr, USAGE_HINT[lang]);
    return 2;
  }

  if (cmd.kind === 'export_base') return exportBase(cmd, reply);
  if (cmd.kind === 'init') return initTemplate(cmd, reply);

  const progress = progressDisplay({ write: io.stderr, isTTY: io.stderrIsTTY, lang, delayMs: io.progressDelayMs });
  try {
    const input = path.resolve(io.cwd, cmd.input);
    const output = path.resolve(io.cwd, cmd.into ?? cmd.output ?? defaultOutputPath(cmd.input, lang));
    const host = new XlsxHost(input, output, {
      into: cmd.into !== undefined,
      force: cmd.force === true,
      onCells: io.tiering,
    });
    const runAt = io.now();
    const timings = stageTimings(io.env);
    const outcome = await runWorkbook(host, {
      lang,
      runAt,
      engineVersion: appVersion(),
      scenarioIds: cmd.scenarios,
      onProgress: (stage, fraction) => {
        timings?.mark(stage);
        progress.update(stage, fraction);
      },
    });
    progress.done();
    timings?.report(io.stderr);

    if (!outcome.ok) {
      const errors = outcome.errors.map(withAddress);
      if (reply.json) {
        const more = { warnings: outcome.warnings, ...(outcome.totals ? { totals: outcome.totals } : {}) };
        printDocument(reply, invalidInputDocument(jsonErrors(errors, lang, more)));
      } else {
        line(io.stderr, formatContractErrors(errors.map(shownError), lang));
        printWarnings(outcome.warnings);
        line(io.stderr, NOTHING_WRITTEN[lang]);
      }
      return 1;
    }

    const { model, results, negotiations, report, warnings } = outcome;
    reply.written = report.target;
    if (reply.json) {
      const source = await host.describeSource();
      printDocument(
        reply,
        successDocument(
          jsonReport(model, results, { output: report.target, source, runAt, lang, warnings, negotiations }),
          { notices: report.notices ?? [] },
        ),
      );
      return 0;
    }
    const where = terminalSafe(shownPath(report.target, io.cwd));
    line(
      io.stdout,
      cmd.into !== undefined
        ? lang === 'es'
          ? `Copia de su libro con los resultados escrita en: ${where} (su libro no se modificó)`
          : `Copy of your workbook with the results written to: ${where} (your workbook was not modified)`
        : lang === 'es'
          ? `Resultados escritos en: ${where}`
          : `Results written to: ${where}`,
    );
    for (const n of report.notices ?? []) line(io.stderr, `trade-terms: ${terminalSafe(n[lang])}`);
    line(io.stdout, '');
    line(io.stdout, summaryTable(shownModel(model), results, lang));
    if (negotiations.length > 0) {
      // The negotiations in a few plain sentences each: what every scenario costs or adds, its limits, how far to go.
      line(io.stdout, lang === 'es' ? '\nNegociaciones:' : '\nNegotiations:');
      for (const n of negotiations) {
        line(io.stdout, `  ${terminalSafe(n.customerName)} (${terminalSafe(n.customerId)})`);
        for (const text of negotiationSentences(n, lang)) line(io.stdout, `    - ${terminalSafe(text)}`);
      }
    }
    const findings = results.findings.length;
    if (findings > 0) {
      const sheet = lang === 'es' ? 'TT Hallazgos' : 'TT Findings';
      line(
        io.stdout,
        lang === 'es'
          ? `\n${findings} hallazgo(s): vea la hoja «${sheet}».`
          : `\n${findings} finding(s): see the "${sheet}" sheet.`,
      );
    }
    if (warnings.length > 0) {
      // Warnings never pass silently: counted in the summary, listed on stderr and on the findings sheet.
      const n = warnings.reduce((k, w) => k + (w.count ?? 1), 0);
      const sheet = lang === 'es' ? 'TT Hallazgos' : 'TT Findings';
      line(
        io.stdout,
        lang === 'es'
          ? `\n${n === 1 ? '1 aviso' : `${n} avisos`} del libro de entrada (no detienen el cálculo): se listan al final y en la hoja «${sheet}».`
          : `\n${n === 1 ? '1 warning' : `${n} warnings`} about the input workbook (they do not stop the run): listed at the end and on the "${sheet}" sheet.`,
      );
    }
    const sample = path.resolve(input) === path.resolve(SAMPLE_WORKBOOK);
    line(
      io.stdout,
      `\n${nextSteps({
        lang,
        output: where,
        sample,
        shown: (p) => terminalSafe(shownPath(p, io.cwd)),
        sheetsWritten: report.sheetsWritten,
      })}`,
    );
    printWarnings(warnings);
    return 0;
  } catch (e) {
    progress.done();
    if (e instanceof HostError && FILE_ERRORS.has(e.code)) return fileProblem(reply, e);
    return internalFailure(reply, e);
  }
}

/**
 * `export-base`: the agreed scenario written into the input tables of a NEW workbook. The input must be valid (every
 * error listed, nothing written: exit 1); a scenario that is not there or a lever that cannot be written is exit 1.
 */
async function exportBase(cmd: Extract<Command, { kind: 'export_base' }>, reply: Reply): Promise<number> {
  const { io, lang } = reply;
  try {
    const input = path.resolve(io.cwd, cmd.input);
    const output = path.resolve(io.cwd, cmd.output ?? defaultBasePath(cmd.input, cmd.scenario));
    const host = new XlsxHost(input, output, { force: cmd.force === true });
    // In the contract's layout (a saved mapping's tables laid out as contract tables), as the base is written.
    const inputs = await readContractTables(host);
    const grids = inputs.grids;
    const parsed = inputs.errors.length ? mappingFailure(inputs.errors) : parseModel(grids);
    if (!parsed.ok) {
      const errors = parsed.errors.map(withAddress);
      if (reply.json) {
        const more = { warnings: parsed.warnings, totals: parsed.totals };
        printDocument(reply, invalidInputDocument(jsonErrors(errors, lang, more)));
      } else {
        line(io.stderr, formatContractErrors(errors.map(shownError), lang));
        line(io.stderr, NOTHING_WRITTEN[lang]);
      }
      return 1;
    }
    let exported;
    try {
      exported = agreedAsBase(grids, parsed.model, cmd.scenario);
    } catch (e) {
      if (e instanceof HostError && e.code === 'scenario_not_writable') {
        // Not a cell of the workbook: an error of the command against it, listed like the contract's (no sheet).
        const error: ContractError = { code: e.code, sheet: '', table: '', es: e.es, en: e.en };
        if (reply.json) {
          printDocument(reply, invalidInputDocument(jsonErrors([error], lang, { warnings: parsed.warnings })));
        } else {
          line(io.stderr, `trade-terms: ${terminalSafe(e[lang])}`);
          line(io.stderr, NOTHING_WRITTEN[lang]);
        }
        return 1;
      }
      throw e;
    }
    const { target } = await host.exportTables(exported.grids);
    reply.written = target;
    if (reply.json) {
      printDocument(
        reply,
        successDocument({
          output: target,
          scenario: cmd.scenario,
          warnings: warningsAsJson(parsed.warnings, lang),
          notes: exported.notes.map((n) => ({ es: n.es, en: n.en })),
        }),
      );
      return 0;
    }
    const where = terminalSafe(shownPath(target, io.cwd));
    const scenario = terminalSafe(cmd.scenario);
    line(
      io.stdout,
      lang === 'es'
        ? `Base con el escenario ${scenario} escrita en: ${where} (su libro no se modificó).`
        : `Base with scenario ${scenario} written to: ${where} (your workbook was not modified).`,
    );
    for (const n of exported.notes) line(io.stdout, `- ${terminalSafe(n[lang])}`);
    return 0;
  } catch (e) {
    if (e instanceof HostError && FILE_ERRORS.has(e.code)) return fileProblem(reply, e);
    return internalFailure(reply, e);
  }
}

/** `init`: a new workbook to start a model from (src/workbook/template.ts), never over a file that is not ours. */
async function initTemplate(cmd: Extract<Command, { kind: 'init' }>, reply: Reply): Promise<number> {
  const { io, lang } = reply;
  try {
    const output = path.resolve(io.cwd, cmd.output);
    // No input: the template is made from the contract alone (the host's input path is never read).
    const host = new XlsxHost(output, output, { force: cmd.force === true });
    const request = missingTablesRequest(lang, []);
    const { target } = await host.writeTemplate(request);
    const tables = request.tables.filter((t) => t.name !== INSTRUCTIONS_TABLE[lang]);
    reply.written = target;
    if (reply.json) {
      printDocument(reply, successDocument({ output: target, tables: tables.map((t) => t.name) }));
      return 0;
    }
    const where = terminalSafe(shownPath(target, io.cwd));
    line(
      io.stdout,
      lang === 'es'
        ? `Plantilla escrita en: ${where}\nCapture sus datos en las tablas (cada una trae un renglón de ejemplo que puede reemplazar), lea la hoja «${INSTRUCTIONS_TABLE[lang]}» y corra: npx trade-terms run ${where}`
        : `Template written to: ${where}\nEnter your data in the tables (each has one example row you may replace), read the "${INSTRUCTIONS_TABLE[lang]}" sheet and run: npx trade-terms run ${where}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof HostError && FILE_ERRORS.has(e.code)) return fileProblem(reply, e);
    return internalFailure(reply, e);
  }
}
