/**
 * One input table's mapping as the pane edits it (a TableDraft): per contract column, where its values come from
 * (a column of the user's table, a constant, the sheet's name, the month columns…). Made from the suggestions or from
 * the saved mapping, checked (what is still to decide, coverage), previewed through the same code a run uses
 * (readMapping → mappedGrids → contractLayout) and turned back into the mapping table's rows.
 *
 * @example
 * const draft = suggestDraft(BASE_VOLUMES, [ventasErp]); // Cve. cliente → ID cliente, Material → SKU, …
 * draftIssues(BASE_VOLUMES, draft); // [] when nothing is left to decide
 * mappingRowsOf(BASE_VOLUMES, draft, 'es', ['Versión', 'Tabla', 'Columna', 'Origen', 'Columna de origen', 'Constante', 'Regla']);
 *   // → [[1, 'VolumenesBase', 'ID cliente', 'VentasERP', 'Cve. cliente', null, null], …]
 */
import type { Lang, Text } from '../../engine/model';
import type { ContractError } from '../contract/errors';
import { INPUT_TABLES, type ColumnSpec, type TableSpec } from '../contract/specs';
import { HostError, type CellValue, type TableGrid } from '../port';
import { squash } from '../contract/normalize';
import {
  MAPPING_HEADERS,
  MAPPING_TABLE_NAMES,
  MAPPING_VERSION,
  TOKEN_TEXT,
  amountRule,
  contractLayout,
  mappedGrids,
  mappingFieldColumns,
  periodOfHeader,
  periodOfYearMonth,
  quarterOfHeader,
  quarterSplit,
  ratioOf,
  readMapping,
  sourceList,
  tokenOf,
  type MappingField,
  type MappingRule,
} from './mapping';
import { suggestColumns } from './suggest';

/**
 * The tables a mapping builds: every input table but Settings (one key per row, created from the template) and the
 * scenario tables (the pane itself writes them).
 */
export const MAPPABLE_TABLES: readonly TableSpec[] = INPUT_TABLES.filter(
  (s) => s.id !== 'Settings' && s.id !== 'Scenarios' && s.id !== 'ScenarioChanges',
);

/** Where one contract column's values come from. */
export type ColumnSource =
  | { kind: 'column'; header: string }
  | { kind: 'constant'; value: string | number | boolean }
  /** The source table's sheet name (one sheet per customer: the customer). */
  | { kind: 'sheet' }
  | { kind: 'table' }
  /** The period: one row per month column (quarters split by `split`), `year` for "Ene…Dic" headers. */
  | { kind: 'months'; headers: string[]; year: number | null; split: [number, number, number] | null }
  /** The number under each month column. */
  | { kind: 'value' }
  /** The period from a month column and the year: a year column ("Ejercicio + Mes") or a fixed year. */
  | { kind: 'yearMonth'; month: string; yearColumn: string | null; year: number | null }
  /** A per-unit figure from an amount and a quantity, only from a gross amount. */
  | { kind: 'ratio'; amount: string; quantity: string; amountIs: 'gross' | 'net' | null };

export interface TableDraft {
  /** Contract table id ("BaseVolumes"). */
  table: string;
  /** The user's tables read as this one (several: one sheet per customer). */
  sources: string[];
  /** Per contract column id; a column left out is not mapped (its default, or missing when required). */
  columns: Readonly<Record<string, ColumnSource>>;
}

export const specOf = (id: string): TableSpec => {
  const s = INPUT_TABLES.find((x) => x.id === id);
  if (!s) throw new Error(`no input table ${id}`);
  return s;
};

const constantOf = (v: CellValue | undefined): string | number | boolean =>
  v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' || v === undefined ? '' : v;

/** A table's draft from the saved mapping's rules (the rules of other tables are ignored). */
export function draftOfRules(spec: TableSpec, rules: readonly MappingRule[]): TableDraft {
  const mine = rules.filter((r) => r.table.id === spec.id);
  const columns: Record<string, ColumnSource> = {};
  for (const r of mine) {
    const sc = r.sourceColumn;
    if (!sc) {
      columns[r.column.id] = { kind: 'constant', value: constantOf(r.constant) };
      continue;
    }
    const token = tokenOf(sc);
    const ratio = ratioOf(sc);
    const ym = r.column.type === 'period' ? yearMonthSource(sc, r.constant) : undefined;
    if (token) columns[r.column.id] = { kind: token };
    else if (ym) columns[r.column.id] = ym;
    else if (sc.includes(';')) {
      const year = Number(r.constant);
      columns[r.column.id] = {
        kind: 'months',
        headers: sourceList(sc),
        year: Number.isInteger(year) && year > 1900 ? year : null,
        split: quarterSplit(r.rule) ?? null,
      };
    } else if (ratio)
      columns[r.column.id] = {
        kind: 'ratio',
        amount: ratio[0],
        quantity: ratio[1],
        amountIs: amountRule(r.rule) ?? null,
      };
    else columns[r.column.id] = { kind: 'column', header: sc };
  }
  return { table: spec.id, sources: sourceList(mine.find((r) => r.source)?.source ?? ''), columns };
}

/** "Ejercicio + Mes", or "Mes" with a year as the constant, as a draft's source; undefined for anything else. */
function yearMonthSource(sc: string, constant: CellValue | undefined): ColumnSource | undefined {
  const plus = /^([^;+/]+)\+([^;+/]+)$/.exec(sc);
  if (plus) return { kind: 'yearMonth', month: plus[2].trim(), yearColumn: plus[1].trim(), year: null };
  const year = typeof constant === 'number' ? constant : Number(constant);
  if (!sc.includes(';') && !sc.includes('/') && Number.isInteger(year) && year >= 1900 && year <= 9999)
    return { kind: 'yearMonth', month: sc, yearColumn: null, year };
  return undefined;
}

/** Headers ERP exports give the year of a row ("Ejercicio", SAP's fiscal year). */
const YEAR_HEADERS = new Set(
  ['ejercicio', 'ano', 'año', 'anio', 'year', 'ejercicio fiscal', 'fiscal year'].map(squash),
);

/** Whether a column holds month numbers or names (3, "003", "Mar") rather than periods ("2026-03"). */
function holdsMonths(grid: TableGrid, header: string): boolean {
  const j = grid.headers.findIndex((h) => squash(String(h)) === squash(header));
  if (j < 0) return false;
  const values = grid.rows
    .map((r) => r[j])
    .filter((v) => v !== null && v !== undefined && v !== '')
    .slice(0, 20);
  return values.length > 0 && values.every((v) => periodOfYearMonth(2000, v) !== undefined);
}

/** The month (or quarter) columns among a table's headers, in their order. */
export function monthHeadersOf(headers: readonly string[]): string[] {
  return headers.filter(
    (h) => periodOfHeader(String(h), 2000) !== undefined || quarterOfHeader(String(h), 2000) !== undefined,
  );
}

/** Whether month headers need a year to be periods ("Ene", "T1"; not "2026-01", "2026-T1"). */
export const monthsNeedYear = (headers: readonly string[]) =>
  headers.some((h) => !/^\d{4}-/.test(h.trim()) && periodOfHeader(h, undefined) === undefined);
/** Whether any of them is a quarter ("T1", "2026-Q1"), which needs a split rule. */
export const hasQuarterColumns = (headers: readonly string[]) =>
  headers.some((h) => quarterOfHeader(h, 2000) !== undefined);
const needsYear = monthsNeedYear;
const hasQuarters = hasQuarterColumns;

/**
 * The suggested draft for a table read from `sources` (the first one's headers; a sheet per customer repeats them):
 * the header suggestions (suggest.ts), the month columns unpivoted into the period with their number as the volume,
 * and, with several sources and no customer column, the customer from each sheet's name. `year` is the model's
 * fiscal year, for month headers without one ("Ene").
 */
export function suggestDraft(
  spec: TableSpec,
  sources: readonly TableGrid[],
  year?: number,
): { draft: TableDraft; suggested: string[] } {
  const headers = (sources[0]?.headers ?? []).map(String);
  const columns: Record<string, ColumnSource> = {};
  suggestColumns(spec, headers).forEach((id, j) => {
    if (id !== null) columns[id] = { kind: 'column', header: headers[j] };
  });
  const months = monthHeadersOf(headers);
  const period = spec.columns.find((c) => c.type === 'period');
  if (months.length >= 2 && period) {
    columns[period.id] = {
      kind: 'months',
      headers: months,
      year: needsYear(months) ? (year ?? null) : null,
      split: null,
    };
    const volume =
      spec.columns.find((c) => c.id === 'baselineVolume' && !columns[c.id]) ??
      spec.columns.find((c) => (c.type === 'number' || c.type === 'integer') && !columns[c.id]);
    if (volume) columns[volume.id] = { kind: 'value' };
  }
  // A period column holding month numbers or names: with the year column beside it, or the fiscal year.
  const periodSource = period ? columns[period.id] : undefined;
  if (period && periodSource?.kind === 'column' && sources[0] && holdsMonths(sources[0], periodSource.header)) {
    const yearColumn = headers.find((h) => YEAR_HEADERS.has(squash(h))) ?? null;
    columns[period.id] = {
      kind: 'yearMonth',
      month: periodSource.header,
      yearColumn,
      year: yearColumn ? null : (year ?? null),
    };
  }
  const customer = spec.columns.find((c) => c.id === 'customerId' || (spec.id === 'Customers' && c.id === 'id'));
  if (sources.length > 1 && customer && !columns[customer.id]) columns[customer.id] = { kind: 'sheet' };
  return { draft: { table: spec.id, sources: sources.map((g) => g.name), columns }, suggested: Object.keys(columns) };
}

/** How a column is covered: read from a column, derived (sheet, months, ratio…), a constant, its default, or missing. */
export type Coverage = 'read' | 'derived' | 'constant' | 'default' | 'missing';

export function coverageOf(spec: TableSpec, draft: TableDraft): { column: ColumnSpec; coverage: Coverage }[] {
  return spec.columns.map((column) => {
    const s = draft.columns[column.id];
    const coverage: Coverage = !s
      ? column.required
        ? 'missing'
        : 'default'
      : s.kind === 'column'
        ? 'read'
        : s.kind === 'constant'
          ? 'constant'
          : 'derived';
    return { column, coverage };
  });
}

/** What the user must still decide before the draft can be saved, one text per problem (empty: it can be saved). */
export function draftIssues(spec: TableSpec, draft: TableDraft): Text[] {
  const out: Text[] = [];
  const entries = spec.columns.map((c) => [c, draft.columns[c.id]] as const);
  for (const [c, s] of entries) {
    if (!s) {
      if (c.required)
        out.push({
          es: `«${c.es}» es obligatoria: elija su columna o escriba una constante.`,
          en: `"${c.en}" is required: pick its column or type a constant.`,
        });
      continue;
    }
    if (s.kind === 'constant' && String(s.value).trim() === '')
      out.push({ es: `«${c.es}»: escriba la constante.`, en: `"${c.en}": type the constant.` });
    if (s.kind === 'months') {
      if (s.headers.length === 0)
        out.push({ es: `«${c.es}»: elija las columnas de meses.`, en: `"${c.en}": pick the month columns.` });
      if (needsYear(s.headers) && s.year === null)
        out.push({
          es: `«${c.es}»: escriba el año de las columnas de meses (${s.headers.slice(0, 3).join(', ')}…).`,
          en: `"${c.en}": type the year of the month columns (${s.headers.slice(0, 3).join(', ')}…).`,
        });
      if (hasQuarters(s.headers) && s.split === null)
        out.push({
          es: `«${c.es}»: diga cómo se reparte cada trimestre en sus tres meses.`,
          en: `"${c.en}": say how each quarter is split into its three months.`,
        });
    }
    if (s.kind === 'yearMonth' && s.yearColumn === null && s.year === null)
      out.push({
        es: `«${c.es}»: elija la columna del año o escriba el año de «${s.month}».`,
        en: `"${c.en}": pick the year column or type the year of "${s.month}".`,
      });
    if (s.kind === 'ratio' && s.amountIs !== 'gross')
      out.push(
        s.amountIs === 'net'
          ? {
              es: `«${c.es}» no se calcula de un importe neto (después de descuentos en factura): elija la columna de precio de lista o un importe bruto.`,
              en: `"${c.en}" is not computed from a net amount (after on-invoice discounts): pick the list-price column or a gross amount.`,
            }
          : {
              es: `«${c.es}»: diga si «${s.amount}» es un importe bruto o neto.`,
              en: `"${c.en}": say whether "${s.amount}" is a gross or a net amount.`,
            },
      );
  }
  const kinds = entries.map(([, s]) => s?.kind);
  if (kinds.includes('months') && !kinds.includes('value'))
    out.push({
      es: 'Elija qué columna toma el número de cada mes («Valor del mes»).',
      en: 'Pick which column takes each month’s number ("Month’s value").',
    });
  if (kinds.includes('value') && !kinds.includes('months'))
    out.push({
      es: '«Valor del mes» solo sirve con columnas de meses en el periodo.',
      en: '"Month’s value" only works with month columns in the period.',
    });
  const reads = entries.some(([, s]) => s && s.kind !== 'constant');
  if (reads && draft.sources.length === 0)
    out.push({
      es: 'Elija la tabla de su libro que tiene los datos.',
      en: 'Pick the table of your workbook with the data.',
    });
  return out;
}

/** The rule text of a source, in the user's language. */
function ruleOf(s: ColumnSource, lang: Lang): string | null {
  if (s.kind === 'months' && s.split)
    return s.split.every((w) => w === s.split![0])
      ? lang === 'es'
        ? 'partes iguales'
        : 'equal parts'
      : `${lang === 'es' ? 'pesos' : 'weights'} ${s.split.join('/')}`;
  if (s.kind === 'ratio' && s.amountIs) return lang === 'es' ? (s.amountIs === 'gross' ? 'bruto' : 'neto') : s.amountIs;
  return null;
}

/**
 * The mapping table's rows for one table's draft, laid out under `headers` (the workbook's mapping table's own, in
 * any order and language; the canonical ones when it is created), every row keyed by the table's name in `lang`.
 * A mapping table without a column a row needs ("Regla") is refused with a message saying which to add.
 */
export function mappingRowsOf(
  spec: TableSpec,
  draft: TableDraft,
  lang: Lang,
  headers: readonly string[],
): CellValue[][] {
  const at = mappingFieldColumns(headers);
  const tableName = lang === 'es' ? spec.es : spec.en;
  const source = draft.sources.join('; ');
  const rows: CellValue[][] = [];
  for (const c of spec.columns) {
    const s = draft.columns[c.id];
    if (!s) continue;
    const fields: Partial<Record<MappingField, CellValue>> = {
      version: MAPPING_VERSION,
      table: tableName,
      column: lang === 'es' ? c.es : c.en,
      source: s.kind === 'constant' ? null : source,
      sourceColumn:
        s.kind === 'column'
          ? s.header
          : s.kind === 'yearMonth'
            ? s.yearColumn
              ? `${s.yearColumn} + ${s.month}`
              : s.month
            : s.kind === 'months'
              ? s.headers.join('; ')
              : s.kind === 'ratio'
                ? `${s.amount} / ${s.quantity}`
                : s.kind === 'constant'
                  ? null
                  : TOKEN_TEXT[s.kind][lang],
      constant:
        s.kind === 'constant'
          ? s.value
          : s.kind === 'months' || (s.kind === 'yearMonth' && !s.yearColumn)
            ? s.year
            : null,
      rule: ruleOf(s, lang),
    };
    const row: CellValue[] = headers.map(() => null);
    for (const [f, v] of Object.entries(fields) as [MappingField, CellValue][]) {
      if (v === null || v === undefined) continue;
      const j = at.get(f);
      if (j === undefined)
        throw new HostError('mapping_not_writable', {
          es: `La tabla de mapeo no tiene la columna «${MAPPING_HEADERS[f][0]}», y «${c.es}» la necesita; no se guardó nada. Agregue esa columna a la tabla de mapeo y vuelva a guardar.`,
          en: `The mapping table has no "${MAPPING_HEADERS[f][1]}" column, and "${c.en}" needs it; nothing was saved. Add that column to the mapping table and save again.`,
        });
      row[j] = v;
    }
    rows.push(row);
  }
  return rows;
}

/** The mapping table a workbook gets when it has none: its name, sheet and headers in the user's language. */
export function newMappingTable(lang: Lang): { name: string; sheet: string; headers: string[] } {
  const name = MAPPING_TABLE_NAMES[lang === 'es' ? 0 : 1];
  return {
    name,
    sheet: name,
    headers: Object.values(MAPPING_HEADERS).map((h) => h[lang === 'es' ? 0 : 1]),
  };
}

export interface MappingPreview {
  /** The contract's headers of the columns mapped, in the user's language. */
  headers: string[];
  /** The first rows, as the contract will read them. */
  rows: CellValue[][];
  /** How many rows the mapping makes in all. */
  total: number;
  /** What the mapping cannot build (a source column gone…), es/en. */
  errors: ContractError[];
}

/**
 * The first `limit` rows the draft makes from the user's tables, through the same code a run uses, laid out as the
 * contract's table (contractLayout), so the KAM sees what will be read before saving.
 */
export function previewOf(
  spec: TableSpec,
  draft: TableDraft,
  sources: ReadonlyMap<string, TableGrid>,
  lang: Lang,
  limit = 5,
): MappingPreview {
  const table = newMappingTable(lang);
  const grid: TableGrid = {
    name: table.name,
    sheet: table.sheet,
    headerRow: 1,
    firstColumn: 1,
    headers: table.headers,
    rows: mappingRowsOf(spec, draft, lang, table.headers),
  };
  const read = readMapping(grid);
  const built = read.errors.length
    ? { grids: new Map(), errors: read.errors }
    : mappedGrids(grid, read.rules, sources, new Set());
  const mapped = built.grids.get(spec.en) as TableGrid | undefined;
  if (!mapped || built.errors.length) return { headers: [], rows: [], total: 0, errors: built.errors };
  const laid = contractLayout(mapped);
  const columns = laid.headers.map((h) => spec.columns.find((c) => c.es === h)!);
  return {
    headers: columns.map((c) => (lang === 'es' ? c.es : c.en)),
    rows: laid.rows.slice(0, limit),
    total: laid.rows.length,
    errors: [],
  };
}
