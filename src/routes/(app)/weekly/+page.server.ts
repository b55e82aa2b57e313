import type { PageServerLoad } from './$types';
import { slug } from '$lib/schemas/attempt';
import { isoWeekSchema } from '$lib/schemas/budget';
import { modelRow } from '$lib/metrics/summary';
import { microsToUsd } from '$lib/metrics/money';
import { spendSplit } from '$lib/charts/weekly';
import { addDays, isoWeekLabel, mondayOf } from '$lib/metrics/weeks';
import { dayOf, mondayOfIsoWeek, startOfDay } from '$lib/metrics/time-zones';
import { db } from '$lib/server/app';
import { listBudgets } from '$lib/server/budgets';
import { workspaceOf } from '$lib/server/context';
import { listProjects } from '$lib/server/queries/projects';
import { weeklyReview } from '$lib/server/queries/weekly-review';
import { countsByWeekAndModel } from '$lib/server/queries/weekly-spend-by-model';
import { workspaceTimeZone } from '$lib/server/workspaces';
import { pageLaborRate } from '$lib/server/page-labor-rate';

/** How many weeks the charts look back, the week under review included. */
const HISTORY = 8;

/**
 * The weekly budget review: ?week=YYYY-Www (default: this week in the workspace's zone)&project=, and a
 * what-if labour rate (laborUsdPerHour=).
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const timeZone = await workspaceTimeZone(database, workspaceId);
	const current = isoWeekLabel(mondayOf(dayOf(new Date(), timeZone)));
	const errors: string[] = [];
	let week = url.searchParams.get('week') || current;
	if (!isoWeekSchema.safeParse(week).success || !mondayOfIsoWeek(week)) {
		errors.push(`week: "${week}" is not an ISO week such as ${current}; showing this week instead`);
		week = current;
	}
	let project = url.searchParams.get('project') || '';
	if (project && !slug.safeParse(project).success) {
		errors.push(`project: "${project}" is not a project slug; showing all projects`);
		project = '';
	}
	const monday = mondayOfIsoWeek(week)!;
	const first = addDays(monday, -7 * (HISTORY - 1));
	const history = {
		from: startOfDay(first, timeZone),
		to: startOfDay(addDays(monday, 7), timeZone),
		project: project || undefined
	};
	const { rate, labour, errors: labourError } = await pageLaborRate(database, workspaceId, url);
	// The charts' weeks hold the week under review and the one before: the review takes its counts from them.
	const byWeek = countsByWeekAndModel(database, workspaceId, history, timeZone);
	const [review, counts, budgets, projects] = await Promise.all([
		weeklyReview(database, workspaceId, week, project || undefined, new Date(), {
			laborRate: rate,
			weeks: byWeek
		}),
		byWeek,
		listBudgets(database, workspaceId),
		listProjects(database, workspaceId)
	]);
	const weeks = Array.from({ length: HISTORY }, (_, i) => addDays(first, 7 * i));
	return {
		review,
		// With a labour rate (the URL's, else the workspace's), the headline and the models table show the
		// all-in cost per kept clip too.
		allIn: rate !== null,
		labour,
		labourError,
		current,
		monday,
		project,
		projects,
		errors: errors.length > 0 ? errors : null,
		weeks,
		spend: counts.map((c) => ({
			week: c.segment,
			model: c.model,
			displayName: c.displayName,
			family: c.family,
			tier: c.tier,
			spendUsd: modelRow(c).spendUsd
		})),
		split: spendSplit(weeks, counts),
		// Each model's figures the week before the one under review: the Change column tests its change.
		previousWeek: Object.fromEntries(
			counts
				.filter((c) => c.segment === addDays(monday, -7))
				.map((c) => {
					const row = modelRow(c);
					return [
						c.model,
						{
							kept: row.kept,
							costPerAttemptUsd: row.costPerAttemptUsd,
							costPerKeptClipUsd: row.costPerKeptClipUsd,
							keepRateInterval: row.keepRateInterval
						}
					];
				})
		),
		// The chart's budget line follows the scope of the review: the project's budgets, or the workspace's.
		budgets: budgets
			.filter((b) => b.project === project)
			.map((b) => ({
				period: b.period as 'week' | 'month',
				amountUsd: microsToUsd(b.amountMicros),
				startsOn: b.startsOn,
				createdAt: b.createdAt.toISOString()
			}))
	};
};
