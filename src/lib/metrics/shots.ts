// Attempts to the first keep, per model: a histogram, the median, abandoned shots, and what the shots cost
// with their review time priced at a labour rate. Pure.
import { microsToUsd, perUnitUsd } from './money';
import { reviewLaborMicros, type LaborRate } from './labour';

/** One shot over all its takes. */
export interface ShotLike {
	model: string;
	attemptsToFirstKeep: number | null;
	costToFirstKeepMicros: number | null;
	spendMicros: number;
	hasPending: boolean;
	/** Review time of its decided takes; none given: 0. */
	reviewSeconds?: number;
}

export type ShotState = 'kept' | 'review' | 'abandoned';

/** Shots of one model with one outcome, summed (what shot rollups hold). */
export interface ShotGroup {
	model: string;
	/** Takes up to and including the first keep; 0 for shots without a keep. */
	takesToFirstKeep: number;
	state: ShotState;
	shots: number;
	takes: number;
	costToFirstKeepMicros: number;
	spendMicros: number;
	/** Review time of the shots' decided takes. */
	reviewSeconds: number;
}

/** Histogram bins of attempts to the first keep; the last bin is open-ended. */
export const ATTEMPT_BINS = ['1', '2', '3', '4', '5', '6+'];

export interface ShotStats {
	model: string;
	shots: number;
	/** Shots with a keep. */
	keptShots: number;
	/** No keep and nothing waiting for review: given up. */
	abandoned: number;
	/** No keep yet, with takes waiting for review. */
	inReview: number;
	histogram: number[];
	medianAttemptsToFirstKeep: number | null;
	meanAttemptsToFirstKeep: number | null;
	meanCostToFirstKeepUsd: number | null;
	/** What abandoned shots cost in all. */
	abandonedSpendUsd: number;
	/**
	 * What every shot cost (kept, abandoned, in review; every take) per kept shot: unlike the mean cost to
	 * the first keep, it leaves no spend out. Null without a kept shot.
	 */
	spendPerKeptShotUsd: number | null;
	/** Review time of every shot's decided takes. */
	reviewSeconds: number;
	/** reviewSeconds x rate / 3600; null without a rate. */
	laborUsd: number | null;
	/** (spend + labour of every shot) per kept shot; null without a rate or a kept shot. */
	allInSpendPerKeptShotUsd: number | null;
}

export function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const shotState = (s: ShotLike): ShotState =>
	s.attemptsToFirstKeep !== null ? 'kept' : s.hasPending ? 'review' : 'abandoned';

/** Single shots as groups of one (takes are not known per shot here: 0). */
export const asGroups = (rows: ShotLike[]): ShotGroup[] =>
	rows.map((s) => ({
		model: s.model,
		takesToFirstKeep: s.attemptsToFirstKeep ?? 0,
		state: shotState(s),
		shots: 1,
		takes: 0,
		costToFirstKeepMicros: s.costToFirstKeepMicros ?? 0,
		spendMicros: s.spendMicros,
		reviewSeconds: s.reviewSeconds ?? 0
	}));

export const shotStats = (rows: ShotLike[], rate: LaborRate = null): ShotStats[] =>
	shotStatsOfGroups(asGroups(rows), rate);

/** The value at a position (0-based) of the sorted multiset given as (value, count) pairs. */
function nth(sorted: [number, number][], position: number): number {
	let seen = 0;
	for (const [value, count] of sorted) {
		seen += count;
		if (position < seen) return value;
	}
	throw new RangeError('position past the end');
}

/** The median of a multiset of whole numbers given as counts per value. */
export function medianOfCounts(counts: Map<number, number>): number | null {
	const sorted = [...counts].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
	const total = sorted.reduce((sum, [, n]) => sum + n, 0);
	if (total === 0) return null;
	const mid = total >> 1;
	return total % 2 ? nth(sorted, mid) : (nth(sorted, mid - 1) + nth(sorted, mid)) / 2;
}

/** Per model, in alphabetical order; review time priced at `rate` (micro-dollars per hour; null: none). */
export function shotStatsOfGroups(groups: ShotGroup[], rate: LaborRate = null): ShotStats[] {
	const byModel = new Map<string, ShotGroup[]>();
	for (const g of groups) byModel.set(g.model, [...(byModel.get(g.model) ?? []), g]);
	return [...byModel]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([model, list]) => {
			const count = (state: ShotState) =>
				list.filter((g) => g.state === state).reduce((sum, g) => sum + g.shots, 0);
			const kept = list.filter((g) => g.state === 'kept');
			const keptShots = count('kept');
			const histogram = ATTEMPT_BINS.map(() => 0);
			const distribution = new Map<number, number>();
			let takesToKeep = 0;
			let costToKeep = 0;
			for (const g of kept) {
				histogram[Math.min(g.takesToFirstKeep, ATTEMPT_BINS.length) - 1] += g.shots;
				distribution.set(g.takesToFirstKeep, (distribution.get(g.takesToFirstKeep) ?? 0) + g.shots);
				takesToKeep += g.takesToFirstKeep * g.shots;
				costToKeep += g.costToFirstKeepMicros;
			}
			const spend = list.reduce((sum, g) => sum + g.spendMicros, 0);
			const reviewSeconds = list.reduce((sum, g) => sum + g.reviewSeconds, 0);
			const labor = reviewLaborMicros(reviewSeconds, rate);
			const abandonedSpend = list
				.filter((g) => g.state === 'abandoned')
				.reduce((sum, g) => sum + g.spendMicros, 0);
			return {
				model,
				shots: list.reduce((sum, g) => sum + g.shots, 0),
				keptShots,
				abandoned: count('abandoned'),
				inReview: count('review'),
				histogram,
				medianAttemptsToFirstKeep: medianOfCounts(distribution),
				meanAttemptsToFirstKeep: keptShots ? takesToKeep / keptShots : null,
				meanCostToFirstKeepUsd: keptShots ? microsToUsd(Math.round(costToKeep / keptShots)) : null,
				abandonedSpendUsd: microsToUsd(abandonedSpend),
				spendPerKeptShotUsd: keptShots ? microsToUsd(Math.round(spend / keptShots)) : null,
				reviewSeconds,
				laborUsd: perUnitUsd(labor),
				allInSpendPerKeptShotUsd: perUnitUsd(labor !== null && keptShots ? (spend + labor) / keptShots : null)
			};
		});
}
