import type { RequestHandler } from './$types';
import { searchParamsToObject } from '$lib/schemas/filters';
import { weeklyQuerySchema } from '$lib/schemas/queries';
import { isoWeekLabel, mondayOf } from '$lib/metrics/weeks';
import { dayOf } from '$lib/metrics/time-zones';
import { db } from '$lib/server/app';
import { ApiError, zodIssues } from '$lib/server/errors';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { weeklyReview } from '$lib/server/queries/weekly-review';
import { laborRate, workspaceTimeZone } from '$lib/server/workspaces';
import { microsToUsd } from '$lib/metrics/money';

/** The weekly review of an ISO week (default: the current one) in the workspace's time zone. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const { workspaceId } = owner;
		const parsed = weeklyQuerySchema.safeParse(searchParamsToObject(event.url.searchParams));
		if (!parsed.success) throw new ApiError(400, 'invalid query parameters', zodIssues(parsed.error));
		const database = db();
		const week =
			parsed.data.week ??
			isoWeekLabel(mondayOf(dayOf(new Date(), await workspaceTimeZone(database, workspaceId))));
		const { project } = scopeToKey(owner, { project: parsed.data.project });
		const rate = await laborRate(database, workspaceId, parsed.data.laborUsdPerHour);
		const review = await weeklyReview(database, workspaceId, week, project, new Date(), { laborRate: rate });
		return { laborUsdPerHour: rate === null ? null : microsToUsd(rate), ...review };
	});
