/** A stable serialisation of input tables for their fingerprint (the same grids always give the same bytes). */
import { isCellError, type CellValue, type TableGrid } from '../../workbook/port';

function cellJson(v: CellValue): unknown {
  if (v instanceof Date) return { date: v.toISOString() };
  if (isCellError(v)) return { error: v.error };
  return v;
}

/** UTF-8 bytes of the tables, ordered by name (case-insensitive), each with its place, headers and rows. */
export function tablesBytes(tables: Iterable<TableGrid>): Uint8Array {
  const sorted = [...tables].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  const json = JSON.stringify(
    sorted.map((t) => [t.name, t.sheet, t.headerRow, t.firstColumn, t.headers, t.rows.map((r) => r.map(cellJson))]),
  );
  return new TextEncoder().encode(json);
}
