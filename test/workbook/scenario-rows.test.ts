/**
 * A scenario written back into the workbook (scenarioRows, saveScenario) is read back by the contract as the same
 * scenario: every kind of lever, in Spanish and in English, into new tables or into the workbook's own (any column
 * order, header aliases); saving again replaces its rows.
 */
import { MemoryWorkbook } from '../../src/hosts/memory';
import { parseModel, readModel } from '../../src/workbook/contract';
import { HostError, type CellValue, type TableGrid, type WorkbookHost } from '../../src/workbook/port';
import { saveScenario, scenarioRows } from '../../src/workbook/scenario-rows';
import type { Lang, Promotion, Scenario, ScenarioChange } from '../../src/engine';
import { FakeExcel, type SeedTable } from '../fakes/excel';
import { hostOn } from '../office/support';
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
  'Financiamiento',
  'Apoyo',
  'Incremento esperado',
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

/** The fixture workbook and one promotion (WMX-JR), without scenario tables. */
function inputs(): TableGrid[] {
  return [...workbook().values(), grid('Promociones', 'Promociones', PROMO_HEADERS, [PROMO])];
}

/** WMX-JR as the contract reads it: the event an added promotion copies. */
function template(): Promotion {
  const res = parseModel(new Map(inputs().map((t) => [t.name, t])));
  if (!res.ok) throw new Error(res.errors.map((e) => e.en).join('\n'));
  const { source: _source, ...p } = res.model.promotions![0];
  void _source;
  return p;
}

/**
 * WMX-JR copied as WMX-JR2, in store 1–16 September. The copy keeps the template's buy lead: the template buys from
 * 15 June (5 days before its 20 June start) to 30 June (5 days before its 5 July end), so the copy buys from 27 August
 * to 11 September.
 */
function addedPromotion(): Promotion {
  return {
    ...template(),
    id: 'WMX-JR2',
    inStoreWindow: { from: '2026-09-01', to: '2026-09-16' },
    buyWindow: { from: '2026-08-27', to: '2026-09-11' },
  };
}

const scenario = (id: string, changes: ScenarioChange[], extra: Partial<Scenario> = {}): Scenario => ({
  id,
  customerId: 'WMX',
  name: 'Propuesta anual',
  kind: 'proposal',
  status: 'sent',
  author: 'Ana López',
  date: '2026-10-15',
  notes: 'Un punto más de crecimiento',
  changes,
  ...extra,
});

/** One scenario per kind of lever (presence kinds with value false: true is the base, see the collapse test). */
const KINDS: [string, () => ScenarioChange[]][] = [
  ['term rate', () => [{ target: 'term', id: 'WMX-01', field: 'rate', value: 0.035 }]],
  ['term basis', () => [{ target: 'term', id: 'WMX-03', field: 'basis', value: 'invoice_sales' }]],
  [
    'tier from, to (no upper bound), rate',
    () => [
      { target: 'term_tier', id: 'WMX-02', index: 1, field: 'from', value: 1800 },
      { target: 'term_tier', id: 'WMX-02', index: 2, field: 'to', value: null },
      { target: 'term_tier', id: 'WMX-02', index: 0, field: 'rate', value: 0.015 },
    ],
  ],
  ['term removed', () => [{ target: 'term_present', id: 'WMX-03', value: false }]],
  [
    'promotion field, uplift from the elasticity',
    () => [
      { target: 'promotion', id: 'WMX-JR', field: 'depth', value: 0.25 },
      { target: 'promotion', id: 'WMX-JR', field: 'uplift', value: null },
      { target: 'promotion', id: 'WMX-JR', field: 'fixedCosts', value: 45_000 },
    ],
  ],
  [
    'promotion added (a copy) and changed',
    () => [
      { target: 'promotion_add', promotion: addedPromotion(), basedOn: 'WMX-JR' },
      { target: 'promotion', id: 'WMX-JR2', field: 'depth', value: 0.3 },
    ],
  ],
  ['promotion removed', () => [{ target: 'promotion_present', id: 'WMX-JR', value: false }]],
  [
    'price change',
    () => [
      {
        target: 'price_change',
        scope: { kind: 'category', values: ['Botanas'] },
        effectiveDate: '2026-03-01',
        changePct: 0.06,
      },
    ],
  ],
  [
    'volume, by SKU and for everything',
    () => [
      { target: 'volume', scope: { kind: 'sku', values: ['REF-001'] }, changePct: -0.05 },
      { target: 'volume', scope: { kind: 'all', values: [] }, changePct: 0.02 },
    ],
  ],
  ['cost to serve', () => [{ target: 'cost', kind: 'freight', field: 'rate', value: 0.02 }]],
];

/** The scenario as the contract gives it back, without where its rows are (source). */
function readBack(parsed: Scenario): Scenario {
  const { source: _s, changes, ...rest } = parsed;
  void _s;
  return {
    ...rest,
    changes: changes.map((c) => {
      const { source: _c, ...x } = c;
      void _c;
      return x;
    }),
  };
}

async function scenariosOf(host: WorkbookHost): Promise<Scenario[]> {
  const res = await readModel(host);
  if (!res.ok) throw new Error(res.errors.map((e) => e.en).join('\n'));
  return (res.model.scenarios ?? []).map(readBack);
}

describe.each<Lang>(['es', 'en'])('saved in %s, read back exactly', (lang) => {
  test.each(KINDS)('%s', async (_kind, changes) => {
    const host = MemoryWorkbook.fromTables('libro.xlsx', inputs());
    const written = scenario('WMX-P1', changes());
    await saveScenario(host, written, lang);
    expect(await scenariosOf(host)).toEqual([written]);
  });
});

test('every kind at once, twice: the second save replaces the rows, another scenario’s stay', async () => {
  const host = MemoryWorkbook.fromTables('libro.xlsx', inputs());
  const all = scenario(
    'WMX-P1',
    KINDS.flatMap(([, c]) => c()).filter((c) => c.target !== 'promotion_present' && c.target !== 'term_present'),
  );
  const counter = scenario('WMX-C1', [{ target: 'promotion_present', id: 'WMX-JR', value: false }], {
    name: 'Contrapropuesta',
    kind: 'counter_proposal',
    status: 'draft',
    author: '',
    date: '',
    notes: '',
  });
  const first = await saveScenario(host, all, 'es');
  expect(first).toEqual({
    scenarios: { table: 'Escenarios', sheet: 'Escenarios', rowsRemoved: 0, rowsAdded: 1 },
    changes: { table: 'CambiosEscenario', sheet: 'Cambios de escenario', rowsRemoved: 0, rowsAdded: 14 },
  });
  await saveScenario(host, counter, 'es');
  const again = await saveScenario(host, all, 'es');
  expect(again.changes).toMatchObject({ rowsRemoved: 14, rowsAdded: 14 });
  expect(host.table('Escenarios')!.rows.map((r) => r[0])).toEqual(['WMX-C1', 'WMX-P1']);
  expect(host.table('CambiosEscenario')!.rows).toHaveLength(15);
  expect(await scenariosOf(host)).toEqual([counter, all]);
  // Fewer levers: the rows shrink to them.
  const fewer = { ...all, changes: all.changes.slice(0, 2) };
  await saveScenario(host, fewer, 'es');
  expect(host.table('CambiosEscenario')!.rows).toHaveLength(3);
  expect(await scenariosOf(host)).toEqual([counter, fewer]);
});

test('new tables: the spec’s column order, headers and words in the run’s language, numbers and dates as such', () => {
  const s = scenario('WMX-P1', [
    { target: 'term', id: 'WMX-01', field: 'rate', value: 0.035 },
    {
      target: 'price_change',
      scope: { kind: 'category', values: ['Botanas', 'Refrescos'] },
      effectiveDate: '2026-03-01',
      changePct: 0.06,
    },
    { target: 'cost', kind: 'promotoria', field: 'rate', value: 0.01 },
  ]);
  const es = scenarioRows(s, null, 'es');
  expect(es.scenarioRow).toEqual([
    'WMX-P1',
    'WMX',
    'Propuesta anual',
    'propuesta',
    'enviado',
    'Ana López',
    '2026-10-15',
    'Un punto más de crecimiento',
  ]);
  // ID escenario, Acción, Objeto, ID objetivo, Escalón, Campo, Valor nuevo, Alcance, Valores del alcance, Desde,
  // Hasta, Copia de, Descripción.
  expect(es.changeRows).toEqual([
    ['WMX-P1', 'cambiar', 'condición', 'WMX-01', null, 'tasa', 0.035, null, null, null, null, null, null],
    [
      'WMX-P1',
      'agregar',
      'cambio de precio',
      null,
      null,
      'cambio %',
      0.06,
      'categoría',
      'Botanas; Refrescos',
      '2026-03-01',
      null,
      null,
      null,
    ],
    ['WMX-P1', 'cambiar', 'costo de servir', 'promotoría', null, 'tasa', 0.01, null, null, null, null, null, null],
  ]);
  const en = scenarioRows(s, null, 'en');
  expect(en.scenarioRow.slice(3, 5)).toEqual(['proposal', 'sent']);
  expect(en.changeRows[1].slice(1, 3)).toEqual(['add', 'price change']);
  expect(en.changeRows[2][3]).toBe('merchandising');
});

test('the workbook’s own tables: their column order and header aliases are kept, unknown columns left blank', async () => {
  const scenariosHeaders = ['Cliente', 'Escenario', 'Estado', 'Tipo', 'Nombre', 'Autor', 'Fecha', 'Notas'];
  const changeHeaders = [
    'Palanca',
    'Escenario',
    'Clave',
    'Campo',
    'Valor',
    'Escalón',
    'Acción',
    'Copia de',
    'Desde',
    'Hasta',
    'Alcance',
    'Valores del alcance',
  ];
  const rows = scenarioRows(
    scenario('WMX-P1', [{ target: 'term_tier', id: 'WMX-02', index: 1, field: 'from', value: 1800 }]),
    { scenarios: scenariosHeaders, changes: changeHeaders },
    'es',
  );
  expect(rows.scenarioRow).toEqual([
    'WMX',
    'WMX-P1',
    'enviado',
    'propuesta',
    'Propuesta anual',
    'Ana López',
    '2026-10-15',
    'Un punto más de crecimiento',
  ]);
  expect(rows.changeRows).toEqual([
    ['escalón', 'WMX-P1', 'WMX-02', 'desde', 1800, 2, 'cambiar', null, null, null, null, null],
  ]);

  // Saved into such tables (one existing row of another scenario) and read back.
  const host = MemoryWorkbook.fromTables('libro.xlsx', [
    ...inputs(),
    grid(
      'Escenarios',
      'Negociación',
      scenariosHeaders,
      [['WMX', 'WMX-C1', null, 'contrapropuesta', null, null, null, null]],
      2,
      2,
    ),
    grid(
      'Palancas',
      'Negociación',
      changeHeaders,
      [['condición', 'WMX-C1', 'WMX-01', 'tasa', 0.04, null, null, null, null, null, null, null]],
      2,
      12,
    ),
  ]);
  const s = scenario('WMX-P1', [
    { target: 'term_tier', id: 'WMX-02', index: 1, field: 'from', value: 1800 },
    { target: 'promotion_add', promotion: addedPromotion(), basedOn: 'WMX-JR' },
  ]);
  const report = await saveScenario(host, s, 'es');
  expect(report.scenarios).toEqual({ table: 'Escenarios', sheet: 'Negociación', rowsRemoved: 0, rowsAdded: 1 });
  expect(report.changes).toEqual({ table: 'Palancas', sheet: 'Negociación', rowsRemoved: 0, rowsAdded: 2 });
  const read = await scenariosOf(host);
  expect(read.map((x) => x.id)).toEqual(['WMX-C1', 'WMX-P1']);
  expect(read[1]).toEqual(s);
  expect(read[0].changes).toEqual([{ target: 'term', id: 'WMX-01', field: 'rate', value: 0.04 }]);
});

test('presence is a state: only the last lever of a term or promotion counts, and "present" writes nothing', () => {
  const rows = scenarioRows(
    scenario('S', [
      { target: 'term_present', id: 'WMX-03', value: false },
      { target: 'term', id: 'WMX-01', field: 'rate', value: 0.03 },
      { target: 'term_present', id: 'wmx-03', value: true },
      { target: 'promotion_present', id: 'WMX-JR', value: true },
      { target: 'promotion_present', id: 'WMX-JR', value: false },
    ]),
    null,
    'en',
  );
  expect(rows.changeRows.map((r) => r.slice(1, 4))).toEqual([
    ['change', 'term', 'WMX-01'],
    ['remove', 'promotion', 'WMX-JR'],
  ]);
});

/** The HostError a call throws (fails the test when it returns or throws something else). */
function thrown(f: () => unknown): HostError {
  try {
    f();
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a HostError');
}

test('what a table cannot hold is refused with a reason, never dropped', () => {
  const noCopy = scenario('S', [{ target: 'promotion_add', promotion: addedPromotion() }]);
  expect(thrown(() => scenarioRows(noCopy, null, 'es'))).toMatchObject({
    code: 'scenario_not_writable',
    en: 'Scenario "S" cannot be saved into the ScenarioChanges table: the added promotion "WMX-JR2" does not say which event it copies, and a ScenarioChanges row can only add a copy ("Copy of"); nothing was saved.',
  });
  // A table without Acción or Campo still takes a change of a rate (blank means both); a tier needs Escalón.
  const narrow = ['ID escenario', 'Objeto', 'ID objetivo', 'Valor nuevo'];
  const rate = scenario('S', [{ target: 'term', id: 'WMX-01', field: 'rate', value: 0.03 }]);
  expect(scenarioRows(rate, { scenarios: null, changes: narrow }, 'es').changeRows).toEqual([
    ['S', 'condición', 'WMX-01', 0.03],
  ]);
  const tier = scenario('S', [{ target: 'term_tier', id: 'WMX-02', index: 1, field: 'from', value: 1800 }]);
  expect(thrown(() => scenarioRows(tier, { scenarios: null, changes: narrow }, 'es'))).toMatchObject({
    code: 'scenario_not_writable',
    es: 'No se puede guardar el escenario «S» en la tabla CambiosEscenario: la tabla no tiene la columna «Escalón», que este escenario necesita; no se guardó nada.',
  });
});

test('a host that cannot write into its workbook (xlsx) says so in es and en', async () => {
  const host: WorkbookHost = {
    kind: 'xlsx',
    listTables: () => Promise.resolve([]),
    readTables: () => Promise.resolve(new Map()),
    describeSource: () => Promise.resolve({ name: 'in.xlsx', fingerprint: '0', fingerprintOf: 'file' }),
    writeResults: () => Promise.reject(new Error('not used')),
  };
  const err = await saveScenario(host, scenario('S', []), 'es').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HostError);
  expect(err).toMatchObject({
    code: 'save_unsupported',
    es: 'Este libro no admite guardar escenarios (los resultados van a un archivo nuevo y el libro de entrada no se modifica). Agregue el escenario a las tablas Escenarios y CambiosEscenario en Excel.',
    en: 'This workbook cannot save scenarios (results go to a new file and the input workbook is never changed). Add the scenario to the Scenarios and ScenarioChanges tables in Excel.',
  });
});

test('through the Office host too: the tables created in Excel, then replaced, read back exactly', async () => {
  const fake = new FakeExcel({ sheets: ['Portada'] });
  for (const t of inputs()) fake.seedTable({ ...t, rows: t.rows as SeedTable['rows'] });
  const host = hostOn(fake);
  const all = scenario(
    'WMX-P1',
    KINDS.flatMap(([, c]) => c()).filter((c) => c.target !== 'term_present'),
  );
  await saveScenario(host, all, 'es');
  await saveScenario(host, all, 'es');
  expect(fake.table('CambiosEscenario').rows).toHaveLength(15);
  expect(fake.table('Escenarios').rows).toEqual([
    [
      'WMX-P1',
      'WMX',
      'Propuesta anual',
      'propuesta',
      'enviado',
      'Ana López',
      '2026-10-15',
      'Un punto más de crecimiento',
    ],
  ]);
  expect(await scenariosOf(host)).toEqual([all]);
});
