import type { RequestHandler } from './$types';
import { microsToUsd } from '$lib/metrics/money';
import { laborQueryExtra } from '$lib/schemas/queries';
import { db } from '$lib/server/app';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { laborRate, workspaceTimeZone } from '$lib/server/workspaces';
import { rejectReasons } from '$lib/server/queries/reject-reasons';
import { recategorising } from '$lib/server/reasons/recategorise';

/**
 * Decided attempts not kept over [from, to), per reject category, in total and per model: their cost and
 * the review time spent on them, priced at the labour rate.
 */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const { workspaceId } = owner;
		const database = db();
		const timeZone = await workspaceTimeZone(database, workspaceId);
		const { laborUsdPerHour, ...filters } = parseQuery(event.url, timeZone, laborQueryExtra);
		const rate = await laborRate(database, workspaceId, laborUsdPerHour);
		const { reasons, models } = await rejectReasons(
			database,
			workspaceId,
			scopeToKey(owner, filters),
			{},
			rate
		);
		return {
			laborUsdPerHour: rate === null ? null : microsToUsd(rate),
			reasons,
			models,
			recategorising: await recategorising(database, workspaceId)
		};
	});
