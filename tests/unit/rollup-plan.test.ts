// Which store answers which part of a range: whole UTC days, whole UTC hours, raw edges.
import { describe, expect, test } from 'vitest';
import { planRange, type Interval } from '../../src/lib/server/rollups/plan';

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
		const plan = planRange(from === null ? null : t(from), to === null ? null : t(to));
		expect(plan).toEqual({ days, hours, raw });
	});

	test('a week boundary inside a UTC day splits that day into hours, so no bucket straddles two weeks', () => {
		// Weeks in America/New_York start on Mondays at 04:00 UTC (daylight saving time).
		const cut = t('2026-10-05T04:00:00Z');
		const plan = planRange(t('2026-10-01T04:00:00Z'), t('2026-10-08T04:00:00Z'), [cut]);
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
		const plan = planRange(t('2026-10-01T04:00:00Z'), t('2026-10-03T00:00:00Z'), [], false);
		expect(plan).toEqual({
			days: [iv('2026-10-02T00:00:00Z', '2026-10-03T00:00:00Z')],
			hours: [],
			raw: [iv('2026-10-01T04:00:00Z', '2026-10-02T00:00:00Z')]
		});
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
			const cuts = Array.from({ length: rand(4) }, () => start + rand(30 * 24 * 60) * 60_000);
			const plan = planRange(from, to, cuts, rand(2) === 0);
			const parts = [...plan.days, ...plan.hours, ...plan.raw]
				.map((p) => [p.from!, p.to!])
				.sort((a, b) => a[0] - b[0]);
			expect(parts[0][0]).toBe(from);
			expect(parts[parts.length - 1][1]).toBe(to);
			for (let i = 1; i < parts.length; i++) expect(parts[i][0]).toBe(parts[i - 1][1]);
			for (const c of cuts.filter((c) => c > from && c < to)) {
				expect(parts.some((p) => p[0] === c)).toBe(true);
			}
		}
	});
});
