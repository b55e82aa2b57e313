// Words for the recommendations page: chips, dimension names, the what-if sentence. Pure.
import type { Recommendation } from '$lib/metrics/confidence';
import type { WhatIf } from '$lib/metrics/what-if';
import type { Dimension } from '$lib/schemas/segments';
import { formatCount, formatPercent, formatUsd } from '$lib/format';

export type Tone = 'good' | 'base' | 'unsure' | 'none';

/**
 * The chip of a recommendation, naming the model to use: a family may have three tiers, so "premium" and
 * "base" would call a middle tier by the wrong name. `none` when either tier lacks decided attempts.
 */
export function recommendationChip(
	r: Recommendation | null,
	pair: { base: string; premium: string }
): { tone: Tone; text: string } {
	if (r === 'premium') return { tone: 'good', text: `Use ${pair.premium}` };
	if (r === 'base') return { tone: 'base', text: `Stay on ${pair.base}` };
	if (r === 'undecided') return { tone: 'unsure', text: 'Too close to call' };
	return { tone: 'none', text: 'Not enough data' };
}

/** A dimension as it reads inside a sentence ("had each scene tag used ..."). */
export const DIMENSION_NOUNS: Record<Dimension, { one: string; many: string }> = {
	tag: { one: 'scene tag', many: 'scene tags' },
	resolution: { one: 'resolution', many: 'resolutions' },
	duration: { one: 'duration band', many: 'duration bands' },
	creator: { one: 'creator', many: 'creators' },
	project: { one: 'project', many: 'projects' }
};

export const noun = (dimension: Dimension, n: number) =>
	n === 1 ? DIMENSION_NOUNS[dimension].one : DIMENSION_NOUNS[dimension].many;

/** '−38%' for a saving, '+5%' for a what-if that would have cost more; null without spend. */
export function signedShare(savingShare: number | null): string | null {
	if (savingShare === null || !Number.isFinite(savingShare)) return null;
	if (Math.abs(savingShare) < 0.0005) return '±0%';
	return `${savingShare > 0 ? '−' : '+'}${formatPercent(Math.abs(savingShare))}`;
}

/** "Over this range, had each scene tag used its recommended tier, spend ... instead of $Z; 95% interval". */
export function whatIfSentence(w: WhatIf & { dimension: Dimension }): string {
	const { one } = DIMENSION_NOUNS[w.dimension];
	if (w.segmentsChanged === 0) {
		return `No ${one} has a clear recommendation yet, so following the advice would not have changed the ${formatUsd(w.actualUsd)} spent on this pair.`;
	}
	const share = signedShare(w.savingShare);
	const [lo, hi] = w.whatIfIntervalUsd;
	return (
		`Over this range, had each ${one} used its recommended tier, spend on this pair would have been ` +
		`${formatUsd(w.whatIfUsd)}${share ? ` (${share})` : ''} instead of ${formatUsd(w.actualUsd)}; ` +
		`95% interval ${formatUsd(lo)}–${formatUsd(hi)}.`
	);
}

/**
 * The all-in what-if (docs/figures.md#all-in-what-if) in one sentence: "Counting review time at $45.00 an
 * hour, had each project used its all-in recommended tier, ...".
 */
export function allInWhatIfSentence(w: WhatIf, dimension: Dimension, laborUsdPerHour: number): string {
	const { one } = DIMENSION_NOUNS[dimension];
	const counting = `Counting review time at ${formatUsd(laborUsdPerHour)} an hour`;
	if (w.segmentsChanged === 0) {
		return `${counting}, no ${one} has a clear recommendation yet: the whole cost of this pair stays ${formatUsd(w.actualUsd)}.`;
	}
	const share = signedShare(w.savingShare);
	const [lo, hi] = w.whatIfIntervalUsd;
	return (
		`${counting}, had each ${one} used its all-in recommended tier, the whole cost of this pair (model bill ` +
		`and review) would have been ${formatUsd(w.whatIfUsd)}${share ? ` (${share})` : ''} instead of ` +
		`${formatUsd(w.actualUsd)}; 95% interval ${formatUsd(lo)}–${formatUsd(hi)}.`
	);
}

/** "About 40 more reviewed attempts would settle it." for an undecided pair. */
export function settleSentence(attemptsToSettle: number | null): string {
	return attemptsToSettle === null
		? 'The two tiers are so close that many more reviewed attempts would be needed to settle it.'
		: `About ${formatCount(attemptsToSettle)} more reviewed attempts would settle it.`;
}
