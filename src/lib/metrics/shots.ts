// Attempts to the first keep, per model: a histogram, the median, abandoned shots. Pure.
import { microsToUsd } from './money';

export interface ShotLike {
	model: string;
	attemptsToFirstKeep: number | null;
	costToFirstKeepMicros: number | null;
	spendMicros: number;
	hasPending: boolean;
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
}

export function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function shotStats(rows: ShotLike[]): ShotStats[] {
	const byModel = new Map<string, ShotLike[]>();
	for (const r of rows) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
	return [...byModel]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([model, shots]) => {
			const kept = shots.filter((s) => s.attemptsToFirstKeep !== null);
			const abandoned = shots.filter((s) => s.attemptsToFirstKeep === null && !s.hasPending);
			const histogram = ATTEMPT_BINS.map(() => 0);
			for (const s of kept) histogram[Math.min(s.attemptsToFirstKeep!, ATTEMPT_BINS.length) - 1]++;
			const attemptsToKeep = kept.map((s) => s.attemptsToFirstKeep!);
			const costToKeep = kept.reduce((sum, s) => sum + s.costToFirstKeepMicros!, 0);
			return {
				model,
				shots: shots.length,
				keptShots: kept.length,
				abandoned: abandoned.length,
				inReview: shots.length - kept.length - abandoned.length,
				histogram,
				medianAttemptsToFirstKeep: median(attemptsToKeep),
				meanAttemptsToFirstKeep: kept.length ? attemptsToKeep.reduce((a, b) => a + b, 0) / kept.length : null,
				meanCostToFirstKeepUsd: kept.length ? microsToUsd(Math.round(costToKeep / kept.length)) : null,
				abandonedSpendUsd: microsToUsd(abandoned.reduce((sum, s) => sum + s.spendMicros, 0))
			};
		});
}
