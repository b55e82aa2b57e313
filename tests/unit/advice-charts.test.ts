// The recommendations page's preparation: the keep-rate-against-break-even chart per segment, and the
// sentences around it (chips, what-if, settling).
import { describe, expect, test } from 'vitest';
import { missingReason, segmentChart, usedSegments } from '../../src/lib/charts/advice';
import { PALETTE, withAlpha } from '../../src/lib/charts/palette';
import {
	allInWhatIfSentence,
	recommendationChip,
	settleSentence,
	signedShare,
	whatIfSentence
} from '../../src/lib/components/advice/labels';
import { segmentAdvice } from '../../src/lib/metrics/advice';
import { emptyCounts } from '../../src/lib/metrics/figures';
import type { ModelCounts } from '../../src/lib/metrics/summary';

/** `kept` of `decided` attempts (plus `pending`) in a segment at `price` dollars a take. */
function cell(segment: string, model: string, kept: number, decided: number, price: number, pending = 0) {
	const spend = decided * price * 1e6;
	return {
		...emptyCounts(),
		segment,
		model,
		family: 'f',
		tier: model === 'pro' ? 1 : 0,
		displayName: model.toUpperCase(),
		attempts: decided + pending,
		kept,
		rejected: decided - kept,
		pending,
		spendMicros: spend + pending * price * 1e6,
		decidedSpendMicros: spend,
		keptSpendMicros: kept * price * 1e6
	} satisfies ModelCounts & { segment: string };
}

const rows = [
	// Premium clearly pays: 30 of 40 kept at 2x the price of a base that keeps 5 of 40.
	cell('close-up', 'fast', 5, 40, 1),
	cell('close-up', 'pro', 30, 40, 2),
	// Too close to call: few attempts, similar rates.
	cell('landscape', 'fast', 2, 4, 1),
	cell('landscape', 'pro', 3, 4, 1.5),
	// Out of reach: pro costs 3x, base already keeps 60%.
	cell('interior', 'fast', 24, 40, 1),
	cell('interior', 'pro', 28, 40, 3),
	// Only the base tier was used here.
	cell('night', 'fast', 3, 10, 1),
	// Premium attempts all pending: nothing decided.
	cell('rain', 'fast', 4, 10, 1),
	cell('rain', 'pro', 0, 0, 2, 3),
	// Another pair's model: neither tier of this pair.
	cell('aerial', 'other', 5, 10, 1)
];

const segments = segmentAdvice(rows, 'fast', 'pro');
const colour = PALETTE[2];
const chart = segmentChart({
	segments,
	premium: { displayName: 'Pro', colour },
	base: { displayName: 'Fast' },
	dimensionLabel: 'Scene tag'
});
const [breakEven, keepRate, interval] = chart.config.data.datasets;

describe('segment chart', () => {
	test('leaves out segments where neither tier of the pair was used', () => {
		// 'aerial' has attempts of another model only.
		expect(segments.map((s) => s.segment)).not.toContain('aerial');
		expect(usedSegments(segments).map((s) => s.segment)).not.toContain('aerial');
	});

	test('draws only segments with decided attempts of both tiers, labelled with their sample size', () => {
		expect(chart.config.data.labels).toEqual([
			['close-up', 'n = 40'],
			['interior', 'n = 40'],
			['landscape', 'n = 4']
		]);
		expect(chart.rows).toBe(3);
	});

	test('says why the other segments have no row', () => {
		expect(chart.notes).toContain('night: not enough data (no decided attempt of Pro yet).');
		expect(chart.notes).toContain('rain: not enough data (no decided attempt of Pro yet).');
		expect(chart.notes.some((n) => n.startsWith('aerial'))).toBe(false);
	});

	test('puts the keep rate in % with its 95% interval as a floating bar', () => {
		expect(keepRate.data).toEqual([75, 70, 75]);
		const [lo, hi] = interval.data[0] as [number, number];
		expect(lo).toBeGreaterThan(55);
		expect(lo).toBeLessThan(75);
		expect(hi).toBeGreaterThan(75);
		expect(hi).toBeLessThan(90);
	});

	test('marks the break-even with a tick, and one out of reach with an arrow at 100%', () => {
		// close-up: 12.5% x 2 = 25%; interior: 60% x 3 = 180% -> drawn at the edge; landscape: 50% x 1.5.
		expect(breakEven.data).toEqual([25, 100, 75]);
		expect(breakEven.pointStyle).toEqual(['line', 'triangle', 'line']);
		expect(chart.notes.at(-1)).toMatch(/arrow at 100% marks a break-even out of reach/);
	});

	test('draws settled segments in the premium colour and open ones paler', () => {
		const dots = (keepRate as { pointBackgroundColor?: unknown }).pointBackgroundColor as string[];
		expect(dots[0]).toBe(colour);
		expect(dots[1]).toBe(colour);
		expect(dots[2]).toBe(withAlpha(colour, 0.4));
		const bars = interval.backgroundColor as string[];
		expect(bars[0]).not.toBe(bars[2]);
	});

	test('has a percent axis with its unit, and a legend that names only what is drawn', () => {
		const x = chart.config.options?.scales?.x;
		expect(x).toMatchObject({
			min: 0,
			max: 100,
			title: { display: true, text: 'Pro keep rate (% of decided attempts)' }
		});
		const labels = chart.config.options?.plugins?.legend?.labels;
		const generate = labels?.generateLabels as unknown as () => { text: string }[];
		expect(generate().map((l) => l.text)).toEqual([
			'Keep rate',
			'Too close to call',
			'95% interval',
			'Break-even keep rate'
		]);
		const allSettled = segmentChart({
			segments: segments.filter((s) => s.segment === 'close-up'),
			premium: { displayName: 'Pro', colour },
			base: { displayName: 'Fast' },
			dimensionLabel: 'Scene tag'
		});
		const generateSettled = allSettled.config.options?.plugins?.legend?.labels
			?.generateLabels as unknown as () => { text: string }[];
		expect(generateSettled().map((l) => l.text)).not.toContain('Too close to call');
		// The dearer model is named: in a family of three tiers it may be the middle one, not "premium".
		expect(chart.description).toContain('Right of the tick, Pro pays');
		expect([chart.description, ...chart.notes].join(' ')).not.toMatch(/premium/i);
	});

	test('an empty segment list gives an empty chart that says so', () => {
		const empty = segmentChart({
			segments: [],
			premium: { displayName: 'Pro', colour },
			base: { displayName: 'Fast' },
			dimensionLabel: 'Creator'
		});
		expect(empty.rows).toBe(0);
		expect(empty.summary).toBe('No segment has decided attempts of both tiers.');
		expect(empty.title).toBe('Pro keep rate against break-even, by creator');
	});

	test.each([
		['night', 'no decided attempt of Pro yet'],
		['rain', 'no decided attempt of Pro yet']
	])('missing reason for %s', (segment, reason) => {
		expect(
			missingReason(
				segments.find((s) => s.segment === segment)!,
				'Fast',
				'Pro'
			)
		).toBe(reason);
	});
});

describe('labels', () => {
	test.each([
		// Named by model: in a three-tier family the dearer of a pair may be the middle tier.
		['premium', 'good', 'Use Veo 3.1 Fast'],
		['base', 'base', 'Stay on Veo 3.1 Lite'],
		['undecided', 'unsure', 'Too close to call'],
		[null, 'none', 'Not enough data']
	] as const)('the %s chip', (recommendation, tone, text) => {
		expect(recommendationChip(recommendation, { base: 'Veo 3.1 Lite', premium: 'Veo 3.1 Fast' })).toEqual({
			tone,
			text
		});
	});

	test.each([
		[0.38, '−38%'],
		[-0.05, '+5%'],
		[0, '±0%'],
		[null, null]
	])('saving share %s reads %s', (share, text) => {
		expect(signedShare(share)).toBe(text);
	});

	test('the what-if sentence names the dimension, the figures and the interval', () => {
		expect(
			whatIfSentence({
				dimension: 'tag',
				actualUsd: 91.2,
				whatIfUsd: 56.02,
				savingUsd: 35.18,
				savingShare: 0.3857,
				whatIfIntervalUsd: [46.83, 74.66],
				segmentsChanged: 3
			})
		).toBe(
			'Over this range, had each scene tag used its recommended tier, spend on this pair would have been $56.02 (−39%) instead of $91.20; 95% interval $46.83–$74.66.'
		);
	});

	test('the what-if sentence says when nothing would change', () => {
		expect(
			whatIfSentence({
				dimension: 'creator',
				actualUsd: 12,
				whatIfUsd: 12,
				savingUsd: 0,
				savingShare: 0,
				whatIfIntervalUsd: [12, 12],
				segmentsChanged: 0
			})
		).toBe(
			'No creator has a clear recommendation yet, so following the advice would not have changed the $12.00 spent on this pair.'
		);
	});

	test('the all-in what-if sentence names the rate, the whole cost and its interval', () => {
		const allIn = {
			actualUsd: 290,
			whatIfUsd: 162.25,
			savingUsd: 127.75,
			savingShare: 127.75 / 290,
			whatIfIntervalUsd: [131.4, 201.9] as [number, number],
			segmentsChanged: 2
		};
		expect(allInWhatIfSentence(allIn, 'project', 45)).toBe(
			'Counting review time at $45.00 an hour, had each project used its all-in recommended tier, the whole cost of this pair (model bill and review) would have been $162.25 (−44%) instead of $290.00; 95% interval $131.40–$201.90.'
		);
		expect(
			allInWhatIfSentence(
				{ ...allIn, whatIfUsd: 290, savingUsd: 0, savingShare: 0, segmentsChanged: 0 },
				'duration',
				36.5
			)
		).toBe(
			'Counting review time at $36.50 an hour, no duration band has a clear recommendation yet: the whole cost of this pair stays $290.00.'
		);
	});

	test.each([
		[40, 'About 40 more reviewed attempts would settle it.'],
		[1200, 'About 1,200 more reviewed attempts would settle it.'],
		[null, 'The two tiers are so close that many more reviewed attempts would be needed to settle it.']
	])('settling an open call with %s attempts', (n, text) => {
		expect(settleSentence(n)).toBe(text);
	});
});
