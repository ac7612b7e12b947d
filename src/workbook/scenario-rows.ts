/**
 * A scenario written back into the workbook: the inverse of the contract's scenario parser
 * (contract/parse-scenarios.ts). scenarioRows lays out its Scenarios row and its ScenarioChanges rows, one lever a
 * row, in the column order of the tables the workbook already has (headers matched as the contract matches them:
 * es, en or an alias, case, accents and punctuation folded) or, for a table to create, in the spec's order with
 * Spanish or English headers. saveScenario reads both tables through the host, and replaces the scenario's rows in
 * each (host.saveRows, keyed by the scenario ID) or creates the table.
 *
 * How each lever is written, so parseModel reads back the same scenario:
 * - enum cells hold the word of the run's language (vocabulary), numbers stay numbers (5 % as 0.05), dates are
 *   'yyyy-mm-dd' text; a blank value means what the contract says it means (no upper bound, the elasticity's uplift);
 * - term rate or basis, tier (1-based) from/to/rate, promotion field, cost-to-serve rate (the kind's word as target
 *   ID): action "change" with its field;
 * - a removed term or promotion: action "remove". Presence is a state, not a step: only the last presence lever of a
 *   term or promotion counts (the engine applies removals as a set), so a removal undone later in the same scenario
 *   writes nothing, and a removal is written where its last lever was;
 * - an added promotion: action "add", its new ID, «Copia de» = the event copied (basedOn), its in-store window and
 *   its scope written out (the rest comes from the copied event, as the parser builds it);
 * - a price change: action "add", its change %, scope and effective date; a volume assumption: its change % and
 *   scope (a scope of every product is left blank, which reads as "all").
 *
 * @example
 * const { scenarioRow, changeRows } = scenarioRows(scenario, null, 'es');
 * // scenarioRow: ['WMX-P1', 'WMX', 'Propuesta anual', 'propuesta', 'borrador', null, '2026-10-15', null]
 * // changeRows[0]: ['WMX-P1', 'cambiar', 'condición', 'WMX-01', null, 'tasa', 0.035, null, null, null, null, null, null]
 * await saveScenario(host, scenario, 'es'); // replaces WMX-P1's rows, or creates Escenarios / CambiosEscenario
 */
import type { Lang, Scenario, ScenarioChange, Scope, Text } from '../engine/model';
import {
  COST_KIND_VALUES,
  LEVER_ACTION_VALUES,
  LEVER_FIELD_VALUES,
  LEVER_TARGET_VALUES,
  SCENARIO_CHANGES,
  SCENARIO_KIND_VALUES,
  SCENARIOS,
  SCENARIO_STATUS_VALUES,
  SCOPE_KIND_VALUES,
  TERM_BASIS_VALUES,
  matchTableName,
  type EnumValue,
  type TableSpec,
} from './contract/specs';
import { headerKeys } from './contract/table';
import { squash } from './contract/normalize';
import { HostError, type CellValue, type SaveRowsReport, type TableGrid, type WorkbookHost } from './port';

/** The headers of the tables the workbook already has (null: the table is to be created). */
export interface ScenarioTableHeaders {
  scenarios: readonly string[] | null;
  changes: readonly string[] | null;
}

export interface ScenarioRows {
  /** The Scenarios row, in the Scenarios table's column order. */
  scenarioRow: CellValue[];
  /** The ScenarioChanges rows, one lever each, in the ScenarioChanges table's column order. */
  changeRows: CellValue[][];
}

/** Names of the tables and sheets saveScenario creates when the workbook has none. */
export const SCENARIO_TABLES: Record<'scenarios' | 'changes', Record<Lang, { table: string; sheet: string }>> = {
  scenarios: {
    es: { table: 'Escenarios', sheet: 'Escenarios' },
    en: { table: 'Scenarios', sheet: 'Scenarios' },
  },
  changes: {
    es: { table: 'CambiosEscenario', sheet: 'Cambios de escenario' },
    en: { table: 'ScenarioChanges', sheet: 'Scenario changes' },
  },
};

/** A table's columns by position: the column id of each header (null: a header the contract does not know). */
interface Layout {
  spec: TableSpec;
  ids: (string | null)[];
  /** Header texts: the table's own, or the spec's in the run's language for a table to create. */
  headers: string[];
}

function layoutOf(spec: TableSpec, headers: readonly string[] | null, lang: Lang): Layout {
  if (headers === null) {
    return { spec, ids: spec.columns.map((c) => c.id), headers: spec.columns.map((c) => c[lang]) };
  }
  const byKey = headerKeys(spec);
  const seen = new Set<string>();
  const ids = headers.map((h) => {
    const id = byKey.get(squash(String(h ?? '').trim()))?.id ?? null;
    // A repeated column is an error for the contract, which reads the first: write the first only.
    if (id === null || seen.has(id)) return null;
    seen.add(id);
    return id;
  });
  return { spec, ids, headers: [...headers] };
}

function notWritable(scenarioId: string, spec: TableSpec, text: Text): HostError {
  return new HostError('scenario_not_writable', {
    es: `No se puede guardar el escenario «${scenarioId}» en la tabla ${spec.es}: ${text.es}; no se guardó nada.`,
    en: `Scenario "${scenarioId}" cannot be saved into the ${spec.en} table: ${text.en}; nothing was saved.`,
  });
}

/**
 * One row: each value in its column. A value whose column the table lacks cannot be written (an error, not a drop),
 * unless it is what a blank cell of that column means anyway (`implied`: the action "change", the field "rate").
 */
function rowOf(
  layout: Layout,
  values: Partial<Record<string, CellValue>>,
  scenarioId: string,
  implied: readonly string[] = [],
): CellValue[] {
  for (const [id, v] of Object.entries(values)) {
    if (v === null || v === undefined || layout.ids.includes(id) || implied.includes(id)) continue;
    const col = layout.spec.columns.find((c) => c.id === id)!;
    throw notWritable(scenarioId, layout.spec, {
      es: `la tabla no tiene la columna «${col.es}», que este escenario necesita`,
      en: `the table has no "${col.en}" column, which this scenario needs`,
    });
  }
  return layout.ids.map((id) => (id === null ? null : (values[id] ?? null)));
}

const word = (values: readonly EnumValue[], id: string, lang: Lang): string => {
  const w = values.find((v) => v.id === id);
  if (!w) throw new RangeError(`No ${id} among ${values.map((v) => v.id).join(', ')}`);
  return w[lang];
};

/** A scope as the contract reads it: kind and ";"-separated values; every product is left blank (reads as "all"). */
function scopeCells(scope: Scope, lang: Lang, explicit: boolean): Partial<Record<string, CellValue>> {
  if (scope.kind === 'all' && !explicit) return {};
  return {
    scopeKind: word(SCOPE_KIND_VALUES, scope.kind, lang),
    scopeValues: scope.kind === 'all' ? null : scope.values.join('; '),
  };
}

/** The presence levers that count: for each term or promotion, its last one (see the module comment). */
function lastPresence(changes: readonly ScenarioChange[]): Set<number> {
  const last = new Map<string, number>();
  changes.forEach((c, i) => {
    if (c.target === 'term_present' || c.target === 'promotion_present') last.set(`${c.target}:${squash(c.id)}`, i);
  });
  return new Set(last.values());
}

/**
 * The scenario's rows, in the column order of the workbook's tables (`headers`; null or a null member: a table to
 * create, in the spec's order). Throws scenario_not_writable when the scenario needs a column the table lacks, or
 * holds an added promotion without the event it copies.
 */
export function scenarioRows(scenario: Scenario, headers: ScenarioTableHeaders | null, lang: Lang): ScenarioRows {
  const scenarios = layoutOf(SCENARIOS, headers?.scenarios ?? null, lang);
  const changes = layoutOf(SCENARIO_CHANGES, headers?.changes ?? null, lang);
  const id = scenario.id;
  const scenarioRow = rowOf(
    scenarios,
    {
      id,
      customerId: scenario.customerId,
      name: scenario.name || null,
      kind: scenario.kind ? word(SCENARIO_KIND_VALUES, scenario.kind, lang) : null,
      status: scenario.status ? word(SCENARIO_STATUS_VALUES, scenario.status, lang) : null,
      author: scenario.author || null,
      date: scenario.date || null,
      notes: scenario.notes || null,
    },
    id,
  );

  const action = (a: string) => word(LEVER_ACTION_VALUES, a, lang);
  const target = (t: string) => word(LEVER_TARGET_VALUES, t, lang);
  const field = (f: string) => word(LEVER_FIELD_VALUES, f, lang);
  const counted = lastPresence(scenario.changes);
  const changeRows: CellValue[][] = [];
  scenario.changes.forEach((c, i) => {
    const base = { scenarioId: id };
    let cells: Partial<Record<string, CellValue>>;
    switch (c.target) {
      case 'term':
        cells = {
          action: action('set'),
          target: target('term'),
          targetId: c.id,
          field: field(c.field),
          value: c.field === 'basis' ? word(TERM_BASIS_VALUES, c.value, lang) : c.value,
        };
        break;
      case 'term_tier':
        cells = {
          action: action('set'),
          target: target('term_tier'),
          targetId: c.id,
          tier: c.index + 1,
          field: field(c.field),
          value: c.value,
        };
        break;
      case 'term_present':
      case 'promotion_present':
        if (!counted.has(i) || c.value) return; // a later lever decides, or the item stays: nothing to write
        cells = {
          action: action('remove'),
          target: target(c.target === 'term_present' ? 'term' : 'promotion'),
          targetId: c.id,
        };
        break;
      case 'promotion':
        cells = {
          action: action('set'),
          target: target('promotion'),
          targetId: c.id,
          field: field(c.field),
          value: c.value,
        };
        break;
      case 'promotion_add':
        if (!c.basedOn) {
          throw notWritable(id, changes.spec, {
            es: `la promoción agregada «${c.promotion.id}» no dice de qué evento es copia, y una fila de CambiosEscenario solo puede agregar una copia («Copia de»)`,
            en: `the added promotion "${c.promotion.id}" does not say which event it copies, and a ScenarioChanges row can only add a copy ("Copy of")`,
          });
        }
        cells = {
          action: action('add'),
          target: target('promotion'),
          targetId: c.promotion.id,
          basedOn: c.basedOn,
          dateFrom: c.promotion.inStoreWindow.from,
          dateTo: c.promotion.inStoreWindow.to,
          ...scopeCells(c.promotion.scope, lang, true),
        };
        break;
      case 'price_change':
        cells = {
          action: action('add'),
          target: target('price_change'),
          field: field('changePct'),
          value: c.changePct,
          dateFrom: c.effectiveDate,
          ...scopeCells(c.scope, lang, false),
        };
        break;
      case 'volume':
        cells = {
          action: action('set'),
          target: target('volume'),
          field: field('changePct'),
          value: c.changePct,
          ...scopeCells(c.scope, lang, false),
        };
        break;
      case 'cost':
        cells = {
          action: action('set'),
          target: target('cost'),
          targetId: word(COST_KIND_VALUES, c.kind, lang),
          field: field('rate'),
          value: c.value,
        };
        break;
    }
    // A blank action means "change", a blank field the target's first one (rate; change % for price and volume).
    const implied = [
      ...(cells.action === action('set') ? ['action'] : []),
      ...(cells.field === field(c.target === 'price_change' || c.target === 'volume' ? 'changePct' : 'rate')
        ? ['field']
        : []),
    ];
    changeRows.push(rowOf(changes, { ...base, ...cells }, id, implied));
  });
  return { scenarioRow, changeRows };
}

// ---------------------------------------------------------------- saving through the host

function saveUnsupported(host: WorkbookHost): HostError {
  return new HostError('save_unsupported', {
    es: `Este libro no admite guardar escenarios (${host.kind === 'xlsx' ? 'los resultados van a un archivo nuevo y el libro de entrada no se modifica' : 'el anfitrión no escribe en las tablas de entrada'}). Agregue el escenario a las tablas Escenarios y CambiosEscenario en Excel.`,
    en: `This workbook cannot save scenarios (${host.kind === 'xlsx' ? 'results go to a new file and the input workbook is never changed' : 'the host does not write into input tables'}). Add the scenario to the Scenarios and ScenarioChanges tables in Excel.`,
  });
}

/** The one table of the workbook that is this contract table, if any (two are ambiguous: which to write?). */
function tableOf(grids: Map<string, TableGrid>, spec: TableSpec): TableGrid | undefined {
  const hits: TableGrid[] = [];
  for (const g of grids.values()) {
    if (matchTableName(g.name)?.spec.id === spec.id && !hits.some((h) => h.name === g.name)) hits.push(g);
  }
  if (hits.length > 1) {
    const list = hits.map((h) => h.name).join(', ');
    throw new HostError('duplicate_table', {
      es: `El libro tiene más de una tabla ${spec.es} (${list}); no se guardó nada. Deje una sola y vuelva a guardar.`,
      en: `The workbook has more than one ${spec.en} table (${list}); nothing was saved. Keep one and save again.`,
    });
  }
  return hits[0];
}

/**
 * Saves a scenario into the workbook: its Scenarios row, then its ScenarioChanges rows (in that order: a saved
 * scenario without its levers still reads, levers without their scenario would not), each replacing the rows the
 * scenario had (key: the scenario ID, compared trimmed and case folded) or creating the table, named and placed in
 * the run's language (SCENARIO_TABLES). Throws save_unsupported when the host cannot write into its workbook.
 */
export async function saveScenario(
  host: WorkbookHost,
  scenario: Scenario,
  lang: Lang,
): Promise<{ scenarios: SaveRowsReport; changes: SaveRowsReport }> {
  if (!host.saveRows) throw saveUnsupported(host);
  const names = [SCENARIOS, SCENARIO_CHANGES].flatMap((s) => [s.en, s.es, ...s.aliases]);
  const grids = await host.readTables(names);
  const own = { scenarios: tableOf(grids, SCENARIOS), changes: tableOf(grids, SCENARIO_CHANGES) };
  const { scenarioRow, changeRows } = scenarioRows(
    scenario,
    { scenarios: own.scenarios?.headers ?? null, changes: own.changes?.headers ?? null },
    lang,
  );
  const save = (which: 'scenarios' | 'changes', spec: TableSpec, keyId: string, rows: CellValue[][]) => {
    const grid = own[which];
    const layout = layoutOf(spec, grid?.headers ?? null, lang);
    const created = SCENARIO_TABLES[which][lang];
    return host.saveRows!({
      table: grid?.name ?? null,
      create: grid ? undefined : { name: created.table, sheet: created.sheet, headers: layout.headers },
      keyColumn: layout.ids.indexOf(keyId),
      key: scenario.id,
      rows,
    });
  };
  const scenarios = await save('scenarios', SCENARIOS, 'id', [scenarioRow]);
  const changes = await save('changes', SCENARIO_CHANGES, 'scenarioId', changeRows);
  return { scenarios, changes };
}
