/**
 * Tax layer on invoice sales (reported, never revenue). Rates are data from Product (dated quotas, never constants
 * in code). IEPS ad valorem = rate × invoice sales; IEPS per litre = quota × volume × litres per unit;
 * IVA = IVA rate × (invoice sales + IEPS): IVA is charged on a base that includes IEPS.
 */
import type { Product } from './model';

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
