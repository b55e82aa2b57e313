// Filters shared by the API and the pages: a time range [from, to) on createdAt, a project, a model, tags.
// A date means the day in the workspace's time zone, in the API as on the pages.
import { z } from 'zod';
import { slug } from './attempt';
import { inYearRange, storableString, YEAR_MESSAGE } from './safe-input';
import { startOfDay } from '$lib/metrics/time-zones';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date (YYYY-MM-DD: the instant that day starts in `timeZone`, as the pages read their days) or an ISO
 * 8601 date-time with an offset (that instant, whatever the zone), in a year the database holds.
 */
export const instantIn = (timeZone: string) =>
	z
		.string()
		.max(40)
		.refine((v) => (DAY.test(v) || /T.*(Z|[+-]\d{2}:?\d{2})$/.test(v)) && !Number.isNaN(Date.parse(v)), {
			message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone',
			abort: true
		})
		.transform((v) => (DAY.test(v) ? startOfDay(v, timeZone) : new Date(v)))
		.refine((d) => inYearRange(d.getTime()), YEAR_MESSAGE);

/** Dates at midnight UTC: a workspace that sets no time zone. */
export const instant = instantIn('UTC');

/** A read's filters, dates as days in the workspace's zone (docs/figures.md#which-attempts-a-figure-covers). */
export const filtersSchemaIn = (timeZone: string) =>
	z
		.strictObject({
			from: instantIn(timeZone).optional(),
			to: instantIn(timeZone).optional(),
			project: slug.optional(),
			model: storableString().trim().min(1).max(100).optional(),
			tag: z.array(storableString().trim().toLowerCase().min(1).max(50)).max(20).optional()
		})
		.refine((f) => !f.from || !f.to || f.from < f.to, { path: ['to'], message: 'must be after from' });

export const filtersSchema = filtersSchemaIn('UTC');

export type Filters = z.infer<typeof filtersSchema>;

/** Query parameters to the filter object: repeated keys stay lists (tag), the others take the last value. */
export function searchParamsToObject(params: URLSearchParams, repeatable = ['tag']): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key).filter((v) => v !== '');
		if (values.length === 0) continue;
		out[key] = repeatable.includes(key) ? values : values[values.length - 1];
	}
	return out;
}
