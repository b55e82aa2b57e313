import { z } from 'zod';
import { slug } from './attempt';
import { mondayOfIsoWeek } from '$lib/metrics/time-zones';
import { inYearRange, MAX_YEAR, MIN_YEAR, YEAR_MESSAGE } from './safe-input';

export const periodSchema = z.enum(['week', 'month']);

export const budgetInputSchema = z.strictObject({
	/** Absent or '': the whole workspace. */
	project: z.union([slug, z.literal('')]).default(''),
	period: periodSchema,
	amountUsd: z.number().positive().max(1_000_000_000),
	startsOn: z.iso
		.date({ message: 'must be a date, YYYY-MM-DD', abort: true })
		.refine((v) => inYearRange(Date.parse(`${v}T00:00:00Z`)), YEAR_MESSAGE)
});

export type BudgetInput = z.infer<typeof budgetInputSchema>;

/** An ISO week that exists (2026-W53 does, 2025-W53 does not), in a year the database holds. */
export const isoWeekSchema = z
	.string()
	.regex(/^\d{4}-W\d{2}$/, { message: 'must be an ISO week, e.g. 2026-W48', abort: true })
	.refine((w) => Number(w.slice(0, 4)) >= MIN_YEAR && Number(w.slice(0, 4)) <= MAX_YEAR, {
		message: YEAR_MESSAGE,
		abort: true
	})
	.refine(
		(w) => mondayOfIsoWeek(w) !== null,
		'must be a week of its year: W01 to W52, or W53 in a long year'
	);
