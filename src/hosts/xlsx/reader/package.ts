/**
 * The Open Packaging Conventions layer: content types, relationships and part names. Relationship targets are
 * resolved against their source part's folder; part names compare case-insensitively (partKey of zip.ts).
 */
import type { Inflater } from './inflate';
import { scanXml, xmlText, type XmlHandler, type XmlScanner } from './xml';

type XmlSource = Uint8Array | string;
import { partKey, type ZipArchive } from './zip';

export interface Relationship {
  id: string;
  /** The type's last path segment ("worksheet", "officeDocument"…): transitional and strict OOXML alike. */
  kind: string;
  type: string;
  /** The target as written. */
  target: string;
  external: boolean;
  /** The target part's name (no leading "/") when internal. */
  part?: string;
}

export interface ContentTypes {
  /** Content type of a part: its Override, else the Default of its extension. */
  of(part: string): string | undefined;
}

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" (the package) → "_rels/.rels". */
export function relsPartOf(part: string): string {
  const p = part.startsWith('/') ? part.slice(1) : part;
  const slash = p.lastIndexOf('/');
  return `${p.slice(0, slash + 1)}_rels/${p.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the folder of its source part, as a part name without leading "/". */
export function resolveTarget(sourcePart: string, target: string): string {
  const clean = target.split('#')[0].replace(/\\/g, '/');
  const base = sourcePart.startsWith('/') ? sourcePart.slice(1) : sourcePart;
  const segments = clean.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const s of clean.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  return segments.join('/');
}

/** A small part's bytes, or undefined when the package has no such part. */
export async function partBytes(zip: ZipArchive, part: string, inflater?: Inflater): Promise<Uint8Array | undefined> {
  const entry = zip.entry(part);
  return entry ? zip.read(entry, inflater) : undefined;
}

/** A small part's text, or undefined when the package has no such part. */
export async function partText(zip: ZipArchive, part: string, inflater?: Inflater): Promise<string | undefined> {
  const bytes = await partBytes(zip, part, inflater);
  return bytes === undefined ? undefined : xmlText(bytes);
}

export function parseContentTypes(xml: XmlSource): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  const handler: XmlHandler = {
    open(x: XmlScanner, name: number) {
      const type = x.attr('ContentType');
      if (type === undefined) return;
      if (name === 0) {
        const ext = x.attr('Extension');
        if (ext !== undefined) defaults.set(ext.toLowerCase(), type.trim());
      } else if (name === 1) {
        const part = x.attr('PartName');
        if (part !== undefined) overrides.set(partKey(part), type.trim());
      }
    },
    close() {},
  };
  scanXml(xml, ['Default', 'Override'], handler);
  return {
    of(part: string) {
      const key = partKey(part);
      const override = overrides.get(key);
      if (override !== undefined) return override;
      const dot = key.lastIndexOf('.');
      return dot < 0 ? undefined : defaults.get(key.slice(dot + 1));
    },
  };
}

/** The relationships of `sourcePart` ('' for the package's own, _rels/.rels), in the order the part lists them. */
export function parseRelationships(xml: XmlSource, sourcePart: string): Relationship[] {
  const out: Relationship[] = [];
  const handler: XmlHandler = {
    open(x: XmlScanner, name: number) {
      if (name !== 0) return;
      const id = x.attr('Id');
      const type = x.attr('Type') ?? '';
      const target = x.attr('Target');
      if (id === undefined || target === undefined) return;
      const external = (x.attr('TargetMode') ?? '').toLowerCase() === 'external';
      const kind = type.slice(type.lastIndexOf('/') + 1);
      out.push({ id, kind, type, target, external, part: external ? undefined : resolveTarget(sourcePart, target) });
    },
    close() {},
  };
  scanXml(xml, ['Relationship'], handler);
  return out;
}

/** The relationships of a part (empty when it has none). */
export async function relationshipsOf(zip: ZipArchive, part: string, inflater?: Inflater): Promise<Relationship[]> {
  const xml = await partBytes(zip, relsPartOf(part), inflater);
  return xml === undefined ? [] : parseRelationships(xml, part);
}
