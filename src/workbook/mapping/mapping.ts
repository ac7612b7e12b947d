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
 * Version 1: per input table, one source table or several read as one ("PL_WMX; PL_SOR": one sheet per customer),
 * column by column, with constants; "[hoja]" / "[tabla]" read the source's sheet or table name (the customer of a
 * sheet per customer); month columns are unpivoted: the period row lists them ("Ene; Feb; …; Dic", the year as its
 * constant, or "2026-01; 2026-02…") and "[valor]" takes each month's number. The "Regla" column holds the user's
 * choices: a price computed as "Importe bruto / Ctd. plan" needs "bruto" (never from a net amount), quarter columns
 * in a monthly model need "partes iguales" or "pesos 30/30/40". A period may come from a year and a month column
 * ("Ejercicio + Período", the month as 3, "003" or "Mar") or a month column with the year as the constant. A source
 * may also be a range that is not an Excel
 * table ("Ventas!A3:H200", or "'PL WMX'!A5:P" down to its last value: range-source.ts), its first row the headers.
 */
import type { Text } from '../../engine/model';
import { toA1 } from '../a1';
import { cellAddress } from '../contract/address';
import { isBlank } from '../contract/cells';
import type { ContractError } from '../contract/errors';
import { squash } from '../contract/normalize';
import { INPUT_TABLES, INPUT_TABLE_NAMES, matchTableName, type ColumnSpec, type TableSpec } from '../contract/specs';
import type { CellValue, MappedTable, TableGrid, WorkbookHost } from '../port';
import { isRangeRef, parseRangeRef, type RangeRef } from '../range-source';

export const MAPPING_TABLE_NAMES = ['ttm_Mapeo', 'ttm_Mapping'] as const;
export const MAPPING_VERSION = 1;

/** The mapping table's headers, Spanish and English, per field. */
export const MAPPING_HEADERS = {
  version: ['Versión', 'Version'],
  table: ['Tabla', 'Table'],
  column: ['Columna', 'Column'],
  source: ['Origen', 'Source'],
  sourceColumn: ['Columna de origen', 'Source column'],
  constant: ['Constante', 'Constant'],
  rule: ['Regla', 'Rule'],
} as const;
export type MappingField = keyof typeof MAPPING_HEADERS;
type Field = MappingField;
const HEADERS = MAPPING_HEADERS;

/** Which column of a mapping table holds each field (its headers in Spanish or English, in any order). */
export function mappingFieldColumns(headers: readonly string[]): Map<MappingField, number> {
  const col = new Map<MappingField, number>();
  headers.forEach((h, j) => {
    for (const [f, names] of Object.entries(HEADERS) as [MappingField, readonly string[]][])
      if (names.some((n) => squash(n) === squash(h))) col.set(f, j);
  });
  return col;
}

export interface MappingRule {
  table: TableSpec;
  column: ColumnSpec;
  source?: string;
  sourceColumn?: string;
  constant?: CellValue;
  /** The user's choice where the data needs one: an amount is gross or net; a quarter is split into equal months. */
  rule?: string;
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
  const col = mappingFieldColumns(grid.headers);
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
      // A constant fills the column; next to month columns it is their year.
      ...(isBlank(constant) ? {} : { constant }),
      ...(text(get('rule')) ? { rule: text(get('rule')) } : {}),
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
        es: `las filas de la tabla ${first.table.es} nombran ${set.size} orígenes distintos; todas deben nombrar el mismo (una tabla, o varias separadas por «;», una por cliente).`,
        en: `the rows of the table ${first.table.en} name ${set.size} different sources; all must name the same one (a table, or several separated by ";", one per customer).`,
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
    const names = sourceList(list.find((r) => r.source)?.source ?? '');
    const found: TableGrid[] = [];
    for (const name of names) {
      const g = [...sources.values()].find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (g) {
        found.push(g);
        continue;
      }
      const r = list.find((x) => x.source)!;
      const range = parseRangeRef(name);
      errors.push(
        problem(
          'mapping_source_missing',
          mapping,
          r.row,
          r.at('source'),
          range
            ? {
                es: `la hoja «${range.sheet}» del rango ${name} no está en el libro (¿se renombró o se borró?); escriba el rango de su libro que tiene los datos de ${spec.es}.`,
                en: `the sheet "${range.sheet}" of the range ${name} is not in the workbook (was it renamed or deleted?); type the range of your workbook holding the ${spec.en} data.`,
              }
            : {
                es: `la tabla «${name}» no está en el libro (¿se renombró o se borró?); escriba el nombre de la tabla de su libro que tiene los datos de ${spec.es}.`,
                en: `the table "${name}" is not in the workbook (was it renamed or deleted?); type the name of your workbook's table holding the ${spec.en} data.`,
              },
        ),
      );
    }
    if (found.length < names.length) continue;
    const constants = list
      .filter((r) => !r.sourceColumn)
      .map((r) => ({
        column: r.column.id,
        value: r.constant ?? null,
        sheet: r.sheet,
        address: r.at('constant'),
        row: r.row,
      }));
    const built = found.length === 0 ? undefined : buildGrid(mapping, list, found, errors);
    if (found.length > 0 && !built) continue;
    const base: TableGrid = built?.grid ?? {
      name: mapping.name,
      sheet: mapping.sheet,
      headerRow: mapping.headerRow,
      firstColumn: mapping.firstColumn,
      headers: [],
      rows: [[]],
    };
    const columns = built?.columns ?? [];
    grids.set(spec.en, {
      ...base,
      mappedAs: { table: id, columns, constants, ...(built?.origin ? { origin: built.origin } : {}) },
    });
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
  const key = [...grids.keys()].find((k) => isMappingTable(grids.get(k)!));
  if (key === undefined) return { grids, errors: [] };
  const mapping = grids.get(key)!;
  grids.delete(key);
  const { rules, errors } = readMapping(mapping);
  if (errors.length) return { grids, errors };
  const native = new Set(
    [...grids.values()].map((g) => matchTableName(g.name)?.spec.id).filter((x): x is NonNullable<typeof x> => !!x),
  );
  const mapped = await buildMapped(host, mapping, rules, native);
  for (const [k, g] of mapped.grids) grids.set(k, g);
  return { grids, errors: mapped.errors };
}

/**
 * What a saved mapping builds from the workbook as it is now: its sources read (the user's tables and ranges), the
 * contract grids made from them and the problems located at the mapping's cells. `native`: the contract tables the
 * workbook has itself (a mapping of one of them is an error).
 */
export async function buildMapped(
  host: Pick<WorkbookHost, 'readTables' | 'readRanges'>,
  mapping: TableGrid,
  rules: readonly MappingRule[],
  native: ReadonlySet<string>,
): Promise<{ grids: Map<string, TableGrid>; errors: ContractError[] }> {
  const wanted = [...new Set(rules.flatMap((r) => (r.source ? sourceList(r.source) : [])))];
  return mappedGrids(mapping, rules, await readSources(host, wanted), native);
}

/**
 * A mapping's sources, read: the user's tables (readTables) and ranges that are not tables ("Ventas!A3:H",
 * range-source.ts: readRanges), keyed by the workbook's table name or by the range as written.
 */
export async function readSources(
  host: Pick<WorkbookHost, 'readTables' | 'readRanges'>,
  names: readonly string[],
): Promise<Map<string, TableGrid>> {
  const ranges = names.map(parseRangeRef).filter((r): r is RangeRef => r !== undefined);
  const tables = names.filter((n) => !isRangeRef(n));
  const out = tables.length ? await host.readTables(tables) : new Map<string, TableGrid>();
  if (ranges.length && host.readRanges) for (const [k, g] of await host.readRanges(ranges)) out.set(k, g);
  return out;
}

/** "Importe bruto / Ctd. facturada": a per-unit figure from an amount and a quantity. */
const RATIO = /^([^;/]+)\/([^;/]+)$/;
const GROSS_WORDS = new Set(['bruto', 'importe bruto', 'gross', 'gross amount'].map(squash));
const NET_WORDS = new Set(['neto', 'importe neto', 'net', 'net amount'].map(squash));
const EQUAL_WORDS = new Set(['partes iguales', 'iguales', 'equal parts', 'equal'].map(squash));
const WEIGHTS = /^(?:pesos|weights)\s*:?\s*(\d+(?:[.,]\d+)?)\s*[/;-]\s*(\d+(?:[.,]\d+)?)\s*[/;-]\s*(\d+(?:[.,]\d+)?)$/i;

/**
 * How a quarter column is split into its three months, from the mapping's rule, as three weights (each month gets
 * quarter × weight / their sum): «partes iguales» (1/1/1, a third each) or «pesos 30/30/40» (a seasonal split the user
 * chose, e.g. a quarter that sells most in its last month); undefined when the rule says neither.
 *
 * @example quarterSplit('pesos 30/30/40') // → [30, 30, 40]
 * @example quarterSplit('partes iguales') // → [1, 1, 1]
 */
export function quarterSplit(rule: string | undefined): [number, number, number] | undefined {
  const r = (rule ?? '').trim();
  if (EQUAL_WORDS.has(squash(r))) return [1, 1, 1];
  const m = WEIGHTS.exec(r);
  if (!m) return undefined;
  const w: [number, number, number] = [
    Number(m[1].replace(',', '.')),
    Number(m[2].replace(',', '.')),
    Number(m[3].replace(',', '.')),
  ];
  return w[0] + w[1] + w[2] > 0 ? w : undefined;
}

/** "T1" / "Q1" / "2026-T1" / "2026-Q1" as its three months in `year` (or the header's own); undefined if no quarter. */
export function quarterOfHeader(header: string, year: number | undefined): string[] | undefined {
  const m = /^(?:(\d{4})-)?(?:T|Q|TRIM\.?\s*)([1-4])$/i.exec(header.trim());
  if (!m) return undefined;
  const y = m[1] ? Number(m[1]) : year;
  if (y === undefined) return undefined;
  const q = Number(m[2]);
  return [1, 2, 3].map((k) => {
    const month = (q - 1) * 3 + k;
    return `${y}-${month < 10 ? `0${month}` : month}`;
  });
}

/** The workbook's saved mapping table (either of its names, any case). */
export function isMappingTable(g: { name: string }): boolean {
  return MAPPING_TABLE_NAMES.some((n) => n.toLowerCase() === g.name.toLowerCase());
}

/** "PL_WMX; PL_SOR" → ["PL_WMX", "PL_SOR"]. */
export function sourceList(source: string): string[] {
  return source
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** What a «Columna de origen» token reads: "[hoja]" the source's sheet name, "[tabla]" its table name, "[valor]" a month's number. */
export type MappingToken = 'sheet' | 'table' | 'value';

/** The token a «Columna de origen» holds, in Spanish or English, or undefined for a column's header. */
export function tokenOf(sourceColumn: string): MappingToken | undefined {
  return TOKENS[squash(sourceColumn)];
}

/** The spelling of each token per language. */
export const TOKEN_TEXT: Readonly<Record<MappingToken, Text>> = {
  sheet: { es: '[hoja]', en: '[sheet]' },
  table: { es: '[tabla]', en: '[table]' },
  value: { es: '[valor]', en: '[value]' },
};

/** "Importe bruto / Ctd." as its amount and quantity headers, or undefined. */
export function ratioOf(sourceColumn: string): [string, string] | undefined {
  const m = RATIO.exec(sourceColumn);
  return m ? [m[1].trim(), m[2].trim()] : undefined;
}

/** Whether a rule says an amount is gross or net (undefined: it says neither). */
export function amountRule(rule: string | undefined): 'gross' | 'net' | undefined {
  const r = squash(rule ?? '');
  return GROSS_WORDS.has(r) ? 'gross' : NET_WORDS.has(r) ? 'net' : undefined;
}

const TOKENS: Readonly<Record<string, MappingToken>> = {
  [squash('[hoja]')]: 'sheet',
  [squash('[sheet]')]: 'sheet',
  [squash('[tabla]')]: 'table',
  [squash('[table]')]: 'table',
  [squash('[valor]')]: 'value',
  [squash('[value]')]: 'value',
};

const MONTHS: Readonly<Record<string, number>> = {
  ene: 1,
  enero: 1,
  jan: 1,
  january: 1,
  feb: 2,
  febrero: 2,
  february: 2,
  mar: 3,
  marzo: 3,
  march: 3,
  abr: 4,
  abril: 4,
  apr: 4,
  april: 4,
  may: 5,
  mayo: 5,
  jun: 6,
  junio: 6,
  june: 6,
  jul: 7,
  julio: 7,
  july: 7,
  ago: 8,
  agosto: 8,
  aug: 8,
  august: 8,
  sep: 9,
  set: 9,
  sept: 9,
  septiembre: 9,
  setiembre: 9,
  september: 9,
  oct: 10,
  octubre: 10,
  october: 10,
  nov: 11,
  noviembre: 11,
  november: 11,
  dic: 12,
  diciembre: 12,
  dec: 12,
  december: 12,
};

/** A month column's header as a period: "2026-03" as it is, "Mar" / "Marzo" / "March" in `year`; undefined if neither. */
export function periodOfHeader(header: string, year: number | undefined): string | undefined {
  const h = header.trim();
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(h) || /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/i.test(h)) return h.toUpperCase();
  const m = MONTHS[squash(h)];
  if (m === undefined || year === undefined) return undefined;
  return `${year}-${m < 10 ? `0${m}` : m}`;
}

/** Where a source's header row is, as the user finds it: "'Ventas ERP'!A1:H1". */
function headerCells(g: TableGrid): string {
  const first = cellAddress(g.sheet, g.headerRow, g.firstColumn);
  const width = Math.max(1, g.headers.length);
  return width === 1 ? first : `${first}:${toA1(g.headerRow, g.firstColumn + width - 1)}`;
}

const YEAR_PLUS_MONTH = /^([^;+/]+)\+([^;+/]+)$/;

/**
 * A period rule built from a year and a month: "Ejercicio + Mes" (two columns, as ERP exports split them), or a
 * month column with the year as its constant ("Mes", 2026); undefined for any other rule.
 */
function yearMonthOf(r: MappingRule): { year: string | number; month: string } | undefined {
  const sc = r.sourceColumn!;
  const m = YEAR_PLUS_MONTH.exec(sc);
  if (m) return { year: m[1].trim(), month: m[2].trim() };
  const year = typeof r.constant === 'number' ? r.constant : Number(text(r.constant ?? null));
  if (r.column.type === 'period' && Number.isInteger(year) && year >= 1900 && year <= 9999 && !RATIO.test(sc))
    return { year, month: sc };
  return undefined;
}

/**
 * A year and a month as the contract's period: the month as a number (3, "03", SAP's posting period "003") or a name
 * ("Mar", "marzo", "March"); undefined when either is not one.
 *
 * @example periodOfYearMonth(2026, '003') // → '2026-03'
 */
export function periodOfYearMonth(year: CellValue, month: CellValue): string | undefined {
  const y =
    typeof year === 'number' ? year : typeof year === 'string' && /^\s*\d{4}\s*$/.test(year) ? Number(year) : NaN;
  if (!Number.isInteger(y) || y < 1900 || y > 9999) return undefined;
  let n = NaN;
  if (typeof month === 'number') n = month;
  else if (typeof month === 'string') {
    const digits = /^\s*0*(\d{1,2})\s*$/.exec(month);
    n = digits ? Number(digits[1]) : (MONTHS[squash(month)] ?? NaN);
  }
  if (!Number.isInteger(n) || n < 1 || n > 12) return undefined;
  return `${y}-${n < 10 ? `0${n}` : n}`;
}

/**
 * The rows of one input table built from its source tables: their rows one after the other (one sheet per
 * customer: the customer from "[hoja]"), and, when the period rule lists month columns ("Ene; Feb; …; Dic" with
 * the year as its constant, or "2026-01; 2026-02…"), one row per month column, "[valor]" taking that column's cell.
 * Every cell keeps where it came from (table, worksheet row and column), so errors point at the user's cells.
 */
function buildGrid(
  mapping: TableGrid,
  rules: readonly MappingRule[],
  sources: readonly TableGrid[],
  errors: ContractError[],
): { grid: TableGrid; columns: string[]; origin?: NonNullable<MappedTable['origin']> } | undefined {
  const used = rules.filter((r) => r.sourceColumn);
  const unpivot = used.find((r) => r.sourceColumn!.includes(';'));
  const ratios = new Map<MappingRule, [string, string]>();
  for (const r of used) {
    const m = RATIO.exec(r.sourceColumn!);
    if (m && r !== unpivot) ratios.set(r, [m[1].trim(), m[2].trim()]);
  }
  // A period from a year and a month column ("Ejercicio + Mes"), or from a month column and the year as the constant.
  const yearMonths = new Map<MappingRule, { year: string | number; month: string }>();
  for (const r of used) {
    if (r === unpivot || ratios.has(r)) continue;
    const ym = yearMonthOf(r);
    if (ym) yearMonths.set(r, ym);
  }
  const simple =
    sources.length === 1 &&
    !unpivot &&
    ratios.size === 0 &&
    yearMonths.size === 0 &&
    used.every((r) => TOKENS[squash(r.sourceColumn!)] === undefined);
  const before = errors.length;
  const fail = (r: MappingRule, t: Text) =>
    errors.push(problem('mapping_invalid', mapping, r.row, r.at('sourceColumn'), t));
  const missing = (r: MappingRule, g: TableGrid, header: string) =>
    errors.push(
      problem('mapping_source_missing', mapping, r.row, r.at('sourceColumn'), {
        es: `la tabla ${g.name} no tiene la columna «${header}» (¿se renombró?); sus encabezados, en ${headerCells(g)}: ${g.headers.join(', ')}.`,
        en: `the table ${g.name} has no column "${header}" (was it renamed?); its headers, in ${headerCells(g)}: ${g.headers.join(', ')}.`,
      }),
    );
  const indexIn = (g: TableGrid, header: string) => g.headers.findIndex((h) => squash(String(h)) === squash(header));

  if (simple) {
    const g = sources[0];
    const columns: (string | null)[] = g.headers.map(() => null);
    for (const r of used) {
      const j = indexIn(g, r.sourceColumn!);
      if (j < 0) missing(r, g, r.sourceColumn!);
      else columns[j] = r.column.id;
    }
    return errors.length > before ? undefined : { grid: g, columns: columns as string[] };
  }

  for (const r of yearMonths.keys())
    if (r.column.type !== 'period')
      fail(r, {
        es: `solo la columna de periodo se arma de un año y un mes («${r.sourceColumn}»).`,
        en: `only the period column is built from a year and a month ("${r.sourceColumn}").`,
      });
  if (errors.length > before) return undefined;

  // A price from an amount and a quantity ("Importe / Ctd. facturada"): only from a GROSS amount, as the user says.
  for (const [r, [amount]] of ratios) {
    const rule = squash(r.rule ?? '');
    if (r.column.type !== 'money') {
      fail(r, {
        es: `solo un precio o costo por unidad se puede calcular como «importe / cantidad» («${r.sourceColumn}»).`,
        en: `only a price or cost per unit can be computed as "amount / quantity" ("${r.sourceColumn}").`,
      });
    } else if (NET_WORDS.has(rule)) {
      errors.push(
        problem('mapping_invalid', mapping, r.row, r.at('rule'), {
          es: `«${amount}» es un importe neto (después de descuentos en factura): no se calcula de él un «${r.column.es}». Mapee la columna de precio de lista, o un importe bruto con la regla «bruto».`,
          en: `"${amount}" is a net amount (after on-invoice discounts): a "${r.column.en}" is not computed from it. Map the list-price column, or a gross amount with the rule "gross".`,
        }),
      );
    } else if (!GROSS_WORDS.has(rule)) {
      errors.push(
        problem('mapping_invalid', mapping, r.row, r.at('rule'), {
          es: `diga si «${amount}» es un importe bruto (antes de descuentos en factura) o neto: escriba «bruto» o «neto» en «Regla». Un importe de ERP suele ser neto, y de un neto no se calcula un precio de lista.`,
          en: `say whether "${amount}" is a gross amount (before on-invoice discounts) or net: type "gross" or "net" in "Rule". An ERP amount is usually net, and no list price is computed from a net one.`,
        }),
      );
    }
  }
  if (errors.length > before) return undefined;

  // The months to unpivot, checked once (a quarter is three months, split as the rule says).
  /** Each month column, or each month of a quarter column with its weight out of the quarter's `total`. */
  let months: { header: string; period: string; weight: number; total: number }[] = [];
  if (unpivot) {
    if (unpivot.column.type !== 'period') {
      fail(unpivot, {
        es: `solo la columna de periodo puede leer varias columnas («${unpivot.sourceColumn}»): una por mes.`,
        en: `only the period column may read several columns ("${unpivot.sourceColumn}"): one per month.`,
      });
      return undefined;
    }
    const year = typeof unpivot.constant === 'number' ? unpivot.constant : Number(unpivot.constant);
    const known = Number.isInteger(year) && year > 1900 ? year : undefined;
    const split = quarterSplit(unpivot.rule);
    let quarters = false;
    months = sourceList(unpivot.sourceColumn!).flatMap((header) => {
      const quarter = quarterOfHeader(header, known);
      if (!quarter) return [{ header, period: periodOfHeader(header, known) ?? '', weight: 1, total: 1 }];
      quarters = true;
      const total = split ? split[0] + split[1] + split[2] : 1;
      return quarter.map((period, k) => ({ header, period, weight: split?.[k] ?? 0, total }));
    });
    if (quarters && !split) {
      errors.push(
        problem('mapping_invalid', mapping, unpivot.row, unpivot.at('rule'), {
          es: 'hay columnas de trimestre en un modelo mensual: diga cómo se reparte cada trimestre en sus tres meses escribiendo en «Regla» «partes iguales» (un tercio a cada mes) o «pesos 30/30/40» (en proporción a los tres números).',
          en: 'there are quarter columns in a monthly model: say how each quarter is split into its three months by typing in "Rule" "equal parts" (a third to each month) or "weights 30/30/40" (in proportion to the three numbers).',
        }),
      );
      return undefined;
    }
    const bad = months.find((m) => m.period === '');
    if (bad) {
      fail(unpivot, {
        es: `«${bad.header}» no es un mes: use «Ene»…«Dic» (con el año en «Constante») o «2026-01»…`,
        en: `"${bad.header}" is not a month: use "Jan"…"Dec" (with the year in "Constant") or "2026-01"…`,
      });
      return undefined;
    }
    if (!used.some((r) => TOKENS[squash(r.sourceColumn!)] === 'value')) {
      fail(unpivot, {
        es: 'las columnas de meses necesitan una fila cuya «Columna de origen» sea [valor]: la columna que toma su número.',
        en: 'month columns need a row whose "Source column" is [value]: the column that takes their number.',
      });
      return undefined;
    }
  }

  const columns = used.map((r) => r.column.id);
  const rows: CellValue[][] = [];
  const tableOf: number[] = [];
  const rowOf: number[] = [];
  const columnOf: number[] = [];
  sources.forEach((g, t) => {
    const at = used.map((r) => {
      const token = TOKENS[squash(r.sourceColumn!)];
      if (token || r === unpivot || ratios.has(r) || yearMonths.has(r)) return -1;
      const j = indexIn(g, r.sourceColumn!);
      if (j < 0) missing(r, g, r.sourceColumn!);
      return j;
    });
    const ratioAt = new Map<MappingRule, [number, number]>();
    for (const [r, [a, b]] of ratios) {
      const ja = indexIn(g, a);
      const jb = indexIn(g, b);
      if (ja < 0) missing(r, g, a);
      if (jb < 0) missing(r, g, b);
      ratioAt.set(r, [ja, jb]);
    }
    const ymAt = new Map<MappingRule, [number, number]>();
    for (const [r, { year, month }] of yearMonths) {
      const jy = typeof year === 'string' ? indexIn(g, year) : -1;
      const jm = indexIn(g, month);
      if (typeof year === 'string' && jy < 0) missing(r, g, year);
      if (jm < 0) missing(r, g, month);
      ymAt.set(r, [jy, jm]);
    }
    const monthAt = months.map((m) => {
      const j = indexIn(g, m.header);
      if (j < 0) missing(unpivot!, g, m.header);
      return j;
    });
    if (errors.length > before) return;
    g.rows.forEach((cells, i) => {
      if (cells.every((v) => isBlank(v))) return;
      const emit = (month?: number) => {
        const row: CellValue[] = [];
        used.forEach((r, k) => {
          const token = TOKENS[squash(r.sourceColumn!)];
          let value: CellValue = null;
          let col = 0;
          if (r === unpivot) {
            value = months[month!].period;
            col = g.firstColumn + monthAt[month!];
          } else if (token === 'sheet') value = g.sheet;
          else if (token === 'table') value = g.name;
          else if (token === 'value') {
            const v = cells[monthAt[month!]] ?? null;
            const { weight, total } = months[month!];
            value = total !== 1 && typeof v === 'number' ? (v * weight) / total : v;
            col = g.firstColumn + monthAt[month!];
          } else if (ymAt.has(r)) {
            // "2026-03" from the year and the month; the month cell as it is (reported at that cell) when not one.
            const [jy, jm] = ymAt.get(r)!;
            const year = jy < 0 ? yearMonths.get(r)!.year : cells[jy];
            const month = cells[jm] ?? null;
            value = periodOfYearMonth(year, month) ?? month;
            col = g.firstColumn + jm;
          } else if (ratioAt.has(r)) {
            // Gross amount ÷ quantity; blank (reported as such) when the quantity is not a number other than 0.
            const [ja, jb] = ratioAt.get(r)!;
            const a = cells[ja];
            const b = cells[jb];
            value = typeof a !== 'number' ? (a ?? null) : typeof b === 'number' && b !== 0 ? a / b : null;
            col = g.firstColumn + ja;
          } else {
            value = cells[at[k]] ?? null;
            col = g.firstColumn + at[k];
          }
          row.push(value);
          columnOf.push(col);
        });
        rows.push(row);
        tableOf.push(t);
        rowOf.push(g.headerRow + 1 + i);
      };
      if (months.length === 0) emit();
      else months.forEach((_, m) => emit(m));
    });
  });
  if (errors.length > before) return undefined;
  const first = sources[0];
  return {
    grid: {
      name: sources.map((g) => g.name).join(', '),
      sheet: first.sheet,
      headerRow: first.headerRow,
      firstColumn: first.firstColumn,
      headers: used.map((r) => r.column.es),
      rows,
    },
    columns,
    origin: {
      tables: sources.map((g) => ({ name: g.name, sheet: g.sheet })),
      tableOf: Int32Array.from(tableOf),
      row: Int32Array.from(rowOf),
      column: Int32Array.from(columnOf),
    },
  };
}

/**
 * Every table a run reads as input, as a host's `read` hands them back: the contract's tables, the saved mapping and
 * the user's tables it reads. Hosts fingerprint these (inputFingerprint), so an edit of a mapped ERP table counts as
 * a change of the inputs as much as an edit of a contract table.
 */
export async function inputTablesOf(
  read: (names: readonly string[]) => Promise<Map<string, TableGrid>>,
  readRanges?: (ranges: readonly RangeRef[]) => Promise<Map<string, TableGrid>>,
): Promise<TableGrid[]> {
  const grids = await read([...INPUT_TABLE_NAMES, ...MAPPING_TABLE_NAMES]);
  const mapping = [...grids.values()].find(isMappingTable);
  if (!mapping) return [...grids.values()];
  const sources = [...new Set(readMapping(mapping).rules.flatMap((r) => (r.source ? sourceList(r.source) : [])))];
  const more = await readSources({ readTables: read, readRanges }, sources);
  const seen = new Set([...grids.values()].map((g) => g.name.toLowerCase()));
  return [...grids.values(), ...[...more.values()].filter((g) => !seen.has(g.name.toLowerCase()))];
}

/**
 * A mapped table as the contract lays it out (its Spanish name, one sheet of that name, the contract's headers, the
 * mapped columns and constants filled in, unused columns left out): what an exported base holds, so the next year's
 * workbook reads without a mapping. A grid that is not mapped comes back as it is.
 */
export function contractLayout(grid: TableGrid): TableGrid {
  const m = grid.mappedAs;
  if (!m) return grid;
  const spec = INPUT_TABLES.find((s) => s.id === m.table)!;
  const used = spec.columns.filter((c) => m.columns.includes(c.id) || m.constants.some((k) => k.column === c.id));
  const at = used.map((c) => m.columns.indexOf(c.id));
  const constant = used.map((c) => m.constants.find((k) => k.column === c.id)?.value ?? null);
  return {
    name: spec.es,
    sheet: spec.es,
    headerRow: 1,
    firstColumn: 1,
    headers: used.map((c) => c.es),
    rows: grid.rows.map((r) => used.map((_, j) => (at[j] >= 0 ? (r[at[j]] ?? null) : constant[j]))),
  };
}

/** The input tables in the contract's layout (readInputTables, mapped ones laid out as contract tables). */
export async function readContractTables(
  host: WorkbookHost,
): Promise<{ grids: Map<string, TableGrid>; errors: ContractError[] }> {
  const { grids, errors } = await readInputTables(host);
  return { grids: new Map([...grids].map(([k, g]) => [k, contractLayout(g)])), errors };
}
