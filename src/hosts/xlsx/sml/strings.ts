/**
 * How text cells are stored. A new package shares its strings (xl/sharedStrings.xml: each distinct text once, cells
 * refer to it by index); writing into a user's workbook uses inline strings (t="inlineStr"), so the user's
 * sharedStrings.xml never changes.
 */
import { Chunker, textElement, XML_DECLARATION } from './xml';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  /** References made (the sst's count attribute), which may exceed the distinct strings. */
  private refs = 0;

  /** The index of `text`, added the first time. */
  add(text: string): number {
    this.refs++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  get size(): number {
    return this.list.length;
  }

  /** xl/sharedStrings.xml in chunks; call it after every worksheet using the table has been produced. */
  *toXml(): Generator<string> {
    const chunks = new Chunker();
    yield `${XML_DECLARATION}<sst xmlns="${MAIN_NS}" count="${this.refs}" uniqueCount="${this.list.length}">`;
    for (const s of this.list) {
      const full = chunks.add(`<si>${textElement(s)}</si>`);
      if (full !== undefined) yield full;
    }
    yield `${chunks.rest()}</sst>`;
  }
}

/** Shared strings of a new package, or inline strings (writing into a user's workbook). */
export type StringMode = SharedStrings | 'inline';
