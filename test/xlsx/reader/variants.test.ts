/**
 * The new reader against the ExcelJS path it replaces, on structural variants of a workbook: each is built with
 * ExcelJS and its XML edited (package-edit.ts). Where ExcelJS cannot read a variant (cells without r) or reads it
 * wrongly on purpose of ours (phonetic runs of inline strings), the expected values are written by hand. Every
 * variant is also read with an inflater that hands its output over in pieces of 1 to 17 bytes, so chunk ends fall
 * inside tags, attribute values, entities and multi-byte characters.
 */
import ExcelJS from 'exceljs';
import { resultSheetsByRole } from '../../support/exceljs';
import { openWorkbook, readTablesFromBytes } from '../../../src/hosts/xlsx/reader';
import type { TableGrid } from '../../../src/workbook/port';
import {
  appendToRow,
  choppyInflater,
  edit,
  exceljsTables,
  must,
  recordingInflater,
  replaceCell,
  rowAttributes,
  setText,
  text,
  unzip,
  variant,
  withoutSource,
  zip,
  type Parts,
} from './package-edit';

const SHEET = 'xl/worksheets/sheet1.xml';
const TABLE = 'xl/tables/table1.xml';
const WORKBOOK = 'xl/workbook.xml';
const SST = 'xl/sharedStrings.xml';

const jan15 = new Date(Date.UTC(2026, 0, 15));
const feb1 = new Date(Date.UTC(2026, 1, 1));

const COLUMNS = [{ name: 'ID' }, { name: 'Nombre' }, { name: 'Días' }, { name: 'Alta' }, { name: 'Activo' }];
const ROWS: unknown[][] = [
  ['WMT', 'Walmart de México', 45, jan15, true],
  ['OXXO', 'OXXO', 30, feb1, false],
  ['SOR', 'Soriana', 60, null, true],
];

/** Sheet "Clientes": a title in A1 and table Clientes at B3 (B3:F6: header, three rows). */
function clientes(
  wb: ExcelJS.Workbook,
  options: { ref?: string; sheet?: string; rows?: unknown[][]; totals?: boolean; name?: string } = {},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(options.sheet ?? 'Clientes');
  ws.getCell('A1').value = 'Clientes de la cuenta';
  ws.addTable({
    name: options.name ?? 'Clientes',
    ref: options.ref ?? 'B3',
    totalsRow: options.totals,
    columns: options.totals
      ? [
          { name: 'ID', totalsRowLabel: 'Total' },
          ...COLUMNS.slice(1, 2),
          { name: 'Días', totalsRowFunction: 'sum' },
          ...COLUMNS.slice(3),
        ]
      : COLUMNS,
    rows: (options.rows ?? ROWS) as ExcelJS.TableProperties['rows'],
  });
  return ws;
}

/** Reads with the new reader (also in small chunks) and with ExcelJS; they must agree. Returns the new grids. */
async function sameAsExcelJS(
  bytes: Uint8Array,
  names: readonly string[] = ['Clientes'],
): Promise<Map<string, TableGrid>> {
  const mine = await readTablesFromBytes(bytes, 'variante.xlsx', names);
  const reference = await exceljsTables(bytes, names);
  expect([...mine.keys()]).toEqual([...reference.keys()]);
  expect(withoutSource(mine)).toStrictEqual(reference);
  await sameInSmallChunks(bytes, names, mine);
  return mine;
}

async function sameInSmallChunks(bytes: Uint8Array, names: readonly string[], expected: Map<string, TableGrid>) {
  const chopped = await readTablesFromBytes(bytes, 'variante.xlsx', names, { inflate: choppyInflater() });
  expect(chopped).toStrictEqual(expected);
}

/** The new reader only (variants ExcelJS cannot read), also checked in small chunks. */
async function read(bytes: Uint8Array, names: readonly string[] = ['Clientes']): Promise<Map<string, TableGrid>> {
  const grids = await readTablesFromBytes(bytes, 'variante.xlsx', names);
  await sameInSmallChunks(bytes, names, grids);
  return grids;
}

const grid = (grids: Map<string, TableGrid>, key = 'Clientes'): TableGrid => {
  const g = grids.get(key);
  if (!g) throw new Error(`no table ${key}: ${[...grids.keys()].join(', ')}`);
  return g;
};

const base = () => variant((wb) => clientes(wb));

describe('structural variants read as the ExcelJS path read them', () => {
  test('the base workbook: shared strings, numbers, a date, booleans, a blank; source facts all clear', async () => {
    const g = grid(await sameAsExcelJS(await base()));
    expect(g).toMatchObject({ sheet: 'Clientes', headerRow: 3, firstColumn: 2 });
    expect(g.headers).toEqual(['ID', 'Nombre', 'Días', 'Alta', 'Activo']);
    expect(g.rows).toEqual([
      ['WMT', 'Walmart de México', 45, jan15, true],
      ['OXXO', 'OXXO', 30, feb1, false],
      ['SOR', 'Soriana', 60, null, true],
    ]);
    expect(g.source).toEqual({
      headerRowShown: true,
      totalsRow: false,
      hiddenRows: [],
      filtered: false,
      mergedRanges: [],
      cellsBelow: [],
    });
  });

  test('a table moved to J20, with text and numbers around it', async () => {
    const bytes = await variant((wb) => {
      const ws = clientes(wb, { ref: 'J20' });
      ws.getCell('I21').value = 'a la izquierda';
      ws.getCell('P21').value = 99;
      ws.getCell('J19').value = 'arriba';
    });
    const g = grid(await sameAsExcelJS(bytes));
    expect(g).toMatchObject({ headerRow: 20, firstColumn: 10 });
    expect(g.rows[0][0]).toBe('WMT');
  });

  test('three tables on one sheet are read in one pass; a table below another is not a stray value', async () => {
    const bytes = await variant((wb) => {
      const ws = clientes(wb, { ref: 'A1', rows: ROWS.slice(0, 2) });
      ws.addTable({
        name: 'Productos',
        ref: 'A6',
        columns: [{ name: 'SKU' }, { name: 'Costo' }],
        rows: [
          ['P1', 6],
          ['P2', 12],
        ],
      });
      ws.addTable({ name: 'Zonas', ref: 'H1', columns: [{ name: 'Zona' }], rows: [['Norte'], ['Sur']] });
    });
    const { inflater, inflated } = recordingInflater();
    const names = ['Clientes', 'Productos', 'Zonas'];
    const mine = await readTablesFromBytes(bytes, 'tres.xlsx', names, { inflate: inflater });
    expect(inflated.filter((n) => n.includes('worksheets/sheet'))).toEqual(['xl/worksheets/sheet1.xml']);
    expect(withoutSource(mine)).toStrictEqual(await exceljsTables(bytes, names));
    expect(grid(mine, 'Productos').rows).toEqual([
      ['P1', 6],
      ['P2', 12],
    ]);
    expect(grid(mine).source!.cellsBelow).toEqual([]); // A6 is the header of Productos, not typed under Clientes
    await sameInSmallChunks(bytes, names, mine);
  });

  test('a totals row is left out and reported', async () => {
    const g = grid(await sameAsExcelJS(await variant((wb) => clientes(wb, { totals: true }))));
    expect(g.rows).toHaveLength(3);
    expect(g.source!.totalsRow).toBe(true);
  });

  test('header row switched off (headerRowCount="0"): the first row is still read as the header, and reported', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) => edit(parts, TABLE, (x) => must(x, 'headerRowCount="1"', 'headerRowCount="0"')),
    );
    const g = grid(await sameAsExcelJS(bytes));
    expect(g.headers[0]).toBe('ID');
    expect(g.source!.headerRowShown).toBe(false);
  });

  test('1904 date system, and the 1900 system around its leap-year bug (serials 59, 60, 61)', async () => {
    const in1904 = await variant(
      (wb) => clientes(wb),
      (parts) => edit(parts, WORKBOOK, (x) => must(x, '<workbookPr ', '<workbookPr date1904="1" ')),
    );
    const g = grid(await sameAsExcelJS(in1904));
    expect(g.rows[0][3]).toEqual(new Date(Date.UTC(2030, 0, 16))); // serial 46037 counted from 1904-01-01

    const nearBug = await variant(
      (wb) => clientes(wb),
      (parts) =>
        edit(parts, SHEET, (x) => {
          const style = /<c r="E4" s="(\d+)"/.exec(x)![1];
          let out = replaceCell(x, 'E4', `<c r="E4" s="${style}"><v>59</v></c>`);
          out = replaceCell(out, 'E5', `<c r="E5" s="${style}"><v>60</v></c>`);
          return appendToRow(out, 6, `<c r="E6" s="${style}"><v>61.5</v></c>`);
        }),
    );
    const rows = grid(await sameAsExcelJS(nearBug)).rows;
    expect(rows.map((r) => (r[3] as Date).toISOString())).toEqual([
      '1900-02-27T00:00:00.000Z',
      '1900-02-28T00:00:00.000Z',
      '1900-03-01T12:00:00.000Z',
    ]);
  });

  test('inline strings, plain and rich; an empty one is blank', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) =>
        edit(parts, SHEET, (x) => {
          let out = replaceCell(x, 'B4', '<c r="B4" t="inlineStr"><is><t>WMT</t></is></c>');
          out = replaceCell(
            out,
            'C4',
            '<c r="C4" t="inlineStr"><is><r><t xml:space="preserve">Walmart </t></r><r><rPr><b/></rPr><t>de México</t></r></is></c>',
          );
          return replaceCell(out, 'C5', '<c r="C5" t="inlineStr"><is><t></t></is></c>');
        }),
    );
    const g = grid(await sameAsExcelJS(bytes));
    expect(g.rows[0].slice(0, 2)).toEqual(['WMT', 'Walmart de México']);
    expect(g.rows[1][1]).toBeNull();
  });

  test('an inline string with a phonetic guide reads as Excel shows it (ExcelJS would append the furigana)', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) =>
        edit(parts, SHEET, (x) =>
          replaceCell(
            x,
            'C4',
            '<c r="C4" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></is></c>',
          ),
        ),
    );
    expect(grid(await read(bytes)).rows[0][1]).toBe('東京');
  });

  test('shared strings: rich text runs joined, phonetic runs left out, _xHHHH_ escapes decoded, entities', async () => {
    const bytes = await variant(
      (wb) => {
        const ws = clientes(wb);
        ws.getCell('C4').value = { richText: [{ text: 'Walmart ' }, { font: { bold: true }, text: 'de México' }] };
        ws.getCell('C5').value = 'Tab\there & "comillas" <ok>';
      },
      (parts) =>
        edit(parts, SST, (x) =>
          must(
            x,
            '<si><t>Soriana</t></si>',
            '<si><t>Sori_x000D_ana_x005F_x0041_</t><rPh sb="0" eb="1"><t>ソリアナ</t></rPh></si>',
          ),
        ),
    );
    const g = grid(await sameAsExcelJS(bytes));
    expect(g.rows.map((r) => r[1])).toEqual(['Walmart de México', 'Tab\there & "comillas" <ok>', 'Sori\rana_x0041_']);
  });

  test('shared formulas with saved values read their values', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) =>
        edit(parts, SHEET, (x) => {
          let out = replaceCell(x, 'D4', '<c r="D4"><f t="shared" ref="D4:D6" si="0">LEN(B4)*$D$1+B$1</f><v>3</v></c>');
          out = replaceCell(out, 'D5', '<c r="D5"><f t="shared" si="0"/><v>4</v></c>');
          return replaceCell(out, 'D6', '<c r="D6"><f t="shared" si="0"/><v>3</v></c>');
        }),
    );
    expect(grid(await sameAsExcelJS(bytes)).rows.map((r) => r[2])).toEqual([3, 4, 3]);
  });

  test('shared formula followers without values give the master formula moved to their cell, as ExcelJS', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) =>
        edit(parts, SHEET, (x) => {
          let out = replaceCell(
            x,
            'D4',
            '<c r="D4"><f t="shared" ref="D4:E6" si="3">LEN(B4)*$D$1+B$1+SUM(C4:C5)+LOG10(A4)</f></c>',
          );
          out = replaceCell(out, 'D5', '<c r="D5"><f t="shared" si="3"/></c>');
          return appendToRow(out, 6, '<c r="E6"><f t="shared" si="3"/></c>');
        }),
    );
    const rows = grid(await sameAsExcelJS(bytes)).rows;
    expect(rows[0][2]).toEqual({ formulaWithoutValue: '=LEN(B4)*$D$1+B$1+SUM(C4:C5)+LOG10(A4)' });
    expect(rows[1][2]).toEqual({ formulaWithoutValue: '=LEN(B5)*$D$1+B$1+SUM(C5:C6)+LOG10(A5)' });
    expect(rows[2][3]).toEqual({ formulaWithoutValue: '=LEN(C6)*$D$1+C$1+SUM(D6:D7)+LOG10(B6)' });
  });

  test('a follower whose master lies outside the table (above it) is resolved by a targeted second pass', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) =>
        edit(parts, SHEET, (x) => {
          const out = must(
            x,
            '<row r="1"',
            '<row r="2"><c r="D2"><f t="shared" ref="D2:D6" si="0">B2*2</f><v>0</v></c></row><row r="1"',
          );
          return replaceCell(out, 'D5', '<c r="D5"><f t="shared" si="0"/></c>');
        }),
    );
    // Rows out of order are fine for both readers; the follower reads its own formula.
    expect(grid(await sameAsExcelJS(bytes)).rows[1][2]).toEqual({ formulaWithoutValue: '=B5*2' });
  });

  test('formulas without saved value, and a text result saved empty (a blank)', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) =>
        edit(parts, SHEET, (x) => {
          let out = replaceCell(x, 'D4', '<c r="D4"><f>LEN(B4)*2</f><v/></c>');
          out = replaceCell(out, 'D5', '<c r="D5"><f>LEN(B5)*2</f></c>');
          out = replaceCell(out, 'D6', '<c r="D6" t="str"><f>IF(B6="SOR","",B6)</f><v></v></c>');
          return replaceCell(out, 'C6', '<c r="C6" t="str"><f>B6&amp;"!"</f><v>SOR&amp;!</v></c>');
        }),
    );
    const rows = grid(await sameAsExcelJS(bytes)).rows;
    expect(rows.map((r) => r[2])).toEqual([
      { formulaWithoutValue: '=LEN(B4)*2' },
      { formulaWithoutValue: '=LEN(B5)*2' },
      null,
    ]);
    expect(rows[2][1]).toBe('SOR&!');
  });

  test('booleans and errors, typed and as formula results', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) =>
        edit(parts, SHEET, (x) => {
          let out = replaceCell(x, 'D4', '<c r="D4" t="e"><v>#N/A</v></c>');
          out = replaceCell(out, 'D5', '<c r="D5" t="e"><f>1/0</f><v>#DIV/0!</v></c>');
          out = replaceCell(out, 'F5', '<c r="F5" t="b"><f>1=1</f><v>1</v></c>');
          return replaceCell(out, 'F6', '<c r="F6" t="b"><v>0</v></c>');
        }),
    );
    const rows = grid(await sameAsExcelJS(bytes)).rows;
    expect(rows.map((r) => r[2])).toEqual([{ error: '#N/A' }, { error: '#DIV/0!' }, 60]);
    expect(rows.map((r) => r[4])).toEqual([true, true, false]);
  });

  test('hidden rows are reported (by worksheet row), the grid is unchanged', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) => edit(parts, SHEET, (x) => rowAttributes(rowAttributes(x, 5, 'hidden="1"'), 1, 'hidden="true"')),
    );
    const g = grid(await sameAsExcelJS(bytes));
    expect(g.source!.hiddenRows).toEqual([5]);
    expect(g.source!.filtered).toBe(false);
  });

  test('a filtered table: a filterColumn holding a filter; hidden buttons alone are no filter', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) => {
        edit(parts, TABLE, (x) =>
          must(
            x,
            '<filterColumn colId="0" hiddenButton="1"/>',
            '<filterColumn colId="0"><filters><filter val="WMT"/></filters></filterColumn>',
          ),
        );
        edit(parts, SHEET, (x) => rowAttributes(rowAttributes(x, 5, 'hidden="1"'), 6, 'hidden="1"'));
      },
    );
    const g = grid(await sameAsExcelJS(bytes));
    expect(g.source).toMatchObject({ filtered: true, hiddenRows: [5, 6] });
    expect(grid(await read(await base())).source!.filtered).toBe(false);
  });

  test('merged cells in a table: ranges reported; other cells read their first cell (a formula one gives no value)', async () => {
    const bytes = await variant((wb) => {
      const ws = clientes(wb);
      ws.mergeCells('C4:C5');
      ws.getCell('D5').value = { formula: 'D4*2', result: 90 };
      ws.mergeCells('D5:D6');
      ws.mergeCells('A5:B5'); // crosses the table's left edge: its first cell lies outside the table
      ws.getCell('A5').value = 'fuera';
    });
    const g = grid(await sameAsExcelJS(bytes));
    expect(g.rows.map((r) => r[1])).toEqual(['Walmart de México', 'Walmart de México', 'Soriana']);
    expect(g.rows.map((r) => r[2])).toEqual([45, 90, { formulaWithoutValue: '=D4*2' }]);
    expect(g.rows[1][0]).toBe('fuera');
    expect(g.source!.mergedRanges.sort()).toEqual(['A5:B5', 'C4:C5', 'D5:D6']);
  });

  test('values typed just below a table are listed (within the rows looked at, in its columns only)', async () => {
    const bytes = await variant((wb) => {
      const ws = clientes(wb);
      ws.getCell('B8').value = 'nota';
      ws.getCell('E9').value = 5;
      ws.getCell('H7').value = 'otra columna';
      ws.getCell('C12').value = 'lejos';
      ws.getCell('D7').value = ''; // empty text is nothing typed
    });
    const g = grid(await sameAsExcelJS(bytes));
    expect(g.source!.cellsBelow).toEqual(['B8', 'E9']);
  });

  test('cells and rows without an r attribute follow the previous one (ExcelJS cannot read this)', async () => {
    const original = await base();
    const parts = unzip(original);
    edit(parts, SHEET, (x) => {
      // Row 4 without its r: it follows row 3. Row 5 keeps it, its cells lose theirs after B5 (C5, D5… follow).
      let out = must(x, /<row r="4"/, '<row');
      out = out.replace(/(<row r="5"[^>]*>)([\s\S]*?)(<\/row>)/, (_, open: string, cells: string, close: string) => {
        return open + cells.replace(/<c r="([C-F]5)"/g, '<c') + close;
      });
      return out;
    });
    expect(withoutSource(await read(zip(parts)))).toStrictEqual(withoutSource(await read(original)));
  });

  test('a table range with $ and in lower case', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) => edit(parts, TABLE, (x) => must(x, 'ref="B3:F6"', 'ref="$b$3:$F$6"')),
    );
    const g = grid(await sameAsExcelJS(bytes));
    expect(g).toMatchObject({ headerRow: 3, firstColumn: 2 });
    expect(g.rows).toHaveLength(3);
  });

  test("a sheet name with an apostrophe and non-ASCII letters (Clientes d'Ñuñoa) and a table named with accents", async () => {
    const sheet = "Clientes d'Ñuñoa";
    const bytes = await variant((wb) => {
      clientes(wb, { sheet, name: 'Parámetros_ñ' });
      wb.definedNames.add(`'Clientes d''Ñuñoa'!$A$1`, '_ttm_owner_pnl');
    });
    const grids = await sameAsExcelJS(bytes, ['parametros ñ']);
    expect(grid(grids, 'parametros ñ')).toMatchObject({ name: 'Parámetros_ñ', sheet });
    expect((await openWorkbook(bytes, 'x.xlsx')).ownerMarkers()).toEqual(new Map([['pnl', sheet]]));
  });

  test('hyperlinked cells read as their text, as ExcelJS gives them (a number becomes "45")', async () => {
    const bytes = await variant((wb) => {
      const ws = clientes(wb);
      ws.getCell('C4').value = { text: 'Walmart', hyperlink: 'https://www.walmart.com.mx' };
      ws.getCell('D4').value = { text: 45 as unknown as string, hyperlink: 'https://example.com/45' };
      ws.getCell('C5').value = { text: 'Hoja', hyperlink: '#Clientes!A1' }; // within the workbook: ExcelJS writes no r:id
    });
    const g = grid(await sameAsExcelJS(bytes));
    expect(g.rows[0].slice(1, 3)).toEqual(['Walmart', '45']);
  });

  test('numbers in every written form: exponents, 17 digits, huge, tiny, negative zero', async () => {
    const forms = [
      '1E-3',
      '-1.5E+20',
      '12345678901234567890',
      '0.30000000000000004',
      '-0',
      '4.9E-324',
      '1.7976931348623157E308',
      '0.1',
      '-12.5',
      '007',
    ];
    const bytes = await variant(
      (wb) => clientes(wb, { rows: forms.map((_, i) => [`R${i}`, 'x', i, null, true]) }),
      (parts) =>
        edit(parts, SHEET, (x) => {
          let out = x;
          forms.forEach((f, i) => (out = replaceCell(out, `D${4 + i}`, `<c r="D${4 + i}"><v>${f}</v></c>`)));
          return out;
        }),
    );
    const values = grid(await sameAsExcelJS(bytes)).rows.map((r) => r[2]);
    expect(values).toEqual(forms.map(Number));
    expect(Object.is(values[4], -0)).toBe(true);
  });

  test('an empty table (the one blank row Excel keeps) has no rows', async () => {
    const g = grid(
      await sameAsExcelJS(await variant((wb) => clientes(wb, { rows: [[null, null, null, null, null]] }))),
    );
    expect(g.rows).toEqual([]);
    expect(g.headers).toEqual(['ID', 'Nombre', 'Días', 'Alta', 'Activo']);
  });

  test('an empty header cell reads as the table column name', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) => edit(parts, SHEET, (x) => replaceCell(x, 'C3', '<c r="C3"/>')),
    );
    expect(grid(await sameAsExcelJS(bytes)).headers[1]).toBe('Nombre');
  });

  test('owner markers, workbook-scoped (the xlsx host) and sheet-scoped hidden (the Office host)', async () => {
    const bytes = await variant(
      (wb) => {
        clientes(wb);
        wb.addWorksheet('TT P&L');
        wb.addWorksheet('TT Cascada');
        wb.definedNames.add("'TT P&L'!$A$1", '_ttm_owner_pnl');
      },
      (parts) =>
        edit(parts, WORKBOOK, (x) =>
          must(
            x,
            '</definedNames>',
            `<definedName name="_ttm_owner_waterfall" localSheetId="2" hidden="1">'TT Cascada'!$A$1</definedName>` +
              `<definedName name="_ttm_owner_gone">#REF!$A$1</definedName><definedName name="Otro">Clientes!$B$3</definedName></definedNames>`,
          ),
        ),
    );
    const wb = await openWorkbook(bytes, 'marcas.xlsx');
    expect(wb.ownerMarkers()).toEqual(
      new Map([
        ['pnl', 'TT P&L'],
        ['waterfall', 'TT Cascada'],
      ]),
    );
    const exceljs = new ExcelJS.Workbook();
    await exceljs.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(resultSheetsByRole(exceljs).get('pnl')).toBe(wb.ownerMarkers().get('pnl'));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Clientes', 'TT P&L', 'TT Cascada']);
    expect(wb.sheetsWithTables()).toEqual(['Clientes']);
  });

  test('date and time formats: built-in, custom, elapsed [h], text in quotes or brackets is no date', async () => {
    const formats = [
      'mm-dd-yy',
      'dd/mm/yyyy',
      '[h]:mm:ss',
      '0.00',
      '#,##0 "días"',
      '[$-409]mmm-yy;@',
      '[Red]0.0',
      'h:mm AM/PM',
      'General',
      '\\d0',
    ];
    const bytes = await variant((wb) => {
      const ws = clientes(wb, { rows: formats.map((_, i) => [`R${i}`, 'x', 46037.25, null, true]) });
      formats.forEach((f, i) => (ws.getCell(`D${4 + i}`).numFmt = f));
    });
    const values = grid(await sameAsExcelJS(bytes)).rows.map((r) => r[2]);
    const date = new Date(Date.UTC(2026, 0, 15, 6));
    expect(values).toEqual([date, date, date, 46037.25, 46037.25, date, 46037.25, date, 46037.25, date]);
  });

  test('East Asian built-in date formats (ids 27–36, 50–58) are dates, as Excel shows them (ExcelJS reads numbers)', async () => {
    const bytes = await variant(
      (wb) => {
        const ws = clientes(wb);
        ws.getCell('D4').numFmt = '0.000';
      },
      (parts) => {
        const styles = text(parts, 'xl/styles.xml');
        const index = Number(/<cellXfs count="(\d+)"/.exec(styles)![1]);
        setText(
          parts,
          'xl/styles.xml',
          must(
            styles,
            /<cellXfs count="\d+">([\s\S]*?)<\/cellXfs>/,
            `<cellXfs count="${index + 1}">$1<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`,
          ),
        );
        edit(parts, SHEET, (x) => replaceCell(x, 'D4', `<c r="D4" s="${index}"><v>46037</v></c>`));
      },
    );
    expect(grid(await read(bytes)).rows[0][2]).toEqual(jan15);
  });

  test('cells outside the table on its rows (a wide sheet) are skipped, not read', async () => {
    const bytes = await variant((wb) => {
      const ws = clientes(wb);
      for (let r = 1; r <= 12; r++) for (let c = 8; c <= 60; c++) ws.getCell(r, c).value = r * 100 + c;
      ws.getCell('A4').value = { formula: 'B4', result: 'WMT' };
    });
    await sameAsExcelJS(bytes);
  });

  test('namespace prefixes on every element (x:row, x:c…) read the same', async () => {
    const original = await base();
    const parts = unzip(original);
    edit(parts, SHEET, (x) =>
      x
        .replace(
          'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
          'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        )
        .replace(/<(\/?)(?!\?)([a-zA-Z]+)([\s/>])/g, '<$1x:$2$3'),
    );
    expect(text(parts, SHEET)).toContain('<x:c r="B4"');
    expect(await read(zip(parts))).toStrictEqual(await read(original));
  });

  test('parts in UTF-16 with a byte order mark read the same', async () => {
    const original = await base();
    const parts = unzip(original);
    for (const name of [SHEET, SST, TABLE]) {
      const xml = text(parts, name).replace('encoding="UTF-8"', 'encoding="UTF-16"');
      parts.set(name, new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')])));
    }
    expect(await read(zip(parts))).toStrictEqual(await read(original));
  });

  test('stored (uncompressed) entries, part names in another case and with a leading slash', async () => {
    const original = await base();
    const parts = unzip(original);
    const renamed: Parts = new Map();
    for (const [name, data] of parts) {
      if (name === SHEET) renamed.set('XL/Worksheets/Sheet1.XML', data);
      else if (name === TABLE) renamed.set(`/${TABLE}`, data);
      else renamed.set(name, data);
    }
    expect(await read(zip(renamed, { stored: true }))).toStrictEqual(await read(original));
  });

  test('a sensitivity label that does not encrypt (docProps/custom.xml with MSIP_Label) is an ordinary package', async () => {
    const original = await base();
    const parts = unzip(original);
    const label = 'MSIP_Label_2096f6a2-d2f7-48be-b329-b73aaa526e5d';
    setText(
      parts,
      'docProps/custom.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="${label}_Enabled"><vt:lpwstr>true</vt:lpwstr></property>` +
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="${label}_Method"><vt:lpwstr>Standard</vt:lpwstr></property>` +
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="${label}_Name"><vt:lpwstr>Confidencial</vt:lpwstr></property></Properties>`,
    );
    edit(parts, '[Content_Types].xml', (x) =>
      must(
        x,
        '</Types>',
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
      ),
    );
    edit(parts, '_rels/.rels', (x) =>
      must(
        x,
        '</Relationships>',
        '<Relationship Id="rIdLabel" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
      ),
    );
    expect(await sameAsExcelJS(zip(parts))).toStrictEqual(await read(original));
  });

  test('comments, CDATA, character references and CRLF inside the sheet XML', async () => {
    const bytes = await variant(
      (wb) => clientes(wb),
      (parts) =>
        edit(parts, SHEET, (x) => {
          let out = must(x, '<sheetData>', '<sheetData><!-- generado <c r="B4"> -->');
          out = replaceCell(
            out,
            'C4',
            '<c r="C4" t="inlineStr"><is><t><![CDATA[Walmart <b>&</b>]]> &#x4D;&#233;xico&#10;línea\r\n2</t></is></c>',
          );
          return replaceCell(out, 'C5', '<c r="C5" t="str"><v>OXXO &amp; &lt;Cía&gt; &#8364;</v></c>');
        }),
    );
    const rows = grid(await read(bytes)).rows;
    expect(rows[0][1]).toBe('Walmart <b>&</b> México\nlínea\n2');
    expect(rows[1][1]).toBe('OXXO & <Cía> €');
  });

  test('tables are listed with their data-row count from the range; the sheets in order with their state', async () => {
    const bytes = await variant((wb) => {
      clientes(wb, { totals: true });
      const hidden = wb.addWorksheet('Oculta', { state: 'hidden' });
      hidden.addTable({ name: 'Vacia', ref: 'A1', columns: [{ name: 'x' }], rows: [[null]] });
    });
    const wb = await openWorkbook(bytes, 'lista.xlsx');
    expect(wb.tables()).toEqual([
      { name: 'Clientes', sheet: 'Clientes', rowCount: 3 },
      { name: 'Vacia', sheet: 'Oculta', rowCount: 1 },
    ]);
    expect(wb.sheets.map((s) => [s.name, s.state, s.kind])).toEqual([
      ['Clientes', 'visible', 'worksheet'],
      ['Oculta', 'hidden', 'worksheet'],
    ]);
  });

  test('requested names match as selectTables says: accents, case and spaces folded, unknown names absent', async () => {
    const bytes = await variant((wb) => clientes(wb, { name: 'Parámetros' }));
    const grids = await sameAsExcelJS(bytes, ['PARAMETROS', 'Parametros', 'No existe']);
    expect([...grids.keys()]).toEqual(['PARAMETROS']);
  });
});
