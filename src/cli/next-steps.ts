/**
 * What to do after a run, printed under the summary: open the results file and which sheet holds what; after a run
 * on the bundled sample (`npm run demo`), how to run your own workbook; where the documentation is.
 */
import * as path from 'node:path';
import type { Lang, Text } from '../engine/model';
import { RESULT_SHEET_NAMES, SUMMARY_SHEETS, type ResultSheetId } from '../workbook/results';

/** The repository (or installed package) root: two folders up from src/cli or lib/cli. */
const PACKAGE_ROOT = path.join(__dirname, '..', '..');

export const SAMPLE_WORKBOOK = path.join(PACKAGE_ROOT, 'assets', 'sample-trade-terms.xlsx');

/** What each result sheet holds, in the order the file has them. */
const SHEET_CONTENTS: Record<ResultSheetId, Text> = {
  pnl: { es: 'P&L por cliente y SKU, con totales', en: 'P&L per customer and SKU, with totals' },
  waterfall: { es: 'cascada de precio por unidad, por SKU', en: 'price waterfall per unit, per SKU' },
  waterfall_chart: {
    es: 'gráficas de cascada del portafolio y de cada cliente, con sus datos',
    en: 'waterfall charts of the portfolio and each customer, with their data',
  },
  spend: { es: 'cada término con su monto, tasa y fórmula', en: 'every term with its amount, rate and formula' },
  accruals: { es: 'provisiones mensuales y ajustes', en: 'monthly accruals and true-ups' },
  promotions: {
    es: 'cada evento con su incremento, inversión y ROI',
    en: 'every event with its lift, spend and ROI',
  },
  prices: {
    es: 'construcción del precio hasta el consumidor, e impuestos',
    en: "price build-up to the shopper's price, and taxes",
  },
  retailer: {
    es: 'el P&L del detallista con nuestros productos: margen frontal, trasero y total',
    en: "the retailer's P&L on our products: front, back and total margin",
  },
  findings: { es: 'hallazgos, p. ej. términos sin base acordada', en: 'findings, e.g. terms with no agreed basis' },
  run_info: { es: 'origen, huella, versión y parámetros', en: 'source, fingerprint, version and settings' },
  scenarios: {
    es: 'escenarios de cada negociación contra la base, para ambas partes, con barreras y gráficas',
    en: "each negotiation's scenarios against the base, for both parties, with guardrails and charts",
  },
  give_get: {
    es: 'qué da y qué recibe cada parte con cada palanca',
    en: 'what each party gives and gets with each lever',
  },
  walk_away: {
    es: 'hasta dónde puede llegar cada palanca antes de romper una barrera',
    en: 'how far each lever can go before a guardrail breaks',
  },
};

const SUMMARY_CONTENTS: Record<keyof typeof SUMMARY_SHEETS, Text> = {
  summary: {
    es: 'resumen interno de la negociación, en una hoja carta',
    en: 'internal negotiation summary, on one Letter page',
  },
  letter: {
    es: 'carta de propuesta para el cliente (sin nuestros márgenes ni pisos)',
    en: 'proposal letter for the customer (without our margins or floors)',
  },
};

export interface NextStepsInput {
  lang: Lang;
  /** The results file as shown to the user (relative to the working directory when inside it). */
  output: string;
  /** Whether the input was the bundled sample workbook. */
  sample: boolean;
  /** Shows a path of the package (docs/…) relative to the working directory when inside it. */
  shown: (absolute: string) => string;
  /** Names of the sheets the run wrote (a sheet written only when there is something to show is left out). */
  sheetsWritten?: readonly string[];
}

export function nextSteps({ lang, output, sample, shown, sheetsWritten }: NextStepsInput): string {
  const doc = (name: string) => shown(path.join(PACKAGE_ROOT, 'docs', name));
  const readme = shown(path.join(PACKAGE_ROOT, 'README.md'));
  const written = sheetsWritten === undefined ? null : new Set(sheetsWritten);
  const sheets = (Object.keys(SHEET_CONTENTS) as ResultSheetId[])
    .filter((id) => written === null || written.has(RESULT_SHEET_NAMES[id][lang]))
    .map(
      (id) =>
        `     - ${lang === 'es' ? `«${RESULT_SHEET_NAMES[id].es}»` : `"${RESULT_SHEET_NAMES[id].en}"`}: ${SHEET_CONTENTS[id][lang]}`,
    );
  // The summaries of each negotiated customer (TT Resumen WMX, TT Carta WMX…), listed after the fixed sheets.
  for (const name of sheetsWritten ?? []) {
    const kind = (Object.keys(SUMMARY_SHEETS) as (keyof typeof SUMMARY_SHEETS)[]).find((k) =>
      name.startsWith(SUMMARY_SHEETS[k][lang]),
    );
    if (!kind) continue;
    sheets.push(`     - ${lang === 'es' ? `«${name}»` : `"${name}"`}: ${SUMMARY_CONTENTS[kind][lang]}`);
  }
  const steps: string[] = [];
  if (lang === 'es') {
    steps.push(`Abra ${output} en Excel. Sus hojas:\n${sheets.join('\n')}`);
    if (sample) {
      steps.push(
        `Para usar su propio libro: capture sus tablas (Clientes, Productos, VolumenesBase, Condiciones, Parametros…) ` +
          `como indica ${doc('workbook.md')} y corra: npx trade-terms run <su-libro.xlsx>`,
      );
    }
    steps.push(`Fórmulas y variantes del cálculo: ${doc('engine.md')}; uso completo: ${readme}`);
    return ['Siguientes pasos:', ...steps.map((s, i) => `  ${i + 1}. ${s}`)].join('\n');
  }
  steps.push(`Open ${output} in Excel. Its sheets:\n${sheets.join('\n')}`);
  if (sample) {
    steps.push(
      `To use your own workbook: lay out your tables (Customers, Products, BaseVolumes, Terms, Settings…) ` +
        `as ${doc('workbook.md')} describes and run: npx trade-terms run <your-workbook.xlsx>`,
    );
  }
  steps.push(`Formulas and variants of the calculation: ${doc('engine.md')}; full usage: ${readme}`);
  return ['Next steps:', ...steps.map((s, i) => `  ${i + 1}. ${s}`)].join('\n');
}
