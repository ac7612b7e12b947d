/**
 * The one validation of a results plan, shared by every host and run before anything is written: sheet names Excel
 * accepts, no sheet, role or table twice in the plan, and, against what the workbook already holds, never a result
 * sheet over a sheet holding input tables, never a result table named like a table that stays. Also the cells a
 * result sheet occupies (its footprint) and the check that none of them holds content that is not ours.
 */
import { areaAddress, MAX_ROWS, parseA1 } from './a1';
import {
  headerFooterText,
  HostError,
  isCellError,
  isFormulaWithoutValue,
  isResultTableName,
  saveRowsKey,
  type SaveRowsRequest,
  type HostNotice,
  type PrintSetup,
  type ResultChart,
  type ResultSheet,
  type ResultTable,
  type ResultsPlan,
} from './port';
import { isValidSheetName, placeTables } from './results/tables';

/** A table the target workbook already holds. */
export interface ExistingTable {
  name: string;
  sheet: string;
  /**
   * What the host knows the table is. Unknown (Excel): a table is taken as a previous run's result when the plan
   * writes a table of the same name, and as an input otherwise.
   */
  role?: 'input' | 'result';
}

const key = (s: string) => s.toLowerCase();

/**
 * Throws a HostError for the first problem found (the plan's own first, then the workbook's); returns normally when
 * the plan may be written. A result sheet is written over an existing sheet only when every table on it is a result
 * table.
 *
 * `targets`, when the host knows it, maps each existing sheet a plan sheet will be written into (lower-cased name) to
 * that plan sheet's name: a previous run's sheet found by its owner marker, named in the other language ("TT
 * Cascada" for "TT Waterfall"). Its tables are then the plan sheet's, so they are replaced rather than reported as
 * names taken. Without it, sheets are matched by name.
 */
export function checkResultsPlan(
  plan: ResultsPlan,
  existing: readonly ExistingTable[] = [],
  targets?: ReadonlyMap<string, string>,
): void {
  const planSheets = new Set<string>();
  const planTables = new Set<string>();
  const roles = new Set<string>();
  for (const s of plan.sheets) {
    if (!isValidSheetName(s.name)) throw invalidSheetName(s.name);
    if (planSheets.has(key(s.name))) throw duplicateSheet(s.name);
    if (roles.has(s.role)) throw duplicateSheet(s.name);
    planSheets.add(key(s.name));
    roles.add(s.role);
    if (s.print) checkPrintSetup(s.name, s.print);
    for (const c of s.charts ?? []) checkChartSource(s, c);
    for (const t of s.tables) {
      if (planTables.has(key(t.name))) throw duplicateResultTable(t.name);
      planTables.add(key(t.name));
    }
  }

  const foreign = new Map<string, string[]>();
  for (const t of existing) {
    const onPlanSheet = targets ? targets.has(key(t.sheet)) : planSheets.has(key(t.sheet));
    const named = planTables.has(key(t.name));
    if (onPlanSheet) {
      const isResult = t.role === undefined ? named : t.role === 'result';
      if (!isResult) foreign.set(t.sheet, [...(foreign.get(t.sheet) ?? []), t.name]);
    } else if (named) throw tableNameTaken(t.name, t.sheet);
  }
  const [first] = foreign;
  if (first) throw sheetHoldsInput(first[0], first[1]);
}

// ---------------------------------------------------------------- protection (every host that writes into a workbook)

export function workbookProtected(): HostError {
  return new HostError('workbook_protected', {
    es: 'La estructura del libro está protegida: no se pueden agregar ni cambiar de nombre hojas, así que no se escribió nada. Quite la protección en Revisar > Proteger libro y vuelva a escribir.',
    en: "The workbook's structure is protected: sheets cannot be added or renamed, so nothing was written. Unprotect it in Review > Protect Workbook and write again.",
  });
}

export function sheetProtected(sheet: string): HostError {
  return new HostError('sheet_protected', {
    es: `La hoja «${sheet}» está protegida, así que no se escribió nada. Quite la protección en Revisar > Desproteger hoja y vuelva a escribir.`,
    en: `Sheet "${sheet}" is protected, so nothing was written. Unprotect it in Review > Unprotect Sheet and write again.`,
  });
}

export function readOnlyWorkbook(): HostError {
  return new HostError('read_only', {
    es: 'El libro está abierto solo para lectura, así que no se escribió nada. Abra una copia editable (o habilite la edición) y vuelva a escribir.',
    en: 'The workbook is open read-only, so nothing was written. Open an editable copy (or enable editing) and write again.',
  });
}

// ---------------------------------------------------------------- saving rows into an input table

/** What Excel accepts as a table name: a letter, _ or \ first, then letters, digits, _ . or \; not a cell address. */
const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$/;

/**
 * The one check of a saveRows request, before anything is read or written: a key and a key column inside the rows,
 * rows as wide as the table (`columns`, its header count; the headers to create when it is created), every row's
 * key cell holding the key (else the next save would not find it to replace it), plain values only (no Excel error,
 * no formula), and a table to create with a valid name, sheet and headers.
 */
export function checkSaveRows(request: SaveRowsRequest, columns?: number, table?: string): void {
  const where = table ?? request.table ?? request.create?.name ?? '';
  const invalid = (es: string, en: string): HostError =>
    new HostError('save_rows_invalid', {
      es: `No se guardó nada en la tabla «${where}»: ${es}.`,
      en: `Nothing was saved into table "${where}": ${en}.`,
    });
  if (request.table === null) {
    const c = request.create;
    if (!c) throw invalid('no existe y no se dijo cómo crearla', 'it does not exist and nothing says how to create it');
    if (!TABLE_NAME.test(c.name) || LOOKS_LIKE_CELL.test(c.name) || c.name.length > 255)
      throw invalid(
        `«${c.name}» no es un nombre de tabla válido en Excel`,
        `"${c.name}" is not a valid Excel table name`,
      );
    if (!isValidSheetName(c.sheet)) throw invalidSheetName(c.sheet);
    const seen = new Set<string>();
    for (const h of c.headers) {
      const k = h.trim().toLowerCase();
      if (k === '' || seen.has(k))
        throw invalid(`el encabezado «${h}» está vacío o repetido`, `the header "${h}" is blank or repeated`);
      seen.add(k);
    }
    columns = c.headers.length;
  }
  const key = saveRowsKey(request.key);
  if (key === '') throw invalid('la clave está vacía', 'the key is blank');
  if (
    columns !== undefined &&
    !(Number.isInteger(request.keyColumn) && request.keyColumn >= 0 && request.keyColumn < columns)
  )
    throw invalid(
      `la columna clave ${request.keyColumn} no está entre sus ${columns} columnas`,
      `key column ${request.keyColumn} is not one of its ${columns} columns`,
    );
  request.rows.forEach((row, i) => {
    if (columns !== undefined && row.length !== columns)
      throw invalid(
        `la fila ${i + 1} trae ${row.length} celdas y la tabla tiene ${columns} columnas`,
        `row ${i + 1} has ${row.length} cells and the table has ${columns} columns`,
      );
    if (saveRowsKey(row[request.keyColumn]) !== key)
      throw invalid(
        `la fila ${i + 1} no lleva la clave «${request.key}» en su columna clave`,
        `row ${i + 1} does not carry the key "${request.key}" in its key column`,
      );
    if (row.some((v) => isCellError(v) || isFormulaWithoutValue(v)))
      throw invalid(
        `la fila ${i + 1} trae un error de Excel o una fórmula, y solo se guardan valores`,
        `row ${i + 1} holds an Excel error or a formula, and only values are saved`,
      );
  });
}

export function tableNotFound(table: string): HostError {
  return new HostError('table_not_found', {
    es: `No existe la tabla «${table}» (¿se borró o cambió de nombre?); no se guardó nada. Vuelva a leer el libro y guarde otra vez.`,
    en: `Table "${table}" does not exist (was it deleted or renamed?); nothing was saved. Read the workbook again and save again.`,
  });
}

export function definedNameTaken(name: string): HostError {
  return new HostError('table_name_taken', {
    es: `Ya hay un nombre definido «${name}» en el libro (Fórmulas > Administrador de nombres), y una tabla no puede llamarse igual; no se guardó nada. Cambie el nombre definido y vuelva a guardar.`,
    en: `The workbook already has a defined name "${name}" (Formulas > Name Manager), and a table cannot share it; nothing was saved. Rename the defined name and save again.`,
  });
}

export function sheetNotEmpty(sheet: string, table: string): HostError {
  return new HostError(
    'sheet_not_empty',
    {
      es: `Para crear la tabla «${table}» hace falta una hoja «${sheet}» nueva, y ya existe una con contenido; no se guardó nada. Cambie el nombre de esa hoja (o mueva su contenido) y vuelva a guardar.`,
      en: `Creating table "${table}" needs a new sheet "${sheet}", and a sheet of that name already holds content; nothing was saved. Rename that sheet (or move its content) and save again.`,
    },
    { location: { sheet, address: 'A1' } },
  );
}

/** Growing or shrinking a table moves the cells below it; a table below that only partly shares its columns cannot move. */
export function rowsWouldSplitTable(table: string, other: string, sheet: string): HostError {
  return new HostError('rows_would_split_table', {
    es: `Cambiar las filas de la tabla «${table}» movería las celdas de abajo, y la tabla «${other}» de la hoja «${sheet}» quedaría partida; no se guardó nada. Mueva «${other}» a otras columnas o a otra hoja y vuelva a guardar.`,
    en: `Changing the rows of table "${table}" would move the cells below it and split table "${other}" on sheet "${sheet}"; nothing was saved. Move "${other}" to other columns or another sheet and save again.`,
  });
}

// ---------------------------------------------------------------- charts

/** A chart's column in its table: by column id first, then by header text. -1 when the table has neither. */
export function chartColumnIndex(table: Pick<ResultTable, 'columns'>, key: string): number {
  const i = table.columns.findIndex((c) => c.id === key);
  return i >= 0 ? i : table.columns.findIndex((c) => c.header === key);
}

/**
 * Every column a chart reads must be in its table, on the chart's sheet: a waterfall's category and value columns, a
 * bar chart's category column and each of its value columns. Located on the table's header row (A1 when the table
 * itself is missing).
 */
function checkChartSource(sheet: ResultSheet, chart: ResultChart): void {
  const ti = sheet.tables.findIndex((t) => t.name === chart.table);
  const columns =
    chart.kind === 'bar' ? [chart.categoryColumn, ...chart.valueColumns] : [chart.categoryColumn, chart.valueColumn];
  if (ti < 0) throw chartSourceMissing(chart.title, chart.table, columns[0], sheet.name, 'A1');
  if (chart.kind === 'bar' && chart.valueColumns.length === 0) {
    throw new HostError(
      'chart_source_missing',
      {
        es: `El gráfico de barras «${chart.title}» no dice qué columnas de la tabla «${chart.table}» graficar; no se escribió nada.`,
        en: `Bar chart "${chart.title}" names no column of table "${chart.table}" to plot; nothing was written.`,
      },
      { location: { sheet: sheet.name, address: headerCell(sheet, ti) } },
    );
  }
  const missing = columns.find((c) => chartColumnIndex(sheet.tables[ti], c) < 0);
  if (missing !== undefined)
    throw chartSourceMissing(chart.title, chart.table, missing, sheet.name, headerCell(sheet, ti));
}

function headerCell(sheet: ResultSheet, table: number): string {
  return `A${placeTables(sheet.tables)[table].headerRow}`;
}

/**
 * A chart reads a column its table does not have (or a table not on its sheet): nothing is written. `sheet` and
 * `address` locate it on the sheet the plan would write (the table's header row).
 */
export function chartSourceMissing(
  chartTitle: string,
  table: string,
  column: string,
  sheet?: string,
  address?: string,
): HostError {
  return new HostError(
    'chart_source_missing',
    {
      es: `El gráfico «${chartTitle}» lee la columna «${column}» de la tabla «${table}», que no está en la hoja${sheet === undefined ? '' : ` «${sheet}»`}; no se escribió nada.`,
      en: `Chart "${chartTitle}" reads column "${column}" of table "${table}", which is not on the sheet${sheet === undefined ? '' : ` "${sheet}"`}; nothing was written.`,
    },
    sheet !== undefined && address !== undefined ? { location: { sheet, address } } : {},
  );
}

// ---------------------------------------------------------------- page setup

/** Excel's limit on a page header: 255 characters, section codes ("&C") and escapes ("&&") included. */
export const MAX_HEADER_LENGTH = 255;
const AREA = /^\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?$/;
const ROWS = /^\$?(\d{1,7}):\$?(\d{1,7})$/;

/**
 * What Excel accepts in a page setup, checked before anything is written: a file ExcelJS wrote with a scale of 500
 * or a 300-character header is one Excel offers to "repair", and Office.js refuses the same values.
 */
function checkPrintSetup(sheet: string, p: PrintSetup): void {
  if (!Number.isInteger(p.scale) || p.scale < 10 || p.scale > 400) {
    throw invalidPrintSetup(sheet, {
      es: `la escala de impresión es ${p.scale} % y Excel acepta un entero de 10 a 400`,
      en: `the print scale is ${p.scale} % and Excel takes a whole number from 10 to 400`,
    });
  }
  const cells = AREA.test(p.area) ? p.area.split(':').map((a) => safeA1(a)) : [];
  if (cells.length === 0 || cells.some((c) => c === undefined)) {
    throw invalidPrintSetup(sheet, {
      es: `el área de impresión «${p.area}» no es un rango A1 (A1:F48)`,
      en: `the print area "${p.area}" is not an A1 range (A1:F48)`,
    });
  }
  if (p.titleRows !== undefined) {
    const m = ROWS.exec(p.titleRows);
    const [a, b] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    if (!m || a < 1 || b < a || b > MAX_ROWS) {
      throw invalidPrintSetup(sheet, {
        es: `las filas que se repiten «${p.titleRows}» no son filas enteras (1:2)`,
        en: `the rows to repeat "${p.titleRows}" are not whole rows (1:2)`,
      });
    }
  }
  const header = `&C${headerFooterText(p.header)}`;
  if (header.length > MAX_HEADER_LENGTH) {
    throw invalidPrintSetup(sheet, {
      es: `el encabezado de página tiene ${header.length} caracteres y Excel admite ${MAX_HEADER_LENGTH}`,
      en: `the page header is ${header.length} characters long and Excel takes ${MAX_HEADER_LENGTH}`,
    });
  }
  const margins = Object.entries(p.margins);
  const bad = margins.find(([, v]) => !Number.isFinite(v) || v < 0);
  if (bad) {
    throw invalidPrintSetup(sheet, {
      es: `el margen ${bad[0]} es ${bad[1]} pulgadas`,
      en: `the ${bad[0]} margin is ${bad[1]} inches`,
    });
  }
}

function safeA1(a: string): { row: number; column: number } | undefined {
  try {
    return parseA1(a);
  } catch {
    return undefined; // the caller reports the whole area as not an A1 range
  }
}

export function invalidPrintSetup(sheet: string, what: { es: string; en: string }): HostError {
  return new HostError('invalid_print_setup', {
    es: `La configuración de impresión de la hoja «${sheet}» no es válida: ${what.es}; no se escribió nada.`,
    en: `The print setup of sheet "${sheet}" is not valid: ${what.en}; nothing was written.`,
  });
}

// ---------------------------------------------------------------- footprint: the cells a result sheet occupies

/** A block of cells, 1-based and inclusive. */
export interface CellRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function rect(top: number, left: number, rows: number, columns: number): CellRect {
  return { top, left, bottom: top + rows - 1, right: left + columns - 1 };
}

/** "B3:F40" ("B3" for one cell). */
export function rectAddress(r: CellRect): string {
  return areaAddress(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
}

export function rectCells(r: CellRect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

export function overlaps(a: CellRect, b: CellRect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function contains(outer: CellRect, inner: CellRect): boolean {
  return (
    outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right
  );
}

/** The part of `a` outside `b`, as at most four blocks (bands above and below, then left and right). */
export function subtract(a: CellRect, b: CellRect): CellRect[] {
  if (!overlaps(a, b)) return [a];
  const out: CellRect[] = [];
  if (a.top < b.top) out.push({ ...a, bottom: b.top - 1 });
  if (a.bottom > b.bottom) out.push({ ...a, top: b.bottom + 1 });
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.bottom, b.bottom);
  if (a.left < b.left) out.push({ top, bottom, left: a.left, right: b.left - 1 });
  if (a.right > b.right) out.push({ top, bottom, left: b.right + 1, right: a.right });
  return out;
}

/** The cells of `from` outside every rectangle of `holes`, as disjoint blocks. */
export function subtractAll(from: readonly CellRect[], holes: readonly CellRect[]): CellRect[] {
  let parts = [...from];
  for (const h of holes) parts = parts.flatMap((p) => subtract(p, h));
  return parts;
}

/** Where a result sheet's pieces land (placeTables): each title cell and each table (header row to last row). */
export interface SheetFootprint {
  titles: CellRect[];
  tables: { name: string; rect: CellRect }[];
}

export function sheetFootprint(sheet: Pick<ResultSheet, 'tables'>): SheetFootprint {
  const places = placeTables(sheet.tables);
  const titles: CellRect[] = [];
  const tables: SheetFootprint['tables'] = [];
  sheet.tables.forEach((t, i) => {
    const p = places[i];
    if (p.titleRow !== undefined) titles.push(rect(p.titleRow, 1, 1, 1));
    tables.push({ name: t.name, rect: { top: p.headerRow, left: 1, bottom: p.lastRow, right: t.columns.length } });
  });
  return { titles, tables };
}

/** On a sheet marked as ours, which tables are ours: the plan's, and any other with the result prefix. */
export function isOurTable(name: string, plan: Pick<ResultSheet, 'tables'>): boolean {
  return isResultTableName(name) || plan.tables.some((t) => key(t.name) === key(name));
}

export function sheetHoldsInput(sheet: string, tables: string[]): HostError {
  const list = tables.join(', ');
  return new HostError('sheet_holds_input', {
    es: `La hoja «${sheet}» contiene tablas que no son de resultados (${list}); no se escribió nada. Cambie el nombre de la hoja o mueva esas tablas.`,
    en: `Sheet "${sheet}" holds tables that are not results (${list}); nothing was written. Rename the sheet or move those tables.`,
  });
}

/** Sheet names print quoted when they hold anything but letters, digits and underscores, as Excel writes them. */
function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * A result would land on cells holding something that is not ours (a note, a formula, a table of the user): nothing
 * is written. `address` is the block holding it ("C12" or "C12:D14"); the location is its first cell.
 */
export function resultsWouldOverwrite(sheet: string, address: string): HostError {
  const where = `${sheetRef(sheet)}!${address}`;
  const first = address.split(':')[0];
  return new HostError(
    'results_would_overwrite',
    {
      es: `Los resultados de la hoja «${sheet}» ocuparían ${where}, donde hay contenido que no es de resultados (agregado a mano); no se escribió nada. Mueva ese contenido fuera de esa zona y vuelva a escribir.`,
      en: `The results of sheet "${sheet}" would cover ${where}, which holds content that is not results (added by hand); nothing was written. Move that content out of the way and write again.`,
    },
    { location: { sheet, address: first } },
  );
}

/**
 * The sheet name a result sheet takes belongs to another sheet that is not ours, while the previous results of
 * that role sit on `ours` (another language's name): renaming ours would clash. Nothing is written.
 */
export function sheetNameTaken(sheet: string, ours: string): HostError {
  return new HostError(
    'results_would_overwrite',
    {
      es: `Ya existe una hoja «${sheet}» que no es de resultados, y los resultados anteriores están en «${ours}», que debe tomar ese nombre; no se escribió nada. Cambie el nombre de la hoja «${sheet}» y vuelva a escribir.`,
      en: `A sheet "${sheet}" exists that is not results, and the previous results are on "${ours}", which must take that name; nothing was written. Rename sheet "${sheet}" and write again.`,
    },
    { location: { sheet, address: 'A1' } },
  );
}

/**
 * A notice every host gives when it found a previous run's sheets by their owner markers under another language's
 * names and renamed them in place.
 */
export function replacedOtherLanguageNotice(renamed: readonly { from: string; to: string }[]): HostNotice {
  return {
    code: 'results_replaced_other_language',
    es: `Se reemplazaron los resultados anteriores, escritos en otro idioma: ${renamed.map((r) => `«${r.from}» ahora se llama «${r.to}»`).join(', ')}. Las fórmulas y gráficas que apuntan a esas hojas siguen funcionando.`,
    en: `The previous results, written in another language, were replaced: ${renamed.map((r) => `"${r.from}" is now "${r.to}"`).join(', ')}. Formulas and charts pointing at those sheets keep working.`,
  };
}

export function tableNameTaken(table: string, sheet: string): HostError {
  return new HostError('table_name_taken', {
    es: `Ya existe una tabla «${table}» en la hoja «${sheet}», que no se reemplaza; no se escribió nada. Cambie el nombre de esa tabla.`,
    en: `A table "${table}" already exists on sheet "${sheet}", which is not replaced; nothing was written. Rename that table.`,
  });
}

export function duplicateSheet(sheet: string): HostError {
  return new HostError('duplicate_sheet', {
    es: `El plan de resultados repite la hoja «${sheet}»; no se escribió nada.`,
    en: `The results plan repeats sheet "${sheet}"; nothing was written.`,
  });
}

export function duplicateResultTable(table: string): HostError {
  return new HostError('duplicate_result_table', {
    es: `El plan de resultados repite la tabla «${table}» (los nombres de tabla son únicos en el libro); no se escribió nada.`,
    en: `The results plan repeats table "${table}" (table names are unique in a workbook); nothing was written.`,
  });
}

export function invalidSheetName(sheet: string): HostError {
  return new HostError('invalid_sheet_name', {
    es: `«${sheet}» no es un nombre de hoja válido en Excel (máximo 31 caracteres, sin : \\ / ? * [ ]); no se escribió nada.`,
    en: `"${sheet}" is not a valid Excel sheet name (at most 31 characters, none of : \\ / ? * [ ]); nothing was written.`,
  });
}

// ---------------------------------------------------------------- renaming a result sheet in place

/*
 * What Excel does to formulas when a sheet is renamed: every reference to it follows ('TT Cascada'!B4 becomes
 * 'TT Waterfall'!B4). The hosts that keep formulas as text (memory; xlsx through ExcelJS, which does not do it
 * itself) rename result sheets in place with this, so the user's formulas pointing at them keep working.
 * Formulas here are in Excel's invariant syntax (the file format's and the plan's), never localised.
 */

/** How a sheet name prints in a formula: bare when it is letters, digits and underscores, else quoted. */
export function sheetInFormula(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** Rewrites the references to sheet `from` (case-insensitive) into references to `to`; text in quotes is kept. */
export function renameSheetRefs(formula: string, from: string, to: string): string {
  const target = from.toLowerCase();
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      // A string literal ("" is an escaped quote): copied as is.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      // A quoted sheet name: 'It''s here'!A1
      let j = i + 1;
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'")) j += formula[j] === "'" ? 2 : 1;
      const name = formula.slice(i + 1, j).replace(/''/g, "'");
      if (formula[j + 1] === '!' && name.toLowerCase() === target) {
        out += `${sheetInFormula(to)}!`;
        i = j + 2;
        continue;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*!/.exec(formula.slice(i));
    const prev = i > 0 ? formula[i - 1] : '';
    if (m && !/[\w.$]/.test(prev)) {
      const name = m[0].slice(0, -1);
      out += name.toLowerCase() === target ? `${sheetInFormula(to)}!` : m[0];
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
