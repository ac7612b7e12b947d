/**
 * One run over any host: read the input tables → validate → compute → lay out → write. Invalid input returns
 * every contract error and writes nothing. Host failures (unreadable file, unwritable output) are not caught here:
 * they reach the CLI / task pane with their own message.
 */
import { computeModel, type Lang, type Model, type ModelResults } from '../engine';
import { parseModel } from './contract/parse';
import { INPUT_TABLE_NAMES } from './contract/specs';
import type { ContractError } from './contract/errors';
import type { WorkbookHost, WriteOptions, WriteReport } from './port';
import { buildResultsPlan } from './results';

export type RunStage = 'reading' | 'validating' | 'computing' | 'writing';

export type RunOutcome =
  | { ok: true; model: Model; results: ModelResults; report: WriteReport; warnings: ContractError[] }
  | { ok: false; errors: ContractError[] };

export interface RunOptions {
  lang: Lang;
  runAt?: Date;
  scenarioNote?: string;
  engineVersion?: string;
  /** Called at the start of each stage (fraction 0..1 of the whole run) and once with ('writing', 1) at the end. */
  onProgress?: (stage: RunStage, fraction: number) => void;
  /** Passed to the host's writeResults (cells written so far, waiting for a cell edit). */
  write?: WriteOptions;
}

export async function runWorkbook(host: WorkbookHost, opts: RunOptions): Promise<RunOutcome> {
  const progress = opts.onProgress ?? (() => undefined);
  const runAt = opts.runAt ?? new Date();
  progress('reading', 0);
  // Same as contract readModel(host), split so each stage can report progress.
  const grids = await host.readTables(INPUT_TABLE_NAMES);
  progress('validating', 0.3);
  const parsed = parseModel(grids);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  progress('computing', 0.45);
  const results = computeModel(parsed.model);
  progress('writing', 0.7);
  const source = await host.describeSource();
  const plan = buildResultsPlan(parsed.model, results, {
    lang: opts.lang,
    source,
    runAt,
    scenarioNote: opts.scenarioNote,
    engineVersion: opts.engineVersion,
  });
  const report = await host.writeResults(plan, opts.write);
  progress('writing', 1);
  return { ok: true, model: parsed.model, results, report, warnings: parsed.warnings };
}
