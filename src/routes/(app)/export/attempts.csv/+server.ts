import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { workspaceOf } from '$lib/server/context';
import { attemptsCsvResponse } from '$lib/server/export/respond';
import { pageRange } from '$lib/server/page-range';
import { workspaceTimeZone } from '$lib/server/workspaces';

/** The dashboard's "Attempts CSV" button: every attempt of ?from=&until=&project=, for the signed-in workspace. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const range = pageRange(url, await workspaceTimeZone(database, workspaceId));
	// A download must hold what was asked for, never a silently different default range.
	if (range.errors) error(400, `Cannot export: ${range.errors.join('; ')}`);
	return attemptsCsvResponse(database, workspaceId, range.filters);
};
