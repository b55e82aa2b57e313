// The what-if's draws in one loop: the very numbers of random.ts's samplers, without their closures.
// Each draw of a sum calls mulberry32, Box-Muller and Marsaglia-Tsang through three or four nested
// closures per term; over 2 000 draws of 100 segments that call overhead was most of a recommendations
// read. Here the generator's state and the spare normal are locals and every term's constants sit in typed
// arrays, while the order of every uniform and normal consumed, and every operation on them, stays that of
// betaSampler(random, a, b, normal) with one shared generator and normal source (tests/unit/beta-draws.test.ts).
import { memo } from './memo';

/** A sum of `cost / rate` terms, each rate a Beta(a, b) draw, on top of a fixed amount. */
export interface BetaSumTerms {
	fixed: number;
	costs: number[];
	/** The Beta shapes of each term's rate. */
	a: number[];
	b: number[];
}

// A recommendations read makes one sum per family pair: a few dozen remembered cover a page read again.
const quantiles = memo<number[]>(64);

/** The key betaSumQuantiles remembers a result by: every input. */
export function quantilesKey(terms: BetaSumTerms, draws: number, seed: number, qs: number[]): string {
	return JSON.stringify([terms.fixed, terms.costs, terms.a, terms.b, draws, seed, qs]);
}

/** The q-quantiles (linear interpolation) of betaSumDraws' draws; remembered by their inputs. */
export function betaSumQuantiles(terms: BetaSumTerms, draws: number, seed: number, qs: number[]): number[] {
	return quantiles.get(quantilesKey(terms, draws, seed, qs), () => drawnQuantiles(terms, draws, seed, qs));
}

/** The q-quantiles of betaSumDraws' draws, computed. */
export function drawnQuantiles(terms: BetaSumTerms, draws: number, seed: number, qs: number[]): number[] {
	const sorted = betaSumDraws(terms, draws, seed).sort((x, y) => x - y);
	return qs.map((q) => quantileSorted(sorted, q));
}

/** Marsaglia-Tsang constants of a Gamma(shape) draw, as gammaSampler computes them. */
interface GammaShape {
	d: number;
	c: number;
	/** 1 / the shape below 1 that was boosted by one; 0 when the shape is 1 or more. */
	power: number;
}

function gammaShape(shape: number): GammaShape {
	const power = shape < 1 ? 1 / shape : 0;
	const boosted = shape < 1 ? shape + 1 : shape;
	const d = boosted - 1 / 3;
	return { d, c: 1 / Math.sqrt(9 * d), power };
}

/**
 * `draws` seeded draws of fixed + sum(costs[i] / Beta(a[i], b[i])), term by term in order, each Beta draw
 * as X / (X + Y) of two Gamma draws; the same numbers as summing betaSampler draws made from
 * mulberry32(seed) and one normalSource of it.
 */
export function betaSumDraws(terms: BetaSumTerms, draws: number, seed: number): number[] {
	const n = terms.costs.length;
	// Per term: X's constants at 3i, Y's at 3 (n + i): d, c, power.
	const shapes = new Float64Array(6 * n);
	for (let i = 0; i < n; i++) {
		for (const [at, shape] of [
			[3 * i, terms.a[i]],
			[3 * (n + i), terms.b[i]]
		]) {
			const g = gammaShape(shape);
			shapes[at] = g.d;
			shapes[at + 1] = g.c;
			shapes[at + 2] = g.power;
		}
	}
	const costs = Float64Array.from(terms.costs);
	const state = new Uint32Array([seed >>> 0]);
	// [spare normal, whether it is there]
	const spare = new Float64Array(2);
	const out: number[] = new Array(draws);
	for (let k = 0; k < draws; k++) {
		let total = terms.fixed;
		for (let i = 0; i < n; i++) {
			const x = gamma(shapes, 3 * i, state, spare);
			total += costs[i] / (x / (x + gamma(shapes, 3 * (n + i), state, spare)));
		}
		out[k] = total;
	}
	return out;
}

// The three steps as plain functions of typed-array state (a captured number would be boxed on every write).

/** mulberry32, as random.ts. */
function uniform(state: Uint32Array): number {
	const a = (state[0] = (state[0] + 0x6d2b79f5) >>> 0);
	let t = a;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Box-Muller with its spare, as normalSource. */
function normal(state: Uint32Array, spare: Float64Array): number {
	if (spare[1] === 1) {
		spare[1] = 0;
		return spare[0];
	}
	const r = Math.sqrt(-2 * Math.log(1 - uniform(state)));
	const angle = 2 * Math.PI * uniform(state);
	spare[0] = r * Math.sin(angle);
	spare[1] = 1;
	return r * Math.cos(angle);
}

/** Marsaglia-Tsang with the squeeze, and the boost below shape 1, as gammaSampler. */
function gamma(shapes: Float64Array, at: number, state: Uint32Array, spare: Float64Array): number {
	const d = shapes[at];
	const c = shapes[at + 1];
	const power = shapes[at + 2];
	for (;;) {
		let x: number;
		let v: number;
		do {
			x = normal(state, spare);
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		const u = 1 - uniform(state);
		const x2 = x * x;
		if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d - d * v + d * Math.log(v)) {
			return power === 0 ? d * v : d * v * Math.pow(1 - uniform(state), power);
		}
	}
}

/** The q-quantile (0..1) of a sorted list, by linear interpolation. */
export function quantileSorted(sorted: number[], q: number): number {
	const at = (sorted.length - 1) * q;
	const lo = Math.floor(at);
	const hi = Math.ceil(at);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * drawnQuantiles and everything it calls, as the source text of one script: a worker thread that runs it
 * makes the same numbers as this module (they are these very functions), without importing anything.
 */
export const DRAWN_QUANTILES_SOURCE = [
	drawnQuantiles,
	betaSumDraws,
	gammaShape,
	uniform,
	normal,
	gamma,
	quantileSorted
]
	.map(String)
	.join('\n');
