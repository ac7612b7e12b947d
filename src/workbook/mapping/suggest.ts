/**
 * Which contract column a header of the user's own table most likely is: the contract's Spanish and English headers
 * and aliases, and the abbreviations ERP exports and hand-made P&L sheets use ("Cve. cliente", "Material",
 * "Ctd. facturada", "Precio lista", "Ejercicio"…), matched ignoring case, accents, spaces and punctuation.
 *
 * @example suggestColumns(BASE_VOLUMES, ['Cve. cliente', 'Material', 'Mes', 'Ctd. facturada'])
 *   // → ['customerId', 'sku', 'period', 'actualVolume']
 */
import { squash } from '../contract/normalize';
import type { TableSpec } from '../contract/specs';

/**
 * Headers of ERP exports and KAM sheets, per contract column id. Amounts ("Importe", "Vta bruta", "Desc. comercial")
 * are not here: a contract column never holds an amount a list price could be derived from silently.
 */
const ERP_WORDS: Readonly<Record<string, readonly string[]>> = {
  customerId: [
    'Cve. cliente',
    'Clave cliente',
    'Cve cte',
    'Cliente',
    'Cód. cliente',
    'Solicitante',
    'Sold-to',
    'Deudor',
  ],
  sku: ['Material', 'Cve. material', 'Artículo', 'Cve. artículo', 'Código', 'Cód. producto', 'Producto', 'Item'],
  period: ['Mes', 'Periodo', 'Período', 'Mes fiscal', 'Month', 'Fecha'],
  baselineVolume: ['Ctd. plan', 'Cantidad plan', 'Plan unidades', 'Pronóstico', 'Forecast', 'Ctd. presupuesto'],
  actualVolume: ['Ctd. facturada', 'Cantidad facturada', 'Cantidad', 'Unidades', 'Piezas', 'Cajas', 'Qty', 'Ctd.'],
  listPrice: ['Precio lista', 'Precio de lista', 'P. lista', 'PL', 'List price'],
  priorVolume: ['Ctd. año anterior', 'Cantidad AA', 'Unidades AA', 'Ctd. AA'],
  priorListPrice: ['Precio lista año ant.', 'Precio lista AA', 'PL AA'],
  name: ['Nombre cliente', 'Razón social', 'Nombre'],
  fiscalYear: ['Ejercicio', 'Año'],
};

/**
 * How KAMs head a terms sheet they type by hand (Mexican trade usage: a "cadena" is a retail chain, a "folio" the
 * agreement's number), per column id of the Terms table. Keys are ids, so only a table with that column uses them.
 */
const KAM_WORDS: Readonly<Record<string, readonly string[]>> = {
  id: ['Folio', 'No. acuerdo', 'Clave condición'],
  customerId: ['Cadena', 'Cuenta'],
  kind: ['Concepto', 'Tipo de acuerdo'],
  onInvoice: ['¿En factura?'],
  basis: ['Se calcula sobre', 'Base de cálculo'],
  rate: ['% o $', 'Porcentaje o monto', 'Tasa/Monto'],
  allocation: ['Reparto', 'Prorrateo'],
  scopeKind: ['Aplica a'],
  scopeValues: ['Cuáles'],
  periodFrom: ['Inicio', 'Vigencia desde'],
  periodTo: ['Fin', 'Vigencia hasta'],
  tierMethod: ['Escalones', 'Tipo de escalón'],
  tierMeasure: ['Escalones sobre'],
  growthPayOn: ['Paga crecimiento sobre'],
  priceNeutral: ['Sin efecto precio'],
  conditionMeasure: ['Condición sobre'],
  target: ['Objetivo'],
  achieved: ['Cumplido', 'Alcanzado'],
  agreedDate: ['Firmado', 'Fecha de firma'],
  evidenceRef: ['Soporte', 'Evidencia'],
  description: ['Comentario', 'Comentarios', 'Notas'],
};

/** Where a table calls one of those concepts by another id (the Customers table's own key is "id"). */
const RENAMED: Readonly<Record<string, Readonly<Record<string, string>>>> = { Customers: { customerId: 'id' } };

/** Per table id, the words of each of its column ids (a word may mean different columns in different tables). */
const index = new Map<string, string>();
for (const [id, words] of Object.entries(ERP_WORDS)) for (const w of words) index.set(squash(w), id);
const termsIndex = new Map<string, string>();
for (const [id, words] of Object.entries(KAM_WORDS)) for (const w of words) termsIndex.set(squash(w), id);

/** Per header, the contract column id it most likely is (each id at most once, first header wins), or null. */
export function suggestColumns(spec: TableSpec, headers: readonly string[]): (string | null)[] {
  const own = new Map<string, string>();
  for (const c of spec.columns) for (const w of [c.id, c.es, c.en, ...(c.aliases ?? [])]) own.set(squash(w), c.id);
  const ids = new Set(spec.columns.map((c) => c.id));
  const used = new Set<string>();
  return headers.map((h) => {
    const k = squash(h);
    const erp = (spec.id === 'Terms' ? termsIndex.get(k) : undefined) ?? index.get(k);
    const id = own.get(k) ?? (erp === undefined ? undefined : (RENAMED[spec.id]?.[erp] ?? erp));
    if (id === undefined || !ids.has(id) || used.has(id)) return null;
    used.add(id);
    return id;
  });
}
