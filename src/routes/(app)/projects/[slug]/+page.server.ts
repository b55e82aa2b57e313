import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { shotStatsOfGroups } from '$lib/metrics/shots';
import { modelRow } from '$lib/metrics/summary';
import { weeksBetween } from '$lib/metrics/weeks';
import { db } from '$lib/server/app';
import { workspaceOf } from '$lib/server/context';
import { pageRange } from '$lib/server/page-range';
import { listProjects } from '$lib/server/queries/projects';
import { overallAdvice } from '$lib/server/queries/recommendations';
import { shotGroups } from '$lib/server/queries/shots';
import { summaryByModel } from '$lib/server/queries/summary-by-model';
import { countsByWeekAndModel } from '$lib/server/queries/weekly-spend-by-model';
import { workspaceTimeZone } from '$lib/server/workspaces';
import { pageLaborRate } from '$lib/server/page-labor-rate';
import { labourFlipSentence } from '$lib/metrics/advice';
import { microsToUsd } from '$lib/metrics/money';

/**
 * One project's cost report over ?from=&until=, review priced at the URL's what-if rate (laborUsdPerHour=)
 * or the workspace's; a project of another workspace does not exist (404).
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const [timeZone, projects, { rate, labour, errors: labourError }] = await Promise.all([
		workspaceTimeZone(database, workspaceId),
		listProjects(database, workspaceId),
		pageLaborRate(database, workspaceId, url)
	]);
	const project = projects.find((p) => p.slug === params.slug);
	if (!project) error(404, `There is no project "${params.slug}" in this workspace.`);
	const range = pageRange(url, timeZone);
	const filters = { from: range.filters.from, to: range.filters.to, project: project.slug };
	const [summary, weekly, shots, advice] = await Promise.all([
		summaryByModel(database, workspaceId, filters, { laborRate: rate }),
		countsByWeekAndModel(database, workspaceId, filters, timeZone),
		shotGroups(database, workspaceId, filters),
		overallAdvice(database, workspaceId, filters, { laborRate: rate })
	]);
	return {
		project: { slug: project.slug, name: project.name },
		range: { from: range.from, until: range.until, today: range.today },
		errors: range.errors,
		timeZone,
		generatedAt: new Date().toISOString(),
		...summary,
		// With a labour rate (the URL's, else the workspace's): the all-in cost per usable clip beside the bill's.
		labour,
		labourError,
		labourFlip:
			rate === null ? null : labourFlipSentence(summary.comparisons, summary.models, microsToUsd(rate)),
		weeks: weeksBetween(range.from, range.until),
		trend: weekly.map((w) => {
			const row = modelRow(w);
			return {
				week: w.segment,
				model: w.model,
				kept: row.kept,
				spendUsd: row.spendUsd,
				costPerAttemptUsd: row.costPerAttemptUsd,
				costPerKeptClipUsd: row.costPerKeptClipUsd,
				keepRateInterval: row.keepRateInterval
			};
		}),
		shots: shotStatsOfGroups(shots),
		advice: advice.map((a) => ({
			family: a.family,
			base: a.base,
			premium: a.premium,
			recommendation: a.overall.recommendation,
			probabilityPremiumCheaper: a.overall.probabilityPremiumCheaper,
			savingPer100UsableClipsUsd: a.overall.savingPer100UsableClipsUsd,
			rationale: a.overall.rationale
		}))
	};
};
