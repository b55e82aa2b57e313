// The shared pieces that refuse what PostgreSQL cannot hold as sent (issue 12: no input gets a 5xx).
import { describe, expect, test } from 'vitest';
import {
	findUnstorable,
	jsonNestedDeeperThan,
	MAX_JSON_DEPTH,
	textProblem
} from '../../src/lib/schemas/safe-input';
import { attemptId, attemptSchema, verdictPatchSchema } from '../../src/lib/schemas/attempt';
import { filtersSchema } from '../../src/lib/schemas/filters';
import { budgetInputSchema, isoWeekSchema } from '../../src/lib/schemas/budget';
import { pageRange } from '../../src/lib/server/page-range';

/** JSON text of `levels` nested objects: {"a":{"a":...{}...}}. */
const nestedText = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);

describe('textProblem', () => {
	test.each([
		['plain text', 'take 3', null],
		['an emoji (a surrogate pair)', 'cut 🎬 here', null],
		['a NUL', 'a\u0000b', /NUL/],
		['a lone high surrogate', 'sur-a\ud800', /surrogate/],
		['a lone low surrogate', '\udc00x', /surrogate/],
		['a pair written backwards', '\ude00\ud83c', /surrogate/]
	])('%s', (_name, value, expected) => {
		const problem = textProblem(value);
		if (expected === null) expect(problem).toBeNull();
		else expect(problem).toMatch(expected);
	});
});

describe('findUnstorable', () => {
	test.each([
		['a clean attempt', { id: 'a', metadata: { k: ['x', { y: 'z' }] } }, null],
		['a NUL deep in metadata', { metadata: { a: ['x', 'y\u0000'] } }, 'metadata,a,1'],
		['a lone surrogate in a value', { metadata: { k: '\ud800' } }, 'metadata,k'],
		['a lone surrogate in a key', { metadata: { 'k\ud800': 1 } }, 'metadata,k\ud800'],
		['a lone surrogate in an id', { id: 'sur-a\ud800' }, 'id']
	])('%s', (_name, value, path) => {
		const found = findUnstorable(value);
		expect(found?.path.join(',') ?? null).toBe(path);
	});

	test(`allows ${MAX_JSON_DEPTH} levels and refuses one more, by path`, () => {
		expect(findUnstorable(JSON.parse(nestedText(MAX_JSON_DEPTH)))).toBeNull();
		const found = findUnstorable(JSON.parse(nestedText(MAX_JSON_DEPTH + 1)));
		expect(found?.path).toHaveLength(MAX_JSON_DEPTH);
		expect(found?.message).toMatch(String(MAX_JSON_DEPTH));
	});

	test('refuses 10,000 levels without overflowing the stack', () => {
		const found = findUnstorable(JSON.parse(nestedText(10_000)));
		expect(found?.message).toMatch(/deeper than/);
	});
});

describe('jsonNestedDeeperThan', () => {
	test.each([
		['flat', '{"a":1,"b":[1,2]}', 2, false],
		['exactly at the limit', '[[[]]]', 3, false],
		['one past the limit', '[[[[]]]]', 3, true],
		['brackets inside strings do not count', '{"a":"[[[[[[","b":"{{{{"}', 2, false],
		['an escaped quote does not end a string', '{"a":"\\"[[[[[["}', 2, false],
		['an escaped backslash does end one', '{"a":"\\\\","b":[[[[]]]]}', 3, true],
		['siblings do not add up', '[[],[],[],[]]', 2, false]
	])('%s', (_name, text, max, deeper) => {
		expect(jsonNestedDeeperThan(text, max)).toBe(deeper);
	});

	test('10,000 levels, objects or arrays', () => {
		expect(jsonNestedDeeperThan(nestedText(10_000))).toBe(true);
		expect(jsonNestedDeeperThan('['.repeat(10_000) + ']'.repeat(10_000))).toBe(true);
		expect(jsonNestedDeeperThan(nestedText(MAX_JSON_DEPTH))).toBe(false);
	});
});

describe('filters: dates the database can hold', () => {
	test.each([
		['0000-01-01', false],
		['-271821-04-20T00:00:00Z', false],
		['+275760-09-13T00:00:00Z', false],
		['+200000-01-01T00:00:00Z', false],
		['1999-12-31T23:59:59Z', false],
		['2201-01-01', false],
		['2000-01-01', true],
		['2026-09-01T10:00:00+02:00', true],
		['2200-12-31T23:59:59Z', true]
	])('from=%s accepted: %s', (from, ok) => {
		const parsed = filtersSchema.safeParse({ from });
		expect(parsed.success).toBe(ok);
		if (!ok) expect(parsed.error!.issues[0].path).toEqual(['from']);
	});

	test.each([
		['model', { model: 'a\u0000' }],
		['tag', { tag: ['\u0000'] }]
	])('a NUL in %s is refused by path', (name, filters) => {
		const parsed = filtersSchema.safeParse(filters);
		expect(parsed.success).toBe(false);
		expect(parsed.error!.issues[0]).toMatchObject({ path: [name, ...(name === 'tag' ? [0] : [])] });
		expect(parsed.error!.issues[0].message).toMatch(/NUL/);
	});
});

describe('isoWeekSchema', () => {
	test.each([
		['0000-W01', /years 2000 to 2200/],
		['9999-W52', /years 2000 to 2200/],
		['2025-W53', /W53 in a long year/],
		['2026-W00', /W01 to W52/],
		['2026-48', /ISO week/],
		['2026-W53', null],
		['2200-W52', null]
	])('%s', (week, expected) => {
		const parsed = isoWeekSchema.safeParse(week);
		if (expected === null) expect(parsed.success).toBe(true);
		else expect(parsed.error?.issues.map((i) => i.message).join('; ')).toMatch(expected);
	});
});

describe('attempts: ids stored exactly as sent', () => {
	test.each([
		['a NUL', 'x\u0000', /NUL/],
		['a lone surrogate', 'sur-a\ud800', /surrogate/],
		['a leading space', ' x', /space/],
		['nothing', '', /empty/],
		['201 characters', 'x'.repeat(201), /200/]
	])('an id with %s is refused', (_name, id, message) => {
		expect(attemptId.safeParse(id).error?.issues[0].message).toMatch(message);
	});

	test('an id with an emoji is kept as sent', () => {
		expect(attemptId.parse('shot-🎬-1')).toBe('shot-🎬-1');
	});

	test('a NUL in a late rejectReason is refused by path', () => {
		const parsed = verdictPatchSchema.safeParse({ verdict: 'reject', rejectReason: 'bad\u0000' });
		expect(parsed.error?.issues[0]).toMatchObject({ path: ['rejectReason'] });
	});

	test.each(['0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z'])(
		'createdAt %s is refused',
		(createdAt) => {
			const attempt = { id: 'a', project: 'p', model: 'm', durationSeconds: 8, createdAt };
			expect(attemptSchema.safeParse(attempt).error?.issues[0].path).toEqual(['createdAt']);
		}
	);
});

describe('pageRange: days the database can hold', () => {
	const now = new Date('2026-09-10T12:00:00Z');
	test.each([
		['from=0000-01-01', 'from'],
		['from=2026-01-01&until=9999-12-31', 'until'],
		['to=+275760-09-13T00:00:00Z', 'to']
	])('%s falls back to the default range with a message naming %s', (query, name) => {
		const range = pageRange(new URL(`http://x/?${query}`), 'UTC', now);
		expect(range.errors?.[0]).toMatch(new RegExp(`^${name}: .*2000 to 2200`));
		expect(range.from).toBe('2026-07-31');
		expect(range.to).toBe('2026-09-11');
	});
});

describe('budgets: a start day the database can hold', () => {
	test.each([
		['0000-01-01', false],
		['9999-12-31', false],
		['2026-09-01', true]
	])('startsOn %s accepted: %s', (startsOn, ok) => {
		const parsed = budgetInputSchema.safeParse({ period: 'week', amountUsd: 100, startsOn });
		expect(parsed.success).toBe(ok);
		if (!ok) expect(parsed.error!.issues[0]).toMatchObject({ path: ['startsOn'] });
	});
});
