/**
 * Formula cells ExcelJS reads without a result are of two kinds it cannot tell apart: a formula never calculated
 * (a file written by openpyxl or an ERP export: `<c r="E3"><f>D3/100</f><v/></c>`) and a formula Excel calculated
 * to "" (`<c r="E3" t="str"><f>IF(…,"",…)</f><v></v></c>`), whose empty result ExcelJS drops. The first has no
 * value and is reported; the second is a blank cell. Only when a table holds such a cell are the sheets' XML parts
 * opened again to look at the `t="str"` attribute: files without one pay nothing.
 */
import JSZip from 'jszip';
import { columnLetters } from '../../../src/workbook/a1';
import { isFormulaWithoutValue, type TableGrid } from '../../../src/workbook/port';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]);
const attribute = (attrs: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];

/** Worksheet name → path of its XML part in the package, from xl/workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attribute(m[1], 'Id');
    const target = attribute(m[1], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = attribute(m[1], 'name');
    const id = attribute(m[1], 'r:id');
    const target = id ? targets.get(id) : undefined;
    if (name !== undefined && target) parts.set(decode(name), target);
  }
  return parts;
}

/** Addresses of the sheet's cells saved as text (t="str"): for a formula cell, a text result, possibly "". */
function textResultCells(xml: string): Set<string> {
  const out = new Set<string>();
  for (const m of xml.matchAll(/<c\b([^>]*)>/g)) {
    if (attribute(m[1], 't') !== 'str') continue;
    const r = attribute(m[1], 'r');
    if (r) out.add(r);
  }
  return out;
}

/**
 * Turns the formula-without-value cells of `grids` that Excel saved with an empty text result into blank cells, in
 * place. `bytes` are the .xlsx file the grids were read from.
 */
export async function settleEmptyResults(grids: Iterable<TableGrid>, bytes: Uint8Array): Promise<void> {
  const pending: { grid: TableGrid; row: number; column: number }[] = [];
  for (const grid of grids) {
    grid.rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (isFormulaWithoutValue(v)) pending.push({ grid, row: i, column: j });
      }),
    );
  }
  if (pending.length === 0) return;
  const zip = await JSZip.loadAsync(bytes);
  const parts = await sheetParts(zip);
  const bySheet = new Map<string, Set<string>>();
  for (const p of pending) {
    let cells = bySheet.get(p.grid.sheet);
    if (!cells) {
      const path = parts.get(p.grid.sheet);
      const xml = path ? ((await zip.file(path)?.async('string')) ?? '') : '';
      bySheet.set(p.grid.sheet, (cells = textResultCells(xml)));
    }
    const address = `${columnLetters(p.grid.firstColumn + p.column)}${p.grid.headerRow + 1 + p.row}`;
    if (cells.has(address)) p.grid.rows[p.row][p.column] = null;
  }
}
