import type { RequestHandler } from './$types';
import { filtersSchema, searchParamsToObject } from '$lib/schemas/filters';
import { db } from '$lib/server/app';
import { ApiError, zodIssues } from '$lib/server/errors';
import { authorize, respond } from '$lib/server/http';
import { summaryByModel } from '$lib/server/queries/summary-by-model';

/** Per-model figures and per-family comparisons over [from, to), optionally for a project, model, tags. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const { workspaceId } = await authorize(event, 'read');
		const parsed = filtersSchema.safeParse(searchParamsToObject(event.url.searchParams));
		if (!parsed.success) throw new ApiError(400, 'invalid filters', zodIssues(parsed.error));
		const { models, comparisons } = await summaryByModel(db(), workspaceId, parsed.data);
		return { models, comparisons };
	});
