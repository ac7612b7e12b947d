import { DEFAULT_SETTINGS, type Model } from '../../src/engine/model';
import { INPUT_TABLE_NAMES, parseModel, readModel, tableSpec, type ContractError } from '../../src/workbook/contract';
import { squash } from '../../src/workbook/contract/normalize';
import { headerKeys } from '../../src/workbook/contract/table';
import type { TableGrid, WorkbookHost } from '../../src/workbook/port';
import { edit, grid, setCell, workbook } from './fixtures';

function parsed(wb: Map<string, TableGrid> = workbook()): { model: Model; warnings: ContractError[] } {
  const res = parseModel(wb);
  if (!res.ok) throw new Error(res.errors.map((e) => e.en).join('\n'));
  return { model: res.model, warnings: res.warnings };
}

describe('parseModel on a valid workbook (Spanish names and headers)', () => {
  const { model, warnings } = parsed();

  test('settings: stated keys override defaults, the rest keep DEFAULT_SETTINGS', () => {
    expect(model.settings).toEqual({
      ...DEFAULT_SETTINGS,
      fiscalYear: 2026,
      periodicity: 'month',
      costOfCapital: 0.12, // "12%" typed as text
      costToServePlacement: 'inside_waterfall', // "dentro"
      interimTierPolicy: 'tier_reached_so_far', // "nivel alcanzado"
      daysInYear: 360,
    });
    expect(warnings).toEqual([]);
  });

  test('customers: enum values in any case, blank DC share = 0, source rows', () => {
    expect(model.customers).toEqual([
      {
        id: 'WMX',
        name: 'Walmart de México',
        channel: 'modern',
        paymentDays: 90,
        dcShare: 0.9,
        tradeBudget: null,
        source: { sheet: 'Clientes', table: 'Clientes', row: 2 },
      },
      {
        id: 'OXXO',
        name: 'Cadena Comercial OXXO',
        channel: 'convenience',
        paymentDays: 30,
        dcShare: 0,
        tradeBudget: null,
        source: { sheet: 'Clientes', table: 'Clientes', row: 3 },
      },
    ]);
  });

  test('products: tax profiles, "16%" text, blank IEPS kind = none', () => {
    const [bot, ref, bas] = model.products;
    expect(bot).toMatchObject({
      sku: 'BOT-001',
      litresPerUnit: 0,
      kgPerUnit: 0.9,
      cogsPerUnit: 110,
      ivaRate: 0.16,
      iepsKind: 'ad_valorem',
      iepsRate: 0.08,
    });
    expect(ref).toMatchObject({
      sku: 'REF-001',
      litresPerUnit: 7.2,
      ivaRate: 0.16,
      iepsKind: 'per_litre',
      iepsRate: 3.0818,
    });
    expect(bas).toMatchObject({ sku: 'BAS-001', ivaRate: 0, iepsKind: 'none', iepsRate: 0, packSize: '10 x 1 kg' });
  });

  test('periods: the 12 months of the fiscal year', () => {
    expect(model.periods.map((p) => p.id)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(model.periods[11]).toEqual({ id: '2026-12', index: 11, year: 2026 });
  });

  test('lines: sorted by customer (Customers order), product (Products order), period; source rows kept', () => {
    const l = model.lines;
    expect(l.n).toBe(6);
    // Table header on row 3, so data rows are 4..9. File order: OXXO REF Jan (4), WMX REF Mar (5), WMX BOT Feb (6),
    // WMX BOT Jan (7), WMX REF Jan (8), WMX BOT Mar (9). Sorted: WMX(0) BOT(0) Jan/Feb/Mar, WMX REF(1) Jan/Mar, OXXO(1) REF Jan.
    expect(Array.from(l.sourceRow!)).toEqual([7, 6, 9, 8, 5, 4]);
    expect(Array.from(l.customer)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(Array.from(l.product)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(l.period)).toEqual([0, 1, 2, 0, 2, 0]);
    expect(Array.from(l.baselineVolume)).toEqual([1200, 1000, 1100, 800, 900, 500]);
    // Blank actual = open period (NaN); blank prior-year price = not given (NaN).
    expect(Array.from(l.actualVolume)).toEqual([1150, 1010.5, NaN, 790, NaN, 520]);
    expect(Array.from(l.listPrice)).toEqual([230, 230, 230, 140, 140, 140]);
    expect(Array.from(l.priorVolume)).toEqual([1100, 950, 1000, 760, 850, 480]);
    expect(Array.from(l.priorListPrice)).toEqual([220, 220, 220, 133, NaN, 133]);
  });

  test('terms: defaults by kind, canonical ids and scope values, dates as ISO text', () => {
    const [wmx1, wmx2, wmx3, oxxo1, oxxo2] = model.terms;
    expect(wmx1).toEqual({
      id: 'WMX-01',
      customerId: 'WMX',
      kind: 'on_invoice_discount',
      onInvoice: true, // default for on-invoice discounts
      basis: 'gross_sales',
      rate: 0.03,
      allocation: 'gross_sales',
      scope: { kind: 'all', values: [] },
      periodFrom: '2026-01',
      periodTo: '2026-12',
      tierMethod: 'all_units',
      tierMeasure: 'gross_sales', // basis measure
      tiers: [],
      agreedDate: '2025-11-28',
      evidenceRef: 'Carta 2026',
      description: '',
      source: { sheet: 'Condiciones', table: 'Condiciones', row: 2 },
    });
    // "wmx" resolves to WMX; "botanas" to the Products spelling; tiers attached in order; volume measure by default.
    expect(wmx2).toMatchObject({
      customerId: 'WMX',
      onInvoice: false,
      basis: 'invoice_sales',
      tierMethod: 'marginal',
      tierMeasure: 'volume',
      scope: { kind: 'category', values: ['Botanas', 'Refrescos'] },
      agreedDate: '2025-11-28', // from an Excel date
      tiers: [
        { from: 0, to: 2000, rate: 0.01 },
        { from: 2000, to: 4000, rate: 0.02 },
        { from: 4000, to: null, rate: 0.03 },
      ],
    });
    expect(wmx2.condition).toBeUndefined();
    // A date in a period column counts as its month: 2026-03-15 → 2026-03.
    expect(wmx3).toMatchObject({
      kind: 'growth_rebate',
      rate: 0.08,
      tierMeasure: 'growth',
      periodFrom: '2026-02',
      periodTo: '2026-03',
      growth: { payOn: 'excess', priceNeutral: true },
    });
    expect(oxxo1).toMatchObject({
      kind: 'target_bonus',
      scope: { kind: 'sku', values: ['REF-001'] },
      condition: { measure: 'manual', target: 0.9, actual: 0.93 },
    });
    expect(oxxo2).toMatchObject({
      kind: 'display_fee',
      onInvoice: false,
      basis: 'fixed_amount',
      rate: 180000,
      allocation: 'volume',
      tierMeasure: 'volume',
    });
  });

  test('cost to serve: bases incl. kg, default allocation and span', () => {
    expect(model.costToServe.map(({ source, ...c }) => c)).toEqual([
      {
        customerId: 'WMX',
        kind: 'freight',
        basis: 'invoice_sales',
        rate: 0.025,
        allocation: 'gross_sales',
        periodFrom: '2026-01',
        periodTo: '2026-12',
        description: 'Flete a CEDIS',
      },
      {
        customerId: 'OXXO',
        kind: 'promotoria',
        basis: 'fixed_amount',
        rate: 45000,
        allocation: 'even',
        periodFrom: '2026-01',
        periodTo: '2026-03',
        description: 'Promotoría',
      },
      {
        customerId: 'OXXO',
        kind: 'freight',
        basis: 'kg',
        rate: 1.2,
        allocation: 'gross_sales',
        periodFrom: '2026-01',
        periodTo: '2026-12',
        description: 'Flete por kg',
      },
    ]);
    expect(model.costToServe[1].source).toEqual({ sheet: 'Costo de servir', table: 'CostoServir', row: 3 });
  });
});

describe('names and headers', () => {
  /** The fixture with English table names and headers (cell values stay as typed). */
  function english(): Map<string, TableGrid> {
    const out = new Map<string, TableGrid>();
    for (const t of workbook().values()) {
      const spec = tableSpec(t.name)!;
      const keys = headerKeys(spec);
      const headers = t.headers.map((h) => keys.get(squash(h))!.en);
      out.set(spec.en, { ...t, name: spec.en, headers });
    }
    return out;
  }

  test('English table names and headers give the same model', () => {
    const es = parsed().model;
    const en = parsed(english()).model;
    expect(en.customers.map(({ source, ...c }) => c)).toEqual(es.customers.map(({ source, ...c }) => c));
    expect(en.terms.map(({ source, ...c }) => c)).toEqual(es.terms.map(({ source, ...c }) => c));
    expect(en.lines).toEqual(es.lines);
    expect(en.customers[0].source).toEqual({ sheet: 'Clientes', table: 'Customers', row: 2 });
  });

  test('headers match ignoring case, accents and surrounding spaces; table names ignoring case', () => {
    const wb = edit('Clientes', (t) => {
      t.name = 'CLIENTES';
      t.headers = ['  id CLIENTE ', 'nombre', 'CANAL', 'dias de credito', 'DC share'];
    });
    expect(parsed(wb).model.customers[0]).toMatchObject({ id: 'WMX', paymentDays: 90, dcShare: 0.9 });
  });

  test('optional columns may be absent', () => {
    const wb = edit('Productos', (t) => {
      const keep = ['SKU', 'Descripción', 'Categoría', 'Marca', 'Costo por unidad', 'Tasa IVA'];
      const idx = keep.map((h) => t.headers.indexOf(h));
      t.headers = keep;
      t.rows = t.rows.map((r) => idx.map((j) => r[j]));
    });
    // REF-001 loses its IEPS and litres: defaults none / 0.
    expect(parsed(wb).model.products[1]).toMatchObject({
      packSize: '',
      litresPerUnit: 0,
      kgPerUnit: 0,
      iepsKind: 'none',
      iepsRate: 0,
    });
  });

  test('entirely blank rows inside a table are skipped', () => {
    const wb = edit('VolumenesBase', (t) =>
      t.rows.splice(
        2,
        0,
        t.headers.map(() => null),
        t.headers.map(() => '  '),
      ),
    );
    expect(parsed(wb).model.lines.n).toBe(6);
  });

  test('readModel asks the host for every English and Spanish name', async () => {
    const asked: string[] = [];
    const wb = workbook();
    const host: WorkbookHost = {
      kind: 'memory',
      listTables: () => Promise.resolve([]),
      readTables: (names) => {
        asked.push(...names);
        const lower = new Map([...wb].map(([k, v]) => [k.toLowerCase(), v]));
        return Promise.resolve(
          new Map(
            names.flatMap((n) => (lower.has(n.toLowerCase()) ? [[n, lower.get(n.toLowerCase())!] as const] : [])),
          ),
        );
      },
      describeSource: () => Promise.resolve({ name: 'x', fingerprint: '0', fingerprintOf: 'tables' as const }),
      writeResults: () => Promise.resolve({ sheetsWritten: [], cellsWritten: 0, target: '' }),
    };
    const res = await readModel(host);
    // The contract's names, then the saved mapping's (src/workbook/mapping), in one request.
    expect(asked).toEqual([...INPUT_TABLE_NAMES, 'ttm_Mapeo', 'ttm_Mapping']);
    expect(asked).toEqual(
      expect.arrayContaining([
        'Customers',
        'Clientes',
        'BaseVolumes',
        'VolumenesBase',
        'CostToServe',
        'CostoServir',
        'Settings',
        'Parametros',
      ]),
    );
    expect(res.ok && res.model.lines.n).toBe(6);
  });
});

describe('cell forms', () => {
  test('periods as Office.js serials and as "01/2026" count as their month', () => {
    const wb = edit('VolumenesBase', (t) => {
      setCell(t, 3, 'Periodo', 46023); // serial of 2026-01-01
      setCell(t, 2, 'Periodo', '02/2026');
    });
    const l = parsed(wb).model.lines;
    expect(Array.from(l.period)).toEqual([0, 1, 2, 0, 2, 0]);
  });

  test('numbers typed as text with $ and thousands separators; booleans as TRUE/1/yes', () => {
    const wb = edit('VolumenesBase', (t) => {
      setCell(t, 0, 'Volumen base', '1,500');
      setCell(t, 0, 'Precio de lista', '$ 1,140.50');
    });
    edit(
      'Condiciones',
      (t) => {
        setCell(t, 0, 'En factura', true);
        setCell(t, 2, 'Precio neutral', 'yes');
        setCell(t, 4, 'En factura', 0);
      },
      wb,
    );
    const m = parsed(wb).model;
    const oxxo = 5; // OXXO's only line sorts last
    expect(m.lines.baselineVolume[oxxo]).toBe(1500);
    expect(m.lines.listPrice[oxxo]).toBe(1140.5);
    expect(m.terms[0].onInvoice).toBe(true);
    expect(m.terms[2].growth).toEqual({ payOn: 'excess', priceNeutral: true });
    expect(m.terms[4].onInvoice).toBe(false);
  });

  test('weekly workbook: ISO weeks, 53 of them in 2026, dates count as their ISO week', () => {
    const wb = workbook();
    wb.set('Parametros', grid('Parametros', 'Parámetros', ['Parámetro', 'Valor'], [['Periodicity', 'weekly']]));
    wb.set(
      'VolumenesBase',
      grid(
        'VolumenesBase',
        'Volúmenes base',
        ['ID cliente', 'SKU', 'Periodo', 'Volumen base', 'Precio de lista'],
        [
          ['WMX', 'BOT-001', '2026-W01', 100, 230],
          ['WMX', 'BOT-001', '2026-S2', 110, 230],
          // Monday 2026-01-12 is in ISO week 3.
          ['WMX', 'BOT-001', new Date(Date.UTC(2026, 0, 12)), 120, 230],
        ],
      ),
    );
    // Term spans may also name months of the fiscal year in a weekly workbook (the engine places weeks in months).
    const termHeaders = [
      'ID condición',
      'ID cliente',
      'Tipo',
      'Base',
      'Tasa o monto',
      'Periodo desde',
      'Periodo hasta',
    ];
    wb.set(
      'Condiciones',
      grid('Condiciones', 'Condiciones', termHeaders, [
        ['WMX-01', 'WMX', 'descuento en factura', 'venta bruta', 0.03, null, '2026-W10'],
        ['WMX-02', 'WMX', 'merma', 'venta bruta', 0.01, '2026-02', '2026-06'],
      ]),
    );
    wb.delete('Escalones');
    wb.delete('CostoServir');
    const m = parsed(wb).model;
    expect(m.terms[1]).toMatchObject({ periodFrom: '2026-02', periodTo: '2026-06' });
    expect(m.settings.periodicity).toBe('week');
    expect(m.periods).toHaveLength(53);
    expect(m.periods[52].id).toBe('2026-W53');
    expect(Array.from(m.lines.period)).toEqual([0, 1, 2]);
    expect(m.terms[0]).toMatchObject({ periodFrom: '2026-W01', periodTo: '2026-W10' });
  });

  test('without a Periodicity setting the BaseVolumes periods decide', () => {
    const wb = workbook();
    wb.set('Parametros', grid('Parametros', 'Parámetros', ['Parámetro', 'Valor'], []));
    wb.set(
      'VolumenesBase',
      grid(
        'VolumenesBase',
        'VB',
        ['ID cliente', 'SKU', 'Periodo', 'Volumen base', 'Precio de lista'],
        [['WMX', 'BOT-001', '2026-W05', 100, 230]],
      ),
    );
    wb.delete('Escalones');
    wb.delete('CostoServir');
    wb.set(
      'Condiciones',
      grid(
        'Condiciones',
        'Condiciones',
        ['ID condición', 'ID cliente', 'Tipo', 'Base', 'Tasa o monto'],
        [['WMX-01', 'WMX', 'descuento en factura', 'venta bruta', 0.03]],
      ),
    );
    const res = parseModel(wb);
    expect(res.ok && res.model.settings.periodicity).toBe('week');
    expect(res.ok && res.model.lines.period[0]).toBe(4);
    // An empty Settings table is allowed (all defaults) but worth a warning.
    expect(res.ok && res.warnings.map((w) => w.code)).toEqual(['settings_empty']);
  });

  test('warnings do not block: IEPS rate on a product without IEPS, rate beside tiers', () => {
    const wb = edit('Productos', (t) => setCell(t, 2, 'Tasa o cuota IEPS', 0.08));
    edit('Condiciones', (t) => setCell(t, 1, 'Tasa o monto', 0.05), wb);
    const res = parseModel(wb);
    expect(res.ok).toBe(true);
    const warnings = res.ok ? res.warnings : [];
    expect(warnings.map((w) => [w.code, w.address])).toEqual([
      ['ieps_rate_ignored', 'Productos!K4'],
      ['rate_ignored_with_tiers', 'Condiciones!F3'],
    ]);
    expect(warnings[1].es).toBe(
      'Tabla Condiciones, fila 3, columna «Tasa o monto» (Condiciones!F3): la condición tiene escalones; se ignora la tasa 0.05 de esta celda y se usan los escalones.',
    );
    expect(res.ok && res.model.products[2].iepsRate).toBe(0);
  });
});
