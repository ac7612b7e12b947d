/**
 * The workbook's small parts, read whole before any cell: xl/workbook.xml (sheets in order, the date system,
 * defined names), its relationships, each worksheet's relationships (only the tiny .rels part: which tables it
 * holds, where its hyperlinks point) and each table part. Worksheet parts themselves are not touched here.
 */
import { decodeExcelEscapes } from './shared-strings';
import type { Inflater } from './inflate';
import { partBytes, relationshipsOf, type Relationship } from './package';
import { decodeRange, type CellRange } from './ranges';
import type { WorkbookPackage } from './sniff';
import { scanXml, type XmlHandler, type XmlScanner } from './xml';
import { ZipError } from './zip';

export interface SheetInfo {
  name: string;
  sheetId: number;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** A worksheet holds cells and tables; chart sheets and the rest (dialog, macro sheets) hold none. */
  kind: 'worksheet' | 'chartsheet' | 'other';
  /** The sheet's part in the package, when it has one. */
  part?: string;
}

export interface DefinedName {
  name: string;
  /** The formula as stored (the file's invariant syntax: "'TT Cascada'!$A$1"). */
  formula: string;
  /** Index into the workbook's sheets (workbook.xml order) of a sheet-scoped name. */
  localSheetId?: number;
  hidden: boolean;
}

export interface TableDef {
  /** The table's name (the name attribute, as ExcelJS took it; displayName when it has none). */
  name: string;
  displayName: string;
  sheet: string;
  part: string;
  /** Its range as written ("B3:H40"), header and totals rows included. */
  ref: string;
  range: CellRange;
  /** 0 when the header row is switched off; 1 otherwise (Excel writes the attribute only when it is 0). */
  headerRowCount: number;
  totalsRowCount: number;
  totalsRowShown: boolean;
  /** tableColumn names, in order. */
  columns: string[];
  /** The table has an AutoFilter, and at least one of its columns has a filter set. */
  autoFilter: boolean;
  filtered: boolean;
}

export interface WorkbookModel {
  sheets: SheetInfo[];
  definedNames: DefinedName[];
  date1904: boolean;
  /** Every table, in sheet order, then in the order its sheet's relationships list them. */
  tables: TableDef[];
  /** Each worksheet's relationships (tables, hyperlinks), by sheet name. */
  sheetRelationships: Map<string, Relationship[]>;
  sharedStringsPart?: string;
  stylesPart?: string;
}

interface WorkbookXml {
  sheets: { name: string; sheetId: number; state: SheetInfo['state']; rid?: string }[];
  definedNames: DefinedName[];
  date1904: boolean;
}

/** Boolean attributes as XML writes them ("1", "true"). */
const truthy = (v: string | undefined) => v === '1' || v === 'true';

export function parseWorkbookXml(xml: Uint8Array | string): WorkbookXml {
  const out: WorkbookXml = { sheets: [], definedNames: [], date1904: false };
  let pending: DefinedName | undefined;
  const handler: XmlHandler = {
    open(x: XmlScanner, name: number, selfClosing: boolean) {
      if (name === 0) {
        const state = x.attr('state');
        out.sheets.push({
          name: x.attr('name') ?? '',
          sheetId: Number(x.attr('sheetId') ?? 0),
          state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
          rid: x.attrNs('id'),
        });
      } else if (name === 1) {
        out.date1904 = truthy(x.attr('date1904'));
      } else if (name === 2) {
        const local = x.attr('localSheetId');
        pending = {
          name: x.attr('name') ?? '',
          formula: '',
          localSheetId: local === undefined ? undefined : parseInt(local, 10),
          hidden: truthy(x.attr('hidden')),
        };
        if (!selfClosing) x.capture();
      }
    },
    close(x: XmlScanner, name: number) {
      if (name === 2 && pending) {
        pending.formula = x.text();
        out.definedNames.push(pending);
        pending = undefined;
      }
    },
  };
  scanXml(xml, ['sheet', 'workbookPr', 'definedName'], handler);
  return out;
}

export function parseTableXml(xml: Uint8Array | string): Omit<TableDef, 'sheet' | 'part' | 'range'> {
  const t: Omit<TableDef, 'sheet' | 'part' | 'range'> = {
    name: '',
    displayName: '',
    ref: '',
    headerRowCount: 1,
    totalsRowCount: 0,
    totalsRowShown: true,
    columns: [],
    autoFilter: false,
    filtered: false,
  };
  let inTable = 0;
  let inFilterColumn = false;
  const handler: XmlHandler = {
    open(x: XmlScanner, name: number) {
      if (inFilterColumn) {
        // Any element inside a filterColumn is a filter (filters, customFilters, top10, dynamicFilter…).
        t.filtered = true;
        return;
      }
      switch (name) {
        case 0:
          if (inTable++ > 0) return;
          t.displayName = x.attr('displayName') ?? '';
          t.name = x.attr('name') ?? t.displayName;
          t.ref = x.attr('ref') ?? '';
          t.headerRowCount = Number(x.attr('headerRowCount') ?? 1);
          t.totalsRowCount = Number(x.attr('totalsRowCount') ?? 0);
          t.totalsRowShown = x.attr('totalsRowShown') !== '0';
          return;
        case 1:
          t.columns.push(decodeExcelEscapes(x.attr('name') ?? ''));
          return;
        case 2:
          t.autoFilter = true;
          return;
        case 3:
          inFilterColumn = true;
          return;
      }
    },
    close(_x: XmlScanner, name: number) {
      if (name === 3) inFilterColumn = false;
    },
  };
  scanXml(xml, ['table', 'tableColumn', 'autoFilter', 'filterColumn'], handler);
  return t;
}

/** Reads the model: every small part it needs, no worksheet part. */
export async function loadWorkbookModel(pkg: WorkbookPackage, inflater?: Inflater): Promise<WorkbookModel> {
  const { zip, workbookPart } = pkg;
  const xml = await partBytes(zip, workbookPart, inflater);
  if (xml === undefined) throw new ZipError(`no ${workbookPart} part`);
  const wb = parseWorkbookXml(xml);
  const rels = await relationshipsOf(zip, workbookPart, inflater);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetInfo[] = wb.sheets.map((s) => {
    const rel = s.rid === undefined ? undefined : byId.get(s.rid);
    const kind = rel?.kind === 'worksheet' ? 'worksheet' : rel?.kind === 'chartsheet' ? 'chartsheet' : 'other';
    const part = rel?.part !== undefined && zip.entry(rel.part) ? rel.part : undefined;
    return { name: s.name, sheetId: s.sheetId, state: s.state, kind, part };
  });
  const tables: TableDef[] = [];
  const sheetRelationships = new Map<string, Relationship[]>();
  for (const sheet of sheets) {
    if (sheet.kind !== 'worksheet' || sheet.part === undefined) continue;
    const sheetRels = await relationshipsOf(zip, sheet.part, inflater);
    sheetRelationships.set(sheet.name, sheetRels);
    for (const rel of sheetRels) {
      if (rel.kind !== 'table' || rel.part === undefined) continue;
      const tableXml = await partBytes(zip, rel.part, inflater);
      if (tableXml === undefined) throw new ZipError(`sheet ${sheet.name} lists a table part ${rel.part} it lacks`);
      const t = parseTableXml(tableXml);
      const range = decodeRange(t.ref);
      if (!range) throw new ZipError(`table ${t.name} has an invalid range "${t.ref}"`);
      tables.push({ ...t, sheet: sheet.name, part: rel.part, range });
    }
  }
  const partOf = (kind: string) => rels.find((r) => r.kind === kind && r.part !== undefined && zip.entry(r.part))?.part;
  return {
    sheets,
    definedNames: wb.definedNames,
    date1904: wb.date1904,
    tables,
    sheetRelationships,
    sharedStringsPart: partOf('sharedStrings'),
    stylesPart: partOf('styles'),
  };
}

/** The sheet a reference names ("'TT P&L'!$A$1" → "TT P&L"; "Hoja1!A1:B2,Hoja2!C3" → "Hoja1"), if any. */
export function sheetOfReference(formula: string): string | undefined {
  const f = formula.trim().replace(/^=/, '');
  if (f.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < f.length) {
      if (f[i] === "'") {
        if (f[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += f[i++];
    }
    return f[i + 1] === '!' ? name : undefined;
  }
  const bang = f.indexOf('!');
  return bang > 0 ? f.slice(0, bang) : undefined;
}
