import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { attemptsCsvResponse } from '$lib/server/export/respond';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond } from '$lib/server/http';

/** Every attempt in [from, to) as CSV, streamed. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const { workspaceId } = await authorize(event, 'read');
		return attemptsCsvResponse(db(), workspaceId, parseQuery(event.url));
	});
