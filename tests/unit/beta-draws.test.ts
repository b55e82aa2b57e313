import { describe, expect, test } from 'vitest';
import { betaSumDraws, type BetaSumTerms } from '$lib/metrics/beta-draws';
import { betaSampler, mulberry32, normalSource } from '$lib/metrics/random';

/** The draws as the what-if made them before: one generator, one normal source, a sampler per term. */
function samplerDraws(terms: BetaSumTerms, draws: number, seed: number): number[] {
	const random = mulberry32(seed);
	const normal = normalSource(random);
	const rates = terms.costs.map((_, i) => betaSampler(random, terms.a[i], terms.b[i], normal));
	const out: number[] = [];
	for (let k = 0; k < draws; k++) {
		let total = terms.fixed;
		for (let i = 0; i < rates.length; i++) total += terms.costs[i] / rates[i]();
		out.push(total);
	}
	return out;
}

describe('betaSumDraws', () => {
	test.each([
		// Shapes below 1 (nothing kept, or everything) take the boost and one more uniform per draw.
		['one term, both shapes below 1', { fixed: 0, costs: [1_000_000], a: [0.5], b: [0.5] }, 7],
		['nothing kept in one segment', { fixed: 12_345, costs: [2e6, 5e5], a: [0.5, 30.5], b: [20.5, 12.5] }, 7],
		[
			'busy segments, another seed',
			{ fixed: 0, costs: [7e8, 3e7, 1e6], a: [4000.5, 120.5, 3.5], b: [9000.5, 80.5, 0.5] },
			42
		],
		['a seed above 2^31', { fixed: 1, costs: [1, 2, 3], a: [1.5, 2.5, 3.5], b: [0.5, 1.5, 2.5] }, 3e9]
	])('%s: the same numbers, bit for bit, as the samplers of random.ts', (_, terms, seed) => {
		const fast = betaSumDraws(terms, 2000, seed);
		const reference = samplerDraws(terms, 2000, seed);
		expect(fast).toHaveLength(2000);
		expect(fast.every((v, i) => Object.is(v, reference[i]))).toBe(true);
	});

	test('many random segments, as a what-if over 100 projects has', () => {
		const random = mulberry32(1);
		const n = 100;
		const decided = Array.from({ length: n }, () => Math.floor(random() * 3000));
		const kept = decided.map((d) => Math.floor(d * random()));
		const terms = {
			fixed: 5e6,
			costs: decided.map((d) => d * 250_000),
			a: kept.map((k) => k + 0.5),
			b: kept.map((k, i) => decided[i] - k + 0.5)
		};
		expect(betaSumDraws(terms, 300, 7)).toEqual(samplerDraws(terms, 300, 7));
	});
});
