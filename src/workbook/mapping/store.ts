/**
 * The saved mapping as the pane reads and writes it through the host port: what the workbook holds (the user's own
 * tables, the contract tables it already has, the mapping and its rules), and one table's mapping saved or removed
 * (WorkbookHost.saveRows on the mapping table, keyed by the contract table's name; the table is created on a hidden
 * sheet the first time). The user's own tables are only read.
 *
 * @example
 * const context = await readMappingContext(host); // context.tables: VentasERP, CatalogoClientes…
 * await saveTableMapping(host, context, draft, 'es'); // ttm_Mapeo gets the draft's rows for VolumenesBase
 */
import type { Lang } from '../../engine/model';
import type { ContractError } from '../contract/errors';
import { squash } from '../contract/normalize';
import { INPUT_TABLE_NAMES, SETTING_SPECS, matchTableName } from '../contract/specs';
import { HostError, isResultTableName, saveRowsKey, type TableGrid, type TableInfo, type WorkbookHost } from '../port';
import { mappingRowsOf, newMappingTable, specOf, type TableDraft } from './draft';
import {
  MAPPING_TABLE_NAMES,
  isMappingTable,
  mappingFieldColumns,
  buildMapped,
  readMapping,
  type MappingRule,
} from './mapping';

export interface MappingContext {
  /** The user's own tables, a mapping's possible sources (neither contract, mapping nor result tables). */
  tables: TableInfo[];
  /** Contract table ids the workbook has as tables of their own (a mapping of them would be refused). */
  native: Set<string>;
  /** The saved mapping table, when there is one, its rules, and what it cannot say or build (as a run reports it). */
  mapping: TableGrid | null;
  rules: MappingRule[];
  errors: ContractError[];
  /** The Settings table's fiscal year, for month headers without one ("Ene"). */
  fiscalYear?: number;
}

export async function readMappingContext(host: WorkbookHost): Promise<MappingContext> {
  const all = await host.listTables();
  const native = new Set<string>();
  const tables: TableInfo[] = [];
  for (const t of all) {
    const spec = matchTableName(t.name)?.spec;
    if (spec) native.add(spec.id);
    else if (!isMappingTable(t) && !isResultTableName(t.name)) tables.push(t);
  }
  const grids = await host.readTables([...MAPPING_TABLE_NAMES, ...INPUT_TABLE_NAMES.filter((n) => isSettings(n))]);
  const mapping = [...grids.values()].find(isMappingTable) ?? null;
  const read = mapping ? readMapping(mapping) : { rules: [], errors: [] };
  // Everything a run would say of the mapping: its own rows, and what it cannot build from the workbook as it is now
  // (a source renamed or gone, a table the workbook also has), located at the mapping's cells. Only the sources are
  // read again: the mapping and the contract tables the workbook has are known here.
  if (mapping && read.errors.length === 0) read.errors = (await buildMapped(host, mapping, read.rules, native)).errors;
  const settings = [...grids.values()].find((g) => isSettings(g.name));
  const fiscalYear = settings ? fiscalYearOf(settings) : undefined;
  return { tables, native, mapping, ...read, ...(fiscalYear !== undefined ? { fiscalYear } : {}) };
}

const isSettings = (name: string) => matchTableName(name)?.spec.id === 'Settings';

/** The «Año fiscal» row's value of a Settings grid, when it is a plausible year. */
function fiscalYearOf(settings: TableGrid): number | undefined {
  const spec = SETTING_SPECS.find((s) => s.id === 'fiscalYear')!;
  const names = new Set([spec.id, spec.es, spec.en, ...(spec.aliases ?? [])].map(squash));
  const row = settings.rows.find((r) => typeof r[0] === 'string' && names.has(squash(r[0])));
  const year = Number(row?.[1]);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined;
}

export interface MappingSaveReport {
  /** The mapping table and its sheet. */
  table: string;
  sheet: string;
  /** True when this save created the mapping table (on a hidden sheet). */
  created: boolean;
  rowsAdded: number;
  rowsRemoved: number;
}

/**
 * One contract table's mapping saved (`draft`) or removed (null) in the workbook's mapping table: its rows replaced
 * (every spelling of the table's name the mapping used, Spanish or English), the other tables' rows untouched. A
 * workbook without a mapping table gets one, in the user's language, on a new hidden sheet. Nothing else changes.
 */
export async function saveTableMapping(
  host: WorkbookHost,
  context: Pick<MappingContext, 'mapping'>,
  tableId: string,
  draft: TableDraft | null,
  lang: Lang,
): Promise<MappingSaveReport> {
  if (!host.saveRows)
    throw new HostError('save_unsupported', {
      es: 'Aquí no se puede escribir en el libro, así que el mapeo no se guardó. Abra el libro en Excel con el complemento y guárdelo ahí.',
      en: 'This workbook cannot be written here, so the mapping was not saved. Open the workbook in Excel with the add-in and save it there.',
    });
  const spec = specOf(tableId);
  const key = lang === 'es' ? spec.es : spec.en;
  const mapping = context.mapping;
  if (!mapping) {
    if (!draft) return { table: '', sheet: '', created: false, rowsAdded: 0, rowsRemoved: 0 };
    const create = { ...newMappingTable(lang), hidden: true };
    const report = await host.saveRows({
      table: null,
      create,
      keyColumn: mappingFieldColumns(create.headers).get('table')!,
      key,
      rows: mappingRowsOf(spec, draft, lang, create.headers),
    });
    return { table: report.table, sheet: report.sheet, created: true, rowsAdded: report.rowsAdded, rowsRemoved: 0 };
  }
  const keyColumn = mappingFieldColumns(mapping.headers).get('table');
  if (keyColumn === undefined)
    throw new HostError('mapping_not_writable', {
      es: `La tabla de mapeo «${mapping.name}» no tiene la columna «Tabla»; no se guardó nada. Agréguela y vuelva a guardar.`,
      en: `The mapping table "${mapping.name}" has no "Table" column; nothing was saved. Add it and save again.`,
    });
  const rows = draft ? mappingRowsOf(spec, draft, lang, mapping.headers) : [];
  // The same table under another spelling ("BaseVolumes" beside "VolumenesBase"): removed after the new rows are in.
  const others = new Set<string>();
  for (const r of mapping.rows) {
    const name = r[keyColumn];
    if (typeof name === 'string' && matchTableName(name)?.spec.id === spec.id && saveRowsKey(name) !== saveRowsKey(key))
      others.add(name.trim());
  }
  const report = await host.saveRows({ table: mapping.name, keyColumn, key, rows });
  let removed = report.rowsRemoved;
  for (const other of others)
    removed += (await host.saveRows({ table: mapping.name, keyColumn, key: other, rows: [] })).rowsRemoved;
  return {
    table: report.table,
    sheet: report.sheet,
    created: false,
    rowsAdded: report.rowsAdded,
    rowsRemoved: removed,
  };
}
