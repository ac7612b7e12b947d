/**
 * The tables of one sheet, collected from a single pass over it, then turned into TableGrids exactly as the ExcelJS
 * reader did (src/hosts/xlsx/tables.ts, gridOfTable): the first row of the range is always the header, a header cell
 * left empty reads as the table's column name, the totals row is left out, trailing blank rows are dropped and
 * interior ones kept. Beside the grid: the source facts (TableSourceFacts) the bad-input diagnoses need.
 *
 * ExcelJS's ways kept for identical results: a cell carrying a hyperlink (to a file or web address) reads as its
 * text ("45" for the number 45); the other cells of a merged range read as its first cell, and as a formula without
 * value when that cell is a formula (ExcelJS drops the result there).
 */
import { toA1 } from '../../../workbook/a1';
import {
  isCellError,
  isFormulaWithoutValue,
  type CellValue,
  type TableGrid,
  type TableSourceFacts,
} from '../../../workbook/port';
import type { Relationship } from './package';
import { contains, decodeRange, formatRange, overlaps, type CellRange } from './ranges';
import { MAX_COLUMN, type CellSink, type SheetExtras } from './sheet';
import type { TableDef } from './workbook';

/** Rows below a table looked at for values typed under it (TableSourceFacts.cellsBelow). */
export const BELOW_ROWS = 3;

interface TableState {
  def: TableDef;
  top: number;
  left: number;
  right: number;
  bottom: number;
  /** Last data row (the totals row excluded). */
  lastData: number;
  width: number;
  header: CellValue[];
  rows: (CellValue[] | undefined)[];
  hidden: number[];
  below: { row: number; column: number }[];
  merged: string[];
}

/** A cell read through ExcelJS's hyperlink value: its text (see the module comment). */
function hyperlinkText(v: CellValue): CellValue {
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (isFormulaWithoutValue(v)) return '';
  return JSON.stringify(v); // an error value: ExcelJS flattens the object (cells.ts plainText)
}

/** Header text of a cell, as cells.ts cellText. */
function headerText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (isCellError(v)) return v.error;
  if (isFormulaWithoutValue(v)) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

const isBlank = (v: CellValue | undefined) => v === null || v === undefined || v === '';

/**
 * A row of w blank cells. Array literals up to 12 cells wide: each is an allocation site V8 learns about, and a
 * million rows that all survive get allocated straight in the old generation instead of being copied there by the
 * young generation's collector (a third of a million-row read's garbage-collection time).
 */
function blankRow(w: number): CellValue[] {
  switch (w) {
    case 1:
      return [null];
    case 2:
      return [null, null];
    case 3:
      return [null, null, null];
    case 4:
      return [null, null, null, null];
    case 5:
      return [null, null, null, null, null];
    case 6:
      return [null, null, null, null, null, null];
    case 7:
      return [null, null, null, null, null, null, null];
    case 8:
      return [null, null, null, null, null, null, null, null];
    case 9:
      return [null, null, null, null, null, null, null, null, null];
    case 10:
      return [null, null, null, null, null, null, null, null, null, null];
    case 11:
      return [null, null, null, null, null, null, null, null, null, null, null];
    case 12:
      return [null, null, null, null, null, null, null, null, null, null, null, null];
    default:
      return new Array<CellValue>(w).fill(null);
  }
}

/** Collects the cells of the requested tables of one sheet (and the few rows under each). */
export class TablesSink implements CellSink {
  minColumn = 1;
  maxColumn = MAX_COLUMN;
  private readonly states: TableState[];
  private active: TableState[] = [];
  private dataRowOf: TableState | null = null;
  private dataRowIndex = 0;
  private dataRowCells: CellValue[] | undefined;

  /**
   * `tables`: the requested tables of this sheet; `allRanges`: every table range of the sheet (a value typed below
   * one table but inside another is that table's, not a stray).
   */
  constructor(
    tables: readonly TableDef[],
    private readonly allRanges: readonly CellRange[],
    private readonly belowRows = BELOW_ROWS,
  ) {
    this.states = tables.map((def) => {
      const { top, left, bottom, right } = def.range;
      const lastData = bottom - Math.max(0, def.totalsRowCount);
      return {
        def,
        top,
        left,
        right,
        bottom,
        lastData,
        width: right - left + 1,
        header: new Array<CellValue>(right - left + 1).fill(null),
        rows: new Array<CellValue[] | undefined>(Math.max(0, lastData - top)),
        hidden: [],
        below: [],
        merged: [],
      };
    });
  }

  beginRow(row: number, hidden: boolean): boolean {
    const active = this.active;
    active.length = 0;
    let min = MAX_COLUMN + 1;
    let max = 0;
    for (const t of this.states) {
      if (row < t.top || row > t.bottom + this.belowRows) continue;
      active.push(t);
      if (t.left < min) min = t.left;
      if (t.right > max) max = t.right;
      if (hidden && row > t.top && row <= t.lastData) t.hidden.push(row);
    }
    this.minColumn = min;
    this.maxColumn = max;
    // The common case, a data row of a single table: its cells go straight into the row's array.
    const only = active.length === 1 ? active[0] : null;
    this.dataRowOf = only !== null && row > only.top && row <= only.lastData ? only : null;
    this.dataRowIndex = only !== null ? row - only.top - 1 : 0;
    this.dataRowCells = undefined;
    return active.length > 0;
  }

  cell(row: number, column: number, value: CellValue): void {
    const t = this.dataRowOf;
    if (t !== null) {
      const j = column - t.left;
      if (j < 0 || j >= t.width) return;
      let cells = this.dataRowCells;
      if (cells === undefined) {
        cells = t.rows[this.dataRowIndex] ??= blankRow(t.width);
        this.dataRowCells = cells;
      }
      cells[j] = value;
      return;
    }
    const active = this.active;
    for (let k = 0; k < active.length; k++) {
      const t = active[k];
      if (column < t.left || column > t.right) continue;
      this.put(t, row, column, value);
    }
  }

  private put(t: TableState, row: number, column: number, value: CellValue): void {
    const j = column - t.left;
    if (row === t.top) t.header[j] = value;
    else if (row <= t.lastData) {
      const i = row - t.top - 1;
      let cells = t.rows[i];
      if (cells === undefined) t.rows[i] = cells = blankRow(t.width);
      cells[j] = value;
    } else if (row > t.bottom && !isBlank(value) && !this.allRanges.some((r) => contains(r, row, column))) {
      t.below.push({ row, column });
    }
  }

  /** The value stored for a cell of a table's header or data rows, or undefined when it is not one. */
  private stored(
    t: TableState,
    row: number,
    column: number,
  ): { get: () => CellValue; set: (v: CellValue) => void } | undefined {
    if (column < t.left || column > t.right || row < t.top || row > t.lastData) return undefined;
    const j = column - t.left;
    if (row === t.top) return { get: () => t.header[j], set: (v) => (t.header[j] = v) };
    const i = row - t.top - 1;
    return {
      get: () => t.rows[i]?.[j] ?? null,
      set: (v) => {
        const cells = (t.rows[i] ??= blankRow(t.width));
        cells[j] = v;
      },
    };
  }

  /**
   * After the pass: hyperlinked cells become their text; merged ranges are noted, and their cells other than the
   * first are listed (with that first cell) for `applyMerges`, which needs the first cells' values.
   */
  settle(extras: SheetExtras, relationships: readonly Relationship[]): MergeWork {
    const targets = new Map(relationships.filter((r) => r.kind === 'hyperlink').map((r) => [r.id, r.target]));
    const linked = new Set<string>();
    for (const h of extras.hyperlinks) {
      // As ExcelJS: only links with a target (not those within the workbook) and only single-cell refs.
      if (h.id === undefined || !targets.get(h.id) || h.ref.includes(':')) continue;
      const at = decodeRange(h.ref);
      if (!at) continue;
      linked.add(`${at.top}:${at.left}`);
      for (const t of this.states) {
        const cell = this.stored(t, at.top, at.left);
        if (cell) cell.set(hyperlinkText(cell.get()));
      }
    }
    const work: MergeWork = { slaves: [], linked };
    for (const ref of extras.merges) {
      const m = decodeRange(ref);
      if (!m) continue;
      for (const t of this.states) {
        const range = { top: t.top, left: t.left, bottom: t.bottom, right: t.right };
        if (!overlaps(m, range)) continue;
        const text = formatRange(m);
        if (!t.merged.includes(text)) t.merged.push(text);
        for (let r = Math.max(m.top, t.top); r <= Math.min(m.bottom, t.lastData); r++) {
          for (let c = Math.max(m.left, t.left); c <= Math.min(m.right, t.right); c++) {
            if (r === m.top && c === m.left) continue;
            const cell = this.stored(t, r, c);
            if (cell) work.slaves.push({ master: m, set: cell.set });
          }
        }
      }
    }
    return work;
  }

  /** Sets a cell of the tables' header or data rows read again by a targeted pass (not a hyperlinked one). */
  replace(row: number, column: number, value: CellValue, linked: ReadonlySet<string>): void {
    if (linked.has(`${row}:${column}`)) return;
    for (const t of this.states) this.stored(t, row, column)?.set(value);
  }

  /** The grids, in the order the tables were given. */
  grids(sheet: string): TableGrid[] {
    return this.states.map((t) => gridOf(t, sheet));
  }
}

/** Merged cells waiting for their first cell's value (read by a second, targeted pass over the sheet). */
export interface MergeWork {
  slaves: { master: CellRange; set: (v: CellValue) => void }[];
  /** Cells with a hyperlink, "row:column". */
  linked: Set<string>;
}

/** What a merged range's other cells read, given its first cell (see the module comment). */
export function slaveValue(master: CellValue, formula: string | undefined, linked: boolean): CellValue {
  if (linked) return hyperlinkText(master);
  if (formula !== undefined) return { formulaWithoutValue: formula === '' ? '' : `=${formula}` };
  return master;
}

function gridOf(t: TableState, sheet: string): TableGrid {
  const headers: string[] = [];
  for (let j = 0; j < t.width; j++) {
    const text = headerText(t.header[j]);
    headers.push(text !== '' ? text : (t.def.columns[j] ?? ''));
  }
  let last = t.rows.length - 1;
  while (last >= 0 && (t.rows[last] === undefined || t.rows[last]!.every(isBlank))) last--;
  const rows: CellValue[][] = new Array<CellValue[]>(last + 1);
  for (let i = 0; i <= last; i++) rows[i] = t.rows[i] ?? blankRow(t.width);
  const lastRow = t.top + rows.length;
  const source: TableSourceFacts = {
    headerRowShown: t.def.headerRowCount !== 0,
    totalsRow: t.def.totalsRowCount > 0,
    hiddenRows: [...new Set(t.hidden.filter((r) => r <= lastRow))].sort((a, b) => a - b),
    filtered: t.def.filtered,
    mergedRanges: t.merged,
    cellsBelow: t.below.sort((a, b) => a.row - b.row || a.column - b.column).map((c) => toA1(c.row, c.column)),
  };
  return { name: t.def.name, sheet, headerRow: t.top, firstColumn: t.left, headers, rows, source };
}
