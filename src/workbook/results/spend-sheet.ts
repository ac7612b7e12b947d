/** Sheet "TT Gasto por término" / "TT Spend by term": every term with its amount, rate and formula, by customer. */
import { marginPct, type Lang, type Model, type ModelResults, type Term } from '../../engine';
import { ALLOCATION_VALUES, TERM_BASIS_VALUES, TERM_KIND_VALUES } from '../contract/specs';
import type { ResultCell, ResultSheet } from '../port';
import { enumLabel, LEVELS, NO, RESULT_SHEET_NAMES, RESULT_TABLE_NAMES, YES } from './names';
import { fx, NUMBER_FORMAT, num, ratioFormula, res, SheetDraft, type Columns } from './tables';

/** How a term's effective rate reads: a fraction of sales, MXN per unit, or nothing meaningful (even split). */
export function rateKind(term: Term): 'pct' | 'unit' | 'none' {
  if (term.basis === 'volume') return 'unit';
  if (term.basis === 'fixed_amount') {
    return term.allocation === 'volume' ? 'unit' : term.allocation === 'gross_sales' ? 'pct' : 'none';
  }
  return 'pct';
}

function basisText(term: Term, lang: Lang): string {
  const basis = enumLabel(TERM_BASIS_VALUES, term.basis, lang);
  if (term.basis !== 'fixed_amount') return basis;
  const key = enumLabel(ALLOCATION_VALUES, term.allocation, lang);
  return lang === 'es' ? `${basis} (asignado por ${key})` : `${basis} (allocated by ${key})`;
}

/** ISO "2026-01-15" → a date cell; anything else stays text so nothing the KAM typed is lost. */
function dateCell(iso: string): ResultCell {
  const s = iso.trim();
  if (s === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return s;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? s : d;
}

export function spendSheet(model: Model, results: ModelResults, lang: Lang, cols: Columns): ResultSheet {
  const sheet = new SheetDraft('spend', RESULT_SHEET_NAMES.spend[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.spend, [
    cols.field('level', 'text', 16),
    cols.field('term_id', 'text', 12),
    cols.field('customer_id', 'text', 12),
    cols.field('customer_name', 'text', 24),
    cols.field('kind', 'text', 22),
    cols.field('invoice_side', 'text', 14),
    cols.field('basis', 'text', 24),
    cols.metricAs('term_basis', 'term_basis', 'rate', '', 18, NUMBER_FORMAT),
    cols.metricAs('effective_rate', 'effective_rate_pct', 'rate', ' (%)', 12),
    cols.metricAs('effective_rate', 'effective_rate_unit', 'mxn_unit', ' (MXN/u)', 12),
    cols.metric('term_amount'),
    cols.field('customer_gross_sales', 'mxn', 17),
    cols.field('pct_of_customer_gross', 'pct', 14),
    cols.field('condition_met', 'text', 11),
    cols.field('agreed_date', 'date', 12),
    cols.field('evidence', 'text', 20),
    cols.field('formula', 'text', 70),
  ]);
  const customerIndex = new Map(model.customers.map((c, i) => [c.id, i]));
  // Terms grouped by customer in Customers order; terms of unknown customers last, grouped by the id they name.
  const groups = new Map<string, number[]>();
  for (const c of model.customers) groups.set(c.id, []);
  results.terms.forEach((tr, t) => {
    const list = groups.get(tr.customerId) ?? [];
    list.push(t);
    groups.set(tr.customerId, list);
  });

  for (const [customerId, termIndexes] of groups) {
    if (termIndexes.length === 0) continue;
    const c = customerIndex.get(customerId);
    const who = { customer_id: customerId, customer_name: c === undefined ? '' : model.customers[c].name };
    const gross = c === undefined ? 0 : results.customers[c].totals.grossSales;
    const first = d.nextRow;
    for (const t of termIndexes) {
      const term = model.terms[t];
      const tr = results.terms[t];
      const r = d.nextRow;
      const kind = rateKind(term);
      d.add({
        level: LEVELS.term[lang],
        term_id: term.id,
        ...who,
        kind: enumLabel(TERM_KIND_VALUES, term.kind, lang),
        invoice_side: term.onInvoice
          ? lang === 'es'
            ? 'En factura'
            : 'On invoice'
          : lang === 'es'
            ? 'Fuera de factura'
            : 'Off invoice',
        basis: basisText(term, lang),
        term_basis: num(tr.basisValue),
        effective_rate_pct: kind === 'pct' ? num(tr.effectiveRate) : null,
        effective_rate_unit: kind === 'unit' ? num(tr.effectiveRate) : null,
        term_amount: tr.amount,
        customer_gross_sales: gross,
        pct_of_customer_gross: fx(
          ratioFormula(d.at('term_amount', r), d.at('customer_gross_sales', r)),
          res(marginPct(tr.amount, gross)),
        ),
        condition_met: (tr.conditionMet ? YES : NO)[lang],
        agreed_date: dateCell(term.agreedDate),
        evidence: term.evidenceRef,
        formula: tr.formula[lang],
      });
    }
    const last = d.nextRow - 1;
    const r = d.nextRow;
    const amount = termIndexes.reduce((s, t) => s + results.terms[t].amount, 0);
    d.add(
      {
        level: LEVELS.customerTotal[lang],
        ...who,
        term_amount: fx(`=SUM(${d.range('term_amount', first, last)})`, amount),
        customer_gross_sales: gross,
        pct_of_customer_gross: fx(
          ratioFormula(d.at('term_amount', r), d.at('customer_gross_sales', r)),
          res(marginPct(amount, gross)),
        ),
      },
      true,
    );
  }

  const last = d.nextRow - 1;
  const r = d.nextRow;
  const amount = results.terms.reduce((s, tr) => s + tr.amount, 0);
  const gross = results.portfolio.grossSales;
  d.add(
    {
      level: LEVELS.portfolioTotal[lang],
      term_amount:
        last >= d.firstRow
          ? fx(
              `=SUMIF(${d.range('level', d.firstRow, last, true)},"${LEVELS.term[lang]}",${d.range('term_amount', d.firstRow, last)})`,
              amount,
            )
          : 0,
      customer_gross_sales: gross,
      pct_of_customer_gross: fx(
        ratioFormula(d.at('term_amount', r), d.at('customer_gross_sales', r)),
        res(marginPct(amount, gross)),
      ),
    },
    true,
  );
  return sheet.toSheet();
}
