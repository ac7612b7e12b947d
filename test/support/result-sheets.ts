/**
 * Result sheets the host tests share: a summary meant to be printed (print setup, a wrapped column) and scenarios
 * side by side with their bar chart.
 */
import type { ResultColumn, ResultSheet } from '../../src/workbook/port';

/** A one-page summary: title in A1, header in row 3, three rows (4–6); its notes column wraps. */
export function summarySheet(): ResultSheet {
  return {
    role: 'test_summary',
    name: 'TT Resumen',
    freezeHeader: false,
    tables: [
      {
        name: 'ttm_Summary',
        title: 'Resumen — Walmart de México',
        columns: [
          { header: 'Concepto', id: 'item', format: 'text', numberFormat: 'General', width: 24 },
          { header: 'Nota', id: 'note', format: 'text', numberFormat: 'General', width: 30, wrap: true },
        ],
        rows: [
          ['Propuesta', 'Un punto más de crecimiento a cambio de 6 % de lista en botanas y refrescos'],
          ['Contrapropuesta', 'Walmart pide 2 % más de descuento en factura'],
          ['Acuerdo', null],
        ],
      },
    ],
    print: {
      paper: 'letter',
      orientation: 'portrait',
      scale: 90,
      area: 'A1:B6',
      titleRows: '1:3',
      header: 'Walmart de México — P&L — 2026-01-15',
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.25, footer: 0.25 },
    },
  };
}

export const MXN = '"$"#,##0';
const money = (id: string, header: string): ResultColumn => ({ id, header, format: 'mxn', numberFormat: MXN });

/**
 * Scenarios side by side, untitled (header row 1, data rows 2–4), five columns with a text column between the
 * category and the values, and a clustered bar chart of three value columns: the block goes one blank column right
 * of the table, at G1:J4.
 */
export function scenariosSheet(): ResultSheet {
  return {
    role: 'test_scenarios',
    name: 'TT Escenarios',
    freezeHeader: true,
    tables: [
      {
        name: 'ttm_ScenarioCompare',
        columns: [
          { id: 'metric', header: 'Métrica', format: 'text', numberFormat: 'General' },
          { id: 'unit', header: 'Unidad', format: 'text', numberFormat: 'General' },
          money('base', 'Base'),
          money('p1', 'Propuesta'),
          money('c1', 'Contrapropuesta'),
        ],
        rows: [
          ['Venta neta', 'MXN', 1_000_000, 1_060_000, 1_020_000],
          ['Inversión comercial', 'MXN', 180_000, 200_000, 195_000],
          ['Contribución', 'MXN', 310_000, 322_000, 305_000],
        ],
      },
    ],
    charts: [
      {
        kind: 'bar',
        title: 'Walmart de México por escenario',
        table: 'ttm_ScenarioCompare',
        categoryColumn: 'metric',
        valueColumns: ['base', 'Propuesta', 'c1'], // by id or by header, as waterfall columns
      },
    ],
  };
}
