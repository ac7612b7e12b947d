/**
 * Input tables written as a NEW workbook (an agreed scenario exported as the next base), as workbookOfTables of
 * src/hosts/xlsx/export.ts did: each table on its sheet at the place it had (header row and first column), an Excel
 * table with its headers and rows, the number formats of the contract's column types (fractions 0.0%, money
 * $#,##0.00, dates yyyy-mm-dd) and columns at least as wide as their header. Nothing of the user's workbook is read.
 */
import { matchTableName } from '../../../workbook/contract/specs';
import { DROP_DOWN_ROWS, fitsLiteralList, LISTS_SHEET, TEMPLATE_FORMATS } from '../../../workbook/template';
import { headerKeys } from '../../../workbook/contract/table';
import { squash } from '../../../workbook/contract/normalize';
import { isValidSheetName } from '../../../workbook/results/tables';
import { HostError, type CellValue, type TableGrid } from '../../../workbook/port';
import type { CellInput } from './cells';
import { WorkbookPackage, type PackageOptions } from './package';
import {
  renderWorksheet,
  tableHeaders,
  type CellSpec,
  type ColumnSpec,
  type DataValidationSpec,
  type RowSpec,
  type TableSpec,
} from './worksheet';
import { letters } from './cells';
import type { ZipSink } from './zip';

const FORMAT = TEMPLATE_FORMATS;
/** A date with no format of its column still shows as a date. */
const DATE_FORMAT = 'yyyy-mm-dd';

/** A value of an input table as written: errors and formulas without a value are not input data (left blank). */
function cellOf(v: CellValue | undefined): CellInput {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date)) return null;
  return v;
}

function invalid(es: string, en: string): HostError {
  return new HostError('export_inputs_invalid', {
    es: `${es}; no se escribió nada.`,
    en: `${en}; nothing was written.`,
  });
}

/** The cells a table takes: its header row and its data rows (at least one: an empty table gets a blank row). */
function areaOf(g: TableGrid): { top: number; left: number; bottom: number; right: number } {
  return {
    top: g.headerRow,
    left: g.firstColumn,
    bottom: g.headerRow + Math.max(1, g.rows.length),
    right: g.firstColumn + g.headers.length - 1,
  };
}

function overlaps(a: ReturnType<typeof areaOf>, b: ReturnType<typeof areaOf>): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export interface TablesPackageOptions extends PackageOptions {
  /**
   * Drop-down lists (list data validation) per table name, by 0-based column (the template's: dropDownsOf in
   * src/workbook/template.ts), over the table's data rows and DROP_DOWN_ROWS more, so rows typed below get them too.
   * Lists too long for a literal (255 characters) are read from a hidden sheet.
   */
  dropDowns?: ReadonlyMap<string, readonly { column: number; values: readonly string[] }[]>;
}

export async function writeTablesPackage(
  grids: readonly TableGrid[],
  sink: ZipSink,
  options: TablesPackageOptions = {},
): Promise<{ sheetsWritten: string[]; tablesWritten: number; bytes: number }> {
  if (grids.length === 0) throw invalid('No hay tablas que exportar', 'There are no tables to export');
  const names = new Set<string>();
  const sheets = new Map<string, TableGrid[]>();
  for (const g of grids) {
    if (names.has(g.name.toLowerCase())) {
      throw invalid(`La tabla «${g.name}» aparece dos veces`, `Table "${g.name}" appears twice`);
    }
    names.add(g.name.toLowerCase());
    if (!isValidSheetName(g.sheet)) {
      throw invalid(
        `«${g.sheet}» no es un nombre de hoja válido en Excel`,
        `"${g.sheet}" is not a valid Excel sheet name`,
      );
    }
    if (g.headers.length === 0) {
      throw invalid(`La tabla «${g.name}» no tiene columnas`, `Table "${g.name}" has no columns`);
    }
    const key = g.sheet.toLowerCase();
    const other = sheets.get(key)?.find((t) => overlaps(areaOf(t), areaOf(g)));
    if (other) {
      throw invalid(
        `Las tablas «${other.name}» y «${g.name}» ocupan las mismas celdas de la hoja «${g.sheet}»`,
        `Tables "${other.name}" and "${g.name}" take the same cells of sheet "${g.sheet}"`,
      );
    }
    sheets.set(key, [...(sheets.get(key) ?? []), g]);
  }
  const pkg = new WorkbookPackage(sink, options);
  const { styles } = pkg.context;
  let selected = true;
  const longLists: string[][] = [];
  for (const tables of sheets.values()) {
    const rows = new Map<number, CellSpec[]>();
    const widths = new Map<number, number>();
    const specs: TableSpec[] = [];
    const validations: DataValidationSpec[] = [];
    let bottom = 1;
    let right = 1;
    for (const g of tables) {
      const spec = matchTableName(g.name)?.spec;
      const keys = spec ? headerKeys(spec) : undefined;
      const headers = tableHeaders(g.headers);
      const put = (row: number, cell: CellSpec) => {
        const list = rows.get(row);
        if (list) list.push(cell);
        else rows.set(row, [cell]);
      };
      const formats = g.headers.map((h) => {
        const type = keys?.get(squash(h))?.type;
        const fmt = type ? FORMAT[type] : undefined;
        return fmt ? styles.register({ numFmt: fmt }) : undefined;
      });
      const dateStyle = styles.register({ numFmt: DATE_FORMAT });
      headers.forEach((h, j) => {
        const col = g.firstColumn + j;
        put(g.headerRow, { col, value: h });
        widths.set(col, Math.max(widths.get(col) ?? 0, Math.min(40, g.headers[j].length + 4)));
      });
      // An Excel table holds at least one data row: an empty table gets one blank row (the contract skips it).
      const n = Math.max(1, g.rows.length);
      for (let i = 0; i < n; i++) {
        const r = g.rows[i] ?? [];
        for (let j = 0; j < headers.length; j++) {
          const value = cellOf(r[j]);
          const style = formats[j] ?? (value instanceof Date ? dateStyle : undefined);
          if ((value !== null && value !== undefined) || style !== undefined) {
            put(g.headerRow + 1 + i, { col: g.firstColumn + j, value, style });
          }
        }
      }
      specs.push({ name: g.name, top: g.headerRow, left: g.firstColumn, headers, dataRows: n });
      for (const d of options.dropDowns?.get(g.name) ?? []) {
        const spanish = matchTableName(g.name)?.spanish ?? true;
        const values = [...d.values];
        const col = letters(g.firstColumn + d.column);
        const sqref = `${col}${g.headerRow + 1}:${col}${g.headerRow + n + DROP_DOWN_ROWS}`;
        const literal = fitsLiteralList(values);
        let source: string | undefined;
        if (!literal) {
          longLists.push(values);
          const c = letters(longLists.length);
          source = `${LISTS_SHEET}!$${c}$1:$${c}$${values.length}`;
        }
        validations.push({
          sqref,
          type: 'list',
          ...(literal ? { values } : { source }),
          error: {
            style: 'stop',
            title: spanish ? 'Valor no permitido' : 'Value not allowed',
            message: spanish
              ? `Elija un valor de la lista: ${values.join(', ')}.`
              : `Pick a value from the list: ${values.join(', ')}.`,
          },
        });
      }
      bottom = Math.max(bottom, g.headerRow + n);
      right = Math.max(right, g.firstColumn + headers.length - 1);
    }
    const ordered: RowSpec[] = [...rows.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([row, cells]) => ({ row, cells: cells.sort((a, b) => a.col - b.col) }));
    const columns: ColumnSpec[] = [...widths.entries()].map(([min, width]) => ({ min, width }));
    const rendered = renderWorksheet(
      {
        name: tables[0].sheet,
        selected,
        dimension: `A1:${letters(right)}${bottom}`,
        columns,
        rows: ordered,
        tables: specs,
        validations,
      },
      pkg.context,
    );
    selected = false;
    await pkg.addSheet(rendered);
  }
  if (longLists.length > 0) {
    // One column per list, hidden: the drop-downs read it; the contract never does (it holds no table).
    const height = Math.max(...longLists.map((l) => l.length));
    const listRows: RowSpec[] = [];
    for (let r = 1; r <= height; r++) {
      const cells: CellSpec[] = [];
      longLists.forEach((l, j) => {
        if (r <= l.length) cells.push({ col: j + 1, value: l[r - 1] });
      });
      listRows.push({ row: r, cells });
    }
    await pkg.addSheet(
      renderWorksheet(
        {
          name: LISTS_SHEET,
          state: 'hidden',
          dimension: `A1:${letters(longLists.length)}${height}`,
          rows: listRows,
        },
        pkg.context,
      ),
    );
  }
  const { bytes } = await pkg.finish();
  return { sheetsWritten: [...sheets.values()].map((t) => t[0].sheet), tablesWritten: grids.length, bytes };
}
