/**
 * Cell styles of a package (xl/styles.xml): one cellXfs entry per DISTINCT style, never one per cell.
 *
 * StyleBook.fresh() starts a new package's stylesheet (Calibri 11, the Normal style). StyleBook.fromXml(xml) starts
 * from a user's stylesheet, for writing results into their workbook: every existing numFmt, font, fill, border and
 * xf keeps its index and its bytes; the book only appends what it needs (at the end of numFmts, fonts and cellXfs)
 * and toXml() splices those entries and the new counts into the original text, byte for byte elsewhere.
 */
import { HostError } from '../../../workbook/port';
import { escapeXmlAttr, XML_DECLARATION } from './xml';
import { child, scanXml, Splicer, withAttribute, type ScannedElement } from './xml-scan';

export interface CellStyle {
  /** Excel number format code; 'General' (the default) when absent. */
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  /** Font size in points; the workbook's default size (11) when absent. */
  size?: number;
  /** Wrap text inside the cell. */
  wrap?: boolean;
  vertical?: 'top' | 'center' | 'bottom';
}

/**
 * Number formats Excel knows by id (ECMA-376 §18.8.30) whose display does not depend on the system's locale. The
 * date and time ids (14–22) are left out on purpose: Excel shows them in the system's short date format whatever
 * code the file states, so "yyyy-mm-dd" and friends get custom ids.
 */
const BUILTIN_NUMFMTS: ReadonlyMap<string, number> = new Map([
  ['General', 0],
  ['0', 1],
  ['0.00', 2],
  ['#,##0', 3],
  ['#,##0.00', 4],
  ['0%', 9],
  ['0.00%', 10],
  ['0.00E+00', 11],
  ['# ?/?', 12],
  ['# ??/??', 13],
  ['#,##0 ;(#,##0)', 37],
  ['#,##0 ;[Red](#,##0)', 38],
  ['#,##0.00;(#,##0.00)', 39],
  ['#,##0.00;[Red](#,##0.00)', 40],
  ['mm:ss', 45],
  ['[h]:mm:ss', 46],
  ['mmss.0', 47],
  ['##0.0E+0', 48],
  ['@', 49],
]);

/** The first id Excel leaves to a file's own number formats. */
const FIRST_CUSTOM_NUMFMT = 164;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const FRESH_FONT = '<sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/>';

const FRESH_HEAD =
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>';
const FRESH_TAIL =
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>';

interface Source {
  xml: string;
  root: ScannedElement;
  /** Element prefix of the stylesheet ("" or "x:"), used for what is appended. */
  p: string;
}

export class StyleBook {
  private readonly numFmtIds = new Map<string, number>();
  private readonly newNumFmts: { id: number; code: string }[] = [];
  private nextNumFmtId = FIRST_CUSTOM_NUMFMT;
  /** The default font's children (XML), which every font of ours derives from. */
  private readonly baseFont: string;
  private readonly fontIds = new Map<string, number>();
  private readonly newFonts: string[] = [];
  private readonly firstNewFont: number;
  private readonly xfIds = new Map<string, number>();
  private readonly newXfs: string[] = [];
  private readonly firstNewXf: number;
  private readonly hasStyleXfs: boolean;

  private constructor(
    private readonly source: Source | undefined,
    counts: { fonts: number; xfs: number },
    baseFont: string,
    hasStyleXfs: boolean,
  ) {
    this.baseFont = baseFont;
    this.firstNewFont = counts.fonts;
    this.firstNewXf = counts.xfs;
    this.hasStyleXfs = hasStyleXfs;
    this.fontIds.set(fontKey({}), 0);
  }

  /** A new package's stylesheet: the default font, and xf 0 for plain cells. */
  static fresh(): StyleBook {
    const book = new StyleBook(undefined, { fonts: 0, xfs: 0 }, FRESH_FONT, true);
    book.newFonts.push(`<font>${FRESH_FONT}</font>`);
    book.register({});
    return book;
  }

  /**
   * The user's stylesheet (xl/styles.xml as text) as the base: nothing of it changes but what register() appends.
   * Throws when it is not a stylesheet with fonts and cell formats.
   */
  static fromXml(xml: string): StyleBook {
    let root: ScannedElement;
    try {
      root = scanXml(xml);
    } catch (e) {
      throw notAStylesheet(String(e instanceof Error ? e.message : e), e);
    }
    const fonts = child(root, 'fonts');
    const cellXfs = child(root, 'cellXfs');
    if (root.local !== 'styleSheet' || !fonts || !cellXfs || fonts.children.length === 0) {
      throw notAStylesheet('no <fonts> or <cellXfs>');
    }
    const p = root.prefix ? `${root.prefix}:` : '';
    const font0 = fonts.children[0];
    // Our fonts look like the workbook's default font (its name, colour, family), sized and bolded as asked.
    const base = font0.selfClosing ? '' : xml.slice(font0.startTagEnd, font0.endTagStart);
    const book = new StyleBook(
      { xml, root, p },
      { fonts: fonts.children.length, xfs: cellXfs.children.length },
      stripFontFlags(base),
      child(root, 'cellStyleXfs') !== undefined,
    );
    let max = FIRST_CUSTOM_NUMFMT - 1;
    for (const f of child(root, 'numFmts')?.children ?? []) {
      const id = Number(f.attributes.numFmtId);
      const code = f.attributes.formatCode;
      if (!Number.isInteger(id) || code === undefined) continue;
      if (!book.numFmtIds.has(code)) book.numFmtIds.set(code, id);
      max = Math.max(max, id);
    }
    book.nextNumFmtId = max + 1;
    return book;
  }

  /** Whether register() appended anything to the stylesheet it started from. */
  get changed(): boolean {
    if (!this.source) return true;
    return this.newNumFmts.length > 0 || this.newFonts.length > 0 || this.newXfs.length > 0;
  }

  /** The cellXfs index (a cell's s attribute) of a style, appended the first time it is asked for. */
  register(style: CellStyle): number {
    const numFmtId = this.numFmtId(style.numFmt ?? 'General');
    const fontId = this.fontId(style);
    const wrap = style.wrap === true;
    const vertical = style.vertical;
    const key = `${numFmtId}|${fontId}|${wrap ? 1 : 0}|${vertical ?? ''}`;
    const known = this.xfIds.get(key);
    if (known !== undefined) return known;
    const p = this.source?.p ?? '';
    const align = wrap || vertical !== undefined;
    let xf = `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0"`;
    if (this.hasStyleXfs) xf += ' xfId="0"';
    if (numFmtId !== 0) xf += ' applyNumberFormat="1"';
    if (fontId !== 0) xf += ' applyFont="1"';
    if (align) {
      xf += ` applyAlignment="1"><${p}alignment${vertical ? ` vertical="${vertical}"` : ''}${wrap ? ' wrapText="1"' : ''}/></${p}xf>`;
    } else xf += '/>';
    const id = this.firstNewXf + this.newXfs.length;
    this.newXfs.push(xf);
    this.xfIds.set(key, id);
    return id;
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_NUMFMTS.get(code);
    if (builtin !== undefined) return builtin;
    const known = this.numFmtIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmtId++;
    this.numFmtIds.set(code, id);
    this.newNumFmts.push({ id, code });
    return id;
  }

  private fontId(style: CellStyle): number {
    const key = fontKey(style);
    const known = this.fontIds.get(key);
    if (known !== undefined) return known;
    const p = this.source?.p ?? '';
    const flags = `${style.bold ? `<${p}b/>` : ''}${style.italic ? `<${p}i/>` : ''}`;
    const body = style.size !== undefined ? withSize(this.baseFont, style.size, p) : this.baseFont;
    const id = this.firstNewFont + this.newFonts.length;
    this.newFonts.push(`<${p}font>${flags}${body}</${p}font>`);
    this.fontIds.set(key, id);
    return id;
  }

  /** The stylesheet: a fresh one, or the original with the appended entries and counts spliced in. */
  toXml(): string {
    const numFmts = this.newNumFmts.map(
      ({ id, code }) => `<${this.source?.p ?? ''}numFmt numFmtId="${id}" formatCode="${escapeXmlAttr(code)}"/>`,
    );
    if (!this.source) {
      return (
        `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}">` +
        (numFmts.length > 0 ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
        `<fonts count="${this.newFonts.length}">${this.newFonts.join('')}</fonts>` +
        FRESH_HEAD +
        `<cellXfs count="${this.newXfs.length}">${this.newXfs.join('')}</cellXfs>` +
        FRESH_TAIL +
        '</styleSheet>'
      );
    }
    const { xml, root, p } = this.source;
    if (!this.changed) return xml;
    const s = new Splicer();
    const existing = child(root, 'numFmts');
    if (numFmts.length > 0) {
      if (existing) appendChildren(s, xml, existing, numFmts);
      else {
        // numFmts is the stylesheet's first child (CT_Stylesheet's sequence).
        s.replace(
          root.startTagEnd,
          root.startTagEnd,
          `<${p}numFmts count="${numFmts.length}">${numFmts.join('')}</${p}numFmts>`,
        );
      }
    }
    appendChildren(s, xml, child(root, 'fonts')!, this.newFonts);
    appendChildren(s, xml, child(root, 'cellXfs')!, this.newXfs);
    return s.apply(xml);
  }
}

function fontKey(style: CellStyle): string {
  return `${style.bold ? 'b' : ''}${style.italic ? 'i' : ''}${style.size ?? ''}`;
}

/** A font's children without bold, italic (ours decide them). */
function stripFontFlags(body: string): string {
  return body.replace(/<(?:[\w.-]+:)?(?:b|i)(?:\s[^>]*)?\/>|<((?:[\w.-]+:)?(?:b|i))(?:\s[^>]*)?>\s*<\/\1>/g, '');
}

/** A font's children with its size replaced by `size` (added when it has none). */
function withSize(body: string, size: number, p: string): string {
  const sz = /<((?:[\w.-]+:)?)sz\s+val\s*=\s*("[^"]*"|'[^']*')\s*\/>/;
  return sz.test(body) ? body.replace(sz, `<$1sz val="${size}"/>`) : `<${p}sz val="${size}"/>${body}`;
}

/** Appends children to a container and updates its count (a self-closing container is opened). */
function appendChildren(s: Splicer, xml: string, el: ScannedElement, added: readonly string[]): void {
  if (added.length === 0) return;
  const count = String(el.children.length + added.length);
  const startTag = withAttribute(xml, el, 'count', count);
  if (el.selfClosing) {
    const open = startTag.replace(/\s*\/>$/, '>');
    s.replace(el.start, el.end, `${open}${added.join('')}</${el.qname}>`);
  } else {
    s.replace(el.start, el.startTagEnd, startTag);
    s.replace(el.endTagStart, el.endTagStart, added.join(''));
  }
}

function notAStylesheet(detail: string, cause?: unknown): HostError {
  return new HostError(
    'input_not_workbook',
    {
      es: `La hoja de estilos del libro (xl/styles.xml) no se puede leer (${detail}); no se escribió nada.`,
      en: `The workbook's stylesheet (xl/styles.xml) cannot be read (${detail}); nothing was written.`,
    },
    { cause },
  );
}
