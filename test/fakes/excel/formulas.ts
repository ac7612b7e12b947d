/**
 * Formulas as Excel treats them through Office.js, for the fake:
 * - Range.formulas takes the invariant (en-US) syntax: comma separators. A formula Excel cannot parse (semicolon
 *   separators of a Spanish or German Excel, unbalanced brackets or quotes) is refused with InvalidArgument.
 * - A function name Excel does not know (a localised one such as SUMA) parses, is stored, and evaluates to #NAME?.
 *   The names Excel knows: excel-2016-functions.txt (committed test data).
 * - Renaming a sheet rewrites the references to it in every formula; deleting a sheet turns them into #REF!.
 * - Values: the fake evaluates on demand (FakeExcel.evaluate) with HyperFormula over the whole workbook, after the
 *   checks above (unknown function → #NAME?, a #REF! reference → #REF!).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HyperFormula } from 'hyperformula';
import { FakeOfficeError } from './errors';

/** Excel 2016's English function names (upper case). */
export const EXCEL_FUNCTIONS: ReadonlySet<string> = new Set(
  readFileSync(join(__dirname, 'excel-2016-functions.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#')),
);

/** Calls f on every stretch of formula text outside string literals ("…", with "" as an escaped quote). */
function outsideStrings(formula: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let i = 0;
  let start = 0;
  while (i < formula.length) {
    if (formula[i] === '"') {
      out.push({ text: formula.slice(start, i), start });
      i++;
      while (i < formula.length) {
        if (formula[i] === '"' && formula[i + 1] === '"') i += 2;
        else if (formula[i] === '"') break;
        else i++;
      }
      if (i >= formula.length) throw new Error('unterminated string');
      i++;
      start = i;
      continue;
    }
    i++;
  }
  out.push({ text: formula.slice(start), start });
  return out;
}

/** Refuses, as Excel does (InvalidArgument), a formula that does not parse in the invariant syntax. */
export function checkFormulaSyntax(formula: string, location: string): void {
  const bad = (why: string): FakeOfficeError =>
    new FakeOfficeError('InvalidArgument', location, `formula ${JSON.stringify(formula)} does not parse: ${why}`);
  let parts: { text: string }[];
  try {
    parts = outsideStrings(formula);
  } catch {
    throw bad('unterminated string');
  }
  let depth = 0;
  for (const { text } of parts) {
    // Quoted sheet names ('TT P&L'!A1) may hold anything but are never separators.
    const code = text.replace(/'(?:[^']|'')*'!/g, 'S!');
    if (code.includes(';')) throw bad('";" is not a separator in Excel’s invariant syntax (use ",")');
    for (const ch of code) {
      if (ch === '(') depth++;
      if (ch === ')' && --depth < 0) throw bad('unbalanced ")"');
    }
  }
  if (depth !== 0) throw bad('unbalanced "("');
}

/** Names called as functions in a formula ("SUM", "SUMA"), upper case. */
export function functionNames(formula: string): string[] {
  const out: string[] = [];
  for (const { text } of outsideStrings(formula)) {
    const code = text.replace(/'(?:[^']|'')*'!/g, 'S!');
    for (const m of code.matchAll(/(?<![\w.!$])([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)) out.push(m[1].toUpperCase());
  }
  return out;
}

/** How a sheet name prints in a formula: quoted unless it is letters, digits and underscores. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/**
 * Rewrites references to sheet `from` (case-insensitive): to sheet `to` (a rename) or to #REF! (a deletion, as
 * Excel does: =Hoja2!A1 becomes =#REF!A1). Returns the formula unchanged when it has none.
 */
export function rewriteSheetRefs(formula: string, from: string, to: string | null): string {
  const target = from.toLowerCase();
  let out = '';
  let last = 0;
  let parts: { text: string; start: number }[];
  try {
    parts = outsideStrings(formula);
  } catch {
    return formula;
  }
  for (const { text, start } of parts) {
    const re = /'((?:[^']|'')*)'!|(?<![\w.'$])([A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!/g;
    for (const m of text.matchAll(re)) {
      const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
      if (name.toLowerCase() !== target) continue;
      const at = start + (m.index ?? 0);
      out += formula.slice(last, at) + (to === null ? '#REF!' : `${sheetRef(to)}!`);
      last = at + m[0].length;
    }
  }
  return out + formula.slice(last);
}

/** A cell as the evaluator sees it. */
export type EvalCell = string | number | boolean | null;

const HF_ERRORS: Record<string, string> = { '#ERROR!': '#VALUE!', '#CYCLE!': '#REF!', '#LIC!': '#VALUE!' };

/**
 * Values of `targets` (sheet, 0-based row and column) in a workbook given as sheets of cells (formulas as text with
 * "="). Excel's answer where the fake knows it: #NAME? for an unknown function, #REF! for a deleted reference;
 * otherwise HyperFormula's.
 */
export function evaluateCells(
  sheets: ReadonlyMap<string, EvalCell[][]>,
  targets: readonly { sheet: string; row: number; column: number }[],
): (string | number | boolean)[] {
  const guarded = new Map<string, EvalCell[][]>();
  for (const [name, rows] of sheets) {
    guarded.set(
      name,
      rows.map((r) =>
        r.map((v) => {
          if (typeof v !== 'string' || !v.startsWith('=')) return v;
          if (v.includes('#REF!')) return '#REF!';
          if (functionNames(v).some((f) => !EXCEL_FUNCTIONS.has(f))) return '#NAME?';
          return v;
        }),
      ),
    );
  }
  const hf = HyperFormula.buildFromSheets(Object.fromEntries(guarded), { licenseKey: 'gpl-v3' });
  try {
    return targets.map((t) => {
      const raw = guarded.get(t.sheet)?.[t.row]?.[t.column];
      if (raw === '#REF!' || raw === '#NAME?') return raw;
      const id = hf.getSheetId(t.sheet);
      if (id === undefined) return '#REF!';
      const v = hf.getCellValue({ sheet: id, row: t.row, col: t.column });
      if (v === null || v === undefined) return '';
      if (typeof v === 'object') {
        const code = (v as { value: string }).value;
        return HF_ERRORS[code] ?? code;
      }
      return v;
    });
  } finally {
    hf.destroy();
  }
}
