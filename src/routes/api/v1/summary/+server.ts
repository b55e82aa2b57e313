import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { laborRate, workspaceTimeZone } from '$lib/server/workspaces';
import { laborQueryExtra } from '$lib/schemas/queries';
import { microsToUsd } from '$lib/metrics/money';
import { summaryByModel } from '$lib/server/queries/summary-by-model';

/** Per-model figures and per-family comparisons over [from, to), optionally for a project, model, tags. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const { workspaceId } = owner;
		const database = db();
		const timeZone = await workspaceTimeZone(database, workspaceId);
		const { laborUsdPerHour, ...filters } = parseQuery(event.url, timeZone, laborQueryExtra);
		const rate = await laborRate(database, workspaceId, laborUsdPerHour);
		const { models, comparisons } = await summaryByModel(database, workspaceId, scopeToKey(owner, filters), {
			laborRate: rate
		});
		return { laborUsdPerHour: rate === null ? null : microsToUsd(rate), models, comparisons };
	});
