/** Customers and Products: the master tables every other table refers to. */
import type { Channel, Customer, IepsKind, Product, SourceRef } from '../../engine/model';
import { IdIndex, NameIndex, type ParseContext } from './context';
import * as P from './problems';
import type { BoundTable, Column } from './table';

export function sourceOf(t: BoundTable, r: number): SourceRef {
  return { sheet: t.sheet, table: t.name, row: t.rowNumber(r) };
}

export function parseCustomers(t: BoundTable): NonNullable<ParseContext['customers']> {
  const list: Customer[] = [];
  const index = new IdIndex();
  const c = {
    id: t.col('id'),
    name: t.col('name'),
    channel: t.col('channel'),
    paymentDays: t.col('paymentDays'),
    dcShare: t.col('dcShare'),
    tradeBudget: t.col('tradeBudget'),
  };
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const id = t.text(r, c.id);
    const name = t.text(r, c.name);
    const channel = t.enumId(r, c.channel) as Channel | undefined;
    const paymentDays = t.number(r, c.paymentDays);
    const dcShare = t.number(r, c.dcShare) ?? 0;
    const budget = t.number(r, c.tradeBudget, true);
    if (id === '') continue;
    const earlier = index.add(id, t.rowNumber(r));
    if (earlier >= 0) {
      t.error(r, c.id, 'duplicate_key', () => P.duplicateKey(id, index.rows[earlier]));
      continue;
    }
    list.push({
      id,
      name,
      channel: channel ?? 'modern',
      paymentDays: paymentDays ?? 0,
      dcShare,
      tradeBudget: budget === undefined || Number.isNaN(budget) ? null : budget,
      source: sourceOf(t, r),
    });
  }
  return { list, index };
}

export function parseProducts(t: BoundTable): NonNullable<ParseContext['products']> {
  const list: Product[] = [];
  const index = new IdIndex();
  const categories = new NameIndex();
  const brands = new NameIndex();
  const c = {
    sku: t.col('sku'),
    description: t.col('description'),
    category: t.col('category'),
    brand: t.col('brand'),
    packSize: t.col('packSize'),
    litres: t.col('litresPerUnit'),
    kg: t.col('kgPerUnit'),
    cogs: t.col('cogsPerUnit'),
    iva: t.col('ivaRate'),
    iepsKind: t.col('iepsKind'),
    iepsRate: t.col('iepsRate'),
  };
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const sku = t.text(r, c.sku);
    const description = t.text(r, c.description);
    const category = t.text(r, c.category);
    const brand = t.text(r, c.brand);
    const packSize = t.text(r, c.packSize);
    const litresPerUnit = t.number(r, c.litres) ?? 0;
    const kgPerUnit = t.number(r, c.kg) ?? 0;
    const cogsPerUnit = t.number(r, c.cogs) ?? 0;
    const ivaRate = t.number(r, c.iva) ?? 0;
    const iepsKind = (t.enumId(r, c.iepsKind) ?? 'none') as IepsKind;
    const iepsRate = iepsRateOf(t, r, c.iepsRate, iepsKind, litresPerUnit);
    if (category !== '') categories.add(category);
    if (brand !== '') brands.add(brand);
    if (sku === '') continue;
    const earlier = index.add(sku, t.rowNumber(r));
    if (earlier >= 0) {
      t.error(r, c.sku, 'duplicate_key', () => P.duplicateKey(sku, index.rows[earlier]));
      continue;
    }
    list.push({
      sku,
      description,
      category,
      brand,
      packSize,
      litresPerUnit,
      kgPerUnit,
      cogsPerUnit,
      ivaRate,
      iepsKind,
      iepsRate,
      source: sourceOf(t, r),
    });
  }
  return { list, index, categories, brands };
}

/** Ad valorem: a fraction ≤ 100 %; per litre: MXN per litre (needs litres per unit); none: ignored. */
function iepsRateOf(t: BoundTable, r: number, c: Column, kind: IepsKind, litres: number): number {
  const x = t.number(r, c);
  if (x === undefined) {
    if (kind !== 'none') t.error(r, c, 'ieps_rate_required', P.iepsRateRequired);
    return 0;
  }
  if (Number.isNaN(x)) return 0;
  if (kind === 'none') {
    if (x !== 0) t.warning(r, c, 'ieps_rate_ignored', () => P.iepsRateIgnored(x));
    return 0;
  }
  if (kind === 'ad_valorem' && x > 1) t.error(r, c, 'rate_above_100', () => P.rateAbove100(x));
  if (kind === 'per_litre') {
    if (t.wasPercent(r, c))
      t.error(r, c, 'percent_not_allowed', () => P.percentNotAllowed(t.cell(r, c), MXN_PER_LITRE));
    else if (!(litres > 0)) t.error(r, c, 'ieps_litres_required', P.iepsLitresRequired);
  }
  return x;
}

const MXN_PER_LITRE = { es: 'MXN por litro', en: 'MXN per litre' };
