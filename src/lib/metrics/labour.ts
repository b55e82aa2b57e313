// Review labour (docs/figures.md#review-labour-the-whole-cost-of-a-usable-clip): what reviewers' time adds to
// the model bill, priced at a rate in micro-dollars per hour. No rate: every labour figure is null. Pure.
import { decided, keepRate, premiumPaysForItself, ratio, type Counts } from './figures';

/** A labour rate in micro-dollars per hour; null when neither the workspace nor the request gives one. */
export type LaborRate = number | null;

/** seconds x rate / 3600: what that much review time costs, in (fractional) micro-dollars. */
export const reviewLaborMicros = (seconds: number, rate: LaborRate): number | null =>
	rate === null ? null : (seconds * rate) / 3600;

/** reviewSeconds x rate / 3600, in (fractional) micro-dollars. */
export const laborMicros = (c: Counts, rate: LaborRate): number | null =>
	reviewLaborMicros(c.reviewSeconds, rate);

/** decidedSpend + labour: the model bill of the decided attempts and the time spent judging them. */
export function allInSpendMicros(c: Counts, rate: LaborRate): number | null {
	const labor = laborMicros(c, rate);
	return labor === null ? null : c.decidedSpendMicros + labor;
}

export function allInCostPerKeptClipMicros(c: Counts, rate: LaborRate): number | null {
	const spend = allInSpendMicros(c, rate);
	return spend === null ? null : ratio(spend, c.kept);
}

export function allInCostPerAttemptMicros(c: Counts, rate: LaborRate): number | null {
	const spend = allInSpendMicros(c, rate);
	return spend === null ? null : ratio(spend, decided(c));
}

/** allInCostPerAttempt(P) / allInCostPerAttempt(B); null without a rate or when B's is 0 or null. */
export function allInCostRatio(base: Counts, premium: Counts, rate: LaborRate): number | null {
	const b = allInCostPerAttemptMicros(base, rate);
	const p = allInCostPerAttemptMicros(premium, rate);
	if (b === null || p === null || b === 0) return null;
	return p / b;
}

export function allInBreakEvenKeepRate(base: Counts, premium: Counts, rate: LaborRate): number | null {
	const keep = keepRate(base);
	const r = allInCostRatio(base, premium, rate);
	return keep === null || r === null ? null : keep * r;
}

/**
 * allInCostPerKeptClip(P) <= allInCostPerKeptClip(B), as allInSpend(P) x kept(B) <= allInSpend(B) x kept(P);
 * the null cases and a side with nothing kept as premiumPaysForItself.
 */
export function allInPremiumPaysForItself(base: Counts, premium: Counts, rate: LaborRate): boolean | null {
	const b = allInSpendMicros(base, rate);
	const p = allInSpendMicros(premium, rate);
	if (b === null || p === null) return null;
	if (base.kept === 0 || premium.kept === 0) return premiumPaysForItself(base, premium);
	return p * base.kept <= b * premium.kept;
}
