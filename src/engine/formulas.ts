/**
 * The formula of a term as applied, with its actual numbers, in es-MX and en, e.g.
 * "2.0 % × venta factura $12,345,678.00 = $246,913.56". Finance reads the number and how it was made side by side.
 */
import type { Lang, Measure, Text } from './model';
import type { CompiledTerm, TermEvaluation } from './rebates';
import { capBinding, marginalBands } from './tiers';
import { fmtMoney, fmtMoneyRate, fmtNumber, fmtPct, fmtUnits } from './format';
import { ALLOCATION_KEYS, BASES, labelOf, MEASURES } from './vocabulary';

function unitsText(v: number, lang: Lang): string {
  return lang === 'es' ? `${fmtUnits(v)} u` : `${fmtUnits(v)} units`;
}

export function measureText(m: Measure, v: number, lang: Lang): string {
  switch (m) {
    case 'volume':
      return unitsText(v, lang);
    case 'gross_sales':
    case 'invoice_sales':
      return fmtMoney(v);
    case 'growth':
      return fmtPct(v, lang);
    case 'manual':
      return fmtNumber(v, 2);
  }
}

/** A distance on a measure: units, MXN, or percentage points for growth (a difference of percentages). */
export function gapText(m: Measure, v: number, lang: Lang): string {
  if (m === 'growth') return `${fmtNumber(v * 100, 2)} pp`;
  return measureText(m, v, lang);
}

function measureLabel(m: Measure, lang: Lang): string {
  return labelOf(MEASURES, m, lang);
}

function basisLabel(ct: CompiledTerm, lang: Lang): string {
  const t = ct.term;
  // On an on-invoice term, invoice sales are what earlier discounts left (the cascade).
  if (t.basis === 'invoice_sales' && t.onInvoice) {
    return lang === 'es' ? 'venta factura tras descuentos previos' : 'invoice sales after earlier discounts';
  }
  return labelOf(BASES, t.basis, lang);
}

function basisAmount(ct: CompiledTerm, v: number, lang: Lang): string {
  return ct.term.basis === 'volume' ? unitsText(v, lang) : fmtMoney(v);
}

/** A rate with every decimal it has (up to 6), so the text's arithmetic checks: $0.125/u × 1,000 u = $125.00. */
function rateText(ct: CompiledTerm, r: number, lang: Lang): string {
  return ct.term.basis === 'volume' ? `${fmtMoneyRate(r)}/${lang === 'es' ? 'u' : 'unit'}` : fmtPct(r, lang);
}

function formulaIn(ct: CompiledTerm, ev: TermEvaluation, lang: Lang): string {
  const t = ct.term;
  const es = lang === 'es';
  const parts: string[] = [];

  if (ct.needsGrowth) {
    if (ev.growthUndefined) {
      parts.push(
        es
          ? 'referencia del año anterior = 0: crecimiento indefinido → $0.00'
          : 'prior-year reference = 0: growth undefined → $0.00',
      );
      return parts.join('; ');
    }
    const q = ct.growthQuantity === 'volume' ? 'volume' : 'gross_sales';
    const refKind = ct.reference?.volume
      ? es
        ? 'volumen del año anterior'
        : 'prior-year volume'
      : ct.reference?.priceNeutral
        ? es
          ? 'año anterior a precios actuales (neutral a precio)'
          : 'prior year at current prices (price-neutral)'
        : es
          ? 'año anterior a precios nominales'
          : 'prior year at nominal prices';
    parts.push(
      `${es ? 'crecimiento' : 'growth'} ${fmtPct(ev.growth, lang)} = ${measureText(q, ev.growthCurrent, lang)} / ` +
        `${measureText(q, ev.growthReference, lang)} − 1 (${es ? 'referencia' : 'reference'}: ${refKind})`,
    );
  }

  const hasTiers = t.tiers.length > 0;
  const tierHead = (): string => {
    const m = t.tierMeasure;
    if (ev.tierIndex < 0) {
      return es
        ? `${measureLabel(m, lang)} ${measureText(m, ev.tierMeasure, lang)} debajo del primer escalón (${measureText(m, t.tiers[0].from, lang)})`
        : `${measureLabel(m, lang)} ${measureText(m, ev.tierMeasure, lang)} below the first tier (${measureText(m, t.tiers[0].from, lang)})`;
    }
    const tier = t.tiers[ev.tierIndex];
    // The first tier starts at its From; a later one above it (the bound belongs to the tier it closes).
    const op = ev.tierIndex === 0 ? '≥' : '>';
    return es
      ? `escalón ${ev.tierIndex + 1} alcanzado (${measureLabel(m, lang)} ${measureText(m, ev.tierMeasure, lang)} ${op} ${measureText(m, tier.from, lang)})`
      : `tier ${ev.tierIndex + 1} reached (${measureLabel(m, lang)} ${measureText(m, ev.tierMeasure, lang)} ${op} ${measureText(m, tier.from, lang)})`;
  };

  if (ct.isFixed) {
    const key = labelOf(ALLOCATION_KEYS, t.allocation, lang);
    if (hasTiers) {
      const how =
        t.tierMethod === 'all_units'
          ? es
            ? 'monto del escalón'
            : 'amount of the tier'
          : es
            ? 'suma de montos de los escalones alcanzados'
            : 'sum of the amounts of the tiers reached';
      parts.push(`${tierHead()}: ${how} ${fmtMoney(ev.lumpSum)}, ${es ? 'asignado por' : 'allocated by'} ${key}`);
    } else {
      parts.push(
        `${es ? 'monto fijo' : 'fixed amount'} ${fmtMoney(ev.lumpSum)}, ${es ? 'asignado por' : 'allocated by'} ${key}`,
      );
    }
  } else {
    let basisPart = `${basisLabel(ct, lang)} ${basisAmount(ct, ev.basisUnscaled, lang)}`;
    if (ct.basisScaleText && ct.basisScale !== 1)
      basisPart += ` × ${fmtPct(ct.basisScale, lang)} ${ct.basisScaleText[lang]}`;
    let payPart = basisPart;
    if (t.growth?.payOn === 'excess') {
      payPart = `${es ? 'excedente sobre la referencia' : 'excess over the reference'} ${basisAmount(ct, ev.payBasis, lang)} (${es ? 'de' : 'of'} ${basisPart})`;
    }
    const potential = ev.rate * ev.payBasis;
    if (hasTiers && t.tierMethod === 'all_units') {
      const r = ev.tierIndex < 0 ? 0 : t.tiers[ev.tierIndex].rate;
      const m = t.tierMeasure;
      const cap = ev.tierIndex < 0 ? null : capBinding(t.tiers, ev.tierMeasure);
      // Above a capped last tier only the share of the basis up to the cap earns the rate.
      const capPart =
        cap === null
          ? ''
          : ` × ${es ? 'tope' : 'cap'} ${measureText(m, cap, lang)} ÷ ${measureText(m, ev.tierMeasure, lang)}`;
      parts.push(
        `${tierHead()}, ${es ? 'todas las unidades' : 'all units'}: ${rateText(ct, r, lang)} × ${payPart}${capPart} = ${fmtMoney(potential)}`,
      );
    } else if (hasTiers) {
      const bands = marginalBands(t.tiers, ev.tierMeasure);
      const terms: string[] = [];
      for (let i = 0; i < t.tiers.length; i++) {
        if (bands[i] > 0)
          terms.push(
            `${rateText(ct, t.tiers[i].rate, lang)} × ${basisAmount(ct, (ev.payBasis * bands[i]) / ev.tierMeasure, lang)}`,
          );
      }
      const m = t.tierMeasure;
      parts.push(
        `${es ? 'escalonado marginal' : 'marginal tiers'} (${measureLabel(m, lang)} ${measureText(m, ev.tierMeasure, lang)}, ${payPart}): ` +
          `${terms.length ? terms.join(' + ') : ev.tierIndex < 0 ? tierHead() : es ? 'ningún tramo por encima de 0' : 'no band above 0'} = ${fmtMoney(potential)}`,
      );
    } else {
      parts.push(`${rateText(ct, ev.rate, lang)} × ${payPart} = ${fmtMoney(potential)}`);
    }
  }

  if (t.condition) {
    const m = t.condition.measure;
    const target = measureText(m, t.condition.target, lang);
    if (ev.conditionValue !== ev.conditionValue) {
      parts.push(
        es
          ? `condición (${measureLabel(m, lang)}) sin valor → $0.00`
          : `condition (${measureLabel(m, lang)}) has no value → $0.00`,
      );
    } else if (ev.conditionMet) {
      parts.push(
        `${es ? 'condición cumplida' : 'condition met'}: ${measureLabel(m, lang)} ${measureText(m, ev.conditionValue, lang)} ≥ ${target}`,
      );
    } else {
      parts.push(
        `${es ? 'condición no cumplida' : 'condition missed'}: ${measureLabel(m, lang)} ${measureText(m, ev.conditionValue, lang)} < ${target} → $0.00`,
      );
    }
  } else if (t.growth && !hasTiers && !ev.conditionMet) {
    parts.push(
      es
        ? `sin crecimiento (${fmtPct(ev.growth, lang)} ≤ 0) → $0.00`
        : `no growth (${fmtPct(ev.growth, lang)} ≤ 0) → $0.00`,
    );
  }
  return parts.join('; ');
}

export function termFormula(ct: CompiledTerm, ev: TermEvaluation): Text {
  return { es: formulaIn(ct, ev, 'es'), en: formulaIn(ct, ev, 'en') };
}
