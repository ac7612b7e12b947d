/**
 * Financing cost of payment days (días de crédito): money the maker carries until the retailer pays.
 * = invoice sales × payment days ÷ days in year × annual cost of capital.
 */
export function financingCost(
  invoiceSales: number,
  paymentDays: number,
  daysInYear: number,
  costOfCapital: number,
): number {
  return daysInYear > 0 ? (invoiceSales * paymentDays * costOfCapital) / daysInYear : 0;
}
