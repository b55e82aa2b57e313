// Which tier should each family pair default to, overall and per segment, and what it would have saved.
import type { Filters } from '$lib/schemas/filters';
import { DIMENSIONS, DURATION_BUCKETS, type Dimension } from '$lib/schemas/segments';
import {
	advise,
	adviseSegment,
	listSegments,
	segmentPairs,
	segmentRecommendation,
	type Advice,
	type HiddenSegments,
	type SegmentAdvice,
	type SegmentPair
} from '$lib/metrics/advice';
import { emptyCounts } from '$lib/metrics/figures';
import { comparisons } from '$lib/metrics/summary';
import { whatIf, type WhatIf } from '$lib/metrics/what-if';
import type { Db } from '../db/connection';
import { countsBySegment } from './segments';
import { countsByModel, type SegmentCounts } from './summary-by-model';
import type { ReadOptions } from '../rollups/read';

export interface PairAdvice {
	family: string;
	base: string;
	premium: string;
	overall: Advice;
	/** Per dimension, the segments listed (see listSegments) and a summary of the others. */
	segments: Record<Dimension, SegmentAdvice[]>;
	hiddenSegments: Record<Dimension, HiddenSegments>;
	/** Had each segment of `whatIfDimension` used its recommended tier. */
	whatIf: WhatIf & { dimension: Dimension };
}

export async function recommendations(
	db: Db,
	workspaceId: string,
	filters: Filters,
	whatIfDimension: Dimension = 'project',
	options: ReadOptions = {}
): Promise<PairAdvice[]> {
	const groups = await countsByModel(db, workspaceId, filters, options);
	const byModel = new Map(groups.map((g) => [g.model, g]));
	const pairs = comparisons(groups);
	const inPairs = [...new Set(pairs.flatMap((p) => [p.base, p.premium]))];
	// One query per dimension for every model in a pair, split per pair below.
	const perDimension = await Promise.all(
		DIMENSIONS.map((d) => countsBySegment(db, workspaceId, filters, d, inPairs, options))
	);
	const rows = new Map<Dimension, SegmentCounts[]>(DIMENSIONS.map((d, i) => [d, perDimension[i]]));
	return pairs.map((pair) => {
		const order = (d: Dimension) => (d === 'duration' ? DURATION_BUCKETS : []);
		const listed = Object.fromEntries(
			DIMENSIONS.map((d) => [d, listSegments(segmentPairs(rows.get(d)!, pair.base, pair.premium, order(d)))])
		) as Record<Dimension, { listed: SegmentPair[]; hidden: HiddenSegments }>;
		// The what-if runs over every segment of its dimension, listed or not.
		const cells = segmentPairs(rows.get(whatIfDimension)!, pair.base, pair.premium).map((s) => ({
			base: s.base ?? emptyCounts(),
			premium: s.premium ?? emptyCounts(),
			recommendation: segmentRecommendation(s)
		}));
		return {
			family: pair.family,
			base: pair.base,
			premium: pair.premium,
			overall: advise(byModel.get(pair.base)!, byModel.get(pair.premium)!),
			// Full advice (with attempts to settle) only for the segments listed.
			segments: Object.fromEntries(
				DIMENSIONS.map((d) => [d, listed[d].listed.map(adviseSegment)])
			) as PairAdvice['segments'],
			hiddenSegments: Object.fromEntries(
				DIMENSIONS.map((d) => [d, listed[d].hidden])
			) as PairAdvice['hiddenSegments'],
			whatIf: { dimension: whatIfDimension, ...whatIf(cells) }
		};
	});
}
