// Shots and speed: how many takes a shot needed before its first keep (a histogram per model), and how
// long a usable clip takes to generate (mean generation time x attempts per kept clip). Pure.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { ATTEMPT_BINS, type ShotStats } from '$lib/metrics/shots';
import type { ModelRow } from '$lib/metrics/summary';
import { axisTitle, FALLBACK_COLOUR, GRID, INK, rowsHeight, type PreparedChart } from './shared';
import { formatAttempts, formatCount, formatSeconds } from '$lib/format';

type BarConfig = ChartConfiguration<'bar', (number | null)[], string>;

/** The same y scale for every model's histogram, so that bar heights compare across cards. */
export const histogramMax = (stats: Pick<ShotStats, 'histogram'>[]) =>
	Math.max(1, ...stats.flatMap((s) => s.histogram));

/** Shots by attempts to their first keep: bins 1..5 and 6+, y = shots. Shots without a keep are noted. */
export function attemptsHistogram(
	stats: ShotStats,
	displayName: string,
	colour = FALLBACK_COLOUR,
	yMax?: number
) {
	const config: BarConfig = {
		type: 'bar',
		data: {
			labels: [...ATTEMPT_BINS],
			datasets: [
				{
					label: 'Shots',
					data: [...stats.histogram],
					backgroundColor: colour,
					borderRadius: 3,
					barPercentage: 0.8,
					categoryPercentage: 0.9
				}
			]
		},
		options: {
			plugins: {
				legend: { display: false },
				tooltip: {
					callbacks: {
						title: (items: TooltipItem<'bar'>[]) => {
							const bin = ATTEMPT_BINS[items[0]?.dataIndex ?? 0];
							return bin === '1' ? 'Kept on the first take' : `First keep on take ${bin}`;
						},
						label: (item: TooltipItem<'bar'>) =>
							`${formatCount(item.parsed.y)} ${item.parsed.y === 1 ? 'shot' : 'shots'}`
					}
				}
			},
			scales: {
				x: {
					title: axisTitle('Attempts to the first keep'),
					grid: { display: false },
					ticks: { color: INK }
				},
				y: {
					beginAtZero: true,
					...(yMax === undefined ? {} : { suggestedMax: yMax }),
					title: axisTitle('Shots (count)'),
					ticks: { precision: 0 },
					grid: { color: GRID }
				}
			}
		}
	};
	const open = stats.shots - stats.keptShots;
	return {
		title: `${displayName}: attempts to the first keep`,
		description: 'Shots with a keep, by the take that was first kept.',
		summary: `${displayName}: ${ATTEMPT_BINS.map((b, i) => `${formatCount(stats.histogram[i])} kept on take ${b}`).join(', ')}`,
		notes:
			open === 0
				? []
				: [
						`${formatCount(open)} ${open === 1 ? 'shot has' : 'shots have'} no keep yet and ${open === 1 ? 'is' : 'are'} not in the histogram.`
					],
		height: 210,
		config
	} satisfies PreparedChart<BarConfig>;
}

export type SpeedInput = Pick<
	ModelRow,
	| 'model'
	| 'displayName'
	| 'family'
	| 'tier'
	| 'meanGenerationSeconds'
	| 'attemptsPerKeptClip'
	| 'secondsToUsableClip'
>;

export interface FamilySpeed {
	family: string;
	rows: SpeedInput[];
	/** Fastest per attempt, and fastest per usable clip; null when fewer than two tiers have figures. */
	fastestPerAttempt: SpeedInput | null;
	fastestPerClip: SpeedInput | null;
	/** One sentence: is the faster-per-attempt tier also faster per usable clip? */
	verdict: string;
}

const fastest = (rows: SpeedInput[], key: 'meanGenerationSeconds' | 'secondsToUsableClip') =>
	rows.reduce<SpeedInput | null>(
		(best, r) => (r[key] !== null && (best === null || r[key]! < best[key]!) ? r : best),
		null
	);

/** Per family (in the order given), whether the tier that generates faster also gets to a usable clip sooner. */
export function familySpeeds(models: SpeedInput[]): FamilySpeed[] {
	const families = new Map<string, SpeedInput[]>();
	for (const m of models) families.set(m.family, [...(families.get(m.family) ?? []), m]);
	return [...families].map(([family, rows]) => {
		const timed = rows.filter((r) => r.meanGenerationSeconds !== null && r.secondsToUsableClip !== null);
		if (timed.length < 2) {
			return {
				family,
				rows,
				fastestPerAttempt: null,
				fastestPerClip: null,
				verdict:
					rows.length < 2
						? 'Only one tier of this family in range: nothing to compare.'
						: 'Not enough timed, kept attempts on two tiers to compare.'
			};
		}
		const perAttempt = fastest(timed, 'meanGenerationSeconds')!;
		const perClip = fastest(timed, 'secondsToUsableClip')!;
		const other = fastest(
			timed.filter((r) => r !== perAttempt),
			'secondsToUsableClip'
		)!;
		const verdict =
			perAttempt === perClip
				? `${perAttempt.displayName} is faster per attempt (${formatSeconds(perAttempt.meanGenerationSeconds)}) and also per usable clip (${formatSeconds(perAttempt.secondsToUsableClip)} against ${formatSeconds(other.secondsToUsableClip)}).`
				: `${perAttempt.displayName} is faster per attempt (${formatSeconds(perAttempt.meanGenerationSeconds)} against ${formatSeconds(perClip.meanGenerationSeconds)}), but ${perClip.displayName} gets to a usable clip sooner (${formatSeconds(perClip.secondsToUsableClip)} against ${formatSeconds(perAttempt.secondsToUsableClip)}): it needs fewer retakes.`;
		return { family, rows, fastestPerAttempt: perAttempt, fastestPerClip: perClip, verdict };
	});
}

/** Seconds to a usable clip per model, as horizontal bars; a model without a timed keep has no bar. */
export function timeToUsableChart(models: SpeedInput[], colours: Map<string, string>) {
	const config: BarConfig = {
		type: 'bar',
		data: {
			labels: models.map((m) => m.displayName),
			datasets: [
				{
					label: 'Seconds to a usable clip',
					data: models.map((m) =>
						m.secondsToUsableClip === null ? null : Math.round(m.secondsToUsableClip)
					),
					backgroundColor: models.map((m) => colours.get(m.model) ?? FALLBACK_COLOUR),
					borderRadius: 3,
					barPercentage: 0.7
				}
			]
		},
		options: {
			indexAxis: 'y',
			layout: { padding: { right: 84 } },
			plugins: {
				legend: { display: false },
				tooltip: {
					callbacks: {
						label: (item: TooltipItem<'bar'>) => {
							const m = models[item.dataIndex];
							return `${formatSeconds(m.meanGenerationSeconds)} per attempt × ${formatAttempts(m.attemptsPerKeptClip)} attempts per kept clip`;
						}
					}
				}
			},
			scales: {
				x: {
					beginAtZero: true,
					title: axisTitle('Generation time per usable clip (s)'),
					grid: { color: GRID }
				},
				y: { grid: { display: false }, ticks: { color: INK } }
			}
		}
	};
	const missing = models.filter((m) => m.secondsToUsableClip === null);
	return {
		title: 'Time to a usable clip',
		description: 'Mean generation time per attempt × attempts per kept clip, in seconds. Shorter is faster.',
		summary: models.map((m) => `${m.displayName}: ${formatSeconds(m.secondsToUsableClip)}`).join('; '),
		notes: missing.map((m) =>
			m.meanGenerationSeconds === null
				? `${m.displayName}: no attempt reports its generation time.`
				: `${m.displayName}: no kept clip yet, so no time to a usable clip.`
		),
		valueLabels: models.map((m) =>
			m.secondsToUsableClip === null ? 'no figure' : formatSeconds(m.secondsToUsableClip)
		),
		height: rowsHeight(models.length),
		config
	} satisfies PreparedChart<BarConfig>;
}
