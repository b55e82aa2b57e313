// The weekly budget review: one ISO week in the workspace's time zone against the week before.
import type { Filters } from '$lib/schemas/filters';
import { addDays } from '$lib/metrics/weeks';
import { isoWeekLabel } from '$lib/metrics/weeks';
import { isoWeekRange, mondayOfIsoWeek } from '$lib/metrics/time-zones';
import {
	addByModel,
	pairRecommendations,
	summarize,
	type Comparison,
	type ModelRow,
	type PairRecommendation
} from '$lib/metrics/summary';
import type { Db } from '../db/connection';
import { ApiError } from '../errors';
import { budgetOn, type BudgetView } from '../budgets';
import { workspaceTimeZone } from '../workspaces';
import { retakeSinks, reviewBacklog, type Backlog, type Sink } from './retake-sinks';
import { countsByModel, type FigureOptions, type SegmentCounts } from './summary-by-model';

export interface AdviceChange {
	family: string;
	base: string;
	premium: string;
	before: Comparison['recommendation'];
	after: Comparison['recommendation'];
	probabilityPremiumCheaper: number | null;
}

export interface WeeklyReview {
	week: string;
	previous: string;
	next: string;
	from: string;
	to: string;
	timeZone: string;
	spendUsd: number;
	wastedSpendUsd: number;
	keptClips: number;
	costPerKeptClipUsd: number | null;
	/** Review labour of the week (docs/figures.md#review-labour-the-whole-cost-of-a-usable-clip). */
	reviewSeconds: number;
	laborUsd: number | null;
	allInSpendUsd: number | null;
	allInCostPerKeptClipUsd: number | null;
	previousWeek: { spendUsd: number; wastedSpendUsd: number; costPerKeptClipUsd: number | null };
	budget: BudgetView | null;
	models: ModelRow[];
	comparisons: Comparison[];
	/** Each model's cost per kept clip the week before (null: none kept or not used). */
	previousCostPerKeptClipUsd: Record<string, number | null>;
	sinks: { projects: Sink[]; tags: Sink[] };
	backlog: Backlog;
	/** Tier advice, on all data up to the end of each week, that changed since the week before. */
	adviceChanges: AdviceChange[];
}

export interface WeeklyReviewOptions extends FigureOptions {
	/**
	 * The counts per ISO week and model (countsByWeekAndModel in the workspace's zone, the same project) of
	 * a range that holds the week and the week before, if the caller reads them anyway (the page's charts):
	 * both weeks' counts are taken from them instead of read again.
	 */
	weeks?: Promise<SegmentCounts[]>;
}

export async function weeklyReview(
	db: Db,
	workspaceId: string,
	week: string,
	project: string | undefined,
	now = new Date(),
	{ weeks, ...options }: WeeklyReviewOptions = {}
): Promise<WeeklyReview> {
	const timeZone = await workspaceTimeZone(db, workspaceId);
	const monday = mondayOfIsoWeek(week);
	const range = isoWeekRange(week, timeZone);
	if (!monday || !range)
		throw new ApiError(400, 'invalid week', [{ path: 'week', message: `${week} does not exist` }]);
	const previousMonday = addDays(monday, -7);
	const before = isoWeekRange(isoWeekLabel(previousMonday), timeZone)!;
	const scope: Filters = { project };
	const weekOf = (first: string, filters: Filters) =>
		weeks
			? weeks.then((rows) =>
					rows.filter((r) => r.segment === first).map(({ segment: _, ...counts }) => counts)
				)
			: countsByModel(db, workspaceId, filters, options);
	const [weekCounts, previousCounts, upToMonday, budget, projects, tags, backlog] = await Promise.all([
		weekOf(monday, { ...scope, ...range }),
		weekOf(previousMonday, { ...scope, ...before }),
		// All data up to the week's start (`to` is exclusive: the week starts where it ends).
		countsByModel(db, workspaceId, { ...scope, to: range.from }, options),
		budgetOn(db, workspaceId, project, monday, timeZone, now),
		retakeSinks(db, workspaceId, { ...scope, ...range }, 'project', 5, options),
		retakeSinks(db, workspaceId, { ...scope, ...range }, 'tag', 5, options),
		reviewBacklog(db, workspaceId, { ...scope, to: range.to }, options)
	]);
	const current = summarize(weekCounts, options.laborRate);
	const previous = summarize(previousCounts, options.laborRate);
	// Tier advice on all data up to each week's end (only the pairs' recommendations are used): up to its
	// end is up to its start and the week itself.
	const upToBefore = pairRecommendations(upToMonday);
	const upToNow = pairRecommendations(addByModel(upToMonday, weekCounts));
	return {
		week,
		previous: isoWeekLabel(previousMonday),
		next: isoWeekLabel(addDays(monday, 7)),
		from: range.from.toISOString(),
		to: range.to.toISOString(),
		timeZone,
		spendUsd: current.totals.spendUsd,
		wastedSpendUsd: current.totals.wastedSpendUsd,
		keptClips: current.totals.kept,
		costPerKeptClipUsd: current.totals.costPerKeptClipUsd,
		reviewSeconds: current.totals.reviewSeconds,
		laborUsd: current.totals.laborUsd,
		allInSpendUsd: current.totals.allInSpendUsd,
		allInCostPerKeptClipUsd: current.totals.allInCostPerKeptClipUsd,
		previousWeek: {
			spendUsd: previous.totals.spendUsd,
			wastedSpendUsd: previous.totals.wastedSpendUsd,
			costPerKeptClipUsd: previous.totals.costPerKeptClipUsd
		},
		budget,
		models: current.models,
		comparisons: current.comparisons,
		previousCostPerKeptClipUsd: Object.fromEntries(
			current.models.map((m) => [
				m.model,
				previous.models.find((p) => p.model === m.model)?.costPerKeptClipUsd ?? null
			])
		),
		sinks: { projects, tags },
		backlog,
		adviceChanges: adviceChanges(upToBefore, upToNow)
	};
}

function adviceChanges(before: PairRecommendation[], after: PairRecommendation[]): AdviceChange[] {
	return after.flatMap((a) => {
		const b = before.find((x) => x.base === a.base && x.premium === a.premium);
		const was = b?.recommendation ?? null;
		if (was === a.recommendation) return [];
		return [
			{
				family: a.family,
				base: a.base,
				premium: a.premium,
				before: was,
				after: a.recommendation,
				probabilityPremiumCheaper: a.probabilityPremiumCheaper
			}
		];
	});
}
