import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { workspaceTimeZone } from '$lib/server/workspaces';
import { rejectReasons } from '$lib/server/queries/reject-reasons';
import { recategorising } from '$lib/server/reasons/recategorise';

/** Decided attempts not kept over [from, to), per reject category, in total and per model. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const { workspaceId } = owner;
		const database = db();
		const timeZone = await workspaceTimeZone(database, workspaceId);
		const filters = scopeToKey(owner, parseQuery(event.url, timeZone));
		const { reasons, models } = await rejectReasons(database, workspaceId, filters);
		return { reasons, models, recategorising: await recategorising(database, workspaceId) };
	});
