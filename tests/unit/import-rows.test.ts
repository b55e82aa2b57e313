// A CSV row of an import as the attempt the API takes: the export-only columns say how a value came
// about, the formula guard comes off, and a spreadsheet's time without a zone is the workspace's local time.
import { describe, expect, test } from 'vitest';
import { createdAtIn, headerProblems, rowToAttempt } from '../../src/lib/server/import/rows';
import { localToInstant } from '../../src/lib/metrics/time-zones';

describe('createdAt without a zone', () => {
	test.each([
		['2026-11-02', 'UTC', '2026-11-02T00:00:00.000Z'],
		['2026-11-02 14:03', 'America/Los_Angeles', '2026-11-02T22:03:00.000Z'],
		['2026-07-02T14:03:05', 'America/Los_Angeles', '2026-07-02T21:03:05.000Z'],
		['2026-11-02 00:30', 'Asia/Kolkata', '2026-11-01T19:00:00.000Z'],
		['2026-11-02T14:03:05.250', 'Europe/Paris', '2026-11-02T13:03:05.250Z']
	])('%s in %s is %s', (cell, zone, iso) => {
		expect(createdAtIn(cell, zone)).toBe(iso);
	});

	test('a date-time with a zone, and text that is no date, stay as written', () => {
		expect(createdAtIn('2026-11-02T14:03:00+05:30', 'America/Los_Angeles')).toBe('2026-11-02T14:03:00+05:30');
		expect(createdAtIn('2026-11-02T14:03:00Z', 'Asia/Kolkata')).toBe('2026-11-02T14:03:00Z');
		expect(createdAtIn('02/11/2026', 'UTC')).toBe('02/11/2026');
		expect(createdAtIn('2026-13-45', 'UTC')).toBe('2026-13-45');
	});

	test('a local time on either side of a daylight-saving change', () => {
		// Los Angeles left daylight saving at 2026-11-01 02:00 local (09:00 UTC).
		expect(localToInstant('2026-11-01T00:30:00', 'America/Los_Angeles').toISOString()).toBe(
			'2026-11-01T07:30:00.000Z'
		);
		expect(localToInstant('2026-11-01T03:00:00', 'America/Los_Angeles').toISOString()).toBe(
			'2026-11-01T11:00:00.000Z'
		);
	});
});

describe('a row as the attempt it was first sent as', () => {
	const row = (cells: Record<string, string>) => ({
		id: 'a1',
		project: 'p',
		model: 'sora-2',
		durationSeconds: '8',
		...cells
	});

	test('empty cells are fields not sent; numbers and metadata are parsed', () => {
		expect(rowToAttempt(row({ resolution: '', costUsd: '2.500000', metadata: '{"take":3}' }))).toEqual({
			id: 'a1',
			project: 'p',
			model: 'sora-2',
			durationSeconds: 8,
			costUsd: 2.5,
			metadata: { take: 3 }
		});
	});

	test('a price-book cost is priced again, a reported one kept', () => {
		expect(rowToAttempt(row({ costUsd: '1.000000', costSource: 'price_book' }))).not.toHaveProperty(
			'costUsd'
		);
		expect(rowToAttempt(row({ costUsd: '1.000000', costSource: 'reported' }))).toHaveProperty('costUsd', 1);
	});

	test('inferred tags are inferred again; client tags are sent, an empty cell as an empty list', () => {
		expect(rowToAttempt(row({ tags: 'close-up', tagsSource: 'inferred' }))).not.toHaveProperty('tags');
		expect(rowToAttempt(row({ tags: '', tagsSource: 'client' }))).toHaveProperty('tags', []);
		expect(rowToAttempt(row({ tags: 'close-up;b-roll', tagsSource: 'client' }))).toHaveProperty('tags', [
			'close-up',
			'b-roll'
		]);
		expect(rowToAttempt(row({ tags: 'close-up' }))).toHaveProperty('tags', ['close-up']);
	});

	test("the export's formula guard comes off; other apostrophes stay", () => {
		const attempt = rowToAttempt(
			row({ rejectReason: '\'=HYPERLINK("x")', creator: "'bo", verdict: 'reject' })
		);
		expect(attempt.rejectReason).toBe('=HYPERLINK("x")');
		expect(attempt.creator).toBe("'bo");
	});

	test('a text in a number column stays text, for validation to name', () => {
		expect(rowToAttempt(row({ durationSeconds: 'eight' })).durationSeconds).toBe('eight');
	});
});

test('a header is refused for unknown, repeated and missing columns', () => {
	expect(headerProblems(['id', 'project', 'model', 'durationSeconds', 'receivedAt'])).toEqual([]);
	expect(headerProblems(['id', 'id', 'model', 'colour'])).toEqual([
		{ path: 'header[1]', message: 'column "id" appears twice' },
		{ path: 'header[3]', message: expect.stringContaining('unknown column "colour"') },
		{ path: 'header', message: 'the required column "project" is missing' },
		{ path: 'header', message: 'the required column "durationSeconds" is missing' }
	]);
});

describe('reviewSeconds in an import', () => {
	test('a reviewSeconds cell is a number, an empty one is not sent, text stays text for validation', () => {
		const row = (reviewSeconds: string) =>
			rowToAttempt({
				id: 'a',
				project: 'p',
				model: 'm',
				durationSeconds: '4',
				verdict: 'keep',
				reviewSeconds
			});
		expect(row('42.5')).toMatchObject({ verdict: 'keep', reviewSeconds: 42.5 });
		expect(row('')).not.toHaveProperty('reviewSeconds');
		expect(row('soon')).toMatchObject({ reviewSeconds: 'soon' });
		expect(headerProblems(['id', 'project', 'model', 'durationSeconds', 'reviewSeconds'])).toEqual([]);
	});
});
