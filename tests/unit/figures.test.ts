// Every figure of docs/figures.md on tables that include its edge cases: nothing decided, nothing kept, all
// pending, failed attempts with and without a cost.
import { describe, expect, test } from 'vitest';
import {
	breakEvenKeepRate,
	costPerAttemptMicros,
	costPerKeptClipMicros,
	costPerKeptSecondMicros,
	costRatio,
	decided,
	emptyCounts,
	keepRate,
	premiumPaysForItself,
	retakeRate,
	wastedSpendMicros,
	type Counts
} from '../../src/lib/metrics/figures';

const counts = (c: Partial<Counts>): Counts => ({ ...emptyCounts(), ...c });

// kept / rejected / failed / pending with spend in micro-dollars.
const typical = counts({
	attempts: 10,
	kept: 2,
	rejected: 5,
	failed: 1,
	pending: 2,
	spendMicros: 9_000_000,
	decidedSpendMicros: 7_000_000,
	keptSpendMicros: 2_000_000,
	keptSeconds: 20
});
const allPending = counts({ attempts: 3, pending: 3, spendMicros: 3_000_000 });
const noneKept = counts({
	attempts: 4,
	rejected: 3,
	failed: 1,
	spendMicros: 3_000_000,
	decidedSpendMicros: 3_000_000
});
const failedFree = counts({
	attempts: 2,
	kept: 1,
	failed: 1,
	spendMicros: 1_000_000,
	decidedSpendMicros: 1_000_000,
	keptSpendMicros: 1_000_000,
	keptSeconds: 8
});
const failedBilled = counts({ ...failedFree, spendMicros: 1_500_000, decidedSpendMicros: 1_500_000 });

describe('figures of one group', () => {
	test.each([
		['typical', typical, 8, 0.25, 0.75, 875_000, 3_500_000, 350_000, 5_000_000],
		['nothing at all', emptyCounts(), 0, null, null, null, null, null, 0],
		['all pending', allPending, 0, null, null, null, null, null, 0],
		['nothing kept', noneKept, 4, 0, 1, 750_000, null, null, 3_000_000],
		['a failed attempt billed 0', failedFree, 2, 0.5, 0.5, 500_000, 1_000_000, 125_000, 0],
		['a failed attempt billed by the client', failedBilled, 2, 0.5, 0.5, 750_000, 1_500_000, 187_500, 500_000]
	])(
		'%s',
		(
			_name,
			c,
			expectDecided,
			expectKeep,
			expectRetake,
			expectPerAttempt,
			expectPerKept,
			expectPerSecond,
			expectWasted
		) => {
			expect(decided(c)).toBe(expectDecided);
			expect(keepRate(c)).toBe(expectKeep);
			expect(retakeRate(c)).toBe(expectRetake);
			expect(costPerAttemptMicros(c)).toBe(expectPerAttempt);
			expect(costPerKeptClipMicros(c)).toBe(expectPerKept);
			expect(costPerKeptSecondMicros(c)).toBe(expectPerSecond);
			expect(wastedSpendMicros(c)).toBe(expectWasted);
		}
	);
});

// base: 1 $/attempt, premium: 3 $/attempt.
const base = (kept: number, decidedN: number) =>
	counts({
		kept,
		rejected: decidedN - kept,
		attempts: decidedN,
		decidedSpendMicros: decidedN * 1_000_000,
		spendMicros: decidedN * 1_000_000
	});
const premium = (kept: number, decidedN: number) =>
	counts({
		kept,
		rejected: decidedN - kept,
		attempts: decidedN,
		decidedSpendMicros: decidedN * 3_000_000,
		spendMicros: decidedN * 3_000_000
	});

describe('break-even between a base and a premium tier', () => {
	test.each([
		// base keeps 20%: premium at 3x must keep 60%.
		['premium keeps more than break-even', base(2, 10), premium(7, 10), 3, 0.6, true],
		[
			'premium keeps exactly break-even (equal cost per kept clip)',
			base(2, 10),
			premium(6, 10),
			3,
			0.6,
			true
		],
		['premium keeps less than break-even', base(2, 10), premium(5, 10), 3, 0.6, false],
		['break-even above 1: premium cannot pay at these prices', base(5, 10), premium(10, 10), 3, 1.5, false],
		['base keeps nothing: any kept premium clip is cheaper', base(0, 10), premium(1, 10), 3, 0, true],
		['premium keeps nothing', base(3, 10), premium(0, 10), 3, 0.9, false],
		['neither keeps anything', base(0, 10), premium(0, 10), 3, 0, null],
		['no decided premium attempts', base(3, 10), counts({ attempts: 2, pending: 2 }), null, null, null]
	])('%s', (_name, b, p, ratio, breakEven, pays) => {
		const r = costRatio(b, p);
		if (ratio === null) expect(r).toBeNull();
		else expect(r).toBeCloseTo(ratio, 12);
		const be = breakEvenKeepRate(b, p);
		if (breakEven === null) expect(be).toBeNull();
		else expect(be).toBeCloseTo(breakEven, 12);
		expect(premiumPaysForItself(b, p)).toBe(pays);
	});

	test('a free base tier gives no cost ratio', () => {
		const free = counts({ kept: 1, rejected: 1, attempts: 2 });
		expect(costRatio(free, premium(1, 2))).toBeNull();
		expect(breakEvenKeepRate(free, premium(1, 2))).toBeNull();
	});

	test('pays-for-itself is decided in integers, not floats, at an exact tie', () => {
		// 0.1 + 0.2 style noise would break a float comparison: 3 kept of $0.30 total vs 1 kept of $0.10.
		const b = counts({ kept: 1, rejected: 0, decidedSpendMicros: 100_000 });
		const p = counts({ kept: 3, rejected: 0, decidedSpendMicros: 300_000 });
		expect(premiumPaysForItself(b, p)).toBe(true);
	});
});
