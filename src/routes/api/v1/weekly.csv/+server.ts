import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { weeklyCsvResponse } from '$lib/server/export/respond';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond } from '$lib/server/http';

/** Figures per ISO week and model in [from, to) as CSV. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const { workspaceId } = await authorize(event, 'read');
		return weeklyCsvResponse(db(), workspaceId, parseQuery(event.url));
	});
