/**
 * Small, exact text edits of the package's XML parts. Merging into the user's workbook changes a few parts by
 * adding or removing our entries only; everything else in them must stay byte for byte, so these helpers find
 * elements by scanning the text and splice, never parse and re-serialise a document.
 */
import { decodeEntities, Splicer } from '../sml/xml-scan';

/** String → attribute value (double-quoted). */
export function attrValue(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** String → element text. */
export function textValue(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An element found in a part's text: where it starts and ends (end exclusive), its start tag and attributes. */
export interface Located {
  start: number;
  end: number;
  /** The start tag as written ("<sheet name=… r:id=…/>"). */
  tag: string;
  attrs: Map<string, string>;
  /** Text between the start and end tags ('' for an empty element). */
  inner: string;
}

/** Attributes of a start tag, decoded, keyed by their qualified name as written ("r:id"). */
export function attributesOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g))
    out.set(m[1], decodeEntities(m[3] ?? m[4] ?? ''));
  return out;
}

/**
 * Every element named `name` (a qualified name as the part writes it: "sheet", "definedName", "vt:lpstr") in
 * `xml` from `from` to `to`. Elements of the same name are not nested in the parts this is used on.
 */
export function findElements(xml: string, name: string, from = 0, to = xml.length): Located[] {
  const out: Located[] = [];
  const open = new RegExp(`<${name.replace(/[.:]/g, '\\$&')}(?=[\\s/>])`, 'g');
  open.lastIndex = from;
  for (let m = open.exec(xml); m && m.index < to; m = open.exec(xml)) {
    const tagEnd = xml.indexOf('>', m.index);
    if (tagEnd < 0) break;
    const tag = xml.slice(m.index, tagEnd + 1);
    const attrs = attributesOf(tag.slice(name.length + 1));
    if (tag.endsWith('/>')) {
      out.push({ start: m.index, end: tagEnd + 1, tag, attrs, inner: '' });
      open.lastIndex = tagEnd + 1;
      continue;
    }
    const close = `</${name}>`;
    const closeAt = xml.indexOf(close, tagEnd + 1);
    if (closeAt < 0) throw new Error(`<${name}> without </${name}>`);
    out.push({ start: m.index, end: closeAt + close.length, tag, attrs, inner: xml.slice(tagEnd + 1, closeAt) });
    open.lastIndex = closeAt + close.length;
  }
  return out;
}

/** The first element named `name`, or undefined. */
export function findElement(xml: string, name: string, from = 0, to = xml.length): Located | undefined {
  return findElements(xml, name, from, to)[0];
}

/** One text edit: replace xml[start, end) with text. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping splices (any order) with the writer's Splicer: insertions at one point keep their order. */
export function applySplices(xml: string, splices: readonly Splice[]): string {
  const splicer = new Splicer();
  for (const e of splices) splicer.replace(e.start, e.end, e.text);
  return splicer.apply(xml);
}

/** The start tag with one attribute set (replaced when present, else appended before the closing). */
export function withAttribute(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${attrValue(value)}"`);
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}="${attrValue(value)}"${tag.slice(close)}`;
}

/** The prefix the part uses for a namespace URI ("r" for relationships), or undefined when it is the default. */
export function prefixOf(xml: string, uri: string): string | undefined {
  const m = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*"${uri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`).exec(xml);
  return m?.[1];
}
