// Advice, what-if and shot statistics on hand-made counts, with their edge cases.
import { describe, expect, test } from 'vitest';
import {
	advise,
	LISTED_SEGMENTS,
	listSegments,
	MIN_LISTED_DECIDED,
	segmentAdvice
} from '../../src/lib/metrics/advice';
import { emptyCounts, type Counts } from '../../src/lib/metrics/figures';
import { median, medianOfCounts, shotStats } from '../../src/lib/metrics/shots';
import { whatIf } from '../../src/lib/metrics/what-if';
import { mulberry32, quantileSorted, sampleBeta } from '../../src/lib/metrics/random';
import type { ModelCounts } from '../../src/lib/metrics/summary';

/** kept of decided at `price` dollars a take. */
function tier(model: string, tierN: number, kept: number, decidedN: number, price: number): ModelCounts {
	const spend = decidedN * price * 1e6;
	return {
		...emptyCounts(),
		model,
		family: 'f',
		tier: tierN,
		displayName: model,
		attempts: decidedN,
		kept,
		rejected: decidedN - kept,
		spendMicros: spend,
		decidedSpendMicros: spend,
		keptSpendMicros: kept * price * 1e6
	};
}

describe('advice', () => {
	test.each([
		[
			'premium clearly cheaper',
			tier('b', 0, 2, 40, 1),
			tier('p', 1, 30, 40, 2),
			'premium',
			/^Use p: it keeps 75%/
		],
		[
			'base clearly cheaper',
			tier('b', 0, 30, 40, 1),
			tier('p', 1, 32, 40, 3),
			'base',
			/^Stay on b: p keeps 80%/
		],
		[
			'too close to call',
			tier('b', 0, 5, 10, 1),
			tier('p', 1, 9, 10, 2),
			'undecided',
			/^Too close to call: .*more reviewed attempts/
		],
		[
			'premium cannot pay at these prices',
			tier('b', 0, 30, 40, 1),
			tier('p', 1, 40, 40, 2),
			'base',
			/cannot pay for itself \(it would need 150%\)/
		]
	])('%s', (_name, b, p, recommendation, rationale) => {
		const a = advise(b, p);
		expect(a.recommendation).toBe(recommendation);
		expect(a.rationale).toMatch(rationale);
		if (recommendation === 'undecided') expect(a.savingPer100UsableClipsUsd).toBeNull();
		else expect(a.savingPer100UsableClipsUsd).toBeGreaterThan(0);
	});

	test('without kept clips on either side there is no saving and no advice', () => {
		const a = advise(tier('b', 0, 0, 5, 1), tier('p', 1, 0, 5, 3));
		expect(a.premiumSavingPer100UsableClipsUsd).toBeNull();
		expect(a.premiumPaysForItself).toBeNull();
	});

	test('a segment where one tier has only pending attempts has no advice', () => {
		const pending: ModelCounts = { ...tier('p', 1, 0, 0, 3), attempts: 2, pending: 2 };
		const rows = [
			{ ...tier('b', 0, 1, 4, 1), segment: 'x' },
			{ ...pending, segment: 'x' }
		];
		const [s] = segmentAdvice(rows, 'b', 'p');
		expect(s.advice).toBeNull();
		expect(s.premium?.pending).toBe(2);
	});
});

describe('what-if', () => {
	const counts = (kept: number, decidedN: number, price: number): Counts =>
		tier('m', 0, kept, decidedN, price);

	test('nothing recommended: the what-if equals the actual spend, with a point interval', () => {
		const w = whatIf([{ base: counts(1, 4, 1), premium: counts(3, 4, 2), recommendation: 'undecided' }]);
		expect(w).toMatchObject({
			actualUsd: 12,
			whatIfUsd: 12,
			savingUsd: 0,
			savingShare: 0,
			segmentsChanged: 0
		});
		expect(w.whatIfIntervalUsd).toEqual([12, 12]);
	});

	test('no cells: no spend and no share', () => {
		expect(whatIf([])).toMatchObject({ actualUsd: 0, whatIfUsd: 0, savingShare: null });
	});

	test('a recommended tier buys all kept clips at its cost per kept clip, reproducibly', () => {
		const cells = [
			{ base: counts(2, 20, 1), premium: counts(16, 20, 3), recommendation: 'premium' as const }
		];
		const w = whatIf(cells);
		expect(w).toMatchObject({ actualUsd: 80, whatIfUsd: 67.5, savingUsd: 12.5 });
		expect(whatIf(cells)).toEqual(w);
	});
});

describe('shots', () => {
	test.each([
		[[], null],
		[[3], 3],
		[[4, 1, 2], 2],
		[[1, 2, 3, 10], 2.5]
	])('median of %j is %s', (values, expected) => {
		expect(median(values)).toBe(expected);
	});

	test('shots past the last bin land in it; shots without a keep are abandoned or in review', () => {
		const shot = (n: number | null, pending = false) => ({
			model: 'm',
			attemptsToFirstKeep: n,
			costToFirstKeepMicros: n === null ? null : n * 1e6,
			spendMicros: 1e6,
			hasPending: pending
		});
		const [s] = shotStats([shot(1), shot(9), shot(null), shot(null, true)]);
		expect(s).toMatchObject({
			shots: 4,
			keptShots: 2,
			abandoned: 1,
			inReview: 1,
			histogram: [1, 0, 0, 0, 0, 1]
		});
		expect(s.meanCostToFirstKeepUsd).toBe(5);
		expect(s.abandonedSpendUsd).toBe(1);
		// Every shot's spend ($4) over the kept shots (2): the abandoned and open shots are not left out.
		expect(s.spendPerKeptShotUsd).toBe(2);
	});

	test('all spend per kept shot: null without a kept shot, rounded to the micro-dollar', () => {
		const shot = (n: number | null, spendMicros: number) => ({
			model: 'm',
			attemptsToFirstKeep: n,
			costToFirstKeepMicros: n === null ? null : spendMicros,
			spendMicros,
			hasPending: false
		});
		expect(shotStats([shot(null, 5e6)])[0].spendPerKeptShotUsd).toBeNull();
		expect(shotStats([shot(1, 1), shot(1, 1), shot(null, 0)])[0].spendPerKeptShotUsd).toBe(0.000001);
		expect(shotStats([shot(1, 1), shot(2, 1), shot(null, 0)])[0].spendPerKeptShotUsd).toBe(0.000001);
		expect(shotStats([shot(1, 1), shot(1, 0), shot(null, 0)])[0].spendPerKeptShotUsd).toBe(0.000001);
		expect(shotStats([shot(1, 1e6), shot(1, 1e6), shot(null, 1e6)])[0].spendPerKeptShotUsd).toBe(1.5);
	});
});

describe('seeded sampling', () => {
	test('Beta draws have the right mean and the same seed gives the same draws', () => {
		const random = mulberry32(1);
		const draws = Array.from({ length: 20000 }, () => sampleBeta(random, 2.5, 7.5)).sort((a, b) => a - b);
		expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(0.25, 2);
		expect(quantileSorted(draws, 0.5)).toBeCloseTo(0.2302, 1);
		const again = mulberry32(1);
		expect(sampleBeta(again, 2.5, 7.5)).toBe(sampleBeta(mulberry32(1), 2.5, 7.5));
	});
});

describe('segments a browser can hold', () => {
	const segmentsOf = (decided: number[]) =>
		segmentAdvice(
			decided.flatMap((n, i) => [
				{ ...tier('b', 0, 0, n, 1), segment: `s${String(i).padStart(3, '0')}` },
				{ ...tier('p', 1, 0, n, 3), segment: `s${String(i).padStart(3, '0')}` }
			]),
			'b',
			'p'
		);

	test('a dimension with few segments is listed whole, however small they are', () => {
		const all = segmentsOf(Array.from({ length: LISTED_SEGMENTS }, () => 1));
		expect(listSegments(all)).toEqual({ listed: all, hidden: { segments: 0, decided: 0 } });
	});

	test('with many segments, the busiest with enough decided attempts are listed in order and the rest summed', () => {
		// 300 creators: decided attempts per tier 1, 2, ..., 300.
		const all = segmentsOf(Array.from({ length: 300 }, (_, i) => i + 1));
		const { listed, hidden } = listSegments(all);
		const rest = 300 - LISTED_SEGMENTS;
		expect(listed.map((s) => s.segment)).toEqual(all.slice(rest).map((s) => s.segment));
		expect(hidden.segments).toBe(rest);
		expect(hidden.decided).toBe(2 * ((rest * (rest + 1)) / 2));
	});

	test('a segment under the minimum of decided attempts is never listed among many', () => {
		const all = segmentsOf([...Array.from({ length: 30 }, () => 1), MIN_LISTED_DECIDED / 2]);
		const { listed, hidden } = listSegments(all);
		expect(listed.map((s) => s.segment)).toEqual(['s030']);
		expect(hidden).toEqual({ segments: 30, decided: 60 });
	});
});

describe('the median of shots given as counts per value', () => {
	test.each([
		{ counts: [], expected: null },
		{ counts: [[3, 1]], expected: 3 },
		{
			counts: [
				[1, 2],
				[5, 2]
			],
			expected: 3
		},
		{
			counts: [
				[1, 12],
				[2, 4],
				[6, 2]
			],
			expected: 1
		},
		{
			counts: [
				[2, 1],
				[1, 1],
				[9, 1]
			],
			expected: 2
		}
	])('$counts gives $expected, as the median of the expanded list', ({ counts, expected }) => {
		const expanded = (counts as [number, number][]).flatMap(([v, n]) => Array.from({ length: n }, () => v));
		expect(medianOfCounts(new Map(counts as [number, number][]))).toBe(expected);
		expect(median(expanded)).toBe(expected);
	});
});
