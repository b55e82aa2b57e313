// One colour per model, the same in every chart. Okabe & Ito's palette stays distinct for the common
// colour-vision deficiencies; yellow and grey come last because they are the weakest on white.
export const PALETTE = [
	'#0072B2',
	'#E69F00',
	'#009E73',
	'#CC79A7',
	'#D55E00',
	'#56B4E9',
	'#F0E442',
	'#666666'
] as const;

/** FNV-1a: a small, stable string hash (no Math.random, no locale). */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/**
 * Colours keyed by model, from the workspace's catalog order (family by family, cheapest tier first):
 * the n-th model of the catalog takes the n-th colour, so the tiers of a family, which are compared
 * side by side, never share one, and a model's colour depends on the catalog alone, never on which
 * other models a page or a filter shows. A model missing from the catalog (`others`) takes the colour
 * its id hashes to, again whatever else is shown. Past eight catalog models colours repeat.
 */
export function modelColours(catalog: Iterable<string>, others: Iterable<string> = []): Map<string, string> {
	const colours = new Map<string, string>();
	for (const model of catalog) {
		if (!colours.has(model)) colours.set(model, PALETTE[colours.size % PALETTE.length]);
	}
	for (const model of others) {
		if (!colours.has(model)) colours.set(model, PALETTE[hash(model) % PALETTE.length]);
	}
	return colours;
}

/** '#0072B2' with an alpha in [0, 1], as rgba(). */
export function withAlpha(hex: string, alpha: number): string {
	const n = Number.parseInt(hex.slice(1), 16);
	return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
