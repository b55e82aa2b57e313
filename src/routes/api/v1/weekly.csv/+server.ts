import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { weeklyCsvResponse } from '$lib/server/export/respond';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { laborQueryExtra } from '$lib/schemas/queries';
import { workspaceTimeZone } from '$lib/server/workspaces';

/** Figures per ISO week and model in [from, to) as CSV. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const database = db();
		const timeZone = await workspaceTimeZone(database, owner.workspaceId);
		const { laborUsdPerHour, ...filters } = parseQuery(event.url, timeZone, laborQueryExtra);
		return weeklyCsvResponse(database, owner.workspaceId, scopeToKey(owner, filters), laborUsdPerHour);
	});
