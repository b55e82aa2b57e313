// Tiers are named by position, and a pair by its models: in a family with three tiers (Veo 3.1 Lite, Fast
// and Veo 3.1) issue 13 saw the middle one called "premium".
import { describe, expect, test } from 'vitest';
import { advise } from '../../src/lib/metrics/advice';
import { emptyCounts } from '../../src/lib/metrics/figures';
import type { ModelCounts } from '../../src/lib/metrics/summary';
import { familyName, familyNames, tierLabel } from '../../src/lib/metrics/tiers';
import { recommendationChip } from '../../src/lib/components/advice/labels';

describe('tier labels', () => {
	test.each([
		[0, [0, 1], 'base'],
		[1, [0, 1], 'top'],
		[0, [0, 1, 2], 'base'],
		[1, [0, 1, 2], 'middle'],
		[2, [0, 1, 2], 'top'],
		[1, [0, 1, 2, 3], 'tier 2 of 4'],
		[2, [0, 1, 2, 3], 'tier 3 of 4'],
		[3, [3, 1, 0, 2], 'top'],
		[0, [0], 'base'],
		[0, [0, 0, 1], 'base'],
		[5, [2, 5], 'top']
	])('tier %i of %j is the %s tier', (tier, tiers, label) => {
		expect(tierLabel(tier, tiers)).toBe(label);
	});

	test('no tier of a family of three or more is called premium', () => {
		for (const size of [2, 3, 4, 5]) {
			const tiers = Array.from({ length: size }, (_, i) => i);
			for (const t of tiers) expect(tierLabel(t, tiers)).not.toMatch(/premium/);
		}
	});
});

describe('family names', () => {
	test.each([
		['veo-3.1', ['Veo 3.1 Lite', 'Veo 3.1 Fast', 'Veo 3.1'], 'Veo 3.1'],
		['kling-3.0', ['Kling 3.0 Standard', 'Kling 3.0 Pro'], 'Kling 3.0'],
		['kling-3.0', ['Kling 3.0 Pro'], 'Kling 3.0'],
		['ltx-2', ['LTX-2 Fast', 'LTX-2 Pro'], 'LTX-2'],
		['sora-2', ['Sora 2'], 'Sora 2'],
		['runway-gen-4', ['Runway Gen-4 Turbo', 'Runway Gen-4 Aleph'], 'Runway Gen-4'],
		// Display names that do not spell the id: the words they share; nothing shared: the id.
		['acme-v', ['Acme Video Fast', 'Acme Video Max'], 'Acme Video'],
		['in-house', ['Studio A', 'Render B'], 'in-house'],
		['my-model-x', ['my-model-x'], 'my-model-x'],
		['empty', [], 'empty']
	])('%s with %j reads %s', (family, names, expected) => {
		expect(familyName(family, names)).toBe(expected);
	});

	test('familyNames names every family of a list of models', () => {
		const names = familyNames([
			{ family: 'veo-3.1', displayName: 'Veo 3.1 Fast' },
			{ family: 'kling-3.0', displayName: 'Kling 3.0 Standard' },
			{ family: 'veo-3.1', displayName: 'Veo 3.1' }
		]);
		expect([...names]).toEqual([
			['veo-3.1', 'Veo 3.1'],
			['kling-3.0', 'Kling 3.0']
		]);
	});
});

describe('a pair of a three-tier family', () => {
	const tier = (displayName: string, t: number, kept: number, micros: number): ModelCounts => ({
		...emptyCounts(),
		model: displayName.toLowerCase().replaceAll(' ', '-'),
		family: 'veo-3.1',
		tier: t,
		displayName,
		attempts: 100,
		kept,
		rejected: 100 - kept,
		spendMicros: 100 * micros,
		decidedSpendMicros: 100 * micros,
		keptSpendMicros: kept * micros
	});
	const lite = tier('Veo 3.1 Lite', 0, 10, 400_000);
	const fast = tier('Veo 3.1 Fast', 1, 80, 800_000);
	const full = tier('Veo 3.1', 2, 20, 3_200_000);

	test('Fast against Lite: chip and sentence name Fast, never "premium"', () => {
		const a = advise(lite, fast);
		expect(a.recommendation).toBe('premium');
		const chip = recommendationChip(a.recommendation, { base: 'Veo 3.1 Lite', premium: 'Veo 3.1 Fast' });
		expect(chip.text).toBe('Use Veo 3.1 Fast');
		expect(a.rationale).toMatch(/^Use Veo 3\.1 Fast: /);
		expect(a.rationale).not.toMatch(/premium|base tier/);
	});

	test('the top tier against the middle one: staying on the middle tier names it', () => {
		const a = advise(fast, full);
		expect(a.recommendation).toBe('base');
		const chip = recommendationChip(a.recommendation, { base: 'Veo 3.1 Fast', premium: 'Veo 3.1' });
		expect(chip.text).toBe('Stay on Veo 3.1 Fast');
		expect(a.rationale).toMatch(/^Stay on Veo 3\.1 Fast: Veo 3\.1 keeps/);
		expect(a.rationale).toContain('Veo 3.1 Fast saves about');
		expect(a.rationale).not.toMatch(/premium|base tier/);
	});
});
