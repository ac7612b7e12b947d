/**
 * Files that are not an .xlsx package are told apart before anything is parsed, each with its own code and an es/en
 * message naming the file and saying what to do. The encrypted workbook is a real one: the sample encrypted with a
 * password as Excel does it (compound-file.ts), and, where msoffcrypto-tool is installed, decrypted back with it.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { openWorkbook, ZipArchive } from '../../../src/hosts/xlsx/reader';
import { HostError, type HostErrorCode } from '../../../src/workbook/port';
import { compoundFile, encryptPackage } from './compound-file';
import { edit, must, unzip, zip } from './package-edit';

const SAMPLE = path.join(__dirname, '..', '..', '..', 'assets', 'sample-trade-terms.xlsx');
const sample = async () => new Uint8Array(await fs.readFile(SAMPLE));

/** The HostError openWorkbook throws on `bytes`, with its code and both texts checked. */
async function refusal(
  bytes: Uint8Array,
  name: string,
  code: HostErrorCode,
  says: { es: (string | RegExp)[]; en: (string | RegExp)[] },
): Promise<HostError> {
  let error: unknown;
  try {
    await openWorkbook(bytes, name);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HostError);
  const h = error as HostError;
  expect(h.code).toBe(code);
  expect(h.es).toContain(`«${name}»`);
  expect(h.en).toContain(`"${name}"`);
  for (const s of says.es) expect(h.es).toMatch(s);
  for (const s of says.en) expect(h.en).toMatch(s);
  return h;
}

describe('encrypted workbooks', () => {
  test('a workbook encrypted with a password: input_encrypted, saying how to remove the password', async () => {
    const encrypted = encryptPackage(await sample(), 'Secreto-2026', 1000);
    await refusal(encrypted, 'precios 2026.xlsx', 'input_encrypted', {
      es: ['contraseña', 'Archivo > Información > Proteger libro > Cifrar con contraseña', 'vuelva a ejecutar'],
      en: ['password', 'File > Info > Protect Workbook > Encrypt with Password', 'run again'],
    });
  });

  // msoffcrypto-tool is required, not optional: .ci/run installs Debian's python3-msoffcrypto-tool.
  test('the encrypted test file is genuine: msoffcrypto-tool decrypts it back to the sample, byte for byte', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-encrypted-'));
    try {
      const original = await sample();
      const encryptedPath = path.join(dir, 'cifrado.xlsx');
      const decryptedPath = path.join(dir, 'descifrado.xlsx');
      await fs.writeFile(encryptedPath, encryptPackage(original, 'Secreto-2026'));
      const r = spawnSync('msoffcrypto-tool', ['-p', 'Secreto-2026', encryptedPath, decryptedPath], {
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(Buffer.compare(await fs.readFile(decryptedPath), Buffer.from(original))).toBe(0);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test('encrypted by rights management (IRM or an encrypting sensitivity label): says to change the label', async () => {
    const irm = compoundFile([
      { name: 'EncryptionInfo', data: new Uint8Array(300) },
      { name: 'EncryptedPackage', data: new Uint8Array(5000) },
      { name: 'DRMEncryptedTransform', data: new Uint8Array(200) },
    ]);
    await refusal(irm, 'etiquetado.xlsx', 'input_encrypted', {
      es: ['etiqueta de confidencialidad', 'Inicio > Confidencialidad'],
      en: ['sensitivity label', 'Home > Sensitivity'],
    });
  });

  test('a compound file whose directory is damaged is still recognised by its stream names', async () => {
    const encrypted = encryptPackage(await sample(), 'x', 10);
    const damaged = encrypted.slice();
    damaged.fill(0xff, 0x2c, 0x50); // FAT count, directory start and DIFAT in the header destroyed
    await refusal(damaged, 'roto.xlsx', 'input_encrypted', { es: ['contraseña'], en: ['password'] });
  });
});

describe('other spreadsheet formats', () => {
  test('an Excel 97-2003 workbook (.xls, a "Workbook" stream): input_is_xls, save as .xlsx', async () => {
    const xls = compoundFile([
      { name: 'Workbook', data: new Uint8Array(9000).fill(0x09) },
      { name: '\u0005SummaryInformation', data: new Uint8Array(400) },
      { name: '\u0005DocumentSummaryInformation', data: new Uint8Array(400) },
    ]);
    await refusal(xls, 'ventas.xls', 'input_is_xls', {
      es: ['Excel 97-2003', 'Archivo > Guardar como > Libro de Excel (.xlsx)'],
      en: ['Excel 97-2003', 'File > Save As > Excel Workbook (.xlsx)'],
    });
  });

  test('an Excel 5.0 workbook (a "Book" stream) is an .xls too', async () => {
    await refusal(compoundFile([{ name: 'Book', data: new Uint8Array(100) }]), 'viejo.xls', 'input_is_xls', {
      es: ['.xls'],
      en: ['.xls'],
    });
  });

  test('a Word 97-2003 document: input_not_workbook naming Word', async () => {
    await refusal(
      compoundFile([{ name: 'WordDocument', data: new Uint8Array(100) }]),
      'carta.doc',
      'input_not_workbook',
      {
        es: ['documento de Word'],
        en: ['Word document'],
      },
    );
  });

  test('an OpenDocument spreadsheet (.ods, mimetype first): input_is_ods, save as .xlsx', async () => {
    const ods = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8(
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
      ),
      'META-INF/manifest.xml': strToU8(
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
      ),
    });
    await refusal(ods, 'clientes.ods', 'input_is_ods', {
      es: ['OpenDocument', 'Libro de Excel (.xlsx)'],
      en: ['OpenDocument', 'Excel Workbook (.xlsx)'],
    });
  });

  test('an .ods whose mimetype entry was lost is still told by its manifest', async () => {
    const ods = zipSync({
      'content.xml': strToU8('<x/>'),
      'META-INF/manifest.xml': strToU8('<m manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'),
    });
    await refusal(ods, 'sin-mimetype.ods', 'input_is_ods', { es: ['OpenDocument'], en: ['OpenDocument'] });
  });
});

describe('text files', () => {
  test('a CSV renamed .xlsx: input_is_text, copy into the template tables and save as .xlsx', async () => {
    const csv = strToU8('ID,Nombre,Días de pago\r\nWMT,Walmart de México,45\r\nOXXO,OXXO,30\r\n');
    await refusal(csv, 'clientes.xlsx', 'input_is_text', {
      es: ['CSV', 'Insertar > Tabla', 'Libro de Excel (.xlsx)'],
      en: ['CSV', 'Insert > Table', 'Excel Workbook (.xlsx)'],
    });
  });

  test('a semicolon CSV in Windows-1252 (é as one byte) and a UTF-16 tab-separated export are text too', async () => {
    const latin1 = new Uint8Array(Buffer.from('ID;Descripción;Precio\nP1;Café molido;10,5\n', 'latin1'));
    await refusal(latin1, 'productos.csv', 'input_is_text', { es: ['CSV'], en: ['CSV'] });
    const utf16 = new Uint8Array(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ID\tNombre\r\nWMT\tWalmart\r\n', 'utf16le')]),
    );
    await refusal(utf16, 'export.txt', 'input_is_text', { es: ['tabulaciones'], en: ['tab-separated'] });
  });

  test('an HTML table saved with an .xls extension (a common "Excel export"): input_is_text, markup message', async () => {
    const html = strToU8('<html><body><table><tr><td>WMT</td><td>45</td></tr></table></body></html>');
    await refusal(html, 'reporte.xls', 'input_is_text', { es: ['HTML o XML'], en: ['HTML or XML'] });
  });
});

describe('zips that hold no workbook', () => {
  const opc = (mainType: string, target: string) =>
    zipSync({
      '[Content_Types].xml': strToU8(
        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/${target}" ContentType="${mainType}"/></Types>`,
      ),
      '_rels/.rels': strToU8(
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`,
      ),
      [target]: strToU8('<document/>'),
    });

  test('a Word document (.docx): input_not_workbook naming Word', async () => {
    const docx = opc(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      'word/document.xml',
    );
    await refusal(docx, 'contrato.docx', 'input_not_workbook', { es: ['documento de Word'], en: ['Word document'] });
  });

  test('a PowerPoint presentation (.pptx): input_not_workbook naming PowerPoint', async () => {
    const pptx = opc(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
      'ppt/presentation.xml',
    );
    await refusal(pptx, 'junta.xlsx', 'input_not_workbook', { es: ['PowerPoint'], en: ['PowerPoint'] });
  });

  test('an Excel binary workbook (.xlsb): input_not_workbook, save as .xlsx', async () => {
    const xlsb = opc('application/vnd.ms-excel.sheet.binary.macroEnabled.main', 'xl/workbook.bin');
    await refusal(xlsb, 'grande.xlsb', 'input_not_workbook', {
      es: ['.xlsb', 'Guardar como'],
      en: ['.xlsb', 'Save As'],
    });
  });

  test('a plain zip of other files: input_not_workbook, extract the workbook if it is inside', async () => {
    const plain = zipSync({ 'leeme.txt': strToU8('hola'), 'datos/ventas.csv': strToU8('a,b\n1,2\n') });
    await refusal(plain, 'paquete.zip', 'input_not_workbook', {
      es: ['ZIP', 'extráigalo'],
      en: ['ZIP', 'extract it'],
    });
  });
});

describe('damaged, empty and unknown files', () => {
  test('an .xlsx cut short (an interrupted download): input_not_xlsx, damaged', async () => {
    const bytes = await sample();
    const h = await refusal(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cortado.xlsx', 'input_not_xlsx', {
      es: ['dañado o incompleto'],
      en: ['damaged or incomplete'],
    });
    expect(h.cause).toBeInstanceOf(Error); // the zip layer's own reason, kept as the technical detail
  });

  test('an empty file: input_not_xlsx saying it is empty', async () => {
    await refusal(new Uint8Array(0), 'vacio.xlsx', 'input_not_xlsx', {
      es: ['vacío (0 bytes)'],
      en: ['empty (0 bytes)'],
    });
  });

  test('random bytes: input_not_xlsx, not a recognised format', async () => {
    const noise = new Uint8Array(4096);
    let s = 1;
    for (let i = 0; i < noise.length; i++) noise[i] = (s = (s * 1103515245 + 12345) & 0x7fffffff) >> 16;
    await refusal(noise, 'ruido.bin', 'input_not_xlsx', { es: ['ni otro formato'], en: ['nor any other'] });
  });

  test('a sheet whose compressed data is damaged is reported when read, naming the file', async () => {
    const bytes = (await sample()).slice();
    const archive = new ZipArchive(bytes);
    const sheet = archive.entry('xl/worksheets/sheet5.xml')!; // the base volumes (Volúmenes base)
    const middle = sheet.dataOffset + Math.floor(sheet.compressedSize / 2);
    bytes.fill(0x55, middle, middle + 64);
    const wb = await openWorkbook(bytes, 'dañado.xlsx'); // opening reads no sheet
    const e = await wb.readTables(['VolumenesBase']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HostError);
    expect((e as HostError).code).toBe('input_not_xlsx');
    expect((e as HostError).es).toContain('«dañado.xlsx» no es un libro .xlsx válido: está dañado o incompleto');
    expect((e as HostError).cause).toBeInstanceOf(Error);
  });

  test('a package without content types or relationships is still read when xl/workbook.xml is there', async () => {
    const parts = unzip(await sample());
    parts.delete('[Content_Types].xml');
    parts.delete('_rels/.rels');
    const wb = await openWorkbook(zip(parts), 'sin-opc.xlsx');
    expect((await wb.readTables(['Clientes'])).get('Clientes')!.rows.length).toBe(8);
  });

  test('a macro-enabled workbook (.xlsm main part) is a workbook like any other', async () => {
    const parts = unzip(await sample());
    edit(parts, '[Content_Types].xml', (x) =>
      must(
        x,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
      ),
    );
    const wb = await openWorkbook(zip(parts), 'macros.xlsm');
    expect(wb.tables().length).toBe(15);
  });
});
