// The Pareto of reject categories (charts/reasons.ts): wrapped labels, running shares, money on the axis.
import { describe, expect, test } from 'vitest';
import { cumulativeShares, reasonsPareto, wrapLabel } from '../../src/lib/charts/reasons';

describe('wrapLabel', () => {
	test.each([
		['Faces', ['Faces']],
		['Hands and anatomy', ['Hands and', 'anatomy']],
		['Flicker and temporal consistency', ['Flicker and', 'temporal', 'consistency']]
	])('%s', (label, lines) => {
		expect(wrapLabel(label)).toEqual(lines);
	});
});

describe('cumulativeShares', () => {
	test.each([
		[
			[3, 1],
			[0.75, 1]
		],
		[
			[0, 0],
			[null, null]
		],
		[[], []]
	])('%j gives %j', (spend, shares) => {
		expect(cumulativeShares(spend.map((wastedSpendUsd) => ({ wastedSpendUsd })))).toEqual(shares);
	});
});

const unpriced = { reviewSeconds: 0, wastedLaborUsd: null, wastedAllInUsd: null };

test('the Pareto draws wasted spend in USD, biggest first as given, failed generations in grey', () => {
	const chart = reasonsPareto([
		{ category: 'faces', label: 'Faces', attempts: 3, share: 0.75, wastedSpendUsd: 3, ...unpriced },
		{
			category: 'failed',
			label: 'Failed generation',
			attempts: 1,
			share: 0.25,
			wastedSpendUsd: 1,
			...unpriced
		}
	]);
	expect(chart.config.data.datasets[0].data).toEqual([3, 1]);
	expect(chart.config.data.datasets[0].backgroundColor).toEqual(['#b45309', '#9ca3af']);
	expect(chart.config.options?.scales?.x?.title).toMatchObject({ text: 'Wasted spend (USD)' });
	expect(chart.valueLabels).toEqual(['$3.00 · 75%', '$1.00 · 100%']);
});
