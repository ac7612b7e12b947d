/**
 * Test helper: the tiny hand-computed model of test/xlsx/fixture.ts as a real input workbook (Spanish table names
 * and headers, tables on their own sheets), written with ExcelJS. `edit` lets a test break cells before saving.
 */
import ExcelJS from 'exceljs';

type Cell = string | number | boolean | Date | null;

export interface InputTable {
  name: string;
  sheet: string;
  headers: string[];
  rows: Cell[][];
}

export function tinyInputTables(): InputTable[] {
  const agreed = new Date(Date.UTC(2026, 0, 15));
  const term = (
    id: string,
    customer: string,
    kind: string,
    onInvoice: string,
    basis: string,
    rate: number,
    extra: Partial<Record<string, Cell>> = {},
  ) => [
    id,
    customer,
    kind,
    onInvoice,
    basis,
    rate,
    extra.allocation ?? null,
    '2026-01',
    '2026-02',
    extra.method ?? null,
    extra.measure ?? null,
    extra.agreed === undefined ? agreed : extra.agreed,
    extra.evidence === undefined ? 'carta 2026' : extra.evidence,
  ];
  return [
    {
      name: 'Parametros',
      sheet: 'Parámetros',
      headers: ['Parámetro', 'Valor'],
      rows: [
        ['Año fiscal', 2026],
        ['Periodicidad', 'mensual'],
        ['Costo de capital', 0.1],
        ['Ubicación del costo de servir', 'debajo'],
        ['Política de escalón interino', 'pronóstico de cierre'],
        ['Días del año', 365],
      ],
    },
    {
      name: 'Clientes',
      sheet: 'Clientes',
      headers: ['ID cliente', 'Nombre', 'Canal', 'Días de crédito', 'Participación CEDIS'],
      rows: [
        ['WMT', 'Walmart de México', 'moderno', 73, 0],
        ['OXXO', 'OXXO', 'conveniencia', 0, 0],
      ],
    },
    {
      name: 'Productos',
      sheet: 'Productos',
      headers: [
        'SKU',
        'Descripción',
        'Categoría',
        'Marca',
        'Costo por unidad',
        'Tasa IVA',
        'Tipo IEPS',
        'Tasa o cuota IEPS',
      ],
      rows: [
        ['P1', 'Producto P1', 'Botanas', 'Marca', 6, 0, 'sin IEPS', 0],
        ['P2', 'Producto P2', 'Botanas', 'Marca', 12, 0, 'sin IEPS', 0],
      ],
    },
    {
      name: 'VolumenesBase',
      sheet: 'Volúmenes base',
      headers: ['ID cliente', 'SKU', 'Periodo', 'Volumen base', 'Precio de lista'],
      rows: [
        ['WMT', 'P1', '2026-01', 100, 10],
        ['WMT', 'P1', '2026-02', 100, 10],
        ['WMT', 'P2', '2026-01', 50, 20],
        ['WMT', 'P2', '2026-02', 50, 20],
        ['OXXO', 'P1', '2026-01', 30, 10],
        ['OXXO', 'P1', '2026-02', 30, 10],
        ['OXXO', 'P2', '2026-01', 0, 20],
        ['OXXO', 'P2', '2026-02', 0, 20],
      ],
    },
    {
      name: 'Condiciones',
      sheet: 'Condiciones',
      headers: [
        'ID condición',
        'ID cliente',
        'Tipo',
        'En factura',
        'Base',
        'Tasa o monto',
        'Asignación',
        'Periodo desde',
        'Periodo hasta',
        'Método de escalones',
        'Medida de escalones',
        'Fecha de acuerdo',
        'Referencia de evidencia',
      ],
      rows: [
        term('WMT-01', 'WMT', 'descuento en factura', 'sí', 'venta bruta', 0.05),
        term('WMT-02', 'WMT', 'bono por volumen', 'no', 'venta factura', 0.02),
        term('OXXO-01', 'OXXO', 'cuota de alta', 'no', 'monto fijo', 300, {
          allocation: 'volumen',
          agreed: null,
          evidence: null,
        }),
        term('OXXO-02', 'OXXO', 'bono por volumen', 'no', 'venta bruta', 0, {
          method: 'todas las unidades',
          measure: 'volumen',
        }),
      ],
    },
    {
      name: 'Escalones',
      sheet: 'Condiciones',
      headers: ['ID condición', 'Desde', 'Hasta', 'Tasa'],
      rows: [
        ['OXXO-02', 0, 50, 0.01],
        ['OXXO-02', 50, null, 0.03],
      ],
    },
    {
      name: 'CostoServir',
      sheet: 'Costo de servir',
      headers: ['ID cliente', 'Tipo', 'Base', 'Tasa o monto', 'Asignación', 'Periodo desde', 'Periodo hasta'],
      rows: [['WMT', 'flete', 'volumen', 0.5, 'volumen', '2026-01', '2026-02']],
    },
  ];
}

/** Writes tables to an .xlsx; tables sharing a sheet are placed side by side with a blank column between. */
export async function writeInputWorkbook(file: string, tables: InputTable[] = tinyInputTables()): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const nextColumn = new Map<string, number>();
  for (const t of tables) {
    const ws = wb.getWorksheet(t.sheet) ?? wb.addWorksheet(t.sheet);
    const col = nextColumn.get(t.sheet) ?? 1;
    ws.addTable({
      name: t.name,
      ref: `${String.fromCharCode(64 + col)}1`,
      columns: t.headers.map((name) => ({ name, filterButton: true })),
      rows: t.rows,
    });
    t.rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v instanceof Date) ws.getCell(i + 2, col + j).numFmt = 'yyyy-mm-dd';
      }),
    );
    nextColumn.set(t.sheet, col + t.headers.length + 1);
  }
  await wb.xlsx.writeFile(file);
}

type Metrics = Record<string, number | null>;

/** The parts of the CLI's `--json` document the tests read (the CLI builds it as plain data; the tests pin its shape). */
export interface JsonDoc {
  ok: boolean;
  output: string;
  portfolio: Metrics;
  customers: { id: string; metrics: Metrics; products: { sku: string; metrics: Metrics }[] }[];
  terms: { termId: string; metrics: Metrics }[];
  metrics: { id: string }[];
  findings: { code: string }[];
  accruals: { metrics: { true_up: number } }[];
  settings: Record<string, unknown>;
  settingsNotUsedYet: { id: string; es: string; en: string }[];
  errors: { code: string; address: string; sheet: string; table: string; row: number; count: number }[];
  totals: { errors: number; causes: number; warnings: number; warningCauses: number; explained: number };
}

export const parseJsonDoc = (stdout: string): JsonDoc => JSON.parse(stdout) as JsonDoc;
