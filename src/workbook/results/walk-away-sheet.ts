/**
 * Sheet "TT Punto de retiro" / "TT Walk-away": for every numeric lever of every scenario and every limit finance
 * set on what the maker gives (minimum contribution, maximum trade spend, the trade budget), the lever's current
 * value, where the metric reaches the limit in the direction of concession (a root to its tolerance, or a jump at a
 * tier bound), the room left, the other crossings found in the range, and the result in a sentence.
 */
import {
  GUARDRAIL_SPECS,
  type Lang,
  type LeverUnit,
  type Negotiation,
  type Text,
  type WalkAwayStatus,
} from '../../engine';
import type { ResultSheet } from '../port';
import { RESULT_SHEET_NAMES, RESULT_TABLE_NAMES } from './names';
import { formatOf } from './scenarios-sheet';
import { NUMBER_FORMATS, SheetDraft, type Columns } from './tables';

const STATUS: Readonly<Record<WalkAwayStatus, Text>> = {
  found: { es: 'punto encontrado', en: 'point found' },
  none_in_range: { es: 'sin cruce en el rango', en: 'no crossing in range' },
  already_beyond: { es: 'ya fuera del límite', en: 'already beyond the limit' },
  undefined_at_current: { es: 'sin valor en el punto actual', en: 'undefined at the current value' },
  invalid: { es: 'consulta inválida', en: 'invalid query' },
};

const KIND: Readonly<Record<'root' | 'jump', Text>> = {
  root: { es: 'continuo (a la tolerancia)', en: 'smooth (to tolerance)' },
  jump: { es: 'salto en límite de escalón', en: 'jump at a tier bound' },
};

export function leverFormat(unit: LeverUnit, money: string): string {
  return unit === 'pct'
    ? '0.00%'
    : unit === 'mxn'
      ? money
      : unit === 'mxn_unit'
        ? NUMBER_FORMATS.mxn_unit
        : unit === 'units'
          ? NUMBER_FORMATS.units
          : '0.00';
}

export function walkAwaySheet(
  negotiations: readonly Negotiation[],
  lang: Lang,
  cols: Columns,
  money: string,
): ResultSheet | null {
  const rows = negotiations.flatMap((n) => n.scenarios.flatMap((s) => s.walkAways.map((w) => ({ n, s, w }))));
  if (rows.length === 0) return null;
  const sheet = new SheetDraft('walk_away', RESULT_SHEET_NAMES.walk_away[lang], true);
  const d = sheet.table(
    RESULT_TABLE_NAMES.walkAway,
    [
      cols.field('customer_id', 'text', 10),
      cols.field('scenario_id', 'text', 14),
      cols.field('lever', 'text', 34),
      cols.field('guardrail', 'text', 34),
      cols.field('limit', 'rate', 14, '0.00'),
      cols.field('current_value', 'rate', 14, '0.00'),
      cols.field('status', 'text', 22),
      cols.field('walk_away_value', 'rate', 14, '0.00'),
      cols.field('room', 'rate', 14, '0.00'),
      cols.field('crossing_kind', 'text', 24),
      cols.field('other_crossings', 'text', 30),
      { ...cols.field('sentence', 'text', 70), wrap: true },
    ],
    lang === 'es'
      ? 'Hasta dónde llega cada palanca antes de romper una barrera (búsqueda en el rango, bisección a la tolerancia)'
      : 'How far each lever goes before a guardrail breaks (scan of the range, bisection to the tolerance)',
  );
  for (const { n, s, w } of rows) {
    const spec = GUARDRAIL_SPECS[w.guardrail];
    const r = w.result;
    const others = r.crossings
      .filter((x) => r.walkAway === null || x.at !== r.walkAway.value)
      .map((x) => `${fmtPlain(x.at, w.unit)}${x.kind === 'jump' ? '*' : ''}`)
      .join('; ');
    d.add({
      customer_id: n.customerId,
      scenario_id: s.scenario.id,
      lever: w.leverLabel[lang],
      guardrail: `${spec.label[lang]} ${spec.side === 'min' ? '≥' : '≤'}`,
      limit: w.limit,
      current_value: Number.isFinite(r.from) ? r.from : null,
      status: STATUS[r.status][lang],
      walk_away_value: r.walkAway?.value ?? null,
      room: r.room,
      crossing_kind: r.walkAway ? KIND[r.walkAway.kind][lang] : '',
      other_crossings: others,
      sentence: w.sentence[lang],
    });
    d.formatLast('limit', formatOf(spec.unit, money));
    const f = leverFormat(w.unit, money);
    d.formatLast('current_value', f);
    d.formatLast('walk_away_value', f);
    d.formatLast('room', f);
  }
  return sheet.toSheet();
}

/** A crossing in the list of others: plain numbers (a percentage with its sign). */
function fmtPlain(x: number, unit: LeverUnit): string {
  return unit === 'pct' ? `${(x * 100).toFixed(2)}%` : unit === 'units' || unit === 'mxn' ? x.toFixed(0) : x.toFixed(2);
}
