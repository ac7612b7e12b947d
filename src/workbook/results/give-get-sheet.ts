/**
 * Sheet "TT Dar y recibir" / "TT Give and get": every lever of every scenario valued for both sides (the maker's
 * contribution, the retailer's total margin), in MXN and as % of the base's net sales, with the interaction
 * residual and the scenario's total, which the lines add up to exactly (a live SUM). The title says which
 * attribution the ledger uses (VARIANT: stand-alone + interaction, or sequential in the listed order).
 */
import { describeChange, type Lang, type Model, type Negotiation, type Text } from '../../engine';
import type { ResultSheet } from '../port';
import { RESULT_SHEET_NAMES, RESULT_TABLE_NAMES } from './names';
import { fx, NUMBER_FORMATS, ratioFormula, res, SheetDraft, type Columns } from './tables';

const INTERACTION: Text = {
  es: 'Interacción (todas juntas − suma de cada una)',
  en: 'Interaction (all together − sum of the singles)',
};
const TOTAL: Text = { es: 'Total del escenario', en: 'Scenario total' };

export function giveGetSheet(
  model: Model,
  negotiations: readonly Negotiation[],
  lang: Lang,
  cols: Columns,
): ResultSheet | null {
  const all = negotiations.flatMap((n) => n.scenarios.map((s) => ({ n, s })));
  if (all.length === 0) return null;
  const sheet = new SheetDraft('give_get', RESULT_SHEET_NAMES.give_get[lang], true);
  const method = all[0].s.ledger.method[lang];
  const d = sheet.table(
    RESULT_TABLE_NAMES.giveGet,
    [
      cols.field('customer_id', 'text', 10),
      cols.field('scenario_id', 'text', 14),
      cols.field('lever_no', 'integer', 6),
      cols.field('lever', 'text', 64),
      cols.field('maker_mxn', 'mxn', 17),
      cols.field('retailer_mxn', 'mxn', 17),
      cols.metric('net_sales', 17),
      cols.field('maker_pct_net', 'pct', 12),
      cols.field('retailer_pct_net', 'pct', 12),
    ],
    lang === 'es' ? `Dar y recibir por palanca: ${method}` : `Give and get per lever: ${method}`,
  );
  for (const { n, s } of all) {
    const net = n.base.maker.netSales;
    const first = d.nextRow;
    const line = (no: number | null, lever: string, maker: number, retailer: number) => {
      const r = d.nextRow;
      d.add({
        customer_id: n.customerId,
        scenario_id: s.scenario.id,
        lever_no: no,
        lever,
        maker_mxn: maker,
        retailer_mxn: retailer,
        net_sales: net,
        maker_pct_net: fx(ratioFormula(d.at('maker_mxn', r), d.at('net_sales', r)), res(net !== 0 ? maker / net : NaN)),
        retailer_pct_net: fx(
          ratioFormula(d.at('retailer_mxn', r), d.at('net_sales', r)),
          res(net !== 0 ? retailer / net : NaN),
        ),
      });
    };
    for (const l of s.ledger.lines) {
      if (l.change < 0) line(null, INTERACTION[lang], l.maker, l.retailer);
      else
        line(l.change + 1, describeChange(model, s.scenario, s.scenario.changes[l.change])[lang], l.maker, l.retailer);
    }
    const last = d.nextRow - 1;
    const r = d.nextRow;
    d.add(
      {
        customer_id: n.customerId,
        scenario_id: s.scenario.id,
        lever: TOTAL[lang],
        maker_mxn: fx(`=SUM(${d.range('maker_mxn', first, last)})`, s.ledger.total.maker),
        retailer_mxn: fx(`=SUM(${d.range('retailer_mxn', first, last)})`, s.ledger.total.retailer),
        net_sales: net,
        maker_pct_net: fx(
          ratioFormula(d.at('maker_mxn', r), d.at('net_sales', r)),
          res(net !== 0 ? s.ledger.total.maker / net : NaN),
        ),
        retailer_pct_net: fx(
          ratioFormula(d.at('retailer_mxn', r), d.at('net_sales', r)),
          res(net !== 0 ? s.ledger.total.retailer / net : NaN),
        ),
      },
      true,
    );
    d.formatLast('lever_no', NUMBER_FORMATS.integer);
  }
  return sheet.toSheet();
}
