import { describe, expect, test } from 'vitest';
import { isoWeekLabel, mondayOf, weeksBetween } from '../../src/lib/metrics/weeks';

describe('ISO weeks', () => {
	test.each([
		['2026-11-24', '2026-11-23'],
		['2026-11-23', '2026-11-23'],
		['2026-11-29', '2026-11-23'],
		['2027-01-01', '2026-12-28'],
		['2027-01-04', '2027-01-04']
	])('the week of %s starts on Monday %s', (day, monday) => {
		expect(mondayOf(day)).toBe(monday);
	});

	test.each([
		['2026-11-23', '2026-W48'],
		['2026-12-28', '2026-W53'],
		['2027-01-04', '2027-W01'],
		['2025-12-29', '2026-W01'],
		['2020-12-28', '2020-W53']
	])('%s starts %s', (monday, label) => {
		expect(isoWeekLabel(monday)).toBe(label);
	});

	test('weeksBetween lists every Monday, across the year change', () => {
		expect(weeksBetween('2026-12-24', '2027-01-05')).toEqual(['2026-12-21', '2026-12-28', '2027-01-04']);
	});
});
