// Which tier should each family pair default to, overall and per segment, and what it would have saved.
import type { Filters } from '$lib/schemas/filters';
import { DIMENSIONS, DURATION_BUCKETS, type Dimension, type WhatIfDimension } from '$lib/schemas/segments';
import {
	advise,
	adviseSegment,
	listSegments,
	segmentPairs,
	segmentAllInRecommendation,
	segmentProbe,
	segmentRecommendation,
	type Advice,
	type PairSegments
} from '$lib/metrics/advice';
import type { Recommendation } from '$lib/metrics/confidence';
import { emptyCounts } from '$lib/metrics/figures';
import { familyPairs, type ModelCounts } from '$lib/metrics/summary';
import { allInWhatIf, allInWhatIfLater, whatIf, whatIfLater, type WhatIf } from '$lib/metrics/what-if';
import type { Db } from '../db/connection';
import { betaSumQuantilesOffThread, figuresOffThread, warmStatsThread } from '../stats-thread';
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
	/** The counts per model over the same filters, if the caller reads them too (a page's summary). */
	byModel?: Promise<ModelCounts[]>;
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
		byModel,
		...options
	}: RecommendationOptions = {}
): Promise<PairAdvice[]> {
	// The statistics thread starts while the queries run.
	warmStatsThread();
	// The counts per model and one query per dimension, all at once: every model's segments are read (the
	// pairs are known only from the counts) and split per pair below. Every dimension is counted, only
	// `segmentsBy` is advised segment by segment (the costly part, and most of an answer's size).
	const [groups, ...perDimension] = await Promise.all([
		byModel ?? countsByModel(db, workspaceId, filters, options),
		...DIMENSIONS.map((d) => countsBySegment(db, workspaceId, filters, d, undefined, options))
	]);
	const rows = new Map<Dimension, SegmentCounts[]>(DIMENSIONS.map((d, i) => [d, perDimension[i]]));
	const order = (d: Dimension) => (d === 'duration' ? DURATION_BUCKETS : []);
	const pairs = familyPairs(groups).map(([base, premium]) => {
		const split = (d: Dimension) => segmentPairs(rows.get(d)!, base.model, premium.model, order(d));
		return { base, premium, split, ...listSegments(split(segmentsBy)) };
	});

	// Full advice (with attempts to settle) only for the segments listed: every other one's statistics on
	// the second thread, the rest here meanwhile; the thread's figures are remembered, so advising its
	// segments afterwards only looks them up.
	const listed = pairs.flatMap((p) => p.listed);
	const elsewhere = figuresOffThread(
		listed.filter((_, i) => i % 2 === 1).map((s) => segmentProbe(s, laborRate))
	);
	listed.forEach((s, i) => i % 2 === 0 && adviseSegment(s, laborRate));
	// The what-if runs over every segment of its dimension, listed or not; a listed segment's
	// recommendation is in its advice (the same integration), the others' are computed here meanwhile.
	const withWhatIf = pairs.map((p) => {
		const whatIfSegments = p.split(whatIfDimension);
		const listedHere = new Set(whatIfDimension === segmentsBy ? p.listed.map((s) => s.segment) : []);
		const unlisted = whatIfSegments.map((s) =>
			listedHere.has(s.segment) ? undefined : segmentRecommendation(s)
		);
		return { ...p, whatIfSegments, unlisted, overall: advise(p.base, p.premium, { rate: laborRate }) };
	});
	await elsewhere;

	const answers = withWhatIf.map(
		({ base, premium, split, listed, hidden, whatIfSegments, unlisted, overall }) => {
			const advised = listed.map((s) => adviseSegment(s, laborRate));
			const known = new Map(advised.map((a) => [a.segment, a]));
			const bill = whatIfSegments.map((s, i) =>
				unlisted[i] !== undefined ? unlisted[i] : (known.get(s.segment)!.advice?.recommendation ?? null)
			);
			const cellsOf = (chosen: (Recommendation | null)[]) =>
				whatIfSegments.map((s, i) => ({
					base: s.base ?? emptyCounts(),
					premium: s.premium ?? emptyCounts(),
					recommendation: chosen[i]
				}));
			// The all-in one only with a rate (null then, with no statistic computed).
			const allInCells = () =>
				cellsOf(whatIfSegments.map((s, i) => segmentAllInRecommendation(s, laborRate, bill[i])));
			return {
				answer: {
					family: base.family,
					base: base.model,
					premium: premium.model,
					overall,
					segments: {
						by: segmentsBy,
						listed: advised,
						hidden,
						counts: Object.fromEntries(DIMENSIONS.map((d) => [d, split(d).length])) as Record<
							Dimension,
							number
						>
					}
				},
				billCells: cellsOf(bill),
				allInCells
			};
		}
	);
	// The what-ifs' draws: every other pair's on the second thread (sent first), the rest here meanwhile.
	const drawn = answers.map(({ billCells, allInCells }, i) =>
		i % 2 === 1
			? Promise.all([
					whatIfLater(billCells, betaSumQuantilesOffThread),
					allInWhatIfLater(allInCells(), laborRate, betaSumQuantilesOffThread)
				])
			: null
	);
	const results = answers.map(
		({ billCells, allInCells }, i) =>
			drawn[i] ?? ([whatIf(billCells), allInWhatIf(allInCells(), laborRate)] as const)
	);
	return Promise.all(
		answers.map(async ({ answer }, i) => {
			const [bill, allIn] = await results[i];
			return { ...answer, whatIf: { dimension: whatIfDimension, ...bill, allIn } };
		})
	);
}
