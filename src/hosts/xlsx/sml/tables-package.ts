/**
 * Input tables written as a NEW workbook (an agreed scenario exported as the next base), as workbookOfTables of
 * src/hosts/xlsx/export.ts did: each table on its sheet at the place it had (header row and first column), an Excel
 * table with its headers and rows, the number formats of the contract's column types (fractions 0.0%, money
 * $#,##0.00, dates yyyy-mm-dd) and columns at least as wide as their header. Nothing of the user's workbook is read.
 */
import { matchTableName, type ColumnSpec as ContractColumn } from '../../../workbook/contract/specs';
import { headerKeys } from '../../../workbook/contract/table';
import { squash } from '../../../workbook/contract/normalize';
import { isValidSheetName } from '../../../workbook/results-layout';
import { HostError, type CellValue, type TableGrid } from '../../../workbook/port';
import type { CellInput } from './cells';
import { WorkbookPackage, type PackageOptions } from './package';
import {
  renderWorksheet,
  tableHeaders,
  type CellSpec,
  type ColumnSpec,
  type RowSpec,
  type TableSpec,
} from './worksheet';
import { letters } from './cells';
import type { ZipSink } from './zip';

const FORMAT: Partial<Record<ContractColumn['type'], string>> = {
  fraction: '0.0%',
  money: '$#,##0.00',
  date: 'yyyy-mm-dd',
};
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

export async function writeTablesPackage(
  grids: readonly TableGrid[],
  sink: ZipSink,
  options: PackageOptions = {},
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
    const key = g.sheet.toLowerCase();
    sheets.set(key, [...(sheets.get(key) ?? []), g]);
  }
  const pkg = new WorkbookPackage(sink, options);
  const { styles } = pkg.context;
  let selected = true;
  for (const tables of sheets.values()) {
    const rows = new Map<number, CellSpec[]>();
    const widths = new Map<number, number>();
    const specs: TableSpec[] = [];
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
      },
      pkg.context,
    );
    selected = false;
    await pkg.addSheet(rendered);
  }
  const { bytes } = await pkg.finish();
  return { sheetsWritten: [...sheets.values()].map((t) => t[0].sheet), tablesWritten: grids.length, bytes };
}
