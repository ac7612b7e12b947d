/**
 * The input template a new model starts from (`trade-terms init`): every contract table in the user's language,
 * each with its headers and one example row, Settings with every key at its default, and an instructions table that
 * explains each column. All of it derived from the contract's specs, so a column added there appears here. The
 * example rows form a small valid model (one customer, one product, one month): the template passes the contract
 * as written, and each row shows the user how a real one reads.
 */
import { DEFAULT_SETTINGS, type Lang, type Text } from '../engine/model';
import type { AddInputTablesRequest, CellValue, TableGrid } from './port';
import { squash } from './contract/normalize';
import {
  INPUT_TABLES,
  matchTableName,
  SETTING_SPECS,
  type ColumnSpec,
  type ColumnType,
  type EnumValue,
  type TableId,
  type TableSpec,
} from './contract/specs';

/** Where a table's example row must differ from its columns' own examples, so the rows fit together. */
const EXAMPLE_OVERRIDES: Partial<Record<TableId, Record<string, ColumnSpec['example'] | null>>> = {
  // The example term is an off-invoice volume bonus paid by tiers (one open tier), which the scenario changes.
  Terms: {
    kind: 'bono por volumen',
    onInvoice: 'no',
    basis: 'venta factura',
    rate: null,
    growthPayOn: null,
    priceNeutral: null,
    conditionMeasure: null,
    target: null,
    achieved: null,
  },
  TermTiers: { termId: 'WMX-01', to: null },
  ScenarioChanges: { target: 'escalón', targetId: 'WMX-01', tier: 1, value: '1.5%', basedOn: null },
};

const TYPE_WORDS: Record<ColumnType, Text> = {
  text: { es: 'texto', en: 'text' },
  number: { es: 'número', en: 'number' },
  integer: { es: 'número entero', en: 'whole number' },
  money: { es: 'monto en MXN', en: 'amount in MXN' },
  fraction: { es: 'porcentaje (5 % o 0.05)', en: 'percentage (5 % or 0.05)' },
  rate_or_amount: { es: 'tasa (5 %) o monto', en: 'rate (5 %) or amount' },
  measure: { es: 'cantidad de la medida elegida', en: 'quantity of the chosen measure' },
  date: { es: 'fecha (2026-01-15 o 15/01/2026)', en: 'date (2026-01-15 or 15/01/2026)' },
  period: { es: 'periodo (mes 2026-01 o semana 2026-W05)', en: 'period (month 2026-01 or week 2026-W05)' },
  enum: { es: 'un valor de la lista', en: 'a value from the list' },
  boolean: { es: 'sí / no', en: 'yes / no' },
  list: { es: 'valores separados por «;»', en: 'values separated by ";"' },
};

const INSTRUCTION_HEADERS: Record<Lang, string[]> = {
  es: ['Tabla', 'Columna', 'Obligatoria', 'Tipo', 'Qué capturar', 'Si se deja vacía', 'Valores permitidos', 'Ejemplo'],
  en: ['Table', 'Column', 'Required', 'Type', 'What to enter', 'When left blank', 'Allowed values', 'Example'],
};

export const INSTRUCTIONS_TABLE: Record<Lang, string> = { es: 'Instrucciones', en: 'Instructions' };

/** A contract table's name in the template's language. */
export function templateTableName(spec: TableSpec, lang: Lang): string {
  return spec[lang];
}

/** The template's input tables (one example row each; Settings with every key) and its instructions table. */
export function inputTemplate(lang: Lang): { tables: TableGrid[]; instructions: TableGrid } {
  const tables = INPUT_TABLES.map((spec) => {
    const name = templateTableName(spec, lang);
    const headers = spec.columns.map((c) => c[lang]);
    const rows = spec.id === 'Settings' ? settingsRows(lang) : [exampleRow(spec, lang)];
    return { name, sheet: name, headerRow: 1, firstColumn: 1, headers, rows };
  });
  return { tables, instructions: instructions(lang) };
}

function exampleRow(spec: TableSpec, lang: Lang): CellValue[] {
  const overrides = EXAMPLE_OVERRIDES[spec.id] ?? {};
  return spec.columns.map((c) => {
    if (!(c.id in overrides)) return exampleValue(c, lang);
    const v = overrides[c.id];
    return v === null || v === undefined ? null : exampleValue({ ...c, example: v }, lang);
  });
}

/** A column's example in the template's language: list words translated, dates as dates. */
export function exampleValue(c: ColumnSpec, lang: Lang): CellValue {
  const v = c.example;
  if (typeof v !== 'string') return v;
  if (c.type === 'enum' && c.values) return wordIn(c.values, v, lang) ?? v;
  if (c.type === 'boolean') return yesNo(v, lang);
  if (c.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  return v;
}

function wordIn(values: readonly EnumValue[], word: string, lang: Lang): string | undefined {
  const k = squash(word);
  const hit = values.find((e) => [e.id, e.es, e.en, ...(e.aliases ?? [])].some((w) => squash(w) === k));
  return hit?.[lang];
}

function yesNo(word: string, lang: Lang): string {
  const yes = ['si', 'sí', 'yes', 'y', 'true', 'verdadero', 'x', '1'].includes(word.trim().toLowerCase());
  return lang === 'es' ? (yes ? 'sí' : 'no') : yes ? 'yes' : 'no';
}

/** Settings: every key, at its default, with what it means. */
function settingsRows(lang: Lang): CellValue[][] {
  return SETTING_SPECS.map((s) => {
    const v = (DEFAULT_SETTINGS as unknown as Record<string, unknown>)[s.id];
    let value: CellValue = null;
    if (typeof v === 'number') value = v;
    else if (typeof v === 'string') value = (s.values && wordIn(s.values, v, lang)) ?? v;
    return [s[lang], value, s.description[lang]];
  });
}

function instructions(lang: Lang): TableGrid {
  const yes = lang === 'es' ? 'sí' : 'yes';
  const no = lang === 'es' ? 'no' : 'no';
  const rows: CellValue[][] = [];
  for (const spec of INPUT_TABLES) {
    const table = templateTableName(spec, lang);
    rows.push([table, null, spec.required ? yes : no, null, spec.description[lang], null, null, null]);
    const columns = spec.id === 'Settings' ? [...spec.columns, ...SETTING_SPECS] : spec.columns;
    for (const c of columns) {
      const type = `${TYPE_WORDS[c.type][lang]}${c.unit ? ` (${c.unit[lang]})` : ''}`;
      const allowed =
        c.type === 'enum' && c.values
          ? c.values.map((v) => v[lang]).join(', ')
          : c.type === 'boolean'
            ? lang === 'es'
              ? 'sí, no'
              : 'yes, no'
            : null;
      const example = exampleValue(c, lang);
      rows.push([
        table,
        c[lang],
        c.required ? yes : no,
        type,
        c.description[lang],
        c.blank?.[lang] ?? null,
        allowed,
        example instanceof Date ? example.toISOString().slice(0, 10) : example,
      ]);
    }
  }
  const name = INSTRUCTIONS_TABLE[lang];
  return { name, sheet: name, headerRow: 1, firstColumn: 1, headers: INSTRUCTION_HEADERS[lang], rows };
}

/** The values a drop-down offers for a column: an enumerated column's words, or yes/no; undefined for the others. */
export function dropDownValues(column: ColumnSpec | undefined, lang: Lang): string[] | undefined {
  if (!column) return undefined;
  if (column.type === 'boolean') return lang === 'es' ? ['sí', 'no'] : ['yes', 'no'];
  if (column.type !== 'enum' || !column.values) return undefined;
  return column.values.map((v) => v[lang]);
}

/** Excel's number format for a column type, where the type has one (fractions as %, money as $, dates ISO). */
export const TEMPLATE_FORMATS: Partial<Record<ColumnType, string>> = {
  fraction: '0.0%',
  money: '$#,##0.00',
  date: 'yyyy-mm-dd',
};

/** The drop-down lists of a template table: by column index, in the table's language. */
export function dropDownsOf(spec: TableSpec, lang: Lang): { column: number; values: string[] }[] {
  const out: { column: number; values: string[] }[] = [];
  spec.columns.forEach((c, column) => {
    const values = dropDownValues(c, lang);
    if (values) out.push({ column, values });
  });
  return out;
}

/** Rows below a table's data that get its drop-downs too, so rows typed later have them (every host). */
export const DROP_DOWN_ROWS = 1000;
/** The hidden sheet holding the drop-down lists too long to be literal (every host). */
export const LISTS_SHEET = 'ttm_listas';

/** Whether a drop-down's values fit Excel's literal list: at most 255 characters, none holding a comma or a quote. */
export function fitsLiteralList(values: readonly string[]): boolean {
  return values.join(',').length <= 255 && values.every((v) => !/[,"]/.test(v));
}

/**
 * What to ask a host to add so the workbook has every input table: the template's tables the workbook's tables
 * (`existing`, as named there, in either language) do not already stand for, and the instructions table unless it
 * is there; with their drop-downs and number formats.
 */
export function missingTablesRequest(lang: Lang, existing: readonly string[]): AddInputTablesRequest {
  const present = new Set(existing.map((n) => matchTableName(n)?.spec.id).filter((id) => id !== undefined));
  const { tables, instructions } = inputTemplate(lang);
  const wanted = INPUT_TABLES.map((spec, i) => ({ spec, grid: tables[i] })).filter((t) => !present.has(t.spec.id));
  const hasInstructions = existing.some((n) => n.toLowerCase() === instructions.name.toLowerCase());
  return {
    tables: [...wanted.map((t) => t.grid), ...(hasInstructions || wanted.length === 0 ? [] : [instructions])],
    dropDowns: new Map(wanted.map((t) => [t.grid.name, dropDownsOf(t.spec, lang)])),
    numberFormats: new Map(wanted.map((t) => [t.grid.name, t.spec.columns.map((c) => TEMPLATE_FORMATS[c.type])])),
  };
}
