/**
 * LibreOffice as an independent reader of what the SpreadsheetML writer writes (two conversions in all):
 * - the sample's results, recalculated in full on load (test/support/libreoffice.ts): every formula, the waterfall
 *   blocks' included, gives the value cached in it (within half a centavo for numbers, exactly for text);
 * - the sheets with charts, printed to PDF: the charts are drawn (their titles print beside the tables' own). Table styles print without colour in LibreOffice,
 *   so the chart colours in the PDF's drawing operators are the charts': the waterfall bars' #2F5597 once per
 *   waterfall, the second theme accent (#ED7D31) in the bar charts of more than one series.
 * LibreOffice is required (CI installs it): a missing soffice fails these tests, it never skips.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { collectingSink, writeResultsPackage } from '../../../src/hosts/xlsx/sml';
import { nodeDeflater } from '../../../src/hosts/xlsx/sml/node-deflate';
import type { ResultsPlan } from '../../../src/workbook/port';
import { recalcWithLibreOffice, toPdf } from '../../support/libreoffice';
import { samplePlan } from './helpers';

jest.setTimeout(240_000);

const HALF_CENTAVO = 0.005;

type Value = number | string | boolean | null | { error: string };

function valueOf(v: unknown): Value {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && typeof (v as { error?: unknown }).error === 'string')
    return { error: (v as { error: string }).error };
  return JSON.stringify(v);
}

function same(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= HALF_CENTAVO;
  if (a !== null && typeof a === 'object') return b !== null && typeof b === 'object' && a.error === b.error;
  return a === b;
}

async function write(plan: ResultsPlan, file: string): Promise<void> {
  const out = collectingSink();
  await writeResultsPackage(plan, out.sink, { deflater: nodeDeflater() });
  await fs.writeFile(file, out.bytes());
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-sml-lo-'));
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test('LibreOffice recalculates every formula (the chart blocks’ included) to the value cached in it', async () => {
  const plan = await samplePlan();
  const file = path.join(dir, 'resultados.xlsx');
  await write(plan, file);
  const { xlsxPath } = recalcWithLibreOffice(file, path.join(dir, 'lo'));
  const [written, recalculated] = await Promise.all([read(file), read(xlsxPath)]);
  const mismatches: string[] = [];
  const perSheet: Record<string, number> = {};
  let checked = 0;
  written.eachSheet((ws) => {
    const lo = recalculated.getWorksheet(ws.name);
    perSheet[ws.name] = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        checked++;
        perSheet[ws.name]++;
        const cached = valueOf(cell.result);
        const loCell = lo?.getCell(cell.address);
        const got = loCell?.type === ExcelJS.ValueType.Formula ? valueOf(loCell.result) : 'not a formula there';
        if (!same(cached, got) && mismatches.length < 50)
          mismatches.push(
            `'${ws.name}'!${cell.address} =${cell.formula}: cached ${JSON.stringify(cached)}, LibreOffice ${JSON.stringify(got)}`,
          );
      }),
    );
  });
  expect(mismatches).toEqual([]);
  expect(checked).toBeGreaterThan(5_000);
  // The blocks: 6 columns of formulas per waterfall step, beside the tables of steps.
  const chartSheet = plan.sheets.find((s) => s.role === 'waterfall_chart')!;
  const tableFormulas = chartSheet.tables.reduce(
    (n, t) => n + t.rows.flat().filter((c) => typeof c === 'object' && c !== null && 'formula' in c).length,
    0,
  );
  expect(perSheet[chartSheet.name]).toBeGreaterThan(tableFormulas + 5 * chartSheet.tables.length * 7);
});

/** The fill colours (r g b rg) set in the PDF's content streams, counted. */
function fillColours(pdf: Buffer): Map<string, number> {
  const text = pdf.toString('latin1');
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a deflated stream (an image, a font program): no drawing operators
    }
    for (const c of content.matchAll(/(\d*\.?\d+) (\d*\.?\d+) (\d*\.?\d+) rg/g)) {
      const hex = c
        .slice(1, 4)
        .map((x) =>
          Math.round(Number(x) * 255)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('')
        .toUpperCase();
      counts.set(hex, (counts.get(hex) ?? 0) + 1);
    }
  }
  return counts;
}

test('the sheets with charts print with their charts drawn (LibreOffice PDF)', async () => {
  const plan = await samplePlan();
  const sheets = plan.sheets.filter((s) => s.charts && s.charts.length > 0);
  const waterfalls = sheets.flatMap((s) => s.charts!).filter((c) => c.kind === 'waterfall').length;
  const bars = sheets.flatMap((s) => s.charts!).filter((c) => c.kind === 'bar' && c.valueColumns.length > 1).length;
  expect([waterfalls > 5, bars > 0]).toEqual([true, true]);
  const file = path.join(dir, 'graficas.xlsx');
  await write({ sheets }, file);
  const { pdfPath, pages } = toPdf(file, path.join(dir, 'pdf'));
  const colours = fillColours(await fs.readFile(pdfPath));
  expect(colours.get('2F5597') ?? 0).toBeGreaterThanOrEqual(waterfalls);
  expect(colours.get('ED7D31') ?? 0).toBeGreaterThanOrEqual(bars);
  // The first waterfall's title prints twice: over its table (a cell) and over its chart.
  const first = sheets[0].charts![0].title;
  expect(pages.join('\n').split(first).length - 1).toBe(2);
});
