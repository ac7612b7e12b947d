/**
 * Test helper: .xlsx variants made by editing a generated package's XML (unzip with fflate, string-edit the parts,
 * zip again), and the ExcelJS reading path the new reader must match (readTablesOf + settleEmptyResults).
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { readTablesOf } from '../../support/exceljs';
import { settleEmptyResults } from '../../support/exceljs';
import type { TableGrid } from '../../../src/workbook/port';
import { fflateInflater, type Inflater } from '../../../src/hosts/xlsx/reader';

/** A package as part name → bytes, in the zip's order. */
export type Parts = Map<string, Uint8Array>;

export function unzip(bytes: Uint8Array): Parts {
  return new Map(Object.entries(unzipSync(bytes)));
}

/** Zips the parts again (deflated unless `stored`). */
export function zip(parts: Parts, options: { stored?: boolean } = {}): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of parts) files[name] = [data, { level: options.stored ? 0 : 6 }];
  return zipSync(files);
}

export function text(parts: Parts, name: string): string {
  const data = parts.get(name);
  if (!data) throw new Error(`no part ${name} (parts: ${[...parts.keys()].join(', ')})`);
  return strFromU8(data);
}

export function setText(parts: Parts, name: string, xml: string): void {
  parts.set(name, strToU8(xml));
}

/** Rewrites a part's XML; throws when the edit changes nothing (a stale edit would silently test nothing). */
export function edit(parts: Parts, name: string, change: (xml: string) => string): void {
  const before = text(parts, name);
  const after = change(before);
  if (after === before) throw new Error(`edit of ${name} changed nothing`);
  setText(parts, name, after);
}

/** `replace` that must match: the test fails loudly when the XML it expects is not there. */
export function must(xml: string, find: string | RegExp, replacement: string): string {
  const out = xml.replace(find, replacement);
  if (out === xml) throw new Error(`no match for ${String(find)} in ${xml.slice(0, 400)}…`);
  return out;
}

/** The bytes of a workbook built with ExcelJS. */
export async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Builds with ExcelJS, then edits the package. */
export async function variant(
  build: (wb: ExcelJS.Workbook) => void,
  change: (parts: Parts) => void = () => undefined,
): Promise<Uint8Array> {
  const parts = unzip(await workbookBytes(build));
  change(parts);
  return zip(parts);
}

/** The current ExcelJS reading path (src/hosts/xlsx/host.ts readTables). */
export async function exceljsTables(bytes: Uint8Array, names: readonly string[]): Promise<Map<string, TableGrid>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const grids = readTablesOf(wb, names);
  await settleEmptyResults(grids.values(), bytes);
  return grids;
}

/** The grids without the new `source` field (the ExcelJS path has none). */
export function withoutSource(grids: Map<string, TableGrid>): Map<string, TableGrid> {
  return new Map(
    [...grids].map(([k, g]) => {
      const { source: _source, ...rest } = g;
      return [k, rest];
    }),
  );
}

/** Replaces the cell at `address` (<c r="B4" …/> or <c r="B4" …>…</c>) with `cell`; it must exist. */
export function replaceCell(xml: string, address: string, cell: string): string {
  return must(xml, new RegExp(`<c r="${address}"(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</c>)`), cell);
}

/** Appends `cells` at the end of row `row` (which must exist). */
export function appendToRow(xml: string, row: number, cells: string): string {
  return must(xml, new RegExp(`(<row r="${row}"[^>]*>[\\s\\S]*?)(</row>)`), `$1${cells}$2`);
}

/** Adds `attributes` to the start tag of row `row`. */
export function rowAttributes(xml: string, row: number, attributes: string): string {
  return must(xml, new RegExp(`<row r="${row}"`), `<row r="${row}" ${attributes}`);
}

/** An inflater (fflate underneath) that hands its output over in small pieces of varying size, to put chunk ends
 * inside every kind of token. */
export function choppyInflater(seed = 7, largest = 17): Inflater {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return 1 + (state % largest);
  };
  return {
    open(target, sink) {
      return fflateInflater.open(target, (chunk) => {
        for (let at = 0; at < chunk.length;) {
          const end = Math.min(chunk.length, at + next());
          sink(chunk.slice(at, end));
          at = end;
        }
      });
    },
  };
}

/** An inflater that records the entries it was asked to inflate. */
export function recordingInflater(): { inflater: Inflater; inflated: string[] } {
  const inflated: string[] = [];
  return {
    inflated,
    inflater: {
      open(target, sink) {
        inflated.push(target.name);
        return fflateInflater.open(target, sink);
      },
    },
  };
}

export interface HandmadeSheet {
  name: string;
  /** The sheetData content (rows), or the whole worksheet XML when it starts with "<?xml" or "<worksheet". */
  xml: string;
  tables?: { name: string; ref: string; columns: string[] }[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A minimal package written by hand (no ExcelJS): for sizes and shapes ExcelJS would take too long to write. */
export function handmadePackage(sheets: readonly HandmadeSheet[], sharedStrings: readonly string[] = []): Parts {
  const parts: Parts = new Map();
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const overrides: string[] = [
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
  ];
  const workbookRels: string[] = [];
  let tableNo = 0;
  sheets.forEach((sheet, i) => {
    const n = i + 1;
    const tableParts: string[] = [];
    const sheetRels: string[] = [];
    for (const t of sheet.tables ?? []) {
      tableNo++;
      const rid = `rId${tableParts.length + 1}`;
      tableParts.push(`<tablePart r:id="${rid}"/>`);
      sheetRels.push(`<Relationship Id="${rid}" Type="${RELS}/table" Target="../tables/table${tableNo}.xml"/>`);
      setText(
        parts,
        `xl/tables/table${tableNo}.xml`,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${MAIN}" id="${tableNo}" name="${escape(t.name)}" displayName="${escape(t.name)}" ref="${t.ref}"><autoFilter ref="${t.ref}"/><tableColumns count="${t.columns.length}">${t.columns.map((c, k) => `<tableColumn id="${k + 1}" name="${escape(c)}"/>`).join('')}</tableColumns></table>`,
      );
      overrides.push(
        `<Override PartName="/xl/tables/table${tableNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`,
      );
    }
    const whole = sheet.xml.startsWith('<?xml') || sheet.xml.startsWith('<worksheet');
    setText(
      parts,
      `xl/worksheets/sheet${n}.xml`,
      whole
        ? sheet.xml
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><sheetData>${sheet.xml}</sheetData>${tableParts.length ? `<tableParts count="${tableParts.length}">${tableParts.join('')}</tableParts>` : ''}</worksheet>`,
    );
    if (sheetRels.length) {
      setText(
        parts,
        `xl/worksheets/_rels/sheet${n}.xml.rels`,
        `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_RELS}">${sheetRels.join('')}</Relationships>`,
      );
    }
    overrides.push(
      `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    workbookRels.push(`<Relationship Id="rId${n}" Type="${RELS}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
  });
  if (sharedStrings.length > 0) {
    setText(
      parts,
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN}" count="${sharedStrings.length}">${sharedStrings.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`,
    );
    workbookRels.push(`<Relationship Id="rIdSst" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  setText(
    parts,
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
  );
  setText(
    parts,
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  setText(
    parts,
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets>${sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  setText(
    parts,
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_RELS}">${workbookRels.join('')}</Relationships>`,
  );
  return parts;
}

/** Rows of inline-string and number cells, as sheetData content: `rows` rows from `first`, columns A… */
export function rowsXml(first: number, rows: number, cells: (row: number) => (string | number)[]): string {
  const out: string[] = [];
  for (let r = first; r < first + rows; r++) {
    const values = cells(r);
    out.push(
      `<row r="${r}">${values
        .map((v, i) => {
          const ref = `${String.fromCharCode(65 + i)}${r}`;
          return typeof v === 'number'
            ? `<c r="${ref}"><v>${v}</v></c>`
            : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
        })
        .join('')}</row>`,
    );
  }
  return out.join('');
}
