// The chart preparation: labels, units in axis titles, gaps kept as null, one colour per model.
import type { ChartDataset } from 'chart.js';
import { describe, expect, test } from 'vitest';
import { formatRateWithInterval } from '../../src/lib/format';
import {
	costPerKeptClipChart,
	keepRateChart,
	weeklySpendChart,
	type ModelInput,
	type WeekInput
} from '../../src/lib/charts/prepare';
import { modelColours, PALETTE } from '../../src/lib/charts/palette';
import { weekLabel } from '../../src/lib/format';

const model = (over: Partial<ModelInput> & Pick<ModelInput, 'model'>): ModelInput => ({
	displayName: over.model.toUpperCase(),
	decided: 10,
	kept: 5,
	keepRate: 0.5,
	keepRateInterval: [0.22, 0.78],
	costPerKeptClipUsd: 1.2,
	...over
});

const fast = model({ model: 'veo-3.1-fast-generate-preview', displayName: 'Veo 3.1 Fast' });
const standard = model({
	model: 'veo-3.1-generate-preview',
	displayName: 'Veo 3.1',
	keepRate: 0.64,
	keepRateInterval: [0.523, 0.751],
	costPerKeptClipUsd: 2.5
});
// Everything decided was rejected: no kept clip, so no cost per kept clip.
const nothingKept = model({
	model: 'sora-2',
	displayName: 'Sora 2',
	kept: 0,
	keepRate: 0,
	costPerKeptClipUsd: null
});
// Everything still pending: no keep rate at all.
const allPending = model({
	model: 'sora-2-pro',
	displayName: 'Sora 2 Pro',
	decided: 0,
	kept: 0,
	keepRate: null,
	keepRateInterval: null,
	costPerKeptClipUsd: null
});
const models = [fast, standard, nothingKept, allPending];

describe('cost per kept clip chart', () => {
	const chart = costPerKeptClipChart(models);
	const data = chart.config.data.datasets[0].data;

	test('labels the bars with the models display names, in the order given', () => {
		expect(chart.config.data.labels).toEqual(['Veo 3.1 Fast', 'Veo 3.1', 'Sora 2', 'Sora 2 Pro']);
	});

	test.each([
		['a model with kept clips has its cost', 0, 1.2, '$1.20'],
		['a model with kept clips has its cost', 1, 2.5, '$2.50'],
		['a model with nothing kept has a gap, not 0', 2, null, 'no kept clip'],
		['a model with nothing decided has a gap, not 0', 3, null, 'no kept clip']
	])('%s (row %i)', (_what, row, value, label) => {
		expect(data[row]).toBe(value);
		expect(chart.valueLabels[row]).toBe(label);
	});

	test('says why a model has no bar', () => {
		expect(chart.notes).toEqual([
			'Sora 2: no kept clip yet, so no cost per kept clip.',
			'Sora 2 Pro: no kept clip yet, so no cost per kept clip.'
		]);
	});

	test('puts the unit in the axis title and draws horizontal bars', () => {
		expect(chart.config.options?.indexAxis).toBe('y');
		expect(chart.config.options?.scales?.x?.title).toMatchObject({
			display: true,
			text: 'USD per kept clip'
		});
	});
});

describe('keep rate chart', () => {
	const chart = keepRateChart(models);
	const [rates, intervals] = chart.config.data.datasets;

	test.each([
		['Veo 3.1 Fast', 0, 50, [22, 78]],
		['Veo 3.1', 1, 64, [52.3, 75.1]],
		['Sora 2 (kept none: a true 0%)', 2, 0, [22, 78]],
		['Sora 2 Pro (nothing decided: a gap)', 3, null, null]
	])('%s: rate and 95%% interval in percent', (_name, row, rate, interval) => {
		expect(rates.data[row]).toBe(rate);
		expect(intervals.data[row]).toEqual(interval);
	});

	test('draws the rate as a dot over a floating bar for the interval, with a legend', () => {
		expect(rates).toMatchObject({ type: 'line', showLine: false, label: 'Keep rate' });
		expect(intervals).toMatchObject({ type: 'bar', label: '95% interval', grouped: false });
		expect(chart.config.options?.plugins?.legend).toMatchObject({ position: 'bottom' });
	});

	test('runs the axis from 0 to 100% of decided attempts', () => {
		const x = chart.config.options?.scales?.x;
		expect(x).toMatchObject({ min: 0, max: 100, title: { text: 'Keep rate (% of decided attempts)' } });
	});

	test('says why a model has no dot', () => {
		expect(chart.notes).toEqual(['Sora 2 Pro: no decided attempt yet, so no keep rate.']);
	});
});

describe('weekly spend chart', () => {
	const weeks = ['2025-11-10', '2025-11-17', '2025-11-24'];
	const rows: WeekInput[] = [
		{ week: '2025-11-10', model: fast.model, spendUsd: 12.5 },
		{ week: '2025-11-24', model: fast.model, spendUsd: 3 },
		{ week: '2025-11-17', model: standard.model, spendUsd: 40 }
	];
	const chart = weeklySpendChart(weeks, rows, [fast, standard], undefined, 'Europe/Paris');

	test.each([
		['2025-11-10', 'W46 · 10 Nov'],
		['2025-11-17', 'W47 · 17 Nov'],
		['2025-12-29', 'W01 · 29 Dec'],
		['2026-01-05', 'W02 · 5 Jan']
	])('labels the week of %s as %s', (monday, label) => {
		expect(weekLabel(monday)).toBe(label);
	});

	test('has one x label per week, in order', () => {
		expect(chart.config.data.labels).toEqual(['W46 · 10 Nov', 'W47 · 17 Nov', 'W48 · 24 Nov']);
	});

	test.each([
		['Veo 3.1 Fast', 0, [12.5, null, 3]],
		['Veo 3.1', 1, [null, 40, null]]
	])('%s: spend per week, null where the model was not used', (label, index, data) => {
		expect(chart.config.data.datasets[index]).toMatchObject({ label, data });
	});

	test('stacks by model, with units and the time zone in the axis titles', () => {
		const { x, y } = chart.config.options?.scales ?? {};
		expect(x).toMatchObject({ stacked: true, title: { text: 'ISO week (starts Monday, Europe/Paris)' } });
		expect(y).toMatchObject({ stacked: true, title: { text: 'Spend (USD per week)' } });
	});
});

describe('colours', () => {
	const names = models.map((m) => m.model);
	const colours = modelColours(names);

	test.each(names)('%s has the same colour in every chart', (name) => {
		const row = names.indexOf(name);
		const cost = costPerKeptClipChart(models, colours).config.data.datasets[0].backgroundColor as string[];
		const dots = keepRateChart(models, colours).config.data.datasets[0] as ChartDataset<'line'>;
		const rate = dots.pointBackgroundColor as string[];
		const weekly = weeklySpendChart(['2025-11-17'], [], models, colours).config.data.datasets[row];
		expect(cost[row]).toBe(colours.get(name));
		expect(rate[row]).toBe(colours.get(name));
		expect(weekly.backgroundColor).toBe(colours.get(name));
	});

	// A workspace's catalog as the layout loads it: family by family, cheapest tier first.
	const catalog = [
		'kling-v3.0-std',
		'kling-v3.0-pro',
		'ltx-2-fast',
		'ltx-2-pro',
		'gen4_turbo',
		'gen4_aleph',
		'sora-2',
		'sora-2-pro',
		'veo-3.1-lite-generate-preview',
		'veo-3.1-fast-generate-preview',
		'veo-3.1-generate-preview'
	];
	const pages = [
		['the overview (six models)', catalog.slice(0, 6)],
		['a project report (two models)', ['kling-v3.0-pro', 'kling-v3.0-std']],
		['the shots page (one model)', ['kling-v3.0-std']],
		['a filter that keeps the Veo family', catalog.slice(8)],
		['every model, in another order', [...catalog].reverse()]
	] as const;

	test.each(pages)(
		'gives a model the same colour whatever other models %s shows (issue 13: orange on one page, blue on another)',
		(_page, shown) => {
			const everywhere = modelColours(catalog);
			const here = modelColours(catalog, shown);
			for (const model of shown) expect(here.get(model)).toBe(everywhere.get(model));
		}
	);

	test('gives the tiers of a family, shown side by side, distinct palette colours', () => {
		const c = modelColours(catalog);
		for (const family of [catalog.slice(0, 2), catalog.slice(2, 4), catalog.slice(8, 11)]) {
			expect(new Set(family.map((m) => c.get(m))).size).toBe(family.length);
		}
		expect(new Set(catalog.slice(0, 8).map((m) => c.get(m))).size).toBe(8);
		for (const colour of c.values()) expect(PALETTE).toContain(colour);
	});

	test('colours a model outside the catalog by its id alone', () => {
		const alone = modelColours(catalog, ['my-own-model']).get('my-own-model');
		expect(PALETTE).toContain(alone);
		expect(modelColours(catalog.slice(3), ['sora-2', 'my-own-model']).get('my-own-model')).toBe(alone);
		expect(modelColours([], ['my-own-model', ...catalog]).get('my-own-model')).toBe(alone);
	});

	test('counts a model listed twice once', () => {
		expect(Object.fromEntries(modelColours([...catalog, catalog[0]]))).toEqual(
			Object.fromEntries(modelColours(catalog))
		);
	});
});

test.each([
	[0.64, [0.523, 0.751] as [number, number], '64% (52–75%)'],
	[0, [0, 0.2] as [number, number], '0% (0–20%)'],
	[0.5, null, '50%'],
	[null, null, '—']
])('shows a keep rate of %s with its interval as %s', (rate, interval, shown) => {
	expect(formatRateWithInterval(rate, interval)).toBe(shown);
});
