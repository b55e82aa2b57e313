// The weekly budget review: one ISO week in the workspace's time zone against the week before.
import type { Filters } from '$lib/schemas/filters';
import { addDays } from '$lib/metrics/weeks';
import { isoWeekLabel } from '$lib/metrics/weeks';
import { isoWeekRange, mondayOfIsoWeek } from '$lib/metrics/time-zones';
import {
	pairRecommendations,
	type Comparison,
	type ModelRow,
	type PairRecommendation
} from '$lib/metrics/summary';
import type { Db } from '../db/connection';
import { ApiError } from '../errors';
import { budgetOn, type BudgetView } from '../budgets';
import { workspaceTimeZone } from '../workspaces';
import { retakeSinks, reviewBacklog, type Backlog, type Sink } from './retake-sinks';
import { countsByModel, summaryByModel, type FigureOptions } from './summary-by-model';

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

export async function weeklyReview(
	db: Db,
	workspaceId: string,
	week: string,
	project: string | undefined,
	now = new Date(),
	options: FigureOptions = {}
): Promise<WeeklyReview> {
	const timeZone = await workspaceTimeZone(db, workspaceId);
	const monday = mondayOfIsoWeek(week);
	const range = isoWeekRange(week, timeZone);
	if (!monday || !range)
		throw new ApiError(400, 'invalid week', [{ path: 'week', message: `${week} does not exist` }]);
	const previousMonday = addDays(monday, -7);
	const before = isoWeekRange(isoWeekLabel(previousMonday), timeZone)!;
	const scope: Filters = { project };
	const [current, previous, upToNow, upToBefore, budget, projects, tags, backlog] = await Promise.all([
		summaryByModel(db, workspaceId, { ...scope, ...range }, options),
		summaryByModel(db, workspaceId, { ...scope, ...before }, options),
		// All data up to each week's end: only the pairs' recommendations are used.
		countsByModel(db, workspaceId, { ...scope, to: range.to }, options).then(pairRecommendations),
		countsByModel(db, workspaceId, { ...scope, to: range.from }, options).then(pairRecommendations),
		budgetOn(db, workspaceId, project, monday, timeZone, now),
		retakeSinks(db, workspaceId, { ...scope, ...range }, 'project', 5, options),
		retakeSinks(db, workspaceId, { ...scope, ...range }, 'tag', 5, options),
		reviewBacklog(db, workspaceId, { ...scope, to: range.to }, options)
	]);
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
