/**
 * An agreed scenario as the new base: the workbook's input tables with the scenario's levers written into them — a
 * term's rate, basis or tier, a term or event removed, an event added (a copy of the one it was copied from) or
 * changed, a price change added, the volume assumption applied to the base volumes, a cost-to-serve rate — and the
 * customer's scenarios taken out (they were relative to the old base). Pure: grids in, grids out; the caller writes
 * them into a NEW workbook (the CLI's `export-base`), never over the user's.
 *
 * exportAgreedBase does the whole export through a host (the pane's «Exportar como nueva base»): reads the input
 * tables, writes the scenario in, and hands the tables to the host's exportTables (a new workbook).
 *
 * @example
 * const { grids, notes } = agreedAsBase(readGrids, model, 'WMX-P1');
 * const report = await exportAgreedBase(host, scenario); // { scenarioId, target, delivery, notes }
 */
import { applyScenario } from '../engine/scenarios';
import type { Model, Promotion, Scenario, ScenarioChange, Scope, Text } from '../engine/model';
import { productMask } from '../engine/scope';
import { ErrorSink } from './contract/errors';
import { mappingFailure, parseModel } from './contract/parse';
import { readContractTables } from './mapping/mapping';
import {
  matchTableName,
  PRICE_CHANGES,
  SCOPE_KIND_VALUES,
  TERM_BASIS_VALUES,
  type ColumnId,
  type TableId,
  type TableSpec,
} from './contract/specs';
import { BoundTable } from './contract/table';
import { idKey } from './contract/normalize';
import type { CellValue, TableGrid, TablesExportReport, WorkbookHost } from './port';
import { HostError } from './port';

export interface BaseExport {
  /** Every input table, the levers written in (tables without a change are the same grids). */
  grids: TableGrid[];
  /** What the export did that the user should know, es/en. */
  notes: Text[];
}

/** One input table being edited: its grid (copied on first edit) and where its columns are. */
class Editable {
  grid: TableGrid;
  private readonly bound: BoundTable;
  private copied = false;
  constructor(
    readonly spec: TableSpec,
    grid: TableGrid,
    readonly spanish: boolean,
  ) {
    this.grid = grid;
    this.bound = new BoundTable(spec, grid, spanish, new ErrorSink());
  }
  private own(): void {
    if (this.copied) return;
    this.grid = { ...this.grid, rows: this.grid.rows.map((r) => [...r]) };
    this.copied = true;
  }
  index(id: ColumnId): number {
    return this.bound.col(id).index;
  }
  text(r: number, id: ColumnId): string {
    const k = this.index(id);
    const v = k < 0 ? null : this.grid.rows[r][k];
    if (typeof v === 'string') return v.trim();
    return typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  }
  /** Rows whose cell in `id` is the id `value` (trimmed, case folded: as the contract matches ids). */
  rowsWhere(id: ColumnId, value: string): number[] {
    const key = idKey(value);
    const out: number[] = [];
    this.grid.rows.forEach((_, r) => {
      if (idKey(this.text(r, id)) === key) out.push(r);
    });
    return out;
  }
  set(r: number, id: ColumnId, value: CellValue): void {
    const k = this.index(id);
    if (k < 0) {
      throw new HostError('scenario_not_writable', {
        es: `La tabla ${this.grid.name} no tiene la columna «${this.spec.columns.find((c) => c.id === id)?.es ?? id}».`,
        en: `Table ${this.grid.name} has no "${this.spec.columns.find((c) => c.id === id)?.en ?? id}" column.`,
      });
    }
    this.own();
    this.grid.rows[r][k] = value;
  }
  remove(rows: readonly number[]): void {
    if (rows.length === 0) return;
    this.own();
    const drop = new Set(rows);
    this.grid.rows = this.grid.rows.filter((_, r) => !drop.has(r));
  }
  append(cells: Partial<Record<ColumnId, CellValue>>, like?: number): void {
    this.own();
    const row: CellValue[] = like === undefined ? this.grid.headers.map(() => null) : [...this.grid.rows[like]];
    for (const [id, v] of Object.entries(cells) as [ColumnId, CellValue][]) {
      const k = this.index(id);
      if (k >= 0) row[k] = v;
    }
    this.grid.rows.push(row);
  }
  word(values: readonly { id: string; es: string; en: string }[], id: string): string {
    const w = values.find((v) => v.id === id)!;
    return this.spanish ? w.es : w.en;
  }
}

const NOT_WRITABLE = (what: Text): HostError => new HostError('scenario_not_writable', what);

/**
 * The input tables with the agreed scenario written in. Throws a HostError (es/en) when the scenario does not exist
 * or a lever cannot be written (a table or column it needs is absent).
 */
export function agreedAsBase(grids: ReadonlyMap<string, TableGrid>, model: Model, scenarioId: string): BaseExport {
  const scenario = (model.scenarios ?? []).find((s) => idKey(s.id) === idKey(scenarioId));
  if (!scenario) {
    throw new HostError('scenario_not_writable', {
      es: `El escenario «${scenarioId}» no existe en la tabla Escenarios.`,
      en: `The scenario "${scenarioId}" does not exist in the Scenarios table.`,
    });
  }
  applyScenario(model, scenario); // every lever's target exists (throws otherwise)
  const tables = new Map<TableId, Editable>();
  const order: string[] = [];
  for (const [key, grid] of grids) {
    order.push(key);
    const m = matchTableName(grid.name || key);
    if (m && !tables.has(m.spec.id)) tables.set(m.spec.id, new Editable(m.spec, grid, m.spanish));
  }
  const table = (id: TableId): Editable => {
    const t = tables.get(id);
    if (!t) {
      throw NOT_WRITABLE({
        es: `Falta la tabla ${id} para escribir la palanca.`,
        en: `Table ${id} is missing to write the lever.`,
      });
    }
    return t;
  };
  const notes: Text[] = [];
  const spanish = tables.get('Terms')?.spanish ?? true;
  for (const ch of scenario.changes) writeLever(ch, scenario, model, table, tables, notes, spanish);

  // The customer's scenarios were relative to the old base: they leave with it.
  const scenarios = tables.get('Scenarios');
  if (scenarios) {
    const gone = (model.scenarios ?? []).filter((s) => s.customerId === scenario.customerId).map((s) => s.id);
    const changes = tables.get('ScenarioChanges');
    for (const id of gone) {
      scenarios.remove(scenarios.rowsWhere('id', id));
      if (changes) changes.remove(changes.rowsWhere('scenarioId', id));
    }
    notes.push({
      es: `Se quitaron los escenarios de ${scenario.customerId} (${gone.join(', ')}): eran relativos a la base anterior.`,
      en: `${scenario.customerId}'s scenarios (${gone.join(', ')}) were taken out: they were relative to the old base.`,
    });
  }
  notes.push({
    es: 'El año fiscal, los periodos y los volúmenes del año anterior no cambian: actualícelos para el nuevo año.',
    en: "The fiscal year, the periods and the prior year's volumes are unchanged: roll them forward for the new year.",
  });
  const out: TableGrid[] = [];
  const seen = new Set<Editable>();
  for (const key of order) {
    const grid = grids.get(key)!;
    const m = matchTableName(grid.name || key);
    const e = m ? tables.get(m.spec.id) : undefined;
    if (e && !seen.has(e)) {
      seen.add(e);
      out.push(e.grid);
    } else if (!e) out.push(grid);
  }
  // A price change needs a PriceChanges table: made when the workbook had none.
  const pc = tables.get('PriceChanges');
  if (pc && !seen.has(pc)) out.push(pc.grid);
  return { grids: out, notes };
}

/** What exportAgreedBase did: the scenario exported, where the new workbook went, and what to know about it. */
export interface AgreedBaseReport extends TablesExportReport {
  scenarioId: string;
  notes: Text[];
}

/**
 * The file name a base export is offered under: the workbook's name without its extension, "-base-" and the
 * scenario id (characters a file name should not hold become "_"), ".xlsx". As the CLI's default output name.
 */
export function baseExportName(workbookName: string, scenarioId: string): string {
  const stem =
    workbookName
      .replace(/\\/g, '/')
      .split('/')
      .pop()!
      .replace(/\.(xlsx|xlsm|xls)$/i, '')
      .trim() || 'libro';
  return `${stem}-base-${scenarioId.trim().replace(/[^\w.-]+/g, '_')}.xlsx`;
}

/**
 * An agreed scenario exported as next year's base through a host: the input tables read afresh (INPUT_TABLE_NAMES),
 * parsed into the model they are now (so the levers are written into the very rows they name), the scenario given
 * here taken in place of the workbook's row of the same id (the pane exports the scenario as it shows it, unsaved
 * changes included), agreedAsBase, then the host's exportTables under baseExportName. The user's workbook is only
 * read. Throws export_unsupported when the host cannot export, export_inputs_invalid when the input tables break
 * the contract, scenario_not_writable when the scenario is not in the workbook or a lever cannot be written; a host's
 * own error passes through.
 */
export async function exportAgreedBase(host: WorkbookHost, scenario: Scenario): Promise<AgreedBaseReport> {
  if (!host.exportTables) {
    throw new HostError('export_unsupported', {
      es: 'Este libro no puede exportar una base desde aquí. Use la línea de comandos: npx trade-terms export-base <su libro.xlsx> --scenario <ID>.',
      en: 'This workbook cannot export a base from here. Use the command line: npx trade-terms export-base <your workbook.xlsx> --scenario <ID>.',
    });
  }
  // The inputs in the contract's layout (a saved mapping's tables laid out as contract tables): the base exported
  // from them reads next year without a mapping.
  const inputs = await readContractTables(host);
  const grids = inputs.grids;
  const parsed = inputs.errors.length ? mappingFailure(inputs.errors) : parseModel(grids);
  if (!parsed.ok) {
    const first = parsed.errors.slice(0, 3);
    const more = parsed.errors.length - first.length;
    throw new HostError('export_inputs_invalid', {
      es: `Las tablas de entrada tienen errores, así que no se exportó la base: ${first.map((e) => e.es).join(' ')}${more > 0 ? ` (y ${more} más)` : ''} Corríjalos y vuelva a exportar.`,
      en: `The input tables have errors, so the base was not exported: ${first.map((e) => e.en).join(' ')}${more > 0 ? ` (and ${more} more)` : ''} Fix them and export again.`,
    });
  }
  const key = idKey(scenario.id);
  const model: Model = {
    ...parsed.model,
    scenarios: (parsed.model.scenarios ?? []).map((s) => (idKey(s.id) === key ? { ...scenario, id: s.id } : s)),
  };
  const { grids: tables, notes } = agreedAsBase(grids, model, scenario.id);
  const source = await host.describeSource();
  const report = await host.exportTables(tables, baseExportName(source.name, scenario.id));
  return { scenarioId: scenario.id, target: report.target, delivery: report.delivery, notes };
}

function writeLever(
  ch: ScenarioChange,
  scenario: Scenario,
  model: Model,
  table: (id: TableId) => Editable,
  tables: Map<TableId, Editable>,
  notes: Text[],
  spanish: boolean,
): void {
  switch (ch.target) {
    case 'term': {
      const t = table('Terms');
      for (const r of t.rowsWhere('id', ch.id)) {
        if (ch.field === 'rate') t.set(r, 'rate', ch.value);
        else t.set(r, 'basis', t.word(TERM_BASIS_VALUES, ch.value));
      }
      return;
    }
    case 'term_tier': {
      const t = table('TermTiers');
      const rows = t.rowsWhere('termId', ch.id);
      const r = rows[ch.index];
      if (r === undefined)
        throw NOT_WRITABLE({
          es: `${ch.id} no tiene escalón ${ch.index + 1}.`,
          en: `${ch.id} has no tier ${ch.index + 1}.`,
        });
      t.set(r, ch.field, ch.value);
      // Tiers share bounds, as the engine applies them.
      if (ch.field === 'from' && ch.index > 0) t.set(rows[ch.index - 1], 'to', ch.value);
      if (ch.field === 'to' && ch.value !== null && rows[ch.index + 1] !== undefined)
        t.set(rows[ch.index + 1], 'from', ch.value);
      return;
    }
    case 'term_present': {
      if (ch.value) return;
      const t = table('Terms');
      t.remove(t.rowsWhere('id', ch.id));
      const tiers = tables.get('TermTiers');
      if (tiers) tiers.remove(tiers.rowsWhere('termId', ch.id));
      return;
    }
    case 'promotion': {
      const t = table('Promotions');
      for (const r of t.rowsWhere('id', ch.id)) t.set(r, ch.field, ch.value);
      return;
    }
    case 'promotion_add': {
      const t = table('Promotions');
      const p: Promotion = ch.promotion;
      const like = ch.basedOn ? t.rowsWhere('id', ch.basedOn)[0] : undefined;
      t.append(
        {
          id: p.id,
          customerId: scenario.customerId,
          ...scopeCells(t, p.scope),
          buyFrom: p.buyWindow.from,
          buyTo: p.buyWindow.to,
          inStoreFrom: p.inStoreWindow.from,
          inStoreTo: p.inStoreWindow.to,
          depth: p.depth,
          fundingRate: p.fundingRate,
          makerShare: p.makerShare,
          passThrough: p.passThrough,
          uplift: p.uplift,
          cannibalisation: p.cannibalisation,
          forwardBuy: p.forwardBuy,
          dip: p.dip,
          fixedCosts: p.fixedCosts,
        },
        like,
      );
      return;
    }
    case 'promotion_present': {
      if (ch.value) return;
      const t = table('Promotions');
      t.remove(t.rowsWhere('id', ch.id));
      return;
    }
    case 'price_change': {
      let t = tables.get('PriceChanges');
      if (!t) {
        const name = spanish ? PRICE_CHANGES.es : PRICE_CHANGES.en;
        const grid: TableGrid = {
          name,
          sheet: spanish ? 'Precios' : 'Prices',
          headerRow: 1,
          firstColumn: 1,
          headers: PRICE_CHANGES.columns.map((c) => (spanish ? c.es : c.en)),
          rows: [],
        };
        t = new Editable(PRICE_CHANGES, grid, spanish);
        tables.set('PriceChanges', t);
      }
      t.append({
        customerId: scenario.customerId,
        ...scopeCells(t, ch.scope),
        effectiveDate: ch.effectiveDate,
        changePct: ch.changePct,
        description: `${scenario.id}`,
      });
      return;
    }
    case 'volume': {
      const t = table('BaseVolumes');
      const mask = productMask(model.products, ch.scope);
      const skus = new Set(model.products.filter((_, j) => mask === null || mask[j] === 1).map((p) => idKey(p.sku)));
      const customer = idKey(scenario.customerId);
      const k = t.index('baselineVolume');
      let n = 0;
      t.grid.rows.forEach((_, r) => {
        if (idKey(t.text(r, 'customerId')) !== customer || !skus.has(idKey(t.text(r, 'sku')))) return;
        const v = t.grid.rows[r][k];
        if (typeof v === 'number') {
          t.set(r, 'baselineVolume', v * (1 + ch.changePct));
          n++;
        }
      });
      notes.push({
        es: `Volumen base × ${1 + ch.changePct} en ${n} renglones de ${scenario.customerId} (el volumen real no cambia).`,
        en: `Baseline volume × ${1 + ch.changePct} on ${n} rows of ${scenario.customerId} (actual volume unchanged).`,
      });
      return;
    }
    case 'cost': {
      const t = table('CostToServe');
      const customer = idKey(scenario.customerId);
      for (const row of model.costToServe) {
        if (row.customerId !== scenario.customerId || row.kind !== ch.kind || !row.source) continue;
        const gridRow = row.source.row - t.grid.headerRow - 1;
        if (idKey(t.text(gridRow, 'customerId')) === customer) t.set(gridRow, 'rate', ch.value);
      }
      return;
    }
  }
}

function scopeCells(t: Editable, scope: Scope): Partial<Record<ColumnId, CellValue>> {
  return {
    scopeKind: t.word(SCOPE_KIND_VALUES, scope.kind),
    scopeValues: scope.kind === 'all' ? null : scope.values.join('; '),
  };
}
