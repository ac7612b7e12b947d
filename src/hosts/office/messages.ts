/**
 * Errors of the Office host (HostError of the port) in both languages (es-MX first), so the pane shows them in the
 * user's language. The results-plan checks shared by every host are in src/workbook/plan-check.ts.
 * Excel's own errors (OfficeExtension.Error) are wrapped, never swallowed: the wrapped message keeps Excel's code,
 * message and debugInfo.errorLocation, which is what a support ticket needs.
 */
import type { Text } from '../../engine/model';
import { HostError, type HostErrorCode, type HostNotice } from '../../workbook/port';

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

/** What the host was doing, for messages ("reading the tables"). */
export type Phase =
  | 'list_tables'
  | 'read_tables'
  | 'describe_source'
  | 'input_fingerprint'
  | 'write_results'
  | 'save_rows'
  | 'export_tables'
  | 'add_tables'
  | 'select_cell';

const PHASES: Record<Phase, Text> = {
  list_tables: { es: 'al listar las tablas', en: 'while listing the tables' },
  read_tables: { es: 'al leer las tablas', en: 'while reading the tables' },
  describe_source: { es: 'al identificar el libro', en: 'while identifying the workbook' },
  input_fingerprint: {
    es: 'al comprobar si cambiaron las tablas de entrada',
    en: 'while checking whether the input tables changed',
  },
  write_results: { es: 'al escribir los resultados', en: 'while writing the results' },
  save_rows: { es: 'al guardar las filas en la tabla', en: 'while saving the rows into the table' },
  add_tables: { es: 'al crear las tablas de entrada', en: 'while creating the input tables' },
  export_tables: {
    es: 'al abrir la base exportada como libro nuevo',
    en: 'while opening the exported base as a new workbook',
  },
  select_cell: { es: 'al seleccionar la celda', en: 'while selecting the cell' },
};

export function syncTimeout(phase: Phase, ms: number): HostError {
  const s = Math.round(ms / 100) / 10;
  const p = PHASES[phase];
  return new HostError('sync_timeout', {
    es:
      `Excel no respondió en ${s} s ${p.es} (context.sync). Puede que Excel esté ocupado o que la sesión de Excel ` +
      'en la web se haya desconectado: espere un momento y vuelva a intentarlo; si persiste, recargue el libro.',
    en:
      `Excel did not respond within ${s} s ${p.en} (context.sync). Excel may be busy or the Excel on the web ` +
      'session may have disconnected: wait a moment and try again; if it persists, reload the workbook.',
  });
}

/**
 * Known Excel states, each with its own message instead of a raw code (codes of Excel.ErrorCodes and
 * OfficeExtension.ErrorCodes, @types/office-js): the user is editing a cell (InvalidOperationInCellEditMode), Excel
 * refused access (AccessDenied: a protected sheet or workbook, a read-only or view-only workbook), a co-author's
 * change clashed (Conflict), Excel is throttling (ActivityLimitReached).
 */
function knownState(e: OfficeErrorLike, p: Text, detail: string): { code: HostErrorCode; text: Text } | null {
  switch (e.code) {
    case 'InvalidOperationInCellEditMode':
      return { code: 'cell_edit_in_progress', text: cellEditText(p) };
    case 'AccessDenied':
      return {
        code: 'read_only',
        text: {
          es: `Excel no permitió el cambio ${p.es} (${detail}): el libro o una hoja está protegido, o el libro está abierto solo para lectura. Quite la protección (Revisar > Desproteger hoja o Proteger libro) o abra una copia editable, y vuelva a intentarlo.`,
          en: `Excel did not allow the change ${p.en} (${detail}): the workbook or a sheet is protected, or the workbook is open read-only. Unprotect it (Review > Unprotect Sheet or Protect Workbook) or open an editable copy, and try again.`,
        },
      };
    case 'Conflict':
      return {
        code: 'coauthoring_conflict',
        text: {
          es: `Otra persona cambió el libro al mismo tiempo y Excel rechazó la operación ${p.es} (${detail}). Espere unos segundos a que Excel sincronice los cambios y vuelva a intentarlo.`,
          en: `Someone else changed the workbook at the same time and Excel rejected the operation ${p.en} (${detail}). Wait a few seconds for Excel to sync the changes and try again.`,
        },
      };
    case 'ActivityLimitReached':
      return {
        code: 'excel_error',
        text: {
          es: `Excel llegó a su límite de actividad ${p.es} (${detail}): demasiadas operaciones seguidas. Espere un minuto y vuelva a intentarlo.`,
          en: `Excel reached its activity limit ${p.en} (${detail}): too many operations in a row. Wait a minute and try again.`,
        },
      };
    default:
      return null;
  }
}

function cellEditText(p: Text): Text {
  return {
    es: `Excel está editando una celda y no acepta cambios ${p.es}. Salga de la celda (Entrar o Esc) y vuelva a intentarlo.`,
    en: `Excel is editing a cell and accepts no changes ${p.en}. Leave the cell (Enter or Esc) and try again.`,
  };
}

/** Wraps an error raised by Excel; any other error passes through unchanged (it already has its own message). */
export function fromExcel(e: unknown, phase: Phase): unknown {
  if (e instanceof HostError || !isOfficeError(e)) return e;
  const where = e.debugInfo?.errorLocation ? ` [${e.debugInfo.errorLocation}]` : '';
  const detail = `${e.code}: ${e.message}${where}`;
  const p = PHASES[phase];
  const options = { cause: e, excelCode: e.code, errorLocation: e.debugInfo?.errorLocation };
  const known = knownState(e, p, e.code);
  if (known) return new HostError(known.code, known.text, options);
  return new HostError(
    'excel_error',
    { es: `Excel rechazó la operación ${p.es}: ${detail}`, en: `Excel rejected the operation ${p.en}: ${detail}` },
    options,
  );
}

// ---------------------------------------------------------------- an agreed scenario exported as the next base

/**
 * This Excel cannot open a new workbook from the add-in: Excel.createWorkbook needs ExcelApi 1.8 (the manifest asks
 * for 1.7). The CLI writes the same workbook.
 */
export function exportUnsupported(): HostError {
  return new HostError('export_unsupported', {
    es:
      'Esta versión de Excel no permite que el complemento abra un libro nuevo (Excel.createWorkbook requiere ' +
      'ExcelApi 1.8), así que la base no se exportó; su libro no cambió. Actualice Excel (Microsoft 365, Excel 2019 ' +
      'o posterior, o Excel en la web) o exporte la base con la línea de comandos: ' +
      'npx trade-terms export-base <su libro.xlsx> --scenario <ID>.',
    en:
      'This version of Excel does not let the add-in open a new workbook (Excel.createWorkbook needs ExcelApi 1.8), ' +
      'so the base was not exported; your workbook did not change. Update Excel (Microsoft 365, Excel 2019 or later, ' +
      'or Excel on the web) or export the base from the command line: ' +
      'npx trade-terms export-base <your workbook.xlsx> --scenario <ID>.',
  });
}

// ---------------------------------------------------------------- writing safely

export function writeInProgress(): HostError {
  return new HostError('write_in_progress', {
    es: 'Ya se están escribiendo resultados en este libro. Espere a que termine esa escritura antes de iniciar otra.',
    en: 'Results are already being written to this workbook. Wait for that write to finish before starting another.',
  });
}

const quoteList = (sheets: readonly string[], lang: 'es' | 'en'): string =>
  sheets.map((s) => (lang === 'es' ? `«${s}»` : `"${s}"`)).join(', ');

/**
 * A write failed after Excel had applied part of it (Office.js has no transactions: every sync commits). The sheets
 * it had started changing keep their owner markers, so writing again repairs them.
 */
export function writeIncomplete(sheetsTouched: readonly string[], cause: unknown): HostError {
  const inner: Text =
    cause instanceof HostError
      ? { es: cause.es, en: cause.en }
      : {
          es: cause instanceof Error ? cause.message : String(cause),
          en: cause instanceof Error ? cause.message : String(cause),
        };
  return new HostError(
    'write_incomplete',
    {
      es: `La escritura de resultados se interrumpió a medias: ${inner.es} Excel no deshace lo ya escrito, así que ${sheetsTouched.length === 1 ? 'la hoja' : 'las hojas'} ${quoteList(sheetsTouched, 'es')} ${sheetsTouched.length === 1 ? 'quedó incompleta' : 'quedaron incompletas'}. Vuelva a escribir los resultados para repararlas.`,
      en: `Writing the results stopped part-way: ${inner.en} Excel does not undo what was already written, so ${sheetsTouched.length === 1 ? 'sheet' : 'sheets'} ${quoteList(sheetsTouched, 'en')} ${sheetsTouched.length === 1 ? 'is' : 'are'} incomplete. Write the results again to repair ${sheetsTouched.length === 1 ? 'it' : 'them'}.`,
    },
    {
      cause,
      sheetsTouched,
      excelCode: cause instanceof HostError ? cause.excelCode : undefined,
      errorLocation: cause instanceof HostError ? cause.errorLocation : undefined,
    },
  );
}

/**
 * A save that stopped after Excel had applied part of it. The new rows are appended before the old ones are deleted,
 * so nothing is lost: the table may hold both, and saving again replaces both.
 */
export function saveIncomplete(table: string, sheet: string, cause: unknown): HostError {
  const inner: Text =
    cause instanceof HostError
      ? { es: cause.es, en: cause.en }
      : {
          es: cause instanceof Error ? cause.message : String(cause),
          en: cause instanceof Error ? cause.message : String(cause),
        };
  return new HostError(
    'write_incomplete',
    {
      es: `El guardado en la tabla «${table}» se interrumpió a medias: ${inner.es} Excel no deshace lo ya escrito, así que la tabla puede tener las filas nuevas junto a las anteriores (no se perdió ninguna). Vuelva a guardar para reemplazarlas.`,
      en: `Saving into table "${table}" stopped part-way: ${inner.en} Excel does not undo what was already written, so the table may hold the new rows beside the previous ones (none was lost). Save again to replace them.`,
    },
    {
      cause,
      sheetsTouched: [sheet],
      excelCode: cause instanceof HostError ? cause.excelCode : undefined,
      errorLocation: cause instanceof HostError ? cause.errorLocation : undefined,
    },
  );
}

// ---------------------------------------------------------------- notices of a write that succeeded

/** Where to insert a chart by hand, by kind of chart (Excel's menu names, es-MX and en-US). */
const INSERT_CHART: Record<'waterfall' | 'bar', Text> = {
  waterfall: { es: 'Insertar > Gráfico de cascada', en: 'Insert > Waterfall chart' },
  bar: {
    es: 'Insertar > Gráfico de columnas o de barras > Barra agrupada',
    en: 'Insert > Column or Bar Chart > Clustered Bar',
  },
};

export function chartFallbackNotice(
  fellBack: readonly string[],
  notDrawn: readonly { title: string; kind: 'waterfall' | 'bar' }[],
): HostNotice {
  const es: string[] = [];
  const en: string[] = [];
  if (fellBack.length > 0) {
    es.push(
      `Excel no aceptó la gráfica de cascada nativa de ${quoteList(fellBack, 'es')}; se dibujó como columnas apiladas con los mismos datos.`,
    );
    en.push(
      `Excel refused the native waterfall chart of ${quoteList(fellBack, 'en')}; it was drawn as stacked columns from the same data.`,
    );
  }
  for (const kind of ['waterfall', 'bar'] as const) {
    const titles = notDrawn.filter((n) => n.kind === kind).map((n) => n.title);
    if (titles.length === 0) continue;
    es.push(
      `No se pudo dibujar la gráfica de ${quoteList(titles, 'es')}; sus datos sí están en la hoja (${INSERT_CHART[kind].es}).`,
    );
    en.push(
      `The chart of ${quoteList(titles, 'en')} could not be drawn; its data is on the sheet (${INSERT_CHART[kind].en}).`,
    );
  }
  return { code: 'chart_fallback', es: es.join(' '), en: en.join(' ') };
}

export function manualCalculationNotice(): HostNotice {
  return {
    code: 'manual_calculation',
    es: 'El libro calcula en modo manual: las fórmulas de los resultados muestran sus valores cuando recalcule (F9 o Fórmulas > Calcular ahora).',
    en: 'The workbook calculates manually: the results’ formulas show their values when you recalculate (F9 or Formulas > Calculate Now).',
  };
}

export {
  chartSourceMissing,
  readOnlyWorkbook,
  replacedOtherLanguageNotice,
  sheetProtected,
  workbookProtected,
} from '../../workbook/plan-check';

/** Excel before ExcelApi 1.9 has no page layout API: the sheets print with Excel's defaults. */
export function printSetupUnsupported(sheets: readonly string[]): HostNotice {
  return {
    code: 'print_setup_unsupported',
    es: `Esta versión de Excel no deja a los complementos configurar la impresión (ExcelApi 1.9), así que ${sheets.length === 1 ? 'la hoja' : 'las hojas'} ${quoteList(sheets, 'es')} se ${sheets.length === 1 ? 'imprime' : 'imprimen'} con la configuración de Excel. Para imprimir en carta, con escala, área y encabezado: Diseño de página > Configurar página.`,
    en: `This version of Excel does not let add-ins set up printing (ExcelApi 1.9), so ${sheets.length === 1 ? 'sheet' : 'sheets'} ${quoteList(sheets, 'en')} ${sheets.length === 1 ? 'prints' : 'print'} with Excel's settings. To print on Letter with a scale, print area and header: Page Layout > Page Setup.`,
  };
}

/** Excel refused part of the page setup (its error, explained): the results are written; the printing may differ. */
export function printSetupNotApplied(sheets: readonly string[], cause: unknown): HostNotice {
  const detail: Text =
    cause instanceof HostError
      ? { es: cause.es, en: cause.en }
      : {
          es: String(cause instanceof Error ? cause.message : cause),
          en: String(cause instanceof Error ? cause.message : cause),
        };
  return {
    code: 'print_setup_unsupported',
    es: `Los resultados se escribieron, pero Excel no aceptó toda la configuración de impresión de ${quoteList(sheets, 'es')}: ${detail.es} Revise Diseño de página > Configurar página antes de imprimir.`,
    en: `The results were written, but Excel did not accept all of the print setup of ${quoteList(sheets, 'en')}: ${detail.en} Check Page Layout > Page Setup before printing.`,
  };
}

export function bootTimeout(ms: number): HostError {
  const s = Math.round(ms / 1000);
  return new HostError('boot_timeout', {
    es: `Office no terminó de iniciar en ${s} s (Office.onReady). Cierre y vuelva a abrir el complemento.`,
    en: `Office did not finish starting within ${s} s (Office.onReady). Close and reopen the add-in.`,
  });
}
