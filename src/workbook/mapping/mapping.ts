/**
 * The workbook's saved mapping: a small owned table (ttm_Mapeo / ttm_Mapping, on a sheet of its own, hidden or not)
 * saying, for each contract column, which column of which of the user's own tables holds it, or the constant it takes.
 * Every host reads it as it reads any table, so the pane, the CLI and the browser demo use the same mapping and the
 * workbook keeps working without mapping again; the user's tables are read live, never copied or modified.
 *
 * | Versión | Tabla | Columna | Origen | Columna de origen | Constante |
 * | 1 | VolumenesBase | ID cliente | VentasERP | Cve. cliente | |
 * | 1 | VolumenesBase | Volumen base | VentasERP | Ctd. plan | |
 *
 * Version 1 maps one source table per contract table, column by column, with constants. (Month columns unpivoted,
 * one sheet per customer and gross/net amounts are not in version 1.)
 */
import type { Text } from '../../engine/model';
import { cellAddress } from '../contract/address';
import { isBlank } from '../contract/cells';
import type { ContractError } from '../contract/errors';
import { squash } from '../contract/normalize';
import { INPUT_TABLES, INPUT_TABLE_NAMES, matchTableName, type ColumnSpec, type TableSpec } from '../contract/specs';
import type { CellValue, TableGrid, WorkbookHost } from '../port';

export const MAPPING_TABLE_NAMES = ['ttm_Mapeo', 'ttm_Mapping'] as const;
export const MAPPING_VERSION = 1;

const HEADERS = {
  version: ['Versión', 'Version'],
  table: ['Tabla', 'Table'],
  column: ['Columna', 'Column'],
  source: ['Origen', 'Source'],
  sourceColumn: ['Columna de origen', 'Source column'],
  constant: ['Constante', 'Constant'],
} as const;
type Field = keyof typeof HEADERS;

export interface MappingRule {
  table: TableSpec;
  column: ColumnSpec;
  source?: string;
  sourceColumn?: string;
  constant?: CellValue;
  /** Where the rule is: the mapping table's sheet, worksheet row and the address of each of its cells. */
  sheet: string;
  row: number;
  at: (field: Field) => string;
}

function problem(
  code: string,
  grid: TableGrid,
  row: number | undefined,
  address: string | undefined,
  t: Text,
): ContractError {
  const where = address ? ` (${address})` : '';
  return {
    code,
    sheet: grid.sheet,
    table: grid.name,
    ...(row !== undefined ? { row } : {}),
    ...(address !== undefined ? { address } : {}),
    es: `Mapeo ${grid.name}${row !== undefined ? `, fila ${row}` : ''}${where}: ${t.es}`,
    en: `Mapping ${grid.name}${row !== undefined ? `, row ${row}` : ''}${where}: ${t.en}`,
  };
}

const text = (v: CellValue): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** The rules of a mapping table, or located errors (mapping_invalid) for what it cannot say. */
export function readMapping(grid: TableGrid): { rules: MappingRule[]; errors: ContractError[] } {
  const errors: ContractError[] = [];
  const col = new Map<Field, number>();
  grid.headers.forEach((h, j) => {
    for (const [f, names] of Object.entries(HEADERS) as [Field, readonly string[]][])
      if (names.some((n) => squash(n) === squash(h))) col.set(f, j);
  });
  for (const f of ['table', 'column'] as Field[]) {
    if (!col.has(f)) {
      errors.push(
        problem('mapping_invalid', grid, undefined, undefined, {
          es: `falta la columna «${HEADERS[f][0]}»; el mapeo necesita ${Object.values(HEADERS)
            .map((n) => `«${n[0]}»`)
            .join(', ')}.`,
          en: `the column "${HEADERS[f][1]}" is missing; the mapping needs ${Object.values(HEADERS)
            .map((n) => `"${n[1]}"`)
            .join(', ')}.`,
        }),
      );
    }
  }
  if (errors.length) return { rules: [], errors };
  const rules: MappingRule[] = [];
  grid.rows.forEach((cells, i) => {
    if (cells.every((v) => isBlank(v))) return;
    const row = grid.headerRow + 1 + i;
    const at = (f: Field) => cellAddress(grid.sheet, row, grid.firstColumn + (col.get(f) ?? 0));
    const get = (f: Field): CellValue => (col.has(f) ? (cells[col.get(f)!] ?? null) : null);
    const fail = (f: Field, t: Text) => errors.push(problem('mapping_invalid', grid, row, at(f), t));
    const version = get('version');
    if (!isBlank(version) && Number(version) !== MAPPING_VERSION) {
      fail('version', {
        es: `la versión ${text(version)} del mapeo no se puede leer (esta versión lee la ${MAPPING_VERSION}).`,
        en: `mapping version ${text(version)} cannot be read (this version reads ${MAPPING_VERSION}).`,
      });
      return;
    }
    const table = matchTableName(text(get('table')))?.spec;
    if (!table) {
      fail('table', {
        es: `«${text(get('table'))}» no es una tabla de entrada (${INPUT_TABLES.map((s) => s.es).join(', ')}).`,
        en: `"${text(get('table'))}" is not an input table (${INPUT_TABLES.map((s) => s.en).join(', ')}).`,
      });
      return;
    }
    const name = squash(text(get('column')));
    const column = table.columns.find((c) => [c.id, c.es, c.en, ...(c.aliases ?? [])].some((w) => squash(w) === name));
    if (!column) {
      fail('column', {
        es: `«${text(get('column'))}» no es una columna de ${table.es}; columnas: ${table.columns.map((c) => c.es).join(', ')}.`,
        en: `"${text(get('column'))}" is not a column of ${table.en}; columns: ${table.columns.map((c) => c.en).join(', ')}.`,
      });
      return;
    }
    const source = text(get('source'));
    const sourceColumn = text(get('sourceColumn'));
    const constant = get('constant');
    if (sourceColumn === '' && isBlank(constant)) {
      fail('sourceColumn', {
        es: `la columna «${column.es}» no dice de dónde se lee: escriba la «Columna de origen» o una «Constante».`,
        en: `the column "${column.en}" does not say where it is read from: fill "Source column" or a "Constant".`,
      });
      return;
    }
    if (sourceColumn !== '' && source === '') {
      fail('source', {
        es: `falta el «Origen»: la tabla de su libro que tiene la columna «${sourceColumn}».`,
        en: `the "Source" is missing: the table of your workbook holding the column "${sourceColumn}".`,
      });
      return;
    }
    rules.push({
      table,
      column,
      ...(source ? { source } : {}),
      ...(sourceColumn ? { sourceColumn } : {}),
      ...(sourceColumn === '' ? { constant } : {}),
      sheet: grid.sheet,
      row,
      at,
    });
  });
  // One source table per contract table in version 1.
  const sourcesOf = new Map<string, Set<string>>();
  for (const r of rules)
    if (r.source) sourcesOf.set(r.table.id, (sourcesOf.get(r.table.id) ?? new Set()).add(r.source.toLowerCase()));
  for (const [id, set] of sourcesOf) {
    if (set.size < 2) continue;
    const first = rules.find((r) => r.table.id === id && r.source)!;
    errors.push(
      problem('mapping_invalid', grid, first.row, first.at('source'), {
        es: `la tabla ${first.table.es} se mapea desde ${set.size} tablas; un mapeo lee cada tabla de entrada de una sola tabla de su libro.`,
        en: `the table ${first.table.en} is mapped from ${set.size} tables; a mapping reads each input table from one table of your workbook.`,
      }),
    );
  }
  return { rules, errors };
}

/**
 * The user's tables as contract tables: each source grid with `mappedAs` (its columns' contract ids, the constants),
 * keyed by the contract table's English name; or located errors (mapping_source_missing) when a source table or
 * column is not in the workbook any more (renamed, deleted), and mapping_invalid when the workbook also has the
 * contract table itself.
 */
export function mappedGrids(
  mapping: TableGrid,
  rules: readonly MappingRule[],
  sources: ReadonlyMap<string, TableGrid>,
  native: ReadonlySet<string>,
): { grids: Map<string, TableGrid>; errors: ContractError[] } {
  const errors: ContractError[] = [];
  const grids = new Map<string, TableGrid>();
  const byTable = new Map<string, MappingRule[]>();
  for (const r of rules) byTable.set(r.table.id, [...(byTable.get(r.table.id) ?? []), r]);
  for (const [id, list] of byTable) {
    const spec = list[0].table;
    if (native.has(id)) {
      errors.push(
        problem('mapping_invalid', mapping, list[0].row, list[0].at('table'), {
          es: `el libro ya tiene la tabla ${spec.es}; quite sus filas del mapeo o la tabla.`,
          en: `the workbook already has the table ${spec.en}; remove its rows from the mapping, or the table.`,
        }),
      );
      continue;
    }
    const sourceName = list.find((r) => r.source)?.source;
    const source = sourceName
      ? [...sources.values()].find((g) => g.name.toLowerCase() === sourceName.toLowerCase())
      : undefined;
    if (sourceName && !source) {
      const r = list.find((x) => x.source)!;
      errors.push(
        problem('mapping_source_missing', mapping, r.row, r.at('source'), {
          es: `la tabla «${sourceName}» no está en el libro (¿se renombró o se borró?); escriba el nombre de la tabla de su libro que tiene los datos de ${spec.es}.`,
          en: `the table "${sourceName}" is not in the workbook (was it renamed or deleted?); type the name of your workbook's table holding the ${spec.en} data.`,
        }),
      );
      continue;
    }
    const columns: (string | null)[] = (source?.headers ?? []).map(() => null);
    for (const r of list) {
      if (!r.sourceColumn || !source) continue;
      const j = source.headers.findIndex((h) => squash(String(h)) === squash(r.sourceColumn!));
      if (j < 0) {
        errors.push(
          problem('mapping_source_missing', mapping, r.row, r.at('sourceColumn'), {
            es: `la tabla ${source.name} (hoja ${source.sheet}) no tiene la columna «${r.sourceColumn}» (¿se renombró?); sus columnas: ${source.headers.join(', ')}.`,
            en: `the table ${source.name} (sheet ${source.sheet}) has no column "${r.sourceColumn}" (was it renamed?); its columns: ${source.headers.join(', ')}.`,
          }),
        );
        continue;
      }
      columns[j] = r.column.id;
    }
    const constants = list
      .filter((r) => !r.sourceColumn)
      .map((r) => ({
        column: r.column.id,
        value: r.constant ?? null,
        sheet: r.sheet,
        address: r.at('constant'),
        row: r.row,
      }));
    const base: TableGrid = source ?? {
      name: mapping.name,
      sheet: mapping.sheet,
      headerRow: mapping.headerRow,
      firstColumn: mapping.firstColumn,
      headers: [],
      rows: [[]],
    };
    grids.set(spec.en, { ...base, mappedAs: { table: id, columns, constants } });
  }
  return { grids, errors };
}

/**
 * The input tables a run reads: the contract tables the workbook has, and those its saved mapping builds from the
 * user's own tables. Mapping errors come back located at the mapping's cells.
 */
export async function readInputTables(
  host: WorkbookHost,
): Promise<{ grids: Map<string, TableGrid>; errors: ContractError[] }> {
  const grids = await host.readTables([...INPUT_TABLE_NAMES, ...MAPPING_TABLE_NAMES]);
  const key = [...grids.keys()].find((k) =>
    MAPPING_TABLE_NAMES.some((n) => n.toLowerCase() === grids.get(k)!.name.toLowerCase()),
  );
  if (key === undefined) return { grids, errors: [] };
  const mapping = grids.get(key)!;
  grids.delete(key);
  const { rules, errors } = readMapping(mapping);
  if (errors.length) return { grids, errors };
  const native = new Set(
    [...grids.values()].map((g) => matchTableName(g.name)?.spec.id).filter((x): x is NonNullable<typeof x> => !!x),
  );
  const wanted = [...new Set(rules.flatMap((r) => (r.source ? [r.source] : [])))];
  const sources = wanted.length ? await host.readTables(wanted) : new Map<string, TableGrid>();
  const mapped = mappedGrids(mapping, rules, sources, native);
  for (const [k, g] of mapped.grids) grids.set(k, g);
  return { grids, errors: mapped.errors };
}
