/**
 * Sheet "TT Escenarios" / "TT Scenarios": per negotiated customer, the scenarios as columns next to the base, the
 * metrics of both parties as rows with each scenario's delta against the base (MXN; percentage points for ratios),
 * and the guardrails each passes or fails with its distance to the limit; a chart-data table and its clustered bars
 * (contribution, the retailer's margin, the joint value, trade spend); and each scenario's price waterfall with its
 * chart. Deltas are live formulas over the table's own cells.
 */
import {
  fmtNumber,
  labelOf,
  METRIC_BY_ID,
  SCENARIO_KINDS,
  SCENARIO_STATUSES,
  type GuardrailCheck,
  type Lang,
  type Model,
  type Negotiation,
  type PartiesView,
  type Scenario,
  type Text,
} from '../../engine';
import type { ResultSheet } from '../port';
import { LABELS, RESULT_SHEET_NAMES, RESULT_TABLE_NAMES } from './names';
import { fx, NUMBER_FORMATS, SheetDraft, type Columns } from './tables';
import { hasWaterfall, waterfallSteps } from './waterfall-chart-sheet';

type Unit = 'mxn' | 'pct' | 'index';

/** One comparison row: which party, how it is named, its unit and where its value comes from. */
interface ComparisonRow {
  id: string;
  party: 'maker' | 'retailer' | 'joint';
  label: Text;
  unit: Unit;
  value: (v: PartiesView) => number | null;
}

const metric = (id: Parameters<typeof METRIC_BY_ID.get>[0]): Text => {
  const m = METRIC_BY_ID.get(id)!;
  return { es: m.es, en: m.en };
};

export const COMPARISON_ROWS: readonly ComparisonRow[] = [
  { id: 'gross_sales', party: 'maker', label: metric('gross_sales'), unit: 'mxn', value: (v) => v.maker.grossSales },
  { id: 'trade_spend', party: 'maker', label: metric('trade_spend'), unit: 'mxn', value: (v) => v.maker.tradeSpend },
  {
    id: 'trade_spend_pct',
    party: 'maker',
    label: metric('trade_spend_pct'),
    unit: 'pct',
    value: (v) => v.maker.tradeSpendPct,
  },
  { id: 'promo_spend', party: 'maker', label: metric('promo_spend'), unit: 'mxn', value: (v) => v.maker.promoSpend },
  { id: 'net_sales', party: 'maker', label: metric('net_sales'), unit: 'mxn', value: (v) => v.maker.netSales },
  { id: 'gross_profit', party: 'maker', label: metric('gross_profit'), unit: 'mxn', value: (v) => v.maker.grossProfit },
  {
    id: 'gross_margin_pct',
    party: 'maker',
    label: metric('gross_margin_pct'),
    unit: 'pct',
    value: (v) => v.maker.grossMarginPct,
  },
  {
    id: 'contribution',
    party: 'maker',
    label: metric('contribution'),
    unit: 'mxn',
    value: (v) => v.maker.contribution,
  },
  {
    id: 'contribution_pct',
    party: 'maker',
    label: metric('contribution_pct'),
    unit: 'pct',
    value: (v) => v.maker.contributionPct,
  },
  {
    id: 'price_index',
    party: 'maker',
    label: { es: 'Índice de precio vs competencia', en: 'Price index vs competition' },
    unit: 'index',
    value: (v) => v.maker.priceIndex,
  },
  {
    id: 'retailer_purchases',
    party: 'retailer',
    label: LABELS.retailer_purchases,
    unit: 'mxn',
    value: (v) => v.retailer.purchases,
  },
  {
    id: 'retailer_sales',
    party: 'retailer',
    label: LABELS.retailer_sales,
    unit: 'mxn',
    value: (v) => v.retailer.sales,
  },
  {
    id: 'retailer_front',
    party: 'retailer',
    label: LABELS.retailer_front,
    unit: 'mxn',
    value: (v) => v.retailer.front,
  },
  { id: 'retailer_back', party: 'retailer', label: LABELS.retailer_back, unit: 'mxn', value: (v) => v.retailer.back },
  {
    id: 'retailer_total',
    party: 'retailer',
    label: LABELS.retailer_total,
    unit: 'mxn',
    value: (v) => v.retailer.total,
  },
  {
    id: 'retailer_total_pct',
    party: 'retailer',
    label: LABELS.retailer_total_pct,
    unit: 'pct',
    value: (v) => v.retailer.totalPct,
  },
  {
    id: 'joint_value',
    party: 'joint',
    label: {
      es: 'Valor conjunto (contribución + margen del detallista)',
      en: 'Joint value (contribution + retailer margin)',
    },
    unit: 'mxn',
    value: (v) => v.joint,
  },
];

export const PARTY: Readonly<Record<ComparisonRow['party'], Text>> = {
  maker: { es: 'Fabricante', en: 'Maker' },
  retailer: { es: 'Detallista', en: 'Retailer' },
  joint: { es: 'Conjunto', en: 'Joint' },
};

/** Percentage points as a number ×100 with its own format; index points and MXN as they are. */
export const PP_FORMAT = '+0.00" pp";-0.00" pp";0.00" pp"';
const INDEX_FORMAT = '0.0';
const INDEX_DELTA_FORMAT = '+0.0;-0.0;0.0';

export function formatOf(unit: Unit | GuardrailCheck['unit'], money: string): string {
  return unit === 'pct' ? NUMBER_FORMATS.pct : unit === 'mxn' ? money : unit === 'index' ? INDEX_FORMAT : '0.00';
}

/** "✔ +0.3 pp" / "✘ −0.4 pp": the check and its distance to the limit, in the limit's unit. */
export function checkText(c: GuardrailCheck, lang: Lang): string {
  const mark = c.pass ? '✔' : '✘';
  if (c.distance === null) return `${mark} ${lang === 'es' ? 'sin dato' : 'no data'}`;
  const d = c.distance;
  const sign = d >= 0 ? '+' : '−';
  const a = Math.abs(d);
  const text =
    c.unit === 'pct'
      ? `${sign}${(a * 100).toFixed(2)} pp`
      : c.unit === 'mxn'
        ? `${sign}$${fmtNumber(a, 0)}`
        : `${sign}${a.toFixed(c.unit === 'index' ? 1 : 2)}`;
  return `${mark} ${text}`;
}

/** Unique column headers for a customer's scenarios: the name, or "name (id)" when two share it. */
export function scenarioHeaders(n: Negotiation): string[] {
  const names = n.scenarios.map((s) => s.scenario.name ?? s.scenario.id);
  return names.map((name, k) =>
    names.indexOf(name) !== k || name === '' ? `${name} (${n.scenarios[k].scenario.id})` : name,
  );
}

export function scenariosSheet(
  model: Model,
  negotiations: readonly Negotiation[],
  lang: Lang,
  cols: Columns,
  money: string,
): ResultSheet | null {
  if (negotiations.length === 0) return null;
  const sheet = new SheetDraft('scenarios', RESULT_SHEET_NAMES.scenarios[lang], false);
  let waterfallCharts = 0;
  for (const n of negotiations) {
    const c = model.customers.findIndex((x) => x.id === n.customerId);
    const headers = scenarioHeaders(n);
    const base = LABELS.base[lang];
    const d = sheet.table(
      RESULT_TABLE_NAMES.scenarios(c + 1),
      [
        cols.field('metric_id', 'text', 20),
        cols.field('party', 'text', 11),
        cols.field('metric', 'text', 44),
        cols.named('base', base, 'mxn', 17),
        ...n.scenarios.flatMap((_, k) => [
          cols.named(`s${k}`, headers[k], 'mxn', 17),
          cols.named(`d${k}`, `Δ ${headers[k]}`, 'mxn', 15),
        ]),
      ],
      lang === 'es'
        ? `Escenarios de ${n.customerName} (${n.customerId}) contra la base`
        : `${n.customerName} (${n.customerId}) scenarios against the base`,
    );
    // The kind and status of each scenario first, so the columns say what they are.
    d.add({
      metric_id: 'scenario_kind',
      party: '',
      metric: `${LABELS.scenario_kind[lang]} · ${LABELS.scenario_status[lang]}`,
      base: '',
      ...Object.fromEntries(
        n.scenarios.map((s, k) => [
          `s${k}`,
          `${labelOf(SCENARIO_KINDS, s.scenario.kind ?? 'proposal', lang)} · ${statusWord(s.scenario.status, lang)}`,
        ]),
      ),
    });
    const rowOf = new Map<string, number>();
    for (const r of COMPARISON_ROWS) {
      const row = d.nextRow;
      rowOf.set(r.id, row);
      const cells: Record<string, ReturnType<typeof fx> | number | string | null> = {
        metric_id: r.id,
        party: PARTY[r.party][lang],
        metric: r.label[lang],
        base: r.value(n.base),
      };
      n.scenarios.forEach((s, k) => {
        const v = r.value(s.comparison.view);
        const b = r.value(n.base);
        cells[`s${k}`] = v;
        const delta = v === null || b === null ? null : r.unit === 'pct' ? (v - b) * 100 : v - b;
        const ref = `${d.at(`s${k}`, row)}-${d.at('base', row)}`;
        cells[`d${k}`] =
          delta === null
            ? null
            : fx(
                r.unit === 'pct'
                  ? `=IF(OR(${d.at(`s${k}`, row)}="",${d.at('base', row)}=""),"",(${ref})*100)`
                  : `=${ref}`,
                delta,
              );
      });
      d.add(cells, r.id === 'contribution' || r.id === 'retailer_total' || r.id === 'joint_value');
      const f = formatOf(r.unit, money);
      d.formatLast('base', f);
      n.scenarios.forEach((_, k) => {
        d.formatLast(`s${k}`, f);
        d.formatLast(`d${k}`, r.unit === 'pct' ? PP_FORMAT : r.unit === 'index' ? INDEX_DELTA_FORMAT : money);
      });
    }
    // Guardrails: the value against the limit, ✔ or ✘ with the distance.
    for (const check of n.baseChecks) {
      const label = `${lang === 'es' ? 'Barrera' : 'Guardrail'}: ${check.label[lang]} ${check.side === 'min' ? '≥' : '≤'} ${limitText(check, lang)}`;
      d.add({
        metric_id: `guardrail.${check.id}`,
        party: PARTY.maker[lang],
        metric: label,
        base: checkText(check, lang),
        ...Object.fromEntries(
          n.scenarios.map((s, k) => {
            const sc = s.checks.find((x) => x.id === check.id);
            return [`s${k}`, sc ? checkText(sc, lang) : ''];
          }),
        ),
      });
    }
    // Chart data: the four sums the parties negotiate, live from the table above.
    const chartRows: [string, Text][] = [
      ['contribution', metric('contribution')],
      ['retailer_total', LABELS.retailer_total],
      ['joint_value', { es: 'Valor conjunto', en: 'Joint value' }],
      ['trade_spend', metric('trade_spend')],
    ];
    const chartName = RESULT_TABLE_NAMES.scenarioChart(c + 1);
    const metricCol = cols.field('metric', 'text', 44);
    const valueCols = [
      cols.named('base', base, 'mxn', 17),
      ...n.scenarios.map((_, k) => cols.named(`s${k}`, headers[k], 'mxn', 17)),
    ];
    const chart = sheet.table(
      chartName,
      [metricCol, ...valueCols],
      lang === 'es' ? `Gráfica: ${n.customerName} por escenario (MXN)` : `Chart: ${n.customerName} by scenario (MXN)`,
    );
    for (const [id, label] of chartRows) {
      const src = rowOf.get(id)!;
      const sourceRow = COMPARISON_ROWS.find((r) => r.id === id)!;
      chart.add({
        metric: label[lang],
        base: fx(`=${d.at('base', src)}`, sourceRow.value(n.base)),
        ...Object.fromEntries(
          n.scenarios.map((s, k) => [`s${k}`, fx(`=${d.at(`s${k}`, src)}`, sourceRow.value(s.comparison.view))]),
        ),
      });
    }
    sheet.charts.push({
      kind: 'bar',
      title: chart.title!,
      table: chartName,
      categoryColumn: metricCol.header,
      valueColumns: valueCols.map((x) => x.header),
    });
    // Each scenario's price waterfall per unit, with its chart.
    n.scenarios.forEach((s, k) => {
      // The customer's totals the comparison's view was read from (no recompute per scenario here).
      const totals = s.totals;
      if (!hasWaterfall(totals, model.settings.costToServePlacement)) return;
      waterfallSteps(
        sheet,
        RESULT_TABLE_NAMES.scenarioSteps(c + 1, k + 1),
        lang === 'es'
          ? `Cascada por unidad: ${headers[k]} (${n.customerId})`
          : `Waterfall per unit: ${headers[k]} (${n.customerId})`,
        totals,
        model.settings.costToServePlacement,
        lang,
        cols,
        waterfallCharts++ < MAX_SCENARIO_WATERFALLS,
      );
    });
  }
  return sheet.toSheet();
}

/** Native charts are heavy: the first scenarios' waterfalls get one. */
const MAX_SCENARIO_WATERFALLS = 12;

export function statusWord(status: Scenario['status'], lang: Lang): string {
  return labelOf(SCENARIO_STATUSES, status ?? 'draft', lang);
}

export function limitText(c: GuardrailCheck, lang: Lang): string {
  if (c.unit === 'pct') return lang === 'es' ? `${(c.limit * 100).toFixed(1)} %` : `${(c.limit * 100).toFixed(1)}%`;
  if (c.unit === 'mxn') return `$${fmtNumber(c.limit, 0)}`;
  return c.limit.toFixed(c.unit === 'index' ? 1 : 2);
}
