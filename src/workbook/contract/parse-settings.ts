/** Settings: a two-column key/value table (Parámetro | Valor); keys in es or en, missing keys take defaults. */
import { DEFAULT_SETTINGS, type Settings } from '../../engine/model';
import type { Location } from './errors';
import { closest, squash } from './normalize';
import * as P from './problems';
import { SETTING_SPECS, type ColumnSpec } from './specs';
import type { BoundTable, Column } from './table';

export interface ParsedSettings {
  settings: Settings;
  /** Periodicity was stated (otherwise the BaseVolumes periods decide it). */
  periodicityGiven: boolean;
  /** False when the fiscal year cell is invalid (reported). */
  fiscalYearValid: boolean;
  /** The fiscal year's value cell, when the table has a Fiscal year row. */
  fiscalYearAt?: Location;
  /** The periodicity's value cell, when the table has a Periodicity row. */
  periodicityAt?: Location;
  /** The fiscal year was written (not blank, not left to the default). */
  fiscalYearGiven: boolean;
}

const settingByKey = new Map<string, ColumnSpec>();
for (const s of SETTING_SPECS)
  for (const name of [s.es, s.en, s.id, ...(s.aliases ?? [])]) settingByKey.set(squash(name), s);

export function parseSettings(t: BoundTable | null): ParsedSettings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const out: ParsedSettings = { settings, periodicityGiven: false, fiscalYearValid: true, fiscalYearGiven: false };
  if (!t || !t.usable) return out;
  if (t.rowCount === 0) t.sink.warning('settings_empty', t.whereTable(), P.settingsEmpty);
  const cKey = t.col('key');
  const cValue = t.col('value');
  const seen = new Map<string, number>();
  for (let r = 0; r < t.rowCount; r++) {
    if (t.isBlankRow(r)) continue;
    const key = t.text(r, cKey);
    if (key === '') continue;
    const spec = settingByKey.get(squash(key));
    if (!spec) {
      t.error(r, cKey, 'unknown_setting', () => {
        const near = closest(
          key,
          SETTING_SPECS.flatMap((s) => [s.es, s.en]),
        );
        const s = near === undefined ? undefined : settingByKey.get(squash(near));
        return P.unknownSetting(
          key,
          SETTING_SPECS.map((x) => x.es),
          SETTING_SPECS.map((x) => x.en),
          s && { es: s.es, en: s.en },
        );
      });
      continue;
    }
    const firstRow = seen.get(spec.id);
    if (firstRow !== undefined) {
      t.error(r, cKey, 'duplicate_setting', () => P.duplicateSetting(key, firstRow));
      continue;
    }
    seen.set(spec.id, t.rowNumber(r));
    // The value cell is read with the setting's own type, and errors name it: «Valor (Año fiscal)».
    const value: Column = { spec, index: cValue.index, header: `${cValue.header} (${key})` };
    if (spec.id === 'fiscalYear') out.fiscalYearAt = t.where(r, value);
    if (spec.id === 'periodicity') out.periodicityAt = t.where(r, value);
    const before = t.sink.errorCount;
    const v = spec.type === 'enum' ? t.enumId(r, value) : t.number(r, value);
    if (v === undefined) continue; // blank: default
    if (t.sink.errorCount > before || (typeof v === 'number' && Number.isNaN(v))) {
      if (spec.id === 'fiscalYear') out.fiscalYearValid = false;
      continue;
    }
    (settings as unknown as Record<string, unknown>)[spec.id] = v;
    if (spec.id === 'periodicity') out.periodicityGiven = true;
    if (spec.id === 'fiscalYear') out.fiscalYearGiven = true;
  }
  return out;
}
