// Query parameters to validated filters, for every read endpoint, and ids taken from a path.
import { z } from 'zod';
import { attemptId } from '$lib/schemas/attempt';
import { filtersSchemaIn, searchParamsToObject, type Filters } from '$lib/schemas/filters';
import { ApiError, zodIssues } from './errors';

/**
 * The filters of a URL, plus any endpoint-specific parameters in `extra`; 400 on anything else. A date
 * (`from=2026-11-02`) starts at midnight in `timeZone`, the workspace's, as on the pages.
 */
export function parseQuery<T extends z.ZodRawShape = Record<never, never>>(
	url: URL,
	timeZone: string,
	extra?: T
) {
	const filters = filtersSchemaIn(timeZone);
	const schema = extra ? filters.safeExtend(extra) : filters;
	const parsed = schema.safeParse(searchParamsToObject(url.searchParams));
	if (!parsed.success) throw new ApiError(400, 'invalid query parameters', zodIssues(parsed.error));
	return parsed.data as Filters & z.infer<z.ZodObject<T>>;
}

/** An attempt id from a path (/api/v1/attempts/{id}); 400 on one that no attempt could have. */
export function parseAttemptId(id: string): string {
	const parsed = attemptId.safeParse(id);
	if (!parsed.success) {
		throw new ApiError(
			400,
			'invalid attempt id in the path',
			zodIssues(parsed.error).map((i) => ({ ...i, path: 'id' }))
		);
	}
	return parsed.data;
}
