import type { RequestHandler } from './$types';
import { shotStatsOfGroups } from '$lib/metrics/shots';
import { microsToUsd } from '$lib/metrics/money';
import { laborQueryExtra } from '$lib/schemas/queries';
import { db } from '$lib/server/app';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { laborRate, workspaceTimeZone } from '$lib/server/workspaces';
import { shotGroups } from '$lib/server/queries/shots';

/**
 * Per model: shots, attempts and cost to the first keep (histogram, median), abandoned shots, and the
 * shots' review time priced at the labour rate.
 */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const { workspaceId } = owner;
		const database = db();
		const timeZone = await workspaceTimeZone(database, workspaceId);
		const { laborUsdPerHour, ...filters } = parseQuery(event.url, timeZone, laborQueryExtra);
		const rate = await laborRate(database, workspaceId, laborUsdPerHour);
		const groups = await shotGroups(database, workspaceId, scopeToKey(owner, filters));
		return {
			laborUsdPerHour: rate === null ? null : microsToUsd(rate),
			models: shotStatsOfGroups(groups, rate)
		};
	});
