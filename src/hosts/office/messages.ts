/**
 * Errors of the Office host (HostError of the port) in both languages (es-MX first), so the pane shows them in the
 * user's language. The results-plan checks shared by every host are in src/workbook/plan-check.ts.
 * Excel's own errors (OfficeExtension.Error) are wrapped, never swallowed: the wrapped message keeps Excel's code,
 * message and debugInfo.errorLocation, which is what a support ticket needs.
 */
import type { Text } from '../../engine/model';
import { HostError } from '../../workbook/port';

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
export type Phase = 'list_tables' | 'read_tables' | 'describe_source' | 'write_results' | 'select_cell';

const PHASES: Record<Phase, Text> = {
  list_tables: { es: 'al listar las tablas', en: 'while listing the tables' },
  read_tables: { es: 'al leer las tablas', en: 'while reading the tables' },
  describe_source: { es: 'al identificar el libro', en: 'while identifying the workbook' },
  write_results: { es: 'al escribir los resultados', en: 'while writing the results' },
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

/** Wraps an error raised by Excel; any other error passes through unchanged (it already has its own message). */
export function fromExcel(e: unknown, phase: Phase): unknown {
  if (e instanceof HostError || !isOfficeError(e)) return e;
  const where = e.debugInfo?.errorLocation ? ` [${e.debugInfo.errorLocation}]` : '';
  const detail = `${e.code}: ${e.message}${where}`;
  const p = PHASES[phase];
  return new HostError(
    'excel_error',
    { es: `Excel rechazó la operación ${p.es}: ${detail}`, en: `Excel rejected the operation ${p.en}: ${detail}` },
    { cause: e, excelCode: e.code, errorLocation: e.debugInfo?.errorLocation },
  );
}

export function chartSourceMissing(chartTitle: string, table: string, column: string): HostError {
  return new HostError('chart_source_missing', {
    es: `El gráfico «${chartTitle}» lee la columna «${column}» de la tabla «${table}», que no está en la hoja; no se escribió nada.`,
    en: `Chart "${chartTitle}" reads column "${column}" of table "${table}", which is not on the sheet; nothing was written.`,
  });
}

export function bootTimeout(ms: number): HostError {
  const s = Math.round(ms / 1000);
  return new HostError('boot_timeout', {
    es: `Office no terminó de iniciar en ${s} s (Office.onReady). Cierre y vuelva a abrir el complemento.`,
    en: `Office did not finish starting within ${s} s (Office.onReady). Close and reopen the add-in.`,
  });
}
