// Data -> Chart.js configuration, and nothing else: labels, units, colours and gaps are decided here so
// that Chart.svelte only draws. Pure (no DOM, no Chart instance). A missing figure is null, never 0.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { formatUsd, weekLabel } from '$lib/format';
import { modelColours } from './palette';
import {
	axisTitle,
	FALLBACK_COLOUR,
	GRID,
	INK,
	rowsHeight,
	usdTick,
	type ModelInput,
	type PreparedChart
} from './shared';

export { keepRateChart } from './keep-rate';
export type { ModelInput, PreparedChart } from './shared';

export interface WeekInput {
	week: string;
	model: string;
	spendUsd: number;
}

type BarConfig = ChartConfiguration<'bar', (number | null)[], string>;

/** (a) Effective cost per usable clip, one horizontal bar per model; no kept clip means no bar. */
export function costPerKeptClipChart(
	models: ModelInput[],
	colours = modelColours(models.map((m) => m.model))
) {
	const missing = models.filter((m) => m.costPerKeptClipUsd === null);
	const config: BarConfig = {
		type: 'bar',
		data: {
			labels: models.map((m) => m.displayName),
			datasets: [
				{
					label: 'Cost per kept clip (USD)',
					data: models.map((m) => m.costPerKeptClipUsd),
					backgroundColor: models.map((m) => colours.get(m.model) ?? FALLBACK_COLOUR),
					borderRadius: 3,
					barPercentage: 0.7
				}
			]
		},
		options: {
			indexAxis: 'y',
			layout: { padding: { right: 64 } },
			plugins: {
				legend: { display: false },
				tooltip: {
					callbacks: { label: (item: TooltipItem<'bar'>) => `${formatUsd(item.parsed.x)} per kept clip` }
				}
			},
			scales: {
				x: {
					beginAtZero: true,
					title: axisTitle('USD per kept clip'),
					ticks: { callback: usdTick },
					grid: { color: GRID }
				},
				y: { grid: { display: false }, ticks: { color: INK } }
			}
		}
	};
	return {
		title: 'Cost per kept clip',
		description: 'Spend on decided attempts ÷ kept clips, in USD. Shorter is cheaper.',
		summary: models.map((m) => `${m.displayName}: ${formatUsd(m.costPerKeptClipUsd)}`).join('; '),
		notes: missing.map((m) => `${m.displayName}: no kept clip yet, so no cost per kept clip.`),
		valueLabels: models.map((m) =>
			m.costPerKeptClipUsd === null ? 'no kept clip' : formatUsd(m.costPerKeptClipUsd)
		),
		height: rowsHeight(models.length),
		config
	} satisfies PreparedChart<BarConfig>;
}

/** (c) Spend per ISO week, stacked by model. A model without attempts in a week has no segment (null). */
export function weeklySpendChart(
	weeks: string[],
	rows: WeekInput[],
	models: Pick<ModelInput, 'model' | 'displayName'>[],
	colours = modelColours(models.map((m) => m.model)),
	timeZone = 'UTC'
) {
	const spend = new Map(rows.map((r) => [`${r.week}|${r.model}`, r.spendUsd]));
	const config: BarConfig = {
		type: 'bar',
		data: {
			labels: weeks.map(weekLabel),
			datasets: models.map((m) => ({
				label: m.displayName,
				data: weeks.map((w) => spend.get(`${w}|${m.model}`) ?? null),
				backgroundColor: colours.get(m.model) ?? FALLBACK_COLOUR,
				borderColor: '#ffffff',
				borderWidth: { top: 1 },
				maxBarThickness: 56
			}))
		},
		options: {
			interaction: { mode: 'index', intersect: false },
			plugins: {
				legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'rectRounded' } },
				tooltip: {
					callbacks: {
						label: (item: TooltipItem<'bar'>) => `${item.dataset.label}: ${formatUsd(item.parsed.y)}`,
						footer: (items: TooltipItem<'bar'>[]) =>
							`Week total: ${formatUsd(items.reduce((sum, i) => sum + (i.parsed.y ?? 0), 0))}`
					}
				}
			},
			scales: {
				x: {
					stacked: true,
					title: axisTitle(`ISO week (starts Monday, ${timeZone})`),
					grid: { display: false }
				},
				y: {
					stacked: true,
					beginAtZero: true,
					title: axisTitle('Spend (USD per week)'),
					ticks: { callback: usdTick },
					grid: { color: GRID }
				}
			}
		}
	};
	const totals = weeks.map((w) => models.reduce((sum, m) => sum + (spend.get(`${w}|${m.model}`) ?? 0), 0));
	return {
		title: 'Weekly spend by model',
		description: 'All attempts, pending included, in USD per ISO week.',
		summary: weeks.map((w, i) => `${weekLabel(w)}: ${formatUsd(totals[i])}`).join('; '),
		notes: [],
		height: 320,
		config
	} satisfies PreparedChart<BarConfig>;
}
