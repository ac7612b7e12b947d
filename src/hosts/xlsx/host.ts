/**
 * WorkbookHost over .xlsx files (Node). Reads the input with the streaming, table-scoped reader (./reader: only the
 * sheets holding the tables asked for are decompressed, through node:zlib) and never writes it. Results go either
 * to a NEW workbook at the output path (./sml, streamed) or, with `into`, to a COPY of the input with our result
 * sheets added or replaced and every other part byte-identical (./merge). Every output is written atomically (a temp
 * file renamed at the end) and only over a file this tool wrote, unless the user said --force (./output-target).
 */
import { createHash } from 'node:crypto';
import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import {
  HostError,
  ownerMarkerName,
  type AddInputTablesRequest,
  type ResultsPlan,
  type SourceInfo,
  type TableGrid,
  type TableInfo,
  type TablesExportReport,
  type WorkbookHost,
  type WriteOptions,
  type WriteReport,
} from '../../workbook/port';
import { inputTablesOf } from '../../workbook/mapping/mapping';
import type { RangeRef } from '../../workbook/range-source';
import { tablesFingerprint } from '../../workbook/fingerprint';
import { matchTableName } from '../../workbook/contract/specs';
import type { Text } from '../../engine/model';
import {
  DEFAULT_MAX_CELLS,
  maxCellsForHeap,
  openWorkbook,
  sniffBytes,
  workbookPackage,
  type XlsxWorkbook,
} from './reader';
import { nodeInflater } from './reader/node-inflate';
import { writeResultsPackage, writeTablesPackage } from './sml';
import { nodeDeflater } from './sml/node-deflate';
import { mergeResultsPackage } from './merge/merge';
import { writeAtomically } from './atomic-file';
import { checkOutputTarget, unwritable, unwritableReason, type OutputTargetOptions } from './output-target';

export interface XlsxHostOptions {
  /** Write the results into a copy of the input at the output path (--into) instead of a new workbook. */
  into?: boolean;
  /** Replace an existing output that is not a file we wrote (--force). */
  force?: boolean;
  /** Most cells one read may hold (default: what the V8 heap affords, at most DEFAULT_MAX_CELLS). */
  maxCells?: number;
  /** Told the cells each read of the input's tables is about to read, before reading them (ReadOptions.onCells). */
  onCells?: (cells: number) => void;
}

interface LoadedInput {
  bytes: Uint8Array;
  workbook: XlsxWorkbook;
}

/** Resolves symlinks of the existing part of a path, so two spellings of one file compare equal. */
function canonicalPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return realpathSync.native(abs);
  } catch {
    // The file does not exist yet: canonicalise its folder (which may not exist either) and keep the name.
    const dir = path.dirname(abs);
    return dir === abs ? abs : path.join(canonicalPath(dir), path.basename(abs));
  }
}

/** The cells a run may read: what the heap affords (a cell costs about BYTES_PER_CELL), at most the default. */
function heapCellLimit(): number {
  return Math.min(DEFAULT_MAX_CELLS, maxCellsForHeap(getHeapStatistics().heap_size_limit));
}

const MACRO_MAIN = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';

/**
 * Whether a file's bytes are a workbook this tool wrote results into: its workbook part defines the run-info sheet's
 * owner marker (only that part is read, however large the file).
 */
async function carriesOurResults(bytes: Uint8Array): Promise<boolean> {
  const archive = sniffBytes(bytes, '');
  const pkg = await workbookPackage(archive, '', nodeInflater);
  const entry = archive.entry(pkg.workbookPart);
  if (!entry) return false;
  const xml = new TextDecoder().decode(await archive.read(entry, nodeInflater));
  return new RegExp(`<definedName\\b[^>]*\\bname="${ownerMarkerName('run_info')}"`).test(xml);
}

/** prepareOutput's probe: the temp file opened, nothing to write; writeAtomically removes it. */
class ProbeDone extends Error {}

export class XlsxHost implements WorkbookHost {
  readonly kind = 'xlsx' as const;
  readonly inputPath: string;
  readonly outputPath: string;
  private readonly options: XlsxHostOptions;
  private input?: Promise<LoadedInput>;
  /** What --force replaced, said once the write succeeded. */
  private replacedNotice?: Text;

  constructor(inputPath: string, outputPath: string, options: XlsxHostOptions = {}) {
    this.inputPath = path.resolve(inputPath);
    this.outputPath = path.resolve(outputPath);
    this.options = options;
  }

  /** Reads and opens the input once; every later call shares the same bytes and workbook. */
  private load(): Promise<LoadedInput> {
    this.input ??= this.readInput();
    return this.input;
  }

  private async readInput(): Promise<LoadedInput> {
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(this.inputPath);
    } catch (e) {
      throw new HostError(
        'input_unreadable',
        {
          es: `No se pudo leer el archivo de entrada "${this.inputPath}".`,
          en: `Could not read the input file "${this.inputPath}".`,
        },
        { cause: e },
      );
    }
    const workbook = await openWorkbook(bytes, path.basename(this.inputPath), {
      inflate: nodeInflater,
      maxCells: this.options.maxCells ?? heapCellLimit(),
      onCells: this.options.onCells,
    });
    return { bytes, workbook };
  }

  async listTables(): Promise<TableInfo[]> {
    return (await this.load()).workbook.tables();
  }

  async readTables(names: readonly string[]): Promise<Map<string, TableGrid>> {
    return (await this.load()).workbook.readTables(names);
  }

  /** Ranges that are not tables (a mapping's sources), read from the input file like tables. */
  async readRanges(ranges: readonly RangeRef[]): Promise<Map<string, TableGrid>> {
    return (await this.load()).workbook.readRanges(ranges);
  }

  /**
   * The contract's input tables as the file holds them now (INPUT_TABLE_NAMES, as readTables matches them),
   * fingerprinted with tablesFingerprint: the file is read again, so a change saved since the run read it shows.
   */
  async inputFingerprint(): Promise<string> {
    const { workbook } = await this.readInput();
    return tablesFingerprint(
      await inputTablesOf(
        (names) => workbook.readTables(names),
        (ranges) => workbook.readRanges(ranges),
      ),
    );
  }

  async describeSource(): Promise<SourceInfo> {
    const { bytes } = await this.load();
    return {
      name: path.basename(this.inputPath),
      fingerprint: createHash('sha256').update(bytes).digest('hex'),
      fingerprintOf: 'file',
    };
  }

  /**
   * Before the run computes: the output is not the input, whatever is at the path may be replaced, and a file can be
   * created in its folder (made when missing). A probe temp file is opened and removed; the results are written
   * later by writeResults, which checks again.
   */
  async prepareOutput(): Promise<void> {
    this.refuseInputAsOutput();
    await this.checkTarget(this.options.into ? 'copy' : 'results');
    await this.writeOutput(() => Promise.reject(new ProbeDone())).catch((e: unknown) => {
      if (!(e instanceof ProbeDone)) throw e;
    });
  }

  async writeResults(plan: ResultsPlan, options: WriteOptions = {}): Promise<WriteReport> {
    this.refuseInputAsOutput();
    if (this.options.into) return this.writeInto(plan, options);
    await this.checkTarget('results');
    let report: { sheetsWritten: string[]; cellsWritten: number } | undefined;
    await this.writeOutput(async (sink) => {
      report = await writeResultsPackage(plan, sink, { deflater: nodeDeflater() });
    });
    options.onProgress?.(report!.cellsWritten, report!.cellsWritten);
    return {
      sheetsWritten: report!.sheetsWritten,
      cellsWritten: report!.cellsWritten,
      target: this.outputPath,
      notices: this.forcedNotices(),
    };
  }

  /** --into: a copy of the input with the results merged in (see ./merge/merge.ts). */
  private async writeInto(plan: ResultsPlan, options: WriteOptions): Promise<WriteReport> {
    const { bytes, workbook } = await this.load();
    const name = path.basename(this.inputPath);
    const archive = sniffBytes(bytes, name);
    const pkg = await workbookPackage(archive, name, nodeInflater);
    this.refuseWrongExtension(pkg.contentTypes.of(pkg.workbookPart) === MACRO_MAIN);
    await this.checkTarget('copy');
    let report: Awaited<ReturnType<typeof mergeResultsPackage>> | undefined;
    await this.writeOutput(async (sink) => {
      report = await mergeResultsPackage({ archive, workbook, workbookPart: pkg.workbookPart }, plan, sink, {
        inflater: nodeInflater,
        deflater: nodeDeflater(),
      });
    });
    options.onProgress?.(report!.cellsWritten, report!.cellsWritten);
    return {
      sheetsWritten: report!.sheetsWritten,
      cellsWritten: report!.cellsWritten,
      target: this.outputPath,
      notices: [...report!.notices, ...this.forcedNotices()],
    };
  }

  /**
   * Input tables (an agreed scenario as the next base) written as a NEW workbook at the output path: never the
   * input file, never a rewritten copy of it. The output path was chosen when the host was made: `_name` (the port's
   * suggested file name) is not used.
   */
  async exportTables(grids: readonly TableGrid[], _name?: string): Promise<TablesExportReport> {
    this.refuseInputAsOutput();
    await this.checkTarget('base');
    await this.writeOutput((sink) =>
      writeTablesPackage(grids, sink, { deflater: nodeDeflater() }).then(() => undefined),
    );
    return { target: this.outputPath, delivery: 'file' };
  }

  /**
   * `init`: the input template (src/workbook/template.ts) as a NEW workbook at the output path, with drop-down lists
   * on the enumerated columns and the instructions table; the input path is not read.
   */
  async writeTemplate(request: AddInputTablesRequest): Promise<{ target: string }> {
    await this.checkTarget('template');
    // The instructions (the table that is not an input table) first: the sheet the workbook opens on.
    const ordered = [
      ...request.tables.filter((t) => !matchTableName(t.name)),
      ...request.tables.filter((t) => matchTableName(t.name)),
    ];
    await this.writeOutput((sink) =>
      writeTablesPackage(ordered, sink, { deflater: nodeDeflater(), dropDowns: request.dropDowns }).then(
        () => undefined,
      ),
    );
    return { target: this.outputPath };
  }

  private forcedNotices(): NonNullable<WriteReport['notices']> {
    const replaced = this.replacedNotice;
    return replaced ? [{ code: 'output_replaced', ...replaced }] : [];
  }

  private async checkTarget(writes: OutputTargetOptions['writes']): Promise<void> {
    const check = await checkOutputTarget(this.outputPath, {
      force: this.options.force === true,
      ours: carriesOurResults,
      writes,
    });
    this.replacedNotice = check.replaced;
  }

  private refuseInputAsOutput(): void {
    if (canonicalPath(this.outputPath) === canonicalPath(this.inputPath)) {
      throw new HostError('output_is_input', {
        es: `El archivo de resultados no puede ser el mismo archivo de entrada ("${this.inputPath}"): elija otra ruta de salida.`,
        en: `The results file cannot be the input file itself ("${this.inputPath}"): choose another output path.`,
      });
    }
  }

  /** Excel refuses a macro-enabled package named .xlsx, and a plain one named .xlsm: the copy keeps the input's kind. */
  private refuseWrongExtension(macro: boolean): void {
    const ext = path.extname(this.outputPath).toLowerCase();
    const want = macro ? '.xlsm' : '.xlsx';
    if (ext === want) return;
    throw new HostError('output_extension', {
      es: `Su libro ${macro ? 'tiene macros (.xlsm)' : 'no tiene macros (.xlsx)'}, así que la copia con los resultados debe terminar en ${want}, no en «${ext || '(sin extensión)'}»: Excel no abriría el archivo. No se escribió nada.`,
      en: `Your workbook ${macro ? 'has macros (.xlsm)' : 'has no macros (.xlsx)'}, so the copy with the results must end in ${want}, not "${ext || '(no extension)'}": Excel would not open the file. Nothing was written.`,
    });
  }

  private async writeOutput(produce: (sink: (chunk: Uint8Array) => Promise<void>) => Promise<void>): Promise<void> {
    try {
      await writeAtomically(this.outputPath, produce);
    } catch (e) {
      if (e instanceof HostError || e instanceof ProbeDone) throw e; // said no before a byte was kept
      const why = unwritableReason(e);
      if (why) throw unwritable(this.outputPath, why, e); // the system said why: no permission, a read-only disk…
      throw new HostError(
        'output_unwritable',
        {
          es: `No se pudo escribir el archivo de resultados "${this.outputPath}" (¿está abierto en Excel o la carpeta es de solo lectura?).`,
          en: `Could not write the results file "${this.outputPath}" (is it open in Excel, or is the folder read-only?).`,
        },
        { cause: e },
      );
    }
  }
}
