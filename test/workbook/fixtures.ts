/** A small valid contract workbook as in-memory grids (Spanish names, as the users write them), and editors. */
import type { CellValue, TableGrid } from '../../src/workbook/port';
import { parseModel, type ContractError } from '../../src/workbook/contract';

type Row = Record<string, CellValue>;

export function grid(
  name: string,
  sheet: string,
  headers: string[],
  rows: Row[] | CellValue[][],
  headerRow = 1,
  firstColumn = 1,
): TableGrid {
  const cells = rows.map((r) => (Array.isArray(r) ? r : headers.map((h) => (h in r ? r[h] : null))));
  return { name, sheet, headerRow, firstColumn, headers, rows: cells };
}

export const TERM_HEADERS = [
  'ID condición',
  'ID cliente',
  'Tipo',
  'En factura',
  'Base',
  'Tasa o monto',
  'Asignación',
  'Alcance',
  'Valores del alcance',
  'Periodo desde',
  'Periodo hasta',
  'Método de escalones',
  'Medida de escalones',
  'Crecimiento pagado sobre',
  'Precio neutral',
  'Medida de condición',
  'Meta',
  'Logrado (manual)',
  'Fecha de acuerdo',
  'Referencia de evidencia',
  'Descripción',
];

export const VOLUME_HEADERS = [
  'ID cliente',
  'SKU',
  'Periodo',
  'Volumen base',
  'Volumen real',
  'Precio de lista',
  'Volumen año anterior',
  'Precio de lista año anterior',
];

/**
 * Two customers, three SKUs, January–March 2026. BaseVolumes is deliberately out of order (OXXO first, March
 * before January) so the parser's sort is exercised. The table starts at B3 on a sheet whose name has a space.
 */
export function workbook(): Map<string, TableGrid> {
  const tables: TableGrid[] = [
    grid(
      'Parametros',
      'Parámetros',
      ['Parámetro', 'Valor', 'Descripción'],
      [
        ['Año fiscal', 2026, 'Año del plan'],
        ['Periodicidad', 'mensual', null],
        ['Costo de capital', '12%', null],
        ['Ubicación del costo de servir', 'dentro', null],
        ['Política de escalón interino', 'nivel alcanzado', null],
        ['Días del año', 360, null],
      ],
    ),
    grid(
      'Clientes',
      'Clientes',
      ['ID cliente', 'Nombre', 'Canal', 'Días de crédito', 'Participación CEDIS'],
      [
        ['WMX', 'Walmart de México', 'moderno', 90, 0.9],
        ['OXXO', 'Cadena Comercial OXXO', 'Conveniencia', 30, null],
      ],
    ),
    grid(
      'Productos',
      'Productos',
      [
        'SKU',
        'Descripción',
        'Categoría',
        'Marca',
        'Presentación',
        'Litros por unidad',
        'Kg por unidad',
        'Costo por unidad',
        'Tasa IVA',
        'Tipo IEPS',
        'Tasa o cuota IEPS',
      ],
      [
        ['BOT-001', 'Papas sal 45 g', 'Botanas', 'Crujimax', '20 x 45 g', null, 0.9, 110, 0.16, 'ad valorem', 0.08],
        [
          'REF-001',
          'Refresco cola 600 ml',
          'Refrescos',
          'Chispa',
          '12 x 600 ml',
          7.2,
          7.5,
          70,
          '16%',
          'cuota por litro',
          3.0818,
        ],
        ['BAS-001', 'Frijol negro 1 kg', 'Básicos', 'Granero', '10 x 1 kg', null, 10, 180, 0, null, null],
      ],
    ),
    grid(
      'VolumenesBase',
      'Volúmenes base',
      VOLUME_HEADERS,
      [
        ['OXXO', 'REF-001', '2026-01', 500, 520, 140, 480, 133],
        ['WMX', 'REF-001', '2026-03', 900, null, 140, 850, null],
        ['WMX', 'BOT-001', '2026-02', 1000, 1010.5, 230, 950, 220],
        ['WMX', 'BOT-001', '2026-01', 1200, 1150, 230, 1100, 220],
        ['WMX', 'REF-001', '2026-01', 800, 790, 140, 760, 133],
        ['WMX', 'BOT-001', '2026-03', 1100, null, 230, 1000, 220],
      ],
      3,
      2,
    ),
    grid('Condiciones', 'Condiciones', TERM_HEADERS, [
      {
        'ID condición': 'WMX-01',
        'ID cliente': 'WMX',
        Tipo: 'descuento en factura',
        Base: 'venta bruta',
        'Tasa o monto': 0.03,
        'Fecha de acuerdo': '2025-11-28',
        'Referencia de evidencia': 'Carta 2026',
      },
      {
        'ID condición': 'WMX-02',
        'ID cliente': 'wmx',
        Tipo: 'bono por volumen',
        Base: 'venta factura',
        'Método de escalones': 'marginal',
        Alcance: 'categoría',
        'Valores del alcance': 'botanas; Refrescos',
        'Fecha de acuerdo': new Date(Date.UTC(2025, 10, 28)),
      },
      {
        'ID condición': 'WMX-03',
        'ID cliente': 'WMX',
        Tipo: 'plan de crecimiento',
        Base: 'venta bruta',
        'Tasa o monto': '8%',
        'Crecimiento pagado sobre': 'excedente',
        'Precio neutral': 'sí',
        'Periodo desde': '2026-02',
        'Periodo hasta': new Date(Date.UTC(2026, 2, 15)),
      },
      {
        'ID condición': 'OXXO-01',
        'ID cliente': 'OXXO',
        Tipo: 'bono por objetivo',
        Base: 'venta bruta',
        'Tasa o monto': 0.02,
        'Medida de condición': 'manual',
        Meta: '90%',
        'Logrado (manual)': 0.93,
        Alcance: 'SKU',
        'Valores del alcance': 'ref-001',
      },
      {
        'ID condición': 'OXXO-02',
        'ID cliente': 'OXXO',
        Tipo: 'cuota de exhibición',
        Base: 'monto fijo',
        'Tasa o monto': 180000,
        Asignación: 'volumen',
        'En factura': 'fuera de factura',
      },
    ]),
    grid(
      'Escalones',
      'Escalones',
      ['ID condición', 'Desde', 'Hasta', 'Tasa'],
      [
        ['WMX-02', 0, 2000, 0.01],
        ['WMX-02', 2000, 4000, '2%'],
        ['WMX-02', 4000, null, 0.03],
      ],
    ),
    grid(
      'CostoServir',
      'Costo de servir',
      ['ID cliente', 'Tipo', 'Base', 'Tasa o monto', 'Asignación', 'Periodo desde', 'Periodo hasta', 'Descripción'],
      [
        ['WMX', 'flete', 'venta factura', 0.025, null, null, null, 'Flete a CEDIS'],
        ['OXXO', 'promotoría', 'monto fijo', 45000, 'partes iguales', '2026-01', '2026-03', 'Promotoría'],
        ['OXXO', 'flete', 'kg', 1.2, null, null, null, 'Flete por kg'],
      ],
    ),
  ];
  return new Map(tables.map((t) => [t.name, t]));
}

/** Applies an edit to one table of a fresh workbook. */
export function edit(name: string, f: (t: TableGrid) => void, wb = workbook()): Map<string, TableGrid> {
  const t = wb.get(name);
  if (!t) throw new Error(`no table ${name}`);
  f(t);
  return wb;
}

/** Sets one cell by header of a data row (0-based). */
export function setCell(t: TableGrid, dataRow: number, header: string, v: CellValue): void {
  const j = t.headers.indexOf(header);
  if (j < 0) throw new Error(`no header ${header} in ${t.name}`);
  t.rows[dataRow][j] = v;
}

export function errorsOf(wb: Map<string, TableGrid>): ContractError[] {
  const res = parseModel(wb);
  if (res.ok) throw new Error('expected errors, the workbook parsed');
  return res.errors;
}

/** The single error with this code (fails the test when there is none or several). */
export function onlyError(wb: Map<string, TableGrid>, code: string): ContractError {
  const errors = errorsOf(wb);
  const hits = errors.filter((e) => e.code === code);
  if (hits.length !== 1) throw new Error(`expected one ${code}, got: ${JSON.stringify(errors, null, 1)}`);
  return hits[0];
}
