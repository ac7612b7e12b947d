/**
 * XML text for SpreadsheetML parts. Two escapings:
 * - SpreadsheetML strings (cell text, table column names, defined names): a character XML 1.0 cannot carry (control
 *   characters other than tab, line feed and carriage return, U+FFFE, U+FFFF, a lone surrogate) is written as
 *   _xHHHH_, the ST_Xstring escape Excel itself writes and decodes; a literal "_xHHHH_" in the text is protected as
 *   _x005F_xHHHH_ so Excel does not decode it.
 * - Plain XML (DrawingML text, chart caches, relationship targets): no _x escape exists there, so an illegal
 *   character becomes U+FFFD.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Characters XML 1.0 refuses (built from strings: a regex literal of control characters trips the linter). */
const ILLEGAL_CLASS = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]';
const SURROGATES = '[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[\\uD800-\\uDFFF]';
/** An illegal character, a surrogate, or the start of a literal _xHHHH_ (which Excel would decode). */
const NEEDS_X_ESCAPE = new RegExp(`${ILLEGAL_CLASS}|[\\uD800-\\uDFFF]|_x[0-9A-Fa-f]{4}_`);
const X_ESCAPES = new RegExp(`${ILLEGAL_CLASS}|${SURROGATES}|_(?=x[0-9A-Fa-f]{4}_)`, 'g');
const ILLEGAL = new RegExp(`${ILLEGAL_CLASS}|${SURROGATES}`, 'g');
const TEXT_SPECIALS = /[&<>]/;
const ATTR_SPECIALS = /[&<>"\t\n\r]/;

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

/** The ST_Xstring form of `s`: illegal characters as _xHHHH_, a literal _xHHHH_ protected (see module comment). */
export function xstring(s: string): string {
  if (!NEEDS_X_ESCAPE.test(s)) return s;
  return s.replace(X_ESCAPES, (m) => {
    if (m === '_') return '_x005F_';
    if (m.length === 2) return m; // a valid surrogate pair: legal
    return `_x${hex4(m.charCodeAt(0))}_`;
  });
}

/** `s` with the characters XML 1.0 refuses replaced by U+FFFD (valid surrogate pairs kept). */
export function legalXml(s: string): string {
  return s.replace(ILLEGAL, (m) => (m.length === 2 ? m : '\uFFFD'));
}

function escapeMarkup(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttrMarkup(s: string): string {
  return s.replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#9;';
      case '\n':
        return '&#10;';
      default:
        return '&#13;';
    }
  });
}

/** Element text of a SpreadsheetML string (cell text): _x escapes, then markup. */
export function escapeText(s: string): string {
  const x = xstring(s);
  return TEXT_SPECIALS.test(x) ? escapeMarkup(x) : x;
}

/** Attribute value of a SpreadsheetML string (a table column name): _x escapes, then markup; quotes as &quot;. */
export function escapeAttr(s: string): string {
  const x = xstring(s);
  return ATTR_SPECIALS.test(x) ? escapeAttrMarkup(x) : x;
}

/** Element text outside SpreadsheetML strings (DrawingML, chart caches, formulas): illegal characters as U+FFFD. */
export function escapeXmlText(s: string): string {
  const x = legalXml(s);
  return TEXT_SPECIALS.test(x) ? escapeMarkup(x) : x;
}

/** Attribute value outside SpreadsheetML strings (relationship targets, number format codes). */
export function escapeXmlAttr(s: string): string {
  const x = legalXml(s);
  return ATTR_SPECIALS.test(x) ? escapeAttrMarkup(x) : x;
}

/** A <t> element (shared or inline string): xml:space="preserve" keeps leading or trailing blanks. */
export function textElement(s: string): string {
  const preserve = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : '';
  return `<t${preserve}>${escapeText(s)}</t>`;
}

/** `name="value"` pairs from a record, undefined values left out, in the record's order. */
export function attrs(a: Readonly<Record<string, string | number | boolean | undefined>>): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    const text = typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'number' ? String(v) : escapeXmlAttr(v);
    out += ` ${k}="${text}"`;
  }
  return out;
}

/**
 * Joins many small strings into chunks of about `size` characters, so a part of a million rows is produced as a
 * stream of 64 K strings, never one giant string.
 */
export class Chunker {
  private buf = '';
  constructor(private readonly size = 65536) {}

  /** Adds text; returns a full chunk when one is ready (the caller yields it), else undefined. */
  add(s: string): string | undefined {
    this.buf += s;
    if (this.buf.length < this.size) return undefined;
    const out = this.buf;
    this.buf = '';
    return out;
  }

  /** The text left over (possibly ''). */
  rest(): string {
    const out = this.buf;
    this.buf = '';
    return out;
  }
}
