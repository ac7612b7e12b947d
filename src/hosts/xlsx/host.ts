/**
 * WorkbookHost over .xlsx files (Node): reads the input file once and never writes it; results go to a NEW
 * workbook at the output path. ExcelJS drops charts, pivot tables and other parts it does not parse when it
 * rewrites a file, so a rewritten copy of the user's workbook would be a degraded copy: we never produce one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import {
  HostError,
  type ResultsPlan,
  type SourceInfo,
  type TableGrid,
  type TableInfo,
  type TablesExportReport,
  type WorkbookHost,
  type WriteOptions,
  type WriteReport,
} from '../../workbook/port';
import { tablesFingerprint } from '../../workbook/fingerprint';
import { INPUT_TABLE_NAMES } from '../../workbook/contract/specs';
import { replacedOtherLanguageNotice } from '../../workbook/plan-check';
import { settleEmptyResults } from './saved-results';
import { listTablesOf, readTablesOf } from './tables';
import { writeResultsInto } from './write';
import { workbookOfTables } from './export';

interface LoadedInput {
  bytes: Buffer;
  wb: ExcelJS.Workbook;
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

export class XlsxHost implements WorkbookHost {
  readonly kind = 'xlsx' as const;
  readonly inputPath: string;
  readonly outputPath: string;
  private input?: Promise<LoadedInput>;

  constructor(inputPath: string, outputPath: string) {
    this.inputPath = path.resolve(inputPath);
    this.outputPath = path.resolve(outputPath);
  }

  /** Reads and parses the input once; every later call shares the same bytes and workbook. */
  private load(): Promise<LoadedInput> {
    this.input ??= this.readInput();
    return this.input;
  }

  private async readInput(): Promise<LoadedInput> {
    const name = path.basename(this.inputPath);
    let bytes: Buffer;
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
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw new HostError(
        'input_not_xlsx',
        {
          es: `"${name}" no es un libro .xlsx válido (¿está dañado o es otro formato, como .xls o .csv?).`,
          en: `"${name}" is not a valid .xlsx workbook (is it damaged, or another format such as .xls or .csv?).`,
        },
        { cause: e },
      );
    }
    return { bytes, wb };
  }

  async listTables(): Promise<TableInfo[]> {
    return listTablesOf((await this.load()).wb);
  }

  async readTables(names: readonly string[]): Promise<Map<string, TableGrid>> {
    const { wb, bytes } = await this.load();
    const grids = readTablesOf(wb, names);
    await settleEmptyResults(grids.values(), bytes);
    return grids;
  }

  /**
   * The contract's input tables as the file holds them now (INPUT_TABLE_NAMES, as readTables matches them),
   * fingerprinted with tablesFingerprint: the file is read again, so a change saved since the run read it shows.
   */
  async inputFingerprint(): Promise<string> {
    const { wb, bytes } = await this.readInput();
    const grids = readTablesOf(wb, INPUT_TABLE_NAMES);
    await settleEmptyResults(grids.values(), bytes);
    return tablesFingerprint(grids.values());
  }

  async describeSource(): Promise<SourceInfo> {
    const { bytes } = await this.load();
    return {
      name: path.basename(this.inputPath),
      fingerprint: createHash('sha256').update(bytes).digest('hex'),
      fingerprintOf: 'file',
    };
  }

  async writeResults(plan: ResultsPlan, options: WriteOptions = {}): Promise<WriteReport> {
    this.refuseInputAsOutput();
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Trade Terms Modeller';
    const written = writeResultsInto(wb, plan);
    await this.writeOutput(Buffer.from(await wb.xlsx.writeBuffer()));
    options.onProgress?.(written.cellsWritten, written.cellsWritten);
    return {
      sheetsWritten: written.sheetsWritten,
      cellsWritten: written.cellsWritten,
      target: this.outputPath,
      notices: [
        ...(written.renamed.length > 0 ? [replacedOtherLanguageNotice(written.renamed)] : []),
        ...written.notices,
      ],
    };
  }

  /**
   * Input tables (an agreed scenario as the next base) written as a NEW workbook at the output path: never the
   * input file, never a rewritten copy of it. The output path was chosen when the host was made: `_name` (the port's
   * suggested file name) is not used.
   */
  async exportTables(grids: readonly TableGrid[], _name?: string): Promise<TablesExportReport> {
    this.refuseInputAsOutput();
    await this.writeOutput(Buffer.from(await workbookOfTables(grids).xlsx.writeBuffer()));
    return { target: this.outputPath, delivery: 'file' };
  }

  private refuseInputAsOutput(): void {
    if (canonicalPath(this.outputPath) === canonicalPath(this.inputPath)) {
      throw new HostError('output_is_input', {
        es: `El archivo de resultados no puede ser el mismo archivo de entrada ("${this.inputPath}"): elija otra ruta de salida.`,
        en: `The results file cannot be the input file itself ("${this.inputPath}"): choose another output path.`,
      });
    }
  }

  private async writeOutput(bytes: Buffer): Promise<void> {
    // Temp file in the same folder, then rename: a failed run never leaves a half-written results file.
    const dir = path.dirname(this.outputPath);
    const temp = path.join(
      dir,
      `.${path.basename(this.outputPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(temp, bytes);
      await fs.rename(temp, this.outputPath);
    } catch (e) {
      await fs.rm(temp, { force: true }).catch(() => undefined); // best effort; the write error below is what matters
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
