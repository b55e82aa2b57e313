// The pricing rule of docs/figures.md#cost-of-an-attempt, on a hand-made price book.
import { describe, expect, test } from 'vitest';
import { canonicalModel, priceAttempt, type PriceBook } from '../../src/lib/server/catalog/price-book';

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
const book: PriceBook = {
	aliases: new Map([['clip-1-2025-01-01', 'clip-1']]),
	models: new Map([
		['clip-1', { family: 'clip', tier: 0, failedAttemptsBilled: false }],
		['clip-pro', { family: 'clip', tier: 1, failedAttemptsBilled: true }]
	]),
	prices: new Map([
		[
			'clip-1',
			[
				{ resolution: '*', effectiveFromMs: day('2026-06-01'), microsPerSecond: 50_000 },
				{ resolution: '1920x1080', effectiveFromMs: day('2026-01-01'), microsPerSecond: 120_000 },
				{ resolution: '*', effectiveFromMs: day('2026-01-01'), microsPerSecond: 100_000 }
			]
		],
		['clip-pro', [{ resolution: '1280x720', effectiveFromMs: day('2026-01-01'), microsPerSecond: 300_000 }]]
	])
};

const input = (extra: Partial<Parameters<typeof priceAttempt>[1]>) => ({
	model: 'clip-1',
	durationSeconds: 8,
	status: 'succeeded' as const,
	createdAtMs: day('2026-03-01'),
	...extra
});

describe('pricing an attempt', () => {
	test.each([
		['the reported cost wins', input({ costMicros: 12_345 }), 12_345, 'reported'],
		['a reported cost of 0 is a cost', input({ costMicros: 0 }), 0, 'reported'],
		['any-resolution price', input({ resolution: '1280x720' }), 800_000, 'price_book'],
		['no resolution takes the any-resolution price', input({}), 800_000, 'price_book'],
		['an exact resolution wins over any', input({ resolution: '1920x1080' }), 960_000, 'price_book'],
		[
			'the newer any price applies from its date',
			input({ createdAtMs: day('2026-06-01') }),
			400_000,
			'price_book'
		],
		[
			'fractional seconds round to the micro-dollar',
			input({ durationSeconds: 4.0000031 }),
			400_000,
			'price_book'
		],
		['a failed attempt is free by default', input({ status: 'failed' }), 0, 'price_book'],
		[
			'a failed attempt is billed where the provider bills it',
			input({ model: 'clip-pro', resolution: '1280x720', status: 'failed' }),
			2_400_000,
			'price_book'
		]
	])('%s', (_name, attempt, micros, source) => {
		expect(priceAttempt(book, attempt)).toEqual({ ok: true, costMicros: micros, costSource: source });
	});

	test.each([
		[
			'before any price',
			input({ createdAtMs: day('2025-12-31') }),
			/no price for model "clip-1" at no resolution given on 2025-12-31/
		],
		[
			'a resolution the book does not price',
			input({ model: 'clip-pro', resolution: '3840x2160' }),
			/clip-pro.*3840x2160/
		],
		['an unknown model', input({ model: 'mystery' }), /model "mystery" is not in the price book/]
	])('refuses %s with a message naming model and resolution', (_name, attempt, message) => {
		const priced = priceAttempt(book, attempt);
		expect(priced.ok).toBe(false);
		if (!priced.ok) expect(priced.message).toMatch(message);
	});

	test('aliases map to their model', () => {
		expect(canonicalModel(book, 'clip-1-2025-01-01')).toBe('clip-1');
		expect(canonicalModel(book, 'clip-9')).toBe('clip-9');
	});
});
