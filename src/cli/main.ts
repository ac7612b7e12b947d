/**
 * `trade-terms` CLI. main() returns the exit code (never calls process.exit) and writes through injected
 * writers, so tests run it in-process. Exit: 0 success, 1 invalid input (all errors, nothing written),
 * 2 usage error / unreadable input / unwritable output, 3 internal error.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { negotiationSentences, type Lang } from '../engine';
import { XlsxHost } from '../hosts/xlsx/host';
import { HostError, type HostErrorCode } from '../workbook/port';
import { formatContractErrors, type ContractError } from '../workbook/contract/errors';
import { runWorkbook } from '../workbook/run';
import { defaultBasePath, defaultOutputPath, langFromEnv, parseArgs, USAGE, type Command } from './args';
import { parseModel } from '../workbook/contract';
import { INPUT_TABLE_NAMES } from '../workbook/contract/specs';
import { agreedAsBase } from '../workbook/scenario-export';
import { progressDisplay } from './progress';
import { hostErrorText } from './messages';
import { nextSteps, SAMPLE_WORKBOOK } from './next-steps';
import { jsonErrors, jsonReport, summaryTable } from './report';

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
 * stage (read, validate, compute, lay out, write), the RSS at the end of each and the process's peak RSS, measured by
 * the process itself.
 */
function stageTimings(
  env: CliIo['env'],
): { mark(stage: string): void; report(write: (t: string) => void): void } | undefined {
  if (env.TTM_STAGE_TIMINGS !== '1') return undefined;
  const ms: Record<string, number> = {};
  const rssMb: Record<string, number> = {};
  let current: string | undefined;
  let since = performance.now();
  const close = () => {
    const now = performance.now();
    if (current !== undefined) {
      ms[current] = (ms[current] ?? 0) + (now - since);
      rssMb[current] = Math.round(process.memoryUsage.rss() / 2 ** 20);
    }
    since = now;
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
        `${JSON.stringify({ ttm_stage_ms: ms, ttm_peak_rss_mb: Math.round(peakRssMb), ttm_rss_mb_after: rssMb })}\n`,
      );
    },
  };
}

/** A contract error with its cell address when the message does not already show it. */
function withAddress(e: ContractError): ContractError {
  if (!e.address || (e.es.includes(e.address) && e.en.includes(e.address))) return e;
  return { ...e, es: `${e.es} [${e.address}]`, en: `${e.en} [${e.address}]` };
}

const NOTHING_WRITTEN = {
  es: 'No se escribió ningún archivo de resultados; corrija el libro y vuelva a correr.',
  en: 'No results file was written; fix the workbook and run again.',
};

function shownPath(target: string, cwd: string): string {
  const rel = path.relative(cwd, target);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : target;
}

export async function main(argv: string[], ioOverrides: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = { ...defaultIo(), ...ioOverrides };
  try {
    return await runCli(argv, io);
  } finally {
    await io.flush?.();
  }
}

async function runCli(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseArgs(argv);
  const lang: Lang = cmd.lang ?? langFromEnv(io.env);
  const line = (write: (t: string) => void, text: string) => write(text.endsWith('\n') ? text : `${text}\n`);

  if (cmd.kind === 'help') {
    line(io.stdout, USAGE[lang]);
    return 0;
  }
  if (cmd.kind === 'usage_error') {
    line(io.stderr, `trade-terms: ${cmd.message[lang]}`);
    line(
      io.stderr,
      lang === 'es' ? 'Use `trade-terms --help` para ver el uso.' : 'Run `trade-terms --help` for usage.',
    );
    return 2;
  }

  if (cmd.kind === 'export_base') return exportBase(cmd, lang, io, line);

  const input = path.resolve(io.cwd, cmd.input);
  const output = path.resolve(io.cwd, cmd.into ?? cmd.output ?? defaultOutputPath(cmd.input, lang));
  const host = new XlsxHost(input, output, { into: cmd.into !== undefined, force: cmd.force === true });
  const progress = progressDisplay({ write: io.stderr, isTTY: io.stderrIsTTY, lang, delayMs: io.progressDelayMs });
  const runAt = io.now();
  const timings = stageTimings(io.env);
  try {
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
      if (cmd.json) line(io.stdout, JSON.stringify(jsonErrors(errors, lang), null, 2));
      else {
        line(io.stderr, formatContractErrors(errors, lang));
        line(io.stderr, NOTHING_WRITTEN[lang]);
      }
      return 1;
    }

    const { model, results, negotiations, report, warnings } = outcome;
    if (cmd.json) {
      const source = await host.describeSource();
      line(
        io.stdout,
        JSON.stringify(
          jsonReport(model, results, { output: report.target, source, runAt, lang, warnings, negotiations }),
          null,
          2,
        ),
      );
      return 0;
    }
    const where = shownPath(report.target, io.cwd);
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
    for (const n of report.notices ?? []) line(io.stderr, `trade-terms: ${n[lang]}`);
    line(io.stdout, '');
    line(io.stdout, summaryTable(model, results, lang));
    if (negotiations.length > 0) {
      // The negotiations in a few plain sentences each: what every scenario costs or adds, its limits, how far to go.
      line(io.stdout, lang === 'es' ? '\nNegociaciones:' : '\nNegotiations:');
      for (const n of negotiations) {
        line(io.stdout, `  ${n.customerName} (${n.customerId})`);
        for (const text of negotiationSentences(n, lang)) line(io.stdout, `    - ${text}`);
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
    const sample = path.resolve(input) === path.resolve(SAMPLE_WORKBOOK);
    line(
      io.stdout,
      `\n${nextSteps({ lang, output: where, sample, shown: (p) => shownPath(p, io.cwd), sheetsWritten: report.sheetsWritten })}`,
    );
    if (warnings.length > 0) {
      line(io.stderr, lang === 'es' ? 'Advertencias del libro de entrada:' : 'Input workbook warnings:');
      for (const w of warnings) line(io.stderr, `- ${withAddress(w)[lang]}`);
    }
    return 0;
  } catch (e) {
    progress.done();
    if (e instanceof HostError && FILE_ERRORS.has(e.code)) {
      line(io.stderr, hostErrorText(e, lang));
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    line(
      io.stderr,
      (lang === 'es'
        ? 'trade-terms: error interno (repórtelo con este detalle): '
        : 'trade-terms: internal error (please report it with this detail): ') + (err.stack ?? err.message),
    );
    return 3;
  }
}

/**
 * `export-base`: the agreed scenario written into the input tables of a NEW workbook. The input must be valid (every
 * error listed, nothing written: exit 1); a scenario that is not there or a lever that cannot be written is exit 1.
 */
async function exportBase(
  cmd: Extract<Command, { kind: 'export_base' }>,
  lang: Lang,
  io: CliIo,
  line: (write: (t: string) => void, text: string) => void,
): Promise<number> {
  const input = path.resolve(io.cwd, cmd.input);
  const output = path.resolve(io.cwd, cmd.output ?? defaultBasePath(cmd.input, cmd.scenario));
  const host = new XlsxHost(input, output, { force: cmd.force === true });
  try {
    const grids = await host.readTables(INPUT_TABLE_NAMES);
    const parsed = parseModel(grids);
    if (!parsed.ok) {
      line(io.stderr, formatContractErrors(parsed.errors.map(withAddress), lang));
      line(io.stderr, NOTHING_WRITTEN[lang]);
      return 1;
    }
    let exported;
    try {
      exported = agreedAsBase(grids, parsed.model, cmd.scenario);
    } catch (e) {
      if (e instanceof HostError && e.code === 'scenario_not_writable') {
        line(io.stderr, `trade-terms: ${e[lang]}`);
        line(io.stderr, NOTHING_WRITTEN[lang]);
        return 1;
      }
      throw e;
    }
    const { target } = await host.exportTables(exported.grids);
    const where = shownPath(target, io.cwd);
    line(
      io.stdout,
      lang === 'es'
        ? `Base con el escenario ${cmd.scenario} escrita en: ${where} (su libro no se modificó).`
        : `Base with scenario ${cmd.scenario} written to: ${where} (your workbook was not modified).`,
    );
    for (const n of exported.notes) line(io.stdout, `- ${n[lang]}`);
    return 0;
  } catch (e) {
    if (e instanceof HostError && FILE_ERRORS.has(e.code)) {
      line(io.stderr, hostErrorText(e, lang));
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    line(
      io.stderr,
      (lang === 'es'
        ? 'trade-terms: error interno (repórtelo con este detalle): '
        : 'trade-terms: internal error (please report it with this detail): ') + (err.stack ?? err.message),
    );
    return 3;
  }
}
