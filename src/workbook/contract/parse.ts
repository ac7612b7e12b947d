/**
 * parseModel: the input tables (plain grids) → the engine's Model, or every problem of the file located and worded
 * in es and en. Pure: no host, no I/O; bad data never throws.
 */
import { allocateLines, type Model, type Periodicity } from '../../engine/model';
import type { TableGrid, WorkbookHost } from '../port';
import { isBlank } from './cells';
import { PeriodResolver, type ParseContext } from './context';
import { ErrorSink, type ContractError, type ProblemTotals } from './errors';
import { checkFiscalYear, checkPeriodicity } from './fiscal-year';
import { parseBaseVolumes } from './parse-base-volumes';
import { parseCustomers, parseProducts } from './parse-customers';
import { parseSettings } from './parse-settings';
import { finishTerms, parseCostToServe, parseTermTiers, parseTerms } from './parse-terms';
import {
  parseCompetitorPrices,
  parseElasticities,
  parsePriceChanges,
  parsePromotions,
  parseRetailerMargins,
  parseTaxRates,
} from './parse-levers';
import { parsePeriod } from './periods';
import { parseScenarioChanges, parseScenarios } from './parse-scenarios';
import * as P from './problems';
import { INPUT_TABLES, matchTableName, type ColumnId, type TableId, type TableSpec } from './specs';
import { BoundTable, headerKeys } from './table';
import { readInputTables } from '../mapping/mapping';
import { squash } from './normalize';

export type ParseResult =
  | { ok: true; model: Model; warnings: ContractError[]; totals: ProblemTotals }
  | { ok: false; errors: ContractError[]; warnings: ContractError[]; totals: ProblemTotals };

export function parseModel(grids: Map<string, TableGrid>): ParseResult {
  const sink = new ErrorSink();
  const tables = bindTables(grids, sink);
  // A table that lacks a required column is still read, so the errors of its other columns are listed in the same
  // run (the missing column itself is one error, not one per row).
  const table = (id: TableId) => tables.get(id) ?? null;
  /**
   * Other tables are checked against a master table only when it can answer: an empty table, or one without its
   * key column, would turn every reference into an "unknown id" error and bury the one error that matters.
   */
  const referable = (t: BoundTable | null, key: ColumnId): boolean =>
    t !== null && t.has(t.col(key)) && hasData(t.grid);

  const settingsTable = table('Settings');
  const parsedSettings = parseSettings(settingsTable);
  const settings = parsedSettings.settings;
  const customers = table('Customers');
  const products = table('Products');
  const baseVolumes = table('BaseVolumes');
  if (!parsedSettings.periodicityGiven && baseVolumes)
    settings.periodicity = inferPeriodicity(baseVolumes) ?? settings.periodicity;

  // Before any row is read: a wrong fiscal year is one error on its cell, not one per BaseVolumes row.
  const fiscalYearKnown = checkFiscalYear(settingsTable, parsedSettings, baseVolumes, sink);
  // And a periodicity the plan does not use is one error on Parámetros > Periodicidad, not one per row.
  const periodicityKnown = checkPeriodicity(parsedSettings, baseVolumes, sink);

  const parsedCustomers = customers && parseCustomers(customers);
  const parsedProducts = products && parseProducts(products);
  const ctx: ParseContext = {
    sink,
    settings,
    periods: new PeriodResolver(
      settings.fiscalYear,
      fiscalYearKnown,
      settings.periodicity,
      parsedSettings.periodicityGiven,
      periodicityKnown,
    ),
    customers: referable(customers, 'id') ? parsedCustomers : null,
    products: referable(products, 'sku') ? parsedProducts : null,
  };
  const lines = baseVolumes ? parseBaseVolumes(baseVolumes, ctx) : allocateLines(0);
  const termsTable = table('Terms');
  const parsedTerms = termsTable && parseTerms(termsTable, ctx);
  const terms = referable(termsTable, 'id') ? parsedTerms : null;
  const tiers = table('TermTiers');
  if (tiers) parseTermTiers(tiers, terms);
  // Tiers of a TermTiers table with a broken header were not all attached: do not also call their terms rate-less.
  if (terms && (tiers ? tiers.usable : true)) finishTerms(terms);
  const costs = table('CostToServe');
  const costToServe = costs ? parseCostToServe(costs, ctx) : [];
  // Prices and promotions: optional tables, each a lever of the prices or volumes stage.
  const optional = <T>(id: TableId, parse: (t: BoundTable, c: ParseContext) => T[]): T[] => {
    const tb = table(id);
    return tb ? parse(tb, ctx) : [];
  };
  const priceChanges = optional('PriceChanges', parsePriceChanges);
  const retailerMargins = optional('RetailerMargins', parseRetailerMargins);
  const elasticities = optional('Elasticities', parseElasticities);
  const competitorPrices = optional('CompetitorPrices', parseCompetitorPrices);
  const promotions = optional('Promotions', parsePromotions);
  const taxRates = optional('TaxRates', parseTaxRates);
  // Scenarios last: their levers point at the terms, promotions and costs read above.
  const scenarios = optional('Scenarios', parseScenarios);
  const changes = table('ScenarioChanges');
  if (changes) {
    parseScenarioChanges(changes, ctx, scenarios, {
      terms: parsedTerms?.terms ?? [],
      promotions,
      costToServe,
    });
  }

  if (sink.errorCount > 0)
    return { ok: false, errors: sink.allErrors(), warnings: sink.warnings, totals: sink.totals() };
  return {
    ok: true,
    model: {
      settings,
      customers: parsedCustomers?.list ?? [],
      products: parsedProducts?.list ?? [],
      periods: ctx.periods.periods,
      lines,
      terms: parsedTerms?.terms ?? [],
      costToServe,
      ...(priceChanges.length ? { priceChanges } : {}),
      ...(retailerMargins.length ? { retailerMargins } : {}),
      ...(elasticities.length ? { elasticities } : {}),
      ...(competitorPrices.length ? { competitorPrices } : {}),
      ...(promotions.length ? { promotions } : {}),
      ...(taxRates.length ? { taxRates } : {}),
      ...(scenarios.length ? { scenarios } : {}),
    },
    warnings: sink.warnings,
    totals: sink.totals(),
  };
}

/** Reads every contract table (English names, Spanish names and aliases) through the host, then parses. */
export async function readModel(host: WorkbookHost): Promise<ParseResult> {
  const { grids, errors } = await readInputTables(host);
  return errors.length ? mappingFailure(errors) : parseModel(grids);
}

/** A mapping that cannot be applied: its located errors, before any table is read through it. */
export function mappingFailure(errors: ContractError[]): ParseResult {
  return {
    ok: false,
    errors,
    warnings: [],
    totals: { errors: errors.length, causes: errors.length, warnings: 0, warningCauses: 0, explained: 0 },
  };
}

/** Matches grids to contract tables; reports missing, doubled and empty tables. */
function bindTables(grids: Map<string, TableGrid>, sink: ErrorSink): Map<TableId, BoundTable> {
  const bound = new Map<TableId, BoundTable>();
  const headerless = new Set<TableId>();
  for (const [key, grid] of grids) {
    const mappedSpec = grid.mappedAs && INPUT_TABLES.find((s) => s.id === grid.mappedAs!.table);
    const match = mappedSpec ? { spec: mappedSpec, spanish: true } : matchTableName(grid.name || key);
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
    const off = grid.source?.headerRowShown === false;
    if ((off || noKnownHeader(match.spec, grid)) && !headersFit(match.spec, grid)) {
      // Data stands where the headers belong (the header row switched off, or typed over; LibreOffice turns a
      // switched-off header row back on with the first data row as headers): one cause, not one error per value.
      headerless.add(match.spec.id);
      sink.error('header_row_off', { at: 'table', sheet: grid.sheet, table: grid.name }, () =>
        P.headerRowOff(
          grid.headers,
          match.spec.columns.filter((c) => c.required).map((c) => c.es),
          match.spec.columns.filter((c) => c.required).map((c) => c.en),
          off,
        ),
      );
      continue;
    }
    bound.set(match.spec.id, new BoundTable(match.spec, grid, match.spanish, sink));
  }
  for (const spec of INPUT_TABLES) {
    const t = bound.get(spec.id);
    if (!t) {
      if (spec.required && !headerless.has(spec.id))
        sink.error('missing_table', { at: 'workbook', sheet: '', table: spec.en }, () => P.missingTable(spec));
      continue;
    }
    if (spec.mustHaveRows && !hasData(t.grid)) sink.error('empty_table', t.whereTable(), P.emptyTable);
  }
  return bound;
}

/** A table whose header row is off but whose first row holds known headers anyway reads as usual. */
function headersFit(spec: TableSpec, grid: TableGrid): boolean {
  const keys = headerKeys(spec);
  return grid.headers.every((h) => keys.has(squash(String(h ?? '').trim())));
}

/** Not one header names a column of the table (at least two written): its header row holds something else. */
function noKnownHeader(spec: TableSpec, grid: TableGrid): boolean {
  const keys = headerKeys(spec);
  const written = grid.headers.map((h) => String(h ?? '').trim()).filter((h) => h !== '');
  return written.length >= 2 && written.every((h) => !keys.has(squash(h)));
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
