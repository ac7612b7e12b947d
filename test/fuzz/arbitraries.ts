/**
 * Fuzzing workbooks: fast-check generators of random VALID workbooks cut from the sample (a customer or two, a few
 * SKUs and months, optional tables present or not, numbers moved within plausible ranges) and of CORRUPTED ones (wrong
 * types, blanks, extreme magnitudes, control characters, columns and tables removed, doubled or renamed, rows deleted,
 * keys swapped, merged-like blanks) and, for a share of cases, damaged .xlsx bytes (truncated, flipped bytes, zip
 * entries removed, XML edited).
 *
 * A case is a small plain record of choices (what fast-check prints and shrinks); `materialize` turns it into grids
 * against the sample's grids, read once with the .xlsx reader. Randomness a case needs in bulk (which rows of a table
 * stay) comes from a seeded PRNG, so a printed counterexample reproduces exactly.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { openWorkbook } from '../../src/hosts/xlsx/reader';
import { parseModel } from '../../src/workbook/contract/parse';
import { INPUT_TABLES, INPUT_TABLE_NAMES, matchTableName, type TableSpec } from '../../src/workbook/contract/specs';
import { squash } from '../../src/workbook/contract/normalize';
import { headerKeys } from '../../src/workbook/contract/table';
import type { CellValue, TableGrid } from '../../src/workbook/port';
import { mulberry32 } from '../../scripts/prng';

export const SAMPLE_PATH = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');

// ------------------------------------------------------------------------------------------------ the sample

/** The sample's input tables, in the order the reader gives them; never changed (cases copy what they use). */
export interface Sample {
  grids: readonly TableGrid[];
}

let sampleOnce: Promise<Sample> | undefined;

/** The sample workbook's input tables, read once with the .xlsx reader. */
export function loadSample(): Promise<Sample> {
  sampleOnce ??= (async () => {
    const wb = await openWorkbook(new Uint8Array(readFileSync(SAMPLE_PATH)), path.basename(SAMPLE_PATH));
    const grids = [...(await wb.readTables(INPUT_TABLE_NAMES)).values()];
    return { grids: deepFreeze(grids) };
  })();
  return sampleOnce;
}

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !(x instanceof Date)) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

// ------------------------------------------------------------------------------------------------ case records

/** Which part of the sample a valid workbook is cut from, and how it is varied. */
export interface BaseChoice {
  /** Indices into the sample's customers (modulo their number): one or two customers. */
  customers: number[];
  /** Indices into the SKUs those customers trade (modulo): one to four products. */
  skus: number[];
  /** First month (0-based) and number of months of BaseVolumes kept. */
  monthFrom: number;
  months: number;
  /** Optional tables left out (by contract id). */
  without: string[];
  /** Seed of the PRNG that drops some rows of the terms, promotions, scenarios… (0: keep every row). */
  rowSeed: number;
  /** Table names, headers and enum words in English instead of the sample's Spanish. */
  english: boolean;
  /** BaseVolumes periods as dates (first of the month) instead of "2026-03". */
  periodsAsDates: boolean;
  /** Numbers moved within plausible ranges (zeros included: a customer with no sales is valid). */
  edits: NumericEdit[];
}

export interface NumericEdit {
  table: number;
  row: number;
  /** Picks among the row's numeric cells (modulo their number). */
  cell: number;
  op:
    | { kind: 'zero' }
    | { kind: 'scale'; factor: number }
    | { kind: 'set'; value: number }
    | { kind: 'extreme'; value: number };
}

/** A grid-level corruption; indices are taken modulo what the workbook holds when it is applied. */
export type Mutation =
  | { kind: 'set'; table: number; row: number; column: number; value: CellValue }
  | { kind: 'blankRow'; table: number; row: number }
  | { kind: 'deleteRow'; table: number; row: number }
  | { kind: 'duplicateRow'; table: number; row: number }
  | { kind: 'swapInRow'; table: number; row: number; a: number; b: number }
  | { kind: 'swapAcrossRows'; table: number; column: number; a: number; b: number }
  | { kind: 'mergedBlanks'; table: number; column: number; row: number; count: number }
  | { kind: 'removeColumn'; table: number; column: number }
  | { kind: 'duplicateColumn'; table: number; column: number }
  | { kind: 'renameColumn'; table: number; column: number; name: HeaderName }
  | { kind: 'moveColumn'; table: number; column: number; to: number }
  | { kind: 'removeTable'; table: number }
  | { kind: 'duplicateTable'; table: number; name: 'same' | 'english' | 'other-case'; sameSheet: boolean }
  | { kind: 'renameTable'; table: number; name: string }
  | { kind: 'renameSheet'; table: number; name: string }
  | { kind: 'moveTable'; table: number; headerRow: number; firstColumn: number }
  | { kind: 'truncateRows'; table: number; keep: number }
  | { kind: 'appendRows'; table: number; rows: CellValue[][] }
  | { kind: 'setting'; name: string; value: CellValue }
  | { kind: 'source'; table: number; facts: SourceChoice };

export type HeaderName =
  | { kind: 'text'; text: string }
  | { kind: 'otherHeader'; index: number }
  | { kind: 'variant'; how: 'upper' | 'spaces' | 'no-accents' | 'english' };

export interface SourceChoice {
  headerRowShown: boolean;
  totalsRow: boolean;
  hidden: number[];
  filtered: boolean;
  merged: { row: number; column: number; rows: number; columns: number }[];
  below: number[];
}

/** Damage done to a written .xlsx before it is read. */
export type ByteCorruption =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number[]; xor: number }
  | { kind: 'removeEntry'; entry: number }
  | { kind: 'xml'; entry: number; edit: XmlEdit }
  | { kind: 'replace'; bytes: 'empty' | 'zip-header' | 'csv' | 'html' | 'random'; seed: number };

export type XmlEdit =
  | { kind: 'cut'; at: number }
  | { kind: 'replace'; pattern: string; by: string; nth: number }
  | { kind: 'insert'; at: number; text: string };

export type CaseKind = 'valid' | 'corrupt' | 'bytes';

export interface FuzzCase {
  kind: CaseKind;
  base: BaseChoice;
  mutations: Mutation[];
  /** Bytes cases only: the damage, and whether the run goes through XlsxHost (a file on disk) or the bytes reader. */
  bytes?: ByteCorruption;
  via?: 'reader' | 'host';
  /** Grid cases: the port's plain-grid host or the memory workbook (which lays the tables out on sheets). */
  host: 'grid' | 'memory';
  lang: 'es' | 'en';
}

// ------------------------------------------------------------------------------------------------ arbitraries

const OPTIONAL_TABLES = INPUT_TABLES.filter((s) => !s.required).map((s) => s.id);

const numericEditArb: fc.Arbitrary<NumericEdit> = fc.record({
  table: fc.nat(30),
  row: fc.nat(200),
  cell: fc.nat(10),
  op: fc.oneof(
    fc.constant({ kind: 'zero' as const }),
    fc.double({ min: 0, max: 3, noNaN: true }).map((factor) => ({ kind: 'scale' as const, factor })),
    fc.integer({ min: 0, max: 12 }).map((value) => ({ kind: 'set' as const, value })),
    // Magnitudes the contract may still accept (the rows it refuses are dropped by the repair).
    fc
      .constantFrom(5e-324, 1e-300, 1e-9, -0, 1e9, 1e12, 1e15, 99_999_999, 2_958_466)
      .map((value) => ({ kind: 'extreme' as const, value })),
  ),
});

export const baseArb: fc.Arbitrary<BaseChoice> = fc.record({
  customers: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 2 }),
  skus: fc.uniqueArray(fc.nat(60), { minLength: 1, maxLength: 4 }),
  monthFrom: fc.nat(11),
  months: fc.integer({ min: 1, max: 12 }),
  without: fc.subarray(OPTIONAL_TABLES),
  rowSeed: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.nat() }),
  english: fc.boolean(),
  periodsAsDates: fc.boolean(),
  edits: fc.array(numericEditArb, { maxLength: 12 }),
});

const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u000b', '\u001f', '\u007f', '\u0085'];
const ODD = [
  '\u200b',
  '\ufeff',
  '\u00a0',
  '\u2028',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  'Á',
  'ñ',
  "'",
  '"',
  '&',
  '<',
  ']',
];

/** Text that breaks things: control characters, lone surrogates, XML specials, formula-looking text. */
export const nastyTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'abc',
    '1,5',
    '1.234,56',
    '12%',
    '12 %',
    '150%',
    ' 3 ',
    '1e5',
    '1e400',
    '-1e400',
    '$1,000.00',
    '(100)',
    '\u22125',
    '\u0663',
    'NaN',
    'Infinity',
    '-Infinity',
    '-0',
    '0x10',
    '1/2',
    'TRUE',
    'FALSO',
    '#N/A',
    '=A1+1',
    '+1',
    '2026-13',
    '2026-02-30',
    '2026-00',
    '0000-01',
    '2026-Q5',
    '2026-Q1',
    '2026-S1',
    '9999-12-31',
    'sí',
    'no',
    'todos',
    'WMX',
    'BOT-001',
    'x'.repeat(300),
  ),
  fc.string({ unit: fc.constantFrom(...CONTROL, ...ODD, 'a', '1', ' ', '.', ';', ','), maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

/** Numbers a cell can hold, ordinary and extreme (NaN and ±Infinity only through the grids: no file holds them). */
const nastyNumberArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    1.5,
    100,
    2026,
    1e300,
    -1e300,
    5e-324,
    -5e-324,
    1e-12,
    1e15,
    2 ** 53 + 2,
    0.1 + 0.2,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    46023,
    99999,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
);

const errorValues = ['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', ''];

export const nastyCellArb: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: nastyTextArb },
  { weight: 4, arbitrary: nastyNumberArb },
  { weight: 1, arbitrary: fc.boolean() },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.date({ min: new Date(Date.UTC(1899, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }),
      // No Invalid Date: no host hands one over (the .xlsx reader keeps such a cell's text; checked on every bytes case).
      fc.constantFrom(new Date(Date.UTC(2026, 2, 1)), new Date(Date.UTC(2026, 11, 31, 23, 59))),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...errorValues).map((error) => ({ error })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('=B2*C2', '', '=SUM(A:A)').map((formulaWithoutValue) => ({ formulaWithoutValue })),
  },
  { weight: 2, arbitrary: fc.constant(null) },
);

const headerNameArb: fc.Arbitrary<HeaderName> = fc.oneof(
  nastyTextArb.map((text) => ({ kind: 'text' as const, text })),
  fc.nat(30).map((index) => ({ kind: 'otherHeader' as const, index })),
  fc.constantFrom('upper', 'spaces', 'no-accents', 'english').map((how) => ({ kind: 'variant' as const, how })),
);

const sheetNameArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('Hoja 1', "O'Brien", 'A1', 'R1C1', 'Data 2026', 'Clientes', 'Résultats', 'x'.repeat(31), 'TT P&L'),
  fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '1', 'ñ', '-', '.', '_', '(', "'"), minLength: 1, maxLength: 12 }),
);

const tableNameArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INPUT_TABLE_NAMES),
  fc.constantFrom('Tabla1', 'Customers2', 'CLIENTES', 'clientes', 'Cost to serve', 'Términos', 'ttm_PnlByCustomer'),
  nastyTextArb,
);

const sourceArb: fc.Arbitrary<SourceChoice> = fc.record({
  headerRowShown: fc.boolean(),
  totalsRow: fc.boolean(),
  hidden: fc.array(fc.nat(40), { maxLength: 3 }),
  filtered: fc.boolean(),
  merged: fc.array(
    fc.record({ row: fc.nat(40), column: fc.nat(20), rows: fc.integer({ min: 1, max: 3 }), columns: fc.nat(2) }),
    { maxLength: 2 },
  ),
  below: fc.array(fc.nat(20), { maxLength: 2 }),
});

const ix = fc.nat(1000);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({ kind: fc.constant('set' as const), table: ix, row: ix, column: ix, value: nastyCellArb }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('blankRow' as const), table: ix, row: ix }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deleteRow' as const), table: ix, row: ix }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicateRow' as const), table: ix, row: ix }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('swapInRow' as const), table: ix, row: ix, a: ix, b: ix }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('swapAcrossRows' as const), table: ix, column: ix, a: ix, b: ix }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('mergedBlanks' as const),
      table: ix,
      column: ix,
      row: ix,
      count: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('removeColumn' as const), table: ix, column: ix }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicateColumn' as const), table: ix, column: ix }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('renameColumn' as const), table: ix, column: ix, name: headerNameArb }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('moveColumn' as const), table: ix, column: ix, to: ix }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('removeTable' as const), table: ix }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('duplicateTable' as const),
      table: ix,
      name: fc.constantFrom('same' as const, 'english' as const, 'other-case' as const),
      sameSheet: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('renameTable' as const), table: ix, name: tableNameArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('renameSheet' as const), table: ix, name: sheetNameArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('moveTable' as const),
      table: ix,
      headerRow: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(1_048_000)),
      firstColumn: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(16_360)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncateRows' as const), table: ix, keep: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('appendRows' as const),
      table: ix,
      rows: fc.array(fc.array(nastyCellArb, { maxLength: 25 }), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('setting' as const),
      name: fc.constantFrom(
        'Año fiscal',
        'Periodicidad',
        'Costo de capital',
        'Ubicación del costo de servir',
        'Política de escalón interino',
        'Variante de ROI',
        'Traslado al anaquel',
        'Forma de la elasticidad',
        'Terminación de precio',
        'Decimales de dinero',
        'Días del año',
        'Contribución mínima',
        'Gasto comercial máximo',
        'Gasto promocional máximo',
        'Índice de precio mínimo',
        'Índice de precio máximo',
        'Moneda',
        'Margen bruto mínimo',
        'ROI mínimo de evento',
      ),
      value: fc.oneof(
        nastyCellArb,
        fc.constantFrom(0, 1, 2025, 2027, 360, 366, 0.999, 10, 'trimestral', 'semanal', 'anual', 'lineal', 'ROI neto'),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('source' as const), table: ix, facts: sourceArb }) },
);

const byteCorruptionArb: fc.Arbitrary<ByteCorruption> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((at) => ({ kind: 'truncate' as const, at })) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      at: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 8 }),
      xor: fc.integer({ min: 1, max: 255 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('removeEntry' as const), entry: ix }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('xml' as const),
      entry: ix,
      edit: fc.oneof(
        fc.double({ min: 0, max: 1, noNaN: true }).map((at) => ({ kind: 'cut' as const, at })),
        fc.record({
          kind: fc.constant('replace' as const),
          pattern: fc.constantFrom(
            '<v>',
            '</v>',
            't="s"',
            't="n"',
            ' r="',
            'ref="',
            '<c ',
            '</c>',
            '<row ',
            '<si>',
            'name="',
            'headerRowCount',
            '<tableColumn ',
            'count="',
            'sheetId="',
            'r:id="',
            'Target="',
            'numFmtId="',
            '<f>',
            '"',
          ),
          by: fc.constantFrom(
            '<v>abc',
            '<v>1e999',
            '<v>NaN',
            '<v>-0',
            '<v>99999999',
            '<v></v><v>',
            't="e"',
            't="b"',
            't="str"',
            't="d"',
            't="inlineStr"',
            't="x"',
            ' r="XFE1048577',
            ' r="A0',
            ' r="',
            'ref="A1:XFD1048576',
            'ref="D5:A1',
            'ref="',
            '<c r="A1"><f>A2</f></c><c ',
            '',
            '<row r="0" ',
            '<si><t>&amp;x&#0;</t>',
            'name="',
            'headerRowCount="0" x',
            '<tableColumn name="" ',
            'count="-1',
            'sheetId="0',
            'r:id="rId999',
            'Target="../../../etc/passwd',
            'numFmtId="14',
            '<f>1/0',
            '&bogus;',
            '\u0000',
          ),
          nth: fc.nat(40),
        }),
        fc.record({
          kind: fc.constant('insert' as const),
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          text: fc.constantFrom('<', '>', '&', '<x>', '</worksheet>', '<!DOCTYPE x [<!ENTITY a "b">]>', '\u00ff\u00fe'),
        }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      bytes: fc.constantFrom(
        'empty' as const,
        'zip-header' as const,
        'csv' as const,
        'html' as const,
        'random' as const,
      ),
      seed: fc.nat(),
    }),
  },
);

export const validCaseArb: fc.Arbitrary<FuzzCase> = fc.record({
  kind: fc.constant('valid' as const),
  base: baseArb,
  mutations: fc.constant([]),
  host: fc.constantFrom('grid' as const, 'memory' as const),
  lang: fc.constantFrom('es' as const, 'en' as const),
});

export const corruptCaseArb: fc.Arbitrary<FuzzCase> = fc.record({
  kind: fc.constant('corrupt' as const),
  base: baseArb,
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
  host: fc.constantFrom('grid' as const, 'memory' as const),
  lang: fc.constantFrom('es' as const, 'en' as const),
});

export const bytesCaseArb: fc.Arbitrary<FuzzCase> = fc.record({
  kind: fc.constant('bytes' as const),
  base: baseArb,
  mutations: fc.array(mutationArb, { maxLength: 2 }),
  bytes: byteCorruptionArb,
  via: fc.constantFrom('reader' as const, 'reader' as const, 'reader' as const, 'host' as const),
  host: fc.constant('grid' as const),
  lang: fc.constantFrom('es' as const, 'en' as const),
});

/** Every kind of case, in the proportions the fuzz runs use: 35 % valid, 45 % corrupted grids, 20 % damaged bytes. */
export const anyCaseArb: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 35, arbitrary: validCaseArb },
  { weight: 45, arbitrary: corruptCaseArb },
  { weight: 20, arbitrary: bytesCaseArb },
);

// ------------------------------------------------------------------------------------------------ grids

/** A copy of a cell that shares nothing with it (dates and error values are objects). */
export function cloneCell(v: CellValue): CellValue {
  if (v instanceof Date) return new Date(v.getTime());
  return v !== null && typeof v === 'object' ? { ...v } : v;
}

/** A deep copy of a grid (not structuredClone: under jest its dates come from another realm). */
export function cloneGrid(g: TableGrid, rows: readonly (readonly CellValue[])[] = g.rows): TableGrid {
  const s = g.source;
  return {
    name: g.name,
    sheet: g.sheet,
    headerRow: g.headerRow,
    firstColumn: g.firstColumn,
    headers: [...g.headers],
    rows: rows.map((r) => r.map(cloneCell)),
    ...(s
      ? {
          source: {
            ...s,
            hiddenRows: [...s.hiddenRows],
            mergedRanges: [...s.mergedRanges],
            cellsBelow: [...s.cellsBelow],
          },
        }
      : {}),
  };
}

const clone = cloneGrid;

const idOf = (g: TableGrid): string | undefined => matchTableName(g.name)?.spec.id;

function columnIndex(g: TableGrid, ...headers: string[]): number {
  const keys = headers.map(squash);
  return g.headers.findIndex((h) => keys.includes(squash(h)));
}

/** A key cell as the contract compares ids: text trimmed and upper-cased, a number as written, anything else ''. */
const text = (v: CellValue | undefined): string =>
  typeof v === 'string' ? v.trim().toUpperCase() : typeof v === 'number' ? String(v) : '';

function monthOf(v: CellValue): number | undefined {
  if (typeof v === 'string') {
    const m = /^\d{4}-(\d{2})$/.exec(v.trim());
    return m ? Number(m[1]) - 1 : undefined;
  }
  if (v instanceof Date) return v.getUTCMonth();
  return undefined;
}

/** A valid workbook cut from the sample: rows of the chosen customers, SKUs and months, then repaired. */
export function baseGrids(sample: Sample, b: BaseChoice): TableGrid[] {
  const byId = new Map(sample.grids.map((g) => [idOf(g), g] as const));
  const customersGrid = byId.get('Customers')!;
  const customerIds = new Set(b.customers.map((i) => text(customersGrid.rows[i % customersGrid.rows.length][0])));
  const volumes = byId.get('BaseVolumes')!;
  const [vCustomer, vSku, vPeriod] = [0, 1, 2];
  const traded = [
    ...new Set(volumes.rows.filter((r) => customerIds.has(text(r[vCustomer]))).map((r) => text(r[vSku]))),
  ];
  const skus = new Set(b.skus.map((i) => traded[i % traded.length]));
  const months = new Set(Array.from({ length: Math.min(b.months, 12 - b.monthFrom) }, (_, k) => b.monthFrom + k));
  const random = mulberry32(b.rowSeed);
  const keep = () => b.rowSeed === 0 || random() < 0.85;

  const out: TableGrid[] = [];
  const termIds = new Set<string>();
  const scenarioIds = new Set<string>();
  for (const g of sample.grids) {
    const id = idOf(g);
    if (!id || b.without.includes(id)) continue;
    const customerCol = columnIndex(g, 'ID cliente');
    const skuCol = columnIndex(g, 'SKU');
    const forCustomer = (r: readonly CellValue[]) =>
      customerCol < 0 || r[customerCol] === null || customerIds.has(text(r[customerCol]));
    let rows: readonly CellValue[][];
    switch (id) {
      case 'Customers':
        rows = g.rows.filter((r) => customerIds.has(text(r[0])));
        break;
      case 'Products':
        rows = g.rows.filter((r) => skus.has(text(r[0])));
        break;
      case 'BaseVolumes':
        rows = g.rows.filter(
          (r) =>
            customerIds.has(text(r[vCustomer])) && skus.has(text(r[vSku])) && months.has(monthOf(r[vPeriod]) ?? -1),
        );
        break;
      case 'Terms':
        rows = g.rows.filter((r) => forCustomer(r) && keep());
        for (const r of rows) termIds.add(text(r[0]));
        break;
      case 'TermTiers':
        rows = g.rows.filter((r) => termIds.has(text(r[0])));
        break;
      case 'Scenarios':
        rows = g.rows.filter((r) => forCustomer(r) && keep());
        for (const r of rows) scenarioIds.add(text(r[0]));
        break;
      case 'ScenarioChanges':
        rows = g.rows.filter((r) => scenarioIds.has(text(r[0])) && keep());
        break;
      case 'Settings':
        rows = g.rows;
        break;
      default:
        rows = g.rows.filter(
          (r) => forCustomer(r) && (skuCol < 0 || r[skuCol] === null || skus.has(text(r[skuCol]))) && keep(),
        );
    }
    out.push(clone(g, rows));
  }
  if (b.periodsAsDates) {
    const v = out.find((g) => idOf(g) === 'BaseVolumes');
    if (v) for (const r of v.rows) r[vPeriod] = periodDate(r[vPeriod]);
  }
  for (const e of b.edits) applyNumericEdit(out, e);
  if (b.english) for (const g of out) toEnglish(g);
  return repair(out);
}

function periodDate(v: CellValue): CellValue {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})$/.exec(v.trim()) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : v;
}

function applyNumericEdit(grids: TableGrid[], e: NumericEdit): void {
  const g = grids[e.table % grids.length];
  if (g.rows.length === 0) return;
  const row = g.rows[e.row % g.rows.length];
  const numeric = row.flatMap((v, j) => (typeof v === 'number' ? [j] : []));
  // The fiscal year and the money decimals are not plausible-range numbers: leave Settings' values alone.
  if (numeric.length === 0 || idOf(g) === 'Settings') return;
  const j = numeric[e.cell % numeric.length];
  const v = row[j] as number;
  const spec = matchTableName(g.name)?.spec;
  const type = spec && headerKeys(spec).get(squash(g.headers[j]))?.type;
  let x = e.op.kind === 'zero' ? 0 : e.op.kind === 'scale' ? v * e.op.factor : e.op.value;
  if (e.op.kind === 'extreme') {
    row[j] = x;
    return;
  }
  // Within the column's type: whole numbers stay whole, fractions stay within 0–100 %.
  if (type === 'integer') x = Math.round(x);
  if (type === 'fraction') x = e.op.kind === 'set' ? e.op.value / 100 : Math.min(x, 1);
  row[j] = x;
}

/** Table name, headers and the words of enum columns in English (the contract reads either language). */
function toEnglish(g: TableGrid): void {
  const spec = matchTableName(g.name)?.spec;
  if (!spec) return;
  g.name = spec.en;
  g.headers = g.headers.map((h, j) => {
    const col = spec.columns.find((c) => squash(c.es) === squash(h));
    if (!col) return h;
    if (col.values && (col.type === 'enum' || col.type === 'list')) {
      const words = new Map(col.values.map((v) => [squash(v.es), v.en]));
      for (const r of g.rows) {
        const v = r[j];
        if (typeof v !== 'string') continue;
        r[j] = v
          .split(';')
          .map((w) => words.get(squash(w)) ?? w.trim())
          .join('; ');
      }
    }
    return col.en;
  });
}

/**
 * What the cut leaves invalid (a term scoped to a category none of the chosen SKUs is in, a scenario lever on a term
 * that was dropped…) is removed: the rows the contract names, until it accepts the workbook (a few passes at most).
 * What it cannot fix by removing rows stays, and the case is then simply an invalid one.
 */
export function repair(grids: TableGrid[]): TableGrid[] {
  for (let pass = 0; pass < 8; pass++) {
    const parsed = parseModel(gridMap(grids));
    if (parsed.ok) return grids;
    const doomed = new Map<TableGrid, Set<number>>();
    const doom = (g: TableGrid | undefined, row: number) => {
      const i = g ? row - g.headerRow - 1 : -1;
      if (!g || i < 0 || i >= g.rows.length) return;
      if (!doomed.has(g)) doomed.set(g, new Set());
      doomed.get(g)!.add(i);
    };
    for (const e of parsed.errors) {
      if (e.row !== undefined)
        doom(
          grids.find((t) => t.name === e.table && t.sheet === e.sheet),
          e.row,
        );
      // One cause found in several cells (of several tables) lists their addresses.
      for (const a of (e as { addresses?: string[] }).addresses ?? []) {
        const cell = parseAddress(a);
        if (cell) doom(gridAt(grids, cell), cell.row);
      }
    }
    if (doomed.size === 0) return grids;
    for (const [g, rows] of doomed) g.rows = g.rows.filter((_, i) => !rows.has(i));
  }
  return grids;
}

/** "'Volúmenes base'!B7" → sheet, 1-based row and column; undefined when it is not such an address. */
export function parseAddress(address: string): { sheet: string; row: number; column: number } | undefined {
  const cut = address.lastIndexOf('!');
  if (cut < 0) return undefined;
  const part = address.slice(0, cut);
  const sheet = part.startsWith("'") && part.endsWith("'") ? part.slice(1, -1).replace(/''/g, "'") : part;
  const m = /^([A-Z]{1,3})([1-9][0-9]*)$/.exec(address.slice(cut + 1));
  if (!m) return undefined;
  return { sheet, row: Number(m[2]), column: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) };
}

/** The table whose range (header row included) holds a cell. */
export function gridAt(
  grids: readonly TableGrid[],
  cell: { sheet: string; row: number; column: number },
): TableGrid | undefined {
  return grids.find(
    (g) =>
      g.sheet === cell.sheet &&
      cell.row >= g.headerRow &&
      cell.row <= g.headerRow + g.rows.length &&
      cell.column >= g.firstColumn &&
      cell.column < g.firstColumn + g.headers.length,
  );
}

/** Grids keyed as a host's readTables keys them (each table under its own name; a second of the same name numbered). */
export function gridMap(grids: readonly TableGrid[]): Map<string, TableGrid> {
  const m = new Map<string, TableGrid>();
  for (const g of grids) {
    let key = g.name;
    for (let i = 2; m.has(key); i++) key = `${g.name} (${i})`;
    m.set(key, g);
  }
  return m;
}

// ------------------------------------------------------------------------------------------------ corruption

const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);

/** Applies grid-level corruptions in order (each picks its target among what the grids hold by then). */
export function corrupt(grids: TableGrid[], mutations: readonly Mutation[]): TableGrid[] {
  for (const m of mutations) apply(grids, m);
  return grids;
}

function apply(grids: TableGrid[], m: Mutation): void {
  if (m.kind === 'setting') {
    const s = grids.find((g) => idOf(g) === 'Settings');
    if (!s) return;
    const row = s.rows.find((r) => typeof r[0] === 'string' && squash(r[0]) === squash(m.name));
    if (row) row[1] = m.value;
    else s.rows.push([m.name, m.value, ...Array<CellValue>(Math.max(0, s.headers.length - 2)).fill(null)]);
    return;
  }
  const g = pick(grids, m.table);
  if (!g) return;
  const width = g.headers.length;
  switch (m.kind) {
    case 'set': {
      const row = pick(g.rows, m.row);
      if (row && width > 0) row[m.column % width] = m.value;
      return;
    }
    case 'blankRow': {
      const row = pick(g.rows, m.row);
      if (row) row.fill(null);
      return;
    }
    case 'deleteRow':
      if (g.rows.length > 0) g.rows.splice(m.row % g.rows.length, 1);
      return;
    case 'duplicateRow': {
      const row = pick(g.rows, m.row);
      if (row) g.rows.splice((m.row % g.rows.length) + 1, 0, [...row]);
      return;
    }
    case 'swapInRow': {
      const row = pick(g.rows, m.row);
      if (!row || width === 0) return;
      const [a, b] = [m.a % width, m.b % width];
      [row[a], row[b]] = [row[b], row[a]];
      return;
    }
    case 'swapAcrossRows': {
      if (g.rows.length === 0 || width === 0) return;
      const c = m.column % width;
      const [a, b] = [g.rows[m.a % g.rows.length], g.rows[m.b % g.rows.length]];
      [a[c], b[c]] = [b[c], a[c]];
      return;
    }
    case 'mergedBlanks': {
      if (g.rows.length === 0 || width === 0) return;
      const c = m.column % width;
      const from = m.row % g.rows.length;
      for (let r = from + 1; r <= Math.min(g.rows.length - 1, from + m.count); r++) g.rows[r][c] = null;
      return;
    }
    case 'removeColumn': {
      if (width === 0) return;
      const c = m.column % width;
      g.headers.splice(c, 1);
      for (const r of g.rows) r.splice(c, 1);
      return;
    }
    case 'duplicateColumn': {
      if (width === 0) return;
      const c = m.column % width;
      g.headers.splice(c + 1, 0, g.headers[c]);
      for (const r of g.rows) r.splice(c + 1, 0, r[c]);
      return;
    }
    case 'renameColumn': {
      if (width === 0) return;
      g.headers[m.column % width] = headerName(g, m.column % width, m.name);
      return;
    }
    case 'moveColumn': {
      if (width === 0) return;
      const [from, to] = [m.column % width, m.to % width];
      const move = <T>(xs: T[]) => xs.splice(to, 0, ...xs.splice(from, 1));
      move(g.headers);
      for (const r of g.rows) move(r);
      return;
    }
    case 'removeTable':
      grids.splice(grids.indexOf(g), 1);
      return;
    case 'duplicateTable': {
      const copy = clone(g);
      const spec = matchTableName(g.name)?.spec;
      if (m.name === 'english' && spec) copy.name = spec.en;
      if (m.name === 'other-case') copy.name = g.name.toUpperCase();
      if (!m.sameSheet) copy.sheet = `${g.sheet.slice(0, 27)} (2)`;
      else copy.headerRow = g.headerRow + g.rows.length + 3;
      grids.push(copy);
      return;
    }
    case 'renameTable':
      g.name = m.name;
      return;
    case 'renameSheet':
      g.sheet = m.name;
      return;
    case 'moveTable':
      g.headerRow = Math.min(m.headerRow, 1_048_576 - g.rows.length);
      g.firstColumn = Math.max(1, Math.min(m.firstColumn, 16_384 - width + 1));
      return;
    case 'truncateRows':
      g.rows.splice(m.keep);
      return;
    case 'appendRows':
      for (const r of m.rows) g.rows.push(Array.from({ length: width }, (_, j) => (j < r.length ? r[j] : null)));
      return;
    case 'source': {
      const f = m.facts;
      const top = g.headerRow + 1;
      const n = Math.max(1, g.rows.length);
      const a1 = (row: number, column: number) => `${letters(column)}${row}`;
      g.source = {
        headerRowShown: f.headerRowShown,
        totalsRow: f.totalsRow,
        hiddenRows: [...new Set(f.hidden.map((h) => top + (h % n)))].sort((x, y) => x - y),
        filtered: f.filtered,
        mergedRanges: f.merged.map((r) => {
          const row = g.headerRow + (r.row % (n + 1));
          const col = g.firstColumn + (r.column % Math.max(1, width));
          return `${a1(row, col)}:${a1(row + r.rows - 1, col + r.columns)}`;
        }),
        cellsBelow: f.below.map((c) => a1(top + g.rows.length, g.firstColumn + (c % Math.max(1, width)))),
      };
      return;
    }
  }
}

function letters(column: number): string {
  let s = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function headerName(g: TableGrid, j: number, n: HeaderName): string {
  const h = g.headers[j];
  switch (n.kind) {
    case 'text':
      return n.text;
    case 'otherHeader':
      return pick(g.headers, n.index) ?? h;
    case 'variant': {
      if (n.how === 'upper') return h.toUpperCase();
      if (n.how === 'spaces') return `  ${h.replace(/ /g, '  ')} `;
      if (n.how === 'no-accents') return h.normalize('NFD').replace(/\p{M}/gu, '');
      const spec: TableSpec | undefined = matchTableName(g.name)?.spec;
      return spec?.columns.find((c) => squash(c.es) === squash(h))?.en ?? h;
    }
  }
}

// ------------------------------------------------------------------------------------------------ bytes

/** Damages an .xlsx: returns new bytes (the input is left as it was). */
export function corruptBytes(bytes: Uint8Array, c: ByteCorruption): Uint8Array {
  switch (c.kind) {
    case 'none':
      return bytes.slice();
    case 'truncate':
      return bytes.slice(0, Math.floor(c.at * bytes.length));
    case 'flip': {
      const out = bytes.slice();
      for (const at of c.at) out[Math.floor(at * out.length)] ^= c.xor;
      return out;
    }
    case 'removeEntry': {
      const entries = unzipSync(bytes);
      const names = Object.keys(entries);
      delete entries[names[c.entry % names.length]];
      return zipSync(entries);
    }
    case 'xml': {
      const entries = unzipSync(bytes);
      // Sheets and tables first: most edits there reach the cells rather than stopping the package from opening.
      const names = Object.keys(entries).sort((a, b) => weight(b) - weight(a) || a.localeCompare(b));
      const name = names[c.entry % Math.min(names.length, c.entry % 3 === 0 ? names.length : 6)];
      entries[name] = new TextEncoder().encode(editXml(new TextDecoder().decode(entries[name]), c.edit));
      return zipSync(entries);
    }
    case 'replace': {
      const random = mulberry32(c.seed);
      switch (c.bytes) {
        case 'empty':
          return new Uint8Array(0);
        case 'zip-header':
          return Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
        case 'csv':
          return new TextEncoder().encode('ID cliente,Nombre\nWMX,Walmart\n');
        case 'html':
          return new TextEncoder().encode('<html><body><table><tr><td>1</td></tr></table></body></html>');
        case 'random':
          return Uint8Array.from({ length: 1 + Math.floor(random() * 2000) }, () => Math.floor(random() * 256));
      }
    }
  }
}

function weight(name: string): number {
  if (/worksheets\/sheet\d+\.xml$/.test(name)) return 3;
  if (/tables\/table\d+\.xml$/.test(name) || name.endsWith('sharedStrings.xml')) return 2;
  if (name.endsWith('workbook.xml') || name.endsWith('styles.xml')) return 1;
  return 0;
}

function editXml(xml: string, e: XmlEdit): string {
  switch (e.kind) {
    case 'cut':
      return xml.slice(0, Math.floor(e.at * xml.length));
    case 'insert': {
      const at = Math.floor(e.at * xml.length);
      return xml.slice(0, at) + e.text + xml.slice(at);
    }
    case 'replace': {
      const hits: number[] = [];
      for (let i = xml.indexOf(e.pattern); i >= 0 && hits.length < 200; i = xml.indexOf(e.pattern, i + 1)) hits.push(i);
      if (hits.length === 0) return xml;
      const at = hits[e.nth % hits.length];
      return xml.slice(0, at) + e.by + xml.slice(at + e.pattern.length);
    }
  }
}
