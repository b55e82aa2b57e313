import type { PageServerLoad } from './$types';
import { shotStatsOfGroups } from '$lib/metrics/shots';
import { db } from '$lib/server/app';
import { workspaceOf } from '$lib/server/context';
import { pageRange } from '$lib/server/page-range';
import { listProjects } from '$lib/server/queries/projects';
import { shotGroups } from '$lib/server/queries/shots';
import { summaryByModel } from '$lib/server/queries/summary-by-model';
import { pageLaborRate } from '$lib/server/page-labor-rate';
import { workspaceTimeZone } from '$lib/server/workspaces';
import { hasAttempts } from '$lib/server/queries/has-attempts';

/**
 * Shots (attempts sharing a shotId) per model, and the time to a usable clip; range, project and a what-if
 * labour rate in the URL.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const timeZone = await workspaceTimeZone(database, workspaceId);
	const range = pageRange(url, timeZone);
	const { rate, labour, errors: labourError } = await pageLaborRate(database, workspaceId, url);
	const [rows, summary, projects, anyAttempts] = await Promise.all([
		shotGroups(database, workspaceId, range.filters),
		summaryByModel(database, workspaceId, range.filters),
		listProjects(database, workspaceId),
		hasAttempts(database, workspaceId)
	]);
	return {
		range: { from: range.from, to: range.to, until: range.until, project: range.project, today: range.today },
		filterError: range.errors,
		labour,
		labourError,
		projects,
		anyAttempts,
		shots: shotStatsOfGroups(rows, rate),
		attempts: summary.totals.attempts,
		attemptsInShots: rows.reduce((sum, r) => sum + r.takes, 0),
		models: summary.models.map((m) => ({
			model: m.model,
			family: m.family,
			tier: m.tier,
			displayName: m.displayName,
			meanGenerationSeconds: m.meanGenerationSeconds,
			attemptsPerKeptClip: m.attemptsPerKeptClip,
			secondsToUsableClip: m.secondsToUsableClip,
			kept: m.kept,
			decided: m.decided
		}))
	};
};
