/**
 * Issue 7, writing safely, through the Office host on the fake Excel: inputs checked before writing, results owned
 * by a language-independent marker and rewritten in place, nothing written over the user's cells, sync discipline,
 * known Excel states with their own messages, payloads in UTF-8 bytes.
 */
import { FakeExcel, PAYLOAD_LIMIT } from '../fakes/excel';
import { HostError } from '../../src/hosts/office';
import { CHUNK_BUDGET } from '../../src/hosts/office/payload';
import { runWorkbook } from '../../src/workbook/run';
import { RESULT_SHEET_NAMES } from '../../src/workbook/results';
import { ownerMarkerName, type ResultsPlan, type WriteReport } from '../../src/workbook/port';
import { fakeWithSmallInputs, hostOn, realisticPlan, sampleTables } from './support';

async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

/** The realistic plan with the P&L's first gross sales changed (a re-run with other numbers). */
function planWithGross(gross: number): ResultsPlan {
  const plan = realisticPlan();
  plan.sheets[1].tables[0].rows[0][1] = gross;
  return plan;
}

/** The realistic plan in "English": same roles and tables, other sheet names, headers and titles. */
function englishPlan(): ResultsPlan {
  const plan = realisticPlan();
  const names = ['TT Waterfall', 'TT Customer P&L', 'TT Accruals'];
  plan.sheets.forEach((s, i) => (s.name = names[i]));
  plan.sheets[0].tables[0].title = 'Price waterfall per unit — Walmart de México';
  plan.sheets[0].tables[0].columns[0].header = 'Item';
  return plan;
}

const sheetId = (fake: FakeExcel, name: string): string | undefined => fake.state.findSheet(name)?.id;

afterEach(() => {
  jest.useRealTimers();
});

// ------------------------------------------------------------------------------------------------ item 4

describe('stale inputs are detectable before writing (inputFingerprint)', () => {
  test('it changes when an input cell changes, not when results are written, and never replaces what the run read', async () => {
    const fake = fakeWithSmallInputs();
    const host = hostOn(fake);
    await host.readTables(['Customers', 'Products', 'BaseVolumes']);
    const atRead = await host.inputFingerprint();
    expect(atRead).toMatch(/^[0-9a-f]{64}$/);
    // While nothing changed it is describeSource's fingerprint (what run info vouches for).
    expect((await host.describeSource()).fingerprint).toBe(atRead);

    await host.writeResults(realisticPlan());
    expect(await host.inputFingerprint()).toBe(atRead); // results are not inputs

    fake.seedCells('Productos', 'C2', [[6.2]]); // a KAM edits a unit cost after the pane computed
    const now = await host.inputFingerprint();
    expect(now).not.toBe(atRead);
    // Run info still vouches for what the run read until the pane reads again (and recomputes).
    expect((await host.describeSource()).fingerprint).toBe(atRead);
    await host.readTables(['Customers', 'Products', 'BaseVolumes']);
    expect((await host.describeSource()).fingerprint).toBe(now);
  });

  test('it does not depend on what was read before, and a table that is not an input does not count', async () => {
    const fake = fakeWithSmallInputs();
    const fresh = await hostOn(fake).inputFingerprint();
    const host = hostOn(fake);
    await host.readTables(['Customers']);
    expect(await host.inputFingerprint()).toBe(fresh);
    fake.seedTable({ name: 'MisNotas', sheet: 'Notas', headers: ['Nota'], rows: [['hola']] });
    await hostOn(fake).writeResults(realisticPlan());
    expect(await hostOn(fake).inputFingerprint()).toBe(fresh);
  });
});

// ------------------------------------------------------------------------------------------------ item 5

describe('results owned by a language-independent marker', () => {
  test('each result sheet carries a hidden, sheet-scoped owner marker and hidden areas for its other cells', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    expect(fake.names('TT Cascada')).toEqual([
      { name: ownerMarkerName('test_sheet_128'), visible: false, address: "'TT Cascada'!A1" },
      // The title cell and the chart data block (room for the stacked fallback: 6 columns, header + 7 rows).
      { name: '_ttm_area_1', visible: false, address: "'TT Cascada'!A1" },
      { name: '_ttm_area_2', visible: false, address: "'TT Cascada'!D3:I10" },
    ]);
    expect(fake.names()).toEqual([]); // nothing workbook-wide
    expect(fake.charts('TT Cascada').map((c) => c.name)).toEqual(['ttm_chart_1']);
  });

  test('a run in Spanish then one in English: the same sheets, renamed in place, no "table name taken"', async () => {
    const tables = await sampleTables();
    const fake = new FakeExcel({ workbookName: 'Condiciones 2026.xlsx', sheets: ['Léame'] });
    for (const t of tables) fake.seedTable(t);
    const host = hostOn(fake);
    const es = await runWorkbook(host, { lang: 'es', runAt: new Date(Date.UTC(2026, 0, 15)) });
    if (!es.ok) throw new Error('es run failed');
    const ids = es.report.sheetsWritten.map((s) => sheetId(fake, s));
    const before = fake.sheetNames();

    const en = await runWorkbook(hostOn(fake), { lang: 'en', runAt: new Date(Date.UTC(2026, 0, 16)) });
    if (!en.ok) throw new Error('en run failed');
    // Same sheet objects (ids), now with the English names, in the same places; no Spanish result sheet left.
    expect(en.report.sheetsWritten.map((s) => sheetId(fake, s))).toEqual(ids);
    expect(fake.sheetNames()).toHaveLength(before.length);
    for (const name of Object.values(RESULT_SHEET_NAMES)) {
      if (!en.report.sheetsWritten.includes(name.en)) continue;
      expect(fake.sheetNames()).toContain(name.en);
      expect(fake.sheetNames()).not.toContain(name.es);
    }
    const notice = en.report.notices?.find((n) => n.code === 'results_replaced_other_language');
    expect(notice?.es).toContain(`«${RESULT_SHEET_NAMES.pnl.es}» ahora se llama «${RESULT_SHEET_NAMES.pnl.en}»`);
    expect(notice?.en).toContain(`"${RESULT_SHEET_NAMES.pnl.es}" is now "${RESULT_SHEET_NAMES.pnl.en}"`);
    // And back to Spanish: still the same sheets.
    const again = await runWorkbook(hostOn(fake), { lang: 'es' });
    if (!again.ok) throw new Error('second es run failed');
    expect(again.report.sheetsWritten.map((s) => sheetId(fake, s))).toEqual(ids);
  });

  test('the marker, not the name, decides: a sheet the user renamed is still found and replaced', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    const id = sheetId(fake, 'TT P&L');
    fake.state.renameSheet(fake.state.findSheet('TT P&L')!, 'Mi P&L', 'test');
    await hostOn(fake).writeResults(planWithGross(3_000_000));
    expect(sheetId(fake, 'TT P&L')).toBe(id);
    expect(fake.sheetNames()).not.toContain('Mi P&L');
    expect(fake.table('ttm_PnlByCustomer').rows[0][1]).toBe(3_000_000);
  });

  test('results written before markers existed (same name, our tables) are taken whole, then marked', async () => {
    const fake = fakeWithSmallInputs();
    fake.seedTable({ name: 'ttm_PnlByCustomer', sheet: 'TT P&L', headers: ['Cliente'], rows: [['viejo']] });
    fake.seedCells('TT P&L', 'H20', [['resto de la corrida anterior']]);
    const id = sheetId(fake, 'TT P&L');
    await hostOn(fake).writeResults(realisticPlan());
    expect(sheetId(fake, 'TT P&L')).toBe(id);
    expect(fake.readValues("'TT P&L'!H20")).toEqual([['']]); // the whole old sheet was ours
    expect(fake.names('TT P&L').map((n) => n.name)).toEqual([ownerMarkerName('test_sheet_158')]);
  });

  test('a .xlsx from the CLI, marked workbook-wide: its sheets are found by that marker too', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    // What a CLI results file looks like once opened: workbook-scoped markers, no sheet-scoped ones, no areas.
    for (const s of fake.state.liveSheets()) s.names = [];
    realisticPlan().sheets.forEach((s) =>
      fake.state.names.push({
        name: ownerMarkerName(s.role),
        formula: '',
        comment: '',
        visible: true,
        ref: { sheet: fake.state.findSheet(s.name)!, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } },
      }),
    );
    const id = sheetId(fake, 'TT P&L');
    await hostOn(fake).writeResults(englishPlan());
    expect(sheetId(fake, 'TT Customer P&L')).toBe(id);
    expect(fake.names('TT Customer P&L')[0]).toMatchObject({ name: ownerMarkerName('test_sheet_158'), visible: false });
  });

  test('a sheet of another role’s old name that is not ours blocks the rename, located, before anything is written', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    fake.addSheet('TT Customer P&L'); // the user's own sheet with the English name
    fake.resetCounters();
    const err = await rejection(hostOn(fake).writeResults(englishPlan()));
    expect(err.code).toBe('results_would_overwrite');
    expect(err.location).toEqual({ sheet: 'TT Customer P&L', address: 'A1' });
    expect(err.es).toContain('Ya existe una hoja «TT Customer P&L» que no es de resultados');
    expect(fake.writes).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------ item 6

describe('rewritten in place', () => {
  test('a user formula pointing at a result sheet still evaluates after a re-run, and after a rename', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    fake.seedCells('Resumen', 'A1:B1', [["='TT P&L'!B2*2", "=SUM('TT P&L'!D2:D3)"]]);
    expect(fake.evaluate('Resumen!A1', 'Resumen!B1')).toEqual([2_000_000, 1_260_000]);

    await hostOn(fake).writeResults(planWithGross(1_500_000));
    expect(fake.evaluate('Resumen!A1', 'Resumen!B1')).toEqual([3_000_000, 1_760_000]);

    await hostOn(fake).writeResults(englishPlan());
    expect(fake.readFormulas('Resumen!A1:B1')).toEqual([["='TT Customer P&L'!B2*2", "=SUM('TT Customer P&L'!D2:D3)"]]);
    expect(fake.evaluate('Resumen!A1')).toEqual([2_000_000]);
  });

  test('what deleting the sheet would have done: the same formula turns into #REF!', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    fake.seedCells('Resumen', 'A1', [["='TT P&L'!B2*2"]]);
    fake.state.deleteSheet(fake.state.findSheet('TT P&L')!, 'test');
    expect(fake.readFormulas('Resumen!A1')).toEqual([['=#REF!B2*2']]);
    expect(fake.evaluate('Resumen!A1')).toEqual(['#REF!']);
  });

  test('a user note outside our tables survives a re-run; cells that were ours and are no longer are cleared', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    fake.seedCells('TT Cascada', 'C5', [['Revisar con finanzas']]); // between the table (A:B) and the chart data (D:I)
    fake.seedCells('TT P&L', 'H2', [['Nota: cifras preliminares']]);
    fake.seedCells('TT P&L', 'A8', [['=A2']]); // a user formula below the table
    // The re-run is shorter: the P&L loses OXXO.
    const plan = realisticPlan();
    const pnl = plan.sheets[1].tables[0];
    pnl.rows.splice(1, 1);
    pnl.rows[1] = [
      'Total',
      1_000_000,
      180_000,
      { formula: '=B2-C2', result: 820_000 },
      { formula: '=C3/B3', result: 0.18 },
    ];
    pnl.totalRows = [1];
    await hostOn(fake).writeResults(plan);
    expect(fake.readValues("'TT Cascada'!C5")).toEqual([['Revisar con finanzas']]);
    expect(fake.readValues("'TT P&L'!H2")).toEqual([['Nota: cifras preliminares']]);
    expect(fake.readFormulas("'TT P&L'!A8")).toEqual([['=A2']]);
    expect(fake.table('ttm_PnlByCustomer').address).toBe("'TT P&L'!A1:E3");
    expect(fake.readValues("'TT P&L'!A4:E4")).toEqual([['', '', '', '', '']]); // the old total row, cleared
    expect(fake.isBold("'TT P&L'!A3")).toBe(true);
    expect(fake.isBold("'TT P&L'!A4")).toBe(false);
  });

  test('taller results over a user note below them: refused, located, before anything is written', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    fake.seedCells('TT P&L', 'B6', [['no borrar']]);
    const taller = realisticPlan();
    const rows = taller.sheets[1].tables[0].rows;
    for (let i = 0; i < 3; i++) rows.splice(1, 0, [`Cliente ${i}`, 1, 1, 0, 1]);
    fake.resetCounters();
    const err = await rejection(hostOn(fake).writeResults(taller));
    expect(err.code).toBe('results_would_overwrite');
    expect(err.location).toEqual({ sheet: 'TT P&L', address: 'B6' });
    expect(err.es).toBe(
      "Los resultados de la hoja «TT P&L» ocuparían 'TT P&L'!B6, donde hay contenido que no es de resultados (agregado a mano); no se escribió nada. Mueva ese contenido fuera de esa zona y vuelva a escribir.",
    );
    expect(err.en).toBe(
      'The results of sheet "TT P&L" would cover \'TT P&L\'!B6, which holds content that is not results (added by hand); nothing was written. Move that content out of the way and write again.',
    );
    expect(fake.writes).toEqual([]);
    expect(fake.readValues("'TT P&L'!B6")).toEqual([['no borrar']]);
  });

  test('ExcelApi 1.13: a table whose header stays put is resized, keeping its table object; below 1.13 only the object is replaced', async () => {
    for (const apiVersion of ['1.13', '1.9']) {
      const fake = fakeWithSmallInputs({ apiVersion });
      await hostOn(fake).writeResults(realisticPlan());
      const id = fake.state.findTable('ttm_PnlByCustomer')!.id;
      const plan = planWithGross(5);
      plan.sheets[1].tables[0].rows.push(['Soriana', 1, 1, 0, 1]);
      await hostOn(fake).writeResults(plan);
      expect(fake.state.findTable('ttm_PnlByCustomer')!.id === id).toBe(apiVersion === '1.13');
      expect(fake.table('ttm_PnlByCustomer').address).toBe("'TT P&L'!A1:E5");
      expect(fake.table('ttm_PnlByCustomer').rows[3]).toEqual(['Soriana', 1, 1, 0, 1]);
      expect(fake.writes.some((w) => w.op === (apiVersion === '1.13' ? 'resizeTable' : 'convertToRange'))).toBe(true);
    }
  });

  test('a failure mid-write is reported as incomplete with the sheets touched; the next run repairs them', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    fake.resetCounters();
    // The data sync (the 4th: after the 3 inspection syncs of a re-run, the 3rd reading where the old areas are; no
    // cell needs checking, the new results cover only what was ours) dies after 12 of its actions: what ran stays.
    fake.failSync(4, 'GeneralException', 12);
    const err = await rejection(hostOn(fake).writeResults(planWithGross(7)));
    expect(err.code).toBe('write_incomplete');
    expect(err.sheetsTouched).toEqual(['TT Cascada', 'TT P&L', 'TT Provisiones']);
    expect(err.excelCode).toBe('GeneralException');
    expect(err.es).toContain('La escritura de resultados se interrumpió a medias: Excel rechazó la operación');
    expect(err.es).toContain('las hojas «TT Cascada», «TT P&L», «TT Provisiones» quedaron incompletas');
    expect(err.en).toContain('Write the results again to repair them.');

    const repaired = await hostOn(fake).writeResults(planWithGross(7));
    expect(repaired.sheetsWritten).toEqual(['TT Cascada', 'TT P&L', 'TT Provisiones']);
    const clean = fakeWithSmallInputs();
    await hostOn(clean).writeResults(planWithGross(7));
    for (const t of ['ttm_Waterfall', 'ttm_PnlByCustomer', 'ttm_Accruals', 'ttm_AccrualNotes'])
      expect(fake.table(t)).toEqual(clean.table(t));
    expect(fake.charts('TT Cascada').map((c) => c.chartType)).toEqual(['Waterfall']);
    expect(fake.sheetNames()).toEqual(clean.sheetNames());
  });
});

// ------------------------------------------------------------------------------------------------ item 7

describe('sync discipline', () => {
  test('a second write is refused while the first runs; the first completes; then writing works again', async () => {
    jest.useFakeTimers();
    const fake = fakeWithSmallInputs({ syncDelayMs: 500 });
    const host = hostOn(fake);
    let first: WriteReport | undefined;
    const running = host.writeResults(realisticPlan()).then((r) => (first = r));
    const err = await rejection(host.writeResults(realisticPlan()));
    expect(err.code).toBe('write_in_progress');
    await jest.advanceTimersByTimeAsync(10_000);
    await running;
    expect(first?.sheetsWritten).toHaveLength(3);
    const again = host.writeResults(planWithGross(9));
    await jest.advanceTimersByTimeAsync(10_000);
    expect((await again).cellsWritten).toBe(58);
  });

  test('a Waterfall chart property Excel refuses: the stacked chart instead, the write goes on, a notice says so', async () => {
    const fake = fakeWithSmallInputs();
    fake.failChartProperty('Waterfall', 'title'); // OfficeDev/office-js#2041
    const report = await hostOn(fake).writeResults(realisticPlan());
    const charts = fake.charts('TT Cascada');
    expect(charts.map((c) => [c.name, c.chartType, c.title])).toEqual([
      ['ttm_chart_1', 'ColumnStacked', 'Cascada Walmart de México'],
    ]);
    // The stacked chart's own data block (6 columns) replaced the native one in the reserved area.
    expect(fake.readFormulas("'TT Cascada'!D3:I3")).toEqual([
      [
        'Concepto',
        'Base',
        'MXN por unidad +',
        'MXN por unidad −',
        'Nivel antes / Level before',
        'Nivel después / Level after',
      ],
    ]);
    expect(report.notices).toEqual([
      {
        code: 'chart_fallback',
        es: 'Excel no aceptó la gráfica de cascada nativa de «Cascada Walmart de México»; se dibujó como columnas apiladas con los mismos datos.',
        en: 'Excel refused the native waterfall chart of "Cascada Walmart de México"; it was drawn as stacked columns from the same data.',
      },
    ]);
    expect(fake.table('ttm_PnlByCustomer').rows).toHaveLength(3); // everything else written
  });

  test('a chart that cannot be drawn at all is left out with a notice; the data stays', async () => {
    const fake = fakeWithSmallInputs({ apiVersion: '1.8' });
    fake.failChartProperty('ColumnStacked', 'series');
    const report = await hostOn(fake).writeResults(realisticPlan());
    expect(fake.charts('TT Cascada')).toEqual([]);
    expect(report.notices?.[0].code).toBe('chart_fallback');
    expect(report.notices?.[0].en).toContain('could not be drawn; its data is on the sheet');
    expect(fake.readValues("'TT Cascada'!D3")).toEqual([['Concepto']]);
  });

  test('manual calculation: a notice, and no recalculation forced on the workbook', async () => {
    const fake = fakeWithSmallInputs();
    fake.state.calculationMode = 'Manual';
    const report = await hostOn(fake).writeResults(realisticPlan());
    expect(report.notices?.map((n) => n.code)).toEqual(['manual_calculation']);
    expect(report.notices?.[0].es).toContain('El libro calcula en modo manual');
    expect(fake.calculations).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------ item 8

describe('known Excel states, each with its message in es and en', () => {
  test('a protected workbook structure refuses a write that must add sheets; nothing is written', async () => {
    const fake = fakeWithSmallInputs();
    fake.protectWorkbook();
    const err = await rejection(hostOn(fake).writeResults(realisticPlan()));
    expect(err.code).toBe('workbook_protected');
    expect(err.es).toBe(
      'La estructura del libro está protegida: no se pueden agregar ni cambiar de nombre hojas, así que no se escribió nada. Quite la protección en Revisar > Proteger libro y vuelva a escribir.',
    );
    expect(err.en).toBe(
      "The workbook's structure is protected: sheets cannot be added or renamed, so nothing was written. Unprotect it in Review > Protect Workbook and write again.",
    );
    expect(fake.writes).toEqual([]);
    // Rewriting sheets that already exist under their names needs no structure change.
    fake.protectWorkbook(false);
    await hostOn(fake).writeResults(realisticPlan());
    fake.protectWorkbook();
    await hostOn(fake).writeResults(planWithGross(4));
    expect(fake.table('ttm_PnlByCustomer').rows[0][1]).toBe(4);
  });

  test('a protected result sheet, a read-only workbook', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(realisticPlan());
    fake.protectSheet('TT P&L');
    const sheet = await rejection(hostOn(fake).writeResults(realisticPlan()));
    expect(sheet.code).toBe('sheet_protected');
    expect(sheet.es).toBe(
      'La hoja «TT P&L» está protegida, así que no se escribió nada. Quite la protección en Revisar > Desproteger hoja y vuelva a escribir.',
    );
    expect(sheet.en).toBe(
      'Sheet "TT P&L" is protected, so nothing was written. Unprotect it in Review > Unprotect Sheet and write again.',
    );
    fake.protectSheet('TT P&L', false);
    fake.setReadOnly();
    const ro = await rejection(hostOn(fake).writeResults(realisticPlan()));
    expect(ro.code).toBe('read_only');
    expect(ro.es).toContain('El libro está abierto solo para lectura, así que no se escribió nada.');
    expect(ro.en).toContain('The workbook is open read-only, so nothing was written.');
  });

  test('Excel refusing access mid-write (AccessDenied), a co-author clash (Conflict): explained, not raw codes', async () => {
    const fake = fakeWithSmallInputs();
    fake.failSync(3, 'AccessDenied');
    const denied = await rejection(hostOn(fake).writeResults(realisticPlan()));
    expect(denied.code).toBe('write_incomplete');
    expect(denied.es).toContain('Excel no permitió el cambio al escribir los resultados (AccessDenied)');
    expect(denied.en).toContain('the workbook or a sheet is protected, or the workbook is open read-only');
    const clash = fakeWithSmallInputs();
    clash.failSync(1, 'Conflict');
    const err = await rejection(hostOn(clash).writeResults(realisticPlan()));
    expect(err.code).toBe('coauthoring_conflict');
    expect(err.es).toBe(
      'Otra persona cambió el libro al mismo tiempo y Excel rechazó la operación al escribir los resultados (Conflict). Espere unos segundos a que Excel sincronice los cambios y vuelva a intentarlo.',
    );
  });

  test('cell-edit mode: the write waits for the user to leave the cell and says so after a few seconds', async () => {
    jest.useFakeTimers();
    const fake = fakeWithSmallInputs();
    fake.enterCellEdit();
    const waiting: string[] = [];
    let done = false;
    const write = hostOn(fake, { cellEditNoticeMs: 3_000 })
      .writeResults(realisticPlan(), { onWaiting: (r) => waiting.push(r) })
      .then((r) => ((done = true), r));
    await jest.advanceTimersByTimeAsync(2_999);
    expect(waiting).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(waiting).toEqual(['cell_edit']);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(done).toBe(false);
    expect(fake.writes).toEqual([]);
    fake.exitCellEdit();
    await jest.advanceTimersByTimeAsync(0);
    expect((await write).sheetsWritten).toHaveLength(3);
    expect(waiting).toEqual(['cell_edit']); // once
  });

  test('cell-edit mode while reading: the message says to leave the cell', async () => {
    const fake = fakeWithSmallInputs();
    fake.enterCellEdit();
    const err = await rejection(hostOn(fake).listTables());
    expect(err.code).toBe('cell_edit_in_progress');
    expect(err.es).toBe(
      'Excel está editando una celda y no acepta cambios al listar las tablas. Salga de la celda (Entrar o Esc) y vuelva a intentarlo.',
    );
    expect(err.en).toBe(
      'Excel is editing a cell and accepts no changes while listing the tables. Leave the cell (Enter or Esc) and try again.',
    );
  });
});

// ------------------------------------------------------------------------------------------------ payloads

describe('payloads are measured in UTF-8 bytes', () => {
  /** Rows of accented text: 2.6 M characters but 4.9 M UTF-8 bytes ("ñ" and "é" take two bytes each). */
  function accentedPlan(): ResultsPlan {
    const text = 'ñé'.repeat(40); // 80 characters, 160 bytes
    return {
      sheets: [
        {
          role: 'notes',
          name: 'TT Notas',
          freezeHeader: false,
          tables: [
            {
              name: 'ttm_Notes',
              columns: [{ id: 'n', header: 'Nota', format: 'text', numberFormat: 'General' }],
              rows: Array.from({ length: 32_000 }, () => [text]),
            },
          ],
        },
      ],
    };
  }

  test('accented text stays under the limit: chunks are cut by bytes, not characters', async () => {
    const fake = fakeWithSmallInputs();
    await hostOn(fake).writeResults(accentedPlan());
    const data = fake.syncs.filter((s) => s.requestBytes > 1000);
    expect(data).toHaveLength(2); // 5.2 MB of UTF-8: two requests (in characters it would have looked like one)
    for (const s of fake.syncs) {
      expect(s.error).toBeUndefined();
      expect(s.requestBytes).toBeLessThanOrEqual(CHUNK_BUDGET);
    }
    expect(fake.table('ttm_Notes').rows[31_999]).toEqual(['ñé'.repeat(40)]);
  });

  test('a write batch Excel still finds too large is halved and retried', async () => {
    const fake = fakeWithSmallInputs();
    // A budget above Excel's limit (as if the estimate were wrong): the first data sync is refused, then halves go.
    await hostOn(fake, { chunkBytes: 8 * 1024 * 1024 }).writeResults(accentedPlan());
    const errors = fake.syncs.map((s) => s.error).filter(Boolean);
    expect(errors).toEqual(['RequestPayloadSizeLimitExceeded']);
    for (const s of fake.syncs.filter((x) => !x.error)) expect(s.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(fake.table('ttm_Notes').rows).toHaveLength(32_000);
  });
});
