/** The contract specs are data: check they are consistent with the engine's model and free of ambiguities. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/engine/model';
import * as V from '../../src/engine/vocabulary';
import { TERM_KINDS as TERM_KIND_WORDS } from '../../src/engine/term-kinds';

const ids = V.idsOf;
const [CHANNELS, IEPS_KINDS, TERM_KINDS, BASES, ALLOCATION_KEYS, COST_TO_SERVE_KINDS] = [
  ids(V.CHANNELS),
  ids(V.IEPS_KINDS),
  ids(TERM_KIND_WORDS),
  ids(V.BASES),
  ids(V.ALLOCATION_KEYS),
  ids(V.COST_TO_SERVE_KINDS),
];
import {
  ERROR_CODES,
  INPUT_TABLES,
  SETTING_SPECS,
  WARNING_CODES,
  matchTableName,
  tableSpec,
} from '../../src/workbook/contract';
import { squash } from '../../src/workbook/contract/normalize';
import * as S from '../../src/workbook/contract/specs';

const namesOf = (x: { es: string; en: string; aliases?: string[] }) => [x.es, x.en, ...(x.aliases ?? [])];

describe('contract specs', () => {
  test.each(INPUT_TABLES.map((t) => [t.en, t] as const))(
    '%s: no header text maps to two columns, none folds to nothing',
    (_, spec) => {
      const owner = new Map<string, string>();
      for (const c of spec.columns) {
        for (const name of namesOf(c)) {
          const k = squash(name);
          expect(k).not.toBe('');
          const prev = owner.get(k);
          if (prev !== undefined && prev !== c.id) throw new Error(`${spec.en}: "${name}" is both ${prev} and ${c.id}`);
          owner.set(k, c.id);
        }
      }
    },
  );

  test('enum value lists: no spelling means two values; each covers its model type exactly', () => {
    const lists: [S.EnumValue[], readonly string[]][] = [
      [S.CHANNEL_VALUES, CHANNELS],
      [S.IEPS_KIND_VALUES, IEPS_KINDS],
      [S.TERM_KIND_VALUES, TERM_KINDS],
      [S.TERM_BASIS_VALUES, BASES],
      [S.COST_BASIS_VALUES, ['gross_sales', 'invoice_sales', 'volume', 'kg', 'litres', 'fixed_amount']],
      [S.ALLOCATION_VALUES, ALLOCATION_KEYS],
      [S.COST_KIND_VALUES, COST_TO_SERVE_KINDS],
      [S.SCOPE_KIND_VALUES, ['all', 'category', 'brand', 'sku']],
      [S.TIER_METHOD_VALUES, ['all_units', 'marginal']],
      [S.MEASURE_VALUES, ['volume', 'gross_sales', 'invoice_sales', 'growth', 'manual']],
      [S.GROWTH_PAY_ON_VALUES, ['excess', 'whole']],
      [S.PROMO_MECHANIC_VALUES, ['price_off_pct', 'price_off_amount', 'multibuy', 'feature', 'display']],
      [S.PROMO_FUNDING_VALUES, ['off_invoice', 'bill_back', 'scan_back', 'lump_sum']],
      [S.UNIT_BASIS_VALUES, ['unit', 'litre', 'kg']],
      [S.ELASTICITY_FORM_VALUES, ['constant', 'linear']],
      [S.PERIODICITY_VALUES, ['month', 'week']],
      [S.PLACEMENT_VALUES, ['inside_waterfall', 'below_waterfall']],
      [S.INTERIM_POLICY_VALUES, ['forecast_year_end', 'tier_reached_so_far']],
      [S.ROI_VARIANT_VALUES, ['gross_roi', 'net_roi']],
    ];
    for (const [values, model] of lists) {
      expect(values.map((v) => v.id)).toEqual([...model]);
      const owner = new Map<string, string>();
      for (const v of values) {
        for (const name of [v.id, ...namesOf(v)]) {
          const k = squash(name);
          expect(k).not.toBe('');
          const prev = owner.get(k);
          if (prev !== undefined && prev !== v.id) throw new Error(`"${name}" is both ${prev} and ${v.id}`);
          owner.set(k, v.id);
        }
      }
    }
  });

  test('the Spanish term-kind names of the brief are accepted', () => {
    const ids = new Map(S.TERM_KIND_VALUES.flatMap((v) => namesOf(v).map((n) => [squash(n), v.id] as const)));
    const brief = [
      'descuento en factura',
      'bono por volumen',
      'plan de crecimiento',
      'bono por objetivo',
      'pronto pago',
      'centralización',
      'merma',
      'cuota de alta',
      'cuota de exhibición',
      'aportación/co-op',
      'apoyo logístico',
      'comisión marketplace',
      'tarifa fulfillment',
    ];
    expect(brief.map((b) => ids.get(squash(b)))).toEqual([...TERM_KINDS]);
  });

  test('settings keys cover every Settings field, and only those', () => {
    expect(SETTING_SPECS.map((s) => s.id).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    const owner = new Map<string, string>();
    for (const s of SETTING_SPECS)
      for (const n of namesOf(s)) {
        const prev = owner.get(squash(n));
        if (prev !== undefined && prev !== s.id) throw new Error(`"${n}" is both ${prev} and ${s.id}`);
        owner.set(squash(n), s.id);
      }
  });

  test('table names: English, Spanish and aliases, case- and accent-insensitive, never ambiguous', () => {
    expect(tableSpec('clientes')?.id).toBe('Customers');
    expect(tableSpec('VOLÚMENES BASE')?.id).toBe('BaseVolumes');
    expect(tableSpec('CostoServir')?.id).toBe('CostToServe');
    expect(tableSpec('Parámetros')?.id).toBe('Settings');
    expect(tableSpec('Escalones')?.id).toBe('TermTiers');
    expect(tableSpec('Ventas')).toBeUndefined();
    expect(matchTableName('Terms')).toMatchObject({ spanish: false });
    expect(matchTableName('Condiciones')).toMatchObject({ spanish: true });
    const owner = new Map<string, string>();
    for (const t of INPUT_TABLES)
      for (const n of [t.en, t.es, ...t.aliases]) {
        const prev = owner.get(squash(n));
        if (prev !== undefined && prev !== t.id) throw new Error(`"${n}" is both ${prev} and ${t.id}`);
        owner.set(squash(n), t.id);
      }
  });

  test('required tables are Customers, Products, BaseVolumes, Terms, Settings', () => {
    expect(
      INPUT_TABLES.filter((t) => t.required)
        .map((t) => t.en)
        .sort(),
    ).toEqual(['BaseVolumes', 'Customers', 'Products', 'Settings', 'Terms']);
  });
});

describe('docs/workbook.md documents the whole contract', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'workbook.md'), 'utf8');

  test('every table, column header (es and en) and setting key', () => {
    const missing: string[] = [];
    for (const t of INPUT_TABLES) {
      if (!doc.includes(`## ${t.es} / ${t.en}`)) missing.push(`section ${t.es} / ${t.en}`);
      for (const c of t.columns)
        for (const h of [c.es, c.en]) if (!doc.includes(`| ${h} |`)) missing.push(`${t.en}.${h}`);
    }
    for (const s of SETTING_SPECS)
      for (const h of [s.es, s.en]) if (!doc.includes(`| ${h} |`)) missing.push(`setting ${h}`);
    expect(missing).toEqual([]);
  });

  test('every error and warning code', () => {
    expect([...ERROR_CODES, ...WARNING_CODES].filter((code) => !doc.includes(`| \`${code}\` |`))).toEqual([]);
  });
});

test('column ids are a typed union: a misspelt id does not compile (checked by npm run typecheck)', () => {
  const known: S.ColumnId[] = ['customerId', 'paymentDays', 'tierMethod', 'from'];
  // @ts-expect-error "custmerId" is no column of any input table
  const misspelt: S.ColumnId = 'custmerId';
  expect(known.every((id) => S.INPUT_TABLES.some((t) => t.columns.some((c) => c.id === id)))).toBe(true);
  expect(S.INPUT_TABLES.some((t) => t.columns.some((c) => c.id === misspelt))).toBe(false);
});
