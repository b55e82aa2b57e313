import type { PageServerLoad } from './$types';
import { totals } from '$lib/metrics/summary';
import { db } from '$lib/server/app';
import { workspaceOf } from '$lib/server/context';
import { pageRange } from '$lib/server/page-range';
import { listProjects } from '$lib/server/queries/projects';
import { countsBySegment } from '$lib/server/queries/segments';
import { summaryByModel } from '$lib/server/queries/summary-by-model';
import { workspaceTimeZone } from '$lib/server/workspaces';

/** Every project of the workspace with its figures over ?from=&until= (project is ignored here). */
export const load: PageServerLoad = async ({ url, locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const timeZone = await workspaceTimeZone(database, workspaceId);
	const range = pageRange(url, timeZone);
	const filters = { from: range.filters.from, to: range.filters.to };
	const [summary, projects] = await Promise.all([
		summaryByModel(database, workspaceId, filters),
		listProjects(database, workspaceId)
	]);
	// One query for every project: counts per (project, model), summed per project below.
	const counts = await countsBySegment(
		database,
		workspaceId,
		filters,
		'project',
		summary.models.map((m) => m.model)
	);
	const rows = projects.map((p) => ({
		slug: p.slug,
		name: p.name,
		...totals(counts.filter((c) => c.segment === p.slug))
	}));
	return {
		range: { from: range.from, until: range.until, today: range.today },
		errors: range.errors,
		timeZone,
		totals: summary.totals,
		// Busiest first: the projects that cost the most are the ones a producer reports on.
		projects: rows.sort((a, b) => b.spendUsd - a.spendUsd || a.slug.localeCompare(b.slug))
	};
};
