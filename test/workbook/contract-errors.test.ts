/**
 * Every class of contract error: code, location (sheet, table, row, column, address) and the exact es and en text.
 * Positions come from fixtures.ts: most tables start at A1; VolumenesBase starts at B3 on 'Volúmenes base'.
 */
import { MAX_ERRORS, formatContractError, formatContractErrors, parseModel } from '../../src/workbook/contract';
import { edit, errorsOf, grid, onlyError, setCell, workbook } from './fixtures';

describe('tables and headers', () => {
  test('missing table: named in es and en, nothing else reported', () => {
    const wb = workbook();
    wb.delete('Clientes');
    const errors = errorsOf(wb);
    // Without Customers, customer references are not checked (they would all fail).
    expect(errors).toEqual([
      {
        code: 'missing_table',
        sheet: '',
        table: 'Customers',
        es: 'Falta la tabla Clientes (en inglés Customers). Cree una tabla de Excel (Insertar > Tabla) y nómbrela así en Diseño de tabla > Nombre de la tabla.',
        en: 'The table Customers (in Spanish Clientes) is missing. Create an Excel table (Insert > Table) and give it that name in Table Design > Table Name.',
      },
    ]);
  });

  test('optional tables may be missing', () => {
    const wb = workbook();
    wb.delete('Escalones');
    wb.delete('CostoServir');
    // WMX-02 had only tiers: now it needs a rate.
    const e = onlyError(wb, 'rate_required');
    expect(e.address).toBe('Condiciones!F3');
    expect(errorsOf(wb)).toHaveLength(1);
  });

  test('the same table under its English and Spanish name', () => {
    const wb = workbook();
    wb.set('Customers', { ...wb.get('Clientes')!, name: 'Customers', sheet: 'Hoja2' });
    const e = onlyError(wb, 'duplicate_table');
    expect(e.es).toBe(
      'Tabla Customers (hoja Hoja2): la tabla Clientes / Customers aparece dos veces (también como Clientes en la hoja Clientes); deje solo una.',
    );
    expect(e.en).toBe(
      'Table Customers (sheet Hoja2): the table Customers / Clientes appears twice (also as Clientes on sheet Clientes); keep only one.',
    );
  });

  test('missing required column', () => {
    const wb = edit('Clientes', (t) => {
      t.headers.splice(2, 1);
      t.rows.forEach((r) => r.splice(2, 1));
    });
    expect(errorsOf(wb)).toEqual([
      {
        code: 'missing_column',
        sheet: 'Clientes',
        table: 'Clientes',
        column: 'Canal',
        es: 'Tabla Clientes (hoja Clientes), columna «Canal»: falta la columna obligatoria «Canal» (en inglés "Channel"); agréguela al encabezado de la tabla.',
        en: 'Table Clientes (sheet Clientes), column "Canal": the required column "Channel" (in Spanish «Canal») is missing; add it to the table header.',
      },
    ]);
  });

  test('a table named in English names its missing column in English', () => {
    const wb = workbook();
    const t = wb.get('Clientes')!;
    wb.delete('Clientes');
    wb.set('Customers', {
      ...t,
      name: 'Customers',
      headers: ['Customer ID', 'Name', 'Payment days'],
      rows: t.rows.map((r) => [r[0], r[1], r[3]]),
    });
    expect(errorsOf(wb).map((e) => [e.code, e.column])).toEqual([['missing_column', 'Channel']]);
  });

  test('a tiers table with a missing column is reported once, not once per tiered term', () => {
    const wb = edit('Escalones', (t) => (t.headers[3] = 'Porcentaje'));
    expect(errorsOf(wb).map((e) => [e.code, e.column])).toEqual([
      ['unknown_column', 'Porcentaje'],
      ['missing_column', 'Tasa'],
    ]);
  });

  test('unknown header (a typo) is an error with a suggestion, and the real column is then missing', () => {
    const wb = edit('Clientes', (t) => (t.headers[3] = 'Dias de credto'));
    const errors = errorsOf(wb);
    expect(errors.map((e) => e.code)).toEqual(['unknown_column', 'missing_column']);
    expect(errors[0]).toMatchObject({
      sheet: 'Clientes',
      table: 'Clientes',
      row: 1,
      column: 'Dias de credto',
      address: 'Clientes!D1',
    });
    expect(errors[0].es).toBe(
      'Tabla Clientes, encabezado «Dias de credto» (Clientes!D1): «Dias de credto» no es una columna de esta tabla; ¿quiso decir «Días de crédito»? Columnas aceptadas: ID cliente, Nombre, Canal, Días de crédito, Participación CEDIS, Presupuesto comercial.',
    );
    expect(errors[0].en).toBe(
      'Table Clientes, header "Dias de credto" (Clientes!D1): "Dias de credto" is not a column of this table; did you mean "Payment days"? Accepted columns: Customer ID, Name, Channel, Payment days, DC share, Trade budget.',
    );
  });

  test('an unknown optional header does not stop the rows from being read', () => {
    const wb = edit('Clientes', (t) => {
      t.headers.push('Gerente');
      t.rows.forEach((r) => r.push('Ana'));
      setCell(t, 0, 'Canal', 'hiper');
    });
    expect(errorsOf(wb).map((e) => e.code)).toEqual(['unknown_column', 'invalid_enum']);
  });

  test('two headers for the same column', () => {
    const wb = edit('Clientes', (t) => {
      t.headers.push('Channel');
      t.rows.forEach((r) => r.push('moderno'));
    });
    const e = onlyError(wb, 'duplicate_column');
    expect(e.address).toBe('Clientes!F1');
    expect(e.es).toBe(
      'Tabla Clientes, encabezado «Channel» (Clientes!F1): «Channel» repite la columna «Canal» (ambas son «Canal»); deje solo una.',
    );
    expect(e.en).toBe(
      'Table Clientes, header "Channel" (Clientes!F1): "Channel" repeats the column "Canal" (both are "Channel"); keep only one.',
    );
  });

  test('empty table', () => {
    const wb = edit('Condiciones', (t) => (t.rows = [t.headers.map(() => null)]));
    wb.delete('Escalones');
    expect(errorsOf(wb)).toEqual([
      {
        code: 'empty_table',
        sheet: 'Condiciones',
        table: 'Condiciones',
        es: 'Tabla Condiciones (hoja Condiciones): la tabla no tiene datos; se necesita al menos un renglón.',
        en: 'Table Condiciones (sheet Condiciones): the table has no data rows; at least one is needed.',
      },
    ]);
  });
});

describe('cells', () => {
  test('text in a numeric cell', () => {
    const e = onlyError(
      edit('VolumenesBase', (t) => setCell(t, 0, 'Volumen base', 'mil')),
      'not_a_number',
    );
    expect(e).toEqual({
      code: 'not_a_number',
      sheet: 'Volúmenes base',
      table: 'VolumenesBase',
      row: 4,
      column: 'Volumen base',
      address: "'Volúmenes base'!E4",
      es: "Tabla VolumenesBase, fila 4, columna «Volumen base» ('Volúmenes base'!E4): «mil» no es un número.",
      en: `Table VolumenesBase, row 4, column "Volumen base" ('Volúmenes base'!E4): "mil" is not a number.`,
    });
  });

  test('a European decimal comma is not silently read as thousands: it is named, with the number to type', () => {
    const e = onlyError(
      edit('Productos', (t) => setCell(t, 0, 'Costo por unidad', '110,5')),
      'decimal_comma',
    );
    expect(e.address).toBe('Productos!H2');
    expect(e.en).toBe(
      'Table Productos, row 2, column "Costo por unidad" (Productos!H2): "110,5" uses a decimal comma; in this workbook the point separates decimals and the comma thousands. Type 110.5, or enter the value as a number in Excel.',
    );
    expect(e.es).toBe(
      'Tabla Productos, fila 2, columna «Costo por unidad» (Productos!H2): «110,5» usa coma decimal; en este libro el punto separa los decimales y la coma los miles. Escriba 110.5, o capture el valor como número en Excel.',
    );
  });

  test('Excel errors (#N/A, #REF!) in numeric and text cells', () => {
    const wb = edit('VolumenesBase', (t) => setCell(t, 1, 'Precio de lista', { error: '#N/A' }));
    edit('Productos', (t) => setCell(t, 1, 'Costo por unidad', { error: '#REF!' }), wb);
    edit('Clientes', (t) => setCell(t, 1, 'Nombre', { error: '#VALUE!' }), wb);
    const errors = errorsOf(wb).filter((e) => e.code === 'excel_error');
    expect(errors.map((e) => [e.address, e.es])).toEqual([
      [
        'Clientes!B3',
        'Tabla Clientes, fila 3, columna «Nombre» (Clientes!B3): la celda contiene el error de Excel #VALUE!; corrija la fórmula o escriba un valor.',
      ],
      [
        'Productos!H3',
        'Tabla Productos, fila 3, columna «Costo por unidad» (Productos!H3): la celda contiene el error de Excel #REF!; corrija la fórmula o escriba un valor.',
      ],
      [
        "'Volúmenes base'!G5",
        "Tabla VolumenesBase, fila 5, columna «Precio de lista» ('Volúmenes base'!G5): la celda contiene el error de Excel #N/A; corrija la fórmula o escriba un valor.",
      ],
    ]);
    expect(errors[2].en).toBe(
      `Table VolumenesBase, row 5, column "Precio de lista" ('Volúmenes base'!G5): the cell holds the Excel error #N/A; fix the formula or type a value.`,
    );
  });

  test('a formula with no saved value is an error in every kind of column, required or optional, never a blank', () => {
    const f = (formula: string) => ({ formulaWithoutValue: formula });
    const wb = edit('Clientes', (t) => {
      setCell(t, 0, 'Nombre', f('=A2')); // required text
      setCell(t, 0, 'Canal', f('=G2')); // required enum
      setCell(t, 1, 'Participación CEDIS', f('=D3/100')); // optional number: blank would mean 0 %
    });
    edit('VolumenesBase', (t) => setCell(t, 0, 'Periodo', f('')), wb); // a period; formula text unknown
    const errors = errorsOf(wb);
    expect(errors.map((e) => [e.code, e.address])).toEqual([
      ['formula_without_value', 'Clientes!B2'],
      ['formula_without_value', 'Clientes!C2'],
      ['formula_without_value', 'Clientes!E3'],
      ['formula_without_value', "'Volúmenes base'!D4"],
    ]);
    expect(errors[2].es).toBe(
      'Tabla Clientes, fila 3, columna «Participación CEDIS» (Clientes!E3): fórmula sin valor guardado (=D3/100): abra y guarde el archivo en Excel, o recalcúlelo.',
    );
    expect(errors[2].en).toBe(
      'Table Clientes, row 3, column "Participación CEDIS" (Clientes!E3): formula without a saved value (=D3/100): open and save the file in Excel, or recalculate it.',
    );
    expect(errors[3].es).toBe(
      "Tabla VolumenesBase, fila 4, columna «Periodo» ('Volúmenes base'!D4): fórmula sin valor guardado: abra y guarde el archivo en Excel, o recalcúlelo.",
    );
  });

  test('negative volume', () => {
    const e = onlyError(
      edit('VolumenesBase', (t) => setCell(t, 2, 'Volumen real', -5)),
      'negative_value',
    );
    expect(e).toMatchObject({ row: 6, column: 'Volumen real', address: "'Volúmenes base'!F6" });
    expect(e.es).toBe(
      "Tabla VolumenesBase, fila 6, columna «Volumen real» ('Volúmenes base'!F6): -5 es negativo; se espera un valor mayor o igual a 0.",
    );
    expect(e.en).toBe(
      `Table VolumenesBase, row 6, column "Volumen real" ('Volúmenes base'!F6): -5 is negative; a value of 0 or more is expected.`,
    );
  });

  test('rate above 100 % in a term, a fraction column and a tier', () => {
    const wb = edit('Condiciones', (t) => setCell(t, 0, 'Tasa o monto', 1.5));
    edit('Clientes', (t) => setCell(t, 0, 'Participación CEDIS', 90), wb);
    edit('Escalones', (t) => setCell(t, 2, 'Tasa', '300%'), wb);
    const errors = errorsOf(wb);
    expect(errors.map((e) => [e.code, e.address])).toEqual([
      ['rate_above_100', 'Clientes!E2'],
      ['rate_above_100', 'Condiciones!F2'],
      ['rate_above_100', 'Escalones!D4'],
    ]);
    expect(errors[1].es).toBe(
      'Tabla Condiciones, fila 2, columna «Tasa o monto» (Condiciones!F2): 1.5 (150 %) es mayor que 100 %. Escriba la tasa como porcentaje (5 %) o como fracción (0.05).',
    );
    expect(errors[1].en).toBe(
      'Table Condiciones, row 2, column "Tasa o monto" (Condiciones!F2): 1.5 (150 %) is above 100 %. Enter the rate as a percentage (5 %) or a fraction (0.05).',
    );
    expect(errors[0].es).toContain('90 (9000 %) es mayor que 100 %');
  });

  test('a money rate on a volume basis may be above 1, but not a percentage', () => {
    const wb = edit('Condiciones', (t) => {
      setCell(t, 0, 'Base', 'volumen');
      setCell(t, 0, 'Tasa o monto', 6.5); // MXN per unit: fine
      setCell(t, 3, 'Tasa o monto', '5%');
      setCell(t, 3, 'Base', 'por unidad');
    });
    const e = onlyError(wb, 'percent_not_allowed');
    expect(e.es).toBe(
      'Tabla Condiciones, fila 5, columna «Tasa o monto» (Condiciones!F5): «5%» es un porcentaje, pero esta columna lleva MXN por unidad; escriba el número sin «%».',
    );
    expect(e.en).toBe(
      'Table Condiciones, row 5, column "Tasa o monto" (Condiciones!F5): "5%" is a percentage, but this column takes MXN per unit; type the number without "%".',
    );
  });

  test('whole numbers and ranges', () => {
    const wb = edit('Clientes', (t) => {
      setCell(t, 0, 'Días de crédito', 45.5);
      setCell(t, 1, 'Días de crédito', 400);
    });
    const errors = errorsOf(wb);
    expect(errors.map((e) => [e.code, e.address, e.en])).toEqual([
      [
        'not_an_integer',
        'Clientes!D2',
        'Table Clientes, row 2, column "Días de crédito" (Clientes!D2): 45.5 is not a whole number.',
      ],
      [
        'out_of_range',
        'Clientes!D3',
        'Table Clientes, row 3, column "Días de crédito" (Clientes!D3): 400 is outside the allowed range (0 to 365).',
      ],
    ]);
    expect(errors.map((e) => e.es)).toEqual([
      'Tabla Clientes, fila 2, columna «Días de crédito» (Clientes!D2): 45.5 no es un número entero.',
      'Tabla Clientes, fila 3, columna «Días de crédito» (Clientes!D3): 400 está fuera del rango permitido (0 a 365).',
    ]);
  });

  test('blank required cell', () => {
    const e = onlyError(
      edit('Clientes', (t) => setCell(t, 1, 'Nombre', '  ')),
      'blank_required',
    );
    expect(e).toEqual({
      code: 'blank_required',
      sheet: 'Clientes',
      table: 'Clientes',
      row: 3,
      column: 'Nombre',
      address: 'Clientes!B3',
      es: 'Tabla Clientes, fila 3, columna «Nombre» (Clientes!B3): la celda está vacía y es obligatoria.',
      en: 'Table Clientes, row 3, column "Nombre" (Clientes!B3): the cell is blank and is required.',
    });
  });

  test('invalid enum value lists the allowed values in each language', () => {
    const e = onlyError(
      edit('Clientes', (t) => setCell(t, 0, 'Canal', 'hipermercado')),
      'invalid_enum',
    );
    expect(e.es).toBe(
      'Tabla Clientes, fila 2, columna «Canal» (Clientes!C2): «hipermercado» no es un valor válido; valores permitidos: moderno, conveniencia, e-commerce, mayoreo, tradicional.',
    );
    expect(e.en).toBe(
      'Table Clientes, row 2, column "Canal" (Clientes!C2): "hipermercado" is not a valid value; allowed values: modern, convenience, e-commerce, wholesale, traditional.',
    );
  });

  test('invalid boolean and invalid date', () => {
    const wb = edit('Condiciones', (t) => {
      setCell(t, 0, 'En factura', 'tal vez');
      setCell(t, 0, 'Fecha de acuerdo', '31/02/2026');
    });
    const errors = errorsOf(wb);
    expect(errors.map((e) => [e.code, e.address, e.es])).toEqual([
      [
        'invalid_boolean',
        'Condiciones!D2',
        'Tabla Condiciones, fila 2, columna «En factura» (Condiciones!D2): «tal vez» no es sí/no; escriba «sí» o «no».',
      ],
      [
        'invalid_date',
        'Condiciones!S2',
        'Tabla Condiciones, fila 2, columna «Fecha de acuerdo» (Condiciones!S2): «31/02/2026» no es una fecha; use una fecha de Excel o el formato AAAA-MM-DD.',
      ],
    ]);
    expect(errors.map((e) => e.en)).toEqual([
      'Table Condiciones, row 2, column "En factura" (Condiciones!D2): "tal vez" is not yes/no; enter "yes" or "no".',
      'Table Condiciones, row 2, column "Fecha de acuerdo" (Condiciones!S2): "31/02/2026" is not a date; use an Excel date or the format YYYY-MM-DD.',
    ]);
  });
});

describe('references and keys', () => {
  test('unknown customer in BaseVolumes, Terms and CostToServe', () => {
    const wb = edit('VolumenesBase', (t) => setCell(t, 0, 'ID cliente', 'SORIANA'));
    edit('Condiciones', (t) => setCell(t, 4, 'ID cliente', 'CHEDRAUI'), wb);
    edit('CostoServir', (t) => setCell(t, 2, 'ID cliente', '7ELEVEN'), wb);
    const errors = errorsOf(wb);
    expect(errors.map((e) => [e.code, e.address])).toEqual([
      ['unknown_customer', "'Volúmenes base'!B4"],
      ['unknown_customer', 'Condiciones!B6'],
      ['unknown_customer', "'Costo de servir'!A4"],
    ]);
    expect(errors[0].es).toBe(
      "Tabla VolumenesBase, fila 4, columna «ID cliente» ('Volúmenes base'!B4): el cliente «SORIANA» no existe en la tabla Clientes.",
    );
    expect(errors[1].en).toBe(
      'Table Condiciones, row 6, column "ID cliente" (Condiciones!B6): the customer "CHEDRAUI" does not exist in the Customers table.',
    );
  });

  test('unknown SKU in BaseVolumes and in a scope SKU list; unknown brand in a scope', () => {
    const wb = edit('VolumenesBase', (t) => setCell(t, 5, 'SKU', 'BOT-999'));
    edit(
      'Condiciones',
      (t) => {
        setCell(t, 3, 'Valores del alcance', 'REF-001, REF-777');
        setCell(t, 1, 'Alcance', 'marca');
        setCell(t, 1, 'Valores del alcance', 'Crujimax; Sabritas');
      },
      wb,
    );
    const errors = errorsOf(wb);
    expect(errors.map((e) => [e.code, e.address, e.es])).toEqual([
      [
        'unknown_sku',
        "'Volúmenes base'!C9",
        "Tabla VolumenesBase, fila 9, columna «SKU» ('Volúmenes base'!C9): el SKU «BOT-999» no existe en la tabla Productos.",
      ],
      [
        'unknown_brand',
        'Condiciones!I3',
        'Tabla Condiciones, fila 3, columna «Valores del alcance» (Condiciones!I3): la marca «Sabritas» no existe en la tabla Productos.',
      ],
      [
        'unknown_sku',
        'Condiciones!I5',
        'Tabla Condiciones, fila 5, columna «Valores del alcance» (Condiciones!I5): el SKU «REF-777» no existe en la tabla Productos.',
      ],
    ]);
    expect(errors.map((e) => e.en)).toEqual([
      `Table VolumenesBase, row 9, column "SKU" ('Volúmenes base'!C9): the SKU "BOT-999" does not exist in the Products table.`,
      'Table Condiciones, row 3, column "Valores del alcance" (Condiciones!I3): the brand "Sabritas" does not exist in the Products table.',
      'Table Condiciones, row 5, column "Valores del alcance" (Condiciones!I5): the SKU "REF-777" does not exist in the Products table.',
    ]);
  });

  test('unknown term id in TermTiers', () => {
    const e = onlyError(
      edit('Escalones', (t) => t.rows.push(['WMX-09', 0, null, 0.01])),
      'unknown_term',
    );
    expect(e.es).toBe(
      'Tabla Escalones, fila 5, columna «ID condición» (Escalones!A5): la condición «WMX-09» no existe en la tabla Condiciones.',
    );
    expect(e.en).toBe(
      'Table Escalones, row 5, column "ID condición" (Escalones!A5): the term "WMX-09" does not exist in the Terms table.',
    );
  });

  test('duplicate customer id (ignoring case and spaces), SKU and term id', () => {
    const wb = edit('Clientes', (t) => t.rows.push([' wmx ', 'Walmart (otra vez)', 'moderno', 60, null]));
    edit('Productos', (t) => t.rows.push([...t.rows[0]]), wb);
    edit('Condiciones', (t) => t.rows.push([...t.rows[4]]), wb);
    const errors = errorsOf(wb);
    expect(errors.map((e) => [e.code, e.address, e.en])).toEqual([
      [
        'duplicate_key',
        'Clientes!A4',
        'Table Clientes, row 4, column "ID cliente" (Clientes!A4): "wmx" is duplicated; it already appears in row 2.',
      ],
      [
        'duplicate_key',
        'Productos!A5',
        'Table Productos, row 5, column "SKU" (Productos!A5): "BOT-001" is duplicated; it already appears in row 2.',
      ],
      [
        'duplicate_key',
        'Condiciones!A7',
        'Table Condiciones, row 7, column "ID condición" (Condiciones!A7): "OXXO-02" is duplicated; it already appears in row 6.',
      ],
    ]);
    expect(errors[0].es).toBe(
      'Tabla Clientes, fila 4, columna «ID cliente» (Clientes!A4): «wmx» está repetido; ya aparece en la fila 2.',
    );
  });

  test('duplicate customer × SKU × period, even far apart in the file', () => {
    const wb = edit('VolumenesBase', (t) => {
      t.rows.push(['WMX', 'BOT-001', '2026-02', 5, null, 230, 5, null]); // row 10 repeats row 6
      t.rows.push(['wmx', 'bot-001', '2026-02', 5, null, 230, 5, null]); // row 11 too
    });
    const errors = errorsOf(wb);
    // One cause (the same key repeated), its count and every address.
    expect(errors.map((e) => [e.code, e.row, e.address, e.count, e.addresses])).toEqual([
      ['duplicate_key', 10, "'Volúmenes base'!B10", 2, ["'Volúmenes base'!B10", "'Volúmenes base'!B11"]],
    ]);
    expect(errors[0].es).toBe(
      "Tabla VolumenesBase (hoja Volúmenes base), columna «ID cliente», 2 celdas ('Volúmenes base'!B10, B11): «WMX × BOT-001 × 2026-02» está repetido; ya aparece en la fila 6.",
    );
    expect(errors[0].en).toBe(
      `Table VolumenesBase (sheet Volúmenes base), column "ID cliente", 2 cells ('Volúmenes base'!B10, B11): "WMX × BOT-001 × 2026-02" is duplicated; it already appears in row 6.`,
    );
  });
});

describe('tiers', () => {
  const tiers = (rows: (string | number | null)[][]) => edit('Escalones', (t) => (t.rows = rows));

  test('overlapping tiers', () => {
    const e = onlyError(
      tiers([
        ['WMX-02', 0, 2000, 0.01],
        ['WMX-02', 1500, null, 0.02],
      ]),
      'tiers_overlap',
    );
    expect(e.address).toBe('Escalones!B3');
    expect(e.es).toBe(
      'Tabla Escalones, fila 3, columna «Desde» (Escalones!B3): el escalón empieza en 1500 y se traslapa con el de la fila 2, que llega hasta 2000.',
    );
    expect(e.en).toBe(
      'Table Escalones, row 3, column "Desde" (Escalones!B3): the tier starts at 1500 and overlaps the tier in row 2, which runs to 2000.',
    );
  });

  test('a tier after an open-ended one overlaps it', () => {
    const e = onlyError(
      tiers([
        ['WMX-02', 0, null, 0.01],
        ['WMX-02', 2000, null, 0.02],
      ]),
      'tiers_overlap',
    );
    expect(e.en).toBe(
      'Table Escalones, row 3, column "Desde" (Escalones!B3): the tier starts at 2000, but the tier in row 2 has no upper bound; the tiers overlap.',
    );
  });

  test('tiers not ascending', () => {
    const e = onlyError(
      tiers([
        ['WMX-02', 2000, null, 0.02],
        ['WMX-02', 0, 2000, 0.01],
      ]),
      'tiers_not_ascending',
    );
    expect(e.es).toBe(
      'Tabla Escalones, fila 3, columna «Desde» (Escalones!B3): el escalón empieza en 0, antes que el de la fila 2 (2000); los escalones deben ir en orden ascendente.',
    );
    expect(e.en).toBe(
      'Table Escalones, row 3, column "Desde" (Escalones!B3): the tier starts at 0, before the tier in row 2 (2000); tiers must be in ascending order.',
    );
  });

  test('a gap between tiers (neither the previous "To" nor, in whole units, "To" + 1)', () => {
    const e = onlyError(
      tiers([
        ['WMX-02', 0, 1500, 0.01],
        ['WMX-02', 2000, null, 0.02],
      ]),
      'tiers_gap',
    );
    expect(e.en).toBe(
      `Table Escalones, row 3, column "Desde" (Escalones!B3): there is a gap: the tier in row 2 runs to 1500 and this one starts at 2000; a tier's "From" must equal the previous tier's "To" (or, in whole units or pesos, 1500 + 1).`,
    );
  });

  test('whole-unit ranges ("0–1999, 2000+") are not a gap: read as contiguous bands', () => {
    const res = parseModel(
      tiers([
        ['WMX-02', 0, 1999, 0.01],
        ['WMX-02', 2000, null, 0.02],
      ]),
    );
    expect(res.ok && res.model.terms.find((t) => t.id === 'WMX-02')!.tiers).toEqual([
      { from: 0, to: 1999, rate: 0.01 },
      { from: 1999, to: null, rate: 0.02 },
    ]);
  });

  test('"To" not above "From"', () => {
    const e = onlyError(tiers([['WMX-02', 2000, 2000, 0.01]]), 'tier_bounds');
    expect(e.es).toBe(
      'Tabla Escalones, fila 2, columna «Hasta» (Escalones!C2): «Hasta» (2000) debe ser mayor que «Desde» (2000).',
    );
    expect(e.en).toBe(
      'Table Escalones, row 2, column "Hasta" (Escalones!C2): "To" (2000) must be greater than "From" (2000).',
    );
  });

  test('tiers of different terms may interleave', () => {
    const wb = tiers([
      ['WMX-02', 0, 2000, 0.01],
      ['WMX-03', 0, 0.05, 0.05],
      ['WMX-02', 2000, null, 0.02],
      ['WMX-03', '5%', null, '10%'],
    ]);
    const res = parseModel(wb);
    expect(res.ok && res.model.terms[2].tiers).toEqual([
      { from: 0, to: 0.05, rate: 0.05 },
      { from: 0.05, to: null, rate: 0.1 },
    ]);
  });

  test('a tiered lump sum: tier rates are MXN amounts, so a percentage is a mistake', () => {
    const wb = tiers([
      ['OXXO-02', 0, 5000, 100000],
      ['OXXO-02', 5000, null, '5%'],
    ]);
    const e = onlyError(wb, 'percent_not_allowed');
    expect(e.es).toBe(
      'Tabla Escalones, fila 3, columna «Tasa» (Escalones!D3): «5%» es un porcentaje, pero esta columna lleva un monto en MXN; escriba el número sin «%».',
    );
    const ok = parseModel(
      tiers([
        ['WMX-02', 0, null, 0.01],
        ['OXXO-02', 0, 5000, 100000],
        ['OXXO-02', 5000, null, 250000],
      ]),
    );
    expect(ok.ok && ok.model.terms[4].tiers).toEqual([
      { from: 0, to: 5000, rate: 100000 },
      { from: 5000, to: null, rate: 250000 },
    ]);
  });
});

describe('periods', () => {
  test('invalid period', () => {
    const e = onlyError(
      edit('VolumenesBase', (t) => setCell(t, 0, 'Periodo', '2026-13')),
      'invalid_period',
    );
    expect(e.es).toBe(
      `Tabla VolumenesBase, fila 4, columna «Periodo» ('Volúmenes base'!D4): «2026-13» no es un periodo válido; use un mes «2026-01», una semana ISO «2026-W05» o una fecha.`,
    );
    expect(e.en).toBe(
      `Table VolumenesBase, row 4, column "Periodo" ('Volúmenes base'!D4): "2026-13" is not a valid period; use a month "2026-01", an ISO week "2026-W05" or a date.`,
    );
  });

  test('period outside the fiscal year', () => {
    const e = onlyError(
      edit('VolumenesBase', (t) => setCell(t, 0, 'Periodo', '2025-12')),
      'period_outside_fiscal_year',
    );
    expect(e.es).toBe(
      `Tabla VolumenesBase, fila 4, columna «Periodo» ('Volúmenes base'!D4): el periodo 2025-12 está fuera del año fiscal 2026 (Parámetros > Año fiscal).`,
    );
    expect(e.en).toBe(
      `Table VolumenesBase, row 4, column "Periodo" ('Volúmenes base'!D4): the period 2025-12 is outside the fiscal year 2026 (Settings > Fiscal year).`,
    );
  });

  test('mixed periodicity (a week in a monthly workbook)', () => {
    const e = onlyError(
      edit('VolumenesBase', (t) => setCell(t, 0, 'Periodo', '2026-W02')),
      'mixed_periodicity',
    );
    expect(e.es).toBe(
      `Tabla VolumenesBase, fila 4, columna «Periodo» ('Volúmenes base'!D4): 2026-W02 es una semana, pero el libro es mensual (según Parámetros > Periodicidad); no se pueden mezclar meses y semanas.`,
    );
    expect(e.en).toBe(
      `Table VolumenesBase, row 4, column "Periodo" ('Volúmenes base'!D4): 2026-W02 is a week, but the workbook is monthly (per Settings > Periodicity); months and weeks cannot be mixed.`,
    );
  });

  test('mixed periodicity without a setting: the first period decides', () => {
    const wb = edit('Parametros', (t) => (t.rows = t.rows.filter((r) => r[0] !== 'Periodicidad')));
    edit('VolumenesBase', (t) => setCell(t, 4, 'Periodo', '2026-W01'), wb);
    const e = onlyError(wb, 'mixed_periodicity');
    expect(e.en).toContain('2026-W01 is a week, but the workbook is monthly (per the first BaseVolumes period)');
  });

  test('periods not contiguous', () => {
    // The only February row moves to April: January, March and April have rows, February none.
    const e = onlyError(
      edit('VolumenesBase', (t) => setCell(t, 2, 'Periodo', '2026-04')),
      'periods_not_contiguous',
    );
    expect(e).toMatchObject({ sheet: 'Volúmenes base', table: 'VolumenesBase', column: 'Periodo' });
    expect(e.es).toBe(
      'Tabla VolumenesBase (hoja Volúmenes base), columna «Periodo»: los periodos no son continuos: entre 2026-01 y 2026-04 no hay ningún renglón de 2026-02.',
    );
    expect(e.en).toBe(
      'Table VolumenesBase (sheet Volúmenes base), column "Periodo": the periods are not contiguous: between 2026-01 and 2026-04 there is no row for 2026-02.',
    );
  });

  test('period from after period to', () => {
    const e = onlyError(
      edit('Condiciones', (t) => setCell(t, 2, 'Periodo desde', '2026-06')),
      'period_from_after_to',
    );
    expect(e.es).toBe(
      'Tabla Condiciones, fila 4, columna «Periodo desde» (Condiciones!J4): el periodo desde 2026-06 es posterior al periodo hasta 2026-03.',
    );
    expect(e.en).toBe(
      'Table Condiciones, row 4, column "Periodo desde" (Condiciones!J4): the period from 2026-06 is after the period to 2026-03.',
    );
  });

  test('weekly workbook: a month may end a term span, but the span must still run forward', () => {
    const wb = edit('Parametros', (t) => setCell(t, 1, 'Valor', 'semanal'));
    wb.set(
      'VolumenesBase',
      grid(
        'VolumenesBase',
        'VB',
        ['ID cliente', 'SKU', 'Periodo', 'Volumen base', 'Precio de lista'],
        [['WMX', 'BOT-001', '2026-W01', 100, 230]],
      ),
    );
    wb.set('CostoServir', grid('CostoServir', 'CS', ['ID cliente', 'Tipo', 'Base', 'Tasa o monto'], []));
    edit(
      'Condiciones',
      (t) => {
        for (let i = 0; i < t.rows.length; i++) setCell(t, i, 'Periodo hasta', null);
        setCell(t, 2, 'Periodo desde', '2026-03'); // starts 1 March
        setCell(t, 2, 'Periodo hasta', '2026-W05'); // ends Sunday 1 February
      },
      wb,
    );
    const e = onlyError(wb, 'period_from_after_to');
    expect(e.en).toBe(
      'Table Condiciones, row 4, column "Periodo desde" (Condiciones!J4): the period from 2026-03 is after the period to 2026-W05.',
    );
  });

  test('a wrong fiscal year is one error on its cell, with the years BaseVolumes holds, not one per row', () => {
    // Fiscal year 2025 while 706 BaseVolumes rows (the fixture's 6 + 700 more) are all in 2026.
    const wb = edit('Parametros', (t) => setCell(t, 0, 'Valor', 2025));
    edit(
      'VolumenesBase',
      (t) => {
        for (let i = 0; i < 700; i++)
          t.rows.push(['WMX', 'BAS-001', `2026-${String((i % 12) + 1).padStart(2, '0')}`, 10, null, 50, null, null]);
      },
      wb,
    );
    expect(errorsOf(wb)).toEqual([
      {
        code: 'fiscal_year_mismatch',
        sheet: 'Parámetros',
        table: 'Parametros',
        row: 2,
        column: 'Valor (Año fiscal)',
        address: 'Parámetros!B2',
        es: 'Tabla Parametros, fila 2, columna «Valor (Año fiscal)» (Parámetros!B2): el año fiscal es 2025, pero los periodos de VolumenesBase son de 2026 (706 de 706 renglones quedan fuera de 2025). Escriba el año del plan (2026) en Parámetros > Año fiscal o corrija los periodos de VolumenesBase.',
        en: 'Table Parametros, row 2, column "Valor (Año fiscal)" (Parámetros!B2): the fiscal year is 2025, but the BaseVolumes periods are in 2026 (706 of 706 rows fall outside 2025). Enter the plan\'s year (2026) in Settings > Fiscal year, or fix the BaseVolumes periods.',
      },
    ]);
  });

  test('a fiscal year most rows miss: the range of years found and the likeliest year', () => {
    // Fiscal year 2026; periods 2025-12 (×3), 2026-01 (×2), 2027-01 (×1): 4 of 6 outside, most rows in 2025.
    const wb = edit('VolumenesBase', (t) => {
      setCell(t, 1, 'Periodo', '2025-12');
      setCell(t, 2, 'Periodo', '2025-12');
      setCell(t, 4, 'Periodo', '2025-12');
      setCell(t, 5, 'Periodo', new Date(Date.UTC(2027, 0, 10)));
    });
    const e = onlyError(wb, 'fiscal_year_mismatch');
    expect(errorsOf(wb)).toHaveLength(1);
    expect(e.address).toBe('Parámetros!B2');
    expect(e.es).toContain(
      'el año fiscal es 2026, pero los periodos de VolumenesBase son de 2025 a 2027 (4 de 6 renglones quedan fuera de 2026). Escriba el año del plan (2025)',
    );
    expect(e.en).toContain(
      "the fiscal year is 2026, but the BaseVolumes periods run from 2025 to 2027 (4 of 6 rows fall outside 2026). Enter the plan's year (2025)",
    );
  });

  test('no Fiscal year row: the default year is named and the Settings table located', () => {
    const wb = edit('Parametros', (t) => t.rows.shift());
    edit(
      'VolumenesBase',
      (t) => t.rows.forEach((r, i) => setCell(t, i, 'Periodo', (r[2] as string).replace('2026', '2025'))),
      wb,
    );
    expect(errorsOf(wb)).toEqual([
      {
        code: 'fiscal_year_mismatch',
        sheet: 'Parámetros',
        table: 'Parametros',
        es: 'Tabla Parametros (hoja Parámetros): Parámetros no indica el año fiscal (se usa 2026), pero los periodos de VolumenesBase son de 2025 (6 de 6 renglones quedan fuera de 2026). Escriba el año del plan (2025) en Parámetros > Año fiscal o corrija los periodos de VolumenesBase.',
        en: "Table Parametros (sheet Parámetros): Settings do not state the fiscal year (2026 is used), but the BaseVolumes periods are in 2025 (6 of 6 rows fall outside 2026). Enter the plan's year (2025) in Settings > Fiscal year, or fix the BaseVolumes periods.",
      },
    ]);
  });

  test('a right fiscal year with a few stray rows: one error per stray row, located on the row', () => {
    // 2 of 6 rows outside 2026 (not most): each is reported where it is.
    const wb = edit('VolumenesBase', (t) => {
      setCell(t, 0, 'Periodo', '2025-12');
      setCell(t, 3, 'Periodo', '2027-01');
    });
    // OXXO × REF-001 lost its only (January) row; WMX × BOT-001 January still has a row: no gap.
    expect(errorsOf(wb).map((e) => [e.code, e.address])).toEqual([
      ['period_outside_fiscal_year', "'Volúmenes base'!D4"],
      ['period_outside_fiscal_year', "'Volúmenes base'!D7"],
    ]);
  });

  test('an invalid fiscal year is reported once, not once per period', () => {
    const wb = edit('Parametros', (t) => setCell(t, 0, 'Valor', 'dos mil veintiséis'));
    const errors = errorsOf(wb);
    expect(errors.map((e) => [e.code, e.address, e.column])).toEqual([
      ['not_a_number', 'Parámetros!B2', 'Valor (Año fiscal)'],
    ]);
  });
});

describe('term rules', () => {
  test('growth rebate without "pays on"', () => {
    const e = onlyError(
      edit('Condiciones', (t) => setCell(t, 2, 'Crecimiento pagado sobre', null)),
      'growth_pay_on_required',
    );
    expect(e.address).toBe('Condiciones!N4');
    expect(e.en).toBe(
      'Table Condiciones, row 4, column "Crecimiento pagado sobre" (Condiciones!N4): a growth rebate needs to say whether it pays on the excess or on the whole base; enter "excess" or "whole".',
    );
    expect(e.es).toBe(
      'Tabla Condiciones, fila 4, columna «Crecimiento pagado sobre» (Condiciones!N4): un plan de crecimiento necesita saber si paga sobre el excedente o sobre el total; escriba «excedente» o «total».',
    );
  });

  test('target bonus without a target', () => {
    const e = onlyError(
      edit('Condiciones', (t) => setCell(t, 3, 'Meta', null)),
      'target_required',
    );
    expect(e.es).toBe(
      'Tabla Condiciones, fila 5, columna «Meta» (Condiciones!Q5): un bono por objetivo (o una medida de condición) necesita una meta.',
    );
    expect(e.en).toBe(
      'Table Condiciones, row 5, column "Meta" (Condiciones!Q5): a target bonus (or a condition measure) needs a target.',
    );
  });

  test('a target in % on a volume measure is a mistake', () => {
    const e = onlyError(
      edit('Condiciones', (t) => setCell(t, 3, 'Medida de condición', 'volumen')),
      'percent_not_allowed',
    );
    expect(e.en).toBe(
      'Table Condiciones, row 5, column "Meta" (Condiciones!Q5): "90%" is a percentage, but this column takes units or MXN; type the number without "%".',
    );
  });

  test('scope without values', () => {
    const e = onlyError(
      edit('Condiciones', (t) => setCell(t, 3, 'Valores del alcance', ' ; ')),
      'scope_values_required',
    );
    expect(e.es).toBe(
      'Tabla Condiciones, fila 5, columna «Valores del alcance» (Condiciones!I5): el alcance «SKU» necesita valores separados por «;».',
    );
    expect(e.en).toBe(
      'Table Condiciones, row 5, column "Valores del alcance" (Condiciones!I5): the scope "SKU" needs values separated by ";".',
    );
  });

  test('flat term without a rate', () => {
    const e = onlyError(
      edit('Condiciones', (t) => setCell(t, 0, 'Tasa o monto', null)),
      'rate_required',
    );
    expect(e.en).toBe(
      'Table Condiciones, row 2, column "Tasa o monto" (Condiciones!F2): the rate or amount is blank and the term has no tiers in the TermTiers table.',
    );
    expect(e.es).toBe(
      'Tabla Condiciones, fila 2, columna «Tasa o monto» (Condiciones!F2): la tasa o monto está vacía y la condición no tiene escalones en la tabla Escalones.',
    );
  });

  test('IEPS: a kind without a rate, a per-litre quota without litres', () => {
    const wb = edit('Productos', (t) => {
      setCell(t, 0, 'Tasa o cuota IEPS', null);
      setCell(t, 1, 'Litros por unidad', null);
    });
    const errors = errorsOf(wb);
    expect(errors.map((e) => [e.code, e.address, e.es])).toEqual([
      [
        'ieps_rate_required',
        'Productos!K2',
        'Tabla Productos, fila 2, columna «Tasa o cuota IEPS» (Productos!K2): el tipo IEPS es ad valorem o cuota por litro, pero falta la tasa o cuota.',
      ],
      [
        'ieps_litres_required',
        'Productos!K3',
        'Tabla Productos, fila 3, columna «Tasa o cuota IEPS» (Productos!K3): la cuota IEPS por litro necesita «Litros por unidad» mayor que 0.',
      ],
    ]);
    expect(errors.map((e) => e.en)).toEqual([
      'Table Productos, row 2, column "Tasa o cuota IEPS" (Productos!K2): the IEPS kind is ad valorem or per litre, but the rate or quota is missing.',
      'Table Productos, row 3, column "Tasa o cuota IEPS" (Productos!K3): the per-litre IEPS quota needs "Litres per unit" greater than 0.',
    ]);
  });
});

describe('settings', () => {
  test('unknown and duplicate keys', () => {
    const wb = edit('Parametros', (t) => {
      t.rows.push(['Periodisidad', 'mensual', null]);
      t.rows.push(['fiscal year', 2026, null]);
    });
    const errors = errorsOf(wb);
    // A duplicate key is a root cause: listed first.
    expect(errors.map((e) => [e.code, e.address])).toEqual([
      ['duplicate_setting', 'Parámetros!A9'],
      ['unknown_setting', 'Parámetros!A8'],
    ]);
    expect(errors[1].es).toBe(
      'Tabla Parametros, fila 8, columna «Parámetro» (Parámetros!A8): «Periodisidad» no es un parámetro conocido; ¿quiso decir «Periodicidad»? Parámetros aceptados: Año fiscal, Moneda, Periodicidad, Costo de capital, Ubicación del costo de servir, Política de escalón interino, Variante de ROI, Traslado al anaquel, Forma de la elasticidad, Terminación de precio, Decimales de dinero, Días del año, Contribución mínima, Margen bruto mínimo, Gasto comercial máximo, Gasto promocional máximo, Índice de precio mínimo, Índice de precio máximo, ROI mínimo de promoción.',
    );
    expect(errors[0].en).toBe(
      'Table Parametros, row 9, column "Parámetro" (Parámetros!A9): the setting "fiscal year" is duplicated; it already appears in row 2.',
    );
    expect(errors[0].es).toBe(
      'Tabla Parametros, fila 9, columna «Parámetro» (Parámetros!A9): el parámetro «fiscal year» está repetido; ya aparece en la fila 2.',
    );
    expect(errors[1].en).toContain(
      '"Periodisidad" is not a known setting; did you mean "Periodicity"? Accepted settings: Fiscal year, Currency, Periodicity,',
    );
  });

  test('invalid setting values name the setting', () => {
    const wb = edit('Parametros', (t) => {
      setCell(t, 1, 'Valor', 'quincenal');
      setCell(t, 2, 'Valor', 11);
    });
    const errors = errorsOf(wb);
    expect(errors.map((e) => [e.code, e.column])).toEqual([
      ['invalid_enum', 'Valor (Periodicidad)'],
      ['rate_above_100', 'Valor (Costo de capital)'],
    ]);
    expect(errors[0].en).toBe(
      'Table Parametros, row 3, column "Valor (Periodicidad)" (Parámetros!B3): "quincenal" is not a valid value; allowed values: monthly, weekly.',
    );
  });
});

describe('all errors of a file together', () => {
  test('errors of several tables and classes come back in one result, in table and row order', () => {
    const wb = edit('Clientes', (t) => setCell(t, 0, 'Canal', 'x'));
    edit(
      'VolumenesBase',
      (t) => {
        setCell(t, 0, 'Volumen base', -1);
        setCell(t, 1, 'Precio de lista', 'caro');
      },
      wb,
    );
    edit('Escalones', (t) => setCell(t, 1, 'Desde', 1000), wb);
    expect(errorsOf(wb).map((e) => [e.code, e.address])).toEqual([
      ['invalid_enum', 'Clientes!C2'],
      ['negative_value', "'Volúmenes base'!E4"],
      ['not_a_number', "'Volúmenes base'!G5"],
      ['tiers_overlap', 'Escalones!B3'],
    ]);
  });

  // 700 rows, each with its own bad volume (700 causes), all with the same key (one duplicate_key cause of 699 cells).
  const manyCauses = () =>
    edit('VolumenesBase', (t) => {
      t.rows = [];
      for (let i = 0; i < 700; i++) t.rows.push(['WMX', 'BOT-001', '2026-01', `n/a ${i}`, null, 230, null, null]);
    });

  test(`more than ${MAX_ERRORS} causes: the first ${MAX_ERRORS}, root causes first and never hidden, then a count`, () => {
    const errors = errorsOf(manyCauses());
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    expect(errors[0]).toMatchObject({ code: 'duplicate_key', address: "'Volúmenes base'!B5", count: 699 });
    expect(errors[1]).toMatchObject({ code: 'not_a_number', address: "'Volúmenes base'!E4" });
    expect(errors[1].count).toBeUndefined();
    // 1 + 499 causes listed; 700 − 499 = 201 bad volumes counted.
    expect(errors[MAX_ERRORS]).toEqual({
      code: 'too_many_errors',
      sheet: '',
      table: '',
      count: 201,
      es: `… y 201 causas más (201 celdas); se muestran las primeras ${MAX_ERRORS}: corríjalas y vuelva a validar.`,
      en: `… and 201 more causes (201 cells); the first ${MAX_ERRORS} are shown: fix them and validate again.`,
    });
  });

  test('a duplicate key is never hidden by the cap, even when found after it', () => {
    // 600 customers with 600 different bad channels (Customers is read first), then one repeated BaseVolumes key.
    const wb = edit('Clientes', (t) => {
      for (let i = 0; i < 600; i++) t.rows.push([`C${i}`, `Cliente ${i}`, `canal ${i}`, 30, 0]);
    });
    edit('VolumenesBase', (t) => t.rows.push([...t.rows[0]]), wb);
    const errors = errorsOf(wb);
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    expect(errors[0]).toMatchObject({ code: 'duplicate_key', table: 'VolumenesBase' });
    expect(errors.slice(1, MAX_ERRORS).every((e) => e.code === 'invalid_enum')).toBe(true);
    expect(errors[MAX_ERRORS]).toMatchObject({ code: 'too_many_errors', count: 101 });
  });

  test('past the cap, the summary gives the exact total of cells and the causes listed', () => {
    const errors = errorsOf(manyCauses());
    // 700 bad volumes + 699 duplicate keys = 1,399 errors.
    const es = formatContractErrors(errors, 'es').split('\n');
    const en = formatContractErrors(errors, 'en').split('\n');
    expect(es[0]).toBe(`El libro tiene 1399 errores de ${MAX_ERRORS} causas listadas:`);
    expect(en[0]).toBe(`The workbook has 1399 errors from ${MAX_ERRORS} causes listed:`);
    expect(es).toHaveLength(1 + MAX_ERRORS + 1);
  });

  test('the same problem in many cells is one cause with its count and first addresses', () => {
    const wb = edit('VolumenesBase', (t) => {
      for (let r = 0; r < 4; r++) setCell(t, r, 'Volumen base', 'n/a');
    });
    const errors = errorsOf(wb);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'not_a_number',
      row: 4,
      address: "'Volúmenes base'!E4",
      count: 4,
      addresses: ["'Volúmenes base'!E4", "'Volúmenes base'!E5", "'Volúmenes base'!E6", "'Volúmenes base'!E7"],
    });
    expect(errors[0].es).toBe(
      "Tabla VolumenesBase (hoja Volúmenes base), columna «Volumen base», 4 celdas ('Volúmenes base'!E4, E5, E6, E7): «n/a» no es un número.",
    );
    expect(formatContractErrors(errors, 'en').split('\n')[0]).toBe('The workbook has 4 errors from 1 cause:');
  });

  test('formatContractError picks the language; formatContractErrors numbers them', () => {
    const errors = errorsOf(edit('Clientes', (t) => setCell(t, 1, 'Nombre', null)));
    expect(formatContractError(errors[0], 'en')).toBe(errors[0].en);
    expect(formatContractErrors(errors, 'es')).toBe(`El libro tiene 1 error:\n1. ${errors[0].es}`);
  });

  test('a table that starts further right and lower gets the right addresses', () => {
    const wb = workbook();
    wb.set(
      'Clientes',
      grid(
        'Clientes',
        'Mis clientes',
        ['ID cliente', 'Nombre', 'Canal', 'Días de crédito'],
        [
          ['WMX', 'Walmart', 'moderno', 90],
          ['OXXO', 'OXXO', 'conveniencia', 'treinta'],
        ],
        27,
        28,
      ),
    );
    const e = onlyError(wb, 'not_a_number');
    // Header row 27, first column 28 = AB; fourth column = AE; second data row = row 29.
    expect(e.address).toBe("'Mis clientes'!AE29");
  });
});
