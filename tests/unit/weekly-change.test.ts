// The weekly "Change" column (issue 13 saw +208% and -82% in red and green from one to three kept clips):
// a change is coloured only when the two weeks' samples support it.
import { describe, expect, test } from 'vitest';
import { costChange, costPerKeptClipInterval, MIN_KEPT_FOR_CHANGE } from '../../src/lib/metrics/change';
import { keepRateInterval } from '../../src/lib/metrics/confidence';

/** A week of `decided` takes at `usd` each, `kept` of them kept. */
function week(kept: number, decided: number, usd: number) {
	return {
		kept,
		costPerAttemptUsd: decided === 0 ? null : usd,
		costPerKeptClipUsd: kept === 0 ? null : (usd * decided) / kept,
		keepRateInterval: keepRateInterval(kept, decided)
	};
}

describe('week-on-week change of cost per kept clip', () => {
	test('+208% from 1 and 3 kept clips says "too few clips", with no percentage', () => {
		const before = week(3, 6, 1);
		const now = week(1, 6, 1.03);
		// What the column used to print, in red: +209%.
		expect((now.costPerKeptClipUsd! - before.costPerKeptClipUsd!) / before.costPerKeptClipUsd!).toBeCloseTo(
			2.09,
			9
		);
		expect(costChange(now, before)).toEqual({ change: null, verdict: 'too few' });
		expect(costChange(week(2, 20, 1), week(40, 50, 1))).toEqual({ change: null, verdict: 'too few' });
	});

	test.each([
		// [name, now, before, verdict]
		['nothing kept this week', week(0, 10, 1), week(10, 20, 1), 'none'],
		['nothing kept last week', week(10, 20, 1), week(0, 10, 1), 'none'],
		['not used last week', week(10, 20, 1), null, 'none'],
		['exactly the minimum, same rates', week(5, 10, 1), week(5, 10, 1), 'unclear'],
		['one clip under the minimum', week(MIN_KEPT_FOR_CHANGE - 1, 8, 1), week(50, 100, 1), 'too few'],
		['a big sample, keep rate from 20% to 80%', week(80, 100, 1), week(20, 100, 1), 'cheaper'],
		['a big sample, keep rate from 80% to 20%', week(20, 100, 1), week(80, 100, 1), 'dearer'],
		['a price rise with the same keep rate', week(500, 1000, 3), week(500, 1000, 1), 'dearer'],
		['a 30% move on small samples', week(7, 10, 1), week(5, 10, 1), 'unclear']
	] as const)('%s: %s', (_name, now, before, verdict) => {
		expect(costChange(now, before).verdict).toBe(verdict);
	});

	test('a coloured change is one whose intervals do not overlap, on many weeks', () => {
		for (let kNow = 0; kNow <= 40; kNow += 3) {
			for (let kBefore = 0; kBefore <= 40; kBefore += 3) {
				const now = week(kNow, 40, 1);
				const before = week(kBefore, 40, 1);
				const { change, verdict } = costChange(now, before);
				if (kNow < MIN_KEPT_FOR_CHANGE || kBefore < MIN_KEPT_FOR_CHANGE) {
					expect(verdict).toBe(kNow === 0 || kBefore === 0 ? 'none' : 'too few');
					expect(change).toBeNull();
					continue;
				}
				const [i, j] = [costPerKeptClipInterval(now)!, costPerKeptClipInterval(before)!];
				const apart = i[1] < j[0] || i[0] > j[1];
				expect(verdict === 'cheaper' || verdict === 'dearer').toBe(apart);
				expect(change).toBeCloseTo(
					(now.costPerKeptClipUsd! - before.costPerKeptClipUsd!) / before.costPerKeptClipUsd!,
					12
				);
				if (verdict === 'cheaper') expect(change!).toBeLessThan(0);
				if (verdict === 'dearer') expect(change!).toBeGreaterThan(0);
			}
		}
	});

	test('the interval of cost per kept clip is cost per attempt over the keep-rate bounds', () => {
		const w = week(10, 40, 2);
		const [lo, hi] = w.keepRateInterval!;
		expect(costPerKeptClipInterval(w)).toEqual([2 / hi, 2 / lo]);
		expect(costPerKeptClipInterval(week(0, 40, 2))).toBeNull();
	});
});
