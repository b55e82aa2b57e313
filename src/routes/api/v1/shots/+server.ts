import type { RequestHandler } from './$types';
import { shotStatsOfGroups } from '$lib/metrics/shots';
import { db } from '$lib/server/app';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { shotGroups } from '$lib/server/queries/shots';

/** Per model: shots, attempts and cost to the first keep (histogram, median), abandoned shots. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const { workspaceId } = owner;
		const filters = scopeToKey(owner, parseQuery(event.url));
		return { models: shotStatsOfGroups(await shotGroups(db(), workspaceId, filters)) };
	});
