import { describe, expect, test } from 'vitest';
import { emptyCounts } from '$lib/metrics/figures';
import { mulberry32 } from '$lib/metrics/random';
import { comparisons, familyPairs, pairRecommendations, type ModelCounts } from '$lib/metrics/summary';

/** Models of three families (one with three tiers, one model alone), random counts and prices. */
function workspace(seed: number): ModelCounts[] {
	const random = mulberry32(seed);
	const models: [string, string, number][] = [
		['veo-lite', 'veo', 0],
		['veo-fast', 'veo', 1],
		['veo-full', 'veo', 2],
		['kling-std', 'kling', 0],
		['kling-pro', 'kling', 1],
		['wan', 'wan', 0]
	];
	return models.map(([model, family, tier]) => {
		const decided = Math.floor(random() ** 2 * 5000);
		const kept = Math.floor(random() * (decided + 1));
		const price = 100_000 + Math.floor(random() * 900_000);
		return {
			...emptyCounts(),
			model,
			family,
			tier,
			displayName: model,
			attempts: decided,
			kept,
			rejected: decided - kept,
			spendMicros: decided * price,
			decidedSpendMicros: decided * price,
			keptSpendMicros: kept * price
		};
	});
}

describe('pairRecommendations', () => {
	test('the same pairs, probabilities and recommendations as the full comparisons, over many workspaces', () => {
		let undecided = 0;
		for (let seed = 1; seed <= 60; seed++) {
			const groups = workspace(seed);
			const full = comparisons(groups);
			expect(pairRecommendations(groups)).toEqual(
				full.map((c) => ({
					family: c.family,
					base: c.base,
					premium: c.premium,
					probabilityPremiumCheaper: c.probabilityPremiumCheaper,
					recommendation: c.recommendation
				}))
			);
			expect(familyPairs(groups).map(([b, p]) => [b.model, p.model])).toEqual(
				full.map((c) => [c.base, c.premium])
			);
			undecided += full.filter((c) => c.recommendation === 'undecided').length;
		}
		// Undecided pairs are the ones whose full comparison searches attempts to settle.
		expect(undecided).toBeGreaterThan(5);
	});

	test('a model without decided attempts makes no pair', () => {
		const groups = workspace(3).map((g) => (g.model === 'kling-pro' ? { ...g, kept: 0, rejected: 0 } : g));
		expect(pairRecommendations(groups).some((p) => p.premium === 'kling-pro')).toBe(false);
	});
});
