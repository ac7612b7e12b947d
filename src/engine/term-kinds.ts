/**
 * One descriptor per term kind, carrying everything that is particular to the kind: its labels and accepted
 * spellings, what a Terms row of that kind requires and permits, its defaults (on- or off-invoice, basis, tier
 * measure), what share of the basis pays, and which findings it can raise. The contract, the engine, the result
 * sheets, the pane and the docs read these descriptors; nothing outside this file branches on a kind's id.
 *
 * Adding a kind = one entry here (plus its docs row and, if useful, a sample term): see docs/extending.md.
 *
 * @example
 * termKind('volume_rebate').defaults.tierMeasure // 'volume'
 * termKind('centralizacion').basisShare?.of({ dcShare: 0.6 }) // 0.6
 */
import type { Text } from './text';
import { labelOf, type IdOf, type Word } from './vocabulary';
import type { Basis, Measure } from './vocabulary';
import type { FindingCode } from './finding-codes';

/** Row fields a kind can require of the Terms table. */
export type TermRequirement = 'target' | 'growth_pay_on';
/** Rules a kind permits on its rows (the others are ignored for it). */
export type TermFeature = 'tiers' | 'condition' | 'growth';

export interface TermKindDescriptor extends Word {
  /** What the kind is, for the docs and the pane's help (es-MX and en). */
  readonly description: Text;
  readonly defaults: {
    /** Side when the row's "On invoice" cell is blank. */
    readonly onInvoice: boolean;
    /** Tier measure when the row's "Tier measure" cell is blank; absent = the basis's own measure. */
    readonly tierMeasure?: Measure;
  };
  readonly requires: readonly TermRequirement[];
  readonly permits: readonly TermFeature[];
  /**
   * Share of the basis that pays a rate (not a fixed amount), from the customer: centralización is charged only
   * on the volume delivered through the retailer's DC (CEDIS). Absent = the whole basis.
   */
  readonly basisShare?: {
    readonly of: (customer: { dcShare: number }) => number;
    /** Formula text after "× share": what the share is. */
    readonly text: Text;
  };
  /** Findings a term of this kind can raise (every kind can raise the common ones). */
  readonly findings: readonly FindingCode[];
}

const COMMON_FINDINGS: readonly FindingCode[] = [
  'no_agreed_basis',
  'scope_matches_no_line',
  'unknown_customer',
  'target_missed',
  'tier_not_reached',
  'manual_actual_missing',
];
const GROWTH_FINDINGS: readonly FindingCode[] = [
  ...COMMON_FINDINGS,
  'growth_reference_zero',
  'nominal_reference_fallback',
];
const RATE_RULES: readonly TermFeature[] = ['tiers', 'condition'];

/** Keeps each entry's literal id, so TermKind is the union of the ids. */
function kind<const Id extends string>(
  d: TermKindDescriptor & { readonly id: Id },
): TermKindDescriptor & { readonly id: Id } {
  return d;
}

export const TERM_KINDS = [
  kind({
    id: 'on_invoice_discount',
    es: 'descuento en factura',
    en: 'on-invoice discount',
    aliases: ['descuento comercial'],
    description: {
      es: 'Descuento que reduce el precio en la factura (comercial, por volumen, promocional en factura).',
      en: 'Discount taken off the invoice price (commercial, volume, on-invoice promotion).',
    },
    defaults: { onInvoice: true },
    requires: [],
    permits: RATE_RULES,
    findings: COMMON_FINDINGS,
  }),
  kind({
    id: 'volume_rebate',
    es: 'bono por volumen',
    en: 'volume rebate',
    aliases: ['bonificación por volumen', 'rappel'],
    description: {
      es: 'Bonificación por alcanzar volumen, en escalones de todas las unidades o marginales.',
      en: 'Rebate for reaching volume, in all-units or marginal tiers.',
    },
    defaults: { onInvoice: false, tierMeasure: 'volume' },
    requires: [],
    permits: RATE_RULES,
    findings: COMMON_FINDINGS,
  }),
  kind({
    id: 'growth_rebate',
    es: 'plan de crecimiento',
    en: 'growth rebate',
    aliases: ['bono por crecimiento', 'growth plan'],
    description: {
      es: 'Pago por crecimiento sobre el año anterior, sobre el excedente o sobre toda la base, con referencia neutral a precio o nominal.',
      en: 'Paid on growth over the prior year, on the excess or on the whole base, with a price-neutral or nominal reference.',
    },
    defaults: { onInvoice: false, tierMeasure: 'growth' },
    requires: ['growth_pay_on'],
    permits: ['tiers', 'condition', 'growth'],
    findings: GROWTH_FINDINGS,
  }),
  kind({
    id: 'target_bonus',
    es: 'bono por objetivo',
    en: 'target bonus',
    aliases: ['bono por meta', 'bono condicionado'],
    description: {
      es: 'Se paga solo si se cumple una meta (volumen, venta, crecimiento o un cumplimiento capturado, p. ej. exhibición).',
      en: 'Paid only when a target is met (volume, sales, growth or an entered achievement such as display compliance).',
    },
    defaults: { onInvoice: false },
    requires: ['target'],
    permits: RATE_RULES,
    findings: [...GROWTH_FINDINGS],
  }),
  kind({
    id: 'prompt_payment_discount',
    es: 'pronto pago',
    en: 'prompt-payment discount',
    aliases: ['descuento por pronto pago', 'early payment discount', 'prompt payment'],
    description: {
      es: 'Descuento por pagar antes del plazo de crédito.',
      en: 'Discount for paying before the credit term.',
    },
    defaults: { onInvoice: false },
    requires: [],
    permits: RATE_RULES,
    findings: COMMON_FINDINGS,
  }),
  kind({
    id: 'centralizacion',
    es: 'centralización',
    en: 'DC allowance',
    aliases: ['CEDIS', 'distribution center allowance'],
    description: {
      es: 'Cargo por entregar en el centro de distribución (CEDIS) del cliente; una tasa se aplica solo a la parte entregada vía CEDIS.',
      en: "Charge for delivering through the retailer's distribution centre (CEDIS); a rate applies only to the share delivered through the DC.",
    },
    defaults: { onInvoice: false },
    requires: [],
    permits: RATE_RULES,
    basisShare: {
      of: (customer) => customer.dcShare,
      text: { es: 'entregado vía CEDIS', en: 'delivered through the DC' },
    },
    findings: COMMON_FINDINGS,
  }),
  kind({
    id: 'merma_allowance',
    es: 'merma',
    en: 'shrink allowance',
    aliases: ['mermas', 'devoluciones', 'merma y devoluciones', 'returns allowance', 'damages allowance'],
    description: { es: 'Apoyo por merma, daños y devoluciones.', en: 'Allowance for shrink, damages and returns.' },
    defaults: { onInvoice: false },
    requires: [],
    permits: RATE_RULES,
    findings: COMMON_FINDINGS,
  }),
  kind({
    id: 'listing_fee',
    es: 'cuota de alta',
    en: 'listing fee',
    aliases: ['alta', 'codificación', 'cuota de codificación'],
    description: { es: 'Cuota por dar de alta (codificar) productos.', en: 'Fee for listing new products.' },
    defaults: { onInvoice: false },
    requires: [],
    permits: RATE_RULES,
    findings: COMMON_FINDINGS,
  }),
  kind({
    id: 'display_fee',
    es: 'cuota de exhibición',
    en: 'display fee',
    aliases: ['exhibición', 'exhibiciones', 'cabecera'],
    description: {
      es: 'Cuota por exhibiciones adicionales (cabeceras, islas).',
      en: 'Fee for secondary displays (end caps, islands).',
    },
    defaults: { onInvoice: false },
    requires: [],
    permits: RATE_RULES,
    findings: COMMON_FINDINGS,
  }),
  kind({
    id: 'coop_marketing',
    es: 'aportación/co-op',
    en: 'co-op marketing',
    aliases: ['aportación', 'aportaciones', 'co-op', 'marketing cooperativo'],
    description: {
      es: 'Aportación a mercadotecnia del cliente (folletos, medios, aniversarios).',
      en: "Contribution to the retailer's marketing (flyers, media, anniversaries).",
    },
    defaults: { onInvoice: false },
    requires: [],
    permits: RATE_RULES,
    findings: COMMON_FINDINGS,
  }),
  kind({
    id: 'logistics_allowance',
    es: 'apoyo logístico',
    en: 'logistics allowance',
    aliases: ['bono logístico'],
    description: { es: 'Apoyo por servicios logísticos del cliente.', en: "Allowance for the retailer's logistics." },
    defaults: { onInvoice: false },
    requires: [],
    permits: RATE_RULES,
    findings: COMMON_FINDINGS,
  }),
  kind({
    id: 'marketplace_commission',
    es: 'comisión marketplace',
    en: 'marketplace commission',
    aliases: ['comisión de marketplace', 'comisión por venta', 'referral fee'],
    description: {
      es: 'Comisión de un marketplace (Amazon, Mercado Libre) sobre la venta.',
      en: 'Marketplace commission (Amazon, Mercado Libre) on sales.',
    },
    defaults: { onInvoice: false },
    requires: [],
    permits: RATE_RULES,
    findings: COMMON_FINDINGS,
  }),
  kind({
    id: 'fulfilment_fee',
    es: 'tarifa fulfillment',
    en: 'fulfilment fee',
    aliases: ['tarifa de fulfillment', 'fulfillment fee', 'cuota de fulfillment'],
    description: {
      es: 'Tarifa por almacenar y enviar a través del marketplace.',
      en: 'Fee for storage and shipping through the marketplace.',
    },
    defaults: { onInvoice: false },
    requires: [],
    permits: RATE_RULES,
    findings: COMMON_FINDINGS,
  }),
] as const;

export type TermKind = IdOf<typeof TERM_KINDS>;

const BY_ID: ReadonlyMap<string, TermKindDescriptor> = new Map(TERM_KINDS.map((d) => [d.id, d]));

/** The descriptor of a kind. */
export function termKind(id: TermKind): TermKindDescriptor {
  return BY_ID.get(id)!;
}

/** The kind's label, e.g. termKindLabel('volume_rebate', 'es') → 'bono por volumen'. */
export function termKindLabel(id: TermKind, lang: 'es' | 'en', options: { sentence?: boolean } = {}): string {
  return labelOf(TERM_KINDS, id, lang, options);
}

/** Tier measure of a row whose "Tier measure" cell is blank: the kind's default, else the basis's own measure. */
export function defaultTierMeasure(kind: TermKind | undefined, basis: Basis | undefined): Measure {
  const own = kind === undefined ? undefined : termKind(kind).defaults.tierMeasure;
  if (own) return own;
  return basis === 'gross_sales' || basis === 'invoice_sales' ? basis : 'volume';
}
