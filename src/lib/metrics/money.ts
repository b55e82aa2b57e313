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

// The display formatter of money lives with the others; re-exported for the modules that take it from here.
