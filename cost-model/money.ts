/**
 * Money in whole cents. The seed's table is reproduced exactly by multiplying each line's price in
 * cents by an integer factor and summing cents, so no float error can creep into its totals. Costs
 * computed from usage (floats) are rounded to the cent once per line item and month, half away from
 * zero; every subtotal and total is a sum of those rounded cents, so a report always adds up.
 */
export type Cents = number;

export const toCents = (usd: number): Cents => Math.sign(usd) * Math.round(Math.abs(usd) * 100 + 1e-9);
export const toUsd = (cents: Cents): number => cents / 100;
export const sumCents = (values: readonly Cents[]): Cents => values.reduce((a, b) => a + b, 0);

/** 19450.6 -> "19,450.60". */
export const formatUsd = (usd: number): string => usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
