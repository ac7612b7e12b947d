/** BaseVolumes → Model.lines: any row order gives lines sorted by customer, product, period, with every row kept. */
import fc from 'fast-check';
import { allocateLines } from '../../src/engine/model';
import { parseModel } from '../../src/workbook/contract';
import { sortLines } from '../../src/workbook/contract/parse-base-volumes';
import type { CellValue, TableGrid } from '../../src/workbook/port';
import { grid } from './fixtures';

function workbookWith(nCustomers: number, nProducts: number, rows: CellValue[][]): Map<string, TableGrid> {
  const tables = [
    grid('Parametros', 'P', ['Parámetro', 'Valor'], [['Año fiscal', 2026]]),
    grid(
      'Clientes',
      'C',
      ['ID cliente', 'Nombre', 'Canal', 'Días de crédito'],
      Array.from({ length: nCustomers }, (_, i) => [`C${i}`, `Cliente ${i}`, 'moderno', 30]),
    ),
    grid(
      'Productos',
      'Pr',
      ['SKU', 'Descripción', 'Categoría', 'Marca', 'Costo por unidad', 'Tasa IVA'],
      Array.from({ length: nProducts }, (_, i) => [`S${i}`, `Producto ${i}`, 'Botanas', 'M', 10, 0.16]),
    ),
    grid('VolumenesBase', 'VB', ['ID cliente', 'SKU', 'Periodo', 'Volumen base', 'Precio de lista'], rows),
    grid(
      'Condiciones',
      'T',
      ['ID condición', 'ID cliente', 'Tipo', 'Base', 'Tasa o monto'],
      [['T1', 'C0', 'merma', 'venta bruta', 0.01]],
    ),
  ];
  return new Map(tables.map((t) => [t.name, t]));
}

/** Row for customer c, product p, month m; the volume encodes the key so each line can be traced back. */
const row = (c: number, p: number, m: number): CellValue[] => [
  `C${c}`,
  `S${p}`,
  `2026-${String(m + 1).padStart(2, '0')}`,
  c * 10000 + p * 100 + m,
  20,
];

test('property: lines come out sorted and complete whatever the row order', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (nc, np, nm, seed) => {
        const keys: [number, number, number][] = [];
        for (let c = 0; c < nc; c++) for (let p = 0; p < np; p++) for (let m = 0; m < nm; m++) keys.push([c, p, m]);
        // Deterministic shuffle from the seed.
        let s = seed;
        for (let i = keys.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) % 2 ** 31;
          const j = s % (i + 1);
          [keys[i], keys[j]] = [keys[j], keys[i]];
        }
        const res = parseModel(
          workbookWith(
            nc,
            np,
            keys.map(([c, p, m]) => row(c, p, m)),
          ),
        );
        if (!res.ok) throw new Error(res.errors[0].en);
        const l = res.model.lines;
        expect(l.n).toBe(keys.length);
        for (let i = 0; i < l.n; i++) {
          // Sorted order is exactly c-major, then p, then m.
          const c = Math.floor(i / (np * nm));
          const p = Math.floor(i / nm) % np;
          const m = i % nm;
          expect([l.customer[i], l.product[i], l.period[i], l.baselineVolume[i]]).toEqual([
            c,
            p,
            m,
            c * 10000 + p * 100 + m,
          ]);
          // sourceRow points back at the row that held this key (header on row 1).
          const k = keys[l.sourceRow![i] - 2];
          expect(k).toEqual([c, p, m]);
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('a larger shuffled table (30 customers × 60 SKUs × 12 months = 21,600 rows) sorts by Customers and Products order, not by id text', () => {
  const rows: CellValue[][] = [];
  for (let m = 11; m >= 0; m--) for (let p = 59; p >= 0; p--) for (let c = 0; c < 30; c++) rows.push(row(c, p, m));
  const res = parseModel(workbookWith(30, 60, rows));
  if (!res.ok) throw new Error(res.errors[0].en);
  const l = res.model.lines;
  expect(l.n).toBe(21600);
  // "C10" sorts after "C9" because Customers lists C9 first (text order would put C10 first).
  expect([l.customer[9 * 720], l.customer[10 * 720]]).toEqual([9, 10]);
  let sorted = true;
  for (let i = 1; i < l.n; i++) {
    const a = (l.customer[i - 1] * 60 + l.product[i - 1]) * 12 + l.period[i - 1];
    const b = (l.customer[i] * 60 + l.product[i]) * 12 + l.period[i];
    if (b !== a + 1) sorted = false;
  }
  expect(sorted).toBe(true);
  // Row of C0 S0 2026-01: months descend from 12, products from 59, customers ascend: row index 11·60·30 + 59·30 + 0 → worksheet row +2.
  expect(l.sourceRow![0]).toBe(11 * 60 * 30 + 59 * 30 + 2);
});

test('sortLines permutes every column together, in place, and returns the same lines', () => {
  const n = 500;
  const l = allocateLines(n);
  // Row r: a shuffled key, and every other column a function of r, so each sorted line can be traced to its row.
  for (let r = 0; r < n; r++) {
    const key = (r * 7919) % n;
    l.customer[r] = Math.floor(key / 100);
    l.product[r] = Math.floor(key / 10) % 10;
    l.period[r] = key % 10;
    l.sourceRow![r] = r + 2;
    l.baselineVolume[r] = r + 0.5;
    l.actualVolume[r] = r % 3 === 0 ? NaN : r * 2;
    l.listPrice[r] = r * 3;
    l.priorVolume[r] = r * 4;
    l.priorListPrice[r] = r % 5 === 0 ? NaN : r * 5;
  }
  const sorted = sortLines(l, 5, 10, 10);
  expect(sorted).toBe(l);
  for (let i = 0; i < n; i++) {
    const r = l.sourceRow![i] - 2;
    expect((r * 7919) % n).toBe(i); // keys 0 … 499 in order
    expect([l.customer[i], l.product[i], l.period[i]]).toEqual([Math.floor(i / 100), Math.floor(i / 10) % 10, i % 10]);
    expect([l.baselineVolume[i], l.actualVolume[i], l.listPrice[i], l.priorVolume[i], l.priorListPrice[i]]).toEqual([
      r + 0.5,
      r % 3 === 0 ? NaN : r * 2,
      r * 3,
      r * 4,
      r % 5 === 0 ? NaN : r * 5,
    ]);
  }
});
