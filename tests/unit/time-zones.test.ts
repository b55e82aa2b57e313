// Week boundaries in a workspace's time zone, across daylight saving and the year change.
import { describe, expect, test } from 'vitest';
import { dayOf, isoWeekRange, mondayOfIsoWeek, startOfDay } from '../../src/lib/metrics/time-zones';
import { budgetStatus, periodDays } from '../../src/lib/metrics/budget';

describe('ISO weeks in a time zone', () => {
	test.each([
		['2026-W48', '2026-11-23'],
		['2026-W01', '2025-12-29'],
		['2026-W53', '2026-12-28'],
		['2027-W01', '2027-01-04'],
		['2020-W53', '2020-12-28'],
		['2027-W53', null],
		['2026-W00', null],
		['2026-48', null]
	])('%s starts on %s', (week, monday) => {
		expect(mondayOfIsoWeek(week)).toBe(monday);
	});

	test.each([
		['2026-W48', 'UTC', '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
		['2026-W48', 'Europe/Paris', '2026-11-22T23:00:00.000Z', '2026-11-29T23:00:00.000Z'],
		['2026-W48', 'America/Los_Angeles', '2026-11-23T08:00:00.000Z', '2026-11-30T08:00:00.000Z'],
		['2026-W48', 'Asia/Kolkata', '2026-11-22T18:30:00.000Z', '2026-11-29T18:30:00.000Z'],
		// The week holding the end of daylight saving in Europe: 7 days and one hour long.
		['2026-W43', 'Europe/Berlin', '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
		// Spring forward in the US (8 March 2026).
		['2026-W10', 'America/New_York', '2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
		['2026-W53', 'Pacific/Auckland', '2026-12-27T11:00:00.000Z', '2027-01-03T11:00:00.000Z']
	])('%s in %s is [%s, %s)', (week, zone, from, to) => {
		const range = isoWeekRange(week, zone)!;
		expect(range.from.toISOString()).toBe(from);
		expect(range.to.toISOString()).toBe(to);
	});

	test('local day of an instant', () => {
		expect(dayOf(new Date('2026-11-22T23:30:00Z'), 'Europe/Paris')).toBe('2026-11-23');
		expect(dayOf(new Date('2026-11-22T23:30:00Z'), 'UTC')).toBe('2026-11-22');
		expect(startOfDay('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
	});
});

describe('budgets', () => {
	test.each([
		['week', '2026-11-25', '2026-11-23', '2026-11-30'],
		['month', '2026-11-25', '2026-11-01', '2026-12-01'],
		['month', '2026-12-31', '2026-12-01', '2027-01-01']
	] as const)('the %s holding %s is [%s, %s)', (period, day, first, next) => {
		expect(periodDays(period, day)).toEqual({ first, next });
	});

	const week = { periodStartMs: 0, periodEndMs: 7 * 86_400_000 };
	test.each([
		['half way, on course', 100e6, 40e6, 3.5, 80e6, 'on track'],
		['half way, running hot', 100e6, 60e6, 3.5, 120e6, 'at risk'],
		['already over', 100e6, 101e6, 3.5, 202e6, 'over'],
		['closed period under budget', 100e6, 99e6, 9, 99e6, 'on track'],
		['exactly on budget at the end', 100e6, 100e6, 7, 100e6, 'on track'],
		['before the period starts', 100e6, 0, -1, 0, 'on track']
	])('%s', (_name, amountMicros, spendMicros, days, forecast, status) => {
		const result = budgetStatus({ amountMicros, spendMicros, nowMs: days * 86_400_000, ...week });
		expect(result.forecastMicros).toBe(forecast);
		expect(result.status).toBe(status);
	});
});
