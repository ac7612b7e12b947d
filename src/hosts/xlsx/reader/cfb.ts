/**
 * Just enough of the Compound File Binary format (OLE2, [MS-CFB]) to list the names of its storages and streams:
 * an Excel 97–2003 workbook (.xls) holds a "Workbook" (or "Book") stream, and an Office file encrypted with a
 * password is a compound file holding "EncryptionInfo" and "EncryptedPackage" (the real .xlsx, encrypted inside).
 */

export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b);
}

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
/** Directory sectors followed at most: a damaged chain can loop. */
const MAX_SECTORS = 1 << 20;

/**
 * Names of the directory entries (storages and streams) of a compound file. A damaged directory stops the walk:
 * whatever names were read so far are returned, and when the structure cannot be read at all, the names are looked
 * for as UTF-16 text in the file (directory entries store them so).
 */
export function compoundFileNames(bytes: Uint8Array): string[] {
  try {
    const names = walkDirectory(bytes);
    if (names.length > 0) return names;
  } catch {
    // Damaged structure: fall back to looking for the names the callers care about, below.
  }
  return ['EncryptionInfo', 'EncryptedPackage', 'Workbook', 'Book', 'WordDocument', 'PowerPoint Document'].filter(
    (name) => containsUtf16(bytes, name),
  );
}

function walkDirectory(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 512) throw new Error('compound file header cut');
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) throw new Error(`unexpected sector shift ${sectorShift}`);
  const sectorSize = 1 << sectorShift;
  const fatSectors = view.getUint32(0x2c, true);
  const firstDirectory = view.getUint32(0x30, true);
  let difatSector = view.getUint32(0x44, true);
  const sectorOffset = (s: number) => (s + 1) * sectorSize;

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatList: number[] = [];
  for (let i = 0; i < 109 && fatList.length < fatSectors; i++) fatList.push(view.getUint32(0x4c + i * 4, true));
  for (let guard = 0; fatList.length < fatSectors && difatSector < END_OF_CHAIN && guard < MAX_SECTORS; guard++) {
    const at = sectorOffset(difatSector);
    if (at + sectorSize > bytes.length) break;
    const perSector = sectorSize / 4 - 1;
    for (let i = 0; i < perSector && fatList.length < fatSectors; i++) fatList.push(view.getUint32(at + i * 4, true));
    difatSector = view.getUint32(at + perSector * 4, true);
  }
  const next = (sector: number): number => {
    const perSector = sectorSize / 4;
    const fatSector = fatList[Math.floor(sector / perSector)];
    if (fatSector === undefined || fatSector >= END_OF_CHAIN) return END_OF_CHAIN;
    const at = sectorOffset(fatSector) + (sector % perSector) * 4;
    return at + 4 <= bytes.length ? view.getUint32(at, true) : END_OF_CHAIN;
  };

  const names: string[] = [];
  const seen = new Set<number>();
  for (
    let s = firstDirectory;
    s !== END_OF_CHAIN && s !== FREE && !seen.has(s) && seen.size < MAX_SECTORS;
    s = next(s)
  ) {
    seen.add(s);
    const at = sectorOffset(s);
    if (at + sectorSize > bytes.length) break;
    for (let e = at; e < at + sectorSize; e += 128) {
      const type = bytes[e + 0x42];
      const length = view.getUint16(e + 0x40, true);
      if (type === 0 || length < 2 || length > 64) continue;
      let name = '';
      for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(view.getUint16(e + i, true));
      names.push(name);
    }
  }
  return names;
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) pattern[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}
