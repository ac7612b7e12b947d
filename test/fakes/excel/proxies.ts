/**
 * Proxy objects of the fake Excel object model. Like Office.js proxies they hold no document data until a load
 * has been synced: reading an unloaded property throws PropertyNotLoaded; property writes and method calls are
 * queued on the request context and reach the document only at context.sync().
 *
 * Only the part of Excel's object model the office host uses is modelled. Member names and property types are
 * checked against @types/office-js by the `implements Pick<Excel.X, ...>` clauses.
 */
import { FakeOfficeError, propertyNotLoaded } from './errors';
import { checkFormulaSyntax } from './formulas';
import {
  type Rect,
  checkRect,
  fullAddress,
  parseLocal,
  rectColumns,
  rectRows,
  splitSheet,
  MAX_COLUMNS,
  MAX_ROWS,
  localAddress,
  columnLetters,
  quoteSheet,
} from './address';
import {
  type ChartState,
  type NameState,
  type SheetState,
  type SheetVisibility,
  type StoredValue,
  type TableState,
  type WorkbookState,
  bodyRect,
  checkDefinedName,
  getFormula,
  getNumberFormat,
  getValue,
  headerRect,
  hiddenRowsIn,
  rowHiddenOf,
  setCell,
  setNumberFormat,
  tableRect,
  totalsRect,
} from './state';

// ------------------------------------------------------------------------------------------------ sync plumbing

export const NULL_OBJECT = Symbol('null object');
type Resolved<T> = T | typeof NULL_OBJECT;

/** What one sync accumulates while its actions run. */
export interface SyncTransaction {
  responseBytes: number;
  /** Applied to proxies only if the whole sync succeeds (loads, null-object states). */
  commits: (() => void)[];
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
}

export interface QueuedAction {
  location: string;
  /** JSON length of values / formulas / numberFormat carried by the request. */
  requestBytes: number;
  /** Requirement set version of ExcelApi the action needs ("1.9"). */
  minApi?: string;
  run(tx: SyncTransaction): void;
}

/** The environment a context runs against (implemented by FakeExcel). */
export interface FakeHost {
  readonly state: WorkbookState;
  supports(version: string): boolean;
  sync(context: FakeRequestContext): Promise<void>;
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  /** @internal */ queue: QueuedAction[] = [];
  /** Excel.run({ delayForCellEdit: true }): syncs wait while the user edits a cell instead of failing. */
  delayForCellEdit = false;

  constructor(readonly host: FakeHost) {
    this.workbook = new FakeWorkbook(this);
    this.application = this.workbook.application;
  }

  sync(): Promise<void> {
    return this.host.sync(this);
  }

  /** @internal */
  enqueue(action: QueuedAction): void {
    this.queue.push(action);
  }

  get state(): WorkbookState {
    return this.host.state;
  }
}

type LoadSpec = string | string[] | { select?: string | string[]; expand?: string | string[] } | undefined;

function parseLoadSpec(spec: LoadSpec): string[][] {
  const list: string[] = [];
  const add = (s: string | string[] | undefined): void => {
    if (s === undefined) return;
    for (const part of Array.isArray(s) ? s : s.split(',')) {
      const p = part.trim();
      if (p) list.push(p);
    }
  };
  if (typeof spec === 'string' || Array.isArray(spec)) add(spec);
  else if (spec) {
    add(spec.select);
    add(spec.expand);
  }
  return list.map((p) => p.split('/').map((s) => s.trim()));
}

/** UTF-8 bytes of a string (what Excel on the web's 5 MB limit counts: "á" is 2 bytes, "€" 3, an emoji 4). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** JSON bytes (UTF-8) as Office would serialise the value into the request or response. */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : utf8Bytes(json);
}

// ------------------------------------------------------------------------------------------------ base proxy

/** Anything a load path can reach. */
export interface Loadable {
  collect(paths: string[][], tx: SyncTransaction): number;
}

export abstract class FakeClientObject<T> implements Loadable {
  /** @internal */ protected abstract readonly entity: string;
  private cached: Resolved<T> | undefined;
  private readonly loadedProps = new Map<string, unknown>();
  private nullState: boolean | undefined;
  private readonly children = new Map<string, Loadable>();

  constructor(
    readonly context: FakeRequestContext,
    protected readonly resolver: () => Resolved<T>,
  ) {}

  /** Like Office: readable after a sync that instantiated or loaded this object. */
  get isNullObject(): boolean {
    if (this.nullState === undefined) throw propertyNotLoaded(this.entity, 'isNullObject');
    return this.nullState;
  }

  /** Scalar properties that load() can fetch, with how to read each from the document. */
  protected abstract scalars(): Record<string, (t: T) => unknown>;
  /** Navigation properties (child objects) reachable by load paths such as "worksheet/name". */
  protected navigations(): Record<string, () => Loadable> {
    return {};
  }

  /** @internal Resolves the document object once, at the first action that needs it (as Excel binds paths). */
  resolve(): Resolved<T> {
    if (this.cached === undefined) this.cached = this.resolver();
    if (this.cached !== NULL_OBJECT && isDeleted(this.cached)) {
      throw new FakeOfficeError('ItemNotFound', this.entity, 'the object was deleted');
    }
    return this.cached;
  }

  /** @internal The document object; a null object cannot be acted on. */
  target(location: string): T {
    const t = this.resolve();
    if (t === NULL_OBJECT) throw new FakeOfficeError('ItemNotFound', location, 'acting on a null object');
    return t;
  }

  protected get state(): WorkbookState {
    return this.context.state;
  }

  /** Reads a loaded property. Office.js returns undefined (no throw) for properties of a null object. */
  protected read<V>(prop: string): V {
    if (this.nullState === true) return undefined as V;
    if (!this.loadedProps.has(prop)) throw propertyNotLoaded(this.entity, prop);
    return this.loadedProps.get(prop) as V;
  }

  /** Queues a property write; like Office.js the proxy reads back the value it was given without a sync. */
  protected write(
    prop: string,
    value: unknown,
    apply: (t: T, location: string) => void,
    requestBytes = 0,
    minApi?: string,
  ): void {
    this.loadedProps.set(prop, value);
    const location = `${this.entity}.${prop}`;
    this.context.enqueue({ location, requestBytes, minApi, run: () => apply(this.target(location), location) });
  }

  /** Queues a method call. */
  protected call(method: string, apply: (t: T, location: string) => void, minApi?: string, requestBytes = 0): void {
    const location = `${this.entity}.${method}`;
    this.context.enqueue({ location, requestBytes, minApi, run: () => apply(this.target(location), location) });
  }

  /** @internal Queues the instantiation of an *OrNullObject result so isNullObject is known after the next sync. */
  instantiate(location: string, minApi?: string): void {
    this.context.enqueue({
      location,
      requestBytes: 0,
      minApi,
      run: (tx) => {
        const isNull = this.resolve() === NULL_OBJECT;
        tx.commits.push(() => {
          this.nullState = isNull;
        });
      },
    });
  }

  /** Memoised child proxy (Office.js memoises navigation properties too). */
  protected child<C extends Loadable>(name: string, make: () => C): C {
    let c = this.children.get(name);
    if (!c) {
      c = make();
      this.children.set(name, c);
    }
    return c as C;
  }

  /** Resolver for a child: null parents give null children (no error), like Office's null-object propagation. */
  protected from<C>(fn: (t: T) => Resolved<C>): () => Resolved<C> {
    return () => {
      const t = this.resolve();
      return t === NULL_OBJECT ? NULL_OBJECT : fn(t);
    };
  }

  load(spec?: LoadSpec): this {
    const paths = parseLoadSpec(spec);
    this.context.enqueue({
      location: `${this.entity}.load`,
      requestBytes: 0,
      run: (tx) => {
        tx.responseBytes += this.collect(paths, tx);
      },
    });
    return this;
  }

  /** @internal Reads the requested paths from the document into the transaction; returns response bytes. */
  collect(paths: string[][], tx: SyncTransaction): number {
    const t = this.resolve();
    if (t === NULL_OBJECT) {
      tx.commits.push(() => {
        this.nullState = true;
      });
      return 0;
    }
    const scalars = this.scalars();
    const navs = this.navigations();
    const wanted = paths.length === 0 ? Object.keys(scalars).map((k) => [k]) : paths;
    const values = new Map<string, unknown>();
    const nested = new Map<string, string[][]>();
    let bytes = 0;
    for (const path of wanted) {
      const [head, ...rest] = path;
      if (head in scalars && rest.length === 0) {
        const v = scalars[head](t);
        bytes += jsonBytes(v);
        values.set(head, v);
      } else if (head in navs) {
        const list = nested.get(head) ?? [];
        if (rest.length) list.push(rest);
        nested.set(head, list);
      } else {
        throw new FakeOfficeError(
          'InvalidArgument',
          `${this.entity}.load`,
          `unknown property path "${path.join('/')}"`,
        );
      }
    }
    for (const [name, rest] of nested) bytes += navs[name]().collect(rest, tx);
    tx.commits.push(() => {
      this.nullState = false;
      for (const [k, v] of values) this.loadedProps.set(k, v);
    });
    return bytes;
  }
}

function isDeleted(t: unknown): boolean {
  if (typeof t !== 'object' || t === null) return false;
  if ('deleted' in t && (t as { deleted: boolean }).deleted) return true;
  if ('sheet' in t) {
    const s = t.sheet;
    if (typeof s === 'object' && s !== null && 'deleted' in s && (s as SheetState).deleted) return true;
  }
  return false;
}

/** A collection proxy: `items` and `count` become readable after load("items/…") or load("count"). */
export abstract class FakeCollection<TItem, P extends FakeClientObject<TItem>> extends FakeClientObject<TItem[]> {
  private loadedItems: P[] | undefined;

  protected abstract makeItem(item: TItem): P;

  get items(): P[] {
    if (this.loadedItems === undefined) throw propertyNotLoaded(this.entity, 'items');
    return this.loadedItems;
  }

  get count(): number {
    return this.read<number>('count');
  }

  protected scalars(): Record<string, (t: TItem[]) => unknown> {
    return { count: (t) => t.length };
  }

  /** Collections are live: each action sees the members of the moment (sheets added earlier in the batch too). */
  override resolve(): TItem[] | typeof NULL_OBJECT {
    return this.resolver();
  }

  override collect(paths: string[][], tx: SyncTransaction): number {
    const itemPaths = paths.filter((p) => p[0] === 'items').map((p) => p.slice(1));
    const own = paths.filter((p) => p[0] !== 'items');
    let bytes = super.collect(own.length ? own : [['count']], tx);
    const list = this.resolve();
    if (list === NULL_OBJECT) return bytes;
    if (itemPaths.length || paths.length === 0) {
      const proxies = list.map((it) => this.makeItem(it));
      const rest = itemPaths.filter((p) => p.length > 0);
      for (const p of proxies) bytes += p.collect(rest, tx);
      tx.commits.push(() => {
        this.loadedItems = proxies;
      });
    }
    return bytes;
  }
}

// ------------------------------------------------------------------------------------------------ values

/**
 * Excel parses written strings the way typing does. The fake models the common conversions a results writer
 * trips on: numbers ("0750", "1.5", "12%"), ISO dates and months ("2026-01", "2026-01-31") and booleans.
 */
export function coerceTyped(s: string): StoredValue {
  const t = s.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  if (/^[-+]?(\d+\.?\d*|\.\d+)%$/.test(t)) return Number(t.slice(0, -1)) / 100;
  const iso = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), iso[3] === undefined ? 1 : Number(iso[3])];
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
  }
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  return s;
}

/** Converts what a host assigned to values/formulas into stored cells; null leaves a cell unchanged (as Excel). */
function toStored(v: unknown, location: string): { value: StoredValue; formula?: string } | null {
  if (v === null) return null;
  if (typeof v === 'string') {
    if (v.startsWith('=') && v.length > 1) {
      checkFormulaSyntax(v, location);
      return { value: '', formula: v };
    }
    if (v.startsWith("'")) return { value: v.slice(1) }; // Excel's "keep as text" prefix
    return { value: coerceTyped(v) };
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      // Office serialises NaN/Infinity as JSON null, silently leaving the cell unchanged: the fake refuses instead.
      throw new FakeOfficeError('InvalidArgument', location, `non-finite number ${v} (JSON would send null)`);
    }
    return { value: v };
  }
  if (typeof v === 'boolean') return { value: v };
  throw new FakeOfficeError('InvalidArgument', location, `unsupported cell value ${Object.prototype.toString.call(v)}`);
}

/**
 * A write is a 2-D array of exactly the range's dimensions, or a single value (a scalar or a 1×1 array) that Excel
 * copies to every cell ("single input copy", like Ctrl+Enter). Updates of unbounded ranges ("A:B") are refused.
 */
function forEachCell(
  rect: Rect,
  input: unknown,
  location: string,
  fn: (r: number, c: number, v: unknown) => void,
): void {
  if ((rect.r0 === 0 && rect.r1 === MAX_ROWS - 1) || (rect.c0 === 0 && rect.c1 === MAX_COLUMNS - 1)) {
    throw new FakeOfficeError('InvalidArgument', location, 'cannot update an unbounded range');
  }
  const single = !Array.isArray(input)
    ? { v: input }
    : input.length === 1 && Array.isArray(input[0]) && input[0].length === 1
      ? { v: (input[0] as unknown[])[0] }
      : null;
  if (single) {
    for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) fn(r, c, single.v);
    return;
  }
  if (!Array.isArray(input)) return;
  const rows = rectRows(rect);
  const cols = rectColumns(rect);
  if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new FakeOfficeError(
      'InvalidArgument',
      location,
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  }
  for (let i = 0; i < rows; i++) {
    const row = input[i] as unknown[];
    for (let j = 0; j < cols; j++) fn(rect.r0 + i, rect.c0 + j, row[j]);
  }
}

const RESPONSE_LIMIT = 5 * 1024 * 1024;

function grid<V>(rect: Rect, location: string, cell: (r: number, c: number) => V): V[][] {
  // Every cell costs at least two bytes of JSON: refuse before building a grid Excel could never return.
  if (rectRows(rect) * rectColumns(rect) * 2 > RESPONSE_LIMIT) {
    throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', location, 'range too large to return');
  }
  const out: V[][] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row = new Array<V>(rect.c1 - rect.c0 + 1);
    for (let c = rect.c0; c <= rect.c1; c++) row[c - rect.c0] = cell(r, c);
    out.push(row);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ range

export interface RangeTarget {
  sheet: SheetState;
  rect: Rect;
}

export class FakeRange
  extends FakeClientObject<RangeTarget>
  implements
    Pick<
      Excel.Range,
      | 'values'
      | 'formulas'
      | 'numberFormat'
      | 'address'
      | 'rowCount'
      | 'columnCount'
      | 'rowIndex'
      | 'columnIndex'
      | 'rowHidden'
    >
{
  protected readonly entity = 'Range';

  protected scalars(): Record<string, (t: RangeTarget) => unknown> {
    const loc = 'Range.load';
    return {
      address: (t) => fullAddress(t.sheet.name, t.rect),
      addressLocal: (t) => fullAddress(t.sheet.name, t.rect),
      rowCount: (t) => rectRows(t.rect),
      columnCount: (t) => rectColumns(t.rect),
      rowIndex: (t) => t.rect.r0,
      columnIndex: (t) => t.rect.c0,
      cellCount: (t) => rectRows(t.rect) * rectColumns(t.rect),
      values: (t) => grid(t.rect, loc, (r, c) => getValue(t.sheet, r, c)),
      formulas: (t) => grid(t.rect, loc, (r, c) => getFormula(t.sheet, r, c) ?? getValue(t.sheet, r, c)),
      numberFormat: (t) => grid(t.rect, loc, (r, c) => getNumberFormat(t.sheet, r, c)),
      text: (t) => grid(t.rect, loc, (r, c) => String(getValue(t.sheet, r, c))),
      valueTypes: (t) =>
        grid(t.rect, loc, (r, c) => {
          const v = getValue(t.sheet, r, c);
          return v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
        }),
      rowHidden: (t) => rowHiddenOf(t.sheet, t.rect),
    };
  }

  protected override navigations(): Record<string, () => Loadable> {
    return { format: () => this.format, worksheet: () => this.worksheet };
  }

  override load(spec?: LoadSpec): this {
    // Range.rowHidden needs ExcelApi 1.2: gate the load like Office would.
    if (parseLoadSpec(spec).some((p) => p[0] === 'rowHidden')) {
      this.context.enqueue({ location: 'Range.rowHidden', requestBytes: 0, minApi: '1.2', run: () => undefined });
    }
    return super.load(spec);
  }

  /**
   * Range.rowHidden (ExcelApi 1.2): true when every row of the range is hidden, false when none is, null when some
   * are (by hand or by a filter). Setting it hides or shows every row of the range.
   */
  get rowHidden(): boolean {
    return this.read('rowHidden');
  }
  set rowHidden(b: boolean) {
    this.write(
      'rowHidden',
      b,
      (t, loc) => {
        this.state.assertSheetWritable(t.sheet, loc);
        if (typeof b !== 'boolean') throw new FakeOfficeError('InvalidArgument', loc, `rowHidden ${JSON.stringify(b)}`);
        for (let r = t.rect.r0; r <= t.rect.r1; r++) {
          if (b) t.sheet.hiddenRows.add(r);
          else t.sheet.hiddenRows.delete(r);
        }
        this.state.record(t.sheet.name, localAddress(t.rect), 'rowHidden');
      },
      0,
      '1.2',
    );
  }

  get address(): string {
    return this.read('address');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }

  get values(): unknown[][] {
    return this.read('values');
  }
  set values(v: unknown[][]) {
    this.write('values', v, (t, loc) => this.writeCells(t, v, loc, 'values'), jsonBytes(v));
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  set formulas(v: unknown[][]) {
    this.write('formulas', v, (t, loc) => this.writeCells(t, v, loc, 'formulas'), jsonBytes(v));
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.write(
      'numberFormat',
      v,
      (t, loc) => {
        this.state.assertSheetWritable(t.sheet, loc);
        const writes: [number, number, string][] = [];
        forEachCell(t.rect, v, loc, (r, c, f) => {
          if (f === null) return;
          if (typeof f !== 'string')
            throw new FakeOfficeError('InvalidArgument', loc, `number format ${JSON.stringify(f)}`);
          writes.push([r, c, f]);
        });
        for (const [r, c, f] of writes) setNumberFormat(t.sheet, r, c, f);
        this.state.record(t.sheet.name, localAddress(t.rect), 'numberFormat');
      },
      jsonBytes(v),
    );
  }

  private writeCells(t: RangeTarget, input: unknown, loc: string, op: string): void {
    this.state.assertSheetWritable(t.sheet, loc);
    // Validate the whole input before touching the document (Excel rejects a malformed write as a whole).
    const writes: [number, number, { value: StoredValue; formula?: string }][] = [];
    forEachCell(t.rect, input, loc, (r, c, v) => {
      const s = toStored(v, loc);
      if (s) writes.push([r, c, s]);
    });
    for (const [r, c, s] of writes) setCell(t.sheet, r, c, s.value, s.formula);
    this.state.record(t.sheet.name, localAddress(t.rect), op);
  }

  /** Range.dataValidation (ExcelApi 1.8). */
  get dataValidation(): FakeDataValidation {
    return this.child(
      'dataValidation',
      () =>
        new FakeDataValidation(
          this.context,
          this.from((t) => t),
        ),
    );
  }

  get format(): FakeRangeFormat {
    return this.child(
      'format',
      () =>
        new FakeRangeFormat(
          this.context,
          this.from((t) => t),
        ),
    );
  }

  get worksheet(): FakeWorksheet {
    return this.child(
      'worksheet',
      () =>
        new FakeWorksheet(
          this.context,
          this.from((t) => t.sheet),
        ),
    );
  }

  private derived(location: string, fn: (t: RangeTarget) => Rect, minApi?: string): FakeRange {
    const r = new FakeRange(
      this.context,
      this.from((t) => ({ sheet: t.sheet, rect: checkRect(fn(t), location) })),
    );
    // Validate in order at sync (Office reports bad indexes when the request runs).
    this.context.enqueue({ location, requestBytes: 0, minApi, run: () => void r.resolve() });
    return r;
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived('Range.getCell', (t) => ({
      r0: t.rect.r0 + row,
      c0: t.rect.c0 + column,
      r1: t.rect.r0 + row,
      c1: t.rect.c0 + column,
    }));
  }
  getRow(row: number): FakeRange {
    return this.derived('Range.getRow', (t) => ({
      r0: t.rect.r0 + row,
      c0: t.rect.c0,
      r1: t.rect.r0 + row,
      c1: t.rect.c1,
    }));
  }
  getColumn(column: number): FakeRange {
    return this.derived('Range.getColumn', (t) => ({
      r0: t.rect.r0,
      c0: t.rect.c0 + column,
      r1: t.rect.r1,
      c1: t.rect.c0 + column,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived('Range.getResizedRange', (t) => ({
      ...t.rect,
      r1: t.rect.r1 + deltaRows,
      c1: t.rect.c1 + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived('Range.getOffsetRange', (t) => ({
      r0: t.rect.r0 + rowOffset,
      r1: t.rect.r1 + rowOffset,
      c0: t.rect.c0 + columnOffset,
      c1: t.rect.c1 + columnOffset,
    }));
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    return this.derived(
      'Range.getAbsoluteResizedRange',
      (t) => ({ r0: t.rect.r0, c0: t.rect.c0, r1: t.rect.r0 + numRows - 1, c1: t.rect.c0 + numColumns - 1 }),
      '1.7',
    );
  }
  getRowsBelow(count?: number): FakeRange {
    const n = count ?? 1;
    return this.derived(
      'Range.getRowsBelow',
      (t) => ({ r0: t.rect.r1 + 1, c0: t.rect.c0, r1: t.rect.r1 + n, c1: t.rect.c1 }),
      '1.2',
    );
  }
  getLastRow(): FakeRange {
    return this.derived('Range.getLastRow', (t) => ({ r0: t.rect.r1, c0: t.rect.c0, r1: t.rect.r1, c1: t.rect.c1 }));
  }
  getEntireColumn(): FakeRange {
    return this.derived('Range.getEntireColumn', (t) => ({ r0: 0, r1: MAX_ROWS - 1, c0: t.rect.c0, c1: t.rect.c1 }));
  }

  /** Range.clear (ExcelApi 1.1): contents, formats or both ("All", the default). */
  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.call('clear', (t, loc) => {
      this.state.assertSheetWritable(t.sheet, loc);
      for (const tb of this.state.liveTables()) {
        const header = headerRect(tb);
        if (tb.sheet === t.sheet && applyTo !== 'Formats' && overlapsRect(header, t.rect))
          throw new FakeOfficeError('InvalidOperation', loc, `would clear the header row of table "${tb.name}"`);
      }
      const { r0, r1, c0, c1 } = t.rect;
      const rowsOf = (grid: unknown[][]): void => {
        for (let r = r0; r <= Math.min(r1, grid.length - 1); r++) {
          const row = grid[r];
          if (!row) continue;
          for (let c = c0; c <= Math.min(c1, row.length - 1); c++) row[c] = undefined;
        }
      };
      if (applyTo !== 'Formats') {
        rowsOf(t.sheet.values);
        rowsOf(t.sheet.formulas);
      }
      if (applyTo !== 'Contents') {
        rowsOf(t.sheet.numberFormats);
        t.sheet.bold.push({ rect: t.rect, bold: false });
      }
      this.state.record(t.sheet.name, localAddress(t.rect), `clear${applyTo}`);
    });
  }

  /**
   * Range.getUsedRangeOrNullObject (ExcelApi 1.4): the smallest block holding every used cell of the range (a value
   * or a formula; with valuesOnly false, a number format too), or a null object when none is.
   */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const location = 'Range.getUsedRangeOrNullObject';
    const r = new FakeRange(
      this.context,
      this.from((t) => usedRect(t.sheet, t.rect, valuesOnly) ?? NULL_OBJECT),
    );
    r.instantiate(location, '1.4');
    return r;
  }

  /** Range.getVisibleView (ExcelApi 1.3): the rows of the range that are not hidden (hidden columns not modelled). */
  getVisibleView(): FakeRangeView {
    const location = 'Range.getVisibleView';
    const view = new FakeRangeView(
      this.context,
      this.from((t) => ({ sheet: t.sheet, rect: t.rect })),
    );
    this.context.enqueue({ location, requestBytes: 0, minApi: '1.3', run: () => void view.resolve() });
    return view;
  }

  /**
   * Range.getMergedAreasOrNullObject (ExcelApi 1.13): the merged blocks whose top-left cell lies in the range (a
   * block that only reaches into it from above or from the left is left out, by design: OfficeDev/office-js#3611),
   * or a null object when there is none.
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    const location = 'Range.getMergedAreasOrNullObject';
    const areas = new FakeRangeAreas(
      this.context,
      this.from((t) => {
        const { r0, r1, c0, c1 } = t.rect;
        const rects = t.sheet.merges.filter((m) => m.r0 >= r0 && m.r0 <= r1 && m.c0 >= c0 && m.c0 <= c1);
        if (rects.length === 0) return NULL_OBJECT;
        return { sheet: t.sheet, rects: [...rects].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0) };
      }),
    );
    areas.instantiate(location, '1.13');
    return areas;
  }

  select(): void {
    this.call('select', (t) => {
      this.state.activeSheet = t.sheet;
      this.state.selection = { sheet: t.sheet.name, address: localAddress(t.rect) };
    });
  }
}

/** The visible rows of a range (RangeView, ExcelApi 1.3). */
export class FakeRangeView
  extends FakeClientObject<RangeTarget>
  implements Pick<Excel.RangeView, 'rowCount' | 'columnCount' | 'values' | 'cellAddresses'>
{
  protected readonly entity = 'RangeView';

  private visibleRows(t: RangeTarget): number[] {
    const rows: number[] = [];
    for (let r = t.rect.r0; r <= t.rect.r1; r++) if (!t.sheet.hiddenRows.has(r)) rows.push(r);
    return rows;
  }

  protected scalars(): Record<string, (t: RangeTarget) => unknown> {
    const loc = 'RangeView.load';
    const visible = (t: RangeTarget, cell: (r: number, c: number) => unknown): unknown[][] => {
      const rows = this.visibleRows(t);
      if (rows.length * rectColumns(t.rect) * 2 > RESPONSE_LIMIT) {
        throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', loc, 'range too large to return');
      }
      return rows.map((r) => Array.from({ length: rectColumns(t.rect) }, (_, j) => cell(r, t.rect.c0 + j)));
    };
    return {
      rowCount: (t) => rectRows(t.rect) - hiddenRowsIn(t.sheet, t.rect.r0, t.rect.r1),
      columnCount: (t) => rectColumns(t.rect),
      values: (t) => visible(t, (r, c) => getValue(t.sheet, r, c)),
      cellAddresses: (t) => visible(t, (r, c) => fullAddress(t.sheet.name, { r0: r, c0: c, r1: r, c1: c })),
    };
  }

  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  get cellAddresses(): unknown[][] {
    return this.read('cellAddresses');
  }
}

export interface AreasTarget {
  sheet: SheetState;
  rects: Rect[];
}

/** Several blocks of one sheet (RangeAreas, ExcelApi 1.9), as getMergedAreasOrNullObject returns them. */
export class FakeRangeAreas
  extends FakeClientObject<AreasTarget>
  implements Pick<Excel.RangeAreas, 'address' | 'areaCount' | 'cellCount'>
{
  protected readonly entity = 'RangeAreas';

  protected scalars(): Record<string, (t: AreasTarget) => unknown> {
    return {
      address: (t) => t.rects.map((r) => fullAddress(t.sheet.name, r)).join(', '),
      areaCount: (t) => t.rects.length,
      cellCount: (t) => t.rects.reduce((n, r) => n + rectRows(r) * rectColumns(r), 0),
    };
  }
  protected override navigations(): Record<string, () => Loadable> {
    return { areas: () => this.areas };
  }

  get address(): string {
    return this.read('address');
  }
  get areaCount(): number {
    return this.read('areaCount');
  }
  get cellCount(): number {
    return this.read('cellCount');
  }
  /** RangeAreas.areas (ExcelApi 1.9): each block as a Range. */
  get areas(): FakeRangeCollection {
    return this.child(
      'areas',
      () =>
        new FakeRangeCollection(
          this.context,
          this.from((t) => t.rects.map((rect) => ({ sheet: t.sheet, rect }))),
        ),
    );
  }
}

/** RangeCollection (ExcelApi 1.9): the blocks of a RangeAreas. */
export class FakeRangeCollection extends FakeCollection<RangeTarget, FakeRange> {
  protected readonly entity = 'RangeCollection';
  protected makeItem(t: RangeTarget): FakeRange {
    return new FakeRange(this.context, () => t);
  }
}

function overlapsRect(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

/** Bounding block of the used cells of `rect` (values and formulas; number formats too unless valuesOnly). */
export function usedRect(sheet: SheetState, rect: Rect, valuesOnly: boolean): RangeTarget | null {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  const scan = (grid: unknown[][], used: (v: unknown) => boolean): void => {
    for (let r = rect.r0; r <= Math.min(rect.r1, grid.length - 1); r++) {
      const row = grid[r];
      if (!row) continue;
      for (let c = rect.c0; c <= Math.min(rect.c1, row.length - 1); c++) {
        if (!used(row[c])) continue;
        r0 = Math.min(r0, r);
        r1 = Math.max(r1, r);
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
      }
    }
  };
  scan(sheet.values, (v) => v !== undefined && v !== '');
  scan(sheet.formulas, (v) => v !== undefined);
  if (!valuesOnly) scan(sheet.numberFormats, (v) => v !== undefined);
  return r1 < 0 ? null : { sheet, rect: { r0, c0, r1, c1 } };
}

/** The last setting of a list of (rect, value) settings covering every cell of `rect`, or null when they differ. */
function uniformSetting<V>(list: { rect: Rect; value: V }[], rect: Rect, fallback: V): V | null {
  const seen = new Set<V>();
  for (let r = rect.r0; r <= rect.r1 && seen.size < 2; r++)
    for (let c = rect.c0; c <= rect.c1 && seen.size < 2; c++) {
      let v = fallback;
      for (let i = list.length - 1; i >= 0; i--) {
        const x = list[i];
        if (r >= x.rect.r0 && r <= x.rect.r1 && c >= x.rect.c0 && c <= x.rect.c1) {
          v = x.value;
          break;
        }
      }
      seen.add(v);
    }
  return seen.size === 1 ? [...seen][0] : null;
}

const VERTICAL_ALIGNMENTS = new Set(['Top', 'Center', 'Bottom', 'Justify', 'Distributed']);

/**
 * DataValidation (ExcelApi 1.8): only list rules, as the host writes them. A rule replaces the rules of the cells
 * it covers; a list's source is a literal "a,b,c" (at most 255 characters, as Excel allows) or a range "=Sheet!$A$1:$A$9".
 */
export class FakeDataValidation extends FakeClientObject<RangeTarget> implements Pick<Excel.DataValidation, 'rule'> {
  protected readonly entity = 'DataValidation';

  protected scalars(): Record<string, (t: RangeTarget) => unknown> {
    return {
      rule: (t) => t.sheet.validations.find((v) => sameRect(v.rect, t.rect))?.rule ?? {},
    };
  }

  get rule(): Excel.DataValidationRule {
    return this.read('rule');
  }
  set rule(rule: Excel.DataValidationRule) {
    this.write(
      'rule',
      rule,
      (t, loc) => {
        this.state.assertSheetWritable(t.sheet, loc);
        const source = rule.list?.source;
        if (typeof source !== 'string' || source === '')
          throw new FakeOfficeError('InvalidArgument', loc, `only list rules: ${JSON.stringify(rule)}`);
        if (!source.startsWith('=') && source.length > 255)
          throw new FakeOfficeError('InvalidArgument', loc, `a literal list of ${source.length} characters (max 255)`);
        t.sheet.validations = t.sheet.validations.filter((v) => !sameRect(v.rect, t.rect));
        t.sheet.validations.push({
          rect: t.rect,
          rule: { list: { inCellDropDown: rule.list?.inCellDropDown ?? true, source } },
        });
        this.state.record(t.sheet.name, localAddress(t.rect), 'dataValidation');
      },
      jsonBytes(rule),
      '1.8',
    );
  }
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.r0 === b.r0 && a.c0 === b.c0 && a.r1 === b.r1 && a.c1 === b.c1;
}

export class FakeRangeFormat
  extends FakeClientObject<RangeTarget>
  implements Pick<Excel.RangeFormat, 'columnWidth' | 'wrapText' | 'verticalAlignment'>
{
  protected readonly entity = 'RangeFormat';

  protected scalars(): Record<string, (t: RangeTarget) => unknown> {
    return {
      columnWidth: (t) => {
        const widths = new Set<number>();
        for (let c = t.rect.c0; c <= t.rect.c1; c++) widths.add(t.sheet.columnWidths.get(c) ?? 48);
        return widths.size === 1 ? [...widths][0] : null;
      },
      wrapText: (t) =>
        uniformSetting(
          t.sheet.wrap.map((w) => ({ rect: w.rect, value: w.wrap })),
          t.rect,
          false,
        ),
      verticalAlignment: (t) => uniformSetting(t.sheet.verticalAlignment, t.rect, 'Bottom'),
    };
  }

  /** RangeFormat.wrapText (ExcelApi 1.1). */
  get wrapText(): boolean {
    return this.read('wrapText');
  }
  set wrapText(b: boolean) {
    this.write('wrapText', b, (t, loc) => {
      this.state.assertSheetWritable(t.sheet, loc);
      if (typeof b !== 'boolean') throw new FakeOfficeError('InvalidArgument', loc, `wrapText ${JSON.stringify(b)}`);
      t.sheet.wrap.push({ rect: t.rect, wrap: b });
      this.state.record(t.sheet.name, localAddress(t.rect), 'wrapText');
    });
  }

  /** RangeFormat.verticalAlignment (ExcelApi 1.1). */
  get verticalAlignment(): Excel.VerticalAlignment | 'Top' | 'Center' | 'Bottom' | 'Justify' | 'Distributed' {
    return this.read('verticalAlignment');
  }
  set verticalAlignment(v: Excel.VerticalAlignment | 'Top' | 'Center' | 'Bottom' | 'Justify' | 'Distributed') {
    this.write('verticalAlignment', v, (t, loc) => {
      this.state.assertSheetWritable(t.sheet, loc);
      if (!VERTICAL_ALIGNMENTS.has(v)) throw new FakeOfficeError('InvalidArgument', loc, `verticalAlignment ${v}`);
      t.sheet.verticalAlignment.push({ rect: t.rect, value: v });
      this.state.record(t.sheet.name, localAddress(t.rect), 'verticalAlignment');
    });
  }

  /** RangeFormat.autofitRows (ExcelApi 1.2). */
  autofitRows(): void {
    this.call(
      'autofitRows',
      (t) => {
        t.sheet.autofittedRows.push(t.rect);
        this.state.record(t.sheet.name, localAddress(t.rect), 'autofitRows');
      },
      '1.2',
    );
  }
  protected override navigations(): Record<string, () => Loadable> {
    return { font: () => this.font };
  }

  get columnWidth(): number {
    return this.read('columnWidth');
  }
  set columnWidth(w: number) {
    this.write(
      'columnWidth',
      w,
      (t, loc) => {
        if (!(typeof w === 'number' && w >= 0 && Number.isFinite(w)))
          throw new FakeOfficeError('InvalidArgument', loc, `width ${w}`);
        for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.columnWidths.set(c, w);
        this.state.record(t.sheet.name, localAddress(t.rect), 'columnWidth');
      },
      0,
      '1.2',
    );
  }

  get font(): FakeRangeFont {
    return this.child(
      'font',
      () =>
        new FakeRangeFont(
          this.context,
          this.from((t) => t),
        ),
    );
  }

  autofitColumns(): void {
    this.call(
      'autofitColumns',
      (t) => {
        t.sheet.autofitted.push(t.rect);
        this.state.record(t.sheet.name, localAddress(t.rect), 'autofitColumns');
      },
      '1.2',
    );
  }
}

export class FakeRangeFont extends FakeClientObject<RangeTarget> implements Pick<Excel.RangeFont, 'bold'> {
  protected readonly entity = 'RangeFont';

  protected scalars(): Record<string, (t: RangeTarget) => unknown> {
    return {
      bold: (t) => {
        const seen = new Set<boolean>();
        for (let r = t.rect.r0; r <= t.rect.r1 && seen.size < 2; r++)
          for (let c = t.rect.c0; c <= t.rect.c1 && seen.size < 2; c++) {
            let b = false;
            for (let i = t.sheet.bold.length - 1; i >= 0; i--) {
              const x = t.sheet.bold[i];
              if (r >= x.rect.r0 && r <= x.rect.r1 && c >= x.rect.c0 && c <= x.rect.c1) {
                b = x.bold;
                break;
              }
            }
            seen.add(b);
          }
        return seen.size === 1 ? [...seen][0] : null;
      },
    };
  }

  get bold(): boolean {
    return this.read('bold');
  }
  set bold(b: boolean) {
    this.write('bold', b, (t, loc) => {
      this.state.assertSheetWritable(t.sheet, loc);
      t.sheet.bold.push({ rect: t.rect, bold: !!b });
      this.state.record(t.sheet.name, localAddress(t.rect), 'bold');
    });
  }
}

// ------------------------------------------------------------------------------------------------ worksheets

export class FakeWorksheet
  extends FakeClientObject<SheetState>
  implements Pick<Excel.Worksheet, 'name' | 'id' | 'position'>
{
  protected readonly entity = 'Worksheet';

  protected scalars(): Record<string, (t: SheetState) => unknown> {
    return {
      name: (t) => t.name,
      id: (t) => t.id,
      position: (t) => this.state.liveSheets().indexOf(t),
      visibility: (t) => t.visibility,
    };
  }
  protected override navigations(): Record<string, () => Loadable> {
    return {
      tables: () => this.tables,
      charts: () => this.charts,
      freezePanes: () => this.freezePanes,
      names: () => this.names,
      protection: () => this.protection,
    };
  }

  get name(): string {
    return this.read('name');
  }
  set name(n: string) {
    this.write('name', n, (t, loc) => {
      this.state.assertStructureWritable(loc);
      const old = t.name;
      this.state.renameSheet(t, n, loc);
      this.state.record(old, old, 'rename');
    });
  }
  get id(): string {
    return this.read('id');
  }
  get position(): number {
    return this.read('position');
  }
  get visibility(): SheetVisibility {
    return this.read('visibility');
  }
  set visibility(v: SheetVisibility) {
    this.write('visibility', v, (t, loc) => {
      if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden')
        throw new FakeOfficeError('InvalidArgument', loc, `visibility ${JSON.stringify(v)}`);
      t.visibility = v;
      this.state.record(t.name, t.name, 'visibility');
    });
  }

  get tables(): FakeTableCollection {
    return this.child(
      'tables',
      () =>
        new FakeTableCollection(
          this.context,
          this.from((s) => this.state.liveTables().filter((t) => t.sheet === s)),
          this,
        ),
    );
  }
  get charts(): FakeChartCollection {
    return this.child(
      'charts',
      () =>
        new FakeChartCollection(
          this.context,
          this.from((s) => s.charts.filter((c) => !c.deleted)),
          this,
        ),
    );
  }
  get freezePanes(): FakeFreezePanes {
    return this.child(
      'freezePanes',
      () =>
        new FakeFreezePanes(
          this.context,
          this.from((s) => s),
        ),
    );
  }
  /** Worksheet.names (ExcelApi 1.4): the sheet-scoped defined names. */
  get names(): FakeNamedItemCollection {
    return this.child(
      'names',
      () =>
        new FakeNamedItemCollection(
          this.context,
          this.from((s) => s.names),
          this,
        ),
    );
  }
  /** Worksheet.pageLayout (ExcelApi 1.9). */
  get pageLayout(): FakePageLayout {
    return this.child(
      'pageLayout',
      () =>
        new FakePageLayout(
          this.context,
          this.from((s) => s),
        ),
    );
  }
  /** Worksheet.protection (ExcelApi 1.2). */
  get protection(): FakeWorksheetProtection {
    return this.child(
      'protection',
      () =>
        new FakeWorksheetProtection(
          this.context,
          this.from((s) => s),
        ),
    );
  }

  /** Worksheet.getUsedRangeOrNullObject (ExcelApi 1.4). */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const r = new FakeRange(
      this.context,
      this.from((s) => usedRect(s, { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 }, valuesOnly) ?? NULL_OBJECT),
    );
    r.instantiate('Worksheet.getUsedRangeOrNullObject', '1.4');
    return r;
  }

  getRange(address?: string): FakeRange {
    const location = 'Worksheet.getRange';
    const r = new FakeRange(
      this.context,
      this.from((s) => {
        if (address === undefined || address === '')
          return { sheet: s, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 } };
        const { sheet, local } = splitSheet(address);
        if (sheet !== undefined && sheet.toLowerCase() !== s.name.toLowerCase()) {
          throw new FakeOfficeError('InvalidArgument', location, `address "${address}" is on another sheet`);
        }
        return { sheet: s, rect: parseLocal(local, location) };
      }),
    );
    this.context.enqueue({ location, requestBytes: 0, run: () => void r.resolve() });
    return r;
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    const location = 'Worksheet.getRangeByIndexes';
    const r = new FakeRange(
      this.context,
      this.from((s) => ({
        sheet: s,
        rect: checkRect(
          { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 },
          location,
        ),
      })),
    );
    this.context.enqueue({ location, requestBytes: 0, minApi: '1.7', run: () => void r.resolve() });
    return r;
  }

  activate(): void {
    this.call('activate', (s, loc) => {
      if (s.visibility !== 'Visible')
        throw new FakeOfficeError('InvalidOperation', loc, 'cannot activate a hidden sheet');
      this.state.activeSheet = s;
    });
  }

  delete(): void {
    this.call('delete', (s, loc) => {
      this.state.assertStructureWritable(loc);
      this.state.deleteSheet(s, loc);
      this.state.record(s.name, s.name, 'deleteSheet');
    });
  }
}

// ------------------------------------------------------------------------------------------------ page layout

/** Paper sizes of Excel.PaperType the fake accepts (Office.js refuses anything else with InvalidArgument). */
const PAPER_TYPES = new Set([
  'Letter',
  'LetterSmall',
  'Tabloid',
  'Ledger',
  'Legal',
  'Statement',
  'Executive',
  'A3',
  'A4',
  'A5',
]);
const POINTS_PER: Record<string, number> = { Points: 1, Inches: 72, Centimeters: 72 / 2.54 };
/** Excel's limit on a header or footer, codes included. */
const MAX_HEADER_FOOTER = 255;

/**
 * Worksheet.pageLayout (ExcelApi 1.9, every member): paper size, orientation, zoom (set as a whole object), margins
 * (setPrintMargins with a unit; stored and reported in points), print area, print title rows (whole rows only) and
 * the headers and footers. Values Office.js refuses (a scale outside 10–400, an unknown paper) are InvalidArgument.
 */
export class FakePageLayout
  extends FakeClientObject<SheetState>
  implements Pick<Excel.PageLayout, 'paperSize' | 'orientation' | 'zoom' | 'leftMargin' | 'topMargin'>
{
  protected readonly entity = 'PageLayout';
  protected scalars(): Record<string, (t: SheetState) => unknown> {
    const m = (s: SheetState, k: 'left' | 'right' | 'top' | 'bottom' | 'header' | 'footer', d: number) =>
      s.pageLayout.margins?.[k] ?? d;
    return {
      paperSize: (s) => s.pageLayout.paperSize ?? 'Letter',
      orientation: (s) => s.pageLayout.orientation ?? 'Portrait',
      zoom: (s) => s.pageLayout.zoom ?? { scale: 100 },
      leftMargin: (s) => m(s, 'left', 50.4),
      rightMargin: (s) => m(s, 'right', 50.4),
      topMargin: (s) => m(s, 'top', 54),
      bottomMargin: (s) => m(s, 'bottom', 54),
      headerMargin: (s) => m(s, 'header', 21.6),
      footerMargin: (s) => m(s, 'footer', 21.6),
    };
  }
  protected override navigations(): Record<string, () => Loadable> {
    return { headersFooters: () => this.headersFooters };
  }
  override load(spec?: LoadSpec): this {
    this.context.enqueue({ location: 'Worksheet.pageLayout', requestBytes: 0, minApi: '1.9', run: () => undefined });
    return super.load(spec);
  }
  private set19(prop: string, value: unknown, apply: (s: SheetState, loc: string) => void): void {
    this.write(
      prop,
      value,
      (s, loc) => {
        apply(s, loc);
        this.state.record(s.name, s.name, `pageLayout.${prop}`);
      },
      jsonBytes(value),
      '1.9',
    );
  }
  get paperSize(): Excel.PaperType | 'Letter' {
    return this.read('paperSize');
  }
  set paperSize(p: Excel.PaperType | 'Letter') {
    this.set19('paperSize', p, (s, loc) => {
      if (!PAPER_TYPES.has(p)) throw new FakeOfficeError('InvalidArgument', loc, `paper size ${JSON.stringify(p)}`);
      s.pageLayout.paperSize = p;
    });
  }
  get orientation(): Excel.PageOrientation | 'Portrait' | 'Landscape' {
    return this.read('orientation');
  }
  set orientation(o: Excel.PageOrientation | 'Portrait' | 'Landscape') {
    this.set19('orientation', o, (s, loc) => {
      if (o !== 'Portrait' && o !== 'Landscape')
        throw new FakeOfficeError('InvalidArgument', loc, `orientation ${JSON.stringify(o)}`);
      s.pageLayout.orientation = o;
    });
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.read('zoom');
  }
  set zoom(z: Excel.PageLayoutZoomOptions) {
    this.set19('zoom', z, (s, loc) => {
      const scale = z?.scale;
      if (scale !== undefined && !(Number.isInteger(scale) && scale >= 10 && scale <= 400))
        throw new FakeOfficeError('InvalidArgument', loc, `zoom scale ${scale}`);
      s.pageLayout.zoom = { ...z };
    });
  }
  get leftMargin(): number {
    return this.read('leftMargin');
  }
  get topMargin(): number {
    return this.read('topMargin');
  }
  get headersFooters(): FakeHeaderFooterGroup {
    return this.child(
      'headersFooters',
      () =>
        new FakeHeaderFooterGroup(
          this.context,
          this.from((s) => s),
        ),
    );
  }
  setPrintMargins(unit: 'Points' | 'Inches' | 'Centimeters', options: Excel.PageLayoutMarginOptions): void {
    this.call(
      'setPrintMargins',
      (s, loc) => {
        const k = POINTS_PER[unit];
        if (k === undefined) throw new FakeOfficeError('InvalidArgument', loc, `unit ${JSON.stringify(unit)}`);
        const next = { ...(s.pageLayout.margins ?? {}) };
        for (const key of ['left', 'right', 'top', 'bottom', 'header', 'footer'] as const) {
          const v = options[key];
          if (v === undefined) continue;
          if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0))
            throw new FakeOfficeError('InvalidArgument', loc, `${key} margin ${v}`);
          next[key] = v * k;
        }
        s.pageLayout.margins = next;
        this.state.record(s.name, s.name, 'pageLayout.setPrintMargins');
      },
      '1.9',
      jsonBytes(options),
    );
  }
  private rowsOrArea(s: SheetState, x: FakeRange | string, loc: string): Rect {
    if (typeof x !== 'string') {
      const t = x.target(loc);
      if (t.sheet !== s) throw new FakeOfficeError('InvalidArgument', loc, 'a range on another sheet');
      return t.rect;
    }
    const { sheet, local } = splitSheet(x);
    if (sheet !== undefined && sheet.toLowerCase() !== s.name.toLowerCase())
      throw new FakeOfficeError('InvalidArgument', loc, `address "${x}" is on another sheet`);
    return parseLocal(local, loc);
  }
  setPrintArea(area: FakeRange | string): void {
    this.call(
      'setPrintArea',
      (s, loc) => {
        s.pageLayout.printArea = localAddress(this.rowsOrArea(s, area, loc));
        this.state.record(s.name, s.name, 'pageLayout.setPrintArea');
      },
      '1.9',
    );
  }
  setPrintTitleRows(rows: FakeRange | string): void {
    this.call(
      'setPrintTitleRows',
      (s, loc) => {
        const r = this.rowsOrArea(s, rows, loc);
        if (r.c0 !== 0 || r.c1 !== MAX_COLUMNS - 1)
          throw new FakeOfficeError('InvalidArgument', loc, 'the range must span the entire row');
        s.pageLayout.printTitleRows = `${r.r0 + 1}:${r.r1 + 1}`;
        this.state.record(s.name, s.name, 'pageLayout.setPrintTitleRows');
      },
      '1.9',
    );
  }
}

export class FakeHeaderFooterGroup extends FakeClientObject<SheetState> {
  protected readonly entity = 'HeaderFooterGroup';
  protected scalars(): Record<string, (t: SheetState) => unknown> {
    return {};
  }
  /** HeaderFooterGroup.defaultForAllPages (ExcelApi 1.9). */
  get defaultForAllPages(): FakeHeaderFooter {
    return this.child(
      'defaultForAllPages',
      () =>
        new FakeHeaderFooter(
          this.context,
          this.from((s) => s),
        ),
    );
  }
}

export class FakeHeaderFooter extends FakeClientObject<SheetState> implements Pick<Excel.HeaderFooter, 'centerHeader'> {
  protected readonly entity = 'HeaderFooter';
  protected scalars(): Record<string, (t: SheetState) => unknown> {
    return { centerHeader: (s) => s.pageLayout.centerHeader ?? '' };
  }
  /** HeaderFooter.centerHeader (ExcelApi 1.9): text with Excel's "&" codes; at most 255 characters. */
  get centerHeader(): string {
    return this.read('centerHeader');
  }
  set centerHeader(text: string) {
    this.write(
      'centerHeader',
      text,
      (s, loc) => {
        if (typeof text !== 'string' || text.length > MAX_HEADER_FOOTER)
          throw new FakeOfficeError('InvalidArgument', loc, `header of ${String(text).length} characters`);
        s.pageLayout.centerHeader = text;
        this.state.record(s.name, s.name, 'pageLayout.centerHeader');
      },
      jsonBytes(text),
      '1.9',
    );
  }
}

export class FakeWorksheetProtection
  extends FakeClientObject<SheetState>
  implements Pick<Excel.WorksheetProtection, 'protected'>
{
  protected readonly entity = 'WorksheetProtection';
  protected scalars(): Record<string, (t: SheetState) => unknown> {
    return { protected: (s) => s.protected };
  }
  override load(spec?: LoadSpec): this {
    this.context.enqueue({ location: 'Worksheet.protection', requestBytes: 0, minApi: '1.2', run: () => undefined });
    return super.load(spec);
  }
  get protected(): boolean {
    return this.read('protected');
  }
}

export class FakeWorkbookProtection
  extends FakeClientObject<WorkbookState>
  implements Pick<Excel.WorkbookProtection, 'protected'>
{
  protected readonly entity = 'WorkbookProtection';
  protected scalars(): Record<string, (t: WorkbookState) => unknown> {
    return { protected: (w) => w.protected };
  }
  override load(spec?: LoadSpec): this {
    this.context.enqueue({ location: 'Workbook.protection', requestBytes: 0, minApi: '1.7', run: () => undefined });
    return super.load(spec);
  }
  get protected(): boolean {
    return this.read('protected');
  }
}

export class FakeFreezePanes extends FakeClientObject<SheetState> {
  protected readonly entity = 'WorksheetFreezePanes';
  protected scalars(): Record<string, (t: SheetState) => unknown> {
    return {};
  }
  freezeRows(count?: number): void {
    this.call(
      'freezeRows',
      (s, loc) => {
        const n = count ?? 1;
        if (!Number.isInteger(n) || n < 0 || n >= MAX_ROWS)
          throw new FakeOfficeError('InvalidArgument', loc, `rows ${n}`);
        s.frozenRows = n;
        this.state.record(s.name, s.name, 'freezeRows');
      },
      '1.7',
    );
  }
  unfreeze(): void {
    this.call(
      'unfreeze',
      (s) => {
        s.frozenRows = 0;
        this.state.record(s.name, s.name, 'unfreeze');
      },
      '1.7',
    );
  }
}

export class FakeWorksheetCollection extends FakeCollection<SheetState, FakeWorksheet> {
  protected readonly entity = 'WorksheetCollection';

  protected makeItem(s: SheetState): FakeWorksheet {
    return new FakeWorksheet(this.context, () => s);
  }

  getItem(key: string): FakeWorksheet {
    const location = 'WorksheetCollection.getItem';
    return new FakeWorksheet(this.context, () => {
      const s = this.state.findSheet(key);
      if (!s) throw new FakeOfficeError('ItemNotFound', location, `no worksheet "${key}"`);
      return s;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.context, () => this.state.findSheet(key) ?? NULL_OBJECT);
    ws.instantiate('WorksheetCollection.getItemOrNullObject', '1.4');
    return ws;
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const s = this.state.activeSheet;
      if (!s) throw new FakeOfficeError('ItemNotFound', 'WorksheetCollection.getActiveWorksheet');
      return s;
    });
  }

  add(name?: string): FakeWorksheet {
    let created: SheetState | undefined;
    const location = 'WorksheetCollection.add';
    const ws = new FakeWorksheet(this.context, () => {
      if (!created) throw new FakeOfficeError('InvalidReference', location, 'the sheet was not created');
      return created;
    });
    this.context.enqueue({
      location,
      requestBytes: 0,
      run: () => {
        this.state.assertStructureWritable(location);
        created = this.state.addSheet(name, location);
        this.state.record(created.name, created.name, 'addSheet');
      },
    });
    return ws;
  }
}

// ------------------------------------------------------------------------------------------------ tables

export class FakeTable
  extends FakeClientObject<TableState>
  implements Pick<Excel.Table, 'name' | 'id' | 'style' | 'showTotals' | 'showHeaders'>
{
  protected readonly entity = 'Table';

  protected scalars(): Record<string, (t: TableState) => unknown> {
    return {
      name: (t) => t.name,
      id: (t) => t.id,
      style: (t) => t.style,
      showTotals: (t) => t.showTotals,
      showHeaders: (t) => t.showHeaders,
    };
  }
  protected override navigations(): Record<string, () => Loadable> {
    return {
      worksheet: () => this.worksheet,
      columns: () => this.columns,
      rows: () => this.rows,
      autoFilter: () => this.autoFilter,
    };
  }

  override load(spec?: LoadSpec): this {
    // Table.autoFilter needs ExcelApi 1.9: gate a load through it like Office would.
    if (parseLoadSpec(spec).some((p) => p[0] === 'autoFilter')) {
      this.context.enqueue({ location: 'Table.autoFilter', requestBytes: 0, minApi: '1.9', run: () => undefined });
    }
    return super.load(spec);
  }

  get name(): string {
    return this.read('name');
  }
  set name(n: string) {
    this.write('name', n, (t, loc) => {
      this.state.renameTable(t, n, loc);
      this.state.record(t.sheet.name, t.name, 'renameTable');
    });
  }
  get id(): string {
    return this.read('id');
  }
  get style(): string {
    return this.read('style');
  }
  set style(s: string) {
    this.write('style', s, (t, loc) => {
      if (typeof s !== 'string' || !/^TableStyle(Light|Medium|Dark)\d{1,2}$/.test(s)) {
        throw new FakeOfficeError('InvalidArgument', loc, `unknown table style "${s}"`);
      }
      t.style = s;
      this.state.record(t.sheet.name, t.name, 'style');
    });
  }
  get showTotals(): boolean {
    return this.read('showTotals');
  }
  set showTotals(b: boolean) {
    this.write('showTotals', b, (t, loc) => {
      if (b && !t.showTotals)
        throw new FakeOfficeError('InvalidOperation', loc, 'the fake does not model adding a totals row');
      if (!b && t.showTotals) {
        // The totals row leaves the table and its cells are cleared, as Excel does.
        this.state.assertSheetWritable(t.sheet, loc);
        const r = totalsRect(t);
        for (let c = r.c0; c <= r.c1; c++) setCell(t.sheet, r.r0, c, '', undefined);
        t.showTotals = false;
      }
      this.state.record(t.sheet.name, t.name, 'showTotals');
    });
  }
  /**
   * Table.showHeaders (ExcelApi 1.1): false when the header row is switched off; the table then starts at its first
   * data row. The fake reads it; switching it by a host is not modelled (tests seed it: FakeExcel.seedTable).
   */
  get showHeaders(): boolean {
    return this.read('showHeaders');
  }

  /** Table.autoFilter (ExcelApi 1.9). */
  get autoFilter(): FakeAutoFilter {
    return this.child(
      'autoFilter',
      () =>
        new FakeAutoFilter(
          this.context,
          this.from((t) => t),
        ),
    );
  }

  get worksheet(): FakeWorksheet {
    return this.child(
      'worksheet',
      () =>
        new FakeWorksheet(
          this.context,
          this.from((t) => t.sheet),
        ),
    );
  }
  get columns(): FakeTableColumnCollection {
    return this.child(
      'columns',
      () =>
        new FakeTableColumnCollection(
          this.context,
          this.from((t) => columnsOf(t)),
        ),
    );
  }
  get rows(): FakeTableRowCollection {
    return this.child(
      'rows',
      () =>
        new FakeTableRowCollection(
          this.context,
          this.from((t) => t),
        ),
    );
  }

  private range(fn: (t: TableState) => Rect): FakeRange {
    return new FakeRange(
      this.context,
      this.from((t) => ({ sheet: t.sheet, rect: fn(t) })),
    );
  }
  getRange(): FakeRange {
    return this.range(tableRect);
  }
  /**
   * The header row. With the header row switched off there is none: ItemNotFound (assumed from VBA's
   * ListObject.HeaderRowRange, Nothing then; Office.js does not document it, and the host does not rely on it).
   */
  getHeaderRowRange(): FakeRange {
    const location = 'Table.getHeaderRowRange';
    return new FakeRange(
      this.context,
      this.from((t) => {
        if (!t.showHeaders) throw new FakeOfficeError('ItemNotFound', location, 'the header row is switched off');
        return { sheet: t.sheet, rect: headerRect(t) };
      }),
    );
  }
  getDataBodyRange(): FakeRange {
    return this.range(bodyRect);
  }
  /** The totals row; without one, ItemNotFound (assumed, as for getHeaderRowRange). */
  getTotalRowRange(): FakeRange {
    const location = 'Table.getTotalRowRange';
    return new FakeRange(
      this.context,
      this.from((t) => {
        if (!t.showTotals) throw new FakeOfficeError('ItemNotFound', location, 'the table has no totals row');
        return { sheet: t.sheet, rect: totalsRect(t) };
      }),
    );
  }

  delete(): void {
    this.call('delete', (t, loc) => {
      this.state.assertSheetWritable(t.sheet, loc);
      t.deleted = true;
      this.state.record(t.sheet.name, t.name, 'deleteTable');
    });
  }

  /** Table.convertToRange (ExcelApi 1.2): the table object goes, every cell stays ("All data is preserved"). */
  convertToRange(): FakeRange {
    const location = 'Table.convertToRange';
    let cells: RangeTarget | undefined;
    this.call(
      'convertToRange',
      (t, loc) => {
        this.state.assertSheetWritable(t.sheet, loc);
        cells = { sheet: t.sheet, rect: tableRect(t) };
        t.deleted = true;
        this.state.record(t.sheet.name, t.name, 'convertToRange');
      },
      '1.2',
    );
    return new FakeRange(this.context, () => {
      if (!cells) throw new FakeOfficeError('InvalidReference', location, 'the table was not converted');
      return cells;
    });
  }

  /**
   * Table.resize (ExcelApi 1.13): the new range must overlap the table and keep its header row; no cell moves.
   * Header cells the table gains become "ColumnN" when empty, as Excel names them.
   */
  resize(newRange: FakeRange | string): void {
    this.call(
      'resize',
      (t, loc) => {
        this.state.assertSheetWritable(t.sheet, loc);
        if (!t.showHeaders || t.showTotals)
          throw new FakeOfficeError('InvalidOperation', loc, 'the fake resizes tables with a header row only');
        const target =
          typeof newRange === 'string'
            ? { sheet: t.sheet, rect: parseLocal(splitSheet(newRange).local, loc) }
            : newRange.target(loc);
        if (target.sheet !== t.sheet) throw new FakeOfficeError('InvalidArgument', loc, 'another sheet');
        const r = target.rect;
        if (r.r0 !== t.r0) throw new FakeOfficeError('InvalidArgument', loc, 'the header row must stay in its row');
        if (!overlapsRect(r, tableRect(t)))
          throw new FakeOfficeError('InvalidArgument', loc, 'the new range must overlap the table');
        for (const other of this.state.liveTables()) {
          if (other !== t && other.sheet === t.sheet && overlapsRect(tableRect(other), r))
            throw new FakeOfficeError('InvalidArgument', loc, `overlaps table "${other.name}"`);
        }
        t.c0 = r.c0;
        t.columns = rectColumns(r);
        t.dataRows = Math.max(1, rectRows(r) - 1);
        for (let c = 0; c < t.columns; c++) {
          if (getValue(t.sheet, t.r0, t.c0 + c) === '') setCell(t.sheet, t.r0, t.c0 + c, `Column${c + 1}`, undefined);
        }
        this.state.record(t.sheet.name, t.name, 'resizeTable');
      },
      '1.13',
    );
  }
}

/** Table.autoFilter (ExcelApi 1.9, every member): whether a filter criterion hides rows of the table. */
export class FakeAutoFilter
  extends FakeClientObject<TableState>
  implements Pick<Excel.AutoFilter, 'enabled' | 'isDataFiltered'>
{
  protected readonly entity = 'AutoFilter';
  protected scalars(): Record<string, (t: TableState) => unknown> {
    // A table always carries an AutoFilter (its filter buttons); the fake does not model switching them off.
    return { enabled: () => true, isDataFiltered: (t) => t.filtered };
  }
  override load(spec?: LoadSpec): this {
    this.context.enqueue({ location: 'Table.autoFilter', requestBytes: 0, minApi: '1.9', run: () => undefined });
    return super.load(spec);
  }
  get enabled(): boolean {
    return this.read('enabled');
  }
  get isDataFiltered(): boolean {
    return this.read('isDataFiltered');
  }
}

export interface TableColumnTarget {
  table: TableState;
  index: number;
}

/** A column's name: its header cell, or the name Excel keeps while the header row is off. */
function columnName(t: TableState, index: number): string {
  if (!t.showHeaders) return t.columnNames?.[index] ?? `Column${index + 1}`;
  return String(getValue(t.sheet, t.r0, t.c0 + index));
}

function columnsOf(t: TableState): TableColumnTarget[] {
  return Array.from({ length: t.columns }, (_, index) => ({ table: t, index }));
}

export class FakeTableColumn
  extends FakeClientObject<TableColumnTarget>
  implements Pick<Excel.TableColumn, 'name' | 'index'>
{
  protected readonly entity = 'TableColumn';
  protected scalars(): Record<string, (t: TableColumnTarget) => unknown> {
    return {
      name: (c) => columnName(c.table, c.index),
      index: (c) => c.index,
    };
  }
  get name(): string {
    return this.read('name');
  }
  get index(): number {
    return this.read('index');
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(
      this.context,
      this.from((c) => {
        const b = bodyRect(c.table);
        return { sheet: c.table.sheet, rect: { ...b, c0: b.c0 + c.index, c1: b.c0 + c.index } };
      }),
    );
  }
}

export class FakeTableColumnCollection extends FakeCollection<TableColumnTarget, FakeTableColumn> {
  protected readonly entity = 'TableColumnCollection';
  protected makeItem(c: TableColumnTarget): FakeTableColumn {
    return new FakeTableColumn(this.context, () => c);
  }
  getItem(key: string | number): FakeTableColumn {
    const location = 'TableColumnCollection.getItem';
    return new FakeTableColumn(
      this.context,
      this.from((cols) => {
        const hit = cols.find((c) => columnName(c.table, c.index).toLowerCase() === String(key).toLowerCase());
        if (!hit) throw new FakeOfficeError('ItemNotFound', location, `no column "${key}"`);
        return hit;
      }),
    );
  }
  getItemAt(index: number): FakeTableColumn {
    const location = 'TableColumnCollection.getItemAt';
    return new FakeTableColumn(
      this.context,
      this.from((cols) => {
        const hit = cols[index];
        if (!hit) throw new FakeOfficeError('InvalidArgument', location, `no column at ${index}`);
        return hit;
      }),
    );
  }
}

/** Moves cells of columns c0..c1 from row `from` down by n rows (Excel inserts cells when a table grows). */
function shiftDown(
  state: WorkbookState,
  sheet: SheetState,
  from: number,
  c0: number,
  c1: number,
  n: number,
  location: string,
): void {
  for (const t of state.liveTables()) {
    if (t.sheet !== sheet || t.r0 < from) continue;
    const inside = t.c0 >= c0 && t.c0 + t.columns - 1 <= c1;
    const outside = t.c0 + t.columns - 1 < c0 || t.c0 > c1;
    if (!inside && !outside) throw new FakeOfficeError('InvalidOperation', location, `would split table "${t.name}"`);
    if (inside) t.r0 += n;
  }
  const last = Math.max(sheet.values.length, sheet.formulas.length, sheet.numberFormats.length) - 1;
  if (last + n >= MAX_ROWS) throw new FakeOfficeError('InvalidOperation', location, 'rows would fall off the sheet');
  for (const gridRows of [sheet.values, sheet.formulas, sheet.numberFormats] as unknown[][][]) {
    for (let r = last; r >= from; r--) {
      const src = gridRows[r];
      if (!src) continue;
      for (let c = c0; c <= c1; c++) {
        if (src[c] === undefined) continue;
        (gridRows[r + n] ??= [])[c] = src[c];
        src[c] = undefined;
      }
    }
  }
}

/**
 * Moves the cells of columns c0..c1 below row `row` up by one, over it (Excel deletes a table row by deleting its
 * cells, shifting up). A table below that lies inside those columns moves up too; one that only partly shares them
 * would be split: InvalidOperation, as Excel refuses it.
 */
function shiftUp(state: WorkbookState, sheet: SheetState, row: number, c0: number, c1: number, location: string): void {
  for (const t of state.liveTables()) {
    if (t.sheet !== sheet || t.r0 <= row) continue;
    const inside = t.c0 >= c0 && t.c0 + t.columns - 1 <= c1;
    const outside = t.c0 + t.columns - 1 < c0 || t.c0 > c1;
    if (!inside && !outside) throw new FakeOfficeError('InvalidOperation', location, `would split table "${t.name}"`);
  }
  for (const t of state.liveTables()) {
    if (t.sheet === sheet && t.r0 > row && t.c0 >= c0 && t.c0 + t.columns - 1 <= c1) t.r0 -= 1;
  }
  const last = Math.max(sheet.values.length, sheet.formulas.length, sheet.numberFormats.length) - 1;
  for (const gridRows of [sheet.values, sheet.formulas, sheet.numberFormats] as unknown[][][]) {
    for (let r = row; r <= last; r++) {
      const below = gridRows[r + 1];
      for (let c = c0; c <= c1; c++) {
        const v = below?.[c];
        if (v === undefined && gridRows[r]?.[c] === undefined) continue;
        (gridRows[r] ??= [])[c] = v;
      }
    }
  }
}

export interface TableRowTarget {
  table: TableState;
  index: number;
}

/** TableRow (ExcelApi 1.1): a row of a table's body by position. */
export class FakeTableRow extends FakeClientObject<TableRowTarget> implements Pick<Excel.TableRow, 'index'> {
  protected readonly entity = 'TableRow';
  protected scalars(): Record<string, (t: TableRowTarget) => unknown> {
    return {
      index: (t) => t.index,
      values: (t) => [
        Array.from({ length: t.table.columns }, (_, j) =>
          getValue(t.table.sheet, t.table.r0 + 1 + t.index, t.table.c0 + j),
        ),
      ],
    };
  }
  get index(): number {
    return this.read('index');
  }
  /**
   * TableRow.delete (ExcelApi 1.1): the row's cells go and the cells below move up. The last row of a body is
   * emptied instead (a table keeps one body row, as in Excel).
   */
  delete(): void {
    this.call('delete', (t, loc) => {
      const table = t.table;
      this.state.assertSheetWritable(table.sheet, loc);
      if (t.index >= table.dataRows) throw new FakeOfficeError('InvalidArgument', loc, `no row ${t.index}`);
      const row = table.r0 + 1 + t.index;
      const c1 = table.c0 + table.columns - 1;
      if (table.dataRows === 1) {
        for (let c = table.c0; c <= c1; c++) setCell(table.sheet, row, c, '', undefined);
      } else {
        shiftUp(this.state, table.sheet, row, table.c0, c1, loc);
        table.dataRows -= 1;
      }
      this.state.record(table.sheet.name, table.name, 'deleteRow');
    });
  }
}

export class FakeTableRowCollection extends FakeClientObject<TableState> {
  protected readonly entity = 'TableRowCollection';
  protected scalars(): Record<string, (t: TableState) => unknown> {
    return { count: (t) => t.dataRows };
  }
  get count(): number {
    return this.read('count');
  }
  /** TableRowCollection.getItemAt (ExcelApi 1.1): the row at that position when the request runs. */
  getItemAt(index: number): FakeTableRow {
    const location = 'TableRowCollection.getItemAt';
    return new FakeTableRow(
      this.context,
      this.from((t) => {
        if (!Number.isInteger(index) || index < 0 || index >= t.dataRows)
          throw new FakeOfficeError('InvalidArgument', location, `no row at ${index}`);
        return { table: t, index };
      }),
    );
  }
  add(index?: number | null, values?: unknown[][] | boolean | string | number): void {
    this.call(
      'add',
      (t, loc) => {
        this.state.assertSheetWritable(t.sheet, loc);
        const rows = Array.isArray(values) ? values : [[]];
        if (Array.isArray(values) && values.some((r) => !Array.isArray(r) || r.length !== t.columns)) {
          throw new FakeOfficeError('InvalidArgument', loc, 'row values do not match the table columns');
        }
        const n = rows.length;
        const at = index === undefined || index === null ? t.dataRows : index;
        if (!Number.isInteger(at) || at < 0 || at > t.dataRows)
          throw new FakeOfficeError('InvalidArgument', loc, `index ${at}`);
        shiftDown(this.state, t.sheet, t.r0 + 1 + at, t.c0, t.c0 + t.columns - 1, n, loc);
        // shiftDown moved the table itself only if it started below; growing it is ours to do.
        t.dataRows += n;
        if (Array.isArray(values)) {
          values.forEach((row, i) =>
            row.forEach((v, j) => {
              const s = toStored(v, loc);
              if (s) setCell(t.sheet, t.r0 + 1 + at + i, t.c0 + j, s.value, s.formula);
            }),
          );
        }
        this.state.record(t.sheet.name, t.name, 'addRows');
      },
      undefined,
      jsonBytes(values ?? null),
    );
  }
}

export class FakeTableCollection extends FakeCollection<TableState, FakeTable> {
  protected readonly entity = 'TableCollection';

  constructor(
    context: FakeRequestContext,
    resolver: () => TableState[] | typeof NULL_OBJECT,
    private readonly sheet?: FakeWorksheet,
  ) {
    super(context, resolver);
  }

  protected makeItem(t: TableState): FakeTable {
    return new FakeTable(this.context, () => t);
  }

  private lookup(key: string, location: string): TableState | undefined {
    const t = this.state.findTable(key);
    if (t && this.sheet) {
      const s = this.sheet.target(location);
      return t.sheet === s ? t : undefined;
    }
    return t;
  }

  getItem(key: string): FakeTable {
    const location = 'TableCollection.getItem';
    return new FakeTable(this.context, () => {
      const t = this.lookup(key, location);
      if (!t) throw new FakeOfficeError('ItemNotFound', location, `no table "${key}"`);
      return t;
    });
  }

  getItemOrNullObject(key: string): FakeTable {
    const location = 'TableCollection.getItemOrNullObject';
    const t = new FakeTable(this.context, () => this.lookup(key, location) ?? NULL_OBJECT);
    t.instantiate(location, '1.4');
    return t;
  }

  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    let created: TableState | undefined;
    const location = 'TableCollection.add';
    const table = new FakeTable(this.context, () => {
      if (!created) throw new FakeOfficeError('InvalidReference', location, 'the table was not created');
      return created;
    });
    this.context.enqueue({
      location,
      requestBytes: 0,
      run: () => {
        if (!hasHeaders)
          throw new FakeOfficeError('InvalidArgument', location, 'the fake models tables with headers only');
        let target: RangeTarget;
        if (typeof address === 'string') {
          const { sheet, local } = splitSheet(address);
          let s: SheetState | undefined;
          if (this.sheet) {
            s = this.sheet.target(location);
            if (sheet !== undefined && sheet.toLowerCase() !== s.name.toLowerCase()) {
              throw new FakeOfficeError('InvalidArgument', location, `address "${address}" is on another sheet`);
            }
          } else {
            if (sheet === undefined)
              throw new FakeOfficeError('InvalidArgument', location, 'workbook.tables.add needs Sheet!A1:B2');
            s = this.state.findSheet(sheet);
            if (!s) throw new FakeOfficeError('ItemNotFound', location, `no worksheet "${sheet}"`);
          }
          target = { sheet: s, rect: parseLocal(local, location) };
        } else {
          target = address.target(location);
        }
        if (rectRows(target.rect) > MAX_ROWS - 1 || rectColumns(target.rect) === MAX_COLUMNS) {
          throw new FakeOfficeError('InvalidArgument', location, 'whole-column tables are not supported');
        }
        this.state.assertSheetWritable(target.sheet, location);
        created = this.state.addTable(target.sheet, target.rect, location);
        this.state.record(target.sheet.name, localAddress(target.rect), 'addTable');
      },
    });
    return table;
  }
}

// ------------------------------------------------------------------------------------------------ charts

export const CHART_TYPES_1_1 = new Set([
  'ColumnClustered',
  'ColumnStacked',
  'ColumnStacked100',
  'BarClustered',
  'BarStacked',
  'BarStacked100',
  'Line',
  'LineStacked',
  'LineMarkers',
  'Pie',
  'Doughnut',
  'Area',
  'AreaStacked',
  'XYScatter',
  'Radar',
]);
/** Chart types added with ExcelApi 1.9. */
export const CHART_TYPES_1_9 = new Set([
  'Waterfall',
  'Histogram',
  'Pareto',
  'Boxwhisker',
  'Treemap',
  'Sunburst',
  'Funnel',
  'RegionMap',
]);

export class FakeChart extends FakeClientObject<ChartState> implements Pick<Excel.Chart, 'name' | 'id'> {
  protected readonly entity = 'Chart';
  protected scalars(): Record<string, (t: ChartState) => unknown> {
    return { name: (c) => c.name, id: (c) => c.id, chartType: (c) => c.chartType };
  }
  protected override navigations(): Record<string, () => Loadable> {
    return { title: () => this.title, legend: () => this.legend, series: () => this.series };
  }
  get name(): string {
    return this.read('name');
  }
  set name(n: string) {
    this.write('name', n, (c, loc) => {
      refuseChartProperty(this.state, c, 'name', loc);
      c.name = n;
      this.state.record(c.sheet.name, c.name, 'chartName');
    });
  }
  get id(): string {
    return this.read('id');
  }
  get chartType(): string {
    return this.read('chartType');
  }
  get title(): FakeChartTitle {
    return this.child(
      'title',
      () =>
        new FakeChartTitle(
          this.context,
          this.from((c) => c),
        ),
    );
  }
  get legend(): FakeChartLegend {
    return this.child(
      'legend',
      () =>
        new FakeChartLegend(
          this.context,
          this.from((c) => c),
        ),
    );
  }
  get series(): FakeChartSeriesCollection {
    return this.child(
      'series',
      () =>
        new FakeChartSeriesCollection(
          this.context,
          this.from((c) => c.series.map((s) => ({ chart: c, series: s }))),
        ),
    );
  }
  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    this.call('setPosition', (c, loc) => {
      refuseChartProperty(this.state, c, 'position', loc);
      const addr = (x: FakeRange | string): string => {
        if (typeof x === 'string') return localAddress(parseLocal(splitSheet(x).local, loc));
        return localAddress(x.target(loc).rect);
      };
      c.position = { start: addr(startCell), end: endCell === undefined ? undefined : addr(endCell) };
      this.state.record(c.sheet.name, c.name, 'chartPosition');
    });
  }
  delete(): void {
    this.call('delete', (c, loc) => {
      this.state.assertSheetWritable(c.sheet, loc);
      c.deleted = true;
      this.state.record(c.sheet.name, c.name, 'deleteChart');
    });
  }
}

/**
 * Some chart types refuse some properties on some platforms: a Waterfall chart's title on Excel 2016 raises
 * UnsupportedOperation (OfficeDev/office-js#2041), its series too (OfficeDev/office-js-docs#910). Tests pick which
 * with FakeExcel.failChartProperty.
 */
function refuseChartProperty(state: WorkbookState, c: ChartState, property: string, location: string): void {
  if (state.chartFailures.has(`${c.chartType}:${property}`)) {
    throw new FakeOfficeError('UnsupportedOperation', location, `${c.chartType} chart: ${property}`);
  }
}

export class FakeChartTitle extends FakeClientObject<ChartState> implements Pick<Excel.ChartTitle, 'text' | 'visible'> {
  protected readonly entity = 'ChartTitle';
  protected scalars(): Record<string, (t: ChartState) => unknown> {
    return { text: (c) => c.title, visible: (c) => c.titleVisible };
  }
  get text(): string {
    return this.read('text');
  }
  set text(s: string) {
    this.write('text', s, (c, loc) => {
      refuseChartProperty(this.state, c, 'title', loc);
      c.title = s;
      this.state.record(c.sheet.name, c.name, 'chartTitle');
    });
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.write('visible', v, (c) => {
      c.titleVisible = v;
    });
  }
}

export class FakeChartLegend extends FakeClientObject<ChartState> implements Pick<Excel.ChartLegend, 'visible'> {
  protected readonly entity = 'ChartLegend';
  protected scalars(): Record<string, (t: ChartState) => unknown> {
    return { visible: (c) => c.legendVisible };
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.write('visible', v, (c, loc) => {
      refuseChartProperty(this.state, c, 'legend', loc);
      c.legendVisible = v;
      this.state.record(c.sheet.name, c.name, 'legend');
    });
  }
}

interface SeriesTarget {
  chart: ChartState;
  series: ChartState['series'][number];
}

export class FakeChartSeries
  extends FakeClientObject<SeriesTarget>
  implements Pick<Excel.ChartSeries, 'name' | 'gapWidth' | 'hasDataLabels'>
{
  protected readonly entity = 'ChartSeries';
  protected scalars(): Record<string, (t: SeriesTarget) => unknown> {
    return {
      name: (s) => s.series.name,
      gapWidth: (s) => s.series.gapWidth ?? 150,
      hasDataLabels: (s) => s.series.hasDataLabels,
    };
  }
  get name(): string {
    return this.read('name');
  }
  set name(n: string) {
    this.write('name', n, (s) => {
      s.series.name = n;
    });
  }
  get gapWidth(): number {
    return this.read('gapWidth');
  }
  set gapWidth(w: number) {
    this.write('gapWidth', w, (s, loc) => {
      if (!(Number.isInteger(w) && w >= 0 && w <= 500))
        throw new FakeOfficeError('InvalidArgument', loc, `gap width ${w}`);
      s.series.gapWidth = w;
    });
  }
  get hasDataLabels(): boolean {
    return this.read('hasDataLabels');
  }
  set hasDataLabels(b: boolean) {
    this.write(
      'hasDataLabels',
      b,
      (s) => {
        s.series.hasDataLabels = b;
      },
      0,
      '1.8',
    );
  }
  get format(): FakeChartSeriesFormat {
    return this.child(
      'format',
      () =>
        new FakeChartSeriesFormat(
          this.context,
          this.from((s) => s),
        ),
    );
  }
}

export class FakeChartSeriesFormat extends FakeClientObject<SeriesTarget> {
  protected readonly entity = 'ChartSeriesFormat';
  protected scalars(): Record<string, (t: SeriesTarget) => unknown> {
    return {};
  }
  get fill(): FakeChartFill {
    return this.child(
      'fill',
      () =>
        new FakeChartFill(
          this.context,
          this.from((s) => s),
        ),
    );
  }
}

export class FakeChartFill extends FakeClientObject<SeriesTarget> {
  protected readonly entity = 'ChartFill';
  protected scalars(): Record<string, (t: SeriesTarget) => unknown> {
    return {};
  }
  clear(): void {
    this.call('clear', (s) => {
      s.series.fill = 'none';
      this.state.record(s.chart.sheet.name, s.chart.name, 'seriesFill');
    });
  }
  setSolidColor(color: string): void {
    this.call('setSolidColor', (s, loc) => {
      if (!/^#[0-9A-Fa-f]{6}$/.test(color) && !/^[A-Za-z]+$/.test(color))
        throw new FakeOfficeError('InvalidArgument', loc, `color ${color}`);
      s.series.fill = color;
      this.state.record(s.chart.sheet.name, s.chart.name, 'seriesFill');
    });
  }
}

export class FakeChartSeriesCollection extends FakeCollection<SeriesTarget, FakeChartSeries> {
  protected readonly entity = 'ChartSeriesCollection';
  protected makeItem(s: SeriesTarget): FakeChartSeries {
    return new FakeChartSeries(this.context, () => s);
  }
  getItemAt(index: number): FakeChartSeries {
    const location = 'ChartSeriesCollection.getItemAt';
    return new FakeChartSeries(
      this.context,
      this.from((list) => {
        const s = list[index];
        if (!s) throw new FakeOfficeError('InvalidArgument', location, `no series at ${index}`);
        refuseChartProperty(this.state, s.chart, 'series', location);
        return s;
      }),
    );
  }
}

export class FakeChartCollection extends FakeCollection<ChartState, FakeChart> {
  protected readonly entity = 'ChartCollection';

  constructor(
    context: FakeRequestContext,
    resolver: () => ChartState[] | typeof NULL_OBJECT,
    private readonly sheet: FakeWorksheet,
  ) {
    super(context, resolver);
  }

  protected makeItem(c: ChartState): FakeChart {
    return new FakeChart(this.context, () => c);
  }

  getItem(name: string): FakeChart {
    const location = 'ChartCollection.getItem';
    return new FakeChart(
      this.context,
      this.from((list) => {
        const c = list.find((x) => x.name.toLowerCase() === name.toLowerCase());
        if (!c) throw new FakeOfficeError('ItemNotFound', location, `no chart "${name}"`);
        return c;
      }),
    );
  }

  /** ChartCollection.getItemOrNullObject (ExcelApi 1.4). */
  getItemOrNullObject(name: string): FakeChart {
    const chart = new FakeChart(
      this.context,
      this.from((list) => list.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? NULL_OBJECT),
    );
    chart.instantiate('ChartCollection.getItemOrNullObject', '1.4');
    return chart;
  }

  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    let created: ChartState | undefined;
    const location = 'ChartCollection.add';
    const chart = new FakeChart(this.context, () => {
      if (!created) throw new FakeOfficeError('InvalidReference', location, 'the chart was not created');
      return created;
    });
    this.context.enqueue({
      location,
      requestBytes: 0,
      minApi: CHART_TYPES_1_9.has(type) ? '1.9' : undefined,
      run: () => {
        if (!CHART_TYPES_1_1.has(type) && !CHART_TYPES_1_9.has(type)) {
          throw new FakeOfficeError('InvalidArgument', location, `chart type "${type}" is not modelled`);
        }
        const sheet = this.sheet.target(location);
        this.state.assertSheetWritable(sheet, location);
        const src = sourceData.target(location);
        const by = seriesBy ?? 'Auto';
        if (by !== 'Auto' && by !== 'Columns' && by !== 'Rows')
          throw new FakeOfficeError('InvalidArgument', location, `seriesBy ${by}`);
        const rows = rectRows(src.rect);
        const cols = rectColumns(src.rect);
        // Header row names the series, the first column holds the categories (the layout the host writes).
        const byColumns = by === 'Columns' || (by === 'Auto' && rows >= cols);
        const n = byColumns ? cols - 1 : rows - 1;
        if (n < 1) throw new FakeOfficeError('InvalidArgument', location, 'the source has no series');
        const series = Array.from({ length: n }, (_, i) => ({
          name: String(
            byColumns
              ? getValue(src.sheet, src.rect.r0, src.rect.c0 + 1 + i)
              : getValue(src.sheet, src.rect.r0 + 1 + i, src.rect.c0),
          ),
          fill: 'automatic',
          hasDataLabels: false,
        }));
        created = {
          id: this.state.newId('chart'),
          name: `Chart ${sheet.charts.length + 1}`,
          sheet,
          chartType: type,
          source: { sheet: src.sheet.name, rect: src.rect },
          seriesBy: byColumns ? 'Columns' : 'Rows',
          title: '',
          titleVisible: true,
          legendVisible: true,
          series,
          deleted: false,
        };
        sheet.charts.push(created);
        this.state.record(sheet.name, created.name, 'addChart');
      },
    });
    return chart;
  }
}

// ------------------------------------------------------------------------------------------------ names

/** A range name's formula as Excel prints it: ='Sheet'!$A$1:$B$2, or =#REF! once its sheet is gone. */
function nameFormula(n: NameState): string {
  if (n.ref === undefined) return n.formula;
  if (n.ref === null) return '=#REF!';
  const { sheet, rect } = n.ref;
  const abs = (r: number, c: number): string => `$${columnLetters(c)}$${r + 1}`;
  const local =
    rect.r0 === rect.r1 && rect.c0 === rect.c1
      ? abs(rect.r0, rect.c0)
      : `${abs(rect.r0, rect.c0)}:${abs(rect.r1, rect.c1)}`;
  return `=${quoteSheet(sheet.name)}!${local}`;
}

export class FakeNamedItem
  extends FakeClientObject<NameState>
  implements Pick<Excel.NamedItem, 'name' | 'formula' | 'visible' | 'comment'>
{
  protected readonly entity = 'NamedItem';
  protected scalars(): Record<string, (t: NameState) => unknown> {
    return {
      name: (n) => n.name,
      formula: (n) => nameFormula(n),
      comment: (n) => n.comment,
      type: (n) => (n.ref === undefined ? 'String' : n.ref === null ? 'Error' : 'Range'),
      visible: (n) => n.visible,
      scope: (n) => (n.scopeSheet ? 'Worksheet' : 'Workbook'),
    };
  }
  get name(): string {
    return this.read('name');
  }
  get formula(): unknown {
    return this.read('formula');
  }
  get comment(): string {
    return this.read('comment');
  }
  /** NamedItem.visible (ExcelApi 1.1): false hides the name from Name Manager and the name box. */
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.write('visible', v, (n, loc) => {
      if (n.scopeSheet) this.state.assertSheetWritable(n.scopeSheet, loc);
      n.visible = !!v;
    });
  }
  /** NamedItem.delete (ExcelApi 1.4). */
  delete(): void {
    this.call(
      'delete',
      (n, loc) => {
        const list = n.scopeSheet ? n.scopeSheet.names : this.state.names;
        if (n.scopeSheet) this.state.assertSheetWritable(n.scopeSheet, loc);
        const i = list.indexOf(n);
        if (i >= 0) list.splice(i, 1);
        (n as NameState & { deleted?: boolean }).deleted = true;
        this.state.record(n.scopeSheet?.name ?? '', n.name, 'deleteName');
      },
      '1.4',
    );
  }
  /** NamedItem.getRange (ExcelApi 1.1): the cells of a range name (asked of Excel, never parsed from its formula). */
  getRange(): FakeRange {
    const location = 'NamedItem.getRange';
    return new FakeRange(
      this.context,
      this.from((n) => {
        if (!n.ref) throw new FakeOfficeError('InvalidReference', location, `name "${n.name}" is not a range`);
        return { sheet: n.ref.sheet, rect: n.ref.rect };
      }),
    );
  }
  /** NamedItem.getRangeOrNullObject (ExcelApi 1.4). */
  getRangeOrNullObject(): FakeRange {
    const r = new FakeRange(
      this.context,
      this.from((n) => (n.ref ? { sheet: n.ref.sheet, rect: n.ref.rect } : NULL_OBJECT)),
    );
    r.instantiate('NamedItem.getRangeOrNullObject', '1.4');
    return r;
  }
}

/** Workbook.names (workbook-scoped names) or Worksheet.names (that sheet's names, ExcelApi 1.4). */
export class FakeNamedItemCollection extends FakeCollection<NameState, FakeNamedItem> {
  protected readonly entity = 'NamedItemCollection';

  constructor(
    context: FakeRequestContext,
    resolver: () => NameState[] | typeof NULL_OBJECT,
    private readonly sheet?: FakeWorksheet,
  ) {
    super(context, resolver);
  }

  protected makeItem(n: NameState): FakeNamedItem {
    return new FakeNamedItem(this.context, () => n);
  }
  private find(name: string): NameState | undefined {
    const list = this.resolve();
    if (list === NULL_OBJECT) return undefined;
    return list.find((x) => x.name.toLowerCase() === name.toLowerCase());
  }
  getItem(name: string): FakeNamedItem {
    const location = 'NamedItemCollection.getItem';
    return new FakeNamedItem(this.context, () => {
      const n = this.find(name);
      if (!n) throw new FakeOfficeError('ItemNotFound', location, `no name "${name}"`);
      return n;
    });
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    const n = new FakeNamedItem(this.context, () => this.find(name) ?? NULL_OBJECT);
    n.instantiate('NamedItemCollection.getItemOrNullObject', '1.4');
    return n;
  }
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    let created: NameState | undefined;
    const location = 'NamedItemCollection.add';
    const item = new FakeNamedItem(this.context, () => {
      if (!created) throw new FakeOfficeError('InvalidReference', location, 'the name was not created');
      return created;
    });
    this.context.enqueue({
      location,
      requestBytes: jsonBytes(name) + jsonBytes(comment ?? ''),
      minApi: '1.4',
      run: () => {
        checkDefinedName(name, location);
        const scopeSheet = this.sheet?.target(location);
        if (scopeSheet) this.state.assertSheetWritable(scopeSheet, location);
        else if (this.state.readOnly) throw new FakeOfficeError('AccessDenied', location, 'the workbook is read-only');
        const list = scopeSheet ? scopeSheet.names : this.state.names;
        const taken = scopeSheet
          ? list.some((x) => x.name.toLowerCase() === name.toLowerCase()) ||
            this.state.liveTables().some((t) => t.name.toLowerCase() === name.toLowerCase())
          : this.state.nameInUse(name);
        if (taken) throw new FakeOfficeError('ItemAlreadyExists', location, `name "${name}" exists`);
        if (typeof reference === 'string') {
          created = { name, formula: reference, comment: comment ?? '', visible: true, scopeSheet };
        } else {
          const t = reference.target(location);
          created = {
            name,
            formula: '',
            comment: comment ?? '',
            visible: true,
            ref: { sheet: t.sheet, rect: t.rect },
            scopeSheet,
          };
        }
        list.push(created);
        this.state.record(scopeSheet?.name ?? '', name, 'addName');
      },
    });
    return item;
  }
}

// ------------------------------------------------------------------------------------------------ workbook, application

export class FakeApplication
  extends FakeClientObject<WorkbookState>
  implements Pick<Excel.Application, 'calculationMode'>
{
  protected readonly entity = 'Application';
  protected scalars(): Record<string, (t: WorkbookState) => unknown> {
    return { calculationMode: (w) => w.calculationMode, calculationState: (w) => w.calculationState };
  }
  override load(spec?: LoadSpec): this {
    // Application.calculationState needs ExcelApi 1.9 (Excel.CalculationState): gate the load like Office would.
    if (parseLoadSpec(spec).some((p) => p[0] === 'calculationState')) {
      this.context.enqueue({
        location: 'Application.calculationState',
        requestBytes: 0,
        minApi: '1.9',
        run: () => undefined,
      });
    }
    return super.load(spec);
  }
  /** Application.calculate (ExcelApi 1.1). */
  calculate(calculationType: 'Recalculate' | 'Full' | 'FullRebuild'): void {
    this.call('calculate', (w) => {
      w.calculations.push(calculationType);
    });
  }
  get calculationState(): 'Done' | 'Calculating' | 'Pending' {
    return this.read('calculationState');
  }
  get calculationMode(): Excel.CalculationMode | 'Automatic' | 'AutomaticExceptTables' | 'Manual' {
    return this.read('calculationMode');
  }
  set calculationMode(m: Excel.CalculationMode | 'Automatic' | 'AutomaticExceptTables' | 'Manual') {
    this.write(
      'calculationMode',
      m,
      (w, loc) => {
        if (m !== 'Automatic' && m !== 'AutomaticExceptTables' && m !== 'Manual')
          throw new FakeOfficeError('InvalidArgument', loc, `mode ${JSON.stringify(m)}`);
        w.calculationMode = m;
      },
      0,
      '1.8',
    );
  }
  suspendApiCalculationUntilNextSync(): void {
    const location = 'Application.suspendApiCalculationUntilNextSync';
    this.context.enqueue({
      location,
      requestBytes: 0,
      minApi: '1.6',
      run: (tx) => void (tx.suspendedCalculation = true),
    });
  }
  suspendScreenUpdatingUntilNextSync(): void {
    const location = 'Application.suspendScreenUpdatingUntilNextSync';
    this.context.enqueue({
      location,
      requestBytes: 0,
      minApi: '1.9',
      run: (tx) => void (tx.suspendedScreenUpdating = true),
    });
  }
}

export class FakeWorkbook extends FakeClientObject<WorkbookState> implements Pick<Excel.Workbook, 'name' | 'readOnly'> {
  protected readonly entity = 'Workbook';

  constructor(context: FakeRequestContext) {
    super(context, () => context.state);
  }

  protected scalars(): Record<string, (t: WorkbookState) => unknown> {
    return { name: (w) => w.name, readOnly: (w) => w.readOnly };
  }
  protected override navigations(): Record<string, () => Loadable> {
    return {
      worksheets: () => this.worksheets,
      tables: () => this.tables,
      names: () => this.names,
      application: () => this.application,
      protection: () => this.protection,
    };
  }

  override load(spec?: LoadSpec): this {
    // Workbook.name needs ExcelApi 1.7, Workbook.readOnly 1.8: gate the load like Office would.
    const paths = parseLoadSpec(spec);
    if (paths.some((p) => p[0] === 'name')) {
      this.context.enqueue({ location: 'Workbook.name', requestBytes: 0, minApi: '1.7', run: () => undefined });
    }
    if (paths.some((p) => p[0] === 'readOnly')) {
      this.context.enqueue({ location: 'Workbook.readOnly', requestBytes: 0, minApi: '1.8', run: () => undefined });
    }
    return super.load(spec);
  }

  get name(): string {
    return this.read('name');
  }
  get readOnly(): boolean {
    return this.read('readOnly');
  }
  /** Workbook.protection (ExcelApi 1.7). */
  get protection(): FakeWorkbookProtection {
    return this.child('protection', () => new FakeWorkbookProtection(this.context, () => this.state));
  }
  get worksheets(): FakeWorksheetCollection {
    return this.child('worksheets', () => new FakeWorksheetCollection(this.context, () => this.state.liveSheets()));
  }
  get tables(): FakeTableCollection {
    return this.child('tables', () => new FakeTableCollection(this.context, () => this.state.liveTables()));
  }
  get names(): FakeNamedItemCollection {
    return this.child('names', () => new FakeNamedItemCollection(this.context, () => this.state.names));
  }
  get application(): FakeApplication {
    return this.child('application', () => new FakeApplication(this.context, () => this.state));
  }
}
