import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { weeklyCsvResponse } from '$lib/server/export/respond';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';

/** Figures per ISO week and model in [from, to) as CSV. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		return weeklyCsvResponse(db(), owner.workspaceId, scopeToKey(owner, parseQuery(event.url)));
	});
