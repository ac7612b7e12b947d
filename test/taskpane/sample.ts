/**
 * The bundled sample workbook for pane tests, opened once with the pane's own loader (ExcelJS, lazily imported)
 * and copied per test into fresh in-memory workbooks, so every test starts from the file's values.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextEncoder as NodeTextEncoder } from 'node:util';
import { loadMemoryWorkbookFromXlsx, MemoryWorkbook } from '../../src/hosts/memory';
import { readModel } from '../../src/workbook/contract';
import type { Model, Term } from '../../src/engine';
import type { TableGrid } from '../../src/workbook/port';

// Browsers have TextEncoder (the memory host fingerprints table contents with it); jest's jsdom does not.
globalThis.TextEncoder ??= NodeTextEncoder;

export const SAMPLE_PATH = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');

/** Node's SHA-256 (jsdom has no crypto.subtle; the pure fallback is tested in test/memory). */
export const nodeDigest = (bytes: Uint8Array) => Promise.resolve(createHash('sha256').update(bytes).digest('hex'));

let loaded: Promise<MemoryWorkbook> | null = null;

/** The sample as the loader opens it (shared: never write to it). */
export function sampleWorkbook(): Promise<MemoryWorkbook> {
  loaded ??= loadMemoryWorkbookFromXlsx(readFileSync(SAMPLE_PATH), 'sample-trade-terms.xlsx', { digest: nodeDigest });
  return loaded;
}

/** Every input table of the sample, copied row by row (tests may edit cells; cell values themselves are never mutated). */
export async function sampleGrids(): Promise<TableGrid[]> {
  const wb = await sampleWorkbook();
  return wb.tables().map((t) => {
    const g = wb.table(t.name)!;
    return { ...g, headers: g.headers.slice(), rows: g.rows.map((r) => r.slice()) };
  });
}

/** A fresh writable workbook with the sample's tables (or edited copies of them). */
export async function freshWorkbook(grids?: TableGrid[]): Promise<MemoryWorkbook> {
  return MemoryWorkbook.fromTables('sample-trade-terms.xlsx', grids ?? (await sampleGrids()), { digest: nodeDigest });
}

export async function sampleModel(): Promise<Model> {
  const parsed = await readModel(await sampleWorkbook());
  if (!parsed.ok) throw new Error(`the sample does not parse: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.model;
}

/** A customer of the sample with a tiered rebate, and that term. */
export function tieredRebateOf(model: Model): { customerId: string; term: Term } {
  const term = model.terms.find((t) => t.kind === 'volume_rebate' && t.tiers.length > 1 && t.basis !== 'volume');
  if (!term) throw new Error('the sample has no tiered volume rebate on money');
  return { customerId: term.customerId, term };
}

/** The same model with one tier's rate replaced: built here, independently of the pane's edit code. */
export function withTierRate(model: Model, termId: string, tierIndex: number, rate: number): Model {
  return {
    ...model,
    terms: model.terms.map((t) =>
      t.id !== termId ? t : { ...t, tiers: t.tiers.map((tier, i) => (i === tierIndex ? { ...tier, rate } : tier)) },
    ),
  };
}
