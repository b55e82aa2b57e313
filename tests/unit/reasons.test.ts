// docs/figures.md#why-clips-fail: the reject-reasons figures and the category rates per tier.
import { describe, expect, test } from 'vitest';
import { categoryRatesByTier, reasonFigures, type ReasonCounts } from '../../src/lib/metrics/reasons';
import { keepRateInterval } from '../../src/lib/metrics/confidence';
import { DEFAULT_REJECT_RULES, RULE_CATEGORY_IDS } from '../../src/lib/reasons/categories';

const row = (
	model: string,
	category: string,
	attempts: number,
	wastedSpendMicros: number,
	reviewSeconds = 0
): ReasonCounts => ({ model, category, attempts, wastedSpendMicros, reviewSeconds });

/** No rate: the review time is given, its money is not. */
const unpriced = { reviewSeconds: 0, wastedLaborUsd: null, wastedAllInUsd: null };

describe('reasonFigures', () => {
	test('shares of the scope, biggest wasted spend first, models by their wasted spend', () => {
		const answer = reasonFigures([
			row('a', 'faces', 2, 2_000_000),
			row('a', 'failed', 1, 0),
			row('b', 'faces', 1, 500_000),
			row('b', 'physics', 4, 4_500_000)
		]);
		expect(answer.reasons).toEqual([
			{ category: 'physics', label: 'Physics', attempts: 4, share: 0.5, wastedSpendUsd: 4.5, ...unpriced },
			{ category: 'faces', label: 'Faces', attempts: 3, share: 0.375, wastedSpendUsd: 2.5, ...unpriced },
			{
				category: 'failed',
				label: 'Failed generation',
				attempts: 1,
				share: 0.125,
				wastedSpendUsd: 0,
				...unpriced
			}
		]);
		expect(answer.models.map((m) => [m.model, m.reasons.map((r) => [r.category, r.share])])).toEqual([
			[
				'b',
				[
					['physics', 0.8],
					['faces', 0.2]
				]
			],
			[
				'a',
				[
					['faces', 2 / 3],
					['failed', 1 / 3]
				]
			]
		]);
	});

	test.each([
		['no rows', []],
		['groups that cancel out', [row('a', 'faces', 0, 0)]]
	])('%s: empty lists, no share of nothing', (_, rows) => {
		expect(reasonFigures(rows)).toEqual({ reasons: [], models: [] });
	});

	test('review time per category adds up over models; a rate prices it, rounded to the micro-dollar', () => {
		const rows = [
			row('a', 'faces', 2, 2_000_000, 90),
			row('a', 'failed', 1, 0, 0),
			row('b', 'faces', 1, 500_000, 30.5),
			row('b', 'physics', 4, 4_500_000, 200)
		];
		// $37.25 an hour: 120.5 s cost 120.5 x 37.25 / 3600 = $1.246840277..., so $1.246840.
		const priced = reasonFigures(rows, 37_250_000);
		expect(
			priced.reasons.map((r) => [r.category, r.reviewSeconds, r.wastedLaborUsd, r.wastedAllInUsd])
		).toEqual([
			['physics', 200, 2.069444, 6.569444],
			['faces', 120.5, 1.24684, 3.74684],
			['failed', 0, 0, 0]
		]);
		const b = priced.models.find((m) => m.model === 'b')!;
		expect(b.reasons.map((r) => [r.category, r.reviewSeconds, r.wastedLaborUsd])).toEqual([
			['physics', 200, 2.069444],
			['faces', 30.5, 0.31559]
		]);
		// The categories' review time is the scope's rejected and failed attempts' review time.
		const total = (list: { reviewSeconds: number }[]) => list.reduce((n, r) => n + r.reviewSeconds, 0);
		expect(total(priced.reasons)).toBe(320.5);
		expect(priced.models.reduce((n, m) => n + total(m.reasons), 0)).toBe(320.5);

		const bare = reasonFigures(rows);
		expect(bare.reasons.map((r) => [r.reviewSeconds, r.wastedLaborUsd, r.wastedAllInUsd])).toEqual([
			[200, null, null],
			[120.5, null, null],
			[0, null, null]
		]);
		// A rate of 0 is a rate: labour costs nothing, the all-in is the model bill.
		expect(reasonFigures(rows, 0).reasons[0]).toMatchObject({ wastedLaborUsd: 0, wastedAllInUsd: 4.5 });
	});

	test('equal wasted spend: more attempts first, then the categories own order', () => {
		const answer = reasonFigures([
			row('a', 'style', 1, 0),
			row('a', 'faces', 1, 0),
			row('a', 'camera', 2, 0)
		]);
		expect(answer.reasons.map((r) => r.category)).toEqual(['camera', 'faces', 'style']);
	});
});

describe('categoryRatesByTier', () => {
	const pair = { family: 'f', base: 'b', premium: 'p' };

	test.each([
		// base 40/100 faces, premium 2/100: the premium's interval lies below.
		[40, 100, 2, 100, 'fixes'],
		[2, 100, 40, 100, 'worsens'],
		[10, 100, 9, 100, 'unclear'],
		// A model without decided attempts has no rate and tells nothing.
		[3, 10, 0, 0, 'unclear']
	])('base %i/%i, premium %i/%i: %s', (bn, bd, pn, pd, effect) => {
		const rows = [row('b', 'faces', bn, 0), row('p', 'faces', pn, 0)];
		const [result] = categoryRatesByTier(
			[pair],
			new Map([
				['b', bd],
				['p', pd]
			]),
			rows
		);
		const [faces] = result.categories;
		expect(faces.effect).toBe(effect);
		expect(faces.base).toEqual({
			attempts: bn,
			decided: bd,
			rate: bn / bd,
			interval: keepRateInterval(bn, bd)
		});
		expect(faces.premium.rate).toBe(pd === 0 ? null : pn / pd);
	});

	test('lists only the categories either model has, the base’s most frequent first', () => {
		const rows = [
			row('b', 'style', 1, 0),
			row('b', 'camera', 5, 0),
			row('p', 'physics', 2, 0),
			row('x', 'faces', 9, 0)
		];
		const [result] = categoryRatesByTier(
			[pair],
			new Map([
				['b', 10],
				['p', 10]
			]),
			rows
		);
		expect(result.categories.map((c) => c.category)).toEqual(['camera', 'style', 'physics']);
	});
});

test('every default rule places a reason in a category a rule may give, with a pattern that starts a word', () => {
	for (const rule of DEFAULT_REJECT_RULES) {
		expect(RULE_CATEGORY_IDS).toContain(rule.category);
		expect(rule.pattern).toMatch(/^[\p{L}\p{N}]/u);
	}
});
