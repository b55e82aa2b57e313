// The figures of docs/figures.md, as pure functions of per-group counts. A zero denominator gives null.

/** Counts for one group of attempts, as the database sums them (money in micro-dollars). */
export interface Counts {
	attempts: number;
	kept: number;
	rejected: number;
	failed: number;
	pending: number;
	spendMicros: number;
	decidedSpendMicros: number;
	keptSpendMicros: number;
	keptSeconds: number;
	/** Sum and count of generationSeconds over the attempts that report it. */
	generationSeconds: number;
	timedAttempts: number;
	/** Sum of reviewSeconds over decided attempts. */
	reviewSeconds: number;
}

export const emptyCounts = (): Counts => ({
	attempts: 0,
	kept: 0,
	rejected: 0,
	failed: 0,
	pending: 0,
	spendMicros: 0,
	decidedSpendMicros: 0,
	keptSpendMicros: 0,
	keptSeconds: 0,
	generationSeconds: 0,
	timedAttempts: 0,
	reviewSeconds: 0
});

export function ratio(numerator: number, denominator: number): number | null {
	return denominator === 0 ? null : numerator / denominator;
}

/** Failed attempts, plus succeeded attempts with a keep or reject verdict. Pending ones are in review. */
export const decided = (c: Counts): number => c.kept + c.rejected + c.failed;

export const keepRate = (c: Counts): number | null => ratio(c.kept, decided(c));

export function retakeRate(c: Counts): number | null {
	const rate = keepRate(c);
	return rate === null ? null : 1 - rate;
}

/** decidedSpend / decided, in (fractional) micro-dollars. */
export const costPerAttemptMicros = (c: Counts): number | null => ratio(c.decidedSpendMicros, decided(c));

/** The effective cost per usable clip: decidedSpend / kept, in (fractional) micro-dollars. */
export const costPerKeptClipMicros = (c: Counts): number | null => ratio(c.decidedSpendMicros, c.kept);

export const costPerKeptSecondMicros = (c: Counts): number | null =>
	ratio(c.decidedSpendMicros, c.keptSeconds);

/** Cost of the decided attempts that were not kept (rejected and failed). */
export const wastedSpendMicros = (c: Counts): number => c.decidedSpendMicros - c.keptSpendMicros;

/** costPerAttempt(P) / costPerAttempt(B), from exact sums; null when either side has no decided cost. */
export function costRatio(base: Counts, premium: Counts): number | null {
	const b = costPerAttemptMicros(base);
	const p = costPerAttemptMicros(premium);
	if (b === null || p === null || b === 0) return null;
	return p / b;
}

/** keepRate(B) x costRatio: the keep rate P needs to match B's cost per kept clip. Can exceed 1. */
export function breakEvenKeepRate(base: Counts, premium: Counts): number | null {
	const rate = keepRate(base);
	const r = costRatio(base, premium);
	return rate === null || r === null ? null : rate * r;
}

/**
 * costPerKeptClip(P) <= costPerKeptClip(B), compared exactly in integers (dsP x kB <= dsB x kP).
 * A side with nothing kept has an unbounded cost per kept clip; with nothing kept on either side: null.
 */
export function premiumPaysForItself(base: Counts, premium: Counts): boolean | null {
	if (decided(base) === 0 || decided(premium) === 0) return null;
	if (base.kept === 0 && premium.kept === 0) return null;
	if (premium.kept === 0) return false;
	if (base.kept === 0) return true;
	return (
		BigInt(premium.decidedSpendMicros) * BigInt(base.kept) <=
		BigInt(base.decidedSpendMicros) * BigInt(premium.kept)
	);
}

/** Decided attempts per kept clip (1 / keepRate): how many takes a usable clip needs on average. */
export const attemptsPerKeptClip = (c: Counts): number | null => ratio(decided(c), c.kept);

/** Mean generation time x attempts per kept clip: is the faster tier also faster per usable clip? */
export function secondsToUsableClip(c: Counts): number | null {
	const mean = ratio(c.generationSeconds, c.timedAttempts);
	const perKept = attemptsPerKeptClip(c);
	return mean === null || perKept === null ? null : mean * perKept;
}
