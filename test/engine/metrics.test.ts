import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeModel, emptyTotals, METRIC_BY_ID, METRICS, metricValue, type MetricId } from '../../src/engine';
import { buildModel, customer, product, term } from './build';

describe('metric registry', () => {
  test('ids are unique snake_case; every metric has es and en labels, formula text and a unit', () => {
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    for (const m of METRICS) {
      expect(m.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(m.es.length).toBeGreaterThan(2);
      expect(m.en.length).toBeGreaterThan(2);
      expect(m.formula.es.length).toBeGreaterThan(5);
      expect(m.formula.en.length).toBeGreaterThan(5);
      expect(['mxn', 'mxn_unit', 'pct', 'units', 'rate']).toContain(m.unit);
    }
    expect(METRIC_BY_ID.get('gross_sales')).toMatchObject({ es: 'Venta bruta', en: 'Gross sales', unit: 'mxn' });
  });

  test('every P&L and waterfall metric has a value from totals; term and accrual metrics do not', () => {
    // 100 u × $10 list, 10 % on invoice, 5 % off invoice, COGS $4/u:
    // gross 1,000; on-invoice 100; invoice 900; off 45; net 855; COGS 400; GP 455
    const r = computeModel(
      buildModel({
        customers: [customer({ id: 'C' })],
        products: [product({ sku: 'P', cogsPerUnit: 4 })],
        lines: [{ customer: 'C', sku: 'P', period: '2026-01', baseline: 100, list: 10 }],
        terms: [
          term({ id: 'D', customerId: 'C', onInvoice: true, kind: 'on_invoice_discount', rate: 0.1 }),
          term({ id: 'R', customerId: 'C', basis: 'invoice_sales', rate: 0.05 }),
        ],
      }),
    );
    const t = r.portfolio;
    const v = (id: MetricId) => metricValue(id, t, 'below_waterfall');
    expect(v('trade_spend')).toBeCloseTo(145, 9);
    expect(v('trade_spend_pct')).toBeCloseTo(0.145, 12);
    expect(v('gross_margin_pct')).toBeCloseTo(455 / 855, 12);
    expect(v('contribution_pct')).toBeCloseTo(455 / 855, 12);
    expect(v('pocket_price')).toBeCloseTo(8.55, 12);
    expect(v('pocket_margin_pct')).toBeCloseTo(4.55 / 8.55, 12);
    expect(v('leakage_pct')).toBeCloseTo(0.145, 12);
    for (const m of METRICS.filter((x) => x.group === 'pnl' || x.group === 'waterfall')) {
      expect(Number.isFinite(metricValue(m.id, t, 'inside_waterfall'))).toBe(true);
    }
    expect(metricValue('gross_margin_pct', emptyTotals(), 'below_waterfall')).toBeNaN();
    expect(() => metricValue('term_amount', t, 'below_waterfall')).toThrow(/not computed from P&L totals/);
  });

  test('docs/engine.md lists every metric id with its labels', () => {
    const doc = readFileSync(join(__dirname, '../../docs/engine.md'), 'utf8');
    for (const m of METRICS) {
      expect(doc).toContain(`| \`${m.id}\` | ${m.es} | ${m.en} |`);
    }
  });
});
