import { afterEach, describe, expect, test } from 'vitest';
import { drawnQuantiles, type BetaSumTerms } from '$lib/metrics/beta-draws';
import { clearMemos } from '$lib/metrics/memo';
import { mulberry32 } from '$lib/metrics/random';
import { allInWhatIf, allInWhatIfLater, whatIf, whatIfLater, type WhatIfCell } from '$lib/metrics/what-if';
import { emptyCounts } from '$lib/metrics/figures';
import {
	betaSumQuantilesOffThread,
	figuresOffThread,
	figuresOnThread,
	statsThreadRunning,
	stopStatsThread,
	warmStatsThread
} from '$lib/server/stats-thread';
import { adviseSegment, segmentProbe, type SegmentPair } from '$lib/metrics/advice';
import { figuresOf, rememberedSizes } from '$lib/metrics/confidence';
import type { ModelCounts } from '$lib/metrics/summary';

const QS = [0.025, 0.975];

/** A what-if over `n` random segments, as a recommendations read draws it. */
function randomTerms(n: number, seed: number): BetaSumTerms {
	const random = mulberry32(seed);
	const decided = Array.from({ length: n }, () => Math.floor(random() * 3000));
	const kept = decided.map((d) => Math.floor(d * random()));
	return {
		fixed: Math.floor(random() * 1e7),
		costs: decided.map((d) => d * 250_000),
		a: kept.map((k) => k + 0.5),
		b: kept.map((k, i) => decided[i] - k + 0.5)
	};
}

afterEach(async () => {
	clearMemos();
	await stopStatsThread();
});

describe('the what-if draws on a worker thread', () => {
	test.each([
		['one segment, both shapes below 1', { fixed: 0, costs: [1_000_000], a: [0.5], b: [0.5] }, 7],
		['100 segments', randomTerms(100, 1), 7],
		['100 segments, a seed above 2^31', randomTerms(100, 2), 3e9]
	])('%s: the same quantiles, bit for bit, as drawn on this thread', async (_, terms, seed) => {
		const here = drawnQuantiles(terms, 2000, seed, QS);
		const there = await betaSumQuantilesOffThread(terms, 2000, seed, QS);
		expect(statsThreadRunning()).toBe(true);
		expect(there.every((v: number, i: number) => Object.is(v, here[i]))).toBe(true);
		expect(there[0]).toBeLessThan(there[1]);
	});

	test('many requests at once are answered each with its own quantiles', async () => {
		const all = Array.from({ length: 12 }, (_, i) => randomTerms(20 + i, 10 + i));
		const there = await Promise.all(all.map((t) => betaSumQuantilesOffThread(t, 500, 7, QS)));
		expect(there).toEqual(all.map((t) => drawnQuantiles(t, 500, 7, QS)));
	});

	test('a thread ended with draws still owed: they are made on this thread, none is lost', async () => {
		warmStatsThread();
		const terms = randomTerms(100, 3);
		const owed = betaSumQuantilesOffThread(terms, 20_000, 7, QS);
		await stopStatsThread();
		expect(statsThreadRunning()).toBe(false);
		expect(await owed).toEqual(drawnQuantiles(terms, 20_000, 7, QS));
		// The next read starts another thread.
		await betaSumQuantilesOffThread(randomTerms(5, 4), 100, 7, QS);
		expect(statsThreadRunning()).toBe(true);
	});

	test('whatIfLater and allInWhatIfLater give whatIf and allInWhatIf, figure for figure', async () => {
		const random = mulberry32(5);
		const counts = () => {
			const c = emptyCounts();
			c.kept = Math.floor(random() * 200);
			c.rejected = Math.floor(random() * 300);
			c.failed = Math.floor(random() * 10);
			c.attempts = c.kept + c.rejected + c.failed;
			c.decidedSpendMicros = c.attempts * (400_000 + Math.floor(random() * 800_000));
			c.spendMicros = c.decidedSpendMicros;
			c.reviewSeconds = c.attempts * 30;
			return c;
		};
		const choices = ['premium', 'base', 'undecided', null] as const;
		const cells: WhatIfCell[] = Array.from({ length: 60 }, (_, i) => ({
			base: counts(),
			premium: counts(),
			recommendation: choices[i % choices.length]
		}));
		const rate = 4_000_000;
		expect(await whatIfLater(cells, betaSumQuantilesOffThread)).toEqual(whatIf(cells));
		expect(await allInWhatIfLater(cells, rate, betaSumQuantilesOffThread)).toEqual(allInWhatIf(cells, rate));
		expect(await allInWhatIfLater(cells, null, betaSumQuantilesOffThread)).toBeNull();
		// Nothing to move: the interval is the fixed spend, no draw made.
		const still = cells.map((c) => ({ ...c, recommendation: null }));
		expect(await whatIfLater(still, betaSumQuantilesOffThread)).toEqual(whatIf(still));
	});
});

/** A segment of a pair with random counts; now and then one tier is missing or has nothing decided. */
function randomSegment(random: () => number, i: number): SegmentPair {
	const tier = (model: string, tierNo: number, usdPerAttempt: number): ModelCounts | undefined => {
		if (random() < 0.08) return undefined;
		const c = emptyCounts();
		const scale = [30, 800, 20_000, 300_000][i % 4];
		c.kept = Math.floor(random() * scale * 0.4);
		c.rejected = Math.floor(random() * scale * 0.6);
		c.failed = random() < 0.1 ? 0 : Math.floor(random() * 5);
		c.pending = Math.floor(random() * 20);
		c.attempts = c.kept + c.rejected + c.failed + c.pending;
		c.decidedSpendMicros = (c.attempts - c.pending) * usdPerAttempt;
		c.spendMicros = c.attempts * usdPerAttempt;
		c.keptSpendMicros = c.kept * usdPerAttempt;
		c.reviewSeconds = Math.floor(random() * 40) * (c.attempts - c.pending);
		return { ...c, model, family: 'f', tier: tierNo, displayName: model };
	};
	return {
		segment: `s${i}`,
		base: tier('base', 1, 400_000),
		premium: tier('premium', 2, 400_000 * (2 + Math.floor(random() * 4)))
	};
}

describe("the segments' statistics on a worker thread", () => {
	test.each([null, 0, 25_000_000])(
		'advice with figures computed on the thread is the advice computed here (labour rate %s)',
		async (rate) => {
			const random = mulberry32(rate ?? 99);
			const segments = Array.from({ length: 60 }, (_, i) => randomSegment(random, i));
			const here = segments.map((s) => adviseSegment(s, rate));
			clearMemos();
			await figuresOffThread(segments.map((s) => segmentProbe(s, rate)));
			expect(statsThreadRunning()).toBe(true);
			// Every figure the advice asks for was remembered from the thread: advising computes none.
			const before = rememberedSizes();
			expect(before.probabilities).toBeGreaterThan(50);
			const there = segments.map((s) => adviseSegment(s, rate));
			expect(rememberedSizes()).toEqual(before);
			expect(there).toEqual(here);
		}
	);

	test("the thread's figures are those computed here, bit for bit", async () => {
		const random = mulberry32(7);
		const probes = Array.from({ length: 40 }, (_, i) => segmentProbe(randomSegment(random, i), 30_000_000));
		const there = await figuresOnThread(probes);
		expect(statsThreadRunning()).toBe(true);
		const here = figuresOf(probes);
		expect(here.searches.length).toBeGreaterThan(0);
		expect(here.intervals.length).toBeGreaterThan(60);
		expect(JSON.stringify(there)).toBe(JSON.stringify(here));
		expect(
			there.probabilities.every(
				([k, v], i) => k === here.probabilities[i][0] && Object.is(v, here.probabilities[i][1])
			)
		).toBe(true);
	});
});
