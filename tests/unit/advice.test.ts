// Advice, what-if and shot statistics on hand-made counts, with their edge cases.
import { describe, expect, test } from 'vitest';
import {
	advise,
	adviseSegment,
	LISTED_SEGMENTS,
	listSegments,
	MIN_LISTED_DECIDED,
	segmentAdvice,
	segmentAllInRecommendation,
	segmentRecommendation
} from '../../src/lib/metrics/advice';
import type { Recommendation } from '../../src/lib/metrics/confidence';
import { emptyCounts, type Counts } from '../../src/lib/metrics/figures';
import { median, medianOfCounts, shotStats } from '../../src/lib/metrics/shots';
import { allInWhatIf, whatIf } from '../../src/lib/metrics/what-if';
import { quantileSorted } from '../../src/lib/metrics/beta-draws';
import { mulberry32, sampleBeta } from '../../src/lib/metrics/random';
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

describe('all-in advice per segment and the all-in what-if', () => {
	// $36 an hour, in micro-dollars.
	const RATE = 36_000_000;
	const reviewed = (c: ModelCounts, secondsPerTake: number): ModelCounts => ({
		...c,
		reviewSeconds: secondsPerTake * (c.kept + c.rejected + c.failed)
	});
	// The cheap tier keeps half its $1 takes but each needs 10 minutes of review ($6 at $36/h); the
	// dearer one keeps 60% of its $3 takes, 30 s ($0.30) each. Per usable clip: $2 against $5 on the bill,
	// $14 against $5.50 all-in.
	const close = {
		segment: 'close',
		base: reviewed(tier('b', 0, 20, 40, 1), 600),
		premium: reviewed(tier('p', 1, 24, 40, 3), 30)
	};
	// Both tiers reviewed alike and quickly: labour changes nothing here.
	const wide = {
		segment: 'wide',
		base: reviewed(tier('b', 0, 30, 40, 1), 10),
		premium: reviewed(tier('p', 1, 32, 40, 3), 10)
	};

	test('labour flips a segment’s advice: the bill says stay on the cheap tier, all-in the dearer one', () => {
		const s = adviseSegment(close, RATE);
		expect(s.advice).toMatchObject({ recommendation: 'base', allInRecommendation: 'premium' });
		expect(s.base?.allInCostPerKeptClipUsd).toBe(14);
		expect(s.premium?.allInCostPerKeptClipUsd).toBe(5.5);
		expect(s.advice!.allInCostRatio).toBeCloseTo(3.3 / 7, 12);
		expect(s.advice!.allInBreakEvenKeepRate).toBeCloseTo(0.5 * (3.3 / 7), 12);
		expect(s.advice!.allInPremiumPaysForItself).toBe(true);
		expect(s.advice!.probabilityPremiumCheaperAllIn).toBeGreaterThan(0.9);
		// The same as the pair's all-in comparison on the segment's attempts alone.
		const pair = advise(close.base, close.premium, { rate: RATE });
		expect(s.advice).toMatchObject({
			allInCostRatio: pair.allInCostRatio,
			allInBreakEvenKeepRate: pair.allInBreakEvenKeepRate,
			allInPremiumPaysForItself: pair.allInPremiumPaysForItself,
			probabilityPremiumCheaperAllIn: pair.probabilityPremiumCheaperAllIn,
			allInRecommendation: pair.allInRecommendation
		});
		expect(segmentAllInRecommendation(close, RATE)).toBe('premium');
		expect(segmentAllInRecommendation(wide, RATE)).toBe(segmentRecommendation(wide));
	});

	test('without a rate the all-in figures are null, and the bill’s figures do not depend on the rate', () => {
		const bare = adviseSegment(close);
		expect(bare.base?.allInCostPerKeptClipUsd).toBeNull();
		expect(bare.advice).toMatchObject({
			allInCostRatio: null,
			allInBreakEvenKeepRate: null,
			allInPremiumPaysForItself: null,
			probabilityPremiumCheaperAllIn: null,
			allInRecommendation: null
		});
		expect(segmentAllInRecommendation(close, null)).toBeNull();
		const priced = adviseSegment(close, RATE);
		const billOnly = ({ allInCostPerKeptClipUsd: _, ...rest }: NonNullable<typeof bare.base>) => rest;
		expect(billOnly(priced.base!)).toEqual(billOnly(bare.base!));
		expect(priced.advice).toMatchObject({
			costRatio: bare.advice!.costRatio,
			probabilityPremiumCheaper: bare.advice!.probabilityPremiumCheaper,
			recommendation: bare.advice!.recommendation,
			savingPer100UsableClipsUsd: bare.advice!.savingPer100UsableClipsUsd
		});
	});

	test('the all-in what-if follows each segment’s all-in advice and prices every spend with labour', () => {
		const cells = (recommend: (s: typeof close) => Recommendation | null) =>
			[close, wide].map((s) => ({ base: s.base, premium: s.premium, recommendation: recommend(s) }));
		const bill = whatIf(cells(segmentRecommendation));
		// The bill: both segments stay on the cheap tier. close: 44 kept at $2; wide: 62 kept at $40/30.
		expect(bill).toMatchObject({ actualUsd: 320, segmentsChanged: 2 });
		expect(bill.whatIfUsd).toBeCloseTo(88 + (62 * 40) / 30, 6);
		const allIn = allInWhatIf(
			cells((s) => segmentAllInRecommendation(s, RATE)),
			RATE
		)!;
		// All-in, close moves to the dearer tier: 44 kept at $5.50 instead of $280 + $132 spent.
		// wide: ($40 + $4 of review) and ($120 + $4); it stays on the cheap tier, 62 kept at $44/30.
		expect(allIn.actualUsd).toBe(280 + 132 + 44 + 124);
		expect(allIn.whatIfUsd).toBeCloseTo(44 * 5.5 + (62 * 44) / 30, 6);
		expect(allIn.savingUsd).toBeCloseTo(allIn.actualUsd - allIn.whatIfUsd, 6);
		expect(allIn.savingShare).toBeCloseTo(allIn.savingUsd / allIn.actualUsd, 9);
		expect(allIn.segmentsChanged).toBe(2);
		const [lo, hi] = allIn.whatIfIntervalUsd;
		expect(lo).toBeLessThan(allIn.whatIfUsd);
		expect(hi).toBeGreaterThan(allIn.whatIfUsd);
		// Had the all-in what-if followed the bill's advice instead, close would have cost far more.
		const billAdviceAllIn = allInWhatIf(cells(segmentRecommendation), RATE)!;
		expect(billAdviceAllIn.whatIfUsd).toBeGreaterThan(allIn.whatIfUsd + 300);
	});

	test('where labour leaves the cost ratio as it is, the all-in advice is the bill’s, not computed again', () => {
		const unreviewed = { segment: 'x', base: tier('b', 0, 20, 40, 1), premium: tier('p', 1, 24, 40, 3) };
		expect(segmentAllInRecommendation(unreviewed, RATE)).toBe(segmentRecommendation(unreviewed));
		// Handed the bill's advice, it returns it as it is (here a made-up one, to show it is not recomputed).
		expect(segmentAllInRecommendation(unreviewed, RATE, 'undecided')).toBe('undecided');
		expect(segmentAllInRecommendation(close, RATE, 'base')).toBe('premium');
		const a = advise(unreviewed.base, unreviewed.premium, { rate: RATE });
		expect(a.probabilityPremiumCheaperAllIn).toBe(a.probabilityPremiumCheaper);
	});

	test('the all-in what-if is null without a rate, and the bill’s what-if at a rate of 0', () => {
		const cells = [close, wide].map((s) => ({
			base: s.base,
			premium: s.premium,
			recommendation: segmentRecommendation(s)
		}));
		expect(allInWhatIf(cells, null)).toBeNull();
		expect(allInWhatIf(cells, 0)).toEqual(whatIf(cells));
		expect(segmentAllInRecommendation(close, 0)).toBe(segmentRecommendation(close));
	});
});
