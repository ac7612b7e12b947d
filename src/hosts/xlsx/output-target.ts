/**
 * Output safety (Node): before a run writes its file, what is at the output path now decides whether it may be
 * replaced. A results file this tool wrote (recognised by the caller's `ours`, from its run-info owner marker) is
 * replaced silently, as every rerun does; anything else (the user's own workbook, a symbolic link, a read-only file,
 * a FIFO or socket) needs --force, and the message says what would be replaced. A folder or a device is never
 * replaced. Nothing is written here: the write itself goes through a temp file and a rename.
 */
import { constants, promises as fs, type Stats } from 'node:fs';
import type { Text } from '../../engine/model';
import { HostError } from '../../workbook/port';

export interface OutputTargetOptions {
  /** --force: the user accepts replacing whatever is there (still never a folder or a device). */
  force: boolean;
  /** Whether the bytes now at the path are a file this tool wrote, which a rerun may replace. */
  ours: (bytes: Uint8Array) => boolean | Promise<boolean>;
  /** What the tool writes there, for the message: a results workbook or a copy of the user's workbook. */
  writes: 'results' | 'copy' | 'base' | 'template';
}

export interface OutputTargetCheck {
  /** What --force replaced, said to the user after the write (absent when nothing or our own file was there). */
  replaced?: Text;
}

/** Files up to this size are read to see whether they are ours; a larger one cannot be a results file we wrote. */
const MAX_INSPECTED_BYTES = 2 * 1024 * 1024 * 1024 - 1;

const WRITES: Record<OutputTargetOptions['writes'], Text> = {
  results: { es: 'un libro de resultados', en: 'a results workbook' },
  copy: { es: 'una copia de su libro con los resultados', en: 'a copy of your workbook with the results' },
  base: { es: 'una base exportada', en: 'an exported base' },
  template: { es: 'una plantilla nueva', en: 'a new template' },
};

function kindOf(st: Stats): Text | 'folder' | 'device' {
  if (st.isDirectory()) return 'folder';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSymbolicLink()) return { es: 'un enlace simbólico', en: 'a symbolic link' };
  if (st.isFIFO()) return { es: 'una tubería con nombre (FIFO)', en: 'a named pipe (FIFO)' };
  if (st.isSocket()) return { es: 'un socket', en: 'a socket' };
  return { es: 'un archivo', en: 'a file' };
}

function needsForce(target: string, what: Text, opts: OutputTargetOptions): HostError {
  const writes = WRITES[opts.writes];
  return new HostError('output_exists', {
    es: `«${target}» ya existe y es ${what.es}; no se reemplaza sin --force (se escribiría ${writes.es} en su lugar). Elija otra ruta de salida, o agregue --force si quiere reemplazarlo. No se escribió nada.`,
    en: `"${target}" already exists and is ${what.en}; it is not replaced without --force (${writes.en} would be written in its place). Choose another output path, or add --force to replace it. Nothing was written.`,
  });
}

/**
 * What a system error says about an output path, in plain words (for output_unwritable); undefined when its code
 * says nothing plainer than the original message, which the CLI shows as technical detail anyway.
 */
export function unwritableReason(cause: unknown): Text | undefined {
  switch ((cause as NodeJS.ErrnoException | undefined)?.code) {
    case 'EACCES':
    case 'EPERM':
      return { es: 'no hay permiso para escribir ahí', en: 'there is no permission to write there' };
    case 'EROFS':
      return { es: 'está en un sistema de archivos de solo lectura', en: 'it is on a read-only file system' };
    case 'ENOTDIR':
    case 'EEXIST':
      return {
        es: 'una parte de la ruta no es una carpeta (es un archivo o un enlace roto)',
        en: 'part of the path is not a folder (it is a file or a broken link)',
      };
    case 'ENAMETOOLONG':
      return { es: 'el nombre o la ruta es demasiado largo', en: 'the name or the path is too long' };
    case 'ENOENT':
      return {
        es: 'esa ubicación no admite archivos nuevos (o su carpeta no se puede crear)',
        en: 'that location does not take new files (or its folder cannot be created)',
      };
    case 'ENOSPC':
      return { es: 'no queda espacio en el disco', en: 'the disk is full' };
    case 'EDQUOT':
      return { es: 'se agotó su cuota de disco', en: 'your disk quota is used up' };
    case 'ELOOP':
      return {
        es: 'la ruta tiene demasiados enlaces simbólicos encadenados',
        en: 'the path has too many chained symbolic links',
      };
    case 'EISDIR':
      return { es: 'es una carpeta', en: 'it is a folder' };
    case 'EBUSY':
    case 'ETXTBSY':
      return { es: 'el archivo está en uso (¿abierto en Excel?)', en: 'the file is in use (open in Excel?)' };
    default:
      return undefined;
  }
}

/** output_unwritable: "Cannot write to "<target>": <why>. Choose another output path; nothing was written." */
export function unwritable(target: string, why: Text, cause?: unknown): HostError {
  return new HostError(
    'output_unwritable',
    {
      es: `No se puede escribir en «${target}»: ${why.es}. Elija otra ruta de salida; no se escribió nada.`,
      en: `Cannot write to "${target}": ${why.en}. Choose another output path; nothing was written.`,
    },
    { cause },
  );
}

/**
 * Decides whether `target` may be written. Throws output_exists (needs --force) or output_unwritable (never
 * replaceable); returns what --force replaced, for the run's report.
 */
export async function checkOutputTarget(target: string, opts: OutputTargetOptions): Promise<OutputTargetCheck> {
  let st: Stats;
  try {
    st = await fs.lstat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw unwritable(
      target,
      unwritableReason(e) ?? { es: 'no se pudo consultar la ruta', en: 'the path could not be inspected' },
      e,
    );
  }
  const kind = kindOf(st);
  if (kind === 'folder') throw unwritable(target, { es: 'es una carpeta', en: 'it is a folder' });
  if (kind === 'device') throw unwritable(target, { es: 'es un dispositivo', en: 'it is a device' });
  const replaced = (what: Text): OutputTargetCheck => ({
    replaced: {
      es: `Se reemplazó «${target}» (${what.es}), como pidió --force.`,
      en: `Replaced "${target}" (${what.en}), as --force asked.`,
    },
  });
  if (!st.isFile()) {
    if (opts.force) return replaced(kind);
    throw needsForce(target, kind, opts);
  }
  // Read-only as the user set it (no write bit for anyone: root may still write it, but the user said no), or as
  // this process finds it.
  const readOnly =
    (st.mode & 0o222) === 0 ||
    (await fs.access(target, constants.W_OK).then(
      () => false,
      () => true,
    ));
  if (readOnly) {
    const what = { es: 'un archivo de solo lectura', en: 'a read-only file' };
    if (opts.force) return replaced(what);
    throw needsForce(target, what, opts);
  }
  const foreign: Text = {
    es: 'un archivo que no es un libro de resultados de Trade Terms Modeller',
    en: 'a file that is not a results workbook of Trade Terms Modeller',
  };
  if (st.size === 0 || st.size > MAX_INSPECTED_BYTES) {
    if (opts.force) return replaced(foreign);
    throw needsForce(target, foreign, opts);
  }
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(target);
  } catch (e) {
    throw unwritable(
      target,
      { es: 'no se pudo leer lo que hay en esa ruta', en: 'what is there could not be read' },
      e,
    );
  }
  let isOurs = false;
  try {
    isOurs = await opts.ours(bytes);
  } catch {
    isOurs = false; // not even a workbook we can open: certainly not ours (it is the user's, and --force decides)
  }
  if (isOurs) return {};
  if (opts.force) return replaced(foreign);
  throw needsForce(target, foreign, opts);
}
