/**
 * The Scenarios and ScenarioChanges tables through the contract: each lever read into the model with the value in
 * its field's unit, and every change on something missing a located error in es and en.
 */
import { parseModel } from '../../src/workbook/contract';
import type { CellValue, TableGrid } from '../../src/workbook/port';
import type { ScenarioChange } from '../../src/engine';
import { grid, workbook } from './fixtures';

const SCENARIO_HEADERS = ['ID escenario', 'ID cliente', 'Nombre', 'Tipo', 'Estatus', 'Autor', 'Fecha', 'Notas'];
const CHANGE_HEADERS = [
  'ID escenario',
  'Acción',
  'Objeto',
  'ID objetivo',
  'Escalón',
  'Campo',
  'Valor nuevo',
  'Alcance',
  'Valores del alcance',
  'Desde',
  'Hasta',
  'Copia de',
];

const PROMO: CellValue[] = [
  'WMX-JR',
  'WMX',
  'SKU',
  'BOT-001',
  '2026-06-15',
  '2026-06-30',
  '2026-06-20',
  '2026-07-05',
  'descuento %; exhibición',
  '20%',
  'fuera de factura (OI)',
  3.5,
  '35%',
];
const PROMO_HEADERS = [
  'ID promoción',
  'ID cliente',
  'Alcance',
  'Valores del alcance',
  'Compra desde',
  'Compra hasta',
  'En tienda desde',
  'En tienda hasta',
  'Mecánica',
  'Profundidad',
  'Financiamiento',
  'Apoyo',
  'Incremento esperado',
];

function book(changes: CellValue[][], scenarios?: CellValue[][]): Map<string, TableGrid> {
  const wb = workbook();
  for (const t of [
    grid('Promociones', 'Promociones', PROMO_HEADERS, [PROMO]),
    grid(
      'Escenarios',
      'Escenarios',
      SCENARIO_HEADERS,
      scenarios ?? [
        ['WMX-P1', 'WMX', 'Propuesta anual', 'propuesta', 'enviado', 'Ana López', '2026-10-15', 'Un punto más'],
        ['WMX-C1', 'wmx', null, 'Contrapropuesta', null, null, null, null],
      ],
    ),
    grid('CambiosEscenario', 'Cambios de escenario', CHANGE_HEADERS, changes, 4),
  ])
    wb.set(t.name, t);
  return wb;
}

const row = (...cells: CellValue[]): CellValue[] => CHANGE_HEADERS.map((_, k) => cells[k] ?? null);

test('every kind of lever reads into its scenario, in order, with the value in the field’s unit', () => {
  const res = parseModel(
    book([
      row('WMX-P1', null, 'condición', 'WMX-01', null, 'tasa', '3.5%'),
      row('WMX-P1', 'cambiar', 'escalón', 'WMX-02', 2, 'desde', 1800),
      row('WMX-P1', null, 'escalón', 'WMX-02', 3, 'hasta', null),
      row('WMX-P1', null, 'condición', 'WMX-03', null, 'base', 'venta factura'),
      row(
        'WMX-P1',
        'agregar',
        'promoción',
        'WMX-JR2',
        null,
        null,
        null,
        null,
        null,
        '2026-09-01',
        '2026-09-16',
        'WMX-JR',
      ),
      row('WMX-P1', null, 'promoción', 'WMX-JR2', null, 'profundidad', '25%'),
      row('WMX-P1', null, 'promoción', 'WMX-JR', null, 'incremento', null),
      row('WMX-P1', 'agregar', 'cambio de precio', null, null, null, 0.06, 'categoría', 'Botanas', '2026-03-01'),
      row('WMX-P1', null, 'volumen', null, null, null, '-5%', 'SKU', 'REF-001'),
      row('WMX-P1', null, 'costo de servir', 'flete', null, 'tasa', 0.02),
      row('WMX-C1', 'quitar', 'condición', 'WMX-03'),
      row('WMX-C1', 'quitar', 'promoción', 'WMX-JR'),
    ]),
  );
  if (!res.ok) throw new Error(res.errors.map((e) => e.en).join('\n'));
  const [p1, c1] = res.model.scenarios!;
  expect(p1).toMatchObject({
    id: 'WMX-P1',
    customerId: 'WMX',
    name: 'Propuesta anual',
    kind: 'proposal',
    status: 'sent',
    author: 'Ana López',
    date: '2026-10-15',
    notes: 'Un punto más',
  });
  expect(c1).toMatchObject({
    id: 'WMX-C1',
    customerId: 'WMX',
    name: 'WMX-C1',
    kind: 'counter_proposal',
    status: 'draft',
  });
  const strip = <T extends { source?: unknown }>({ source: _s, ...x }: T) => x;
  const added = p1.changes.find((c) => c.target === 'promotion_add')!;
  expect(added.target === 'promotion_add' && added.promotion).toMatchObject({
    id: 'WMX-JR2',
    customerId: 'WMX',
    scope: { kind: 'sku', values: ['BOT-001'] },
    // the template buys from 5 days before its in-store start to 5 days before its end
    inStoreWindow: { from: '2026-09-01', to: '2026-09-16' },
    buyWindow: { from: '2026-08-27', to: '2026-09-11' },
    depth: 0.2,
    fundingRate: 3.5,
    uplift: 0.35,
  });
  const brief = (c: ScenarioChange) =>
    c.target === 'promotion_add' ? { target: c.target, id: c.promotion.id, basedOn: c.basedOn } : strip(c);
  expect(p1.changes.map(brief)).toEqual([
    { target: 'term', id: 'WMX-01', field: 'rate', value: 0.035 },
    { target: 'term_tier', id: 'WMX-02', index: 1, field: 'from', value: 1800 },
    { target: 'term_tier', id: 'WMX-02', index: 2, field: 'to', value: null },
    { target: 'term', id: 'WMX-03', field: 'basis', value: 'invoice_sales' },
    { target: 'promotion_add', id: 'WMX-JR2', basedOn: 'WMX-JR' },
    { target: 'promotion', id: 'WMX-JR2', field: 'depth', value: 0.25 },
    { target: 'promotion', id: 'WMX-JR', field: 'uplift', value: null },
    {
      target: 'price_change',
      scope: { kind: 'category', values: ['Botanas'] },
      effectiveDate: '2026-03-01',
      changePct: 0.06,
    },
    { target: 'volume', scope: { kind: 'sku', values: ['REF-001'] }, changePct: -0.05 },
    { target: 'cost', kind: 'freight', field: 'rate', value: 0.02 },
  ]);
  expect(p1.changes[0].source).toEqual({ sheet: 'Cambios de escenario', table: 'CambiosEscenario', row: 5 });
  expect(c1.changes.map(strip)).toEqual([
    { target: 'term_present', id: 'WMX-03', value: false },
    { target: 'promotion_present', id: 'WMX-JR', value: false },
  ]);
});

test('a change on something missing is a located error in es and en, and nothing is read', () => {
  const res = parseModel(
    book([
      row('WMX-P9', null, 'condición', 'WMX-01', null, 'tasa', 0.03),
      row('WMX-P1', null, 'condición', 'OXXO-01', null, 'tasa', 0.03),
      row('WMX-P1', null, 'condición', 'WMX-99', null, 'tasa', 0.03),
      row('WMX-P1', null, 'escalón', 'WMX-02', 4, 'tasa', 0.05),
      row('WMX-P1', null, 'promoción', 'SOR-JR', null, 'profundidad', 0.3),
      row('WMX-P1', null, 'costo de servir', 'almacenaje', null, 'tasa', 0.01),
      row('WMX-P1', 'agregar', 'volumen', null, null, null, 0.1),
      row('WMX-P1', null, 'condición', 'WMX-01', null, 'profundidad', 0.1),
      row('WMX-P1', null, 'condición', 'WMX-01', null, 'tasa', '150 pesos'),
      row('WMX-P1', 'agregar', 'promoción', 'WMX-JR', null, null, null, null, null, null, null, 'WMX-JR'),
      row('WMX-P1', null, 'cambio de precio', null, null, null, 0.06),
    ]),
  );
  expect(res.ok).toBe(false);
  if (res.ok) return;
  // Root causes first (a duplicate key, then references to what does not exist), then the rest in row order.
  expect(res.errors.map((e) => [e.code, e.address])).toEqual([
    ['duplicate_key', "'Cambios de escenario'!D14"],
    ['unknown_scenario', "'Cambios de escenario'!A5"],
    ['unknown_term', "'Cambios de escenario'!D7"],
    ['unknown_tier', "'Cambios de escenario'!E8"],
    ['unknown_promotion', "'Cambios de escenario'!D9"],
    ['unknown_cost', "'Cambios de escenario'!D10"],
    ['lever_other_customer', "'Cambios de escenario'!D6"],
    ['action_not_for_target', "'Cambios de escenario'!B11"],
    ['field_not_for_target', "'Cambios de escenario'!F12"],
    ['not_a_number', "'Cambios de escenario'!G13"],
    ['blank_required', "'Cambios de escenario'!J15"],
  ]);
  const e = (code: string) => res.errors.find((x) => x.code === code)!;
  expect(e('lever_other_customer').es).toBe(
    "Tabla CambiosEscenario, fila 6, columna «ID objetivo» ('Cambios de escenario'!D6): «OXXO-01» es del cliente OXXO; un escenario de WMX solo cambia lo de WMX.",
  );
  expect(e('unknown_tier').en).toBe(
    'Table CambiosEscenario, row 8, column "Escalón" (\'Cambios de escenario\'!E8): the term "WMX-02" has 3 tier(s); there is no tier 4.',
  );
  expect(e('field_not_for_target').en).toContain(
    'the field "depth" is not a term\'s; possible fields: "rate", "basis"',
  );
  expect(e('not_a_number').es).toContain('«Valor nuevo (tasa)»');
});

test('a scenario’s customer must exist, and scenario IDs are unique', () => {
  const res = parseModel(
    book(
      [],
      [
        ['S1', 'SOR', null, null, null, null, null, null],
        ['S2', 'WMX', null, null, null, null, null, null],
        ['s2', 'WMX', null, null, null, null, null, null],
      ],
    ),
  );
  expect(res.ok).toBe(false);
  if (res.ok) return;
  expect(res.errors.map((e) => [e.code, e.address])).toEqual([
    ['duplicate_key', 'Escenarios!A4'],
    ['unknown_customer', 'Escenarios!B2'],
  ]);
});

test('a trade budget in Customers and guardrail settings read into the model', () => {
  const wb = workbook();
  const customers = wb.get('Clientes')!;
  customers.headers.push('Presupuesto comercial');
  customers.rows[0].push(2_500_000);
  customers.rows[1].push(null);
  const settings = wb.get('Parametros')!;
  settings.rows.push(['Contribución mínima', '28%', null], ['Índice de precio máximo', 110, null]);
  const res = parseModel(wb);
  if (!res.ok) throw new Error(res.errors.map((e) => e.en).join('\n'));
  expect(res.model.customers.map((c) => c.tradeBudget)).toEqual([2_500_000, null]);
  expect(res.model.settings.minContributionPct).toBe(0.28);
  expect(res.model.settings.maxPriceIndex).toBe(110);
  expect(res.model.settings.maxTradeSpendPct).toBeNull();
});
