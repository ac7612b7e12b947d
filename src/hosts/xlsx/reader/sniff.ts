/**
 * What a file is, told from its bytes before anything is parsed, so the user hears "this .xls must be saved as
 * .xlsx" or "remove the password" instead of "not a valid .xlsx": an encrypted Office file and an Excel 97-2003
 * workbook are compound files (OLE2); an OpenDocument spreadsheet, a Word document and a plain zip are zips without
 * a spreadsheet main part; a CSV is text. Every verdict is a HostError with its own code and an es/en message that
 * names the file and says what to do. A package carrying a sensitivity label that does not encrypt is an ordinary
 * .xlsx (the label lives in docProps/custom.xml) and passes.
 */
import { HostError } from '../../../workbook/port';
import { compoundFileNames, isCompoundFile } from './cfb';
import type { Inflater } from './inflate';
import {
  encryptedText,
  notWorkbookText,
  notXlsxText,
  odsText,
  textFileText,
  xlsText,
  type OtherDocument,
  type TextKind,
} from './messages';
import { parseContentTypes, parseRelationships, partText, type ContentTypes } from './package';
import { looksLikeZip, ZipArchive, ZipError } from './zip';

/** A zip that is an SpreadsheetML package: its content types and the workbook part. */
export interface WorkbookPackage {
  zip: ZipArchive;
  contentTypes: ContentTypes;
  /** Part name of the workbook (usually "xl/workbook.xml"). */
  workbookPart: string;
}

/** How much of the file the text check looks at. */
const TEXT_SAMPLE = 64 * 1024;

/**
 * Classifies the bytes and opens the zip of an .xlsx; throws the HostError that says what the file is otherwise.
 * Synchronous: nothing is decompressed yet.
 */
export function sniffBytes(bytes: Uint8Array, name: string): ZipArchive {
  if (bytes.length === 0) throw new HostError('input_not_xlsx', notXlsxText(name, 'empty'));
  if (isCompoundFile(bytes)) throw compoundFileError(bytes, name);
  if (looksLikeZip(bytes)) {
    try {
      return new ZipArchive(bytes);
    } catch (cause) {
      throw new HostError('input_not_xlsx', notXlsxText(name, 'damaged'), { cause });
    }
  }
  const text = textKind(bytes);
  if (text) throw new HostError('input_is_text', textFileText(name, text));
  // A zip with something in front of it (a self-extractor) or a zip cut before its first header.
  try {
    return new ZipArchive(bytes);
  } catch (cause) {
    throw new HostError('input_not_xlsx', notXlsxText(name, 'unknown'), { cause });
  }
}

function compoundFileError(bytes: Uint8Array, name: string): HostError {
  const names = new Set(compoundFileNames(bytes).map((n) => n.toLowerCase()));
  if (names.has('encryptedpackage') || names.has('encryptioninfo')) {
    // Rights management (IRM, or a sensitivity label that encrypts) keeps its transform under these names.
    const rightsManaged = names.has('drmencryptedtransform') || names.has('drmencrypteddataspace');
    return new HostError('input_encrypted', encryptedText(name, rightsManaged));
  }
  if (names.has('workbook') || names.has('book')) return new HostError('input_is_xls', xlsText(name));
  if (names.has('worddocument')) return new HostError('input_not_workbook', notWorkbookText(name, 'word97'));
  if (names.has('powerpoint document')) {
    return new HostError('input_not_workbook', notWorkbookText(name, 'powerpoint97'));
  }
  return new HostError('input_not_xlsx', notXlsxText(name, 'unknown'));
}

/**
 * Text, told by its first bytes: no NUL (unless UTF-16 with its byte order mark), almost no control characters,
 * and either valid UTF-8 or a single-byte code page with mostly ASCII (a Windows-1252 CSV). Undefined otherwise.
 */
export function textKind(bytes: Uint8Array): TextKind | undefined {
  let sample = bytes.subarray(0, TEXT_SAMPLE);
  let text: string;
  if (sample[0] === 0xff && sample[1] === 0xfe) text = new TextDecoder('utf-16le').decode(sample);
  else if (sample[0] === 0xfe && sample[1] === 0xff) text = new TextDecoder('utf-16be').decode(sample);
  else {
    if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) sample = sample.subarray(3);
    let controls = 0;
    let high = 0;
    for (const b of sample) {
      if (b === 0) return undefined;
      if ((b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 0x7f) controls++;
      else if (b >= 0x80) high++;
    }
    if (controls > sample.length / 100) return undefined;
    let utf8 = true;
    try {
      // A multi-byte character cut by the sample's end is not an encoding error.
      new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: sample.length < bytes.length });
    } catch {
      utf8 = false;
    }
    if (!utf8 && high > sample.length * 0.3) return undefined;
    text = utf8 ? new TextDecoder('utf-8').decode(sample) : String.fromCharCode(...sample.subarray(0, 4096));
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '' || hasControlCharacters(start.slice(0, 4096))) return undefined;
  if (start.startsWith('<')) return 'markup';
  return /[,;\t|]/.test(start) ? 'delimited' : 'plain';
}

/** Control characters other than tab, line feed, form feed and carriage return (binary, not text). */
function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) return true;
  }
  return false;
}

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/** The zip's main part, when the package is a spreadsheet; a HostError saying what it is otherwise. */
export async function workbookPackage(zip: ZipArchive, name: string, inflater?: Inflater): Promise<WorkbookPackage> {
  try {
    return await locateWorkbook(zip, name, inflater);
  } catch (cause) {
    if (cause instanceof HostError) throw cause;
    throw new HostError('input_not_xlsx', notXlsxText(name, 'damaged'), { cause });
  }
}

async function locateWorkbook(zip: ZipArchive, name: string, inflater?: Inflater): Promise<WorkbookPackage> {
  const mimetype = zip.entry('mimetype');
  if (mimetype) {
    const mime = new TextDecoder().decode(await zip.read(mimetype, inflater)).trim();
    if (mime.startsWith(ODS_MIME)) throw new HostError('input_is_ods', odsText(name));
    if (mime.startsWith('application/vnd.oasis.opendocument.')) throw notWorkbook(name, 'odf');
  }
  const typesXml = await partText(zip, '[Content_Types].xml', inflater);
  if (typesXml === undefined) {
    const manifest = await partText(zip, 'META-INF/manifest.xml', inflater);
    if (manifest !== undefined && manifest.includes(ODS_MIME)) throw new HostError('input_is_ods', odsText(name));
    if (manifest !== undefined && manifest.includes('opendocument')) throw notWorkbook(name, 'odf');
    // No OPC package at all; a workbook part in its usual place is still read (some generators omit the rest).
    if (zip.entry('xl/workbook.xml'))
      return { zip, contentTypes: { of: () => undefined }, workbookPart: 'xl/workbook.xml' };
    throw notWorkbook(name, 'zip');
  }
  const contentTypes = parseContentTypes(typesXml);
  const rootRels = await partText(zip, '_rels/.rels', inflater);
  const main =
    rootRels === undefined
      ? undefined
      : parseRelationships(rootRels, '').find((r) => r.kind === 'officeDocument' && !r.external);
  const workbookPart = main?.part ?? (zip.entry('xl/workbook.xml') ? 'xl/workbook.xml' : undefined);
  if (workbookPart === undefined) throw notWorkbook(name, 'zip');
  const type = (contentTypes.of(workbookPart) ?? '').toLowerCase();
  const other = otherDocument(type);
  if (other) throw notWorkbook(name, other);
  if (!zip.entry(workbookPart)) {
    throw new ZipError(`the package names ${workbookPart} as its workbook, but holds no such part`);
  }
  return { zip, contentTypes, workbookPart };
}

/** What a main part's content type says the package is, when it is not a SpreadsheetML workbook. */
function otherDocument(type: string): OtherDocument | undefined {
  if (type === '') return undefined; // undeclared: read it and see
  if (type.includes('wordprocessingml') || type.startsWith('application/vnd.ms-word.')) return 'word';
  if (type.includes('presentationml') || type.startsWith('application/vnd.ms-powerpoint.')) return 'powerpoint';
  if (type.includes('.binary.')) return 'xlsb';
  if (type.includes('spreadsheetml') || type.startsWith('application/vnd.ms-excel.')) return undefined;
  return 'zip';
}

function notWorkbook(name: string, what: OtherDocument): HostError {
  return new HostError('input_not_workbook', notWorkbookText(name, what));
}
