/**
 * Shared by the SpreadsheetML writer's tests: the sample's results plan (built as the CLI builds it), the package's
 * parts unzipped, and a minimal structural check of a package (well-formed parts, content types, relationships,
 * worksheet element order, tables against their header cells).
 */
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { computeModel, type Model, type ModelResults } from '../../../src/engine';
import { XlsxHost } from '../../../src/hosts/xlsx';
import { readModel } from '../../../src/workbook/contract';
import type { ResultsPlan } from '../../../src/workbook/port';
import { buildResultsPlan } from '../../../src/workbook/results';

export const SAMPLE = path.join(__dirname, '..', '..', '..', 'assets', 'sample-trade-terms.xlsx');
export const RUN_AT = new Date(Date.UTC(2026, 10, 28, 12, 0));

let sample: Promise<{ model: Model; results: ModelResults }> | undefined;

/** The sample workbook's model and results (read once per test file). */
export function sampleModel(): Promise<{ model: Model; results: ModelResults }> {
  sample ??= (async () => {
    const parsed = await readModel(new XlsxHost(SAMPLE, path.join(__dirname, 'unused.xlsx')));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.en).join('\n'));
    return { model: parsed.model, results: computeModel(parsed.model) };
  })();
  return sample;
}

/** The sample's results plan, in Spanish, as runWorkbook builds it for the CLI. */
export async function samplePlan(lang: 'es' | 'en' = 'es'): Promise<ResultsPlan> {
  const { model, results } = await sampleModel();
  return buildResultsPlan(model, results, {
    lang,
    source: { name: 'sample-trade-terms.xlsx', fingerprint: 'ab'.repeat(32), fingerprintOf: 'file' },
    runAt: RUN_AT,
  });
}

const decoder = new TextDecoder();

/** Every entry of a zip as text. */
export function unzipText(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes);
  return new Map(Object.entries(files).map(([name, data]) => [name, decoder.decode(data)]));
}

// ------------------------------------------------------------------------------------------------ a tiny DOM

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses XML with saxes (namespace-aware: an unbound prefix fails); throws on any well-formedness error. */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(tag.attributes)) attrs[k] = typeof a === 'string' ? a : a.value;
    const node: XmlNode = { name: tag.name, attrs, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1].children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

export function kids(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

export function kid(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

// ------------------------------------------------------------------------------------------------ structure

/** CT_Worksheet's children, in the order the schema's sequence requires (ECMA-376 §18.3.1.99). */
export const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

function resolve(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** The part a .rels part describes ("xl/_rels/workbook.xml.rels" → "xl/workbook.xml"; "_rels/.rels" → ""). */
function sourceOf(rels: string): string {
  const m = /^(.*?)_rels\/(.*)\.rels$/.exec(rels);
  return m ? `${m[1]}${m[2]}` : '';
}

/** Relationships of a part: id → absolute target. */
export function relsOf(files: Map<string, string>, part: string): Map<string, { type: string; target: string }> {
  const slash = part.lastIndexOf('/');
  const rels = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const xml = files.get(rels);
  const out = new Map<string, { type: string; target: string }>();
  if (!xml) return out;
  for (const r of kids(parseXml(xml), 'Relationship')) {
    out.set(r.attrs.Id, { type: r.attrs.Type, target: resolve(part, r.attrs.Target) });
  }
  return out;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function decodeRef(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b = a] = ref.split(':');
  const p = (x: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(x)!;
    return { col: colNumber(m[1]), row: Number(m[2]) };
  };
  const [s, e] = [p(a), p(b)];
  return { top: s.row, left: s.col, bottom: e.row, right: e.col };
}

/** Text of every cell of a worksheet by A1 address (shared strings resolved; inline strings; formula results). */
export function sheetCells(files: Map<string, string>, sheetXml: string): Map<string, string> {
  const sst = files.get('xl/sharedStrings.xml');
  const strings = sst
    ? kids(parseXml(sst), 'si').map((si) =>
        [si, ...si.children]
          .filter((n) => n.name === 't')
          .map((t) => t.text)
          .join(''),
      )
    : [];
  const out = new Map<string, string>();
  const data = kid(parseXml(sheetXml), 'sheetData');
  for (const row of data ? kids(data, 'row') : []) {
    for (const c of kids(row, 'c')) {
      const v = kid(c, 'v')?.text;
      const t = c.attrs.t;
      const text =
        t === 's' ? strings[Number(v)] : t === 'inlineStr' ? (kid(kid(c, 'is')!, 't')?.text ?? '') : (v ?? '');
      out.set(c.attrs.r, text);
    }
  }
  return out;
}

/**
 * What is wrong with a package, as readable lines (empty when nothing): parts that are not well-formed XML, parts
 * without a content type, relationships to missing parts, worksheet children out of the schema's order, tables whose
 * column names differ from their header cells, table ids or names used twice.
 */
export function packageProblems(files: Map<string, string>): string[] {
  const problems: string[] = [];
  const parsed = new Map<string, XmlNode>();
  for (const [name, xml] of files) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    try {
      parsed.set(name, parseXml(xml));
    } catch (e) {
      problems.push(`${name}: not well-formed: ${(e as Error).message}`);
    }
  }
  const types = parsed.get('[Content_Types].xml');
  if (!types) return [...problems, 'no [Content_Types].xml'];
  const defaults = new Set(kids(types, 'Default').map((d) => d.attrs.Extension.toLowerCase()));
  const overrides = new Set(kids(types, 'Override').map((o) => o.attrs.PartName.slice(1)));
  for (const o of overrides) if (!files.has(o)) problems.push(`Override for a missing part ${o}`);
  for (const name of files.keys()) {
    if (name === '[Content_Types].xml') continue;
    const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    if (!overrides.has(name) && !defaults.has(ext)) problems.push(`${name}: no content type`);
  }
  for (const [name, doc] of parsed) {
    if (!name.endsWith('.rels')) continue;
    const from = sourceOf(name);
    if (from !== '' && !files.has(from)) problems.push(`${name}: relationships of a missing part`);
    const ids = new Set<string>();
    for (const r of kids(doc, 'Relationship')) {
      if (ids.has(r.attrs.Id)) problems.push(`${name}: relationship id ${r.attrs.Id} twice`);
      ids.add(r.attrs.Id);
      if (r.attrs.TargetMode === 'External') continue;
      const target = resolve(from === '' ? '' : from, r.attrs.Target);
      if (!files.has(target)) problems.push(`${name}: ${r.attrs.Id} → missing ${target}`);
    }
  }
  const tableIds = new Set<string>();
  const tableNames = new Set<string>();
  for (const [name, doc] of parsed) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const order = doc.children.map((c) => WORKSHEET_ORDER.indexOf(c.name));
    if (order.some((p, i) => p < 0 || (i > 0 && p <= order[i - 1]))) {
      problems.push(`${name}: children out of order: ${doc.children.map((c) => c.name).join(', ')}`);
    }
    const rels = relsOf(files, name);
    for (const tp of doc.children.find((c) => c.name === 'tableParts')?.children ?? []) {
      const rel = rels.get(tp.attrs['r:id']);
      const table = rel ? parsed.get(rel.target) : undefined;
      if (!table) {
        problems.push(`${name}: tablePart ${tp.attrs['r:id']} has no table part`);
        continue;
      }
      const id = table.attrs.id;
      const tname = table.attrs.name.toLowerCase();
      if (tableIds.has(id)) problems.push(`table id ${id} twice`);
      if (tableNames.has(tname)) problems.push(`table name ${tname} twice`);
      tableIds.add(id);
      tableNames.add(tname);
      if (table.attrs.name !== table.attrs.displayName) problems.push(`${tname}: name ≠ displayName`);
      const cells = sheetCells(files, files.get(name)!);
      const ref = decodeRef(table.attrs.ref);
      const columns = kids(kid(table, 'tableColumns')!, 'tableColumn').map((c) => c.attrs.name);
      if (columns.length !== ref.right - ref.left + 1)
        problems.push(`${tname}: ${columns.length} columns in ${table.attrs.ref}`);
      const seen = new Set<string>();
      columns.forEach((col, j) => {
        const header = cells.get(`${letters(ref.left + j)}${ref.top}`);
        if (header !== col) problems.push(`${tname}: column "${col}" over header cell "${header}"`);
        if (seen.has(col.toLowerCase())) problems.push(`${tname}: column "${col}" twice`);
        seen.add(col.toLowerCase());
      });
      if (kid(table, 'autoFilter')?.attrs.ref !== table.attrs.ref) problems.push(`${tname}: autoFilter ≠ ref`);
    }
  }
  return problems;
}

export function letters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
