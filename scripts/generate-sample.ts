/**
 * `npm run sample`: writes assets/sample-trade-terms.xlsx, the bundled demo workbook of a FICTIONAL Mexican
 * snacks-and-beverages maker (synthetic data). Deterministic: a seeded PRNG and fixed dates, so generating twice
 * gives the same tables. Headers come from the contract specs (Spanish, as the users write them).
 *
 * Magnitudes are set so that each customer's trade spend lands at 12–25 % of gross sales: lump sums and tier
 * thresholds are sized from the customer's expected year (actuals of the closed months Jan–Sep, baseline after),
 * then rounded the way a KAM would write them.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Text } from '../src/engine/model';
import {
  BASE_VOLUMES,
  COMPETITOR_PRICES,
  COST_TO_SERVE,
  CUSTOMERS,
  ELASTICITIES,
  PRICE_CHANGES,
  PRODUCTS,
  PROMOTIONS,
  RETAILER_MARGINS,
  SCENARIOS,
  SCENARIO_CHANGES,
  SETTINGS,
  TAX_RATES,
  TERMS,
  TERM_TIERS,
  type TableSpec,
} from '../src/workbook/contract/specs';
import { buildPeriods, monthsOfYear } from '../src/engine/periods';
import { windowShares } from '../src/engine/windows';
import { mulberry32 } from './prng';

export const SAMPLE_PATH = path.join(__dirname, '..', 'assets', 'sample-trade-terms.xlsx');
export const COMPANY = 'Botanas y Bebidas del Valle, S.A. de C.V.';
export const FICTION_NOTE = `${COMPANY} — empresa ficticia, datos sintéticos`;

const FISCAL_YEAR = 2026;
/** Months closed at the time of the sample (actual volumes known): January–September. */
const CLOSED_MONTHS = 9;
/** IEPS quota on flavoured drinks with added sugar, MXN per litre, 2026 (dated data, kept in the Products table). */
const IEPS_PER_LITRE_2026 = 3.0818;
/** The annual list price increase, effective 1 February 2026 (the PriceChanges table). */
const LIST_INCREASE = 0.055;

const MXN = '$#,##0.00';
const MXN4 = '$#,##0.0000';
const PCT = '0.0%';
const UNITS = '#,##0';
const DATE = 'yyyy-mm-dd';

const round2 = (x: number) => Math.round(x * 100) / 100;
/** Two significant figures, as thresholds are written in a terms letter: 183,456 → 180,000. */
const roundSig = (x: number) => Number(x.toPrecision(2));
const roundTo = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);
const utcDate = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const monthId = (m: number) => `${FISCAL_YEAR}-${String(m).padStart(2, '0')}`;

// ---------------------------------------------------------------- catalogue

type Category = 'Botanas' | 'Refrescos' | 'Bebidas saborizadas' | 'Jugos' | 'Básicos';

interface SkuDef {
  sku: string;
  description: string;
  category: Category;
  brand: string;
  units: number;
  /** Contents per piece: grams or millilitres. */
  size: number;
  /** List price per piece, MXN ex-tax. */
  unitPrice: number;
  /** Single-serve: sold in convenience stores. */
  single: boolean;
}

const sku = (
  sku: string,
  description: string,
  category: Category,
  brand: string,
  units: number,
  size: number,
  unitPrice: number,
  single = false,
): SkuDef => ({
  sku,
  description,
  category,
  brand,
  units,
  size,
  unitPrice,
  single,
});

const CATALOGUE: SkuDef[] = [
  sku('BOT-001', 'Papas Crujimax sal 45 g', 'Botanas', 'Crujimax', 20, 45, 11.8, true),
  sku('BOT-002', 'Papas Crujimax limón 45 g', 'Botanas', 'Crujimax', 20, 45, 11.8, true),
  sku('BOT-003', 'Papas Crujimax chile 45 g', 'Botanas', 'Crujimax', 20, 45, 11.8, true),
  sku('BOT-004', 'Papas Crujimax sal 170 g', 'Botanas', 'Crujimax', 12, 170, 33.5),
  sku('BOT-005', 'Papas Crujimax adobadas 170 g', 'Botanas', 'Crujimax', 12, 170, 33.5),
  sku('BOT-006', 'Papas Crujimax onduladas queso 120 g', 'Botanas', 'Crujimax', 12, 120, 26.9),
  sku('BOT-007', 'Totopazo nacho 62 g', 'Botanas', 'Totopazo', 20, 62, 12.4, true),
  sku('BOT-008', 'Totopazo chile limón 62 g', 'Botanas', 'Totopazo', 20, 62, 12.4, true),
  sku('BOT-009', 'Totopazo tostadas horneadas 200 g', 'Botanas', 'Totopazo', 12, 200, 29.9),
  sku('BOT-010', 'Totopazo fuego 62 g', 'Botanas', 'Totopazo', 20, 62, 12.4, true),
  sku('BOT-011', 'Cacahuatitos japoneses 100 g', 'Botanas', 'Cacahuatitos', 24, 100, 14.6, true),
  sku('BOT-012', 'Cacahuatitos enchilados 100 g', 'Botanas', 'Cacahuatitos', 24, 100, 14.6, true),
  sku('BOT-013', 'Cacahuatitos salados 180 g', 'Botanas', 'Cacahuatitos', 12, 180, 27.8),
  sku('BOT-014', 'Palomax mantequilla 80 g', 'Botanas', 'Palomax', 24, 80, 10.9),
  sku('BOT-015', 'Chicharrón de harina Crujimax 50 g', 'Botanas', 'Crujimax', 20, 50, 8.9, true),
  sku('BOT-016', 'Mix botanero Crujimax 250 g', 'Botanas', 'Crujimax', 10, 250, 44.5),
  sku('REF-001', 'Refresco Chispa cola 600 ml', 'Refrescos', 'Chispa', 12, 600, 10.7, true),
  sku('REF-002', 'Refresco Chispa cola 2 L', 'Refrescos', 'Chispa', 8, 2000, 23.4),
  sku('REF-003', 'Refresco Chispa cola lata 355 ml', 'Refrescos', 'Chispa', 12, 355, 8.6, true),
  sku('REF-004', 'Refresco Chispa naranja 600 ml', 'Refrescos', 'Chispa', 12, 600, 10.2, true),
  sku('REF-005', 'Refresco Chispa naranja 2 L', 'Refrescos', 'Chispa', 8, 2000, 22.1),
  sku('REF-006', 'Refresco Chispa limón 600 ml', 'Refrescos', 'Chispa', 12, 600, 10.2, true),
  sku('REF-007', 'Refresco Chispa limón 2 L', 'Refrescos', 'Chispa', 8, 2000, 22.1),
  sku('REF-008', 'Refresco Chispa toronja 600 ml', 'Refrescos', 'Chispa', 12, 600, 10.2, true),
  sku('REF-009', 'Refresco Chispa cola 3 L', 'Refrescos', 'Chispa', 6, 3000, 31.5),
  sku('BEB-001', 'Bebida Frutí mango 500 ml', 'Bebidas saborizadas', 'Frutí', 12, 500, 9.4, true),
  sku('BEB-002', 'Bebida Frutí fresa 500 ml', 'Bebidas saborizadas', 'Frutí', 12, 500, 9.4, true),
  sku('BEB-003', 'Bebida Frutí uva 1 L', 'Bebidas saborizadas', 'Frutí', 12, 1000, 15.8),
  sku('JUG-001', 'Jugo Huerta Alta naranja 100 % 1 L', 'Jugos', 'Huerta Alta', 12, 1000, 27.5),
  sku('JUG-002', 'Jugo Huerta Alta manzana 100 % 1 L', 'Jugos', 'Huerta Alta', 12, 1000, 26.9),
  sku('JUG-003', 'Jugo Huerta Alta uva 100 % 1 L', 'Jugos', 'Huerta Alta', 12, 1000, 28.4),
  sku('JUG-004', 'Jugo Huerta Alta naranja 100 % 250 ml', 'Jugos', 'Huerta Alta', 24, 250, 8.9, true),
  sku('JUG-005', 'Jugo Huerta Alta manzana 100 % 250 ml', 'Jugos', 'Huerta Alta', 24, 250, 8.7, true),
  sku('JUG-006', 'Jugo Huerta Alta mango 100 % 1 L', 'Jugos', 'Huerta Alta', 12, 1000, 27.9),
  sku('JUG-007', 'Jugo Huerta Alta toronja 100 % 1 L', 'Jugos', 'Huerta Alta', 12, 1000, 27.2),
  sku('JUG-008', 'Jugo Huerta Alta verde 100 % 500 ml', 'Jugos', 'Huerta Alta', 12, 500, 18.6, true),
  sku('BAS-001', 'Frijol negro Granero 1 kg', 'Básicos', 'Granero', 10, 1000, 31.9),
  sku('BAS-002', 'Frijol pinto Granero 1 kg', 'Básicos', 'Granero', 10, 1000, 30.5),
  sku('BAS-003', 'Arroz Granero 1 kg', 'Básicos', 'Granero', 10, 1000, 24.8),
  sku('BAS-004', 'Lenteja Granero 500 g', 'Básicos', 'Granero', 20, 500, 17.6),
  sku('BAS-005', 'Avena Granero 400 g', 'Básicos', 'Granero', 24, 400, 15.9),
  sku('BAS-006', 'Harina de maíz Granero 1 kg', 'Básicos', 'Granero', 10, 1000, 16.4),
  sku('BAS-007', 'Frijoles refritos Granero lata 430 g', 'Básicos', 'Granero', 24, 430, 14.2),
  sku('BAS-008', 'Garbanzo Granero 500 g', 'Básicos', 'Granero', 20, 500, 19.3),
];

const isDrink = (c: Category) => c === 'Refrescos' || c === 'Bebidas saborizadas' || c === 'Jugos';

/** Tax profile per category (IVA is charged on a base that includes IEPS; the engine does that sum). */
const TAX: Record<Category, { iva: number; iepsKind: string; iepsRate: number | null }> = {
  Botanas: { iva: 0.16, iepsKind: 'ad valorem', iepsRate: 0.08 },
  Refrescos: { iva: 0.16, iepsKind: 'cuota por litro', iepsRate: IEPS_PER_LITRE_2026 },
  'Bebidas saborizadas': { iva: 0.16, iepsKind: 'cuota por litro', iepsRate: IEPS_PER_LITRE_2026 },
  Jugos: { iva: 0.16, iepsKind: 'sin IEPS', iepsRate: null },
  Básicos: { iva: 0, iepsKind: 'sin IEPS', iepsRate: null },
};

/** COGS as a share of list price, by category. */
const COGS_SHARE: Record<Category, number> = {
  Botanas: 0.44,
  Refrescos: 0.52,
  'Bebidas saborizadas': 0.5,
  Jugos: 0.57,
  Básicos: 0.66,
};

/** Monthly seasonality: Super Bowl and fiestas patrias for snacks, hot months for drinks, Lent for basics. */
const SEASON: Record<Category, number[]> = {
  Botanas: [0.92, 1.06, 0.95, 0.97, 1.0, 1.0, 1.02, 0.98, 1.1, 1.0, 1.05, 1.2],
  Refrescos: [0.85, 0.86, 0.96, 1.08, 1.18, 1.2, 1.15, 1.1, 1.0, 0.92, 0.88, 1.06],
  'Bebidas saborizadas': [0.84, 0.86, 0.97, 1.1, 1.2, 1.2, 1.14, 1.1, 1.0, 0.92, 0.86, 1.0],
  Jugos: [1.05, 0.98, 0.98, 1.0, 1.02, 1.0, 0.97, 1.06, 1.0, 0.98, 0.98, 1.0],
  Básicos: [1.0, 0.98, 1.08, 1.05, 0.98, 0.97, 0.97, 1.0, 1.0, 0.98, 1.0, 1.05],
};

// ---------------------------------------------------------------- customers

interface CustomerDef {
  id: string;
  name: string;
  channel: string;
  paymentDays: number;
  dcShare: number;
  /** Average cases per SKU per month. */
  scale: number;
  carries: (s: SkuDef) => boolean;
}

const CUSTOMER_DEFS: CustomerDef[] = [
  {
    id: 'WMX',
    name: 'Walmart de México',
    channel: 'moderno',
    paymentDays: 90,
    dcShare: 0.9,
    scale: 900,
    carries: () => true,
  },
  {
    id: 'SOR',
    name: 'Organización Soriana',
    channel: 'moderno',
    paymentDays: 60,
    dcShare: 0.6,
    scale: 380,
    carries: (s) => !['BOT-016', 'REF-009', 'JUG-008', 'BAS-008'].includes(s.sku),
  },
  {
    id: 'CHE',
    name: 'Grupo Comercial Chedraui',
    channel: 'moderno',
    paymentDays: 60,
    dcShare: 0.5,
    scale: 320,
    carries: (s) => !['BOT-006', 'BOT-016', 'REF-009', 'JUG-007', 'JUG-008', 'BAS-008'].includes(s.sku),
  },
  {
    id: 'OXXO',
    name: 'Cadena Comercial OXXO',
    channel: 'conveniencia',
    paymentDays: 30,
    dcShare: 1,
    scale: 1400,
    carries: (s) => s.single,
  },
  {
    id: '7ELE',
    name: '7-Eleven México',
    channel: 'conveniencia',
    paymentDays: 45,
    dcShare: 0.8,
    scale: 260,
    carries: (s) => s.single && s.category !== 'Jugos',
  },
  {
    id: 'AMZ',
    name: 'Amazon México',
    channel: 'e-commerce',
    paymentDays: 60,
    dcShare: 1,
    scale: 90,
    carries: (s) => !s.single && s.category !== 'Refrescos',
  },
  {
    id: 'MELI',
    name: 'Mercado Libre',
    channel: 'e-commerce',
    paymentDays: 30,
    dcShare: 1,
    scale: 70,
    carries: (s) => !s.single && (s.category === 'Botanas' || s.category === 'Básicos' || s.category === 'Jugos'),
  },
  {
    id: 'MAY',
    name: 'Abarrotera Mayorista del Bajío',
    channel: 'mayoreo',
    paymentDays: 30,
    dcShare: 0,
    scale: 1100,
    carries: () => true,
  },
];

// ---------------------------------------------------------------- tables

/** Rows keyed by column id; the writer orders them by the spec's columns. */
/** What the sample writes into an input cell: plain values only (never an error value or a formula). */
type CellValue = string | number | boolean | null | Date;
type Row = Record<string, CellValue>;

export interface SampleTable {
  name: string;
  sheet: string;
  headers: string[];
  rows: CellValue[][];
  /** Number format per data cell (same shape as rows; '' = General). */
  formats: string[][];
  widths: number[];
}

interface Draft {
  spec: TableSpec;
  name: string;
  sheet: string;
  rows: Row[];
  /** Format of a cell from its column id and its row. */
  format: (column: string, row: Row) => string;
}

interface Line {
  customer: CustomerDef;
  product: SkuDef;
  month: number;
  baseline: number;
  actual: number | null;
  listPrice: number;
  priorVolume: number;
  priorPrice: number;
}

/** Volume used for sizing: actual when the month is closed, else baseline (what the engine uses). */
const used = (l: Line) => l.actual ?? l.baseline;

function buildLines(rand: () => number): Line[] {
  const popularity = new Map(CATALOGUE.map((s) => [s.sku, 0.4 + 1.2 * rand()]));
  const priceIncrease = new Map(CATALOGUE.map((s) => [s.sku, 0.04 + 0.02 * rand()]));
  const lines: Line[] = [];
  for (const c of CUSTOMER_DEFS) {
    for (const s of CATALOGUE.filter(c.carries)) {
      // The catalogue prices are 2026's, in force from 1 February (PriceChanges); January still sells at 2025's.
      const newPrice = round2(s.unitPrice * s.units);
      const listPrice = round2(newPrice / (1 + LIST_INCREASE));
      const priorPrice = round2(newPrice / (1 + priceIncrease.get(s.sku)!));
      const level = c.scale * popularity.get(s.sku)!;
      for (let m = 1; m <= 12; m++) {
        const baseline = Math.round(level * SEASON[s.category][m - 1] * (0.95 + 0.1 * rand()));
        const growth = 0.04 + 0.02 * rand();
        const priorVolume = Math.round(baseline / (1 + growth));
        const actual = m <= CLOSED_MONTHS ? Math.round(baseline * (0.92 + 0.16 * rand())) : null;
        lines.push({ customer: c, product: s, month: m, baseline, actual, listPrice, priorVolume, priorPrice });
      }
    }
  }
  return lines;
}

interface TermDef {
  id: string;
  kind: string;
  basis: string;
  rate?: number;
  onInvoice?: string;
  allocation?: string;
  scopeKind?: string;
  scopeValues?: string;
  from?: number;
  to?: number;
  tierMethod?: string;
  tierMeasure?: string;
  growthPayOn?: string;
  priceNeutral?: string;
  conditionMeasure?: string;
  target?: number;
  achieved?: number;
  /** null = no agreed date (a finding for the engine to flag). */
  agreed: Date | null;
  evidence: string;
  description: string;
  tiers?: [number, number | null, number][];
}

/**
 * The terms of each customer, typical of its channel. `g(...)` sums the customer's expected gross sales and
 * `v(...)` its volume, optionally over a category set and a month range, to size lump sums and tier thresholds.
 */
function termsOf(c: CustomerDef, lines: Line[]): TermDef[] {
  const mine = lines.filter((l) => l.customer === c);
  const sum = (f: (l: Line) => number, cats?: Category[], from = 1, to = 12) =>
    mine
      .filter((l) => (!cats || cats.includes(l.product.category)) && l.month >= from && l.month <= to)
      .reduce((a, l) => a + f(l), 0);
  const g = (cats?: Category[], from?: number, to?: number) => sum((l) => used(l) * l.listPrice, cats, from, to);
  const v = (cats?: Category[]) => sum(used, cats);
  const letter = (n: number) => `Carta ${c.id}-${FISCAL_YEAR}-${String(n).padStart(2, '0')}`;
  const signed = utcDate(2025, 11, 28);
  const drinks: Category[] = ['Refrescos', 'Bebidas saborizadas'];
  switch (c.id) {
    case 'WMX': {
      const V = v();
      return [
        {
          id: 'WMX-01',
          kind: 'descuento en factura',
          basis: 'venta bruta',
          rate: 0.03,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento comercial en factura',
        },
        {
          id: 'WMX-02',
          kind: 'bono por volumen',
          basis: 'venta factura',
          tierMethod: 'todas las unidades',
          agreed: signed,
          evidence: letter(1),
          description: 'Bono anual por volumen, escalones retroactivos',
          tiers: [
            [0, roundSig(0.8 * V), 0.01],
            [roundSig(0.8 * V), roundSig(1.1 * V), 0.02],
            [roundSig(1.1 * V), null, 0.03],
          ],
        },
        {
          id: 'WMX-03',
          kind: 'plan de crecimiento',
          basis: 'venta bruta',
          rate: 0.1,
          growthPayOn: 'excedente',
          priceNeutral: 'sí',
          agreed: signed,
          evidence: letter(2),
          description: 'Plan de crecimiento: 10 % del excedente sobre 2025 a precios 2026',
        },
        {
          id: 'WMX-04',
          kind: 'centralización',
          basis: 'venta factura',
          rate: 0.05,
          agreed: signed,
          evidence: letter(1),
          description: 'Centralización 5 % sobre lo entregado en CEDIS',
        },
        {
          id: 'WMX-05',
          kind: 'merma',
          basis: 'venta factura',
          rate: 0.015,
          agreed: signed,
          evidence: letter(1),
          description: 'Merma y devoluciones',
        },
        {
          id: 'WMX-06',
          kind: 'cuota de exhibición',
          basis: 'monto fijo',
          rate: roundTo(0.02 * g(drinks, 4, 8), 5000),
          allocation: 'venta bruta',
          scopeKind: 'categoría',
          scopeValues: 'Refrescos; Bebidas saborizadas',
          from: 4,
          to: 8,
          agreed: utcDate(2026, 3, 10),
          evidence: 'Orden de exhibición WMX-EX-114',
          description: 'Cabeceras temporada de calor',
        },
        {
          id: 'WMX-07',
          kind: 'cuota de exhibición',
          basis: 'monto fijo',
          rate: roundTo(0.012 * g(undefined, 11, 12), 5000),
          allocation: 'venta bruta',
          from: 11,
          to: 12,
          agreed: utcDate(2026, 9, 15),
          evidence: 'Orden de exhibición WMX-EX-131',
          description: 'Exhibición Buen Fin y Navidad',
        },
        {
          id: 'WMX-08',
          kind: 'pronto pago',
          basis: 'venta factura',
          rate: 0.015,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento por pronto pago',
        },
        {
          id: 'WMX-09',
          kind: 'aportación/co-op',
          basis: 'venta bruta',
          rate: 0.04,
          agreed: signed,
          evidence: letter(3),
          description: 'Aportación a folleto, medios y aniversario',
        },
      ];
    }
    case 'SOR': {
      const V = v();
      const launches = 'BOT-010; BEB-003; JUG-006; BAS-005; BAS-007';
      return [
        {
          id: 'SOR-01',
          kind: 'descuento en factura',
          basis: 'venta bruta',
          rate: 0.03,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento comercial en factura',
        },
        {
          id: 'SOR-02',
          kind: 'bono por volumen',
          basis: 'venta factura',
          tierMethod: 'marginal',
          agreed: signed,
          evidence: letter(1),
          description: 'Bono por volumen escalonado (cada tasa sobre su tramo)',
          tiers: [
            [0, roundSig(0.5 * V), 0.01],
            [roundSig(0.5 * V), roundSig(0.9 * V), 0.02],
            [roundSig(0.9 * V), null, 0.035],
          ],
        },
        {
          id: 'SOR-03',
          kind: 'cuota de alta',
          basis: 'monto fijo',
          rate: 5 * 25000,
          allocation: 'volumen',
          scopeKind: 'SKU',
          scopeValues: launches,
          from: 1,
          to: 3,
          agreed: utcDate(2025, 12, 12),
          evidence: 'Acuerdo de alta SOR-A-2026-07',
          description: 'Alta de 5 SKU nuevos (25,000 por SKU)',
        },
        {
          id: 'SOR-04',
          kind: 'cuota de exhibición',
          basis: 'monto fijo',
          rate: roundTo(0.03 * g(undefined, 6, 8), 5000),
          allocation: 'venta bruta',
          from: 6,
          to: 8,
          agreed: utcDate(2026, 4, 20),
          evidence: 'Convenio Julio Regalado 2026',
          description: 'Exhibición Julio Regalado',
        },
        {
          id: 'SOR-05',
          kind: 'centralización',
          basis: 'venta factura',
          rate: 0.04,
          agreed: signed,
          evidence: letter(1),
          description: 'Centralización 4 % sobre lo entregado en CEDIS',
        },
        {
          id: 'SOR-06',
          kind: 'merma',
          basis: 'venta factura',
          rate: 0.02,
          agreed: signed,
          evidence: letter(1),
          description: 'Merma y devoluciones',
        },
        {
          id: 'SOR-07',
          kind: 'pronto pago',
          basis: 'venta factura',
          rate: 0.01,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento por pronto pago',
        },
        {
          id: 'SOR-08',
          kind: 'aportación/co-op',
          basis: 'venta bruta',
          rate: 0.05,
          agreed: signed,
          evidence: letter(2),
          description: 'Aportación a folleto y revista',
        },
      ];
    }
    case 'CHE': {
      const V = v();
      return [
        {
          id: 'CHE-01',
          kind: 'descuento en factura',
          basis: 'venta bruta',
          rate: 0.035,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento comercial en factura',
        },
        {
          id: 'CHE-02',
          kind: 'bono por volumen',
          basis: 'venta bruta',
          tierMethod: 'todas las unidades',
          agreed: signed,
          evidence: letter(1),
          description: 'Bono anual por volumen',
          tiers: [
            [0, roundSig(0.9 * V), 0.015],
            [roundSig(0.9 * V), null, 0.025],
          ],
        },
        {
          id: 'CHE-03',
          kind: 'cuota de alta',
          basis: 'monto fijo',
          rate: 3 * 30000,
          allocation: 'volumen',
          scopeKind: 'marca',
          scopeValues: 'Frutí',
          from: 2,
          to: 4,
          agreed: utcDate(2026, 1, 20),
          evidence: 'Acuerdo de alta CHE-A-031',
          description: 'Alta de la línea Frutí (3 SKU)',
        },
        {
          id: 'CHE-04',
          kind: 'centralización',
          basis: 'venta factura',
          rate: 0.06,
          agreed: signed,
          evidence: letter(1),
          description: 'Centralización 6 % sobre lo entregado en CEDIS',
        },
        {
          id: 'CHE-05',
          kind: 'merma',
          basis: 'venta factura',
          rate: 0.015,
          agreed: signed,
          evidence: letter(1),
          description: 'Merma y devoluciones',
        },
        {
          id: 'CHE-06',
          kind: 'aportación/co-op',
          basis: 'venta factura',
          rate: 0.065,
          agreed: signed,
          evidence: letter(2),
          description: 'Aportación a folleto',
        },
        {
          id: 'CHE-07',
          kind: 'pronto pago',
          basis: 'venta factura',
          rate: 0.01,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento por pronto pago',
        },
      ];
    }
    case 'OXXO': {
      const quarter = (q: number): TermDef => ({
        id: `OXXO-0${q + 1}`,
        kind: 'cuota de exhibición',
        basis: 'monto fijo',
        rate: roundTo(0.008 * g(undefined, 3 * q - 2, 3 * q), 5000),
        allocation: 'volumen',
        from: 3 * q - 2,
        to: 3 * q,
        agreed: signed,
        evidence: letter(2),
        description: `Exhibición en caja y refrigerador, trimestre ${q}`,
      });
      return [
        {
          id: 'OXXO-01',
          kind: 'descuento en factura',
          basis: 'venta bruta',
          rate: 0.04,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento comercial en factura',
        },
        quarter(1),
        quarter(2),
        quarter(3),
        quarter(4),
        {
          id: 'OXXO-06',
          kind: 'apoyo logístico',
          basis: 'volumen',
          rate: 4.5,
          agreed: signed,
          evidence: letter(1),
          description: 'Apoyo logístico por caja entregada',
        },
        {
          id: 'OXXO-07',
          kind: 'bono por objetivo',
          basis: 'venta bruta',
          rate: 0.02,
          conditionMeasure: 'manual',
          target: 0.9,
          achieved: 0.93,
          agreed: signed,
          evidence: letter(3),
          description: 'Bono si la distribución numérica llega a 90 %',
        },
        {
          id: 'OXXO-08',
          kind: 'centralización',
          basis: 'venta factura',
          rate: 0.03,
          agreed: signed,
          evidence: letter(1),
          description: 'Centralización en CEDIS',
        },
        {
          id: 'OXXO-09',
          kind: 'merma',
          basis: 'venta factura',
          rate: 0.01,
          agreed: signed,
          evidence: letter(1),
          description: 'Merma',
        },
      ];
    }
    case '7ELE':
      return [
        {
          id: '7ELE-01',
          kind: 'descuento en factura',
          basis: 'venta bruta',
          rate: 0.035,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento comercial en factura',
        },
        {
          id: '7ELE-02',
          kind: 'bono por volumen',
          basis: 'venta factura',
          rate: 0.02,
          agreed: signed,
          evidence: letter(1),
          description: 'Bono por volumen (tasa fija)',
        },
        // No agreed date and no evidence: the engine reports it as a finding, not a number to trust.
        {
          id: '7ELE-03',
          kind: 'cuota de exhibición',
          basis: 'monto fijo',
          rate: roundTo(0.01 * g(), 5000),
          allocation: 'partes iguales',
          agreed: null,
          evidence: '',
          description: 'Exhibición adicional solicitada por la cadena (sin carta firmada)',
        },
        {
          id: '7ELE-04',
          kind: 'merma',
          basis: 'venta factura',
          rate: 0.02,
          agreed: signed,
          evidence: letter(1),
          description: 'Merma y devoluciones',
        },
        {
          id: '7ELE-05',
          kind: 'pronto pago',
          basis: 'venta factura',
          rate: 0.01,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento por pronto pago',
        },
        {
          id: '7ELE-06',
          kind: 'apoyo logístico',
          basis: 'volumen',
          rate: 3,
          agreed: signed,
          evidence: letter(1),
          description: 'Apoyo logístico por caja',
        },
        {
          id: '7ELE-07',
          kind: 'centralización',
          basis: 'venta factura',
          rate: 0.03,
          agreed: signed,
          evidence: letter(1),
          description: 'Centralización en CEDIS',
        },
      ];
    case 'AMZ':
      return [
        {
          id: 'AMZ-01',
          kind: 'descuento en factura',
          basis: 'venta bruta',
          rate: 0.02,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento comercial en factura',
        },
        {
          id: 'AMZ-02',
          kind: 'aportación/co-op',
          basis: 'venta factura',
          rate: 0.06,
          agreed: signed,
          evidence: letter(1),
          description: 'Co-op de marketing sobre compras',
        },
        {
          id: 'AMZ-03',
          kind: 'tarifa fulfillment',
          basis: 'volumen',
          rate: 14,
          agreed: signed,
          evidence: letter(1),
          description: 'Tarifa de fulfillment por caja',
        },
        {
          id: 'AMZ-04',
          kind: 'bono por volumen',
          basis: 'venta factura',
          rate: 0.02,
          agreed: signed,
          evidence: letter(1),
          description: 'Bono por volumen (tasa fija)',
        },
        {
          id: 'AMZ-05',
          kind: 'aportación/co-op',
          basis: 'monto fijo',
          rate: roundTo(0.05 * g(undefined, 5, 6), 5000),
          allocation: 'venta bruta',
          from: 5,
          to: 6,
          agreed: utcDate(2026, 4, 2),
          evidence: 'Orden de campaña AMZ-HS-2026',
          description: 'Campaña Hot Sale',
        },
      ];
    case 'MELI':
      return [
        {
          id: 'MELI-01',
          kind: 'comisión marketplace',
          basis: 'venta bruta',
          rate: 0.15,
          scopeKind: 'categoría',
          scopeValues: 'Botanas',
          agreed: signed,
          evidence: 'Tarifas Mercado Libre 2026',
          description: 'Comisión por venta, botanas',
        },
        {
          id: 'MELI-02',
          kind: 'comisión marketplace',
          basis: 'venta bruta',
          rate: 0.12,
          scopeKind: 'categoría',
          scopeValues: 'Jugos; Básicos',
          agreed: signed,
          evidence: 'Tarifas Mercado Libre 2026',
          description: 'Comisión por venta, jugos y básicos',
        },
        {
          id: 'MELI-03',
          kind: 'tarifa fulfillment',
          basis: 'volumen',
          rate: 12,
          agreed: signed,
          evidence: 'Tarifas Mercado Libre 2026',
          description: 'Tarifa Full por caja',
        },
        {
          id: 'MELI-04',
          kind: 'aportación/co-op',
          basis: 'venta bruta',
          rate: 0.01,
          agreed: signed,
          evidence: letter(1),
          description: 'Publicidad en el sitio',
        },
      ];
    case 'MAY':
      return [
        {
          id: 'MAY-01',
          kind: 'descuento en factura',
          basis: 'venta bruta',
          rate: 0.08,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento comercial de mayoreo',
        },
        {
          id: 'MAY-02',
          kind: 'descuento en factura',
          basis: 'venta factura',
          rate: 0.03,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento adicional en cascada',
        },
        {
          id: 'MAY-03',
          kind: 'pronto pago',
          basis: 'venta factura',
          rate: 0.02,
          agreed: signed,
          evidence: letter(1),
          description: 'Descuento por pronto pago a 10 días',
        },
        {
          id: 'MAY-04',
          kind: 'plan de crecimiento',
          basis: 'venta factura',
          growthPayOn: 'total',
          priceNeutral: 'no',
          tierMethod: 'todas las unidades',
          tierMeasure: 'crecimiento',
          agreed: signed,
          evidence: letter(2),
          description: 'Plan de crecimiento sobre la base completa',
          tiers: [
            [0.03, 0.06, 0.01],
            [0.06, null, 0.015],
          ],
        },
      ];
    default:
      throw new Error(`no terms for ${c.id}`);
  }
}

interface CostDef {
  kind: string;
  basis: string;
  rate: number;
  allocation?: string;
  from?: number;
  to?: number;
  description: string;
}

const COSTS: Record<string, CostDef[]> = {
  WMX: [
    { kind: 'flete', basis: 'venta factura', rate: 0.02, description: 'Flete a CEDIS' },
    {
      kind: 'promotoría',
      basis: 'monto fijo',
      rate: 960000,
      allocation: 'volumen',
      description: 'Promotoría en tienda (80,000 al mes)',
    },
    {
      kind: 'cuotas de portal',
      basis: 'monto fijo',
      rate: 36000,
      allocation: 'partes iguales',
      description: 'Cuota anual del portal de proveedores',
    },
  ],
  SOR: [
    { kind: 'flete', basis: 'venta factura', rate: 0.025, description: 'Flete a CEDIS y tiendas' },
    {
      kind: 'demostradoras',
      basis: 'monto fijo',
      rate: 180000,
      allocation: 'venta bruta',
      from: 6,
      to: 8,
      description: 'Demostradoras en Julio Regalado',
    },
  ],
  CHE: [
    { kind: 'flete', basis: 'venta factura', rate: 0.028, description: 'Flete a CEDIS y tiendas del sureste' },
    {
      kind: 'promotoría',
      basis: 'monto fijo',
      rate: 420000,
      allocation: 'volumen',
      description: 'Promotoría compartida',
    },
  ],
  OXXO: [{ kind: 'flete', basis: 'kg', rate: 0.85, description: 'Flete por kg a CEDIS regionales' }],
  '7ELE': [{ kind: 'flete', basis: 'kg', rate: 1.1, description: 'Flete por kg' }],
  AMZ: [
    { kind: 'flete', basis: 'kg', rate: 1.4, description: 'Flete por kg a centros de fulfillment' },
    { kind: 'almacenaje', basis: 'litros', rate: 0.35, description: 'Manejo y almacenaje de líquidos por litro' },
  ],
  MELI: [{ kind: 'flete', basis: 'kg', rate: 1.6, description: 'Envío a bodega Full por kg' }],
  MAY: [{ kind: 'flete', basis: 'venta factura', rate: 0.015, description: 'Flete a bodega del mayorista' }],
};

/** Weight of a case in kg: drinks ~1.04 kg per litre with the pack, dry goods the net weight plus 5 % packaging. */

// ---------------------------------------------------------------- prices and promotions

/** Retailer front margins (margin on the shelf price before IVA), per customer; soft drinks run thinner. */
const MARGINS: Record<string, { all: number; refrescos?: number }> = {
  WMX: { all: 0.24, refrescos: 0.18 },
  SOR: { all: 0.26, refrescos: 0.2 },
  CHE: { all: 0.25, refrescos: 0.19 },
  OXXO: { all: 0.32, refrescos: 0.28 },
  '7ELE': { all: 0.34, refrescos: 0.3 },
  AMZ: { all: 0.18 },
  MELI: { all: 0.15 },
  MAY: { all: 0.1 },
};

/** Own-price and promotional elasticities per category (snacks most responsive, staples least). */
const ELASTICITY: Record<Category, [number, number]> = {
  Botanas: [-1.8, -3.2],
  Refrescos: [-1.4, -2.6],
  'Bebidas saborizadas': [-1.6, -2.8],
  Jugos: [-1.5, -2.5],
  Básicos: [-0.6, -1.5],
};

interface EventDef {
  id: string;
  customer: string;
  scopeKind: 'categoría' | 'marca' | 'SKU';
  scopeValues: string;
  buy: [string, string];
  store: [string, string];
  mechanics: string;
  /** Fraction off the shelf (descuento porcentual) or MXN off per unit (descuento en pesos). */
  depth?: number;
  multibuy?: string;
  funding: 'fuera de factura (OI)' | 'bill-back' | 'scan-back' | 'monto fijo';
  /** Per-unit funding as a share of the scope's average list price, or the lump sum (monto fijo). */
  fundingShare?: number;
  lumpSum?: number;
  makerShare?: number;
  uplift?: number;
  cannibalisation?: number;
  forwardBuy?: number;
  dip?: number;
  fixedCosts?: number;
  stacks?: boolean;
  description: string;
}

/**
 * The year's events: Julio Regalado at Soriana, Buen Fin at Walmart, Soriana and Chedraui, Hot Sale at Amazon and
 * Mercado Libre, OXXO 2x1 and combos, displays and folletos at Walmart and Chedraui, every funding type. Events in
 * the closed months (January–September) show in the actual volumes (post-event evaluation); later ones are plan.
 */
const EVENTS: EventDef[] = [
  {
    id: 'SOR-JR-BOT',
    customer: 'SOR',
    scopeKind: 'categoría',
    scopeValues: 'Botanas',
    buy: ['2026-06-15', '2026-08-10'],
    store: ['2026-06-26', '2026-08-16'],
    mechanics: 'descuento porcentual; exhibición; folleto',
    depth: 0.2,
    funding: 'fuera de factura (OI)',
    fundingShare: 0.12,
    uplift: 0.35,
    cannibalisation: 0.1,
    forwardBuy: 0.15,
    dip: 0.1,
    fixedCosts: 250_000,
    description: 'Julio Regalado: botanas 20 % con exhibición y folleto',
  },
  {
    id: 'SOR-JR-REF',
    customer: 'SOR',
    scopeKind: 'categoría',
    scopeValues: 'Refrescos',
    buy: ['2026-06-15', '2026-08-10'],
    store: ['2026-06-26', '2026-08-16'],
    mechanics: 'multicompra',
    multibuy: '3x2',
    funding: 'scan-back',
    fundingShare: 0.15,
    uplift: 0.4,
    cannibalisation: 0.05,
    dip: 0.1,
    fixedCosts: 120_000,
    description: 'Julio Regalado: refrescos 3x2',
  },
  {
    id: 'SOR-CLASES-JUG',
    customer: 'SOR',
    scopeKind: 'SKU',
    scopeValues: 'JUG-004; JUG-005',
    buy: ['2026-08-03', '2026-08-28'],
    store: ['2026-08-10', '2026-09-04'],
    mechanics: 'descuento porcentual',
    depth: 0.15,
    funding: 'fuera de factura (OI)',
    fundingShare: 0.1,
    uplift: 0.3,
    description: 'Regreso a clases: jugos 250 ml',
  },
  {
    id: 'WMX-FOL-CRU',
    customer: 'WMX',
    scopeKind: 'marca',
    scopeValues: 'Crujimax',
    buy: ['2026-04-01', '2026-04-26'],
    store: ['2026-04-08', '2026-04-30'],
    mechanics: 'descuento porcentual; folleto',
    depth: 0.1,
    funding: 'fuera de factura (OI)',
    fundingShare: 0.08,
    uplift: 0.18,
    cannibalisation: 0.08,
    fixedCosts: 180_000,
    description: 'Folleto de abril: Crujimax 10 %',
  },
  {
    id: 'WMX-EXH-JUG',
    customer: 'WMX',
    scopeKind: 'categoría',
    scopeValues: 'Jugos',
    buy: ['2026-03-01', '2026-03-31'],
    store: ['2026-03-01', '2026-03-31'],
    mechanics: 'exhibición',
    funding: 'monto fijo',
    lumpSum: 180_000,
    uplift: 0.12,
    description: 'Cabeceras de jugos en marzo',
  },
  {
    id: 'WMX-BF-BOT',
    customer: 'WMX',
    scopeKind: 'categoría',
    scopeValues: 'Botanas',
    buy: ['2026-11-02', '2026-11-16'],
    store: ['2026-11-13', '2026-11-16'],
    mechanics: 'descuento porcentual; exhibición',
    depth: 0.25,
    funding: 'fuera de factura (OI)',
    fundingShare: 0.15,
    uplift: 1.2,
    cannibalisation: 0.1,
    forwardBuy: 0.2,
    dip: 0.15,
    fixedCosts: 400_000,
    description: 'Buen Fin: botanas 25 %',
  },
  {
    id: 'WMX-NAV-BEB',
    customer: 'WMX',
    scopeKind: 'categoría',
    scopeValues: 'Bebidas saborizadas',
    buy: ['2026-12-01', '2026-12-20'],
    store: ['2026-12-05', '2026-12-24'],
    mechanics: 'descuento porcentual',
    depth: 0.15,
    funding: 'fuera de factura (OI)',
    fundingShare: 0.1,
    uplift: 0.25,
    dip: 0.1,
    description: 'Posadas: bebidas saborizadas 15 %',
  },
  {
    id: 'SOR-BF-REF',
    customer: 'SOR',
    scopeKind: 'SKU',
    scopeValues: 'REF-002; REF-005; REF-007',
    buy: ['2026-11-02', '2026-11-16'],
    store: ['2026-11-13', '2026-11-16'],
    mechanics: 'descuento porcentual',
    depth: 0.2,
    funding: 'bill-back',
    fundingShare: 0.12,
    uplift: 0.9,
    forwardBuy: 0.1,
    dip: 0.1,
    description: 'Buen Fin: refrescos 2 L',
  },
  {
    id: 'CHE-BF-JUG',
    customer: 'CHE',
    scopeKind: 'categoría',
    scopeValues: 'Jugos',
    buy: ['2026-11-02', '2026-11-16'],
    store: ['2026-11-13', '2026-11-16'],
    mechanics: 'descuento en pesos',
    depth: 30,
    funding: 'scan-back',
    fundingShare: 0.09,
    uplift: 0.8,
    dip: 0.1,
    description: 'Buen Fin: $30 menos por caja de jugos',
  },
  {
    id: 'CHE-EXH-REF',
    customer: 'CHE',
    scopeKind: 'SKU',
    scopeValues: 'REF-002; REF-005',
    buy: ['2026-10-01', '2026-10-31'],
    store: ['2026-10-01', '2026-10-31'],
    mechanics: 'exhibición; folleto',
    funding: 'monto fijo',
    lumpSum: 95_000,
    uplift: 0.15,
    description: 'Isla de refrescos 2 L y folleto de octubre',
  },
  {
    id: 'CHE-FOL-BOT',
    customer: 'CHE',
    scopeKind: 'categoría',
    scopeValues: 'Botanas',
    buy: ['2026-12-01', '2026-12-21'],
    store: ['2026-12-04', '2026-12-24'],
    mechanics: 'descuento porcentual; folleto',
    depth: 0.15,
    funding: 'bill-back',
    fundingShare: 0.1,
    uplift: 0.3,
    dip: 0.05,
    fixedCosts: 60_000,
    description: 'Folleto navideño: botanas 15 %',
  },
  {
    id: 'AMZ-HS-BOT',
    customer: 'AMZ',
    scopeKind: 'categoría',
    scopeValues: 'Botanas',
    buy: ['2026-05-18', '2026-06-02'],
    store: ['2026-05-25', '2026-06-02'],
    mechanics: 'descuento porcentual',
    depth: 0.15,
    funding: 'fuera de factura (OI)',
    fundingShare: 0.12,
    uplift: 0.8,
    description: 'Hot Sale: botanas familiares 15 %',
  },
  {
    id: 'MELI-HS',
    customer: 'MELI',
    scopeKind: 'categoría',
    scopeValues: 'Botanas; Básicos',
    buy: ['2026-05-25', '2026-06-02'],
    store: ['2026-05-25', '2026-06-02'],
    mechanics: 'descuento porcentual',
    depth: 0.12,
    funding: 'monto fijo',
    lumpSum: 150_000,
    uplift: 0.5,
    description: 'Hot Sale: campaña pagada en Mercado Libre',
  },
  {
    id: 'OXXO-2X1-REF',
    customer: 'OXXO',
    scopeKind: 'SKU',
    scopeValues: 'REF-004; REF-006',
    buy: ['2026-10-01', '2026-10-31'],
    store: ['2026-10-05', '2026-10-31'],
    mechanics: 'multicompra',
    multibuy: '2x1',
    funding: 'scan-back',
    fundingShare: 0.2,
    makerShare: 0.7,
    uplift: 1.2,
    cannibalisation: 0.15,
    description: '2x1 refrescos 600 ml (OXXO pone 30 %)',
  },
  {
    id: 'OXXO-COMBO',
    customer: 'OXXO',
    scopeKind: 'marca',
    scopeValues: 'Totopazo',
    buy: ['2026-08-01', '2026-08-31'],
    store: ['2026-08-01', '2026-08-31'],
    mechanics: 'descuento en pesos',
    depth: 12,
    funding: 'scan-back',
    fundingShare: 0.08,
    uplift: 0.25,
    description: 'Combo Totopazo + refresco: $12 menos por caja',
  },
  {
    id: '7ELE-3X2',
    customer: '7ELE',
    scopeKind: 'marca',
    scopeValues: 'Cacahuatitos',
    buy: ['2026-09-01', '2026-09-30'],
    store: ['2026-09-01', '2026-09-30'],
    mechanics: 'multicompra',
    multibuy: '3x2',
    funding: 'scan-back',
    fundingShare: 0.12,
    uplift: 0.4,
    description: '3x2 Cacahuatitos',
  },
  {
    id: 'MAY-REF-VOL',
    customer: 'MAY',
    scopeKind: 'categoría',
    scopeValues: 'Refrescos',
    buy: ['2026-10-01', '2026-10-15'],
    store: ['2026-10-01', '2026-10-31'],
    mechanics: 'descuento porcentual',
    depth: 0.05,
    funding: 'bill-back',
    fundingShare: 0.05,
    uplift: 0.1,
    forwardBuy: 0.3,
    description: 'Trato de volumen de refrescos (el mayorista adelanta compras)',
  },
];

const MONTH_PERIODS = buildPeriods(monthsOfYear(FISCAL_YEAR));

function inScope(e: EventDef, s: SkuDef): boolean {
  const values = e.scopeValues.split(';').map((v) => v.trim());
  return e.scopeKind === 'categoría'
    ? values.includes(s.category)
    : e.scopeKind === 'marca'
      ? values.includes(s.brand)
      : values.includes(s.sku);
}

/** The closed months hold what the events did: actuals in the in-store window rise by the event's uplift. */
function applyEventActuals(lines: Line[]): void {
  for (const e of EVENTS) {
    const shares = windowShares(MONTH_PERIODS, { from: e.store[0], to: e.store[1] });
    for (const l of lines) {
      if (l.customer.id !== e.customer || l.actual === null || !inScope(e, l.product)) continue;
      const s = shares[l.month - 1];
      if (s > 0) l.actual = Math.round(l.actual + (e.uplift ?? 0.25) * l.baseline * s);
    }
  }
}

function eventFunding(e: EventDef, lines: Line[]): number {
  if (e.funding === 'monto fijo') return e.lumpSum!;
  const prices = lines.filter((l) => l.customer.id === e.customer && inScope(e, l.product)).map((l) => l.listPrice);
  const avg = prices.reduce((a, b) => a + b, 0) / Math.max(1, prices.length);
  return round2(avg * (1 + LIST_INCREASE) * e.fundingShare!);
}

function kgPerCase(s: SkuDef): number {
  const net = (s.units * s.size) / 1000;
  return Math.round(net * (isDrink(s.category) ? 1.04 : 1.05) * 100) / 100;
}

/** Builds every input table of the sample (pure and deterministic). */
export function buildSample(seed = 20260105): SampleTable[] {
  const rand = mulberry32(seed);
  const lines = buildLines(rand);
  applyEventActuals(lines);
  const drafts: Draft[] = [];

  drafts.push({
    spec: SETTINGS,
    name: 'Parametros',
    sheet: 'Parámetros',
    rows: [
      { key: 'Año fiscal', value: FISCAL_YEAR, description: 'Año calendario del plan (enero a diciembre)' },
      { key: 'Moneda', value: 'MXN', description: 'Todos los montos en pesos, sin impuestos' },
      { key: 'Periodicidad', value: 'mensual', description: 'Periodos AAAA-MM' },
      {
        key: 'Costo de capital',
        value: 0.11,
        description: 'Tasa anual para el costo financiero de los días de crédito',
      },
      {
        key: 'Ubicación del costo de servir',
        value: 'debajo',
        description: 'dentro | debajo de la cascada de precios',
      },
      {
        key: 'Política de escalón interino',
        value: 'pronóstico de cierre',
        description: 'pronóstico de cierre | nivel alcanzado',
      },
      { key: 'Variante de ROI', value: 'ROI bruto', description: 'ROI bruto | ROI neto (promociones)' },
      {
        key: 'Traslado al anaquel',
        value: 0.9,
        description: 'Parte de un cambio de precio o de un trato que el detallista traslada al anaquel',
      },
      { key: 'Forma de la elasticidad', value: 'constante', description: 'constante | lineal' },
      {
        key: 'Terminación de precio',
        value: 0.9,
        description: 'Precio al consumidor terminado en .90 (vacío: sin redondeo)',
      },
      { key: 'Decimales de dinero', value: 2, description: 'Decimales al escribir resultados' },
      { key: 'Días del año', value: 365, description: 'Base del costo financiero' },
      // Finance's guardrails on every scenario (the trade budget per customer is in Clientes).
      { key: 'Contribución mínima', value: 0.28, description: 'Barrera: contribución ≥ 28 % de la venta neta' },
      { key: 'Gasto comercial máximo', value: 0.2, description: 'Barrera: gasto comercial ≤ 20 % de la venta bruta' },
      {
        key: 'Gasto promocional máximo',
        value: 0.03,
        description: 'Barrera: gasto promocional ≤ 3 % de la venta bruta',
      },
      {
        key: 'Índice de precio mínimo',
        value: 90,
        description: 'Barrera: índice de precio contra la competencia ≥ 90',
      },
      {
        key: 'Índice de precio máximo',
        value: 115,
        description: 'Barrera: índice de precio contra la competencia ≤ 115',
      },
    ],
    format: (col, row) =>
      col === 'value' && typeof row.value === 'number' && row.value < 1 && row.key !== 'Terminación de precio'
        ? PCT
        : '',
  });

  drafts.push({
    spec: CUSTOMERS,
    name: 'Clientes',
    sheet: 'Clientes',
    rows: CUSTOMER_DEFS.map((c) => ({
      id: c.id,
      name: c.name,
      channel: c.channel,
      paymentDays: c.paymentDays,
      dcShare: c.dcShare,
      tradeBudget: TRADE_BUDGETS[c.id] ?? null,
    })),
    format: (col) => (col === 'dcShare' ? PCT : col === 'tradeBudget' ? MXN : ''),
  });

  drafts.push({
    spec: PRODUCTS,
    name: 'Productos',
    sheet: 'Productos',
    rows: CATALOGUE.map((s) => {
      const tax = TAX[s.category];
      const unit = isDrink(s.category)
        ? s.size >= 1000
          ? `${s.size / 1000} L`
          : `${s.size} ml`
        : s.size >= 1000
          ? `${s.size / 1000} kg`
          : `${s.size} g`;
      return {
        sku: s.sku,
        description: s.description,
        category: s.category,
        brand: s.brand,
        packSize: `${s.units} x ${unit}`,
        litresPerUnit: isDrink(s.category) ? (s.units * s.size) / 1000 : null,
        kgPerUnit: kgPerCase(s),
        cogsPerUnit: round2(s.unitPrice * s.units * COGS_SHARE[s.category]),
        ivaRate: tax.iva,
        iepsKind: tax.iepsKind,
        iepsRate: tax.iepsRate,
      };
    }),
    format: (col, row) =>
      col === 'cogsPerUnit'
        ? MXN
        : col === 'ivaRate'
          ? PCT
          : col === 'iepsRate'
            ? row.iepsKind === 'ad valorem'
              ? PCT
              : MXN4
            : col === 'litresPerUnit' || col === 'kgPerUnit'
              ? '0.00'
              : '',
  });

  drafts.push({
    spec: BASE_VOLUMES,
    name: 'VolumenesBase',
    sheet: 'Volúmenes base',
    rows: lines.map((l) => ({
      customerId: l.customer.id,
      sku: l.product.sku,
      period: monthId(l.month),
      baselineVolume: l.baseline,
      actualVolume: l.actual,
      listPrice: l.listPrice,
      priorVolume: l.priorVolume,
      priorListPrice: l.priorPrice,
    })),
    format: (col) => (col === 'listPrice' || col === 'priorListPrice' ? MXN : col.endsWith('Volume') ? UNITS : ''),
  });

  const terms = CUSTOMER_DEFS.flatMap((c) => termsOf(c, lines).map((t) => ({ c, t })));
  const basisOf = new Map(terms.map(({ t }) => [t.id, t.basis]));
  const measureOf = new Map(terms.map(({ t }) => [t.id, t.tierMeasure ?? 'volumen']));
  const moneyBasis = (b: string) => b === 'volumen' || b === 'monto fijo';
  drafts.push({
    spec: TERMS,
    name: 'Condiciones',
    sheet: 'Condiciones',
    rows: terms.map(({ c, t }) => ({
      id: t.id,
      customerId: c.id,
      kind: t.kind,
      onInvoice: t.onInvoice ?? (t.kind === 'descuento en factura' ? 'sí' : 'no'),
      basis: t.basis,
      rate: t.rate ?? null,
      allocation: t.allocation ?? null,
      scopeKind: t.scopeKind ?? 'todos',
      scopeValues: t.scopeValues ?? null,
      periodFrom: monthId(t.from ?? 1),
      periodTo: monthId(t.to ?? 12),
      tierMethod: t.tierMethod ?? null,
      tierMeasure: t.tierMeasure ?? null,
      growthPayOn: t.growthPayOn ?? null,
      priceNeutral: t.priceNeutral ?? null,
      conditionMeasure: t.conditionMeasure ?? null,
      target: t.target ?? null,
      achieved: t.achieved ?? null,
      agreedDate: t.agreed,
      evidenceRef: t.evidence,
      description: t.description,
    })),
    format: (col, row) =>
      col === 'rate'
        ? moneyBasis(String(row.basis))
          ? MXN
          : PCT
        : col === 'target' || col === 'achieved'
          ? '0%'
          : col === 'agreedDate'
            ? DATE
            : '',
  });

  drafts.push({
    spec: TERM_TIERS,
    name: 'Escalones',
    sheet: 'Escalones',
    rows: terms.flatMap(({ t }) => (t.tiers ?? []).map(([from, to, rate]) => ({ termId: t.id, from, to, rate }))),
    format: (col, row) => {
      const growth = measureOf.get(String(row.termId)) === 'crecimiento';
      if (col === 'from' || col === 'to') return growth ? PCT : UNITS;
      if (col === 'rate') return moneyBasis(basisOf.get(String(row.termId)) ?? '') ? MXN : PCT;
      return '';
    },
  });

  drafts.push({
    spec: COST_TO_SERVE,
    name: 'CostoServir',
    sheet: 'Costo de servir',
    rows: CUSTOMER_DEFS.flatMap((c) =>
      COSTS[c.id].map((k) => ({
        customerId: c.id,
        kind: k.kind,
        basis: k.basis,
        rate: k.rate,
        allocation: k.allocation ?? null,
        periodFrom: monthId(k.from ?? 1),
        periodTo: monthId(k.to ?? 12),
        description: k.description,
      })),
    ),
    format: (col, row) => (col === 'rate' ? (String(row.basis).startsWith('venta') ? PCT : MXN) : ''),
  });

  // IEPS quotas are dated data: 2025's and 2026's per-litre quota for the sugary drinks (the 2026 row is in force in
  // every period of this fiscal year; the 2025 row documents the change and serves a prior-year model).
  drafts.push({
    spec: TAX_RATES,
    name: 'TasasImpuesto',
    sheet: 'Impuestos',
    rows: [2025, 2026].flatMap((year) =>
      (['Refrescos', 'Bebidas saborizadas'] as const).map((category) => ({
        kind: 'IEPS cuota por litro',
        scopeKind: 'categoría',
        scopeValues: category,
        effectiveDate: utcDate(year, 1, 1),
        rate: year === 2025 ? 1.6451 : IEPS_PER_LITRE_2026,
      })),
    ),
    format: (col) => (col === 'effectiveDate' ? DATE : col === 'rate' ? MXN4 : ''),
  });

  drafts.push({
    spec: PRICE_CHANGES,
    name: 'CambiosPrecio',
    sheet: 'Precios',
    rows: [
      {
        customerId: null,
        scopeKind: 'todos',
        scopeValues: null,
        effectiveDate: utcDate(FISCAL_YEAR, 2, 1),
        newListPrice: null,
        changePct: LIST_INCREASE,
        description: 'Aumento anual de lista 2026 (5.5 %), desde el 1 de febrero',
      },
    ],
    format: (col) => (col === 'changePct' ? PCT : col === 'effectiveDate' ? DATE : col === 'newListPrice' ? MXN : ''),
  });

  drafts.push({
    spec: RETAILER_MARGINS,
    name: 'MargenesDetallista',
    sheet: 'Márgenes detallista',
    rows: CUSTOMER_DEFS.flatMap((c) => {
      const m = MARGINS[c.id];
      const rows: Row[] = [{ customerId: c.id, scopeKind: 'todos', scopeValues: null, frontMargin: m.all }];
      if (m.refrescos !== undefined) {
        rows.push({ customerId: c.id, scopeKind: 'categoría', scopeValues: 'Refrescos', frontMargin: m.refrescos });
      }
      return rows;
    }),
    format: (col) => (col === 'frontMargin' ? PCT : ''),
  });

  drafts.push({
    spec: ELASTICITIES,
    name: 'Elasticidades',
    sheet: 'Elasticidades',
    rows: (Object.keys(ELASTICITY) as Category[]).map((cat) => ({
      scopeKind: 'categoría',
      scopeValues: cat,
      ownPrice: ELASTICITY[cat][0],
      promotional: ELASTICITY[cat][1],
    })),
    format: () => '0.0',
  });

  drafts.push({
    spec: COMPETITOR_PRICES,
    name: 'PreciosCompetencia',
    sheet: 'Competencia',
    rows: [
      {
        customerId: null,
        sku: 'REF-001',
        competitor: 'Cola Norteña 600 ml',
        price: 28.9,
        unitBasis: 'litro',
        size: null,
        date: utcDate(FISCAL_YEAR, 9, 15),
      },
      {
        customerId: null,
        sku: 'BOT-001',
        competitor: 'Papas Serranas 45 g',
        price: 355,
        unitBasis: 'kg',
        size: null,
        date: utcDate(FISCAL_YEAR, 9, 15),
      },
      {
        customerId: 'OXXO',
        sku: 'BOT-001',
        competitor: 'Papas Serranas 45 g',
        price: 380,
        unitBasis: 'kg',
        size: null,
        date: utcDate(FISCAL_YEAR, 9, 20),
      },
      {
        customerId: null,
        sku: 'JUG-001',
        competitor: 'Jugo Valle Verde 1 L',
        price: 38.5,
        unitBasis: 'litro',
        size: null,
        date: utcDate(FISCAL_YEAR, 9, 15),
      },
    ],
    format: (col) => (col === 'price' ? MXN : col === 'date' ? DATE : ''),
  });

  const iso = (d: string) => {
    const [y, m, day] = d.split('-').map(Number);
    return utcDate(y, m, day);
  };
  drafts.push({
    spec: PROMOTIONS,
    name: 'Promociones',
    sheet: 'Promociones',
    rows: EVENTS.map((e) => ({
      id: e.id,
      customerId: e.customer,
      scopeKind: e.scopeKind,
      scopeValues: e.scopeValues,
      buyFrom: iso(e.buy[0]),
      buyTo: iso(e.buy[1]),
      inStoreFrom: iso(e.store[0]),
      inStoreTo: iso(e.store[1]),
      mechanics: e.mechanics,
      depth: e.depth ?? null,
      multibuy: e.multibuy ?? null,
      funding: e.funding,
      fundingRate: eventFunding(e, lines),
      makerShare: e.makerShare ?? null,
      passThrough: null,
      uplift: e.uplift ?? null,
      cannibalisation: e.cannibalisation ?? null,
      forwardBuy: e.forwardBuy ?? null,
      dip: e.dip ?? null,
      fixedCosts: e.fixedCosts ?? null,
      stacks: e.stacks === undefined ? null : e.stacks ? 'sí' : 'no',
      description: e.description,
    })),
    format: (col, row) =>
      ['buyFrom', 'buyTo', 'inStoreFrom', 'inStoreTo'].includes(col)
        ? DATE
        : ['makerShare', 'uplift', 'cannibalisation', 'forwardBuy', 'dip', 'passThrough'].includes(col)
          ? PCT
          : col === 'depth'
            ? typeof row.depth === 'number' && row.depth < 1
              ? PCT
              : MXN
            : col === 'fundingRate' || col === 'fixedCosts'
              ? MXN
              : '',
  });

  drafts.push({
    spec: SCENARIOS,
    name: 'Escenarios',
    sheet: 'Escenarios',
    rows: SCENARIO_DEFS.map((s) => ({ id: s.id, ...s.row })),
    format: (col) => (col === 'date' ? DATE : ''),
  });
  drafts.push({
    spec: SCENARIO_CHANGES,
    name: 'CambiosEscenario',
    sheet: 'Cambios de escenario',
    rows: SCENARIO_DEFS.flatMap((s) => s.changes.map((c) => ({ scenarioId: s.id, ...c }))),
    format: (col, row) =>
      col === 'dateFrom' || col === 'dateTo'
        ? DATE
        : col === 'value' && typeof row.value === 'number'
          ? Math.abs(row.value) < 1
            ? PCT
            : MXN
          : '',
  });

  return drafts.map(toTable);
}

/** Trade budget per customer for the year (MXN): the scenarios' budget guardrail. */
const TRADE_BUDGETS: Readonly<Record<string, number>> = {
  WMX: 21_000_000,
  SOR: 8_000_000,
  CHE: 6_200_000,
  OXXO: 8_200_000,
  MELI: 1_000_000,
};

/**
 * The negotiations in the sample: Walmart's annual one (our proposal and their counter-proposal), OXXO's third
 * quarter and Mercado Libre's Hot Sale season. Rows are keyed by column id; a scenario's levers apply in order.
 */
const SCENARIO_DEFS: { id: string; row: Row; changes: Row[] }[] = [
  {
    id: 'WMX-P1',
    row: {
      customerId: 'WMX',
      name: 'Propuesta anual',
      kind: 'propuesta',
      status: 'enviado',
      author: 'Ana López (KAM)',
      date: utcDate(2025, 10, 20),
      notes: 'Un punto más de crecimiento y dos exhibiciones de verano a cambio de lista +6 %',
    },
    changes: [
      {
        target: 'condición',
        targetId: 'WMX-03',
        field: 'tasa',
        value: 0.11,
        description: 'Plan de crecimiento 10 % → 11 %',
      },
      {
        action: 'agregar',
        target: 'promoción',
        targetId: 'WMX-EXH-JUL',
        dateFrom: utcDate(2026, 7, 1),
        dateTo: utcDate(2026, 7, 31),
        basedOn: 'WMX-EXH-JUG',
        description: 'Exhibición de jugos en julio',
      },
      {
        action: 'agregar',
        target: 'promoción',
        targetId: 'WMX-EXH-AGO',
        dateFrom: utcDate(2026, 8, 1),
        dateTo: utcDate(2026, 8, 31),
        basedOn: 'WMX-EXH-JUG',
        description: 'Exhibición de jugos en agosto',
      },
      {
        action: 'agregar',
        target: 'cambio de precio',
        value: 0.005,
        scopeKind: 'todos',
        dateFrom: utcDate(2026, 2, 1),
        description: 'Lista +6 % en vez de +5.5 % (0.5 % adicional)',
      },
    ],
  },
  {
    id: 'WMX-C1',
    row: {
      customerId: 'WMX',
      name: 'Contrapropuesta Walmart',
      kind: 'contrapropuesta',
      status: 'borrador',
      author: 'Ana López (KAM)',
      date: utcDate(2025, 11, 5),
      notes: 'Walmart pide más crecimiento, más aportación y un Buen Fin más profundo; acepta lista +6 %',
    },
    changes: [
      { target: 'condición', targetId: 'WMX-03', field: 'tasa', value: 0.12, description: 'Plan de crecimiento 12 %' },
      { target: 'condición', targetId: 'WMX-09', field: 'tasa', value: 0.05, description: 'Aportación 4 % → 5 %' },
      {
        target: 'escalón',
        targetId: 'WMX-02',
        tier: 3,
        field: 'tasa',
        value: 0.035,
        description: 'Tercer escalón del bono por volumen 3 % → 3.5 %',
      },
      {
        target: 'promoción',
        targetId: 'WMX-BF-BOT',
        field: 'profundidad',
        value: 0.3,
        description: 'Buen Fin de botanas a 30 %',
      },
      {
        action: 'agregar',
        target: 'cambio de precio',
        value: 0.005,
        scopeKind: 'todos',
        dateFrom: utcDate(2026, 2, 1),
        description: 'Lista +6 %',
      },
    ],
  },
  {
    id: 'OXXO-T3',
    row: {
      customerId: 'OXXO',
      name: 'Tercer trimestre',
      kind: 'propuesta',
      status: 'borrador',
      author: 'Luis Pérez (KAM)',
      date: utcDate(2026, 5, 12),
      notes: 'Más exhibición en refrigerador y un segundo combo a cambio de volumen de refrescos',
    },
    changes: [
      {
        target: 'condición',
        targetId: 'OXXO-04',
        field: 'tasa',
        value: 140_000,
        description: 'Exhibición T3 $115,000 → $140,000',
      },
      {
        action: 'agregar',
        target: 'promoción',
        targetId: 'OXXO-COMBO-SEP',
        dateFrom: utcDate(2026, 9, 1),
        dateTo: utcDate(2026, 9, 30),
        basedOn: 'OXXO-COMBO',
        description: 'Segundo combo en septiembre',
      },
      {
        target: 'volumen',
        value: 0.04,
        scopeKind: 'categoría',
        scopeValues: 'Refrescos',
        description: 'Supuesto: +4 % de refrescos por la exhibición',
      },
    ],
  },
  {
    id: 'MELI-HS',
    row: {
      customerId: 'MELI',
      name: 'Temporada Hot Sale',
      kind: 'propuesta',
      status: 'borrador',
      author: 'Sofía Ramírez (KAM e-commerce)',
      date: utcDate(2026, 4, 2),
      notes: 'Más publicidad en el sitio y un Hot Sale más profundo para ganar volumen',
    },
    changes: [
      {
        target: 'condición',
        targetId: 'MELI-04',
        field: 'tasa',
        value: 0.02,
        description: 'Publicidad en el sitio 1 % → 2 %',
      },
      { target: 'promoción', targetId: 'MELI-HS', field: 'profundidad', value: 0.18, description: 'Hot Sale a 18 %' },
      { target: 'volumen', value: 0.08, scopeKind: 'todos', description: 'Supuesto: +8 % de volumen por visibilidad' },
      {
        target: 'costo de servir',
        targetId: 'flete',
        field: 'tasa',
        value: 1.45,
        description: 'Flete por kg $1.60 → $1.45 con envíos consolidados',
      },
    ],
  },
];

function toTable(d: Draft): SampleTable {
  const cols = d.spec.columns;
  const rows = d.rows.map((r) => cols.map((c) => (r[c.id] === undefined ? null : r[c.id])));
  const formats = d.rows.map((r) => cols.map((c) => d.format(c.id, r)));
  const widths = cols.map((c, j) =>
    Math.min(48, Math.max(c.es.length + 4, ...rows.slice(0, 200).map((r) => displayWidth(r[j])))),
  );
  return { name: d.name, sheet: d.sheet, headers: cols.map((c) => c.es), rows, formats, widths };
}

function displayWidth(v: CellValue): number {
  if (v === null) return 0;
  if (v instanceof Date) return 12;
  if (typeof v === 'number') return 12;
  return String(v).length + 2;
}

// ---------------------------------------------------------------- writing

const README_LINES: [string, Text | string][] = [
  ['title', 'Trade Terms Modeller — libro de ejemplo / sample workbook'],
  ['note', FICTION_NOTE],
  ['', ''],
  [
    '',
    {
      es: 'Libro de entrada para modelar condiciones comerciales con cadenas mexicanas: cada hoja tiene una tabla de Excel con nombre fijo.',
      en: 'Input workbook to model trade terms with Mexican retailers: each sheet holds an Excel table with a fixed name.',
    },
  ],
  [
    '',
    {
      es: 'Parámetros (tabla Parametros): año fiscal, periodicidad, costo de capital y políticas de cálculo.',
      en: 'Settings (table Parametros): fiscal year, periodicity, cost of capital and calculation policies.',
    },
  ],
  [
    '',
    {
      es: 'Clientes: canal, días de crédito y participación CEDIS de 8 clientes.',
      en: 'Clientes (Customers): channel, payment days and DC share of 8 customers.',
    },
  ],
  [
    '',
    {
      es: 'Productos: 44 SKU con costo y perfil fiscal (botanas IEPS 8 %; refrescos y bebidas saborizadas IEPS 3.0818 MXN/L; jugos solo IVA 16 %; básicos IVA 0 %).',
      en: 'Productos (Products): 44 SKUs with cost and tax profile (snacks IEPS 8 %; soft and flavoured drinks IEPS 3.0818 MXN/L; juices IVA 16 % only; basic foods IVA 0 %).',
    },
  ],
  [
    '',
    {
      es: 'Volúmenes base (tabla VolumenesBase): cliente × SKU × mes 2026; volumen real en los meses cerrados (enero a septiembre).',
      en: 'Volúmenes base (table VolumenesBase): customer × SKU × month 2026; actual volume in the closed months (January to September).',
    },
  ],
  [
    '',
    {
      es: 'Condiciones y Escalones: las condiciones pactadas por cliente; 7ELE-03 no tiene fecha de acuerdo (un hallazgo).',
      en: 'Condiciones and Escalones (Terms, TermTiers): the agreed terms per customer; 7ELE-03 has no agreed date (a finding).',
    },
  ],
  [
    '',
    {
      es: 'Costo de servir (tabla CostoServir): fletes, promotoría, demostradoras, almacenaje y cuotas de portal.',
      en: 'Costo de servir (table CostoServir): freight, merchandising, demonstrators, warehousing and portal fees.',
    },
  ],
  ['', ''],
  [
    '',
    {
      es: 'Montos en MXN sin impuestos; unidad de venta = caja. El formato de cada tabla está en docs/workbook.md.',
      en: 'Amounts in MXN ex-tax; selling unit = case. Each table is described in docs/workbook.md.',
    },
  ],
  [
    '',
    {
      es: 'Precios (tabla CambiosPrecio): aumento de lista de 5.5 % desde el 1 de febrero (enero se vende a precio 2025). Márgenes del detallista, elasticidades por categoría y precios de la competencia para el índice de precio. Impuestos (tabla TasasImpuesto): cuotas de IEPS por litro fechadas (1.6451 en 2025, 3.0818 en 2026).',
      en: 'Prices (PriceChanges table): a 5.5 % list increase from 1 February (January sells at 2025 prices). Retailer margins, elasticities per category and competitor prices for the price index. Taxes (TaxRates table): dated IEPS quotas per litre (1.6451 in 2025, 3.0818 in 2026).',
    },
  ],
  [
    '',
    {
      es: 'Promociones: 17 eventos (Julio Regalado en Soriana, Buen Fin en Walmart, Soriana y Chedraui, Hot Sale en Amazon y Mercado Libre, 2x1 y combos en OXXO, exhibiciones y folletos) con los cuatro tipos de financiamiento; los de enero a septiembre ya están en el volumen real.',
      en: 'Promotions: 17 events (Julio Regalado at Soriana, Buen Fin at Walmart, Soriana and Chedraui, Hot Sale at Amazon and Mercado Libre, 2x1 and combos at OXXO, displays and folletos) with all four funding types; those of January–September are already in the actual volume.',
    },
  ],
  [
    '',
    {
      es: 'Magnitudes supuestas (gasto comercial total ÷ venta bruta): autoservicio 18–19 % (Walmart, Soriana, Chedraui), conveniencia 13–14 % (OXXO, 7-Eleven), comercio electrónico 15–21 % (Amazon, Mercado Libre, con comisiones), mayoreo 14 %.',
      en: 'Assumed magnitudes (total trade spend ÷ gross sales): modern trade 18–19 % (Walmart, Soriana, Chedraui), convenience 13–14 % (OXXO, 7-Eleven), e-commerce 15–21 % (Amazon, Mercado Libre, with commissions), wholesale 14 %.',
    },
  ],
  [
    '',
    {
      es: 'Escenarios y Cambios de escenario: la negociación anual de Walmart (propuesta y contrapropuesta), el tercer trimestre de OXXO y el Hot Sale de Mercado Libre, cada uno con sus palancas; las barreras de finanzas están en Parámetros y el presupuesto comercial en Clientes (la contrapropuesta de Walmart baja la contribución del mínimo de 28 %).',
      en: "Scenarios and Scenario changes: Walmart's annual negotiation (proposal and counter-proposal), OXXO's third quarter and Mercado Libre's Hot Sale, each with its levers; finance's guardrails are in Settings and the trade budget in Customers (Walmart's counter-proposal takes contribution under the 28 % minimum).",
    },
  ],
  ['', { es: 'Regenerar: npm run sample (determinista).', en: 'Regenerate: npm run sample (deterministic).' }],
];

export async function writeSample(file: string, tables = buildSample()): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trade Terms Modeller (npm run sample)';
  wb.created = utcDate(2026, 1, 5);
  wb.modified = utcDate(2026, 1, 5);
  wb.title = `${COMPANY} — ejemplo`;
  wb.company = COMPANY;

  const readme = wb.addWorksheet('Léeme', { properties: { tabColor: { argb: 'FF2E7D32' } } });
  readme.getColumn(1).width = 130;
  for (const [kind, text] of README_LINES) {
    const row = readme.addRow([typeof text === 'string' ? text : `${text.es}\n${text.en}`]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (kind === 'title') row.getCell(1).font = { bold: true, size: 14 };
    if (kind === 'note') row.getCell(1).font = { bold: true, color: { argb: 'FFC62828' } };
  }

  for (const t of tables) {
    const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addTable({
      name: t.name,
      ref: 'A1',
      headerRow: true,
      totalsRow: false,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: t.headers.map((name) => ({ name, filterButton: true })),
      rows: t.rows as ExcelJS.CellValue[][],
    });
    t.widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));
    t.formats.forEach((row, i) =>
      row.forEach((fmt, j) => {
        const cell = ws.getCell(i + 2, j + 1);
        if (fmt) cell.numFmt = fmt;
      }),
    );
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  await fs.writeFile(file, withFixedZipTimes(bytes));
}

/**
 * The zip layer stamps every entry with the time of writing; pin those stamps (to the workbook's own date) so the
 * same tables give the same bytes and a regenerated sample does not show up as a change. Walks the central
 * directory and patches each entry's DOS time and date there and in its local header.
 */
export function withFixedZipTimes(zip: Buffer): Buffer {
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 5; // 2026-01-05
  let end = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const entries = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    zip.writeUInt16LE(DOS_TIME, p + 12);
    zip.writeUInt16LE(DOS_DATE, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header at ${local}`);
    zip.writeUInt16LE(DOS_TIME, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? SAMPLE_PATH);
  const tables = buildSample();
  await writeSample(out, tables);
  const count = (name: string) => tables.find((t) => t.name === name)!.rows.length;
  process.stdout.write(
    `${FICTION_NOTE}\n${out}\n` +
      `Clientes ${count('Clientes')}, Productos ${count('Productos')}, VolumenesBase ${count('VolumenesBase')}, ` +
      `Condiciones ${count('Condiciones')}, Escalones ${count('Escalones')}, CostoServir ${count('CostoServir')}\n`,
  );
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
