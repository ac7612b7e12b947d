/**
 * Sheet "TT Hallazgos" / "TT Findings": the input workbook's warnings (each located, so a warning is never silent),
 * then the engine's findings, or one row saying there are none.
 */
import type { Lang, ModelResults } from '../../engine';
import type { ContractError } from '../contract/errors';
import type { ResultSheet } from '../port';
import { RESULT_SHEET_NAMES, RESULT_TABLE_NAMES } from './names';
import { SheetDraft, type Columns } from './tables';

export function findingsSheet(
  results: ModelResults,
  lang: Lang,
  cols: Columns,
  inputWarnings: readonly ContractError[] = [],
): ResultSheet {
  const sheet = new SheetDraft('findings', RESULT_SHEET_NAMES.findings[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.findings, [
    cols.field('severity', 'text', 13),
    cols.field('code', 'text', 26),
    cols.field('customer_id', 'text', 12),
    cols.field('term_id', 'text', 12),
    cols.field('message', 'text', 110),
  ]);
  const severity = { warning: { es: 'Advertencia', en: 'Warning' }, info: { es: 'Información', en: 'Info' } };
  const inputWarning = { es: 'Aviso del libro', en: 'Workbook warning' };
  for (const w of inputWarnings) {
    d.add({ severity: inputWarning[lang], code: w.code, customer_id: null, term_id: null, message: w[lang] });
  }
  for (const f of results.findings) {
    d.add({
      severity: severity[f.severity][lang],
      code: f.code,
      customer_id: f.customerId ?? null,
      term_id: f.termId ?? null,
      message: f[lang],
    });
  }
  if (results.findings.length === 0 && inputWarnings.length === 0)
    d.add({ message: lang === 'es' ? 'Sin hallazgos.' : 'No findings.' });
  return sheet.toSheet();
}
