/**
 * Package plumbing (ECMA-376 Part 2, Open Packaging Conventions): part names, content types, relationship types and
 * the .rels parts that tie them together. Part paths here are zip entry names, without a leading "/".
 */
import { escapeXmlAttr, XML_DECLARATION } from './xml';

export const CONTENT_TYPES = {
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  customXmlProps: 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
  xml: 'application/xml',
} as const;

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const REL_TYPES = {
  officeDocument: `${R}/officeDocument`,
  core: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  app: `${R}/extended-properties`,
  worksheet: `${R}/worksheet`,
  styles: `${R}/styles`,
  sharedStrings: `${R}/sharedStrings`,
  theme: `${R}/theme`,
  table: `${R}/table`,
  drawing: `${R}/drawing`,
  chart: `${R}/chart`,
  customXml: `${R}/customXml`,
  customXmlProps: `${R}/customXmlProps`,
} as const;

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: R,
  relationships: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
} as const;

/** The kinds of part a result sheet brings, each numbered in its folder (sheet1.xml, table3.xml…). */
export type PartKind = 'worksheet' | 'table' | 'drawing' | 'chart';

const PART_PATTERNS: Record<PartKind, { folder: string; stem: string }> = {
  worksheet: { folder: 'xl/worksheets/', stem: 'sheet' },
  table: { folder: 'xl/tables/', stem: 'table' },
  drawing: { folder: 'xl/drawings/', stem: 'drawing' },
  chart: { folder: 'xl/charts/', stem: 'chart' },
};

/**
 * Hands out part paths that are free in a package: for each kind, the next number above the highest already used
 * (in `existing`, e.g. a user's workbook's entries, or handed out before). Comparison ignores case, as OPC does.
 */
export function partAllocator(existing: Iterable<string> = []): (kind: PartKind) => string {
  const taken = new Set<string>();
  const highest = new Map<PartKind, number>();
  const note = (path: string) => {
    const p = path.replace(/^\//, '').toLowerCase();
    taken.add(p);
    for (const [kind, { folder, stem }] of Object.entries(PART_PATTERNS) as [
      PartKind,
      { folder: string; stem: string },
    ][]) {
      const m = new RegExp(`^${folder}${stem}(\\d+)\\.xml$`).exec(p);
      if (m) highest.set(kind, Math.max(highest.get(kind) ?? 0, Number(m[1])));
    }
  };
  for (const p of existing) note(p);
  return (kind) => {
    const { folder, stem } = PART_PATTERNS[kind];
    let n = (highest.get(kind) ?? 0) + 1;
    while (taken.has(`${folder}${stem}${n}.xml`)) n++;
    const path = `${folder}${stem}${n}.xml`;
    note(path);
    return path;
  };
}

/** Table ids unique in the workbook: the next above the highest in `existing`. */
export function tableIdAllocator(existing: Iterable<number> = []): () => number {
  let next = 1;
  for (const id of existing) next = Math.max(next, id + 1);
  return () => next++;
}

/** The .rels part of a part: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The relative target from one part to another (xl/worksheets/sheet1.xml → ../tables/table1.xml). */
export function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export function relationshipsXml(rels: readonly Relationship[]): string {
  return (
    `${XML_DECLARATION}<Relationships xmlns="${NS.relationships}">` +
    rels
      .map((r) => `<Relationship Id="${escapeXmlAttr(r.id)}" Type="${r.type}" Target="${escapeXmlAttr(r.target)}"/>`)
      .join('') +
    '</Relationships>'
  );
}

/** [Content_Types].xml: Defaults for rels and xml, an Override for every other part. */
export function contentTypesXml(overrides: readonly { path: string; contentType: string }[]): string {
  return (
    `${XML_DECLARATION}<Types xmlns="${NS.contentTypes}">` +
    `<Default Extension="rels" ContentType="${CONTENT_TYPES.relationships}"/>` +
    `<Default Extension="xml" ContentType="${CONTENT_TYPES.xml}"/>` +
    overrides.map((o) => `<Override PartName="/${escapeXmlAttr(o.path)}" ContentType="${o.contentType}"/>`).join('') +
    '</Types>'
  );
}
