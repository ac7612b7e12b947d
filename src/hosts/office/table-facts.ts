/**
 * How a table sits in its sheet, as Excel tells it (TableSourceFacts of the port), for the contract's diagnoses of
 * bad input: the header row switched off, a totals row, hidden or filtered data rows, merged cells, values typed just
 * below the table. The .xlsx reader finds the same facts in the file (src/hosts/xlsx/reader/grid.ts).
 *
 * Cost: everything is loaded in the read's first sync (readGrids in host.ts) but the hidden rows, and those cost
 * nothing more in the common case: the data body's `rowHidden` (ExcelApi 1.2) is false when no row is hidden and
 * true when all are. Only when it is null (some hidden, some not) do they take one more sync: the exact count from
 * the body's visible view (`getVisibleView().rowCount`, ExcelApi 1.3) and `rowHidden` of the data rows in up to
 * HIDDEN_BLOCKS blocks, which settles every row of a table of up to that many rows. A longer table whose blocks are
 * mixed takes one sync more: `rowHidden` of each row of the first mixed blocks, HIDDEN_ROWS_SCANNED rows at most.
 * The list holds the first hidden rows (HIDDEN_ROWS_LISTED at most), up to the first row not looked at;
 * `hiddenRowCount` says how many there are whenever the list is partial. Every response stays tiny (one boolean or
 * number per block or row), whatever the table's size.
 *
 * Gated by requirement set (the manifest's minimum is ExcelApi 1.7): `Table.autoFilter.isDataFiltered` (1.9; false
 * without it) and `Range.getMergedAreasOrNullObject` (1.13; no merged ranges without it). The merged areas are
 * those whose top-left cell lies in the table's range (Excel's own rule, OfficeDev/office-js#3611), read through
 * `RangeAreas.areas` (OfficeDev/office-js#1590). Excel documents that the method fails on a range holding more than
 * 512 merged areas: such a table's read then fails with Excel's error, reported like any other.
 *
 * The header row switched off: Table.getRange then starts at the first data row, which the grid takes as its
 * headers, exactly as the .xlsx reader reads such a table, so the contract reports header_row_off there too.
 */
import type { TableSourceFacts } from '../../workbook/port';
import { localPart, parseA1, toA1 } from '../../workbook/a1';

/** Rows below a table looked at for values typed under it (as the .xlsx reader's BELOW_ROWS). */
export const BELOW_ROWS = 3;
/** Hidden rows listed at most (TableSourceFacts.hiddenRows; hiddenRowCount says how many there are). */
export const HIDDEN_ROWS_LISTED = 1_000;
/** Blocks of data rows whose `rowHidden` is asked in the sync after the first, per table with hidden rows. */
export const HIDDEN_BLOCKS = 500;
/** Rows of the first mixed blocks whose `rowHidden` is asked one by one, per table, in the sync after that. */
export const HIDDEN_ROWS_SCANNED = 2_000;

/** A block of cells, 1-based worksheet rows and columns. */
export interface Block {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The block of an address ("Hoja1!B3:F40", "B3"). */
export function blockOf(address: string): Block {
  const [a, b = a] = localPart(address).split(':');
  const from = parseA1(a);
  const to = parseA1(b);
  return { top: from.row, left: from.column, bottom: to.row, right: to.column };
}

const inside = (b: Block, row: number, column: number): boolean =>
  row >= b.top && row <= b.bottom && column >= b.left && column <= b.right;

/** What the read's first sync loads for one table's facts, beside what its values need. */
export interface FactsLoads {
  /** The BELOW_ROWS rows under the table's range, in its columns: values. */
  below: Excel.Range;
  /** Merged areas starting in the table's range (ExcelApi 1.13), or null when Excel lacks it. */
  merged: Excel.RangeAreas | null;
  /** The table's AutoFilter (ExcelApi 1.9), or null when Excel lacks it. */
  filter: Excel.AutoFilter | null;
}

/**
 * Queues the first sync's loads of the facts: `range` is the whole table (Table.getRange). The caller loads
 * Table.showHeaders and showTotals and the data body's rowHidden with the rest of its probe.
 */
export function loadFacts(table: Excel.Table, range: Excel.Range, supports: (v: string) => boolean): FactsLoads {
  return {
    below: range.getRowsBelow(BELOW_ROWS).load('values'),
    merged: supports('1.13') ? range.getMergedAreasOrNullObject().load('areas/items/address') : null,
    filter: supports('1.9') ? table.autoFilter.load('isDataFiltered') : null,
  };
}

/** The merged ranges of a loaded FactsLoads, A1 without the sheet ("A2:A3"). */
export function mergedRanges(loads: FactsLoads): string[] {
  const m = loads.merged;
  if (m === null || m.isNullObject) return [];
  return m.areas.items.map((r) => localPart(r.address));
}

/**
 * Non-empty cells of the rows below a table (`values`, whose first row is worksheet row `top` and first column
 * `left`), as 1-based positions, in reading order.
 */
export function nonEmptyBelow(
  values: readonly unknown[][],
  top: number,
  left: number,
): { row: number; column: number }[] {
  const out: { row: number; column: number }[] = [];
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v !== null && v !== undefined && v !== '') out.push({ row: top + i, column: left + j });
    }),
  );
  return out;
}

/** Those cells that are not in another table (a table right below is that table's, not values typed under it). */
export function cellsBelow(cells: readonly { row: number; column: number }[], others: readonly Block[]): string[] {
  return cells.filter((c) => !others.some((b) => inside(b, c.row, c.column))).map((c) => toA1(c.row, c.column));
}

/** Hidden data rows: the first ones (1-based worksheet rows, ascending) and how many there are. */
export interface HiddenRows {
  rows: number[];
  count: number;
}

/** The facts of one table, put together. */
export function sourceFacts(
  table: { showHeaders: boolean; showTotals: boolean },
  loads: FactsLoads,
  hidden: HiddenRows,
  below: string[],
): TableSourceFacts {
  const facts: TableSourceFacts = {
    headerRowShown: table.showHeaders,
    totalsRow: table.showTotals,
    hiddenRows: hidden.rows,
    filtered: loads.filter?.isDataFiltered ?? false,
    mergedRanges: mergedRanges(loads),
    cellsBelow: below,
  };
  if (hidden.rows.length < hidden.count) facts.hiddenRowCount = hidden.count;
  return facts;
}

function rowsFrom(first: number, n: number): number[] {
  return Array.from({ length: Math.min(n, HIDDEN_ROWS_LISTED) }, (_, i) => first + i);
}

/**
 * The hidden data rows of one table (see the module comment). Built after the first sync, from the data body with
 * `address`, `rowCount` and `rowHidden` loaded; `done` when that already tells. Otherwise: queueBlocks(), a sync,
 * queueRows() (true when it queued loads for one more sync), that sync, and finish().
 */
export class HiddenRowsSearch {
  result: HiddenRows | null = null;
  private readonly top: number;
  private readonly dataRows: number;
  private view: Excel.RangeView | null = null;
  private firstRow: Excel.Range | null = null;
  private readonly blocks: { start: number; count: number; range: Excel.Range }[] = [];
  private readonly scanned = new Map<number, Excel.Range>();
  private count = 0;

  /**
   * `offset`: 1 when the body's first row reads as the headers (the header row switched off: its rows are not
   * data rows of the grid), else 0.
   */
  constructor(
    private readonly body: Excel.Range,
    private readonly offset: 0 | 1,
  ) {
    this.top = parseA1(body.address).row + offset;
    this.dataRows = Math.max(0, body.rowCount - offset);
    const hidden = body.rowHidden;
    if (this.dataRows === 0 || hidden === false) this.result = { rows: [], count: 0 };
    else if (hidden === true) this.result = { rows: rowsFrom(this.top, this.dataRows), count: this.dataRows };
  }

  get done(): boolean {
    return this.result !== null;
  }

  /** Loads for the next sync: the visible view's row count and rowHidden of up to HIDDEN_BLOCKS blocks. */
  queueBlocks(): void {
    // The body has a visible row (its rowHidden is null), so its visible view is never empty.
    this.view = this.body.getVisibleView().load('rowCount');
    if (this.offset === 1) this.firstRow = this.body.getRow(0).load('rowHidden');
    const size = Math.ceil(this.dataRows / HIDDEN_BLOCKS);
    for (let start = 0; start < this.dataRows; start += size) {
      const count = Math.min(size, this.dataRows - start);
      const row = this.body.getRow(this.offset + start);
      this.blocks.push({
        start,
        count,
        range: (count === 1 ? row : row.getResizedRange(count - 1, 0)).load('rowHidden'),
      });
    }
  }

  /**
   * After that sync: the count, and rowHidden of each row of the first mixed blocks queued (HIDDEN_ROWS_SCANNED rows
   * at most, none once HIDDEN_ROWS_LISTED rows are known). True when those loads need a sync; else the search is done.
   */
  queueRows(): boolean {
    const view = this.view!;
    this.count = this.body.rowCount - view.rowCount - (this.firstRow?.rowHidden === true ? 1 : 0);
    let budget = HIDDEN_ROWS_SCANNED;
    let known = 0;
    for (const b of this.blocks) {
      if (known >= HIDDEN_ROWS_LISTED || budget <= 0) break;
      const hidden = b.range.rowHidden;
      if (hidden === true) known += b.count;
      if (hidden !== null) continue;
      const n = Math.min(b.count, budget);
      for (let i = 0; i < n; i++)
        this.scanned.set(b.start + i, this.body.getRow(this.offset + b.start + i).load('rowHidden'));
      budget -= n;
      known += 1; // a mixed block hides one row at least
    }
    if (this.scanned.size > 0) return true;
    this.finish();
    return false;
  }

  /** The first hidden rows in order, up to the first row whose state is not known, and the count. */
  finish(): void {
    const rows: number[] = [];
    const full = (): boolean => rows.length >= HIDDEN_ROWS_LISTED;
    walk: for (const b of this.blocks) {
      const hidden = b.range.rowHidden;
      if (hidden === false) continue;
      for (let i = 0; i < b.count; i++) {
        if (full()) break walk;
        if (hidden === true) {
          rows.push(this.top + b.start + i);
          continue;
        }
        const row = this.scanned.get(b.start + i);
        if (row === undefined) break walk;
        if (row.rowHidden) rows.push(this.top + b.start + i);
      }
    }
    this.result = { rows, count: Math.max(this.count, rows.length) };
  }
}
