/**
 * Errors of the Office host in both languages (es-MX first), so the pane shows them in the user's language.
 * Excel's own errors (OfficeExtension.Error) are wrapped, never swallowed: the wrapped message keeps Excel's code,
 * message and debugInfo.errorLocation, which is what a support ticket needs.
 */
import type { Lang, Text } from '../../engine/model';

export type OfficeHostErrorCode =
  | 'sync_timeout'
  | 'excel_error'
  | 'sheet_holds_input'
  | 'table_name_taken'
  | 'duplicate_sheet'
  | 'invalid_sheet_name'
  | 'chart_source_missing'
  | 'boot_timeout';

/** What Office's OfficeExtension.Error carries (checked structurally: the class exists only inside Office). */
export interface OfficeErrorLike {
  code: string;
  message: string;
  debugInfo?: { code?: string; message?: string; errorLocation?: string };
}

export function isOfficeError(e: unknown): e is OfficeErrorLike {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as OfficeErrorLike).code === 'string' &&
    typeof (e as OfficeErrorLike).message === 'string' &&
    'debugInfo' in e
  );
}

export class OfficeHostError extends Error {
  readonly code: OfficeHostErrorCode;
  readonly es: string;
  readonly en: string;
  /** Excel's error code (ItemNotFound, InvalidArgument…) when Excel raised it. */
  readonly excelCode?: string;
  readonly errorLocation?: string;

  constructor(
    code: OfficeHostErrorCode,
    text: Text,
    options: { cause?: unknown; excelCode?: string; errorLocation?: string } = {},
  ) {
    super(`${text.es} / ${text.en}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OfficeHostError';
    this.code = code;
    this.es = text.es;
    this.en = text.en;
    this.excelCode = options.excelCode;
    this.errorLocation = options.errorLocation;
  }

  text(lang: Lang): string {
    return this[lang];
  }
}

/** What the host was doing, for messages ("reading the tables"). */
export type Phase = 'list_tables' | 'read_tables' | 'describe_source' | 'write_results' | 'select_cell';

const PHASES: Record<Phase, Text> = {
  list_tables: { es: 'al listar las tablas', en: 'while listing the tables' },
  read_tables: { es: 'al leer las tablas', en: 'while reading the tables' },
  describe_source: { es: 'al identificar el libro', en: 'while identifying the workbook' },
  write_results: { es: 'al escribir los resultados', en: 'while writing the results' },
  select_cell: { es: 'al seleccionar la celda', en: 'while selecting the cell' },
};

export function syncTimeout(phase: Phase, ms: number): OfficeHostError {
  const s = Math.round(ms / 100) / 10;
  const p = PHASES[phase];
  return new OfficeHostError('sync_timeout', {
    es:
      `Excel no respondió en ${s} s ${p.es} (context.sync). Puede que Excel esté ocupado o que la sesión de Excel ` +
      'en la web se haya desconectado: espere un momento y vuelva a intentarlo; si persiste, recargue el libro.',
    en:
      `Excel did not respond within ${s} s ${p.en} (context.sync). Excel may be busy or the Excel on the web ` +
      'session may have disconnected: wait a moment and try again; if it persists, reload the workbook.',
  });
}

/** Wraps an error raised by Excel; any other error passes through unchanged (it already has its own message). */
export function fromExcel(e: unknown, phase: Phase): unknown {
  if (e instanceof OfficeHostError || !isOfficeError(e)) return e;
  const where = e.debugInfo?.errorLocation ? ` [${e.debugInfo.errorLocation}]` : '';
  const detail = `${e.code}: ${e.message}${where}`;
  const p = PHASES[phase];
  return new OfficeHostError(
    'excel_error',
    { es: `Excel rechazó la operación ${p.es}: ${detail}`, en: `Excel rejected the operation ${p.en}: ${detail}` },
    { cause: e, excelCode: e.code, errorLocation: e.debugInfo?.errorLocation },
  );
}

export function sheetHoldsInput(sheet: string, tables: string[]): OfficeHostError {
  const list = tables.join(', ');
  return new OfficeHostError('sheet_holds_input', {
    es: `La hoja «${sheet}» contiene tablas que no son de resultados (${list}); no se escribió nada. Cambie el nombre de la hoja o mueva esas tablas.`,
    en: `Sheet "${sheet}" holds tables that are not results (${list}); nothing was written. Rename the sheet or move those tables.`,
  });
}

export function tableNameTaken(table: string, sheet: string): OfficeHostError {
  return new OfficeHostError('table_name_taken', {
    es: `Ya existe una tabla «${table}» en la hoja «${sheet}», que no se reemplaza; no se escribió nada. Cambie el nombre de esa tabla.`,
    en: `A table "${table}" already exists on sheet "${sheet}", which is not replaced; nothing was written. Rename that table.`,
  });
}

export function duplicateSheet(sheet: string): OfficeHostError {
  return new OfficeHostError('duplicate_sheet', {
    es: `El plan de resultados repite la hoja «${sheet}»; no se escribió nada.`,
    en: `The results plan repeats sheet "${sheet}"; nothing was written.`,
  });
}

export function invalidSheetName(sheet: string): OfficeHostError {
  return new OfficeHostError('invalid_sheet_name', {
    es: `«${sheet}» no es un nombre de hoja válido en Excel (máximo 31 caracteres, sin : \\ / ? * [ ]); no se escribió nada.`,
    en: `"${sheet}" is not a valid Excel sheet name (at most 31 characters, none of : \\ / ? * [ ]); nothing was written.`,
  });
}

export function chartSourceMissing(chartTitle: string, table: string, column: string): OfficeHostError {
  return new OfficeHostError('chart_source_missing', {
    es: `El gráfico «${chartTitle}» lee la columna «${column}» de la tabla «${table}», que no está en la hoja; no se escribió nada.`,
    en: `Chart "${chartTitle}" reads column "${column}" of table "${table}", which is not on the sheet; nothing was written.`,
  });
}

export function bootTimeout(ms: number): OfficeHostError {
  const s = Math.round(ms / 1000);
  return new OfficeHostError('boot_timeout', {
    es: `Office no terminó de iniciar en ${s} s (Office.onReady). Cierre y vuelva a abrir el complemento.`,
    en: `Office did not finish starting within ${s} s (Office.onReady). Close and reopen the add-in.`,
  });
}
