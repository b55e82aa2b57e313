// Which store answers which part of a range: whole UTC days, whole UTC hours, raw edges.
import { describe, expect, test } from 'vitest';
import { GRAINS, planRange, type Interval, type TimePlan } from '../../src/lib/server/rollups/plan';

const DAY_HOUR = GRAINS.filter((g) => g.name === 'day' || g.name === 'hour');
const DAY_ONLY = GRAINS.filter((g) => g.name === 'day');
const of = (plan: TimePlan, grain: string) => plan.buckets.find((b) => b.grain === grain)?.intervals ?? [];
/** Days, hours and raw edges, with day and hour grains only. */
function split(from: number | null, to: number | null, cuts: number[] = [], grains = DAY_HOUR) {
	const plan = planRange(from, to, cuts, grains);
	return { days: of(plan, 'day'), hours: of(plan, 'hour'), raw: plan.raw };
}

const t = (iso: string) => Date.parse(iso);
const iv = (from: string | null, to: string | null): Interval => ({
	from: from === null ? null : t(from),
	to: to === null ? null : t(to)
});

describe('a range split into days, hours and raw edges', () => {
	test.each([
		{
			name: 'whole UTC days come from day rollups alone',
			from: '2026-10-01T00:00:00Z',
			to: '2026-10-08T00:00:00Z',
			days: [iv('2026-10-01T00:00:00Z', '2026-10-08T00:00:00Z')],
			hours: [],
			raw: []
		},
		{
			name: 'a New York day range: whole hours at both ends',
			from: '2026-10-01T04:00:00Z',
			to: '2026-10-08T04:00:00Z',
			days: [iv('2026-10-02T00:00:00Z', '2026-10-08T00:00:00Z')],
			hours: [
				iv('2026-10-01T04:00:00Z', '2026-10-02T00:00:00Z'),
				iv('2026-10-08T00:00:00Z', '2026-10-08T04:00:00Z')
			],
			raw: []
		},
		{
			name: 'a Kolkata day range (+5:30): half hours read raw',
			from: '2026-09-30T18:30:00Z',
			to: '2026-10-02T18:30:00Z',
			days: [iv('2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z')],
			hours: [
				iv('2026-09-30T19:00:00Z', '2026-10-01T00:00:00Z'),
				iv('2026-10-02T00:00:00Z', '2026-10-02T18:00:00Z')
			],
			raw: [
				iv('2026-09-30T18:30:00Z', '2026-09-30T19:00:00Z'),
				iv('2026-10-02T18:00:00Z', '2026-10-02T18:30:00Z')
			]
		},
		{
			name: 'less than an hour is read raw',
			from: '2026-10-01T10:05:00Z',
			to: '2026-10-01T10:55:00Z',
			days: [],
			hours: [],
			raw: [iv('2026-10-01T10:05:00Z', '2026-10-01T10:55:00Z')]
		},
		{
			name: 'no bounds: every day bucket',
			from: null,
			to: null,
			days: [iv(null, null)],
			hours: [],
			raw: []
		},
		{
			name: 'only an end: days up to it, then its hours and minutes',
			from: null,
			to: '2026-10-03T05:30:00Z',
			days: [iv(null, '2026-10-03T00:00:00Z')],
			hours: [iv('2026-10-03T00:00:00Z', '2026-10-03T05:00:00Z')],
			raw: [iv('2026-10-03T05:00:00Z', '2026-10-03T05:30:00Z')]
		}
	])('$name', ({ from, to, days, hours, raw }) => {
		expect(split(from === null ? null : t(from), to === null ? null : t(to))).toEqual({ days, hours, raw });
	});

	test('a week boundary inside a UTC day splits that day into hours, so no bucket straddles two weeks', () => {
		// Weeks in America/New_York start on Mondays at 04:00 UTC (daylight saving time).
		const cut = t('2026-10-05T04:00:00Z');
		const plan = split(t('2026-10-01T04:00:00Z'), t('2026-10-08T04:00:00Z'), [cut]);
		expect(plan.days).toEqual([
			iv('2026-10-02T00:00:00Z', '2026-10-05T00:00:00Z'),
			iv('2026-10-06T00:00:00Z', '2026-10-08T00:00:00Z')
		]);
		expect(plan.hours).toEqual([
			iv('2026-10-01T04:00:00Z', '2026-10-02T00:00:00Z'),
			iv('2026-10-05T00:00:00Z', '2026-10-06T00:00:00Z'),
			iv('2026-10-08T00:00:00Z', '2026-10-08T04:00:00Z')
		]);
		expect(plan.raw).toEqual([]);
	});

	test('without hour rollups, what hours would serve is read raw', () => {
		const plan = split(t('2026-10-01T04:00:00Z'), t('2026-10-03T00:00:00Z'), [], DAY_ONLY);
		expect(plan).toEqual({
			days: [iv('2026-10-02T00:00:00Z', '2026-10-03T00:00:00Z')],
			hours: [],
			raw: [iv('2026-10-01T04:00:00Z', '2026-10-02T00:00:00Z')]
		});
	});

	test('ninety days read a handful of coarse buckets', () => {
		// 2026-09-07 is day 20703 since 1970-01-01; 64-day buckets start on multiples of 64 (day 20672).
		const plan = planRange(t('2026-09-07T00:00:00Z'), t('2026-12-06T00:00:00Z'));
		const count = plan.buckets.reduce(
			(sum, b) =>
				sum +
				b.intervals.reduce((n, i) => n + (i.to! - i.from!) / GRAINS.find((g) => g.name === b.grain)!.ms, 0),
			0
		);
		expect(plan.raw).toEqual([]);
		expect(count).toBeLessThanOrEqual(12);
		expect(plan.buckets.map((b) => b.grain)).toContain('d16');
	});

	test('the parts cover the range exactly once, for any range and cuts', () => {
		const start = t('2026-09-28T00:00:00Z');
		let seed = 7;
		const rand = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		for (let run = 0; run < 200; run++) {
			const from = start + rand(10 * 24 * 60) * 60_000;
			const to = from + (1 + rand(20 * 24 * 60)) * 60_000;
			// Cuts at any minute, or on whole hours (as week starts in most zones are).
			const cuts = Array.from({ length: rand(4) }, () =>
				rand(2) ? start + rand(30 * 24 * 60) * 60_000 : start + rand(30 * 24) * 3_600_000
			);
			const grains = rand(2) === 0 ? GRAINS : GRAINS.filter((g) => g.name !== 'hour');
			const plan = planRange(from, to, cuts, grains);
			const parts = [...plan.buckets.flatMap((b) => b.intervals), ...plan.raw]
				.map((p) => [p.from!, p.to!])
				.sort((a, b) => a[0] - b[0]);
			expect(parts[0][0]).toBe(from);
			expect(parts[parts.length - 1][1]).toBe(to);
			for (let i = 1; i < parts.length; i++) expect(parts[i][0]).toBe(parts[i - 1][1]);
			// Every bucket is aligned to its grain, and no bucket straddles a cut: a cut inside an interval
			// of buckets falls on a bucket boundary; raw intervals need nothing.
			for (const b of plan.buckets) {
				const ms = GRAINS.find((g) => g.name === b.grain)!.ms;
				for (const i of b.intervals) {
					expect([i.from! % ms, i.to! % ms]).toEqual([0, 0]);
					for (const c of cuts.filter((c) => c > i.from! && c < i.to!)) expect(c % ms).toBe(0);
				}
			}
		}
	});
});
