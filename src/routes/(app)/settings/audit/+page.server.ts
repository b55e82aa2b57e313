import type { PageServerLoad } from './$types';
import { db } from '$lib/server/app';
import { auditEntries } from '$lib/server/audit';
import { requireRole, workspaceOf } from '$lib/server/context';
import { workspaceTimeZone } from '$lib/server/workspaces';

const LIMIT = 500;

/** The audit log of the workspace, newest first: the latest LIMIT entries. */
export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals, 'admin');
	const workspaceId = workspaceOf(locals);
	const [entries, timeZone] = await Promise.all([
		auditEntries(db(), workspaceId, LIMIT),
		workspaceTimeZone(db(), workspaceId)
	]);
	return {
		entries: entries.map((e) => ({
			id: e.id,
			at: e.at,
			actor: e.actor,
			action: e.action,
			details: (e.details ?? {}) as Record<string, unknown>
		})),
		limit: LIMIT,
		timeZone
	};
};
