/**
 * parseModel: the input tables (plain grids) → the engine's Model, or every problem of the file located and worded
 * in es and en. Pure: no host, no I/O; bad data never throws.
 */
import { allocateLines, type Model, type Periodicity } from '../../engine/model';
import type { TableGrid, WorkbookHost } from '../port';
import { isBlank } from './cells';
import { PeriodResolver, type ParseContext } from './context';
import { ErrorSink, type ContractError } from './errors';
import { parseBaseVolumes } from './parse-base-volumes';
import { parseCustomers, parseProducts } from './parse-customers';
import { parseSettings } from './parse-settings';
import { finishTerms, parseCostToServe, parseTermTiers, parseTerms } from './parse-terms';
import { parsePeriod } from './periods';
import * as P from './problems';
import { INPUT_TABLES, INPUT_TABLE_NAMES, matchTableName, type TableId } from './specs';
import { BoundTable } from './table';

export type ParseResult = { ok: true; model: Model; warnings: ContractError[] } | { ok: false; errors: ContractError[] };

export function parseModel(grids: Map<string, TableGrid>): ParseResult {
  const sink = new ErrorSink();
  const tables = bindTables(grids, sink);
  const usable = (id: TableId) => {
    const t = tables.get(id);
    return t && t.usable ? t : null;
  };

  const parsedSettings = parseSettings(tables.get('Settings') ?? null);
  const settings = parsedSettings.settings;
  const customers = usable('Customers');
  const products = usable('Products');
  const baseVolumes = usable('BaseVolumes');
  if (!parsedSettings.periodicityGiven && baseVolumes) settings.periodicity = inferPeriodicity(baseVolumes) ?? settings.periodicity;

  const ctx: ParseContext = {
    sink,
    settings,
    periods: new PeriodResolver(settings.fiscalYear, parsedSettings.fiscalYearValid, settings.periodicity, parsedSettings.periodicityGiven),
    customers: customers && parseCustomers(customers),
    products: products && parseProducts(products),
  };
  const lines = baseVolumes ? parseBaseVolumes(baseVolumes, ctx) : allocateLines(0);
  const termsTable = usable('Terms');
  const terms = termsTable && parseTerms(termsTable, ctx);
  const tiers = usable('TermTiers');
  if (tiers) parseTermTiers(tiers, terms);
  // A TermTiers table with a broken header was not read: do not also call its terms rate-less.
  if (terms && (tiers || !tables.has('TermTiers'))) finishTerms(terms);
  const costs = usable('CostToServe');
  const costToServe = costs ? parseCostToServe(costs, ctx) : [];

  if (sink.errorCount > 0) return { ok: false, errors: sink.allErrors() };
  return {
    ok: true,
    model: {
      settings,
      customers: ctx.customers?.list ?? [],
      products: ctx.products?.list ?? [],
      periods: ctx.periods.periods,
      lines,
      terms: terms?.terms ?? [],
      costToServe,
    },
    warnings: sink.warnings,
  };
}

/** Reads every contract table (English names, Spanish names and aliases) through the host, then parses. */
export async function readModel(host: WorkbookHost): Promise<ParseResult> {
  return parseModel(await host.readTables(INPUT_TABLE_NAMES));
}

/** Matches grids to contract tables; reports missing, doubled and empty tables. */
function bindTables(grids: Map<string, TableGrid>, sink: ErrorSink): Map<TableId, BoundTable> {
  const bound = new Map<TableId, BoundTable>();
  for (const [key, grid] of grids) {
    const match = matchTableName(grid.name || key);
    if (!match) continue;
    const first = bound.get(match.spec.id);
    if (first) {
      // A host may hand the same table back under two requested names.
      if (first.grid === grid || (first.grid.name === grid.name && first.grid.sheet === grid.sheet)) continue;
      sink.error('duplicate_table', { at: 'table', sheet: grid.sheet, table: grid.name }, () =>
        P.duplicateTable(match.spec, first.name, first.sheet),
      );
      continue;
    }
    bound.set(match.spec.id, new BoundTable(match.spec, grid, match.spanish, sink));
  }
  for (const spec of INPUT_TABLES) {
    const t = bound.get(spec.id);
    if (!t) {
      if (spec.required) sink.error('missing_table', { at: 'workbook', sheet: '', table: spec.en }, () => P.missingTable(spec));
      continue;
    }
    if (spec.mustHaveRows && !hasData(t.grid)) sink.error('empty_table', t.whereTable(), P.emptyTable);
  }
  return bound;
}

function hasData(grid: TableGrid): boolean {
  return grid.rows.some((row) => row.some((v) => !isBlank(v)));
}

/** Without a Periodicity setting, the first readable BaseVolumes period decides (dates count as months). */
function inferPeriodicity(t: BoundTable): Periodicity | undefined {
  const c = t.col('period');
  for (let r = 0; r < t.rowCount; r++) {
    const p = parsePeriod(t.cell(r, c), 'month');
    if (p) return p.kind;
  }
  return undefined;
}
