import { describe, expect, test } from 'vitest';
import { attemptsToSettle, keepRateInterval, probabilityPremiumCheaper } from '$lib/metrics/confidence';
import { clearMemos, memo } from '$lib/metrics/memo';
import { whatIf } from '$lib/metrics/what-if';
import { emptyCounts } from '$lib/metrics/figures';

describe('memo', () => {
	test('computes a key once, and again only after it left or was cleared', () => {
		const m = memo<number>(2);
		let calls = 0;
		const square = (x: number) => m.get(String(x), () => (calls++, x * x));
		expect([square(3), square(3), square(4)]).toEqual([9, 9, 16]);
		expect(calls).toBe(2);
		square(3); // 3 is now the most recently used: 4 leaves first
		square(5);
		expect(calls).toBe(3);
		square(3);
		expect(calls).toBe(3);
		square(4);
		expect(calls).toBe(4);
		clearMemos();
		square(3);
		expect(calls).toBe(5);
	});
});

describe('remembered statistics', () => {
	const base = { kept: 120, decided: 400 };
	const premium = { kept: 160, decided: 400 };

	test('the second answer is the first, bit for bit, and so is one after clearing', () => {
		clearMemos();
		const first = [
			probabilityPremiumCheaper(base, premium, 1.3),
			attemptsToSettle(base, premium, 1.3),
			keepRateInterval(120, 400)
		];
		const again = [
			probabilityPremiumCheaper(base, premium, 1.3),
			attemptsToSettle(base, premium, 1.3),
			keepRateInterval(120, 400)
		];
		clearMemos();
		const cleared = [
			probabilityPremiumCheaper(base, premium, 1.3),
			attemptsToSettle(base, premium, 1.3),
			keepRateInterval(120, 400)
		];
		expect(again).toEqual(first);
		expect(cleared).toEqual(first);
		expect(first[1]).toBeGreaterThan(0);
	});

	test('a caller that changes its keep-rate interval does not change the next caller’s', () => {
		const interval = keepRateInterval(30, 100)!;
		const low = interval[0];
		interval[0] = -1;
		expect(keepRateInterval(30, 100)![0]).toBe(low);
	});

	test('the what-if interval remembered is the one drawn', () => {
		const counts = (kept: number, decided: number) => ({
			...emptyCounts(),
			attempts: decided,
			kept,
			rejected: decided - kept,
			decidedSpendMicros: decided * 250_000
		});
		const cells = [
			{ base: counts(30, 100), premium: counts(60, 100), recommendation: 'premium' as const },
			{ base: counts(50, 100), premium: counts(20, 100), recommendation: 'base' as const }
		];
		clearMemos();
		const first = whatIf(cells);
		expect(whatIf(cells)).toEqual(first);
		// Another seed draws other numbers: the seed is part of what is remembered.
		expect(whatIf(cells, 8).whatIfIntervalUsd).not.toEqual(first.whatIfIntervalUsd);
	});
});
