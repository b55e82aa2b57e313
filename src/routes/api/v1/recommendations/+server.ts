import type { RequestHandler } from './$types';
import { whatIfDimensionSchema } from '$lib/schemas/segments';
import { db } from '$lib/server/app';
import { parseQuery } from '$lib/server/filters-from-url';
import { authorize, respond, scopeToKey } from '$lib/server/http';
import { recommendations } from '$lib/server/queries/recommendations';

/** Per family pair and per segment: the recommended tier, how sure, what it saves, and why. */
export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const { workspaceId } = owner;
		const { whatIf, ...filters } = parseQuery(event.url, {
			whatIf: whatIfDimensionSchema.default('project')
		});
		return { pairs: await recommendations(db(), workspaceId, scopeToKey(owner, filters), whatIf) };
	});
