/**
 * Non-blocking findings (hallazgos) the engine raises while computing, in es-MX and en.
 * They never change a number; they tell the KAM and finance what a number rests on.
 */
import type { Finding } from './results';
import type { CostToServe, Lang, Term, Text } from './model';
import type { FindingCode } from './finding-codes';
import { COST_TO_SERVE_KINDS, labelOf, SCOPE_KINDS } from './vocabulary';

/** Enum values as the workbook writes them (es-MX / en), never the internal ids inside a sentence. */
function scopeText(term: Term, lang: Lang): string {
  const kind = labelOf(SCOPE_KINDS, term.scope.kind, lang);
  return `${kind}${term.scope.values.length ? ': ' + term.scope.values.join(', ') : ''}`;
}

function costKindText(row: CostToServe, lang: Lang): string {
  return labelOf(COST_TO_SERVE_KINDS, row.kind, lang);
}

function forTerm(term: Term, code: FindingCode, severity: Finding['severity'], es: string, en: string): Finding {
  return { code, severity, es, en, termId: term.id, customerId: term.customerId };
}

/** Cofece (Dec 2024): deductions need the supplier's prior express consent. */
export function noAgreedBasis(term: Term): Finding {
  return forTerm(
    term,
    'no_agreed_basis',
    'warning',
    `Término ${term.id}: sin base acordada (no hay fecha de acuerdo por escrito): es un hallazgo, no un número. ` +
      `Se modela, pero no debe deducirse sin consentimiento previo y expreso del proveedor.`,
    `Term ${term.id}: no agreed basis (no written agreement date): a finding, not a number. ` +
      `It is modelled, but must not be deducted without the supplier's prior express consent.`,
  );
}

export function scopeMatchesNoLine(term: Term): Finding {
  return forTerm(
    term,
    'scope_matches_no_line',
    'warning',
    `Término ${term.id}: su alcance (${scopeText(term, 'es')}, ` +
      `${term.periodFrom}..${term.periodTo}) no coincide con ninguna línea de ${term.customerId}; su monto es $0.00.`,
    `Term ${term.id}: its scope (${scopeText(term, 'en')}, ` +
      `${term.periodFrom}..${term.periodTo}) matches no line of ${term.customerId}; its amount is $0.00.`,
  );
}

export function targetMissed(
  term: Term,
  achievedEs: string,
  achievedEn: string,
  targetEs: string,
  targetEn: string,
): Finding {
  return forTerm(
    term,
    'target_missed',
    'info',
    `Término ${term.id}: meta no cumplida (logrado ${achievedEs}; meta ${targetEs}); no se paga.`,
    `Term ${term.id}: target missed (achieved ${achievedEn}; target ${targetEn}); nothing is paid.`,
  );
}

/**
 * A tiered term whose measure stays below its first tier earns nothing: a finding with the gap, so the KAM sees
 * how far the customer is from the first tier. Texts are formatted by the caller in the measure's unit.
 */
export function tierNotReached(term: Term, achieved: Text, first: Text, gap: Text): Finding {
  return forTerm(
    term,
    'tier_not_reached',
    'warning',
    `Término ${term.id}: no alcanza el primer escalón (logrado ${achieved.es}; el escalón 1 empieza en ${first.es}; faltan ${gap.es}); no se paga.`,
    `Term ${term.id}: the first tier is not reached (achieved ${achieved.en}; tier 1 starts at ${first.en}; ${gap.en} short); nothing is paid.`,
  );
}

export function growthReferenceZero(term: Term): Finding {
  return forTerm(
    term,
    'growth_reference_zero',
    'warning',
    `Término ${term.id}: la referencia del año anterior es 0, el crecimiento no está definido; se paga $0.00.`,
    `Term ${term.id}: the prior-year reference is 0, growth is undefined; $0.00 is paid.`,
  );
}

export function nominalReferenceFallback(term: Term, lines: number): Finding {
  return forTerm(
    term,
    'nominal_reference_fallback',
    'info',
    `Término ${term.id}: ${lines} línea(s) sin precio de lista del año anterior; su referencia se valuó a precio actual (neutral a precio).`,
    `Term ${term.id}: ${lines} line(s) without a prior-year list price; their reference was valued at the current price (price-neutral).`,
  );
}

export function manualActualMissing(term: Term): Finding {
  return forTerm(
    term,
    'manual_actual_missing',
    'info',
    `Término ${term.id}: falta capturar el cumplimiento real de la condición; se considera no cumplida.`,
    `Term ${term.id}: the condition's achieved value has not been entered; it counts as not met.`,
  );
}

export function unknownTermCustomer(term: Term): Finding {
  return forTerm(
    term,
    'unknown_customer',
    'warning',
    `Término ${term.id}: el cliente "${term.customerId}" no existe en Clientes; su monto es $0.00.`,
    `Term ${term.id}: customer "${term.customerId}" is not in Customers; its amount is $0.00.`,
  );
}

export function costToServeMatchesNoLine(row: CostToServe, rowLabel: string): Finding {
  return {
    code: 'cost_to_serve_matches_no_line',
    severity: 'warning',
    es: `Costo de servir ${rowLabel} (${costKindText(row, 'es')}, ${row.periodFrom}..${row.periodTo}) no coincide con ninguna línea de ${row.customerId}; no se asigna.`,
    en: `Cost-to-serve ${rowLabel} (${costKindText(row, 'en')}, ${row.periodFrom}..${row.periodTo}) matches no line of ${row.customerId}; it is not allocated.`,
    customerId: row.customerId,
  };
}
