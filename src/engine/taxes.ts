/**
 * Tax layer on invoice sales (reported, never revenue). Rates are data from Product (dated quotas, never constants
 * in code). IEPS ad valorem = rate × invoice sales; IEPS per litre = quota × volume × litres per unit;
 * IVA = IVA rate × (invoice sales + IEPS): IVA is charged on a base that includes IEPS.
 */
import type { Model, Product } from './model';
import { productMask } from './scope';
import { dayOf, periodDays } from './windows';

export function iepsOf(product: Product, invoiceSales: number, volume: number): number {
  switch (product.iepsKind) {
    case 'ad_valorem':
      return product.iepsRate * invoiceSales;
    case 'per_litre':
      return product.iepsRate * volume * product.litresPerUnit;
    case 'none':
      return 0;
  }
}

export function ivaOf(product: Product, invoiceSales: number, ieps: number): number {
  return product.ivaRate * (invoiceSales + ieps);
}

/** Per-product tax rates as columns for the per-line loop: IEPS = adValorem × invoice + perUnit × volume. */
export interface TaxColumns {
  iepsAdValorem: Float64Array;
  /** IEPS quota per litre × litres per unit. */
  iepsPerUnit: Float64Array;
  ivaRate: Float64Array;
}

export function taxColumns(products: readonly Product[]): TaxColumns {
  const n = products.length;
  const cols: TaxColumns = {
    iepsAdValorem: new Float64Array(n),
    iepsPerUnit: new Float64Array(n),
    ivaRate: new Float64Array(n),
  };
  products.forEach((p, j) => {
    cols.iepsAdValorem[j] = iepsOf(p, 1, 0);
    cols.iepsPerUnit[j] = iepsOf(p, 0, 1);
    cols.ivaRate[j] = p.ivaRate;
  });
  return cols;
}

/**
 * Tax rates per product and period: each product's own rates, overridden by the dated TaxRates in force on the
 * period's first day (an IEPS quota per litre applies to per-litre products, an ad valorem rate to ad valorem
 * products, IVA to every product in scope). `periods` is 1 when the model has no dated rates (one rate per product
 * for every period), else the number of periods; index with taxAt.
 */
export interface TaxTable extends TaxColumns {
  periods: number;
}

/** Tables built per product list, checked against the rates and periods they come from (scenario models share them). */
const tables = new WeakMap<
  readonly Product[],
  { taxRates: Model['taxRates']; periods: Model['periods']; table: TaxTable }
>();

/** The model's tax table; shared between calls on the same products, rates and periods: read it, never write it. */
export function taxTable(model: Model): TaxTable {
  const hit = tables.get(model.products);
  if (hit && hit.taxRates === model.taxRates && hit.periods === model.periods) return hit.table;
  const table = buildTaxTable(model);
  tables.set(model.products, { taxRates: model.taxRates, periods: model.periods, table });
  return table;
}

function buildTaxTable(model: Model): TaxTable {
  const own = taxColumns(model.products);
  const rows = [...(model.taxRates ?? [])].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
  );
  if (rows.length === 0) return { ...own, periods: 1 };
  const { products, periods } = model;
  const P = periods.length;
  const table: TaxTable = {
    iepsAdValorem: new Float64Array(products.length * P),
    iepsPerUnit: new Float64Array(products.length * P),
    ivaRate: new Float64Array(products.length * P),
    periods: P,
  };
  const first = periodDays(periods).first;
  const masks = rows.map((r) => productMask(products, r.scope));
  const days = rows.map((r) => dayOf(r.effectiveDate));
  products.forEach((product, j) => {
    for (let p = 0; p < P; p++) {
      let adv = own.iepsAdValorem[j];
      let perUnit = own.iepsPerUnit[j];
      let iva = own.ivaRate[j];
      for (let k = 0; k < rows.length; k++) {
        if (!(days[k] <= first[p])) break; // sorted: later rows are not yet in force
        const mask = masks[k];
        if (mask !== null && mask[j] === 0) continue;
        const r = rows[k];
        if (r.kind === 'ieps_per_litre' && product.iepsKind === 'per_litre') perUnit = r.rate * product.litresPerUnit;
        else if (r.kind === 'ieps_ad_valorem' && product.iepsKind === 'ad_valorem') adv = r.rate;
        else if (r.kind === 'iva') iva = r.rate;
      }
      table.iepsAdValorem[j * P + p] = adv;
      table.iepsPerUnit[j * P + p] = perUnit;
      table.ivaRate[j * P + p] = iva;
    }
  });
  return table;
}

/** Index of product j in period p in a TaxTable. */
export function taxAt(t: TaxTable, j: number, p: number): number {
  return t.periods === 1 ? j : j * t.periods + p;
}
