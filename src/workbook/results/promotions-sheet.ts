/**
 * Sheet "TT Promociones" / "TT Promotions": one row per event, ranked by the ROI variant Settings chooses (events
 * whose ROI is undefined last). Live formulas where they express the arithmetic (incremental units, total spend,
 * both ROI variants, cost per incremental unit, full cost and its ROI); a formula text per event. Undefined metrics
 * are blank with their reason in Notes. Written only when the workbook has promotions.
 */
import {
  fmtMoney,
  fmtPct,
  fmtUnits,
  labelOf,
  PROMO_FUNDINGS,
  PROMO_MECHANICS,
  type Lang,
  type Maybe,
  type Model,
  type ModelResults,
  type PromotionResult,
} from '../../engine';
import type { ResultSheet } from '../port';
import { RESULT_SHEET_NAMES, RESULT_TABLE_NAMES } from './names';
import { fx, SheetDraft, type Columns } from './tables';

const NUMBER2 = '0.00';

function headline(r: PromotionResult, model: Model): number | null {
  return (model.settings.roiVariant === 'net_roi' ? r.roiNet : r.roiGross).value;
}

function formulaText(r: PromotionResult, lang: Lang): string {
  const es = lang === 'es';
  const u = (x: number) => `${fmtUnits(x)} ${es ? 'u' : 'units'}`;
  const parts = [
    `${es ? 'incremento' : 'lift'} ${u(r.lift)} = ${fmtPct(r.upliftPct, lang)} × ${u(r.baseline)}`,
    `${es ? 'incrementales' : 'incremental'} ${u(r.incrementalUnits)} = ${u(r.lift)} − ${u(r.cannibalised)} − ${u(r.dip)}`,
    `${es ? 'utilidad' : 'profit'} ${fmtMoney(r.incrementalProfit)}`,
    `${es ? 'inversión' : 'spend'} ${fmtMoney(r.spend.total)}`,
  ];
  if (r.roiGross.value !== null)
    parts.push(`ROI ${r.roiGross.value.toFixed(2)} = ${fmtMoney(r.incrementalProfit)} ÷ ${fmtMoney(r.spend.total)}`);
  if (r.termsEffect !== 0)
    parts.push(`${es ? 'efecto en otros términos' : 'effect on other terms'} ${fmtMoney(r.termsEffect)}`);
  return parts.join('; ');
}

function notes(r: PromotionResult, lang: Lang): string {
  const list: [string, Maybe][] = [
    ['ROI', r.roiGross],
    [lang === 'es' ? 'costo por unidad incremental' : 'cost per incremental unit', r.costPerIncrementalUnit],
    [lang === 'es' ? 'equilibrio' : 'break-even', r.breakEvenUplift],
    [lang === 'es' ? 'margen del detallista' : 'retailer margin', r.retailerMarginOnPromotion],
  ];
  const out = list.filter(([, m]) => m.value === null && m.reason).map(([name, m]) => `${name}: ${m.reason![lang]}`);
  if (r.forwardBuyBeyondPeriods > 0) {
    out.push(
      lang === 'es'
        ? `${fmtUnits(r.forwardBuyBeyondPeriods)} u de compra anticipada se descuentan después del último periodo`
        : `${fmtUnits(r.forwardBuyBeyondPeriods)} units of forward buy are taken out after the last period`,
    );
  }
  return out.join('; ');
}

export function promotionsSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet | null {
  const events = results.promotions ?? [];
  if (events.length === 0) return null;
  const sheet = new SheetDraft('promotions', RESULT_SHEET_NAMES.promotions[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.promotions, [
    cols.field('promotion_id', 'text', 14),
    cols.field('customer_id', 'text', 10),
    cols.field('customer_name', 'text', 22),
    cols.field('mechanics', 'text', 22),
    cols.field('funding', 'text', 16),
    cols.field('buy_window', 'text', 24),
    cols.field('in_store_window', 'text', 24),
    cols.field('baseline_units', 'units', 12),
    cols.field('uplift_pct', 'pct', 10),
    cols.field('lift_units', 'units', 11),
    cols.field('forward_buy_units', 'units', 11),
    cols.field('dip_units', 'units', 11),
    cols.field('cannibalised_units', 'units', 11),
    cols.field('incremental_units', 'units', 12),
    cols.field('spend_off_invoice', 'mxn', 15),
    cols.field('spend_bill_back', 'mxn', 15),
    cols.field('spend_scan_back', 'mxn', 15),
    cols.field('spend_lump_sum', 'mxn', 15),
    cols.field('spend_fixed', 'mxn', 15),
    cols.field('spend_total', 'mxn', 16),
    cols.field('retailer_funding', 'mxn', 15),
    cols.field('incremental_profit', 'mxn', 16),
    cols.field('roi_gross', 'rate', 10, NUMBER2),
    cols.field('roi_net', 'rate', 10, NUMBER2),
    cols.field('cost_per_incremental_unit', 'mxn_unit', 13),
    cols.field('break_even_uplift', 'pct', 12),
    cols.field('break_even_price_cut', 'pct', 12),
    cols.field('terms_effect', 'mxn', 15),
    cols.field('full_cost', 'mxn', 16),
    cols.field('roi_full_cost', 'rate', 11, NUMBER2),
    cols.field('retailer_margin_promo', 'pct', 12),
    cols.field('notes', 'text', 40),
    cols.field('formula', 'text', 90),
  ]);
  const byId = new Map((model.promotions ?? []).map((p) => [p.id, p]));
  const names = new Map(model.customers.map((c) => [c.id, c.name]));
  const ranked = [...events].sort((a, b) => {
    const x = headline(a, model);
    const y = headline(b, model);
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    return y - x;
  });
  const net = model.settings.roiVariant === 'net_roi';
  for (const r of ranked) {
    const p = byId.get(r.promotionId)!;
    const row = d.nextRow;
    const a = (id: string) => d.at(id, row);
    const spendCells = ['spend_off_invoice', 'spend_bill_back', 'spend_scan_back', 'spend_lump_sum', 'spend_fixed'];
    const fullCost = r.spend.total + r.termsEffect;
    d.add({
      promotion_id: r.promotionId,
      customer_id: r.customerId,
      customer_name: names.get(r.customerId) ?? '',
      mechanics: p.mechanics.map((m) => labelOf(PROMO_MECHANICS, m, lang)).join('; '),
      funding: labelOf(PROMO_FUNDINGS, p.funding, lang),
      buy_window: `${p.buyWindow.from} … ${p.buyWindow.to}`,
      in_store_window: `${p.inStoreWindow.from} … ${p.inStoreWindow.to}`,
      baseline_units: r.baseline,
      uplift_pct: r.upliftPct,
      lift_units: r.lift,
      forward_buy_units: r.forwardBuy,
      dip_units: r.dip,
      cannibalised_units: r.cannibalised,
      incremental_units: fx(`=${a('lift_units')}-${a('cannibalised_units')}-${a('dip_units')}`, r.incrementalUnits),
      spend_off_invoice: r.spend.off_invoice,
      spend_bill_back: r.spend.bill_back,
      spend_scan_back: r.spend.scan_back,
      spend_lump_sum: r.spend.lump_sum,
      spend_fixed: r.spend.fixed_costs,
      spend_total: fx(`=${spendCells.map(a).join('+')}`, r.spend.total),
      retailer_funding: r.retailerFunding,
      incremental_profit: r.incrementalProfit,
      roi_gross: fx(
        `=IF(${a('spend_total')}=0,"",${a('incremental_profit')}/${a('spend_total')})`,
        r.roiGross.value ?? '',
      ),
      roi_net: fx(
        `=IF(${a('spend_total')}=0,"",(${a('incremental_profit')}-${a('spend_total')})/${a('spend_total')})`,
        r.roiNet.value ?? '',
      ),
      cost_per_incremental_unit: fx(
        `=IF(${a('incremental_units')}<=0,"",${a('spend_total')}/${a('incremental_units')})`,
        r.costPerIncrementalUnit.value ?? '',
      ),
      break_even_uplift: r.breakEvenUplift.value,
      break_even_price_cut: r.breakEvenPriceCut.value,
      terms_effect: r.termsEffect,
      full_cost: fx(`=${a('spend_total')}+${a('terms_effect')}`, fullCost),
      roi_full_cost: fx(
        net
          ? `=IF(${a('full_cost')}<=0,"",(${a('incremental_profit')}-${a('full_cost')})/${a('full_cost')})`
          : `=IF(${a('full_cost')}<=0,"",${a('incremental_profit')}/${a('full_cost')})`,
        (net ? r.roiFullCostNet : r.roiFullCostGross).value ?? '',
      ),
      retailer_margin_promo: r.retailerMarginOnPromotion.value,
      notes: notes(r, lang),
      formula: formulaText(r, lang),
    });
  }
  return sheet.toSheet();
}
