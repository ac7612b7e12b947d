/**
 * A NEW .xlsx package, written as it is built: each sheet's parts go into the zip when the sheet is added (its
 * worksheet streamed), and finish() writes what depends on all of them: workbook.xml with its sheets and defined
 * names, the relationships, [Content_Types].xml, styles, shared strings, theme and document properties.
 */
import { escapeText, escapeXmlText, XML_DECLARATION } from './xml';
import {
  CONTENT_TYPES,
  contentTypesXml,
  NS,
  partAllocator,
  REL_TYPES,
  relationshipsXml,
  relsPathOf,
  tableIdAllocator,
  type Relationship,
} from './parts';
import { SharedStrings } from './strings';
import { StyleBook } from './styles';
import { THEME_XML } from './theme';
import type { RenderedSheet, SheetContext } from './worksheet';
import { ZipWriter, type Deflater, type ZipSink } from './zip';

export interface PackageOptions {
  /** DEFLATE implementation (nodeDeflater() in Node); fflate's otherwise. */
  deflater?: Deflater;
  /** docProps/core.xml's creator (default "Trade Terms Modeller"). */
  creator?: string;
  /** Created/modified time and the zip entries' time (default: now). */
  date?: Date;
  /** Zip64 structures: 'auto' (default) or 'force' (tests). */
  zip64?: 'auto' | 'force';
}

/** A custom XML part (customXml/itemN.xml) with its properties part, related from the workbook. */
export interface CustomXmlPart {
  /** The XML document, whole. */
  xml: string;
  /** Datastore item id, a GUID without braces (a random one when absent). */
  itemId?: string;
  /** Namespace URIs the item's schema uses, listed in its properties part. */
  schemas?: readonly string[];
}

interface SheetEntry {
  name: string;
  state: RenderedSheet['state'];
  relId: string;
}

const WORKBOOK = 'xl/workbook.xml';

export class WorkbookPackage {
  readonly context: SheetContext;
  private readonly zip: ZipWriter;
  private readonly strings = new SharedStrings();
  private readonly styles = StyleBook.fresh();
  private readonly overrides: { path: string; contentType: string }[] = [];
  private readonly workbookRels: Relationship[] = [];
  private readonly sheets: SheetEntry[] = [];
  private readonly names: { name: string; hidden: boolean; ref: string; localSheetId?: number }[] = [];
  private readonly customXml: string[] = [];
  private readonly creator: string;
  private readonly date: Date;

  constructor(sink: ZipSink, options: PackageOptions = {}) {
    this.zip = new ZipWriter(sink, { deflater: options.deflater, zip64: options.zip64, date: options.date });
    this.creator = options.creator ?? 'Trade Terms Modeller';
    this.date = options.date ?? new Date();
    const partName = partAllocator();
    const nextTableId = tableIdAllocator();
    this.context = { partName, nextTableId, styles: this.styles, strings: this.strings };
  }

  private relate(type: string, target: string): string {
    const id = `rId${this.workbookRels.length + 1}`;
    this.workbookRels.push({ id, type, target });
    return id;
  }

  /** Adds a sheet rendered with this package's context; its parts are written now. */
  async addSheet(sheet: RenderedSheet): Promise<void> {
    if (this.sheets.some((s) => s.name.toLowerCase() === sheet.name.toLowerCase())) {
      throw new Error(`The workbook already has a sheet "${sheet.name}"`);
    }
    const index = this.sheets.length;
    const relId = this.relate(REL_TYPES.worksheet, sheet.sheetPart.replace(/^xl\//, ''));
    this.sheets.push({ name: sheet.name, state: sheet.state, relId });
    for (const part of sheet.parts) {
      if (part.contentType !== CONTENT_TYPES.relationships) this.overrides.push(part);
      await this.zip.addEntry(part.path, part.data);
    }
    for (const n of sheet.definedNames) {
      this.names.push({ name: n.name, hidden: n.hidden, ref: n.ref, localSheetId: n.sheetScoped ? index : undefined });
    }
  }

  /** A workbook-scoped defined name ("Listas!$A$2:$A$20"). */
  addDefinedName(name: string, ref: string, hidden = false): void {
    this.names.push({ name, ref, hidden });
  }

  /** Adds a custom XML part (a saved mapping, say) and its properties; returns its item id. */
  async addCustomXml(part: CustomXmlPart): Promise<string> {
    const n = this.customXml.length + 1;
    const itemId = (part.itemId ?? globalThis.crypto.randomUUID()).replace(/[{}]/g, '').toUpperCase();
    const item = `customXml/item${n}.xml`;
    const props = `customXml/itemProps${n}.xml`;
    this.customXml.push(item);
    this.relate(REL_TYPES.customXml, `../${item}`);
    const schemas = (part.schemas ?? []).map(
      (uri) => `<ds:schemaRef ds:uri="${escapeXmlText(uri).replace(/"/g, '&quot;')}"/>`,
    );
    await this.zip.addEntry(item, part.xml);
    await this.zip.addEntry(
      props,
      `${XML_DECLARATION}<ds:datastoreItem ds:itemID="{${itemId}}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">` +
        `<ds:schemaRefs>${schemas.join('')}</ds:schemaRefs></ds:datastoreItem>`,
    );
    await this.zip.addEntry(
      relsPathOf(item),
      relationshipsXml([{ id: 'rId1', type: REL_TYPES.customXmlProps, target: `itemProps${n}.xml` }]),
    );
    this.overrides.push({ path: props, contentType: CONTENT_TYPES.customXmlProps });
    return itemId;
  }

  /** Writes the workbook-level parts and the zip's directory. */
  async finish(): Promise<{ bytes: number }> {
    if (this.sheets.length === 0) throw new Error('A workbook needs at least one sheet');
    if (!this.sheets.some((s) => s.state === 'visible')) throw new Error('A workbook needs at least one visible sheet');
    const z = this.zip;
    // Worksheets are written: their strings and styles are all known now.
    await z.addEntry('xl/sharedStrings.xml', this.strings.toXml());
    await z.addEntry('xl/styles.xml', this.styles.toXml());
    await z.addEntry('xl/theme/theme1.xml', THEME_XML);
    this.relate(REL_TYPES.styles, 'styles.xml');
    this.relate(REL_TYPES.sharedStrings, 'sharedStrings.xml');
    this.relate(REL_TYPES.theme, 'theme/theme1.xml');
    await z.addEntry(WORKBOOK, this.workbookXml());
    await z.addEntry(relsPathOf(WORKBOOK), relationshipsXml(this.workbookRels));
    await z.addEntry('docProps/core.xml', this.coreXml());
    await z.addEntry('docProps/app.xml', this.appXml());
    await z.addEntry(
      '_rels/.rels',
      relationshipsXml([
        { id: 'rId1', type: REL_TYPES.officeDocument, target: WORKBOOK },
        { id: 'rId2', type: REL_TYPES.core, target: 'docProps/core.xml' },
        { id: 'rId3', type: REL_TYPES.app, target: 'docProps/app.xml' },
      ]),
    );
    await z.addEntry(
      '[Content_Types].xml',
      contentTypesXml([
        { path: WORKBOOK, contentType: CONTENT_TYPES.workbook },
        ...this.overrides,
        { path: 'xl/sharedStrings.xml', contentType: CONTENT_TYPES.sharedStrings },
        { path: 'xl/styles.xml', contentType: CONTENT_TYPES.styles },
        { path: 'xl/theme/theme1.xml', contentType: CONTENT_TYPES.theme },
        { path: 'docProps/core.xml', contentType: CONTENT_TYPES.core },
        { path: 'docProps/app.xml', contentType: CONTENT_TYPES.app },
      ]),
    );
    const { bytes } = await z.finish();
    return { bytes };
  }

  private workbookXml(): string {
    const active = Math.max(
      0,
      this.sheets.findIndex((s) => s.state === 'visible'),
    );
    const sheets = this.sheets
      .map(
        (s, i) =>
          `<sheet name="${escapeSheetName(s.name)}" sheetId="${i + 1}"${s.state === 'visible' ? '' : ` state="${s.state}"`} r:id="${s.relId}"/>`,
      )
      .join('');
    const names = this.names
      .map(
        (n) =>
          `<definedName name="${escapeSheetName(n.name)}"${n.localSheetId !== undefined ? ` localSheetId="${n.localSheetId}"` : ''}` +
          `${n.hidden ? ' hidden="1"' : ''}>${escapeText(n.ref)}</definedName>`,
      )
      .join('');
    return (
      `${XML_DECLARATION}<workbook xmlns="${NS.main}" xmlns:r="${NS.r}">` +
      '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="22228"/>' +
      '<workbookPr defaultThemeVersion="166925"/>' +
      `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" firstSheet="${active}" activeTab="${active}"/></bookViews>` +
      `<sheets>${sheets}</sheets>` +
      (names ? `<definedNames>${names}</definedNames>` : '') +
      '<calcPr calcId="191029" fullCalcOnLoad="1"/>' +
      '</workbook>'
    );
  }

  private coreXml(): string {
    const when = this.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return (
      `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
      ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
      ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>${escapeXmlText(this.creator)}</dc:creator><cp:lastModifiedBy>${escapeXmlText(this.creator)}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
    );
  }

  private appXml(): string {
    const titles = this.sheets.map((s) => `<vt:lpstr>${escapeXmlText(s.name)}</vt:lpstr>`).join('');
    return (
      `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"` +
      ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
      '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
      `<vt:variant><vt:i4>${this.sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${this.sheets.length}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts>` +
      '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>' +
      '<AppVersion>16.0300</AppVersion></Properties>'
    );
  }
}

/** A sheet or defined name in an attribute. */
function escapeSheetName(name: string): string {
  return escapeXmlText(name).replace(/"/g, '&quot;');
}
