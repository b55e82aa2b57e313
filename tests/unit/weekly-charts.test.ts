// The weekly review's and the project report's charts: budget lines, where the money went, the cost trend
// with its interval band, and the small figures they rest on. Gaps stay null, never 0.
import { describe, expect, test } from 'vitest';
import {
	budgetChart,
	budgetPerWeek,
	costInterval,
	BANDS_ITEM,
	costTrendChart,
	niceCeil,
	toggleTrend,
	trendLegend,
	percentChange,
	spendSplit,
	wastedChart,
	type BudgetRow,
	type TrendRow
} from '../../src/lib/charts/weekly';
import { formatChange } from '../../src/lib/format';
import { emptyCounts, type Counts } from '../../src/lib/metrics/figures';

test.each([
	['spend doubled', 10, 5, 1],
	['spend halved', 5, 10, -0.5],
	['nothing spent this week', 0, 5, -1],
	['nothing last week: no comparison', 5, 0, null],
	['no figure this week (nothing kept)', null, 5, null],
	['no figure last week', 5, null, null]
])('percent change: %s', (_what, now, before, change) => {
	expect(percentChange(now, before)).toBe(change);
});

test.each([
	[0.123, '+12%'],
	[-0.08, '−8%'],
	[0.004, '0%'],
	[-0.004, '0%'],
	[2, '+200%'],
	[null, '—']
])('shows a change of %s as %s', (change, shown) => {
	expect(formatChange(change)).toBe(shown);
});

describe('budget per week', () => {
	const weeks = ['2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09'];
	const weekly = (amountUsd: number, startsOn: string, createdAt?: string): BudgetRow => ({
		period: 'week',
		amountUsd,
		startsOn,
		createdAt
	});
	const monthly = (amountUsd: number, startsOn: string): BudgetRow => ({
		period: 'month',
		amountUsd,
		startsOn
	});

	test.each<[string, BudgetRow[], (number | null)[], (number | null)[]]>([
		['no budget: no line at all', [], [null, null, null, null], [null, null, null, null]],
		[
			'a weekly budget applies from the week it starts in',
			[weekly(100, '2026-11-04')],
			[null, null, 100, 100],
			[null, null, null, null]
		],
		[
			'the newest weekly budget wins',
			[weekly(100, '2026-10-01'), weekly(80, '2026-11-02')],
			[100, 100, 80, 80],
			[null, null, null, null]
		],
		[
			'of two starting the same day, the one created last wins',
			[weekly(50, '2026-10-01', '2026-10-01T10:00:00Z'), weekly(70, '2026-10-01', '2026-10-02T10:00:00Z')],
			[70, 70, 70, 70],
			[null, null, null, null]
		],
		[
			// October: 310 / 31 = 10 a day; November: 600 / 30 = 20 a day. 26 Oct–1 Nov: 6 × 10 + 1 × 20.
			'a monthly budget is spread over the days of each month, across a month boundary',
			[monthly(310, '2026-10-01'), monthly(600, '2026-11-01')],
			[null, null, null, null],
			[70, 80, 140, 140]
		],
		[
			'a weekly budget takes precedence over a monthly one',
			[monthly(310, '2026-10-01'), weekly(90, '2026-11-02')],
			[null, null, 90, 90],
			[70, 70.33, null, null]
		]
	])('%s', (_what, budgets, expectedWeekly, expectedMonthly) => {
		expect(budgetPerWeek(weeks, budgets)).toEqual({ weekly: expectedWeekly, monthly: expectedMonthly });
	});
});

describe('spend split', () => {
	const counts = (segment: string, over: Partial<Counts>) => ({ ...emptyCounts(), segment, ...over });
	const rows = [
		counts('2026-11-02', {
			spendMicros: 5_000_000,
			decidedSpendMicros: 4_000_000,
			keptSpendMicros: 1_500_000
		}),
		counts('2026-11-02', {
			spendMicros: 1_000_000,
			decidedSpendMicros: 1_000_000,
			keptSpendMicros: 1_000_000
		}),
		counts('2026-11-16', { spendMicros: 300_000, decidedSpendMicros: 0, keptSpendMicros: 0 })
	];
	const split = spendSplit(['2026-11-02', '2026-11-09', '2026-11-16'], rows);

	test.each([
		['two models in one week add up', 0, { keptUsd: 2.5, wastedUsd: 2.5, pendingUsd: 1, spendUsd: 6 }],
		['a week without attempts is a gap', 1, null],
		[
			'a week still all in review is all pending',
			2,
			{ keptUsd: 0, wastedUsd: 0, pendingUsd: 0.3, spendUsd: 0.3 }
		]
	])('%s', (_what, i, expected) => {
		expect(split[i]).toEqual(expected === null ? null : expect.objectContaining(expected));
	});
});

test.each([
	['nothing kept: no interval', { kept: 0, costPerAttemptUsd: 1, keepRateInterval: [0.01, 0.3] }, null],
	['nothing decided: no interval', { kept: 0, costPerAttemptUsd: null, keepRateInterval: null }, null],
	[
		'cost per attempt over the keep rate bounds',
		{ kept: 3, costPerAttemptUsd: 1, keepRateInterval: [0.25, 0.5] },
		[2, 4]
	],
	[
		'a sure keep rate of 1 gives the cost per attempt',
		{ kept: 9, costPerAttemptUsd: 0.5, keepRateInterval: [1, 1] },
		[0.5, 0.5]
	]
] as const)('cost per kept clip interval: %s', (_what, row, expected) => {
	const r = {
		...row,
		costPerKeptClipUsd: null,
		keepRateInterval: row.keepRateInterval as [number, number] | null
	};
	expect(costInterval(r)).toEqual(expected);
});

test.each([
	[0, 1],
	[0.7, 1],
	[3, 5],
	[20, 20],
	[21, 25],
	[26.25, 50],
	[100, 100]
])('a tidy axis top for %s is %s', (v, top) => {
	expect(niceCeil(v)).toBe(top);
});

const models = [
	{ model: 'kling-v3.0-std', displayName: 'Kling 3.0 Standard' },
	{ model: 'kling-v3.0-pro', displayName: 'Kling 3.0 Pro' }
];

describe('spend against the budget chart', () => {
	const weeks = ['2026-11-02', '2026-11-09'];
	const rows = [
		{ week: '2026-11-02', model: 'kling-v3.0-std', spendUsd: 12 },
		{ week: '2026-11-09', model: 'kling-v3.0-pro', spendUsd: 30 }
	];

	test('stacks spend by model and leaves a model without attempts that week as a gap', () => {
		const chart = budgetChart(weeks, rows, models, []);
		const [std, pro] = chart.config.data.datasets;
		expect(std.data).toEqual([12, null]);
		expect(pro.data).toEqual([null, 30]);
		expect(chart.config.data.labels).toEqual(['W45 · 2 Nov', 'W46 · 9 Nov']);
	});

	test.each<[string, BudgetRow[], string[], string[], string]>([
		['no budget: no line, and a note says so', [], [], ['No budget applies'], 'Spend per week by model'],
		[
			'a weekly budget: a solid line',
			[{ period: 'week', amountUsd: 40, startsOn: '2026-11-01' }],
			['Weekly budget'],
			[],
			'Spend per week against the budget'
		],
		[
			'a monthly budget: a dashed pro-rata line, explained',
			[{ period: 'month', amountUsd: 300, startsOn: '2026-11-01' }],
			['Monthly budget ÷ days, pro rata per week'],
			['Dashed line'],
			'Spend per week against the budget'
		]
	])('%s', (_what, budgets, lines, notes, title) => {
		const chart = budgetChart(weeks, rows, models, budgets);
		// Issue 13: the title named a budget the chart did not draw.
		expect(chart.title).toBe(title);
		const drawn = chart.config.data.datasets.filter((d) => d.type === 'line');
		expect(drawn.map((d) => d.label)).toEqual(lines);
		// The budget is its own stack: it is drawn at its amount, not on top of the spend.
		for (const line of drawn) expect(line).toMatchObject({ stack: 'budget' });
		expect(chart.notes.length).toBe(notes.length);
		notes.forEach((n, i) => expect(chart.notes[i]).toContain(n));
	});

	test('titles both axes with their units', () => {
		const { scales } = budgetChart(weeks, rows, models, []).config.options!;
		expect(scales?.y?.title).toMatchObject({ display: true, text: 'Spend (USD per ISO week)' });
		expect(scales?.x?.title).toMatchObject({ display: true, text: 'ISO week (starts Monday, UTC)' });
	});
});

describe('wasted vs useful chart', () => {
	const weeks = ['2026-11-02', '2026-11-09'];
	const split = [{ week: '2026-11-02', keptUsd: 2.5, wastedUsd: 2.5, pendingUsd: 1, spendUsd: 6 }, null];
	const chart = wastedChart(weeks, split, 'Europe/Paris');

	test.each([
		['Kept (useful)', [2.5, null]],
		['Wasted (rejected or failed)', [2.5, null]],
		['Pending review', [1, null]]
	])('%s per week, a gap where nothing was made', (label, data) => {
		expect(chart.config.data.datasets.find((d) => d.label === label)?.data).toEqual(data);
	});

	test('says the unit and the time zone on the axes', () => {
		const { scales } = chart.config.options!;
		expect(scales?.y?.title).toMatchObject({ text: 'Spend (USD per ISO week)' });
		expect(scales?.x?.title).toMatchObject({ text: 'ISO week (starts Monday, Europe/Paris)' });
		expect(chart.summary).toContain('W46 · 9 Nov: no attempts');
	});
});

describe('cost per kept clip trend', () => {
	const weeks = ['2026-11-02', '2026-11-09', '2026-11-16'];
	const row = (week: string, model: string, over: Partial<TrendRow>): TrendRow => ({
		week,
		model,
		kept: 2,
		costPerAttemptUsd: 1,
		costPerKeptClipUsd: 2,
		keepRateInterval: [0.25, 0.5],
		...over
	});
	const rows = [
		row('2026-11-02', 'kling-v3.0-std', {}),
		// Decided but nothing kept: no point and no band that week.
		row('2026-11-09', 'kling-v3.0-std', { kept: 0, costPerKeptClipUsd: null, keepRateInterval: [0.01, 0.4] }),
		row('2026-11-16', 'kling-v3.0-std', { costPerKeptClipUsd: 4, keepRateInterval: [0.02, 0.9] }),
		row('2026-11-02', 'kling-v3.0-pro', {
			costPerKeptClipUsd: 1.5,
			costPerAttemptUsd: 1.2,
			keepRateInterval: [0.6, 0.96]
		})
	];
	const chart = costTrendChart(weeks, rows, models);
	const [upper, lower, line, , , proLine] = chart.config.data.datasets;

	test.each([
		['the line', line.data, [2, null, 4]],
		['the upper bound (cost per attempt ÷ low keep rate)', upper.data, [4, null, 50]],
		['the lower bound (cost per attempt ÷ high keep rate)', lower.data, [2, null, 1 / 0.9]],
		['a model with one week only', proLine.data, [1.5, null, null]]
	])('%s has gaps, never 0, where nothing was kept', (_what, data, expected) => {
		expect(data).toHaveLength(3);
		(data as (number | null)[]).forEach((v, i) => {
			if (expected[i] === null) expect(v).toBeNull();
			else expect(v).toBeCloseTo(expected[i]!, 9);
		});
	});

	test('fills the band between the two bounds and keeps the lines unjoined across gaps', () => {
		expect(lower).toMatchObject({ fill: '-1' });
		for (const d of [upper, lower, line]) expect(d).toMatchObject({ spanGaps: false });
	});

	test('fits the axis to the lines, not to a wide band, and says where a band goes higher', () => {
		// Largest point 4: the axis stops at a tidy top over 1.1 × 4, far under the $50 upper bound.
		expect(chart.config.options?.scales?.y).toMatchObject({
			max: 5,
			title: { text: 'Cost per kept clip (USD)' }
		});
		expect(chart.notes).toContain(
			'Some 95% intervals reach past $5.00, the top of an axis fitted to the lines, so the bands start hidden: click "95% intervals" in the legend to show them; a point\'s tooltip gives its interval.'
		);
		expect(chart.notes).toContain('Kling 3.0 Standard: nothing kept in W46 · 9 Nov, so no point there.');
	});

	test('draws the lines over light bands (issue 13: the chart was mostly bands)', () => {
		expect(line).toMatchObject({ order: 0, borderWidth: 3 });
		for (const band of [upper, lower]) expect(band).toMatchObject({ order: 1, borderWidth: 0 });
		const alpha = Number(/, ([\d.]+)\)$/.exec(String(lower.backgroundColor))?.[1]);
		expect(alpha).toBeGreaterThan(0);
		expect(alpha).toBeLessThanOrEqual(0.1);
	});

	/** A stand-in for the Chart instance: which datasets are visible, as the legend reads and sets them. */
	const visibility = () => {
		const visible = chart.config.data.datasets.map((d) => !d.hidden);
		return {
			visible,
			isDatasetVisible: (i: number) => visible[i],
			setDatasetVisibility: (i: number, v: boolean) => void (visible[i] = v),
			update: () => {}
		};
	};

	test('starts with the bands hidden when they are wider than the axis, the lines shown', () => {
		expect(visibility().visible).toEqual([false, false, true, false, false, true]);
	});

	test('lists each model, then one item for every 95% band, in the legend', () => {
		const items = trendLegend(visibility(), models, new Map());
		expect(items.map((i) => [i.text, i.datasetIndex, i.hidden])).toEqual([
			['Kling 3.0 Standard', 2, false],
			['Kling 3.0 Pro', 5, false],
			['95% intervals', BANDS_ITEM, true]
		]);
	});

	test('"95% intervals" shows every band and hides them again; a model hides only its line', () => {
		const state = visibility();
		const [std, , bands] = trendLegend(state, models, new Map());
		toggleTrend(state, bands, models.length);
		expect(state.visible).toEqual([true, true, true, true, true, true]);
		toggleTrend(state, bands, models.length);
		expect(state.visible).toEqual([false, false, true, false, false, true]);
		toggleTrend(state, std, models.length);
		expect(state.visible).toEqual([false, false, false, false, false, true]);
	});

	test('shows the bands from the start when every interval fits the axis', () => {
		const narrow = costTrendChart(
			weeks,
			[row('2026-11-02', 'kling-v3.0-std', { keepRateInterval: [0.4, 0.6] })],
			models
		);
		expect(narrow.config.data.datasets.map((d) => !d.hidden)).toEqual([true, true, true, true, true, true]);
		expect(narrow.notes).toEqual([]);
	});
});
