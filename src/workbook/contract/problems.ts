/** The wording of every contract problem, es-MX first and en; the location prefix is added by ErrorSink. */
import type { Text } from '../../engine/model';
import type { CellValue, CellError, CellFormulaWithoutValue } from '../port';
import type { EnumValue, TableSpec } from './specs';
import { listOf, showFraction, showValue } from './errors';

const both = (f: (lang: 'es' | 'en') => string): Text => ({ es: f('es'), en: f('en') });
const q = (s: string, lang: 'es' | 'en') => (lang === 'es' ? `«${s}»` : `"${s}"`);

export const missingTable = (spec: TableSpec): Text => ({
  es: `falta la tabla ${spec.es} (en inglés ${spec.en}). Cree una tabla de Excel (Insertar > Tabla) y nómbrela así en Diseño de tabla > Nombre de la tabla.`,
  en: `the table ${spec.en} (in Spanish ${spec.es}) is missing. Create an Excel table (Insert > Table) and give it that name in Table Design > Table Name.`,
});

export const duplicateTable = (spec: TableSpec, other: string, otherSheet: string): Text => ({
  es: `la tabla ${spec.es} / ${spec.en} aparece dos veces (también como ${other} en la hoja ${otherSheet}); deje solo una.`,
  en: `the table ${spec.en} / ${spec.es} appears twice (also as ${other} on sheet ${otherSheet}); keep only one.`,
});

export const emptyTable = (): Text => ({
  es: 'la tabla no tiene datos; se necesita al menos un renglón.',
  en: 'the table has no data rows; at least one is needed.',
});

export const missingColumn = (es: string, en: string): Text => ({
  es: `falta la columna obligatoria «${es}» (en inglés "${en}"); agréguela al encabezado de la tabla.`,
  en: `the required column "${en}" (in Spanish «${es}») is missing; add it to the table header.`,
});

export const unknownColumn = (
  header: string,
  acceptedEs: string[],
  acceptedEn: string[],
  suggestion?: { es: string; en: string },
): Text => ({
  es: `${q(header, 'es')} no es una columna de esta tabla${suggestion ? `; ¿quiso decir «${suggestion.es}»?` : '.'} Columnas aceptadas: ${acceptedEs.join(', ')}.`,
  en: `${q(header, 'en')} is not a column of this table${suggestion ? `; did you mean "${suggestion.en}"?` : '.'} Accepted columns: ${acceptedEn.join(', ')}.`,
});

export const duplicateColumn = (header: string, first: string, es: string, en: string): Text => ({
  es: `«${header}» repite la columna «${first}» (ambas son «${es}»); deje solo una.`,
  en: `"${header}" repeats the column "${first}" (both are "${en}"); keep only one.`,
});

export const blankRequired = (): Text => ({
  es: 'la celda está vacía y es obligatoria.',
  en: 'the cell is blank and is required.',
});

export const notANumber = (v: CellValue): Text =>
  both((l) => (l === 'es' ? `${showValue(v, l)} no es un número.` : `${showValue(v, l)} is not a number.`));

export const excelError = (v: CellError): Text => ({
  es: `la celda contiene el error de Excel ${v.error}; corrija la fórmula o escriba un valor.`,
  en: `the cell holds the Excel error ${v.error}; fix the formula or type a value.`,
});

/** A formula with no saved (calculated) value: never read as blank, whatever the column. */
export const formulaWithoutValue = (v: CellFormulaWithoutValue): Text => {
  const f = v.formulaWithoutValue === '' ? '' : ` (${v.formulaWithoutValue})`;
  return {
    es: `fórmula sin valor guardado${f}: abra y guarde el archivo en Excel, o recalcúlelo.`,
    en: `formula without a saved value${f}: open and save the file in Excel, or recalculate it.`,
  };
};

export const percentNotAllowed = (v: CellValue, expected: Text): Text => ({
  es: `${showValue(v, 'es')} es un porcentaje, pero esta columna lleva ${expected.es}; escriba el número sin «%».`,
  en: `${showValue(v, 'en')} is a percentage, but this column takes ${expected.en}; type the number without "%".`,
});

export const notAnInteger = (x: number): Text => ({
  es: `${x} no es un número entero.`,
  en: `${x} is not a whole number.`,
});

export const negative = (x: number): Text => ({
  es: `${x} es negativo; se espera un valor mayor o igual a 0.`,
  en: `${x} is negative; a value of 0 or more is expected.`,
});

export const rateAbove100 = (x: number): Text => ({
  es: `${showFraction(x)} es mayor que 100 %. Escriba la tasa como porcentaje (5 %) o como fracción (0.05).`,
  en: `${showFraction(x)} is above 100 %. Enter the rate as a percentage (5 %) or a fraction (0.05).`,
});

export const outOfRange = (x: number, min: number | undefined, max: number | undefined): Text => ({
  es: `${x} está fuera del rango permitido (${min ?? '−∞'} a ${max ?? '∞'}).`,
  en: `${x} is outside the allowed range (${min ?? '−∞'} to ${max ?? '∞'}).`,
});

export const invalidEnum = (v: CellValue, values: readonly EnumValue[]): Text => ({
  es: `${showValue(v, 'es')} no es un valor válido; valores permitidos: ${unique(values.map((x) => x.es)).join(', ')}.`,
  en: `${showValue(v, 'en')} is not a valid value; allowed values: ${unique(values.map((x) => x.en)).join(', ')}.`,
});

export const invalidBoolean = (v: CellValue): Text => ({
  es: `${showValue(v, 'es')} no es sí/no; escriba «sí» o «no».`,
  en: `${showValue(v, 'en')} is not yes/no; enter "yes" or "no".`,
});

export const invalidDate = (v: CellValue): Text => ({
  es: `${showValue(v, 'es')} no es una fecha; use una fecha de Excel o el formato AAAA-MM-DD.`,
  en: `${showValue(v, 'en')} is not a date; use an Excel date or the format YYYY-MM-DD.`,
});

export const invalidPeriod = (v: CellValue): Text => ({
  es: `${showValue(v, 'es')} no es un periodo válido; use un mes «2026-01», una semana ISO «2026-W05» o una fecha.`,
  en: `${showValue(v, 'en')} is not a valid period; use a month "2026-01", an ISO week "2026-W05" or a date.`,
});

const KIND = { month: { es: 'un mes', en: 'a month' }, week: { es: 'una semana', en: 'a week' } };
const WORKBOOK_KIND = { month: { es: 'mensual', en: 'monthly' }, week: { es: 'semanal', en: 'weekly' } };

export const mixedPeriodicity = (
  id: string,
  kind: 'month' | 'week',
  expected: 'month' | 'week',
  fromSettings: boolean,
): Text => ({
  es: `${id} es ${KIND[kind].es}, pero el libro es ${WORKBOOK_KIND[expected].es} (${fromSettings ? 'según Parámetros > Periodicidad' : 'según el primer periodo de VolumenesBase'}); no se pueden mezclar meses y semanas.`,
  en: `${id} is ${KIND[kind].en}, but the workbook is ${WORKBOOK_KIND[expected].en} (${fromSettings ? 'per Settings > Periodicity' : 'per the first BaseVolumes period'}); months and weeks cannot be mixed.`,
});

export const periodOutsideFiscalYear = (id: string, fiscalYear: number): Text => ({
  es: `el periodo ${id} está fuera del año fiscal ${fiscalYear} (Parámetros > Año fiscal).`,
  en: `the period ${id} is outside the fiscal year ${fiscalYear} (Settings > Fiscal year).`,
});

export interface FiscalYearMismatch {
  fiscalYear: number;
  /** The year was written in Settings (false: the cell or row is missing and the default is used). */
  given: boolean;
  /** BaseVolumes rows with a readable period outside the fiscal year, of `total` readable ones. */
  outside: number;
  total: number;
  /** Range of years the BaseVolumes periods fall in. */
  firstYear: number;
  lastYear: number;
  /** The year most BaseVolumes rows fall in: what the Settings likely meant. */
  likelyYear: number;
}

export const fiscalYearMismatch = (m: FiscalYearMismatch): Text => {
  const single = m.firstYear === m.lastYear;
  return {
    es:
      `${m.given ? `el año fiscal es ${m.fiscalYear}` : `Parámetros no indica el año fiscal (se usa ${m.fiscalYear})`}, pero los periodos de ` +
      `VolumenesBase son ${single ? `de ${m.firstYear}` : `de ${m.firstYear} a ${m.lastYear}`} (${m.outside} de ${m.total} renglones quedan ` +
      `fuera de ${m.fiscalYear}). Escriba el año del plan (${m.likelyYear}) en Parámetros > Año fiscal o corrija los periodos de VolumenesBase.`,
    en:
      `${m.given ? `the fiscal year is ${m.fiscalYear}` : `Settings do not state the fiscal year (${m.fiscalYear} is used)`}, but the ` +
      `BaseVolumes periods ${single ? `are in ${m.firstYear}` : `run from ${m.firstYear} to ${m.lastYear}`} (${m.outside} of ${m.total} rows fall ` +
      `outside ${m.fiscalYear}). Enter the plan's year (${m.likelyYear}) in Settings > Fiscal year, or fix the BaseVolumes periods.`,
  };
};

export const periodFromAfterTo = (from: string, to: string): Text => ({
  es: `el periodo desde ${from} es posterior al periodo hasta ${to}.`,
  en: `the period from ${from} is after the period to ${to}.`,
});

export const periodsNotContiguous = (first: string, last: string, missing: string[]): Text => ({
  es: `los periodos no son continuos: entre ${first} y ${last} no hay ningún renglón de ${listOf(preview(missing, 'es'), 'es', 'and')}.`,
  en: `the periods are not contiguous: between ${first} and ${last} there is no row for ${listOf(preview(missing, 'en'), 'en', 'and')}.`,
});

export const unknownCustomer = (id: string): Text => ({
  es: `el cliente «${id}» no existe en la tabla Clientes.`,
  en: `the customer "${id}" does not exist in the Customers table.`,
});

export const unknownSku = (sku: string): Text => ({
  es: `el SKU «${sku}» no existe en la tabla Productos.`,
  en: `the SKU "${sku}" does not exist in the Products table.`,
});

export const unknownTerm = (id: string): Text => ({
  es: `la condición «${id}» no existe en la tabla Condiciones.`,
  en: `the term "${id}" does not exist in the Terms table.`,
});

export const unknownScopeValue = (kind: 'category' | 'brand', value: string): Text =>
  kind === 'category'
    ? {
        es: `la categoría «${value}» no existe en la tabla Productos.`,
        en: `the category "${value}" does not exist in the Products table.`,
      }
    : {
        es: `la marca «${value}» no existe en la tabla Productos.`,
        en: `the brand "${value}" does not exist in the Products table.`,
      };

export const duplicateKey = (key: string, firstRow: number): Text => ({
  es: `«${key}» está repetido; ya aparece en la fila ${firstRow}.`,
  en: `"${key}" is duplicated; it already appears in row ${firstRow}.`,
});

export const tiersNotAscending = (from: number, prevFrom: number, prevRow: number): Text => ({
  es: `el escalón empieza en ${from}, antes que el de la fila ${prevRow} (${prevFrom}); los escalones deben ir en orden ascendente.`,
  en: `the tier starts at ${from}, before the tier in row ${prevRow} (${prevFrom}); tiers must be in ascending order.`,
});

export const tiersOverlap = (from: number, prevTo: number | null, prevRow: number): Text =>
  prevTo === null
    ? {
        es: `el escalón empieza en ${from}, pero el de la fila ${prevRow} no tiene límite superior; los escalones se traslapan.`,
        en: `the tier starts at ${from}, but the tier in row ${prevRow} has no upper bound; the tiers overlap.`,
      }
    : {
        es: `el escalón empieza en ${from} y se traslapa con el de la fila ${prevRow}, que llega hasta ${prevTo}.`,
        en: `the tier starts at ${from} and overlaps the tier in row ${prevRow}, which runs to ${prevTo}.`,
      };

export const tiersGap = (from: number, prevTo: number, prevRow: number): Text => ({
  es: `hay un hueco: el escalón de la fila ${prevRow} llega hasta ${prevTo} y este empieza en ${from}; el «Desde» de un escalón debe ser igual al «Hasta» del anterior (o, en unidades o pesos enteros, ${prevTo} + 1).`,
  en: `there is a gap: the tier in row ${prevRow} runs to ${prevTo} and this one starts at ${from}; a tier's "From" must equal the previous tier's "To" (or, in whole units or pesos, ${prevTo} + 1).`,
});

export const tierBounds = (from: number, to: number): Text => ({
  es: `«Hasta» (${to}) debe ser mayor que «Desde» (${from}).`,
  en: `"To" (${to}) must be greater than "From" (${from}).`,
});

export const growthPayOnRequired = (): Text => ({
  es: 'un plan de crecimiento necesita saber si paga sobre el excedente o sobre el total; escriba «excedente» o «total».',
  en: 'a growth rebate needs to say whether it pays on the excess or on the whole base; enter "excess" or "whole".',
});

export const targetRequired = (): Text => ({
  es: 'un bono por objetivo (o una medida de condición) necesita una meta.',
  en: 'a target bonus (or a condition measure) needs a target.',
});

export const scopeValuesRequired = (kind: EnumValue): Text => ({
  es: `el alcance «${kind.es}» necesita valores separados por «;».`,
  en: `the scope "${kind.en}" needs values separated by ";".`,
});

export const rateRequired = (): Text => ({
  es: 'la tasa o monto está vacía y la condición no tiene escalones en la tabla Escalones.',
  en: 'the rate or amount is blank and the term has no tiers in the TermTiers table.',
});

export const rateIgnoredWithTiers = (rate: number): Text => ({
  es: `la condición tiene escalones; se ignora la tasa ${rate} de esta celda y se usan los escalones.`,
  en: `the term has tiers; the rate ${rate} in this cell is ignored and the tiers are used.`,
});

export const iepsRateRequired = (): Text => ({
  es: 'el tipo IEPS es ad valorem o cuota por litro, pero falta la tasa o cuota.',
  en: 'the IEPS kind is ad valorem or per litre, but the rate or quota is missing.',
});

export const iepsRateIgnored = (x: number): Text => ({
  es: `el producto no lleva IEPS; se ignora la tasa ${x}.`,
  en: `the product has no IEPS; the rate ${x} is ignored.`,
});

export const iepsLitresRequired = (): Text => ({
  es: 'la cuota IEPS por litro necesita «Litros por unidad» mayor que 0.',
  en: 'the per-litre IEPS quota needs "Litres per unit" greater than 0.',
});

export const unknownSetting = (
  key: string,
  acceptedEs: string[],
  acceptedEn: string[],
  suggestion?: { es: string; en: string },
): Text => ({
  es: `«${key}» no es un parámetro conocido${suggestion ? `; ¿quiso decir «${suggestion.es}»?` : '.'} Parámetros aceptados: ${acceptedEs.join(', ')}.`,
  en: `"${key}" is not a known setting${suggestion ? `; did you mean "${suggestion.en}"?` : '.'} Accepted settings: ${acceptedEn.join(', ')}.`,
});

export const duplicateSetting = (key: string, firstRow: number): Text => ({
  es: `el parámetro «${key}» está repetido; ya aparece en la fila ${firstRow}.`,
  en: `the setting "${key}" is duplicated; it already appears in row ${firstRow}.`,
});

export const settingsEmpty = (): Text => ({
  es: 'la tabla no tiene renglones; se usan todos los valores predeterminados.',
  en: 'the table has no rows; every default is used.',
});

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function preview(xs: string[], lang: 'es' | 'en'): string[] {
  return xs.length <= 6 ? xs : [...xs.slice(0, 5), lang === 'es' ? `${xs.length - 5} más` : `${xs.length - 5} more`];
}

// ---------------------------------------------------------------- prices and promotions

export const priceChangeValueRequired = (): Text => ({
  es: 'indique «Nuevo precio de lista» o «Cambio %».',
  en: 'give a "New list price" or a "Change %".',
});

export const datesReversed = (from: string, to: string): Text => ({
  es: `la fecha final ${to} es anterior a la inicial ${from}.`,
  en: `the end date ${to} is before the start date ${from}.`,
});

export const depthRequired = (mechanic: Text): Text => ({
  es: `la mecánica «${mechanic.es}» necesita una «Profundidad» mayor que 0.`,
  en: `the mechanic "${mechanic.en}" needs a "Depth" above 0.`,
});

export const invalidMultibuy = (v: CellValue): Text => ({
  es: `${showValue(v, 'es')} no es una multicompra; escriba «2x1», «3x2» o «lleva 3 paga 2» (paga menos de lo que lleva).`,
  en: `${showValue(v, 'en')} is not a multibuy; write "2x1", "3x2" or "buy 3 pay 2" (pay fewer than you buy).`,
});

export const promotionOverlap = (id: string, other: string, otherRow: number, sku: string, day: string): Text => ({
  es: `el evento «${id}» coincide con «${other}» (fila ${otherRow}) en el SKU ${sku} el ${day}; marque ambos como «Acumulable» si se suman, o separe sus fechas.`,
  en: `event "${id}" overlaps "${other}" (row ${otherRow}) on SKU ${sku} on ${day}; mark both "Stacks" if they add up, or separate their dates.`,
});

const words = (list: readonly Text[], lang: 'es' | 'en') => list.map((w) => `«${w[lang]}»`).join(', ');

export const unknownScenario = (id: string): Text => ({
  es: `el escenario «${id}» no existe en la tabla Escenarios.`,
  en: `the scenario "${id}" does not exist in the Scenarios table.`,
});

export const unknownPromotion = (id: string): Text => ({
  es: `la promoción «${id}» no existe en la tabla Promociones ni la agrega antes este escenario.`,
  en: `the promotion "${id}" does not exist in the Promotions table and this scenario does not add it earlier.`,
});

export const promotionIdTaken = (id: string): Text => ({
  es: `ya existe una promoción «${id}»; la promoción agregada necesita un ID nuevo.`,
  en: `a promotion "${id}" already exists; the added promotion needs a new ID.`,
});

export const unknownTier = (termId: string, tier: number, count: number): Text => ({
  es: `la condición «${termId}» tiene ${count} escalón(es); no existe el escalón ${tier}.`,
  en: `the term "${termId}" has ${count} tier(s); there is no tier ${tier}.`,
});

export const unknownCost = (kind: string, customerId: string): Text => ({
  es: `el cliente ${customerId} no tiene costo de servir «${kind}» en la tabla CostoServir.`,
  en: `customer ${customerId} has no "${kind}" cost to serve in the CostToServe table.`,
});

export const leverOtherCustomer = (id: string, owner: string, customerId: string): Text => ({
  es: `«${id}» es del cliente ${owner}; un escenario de ${customerId} solo cambia lo de ${customerId}.`,
  en: `"${id}" belongs to customer ${owner}; a scenario of ${customerId} only changes ${customerId}'s own.`,
});

export const actionNotForTarget = (action: Text, target: Text, allowed: readonly Text[]): Text => ({
  es: `no se puede «${action.es}» un(a) ${target.es}; acciones posibles: ${words(allowed, 'es')}.`,
  en: `a ${target.en} cannot be "${action.en}"d; possible actions: ${allowed.map((w) => `"${w.en}"`).join(', ')}.`,
});

export const fieldNotForTarget = (field: Text, target: Text, allowed: readonly Text[]): Text => ({
  es: `el campo «${field.es}» no es de un(a) ${target.es}; campos posibles: ${words(allowed, 'es')}.`,
  en: `the field "${field.en}" is not a ${target.en}'s; possible fields: ${allowed.map((w) => `"${w.en}"`).join(', ')}.`,
});

// ---------------------------------------------------------------- how the table sits in its sheet

export const headerRowOff = (
  firstRow: readonly string[],
  expectedEs: string[],
  expectedEn: string[],
  /** The file says the header row is switched off; otherwise no header names a column. */
  switchedOff: boolean,
): Text => {
  const shown = firstRow.filter((h) => h !== '').slice(0, 3);
  const es = shown.length ? ` (${shown.map((h) => q(h, 'es')).join(', ')}…)` : '';
  const en = shown.length ? ` (${shown.map((h) => q(h, 'en')).join(', ')}…)` : '';
  return switchedOff
    ? {
        es: `la fila de encabezados de la tabla está desactivada, así que su primera fila${es} no da los nombres de las columnas. Actívela en Diseño de tabla > Fila de encabezado y escriba en ella los encabezados: ${expectedEs.join(', ')}.`,
        en: `the table's header row is switched off, so its first row${en} does not name the columns. Turn it on in Table Design > Header Row and type the headers in it: ${expectedEn.join(', ')}.`,
      }
    : {
        es: `ninguno de los encabezados de la tabla${es} es un nombre de columna: parecen datos. Si la fila de encabezados se desactivó o se escribió encima, actívela (Diseño de tabla > Fila de encabezado) y escriba en ella los encabezados: ${expectedEs.join(', ')}.`,
        en: `none of the table's headers${en} is a column name: they look like data. If the header row was switched off or typed over, turn it on (Table Design > Header Row) and type the headers in it: ${expectedEn.join(', ')}.`,
      };
};

export const mergedCells = (ranges: readonly string[]): Text => {
  const list = ranges.slice(0, 5).join(', ') + (ranges.length > 5 ? ' …' : '');
  return {
    es: `la tabla tiene celdas combinadas (${list}); cada fila necesita su propio valor, y una celda combinada repite o deja vacías las demás. Selecciónelas, Inicio > Combinar y centrar > Separar celdas, y escriba el valor en cada fila.`,
    en: `the table has merged cells (${list}); every row needs its own value, and a merged cell repeats or blanks the others. Select them, Home > Merge & Center > Unmerge Cells, and type the value in each row.`,
  };
};

export const rowsBelowTable = (cells: readonly string[]): Text => {
  const list = cells.slice(0, 5).join(', ') + (cells.length > 5 ? ` (${cells.length})` : '');
  return {
    es: `hay valores escritos justo debajo de la tabla, fuera de ella (${list}), y no se leen. Si son filas de datos, amplíe la tabla para incluirlas: Diseño de tabla > Cambiar tamaño de la tabla, o arrastre la esquina inferior derecha de la tabla.`,
    en: `there are values typed just below the table, outside it (${list}), and they are not read. If they are data rows, extend the table to include them: Table Design > Resize Table, or drag the table's bottom-right corner.`,
  };
};

export const hiddenRows = (rows: readonly number[], n: number, filtered: boolean): Text => {
  const list = rows.slice(0, 8).join(', ') + (n > Math.min(8, rows.length) ? ' …' : '');
  const es = rows.length ? ` (${n === 1 ? 'fila' : 'filas'} ${list})` : '';
  const en = rows.length ? ` (${n === 1 ? 'row' : 'rows'} ${list})` : '';
  return {
    es: `${n === 1 ? '1 fila de la tabla está oculta' : `${n} filas de la tabla están ocultas`}${filtered ? ' o filtradas' : ''}${es} y se incluyen en el cálculo, como todas las filas de la tabla. Si no deben contar, elimínelas; para verlas, ${filtered ? 'Datos > Borrar filtro' : 'Inicio > Formato > Ocultar y mostrar > Mostrar filas'}.`,
    en: `${n === 1 ? '1 row of the table is hidden' : `${n} rows of the table are hidden`}${filtered ? ' or filtered out' : ''}${en} and they are included in the calculation, as every row of the table is. If they should not count, delete them; to see them, ${filtered ? 'Data > Clear filter' : 'Home > Format > Hide & Unhide > Unhide Rows'}.`,
  };
};

export const valueTooLarge = (x: number, limit: number): Text => ({
  es: `${x} es demasiado grande: pasa de ${limit.toExponential()} y la aritmética en pesos y centavos ya no sería exacta (ni cabría al multiplicarlo). Revise la celda: ¿se pegó un código de barras u otro número?`,
  en: `${x} is too large: it exceeds ${limit.toExponential()}, beyond which peso-and-centavo arithmetic is no longer exact (nor fits when multiplied). Check the cell: was a barcode or another number pasted?`,
});

export const implausibleValue = (x: number, plausible: number, unit: Text | undefined): Text => ({
  es: `${x} es mucho mayor de lo usual para esta columna (más de ${plausible.toLocaleString('en-US')}${unit ? ` ${unit.es}` : ''}); se usa tal cual. Revise que no sea un código de barras, un valor en otra unidad o un número pegado por error.`,
  en: `${x} is far larger than usual for this column (over ${plausible.toLocaleString('en-US')}${unit ? ` ${unit.en}` : ''}); it is used as is. Check it is not a barcode, a value in another unit or a number pasted by mistake.`,
});

export const decimalComma = (text: string, suggestion: string): Text => ({
  es: `«${text}» usa coma decimal; en este libro el punto separa los decimales y la coma los miles. Escriba ${suggestion}, o capture el valor como número en Excel.`,
  en: `"${text}" uses a decimal comma; in this workbook the point separates decimals and the comma thousands. Type ${suggestion}, or enter the value as a number in Excel.`,
});

export const dateTextLocale = (text: string, looks: Text, suggestion: string | undefined): Text => ({
  es: `«${text}» es una fecha escrita como texto en un formato que no se lee (${looks.es}). ${suggestion ? `Si es el ${suggestion}, escriba ${suggestion}` : 'Escríbala como AAAA-MM-DD'} o capture una fecha de Excel; también se acepta día/mes/año con cuatro dígitos (15/01/2026).`,
  en: `"${text}" is a date typed as text in a format that is not read (${looks.en}). ${suggestion ? `If it is ${suggestion}, type ${suggestion}` : 'Type it as YYYY-MM-DD'} or enter an Excel date; day/month/year with four digits (15/01/2026) is accepted too.`,
});

const KIND_WORDS: Record<'month' | 'week', { es: [string, string]; en: [string, string] }> = {
  month: { es: ['mensual', 'meses'], en: ['monthly', 'months'] },
  week: { es: ['semanal', 'semanas'], en: ['weekly', 'weeks'] },
};

export const periodicityMismatch = (
  stated: 'month' | 'week',
  found: 'month' | 'week',
  other: number,
  total: number,
): Text => ({
  es: `la periodicidad es ${KIND_WORDS[stated].es[0]}, pero los periodos de VolumenesBase son ${KIND_WORDS[found].es[1]} (${other} de ${total} renglones). Escriba «${KIND_WORDS[found].es[0]}» en Parámetros > Periodicidad, o capture los volúmenes por ${KIND_WORDS[stated].es[1]}.`,
  en: `the periodicity is ${KIND_WORDS[stated].en[0]}, but the BaseVolumes periods are ${KIND_WORDS[found].en[1]} (${other} of ${total} rows). Enter "${KIND_WORDS[found].en[0]}" in Settings > Periodicity, or enter the volumes by ${KIND_WORDS[stated].en[1]}.`,
});
