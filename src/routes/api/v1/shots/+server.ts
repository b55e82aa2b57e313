import type { RequestHandler } from './$types';
import { shotStatsOfGroups } from '$lib/metrics/shots';
import { db } from '$lib/server/app';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { workspaceTimeZone } from '$lib/server/workspaces';
import { shotGroups } from '$lib/server/queries/shots';

/** Per model: shots, attempts and cost to the first keep (histogram, median), abandoned shots. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const { workspaceId } = owner;
		const database = db();
		const timeZone = await workspaceTimeZone(database, workspaceId);
		const filters = scopeToKey(owner, parseQuery(event.url, timeZone));
		return { models: shotStatsOfGroups(await shotGroups(database, workspaceId, filters)) };
	});
