import { describe, expect, test } from 'vitest';
import { microsToUsd, perUnitUsd, usdToMicros } from '../../src/lib/metrics/money';
import { formatUsd } from '../../src/lib/format';

describe('money in micro-dollars', () => {
	test.each([
		[0, 0],
		[0.1, 100_000],
		[0.3, 300_000],
		[1.005, 1_005_000],
		[0.1234565, 123_457],
		[0.0000004, 0],
		[0.0000005, 1],
		[19.99, 19_990_000],
		[123456.789012, 123_456_789_012]
	])('%f USD is %i micro-dollars', (usd, micros) => {
		expect(usdToMicros(usd)).toBe(micros);
	});

	test.each([
		[3_566_666.666, 3.566667],
		[445_833.333, 0.445833],
		[0.4, 0],
		[null, null]
	])('a per-unit figure of %s micro-dollars is %s USD, rounded to the micro-dollar', (micros, usd) => {
		expect(perUnitUsd(micros)).toBe(usd);
	});

	test('micro-dollars convert back exactly', () => {
		expect(microsToUsd(10_700_000)).toBe(10.7);
	});

	test.each([
		[null, '—'],
		[0, '$0.00'],
		[0.125, '$0.125'],
		[3.5, '$3.50'],
		[1234.5, '$1,234.50']
	])('formats %s as %s', (usd, text) => {
		expect(formatUsd(usd)).toBe(text);
	});
});
