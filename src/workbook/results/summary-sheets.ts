/**
 * The two summaries of a negotiated customer, each on one Letter page at an explicit scale that keeps text at 8 pt
 * or more (print area, title rows, a header with the customer and the date):
 *
 * - "TT Resumen <id>" / "TT Summary <id>", internal: headline figures of the base and up to three scenarios
 *   (proposal, counter-proposal…), what we give and what we get per lever, the guardrails, the walk-away points,
 *   the events ranked by ROI and a few sentences generated from the numbers.
 * - "TT Carta <id>" / "TT Letter <id>", for the customer: what the retailer gets and what it gives in the proposal,
 *   and its own P&L on our products before and after. It never shows our contribution, margins, floors, limits or
 *   walk-away points (a test reads every cell for them).
 */
import {
  describeChange,
  fmtNumber,
  labelOf,
  negotiationSentences,
  SCENARIO_KINDS,
  type Lang,
  type Model,
  type Negotiation,
  type ScenarioChange,
  type ScenarioNegotiation,
  type Text,
} from '../../engine';
import type { PrintSetup, ResultSheet, ResultTable } from '../port';
import { LABELS, RESULT_TABLE_NAMES, SUMMARY_SHEETS } from './names';
import {
  checkText,
  COMPARISON_ROWS,
  formatOf,
  limitText,
  PP_FORMAT,
  scenarioHeaders,
  statusWord,
} from './scenarios-sheet';
import { leverFormat } from './walk-away-sheet';
import { NUMBER_FORMATS, placeTables, SheetDraft, type Columns } from './tables';

/** The page: Letter, portrait, margins in inches. */
const PAGE = { width: 8.5, height: 11 };
const MARGINS = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 };
/** Calibri 11 at 100 %: a row is 15 pt; a column of w characters is (7w + 5) px at 96 px per inch. */
const ROW_INCHES = 15 / 72;
const inchesOf = (chars: number) => (7 * chars + 5) / 96;
/**
 * Room kept on the page: renderers differ a little in row heights and column widths (LibreOffice with Carlito
 * against Excel with Calibri), and a sheet that fits by a hair in one spills a column onto a second page in the other.
 */
const SAFETY = 0.93;
/** Share of a wrapped column's width a line of text fills on average (words do not break mid-way). */
const WRAP_FILL = 0.85;
/** 8 pt ÷ 11 pt: the smallest scale that keeps the text readable. */
export const MIN_PRINT_SCALE = Math.ceil((8 / 11) * 100);

/** Characters of the first (text) column and of each value column: the grid every summary table shares. */
const TEXT_WIDTH = 48;
const VALUE_WIDTH = 16;
/** The letter has two value columns, a little wider. */
const LETTER_VALUE_WIDTH = 18;

/**
 * The sheet's printed size at 100 %, from its tables. Widths and wrapping belong to the sheet's columns, not to one
 * table: a column one table wraps wraps every table's text in it, at the widest width any table gives it.
 */
export function printedSize(sheet: Pick<ResultSheet, 'tables'>): { width: number; height: number; rows: number } {
  const placed = placeTables(sheet.tables);
  const widths: number[] = [];
  const wraps: boolean[] = [];
  for (const t of sheet.tables)
    t.columns.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.width ?? 10);
      wraps[i] = (wraps[i] ?? false) || c.wrap === true;
    });
  const last = placed.length > 0 ? placed[placed.length - 1].lastRow : 0;
  const lines = new Map<number, number>();
  const wrapped = (text: string, width: number) => Math.ceil(text.length / Math.max(1, width * WRAP_FILL));
  sheet.tables.forEach((t, k) => {
    const count = (row: number, cells: readonly unknown[], bold = false) => {
      let n = 1;
      cells.forEach((cell, i) => {
        if (!wraps[i] || typeof cell !== 'string') return;
        n = Math.max(n, wrapped(cell, widths[i] * (bold ? 0.92 : 1)));
      });
      if (n > 1) lines.set(row, n);
    };
    count(
      placed[k].headerRow,
      t.columns.map((c) => c.header),
      true,
    );
    t.rows.forEach((row, r) => count(placed[k].firstDataRow + r, row));
  });
  let height = 0;
  for (let r = 1; r <= last; r++) height += ROW_INCHES * (lines.get(r) ?? 1);
  return { width: widths.reduce((a, w) => a + inchesOf(w), 0), height, rows: last };
}

/** The largest whole scale (≤ 100 %) at which the sheet fits one Letter page, or null under 8 pt text. */
export function onePageScale(sheet: Pick<ResultSheet, 'tables'>, orientation: 'portrait' | 'landscape'): number | null {
  const { width, height } = printedSize(sheet);
  const [w, h] = orientation === 'portrait' ? [PAGE.width, PAGE.height] : [PAGE.height, PAGE.width];
  const printableW = w - MARGINS.left - MARGINS.right;
  const printableH = h - MARGINS.top - MARGINS.bottom;
  const scale = Math.min(100, Math.floor(Math.min(printableW / width, printableH / height) * 100 * SAFETY));
  return scale >= MIN_PRINT_SCALE ? scale : null;
}

function printSetup(sheet: ResultSheet, scale: number, header: string): PrintSetup {
  const placed = placeTables(sheet.tables);
  const lastRow = placed.length > 0 ? placed[placed.length - 1].lastRow : 1;
  const lastCol = Math.max(...sheet.tables.map((t) => t.columns.length));
  return {
    paper: 'letter',
    orientation: 'portrait',
    scale,
    area: `A1:${columnName(lastCol)}${lastRow}`,
    titleRows: '1:1',
    header,
    margins: MARGINS,
  };
}

function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Sheet name and role of a customer's summary: ≤ 31 characters, the role free of anything but [a-z0-9_]. */
export function summaryIdentity(
  kind: keyof typeof SUMMARY_SHEETS,
  customerId: string,
  lang: Lang,
): { name: string; role: string } {
  const name = (SUMMARY_SHEETS[kind][lang] + customerId).slice(0, 31).replace(/[:\\/?*[\]]/g, '_');
  const role = `${kind}_${customerId.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  return { name, role };
}

/** The scenarios a summary shows (at most three): proposals and counter-proposals first, in their order. */
function shown(n: Negotiation): ScenarioNegotiation[] {
  const rank = (s: ScenarioNegotiation) =>
    s.scenario.kind === 'proposal' ? 0 : s.scenario.kind === 'counter_proposal' ? 1 : 2;
  return [...n.scenarios].sort((a, b) => rank(a) - rank(b)).slice(0, 3);
}

/** What a summary may hold before it no longer fits one page: cut from the least important lists first. */
interface Caps {
  levers: number;
  walkAways: number;
  promotions: number;
  sentences: number;
}
const CAPS: readonly Caps[] = [
  { levers: 6, walkAways: 6, promotions: 5, sentences: 8 },
  { levers: 5, walkAways: 4, promotions: 3, sentences: 6 },
  { levers: 4, walkAways: 3, promotions: 2, sentences: 5 },
  { levers: 3, walkAways: 2, promotions: 0, sentences: 4 },
  { levers: 2, walkAways: 1, promotions: 0, sentences: 3 },
];

/** Builds with the largest caps that fit one page at ≥ 8 pt. */
function fitted(build: (caps: Caps) => ResultSheet, header: string): ResultSheet {
  for (const caps of CAPS) {
    const sheet = build(caps);
    const scale = onePageScale(sheet, 'portrait');
    if (scale !== null) return { ...sheet, print: printSetup(sheet, scale, header) };
  }
  const sheet = build(CAPS[CAPS.length - 1]);
  // The smallest content still does not fit: print it at 8 pt over more than one page rather than smaller.
  return { ...sheet, print: printSetup(sheet, MIN_PRINT_SCALE, header) };
}

const KEY_ROWS = [
  'gross_sales',
  'trade_spend',
  'trade_spend_pct',
  'net_sales',
  'contribution',
  'contribution_pct',
  'retailer_total',
  'joint_value',
];

export function internalSummary(
  model: Model,
  n: Negotiation,
  lang: Lang,
  cols: Columns,
  money: string,
  date: string,
): ResultSheet {
  const c = model.customers.findIndex((x) => x.id === n.customerId) + 1;
  const id = summaryIdentity('summary', n.customerId, lang);
  const es = lang === 'es';
  const list = shown(n);
  const headers = scenarioHeaders({ ...n, scenarios: list });
  const build = (caps: Caps): ResultSheet => {
    const sheet = new SheetDraft(id.role, id.name, false);
    // 1. Headline figures: the base and each scenario, with the contribution's change.
    const head = sheet.table(RESULT_TABLE_NAMES.summary(c, 'Figures'), [
      cols.named(
        'item',
        es ? `Negociación ${n.customerName} · uso interno` : `${n.customerName} negotiation · internal`,
        'text',
        TEXT_WIDTH,
      ),
      cols.named('base', LABELS.base[lang], 'mxn', VALUE_WIDTH),
      ...list.map((_, k) => cols.named(`s${k}`, headers[k], 'mxn', VALUE_WIDTH)),
    ]);
    head.add({
      item: LABELS.scenario_kind[lang],
      base: '',
      ...Object.fromEntries(
        list.map((s, k) => [`s${k}`, labelOf(SCENARIO_KINDS, s.scenario.kind ?? 'proposal', lang)]),
      ),
    });
    head.add({
      item: LABELS.scenario_status[lang],
      base: '',
      ...Object.fromEntries(list.map((s, k) => [`s${k}`, statusWord(s.scenario.status, lang)])),
    });
    for (const rid of KEY_ROWS) {
      const r = COMPARISON_ROWS.find((x) => x.id === rid)!;
      head.add({
        item: r.label[lang],
        base: r.value(n.base),
        ...Object.fromEntries(list.map((s, k) => [`s${k}`, r.value(s.comparison.view)])),
      });
      const f = formatOf(r.unit, money);
      head.formatLast('base', f);
      list.forEach((_, k) => head.formatLast(`s${k}`, f));
    }
    head.add({
      item: es ? 'Cambio en la contribución (MXN)' : 'Change in contribution (MXN)',
      base: null,
      ...Object.fromEntries(list.map((s, k) => [`s${k}`, s.comparison.delta.makerContribution])),
    });
    head.add({
      item: es ? 'Cambio en la contribución (pp de venta neta)' : 'Change in contribution (pp of net sales)',
      base: null,
      ...Object.fromEntries(
        list.map((s, k) => [
          `s${k}`,
          n.base.maker.netSales !== 0 ? (s.comparison.delta.makerContribution / n.base.maker.netSales) * 100 : null,
        ]),
      ),
    });
    list.forEach((_, k) => head.formatLast(`s${k}`, PP_FORMAT));

    // 2. What we give and what we get: each lever's value for both sides.
    const ledger = sheet.table(RESULT_TABLE_NAMES.summary(c, 'GiveGet'), [
      cols.named(
        'item',
        es ? 'Qué damos y qué recibimos (por palanca)' : 'What we give and what we get (per lever)',
        'text',
        TEXT_WIDTH,
      ),
      cols.named('scenario', LABELS.scenario_id[lang], 'text', VALUE_WIDTH),
      cols.named('maker', LABELS.maker_mxn[lang], 'mxn', VALUE_WIDTH),
      cols.named('retailer', LABELS.retailer_mxn[lang], 'mxn', VALUE_WIDTH),
      cols.named('pct', LABELS.maker_pct_net[lang], 'pct', VALUE_WIDTH),
    ]);
    for (const s of list.slice(0, 2)) {
      const lines = [...s.ledger.lines]
        .filter((l) => l.change >= 0)
        .sort((a, b) => Math.abs(b.maker) - Math.abs(a.maker));
      for (const l of lines.slice(0, caps.levers)) {
        ledger.add({
          item: describeChange(model, s.scenario, s.scenario.changes[l.change])[lang],
          scenario: s.scenario.id,
          maker: l.maker,
          retailer: l.retailer,
          pct: l.makerPctOfNetSales,
        });
      }
      const rest = s.ledger.lines.filter((l) => !lines.slice(0, caps.levers).includes(l));
      const sum = (k: 'maker' | 'retailer') => rest.reduce((a, l) => a + l[k], 0);
      if (rest.length > 0) {
        ledger.add({
          item: es ? 'Otras palancas e interacción' : 'Other levers and interaction',
          scenario: s.scenario.id,
          maker: sum('maker'),
          retailer: sum('retailer'),
          pct: n.base.maker.netSales !== 0 ? sum('maker') / n.base.maker.netSales : null,
        });
      }
      ledger.add(
        {
          item: es ? 'Total' : 'Total',
          scenario: s.scenario.id,
          maker: s.ledger.total.maker,
          retailer: s.ledger.total.retailer,
          pct: n.base.maker.netSales !== 0 ? s.ledger.total.maker / n.base.maker.netSales : null,
        },
        true,
      );
    }

    // 3. Guardrails: each limit against the base and each scenario.
    if (n.baseChecks.length > 0) {
      const g = sheet.table(RESULT_TABLE_NAMES.summary(c, 'Guardrails'), [
        cols.named('item', es ? 'Barreras de finanzas' : "Finance's guardrails", 'text', TEXT_WIDTH),
        cols.named('base', LABELS.base[lang], 'text', VALUE_WIDTH),
        ...list.map((_, k) => cols.named(`s${k}`, headers[k], 'text', VALUE_WIDTH)),
      ]);
      for (const check of n.baseChecks) {
        g.add({
          item: `${check.label[lang]} ${check.side === 'min' ? '≥' : '≤'} ${limitText(check, lang)}`,
          base: checkText(check, lang),
          ...Object.fromEntries(
            list.map((s, k) => {
              const sc = s.checks.find((x) => x.id === check.id);
              return [`s${k}`, sc ? checkText(sc, lang) : ''];
            }),
          ),
        });
      }
    }

    // 4. Walk-away points: against the contribution floor first.
    const walks = list
      .flatMap((s) => s.walkAways.map((w) => ({ s, w })))
      .filter(({ w }) => w.result.status === 'found')
      .sort(
        (a, b) =>
          (a.w.guardrail === 'min_contribution_pct' ? 0 : 1) - (b.w.guardrail === 'min_contribution_pct' ? 0 : 1),
      )
      .slice(0, caps.walkAways);
    if (walks.length > 0) {
      const wt = sheet.table(RESULT_TABLE_NAMES.summary(c, 'WalkAway'), [
        cols.named(
          'item',
          es ? 'Punto de retiro (palanca y barrera)' : 'Walk-away point (lever and guardrail)',
          'text',
          TEXT_WIDTH,
        ),
        cols.named('scenario', LABELS.scenario_id[lang], 'text', VALUE_WIDTH),
        cols.named('current', LABELS.current_value[lang], 'rate', VALUE_WIDTH, '0.00'),
        cols.named('walk', LABELS.walk_away_value[lang], 'rate', VALUE_WIDTH, '0.00'),
        cols.named('room', LABELS.room[lang], 'rate', VALUE_WIDTH, '0.00'),
      ]);
      for (const { s, w } of walks) {
        wt.add({
          item: `${w.leverLabel[lang]} · ${limitLabel(w.guardrail, lang)}`,
          scenario: s.scenario.id,
          current: w.result.from,
          walk: w.result.walkAway!.value,
          room: w.result.room,
        });
        const f = leverFormat(w.unit, money);
        wt.formatLast('current', f);
        wt.formatLast('walk', f);
        wt.formatLast('room', f);
      }
    }

    // 5. Events by ROI (the base's).
    const promos = n.promotionsByRoi.slice(0, caps.promotions);
    if (promos.length > 0) {
      const pt = sheet.table(RESULT_TABLE_NAMES.summary(c, 'Promotions'), [
        cols.named('item', es ? 'Promociones por ROI' : 'Promotions by ROI', 'text', TEXT_WIDTH),
        cols.named('roi', LABELS.roi[lang], 'rate', VALUE_WIDTH, '0.00'),
        cols.named('spend', LABELS.spend_total[lang], 'mxn', VALUE_WIDTH),
        cols.named('profit', LABELS.incremental_profit[lang], 'mxn', VALUE_WIDTH),
      ]);
      for (const p of promos) pt.add({ item: p.id, roi: p.roi, spend: p.spend, profit: p.incrementalProfit });
    }

    // 6. In words.
    const sentences = negotiationSentences({ ...n, scenarios: list }, lang).slice(0, caps.sentences);
    const st = sheet.table(RESULT_TABLE_NAMES.summary(c, 'Notes'), [
      {
        ...cols.named('item', es ? 'En pocas palabras' : 'In a few words', 'text', TEXT_WIDTH),
        wrap: true,
      },
    ]);
    for (const text of sentences) st.add({ item: text });
    return sheet.toSheet();
  };
  return fitted(build, `${n.customerName} (${n.customerId}) · ${es ? 'uso interno' : 'internal'} · ${date}`);
}

function limitLabel(id: Parameters<typeof LIMIT_WORDS.get>[0], lang: Lang): string {
  return LIMIT_WORDS.get(id)![lang];
}
const LIMIT_WORDS = new Map<string, Text>([
  ['min_contribution_pct', { es: 'contribución mínima', en: 'minimum contribution' }],
  ['max_trade_spend_pct', { es: 'gasto comercial máximo', en: 'maximum trade spend' }],
  ['trade_budget', { es: 'presupuesto comercial', en: 'trade budget' }],
]);

/** The scenario the customer is shown: the agreed one, else the last proposal, else the first scenario. */
export function letterScenario(n: Negotiation): ScenarioNegotiation | undefined {
  const agreed = n.scenarios.find((s) => s.scenario.status === 'agreed');
  if (agreed) return agreed;
  const proposals = n.scenarios.filter((s) => s.scenario.kind === 'proposal');
  return proposals[proposals.length - 1] ?? n.scenarios[0];
}

/**
 * What the retailer gives in a lever: a list price increase it accepts, a volume it commits, a term it drops.
 * Costs to serve are ours alone and never reach the letter.
 */
function retailerGives(ch: ScenarioChange): boolean {
  return (
    (ch.target === 'price_change' && ch.changePct > 0) ||
    (ch.target === 'volume' && ch.changePct > 0) ||
    ch.target === 'term_present' ||
    ch.target === 'promotion_present'
  );
}

export function proposalLetter(
  model: Model,
  n: Negotiation,
  lang: Lang,
  cols: Columns,
  money: string,
  date: string,
): ResultSheet | null {
  const s = letterScenario(n);
  if (!s) return null;
  const c = model.customers.findIndex((x) => x.id === n.customerId) + 1;
  const id = summaryIdentity('letter', n.customerId, lang);
  const es = lang === 'es';
  const levers = s.scenario.changes
    .map((ch, k) => ({ ch, k, line: s.ledger.lines.find((l) => l.change === k) }))
    .filter(({ ch }) => ch.target !== 'cost');
  const build = (caps: Caps): ResultSheet => {
    const sheet = new SheetDraft(id.role, id.name, false);
    const title = sheet.table(RESULT_TABLE_NAMES.letter(c, 'Title'), [
      cols.named(
        'item',
        es ? `Propuesta comercial para ${n.customerName}` : `Commercial proposal for ${n.customerName}`,
        'text',
        TEXT_WIDTH,
      ),
      cols.named('value', LABELS.value[lang], 'text', LETTER_VALUE_WIDTH),
    ]);
    title.add({ item: es ? 'Propuesta' : 'Proposal', value: s.scenario.name ?? s.scenario.id });
    title.add({ item: es ? 'Fecha' : 'Date', value: s.scenario.date || date });
    if (s.scenario.author) title.add({ item: es ? 'Preparada por' : 'Prepared by', value: s.scenario.author });

    const part = (name: string, heading: string, rows: typeof levers) => {
      if (rows.length === 0) return;
      const t = sheet.table(RESULT_TABLE_NAMES.letter(c, name), [
        cols.named('item', heading, 'text', TEXT_WIDTH),
        cols.named('value', es ? 'Para usted (MXN al año)' : 'For you (MXN a year)', 'mxn', LETTER_VALUE_WIDTH),
      ]);
      for (const { ch, line } of rows.slice(0, caps.levers + 2)) {
        t.add({ item: describeChange(model, s.scenario, ch)[lang], value: line ? line.retailer : null });
        t.formatLast('value', money);
      }
    };
    part(
      'Gets',
      es ? `Lo que ${n.customerName} recibe` : `What ${n.customerName} gets`,
      levers.filter(({ ch }) => !retailerGives(ch)),
    );
    part(
      'Gives',
      es ? `Lo que ${n.customerName} aporta` : `What ${n.customerName} gives`,
      levers.filter(({ ch }) => retailerGives(ch)),
    );

    // The retailer's P&L on our products, now and with the proposal: its figures only.
    const pnl = sheet.table(RESULT_TABLE_NAMES.letter(c, 'RetailerPnl'), [
      cols.named(
        'item',
        es ? 'Su resultado con nuestros productos' : 'Your result with our products',
        'text',
        TEXT_WIDTH,
      ),
      cols.named('base', es ? 'Hoy' : 'Today', 'mxn', LETTER_VALUE_WIDTH),
      cols.named('proposal', es ? 'Con la propuesta' : 'With the proposal', 'mxn', LETTER_VALUE_WIDTH),
    ]);
    for (const rid of [
      'retailer_purchases',
      'retailer_sales',
      'retailer_front',
      'retailer_back',
      'retailer_total',
      'retailer_total_pct',
    ]) {
      const r = COMPARISON_ROWS.find((x) => x.id === rid)!;
      pnl.add(
        { item: (LETTER_LABELS[rid] ?? r.label)[lang], base: r.value(n.base), proposal: r.value(s.comparison.view) },
        rid === 'retailer_total',
      );
      const f = formatOf(r.unit, money);
      pnl.formatLast('base', f);
      pnl.formatLast('proposal', f);
    }
    const gain = s.comparison.delta.retailerTotal;
    const note = sheet.table(RESULT_TABLE_NAMES.letter(c, 'Note'), [
      { ...cols.named('item', es ? 'En resumen' : 'In short', 'text', TEXT_WIDTH), wrap: true },
    ]);
    note.add({
      item: es
        ? `Con esta propuesta, el margen total de ${n.customerName} con nuestros productos ${gain >= 0 ? 'crece' : 'cambia en'} $${fmtNumber(Math.abs(gain), 0)} al año.`
        : `With this proposal, ${n.customerName}'s total margin on our products ${gain >= 0 ? 'grows by' : 'changes by'} MXN ${fmtNumber(Math.abs(gain), 0)} a year.`,
    });
    return sheet.toSheet();
  };
  return fitted(build, `${n.customerName} · ${es ? 'propuesta' : 'proposal'} · ${s.scenario.date || date}`);
}

/** The retailer's lines as the retailer reads them (the sheets' labels speak from our side). */
const LETTER_LABELS: Readonly<Record<string, Text>> = {
  retailer_purchases: { es: 'Compras a costo', en: 'Purchases at cost' },
  retailer_sales: { es: 'Ventas (sin IVA)', en: 'Sales (before IVA)' },
  retailer_back: { es: 'Margen trasero (condiciones y apoyos)', en: 'Back margin (terms and funding)' },
};

/** Every figure a letter must not show, as text and numbers: used by its test and kept beside the builder. */
export function internalFigures(n: Negotiation, s: ScenarioNegotiation): number[] {
  const out = [
    n.base.maker.contribution,
    s.comparison.view.maker.contribution,
    s.comparison.delta.makerContribution,
    s.ledger.total.maker,
    ...s.ledger.lines.map((l) => l.maker),
    ...s.checks.map((c) => c.limit),
    ...s.walkAways.flatMap((w) => (w.result.walkAway ? [w.result.walkAway.value, w.limit] : [w.limit])),
  ];
  if (s.comparison.view.maker.contributionPct !== null) out.push(s.comparison.view.maker.contributionPct);
  return out.filter((x) => x !== 0);
}

/** Tables of a sheet, for tests that read every cell. */
export function cellsOf(sheet: ResultSheet): unknown[] {
  return sheet.tables.flatMap((t: ResultTable) => [t.title, ...t.columns.map((c) => c.header), ...t.rows.flat()]);
}

export { NUMBER_FORMATS };
