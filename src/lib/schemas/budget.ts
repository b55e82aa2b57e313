import { z } from 'zod';
import { slug } from './attempt';

export const periodSchema = z.enum(['week', 'month']);

export const budgetInputSchema = z.strictObject({
	/** Absent or '': the whole workspace. */
	project: z.union([slug, z.literal('')]).default(''),
	period: periodSchema,
	amountUsd: z.number().positive().max(1_000_000_000),
	startsOn: z.iso.date({ message: 'must be a date, YYYY-MM-DD' })
});

export type BudgetInput = z.infer<typeof budgetInputSchema>;

export const isoWeekSchema = z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week, e.g. 2026-W48');
