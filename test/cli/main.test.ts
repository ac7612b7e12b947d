/**
 * The CLI in-process on real .xlsx files: the tiny hand-computed workbook (test/xlsx/fixture.ts has every number),
 * broken copies of it, and usage errors.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main, type CliIo } from '../../src/cli/main';
import { computeModel, type PnlTotals } from '../../src/engine';
import { XlsxHost } from '../../src/hosts/xlsx';
import { tablesFromWorkbook } from '../support/exceljs';
import { readModel } from '../../src/workbook/contract';
import { RESULT_SHEET_NAMES } from '../../src/workbook/results';
import { recalcWorkbook } from '../xlsx/recalc';
import { parseJsonDoc, tinyInputTables, writeInputWorkbook } from './input';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-cli-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], io: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { LANG: 'es_MX.UTF-8' },
    cwd: dir,
    stderrIsTTY: false,
    now: () => new Date(Date.UTC(2026, 2, 1, 12, 0)),
    ...io,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const SAMPLE_XLSX = path.join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');
const sha256 = async (f: string) =>
  createHash('sha256')
    .update(await fs.readFile(f))
    .digest('hex');
const exists = (f: string) =>
  fs.access(f).then(
    () => true,
    () => false,
  );

async function readBack(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A table of the results as objects keyed by header. */
function rowsOf(wb: ExcelJS.Workbook, table: string): Record<string, unknown>[] {
  const g = tablesFromWorkbook(wb).find((t) => t.name === table);
  if (!g) throw new Error(`no table ${table}`);
  return g.rows.map((r) => Object.fromEntries(g.headers.map((h, j) => [h, r[j]])));
}

describe('trade-terms run (valid workbook)', () => {
  test('writes the results to out/<name>-resultados.xlsx, prints the summary, never touches the input', async () => {
    const input = path.join(dir, 'cuenta.xlsx');
    await writeInputWorkbook(input);
    const before = await sha256(input);

    const r = await run(['run', 'cuenta.xlsx']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Resultados escritos en: out/cuenta-resultados.xlsx');
    // Summary (es-MX, MXN): WMT gross 4,000, trade spend 276 / 4,000 = 6.9 %, net 3,724, contribution 1,098 / 3,724.
    expect(r.stdout).toMatch(/Walmart de México \(WMT\)\s+\$4,000\.00\s+6\.9\s?%\s+\$3,724\.00\s+29\.5\s?%/);
    // OXXO: 318 / 600 = 53.0 %, net 282, contribution −78 / 282 = −27.7 %.
    expect(r.stdout).toMatch(/OXXO \(OXXO\)\s+\$600\.00\s+53\.0\s?%\s+\$282\.00\s+-27\.7\s?%/);
    // Portfolio: 594 / 4,600 = 12.9 %, net 4,006, contribution 1,020 / 4,006 = 25.5 %.
    expect(r.stdout).toMatch(/Portafolio\s+\$4,600\.00\s+12\.9\s?%\s+\$4,006\.00\s+25\.5\s?%/);
    expect(r.stdout).toContain('1 hallazgo(s)');
    // Next steps after any run; the "your own workbook" step only after a run on the bundled sample.
    expect(r.stdout).toContain('Siguientes pasos:\n  1. Abra out/cuenta-resultados.xlsx en Excel.');
    expect(r.stdout).not.toContain('su propio libro');

    expect(await sha256(input)).toBe(before);
    const output = path.join(dir, 'out', 'cuenta-resultados.xlsx');
    const wb = await readBack(output);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'TT P&L cliente',
      'TT Cascada',
      'TT Cascada gráfica',
      'TT Gasto por término',
      'TT Provisiones',
      'TT Precios',
      'TT Vista del detallista',
      'TT Hallazgos',
      'TT Info corrida',
    ]);
    const pnl = rowsOf(wb, 'ttm_CustomerPnl');
    const total = (id: string) => pnl.find((x) => x['Nivel'] === 'Total cliente' && x['Cliente'] === id)!;
    expect(total('WMT')).toMatchObject({
      'Venta bruta': 4000,
      'Descuentos en factura': 200,
      'Venta factura': 3800,
      'Gasto fuera de factura': 76,
      'Venta neta': 3724,
      'Costo de ventas': 2400,
      'Utilidad bruta': 1324,
      'Costo de servir': 226,
      'Contribución del cliente': 1098,
    });
    expect(total('OXXO')).toMatchObject({
      'Venta bruta': 600,
      'Gasto fuera de factura': 318,
      'Contribución del cliente': -78,
    });
    const portfolio = pnl.find((x) => x['Nivel'] === 'Total portafolio')!;
    expect(portfolio['Venta neta']).toBe(4006);
    expect(portfolio['Contribución % de venta neta']).toBeCloseTo(1020 / 4006, 12);

    const ws = wb.getWorksheet('TT P&L cliente')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('G2').numFmt).toBe('"$"#,##0.00');
    expect(ws.getCell('M2').numFmt).toBe('0.0%');

    const info = rowsOf(wb, 'ttm_RunInfo');
    const value = (k: string) => info.find((x) => x['Clave'] === k)!['Valor'];
    expect(value('source_file')).toBe('cuenta.xlsx');
    expect(value('source_fingerprint')).toBe(before);
    expect(value('run_at')).toBe('2026-03-01T12:00:00.000Z');
    expect(value('engine_version')).toMatch(/^\d+\.\d+\.\d+/);

    // Every formula of the written file recalculates to the value cached in it.
    const { checked, mismatches } = recalcWorkbook(wb);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  test('--lang en (or an English environment) writes English sheets, headers and messages', async () => {
    const input = path.join(dir, 'cuenta.xlsx');
    await writeInputWorkbook(input);
    const r = await run(['run', input, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Results written to: out/cuenta-results.xlsx');
    expect(r.stdout).toContain('Next steps:\n  1. Open out/cuenta-results.xlsx in Excel. Its sheets:');
    expect(r.stdout).toContain('- "TT Waterfall chart": waterfall charts of the portfolio and each customer');
    expect(r.stdout).toMatch(/Walmart de México \(WMT\)\s+\$4,000\.00\s+6\.9%/);
    expect(r.stdout).toMatch(/Portfolio\s+\$4,600\.00/);
    // Pesos print as '$' (as in the pane and the sheets); the money columns name the currency.
    expect(r.stdout).not.toContain('MX$');
    expect(r.stdout).toMatch(/Gross sales \(MXN\).*Net sales \(MXN\)/);
    const wb = await readBack(path.join(dir, 'out', 'cuenta-results.xlsx'));
    expect(wb.worksheets[0].name).toBe('TT Customer P&L');
    expect(rowsOf(wb, 'ttm_CustomerPnl').find((x) => x['Level'] === 'Portfolio total')!['Gross sales']).toBe(4600);

    const viaEnv = await run(['run', input, '-o', 'r.xlsx'], { env: { LC_ALL: 'en_US.UTF-8' } });
    expect(viaEnv.stdout).toContain('Results written to: r.xlsx');
  });

  test('--json prints every metric with its id as the only stdout, and still writes the workbook', async () => {
    const input = path.join(dir, 'cuenta.xlsx');
    await writeInputWorkbook(input);
    const r = await run(['run', input, '--json', '-o', 'r.xlsx']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = parseJsonDoc(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.output).toBe(path.join(dir, 'r.xlsx'));
    expect(await exists(path.join(dir, 'r.xlsx'))).toBe(true);
    expect(doc.portfolio).toMatchObject({ gross_sales: 4600, net_sales: 4006, contribution: 1020, trade_spend: 594 });
    expect(doc.portfolio.trade_spend_pct).toBeCloseTo(594 / 4600, 12);
    expect(doc.portfolio.list_price).toBeCloseTo(4600 / 360, 12);
    const wmt = doc.customers.find((c: { id: string }) => c.id === 'WMT')!;
    expect(wmt.metrics).toMatchObject({
      gross_sales: 4000,
      on_invoice: 200,
      off_invoice: 76,
      cost_to_serve: 226,
      financing_cost: 76,
    });
    expect(wmt.products.map((p: { sku: string }) => p.sku)).toEqual(['P1', 'P2']);
    // OXXO P2 sold nothing: undefined per-unit figures and ratios are null, not NaN.
    const oxxoP2 = doc.customers[1].products[1];
    expect(oxxoP2.metrics.list_price).toBeNull();
    expect(oxxoP2.metrics.gross_margin_pct).toBeNull();
    const terms = Object.fromEntries(doc.terms.map((t: { termId: string; metrics: object }) => [t.termId, t.metrics]));
    expect(terms).toMatchObject({
      'WMT-01': { term_amount: 200, term_basis: 4000, effective_rate: 0.05 },
      'WMT-02': { term_amount: 76, term_basis: 3800, effective_rate: 0.02 },
      'OXXO-01': { term_amount: 300, effective_rate: 5 },
      'OXXO-02': { term_amount: 18, effective_rate: 0.03 },
    });
    expect(doc.metrics.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining(['gross_sales', 'pocket_price', 'true_up']),
    );
    expect(doc.findings.map((f: { code: string }) => f.code)).toEqual(['no_agreed_basis']);
    expect(doc.accruals.some((a: { metrics: { true_up: number } }) => a.metrics.true_up === 12)).toBe(true);
    // The ROI variant is echoed as read, but flagged: this workbook has no promotions, so no ROI is computed.
    expect(doc.settings.roiVariant).toBe('gross_roi');
    expect(doc.settingsNotUsedYet.map((x) => x.id)).toEqual(['roiVariant', 'passThrough', 'elasticityForm']);
    expect(doc.settingsNotUsedYet[0]).toEqual({
      id: 'roiVariant',
      es: 'el libro no tiene promociones: no se calcula ROI',
      en: 'the workbook has no promotions: no ROI is computed',
    });
  });

  test('progress shows on a terminal once the run lasts past the delay, and never in pipes', async () => {
    const input = path.join(dir, 'cuenta.xlsx');
    await writeInputWorkbook(input);
    const tty = await run(['run', input, '-o', 'a.xlsx'], { stderrIsTTY: true, progressDelayMs: 0 });
    expect(tty.code).toBe(0);
    for (const stage of ['Leyendo', 'Validando', 'Calculando', 'Escribiendo']) expect(tty.stderr).toContain(stage);
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true); // the line is cleared before the summary
    const piped = await run(['run', input, '-o', 'b.xlsx'], { stderrIsTTY: false, progressDelayMs: 0 });
    expect(piped.stderr).toBe('');
  });
});

describe('trade-terms run (invalid workbook)', () => {
  async function brokenInput(): Promise<string> {
    const tables = tinyInputTables();
    const volumes = tables.find((t) => t.name === 'VolumenesBase')!;
    volumes.rows[1][3] = 'cien'; // sheet row 3: text in a numeric cell
    volumes.rows[2][3] = -5; // sheet row 4: negative volume
    const terms = tables.find((t) => t.name === 'Condiciones')!;
    terms.rows[1][5] = 1.5; // row 3: rate above 100 %
    terms.rows[2][1] = 'SORIANA'; // row 4: unknown customer
    const file = path.join(dir, 'mal.xlsx');
    await writeInputWorkbook(file, tables);
    return file;
  }

  test('exit 1, every error listed with its address, and no results file', async () => {
    const input = await brokenInput();
    const before = await sha256(input);
    const r = await run(['run', input]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('El libro tiene 4 errores:');
    expect(r.stderr).toContain("('Volúmenes base'!D3): «cien» no es un número");
    expect(r.stderr).toContain("('Volúmenes base'!D4)");
    expect(r.stderr).toContain('(Condiciones!F3): 1.5 (150 %) es mayor que 100 %');
    expect(r.stderr).toContain('(Condiciones!B4): el cliente «SORIANA» no existe');
    expect(r.stderr).toContain('No se escribió ningún archivo de resultados');
    expect(await exists(path.join(dir, 'out'))).toBe(false);
    expect(await sha256(input)).toBe(before);

    const en = await run(['run', input, '--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('The workbook has 4 errors:');
    expect(en.stderr).toContain('"cien" is not a number');
    expect(en.stderr).toContain('No results file was written');
  });

  test('--json lists the errors as JSON on stdout', async () => {
    const input = await brokenInput();
    const r = await run(['run', input, '--json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const doc = parseJsonDoc(r.stdout);
    expect(doc.ok).toBe(false);
    // Root causes first: the customer that does not exist, then the rest in table and row order.
    expect(doc.errors.map((e: { address: string }) => e.address)).toEqual([
      'Condiciones!B4',
      "'Volúmenes base'!D3",
      "'Volúmenes base'!D4",
      'Condiciones!F3',
    ]);
    expect(doc.totals).toEqual({ errors: 4, causes: 4, warnings: 0, warningCauses: 0, explained: 0 });
    expect(doc.errors[1]).toMatchObject({
      sheet: 'Volúmenes base',
      table: 'VolumenesBase',
      row: 3,
      column: 'Volumen base',
    });
  });

  test('a wrong fiscal year is one error on Parámetros > Año fiscal, not one per BaseVolumes row', async () => {
    const tables = tinyInputTables();
    tables.find((t) => t.name === 'Parametros')!.rows[0][1] = 2025; // every BaseVolumes period is in 2026
    const input = path.join(dir, 'año-equivocado.xlsx');
    await writeInputWorkbook(input, tables);
    const r = await run(['run', input]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('El libro tiene 1 error:');
    expect(r.stderr).toContain(
      '1. Tabla Parametros, fila 2, columna «Valor (Año fiscal)» (Parámetros!B2): el año fiscal es 2025, pero los periodos de VolumenesBase son de 2026',
    );
    expect(r.stderr).not.toContain('2. ');
    expect(await exists(path.join(dir, 'out'))).toBe(false);
  });

  test('a missing table is reported in the chosen language', async () => {
    const tables = tinyInputTables().filter((t) => t.name !== 'Productos');
    const input = path.join(dir, 'sin-productos.xlsx');
    await writeInputWorkbook(input, tables);
    const r = await run(['run', input]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Productos|Products/);
    expect(await exists(path.join(dir, 'out'))).toBe(false);
  });
});

describe('usage errors exit 2', () => {
  test.each([
    [['run', 'a.xlsx', '--fast'], 'Opción desconocida: --fast'],
    [['run'], 'Falta el archivo de entrada'],
    [[], 'Falta el comando'],
    [['run', 'no-existe.xlsx'], 'No se pudo leer el archivo de entrada'],
  ])('%j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  test('a file that is not an .xlsx, and an output path that is the input', async () => {
    // A CSV renamed to .xlsx is named for what it is, in one sentence per language.
    const csv = path.join(dir, 'datos.xlsx');
    await fs.writeFile(csv, 'a,b\n1,2\n');
    const text = await run(['run', csv, '--lang', 'en']);
    expect(text.code).toBe(2);
    expect(text.stderr).toBe(
      'trade-terms: "datos.xlsx" is a text file (CSV or tab-separated), not an .xlsx workbook: it has no Excel tables. Copy the data into the template\'s tables (or open it in Excel, format it as a table with Insert > Table and the name the template asks for) and save it as an Excel Workbook (.xlsx); then run with the .xlsx file.\n',
    );
    expect((await run(['run', csv])).stderr).toContain(
      '«datos.xlsx» es un archivo de texto (CSV o separado por tabulaciones)',
    );

    // A damaged package: the library's own (English) message is kept, but on its own line, marked as technical detail.
    const cut = path.join(dir, 'roto.xlsx');
    await fs.writeFile(cut, (await fs.readFile(SAMPLE_XLSX)).subarray(0, 300));
    const notXlsx = await run(['run', cut, '--lang', 'en']);
    expect(notXlsx.code).toBe(2);
    const [message, detail] = notXlsx.stderr.trimEnd().split('\n');
    expect(message).toMatch(
      /^trade-terms: "roto\.xlsx" is not a valid \.xlsx workbook: it is damaged or incomplete .*\.$/,
    );
    expect(detail).toMatch(/^ {2}Technical detail \(original message\): \S/);
    const notXlsxEs = await run(['run', cut]);
    expect(notXlsxEs.code).toBe(2);
    const [mensaje, detalle] = notXlsxEs.stderr.trimEnd().split('\n');
    // The Spanish sentence holds no English: it ends where the Spanish text ends.
    expect(mensaje).toMatch(/^trade-terms: «roto\.xlsx» no es un libro \.xlsx válido: está dañado o incompleto .*\.$/);
    expect(detalle).toMatch(/^ {2}Detalle técnico \(mensaje original, en inglés\): \S/);

    const input = path.join(dir, 'cuenta.xlsx');
    await writeInputWorkbook(input);
    const before = await sha256(input);
    const same = await run(['run', input, '-o', 'cuenta.xlsx']);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('no puede ser el mismo archivo de entrada');
    expect(await sha256(input)).toBe(before);
  });

  test('--help prints the usage in the chosen language and exits 0', async () => {
    const es = await run(['--help']);
    expect(es.code).toBe(0);
    expect(es.stdout).toContain('trade-terms run <entrada.xlsx> [-o <salida.xlsx> | --into <copia.xlsx>] [--json]');
    expect(es.stdout).toContain('--force              Reemplazar un archivo de salida existente');
    const en = await run(['-h', '--lang', 'en']);
    expect(en.stdout).toContain('Exit codes: 0 success, 1 invalid input workbook');
    // --json replaces the summary on stdout; it does not stop the results workbook from being written.
    expect(en.stdout).not.toContain('nothing else');
    expect(en.stdout).toMatch(
      /--json +Prints JSON on standard output[\s\S]* instead of the summary; the results\s+workbook is still written/,
    );
    expect(es.stdout).not.toContain('nada más');
    expect(es.stdout).toMatch(
      /--json +En la salida estándar imprime JSON[\s\S]* en lugar del resumen;\s+el libro de resultados se escribe igual/,
    );
  });
});

describe('trade-terms run on the bundled sample', () => {
  const repo = path.join(__dirname, '..', '..');
  const sample = path.join(repo, 'assets', 'sample-trade-terms.xlsx');

  test('exit 0; the P&L written equals computeModel; formulas recalculate; the sample is untouched', async () => {
    const before = await sha256(sample);
    const r = await run(['run', sample, '-o', 'muestra.xlsx']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Resultados escritos en: muestra.xlsx');
    expect(await sha256(sample)).toBe(before);
    // The negotiations in plain sentences: Walmart's counter-proposal breaks the 28 % floor.
    expect(r.stdout).toContain(
      '\nNegociaciones:\n  Walmart de México (WMX)\n    - La propuesta «Propuesta anual» cuesta',
    );
    expect(r.stdout).toMatch(/La contrapropuesta «Contrapropuesta Walmart» cuesta .* bajo el mínimo de 28\.0 %\./);
    // What to do next (`npm run demo`): open the file, which sheet holds what, your own workbook, the docs.
    const next = r.stdout.slice(r.stdout.indexOf('Siguientes pasos:'));
    expect(next).toMatch(/^Siguientes pasos:\n {2}1\. Abra muestra\.xlsx en Excel\. Sus hojas:/);
    // Every sheet written is listed (the sample has promotions: the Promotions sheet too).
    for (const sheet of Object.values(RESULT_SHEET_NAMES)) expect(next).toContain(`«${sheet.es}»`);
    expect(next).toContain(`2. Para usar su propio libro: capture sus tablas`);
    expect(next).toContain(
      `como indica ${path.join(repo, 'docs', 'workbook.md')} y corra: npx trade-terms run <su-libro.xlsx>`,
    );
    expect(next).toContain(`3. Fórmulas y variantes del cálculo: ${path.join(repo, 'docs', 'engine.md')}`);

    // The engine's own numbers for the same file, read through the same host.
    const parsed = await readModel(new XlsxHost(sample, path.join(dir, 'unused.xlsx')));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.en).join('\n'));
    const results = computeModel(parsed.model);

    const wb = await readBack(path.join(dir, 'muestra.xlsx'));
    const pnl = rowsOf(wb, 'ttm_CustomerPnl');
    const checks: [string, keyof PnlTotals][] = [
      ['Venta bruta', 'grossSales'],
      ['Descuentos en factura', 'onInvoice'],
      ['Gasto fuera de factura', 'offInvoice'],
      ['Venta neta', 'netSales'],
      ['Utilidad bruta', 'grossProfit'],
      ['Contribución del cliente', 'contribution'],
    ];
    // Two customers of different channels (first and last), then their first SKU row.
    for (const c of [0, parsed.model.customers.length - 1]) {
      const customer = parsed.model.customers[c];
      const engine = results.customers[c];
      const row = pnl.find((x) => x['Nivel'] === 'Total cliente' && x['Cliente'] === customer.id)!;
      for (const [header, field] of checks) expect(row[header]).toBeCloseTo(engine.totals[field], 6);
      const p = [...engine.byProduct.keys()].sort((a, b) => a - b)[0];
      const skuRow = pnl.find(
        (x) => x['Nivel'] === 'SKU' && x['Cliente'] === customer.id && x['SKU'] === parsed.model.products[p].sku,
      )!;
      for (const [header, field] of checks) expect(skuRow[header]).toBeCloseTo(engine.byProduct.get(p)![field], 6);
    }
    const portfolio = pnl.find((x) => x['Nivel'] === 'Total portafolio')!;
    expect(portfolio['Venta neta']).toBeCloseTo(results.portfolio.netSales, 6);

    const spend = rowsOf(wb, 'ttm_SpendByTerm').filter((x) => x['Nivel'] === 'Término');
    expect(spend).toHaveLength(parsed.model.terms.length);
    expect(rowsOf(wb, 'ttm_Accruals')).toHaveLength(results.accruals.length);

    const { checked, mismatches } = recalcWorkbook(wb);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });
});
