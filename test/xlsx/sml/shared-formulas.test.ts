/**
 * Row formulas written as shared formulas (issue 10, the writer's speed): a run of one row-formula template down a
 * column is written once, at its top, with the range it covers (<f t="shared" ref="I2:I40" si="0">G2-H2</f>), the
 * cells below with the group id only. The file must read back exactly as the plan says, through two independent
 * readers, for the sample and for a workbook three times its size (products copied, values perturbed):
 * - ExcelJS: every cell of every table of every sheet: a formula cell's text (ExcelJS translates a follower from
 *   its master) and cached result, every other cell's value;
 * - the repo's reader: every table's values (formulas give their cached results), and, with the cached values
 *   removed from the file, every formula cell of the three line-level sheets reads its formula text (a follower
 *   without a value is the master's formula shifted to its row, as Excel reads it).
 * - LibreOffice (forced full recalculation, as test/xlsx/libreoffice-parity.test.ts does for the sample's output,
 *   which holds shared formulas too): every shared formula of the line-level sheets recalculates to the value the
 *   engine cached in it (half a centavo), for the workbook three times the sample.
 * The plan's formula text itself (RowFormula.formula) is what the sheet modules wrote as plain text before; the
 * layout tests (results-layout.test.ts) check it cell by cell.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { computeModel } from '../../../src/engine';
import { readTablesFromBytes } from '../../../src/hosts/xlsx/reader';
import { collectingSink, writeResultsPackage } from '../../../src/hosts/xlsx/sml';
import { nodeDeflater } from '../../../src/hosts/xlsx/sml/node-deflate';
import { isFormulaCell, type CellValue, type ResultCell, type ResultsPlan } from '../../../src/workbook/port';
import { buildResultsPlan, placeTables, RESULT_SHEET_NAMES } from '../../../src/workbook/results';
import { RowFormula } from '../../../src/workbook/results/tables';
import { perturbedSample } from '../../engine/sample-models';
import { recalcWithLibreOffice } from '../../support/libreoffice';
import { RUN_AT, sampleModel, samplePlan, unzipText } from './helpers';

jest.setTimeout(240_000); // a LibreOffice run (seconds; far more on a loaded machine)

const LINE_SHEETS = [RESULT_SHEET_NAMES.pnl.es, RESULT_SHEET_NAMES.waterfall.es, RESULT_SHEET_NAMES.prices.es];
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

async function scaledPlan(): Promise<ResultsPlan> {
  const { model } = await sampleModel();
  const big = perturbedSample(model, 3, 7);
  return buildResultsPlan(big, computeModel(big), {
    lang: 'es',
    source: { name: 'scaled.xlsx', fingerprint: 'cd'.repeat(32), fingerprintOf: 'file' },
    runAt: RUN_AT,
  });
}

async function written(plan: ResultsPlan): Promise<Uint8Array> {
  const out = collectingSink();
  await writeResultsPackage(plan, out.sink, { deflater: nodeDeflater() });
  return out.bytes();
}

/** The part of each sheet by name (workbook.xml and its relationships). */
function sheetParts(files: Map<string, string>): Map<string, string> {
  const rels = new Map(
    [
      ...files
        .get('xl/_rels/workbook.xml.rels')!
        .matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="([^"]+)"/g),
    ].map((m) => [m[1] ?? m[4], m[2] ?? m[3]]),
  );
  const out = new Map<string, string>();
  for (const m of files.get('xl/workbook.xml')!.matchAll(/<sheet name="([^"]+)" sheetId="\d+"[^>]* r:id="([^"]+)"/g)) {
    const name = m[1]
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
    out.set(name, `xl/${rels.get(m[2])!.replace(/^\/?xl\//, '')}`);
  }
  return out;
}

/** A cached result or value as comparable data: '' and absent alike. */
function norm(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH) / 86_400_000;
  return v;
}

function expectedValue(c: ResultCell): unknown {
  if (isFormulaCell(c)) return norm(c.result);
  if (typeof c === 'number' && !Number.isFinite(c)) return { error: '#NUM!' };
  return norm(c);
}

function readerValue(v: CellValue): unknown {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return norm(v);
}

describe.each([
  ['the sample', samplePlan],
  ['a workbook three times the sample', scaledPlan],
])('shared row formulas: %s', (_label, makePlan) => {
  let plan: ResultsPlan;
  let bytes: Uint8Array;
  let files: Map<string, string>;

  beforeAll(async () => {
    plan = await makePlan();
    bytes = await written(plan);
    files = unzipText(bytes);
  });

  test('the line-level sheets hold their row formulas as shared formulas, one master a run', () => {
    const parts = sheetParts(files);
    for (const name of LINE_SHEETS) {
      const xml = files.get(parts.get(name)!)!;
      const masters = xml.match(/<f t="shared" ref="/g)?.length ?? 0;
      const followers = xml.match(/<f t="shared" si="\d+"\/>/g)?.length ?? 0;
      const sheet = plan.sheets.find((s) => s.name === name)!;
      let rowFormulas = 0;
      for (const t of sheet.tables)
        for (const r of t.rows) for (const c of r) if (c instanceof RowFormula) rowFormulas++;
      expect(masters).toBeGreaterThan(0);
      // Every row formula is in a run (a master or a follower), and runs are long.
      expect(masters + followers).toBe(rowFormulas);
      expect(followers).toBeGreaterThan(masters * 3);
      // si values are unique per master within the sheet.
      const ids = [...xml.matchAll(/<f t="shared" ref="[^"]+" si="(\d+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('ExcelJS reads every table cell as planned: formula text, cached result, value', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    let formulas = 0;
    let shared = 0;
    const wrong: string[] = [];
    for (const sheet of plan.sheets) {
      const ws = wb.getWorksheet(sheet.name)!;
      const places = placeTables(sheet.tables);
      sheet.tables.forEach((t, ti) => {
        t.rows.forEach((row, i) => {
          row.forEach((c, j) => {
            const cell = ws.getCell(places[ti].firstDataRow + i, j + 1);
            if (isFormulaCell(c)) {
              formulas++;
              if (c instanceof RowFormula) shared++;
              const want = c.formula.replace(/^=/, '');
              if (cell.formula !== want || norm(cell.result) !== norm(c.result)) {
                wrong.push(
                  `${sheet.name}!${cell.address}: ${cell.formula} = ${String(cell.result)}, planned ${want} = ${String(c.result)}`,
                );
              }
            } else {
              const got = cell.type === ExcelJS.ValueType.Formula ? 'a formula' : norm(cell.value);
              const want = expectedValue(c);
              if (JSON.stringify(got) !== JSON.stringify(want)) {
                wrong.push(`${sheet.name}!${cell.address}: ${JSON.stringify(got)}, planned ${JSON.stringify(want)}`);
              }
            }
          });
        });
      });
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(shared).toBeGreaterThan(1000);
    expect(formulas).toBeGreaterThan(shared);
  });

  test("the repo's reader reads every table's values, and the formula text of every row formula without them", async () => {
    const names = plan.sheets.flatMap((s) => s.tables.map((t) => t.name));
    const grids = await readTablesFromBytes(bytes, 'out.xlsx', names);
    const wrong: string[] = [];
    for (const sheet of plan.sheets) {
      for (const t of sheet.tables) {
        const g = grids.get(t.name) ?? [...grids.values()].find((x) => x.name === t.name);
        expect(g).toBeDefined();
        t.rows.forEach((row, i) =>
          row.forEach((c, j) => {
            const got = readerValue(g!.rows[i][j]);
            const want = expectedValue(c);
            if (JSON.stringify(got) !== JSON.stringify(want) && !(c instanceof Date) && !(want instanceof Object)) {
              wrong.push(`${t.name}[${i}][${j}]: ${JSON.stringify(got)}, planned ${JSON.stringify(want)}`);
            }
          }),
        );
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);

    // The same file with no cached value on any formula cell of the line-level sheets: formulas are read as text.
    const parts = sheetParts(files);
    const raw = unzipSync(bytes);
    const encoder = new TextEncoder();
    for (const name of LINE_SHEETS) {
      const part = parts.get(name)!;
      const xml = files.get(part)!.replace(/(<\/f>|<f t="shared" si="\d+"\/>)<v>[^<]*<\/v>/g, '$1');
      raw[part] = encoder.encode(xml.replace(/ t="(str|e|b)"(>(?:<f))/g, '$2'));
    }
    const stripped = await readTablesFromBytes(zipSync(raw), 'stripped.xlsx', names);
    let checked = 0;
    for (const name of LINE_SHEETS) {
      for (const t of plan.sheets.find((s) => s.name === name)!.tables) {
        const g = stripped.get(t.name) ?? [...stripped.values()].find((x) => x.name === t.name)!;
        t.rows.forEach((row, i) =>
          row.forEach((c, j) => {
            if (!isFormulaCell(c)) return;
            checked++;
            const got = g.rows[i][j] as { formulaWithoutValue?: string } | null;
            if (got?.formulaWithoutValue !== c.formula) {
              wrong.push(`${t.name}[${i}][${j}]: ${JSON.stringify(got)}, planned ${c.formula}`);
            }
          }),
        );
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });
});

test('LibreOffice recalculates every shared formula of the scaled workbook to the cached value', async () => {
  const plan = await scaledPlan();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ttm-shared-'));
  try {
    const file = path.join(dir, 'scaled.xlsx');
    writeFileSync(file, await written(plan));
    const { xlsxPath } = recalcWithLibreOffice(file, path.join(dir, 'lo'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    let checked = 0;
    const wrong: string[] = [];
    for (const name of LINE_SHEETS) {
      const sheet = plan.sheets.find((s) => s.name === name)!;
      const ws = wb.getWorksheet(name)!;
      const places = placeTables(sheet.tables);
      sheet.tables.forEach((t, ti) =>
        t.rows.forEach((row, i) =>
          row.forEach((c, j) => {
            if (!(c instanceof RowFormula)) return;
            checked++;
            const cell = ws.getCell(places[ti].firstDataRow + i, j + 1);
            const got = norm(cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value);
            const want = norm(c.result);
            const ok =
              typeof want === 'number' && typeof got === 'number' ? Math.abs(got - want) <= 0.005 : got === want;
            if (!ok)
              wrong.push(`${name}!${cell.address} ${c.formula}: LibreOffice ${String(got)}, cached ${String(want)}`);
          }),
        ),
      );
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
