/**
 * The bundled sample as an engine model, and a larger, perturbed variant of it, for tests that prove a faster path
 * equal to the plain computation on real data: the sample's 8 customers, events, price changes and 4 scenarios.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Lines, Model, Product, Promotion, Scenario } from '../../src/engine';
import { readTablesFromBytes } from '../../src/hosts/xlsx/reader';
import { parseModel } from '../../src/workbook/contract';
import { INPUT_TABLE_NAMES } from '../../src/workbook/contract/specs';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');

export async function sampleModel(): Promise<Model> {
  const parsed = parseModel(await readTablesFromBytes(readFileSync(SAMPLE), 'sample', INPUT_TABLE_NAMES));
  if (!parsed.ok) throw new Error('the sample does not parse');
  return parsed.model;
}

/** A small deterministic PRNG (mulberry32): the same variant on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The sample with its products copied `copies` times (SKU "BOT-001" → "BOT-001-2"…, same category, brand, costs and
 * taxes, as scripts/bench-e2e.ts grows it), each copy's lines after the originals' (still sorted by customer, product,
 * period), and every number a lever or an event reads moved at random: planned and actual volumes, list prices, the
 * events' depth, uplift and funding, and the scenarios' values.
 */
export function perturbedSample(model: Model, copies: number, seed: number): Model {
  const r = prng(seed);
  const jiggle = (x: number, spread: number) => x * (1 - spread + 2 * spread * r());
  const np = model.products.length;
  const products: Product[] = [...model.products];
  for (let k = 1; k < copies; k++) {
    for (const p of model.products) products.push({ ...p, sku: `${p.sku}-${k + 1}` });
  }
  const src = model.lines;
  const n = src.n * copies;
  const lines: Lines = {
    n,
    customer: new Int32Array(n),
    product: new Int32Array(n),
    period: new Int32Array(n),
    baselineVolume: new Float64Array(n),
    actualVolume: new Float64Array(n),
    listPrice: new Float64Array(n),
    priorVolume: new Float64Array(n),
    priorListPrice: new Float64Array(n),
  };
  let o = 0;
  let i = 0;
  while (i < src.n) {
    const c = src.customer[i];
    let e = i;
    while (e < src.n && src.customer[e] === c) e++;
    for (let k = 0; k < copies; k++) {
      for (let x = i; x < e; x++, o++) {
        lines.customer[o] = c;
        lines.product[o] = src.product[x] + k * np;
        lines.period[o] = src.period[x];
        lines.baselineVolume[o] = Math.round(jiggle(src.baselineVolume[x], 0.3));
        const a = src.actualVolume[x];
        lines.actualVolume[o] = a === a ? Math.round(jiggle(a, 0.3)) : NaN;
        lines.listPrice[o] = Math.round(jiggle(src.listPrice[x], 0.1) * 100) / 100;
        lines.priorVolume[o] = Math.round(jiggle(src.priorVolume[x], 0.3));
        lines.priorListPrice[o] = src.priorListPrice[x];
      }
    }
    i = e;
  }
  const promotions: Promotion[] = (model.promotions ?? []).map((p) => ({
    ...p,
    depth: p.mechanics.includes('price_off_amount') ? Math.round(jiggle(p.depth, 0.2)) : jiggle(p.depth, 0.2),
    uplift: p.uplift === null ? null : jiggle(p.uplift, 0.3),
    fundingRate: jiggle(p.fundingRate, 0.2),
  }));
  const scenarios: Scenario[] = (model.scenarios ?? []).map((s) => ({
    ...s,
    changes: s.changes.map((ch) => {
      switch (ch.target) {
        case 'term':
          return ch.field === 'rate' ? { ...ch, value: jiggle(ch.value, 0.2) } : ch;
        case 'cost':
          return { ...ch, value: jiggle(ch.value, 0.2) };
        case 'term_tier':
        case 'promotion':
          return ch.value === null ? ch : { ...ch, value: jiggle(ch.value, 0.2) };
        case 'price_change':
        case 'volume':
          return { ...ch, changePct: jiggle(ch.changePct, 0.5) };
        default:
          return ch;
      }
    }),
  }));
  return { ...model, products, lines, promotions, scenarios };
}
