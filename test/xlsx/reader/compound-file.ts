/**
 * Test helper: compound files (OLE2, [MS-CFB] version 3) built from streams, and an .xlsx encrypted with a password
 * as Excel does it ([MS-OFFCRYPTO] Agile encryption: AES-256-CBC, SHA-512, 100 000 spins), so the sniffing tests
 * run on real files without binary fixtures. Debian's msoffcrypto-tool 5.0.0 can only decrypt; the encryption test
 * decrypts what this module wrote with it, which proves the file is a genuine encrypted workbook.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

const SECTOR = 512;
const MINI = 64;
const CUTOFF = 4096;
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

export interface CfbStream {
  /** Stream name; a leading "\u0006" and other control characters are written as given. */
  name: string;
  data: Uint8Array;
}

/** CFB's sibling order: shorter names first, then by upper-cased UTF-16 code units. */
function compareNames(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  const A = a.toUpperCase();
  const B = b.toUpperCase();
  return A < B ? -1 : A > B ? 1 : 0;
}

/** A compound file holding `streams` at its root (no storages: all the tests need). */
export function compoundFile(streams: readonly CfbStream[]): Uint8Array {
  const sorted = [...streams].sort((a, b) => compareNames(a.name, b.name));
  const sectors: Uint8Array[] = [];
  const fat: number[] = [];
  const chain = (data: Uint8Array): number => {
    const count = Math.max(1, Math.ceil(data.length / SECTOR));
    const first = sectors.length;
    for (let i = 0; i < count; i++) {
      const s = new Uint8Array(SECTOR);
      s.set(data.subarray(i * SECTOR, (i + 1) * SECTOR));
      sectors.push(s);
      fat.push(i === count - 1 ? ENDOFCHAIN : first + i + 1);
    }
    return first;
  };

  // Small streams live in the mini stream (64-byte mini sectors), large ones in regular sectors.
  const miniParts: Uint8Array[] = [];
  const miniFat: number[] = [];
  const starts = sorted.map((s) => {
    if (s.data.length >= CUTOFF) return chain(s.data);
    const count = Math.max(1, Math.ceil(s.data.length / MINI));
    const first = miniFat.length;
    for (let i = 0; i < count; i++) {
      const m = new Uint8Array(MINI);
      m.set(s.data.subarray(i * MINI, (i + 1) * MINI));
      miniParts.push(m);
      miniFat.push(i === count - 1 ? ENDOFCHAIN : first + i + 1);
    }
    return first;
  });
  const miniStream = new Uint8Array(miniParts.length * MINI);
  miniParts.forEach((m, i) => miniStream.set(m, i * MINI));
  const miniStreamStart = miniParts.length > 0 ? chain(miniStream) : ENDOFCHAIN;
  const miniFatBytes = new Uint8Array(Math.ceil((miniFat.length * 4) / SECTOR) * SECTOR).fill(0xff);
  const mfView = new DataView(miniFatBytes.buffer);
  miniFat.forEach((v, i) => mfView.setUint32(i * 4, v, true));
  const miniFatStart = miniFat.length > 0 ? chain(miniFatBytes) : ENDOFCHAIN;
  const miniFatSectors = miniFatBytes.length / SECTOR;

  // Directory: the root entry, then the streams, chained as right siblings in CFB order (a valid search tree).
  const entries = [{ name: 'Root Entry', type: 5, start: miniStreamStart, size: miniStream.length }];
  sorted.forEach((s, i) => entries.push({ name: s.name, type: 2, start: starts[i], size: s.data.length }));
  const directory = new Uint8Array(Math.ceil(entries.length / 4) * SECTOR);
  const dView = new DataView(directory.buffer);
  entries.forEach((e, i) => {
    const at = i * 128;
    for (let k = 0; k < e.name.length; k++) dView.setUint16(at + k * 2, e.name.charCodeAt(k), true);
    dView.setUint16(at + 0x40, (e.name.length + 1) * 2, true);
    directory[at + 0x42] = e.type;
    directory[at + 0x43] = 1; // black
    dView.setUint32(at + 0x44, NOSTREAM, true);
    dView.setUint32(at + 0x48, i > 0 && i < entries.length - 1 ? i + 1 : NOSTREAM, true);
    dView.setUint32(at + 0x4c, i === 0 && entries.length > 1 ? 1 : NOSTREAM, true);
    dView.setUint32(at + 0x74, e.start, true);
    dView.setUint32(at + 0x78, e.size, true);
  });
  for (let i = entries.length; i < directory.length / 128; i++) {
    dView.setUint32(i * 128 + 0x44, NOSTREAM, true);
    dView.setUint32(i * 128 + 0x48, NOSTREAM, true);
    dView.setUint32(i * 128 + 0x4c, NOSTREAM, true);
  }
  const directoryStart = chain(directory);

  // The FAT covers every sector, its own included.
  let fatSectors = 1;
  while (fatSectors * (SECTOR / 4) < sectors.length + fatSectors) fatSectors++;
  if (fatSectors > 109) throw new Error('compoundFile: too large for a header-only DIFAT');
  const fatStart = sectors.length;
  for (let i = 0; i < fatSectors; i++) fat.push(FATSECT);
  const fatBytes = new Uint8Array(fatSectors * SECTOR).fill(0xff);
  const fView = new DataView(fatBytes.buffer);
  fat.forEach((v, i) => fView.setUint32(i * 4, v, true));
  for (let i = 0; i < fatSectors; i++) sectors.push(fatBytes.subarray(i * SECTOR, (i + 1) * SECTOR));

  const header = new Uint8Array(SECTOR);
  const h = new DataView(header.buffer);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  h.setUint16(0x18, 0x003e, true);
  h.setUint16(0x1a, 0x0003, true);
  h.setUint16(0x1c, 0xfffe, true);
  h.setUint16(0x1e, 9, true);
  h.setUint16(0x20, 6, true);
  h.setUint32(0x2c, fatSectors, true);
  h.setUint32(0x30, directoryStart, true);
  h.setUint32(0x38, CUTOFF, true);
  h.setUint32(0x3c, miniFatStart, true);
  h.setUint32(0x40, miniFatSectors, true);
  h.setUint32(0x44, ENDOFCHAIN, true);
  for (let i = 0; i < 109; i++) h.setUint32(0x4c + i * 4, i < fatSectors ? fatStart + i : FREESECT, true);

  const out = new Uint8Array(SECTOR * (1 + sectors.length));
  out.set(header);
  sectors.forEach((s, i) => out.set(s, SECTOR * (i + 1)));
  return out;
}

// ------------------------------------------------------------------------------------------ Agile encryption

const sha512 = (...parts: Uint8Array[]) => {
  const h = createHash('sha512');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

function aesCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil(data.length / 16) * 16);
  padded.set(data);
  const c = createCipheriv('aes-256-cbc', key, iv.subarray(0, 16));
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(padded), c.final()]));
}

const le32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** The password's key for one purpose (block key), per [MS-OFFCRYPTO] 2.3.4.11. */
function passwordKey(password: string, salt: Uint8Array, spins: number, block: Uint8Array): Uint8Array {
  let h = sha512(salt, new Uint8Array(Buffer.from(password, 'utf16le')));
  for (let i = 0; i < spins; i++) h = sha512(le32(i), h);
  return sha512(h, block).subarray(0, 32);
}

/**
 * `pkg` (an .xlsx) encrypted with `password` as Excel does it: a compound file holding EncryptionInfo (Agile,
 * version 4.4) and EncryptedPackage. `spins` below Excel's 100 000 keeps tests fast and stays valid.
 */
export function encryptPackage(pkg: Uint8Array, password: string, spins = 100000): Uint8Array {
  const secretKey = new Uint8Array(randomBytes(32));
  const keyDataSalt = new Uint8Array(randomBytes(16));
  const passwordSalt = new Uint8Array(randomBytes(16));
  const verifierInput = new Uint8Array(randomBytes(16));

  const encryptedVerifierHashInput = aesCbc(
    passwordKey(password, passwordSalt, spins, hex('fea7d2763b4b9e79')),
    passwordSalt,
    verifierInput,
  );
  const encryptedVerifierHashValue = aesCbc(
    passwordKey(password, passwordSalt, spins, hex('d7aa0f6d3061344e')),
    passwordSalt,
    sha512(verifierInput),
  );
  const encryptedKeyValue = aesCbc(
    passwordKey(password, passwordSalt, spins, hex('146e0be7abacd0d6')),
    passwordSalt,
    secretKey,
  );

  // The package in 4096-byte segments, each with its own IV, after its 8-byte length.
  const segments: Uint8Array[] = [new Uint8Array(8)];
  new DataView(segments[0].buffer).setUint32(0, pkg.length, true);
  for (let i = 0; i * 4096 < pkg.length; i++) {
    const iv = sha512(keyDataSalt, le32(i));
    segments.push(aesCbc(secretKey, iv, pkg.subarray(i * 4096, (i + 1) * 4096)));
  }
  const encryptedPackage = new Uint8Array(Buffer.concat(segments));

  const hmacKey = new Uint8Array(randomBytes(64));
  const hmacValue = new Uint8Array(createHmac('sha512', hmacKey).update(encryptedPackage).digest());
  const encryptedHmacKey = aesCbc(secretKey, sha512(keyDataSalt, hex('5fb2ad010cb9e1f6')), hmacKey);
  const encryptedHmacValue = aesCbc(secretKey, sha512(keyDataSalt, hex('a0677f02b22c8433')), hmacValue);

  const cipher =
    'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"';
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" ' +
    'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" ' +
    'xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">' +
    `<keyData saltSize="16" ${cipher} saltValue="${b64(keyDataSalt)}"/>` +
    `<dataIntegrity encryptedHmacKey="${b64(encryptedHmacKey)}" encryptedHmacValue="${b64(encryptedHmacValue)}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="${spins}" saltSize="16" ${cipher} saltValue="${b64(passwordSalt)}" ` +
    `encryptedVerifierHashInput="${b64(encryptedVerifierHashInput)}" ` +
    `encryptedVerifierHashValue="${b64(encryptedVerifierHashValue)}" encryptedKeyValue="${b64(encryptedKeyValue)}"/>` +
    '</keyEncryptor></keyEncryptors></encryption>';
  const info = new Uint8Array(8 + Buffer.byteLength(xml));
  const iv = new DataView(info.buffer);
  iv.setUint16(0, 4, true);
  iv.setUint16(2, 4, true);
  iv.setUint32(4, 0x40, true);
  info.set(Buffer.from(xml, 'utf8'), 8);

  return compoundFile([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: encryptedPackage },
  ]);
}
