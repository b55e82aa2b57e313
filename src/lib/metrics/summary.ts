// Per-model rows and per-family comparisons, from the counts the database summed. Pure.
import {
	attemptsPerKeptClip,
	breakEvenKeepRate,
	costPerAttemptMicros,
	costPerKeptClipMicros,
	costPerKeptSecondMicros,
	costRatio,
	decided,
	emptyCounts,
	keepRate,
	premiumPaysForItself,
	retakeRate,
	secondsToUsableClip,
	wastedSpendMicros,
	type Counts
} from './figures';
import {
	attemptsToSettle,
	keepRateInterval,
	probabilityPremiumCheaper,
	recommend,
	type Recommendation
} from './confidence';
import {
	allInBreakEvenKeepRate,
	allInCostPerKeptClipMicros,
	allInCostRatio,
	allInPremiumPaysForItself,
	allInSpendMicros,
	laborMicros,
	type LaborRate
} from './labour';
import { microsToUsd, perUnitUsd } from './money';

export interface ModelCounts extends Counts {
	model: string;
	family: string;
	tier: number;
	displayName: string;
}

export interface ModelRow {
	model: string;
	family: string;
	tier: number;
	displayName: string;
	attempts: number;
	kept: number;
	rejected: number;
	failed: number;
	pending: number;
	decided: number;
	spendUsd: number;
	decidedSpendUsd: number;
	wastedSpendUsd: number;
	keepRate: number | null;
	retakeRate: number | null;
	costPerAttemptUsd: number | null;
	costPerKeptClipUsd: number | null;
	keptSeconds: number;
	costPerKeptSecondUsd: number | null;
	keepRateInterval: [number, number] | null;
	attemptsPerKeptClip: number | null;
	meanGenerationSeconds: number | null;
	/** Mean generation time x attempts per kept clip. */
	secondsToUsableClip: number | null;
	/** Review labour (docs/figures.md#review-labour-the-whole-cost-of-a-usable-clip); null without a rate. */
	reviewSeconds: number;
	laborUsd: number | null;
	allInSpendUsd: number | null;
	allInCostPerKeptClipUsd: number | null;
}

export interface Comparison {
	family: string;
	base: string;
	premium: string;
	costRatio: number | null;
	breakEvenKeepRate: number | null;
	baseKeepRate: number | null;
	premiumKeepRate: number | null;
	baseCostPerKeptClipUsd: number | null;
	premiumCostPerKeptClipUsd: number | null;
	premiumPaysForItself: boolean | null;
	probabilityPremiumCheaper: number | null;
	recommendation: Recommendation | null;
	/** Reviewed attempts still needed to settle an undecided pair; null when it would take too many. */
	attemptsToSettle: number | null;
	/** The all-in twins: all-in cost per attempt (model bill and review labour) in place of the bill's. */
	allInCostRatio: number | null;
	allInBreakEvenKeepRate: number | null;
	allInPremiumPaysForItself: boolean | null;
	probabilityPremiumCheaperAllIn: number | null;
	allInRecommendation: Recommendation | null;
}

export interface Totals {
	attempts: number;
	kept: number;
	pending: number;
	decided: number;
	spendUsd: number;
	wastedSpendUsd: number;
	keepRate: number | null;
	costPerKeptClipUsd: number | null;
	reviewSeconds: number;
	laborUsd: number | null;
	allInSpendUsd: number | null;
	allInCostPerKeptClipUsd: number | null;
}

/** The labour figures of a group at a rate, in USD rounded to the micro-dollar. */
const labourOf = (c: Counts, rate: LaborRate) => ({
	reviewSeconds: c.reviewSeconds,
	laborUsd: perUnitUsd(laborMicros(c, rate)),
	allInSpendUsd: perUnitUsd(allInSpendMicros(c, rate)),
	allInCostPerKeptClipUsd: perUnitUsd(allInCostPerKeptClipMicros(c, rate))
});

export function modelRow(c: ModelCounts, rate: LaborRate = null): ModelRow {
	const d = decided(c);
	return {
		model: c.model,
		family: c.family,
		tier: c.tier,
		displayName: c.displayName,
		attempts: c.attempts,
		kept: c.kept,
		rejected: c.rejected,
		failed: c.failed,
		pending: c.pending,
		decided: d,
		spendUsd: microsToUsd(c.spendMicros),
		decidedSpendUsd: microsToUsd(c.decidedSpendMicros),
		wastedSpendUsd: microsToUsd(wastedSpendMicros(c)),
		keepRate: keepRate(c),
		retakeRate: retakeRate(c),
		costPerAttemptUsd: perUnitUsd(costPerAttemptMicros(c)),
		costPerKeptClipUsd: perUnitUsd(costPerKeptClipMicros(c)),
		keptSeconds: c.keptSeconds,
		costPerKeptSecondUsd: perUnitUsd(costPerKeptSecondMicros(c)),
		keepRateInterval: keepRateInterval(c.kept, d),
		attemptsPerKeptClip: attemptsPerKeptClip(c),
		meanGenerationSeconds: c.timedAttempts === 0 ? null : c.generationSeconds / c.timedAttempts,
		secondsToUsableClip: secondsToUsableClip(c),
		...labourOf(c, rate)
	};
}

/** Base and premium of one family, both with decided attempts; the lower tier is the base. */
export function compare(base: ModelCounts, premium: ModelCounts, rate: LaborRate = null): Comparison {
	const ratio = costRatio(base, premium);
	const allInRatio = allInCostRatio(base, premium, rate);
	const b = { kept: base.kept, decided: decided(base) };
	const p = { kept: premium.kept, decided: decided(premium) };
	const probability = probabilityPremiumCheaper(b, p, ratio);
	const recommendation = recommend(probability);
	// Labour that leaves the ratio as it is (no review time, a rate of 0) leaves the probability too.
	const probabilityAllIn =
		allInRatio === null
			? null
			: allInRatio === ratio
				? probability
				: probabilityPremiumCheaper(b, p, allInRatio);
	return {
		family: base.family,
		base: base.model,
		premium: premium.model,
		costRatio: ratio,
		breakEvenKeepRate: breakEvenKeepRate(base, premium),
		baseKeepRate: keepRate(base),
		premiumKeepRate: keepRate(premium),
		baseCostPerKeptClipUsd: perUnitUsd(costPerKeptClipMicros(base)),
		premiumCostPerKeptClipUsd: perUnitUsd(costPerKeptClipMicros(premium)),
		premiumPaysForItself: premiumPaysForItself(base, premium),
		probabilityPremiumCheaper: probability,
		recommendation,
		attemptsToSettle: recommendation === 'undecided' ? attemptsToSettle(b, p, ratio, probability) : null,
		allInCostRatio: allInRatio,
		allInBreakEvenKeepRate: allInBreakEvenKeepRate(base, premium, rate),
		allInPremiumPaysForItself: allInPremiumPaysForItself(base, premium, rate),
		probabilityPremiumCheaperAllIn: probabilityAllIn,
		allInRecommendation: recommend(probabilityAllIn)
	};
}

const byTier = (a: ModelCounts, b: ModelCounts) => a.tier - b.tier || a.model.localeCompare(b.model);

/** Each pair of models of one family that both have decided attempts, the lower tier first, by family. */
export function familyPairs(groups: ModelCounts[]): [base: ModelCounts, premium: ModelCounts][] {
	const families = new Map<string, ModelCounts[]>();
	for (const g of groups) {
		if (decided(g) === 0) continue;
		families.set(g.family, [...(families.get(g.family) ?? []), g]);
	}
	const out: [ModelCounts, ModelCounts][] = [];
	for (const members of [...families.values()].sort((a, b) => a[0].family.localeCompare(b[0].family))) {
		members.sort(byTier);
		for (let i = 0; i < members.length; i++) {
			for (let j = i + 1; j < members.length; j++) out.push([members[i], members[j]]);
		}
	}
	return out;
}

/** A pair's probability and recommendation: compare's, without the rest (no attempts-to-settle search). */
export type PairRecommendation = Pick<
	Comparison,
	'family' | 'base' | 'premium' | 'probabilityPremiumCheaper' | 'recommendation'
>;

/** The recommendation of every family pair, as comparisons() has it, for callers that use nothing else. */
export function pairRecommendations(groups: ModelCounts[]): PairRecommendation[] {
	return familyPairs(groups).map(([base, premium]) => {
		const probability = probabilityPremiumCheaper(
			{ kept: base.kept, decided: decided(base) },
			{ kept: premium.kept, decided: decided(premium) },
			costRatio(base, premium)
		);
		return {
			family: base.family,
			base: base.model,
			premium: premium.model,
			probabilityPremiumCheaper: probability,
			recommendation: recommend(probability)
		};
	});
}

/** One comparison per pair of models of one family that both have decided attempts. */
export function comparisons(groups: ModelCounts[], rate: LaborRate = null): Comparison[] {
	return familyPairs(groups).map(([base, premium]) => compare(base, premium, rate));
}

const COUNT_KEYS = Object.keys(emptyCounts()) as (keyof Counts)[];

export function sumCounts(groups: Counts[]): Counts {
	const total = emptyCounts();
	for (const g of groups) {
		for (const key of COUNT_KEYS) total[key] += g[key];
	}
	return total;
}

/**
 * The counts per model of two ranges that do not overlap, added model by model: their union's. Counts and
 * micro-dollars add exactly; the seconds (sums of decimals, as doubles) may differ from one read of the
 * union in their last bit, so use it for figures of counts and spend (the weekly review's advice).
 */
export function addByModel(a: ModelCounts[], b: ModelCounts[]): ModelCounts[] {
	const out = new Map(a.map((g) => [g.model, { ...g }]));
	for (const g of b) {
		const mine = out.get(g.model);
		if (!mine) out.set(g.model, { ...g });
		else for (const key of COUNT_KEYS) mine[key] += g[key];
	}
	return [...out.values()];
}

export function totals(groups: Counts[], rate: LaborRate = null): Totals {
	const t = sumCounts(groups);
	return {
		attempts: t.attempts,
		kept: t.kept,
		pending: t.pending,
		decided: decided(t),
		spendUsd: microsToUsd(t.spendMicros),
		wastedSpendUsd: microsToUsd(wastedSpendMicros(t)),
		keepRate: keepRate(t),
		costPerKeptClipUsd: perUnitUsd(costPerKeptClipMicros(t)),
		...labourOf(t, rate)
	};
}

export function summarize(groups: ModelCounts[], rate: LaborRate = null) {
	const sorted = [...groups].sort((a, b) => a.family.localeCompare(b.family) || byTier(a, b));
	return {
		models: sorted.map((g) => modelRow(g, rate)),
		comparisons: comparisons(sorted, rate),
		totals: totals(sorted, rate)
	};
}
