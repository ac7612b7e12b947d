/**
 * Payload budgeting. Excel on the web rejects a request or a response over 5 MB, so the host moves data in syncs
 * of about 4 MB (the remaining megabyte absorbs the protocol's own JSON around the values). The limit counts UTF-8
 * bytes, not characters: "Cascada de precio — Walmart de México" is 39 characters and 42 bytes, so every size here
 * is measured in UTF-8 bytes of the JSON Office sends.
 */

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const CHUNK_BUDGET = 4 * 1024 * 1024;
/** Rough JSON Office adds per queued action (object path, method, arguments): counted so many small actions add up. */
export const ACTION_OVERHEAD = 200;

/** UTF-8 bytes of a string ("á" 2, "—" 3, an emoji 4), without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair is one code point of 4 bytes.
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of a value's JSON. */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : utf8Length(json);
}

/** UTF-8 bytes of a row as it travels in a values/formulas array (plus its separating comma). */
export function rowBytes(row: readonly unknown[]): number {
  return jsonBytes(row) + 1;
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

/**
 * A step of a write: fixed actions, or rows that may be split across syncs at row boundaries. `sheet` names the
 * result sheet the step changes (for write_incomplete's list of sheets touched); `cells` counts for progress.
 */
export type WriteStep<C> =
  | { kind: 'fixed'; bytes: number; cells?: number; sheet?: string; apply: (context: C) => void }
  | {
      kind: 'rows';
      rowBytes: readonly number[];
      cellsPerRow?: number;
      sheet?: string;
      apply: (context: C, start: number, end: number) => void;
    };

/** One queued piece of a batch; a piece of rows can be cut in two when Excel finds the batch too large. */
export interface BatchItem<C> {
  bytes: number;
  cells: number;
  sheet?: string;
  apply(context: C): void;
  /** Two halves of the rows, or null for a fixed step or a single row. */
  split(): [BatchItem<C>, BatchItem<C>] | null;
}

function fixedItem<C>(step: Extract<WriteStep<C>, { kind: 'fixed' }>): BatchItem<C> {
  return { bytes: step.bytes, cells: step.cells ?? 0, sheet: step.sheet, apply: step.apply, split: () => null };
}

function rowsItem<C>(step: Extract<WriteStep<C>, { kind: 'rows' }>, start: number, end: number): BatchItem<C> {
  let bytes = ACTION_OVERHEAD;
  for (let i = start; i < end; i++) bytes += step.rowBytes[i];
  return {
    bytes,
    cells: (end - start) * (step.cellsPerRow ?? 0),
    sheet: step.sheet,
    apply: (context) => step.apply(context, start, end),
    split: () => {
      if (end - start < 2) return null;
      const mid = start + Math.ceil((end - start) / 2);
      return [rowsItem(step, start, mid), rowsItem(step, mid, end)];
    },
  };
}

export type WriteBatch<C> = BatchItem<C>[];

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
      current.push(fixedItem(step));
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
      current.push(rowsItem(step, start, end));
      used += size;
      start = end;
    }
  }
  flush();
  return { batches, bytes };
}

/**
 * Splits a write batch Excel refused as too large in two of about half its bytes each, keeping order: cut between
 * items, or through the rows of the item that straddles the middle; null when it is one indivisible piece (Excel's
 * refusal then stands).
 */
export function splitWriteBatch<C>(batch: WriteBatch<C>): [WriteBatch<C>, WriteBatch<C>] | null {
  const total = batch.reduce((n, item) => n + item.bytes, 0);
  let before = 0;
  for (let i = 0; i < batch.length; i++) {
    const item = batch[i];
    if (before + item.bytes >= total / 2) {
      const halves = item.split();
      if (halves)
        return [
          [...batch.slice(0, i), halves[0]],
          [halves[1], ...batch.slice(i + 1)],
        ];
      if (batch.length < 2) return null;
      const cut = i === 0 ? 1 : i;
      return [batch.slice(0, cut), batch.slice(cut)];
    }
    before += item.bytes;
  }
  return null;
}
