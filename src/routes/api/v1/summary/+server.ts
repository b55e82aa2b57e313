import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { workspaceTimeZone } from '$lib/server/workspaces';
import { summaryByModel } from '$lib/server/queries/summary-by-model';

/** Per-model figures and per-family comparisons over [from, to), optionally for a project, model, tags. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const { workspaceId } = owner;
		const database = db();
		const timeZone = await workspaceTimeZone(database, workspaceId);
		const filters = scopeToKey(owner, parseQuery(event.url, timeZone));
		const { models, comparisons } = await summaryByModel(database, workspaceId, filters);
		return { models, comparisons };
	});
