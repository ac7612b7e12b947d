/**
 * Results merged into a COPY of the user's own workbook (`trade-terms run in.xlsx --into out.xlsx`, and the browser
 * demo's download): the user's package is copied entry by entry, compressed bytes untouched, with our result sheets
 * added, or replaced where a previous run left them (found by the owner marker, in any language, the same
 * language-independent name the Office host uses). Every other part stays byte-identical: the user's sheets,
 * charts, pivot tables, macros. The parts that must change only gain or lose our entries (package-text.ts):
 * workbook.xml (sheets, defined names, a full recalculation on load), its relationships, [Content_Types].xml,
 * docProps/app.xml, styles.xml when new formats are needed, and calcChain.xml (our replaced sheets' entries go, or
 * Excel offers a repair). Our sheets use inline strings, so sharedStrings.xml never changes.
 *
 * A replaced sheet keeps its place, its sheetId and its part name, so the workbook's relationship to it stays; the
 * parts it alone brought (its tables, drawing, charts) go and new ones come. A sheet renamed because the language
 * changed takes the user's formulas and defined names that point at it along (Excel does the same on a rename):
 * only then does a user part change, and the notice says which.
 *
 * Pure (no fs): bytes in through a ZipArchive, bytes out through a sink.
 */
import type { Inflater } from '../reader/inflate';
import type { XlsxWorkbook } from '../reader/read';
import type { ZipArchive } from '../reader/zip';
import { decodeEntities } from '../sml/xml-scan';
import {
  partAllocator,
  renderResultSheet,
  REL_TYPES,
  StyleBook,
  tableIdAllocator,
  ZipWriter,
  type Deflater,
  type RenderedSheet,
  type ZipSink,
} from '../sml';
import {
  checkResultsPlan,
  renameSheetRefs,
  replacedOtherLanguageNotice,
  sheetNameTaken,
  type ExistingTable,
} from '../../../workbook/plan-check';
import {
  HostError,
  isAreaName,
  isResultTableName,
  roleOfMarker,
  type HostNotice,
  type ResultsPlan,
} from '../../../workbook/port';
import {
  editAppProps,
  editCalcChain,
  editContentTypes,
  editRelationships,
  editWorkbook,
  freeRelId,
  readWorkbookText,
  relationshipsOf,
  relativeTarget,
  relsPartOf,
  resolveTarget,
  type NewDefinedName,
  type Relationship,
} from './package-text';

export interface MergeSource {
  archive: ZipArchive;
  /** The reader's view of the same bytes (sheets, tables, owner markers). */
  workbook: XlsxWorkbook;
  /** The workbook part ("xl/workbook.xml"). */
  workbookPart: string;
}

export interface MergeOptions {
  inflater: Inflater;
  deflater?: Deflater;
  /** Modification time of the entries written (default: now). */
  date?: Date;
}

export interface MergeReport {
  sheetsWritten: string[];
  cellsWritten: number;
  renamed: { from: string; to: string }[];
  notices: HostNotice[];
  /** Parts of the user's package whose bytes changed (besides our own sheets' parts), for tests and the notice. */
  changedParts: string[];
}

const APP_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties';
const CALC_CHAIN_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain';
const PRINT_NAMES = new Set(['_xlnm.print_area', '_xlnm.print_titles']);

function sheetTaken(sheet: string): HostError {
  return new HostError('sheet_holds_input', {
    es: `Su libro ya tiene una hoja «${sheet}» que no es de una corrida anterior (no lleva la marca de resultados), así que no se reemplaza. Cámbiele el nombre y vuelva a correr; no se escribió nada.`,
    en: `Your workbook already has a sheet "${sheet}" that is not a previous run's (it carries no results marker), so it is not replaced. Rename it and run again; nothing was written.`,
  });
}

function damaged(what: string): HostError {
  return new HostError('input_not_xlsx', {
    es: `No se pudo escribir la copia: el libro de entrada no tiene ${what} donde su estructura lo indica (¿está dañado?). Ábralo y guárdelo en Excel, y vuelva a correr.`,
    en: `The copy could not be written: the input workbook has no ${what} where its structure says (is it damaged?). Open and save it in Excel, then run again.`,
  });
}

/** Rewrites every formula (<f> in worksheets, <c:f> in charts) of a part that names sheet `from`. */
function renameInFormulas(xml: string, from: string, to: string): string {
  return xml.replace(/(<(?:c:)?f\b[^>]*>)([^<]*)(<\/(?:c:)?f>)/g, (all, open: string, text: string, close: string) => {
    const decoded = decodeEntities(text);
    const next = renameSheetRefs(decoded, from, to);
    if (next === decoded) return all;
    return `${open}${next.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}${close}`;
  });
}

export async function mergeResultsPackage(
  source: MergeSource,
  plan: ResultsPlan,
  sink: ZipSink,
  options: MergeOptions,
): Promise<MergeReport> {
  checkResultsPlan(plan);
  const { archive, workbook, workbookPart } = source;
  const decoder = new TextDecoder('utf-8');
  const text = async (part: string): Promise<string> => {
    const entry = archive.entry(part);
    if (!entry) throw damaged(part);
    return decoder.decode(await archive.read(entry, options.inflater));
  };
  const has = (part: string) => archive.entry(part) !== undefined;

  // ---------------------------------------------------------------- what the package holds
  const wbXml = await text(workbookPart);
  const wb = readWorkbookText(wbXml);
  const wbRelsPart = relsPartOf(workbookPart);
  const wbRelsXml = await text(wbRelsPart);
  const wbRels = relationshipsOf(wbRelsXml);
  const relById = new Map(wbRels.map((r) => [r.id, r]));
  const sheetPart = (i: number): string => {
    const rel = relById.get(wb.sheets[i].relId);
    if (!rel) throw damaged(`la hoja «${wb.sheets[i].name}»`);
    return resolveTarget(workbookPart, rel.target);
  };

  // Previous runs' sheets by role (sheet-scoped or workbook-scoped markers), as indexes into wb.sheets.
  const indexOf = new Map(wb.sheets.map((s, i) => [s.name.toLowerCase(), i]));
  const byRole = new Map<string, number>();
  for (const [role, sheet] of workbook.ownerMarkers()) {
    const i = indexOf.get(sheet.toLowerCase());
    if (i !== undefined) byRole.set(role, i);
  }
  const replaced = new Map<number, string>(); // sheet index → plan sheet name
  for (const s of plan.sheets) {
    const i = byRole.get(s.role);
    if (i !== undefined) replaced.set(i, s.name);
  }
  const into = new Map([...replaced].map(([i, name]) => [wb.sheets[i].name.toLowerCase(), name]));
  const owned = new Set(into.keys());
  const existing: ExistingTable[] = workbook.tableDefs().map((t) => ({
    name: t.name,
    sheet: t.sheet,
    role: owned.has(t.sheet.toLowerCase()) && isResultTableName(t.name) ? 'result' : 'input',
  }));
  checkResultsPlan(plan, existing, into);
  const targetOf = new Map([...replaced].map(([i, name]) => [name, i]));
  for (const s of plan.sheets) {
    const same = indexOf.get(s.name.toLowerCase());
    const old = targetOf.get(s.name);
    if (same !== undefined && same !== old) {
      throw old === undefined ? sheetTaken(wb.sheets[same].name) : sheetNameTaken(s.name, wb.sheets[old].name);
    }
  }

  // ---------------------------------------------------------------- parts our replaced sheets alone brought
  const relsParts = archive.entries.map((e) => e.name.replace(/^\//, '')).filter((n) => n.endsWith('.rels'));
  const relsOf = new Map<string, Relationship[]>();
  for (const p of relsParts) relsOf.set(p.toLowerCase(), relationshipsOf(await text(p)));
  const sourceOfRels = (relsPart: string): string => {
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(relsPart);
    return m ? `${m[1]}${m[2]}` : relsPart;
  };
  const targetsOf = (part: string): string[] =>
    (relsOf.get(relsPartOf(part).toLowerCase()) ?? [])
      .filter((r) => !r.external)
      .map((r) => resolveTarget(part, r.target));
  const removed = new Set<string>(); // lower-case part names
  const removedNames: string[] = [];
  const closureOf = (root: string): Set<string> => {
    const seen = new Set<string>();
    const walk = (p: string) => {
      const k = p.toLowerCase();
      if (seen.has(k)) return;
      seen.add(k);
      if (has(relsPartOf(p))) seen.add(relsPartOf(p).toLowerCase());
      for (const t of targetsOf(p)) walk(t);
    };
    walk(root);
    return seen;
  };
  for (const i of replaced.keys()) {
    const closure = closureOf(sheetPart(i));
    // A part also pointed at from outside the closure (the workbook, a user's sheet) stays.
    const outside = new Set<string>();
    for (const [relsKey, rels] of relsOf) {
      const from = sourceOfRels(relsKey);
      if (closure.has(relsKey)) continue;
      for (const r of rels) if (!r.external) outside.add(resolveTarget(from, r.target).toLowerCase());
    }
    for (const k of closure) if (!outside.has(k) || k === sheetPart(i).toLowerCase()) removed.add(k);
  }
  for (const e of archive.entries) {
    const n = e.name.replace(/^\//, '');
    if (removed.has(n.toLowerCase())) removedNames.push(n);
  }

  // ---------------------------------------------------------------- render our sheets into the package's space
  const styles = StyleBook.fromXml(await stylesXml());
  async function stylesXml(): Promise<string> {
    const rel = wbRels.find((r) => r.type === REL_TYPES.styles);
    if (!rel) throw damaged('styles.xml');
    return text(resolveTarget(workbookPart, rel.target));
  }
  const stylesPart = resolveTarget(workbookPart, wbRels.find((r) => r.type === REL_TYPES.styles)!.target);
  const kept = archive.entries.map((e) => e.name.replace(/^\//, '')).filter((n) => !removed.has(n.toLowerCase()));
  const allocate = partAllocator(kept);
  const tableIds = tableIdAllocator(
    await Promise.all(
      workbook
        .tableDefs()
        .filter((t) => !removed.has(t.part.toLowerCase()))
        .map(async (t) => Number(/\bid="(\d+)"/.exec(await text(t.part))?.[1] ?? 0)),
    ),
  );
  const rendered: RenderedSheet[] = [];
  const appended: { name: string; sheetId: number; relId: string }[] = [];
  const newWbRels: { id: string; type: string; target: string }[] = [];
  let nextSheetId = Math.max(0, ...wb.sheets.map((s) => s.sheetId)) + 1;
  const renamed: { from: string; to: string }[] = [];
  const rename = new Map<number, string>();
  const sheetIndex = new Map<string, number>(); // plan sheet name → its index in the final workbook
  for (const s of plan.sheets) {
    const old = targetOf.get(s.name);
    const reuse = old !== undefined ? sheetPart(old) : undefined;
    let reused = false;
    const sheet = renderResultSheet(s, {
      partName: (kind) => {
        if (kind === 'worksheet' && reuse !== undefined && !reused) {
          reused = true;
          return reuse;
        }
        return allocate(kind);
      },
      nextTableId: tableIds,
      styles,
      strings: 'inline',
    });
    rendered.push(sheet);
    if (old !== undefined) {
      sheetIndex.set(s.name, old);
      if (wb.sheets[old].name !== s.name) {
        renamed.push({ from: wb.sheets[old].name, to: s.name });
        rename.set(old, s.name);
      }
    } else {
      sheetIndex.set(s.name, wb.sheets.length + appended.length);
      const relId = freeRelId(wbRels, new Set(newWbRels.map((r) => r.id)));
      newWbRels.push({ id: relId, type: REL_TYPES.worksheet, target: relativeTarget(workbookPart, sheet.sheetPart) });
      appended.push({ name: s.name, sheetId: nextSheetId++, relId });
    }
  }

  // ---------------------------------------------------------------- workbook.xml: sheets and names
  const replacedIdx = new Set(replaced.keys());
  const replacedNames = new Set([...replacedIdx].map((i) => wb.sheets[i].name.toLowerCase()));
  const removeNames = new Set<number>();
  const reformulate = new Map<number, string>();
  wb.definedNames.forEach((n, i) => {
    const lower = n.name.toLowerCase();
    const onOurs = n.localSheetId !== undefined && replacedIdx.has(n.localSheetId);
    const ourKind = roleOfMarker(n.name) !== null || isAreaName(n.name) || PRINT_NAMES.has(lower);
    if (onOurs && ourKind) removeNames.add(i);
    else if (n.localSheetId === undefined && roleOfMarker(n.name) !== null) {
      // The xlsx host's older workbook-wide marker: its sheet is in the reference.
      const sheet = workbook.ownerMarkers().get(roleOfMarker(n.name)!);
      if (sheet !== undefined && replacedNames.has(sheet.toLowerCase())) removeNames.add(i);
      else if (plan.sheets.some((s) => s.role === roleOfMarker(n.name))) removeNames.add(i);
    } else {
      let f = n.formula;
      for (const r of renamed) f = renameSheetRefs(f, r.from, r.to);
      if (f !== n.formula) reformulate.set(i, f);
    }
  });
  const addNames: NewDefinedName[] = rendered.flatMap((sheet) =>
    sheet.definedNames.map((d) => ({
      name: d.name,
      hidden: d.hidden,
      formula: d.ref,
      ...(d.sheetScoped ? { localSheetId: sheetIndex.get(sheet.name)! } : {}),
    })),
  );
  const newWbXml = editWorkbook(wb, { rename, append: appended, removeNames, reformulate, addNames });

  // ---------------------------------------------------------------- calcChain, rels, content types, app.xml
  const changed = new Map<string, string>(); // part → new text
  changed.set(workbookPart, newWbXml);
  const removeWbRels = new Set<string>();
  const calcRel = wbRels.find((r) => r.type === CALC_CHAIN_REL);
  if (calcRel) {
    const calcPart = resolveTarget(workbookPart, calcRel.target);
    if (has(calcPart)) {
      const ids = new Set([...replacedIdx].map((i) => wb.sheets[i].sheetId));
      const chain = ids.size > 0 ? editCalcChain(await text(calcPart), ids) : await text(calcPart);
      if (chain === undefined) {
        removeWbRels.add(calcRel.id);
        removed.add(calcPart.toLowerCase());
        removedNames.push(calcPart);
      } else if (ids.size > 0) changed.set(calcPart, chain);
    }
  }
  if (newWbRels.length > 0 || removeWbRels.size > 0) {
    changed.set(wbRelsPart, editRelationships(wbRelsXml, removeWbRels, newWbRels));
  }
  const newParts = rendered.flatMap((r) => r.parts);
  const ctPart = '[Content_Types].xml';
  // A reused part name (the replaced worksheet) loses its Override here and gets it back with the new parts.
  const ctRemoved = new Set(removedNames);
  changed.set(
    ctPart,
    editContentTypes(
      await text(ctPart),
      ctRemoved,
      newParts.filter((p) => !p.path.endsWith('.rels')).map((p) => ({ part: p.path, contentType: p.contentType })),
    ),
  );
  const rootRels = relationshipsOf(await text('_rels/.rels'));
  const appRel = rootRels.find((r) => r.type === APP_REL);
  const appPart = appRel ? resolveTarget('', appRel.target) : undefined;
  if (appPart && has(appPart)) {
    const before = await text(appPart);
    const after = editAppProps(
      before,
      new Map(renamed.map((r) => [r.from, r.to])),
      appended.map((a) => a.name),
    );
    if (after !== before) changed.set(appPart, after);
  }
  // The user's formulas and charts that point at a sheet renamed by a language change follow it.
  if (renamed.length > 0) {
    for (const e of archive.entries) {
      const n = e.name.replace(/^\//, '');
      if (removed.has(n.toLowerCase()) || changed.has(n)) continue;
      if (!/^xl\/(worksheets|charts)\/[^/]+\.xml$/i.test(n)) continue;
      const before = await text(n);
      if (!renamed.some((r) => before.includes(r.from))) continue;
      let after = before;
      for (const r of renamed) after = renameInFormulas(after, r.from, r.to);
      if (after !== before) changed.set(n, after);
    }
  }

  // ---------------------------------------------------------------- the copy
  const zip = new ZipWriter(sink, { deflater: options.deflater, date: options.date });
  const written = new Set<string>();
  const write = async (name: string, data: string) => {
    await zip.addEntry(name, data);
    written.add(name.toLowerCase());
  };
  await write(ctPart, changed.get(ctPart)!);
  const newByPath = new Map(newParts.map((p) => [p.path.toLowerCase(), p]));
  for (const e of archive.entries) {
    const n = e.name.replace(/^\//, '');
    const k = n.toLowerCase();
    if (n.endsWith('/') || written.has(k) || k === stylesPart.toLowerCase()) continue;
    if (removed.has(k) && !newByPath.has(k)) continue;
    if (newByPath.has(k)) continue; // a reused part name: written with the new parts below
    const edited = changed.get(n);
    if (edited !== undefined) await write(n, edited);
    else {
      await zip.addRaw(n, {
        method: e.method,
        crc32: e.crc32,
        compressedSize: e.compressedSize,
        size: e.size,
        data: archive.raw(e),
      });
      written.add(k);
    }
  }
  for (const p of newParts) {
    await zip.addEntry(p.path, p.data);
    written.add(p.path.toLowerCase());
  }
  // Styles last: rendering the worksheets may have added formats.
  const stylesEntry = archive.entry(stylesPart)!;
  if (styles.changed) {
    changed.set(stylesPart, styles.toXml());
    await zip.addEntry(stylesPart, changed.get(stylesPart)!);
  } else {
    await zip.addRaw(stylesPart, {
      method: stylesEntry.method,
      crc32: stylesEntry.crc32,
      compressedSize: stylesEntry.compressedSize,
      size: stylesEntry.size,
      data: archive.raw(stylesEntry),
    });
  }
  await zip.finish();

  const notices: HostNotice[] = renamed.length > 0 ? [replacedOtherLanguageNotice(renamed)] : [];
  const userParts = [...changed.keys()].filter((p) => /^xl\/(worksheets|charts)\//i.test(p));
  if (userParts.length > 0) notices.push(followedRename(userParts));
  return {
    sheetsWritten: plan.sheets.map((s) => s.name),
    cellsWritten: rendered.reduce((n, r) => n + r.cells, 0),
    renamed,
    notices,
    changedParts: [...changed.keys()],
  };
}

function followedRename(parts: readonly string[]): HostNotice {
  return {
    code: 'results_replaced_other_language',
    es: `Las fórmulas de su libro que apuntaban a las hojas de resultados renombradas se actualizaron (${parts.join(', ')}), como lo hace Excel al renombrar una hoja.`,
    en: `Your workbook's formulas that pointed at the renamed result sheets were updated (${parts.join(', ')}), as Excel does when a sheet is renamed.`,
  };
}
