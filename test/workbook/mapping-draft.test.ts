/**
 * The mapping as the pane edits it (src/workbook/mapping/draft.ts): suggested from the user's headers, read back from
 * the saved mapping, checked, previewed through the run's own code and written as the mapping table's rows. The
 * fixtures are the KAM-style workbooks of test/fixtures/mapped-workbooks.ts, whose saved mappings were written by hand
 * (and give the same results as the contract tables): a suggestion must rebuild them exactly.
 */
import { BASE_VOLUMES, CUSTOMERS, PRODUCTS, TERMS } from '../../src/workbook/contract/specs';
import {
  coverageOf,
  draftIssues,
  draftOfRules,
  mappingRowsOf,
  newMappingTable,
  previewOf,
  suggestDraft,
  type TableDraft,
} from '../../src/workbook/mapping/draft';
import { periodOfYearMonth, readMapping } from '../../src/workbook/mapping/mapping';
import { HostError, type TableGrid } from '../../src/workbook/port';
import { erpExport, MONTH_HEADERS, wideMonthlyPlan } from '../fixtures/mapped-workbooks';

const FIXTURE_HEADERS = ['Versión', 'Tabla', 'Columna', 'Origen', 'Columna de origen', 'Constante'];

describe('an ERP export: the suggestions rebuild the saved mapping', () => {
  test('sales, catalogue and the hand-typed terms: the same rows as the fixture’s mapping', async () => {
    const k = await erpExport();
    const saved = k.table('ttm_Mapeo').rows;
    const sales = suggestDraft(BASE_VOLUMES, [k.table('VentasERP')]);
    expect(sales.draft.columns).toEqual({
      customerId: { kind: 'column', header: 'Cve. cliente' },
      sku: { kind: 'column', header: 'Material' },
      period: { kind: 'column', header: 'Mes' },
      baselineVolume: { kind: 'column', header: 'Ctd. plan' },
      actualVolume: { kind: 'column', header: 'Ctd. facturada' },
      listPrice: { kind: 'column', header: 'Precio lista' },
      priorVolume: { kind: 'column', header: 'Ctd. año anterior' },
      priorListPrice: { kind: 'column', header: 'Precio lista año ant.' },
    });
    const rows = [
      ...mappingRowsOf(BASE_VOLUMES, sales.draft, 'es', FIXTURE_HEADERS),
      ...mappingRowsOf(CUSTOMERS, suggestDraft(CUSTOMERS, [k.table('CatalogoClientes')]).draft, 'es', FIXTURE_HEADERS),
      ...mappingRowsOf(TERMS, suggestDraft(TERMS, [k.table('AcuerdosKAM')]).draft, 'es', FIXTURE_HEADERS),
    ];
    // Same rows, possibly in another order (the draft writes them in the contract's column order).
    const key = (r: unknown[]) => JSON.stringify(r);
    expect(rows.map(key).sort()).toEqual(saved.map(key).sort());
    expect(rows[0]).toEqual([1, 'VolumenesBase', 'ID cliente', 'VentasERP', 'Cve. cliente', null]);
  });

  test('the saved mapping read back is the same draft (edit what was saved)', async () => {
    const k = await erpExport();
    const { rules, errors } = readMapping(k.table('ttm_Mapeo'));
    expect(errors).toEqual([]);
    for (const [spec, source] of [
      [BASE_VOLUMES, 'VentasERP'],
      [CUSTOMERS, 'CatalogoClientes'],
      [TERMS, 'AcuerdosKAM'],
    ] as const)
      expect(draftOfRules(spec, rules)).toEqual(suggestDraft(spec, [k.table(source)]).draft);
    // A table the mapping does not build: an empty draft.
    expect(draftOfRules(PRODUCTS, rules)).toEqual({ table: 'Products', sources: [], columns: {} });
  });

  test('coverage and the preview: what will be read, as the contract reads it', async () => {
    const k = await erpExport();
    const sales = k.table('VentasERP');
    const { draft } = suggestDraft(BASE_VOLUMES, [sales]);
    expect(draftIssues(BASE_VOLUMES, draft)).toEqual([]);
    const cov = coverageOf(BASE_VOLUMES, draft);
    expect(cov.filter((c) => c.coverage === 'read').map((c) => c.column.id)).toEqual([
      'customerId',
      'sku',
      'period',
      'baselineVolume',
      'actualVolume',
      'listPrice',
      'priorVolume',
      'priorListPrice',
    ]);
    expect(cov.every((c) => c.coverage === 'read' || c.coverage === 'default')).toBe(true);
    const preview = previewOf(BASE_VOLUMES, draft, new Map([['VentasERP', sales]]), 'es', 3);
    expect(preview.errors).toEqual([]);
    expect(preview.total).toBe(sales.rows.length);
    expect(preview.headers).toEqual([
      'ID cliente',
      'SKU',
      'Periodo',
      'Volumen base',
      'Volumen real',
      'Precio de lista',
      'Volumen año anterior',
      'Precio de lista año anterior',
    ]);
    // The sample's first sale: Walmart, the 600 ml bottle, January 2026, as the ERP table has it cell for cell.
    expect(preview.rows[0].slice(0, 3)).toEqual(['WMX', 'BOT-001', '2026-01']);
    expect(preview.rows).toEqual(sales.rows.slice(0, 3));
  });
});

describe('a monthly plan, one sheet per customer', () => {
  async function plan(): Promise<{ tables: TableGrid[]; saved: unknown[][] }> {
    const { wide } = await wideMonthlyPlan();
    return {
      tables: wide.tables.filter((t) => t.name.startsWith('PL_')),
      saved: wide.table('ttm_Mapeo').rows,
    };
  }

  test('months across unpivoted into the period (the fiscal year given), their number as the base volume, the customer from each sheet', async () => {
    const { tables, saved } = await plan();
    const { draft, suggested } = suggestDraft(BASE_VOLUMES, tables, 2026);
    expect(draft.columns).toEqual({
      customerId: { kind: 'sheet' },
      sku: { kind: 'column', header: 'SKU' },
      listPrice: { kind: 'column', header: 'Precio lista' },
      period: { kind: 'months', headers: MONTH_HEADERS, year: 2026, split: null },
      baselineVolume: { kind: 'value' },
    });
    expect(suggested.sort()).toEqual(['baselineVolume', 'customerId', 'listPrice', 'period', 'sku']);
    const rows = mappingRowsOf(BASE_VOLUMES, draft, 'es', FIXTURE_HEADERS);
    const key = (r: unknown[]) => JSON.stringify(r);
    expect(rows.map(key).sort()).toEqual(saved.map(key).sort());
  });

  test('the preview: twelve rows per SKU, the month’s number under Volumen base', async () => {
    const { tables } = await plan();
    const { draft } = suggestDraft(BASE_VOLUMES, tables, 2026);
    const sources = new Map(tables.map((t) => [t.name, t]));
    const preview = previewOf(BASE_VOLUMES, draft, sources, 'en', 13);
    expect(preview.errors).toEqual([]);
    expect(preview.headers).toEqual(['Customer ID', 'SKU', 'Period', 'Baseline volume', 'List price']);
    const wmx = tables.find((t) => t.name === 'PL_WMX')!;
    expect(preview.total).toBe(12 * tables.reduce((n, t) => n + t.rows.length, 0));
    const [sku, price, jan, feb] = wmx.rows[0];
    expect(preview.rows[0]).toEqual(['WMX', sku, '2026-01', jan, price]);
    expect(preview.rows[1]).toEqual(['WMX', sku, '2026-02', feb, price]);
    expect(preview.rows[12]).toEqual(['WMX', wmx.rows[1][0], '2026-01', wmx.rows[1][2], wmx.rows[1][1]]);
  });

  test('what is left to decide: the year of «Ene», the split of quarters, the number of each month', async () => {
    const { tables } = await plan();
    const noYear = suggestDraft(BASE_VOLUMES, tables).draft;
    expect(draftIssues(BASE_VOLUMES, noYear).map((t) => t.es)).toEqual([
      '«Periodo»: escriba el año de las columnas de meses (Ene, Feb, Mar…).',
    ]);
    const quarters: TableDraft = {
      ...noYear,
      columns: {
        ...noYear.columns,
        period: { kind: 'months', headers: ['2026-T1', '2026-T2'], year: null, split: null },
      },
    };
    expect(draftIssues(BASE_VOLUMES, quarters).map((t) => t.en)).toEqual([
      '"Period": say how each quarter is split into its three months.',
    ]);
    const seasonal: TableDraft = {
      ...quarters,
      columns: {
        ...quarters.columns,
        period: { kind: 'months', headers: ['2026-T1'], year: null, split: [30, 30, 40] },
      },
    };
    expect(draftIssues(BASE_VOLUMES, seasonal)).toEqual([]);
    expect(
      mappingRowsOf(BASE_VOLUMES, seasonal, 'es', newMappingTable('es').headers).find((r) => r[2] === 'Periodo'),
    ).toEqual([1, 'VolumenesBase', 'Periodo', tables.map((t) => t.name).join('; '), '2026-T1', null, 'pesos 30/30/40']);
    const noValue: TableDraft = {
      ...seasonal,
      columns: { ...seasonal.columns, baselineVolume: { kind: 'column', header: 'Ene' } },
    };
    expect(draftIssues(BASE_VOLUMES, noValue).map((t) => t.es)).toEqual([
      'Elija qué columna toma el número de cada mes («Valor del mes»).',
    ]);
  });
});

describe('choices the KAM must make, never silently', () => {
  const sales: TableGrid = {
    name: 'Ventas',
    sheet: 'Ventas',
    headerRow: 1,
    firstColumn: 1,
    headers: ['Cliente', 'Material', 'Mes', 'Cantidad', 'Importe'],
    rows: [['WMX', 'BOT-001', '2026-01', 100, 1250]],
  };

  test('a list price from «Importe / Cantidad» only from a gross amount, said so', () => {
    const base = suggestDraft(BASE_VOLUMES, [sales]).draft;
    // «Importe» is never suggested as a price; «Cantidad» is the invoiced quantity.
    expect(base.columns.listPrice).toBeUndefined();
    expect(base.columns.actualVolume).toEqual({ kind: 'column', header: 'Cantidad' });
    const unsaid: TableDraft = {
      ...base,
      columns: {
        ...base.columns,
        baselineVolume: { kind: 'column', header: 'Cantidad' },
        listPrice: { kind: 'ratio', amount: 'Importe', quantity: 'Cantidad', amountIs: null },
      },
    };
    expect(draftIssues(BASE_VOLUMES, unsaid).map((t) => t.es)).toEqual([
      '«Precio de lista»: diga si «Importe» es un importe bruto o neto.',
    ]);
    const net: TableDraft = {
      ...unsaid,
      columns: {
        ...unsaid.columns,
        listPrice: { kind: 'ratio', amount: 'Importe', quantity: 'Cantidad', amountIs: 'net' },
      },
    };
    expect(draftIssues(BASE_VOLUMES, net)[0].en).toBe(
      '"List price" is not computed from a net amount (after on-invoice discounts): pick the list-price column or a gross amount.',
    );
    const gross: TableDraft = {
      ...unsaid,
      columns: {
        ...unsaid.columns,
        listPrice: { kind: 'ratio', amount: 'Importe', quantity: 'Cantidad', amountIs: 'gross' },
      },
    };
    expect(draftIssues(BASE_VOLUMES, gross)).toEqual([]);
    const preview = previewOf(BASE_VOLUMES, gross, new Map([['Ventas', sales]]), 'es');
    // 1,250 ÷ 100 = 12.50 per unit.
    expect(preview.headers).toEqual([
      'ID cliente',
      'SKU',
      'Periodo',
      'Volumen base',
      'Volumen real',
      'Precio de lista',
    ]);
    expect(preview.rows).toEqual([['WMX', 'BOT-001', '2026-01', 100, 100, 12.5]]);
    expect(mappingRowsOf(BASE_VOLUMES, gross, 'en', newMappingTable('en').headers).at(-1)).toEqual([
      1,
      'BaseVolumes',
      'List price',
      'Ventas',
      'Importe / Cantidad',
      null,
      'gross',
    ]);
  });

  test('a required column unmapped, and a constant', () => {
    const base = suggestDraft(PRODUCTS, [sales]).draft;
    expect(base.columns).toEqual({ sku: { kind: 'column', header: 'Material' } });
    const issues = draftIssues(PRODUCTS, base).map((t) => t.es);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatch(/^«.+» es obligatoria: elija su columna o escriba una constante\.$/);
    const cov = coverageOf(PRODUCTS, base);
    expect(cov.filter((c) => c.coverage === 'missing').length).toBe(issues.length);

    const constant: TableDraft = {
      table: 'BaseVolumes',
      sources: ['Ventas'],
      columns: { customerId: { kind: 'constant', value: 'WMX' }, sku: { kind: 'column', header: 'Material' } },
    };
    expect(mappingRowsOf(BASE_VOLUMES, constant, 'es', FIXTURE_HEADERS)).toEqual([
      [1, 'VolumenesBase', 'ID cliente', null, null, 'WMX'],
      [1, 'VolumenesBase', 'SKU', 'Ventas', 'Material', null],
    ]);
    expect(coverageOf(BASE_VOLUMES, constant).find((c) => c.column.id === 'customerId')!.coverage).toBe('constant');
  });
});

test('a mapping table without «Regla» refuses a row that needs a rule, saying which column to add', () => {
  const draft: TableDraft = {
    table: 'BaseVolumes',
    sources: ['Ventas'],
    columns: { listPrice: { kind: 'ratio', amount: 'Importe', quantity: 'Cantidad', amountIs: 'gross' } },
  };
  let error: unknown;
  try {
    mappingRowsOf(BASE_VOLUMES, draft, 'es', FIXTURE_HEADERS);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HostError);
  expect((error as HostError).code).toBe('mapping_not_writable');
  expect((error as HostError).es).toBe(
    'La tabla de mapeo no tiene la columna «Regla», y «Precio de lista» la necesita; no se guardó nada. Agregue esa columna a la tabla de mapeo y vuelva a guardar.',
  );
});

describe('a period from a year and a month (as ERP exports split them)', () => {
  const sap: TableGrid = {
    name: 'VentasSAP',
    sheet: 'SAP',
    headerRow: 1,
    firstColumn: 1,
    headers: ['Cliente', 'Material', 'Ejercicio', 'Período', 'Ctd. plan', 'Precio lista'],
    rows: [
      ['WMX', 'BOT-001', 2026, '001', 784, 223.7],
      ['WMX', 'BOT-001', 2026, '012', 958, 223.7],
      ['WMX', 'BOT-001', '2026', 'Mar', 858, 223.7],
    ],
  };

  test('months as 001, 12 or Mar with the year of their row: «Ejercicio + Período», suggested and previewed', () => {
    expect(periodOfYearMonth(2026, '003')).toBe('2026-03');
    expect(periodOfYearMonth('2026', 12)).toBe('2026-12');
    expect(periodOfYearMonth(2026, 'marzo')).toBe('2026-03');
    expect(periodOfYearMonth(2026, '13')).toBeUndefined();
    expect(periodOfYearMonth('26', 3)).toBeUndefined();
    const { draft } = suggestDraft(BASE_VOLUMES, [sap]);
    expect(draft.columns.period).toEqual({ kind: 'yearMonth', month: 'Período', yearColumn: 'Ejercicio', year: null });
    expect(draftIssues(BASE_VOLUMES, draft)).toEqual([]);
    expect(mappingRowsOf(BASE_VOLUMES, draft, 'es', newMappingTable('es').headers)[2]).toEqual([
      1,
      'VolumenesBase',
      'Periodo',
      'VentasSAP',
      'Ejercicio + Período',
      null,
      null,
    ]);
    const preview = previewOf(BASE_VOLUMES, draft, new Map([['VentasSAP', sap]]), 'es');
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => r[2])).toEqual(['2026-01', '2026-12', '2026-03']);
    // Read back from the saved rows: the same draft.
    const grid: TableGrid = {
      ...newMappingTable('es'),
      headerRow: 1,
      firstColumn: 1,
      rows: mappingRowsOf(BASE_VOLUMES, draft, 'es', newMappingTable('es').headers),
    };
    expect(draftOfRules(BASE_VOLUMES, readMapping(grid).rules)).toEqual(draft);
  });

  test('without a year column: the fiscal year, as the month column’s constant; none known, the KAM is asked', () => {
    const noYear: TableGrid = {
      ...sap,
      headers: ['Cliente', 'Material', 'Mes', 'Ctd. plan', 'Precio lista'],
      rows: sap.rows.map((r) => [r[0], r[1], r[3], r[4], r[5]]),
    };
    const withYear = suggestDraft(BASE_VOLUMES, [noYear], 2026).draft;
    expect(withYear.columns.period).toEqual({ kind: 'yearMonth', month: 'Mes', yearColumn: null, year: 2026 });
    expect(mappingRowsOf(BASE_VOLUMES, withYear, 'en', newMappingTable('en').headers)[2]).toEqual([
      1,
      'BaseVolumes',
      'Period',
      'VentasSAP',
      'Mes',
      2026,
      null,
    ]);
    expect(previewOf(BASE_VOLUMES, withYear, new Map([['VentasSAP', noYear]]), 'en').rows.map((r) => r[2])).toEqual([
      '2026-01',
      '2026-12',
      '2026-03',
    ]);
    const unknown = suggestDraft(BASE_VOLUMES, [noYear]).draft;
    expect(draftIssues(BASE_VOLUMES, unknown).map((t) => t.es)).toEqual([
      '«Periodo»: elija la columna del año o escriba el año de «Mes».',
    ]);
    // A column of periods ("2026-03") stays a plain column.
    expect(
      suggestDraft(BASE_VOLUMES, [{ ...noYear, rows: [['WMX', 'BOT-001', '2026-03', 5, 20]] }]).draft.columns.period,
    ).toEqual({ kind: 'column', header: 'Mes' });
  });
});
