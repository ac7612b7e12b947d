/** Result sheets the host tests share: a summary meant to be printed (print setup, a wrapped column). */
import type { ResultSheet } from '../../src/workbook/port';

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
