// Query parameters to validated filters, for every read endpoint.
import { z } from 'zod';
import { filtersSchema, searchParamsToObject } from '$lib/schemas/filters';
import { ApiError, zodIssues } from './errors';

/** The filters of a URL, plus any endpoint-specific parameters in `extra`; 400 on anything else. */
export function parseQuery<T extends z.ZodRawShape = Record<never, never>>(url: URL, extra?: T) {
	const schema = extra ? filtersSchema.safeExtend(extra) : filtersSchema;
	const parsed = schema.safeParse(searchParamsToObject(url.searchParams));
	if (!parsed.success) throw new ApiError(400, 'invalid query parameters', zodIssues(parsed.error));
	return parsed.data as z.infer<typeof filtersSchema> & z.infer<z.ZodObject<T>>;
}
