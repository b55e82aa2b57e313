// Tier advice a lead can act on: the comparison of a family pair, what following it saves per 100 usable
// clips, and one plain sentence with the numbers. Pure.
import { costPerKeptClipMicros, costRatio, decided } from './figures';
import { probabilityPremiumCheaper, recommend, type Probe, type Recommendation } from './confidence';
import { allInCostRatio, type LaborRate } from './labour';
import { compare, modelRow, type Comparison, type ModelCounts, type ModelRow } from './summary';
import type { Dimension } from '$lib/schemas/segments';
import {
	formatCount,
	formatPercent,
	formatProbability,
	formatRateWithInterval,
	formatRatio,
	formatUsd
} from '$lib/format';

export interface Advice extends Comparison {
	/** 100 x (base - premium) cost per kept clip: positive when the premium tier is cheaper per usable clip. */
	premiumSavingPer100UsableClipsUsd: number | null;
	/** What following the recommendation saves per 100 usable clips; null while undecided. */
	savingPer100UsableClipsUsd: number | null;
	rationale: string;
}

/** The pair's comparison, saving and (unless `sentence: false`) the sentence. */
export function advise(
	base: ModelCounts,
	premium: ModelCounts,
	options: { sentence?: boolean; rate?: LaborRate } = {}
): Advice {
	const c = compare(base, premium, options.rate ?? null);
	const b = costPerKeptClipMicros(base);
	const p = costPerKeptClipMicros(premium);
	const premiumSaving = b === null || p === null ? null : Math.round(100 * (b - p)) / 1e6;
	const saving =
		premiumSaving === null || c.recommendation === 'undecided' || c.recommendation === null
			? null
			: c.recommendation === 'premium'
				? premiumSaving
				: -premiumSaving;
	return {
		...c,
		premiumSavingPer100UsableClipsUsd: premiumSaving,
		savingPer100UsableClipsUsd: saving,
		// The sentence needs both tiers' rows (two keep-rate intervals each): only made when it is shown.
		rationale: options.sentence === false ? '' : rationale(c, modelRow(base), modelRow(premium), saving)
	};
}

/**
 * The sentence beside the pair's cards. Every figure in it goes through the formatter the cards use for the
 * same figure, so the two always read alike; models are named by their display names.
 */
function rationale(c: Comparison, base: ModelRow, premium: ModelRow, saving: number | null): string {
	const [b, p] = [base.displayName, premium.displayName];
	if (c.costRatio === null || c.breakEvenKeepRate === null || c.probabilityPremiumCheaper === null) {
		return `Not enough reviewed attempts to compare ${p} with ${b}.`;
	}
	const keeps = `keeps ${formatRateWithInterval(c.premiumKeepRate, premium.keepRateInterval)} of takes`;
	const ratio = formatRatio(c.costRatio);
	const needs =
		c.breakEvenKeepRate > 1
			? `at ${ratio} the cost per attempt it cannot pay for itself (it would need ${formatPercent(c.breakEvenKeepRate)})`
			: `it needs ${formatPercent(c.breakEvenKeepRate)} to pay for itself at ${ratio} the cost per attempt of ${b} (which keeps ${formatPercent(c.baseKeepRate)})`;
	const chance = formatProbability(c.probabilityPremiumCheaper);
	if (c.recommendation === 'premium') {
		// No saving (a tier kept nothing): the cards show a gap, so the sentence names no amount either.
		const saves = saving === null ? '' : `, saving about ${formatUsd(saving)} per 100 usable clips`;
		return `Use ${p}: it ${keeps}; ${needs}. Chance it is cheaper per usable clip: ${chance}${saves}.`;
	}
	if (c.recommendation === 'base') {
		const saves = saving === null ? '' : `; ${b} saves about ${formatUsd(saving)} per 100 usable clips`;
		return `Stay on ${b}: ${p} ${keeps}; ${needs}. Chance ${p} is cheaper per usable clip: only ${chance}${saves}.`;
	}
	const settle =
		c.attemptsToSettle === null
			? 'the two are so close that more reviews are unlikely to settle it'
			: `about ${formatCount(c.attemptsToSettle)} more reviewed attempts would settle it`;
	return `Too close to call: ${p} ${keeps}; ${needs}. Chance ${p} is cheaper per usable clip: ${chance}; ${settle}.`;
}

/** A tier's figures in one segment: what the segment table and chart show. */
export type SegmentTier = Pick<
	ModelRow,
	| 'attempts'
	| 'kept'
	| 'decided'
	| 'pending'
	| 'keepRate'
	| 'keepRateInterval'
	| 'costPerAttemptUsd'
	| 'costPerKeptClipUsd'
	| 'allInCostPerKeptClipUsd'
>;

/**
 * A segment's comparison: what is not already in its tiers' figures or the pair (the sentence is the
 * overall advice's), with the all-in twins (null without a labour rate).
 */
export type SegmentComparison = Pick<
	Advice,
	| 'costRatio'
	| 'breakEvenKeepRate'
	| 'premiumPaysForItself'
	| 'probabilityPremiumCheaper'
	| 'recommendation'
	| 'attemptsToSettle'
	| 'premiumSavingPer100UsableClipsUsd'
	| 'savingPer100UsableClipsUsd'
	| 'allInCostRatio'
	| 'allInBreakEvenKeepRate'
	| 'allInPremiumPaysForItself'
	| 'probabilityPremiumCheaperAllIn'
	| 'allInRecommendation'
>;

export interface SegmentAdvice {
	segment: string;
	base: SegmentTier | null;
	premium: SegmentTier | null;
	/** null when either tier has no decided attempt in the segment. */
	advice: SegmentComparison | null;
}

function segmentTier(c: ModelCounts, rate: LaborRate): SegmentTier {
	const r = modelRow(c, rate);
	return {
		attempts: r.attempts,
		kept: r.kept,
		decided: r.decided,
		pending: r.pending,
		keepRate: r.keepRate,
		keepRateInterval: r.keepRateInterval,
		costPerAttemptUsd: r.costPerAttemptUsd,
		costPerKeptClipUsd: r.costPerKeptClipUsd,
		allInCostPerKeptClipUsd: r.allInCostPerKeptClipUsd
	};
}

function segmentComparison(a: Advice): SegmentComparison {
	return {
		costRatio: a.costRatio,
		breakEvenKeepRate: a.breakEvenKeepRate,
		premiumPaysForItself: a.premiumPaysForItself,
		probabilityPremiumCheaper: a.probabilityPremiumCheaper,
		recommendation: a.recommendation,
		attemptsToSettle: a.attemptsToSettle,
		premiumSavingPer100UsableClipsUsd: a.premiumSavingPer100UsableClipsUsd,
		savingPer100UsableClipsUsd: a.savingPer100UsableClipsUsd,
		allInCostRatio: a.allInCostRatio,
		allInBreakEvenKeepRate: a.allInBreakEvenKeepRate,
		allInPremiumPaysForItself: a.allInPremiumPaysForItself,
		probabilityPremiumCheaperAllIn: a.probabilityPremiumCheaperAllIn,
		allInRecommendation: a.allInRecommendation
	};
}

/** A segment's counts of the pair's two tiers (either may be missing). */
export interface SegmentPair {
	segment: string;
	base?: ModelCounts;
	premium?: ModelCounts;
}

/** The pair's segments: every segment where either tier was used, in display order. */
export function segmentPairs(
	rows: (ModelCounts & { segment: string })[],
	base: string,
	premium: string,
	order: string[] = []
): SegmentPair[] {
	const segments = new Map<string, SegmentPair>();
	for (const r of rows) {
		// Rows of other pairs' models share the query: only this pair's tiers make a segment.
		if (r.model !== base && r.model !== premium) continue;
		const entry = segments.get(r.segment) ?? { segment: r.segment };
		if (r.model === base) entry.base = r;
		if (r.model === premium) entry.premium = r;
		segments.set(r.segment, entry);
	}
	const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
	return [...segments.values()].sort(
		(a, b) => rank(a.segment) - rank(b.segment) || a.segment.localeCompare(b.segment)
	);
}

/** Both tiers have decided attempts in the segment: it can be compared. */
const comparable = (s: SegmentPair): s is Required<SegmentPair> =>
	s.base !== undefined && s.premium !== undefined && decided(s.base) > 0 && decided(s.premium) > 0;

/** A segment's advice; with a labour rate, its all-in figures too (one more probability per segment). */
export function adviseSegment(s: SegmentPair, rate: LaborRate = null): SegmentAdvice {
	return {
		segment: s.segment,
		base: s.base ? segmentTier(s.base, rate) : null,
		premium: s.premium ? segmentTier(s.premium, rate) : null,
		advice: comparable(s) ? segmentComparison(advise(s.base, s.premium, { sentence: false, rate })) : null
	};
}

const outcomes = (c: ModelCounts) => ({ kept: c.kept, decided: decided(c) });

/**
 * The statistics adviseSegment(s, rate) asks of confidence.ts, as a probe another thread can compute first
 * (figuresOf): the probability at the bill's cost ratio (and the attempts to settle if it leaves the pair
 * undecided), at the all-in ratio where labour changes it, and each tier's keep-rate interval.
 */
export function segmentProbe(s: SegmentPair, rate: LaborRate = null): Probe {
	const tiers = [s.base, s.premium].filter((c) => c !== undefined);
	const probe: Probe = {
		base: { kept: 0, decided: 0 },
		premium: { kept: 0, decided: 0 },
		ratios: [],
		intervals: tiers.map(outcomes)
	};
	if (!comparable(s)) return probe;
	const ratio = costRatio(s.base, s.premium);
	const allIn = allInCostRatio(s.base, s.premium, rate);
	return {
		...probe,
		base: outcomes(s.base),
		premium: outcomes(s.premium),
		ratios: allIn === null || allIn === ratio ? [ratio] : [ratio, allIn]
	};
}

/** The segment's recommendation alone: cheaper than its whole advice (no attempts-to-settle search). */
export function segmentRecommendation(s: SegmentPair): Recommendation | null {
	if (!comparable(s)) return null;
	return recommend(
		probabilityPremiumCheaper(outcomes(s.base), outcomes(s.premium), costRatio(s.base, s.premium))
	);
}

/**
 * The segment's all-in recommendation alone (the all-in what-if's); null without a rate, uncomputed. Where
 * labour leaves the cost ratio as it is (no review time in the segment, or a rate of 0), it is the bill's
 * recommendation, `bill` when the caller has it.
 */
export function segmentAllInRecommendation(
	s: SegmentPair,
	rate: LaborRate,
	bill?: Recommendation | null
): Recommendation | null {
	if (rate === null || !comparable(s)) return null;
	const ratio = allInCostRatio(s.base, s.premium, rate);
	if (bill !== undefined && ratio === costRatio(s.base, s.premium)) return bill;
	return recommend(probabilityPremiumCheaper(outcomes(s.base), outcomes(s.premium), ratio));
}

/** The pair's advice in every segment where either tier was used. */
export function segmentAdvice(
	rows: (ModelCounts & { segment: string })[],
	base: string,
	premium: string,
	order: string[] = [],
	rate: LaborRate = null
): SegmentAdvice[] {
	return segmentPairs(rows, base, premium, order).map((s) => adviseSegment(s, rate));
}

/** A pair's segments of one dimension: the ones listed (see listSegments), the others summarised. */
export interface PairSegments {
	by: Dimension;
	listed: SegmentAdvice[];
	hidden: HiddenSegments;
	/** How many segments each dimension has for the pair (where either tier was used). */
	counts: Record<Dimension, number>;
}

/** A dimension with more segments than this lists only its busiest; the rest are summarised. */
export const LISTED_SEGMENTS = 20;
/** Segments with fewer decided attempts (both tiers together) than this are summarised, not listed. */
export const MIN_LISTED_DECIDED = 20;

export interface HiddenSegments {
	segments: number;
	/** Decided attempts of both tiers in those segments. */
	decided: number;
}

const decidedOf = (c: { decided: number } | ModelCounts | null | undefined) =>
	!c ? 0 : 'decided' in c ? c.decided : decided(c);
const decidedIn = (s: SegmentAdvice | SegmentPair) => decidedOf(s.base) + decidedOf(s.premium);

/**
 * Keeps an answer small at any size: up to LISTED_SEGMENTS segments, the busiest among those with at
 * least MIN_LISTED_DECIDED decided attempts, in their original order; the others are counted in `hidden`.
 * A dimension with LISTED_SEGMENTS segments or fewer is listed whole.
 */
export function listSegments<T extends SegmentAdvice | SegmentPair>(
	segments: T[]
): { listed: T[]; hidden: HiddenSegments } {
	if (segments.length <= LISTED_SEGMENTS) return { listed: segments, hidden: { segments: 0, decided: 0 } };
	const kept = new Set(
		segments
			.filter((s) => decidedIn(s) >= MIN_LISTED_DECIDED)
			.sort((a, b) => decidedIn(b) - decidedIn(a) || (a.segment < b.segment ? -1 : 1))
			.slice(0, LISTED_SEGMENTS)
	);
	const listed = segments.filter((s) => kept.has(s));
	const rest = segments.filter((s) => !kept.has(s));
	return {
		listed,
		hidden: { segments: rest.length, decided: rest.reduce((sum, s) => sum + decidedIn(s), 0) }
	};
}

/** What a recommendation tells the lead to do, in words. */
function adviceWords(r: Recommendation, base: string, premium: string): string {
	if (r === 'premium') return `use ${premium}`;
	if (r === 'base') return `stay on ${base}`;
	return 'it is too close to call';
}

/**
 * The overview's one sentence when review labour flips the advice (docs/figures.md#review-labour-the-whole-
 * cost-of-a-usable-clip): the first pair whose all-in recommendation differs from the model bill's, with
 * how many more do; null when labour changes no advice (or there is no rate).
 */
export function labourFlipSentence(
	comparisons: Comparison[],
	models: Pick<ModelRow, 'model' | 'displayName' | 'allInCostPerKeptClipUsd'>[],
	laborUsdPerHour: number
): string | null {
	const flipped = comparisons.filter(
		(c) =>
			c.allInRecommendation !== null &&
			c.recommendation !== null &&
			c.allInRecommendation !== c.recommendation
	);
	if (flipped.length === 0) return null;
	const c = flipped[0];
	const row = (id: string) => models.find((m) => m.model === id);
	const [b, p] = [row(c.base)?.displayName ?? c.base, row(c.premium)?.displayName ?? c.premium];
	const allIn = `${formatUsd(row(c.premium)?.allInCostPerKeptClipUsd ?? null)} against ${formatUsd(row(c.base)?.allInCostPerKeptClipUsd ?? null)}`;
	const more =
		flipped.length > 1
			? ` (and for ${formatCount(flipped.length - 1)} more pair${flipped.length > 2 ? 's' : ''})`
			: '';
	return (
		`Counting review time at ${formatUsd(laborUsdPerHour)} an hour changes the advice for ${p} against ${b}${more}: ` +
		`${adviceWords(c.allInRecommendation!, b, p)} (all-in ${allIn} per usable clip), where the model bill alone says ` +
		`${adviceWords(c.recommendation!, b, p)}.`
	);
}
