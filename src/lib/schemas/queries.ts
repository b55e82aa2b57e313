// The query parameters of the API's endpoints beyond the shared filters (filters.ts): one place for the
// handlers that read them and the OpenAPI document that describes them.
import { z } from 'zod';
import { slug } from './attempt';
import { isoWeekSchema } from './budget';
import { laborRateQuerySchema } from './labour';
import { dimensionSchema, whatIfDimensionSchema } from './segments';

/** The figure endpoints that price review time: a rate for this answer instead of the workspace's. */
export const laborQueryExtra = { laborUsdPerHour: laborRateQuerySchema.optional() };

/** GET /api/v1/recommendations, added to the filters. */
export const recommendationsQueryExtra = {
	whatIf: whatIfDimensionSchema.default('project'),
	segmentsBy: dimensionSchema.optional(),
	...laborQueryExtra
};

/** GET /api/v1/weekly: an ISO week (default: the current one), a project and a labour rate. */
export const weeklyQuerySchema = z.strictObject({
	week: isoWeekSchema.optional(),
	project: slug.optional(),
	...laborQueryExtra
});

/** POST /api/v1/imports (and the import page's upload). */
export const importQuerySchema = z.strictObject({
	dryRun: z
		.enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
		.transform((v) => v === 'true' || v === '1')
		.optional()
});
