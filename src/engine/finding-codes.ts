/**
 * Every finding code the engine can raise, declared once; `Finding.code` is this union, so a code cannot be
 * misspelt and the docs list them all (docs/engine.md).
 */
export const FINDING_CODES = [
  'no_agreed_basis',
  'scope_matches_no_line',
  'target_missed',
  'tier_not_reached',
  'growth_reference_zero',
  'nominal_reference_fallback',
  'manual_actual_missing',
  'unknown_customer',
  'cost_to_serve_matches_no_line',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
