// Seeded randomness: the same draws on every machine, so figures built on them are reproducible.

/** mulberry32: a small, fast 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
	// The state in a typed array: a plain captured variable above 2^31 is a boxed number on every step.
	const state = new Uint32Array([seed >>> 0]);
	return () => {
		const a = (state[0] = (state[0] + 0x6d2b79f5) >>> 0);
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Standard normal draws by Box-Muller: each pair of uniforms gives two (1 - u keeps the logarithm
 * finite).
 */
export function normalSource(random: () => number): () => number {
	// [spare draw, whether it is there], unboxed.
	const spare = new Float64Array(2);
	return () => {
		if (spare[1] === 1) {
			spare[1] = 0;
			return spare[0];
		}
		const r = Math.sqrt(-2 * Math.log(1 - random()));
		const angle = 2 * Math.PI * random();
		spare[0] = r * Math.sin(angle);
		spare[1] = 1;
		return r * Math.cos(angle);
	};
}

/**
 * Gamma(shape, 1) draws by Marsaglia and Tsang, with their squeeze (most draws need no logarithm) and the
 * boost for shapes below 1. The constants of the shape are computed once, for all the draws.
 */
export function gammaSampler(
	random: () => number,
	shape: number,
	normal: () => number = normalSource(random)
): () => number {
	if (shape < 1) {
		const boosted = gammaSampler(random, shape + 1, normal);
		const power = 1 / shape;
		return () => boosted() * Math.pow(1 - random(), power);
	}
	const d = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d);
	return () => {
		for (;;) {
			let x: number;
			let v: number;
			do {
				x = normal();
				v = 1 + c * x;
			} while (v <= 0);
			v = v * v * v;
			const u = 1 - random();
			const x2 = x * x;
			if (u < 1 - 0.0331 * x2 * x2) return d * v;
			if (Math.log(u) < 0.5 * x2 + d - d * v + d * Math.log(v)) return d * v;
		}
	};
}

/** Beta(a, b) draws, as X / (X + Y) of two Gamma draws. */
export function betaSampler(
	random: () => number,
	a: number,
	b: number,
	normal: () => number = normalSource(random)
): () => number {
	const x = gammaSampler(random, a, normal);
	const y = gammaSampler(random, b, normal);
	return () => {
		const drawn = x();
		return drawn / (drawn + y());
	};
}

/** One Beta(a, b) draw. */
export const sampleBeta = (random: () => number, a: number, b: number): number => betaSampler(random, a, b)();
