/**
 * The shared string table (xl/sharedStrings.xml) as a plain string[]: rich text runs concatenated, phonetic guides
 * (<rPh>, furigana) left out as Excel shows them, and Excel's _xHHHH_ escapes of characters XML cannot carry
 * decoded. Streamed: a table of millions of strings never sits whole in memory as XML.
 */
import { XmlScanner, type XmlHandler } from './xml';

const ESCAPE = /_x([0-9A-F]{4})_/g;

/**
 * Excel writes characters XML cannot hold (control characters, and "_x" sequences of the text itself, as
 * "_x005F_") as _xHHHH_. Decoded left to right as ExcelJS does, so "_x005F_x0041_" stays the literal "_x0041_".
 */
export function decodeExcelEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const SI = 0;
const T = 1;
const RPH = 2;

/** Collects the strings; feed it the part's text with write() and end(). */
export class SharedStringsParser implements XmlHandler {
  readonly strings: string[] = [];
  private readonly scanner = new XmlScanner(['si', 't', 'rPh'], this);
  private inSi = false;
  private phonetic = 0;
  private current = '';
  private capturing = false;

  write(bytes: Uint8Array): void {
    this.scanner.write(bytes);
  }

  end(): string[] {
    this.scanner.end();
    return this.strings;
  }

  open(x: XmlScanner, name: number, selfClosing: boolean): void {
    if (name === SI) {
      this.inSi = true;
      this.current = '';
    } else if (name === T && this.inSi && this.phonetic === 0 && !selfClosing) {
      x.capture();
      this.capturing = true;
    } else if (name === RPH) {
      this.phonetic++;
    }
  }

  close(x: XmlScanner, name: number): void {
    if (name === T) {
      if (this.capturing) this.current += decodeExcelEscapes(x.text());
      this.capturing = false;
    } else if (name === RPH) {
      this.phonetic--;
    } else if (name === SI) {
      this.strings.push(this.current);
      this.inSi = false;
      this.current = '';
    }
  }
}
