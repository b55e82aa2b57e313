// Whether a model's cost per kept clip changed from one week to the next, as far as the two weeks'
// samples can tell (docs/figures.md, "Week-on-week change"). Pure.

/** Fewer kept clips than this in either week: the change is not shown. */
export const MIN_KEPT_FOR_CHANGE = 5;

/** The figures of one model in one week that the comparison needs (a ModelRow has them). */
export interface WeekFigures {
	kept: number;
	costPerAttemptUsd: number | null;
	costPerKeptClipUsd: number | null;
	keepRateInterval: [number, number] | null;
}

export type ChangeVerdict = 'none' | 'too few' | 'unclear' | 'cheaper' | 'dearer';

export interface CostChange {
	/** (now - before) / before; null for 'none' and 'too few'. */
	change: number | null;
	verdict: ChangeVerdict;
}

/** The 95% interval of a week's cost per kept clip: cost per attempt over the keep rate's bounds. */
export function costPerKeptClipInterval(w: WeekFigures): [number, number] | null {
	const cpa = w.costPerAttemptUsd;
	if (w.kept === 0 || cpa === null || w.keepRateInterval === null) return null;
	const [lo, hi] = w.keepRateInterval;
	return lo > 0 && hi > 0 ? [cpa / hi, cpa / lo] : null;
}

export function costChange(now: WeekFigures | null, before: WeekFigures | null): CostChange {
	const [c, b] = [now?.costPerKeptClipUsd ?? null, before?.costPerKeptClipUsd ?? null];
	if (!now || !before || c === null || b === null || b === 0) return { change: null, verdict: 'none' };
	if (now.kept < MIN_KEPT_FOR_CHANGE || before.kept < MIN_KEPT_FOR_CHANGE) {
		return { change: null, verdict: 'too few' };
	}
	const change = (c - b) / b;
	const [i, j] = [costPerKeptClipInterval(now), costPerKeptClipInterval(before)];
	if (!i || !j) return { change, verdict: 'unclear' };
	if (i[1] < j[0]) return { change, verdict: 'cheaper' };
	if (i[0] > j[1]) return { change, verdict: 'dearer' };
	return { change, verdict: 'unclear' };
}
