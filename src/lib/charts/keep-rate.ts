// (b) Keep rate by model, with how sure we are: a dot for the rate on a floating bar for its 95% interval.
import type { ChartConfiguration, LegendItem, TooltipItem } from 'chart.js';
import { modelColours, withAlpha } from './palette';
import { formatCount, formatPercent } from '$lib/format';
import {
	axisTitle,
	FALLBACK_COLOUR,
	GRID,
	INK,
	percent,
	rowsHeight,
	type ModelInput,
	type PreparedChart
} from './shared';

type KeepRateConfig = ChartConfiguration<'bar' | 'line', (number | [number, number] | null)[], string>;

const keepRateLegend = (): LegendItem[] => [
	{ text: 'Keep rate', fillStyle: INK, strokeStyle: '#ffffff', lineWidth: 1, pointStyle: 'circle' },
	{
		text: '95% interval',
		fillStyle: withAlpha(INK, 0.18),
		strokeStyle: withAlpha(INK, 0.5),
		lineWidth: 1,
		pointStyle: 'rect'
	}
];

/** Keep rate in % of decided attempts; a model with nothing decided has neither dot nor bar (null). */
export function keepRateChart(models: ModelInput[], colours = modelColours(models.map((m) => m.model))) {
	const colour = (m: ModelInput) => colours.get(m.model) ?? FALLBACK_COLOUR;
	const config: KeepRateConfig = {
		type: 'bar',
		data: {
			labels: models.map((m) => m.displayName),
			datasets: [
				{
					type: 'line',
					label: 'Keep rate',
					data: models.map((m) => (m.keepRate === null ? null : percent(m.keepRate))),
					showLine: false,
					pointRadius: 6,
					pointHoverRadius: 8,
					pointBackgroundColor: models.map(colour),
					pointBorderColor: '#ffffff',
					pointBorderWidth: 2,
					order: 0
				},
				{
					type: 'bar',
					label: '95% interval',
					data: models.map((m) =>
						m.keepRateInterval === null
							? null
							: [percent(m.keepRateInterval[0]), percent(m.keepRateInterval[1])]
					),
					backgroundColor: models.map((m) => withAlpha(colour(m), 0.22)),
					borderColor: models.map((m) => withAlpha(colour(m), 0.7)),
					borderWidth: 1,
					borderSkipped: false,
					borderRadius: 4,
					barPercentage: 0.45,
					grouped: false,
					order: 1
				}
			]
		},
		options: {
			indexAxis: 'y',
			plugins: {
				legend: { position: 'bottom', labels: { usePointStyle: true, generateLabels: keepRateLegend } },
				tooltip: {
					callbacks: {
						label: (item: TooltipItem<'bar' | 'line'>) => {
							const m = models[item.dataIndex];
							if (item.datasetIndex === 0)
								return `Keep rate ${formatPercent(m.keepRate)} of ${formatCount(m.decided)} decided`;
							const [lo, hi] = m.keepRateInterval ?? [null, null];
							return `95% interval ${formatPercent(lo)}–${formatPercent(hi)}`;
						}
					}
				}
			},
			scales: {
				x: {
					min: 0,
					max: 100,
					title: axisTitle('Keep rate (% of decided attempts)'),
					ticks: { callback: (v: number | string) => `${v}%` },
					grid: { color: GRID }
				},
				y: { grid: { display: false }, ticks: { color: INK } }
			}
		}
	};
	const undecided = models.filter((m) => m.keepRate === null);
	return {
		title: 'Keep rate',
		description: 'Kept ÷ decided attempts. The bar is the 95% interval: the wider it is, the less we know.',
		summary: models
			.map((m) => `${m.displayName}: ${formatPercent(m.keepRate)} of ${formatCount(m.decided)} decided`)
			.join('; '),
		notes: undecided.map((m) => `${m.displayName}: no decided attempt yet, so no keep rate.`),
		height: rowsHeight(models.length) + 32,
		config
	} satisfies PreparedChart<KeepRateConfig>;
}
