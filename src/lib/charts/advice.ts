// Where does the premium tier clear its break-even? Per segment of one family pair: the premium's keep
// rate (dot) on its 95% interval (bar), against the segment's break-even keep rate (a dark tick). A bar
// wholly right of its tick pays; wholly left does not; across it, the call is open. Pure.
import type { ChartConfiguration, LegendItem, TooltipItem } from 'chart.js';
import type { SegmentAdvice } from '$lib/metrics/advice';
import { formatCount, formatPercent, formatProbability } from '$lib/format';
import { withAlpha } from './palette';
import { axisTitle, GRID, INK, percent, type PreparedChart } from './shared';

type Value = number | [number, number] | null;
export type SegmentChartConfig = ChartConfiguration<'bar' | 'line', Value[], string[]>;

export interface SegmentChartInput {
	segments: SegmentAdvice[];
	/** The premium tier's display name and colour. */
	premium: { displayName: string; colour: string };
	base: { displayName: string };
	/** "Scene tag", "Resolution" ... */
	dimensionLabel: string;
}

/** Break-evens beyond 100% are drawn at the edge, as a right-pointing arrow: out of reach. */
const EDGE = 100;
const BREAK_EVEN = '#111827';
const UNDECIDED = 0.4;

/** Segments where either tier was used; those of other pairs (neither tier) are not this pair's. */
export const usedSegments = (segments: SegmentAdvice[]) =>
	segments.filter((s) => s.base !== null || s.premium !== null);

/** Why a segment has no comparison: which tier has nothing decided there. */
export function missingReason(s: SegmentAdvice, base: string, premium: string): string {
	const none = (row: SegmentAdvice['base']) => row === null || row.decided === 0;
	if (none(s.base) && none(s.premium)) return `no decided attempt of either tier`;
	return `no decided attempt of ${none(s.base) ? base : premium} yet`;
}

/** The legend names only what is drawn: "too close to call" appears when a segment is. */
function legend(colour: string, anyUnsure: boolean): LegendItem[] {
	const item = (text: string, fill: string, stroke: string, pointStyle: LegendItem['pointStyle']) =>
		({
			text,
			fillStyle: fill,
			strokeStyle: stroke,
			lineWidth: pointStyle === 'line' ? 3 : 1,
			pointStyle
		}) satisfies LegendItem;
	return [
		item('Keep rate', colour, '#ffffff', 'circle'),
		...(anyUnsure ? [item('Too close to call', withAlpha(colour, UNDECIDED), '#ffffff', 'circle')] : []),
		item('95% interval', withAlpha(colour, 0.22), withAlpha(colour, 0.7), 'rect'),
		item('Break-even keep rate', BREAK_EVEN, BREAK_EVEN, 'line')
	];
}

export function segmentChart({ segments, premium, base, dimensionLabel }: SegmentChartInput) {
	const used = usedSegments(segments);
	const rows = used.filter((s) => s.advice !== null && s.premium !== null);
	const advice = rows.map((s) => s.advice!);
	const settled = advice.map((a) => a.recommendation === 'premium' || a.recommendation === 'base');
	const tint = (alpha: number) =>
		settled.map((sure) => withAlpha(premium.colour, sure ? alpha : alpha * 0.45));
	const beyond = advice.map((a) => a.breakEvenKeepRate !== null && a.breakEvenKeepRate > 1);

	const config: SegmentChartConfig = {
		type: 'bar',
		data: {
			labels: rows.map((s) => [s.segment, `n = ${formatCount(s.premium!.decided)}`]),
			datasets: [
				{
					type: 'line',
					label: 'Break-even keep rate',
					data: advice.map((a) =>
						a.breakEvenKeepRate === null ? null : Math.min(EDGE, percent(a.breakEvenKeepRate))
					),
					showLine: false,
					pointStyle: beyond.map((b) => (b ? 'triangle' : 'line')),
					pointRotation: 90,
					pointRadius: beyond.map((b) => (b ? 7 : 13)),
					pointHoverRadius: beyond.map((b) => (b ? 8 : 14)),
					pointBorderWidth: 3,
					pointHoverBorderWidth: 3,
					pointBorderColor: BREAK_EVEN,
					pointBackgroundColor: BREAK_EVEN,
					// The out-of-reach arrow sits on the 100% edge: let it show whole.
					clip: false,
					order: 0
				},
				{
					type: 'line',
					label: 'Keep rate',
					data: rows.map((s) => (s.premium!.keepRate === null ? null : percent(s.premium!.keepRate))),
					showLine: false,
					pointRadius: 6,
					pointHoverRadius: 8,
					pointBackgroundColor: settled.map((sure) =>
						sure ? premium.colour : withAlpha(premium.colour, UNDECIDED)
					),
					pointBorderColor: '#ffffff',
					pointBorderWidth: 2,
					clip: false,
					order: 1
				},
				{
					type: 'bar',
					label: '95% interval',
					data: rows.map((s) => {
						const i = s.premium!.keepRateInterval;
						return i === null ? null : [percent(i[0]), percent(i[1])];
					}),
					backgroundColor: tint(0.24),
					borderColor: tint(0.75),
					borderWidth: 1,
					borderSkipped: false,
					borderRadius: 4,
					barPercentage: 0.5,
					grouped: false,
					order: 2
				}
			]
		},
		options: {
			indexAxis: 'y',
			layout: { padding: { right: 12 } },
			interaction: { mode: 'index', intersect: false, axis: 'y' },
			plugins: {
				legend: {
					position: 'bottom',
					labels: {
						usePointStyle: true,
						generateLabels: () => legend(premium.colour, settled.includes(false))
					}
				},
				tooltip: {
					callbacks: {
						title: (items: TooltipItem<'bar' | 'line'>[]) => rows[items[0]?.dataIndex ?? 0]?.segment ?? '',
						label: (item: TooltipItem<'bar' | 'line'>) => {
							const s = rows[item.dataIndex];
							const a = advice[item.dataIndex];
							if (item.datasetIndex === 0)
								return beyond[item.dataIndex]
									? `Break-even ${formatPercent(a.breakEvenKeepRate)}: out of reach`
									: `Break-even ${formatPercent(a.breakEvenKeepRate)}`;
							if (item.datasetIndex === 1)
								return `${premium.displayName} keeps ${formatPercent(s.premium!.keepRate)} of ${formatCount(s.premium!.decided)} decided`;
							const [lo, hi] = s.premium!.keepRateInterval ?? [null, null];
							return `95% interval ${formatPercent(lo)}–${formatPercent(hi)}`;
						},
						footer: (items: TooltipItem<'bar' | 'line'>[]) =>
							`Chance ${premium.displayName} is cheaper per usable clip: ${formatProbability(advice[items[0]?.dataIndex ?? 0]?.probabilityPremiumCheaper ?? null)}`
					}
				}
			},
			scales: {
				x: {
					min: 0,
					max: EDGE,
					title: axisTitle(`${premium.displayName} keep rate (% of decided attempts)`),
					ticks: { callback: (v: number | string) => `${v}%` },
					grid: { color: GRID }
				},
				y: { grid: { display: false }, ticks: { color: INK } }
			}
		}
	};

	const lacking = used.filter((s) => s.advice === null);
	return {
		title: `${premium.displayName} keep rate against break-even, by ${dimensionLabel.toLowerCase()}`,
		description: `The dot is the keep rate, the bar its 95% interval, the dark tick the keep rate needed to pay for itself. Right of the tick, ${premium.displayName} pays; paler segments are too close to call.`,
		summary:
			rows.length === 0
				? 'No segment has decided attempts of both tiers.'
				: rows
						.map(
							(s, i) =>
								`${s.segment}: keeps ${formatPercent(s.premium!.keepRate)} of ${formatCount(s.premium!.decided)}, break-even ${formatPercent(advice[i].breakEvenKeepRate)}`
						)
						.join('; '),
		notes: [
			...lacking.map(
				(s) => `${s.segment}: not enough data (${missingReason(s, base.displayName, premium.displayName)}).`
			),
			...(beyond.some(Boolean)
				? [
						`An arrow at 100% marks a break-even out of reach: ${premium.displayName} would have to keep more than every take.`
					]
				: [])
		],
		height: Math.max(180, 72 + rows.length * 46),
		rows: rows.length,
		config
	} satisfies PreparedChart<SegmentChartConfig> & { rows: number };
}
