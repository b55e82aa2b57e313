// Money is integer micro-dollars everywhere inside keeprate; USD numbers exist only at the edges.
export const MICROS_PER_USD = 1_000_000;

/** USD (as sent by a client) to integer micro-dollars, rounding half away from zero. */
export function usdToMicros(usd: number): number {
	// toPrecision(15) drops the binary noise of the multiplication (0.1 * 1e6 = 100000.00000000001).
	const scaled = Number((usd * MICROS_PER_USD).toPrecision(15));
	return Math.sign(scaled) * Math.round(Math.abs(scaled));
}

export function microsToUsd(micros: number): number {
	return micros / MICROS_PER_USD;
}

/** A per-unit figure (micros / count) rounded to the micro-dollar and given in USD; null stays null. */
export function perUnitUsd(micros: number | null): number | null {
	return micros === null ? null : microsToUsd(Math.round(micros));
}

const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const smallUsdFormat = new Intl.NumberFormat('en-US', {
	style: 'currency',
	currency: 'USD',
	minimumFractionDigits: 3,
	maximumFractionDigits: 3
});

/** For display: $1,234.56, or three decimals under a dollar ($0.125); a gap for null. */
export function formatUsd(usd: number | null, gap = '—'): string {
	if (usd === null) return gap;
	return Math.abs(usd) < 1 && usd !== 0 ? smallUsdFormat.format(usd) : usdFormat.format(usd);
}
