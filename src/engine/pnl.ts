/**
 * Customer P&L roll-ups. Every aggregate is a sum of line money; every percentage is computed from summed money
 * (marginPct), never by averaging line percentages.
 */
import type { Lines } from './model';
import type { LineResults, PnlTotals } from './results';

/** Field order of the P&L, used for columnar accumulation. */
export const PNL_FIELDS = [
  'volume',
  'grossSales',
  'onInvoice',
  'invoiceSales',
  'offInvoice',
  'netSales',
  'cogs',
  'grossProfit',
  'costToServe',
  'financingCost',
  'contribution',
  'ieps',
  'iva',
  'promoSpend',
  'promoVolume',
  'promoOnInvoice',
] as const satisfies readonly (keyof PnlTotals)[];

const F = PNL_FIELDS.length;

export function emptyTotals(): PnlTotals {
  return {
    volume: 0,
    grossSales: 0,
    onInvoice: 0,
    invoiceSales: 0,
    offInvoice: 0,
    netSales: 0,
    cogs: 0,
    grossProfit: 0,
    costToServe: 0,
    financingCost: 0,
    contribution: 0,
    ieps: 0,
    iva: 0,
    promoSpend: 0,
    promoVolume: 0,
    promoOnInvoice: 0,
  };
}

/** Field-by-field sum of totals (money summed, so ratios of the result are aggregate ratios). */
export function sumTotals(list: Iterable<PnlTotals>): PnlTotals {
  const out = emptyTotals();
  for (const t of list) for (const f of PNL_FIELDS) out[f] += t[f];
  return out;
}

/** num ÷ den as a fraction; NaN (not Infinity) when den is 0, or so small (1e-320) that the ratio overflows. */
export function marginPct(num: number, den: number): number {
  const r = num / den;
  return den === 0 || !Number.isFinite(r) ? NaN : r;
}

/** On-invoice + off-invoice (contractual) trade spend. */
export function tradeSpend(t: PnlTotals): number {
  return t.onInvoice + t.offInvoice;
}

export interface CustomerRollup {
  totals: PnlTotals;
  byProduct: Map<number, PnlTotals>;
  byPeriod: PnlTotals[];
}

/** Per-line rates that close a customer's P&L (see financing.ts and taxes.ts for the formulas). */
export interface ClosingRates {
  /** Payment days ÷ days in year × cost of capital: financing = invoice sales × this. */
  financingRate: number;
  /** Per product, or per product × period when `periods` > 1 (dated tax rates: taxes.ts TaxTable). */
  iepsAdValorem: Float64Array;
  iepsPerUnit: Float64Array;
  ivaRate: Float64Array;
  /** 1 (or absent): the rates are per product; else per product × this many periods. */
  periods?: number;
}

/**
 * Closes a customer's lines once every term and cost-to-serve row is placed — net sales = invoice − off-invoice;
 * financing cost (added to cost-to-serve); gross profit = net − COGS; contribution = gross profit − cost-to-serve;
 * IEPS and IVA — and rolls the 13 P&L columns up per period and per product in the same pass (lines come in
 * product runs, so product totals are run sums). The customer's totals are the sum of its periods.
 */
export function closeCustomerLines(
  out: LineResults,
  lines: Lines,
  start: number,
  end: number,
  nPeriods: number,
  rates: ClosingRates,
  /** false: no per-product roll-up (an empty map; a search that reads the totals only). */
  perProduct = true,
): CustomerRollup {
  const P = nPeriods;
  const pp = new Float64Array(F * P); // field-major: pp[f × P + period], fields in PNL_FIELDS order
  const { period, product } = lines;
  // Per-product sums in one buffer (slot per product, F fields each): a typed array per product made a million-line
  // model's recomputes spend more time collecting garbage than summing.
  let runs = 0;
  if (perProduct) for (let i = start; i < end; i++) if (i === start || product[i] !== product[i - 1]) runs++;
  const sums = new Float64Array(F * runs);
  const slotOf = new Map<number, number>();
  const {
    volume,
    grossSales,
    onInvoice,
    invoiceSales,
    offInvoice,
    netSales,
    cogs,
    grossProfit,
    costToServe,
    financingCost,
    contribution,
  } = out;
  const iepsOut = out.ieps;
  const ivaOut = out.iva;
  const promoSpend = out.promoSpend;
  const promoVolume = out.promoVolume;
  const promoOnInvoice = out.promoOnInvoice;
  const { financingRate, iepsAdValorem, iepsPerUnit, ivaRate } = rates;
  const TP = rates.periods ?? 1; // dated tax rates: one rate per product and period
  let i = start;
  while (i < end) {
    const j = product[i];
    let adv = iepsAdValorem[j];
    let perUnit = iepsPerUnit[j];
    let ivaR = ivaRate[j];
    let sVol = 0, sGross = 0, sOn = 0, sInv = 0, sOff = 0, sNet = 0, sCogs = 0, sGp = 0, sCts = 0, sFin = 0, sCon = 0, sIeps = 0, sIva = 0, sPs = 0, sPv = 0, sPoi = 0; // prettier-ignore
    for (; i < end && product[i] === j; i++) {
      const v = volume[i];
      const g = grossSales[i];
      const on = onInvoice[i];
      const inv = invoiceSales[i];
      const off = offInvoice[i];
      const net = inv - off;
      netSales[i] = net;
      const fin = inv * financingRate;
      financingCost[i] = fin;
      const cts = costToServe[i] + fin;
      costToServe[i] = cts;
      const cg = cogs[i];
      const gp = net - cg;
      grossProfit[i] = gp;
      const con = gp - cts;
      contribution[i] = con;
      const p = period[i];
      if (TP > 1) {
        const k = j * TP + p;
        adv = iepsAdValorem[k];
        perUnit = iepsPerUnit[k];
        ivaR = ivaRate[k];
      }
      const ieps = adv * inv + perUnit * v;
      iepsOut[i] = ieps;
      const iva = ivaR * (inv + ieps);
      ivaOut[i] = iva;
      pp[p] += v;
      pp[P + p] += g;
      pp[2 * P + p] += on;
      pp[3 * P + p] += inv;
      pp[4 * P + p] += off;
      pp[5 * P + p] += net;
      pp[6 * P + p] += cg;
      pp[7 * P + p] += gp;
      pp[8 * P + p] += cts;
      pp[9 * P + p] += fin;
      pp[10 * P + p] += con;
      pp[11 * P + p] += ieps;
      pp[12 * P + p] += iva;
      const ps = promoSpend[i];
      const pv = promoVolume[i];
      pp[13 * P + p] += ps;
      pp[14 * P + p] += pv;
      const poi = promoOnInvoice[i];
      pp[15 * P + p] += poi;
      sVol += v;
      sGross += g;
      sOn += on;
      sInv += inv;
      sOff += off;
      sNet += net;
      sCogs += cg;
      sGp += gp;
      sCts += cts;
      sFin += fin;
      sCon += con;
      sIeps += ieps;
      sIva += iva;
      sPs += ps;
      sPv += pv;
      sPoi += poi;
    }
    if (!perProduct) continue;
    let slot = slotOf.get(j);
    if (slot === undefined) slotOf.set(j, (slot = slotOf.size * F));
    sums[slot] += sVol;
    sums[slot + 1] += sGross;
    sums[slot + 2] += sOn;
    sums[slot + 3] += sInv;
    sums[slot + 4] += sOff;
    sums[slot + 5] += sNet;
    sums[slot + 6] += sCogs;
    sums[slot + 7] += sGp;
    sums[slot + 8] += sCts;
    sums[slot + 9] += sFin;
    sums[slot + 10] += sCon;
    sums[slot + 11] += sIeps;
    sums[slot + 12] += sIva;
    sums[slot + 13] += sPs;
    sums[slot + 14] += sPv;
    sums[slot + 15] += sPoi;
  }
  const byPeriod: PnlTotals[] = [];
  for (let p = 0; p < P; p++) {
    const t = emptyTotals();
    for (let f = 0; f < F; f++) t[PNL_FIELDS[f]] = pp[f * P + p];
    byPeriod.push(t);
  }
  const byProduct = new Map<number, PnlTotals>();
  for (const [j, slot] of slotOf) {
    const t = emptyTotals();
    for (let f = 0; f < F; f++) t[PNL_FIELDS[f]] = sums[slot + f];
    byProduct.set(j, t);
  }
  return { totals: sumTotals(byPeriod), byProduct, byPeriod };
}
