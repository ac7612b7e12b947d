/**
 * The optional tables of prices and promotions through the contract: values read into the model, and every bad
 * value a located error in es and en (nothing computed, nothing written).
 */
import { parseModel } from '../../src/workbook/contract';
import { parseMultibuy } from '../../src/workbook/contract/parse-levers';
import type { CellValue, TableGrid } from '../../src/workbook/port';
import { grid, workbook } from './fixtures';

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
  'Multicompra',
  'Financiamiento',
  'Apoyo',
  'Participación del fabricante',
  'Incremento esperado',
  'Acumulable',
];

function withTables(...tables: TableGrid[]): Map<string, TableGrid> {
  const wb = workbook();
  for (const t of tables) wb.set(t.name, t);
  return wb;
}

function promotions(rows: CellValue[][]): Map<string, TableGrid> {
  return withTables(grid('Promociones', 'Promociones', PROMO_HEADERS, rows));
}

const JR: CellValue[] = [
  'WMX-JR',
  'WMX',
  'SKU',
  'BOT-001',
  '2026-06-15',
  '2026-08-10',
  '2026-06-26',
  '2026-08-16',
  'descuento %; exhibición',
  '20%',
  null,
  'fuera de factura (OI)',
  3.5,
  null,
  '35%',
  null,
];

describe('Promotions', () => {
  test('a row reads into the model: windows, mechanics, depth, funding, defaults', () => {
    const res = parseModel(promotions([JR]));
    if (!res.ok) throw new Error(res.errors.map((e) => e.en).join('\n'));
    expect(res.model.promotions).toEqual([
      expect.objectContaining({
        id: 'WMX-JR',
        customerId: 'WMX',
        scope: { kind: 'sku', values: ['BOT-001'] },
        buyWindow: { from: '2026-06-15', to: '2026-08-10' },
        inStoreWindow: { from: '2026-06-26', to: '2026-08-16' },
        mechanics: ['price_off_pct', 'display'],
        depth: 0.2,
        funding: 'off_invoice',
        fundingRate: 3.5,
        makerShare: 1,
        passThrough: 1,
        uplift: 0.35,
        cannibalisation: 0,
        forwardBuy: 0,
        dip: 0,
        fixedCosts: 0,
      }),
    ]);
  });

  test('"3x2", "lleva 3 paga 2" and "buy 2 pay 1" read; "2x3" and "tres por dos" do not', () => {
    expect(parseMultibuy('3x2')).toEqual({ buy: 3, pay: 2 });
    expect(parseMultibuy('2 × 1')).toEqual({ buy: 2, pay: 1 });
    expect(parseMultibuy('lleva 3 paga 2')).toEqual({ buy: 3, pay: 2 });
    expect(parseMultibuy('Buy 2 pay 1')).toEqual({ buy: 2, pay: 1 });
    expect(parseMultibuy('2x3')).toBeNull();
    expect(parseMultibuy('tres por dos')).toBeNull();
  });

  test('bad values: located errors in es and en', () => {
    const bad = [...JR];
    bad[5] = '2026-06-01'; // buy window ends before it starts
    bad[8] = 'descuento %; rifa'; // an unknown mechanic
    bad[9] = null; // a price mechanic without depth
    const res = parseModel(promotions([bad]));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const byCode = new Map(res.errors.map((e) => [e.code, e]));
    expect(byCode.get('dates_reversed')!.es).toBe(
      'Tabla Promociones, fila 2, columna «Compra hasta» (Promociones!F2): la fecha final 2026-06-01 es anterior a la inicial 2026-06-15.',
    );
    expect(byCode.get('invalid_enum')!.en).toContain('"rifa" is not a valid value');
    expect(byCode.get('depth_required')!.en).toBe(
      'Table Promociones, row 2, column "Profundidad" (Promociones!J2): the mechanic "price reduction %" needs a "Depth" above 0.',
    );
  });

  test('an unreadable multibuy is located', () => {
    const mb = [...JR];
    mb[8] = 'multicompra';
    mb[9] = null;
    mb[10] = 'dos por uno';
    const res = parseModel(promotions([mb]));
    expect(!res.ok && res.errors.map((e) => [e.code, e.column])).toEqual([['invalid_multibuy', 'Multicompra']]);
  });

  test('overlapping events on the same customer × SKU × day are an error unless both stack', () => {
    const second = [...JR];
    second[0] = 'WMX-BF';
    second[6] = '2026-08-10';
    second[7] = '2026-08-20';
    const res = parseModel(promotions([JR, second]));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.errors).toHaveLength(1);
      expect(res.errors[0].code).toBe('promotion_overlap');
      expect(res.errors[0].es).toBe(
        'Tabla Promociones, fila 3, columna «En tienda desde» (Promociones!G3): el evento «WMX-BF» coincide con «WMX-JR» (fila 2) en el SKU BOT-001 el 2026-08-10; marque ambos como «Acumulable» si se suman, o separe sus fechas.',
      );
    }
    const stacking = [JR, second].map((r) => [...r.slice(0, 15), 'sí']);
    expect(parseModel(promotions(stacking)).ok).toBe(true);
  });
});

describe('PriceChanges, RetailerMargins, Elasticities, CompetitorPrices', () => {
  const tables = () => [
    grid(
      'CambiosPrecio',
      'Precios',
      ['ID cliente', 'Alcance', 'Valores del alcance', 'Fecha efectiva', 'Nuevo precio de lista', 'Cambio %'],
      [
        [null, 'todos', null, '2026-02-01', null, '6%'],
        ['OXXO', 'SKU', 'REF-001', '2026-07-01', 150, null],
      ],
    ),
    grid(
      'MargenesDetallista',
      'Precios',
      ['ID cliente', 'Alcance', 'Valores del alcance', 'Margen frontal'],
      [['WMX', 'categoría', 'Botanas', '25%']],
      10,
    ),
    grid(
      'Elasticidades',
      'Precios',
      ['Alcance', 'Valores del alcance', 'Elasticidad precio', 'Elasticidad promocional'],
      [['categoría', 'Botanas', -1.5, null]],
      20,
    ),
    grid(
      'PreciosCompetencia',
      'Precios',
      ['ID cliente', 'SKU', 'Competidor', 'Precio', 'Base unitaria', 'Contenido'],
      [[null, 'REF-001', 'Marca X 600 ml', 18.9, 'pieza', 0.6]],
      30,
    ),
  ];

  test('rows read into the model; a blank customer means every customer; promotional elasticity defaults to own', () => {
    const res = parseModel(withTables(...tables()));
    if (!res.ok) throw new Error(res.errors.map((e) => e.en).join('\n'));
    const m = res.model;
    expect(m.priceChanges).toEqual([
      expect.objectContaining({ customerId: '', effectiveDate: '2026-02-01', newListPrice: null, changePct: 0.06 }),
      expect.objectContaining({ customerId: 'OXXO', newListPrice: 150, scope: { kind: 'sku', values: ['REF-001'] } }),
    ]);
    expect(m.retailerMargins).toEqual([
      expect.objectContaining({
        customerId: 'WMX',
        frontMargin: 0.25,
        scope: { kind: 'category', values: ['Botanas'] },
      }),
    ]);
    expect(m.elasticities).toEqual([expect.objectContaining({ ownPrice: -1.5, promotional: -1.5 })]);
    expect(m.competitorPrices).toEqual([
      expect.objectContaining({ customerId: '', sku: 'REF-001', price: 18.9, unitBasis: 'unit', size: 0.6 }),
    ]);
  });

  test('a price change with neither a price nor a %, a positive elasticity and an unknown SKU are located', () => {
    const [pc, rm, el, cp] = tables();
    pc.rows[1][4] = null;
    el.rows[0][2] = 1.2;
    cp.rows[0][1] = 'XYZ-999';
    const res = parseModel(withTables(pc, rm, el, cp));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors.map((e) => [e.code, e.address])).toEqual([
      ['unknown_sku', 'Precios!B31'],
      ['price_change_value_required', 'Precios!E3'],
      ['out_of_range', 'Precios!C21'],
    ]);
    expect(res.errors[1].en).toBe(
      'Table CambiosPrecio, row 3, column "Nuevo precio de lista" (Precios!E3): give a "New list price" or a "Change %".',
    );
  });
});

describe('TaxRates', () => {
  const rates = (rows: CellValue[][]) =>
    withTables(
      grid(
        'TasasImpuesto',
        'Impuestos',
        ['Impuesto', 'Alcance', 'Valores del alcance', 'Vigente desde', 'Tasa o cuota'],
        rows,
      ),
    );

  test('dated quotas and rates read into the model', () => {
    const res = parseModel(
      rates([
        ['IEPS cuota por litro', 'categoría', 'Refrescos', '2026-01-01', 3.0818],
        ['IVA', 'todos', null, '2026-01-01', '16%'],
      ]),
    );
    if (!res.ok) throw new Error(res.errors.map((e) => e.en).join('\n'));
    expect(res.model.taxRates).toEqual([
      expect.objectContaining({ kind: 'ieps_per_litre', rate: 3.0818, effectiveDate: '2026-01-01' }),
      expect.objectContaining({ kind: 'iva', rate: 0.16, scope: { kind: 'all', values: [] } }),
    ]);
  });

  test('a quota typed as a % and an IVA above 100 % are located errors', () => {
    const res = parseModel(
      rates([
        ['IEPS cuota por litro', 'todos', null, '2026-01-01', '8%'],
        ['IVA', 'todos', null, '2026-01-01', 16],
      ]),
    );
    expect(!res.ok && res.errors.map((e) => [e.code, e.address])).toEqual([
      ['percent_not_allowed', 'Impuestos!E2'],
      ['rate_above_100', 'Impuestos!E3'],
    ]);
  });
});
