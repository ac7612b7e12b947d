/**
 * The one validation of a results plan, shared by every host and run before anything is written: sheet names Excel
 * accepts, no sheet or table twice in the plan, and, against what the workbook already holds, never a result sheet
 * over a sheet holding input tables, never a result table named like a table that stays.
 */
import { HostError, type ResultsPlan } from './port';
import { isValidSheetName } from './results-layout';

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
 * the plan may be written. A result sheet replaces an existing sheet of the same name only when every table on it
 * is a result table.
 */
export function checkResultsPlan(plan: ResultsPlan, existing: readonly ExistingTable[] = []): void {
  const planSheets = new Set<string>();
  const planTables = new Set<string>();
  for (const s of plan.sheets) {
    if (!isValidSheetName(s.name)) throw invalidSheetName(s.name);
    if (planSheets.has(key(s.name))) throw duplicateSheet(s.name);
    planSheets.add(key(s.name));
    for (const t of s.tables) {
      if (planTables.has(key(t.name))) throw duplicateResultTable(t.name);
      planTables.add(key(t.name));
    }
  }

  const foreign = new Map<string, string[]>();
  for (const t of existing) {
    const onPlanSheet = planSheets.has(key(t.sheet));
    const named = planTables.has(key(t.name));
    if (onPlanSheet) {
      const isResult = t.role === undefined ? named : t.role === 'result';
      if (!isResult) foreign.set(t.sheet, [...(foreign.get(t.sheet) ?? []), t.name]);
    } else if (named) throw tableNameTaken(t.name, t.sheet);
  }
  const [first] = foreign;
  if (first) throw sheetHoldsInput(first[0], first[1]);
}

export function sheetHoldsInput(sheet: string, tables: string[]): HostError {
  const list = tables.join(', ');
  return new HostError('sheet_holds_input', {
    es: `La hoja «${sheet}» contiene tablas que no son de resultados (${list}); no se escribió nada. Cambie el nombre de la hoja o mueva esas tablas.`,
    en: `Sheet "${sheet}" holds tables that are not results (${list}); nothing was written. Rename the sheet or move those tables.`,
  });
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
