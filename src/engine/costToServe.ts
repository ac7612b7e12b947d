/**
 * Cost-to-serve rows of a customer (freight, warehousing, promotoría, demonstrators, portal fees...) over the
 * customer's lines in periodFrom..periodTo: gross/invoice → fraction of that money; volume → MXN per unit;
 * kg / litres → MXN per kg or litre via the product's kgPerUnit / litresPerUnit; fixed_amount → a lump sum
 * allocated in whole centavos by its key (like trade-term lump sums).
 */
import type { CostToServe, Product } from './model';
import type { LineBook } from './measures';
import type { LineSelection } from './scope';
import { placeLumpSum, type AllocationScratch } from './allocation';

/** Adds the row's money to `into` (per line); returns how many lines it covered (0: nothing placed). */
export function applyCostToServe(
  row: CostToServe,
  sel: LineSelection,
  book: LineBook,
  products: readonly Product[],
  into: Float64Array,
  scratch: AllocationScratch,
): number {
  if (row.basis === 'fixed_amount') {
    const key = row.allocation === 'volume' ? book.volume : row.allocation === 'gross_sales' ? book.grossSales : null;
    return placeLumpSum(row.rate, sel, book.lines, key, scratch, into, null, null);
  }
  return applyRate(row, sel, book, products, into);
}

function applyRate(
  row: CostToServe,
  sel: LineSelection,
  book: LineBook,
  products: readonly Product[],
  into: Float64Array,
): number {
  const { lines } = book;
  // MXN per line = rate × source[i] × perProduct[product] (perProduct = kg or litres per unit, else 1).
  const source =
    row.basis === 'gross_sales' ? book.grossSales : row.basis === 'invoice_sales' ? book.invoiceSales : book.volume;
  const perProduct = row.basis === 'kg' || row.basis === 'litres' ? perUnitOf(products, row.basis) : null;
  const { period, product } = lines;
  const rg = sel.ranges;
  let count = 0;
  for (let r = 0; r < rg.length; r += 2) {
    const b = rg[r + 1];
    for (let i = rg[r]; i < b; i++) {
      const p = period[i];
      if (p < sel.firstPeriod || p > sel.lastPeriod) continue;
      into[i] += perProduct === null ? row.rate * source[i] : row.rate * source[i] * perProduct[product[i]];
      count++;
    }
  }
  return count;
}

/** Kg or litres per unit of every product, kept per product list (a search applies the costs dozens of times). */
const perUnit = new WeakMap<readonly Product[], { kg: Float64Array; litres: Float64Array }>();
function perUnitOf(products: readonly Product[], basis: 'kg' | 'litres'): Float64Array {
  let v = perUnit.get(products);
  if (!v) {
    const kg = new Float64Array(products.length);
    const litres = new Float64Array(products.length);
    for (let j = 0; j < products.length; j++) {
      kg[j] = products[j].kgPerUnit;
      litres[j] = products[j].litresPerUnit;
    }
    perUnit.set(products, (v = { kg, litres }));
  }
  return basis === 'kg' ? v.kg : v.litres;
}
