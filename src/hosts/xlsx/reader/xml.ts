/**
 * A small, fast, streaming XML tokenizer for the parts of an .xlsx package, working on the UTF-8 bytes themselves.
 * Why not saxes: a 1 M-row sheet is about 500 MB of XML; saxes (a string per token, an attribute object per tag)
 * takes about 6 s per million rows on it, and even a hand-written scanner over a decoded string is bound by
 * charCodeAt at about 2 ns a character. Over bytes the loop costs about a third of that, no decoding pass is needed,
 * attributes are read in place (offsets, no objects), numbers can be parsed straight from the bytes, and the
 * handler skips the elements it does not need, so only the cells a table needs are ever decoded.
 *
 * What it understands: elements (with or without a namespace prefix: names are matched on their local part),
 * attributes in single or double quotes (a '>' inside a value is fine), character data, the five predefined entities
 * and character references, CDATA sections, comments, processing instructions and a DOCTYPE (skipped, its entities
 * not expanded). UTF-8 (a BOM dropped) and UTF-16 with its BOM (transcoded). Text is given to the handler only for
 * the elements it asks to capture; line ends in text are normalised as XML requires (CRLF and CR become LF). It
 * does not check well-formedness: the zip layer has already checked the part's size.
 */

export interface XmlHandler {
  /** An element starts. `name` is the index of its local name in the scanner's name list, or -1 for any other. */
  open(x: XmlScanner, name: number, selfClosing: boolean): void;
  /** An element ends (also called right after open for a self-closing element, unless it was skipped). */
  close(x: XmlScanner, name: number): void;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const EQ = 61;
const QUOT = 34;
const APOS = 39;
const COLON = 58;
const BANG = 33;
const QUESTION = 63;

/** XML white space inside markup (space, tab, CR, LF); any byte up to 32 there is one of them in well-formed XML. */
function isSpace(c: number): boolean {
  return c <= 32;
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** The text of UTF-8 bytes [start, end): short ASCII runs without TextDecoder's call cost. */
export function utf8Text(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= 64) {
    let i = start;
    while (i < end && buf[i] < 0x80) i++;
    if (i === end) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  }
  return utf8.decode(buf.subarray(start, end));
}

/** Character data read in place ([start, end) of buf), decoded as XML delivers it. */
export function xmlTextOf(buf: Uint8Array, start: number, end: number): string {
  return textOf(utf8Text(buf, start, end));
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

const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export class XmlScanner {
  /** The bytes being scanned; attribute and text offsets point into them while the handler runs. */
  buf: Uint8Array = EMPTY;
  private pos = 0;
  /** Attributes of the current start tag: [nameStart, nameEnd, colon, valueStart, valueEnd] per attribute. */
  private attrs = new Int32Array(5 * 16);
  private attrCount = 0;
  private readonly byLength: { id: number; name: Uint8Array }[][] = [];
  /** One-letter names by their byte (c, v, f, t: the hot ones), -1 for none. */
  private readonly single = new Int16Array(128).fill(-1);
  private capturing = false;
  /** Captured text: decoded pieces, then possibly one raw piece still in buf ([rawStart, rawEnd), -1 if none). */
  private captured = '';
  private rawStart = -1;
  private rawEnd = -1;
  /** > 0 while skipping an element's content token by token (its depth). */
  private skipDepth = 0;
  private skipRequested = false;
  /** Where the current start tag's qualified name is (for the fast skip). */
  private tagNameStart = 0;
  private tagNameEnd = 0;
  /** Next CDATA section in buf (-2: not looked for yet, -1: none), so the fast skip never jumps into one. */
  private cdataAt = -2;
  private started = false;
  /** The first bytes, kept until there are enough to tell the encoding. */
  private head: Uint8Array = EMPTY;
  private transcoder?: { decode(input?: Uint8Array, options?: { stream?: boolean }): string };

  constructor(
    names: readonly string[],
    private readonly handler: XmlHandler,
  ) {
    names.forEach((name, id) => {
      (this.byLength[name.length] ??= []).push({ id, name: encoder.encode(name) });
      if (name.length === 1 && name.charCodeAt(0) < 128 && this.single[name.charCodeAt(0)] < 0) {
        this.single[name.charCodeAt(0)] = id;
      }
    });
  }

  /** Feeds the next bytes of the document (the chunk is not kept after the call, unless part of a cut token). */
  write(chunk: Uint8Array): void {
    if (this.started) {
      this.feed(chunk);
      return;
    }
    // The byte order mark decides the encoding: wait for three bytes before looking.
    this.head = concat(this.head, chunk);
    if (this.head.length >= 3) this.begin();
  }

  /** The document is complete: anything left unparsed means it was cut in the middle of markup. */
  end(): void {
    if (!this.started) this.begin();
    if (this.transcoder) this.scan(encoder.encode(this.transcoder.decode()));
    const rest = this.buf.subarray(this.pos);
    this.buf = EMPTY;
    this.pos = 0;
    if (rest.indexOf(LT) >= 0) throw new XmlTruncatedError(`"${utf8.decode(rest.subarray(0, 40))}"`);
  }

  /** Looks at the first bytes for a byte order mark (UTF-8 dropped, UTF-16 transcoded), then scans them. */
  private begin(): void {
    let first = this.head;
    this.head = EMPTY;
    this.started = true;
    if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) first = first.subarray(3);
    else if (first[0] === 0xff && first[1] === 0xfe) this.transcoder = new TextDecoder('utf-16le');
    else if (first[0] === 0xfe && first[1] === 0xff) this.transcoder = new TextDecoder('utf-16be');
    this.feed(first);
  }

  private feed(chunk: Uint8Array): void {
    this.scan(this.transcoder ? encoder.encode(this.transcoder.decode(chunk, { stream: true })) : chunk);
  }

  /** Scans UTF-8 bytes, after whatever the previous chunk left unfinished. */
  private scan(chunk: Uint8Array): void {
    if (this.capturing) this.keepRawText();
    else this.rawStart = -1;
    const rest = this.buf.length - this.pos;
    if (rest > 0) {
      const joined = new Uint8Array(rest + chunk.length);
      joined.set(this.buf.subarray(this.pos));
      joined.set(chunk, rest);
      this.buf = joined;
    } else {
      this.buf = chunk;
    }
    this.pos = 0;
    this.cdataAt = -2;
    this.run();
  }

  // ------------------------------------------------------------------------------------------ for handlers

  /** Asks for the character data of the element just opened (read it with text() or rawText() in close). */
  capture(): void {
    this.capturing = true;
    this.captured = '';
    this.rawStart = -1;
  }

  /**
   * True when the captured text is one run of bytes in buf: textStart()/textEnd() give it, to be parsed in place by
   * a caller that accepts only characters needing no decoding (digits); text() still gives it decoded.
   */
  singleRun(): boolean {
    return this.capturing && this.captured === '' && this.rawStart >= 0;
  }

  /** Number of attributes on the current start tag; attrNameStart/attrNameEnd give each name (for one-pass reads). */
  attrTotal(): number {
    return this.attrCount;
  }

  attrNameStart(i: number): number {
    return this.attrs[i * 5];
  }

  attrNameEnd(i: number): number {
    return this.attrs[i * 5 + 1];
  }

  textStart(): number {
    return this.rawStart;
  }

  textEnd(): number {
    return this.rawEnd;
  }

  /** Stops capturing without decoding what was captured (the caller read it in place, or does not need it). */
  discardText(): void {
    this.capturing = false;
    this.captured = '';
    this.rawStart = -1;
  }

  /** The captured text of the element being closed ('' when none). Stops capturing. */
  text(): string {
    if (!this.capturing) return '';
    this.keepRawText();
    const t = this.captured;
    this.capturing = false;
    this.captured = '';
    return t;
  }

  /** Skips the content of the element just opened: no events until it closes, close included. */
  skip(): void {
    this.skipRequested = true;
  }

  /** Index of the attribute with this qualified name (ASCII) on the current start tag, or -1. */
  attrIndex(qname: string): number {
    const a = this.attrs;
    const buf = this.buf;
    const len = qname.length;
    for (let i = 0, k = 0; i < this.attrCount; i++, k += 5) {
      if (a[k + 1] - a[k] !== len) continue;
      const s = a[k];
      let j = 0;
      while (j < len && buf[s + j] === qname.charCodeAt(j)) j++;
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
      if (colon < 0 || this.bytesAre(a[k], 'xmlns')) continue;
      if (a[k + 1] - colon - 1 !== local.length) continue;
      let j = 0;
      while (j < local.length && buf[colon + 1 + j] === local.charCodeAt(j)) j++;
      if (j === local.length) return i;
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
    return decodeEntities(utf8Text(this.buf, this.attrs[i * 5 + 3], this.attrs[i * 5 + 4]));
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

  private bytesAre(at: number, ascii: string): boolean {
    for (let j = 0; j < ascii.length; j++) if (this.buf[at + j] !== ascii.charCodeAt(j)) return false;
    return true;
  }

  /** Moves a raw captured run into the decoded text (before buf changes, or when a second piece arrives). */
  private keepRawText(): void {
    if (this.rawStart < 0) return;
    this.captured += textOf(utf8Text(this.buf, this.rawStart, this.rawEnd));
    this.rawStart = -1;
  }

  private addText(start: number, end: number): void {
    if (this.rawStart < 0 && this.captured === '') {
      this.rawStart = start;
      this.rawEnd = end;
      return;
    }
    this.keepRawText();
    this.captured += textOf(utf8Text(this.buf, start, end));
  }

  private lookup(start: number, end: number): number {
    if (end - start === 1) {
      const c = this.buf[start];
      return c < 128 ? this.single[c] : -1;
    }
    const bucket = this.byLength[end - start];
    if (bucket === undefined) return -1;
    const buf = this.buf;
    for (let k = 0; k < bucket.length; k++) {
      const name = bucket[k].name;
      let j = 0;
      while (j < name.length && buf[start + j] === name[j]) j++;
      if (j === name.length) return bucket[k].id;
    }
    return -1;
  }

  /** Where the local part of the name in [start, end) begins (after its prefix's colon, if any). */
  private localStart(start: number, end: number): number {
    const buf = this.buf;
    for (let i = end - 2; i > start; i--) if (buf[i] === COLON) return i + 1;
    return start;
  }

  private run(): void {
    const buf = this.buf;
    const n = buf.length;
    let p = this.pos;
    for (;;) {
      let lt = p;
      while (lt < n && buf[lt] !== LT) lt++;
      if (lt >= n) {
        // Text up to the end: captured text waits for the next chunk (a character may be cut in two), other goes.
        this.pos = this.capturing ? p : n;
        return;
      }
      if (lt > p && this.capturing) this.addText(p, lt);
      if (lt + 1 >= n) {
        this.pos = lt;
        return;
      }
      const c1 = buf[lt + 1];
      if (c1 === SLASH) {
        let gt = lt + 2;
        while (gt < n && buf[gt] !== GT) gt++;
        if (gt >= n) {
          this.pos = lt;
          return;
        }
        p = gt + 1;
        if (this.skipDepth > 0) {
          this.skipDepth--;
          continue;
        }
        let e = gt;
        while (e > lt + 2 && isSpace(buf[e - 1])) e--;
        this.handler.close(this, this.lookup(this.localStart(lt + 2, e), e));
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
      const selfClosing = buf[end - 2] === SLASH;
      if (this.skipDepth > 0) {
        if (!selfClosing) this.skipDepth++;
        continue;
      }
      const id = this.lookup(this.localStart(this.tagNameStart, this.tagNameEnd), this.tagNameEnd);
      this.skipRequested = false;
      this.handler.open(this, id, selfClosing);
      if (this.skipRequested) {
        this.skipRequested = false;
        this.capturing = false;
        this.rawStart = -1;
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
      c = buf[p];
      if (c === GT || c === SLASH || isSpace(c)) break;
      p++;
    }
    if (p >= n) return -1;
    this.tagNameStart = nameStart;
    this.tagNameEnd = p;
    let count = 0;
    let a = this.attrs;
    for (;;) {
      while (p < n && isSpace((c = buf[p]))) p++;
      if (p >= n) return -1;
      if (c === GT) break;
      if (c === SLASH) {
        if (p + 1 >= n) return -1;
        p++;
        continue; // "/>": the next byte is '>'
      }
      const ns = p;
      let colon = -1;
      while (p < n) {
        c = buf[p];
        if (c === EQ || isSpace(c) || c === GT || c === SLASH) break;
        if (c === COLON) colon = p;
        p++;
      }
      const ne = p;
      while (p < n && isSpace((c = buf[p]))) p++;
      if (p >= n) return -1;
      if (c !== EQ) continue; // an attribute without a value: not XML, ignored
      p++;
      while (p < n && isSpace((c = buf[p]))) p++;
      if (p >= n) return -1;
      if (c !== QUOT && c !== APOS) continue;
      let close = p + 1;
      while (close < n && buf[close] !== c) close++;
      if (close >= n) return -1;
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

  private indexOfAscii(ascii: string, from: number): number {
    const buf = this.buf;
    const first = ascii.charCodeAt(0);
    for (let i = buf.indexOf(first, from); i >= 0; i = buf.indexOf(first, i + 1)) {
      if (i + ascii.length > buf.length) return -1;
      if (this.bytesAre(i, ascii)) return i;
    }
    return -1;
  }

  /** Comments, CDATA, processing instructions and DOCTYPE at `lt`: the index after them, or -1 if cut. */
  private special(lt: number, c1: number): number {
    const buf = this.buf;
    if (c1 === QUESTION) {
      const e = this.indexOfAscii('?>', lt + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (this.bytesAre(lt, '<!--')) {
      const e = this.indexOfAscii('-->', lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (buf[lt + 2] === 0x5b && buf.length - lt < 9) return -1; // "<![" cut before "CDATA[" is known
    if (this.bytesAre(lt, '<![CDATA[')) {
      const e = this.indexOfAscii(']]>', lt + 9);
      if (e < 0) return -1;
      if (this.capturing && this.skipDepth === 0) {
        this.keepRawText();
        const raw = utf8Text(buf, lt + 9, e);
        this.captured += raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
      }
      return e + 3;
    }
    // <!DOCTYPE …> possibly with an internal subset in brackets.
    const gt = buf.indexOf(GT, lt);
    if (gt < 0) return -1;
    const bracket = buf.indexOf(0x5b, lt);
    if (bracket >= 0 && bracket < gt) {
      const close = buf.indexOf(0x5d, bracket);
      if (close < 0) return -1;
      const e = buf.indexOf(GT, close);
      return e < 0 ? -1 : e + 1;
    }
    return gt + 1;
  }

  /**
   * Skips an element's content from `p` (just after its start tag). Fast path: its end tag found by a byte search,
   * when no CDATA section (whose text could look like markup) and no element of the same name lie in between.
   * Otherwise token by token.
   */
  private skipContent(p: number): number {
    const buf = this.buf;
    const n = buf.length;
    const ns = this.tagNameStart;
    const len = this.tagNameEnd - ns;
    for (let j = p; j + 2 + len < n; j++) {
      if (buf[j] !== LT || buf[j + 1] !== SLASH) continue;
      let k = 0;
      while (k < len && buf[j + 2 + k] === buf[ns + k]) k++;
      const after = buf[j + 2 + len];
      if (k < len || (after !== GT && !isSpace(after))) continue;
      if (this.cdataAt === -2 || (this.cdataAt >= 0 && this.cdataAt < p)) this.cdataAt = this.indexOfAscii('<![', p);
      if (this.cdataAt >= 0 && this.cdataAt < j) break;
      if (this.sameNameOpens(p, j, ns, len)) break;
      let gt = j + 2 + len;
      while (gt < n && buf[gt] !== GT) gt++;
      if (gt >= n) break;
      return gt + 1;
    }
    this.skipDepth = 1;
    return p;
  }

  /** Whether a start tag with the same qualified name as the one at `ns` occurs in [from, to). */
  private sameNameOpens(from: number, to: number, ns: number, len: number): boolean {
    const buf = this.buf;
    for (let i = from; i < to; i++) {
      if (buf[i] !== LT) continue;
      let k = 0;
      while (k < len && buf[i + 1 + k] === buf[ns + k]) k++;
      if (k < len) continue;
      const c = buf[i + 1 + len];
      if (c === GT || c === SLASH || isSpace(c)) return true;
    }
    return false;
  }
}

/** Runs a handler over a whole (small) document. */
export function scanXml(xml: Uint8Array | string, names: readonly string[], handler: XmlHandler): void {
  const x = new XmlScanner(names, handler);
  x.write(typeof xml === 'string' ? encoder.encode(xml) : xml);
  x.end();
}

/** A whole (small) part as text (UTF-8, or UTF-16 by its BOM; the BOM dropped). */
export function xmlText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return utf8.decode(bytes);
}
