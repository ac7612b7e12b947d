/**
 * One worksheet part, streamed: chunks of inflated bytes → the byte scanner (xml.ts), which hands each cell the sink
 * wants to it as a port CellValue, and collects the merged ranges and hyperlinks listed after the data. Rows and
 * cells the sink does not want are skipped undecoded; plain numbers and shared-string indexes are read straight from
 * the bytes (no string made), a formula's text only when it is needed (no saved value, a shared master).
 *
 * Cell values, as the ExcelJS reader gave them (src/hosts/xlsx/cells.ts, saved-results.ts):
 * - t="s" shared string, t="inlineStr" (<is><t>, or rich <is><r><t>; phonetic <rPh> left out), t="str" text,
 *   t="b" boolean, t="e" error ({ error: '#N/A' }), t="n" or none: number, a Date when the cell's style is a date
 *   format (1900 or 1904 system, converted exactly as ExcelJS does), t="d" an ISO date.
 * - A formula cell gives its saved result; with none, { formulaWithoutValue: '=<formula>' }, except a text result
 *   saved empty (t="str" with <v/> or no <v>): that is a blank, null. A shared formula's follower without a value
 *   gives the master's formula translated to its own position (slideFormula, as ExcelJS).
 * - A cell without an r attribute follows the previous cell of its row (the first one is column A); a row without
 *   one follows the previous row.
 * Where ExcelJS errs, Excel is followed instead: inline strings drop phonetic runs and decode _xHHHH_ escapes; t="d"
 * is an ISO date (ExcelJS reads the year as a number); only numeric results of date-styled formulas become dates
 * (ExcelJS turns #N/A or text there into Invalid Date); a t="str" result is not entity-decoded twice; a follower
 * without a master reads as a formula without text ({ formulaWithoutValue: '' }; ExcelJS gives "{}").
 */
import type { CellValue } from '../../../workbook/port';
import { toA1 } from '../../../workbook/a1';
import { slideFormula } from './formula';
import type { Inflater } from './inflate';
import { decodeExcelEscapes } from './shared-strings';
import { xmlTextOf, XmlScanner, type XmlHandler } from './xml';
import type { ZipArchive, ZipEntry } from './zip';

export const MAX_COLUMN = 16384;

/** What a cell's number means: shared strings, date styles and the workbook's date system. */
export interface SheetContext {
  sharedStrings: readonly string[];
  /** Per style index (s attribute), 1 when the style shows a date. */
  dateStyles: Uint8Array;
  date1904: boolean;
}

/** Where the cells a reader wants go. */
export interface CellSink {
  /**
   * A row starts: true when any of its cells is wanted, with the wanted columns in [minColumn, maxColumn] (cells
   * outside are skipped undecoded). `hidden` is the row's hidden flag.
   */
  beginRow(row: number, hidden: boolean): boolean;
  minColumn: number;
  maxColumn: number;
  /** A wanted cell that exists in the sheet. */
  cell(row: number, column: number, value: CellValue): void;
}

/** Thrown by a sink that has all it wants: the rest of the sheet is not read. */
export class StopScan extends Error {
  constructor() {
    super('scan stopped by its sink');
    this.name = 'StopScan';
  }
}

export interface SheetExtras {
  /** <mergeCell ref="…">, as written. */
  merges: string[];
  /** <hyperlink ref="…" r:id="…">, as written (internal links have no r:id). */
  hyperlinks: { ref: string; id?: string }[];
}

// Element names the scanner reports, by index.
const NAMES = ['row', 'c', 'v', 'f', 'is', 't', 'rPh', 'mergeCell', 'hyperlink'];
const ROW = 0;
const C = 1;
const V = 2;
const F = 3;
const IS = 4;
const T = 5;
const RPH = 6;
const MERGE = 7;
const HYPERLINK = 8;

// Cell types (t attribute).
const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;

/**
 * ExcelJS's excelToDate: days since 1899-12-30 (1900 system) or 1904-01-01, rounded to the millisecond. The days are
 * multiplied by 24, 3600 and 1000 one after the other, as ExcelJS does: one product by 86,400,000 rounds differently
 * for some fractions of a day (serial 1809079.818631661: one millisecond apart), and reading must give its instant.
 */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** A number as stored ("1E-3", "-0.5", "12345678901234567890"); text after a number reads as ExcelJS's parseFloat. */
function toNumber(s: string): number {
  const n = Number(s);
  return n === n ? n : parseFloat(s);
}

/**
 * An ISO 8601 date or date-time of a t="d" cell; without a zone it is read as UTC, as Excel serials are. Text that is
 * no date stays text (a damaged cell the contract reports with what it holds), never an Invalid Date.
 */
function isoDate(s: string): Date | string {
  const t = s.trim();
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(t) || !/T|\d\d:\d\d/.test(t);
  const d = new Date(zoned ? t : `${t}Z`);
  return Number.isNaN(d.getTime()) ? s : d;
}

interface SharedMaster {
  formula: string;
  row: number;
  column: number;
}

/** The XmlHandler that turns worksheet XML into cells for a sink. */
export class SheetScanner implements XmlHandler {
  readonly extras: SheetExtras = { merges: [], hyperlinks: [] };
  /** Shared-formula followers without a value whose master this pass skipped: a targeted pass resolves them. */
  readonly unresolved: { row: number; column: number }[] = [];
  private readonly scanner: XmlScanner;
  private readonly masters = new Map<string, SharedMaster>();

  private row = 0;
  private column = 0;
  private rowWanted = false;

  // The cell being read.
  private inCell = false;
  private cellColumn = 0;
  private cellType = T_N;
  private cellStyle = 0;
  /** The <v> text, or, when it was a plain number read in place, NaN here and the number in valueNumber. */
  private valueText: string | undefined;
  private valueNumber = NaN;
  private hasInline = false;
  private inlineText = '';
  private inIs = false;
  private phonetic = 0;
  private capturingT = false;
  /** The <f> text: decoded, or still in place (formulaBytes[formulaStart, formulaEnd)) until someone needs it. */
  private formulaText = '';
  private formulaBytes: Uint8Array | null = null;
  private formulaStart = 0;
  private formulaEnd = 0;
  private formulaKind: string | undefined;
  private formulaSi: string | undefined;
  private formulaRef: string | undefined;
  /** The last cell's formula, for slaveFormula: was there one, its own text and its shared master. */
  private lastWasFormula = false;
  private lastMaster: SharedMaster | undefined;

  constructor(
    private readonly ctx: SheetContext,
    private readonly sink: CellSink,
  ) {
    this.scanner = new XmlScanner(NAMES, this);
  }

  write(bytes: Uint8Array): void {
    this.scanner.write(bytes);
  }

  end(): void {
    this.scanner.end();
  }

  /**
   * The last cell given to the sink was a formula: the formula its merged neighbours read through ExcelJS (its own
   * text, or for a shared-formula follower its master's address), undefined otherwise.
   */
  slaveFormula(): string | undefined {
    if (!this.lastWasFormula) return undefined;
    const own = this.formula();
    if (own !== '') return own;
    return this.lastMaster ? toA1(this.lastMaster.row, this.lastMaster.column) : '';
  }

  open(x: XmlScanner, name: number, selfClosing: boolean): void {
    switch (name) {
      case ROW: {
        const buf = x.buf;
        const n = digitsAt(x, x.attrIndex('r'));
        this.row = n > 0 ? n : this.row + 1;
        this.column = 0;
        const h = x.attrIndex('hidden');
        const hidden = h >= 0 && (buf[x.valueStart(h)] === 49 || buf[x.valueStart(h)] === 116); // "1", "true"
        this.rowWanted = this.sink.beginRow(this.row, hidden);
        if (!this.rowWanted) x.skip();
        return;
      }
      case C: {
        // One pass over the attributes: r (its column letters), s and t.
        const buf = x.buf;
        let column = 0;
        let style = 0;
        let type = T_N;
        for (let a = 0, count = x.attrTotal(); a < count; a++) {
          const ns = x.attrNameStart(a);
          if (x.attrNameEnd(a) - ns !== 1) continue;
          const name = buf[ns];
          if (name === 114) {
            for (let i = x.valueStart(a), e = x.valueEnd(a); i < e; i++) {
              const c = buf[i] | 0x20;
              if (c < 97 || c > 122) break;
              column = column * 26 + c - 96;
            }
          } else if (name === 115) {
            style = digitsAt(x, a);
          } else if (name === 116) {
            type = cellType(x, a);
          }
        }
        this.column = column = column > 0 ? column : this.column + 1;
        if (!this.rowWanted || column < this.sink.minColumn || column > this.sink.maxColumn) {
          x.skip();
          return;
        }
        this.inCell = true;
        this.cellColumn = column;
        this.cellStyle = style;
        this.cellType = type;
        this.valueText = undefined;
        this.valueNumber = NaN;
        this.hasInline = false;
        this.inlineText = '';
        this.formulaText = '';
        this.formulaBytes = null;
        this.formulaKind = undefined;
        this.formulaSi = undefined;
        this.formulaRef = undefined;
        return;
      }
      case V:
        if (this.inCell && !selfClosing) x.capture();
        return;
      case F:
        if (!this.inCell) return;
        this.formulaKind = x.attr('t');
        this.formulaSi = x.attr('si');
        this.formulaRef = x.attr('ref');
        if (!selfClosing) x.capture();
        return;
      case IS:
        if (this.inCell) {
          this.inIs = true;
          this.hasInline = true;
        }
        return;
      case T:
        if (this.inIs && this.phonetic === 0 && !selfClosing) {
          x.capture();
          this.capturingT = true;
        }
        return;
      case RPH:
        if (this.inIs) this.phonetic++;
        return;
      case MERGE: {
        const ref = x.attr('ref');
        if (ref !== undefined) this.extras.merges.push(ref);
        return;
      }
      case HYPERLINK: {
        const ref = x.attr('ref');
        if (ref !== undefined) this.extras.hyperlinks.push({ ref, id: x.attrNs('id') });
        return;
      }
    }
  }

  close(x: XmlScanner, name: number): void {
    switch (name) {
      case C:
        if (this.inCell) this.finishCell();
        return;
      case V:
        if (this.inCell) this.readValue(x);
        return;
      case F:
        if (!this.inCell) return;
        if (this.formulaBytes === null && this.formulaText === '' && x.singleRun()) {
          // Most formulas have a saved value and their text is never needed: keep where it is, decode on demand.
          this.formulaBytes = x.buf;
          this.formulaStart = x.textStart();
          this.formulaEnd = x.textEnd();
          x.discardText();
        } else {
          this.formulaText = this.formula() + x.text();
        }
        return;
      case T:
        if (this.capturingT) {
          this.inlineText += decodeExcelEscapes(x.text());
          this.capturingT = false;
        }
        return;
      case RPH:
        if (this.inIs && this.phonetic > 0) this.phonetic--;
        return;
      case IS:
        this.inIs = false;
        this.phonetic = 0;
        return;
    }
  }

  /**
   * The <v> of the cell, read when it closes (the bytes may be gone by the cell's end): numbers and shared-string
   * indexes straight from the bytes when they are plain, text otherwise.
   */
  private readValue(x: XmlScanner): void {
    const type = this.cellType;
    if (this.valueText === undefined && (type === T_N || type === T_S) && x.singleRun()) {
      const n =
        type === T_S ? digitsIn(x.buf, x.textStart(), x.textEnd()) : decimalIn(x.buf, x.textStart(), x.textEnd());
      if (n === n) {
        x.discardText(); // read in place: nothing to decode
        this.valueNumber = n;
        this.valueText = '';
        return;
      }
    }
    const t = x.text();
    if (t !== '') this.valueText = this.valueText === undefined ? t : this.valueText + t;
    this.valueNumber = NaN;
  }

  /** The cell's own formula text (decoded on first use). */
  private formula(): string {
    if (this.formulaBytes !== null) {
      this.formulaText = xmlTextOf(this.formulaBytes, this.formulaStart, this.formulaEnd);
      this.formulaBytes = null;
    }
    return this.formulaText;
  }

  private finishCell(): void {
    this.inCell = false;
    this.inIs = false;
    this.phonetic = 0;
    const row = this.row;
    const column = this.cellColumn;
    let value: CellValue = null;
    const v = this.valueText;
    this.lastWasFormula = false;
    this.lastMaster = undefined;
    // As ExcelJS: a formula is <f> with text, or any <f t="…"> (a shared follower has no text).
    const hasText = this.formulaText !== '' || (this.formulaBytes !== null && this.formulaEnd > this.formulaStart);
    if (hasText || this.formulaKind !== undefined) {
      const shared = this.formulaKind === 'shared' && this.formulaSi !== undefined;
      if (shared && this.formulaRef !== undefined) {
        this.masters.set(this.formulaSi!, { formula: this.formula(), row, column });
      } else if (shared) {
        this.lastMaster = this.masters.get(this.formulaSi!);
      }
      this.lastWasFormula = true;
      if (v !== undefined) value = this.result(v);
      else if (this.cellType === T_STR)
        value = null; // Excel's empty text result: a blank
      else value = { formulaWithoutValue: this.formulaWithoutValue(shared, row, column) };
    } else if (this.hasInline && this.inlineText !== '') {
      value = this.inlineText;
    } else if (v !== undefined) {
      switch (this.cellType) {
        case T_S:
          value =
            this.ctx.sharedStrings[this.valueNumber === this.valueNumber ? this.valueNumber : parseInt(v, 10)] ?? '';
          break;
        case T_STR:
        case T_INLINE:
          value = v;
          break;
        case T_B:
          value = parseInt(v, 10) !== 0;
          break;
        case T_E:
          value = { error: v };
          break;
        case T_D:
          value = isoDate(v);
          break;
        default:
          value = this.number();
      }
    }
    this.sink.cell(row, column, value);
  }

  /** A formula's saved result, typed by the cell's t. */
  private result(v: string): CellValue {
    switch (this.cellType) {
      case T_STR:
        return v;
      case T_B:
        return parseInt(v, 10) !== 0;
      case T_E:
        return { error: v };
      case T_D:
        return isoDate(v);
      default:
        return this.number();
    }
  }

  /**
   * The <v> as a number: read in place, or parsed from its text. A value that is no finite number ("abc", "NaN",
   * "1e999": a damaged file) stays the text it is, and a date serial beyond JavaScript's dates stays a number, so
   * the contract reports the cell with what it holds: no NaN, Infinity or Invalid Date ever leaves the reader.
   */
  private number(): number | Date | string {
    const n = this.valueNumber === this.valueNumber ? this.valueNumber : toNumber(this.valueText ?? '');
    if (!Number.isFinite(n)) return this.valueText ?? '';
    if (this.ctx.dateStyles[this.cellStyle] !== 1) return n;
    const d = excelDate(n, this.ctx.date1904);
    return Number.isNaN(d.getTime()) ? n : d;
  }

  private formulaWithoutValue(shared: boolean, row: number, column: number): string {
    const own = this.formula();
    if (own !== '') return `=${own}`;
    if (!shared) return '';
    const m = this.masters.get(this.formulaSi!);
    if (m) return `=${slideFormula(m.formula, row - m.row, column - m.column)}`;
    this.unresolved.push({ row, column });
    return '';
  }
}

/** 10^k, exactly, for the decimal fast path. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** A non-negative integer written in bytes [start, end), or NaN when they are not all digits (or none). */
function digitsIn(buf: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 15) return NaN;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * A plain decimal ("-12.5", "0.07", "46002") in bytes [start, end), or NaN for anything else (exponents, signs
 * other than a leading "-", more than 15 digits), which the caller parses with Number. With at most 15 digits the
 * mantissa is exact and one division by an exact power of ten rounds correctly: the result equals Number's.
 */
function decimalIn(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === 45;
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 && fraction < 0) {
      fraction = digits;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || digits > 15) return NaN;
  const scale = fraction < 0 ? 0 : digits - fraction;
  const v = scale === 0 ? m : m / POWERS_OF_TEN[scale];
  return negative ? -v : v;
}

/** A non-negative integer attribute read in place (0 when absent or not digits). */
function digitsAt(x: XmlScanner, i: number): number {
  if (i < 0) return 0;
  const buf = x.buf;
  let n = 0;
  for (let p = x.valueStart(i), e = x.valueEnd(i); p < e; p++) {
    const d = buf[p] - 48;
    if (d < 0 || d > 9) return 0;
    n = n * 10 + d;
  }
  return n;
}

function cellType(x: XmlScanner, i: number): number {
  const buf = x.buf;
  const s = x.valueStart(i);
  const len = x.valueEnd(i) - s;
  const c = buf[s];
  if (len === 1) return c === 115 ? T_S : c === 98 ? T_B : c === 101 ? T_E : c === 100 ? T_D : T_N;
  if (len === 3 && c === 115 && buf[s + 1] === 116 && buf[s + 2] === 114) return T_STR; // str
  if (len === 9 && c === 105 && buf[s + 6] === 83) return T_INLINE; // inlineStr
  return T_N;
}

/** Streams a worksheet part through a scanner to `sink`; returns the merged ranges and hyperlinks it lists. */
export async function scanSheet(
  zip: ZipArchive,
  entry: ZipEntry,
  ctx: SheetContext,
  sink: CellSink,
  inflater?: Inflater,
  onScanner?: (s: SheetScanner) => void,
): Promise<SheetExtras> {
  const scanner = new SheetScanner(ctx, sink);
  onScanner?.(scanner);
  try {
    await zip.stream(entry, (chunk) => scanner.write(chunk), inflater);
    scanner.end();
  } catch (e) {
    if (!(e instanceof StopScan)) throw e;
  }
  return scanner.extras;
}
