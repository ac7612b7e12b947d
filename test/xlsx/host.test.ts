import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { XlsxHost, HostError } from '../../src/hosts/xlsx';
import { tablesFromWorkbook, listTablesOf, settleEmptyResults } from '../support/exceljs';
import type { ResultsPlan } from '../../src/workbook/port';
import { NUMBER_FORMATS, buildResultsPlan } from '../../src/workbook/results-layout';
import { computeModel } from '../../src/engine';
import { tinyModel } from './fixture';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-xlsx-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** An input workbook with the awkward cell kinds a KAM's file really contains. */
async function writeInput(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Clientes');
  ws.getCell('A1').value = 'Clientes de la cuenta'; // text above the table is not part of it
  ws.addTable({
    name: 'Customers',
    ref: 'B3',
    columns: [{ name: 'id' }, { name: 'name' }, { name: 'payment_days' }, { name: 'agreed' }, { name: 'active' }],
    rows: [
      ['WMT', { richText: [{ text: 'Walmart ' }, { text: 'de México' }] }, 45, new Date(Date.UTC(2026, 0, 15)), true],
      ['OXXO', { text: 'OXXO', hyperlink: 'https://www.oxxo.com' }, { formula: 'C4*0', result: 0 }, null, false],
      [
        'SOR',
        'Soriana',
        { error: '#N/A' },
        { formula: 'D4', result: new Date(Date.UTC(2026, 1, 1)) },
        { formula: '1=0', result: false },
      ],
      [null, null, null, null, null], // trailing blank row: dropped
    ],
  });
  ws.getCell('E4').numFmt = 'yyyy-mm-dd';
  ws.getCell('E6').numFmt = 'yyyy-mm-dd';
  const ws2 = wb.addWorksheet('Terms');
  ws2.addTable({
    name: 'Terms',
    ref: 'A1',
    totalsRow: true,
    columns: [
      { name: 'term_id', totalsRowLabel: 'Total' },
      { name: 'rate', totalsRowFunction: 'sum' },
    ],
    rows: [
      ['WMT-01', 0.03],
      [null, null], // interior blank row: kept so row numbers stay right
      ['WMT-02', { formula: 'B2*2', result: 0.06 }],
    ],
  });
  await wb.xlsx.writeFile(file);
}

/** Excel writes headerRowCount only when it is 0; ExcelJS then flags Excel-made tables as header-less. */
async function asExcelWritesTables(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/ headerRowCount="1"/, ''));
  }
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
}

const sha256 = async (f: string) =>
  createHash('sha256')
    .update(await fs.readFile(f))
    .digest('hex');

describe('XlsxHost reading', () => {
  test('reads every table as a grid: formula results (incl. 0 and false), #N/A, dates, rich text, hyperlinks', async () => {
    const input = path.join(dir, 'in.xlsx');
    await writeInput(input);
    await asExcelWritesTables(input);
    const host = new XlsxHost(input, path.join(dir, 'out.xlsx'));

    expect(await host.listTables()).toEqual([
      // From the table's range, before any cell is read: the trailing blank row counts, as in Excel's own count.
      { name: 'Customers', sheet: 'Clientes', rowCount: 4 },
      { name: 'Terms', sheet: 'Terms', rowCount: 3 },
    ]);
    const grids = await host.readTables(['customers', 'TERMS', 'Products']);
    expect([...grids.keys()]).toEqual(['customers', 'TERMS']); // keyed as asked; missing tables absent

    const c = grids.get('customers')!;
    expect(c).toMatchObject({ name: 'Customers', sheet: 'Clientes', headerRow: 3, firstColumn: 2 });
    expect(c.headers).toEqual(['id', 'name', 'payment_days', 'agreed', 'active']);
    expect(c.rows).toEqual([
      ['WMT', 'Walmart de México', 45, new Date(Date.UTC(2026, 0, 15)), true],
      ['OXXO', 'OXXO', 0, null, false],
      ['SOR', 'Soriana', { error: '#N/A' }, new Date(Date.UTC(2026, 1, 1)), false],
    ]);

    const t = grids.get('TERMS')!;
    expect(t.headerRow).toBe(1);
    // The totals row (SUBTOTAL of rate) is not data; the interior blank row is.
    expect(t.rows).toEqual([
      ['WMT-01', 0.03],
      [null, null],
      ['WMT-02', 0.06],
    ]);
  });

  test('describeSource names the file and hashes its bytes', async () => {
    const input = path.join(dir, 'cuenta Walmart.xlsx');
    await writeInput(input);
    const src = await new XlsxHost(input, path.join(dir, 'o.xlsx')).describeSource();
    expect(src).toEqual({ name: 'cuenta Walmart.xlsx', fingerprint: await sha256(input), fingerprintOf: 'file' });
    expect(src.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  test('tablesFromWorkbook is pure over a loaded workbook', async () => {
    const input = path.join(dir, 'in.xlsx');
    await writeInput(input);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(input)) as unknown as ExcelJS.Buffer);
    expect(tablesFromWorkbook(wb).map((g) => `${g.sheet}!${g.name}:${g.rows.length}`)).toEqual([
      'Clientes!Customers:3',
      'Terms!Terms:3',
    ]);
    expect(listTablesOf(wb)).toHaveLength(2);
  });

  test('a missing or non-xlsx input fails with a bilingual HostError', async () => {
    const missing = new XlsxHost(path.join(dir, 'nope.xlsx'), path.join(dir, 'o.xlsx'));
    await expect(missing.listTables()).rejects.toMatchObject({ code: 'input_unreadable' });
    const csv = path.join(dir, 'datos.xlsx');
    await fs.writeFile(csv, 'id,name\nWMT,Walmart\n');
    const bad = new XlsxHost(csv, path.join(dir, 'o.xlsx'));
    const err = await bad.describeSource().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe('input_is_text');
    expect((err as HostError).text('es')).toContain(
      '«datos.xlsx» es un archivo de texto (CSV o separado por tabulaciones)',
    );
    expect((err as HostError).text('en')).toContain('"datos.xlsx" is a text file (CSV or tab-separated)');
  });
});

/** A small plan written by hand: two tables stacked on one sheet (second titled), a formula total, a % formula. */
function samplePlan(): ResultsPlan {
  const col = (id: string, header: string, format: 'text' | 'mxn' | 'pct' | 'units', width?: number) => ({
    id,
    header,
    format,
    numberFormat: NUMBER_FORMATS[format],
    width,
  });
  return {
    sheets: [
      {
        role: 'test_sheet_156',
        name: 'TT P&L cliente',
        freezeHeader: true,
        tables: [
          {
            name: 'ttm_Pnl',
            columns: [
              col('customer', 'Cliente', 'text', 14),
              col('volume', 'Volumen', 'units'),
              col('gross_sales', 'Venta bruta', 'mxn', 16),
              col('net_sales', 'Venta neta', 'mxn', 16),
              col('net_pct', 'Neta %', 'pct'),
            ],
            rows: [
              // Hand values: 1,000 u × $25 = 25,000 gross, 21,250 net → 85.0 %; 0 u → % left blank ("").
              ['WMT', 1000, 25000, 21250, { formula: '=IF(C2=0,"",D2/C2)', result: 0.85 }],
              ['OXXO', 0, 0, 0, { formula: '=IF(C3=0,"",D3/C3)', result: '' }],
              [
                'Total',
                { formula: '=SUM(B2:B3)', result: 1000 },
                { formula: '=SUM(C2:C3)', result: 25000 },
                { formula: '=SUM(D2:D3)', result: 21250 },
                { formula: '=IF(C4=0,"",D4/C4)', result: 0.85 },
              ],
            ],
            totalRows: [2],
          },
          {
            name: 'ttm_Notes',
            title: 'Notas',
            columns: [col('note', 'Nota', 'text'), col('amount', 'Monto', 'mxn')],
            rows: [
              ['sin acuerdo', { formula: '=D2-D2', result: 0 }],
              ['error', { error: '#N/A' }],
            ],
          },
        ],
      },
      {
        role: 'test_sheet_194',
        name: 'TT Vacía',
        freezeHeader: false,
        tables: [{ name: 'ttm_Empty', columns: [col('x', 'X', 'text')], rows: [] }],
      },
    ],
  };
}

describe('XlsxHost writing', () => {
  test('writes a new workbook of result tables with formats, frozen header, widths, bold totals, cached results', async () => {
    const input = path.join(dir, 'in.xlsx');
    await writeInput(input);
    const before = await sha256(input);
    const output = path.join(dir, 'sub', 'folder', 'resultados.xlsx'); // folders are created
    const host = new XlsxHost(input, output);
    const report = await host.writeResults(samplePlan());
    expect(report.target).toBe(output);
    expect(report.sheetsWritten).toEqual(['TT P&L cliente', 'TT Vacía']);
    // headers 5 + 15 data cells + title 1 + headers 2 + 4 data cells + 1 header (empty table) = 28
    expect(report.cellsWritten).toBe(28);
    expect(await sha256(input)).toBe(before);
    expect((await fs.readdir(path.dirname(output))).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['TT P&L cliente', 'TT Vacía']); // never the input sheets

    const ws = wb.getWorksheet('TT P&L cliente')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const grids = tablesFromWorkbook(wb);
    // ExcelJS drops a saved "" result: the t="str" attribute in the file tells it from a formula never calculated.
    await settleEmptyResults(grids, await fs.readFile(output));
    expect(grids.map((g) => [g.name, g.headerRow])).toEqual([
      ['ttm_Pnl', 1],
      ['ttm_Notes', 8], // table 1 ends on row 4, blank row 5, title row 6, blank row 7, header row 8
      ['ttm_Empty', 1],
    ]);
    expect(grids[0].headers).toEqual(['Cliente', 'Volumen', 'Venta bruta', 'Venta neta', 'Neta %']);
    expect(grids[0].rows).toEqual([
      ['WMT', 1000, 25000, 21250, 0.85],
      ['OXXO', 0, 0, 0, null], // cached "" reads back as empty
      ['Total', 1000, 25000, 21250, 0.85],
    ]);
    expect(grids[1].rows).toEqual([
      ['sin acuerdo', 0],
      ['error', { error: '#N/A' }],
    ]);
    expect(grids[2].rows).toEqual([]);
    expect(ws.getCell('A6').value).toBe('Notas');

    expect(ws.getCell('E2').formula).toBe('IF(C2=0,"",D2/C2)');
    expect(ws.getCell('C4').formula).toBe('SUM(C2:C3)');
    expect(ws.getCell('C2').numFmt).toBe('"$"#,##0.00');
    expect(ws.getCell('E2').numFmt).toBe('0.0%');
    expect(ws.getCell('B2').numFmt).toBe('#,##0');
    expect(ws.getCell('A4').font?.bold).toBe(true);
    expect(ws.getCell('A2').font?.bold).toBeFalsy();
    expect(ws.getColumn(1).width).toBe(14);
    expect(ws.getColumn(3).width).toBe(16);
    expect(ws.getColumn(5).width).toBe(10); // default: max(10, header length + 2)
    expect((wb.getWorksheet('TT Vacía')!.views ?? []).filter((v) => v.state === 'frozen')).toEqual([]);
  });

  test('per-cell formats: the run-info sheet shows the cost of capital as %, the fiscal year as an integer', async () => {
    const input = path.join(dir, 'cuenta.xlsx');
    await writeInput(input);
    const output = path.join(dir, 'resultados.xlsx');
    const model = tinyModel();
    const plan = buildResultsPlan(model, computeModel(model), {
      lang: 'es',
      source: { name: 'cuenta.xlsx', fingerprint: 'ab'.repeat(32), fingerprintOf: 'file' },
      runAt: new Date(Date.UTC(2026, 2, 1)),
    });
    await new XlsxHost(input, output).writeResults(plan);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    const ws = wb.getWorksheet('TT Info corrida')!;
    const rowOf = (key: string) => {
      for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === key) return ws.getRow(r);
      throw new Error(`no row ${key}`);
    };
    // Column C holds the values; the tiny model's cost of capital is 0.1 (10.0 % on screen).
    expect(rowOf('settings.costOfCapital').getCell(3).value).toBe(0.1);
    expect(rowOf('settings.costOfCapital').getCell(3).numFmt).toBe('0.0%');
    expect(rowOf('settings.fiscalYear').getCell(3).value).toBe(2026);
    expect(rowOf('settings.fiscalYear').getCell(3).numFmt).toBe('0');
    expect(rowOf('lines').getCell(3).numFmt).toBe('#,##0');
    // General is Excel's default style: ExcelJS reads it back as no numFmt.
    expect(rowOf('source_file').getCell(3).numFmt ?? 'General').toBe('General');
    // The other columns of a formatted row keep their column's format.
    expect(rowOf('settings.costOfCapital').getCell(2).numFmt ?? 'General').toBe('General');
  });

  test('refuses to write over the input file, and writes nothing', async () => {
    const input = path.join(dir, 'in.xlsx');
    await writeInput(input);
    const before = await sha256(input);
    const viaDots = path.join(dir, 'sub', '..', 'in.xlsx');
    const err = await new XlsxHost(input, viaDots).writeResults(samplePlan()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe('output_is_input');
    expect((err as HostError).es).toContain('no puede ser el mismo archivo de entrada');
    expect((err as HostError).en).toContain('cannot be the input file itself');
    expect(await sha256(input)).toBe(before);

    const link = path.join(dir, 'enlace.xlsx');
    await fs.symlink(input, link);
    await expect(new XlsxHost(input, link).writeResults(samplePlan())).rejects.toMatchObject({
      code: 'output_is_input',
    });
    expect(await sha256(input)).toBe(before);
  });

  test('a failed write leaves neither a results file nor a temp file', async () => {
    const input = path.join(dir, 'in.xlsx');
    await writeInput(input);
    const output = path.join(dir, 'existe-como-carpeta');
    await fs.mkdir(path.join(output, 'x'), { recursive: true }); // rename onto a non-empty folder fails
    const err = await new XlsxHost(input, output).writeResults(samplePlan()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'output_unwritable' });
    expect((await fs.readdir(dir)).sort()).toEqual(['existe-como-carpeta', 'in.xlsx']);
  });

  test('rejects a plan Excel could not open (bad sheet name, duplicate table)', async () => {
    const input = path.join(dir, 'in.xlsx');
    await writeInput(input);
    const host = new XlsxHost(input, path.join(dir, 'o.xlsx'));
    const bad = samplePlan();
    bad.sheets[1].name = 'Cascada: mayo/junio';
    await expect(host.writeResults(bad)).rejects.toMatchObject({ code: 'invalid_sheet_name' });
    const dup = samplePlan();
    dup.sheets[1].tables[0].name = 'TTM_PNL';
    await expect(host.writeResults(dup)).rejects.toMatchObject({ code: 'duplicate_result_table' });
    await expect(fs.access(path.join(dir, 'o.xlsx'))).rejects.toThrow();
  });
});
