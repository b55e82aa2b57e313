import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { filtersSchema } from '$lib/schemas/filters';
import { modelRow } from '$lib/metrics/summary';
import { addDays, weeksBetween } from '$lib/metrics/weeks';
import { db } from '$lib/server/app';
import { workspaceTimeZone } from '$lib/server/workspaces';
import { requireRole, workspaceOf } from '$lib/server/context';
import { summaryByModel } from '$lib/server/queries/summary-by-model';
import { countsByWeekAndModel } from '$lib/server/queries/weekly-spend-by-model';
import { listProjects } from '$lib/server/queries/projects';
import { hasAttempts, seedDemo } from '$lib/server/demo/seed';

const DEFAULT_DAYS = 42;
const today = () => new Date().toISOString().slice(0, 10);

/** The overview: the URL holds the filters (from, to as dates, [from, to) ; project). */
export const load: PageServerLoad = async ({ url, locals }) => {
	const workspaceId = workspaceOf(locals);
	const from = url.searchParams.get('from') || addDays(today(), -DEFAULT_DAYS);
	const to = url.searchParams.get('to') || addDays(today(), 1);
	const project = url.searchParams.get('project') || undefined;
	const parsed = filtersSchema.safeParse({ from, to, project });
	const filterError = parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
	const filters = parsed.success ? parsed.data : filtersSchema.parse({ from: addDays(today(), -DEFAULT_DAYS) });

	const database = db();
	const timeZone = await workspaceTimeZone(database, workspaceId);
	const [summary, weekly, projects, anyAttempts] = await Promise.all([
		summaryByModel(database, workspaceId, filters),
		countsByWeekAndModel(database, workspaceId, filters, timeZone),
		listProjects(database, workspaceId),
		hasAttempts(database, workspaceId)
	]);
	return {
		range: { from, to, project: project ?? '' },
		filterError,
		timeZone,
		projects,
		anyAttempts,
		...summary,
		weeks: weeksBetween(from, addDays(to, -1)),
		weekly: weekly.map((w) => {
			const row = modelRow(w);
			return { week: w.segment, model: w.model, spendUsd: row.spendUsd, costPerKeptClipUsd: row.costPerKeptClipUsd };
		})
	};
};

export const actions: Actions = {
	/** Load six weeks of demo data into an empty workspace. */
	demo: async ({ locals }) => {
		requireRole(locals, 'member');
		const database = db();
		const workspaceId = workspaceOf(locals);
		if (await hasAttempts(database, workspaceId)) {
			return fail(409, { message: 'Demo data goes only into an empty workspace.' });
		}
		await seedDemo(database, workspaceId);
		redirect(303, '/');
	}
};
