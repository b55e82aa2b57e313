// What the API answers, as zod schemas: the OpenAPI document's response schemas. The code builds its
// answers as TypeScript types; `ResponsesAgree` below makes the two identical at compile time, so a field
// added to an answer fails `npm run check` until it is described here too.
import { z } from 'zod';
import { dimensionSchema, whatIfDimensionSchema } from '$lib/schemas/segments';
import { statusSchema, verdictSchema } from '$lib/schemas/attempt';
import { COST_SOURCES, TAG_SOURCES } from '../db/enums';
import type { Advice, PairSegments, SegmentAdvice } from '$lib/metrics/advice';
import type { Comparison, ModelRow } from '$lib/metrics/summary';
import type { ShotStats } from '$lib/metrics/shots';
import type { ImportReport } from '$lib/import-report';
import type { PairAdvice } from '../queries/recommendations';
import type { WeeklyReview } from '../queries/weekly-review';
import type { PublicAttempt } from '../attempts/public';
import type { IngestResult } from '../ingest';
import type { ReasonsAnswer } from '$lib/metrics/reasons';
import { REJECT_CATEGORY_IDS } from '$lib/reasons/categories';

const usd = z.number().describe('US dollars (micro-dollar precision)');
const share = z.number().min(0).max(1);
const nullableShare = share.nullable();
const interval = z.tuple([z.number(), z.number()]).nullable().describe('95% interval, or null');
const recommendation = z.enum(['premium', 'base', 'undecided']).nullable();
const count = z.number().int().min(0);

export const errorSchema = z
	.strictObject({
		error: z.string().describe('what went wrong, in a sentence'),
		issues: z
			.array(
				z.strictObject({
					index: z.number().int().min(0).optional().describe('the attempt in a batch, from 0'),
					path: z.string().describe('the field, e.g. tags[2] or metadata.source'),
					message: z.string()
				})
			)
			.optional()
			.describe('every problem found, by field'),
		conflicts: z.array(z.string()).optional().describe('409: the ids sent before with other content')
	})
	.describe('Every refusal: nothing of the request was stored.');

export const ingestResultSchema = z.strictObject({ accepted: count, duplicates: count, updated: count });

/** Review labour of a group (docs/figures.md#review-labour-the-whole-cost-of-a-usable-clip): the money is null without a rate. */
const labour = {
	reviewSeconds: z.number().min(0).describe('review time of the decided attempts'),
	laborUsd: usd.nullable().describe('reviewSeconds x rate / 3600'),
	allInSpendUsd: usd.nullable().describe('decidedSpendUsd + laborUsd'),
	allInCostPerKeptClipUsd: usd.nullable().describe('allInSpendUsd / kept')
};

const rateUsed = {
	laborUsdPerHour: usd
		.nullable()
		.describe(
			'the rate review labour is priced at: laborUsdPerHour= if sent, else the workspace’s; null: none'
		)
};

export const modelRowSchema = z.strictObject({
	model: z.string(),
	family: z.string(),
	tier: z.number().int(),
	displayName: z.string(),
	attempts: count,
	kept: count,
	rejected: count,
	failed: count,
	pending: count,
	decided: count,
	spendUsd: usd,
	decidedSpendUsd: usd,
	wastedSpendUsd: usd,
	keepRate: nullableShare,
	retakeRate: nullableShare,
	costPerAttemptUsd: usd.nullable(),
	costPerKeptClipUsd: usd.nullable(),
	keptSeconds: z.number().min(0),
	costPerKeptSecondUsd: usd.nullable(),
	keepRateInterval: interval,
	attemptsPerKeptClip: z.number().nullable(),
	meanGenerationSeconds: z.number().nullable(),
	secondsToUsableClip: z.number().nullable(),
	...labour
});

const comparisonShape = {
	family: z.string(),
	base: z.string().describe('the cheaper tier'),
	premium: z.string(),
	costRatio: z.number().nullable(),
	breakEvenKeepRate: z.number().nullable(),
	baseKeepRate: nullableShare,
	premiumKeepRate: nullableShare,
	baseCostPerKeptClipUsd: usd.nullable(),
	premiumCostPerKeptClipUsd: usd.nullable(),
	premiumPaysForItself: z.boolean().nullable(),
	probabilityPremiumCheaper: nullableShare,
	recommendation,
	attemptsToSettle: count.nullable(),
	allInCostRatio: z.number().nullable(),
	allInBreakEvenKeepRate: z.number().nullable(),
	allInPremiumPaysForItself: z.boolean().nullable(),
	probabilityPremiumCheaperAllIn: nullableShare,
	allInRecommendation: recommendation
};
export const comparisonSchema = z.strictObject(comparisonShape);

export const summarySchema = z.strictObject({
	...rateUsed,
	models: z.array(modelRowSchema),
	comparisons: z.array(comparisonSchema)
});

const saving = {
	premiumSavingPer100UsableClipsUsd: usd.nullable(),
	savingPer100UsableClipsUsd: usd.nullable()
};
export const adviceSchema = z.strictObject({ ...comparisonShape, ...saving, rationale: z.string() });

const segmentTier = modelRowSchema
	.pick({
		attempts: true,
		kept: true,
		decided: true,
		pending: true,
		keepRate: true,
		keepRateInterval: true,
		costPerAttemptUsd: true,
		costPerKeptClipUsd: true,
		allInCostPerKeptClipUsd: true
	})
	.nullable();

export const segmentAdviceSchema = z.strictObject({
	segment: z.string(),
	base: segmentTier,
	premium: segmentTier,
	advice: z
		.strictObject({
			costRatio: comparisonShape.costRatio,
			breakEvenKeepRate: comparisonShape.breakEvenKeepRate,
			premiumPaysForItself: comparisonShape.premiumPaysForItself,
			probabilityPremiumCheaper: comparisonShape.probabilityPremiumCheaper,
			recommendation,
			attemptsToSettle: comparisonShape.attemptsToSettle,
			...saving,
			allInCostRatio: comparisonShape.allInCostRatio,
			allInBreakEvenKeepRate: comparisonShape.allInBreakEvenKeepRate,
			allInPremiumPaysForItself: comparisonShape.allInPremiumPaysForItself,
			probabilityPremiumCheaperAllIn: comparisonShape.probabilityPremiumCheaperAllIn,
			allInRecommendation: recommendation
		})
		.nullable()
});

const pairSegments = z.strictObject({
	by: dimensionSchema,
	listed: z.array(segmentAdviceSchema),
	hidden: z.strictObject({ segments: count, decided: count }),
	counts: z.record(dimensionSchema, count)
});

const whatIfShape = {
	actualUsd: usd,
	whatIfUsd: usd,
	savingUsd: usd,
	savingShare: z.number().nullable(),
	whatIfIntervalUsd: z.tuple([z.number(), z.number()]),
	segmentsChanged: count
};

export const pairAdviceSchema = z.strictObject({
	family: z.string(),
	base: z.string(),
	premium: z.string(),
	overall: adviceSchema,
	segments: pairSegments,
	whatIf: z.strictObject({
		dimension: whatIfDimensionSchema,
		...whatIfShape,
		allIn: z
			.strictObject(whatIfShape)
			.nullable()
			.describe(
				'the same with each segment on its all-in recommended tier, every spend priced with review labour; null without a rate'
			)
	})
});

export const recommendationsSchema = z.strictObject({ ...rateUsed, pairs: z.array(pairAdviceSchema) });

export const shotStatsSchema = z.strictObject({
	model: z.string(),
	shots: count,
	keptShots: count,
	abandoned: count,
	inReview: count,
	histogram: z.array(count).describe('shots kept at the 1st, 2nd, 3rd, 4th, 5th, 6th or later attempt'),
	medianAttemptsToFirstKeep: z.number().nullable(),
	meanAttemptsToFirstKeep: z.number().nullable(),
	meanCostToFirstKeepUsd: usd.nullable(),
	abandonedSpendUsd: usd,
	spendPerKeptShotUsd: usd.nullable(),
	reviewSeconds: z.number().min(0).describe('review time of the decided takes of every shot'),
	laborUsd: usd.nullable().describe('reviewSeconds x rate / 3600; null without a rate'),
	allInSpendPerKeptShotUsd: usd
		.nullable()
		.describe('(spend + laborUsd of every shot) / keptShots; null without a rate or a kept shot')
});

export const shotsSchema = z.strictObject({ ...rateUsed, models: z.array(shotStatsSchema) });

const sink = z.strictObject({ name: z.string(), wastedSpendUsd: usd, decided: count, kept: count });

export const weeklyReviewSchema = z.strictObject({
	week: z.string().describe('ISO week, e.g. 2026-W48'),
	previous: z.string(),
	next: z.string(),
	from: z.string().describe('its first instant, in the workspace time zone'),
	to: z.string(),
	timeZone: z.string(),
	spendUsd: usd,
	wastedSpendUsd: usd,
	keptClips: count,
	costPerKeptClipUsd: usd.nullable(),
	...labour,
	previousWeek: z.strictObject({
		spendUsd: usd,
		wastedSpendUsd: usd,
		costPerKeptClipUsd: usd.nullable()
	}),
	budget: z
		.strictObject({
			period: z.enum(['week', 'month']),
			project: z.string().nullable(),
			amountUsd: usd,
			periodFrom: z.string(),
			periodTo: z.string(),
			spendUsd: usd,
			forecastUsd: usd,
			status: z.enum(['on track', 'at risk', 'over']),
			elapsedShare: share
		})
		.nullable(),
	models: z.array(modelRowSchema),
	comparisons: z.array(comparisonSchema),
	previousCostPerKeptClipUsd: z.record(z.string(), usd.nullable()),
	sinks: z.strictObject({ projects: z.array(sink), tags: z.array(sink) }),
	backlog: z.strictObject({ pending: count, pendingSpendUsd: usd, oldestPendingAt: z.string().nullable() }),
	adviceChanges: z.array(
		z.strictObject({
			family: z.string(),
			base: z.string(),
			premium: z.string(),
			before: recommendation,
			after: recommendation,
			probabilityPremiumCheaper: nullableShare
		})
	)
});

/** GET /api/v1/weekly: the review and the rate its labour figures use. */
export const weeklyAnswerSchema = z.strictObject({ ...rateUsed, ...weeklyReviewSchema.shape });

export const publicAttemptSchema = z.strictObject({
	id: z.string(),
	project: z.string(),
	model: z.string().describe('the canonical model (a dated snapshot is stored as its model)'),
	createdAt: z.string(),
	durationSeconds: z.number(),
	resolution: z.string().nullable(),
	costUsd: usd,
	costSource: z.enum(COST_SOURCES).describe('reported: the costUsd sent; price_book: priced by keeprate'),
	status: statusSchema,
	verdict: verdictSchema,
	rejectReason: z.string().nullable(),
	reviewSeconds: z.number().nullable().describe('review time, part of the verdict'),
	verdictAt: z.string().nullable(),
	verdictBy: z.string().nullable().describe('key:<id> through the API, user:<id> from the review queue'),
	shotId: z.string().nullable(),
	tags: z.array(z.string()),
	tagsSource: z.enum(TAG_SOURCES).nullable(),
	prompt: z.string().nullable(),
	generationSeconds: z.number().nullable(),
	creator: z.string().nullable(),
	videoUrl: z.string().nullable(),
	metadata: z.unknown(),
	receivedAt: z.string()
});

export const importReportSchema = z.strictObject({
	lines: count,
	accepted: count,
	duplicates: count,
	updated: count,
	refused: z
		.array(z.strictObject({ line: z.number().int().min(1), path: z.string(), message: z.string() }))
		.describe('the first 1000 refused lines'),
	refusedCount: count,
	dryRun: z.boolean()
});

const reasonFigureSchema = z.strictObject({
	category: z.string().describe(`the reject category: ${REJECT_CATEGORY_IDS.join(', ')}`),
	label: z.string().describe('the category as the pages name it'),
	attempts: count,
	share: nullableShare.describe('attempts / (rejected + failed) of the same scope; null when there are none'),
	wastedSpendUsd: usd,
	reviewSeconds: z.number().min(0).describe('review time spent on those attempts'),
	wastedLaborUsd: usd.nullable().describe('reviewSeconds x rate / 3600; null without a rate'),
	wastedAllInUsd: usd.nullable().describe('wastedSpendUsd + wastedLaborUsd; null without a rate')
});

export const rejectReasonsSchema = z.strictObject({
	...rateUsed,
	reasons: z.array(reasonFigureSchema).describe('biggest wasted spend first'),
	models: z
		.array(z.strictObject({ model: z.string(), reasons: z.array(reasonFigureSchema) }))
		.describe('the model that wasted most first'),
	recategorising: z
		.boolean()
		.describe('true while attempts are placed again after a change of rules: totals exact, the split moving')
});

export const healthSchema = z.strictObject({
	status: z.enum(['ok', 'unavailable']),
	database: z.string()
});

/** True when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** An intersection (`WhatIf & { dimension }`) read as the one object type it is, at every depth. */
type Plain<T> = T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
type Agree<S extends z.ZodType, T> = Same<Plain<z.output<S>>, Plain<T>>;
type Assert<T extends true> = T;

/** Compile-time only: each schema describes exactly the type the code answers with. */
export type ResponsesAgree = [
	Assert<Agree<typeof ingestResultSchema, IngestResult>>,
	Assert<Agree<typeof modelRowSchema, ModelRow>>,
	Assert<Agree<typeof comparisonSchema, Comparison>>,
	Assert<Agree<typeof adviceSchema, Advice>>,
	Assert<Agree<typeof segmentAdviceSchema, SegmentAdvice>>,
	Assert<Agree<typeof pairSegments, PairSegments>>,
	Assert<Agree<typeof pairAdviceSchema, PairAdvice>>,
	Assert<Agree<typeof shotStatsSchema, ShotStats>>,
	Assert<Agree<typeof weeklyReviewSchema, WeeklyReview>>,
	Assert<Agree<typeof publicAttemptSchema, PublicAttempt>>,
	Assert<Agree<typeof importReportSchema, ImportReport>>,
	Assert<
		Agree<
			typeof rejectReasonsSchema,
			ReasonsAnswer & { recategorising: boolean; laborUsdPerHour: number | null }
		>
	>
];
