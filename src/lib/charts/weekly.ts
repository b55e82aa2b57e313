// The weekly review's and the project report's charts: data -> Chart.js configuration. Pure (no DOM, no
// Chart instance). Money arrives as micro-dollar counts or USD figures; a missing figure stays null.
import type { ChartConfiguration, LegendItem, TooltipItem } from 'chart.js';
import type { Counts } from '$lib/metrics/figures';
import { formatUsd, weekLabel } from '$lib/format';
import { microsToUsd } from '$lib/metrics/money';
import { addDays } from '$lib/metrics/weeks';
import { modelColours, withAlpha } from './palette';
import { axisTitle, FALLBACK_COLOUR, GRID, INK, usdTick, type PreparedChart } from './shared';

type Mixed = ChartConfiguration<'bar' | 'line', (number | null)[], string>;
type Model = { model: string; displayName: string };

/** (now - before) / before; null when there is nothing to compare with (before 0 or missing). */
export function percentChange(now: number | null, before: number | null): number | null {
	return now === null || before === null || before === 0 ? null : (now - before) / before;
}

export interface BudgetRow {
	period: 'week' | 'month';
	amountUsd: number;
	/** First day the budget applies, YYYY-MM-DD. */
	startsOn: string;
	createdAt?: string;
}

const newestFirst = (a: BudgetRow, b: BudgetRow) =>
	b.startsOn.localeCompare(a.startsOn) || (b.createdAt ?? '').localeCompare(a.createdAt ?? '');

/** The budget of a period in force: the one that started last, on or before the period's end. */
const inForce = (budgets: BudgetRow[], period: BudgetRow['period'], next: string) =>
	budgets.filter((b) => b.period === period && b.startsOn < next).sort(newestFirst)[0];

const nextMonth = (day: string) => {
	const [y, m] = day.split('-').map(Number);
	return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * The budget line of each week, as the review applies it: the weekly budget where there is one; else the
 * monthly budget pro rata, each day of the week taking 1/(days in its month). Null: no budget.
 */
export function budgetPerWeek(weeks: string[], budgets: BudgetRow[]) {
	const weekly: (number | null)[] = [];
	const monthly: (number | null)[] = [];
	for (const monday of weeks) {
		const week = inForce(budgets, 'week', addDays(monday, 7));
		weekly.push(week ? week.amountUsd : null);
		let share: number | null = null;
		for (let d = 0; !week && d < 7; d++) {
			const day = addDays(monday, d);
			const month = inForce(budgets, 'month', nextMonth(day));
			const days = Number(addDays(nextMonth(day), -1).slice(8));
			if (month) share = (share ?? 0) + month.amountUsd / days;
		}
		monthly.push(share === null ? null : Math.round(share * 100) / 100);
	}
	return { weekly, monthly };
}

export interface SpendSplit {
	week: string;
	keptUsd: number;
	wastedUsd: number;
	pendingUsd: number;
	spendUsd: number;
}

/** Per week: spend on kept takes, on rejected or failed ones (wasted), on takes still in review. */
export function spendSplit(weeks: string[], rows: (Counts & { segment: string })[]): (SpendSplit | null)[] {
	return weeks.map((week) => {
		const mine = rows.filter((r) => r.segment === week);
		if (mine.length === 0) return null;
		const sum = (k: keyof Counts) => mine.reduce((s, r) => s + r[k], 0);
		const [spend, decided, kept] = [sum('spendMicros'), sum('decidedSpendMicros'), sum('keptSpendMicros')];
		return {
			week,
			keptUsd: microsToUsd(kept),
			wastedUsd: microsToUsd(decided - kept),
			pendingUsd: microsToUsd(spend - decided),
			spendUsd: microsToUsd(spend)
		};
	});
}

const weekAxis = (timeZone: string) => ({
	stacked: true,
	title: axisTitle(`ISO week (starts Monday, ${timeZone})`),
	grid: { display: false }
});
const usdAxis = (text: string, extra: object = {}) => ({
	beginAtZero: true,
	title: axisTitle(text),
	ticks: { callback: usdTick },
	grid: { color: GRID },
	...extra
});
const legend = { position: 'bottom' as const, labels: { usePointStyle: true } };
const usdLabel = (item: TooltipItem<'bar' | 'line'>) => `${item.dataset.label}: ${formatUsd(item.parsed.y)}`;

/** Spend per ISO week stacked by model, with the budget of each week as a line (none: no line, a note). */
export function budgetChart(
	weeks: string[],
	rows: { week: string; model: string; spendUsd: number }[],
	models: Model[],
	budgets: BudgetRow[],
	timeZone = 'UTC',
	colours = modelColours(models.map((m) => m.model))
) {
	const spend = new Map(rows.map((r) => [`${r.week}|${r.model}`, r.spendUsd]));
	const line = budgetPerWeek(weeks, budgets);
	const budgetLine = (label: string, data: (number | null)[], dash: number[]) => ({
		type: 'line' as const,
		label,
		data,
		stack: 'budget',
		borderColor: INK,
		backgroundColor: INK,
		borderWidth: 2,
		borderDash: dash,
		pointRadius: 14,
		pointHoverRadius: 14,
		pointBorderWidth: 2,
		pointStyle: 'line' as const,
		spanGaps: false,
		order: -1
	});
	const lines = [
		...(line.weekly.some((v) => v !== null) ? [budgetLine('Weekly budget', line.weekly, [])] : []),
		...(line.monthly.some((v) => v !== null)
			? [budgetLine('Monthly budget ÷ days, pro rata per week', line.monthly, [6, 4])]
			: [])
	];
	const config: Mixed = {
		type: 'bar',
		data: {
			labels: weeks.map(weekLabel),
			datasets: [
				...models.map((m) => ({
					type: 'bar' as const,
					label: m.displayName,
					data: weeks.map((w) => spend.get(`${w}|${m.model}`) ?? null),
					backgroundColor: colours.get(m.model) ?? FALLBACK_COLOUR,
					borderColor: '#ffffff',
					borderWidth: { top: 1 },
					stack: 'spend',
					maxBarThickness: 56
				})),
				...lines
			]
		},
		options: {
			interaction: { mode: 'index', intersect: false },
			plugins: { legend, tooltip: { callbacks: { label: usdLabel } } },
			scales: { x: weekAxis(timeZone), y: usdAxis('Spend (USD per ISO week)', { stacked: true }) }
		}
	};
	const totals = weeks.map((w) => models.reduce((s, m) => s + (spend.get(`${w}|${m.model}`) ?? 0), 0));
	const budgetOf = (i: number) => line.weekly[i] ?? line.monthly[i];
	return {
		// The title says what is drawn: no budget line, no "against the budget".
		title: lines.length === 0 ? 'Spend per week by model' : 'Spend per week against the budget',
		description: 'All attempts, pending review included, in USD per ISO week, stacked by model.',
		summary: weeks
			.map((w, i) => {
				const b = budgetOf(i);
				return `${weekLabel(w)}: ${formatUsd(totals[i])}${b === null ? '' : ` of ${formatUsd(b)} budget`}`;
			})
			.join('; '),
		notes:
			lines.length === 0
				? ['No budget applies to these weeks, so there is no budget line. Add one in Settings.']
				: line.monthly.some((v) => v !== null)
					? [
							'Dashed line: a monthly budget spread over its days (amount ÷ days in the month × 7), for weeks without a weekly budget.'
						]
					: [],
		height: 320,
		config
	} satisfies PreparedChart<Mixed>;
}

/** Per week, where the money went: kept takes, wasted takes (rejected or failed), takes in review. */
export function wastedChart(weeks: string[], split: (SpendSplit | null)[], timeZone = 'UTC') {
	const series = [
		{ label: 'Kept (useful)', key: 'keptUsd', colour: '#009E73' },
		{ label: 'Wasted (rejected or failed)', key: 'wastedUsd', colour: '#D55E00' },
		{ label: 'Pending review', key: 'pendingUsd', colour: '#9aa3ae' }
	] as const;
	const config: Mixed = {
		type: 'bar',
		data: {
			labels: weeks.map(weekLabel),
			datasets: series.map((s) => ({
				type: 'bar' as const,
				label: s.label,
				data: split.map((w) => (w === null ? null : w[s.key])),
				backgroundColor: s.colour,
				borderColor: '#ffffff',
				borderWidth: { top: 1 },
				maxBarThickness: 56
			}))
		},
		options: {
			interaction: { mode: 'index', intersect: false },
			plugins: { legend, tooltip: { callbacks: { label: usdLabel } } },
			scales: { x: weekAxis(timeZone), y: usdAxis('Spend (USD per ISO week)', { stacked: true }) }
		}
	};
	return {
		title: 'Wasted vs useful spend',
		description: 'Spend per ISO week in USD: on kept takes, on rejected or failed ones, and still in review.',
		summary: split
			.map((w, i) =>
				w === null
					? `${weekLabel(weeks[i])}: no attempts`
					: `${weekLabel(w.week)}: ${formatUsd(w.keptUsd)} kept, ${formatUsd(w.wastedUsd)} wasted, ${formatUsd(w.pendingUsd)} pending`
			)
			.join('; '),
		notes: [],
		height: 300,
		config
	} satisfies PreparedChart<Mixed>;
}

export interface TrendRow {
	week: string;
	model: string;
	kept: number;
	costPerAttemptUsd: number | null;
	costPerKeptClipUsd: number | null;
	keepRateInterval: [number, number] | null;
}

/** The 95% interval of cost per kept clip: costPerAttempt over the keep rate's bounds; null if none kept. */
export function costInterval(r: Omit<TrendRow, 'week' | 'model'>): [number, number] | null {
	const cpa = r.costPerAttemptUsd;
	if (r.kept === 0 || cpa === null || r.keepRateInterval === null) return null;
	const [lo, hi] = r.keepRateInterval;
	return lo > 0 && hi > 0 ? [cpa / hi, cpa / lo] : null;
}

/** A tidy axis top: 1, 2, 2.5 or 5 times a power of ten, at or above v. */
export function niceCeil(v: number): number {
	if (v <= 0) return 1;
	const p = 10 ** Math.floor(Math.log10(v));
	return [1, 2, 2.5, 5, 10].map((m) => m * p).find((c) => c >= v * (1 - 1e-9))!;
}

/**
 * Cost per kept clip per week and model: a bold line, and its 95% interval as a light band behind it. The
 * axis fits the lines, not the bands: an interval from a handful of takes can be ten times the estimate,
 * and an axis stretched to it would flatten every line.
 */
export function costTrendChart(
	weeks: string[],
	rows: TrendRow[],
	models: Model[],
	timeZone = 'UTC',
	colours = modelColours(models.map((m) => m.model))
) {
	const cell = new Map(rows.map((r) => [`${r.week}|${r.model}`, r]));
	const get = (w: string, m: string) => cell.get(`${w}|${m}`);
	const points = rows.flatMap((r) => (r.costPerKeptClipUsd === null ? [] : [r.costPerKeptClipUsd]));
	const uppers = rows.flatMap((r) => costInterval(r)?.[1] ?? []);
	const top = niceCeil(1.1 * Math.max(0, ...points));
	const clipped = uppers.some((u) => u > top);
	// Bands wider than the chart would bury the lines: then they start hidden, one legend click away.
	const showBands = !clipped;
	const datasets = models.flatMap((m) => {
		const colour = colours.get(m.model) ?? FALLBACK_COLOUR;
		const bound = (i: 0 | 1) => weeks.map((w) => costInterval(get(w, m.model) ?? nullRow)?.[i] ?? null);
		const band = {
			type: 'line' as const,
			borderWidth: 0,
			pointRadius: 0,
			pointHitRadius: 0,
			spanGaps: false,
			order: 1,
			hidden: !showBands
		};
		return [
			{ ...band, label: `${m.displayName} 95% upper`, data: bound(1), fill: false },
			{
				...band,
				label: `${m.displayName} 95% interval`,
				data: bound(0),
				fill: '-1',
				backgroundColor: withAlpha(colour, models.length > 2 ? 0.07 : 0.1)
			},
			{
				type: 'line' as const,
				label: m.displayName,
				data: weeks.map((w) => get(w, m.model)?.costPerKeptClipUsd ?? null),
				borderColor: colour,
				backgroundColor: colour,
				borderWidth: 3,
				pointRadius: 4,
				pointBorderColor: '#ffffff',
				pointBorderWidth: 1.5,
				spanGaps: false,
				order: 0
			}
		];
	});
	const config: Mixed = {
		type: 'line',
		data: { labels: weeks.map(weekLabel), datasets },
		options: {
			interaction: { mode: 'index', intersect: false },
			plugins: {
				legend: {
					...legend,
					labels: { ...legend.labels, generateLabels: (chart) => trendLegend(chart, models, colours) },
					onClick: (_event, item, { chart }) => toggleTrend(chart, item, models.length)
				},
				tooltip: {
					filter: (item) => item.datasetIndex % 3 === 2,
					callbacks: {
						label: (item: TooltipItem<'bar' | 'line'>) => {
							const r = get(weeks[item.dataIndex], models[Math.floor(item.datasetIndex / 3)].model);
							const i = r ? costInterval(r) : null;
							const range = i ? ` (95%: ${formatUsd(i[0])}–${formatUsd(i[1])})` : '';
							return `${item.dataset.label}: ${formatUsd(item.parsed.y)} per kept clip${range}`;
						}
					}
				}
			},
			scales: {
				x: { ...weekAxis(timeZone), stacked: false },
				y: usdAxis('Cost per kept clip (USD)', { max: top })
			}
		}
	};
	const missing = models.flatMap((m) => {
		const gaps = weeks.filter((w) => get(w, m.model) && get(w, m.model)!.costPerKeptClipUsd === null);
		return gaps.length
			? [`${m.displayName}: nothing kept in ${gaps.map(weekLabel).join(', ')}, so no point there.`]
			: [];
	});
	return {
		title: 'Cost per kept clip, week by week',
		description:
			'Spend on decided attempts ÷ kept clips, in USD per ISO week. Lines: the estimate; light bands: its 95% interval.',
		summary: models
			.map(
				(m) =>
					`${m.displayName}: ${weeks.map((w) => `${weekLabel(w)} ${formatUsd(get(w, m.model)?.costPerKeptClipUsd ?? null)}`).join(', ')}`
			)
			.join('; '),
		notes: [
			...missing,
			...(clipped
				? [
						`Some 95% intervals reach past ${formatUsd(top)}, the top of an axis fitted to the lines, so the bands start hidden: click "95% intervals" in the legend to show them; a point's tooltip gives its interval.`
					]
				: [])
		],
		height: 320,
		config
	} satisfies PreparedChart<Mixed>;
}

/** The parts of a Chart instance that the trend's legend reads and changes. */
interface Toggles {
	isDatasetVisible(index: number): boolean;
	setDatasetVisibility(index: number, visible: boolean): void;
	update(): void;
}

/** Index of the legend item that shows or hides every 95% band at once. */
export const BANDS_ITEM = -1;

/** One legend item per model line, then one for all the 95% bands together. */
export function trendLegend(chart: Toggles, models: Model[], colours: Map<string, string>): LegendItem[] {
	const band = withAlpha(INK, 0.15);
	return [
		...models.map((m, k) => {
			const colour = colours.get(m.model) ?? FALLBACK_COLOUR;
			return {
				text: m.displayName,
				datasetIndex: 3 * k + 2,
				hidden: !chart.isDatasetVisible(3 * k + 2),
				fillStyle: colour,
				strokeStyle: colour,
				fontColor: INK,
				lineWidth: 0,
				pointStyle: 'circle' as const
			};
		}),
		...(models.length > 0
			? [
					{
						text: '95% intervals',
						datasetIndex: BANDS_ITEM,
						hidden: !chart.isDatasetVisible(1),
						fillStyle: band,
						strokeStyle: band,
						fontColor: INK,
						lineWidth: 0,
						pointStyle: 'rect' as const
					}
				]
			: [])
	];
}

/** A model's item shows or hides its line; the intervals item shows or hides every band. */
export function toggleTrend(chart: Toggles, item: LegendItem, models: number): void {
	if (item.datasetIndex === BANDS_ITEM) {
		const show = !chart.isDatasetVisible(1);
		for (let k = 0; k < models; k++) {
			chart.setDatasetVisibility(3 * k, show);
			chart.setDatasetVisibility(3 * k + 1, show);
		}
	} else if (item.datasetIndex !== undefined) {
		chart.setDatasetVisibility(item.datasetIndex, !chart.isDatasetVisible(item.datasetIndex));
	}
	chart.update();
}

const nullRow = { kept: 0, costPerAttemptUsd: null, costPerKeptClipUsd: null, keepRateInterval: null };
