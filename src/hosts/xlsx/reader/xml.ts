/**
 * A small, fast, streaming XML tokenizer for the parts of an .xlsx package. Why not saxes: a 1 M-row sheet is about
 * 500 MB of XML, and saxes (one attribute object and one event per tag) takes about 6 s per million rows on it; this
 * scanner reads attributes in place (offsets into the buffer, no objects) and lets the handler skip elements it does
 * not need, so only the cells a table needs are ever decoded.
 *
 * What it understands: elements (with or without a namespace prefix: names are matched on their local part),
 * attributes in single or double quotes (a '>' inside a value is fine), character data, the five predefined entities
 * and character references, CDATA sections, comments, processing instructions and a DOCTYPE (skipped, its entities
 * are not expanded). Text is given to the handler only for the elements it asks to capture. Line ends in text are
 * normalised as XML requires (CRLF and CR become LF). It does not check well-formedness: the package's zip layer
 * already verified the part's size.
 */

export interface XmlHandler {
  /** An element starts. `name` is the index of its local name in the scanner's name list, or -1 for any other. */
  open(x: XmlScanner, name: number, selfClosing: boolean): void;
  /** An element ends (also called right after open for a self-closing element, unless it was skipped). */
  close(x: XmlScanner, name: number): void;
}

const GT = 62; // >
const SLASH = 47;
const EQ = 61;
const QUOT = 34;
const APOS = 39;
const COLON = 58;
const BANG = 33;
const QUESTION = 63;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Expands the predefined entities and character references; an unknown entity is left as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.charCodeAt(0) === 35) {
      const code = body.charCodeAt(1) === 120 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Character data as XML delivers it: raw line ends normalised, then entities expanded. */
function textOf(raw: string): string {
  const s = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  return decodeEntities(s);
}

/** The error a part that ends in the middle of markup raises (a damaged or cut package). */
export class XmlTruncatedError extends Error {
  constructor(what: string) {
    super(`XML ends inside ${what}`);
    this.name = 'XmlTruncatedError';
  }
}

export class XmlScanner {
  /** The text being scanned; attribute offsets point into it while the handler runs. */
  buf = '';
  private pos = 0;
  /** Attributes of the current start tag: [nameStart, nameEnd, colon, valueStart, valueEnd] per attribute. */
  private attrs = new Int32Array(5 * 16);
  private attrCount = 0;
  private readonly byLength: { id: number; name: string }[][] = [];
  private capturing = false;
  private captured = '';
  /** > 0 while skipping an element's content token by token (its depth). */
  private skipDepth = 0;
  private skipRequested = false;
  /** Where the current start tag's qualified name is (for the fast skip). */
  private tagNameStart = 0;
  private tagNameEnd = 0;
  /** Next CDATA section in buf at or after cdataFrom (-1: none), so the fast skip never jumps into one. */
  private cdataAt = -2;

  constructor(
    names: readonly string[],
    private readonly handler: XmlHandler,
  ) {
    names.forEach((name, id) => (this.byLength[name.length] ??= []).push({ id, name }));
  }

  /** Feeds the next piece of the document. */
  write(chunk: string): void {
    if (this.pos < this.buf.length) this.buf = this.buf.slice(this.pos) + chunk;
    else this.buf = chunk;
    this.pos = 0;
    this.cdataAt = -2;
    this.run();
  }

  /** The document is complete: anything left unparsed means it was cut in the middle of markup. */
  end(): void {
    const rest = this.buf.slice(this.pos);
    this.buf = '';
    this.pos = 0;
    if (rest.indexOf('<') >= 0) throw new XmlTruncatedError(`"${rest.slice(0, 40)}"`);
  }

  // ------------------------------------------------------------------------------------------ for handlers

  /** Asks for the character data of the element just opened (read it with text() in close). */
  capture(): void {
    this.capturing = true;
    this.captured = '';
  }

  /** The captured text of the element being closed ('' when none). Stops capturing. */
  text(): string {
    const t = this.captured;
    this.capturing = false;
    this.captured = '';
    return t;
  }

  /** Skips the content of the element just opened: no events until it closes, close included. */
  skip(): void {
    this.skipRequested = true;
  }

  /** Index of the attribute with this qualified name on the current start tag, or -1. */
  attrIndex(qname: string): number {
    const a = this.attrs;
    const buf = this.buf;
    const len = qname.length;
    for (let i = 0, k = 0; i < this.attrCount; i++, k += 5) {
      if (a[k + 1] - a[k] !== len) continue;
      let j = 0;
      while (j < len && buf.charCodeAt(a[k] + j) === qname.charCodeAt(j)) j++;
      if (j === len) return i;
    }
    return -1;
  }

  /** Index of the first prefixed attribute (xmlns declarations aside) whose local name is `local`, or -1. */
  attrIndexNs(local: string): number {
    const a = this.attrs;
    const buf = this.buf;
    for (let i = 0, k = 0; i < this.attrCount; i++, k += 5) {
      const colon = a[k + 2];
      if (colon < 0 || buf.startsWith('xmlns', a[k])) continue;
      if (a[k + 1] - colon - 1 === local.length && buf.startsWith(local, colon + 1)) return i;
    }
    return -1;
  }

  valueStart(i: number): number {
    return this.attrs[i * 5 + 3];
  }

  valueEnd(i: number): number {
    return this.attrs[i * 5 + 4];
  }

  /** An attribute's value, entities expanded. */
  value(i: number): string {
    return decodeEntities(this.buf.slice(this.attrs[i * 5 + 3], this.attrs[i * 5 + 4]));
  }

  /** The attribute's value, or undefined when the start tag has none. */
  attr(qname: string): string | undefined {
    const i = this.attrIndex(qname);
    return i < 0 ? undefined : this.value(i);
  }

  /** The value of the first prefixed attribute with this local name (r:id whatever the prefix). */
  attrNs(local: string): string | undefined {
    const i = this.attrIndexNs(local);
    return i < 0 ? undefined : this.value(i);
  }

  // ------------------------------------------------------------------------------------------ tokenizer

  private lookup(start: number, end: number): number {
    const bucket = this.byLength[end - start];
    if (bucket === undefined) return -1;
    const buf = this.buf;
    for (const { id, name } of bucket) {
      let j = 0;
      while (j < name.length && buf.charCodeAt(start + j) === name.charCodeAt(j)) j++;
      if (j === name.length) return id;
    }
    return -1;
  }

  private run(): void {
    const buf = this.buf;
    const n = buf.length;
    let p = this.pos;
    for (;;) {
      const lt = buf.indexOf('<', p);
      if (lt < 0) {
        // Text up to the end: captured text waits for the next chunk (an entity may be cut in two), other text goes.
        this.pos = this.capturing ? p : n;
        return;
      }
      if (lt > p && this.capturing) this.captured += textOf(buf.slice(p, lt));
      if (lt + 1 >= n) {
        this.pos = lt;
        return;
      }
      const c1 = buf.charCodeAt(lt + 1);
      if (c1 === SLASH) {
        const gt = buf.indexOf('>', lt + 2);
        if (gt < 0) {
          this.pos = lt;
          return;
        }
        p = gt + 1;
        if (this.skipDepth > 0) {
          this.skipDepth--;
          continue;
        }
        let s = lt + 2;
        let e = gt;
        while (e > s && isSpace(buf.charCodeAt(e - 1))) e--;
        const colon = buf.lastIndexOf(':', e - 1);
        if (colon >= s) s = colon + 1;
        this.handler.close(this, this.lookup(s, e));
        continue;
      }
      if (c1 === BANG || c1 === QUESTION) {
        const next = this.special(lt, c1);
        if (next < 0) {
          this.pos = lt;
          return;
        }
        p = next;
        continue;
      }
      const end = this.startTag(lt);
      if (end < 0) {
        this.pos = lt;
        return;
      }
      p = end;
      const selfClosing = buf.charCodeAt(end - 2) === SLASH;
      if (this.skipDepth > 0) {
        if (!selfClosing) this.skipDepth++;
        continue;
      }
      let s = this.tagNameStart;
      const e = this.tagNameEnd;
      const colon = buf.indexOf(':', s);
      if (colon >= 0 && colon < e) s = colon + 1;
      const id = this.lookup(s, e);
      this.skipRequested = false;
      this.handler.open(this, id, selfClosing);
      if (this.skipRequested) {
        this.skipRequested = false;
        this.capturing = false;
        if (!selfClosing) p = this.skipContent(p);
        continue;
      }
      if (selfClosing) this.handler.close(this, id);
    }
  }

  /**
   * Parses the start tag at `lt`: its name and attribute offsets. Returns the index after its '>', or -1 when the
   * buffer ends inside it.
   */
  private startTag(lt: number): number {
    const buf = this.buf;
    const n = buf.length;
    let p = lt + 1;
    const nameStart = p;
    let c = 0;
    while (p < n) {
      c = buf.charCodeAt(p);
      if (c === GT || c === SLASH || isSpace(c)) break;
      p++;
    }
    if (p >= n) return -1;
    this.tagNameStart = nameStart;
    this.tagNameEnd = p;
    let count = 0;
    let a = this.attrs;
    for (;;) {
      while (p < n && isSpace((c = buf.charCodeAt(p)))) p++;
      if (p >= n) return -1;
      if (c === GT) break;
      if (c === SLASH) {
        if (p + 1 >= n) return -1;
        p++;
        continue; // "/>": the next character is '>'
      }
      const ns = p;
      let colon = -1;
      while (p < n) {
        c = buf.charCodeAt(p);
        if (c === EQ || isSpace(c) || c === GT || c === SLASH) break;
        if (c === COLON) colon = p;
        p++;
      }
      const ne = p;
      while (p < n && isSpace((c = buf.charCodeAt(p)))) p++;
      if (p >= n) return -1;
      if (c !== EQ) continue; // an attribute without a value: not XML, ignored
      p++;
      while (p < n && isSpace((c = buf.charCodeAt(p)))) p++;
      if (p >= n) return -1;
      if (c !== QUOT && c !== APOS) continue;
      const close = buf.indexOf(c === QUOT ? '"' : "'", p + 1);
      if (close < 0) return -1;
      if (count * 5 + 5 > a.length) {
        const grown = new Int32Array(a.length * 2);
        grown.set(a);
        this.attrs = a = grown;
      }
      const k = count * 5;
      a[k] = ns;
      a[k + 1] = ne;
      a[k + 2] = colon;
      a[k + 3] = p + 1;
      a[k + 4] = close;
      count++;
      p = close + 1;
    }
    this.attrCount = count;
    return p + 1;
  }

  /** Comments, CDATA, processing instructions and DOCTYPE at `lt`: the index after them, or -1 if cut. */
  private special(lt: number, c1: number): number {
    const buf = this.buf;
    if (c1 === QUESTION) {
      const e = buf.indexOf('?>', lt + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (buf.startsWith('<!--', lt)) {
      const e = buf.indexOf('-->', lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (buf.startsWith('<![CDATA[', lt)) {
      const e = buf.indexOf(']]>', lt + 9);
      if (e < 0) return -1;
      if (this.capturing && this.skipDepth === 0) {
        const raw = buf.slice(lt + 9, e);
        this.captured += raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
      }
      return e + 3;
    }
    if (buf.length - lt < 9) return -1;
    // <!DOCTYPE …> possibly with an internal subset in brackets.
    const bracket = buf.indexOf('[', lt);
    const gt = buf.indexOf('>', lt);
    if (gt < 0) return -1;
    if (bracket >= 0 && bracket < gt) {
      const close = buf.indexOf(']', bracket);
      if (close < 0) return -1;
      const e = buf.indexOf('>', close);
      return e < 0 ? -1 : e + 1;
    }
    return gt + 1;
  }

  /**
   * Skips an element's content from `p` (just after its start tag). Fast path: its end tag found with indexOf, when
   * no CDATA section lies in between (its text could hold markup-like characters). Otherwise token by token.
   */
  private skipContent(p: number): number {
    const buf = this.buf;
    const ns = this.tagNameStart;
    const len = this.tagNameEnd - ns;
    let from = p;
    for (;;) {
      const j = buf.indexOf('</', from);
      if (j < 0) break;
      let k = 0;
      while (k < len && buf.charCodeAt(j + 2 + k) === buf.charCodeAt(ns + k)) k++;
      const after = buf.charCodeAt(j + 2 + len);
      if (k === len && (after === GT || isSpace(after))) {
        if (this.cdataAt === -2 || (this.cdataAt >= 0 && this.cdataAt < p)) this.cdataAt = buf.indexOf('<![CDATA[', p);
        if (this.cdataAt >= 0 && this.cdataAt < j) break;
        // A nested element of the same name would end here too early: fall back to the token walk.
        const inner = buf.indexOf('<', p);
        if (inner < j && this.sameNameOpens(p, j, ns, len)) break;
        const gt = buf.indexOf('>', j);
        if (gt < 0) break;
        return gt + 1;
      }
      from = j + 2;
    }
    this.skipDepth = 1;
    return p;
  }

  /** Whether a start tag with the same qualified name as the one at `ns` occurs in [from, to). */
  private sameNameOpens(from: number, to: number, ns: number, len: number): boolean {
    const buf = this.buf;
    for (let i = buf.indexOf('<', from); i >= 0 && i < to; i = buf.indexOf('<', i + 1)) {
      let k = 0;
      while (k < len && buf.charCodeAt(i + 1 + k) === buf.charCodeAt(ns + k)) k++;
      if (k < len) continue;
      const c = buf.charCodeAt(i + 1 + len);
      if (c === GT || c === SLASH || isSpace(c)) return true;
    }
    return false;
  }
}

/**
 * A streaming text decoder for an XML part: UTF-8 unless a byte order mark says UTF-16 (allowed by XML, written by
 * some tools). The BOM itself is dropped.
 */
export function xmlDecoder(first: Uint8Array): TextDecoder {
  if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first.length >= 2 && first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/** A whole (small) part as text. */
export function xmlText(bytes: Uint8Array): string {
  return xmlDecoder(bytes).decode(bytes);
}

/** Runs a handler over a whole document held as text. */
export function scanXml(text: string, names: readonly string[], handler: XmlHandler): void {
  const x = new XmlScanner(names, handler);
  x.write(text);
  x.end();
}
