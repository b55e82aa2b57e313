// Why clips fail: a Pareto of reject categories by wasted spend. Horizontal bars, biggest first, so that
// long category names stay legible on a phone; each bar's label gives its money and the running share of
// all wasted spend, the Pareto curve in words. Pure.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { ReasonFigure } from '$lib/metrics/reasons';
import { formatCount, formatPercent, formatUsd } from '$lib/format';
import { axisTitle, GRID, INK, rowsHeight, usdTick, type PreparedChart } from './shared';

type BarConfig = ChartConfiguration<'bar', number[], string>;

// Failed generations are not a reviewer's reason: a neutral grey beside the accent of the others.
const colourOf = (category: string) => (category === 'failed' ? '#9ca3af' : '#b45309');

/** Running share of the total wasted spend after each category (null when nothing was wasted). */
export function cumulativeShares(reasons: Pick<ReasonFigure, 'wastedSpendUsd'>[]): (number | null)[] {
	const total = reasons.reduce((n, r) => n + r.wastedSpendUsd, 0);
	let sum = 0;
	return reasons.map((r) => {
		sum += r.wastedSpendUsd;
		return total === 0 ? null : sum / total;
	});
}

/** A long category name on lines of about `width` characters, so that a phone's narrow axis shows it whole. */
export function wrapLabel(label: string, width = 14): string[] {
	const lines: string[] = [];
	for (const word of label.split(' ')) {
		const last = lines.length - 1;
		if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
		else lines.push(word);
	}
	return lines;
}

export function reasonsPareto(reasons: ReasonFigure[]) {
	const running = cumulativeShares(reasons);
	const config: BarConfig = {
		type: 'bar',
		data: {
			labels: reasons.map((r) => wrapLabel(r.label)) as unknown as string[],
			datasets: [
				{
					label: 'Wasted spend',
					data: reasons.map((r) => r.wastedSpendUsd),
					backgroundColor: reasons.map((r) => colourOf(r.category)),
					borderRadius: 3,
					barPercentage: 0.8,
					categoryPercentage: 0.9
				}
			]
		},
		options: {
			indexAxis: 'y',
			// Room on the right for the labels at the bars' ends.
			layout: { padding: { right: 100 } },
			plugins: {
				legend: { display: false },
				tooltip: {
					callbacks: {
						label: (item: TooltipItem<'bar'>) => {
							const r = reasons[item.dataIndex];
							return `${formatUsd(r.wastedSpendUsd)} wasted on ${formatCount(r.attempts)} attempts (${formatPercent(r.share)} of them)`;
						}
					}
				}
			},
			scales: {
				x: {
					beginAtZero: true,
					title: axisTitle('Wasted spend (USD)'),
					ticks: { callback: usdTick, maxTicksLimit: 5 },
					grid: { color: GRID }
				},
				y: { grid: { display: false }, ticks: { color: INK, autoSkip: false } }
			}
		}
	};
	return {
		title: 'Where the wasted money went',
		description:
			'Spend on decided attempts not kept, per reason category, biggest first; the running share of all wasted spend at the end of each bar.',
		summary: reasons
			.map((r, i) => `${r.label}: ${formatUsd(r.wastedSpendUsd)}, ${formatPercent(running[i])} so far`)
			.join('; '),
		notes: [],
		valueLabels: reasons.map((r, i) => `${formatUsd(r.wastedSpendUsd)} · ${formatPercent(running[i])}`),
		height: rowsHeight(reasons.length),
		config
	} satisfies PreparedChart<BarConfig>;
}
