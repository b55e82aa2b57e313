// Which tier should each family pair default to, overall and per segment, and what it would have saved.
import type { Filters } from '$lib/schemas/filters';
import { DIMENSIONS, DURATION_BUCKETS, type Dimension, type WhatIfDimension } from '$lib/schemas/segments';
import {
	advise,
	adviseSegment,
	listSegments,
	segmentPairs,
	segmentAllInRecommendation,
	segmentRecommendation,
	type Advice,
	type PairSegments
} from '$lib/metrics/advice';
import type { Recommendation } from '$lib/metrics/confidence';
import { emptyCounts } from '$lib/metrics/figures';
import { familyPairs } from '$lib/metrics/summary';
import { allInWhatIf, whatIf, type WhatIf } from '$lib/metrics/what-if';
import type { Db } from '../db/connection';
import { countsBySegment } from './segments';
import { countsByModel, type FigureOptions, type SegmentCounts } from './summary-by-model';

export interface PairAdvice {
	family: string;
	base: string;
	premium: string;
	overall: Advice;
	segments: PairSegments;
	/**
	 * Had each segment of `whatIf.dimension` used its recommended tier; `allIn`: its all-in recommended
	 * tier, priced with review labour (null without a labour rate).
	 */
	whatIf: WhatIf & { dimension: WhatIfDimension; allIn: WhatIf | null };
}

export interface RecommendationOptions extends FigureOptions {
	/** The segments the what-if runs over (default project). */
	whatIf?: WhatIfDimension;
	/** The dimension whose segments are advised one by one (default: the what-if's). */
	segmentsBy?: Dimension;
}

/** Each pair's overall advice alone (a project report): no segments, no what-if. */
export async function overallAdvice(
	db: Db,
	workspaceId: string,
	filters: Filters,
	{ laborRate = null, ...options }: FigureOptions = {}
): Promise<Pick<PairAdvice, 'family' | 'base' | 'premium' | 'overall'>[]> {
	const groups = await countsByModel(db, workspaceId, filters, options);
	return familyPairs(groups).map(([base, premium]) => ({
		family: base.family,
		base: base.model,
		premium: premium.model,
		overall: advise(base, premium, { rate: laborRate })
	}));
}

export async function recommendations(
	db: Db,
	workspaceId: string,
	filters: Filters,
	{
		whatIf: whatIfDimension = 'project',
		segmentsBy = whatIfDimension,
		laborRate = null,
		...options
	}: RecommendationOptions = {}
): Promise<PairAdvice[]> {
	const groups = await countsByModel(db, workspaceId, filters, options);
	const pairs = familyPairs(groups);
	const inPairs = [...new Set(pairs.flatMap(([base, premium]) => [base.model, premium.model]))];
	// One query per dimension for every model in a pair, split per pair below: every dimension is counted,
	// only `segmentsBy` is advised segment by segment (the costly part, and most of an answer's size).
	const perDimension = await Promise.all(
		DIMENSIONS.map((d) => countsBySegment(db, workspaceId, filters, d, inPairs, options))
	);
	const rows = new Map<Dimension, SegmentCounts[]>(DIMENSIONS.map((d, i) => [d, perDimension[i]]));
	const order = (d: Dimension) => (d === 'duration' ? DURATION_BUCKETS : []);
	return pairs.map(([base, premium]) => {
		const split = (d: Dimension) => segmentPairs(rows.get(d)!, base.model, premium.model, order(d));
		const { listed, hidden } = listSegments(split(segmentsBy));
		// Full advice (with attempts to settle) only for the segments listed.
		const advised = listed.map((s) => adviseSegment(s, laborRate));
		// The what-if runs over every segment of its dimension, listed or not; a listed segment's
		// recommendation is already in its advice (the same integration). The all-in one only with a rate
		// (null then, with no statistic computed).
		const known = new Map(whatIfDimension === segmentsBy ? advised.map((a) => [a.segment, a]) : []);
		const whatIfSegments = split(whatIfDimension);
		const bill = whatIfSegments.map((s) =>
			known.has(s.segment) ? (known.get(s.segment)!.advice?.recommendation ?? null) : segmentRecommendation(s)
		);
		const cellsOf = (chosen: (Recommendation | null)[]) =>
			whatIfSegments.map((s, i) => ({
				base: s.base ?? emptyCounts(),
				premium: s.premium ?? emptyCounts(),
				recommendation: chosen[i]
			}));
		const allIn = allInWhatIf(
			cellsOf(whatIfSegments.map((s, i) => segmentAllInRecommendation(s, laborRate, bill[i]))),
			laborRate
		);
		return {
			family: base.family,
			base: base.model,
			premium: premium.model,
			overall: advise(base, premium, { rate: laborRate }),
			segments: {
				by: segmentsBy,
				listed: advised,
				hidden,
				counts: Object.fromEntries(DIMENSIONS.map((d) => [d, split(d).length])) as Record<Dimension, number>
			},
			whatIf: { dimension: whatIfDimension, ...whatIf(cellsOf(bill)), allIn }
		};
	});
}
