/**
 * The package-level parts a merge changes, read and edited as text: xl/workbook.xml (sheets, defined names, calcPr),
 * relationships parts, [Content_Types].xml, docProps/app.xml and xl/calcChain.xml. Each edit adds or removes our
 * entries only; the rest of the part stays byte for byte.
 */
import { decodeEntities } from '../sml/xml-scan';
import {
  applySplices,
  attrValue,
  findElement,
  findElements,
  prefixOf,
  textValue,
  withAttribute,
  type Located,
  type Splice,
} from './xml-text';

export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const REL_TYPE = {
  officeDocument: `${REL_NS}/officeDocument`,
  worksheet: `${REL_NS}/worksheet`,
  calcChain: `${REL_NS}/calcChain`,
  styles: `${REL_NS}/styles`,
  sharedStrings: `${REL_NS}/sharedStrings`,
} as const;

// ---------------------------------------------------------------- paths (the reader's and the writer's)

export { relsPartOf, resolveTarget } from '../reader/package';
export { relativeTarget } from '../sml/parts';

// ---------------------------------------------------------------- relationships

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  el: Located;
}

export function relationshipsOf(xml: string): Relationship[] {
  return findElements(xml, 'Relationship').map((el) => ({
    id: el.attrs.get('Id') ?? '',
    type: el.attrs.get('Type') ?? '',
    target: el.attrs.get('Target') ?? '',
    external: el.attrs.get('TargetMode') === 'External',
    el,
  }));
}

/** A relationship id not used in the part ("rId17"). */
export function freeRelId(rels: readonly Pick<Relationship, 'id'>[], taken: Set<string> = new Set()): string {
  const used = new Set([...rels.map((r) => r.id), ...taken]);
  let n = rels.length + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/** The rels part with `remove` (by id) gone and `add` appended before </Relationships>. */
export function editRelationships(
  xml: string,
  remove: ReadonlySet<string>,
  add: readonly { id: string; type: string; target: string }[],
): string {
  const splices: Splice[] = relationshipsOf(xml)
    .filter((r) => remove.has(r.id))
    .map((r) => ({ start: r.el.start, end: r.el.end, text: '' }));
  const close = xml.lastIndexOf('</Relationships>');
  if (close < 0) throw new Error('relationships part without </Relationships>');
  splices.push({
    start: close,
    end: close,
    text: add
      .map((r) => `<Relationship Id="${attrValue(r.id)}" Type="${attrValue(r.type)}" Target="${attrValue(r.target)}"/>`)
      .join(''),
  });
  return applySplices(xml, splices);
}

// ---------------------------------------------------------------- content types

export function overridesOf(xml: string): { part: string; contentType: string; el: Located }[] {
  return findElements(xml, 'Override').map((el) => ({
    part: (el.attrs.get('PartName') ?? '').replace(/^\//, ''),
    contentType: el.attrs.get('ContentType') ?? '',
    el,
  }));
}

/** [Content_Types].xml with the Overrides of `removed` parts gone and one Override per added part. */
export function editContentTypes(
  xml: string,
  removed: ReadonlySet<string>,
  added: readonly { part: string; contentType: string }[],
): string {
  const lower = new Set([...removed].map((p) => p.toLowerCase()));
  const addedLower = new Set(added.map((a) => a.part.toLowerCase()));
  const splices: Splice[] = overridesOf(xml)
    .filter((o) => lower.has(o.part.toLowerCase()) || addedLower.has(o.part.toLowerCase()))
    .map((o) => ({ start: o.el.start, end: o.el.end, text: '' }));
  const close = xml.lastIndexOf('</Types>');
  if (close < 0) throw new Error('[Content_Types].xml without </Types>');
  splices.push({
    start: close,
    end: close,
    text: added
      .map((a) => `<Override PartName="/${attrValue(a.part)}" ContentType="${attrValue(a.contentType)}"/>`)
      .join(''),
  });
  return applySplices(xml, splices);
}

// ---------------------------------------------------------------- workbook.xml

export interface WorkbookSheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  el: Located;
}

export interface DefinedNameEntry {
  name: string;
  localSheetId?: number;
  hidden: boolean;
  /** The formula text (the file format's invariant syntax: English names, commas, no leading "="). */
  formula: string;
  el: Located;
}

export interface WorkbookText {
  xml: string;
  /** Prefix of the relationships namespace in this part ("r" as Excel writes it). */
  relPrefix: string;
  sheets: WorkbookSheetEntry[];
  definedNames: DefinedNameEntry[];
}

export function readWorkbookText(xml: string): WorkbookText {
  const relPrefix = prefixOf(xml, REL_NS) ?? 'r';
  const sheetsEl = findElement(xml, 'sheets');
  const sheets: WorkbookSheetEntry[] = sheetsEl
    ? findElements(xml, 'sheet', sheetsEl.start, sheetsEl.end).map((el) => ({
        name: el.attrs.get('name') ?? '',
        sheetId: Number(el.attrs.get('sheetId')),
        relId: el.attrs.get(`${relPrefix}:id`) ?? '',
        state: (el.attrs.get('state') ?? 'visible') as WorkbookSheetEntry['state'],
        el,
      }))
    : [];
  const namesEl = findElement(xml, 'definedNames');
  const definedNames: DefinedNameEntry[] = namesEl
    ? findElements(xml, 'definedName', namesEl.start, namesEl.end).map((el) => {
        const local = el.attrs.get('localSheetId');
        return {
          name: el.attrs.get('name') ?? '',
          ...(local !== undefined ? { localSheetId: Number(local) } : {}),
          hidden: el.attrs.get('hidden') === '1' || el.attrs.get('hidden') === 'true',
          formula: decodeEntities(el.inner),
          el,
        };
      })
    : [];
  return { xml, relPrefix, sheets, definedNames };
}

export interface NewDefinedName {
  name: string;
  localSheetId?: number;
  hidden: boolean;
  formula: string;
}

export interface WorkbookEdit {
  /** Sheets renamed in place (index in the sheet list → new name). */
  rename: ReadonlyMap<number, string>;
  /** Sheets appended at the end. */
  append: readonly { name: string; sheetId: number; relId: string }[];
  /** Defined names removed (by their index in WorkbookText.definedNames). */
  removeNames: ReadonlySet<number>;
  /** Formula text of kept defined names replaced (index → formula), e.g. a renamed sheet in a user's name. */
  reformulate: ReadonlyMap<number, string>;
  addNames: readonly NewDefinedName[];
}

function definedNameXml(n: NewDefinedName): string {
  const local = n.localSheetId !== undefined ? ` localSheetId="${n.localSheetId}"` : '';
  return `<definedName name="${attrValue(n.name)}"${local}${n.hidden ? ' hidden="1"' : ''}>${textValue(n.formula)}</definedName>`;
}

/**
 * workbook.xml with the edit applied, and a full recalculation on load (calcPr fullCalcOnLoad="1"): our sheets
 * arrive with cached values, but the user's formulas that read them must see the new ones.
 */
export function editWorkbook(wb: WorkbookText, edit: WorkbookEdit): string {
  const { xml } = wb;
  const splices: Splice[] = [];
  wb.sheets.forEach((s, i) => {
    const to = edit.rename.get(i);
    if (to !== undefined && to !== s.name)
      splices.push({ start: s.el.start, end: s.el.end, text: renamedTag(s.el, to) });
  });
  const sheetsEl = findElement(xml, 'sheets');
  if (!sheetsEl) throw new Error('workbook.xml without <sheets>');
  const closeSheets = sheetsEl.end - '</sheets>'.length;
  splices.push({
    start: closeSheets,
    end: closeSheets,
    text: edit.append
      .map(
        (s) => `<sheet name="${attrValue(s.name)}" sheetId="${s.sheetId}" ${wb.relPrefix}:id="${attrValue(s.relId)}"/>`,
      )
      .join(''),
  });
  const kept = wb.definedNames.filter((_, i) => !edit.removeNames.has(i)).length;
  const namesEl = findElement(xml, 'definedNames');
  const dropNames = namesEl !== undefined && kept + edit.addNames.length === 0;
  wb.definedNames.forEach((n, i) => {
    if (dropNames) return; // the whole element goes below
    if (edit.removeNames.has(i)) splices.push({ start: n.el.start, end: n.el.end, text: '' });
    else if (edit.reformulate.has(i)) {
      const startTagEnd = n.el.start + n.el.tag.length;
      splices.push({
        start: n.el.start,
        end: n.el.end,
        text: `${xml.slice(n.el.start, startTagEnd)}${textValue(edit.reformulate.get(i)!)}</definedName>`,
      });
    }
  });
  const added = edit.addNames.map(definedNameXml).join('');
  if (namesEl && dropNames) {
    // An empty <definedNames/> is invalid (the schema wants at least one): drop the element.
    splices.push({ start: namesEl.start, end: namesEl.end, text: '' });
  } else if (namesEl) {
    if (namesEl.tag.endsWith('/>'))
      splices.push({ start: namesEl.start, end: namesEl.end, text: `<definedNames>${added}</definedNames>` });
    else
      splices.push({
        start: namesEl.end - '</definedNames>'.length,
        end: namesEl.end - '</definedNames>'.length,
        text: added,
      });
  } else if (added !== '') {
    // Sequence of CT_Workbook: sheets, functionGroups, externalReferences, definedNames, calcPr…
    const after = findElement(xml, 'externalReferences') ?? findElement(xml, 'functionGroups') ?? sheetsEl;
    splices.push({ start: after.end, end: after.end, text: `<definedNames>${added}</definedNames>` });
  }
  const calcPr = findElement(xml, 'calcPr');
  if (calcPr) {
    const tag = withAttribute(calcPr.tag, 'fullCalcOnLoad', '1');
    splices.push({ start: calcPr.start, end: calcPr.start + calcPr.tag.length, text: tag });
  } else {
    // calcPr follows definedNames; before oleSize, customWorkbookViews, pivotCaches… (whichever comes first).
    const next = [
      'oleSize',
      'customWorkbookViews',
      'pivotCaches',
      'smartTagPr',
      'smartTagTypes',
      'webPublishing',
      'fileRecoveryPr',
      'webPublishObjects',
      'extLst',
    ]
      .map((n) => findElement(xml, n))
      .find((e) => e !== undefined);
    const at = next ? next.start : xml.lastIndexOf('</workbook>');
    splices.push({ start: at, end: at, text: '<calcPr fullCalcOnLoad="1"/>' });
  }
  return applySplices(xml, splices);
}

function renamedTag(el: Located, name: string): string {
  return withAttribute(el.tag, 'name', name) + (el.tag.endsWith('/>') ? '' : `${el.inner}</sheet>`);
}

// ---------------------------------------------------------------- docProps/app.xml

/**
 * app.xml's sheet titles: renamed ones renamed, new ones added after the last worksheet title, the "Worksheets"
 * count and the vector sizes kept in step. A part that does not list worksheets the way Excel writes it is left
 * alone (Excel rebuilds app.xml on save and never refuses a file for it).
 */
export function editAppProps(xml: string, renamed: ReadonlyMap<string, string>, added: readonly string[]): string {
  const heading = findElement(xml, 'HeadingPairs');
  const titles = findElement(xml, 'TitlesOfParts');
  if (!heading || !titles) return xml;
  const pairs = findElements(xml, 'vt:variant', heading.start, heading.end);
  let worksheets = -1;
  let before = 0;
  let count = 0;
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const label = /<vt:lpstr>([^<]*)<\/vt:lpstr>/.exec(pairs[i].inner)?.[1];
    const n = Number(/<vt:i4>(\d+)<\/vt:i4>/.exec(pairs[i + 1].inner)?.[1]);
    if (!Number.isFinite(n)) return xml;
    if (label === 'Worksheets' || label === 'Hojas de cálculo') {
      worksheets = i + 1;
      count = n;
      break;
    }
    before += n;
  }
  if (worksheets < 0) return xml;
  const vector = findElement(xml, 'vt:vector', titles.start, titles.end);
  if (!vector) return xml;
  const items = findElements(xml, 'vt:lpstr', vector.start, vector.end);
  if (items.length < before + count) return xml;
  const splices: Splice[] = [];
  for (const item of items.slice(before, before + count)) {
    const to = renamed.get(decodeEntities(item.inner));
    if (to !== undefined)
      splices.push({ start: item.start, end: item.end, text: `<vt:lpstr>${textValue(to)}</vt:lpstr>` });
  }
  if (added.length > 0) {
    const at = before + count > 0 ? items[before + count - 1].end : vector.start + vector.tag.length;
    splices.push({ start: at, end: at, text: added.map((n) => `<vt:lpstr>${textValue(n)}</vt:lpstr>`).join('') });
    const sizeTag = withAttribute(vector.tag, 'size', String(items.length + added.length));
    splices.push({ start: vector.start, end: vector.start + vector.tag.length, text: sizeTag });
    const countEl = findElement(xml, 'vt:i4', pairs[worksheets].start, pairs[worksheets].end)!;
    splices.push({ start: countEl.start, end: countEl.end, text: `<vt:i4>${count + added.length}</vt:i4>` });
  }
  return applySplices(xml, splices);
}

// ---------------------------------------------------------------- calcChain.xml

/**
 * calcChain.xml without the entries of `sheetIds` (our sheets being replaced: Excel offers a repair when an entry
 * points at a cell that no longer holds a formula). An entry without i belongs to the previous entry's sheet, so
 * the first kept entry after a removed one gets its i written out. Returns undefined when no entry is left (the
 * part and its relationship must then go).
 */
export function editCalcChain(xml: string, sheetIds: ReadonlySet<number>): string | undefined {
  const entries = findElements(xml, 'c');
  let sheet = 0;
  let kept = 0;
  let removedBefore = false;
  const splices: Splice[] = [];
  for (const e of entries) {
    const i = e.attrs.get('i');
    const explicit = i !== undefined;
    if (explicit) sheet = Number(i);
    if (sheetIds.has(sheet)) {
      splices.push({ start: e.start, end: e.end, text: '' });
      removedBefore = true;
      continue;
    }
    kept++;
    if (removedBefore && !explicit)
      splices.push({ start: e.start, end: e.start + e.tag.length, text: withAttribute(e.tag, 'i', String(sheet)) });
    removedBefore = false;
  }
  if (kept === 0) return undefined;
  return splices.length === 0 ? xml : applySplices(xml, splices);
}
