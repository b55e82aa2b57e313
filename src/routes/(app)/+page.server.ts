import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { modelRow } from '$lib/metrics/summary';
import { weeksBetween } from '$lib/metrics/weeks';
import { pageRange } from '$lib/server/page-range';
import { db } from '$lib/server/app';
import { workspaceTimeZone } from '$lib/server/workspaces';
import { pageLaborRate } from '$lib/server/page-labor-rate';
import { labourFlipSentence } from '$lib/metrics/advice';
import { microsToUsd } from '$lib/metrics/money';
import { hasRole, requireRole, workspaceOf } from '$lib/server/context';
import { issueKey } from '$lib/server/api-keys';
import { summaryByModel } from '$lib/server/queries/summary-by-model';
import { countsByWeekAndModel } from '$lib/server/queries/weekly-spend-by-model';
import { listProjects } from '$lib/server/queries/projects';
import { seedDemo } from '$lib/server/demo/seed';
import { hasAttempts } from '$lib/server/queries/has-attempts';

/** The overview: the URL holds the range (from, until or to), the project and a what-if labour rate. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const timeZone = await workspaceTimeZone(database, workspaceId);
	const range = pageRange(url, timeZone);
	const filters = range.filters;
	const { rate, labour, errors: labourError } = await pageLaborRate(database, workspaceId, url);
	const [summary, weekly, projects, anyAttempts] = await Promise.all([
		summaryByModel(database, workspaceId, filters, { laborRate: rate }),
		countsByWeekAndModel(database, workspaceId, filters, timeZone),
		listProjects(database, workspaceId),
		hasAttempts(database, workspaceId)
	]);
	return {
		range: { from: range.from, to: range.to, until: range.until, project: range.project, today: range.today },
		filterError: range.errors,
		labour,
		labourError,
		timeZone,
		projects,
		anyAttempts,
		// The empty state offers admins a key for this workspace (Settings > API keys makes the others).
		canCreateKey: !!locals.workspace && hasRole(locals.workspace.role, 'admin'),
		...summary,
		labourFlip:
			rate === null ? null : labourFlipSentence(summary.comparisons, summary.models, microsToUsd(rate)),
		weeks: weeksBetween(range.from, range.until),
		weekly: weekly.map((w) => {
			const row = modelRow(w);
			return {
				week: w.segment,
				model: w.model,
				spendUsd: row.spendUsd,
				costPerKeptClipUsd: row.costPerKeptClipUsd
			};
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
	},

	/**
	 * An ingest key for this workspace, for the empty state's command: the same server code and audit entry
	 * as Settings > API keys. The key itself leaves the server this once, in this response.
	 */
	key: async ({ locals }) => {
		requireRole(locals, 'admin');
		const database = db();
		const workspaceId = workspaceOf(locals);
		const actor = locals.user!.email;
		const input = { name: 'First ingest key (overview)', scopes: ['ingest' as const], projects: [] };
		const created = await issueKey(database, workspaceId, input, actor);
		return { createdKey: created.key };
	}
};
