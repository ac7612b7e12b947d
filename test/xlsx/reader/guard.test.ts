/**
 * What reading costs: the size guard works from the table ranges alone (no sheet part decompressed), a sheet that
 * holds no requested table is never decompressed, and each sheet is streamed once.
 */
import {
  DEFAULT_MAX_CELLS,
  maxCellsForHeap,
  openWorkbook,
  readTablesFromBytes,
  ZipArchive,
} from '../../../src/hosts/xlsx/reader';
import { HostError } from '../../../src/workbook/port';
import { handmadePackage, recordingInflater, rowsXml, zip } from './package-edit';

const sheetParts = (inflated: readonly string[]) => inflated.filter((n) => n.startsWith('xl/worksheets/sheet'));

describe('input_too_large, before any cell is read', () => {
  /** Two tables of 1,000,000 data rows each by their ranges (2,000,000 rows); the sheets hold three rows. */
  const huge = () =>
    zip(
      handmadePackage([
        {
          name: 'Volúmenes 2025',
          xml: rowsXml(1, 3, (r) => (r === 1 ? ['SKU', 'Cliente', 'Unidades'] : ['P1', 'WMT', r])),
          tables: [{ name: 'VolumenesBase', ref: 'A1:C1000001', columns: ['SKU', 'Cliente', 'Unidades'] }],
        },
        {
          name: 'Volúmenes 2026',
          xml: rowsXml(1, 3, (r) => (r === 1 ? ['SKU', 'Cliente', 'Unidades'] : ['P1', 'WMT', r])),
          tables: [{ name: 'Volumenes2026', ref: 'A1:C1000001', columns: ['SKU', 'Cliente', 'Unidades'] }],
        },
      ]),
    );

  test('2,000,000 rows over a small limit: the table, its rows, the total and the limit, and what to do', async () => {
    const { inflater, inflated } = recordingInflater();
    const wb = await openWorkbook(huge(), 'historia.xlsx', { inflate: inflater, maxCells: 5_000_000 });
    const error = await wb.readTables(['VolumenesBase', 'Volumenes2026']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    const h = error as HostError;
    expect(h.code).toBe('input_too_large');
    expect(h.es).toContain('«historia.xlsx»');
    expect(h.es).toContain('«VolumenesBase» tiene 1,000,000 filas');
    expect(h.es).toContain('6,000,006 celdas');
    expect(h.es).toContain('límite de 5,000,000');
    expect(h.es).toMatch(/por cliente o por año/);
    expect(h.en).toContain('"historia.xlsx"');
    expect(h.en).toContain('"VolumenesBase" has 1,000,000 rows');
    expect(h.en).toContain('6,000,006 cells');
    expect(h.en).toContain('limit of 5,000,000');
    expect(h.en).toMatch(/per customer or per year/);
    // Nothing but the small parts was decompressed: no sheet, not even the shared strings or styles.
    expect(sheetParts(inflated)).toEqual([]);
    expect(inflated).not.toContain('xl/sharedStrings.xml');
  });

  test('under the limit the same workbook reads (the ranges, not the rows present, are counted)', async () => {
    const grids = await readTablesFromBytes(huge(), 'historia.xlsx', ['VolumenesBase'], { maxCells: 3_000_003 });
    expect(grids.get('VolumenesBase')!.rows).toEqual([
      ['P1', 'WMT', 2],
      ['P1', 'WMT', 3],
    ]);
  });

  test('one table alone over the limit is refused too; tables not asked for do not count', async () => {
    const e = await readTablesFromBytes(huge(), 'h.xlsx', ['Volumenes2026'], { maxCells: 3_000_002 }).catch(
      (x: unknown) => x,
    );
    expect((e as HostError).code).toBe('input_too_large');
    expect((e as HostError).en).toContain('"Volumenes2026" has 1,000,000 rows');
  });

  test('onCells hears the cells of the tables asked for, before any sheet is decompressed; not when refused', async () => {
    const { inflater, inflated } = recordingInflater();
    const heard: { cells: number; sheetsInflated: number }[] = [];
    const onCells = (cells: number) => heard.push({ cells, sheetsInflated: sheetParts(inflated).length });
    const wb = await openWorkbook(huge(), 'historia.xlsx', { inflate: inflater, maxCells: 3_000_003, onCells });
    await wb.readTables(['Volumenes2026']);
    // A1:C1000001: 1,000,001 rows (header included) × 3 columns.
    expect(heard).toEqual([{ cells: 3_000_003, sheetsInflated: 0 }]);
    expect(sheetParts(inflated)).toHaveLength(1);
    // Both tables are over the limit: refused, and nobody is told a size that will not be read.
    await expect(wb.readTables(['VolumenesBase', 'Volumenes2026'])).rejects.toBeInstanceOf(HostError);
    expect(heard).toHaveLength(1);
  });

  test('an open range is told by the cells it read, after reading it (its size is unknown before)', async () => {
    const heard: number[] = [];
    const wb = await openWorkbook(huge(), 'historia.xlsx', { onCells: (cells) => heard.push(cells) });
    const grids = await wb.readRanges([
      { ref: "'Volúmenes 2025'!A1:C", sheet: 'Volúmenes 2025', top: 1, left: 1, right: 3, bottom: null },
    ]);
    expect(grids.get("'Volúmenes 2025'!A1:C")!.rows).toHaveLength(2);
    // Nothing sized before reading; then the header and two rows of three columns.
    expect(heard).toEqual([0, 9]);
  });

  test('the default limit, and the limit a heap affords', () => {
    expect(DEFAULT_MAX_CELLS).toBe(40_000_000);
    expect(maxCellsForHeap(4 * 1024 ** 3)).toBe(42_949_672);
    expect(maxCellsForHeap(0)).toBe(1);
  });
});

describe('only the sheets holding requested tables are decompressed, once each', () => {
  test('a 60,000-row sheet nobody asked for is never decompressed (even when its data is corrupt)', async () => {
    const history = rowsXml(1, 60_000, (r) =>
      r === 1 ? ['Fecha', 'Cliente', 'Importe'] : [45000 + (r % 365), `C${r % 50}`, r * 1.5],
    );
    const parts = handmadePackage([
      { name: 'Léeme', xml: rowsXml(1, 2, () => ['Instrucciones']) },
      {
        name: 'Historial',
        xml: history,
        tables: [{ name: 'Historial', ref: 'A1:C60000', columns: ['Fecha', 'Cliente', 'Importe'] }],
      },
      {
        name: 'Clientes',
        xml: rowsXml(1, 3, (r) => (r === 1 ? ['ID', 'Días'] : [`C${r}`, r * 10])),
        tables: [{ name: 'Clientes', ref: 'A1:B3', columns: ['ID', 'Días'] }],
      },
    ]);
    const bytes = zip(parts);
    // Destroy the middle of the unrelated sheet's compressed data: reading it would fail.
    const archive = new ZipArchive(bytes);
    const entry = archive.entry('xl/worksheets/sheet2.xml')!;
    expect(entry.compressedSize).toBeGreaterThan(50_000);
    const damaged = bytes.slice();
    damaged.fill(0, entry.dataOffset + 1000, entry.dataOffset + entry.compressedSize - 1000);

    const { inflater, inflated } = recordingInflater();
    const wb = await openWorkbook(damaged, 'con-historial.xlsx', { inflate: inflater });
    expect(wb.tables()).toEqual([
      { name: 'Historial', sheet: 'Historial', rowCount: 59_999 },
      { name: 'Clientes', sheet: 'Clientes', rowCount: 2 },
    ]);
    const grids = await wb.readTables(['Clientes']);
    expect(grids.get('Clientes')!.rows).toEqual([
      ['C2', 20],
      ['C3', 30],
    ]);
    expect(sheetParts(inflated)).toEqual(['xl/worksheets/sheet3.xml']);
    expect(inflated.filter((n) => n.endsWith('.rels')).sort()).toEqual([
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/_rels/sheet2.xml.rels',
      'xl/worksheets/_rels/sheet3.xml.rels',
    ]);
  });

  test('a table asked for twice (two spellings) is read from one pass over its sheet', async () => {
    const parts = handmadePackage([
      {
        name: 'Historial',
        xml: rowsXml(1, 5000, (r) => (r === 1 ? ['Fecha', 'Importe'] : [45000 + r, r])),
        tables: [{ name: 'Historial', ref: 'A1:B5000', columns: ['Fecha', 'Importe'] }],
      },
    ]);
    const { inflater, inflated } = recordingInflater();
    const grids = await readTablesFromBytes(zip(parts), 'h.xlsx', ['Historial', 'HISTORIAL'], { inflate: inflater });
    expect(grids.get('Historial')!.rows).toHaveLength(4999);
    expect(sheetParts(inflated)).toEqual(['xl/worksheets/sheet1.xml']);
  });
});
