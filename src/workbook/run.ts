/**
 * One run over any host: read the input tables → validate → compute → lay out → write. Invalid input returns
 * every contract error and writes nothing. Host failures (unreadable file, unwritable output) are not caught here:
 * they reach the CLI / task pane with their own message.
 */
import { computeModel, type Lang, type Model, type ModelResults, type Negotiation } from '../engine';
import { mappingFailure, parseModel } from './contract/parse';
import { readInputTables } from './mapping/mapping';
import type { ContractError, ProblemTotals } from './contract/errors';
import type { TableGrid, WorkbookHost, WriteOptions, WriteReport } from './port';
import { buildResultsPlan, negotiationsOf } from './results';

export type RunStage = 'reading' | 'validating' | 'computing' | 'laying_out' | 'writing';

export type RunOutcome =
  | {
      ok: true;
      model: Model;
      results: ModelResults;
      negotiations: Negotiation[];
      report: WriteReport;
      warnings: ContractError[];
    }
  | { ok: false; errors: ContractError[]; warnings: ContractError[]; totals?: ProblemTotals };

export interface RunOptions {
  lang: Lang;
  runAt?: Date;
  scenarioNote?: string;
  engineVersion?: string;
  /** Called at the start of each stage (fraction 0..1 of the whole run) and once with ('writing', 1) at the end. */
  onProgress?: (stage: RunStage, fraction: number) => void;
  /** Passed to the host's writeResults (cells written so far, waiting for a cell edit). */
  write?: WriteOptions;
  /** Only these scenarios (the CLI's --scenario); every scenario of the workbook by default. */
  scenarioIds?: readonly string[];
}

export async function runWorkbook(host: WorkbookHost, opts: RunOptions): Promise<RunOutcome> {
  const progress = opts.onProgress ?? (() => undefined);
  const runAt = opts.runAt ?? new Date();
  progress('reading', 0);
  // Same as contract readModel(host), split so each stage can report progress.
  // The contract's tables, and those the workbook's saved mapping builds from the user's own tables.
  let inputs: { grids: Map<string, TableGrid>; errors: ContractError[] } | undefined = await readInputTables(host);
  progress('validating', 0.3);
  const parsed = inputs.errors.length ? mappingFailure(inputs.errors) : parseModel(inputs.grids);
  // The model holds what the run needs: nothing may keep a million-row grid alive past its parsing (each collection
  // of the old generation during compute, lay out and write would mark it again, and it raised the peak).
  inputs = undefined;
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: parsed.warnings, totals: parsed.totals };
  const missing = (opts.scenarioIds ?? []).filter((id) => !(parsed.model.scenarios ?? []).some((s) => s.id === id));
  if (missing.length > 0) return { ok: false, errors: missing.map(unknownScenario), warnings: parsed.warnings };
  // A valid workbook and an output that cannot be written: say so now, before computing.
  await host.prepareOutput?.();
  progress('computing', 0.45);
  const results = computeModel(parsed.model);
  const negotiations = negotiationsOf(parsed.model, results, { scenarioIds: opts.scenarioIds });
  progress('laying_out', 0.6);
  const source = await host.describeSource();
  const plan = buildResultsPlan(parsed.model, results, {
    lang: opts.lang,
    source,
    runAt,
    scenarioNote: opts.scenarioNote,
    engineVersion: opts.engineVersion,
    scenarioIds: opts.scenarioIds,
    negotiations,
    inputWarnings: parsed.warnings,
  });
  progress('writing', 0.7);
  const report = await host.writeResults(plan, opts.write);
  progress('writing', 1);
  return { ok: true, model: parsed.model, results, negotiations, report, warnings: parsed.warnings };
}

/** A scenario asked for by id that the Scenarios table does not hold: an error, nothing written. */
function unknownScenario(id: string): ContractError {
  return {
    code: 'unknown_scenario',
    sheet: '',
    table: 'Scenarios',
    es: `El escenario «${id}» pedido con --scenario no existe en la tabla Escenarios.`,
    en: `The scenario "${id}" asked for with --scenario does not exist in the Scenarios table.`,
  };
}
