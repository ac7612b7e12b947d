/**
 * What the reader tells the user, in es-MX and English: which file, what it is, and what to do about it. Spanish
 * quotes names «así» and speaks of "usted", as every other message of the add-in.
 */
import type { Text } from '../../../engine/model';

const es = (n: number) => n.toLocaleString('es-MX');
const en = (n: number) => n.toLocaleString('en-US');

export function encryptedText(name: string, rightsManaged: boolean): Text {
  if (rightsManaged) {
    return {
      es: `«${name}» está cifrado por una etiqueta de confidencialidad o permisos restringidos (IRM), y así no se puede leer. En Excel, cambie la etiqueta a una que no cifre (Inicio > Confidencialidad) o quite la restricción (Archivo > Información > Proteger libro > Restringir acceso > Acceso sin restricciones), guarde y vuelva a ejecutar.`,
      en: `"${name}" is encrypted by a sensitivity label or restricted permissions (IRM), so it cannot be read. In Excel, change the label to one that does not encrypt (Home > Sensitivity) or remove the restriction (File > Info > Protect Workbook > Restrict Access > Unrestricted Access), save, and run again.`,
    };
  }
  return {
    es: `«${name}» está protegido con contraseña (cifrado), y así no se puede leer. Quite la contraseña en Excel: Archivo > Información > Proteger libro > Cifrar con contraseña, borre la contraseña, Aceptar y guarde; luego vuelva a ejecutar.`,
    en: `"${name}" is protected with a password (encrypted), so it cannot be read. Remove the password in Excel: File > Info > Protect Workbook > Encrypt with Password, clear the password, OK, and save; then run again.`,
  };
}

export function xlsText(name: string): Text {
  return {
    es: `«${name}» es un libro de Excel 97-2003 (.xls), un formato que no se puede leer. Ábralo en Excel y use Archivo > Guardar como > Libro de Excel (.xlsx); luego ejecute con el archivo .xlsx.`,
    en: `"${name}" is an Excel 97-2003 workbook (.xls), a format that cannot be read. Open it in Excel and use File > Save As > Excel Workbook (.xlsx); then run with the .xlsx file.`,
  };
}

export function odsText(name: string): Text {
  return {
    es: `«${name}» es una hoja de cálculo OpenDocument (.ods, de LibreOffice u OpenOffice), no un libro .xlsx. Ábrala en LibreOffice Calc o en Excel y guárdela como Libro de Excel (.xlsx) (Archivo > Guardar como); luego ejecute con el archivo .xlsx.`,
    en: `"${name}" is an OpenDocument spreadsheet (.ods, from LibreOffice or OpenOffice), not an .xlsx workbook. Open it in LibreOffice Calc or Excel and save it as an Excel Workbook (.xlsx) (File > Save As); then run with the .xlsx file.`,
  };
}

export type TextKind = 'delimited' | 'markup' | 'plain';

export function textFileText(name: string, kind: TextKind): Text {
  if (kind === 'markup') {
    return {
      es: `«${name}» es un archivo de texto (HTML o XML, como los que algunos sistemas exportan con extensión .xls), no un libro .xlsx. Ábralo en Excel y guárdelo como Libro de Excel (.xlsx) (Archivo > Guardar como), con los datos en las tablas de la plantilla; luego ejecute con el archivo .xlsx.`,
      en: `"${name}" is a text file (HTML or XML, as some systems export with an .xls extension), not an .xlsx workbook. Open it in Excel and save it as an Excel Workbook (.xlsx) (File > Save As), with the data in the template's tables; then run with the .xlsx file.`,
    };
  }
  const what =
    kind === 'delimited'
      ? { es: 'un archivo de texto (CSV o separado por tabulaciones)', en: 'a text file (CSV or tab-separated)' }
      : { es: 'un archivo de texto', en: 'a text file' };
  return {
    es: `«${name}» es ${what.es}, no un libro .xlsx: no tiene tablas de Excel. Copie los datos en las tablas de la plantilla (o ábralo en Excel, dé formato de tabla con Insertar > Tabla y el nombre que pide la plantilla) y guárdelo como Libro de Excel (.xlsx); luego ejecute con el archivo .xlsx.`,
    en: `"${name}" is ${what.en}, not an .xlsx workbook: it has no Excel tables. Copy the data into the template's tables (or open it in Excel, format it as a table with Insert > Table and the name the template asks for) and save it as an Excel Workbook (.xlsx); then run with the .xlsx file.`,
  };
}

export type OtherDocument = 'word' | 'powerpoint' | 'xlsb' | 'odf' | 'zip' | 'word97' | 'powerpoint97';

export function notWorkbookText(name: string, what: OtherDocument): Text {
  switch (what) {
    case 'word':
    case 'word97':
      return {
        es: `«${name}» es un documento de Word, no un libro de Excel. Elija el libro .xlsx con las tablas de entrada.`,
        en: `"${name}" is a Word document, not an Excel workbook. Choose the .xlsx workbook with the input tables.`,
      };
    case 'powerpoint':
    case 'powerpoint97':
      return {
        es: `«${name}» es una presentación de PowerPoint, no un libro de Excel. Elija el libro .xlsx con las tablas de entrada.`,
        en: `"${name}" is a PowerPoint presentation, not an Excel workbook. Choose the .xlsx workbook with the input tables.`,
      };
    case 'xlsb':
      return {
        es: `«${name}» es un libro binario de Excel (.xlsb), un formato que no se puede leer. Ábralo en Excel y use Archivo > Guardar como > Libro de Excel (.xlsx); luego ejecute con el archivo .xlsx.`,
        en: `"${name}" is an Excel Binary Workbook (.xlsb), a format that cannot be read. Open it in Excel and use File > Save As > Excel Workbook (.xlsx); then run with the .xlsx file.`,
      };
    case 'odf':
      return {
        es: `«${name}» es un documento OpenDocument que no es una hoja de cálculo. Elija el libro .xlsx con las tablas de entrada.`,
        en: `"${name}" is an OpenDocument file that is not a spreadsheet. Choose the .xlsx workbook with the input tables.`,
      };
    case 'zip':
      return {
        es: `«${name}» es un archivo comprimido (ZIP) que no contiene un libro de Excel. Si el libro está dentro, extráigalo y ejecute con el archivo .xlsx; si no, elija el libro .xlsx con las tablas de entrada.`,
        en: `"${name}" is a compressed (ZIP) file that holds no Excel workbook. If the workbook is inside it, extract it and run with the .xlsx file; otherwise choose the .xlsx workbook with the input tables.`,
      };
  }
}

export type NotXlsxReason = 'empty' | 'damaged' | 'unknown';

export function notXlsxText(name: string, reason: NotXlsxReason): Text {
  switch (reason) {
    case 'empty':
      return {
        es: `«${name}» está vacío (0 bytes). Vuelva a guardar o a descargar el libro y ejecute de nuevo.`,
        en: `"${name}" is empty (0 bytes). Save or download the workbook again and run again.`,
      };
    case 'damaged':
      return {
        es: `«${name}» no es un libro .xlsx válido: está dañado o incompleto (¿se copió o descargó a medias?). Ábralo en Excel: si abre, guárdelo de nuevo como Libro de Excel (.xlsx); si no, vuelva a obtener el archivo.`,
        en: `"${name}" is not a valid .xlsx workbook: it is damaged or incomplete (was it copied or downloaded only in part?). Open it in Excel: if it opens, save it again as an Excel Workbook (.xlsx); if not, get the file again.`,
      };
    case 'unknown':
      return {
        es: `«${name}» no es un libro de Excel (.xlsx) ni otro formato que se reconozca. Verifique que eligió el archivo correcto; si es un libro, ábralo en Excel y guárdelo como Libro de Excel (.xlsx).`,
        en: `"${name}" is not an Excel workbook (.xlsx) nor any other recognised format. Check that you chose the right file; if it is a workbook, open it in Excel and save it as an Excel Workbook (.xlsx).`,
      };
  }
}

export function tooLargeText(name: string, table: string, rows: number, cells: number, limit: number): Text {
  return {
    es: `«${name}» es demasiado grande para una ejecución: la tabla «${table}» tiene ${es(rows)} filas, y las tablas que se leen suman ${es(cells)} celdas, más del límite de ${es(limit)}. Divida el libro (por ejemplo, un archivo por cliente o por año) y ejecute cada parte por separado.`,
    en: `"${name}" is too large for one run: table "${table}" has ${en(rows)} rows, and the tables read add up to ${en(cells)} cells, over the limit of ${en(limit)}. Split the workbook (for example, one file per customer or per year) and run each part separately.`,
  };
}
