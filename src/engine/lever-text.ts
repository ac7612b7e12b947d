/**
 * A scenario's lever in words, with the value before and after, for the ledger, the summaries and the pane.
 *
 * @example
 * describeChange(model, scenario, { target: 'term', id: 'WMX-03', field: 'rate', value: 0.11 }).es
 * // 'WMX-03 (plan de crecimiento): tasa 10.0 % → 11.0 %'
 */
import type { Lang, Model, Promotion, PromotionField, Scenario, ScenarioChange, Scope, Text } from './model';
import { fmtNumber, fmtPct } from './format';
import { labelOf, LEVER_FIELDS, SCOPE_KINDS } from './vocabulary';
import { TERM_KINDS } from './term-kinds';

const pct = (x: number, lang: Lang) => fmtPct(Math.round(x * 100_000) / 100_000, lang);
const money = (x: number) => `$${fmtNumber(x, x % 1 === 0 ? 0 : 2)}`;
const signed = (x: number, lang: Lang) => `${x >= 0 ? '+' : ''}${pct(x, lang)}`;

function scopeText(scope: Scope, lang: Lang): string {
  if (scope.kind === 'all') return lang === 'es' ? 'todos los productos' : 'all products';
  return `${labelOf(SCOPE_KINDS, scope.kind, lang)}: ${scope.values.join(', ')}`;
}

/** A promotion field's value as read: fractions as %, money as MXN. */
function promotionValue(p: Promotion | undefined, field: PromotionField, v: number | null, lang: Lang): string {
  if (v === null) return lang === 'es' ? 'según elasticidad' : 'from the elasticity';
  if (field === 'fixedCosts' || field === 'fundingRate') return money(v);
  if (field === 'depth' && p?.mechanics.includes('price_off_amount')) return money(v);
  return pct(v, lang);
}

/** The change in words, the base's value → the new one. */
export function describeChange(model: Model, scenario: Scenario, ch: ScenarioChange): Text {
  const field = (f: string, lang: Lang) => LEVER_FIELDS.find((w) => w.id === f)?.[lang] ?? f;
  const both = (f: (lang: Lang) => string): Text => ({ es: f('es'), en: f('en') });
  switch (ch.target) {
    case 'term': {
      const t = model.terms.find((x) => x.id === ch.id);
      const kind = (lang: Lang) => (t ? ` (${labelOf(TERM_KINDS, t.kind, lang)})` : '');
      if (ch.field === 'basis') return both((lang) => `${ch.id}${kind(lang)}: ${field('basis', lang)} → ${ch.value}`);
      const fixed = t?.basis === 'fixed_amount';
      const perUnit = t?.basis === 'volume';
      const fmt = (x: number, lang: Lang) => (fixed || perUnit ? money(x) : pct(x, lang));
      return both(
        (lang) =>
          `${ch.id}${kind(lang)}: ${fixed ? (lang === 'es' ? 'monto' : 'amount') : field('rate', lang)} ${t ? `${fmt(t.rate, lang)} → ` : ''}${fmt(ch.value, lang)}`,
      );
    }
    case 'term_tier': {
      const tier = model.terms.find((x) => x.id === ch.id)?.tiers[ch.index];
      const isRate = ch.field === 'rate';
      const fmt = (x: number | null, lang: Lang) =>
        x === null ? (lang === 'es' ? 'sin límite' : 'no limit') : isRate ? pct(x, lang) : fmtNumber(x, 0);
      const before = tier ? tier[ch.field] : undefined;
      return both(
        (lang) =>
          `${ch.id}, ${lang === 'es' ? 'escalón' : 'tier'} ${ch.index + 1}: ${field(ch.field, lang)} ${before !== undefined ? `${fmt(before, lang)} → ` : ''}${fmt(ch.value, lang)}`,
      );
    }
    case 'term_present':
      return ch.value
        ? { es: `Mantener ${ch.id}`, en: `Keep ${ch.id}` }
        : { es: `Quitar la condición ${ch.id}`, en: `Remove term ${ch.id}` };
    case 'promotion': {
      const p =
        (model.promotions ?? []).find((x) => x.id === ch.id) ??
        scenario.changes
          .map((x) => (x.target === 'promotion_add' ? x.promotion : undefined))
          .find((x) => x?.id === ch.id);
      const before = p ? p[ch.field] : undefined;
      return both(
        (lang) =>
          `${ch.id}: ${field(ch.field, lang)} ${before !== undefined ? `${promotionValue(p, ch.field, before, lang)} → ` : ''}${promotionValue(p, ch.field, ch.value, lang)}`,
      );
    }
    case 'promotion_add': {
      const p = ch.promotion;
      const w = `${p.inStoreWindow.from} – ${p.inStoreWindow.to}`;
      return {
        es: `Nueva promoción ${p.id}${ch.basedOn ? ` (como ${ch.basedOn})` : ''}, en tienda ${w}`,
        en: `New promotion ${p.id}${ch.basedOn ? ` (like ${ch.basedOn})` : ''}, in store ${w}`,
      };
    }
    case 'promotion_present':
      return ch.value
        ? { es: `Mantener ${ch.id}`, en: `Keep ${ch.id}` }
        : { es: `Quitar la promoción ${ch.id}`, en: `Remove promotion ${ch.id}` };
    case 'price_change':
      return both((lang) =>
        lang === 'es'
          ? `Precio de lista ${signed(ch.changePct, lang)} desde ${ch.effectiveDate} (${scopeText(ch.scope, lang)})`
          : `List price ${signed(ch.changePct, lang)} from ${ch.effectiveDate} (${scopeText(ch.scope, lang)})`,
      );
    case 'volume':
      return both((lang) =>
        lang === 'es'
          ? `Volumen ${signed(ch.changePct, lang)} (${scopeText(ch.scope, lang)})`
          : `Volume ${signed(ch.changePct, lang)} (${scopeText(ch.scope, lang)})`,
      );
    case 'cost': {
      const c = model.costToServe.find((x) => x.customerId === scenario.customerId && x.kind === ch.kind);
      const isPct = c?.basis === 'gross_sales' || c?.basis === 'invoice_sales';
      const fmt = (x: number, lang: Lang) => (isPct ? pct(x, lang) : money(x));
      return both(
        (lang) =>
          `${lang === 'es' ? 'Costo de servir' : 'Cost to serve'} (${ch.kind}): ${field('rate', lang)} ${c ? `${fmt(c.rate, lang)} → ` : ''}${fmt(ch.value, lang)}`,
      );
    }
  }
}
