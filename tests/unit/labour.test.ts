// The review-labour figures (docs/figures.md#review-labour-the-whole-cost-of-a-usable-clip) on tables with
// their edge cases: no rate, a zero rate, nothing kept, nothing decided, a base whose all-in cost is 0.
import { describe, expect, test } from 'vitest';
import { emptyCounts, type Counts } from '../../src/lib/metrics/figures';
import {
	allInBreakEvenKeepRate,
	allInCostPerAttemptMicros,
	allInCostPerKeptClipMicros,
	allInCostRatio,
	allInPremiumPaysForItself,
	allInSpendMicros,
	laborMicros
} from '../../src/lib/metrics/labour';
import { compare, modelRow, type Comparison, type ModelCounts } from '../../src/lib/metrics/summary';
import { labourFlipSentence } from '../../src/lib/metrics/advice';
import { probabilityPremiumCheaper, recommend } from '../../src/lib/metrics/confidence';

const counts = (c: Partial<Counts>): Counts => ({ ...emptyCounts(), ...c });
const model = (name: string, tier: number, c: Partial<Counts>): ModelCounts => ({
	model: name,
	family: 'f',
	tier,
	displayName: name,
	...counts(c)
});

// $40 an hour.
const RATE = 40_000_000;
// 2 kept of 10 decided, $1 a take, 90 s of review a take: labour $10, all-in $20, $10 per kept clip.
const base = counts({ kept: 2, rejected: 8, decidedSpendMicros: 10_000_000, reviewSeconds: 900 });

describe('labour figures of one group', () => {
	test.each([
		['no rate', base, null, null, null, null, null],
		['a zero rate: the bill alone', base, 0, 0, 10_000_000, 5_000_000, 1_000_000],
		['$40 an hour', base, RATE, 10_000_000, 20_000_000, 10_000_000, 2_000_000],
		[
			'nothing kept',
			counts({ rejected: 3, decidedSpendMicros: 3, reviewSeconds: 36 }),
			RATE,
			400_000,
			400_003,
			null,
			400_003 / 3
		],
		['nothing decided', counts({ pending: 4, spendMicros: 9 }), RATE, 0, 0, null, null],
		[
			'fractional seconds',
			counts({ kept: 3, decidedSpendMicros: 1, reviewSeconds: 0.3 }),
			3_600_000_000,
			300_000,
			300_001,
			300_001 / 3,
			300_001 / 3
		]
	])('%s', (_, c, rate, labor, allIn, perKept, perAttempt) => {
		expect(laborMicros(c, rate)).toBe(labor);
		expect(allInSpendMicros(c, rate)).toBe(allIn);
		expect(allInCostPerKeptClipMicros(c, rate)).toBe(perKept);
		expect(allInCostPerAttemptMicros(c, rate)).toBe(perAttempt);
	});
});

describe('all-in comparison figures', () => {
	// The premium costs $3 a take and keeps 6 of 10 with 30 s of review a take: bill $30 (ratio 3, so the
	// bill says stay on the base); labour $3.33, all-in $33.33 against the base's $20.
	const premium = counts({ kept: 6, rejected: 4, decidedSpendMicros: 30_000_000, reviewSeconds: 300 });

	test('ratio, break-even and pays-for-itself use the all-in cost per attempt', () => {
		const ratio = (30_000_000 + 300 * (RATE / 3600)) / 10 / (20_000_000 / 10);
		expect(allInCostRatio(base, premium, RATE)).toBeCloseTo(ratio, 12);
		expect(allInBreakEvenKeepRate(base, premium, RATE)).toBeCloseTo(0.2 * ratio, 12);
		// All-in per kept clip: premium 33.33 / 6 = 5.56 against base 20 / 2 = 10.
		expect(allInPremiumPaysForItself(base, premium, RATE)).toBe(true);
	});

	test.each([
		['no rate', base, premium, null, null, null],
		[
			'premium kept nothing',
			base,
			counts({ rejected: 5, decidedSpendMicros: 1 }),
			RATE,
			false,
			expect.any(Number)
		],
		[
			'base kept nothing',
			counts({ rejected: 5, decidedSpendMicros: 1 }),
			premium,
			RATE,
			true,
			expect.any(Number)
		],
		['base undecided', counts({ pending: 2 }), premium, RATE, null, null],
		['base all-in cost 0', counts({ kept: 1 }), premium, RATE, false, null]
	])('%s', (_, b, p, rate, pays, ratio) => {
		expect(allInPremiumPaysForItself(b, p, rate)).toBe(pays);
		expect(allInCostRatio(b, p, rate)).toEqual(ratio);
	});

	test('a comparison gives the twins, and labour can flip the advice', () => {
		const b = model('cheap', 0, {
			kept: 200,
			rejected: 800,
			decidedSpendMicros: 1_000_000_000,
			reviewSeconds: 90_000
		});
		const p = model('dear', 1, {
			kept: 600,
			rejected: 400,
			decidedSpendMicros: 3_300_000_000,
			reviewSeconds: 30_000
		});
		const billOnly = compare(b, p);
		expect(billOnly.recommendation).toBe('base');
		expect(billOnly.allInRecommendation).toBeNull();
		expect(billOnly.probabilityPremiumCheaperAllIn).toBeNull();

		const c = compare(b, p, RATE);
		const ratio = allInCostRatio(b, p, RATE);
		const probability = probabilityPremiumCheaper(
			{ kept: 200, decided: 1000 },
			{ kept: 600, decided: 1000 },
			ratio
		);
		expect(c.allInCostRatio).toBe(ratio);
		expect(c.probabilityPremiumCheaperAllIn).toBe(probability);
		expect(c.allInRecommendation).toBe(recommend(probability));
		expect(c.allInRecommendation).toBe('premium');
		// The bill-only figures do not move with the rate.
		expect({ ...c, allInCostRatio: null }).toMatchObject({
			costRatio: billOnly.costRatio,
			probabilityPremiumCheaper: billOnly.probabilityPremiumCheaper,
			recommendation: 'base'
		});
	});

	test('a model row gives the labour figures in USD, rounded to the micro-dollar, null without a rate', () => {
		const m = model('m', 0, { kept: 3, rejected: 4, decidedSpendMicros: 7_000_001, reviewSeconds: 100 });
		expect(modelRow(m)).toMatchObject({
			reviewSeconds: 100,
			laborUsd: null,
			allInSpendUsd: null,
			allInCostPerKeptClipUsd: null
		});
		// $33.33 an hour x 100 s = $0.925833...
		expect(modelRow(m, 33_330_000)).toMatchObject({
			laborUsd: 0.925833,
			allInSpendUsd: 7.925834,
			allInCostPerKeptClipUsd: 2.641945
		});
	});
});

describe('the overview sentence when labour flips the advice', () => {
	const row = (model: string, displayName: string, allIn: number) => ({
		model,
		displayName,
		allInCostPerKeptClipUsd: allIn
	});
	const models = [row('cheap', 'Cheap 1', 9.5), row('dear', 'Dear 1', 4.25)];
	const pair = (recommendation: string | null, allInRecommendation: string | null) =>
		({ base: 'cheap', premium: 'dear', recommendation, allInRecommendation }) as unknown as Comparison;

	test.each([
		['no flip', [pair('base', 'base')], null],
		['no rate (no all-in advice)', [pair('base', null)], null],
		[
			'base to premium',
			[pair('base', 'premium')],
			'Counting review time at $45.00 an hour changes the advice for Dear 1 against Cheap 1: use Dear 1 ' +
				'(all-in $4.25 against $9.50 per usable clip), where the model bill alone says stay on Cheap 1.'
		],
		[
			'two pairs flip: the first is named, the other counted',
			[pair('premium', 'undecided'), pair('base', 'premium')],
			'Counting review time at $45.00 an hour changes the advice for Dear 1 against Cheap 1 (and for 1 more ' +
				'pair): it is too close to call (all-in $4.25 against $9.50 per usable clip), where the model bill ' +
				'alone says use Dear 1.'
		]
	])('%s', (_, comparisons, sentence) => {
		expect(labourFlipSentence(comparisons, models, 45)).toBe(sentence);
	});
});
