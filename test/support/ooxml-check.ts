/**
 * Test helper: checks an .xlsx/.xlsm package against the rules whose breach makes Excel offer to "repair" a file
 * (LibreOffice and ExcelJS open such files without a word, so their round trips prove nothing). Every file our
 * writers produce is run through it.
 *
 * What it checks (each problem names its rule, its part and its severity):
 * - xml: every XML part (.xml, .rels) is well-formed and namespace-well-formed (saxes); mc:Ignorable names only
 *   declared prefixes. Binary parts (vbaProject.bin, images, printer settings) and VML (legacy, not always XML) are
 *   skipped.
 * - content types: every part has one (Default by extension or Override); every Override names an existing part;
 *   the target of each relationship has the content type of its relationship type (workbook, worksheet, styles...);
 *   a package with a VBA project has the macro-enabled main content type.
 * - relationships: ids unique per .rels part, internal targets resolve to existing parts, the package has an
 *   officeDocument relationship, and every r:id used in the workbook, a worksheet, a drawing or a pivot cache
 *   exists in the part's .rels with the right relationship type.
 * - element order: the children of worksheet, sheetViews/sheetView, sheetData/row/c, workbook, styleSheet/xf, table,
 *   tableColumn and autoFilter follow the xsd:sequence of ECMA-376 Part 1 sml.xsd (transitional; checked against the
 *   schema text; elements outside SpreadsheetML's namespace, e.g. mc:AlternateContent or x14 extensions, skipped).
 * - sheet data: rows ascending, cells ascending within a row and inside it, t valid, shared-string and style indexes
 *   in range, numbers and booleans parse.
 * - styles: count attributes equal the number of children; xf numFmtId built-in (< 164) or defined; fontId, fillId,
 *   borderId, xfId in range.
 * - tables: unique id and display name (case-insensitive, also against defined names), a valid name, a well-formed
 *   ref, tableColumns count = ref width, unique column ids and names, header cells equal to the column names
 *   (unless headerRowCount="0"), autoFilter inside the ref, no two tables overlapping on a sheet.
 * - workbook: sheet names unique (case-insensitive), at most 31 characters, none of []:*?/\ nor a leading or trailing
 *   apostrophe; sheetIds unique; defined names unique per scope, localSheetId in range; a visible sheet; activeTab on
 *   a visible sheet.
 * - pivot tables: counts of cache fields, shared items, records, pivot fields and items agree; cacheId known to the
 *   workbook; record values index existing shared items.
 * - docProps/app.xml: vector sizes equal their declared size (warning: Excel tolerates it).
 * - calcChain.xml: every entry's i is the sheetId of a worksheet (ECMA-376 §18.6.1 "Sheet Id"; Apache POI uses
 *   it so too) and the cell holds a formula.
 */
import { unzipSync } from 'fflate';
import { SaxesParser, type SaxesAttributeNS } from 'saxes';

// ------------------------------------------------------------------------------------------------ problems

export type Severity = 'error' | 'warning';

export type ProblemRule =
  | 'zip'
  | 'xml'
  | 'content-type'
  | 'content-type-override'
  | 'rel-root'
  | 'rel-id'
  | 'rel-target'
  | 'rel-missing'
  | 'rel-type'
  | 'element-order'
  | 'sheet-data'
  | 'cell'
  | 'shared-string'
  | 'style-index'
  | 'style-count'
  | 'style-ref'
  | 'table-id'
  | 'table-name'
  | 'table-ref'
  | 'table-columns'
  | 'table-header'
  | 'table-autofilter'
  | 'sheet-name'
  | 'sheet-id'
  | 'defined-name'
  | 'visible-sheet'
  | 'active-tab'
  | 'pivot'
  | 'app-properties'
  | 'calc-chain';

export interface PackageProblem {
  /** 'error': Excel repairs (or refuses) the file; 'warning': Excel opens it as is, but it is inconsistent. */
  severity: Severity;
  rule: ProblemRule;
  /** Part name without the leading slash ('xl/worksheets/sheet1.xml'); '' for the package itself. */
  part: string;
  message: string;
}

export const formatProblem = (p: PackageProblem): string =>
  `${p.severity} [${p.rule}] ${p.part || '(package)'}: ${p.message}`;

/**
 * Throws an error listing every problem of `bytes`; warnings count only with { warnings: 'fail' }.
 */
export function expectValidPackage(bytes: Uint8Array, opts: { warnings?: 'allow' | 'fail' } = {}): void {
  const failing = checkPackage(bytes).filter((p) => p.severity === 'error' || opts.warnings === 'fail');
  if (failing.length > 0)
    throw new Error(`The package has ${failing.length} problem(s):\n${failing.map(formatProblem).join('\n')}`);
}

// ------------------------------------------------------------------------------------------------ XML

export interface XmlElement {
  /** Qualified name as written ('x:row'). */
  readonly name: string;
  readonly local: string;
  /** Namespace URI ('' when none). */
  readonly uri: string;
  readonly attributes: readonly SaxesAttributeNS[];
  /** Namespace bindings in effect (prototype chain up to the root). */
  readonly ns: Record<string, string>;
  readonly children: XmlElement[];
  /** The element's own character data (not its descendants'). */
  text: string;
  readonly line: number;
}

/** Parses `text` into a light DOM; throws on any well-formedness or namespace error. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('opentag', (tag) => {
    const el: XmlElement = {
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attributes: Object.values(tag.attributes),
      ns: tag.ns,
      children: [],
      text: '',
      line: parser.line,
    };
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.write(text).close();
  if (!root) throw new Error('no root element');
  return root;
}

const SML_NS = new Set([
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
]);
const REL_NS = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);
const CHART_NS = new Set([
  'http://schemas.openxmlformats.org/drawingml/2006/chart',
  'http://purl.oclc.org/ooxml/drawingml/chart',
]);
const DRAWINGML_NS = new Set([
  'http://schemas.openxmlformats.org/drawingml/2006/main',
  'http://purl.oclc.org/ooxml/drawingml/main',
]);
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** An unprefixed attribute's value. */
export const attr = (el: XmlElement, local: string): string | undefined =>
  el.attributes.find((a) => a.local === local && a.uri === '')?.value;
/** An attribute in the relationships namespace (r:id, r:embed...). */
const relAttr = (el: XmlElement, local: string): string | undefined =>
  el.attributes.find((a) => a.local === local && REL_NS.has(a.uri))?.value;

export const childrenNamed = (el: XmlElement | undefined, local: string): XmlElement[] =>
  el ? el.children.filter((c) => c.local === local) : [];
export const child = (el: XmlElement | undefined, local: string): XmlElement | undefined =>
  el?.children.find((c) => c.local === local);

function* descendants(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) {
    yield c;
    yield* descendants(c);
  }
}

/** Text of a shared string item or an inline string: its t and r/t runs, without phonetic runs. */
export function richText(el: XmlElement): string {
  let s = '';
  for (const c of el.children) {
    if (c.local === 't') s += c.text;
    else if (c.local === 'r') s += richText(c);
  }
  return s;
}

/** Decodes ST_Xstring escapes (_x000A_ for a line feed, _x005F_ for an underscore). */
export const unescapeXstring = (s: string): string =>
  s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

// ------------------------------------------------------------------------------------------------ cell references

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export const columnLetters = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export function parseCellRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(ref);
  if (!m) return undefined;
  const col = columnNumber(m[1]);
  const row = Number(m[2]);
  return col <= MAX_COLS && row <= MAX_ROWS ? { row, col } : undefined;
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function parseRange(ref: string): CellRange | undefined {
  const [a, b, extra] = ref.split(':');
  if (extra !== undefined) return undefined;
  const from = parseCellRef(a);
  const to = b === undefined ? from : parseCellRef(b);
  if (!from || !to || to.row < from.row || to.col < from.col) return undefined;
  return { top: from.row, left: from.col, bottom: to.row, right: to.col };
}

const inside = (r: CellRange, outer: CellRange) =>
  r.top >= outer.top && r.bottom <= outer.bottom && r.left >= outer.left && r.right <= outer.right;
const overlap = (a: CellRange, b: CellRange) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

// ------------------------------------------------------------------------------------------------ schema sequences

/** An xsd:sequence: child local names in order, each with its maxOccurs (minOccurs 1 listed in `required`). */
interface Sequence {
  readonly type: string;
  readonly items: readonly (readonly [string, number])[];
  readonly required?: readonly string[];
}
const U = Number.POSITIVE_INFINITY;
const seq = (type: string, items: string, required: string[] = []): Sequence => ({
  type,
  items: items
    .trim()
    .split(/\s+/)
    .map((s) => {
      const [name, max] = s.split('*');
      return [name, max === undefined ? 1 : max === '' ? U : Number(max)] as const;
    }),
  required,
});

// ECMA-376 Part 1 (2nd edition onwards, transitional) sml.xsd. "name*" = maxOccurs unbounded, "name*4" = 4.
const CT_WORKSHEET = seq(
  'CT_Worksheet',
  `sheetPr dimension sheetViews sheetFormatPr cols* sheetData sheetCalcPr sheetProtection protectedRanges scenarios
   autoFilter sortState dataConsolidate customSheetViews mergeCells phoneticPr conditionalFormatting* dataValidations
   hyperlinks printOptions pageMargins pageSetup headerFooter rowBreaks colBreaks customProperties cellWatches
   ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF drawingHF picture oleObjects controls
   webPublishItems tableParts extLst`,
  ['sheetData'],
);
const CT_SHEET_VIEWS = seq('CT_SheetViews', 'sheetView* extLst', ['sheetView']);
const CT_SHEET_VIEW = seq('CT_SheetView', 'pane selection*4 pivotSelection*4 extLst');
const CT_SHEET_DATA = seq('CT_SheetData', 'row*');
const CT_ROW = seq('CT_Row', 'c* extLst');
const CT_CELL = seq('CT_Cell', 'f v is extLst');
const CT_WORKBOOK = seq(
  'CT_Workbook',
  `fileVersion fileSharing workbookPr workbookProtection bookViews sheets functionGroups externalReferences
   definedNames calcPr oleSize customWorkbookViews pivotCaches smartTagPr smartTagTypes webPublishing
   fileRecoveryPr* webPublishObjects extLst`,
  ['sheets'],
);
const CT_STYLESHEET = seq(
  'CT_Stylesheet',
  'numFmts fonts fills borders cellStyleXfs cellXfs cellStyles dxfs tableStyles colors extLst',
);
const CT_XF = seq('CT_Xf', 'alignment protection extLst');
const CT_TABLE = seq('CT_Table', 'autoFilter sortState tableColumns tableStyleInfo extLst', ['tableColumns']);
const CT_TABLE_COLUMN = seq('CT_TableColumn', 'calculatedColumnFormula totalsRowFormula xmlColumnPr extLst');
const CT_AUTO_FILTER = seq('CT_AutoFilter', 'filterColumn* sortState extLst');

// ------------------------------------------------------------------------------------------------ content types

const SML_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.';
const MACRO_MAIN = [
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml',
  'application/vnd.ms-excel.addin.macroEnabled.main+xml',
];
/** Content types a part must have, by the kind (last segment of the type) of a relationship targeting it. */
const CONTENT_TYPES: Record<string, readonly string[]> = {
  officeDocument: [`${SML_CT}sheet.main+xml`, `${SML_CT}template.main+xml`, ...MACRO_MAIN],
  worksheet: [`${SML_CT}worksheet+xml`],
  chartsheet: [`${SML_CT}chartsheet+xml`],
  sharedStrings: [`${SML_CT}sharedStrings+xml`],
  styles: [`${SML_CT}styles+xml`],
  table: [`${SML_CT}table+xml`],
  calcChain: [`${SML_CT}calcChain+xml`],
  pivotTable: [`${SML_CT}pivotTable+xml`],
  pivotCacheDefinition: [`${SML_CT}pivotCacheDefinition+xml`],
  pivotCacheRecords: [`${SML_CT}pivotCacheRecords+xml`],
  comments: [`${SML_CT}comments+xml`],
  externalLink: [`${SML_CT}externalLink+xml`],
  sheetMetadata: [`${SML_CT}sheetMetadata+xml`],
  printerSettings: [`${SML_CT}printerSettings`],
  drawing: ['application/vnd.openxmlformats-officedocument.drawing+xml'],
  chart: ['application/vnd.openxmlformats-officedocument.drawingml.chart+xml'],
  theme: ['application/vnd.openxmlformats-officedocument.theme+xml'],
  'core-properties': ['application/vnd.openxmlformats-package.core-properties+xml'],
  'extended-properties': ['application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  'custom-properties': ['application/vnd.openxmlformats-officedocument.custom-properties+xml'],
  customXmlProps: ['application/vnd.openxmlformats-officedocument.customXmlProperties+xml'],
  vbaProject: ['application/vnd.ms-office.vbaProject'],
  vmlDrawing: ['application/vnd.openxmlformats-officedocument.vmlDrawing'],
  chartStyle: ['application/vnd.ms-office.chartstyle+xml'],
  chartColorStyle: ['application/vnd.ms-office.chartcolorstyle+xml'],
};

/** Kind of a relationship type: its last path segment ('.../relationships/worksheet' → 'worksheet'). */
export const relKind = (type: string): string => type.slice(type.lastIndexOf('/') + 1);

// ------------------------------------------------------------------------------------------------ the checker

interface Rel {
  id: string;
  type: string;
  kind: string;
  external: boolean;
  /** Resolved part name (no leading slash), when internal. */
  target?: string;
  /** Whether the target exists. */
  exists: boolean;
}

interface CellInfo {
  t: string;
  v?: string;
  formula: boolean;
  inline?: string;
}

interface SheetEntry {
  name: string;
  sheetId: number;
  state: string;
  part?: string;
  kind?: string;
}

const CELL_TYPES = new Set(['b', 'd', 'e', 'inlineStr', 'n', 's', 'str']);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** Number formats 0-163 are built in (some locale-dependent); custom ones start at 164. */
const FIRST_CUSTOM_NUMFMT = 164;
const XML_PART = /\.(xml|rels)$/i;

class Checker {
  readonly problems: PackageProblem[] = [];
  private readonly parts = new Map<string, Uint8Array>();
  private readonly lower = new Map<string, string>();
  private readonly xml = new Map<string, XmlElement | null>();
  private readonly rels = new Map<string, Rel[]>();
  private defaults = new Map<string, string>();
  private overrides = new Map<string, string>();
  private sheets: SheetEntry[] = [];
  private sharedStrings: string[] | undefined;
  private cellXfs: number | undefined;
  private readonly cells = new Map<string, Map<string, CellInfo>>();
  private definedNames: { name: string; scope: number | undefined }[] = [];
  private pivotCacheIds = new Set<string>();

  constructor(bytes: Uint8Array) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes);
    } catch (e) {
      this.add('error', 'zip', '', `not a zip archive: ${(e as Error).message}`);
      return;
    }
    for (const [name, data] of Object.entries(files)) {
      if (name.endsWith('/')) continue;
      this.parts.set(name, data);
      this.lower.set(name.toLowerCase(), name);
    }
    this.parseAll();
    this.checkContentTypes();
    this.readAllRels();
    this.checkPackageRels();
    this.checkContentTypesOfTargets();
    this.checkAppProperties();
    const workbook = this.mainPart();
    if (!workbook) return;
    this.checkWorkbook(workbook);
    this.checkSharedStrings(workbook);
    this.checkStyles(workbook);
    for (const sheet of this.sheets)
      if (sheet.part && sheet.kind === 'worksheet' && this.xml.get(sheet.part)) this.checkWorksheet(sheet.part);
    this.checkTables();
    this.checkDrawings();
    this.checkPivots(workbook);
    this.checkCalcChain(workbook);
  }

  private add(severity: Severity, rule: ProblemRule, part: string, message: string): void {
    this.problems.push({ severity, rule, part, message });
  }

  private has(part: string): string | undefined {
    return this.parts.has(part) ? part : this.lower.get(part.toLowerCase());
  }

  private doc(part: string | undefined): XmlElement | undefined {
    return part === undefined ? undefined : (this.xml.get(part) ?? undefined);
  }

  // ------------------------------------------------------------------ XML parts

  private parseAll(): void {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const [name, data] of this.parts) {
      if (!XML_PART.test(name)) continue;
      try {
        const root = parseXml(decoder.decode(data));
        this.xml.set(name, root);
        this.checkIgnorable(name, root);
      } catch (e) {
        this.xml.set(name, null);
        this.add('error', 'xml', name, `not well-formed: ${(e as Error).message.split('\n')[0]}`);
      }
    }
  }

  /** mc:Ignorable must list prefixes declared in scope: Excel refuses the part otherwise. */
  private checkIgnorable(part: string, root: XmlElement): void {
    for (const el of [root, ...descendants(root)]) {
      const ignorable = el.attributes.find((a) => a.local === 'Ignorable' && a.uri === MC_NS);
      if (!ignorable) continue;
      for (const prefix of ignorable.value.trim().split(/\s+/))
        if (prefix && !(prefix in el.ns))
          this.add('error', 'xml', part, `mc:Ignorable names the undeclared prefix "${prefix}" on <${el.name}>`);
    }
  }

  // ------------------------------------------------------------------ content types

  private checkContentTypes(): void {
    const part = '[Content_Types].xml';
    const root = this.doc(this.has(part));
    if (!root) {
      if (!this.has(part)) this.add('error', 'content-type', part, 'the package has no [Content_Types].xml');
      return;
    }
    for (const d of childrenNamed(root, 'Default')) {
      const ext = (attr(d, 'Extension') ?? '').toLowerCase();
      if (this.defaults.has(ext)) this.add('error', 'content-type', part, `two Defaults for extension "${ext}"`);
      this.defaults.set(ext, attr(d, 'ContentType') ?? '');
    }
    for (const o of childrenNamed(root, 'Override')) {
      const name = attr(o, 'PartName') ?? '';
      const key = name.toLowerCase();
      if (this.overrides.has(key)) this.add('error', 'content-type', part, `two Overrides for ${name}`);
      this.overrides.set(key, attr(o, 'ContentType') ?? '');
      if (!name.startsWith('/') || !this.has(name.slice(1)))
        this.add('error', 'content-type-override', part, `Override for ${name}, which is not in the package`);
    }
    for (const name of this.parts.keys()) {
      if (name === part) continue;
      if (this.contentType(name) === undefined)
        this.add('error', 'content-type', name, 'no content type (no Override and no Default for its extension)');
    }
  }

  private contentType(part: string): string | undefined {
    const o = this.overrides.get(`/${part}`.toLowerCase());
    if (o !== undefined) return o;
    const file = part.slice(part.lastIndexOf('/') + 1);
    const dot = file.lastIndexOf('.');
    return dot < 0 ? undefined : this.defaults.get(file.slice(dot + 1).toLowerCase());
  }

  // ------------------------------------------------------------------ relationships

  private static sourceOfRels(relsPart: string): string | undefined {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(relsPart);
    return m ? m[1] + m[2] : undefined;
  }

  private static relsOf(part: string): string {
    const slash = part.lastIndexOf('/');
    return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  }

  private resolve(source: string, target: string): string {
    const base = target.startsWith('/') ? [] : source.split('/').slice(0, -1);
    for (const seg of target.replace(/^\//, '').split('/')) {
      if (seg === '..') base.pop();
      else if (seg !== '.' && seg !== '') base.push(seg);
    }
    return base.join('/');
  }

  private readAllRels(): void {
    for (const name of this.parts.keys()) {
      const source = Checker.sourceOfRels(name);
      if (source === undefined) continue;
      const root = this.doc(name);
      const list: Rel[] = [];
      this.rels.set(source, list);
      if (!root) continue;
      const ids = new Set<string>();
      for (const r of childrenNamed(root, 'Relationship')) {
        const id = attr(r, 'Id') ?? '';
        const type = attr(r, 'Type') ?? '';
        const targetAttr = attr(r, 'Target') ?? '';
        if (ids.has(id)) this.add('error', 'rel-id', name, `relationship id ${id} used twice`);
        ids.add(id);
        if (!id || !type) this.add('error', 'rel-id', name, 'a relationship without Id or Type');
        const external = attr(r, 'TargetMode') === 'External';
        const rel: Rel = { id, type, kind: relKind(type), external, exists: true };
        if (!external) {
          let target = this.resolve(source, targetAttr.split('#')[0]);
          let found = this.has(target);
          if (!found) {
            try {
              target = decodeURIComponent(target);
              found = this.has(target);
            } catch {
              // keep the raw target
            }
          }
          rel.target = found ?? target;
          rel.exists = found !== undefined;
          if (!found)
            this.add('error', 'rel-target', name, `${id} (${rel.kind}) points at ${targetAttr}: no such part`);
        }
        list.push(rel);
      }
    }
  }

  private relsFrom(part: string): Rel[] {
    return this.rels.get(part) ?? [];
  }

  private targets(part: string, kind: string): Rel[] {
    return this.relsFrom(part).filter((r) => r.kind === kind && r.exists && r.target !== undefined);
  }

  /** The relationship `id` of `part`, checked to exist with one of `kinds`. */
  private useRel(part: string, id: string | undefined, kinds: readonly string[], what: string): Rel | undefined {
    if (id === undefined) return undefined;
    const rel = this.relsFrom(part).find((r) => r.id === id);
    if (!rel) {
      this.add('error', 'rel-missing', part, `${what} uses r:id ${id}, not in ${Checker.relsOf(part)}`);
      return undefined;
    }
    if (!kinds.includes(rel.kind)) {
      this.add('error', 'rel-type', part, `${what} uses r:id ${id}, a ${rel.kind} relationship (wants ${kinds[0]})`);
      return undefined;
    }
    return rel;
  }

  private checkPackageRels(): void {
    if (!this.has('_rels/.rels')) {
      this.add('error', 'rel-root', '_rels/.rels', 'the package has no _rels/.rels');
      return;
    }
    const main = this.relsFrom('').filter((r) => r.kind === 'officeDocument');
    if (main.length !== 1)
      this.add('error', 'rel-root', '_rels/.rels', `${main.length} officeDocument relationships (wants 1)`);
  }

  private mainPart(): string | undefined {
    const rel = this.relsFrom('').find((r) => r.kind === 'officeDocument' && r.exists);
    return rel?.target && this.doc(rel.target) ? rel.target : undefined;
  }

  private checkContentTypesOfTargets(): void {
    if (this.defaults.size === 0 && this.overrides.size === 0) return;
    const seen = new Set<string>();
    for (const [source, list] of this.rels) {
      for (const rel of list) {
        if (!rel.exists || rel.target === undefined) continue;
        const key = `${rel.target}\n${rel.kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const ct = this.contentType(rel.target);
        if (ct === undefined) continue; // reported already
        const want = CONTENT_TYPES[rel.kind];
        const ok = want ? want.includes(ct) : rel.kind !== 'image' || ct.startsWith('image/');
        if (!ok)
          this.add(
            'error',
            'content-type',
            rel.target,
            `content type ${ct}, but ${source || 'the package'} relates it as ${rel.kind} (wants ${want?.join(' or ') ?? 'image/*'})`,
          );
      }
    }
  }

  // ------------------------------------------------------------------ element order and counts

  private checkOrder(part: string, el: XmlElement, sequence: Sequence): void {
    let last = -1;
    let lastName = '';
    const seen = new Map<string, number>();
    for (const c of el.children) {
      if (!SML_NS.has(c.uri)) continue;
      const idx = sequence.items.findIndex(([n]) => n === c.local);
      if (idx < 0) {
        this.add('error', 'element-order', part, `<${c.local}> is not allowed in <${el.local}> (${sequence.type})`);
        continue;
      }
      const count = (seen.get(c.local) ?? 0) + 1;
      seen.set(c.local, count);
      if (idx < last)
        this.add(
          'error',
          'element-order',
          part,
          `<${c.local}> after <${lastName}> in <${el.local}> (line ${c.line}): ${sequence.type} puts it before`,
        );
      else if (count > sequence.items[idx][1])
        this.add('error', 'element-order', part, `more than ${sequence.items[idx][1]} <${c.local}> in <${el.local}>`);
      if (idx > last) {
        last = idx;
        lastName = c.local;
      }
    }
    for (const r of sequence.required ?? [])
      if (!seen.has(r)) this.add('error', 'element-order', part, `<${el.local}> lacks <${r}> (${sequence.type})`);
  }

  /** A count attribute, when present, must equal the number of `item` children ('*': of all children). */
  private checkCount(part: string, el: XmlElement | undefined, item: string, rule: ProblemRule): void {
    if (!el) return;
    const count = attr(el, 'count');
    const n = item === '*' ? el.children.length : childrenNamed(el, item).length;
    if (count !== undefined && Number(count) !== n)
      this.add('error', rule, part, `<${el.local} count="${count}"> holds ${n} <${item}>`);
  }

  // ------------------------------------------------------------------ workbook

  private checkWorkbook(part: string): void {
    const root = this.doc(part)!;
    this.checkOrder(part, root, CT_WORKBOOK);
    const macro = this.relsFrom(part).some((r) => r.kind === 'vbaProject');
    const ct = this.contentType(part);
    if (macro && ct !== undefined && !MACRO_MAIN.includes(ct))
      this.add(
        'error',
        'content-type',
        part,
        `the workbook has a VBA project but content type ${ct} (not macro-enabled)`,
      );

    const names = new Set<string>();
    const ids = new Set<number>();
    const rids = new Set<string>();
    for (const s of childrenNamed(child(root, 'sheets'), 'sheet')) {
      const name = attr(s, 'name') ?? '';
      const sheetId = Number(attr(s, 'sheetId'));
      const state = attr(s, 'state') ?? 'visible';
      const rid = relAttr(s, 'id');
      const entry: SheetEntry = { name, sheetId, state };
      this.sheets.push(entry);
      if (name.length === 0 || name.length > 31)
        this.add('error', 'sheet-name', part, `sheet name "${name}" has ${name.length} characters (1 to 31)`);
      if (/[[\]:*?/\\]/.test(name)) this.add('error', 'sheet-name', part, `sheet name "${name}" holds one of []:*?/\\`);
      if (name.startsWith("'") || name.endsWith("'"))
        this.add('error', 'sheet-name', part, `sheet name "${name}" begins or ends with an apostrophe`);
      const key = name.toLowerCase();
      if (names.has(key)) this.add('error', 'sheet-name', part, `two sheets named "${name}" (case-insensitive)`);
      names.add(key);
      if (!Number.isInteger(sheetId) || sheetId < 1)
        this.add('error', 'sheet-id', part, `sheet "${name}" has sheetId ${attr(s, 'sheetId')}`);
      else if (ids.has(sheetId)) this.add('error', 'sheet-id', part, `sheetId ${sheetId} used twice`);
      ids.add(sheetId);
      if (!['visible', 'hidden', 'veryHidden'].includes(state))
        this.add('error', 'sheet-name', part, `sheet "${name}" has state "${state}"`);
      if (rid === undefined) this.add('error', 'rel-missing', part, `sheet "${name}" has no r:id`);
      else if (rids.has(rid)) this.add('error', 'rel-id', part, `two sheets use r:id ${rid}`);
      if (rid !== undefined) rids.add(rid);
      const rel = this.useRel(
        part,
        rid,
        ['worksheet', 'chartsheet', 'dialogsheet', 'xlMacrosheet', 'xlIntlMacrosheet'],
        `sheet "${name}"`,
      );
      if (rel?.exists) {
        entry.part = rel.target;
        entry.kind = rel.kind;
      }
    }
    const visible = this.sheets.map((s, i) => (s.state === 'visible' ? i : -1)).filter((i) => i >= 0);
    if (this.sheets.length > 0 && visible.length === 0)
      this.add('error', 'visible-sheet', part, 'every sheet is hidden');
    for (const view of childrenNamed(child(root, 'bookViews'), 'workbookView')) {
      for (const a of ['activeTab', 'firstSheet']) {
        const v = attr(view, a);
        if (v === undefined) continue;
        const i = Number(v);
        if (!Number.isInteger(i) || i < 0 || i >= this.sheets.length)
          this.add('error', 'active-tab', part, `${a}="${v}" but the workbook has ${this.sheets.length} sheets`);
        else if (a === 'activeTab' && this.sheets[i].state !== 'visible')
          this.add('error', 'active-tab', part, `activeTab="${v}" is the hidden sheet "${this.sheets[i].name}"`);
      }
    }

    const scoped = new Set<string>();
    for (const dn of childrenNamed(child(root, 'definedNames'), 'definedName')) {
      const name = attr(dn, 'name') ?? '';
      const local = attr(dn, 'localSheetId');
      const scope = local === undefined ? undefined : Number(local);
      if (scope !== undefined && (!Number.isInteger(scope) || scope < 0 || scope >= this.sheets.length))
        this.add(
          'error',
          'defined-name',
          part,
          `"${name}" has localSheetId ${local}; the workbook has ${this.sheets.length} sheets`,
        );
      const key = `${name.toLowerCase()}\n${local ?? ''}`;
      if (scoped.has(key))
        this.add(
          'error',
          'defined-name',
          part,
          `"${name}" defined twice in ${local === undefined ? 'the workbook' : `sheet ${local}`}`,
        );
      scoped.add(key);
      if (!name) this.add('error', 'defined-name', part, 'a defined name without a name');
      this.definedNames.push({ name, scope });
    }

    for (const pc of childrenNamed(child(root, 'pivotCaches'), 'pivotCache')) {
      const id = attr(pc, 'cacheId') ?? '';
      if (this.pivotCacheIds.has(id)) this.add('error', 'pivot', part, `pivot cacheId ${id} used twice`);
      this.pivotCacheIds.add(id);
      this.useRel(part, relAttr(pc, 'id'), ['pivotCacheDefinition'], `pivotCache ${id}`);
    }
    for (const er of childrenNamed(child(root, 'externalReferences'), 'externalReference'))
      this.useRel(part, relAttr(er, 'id'), ['externalLink'], 'externalReference');
  }

  // ------------------------------------------------------------------ shared strings and styles

  private checkSharedStrings(workbook: string): void {
    const rel = this.targets(workbook, 'sharedStrings')[0];
    const root = this.doc(rel?.target);
    if (!rel?.target || !root) return;
    const items = childrenNamed(root, 'si');
    this.sharedStrings = items.map(richText);
    const unique = attr(root, 'uniqueCount');
    if (unique !== undefined && Number(unique) !== items.length)
      this.add('warning', 'shared-string', rel.target, `uniqueCount="${unique}" but ${items.length} <si>`);
  }

  private checkStyles(workbook: string): void {
    const part = this.targets(workbook, 'styles')[0]?.target;
    const root = this.doc(part);
    if (!part || !root) return;
    this.checkOrder(part, root, CT_STYLESHEET);
    const lists: [string, string][] = [
      ['numFmts', 'numFmt'],
      ['fonts', 'font'],
      ['fills', 'fill'],
      ['borders', 'border'],
      ['cellStyleXfs', 'xf'],
      ['cellXfs', 'xf'],
      ['cellStyles', 'cellStyle'],
      ['dxfs', 'dxf'],
      ['tableStyles', 'tableStyle'],
    ];
    for (const [list, item] of lists) this.checkCount(part, child(root, list), item, 'style-count');
    const size = (list: string, item: string) => childrenNamed(child(root, list), item).length;
    const fonts = size('fonts', 'font');
    const fills = size('fills', 'fill');
    const borders = size('borders', 'border');
    const styleXfs = size('cellStyleXfs', 'xf');
    this.cellXfs = size('cellXfs', 'xf');
    const numFmts = new Set(childrenNamed(child(root, 'numFmts'), 'numFmt').map((n) => Number(attr(n, 'numFmtId'))));
    for (const list of ['cellStyleXfs', 'cellXfs']) {
      childrenNamed(child(root, list), 'xf').forEach((xf, i) => {
        this.checkOrder(part, xf, CT_XF);
        const check = (a: string, n: number, what: string) => {
          const v = attr(xf, a);
          if (v === undefined) return;
          const k = Number(v);
          if (!Number.isInteger(k) || k < 0 || k >= n)
            this.add('error', 'style-ref', part, `${list} xf ${i}: ${a}="${v}" but there are ${n} ${what}`);
        };
        check('fontId', fonts, 'fonts');
        check('fillId', fills, 'fills');
        check('borderId', borders, 'borders');
        if (list === 'cellXfs') check('xfId', styleXfs, 'cellStyleXfs');
        const fmt = attr(xf, 'numFmtId');
        if (fmt !== undefined) {
          const id = Number(fmt);
          if (!Number.isInteger(id) || id < 0 || (id >= FIRST_CUSTOM_NUMFMT && !numFmts.has(id)))
            this.add('error', 'style-ref', part, `${list} xf ${i}: numFmtId="${fmt}" is neither built in nor defined`);
        }
      });
    }
    childrenNamed(child(root, 'cellStyles'), 'cellStyle').forEach((cs, i) => {
      const v = Number(attr(cs, 'xfId'));
      if (!Number.isInteger(v) || v < 0 || v >= styleXfs)
        this.add(
          'error',
          'style-ref',
          part,
          `cellStyle ${i}: xfId="${attr(cs, 'xfId')}" but there are ${styleXfs} cellStyleXfs`,
        );
    });
  }

  private checkStyleIndex(part: string, s: string | undefined, where: string): void {
    if (s === undefined) return;
    const n = Number(s);
    const max = this.cellXfs ?? 1; // without a styles part only the default style 0 exists
    if (!Number.isInteger(n) || n < 0 || n >= max)
      this.add('error', 'style-index', part, `${where}: s="${s}" but cellXfs holds ${max} xf`);
  }

  // ------------------------------------------------------------------ worksheets

  private checkWorksheet(part: string): void {
    const root = this.doc(part)!;
    this.checkOrder(part, root, CT_WORKSHEET);
    const views = child(root, 'sheetViews');
    if (views) {
      this.checkOrder(part, views, CT_SHEET_VIEWS);
      for (const v of childrenNamed(views, 'sheetView')) this.checkOrder(part, v, CT_SHEET_VIEW);
    }
    for (const col of childrenNamed(child(root, 'cols'), 'col'))
      this.checkStyleIndex(part, attr(col, 'style'), `col ${attr(col, 'min')}:${attr(col, 'max')}`);
    this.checkCount(part, child(root, 'mergeCells'), 'mergeCell', 'sheet-data');
    this.checkCount(part, child(root, 'tableParts'), 'tablePart', 'sheet-data');
    this.checkCount(part, child(root, 'dataValidations'), 'dataValidation', 'sheet-data');

    const cells = new Map<string, CellInfo>();
    this.cells.set(part, cells);
    const data = child(root, 'sheetData');
    if (data) {
      this.checkOrder(part, data, CT_SHEET_DATA);
      let lastRow = 0;
      for (const row of childrenNamed(data, 'row')) {
        const rAttr = attr(row, 'r');
        const r = rAttr === undefined ? lastRow + 1 : Number(rAttr);
        if (!Number.isInteger(r) || r < 1 || r > MAX_ROWS) {
          this.add('error', 'sheet-data', part, `row r="${rAttr}" is not a row number`);
          continue;
        }
        if (r <= lastRow) this.add('error', 'sheet-data', part, `row ${r} comes after row ${lastRow}`);
        lastRow = Math.max(lastRow, r);
        this.checkOrder(part, row, CT_ROW);
        if (attr(row, 'customFormat') === '1' || attr(row, 'customFormat') === 'true')
          this.checkStyleIndex(part, attr(row, 's'), `row ${r}`);
        let lastCol = 0;
        for (const c of childrenNamed(row, 'c')) {
          const ref = attr(c, 'r');
          const at = ref === undefined ? { row: r, col: lastCol + 1 } : parseCellRef(ref);
          if (!at || ref?.includes('$')) {
            this.add('error', 'cell', part, `cell r="${ref}" in row ${r} is not a cell reference`);
            continue;
          }
          const name = ref ?? `${columnLetters(at.col)}${r}`;
          if (at.row !== r) this.add('error', 'cell', part, `cell ${name} sits in row ${r}`);
          if (at.col <= lastCol)
            this.add('error', 'cell', part, `cell ${name} comes after column ${columnLetters(lastCol)} in row ${r}`);
          lastCol = Math.max(lastCol, at.col);
          this.checkCell(part, c, name, cells);
        }
      }
    }

    const refs: [string, string, string[]][] = [
      ['drawing', 'drawing', ['drawing']],
      ['legacyDrawing', 'legacyDrawing', ['vmlDrawing']],
      ['legacyDrawingHF', 'legacyDrawingHF', ['vmlDrawing']],
      ['picture', 'picture', ['image']],
      ['pageSetup', 'pageSetup', ['printerSettings']],
    ];
    for (const [local, what, kinds] of refs) {
      const el = child(root, local);
      if (el) this.useRel(part, relAttr(el, 'id'), kinds, `<${what}>`);
    }
    for (const tp of childrenNamed(child(root, 'tableParts'), 'tablePart'))
      this.useRel(part, relAttr(tp, 'id'), ['table'], '<tablePart>');
    for (const h of childrenNamed(child(root, 'hyperlinks'), 'hyperlink'))
      this.useRel(part, relAttr(h, 'id'), ['hyperlink'], `<hyperlink ref="${attr(h, 'ref')}">`);
  }

  private checkCell(part: string, c: XmlElement, ref: string, cells: Map<string, CellInfo>): void {
    this.checkOrder(part, c, CT_CELL);
    const t = attr(c, 't') ?? 'n';
    const v = child(c, 'v')?.text;
    const formula = child(c, 'f') !== undefined;
    const is = child(c, 'is');
    cells.set(ref, { t, v, formula, inline: is ? richText(is) : undefined });
    if (!CELL_TYPES.has(t)) this.add('error', 'cell', part, `cell ${ref} has t="${t}"`);
    this.checkStyleIndex(part, attr(c, 's'), `cell ${ref}`);
    if (v === undefined) return;
    if (t === 's') {
      const i = Number(v);
      const n = this.sharedStrings?.length;
      if (n === undefined)
        this.add('error', 'shared-string', part, `cell ${ref} has t="s" but there is no sharedStrings part`);
      else if (!Number.isInteger(i) || i < 0 || i >= n)
        this.add('error', 'shared-string', part, `cell ${ref} holds shared string ${v}; there are ${n}`);
    } else if (t === 'n' && !NUMBER.test(v.trim()))
      this.add('error', 'cell', part, `cell ${ref} is a number holding "${v}"`);
    else if (t === 'b' && v !== '0' && v !== '1')
      this.add('error', 'cell', part, `cell ${ref} is a boolean holding "${v}"`);
  }

  private cellText(sheetPart: string, ref: string): string | undefined {
    const cell = this.cells.get(sheetPart)?.get(ref);
    if (!cell) return undefined;
    if (cell.t === 's') return this.sharedStrings?.[Number(cell.v)];
    if (cell.t === 'inlineStr') return cell.inline;
    return cell.v;
  }

  // ------------------------------------------------------------------ tables

  private checkTables(): void {
    const ids = new Map<number, string>();
    const names = new Map<string, string>();
    const definedNames = new Set(
      this.definedNames.filter((d) => !d.name.toLowerCase().startsWith('_xlnm.')).map((d) => d.name.toLowerCase()),
    );
    for (const sheet of this.sheets) {
      if (!sheet.part || sheet.kind !== 'worksheet') continue;
      const placed: { name: string; range: CellRange }[] = [];
      for (const rel of this.targets(sheet.part, 'table')) {
        const part = rel.target!;
        const root = this.doc(part);
        if (!root) continue;
        this.checkOrder(part, root, CT_TABLE);
        const id = Number(attr(root, 'id'));
        const display = attr(root, 'displayName') ?? '';
        if (!Number.isInteger(id) || id < 1) this.add('error', 'table-id', part, `table id "${attr(root, 'id')}"`);
        else if (ids.has(id)) this.add('error', 'table-id', part, `table id ${id} is also the id of ${ids.get(id)}`);
        ids.set(id, part);
        if (
          !/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(display) ||
          /^[A-Za-z]{1,3}[0-9]+$/.test(display) ||
          /^[rRcC]$/.test(display)
        )
          this.add('error', 'table-name', part, `displayName "${display}" is not a valid table name`);
        const key = display.toLowerCase();
        if (names.has(key))
          this.add('error', 'table-name', part, `table name "${display}" is also used by ${names.get(key)}`);
        names.set(key, part);
        if (definedNames.has(key))
          this.add('error', 'table-name', part, `table name "${display}" is also a defined name`);

        const ref = attr(root, 'ref') ?? '';
        const range = parseRange(ref);
        if (!range) {
          this.add('error', 'table-ref', part, `ref "${ref}" is not a range`);
          continue;
        }
        for (const other of placed)
          if (overlap(range, other.range))
            this.add(
              'error',
              'table-ref',
              part,
              `table "${display}" (${ref}) overlaps table "${other.name}" on sheet "${sheet.name}"`,
            );
        placed.push({ name: display, range });

        const columnsEl = child(root, 'tableColumns');
        const columns = childrenNamed(columnsEl, 'tableColumn');
        this.checkCount(part, columnsEl, 'tableColumn', 'table-columns');
        const width = range.right - range.left + 1;
        if (columns.length !== width)
          this.add(
            'error',
            'table-columns',
            part,
            `${columns.length} tableColumns for a ref ${width} columns wide (${ref})`,
          );
        const colIds = new Set<string>();
        const colNames = new Set<string>();
        columns.forEach((col, i) => {
          this.checkOrder(part, col, CT_TABLE_COLUMN);
          const colId = attr(col, 'id') ?? '';
          const colName = unescapeXstring(attr(col, 'name') ?? '');
          if (colIds.has(colId)) this.add('error', 'table-columns', part, `tableColumn id ${colId} used twice`);
          colIds.add(colId);
          if (colNames.has(colName.toLowerCase()))
            this.add('error', 'table-columns', part, `two tableColumns named "${colName}" (case-insensitive)`);
          colNames.add(colName.toLowerCase());
          // A sheet that failed to parse has been reported already: no header to compare.
          if (attr(root, 'headerRowCount') === '0' || i >= width || !this.cells.has(sheet.part!)) return;
          const cellRef = `${columnLetters(range.left + i)}${range.top}`;
          const text = unescapeXstring(this.cellText(sheet.part!, cellRef) ?? '');
          if (text !== colName)
            this.add(
              'error',
              'table-header',
              part,
              `column ${i + 1} is named "${colName}" but header cell ${sheet.name}!${cellRef} holds "${text}"`,
            );
        });

        const filter = child(root, 'autoFilter');
        if (filter) {
          this.checkOrder(part, filter, CT_AUTO_FILTER);
          const fr = parseRange(attr(filter, 'ref') ?? '');
          if (!fr || !inside(fr, range))
            this.add('error', 'table-autofilter', part, `autoFilter ref "${attr(filter, 'ref')}" is not inside ${ref}`);
        }
      }
    }
  }

  // ------------------------------------------------------------------ drawings

  private checkDrawings(): void {
    for (const list of this.rels.values()) {
      for (const rel of list) {
        if (rel.kind !== 'drawing' || !rel.exists || !rel.target) continue;
        const part = rel.target;
        const root = this.doc(part);
        if (!root) continue;
        for (const el of descendants(root)) {
          if (el.local === 'chart' && CHART_NS.has(el.uri))
            this.useRel(part, relAttr(el, 'id'), ['chart'], '<c:chart>');
          else if (el.local === 'blip' && DRAWINGML_NS.has(el.uri))
            this.useRel(part, relAttr(el, 'embed'), ['image'], '<a:blip r:embed>');
        }
      }
    }
  }

  // ------------------------------------------------------------------ pivot tables

  private checkPivots(workbook: string): void {
    const fieldCounts = new Map<string, number[]>(); // definition part → shared item count per cache field
    for (const rel of this.targets(workbook, 'pivotCacheDefinition')) {
      const part = rel.target!;
      const root = this.doc(part);
      if (!root) continue;
      const fieldsEl = child(root, 'cacheFields');
      const fields = childrenNamed(fieldsEl, 'cacheField');
      this.checkCount(part, fieldsEl, 'cacheField', 'pivot');
      const shared = fields.map((f) => {
        const items = child(f, 'sharedItems');
        this.checkCount(part, items, '*', 'pivot');
        return items ? items.children.length : 0;
      });
      fieldCounts.set(part, shared);
      const recordsRel = this.useRel(part, relAttr(root, 'id'), ['pivotCacheRecords'], '<pivotCacheDefinition>');
      const records = this.doc(recordsRel?.target);
      if (!recordsRel?.target || !records) continue;
      const rows = childrenNamed(records, 'r');
      this.checkCount(recordsRel.target, records, 'r', 'pivot');
      rows.forEach((r, i) => {
        if (r.children.length !== fields.length)
          this.add(
            'error',
            'pivot',
            recordsRel.target!,
            `record ${i + 1} has ${r.children.length} values for ${fields.length} cache fields`,
          );
        r.children.forEach((v, j) => {
          if (v.local !== 'x') return;
          const x = Number(attr(v, 'v') ?? '0');
          if (j < shared.length && (!Number.isInteger(x) || x < 0 || x >= shared[j]))
            this.add(
              'error',
              'pivot',
              recordsRel.target!,
              `record ${i + 1} field ${j + 1}: <x v="${x}"/> but ${shared[j]} shared items`,
            );
        });
      });
    }
    for (const sheet of this.sheets) {
      if (!sheet.part) continue;
      for (const rel of this.targets(sheet.part, 'pivotTable')) {
        const part = rel.target!;
        const root = this.doc(part);
        if (!root) continue;
        const cacheId = attr(root, 'cacheId') ?? '';
        if (!this.pivotCacheIds.has(cacheId))
          this.add('error', 'pivot', part, `cacheId ${cacheId} is not among the workbook's pivotCaches`);
        const cache = this.targets(part, 'pivotCacheDefinition')[0];
        if (!cache) {
          this.add('error', 'pivot', part, 'no pivotCacheDefinition relationship');
          continue;
        }
        const shared = fieldCounts.get(cache.target!);
        if (!shared) this.add('error', 'pivot', part, `its cache ${cache.target} is not related from the workbook`);
        const loc = child(root, 'location');
        if (!loc || !parseRange(attr(loc, 'ref') ?? ''))
          this.add('error', 'pivot', part, `location ref "${loc ? attr(loc, 'ref') : ''}" is not a range`);
        const pf = child(root, 'pivotFields');
        const pivotFields = childrenNamed(pf, 'pivotField');
        this.checkCount(part, pf, 'pivotField', 'pivot');
        if (shared && pivotFields.length !== shared.length)
          this.add('error', 'pivot', part, `${pivotFields.length} pivotFields for ${shared.length} cache fields`);
        pivotFields.forEach((f, i) => {
          const items = child(f, 'items');
          this.checkCount(part, items, 'item', 'pivot');
          for (const it of childrenNamed(items, 'item')) {
            const x = attr(it, 'x');
            if (x !== undefined && shared && (Number(x) < 0 || Number(x) >= (shared[i] ?? 0)))
              this.add('error', 'pivot', part, `pivotField ${i + 1}: item x="${x}" but ${shared[i]} shared items`);
          }
        });
        for (const list of ['rowFields', 'colFields', 'pageFields', 'dataFields', 'rowItems', 'colItems'])
          this.checkCount(part, child(root, list), '*', 'pivot');
        for (const list of ['rowFields', 'colFields'])
          for (const f of childrenNamed(child(root, list), 'field')) {
            const x = Number(attr(f, 'x'));
            if (x !== -2 && (x < 0 || x >= pivotFields.length))
              this.add('error', 'pivot', part, `${list}: field x="${attr(f, 'x')}" out of range`);
          }
        for (const df of childrenNamed(child(root, 'dataFields'), 'dataField')) {
          const fld = Number(attr(df, 'fld'));
          if (!(fld >= 0 && fld < pivotFields.length))
            this.add('error', 'pivot', part, `dataField fld="${attr(df, 'fld')}" out of range`);
        }
      }
    }
  }

  // ------------------------------------------------------------------ calcChain and app.xml

  private checkCalcChain(workbook: string): void {
    const part = this.targets(workbook, 'calcChain')[0]?.target;
    const root = this.doc(part);
    if (!part || !root) return;
    const entries = childrenNamed(root, 'c');
    if (entries.length === 0) this.add('error', 'calc-chain', part, 'an empty calcChain (it needs at least one <c>)');
    let sheetId: number | undefined;
    for (const c of entries) {
      const i = attr(c, 'i');
      if (i !== undefined) sheetId = Number(i);
      const ref = attr(c, 'r') ?? '';
      const sheet = this.sheets.find((s) => s.sheetId === sheetId);
      if (!sheet?.part) {
        this.add('error', 'calc-chain', part, `${ref}: i="${sheetId}" is no sheet's sheetId`);
        continue;
      }
      const cell = this.cells.get(sheet.part)?.get(ref);
      if (!cell?.formula) this.add('error', 'calc-chain', part, `${sheet.name}!${ref} holds no formula`);
    }
  }

  private checkAppProperties(): void {
    const rel = this.relsFrom('').find((r) => r.kind === 'extended-properties' && r.exists);
    const part = rel?.target;
    const root = this.doc(part);
    if (!part || !root) return;
    const vectorOf = (el: XmlElement | undefined) => el?.children.find((c) => c.local === 'vector');
    const titles = vectorOf(child(root, 'TitlesOfParts'));
    const pairs = vectorOf(child(root, 'HeadingPairs'));
    for (const [what, v] of [
      ['TitlesOfParts', titles],
      ['HeadingPairs', pairs],
    ] as const) {
      const size = v ? attr(v, 'size') : undefined;
      if (v && size !== undefined && Number(size) !== v.children.length)
        this.add('warning', 'app-properties', part, `${what} vector size="${size}" holds ${v.children.length} items`);
    }
    if (titles && pairs) {
      let total = 0;
      for (const variant of pairs.children) {
        const n = variant.children.find((c) => c.local === 'i4');
        if (n) total += Number(n.text);
      }
      if (total !== titles.children.length)
        this.add(
          'warning',
          'app-properties',
          part,
          `HeadingPairs count ${total} titles; TitlesOfParts holds ${titles.children.length}`,
        );
    }
  }
}

/** Every problem of the package `bytes` (empty when Excel would open it without repairs, as far as checked). */
export function checkPackage(bytes: Uint8Array): PackageProblem[] {
  return new Checker(bytes).problems;
}
