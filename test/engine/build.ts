/**
 * Test helper: small engine models from readable specs. Lines are sorted by customer, product, period (the order
 * the workbook layer guarantees) and written into columnar Lines via allocateLines.
 */
import {
  allocateLines,
  buildPeriods,
  DEFAULT_SETTINGS,
  monthsOfYear,
  type CostToServe,
  type Customer,
  type Model,
  type Product,
  type Settings,
  type Term,
} from '../../src/engine';

export interface LineSpec {
  customer: string;
  sku: string;
  period: string;
  baseline: number;
  /** Omitted = period not closed (NaN). */
  actual?: number;
  list: number;
  prior?: number;
  /** Omitted = not given (NaN). */
  priorList?: number;
}

export function customer(c: Partial<Customer> & { id: string }): Customer {
  return { name: c.id, channel: 'modern', paymentDays: 0, dcShare: 0, ...c };
}

export function product(p: Partial<Product> & { sku: string }): Product {
  return {
    description: p.sku,
    category: 'General',
    brand: 'Marca',
    packSize: '1 pza',
    litresPerUnit: 0,
    kgPerUnit: 0,
    cogsPerUnit: 0,
    ivaRate: 0,
    iepsKind: 'none',
    iepsRate: 0,
    ...p,
  };
}

export function term(t: Partial<Term> & { id: string; customerId: string }): Term {
  return {
    kind: 'volume_rebate',
    onInvoice: false,
    basis: 'gross_sales',
    rate: 0,
    allocation: 'volume',
    scope: { kind: 'all', values: [] },
    periodFrom: '2026-01',
    periodTo: '2026-12',
    tierMethod: 'all_units',
    tierMeasure: 'volume',
    tiers: [],
    agreedDate: '2026-01-15',
    evidenceRef: 'carta 2026',
    description: '',
    ...t,
  };
}

export function costToServe(r: Partial<CostToServe> & { customerId: string }): CostToServe {
  return {
    kind: 'freight',
    basis: 'volume',
    rate: 0,
    allocation: 'volume',
    periodFrom: '2026-01',
    periodTo: '2026-12',
    description: '',
    ...r,
  };
}

export interface ModelSpec {
  customers: Customer[];
  products: Product[];
  /** Default: the 12 months of 2026. */
  periods?: string[];
  lines: LineSpec[];
  terms?: Term[];
  costToServe?: CostToServe[];
  settings?: Partial<Settings>;
}

export function buildModel(spec: ModelSpec): Model {
  const periods = buildPeriods(spec.periods ?? monthsOfYear(2026));
  const ci = new Map(spec.customers.map((c, i) => [c.id, i]));
  const pi = new Map(spec.products.map((p, i) => [p.sku, i]));
  const ti = new Map(periods.map((p) => [p.id, p.index]));
  const idx = (m: Map<string, number>, k: string, what: string) => {
    const v = m.get(k);
    if (v === undefined) throw new Error(`test model: unknown ${what} ${k}`);
    return v;
  };
  const rows = spec.lines
    .map((l) => ({ l, c: idx(ci, l.customer, 'customer'), p: idx(pi, l.sku, 'sku'), t: idx(ti, l.period, 'period') }))
    .sort((a, b) => a.c - b.c || a.p - b.p || a.t - b.t);
  const lines = allocateLines(rows.length);
  rows.forEach(({ l, c, p, t }, i) => {
    lines.customer[i] = c;
    lines.product[i] = p;
    lines.period[i] = t;
    lines.baselineVolume[i] = l.baseline;
    if (l.actual !== undefined) lines.actualVolume[i] = l.actual;
    lines.listPrice[i] = l.list;
    lines.priorVolume[i] = l.prior ?? 0;
    if (l.priorList !== undefined) lines.priorListPrice[i] = l.priorList;
    lines.sourceRow![i] = i + 2;
  });
  return {
    settings: { ...DEFAULT_SETTINGS, ...spec.settings },
    customers: spec.customers,
    products: spec.products,
    periods,
    lines,
    terms: spec.terms ?? [],
    costToServe: spec.costToServe ?? [],
  };
}

/** The result of one term by id. */
export function termById<T extends { termId: string }>(terms: readonly T[], id: string): T {
  const t = terms.find((x) => x.termId === id);
  if (!t) throw new Error(`no term ${id}`);
  return t;
}

export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
