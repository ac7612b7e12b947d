/** Sheet "TT Info corrida" / "TT Run info": source, fingerprint, time, version, language, settings and counts. */
import type { Lang, Model, ModelResults, Settings, Text } from '../../engine';
import { SETTING_SPECS } from '../contract/specs';
import type { ResultCell, ResultSheet, SourceInfo } from '../port';
import { enumLabel, RESULT_SHEET_NAMES, RESULT_TABLE_NAMES, type ResultsContext } from './names';
import { mxnFormat, NUMBER_FORMAT, NUMBER_FORMATS, SheetDraft, type Columns } from './tables';

const FINGERPRINT_OF: Record<SourceInfo['fingerprintOf'], Text> = {
  file: { es: 'del archivo', en: 'of the file' },
  tables: { es: 'de las tablas de entrada', en: 'of the input tables' },
};

/**
 * Settings the workbook reads and validates but this run's results do not use, with why. Run info and --json mark
 * them so nobody takes them for part of the computation: the ROI variant matters only with promotions, pass-through
 * only with promotions or price changes, the elasticity form only with price changes.
 */
export function settingsNotUsed(model: Model): Partial<Record<keyof Settings, Text>> {
  const promotions = (model.promotions?.length ?? 0) > 0;
  const priceChanges = (model.priceChanges?.length ?? 0) > 0;
  const out: Partial<Record<keyof Settings, Text>> = {};
  if (!promotions)
    out.roiVariant = {
      es: 'el libro no tiene promociones: no se calcula ROI',
      en: 'the workbook has no promotions: no ROI is computed',
    };
  if (!promotions && !priceChanges) {
    out.passThrough = {
      es: 'el libro no tiene promociones ni cambios de precio',
      en: 'the workbook has no promotions or price changes',
    };
  }
  if (!priceChanges) {
    out.elasticityForm = { es: 'el libro no tiene cambios de precio', en: 'the workbook has no price changes' };
  }
  return out;
}

const NOT_USED_YET: Text = { es: 'no se usa en esta corrida', en: 'not used in this run' };
const NO_USE_YET: Text = { es: 'sin uso', en: 'not used' };

function settingValue(settings: Settings, id: keyof Settings, lang: Lang): string | number {
  const spec = SETTING_SPECS.find((s) => s.id === id);
  const raw = settings[id];
  if (typeof raw === 'string' && spec?.values) return enumLabel(spec.values, raw, lang);
  // An unset optional setting shows what its blank means (no rounding; a guardrail not checked).
  if (raw === null) return spec?.blank?.[lang] ?? '';
  return raw;
}

/**
 * The number format a setting's value shows with, from the type its Settings row is read with: a rate as a
 * percentage (0.11 → 11.0 %), money as MXN, a year or a count of days as a plain integer (2026, not 2,026).
 * undefined for text and choices (the column's General format).
 */
function settingFormat(id: keyof Settings, moneyFormat: string): string | undefined {
  switch (SETTING_SPECS.find((s) => s.id === id)?.type) {
    case 'fraction':
      return NUMBER_FORMATS.pct;
    case 'money':
      return moneyFormat;
    case 'integer':
      return NUMBER_FORMATS.integer;
    case 'number':
      return NUMBER_FORMAT;
    default:
      return undefined;
  }
}

export function runInfoSheet(model: Model, results: ModelResults, ctx: ResultsContext, cols: Columns): ResultSheet {
  const { lang, source } = ctx;
  const sheet = new SheetDraft('run_info', RESULT_SHEET_NAMES.run_info[lang], true);
  const d = sheet.table(RESULT_TABLE_NAMES.runInfo, [
    cols.field('key', 'text', 30),
    cols.field('item', 'text', 44),
    cols.field('value', 'text', 70),
  ]);
  const row = (key: string, item: Text, value: ResultCell, numberFormat?: string) => {
    d.add({ key, item: item[lang], value });
    if (numberFormat !== undefined && typeof value === 'number') d.formatLast('value', numberFormat);
  };
  row('source_file', { es: 'Archivo de origen', en: 'Source file' }, source.name);
  row(
    'source_fingerprint',
    {
      es: `Huella SHA-256 ${FINGERPRINT_OF[source.fingerprintOf].es}`,
      en: `SHA-256 fingerprint ${FINGERPRINT_OF[source.fingerprintOf].en}`,
    },
    source.fingerprint,
  );
  row(
    'run_at',
    { es: 'Fecha y hora de la corrida (ISO 8601, UTC)', en: 'Run time (ISO 8601, UTC)' },
    ctx.runAt.toISOString(),
  );
  row('engine_version', { es: 'Versión del motor', en: 'Engine version' }, ctx.engineVersion ?? '—');
  row('language', { es: 'Idioma', en: 'Language' }, lang === 'es' ? 'es-MX' : 'en');
  row('scenario_note', { es: 'Nota del escenario', en: 'Scenario note' }, ctx.scenarioNote ?? '');
  const settings = model.settings;
  const notUsed = settingsNotUsed(model);
  for (const id of Object.keys(settings) as (keyof Settings)[]) {
    const spec = SETTING_SPECS.find((s) => s.id === id);
    const label: Text = spec ? { es: spec.es, en: spec.en } : { es: id, en: id };
    const unused = notUsed[id];
    if (unused) {
      // Shown as read, but plainly not in use: "ROI bruto: sin uso; el libro no tiene promociones: no se calcula ROI".
      row(
        `settings.${id}`,
        { es: `${label.es} (${NOT_USED_YET.es})`, en: `${label.en} (${NOT_USED_YET.en})` },
        `${String(settingValue(settings, id, lang))}: ${NO_USE_YET[lang]}; ${unused[lang]}`,
      );
      continue;
    }
    row(
      `settings.${id}`,
      label,
      settingValue(settings, id, lang),
      settingFormat(id, mxnFormat(settings.moneyDecimals)),
    );
  }
  const periods = model.periods;
  const span = periods.length > 0 ? `${periods[0].id} … ${periods[periods.length - 1].id}` : '';
  const count = NUMBER_FORMATS.units;
  row('customers', { es: 'Clientes', en: 'Customers' }, model.customers.length, count);
  row('products', { es: 'Productos (SKU)', en: 'Products (SKUs)' }, model.products.length, count);
  row('periods', { es: `Periodos (${span})`, en: `Periods (${span})` }, periods.length, count);
  row('lines', { es: 'Líneas cliente × SKU × periodo', en: 'Customer × SKU × period lines' }, model.lines.n, count);
  row('terms', { es: 'Términos', en: 'Terms' }, model.terms.length, count);
  row(
    'cost_to_serve_rows',
    { es: 'Renglones de costo de servir', en: 'Cost-to-serve rows' },
    model.costToServe.length,
    count,
  );
  row('findings', { es: 'Hallazgos', en: 'Findings' }, results.findings.length, count);
  return sheet.toSheet();
}
