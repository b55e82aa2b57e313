import type { RequestHandler } from './$types';
import { recommendationsQueryExtra } from '$lib/schemas/queries';
import { db } from '$lib/server/app';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { laborRate, workspaceTimeZone } from '$lib/server/workspaces';
import { microsToUsd } from '$lib/metrics/money';
import { recommendations } from '$lib/server/queries/recommendations';

/**
 * Per family pair: the recommended tier, how sure, what it saves and why, overall and per segment of one
 * dimension (`segmentsBy`, default the what-if's), and the what-if over the segments of `whatIf`.
 */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const { workspaceId } = owner;
		const database = db();
		const timeZone = await workspaceTimeZone(database, workspaceId);
		const { whatIf, segmentsBy, laborUsdPerHour, ...filters } = parseQuery(
			event.url,
			timeZone,
			recommendationsQueryExtra
		);
		const rate = await laborRate(database, workspaceId, laborUsdPerHour);
		const pairs = await recommendations(database, workspaceId, scopeToKey(owner, filters), {
			whatIf,
			segmentsBy,
			laborRate: rate
		});
		return { laborUsdPerHour: rate === null ? null : microsToUsd(rate), pairs };
	});
