/** Shared fixtures of the office host tests: seeded input tables, a realistic results plan, a host on a fake. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FakeExcel, type FakeExcelOptions, type SeedTable } from '../fakes/excel';
import { OfficeHost } from '../../src/hosts/office';
import type { ResultColumn, ResultsPlan } from '../../src/workbook/port';

export const SAMPLE_PATH = join(__dirname, '..', '..', 'assets', 'sample-trade-terms.xlsx');

/** Small Mexican input tables on three sheets (used while the bundled sample does not exist, and for exact checks). */
export const SMALL_INPUTS: SeedTable[] = [
  {
    name: 'Customers',
    sheet: 'Clientes',
    headerRow: 3,
    firstColumn: 2,
    headers: ['Id', 'Nombre', 'Canal', 'Días de crédito', 'Centralización'],
    rows: [
      ['WMT', 'Walmart de México', 'moderno', 60, 0.8],
      ['OXXO', 'OXXO', 'conveniencia', 30, 1],
      ['MELI', 'Mercado Libre', 'e-commerce', 15, null],
    ],
  },
  {
    name: 'Products',
    sheet: 'Productos',
    headers: ['SKU', 'Descripción', 'Costo unitario', 'IVA'],
    rows: [
      ['7501055300075', 'Papas 45 g', 6.1, 0],
      ['7501055300082', 'Refresco 600 ml', 7.35, 0.16],
    ],
  },
  {
    name: 'BaseVolumes',
    sheet: 'Volúmenes',
    headers: ['Cliente', 'SKU', 'Periodo', 'Volumen base', 'Precio de lista'],
    rows: [
      ['WMT', '7501055300075', '2026-01', 12000, 9.5],
      ['WMT', '7501055300082', '2026-01', 8000, { error: '#N/A' }],
      ['OXXO', '7501055300075', '2026-01', 5000, 9.9],
    ],
  },
];

export function fakeWithSmallInputs(options: FakeExcelOptions = {}): FakeExcel {
  const fake = new FakeExcel({ sheets: ['Portada'], ...options });
  for (const t of SMALL_INPUTS) fake.seedTable(t);
  return fake;
}

export function hostOn(fake: FakeExcel, extra: Partial<ConstructorParameters<typeof OfficeHost>[0]> = {}): OfficeHost {
  return new OfficeHost({
    run: fake.run,
    requirements: fake.requirements,
    createWorkbook: fake.createWorkbook,
    ...extra,
  });
}

/** Every table of an .xlsx file (the bundled sample) as seed tables, with ExcelJS's cached formula results. */
export async function seedTablesFromXlsx(path: string): Promise<SeedTable[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: SeedTable[] = [];
  wb.eachSheet((ws) => {
    for (const t of ws.getTables() as unknown as { table: { name: string; tableRef?: string; ref?: string } }[]) {
      const ref = t.table.tableRef ?? t.table.ref ?? '';
      const [a, b] = ref.split(':');
      const tl = ws.getCell(a);
      const br = ws.getCell(b);
      const r0 = Number(tl.row);
      const c0 = Number(tl.col);
      const r1 = Number(br.row);
      const c1 = Number(br.col);
      const value = (r: number, c: number): SeedTable['rows'][number][number] => {
        const cell = ws.getCell(r, c);
        const v = cell.value as unknown;
        const raw =
          v && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)
            ? cell.result
            : v;
        if (raw === undefined || raw === null) return null;
        if (raw instanceof Date || typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean')
          return raw;
        if (typeof raw === 'object' && 'error' in raw) return { error: String(raw.error) };
        if (typeof raw === 'object' && 'richText' in raw) {
          return (raw as { richText: { text: string }[] }).richText.map((x) => x.text).join('');
        }
        return JSON.stringify(raw);
      };
      const headers: string[] = [];
      for (let c = c0; c <= c1; c++) {
        const h = value(r0, c);
        headers.push(h === null ? '' : typeof h === 'string' ? h : JSON.stringify(h));
      }
      const rows: SeedTable['rows'] = [];
      for (let r = r0 + 1; r <= r1; r++) {
        const row: SeedTable['rows'][number] = [];
        for (let c = c0; c <= c1; c++) row.push(value(r, c));
        rows.push(row);
      }
      out.push({ name: t.table.name, sheet: ws.name, headerRow: r0, firstColumn: c0, headers, rows });
    }
  });
  return out;
}

/** The tables of the bundled sample workbook (assets/sample-trade-terms.xlsx, made by `npm run sample`). */
export async function sampleTables(): Promise<SeedTable[]> {
  if (!existsSync(SAMPLE_PATH)) throw new Error(`${SAMPLE_PATH} is missing: run \`npm run sample\``);
  return seedTablesFromXlsx(SAMPLE_PATH);
}

// ------------------------------------------------------------------------------------------------ results plan

const col = (id: string, header: string, numberFormat: string, width?: number): ResultColumn => ({
  id,
  header,
  format: numberFormat === 'General' ? 'text' : 'mxn',
  numberFormat,
  width,
});

export const MXN = '"$"#,##0.00';
export const PCT = '0.0%';

/**
 * A realistic plan: a titled per-unit waterfall (levels and signed steps) with its chart, a P&L by customer with
 * live formulas and a bold total row, and accruals by period ("2026-01" must stay text).
 * Placement (results-layout): a titled first table has its title in row 1 and its header in row 3.
 */
export function realisticPlan(): ResultsPlan {
  return {
    sheets: [
      {
        role: 'test_sheet_128',
        name: 'TT Cascada',
        freezeHeader: true,
        tables: [
          {
            name: 'ttm_Waterfall',
            title: 'Cascada de precio por unidad — Walmart de México',
            columns: [col('step', 'Concepto', 'General', 28), col('per_unit', 'MXN por unidad', MXN)],
            rows: [
              ['Precio de lista', 100],
              ['Descuento en factura', -10],
              ['Precio factura', 90],
              ['Fuera de factura', -15],
              ['Precio pocket', 75],
              ['Costo', -40],
              ['Margen pocket', 35],
            ],
            totalRows: [2, 4, 6],
          },
        ],
        charts: [
          {
            kind: 'waterfall',
            title: 'Cascada Walmart de México',
            table: 'ttm_Waterfall',
            categoryColumn: 'step',
            valueColumn: 'per_unit',
          },
        ],
      },
      {
        role: 'test_sheet_158',
        name: 'TT P&L',
        freezeHeader: true,
        tables: [
          {
            name: 'ttm_PnlByCustomer',
            columns: [
              col('customer', 'Cliente', 'General'),
              col('gross_sales', 'Venta bruta', MXN),
              col('trade_spend', 'Inversión comercial', MXN),
              col('net_sales', 'Venta neta', MXN),
              col('trade_spend_pct', '% inversión', PCT),
            ],
            rows: [
              [
                'Walmart de México',
                1_000_000,
                180_000,
                { formula: '=B2-C2', result: 820_000 },
                { formula: '=C2/B2', result: 0.18 },
              ],
              ['OXXO', 500_000, 60_000, { formula: '=B3-C3', result: 440_000 }, { formula: '=C3/B3', result: 0.12 }],
              [
                'Total',
                { formula: '=SUM(B2:B3)', result: 1_500_000 },
                { formula: '=SUM(C2:C3)', result: 240_000 },
                { formula: '=SUM(D2:D3)', result: 1_260_000 },
                { formula: '=C4/B4', result: 0.16 },
              ],
            ],
            totalRows: [2],
          },
        ],
      },
      {
        role: 'test_sheet_192',
        name: 'TT Provisiones',
        freezeHeader: false,
        tables: [
          {
            name: 'ttm_Accruals',
            title: 'Provisiones por periodo',
            columns: [
              col('term', 'Término', 'General'),
              col('period', 'Periodo', 'General'),
              col('accrual', 'Provisión', MXN),
            ],
            rows: [
              ['WMT-01', '2026-01', 12_345.67],
              ['WMT-01', '2026-02', 0],
            ],
          },
          {
            name: 'ttm_AccrualNotes',
            columns: [col('note', 'Nota', 'General')],
            rows: [],
          },
        ],
      },
    ],
  };
}
