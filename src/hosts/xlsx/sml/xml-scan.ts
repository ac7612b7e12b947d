/**
 * A small scanner over XML text that reports where elements start and end, so a part of the user's workbook can be
 * changed by splicing text (every byte outside the splice stays as it was) instead of being parsed and re-serialised.
 * It understands what parts written by Excel, LibreOffice and the usual libraries hold: the declaration, comments,
 * CDATA, processing instructions, quoted attributes holding ">", namespace prefixes. It does not validate.
 */

/** One element: its qualified and local name, attributes, and the text offsets of its tags. */
export interface ScannedElement {
  /** As written, with its prefix ("x:numFmts"). */
  qname: string;
  /** Without the prefix ("numFmts"). */
  local: string;
  prefix: string;
  attributes: Record<string, string>;
  /** Offset of "<" of the start tag. */
  start: number;
  /** Offset just after ">" of the start tag. */
  startTagEnd: number;
  /** Offset of "<" of the end tag (= startTagEnd for an empty element). */
  endTagStart: number;
  /** Offset just after the element (after its end tag, or its "/>"). */
  end: number;
  selfClosing: boolean;
  children: ScannedElement[];
}

const TAG = /<(\/?)([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/y;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Decodes the five predefined entities and character references of attribute or element text. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] as string;
  });
}

function parseAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(ATTR)) out[m[1]] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

/** The document's root element with its descendants. Throws on text that is not well-nested XML. */
export function scanXml(xml: string): ScannedElement {
  const stack: ScannedElement[] = [];
  let root: ScannedElement | undefined;
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      i = after(xml, '-->', i);
    } else if (xml.startsWith('<![CDATA[', i)) {
      i = after(xml, ']]>', i);
    } else if (xml.startsWith('<?', i)) {
      i = after(xml, '?>', i);
    } else if (xml.startsWith('<!', i)) {
      i = after(xml, '>', i); // a DOCTYPE (never in OOXML, tolerated)
    } else {
      TAG.lastIndex = i;
      const m = TAG.exec(xml);
      if (!m) throw new Error(`XML: unreadable tag at offset ${i}`);
      const [whole, close, qname, attrText, selfClose] = m;
      const end = i + whole.length;
      if (close) {
        const open = stack.pop();
        if (!open || open.qname !== qname) throw new Error(`XML: </${qname}> at offset ${i} closes nothing open`);
        open.endTagStart = i;
        open.end = end;
      } else {
        const colon = qname.indexOf(':');
        const el: ScannedElement = {
          qname,
          local: colon < 0 ? qname : qname.slice(colon + 1),
          prefix: colon < 0 ? '' : qname.slice(0, colon),
          attributes: parseAttributes(attrText),
          start: i,
          startTagEnd: end,
          endTagStart: end,
          end,
          selfClosing: selfClose === '/',
          children: [],
        };
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(el);
        else if (root) throw new Error(`XML: a second root element <${qname}> at offset ${i}`);
        else root = el;
        if (!el.selfClosing) stack.push(el);
      }
      i = end;
    }
    i = xml.indexOf('<', i);
  }
  if (!root) throw new Error('XML: no root element');
  if (stack.length > 0) throw new Error(`XML: <${stack[stack.length - 1].qname}> is never closed`);
  return root;
}

function after(xml: string, terminator: string, from: number): number {
  const j = xml.indexOf(terminator, from);
  if (j < 0) throw new Error(`XML: unterminated construct at offset ${from}`);
  return j + terminator.length;
}

/** The first child of `el` with this local name. */
export function child(el: ScannedElement, local: string): ScannedElement | undefined {
  return el.children.find((c) => c.local === local);
}

/** Text edits applied to a string at once; offsets refer to the original text. */
export class Splicer {
  private readonly edits: { from: number; to: number; text: string }[] = [];

  /** Replaces original[from, to) with text (from = to inserts). */
  replace(from: number, to: number, text: string): void {
    this.edits.push({ from, to, text });
  }

  get size(): number {
    return this.edits.length;
  }

  apply(original: string): string {
    const sorted = [...this.edits].sort((a, b) => a.from - b.from || a.to - b.to);
    let out = '';
    let at = 0;
    for (const e of sorted) {
      if (e.from < at) throw new Error('Splicer: overlapping edits');
      out += original.slice(at, e.from) + e.text;
      at = e.to;
    }
    return out + original.slice(at);
  }
}

/**
 * The start tag of `el` with attribute `name` set to `value` (added at its end when absent), everything else of the
 * tag kept as written.
 */
export function withAttribute(xml: string, el: ScannedElement, name: string, value: string): string {
  const tag = xml.slice(el.start, el.startTagEnd);
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  const close = el.selfClosing ? tag.lastIndexOf('/') : tag.length - 1;
  return `${tag.slice(0, close).replace(/\s+$/, '')} ${name}="${value}"${tag.slice(close)}`;
}
