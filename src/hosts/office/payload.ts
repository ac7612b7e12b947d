/**
 * Payload budgeting. Excel on the web rejects a request or a response over 5 MB, so the host moves data in syncs
 * of about 4 MB (the remaining megabyte absorbs the protocol's own JSON around the values).
 */

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const CHUNK_BUDGET = 4 * 1024 * 1024;
/** Rough JSON Office adds per queued action (object path, method, arguments): counted so many small actions add up. */
export const ACTION_OVERHEAD = 200;

/** JSON length of a row as it travels in a values/formulas array (plus its separating comma). */
export function rowBytes(row: readonly unknown[]): number {
  return JSON.stringify(row).length + 1;
}

/** A slice of one table's data rows. */
export interface RowSegment {
  table: number;
  start: number;
  count: number;
}

/**
 * Packs every table's rows into batches of at most `budget` estimated bytes, in table order, splitting a table's
 * rows where a batch fills up. A row larger than the budget still travels (alone): Excel is the judge then.
 */
export function packRows(tables: readonly { rows: number; bytesPerRow: number }[], budget: number): RowSegment[][] {
  const batches: RowSegment[][] = [];
  let current: RowSegment[] = [];
  let used = 0;
  tables.forEach((t, table) => {
    const per = Math.max(1, t.bytesPerRow);
    let start = 0;
    while (start < t.rows) {
      let fit = Math.floor((budget - used) / per);
      if (fit < 1) {
        if (current.length > 0) {
          batches.push(current);
          current = [];
          used = 0;
          continue;
        }
        fit = 1;
      }
      const count = Math.min(fit, t.rows - start);
      current.push({ table, start, count });
      used += count * per;
      start += count;
    }
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Splits a failed batch in two for a retry: segments apart, or a single segment's rows in halves. */
export function splitBatch(batch: readonly RowSegment[]): RowSegment[][] | null {
  if (batch.length > 1) {
    const mid = Math.ceil(batch.length / 2);
    return [batch.slice(0, mid), batch.slice(mid)];
  }
  const [s] = batch;
  if (!s || s.count < 2) return null;
  const half = Math.ceil(s.count / 2);
  return [
    [{ table: s.table, start: s.start, count: half }],
    [{ table: s.table, start: s.start + half, count: s.count - half }],
  ];
}

/** A step of a write: fixed actions, or rows that may be split across syncs at row boundaries. */
export type WriteStep<C> =
  | { kind: 'fixed'; bytes: number; apply: (context: C) => void }
  | { kind: 'rows'; rowBytes: readonly number[]; apply: (context: C, start: number, end: number) => void };

export type WriteBatch<C> = ((context: C) => void)[];

/** Packs write steps into batches of at most `budget` bytes, keeping their order. */
export function packWrites<C>(
  steps: readonly WriteStep<C>[],
  budget: number,
): { batches: WriteBatch<C>[]; bytes: number[] } {
  const batches: WriteBatch<C>[] = [];
  const bytes: number[] = [];
  let current: WriteBatch<C> = [];
  let used = 0;
  const flush = (): void => {
    if (current.length > 0) {
      batches.push(current);
      bytes.push(used);
    }
    current = [];
    used = 0;
  };
  for (const step of steps) {
    if (step.kind === 'fixed') {
      if (used + step.bytes > budget && current.length > 0) flush();
      current.push(step.apply);
      used += step.bytes;
      continue;
    }
    let start = 0;
    const n = step.rowBytes.length;
    while (start < n) {
      let end = start;
      let size = ACTION_OVERHEAD;
      while (end < n && used + size + step.rowBytes[end] <= budget) size += step.rowBytes[end++];
      if (end === start) {
        if (current.length > 0) {
          flush();
          continue;
        }
        size += step.rowBytes[end++]; // a single row over budget still goes, alone
      }
      const [a, b] = [start, end];
      current.push((ctx) => step.apply(ctx, a, b));
      used += size;
      start = end;
    }
  }
  flush();
  return { batches, bytes };
}
