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
 * Colours keyed by model. Each model prefers the slot its name hashes to, so a model keeps its colour
 * when a filter adds or removes other models; clashes go to the next free slot, in name order, so the
 * result does not depend on the order rows arrive in. Past eight models colours repeat.
 */
export function modelColours(models: Iterable<string>): Map<string, string> {
	const names = [...new Set(models)].sort();
	const taken = new Set<number>();
	const colours = new Map<string, string>();
	for (const name of names) {
		let slot = hash(name) % PALETTE.length;
		for (let tries = 0; taken.has(slot) && tries < PALETTE.length; tries++)
			slot = (slot + 1) % PALETTE.length;
		taken.add(slot);
		if (taken.size === PALETTE.length) taken.clear();
		colours.set(name, PALETTE[slot]);
	}
	return colours;
}

/** '#0072B2' with an alpha in [0, 1], as rgba(). */
export function withAlpha(hex: string, alpha: number): string {
	const n = Number.parseInt(hex.slice(1), 16);
	return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
